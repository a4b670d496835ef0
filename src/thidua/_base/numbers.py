"""Numbers written the Vietnamese way, and read in a declared convention.

Vietnamese writes a dot between thousands and a comma before the decimals
("1.000 điểm", "95,5"); the international convention does the opposite
("1,000", "95.5"). The same text can mean two numbers ("1.000" is one thousand
in one convention and one in the other), so text is read only in a convention
the caller declares: nothing is guessed. Decimals keep every digit they were
written with ("95,50" reads as ``Decimal("95.50")``).
"""

from __future__ import annotations

import enum
import re
from decimal import Decimal
from typing import Final

from thidua.errors import NumberFormatError

__all__ = ["NumberConvention", "format_number", "format_number_vi", "parse_number"]


class NumberConvention(enum.StrEnum):
    """How a text writes numbers: which marks separate thousands and decimals."""

    VIETNAMESE = "vietnamese"
    """Dot between thousands, comma before decimals: ``1.000,5``."""
    INTERNATIONAL = "international"
    """Comma between thousands, dot before decimals: ``1,000.5``."""

    @property
    def marks(self) -> tuple[str, str]:
        """The thousands separator and the decimal mark."""
        return (".", ",") if self is NumberConvention.VIETNAMESE else (",", ".")

    @property
    def example(self) -> str:
        """One thousand and a half, as this convention writes it."""
        thousands, decimal = self.marks
        return f"1{thousands}000{decimal}5"


_MINUS: Final = ("-", "\u2212")  # hyphen-minus and the minus sign
_MAX_INTEGER_DIGITS: Final = 18
_MAX_FRACTION_DIGITS: Final = 12


def _pattern(convention: NumberConvention) -> re.Pattern[str]:
    thousands, decimal = (re.escape(mark) for mark in convention.marks)
    grouped = rf"[0-9]{{1,3}}(?:{thousands}[0-9]{{3}})+"
    return re.compile(rf"(?P<integer>{grouped}|[0-9]+)(?:{decimal}(?P<fraction>[0-9]+))?")


_PATTERNS: Final = {convention: _pattern(convention) for convention in NumberConvention}


def parse_number(text: str, convention: NumberConvention) -> Decimal:
    """Read a number written in *convention*, keeping every digit.

    Thousands separators are optional but, when present, must group by three;
    surrounding white space is ignored; a leading ``-`` (or ``−``) makes it
    negative. Leading zeros are allowed ("08").

    Args:
        text: The number as written, such as ``"1.000"`` or ``"95,5"``.
        convention: How *text* writes numbers; there is no default on purpose.

    Raises:
        NumberFormatError: *text* is not a number in *convention* (code
            ``unreadable-number``), or has more than 18 integer or 12 decimal digits.

    >>> parse_number("1.000", NumberConvention.VIETNAMESE)
    Decimal('1000')
    >>> parse_number("1.000", NumberConvention.INTERNATIONAL)
    Decimal('1.000')
    >>> parse_number("95,50", NumberConvention.VIETNAMESE)
    Decimal('95.50')
    """
    convention = NumberConvention(convention)
    body = text.strip()
    negative = body.startswith(_MINUS)
    if negative:
        body = body[1:]
    match = _PATTERNS[convention].fullmatch(body)
    if match is None:
        msg = (
            f"{text!r} is not a number in the {convention} convention"
            f" (one thousand and a half is written {convention.example!r})"
        )
        details = {"value": text, "convention": convention.value, "example": convention.example}
        raise NumberFormatError(msg, details=details)
    thousands, _ = convention.marks
    integer = match["integer"].replace(thousands, "").lstrip("0") or "0"
    fraction = match["fraction"]
    if len(integer) > _MAX_INTEGER_DIGITS or (
        fraction is not None and len(fraction) > _MAX_FRACTION_DIGITS
    ):
        msg = (
            f"{text!r} has too many digits: at most {_MAX_INTEGER_DIGITS} before"
            f" and {_MAX_FRACTION_DIGITS} after the decimal mark"
        )
        raise NumberFormatError(msg, code="too-many-digits", details={"value": text})
    digits = integer if fraction is None else f"{integer}.{fraction}"
    return Decimal(f"-{digits}" if negative else digits)


def format_number(
    value: Decimal | int, convention: NumberConvention, *, grouping: bool = True
) -> str:
    """Write a number in *convention*, keeping every digit of a decimal.

    Args:
        value: A finite number; a :class:`~decimal.Decimal` keeps its decimal places.
        convention: How to write it.
        grouping: Whether to separate thousands.

    Raises:
        ValueError: *value* is not finite (NaN or infinity).

    >>> from decimal import Decimal
    >>> format_number(Decimal("1234.50"), NumberConvention.INTERNATIONAL)
    '1,234.50'
    """
    number = Decimal(value)
    if not number.is_finite():
        msg = f"cannot write {number} as a number"
        raise ValueError(msg)
    thousands, decimal = NumberConvention(convention).marks
    plain = format(number, "f")
    sign = "-" if plain.startswith("-") else ""
    integer, _, fraction = plain.removeprefix("-").partition(".")
    if grouping:
        integer = f"{int(integer):,}".replace(",", thousands)
    return sign + integer + (decimal + fraction if fraction else "")


def format_number_vi(value: Decimal | int, *, grouping: bool = True) -> str:
    """Write a number the Vietnamese way: ``"1.000"``, ``"95,5"``, ``"-1.234,50"``.

    Args:
        value: A finite number; a :class:`~decimal.Decimal` keeps its decimal places.
        grouping: Whether to separate thousands (``"1.000"``) or not (``"1000"``).

    >>> from decimal import Decimal
    >>> format_number_vi(Decimal("1000"))
    '1.000'
    >>> format_number_vi(Decimal("95.5"))
    '95,5'
    """
    return format_number(value, NumberConvention.VIETNAMESE, grouping=grouping)
