"""Markdown (CommonMark with tables) rendering of administrative documents."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from thidua._base.text import markdown_text as _md
from thidua.documents._layout import (
    ILLUSTRATIVE_MARK,
    MOTTO,
    NATIONAL_TITLE,
    AdministrativeDocument,
    Block,
    Heading,
    Items,
    Paragraph,
    Signature,
)

__all__ = ["render_markdown"]


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


def _signature_lines(signature: Signature, height: int) -> list[str]:
    lines = list(signature.lines)
    return lines[:-2] + [""] * (height - len(lines)) + lines[-2:]


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
    lines = [f"> **{_md(ILLUSTRATIVE_MARK)}**", ""] if document.illustrative else []
    lines += _md_table((left[0], right[0]), zip(left[1:], right[1:], strict=True), [":---:"] * 2)
    lines += ["", f"## {_md(document.title)}", ""]
    if document.subtitle:
        lines += [f"**{_md(document.subtitle)}**", ""]
    for block in document.body:
        lines += _md_block(block)
    for group in _chunks(document.signatures, 3):
        height = max(len(s.lines) for s in group)
        cells = [
            [f"**{_md(line)}**" if line else "" for line in _signature_lines(s, height)]
            for s in group
        ]
        rows = list(zip(*cells, strict=True))
        lines += [*_md_table(rows[0], rows[1:], [":---:"] * len(group)), ""]
    if document.recipients:
        lines += ["***Nơi nhận:***", ""]
        lines += [f"- {_md(line)}" for line in document.recipients] + [""]
    return "\n".join(lines).rstrip("\n") + "\n"
