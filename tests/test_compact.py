"""The compact sheet form: wire checks, byte-exact conversion both ways, exact scoring."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings

from thidua.cli import main
from thidua.errors import StructureError
from thidua.scoring import Scoring, score_all
from thidua.scoring._compact import score_compact
from thidua.serialization import dumps, loads
from thidua.serialization._compact import (
    convert,
    dumps_compact,
    loads_compact,
    to_compact,
    to_rows,
)
from thidua.strategies import scoring_files

DATA = Path(__file__).parent / "data_compact"
ROWS = (DATA / "scoring_rows.json").read_bytes()
COMPACT = (DATA / "scoring_compact.json").read_bytes()


def test_golden_rows_to_compact_is_byte_exact() -> None:
    assert convert(ROWS, "compact") == COMPACT


def test_golden_compact_to_rows_is_byte_exact() -> None:
    assert convert(COMPACT, "rows") == ROWS


def test_same_form_is_unchanged() -> None:
    assert convert(COMPACT, "compact") == COMPACT
    assert convert(ROWS, "rows") == ROWS


def test_compact_lists_criteria_once() -> None:
    data = orjson.loads(COMPACT)
    sheet = data["sheets"][0]
    assert sheet["scale"] == 0
    assert sheet["criteria"][:3] == ["I.1", "I.2", "II.1"]
    first = sheet["rows"][0]
    assert (first["unit"], first["layer"], first["assessor"]) == ("HN", "self", "HN")
    assert first["values"][:3] == [95, True, 86]
    assert first["notes"] == {"I.2": {"bonus": "1", "comment": None, "date": None, "evidence": []}}
    assert len(COMPACT) < len(ROWS) // 2


def _bad(mutate: Any) -> list[tuple[str, str]]:
    data = orjson.loads(COMPACT)
    mutate(data["sheets"][0])
    with pytest.raises(StructureError) as caught:
        loads_compact(orjson.dumps(data))
    return [(p.path, p.code) for p in caught.value.problems]


def test_wrong_json_type_names_row_and_criterion() -> None:
    def mutate(sheet: dict[str, Any]) -> None:
        sheet["rows"][3]["values"][1] = "yes"

    assert _bad(mutate) == [("$.sheets[0].rows[3].values[1]", "wrong-type")]


def test_out_of_range_names_row_and_criterion() -> None:
    def mutate(sheet: dict[str, Any]) -> None:
        sheet["rows"][2]["values"][0] = 150  # a share of 150 %

    assert _bad(mutate) == [("$.sheets[0].rows[2].values[0]", "out-of-range")]


def test_float_is_refused() -> None:
    def mutate(sheet: dict[str, Any]) -> None:
        sheet["rows"][0]["values"][0] = 9.5

    assert _bad(mutate) == [("$.sheets[0].rows[0].values[0]", "unquoted-decimal")]


def test_incomplete_sheet_is_refused() -> None:
    def mutate(sheet: dict[str, Any]) -> None:
        sheet["rows"][0]["values"][0] = None

    assert _bad(mutate) == [("$.sheets[0].rows", "incomplete")]


def test_wrong_width_and_unknown_key() -> None:
    def short(sheet: dict[str, Any]) -> None:
        sheet["rows"][1]["values"].pop()

    assert _bad(short) == [("$.sheets[0].rows[1].values", "inconsistent")]

    def extra(sheet: dict[str, Any]) -> None:
        sheet["rows"][1]["extra"] = 1

    assert _bad(extra) == [("$.sheets[0].rows[1].extra", "unknown-key")]


def test_unknown_criterion_and_duplicate_row() -> None:
    def unknown(sheet: dict[str, Any]) -> None:
        sheet["criteria"][2] = "X.9"

    assert _bad(unknown) == [("$.sheets[0].criteria[2]", "unknown-item")]

    def twice(sheet: dict[str, Any]) -> None:
        sheet["rows"].append(sheet["rows"][0])

    problems = _bad(twice)
    assert problems[0][1] == "duplicate-assessment"
    assert problems[0][0].startswith("$.sheets[0].rows[")


def test_scaled_integers_keep_their_digits() -> None:
    data = orjson.loads(COMPACT)
    sheet = data["sheets"][0]
    sheet["scale"] = 2
    sheet["rows"][0]["values"][0] = 9550  # 95.50 %
    compact = loads_compact(orjson.dumps(data))
    rows = to_rows(compact)
    first = rows.sheets[0].assessments[0]
    assert str(first.input) == "ShareInput(percent=Decimal('95.50'))"


def test_compact_scores_like_rows_on_the_example_with_traces() -> None:
    compact = loads_compact(COMPACT)
    expected = score_all(loads(ROWS, Scoring), trace=True)
    for sheet, year in zip(
        sorted(compact.sheets, key=lambda s: s.year), expected.years, strict=True
    ):
        assert score_compact(compact.scheme_for(sheet), sheet, trace=True) == year
        fast = score_compact(compact.scheme_for(sheet), sheet)
        assert [(u.unit, u.total, u.rank) for u in fast.units] == [
            (u.unit, u.total, u.rank) for u in year.units
        ]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scoring_files(peers=True, plain=True))
def test_compact_and_row_forms_give_identical_results(scoring: Scoring) -> None:
    compact = to_compact(scoring, reorder=True)
    expected = score_all(scoring)
    traced = score_all(scoring, trace=True)
    for sheet, year, year_traced in zip(compact.sheets, expected.years, traced.years, strict=True):
        scheme = compact.scheme_for(sheet)
        assert score_compact(scheme, sheet) == year
        assert score_compact(scheme, sheet, trace=True) == year_traced


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scoring_files(plain=True))
def test_conversion_round_trips_byte_exactly(scoring: Scoring) -> None:
    compact = to_compact(scoring, reorder=True)
    written = dumps_compact(compact)
    assert loads_compact(written) == compact
    rows = dumps(to_rows(compact))
    assert convert(rows, "compact") == written
    assert convert(written, "rows") == rows


def test_cli_convert_both_ways(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    source = tmp_path / "rows.json"
    source.write_bytes(ROWS)
    target = tmp_path / "compact.json"
    assert main(["convert", str(source), "--to", "compact", "-o", str(target)]) == 0
    assert target.read_bytes() == COMPACT
    assert main(["convert", str(target), "--to", "rows"]) == 0
    assert capsysbinary.readouterr().out == ROWS


def test_cli_convert_reports_bad_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = orjson.loads(COMPACT)
    data["sheets"][0]["rows"][3]["values"][1] = "yes"
    source = tmp_path / "bad.json"
    source.write_bytes(orjson.dumps(data))
    assert main(["--lang", "en", "convert", str(source), "--to", "rows"]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{source}: $.sheets[0].rows[3].values[1]: ")
    assert main(["convert", str(tmp_path / "missing.json"), "--to", "rows"]) == 2


def test_out_of_order_rows_are_refused_unless_reordered() -> None:
    data = orjson.loads(ROWS)
    assessments = data["sheets"][0]["assessments"]
    assessments[0], assessments[1] = assessments[1], assessments[0]
    text = orjson.dumps(data)
    with pytest.raises(Exception, match="not unit by unit") as caught:
        convert(text, "compact")
    assert getattr(caught.value, "code", None) == "not-compact"
    back = loads(convert(convert(text, "compact", reorder=True), "rows"), Scoring)
    original = loads(text, Scoring)
    assert back != original
    for mine, theirs in zip(back.sheets, original.sheets, strict=True):
        assert set(mine.assessments) == set(theirs.assessments)
