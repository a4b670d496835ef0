"""A sheet's rows against its scheme: each row's problem, with its path, code and message.

The check of a row is decided once per item, layer and input kind; these tests pin what
each row's own values still decide, and which problem a row with two of them reports.
"""

from __future__ import annotations

from decimal import Decimal

from thidua.scoring import (
    Assessment,
    Combination,
    CountInput,
    Criterion,
    Effect,
    ItemAdjustment,
    Layer,
    LayerRule,
    ManualPoints,
    PerCase,
    PointsInput,
    Scheme,
    ScoringSheet,
    SheetUnit,
    YesNo,
    YesNoInput,
    sheet_problems,
)

D = Decimal
SELF, COUNCIL = Layer.SELF, Layer.COUNCIL_APPRAISAL

SCHEME = Scheme(
    code="BD",
    label="Bảng điểm",
    first_year=2024,
    scale=D(100),
    criteria=(
        Criterion(
            code="1",
            label="Tham mưu",
            max_points=D(10),
            method=ManualPoints(),
            bonus_cap=D(2),
            adjustments=(
                ItemAdjustment(
                    code="1-", label="Trễ hạn", effect=Effect.DEDUCTION, amount=PerCase(points=D(1))
                ),
            ),
        ),
        Criterion(
            code="2",
            label="Báo cáo",
            max_points=D(5),
            method=YesNo(yes_points=D(5)),
            precedence=(COUNCIL, SELF),
        ),
    ),
    combination=Combination(layers=LayerRule.LAST),
)


def _problems(*rows: Assessment) -> list[tuple[str, str, str]]:
    complete = (
        Assessment(unit="A", item="1", layer=SELF, input=PointsInput(points=D(5))),
        Assessment(unit="A", item="2", layer=SELF, input=YesNoInput(met=True)),
    )
    sheet = ScoringSheet(
        year=2024,
        scheme="BD",
        units=(SheetUnit(code="A", name="Đơn vị A"),),
        assessments=(*complete, *rows),
    )
    return [(p.path, p.code, p.message) for p in sheet_problems(SCHEME, sheet)]


def test_rows_of_one_kind_are_each_checked_on_their_values() -> None:
    """Two rows of the same item, layer and input kind: only the one out of range is named."""
    fine = Assessment(unit="A", item="1", layer=COUNCIL, input=PointsInput(points=D(9)))
    over = Assessment(
        unit="A", item="1", layer=Layer.GROUP_APPRAISAL, input=PointsInput(points=D(11))
    )
    again = Assessment(unit="A", item="1-", layer=SELF, input=CountInput(count=2))
    assert _problems(fine, over, again) == [
        (
            "assessments[3].input.points",
            "out-of-range",
            "unit A, criterion 1, layer group-appraisal: points 11 are above the maximum 10",
        )
    ]


def test_entered_points_are_checked_against_the_maximum() -> None:
    """A layer of the criterion's precedence enters points in place of the yes/no answer."""
    entered = Assessment(unit="A", item="2", layer=COUNCIL, input=PointsInput(points=D(6)))
    assert _problems(entered) == [
        (
            "assessments[2].input.points",
            "out-of-range",
            (
                "unit A, criterion 2, layer council-appraisal:"
                " entered points 6 are above the maximum 5"
            ),
        )
    ]


def test_a_bonus_is_checked_before_the_input() -> None:
    """Points above the maximum and a bonus above the cap: the bonus is named."""
    both = Assessment(
        unit="A", item="1", layer=COUNCIL, input=PointsInput(points=D(11)), bonus=D(3)
    )
    entered = Assessment(
        unit="A", item="2", layer=COUNCIL, input=PointsInput(points=D(6)), bonus=D(1)
    )
    assert _problems(both, entered) == [
        (
            "assessments[2].bonus",
            "out-of-range",
            "unit A, criterion 1, layer council-appraisal: the criterion has a bonus cap of 2",
        ),
        (
            "assessments[3].bonus",
            "out-of-range",
            "unit A, criterion 2, layer council-appraisal: the criterion has no bonus",
        ),
    ]


def test_a_bonus_within_the_cap_is_taken() -> None:
    row = Assessment(unit="A", item="1", layer=COUNCIL, input=PointsInput(points=D(9)), bonus=D(2))
    assert _problems(row) == []


def test_only_criteria_take_a_bonus() -> None:
    row = Assessment(unit="A", item="1-", layer=SELF, input=CountInput(count=1), bonus=D(1))
    assert _problems(row) == [
        (
            "assessments[2].bonus",
            "inconsistent",
            "unit A, criterion 1-, layer self: only criteria take a bonus",
        )
    ]


def test_unknown_items_and_wrong_inputs_are_named() -> None:
    unknown = Assessment(unit="A", item="9", layer=SELF, input=PointsInput(points=D(1)))
    wrong = Assessment(unit="A", item="1-", layer=COUNCIL, input=PointsInput(points=D(1)))
    assert _problems(unknown, wrong) == [
        (
            "assessments[2].item",
            "unknown-item",
            "unit A, criterion 9, layer self: no criterion or adjustment has this code",
        ),
        (
            "assessments[3].input",
            "wrong-input",
            "unit A, criterion 1-, layer council-appraisal: expected a 'count' input, got 'points'",
        ),
    ]
