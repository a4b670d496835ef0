"""Exact arithmetic for scores: fractions inside, decimals at the edges, declared rounding."""

from __future__ import annotations

import enum
import math
from decimal import Context, Decimal, Inexact, Rounded
from fractions import Fraction

from thidua._base.numbers import format_number_vi
from thidua.errors import InvalidModelError

__all__ = [
    "Ratio",
    "RoundingMode",
    "above",
    "add",
    "as_fraction",
    "finite_denominator",
    "is_finite",
    "is_finite_decimal",
    "round_fraction",
    "round_scaled",
    "text",
    "to_decimal",
    "vn",
]


Ratio = tuple[int, int]
"""An exact value as ``(numerator, denominator)``, the denominator above 0.

The engine computes on these pairs rather than on :class:`~fractions.Fraction` objects:
the same exact values without an object (and a gcd) per step.
"""


def as_fraction(value: Ratio) -> Fraction:
    """The ratio as a :class:`Fraction`."""
    return Fraction(*value)


def add(a: Ratio, b: Ratio) -> Ratio:
    """``a + b``; denominators kept when equal (the usual case after rounding)."""
    if a[1] == b[1]:
        return a[0] + b[0], a[1]
    return a[0] * b[1] + b[0] * a[1], a[1] * b[1]


def above(a: Ratio, b: Ratio) -> bool:
    """``a > b``."""
    return a[0] * b[1] > b[0] * a[1]


def is_finite(value: Ratio) -> bool:
    """Tell whether the value has a finite decimal expansion."""
    return finite_denominator(value[1] // math.gcd(*value))


class RoundingMode(enum.StrEnum):
    """How a value is rounded to its declared number of places."""

    HALF_UP = "half-up"
    """Halves away from zero (1.25 -> 1.3), as most tables are read."""
    HALF_EVEN = "half-even"
    """Halves to the even digit (1.25 -> 1.2, 1.35 -> 1.4)."""
    DOWN = "down"
    """Towards zero: the extra digits are dropped (1.29 -> 1.2)."""
    UP = "up"
    """Away from zero (1.21 -> 1.3)."""


#: The context of every Decimal operation on totals and traces: far more digits than the
#: documented 18 + 12 (and their sums), and any rounding an error, never a silent change.
EXACT: Context = Context(prec=200, traps=[Inexact, Rounded])


def is_finite_decimal(value: Fraction) -> bool:
    """Tell whether *value* has a finite decimal expansion (its denominator is 2^a 5^b)."""
    return finite_denominator(value.denominator)


def finite_denominator(den: int) -> bool:
    """Tell whether a fraction in lowest terms with denominator *den* ends in decimal."""
    for prime in (2, 5):
        while den % prime == 0:
            den //= prime
    return den == 1


def to_decimal(value: Fraction) -> Decimal:
    """Return a fraction with a finite decimal expansion as its shortest :class:`Decimal`.

    Raises:
        InvalidModelError: the expansion does not end (``1/3``).
    """
    if not is_finite_decimal(value):
        msg = f"{value} has no finite decimal expansion"
        raise InvalidModelError(msg, code="inexact")
    # Integer arithmetic only: the places needed are the larger power of 2 or 5 in the
    # denominator, and the scaled value is an exact integer (no Fraction per step).
    den = value.denominator
    twos = fives = 0
    while den % 2 == 0:
        den //= 2
        twos += 1
    while den % 5 == 0:
        den //= 5
        fives += 1
    places = max(twos, fives)
    scaled = value.numerator * (10**places // value.denominator)
    result = Decimal(scaled).scaleb(-places, context=EXACT)
    if result == 0:
        return Decimal(0)
    normal = result.normalize(context=EXACT)
    sign, digits, exponent = normal.as_tuple()
    if isinstance(exponent, int) and exponent > 0:
        return Decimal((sign, (*digits, *(0,) * exponent), 0))
    return normal


def round_fraction(value: Fraction, places: int, mode: RoundingMode) -> Fraction:
    """Round *value* to *places* decimal places in *mode*, exactly."""
    return Fraction(round_scaled(value.numerator, value.denominator, places, mode), 10**places)


def round_scaled(numerator: int, denominator: int, places: int, mode: RoundingMode) -> int:
    """Round ``numerator / denominator`` to *places* places; the result times ``10**places``.

    The denominator is above 0.
    """
    # On integers: |value| x scale = whole + rest / den, and rest / den is compared
    # with 1/2 as 2 x rest against den (no intermediate Fraction objects).
    sign = -1 if numerator < 0 else 1
    scale: int = 10**places
    whole, rest = divmod(abs(numerator) * scale, denominator)
    if mode is RoundingMode.DOWN:
        up = False
    elif mode is RoundingMode.UP:
        up = rest > 0
    elif mode is RoundingMode.HALF_UP:
        up = 2 * rest >= denominator
    else:
        up = 2 * rest > denominator or (2 * rest == denominator and whole % 2 == 1)
    return sign * (whole + int(up))


def text(value: Fraction) -> str:
    """Write *value* for people: a decimal when finite, else a fraction ``"5/3"``."""
    if is_finite_decimal(value):
        return format(to_decimal(value), "f")
    return f"{value.numerator}/{value.denominator}"


def vn(value: Decimal | Fraction) -> str:
    """Write an exact value for a Vietnamese text, through :func:`~thidua.format_number_vi`.

    A fraction with no finite decimal form stays a fraction: ``5/3``.

    >>> vn(Decimal("1234.5")), vn(Fraction(5, 3)), vn(Decimal("-0.50"))
    ('1.234,5', '5/3', '-0,50')
    """
    if isinstance(value, Fraction):
        if not is_finite_decimal(value):
            return f"{value.numerator}/{value.denominator}"
        value = to_decimal(value)
    return format_number_vi(value)
