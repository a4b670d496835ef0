"""Criterion methods: how a raw input becomes points, declared as tagged data."""

from __future__ import annotations

import enum
import functools
import itertools
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar, Generic, TypeVar

import attrs

from thidua._base.text import nfc
from thidua._base.validation import code_validator, non_blank, typed_fields, unique_codes
from thidua.errors import InvalidModelError
from thidua.scoring._inputs import (
    AchievementInput,
    ChoiceInput,
    CountInput,
    Input,
    PointsInput,
    ShareInput,
    TwoValuesInput,
    ValueInput,
    YesNoInput,
)
from thidua.scoring._numbers import Ratio, above, vn

__all__ = [
    "Achievement",
    "Bound",
    "Comparative",
    "Direction",
    "Evaluation",
    "GapSide",
    "GroupContext",
    "Interval",
    "ManualPoints",
    "Method",
    "MethodContext",
    "OneOf",
    "Option",
    "PerOccurrence",
    "Reason",
    "ScoringMethod",
    "Share",
    "Tier",
    "Tiers",
    "TwoInputTiers",
    "YesNo",
]

_HUNDRED = Fraction(100)


class Direction(enum.StrEnum):
    """How a method's points move when its input rises."""

    NON_DECREASING = "non-decreasing"
    """A higher input never gives fewer points."""
    NON_INCREASING = "non-increasing"
    """A higher input never gives more points (deductions)."""
    NEITHER = "neither"
    """No order: choices, or points that depend on other units."""


class GapSide(enum.StrEnum):
    """Which gap next to it a tier also takes, where a published table leaves one.

    A table that reads "từ 97 % đến dưới 98 %" then "trên 98 %" leaves 98 % itself in no
    tier; the scheme says which tier takes it.
    """

    BELOW = "below"
    """The values between this tier and the one below it."""
    ABOVE = "above"
    """The values between this tier and the one above it."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Evaluation:
    """The points a method gave and why.

    Args:
        points: The exact points.
        rule: The rule applied, in Vietnamese, with its arithmetic.
        cap: The cap that limited the points, if one did.
    """

    points: Fraction
    rule: str
    cap: Fraction | None = None


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class GroupContext:
    """What a comparative item needs to know about the other units of the group.

    Args:
        best_ratio: The best achievement ratio among units with a target.
        best_untargeted: The best result among units without a target.
    """

    best_ratio: Fraction | None = None
    best_untargeted: Fraction | None = None


InputT = TypeVar("InputT", bound=Input)
"""The input a method reads."""

_ZERO: Ratio = (0, 1)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class MethodContext:
    """What a method knows besides its input: the criterion's maximum and, if needed, the group.

    The engine builds one per criterion and passes it with every input.

    Args:
        max_points: The criterion's maximum.
        group: The best results of the group, for methods that compare units
            (:class:`Comparative`); ``None`` otherwise.
    """

    max_points: Decimal
    group: GroupContext | None = None
    top: Ratio = attrs.field(init=False, eq=False, repr=False)
    """The maximum as an integer ratio ``(numerator, denominator)``."""

    @top.default
    def _top(self) -> Ratio:
        return self.max_points.as_integer_ratio()


class Reason:
    """Where a method writes why it gave its points, when the engine records a trace.

    A method that is given a reason sets :attr:`rule` (Vietnamese, with the arithmetic)
    and, when a cap or a floor limited the points, :attr:`cap`. Without a trace the
    engine passes ``None`` and nothing is written.
    """

    __slots__ = ("cap", "rule")

    def __init__(self) -> None:
        self.rule: str = ""
        """The rule applied."""
        self.cap: Ratio | None = None
        """The cap that limited the points, as an integer ratio, if one did."""


class ScoringMethod(Generic[InputT]):
    """The protocol every criterion method implements, generic in the input it reads.

    A method is a frozen attrs class that inherits from ``ScoringMethod[ItsInput]``,
    sets :attr:`input_type` and :attr:`direction`, and implements :meth:`check`,
    :meth:`ceiling`, :meth:`input_problem` and :meth:`points_of`. Its arithmetic lives in
    :meth:`points_of` only: the engine calls it for totals (``reason`` is ``None``) and for
    traces (``reason`` given) alike, and :meth:`evaluate` is built on it. CONTRIBUTING.md
    lists the steps to add one.
    """

    __slots__ = ()

    input_type: ClassVar[type[Input]]
    """The input class the method reads (checked with the sheet)."""

    @property
    def direction(self) -> Direction:
        """How the points move when the input rises."""
        raise NotImplementedError

    def check(self, max_points: Decimal, path: str) -> None:
        """Check the method against the criterion's maximum; raise with a path below *path*."""
        raise NotImplementedError

    def ceiling(self, max_points: Decimal) -> Fraction | None:
        """The most points the method can give (``None`` when unbounded)."""
        raise NotImplementedError

    def input_problem(self, value: InputT, max_points: Decimal) -> tuple[str, str] | None:
        """A problem with *value* as ``(field, message)``, or ``None`` when it can be scored."""
        raise NotImplementedError

    def points_of(
        self, value: InputT, context: MethodContext, reason: Reason | None = None
    ) -> Ratio:
        """The exact points *value* gives, as an integer ratio ``(numerator, denominator)``.

        Args:
            value: A checked input of :attr:`input_type`.
            context: The criterion's maximum (and the group, for comparative methods).
            reason: When given, the method writes its rule and cap into it.
        """
        raise NotImplementedError

    def scaled_points(self, value: Any, scale: int, context: MethodContext) -> Ratio | None:  # noqa: ARG002
        """The points of a compact sheet's value whose decimals are integers of *scale*.

        *value* is an integer, or a pair of integers (``(actual, target)``), each the
        decimal times ``10 ** scale``. Returns the ratio :meth:`points_of` gives for the
        same input, or ``None`` where the method has no such shortcut (the input is then
        built and read by :meth:`points_of`).
        """
        return None

    def scaled_column(
        self, values: Sequence[Any], scale: int, context: MethodContext
    ) -> list[Ratio] | None:
        """:meth:`scaled_points` of each of *values*, or ``None`` where one has no shortcut."""
        found: list[Ratio] = []
        for value in values:
            points = self.scaled_points(value, scale, context)
            if points is None:
                return None
            found.append(points)
        return found

    def evaluate(self, value: InputT, max_points: Decimal) -> Evaluation:
        """The points and the rule, as an :class:`Evaluation` (built on :meth:`points_of`)."""
        reason = Reason()
        points = self.points_of(value, MethodContext(max_points=max_points), reason)
        cap = None if reason.cap is None else Fraction(*reason.cap)
        return Evaluation(points=Fraction(*points), rule=reason.rule, cap=cap)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Bound:
    """One end of an interval: a value, and whether the value itself belongs.

    Args:
        value: Where the interval ends.
        inclusive: True for "từ ... trở lên" / "đến", False for "trên" / "dưới".
    """

    value: Decimal
    inclusive: bool


def _contains(lower: Bound | None, upper: Bound | None, value: Decimal) -> bool:
    if lower is not None and (
        value < lower.value or (value == lower.value and not lower.inclusive)
    ):
        return False
    return upper is None or value < upper.value or (value == upper.value and upper.inclusive)


def _interval_text(lower: Bound | None, upper: Bound | None) -> str:
    parts: list[str] = []
    if lower is not None:
        parts.append(("từ " if lower.inclusive else "trên ") + vn(lower.value))
    if upper is not None:
        parts.append(("đến " if upper.inclusive else "dưới ") + vn(upper.value))
    return " ".join(parts) or "mọi giá trị"


def _gap_text(below: Bound, above: Bound) -> str:
    if below.value == above.value:
        return f"the value {_d(below.value)}"
    return f"values between {_d(below.value)} and {_d(above.value)}"


def effective_bounds(
    items: Sequence[Interval | Tier],
) -> tuple[tuple[Bound | None, Bound | None], ...]:
    """Each interval's ends once the gaps it declares it takes are added to it."""
    found: list[tuple[Bound | None, Bound | None]] = []
    last = len(items) - 1
    for index, item in enumerate(items):
        low, high = item.lower, item.upper
        side = getattr(item, "takes_gap", None)
        if side is GapSide.BELOW and index > 0:
            prev = items[index - 1].upper
            if prev is not None:
                low = Bound(value=prev.value, inclusive=not prev.inclusive)
        elif side is GapSide.ABOVE and index < last:
            following = items[index + 1].lower
            if following is not None:
                high = Bound(value=following.value, inclusive=not following.inclusive)
        found.append((low, high))
    return tuple(found)


def check_intervals(items: Sequence[Interval | Tier], field: str, *, gaps: bool = True) -> None:
    """Check intervals are well formed, ascending, without overlap and without gap.

    A gap between two intervals is refused unless one of them declares it takes it
    (``takes_gap``); the error names the values left out and how to declare it.
    """
    if not items:
        raise InvalidModelError("needs at least one tier", path=field, code="empty")
    last = len(items) - 1
    for index, item in enumerate(items):
        here = f"{field}[{index}]"
        low, high = item.lower, item.upper
        if (
            low is not None
            and high is not None
            and (
                low.value > high.value
                or (low.value == high.value and not (low.inclusive and high.inclusive))
            )
        ):
            msg = f"the tier {_interval_text(low, high)} is empty"
            raise InvalidModelError(msg, path=here, code="empty-tier")
        if low is None and index > 0:
            msg = "only the first tier may be open below"
            raise InvalidModelError(msg, path=f"{here}.lower", code="tiers-unordered")
        if high is None and index < last:
            msg = "only the last tier may be open above"
            raise InvalidModelError(msg, path=f"{here}.upper", code="tiers-unordered")
        if index == 0:
            continue
        prev = items[index - 1].upper
        assert prev is not None  # noqa: S101 - checked at the previous index
        assert low is not None  # noqa: S101 - checked above
        if low.value < prev.value or (low.value == prev.value and low.inclusive and prev.inclusive):
            msg = (
                f"the tier {_interval_text(low, high)} overlaps or comes before the one above"
                f" it ({_interval_text(items[index - 1].lower, prev)}): list tiers in"
                " ascending order without overlap"
            )
            raise InvalidModelError(msg, path=here, code="tiers-overlap")
        if not gaps:
            continue
        gap = low.value > prev.value or not (low.inclusive or prev.inclusive)
        below_claims = getattr(items[index - 1], "takes_gap", None) is GapSide.ABOVE
        claims = getattr(item, "takes_gap", None) is GapSide.BELOW
        if gap and not (below_claims or claims):
            lower_text = _interval_text(items[index - 1].lower, prev)
            msg = (
                f"{_gap_text(prev, low)} fall(s) in no tier, between the tier {lower_text}"
                f" and the tier {_interval_text(low, high)}: declare which tier takes"
                ' them: takes_gap "above" on the first or "below" on the second'
            )
            raise InvalidModelError(msg, path=here, code="tier-gap")
        if gap and below_claims and claims:
            msg = "both tiers declare they take the gap between them: keep one"
            raise InvalidModelError(msg, path=f"{here}.takes_gap", code="inconsistent")
        if not gap and (below_claims or claims):
            where = here if claims else f"{field}[{index - 1}]"
            msg = "takes_gap is declared but there is no gap between these tiers"
            raise InvalidModelError(msg, path=f"{where}.takes_gap", code="inconsistent")
    for index, item in enumerate(items if gaps else ()):
        side = getattr(item, "takes_gap", None)
        if (side is GapSide.BELOW and index == 0) or (side is GapSide.ABOVE and index == last):
            msg = f"no tier lies {side.value} this one: there is no gap for it to take"
            raise InvalidModelError(msg, path=f"{field}[{index}].takes_gap", code="inconsistent")


def _clamp(value: Fraction, ceiling: Fraction) -> tuple[Fraction, Fraction | None]:
    if value > ceiling:
        return ceiling, ceiling
    if value < 0:
        return Fraction(0), Fraction(0)
    return value, None


def _check_not_above(value: Decimal, max_points: Decimal, path: str, what: str) -> None:
    if value < 0:
        msg = f"{what} {format(value, 'f')} is negative"
        raise InvalidModelError(msg, path=path, code="negative-points")
    if value > max_points:
        msg = (
            f"{what} {format(value, 'f')} is above the criterion's maximum"
            f" {format(max_points, 'f')}"
        )
        raise InvalidModelError(msg, path=path, code="method-exceeds-max")


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class ManualPoints(ScoringMethod[PointsInput]):
    """Points given by hand, from 0 to the criterion's maximum (``{"kind": "manual"}``)."""

    direction = Direction.NON_DECREASING
    input_type: ClassVar[type[Input]] = PointsInput

    def check(self, max_points: Decimal, path: str) -> None:
        """Nothing to check: any maximum works."""

    def ceiling(self, max_points: Decimal) -> Fraction | None:
        """The most points the method can give."""
        return Fraction(max_points)

    def input_problem(self, value: PointsInput, max_points: Decimal) -> tuple[str, str] | None:
        """Points above the maximum are an error."""
        if value.points > max_points:
            msg = f"points {format(value.points, 'f')} are above the maximum {_d(max_points)}"
            return "points", msg
        return None

    def points_of(
        self,
        value: PointsInput,
        context: MethodContext,  # noqa: ARG002
        reason: Reason | None = None,
    ) -> Ratio:
        """The points as given."""
        if reason is not None:
            reason.rule = "Điểm chấm trực tiếp"
        return value.points.as_integer_ratio()

    def scaled_points(self, value: Any, scale: int, context: MethodContext) -> Ratio | None:  # noqa: ARG002
        """The points as given."""
        return (value, 10**scale) if type(value) is int else None


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class YesNo(ScoringMethod[YesNoInput]):
    """Đạt / không đạt, with the points of each answer and optional deductions.

    Args:
        yes_points: Points when the condition is met.
        no_points: Points when it is not.
        per_shortcoming: Points deducted for each shortcoming found, if any.
        shortcoming_cap: The most that shortcomings may deduct, if limited.
    """

    yes_points: Decimal
    no_points: Decimal = Decimal(0)
    per_shortcoming: Decimal | None = None
    shortcoming_cap: Decimal | None = None

    input_type: ClassVar[type[Input]] = YesNoInput

    @property
    def direction(self) -> Direction:
        """Non-decreasing when "yes" is worth at least "no" and nothing is deducted."""
        if self.yes_points >= self.no_points and self.per_shortcoming is None:
            return Direction.NON_DECREASING
        return Direction.NEITHER

    def check(self, max_points: Decimal, path: str) -> None:
        """Each answer's points lie within 0 and the maximum."""
        _check_not_above(self.yes_points, max_points, f"{path}.yes_points", "yes_points")
        _check_not_above(self.no_points, max_points, f"{path}.no_points", "no_points")
        for name in ("per_shortcoming", "shortcoming_cap"):
            value = getattr(self, name)
            if value is not None and value <= 0:
                msg = f"{name} must be above 0"
                raise InvalidModelError(msg, path=f"{path}.{name}", code="not-positive")
        if self.shortcoming_cap is not None and self.per_shortcoming is None:
            msg = "shortcoming_cap needs per_shortcoming"
            raise InvalidModelError(msg, path=f"{path}.shortcoming_cap", code="inconsistent")

    def ceiling(self, max_points: Decimal) -> Fraction | None:  # noqa: ARG002
        """The most points the method can give."""
        return Fraction(max(self.yes_points, self.no_points))

    def input_problem(self, value: YesNoInput, max_points: Decimal) -> tuple[str, str] | None:  # noqa: ARG002
        """Shortcomings need a declared deduction."""
        if value.shortcomings and self.per_shortcoming is None:
            return "shortcomings", "this criterion declares no deduction per shortcoming"
        return None

    @functools.cached_property
    def _ratios(self) -> tuple[Ratio, Ratio, Ratio | None, Ratio | None]:
        """The points of each answer, the deduction and its cap, as ratios (read once)."""
        per, most = self.per_shortcoming, self.shortcoming_cap
        return (
            self.yes_points.as_integer_ratio(),
            self.no_points.as_integer_ratio(),
            None if per is None else per.as_integer_ratio(),
            None if most is None else most.as_integer_ratio(),
        )

    def points_of(
        self,
        value: YesNoInput,
        context: MethodContext,  # noqa: ARG002
        reason: Reason | None = None,
    ) -> Ratio:
        """The answer's points less any deductions, never below 0."""
        yes, no, per, most = self._ratios
        base = yes if value.met else no
        if reason is not None:
            reason.rule = f"{'Đạt' if value.met else 'Không đạt'}: {vn(Fraction(*base))} điểm"
        if not value.shortcomings or per is None:
            return base
        deduction: Ratio = (per[0] * value.shortcomings, per[1])
        cap: Ratio | None = None
        if reason is not None:
            reason.rule += f" − {value.shortcomings} × {_v(self.per_shortcoming)}"  # type: ignore[arg-type]
        if most is not None and above(deduction, most):
            deduction = cap = most
            if reason is not None:
                reason.rule += f" (trừ tối đa {_v(self.shortcoming_cap)})"  # type: ignore[arg-type]
        points: Ratio = (base[0] * deduction[1] - deduction[0] * base[1], base[1] * deduction[1])
        if points[0] < 0:
            points = cap = _ZERO
        if reason is not None:
            reason.cap = cap
        return points


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Share(ScoringMethod[ShareInput]):
    """A share of a whole: ``Điểm = Tỷ lệ% x Điểm tối đa``, the share from 0 to 100 %."""

    direction = Direction.NON_DECREASING
    input_type: ClassVar[type[Input]] = ShareInput

    def check(self, max_points: Decimal, path: str) -> None:
        """Nothing to check: any maximum works."""

    def ceiling(self, max_points: Decimal) -> Fraction | None:
        """The most points the method can give."""
        return Fraction(max_points)

    def input_problem(self, value: ShareInput, max_points: Decimal) -> tuple[str, str] | None:  # noqa: ARG002
        """The share's range is checked with the assessment."""
        return None

    def points_of(
        self, value: ShareInput, context: MethodContext, reason: Reason | None = None
    ) -> Ratio:
        """The share times the maximum."""
        if reason is not None:
            reason.rule = (
                f"Tỷ lệ % × điểm tối đa = {_v(value.percent)} % × {_v(context.max_points)}"
            )
        return _share_of(value.percent.as_integer_ratio(), context)

    def scaled_points(self, value: Any, scale: int, context: MethodContext) -> Ratio | None:
        """The share times the maximum."""
        return _share_of((value, 10**scale), context) if type(value) is int else None


def _share_of(percent: Ratio, context: MethodContext) -> Ratio:
    """A share in percent times the criterion's maximum."""
    top = context.top
    return percent[0] * top[0], percent[1] * top[1] * 100


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Achievement(ScoringMethod[AchievementInput]):
    """Achievement against a target: ``actual / target × maximum``.

    The achievement may exceed 100 %; whether it is capped is declared.

    Args:
        cap_percent: The highest achievement that counts, in percent (``"100"`` gives at
            most the maximum, ``"120"`` up to 1.2 times it), or ``None`` for no cap.
    """

    cap_percent: Decimal | None

    direction = Direction.NON_DECREASING
    input_type: ClassVar[type[Input]] = AchievementInput

    def check(self, max_points: Decimal, path: str) -> None:  # noqa: ARG002
        """The cap, when declared, is above 0."""
        if self.cap_percent is not None and self.cap_percent <= 0:
            msg = "cap_percent must be above 0"
            raise InvalidModelError(msg, path=f"{path}.cap_percent", code="not-positive")

    def ceiling(self, max_points: Decimal) -> Fraction | None:
        """The most points the method can give, ``None`` when uncapped."""
        if self.cap_percent is None:
            return None
        return Fraction(self.cap_percent) / _HUNDRED * Fraction(max_points)

    def input_problem(self, value: AchievementInput, max_points: Decimal) -> tuple[str, str] | None:  # noqa: ARG002
        """The target is required."""
        if value.target is None:
            return "target", "an achievement criterion needs a target"
        return None

    @functools.cached_property
    def _cap(self) -> Ratio | None:
        """The cap as a ratio of 1 (``120`` % is ``(120, 100)``), read once."""
        if self.cap_percent is None:
            return None
        num, den = self.cap_percent.as_integer_ratio()
        return num, den * 100

    def points_of(
        self, value: AchievementInput, context: MethodContext, reason: Reason | None = None
    ) -> Ratio:
        """The ratio times the maximum, the ratio capped as declared."""
        target = value.target
        assert target is not None  # noqa: S101 - checked with the sheet
        actual_num, actual_den = value.actual.as_integer_ratio()
        target_num, target_den = target.as_integer_ratio()
        points, capped = self._of_ratio((actual_num * target_den, actual_den * target_num), context)
        if reason is not None:
            reason.rule = (
                f"Thực hiện / chỉ tiêu × điểm tối đa = {_v(value.actual)} / {_v(target)}"
                f" × {_v(context.max_points)}"
            )
            if capped:
                reason.rule += f" (tính tối đa {_v(self.cap_percent)} %)"  # type: ignore[arg-type]
                reason.cap = points
        return points

    def scaled_points(self, value: Any, scale: int, context: MethodContext) -> Ratio | None:  # noqa: ARG002
        """The ratio times the maximum: both numbers have the scale, which cancels."""
        if type(value) is not tuple or type(value[0]) is not int or type(value[1]) is not int:
            return None
        return self._of_ratio(value, context)[0]

    def _of_ratio(self, ratio: Ratio, context: MethodContext) -> tuple[Ratio, bool]:
        """The points of an achievement ratio, and whether the cap was applied."""
        if ratio[1] < 0:
            ratio = (-ratio[0], -ratio[1])
        top = context.top
        cap = self._cap
        capped = cap is not None and above(ratio, cap)
        if capped:
            ratio = cap  # type: ignore[assignment]
        return (ratio[0] * top[0], ratio[1] * top[1]), capped


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Interval:
    """A range of values, each end inclusive or exclusive; ``None`` leaves it open.

    Args:
        lower: The lower end, or ``None``.
        upper: The upper end, or ``None``.
        takes_gap: The gap next to it that it also takes, where the table leaves one.
    """

    lower: Bound | None = None
    upper: Bound | None = None
    takes_gap: GapSide | None = None

    def contains(self, value: Decimal) -> bool:
        """Tell whether *value* lies in the interval (its own ends, without a gap)."""
        return _contains(self.lower, self.upper, value)

    def describe(self) -> str:
        """The interval in Vietnamese ("trên 98 đến 100")."""
        return _interval_text(self.lower, self.upper)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Tier:
    """One row of a tier table: a range of the input and its points.

    Args:
        points: The points for a value in the range.
        lower: The lower end, or ``None`` for the first tier.
        upper: The upper end, or ``None`` for the last tier.
        takes_gap: The gap next to it that it also takes, where the table leaves one
            ("từ 97 % đến dưới 98 %", then "trên 98 %": 98 % is in neither).
    """

    points: Decimal
    lower: Bound | None = None
    upper: Bound | None = None
    takes_gap: GapSide | None = None

    def contains(self, value: Decimal) -> bool:
        """Tell whether *value* lies in the tier (its own ends, without a gap)."""
        return _contains(self.lower, self.upper, value)

    def describe(self) -> str:
        """The range in Vietnamese."""
        return _interval_text(self.lower, self.upper)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Tiers(ScoringMethod[ValueInput]):
    """A tier table on one input ("trên 98 %" -> 5 points), tiers in ascending order.

    A value in no tier is an error: cover the whole range the input can take.

    Args:
        tiers: The tiers, ascending and non-overlapping.
    """

    tiers: tuple[Tier, ...]

    input_type: ClassVar[type[Input]] = ValueInput

    @property
    def direction(self) -> Direction:
        """Non-decreasing when each tier is worth at least the one below it."""
        points = [tier.points for tier in self.tiers]
        if all(a <= b for a, b in itertools.pairwise(points)):
            return Direction.NON_DECREASING
        if all(a >= b for a, b in itertools.pairwise(points)):
            return Direction.NON_INCREASING
        return Direction.NEITHER

    def check(self, max_points: Decimal, path: str) -> None:
        """Tiers are ordered, do not overlap and give at most the maximum."""
        check_intervals(self.tiers, f"{path}.tiers")
        for index, tier in enumerate(self.tiers):
            _check_not_above(tier.points, max_points, f"{path}.tiers[{index}].points", "points")

    def ceiling(self, max_points: Decimal) -> Fraction | None:  # noqa: ARG002
        """The most points the method can give."""
        return Fraction(max(tier.points for tier in self.tiers))

    def input_problem(self, value: ValueInput, max_points: Decimal) -> tuple[str, str] | None:  # noqa: ARG002
        """A value in no tier is an error."""
        if not any(_contains(lo, hi, value.value) for lo, hi, _ in self._ratios):
            return "value", f"the value {_d(value.value)} falls in no tier of the table"
        return None

    @functools.cached_property
    def _ratios(self) -> tuple[tuple[Bound | None, Bound | None, Ratio], ...]:
        """Each tier's ends (with the gap it takes) and its points as a ratio (read once)."""
        bounds = effective_bounds(self.tiers)
        return tuple(
            (lo, hi, tier.points.as_integer_ratio())
            for (lo, hi), tier in zip(bounds, self.tiers, strict=True)
        )

    def points_of(
        self,
        value: ValueInput,
        context: MethodContext,  # noqa: ARG002
        reason: Reason | None = None,
    ) -> Ratio:
        """The points of the tier holding the value."""
        lo, hi, points = self._tier(value.value)
        if reason is not None:
            reason.rule = f"Mức {_interval_text(lo, hi)}"
        return points

    def scaled_points(self, value: Any, scale: int, context: MethodContext) -> Ratio | None:  # noqa: ARG002
        """The points of the tier holding the value."""
        if type(value) is not int:
            return None
        return self._tier(Decimal(value).scaleb(-scale))[2]

    def _tier(self, measured: Decimal) -> tuple[Bound | None, Bound | None, Ratio]:
        """The ends and points of the tier holding *measured*."""
        for found in self._ratios:
            if _contains(found[0], found[1], measured):
                return found
        raise AssertionError(measured)  # the sheet check found its tier


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class TwoInputTiers(ScoringMethod[TwoValuesInput]):
    """A tier table on two inputs: rows for the first, columns for the second.

    Example: the yearly number of dossiers (rows) crossed with the share handled late
    (columns).

    Args:
        rows: The ranges of the first input, ascending.
        columns: The ranges of the second input, ascending.
        points: One row of points per range of the first input, one entry per column.
        first_label: What the first input measures (Vietnamese).
        second_label: What the second input measures (Vietnamese).
    """

    rows: tuple[Interval, ...]
    columns: tuple[Interval, ...]
    points: tuple[tuple[Decimal, ...], ...]
    first_label: str = attrs.field(converter=nfc, validator=non_blank)
    second_label: str = attrs.field(converter=nfc, validator=non_blank)

    input_type: ClassVar[type[Input]] = TwoValuesInput

    @property
    def direction(self) -> Direction:
        """Non-decreasing when points never fall along a row or down a column."""
        grid = self.points
        rows_up = all(all(a <= b for a, b in itertools.pairwise(row)) for row in grid)
        cols_up = all(
            all(a <= b for a, b in zip(upper, lower, strict=True))
            for upper, lower in itertools.pairwise(grid)
        )
        return Direction.NON_DECREASING if rows_up and cols_up else Direction.NEITHER

    def check(self, max_points: Decimal, path: str) -> None:
        """Both axes are valid tiers and the grid matches them."""
        check_intervals(self.rows, f"{path}.rows")
        check_intervals(self.columns, f"{path}.columns")
        if len(self.points) != len(self.rows):
            msg = f"points has {len(self.points)} rows for {len(self.rows)} ranges"
            raise InvalidModelError(msg, path=f"{path}.points", code="grid-shape")
        for r, row in enumerate(self.points):
            if len(row) != len(self.columns):
                msg = f"row {r} has {len(row)} entries for {len(self.columns)} columns"
                raise InvalidModelError(msg, path=f"{path}.points[{r}]", code="grid-shape")
            for c, value in enumerate(row):
                _check_not_above(value, max_points, f"{path}.points[{r}][{c}]", "points")

    def ceiling(self, max_points: Decimal) -> Fraction | None:  # noqa: ARG002
        """The most points the method can give."""
        return Fraction(max(max(row) for row in self.points))

    def input_problem(self, value: TwoValuesInput, max_points: Decimal) -> tuple[str, str] | None:  # noqa: ARG002
        """Each value must fall in a range of its axis."""
        if _find(self._axes[0], value.first) is None:
            return "first", f"the value {_d(value.first)} falls in no row of the table"
        if _find(self._axes[1], value.second) is None:
            return "second", f"the value {_d(value.second)} falls in no column of the table"
        return None

    @functools.cached_property
    def _axes(
        self,
    ) -> tuple[
        tuple[tuple[Bound | None, Bound | None], ...], tuple[tuple[Bound | None, Bound | None], ...]
    ]:
        """The rows' and columns' ends, with the gaps they take (read once)."""
        return effective_bounds(self.rows), effective_bounds(self.columns)

    def points_of(
        self,
        value: TwoValuesInput,
        context: MethodContext,  # noqa: ARG002
        reason: Reason | None = None,
    ) -> Ratio:
        """The points where the row and column meet."""
        rows, columns = self._axes
        r = _find(rows, value.first)
        c = _find(columns, value.second)
        assert r is not None  # noqa: S101 - checked with the sheet
        assert c is not None  # noqa: S101 - idem
        if reason is not None:
            reason.rule = (
                f"{self.first_label} {_interval_text(*rows[r])};"
                f" {self.second_label} {_interval_text(*columns[c])}"
            )
        return self.points[r][c].as_integer_ratio()


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class PerOccurrence(ScoringMethod[CountInput]):
    """Points that move by a fixed amount for each occurrence, within 0 and the maximum.

    Args:
        start: The points with no occurrence (often the maximum for deductions, 0 for
            bonuses).
        per_occurrence: The change per occurrence: negative for a deduction, positive
            for a bonus.
        limit: The most the occurrences may change the points in total, if limited.
    """

    start: Decimal
    per_occurrence: Decimal
    limit: Decimal | None = None

    input_type: ClassVar[type[Input]] = CountInput

    @property
    def direction(self) -> Direction:
        """Non-decreasing for bonuses, non-increasing for deductions."""
        if self.per_occurrence > 0:
            return Direction.NON_DECREASING
        return Direction.NON_INCREASING

    def check(self, max_points: Decimal, path: str) -> None:
        """The start lies within the maximum; the change and limit are not zero."""
        _check_not_above(self.start, max_points, f"{path}.start", "start")
        if self.per_occurrence == 0:
            msg = "per_occurrence must not be 0"
            raise InvalidModelError(msg, path=f"{path}.per_occurrence", code="not-positive")
        if self.limit is not None and self.limit <= 0:
            msg = "limit must be above 0"
            raise InvalidModelError(msg, path=f"{path}.limit", code="not-positive")

    def ceiling(self, max_points: Decimal) -> Fraction | None:
        """The most points the method can give."""
        if self.per_occurrence < 0:
            return Fraction(self.start)
        return Fraction(max_points)

    def input_problem(self, value: CountInput, max_points: Decimal) -> tuple[str, str] | None:  # noqa: ARG002
        """The count's range is checked with the assessment."""
        return None

    def points_of(
        self, value: CountInput, context: MethodContext, reason: Reason | None = None
    ) -> Ratio:
        """The start moved by each occurrence, within the limit, 0 and the maximum."""
        change = Fraction(self.per_occurrence) * value.count
        cap: Fraction | None = None
        limited = self.limit is not None and abs(change) > self.limit
        if limited:
            cap = Fraction(self.limit)  # type: ignore[arg-type]
            change = cap if change > 0 else -cap
        points, clamped = _clamp(Fraction(self.start) + change, Fraction(*context.top))
        if reason is not None:
            sign = "+" if self.per_occurrence > 0 else "−"
            reason.rule = f"{_v(self.start)} {sign} {value.count} × {_v(abs(self.per_occurrence))}"
            if limited:
                reason.rule += f" (tối đa {_v(self.limit)})"  # type: ignore[arg-type]
            capped = clamped if clamped is not None else cap
            reason.cap = None if capped is None else capped.as_integer_ratio()
        return points.as_integer_ratio()


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Comparative(ScoringMethod[AchievementInput]):
    """Points that depend on the other units of the group.

    A unit with a target gets ``at_target_percent`` of the maximum at the target,
    proportionally less below it, the full maximum when it has the best achievement
    above target, and proportionally between the two. Units without a target are scored
    apart: ``actual / best actual among them × maximum``.

    Args:
        at_target_percent: The share of the maximum given at exactly 100 % of target,
            in percent (``"50"`` for half).
        tolerance_percent: How far below the best achievement, in percentage points, a
            ratio still counts as equal to it when the leader is chosen (``"0.01"``:
            100.005 % ties with 100.01 %); ``0`` (the default) for exact equality.
    """

    at_target_percent: Decimal
    tolerance_percent: Decimal = Decimal(0)

    direction = Direction.NEITHER
    input_type: ClassVar[type[Input]] = AchievementInput

    def check(self, max_points: Decimal, path: str) -> None:  # noqa: ARG002
        """The share at target lies within 0 and 100 %."""
        if not 0 <= self.at_target_percent <= 100:  # noqa: PLR2004
            msg = "at_target_percent must lie within 0 and 100"
            raise InvalidModelError(msg, path=f"{path}.at_target_percent", code="out-of-range")
        if self.tolerance_percent < 0:
            msg = "tolerance_percent is negative"
            raise InvalidModelError(msg, path=f"{path}.tolerance_percent", code="out-of-range")

    def ceiling(self, max_points: Decimal) -> Fraction | None:
        """The most points the method can give."""
        return Fraction(max_points)

    def input_problem(self, value: AchievementInput, max_points: Decimal) -> tuple[str, str] | None:  # noqa: ARG002
        """Any achievement input works."""
        return None

    def points_of(
        self, value: AchievementInput, context: MethodContext, reason: Reason | None = None
    ) -> Ratio:
        """The points of *value* given the best results of the group (``context.group``)."""
        group = context.group
        assert group is not None  # noqa: S101 - the engine gives comparative items their group
        max_points = context.max_points
        top = Fraction(max_points)
        actual = Fraction(value.actual)
        rule: str
        if value.target is None:
            best = group.best_untargeted or Fraction(0)
            if best == 0:
                points, rule = Fraction(0), "Không giao chỉ tiêu; cả nhóm đạt 0"
            else:
                points = actual / best * top
                rule = (
                    f"Không giao chỉ tiêu: {_v(value.actual)} / {vn(best)} (cao nhất nhóm"
                    f" không giao chỉ tiêu) × {_v(max_points)}"
                )
        else:
            ratio = actual / Fraction(value.target)
            half = Fraction(self.at_target_percent) / _HUNDRED * top
            best_ratio = group.best_ratio
            if ratio <= 1:
                points = half * ratio
                rule = (
                    f"Chưa vượt chỉ tiêu: {_v(self.at_target_percent)} % × {_v(max_points)}"
                    f" × {_v(value.actual)} / {_v(value.target)}"
                )
            elif best_ratio is not None and (best_ratio - ratio) * _HUNDRED <= Fraction(
                self.tolerance_percent
            ):
                points, rule = top, "Vượt chỉ tiêu cao nhất nhóm: điểm tối đa"
                if ratio != best_ratio:
                    rule += (
                        f" (cách mức cao nhất {vn((best_ratio - ratio) * _HUNDRED)} điểm %,"
                        f" trong dung sai {_v(self.tolerance_percent)})"
                    )
            else:
                assert best_ratio is not None  # noqa: S101 - this unit's own ratio is counted
                points = half + (top - half) * (ratio - 1) / (best_ratio - 1)
                rule = (
                    f"Vượt chỉ tiêu, nội suy: {vn(half)} + ({_v(max_points)} − {vn(half)})"
                    f" × ({vn(ratio * 100)} % − 100 %) / ({vn(best_ratio * 100)} % − 100 %)"
                )
        if reason is not None:
            reason.rule = rule
        return points.as_integer_ratio()

    def evaluate_in(
        self, value: AchievementInput, max_points: Decimal, group: GroupContext
    ) -> Evaluation:
        """The points of *value* given the group's best results (built on :meth:`points_of`)."""
        reason = Reason()
        points = self.points_of(value, MethodContext(max_points=max_points, group=group), reason)
        return Evaluation(points=Fraction(*points), rule=reason.rule)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Option:
    """One option of a one-of bonus.

    Args:
        code: The option's code, unique within the criterion.
        label: What earns it (Vietnamese).
        points: The points it gives.
    """

    code: str = attrs.field(validator=code_validator)
    label: str = attrs.field(converter=nfc, validator=non_blank)
    points: Decimal


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class OneOf(ScoringMethod[ChoiceInput]):
    """Points for one choice among several, of which only one applies.

    Args:
        options: The options, with distinct codes.
    """

    options: tuple[Option, ...]

    direction = Direction.NEITHER
    input_type: ClassVar[type[Input]] = ChoiceInput

    def check(self, max_points: Decimal, path: str) -> None:
        """Options are distinct and each gives at most the maximum."""
        if not self.options:
            raise InvalidModelError(
                "needs at least one option", path=f"{path}.options", code="empty"
            )
        try:
            unique_codes(self.options, "options")
        except InvalidModelError as exc:
            raise InvalidModelError(
                exc.message, path=f"{path}.{exc.path}", code=exc.code, details=exc.details
            ) from None
        for index, option in enumerate(self.options):
            _check_not_above(option.points, max_points, f"{path}.options[{index}].points", "points")

    def ceiling(self, max_points: Decimal) -> Fraction | None:  # noqa: ARG002
        """The most points the method can give."""
        return Fraction(max(option.points for option in self.options))

    def input_problem(self, value: ChoiceInput, max_points: Decimal) -> tuple[str, str] | None:  # noqa: ARG002
        """The option must be one of the criterion's."""
        codes = [option.code for option in self.options]
        if value.option is not None and value.option not in codes:
            return "option", f"unknown option {value.option!r}: expected one of {codes}"
        return None

    def points_of(
        self,
        value: ChoiceInput,
        context: MethodContext,  # noqa: ARG002
        reason: Reason | None = None,
    ) -> Ratio:
        """The chosen option's points, or 0 when none applies."""
        if value.option is None:
            if reason is not None:
                reason.rule = "Không thuộc trường hợp nào"
            return _ZERO
        option = next(o for o in self.options if o.code == value.option)
        if reason is not None:
            reason.rule = option.label
        return option.points.as_integer_ratio()


Method = (
    ManualPoints
    | YesNo
    | Share
    | Achievement
    | Tiers
    | TwoInputTiers
    | PerOccurrence
    | (Comparative | OneOf)
)
"""Any criterion method, told apart on the wire by ``kind``."""

METHOD_TAGS: dict[str, type] = {
    "manual": ManualPoints,
    "yes-no": YesNo,
    "share": Share,
    "achievement": Achievement,
    "tiers": Tiers,
    "tiers-2": TwoInputTiers,
    "per-occurrence": PerOccurrence,
    "comparative": Comparative,
    "one-of": OneOf,
}


def evaluate(method: Method, value: Input, max_points: Decimal) -> Evaluation:
    """Evaluate a method that does not depend on the group, on an input of the right type."""
    assert not isinstance(method, Comparative)  # noqa: S101 - comparative items use evaluate_in
    return method.evaluate(value, max_points)  # type: ignore[arg-type]


def _find(bounds: Sequence[tuple[Bound | None, Bound | None]], value: Decimal) -> int | None:
    """The index of the interval holding *value*, or ``None``."""
    for index, (lo, hi) in enumerate(bounds):
        if _contains(lo, hi, value):
            return index
    return None


def _d(value: Decimal) -> str:
    return format(value, "f")


def _v(value: Decimal) -> str:
    return vn(value)
