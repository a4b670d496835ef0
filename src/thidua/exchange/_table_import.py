"""Points tables imported from the spreadsheet form in which provinces publish them.

A published table (bảng điểm) has one row per section or criterion. The columns read are
found by their header, matched after NFC normalisation, case-insensitively and with runs of
white space collapsed:

- numbering: ``STT``, ``TT`` or ``Số TT`` (required);
- label: ``Nội dung``, ``Tiêu chí`` or ``Nội dung tiêu chí`` (required);
- maximum points: ``Điểm chuẩn``, ``Điểm tối đa`` or ``Thang điểm`` (required);
- legal basis: ``Căn cứ`` or ``Căn cứ pháp lý`` (optional).

Other columns ("Điểm tự chấm", "Ghi chú") are ignored. The header is the first row with a
numbering cell; rows above it (the table's title) are ignored.

Numbering (the ``STT`` cell, stripped, one trailing ``.`` allowed):

- a Roman numeral in capitals (``I``, ``II``, ..., ``XXXIX``) opens a top-level section;
- a whole number (``1``, ``2``) is an item of the current section, or a top-level item
  before any section;
- dotted whole numbers (``1.1``, ``1.1.2``) are sub-items of the item numbered without the
  last part, which must be the latest item at that level (the row order is the table's).

An item with sub-items is a section whose maximum is its cap (left empty: no cap); the
sub-items need not add up to it. An item without sub-items is a criterion, scored by hand
from 0 to its maximum (:class:`~thidua.scoring.ManualPoints`); its maximum is required.
A Roman section must have items. Codes come from the numbering: ``II``, ``II.1``,
``II.1.2`` (``1``, ``1.2`` for items before any section).

Rows whose numbering cell is empty are skipped when the whole row is empty; a total row
(label starting with ``Tổng`` or ``Cộng``) is checked: its maximum, if given, must equal
the scale. Any other row without numbering is a bad cell.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal
from os import PathLike
from typing import Final

from thidua._base.numbers import NumberConvention, parse_number
from thidua.errors import (
    NO_DETAILS,
    CellProblem,
    Details,
    InvalidModelError,
    NumberFormatError,
    SpreadsheetError,
)
from thidua.exchange._cells import XLSX_LIMITS, XlsxLimits, csv_rows, read_xlsx
from thidua.exchange._sheets import _letter, _named
from thidua.exchange._table_build import Builder, TableImport
from thidua.scoring import Combination, LayerRule, Scheme

__all__ = ["scheme_from_table_csv", "scheme_from_table_xlsx"]

_HEADERS: Final = {
    "number": ("stt", "tt", "số tt"),
    "label": ("nội dung", "tiêu chí", "nội dung tiêu chí", "nội dung chấm điểm"),
    "max": ("điểm chuẩn", "chuẩn", "điểm tối đa", "thang điểm"),
    "basis": ("căn cứ", "căn cứ pháp lý"),
    "bonus": ("điểm thưởng", "cộng", "điểm cộng"),
    "deduction": ("điểm trừ", "trừ"),
    "rule": ("cách chấm", "cách chấm điểm", "hướng dẫn chấm điểm"),
}
_REQUIRED: Final = ("number", "label", "max")


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


class _Reader:
    """Reads the rows of one table, collecting problems."""

    def __init__(self, sheet: str, convention: NumberConvention) -> None:
        self.sheet = sheet
        self.convention = convention
        self.columns: dict[str, int] = {}
        self.names: dict[str, str] = {}
        self.problems: list[CellProblem] = []

    def problem(
        self, row: int, key: str, message: str, code: str, *, details: Details = NO_DETAILS
    ) -> None:
        index = self.columns.get(key)
        self.problems.append(
            CellProblem(
                sheet=self.sheet,
                row=row,
                column=self.names.get(key, ""),
                letter="" if index is None else _letter(index),
                message=message,
                code=code,
                details=details,
            )
        )

    def header(self, row: int, cells: Sequence[str]) -> None:
        for index, cell in enumerate(cells):
            folded = _fold(cell)
            for key, names in _HEADERS.items():
                if folded not in names:
                    continue
                if key in self.columns:
                    msg = f"two columns give the {key}: {self.names[key]!r} and {cell.strip()!r}"
                    self.problems.append(
                        CellProblem(
                            sheet=self.sheet,
                            row=row,
                            column=cell.strip(),
                            letter=_letter(index),
                            message=msg,
                            code="invalid-header",
                        )
                    )
                else:
                    self.columns[key] = index
                    self.names[key] = cell.strip()
        missing = [key for key in _REQUIRED if key not in self.columns]
        if missing:
            wanted = "; ".join(" or ".join(repr(n) for n in _HEADERS[k]) for k in missing)
            self.problems.append(
                CellProblem(
                    sheet=self.sheet,
                    row=row,
                    column="",
                    letter="",
                    message=f"the header lacks a column: {wanted}",
                    code="invalid-header",
                )
            )

    def cell(self, cells: Sequence[str], key: str) -> str:
        index = self.columns.get(key)
        if index is None or index >= len(cells):
            return ""
        return cells[index].strip()

    def number(self, row: int, cells: Sequence[str]) -> Decimal | None:
        text = self.cell(cells, "max")
        if not text:
            return None
        try:
            value = parse_number(text, self.convention)
        except NumberFormatError as exc:
            self.problem(row, "max", exc.message, exc.code, details=exc.details)
            return None
        if value < 0:
            self.problem(row, "max", f"the maximum {text!r} is negative", "negative-points")
            return None
        return value


def _binary_problem(sheet: str, header: list[str], cell: tuple[int, int, object]) -> CellProblem:
    """The problem of a numbering stored as a number with a fraction ("1.1" or "1.10"?)."""
    row, index, value = cell
    column = header[index] if index < len(header) else ""
    msg = (
        f"the numbering is stored as the number {value!r}; enter it as text"
        ' ("1.1" and "1.10" are different items)'
    )
    return CellProblem(
        sheet=sheet,
        row=row,
        column=column,
        letter=_letter(index),
        message=msg,
        code="binary-number",
    )


def _is_header(cells: Sequence[str]) -> bool:
    return any(_fold(cell) in _HEADERS["number"] for cell in cells)


def _table_from_rows(
    rows: Iterable[Sequence[str]],
    *,
    code: str,
    label: str,
    convention: NumberConvention,
    first_year: int,
    scale: Decimal,
    last_year: int | None,
    combination: Combination | None,
    legal_basis: str | None,
    sheet: str,
    problems_before: Iterable[CellProblem] = (),
) -> TableImport:
    reader = _Reader(sheet, convention)
    reader.problems += problems_before
    builder = Builder(reader, scale)
    header_row = 0
    for number, raw in enumerate(rows, start=1):
        cells = [unicodedata.normalize("NFC", c) for c in raw]
        if header_row:
            builder.add(number, cells)
        elif _is_header(cells):
            header_row = number
            reader.header(number, cells)
            if reader.problems:
                break
            builder.header(number)
    if not header_row:
        msg = "no header row: one cell must read 'STT', 'TT' or 'Số TT'"
        reader.problems.append(
            CellProblem(
                sheet=sheet, row=1, column="", letter="", message=msg, code="invalid-header"
            )
        )
    criteria = builder.build() if builder.top or not reader.problems else ()
    if reader.problems:
        raise SpreadsheetError(sorted(reader.problems, key=lambda p: p.row))
    try:
        scheme = Scheme(
            code=code,
            label=label,
            first_year=first_year,
            last_year=last_year,
            scale=scale,
            criteria=criteria,
            adjustments=tuple(builder.adjustments),
            bonus_cap=builder.bonus_cap,
            combination=combination or Combination(layers=LayerRule.LAST),
            legal_basis=legal_basis,
            note=builder.note_text(),
        )
    except InvalidModelError as exc:
        if exc.path not in ("criteria", "bonus_cap") and not exc.path.startswith("adjustments"):
            raise  # an argument of the caller, not a cell
        reader.problem(header_row, "", exc.message, exc.code, details=exc.details)
        raise SpreadsheetError(reader.problems) from None
    return TableImport(
        scheme=scheme, notes=tuple(builder.notes), to_declare=tuple(builder.to_declare)
    )


def xlsx_rows(
    source: bytes | str | PathLike[str],
    worksheet: str | None,
    convention: NumberConvention,
    limits: XlsxLimits = XLSX_LIMITS,
) -> tuple[list[list[str]], list[CellProblem], str]:
    """The rows of a table's worksheet as text, its cells' problems, the sheet's name.

    The archive is bounded before it is expanded (*limits*); numeric cells are read
    exactly; a numbering stored as a number with a fraction is refused.
    """
    book = read_xlsx(source, convention=convention, worksheet=worksheet, limits=limits)
    rows = book.rows
    header = [c.strip() for c in next((row for row in rows if _is_header(row)), [])]
    numbering = {i for i, name in enumerate(header) if _fold(name) in _HEADERS["number"]}
    problems = [
        _binary_problem(book.title, header, cell) for cell in book.fractions if cell[1] in numbering
    ]
    problems += _named(book.problems, header)
    return rows, problems, book.title


def scheme_from_table_csv(
    text: str,
    *,
    code: str,
    label: str,
    convention: NumberConvention,
    first_year: int,
    scale: Decimal,
    last_year: int | None = None,
    combination: Combination | None = None,
    legal_basis: str | None = None,
    sheet: str = "table",
    delimiter: str | None = None,
) -> Scheme:
    """Import a points table from the CSV form of its published spreadsheet.

    Columns are found by header (NFC, any case): ``STT`` (or ``TT``, ``Số TT``),
    ``Nội dung`` (or ``Tiêu chí``), ``Điểm chuẩn`` (or ``Điểm tối đa``, ``Thang điểm``)
    and, optionally, ``Căn cứ``; rows above the header are skipped, other columns ignored.
    The numbering makes the tree: a Roman numeral (``I``) opens a section, a number
    (``1``) is an item of it, a dotted number (``1.1``) a sub-item of the latest item
    ``1``; one trailing dot is allowed. An item with sub-items is a section capped at its
    maximum (the sub-items need not add up to it); an item without is a criterion scored
    by hand from 0 to its maximum (:class:`~thidua.scoring.ManualPoints`). Codes follow
    the numbering (``II.1.2``). A total row (label "Tổng cộng" or "Cộng", no numbering)
    must show the scale. The text is UTF-8 with or without a byte-order mark, its cells
    separated by ``,`` or ``;`` (detected unless *delimiter* says).

    Args:
        text: The CSV text.
        code: The scheme's code.
        label: The scheme's title.
        convention: How the maxima are written ("9,98" or "9.98"); declared, never guessed.
        first_year: The first year scored against the table.
        scale: The base scale (100, 1000); a total row, if any, must show it.
        last_year: The last year, or ``None``.
        combination: How assessment layers combine; by default the last layer present
            wins (a choice of this function, not of the table: pass your own).
        legal_basis: The text that sets the table, if known.
        sheet: The sheet's name, for messages (the file name, say).
        delimiter: ``","`` or ``";"``; detected from the first line when ``None``.

    Raises:
        SpreadsheetError: every bad cell, by sheet, row and column.
    """
    return _table_from_rows(
        csv_rows(text, delimiter),
        code=code,
        label=label,
        convention=convention,
        first_year=first_year,
        scale=scale,
        last_year=last_year,
        combination=combination,
        legal_basis=legal_basis,
        sheet=sheet,
    ).scheme


def scheme_from_table_xlsx(
    source: bytes | str | PathLike[str],
    *,
    code: str,
    label: str,
    convention: NumberConvention,
    first_year: int,
    scale: Decimal,
    last_year: int | None = None,
    combination: Combination | None = None,
    legal_basis: str | None = None,
    worksheet: str | None = None,
    limits: XlsxLimits = XLSX_LIMITS,
) -> Scheme:
    """Import a points table from a workbook (extra ``thidua[xlsx]``).

    The rules are those of :func:`scheme_from_table_csv`. Text cells are read in
    *convention*; a numeric cell is read exactly, as the shortest decimal that gives back
    its stored double (what the spreadsheet shows: a typed 9.98 is 9.98); more than 15
    significant digits is refused (``too-precise``), and so is a formula cell
    (``formula-cell``) or a numbering stored as a number with a fraction
    (``binary-number``: "1.1" and "1.10" are different items). The archive is bounded
    before it is expanded (*limits*).

    Args:
        source: The workbook's bytes, or its path.
        code: The scheme's code.
        label: The scheme's title.
        convention: How text maxima are written; declared, never guessed.
        first_year: The first year scored against the table.
        scale: The base scale (100, 1000).
        last_year: The last year, or ``None``.
        combination: How assessment layers combine (by default the last layer wins).
        legal_basis: The text that sets the table, if known.
        worksheet: The worksheet's name; the first one by default.
        limits: How large a workbook to expand.

    Raises:
        SpreadsheetError: every bad cell, by worksheet, row and column.
    """
    rows, problems, title = xlsx_rows(source, worksheet, convention, limits)
    return _table_from_rows(
        rows,
        code=code,
        label=label,
        convention=convention,
        first_year=first_year,
        scale=scale,
        last_year=last_year,
        combination=combination,
        legal_basis=legal_basis,
        sheet=title,
        problems_before=problems,
    ).scheme
