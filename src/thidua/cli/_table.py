"""``thidua table FILE``: import a published points table (CSV, XLSX or DOCX) as a scheme.

What the table leaves open is printed on standard error, one line per row, as "left for you
to declare"; the scheme is still written, and the exit code is 0.
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path
from typing import Any

from thidua._base.messages import localise
from thidua._base.numbers import NumberConvention, parse_number
from thidua.cli._io import (
    INVALID,
    OK,
    UNREADABLE,
    USAGE,
    Progress,
    add_output_options,
    cannot_read,
    read_input,
    report_error,
    tr,
    write_output,
)
from thidua.errors import InvalidModelError, NumberFormatError, SpreadsheetError
from thidua.exchange._table_read import read_table
from thidua.serialization import dumps


def register(subparsers: Any) -> None:
    """Add the ``table`` subcommand."""
    parser = subparsers.add_parser(
        "table",
        help=tr(
            "import a points table as published (CSV, XLSX or DOCX) as a scheme",
            "nhập bảng tiêu chí chấm điểm như được ban hành (CSV, XLSX hoặc DOCX) thành bảng điểm",
        ),
        description=tr(
            "Read a points table numbered in an STT column (A, I, 1, 1.1, a, a1, 2.a, C1) and"
            " print the scheme's JSON. Every criterion is scored by hand from 0 to its maximum;"
            " bonus and deduction parts and columns become adjustments; rule rows are kept as"
            " notes; what the table leaves open is printed on standard error.",
            "Đọc bảng tiêu chí đánh số ở cột STT (A, I, 1, 1.1, a, a1, 2.a, C1) và in bảng điểm"
            " dạng JSON. Mỗi tiêu chí được chấm trực tiếp từ 0 đến điểm tối đa; phần và cột"
            " điểm thưởng, điểm trừ thành các khoản cộng, trừ; dòng cách chấm được giữ làm ghi"
            " chú; điều bảng chưa nói rõ được in ra luồng lỗi chuẩn.",
        ),
    )
    parser.add_argument(
        "file",
        metavar=tr("FILE", "TỆP"),
        type=Path,
        help=tr("a .csv (UTF-8), .xlsx or .docx file", "tệp .csv (UTF-8), .xlsx hoặc .docx"),
    )
    parser.add_argument(
        "--convention",
        required=True,
        choices=[c.value for c in NumberConvention],
        help=tr(
            "how the maxima are written: vietnamese (9,98) or international (9.98)",
            "cách viết điểm tối đa: vietnamese (9,98) hoặc international (9.98)",
        ),
    )
    parser.add_argument("--code", required=True, help=tr("the scheme's code", "mã bảng điểm"))
    parser.add_argument("--label", required=True, help=tr("the scheme's title", "tên bảng điểm"))
    parser.add_argument(
        "--first-year",
        required=True,
        type=int,
        help=tr("first year in force", "năm đầu tiên có hiệu lực"),
    )
    parser.add_argument(
        "--scale",
        required=True,
        help=tr(
            "the base scale, in the declared convention (1.000)",
            "thang điểm, viết theo quy ước đã khai báo (1.000)",
        ),
    )
    parser.add_argument(
        "--worksheet",
        help=tr(
            "the workbook's worksheet (default: the first)",
            "trang tính của tệp XLSX (mặc định: trang đầu)",
        ),
    )
    parser.add_argument(
        "--table",
        type=int,
        help=tr(
            "the document's table, from 1 (default: the first with STT)",
            "bảng trong tệp DOCX, đếm từ 1 (mặc định: bảng đầu tiên có cột STT)",
        ),
    )
    parser.add_argument(
        "-o", "--output", type=Path, help=tr("write the scheme here", "ghi bảng điểm ra tệp này")
    )
    add_output_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Import FILE; 0 on success, 1 on bad cells or arguments, 2 on an unreadable file."""
    convention = NumberConvention(args.convention)
    try:
        scale = parse_number(args.scale, convention)
    except NumberFormatError as exc:
        print(f"--scale: {localise(exc, args.lang)}", file=sys.stderr)
        return INVALID
    data = read_input(args.file)
    if data is None:
        return UNREADABLE
    suffix = args.file.suffix.lower().lstrip(".")
    if suffix not in ("csv", "xlsx", "docx"):
        print(
            tr(
                f"{args.file}: a table is a .csv, .xlsx or .docx file",
                f"{args.file}: bảng điểm phải là tệp .csv, .xlsx hoặc .docx",
            ),
            file=sys.stderr,
        )
        return USAGE
    progress = Progress()
    progress.step(tr(f"{args.file}: importing…", f"{args.file}: đang nhập…"))
    try:
        imported = read_table(
            data,
            table_format=suffix,
            code=args.code,
            label=args.label,
            convention=convention,
            first_year=args.first_year,
            scale=scale,
            name=args.file.name,
            worksheet=args.worksheet,
            table=args.table,
        )
    except zipfile.BadZipFile:
        if suffix == "xlsx":
            cannot_read(args.file, tr("not an XLSX workbook", "không phải tệp XLSX"))
        else:
            cannot_read(args.file, tr("not a DOCX document", "không phải tệp DOCX"))
        return UNREADABLE
    except SpreadsheetError as exc:
        unreadable = [p for p in exc.problems if p.code == "unreadable-file"]
        if unreadable:
            cannot_read(args.file, localise(unreadable[0], args.lang))
            return UNREADABLE
        for problem in exc.problems:
            print(f"{problem.path}: {localise(problem, args.lang)}")
        return INVALID
    except InvalidModelError as exc:
        return report_error(args.file, exc, args.lang)
    finally:
        progress.done()
    left = tr("left for you to declare", "để người dùng khai báo")
    for problem in imported.to_declare:
        print(f"{problem.path}: {left}: {localise(problem, args.lang)}", file=sys.stderr)
    output = dumps(imported.scheme, indent=True)
    if args.output is None:
        sys.stdout.write(output.decode() + "\n")
        return OK
    return write_output(args.output, output, force=args.force)
