"""``thidua table FILE``: import a published points table (CSV, XLSX or DOCX) as a scheme.

What the table leaves open is printed on standard error, one line per row, as "left for you
to declare"; the scheme is still written, and the exit code is 0.
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path
from typing import Any, Final

from thidua._base.files import write_atomic
from thidua._base.numbers import NumberConvention, parse_number
from thidua.cli._io import INVALID, OK, UNREADABLE, USAGE, read_input, report_error
from thidua.errors import InvalidModelError, NumberFormatError, SpreadsheetError
from thidua.exchange._table_read import read_table
from thidua.serialization import dumps

_LEFT: Final = {"en": "left for you to declare", "vi": "để người dùng khai báo"}


def register(subparsers: Any) -> None:
    """Add the ``table`` subcommand."""
    parser = subparsers.add_parser(
        "table",
        help="import a points table as published (CSV, XLSX or DOCX) as a scheme",
        description="Read a points table numbered in an STT column (A, I, 1, 1.1, a, a1, 2.a,"
        " C1) and print the scheme's JSON. Every criterion is scored by hand from 0 to its"
        " maximum; bonus and deduction parts and columns become adjustments; rule rows are"
        " kept as notes; what the table leaves open is printed on standard error.",
    )
    parser.add_argument(
        "file", metavar="FILE", type=Path, help="a .csv (UTF-8), .xlsx or .docx file"
    )
    parser.add_argument(
        "--convention",
        required=True,
        choices=[c.value for c in NumberConvention],
        help="how the maxima are written: vietnamese (9,98) or international (9.98)",
    )
    parser.add_argument("--code", required=True, help="the scheme's code")
    parser.add_argument("--label", required=True, help="the scheme's title")
    parser.add_argument("--first-year", required=True, type=int, help="first year in force")
    parser.add_argument(
        "--scale", required=True, help="the base scale, in the declared convention (1.000)"
    )
    parser.add_argument("--worksheet", help="the workbook's worksheet (default: the first)")
    parser.add_argument(
        "--table", type=int, help="the document's table, from 1 (default: the first with STT)"
    )
    parser.add_argument("-o", "--output", type=Path, help="write the scheme here")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Import FILE; 0 on success, 1 on bad cells or arguments, 2 on an unreadable file."""
    convention = NumberConvention(args.convention)
    try:
        scale = parse_number(args.scale, convention)
    except NumberFormatError as exc:
        print(f"--scale: {exc.message}", file=sys.stderr)
        return INVALID
    data = read_input(args.file)
    if data is None:
        return UNREADABLE
    suffix = args.file.suffix.lower().lstrip(".")
    if suffix not in ("csv", "xlsx", "docx"):
        print(f"{args.file}: a table is a .csv, .xlsx or .docx file", file=sys.stderr)
        return USAGE
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
        kind = "an XLSX workbook" if suffix == "xlsx" else "a DOCX document"
        print(f"{args.file}: cannot read: not {kind}", file=sys.stderr)
        return UNREADABLE
    except SpreadsheetError as exc:
        if exc.problems and exc.problems[0].code == "unreadable-file":
            print(f"{args.file}: cannot read: not UTF-8 text", file=sys.stderr)
            return UNREADABLE
        for problem in exc.problems:
            print(problem)
        return INVALID
    except InvalidModelError as exc:
        return report_error(args.file, exc, args.lang)
    scheme = imported.scheme
    for problem in imported.to_declare:
        print(f"{problem.path}: {_LEFT[args.lang]}: {problem.message}", file=sys.stderr)
    output = dumps(scheme, indent=True)
    if args.output is None:
        sys.stdout.write(output.decode() + "\n")
    else:
        write_atomic(args.output, output)
    return OK
