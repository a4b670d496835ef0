"""Raw inputs of an assessment: what a scoring method reads for one unit and one item."""

from __future__ import annotations

from decimal import Decimal

import attrs

from thidua._base.validation import code_validator, typed_fields
from thidua.scoring._numbers import vn

__all__ = [
    "AchievementInput",
    "AwardsInput",
    "ChoiceInput",
    "CountInput",
    "Input",
    "PointsInput",
    "ShareInput",
    "TwoValuesInput",
    "ValueInput",
    "YesNoInput",
    "input_problem",
]


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class PointsInput:
    """Points given directly (``{"kind": "points", "points": "8.5"}``).

    Args:
        points: The points, from 0 to the item's maximum.
    """

    points: Decimal

    def describe(self) -> str:
        """The input in words, for traces."""
        return f"{vn(self.points)} điểm"


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class YesNoInput:
    """Whether a condition holds (đạt / không đạt), with any shortcomings found.

    For a penalty or a knockout, ``met`` means the penalty or knockout applies.

    Args:
        met: True for đạt (or "applies").
        shortcomings: How many shortcomings were found (0 or more).
    """

    met: bool
    shortcomings: int = 0

    def describe(self) -> str:
        """The input in words, for traces."""
        word = "Đạt" if self.met else "Không đạt"
        if self.shortcomings:
            return f"{word}, {self.shortcomings} thiếu sót"
        return word


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class ShareInput:
    """A share of a whole, in percent from 0 to 100 (``"85"`` for 85 %).

    Args:
        percent: The share in percent.
    """

    percent: Decimal

    def describe(self) -> str:
        """The input in words, for traces."""
        return f"Tỷ lệ {vn(self.percent)} %"


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class AchievementInput:
    """A result against a target; the target may be absent for comparative items.

    Args:
        actual: What was achieved (0 or more).
        target: The target (more than 0), or ``None`` for a unit without one.
    """

    actual: Decimal
    target: Decimal | None = None

    def describe(self) -> str:
        """The input in words, for traces."""
        if self.target is None:
            return f"Thực hiện {vn(self.actual)}, không giao chỉ tiêu"
        return f"Thực hiện {vn(self.actual)} / chỉ tiêu {vn(self.target)}"


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class ValueInput:
    """One measured value, read against a tier table (a collection rate of ``"98.5"``).

    Args:
        value: The measured value.
    """

    value: Decimal

    def describe(self) -> str:
        """The input in words, for traces."""
        return f"Giá trị {vn(self.value)}"


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class TwoValuesInput:
    """Two measured values, read against a two-input tier table.

    Args:
        first: The value read against the table's rows.
        second: The value read against the table's columns.
    """

    first: Decimal
    second: Decimal

    def describe(self) -> str:
        """The input in words, for traces."""
        return f"Giá trị {vn(self.first)} và {vn(self.second)}"


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class CountInput:
    """A number of occurrences or cases (0 or more).

    Args:
        count: How many.
    """

    count: int

    def describe(self) -> str:
        """The input in words, for traces."""
        return f"{self.count} lần"


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class ChoiceInput:
    """The one option that applies, by code, or ``None`` when none does.

    Args:
        option: The chosen option's code.
    """

    option: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(code_validator)
    )

    def describe(self) -> str:
        """The input in words, for traces."""
        return "Không có" if self.option is None else f"Lựa chọn {self.option}"


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class AwardsInput:
    """The awards a unit holds, by code, for award bonuses.

    Args:
        held: The codes of the awards held (may be empty).
    """

    held: tuple[str, ...] = ()

    def describe(self) -> str:
        """The input in words, for traces."""
        return "Không có" if not self.held else "Danh hiệu: " + ", ".join(sorted(self.held))


Input = (
    PointsInput
    | YesNoInput
    | ShareInput
    | AchievementInput
    | ValueInput
    | TwoValuesInput
    | CountInput
    | ChoiceInput
    | AwardsInput
)
"""Any raw input, told apart on the wire by ``kind``."""

INPUT_TAGS: dict[str, type] = {
    "points": PointsInput,
    "yes-no": YesNoInput,
    "share": ShareInput,
    "achievement": AchievementInput,
    "value": ValueInput,
    "values": TwoValuesInput,
    "count": CountInput,
    "choice": ChoiceInput,
    "awards": AwardsInput,
}


def input_tag(cls: type) -> str:
    """The wire tag of an input class."""
    return next(tag for tag, klass in INPUT_TAGS.items() if klass is cls)


def input_problem(value: Input) -> tuple[str, str] | None:
    """Range problems an input has on its own: ``(relative path, message)`` or ``None``."""
    if isinstance(value, PointsInput) and value.points < 0:
        return "points", f"points {_num(value.points)} are negative"
    if isinstance(value, YesNoInput) and value.shortcomings < 0:
        return "shortcomings", f"a count of {value.shortcomings} shortcomings is negative"
    if isinstance(value, ShareInput) and not 0 <= value.percent <= 100:  # noqa: PLR2004
        return "percent", f"a share of {_num(value.percent)} % is outside 0 to 100 %"
    if isinstance(value, AchievementInput):
        if value.actual < 0:
            return "actual", f"the result {_num(value.actual)} is negative"
        if value.target is not None and value.target <= 0:
            return "target", f"the target {_num(value.target)} is not above 0"
    if isinstance(value, CountInput) and value.count < 0:
        return "count", f"a count of {value.count} is negative"
    if isinstance(value, AwardsInput):
        for index, code in enumerate(value.held):
            if code in value.held[:index]:
                return f"held[{index}]", f"award {code!r} is listed twice"
    return None


def _num(value: Decimal) -> str:
    return format(value, "f")
