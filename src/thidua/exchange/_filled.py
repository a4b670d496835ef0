"""The blank sheet a unit fills in and the filled sheet read back, in either form.

The sheet is :func:`~thidua.blank_sheet_csv`'s (or :func:`~thidua.blank_sheet_xlsx`'s):
Vietnamese headers, the unit's name, the criterion's label and maximum shown beside each
input. The shown columns are never read, so a changed label cannot change a score.
"""

from __future__ import annotations

from collections.abc import Iterable
from os import PathLike
from pathlib import Path
from typing import Literal

from thidua._base.numbers import NumberConvention
from thidua.errors import CellProblem, SpreadsheetError
from thidua.exchange._sheets import (
    blank_sheet_csv,
    blank_sheet_xlsx,
    sheet_from_csv,
    sheet_from_xlsx,
)
from thidua.scoring import Layer, Scheme, ScoringSheet, SheetUnit

__all__ = ["SheetFormat", "blank_sheet", "read_filled_sheet"]

SheetFormat = Literal["csv", "xlsx"]
"""The forms of a score sheet."""


def blank_sheet(
    scheme: Scheme,
    units: Iterable[SheetUnit],
    *,
    layer: Layer = Layer.SELF,
    sheet_format: SheetFormat = "xlsx",
) -> bytes:
    """The blank sheet units fill in, labels and maxima shown, as XLSX or CSV bytes.

    The CSV is written for Excel (UTF-8 with a byte-order mark, see
    :func:`~thidua.blank_sheet_csv`); the workbook is :func:`~thidua.blank_sheet_xlsx`'s.

    Args:
        scheme: The points table.
        units: The units that fill it in.
        layer: The layer the sheet is for (self-assessment by default).
        sheet_format: ``"xlsx"`` (extra ``thidua[xlsx]``) or ``"csv"``.
    """
    if sheet_format == "csv":
        return blank_sheet_csv(scheme, units, layer, excel=True).encode("utf-8")
    return blank_sheet_xlsx(scheme, units, layer)


def read_filled_sheet(
    source: bytes | str | PathLike[str],
    *,
    scheme: Scheme,
    year: int,
    convention: NumberConvention,
    sheet_format: SheetFormat | None = None,
    name: str | None = None,
) -> ScoringSheet:
    """Read a filled sheet (CSV or XLSX) for *scheme*; the shown columns are left out.

    Args:
        source: The file's bytes, or its path.
        scheme: The scheme the sheet is scored against.
        year: The year scored.
        convention: How the numbers are written; declared, never guessed.
        sheet_format: ``"csv"`` or ``"xlsx"``; by default from the path's suffix.
        name: The file's name, for messages; by default the path's name.

    Raises:
        SpreadsheetError: every bad cell, by sheet, row and column.
        ValueError: the format is neither CSV nor XLSX.
    """
    path = None if isinstance(source, bytes) else Path(source)
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    kind = sheet_format or (path.suffix.lower().lstrip(".") if path is not None else None)
    sheet = name or (path.name if path is not None else "sheet")
    if kind == "xlsx":
        return sheet_from_xlsx(data, year=year, scheme=scheme.code, convention=convention)
    if kind != "csv":
        msg = f"unknown sheet format {kind!r}: expected csv or xlsx"
        raise ValueError(msg)
    try:
        text = data.decode("utf-8")
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
    return sheet_from_csv(text, year=year, scheme=scheme.code, convention=convention, sheet=sheet)
