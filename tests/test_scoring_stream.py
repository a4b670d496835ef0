"""Scoring streams: JSON Lines read group by group, results files, cross-group ranks, CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from decimal import Decimal
from importlib.resources import files

import orjson
import pytest

from thidua.errors import StreamError
from thidua.scoring import Scoring, score
from thidua.serialization import loads, structure
from thidua.serialization._compact import to_compact
from thidua.serialization.stream import (
    GroupResults,
    ResultRecord,
    ScoringStream,
    rank_across,
    read_results,
    score_stream,
    write_csv,
    write_results,
    write_stream,
)


def example() -> Scoring:
    """The illustrative Cluster No. 1 scoring file (two years, five units)."""
    raw = files("thidua.examples").joinpath("cluster1_2019_2020_scoring.json").read_bytes()
    return loads(raw, Scoring)


def stream_lines() -> list[bytes]:
    """Two groups: CUM-1 (line 2, assessments on lines 3-52) and CUM-2 (line 53 on)."""
    scoring = example()
    out = io.BytesIO()
    write_stream(out, scoring.schemes, [("CUM-1", scoring.sheets[0]), ("CUM-2", scoring.sheets[1])])
    return out.getvalue().splitlines(keepends=True)


def edit(lines: list[bytes], number: int, change: dict[str, object]) -> list[bytes]:
    """Lines with line *number* (from 1) updated by *change* (nested by dotted keys)."""
    record = orjson.loads(lines[number - 1])
    for key, value in change.items():
        target = record
        *parents, last = key.split(".")
        for parent in parents:
            target = target[parent]
        target[last] = value
    copy = list(lines)
    copy[number - 1] = orjson.dumps(record) + b"\n"
    return copy


def test_groups_round_trip() -> None:
    """Each group is read back as the sheet that was written, with its scheme."""
    scoring = example()
    groups = list(ScoringStream(stream_lines()).groups())
    assert [(g, line) for g, line, _, _ in groups] == [("CUM-1", 2), ("CUM-2", 53)]
    assert [sheet for _, _, _, sheet in groups] == list(scoring.sheets)
    assert all(scheme is groups[0][2] for _, _, scheme, _ in groups)


def test_scores_match_whole_document() -> None:
    """Scoring group by group gives exactly what scoring each sheet whole gives."""
    scoring = example()
    results = list(score_stream(stream_lines()))
    expected = [score(scoring.scheme_for(s), s) for s in scoring.sheets]
    assert [r.results for r in results] == expected
    assert [r.group for r in results] == ["CUM-1", "CUM-2"]


def test_groups_are_read_lazily() -> None:
    """The first group is yielded before the rest of the file is read (bounded memory)."""
    lines = stream_lines()

    def source() -> Iterator[bytes]:
        yield from lines[:53]  # header, CUM-1 and the line opening CUM-2
        raise RuntimeError("read too far")

    groups = ScoringStream(source()).groups()
    assert next(groups)[0] == "CUM-1"
    with pytest.raises(RuntimeError, match="read too far"):
        next(groups)


def test_bad_json_line_refused_with_its_number() -> None:
    """A line that is not JSON stops the stream, naming the line."""
    lines = stream_lines()
    lines[9] = b"{not json\n"
    with pytest.raises(StreamError) as info:
        list(score_stream(lines))
    (problem,) = info.value.lines
    assert (problem.line, problem.path, problem.code) == (10, "$", "invalid-json")
    assert str(problem).startswith("line 10: $: not valid JSON")
    assert info.value.problems[0].path == "line 10: $"


def test_line_that_is_not_an_object() -> None:
    """A JSON array line is reported as the wrong type."""
    lines = stream_lines()
    lines[60] = b"[1, 2]\n"
    with pytest.raises(StreamError) as info:
        list(score_stream(lines))
    assert [(p.line, p.code) for p in info.value.lines] == [(61, "wrong-type")]


def test_bad_assessment_names_line_and_path() -> None:
    """A share above 100 % is reported at its own line with its path inside the record."""
    lines = edit(stream_lines(), 3, {"input.percent": "101"})
    with pytest.raises(StreamError) as info:
        list(score_stream(lines))
    (problem,) = info.value.lines
    assert (problem.line, problem.path, problem.code) == (3, "$.input.percent", "out-of-range")


def test_sheet_check_names_line() -> None:
    """A problem found against the scheme (unknown item) names the assessment's line."""
    lines = edit(stream_lines(), 7, {"item": "KHONG-CO"})
    with pytest.raises(StreamError) as info:
        list(score_stream(lines))
    (problem,) = info.value.lines
    assert (problem.line, problem.path, problem.code) == (7, "$.item", "unknown-item")


def test_skip_goes_on_after_bad_lines() -> None:
    """With on_error="skip", bad lines are reported and the other group is still scored."""
    lines = stream_lines()
    lines[9] = b"{not json\n"
    reader = ScoringStream(lines, on_error="skip")
    results = list(reader.score())
    # CUM-1 lost an assessment, so it is incomplete and left out; CUM-2 is scored.
    assert [r.group for r in results] == ["CUM-2"]
    assert [(p.line, p.code) for p in reader.problems] == [(10, "invalid-json"), (2, "incomplete")]


def test_skip_drops_bad_line_and_keeps_a_complete_group() -> None:
    """A bad duplicate line is left out and its group, still complete, is scored."""
    lines = stream_lines()
    duplicate = edit(lines, 3, {"input.percent": "101"})[2]
    lines.insert(52, duplicate)  # a 51st assessment at the end of CUM-1, out of range
    reader = ScoringStream(lines, on_error="skip")
    results = list(reader.score())
    assert [r.group for r in results] == ["CUM-1", "CUM-2"]
    assert [(p.line, p.path, p.code) for p in reader.problems] == [
        (53, "$.input.percent", "out-of-range")
    ]
    assert results[0].results == score(example().schemes[0], example().sheets[0])


def test_group_not_contiguous() -> None:
    """A group's records after another group has opened are refused."""
    lines = stream_lines()
    moved = lines.pop(5)  # an assessment of CUM-1 ...
    lines.append(moved)  # ... after CUM-2's lines
    reader = ScoringStream(lines, on_error="skip")
    assert [r.group for r in reader.score()] == ["CUM-2"]
    assert [(p.line, p.path, p.code) for p in reader.problems] == [
        (2, "$.assessments", "incomplete"),
        (103, "$.group", "not-contiguous"),
    ]


def test_group_opened_twice() -> None:
    """A group line that reopens a closed group is refused."""
    lines = stream_lines()
    lines.append(edit(lines, 53, {"group": "CUM-1"})[52])
    reader = ScoringStream(lines, on_error="skip")
    assert [r.group for r in reader.score()] == ["CUM-1", "CUM-2"]
    assert [(p.line, p.code) for p in reader.problems] == [(104, "not-contiguous")]


def test_group_line_needs_a_string_group() -> None:
    """A group line without a string group code is the wrong type; its lines are refused."""
    lines = edit(stream_lines(), 53, {"group": 7})
    reader = ScoringStream(lines, on_error="skip")
    assert [r.group for r in reader.score()] == ["CUM-1"]
    assert reader.problems[0].code == "wrong-type"
    assert reader.problems[0].line == 53
    assert {p.code for p in reader.problems[1:]} == {"not-contiguous"}


def test_assessment_before_any_group() -> None:
    """An assessment line before the first group line is refused."""
    lines = stream_lines()
    lines.insert(1, lines[2])
    with pytest.raises(StreamError) as info:
        list(score_stream(lines))
    assert [(p.line, p.code) for p in info.value.lines] == [(2, "not-contiguous")]


def test_unknown_scheme_and_unknown_key() -> None:
    """A group naming no header scheme, or carrying an unknown key, is reported."""
    lines = edit(stream_lines(), 2, {"scheme": "KHAC"})
    lines = edit(lines, 53, {"extra": 1})
    reader = ScoringStream(lines, on_error="skip")
    assert list(reader.score()) == []
    assert [(p.line, p.path, p.code) for p in reader.problems] == [
        (2, "$.scheme", "unknown-scheme"),
        (53, "$.extra", "unknown-key"),
    ]


def test_group_line_problem_points_at_group_line() -> None:
    """A problem in the group line itself (bad year) is reported at that line."""
    lines = edit(stream_lines(), 2, {"year": "2019"})
    with pytest.raises(StreamError) as info:
        list(score_stream(lines))
    assert [(p.line, p.path, p.code) for p in info.value.lines] == [(2, "$.year", "wrong-type")]


def test_blank_lines_are_ignored() -> None:
    """Blank lines between records are allowed."""
    lines = stream_lines()
    lines.insert(10, b"\n")
    assert [r.group for r in score_stream(lines)] == ["CUM-1", "CUM-2"]


@pytest.mark.parametrize(
    ("header", "code"),
    [
        (b"", "empty"),
        (b"{oops\n", "invalid-json"),
        (b'{"kind": "scoring", "schema_version": "1.0"}\n', "header"),
        (
            b'{"kind": "scoring-stream", "schema_version": "1.0", "schemes": [], "x": 1}\n',
            "unknown-key",
        ),
        (b'{"kind": "scoring-stream", "schema_version": "1.0", "schemes": 3}\n', "wrong-type"),
    ],
)
def test_bad_header_refuses_the_stream(header: bytes, code: str) -> None:
    """No group can be read without a valid header, even when skipping."""
    lines = [header] if header else []
    with pytest.raises(StreamError) as info:
        ScoringStream(lines, on_error="skip")
    assert [(p.line, p.code) for p in info.value.lines] == [(1, code)]


def test_header_scheme_problem_has_its_path() -> None:
    """A problem inside a header scheme keeps its JSON path under $.schemes."""
    lines = edit(stream_lines(), 1, {"schemes": [{"code": "X"}]})
    with pytest.raises(StreamError) as info:
        ScoringStream(lines)
    assert all(p.line == 1 and p.path.startswith("$.schemes[0]") for p in info.value.lines)


def test_on_error_must_be_known() -> None:
    """on_error accepts only "raise" and "skip"."""
    with pytest.raises(ValueError, match="on_error"):
        ScoringStream(stream_lines(), on_error="ignore")  # type: ignore[arg-type]


def results_file(*, trace: bool = False) -> bytes:
    """The example's two groups scored and written as a results file."""
    out = io.BytesIO()
    assert write_results(ScoringStream(stream_lines()).score(trace=trace), out, trace=trace) == 10
    return out.getvalue()


def test_results_round_trip_without_trace() -> None:
    """Results read back carry each unit's figures; the trace is off by default."""
    records = list(read_results(results_file().splitlines()))
    expected = score_stream(stream_lines())
    first: GroupResults = next(expected)
    unit = first.results.units[0]
    assert records[0] == ResultRecord(
        group="CUM-1",
        year=first.results.year,
        scheme=first.results.scheme,
        unit=unit.unit,
        name=unit.name,
        rank=unit.rank,
        tied=unit.tied,
        total=unit.total,
        classification=unit.classification,
        band=unit.band,
        base=unit.base,
        bonus_total=unit.bonus_total,
        penalty_total=unit.penalty_total,
        subtotals=unit.subtotals,
        knockouts=unit.knockouts,
        barred_from=unit.barred_from,
    )


def test_results_keep_trace_on_demand() -> None:
    """With trace=True each line keeps the trace, which adds up to the total."""
    records = list(read_results(results_file(trace=True).splitlines()))
    assert all(sum(line.points for line in r.trace) == r.total for r in records)
    assert all(r.trace for r in records)


def test_result_trace_must_add_up() -> None:
    """A results line whose trace does not add up is refused at its line."""
    lines = results_file(trace=True).splitlines()
    lines[1] = edit([lines[1]], 1, {"total": "1"})[0]
    with pytest.raises(StreamError) as info:
        list(read_results([b"\n", *lines]))
    assert [(p.line, p.path, p.code) for p in info.value.lines] == [
        (3, "$.trace", "trace-mismatch")
    ]


def test_result_rank_starts_at_one() -> None:
    """A rank below 1 is out of range."""
    line = edit(results_file().splitlines()[:1], 1, {"rank": 0})
    with pytest.raises(StreamError) as info:
        list(read_results(line))
    assert [(p.path, p.code) for p in info.value.lines] == [("$.rank", "out-of-range")]


def test_results_bad_json() -> None:
    """A results line that is not JSON is reported with its number."""
    with pytest.raises(StreamError) as info:
        list(read_results([b"{"]))
    assert [(p.line, p.code) for p in info.value.lines] == [(1, "invalid-json")]


def test_rank_across_groups() -> None:
    """The cross-group ranking orders by total; equal totals share a rank."""
    records = list(read_results(results_file().splitlines()))
    ranked = rank_across(records)
    totals = [r.total for r in ranked]
    assert totals == sorted(totals, reverse=True)
    assert len(ranked) == 10
    for _index, row in enumerate(ranked):
        first = next(i for i, r in enumerate(ranked) if r.total == row.total)
        assert row.rank == first + 1
        assert row.tied == (sum(r.total == row.total for r in ranked) > 1)


def test_rank_across_ties_share_and_skip() -> None:
    """Two units on the same total share rank 1 and the next is 3."""
    base = next(read_results(results_file().splitlines()))

    def record(group: str, unit: str, total: str) -> ResultRecord:
        data = orjson.loads(
            orjson.dumps({**_plain(base), "group": group, "unit": unit, "total": total})
        )
        return structure(data, ResultRecord)

    ranked = rank_across([record("B", "X", "90"), record("A", "Y", "95"), record("A", "Z", "95")])
    assert [(r.rank, r.tied, r.group, r.unit) for r in ranked] == [
        (1, True, "A", "Y"),
        (1, True, "A", "Z"),
        (3, False, "B", "X"),
    ]
    assert ranked[2].total == Decimal(90)


def _plain(record: ResultRecord) -> dict[str, object]:
    from thidua.serialization import unstructure  # noqa: PLC0415

    data: dict[str, object] = unstructure(record)
    return data


def test_csv_export() -> None:
    """CSV has one row per unit, exact decimals, and a column per section."""
    records = list(read_results(results_file().splitlines()))
    out = io.StringIO(newline="")
    assert write_csv(records, out) == 10
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    header, first = rows[0], rows[1]
    assert header[:8] == ["group", "year", "scheme", "rank", "tied", "unit", "name", "total"]
    assert [h for h in header if h.startswith("section ")] == [
        f"section {s.section}" for s in records[0].subtotals
    ]
    assert first[0] == "CUM-1"
    assert first[7] == format(records[0].total, "f")
    assert first[4] in {"true", "false"}
    assert len(rows) == 11


def test_csv_refuses_mixed_sections() -> None:
    """Results of schemes with different sections cannot share one CSV."""
    records = list(read_results(results_file().splitlines()))
    other = structure({**_plain(records[1]), "subtotals": []}, ResultRecord)
    with pytest.raises(ValueError, match="one scheme at a time"):
        write_csv([records[0], other], io.StringIO())


# -- groups in the compact form ---------------------------------------------------------------


def compact_lines() -> list[bytes]:
    """The same two groups in the compact form: CUM-1 (line 2, rows on lines 3-14), CUM-2."""
    compact = to_compact(example())
    out = io.BytesIO()
    write_stream(out, compact.schemes, [("CUM-1", compact.sheets[0]), ("CUM-2", compact.sheets[1])])
    return out.getvalue().splitlines(keepends=True)


def test_compact_groups_round_trip_and_score_as_rows() -> None:
    compact = to_compact(example())
    lines = compact_lines()
    group_line = orjson.loads(lines[1])
    assert group_line["criteria"][:3] == ["I.1", "I.2", "II.1"]
    assert orjson.loads(lines[2])["values"][:3] == [95, True, 86]
    groups = list(ScoringStream(lines).groups())
    assert [(g, line) for g, line, _, _ in groups] == [("CUM-1", 2), ("CUM-2", 15)]
    assert [sheet for _, _, _, sheet in groups] == list(compact.sheets)
    scoring = example()
    expected = [score(scoring.scheme_for(s), s) for s in scoring.sheets]
    assert [r.results for r in score_stream(lines)] == expected


def test_compact_row_problem_names_its_line_and_value() -> None:
    lines = edit(
        compact_lines(), 3, {"values": [101, *orjson.loads(compact_lines()[2])["values"][1:]]}
    )
    with pytest.raises(StreamError) as info:
        list(score_stream(lines))
    (problem,) = info.value.lines
    assert (problem.line, problem.path, problem.code) == (3, "$.values[0]", "out-of-range")


def test_compact_group_line_keys_are_checked() -> None:
    lines = edit(compact_lines(), 2, {"scales": 2})
    with pytest.raises(StreamError) as info:
        list(score_stream(lines))
    (problem,) = info.value.lines
    assert (problem.line, problem.path, problem.code) == (2, "$.scales", "unknown-key")


def test_compact_skip_leaves_out_a_bad_row_and_goes_on() -> None:
    lines = compact_lines()
    lines[2] = b"{not json\n"
    reader = ScoringStream(lines, on_error="skip")
    assert [r.group for r in reader.score()] == ["CUM-2"]
    assert [(p.line, p.code) for p in reader.problems] == [(3, "invalid-json"), (2, "incomplete")]
