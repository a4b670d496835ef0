"""``thidua validate FILE...``: check documents, one line per problem or per valid file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, Final

from thidua.cli._io import OK, UNREADABLE, Progress, read_input, report_error, tr
from thidua.errors import DocumentError, StructureError
from thidua.serialization import SCHEMA_VERSION, loads
from thidua.serialization._registry import document_kind

#: Each document kind in Vietnamese.
KINDS_VI: Final = {
    "agreement": "giao ước thi đua",
    "organisation": "tổ chức cụm, khối thi đua",
    "results": "kết quả chấm điểm",
    "review": "bình xét cuối năm",
    "scheme": "bảng tiêu chí chấm điểm",
    "scoring": "tệp chấm điểm",
}


def register(subparsers: Any) -> None:
    """Add the ``validate`` subcommand."""
    parser = subparsers.add_parser(
        "validate",
        help=tr(
            "check documents; exit 1 with one line per problem",
            "kiểm tra tài liệu; thoát mã 1 kèm một dòng cho mỗi lỗi",
        ),
        description=tr(
            "Check each file: a valid one prints what it is, an invalid one one line per problem.",
            "Kiểm tra từng tệp: tệp hợp lệ in loại tài liệu, tệp không hợp lệ in mỗi lỗi một dòng.",
        ),
    )
    parser.add_argument("files", nargs="+", metavar=tr("FILE", "TỆP"), type=Path)
    parser.set_defaults(run=run)


def valid_line(path: Path, document: object) -> str:
    """What a valid file is, in one line: its kind and the schema version it was read as."""
    kind = document_kind(type(document))
    return tr(
        f"{path}: valid {kind} document (schema {SCHEMA_VERSION})",
        f"{path}: hợp lệ: {KINDS_VI.get(kind, kind)} (phiên bản lược đồ {SCHEMA_VERSION})",
    )


def run(args: argparse.Namespace) -> int:
    """Validate every file; 0 if all valid, 1 on invalid data, 2 on unreadable files."""
    worst = OK
    progress = Progress()
    total = len(args.files)
    for index, path in enumerate(args.files, start=1):
        if total > 1:
            progress.step(
                tr(f"checking {index}/{total}: {path}", f"kiểm tra {index}/{total}: {path}")
            )
        data = read_input(path)
        if data is None:
            worst = UNREADABLE
            continue
        try:
            document: object = loads(data)
        except (StructureError, DocumentError) as exc:
            progress.done()
            worst = max(worst, report_error(path, exc, args.lang))
            continue
        progress.done()
        print(valid_line(path, document))
    progress.done()
    return worst
