"""Smaller behaviours of the scoring models: directions, result invariants, single peers."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from thidua import InvalidModelError
from thidua.scoring import (
    Achievement,
    AchievementInput,
    Assessment,
    AwardBonus,
    AwardPoints,
    AwardsInput,
    Bonus,
    Bound,
    Combination,
    CountInput,
    Criterion,
    Direction,
    Interval,
    Layer,
    LayerRule,
    LineKind,
    ManualPoints,
    PeerRule,
    PeerStatistic,
    PerOccurrence,
    PointsInput,
    Scheme,
    ScoringSheet,
    SheetUnit,
    Stacking,
    Tier,
    Tiers,
    TraceLine,
    TwoInputTiers,
    YesNo,
    score,
)

D = Decimal


def _tiers(*points: str) -> Tiers:
    cut = [Bound(value=D(10), inclusive=True), Bound(value=D(20), inclusive=True)]
    spans: list[tuple[Bound | None, Bound | None]] = [
        (None, cut[0]),
        (Bound(value=D(10), inclusive=False), cut[1]),
    ]
    spans.append((Bound(value=D(20), inclusive=False), None))
    return Tiers(
        tiers=tuple(
            Tier(points=D(p), lower=lo, upper=hi) for p, (lo, hi) in zip(points, spans, strict=True)
        )
    )


@pytest.mark.parametrize(
    ("method", "direction"),
    [
        (_tiers("1", "2", "3"), Direction.NON_DECREASING),
        (_tiers("3", "2", "1"), Direction.NON_INCREASING),
        (_tiers("1", "3", "2"), Direction.NEITHER),
        (PerOccurrence(start=D(5), per_occurrence=D(-1)), Direction.NON_INCREASING),
        (PerOccurrence(start=D(0), per_occurrence=D(1)), Direction.NON_DECREASING),
        (YesNo(yes_points=D(1), no_points=D(2)), Direction.NEITHER),
        (YesNo(yes_points=D(2), per_shortcoming=D(1)), Direction.NEITHER),
        (YesNo(yes_points=D(2)), Direction.NON_DECREASING),
        (ManualPoints(), Direction.NON_DECREASING),
    ],
)
def test_methods_declare_their_direction(
    method: Tiers | PerOccurrence | YesNo | ManualPoints, direction: Direction
) -> None:
    """Each method says whether a higher input can lower its points."""
    assert method.direction is direction


def test_two_input_direction() -> None:
    """A grid falling along a row is not non-decreasing."""
    half = Bound(value=D(1), inclusive=True)
    axis = (Interval(upper=half), Interval(lower=Bound(value=D(1), inclusive=False)))
    up = TwoInputTiers(
        rows=axis,
        columns=axis,
        points=((D(1), D(2)), (D(2), D(3))),
        first_label="a",
        second_label="b",
    )
    assert up.direction is Direction.NON_DECREASING
    down = attrs.evolve(up, points=((D(2), D(1)), (D(2), D(3))))
    assert down.direction is Direction.NEITHER
    assert axis[0].describe() == "đến 1"
    assert Interval().describe() == "mọi giá trị"


def _scheme(**kw: object) -> Scheme:
    fields: dict[str, object] = {
        "code": "BANG",
        "label": "Bảng",
        "first_year": 2019,
        "scale": D(100),
        "criteria": (Criterion(code="A", label="A", max_points=D(10), method=ManualPoints()),),
        "combination": Combination(layers=LayerRule.LAST),
    }
    fields.update(kw)
    return Scheme(**fields)  # type: ignore[arg-type]


def _sheet(*assessments: Assessment) -> ScoringSheet:
    return ScoringSheet(
        year=2019,
        scheme="BANG",
        units=(SheetUnit(code="HN", name="Hà Nội"),),
        assessments=assessments,
    )


def test_a_single_peer_needs_no_rule() -> None:
    """One peer score is used as it is when the scheme declares no peer rule."""
    peer = Assessment(
        unit="HN",
        item="A",
        layer=Layer.PEER,
        assessor="HP",
        input=PointsInput(points=D(7)),
        bonus=None,
    )
    result = score(_scheme(), _sheet(peer), trace=True).unit("HN")
    assert result.total == D(7)
    assert result.trace[0].input == "7 điểm"


def test_a_single_peer_under_a_rule_and_normalisation() -> None:
    """A normalising rule with one peer leaves the score: there is nobody to compare with."""
    rule = PeerRule(statistic=PeerStatistic.MEAN, normalise=True)
    peer = Assessment(
        unit="HN", item="A", layer=Layer.PEER, assessor="HP", input=PointsInput(points=D(7))
    )
    result = score(_scheme(combination=Combination(layers=LayerRule.LAST, peer=rule)), _sheet(peer))
    assert result.unit("HN").total == D(7)


def test_per_case_bonus_is_capped() -> None:
    """3 cases × 4 = 12, capped at 10 and the cap shown on the line."""
    table = _scheme(adjustments=(Bonus(code="SK", label="Sáng kiến", per_case=D(4), cap=D(10)),))
    base = Assessment(unit="HN", item="A", layer=Layer.SELF, input=PointsInput(points=D(5)))
    cases = Assessment(unit="HN", item="SK", layer=Layer.SELF, input=CountInput(count=3))
    unit = score(table, _sheet(base, cases), trace=True).unit("HN")
    line = next(line for line in unit.trace if line.kind is LineKind.BONUS)
    assert (line.points, line.cap, unit.total) == (D(10), D(10), D(15))


def test_results_check_their_own_arithmetic() -> None:
    """A result whose trace does not add up to its total cannot exist; ranks start at 1."""
    base = Assessment(unit="HN", item="A", layer=Layer.SELF, input=PointsInput(points=D(5)))
    year = score(_scheme(), _sheet(base), trace=True)
    unit = year.unit("HN")
    with pytest.raises(InvalidModelError) as info:
        attrs.evolve(unit, total=D(6))
    assert (info.value.path, info.value.code) == ("trace", "trace-mismatch")
    with pytest.raises(InvalidModelError) as info:
        attrs.evolve(unit, rank=0)
    assert (info.value.path, info.value.code) == ("rank", "out-of-range")
    with pytest.raises(KeyError):
        year.unit("HP")
    line = TraceLine(kind=LineKind.CRITERION, code="A", label="A", rule="r", points=D(5))
    assert line.render().endswith("Điểm: +5")


@pytest.mark.parametrize(
    ("cap", "bonus_cap", "expected", "bonus"),
    [
        (D(100), None, D(10), D(0)),  # 130 / 100 × 10 = 13, capped at 100 %: 10
        (D(120), D(5), D(12), D(2)),  # capped at 120 %: 10 and an excess of 2 as bonus
        (None, D("2.5"), D("12.5"), D("2.5")),  # uncapped: 13, the excess 3 cut at its cap 2.5
    ],
)
def test_achievement_is_capped_as_declared(
    cap: Decimal | None, bonus_cap: Decimal | None, expected: Decimal, bonus: Decimal
) -> None:
    """Achievement may exceed 100 %: the excess over the maximum is a declared, capped bonus."""
    criterion = Criterion(
        code="A",
        label="A",
        max_points=D(10),
        method=Achievement(cap_percent=cap),
        bonus_cap=bonus_cap,
    )
    table = _scheme(criteria=(criterion,))
    value = AchievementInput(actual=D(130), target=D(100))
    unit = score(
        table, _sheet(Assessment(unit="HN", item="A", layer=Layer.SELF, input=value)), trace=True
    ).unit("HN")
    assert (unit.total, unit.base, unit.bonus_total) == (expected, D(10), bonus)
    assert table.maximum() == D(10)


@pytest.mark.parametrize("cap", [None, D(120)])
def test_an_undeclared_excess_is_refused(cap: Decimal | None) -> None:
    """A method that can give more than the maximum needs the excess declared as a bonus."""
    with pytest.raises(InvalidModelError) as info:
        Criterion(code="A", label="A", max_points=D(10), method=Achievement(cap_percent=cap))
    assert (info.value.code, info.value.path) == ("undeclared-excess", "bonus_cap")


def test_award_bonus_cap() -> None:
    """Both flags summed, 10 + 15 = 25, capped at 20."""
    flags = AwardBonus(
        code="CO",
        label="Cờ",
        stacking=Stacking.SUM,
        cap=D(20),
        awards=(
            AwardPoints(code="TP", label="Cờ thành phố", points=D(10)),
            AwardPoints(code="CP", label="Cờ Chính phủ", points=D(15)),
        ),
    )
    table = _scheme(adjustments=(flags,))
    base = Assessment(unit="HN", item="A", layer=Layer.SELF, input=PointsInput(points=D(5)))
    held = Assessment(unit="HN", item="CO", layer=Layer.SELF, input=AwardsInput(held=("CP", "TP")))
    unit = score(table, _sheet(base, held), trace=True).unit("HN")
    line = next(line for line in unit.trace if line.kind is LineKind.AWARD_BONUS)
    assert (line.points, line.cap, line.rule) == (
        D(20),
        D(20),
        "Cộng dồn: Cờ thành phố 10 + Cờ Chính phủ 15",
    )
    assert table.bonus_ceiling() == 20
