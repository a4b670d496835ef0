"""``thidua schema KIND``: print the JSON Schema of a document kind."""

from __future__ import annotations

import argparse
import sys
from typing import Any

import orjson

from thidua.cli._io import OK, tr
from thidua.serialization import _registry
from thidua.serialization._schema import json_schema


def register(subparsers: Any) -> None:
    """Add the ``schema`` subcommand."""
    parser = subparsers.add_parser(
        "schema",
        help=tr(
            "print the JSON Schema (draft 2020-12) of a document kind",
            "in lược đồ JSON Schema (draft 2020-12) của một loại tài liệu",
        ),
    )
    parser.add_argument(
        "kind",
        metavar=tr("KIND", "LOẠI"),
        choices=sorted(_registry._KINDS),  # noqa: SLF001 - names only, nothing imported
        help=tr("the document kind: ", "loại tài liệu: ")
        + ", ".join(repr(kind) for kind in sorted(_registry._KINDS)),  # noqa: SLF001
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the schema as indented JSON; always 0 (the kind was checked by the parser)."""
    schema = json_schema(args.kind)
    sys.stdout.write(orjson.dumps(schema, option=orjson.OPT_INDENT_2).decode() + "\n")
    return OK
