"""Score sheets as CSV: round trips keep every value; bad cells are named by row and column."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.worksheet.worksheet import Worksheet

from spreadsheets import with_cell_xml
from thidua import NumberConvention, format_number
from thidua.errors import SpreadsheetError
from thidua.exchange._sheets import (
    blank_sheet_csv,
    blank_sheet_xlsx,
    columns,
    sheet_from_csv,
    sheet_from_xlsx,
    sheet_to_csv,
    sheet_to_xlsx,
)
from thidua.scoring import AwardsInput, Layer, ManualPoints, PointsInput, Scoring, ScoringSheet
from thidua.serialization import loads
from thidua.strategies import _registry

EXAMPLE = Path(__file__).parent.parent / "src" / "thidua" / "examples"
SCORING = loads((EXAMPLE / "cluster1_2019_2020_scoring.json").read_bytes(), Scoring)
SHEET = SCORING.sheets[0]
VI = NumberConvention.VIETNAMESE
INTL = NumberConvention.INTERNATIONAL


def _read(text: str, convention: NumberConvention = VI) -> ScoringSheet:
    return sheet_from_csv(text, year=SHEET.year, scheme=SHEET.scheme, convention=convention)


@pytest.mark.parametrize("convention", list(NumberConvention))
def test_round_trip_of_the_shipped_sheet(convention: NumberConvention) -> None:
    """CSV -> model -> CSV and model -> CSV -> model keep every value, text and decimals."""
    text = sheet_to_csv(SHEET, convention)
    again = _read(text, convention)
    assert again == SHEET
    assert sheet_to_csv(again, convention) == text
    assert [str(a.input) for a in again.assessments] == [str(a.input) for a in SHEET.assessments]


def test_numbers_are_written_in_the_declared_convention() -> None:
    """A decimal cell reads "95,5" in Vietnamese and "95.5" internationally; never a float."""
    sheet = ScoringSheet(
        year=SHEET.year,
        scheme=SHEET.scheme,
        units=SHEET.units[:1],
        assessments=(
            SHEET.assessments[0].__class__(
                unit=SHEET.units[0].code,
                item="X1",
                layer=Layer.SELF,
                input=PointsInput(points=Decimal("1234.50")),
                comment="Hoàn thành xuất sắc, đạt 1.234,50 điểm",
            ),
        ),
    )
    vi = sheet_to_csv(sheet, VI)
    intl = sheet_to_csv(sheet, INTL)
    assert ",1234,50," not in vi  # the comma-decimal cell is quoted by the CSV writer
    assert '"1234,50"' in vi
    assert ",1234.50," in intl
    assert '"Hoàn thành xuất sắc, đạt 1.234,50 điểm"' in vi
    points = _read(vi).assessments[0].input
    assert isinstance(points, PointsInput)
    assert str(points.points) == "1234.50"
    with pytest.raises(SpreadsheetError) as info:
        _read(intl.replace("1234.50", "1.2.3"), INTL)
    (problem,) = info.value.problems
    assert (problem.row, problem.column, problem.code) == (2, "points", "unreadable-number")


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _write(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def test_bad_cells_are_reported_by_sheet_row_and_column() -> None:
    """Every bad cell at once: sheet name, row number, column name and letter, code."""
    rows = _rows(sheet_to_csv(SHEET, VI))
    header = rows[0]
    first = next(i for i, r in enumerate(rows[1:], 1) if r[header.index("input")] == "points")
    rows[first][header.index("points")] = "12.5"  # a dot is not a Vietnamese decimal mark
    rows[first][header.index("layer")] = "boss"
    rows[first][header.index("count")] = "3"  # a points input has no count
    second = first + 1
    rows[second][header.index("input")] = "guess"
    text = _write(rows)
    with pytest.raises(SpreadsheetError) as info:
        sheet_from_csv(text, year=SHEET.year, scheme=SHEET.scheme, convention=VI, sheet="cum1.csv")
    found = {(p.row, p.column, p.code) for p in info.value.problems}
    assert found == {
        (first + 1, "points", "unreadable-number"),
        (first + 1, "layer", "unknown-value"),
        (first + 1, "count", "unknown-key"),
        (second + 1, "input", "unknown-tag"),
    }
    points = next(p for p in info.value.problems if p.column == "points")
    letter = chr(ord("A") + header.index("points"))
    assert points.letter == letter
    assert str(points).startswith(f"cum1.csv!{letter}{first + 1} (points): '12.5' is not a number")


def test_header_and_row_shape() -> None:
    """A wrong header or a row of the wrong length is refused."""
    with pytest.raises(SpreadsheetError) as info:
        _read("unit,item\nHN,A\n")
    assert info.value.problems[0].code == "invalid-header"
    assert "missing: unit_name" in info.value.problems[0].message
    rows = _rows(sheet_to_csv(SHEET, VI))
    rows[1] = rows[1][:-1]
    with pytest.raises(SpreadsheetError) as info:
        _read(_write(rows))
    assert (info.value.problems[0].row, info.value.problems[0].code) == (2, "invalid-row")
    assert str(info.value.problems[0]).startswith("sheet!2: expected")


def test_model_rules_are_reported_on_their_row() -> None:
    """A duplicate assessment (a rule of the sheet) names the row of the second one."""
    rows = _rows(sheet_to_csv(SHEET, VI))
    rows.append(rows[1])
    with pytest.raises(SpreadsheetError) as info:
        _read(_write(rows))
    (problem,) = info.value.problems
    assert (problem.row, problem.code) == (len(rows), "duplicate-assessment")


def test_blank_sheet_from_the_scheme() -> None:
    """Vietnamese headers, the label and maximum beside each input; filled in, it reads back."""
    scheme = SCORING.schemes[0]
    text = blank_sheet_csv(scheme, SHEET.units)
    rows = _rows(text)
    assert rows[0][:8] == [
        "Mã đơn vị",
        "Tên đơn vị",
        "Mã tiêu chí",
        "Nội dung tiêu chí",
        "Điểm tối đa",
        "Lớp chấm",
        "Loại số liệu",
        "Điểm",
    ]
    assert rows[0][-5:] == ["Điểm thưởng", "Người chấm", "Ngày chấm", "Ghi chú", "Minh chứng"]
    items = [n.code for n in scheme.leaves()] + [a.code for a in scheme.adjustments]
    assert len(rows) == 1 + len(SHEET.units) * len(items)
    assert [r[2] for r in rows[1 : 1 + len(items)]] == items
    first = scheme.leaves()[0]
    assert rows[1][1] == SHEET.units[0].name
    assert rows[1][3:5] == [first.label, format_number(first.max_points, VI, grouping=False)]
    assert {r[5] for r in rows[1:]} == {"self"}
    header = rows[0]
    fields = set(header[7:])
    assert all(not r[header.index(c)] for r in rows[1:] for c in fields)
    unfilled = _read(text)  # rows left empty are skipped; an empty awards list is a value
    assert {type(a.input) for a in unfilled.assessments} <= {AwardsInput}
    assert all(a.input == AwardsInput() for a in unfilled.assessments)
    filled = rows[:2]
    kind = filled[1][header.index("Loại số liệu")]
    column = {"points": "Điểm", "yes-no": "Đạt", "count": "Số lượng", "share": "Tỷ lệ (%)"}.get(
        kind
    )
    if column is not None:
        filled[1][header.index(column)] = "đạt" if column == "Đạt" else "1"
        sheet = _read(_write(filled))
        assert len(sheet.assessments) == 1


def test_blank_sheet_csv_for_excel() -> None:
    """For Excel: a byte-order mark (diacritics intact), ';' and CRLF; it reads back."""
    scheme = SCORING.schemes[0]
    text = blank_sheet_csv(scheme, SHEET.units, excel=True)
    assert text.startswith("\ufeffMã đơn vị;Tên đơn vị;Mã tiêu chí;Nội dung tiêu chí;Điểm tối đa;")
    assert text.count("\r\n") == text.count("\n")
    assert _read(text).assessments == _read(blank_sheet_csv(scheme, SHEET.units)).assessments


def test_blank_sheet_xlsx_to_fill_in() -> None:
    """Widths, a frozen header, đạt / không đạt lists, 0 to the maximum; typed numbers read."""
    scheme = SCORING.schemes[0]
    data = blank_sheet_xlsx(scheme, SHEET.units)
    book = openpyxl.load_workbook(io.BytesIO(data))
    page = book.active
    assert isinstance(page, Worksheet)
    assert page.title == "Phiếu chấm điểm"
    assert page.freeze_panes == "D2"
    assert page["A1"].value == "Mã đơn vị"
    assert page["A1"].font.b
    assert page.column_dimensions["B"].width >= len(SHEET.units[0].name)
    rules = {(v.type, v.formula1, v.formula2) for v in page.data_validations.dataValidation}
    assert ("list", '"đạt,không đạt"', None) in rules
    maxima = {
        format(c.max_points, "f") for c in scheme.leaves() if isinstance(c.method, ManualPoints)
    }
    assert {r[2] for r in rules if r[0] == "decimal"} == maxima
    header = [cell.value for cell in page[1]]
    for number, row in enumerate(page.iter_rows(min_row=2, values_only=True), start=2):
        if row[header.index("Loại số liệu")] == "points":
            page.cell(number, header.index("Điểm") + 1, 2.5)
            break
    out = io.BytesIO()
    book.save(out)
    sheet = sheet_from_xlsx(out.getvalue(), year=SHEET.year, scheme=SHEET.scheme, convention=VI)
    points = [a.input for a in sheet.assessments if isinstance(a.input, PointsInput)]
    assert points == [PointsInput(points=Decimal("2.5"))]


@settings(max_examples=25)
@given(data=st.data())
def test_round_trip_of_generated_sheets(data: st.DataObject) -> None:
    """Any generated sheet survives CSV both ways, in both conventions."""
    _registry.register_all()
    scoring = data.draw(st.from_type(Scoring))
    convention = data.draw(st.sampled_from(NumberConvention))
    for sheet in scoring.sheets:
        if {a.unit for a in sheet.assessments} != {u.code for u in sheet.units}:
            continue  # a unit with every row left out (missing rows): the CSV has no line for it
        text = sheet_to_csv(sheet, convention)
        again = sheet_from_csv(text, year=sheet.year, scheme=sheet.scheme, convention=convention)
        assert again == sheet
        assert sheet_to_csv(again, convention) == text


def test_cell_forms_are_checked() -> None:
    """Yes/no, integers, dates, required cells, unit names and model rules, each on its cell."""
    header = list(columns())

    def row(**cells: str) -> list[str]:
        base = {"unit": "HN", "unit_name": "Hà Nội", "item": "A1", "layer": "self"}
        return [{**base, **cells}.get(column, "") for column in header]

    rows = [
        header,
        row(input="yes-no", met="có", shortcomings="1", date="2020-12-01", evidence="a; b"),
        row(input="yes-no", item="A2", met="không"),
        row(input="yes-no", item="A3", met="chắc"),
        row(input="count", item="A4", count="1,5"),
        row(input="count", item="A5", count="2", date="01/12/2020"),
        row(input="points", item="A6", points="-1"),
        row(input="points", item="A7", points="1", unit_name="Hà Nam"),
        row(input="achievement", item="A8", target="1"),
        [""] * len(header),
    ]
    with pytest.raises(SpreadsheetError) as info:
        sheet_from_csv(_write(rows), year=2020, scheme="S", convention=VI, sheet="s")
    found = {(p.row, p.column, p.code) for p in info.value.problems}
    assert found == {
        (4, "met", "wrong-type"),
        (5, "count", "wrong-type"),
        (6, "date", "invalid-date"),
        (7, "points", "out-of-range"),
        (8, "unit_name", "inconsistent"),
        (9, "actual", "missing"),
    }
    assert "s!" in str(info.value)
    good = _write(rows[:3])
    sheet = sheet_from_csv(good, year=2020, scheme="S", convention=VI)
    first, second = sheet.assessments
    assert first.input.met is True  # type: ignore[union-attr]
    assert first.evidence == ("a", "b")
    assert str(first.date) == "2020-12-01"
    assert second.input.met is False  # type: ignore[union-attr]


# ---------------------------------------------------------------------------------------
# XLSX.


def _xlsx_read(data: bytes, convention: NumberConvention = VI) -> ScoringSheet:
    return sheet_from_xlsx(data, year=SHEET.year, scheme=SHEET.scheme, convention=convention)


@pytest.mark.parametrize("convention", list(NumberConvention))
def test_xlsx_round_trip_keeps_every_value(convention: NumberConvention) -> None:
    """XLSX -> model -> XLSX keeps every value; every cell is a text cell."""
    data = sheet_to_xlsx(SHEET, convention)
    again = _xlsx_read(data, convention)
    assert again == SHEET
    assert sheet_to_csv(_xlsx_read(sheet_to_xlsx(again, convention), convention), convention) == (
        sheet_to_csv(SHEET, convention)
    )
    book = openpyxl.load_workbook(io.BytesIO(data))
    page = book.active
    assert page is not None
    assert page.title == "Chấm điểm"
    assert all(cell.number_format == "@" for cells in page.iter_rows() for cell in cells)
    assert all(
        cell.value is None or isinstance(cell.value, str)
        for cells in page.iter_rows()
        for cell in cells
    )


def _workbook(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    page = book.active
    assert page is not None
    page.title = "Tờ 1"
    for row in rows:
        page.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_xlsx_numeric_cells() -> None:
    """Numbers typed as numbers are read exactly; beyond 15 significant digits, refused."""
    header = list(columns())

    def row(**cells: object) -> list[object]:
        base: dict[str, object] = {"unit": "HN", "unit_name": "Hà Nội", "layer": "self"}
        return [{**base, **cells}.get(column) for column in header]

    good = _workbook(
        [
            list[object](header),
            row(item="A1", input="points", points=8),
            row(item="A2", input="count", count=2, date=dt.datetime(2020, 12, 1)),  # noqa: DTZ001
            row(item="A3", input="yes-no", met=True),
        ]
    )
    sheet = sheet_from_xlsx(good, year=2020, scheme="S", convention=VI)
    points, count, yes = (a.input for a in sheet.assessments)
    assert points == PointsInput(points=Decimal(8))
    assert str(sheet.assessments[1].date) == "2020-12-01"
    assert yes.met is True  # type: ignore[union-attr]
    del count
    typed = _workbook([list[object](header), row(item="A1", input="points", points=9.98)])
    read = sheet_from_xlsx(typed, year=2020, scheme="S", convention=VI)
    assert read.assessments[0].input == PointsInput(points=Decimal("9.98"))
    bad = with_cell_xml(
        _workbook([list[object](header), row(item="A1", input="points", points=7.25)]),
        b"<v>7.25</v>",
        b"<v>0.30000000000000004</v>",
    )
    with pytest.raises(SpreadsheetError) as info:
        sheet_from_xlsx(bad, year=2020, scheme="S", convention=VI)
    (problem,) = info.value.problems
    letter = chr(ord("A") + header.index("points"))
    assert (problem.sheet, problem.row, problem.column, problem.code) == (
        "Tờ 1",
        2,
        "points",
        "too-precise",
    )
    assert str(problem) == (
        f"Tờ 1!{letter}2 (points): the number 0.30000000000000004 has more than 15"
        " significant digits, more than a spreadsheet keeps; enter it as text"
    )
    named = sheet_from_xlsx(good, year=2020, scheme="S", convention=VI, worksheet="Tờ 1")
    assert named == sheet
