"""Vietnamese administrative documents: one layout, rendered as Markdown or HTML.

A document to sign or file (an agreement, the minutes of a review meeting, a
submission letter) follows the conventions of Vietnamese administrative
documents (Decree 30/2020/NĐ-CP; an agreement is not one of its listed types, so
this is convention, not law): the issuer and the document number at the top
left, the national title and motto at the top right, the place-and-date line,
the title, the body, and the signature blocks.

:class:`AdministrativeDocument` holds that layout; :func:`render_markdown` and
:func:`render_html` render it. Whatever the data lacks (the document number, the
signatory's name, a date) is printed as a visible blank to fill in by hand:
nothing is ever invented.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Iterator
from typing import Final

import attrs

from thidua._base.dates import format_date

__all__ = [
    "BLANK",
    "MOTTO",
    "NATIONAL_TITLE",
    "AdministrativeDocument",
    "Heading",
    "Items",
    "Paragraph",
    "Signature",
    "Table",
    "render_html",
    "render_markdown",
]

NATIONAL_TITLE: Final = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
"""The national title (Quốc hiệu) at the top right of every document."""

MOTTO: Final = "Độc lập - Tự do - Hạnh phúc"
"""The motto (Tiêu ngữ) under the national title."""

BLANK: Final = "…………"
"""What is printed where the data lacks a value, to be filled in by hand."""


@attrs.frozen(kw_only=True)
class Heading:
    """A section heading of the body.

    Args:
        text: The heading (NFC), such as ``"I. THÀNH PHẦN"``.
        level: 1 for a section (``"I. …"``), 2 for a subsection (``"1. …"``).
    """

    text: str
    level: int = 1


@attrs.frozen(kw_only=True)
class Paragraph:
    """A paragraph of running text.

    Args:
        text: The paragraph (NFC).
    """

    text: str


@attrs.frozen(kw_only=True)
class Items:
    """A list of items, each on its own line.

    Args:
        items: The items, in order.
        numbered: Whether to number them (1., 2., ...) or use dashes.
    """

    items: tuple[str, ...]
    numbered: bool = False


@attrs.frozen(kw_only=True)
class Table:
    """A table with a header row.

    Args:
        header: The column titles.
        rows: The rows; each as many cells as the header.
        numeric: Indices of the columns aligned right (points, votes).
        emphasised: Indices of the rows printed in bold (subtotals, totals).
    """

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[int] = frozenset()
    emphasised: frozenset[int] = frozenset()


Block = Heading | Paragraph | Items | Table


@attrs.frozen(kw_only=True)
class Signature:
    """One signature block.

    Args:
        capacity: On whose behalf, upper case (``"TM. SỞ THÔNG TIN VÀ TRUYỀN THÔNG HÀ NỘI"``,
            ``"CHỦ TỌA"``).
        position: The signatory's position (``"GIÁM ĐỐC"``), or ``None`` for a blank.
        signer: The signatory's full name, or ``None`` for a blank line.
    """

    capacity: str
    position: str | None = None
    signer: str | None = None


@attrs.frozen(kw_only=True)
class AdministrativeDocument:
    """A document in the Vietnamese administrative layout.

    Args:
        issuer: The issuing body, one line each, upper case; the last line is the
            body itself, the ones before it its parent.
        number: The document number and symbol (``"12/BB-CTĐ"``), or ``None`` to leave
            ``Số:`` blank.
        place: Where it was made, for the place-and-date line, or ``None`` for a blank.
        date: When it was made, or ``None`` for a blank.
        title: The kind of document, upper case (``"BIÊN BẢN"``).
        subtitle: What it is about (``"Họp bình xét thi đua năm 2020"``).
        body: The body, in order.
        signatures: The signature blocks, in order.
        recipients: The lines of ``Nơi nhận:``, if any.
    """

    issuer: tuple[str, ...]
    number: str | None = None
    place: str | None = None
    date: dt.date | None = None
    title: str
    subtitle: str | None = None
    body: tuple[Block, ...] = ()
    signatures: tuple[Signature, ...] = ()
    recipients: tuple[str, ...] = ()

    @property
    def number_line(self) -> str:
        """``"Số: 12/BB-CTĐ"``, or a blank to fill in."""
        return f"Số: {self.number or BLANK}"

    @property
    def place_date_line(self) -> str:
        """``"Hà Nội, ngày 14 tháng 12 năm 2019"``, with blanks for what is missing."""
        place = self.place or BLANK
        when = format_date(self.date) if self.date else "ngày …… tháng …… năm ……"
        return f"{place}, {when}"


# ---------------------------------------------------------------------------------------
# Markdown.


def _md(text: str) -> str:
    """Escape the characters Markdown would read as markup."""
    out = text.replace("\\", "\\\\")
    for char in "*_`|[]<>#":
        out = out.replace(char, "\\" + char)
    return out


def _md_table(header: Iterable[str], rows: Iterable[Iterable[str]], align: list[str]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _md_block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return [f"{'#' * (2 + block.level)} {_md(block.text)}", ""]
    if isinstance(block, Paragraph):
        return [_md(block.text), ""]
    if isinstance(block, Items):
        marks = (f"{i}." for i in range(1, len(block.items) + 1)) if block.numbered else None
        return [f"{next(marks) if marks else '-'} {_md(item)}" for item in block.items] + [""]
    align = ["---:" if i in block.numeric else ":---" for i in range(len(block.header))]
    rows = [
        [f"**{_md(c)}**" if r in block.emphasised and c else _md(c) for c in row]
        for r, row in enumerate(block.rows)
    ]
    return [*_md_table((f"**{_md(h)}**" for h in block.header), rows, align), ""]


def _chunks(items: tuple[Signature, ...], size: int) -> Iterator[tuple[Signature, ...]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _signature_lines(signature: Signature) -> list[str]:
    return [
        signature.capacity,
        signature.position or BLANK,
        "(Ký tên, đóng dấu)",
        signature.signer or BLANK,
    ]


def render_markdown(document: AdministrativeDocument) -> str:
    """Render *document* as Markdown (CommonMark with tables).

    Args:
        document: The document to render.
    """
    issuer = [_md(line) for line in document.issuer]
    left = [*issuer[:-1], f"**{issuer[-1]}**" if issuer else "", _md(document.number_line)]
    right = [f"**{NATIONAL_TITLE}**", f"**{_md(MOTTO)}**", f"*{_md(document.place_date_line)}*"]
    height = max(len(left), len(right))
    left += [""] * (height - len(left))
    right += [""] * (height - len(right))
    lines = _md_table((left[0], right[0]), zip(left[1:], right[1:], strict=True), [":---:"] * 2)
    lines += ["", f"## {_md(document.title)}", ""]
    if document.subtitle:
        lines += [f"**{_md(document.subtitle)}**", ""]
    for block in document.body:
        lines += _md_block(block)
    for group in _chunks(document.signatures, 3):
        cells = [[f"**{_md(line)}**" for line in _signature_lines(s)] for s in group]
        rows = list(zip(*cells, strict=True))
        lines += [*_md_table(rows[0], rows[1:], [":---:"] * len(group)), ""]
    if document.recipients:
        lines += ["***Nơi nhận:***", ""]
        lines += [f"- {_md(line)}" for line in document.recipients] + [""]
    return "\n".join(lines).rstrip("\n") + "\n"


# ---------------------------------------------------------------------------------------
# HTML.

DOCUMENT_CSS: Final = """
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
body { font-family: "Times New Roman", "Liberation Serif", "Noto Serif", serif;
       font-size: 13pt; line-height: 1.4; max-width: 165mm; margin: 0 auto; color: #000; }
.header { display: grid; grid-template-columns: 2fr 3fr; text-align: center; }
.header p { margin: 0; }
.issuer-body, .national-title, .motto { font-weight: bold; }
.motto { text-decoration: underline; text-underline-offset: 3px; }
.place-date { font-style: italic; margin-top: 0.6em !important; }
h1 { font-size: 14pt; text-align: center; margin: 1.2em 0 0; }
.subtitle { text-align: center; font-weight: bold; margin: 0 0 1em; }
h2 { font-size: 13pt; margin: 1em 0 0.3em; }
h3 { font-size: 13pt; font-style: italic; margin: 0.8em 0 0.2em; }
p.text { text-align: justify; text-indent: 1cm; margin: 0.3em 0; }
table.data { border-collapse: collapse; width: 100%; margin: 0.5em 0; }
table.data th, table.data td { border: 1px solid #000; padding: 2px 6px; }
table.data td.number { text-align: right; font-variant-numeric: tabular-nums; }
table.data tr.emphasised td { font-weight: bold; }
.signatures { display: grid; grid-template-columns: repeat(auto-fit, minmax(50mm, 1fr));
              gap: 1em; margin-top: 1.5em; text-align: center; break-inside: avoid; }
.signature p { margin: 0; }
.capacity, .position { font-weight: bold; }
.seal { font-style: italic; margin-bottom: 2.5em !important; }
.signer { font-weight: bold; }
.recipients { font-size: 11pt; margin-top: 2em; }
.blank { letter-spacing: 1px; }
"""


def _h(text: str) -> str:
    return html.escape(text, quote=True)


def _html_block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return [f"<h{1 + block.level}>{_h(block.text)}</h{1 + block.level}>"]
    if isinstance(block, Paragraph):
        return [f'<p class="text">{_h(block.text)}</p>']
    if isinstance(block, Items):
        tag = "ol" if block.numbered else "ul"
        return [f"<{tag}>", *(f"<li>{_h(item)}</li>" for item in block.items), f"</{tag}>"]
    lines = ['<table class="data">', "<thead><tr>"]
    lines += [f'<th scope="col">{_h(cell)}</th>' for cell in block.header]
    lines += ["</tr></thead>", "<tbody>"]
    for index, row in enumerate(block.rows):
        css = ' class="emphasised"' if index in block.emphasised else ""
        cells = "".join(
            f'<td class="number">{_h(c)}</td>' if i in block.numeric else f"<td>{_h(c)}</td>"
            for i, c in enumerate(row)
        )
        lines.append(f"<tr{css}>{cells}</tr>")
    return [*lines, "</tbody>", "</table>"]


def _html_value(text: str | None) -> str:
    return _h(text) if text else f'<span class="blank">{BLANK}</span>'


def render_html(document: AdministrativeDocument, *, lang: str = "vi") -> str:
    """Render *document* as one self-contained HTML page that prints on A4.

    Args:
        document: The document to render.
        lang: The page's language attribute.
    """
    issuer = [f"<p>{_h(line)}</p>" for line in document.issuer[:-1]]
    if document.issuer:
        issuer.append(f'<p class="issuer-body">{_h(document.issuer[-1])}</p>')
    number = f'<p class="number">Số: {_html_value(document.number)}</p>'
    place = _html_value(document.place)
    when = (
        _h(format_date(document.date))
        if document.date
        else 'ngày <span class="blank">……</span> tháng <span class="blank">……</span>'
        ' năm <span class="blank">……</span>'
    )
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{_h(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        (
            f"<title>{_h(document.title)}"
            f"{' – ' + _h(document.subtitle) if document.subtitle else ''}"
            "</title>"
        ),
        f"<style>{DOCUMENT_CSS}</style>",
        "</head>",
        "<body>",
        '<header class="header">',
        f'<div class="issuer">{"".join(issuer)}{number}</div>',
        '<div class="nation">',
        f'<p class="national-title">{NATIONAL_TITLE}</p>',
        f'<p class="motto">{_h(MOTTO)}</p>',
        f'<p class="place-date">{place}, {when}</p>',
        "</div>",
        "</header>",
        f"<h1>{_h(document.title)}</h1>",
    ]
    if document.subtitle:
        lines.append(f'<p class="subtitle">{_h(document.subtitle)}</p>')
    lines.append("<main>")
    for block in document.body:
        lines += _html_block(block)
    lines.append("</main>")
    if document.signatures:
        lines.append('<section class="signatures">')
        for signature in document.signatures:
            lines += [
                '<div class="signature">',
                f'<p class="capacity">{_h(signature.capacity)}</p>',
                f'<p class="position">{_html_value(signature.position)}</p>',
                '<p class="seal">(Ký tên, đóng dấu)</p>',
                f'<p class="signer">{_html_value(signature.signer)}</p>',
                "</div>",
            ]
        lines.append("</section>")
    if document.recipients:
        lines += ['<section class="recipients">', "<p><em><strong>Nơi nhận:</strong></em></p>"]
        lines += ["<ul>", *(f"<li>{_h(r)}</li>" for r in document.recipients), "</ul>"]
        lines.append("</section>")
    lines += ["</body>", "</html>"]
    return "\n".join(lines) + "\n"
