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
from thidua.scoring._assessment import Scoring, _expected_inputs
from thidua.scoring._compact import (
    AnswerColumn,
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
    assert kinds == {array, PairColumn, AnswerColumn}  # integers: 8 bytes each, no object
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


def test_an_answer_column_reads_as_its_answers() -> None:
    answers = (True, (False, 2), False, (True, 0))
    column = AnswerColumn(array("B", [1, 0, 1, 2]), answers)
    assert list(column) == [(False, 2), True, (False, 2), False]
    assert column[-1] is False
    assert column[1:3] == (True, (False, 2))
    assert len(column) == 4
    assert sorted(map(repr, column.distinct())) == ["(False, 2)", "False", "True"]


@pytest.mark.parametrize("answers", [[True, [False, 2]], [[True, 0], [False, 1], False]])
def test_a_read_answer_column_is_the_column_of_its_answers(answers: list[Any]) -> None:
    data = orjson.loads(_dense())
    sheet = data["sheets"][0]
    index = sheet["criteria"].index("I.2")  # yes/no
    for position, row in enumerate(sheet["rows"]):
        row["values"][index] = answers[position % len(answers)]
    loaded = loads_compact(orjson.dumps(data))
    read = loaded.sheets[0]
    column = read.rows[0].values.columns[index]  # type: ignore[attr-defined]
    assert type(column) is AnswerColumn
    assert [row.values[index] for row in read.rows] == [
        tuple(a) if type(a) is list else a
        for a in (answers[p % len(answers)] for p in range(len(read.rows)))
    ]
    by_hand = _as_tuples(read)
    assert read == by_hand
    scheme = loaded.scheme_for(read)
    check_compact(scheme, read)  # the sheet fits its scheme: no error
    assert score_compact(scheme, read) == score_compact(scheme, by_hand)


@pytest.mark.parametrize(("distinct", "code"), [(256, "B"), (257, "q")])
def test_answers_are_coded_in_bytes_up_to_256_of_them(distinct: int, code: str) -> None:
    values = [[True, n % (distinct - 1)] if n else False for n in range(2 * distinct)]
    columns = wire._answer_columns(values, 2)
    assert columns is not None
    assert [column.codes.typecode for column in columns] == [code, code]
    assert len(columns[0].answers) == distinct
    expected = [tuple(v) if type(v) is list else v for v in values]
    assert [list(column) for column in columns] == [expected[0::2], expected[1::2]]
    assert set(columns[1].distinct()) == set(expected[1::2])


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


def _outcome_both_ways(data: bytes, limits: Limits) -> Any:
    """:func:`_outcome_of_load`, checked to be the outcome of the usual way (all walked)."""
    found = _outcome_of_load(data, limits)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(wire, "_read_plain", lambda *_: None)
        assert _outcome_of_load(data, limits) == found
    return found


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
    found = _outcome_both_ways(data, limits)
    if code is None:
        assert len(found) == 5
        assert all(type(values) is tuple for values in found)
    else:
        assert [problem[0] for problem in found] == [code]


def _dense_row(change: Any) -> bytes:
    """The dense sheet with its second row changed by *change* (given the row and the
    sheet's criteria)."""
    data = orjson.loads(_dense())
    sheet = data["sheets"][0]
    change(sheet["rows"][1], sheet["criteria"])
    return orjson.dumps(data)


def _set(key: str, value: Any) -> Any:
    return lambda row, _: row.__setitem__(key, value)


def _note(note: Any, code: str | None = None) -> Any:
    return lambda row, criteria: row.__setitem__("notes", {code or criteria[0]: note})


_LONG = "x" * 301  # past max_string_length=300 (the document's longest string is 285)
_MANY = 21  # past max_items=20 (its longest array or object holds 17)


@pytest.mark.parametrize(
    ("limits", "change", "code"),
    [
        (Limits(max_string_length=300), _set("unit", "U" * 301), "too-long"),
        (Limits(max_string_length=300), _set("assessor", "A" * 301), "too-long"),
        (Limits(max_string_length=300), _set("date", "2" * 301), "too-long"),
        (Limits(max_string_length=300), _note({"comment": _LONG}), "too-long"),
        (Limits(max_string_length=300), _note({"comment": "đủ"}, "I." + "1" * 299), "too-long"),
        (Limits(max_string_length=300), _note({"evidence": [_LONG]}), "too-long"),
        (
            Limits(max_items=20),
            lambda row, _: row.__setitem__("notes", {f"I.{n}": {} for n in range(_MANY)}),
            "too-many-items",
        ),
        (Limits(max_items=20), _note({"evidence": ["QĐ 12"] * _MANY}), "too-many-items"),
        (Limits(max_depth=12), _note({"evidence": [[[[[[["QĐ 12"]]]]]]]}), "too-deep"),
        (Limits(), _note({"bonus": 1.5}), "unquoted-decimal"),  # a float: quoted as written
        (Limits(), _note({"evidence": ["QĐ 12"], "date": "2019-12-11", "comment": "đủ"}), None),
        (Limits(), _note({"comment": "đủ"}), None),
    ],
)
def test_rows_left_out_of_the_limits_walk_are_refused_as_before(
    limits: Limits, change: Any, code: str | None
) -> None:
    data = _dense_row(change)
    found = _outcome_both_ways(data, limits)
    read = wire._read_plain(orjson.loads(data), len(data), limits)
    if code is None:
        assert [len(values) for values in found] == [8] * 5  # five rows read, no error
        assert read is not None
    else:
        assert read is None
        assert [problem[0] for problem in found] == [code]


@pytest.mark.parametrize(
    ("dated", "notes", "longest"),
    [
        (True, None, 10),  # the dates: 2019-12-10
        (False, None, 3),  # the units and assessors: HCM
        (False, {"I.1": {"comment": "đủ hồ sơ minh chứng"}}, 19),
        (False, {"I.1": {"evidence": ["QĐ 12/2019/QĐ-UBND"]}}, 18),
    ],
)
def test_a_plain_reading_measures_the_rows_strings(
    dated: bool, notes: dict[str, Any] | None, longest: int
) -> None:
    data = orjson.loads(_dense())
    for row in data["sheets"][0]["rows"]:
        if not dated:
            row.pop("date")
        if notes is not None:
            row["notes"] = notes
    for max_length, read in ((longest - 1, False), (longest, True)):
        walked = Limits(max_string_length=max(max_length, len("evidence")))  # a note's keys
        plain = wire._Plain(99, max_length, walked)
        try:
            found = wire._read_compact(copy.deepcopy(data), plain=plain)
        except DocumentError:  # how a note past a limit declines (a row returns None)
            found = None
        assert (found is not None) is read


@SETTINGS
@given(
    scoring_files(peers=True, plain=True),
    st.builds(
        Limits,
        max_depth=st.integers(6, 14),
        max_items=st.integers(2, 40),
        max_string_length=st.integers(4, 400),
    ),
)
def test_any_limits_refuse_a_compact_document_as_the_walk_does(
    scoring: Scoring, limits: Limits
) -> None:
    data = dumps_compact(to_compact(scoring, reorder=True))
    found = _outcome_both_ways(data, limits)
    event("refused" if found and type(found[0][0]) is str else "read")


def test_a_plain_reading_counts_the_rows_itself() -> None:
    dense = _dense()
    scheme = loads_compact(dense).schemes[0]
    sheet = orjson.loads(dense)["sheets"][0]
    expected = _expected_inputs(scheme)
    kinds = [expected[code][1] for code in sheet["criteria"]]
    rows, scale = sheet["rows"], sheet["scale"]
    for most, read in ((len(rows), True), (len(rows) - 1, False)):
        plain = wire._Plain(most, 99, Limits())
        assert (wire._rows_by_column(rows, kinds, scale, plain=plain) is not None) is read


@pytest.mark.parametrize("date", [[1], {"on": 1}, 20191210])
def test_a_date_of_another_kind_is_refused_with_its_path(date: Any) -> None:
    data = orjson.loads(_dense())
    data["sheets"][0]["rows"][1]["date"] = date
    with pytest.raises(StructureError) as caught:
        loads_compact(orjson.dumps(data))
    assert [problem.path for problem in caught.value.problems] == ["$.sheets[0].rows[1]"]


def test_only_plain_values_are_left_out_of_the_limits_walk() -> None:
    plain = _dense()
    read = wire._read_plain(orjson.loads(plain), len(plain), Limits())
    assert read == loads_compact(plain)
    with_text = _dense((1, 0, "95"))  # a decimal written as text: walked the usual way
    assert wire._read_plain(orjson.loads(with_text), len(with_text), Limits()) is None
    assert loads_compact(with_text).sheets[0].rows[1].values[0] == Decimal(95)
