"""The ``thidua`` command line.

Exit codes: 0 success, 1 invalid data (one line per problem), 2 usage errors
or unreadable files. Messages about data are in Vietnamese or English: the
locale decides (``LANG=vi_VN.UTF-8``) unless ``--lang vi|en`` is given; every
command reads the choice from ``args.lang``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Final

from thidua._base.messages import LANGUAGES, language_from_environment
from thidua.cli._io import BROKEN_PIPE, OK

__all__ = ["main"]

#: Modules that each add one subcommand through ``register(subparsers)``.
_COMMANDS: Final = (
    "thidua.cli._demo",
    "thidua.cli._example",
    "thidua.cli._review",
    "thidua.cli._score",
    "thidua.cli._validate",
    "thidua.cli._schema",
    "thidua.cli._migrate",
    "thidua.cli._report",
    "thidua.cli._render",
    "thidua.cli._verify",
    "thidua.cli._table",
    "thidua.cli._convert",
)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit code."""
    parser = argparse.ArgumentParser(
        prog="thidua", description="Vietnamese emulation agreements (giao ước thi đua)."
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,
        help="language of messages: vi or en (default: from LC_ALL, LC_MESSAGES or LANG)",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in _COMMANDS:
        importlib.import_module(name).register(subparsers)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or OK)
    if args.lang is None:
        args.lang = language_from_environment(os.environ)
    try:
        code: int = args.run(args)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (``thidua demo | head``): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return BROKEN_PIPE
    return code
