"""``thidua table FILE``: import a published points table (CSV or XLSX) as a scheme."""

from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path
from typing import Any

from thidua._base.numbers import NumberConvention, parse_number
from thidua.cli._io import (
    INVALID,
    OK,
    UNREADABLE,
    add_output_options,
    read_input,
    report_error,
    write_output,
)
from thidua.errors import InvalidModelError, NumberFormatError, SpreadsheetError
from thidua.exchange._table_import import scheme_from_table_csv, scheme_from_table_xlsx
from thidua.serialization import dumps


def register(subparsers: Any) -> None:
    """Add the ``table`` subcommand."""
    parser = subparsers.add_parser(
        "table",
        help="import a points table published as a spreadsheet (CSV or XLSX) as a scheme",
        description="Read a points table numbered I, 1, 1.1 in an STT column and print the"
        " scheme's JSON. Every criterion is scored by hand from 0 to its maximum.",
    )
    parser.add_argument("file", metavar="FILE", type=Path, help="a .csv or .xlsx file")
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
    parser.add_argument("-o", "--output", type=Path, help="write the scheme here")
    add_output_options(parser)
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
                print(f"{args.file}: cannot read: not UTF-8 text", file=sys.stderr)
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
        print(f"{args.file}: cannot read: not an XLSX workbook", file=sys.stderr)
        return UNREADABLE
    except SpreadsheetError as exc:
        for problem in exc.problems:
            print(problem)
        return INVALID
    except InvalidModelError as exc:
        return report_error(args.file, exc, args.lang)
    output = dumps(scheme, indent=True)
    if args.output is None:
        sys.stdout.write(output.decode() + "\n")
        return OK
    return write_output(args.output, output, force=args.force)
