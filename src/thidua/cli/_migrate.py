"""``thidua migrate FILE``: upgrade a document to the current schema version."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from thidua._base.messages import localise
from thidua.cli._io import (
    INVALID,
    OK,
    UNREADABLE,
    add_output_options,
    read_input,
    tr,
    write_output,
)
from thidua.errors import DocumentError, StructureError
from thidua.serialization import SCHEMA_VERSION, loads
from thidua.serialization._migrate import migrate_bytes


def register(subparsers: Any) -> None:
    """Add the ``migrate`` subcommand."""
    parser = subparsers.add_parser(
        "migrate",
        help=tr(
            "upgrade a document to the current schema version (refuses newer ones)",
            "nâng cấp tài liệu lên phiên bản lược đồ hiện tại (từ chối phiên bản mới hơn)",
        ),
        description=tr(
            "Upgrade a document written for an older schema version. The result is"
            " checked before it is written; by default it goes to standard output.",
            "Nâng cấp tài liệu viết theo phiên bản lược đồ cũ. Kết quả được kiểm tra trước"
            " khi ghi; mặc định ghi ra đầu ra chuẩn.",
        ),
    )
    parser.add_argument("file", metavar=tr("FILE", "TỆP"), type=Path)
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "-o",
        "--output",
        type=Path,
        help=tr("write the upgraded document here", "ghi tài liệu đã nâng cấp ra tệp này"),
    )
    where.add_argument(
        "-i",
        "--in-place",
        action="store_true",
        help=tr("replace FILE with the upgraded document", "thay TỆP bằng tài liệu đã nâng cấp"),
    )
    add_output_options(parser)
    parser.set_defaults(run=run)


def _say(args: argparse.Namespace, english: str, vietnamese: str) -> None:
    print(f"{args.file}: {vietnamese if args.lang == 'vi' else english}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    """Upgrade FILE; 0 on success, 1 on a document that cannot be upgraded, 2 on I/O errors."""
    data = read_input(args.file)
    if data is None:
        return UNREADABLE
    try:
        upgraded, steps = migrate_bytes(data)
        loads(upgraded)
    except StructureError as exc:
        for problem in exc.problems:
            print(f"{args.file}: {problem.path}: {localise(problem, args.lang)}")
        return INVALID
    except DocumentError as exc:
        print(f"{args.file}: {exc.path}: {localise(exc, args.lang)}")
        return INVALID
    for step in steps:
        _say(
            args,
            f"upgraded {step.source} -> {step.target}: {step.summary}",
            f"đã nâng cấp {step.source} -> {step.target}: {step.summary_vi}",
        )
    if not steps:
        _say(
            args,
            f"already at schema version {SCHEMA_VERSION}",
            f"đã ở phiên bản lược đồ {SCHEMA_VERSION}",
        )
    target = args.file if args.in_place else args.output
    if target is None:
        sys.stdout.buffer.write(upgraded)
        sys.stdout.flush()
        return OK
    if steps or target != args.file:
        return write_output(target, upgraded, force=args.force)
    return OK
