"""Score sheets as CSV: export, import, and the blank sheet a unit fills in.

One row per assessment. The first columns say who and what (``unit``,
``unit_name``, ``item``, ``layer``, ``input``: the input's kind), then one column
per input field (``points``, ``met``, ...; only the fields of the row's kind are
filled), then ``bonus``, ``assessor``, ``date``, ``comment`` and ``evidence``.

Numbers are text in a declared :class:`~thidua.NumberConvention` ("95,5" or
"95.5"), read with :func:`~thidua.parse_number`: never through a binary double,
so every decimal place is kept. Yes/no cells are ``có``/``không``; dates are
``YYYY-MM-DD``; lists (``held``, ``evidence``) are separated by ``;``.

Every bad cell is reported at once, by sheet, row (1 is the header) and column:
:class:`~thidua.errors.SpreadsheetError`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import types
import typing
import unicodedata
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Final, Union

import attrs

from thidua._base.numbers import NumberConvention, format_number, parse_number
from thidua.errors import (
    NO_DETAILS,
    CellProblem,
    Details,
    InvalidModelError,
    NumberFormatError,
    SpreadsheetError,
)
from thidua.exchange._cells import (
    XLSX_LIMITS,
    XlsxLimits,
    csv_rows,
    neutralise,
    read_xlsx,
)
from thidua.scoring import (
    Assessment,
    Bonus,
    Effect,
    Flat,
    ItemAdjustment,
    Layer,
    Penalty,
    PerCase,
    Scheme,
    ScoringSheet,
    SheetUnit,
)
from thidua.scoring._assessment import _expected_inputs
from thidua.scoring._inputs import INPUT_TAGS, input_tag

__all__ = [
    "HEADERS_VI",
    "blank_sheet_csv",
    "blank_sheet_xlsx",
    "sheet_from_csv",
    "sheet_from_xlsx",
    "sheet_to_csv",
    "sheet_to_xlsx",
]

_WHO: Final = ("unit", "unit_name", "item", "layer", "input")
_AFTER: Final = ("bonus", "assessor", "date", "comment", "evidence")
_YES: Final = ("có", "co", "yes", "x", "đạt", "dat")
_NO: Final = ("không", "khong", "no", "không đạt", "khong dat")
_INT_RE: Final = re.compile(r"-?[0-9]{1,15}")


def _input_fields() -> dict[str, tuple[str, ...]]:
    return {tag: tuple(f.name for f in attrs.fields(cls)) for tag, cls in INPUT_TAGS.items()}


def _field_columns() -> tuple[str, ...]:
    columns: list[str] = []
    for names in _input_fields().values():
        columns += [name for name in names if name not in columns]
    return tuple(columns)


def columns() -> tuple[str, ...]:
    """The columns of a score sheet, in order."""
    return (*_WHO, *_field_columns(), *_AFTER)


#: The Vietnamese header of each column; a sheet may use either name.
HEADERS_VI: Final = {
    "unit": "Mã đơn vị",
    "unit_name": "Tên đơn vị",
    "item": "Mã tiêu chí",
    "layer": "Lớp chấm",
    "input": "Loại số liệu",
    "points": "Điểm",
    "met": "Đạt",
    "shortcomings": "Số thiếu sót",
    "percent": "Tỷ lệ (%)",
    "actual": "Thực hiện",
    "target": "Chỉ tiêu",
    "value": "Giá trị",
    "first": "Giá trị thứ nhất",
    "second": "Giá trị thứ hai",
    "count": "Số lượng",
    "option": "Lựa chọn",
    "held": "Danh hiệu đã có",
    "bonus": "Điểm thưởng",
    "assessor": "Người chấm",
    "date": "Ngày chấm",
    "comment": "Ghi chú",
    "evidence": "Minh chứng",
}
#: Columns a blank sheet shows beside the inputs, for the reader; never read back.
_INFO_VI: Final = {"label": "Nội dung tiêu chí", "max": "Điểm tối đa"}
_INFO_EN: Final = ("label", "max")


def _key(header: str) -> str | None:
    """The column a header cell names (English or Vietnamese), or ``None``."""
    text = " ".join(unicodedata.normalize("NFC", header).casefold().split())
    for key, name in (*HEADERS_VI.items(), *_INFO_VI.items()):
        if text in {key, name.casefold()}:
            return key
    return None


def _letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index (A, B, ..., AA)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _cell(value: Any, convention: NumberConvention) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, Decimal):
        return format_number(value, convention, grouping=False)
    if isinstance(value, tuple):
        return ";".join(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _writer(out: io.StringIO, *, excel: bool, convention: NumberConvention) -> Any:
    """A CSV writer; for Excel, a byte-order mark, CRLF and ``;`` beside a decimal comma."""
    if not excel:
        return csv.writer(out, lineterminator="\n")
    out.write("\ufeff")
    delimiter = ";" if convention is NumberConvention.VIETNAMESE else ","
    return csv.writer(out, lineterminator="\r\n", delimiter=delimiter)


def _safe_row(row: Iterable[str]) -> list[str]:
    return [neutralise(cell) for cell in row]


def sheet_to_csv(sheet: ScoringSheet, convention: NumberConvention, *, excel: bool = False) -> str:
    """Write a score sheet as CSV text (one row per assessment).

    Text a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR first)
    is written behind a single quote; :func:`sheet_from_csv` gives back the text.

    Args:
        sheet: The sheet.
        convention: How to write numbers.
        excel: For Excel: a UTF-8 byte-order mark first (without it, Excel reads the file
            in the computer's legacy code page and garbles the diacritics), CRLF line ends,
            and ``;`` between cells when numbers have a decimal comma. Otherwise plain
            UTF-8, no mark, ``,`` and LF.
    """
    names = {unit.code: unit.name for unit in sheet.units}
    header = columns()
    out = io.StringIO()
    writer = _writer(out, excel=excel, convention=convention)
    writer.writerow(header)
    for assessment in sheet.assessments:
        row = dict.fromkeys(header, "")
        row |= {
            "unit": assessment.unit,
            "unit_name": names[assessment.unit],
            "item": assessment.item,
            "layer": assessment.layer.value,
            "input": input_tag(type(assessment.input)),
        }
        for field in attrs.fields(type(assessment.input)):
            row[field.name] = _cell(getattr(assessment.input, field.name), convention)
        for name in _AFTER:
            row[name] = _cell(getattr(assessment, name), convention)
        writer.writerow(_safe_row(row[column] for column in header))
    return out.getvalue()


def _blank_rows(
    scheme: Scheme, units: Iterable[SheetUnit], layer: Layer
) -> tuple[list[str], list[list[str]], list[tuple[str, Decimal | None]]]:
    """The Vietnamese header, the rows and each row's (input kind, maximum)."""
    keys = [*_WHO[:3], "label", "max", *_WHO[3:], *_field_columns(), *_AFTER]
    header = [HEADERS_VI.get(key) or _INFO_VI[key] for key in keys]
    expected = _expected_inputs(scheme)
    items = _blank_items(scheme)
    rows: list[list[str]] = []
    kinds: list[tuple[str, Decimal | None]] = []
    for unit in units:
        for item, label, shown, maximum in items:
            kind = input_tag(expected[item][1])
            row = dict.fromkeys(keys, "")
            row |= {
                "unit": unit.code,
                "unit_name": unit.name,
                "item": item,
                "label": label,
                "max": shown,
                "layer": layer.value,
                "input": kind,
            }
            rows.append([row[key] for key in keys])
            kinds.append((kind, maximum))
    return header, rows, kinds


def _blank_items(scheme: Scheme) -> list[tuple[str, str, str, Decimal | None]]:
    """Each item a sheet fills in, in table order: its code, label, shown amount, maximum.

    A criterion is followed by its own adjustments (and a waiver by the deduction it
    waives); the table's adjustments come last.
    """
    items: list[tuple[str, str, str, Decimal | None]] = []
    for leaf in scheme.leaves():
        items.append((leaf.code, leaf.label, _number(leaf.max_points), leaf.max_points))
        for adjustment in leaf.adjustments:
            items.append((adjustment.code, adjustment.label, _amount(adjustment), None))
            if adjustment.waiver is not None:
                waiver = adjustment.waiver
                items.append((waiver.code, waiver.label, "", None))
    items += [(a.code, a.label, _amount(a), None) for a in scheme.adjustments]
    return items


_BLANK: Final = NumberConvention.VIETNAMESE


def _number(value: Decimal) -> str:
    return format_number(value, _BLANK, grouping=False)


def _amount(adjustment: object) -> str:
    """What an adjustment is worth, as the blank sheet shows it: "2/lần, tối đa 4", "-0,5"."""
    parts: list[str] = []
    if isinstance(adjustment, Bonus) and adjustment.per_case is not None:
        parts.append(f"{_number(adjustment.per_case)}/lần")
    elif isinstance(adjustment, Penalty):
        parts.append(f"-{_number(adjustment.points)}" + ("/lần" if adjustment.per_case else ""))
    elif isinstance(adjustment, ItemAdjustment):
        sign = "-" if adjustment.effect is Effect.DEDUCTION else ""
        amount = adjustment.amount
        if isinstance(amount, PerCase):
            parts.append(f"{sign}{_number(amount.points)}/lần")
        elif isinstance(amount, Flat):
            parts.append(f"{sign}{_number(amount.points)}")
        else:
            parts.append(f"{sign} theo bảng")
    cap = getattr(adjustment, "cap", None)
    if cap is not None:
        parts.append(f"tối đa {_number(cap)}")
    return ", ".join(parts)


def blank_sheet_csv(
    scheme: Scheme, units: Iterable[SheetUnit], layer: Layer = Layer.SELF, *, excel: bool = False
) -> str:
    """The blank sheet units fill in: one row per unit and item of the scheme.

    The header is Vietnamese ("Mã đơn vị", "Tên đơn vị", "Mã tiêu chí", ...). Who, what,
    the criterion's label ("Nội dung tiêu chí") and maximum ("Điểm tối đa", written the
    Vietnamese way; an adjustment's amount and cap) and the input kind are filled; the
    input cells are empty. Items are the scheme's criteria in table order, each followed
    by its own bonuses, deductions and waivers, then the table's adjustments. :func:`sheet_from_csv`
    reads it back filled in, ignoring the label and maximum.

    Args:
        scheme: The points table.
        units: The units that fill it in.
        layer: The layer the sheet is for (self-assessment by default).
        excel: For Excel: a byte-order mark, CRLF and ``;`` (see :func:`sheet_to_csv`).
    """
    header, rows, _ = _blank_rows(scheme, units, layer)
    out = io.StringIO()
    writer = _writer(out, excel=excel, convention=_BLANK)
    writer.writerow(header)
    for row in rows:
        writer.writerow(_safe_row(row))
    return out.getvalue()


def blank_sheet_xlsx(
    scheme: Scheme, units: Iterable[SheetUnit], layer: Layer = Layer.SELF
) -> bytes:
    """The blank sheet as a workbook to fill in (extra ``thidua[xlsx]``).

    The rows of :func:`blank_sheet_csv`, with column widths, a frozen header row and
    first columns, and data validation: "đạt" / "không đạt" lists for yes/no cells,
    decimals from 0 to the criterion's maximum for points, whole numbers from 0 for
    counts. Every filled cell is text (never a formula); a number typed into an input
    cell is read exactly by :func:`sheet_from_xlsx`.
    """
    openpyxl = _openpyxl()
    from openpyxl.styles import Font  # noqa: PLC0415 - optional extra
    from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415

    header, rows, kinds = _blank_rows(scheme, units, layer)
    book = openpyxl.Workbook()
    page = book.active
    page.title = "Phiếu chấm điểm"
    page.append(header)
    for row in rows:
        page.append(row)
    _text_cells(page)
    for cell in page[1]:
        cell.font = Font(bold=True)
    for index, name in enumerate(header):
        width = max([len(name), *(len(row[index]) for row in rows)], default=len(name))
        page.column_dimensions[_letter(index)].width = min(max(width + 2, 8), 60)
    page.freeze_panes = "D2"
    letter = {key: _letter(header.index(HEADERS_VI[key])) for key in ("points", "met", "count")}
    yes_no = DataValidation(type="list", formula1='"đạt,không đạt"', allow_blank=True)
    count = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
    page.add_data_validation(yes_no)
    page.add_data_validation(count)
    by_maximum: dict[Decimal, Any] = {}
    for number, (kind, maximum) in enumerate(kinds, start=2):
        if kind == "yes-no":
            yes_no.add(f"{letter['met']}{number}")
        elif kind == "count":
            count.add(f"{letter['count']}{number}")
        elif kind == "points" and maximum is not None:
            if maximum not in by_maximum:
                by_maximum[maximum] = DataValidation(
                    type="decimal", operator="between", formula1="0", formula2=format(maximum, "f")
                )
                page.add_data_validation(by_maximum[maximum])
            by_maximum[maximum].add(f"{letter['points']}{number}")
        for key in ("points", "met", "count"):
            page[f"{letter[key]}{number}"].number_format = "General"  # typed numbers stay numbers
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class _Row:
    """Reads the cells of one row, collecting problems."""

    def __init__(
        self,
        sheet: str,
        number: int,
        cells: dict[str, str],
        convention: NumberConvention,
        places: dict[str, int] | None = None,
    ) -> None:
        self.sheet = sheet
        self.number = number
        self.cells = cells
        self.convention = convention
        self.problems: list[CellProblem] = []
        self.header = columns()
        self.places = places if places is not None else {c: i for i, c in enumerate(self.header)}

    def problem(
        self, column: str, message: str, code: str, *, details: Details = NO_DETAILS
    ) -> None:
        place = self.places.get(column)
        letter = "" if place is None else _letter(place)
        self.problems.append(
            CellProblem(
                sheet=self.sheet,
                row=self.number,
                column=column,
                letter=letter,
                message=message,
                code=code,
                details=details,
            )
        )

    def read(self, column: str, type_: Any, *, required: bool = True) -> Any:
        """The cell's value; ``None`` when empty and not *required*, or when it is bad."""
        text = self.cells.get(column, "").strip()
        optional = not required
        origin = typing.get_origin(type_)
        if origin is Union or origin is types.UnionType:
            args = [a for a in typing.get_args(type_) if a is not type(None)]
            optional, type_ = True, args[0]
        if typing.get_origin(type_) is tuple:
            return tuple(part.strip() for part in text.split(";") if part.strip())
        if not text:
            if not optional:
                self.problem(column, "required field missing", "missing")
            return None
        if type_ is bool:
            lowered = text.lower()
            if lowered in _YES:
                return True
            if lowered in _NO:
                return False
            self.problem(column, f"{text!r} is not có or không", "wrong-type")
            return None
        if type_ is Decimal:
            try:
                return parse_number(text, self.convention)
            except NumberFormatError as exc:
                self.problem(column, exc.message, exc.code, details=exc.details)
                return None
        if type_ is int:
            if _INT_RE.fullmatch(text):
                return int(text)
            self.problem(column, f"expected an integer, got {text!r}", "wrong-type")
            return None
        if type_ is dt.date:
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                self.problem(
                    column, f'expected a date as "YYYY-MM-DD", got {text!r}', "invalid-date"
                )
                return None
        return text


def _header_problem(sheet: str, header: list[str], expected: list[str]) -> CellProblem:
    missing = ", ".join(c for c in expected if c not in header) or "-"
    unknown = ", ".join(c for c in header if c not in expected) or "-"
    message = f"the header must be {','.join(expected)} (missing: {missing}; unknown: {unknown})"
    return CellProblem(
        sheet=sheet, row=1, column="", letter="", message=message, code="invalid-header"
    )


def _assessment(row: _Row, units: dict[str, str]) -> Assessment | None:
    """The assessment of one filled-in row, or ``None`` with the row's problems noted."""
    fields = _input_fields()
    cells = row.cells
    tag = cells["input"].strip()
    if tag not in fields:
        known = ", ".join(fields)
        row.problem("input", f"unknown input {tag!r}: expected one of {known}", "unknown-tag")
        return None
    for column in _field_columns():
        if column not in fields[tag] and cells[column].strip():
            row.problem(column, f"a {tag!r} input has no {column}", "unknown-key")
    cls = INPUT_TAGS[tag]
    input_hints = typing.get_type_hints(cls)
    inputs = {
        f.name: row.read(f.name, input_hints[f.name], required=f.default is attrs.NOTHING)
        for f in attrs.fields(cls)
    }
    hints = typing.get_type_hints(Assessment)
    others = {name: row.read(name, hints[name], required=False) for name in _AFTER}
    layer = cells["layer"].strip()
    if layer not in {m.value for m in Layer}:
        row.problem("layer", f"unknown layer {layer!r}", "unknown-value")
    unit, name = cells["unit"].strip(), cells["unit_name"].strip()
    if unit in units and units[unit] != name:
        row.problem("unit_name", f"{unit!r} is named {units[unit]!r} above", "inconsistent")
    if row.problems:
        return None
    try:
        return Assessment(
            unit=unit,
            item=cells["item"].strip(),
            layer=Layer(layer),
            input=cls(**{k: v for k, v in inputs.items() if v is not None}),
            **{k: v for k, v in others.items() if v is not None},
        )
    except InvalidModelError as exc:
        column = exc.path.removeprefix("input.").split(".")[0].split("[")[0]
        row.problem(
            column if column in row.header else "", exc.message, exc.code, details=exc.details
        )
        return None


def _blank(cells: dict[str, str], fields: dict[str, tuple[str, ...]]) -> bool:
    """Whether a row is a blank sheet's row not filled in: its required input cells empty."""
    tag = cells["input"].strip()
    if tag not in fields:
        return False
    required = [f.name for f in attrs.fields(INPUT_TAGS[tag]) if f.default is attrs.NOTHING]
    return bool(required) and all(not cells[name].strip() for name in fields[tag])


def sheet_from_csv(
    text: str,
    *,
    year: int,
    scheme: str,
    convention: NumberConvention,
    sheet: str = "sheet",
    delimiter: str | None = None,
) -> ScoringSheet:
    """Read a score sheet written by :func:`sheet_to_csv` (or filled in from a blank one).

    Rows whose input cells are all empty (a blank row not filled in) are skipped. The text
    is UTF-8 with or without a byte-order mark (Excel's "CSV UTF-8"); cells are separated
    by ``,`` or ``;``, detected from the header line unless *delimiter* says which.

    Args:
        text: The CSV text.
        year: The year scored.
        scheme: The code of the scheme.
        convention: How the numbers are written; declared, never guessed.
        sheet: The sheet's name, for messages (the file name, say).
        delimiter: ``","`` or ``";"``; detected when ``None``.

    Raises:
        SpreadsheetError: every bad cell, by sheet, row and column.
    """
    return _sheet_from_rows(
        csv_rows(text, delimiter),
        year=year,
        scheme=scheme,
        convention=convention,
        sheet=sheet,
    )


def _totals_row(values: list[str], places: dict[str, int]) -> bool:
    unit, name = places["unit"], places["unit_name"]
    return (
        len(values) > max(unit, name)
        and not values[unit].strip()
        and values[name].strip() == TOTALS
    )


def _sheet_from_rows(
    rows_in: Iterable[list[str]],
    *,
    year: int,
    scheme: str,
    convention: NumberConvention,
    sheet: str,
    problems_before: Iterable[CellProblem] = (),
) -> ScoringSheet:
    reader = iter(rows_in)
    header = next(reader, [])
    expected = list(columns())
    keys = [_key(cell) for cell in header]
    places = {key: index for index, key in enumerate(keys) if key is not None}
    if None in keys or len(places) != len(keys) or not set(expected) <= set(places):
        raise SpreadsheetError([_header_problem(sheet, header, expected)])
    fields = _input_fields()
    units: dict[str, str] = {}
    assessments: list[Assessment] = []
    rows: list[int] = []
    problems: list[CellProblem] = list(problems_before)
    for number, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        if _totals_row(values, places):
            continue  # the totals row of an export for reading: sums, not an assessment
        cells = {key: values[i] if i < len(values) else "" for key, i in places.items()}
        row = _Row(sheet, number, cells, convention, places)
        if len(values) != len(header):
            row.problem("", f"expected {len(header)} cells, got {len(values)}", "invalid-row")
        elif _blank(cells, fields):
            continue  # a row of a blank sheet, not filled in
        else:
            assessment = _assessment(row, units)
            if assessment is not None:
                units.setdefault(assessment.unit, cells["unit_name"].strip())
                assessments.append(assessment)
                rows.append(number)
        problems += row.problems
    if problems:
        raise SpreadsheetError(problems)
    try:
        return ScoringSheet(
            year=year,
            scheme=scheme,
            units=tuple(SheetUnit(code=c, name=n) for c, n in units.items()),
            assessments=tuple(assessments),
        )
    except InvalidModelError as exc:
        match = re.match(r"assessments\[(\d+)\]\.?(\w*)", exc.path)
        row = _Row(sheet, rows[int(match.group(1))] if match else 1, {}, convention, places)
        column = match.group(2) if match and match.group(2) in expected else ""
        row.problem(column, exc.message, exc.code, details=exc.details)
        raise SpreadsheetError(row.problems) from None


# ---------------------------------------------------------------------------------------
# XLSX (extra ``thidua[xlsx]``, on openpyxl).


def _openpyxl() -> Any:
    try:
        import openpyxl  # noqa: PLC0415 - optional extra
    except ModuleNotFoundError as exc:  # pragma: no cover - exercised without the extra
        msg = "XLSX needs the 'xlsx' extra: pip install 'thidua[xlsx]'"
        raise ImportError(msg) from exc
    return openpyxl


def _text_cells(page: Any) -> None:
    """Make every cell of *page* a text cell showing what it holds: no formula, ever."""
    for cells in page.iter_rows():
        for cell in cells:
            if cell.value is not None:
                cell.data_type = "s"  # openpyxl makes "=..." a formula: data stays text
            cell.number_format = "@"


#: Columns holding numbers, written as numeric cells in an export for reading.
_NUMERIC: Final = (
    "points",
    "shortcomings",
    "percent",
    "actual",
    "target",
    "value",
    "first",
    "second",
    "count",
    "bonus",
)
#: The unit name of the totals row of an export for reading; such a row is never read.
TOTALS: Final = "Tổng cộng"


def sheet_to_xlsx(
    sheet: ScoringSheet,
    convention: NumberConvention,
    *,
    title: str = "Chấm điểm",
    reading: bool = False,
) -> bytes:
    """Write a score sheet as an XLSX workbook.

    By default every cell is text: numbers are stored as the text the CSV form has
    ("95,50"), so a spreadsheet shows them exactly. With *reading*, the export is meant
    for people: numbers are numeric cells (a spreadsheet can sum and sort them) and a last
    row, "Tổng cộng", holds the sums of the points and bonus columns, as values. Either
    way no cell is a formula (a name starting with ``=`` is stored as that text), and
    :func:`sheet_from_xlsx` reads both back (the totals row is skipped).

    Args:
        sheet: The sheet.
        convention: How to write numbers in text cells.
        title: The worksheet's name.
        reading: Numeric cells and a totals row, for reading rather than filling in.
    """
    openpyxl = _openpyxl()
    book = openpyxl.Workbook()
    page = book.active
    page.title = title
    rows = list(csv_rows(sheet_to_csv(sheet, convention), ","))
    for row in rows:
        page.append(row)
    _text_cells(page)
    page.freeze_panes = "A2"
    if reading:
        header = rows[0]
        places = [header.index(name) for name in _NUMERIC]
        for number, row in enumerate(rows[1:], start=2):
            for place in places:
                if row[place]:
                    cell = page.cell(number, place + 1)
                    cell.value = parse_number(row[place], convention)
                    cell.number_format = "General"
        totals = dict.fromkeys(("points", "bonus"), Decimal(0))
        for assessment in sheet.assessments:
            totals["points"] += getattr(assessment.input, "points", Decimal(0))
            totals["bonus"] += assessment.bonus or Decimal(0)
        page.append([""] * len(header))
        last = page.max_row
        page.cell(last, header.index("unit_name") + 1, TOTALS).data_type = "s"
        for name, total in totals.items():
            page.cell(last, header.index(name) + 1, total).number_format = "General"
        for index, name in enumerate(header):
            width = max(len(name), *(len(row[index]) for row in rows))
            page.column_dimensions[_letter(index)].width = min(max(width + 2, 8), 60)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _named(problems: Iterable[CellProblem], header: Iterable[str]) -> list[CellProblem]:
    """Problems of cells found by letter, given their column's name."""
    names = {_letter(index): name for index, name in enumerate(header)}
    return [
        attrs.evolve(p, column=names.get(p.letter, "")) if p.letter and not p.column else p
        for p in problems
    ]


def sheet_from_xlsx(
    data: bytes,
    *,
    year: int,
    scheme: str,
    convention: NumberConvention,
    worksheet: str | None = None,
    limits: XlsxLimits = XLSX_LIMITS,
) -> ScoringSheet:
    """Read a score sheet from an XLSX workbook (the first worksheet, or *worksheet*).

    Text cells are read as text, in *convention*. A numeric cell is read exactly as the
    shortest decimal that gives back its stored double, which is what a spreadsheet
    shows (a typed 2.5 is 2.5); a number of more than 15 significant digits (beyond a
    spreadsheet's precision) is refused (code ``too-precise``), and so are a formula
    cell (``formula-cell``) and a cell holding an infinity (``invalid-cell``). The archive
    is bounded before it is expanded (*limits*). Nothing is guessed from a cell's
    display format.

    Args:
        data: The workbook's bytes.
        year: The year scored.
        scheme: The code of the scheme.
        convention: How text numbers are written.
        worksheet: The worksheet's name; the first one by default.
        limits: Bounds on the archive and the worksheet.

    Raises:
        SpreadsheetError: every bad cell, by worksheet, row and column; a workbook that
            cannot be read or is too large, as one problem (row 0).
    """
    book = read_xlsx(data, convention=convention, worksheet=worksheet, limits=limits)
    header = book.rows[0] if book.rows else []
    width = len(header)
    rows = []
    for texts in book.rows:
        while texts and not texts[-1] and len(texts) > width:
            texts.pop()
        rows.append(texts + [""] * (width - len(texts)))  # a workbook leaves out empty cells
    return _sheet_from_rows(
        rows,
        year=year,
        scheme=scheme,
        convention=convention,
        sheet=book.title,
        problems_before=_named(book.problems, header),
    )
