"""The compact sheet: the criteria listed once, one row of values per unit, layer and assessor.

A :class:`CompactSheet` holds the same content as a :class:`~._assessment.ScoringSheet`
without one object per score: each :class:`CompactRow` keeps its values in the sheet's
criteria order as plain values (decimals as integers scaled by the sheet's ``scale``, or
as :class:`~decimal.Decimal` where they were written as text; booleans, counts, pairs).
A sheet read from JSON keeps them by column (integers in arrays, see :class:`RowValues`).
:func:`check_compact` makes every check of :func:`~._assessment.check_sheet` on them,
and :func:`score_compact` scores them with the engine, each distinct value of a criterion
evaluated once; a trace, when asked for, is recorded by the engine's own recorder.
"""

from __future__ import annotations

import datetime as dt
import itertools
import weakref
from array import array
from collections.abc import Iterator, Sequence
from decimal import Decimal
from operator import itemgetter
from typing import Any, Final

import attrs

from thidua._base.text import nfc_or_none
from thidua._base.validation import code_validator, nfc_tuple, unique_codes
from thidua.errors import InvalidModelError
from thidua.scoring._assessment import (
    _PEER,
    Assessment,
    Layer,
    SheetUnit,
    _adjustment_problem,
    _expected_inputs,
    check_sheet,
)
from thidua.scoring._engine import _ZERO, _Chosen, _Engine, _Plan
from thidua.scoring._inputs import (
    AchievementInput,
    AwardsInput,
    ChoiceInput,
    CountInput,
    Input,
    PointsInput,
    ShareInput,
    TwoValuesInput,
    ValueInput,
    YesNoInput,
)
from thidua.scoring._inputs import input_problem as basic_input_problem
from thidua.scoring._layers import _LAYER_RANKS
from thidua.scoring._methods import (
    Achievement,
    Bound,
    Comparative,
    ManualPoints,
    PerOccurrence,
    Share,
    Tiers,
    TwoInputTiers,
    effective_bounds,
)
from thidua.scoring._result import YearResults
from thidua.scoring._scheme import Criterion, PeerRule, PeerStatistic, Scheme
from thidua.scoring._totals import Ratio, statistic
from thidua.serialization._hooks import collector_paused

__all__ = [
    "AnswerColumn",
    "CompactNote",
    "CompactRow",
    "CompactScoring",
    "CompactSheet",
    "PairColumn",
    "RowValues",
    "check_compact",
    "columns_of",
    "input_of",
    "score_compact",
    "value_of",
]

#: A value of a compact row: ``None`` (no input in this row), a bool, an int (a count, or
#: a decimal scaled by the sheet's scale), a Decimal (written as text), a code, or a tuple
#: of those (a pair, or the awards held).
Value = Any


class PairColumn(Sequence[Value]):
    """A column of pairs of integers, kept as two arrays (one per value of a pair)."""

    __slots__ = ("firsts", "seconds")

    def __init__(self, firsts: array[int], seconds: array[int]) -> None:
        self.firsts = firsts
        self.seconds = seconds

    def __len__(self) -> int:
        return len(self.firsts)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return tuple(self)[index]
        return (self.firsts[index], self.seconds[index])

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return zip(self.firsts, self.seconds, strict=True)


class AnswerColumn(Sequence[Value]):
    """A column of yes/no answers, kept as codes into the distinct answers of its sheet.

    Args:
        codes: Each row's answer, as its position in *answers*.
        answers: The distinct answers (booleans, ``(met, shortcomings)`` pairs); a column
            may use only some of them.
    """

    __slots__ = ("answers", "codes")

    def __init__(self, codes: array[int], answers: tuple[Value, ...]) -> None:
        self.codes = codes
        self.answers = answers

    def __len__(self) -> int:
        return len(self.codes)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return tuple(self)[index]
        return self.answers[self.codes[index]]

    def __iter__(self) -> Iterator[Value]:
        return map(self.answers.__getitem__, self.codes)

    def distinct(self) -> list[Value]:
        """The answers this column holds, each once."""
        return list(map(self.answers.__getitem__, set(self.codes)))


class RowValues(Sequence[Value]):
    """One row's values, read from its sheet's columns (how a sheet read from JSON keeps them).

    It compares and hashes as the tuple of its values.
    """

    __slots__ = ("columns", "row")

    def __init__(self, columns: tuple[Sequence[Value], ...], row: int) -> None:
        self.columns = columns
        self.row = row

    def __len__(self) -> int:
        return len(self.columns)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return tuple(self)[index]
        return self.columns[index][self.row]

    def __iter__(self) -> Iterator[Value]:
        row = self.row
        return (column[row] for column in self.columns)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, tuple | RowValues):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))


def _stored_columns(rows: Sequence[CompactRow]) -> tuple[Sequence[Value], ...] | None:
    """The columns *rows* were read from, when they are all of them in order."""
    if not rows or type(rows[0].values) is not RowValues:
        return None
    columns = rows[0].values.columns
    if not columns or len(columns[0]) != len(rows):
        return None
    for position, row in enumerate(rows):
        values = row.values
        if type(values) is not RowValues or values.columns is not columns or values.row != position:
            return None
    return columns


def columns_of(sheet: CompactSheet) -> Sequence[Sequence[Value]]:
    """The sheet's values by criterion: each column holds every row's value at a position."""
    stored = _stored_columns(sheet.rows)
    if stored is not None:
        return stored
    return list(zip(*(row.values for row in sheet.rows), strict=True))


def _has_none(column: Sequence[Value]) -> bool:
    """Whether a column has an empty cell (the columns of a sheet read from JSON have none)."""
    return type(column) not in _FULL and None in column


#: The kinds of column a sheet read from JSON keeps, which never hold an empty cell.
_FULL: Final = frozenset({array, PairColumn, AnswerColumn})


@attrs.frozen(kw_only=True)
class CompactNote:
    """What one value of a row carries beyond its input (rare: kept apart from the values).

    Args:
        date: The value's date when it differs from its row's.
        comment: Any remark.
        evidence: References to the evidence.
        bonus: Bonus points on the criterion.
    """

    date: dt.date | None = None
    comment: str | None = attrs.field(default=None, converter=nfc_or_none)
    evidence: tuple[str, ...] = attrs.field(default=(), converter=nfc_tuple)
    bonus: Decimal | None = None


@attrs.frozen(kw_only=True)
class CompactRow:
    """One unit's values in one layer by one assessor, in the sheet's criteria order.

    Args:
        unit: The unit's code.
        layer: Who scored.
        assessor: Who assessed (required for peers).
        date: The date of the row's values, if known.
        values: One value per criterion of the sheet (``None``: no input in this row): a
            tuple, or the :class:`RowValues` of a sheet read from JSON.
        notes: Each criterion code with what its value carries beyond the input.
    """

    unit: str = attrs.field(validator=code_validator)
    layer: Layer
    assessor: str | None = attrs.field(default=None, converter=nfc_or_none)
    date: dt.date | None = None
    values: Sequence[Value]
    notes: dict[str, CompactNote] = attrs.field(factory=dict, eq=True, hash=False)


@attrs.frozen(kw_only=True)
class CompactSheet:
    """One year's scores of a group's units in the compact form.

    Args:
        year: The year scored.
        scheme: The code of the scheme in force for the year.
        units: The units scored, with distinct codes.
        scale: Decimal places of the values written as integers (``2``: 850 is 8.50).
        criteria: The item codes (criteria and adjustments) each row's values follow.
        rows: The rows.
    """

    year: int
    scheme: str = attrs.field(validator=code_validator)
    units: tuple[SheetUnit, ...]
    scale: int = 0
    criteria: tuple[str, ...]
    rows: tuple[CompactRow, ...]

    def __attrs_post_init__(self) -> None:
        if not self.units:
            raise InvalidModelError("a sheet needs units", path="units", code="empty")
        unique_codes(self.units, "units")
        if not 0 <= self.scale <= 12:  # noqa: PLR2004 - the wire's 12 fraction digits
            msg = f"a scale of {self.scale} is outside 0 to 12"
            raise InvalidModelError(msg, path="scale", code="out-of-range")
        seen: dict[str, int] = {}
        for index, code in enumerate(self.criteria):
            if code in seen:
                msg = f"criterion {code!r} is listed twice (first at criteria[{seen[code]}])"
                raise InvalidModelError(msg, path=f"criteria[{index}]", code="duplicate-code")
            seen[code] = index
        codes = {unit.code for unit in self.units}
        width = len(self.criteria)
        for index, row in enumerate(self.rows):
            if row.unit not in codes:
                msg = f"no unit has the code {row.unit!r}"
                raise InvalidModelError(msg, path=f"rows[{index}].unit", code="unknown-unit")
            if len(row.values) != width:
                msg = f"{len(row.values)} values for {width} criteria"
                raise InvalidModelError(msg, path=f"rows[{index}].values", code="inconsistent")
            if row.layer is _PEER and not row.assessor:
                msg = f"unit {row.unit}, layer peer: a peer score names its assessor"
                raise InvalidModelError(
                    msg, path=f"rows[{index}].assessor", code="missing-assessor"
                )
            for code in row.notes:
                if code not in seen:
                    msg = f"a note on {code!r}, which the sheet does not list"
                    raise InvalidModelError(msg, path=f"rows[{index}].notes", code="unknown-item")


@attrs.frozen(kw_only=True)
class CompactScoring:
    """A scoring file whose sheets are in the compact form.

    Args:
        schemes: The schemes, with distinct codes.
        sheets: One compact sheet per year.
        illustrative: True when the table or the scores are made up for illustration.
        note: Any remark (plain text).
    """

    schemes: tuple[Scheme, ...]
    sheets: tuple[CompactSheet, ...]
    illustrative: bool = False
    note: str | None = attrs.field(default=None, converter=nfc_or_none)

    def scheme_for(self, sheet: CompactSheet) -> Scheme:
        """The scheme a sheet names.

        Raises:
            KeyError: no scheme has that code.
        """
        for scheme in self.schemes:
            if scheme.code == sheet.scheme:
                return scheme
        raise KeyError(sheet.scheme)


def value_key(value: Value) -> Any:
    """A key that tells equal values of different kinds apart (``8`` scaled, ``Decimal(8)``)."""
    kind = type(value)
    if kind is int or kind is str:
        return value
    if kind is tuple:
        return tuple([(type(part), part) for part in value])
    return (kind, value)


def _decimal(value: Value, scale: int) -> Decimal:
    if type(value) is int:
        return Decimal(value).scaleb(-scale) if scale else Decimal(value)
    assert isinstance(value, Decimal)  # noqa: S101 - read as a decimal by the wire
    return value


def input_of(expected: type, value: Value, scale: int) -> Input:
    """The input a compact value stands for, for an item reading *expected* inputs."""
    if expected is PointsInput:
        return PointsInput(points=_decimal(value, scale))
    if expected is ShareInput:
        return ShareInput(percent=_decimal(value, scale))
    if expected is ValueInput:
        return ValueInput(value=_decimal(value, scale))
    if expected is YesNoInput:
        if type(value) is bool:
            return YesNoInput(met=value)
        return YesNoInput(met=value[0], shortcomings=value[1])
    if expected is CountInput:
        return CountInput(count=value)
    if expected is AchievementInput:
        target = None if value[1] is None else _decimal(value[1], scale)
        return AchievementInput(actual=_decimal(value[0], scale), target=target)
    if expected is TwoValuesInput:
        return TwoValuesInput(first=_decimal(value[0], scale), second=_decimal(value[1], scale))
    if expected is ChoiceInput:
        return ChoiceInput(option=None if value is False else value)
    assert expected is AwardsInput  # noqa: S101 - the scheme's input kinds
    return AwardsInput(held=tuple(value))


def _scaled(number: Decimal, scale: int) -> Value:
    """*number* as a value: an integer when it has exactly *scale* places, else itself."""
    exponent = number.as_tuple().exponent
    if exponent == -scale and not (number.is_signed() and not number):  # keep "-0.00"
        scaled = int(number.scaleb(scale))
        if abs(scaled) < 10**15:
            return scaled
    return number


def value_of(value: Input, scale: int) -> Value:
    """The compact value of an input (the inverse of :func:`input_of`)."""
    if isinstance(value, PointsInput):
        return _scaled(value.points, scale)
    if isinstance(value, ShareInput):
        return _scaled(value.percent, scale)
    if isinstance(value, ValueInput):
        return _scaled(value.value, scale)
    if isinstance(value, YesNoInput):
        return value.met if not value.shortcomings else (value.met, value.shortcomings)
    if isinstance(value, CountInput):
        return value.count
    if isinstance(value, AchievementInput):
        target = None if value.target is None else _scaled(value.target, scale)
        return (_scaled(value.actual, scale), target)
    if isinstance(value, TwoValuesInput):
        return (_scaled(value.first, scale), _scaled(value.second, scale))
    if isinstance(value, ChoiceInput):
        return False if value.option is None else value.option
    return value.held


def assessment_of(sheet: CompactSheet, row: CompactRow, index: int, expected: type) -> Assessment:
    """The row-form assessment of *row*'s value at criterion *index*."""
    code = sheet.criteria[index]
    note = row.notes.get(code)
    date = row.date
    comment: str | None = None
    evidence: tuple[str, ...] = ()
    bonus: Decimal | None = None
    if note is not None:
        date = note.date if note.date is not None else date
        comment, evidence, bonus = note.comment, note.evidence, note.bonus
    return Assessment(
        unit=row.unit,
        item=code,
        layer=row.layer,
        input=input_of(expected, row.values[index], sheet.scale),
        assessor=row.assessor,
        date=date,
        comment=comment,
        evidence=evidence,
        bonus=bonus,
    )


def _where(row: CompactRow, code: str) -> str:
    return f"unit {row.unit}, criterion {code}, layer {row.layer.value}"


def check_compact(scheme: Scheme, sheet: CompactSheet) -> None:
    """Check a compact sheet against its scheme, as :func:`check_sheet` checks a sheet.

    The sheet is checked column by column (each criterion's values at once: their JSON
    kinds, their distinct values, or only the smallest and largest where the criterion
    accepts one range); a sheet that does not pass that way is checked row by row, which
    finds its first problem.

    Args:
        scheme: The scheme in force for the sheet's year.
        sheet: The sheet.

    Raises:
        InvalidModelError: the first problem, its path relative to the sheet naming the row
            and the criterion (``rows[12].values[3]``).
    """
    if not scheme.in_force(sheet.year):
        # The same message as the row form's.
        check_sheet(scheme, _Shell(sheet))  # type: ignore[arg-type]
    if not _fits_by_column(scheme, sheet):
        _check_by_row(scheme, sheet)
    if id(sheet) not in _CHECKED:  # a live sheet's id is its own: one finaliser each
        weakref.finalize(sheet, _CHECKED.pop, id(sheet), None)
    _CHECKED[id(sheet)] = scheme


#: The scheme each live sheet was last checked against (by the sheet's id), so that
#: scoring a sheet read with its checks does not check it again.
_CHECKED: Final[dict[int, Scheme]] = {}


def _was_checked(scheme: Scheme, sheet: CompactSheet) -> bool:
    return _CHECKED.get(id(sheet)) is scheme


def _fits_by_column(scheme: Scheme, sheet: CompactSheet) -> bool:
    """Whether every check passes on the sheet's columns (``False``: check row by row).

    Only sheets with a value in every cell are checked this way: each unit's rows then
    hold every criterion, so the layers are checked once per unit.
    """
    rows = sheet.rows
    if not rows:
        return False
    expected_inputs = _expected_inputs(scheme)
    plans: list[tuple[Any, type]] = []
    for code in sheet.criteria:
        found = expected_inputs.get(code)
        if found is None:
            return False
        plans.append(found)
    for column, (item, expected) in zip(columns_of(sheet), plans, strict=True):
        if _has_none(column) or not _column_fits(item, expected, column, sheet.scale):
            return False
    positions = {code: index for index, code in enumerate(sheet.criteria)}
    keys: set[tuple[str, Layer, str | None]] = set()
    by_unit: dict[str, list[CompactRow]] = {}
    for row_index, row in enumerate(rows):
        keys.add((row.unit, row.layer, row.assessor if row.layer is _PEER else None))
        by_unit.setdefault(row.unit, []).append(row)
        for code, note in row.notes.items():
            if note.bonus is None and not note.evidence:
                continue  # a date or a comment: nothing to check against the scheme
            item, expected = plans[positions[code]]
            try:
                _check_value(sheet, row, row_index, positions[code], item, expected)
            except InvalidModelError:
                return False
    if (
        len(keys) != len(rows)
        or len(by_unit) != len(sheet.units)
        or any(leaf.code not in positions for leaf in scheme.leaves())
    ):
        return False
    peer = scheme.combination.peer
    facts = [positions[code] for code in _facts(scheme) if code in positions]
    plain = len(facts) < len(positions)
    for unit_rows in by_unit.values():
        peers = [row for row in unit_rows if row.layer is _PEER]
        if not peers:
            continue
        # Without facts a peer problem depends only on how many peers scored.
        if plain and _peers_problem(peer, unit_rows, peers, 0, fact=False) is not None:
            return False
        if any(_peers_problem(peer, unit_rows, peers, i, fact=True) is not None for i in facts):
            return False
    return True


def _facts(scheme: Scheme) -> set[str]:
    """The items whose peers must agree: adjustments and comparative criteria."""
    return {a.code for a in scheme.adjustments} | {
        c.code for c in scheme.leaves() if isinstance(c.method, Comparative)
    }


def _column_fits(item: Any, expected: type, column: Sequence[Value], scale: int) -> bool:
    """Whether every value of one criterion's column passes the value checks."""
    kinds = _kinds(column)
    if kinds == {int} and expected is not YesNoInput and _ranged(item):
        # One range accepted: its ends decide (the values are exact scaled integers).
        values = _listed(column)
        return all(_fits(item, expected, v, scale) for v in (min(values), max(values)))
    if kinds == {tuple} and expected in _PAIRS and _ranged(item):
        firsts: list[Any]
        seconds: list[Any]
        if type(column) is PairColumn:  # integers throughout, every target given
            firsts, seconds = column.firsts.tolist(), column.seconds.tolist()
            targets = seconds
            integers = True
        else:
            firsts = list(map(itemgetter(0), column))
            seconds = list(map(itemgetter(1), column))
            targets = [v for v in seconds if v is not None]
            integers = _kinds(firsts) == {int} and _kinds(targets) <= {int}
        if integers:
            ends: list[tuple[Any, Any]] = [(min(firsts), None), (max(firsts), None)]
            if targets:
                ends = [(min(firsts), min(targets)), (max(firsts), max(targets))]
                if len(targets) < len(seconds):
                    ends.append((min(firsts), None))
            return all(_fits(item, expected, end, scale) for end in ends)
    return all(_fits(item, expected, value, scale) for value in _distinct(column))


def _listed(column: Sequence[Value]) -> Sequence[Value]:
    """The column, an array as a list (whose smallest and largest are found faster)."""
    return column.tolist() if type(column) is array else column


def _kinds(column: Sequence[Value]) -> set[type]:
    """The Python kinds of a column's values."""
    if type(column) is array:
        return {int}
    if type(column) is PairColumn:
        return {tuple}
    if type(column) is AnswerColumn:
        return set(map(type, column.distinct()))
    return set(map(type, column))


def _distinct(column: Sequence[Value]) -> Any:
    """The column's distinct values, equal values of different kinds kept apart.

    A set where the values themselves can key a table (no two of different kinds are
    equal); otherwise one value per :func:`value_key`.
    """
    if type(column) is AnswerColumn:
        return set(column.distinct())  # booleans and (bool, int) pairs, as read
    kinds = _kinds(column)
    if kinds <= {bool, tuple} and tuple in kinds:
        # Each value object once (a column read from JSON shares its few answers); the
        # values are held while their ids are taken.
        held = column if type(column) is tuple else tuple(column)
        objects = dict(zip(map(id, held), held, strict=True)).values()
        pairs = [value for value in objects if type(value) is tuple]
        if set(map(len, pairs)) == {2} and all(
            len(set(map(type, map(itemgetter(i), pairs)))) == 1 for i in (0, 1)
        ):
            return set(objects)  # (bool, int) pairs and booleans: no two kinds are equal
    elif len(kinds) == 1 and kinds <= {int, bool, str, Decimal}:
        return set(column)
    found: dict[Any, Value] = {}
    for value in column:
        found.setdefault(value_key(value), value)
    return found.values()


_PAIRS: Final = (AchievementInput, TwoValuesInput)


def _ranged(item: Any) -> bool:
    """Whether the values *item* accepts are one range (one per value of a pair).

    True of the built-in methods whose checks are bounds (points, shares, achievements,
    counts) and of tier tables without a gap; a method defined elsewhere is checked value
    by value.
    """
    if not isinstance(item, Criterion):
        return False
    method = item.method
    if isinstance(method, _RANGED):
        return True
    if isinstance(method, Tiers):
        return _contiguous(effective_bounds(method.tiers))
    if isinstance(method, TwoInputTiers):
        return _contiguous(effective_bounds(method.rows)) and _contiguous(
            effective_bounds(method.columns)
        )
    return False


_RANGED: Final = (ManualPoints, Share, Achievement, Comparative, PerOccurrence)


def _contiguous(bounds: tuple[tuple[Bound | None, Bound | None], ...]) -> bool:
    """Whether ascending intervals leave no value out between the first and the last."""
    for (_, high), (low, _) in itertools.pairwise(bounds):
        if high is None or low is None or high.value != low.value:
            return False
        if high.inclusive == low.inclusive:
            return False
    return True


def _fits(item: Any, expected: type, value: Value, scale: int) -> bool:
    """Whether one value passes the checks of an assessment of *item* (no row needed).

    A value of another Python kind than its criterion reads (built by hand, not read from
    JSON) does not pass: the row-by-row check then reports the sheet's first problem.
    """
    try:
        given = input_of(expected, value, scale)
        if basic_input_problem(given) is not None:
            return False
        if isinstance(item, Criterion):
            return item.method.input_problem(given, item.max_points) is None  # type: ignore[arg-type]
        return _adjustment_problem(item, given) is None
    except (InvalidModelError, TypeError, IndexError, AssertionError):
        return False


def _check_by_row(scheme: Scheme, sheet: CompactSheet) -> None:
    """Check the sheet row by row; each distinct value of a criterion is checked once."""
    expected_inputs = _expected_inputs(scheme)
    plans: list[tuple[Any, type, dict[Any, None]]] = []
    for index, code in enumerate(sheet.criteria):
        found = expected_inputs.get(code)
        if found is None:
            msg = f"criterion {code}: no criterion or adjustment has this code"
            raise InvalidModelError(msg, path=f"criteria[{index}]", code="unknown-item")
        plans.append((found[0], found[1], {}))
    # Rows by unit; which (layer, peer's assessor) each unit has for each criterion.
    seen: dict[tuple[str, Layer, str | None], int] = {}
    by_unit: dict[str, list[CompactRow]] = {}
    for row_index, row in enumerate(sheet.rows):
        key = (row.unit, row.layer, row.assessor if row.layer is _PEER else None)
        first = seen.get(key)
        if first is not None:
            # Two rows of one layer (and peer) may share a unit only with disjoint values.
            other = sheet.rows[first]
            for index, value in enumerate(row.values):
                if value is not None and other.values[index] is not None:
                    msg = (
                        f"{_where(row, sheet.criteria[index])}: assessed twice"
                        f" (first at rows[{first}].values[{index}])"
                    )
                    raise InvalidModelError(
                        msg, path=f"rows[{row_index}].values[{index}]", code="duplicate-assessment"
                    )
        else:
            seen[key] = row_index
        by_unit.setdefault(row.unit, []).append(row)
        for index, value in enumerate(row.values):
            if value is None:
                continue
            item, expected, checked = plans[index]
            note = row.notes.get(sheet.criteria[index])
            key = value_key(value)
            if key in checked and note is None:
                continue
            _check_value(sheet, row, row_index, index, item, expected)
            if note is None:
                checked[key] = None
    _check_layers(scheme, sheet, by_unit)


def _check_value(  # noqa: PLR0917 - internal
    sheet: CompactSheet, row: CompactRow, row_index: int, index: int, item: Any, expected: type
) -> None:
    """Check one value as :func:`check_sheet` checks its assessment (ranges, bonus)."""
    code = sheet.criteria[index]
    where = f"rows[{row_index}].values[{index}]"
    try:
        assessment = assessment_of(sheet, row, index, expected)
    except InvalidModelError as exc:
        raise InvalidModelError(
            exc.message, path=where, code=exc.code, details=exc.details
        ) from None
    value = assessment.input
    if isinstance(item, Criterion):
        problem = item.method.input_problem(value, item.max_points)  # type: ignore[arg-type]
        if assessment.bonus is not None and (
            item.bonus_cap is None or assessment.bonus > item.bonus_cap
        ):
            cap = "no bonus" if item.bonus_cap is None else f"a bonus cap of {item.bonus_cap}"
            msg = f"{assessment.where()}: the criterion has {cap}"
            path = f"rows[{row_index}].notes[{code!r}].bonus"
            raise InvalidModelError(msg, path=path, code="out-of-range")
    else:
        problem = _adjustment_problem(item, value)
        if assessment.bonus is not None:
            msg = f"{assessment.where()}: only criteria take a bonus"
            path = f"rows[{row_index}].notes[{code!r}].bonus"
            raise InvalidModelError(msg, path=path, code="inconsistent")
    if problem is not None:
        raise InvalidModelError(
            f"{assessment.where()}: {problem[1]}", path=where, code="out-of-range"
        )


def _check_layers(
    scheme: Scheme,
    sheet: CompactSheet,
    by_unit: dict[str, list[CompactRow]],
) -> None:
    peer = scheme.combination.peer
    facts = _facts(scheme)
    positions = {code: index for index, code in enumerate(sheet.criteria)}
    row_index = {id(row): index for index, row in enumerate(sheet.rows)}
    for _, rows in sorted(by_unit.items()):
        for code in sorted(positions):
            index = positions[code]
            peers = [row for row in rows if row.layer is _PEER and row.values[index] is not None]
            if not peers:
                continue
            problem = _peers_problem(peer, rows, peers, index, fact=code in facts)
            if problem is not None:
                message, error, on_value = problem
                last = peers[-1]
                where = f"rows[{row_index[id(last)]}]"
                path = f"{where}.values[{index}]" if on_value else where
                raise InvalidModelError(f"{_where(last, code)}: {message}", path=path, code=error)
    leaves = scheme.leaves()
    for unit in sheet.units:
        rows = by_unit.get(unit.code, [])
        for criterion in leaves:
            index_ = positions.get(criterion.code)
            if index_ is None or all(row.values[index_] is None for row in rows):
                msg = (
                    f"unit {unit.code}, criterion {criterion.code}: no input in any layer"
                    " (a sheet is complete only when every criterion has one; 0 is a valid"
                    " score)"
                )
                raise InvalidModelError(msg, path="rows", code="incomplete")


def _peers_problem(
    peer: PeerRule | None,
    rows: list[CompactRow],
    peers: list[CompactRow],
    index: int,
    *,
    fact: bool,
) -> tuple[str, str, bool] | None:
    """The row form's layer problem of one unit's item, read from the values (no objects)."""
    if fact:
        last = max(_LAYER_RANKS[row.layer] for row in rows if row.values[index] is not None)
        if last == _LAYER_RANKS[_PEER] and len({value_key(r.values[index]) for r in peers}) > 1:
            return "peers disagree on a fact; one input must count", "peers-disagree", True
        return None
    if peer is None:
        if len(peers) > 1:
            return (
                "several peers scored but the scheme declares no peer rule",
                ("peer-rule-missing"),
                False,
            )
    elif peer.statistic is PeerStatistic.TRIMMED_MEAN and len(peers) <= 2 * peer.trim:
        message = f"{len(peers)} peer scores cannot lose {peer.trim} at each end"
        return message, "too-few-peers", False
    return None


class _Shell:
    """What the engine reads of a sheet besides its assessments (which it asks for lazily)."""

    __slots__ = ("assessments", "scheme", "units", "year")

    def __init__(self, sheet: CompactSheet) -> None:
        self.year, self.scheme, self.units = sheet.year, sheet.scheme, sheet.units
        self.assessments: tuple[Assessment, ...] = ()


class _Groups:
    """The engine's ``(unit, item) -> assessments`` table, each entry built when first read."""

    __slots__ = ("built", "expected", "positions", "rows", "sheet")

    def __init__(
        self, sheet: CompactSheet, rows: dict[str, list[CompactRow]], scheme: Scheme
    ) -> None:
        self.sheet = sheet
        self.rows = rows
        self.positions = {code: index for index, code in enumerate(sheet.criteria)}
        expected = _expected_inputs(scheme)
        self.expected = {code: expected[code][1] for code in sheet.criteria if code in expected}
        self.built: dict[tuple[str, str], list[Assessment]] = {}

    def get(self, key: tuple[str, str], default: Any = None) -> Any:
        found = self.built.get(key)
        if found is not None:
            return found
        unit, item = key
        index = self.positions.get(item)
        if index is None:
            return default
        expected = self.expected[item]
        entries = [
            assessment_of(self.sheet, row, index, expected)
            for row in self.rows.get(unit, ())
            if row.values[index] is not None
        ]
        if not entries:
            return default
        self.built[key] = entries
        return entries


class _CompactEngine(_Engine):
    """The engine on a compact sheet: the same walk, each criterion read from the rows."""

    def __init__(self, scheme: Scheme, sheet: CompactSheet) -> None:
        rows: dict[str, list[CompactRow]] = {}
        for row in sheet.rows:
            rows.setdefault(row.unit, []).append(row)
        self.compact = sheet
        self.by_column = columns_of(sheet)
        self.unit_rows = rows
        self.lazy = _Groups(sheet, rows, scheme)
        self.tables: dict[str, dict[Any, Ratio]] = {}
        self.columns: dict[str, dict[str, tuple[Ratio, Ratio, Layer]] | None] = {}
        self.tops = self._tops()
        self.bonuses = {
            code for row in sheet.rows for code, note in row.notes.items() if note.bonus is not None
        }
        super().__init__(scheme, _Shell(sheet))  # type: ignore[arg-type]
        self.groups = self.lazy  # type: ignore[assignment]
        peer = self.peer_rule
        if peer is not None and peer.normalise:
            self.bias = self._biases()

    def last(self, unit: str, item: str) -> Assessment | None:
        entries: list[Assessment] | None = self.lazy.get((unit, item))
        if not entries:
            return None
        top = max(_LAYER_RANKS[a.layer] for a in entries)
        return next(a for a in entries if _LAYER_RANKS[a.layer] == top)

    def _value_points(self, plan: _Plan, value: Value) -> Ratio:
        """The points of one value of a criterion, from its integers where the method can."""
        scale = self.compact.scale
        found = plan.criterion.method.scaled_points(value, scale, plan.context)
        if found is None:
            value_input = input_of(self.lazy.expected[plan.criterion.code], value, scale)
            found = plan.points(value_input, plan.context, None)
        return found

    def _points(self, plan: _Plan, value: Value) -> Ratio:
        """The points of one value of a criterion, each distinct value computed once."""
        code = plan.criterion.code
        table = self.tables.get(code)
        if table is None:
            table = self.tables[code] = {}
        key = value if type(value) is int else value_key(value)
        found = table.get(key)
        if found is None:
            found = table[key] = self._value_points(plan, value)
        return found

    def _tops(self) -> dict[str, tuple[Layer, list[int]]]:
        """Each unit's highest layer and its rows' positions, where every row has every value.

        The same rows then count for every criterion.
        """
        if any(map(_has_none, self.by_column)):
            return {}
        tops: dict[str, tuple[int, Layer, list[int]]] = {}
        for position, row in enumerate(self.compact.rows):
            rank_ = _LAYER_RANKS[row.layer]
            found = tops.get(row.unit)
            if found is None or rank_ > found[0]:
                tops[row.unit] = (rank_, row.layer, [position])
            elif rank_ == found[0]:
                found[2].append(position)
        return {unit: (layer, positions) for unit, (_, layer, positions) in tops.items()}

    def _column(self, plan: _Plan, index: int) -> dict[str, tuple[Ratio, Ratio, Layer]] | None:
        """Every unit's points on one criterion, its column read at once.

        ``None`` where a column's values of different kinds could be equal: the column is
        then read unit by unit.
        """
        column = self.by_column[index]
        rule, ceiling = self.peer_rule, plan.ceiling
        table: dict[Any, Ratio] = {}
        if self.lazy.expected[plan.criterion.code] in _PAIRS:  # mostly distinct: no table
            method = plan.criterion.method
            scaled = method.scaled_column(column, self.compact.scale, plan.context)
            if scaled is None:
                return None
            points = scaled
        else:
            distinct = _distinct(column)
            if not isinstance(distinct, set):
                return None
            table = {value: self._value_points(plan, value) for value in distinct}
            points = _looked_up(table, column)
        found: dict[str, tuple[Ratio, Ratio, Layer]] = {}
        peers: list[tuple[str, list[int]]] = []
        for unit, (layer, positions) in self.tops.items():
            if layer is not Layer.PEER or (len(positions) == 1 and rule is None):
                found[unit] = (points[positions[0]], _ZERO, layer)
            else:
                peers.append((unit, positions))
        if not peers:
            return found
        assert rule is not None  # noqa: S101 - several peers need a rule (checked)
        if table:
            kept = {value: _within(ratio, ceiling) for value, ratio in table.items()}
            clamped = _looked_up(kept, column)
            denominators = {den for _, den in kept.values()}
        else:
            clamped = [_within(ratio, ceiling) for ratio in points]
            denominators = set(map(itemgetter(1), clamped))
        if rule.statistic is PeerStatistic.MEAN and len(denominators) == 1:
            # One denominator: the mean is the numerators' sum over it times the count.
            (den,) = denominators
            nums = list(map(itemgetter(0), clamped))
            for unit, positions in peers:
                found[unit] = (
                    (sum([nums[i] for i in positions]), den * len(positions)),
                    _ZERO,
                    Layer.PEER,
                )
            return found
        for unit, positions in peers:
            found[unit] = (statistic([clamped[i] for i in positions], rule), _ZERO, Layer.PEER)
        return found

    def _combined(
        self, plan: _Plan, unit: str, chosen: _Chosen | None
    ) -> tuple[Ratio, Ratio, Layer]:
        criterion = plan.criterion
        code = criterion.code
        index = self.lazy.positions.get(code)
        if (
            chosen is not None
            or plan.comparative
            or not self.last_layer
            or index is None
            or criterion.precedence
            or code in self.bonuses  # bonuses: the row form's way
        ):
            return super()._combined(plan, unit, chosen)
        if self.tops and not self.bias:
            if code not in self.columns:
                self.columns[code] = self._column(plan, index)
            by_unit = self.columns[code]
            if by_unit is not None:
                return by_unit[unit]
        top = -1
        layer: list[CompactRow] = []
        for row in self.unit_rows.get(unit, ()):
            if row.values[index] is None:
                continue
            rank_ = _LAYER_RANKS[row.layer]
            if rank_ > top:
                top, layer = rank_, [row]
            elif rank_ == top:
                layer.append(row)
        first, rule = layer[0], self.peer_rule
        if first.layer is not Layer.PEER or (len(layer) == 1 and rule is None):
            return self._points(plan, first.values[index]), _ZERO, first.layer
        assert rule is not None  # noqa: S101 - several peers need a rule (checked)
        ceiling, bias = plan.ceiling, self.bias
        values: list[Ratio] = []
        for row in layer:
            num, den = self._points(plan, row.values[index])
            if bias:
                gap = bias.get(str(row.assessor))
                if gap is not None:
                    num, den = num * gap[1] - gap[0] * den, den * gap[1]
            values.append(_within((num, den), ceiling))
        return statistic(values, rule), _ZERO, Layer.PEER


def _looked_up(table: dict[Any, Any], column: Sequence[Value]) -> list[Any]:
    """The entry of *table* for each value of *column*, which holds only its keys."""
    if type(column) is AnswerColumn:  # looked up once per answer, then by code
        by_code = [table.get(answer) for answer in column.answers]
        return list(map(by_code.__getitem__, column.codes))
    return list(map(table.__getitem__, column))


def _within(points: Ratio, ceiling: Ratio | None) -> Ratio:
    """A peer's points kept within 0 and the criterion's ceiling."""
    num, den = points
    if num < 0:
        return 0, 1
    if ceiling is not None and num * ceiling[1] > ceiling[0] * den:
        return ceiling
    return points


def score_compact(scheme: Scheme, sheet: CompactSheet, *, trace: bool = False) -> YearResults:
    """Score a compact sheet against its scheme: the results :func:`score` gives its rows.

    Args:
        scheme: The scheme in force for the sheet's year.
        sheet: The year's rows.
        trace: Record each unit's trace through the engine's recorder.

    Raises:
        InvalidModelError: the sheet does not fit the scheme (path relative to the sheet).
        ScoringError: as :func:`score`.
    """
    if not _was_checked(scheme, sheet):
        check_compact(scheme, sheet)
    with collector_paused():
        return _CompactEngine(scheme, sheet).run(trace=trace)
