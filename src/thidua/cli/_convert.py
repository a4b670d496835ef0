"""``thidua convert FILE --to compact|rows``: a scoring document in the other sheet form."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from thidua._base.files import write_atomic
from thidua.cli._io import OK, UNREADABLE, UNWRITABLE, read_input, report_error
from thidua.errors import ThiduaError
from thidua.serialization._compact import convert


def register(subparsers: Any) -> None:
    """Add the ``convert`` subcommand."""
    parser = subparsers.add_parser(
        "convert",
        help="convert a scoring document between the row and the compact sheet forms",
        description="Write a scoring document with its sheets in the compact form (criteria"
        " listed once, one row of values per unit, layer and assessor) or in the row form (one"
        " assessment per score). Both ways are byte-exact for documents in canonical order."
        " The result is checked before it is written; by default it goes to standard output.",
    )
    parser.add_argument("file", metavar="FILE", type=Path)
    parser.add_argument("--to", choices=("compact", "rows"), required=True)
    parser.add_argument(
        "--reorder",
        action="store_true",
        help="accept assessments in any order (converting back lists them unit by unit)",
    )
    parser.add_argument("-o", "--output", type=Path, help="write the document here")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Convert FILE; 0 on success, 1 on invalid data, 2 on I/O errors."""
    data = read_input(args.file)
    if data is None:
        return UNREADABLE
    try:
        converted = convert(data, args.to, reorder=args.reorder)
    except ThiduaError as exc:
        return report_error(args.file, exc, args.lang)
    if args.output is None:
        sys.stdout.buffer.write(converted)
        sys.stdout.flush()
        return OK
    try:
        write_atomic(args.output, converted)
    except OSError as exc:
        print(f"{args.output}: cannot write: {exc.strerror}", file=sys.stderr)
        return UNWRITABLE
    return OK
