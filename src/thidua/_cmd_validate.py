"""``thidua validate FILE...``: check documents, one line per problem."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from thidua._messages import localise
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
    worst = 0
    for path in args.files:
        try:
            data = path.read_bytes()
        except OSError as exc:
            print(f"{path}: cannot read: {exc.strerror}", file=sys.stderr)
            worst = 2
            continue
        try:
            loads(data)
        except StructureError as exc:
            for problem in exc.problems:
                print(f"{path}: {problem.path}: {localise(problem, args.lang)}")
            worst = max(worst, 1)
        except DocumentError as exc:
            print(f"{path}: {exc.path}: {localise(exc, args.lang)}")
            worst = max(worst, 1)
    return worst
