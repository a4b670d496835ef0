"""``thidua validate FILE...``: check documents, one line per problem."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from thidua.cli._io import OK, UNREADABLE, read_input, report_error
from thidua.errors import DocumentError, StructureError
from thidua.serialization import loads


def register(subparsers: Any) -> None:
    """Add the ``validate`` subcommand."""
    parser = subparsers.add_parser(
        "validate", help="check documents; exit 1 with one line per problem"
    )
    parser.add_argument("files", nargs="+", metavar="FILE", type=Path)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Validate every file; 0 if all valid, 1 on invalid data, 2 on unreadable files."""
    worst = OK
    for path in args.files:
        data = read_input(path)
        if data is None:
            worst = UNREADABLE
            continue
        try:
            loads(data)
        except (StructureError, DocumentError) as exc:
            worst = max(worst, report_error(path, exc, args.lang))
    return worst
