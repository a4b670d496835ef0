"""``thidua report FILE -o report.html``: a self-contained HTML report of a review."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from thidua._base.messages import localise
from thidua._base.text import nfc
from thidua.cli._io import (
    INVALID,
    UNREADABLE,
    add_output_options,
    read_bounded,
    read_input,
    write_output,
)
from thidua.documents import report_html
from thidua.errors import DocumentError, InvalidModelError, StructureError
from thidua.serialization import loads
from thidua.serialization._hooks import parse_json
from thidua.yearend._review import ReviewDocument, run_review


def register(subparsers: Any) -> None:
    """Add the ``report`` subcommand."""
    parser = subparsers.add_parser(
        "report",
        help="write a self-contained HTML report of a review (chart, table, explanations)",
    )
    parser.add_argument("file", metavar="FILE", type=Path, help="a review document")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the HTML file to write")
    add_output_options(parser)
    parser.add_argument(
        "--names",
        type=Path,
        help='a JSON object of names by code, such as {"HN": "Sở TT&TT Hà Nội"}',
    )
    parser.set_defaults(run=run)


def read_names(path: Path | None) -> dict[str, str]:
    """Read a JSON object of names by code; empty when *path* is ``None``.

    Raises:
        DocumentError: the file is not such an object.
        OSError: the file cannot be read.
    """
    if path is None:
        return {}
    names = parse_json(read_bounded(path))
    if type(names) is not dict or not all(
        type(k) is str and type(v) is str for k, v in names.items()
    ):
        msg = 'expected an object of names by code, such as {"HN": "Hà Nội"}'
        raise DocumentError(msg, code="wrong-type")
    for code, name in names.items():
        try:
            names[code] = nfc(name)
        except InvalidModelError as exc:
            raise DocumentError(exc.message, code=exc.code, path=f"$.{code}") from None
    return names


def run(args: argparse.Namespace) -> int:
    """Write the report; 0 on success, 1 on invalid data, 2 on unreadable or unwritable files."""
    data = read_input(args.file)
    if data is None:
        return UNREADABLE
    try:
        names = read_names(args.names)
    except OSError as exc:
        print(f"{exc.filename}: cannot read: {exc.strerror}", file=sys.stderr)
        return UNREADABLE
    except DocumentError as exc:
        print(f"{args.names}: $: {localise(exc, args.lang)}")
        return INVALID
    try:
        document = loads(data, ReviewDocument)
        report = run_review(document)
    except StructureError as exc:
        for problem in exc.problems:
            print(f"{args.file}: {problem.path}: {localise(problem, args.lang)}")
        return INVALID
    except (DocumentError, InvalidModelError) as exc:
        print(f"{args.file}: {exc.path or '$'}: {localise(exc, args.lang)}")
        return INVALID
    return write_output(
        args.output, report_html(document, report, names).encode(), force=args.force
    )
