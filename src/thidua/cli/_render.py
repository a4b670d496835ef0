"""``thidua render FILE``: a document to sign or file, as Markdown, HTML or Word."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from thidua._agreement import AgreementDocument
from thidua._base.messages import localise
from thidua.cli._io import INVALID, OK, UNREADABLE, add_output_options, read_input, write_output
from thidua.cli._report import read_names
from thidua.documents import (
    AdministrativeDocument,
    agreement_paper,
    render_docx,
    render_html,
    render_markdown,
    review_minutes,
    submission_letter,
)
from thidua.errors import DocumentError, InvalidModelError, PaperError, StructureError, ThiduaError
from thidua.serialization import loads
from thidua.yearend._review import ReviewDocument, run_review

_PAPERS = ("agreement", "minutes", "letter")


def register(subparsers: Any) -> None:
    """Add the ``render`` subcommand."""
    parser = subparsers.add_parser(
        "render",
        help="render an agreement, or a review's minutes or letter, as md, html or docx",
        description="Render a paper in the Vietnamese administrative layout. An agreement"
        " document gives the agreement; a review gives its minutes or its submission letter."
        " Missing numbers, names and dates are left blank.",
    )
    parser.add_argument("file", metavar="FILE", type=Path)
    parser.add_argument(
        "--paper", choices=_PAPERS, help="which paper (default: agreement or minutes)"
    )
    parser.add_argument("--agreement", metavar="CODE", help="the agreement, if several")
    parser.add_argument("--names", type=Path, help="names by code (JSON), for reviews")
    parser.add_argument("-f", "--format", choices=("md", "html", "docx"), default="md", dest="form")
    parser.add_argument("-o", "--output", type=Path, help="write here, not to standard output")
    add_output_options(parser)
    parser.set_defaults(run=run)


def _paper(args: argparse.Namespace, data: bytes) -> AdministrativeDocument:
    document: object = loads(data)
    if isinstance(document, AgreementDocument):
        if args.paper not in (None, "agreement"):
            msg = f"an agreement document has no {args.paper}"
            raise PaperError(msg)
        return agreement_paper(document, args.agreement)
    if isinstance(document, ReviewDocument):
        names = read_names(args.names)
        report = run_review(document)
        if args.paper == "letter":
            return submission_letter(document, report, names)
        if args.paper in (None, "minutes"):
            return review_minutes(document, report, names)
        msg = "a review has minutes and a letter, not an agreement"
        raise PaperError(msg)
    msg = "only agreement and review documents have papers to render"
    raise PaperError(msg)


def _encode(paper: AdministrativeDocument, form: str) -> bytes:
    if form == "docx":
        return render_docx(paper)
    text = render_html(paper) if form == "html" else render_markdown(paper)
    return text.encode()


def run(args: argparse.Namespace) -> int:
    """Render; 0 on success, 1 on invalid data or a paper the file has not, 2 on I/O errors."""
    data = read_input(args.file)
    if data is None:
        return UNREADABLE
    try:
        paper = _paper(args, data)
    except OSError as exc:
        print(f"{exc.filename}: cannot read: {exc.strerror}", file=sys.stderr)
        return UNREADABLE
    except StructureError as exc:
        for problem in exc.problems:
            print(f"{args.file}: {problem.path}: {localise(problem, args.lang)}")
        return INVALID
    except (DocumentError, InvalidModelError) as exc:
        print(f"{args.file}: {exc.path or '$'}: {localise(exc, args.lang)}")
        return INVALID
    except ThiduaError as exc:
        print(f"{args.file}: {exc}", file=sys.stderr)
        return INVALID
    out = _encode(paper, args.form)
    if args.output is None:
        sys.stdout.buffer.write(out)
        sys.stdout.flush()
        return OK
    return write_output(args.output, out, force=args.force)
