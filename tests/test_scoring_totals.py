"""One engine on integer ratios: totals with or without a trace, the trace adding up."""

from __future__ import annotations

import io
import pickle
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.errors import InvalidModelError, ScoringError
from thidua.scoring import (
    Assessment,
    Combination,
    Criterion,
    CriterionTieBreak,
    Layer,
    LayerRule,
    LineKind,
    ManualPoints,
    PeerRule,
    PeerStatistic,
    PointsInput,
    Results,
    RoundingMode,
    RoundingRule,
    RoundingStep,
    Scheme,
    Scoring,
    ScoringSheet,
    Section,
    SectionTieBreak,
    SheetUnit,
    Trace,
    TraceLine,
    UnitResult,
    YearResults,
    explain,
    score,
    score_all,
)
from thidua.scoring._methods import Comparative, MethodContext, Reason, evaluate
from thidua.scoring._numbers import round_fraction, round_scaled
from thidua.scoring._ranking import rank
from thidua.scoring._totals import statistic
from thidua.serialization import dumps, loads
from thidua.serialization.stream import GroupResults, write_results
from thidua.strategies import scoring_files


def _untraced(year: YearResults) -> YearResults:
    """The results as scoring without a trace gives them."""
    units = tuple(attrs.evolve(unit, trace=()) for unit in year.units)
    return attrs.evolve(year, units=units)


@given(st.booleans().flatmap(lambda peers: scoring_files(peers=peers, max_units=6)))
def test_a_recorded_trace_adds_up_to_the_total(scoring: Scoring) -> None:
    """The lines recorded while scoring add up to each total; explain() records the same."""
    for sheet in scoring.sheets:
        scheme = scoring.scheme_for(sheet)
        year = score(scheme, sheet, trace=True)
        for unit in year.units:
            assert unit.trace
            assert sum((line.points for line in unit.trace), Decimal(0)) == unit.total
        unit = year.units[-1]
        assert explain(scheme, sheet, unit.unit) == unit.trace


@given(st.booleans().flatmap(lambda peers: scoring_files(peers=peers, max_units=6)))
def test_totals_without_trace_equal_totals_with_trace(scoring: Scoring) -> None:
    """Every field but the trace is the same with trace=False and trace=True, also on the wire."""
    plain, traced = score_all(scoring), score_all(scoring, trace=True)
    assert all(not unit.trace for year in plain.years for unit in year.units)
    assert plain.years == tuple(_untraced(year) for year in traced.years)
    assert loads(dumps(traced), Results) == traced
    assert loads(dumps(plain), Results) == plain


@given(scoring_files(peers=True))
def test_a_reason_does_not_change_the_points(scoring: Scoring) -> None:
    """Each method gives the same points whether it writes its reason or not."""
    scheme = scoring.schemes[0]
    criteria = {c.code: c for c in scheme.leaves()}
    for assessment in scoring.sheets[0].assessments:
        criterion = criteria.get(assessment.item)
        if criterion is None or isinstance(criterion.method, Comparative):
            continue
        if isinstance(assessment.input, PointsInput) and not isinstance(
            criterion.method, ManualPoints
        ):
            continue  # points entered over a computed item: no method reads them
        context = MethodContext(max_points=criterion.max_points)
        reason = Reason()
        method = criterion.method
        num, den = method.points_of(assessment.input, context)  # type: ignore[arg-type]
        assert method.points_of(assessment.input, context, reason) == (num, den)  # type: ignore[arg-type]
        assert reason.rule
        expected = evaluate(method, assessment.input, criterion.max_points).points
        assert Fraction(num, den) == expected


@given(
    st.lists(st.fractions(min_value=-50, max_value=50, max_denominator=40), min_size=1),
    st.integers(0, 3),
    st.sampled_from(RoundingMode),
)
def test_round_scaled_is_round_fraction(
    values: list[Fraction], places: int, mode: RoundingMode
) -> None:
    """Rounding on integers gives the rounded fraction's numerator at that scale."""
    for value in values:
        scaled = round_scaled(value.numerator, value.denominator, places, mode)
        assert Fraction(scaled, 10**places) == round_fraction(value, places, mode)


@given(
    st.lists(st.fractions(min_value=0, max_value=20, max_denominator=12), min_size=3, max_size=7),
    st.sampled_from(PeerStatistic),
)
def test_statistic_on_ratios(values: list[Fraction], stat: PeerStatistic) -> None:
    """Mean, median and trimmed mean of ratios, checked against fractions."""
    rule = PeerRule(statistic=stat, trim=1 if stat is PeerStatistic.TRIMMED_MEAN else 0)
    num, den = statistic([(v.numerator, v.denominator) for v in values], rule)
    ordered = sorted(values)
    if stat is PeerStatistic.MEDIAN:
        middle = len(ordered) // 2
        expected = (
            ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
        )
    else:
        kept = ordered[1:-1] if stat is PeerStatistic.TRIMMED_MEAN else ordered
        expected = sum(kept, Fraction(0)) / len(kept)
    assert Fraction(num, den) == expected


@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 3)), min_size=1, max_size=30))
def test_rank_counts_the_units_strictly_better(keys: list[tuple[int, int]]) -> None:
    """A unit's rank is one more than the number of units strictly better on the chain."""
    units = [
        UnitResult(
            unit=f"DV{i}",
            name=f"Đơn vị {i}",
            total=Decimal(total),
            rank=1,
            tied=False,
            base=Decimal(total),
            bonus_total=Decimal(0),
            penalty_total=Decimal(0),
            trace=(_line(Decimal(total)),),
        )
        for i, (total, _) in enumerate(keys)
    ]
    points = {(f"DV{i}", "A"): Decimal(second) for i, (_, second) in enumerate(keys)}
    ranked = {r.unit: r for r in rank(units, (CriterionTieBreak(criterion="A"),), points)}
    for i, key in enumerate(keys):
        result = ranked[f"DV{i}"]
        assert result.rank == 1 + sum(1 for other in keys if other > key)
        assert result.tied == (sum(1 for other in keys if other == key) > 1)


def _line(points: Decimal) -> TraceLine:
    return TraceLine(kind=LineKind.CRITERION, code="A", label="A", rule="r", points=points)


def _scheme(
    rounding: RoundingRule | None = None, criterion_bonus: Decimal | None = None, **extra: object
) -> Scheme:
    leaf, other = (
        Criterion(
            code=code,
            label=f"Tiêu chí {code}",
            max_points=Decimal(10),
            method=ManualPoints(),
            bonus_cap=criterion_bonus,
        )
        for code in "AB"
    )
    return Scheme(
        code="BD",
        label="Bảng điểm",
        first_year=2019,
        scale=Decimal(100),
        criteria=(Section(code="I", label="Mục I", children=(leaf, other), cap=Decimal(15)),),
        rounding=rounding,
        combination=Combination(layers=LayerRule.LAST, peer=PeerRule(statistic=PeerStatistic.MEAN)),
        **extra,  # type: ignore[arg-type]
    )


def _peers(item: str, *points: str, bonus: str | None = None) -> list[Assessment]:
    return [
        Assessment(
            unit="HN",
            item=item,
            layer=Layer.PEER,
            assessor=f"P{i}",
            input=PointsInput(points=Decimal(p)),
            bonus=None if bonus is None or i else Decimal(bonus),
        )
        for i, p in enumerate(points)
    ]


def _sheet(*assessments: Assessment) -> ScoringSheet:
    return ScoringSheet(
        year=2019,
        scheme="BD",
        units=(SheetUnit(code="HN", name="Sở Hà Nội"),),
        assessments=assessments,
    )


def test_a_trace_is_recorded_when_asked_for() -> None:
    """Scoring builds no trace line unless asked; asked, the lines add up to the total."""
    rounding = RoundingRule(mode=RoundingMode.HALF_UP, places=2, steps=(RoundingStep.CRITERION,))
    sheet = _sheet(*_peers("A", "8", "9", "9.5"), *_peers("B", "7.5", "8", "8"))
    plain = score(_scheme(rounding), sheet).unit("HN")
    assert plain.trace == ()
    # (8 + 9 + 9.5) / 3 = 8.83 and 23.5 / 3 = 7.83 (rounded): their sum 16.66 is capped at 15.
    assert (plain.total, plain.subtotals[0].points) == (Decimal(15), Decimal(15))
    result = score(_scheme(rounding), sheet, trace=True).unit("HN")
    assert attrs.evolve(result, trace=()) == plain
    assert len(result.trace) == 3  # two criteria and the section cap
    assert explain(_scheme(rounding), sheet, "HN") == result.trace
    assert sum(line.points for line in result.trace) == result.total
    assert (result.trace[0].points, result.trace[0].unrounded) == (Decimal("8.83"), "53/6")


def test_without_rounding_an_endless_value_is_an_error() -> None:
    """26.5/3 has no finite decimal form: without criterion rounding, scoring refuses it."""
    sheet = _sheet(*_peers("A", "8", "9", "9.5"), *_peers("B", "7", "8", "9"))
    with pytest.raises(ScoringError, match="no finite decimal form"):
        score(_scheme(), sheet)
    with pytest.raises(ScoringError, match="unit HN, criterion A: the points 53/6"):
        score(_scheme(), sheet, trace=True)
    with pytest.raises(ScoringError, match="no finite decimal form"):
        explain(_scheme(), sheet, "HN")


def test_explain_needs_a_unit_of_the_sheet() -> None:
    """Explaining a unit the sheet does not hold is a KeyError."""
    sheet = _sheet(*_peers("A", "8"), *_peers("B", "7"))
    with pytest.raises(KeyError):
        explain(_scheme(), sheet, "HP")


def test_without_rounding_finite_values_stay_exact() -> None:
    """Mean of 7, 8 and 9.3 is 8.1; of 6 and 7 (two peers) 6.5: exact, no rounding declared."""
    sheet = _sheet(*_peers("A", "7", "8", "9.3"), *_peers("B", "6", "7", bonus="0.5"))
    scheme = _scheme(criterion_bonus=Decimal(1))
    result = score(scheme, sheet).unit("HN")
    # Section I: 8.1 + 6.5 = 14.6 (under its cap); the bonus is the peers' mean 0.5 / 2.
    expected = (Decimal("14.6"), Decimal("0.25"), Decimal("14.85"))
    assert (result.base, result.bonus_total, result.total) == expected
    assert result == attrs.evolve(score(scheme, sheet, trace=True).unit("HN"), trace=())


def test_a_trace_is_bound_to_its_total() -> None:
    """Changing the total of a result with a trace is refused at once."""
    rounding = RoundingRule(mode=RoundingMode.HALF_UP, places=2, steps=(RoundingStep.CRITERION,))
    sheet = _sheet(*_peers("A", "8", "9", "9.5"), *_peers("B", "1", "2", "2"))
    result = score(_scheme(rounding), sheet, trace=True).unit("HN")
    with pytest.raises(InvalidModelError) as info:
        attrs.evolve(result, total=Decimal(1))
    assert (info.value.path, info.value.code) == ("trace", "trace-mismatch")
    assert score(_scheme(rounding), sheet).unit("HN").trace == ()
    assert attrs.evolve(result, rank=2).trace is result.trace


@pytest.mark.parametrize("trace", [False, True])
def test_a_result_pickles_and_round_trips(trace: bool) -> None:
    """A result is a plain value: pickling, JSON and equality give equal copies."""
    rounding = RoundingRule(mode=RoundingMode.HALF_UP, places=2, steps=(RoundingStep.CRITERION,))
    sheet = _sheet(*_peers("A", "8", "9", "9.5"), *_peers("B", "1", "2", "2"))
    results = Results(years=(score(_scheme(rounding), sheet, trace=trace),))
    data = pickle.dumps(results)
    assert b"_Engine" not in data
    assert b"Lock" not in data
    copy = pickle.loads(data)  # noqa: S301 - our own bytes
    assert bool(copy.years[0].units[0].trace) is trace
    assert copy == results
    again = loads(dumps(results), Results)
    assert again == results
    assert isinstance(again.years[0].units[0].trace, Trace)


def test_trace_reads_like_a_tuple() -> None:
    """Index, slice, length, equality with tuples and hashing."""
    lines = (_line(Decimal(1)), _line(Decimal(2)))
    trace = Trace(lines)
    assert (trace[1], trace[:1], len(trace), list(trace)) == (lines[1], lines[:1], 2, list(lines))
    assert trace == lines
    assert trace == Trace(lines)
    assert trace != Trace(lines[:1])
    assert trace != "lines"
    assert hash(trace) == hash(lines)
    assert repr(trace).startswith("Trace((TraceLine(")


def test_section_tie_break_and_criterion_points_on_wide_sheets() -> None:
    """Ranking 400 units is linear-logarithmic; equal totals split by the section."""
    scheme = _scheme(
        RoundingRule(mode=RoundingMode.HALF_UP, places=2, steps=(RoundingStep.CRITERION,)),
        tie_breaks=(SectionTieBreak(section="I"),),
    )
    units = tuple(SheetUnit(code=f"DV{i:03}", name=f"Đơn vị {i}") for i in range(400))
    assessments = tuple(
        Assessment(
            unit=unit.code,
            item=item,
            layer=Layer.SELF,
            input=PointsInput(points=Decimal(i % 7)),
        )
        for i, unit in enumerate(units)
        for item in ("A", "B")
    )
    sheet = ScoringSheet(year=2019, scheme="BD", units=units, assessments=assessments)
    year = score(scheme, sheet)
    assert year == _untraced(score(scheme, sheet, trace=True))
    assert [r.rank for r in year.units[:3]] == [1, 1, 1]
    assert year.units[0].total == Decimal(12)
    assert sum(1 for r in year.units if r.rank == 1) == len([u for u in range(400) if u % 7 == 6])
    assert score_all(Scoring(schemes=(scheme,), sheets=(sheet,))).years[0] == year


def test_traces_explained_from_several_threads_agree() -> None:
    """Explaining units from eight threads at once gives each trace whole and right."""
    rounding = RoundingRule(mode=RoundingMode.HALF_UP, places=2, steps=(RoundingStep.CRITERION,))
    units = tuple(SheetUnit(code=f"DV{i}", name=f"Đơn vị {i}") for i in range(40))
    assessments = tuple(
        Assessment(
            unit=unit.code,
            item=item,
            layer=Layer.PEER,
            assessor=f"P{k}",
            input=PointsInput(points=Decimal(i % 5 + k)),
        )
        for i, unit in enumerate(units)
        for item in ("A", "B")
        for k in range(3)
    )
    sheet = ScoringSheet(year=2019, scheme="BD", units=units, assessments=assessments)
    fast = score(_scheme(rounding), sheet)
    with ThreadPoolExecutor(max_workers=8) as pool:
        traces = list(
            pool.map(lambda r: tuple(explain(_scheme(rounding), sheet, r.unit)), fast.units * 3)
        )
    expected = score(_scheme(rounding), sheet, trace=True)
    assert traces == [tuple(r.trace) for r in expected.units] * 3


def test_results_written_without_traces() -> None:
    """A results file without traces, from results scored without them."""
    rounding = RoundingRule(mode=RoundingMode.HALF_UP, places=2, steps=(RoundingStep.CRITERION,))
    sheet = _sheet(*_peers("A", "8", "9", "9.5"), *_peers("B", "1", "2", "2"))
    year = score(_scheme(rounding), sheet)
    out = io.BytesIO()
    assert write_results([GroupResults(group="CUM-1", line=2, results=year)], out) == 1
    assert year.units[0].trace == ()
    assert b'"trace"' not in out.getvalue()
    assert b'"total":"10.5"' in out.getvalue()  # 8.83 + 1.67
