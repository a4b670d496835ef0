"""``thidua convert FILE --to compact|rows``: a scoring document in the other sheet form."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from thidua.cli._io import (
    OK,
    UNREADABLE,
    add_output_options,
    read_input,
    report_error,
    tr,
    write_output,
)
from thidua.errors import ThiduaError
from thidua.serialization._compact import convert


def register(subparsers: Any) -> None:
    """Add the ``convert`` subcommand."""
    parser = subparsers.add_parser(
        "convert",
        help=tr(
            "convert a scoring document between the row and the compact sheet forms",
            "chuyển tệp chấm điểm giữa dạng theo dòng và dạng gọn",
        ),
        description=tr(
            "Write a scoring document with its sheets in the compact form (criteria listed"
            " once, one row of values per unit, layer and assessor) or in the row form (one"
            " assessment per score). Both ways are byte-exact for documents in canonical"
            " order. The result is checked before it is written; by default it goes to"
            " standard output.",
            "Ghi tệp chấm điểm với các bảng ở dạng gọn (tiêu chí liệt kê một lần, mỗi đơn vị,"
            " lớp chấm và người chấm một dòng giá trị) hoặc ở dạng theo dòng (mỗi điểm một"
            " dòng). Chuyển qua lại giữ nguyên từng byte với tệp theo thứ tự chuẩn. Kết quả"
            " được kiểm tra trước khi ghi; mặc định ghi ra đầu ra chuẩn.",
        ),
    )
    parser.add_argument("file", metavar=tr("FILE", "TỆP"), type=Path)
    parser.add_argument("--to", choices=("compact", "rows"), required=True)
    parser.add_argument(
        "--reorder",
        action="store_true",
        help=tr(
            "accept assessments in any order (converting back lists them unit by unit)",
            "nhận điểm theo thứ tự bất kỳ (khi chuyển ngược lại, liệt kê theo từng đơn vị)",
        ),
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        help=tr("write the document here", "ghi tài liệu ra tệp này"),
    )
    add_output_options(parser)
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
    return write_output(args.output, converted, force=args.force)
