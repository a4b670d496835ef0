"""``thidua sheet SCHEME -o blank.xlsx``: the blank sheet units fill in, labels and maxima shown.

Also the reading of a filled sheet for ``thidua score --scheme SCHEME SHEET``: no JSON is
written by hand between a published table and its results.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import zipfile
from pathlib import Path
from typing import Any

from thidua._base.files import write_atomic
from thidua._base.numbers import NumberConvention
from thidua.cli._io import INVALID, OK, UNREADABLE, UNWRITABLE, USAGE, read_input, report_error
from thidua.errors import InvalidModelError, SpreadsheetError, ThiduaError
from thidua.exchange._filled import blank_sheet, read_filled_sheet
from thidua.scoring import Layer, Scheme, Scoring, Unit
from thidua.serialization import loads


def register(subparsers: Any) -> None:
    """Add the ``sheet`` subcommand."""
    parser = subparsers.add_parser(
        "sheet",
        help="write the blank score sheet of a scheme (XLSX or CSV), labels and maxima shown",
        description="Write one row per unit and item of SCHEME (a scheme's JSON, as"
        " 'thidua table' writes it), with the item's label and maximum shown. Fill in"
        " the input cells, then: thidua score --scheme SCHEME --year YEAR"
        " --convention CONVENTION FILLED.",
    )
    parser.add_argument("scheme", metavar="SCHEME", type=Path, help="the scheme's JSON")
    parser.add_argument(
        "-o", "--output", required=True, type=Path, help="the sheet to write (.xlsx or .csv)"
    )
    parser.add_argument(
        "--unit",
        action="append",
        default=[],
        metavar="CODE=NAME",
        help="a unit that fills the sheet in (repeat for each unit)",
    )
    parser.add_argument(
        "--units", type=Path, help="a CSV file of units: a header 'unit,unit_name', one a row"
    )
    parser.add_argument(
        "--convention",
        required=True,
        choices=[c.value for c in NumberConvention],
        help="how the maxima are shown and points will be written",
    )
    parser.add_argument(
        "--layer", default=Layer.SELF.value, choices=[m.value for m in Layer], help="the layer"
    )
    parser.set_defaults(run=run)


def load_scheme(path: Path, lang: Any) -> Scheme | int:
    """The scheme in *path*, or the exit code after saying why not."""
    data = read_input(path)
    if data is None:
        return UNREADABLE
    try:
        return loads(data, Scheme)
    except ThiduaError as exc:
        return report_error(path, exc, lang)


def _units(args: argparse.Namespace) -> list[Unit] | None:
    pairs: list[tuple[str, str]] = []
    for given in args.unit:
        code, sep, name = given.partition("=")
        if not sep:
            print(f"--unit {given!r}: expected CODE=NAME", file=sys.stderr)
            return None
        pairs.append((code.strip(), name.strip()))
    if args.units is not None:
        data = read_input(args.units)
        if data is None:
            return None
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig", errors="replace"))))
        if not rows or [c.strip() for c in rows[0][:2]] != ["unit", "unit_name"]:
            print(f"{args.units}: the header must be unit,unit_name", file=sys.stderr)
            return None
        pairs += [(row[0].strip(), row[1].strip()) for row in rows[1:] if len(row) >= 2]  # noqa: PLR2004
    if not pairs:
        print("name the units: --unit CODE=NAME, or --units FILE", file=sys.stderr)
        return None
    try:
        return [Unit(code=code, name=name) for code, name in pairs]
    except InvalidModelError as exc:
        print(f"--unit: {exc.path}: {exc.message}", file=sys.stderr)
        return None


def run(args: argparse.Namespace) -> int:
    """Write the blank sheet; 0 on success, 1 on an invalid scheme, 2 on usage or files."""
    scheme = load_scheme(args.scheme, args.lang)
    if isinstance(scheme, int):
        return scheme
    units = _units(args)
    if units is None:
        return USAGE
    suffix = args.output.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        print(f"{args.output}: write a .xlsx or a .csv file", file=sys.stderr)
        return USAGE
    data = blank_sheet(
        scheme,
        units,
        convention=NumberConvention(args.convention),
        layer=Layer(args.layer),
        sheet_format="xlsx" if suffix == ".xlsx" else "csv",
    )
    try:
        write_atomic(args.output, data)
    except OSError as exc:
        print(f"{args.output}: cannot write: {exc.strerror}", file=sys.stderr)
        return UNWRITABLE
    return OK


def scoring_from_sheet(args: argparse.Namespace) -> Scoring | int:
    """The scoring of ``thidua score --scheme SCHEME SHEET``, or the exit code."""
    if args.year is None or args.convention is None:
        print("--scheme needs --year and --convention", file=sys.stderr)
        return USAGE
    scheme = load_scheme(args.scheme, args.lang)
    if isinstance(scheme, int):
        return scheme
    path: Path = args.file
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        print(f"{path}: a filled sheet is a .xlsx or a .csv file", file=sys.stderr)
        return USAGE
    data = read_input(path)
    if data is None:
        return UNREADABLE
    try:
        sheet = read_filled_sheet(
            data,
            scheme=scheme,
            year=args.year,
            convention=NumberConvention(args.convention),
            sheet_format="xlsx" if suffix == ".xlsx" else "csv",
            name=path.name,
        )
        return Scoring(schemes=(scheme,), sheets=(sheet,))
    except zipfile.BadZipFile:
        print(f"{path}: cannot read: not an XLSX workbook", file=sys.stderr)
        return UNREADABLE
    except SpreadsheetError as exc:
        for problem in exc.problems:
            print(problem)
        return INVALID
    except ThiduaError as exc:
        return report_error(path, exc, args.lang)
