"""Cells in and out of spreadsheets: CSV dialects, formula-safe text, bounded XLSX reading.

- **CSV** is read as UTF-8 with or without a byte-order mark; its separator is a comma or
  a semicolon, declared or detected from the first line (the one used more there).
- **Text that a spreadsheet would run** (a cell starting with ``=``, ``+``, ``-``, ``@``,
  a tab or a carriage return) is written to CSV behind a single quote, as OWASP advises
  against CSV injection; a cell starting with a quote gets one more, so reading strips
  exactly one and gives back the text written. XLSX cells are written as text cells, never
  formulas; a formula cell in a workbook read is refused (code ``formula-cell``).
- **XLSX archives are bounded before they are expanded**: the archive's total uncompressed
  size, its number of parts, the worksheet's declared dimension, rows, columns and each
  cell's text length (:data:`XLSX_LIMITS`). A broken archive is ``unreadable-file``.
- **Numeric cells are read exactly**: the shortest decimal that gives back the stored
  double (``repr(float)``, what Excel shows); more than 15 significant digits, Excel's own
  precision, is refused (``too-precise``), as are infinities and NaN (``invalid-cell``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zipfile
import zlib
from collections.abc import Iterator
from decimal import Decimal
from os import PathLike
from typing import Any, Final

import attrs

from thidua._base.cells import neutralise, unneutralise
from thidua._base.numbers import NumberConvention, format_number
from thidua.errors import CellProblem, SpreadsheetError

__all__ = [
    "XLSX_LIMITS",
    "XlsxLimits",
    "csv_rows",
    "neutralise",
    "read_xlsx",
    "unneutralise",
]

_BOM: Final = "\ufeff"
#: Excel keeps 15 significant digits.
_EXCEL_DIGITS: Final = 15


def _delimiter(first_line: str) -> str:
    return ";" if first_line.count(";") > first_line.count(",") else ","


def csv_rows(text: str, delimiter: str | None = None) -> Iterator[list[str]]:
    """The rows of CSV text: BOM dropped, ``,`` or ``;`` (detected when not given).

    Each cell is given back as written before :func:`neutralise`.
    """
    text = text.removeprefix(_BOM)
    if delimiter is None:
        first = next((line for line in text.splitlines() if line.strip()), "")
        delimiter = _delimiter(first)
    if delimiter not in {",", ";"}:
        msg = f"the separator must be ',' or ';', got {delimiter!r}"
        raise ValueError(msg)
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        yield [unneutralise(cell) for cell in row]


@attrs.frozen(kw_only=True)
class XlsxLimits:
    """Bounds on a workbook read, checked before the archive is expanded.

    Args:
        max_uncompressed: The archive's parts together, uncompressed, in bytes.
        max_parts: The number of parts (files) in the archive.
        max_rows: Rows of the worksheet (declared or found).
        max_columns: Columns of the worksheet (declared or found).
        max_text: Characters in one cell (Excel's own limit is 32,767).
    """

    max_uncompressed: int = 64 * 1024 * 1024
    max_parts: int = 1000
    max_rows: int = 100_000
    max_columns: int = 200
    max_text: int = 32_767


XLSX_LIMITS: Final = XlsxLimits()


def _file_problem(sheet: str, message: str, code: str, **details: object) -> SpreadsheetError:
    problem = CellProblem(
        sheet=sheet, row=0, column="", letter="", message=message, code=code, details=details
    )
    return SpreadsheetError([problem])


_DIMENSION_RE: Final = re.compile(
    rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]{1,3})?([0-9]{0,7}):?"
    rb"([A-Z]{1,3})?([0-9]{0,7})\""
)


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - ord("A") + 1
    return number


#: What reading a broken archive raises.
_ARCHIVE_ERRORS: Final = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    OSError,
    EOFError,
    ValueError,
    NotImplementedError,
    KeyError,
)


def _check_archive(
    data: bytes,
    name: str,
    limits: XlsxLimits,
    *,
    kind: str = "an XLSX workbook",
    noun: str = "workbook",
) -> None:
    """Refuse an archive too large once expanded, with too many parts or a vast sheet.

    *kind* and *noun* name the file in messages (``"a DOCX document"``, ``"document"``).
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except _ARCHIVE_ERRORS:
        raise _file_problem(name, f"not {kind}", "unreadable-file") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.max_parts:
            msg = f"the {noun} has {len(infos)} parts, more than {limits.max_parts}"
            raise _file_problem(name, msg, "too-large")
        total = sum(info.file_size for info in infos)
        if total > limits.max_uncompressed:
            msg = f"the {noun} expands to {total} bytes, more than {limits.max_uncompressed}"
            raise _file_problem(name, msg, "too-large")
        for info in infos:
            if not info.filename.startswith("xl/worksheets/") or info.file_size == 0:
                continue
            try:
                with archive.open(info) as part:
                    head = part.read(4096)
            except _ARCHIVE_ERRORS:
                raise _file_problem(name, f"not {kind}", "unreadable-file") from None
            match = _DIMENSION_RE.search(head)
            if match is None:
                continue
            rows = max(int(match[2] or 0), int(match[4] or 0))
            columns = max(_column_number(match[1] or b""), _column_number(match[3] or b""))
            if rows > limits.max_rows or columns > limits.max_columns:
                msg = (
                    f"the worksheet declares {rows} rows and {columns} columns, more than"
                    f" {limits.max_rows} rows or {limits.max_columns} columns"
                )
                raise _file_problem(name, msg, "too-large")


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def number_text(value: float, convention: NumberConvention) -> str | None:
    """A numeric cell as text in *convention*: exact, or ``None`` beyond Excel's digits."""
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        number = Decimal(repr(value))
    else:
        number = Decimal(value)
    digits = len(number.normalize().as_tuple().digits) if number else 1
    if digits > _EXCEL_DIGITS:
        return None
    return format_number(number, convention, grouping=False)


@attrs.frozen(kw_only=True)
class Workbook:
    """The rows of one worksheet as text, with the problems of its cells."""

    title: str
    rows: list[list[str]]
    problems: list[CellProblem]
    #: Numeric cells with a fraction: row, 0-based column, their value.
    fractions: list[tuple[int, int, float]]


def _cell_problem(
    sheet: str, row: int, index: int, message: str, code: str, **details: object
) -> CellProblem:
    return CellProblem(
        sheet=sheet,
        row=row,
        column="",
        letter=_letter(index),
        message=message,
        code=code,
        details=details,
    )


def _cell_text(
    value: Any, convention: NumberConvention, where: tuple[str, int, int], out: Workbook
) -> str:
    sheet, row, index = where
    if value is None:
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, int | float):
        text = number_text(value, convention)
        if text is None:
            if isinstance(value, float) and not math.isfinite(value):
                msg = f"the cell holds {value!r}, not a number"
                out.problems.append(_cell_problem(sheet, row, index, msg, "invalid-cell"))
            else:
                shown = repr(value) if isinstance(value, float) else str(value)
                if len(shown) > 40:  # noqa: PLR2004 - a long number is named by its size
                    shown = f"of {len(shown)} digits"
                msg = (
                    f"the number {shown} has more than {_EXCEL_DIGITS} significant digits,"
                    " more than a spreadsheet keeps; enter it as text"
                )
                out.problems.append(_cell_problem(sheet, row, index, msg, "too-precise"))
            return ""
        if isinstance(value, float) and not value.is_integer():
            out.fractions.append((row, index, value))
        return text
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date | dt.time | dt.timedelta):
        return value.isoformat() if not isinstance(value, dt.timedelta) else str(value)
    return str(value)


def read_xlsx(
    source: bytes | str | PathLike[str],
    *,
    convention: NumberConvention,
    worksheet: str | None = None,
    limits: XlsxLimits = XLSX_LIMITS,
) -> Workbook:
    """Read one worksheet's cells as text, bounded and exact.

    Raises:
        SpreadsheetError: the archive is not a workbook, is too large (``too-large``), has
            no such worksheet, or a cell is a formula, too long, or not a number.
    """
    if isinstance(source, bytes):
        data, name = source, "workbook"
    else:
        try:
            with open(source, "rb") as file:  # noqa: PTH123 - a path or a PathLike
                data = file.read(limits.max_uncompressed + 1)
        except OSError as exc:
            raise _file_problem(str(source), f"cannot read: {exc}", "unreadable-file") from None
        name = str(source)
    _check_archive(data, name, limits)
    try:
        import openpyxl  # noqa: PLC0415 - optional extra
    except ModuleNotFoundError as exc:  # pragma: no cover - exercised without the extra
        msg = "XLSX needs the 'xlsx' extra: pip install 'thidua[xlsx]'"
        raise ImportError(msg) from exc
    try:
        return _read(openpyxl, data, convention, worksheet, limits)
    except SpreadsheetError:
        raise
    except Exception as exc:  # noqa: BLE001 - a hostile archive breaks the reader anywhere
        msg = f"not a readable XLSX workbook: {type(exc).__name__}"
        raise _file_problem(name, msg, "unreadable-file") from None


def _read(
    openpyxl: Any,
    data: bytes,
    convention: NumberConvention,
    worksheet: str | None,
    limits: XlsxLimits,
) -> Workbook:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        if worksheet is not None and worksheet not in book.sheetnames:
            msg = f"the workbook has no worksheet {worksheet!r}"
            raise _file_problem("workbook", msg, "unreadable-file")
        if not book.worksheets:
            raise _file_problem("workbook", "the workbook has no worksheet", "unreadable-file")
        page = book[worksheet] if worksheet is not None else book.worksheets[0]
        out = Workbook(title=str(page.title), rows=[], problems=[], fractions=[])
        for number, cells in enumerate(page.iter_rows(), start=1):
            if number > limits.max_rows:
                msg = f"the worksheet has more than {limits.max_rows} rows"
                raise _file_problem(out.title, msg, "too-large")
            if len(cells) > limits.max_columns:
                msg = f"row {number} has more than {limits.max_columns} columns"
                raise _file_problem(out.title, msg, "too-large")
            texts: list[str] = []
            for index, cell in enumerate(cells):
                value = getattr(cell, "value", None)
                if getattr(cell, "data_type", None) == "f":
                    msg = "the cell holds a formula; enter its value instead"
                    out.problems.append(
                        _cell_problem(out.title, number, index, msg, "formula-cell")
                    )
                    texts.append("")
                    continue
                text = _cell_text(value, convention, (out.title, number, index), out)
                if len(text) > limits.max_text:
                    msg = f"the cell holds {len(text)} characters, more than {limits.max_text}"
                    out.problems.append(_cell_problem(out.title, number, index, msg, "too-long"))
                    text = ""
                texts.append(text)
            out.rows.append(texts)
        return out
    finally:
        book.close()
