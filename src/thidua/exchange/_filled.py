"""The blank sheet a unit fills in, with labels and maxima shown, and the filled sheet read back.

The blank sheet is :func:`~thidua.blank_sheet_csv`'s, with two columns for the reader after
``item``: ``label`` (the item as the table words it) and ``max_points`` (its maximum; for
an adjustment its amount and cap). They are shown, never read: the filled sheet is read
without them, so a changed label cannot change a score.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from os import PathLike
from pathlib import Path
from typing import Final, Literal

from thidua._base.numbers import NumberConvention, format_number
from thidua.errors import CellProblem, SpreadsheetError
from thidua.exchange._sheets import (
    _letter,
    _openpyxl,
    _sheet_from_rows,
    _text_of,
    blank_sheet_csv,
    columns,
)
from thidua.scoring import AwardBonus, Bonus, Knockout, Layer, Penalty, Scheme, ScoringSheet, Unit

__all__ = ["SheetFormat", "blank_sheet", "read_filled_sheet"]

SheetFormat = Literal["csv", "xlsx"]
"""The forms of a score sheet."""

_SHOWN: Final = ("label", "max_points")
_AFTER: Final = "item"


def _shown(scheme: Scheme, convention: NumberConvention) -> dict[str, tuple[str, str]]:
    """Each item's label and maximum as shown."""

    def number(value: object) -> str:
        return format_number(value, convention, grouping=False)  # type: ignore[arg-type]

    shown = {c.code: (c.label, number(c.max_points)) for c in scheme.leaves()}
    for adjustment in scheme.adjustments:
        text = ""
        if isinstance(adjustment, Bonus):
            parts = [] if adjustment.per_case is None else [f"{number(adjustment.per_case)}/lần"]
            if adjustment.cap is not None:
                parts.append(f"tối đa {number(adjustment.cap)}")
            text = ", ".join(parts)
        elif isinstance(adjustment, AwardBonus):
            text = "" if adjustment.cap is None else f"tối đa {number(adjustment.cap)}"
        elif isinstance(adjustment, Penalty):
            text = f"-{number(adjustment.points)}" + ("/lần" if adjustment.per_case else "")
            if adjustment.cap is not None:
                text += f", tối đa {number(adjustment.cap)}"
        elif isinstance(adjustment, Knockout):
            text = ""
        shown[adjustment.code] = (adjustment.label, text)
    return shown


def blank_sheet_rows(
    scheme: Scheme, units: Iterable[Unit], convention: NumberConvention, layer: Layer
) -> list[list[str]]:
    """The rows of the blank sheet, header first, with the shown columns."""
    rows = list(csv.reader(io.StringIO(blank_sheet_csv(scheme, units, layer))))
    at = rows[0].index(_AFTER) + 1
    shown = _shown(scheme, convention)
    out = [[*rows[0][:at], *_SHOWN, *rows[0][at:]]]
    for row in rows[1:]:
        label, maximum = shown[row[at - 1]]
        out.append([*row[:at], label, maximum, *row[at:]])
    return out


def blank_sheet(
    scheme: Scheme,
    units: Iterable[Unit],
    *,
    convention: NumberConvention,
    layer: Layer = Layer.SELF,
    sheet_format: SheetFormat = "xlsx",
) -> bytes:
    """The blank sheet units fill in, labels and maxima shown, as XLSX or CSV bytes.

    One row per unit and item (criteria in table order, then adjustments), as
    :func:`~thidua.blank_sheet_csv` writes it, with ``label`` and ``max_points`` after
    ``item``. In a workbook every cell is a text cell, so what is typed stays exact.

    Args:
        scheme: The points table.
        units: The units that fill it in.
        convention: How the maxima are shown and the points will be written.
        layer: The layer the sheet is for (self-assessment by default).
        sheet_format: ``"xlsx"`` (extra ``thidua[xlsx]``) or ``"csv"`` (UTF-8).
    """
    rows = blank_sheet_rows(scheme, units, convention, layer)
    if sheet_format == "csv":
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        return out.getvalue().encode()
    openpyxl = _openpyxl()
    book = openpyxl.Workbook()
    page = book.active
    page.title = "Chấm điểm"
    for row in rows:
        page.append(row)
    for cells in page.iter_rows():
        for cell in cells:
            cell.number_format = "@"  # Text: the cell shows what it holds
    page.column_dimensions[_letter(rows[0].index("label"))].width = 60
    page.freeze_panes = "A2"
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def _xlsx_rows(
    data: bytes, convention: NumberConvention
) -> tuple[list[list[str]], list[CellProblem], str]:
    """A workbook's first worksheet as text, and its binary-number cells."""
    openpyxl = _openpyxl()
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    page = book.worksheets[0]
    rows: list[list[str]] = []
    problems: list[CellProblem] = []
    for number, values in enumerate(page.iter_rows(values_only=True), start=1):
        texts: list[str] = []
        for index, value in enumerate(values):
            text = _text_of(value)
            if text is None:
                shown = format_number(Decimal(str(value)), convention)
                problems.append(
                    CellProblem(
                        sheet=page.title,
                        row=number,
                        column="",
                        letter=_letter(index),
                        message=f"the number {value!r} is stored as a binary number;"
                        f" enter it as text, such as {shown!r}",
                        code="binary-number",
                    )
                )
                text = ""
            texts.append(text)
        while texts and not texts[-1]:
            texts.pop()
        rows.append(texts)
    book.close()
    return rows, problems, page.title


def _without_shown(
    rows: Sequence[Sequence[str]],
) -> tuple[list[list[str]], list[str]]:
    """The rows without the shown columns, and the header as written."""
    header = [cell.strip() for cell in rows[0]] if rows else []
    keep = [i for i, name in enumerate(header) if name not in _SHOWN]
    width = len(columns())
    out = []
    for row in rows:
        cells = [row[i] if i < len(row) else "" for i in keep]
        if len(cells) > width and not any(c.strip() for c in cells[width:]):
            cells = cells[:width]
        out.append(cells)
    return out, header


def read_filled_sheet(
    source: bytes | str | PathLike[str],
    *,
    scheme: Scheme,
    year: int,
    convention: NumberConvention,
    sheet_format: SheetFormat | None = None,
    name: str | None = None,
) -> ScoringSheet:
    """Read a filled sheet (CSV or XLSX) against its scheme, the shown columns left out.

    The sheet of :func:`blank_sheet` once filled in; a sheet without the ``label`` and
    ``max_points`` columns reads the same. Rows left empty are skipped. Problems name the
    cell in the file as the unit sees it.

    Args:
        source: The file's bytes, or its path.
        scheme: The scheme the sheet is scored against.
        year: The year scored.
        convention: How the numbers are written; declared, never guessed.
        sheet_format: ``"csv"`` or ``"xlsx"``; by default from the path's suffix.
        name: The file's name, for messages; by default the path's name.

    Raises:
        SpreadsheetError: every bad cell, by sheet, row and column.
    """
    path = None if isinstance(source, bytes) else Path(source)
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    kind = sheet_format or (path.suffix.lower().lstrip(".") if path is not None else None)
    sheet = name or (path.name if path is not None else "sheet")
    problems: list[CellProblem] = []
    if kind == "xlsx":
        rows, problems, _ = _xlsx_rows(data, convention)
    elif kind == "csv":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            problem = CellProblem(
                sheet=sheet,
                row=1,
                column="",
                letter="",
                message="not UTF-8 text",
                code="unreadable-file",
            )
            raise SpreadsheetError([problem]) from None
        rows = [list(row) for row in csv.reader(io.StringIO(text))]
    else:
        msg = f"unknown sheet format {kind!r}: expected csv or xlsx"
        raise ValueError(msg)
    kept, header = _without_shown(rows)
    try:
        return _sheet_from_rows(
            kept,
            year=year,
            scheme=scheme.code,
            convention=convention,
            sheet=sheet,
            problems_before=problems,
        )
    except SpreadsheetError as exc:
        raise SpreadsheetError(_relettered(p, header) for p in exc.problems) from None


def _relettered(problem: CellProblem, header: list[str]) -> CellProblem:
    """The problem with the letter of its column in the file as written."""
    if problem.column and problem.column in header:
        letter = _letter(header.index(problem.column))
        return CellProblem(
            problem.message,
            sheet=problem.sheet,
            row=problem.row,
            column=problem.column,
            letter=letter,
            code=problem.code,
            details=problem.details,
        )
    return problem
