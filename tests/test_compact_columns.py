"""The compact sheet read, checked and scored a column at a time: the same as row by row.

Reading, checking and scoring take a criterion's whole column at once when they can
(its values' JSON kinds, its distinct values, or only its smallest and largest where the
criterion accepts one range) and go row by row otherwise. These tests pin that both ways
agree: on valid sheets, on sheets with values out of range or of the wrong JSON kind, and
on the shortcut each scoring method takes on scaled integers.
"""

from __future__ import annotations

import copy
from array import array
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import orjson
import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from thidua._base.limits import Limits
from thidua.errors import DocumentError, InvalidModelError, StructureError
from thidua.scoring import Achievement, ManualPoints, Share, Tiers
from thidua.scoring._assessment import Scoring
from thidua.scoring._compact import (
    CompactRow,
    CompactSheet,
    PairColumn,
    RowValues,
    _check_by_row,
    check_compact,
    input_of,
    score_compact,
)
from thidua.scoring._inputs import AchievementInput, PointsInput, ShareInput, ValueInput
from thidua.scoring._methods import Bound, MethodContext, Tier
from thidua.serialization import _compact as wire
from thidua.serialization._compact import dumps_compact, loads_compact, to_compact
from thidua.strategies import scoring_files

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Values a compact cell may hold whatever its criterion: none, numbers near and past the
#: usual ranges, booleans, pairs.
CELLS = st.one_of(
    st.none(),
    st.integers(-5, 20_000),
    st.integers(-(10**6), -1),  # below any range
    st.integers(10**6, 10**9),  # above most
    st.booleans(),
    st.tuples(st.booleans(), st.integers(-2, 5)),
    st.tuples(st.integers(-5, 200_000), st.one_of(st.none(), st.integers(-5, 200_000))),
)


def _outcome(check: Any, *args: Any) -> tuple[str, str] | None:
    """What a check does: ``None`` when it passes, else its error's path and message."""
    try:
        check(*args)
    except InvalidModelError as error:
        return error.path, error.message
    except (TypeError, IndexError, AssertionError):  # a value of another kind altogether
        return "kind", ""
    return None


def _with_cells(sheet: CompactSheet, changes: list[tuple[int, int, Any]]) -> CompactSheet:
    rows = [list(row.values) for row in sheet.rows]
    for row, column, value in changes:
        rows[row % len(rows)][column % len(sheet.criteria)] = value
    return CompactSheet(
        year=sheet.year,
        scheme=sheet.scheme,
        units=sheet.units,
        scale=sheet.scale,
        criteria=sheet.criteria,
        rows=tuple(
            CompactRow(
                unit=row.unit,
                layer=row.layer,
                assessor=row.assessor,
                date=row.date,
                values=tuple(values),
                notes=row.notes,
            )
            for row, values in zip(sheet.rows, rows, strict=True)
        ),
    )


@SETTINGS
@given(
    scoring_files(peers=True, plain=True),
    st.lists(st.tuples(st.integers(0, 99), st.integers(0, 99), CELLS), max_size=4),
)
def test_column_check_agrees_with_the_row_check(
    scoring: Scoring, changes: list[tuple[int, int, Any]]
) -> None:
    compact = to_compact(scoring, reorder=True)
    sheet = _with_cells(compact.sheets[0], changes)
    scheme = compact.scheme_for(sheet)
    by_row = _outcome(_check_by_row, scheme, sheet)
    assume(by_row != ("kind", ""))  # both ways fail on such a value; not the point here
    event("refused" if by_row else "accepted")  # values past a range, at a column's end or not
    assert _outcome(check_compact, scheme, sheet) == by_row


JSON_CELLS = st.one_of(
    st.none(),
    st.integers(-(10**16), 10**16),
    st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=6),
    st.just("9.50"),
    st.lists(st.one_of(st.integers(-5, 10**6), st.none(), st.booleans()), max_size=3),
    st.just([True, [1]]),  # a pair holding an array
    st.dictionaries(st.text(max_size=3), st.integers(-5, 5), max_size=1),
)


def _loaded(data: bytes) -> Any:
    try:
        return loads_compact(data)
    except StructureError as error:
        return [(p.path, p.code, p.message) for p in error.problems]


@SETTINGS
@given(
    scoring_files(peers=True, plain=True),
    st.lists(st.tuples(st.integers(0, 99), st.integers(0, 99), JSON_CELLS), max_size=3),
)
def test_reading_by_column_agrees_with_reading_row_by_row(
    scoring: Scoring, changes: list[tuple[int, int, Any]]
) -> None:
    data = orjson.loads(dumps_compact(to_compact(scoring, reorder=True)))
    rows = data["sheets"][0]["rows"]
    for row, column, value in changes:
        values = rows[row % len(rows)]["values"]
        values[column % len(values)] = copy.deepcopy(value)
    written = orjson.dumps(data)
    by_column = _loaded(written)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(wire, "_rows_by_column", lambda *_, **__: None)
        by_row = _loaded(written)
    assert by_column == by_row


GOLDEN = (Path(__file__).parent / "data_compact" / "scoring_compact.json").read_bytes()


def _as_tuples(sheet: CompactSheet, rows: tuple[CompactRow, ...] | None = None) -> CompactSheet:
    """The same sheet with each row's values a tuple (as a sheet built by hand holds them)."""
    return attrs.evolve(
        sheet,
        rows=tuple(
            attrs.evolve(row, values=tuple(row.values))
            for row in (sheet.rows if rows is None else rows)
        ),
    )


def _dense(cell: tuple[int, int, Any] | None = None) -> bytes:
    """The golden document's first sheet, its units' own rows on the criteria alone: no empty cell.

    Every pair is of integers (each ratio's second value 1, each target 100), and *cell*,
    if given, is written at its row and column.
    """
    data = orjson.loads(GOLDEN)
    sheet = data["sheets"][0]
    data["sheets"] = [sheet]
    sheet["criteria"] = sheet["criteria"][:8]
    sheet["rows"] = [
        {**row, "values": row["values"][:8]}
        for row in sheet["rows"]
        if row["layer"] == "self" and row["assessor"] == row["unit"]
    ]
    for row in sheet["rows"]:
        row["values"][3][1] = 1  # II.2: [count, ratio]
        row["values"][4][1] = 100  # III.1: [actual, target]
        row["values"][6] = 9  # IV.1: points as an integer, not as text
    if cell is not None:
        row_index, column, value = cell
        sheet["rows"][row_index]["values"][column] = value
    return orjson.dumps(data)


def test_a_read_sheet_keeps_its_values_by_column() -> None:
    sheet = loads_compact(_dense()).sheets[0]
    values = sheet.rows[0].values
    assert isinstance(values, RowValues)
    kinds = {type(column) for column in values.columns}
    assert kinds == {array, PairColumn, tuple}  # integers: 8 bytes each, no object
    assert all(row.values.columns is values.columns for row in sheet.rows)  # type: ignore[attr-defined]
    by_hand = _as_tuples(sheet)
    assert sheet == by_hand
    assert hash(sheet) == hash(by_hand)
    assert repr(sheet) == repr(by_hand)


@pytest.mark.parametrize(
    "cell",
    [
        (1, 0, 10**15),  # points past the wire's range
        (2, 0, -(10**15)),
        (2, 0, 10**15 - 1),  # within the range, past the test of the high bytes
        (2, 0, -(2**48) - 1),
        (1, 0, 2**63),  # past 64 bits (signed)
        (4, 4, [118, 2**63]),
        (0, 0, True),  # a boolean among integers
        (3, 3, [5200, 1, 1]),  # three values for a pair
        (3, 4, [118]),
        (4, 4, [118, 10**15]),  # a pair past the range
        (4, 3, [5200, "1.5"]),  # a decimal as text in a pair: read one by one
        (2, 4, [118, None]),  # no target: read one by one
        (0, 4, [True, 100]),  # a boolean in a pair
        (0, 1, [True, 10**15]),  # shortcomings past the range
        (0, 1, [1, 2]),  # not a boolean first
        (0, 1, [True, 1, 2]),
        (0, 1, 1),
        (0, 7, None),  # an empty cell
    ],
)
def test_a_column_read_at_once_finds_what_rows_find(cell: tuple[int, int, Any]) -> None:
    written = _dense(cell)
    by_column = _loaded(written)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(wire, "_rows_by_column", lambda *_, **__: None)
        by_row = _loaded(written)
    assert by_column == by_row


def test_row_values_read_as_the_tuple_of_the_values() -> None:
    row = loads_compact(GOLDEN).sheets[0].rows[0]
    values = tuple(row.values)
    assert len(row.values) == len(values)
    assert [row.values[i] for i in range(-len(values), len(values))] == [*values, *values]
    assert row.values[1:3] == values[1:3]
    assert row.values == values
    assert values == row.values
    assert row.values != list(values)  # type: ignore[comparison-overlap]
    assert hash(row.values) == hash(values)
    assert (values[0] in row.values) is True
    assert repr(row.values) == repr(values)
    with pytest.raises(IndexError):
        row.values[len(values)]


def test_a_pair_column_reads_as_its_pairs() -> None:
    column = PairColumn(array("q", [1, 2, 3]), array("q", [4, 5, 6]))
    assert list(column) == [(1, 4), (2, 5), (3, 6)]
    assert column[-1] == (3, 6)
    assert column[:2] == ((1, 4), (2, 5))
    assert len(column) == 3


def test_rows_taken_from_a_read_sheet_are_scored_as_their_own() -> None:
    loaded = loads_compact(GOLDEN)
    sheet = loaded.sheets[0]
    scheme = loaded.scheme_for(sheet)
    for rows in (sheet.rows[::-1], sheet.rows[:-1], sheet.rows + sheet.rows[:1]):
        taken = attrs.evolve(sheet, rows=rows)
        by_hand = _as_tuples(sheet, rows)
        assert _outcome(check_compact, scheme, taken) == _outcome(check_compact, scheme, by_hand)
        if _outcome(check_compact, scheme, by_hand) is None:
            assert score_compact(scheme, taken) == score_compact(scheme, by_hand)


def test_a_yes_no_pair_holding_an_array_is_refused_with_its_path() -> None:
    data = orjson.loads(GOLDEN)
    sheet = data["sheets"][0]
    index = sheet["criteria"].index("I.2")  # yes/no
    sheet["rows"][3]["values"][index] = [True, [1]]
    with pytest.raises(StructureError) as caught:
        loads_compact(orjson.dumps(data))
    (problem,) = caught.value.problems
    assert problem.path == f"$.sheets[0].rows[3].values[{index}]"
    assert problem.message == "expected an integer, got array"


def test_a_read_sheet_is_not_checked_again_when_scored(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = loads_compact(GOLDEN)
    sheet = loaded.sheets[0]
    expected = score_compact(loaded.scheme_for(sheet), sheet)
    calls: list[object] = []
    monkeypatch.setattr(
        "thidua.scoring._compact.check_compact", lambda scheme, _sheet: calls.append(scheme)
    )
    assert score_compact(loaded.scheme_for(sheet), sheet) == expected
    assert calls == []
    other = attrs.evolve(loaded.scheme_for(sheet))  # equal, but not the one it was read with
    score_compact(other, sheet)
    assert calls == [other]


# -- each method's shortcut on scaled integers ------------------------------------------------

SCALES = st.integers(0, 4)
CONTEXT = MethodContext(max_points=Decimal("12.5"))


def _same(shortcut: Any, exact: tuple[int, int]) -> None:
    assert shortcut is not None
    assert Fraction(*shortcut) == Fraction(*exact)


@given(st.integers(0, 10**6), SCALES)
def test_manual_and_share_shortcuts_are_exact(value: int, scale: int) -> None:
    number = Decimal(value).scaleb(-scale)
    manual = ManualPoints()
    _same(
        manual.scaled_points(value, scale, CONTEXT),
        manual.points_of(PointsInput(points=number), CONTEXT),
    )
    share = Share()
    _same(
        share.scaled_points(value, scale, CONTEXT),
        share.points_of(ShareInput(percent=number), CONTEXT),
    )


@given(
    st.lists(st.tuples(st.integers(0, 10**6), st.integers(1, 10**6)), min_size=1, max_size=20),
    SCALES,
    st.sampled_from([None, Decimal(100), Decimal(120), Decimal("99.5")]),
)
def test_achievement_shortcuts_are_exact(
    pairs: list[tuple[int, int]], scale: int, cap: Decimal | None
) -> None:
    method = Achievement(cap_percent=cap)
    column = method.scaled_column(pairs, scale, CONTEXT)
    assert column is not None
    for (actual, target), found in zip(pairs, column, strict=True):
        given_input = AchievementInput(
            actual=Decimal(actual).scaleb(-scale), target=Decimal(target).scaleb(-scale)
        )
        exact = method.points_of(given_input, CONTEXT)
        _same(found, exact)
        _same(method.scaled_points((actual, target), scale, CONTEXT), exact)


def test_achievement_shortcut_declines_a_missing_target() -> None:
    method = Achievement(cap_percent=Decimal(100))
    assert method.scaled_points((5, None), 0, CONTEXT) is None
    assert method.scaled_column([(5, 4), (5, None)], 0, CONTEXT) is None


@given(st.integers(0, 10_000), SCALES)
def test_tier_shortcut_is_exact(value: int, scale: int) -> None:
    method = Tiers(
        tiers=(
            Tier(points=Decimal(1), upper=Bound(value=Decimal(10), inclusive=False)),
            Tier(
                points=Decimal("2.5"),
                lower=Bound(value=Decimal(10), inclusive=True),
                upper=Bound(value=Decimal("50.5"), inclusive=True),
            ),
            Tier(points=Decimal(4), lower=Bound(value=Decimal("50.5"), inclusive=False)),
        )
    )
    number = Decimal(value).scaleb(-scale)
    _same(
        method.scaled_points(value, scale, CONTEXT),
        method.points_of(ValueInput(value=number), CONTEXT),
    )


def test_methods_without_a_shortcut_say_so() -> None:
    method = ManualPoints()
    assert method.scaled_points(Decimal("1.5"), 1, CONTEXT) is None
    assert method.scaled_column([1, Decimal("1.5")], 1, CONTEXT) is None
    assert input_of(PointsInput, 15, 1) == PointsInput(points=Decimal("1.5"))


@SETTINGS
@given(scoring_files(peers=True, plain=True))
def test_a_sheet_read_by_column_is_the_sheet_its_tuples_make(scoring: Scoring) -> None:
    loaded = loads_compact(dumps_compact(to_compact(scoring, reorder=True)))
    sheet = loaded.sheets[0]
    by_hand = _as_tuples(sheet)
    event("by column" if isinstance(sheet.rows[0].values, RowValues) else "row by row")
    assert sheet == by_hand
    assert hash(sheet) == hash(by_hand)
    scheme = loaded.scheme_for(sheet)
    assert score_compact(scheme, sheet) == score_compact(scheme, by_hand)


def _outcome_of_load(data: bytes, limits: Limits) -> Any:
    """The rows' values read, or the error: its codes, paths and messages."""
    try:
        sheet = loads_compact(data, limits=limits).sheets[0]
    except DocumentError as error:
        return [(error.code, error.path, error.message)]
    except StructureError as error:
        return [(p.code, p.path, p.message) for p in error.problems]
    return [tuple(row.values) for row in sheet.rows]


@pytest.mark.parametrize(
    ("limits", "cell", "code"),
    [
        (Limits(), None, None),  # plain: read without walking the values for limits
        (Limits(max_depth=6), None, "too-deep"),  # a pair lies at depth 7
        (Limits(max_depth=8), (1, 4, [[[1]], 100]), "too-deep"),
        (Limits(max_string_length=5), (1, 0, "123456789"), "too-long"),
        (Limits(max_items=3), (1, 4, [1, 2, 3, 4]), "too-many-items"),
        (Limits(), (1, 0, 9.5), "unquoted-decimal"),  # a float: quoted as written
    ],
)
def test_values_left_out_of_the_limits_walk_are_refused_as_before(
    limits: Limits, cell: tuple[int, int, Any] | None, code: str | None
) -> None:
    data = _dense(cell)
    found = _outcome_of_load(data, limits)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(wire, "_read_plain", lambda *_: None)  # the usual way: walk it all
        assert _outcome_of_load(data, limits) == found
    if code is None:
        assert len(found) == 5
        assert all(type(values) is tuple for values in found)
    else:
        assert [problem[0] for problem in found] == [code]


def test_only_plain_values_are_left_out_of_the_limits_walk() -> None:
    plain = _dense()
    read = wire._read_plain(orjson.loads(plain), len(plain), Limits())
    assert read == loads_compact(plain)
    with_text = _dense((1, 0, "95"))  # a decimal written as text: walked the usual way
    assert wire._read_plain(orjson.loads(with_text), len(with_text), Limits()) is None
    assert loads_compact(with_text).sheets[0].rows[1].values[0] == Decimal(95)
