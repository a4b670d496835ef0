# ruff: noqa: E501 - the fixture reads best one assessment per line
"""``thidua score``: tables, JSON, explanations, errors and the shipped illustrative example."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import orjson
import pytest

from thidua.cli import main
from thidua.scoring import Scoring, score_all
from thidua.serialization import loads

EXAMPLE = resources.files("thidua") / "examples" / "cluster1_2019_2020_scoring.json"

HCM = {
    "kind": "scoring",
    "schema_version": "1.0",
    "schemes": [
        {
            "code": "HCM",
            "label": "Bảng biểu 4",
            "first_year": 2019,
            "scale": "100",
            "combination": {"layers": "last"},
            "criteria": [
                {"kind": "criterion", "code": "CM", "label": "Chuyên môn", "max_points": "100",
                 "method": {"kind": "manual"}}
            ],
            "adjustments": [
                {"kind": "award-bonus", "code": "CO", "label": "Cờ thi đua", "stacking": "highest",
                 "awards": [{"code": "CITY", "label": "Cờ thi đua xuất sắc của thành phố", "points": "10"},
                            {"code": "GOV", "label": "Cờ thi đua của Chính phủ", "points": "15"}]}
            ],
            "bands": [{"code": "XS", "label": "Xuất sắc", "lower": {"value": "100", "inclusive": True}}],
        }
    ],
    "sheets": [
        {
            "year": 2019,
            "scheme": "HCM",
            "units": [{"code": "Q5", "name": "Quận 5"}, {"code": "Q1", "name": "Quận 1"},
                      {"code": "Q3", "name": "Quận 3"}],
            "assessments": [
                {"unit": "Q5", "item": "CM", "layer": "self", "input": {"kind": "points", "points": "97"}},
                {"unit": "Q5", "item": "CO", "layer": "self", "input": {"kind": "awards", "held": ["CITY"]}},
                {"unit": "Q1", "item": "CM", "layer": "self", "input": {"kind": "points", "points": "90"}},
                {"unit": "Q1", "item": "CO", "layer": "self", "input": {"kind": "awards", "held": ["GOV"]}},
                {"unit": "Q3", "item": "CM", "layer": "self", "input": {"kind": "points", "points": "95"}},
                {"unit": "Q3", "item": "CO", "layer": "self", "input": {"kind": "awards", "held": ["CITY"]}},
            ],
        }
    ],
}  # fmt: skip


@pytest.fixture
def hcm(tmp_path: Path) -> Path:
    path = tmp_path / "hcm.json"
    path.write_bytes(orjson.dumps(HCM))
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_output(capsys: pytest.CaptureFixture[str], hcm: Path) -> None:
    """--format json: decimal strings, ranks, tie flags and classifications (97 + 10 = 107)."""
    code, out, _ = run(capsys, "score", str(hcm), "--format", "json")
    assert code == 0
    results = json.loads(out)["results"]
    assert [
        (r["unit"], r["total"], r["rank"], r["tied"], r["classification"]) for r in results
    ] == [
        ("Q5", "107", 1, False, "Xuất sắc"),  # 97 + 10
        ("Q1", "105", 2, True, "Xuất sắc"),  # 90 + 15
        ("Q3", "105", 2, True, "Xuất sắc"),  # 95 + 10
    ]
    assert results[0]["bonus_total"] == "10"
    assert "illustrative" not in json.loads(out)


def test_table_output(capsys: pytest.CaptureFixture[str], hcm: Path) -> None:
    """The default table lists rank (= for ties), unit, total and classification."""
    code, out, _ = run(capsys, "score", str(hcm))
    assert code == 0
    assert "1     Q5                  107  Xuất sắc" in out
    assert "2=    Q1                  105  Xuất sắc" in out
    assert "MINH HỌA" not in out


def test_explain_prints_the_trace(capsys: pytest.CaptureFixture[str], hcm: Path) -> None:
    """--explain UNIT prints its trace in Vietnamese, ending with the total."""
    code, out, _ = run(capsys, "--lang", "vi", "score", str(hcm), "--explain", "Q5")
    assert code == 0
    assert "Thưởng danh hiệu CO Cờ thi đua" in out
    assert "Chỉ tính mức cao nhất: Cờ thi đua xuất sắc của thành phố +10" in out
    assert "Tổng điểm: 107" in out
    code, out, _ = run(capsys, "score", str(hcm), "--explain", "Q5", "--format", "json")
    trace = json.loads(out)["explain"][0]
    assert trace["total"] == "107"
    assert [line["points"] for line in trace["trace"]] == ["97", "10"]


def test_explain_unknown_unit_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], hcm: Path
) -> None:
    """An unknown unit exits 2."""
    code, _, err = run(capsys, "score", str(hcm), "--explain", "HN")
    assert code == 2
    assert "no unit 'HN'" in err


def test_errors_as_in_validate(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Invalid data exits 1 with FILE: $.path: message; unreadable files exit 2."""
    bad = json.loads(json.dumps(HCM))
    bad["sheets"][0]["assessments"][0]["input"]["points"] = "130"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad))
    code, out, _ = run(capsys, "score", str(path))
    assert code == 1
    assert out == (
        f"{path}: $.sheets[0].assessments[0].input.points: unit Q5, criterion CM, layer self:"
        " points 130 are above the maximum 100\n"
    )
    path.write_text("{")
    code, out, _ = run(capsys, "score", str(path))
    assert code == 1
    assert out.startswith(f"{path}: $: not valid JSON")
    code, _, err = run(capsys, "score", str(tmp_path / "missing.json"))
    assert code == 2
    assert "cannot read" in err


def test_scoring_errors_exit_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Points with no finite decimal form and no criterion rounding: exit 1 with a message."""
    data = json.loads(json.dumps(HCM))
    data["schemes"][0]["criteria"][0]["method"] = {"kind": "achievement", "cap_percent": "100"}
    for entry in data["sheets"][0]["assessments"]:
        if entry["item"] == "CM":
            entry["input"] = {"kind": "achievement", "actual": "1", "target": "3"}
    path = tmp_path / "third.json"
    path.write_text(json.dumps(data))
    code, out, _ = run(capsys, "score", str(path))
    assert code == 1
    assert "declare rounding at the 'criterion' step" in out


def test_the_illustrative_example(capsys: pytest.CaptureFixture[str]) -> None:
    """The shipped Cluster No. 1 example is labelled illustrative, in the data and on screen."""
    scoring = loads(EXAMPLE.read_bytes(), Scoring)
    assert scoring.illustrative
    assert "giả định" in (scoring.note or "")
    assert [u.code for u in scoring.sheets[0].units] == ["HN", "HCM", "HP", "DN", "CT"]
    results = score_all(scoring)
    assert [y.year for y in results.years] == [2019, 2020]
    code, out, _ = run(capsys, "--lang", "vi", "score", str(EXAMPLE))
    assert code == 0
    assert out.startswith("MINH HỌA")
    code, out, _ = run(capsys, "score", str(EXAMPLE), "--format", "json")
    assert json.loads(out)["illustrative"] is True
    code, out, _ = run(capsys, "--lang", "vi", "score", str(EXAMPLE), "--explain", "HN")
    assert out.startswith("MINH HỌA")
    assert "Không được xét: danh hiệu, dẫn đầu (VI-PHAM)" in out
    assert results.years[1].leaders == ("HCM",)
