"""``thidua example``: write the shipped example as JSON."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from thidua.cli._io import OK, add_output_options, tr, write_output
from thidua.examples import cluster1_2019_2020
from thidua.serialization import dumps


def register(subparsers: Any) -> None:
    """Add the ``example`` subcommand."""
    parser = subparsers.add_parser(
        "example",
        help=tr(
            "write the shipped example (Cluster No. 1, 2019–2020) as JSON",
            "ghi ví dụ kèm theo (Cụm thi đua số 1, 2019–2020) dưới dạng JSON",
        ),
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        help=tr(
            "write to this file instead of standard output",
            "ghi ra tệp này thay vì đầu ra chuẩn",
        ),
    )
    add_output_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write the example document; 2 if the output file cannot be written."""
    data = dumps(cluster1_2019_2020(), indent=True) + b"\n"
    if args.output is None:
        sys.stdout.buffer.write(data)
        return OK
    return write_output(args.output, data, force=args.force)
