"""``thidua table FILE``: import a published points table (CSV or XLSX) as a scheme."""

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
    Progress,
    add_output_options,
    cannot_read,
    read_input,
    report_error,
    tr,
    write_output,
)
from thidua.errors import InvalidModelError, NumberFormatError, SpreadsheetError
from thidua.exchange._table_import import scheme_from_table_csv, scheme_from_table_xlsx
from thidua.serialization import dumps


def register(subparsers: Any) -> None:
    """Add the ``table`` subcommand."""
    parser = subparsers.add_parser(
        "table",
        help=tr(
            "import a points table published as a spreadsheet (CSV or XLSX) as a scheme",
            "nhập bảng tiêu chí chấm điểm từ bảng tính (CSV hoặc XLSX) thành bảng điểm",
        ),
        description=tr(
            "Read a points table numbered I, 1, 1.1 in an STT column and print the"
            " scheme's JSON. Every criterion is scored by hand from 0 to its maximum.",
            "Đọc bảng tiêu chí đánh số I, 1, 1.1 ở cột STT và in bảng điểm dạng JSON. Mỗi"
            " tiêu chí được chấm trực tiếp từ 0 đến điểm tối đa.",
        ),
    )
    parser.add_argument(
        "file",
        metavar=tr("FILE", "TỆP"),
        type=Path,
        help=tr("a .csv or .xlsx file", "tệp .csv hoặc .xlsx"),
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
    progress = Progress()
    progress.step(tr(f"{args.file}: importing…", f"{args.file}: đang nhập…"))
    try:
        if args.file.suffix.lower() == ".xlsx":
            scheme = scheme_from_table_xlsx(
                data,
                code=args.code,
                label=args.label,
                convention=convention,
                first_year=args.first_year,
                scale=scale,
            )
        else:
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                cannot_read(args.file, tr("not UTF-8 text", "không phải văn bản UTF-8"))
                return UNREADABLE
            scheme = scheme_from_table_csv(
                text,
                code=args.code,
                label=args.label,
                convention=convention,
                first_year=args.first_year,
                scale=scale,
                sheet=args.file.name,
            )
    except zipfile.BadZipFile:
        cannot_read(args.file, tr("not an XLSX workbook", "không phải tệp XLSX"))
        return UNREADABLE
    except SpreadsheetError as exc:
        unreadable = [p for p in exc.problems if p.code == "unreadable-file"]
        if unreadable:
            print(f"{args.file}: cannot read: {unreadable[0].message}", file=sys.stderr)
            return UNREADABLE
        for problem in exc.problems:
            print(f"{problem.path}: {localise(problem, args.lang)}")
        return INVALID
    except InvalidModelError as exc:
        return report_error(args.file, exc, args.lang)
    finally:
        progress.done()
    output = dumps(scheme, indent=True)
    if args.output is None:
        sys.stdout.write(output.decode() + "\n")
        return OK
    return write_output(args.output, output, force=args.force)
