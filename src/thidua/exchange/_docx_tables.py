"""Points tables read from Word documents (extra ``thidua[docx]``, on python-docx).

Most provinces publish their points table as a table in a Word document. Each row of the
table is read as a row of text cells: a cell merged across columns gives its text to its
first column and leaves the others empty, a cell merged down the rows gives its text to its
first row (so a numbering cell merged over a label's two rows numbers the first), and the
paragraphs of a cell are joined by one space. The table read is the first one with a header
row (a cell reading ``STT``, ``TT`` or ``Số TT``), or the one asked for.

The archive is bounded before it is expanded (its parts and their uncompressed size, as for
XLSX, by :class:`~thidua.XlsxLimits`); a document that python-docx cannot read
(a broken archive, a missing part, malformed XML) is refused with code ``unreadable-file``.
"""

from __future__ import annotations

import io
from os import PathLike
from pathlib import Path
from typing import Any

from thidua.errors import CellProblem, SpreadsheetError
from thidua.exchange._cells import _ARCHIVE_ERRORS, XLSX_LIMITS, _check_archive

__all__ = ["docx_rows"]


def _docx() -> Any:
    try:
        import docx  # noqa: PLC0415 - optional extra
    except ModuleNotFoundError as exc:  # pragma: no cover - exercised without the extra
        msg = "DOCX needs the 'docx' extra: pip install 'thidua[docx]'"
        raise ImportError(msg) from exc
    return docx


def _docx_errors(docx: Any) -> tuple[type[Exception], ...]:
    """What python-docx raises on a broken document.

    Archive, package and XML errors, and the lookups its object model makes into parts that
    are missing or of the wrong kind.
    """
    import lxml.etree  # type: ignore[import-untyped]  # noqa: PLC0415 - with the docx extra

    return (
        *_ARCHIVE_ERRORS,
        docx.opc.exceptions.OpcError,
        lxml.etree.Error,
        AttributeError,
        TypeError,
        IndexError,
    )


def _cells(table: Any, row: Any, cell_type: Any) -> list[str]:
    """The texts of one row, one per grid column."""
    texts = [""] * row.grid_cols_before
    for tc in row._tr.tc_lst:  # noqa: SLF001 - python-docx gives no public merge view
        span = tc.grid_span
        if tc.vMerge == "continue":
            texts += [""] * span
            continue
        text = " ".join(cell_type(tc, table).text.split())
        texts += [text] + [""] * (span - 1)
    return texts


def _find(
    docx: Any, data: bytes, table: int | None, is_header: Any
) -> tuple[list[list[str]] | None, int, int]:
    """The rows of the table asked for (or the first with a header), its number, the count."""
    cell_type = docx.table._Cell  # noqa: SLF001 - the cell view of one <w:tc>
    tables = docx.Document(io.BytesIO(data)).tables
    for index, candidate in enumerate(tables, start=1):
        if table is not None and index != table:
            continue
        rows = [_cells(candidate, row, cell_type) for row in candidate.rows]
        if table is not None or any(is_header(row) for row in rows):
            return rows, index, len(tables)
    return None, 0, len(tables)


def docx_rows(
    source: bytes | str | PathLike[str], *, table: int | None, name: str, is_header: Any
) -> tuple[list[list[str]], str]:
    """The rows of a document's points table as text, and the table's name for messages.

    Args:
        source: The document's bytes, or its path.
        table: The table's number, from 1; by default the first with a header row.
        name: The document's name, for messages.
        is_header: Tells whether a row of texts is a header row.

    Raises:
        SpreadsheetError: the document has no such table, or no table with a header
            (``invalid-header``); it is too large once expanded (``too-large``) or
            unreadable (``unreadable-file``).
    """
    docx = _docx()
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    _check_archive(data, name, XLSX_LIMITS, kind="a DOCX document", noun="document")
    try:
        found, number, count = _find(docx, data, table, is_header)
    except _docx_errors(docx) as exc:
        problem = CellProblem(
            sheet=name,
            row=0,
            column="",
            letter="",
            message=f"not a readable DOCX document: {type(exc).__name__}",
            code="unreadable-file",
        )
        raise SpreadsheetError([problem]) from None
    if found is None:
        wanted = f"no table {table}" if table is not None else "no table with a header row"
        msg = f"{wanted} ({count} tables in the document)"
        problem = CellProblem(
            sheet=name, row=1, column="", letter="", message=msg, code="invalid-header"
        )
        raise SpreadsheetError([problem])
    return found, f"{name}#{number}"
