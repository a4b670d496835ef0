"""The command line's outputs for spreadsheets, its missing extras, its progress and traces.

``score --format csv|xlsx`` read back byte for byte and cell by cell; a missing optional
extra is one line naming it (exit 2, no traceback); progress shows on a terminal only;
traces are asked for explicitly (``score(..., trace=True)`` or ``explain``).
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path

import openpyxl
import orjson
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from test_cmd_score import HCM
from thidua.cli import main
from thidua.cli._io import missing_extra
from thidua.documents._wording import trace_of
from thidua.scoring import Scoring, explain, score, score_all
from thidua.serialization import dumps, loads

EXAMPLES = Path(__file__).parent.parent / "src" / "thidua" / "examples"
SCORING = EXAMPLES / "cluster1_2019_2020_scoring.json"
REVIEW = EXAMPLES / "cluster1_2019_2020_review.json"


@pytest.fixture
def hcm(tmp_path: Path) -> Path:
    """Three districts; Quận 3's 95.5 gives a total with a decimal part (95.5 + 10)."""
    document = json.loads(json.dumps(HCM))
    document["sheets"][0]["assessments"][4]["input"]["points"] = "95.5"
    path = tmp_path / "hcm.json"
    path.write_bytes(orjson.dumps(document))
    return path


# --- score --format csv | xlsx ---------------------------------------------------------


def test_score_csv_bytes(hcm: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    """CSV for Excel: a byte-order mark, Vietnamese headers, CRLF, 105,5 quoted by the comma."""
    assert main(["score", str(hcm), "--format", "csv"]) == 0
    out = capsysbinary.readouterr().out
    assert (
        out
        == (
            "\ufeffNăm,Mã đơn vị,Đơn vị,Điểm cộng,Điểm trừ,Tổng điểm,Xếp hạng,Đồng hạng,"
            "Xếp loại\r\n"
            "2019,Q5,Quận 5,10,0,107,1,,Xuất sắc\r\n"
            '2019,Q3,Quận 3,10,0,"105,5",2,,Xuất sắc\r\n'
            "2019,Q1,Quận 1,15,0,105,3,,Xuất sắc\r\n"
        ).encode()
    )
    assert out[:3] == b"\xef\xbb\xbf"


def test_score_csv_international_to_a_file(hcm: Path, tmp_path: Path) -> None:
    """--convention international writes 105.5 (unquoted); -o writes the same bytes to a file."""
    path = tmp_path / "points.csv"
    argv = ["score", str(hcm), "--format", "csv", "--convention", "international"]
    assert main([*argv, "-o", str(path)]) == 0
    lines = path.read_bytes().split(b"\r\n")
    assert lines[2] == "2019,Q3,Quận 3,10,0,105.5,2,,Xuất sắc".encode()
    assert lines[-1] == b""


def test_score_xlsx_read_back(hcm: Path, tmp_path: Path) -> None:
    """XLSX: one sheet, a frozen header, numeric cells holding literal values, no formula."""
    path = tmp_path / "points.xlsx"
    assert main(["score", str(hcm), "--format", "xlsx", "-o", str(path)]) == 0
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Bảng điểm"]
    page = book.active
    assert isinstance(page, Worksheet)
    assert page.freeze_panes == "A2"
    rows = [[cell.value for cell in row] for row in page.iter_rows()]
    assert rows == [
        [
            "Năm",
            "Mã đơn vị",
            "Đơn vị",
            "Điểm cộng",
            "Điểm trừ",
            "Tổng điểm",
            "Xếp hạng",
            "Đồng hạng",
            "Xếp loại",
        ],
        [2019, "Q5", "Quận 5", 10, 0, 107, 1, None, "Xuất sắc"],
        [2019, "Q3", "Quận 3", 10, 0, 105.5, 2, None, "Xuất sắc"],
        [2019, "Q1", "Quận 1", 15, 0, 105, 3, None, "Xuất sắc"],
    ]
    types = {cell.data_type for row in page.iter_rows(min_row=2, max_col=7) for cell in row}
    assert "f" not in {cell.data_type for row in page.iter_rows() for cell in row}
    assert [page.cell(row=r, column=6).data_type for r in (2, 3, 4)] == ["n", "n", "n"]
    assert types == {"n", "s"}  # years, points and ranks numeric; codes and names text
    assert page.column_dimensions["C"].width == 45
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert '<c r="F3" t="n"><v>105.5</v></c>' in xml  # the literal total, as Excel shows it
    assert "<f>" not in xml
    assert 'state="frozen"' in xml


def test_score_xlsx_needs_an_output(hcm: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A workbook is never written to a terminal: -o is required (exit 2)."""
    assert main(["score", str(hcm), "--format", "xlsx"]) == 2
    assert capsys.readouterr() == ("", "--format xlsx needs -o FILE\n")


# --- a missing extra -------------------------------------------------------------------


def _without(monkeypatch: pytest.MonkeyPatch, module: str) -> None:
    """Make *module* (and its submodules) impossible to import, as when it is not installed."""
    for name in [n for n in sys.modules if n == module or n.startswith(f"{module}.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, module, None)


@pytest.mark.parametrize(
    ("module", "extra", "argv"),
    [
        (
            "docx",
            "docx",
            ["render", "{tmp}/agreement.json", "--form", "docx", "-o", "{tmp}/paper.docx"],
        ),
        ("openpyxl", "xlsx", ["score", "{hcm}", "--format", "xlsx", "-o", "{tmp}/points.xlsx"]),
    ],
)
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_missing_extra_is_one_line(
    *,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    hcm: Path,
    module: str,
    extra: str,
    argv: list[str],
    lang: str,
) -> None:
    """Without the module: one line naming the extra, exit 2, no traceback, nothing written."""
    assert main(["example", "-o", str(tmp_path / "agreement.json")]) == 0
    capsys.readouterr()
    _without(monkeypatch, module)
    argv = [a.format(tmp=tmp_path, hcm=hcm) for a in argv]
    assert main(["--lang", lang, *argv]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    expected = {
        "en": f"thidua: this needs the '{extra}' extra: pip install 'thidua[{extra}]'\n",
        "vi": f"thidua: cần cài gói bổ sung '{extra}': pip install 'thidua[{extra}]'\n",
    }
    assert err == expected[lang]
    assert "Traceback" not in err
    assert not Path(argv[-1]).exists()


def test_missing_extra_for_an_xlsx_table(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``thidua table x.xlsx`` without openpyxl names the 'xlsx' extra."""
    book = openpyxl.Workbook()
    buffer = io.BytesIO()
    book.save(buffer)
    path = tmp_path / "table.xlsx"
    path.write_bytes(buffer.getvalue())
    _without(monkeypatch, "openpyxl")
    argv = ["table", str(path), "--convention", "vietnamese", "--code", "T", "--label", "Bảng"]
    assert main([*argv, "--first-year", "2024", "--scale", "100"]) == 2
    assert capsys.readouterr() == (
        "",
        "thidua: this needs the 'xlsx' extra: pip install 'thidua[xlsx]'\n",
    )


def test_an_unrelated_import_error_is_not_an_extra() -> None:
    """Only the known optional modules are named as extras; another ImportError propagates."""
    assert missing_extra(ModuleNotFoundError("No module named 'numpy'", name="numpy")) is None


# --- progress on a terminal ------------------------------------------------------------


class _Terminal(io.StringIO):
    """Standard error as a terminal (``isatty`` true)."""

    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_only(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], hcm: Path
) -> None:
    """On a terminal each step overwrites the line and the line is cleared; piped: nothing."""
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["--lang", "vi", "score", str(hcm)]) == 0
    assert terminal.getvalue() == (
        f"\r\x1b[K{hcm}: đang đọc…\r\x1b[K{hcm}: đang chấm điểm…\r\x1b[K"
    )
    on_terminal = capsys.readouterr().out
    monkeypatch.undo()
    assert main(["--lang", "vi", "score", str(hcm)]) == 0
    assert capsys.readouterr() == (on_terminal, "")  # same output, quiet standard error


def test_progress_of_a_report_and_a_table(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The report and the table import show their step on a terminal, in English with en."""
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    html = tmp_path / "report.html"
    assert main(["--lang", "en", "report", str(SCORING), "-o", str(html)]) == 0
    assert terminal.getvalue() == f"\r\x1b[K{SCORING}: building the report…\r\x1b[K"
    terminal.seek(0)
    terminal.truncate()
    table = tmp_path / "table.csv"
    rows = "STT,Nội dung,Điểm tối đa\nI,Chuyên môn,100\n1,Công việc,100\n,Tổng cộng,100\n"
    table.write_text(rows)
    argv = ["table", str(table), "--convention", "vietnamese", "--code", "T", "--label", "Bảng"]
    assert main(["--lang", "en", *argv, "--first-year", "2024", "--scale", "100"]) == 0
    assert terminal.getvalue() == f"\r\x1b[K{table}: importing…\r\x1b[K"
    assert capsys.readouterr().out.startswith("{")


# --- traces, asked for ------------------------------------------------------------------


def test_trace_of_asks_explain_when_the_result_has_none() -> None:
    """Without traces, trace_of records the unit's lines with explain(); with, it reads them."""
    scoring = loads(SCORING.read_bytes(), Scoring)
    sheet = scoring.sheets[-1]
    scheme = scoring.scheme_for(sheet)
    bare = next(u for u in score(scheme, sheet).units if u.unit == "HN")
    traced = next(u for u in score(scheme, sheet, trace=True).units if u.unit == "HN")
    assert tuple(bare.trace) == ()
    assert trace_of(bare) == ()
    assert len(traced.trace) > 0
    assert trace_of(bare, scheme, sheet) == tuple(traced.trace)
    assert trace_of(bare, scheme, sheet) == tuple(explain(scheme, sheet, "HN"))
    assert trace_of(traced) == tuple(traced.trace)


def test_report_and_render_from_results_with_and_without_traces(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Results carry their traces only if scored with trace=True; the CLI says so when missing."""
    scoring = loads(SCORING.read_bytes(), Scoring)
    traced, bare = tmp_path / "traced.json", tmp_path / "bare.json"
    traced.write_bytes(dumps(score_all(scoring, trace=True)))
    bare.write_bytes(dumps(score_all(scoring)))
    html = tmp_path / "report.html"
    assert main(["report", str(traced), "-o", str(html)]) == 0
    assert html.read_text(encoding="utf-8").count('<table class="trace">') == 5
    assert main(["report", str(bare), "-o", str(html)]) == 0
    page = html.read_text(encoding="utf-8")
    assert page.count('<table class="trace">') == 0
    assert page.count('<div class="unit"') == 5
    assert main(["report", str(SCORING), "-o", str(html)]) == 0  # scored here, with traces
    assert html.read_text(encoding="utf-8").count('<table class="trace">') == 5
    capsys.readouterr()
    argv = ["--paper", "explanation", "--unit", "HN"]
    assert main(["--lang", "vi", "render", str(bare), *argv]) == 1
    assert capsys.readouterr().err == (
        f"{bare}: kết quả không kèm giải trình của 'HN': hãy in từ tệp chấm điểm\n"
    )
    assert main(["render", str(traced), *argv]) == 0
    from_results = capsys.readouterr().out
    assert main(["render", str(SCORING), *argv]) == 0
    from_scoring = capsys.readouterr().out
    assert "| Tổng điểm |" in from_scoring.replace("**", "")
    assert from_results.count("\n|") == from_scoring.count("\n|")  # the same rows
