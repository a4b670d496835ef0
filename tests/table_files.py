"""Build the corpus tables of tests/data/tables/ as workbooks and Word documents.

The CSV files are the tables as typed; these helpers lay the same rows out as a province
would: in a workbook, whole numbers as numbers and the rest as text; in a Word document,
the title above the table as paragraphs, the numbering cell merged down over a label's
second row, and total and rule rows merged from the numbering column across.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import docx
import openpyxl

TABLES = Path(__file__).parent / "data" / "tables"
_HEADER = ("stt", "tt", "số tt")


def rows_of(name: str) -> list[list[str]]:
    """The rows of a corpus table."""
    text = (TABLES / f"{name}.csv").read_text(encoding="utf-8")
    return [list(row) for row in csv.reader(io.StringIO(text))]


def header_index(rows: list[list[str]]) -> int:
    """The 0-based index of the header row."""
    return next(i for i, row in enumerate(rows) if row and row[0].strip().casefold() in _HEADER)


def workbook(rows: list[list[str]]) -> bytes:
    """The rows as a workbook: whole numbers as numbers, other cells as text."""
    book = openpyxl.Workbook()
    page = book.active
    assert page is not None
    page.title = "Bảng điểm"
    for row in rows:
        page.append([int(c) if c.isdigit() else (c or None) for c in row])
    for cells in page.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str):
                cell.number_format = "@"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def document(rows: list[list[str]]) -> bytes:
    """The rows as a Word document: title paragraphs, then one table from the header."""
    start = header_index(rows)
    body = rows[start:]
    width = len(body[0])
    doc = docx.Document()
    doc.add_paragraph("Một bảng khác, không có cột STT")
    doc.add_table(rows=1, cols=2).cell(0, 0).text = "Nơi nhận"
    for row in rows[:start]:
        doc.add_paragraph(row[0])
    table = doc.add_table(rows=len(body), cols=width)
    for r, row in enumerate(body):
        for c in range(width):
            table.cell(r, c).text = row[c] if c < len(row) else ""
    for r, row in enumerate(body[1:], start=1):
        number, label = row[0], row[1]
        rest = any(cell for cell in row[2:])
        if not number and label and not rest and r > 1 and body[r - 1][0]:
            # A label's second row: the numbering cell above is merged down over it.
            top = table.cell(r - 1, 0)
            top.merge(table.cell(r, 0))
            top.text = body[r - 1][0]
        elif not number and label.lstrip("-* ").casefold().startswith(("cách chấm", "tổng")):
            merged = table.cell(r, 0).merge(table.cell(r, 1 if rest else width - 1))
            merged.text = label
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
