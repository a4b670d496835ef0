"""Word (DOCX) rendering of administrative documents, on python-docx (extra ``thidua[docx]``).

The layout is the one of :mod:`thidua.documents`: issuer and number at the top left,
national title, motto and place-and-date line at the top right, the title, the
body, and one signature block per signatory, on A4 in Times New Roman 13 pt
(Decree 30/2020/NĐ-CP). Blanks stay blank.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import attrs

from thidua._base.text import check_text
from thidua.documents._layout import (
    ILLUSTRATIVE_MARK,
    MOTTO,
    NATIONAL_TITLE,
    AdministrativeDocument,
    Block,
    Heading,
    Items,
    Paragraph,
    Table,
)
from thidua.errors import InvalidModelError

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

__all__ = ["render_docx"]

_FONT = "Times New Roman"


def _texts(value: object, path: str) -> Iterator[tuple[str, str]]:
    """Every string in a layout, with its path (``body[2].rows[0][1]``)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            yield from _texts(item, f"{path}[{index}]")
    elif attrs.has(type(value)):
        kind: Any = type(value)
        for field in attrs.fields(kind):
            prefix = f"{path}.{field.name}" if path else field.name
            yield from _texts(getattr(value, field.name), prefix)


def _docx() -> Any:
    try:
        import docx  # noqa: PLC0415 - optional extra
    except ModuleNotFoundError as exc:  # pragma: no cover - exercised without the extra
        msg = "DOCX output needs the 'docx' extra: pip install 'thidua[docx]'"
        raise ImportError(msg) from exc
    return docx


def _line(cell: Any, text: str, *, bold: bool = False, italic: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415

    paragraph = cell.add_paragraph() if cell.paragraphs[0].text else cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = 0
    run = paragraph.add_run(text)
    run.bold = bold
    run.italic = italic


def _header(word: WordDocument, document: AdministrativeDocument) -> None:
    table = word.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    for index, line in enumerate(document.issuer):
        _line(left, line, bold=index == len(document.issuer) - 1)
    _line(left, document.number_line)
    _line(right, NATIONAL_TITLE, bold=True)
    _line(right, MOTTO, bold=True)
    right.paragraphs[-1].runs[0].underline = True
    _line(right, document.place_date_line, italic=True)


def _block(word: WordDocument, block: Block) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415
    from docx.shared import Cm  # noqa: PLC0415

    if isinstance(block, Heading):
        run = word.add_paragraph().add_run(block.text)
        run.bold = True
        run.italic = block.level > 1
    elif isinstance(block, Paragraph):
        paragraph = word.add_paragraph(block.text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Cm(1)
    elif isinstance(block, Items):
        for number, item in enumerate(block.items, start=1):
            word.add_paragraph(f"{number}. {item}" if block.numbered else f"- {item}")
    else:
        _table(word, block)


def _table(word: WordDocument, block: Table) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415

    table = word.add_table(rows=1 + len(block.rows), cols=len(block.header))
    table.style = "Table Grid"
    for column, title in enumerate(block.header):
        cell = table.rows[0].cells[column]
        cell.paragraphs[0].add_run(title).bold = True
    for index, row in enumerate(block.rows):
        for column, text in enumerate(row):
            paragraph = table.rows[index + 1].cells[column].paragraphs[0]
            run = paragraph.add_run(text)
            run.bold = index in block.emphasised
            if column in block.numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def render_docx(document: AdministrativeDocument) -> bytes:
    """Render *document* as a Word file (DOCX), A4, Times New Roman 13 pt.

    Args:
        document: The document to render.

    Raises:
        ImportError: python-docx is not installed (extra ``thidua[docx]``).
        InvalidModelError: ``invalid-text``: a text holds a character XML cannot carry
            (a control character, U+FFFE, U+FFFF, ...), named by its path.
    """
    for path, text in _texts(document, ""):
        try:
            check_text(text)
        except InvalidModelError as exc:
            raise InvalidModelError(exc.message, path=path, code=exc.code) from None
    docx = _docx()
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415
    from docx.shared import Mm, Pt  # noqa: PLC0415

    word: WordDocument = docx.Document()
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = word.styles["Normal"]
    style.font.name = _FONT
    style.font.size = Pt(13)
    if document.illustrative:
        from docx.shared import RGBColor  # noqa: PLC0415

        for paragraph in (section.header.paragraphs[0], word.add_paragraph()):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            mark = paragraph.add_run(ILLUSTRATIVE_MARK)
            mark.bold = True
            mark.font.color.rgb = RGBColor(0xB0, 0x00, 0x00)
    _header(word, document)
    title = word.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(document.title)
    run.bold = True
    run.font.size = Pt(14)
    if document.subtitle:
        subtitle = word.add_paragraph()
        subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
        subtitle.add_run(document.subtitle).bold = True
    for block in document.body:
        _block(word, block)
    if document.signatures:
        table = word.add_table(rows=1, cols=min(3, len(document.signatures)))
        for index, signature in enumerate(document.signatures):
            if index and index % 3 == 0:
                table.add_row()
            cell = table.rows[index // 3].cells[index % 3]
            *top, note, name = signature.lines
            for line in top:
                _line(cell, line, bold=True)
            _line(cell, note, italic=True)
            _line(cell, "")
            _line(cell, "")
            _line(cell, name, bold=True)
    if document.recipients:
        heading = word.add_paragraph().add_run("Nơi nhận:")
        heading.bold = heading.italic = True
        for line in document.recipients:
            word.add_paragraph(f"- {line}").runs[0].font.size = Pt(11)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
