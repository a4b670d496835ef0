"""Share caps and quotas per group: how many units may receive an award.

No source gives the rounding of a share cap, so a :class:`ShareCap` declares it
(:class:`Rounding`); :func:`apply_cap` keeps the first candidates that fit and says how
the limit was found.
"""

from __future__ import annotations

import enum
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from fractions import Fraction

import attrs

from thidua._base.text import nfc
from thidua._base.validation import (
    code_tuple,
    code_validator,
    non_blank,
    non_negative,
    positive,
    typed_fields,
)
from thidua.errors import AwardError, InvalidModelError
from thidua.yearend._conditions import share_validator

__all__ = ["CapBase", "CapResult", "GroupQuota", "Rounding", "ShareCap", "apply_cap"]


class Rounding(enum.StrEnum):
    """How a capped share becomes a whole number of units; declared, never defaulted."""

    FLOOR = "floor"
    CEILING = "ceiling"
    HALF_UP = "half-up"
    HALF_EVEN = "half-even"

    def apply(self, value: Fraction) -> int:
        """Round *value* to a whole number."""
        modes = {
            "floor": ROUND_FLOOR,
            "ceiling": ROUND_CEILING,
            "half-up": ROUND_HALF_UP,
            "half-even": ROUND_HALF_EVEN,
        }
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        return int(exact.to_integral_value(rounding=modes[self.value]))


class CapBase(enum.StrEnum):
    """What a share cap is a share of."""

    QUALIFYING_COLLECTIVES = "qualifying-collectives"
    """Collectives meeting the ministry/provincial-flag standard (ND 91/2017 Art 11.1)."""
    GROUP_LEADERS = "group-leaders"
    """Collectives acclaimed as leaders of clusters and blocks (CV 5007/BNV-TĐKT, 2023)."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class ShareCap:
    """At most a share of a base may receive an award (Government flag: 20 %).

    Args:
        award: Code of the capped award.
        max_share: The cap, as a fraction.
        base: What the share is of.
        rounding: How the cap becomes a whole number (no source gives it; declare it).
        first_year: First achievement year covered.
        last_year: Last achievement year covered.
        basis: The legal basis, as text.
    """

    award: str = attrs.field(validator=code_validator)
    max_share: Fraction = attrs.field(validator=share_validator)
    base: CapBase = attrs.field(validator=attrs.validators.instance_of(CapBase))
    rounding: Rounding = attrs.field(validator=attrs.validators.instance_of(Rounding))
    first_year: int = attrs.field()
    last_year: int = attrs.field()
    basis: str = attrs.field(converter=nfc, validator=non_blank)

    def __attrs_post_init__(self) -> None:
        if self.last_year < self.first_year:
            msg = "last_year is before first_year"
            raise InvalidModelError(msg, path="last_year", code="invalid-interval")

    def limit(self, base_count: int) -> int:
        """The most units that may receive the award out of *base_count*."""
        return self.rounding.apply(self.max_share * base_count)

    def covers(self, year: int) -> bool:
        """Whether the cap applies to achievement *year*."""
        return self.first_year <= year <= self.last_year


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class GroupQuota:
    """At most so many units of one group may be proposed for an award.

    Args:
        award: Code of the award.
        max_per_group: The quota.
        first_year: First achievement year covered.
        last_year: Last achievement year covered; ``None`` while in force.
        basis: The legal basis, as text.
    """

    award: str = attrs.field(validator=code_validator)
    max_per_group: int = attrs.field(validator=positive)
    first_year: int = attrs.field()
    last_year: int | None = attrs.field(default=None)
    basis: str = attrs.field(converter=nfc, validator=non_blank)

    def covers(self, year: int) -> bool:
        """Whether the quota applies to achievement *year*."""
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class CapResult:
    """Who fits under a share cap, in the order given.

    Args:
        award: Code of the capped award.
        base_count: The size of the base.
        limit: The most units the cap allows.
        within: Units that fit, in the order given.
        beyond: Units past the cap.
        explanation: How the limit was found.
    """

    award: str = attrs.field(validator=code_validator)
    base_count: int = attrs.field(validator=non_negative)
    limit: int = attrs.field(validator=non_negative)
    within: tuple[str, ...] = attrs.field(validator=code_tuple)
    beyond: tuple[str, ...] = attrs.field(validator=code_tuple)
    explanation: str = attrs.field(converter=nfc, validator=non_blank)


def apply_cap(cap: ShareCap, candidates: tuple[str, ...], base_count: int) -> CapResult:
    """Keep the first candidates that fit under *cap*.

    Args:
        cap: The share cap (its rounding declared).
        candidates: Codes of the candidates, best first (the council's order).
        base_count: The size of the base (qualifying collectives or group leaders).

    Raises:
        AwardError: more candidates than the base holds (``invalid-base``).
    """
    if len(candidates) > base_count:
        msg = f"{len(candidates)} candidates but the base counts only {base_count}"
        raise AwardError(msg, path="base_count", code="invalid-base")
    limit = cap.limit(base_count)
    explanation = (
        f"{cap.max_share} of {base_count} {cap.base.value} = {cap.max_share * base_count},"
        f" rounded {cap.rounding.value} to {limit} [{cap.basis}]"
    )
    return CapResult(
        award=cap.award,
        base_count=base_count,
        limit=limit,
        within=candidates[:limit],
        beyond=candidates[limit:],
        explanation=explanation,
    )
