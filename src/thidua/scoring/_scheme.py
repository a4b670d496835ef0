"""Scoring schemes: the points table as data (criteria tree, adjustments, rounding, bands)."""

from __future__ import annotations

import enum
import itertools
import math
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction

import attrs

from thidua._base.text import nfc, nfc_or_none
from thidua._base.validation import code_validator, non_blank, typed_fields
from thidua.errors import InvalidModelError
from thidua.scoring._codes import item_code
from thidua.scoring._inputs import CountInput, Input, TwoValuesInput, ValueInput, YesNoInput
from thidua.scoring._layers import Layer
from thidua.scoring._methods import (
    Bound,
    Method,
    Tiers,
    TwoInputTiers,
    check_intervals,
)
from thidua.scoring._numbers import RoundingMode, text

__all__ = [
    "Adjustment",
    "Amount",
    "AwardBonus",
    "AwardPoints",
    "Band",
    "Bar",
    "Bonus",
    "Combination",
    "Criterion",
    "CriterionTieBreak",
    "DeductionFloor",
    "Effect",
    "FewerPenalties",
    "Flat",
    "ItemAdjustment",
    "KnockoutRule",
    "LayerRule",
    "MissingRow",
    "Node",
    "PeerRule",
    "PeerStatistic",
    "Penalty",
    "PerCase",
    "RoundingRule",
    "RoundingStep",
    "Scheme",
    "Section",
    "SectionTieBreak",
    "SharedCap",
    "Stacking",
    "TieBreak",
    "Waiver",
    "band_gaps",
]


def _opt_text() -> str | None:
    return attrs.field(default=None, converter=nfc_or_none)


def _non_negative(path: str, value: Decimal | None, what: str) -> None:
    if value is not None and value < 0:
        msg = f"{what} {format(value, 'f')} is negative"
        raise InvalidModelError(msg, path=path, code="negative-points")


def _positive(path: str, value: Decimal | None, what: str) -> None:
    if value is not None and value <= 0:
        msg = f"{what} must be above 0"
        raise InvalidModelError(msg, path=path, code="not-positive")


class RoundingStep(enum.StrEnum):
    """Where declared rounding applies."""

    CRITERION = "criterion"
    """Each criterion's points."""
    SECTION = "section"
    """Each section's subtotal, after its cap."""
    TOTAL = "total"
    """The final total."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class RoundingRule:
    """Declared rounding: a mode, a number of places and the steps where it applies.

    Args:
        mode: How halves and extra digits are treated.
        places: Decimal places kept, 0 to 6.
        steps: The steps where rounding happens, at least one, each once.
    """

    mode: RoundingMode
    places: int
    steps: tuple[RoundingStep, ...]

    def __attrs_post_init__(self) -> None:
        if not 0 <= self.places <= 6:  # noqa: PLR2004
            raise InvalidModelError("places must be 0 to 6", path="places", code="out-of-range")
        if not self.steps:
            raise InvalidModelError("name at least one step", path="steps", code="empty")
        for index, step in enumerate(self.steps):
            if step in self.steps[:index]:
                msg = f"step {step.value!r} is listed twice"
                raise InvalidModelError(msg, path=f"steps[{index}]", code="duplicate")

    def applies(self, step: RoundingStep) -> bool:
        """Tell whether rounding happens at *step*."""
        return step in self.steps


class MissingRow(enum.StrEnum):
    """What a sheet with no row for a criterion means (the criterion is simply met, ...)."""

    BASE = "base"
    """The criterion gives its base points (điểm chuẩn): met unless a shortcoming is
    recorded."""
    ZERO = "zero"
    """The criterion gives 0."""
    REFUSED = "refused"
    """The sheet is refused as incomplete (the default)."""


class DeductionFloor(enum.StrEnum):
    """Whether a criterion's deductions stop at zero for the item or may go below it."""

    ZERO = "zero"
    """Deductions stop when the item reaches 0 (the default)."""
    NONE = "none"
    """Deductions may take the item below 0."""


class Effect(enum.StrEnum):
    """Whether a criterion's adjustment adds or deducts."""

    BONUS = "bonus"
    """Added on top of the item, as the criterion's bonus."""
    DEDUCTION = "deduction"
    """Deducted from the item."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Flat:
    """A fixed amount when the condition applies (input ``yes-no``, ``met`` = applies).

    Args:
        points: The amount (above 0).
    """

    points: Decimal

    def check(self, path: str) -> None:
        """The amount is above 0."""
        _positive(f"{path}.points", self.points, "points")


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class PerCase:
    """An amount for each case (input ``count``).

    Args:
        points: The amount per case (above 0).
    """

    points: Decimal

    def check(self, path: str) -> None:
        """The amount is above 0."""
        _positive(f"{path}.points", self.points, "points")


Amount = Flat | PerCase | Tiers | TwoInputTiers
"""How an adjustment's amount follows from its input, told apart on the wire by ``kind``:
``flat``, ``per-case``, ``tiers`` (a band of a rate or any one value) or ``tiers-2`` (a
table over two inputs)."""

AMOUNT_INPUTS: dict[type, type] = {
    Flat: YesNoInput,
    PerCase: CountInput,
    Tiers: ValueInput,
    TwoInputTiers: TwoValuesInput,
}
"""The input each kind of amount reads."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Waiver:
    """A declared condition that waives a deduction (the unit found and reported the fault).

    The sheet records it as its own item, input ``yes-no`` (``met`` = waived).

    Args:
        code: Its item code, unique in the scheme.
        label: The condition (Vietnamese).
    """

    code: str = attrs.field(validator=item_code)
    label: str = attrs.field(converter=nfc, validator=non_blank)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class ItemAdjustment:
    """A bonus or deduction of one criterion, computed from its own input.

    Args:
        code: Its item code, unique in the scheme (the sheet's rows name it).
        label: What it is for (Vietnamese).
        effect: Bonus (added on top of the item) or deduction.
        amount: How its input becomes an amount.
        cap: The most it can give or deduct on its own, if bounded.
        shared_cap: The code of a scheme's :class:`SharedCap` it shares with others.
        waiver: The condition that waives it (deductions only), if one is declared.
        legal_basis: The text that sets it, if known.
    """

    code: str = attrs.field(validator=item_code)
    label: str = attrs.field(converter=nfc, validator=non_blank)
    effect: Effect
    amount: Flat | PerCase | Tiers | TwoInputTiers
    cap: Decimal | None = None
    shared_cap: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(item_code)
    )
    waiver: Waiver | None = None
    legal_basis: str | None = _opt_text()

    def __attrs_post_init__(self) -> None:
        _positive("cap", self.cap, "cap")
        amount = self.amount
        if isinstance(amount, Flat | PerCase):
            amount.check("amount")
        else:
            points = (
                [t.points for t in amount.tiers]
                if isinstance(amount, Tiers)
                else [p for row in amount.points for p in row]
            )
            amount.check(max(points), "amount")
        if self.waiver is not None and self.effect is not Effect.DEDUCTION:
            msg = "only a deduction can be waived"
            raise InvalidModelError(msg, path="waiver", code="inconsistent")

    @property
    def input_type(self) -> type[Input]:
        """The input the sheet gives it."""
        return AMOUNT_INPUTS[type(self.amount)]


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class SharedCap:
    """One cap shared by several adjustments (their amounts together never pass it).

    The cap is spent in table order: the first adjustments take it first.

    Args:
        code: Its code, unique in the scheme.
        label: What it limits (Vietnamese).
        cap: The most the adjustments sharing it can give or deduct together.
    """

    code: str = attrs.field(validator=item_code)
    label: str = attrs.field(converter=nfc, validator=non_blank)
    cap: Decimal

    def __attrs_post_init__(self) -> None:
        _positive("cap", self.cap, "cap")


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Criterion:
    """A scored item (tiêu chí): a leaf of the tree.

    Args:
        code: Stable code, unique in the scheme.
        label: The criterion as the table words it (Vietnamese).
        max_points: The maximum points (điểm tối đa), such as ``9.98``.
        method: How its input becomes points.
        bonus_cap: The most bonus points the criterion itself can give, if it gives any:
            entered bonuses, its bonus adjustments and what its method gives above the
            maximum, together. A method that can give more than the maximum needs one.
        legal_basis: The text that sets it (plain text), if known.
        assessed_by: The office that assesses it, if one is named.
        base_points: Its base points (điểm chuẩn), given when the sheet has no row and the
            missing-row rule is ``base``; ``None`` for the most its method gives within
            the maximum.
        missing: What a missing row means for it; ``None`` for the scheme's rule.
        precedence: The layers whose figure counts, first present first ("final, else
            appraisal, else self"); these layers may also enter points (a ``points``
            input) on a computed item. Empty for the scheme's layer rule.
        adjustments: Its bonuses and deductions computed from inputs.
        deduction_cap: The most its deductions may take together, if bounded.
    """

    code: str = attrs.field(validator=item_code)
    label: str = attrs.field(converter=nfc, validator=non_blank)
    max_points: Decimal
    method: Method
    bonus_cap: Decimal | None = None
    legal_basis: str | None = _opt_text()
    assessed_by: str | None = _opt_text()
    base_points: Decimal | None = None
    missing: MissingRow | None = None
    precedence: tuple[Layer, ...] = ()
    adjustments: tuple[ItemAdjustment, ...] = ()
    deduction_cap: Decimal | None = None

    def __attrs_post_init__(self) -> None:
        _non_negative("max_points", self.max_points, "max_points")
        _positive("bonus_cap", self.bonus_cap, "bonus_cap")
        _positive("deduction_cap", self.deduction_cap, "deduction_cap")
        self.method.check(self.max_points, "method")
        most = self.method.ceiling(self.max_points)
        if self.bonus_cap is None and (most is None or most > self.max_points):
            said = "no limit" if most is None else text(most)
            msg = (
                f"the method can give {said} points, more than the maximum"
                f" {format(self.max_points, 'f')}: declare the excess as the criterion's"
                " bonus with its cap (bonus_cap), or bound the method (cap_percent 100)"
            )
            raise InvalidModelError(msg, path="bonus_cap", code="undeclared-excess")
        if self.base_points is not None:
            _non_negative("base_points", self.base_points, "base_points")
            if self.base_points > self.max_points:
                msg = "base_points is above max_points"
                raise InvalidModelError(msg, path="base_points", code="out-of-range")
        for index, layer in enumerate(self.precedence):
            if layer in self.precedence[:index]:
                msg = f"layer {layer.value!r} is listed twice"
                raise InvalidModelError(msg, path=f"precedence[{index}]", code="duplicate")

    def ceiling(self) -> Fraction:
        """The most points the criterion can give in the tree: at most its maximum.

        Points entered over a computed item (a declared precedence) reach the maximum.
        """
        most = self.method.ceiling(self.max_points)
        top = Fraction(self.max_points)
        within = top if most is None or self.precedence else min(most, top)
        if self.base_points is not None:
            within = max(within, Fraction(self.base_points))
        return within

    def base(self) -> Decimal:
        """Its base points (điểm chuẩn).

        ``base_points``, else the most its method gives within the maximum (the maximum
        itself for most methods).
        """
        if self.base_points is not None:
            return self.base_points
        most = self.ceiling()
        assert most is not None  # noqa: S101 - a criterion's ceiling is bounded
        return Decimal(most.numerator) / Decimal(most.denominator)

    def bonus_ceiling(self) -> Fraction | None:
        """The most bonus the criterion can give (``None`` when unbounded)."""
        if self.bonus_cap is not None:
            return Fraction(self.bonus_cap)
        parts: list[Fraction | None] = [
            None if a.cap is None else Fraction(a.cap)
            for a in self.adjustments
            if a.effect is Effect.BONUS
        ]
        return _sum_or_none(parts)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Section:
    """A group of criteria or sections (mục), whose cap applies to its children's sum.

    The children need not add up to the cap: the sum is cut at the cap when it exceeds it.

    Args:
        code: Stable code, unique in the scheme.
        label: The section's heading (Vietnamese).
        children: Its criteria and sub-sections, at least one.
        cap: The most points the section can give, or ``None`` for the plain sum.
        legal_basis: The text that sets it (plain text), if known.
        assessed_by: The office that assesses it, if one is named.
    """

    code: str = attrs.field(validator=item_code)
    label: str = attrs.field(converter=nfc, validator=non_blank)
    children: tuple[Section | Criterion, ...]
    cap: Decimal | None = None
    legal_basis: str | None = _opt_text()
    assessed_by: str | None = _opt_text()

    def __attrs_post_init__(self) -> None:
        if not self.children:
            raise InvalidModelError("a section needs children", path="children", code="empty")
        _non_negative("cap", self.cap, "cap")
        if self.cap is None:
            return
        for index, child in enumerate(self.children):
            ceiling = child.ceiling()
            if ceiling is not None and ceiling > self.cap:
                msg = (
                    f"{child.code!r} can give {text(ceiling)} points, more than the section's"
                    f" cap {format(self.cap, 'f')}"
                )
                raise InvalidModelError(msg, path=f"children[{index}]", code="child-exceeds-cap")

    def ceiling(self) -> Fraction | None:
        """The most points the section can give (``None`` when unbounded)."""
        ceilings = [child.ceiling() for child in self.children]
        total = _sum_or_none(ceilings)
        if self.cap is None:
            return total
        return Fraction(self.cap) if total is None else min(total, Fraction(self.cap))


Node = Section | Criterion
"""A node of the criteria tree, told apart on the wire by ``kind``."""


class Bar(enum.StrEnum):
    """What a knockout bars a unit from, whatever its total."""

    CLASSIFICATION = "classification"
    """Any classification band (xếp loại)."""
    TITLE = "title"
    """Emulation titles and awards proposed on the result."""
    LEADING = "leading"
    """Being named the group's leader (dẫn đầu)."""


class Stacking(enum.StrEnum):
    """How several award bonuses held in one year combine."""

    HIGHEST = "highest"
    """Only the highest bonus counts."""
    SUM = "sum"
    """All bonuses add up (then the cap, if any)."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Bonus:
    """Bonus points for the whole table (điểm thưởng), entered or counted per case.

    The input is ``points`` when ``per_case`` is ``None``, else a ``count`` of cases.

    Args:
        code: Stable code, unique in the scheme.
        label: What earns it (Vietnamese).
        per_case: Points per case, or ``None`` for points entered directly.
        cap: The most this bonus can give, or ``None``.
        legal_basis: The text that sets it, if known.
    """

    code: str = attrs.field(validator=item_code)
    label: str = attrs.field(converter=nfc, validator=non_blank)
    per_case: Decimal | None = None
    cap: Decimal | None = None
    legal_basis: str | None = _opt_text()

    def __attrs_post_init__(self) -> None:
        _positive("per_case", self.per_case, "per_case")
        _positive("cap", self.cap, "cap")


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class AwardPoints:
    """An award that earns bonus points when held (+10 for a city flag).

    Args:
        code: Stable code, unique within its award bonus.
        label: The award (Vietnamese).
        points: The bonus it earns.
    """

    code: str = attrs.field(validator=code_validator)
    label: str = attrs.field(converter=nfc, validator=non_blank)
    points: Decimal

    def __attrs_post_init__(self) -> None:
        _positive("points", self.points, "points")


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class AwardBonus:
    """Bonuses for awards held, with a declared stacking rule.

    Args:
        code: Stable code, unique in the scheme.
        label: What the bonus is for (Vietnamese).
        awards: The awards that earn points, with distinct codes.
        stacking: How several awards held together combine.
        cap: The most this bonus can give, or ``None``.
        legal_basis: The text that sets it, if known.
    """

    code: str = attrs.field(validator=item_code)
    label: str = attrs.field(converter=nfc, validator=non_blank)
    awards: tuple[AwardPoints, ...]
    stacking: Stacking
    cap: Decimal | None = None
    legal_basis: str | None = _opt_text()

    def __attrs_post_init__(self) -> None:
        if not self.awards:
            raise InvalidModelError("list at least one award", path="awards", code="empty")
        seen: list[str] = []
        for index, award in enumerate(self.awards):
            if award.code in seen:
                msg = f"duplicate code {award.code!r}"
                raise InvalidModelError(msg, path=f"awards[{index}].code", code="duplicate-code")
            seen.append(award.code)
        _positive("cap", self.cap, "cap")

    def ceiling(self) -> Fraction:
        """The most the awards can give together."""
        points = [Fraction(a.points) for a in self.awards]
        most = max(points) if self.stacking is Stacking.HIGHEST else sum(points, Fraction(0))
        return most if self.cap is None else min(most, Fraction(self.cap))


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Penalty:
    """Points deducted (điểm trừ): flat (−8 for not signing) or per case.

    The input is ``yes-no`` (``met`` = the penalty applies) for a flat penalty, a
    ``count`` of cases for a per-case one.

    Args:
        code: Stable code, unique in the scheme.
        label: What is penalised (Vietnamese).
        points: The points deducted (a positive number), once or per case.
        per_case: True when deducted for each case.
        cap: The most a per-case penalty can deduct, or ``None``.
        legal_basis: The text that sets it, if known.
    """

    code: str = attrs.field(validator=item_code)
    label: str = attrs.field(converter=nfc, validator=non_blank)
    points: Decimal
    per_case: bool = False
    cap: Decimal | None = None
    legal_basis: str | None = _opt_text()

    def __attrs_post_init__(self) -> None:
        _positive("points", self.points, "points")
        _positive("cap", self.cap, "cap")
        if self.cap is not None and not self.per_case:
            msg = "only a per-case penalty takes a cap"
            raise InvalidModelError(msg, path="cap", code="inconsistent")


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class KnockoutRule:
    """A rule that bars a unit from classification, a title or leading, whatever its total.

    The input is ``yes-no``: ``met`` means the knockout applies.

    Args:
        code: Stable code, unique in the scheme.
        label: The condition (Vietnamese), such as a serious violation.
        bars: What it bars the unit from, at least one.
        legal_basis: The text that sets it, if known.
    """

    code: str = attrs.field(validator=item_code)
    label: str = attrs.field(converter=nfc, validator=non_blank)
    bars: tuple[Bar, ...]
    legal_basis: str | None = _opt_text()

    def __attrs_post_init__(self) -> None:
        if not self.bars:
            raise InvalidModelError("name at least one bar", path="bars", code="empty")


Adjustment = Bonus | AwardBonus | Penalty | KnockoutRule
"""An adjustment outside the criteria tree, told apart on the wire by ``kind``."""


class LayerRule(enum.StrEnum):
    """How assessment layers combine per criterion. None of these is the law."""

    LAST = "last"
    """The last layer present wins (self < peer < group appraisal < council appraisal),
    as in Huế's guidance HD 804/HD-SNV."""
    HIGHEST = "highest"
    """The highest points of any layer, as one police scoring system does."""


class PeerStatistic(enum.StrEnum):
    """How several peer scores of one criterion become one."""

    MEAN = "mean"
    MEDIAN = "median"
    TRIMMED_MEAN = "trimmed-mean"


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class PeerRule:
    """How peer scores combine.

    Args:
        statistic: Mean, median or trimmed mean of the peers' points.
        trim: For a trimmed mean, how many lowest and highest scores are dropped.
        normalise: Remove each assessor's bias first: subtract from each of their scores
            their average gap to the mean of all peers on the same items.
    """

    statistic: PeerStatistic
    trim: int = 0
    normalise: bool = False

    def __attrs_post_init__(self) -> None:
        if self.trim < 0:
            raise InvalidModelError("trim is negative", path="trim", code="out-of-range")
        if self.trim and self.statistic is not PeerStatistic.TRIMMED_MEAN:
            msg = "only a trimmed mean trims"
            raise InvalidModelError(msg, path="trim", code="inconsistent")


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Combination:
    """How the layers of assessments combine, declared per scheme.

    Args:
        layers: Which layer's points count.
        peer: How several peer scores combine; required when peers score.
    """

    layers: LayerRule
    peer: PeerRule | None = None


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Band:
    """A classification band (xếp loại) with inclusive or exclusive bounds.

    Args:
        code: Stable code, unique among the bands.
        label: The classification (Vietnamese, "Xuất sắc").
        lower: The lowest total in the band, or ``None``.
        upper: The highest total in the band, or ``None``.
    """

    code: str = attrs.field(validator=code_validator)
    label: str = attrs.field(converter=nfc, validator=non_blank)
    lower: Bound | None = None
    upper: Bound | None = None

    def contains(self, total: Decimal) -> bool:
        """Tell whether *total* falls in the band."""
        low, high = self.lower, self.upper
        if low is not None and (total < low.value or (total == low.value and not low.inclusive)):
            return False
        return high is None or total < high.value or (total == high.value and high.inclusive)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class SectionTieBreak:
    """Break ties by a section's subtotal, the higher first.

    Args:
        section: The section's code.
    """

    section: str = attrs.field(validator=item_code)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class CriterionTieBreak:
    """Break ties by a criterion's points, the higher first.

    Args:
        criterion: The criterion's code.
    """

    criterion: str = attrs.field(validator=item_code)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class FewerPenalties:
    """Break ties by penalty points, the fewer first."""


TieBreak = SectionTieBreak | CriterionTieBreak | FewerPenalties
"""A tie-break, told apart on the wire by ``kind``."""


def _grid_above(value: Decimal, places: int, *, strictly: bool) -> Decimal:
    step = Decimal(1).scaleb(-places)
    units = math.floor(Fraction(value) / Fraction(step)) * step
    grid = Decimal(units)
    if grid < value or (strictly and grid == value):
        grid += step
    return grid


def band_gaps(bands: tuple[Band, ...], rounding: RoundingRule | None) -> tuple[str, ...]:
    """Find totals between bands that no band holds, given the declared rounding.

    Totals are read on the grid of the declared places when rounding applies at the
    ``total`` step, else as exact decimals.

    Args:
        bands: The bands, in any order.
        rounding: The scheme's rounding.

    Returns:
        One message per gap, empty when there is none.

    >>> import attrs
    >>> from decimal import Decimal
    >>> from thidua.scoring import Band, Bound, RoundingRule, RoundingMode, RoundingStep, band_gaps
    >>> good = Band(code="KHA", label="Khá", lower=Bound(value=Decimal("80"), inclusive=True),
    ...             upper=Bound(value=Decimal("89.9"), inclusive=True))
    >>> best = Band(code="XS", label="Xuất sắc", lower=Bound(value=Decimal("90"), inclusive=True))
    >>> one = RoundingRule(mode=RoundingMode.HALF_UP, places=1, steps=(RoundingStep.TOTAL,))
    >>> band_gaps((good, best), one)
    ()
    >>> band_gaps((good, best), attrs.evolve(one, places=2))[0]
    "totals rounded to 2 places can fall between 'KHA' and 'XS', such as 89.91"
    """
    places = rounding.places if rounding and rounding.applies(RoundingStep.TOTAL) else None
    ordered = sorted(bands, key=band_order)
    gaps: list[str] = []
    for below, above in itertools.pairwise(ordered):
        high, low = below.upper, above.lower
        if high is None or low is None:
            continue
        if places is None:
            if high.value < low.value or (
                high.value == low.value and not (high.inclusive or low.inclusive)
            ):
                gaps.append(
                    f"totals between {format(high.value, 'f')} and {format(low.value, 'f')}"
                    f" fall between {below.code!r} and {above.code!r}"
                )
            continue
        first_out = _grid_above(high.value, places, strictly=high.inclusive)
        first_in = _grid_above(low.value, places, strictly=not low.inclusive)
        if first_out < first_in:
            gaps.append(
                f"totals rounded to {places} places can fall between {below.code!r} and"
                f" {above.code!r}, such as {format(first_out, 'f')}"
            )
    return tuple(gaps)


def band_order(band: Band) -> tuple[int, Decimal]:
    """Bands in ascending order: the one open below first, then by lower bound."""
    return (0, Decimal(0)) if band.lower is None else (1, band.lower.value)


def _check_bands(bands: tuple[Band, ...], rounding: RoundingRule | None) -> None:
    seen: set[str] = set()
    for index, band in enumerate(bands):
        if band.code in seen:
            msg = f"duplicate code {band.code!r}"
            raise InvalidModelError(msg, path=f"bands[{index}].code", code="duplicate-code")
        seen.add(band.code)
    if not bands:
        return
    order = sorted(range(len(bands)), key=lambda i: band_order(bands[i]))
    try:
        check_intervals([bands[i] for i in order], "bands", gaps=False)  # type: ignore[misc]
    except InvalidModelError as exc:
        # Report the band's own index, not its rank in ascending order.
        head, _, rest = exc.path.partition("]")
        original = order[int(head.removeprefix("bands["))] if head.startswith("bands[") else 0
        code = "empty-band" if exc.code == "empty-tier" else "bands-overlap"
        message = exc.message.replace("tier", "band")
        raise InvalidModelError(message, path=f"bands[{original}]{rest}", code=code) from None
    gaps = band_gaps(bands, rounding)
    if gaps:
        raise InvalidModelError("; ".join(gaps), path="bands", code="band-gap")


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Scheme:
    """A points table (bảng tiêu chí chấm điểm) for the years it is in force.

    Args:
        code: Stable code of the scheme.
        label: Its title (Vietnamese).
        first_year: The first year scored against it.
        last_year: The last year, or ``None`` while it stays in force.
        scale: The base scale (100, 1000); totals may exceed it once bonuses are added.
        criteria: The tree of sections and criteria.
        adjustments: Bonuses, award bonuses, penalties and knockouts outside the tree.
        bonus_cap: The most all bonuses together may add (50 of 1,000), or ``None``.
        rounding: The declared rounding, or ``None`` to keep exact values.
        combination: How assessment layers combine.
        bands: The classification bands, possibly none.
        tie_breaks: The tie-breaks, in order, after the total.
        legal_basis: The text that sets the table, if known.
        note: Any remark (plain text).
        missing: What a sheet with no row for a criterion means, unless the criterion
            says otherwise.
        deduction_floor: Whether criteria's deductions stop at 0 for the item.
        shared_caps: Caps shared by several adjustments.
    """

    code: str = attrs.field(validator=code_validator)
    label: str = attrs.field(converter=nfc, validator=non_blank)
    first_year: int
    last_year: int | None = None
    scale: Decimal
    criteria: tuple[Section | Criterion, ...]
    adjustments: tuple[Bonus | AwardBonus | Penalty | KnockoutRule, ...] = ()
    bonus_cap: Decimal | None = None
    rounding: RoundingRule | None = None
    combination: Combination
    bands: tuple[Band, ...] = ()
    tie_breaks: tuple[SectionTieBreak | CriterionTieBreak | FewerPenalties, ...] = ()
    legal_basis: str | None = _opt_text()
    note: str | None = _opt_text()
    missing: MissingRow = MissingRow.REFUSED
    deduction_floor: DeductionFloor = DeductionFloor.ZERO
    shared_caps: tuple[SharedCap, ...] = ()

    def __attrs_post_init__(self) -> None:
        if not 1900 <= self.first_year <= 2200:  # noqa: PLR2004
            raise InvalidModelError("not a plausible year", path="first_year", code="out-of-range")
        if self.last_year is not None and self.last_year < self.first_year:
            msg = "last_year is before first_year"
            raise InvalidModelError(msg, path="last_year", code="out-of-range")
        _positive("scale", self.scale, "scale")
        _positive("bonus_cap", self.bonus_cap, "bonus_cap")
        if not self.criteria:
            raise InvalidModelError("a scheme needs criteria", path="criteria", code="empty")
        seen: dict[str, str] = {}
        for path, node in self.walk():
            _claim(seen, node.code, path)
        for index, adjustment in enumerate(self.adjustments):
            _claim(seen, adjustment.code, f"adjustments[{index}]")
        shared = {cap.code: index for index, cap in enumerate(self.shared_caps)}
        for index, cap in enumerate(self.shared_caps):
            _claim(seen, cap.code, f"shared_caps[{index}]")
        for path, node in self.walk():
            if not isinstance(node, Criterion):
                continue
            for index, item in enumerate(node.adjustments):
                here = f"{path}.adjustments[{index}]"
                _claim(seen, item.code, here)
                if item.waiver is not None:
                    _claim(seen, item.waiver.code, f"{here}.waiver")
                if item.shared_cap is not None and item.shared_cap not in shared:
                    msg = f"no shared cap has the code {item.shared_cap!r}"
                    raise InvalidModelError(
                        msg, path=f"{here}.shared_cap", code="unknown-reference"
                    )
        top = self.maximum()
        if top is not None and top > self.scale:
            msg = (
                f"the criteria can give {text(top)} points, more than the scale"
                f" {format(self.scale, 'f')}"
            )
            raise InvalidModelError(msg, path="criteria", code="caps-exceed-scale")
        _check_bands(self.bands, self.rounding)
        for index, rule in enumerate(self.tie_breaks):
            self._check_tie_break(index, rule)

    def _check_tie_break(
        self, index: int, rule: SectionTieBreak | CriterionTieBreak | FewerPenalties
    ) -> None:
        nodes = [node for _, node in self.walk()]
        if isinstance(rule, SectionTieBreak):
            field, wanted = "section", rule.section
            found = any(isinstance(n, Section) and n.code == wanted for n in nodes)
        elif isinstance(rule, CriterionTieBreak):
            field, wanted = "criterion", rule.criterion
            found = any(isinstance(n, Criterion) and n.code == wanted for n in nodes)
        else:
            return
        if not found:
            msg = f"no {field} has the code {wanted!r}"
            raise InvalidModelError(
                msg, path=f"tie_breaks[{index}].{field}", code="unknown-reference"
            )

    def walk(self) -> Iterator[tuple[str, Section | Criterion]]:
        """Every node of the tree with its path, parents before children."""
        stack = [(f"criteria[{i}]", n) for i, n in enumerate(self.criteria)]
        stack.reverse()
        while stack:
            path, node = stack.pop()
            yield path, node
            if isinstance(node, Section):
                children = [(f"{path}.children[{i}]", c) for i, c in enumerate(node.children)]
                stack.extend(reversed(children))

    def leaves(self) -> tuple[Criterion, ...]:
        """The criteria, in table order."""
        return tuple(node for _, node in self.walk() if isinstance(node, Criterion))

    def maximum(self) -> Fraction | None:
        """The most the criteria can give, caps applied (``None`` when unbounded)."""
        ceilings = [node.ceiling() for node in self.criteria]
        return _sum_or_none(ceilings)

    def bonus_ceiling(self) -> Fraction | None:
        """The most all bonuses can add (``None`` when some bonus is unbounded)."""
        parts: list[Fraction | None] = [c.bonus_ceiling() for c in self.leaves()]
        for adjustment in self.adjustments:
            if isinstance(adjustment, Bonus):
                parts.append(None if adjustment.cap is None else Fraction(adjustment.cap))
            elif isinstance(adjustment, AwardBonus):
                parts.append(adjustment.ceiling())
        summed = _sum_or_none(parts)
        if self.bonus_cap is None:
            return summed
        cap = Fraction(self.bonus_cap)
        return cap if summed is None else min(cap, summed)

    def in_force(self, year: int) -> bool:
        """Tell whether the scheme is in force for *year*."""
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)


def _sum_or_none(values: list[Fraction | None]) -> Fraction | None:
    total = Fraction(0)
    for value in values:
        if value is None:
            return None
        total += value
    return total


def _claim(seen: dict[str, str], code: str, path: str) -> None:
    if code in seen:
        msg = f"duplicate code {code!r} (first at {seen[code]})"
        details = {"value": code, "first": seen[code]}
        raise InvalidModelError(msg, path=f"{path}.code", code="duplicate-code", details=details)
    seen[code] = path
