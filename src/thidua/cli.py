"""The ``thidua`` command line.

Exit codes: 0 success, 1 invalid data (one line per problem), 2 usage errors
or unreadable files.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import Final

__all__ = ["main"]

#: Modules that each add one subcommand through ``register(subparsers)``.
_COMMANDS: Final = (
    "thidua._cmd_demo",
    "thidua._cmd_example",
    "thidua._cmd_review",
    "thidua._cmd_score",
    "thidua._cmd_validate",
)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit code."""
    parser = argparse.ArgumentParser(
        prog="thidua", description="Vietnamese emulation agreements (giao ước thi đua)."
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in _COMMANDS:
        importlib.import_module(name).register(subparsers)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    code: int = args.run(args)
    sys.stdout.flush()
    return code
