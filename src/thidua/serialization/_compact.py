"""The compact sheet form on the wire, and conversion to and from the row-per-score form.

A compact sheet lists its criteria once; each row is one unit, layer and assessor with
its values in that order, each in its criterion's natural JSON form::

    {"year": 2025, "scheme": "S", "units": [...], "scale": 2,
     "criteria": ["I.1", "I.2", "I.3", "BONUS"],
     "rows": [{"unit": "HN", "layer": "self", "assessor": "HN", "date": "2025-11-20",
               "values": [850, true, [9050, 10000], null], "notes": {}}]}

* points, shares and tier values: a decimal, as an integer scaled by the sheet's
  ``scale`` (``850`` at scale 2 is 8.50) or as a string written as in the row form
  (``"8.5"``); achievement: ``[actual, target]`` (target ``null`` when none); two-input
  tiers: ``[first, second]``;
* yes/no: ``true``/``false``, or ``[met, shortcomings]`` with shortcomings;
* a count: an integer; a choice: the option's code, ``false`` for none; awards: an array
  of codes;
* ``null``: no input in this row (another layer's row has it).

A row's ``notes`` hold, by criterion code, what a value carries beyond its input (its
own ``date``, a ``comment``, ``evidence``, a criterion ``bonus``).

:func:`to_compact` and :func:`to_rows` convert between the forms; :func:`convert` does
it on bytes. A row-form document whose assessments come unit by unit, in criteria
order, each criterion's rows in row order (as :func:`to_rows` writes them) converts to
the compact form and back byte for byte, and so does a compact document as
:func:`to_compact` writes it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import sys
from array import array
from collections import Counter
from collections.abc import Callable, Sequence
from decimal import Decimal
from operator import itemgetter
from typing import Any, Final, Literal, NamedTuple

import attrs

from thidua._base.limits import DEFAULT_LIMITS, Limits, check_tree
from thidua._base.sharing import loading
from thidua.errors import (
    Details,
    DocumentError,
    InvalidModelError,
    Problem,
    StructureError,
    ThiduaError,
    WireError,
)
from thidua.scoring._assessment import (
    Assessment,
    Layer,
    Scoring,
    ScoringSheet,
    SheetUnit,
    _expected_inputs,
)
from thidua.scoring._compact import (
    AnswerColumn,
    CompactNote,
    CompactRow,
    CompactScoring,
    CompactSheet,
    PairColumn,
    RowValues,
    assessment_of,
    check_compact,
    value_of,
)
from thidua.scoring._inputs import (
    AchievementInput,
    ChoiceInput,
    CountInput,
    PointsInput,
    ShareInput,
    TwoValuesInput,
    ValueInput,
    YesNoInput,
)
from thidua.scoring._scheme import Scheme
from thidua.serialization._hooks import (
    _DECIMAL_RE,
    _MAX_INT,
    NumberText,
    _structure_decimal,
    canonical_json,
    collector_paused,
    json_type,
    parse_json,
    parse_text,
    within_limits,
)
from thidua.serialization._registry import (
    SCHEMA_VERSION,
    _check_version,
    loads,
    structure,
    unstructure,
)

__all__ = [
    "compact_data",
    "compact_sheet_data",
    "convert",
    "dumps_compact",
    "loads_compact",
    "read_compact_sheet",
    "to_compact",
    "to_rows",
]

Form = Literal["compact", "rows"]

_SHEET_KEYS: Final = frozenset({"year", "scheme", "units", "scale", "criteria", "rows"})
_ROW_KEYS: Final = frozenset({"unit", "layer", "assessor", "date", "values", "notes"})
_NOTE_KEYS: Final = frozenset({"date", "comment", "evidence", "bonus"})
_BODY_KEYS: Final = frozenset({"schemes", "sheets", "illustrative", "note"})
_DATE_RE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_LAYERS: Final = {layer.value: layer for layer in Layer}
_DECIMAL_INPUTS: Final = (PointsInput, ShareInput, ValueInput)


def _bad(path: str, error: WireError | InvalidModelError) -> InvalidModelError:
    """A wire problem at *path*, relative to the sheet (raised as an InvalidModelError)."""
    return InvalidModelError(error.message, path=path, code=error.code, details=error.details)


def _wrong(expected: str, value: object, key: str) -> WireError:
    got = json_type(value)
    return WireError(f"expected {expected}, got {got}", details={"expected": key, "got": got})


# -- reading ----------------------------------------------------------------------------


def _decimal_reader(scale: int) -> Callable[[Any], Any]:
    def read(value: Any) -> Any:
        kind = type(value)
        if kind is int:
            if abs(value) >= _MAX_INT:
                msg = f"integer {value} is beyond the supported range (±10^15)"
                raise WireError(msg, code="out-of-range", details={"value": value})
            return value
        if kind is str:
            if not _DECIMAL_RE.fullmatch(value):
                msg = (
                    f"{value!r} is not a decimal number: write digits with an optional"
                    " '-' and '.' fraction, such as \"9.98\""
                    " (at most 18 integer and 12 fraction digits)"
                )
                raise WireError(msg, code="invalid-decimal", details={"value": value})
            return Decimal(value)
        if kind is float or kind is NumberText:
            _structure_decimal(value, None)  # refuses it, quoting the number as written
        raise _wrong(f"a decimal (an integer scaled by {scale}, or a string)", value, "decimal")

    return read


def _int(value: Any) -> int:
    if type(value) is not int:
        raise _wrong("an integer", value, "integer")
    if abs(value) >= _MAX_INT:
        msg = f"integer {value} is beyond the supported range (±10^15)"
        raise WireError(msg, code="out-of-range", details={"value": value})
    return value


def _pair(value: Any) -> list[Any]:
    if type(value) is not list:
        raise _wrong("an array of two values", value, "array")
    if len(value) != 2:  # noqa: PLR2004
        msg = f"expected two values, got {len(value)}"
        raise WireError(msg, code="wrong-type", details={"expected": "array", "got": "array"})
    return value


def _code(value: Any) -> str:
    if type(value) is not str:
        raise _wrong("a code", value, "string")
    return value


def _value_reader(expected: type, scale: int) -> Callable[[Any], Any]:
    """Read one value of an item reading *expected* inputs (``None`` stays ``None``)."""
    decimal = _decimal_reader(scale)
    if expected in _DECIMAL_INPUTS:
        return decimal
    if expected is YesNoInput:

        def yes_no(value: Any) -> Any:
            if type(value) is bool:
                return value
            if type(value) is not list:
                raise _wrong("true or false, or [met, shortcomings]", value, "boolean")
            met, count = _pair(value)
            if type(met) is not bool:
                raise _wrong("true or false", met, "boolean")
            return (met, _int(count))

        return yes_no
    if expected is CountInput:
        return _int
    if expected is AchievementInput:

        def achievement(value: Any) -> Any:
            actual, target = _pair(value)
            return (decimal(actual), None if target is None else decimal(target))

        return achievement
    if expected is TwoValuesInput:

        def two(value: Any) -> Any:
            first, second = _pair(value)
            return (decimal(first), decimal(second))

        return two
    if expected is ChoiceInput:

        def choice(value: Any) -> Any:
            return False if value is False else _code(value)

        return choice

    def awards(value: Any) -> Any:
        if type(value) is not list:
            raise _wrong("an array of award codes", value, "array")
        return tuple(_code(code) for code in value)

    return awards


def _object(value: Any, keys: frozenset[str], required: frozenset[str], path: str) -> None:
    if type(value) is not dict:
        raise _bad(path, _wrong("an object", value, "object"))
    for key in value:
        if key not in keys:
            raise _bad(f"{path}.{key}", WireError("unknown key", code="unknown-key"))
    for key in sorted(required):
        if key not in value:
            raise _bad(f"{path}.{key}", WireError("required field missing", code="missing"))


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if type(value) is not str or not _DATE_RE.fullmatch(value):
        msg = f'expected a date as "YYYY-MM-DD", got {json_type(value)} {value!r}'
        raise WireError(msg, code="invalid-date")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        msg = f"{value!r} is not a real date: {exc}"
        raise WireError(msg, code="invalid-date") from None


def read_compact_sheet(data: Any, schemes: dict[str, Scheme]) -> CompactSheet:
    """Build and check one compact sheet; a problem is raised with its path in the sheet.

    Raises:
        InvalidModelError: the first problem, its path relative to the sheet.
    """
    sheet = _read_sheet(data, schemes, plain=None)
    assert sheet is not None  # noqa: S101 - only a plain reading declines
    return sheet


def _read_sheet(
    data: Any, schemes: dict[str, Scheme], *, plain: _Plain | None
) -> CompactSheet | None:
    """:func:`read_compact_sheet`; with *plain*, ``None`` unless every value is plain.

    With *plain*, the rows were left out of the limits' walk: they are checked here.
    """
    _object(data, _SHEET_KEYS, _SHEET_KEYS - {"scale"}, "")
    try:
        year = structure(data["year"], int)
        units = structure(data["units"], tuple[SheetUnit, ...])
        scale = _int(data.get("scale", 0))
    except StructureError as exc:
        problem = exc.problems[0]
        raise _bad(problem.path, InvalidModelError(problem.message, code=problem.code)) from None
    except WireError as exc:
        raise _bad("scale", exc) from None
    scheme_code = data["scheme"]
    if type(scheme_code) is not str:
        raise _bad("scheme", _wrong("a string", scheme_code, "string"))
    scheme = schemes.get(scheme_code)
    if scheme is None:
        msg = f"no scheme has the code {scheme_code!r}"
        raise _bad("scheme", InvalidModelError(msg, code="unknown-scheme"))
    criteria = data["criteria"]
    if type(criteria) is not list:
        raise _bad("criteria", _wrong("an array", criteria, "array"))
    expected = _expected_inputs(scheme)
    kinds: list[type] = []
    for index, code in enumerate(criteria):
        if type(code) is not str:
            raise _bad(f"criteria[{index}]", _wrong("a string", code, "string"))
        found = expected.get(code)
        if found is None:
            msg = f"criterion {code}: no criterion or adjustment has this code"
            raise _bad(f"criteria[{index}]", InvalidModelError(msg, code="unknown-item"))
        kinds.append(found[1])
    raw_rows = data["rows"]
    if type(raw_rows) is not list:
        raise _bad("rows", _wrong("an array", raw_rows, "array"))
    rows = _rows_by_column(raw_rows, kinds, scale, plain=plain)
    if rows is None:  # a problem somewhere: read row by row to name the first
        if plain is not None:
            return None
        readers = [_value_reader(kind, scale) for kind in kinds]
        rows = [_read_row(raw, index, readers) for index, raw in enumerate(raw_rows)]
    try:
        sheet = CompactSheet(
            year=year,
            scheme=scheme_code,
            units=units,
            scale=scale,
            criteria=tuple(criteria),
            rows=tuple(rows),
        )
        check_compact(scheme, sheet)
    except InvalidModelError as exc:
        raise _bad(exc.path, exc) from None
    return sheet


def _rows_by_column(
    raw: list[Any], kinds: list[type], scale: int, *, plain: _Plain | None = None
) -> list[CompactRow] | None:
    """The rows, their values read a column at a time; ``None`` on any problem.

    The rows keep their values by column (:class:`RowValues`): integers in arrays, other
    values in tuples. What the rows keep is made anew rather than taken from the parsed
    text: a few kept objects scattered among the parse's millions would keep its freed
    memory from being reused. With *plain*, ``None`` also where a row passes a limit.
    """
    width = len(kinds)
    max_length = sys.maxsize if plain is None else plain.max_length
    if plain is not None and len(raw) > plain.max_items:
        return None
    lists: list[list[Any]] = []
    for row in raw:
        if type(row) is not dict or not row.keys() <= _ROW_KEYS:
            return None
        values = row.get("values")
        if type(values) is not list or len(values) != width:
            return None
        lists.append(values)
    found = _read_columns(lists, kinds, scale, plain=plain is not None) if lists and width else ()
    if found is None:
        return None
    columns = tuple(found)
    rows: list[CompactRow] = []
    dates: dict[Any, dt.date | None] = {None: None}
    texts: dict[Any, Any] = {None: None}
    shared: dict[str | None, CompactNote] = {}
    try:
        for position, row in enumerate(raw):
            unit, layer, assessor = row.get("unit"), row.get("layer"), row.get("assessor")
            date = row.get("date")
            if (
                type(unit) is not str
                or type(layer) is not str
                or layer not in _LAYERS
                or (assessor is not None and type(assessor) is not str)
                or (date is not None and type(date) is not str)
            ):
                return None
            if date is not None and date not in dates:  # a text (other kinds refused above)
                if len(date) > max_length:
                    return None
                dates[date] = _date(date)
            notes = row.get("notes")
            if notes is None and "notes" in row:
                return None
            if unit not in texts:
                if len(unit) > max_length:
                    return None
                texts[unit] = _fresh(unit)
            if assessor is not None and assessor not in texts:
                if len(assessor) > max_length:
                    return None
                texts[assessor] = _fresh(assessor)
            rows.append(
                CompactRow(
                    unit=texts[unit],
                    layer=_LAYERS[layer],
                    assessor=texts[assessor],
                    date=dates[date],
                    values=RowValues(columns, position) if columns else (),
                    notes=_read_notes(notes, "", shared, texts, plain) if notes else {},
                )
            )
    except (WireError, InvalidModelError):
        return None
    return rows


def _read_columns(
    lists: list[list[Any]], kinds: list[type], scale: int, *, plain: bool = False
) -> list[Any] | None:
    """Each criterion's values, read at once; ``None`` when one is not of its JSON kind.

    The criteria of one kind (numbers, yes/no answers, pairs) are read together, row by
    row in the order the parser made the values (reading one column of the parsed rows
    at a time would jump through memory); where a kind's values are not all of the usual
    JSON kinds (an empty cell, a decimal as text), its columns are read one by one (with
    *plain*, ``None`` is returned instead).
    """
    numbers, answers, pairs, others = [], [], [], []
    for index, kind in enumerate(kinds):
        if kind in _DECIMAL_INPUTS or kind is CountInput:
            numbers.append(index)
        elif kind is YesNoInput:
            answers.append(index)
        elif kind in _PAIRS:
            pairs.append(index)
        else:
            others.append(index)
    if plain and others:
        return None
    columns: dict[int, Any] = {}
    read_numbers = _read_together(lists, numbers, {int}, _int_columns)
    read_answers = _read_together(lists, answers, {bool, list}, _answer_columns)
    read_pairs = _read_together(lists, pairs, {list}, _pair_columns)
    for positions, read in ((numbers, read_numbers), (answers, read_answers), (pairs, read_pairs)):
        if read is None:
            return None
        if read is not _APART:
            columns.update(zip(positions, read, strict=True))
        elif plain:
            return None
    pool: dict[int, int] = {}
    for index, kind in enumerate(kinds):
        if index not in columns:
            column = _read_column(tuple(map(itemgetter(index), lists)), kind, scale, pool)
            if column is None:
                return None
            columns[index] = column
    return [columns[index] for index in range(len(kinds))]


#: What :func:`_read_together` gives for criteria to be read one by one.
_APART: Final[list[Any]] = []


def _read_together(
    lists: list[list[Any]],
    positions: list[int],
    types: set[type],
    read: Callable[[list[Any], int], list[Any] | None],
) -> list[Any] | None:
    """The columns at *positions*, read together from their values row by row.

    ``None`` on a problem; :data:`_APART` when a value is not of *types* (or *read*
    declines): the columns are then read one by one.
    """
    if not positions:
        return []
    if len(positions) == 1:
        values = list(map(itemgetter(positions[0]), lists))
    else:
        values = list(itertools.chain.from_iterable(map(itemgetter(*positions), lists)))
    if not set(map(type, values)) <= types:
        return _APART
    return read(values, len(positions))


def _answer_columns(values: list[Any], width: int) -> list[AnswerColumn] | None:
    """Row-major yes/no answers of *width* columns as one coded column each.

    ``None`` when a pair is not a boolean and an integer within range.
    """
    found = _answers(values)
    if found is None:
        return None
    read, distinct = found
    answers = tuple(distinct)
    positions = {answer: code for code, answer in enumerate(answers)}
    codes = array(_CODES[len(answers) > _BYTE], map(positions.__getitem__, read))
    return [AnswerColumn(codes[start::width], answers) for start in range(width)]


#: Array type codes of answer codes: a byte each, or 64 bits past 256 distinct answers.
_CODES: Final = ("B", "q")
_BYTE: Final = 256


def _answers(values: Sequence[Any]) -> tuple[list[Any], set[Any]] | None:
    """Yes/no answers with their pairs as tuples, and the distinct ones among them.

    ``None`` when a pair is not a boolean and an integer within range.
    """
    read = [tuple(value) if value.__class__ is list else value for value in values]
    try:
        distinct = set(read)
    except TypeError:  # a pair holding an array or an object
        return None
    for value in distinct:
        if value.__class__ is tuple and (
            len(value) != 2  # noqa: PLR2004
            or type(value[0]) is not bool
            or type(value[1]) is not int
            or abs(value[1]) >= _MAX_INT
        ):
            return None
    return read, distinct


def _int_columns(values: list[int], width: int) -> list[array[int]] | None:
    """Row-major integers of *width* columns as one array per column (``None``: out of range)."""
    try:
        numbers = array("q", values)
    except OverflowError:  # past 64 bits
        return None
    if not _small(numbers):
        listed = numbers.tolist()
        if min(listed) <= -_MAX_INT or max(listed) >= _MAX_INT:
            return None
    return [numbers[start::width] for start in range(width)]


#: Where the two high bytes of a 64-bit integer lie in an array's bytes.
_HIGH: Final = (6, 7) if sys.byteorder == "little" else (1, 0)


def _small(numbers: array[int]) -> bool:
    """Whether every integer is within ±2**48 (inside the wire's ±10**15), read in C.

    So it is when the two high bytes of each are both zeros or both ones.
    """
    data = numbers.tobytes()
    high, next_high = data[_HIGH[1] :: 8], data[_HIGH[0] :: 8]
    return high == next_high and not high.strip(b"\x00\xff")


def _pair_columns(cells: list[Any], width: int) -> list[PairColumn]:
    """Row-major pairs of *width* columns as two arrays per column.

    :data:`_APART` unless every cell is a pair of integers within range: the columns are
    then read one by one (a missing target, a decimal written as text, a problem).
    """
    if set(map(len, cells)) != {2}:
        return _APART
    inner = list(itertools.chain.from_iterable(cells))
    if set(map(type, inner)) != {int}:
        return _APART
    numbers = _int_columns(inner, 2 * width)
    if numbers is None:
        return _APART
    return [PairColumn(numbers[2 * start], numbers[2 * start + 1]) for start in range(width)]


def _read_column(
    column: tuple[Any, ...], kind: type, scale: int, pool: dict[int, int]
) -> tuple[Any, ...] | None:
    """One criterion's values read at once (``None``: a value is not of the JSON kind)."""
    types = set(map(type, column))
    types.discard(type(None))
    if kind in _DECIMAL_INPUTS or kind is CountInput:
        if types == {int}:
            return _shared(column, pool)
    elif kind is YesNoInput:
        if types <= {bool, list}:
            return _yes_no_column(column)
    elif kind in _PAIRS and types == {list} and len(column) == _count(column):
        if set(map(len, column)) != {2}:
            return None
        firsts, seconds = zip(*column, strict=True)  # one pass over the pairs
        if None in firsts or (kind is TwoValuesInput and None in seconds):
            return None  # only an achievement may lack its second value (no target)
        read_firsts = _read_column(firsts, PointsInput, scale, pool)
        read_seconds = _read_column(seconds, PointsInput, scale, pool)
        if read_firsts is None or read_seconds is None:
            return None
        return tuple(zip(read_firsts, read_seconds, strict=True))
    reader = _value_reader(kind, scale)
    try:
        return tuple([None if value is None else reader(value) for value in column])
    except WireError:
        return None


_PAIRS: Final = (AchievementInput, TwoValuesInput)


def _count(column: tuple[Any, ...]) -> int:
    """How many of *column*'s values are not ``None``."""
    return len(column) - column.count(None)


def _yes_no_column(column: Sequence[Any]) -> tuple[Any, ...] | None:
    """A yes/no column: booleans, and ``[met, shortcomings]`` pairs as shared tuples.

    ``None`` when a pair is not a boolean and an integer within range.
    """
    found = _answers(column)
    if found is None:
        return None
    read, distinct = found
    one = dict(zip(distinct, distinct, strict=True))
    return tuple(map(one.__getitem__, read))


def _shared(column: tuple[Any, ...], pool: dict[int, int]) -> tuple[Any, ...] | None:
    """A column of integers within range, each as the *pool*'s one object of its value.

    ``None`` when a value is out of range. The pool is the sheet's: a number written in
    several columns is kept once.
    """
    distinct = set(column)
    distinct.discard(None)
    if min(distinct) <= -_MAX_INT or max(distinct) >= _MAX_INT:
        return None
    for value in distinct.difference(pool):
        pool[value] = value + 0  # a new object, not the parsed one
    return tuple(map(pool.get, column))


def _fresh(text: str) -> str:
    """A new string equal to *text* (parsed JSON text is valid UTF-8)."""
    return text.encode().decode()


def _read_row(raw: Any, index: int, readers: list[Callable[[Any], Any]]) -> CompactRow:
    where = f"rows[{index}]"
    _object(raw, _ROW_KEYS, frozenset({"unit", "layer", "values"}), where)
    layer = _LAYERS.get(raw["layer"]) if type(raw["layer"]) is str else None
    if layer is None:
        choices = tuple(_LAYERS)
        msg = f"expected one of {', '.join(map(repr, choices))}, got {raw['layer']!r}"
        details = Details.plain(got=json_type(raw["layer"]), value=raw["layer"], choices=choices)
        raise _bad(f"{where}.layer", WireError(msg, code="unknown-value", details=details))
    values = raw["values"]
    if type(values) is not list:
        raise _bad(f"{where}.values", _wrong("an array", values, "array"))
    if len(values) != len(readers):
        msg = f"{len(values)} values for {len(readers)} criteria"
        raise _bad(f"{where}.values", InvalidModelError(msg, code="inconsistent"))
    read: list[Any] = []
    for position, (value, reader) in enumerate(zip(values, readers, strict=True)):
        if value is None:
            read.append(None)
            continue
        try:
            read.append(reader(value))
        except WireError as exc:
            raise _bad(f"{where}.values[{position}]", exc) from None
    try:
        unit = _code(raw["unit"])
        assessor = raw.get("assessor")
        if assessor is not None:
            assessor = _code(assessor)
        date = _date(raw.get("date"))
    except WireError as exc:
        raise _bad(where, exc) from None
    notes = _read_notes(raw.get("notes", {}), where)
    try:
        return CompactRow(
            unit=unit, layer=layer, assessor=assessor, date=date, values=tuple(read), notes=notes
        )
    except InvalidModelError as exc:
        raise _bad(f"{where}.{exc.path}" if exc.path else where, exc) from None


def _read_notes(
    raw: Any,
    where: str,
    shared: dict[str | None, CompactNote] | None = None,
    texts: dict[Any, Any] | None = None,
    plain: _Plain | None = None,
) -> dict[str, CompactNote]:
    """A row's notes; notes holding only the same comment are one object in *shared*.

    The codes are made anew, once each in *texts*. With *plain*, the notes were left out
    of the limits' walk: a limit passed (or a float) raises a :class:`DocumentError`.
    """
    if type(raw) is not dict:
        raise _bad(f"{where}.notes", _wrong("an object", raw, "object"))
    max_length = sys.maxsize if plain is None else plain.max_length
    if plain is not None and len(raw) > plain.max_items:
        raise _past_a_limit()
    notes: dict[str, CompactNote] = {}
    if shared is None:
        shared = {}
    if texts is None:
        texts = {}
    for code, note in raw.items():
        kept = texts.get(code)
        if kept is None:
            if len(code) > max_length:
                raise _past_a_limit()
            kept = texts[code] = _fresh(code)
        if _plain_comment(note):  # the usual note: a remark and nothing else
            comment = note.get("comment")
            found = shared.get(comment)
            if found is None:
                if comment is not None and len(comment) > max_length:
                    raise _past_a_limit()
                fresh = None if comment is None else _fresh(comment)
                found = shared[comment] = CompactNote(comment=fresh)
            notes[kept] = found
            continue
        if plain is not None and check_tree(note, plain.notes):
            raise _past_a_limit()  # a float: read the usual way, which quotes its text
        path = f"{where}.notes[{code!r}]"
        _object(note, _NOTE_KEYS, frozenset(), path)
        try:
            notes[kept] = structure(note, CompactNote)
        except StructureError as exc:
            problem = exc.problems[0]
            error = InvalidModelError(problem.message, code=problem.code)
            raise _bad(path + problem.path.removeprefix("$"), error) from None
    return notes


def _past_a_limit() -> DocumentError:
    """What a plain reading raises where a row passes a limit.

    The document is then read the usual way, whose walk names the limit and the path.
    """
    return DocumentError("past a limit")


def _plain_comment(note: Any) -> bool:
    """Whether a note holds at most a comment (its other fields absent or empty)."""
    return (
        type(note) is dict
        and note.keys() <= _NOTE_KEYS
        and type(note.get("comment")) in _TEXT_OR_NONE
        and note.get("date") is None
        and note.get("bonus") is None
        and note.get("evidence", _NO_EVIDENCE) == _NO_EVIDENCE
    )


_TEXT_OR_NONE: Final = (str, type(None))
_NO_EVIDENCE: Final[list[Any]] = []


def loads_compact(data: bytes | str, *, limits: Limits = DEFAULT_LIMITS) -> CompactScoring:
    """Read a scoring document whose sheets are in the compact form, with every check.

    Raises:
        DocumentError: not JSON, or past a limit.
        SchemaVersionError: the schema version is missing, malformed or newer.
        StructureError: the first problem of each part, with its JSON path
            (``$.sheets[0].rows[12].values[3]``).
    """
    with collector_paused(), loading():
        parsed = parse_text(data, limits)
        read = _read_plain(parsed, len(data), limits)
        if read is None:
            read = _read_compact(within_limits(parsed, data, limits))
        # Dropped before the collector resumes, whose first pass would scan it (as loads).
        del parsed
    assert read is not None  # noqa: S101 - only a plain reading declines
    return read


class _Plain(NamedTuple):
    """The limits a plain reading applies itself to the rows it read without their walk."""

    max_items: int
    #: ``sys.maxsize`` where the text is too short to hold a string past the limit.
    max_length: int
    #: The limits of a note that is not a plain comment, walked on its own.
    notes: Limits


#: How deep the rows' deepest values lie: the document, its sheets, a sheet, its rows, a
#: row, its notes, a note, its evidence (a pair of values lies at 7).
_ROWS_DEPTH: Final = 8
#: The depth of a row's notes object, above its notes.
_NOTES_DEPTH: Final = 6
#: How long a string a plain reading must accept unmeasured: keys and layer names.
_LONGEST_NAME: Final = 16


def _read_plain(parsed: Any, size: int, limits: Limits) -> CompactScoring | None:
    """The document read with its sheets' rows left out of the limits' walk, or ``None``.

    The reader checks the rows itself: plain values (integers, booleans, pairs of them)
    are within any limits under which the rows' structure may lie at its depth; the other
    strings, objects and arrays of the rows are measured as they are read (texts met
    again once), and a note that is not a plain comment is walked on its own. ``None``
    where a value is of another kind, a float is found, a limit is passed or anything is
    wrong: the document is then walked and read the usual way, which finds the same
    problem as before.
    """
    if (
        limits.max_depth < _ROWS_DEPTH
        or limits.max_items < len(_ROW_KEYS)
        or limits.max_string_length < _LONGEST_NAME
    ):
        return None
    rows = _sheets_rows(parsed)
    plain = _Plain(
        max_items=limits.max_items,
        max_length=limits.max_string_length if size > limits.max_string_length else sys.maxsize,
        notes=attrs.evolve(limits, max_depth=limits.max_depth - _NOTES_DEPTH),
    )
    try:
        if not rows or check_tree(parsed, limits, size=size, opaque=frozenset(map(id, rows))):
            return None  # a float: read the usual way, which quotes its text
        return _read_compact(parsed, plain=plain)
    except ThiduaError:
        return None


def _sheets_rows(parsed: Any) -> list[list[Any]]:
    """The rows arrays of every compact sheet (none where the shape is not that)."""
    found: list[list[Any]] = []
    sheets = parsed.get("sheets") if type(parsed) is dict else None
    for sheet in sheets if type(sheets) is list else ():
        rows = sheet.get("rows") if type(sheet) is dict else None
        if type(rows) is not list:
            return []
        found.append(rows)
    return found


def _read_compact(parsed: Any, *, plain: _Plain | None = None) -> CompactScoring | None:
    """The document's models; with *plain*, ``None`` unless every value is plain."""
    if type(parsed) is not dict or parsed.get("kind") != "scoring":
        problem = Problem(
            "expected a 'scoring' document",
            path="$.kind",
            code="wrong-kind",
            details={
                "wanted": "scoring",
                "kind": str(parsed.get("kind")) if type(parsed) is dict else "?",
            },
        )
        raise StructureError("CompactScoring", [problem])
    if "schema_version" not in parsed:
        problem = Problem("required field missing", path="$.schema_version", code="missing")
        raise StructureError("CompactScoring", [problem])
    _check_version(parsed["schema_version"])
    known = _BODY_KEYS | {"kind", "schema_version"}
    problems: list[Problem] = [
        Problem("unknown key", path=f"$.{key}", code="unknown-key")
        for key in parsed
        if key not in known
    ]
    problems += [
        Problem("required field missing", path=f"$.{key}", code="missing")
        for key in ("schemes", "sheets")
        if key not in parsed
    ]
    if problems:
        raise StructureError("CompactScoring", problems)
    try:
        schemes = structure(parsed["schemes"], tuple[Scheme, ...])
        illustrative = structure(parsed.get("illustrative", False), bool)
        note = structure(parsed.get("note"), str | None)  # type: ignore[arg-type]
    except StructureError as exc:
        raise StructureError("CompactScoring", exc.problems) from None
    by_code = {scheme.code: scheme for scheme in schemes}
    sheets_data = parsed["sheets"]
    if type(sheets_data) is not list or not sheets_data:
        problem = Problem("a scoring needs a sheet", path="$.sheets", code="empty")
        raise StructureError("CompactScoring", [problem])
    sheets: list[CompactSheet] = []
    for index, sheet in enumerate(sheets_data):
        try:
            read = _read_sheet(sheet, by_code, plain=plain)
            if read is None:
                return None
            sheets.append(read)
        except InvalidModelError as bad:
            problems.append(_problem(f"$.sheets[{index}]", bad))
    if problems:
        raise StructureError("CompactScoring", problems)
    years: dict[int, int] = {}
    for index, sheet in enumerate(sheets):
        if sheet.year in years:
            msg = f"year {sheet.year} has two sheets (first at sheets[{years[sheet.year]}])"
            problem = Problem(msg, path=f"$.sheets[{index}].year", code="duplicate-year")
            raise StructureError("CompactScoring", [problem])
        years[sheet.year] = index
    return CompactScoring(
        schemes=schemes, sheets=tuple(sheets), illustrative=illustrative, note=note
    )


def _problem(prefix: str, error: InvalidModelError) -> Problem:
    path = error.path.removeprefix("$").removeprefix(".")
    path = f"{prefix}.{path}" if path and not path.startswith("[") else f"{prefix}{path}"
    return Problem(error.message, path=path, code=error.code, details=error.details)


# -- writing ----------------------------------------------------------------------------


def _wire(value: Any) -> Any:
    kind = type(value)
    if kind is Decimal:
        return format(value, "f")
    if kind is tuple:
        return [_wire(part) for part in value]
    return value


def _note_data(note: CompactNote) -> dict[str, Any]:
    data: dict[str, Any] = unstructure(note)
    return data


def compact_sheet_data(sheet: CompactSheet) -> dict[str, Any]:
    """A compact sheet as JSON-like data."""
    return {
        "year": sheet.year,
        "scheme": sheet.scheme,
        "units": unstructure(sheet.units),
        "scale": sheet.scale,
        "criteria": list(sheet.criteria),
        "rows": [
            {
                "unit": row.unit,
                "layer": row.layer.value,
                "assessor": row.assessor,
                "date": None if row.date is None else row.date.isoformat(),
                "values": [_wire(value) for value in row.values],
                "notes": {code: _note_data(note) for code, note in row.notes.items()},
            }
            for row in sheet.rows
        ],
    }


def compact_data(scoring: CompactScoring) -> dict[str, Any]:
    """A compact scoring document as JSON-like data, envelope included."""
    sheets = [compact_sheet_data(sheet) for sheet in scoring.sheets]
    return {
        "kind": "scoring",
        "schema_version": SCHEMA_VERSION,
        "illustrative": scoring.illustrative,
        "note": scoring.note,
        "schemes": unstructure(scoring.schemes),
        "sheets": sheets,
    }


def dumps_compact(scoring: CompactScoring) -> bytes:
    """Write a compact scoring document in canonical form (keys sorted, UTF-8)."""
    return canonical_json(compact_data(scoring))


# -- conversion -------------------------------------------------------------------------


def _decimals(value: Any) -> list[Decimal]:
    if isinstance(value, PointsInput):
        return [value.points]
    if isinstance(value, ShareInput):
        return [value.percent]
    if isinstance(value, ValueInput):
        return [value.value]
    if isinstance(value, AchievementInput):
        return [value.actual] if value.target is None else [value.actual, value.target]
    if isinstance(value, TwoValuesInput):
        return [value.first, value.second]
    return []


def _scale_of(sheet: ScoringSheet) -> int:
    """The most common number of decimal places of the sheet's decimals (ties: the most)."""
    places: Counter[int] = Counter()
    for assessment in sheet.assessments:
        for number in _decimals(assessment.input):
            exponent = number.as_tuple().exponent
            if isinstance(exponent, int) and exponent <= 0:
                places[-exponent] += 1
    if not places:
        return 0
    return max(places, key=lambda p: (places[p], p))


def _compact_sheet(sheet: ScoringSheet, *, reorder: bool) -> CompactSheet:
    scale = _scale_of(sheet)
    criteria: dict[str, int] = {}
    for assessment in sheet.assessments:
        criteria.setdefault(assessment.item, len(criteria))
    keys: dict[tuple[str, Layer, str | None], list[Assessment | None]] = {}
    for assessment in sheet.assessments:
        key = (assessment.unit, assessment.layer, assessment.assessor)
        values = keys.get(key)
        if values is None:
            values = keys[key] = [None] * len(criteria)
        values[criteria[assessment.item]] = assessment
    rows: list[CompactRow] = []
    by_unit: dict[str, list[CompactRow]] = {}
    for (unit, layer, assessor), found in keys.items():
        present = [a for a in found if a is not None]
        dated = all(a.date is not None for a in present)
        row_date = present[0].date if dated else None
        notes: dict[str, CompactNote] = {}
        for a in present:
            date = a.date if a.date != row_date else None
            if date is not None or a.comment is not None or a.evidence or a.bonus is not None:
                notes[a.item] = CompactNote(
                    date=date, comment=a.comment, evidence=a.evidence, bonus=a.bonus
                )
        row = CompactRow(
            unit=unit,
            layer=layer,
            assessor=assessor,
            date=row_date,
            values=tuple(None if a is None else value_of(a.input, scale) for a in found),
            notes=notes,
        )
        by_unit.setdefault(unit, []).append(row)
    for unit_rows in by_unit.values():
        rows.extend(unit_rows)
    compact = CompactSheet(
        year=sheet.year,
        scheme=sheet.scheme,
        units=sheet.units,
        scale=scale,
        criteria=tuple(criteria),
        rows=tuple(rows),
    )
    if not reorder:
        order = _row_order(compact)
        for index, (assessment, (row, position)) in enumerate(
            zip(sheet.assessments, order, strict=True)
        ):
            if (assessment.unit, assessment.layer, assessment.assessor) != (
                row.unit,
                row.layer,
                row.assessor,
            ) or assessment.item != compact.criteria[position]:
                msg = (
                    f"{assessment.where()}: the assessments are not unit by unit in criteria"
                    " order, so the compact form would not convert back to the same bytes;"
                    " convert with reorder to write them in that order"
                )
                raise InvalidModelError(msg, path=f"assessments[{index}]", code="not-compact")
    return compact


def _row_order(sheet: CompactSheet) -> list[tuple[CompactRow, int]]:
    """Each value's (row, criterion index), in the order the row form lists them."""
    by_unit: dict[str, list[CompactRow]] = {}
    for row in sheet.rows:
        by_unit.setdefault(row.unit, []).append(row)
    order: list[tuple[CompactRow, int]] = []
    for unit_rows in by_unit.values():
        for index in range(len(sheet.criteria)):
            order.extend((row, index) for row in unit_rows if row.values[index] is not None)
    return order


def to_compact(scoring: Scoring, *, reorder: bool = False) -> CompactScoring:
    """The compact form of a scoring file (the same content, no object per score).

    Args:
        scoring: The scoring file, in the row form.
        reorder: Accept assessments in any order; converting back then lists them unit by
            unit in criteria order.

    Raises:
        InvalidModelError: code ``not-compact``: the assessments are in an order the compact
            form does not keep, and *reorder* is false (path relative to the document).
    """
    sheets: list[CompactSheet] = []
    for index, sheet in enumerate(scoring.sheets):
        try:
            sheets.append(_compact_sheet(sheet, reorder=reorder))
        except InvalidModelError as exc:
            raise InvalidModelError(
                exc.message, path=f"sheets[{index}].{exc.path}", code=exc.code
            ) from None
    return CompactScoring(
        schemes=scoring.schemes,
        sheets=tuple(sheets),
        illustrative=scoring.illustrative,
        note=scoring.note,
    )


def to_rows(scoring: CompactScoring) -> Scoring:
    """The row form of a compact scoring file: one assessment per value, checked as usual."""
    sheets: list[ScoringSheet] = []
    for sheet in scoring.sheets:
        expected = _expected_inputs(scoring.scheme_for(sheet))
        kinds = [expected[code][1] for code in sheet.criteria]
        assessments = tuple(
            assessment_of(sheet, row, index, kinds[index]) for row, index in _row_order(sheet)
        )
        sheets.append(
            ScoringSheet(
                year=sheet.year, scheme=sheet.scheme, units=sheet.units, assessments=assessments
            )
        )
    return Scoring(
        schemes=scoring.schemes,
        sheets=tuple(sheets),
        illustrative=scoring.illustrative,
        note=scoring.note,
    )


def is_compact(parsed: Any) -> bool:
    """Whether a parsed scoring document's sheets are in the compact form."""
    sheets = parsed.get("sheets") if type(parsed) is dict else None
    return type(sheets) is list and any(type(s) is dict and "rows" in s for s in sheets)


def convert(
    data: bytes, to: Form, *, reorder: bool = False, limits: Limits = DEFAULT_LIMITS
) -> bytes:
    """Convert a scoring document's bytes to the *to* form (canonical bytes).

    Raises:
        DocumentError, SchemaVersionError, StructureError: as :func:`loads`.
        InvalidModelError: code ``not-compact``, as :func:`to_compact`.
    """
    from_compact = is_compact(parse_json(data, limits))
    if to == "compact":
        compact = (
            loads_compact(data, limits=limits)
            if from_compact
            else to_compact(loads(data, Scoring, limits=limits), reorder=reorder)
        )
        return dumps_compact(compact)
    if from_compact:
        rows = to_rows(loads_compact(data, limits=limits))
    else:
        rows = loads(data, Scoring, limits=limits)
    return canonical_json(_rows_data(rows))


def _rows_data(scoring: Scoring) -> dict[str, Any]:
    body: dict[str, Any] = unstructure(scoring)
    return {"kind": "scoring", "schema_version": SCHEMA_VERSION, **body}
