"""HTML rendering of administrative documents: one self-contained page that prints on A4."""

from __future__ import annotations

import html
from typing import Final

from thidua._base.dates import format_date
from thidua.documents._layout import (
    BLANK,
    ILLUSTRATIVE_MARK,
    MOTTO,
    NATIONAL_TITLE,
    AdministrativeDocument,
    Block,
    Heading,
    Items,
    Paragraph,
    place_name,
)

__all__ = ["DOCUMENT_CSS", "render_html"]

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
.illustrative-mark { border: 2px solid #b00; color: #b00; font-weight: bold; text-align: center;
                     padding: 4px; margin-bottom: 1em; }
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
    place = _html_value(place_name(document.place) if document.place else None)
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
        *(
            [f'<p class="illustrative-mark" role="note">{_h(ILLUSTRATIVE_MARK)}</p>']
            if document.illustrative
            else []
        ),
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
            *top, note, _ = signature.lines
            lines += [
                '<div class="signature">',
                *(f'<p class="capacity">{_h(line)}</p>' for line in top),
                f'<p class="seal">{_h(note)}</p>',
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
