"""``thidua diff OLD NEW``: what changed between two schemes.

Exit codes, as ``diff`` has them: 0 no change, 1 changes (printed), 2 a file cannot be read
or is not a valid scheme (its problems printed). Invalid input is 2, not 1, so that a script
can tell "changed" from "could not compare".
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import orjson

from thidua._base.messages import Language
from thidua.cli._io import CHANGED, OK, UNREADABLE, read_input, report_error, tr
from thidua.errors import ThiduaError
from thidua.exchange._diff import diff_schemes
from thidua.scoring import Scheme
from thidua.serialization import loads


def register(subparsers: Any) -> None:
    """Add the ``diff`` subcommand."""
    parser = subparsers.add_parser(
        "diff",
        help=tr(
            "what changed between two schemes; exit 0 no change, 1 changes, 2 bad input",
            "những gì thay đổi giữa hai bảng điểm; trả về 0 nếu không đổi, 1 nếu có thay đổi,"
            " 2 nếu tệp không hợp lệ",
        ),
        description=tr(
            "Compare two schemes (JSON, as 'thidua table' writes them): items added, removed"
            " or moved, and every maximum, cap, amount, method or note changed. Exit 0 when"
            " nothing changed, 1 when something did, 2 when a file cannot be read or is not a"
            " valid scheme.",
            "So sánh hai bảng điểm (JSON, như 'thidua table' ghi): mục thêm, bớt hoặc chuyển"
            " chỗ, và mọi điểm tối đa, mức trần, mức điểm, cách tính hoặc ghi chú đã đổi. Trả"
            " về 0 nếu không đổi, 1 nếu có thay đổi, 2 nếu không đọc được tệp hoặc tệp không"
            " phải bảng điểm hợp lệ.",
        ),
    )
    parser.add_argument(
        "old", metavar=tr("OLD", "CŨ"), type=Path, help=tr("the scheme before", "bảng điểm trước")
    )
    parser.add_argument(
        "new", metavar=tr("NEW", "MỚI"), type=Path, help=tr("the scheme after", "bảng điểm sau")
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help=tr("output format", "định dạng đầu ra"),
    )
    parser.set_defaults(run=run)


def _scheme(path: Path, lang: Language) -> Scheme | None:
    data = read_input(path)
    if data is None:
        return None
    try:
        return loads(data, Scheme)
    except ThiduaError as exc:
        report_error(path, exc, lang)
        return None


def run(args: argparse.Namespace) -> int:
    """Compare OLD and NEW; see the module docstring for the exit codes."""
    old = _scheme(args.old, args.lang)
    new = _scheme(args.new, args.lang)
    if old is None or new is None:
        return UNREADABLE
    changes = diff_schemes(old, new)
    if args.format == "json":
        body = {"changes": [change.to_json() for change in changes]}
        sys.stdout.write(orjson.dumps(body, option=orjson.OPT_INDENT_2).decode() + "\n")
    elif not changes:
        print("Không có thay đổi." if args.lang == "vi" else "No change.")
    else:
        for change in changes:
            print(change.text(args.lang))
    return CHANGED if changes else OK
