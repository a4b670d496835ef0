"""Properties of the scoring engine: monotone, bounded, exact traces, order-free, round trips."""

from __future__ import annotations

from decimal import Decimal

import attrs
from hypothesis import assume, given
from hypothesis import strategies as st

from thidua.scoring import (
    AchievementInput,
    Assessment,
    CountInput,
    Criterion,
    Direction,
    Input,
    LineKind,
    PointsInput,
    Results,
    Scheme,
    Scoring,
    ShareInput,
    TwoValuesInput,
    ValueInput,
    YesNoInput,
    score_all,
)
from thidua.serialization import dumps, loads, structure, unstructure
from thidua.strategies import scoring_files, scoring_results, scoring_schemes


@given(scoring_schemes())
def test_scheme_round_trip(scheme: Scheme) -> None:
    """structure(unstructure(x)) == x, and the canonical bytes are equal."""
    again = structure(unstructure(scheme), Scheme)
    assert again == scheme
    assert dumps(again) == dumps(scheme)


@given(scoring_files(peers=True))
def test_scoring_file_round_trip(scoring: Scoring) -> None:
    """A scoring file survives JSON unchanged."""
    again = loads(dumps(scoring), Scoring)
    assert again == scoring
    assert dumps(again) == dumps(scoring)


@given(scoring_results())
def test_results_round_trip(results: Results) -> None:
    """Results survive JSON unchanged, trace included."""
    again = loads(dumps(results), Results)
    assert again == results
    assert dumps(again) == dumps(results)


@given(scoring_files(peers=True))
def test_trace_adds_up_to_the_total(scoring: Scoring) -> None:
    """The lines add up exactly to the total; base, bonus and penalty split it."""
    for year in score_all(scoring, trace=True).years:
        for unit in year.units:
            assert sum(line.points for line in unit.trace) == unit.total
            rounding = sum(
                (
                    line.points
                    for line in unit.trace
                    if line.kind is LineKind.ROUNDING and line.code == "total"
                ),
                Decimal(0),
            )
            assert unit.base + unit.bonus_total - unit.penalty_total + rounding == unit.total


@given(scoring_files(peers=True))
def test_total_never_exceeds_the_maximum_plus_bonus_caps(scoring: Scoring) -> None:
    """No total exceeds what the criteria can give plus what the bonuses can add."""
    scheme = scoring.schemes[0]
    most, bonus = scheme.maximum(), scheme.bonus_ceiling()
    for year in score_all(scoring).years:
        for unit in year.units:
            if most is not None:
                assert unit.base <= most
            if most is not None and bonus is not None:
                assert unit.total <= most + bonus


@given(scoring_files(peers=True, min_units=2), st.data())
def test_results_do_not_depend_on_input_order(scoring: Scoring, data: st.DataObject) -> None:
    """Shuffling units, assessments and sheets gives the same result bytes."""
    second = attrs.evolve(scoring.sheets[0], year=2020)
    if not scoring.schemes[0].in_force(2020):
        second = scoring.sheets[0]
    sheets = (scoring.sheets[0],) if second is scoring.sheets[0] else (scoring.sheets[0], second)
    reference = dumps(score_all(attrs.evolve(scoring, sheets=sheets)))
    shuffled = tuple(
        attrs.evolve(
            sheet,
            units=tuple(data.draw(st.permutations(sheet.units))),
            assessments=tuple(data.draw(st.permutations(sheet.assessments))),
        )
        for sheet in data.draw(st.permutations(sheets))
    )
    assert dumps(score_all(attrs.evolve(scoring, sheets=shuffled))) == reference


def _raise(value: Input, criterion: Criterion, step: Decimal) -> Input:
    top = criterion.max_points
    if isinstance(value, PointsInput):
        return PointsInput(points=min(value.points + step, top))
    if isinstance(value, ShareInput):
        return ShareInput(percent=min(value.percent + step, Decimal(100)))
    if isinstance(value, AchievementInput):
        return attrs.evolve(value, actual=value.actual + step)
    if isinstance(value, ValueInput):
        return ValueInput(value=value.value + step)
    if isinstance(value, TwoValuesInput):
        return TwoValuesInput(first=value.first + step, second=value.second + step)
    if isinstance(value, CountInput):
        return CountInput(count=value.count + 1)
    assert isinstance(value, YesNoInput)
    return YesNoInput(met=True, shortcomings=value.shortcomings)


@given(scoring_files(monotone=True), st.data())
def test_raising_an_input_never_lowers_a_total(scoring: Scoring, data: st.DataObject) -> None:
    """For schemes whose methods are all non-decreasing, a higher input never lowers a total."""
    scheme = scoring.schemes[0]
    leaves = {c.code: c for c in scheme.leaves()}
    assert all(c.method.direction is Direction.NON_DECREASING for c in leaves.values())
    sheet = scoring.sheets[0]
    indexes = [
        i
        for i, a in enumerate(sheet.assessments)
        if a.item in leaves
        and (
            not isinstance(a.input, PointsInput) or leaves[a.item].method.input_type is PointsInput
        )
    ]
    assume(indexes)  # rows may be left out, or entered over computed items
    index = data.draw(st.sampled_from(indexes))
    target: Assessment = sheet.assessments[index]
    step = data.draw(st.sampled_from([Decimal("0.01"), Decimal(1), Decimal(30)]))
    raised = attrs.evolve(target, input=_raise(target.input, leaves[target.item], step))
    changed = (*sheet.assessments[:index], raised, *sheet.assessments[index + 1 :])
    before = score_all(scoring).years[0].unit(target.unit).total
    after_scoring = attrs.evolve(scoring, sheets=(attrs.evolve(sheet, assessments=changed),))
    after = score_all(after_scoring).years[0].unit(target.unit).total
    assert after >= before
