"""Worked examples of the scoring engine: literal expected values, arithmetic beside them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from thidua import ScoringError
from thidua.scoring import (
    Achievement,
    AchievementInput,
    Assessment,
    AwardBonus,
    AwardPoints,
    AwardsInput,
    Band,
    Bar,
    Bonus,
    Bound,
    Combination,
    Comparative,
    CountInput,
    Criterion,
    CriterionTieBreak,
    FewerPenalties,
    Interval,
    KnockoutRule,
    Layer,
    LayerRule,
    LineKind,
    ManualPoints,
    Method,
    PeerRule,
    PeerStatistic,
    Penalty,
    PointsInput,
    RoundingMode,
    RoundingRule,
    RoundingStep,
    Scheme,
    Scoring,
    ScoringSheet,
    Section,
    SectionTieBreak,
    Share,
    ShareInput,
    SheetUnit,
    Stacking,
    TwoInputTiers,
    TwoValuesInput,
    YearResults,
    YesNo,
    YesNoInput,
    score,
    score_all,
)

D = Decimal
LAST = Combination(layers=LayerRule.LAST)


def crit(code: str, top: str, method: Method | None = None) -> Criterion:
    return Criterion(
        code=code, label=f"Tiêu chí {code}", max_points=D(top), method=method or ManualPoints()
    )


def scheme(*criteria: Section | Criterion, **kw: object) -> Scheme:
    fields: dict[str, object] = {
        "code": "BANG",
        "label": "Bảng chấm điểm",
        "first_year": 2019,
        "scale": D(100),
        "combination": LAST,
    }
    fields.update(kw)
    return Scheme(criteria=criteria, **fields)  # type: ignore[arg-type]


def sheet(units: list[str], *assessments: Assessment, year: int = 2019) -> ScoringSheet:
    return ScoringSheet(
        year=year,
        scheme="BANG",
        units=tuple(SheetUnit(code=u, name=f"Đơn vị {u}") for u in units),
        assessments=assessments,
    )


def pts(unit: str, item: str, value: str, layer: Layer = Layer.SELF) -> Assessment:
    return Assessment(unit=unit, item=item, layer=layer, input=PointsInput(points=D(value)))


def test_thousand_point_table_with_bonus_cap_and_flat_penalty() -> None:
    """1,000 points: 935 base + min(40 + 2 × 10, 50) − 8 = 977."""
    table = scheme(
        Section(
            code="A",
            label="Nhiệm vụ chuyên môn",
            cap=D(700),
            children=(crit("A1", "400"), crit("A2", "300")),
        ),
        Section(
            code="B", label="Công tác khác", cap=D(300), children=(crit("B1", "300", Share()),)
        ),
        scale=D(1000),
        bonus_cap=D(50),
        adjustments=(
            Bonus(code="THUONG", label="Điểm thưởng", cap=D(40)),
            Bonus(code="SANGKIEN", label="Sáng kiến", per_case=D(10)),
            Penalty(code="KHONGDK", label="Không đăng ký thi đua", points=D(8)),
        ),
    )
    results = score(
        table,
        sheet(
            ["HN"],
            pts("HN", "A1", "380"),
            pts("HN", "A2", "270"),
            Assessment(unit="HN", item="B1", layer=Layer.SELF, input=ShareInput(percent=D(95))),
            pts("HN", "THUONG", "40"),
            Assessment(unit="HN", item="SANGKIEN", layer=Layer.SELF, input=CountInput(count=2)),
            Assessment(unit="HN", item="KHONGDK", layer=Layer.SELF, input=YesNoInput(met=True)),
        ),
        trace=True,
    )
    unit = results.unit("HN")
    assert unit.base == D(935)  # 380 + 270 + 95 % × 300 = 380 + 270 + 285
    assert unit.bonus_total == D(50)  # 40 + 2 × 10 = 60, cut to the cap 50
    assert unit.penalty_total == D(8)
    assert unit.total == D(977)  # 935 + 50 − 8
    cut = next(line for line in unit.trace if line.kind is LineKind.BONUS_CAP)
    assert cut.points == D(-10)  # 50 − 60
    assert sum(line.points for line in unit.trace) == unit.total


def _flags(stacking: Stacking) -> Scheme:
    return scheme(
        crit("CM", "100"),
        adjustments=(
            AwardBonus(
                code="CO",
                label="Thưởng danh hiệu",
                stacking=stacking,
                awards=(
                    AwardPoints(
                        code="CITY", label="Cờ thi đua xuất sắc của thành phố", points=D(10)
                    ),
                    AwardPoints(code="GOV", label="Cờ thi đua của Chính phủ", points=D(15)),
                ),
            ),
        ),
    )


def _held(unit: str, *codes: str) -> Assessment:
    return Assessment(unit=unit, item="CO", layer=Layer.SELF, input=AwardsInput(held=codes))


def test_hundred_point_table_with_award_bonuses() -> None:
    """HCM Bảng biểu 4: 97 + 10 (city flag) = 107; 90 + 15 (Government flag) = 105."""
    results = score(
        _flags(Stacking.HIGHEST),
        sheet(
            ["Q5", "Q1"],
            pts("Q5", "CM", "97"),
            _held("Q5", "CITY"),
            pts("Q1", "CM", "90"),
            _held("Q1", "GOV"),
        ),
    )
    assert results.unit("Q5").total == D(107)  # 97 + 10, above the 100-point scale
    assert results.unit("Q1").total == D(105)  # 90 + 15
    assert [r.unit for r in results.units] == ["Q5", "Q1"]


@pytest.mark.parametrize(
    ("stacking", "expected"),
    [(Stacking.HIGHEST, D(112)), (Stacking.SUM, D(122))],  # 97 + 15; 97 + 10 + 15
)
def test_award_stacking_is_declared(stacking: Stacking, expected: Decimal) -> None:
    """Both flags in one year: highest only (97 + 15 = 112) or summed (97 + 25 = 122)."""
    results = score(
        _flags(stacking), sheet(["Q5"], pts("Q5", "CM", "97"), _held("Q5", "CITY", "GOV"))
    )
    assert results.unit("Q5").total == expected


def test_share_item() -> None:
    """Điểm = Tỷ lệ% × Điểm tối đa: 85 % of a 2-point item = 0.85 × 2 = 1.7."""
    results = score(
        scheme(crit("TL", "2", Share())),
        sheet(
            ["HP"],
            Assessment(unit="HP", item="TL", layer=Layer.SELF, input=ShareInput(percent=D(85))),
        ),
        trace=True,
    )
    assert results.unit("HP").total == D("1.7")
    assert results.unit("HP").trace[0].rule == "Tỷ lệ % × điểm tối đa = 85 % × 2"


def _two_input() -> TwoInputTiers:
    return TwoInputTiers(
        rows=(
            Interval(upper=Bound(value=D(100), inclusive=False)),
            Interval(
                lower=Bound(value=D(100), inclusive=True),
                upper=Bound(value=D(500), inclusive=False),
            ),
            Interval(lower=Bound(value=D(500), inclusive=True)),
        ),
        columns=(
            Interval(upper=Bound(value=D(1), inclusive=True)),
            Interval(
                lower=Bound(value=D(1), inclusive=False), upper=Bound(value=D(5), inclusive=True)
            ),
            Interval(lower=Bound(value=D(5), inclusive=False)),
        ),
        points=(
            (D(4), D(3), D(1)),
            (D("4.5"), D("3.5"), D("1.5")),
            (D(5), D(4), D(2)),
        ),
        first_label="Số hồ sơ trong năm",
        second_label="Tỷ lệ hồ sơ trễ hạn (%)",
    )


@pytest.mark.parametrize(
    ("dossiers", "late", "expected"),
    [
        ("250", "1", D("4.5")),  # 100 ≤ 250 < 500, late 1 % is "đến 1 %": row 2, column 1
        ("250", "1.01", D("3.5")),  # late above 1 %: column 2
        ("500", "0", D(5)),  # "từ 500": row 3, column 1
        ("99", "7", D(1)),  # "dưới 100", late "trên 5 %"
    ],
)
def test_two_input_tier(dossiers: str, late: str, expected: Decimal) -> None:
    """Yearly dossiers crossed with the share handled late; each bound inclusive or not."""
    value = TwoValuesInput(first=D(dossiers), second=D(late))
    results = score(
        scheme(crit("HS", "5", _two_input())),
        sheet(["DN"], Assessment(unit="DN", item="HS", layer=Layer.SELF, input=value)),
    )
    assert results.unit("DN").total == expected


def test_comparative_item_across_five_units() -> None:
    """Half the maximum at target, full for the best above it, one unit without a target."""
    method = Comparative(at_target_percent=D(50))
    data = {"HN": ("120", "100"), "HCM": ("150", "100"), "HP": ("90", "100"), "DN": ("110", "100")}
    assessments = [
        Assessment(
            unit=u, item="SS", layer=Layer.SELF, input=AchievementInput(actual=D(a), target=D(t))
        )
        for u, (a, t) in data.items()
    ]
    assessments.append(
        Assessment(unit="CT", item="SS", layer=Layer.SELF, input=AchievementInput(actual=D(40)))
    )
    results = score(
        scheme(crit("SS", "10", method)), sheet(["HN", "HCM", "HP", "DN", "CT"], *assessments)
    )
    totals = {r.unit: r.total for r in results.units}
    assert totals == {
        "HCM": D(10),  # best above target (150 %): the full maximum
        "HN": D(7),  # 5 + (10 − 5) × (120 % − 100 %) / (150 % − 100 %) = 5 + 2
        "DN": D(6),  # 5 + 5 × 10 / 50 = 6
        "HP": D("4.5"),  # below target: 50 % × 10 × 90 / 100
        "CT": D(10),  # no target: 40 / 40 (best without a target) × 10
    }


def test_three_level_tree_with_decimal_maxima_above_the_cap() -> None:
    """A (cap 20) > I (cap 15) > 9.98 + 12.99: I = min(22.97, 15); A = min(15 + 8.5, 20)."""
    table = scheme(
        Section(
            code="A",
            label="Nhiệm vụ công tác chuyên môn",
            cap=D(20),
            children=(
                Section(
                    code="I",
                    label="Công tác bảo vệ an ninh quốc gia",
                    cap=D(15),
                    children=(crit("I1", "9.98"), crit("I2", "12.99")),
                ),
                crit("II", "8.5"),
            ),
        ),
    )
    results = score(
        table,
        sheet(["HN"], pts("HN", "I1", "9.98"), pts("HN", "I2", "12.99"), pts("HN", "II", "8.5")),
        trace=True,
    )
    unit = results.unit("HN")
    assert {s.section: s.points for s in unit.subtotals} == {"A": D(20), "I": D(15)}
    cuts = [line.points for line in unit.trace if line.kind is LineKind.SECTION_CAP]
    assert cuts == [D("-7.97"), D("-3.5")]  # 15 − 22.97; 20 − (15 + 8.5)
    assert unit.total == D(20)
    assert table.maximum() == 20


def test_knockout_leaves_a_high_total_unclassified() -> None:
    """98 points but a serious violation: no classification, not a leader, total kept."""
    table = scheme(
        crit("CM", "100"),
        adjustments=(
            KnockoutRule(
                code="VIPHAM",
                label="Để xảy ra vi phạm nghiêm trọng",
                bars=(Bar.CLASSIFICATION, Bar.LEADING),
            ),
        ),
        bands=(
            Band(code="XS", label="Xuất sắc", lower=Bound(value=D(90), inclusive=True)),
            Band(code="KHA", label="Khá", upper=Bound(value=D(90), inclusive=False)),
        ),
    )
    results = score(
        table,
        sheet(
            ["HN", "HP"],
            pts("HN", "CM", "98"),
            Assessment(unit="HN", item="VIPHAM", layer=Layer.SELF, input=YesNoInput(met=True)),
            pts("HP", "CM", "91"),
        ),
    )
    hanoi = results.unit("HN")
    assert hanoi.total == D(98)
    assert hanoi.rank == 1
    assert hanoi.classification is None
    assert hanoi.knockouts == ("VIPHAM",)
    assert hanoi.barred_from == (Bar.CLASSIFICATION, Bar.LEADING)
    assert results.unit("HP").classification == "Xuất sắc"
    assert results.leaders == ("HP",)
    assert "Không được xét: xếp loại, dẫn đầu (VIPHAM)" in hanoi.explain()


def test_last_layer_wins_and_highest_is_declared() -> None:
    """Self 9, group appraisal 7, council 8: last wins gives 8; highest gives 9."""
    entries = (
        pts("HN", "CM", "9", Layer.SELF),
        pts("HN", "CM", "7", Layer.GROUP_APPRAISAL),
        pts("HN", "CM", "8", Layer.COUNCIL_APPRAISAL),
    )
    last = score(scheme(crit("CM", "10")), sheet(["HN"], *entries), trace=True).unit("HN")
    assert last.total == D(8)
    assert last.trace[0].layer is Layer.COUNCIL_APPRAISAL
    highest = score(
        scheme(crit("CM", "10"), combination=Combination(layers=LayerRule.HIGHEST)),
        sheet(["HN"], *entries),
        trace=True,
    ).unit("HN")
    assert highest.total == D(9)
    assert highest.trace[0].layer is Layer.SELF


def test_rounding_appears_as_lines_at_declared_steps() -> None:
    """Achievement 2/3 × 10 = 6.666…: criterion step rounds to 6.67; total step to 6.7."""
    table = scheme(
        crit("A", "10", Achievement(cap_percent=D(100))),
        rounding=RoundingRule(mode=RoundingMode.HALF_UP, places=2, steps=(RoundingStep.CRITERION,)),
    )
    value = AchievementInput(actual=D(2), target=D(3))
    data = sheet(["HN"], Assessment(unit="HN", item="A", layer=Layer.SELF, input=value))
    unit = score(table, data, trace=True).unit("HN")
    assert unit.total == D("6.67")
    assert unit.trace[0].unrounded == "20/3"
    assert len(unit.trace) == 1
    with pytest.raises(ScoringError, match="no finite decimal form"):
        score(scheme(crit("A", "10", Achievement(cap_percent=D(100)))), data, trace=True)


def test_section_and_total_rounding_lines() -> None:
    """Section 1.25 + 1.25 = 2.5 → 3 (half-up, 0 places); total 3 + 0.4 bonus → 3."""
    table = scheme(
        Section(code="S", label="Mục", children=(crit("A", "2"), crit("B", "2"))),
        adjustments=(Bonus(code="T", label="Thưởng", cap=D(1)),),
        rounding=RoundingRule(
            mode=RoundingMode.HALF_UP,
            places=0,
            steps=(RoundingStep.SECTION, RoundingStep.TOTAL),
        ),
    )
    unit = score(
        table,
        sheet(["HN"], pts("HN", "A", "1.25"), pts("HN", "B", "1.25"), pts("HN", "T", "0.4")),
        trace=True,
    ).unit("HN")
    rounding = [(line.code, line.points) for line in unit.trace if line.kind is LineKind.ROUNDING]
    assert rounding == [("S", D("0.5")), ("total", D("-0.4"))]
    assert unit.total == D(3)


def test_yes_no_with_shortcomings() -> None:
    """Đạt 5 points, 3 shortcomings × 1 capped at 2: 5 − 2 = 3; không đạt gives 1."""
    method = YesNo(yes_points=D(5), no_points=D(1), per_shortcoming=D(1), shortcoming_cap=D(2))
    results = score(
        scheme(crit("YN", "5", method)),
        sheet(
            ["HN", "HP"],
            Assessment(
                unit="HN", item="YN", layer=Layer.SELF, input=YesNoInput(met=True, shortcomings=3)
            ),
            Assessment(unit="HP", item="YN", layer=Layer.SELF, input=YesNoInput(met=False)),
        ),
        trace=True,
    )
    assert results.unit("HN").total == D(3)
    assert results.unit("HN").trace[0].cap == D(2)
    assert results.unit("HP").total == D(1)


def _tied(results: YearResults) -> list[tuple[str, int, bool]]:
    return [(r.unit, r.rank, r.tied) for r in results.units]


def test_ties_share_a_rank_and_are_never_broken_by_code() -> None:
    """Equal totals and no tie-break: both rank 1, flagged tied; the next ranks 3."""
    data = sheet(
        ["HP", "HN", "CT"], pts("HP", "CM", "9"), pts("HN", "CM", "9"), pts("CT", "CM", "8")
    )
    results = score(scheme(crit("CM", "10")), data)
    assert _tied(results) == [("HN", 1, True), ("HP", 1, True), ("CT", 3, False)]


def test_tie_break_chain_decides_in_order() -> None:
    """Equal totals 15: section A decides HN over HP; DN and CT stay tied on the chain."""
    table = scheme(
        Section(code="A", label="Chuyên môn", children=(crit("A1", "10"),)),
        crit("B", "10"),
        adjustments=(Penalty(code="P", label="Trừ", points=D(1), per_case=True),),
        tie_breaks=(SectionTieBreak(section="A"), FewerPenalties()),
    )
    rows = {"HN": ("9", "7"), "HP": ("8", "8"), "DN": ("7", "9"), "CT": ("7", "9")}
    entries = [pts(u, "A1", a) for u, (a, _) in rows.items()]
    entries += [pts(u, "B", b) for u, (_, b) in rows.items()]
    entries += [
        Assessment(unit="HN", item="P", layer=Layer.SELF, input=CountInput(count=1)),
        Assessment(unit="HP", item="P", layer=Layer.SELF, input=CountInput(count=1)),
    ]
    results = score(table, sheet(list(rows), *entries))
    # totals: HN 9 + 7 − 1 = 15, HP 8 + 8 − 1 = 15, DN 16, CT 16
    assert _tied(results) == [
        ("CT", 1, True),
        ("DN", 1, True),
        ("HN", 3, False),  # A: 9 beats HP's 8
        ("HP", 4, False),
    ]


def test_fewer_penalties_breaks_a_tie() -> None:
    """Equal totals 8, one with 2 penalty points: fewer penalties ranks first."""
    table = scheme(
        crit("A", "10"),
        adjustments=(Penalty(code="P", label="Trừ", points=D(2)),),
        tie_breaks=(FewerPenalties(),),
    )
    data = sheet(
        ["HN", "HP"],
        pts("HN", "A", "10"),
        Assessment(unit="HN", item="P", layer=Layer.SELF, input=YesNoInput(met=True)),
        pts("HP", "A", "8"),
    )
    assert _tied(score(table, data)) == [("HP", 1, False), ("HN", 2, False)]


def test_criterion_tie_break() -> None:
    """Equal totals: the higher points on the named criterion rank first."""
    table = scheme(crit("A", "10"), crit("B", "10"), tie_breaks=(CriterionTieBreak(criterion="B"),))
    data = sheet(
        ["HN", "HP"],
        pts("HN", "A", "6"),
        pts("HN", "B", "4"),
        pts("HP", "A", "4"),
        pts("HP", "B", "6"),
    )
    assert _tied(score(table, data)) == [("HP", 1, False), ("HN", 2, False)]


def _peers(table: Scheme) -> YearResults:
    # Peers P1 (lenient), P2, P3 (harsh) score U1 and U2 on a 10-point item.
    marks = {("P1", "U1"): "9", ("P1", "U2"): "9", ("P2", "U1"): "6", ("P2", "U2"): "6"}
    marks |= {("P3", "U1"): "6", ("P3", "U2"): "3"}
    entries = [
        Assessment(unit=u, item="CM", layer=Layer.PEER, assessor=p, input=PointsInput(points=D(v)))
        for (p, u), v in marks.items()
    ]
    return score(table, sheet(["U1", "U2"], *entries), trace=True)


@pytest.mark.parametrize(
    ("statistic", "trim", "normalise", "u1", "u2"),
    [
        ("mean", 0, False, D(7), D(6)),  # (9 + 6 + 6) / 3; (9 + 6 + 3) / 3
        ("median", 0, False, D(6), D(6)),  # middle of 6 6 9; of 3 6 9
        ("trimmed-mean", 1, False, D(6), D(6)),  # drop lowest and highest: 6; 6
        # bias: P1 (2 + 3) / 2 = 2.5, P2 (−1 + 0) / 2 = −0.5, P3 (−1 − 3) / 2 = −2
        # U1: 9 − 2.5, 6 + 0.5, 6 + 2 = 6.5 6.5 8 → median 6.5; U2: 6.5 6.5 5 → 6.5
        ("median", 0, True, D("6.5"), D("6.5")),
    ],
)
def test_peer_statistics(
    statistic: str, trim: int, normalise: bool, u1: Decimal, u2: Decimal
) -> None:
    """Peer scores combine by mean, median or trimmed mean, normalised per assessor or not."""
    rule = PeerRule(statistic=PeerStatistic(statistic), trim=trim, normalise=normalise)
    table = scheme(crit("CM", "10"), combination=Combination(layers=LayerRule.LAST, peer=rule))
    results = _peers(table)
    assert (results.unit("U1").total, results.unit("U2").total) == (u1, u2)
    assert results.unit("U1").trace[0].layer is Layer.PEER
    assert results.unit("U1").trace[0].input == "3 người chấm"


def test_multi_year_scoring_uses_the_scheme_in_force() -> None:
    """2019 against a 10-point share item, 2020 against a new 20-point one: 8.5 then 17."""
    old = scheme(crit("TL", "10", Share()), last_year=2019)
    new = scheme(crit("TL", "20", Share()), code="BANG2020", first_year=2020)
    share = ShareInput(percent=D(85))
    sheets = tuple(
        ScoringSheet(
            year=year,
            scheme=code,
            units=(SheetUnit(code="HN", name="Hà Nội"),),
            assessments=(Assessment(unit="HN", item="TL", layer=Layer.SELF, input=share),),
        )
        for year, code in ((2020, "BANG2020"), (2019, "BANG"))
    )
    results = score_all(Scoring(schemes=(old, new), sheets=sheets))
    assert [(y.year, y.scheme, y.units[0].total) for y in results.years] == [
        (2019, "BANG", D("8.5")),  # 85 % × 10
        (2020, "BANG2020", D(17)),  # 85 % × 20
    ]
