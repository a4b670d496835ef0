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
from typing import Any, Final

from thidua._base.messages import localise
from thidua._base.numbers import NumberConvention
from thidua.cli._io import (
    INVALID,
    UNREADABLE,
    USAGE,
    add_output_options,
    cannot_read,
    read_input,
    report_error,
    tr,
    write_output,
)
from thidua.errors import InvalidModelError, SpreadsheetError, ThiduaError
from thidua.exchange._filled import blank_sheet, read_filled_sheet
from thidua.scoring import Layer, Scheme, Scoring, SheetUnit
from thidua.serialization import loads

#: The header of a units file, in English or in Vietnamese.
_UNIT_HEADERS: Final = (["unit", "unit_name"], ["Mã đơn vị", "Tên đơn vị"])


def register(subparsers: Any) -> None:
    """Add the ``sheet`` subcommand."""
    parser = subparsers.add_parser(
        "sheet",
        help=tr(
            "write the blank score sheet of a scheme (XLSX or CSV), labels and maxima shown",
            "ghi bảng chấm điểm trống của một bảng điểm (XLSX hoặc CSV), có nội dung và điểm"
            " tối đa",
        ),
        description=tr(
            "Write one row per unit and item of SCHEME (a scheme's JSON, as 'thidua table'"
            " writes it), with the item's label and maximum shown. Fill in the input cells,"
            " then: thidua score --scheme SCHEME --year YEAR --convention CONVENTION FILLED.",
            "Ghi mỗi đơn vị, mỗi mục của BẢNG_ĐIỂM (bảng điểm dạng JSON, như 'thidua table'"
            " ghi) một dòng, có nội dung và điểm tối đa của mục. Điền các ô số liệu rồi chạy:"
            " thidua score --scheme BẢNG_ĐIỂM --year NĂM --convention QUY_ƯỚC TỆP_ĐÃ_ĐIỀN.",
        ),
    )
    parser.add_argument(
        "scheme",
        metavar=tr("SCHEME", "BẢNG_ĐIỂM"),
        type=Path,
        help=tr("the scheme's JSON", "bảng điểm dạng JSON"),
    )
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        help=tr("the sheet to write (.xlsx or .csv)", "tệp bảng chấm điểm sẽ ghi (.xlsx, .csv)"),
    )
    parser.add_argument(
        "--unit",
        action="append",
        default=[],
        metavar=tr("CODE=NAME", "MÃ=TÊN"),
        help=tr(
            "a unit that fills the sheet in (repeat for each unit)",
            "một đơn vị điền bảng (lặp lại cho mỗi đơn vị)",
        ),
    )
    parser.add_argument(
        "--units",
        type=Path,
        help=tr(
            "a CSV file of units: a header 'unit,unit_name' (or 'Mã đơn vị,Tên đơn vị'), one a row",
            "tệp CSV các đơn vị: dòng đầu 'Mã đơn vị,Tên đơn vị', mỗi đơn vị một dòng",
        ),
    )
    parser.add_argument(
        "--layer",
        default=Layer.SELF.value,
        choices=[m.value for m in Layer],
        help=tr("the layer", "lớp chấm điểm"),
    )
    add_output_options(parser)
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


def _units(args: argparse.Namespace) -> list[SheetUnit] | None:
    pairs: list[tuple[str, str]] = []
    for given in args.unit:
        code, sep, name = given.partition("=")
        if not sep:
            print(
                tr(f"--unit {given!r}: expected CODE=NAME", f"--unit {given!r}: cần MÃ=TÊN"),
                file=sys.stderr,
            )
            return None
        pairs.append((code.strip(), name.strip()))
    if args.units is not None:
        data = read_input(args.units)
        if data is None:
            return None
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig", errors="replace"))))
        if not rows or [c.strip() for c in rows[0][:2]] not in _UNIT_HEADERS:
            print(
                tr(
                    f"{args.units}: the header must be unit,unit_name",
                    f"{args.units}: dòng đầu phải là Mã đơn vị,Tên đơn vị",
                ),
                file=sys.stderr,
            )
            return None
        pairs += [(row[0].strip(), row[1].strip()) for row in rows[1:] if len(row) >= 2]  # noqa: PLR2004
    if not pairs:
        print(
            tr(
                "name the units: --unit CODE=NAME, or --units FILE",
                "hãy nêu các đơn vị: --unit MÃ=TÊN, hoặc --units TỆP",
            ),
            file=sys.stderr,
        )
        return None
    try:
        return [SheetUnit(code=code, name=name) for code, name in pairs]
    except InvalidModelError as exc:
        print(f"--unit: {exc.path}: {localise(exc, args.lang)}", file=sys.stderr)
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
        print(
            tr(
                f"{args.output}: write a .xlsx or a .csv file",
                f"{args.output}: hãy ghi tệp .xlsx hoặc .csv",
            ),
            file=sys.stderr,
        )
        return USAGE
    data = blank_sheet(
        scheme,
        units,
        layer=Layer(args.layer),
        sheet_format="xlsx" if suffix == ".xlsx" else "csv",
    )
    return write_output(args.output, data, force=args.force)


def scoring_from_sheet(args: argparse.Namespace) -> Scoring | int:
    """The scoring of ``thidua score --scheme SCHEME SHEET``, or the exit code."""
    if args.year is None or args.convention is None:
        print(
            tr("--scheme needs --year and --convention", "--scheme cần --year và --convention"),
            file=sys.stderr,
        )
        return USAGE
    scheme = load_scheme(args.scheme, args.lang)
    if isinstance(scheme, int):
        return scheme
    path: Path = args.file
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        print(
            tr(
                f"{path}: a filled sheet is a .xlsx or a .csv file",
                f"{path}: bảng đã điền phải là tệp .xlsx hoặc .csv",
            ),
            file=sys.stderr,
        )
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
        cannot_read(path, tr("not an XLSX workbook", "không phải tệp XLSX"))
        return UNREADABLE
    except SpreadsheetError as exc:
        for problem in exc.problems:
            print(f"{problem.path}: {localise(problem, args.lang)}")
        return INVALID
    except ThiduaError as exc:
        return report_error(path, exc, args.lang)
