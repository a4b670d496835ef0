"""Scoring national files in bounded memory: JSON Lines grouped by group, CSV export.

A *scoring stream* is UTF-8 JSON Lines, one record a line:

* line 1, the header: ``{"kind": "scoring-stream", "schema_version": "1.0",
  "schemes": [...]}`` (optionally ``"illustrative"`` and ``"note"``), the schemes every
  group is scored against;
* a group line opens each group (a cluster or block): ``{"group": "CUM-001",
  "year": 2025, "scheme": "...", "units": [...]}``;
* then that group's assessments, one a line: ``{"group": "CUM-001", "unit": ...,
  "item": ..., "layer": ..., "input": {...}, ...}`` (the fields of
  :class:`~thidua.scoring.Assessment` plus ``group``).

A group may instead be in the compact form (as ``thidua convert`` writes sheets): its
group line also lists its ``criteria`` (and its ``scale``), and each of its lines is one
row of values, ``{"group": "CUM-001", "unit": ..., "layer": ..., "assessor": ...,
"values": [...], "notes": {...}}``, in that order. Such a group is read column by column
and scored as a :class:`~thidua.scoring._compact.CompactSheet`, with the same checks; a
problem names the row's line and the value (``$.values[3]``).

A group's records are contiguous, so :class:`ScoringStream` holds one group at a time:
the group is read whole, built as a :class:`~thidua.scoring.ScoringSheet`, checked
against its scheme with every check a whole document gets (so comparative criteria,
peer statistics and the ranking within the group work as usual), scored, and dropped.

Results are written one unit a line (:func:`write_results`, read back with
:func:`read_results`); :func:`rank_across` ranks units across groups in a second pass
over those per-group results, and :func:`write_csv` exports them for spreadsheets.

Bad lines are reported with their line number (:class:`LineProblem`). With
``on_error="raise"`` the first bad line or group stops the stream with a
:class:`StreamError`; with ``on_error="skip"`` bad lines are left out, a group that is
still invalid without them is left out whole, every problem is kept in
:attr:`ScoringStream.problems`, and the rest of the file is processed.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import IO, Any, Final, Literal

import attrs
import orjson

from thidua._base.cells import neutralise
from thidua._base.limits import DEFAULT_LIMITS, Limits
from thidua._base.text import nfc
from thidua._base.validation import code_validator
from thidua.errors import (
    DocumentError,
    InvalidModelError,
    LineProblem,
    Problem,
    StreamError,
    StructureError,
)
from thidua.scoring._assessment import ScoringSheet, check_sheet
from thidua.scoring._compact import CompactSheet, score_compact
from thidua.scoring._engine import score
from thidua.scoring._result import Subtotal, TraceLine, UnitResult, YearResults, check_trace
from thidua.scoring._scheme import Bar, Scheme
from thidua.serialization._compact import compact_sheet_data, read_compact_sheet
from thidua.serialization._hooks import parse_json
from thidua.serialization._registry import SCHEMA_VERSION, structure, unstructure

__all__ = [
    "STREAM_KIND",
    "GroupResults",
    "NationalRank",
    "ResultRecord",
    "ScoringStream",
    "rank_across",
    "read_results",
    "score_stream",
    "write_csv",
    "write_results",
    "write_stream",
]

STREAM_KIND: Final = "scoring-stream"
"""The ``kind`` of a scoring stream's header line."""

_GROUP_KEYS: Final = frozenset({"group", "year", "scheme", "units"})
_COMPACT_GROUP_KEYS: Final = _GROUP_KEYS | {"scale", "criteria"}


@attrs.frozen(kw_only=True)
class GroupResults:
    """One group's ranked results.

    Args:
        group: The group's code.
        line: The line that opened the group.
        results: Its units' results, ranked within the group.
    """

    group: str
    line: int
    results: YearResults


def _parse(line: object, number: int, limits: Limits) -> dict[str, Any] | LineProblem:
    """The line's JSON object, or the problem that keeps it from being one.

    Each line goes through the document limits (size, depth, items, string lengths).
    """
    if not isinstance(line, bytes | str):
        message = f"expected a line of text, got {type(line).__name__}"
        return LineProblem(line=number, path="$", message=message, code="wrong-type")
    try:
        record = parse_json(line, limits)
    except DocumentError as exc:
        return LineProblem(line=number, path=exc.path or "$", message=exc.message, code=exc.code)
    if type(record) is not dict:
        return LineProblem(line=number, path="$", message="expected an object", code="wrong-type")
    return record


def _blank(line: object) -> bool:
    """Whether *line* is text holding only white space (anything else is parsed, and refused)."""
    return isinstance(line, bytes | str) and not line.strip()


def _line_problems(
    exc: StructureError, number: int, lines: list[int] | None, records: str = "assessments"
) -> list[LineProblem]:
    """Map a group's problems (``$.assessments[i]...``, ``$.rows[i]...``) to their lines."""
    found = []
    prefix = f"$.{records}["
    for problem in exc.problems:
        path, line = problem.path, number
        if lines is not None and path.startswith(prefix):
            index, _, rest = path.removeprefix(prefix).partition("]")
            if index.isdigit() and int(index) < len(lines):
                line, path = lines[int(index)], "$" + rest
        found.append(
            LineProblem(
                line=line,
                path=path,
                message=problem.message,
                code=problem.code,
                details=problem.details,
            )
        )
    return found


class ScoringStream:
    """Read a scoring stream group by group (see the module's description of the format).

    Args:
        lines: The stream's lines (an open binary file works), each one JSON record.
        on_error: ``"raise"`` refuses the stream at its first bad line or group;
            ``"skip"`` leaves bad lines and groups out, keeps the problems in
            :attr:`problems` and goes on.

    Raises:
        StreamError: the header is missing or invalid (whatever *on_error* says: no group
            can be read without its schemes).
    """

    def __init__(
        self,
        lines: Iterable[bytes | str],
        *,
        on_error: Literal["raise", "skip"] = "raise",
        limits: Limits = DEFAULT_LIMITS,
    ) -> None:
        if on_error not in ("raise", "skip"):
            msg = f"on_error must be 'raise' or 'skip', not {on_error!r}"
            raise ValueError(msg)
        self.on_error = on_error
        self.limits = limits
        self.problems: list[LineProblem] = []
        self._lines = enumerate(lines, start=1)
        self.schemes: dict[str, Scheme] = {}
        self.illustrative: bool = False
        self._read_header()

    def _read_header(self) -> None:
        number, line = next(self._lines, (1, b""))
        if not line:
            empty = LineProblem(line=1, path="$", message="the stream is empty", code="empty")
            raise StreamError([empty])
        record = _parse(line, number, self.limits)
        if isinstance(record, LineProblem):
            raise StreamError([record])
        # Older minor versions of the same major version are read as they are.
        version = record.get("schema_version")
        major = SCHEMA_VERSION.split(".")[0]
        readable = version == SCHEMA_VERSION or (
            isinstance(version, str)
            and version.split(".")[0] == major
            and version == "1.0"  # the minor version before SCHEMA_VERSION
        )
        if record.get("kind") != STREAM_KIND or not readable:
            msg = (
                f'expected a header {{"kind": "{STREAM_KIND}", "schema_version":'
                f' "{SCHEMA_VERSION}", "schemes": [...]}}'
            )
            raise StreamError([LineProblem(line=number, path="$", message=msg, code="header")])
        extra = set(record) - {"kind", "schema_version", "schemes", "illustrative", "note"}
        if extra:
            raise StreamError(
                [
                    LineProblem(
                        line=number,
                        path=f"$.{min(extra)}",
                        message="unknown key",
                        code="unknown-key",
                    )
                ]
            )
        try:
            schemes = structure(record.get("schemes"), tuple[Scheme, ...])
        except StructureError as exc:
            problems = [
                LineProblem(
                    line=number,
                    path=p.path.replace("$", "$.schemes", 1),
                    message=p.message,
                    code=p.code,
                )
                for p in exc.problems
            ]
            raise StreamError(problems) from None
        self.schemes = {scheme.code: scheme for scheme in schemes}
        self.illustrative = record.get("illustrative") is True

    def _fail(self, problems: list[LineProblem]) -> None:
        if self.on_error == "raise":
            raise StreamError(problems)
        self.problems.extend(problems)

    def groups(self) -> Iterator[tuple[str, int, Scheme, ScoringSheet | CompactSheet]]:
        """Each valid group: its code, its opening line, its scheme and its sheet.

        A group in the compact form gives a :class:`~thidua.scoring._compact.CompactSheet`.

        Raises:
            StreamError: with ``on_error="raise"``, at the first bad line or group.
        """
        header: dict[str, Any] | None = None
        opened = 0
        records: list[dict[str, Any]] = []
        numbers: list[int] = []
        closed: set[str] = set()
        for number, line in self._lines:
            if _blank(line):
                continue
            record = _parse(line, number, self.limits)
            if isinstance(record, LineProblem):
                self._fail([record])
                continue
            group = record.get("group")
            if "units" in record:
                if header is not None:
                    yield from self._build(header, opened, records, numbers)
                    closed.add(header["group"])
                header, opened, records, numbers = None, number, [], []
                if type(group) is not str or group in closed:
                    msg = (
                        "a group line needs a string 'group'"
                        if type(group) is not str
                        else f"group {group!r} appears twice: a group's lines are contiguous"
                    )
                    self._fail(
                        [
                            LineProblem(
                                line=number,
                                path="$.group",
                                message=msg,
                                code="not-contiguous" if type(group) is str else "wrong-type",
                            )
                        ]
                    )
                    continue
                header = record
                continue
            if header is None or group != header["group"]:
                msg = (
                    f"assessment of group {group!r} outside its group (the group line"
                    " comes first and a group's lines are contiguous)"
                )
                self._fail(
                    [LineProblem(line=number, path="$.group", message=msg, code="not-contiguous")]
                )
                continue
            if len(records) >= self.limits.max_items:
                msg = f"a group of more than {self.limits.max_items} assessment lines"
                self._fail([LineProblem(line=number, path="$", message=msg, code="too-many-items")])
                continue
            del record["group"]
            records.append(record)
            numbers.append(number)
        if header is not None:
            yield from self._build(header, opened, records, numbers)

    def _build(
        self,
        header: dict[str, Any],
        number: int,
        records: list[dict[str, Any]],
        numbers: list[int],
    ) -> Iterator[tuple[str, int, Scheme, ScoringSheet | CompactSheet]]:
        body = {k: v for k, v in header.items() if k != "group"}
        compact = "criteria" in header
        extra = set(header) - (_COMPACT_GROUP_KEYS if compact else _GROUP_KEYS)
        if extra:
            self._fail(
                [
                    LineProblem(
                        line=number,
                        path=f"$.{min(extra)}",
                        message="unknown key",
                        code="unknown-key",
                    )
                ]
            )
            return
        code = body.get("scheme")
        scheme = self.schemes.get(code) if type(code) is str else None
        if scheme is None:
            msg = f"no scheme in the header has the code {body.get('scheme')!r}"
            self._fail(
                [LineProblem(line=number, path="$.scheme", message=msg, code="unknown-scheme")]
            )
            return
        kind = "rows" if compact else "assessments"
        for attempt in range(2):
            try:
                sheet: ScoringSheet | CompactSheet
                if compact:
                    sheet = read_compact_sheet({**body, "rows": records}, self.schemes)
                else:
                    sheet = structure({**body, "assessments": records}, ScoringSheet)
                    check_sheet(scheme, sheet)
            except StructureError as exc:
                problems = _line_problems(exc, number, numbers)
            except InvalidModelError as exc:
                problem = Problem(
                    exc.message,
                    path=f"$.{exc.path}" if exc.path else "$",
                    code=exc.code,
                    details=exc.details,
                )
                problems = _line_problems(StructureError("sheet", [problem]), number, numbers, kind)
            else:
                yield header["group"], number, scheme, sheet
                return
            self._fail(problems)
            # Skipping: leave the bad assessment lines out and try the group once more.
            bad = {p.line for p in problems}
            if attempt or number in bad or not bad & set(numbers):
                return
            kept = [(r, n) for r, n in zip(records, numbers, strict=True) if n not in bad]
            records, numbers = [r for r, _ in kept], [n for _, n in kept]

    def score(self, *, trace: bool = False) -> Iterator[GroupResults]:
        """Score each valid group in turn, ranked within the group.

        Raises:
            StreamError: with ``on_error="raise"``, at the first bad line or group.
        """
        for group, number, scheme, sheet in self.groups():
            if isinstance(sheet, CompactSheet):
                results = score_compact(scheme, sheet, trace=trace)
            else:
                results = score(scheme, sheet, trace=trace)
            yield GroupResults(group=group, line=number, results=results)


def score_stream(
    lines: Iterable[bytes | str],
    *,
    on_error: Literal["raise", "skip"] = "raise",
    limits: Limits = DEFAULT_LIMITS,
) -> Iterator[GroupResults]:
    """Score a stream group by group (shorthand for ``ScoringStream(...).score()``)."""
    return ScoringStream(lines, on_error=on_error, limits=limits).score()


def write_stream(
    out: IO[bytes],
    schemes: Iterable[Scheme],
    groups: Iterable[tuple[str, ScoringSheet | CompactSheet]],
) -> None:
    """Write schemes and groups' sheets as a scoring stream.

    Args:
        out: A binary file.
        schemes: The schemes the groups are scored against.
        groups: Each group's code and sheet, in the order to write them; a compact sheet
            is written in the compact form (its criteria on the group line, one row a line).
    """
    header = {
        "kind": STREAM_KIND,
        "schema_version": SCHEMA_VERSION,
        "schemes": [unstructure(s) for s in schemes],
    }
    out.write(orjson.dumps(header) + b"\n")
    for group, sheet in groups:
        if isinstance(sheet, CompactSheet):
            body = compact_sheet_data(sheet)
            records = body.pop("rows")
        else:
            body = unstructure(sheet)
            records = body.pop("assessments")
        out.write(orjson.dumps({"group": group, **body}) + b"\n")
        for record in records:
            out.write(orjson.dumps({"group": group, **record}) + b"\n")


# ---------------------------------------------------------------------------- results


@attrs.frozen(kw_only=True)
class ResultRecord:
    """One unit's result in one group, as a line of a results file.

    The fields are those of :class:`~thidua.scoring.UnitResult` plus the group, year and
    scheme; the trace is kept only when it was asked for, and then it adds up exactly to
    the total.

    Args:
        group: The group's code.
        year: The year scored.
        scheme: The scheme's code.
        unit: The unit's code.
        name: The unit's name.
        rank: Its rank within the group.
        tied: Whether it shares that rank.
        total: Its total.
        classification: Its band's label, or ``None``.
        band: Its band's code, or ``None``.
        base: The criteria's points after section caps and rounding.
        bonus_total: The bonus points counted.
        penalty_total: The penalty points deducted.
        subtotals: Each section's subtotal, in table order.
        knockouts: The knockout rules that apply.
        barred_from: What the knockouts bar the unit from.
        trace: The trace, or ``()`` when it was not written.
    """

    group: str = attrs.field(validator=code_validator)
    year: int
    scheme: str = attrs.field(validator=code_validator)
    unit: str = attrs.field(validator=code_validator)
    name: str = attrs.field(converter=nfc)
    rank: int
    tied: bool
    total: Decimal
    classification: str | None = None
    band: str | None = None
    base: Decimal
    bonus_total: Decimal
    penalty_total: Decimal
    subtotals: tuple[Subtotal, ...] = ()
    knockouts: tuple[str, ...] = ()
    barred_from: tuple[Bar, ...] = ()
    trace: tuple[TraceLine, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.rank < 1:
            raise InvalidModelError("ranks start at 1", path="rank", code="out-of-range")
        if self.trace:
            check_trace(self.trace, self.total)


def write_results(groups: Iterable[GroupResults], out: IO[bytes], *, trace: bool = False) -> int:
    """Write each unit's result a line, as :class:`ResultRecord` fields.

    Args:
        groups: Groups' results, as :meth:`ScoringStream.score` yields them.
        out: A binary file.
        trace: Keep each result's trace (off by default: totals, subtotals and ranks
            are what a national file is for; the trace is there on demand).

    Returns:
        The number of lines written.
    """
    written = 0
    for group in groups:
        for unit in group.results.units:
            # Without the trace, its lines are never built (the engine defers them).
            fields = {f.name: getattr(unit, f.name) for f in attrs.fields(UnitResult)}
            fields["trace"] = tuple(unit.trace) if trace else ()
            record = ResultRecord(
                group=group.group, year=group.results.year, scheme=group.results.scheme, **fields
            )
            line = unstructure(record)
            if not trace:
                del line["trace"]
            out.write(orjson.dumps(line, option=orjson.OPT_SORT_KEYS) + b"\n")
            written += 1
    return written


def read_results(
    lines: Iterable[bytes | str], *, limits: Limits = DEFAULT_LIMITS
) -> Iterator[ResultRecord]:
    """Read a results file back, one :class:`ResultRecord` a line, each within *limits*.

    Raises:
        StreamError: a line is not a valid result (its number and path are given).
    """
    for number, line in enumerate(lines, start=1):
        if _blank(line):
            continue
        record = _parse(line, number, limits)
        if isinstance(record, LineProblem):
            raise StreamError([record])
        try:
            yield structure(record, ResultRecord)
        except StructureError as exc:
            raise StreamError(_line_problems(exc, number, None)) from None


@attrs.frozen(kw_only=True)
class NationalRank:
    """A unit's place in a ranking across groups.

    Args:
        rank: Its rank (1 is first; tied units share a rank, the next rank skips).
        tied: Whether another unit has the same total.
        group: Its group.
        unit: Its code.
        name: Its name.
        total: Its total.
    """

    rank: int
    tied: bool
    group: str
    unit: str
    name: str
    total: Decimal


def rank_across(records: Iterable[ResultRecord]) -> tuple[NationalRank, ...]:
    """Rank units across groups by total, highest first (second pass over results).

    Only each unit's group, code, name and total are kept, so memory grows with the
    number of units, not of scores. Ties share a rank; tied units are listed by group
    then unit code.
    """
    rows = sorted(
        ((r.total, r.group, r.unit, r.name) for r in records),
        key=lambda row: (-row[0], row[1], row[2]),
    )
    ranked: list[NationalRank] = []
    for index, (total, group, unit, name) in enumerate(rows):
        rank = ranked[-1].rank if ranked and ranked[-1].total == total else index + 1
        tied = (index > 0 and rows[index - 1][0] == total) or (
            index + 1 < len(rows) and rows[index + 1][0] == total
        )
        ranked.append(
            NationalRank(rank=rank, tied=tied, group=group, unit=unit, name=name, total=total)
        )
    return tuple(ranked)


_CSV_COLUMNS: Final = (
    "group",
    "year",
    "scheme",
    "rank",
    "tied",
    "unit",
    "name",
    "total",
    "band",
    "classification",
    "base",
    "bonus_total",
    "penalty_total",
)


def write_csv(records: Iterable[ResultRecord], out: IO[str]) -> int:
    """Export results as CSV: one row a unit, one column per section subtotal.

    Decimals are written as exact digits (``"912.5"``), never as binary floats; the
    section columns (``section I``, ...) follow the first record's sections. Text a
    spreadsheet would run as a formula (a name, band or class starting with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return) is written behind a single quote.

    Args:
        records: The results, as :func:`read_results` yields them.
        out: A text file opened with ``newline=""``.

    Returns:
        The number of rows written, the header excluded.

    Raises:
        ValueError: a record's sections differ from the first record's.
    """
    writer = csv.writer(out)
    sections: tuple[str, ...] | None = None
    rows = 0
    for record in records:
        result = record
        codes = tuple(s.section for s in result.subtotals)
        if sections is None:
            sections = codes
            writer.writerow([*_CSV_COLUMNS, *(f"section {c}" for c in sections)])
        elif codes != sections:
            msg = (
                f"unit {result.unit} of group {record.group} has sections {codes},"
                f" not {sections}: export results of one scheme at a time"
            )
            raise ValueError(msg)
        writer.writerow(
            [
                neutralise(record.group),
                record.year,
                neutralise(record.scheme),
                result.rank,
                "true" if result.tied else "false",
                neutralise(result.unit),
                neutralise(result.name),
                format(result.total, "f"),
                neutralise(result.band or ""),
                neutralise(result.classification or ""),
                format(result.base, "f"),
                format(result.bonus_total, "f"),
                format(result.penalty_total, "f"),
                *(format(s.points, "f") for s in result.subtotals),
            ]
        )
        rows += 1
    return rows
