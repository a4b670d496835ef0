"""One entry point for a points table as published: CSV, XLSX or DOCX, with its findings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from os import PathLike
from pathlib import Path
from typing import Final, Literal

from thidua._base.numbers import NumberConvention
from thidua.errors import CellProblem, SpreadsheetError
from thidua.exchange._cells import csv_rows
from thidua.exchange._docx_tables import docx_rows
from thidua.exchange._table_build import TableImport
from thidua.exchange._table_import import _is_header, _table_from_rows, xlsx_rows
from thidua.scoring import Combination

__all__ = ["TableFormat", "read_table"]

TableFormat = Literal["csv", "xlsx", "docx"]
"""The forms a points table is read from."""

_FORMATS: Final = ("csv", "xlsx", "docx")


def read_table(
    source: bytes | str | PathLike[str],
    *,
    code: str,
    label: str,
    convention: NumberConvention,
    first_year: int,
    scale: Decimal,
    table_format: TableFormat | None = None,
    last_year: int | None = None,
    combination: Combination | None = None,
    legal_basis: str | None = None,
    name: str | None = None,
    worksheet: str | None = None,
    table: int | None = None,
) -> TableImport:
    """Import a points table as published (CSV, XLSX or DOCX), with what it leaves open.

    The rules are those of :func:`scheme_from_table_csv`, with every numbering style and
    header of :doc:`/sheets`: parts A / B / C, Roman, Arabic and dotted numbers, letters
    (``a``, ``a1``, ``2.a)``), part numbers (``C1``), labels split over two rows, bonus
    and deduction parts and columns, rule rows (Cách chấm) kept as notes. What the table
    does not say is listed in :attr:`TableImport.to_declare`, never guessed.

    Args:
        source: The file's bytes, or its path.
        code: The scheme's code.
        label: The scheme's title.
        convention: How the numbers are written; declared, never guessed.
        first_year: The first year scored against the table.
        scale: The base scale (100, 1000); a total row, if any, must show it.
        table_format: ``"csv"`` (UTF-8), ``"xlsx"`` or ``"docx"``; by default from the
            path's suffix (required with bytes).
        last_year: The last year, or ``None``.
        combination: How assessment layers combine (by default the last layer wins).
        legal_basis: The text that sets the table, if known.
        name: The file's name, for messages; by default the path's name.
        worksheet: The workbook's worksheet; the first one by default.
        table: The document's table, from 1; by default the first with a header row.

    Raises:
        SpreadsheetError: every bad cell, by sheet, row and column.
        ValueError: the format is neither given nor known from the path.
    """
    path = None if isinstance(source, bytes) else Path(source)
    kind = table_format or (path.suffix.lower().lstrip(".") if path is not None else None)
    if kind not in _FORMATS:
        msg = f"unknown table format {kind!r}: expected one of {', '.join(_FORMATS)}"
        raise ValueError(msg)
    sheet = name or (path.name if path is not None else "table")
    problems: list[CellProblem] = []
    rows: Iterable[Sequence[str]]
    if kind == "csv":
        data = source if isinstance(source, bytes) else Path(source).read_bytes()
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
        rows = csv_rows(text)
    elif kind == "xlsx":
        rows, problems, sheet = xlsx_rows(source, worksheet, convention)
    else:
        rows, sheet = docx_rows(source, table=table, name=sheet, is_header=_is_header)
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
        sheet=sheet,
        problems_before=problems,
    )
