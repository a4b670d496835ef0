"""Worked examples of the constructs of issue 12, each with literal expected values."""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from thidua import Award, AwardKind, Recipient, preset
from thidua.cli import main
from thidua.documents import _wording
from thidua.errors import InvalidModelError, SheetError, StructureError
from thidua.scoring import (
    Achievement,
    AchievementInput,
    Assessment,
    Bound,
    Combination,
    Comparative,
    CountInput,
    Criterion,
    DeductionFloor,
    Effect,
    Flat,
    GapSide,
    Interval,
    ItemAdjustment,
    Layer,
    LayerRule,
    LineKind,
    LineSource,
    ManualPoints,
    MissingRow,
    PerCase,
    PointsInput,
    Scheme,
    Scoring,
    ScoringSheet,
    Section,
    SharedCap,
    SheetUnit,
    Tier,
    Tiers,
    TwoInputTiers,
    TwoValuesInput,
    ValueInput,
    Waiver,
    YesNo,
    YesNoInput,
    deferred_sheet_checks,
    score,
)
from thidua.serialization import dumps, structure, unstructure

D = Decimal
SELF = Layer.SELF
GROUP = Layer.GROUP_APPRAISAL
COUNCIL = Layer.COUNCIL_APPRAISAL
Row = tuple[str, str, Layer, object]


def _scheme(criteria: list[Section | Criterion], **kw: object) -> Scheme:
    return Scheme(
        code="BD",
        label="Bảng điểm",
        first_year=2024,
        scale=D(100),
        criteria=tuple(criteria),
        combination=Combination(layers=LayerRule.LAST),
        **kw,  # type: ignore[arg-type]
    )


def _sheet(rows: Sequence[Row], units: tuple[str, ...] = ("A", "B")) -> ScoringSheet:
    return ScoringSheet(
        year=2024,
        scheme="BD",
        units=tuple(SheetUnit(code=u, name=f"Đơn vị {u}") for u in units),
        assessments=tuple(
            Assessment(unit=u, item=i, layer=layer, input=v)  # type: ignore[arg-type]
            for u, i, layer, v in rows
        ),
    )


def _totals(scheme: Scheme, sheet: ScoringSheet) -> dict[str, Decimal]:
    return {u.unit: u.total for u in score(scheme, sheet).units}


def _interval(low: str | None, high: str | None) -> Interval:
    return Interval(
        lower=None if low is None else Bound(value=D(low), inclusive=True),
        upper=None if high is None else Bound(value=D(high), inclusive=False),
    )


# 1. Base points by default ------------------------------------------------------------

REPORTS = Criterion(
    code="I/2/2.b/22",
    label="Chấp hành chế độ báo cáo",
    max_points=D(10),
    method=YesNo(yes_points=D(10), per_shortcoming=D(2)),
    missing=MissingRow.BASE,
)
ADVICE = Criterion(code="C5.1[a]", label="Tham mưu", max_points=D(5), method=ManualPoints())
SECTION_I = Section(code="I", label="Công tác chuyên môn", children=(REPORTS, ADVICE))
ONE_ROW: list[Row] = [("A", "C5.1[a]", SELF, PointsInput(points=D(4)))]


def test_a_missing_row_gives_the_base_per_criterion_and_zero_per_scheme() -> None:
    scheme = _scheme([SECTION_I], missing=MissingRow.ZERO)
    # A: 10 (no row, base) + 4; B: 10 (no row, base) + 0 (no row, scheme: zero).
    assert _totals(scheme, _sheet(ONE_ROW)) == {"A": D(14), "B": D(10)}


def test_a_missing_row_is_refused_by_default() -> None:
    with pytest.raises(SheetError) as caught:
        score(_scheme([SECTION_I]), _sheet(ONE_ROW))
    assert [(p.code, p.path) for p in caught.value.problems] == [("incomplete", "assessments")]
    assert "unit B, criterion C5.1[a]" in caught.value.problems[0].message


def test_a_missing_row_per_scheme_gives_the_base() -> None:
    scheme = _scheme([SECTION_I], missing=MissingRow.BASE)
    assert _totals(scheme, _sheet(ONE_ROW)) == {"A": D(14), "B": D(15)}


# 2. Computed bonuses and deductions ---------------------------------------------------

TWO_INPUTS = TwoInputTiers(
    rows=(_interval("0", "100"), _interval("100", None)),
    columns=(_interval("0", "50"), _interval("50", None)),
    points=((D("0.5"), D(1)), (D("1.5"), D("2.7"))),
    first_label="Hồ sơ giải quyết trong năm",
    second_label="Tỷ lệ giải quyết trước hạn",
)
RATE_BAND = Tiers(
    tiers=(
        Tier(
            points=D(0),
            lower=Bound(value=D(0), inclusive=True),
            upper=Bound(value=D(90), inclusive=False),
        ),
        Tier(points=D(1), lower=Bound(value=D(90), inclusive=True)),
    )
)
DOSSIERS = Criterion(
    code="2.a",
    label="Giải quyết hồ sơ",
    max_points=D(10),
    method=ManualPoints(),
    bonus_cap=D(3),
    adjustments=(
        ItemAdjustment(
            code="2.a+", label="Hồ sơ trước hạn", effect=Effect.BONUS, amount=TWO_INPUTS, cap=D(2)
        ),
        ItemAdjustment(code="2.a r", label="Tỷ lệ đúng hạn", effect=Effect.BONUS, amount=RATE_BAND),
        ItemAdjustment(
            code="2.a-1",
            label="Trễ hạn",
            effect=Effect.DEDUCTION,
            amount=PerCase(points=D(1)),
            waiver=Waiver(code="2.a tự", label="Đơn vị tự phát hiện và báo cáo"),
        ),
        ItemAdjustment(
            code="2.a-2",
            label="Sai sót",
            effect=Effect.DEDUCTION,
            amount=PerCase(points=D("0.5")),
            cap=D(1),
        ),
    ),
    deduction_cap=D(3),
)


def test_bonuses_from_a_table_over_two_inputs_and_a_band_with_caps_and_deductions() -> None:
    rows: list[Row] = [
        ("A", "2.a", SELF, PointsInput(points=D(8))),
        ("A", "2.a+", SELF, TwoValuesInput(first=D(120), second=D(60))),  # 2.7, own cap 2
        ("A", "2.a r", SELF, ValueInput(value=D(95))),  # band 90 % and above: 1
        ("A", "2.a-1", SELF, CountInput(count=2)),  # 2 × 1
        ("A", "2.a-2", SELF, CountInput(count=5)),  # 5 × 0.5 = 2.5, own cap 1
        ("B", "2.a", SELF, PointsInput(points=D(8))),
        ("B", "2.a-1", SELF, CountInput(count=2)),
        ("B", "2.a tự", SELF, YesNoInput(met=True)),  # waived
    ]
    result = score(_scheme([Section(code="I", label="Hồ sơ", children=(DOSSIERS,))]), _sheet(rows))
    a, b = result.unit("A"), result.unit("B")
    # A: 8 − (2 + 1) + min(2 + 1, 3) = 8; B: the deduction waived, 8.
    assert (a.total, a.base, a.bonus_total) == (D(8), D(5), D(3))
    assert (b.total, b.base, b.bonus_total) == (D(8), D(8), D(0))


DEDUCTED = Criterion(
    code="1",
    label="Báo cáo",
    max_points=D(4),
    method=ManualPoints(),
    adjustments=(
        ItemAdjustment(
            code="1-a", label="Lỗi", effect=Effect.DEDUCTION, amount=PerCase(points=D(1))
        ),
        ItemAdjustment(
            code="1-b", label="Lỗi nhỏ", effect=Effect.DEDUCTION, amount=PerCase(points=D("0.5"))
        ),
    ),
    deduction_cap=D(3),
)
DEDUCTED_ROWS: list[Row] = [
    ("A", "1", SELF, PointsInput(points=D(2))),
    ("A", "1-a", SELF, CountInput(count=4)),  # 4 + 0.5, the item cap shared: 3
    ("A", "1-b", SELF, CountInput(count=1)),
    ("B", "1", SELF, PointsInput(points=D(4))),
    ("B", "1-a", SELF, CountInput(count=1)),
    ("B", "1-b", SELF, CountInput(count=1)),
]


def test_deductions_share_the_item_cap_and_stop_at_zero() -> None:
    scheme = _scheme([DEDUCTED], deduction_floor=DeductionFloor.ZERO)
    assert _totals(scheme, _sheet(DEDUCTED_ROWS)) == {"A": D(0), "B": D("2.5")}


def test_deductions_may_go_below_zero_when_declared() -> None:
    scheme = _scheme([DEDUCTED], deduction_floor=DeductionFloor.NONE)
    assert _totals(scheme, _sheet(DEDUCTED_ROWS)) == {"A": D(-1), "B": D("2.5")}


def _shared(code: str, item: str) -> Criterion:
    return Criterion(
        code=code,
        label=f"Tiêu chí {code}",
        max_points=D(5),
        method=ManualPoints(),
        bonus_cap=D(5),
        adjustments=(
            ItemAdjustment(
                code=item,
                label="Sáng kiến",
                effect=Effect.BONUS,
                amount=PerCase(points=D(1)),
                shared_cap="T",
            ),
        ),
    )


def test_one_cap_shared_by_adjustments_of_several_items_is_spent_in_table_order() -> None:
    scheme = _scheme(
        [_shared("1", "1+"), _shared("2", "2+")],
        shared_caps=(SharedCap(code="T", label="Thưởng sáng kiến", cap=D("2.5")),),
    )
    rows: list[Row] = [
        ("A", "1", SELF, PointsInput(points=D(5))),
        ("A", "2", SELF, PointsInput(points=D(5))),
        ("A", "1+", SELF, CountInput(count=2)),
        ("A", "2+", SELF, CountInput(count=2)),
    ]
    result = score(scheme, _sheet(rows, units=("A",)), trace=True).unit("A")
    assert (result.total, result.bonus_total) == (D("12.5"), D("2.5"))
    bonuses = [(line.code, line.points) for line in result.trace if line.kind == "criterion-bonus"]
    assert bonuses == [("1", D(2)), ("2", D("0.5"))]


def test_a_flat_bonus_must_be_positive() -> None:
    with pytest.raises(InvalidModelError) as caught:
        Flat(points=D(0)).check("amount")
    assert caught.value.code == "not-positive"


# 3. Bounds ---------------------------------------------------------------------------

# "từ 97 % đến dưới 98 %: 1 điểm; trên 98 %: 2 điểm": 98 % itself is in neither tier.
FROM_97 = Tier(
    points=D(1),
    lower=Bound(value=D(97), inclusive=True),
    upper=Bound(value=D(98), inclusive=False),
)
ABOVE_98 = Tier(points=D(2), lower=Bound(value=D(98), inclusive=False))


def _rate_item(*tiers: Tier) -> Criterion:
    return Criterion(code="3.1", label="Tỷ lệ", max_points=D(2), method=Tiers(tiers=tiers))


def test_a_published_gap_between_tiers_is_refused_and_says_how_to_declare_it() -> None:
    with pytest.raises(InvalidModelError) as caught:
        _rate_item(FROM_97, ABOVE_98)
    assert (caught.value.code, caught.value.path) == ("tier-gap", "method.tiers[1]")
    assert 'takes_gap "above" on the first or "below" on the second' in str(caught.value)


@pytest.mark.parametrize(
    ("tiers", "points"),
    [
        ((attrs.evolve(FROM_97, takes_gap=GapSide.ABOVE), ABOVE_98), D(1)),
        ((FROM_97, attrs.evolve(ABOVE_98, takes_gap=GapSide.BELOW)), D(2)),
    ],
    ids=["first-takes-it", "second-takes-it"],
)
def test_the_tier_that_takes_the_gap_scores_its_value(
    tiers: tuple[Tier, Tier], points: Decimal
) -> None:
    scheme = _scheme([_rate_item(*tiers)])
    rows: list[Row] = [("A", "3.1", SELF, ValueInput(value=D(98)))]
    assert _totals(scheme, _sheet(rows, units=("A",))) == {"A": points}


def test_overlapping_tiers_are_refused() -> None:
    wide = attrs.evolve(FROM_97, upper=Bound(value=D("98.5"), inclusive=False))
    with pytest.raises(InvalidModelError) as caught:
        _rate_item(wide, attrs.evolve(ABOVE_98, lower=Bound(value=D(98), inclusive=True)))
    assert (caught.value.code, caught.value.path) == ("tiers-overlap", "method.tiers[1]")


@pytest.mark.parametrize("cap", [None, D(120)])
def test_an_achievement_beyond_its_maximum_needs_a_declared_bonus(cap: Decimal | None) -> None:
    with pytest.raises(InvalidModelError) as caught:
        Criterion(
            code="3.2", label="Chỉ tiêu", max_points=D(10), method=Achievement(cap_percent=cap)
        )
    assert (caught.value.code, caught.value.path) == ("undeclared-excess", "bonus_cap")


def test_the_declared_excess_is_a_bonus_within_its_cap() -> None:
    """130 % of target, capped at 120 %: 10 points of base and 2 of bonus (its cap 1.5)."""
    item = Criterion(
        code="3.2",
        label="Chỉ tiêu",
        max_points=D(10),
        method=Achievement(cap_percent=D(120)),
        bonus_cap=D("1.5"),
    )
    rows: list[Row] = [("A", "3.2", SELF, AchievementInput(actual=D(130), target=D(100)))]
    unit = score(_scheme([item]), _sheet(rows, units=("A",))).unit("A")
    assert (unit.base, unit.bonus_total, unit.total) == (D(10), D("1.5"), D("11.5"))


# 4. Entered over computed -------------------------------------------------------------


def test_entered_points_take_precedence_and_the_trace_says_where_they_come_from() -> None:
    rate = Criterion(
        code="3",
        label="Tỷ lệ giải ngân",
        max_points=D(10),
        method=YesNo(yes_points=D(10)),
        precedence=(COUNCIL, GROUP, SELF),
    )
    rows: list[Row] = [
        ("A", "3", SELF, YesNoInput(met=True)),
        ("A", "3", GROUP, PointsInput(points=D(7))),
        ("B", "3", SELF, YesNoInput(met=True)),
    ]
    result = score(_scheme([rate]), _sheet(rows), trace=True)
    lines = {
        u.unit: [(line.code, line.layer, line.source, line.points) for line in u.trace]
        for u in result.units
    }
    assert lines == {
        "A": [("3", GROUP, LineSource.ENTERED, D(7))],
        "B": [("3", SELF, LineSource.COMPUTED, D(10))],
    }


# 5. Flag mode and every problem at once -----------------------------------------------

MANUAL = Criterion(code="1", label="Báo cáo", max_points=D(5), method=ManualPoints())
ON_TIME = Criterion(code="2", label="Đúng hạn", max_points=D(5), method=YesNo(yes_points=D(5)))
BAD_ROWS: list[Row] = [
    ("A", "1", SELF, PointsInput(points=D(4))),
    ("A", "2", SELF, YesNoInput(met=True)),
    ("B", "1", SELF, PointsInput(points=D(6))),  # above the maximum
    ("B", "2", SELF, PointsInput(points=D(1))),  # wrong input kind
    ("C", "1", SELF, PointsInput(points=D(3))),
    ("C", "2", SELF, YesNoInput(met=False)),
]


def test_flag_mode_scores_the_valid_units_and_lists_the_others() -> None:
    result = score(_scheme([MANUAL, ON_TIME]), _sheet(BAD_ROWS, ("A", "B", "C")), on_error="flag")
    assert [(u.unit, u.total, u.rank) for u in result.units] == [("A", D(9), 1), ("C", D(3), 2)]
    assert [(u.unit, u.problems) for u in result.unscored] == [
        (
            "B",
            (
                (
                    "assessments[2].input.points: unit B, criterion 1, layer self:"
                    " points 6 are above the maximum 5"
                ),
                (
                    "assessments[3].input: unit B, criterion 2, layer self:"
                    " expected a 'yes-no' input, got 'points'"
                ),
            ),
        )
    ]


def test_strict_mode_reports_every_problem_at_once() -> None:
    with pytest.raises(SheetError) as caught:
        score(_scheme([MANUAL, ON_TIME]), _sheet(BAD_ROWS, ("A", "B", "C")))
    assert [(p.path, p.code) for p in caught.value.problems] == [
        ("assessments[2].input.points", "out-of-range"),
        ("assessments[3].input", "wrong-input"),
    ]


def _scoring_file(tmp_path: Path) -> Path:
    scheme = _scheme([Section(code="I", label="Mục I", children=(MANUAL, ON_TIME))])
    with deferred_sheet_checks():  # a file with invalid rows, as a user may write one
        scoring = Scoring(schemes=(scheme,), sheets=(_sheet(BAD_ROWS, ("A", "B", "C")),))
    path = tmp_path / "scoring.json"
    path.write_bytes(dumps(scoring))
    return path


def test_cli_on_error_flag_and_the_results_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _scoring_file(tmp_path)
    assert main(["--lang", "en", "score", str(path)]) == 1
    capsys.readouterr()
    assert main(["score", str(path), "--on-error", "flag", "--format", "json"]) == 0
    body = json.loads(capsys.readouterr().out)
    first = body["results"][0]
    assert sorted(first) == [
        "band",
        "barred_from",
        "base",
        "bonus_total",
        "classification",
        "knockouts",
        "name",
        "penalty_total",
        "rank",
        "subtotals",
        "tied",
        "total",
        "unit",
        "year",
    ]
    assert (first["unit"], first["total"]) == ("A", "9")
    assert first["subtotals"] == [
        {
            "section": "I",
            "points": "9",
            "before_adjustments": "9",
            "after_adjustments": "9",
        }
    ]
    assert [(u["unit"], len(u["problems"])) for u in body["unscored"]] == [("B", 2)]


# 6. Subtotals before and after adjustments --------------------------------------------


def test_subtotals_before_and_after_adjustments() -> None:
    rows: list[Row] = [
        ("A", "2.a", SELF, PointsInput(points=D(8))),
        ("A", "2.a r", SELF, ValueInput(value=D(95))),
        ("A", "2.a-1", SELF, CountInput(count=2)),
        ("B", "2.a", SELF, PointsInput(points=D(8))),
    ]
    scheme = _scheme([Section(code="I", label="Hồ sơ", children=(DOSSIERS,))])
    result = score(scheme, _sheet(rows)).unit("A")
    (subtotal,) = result.subtotals
    # 8 before; 8 − 2 = 6 in the base; 6 + 1 bonus after.
    assert (subtotal.before_adjustments, subtotal.points, subtotal.after_adjustments) == (
        D(8),
        D(6),
        D(7),
    )


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "By section: I: 6 (before adjustments: 8, with bonuses: 7)"),
        ("vi", "Điểm theo mục: I: 6 (trước cộng, trừ: 8, kể cả điểm thưởng: 7)"),
    ],
)
def test_explain_and_json_show_subtotals_before_and_after_adjustments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, line: str
) -> None:
    rows: list[Row] = [
        ("A", "2.a", SELF, PointsInput(points=D(8))),
        ("A", "2.a r", SELF, ValueInput(value=D(95))),
        ("A", "2.a-1", SELF, CountInput(count=2)),
        ("B", "2.a", SELF, PointsInput(points=D(8))),
    ]
    scheme = _scheme([Section(code="I", label="Hồ sơ", children=(DOSSIERS,))])
    path = tmp_path / "scoring.json"
    path.write_bytes(dumps(Scoring(schemes=(scheme,), sheets=(_sheet(rows),))))
    assert main(["--lang", lang, "score", str(path), "--explain", "A"]) == 0
    assert line in capsys.readouterr().out.splitlines()
    assert main(["score", str(path), "--format", "json"]) == 0
    by_unit = {r["unit"]: r for r in json.loads(capsys.readouterr().out)["results"]}
    assert by_unit["A"]["subtotals"] == [
        {"section": "I", "points": "6", "before_adjustments": "8", "after_adjustments": "7"}
    ]


def test_every_trace_line_kind_and_source_has_words_in_both_languages() -> None:
    assert set(_wording._LINE_VI) == set(_wording._LINE_EN) == set(LineKind)
    assert set(_wording._SOURCE_VI) == set(LineSource)


# 7. Codes as written ------------------------------------------------------------------


@pytest.mark.parametrize("code", ["I/2/2.b/22", "C5.1[a]", "3.3.2.1 d"])
def test_codes_as_tables_write_them_are_accepted(code: str) -> None:
    assert Criterion(code=code, label="Mục", max_points=D(1), method=ManualPoints()).code == code


@pytest.mark.parametrize("code", [" 1.1", "1.1 ", "1\t2", "1\n2", ""])
def test_codes_with_control_characters_or_surrounding_spaces_are_refused(code: str) -> None:
    with pytest.raises(InvalidModelError) as caught:
        Criterion(code=code, label="Mục", max_points=D(1), method=ManualPoints())
    assert (caught.value.code, caught.value.path) == ("invalid-item-code", "code")


# 8. Comparative tolerance -------------------------------------------------------------


def test_comparative_tolerance_lets_a_near_best_ratio_count_as_the_leader() -> None:
    def totals(tolerance: str) -> dict[str, Decimal]:
        item = Criterion(
            code="4",
            label="Thu ngân sách",
            max_points=D(10),
            method=Comparative(at_target_percent=D(50), tolerance_percent=D(tolerance)),
        )
        rows: list[Row] = [
            ("A", "4", SELF, AchievementInput(actual=D("110"), target=D(100))),
            ("B", "4", SELF, AchievementInput(actual=D("109.5"), target=D(100))),
        ]
        return _totals(_scheme([item]), _sheet(rows))

    # Exact: B gets 5 + 5 × 9.5 / 10 = 9.75; within 0.5 points of %: the maximum.
    assert totals("0") == {"A": D(10), "B": D("9.75")}
    assert totals("0.5") == {"A": D(10), "B": D(10)}


# 9. Households ------------------------------------------------------------------------


def test_households_are_recipients_beside_collectives_and_individuals() -> None:
    assert [r.value for r in Recipient] == ["collective", "individual", "household"]


def test_the_national_catalogue_has_the_household_title_and_forms() -> None:
    """ "Gia đình văn hóa" and the Bằng khen and Giấy khen given to households."""
    households = [a for a in preset("VN").awards if a.recipient is Recipient.HOUSEHOLD]
    assert [(a.code, a.name, a.kind) for a in households] == [
        ("GDVH", "Gia đình văn hóa", AwardKind.EMULATION_TITLE),
        ("BK-TTG-HGD", "Bằng khen của Thủ tướng Chính phủ", AwardKind.COMMENDATION_FORM),
        ("BK-BNT-HGD", "Bằng khen cấp bộ, ban, ngành, tỉnh", AwardKind.COMMENDATION_FORM),
        ("GK-HGD", "Giấy khen", AwardKind.COMMENDATION_FORM),
    ]
    assert [a.issuer for a in households] == [
        None,
        "Thủ tướng Chính phủ",
        "Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ tịch Ủy ban nhân dân cấp tỉnh",
        "Chủ tịch Ủy ban nhân dân cấp xã",
    ]
    assert all("06/2022/QH15" in a.basis for a in households)


def test_a_household_award_round_trips_and_an_unknown_recipient_is_refused() -> None:
    award = Award(
        code="GDVH-X",
        name="Gia đình văn hóa tiêu biểu",
        kind=AwardKind.EMULATION_TITLE,
        recipient=Recipient.HOUSEHOLD,
        basis="Quyết định của Ủy ban nhân dân tỉnh",
    )
    data = unstructure(award)
    assert data["recipient"] == "household"
    assert structure(data, Award) == award
    with pytest.raises(StructureError) as caught:
        structure({**data, "recipient": "family"}, Award)
    assert caught.value.messages == [
        "$.recipient: expected one of 'collective', 'individual', 'household', got string 'family'"
    ]
