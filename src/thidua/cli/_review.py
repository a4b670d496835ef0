"""``thidua review FILE [--format table|json|md]``: run a year end and print what it found."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import orjson

from thidua._base.messages import Language
from thidua._base.text import markdown_text as _md
from thidua.cli._io import OK, UNREADABLE, read_input, report_error, tr
from thidua.documents._wording import review_text
from thidua.errors import ThiduaError
from thidua.serialization import loads, unstructure
from thidua.yearend._review import ReviewDocument, ReviewReport, run_review


def register(subparsers: Any) -> None:
    """Add the ``review`` subcommand."""
    parser = subparsers.add_parser(
        "review",
        help=tr(
            "run a year end: ranking, ballot, acclaim, eligibility, nominations",
            "bình xét cuối năm: xếp hạng, bỏ phiếu, suy tôn, điều kiện, đề nghị khen thưởng",
        ),
    )
    parser.add_argument("file", metavar=tr("FILE", "TỆP"), type=Path)
    parser.add_argument(
        "--format",
        choices=("table", "json", "md"),
        default="table",
        help=tr("output format", "định dạng đầu ra"),
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Review one file; 0 on success, 1 on invalid data or a failed step, 2 if unreadable."""
    path: Path = args.file
    data = read_input(path)
    if data is None:
        return UNREADABLE
    try:
        document = loads(data, ReviewDocument)
        report = run_review(document)
    except ThiduaError as exc:
        return report_error(path, exc, args.lang)
    if args.format == "json":
        sys.stdout.write(render_json(report))
    elif args.format == "md":
        sys.stdout.write(render_markdown(report, document=document, lang=args.lang))
    else:
        sys.stdout.write(render_table(report, document=document, lang=args.lang))
    return OK


def render_json(report: ReviewReport) -> str:
    """The report as canonical JSON (keys sorted)."""
    option = orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2
    return orjson.dumps(unstructure(report), option=option).decode() + "\n"


def render_table(
    report: ReviewReport,
    *,
    document: ReviewDocument | None = None,
    names: Mapping[str, str] | None = None,
    lang: Language = "en",
) -> str:
    """The report as plain-text tables (Vietnamese when *lang* is ``"vi"`` and *document* given)."""
    text = review_text(report, document=document, names=names, lang=lang)
    out = [*text.header, ""]
    for title, rows, lines in text.sections:
        out += [title, "-" * len(title)]
        if rows:
            widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
            for row in rows:
                cells = (cell.ljust(w) for cell, w in zip(row, widths, strict=True))
                out.append("  ".join(cells).rstrip())
        out += [*lines, ""]
    return "\n".join(out)


def render_markdown(
    report: ReviewReport,
    *,
    document: ReviewDocument | None = None,
    names: Mapping[str, str] | None = None,
    lang: Language = "en",
) -> str:
    """The report as Markdown (Vietnamese as :func:`render_table`)."""
    text = review_text(report, document=document, names=names, lang=lang)
    header = text.header
    out = [f"# {_md(header[0])}", "", *(f"{_md(line)}  " for line in header[1:]), ""]
    for title, rows, lines in text.sections:
        out += [f"## {_md(title)}", ""]
        if rows:
            out.append("| " + " | ".join(_md(c) for c in rows[0]) + " |")
            out.append("|" + "---|" * len(rows[0]))
            out += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows[1:]]
            out.append("")
        out += [f"- {_md(line.strip())}" for line in lines]
        out.append("")
    return "\n".join(out)
