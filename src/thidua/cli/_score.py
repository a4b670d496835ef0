"""``thidua score FILE``: rank the units of a scoring file and explain their totals.

``--format table`` (default) prints the ranking in the chosen language; ``json`` the
results as data; ``csv`` and ``xlsx`` a points table to open in a spreadsheet: one row
per unit and year with the section subtotals, the adjustments, the total, the rank and
the classification (Vietnamese headers, numbers as the convention writes them in CSV and
as numeric cells in XLSX, extra ``thidua[xlsx]``).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import orjson

from thidua._base.cells import neutralise
from thidua._base.numbers import NumberConvention, format_number
from thidua.cli._io import (
    OK,
    UNREADABLE,
    USAGE,
    Progress,
    add_output_options,
    read_input,
    report_error,
    tr,
    write_output,
)
from thidua.cli._sheet import scoring_from_sheet
from thidua.documents._wording import explain_unit, ranking_table, trace_of
from thidua.errors import ThiduaError
from thidua.scoring import Results, Scoring, UnitResult, deferred_sheet_checks, score_all
from thidua.serialization import loads, unstructure

_ILLUSTRATIVE_VI = "MINH HỌA: bảng điểm và điểm số là giả định, không phải số liệu thật."
_ILLUSTRATIVE_EN = "ILLUSTRATIVE: the points table and the scores are made up, not real results."


def register(subparsers: Any) -> None:
    """Add the ``score`` subcommand."""
    parser = subparsers.add_parser(
        "score",
        help=tr(
            "score a scoring file: totals, ranks, classifications and traces",
            "chấm điểm một tệp chấm điểm: tổng điểm, xếp hạng, xếp loại, giải trình",
        ),
        description=tr(
            "Score every year of a scoring file. --format csv or xlsx writes the points"
            " table for a spreadsheet (xlsx needs the 'xlsx' extra).",
            "Chấm điểm từng năm của tệp chấm điểm. --format csv hoặc xlsx ghi bảng điểm để"
            " mở bằng bảng tính (xlsx cần gói bổ sung 'xlsx').",
        ),
    )
    parser.add_argument(
        "file",
        metavar=tr("FILE", "TỆP"),
        type=Path,
        help=tr(
            "a 'scoring' document, or with --scheme a filled sheet (.xlsx or .csv)",
            "tài liệu loại 'scoring', hoặc với --scheme một bảng chấm điểm đã điền (.xlsx, .csv)",
        ),
    )
    parser.add_argument(
        "--on-error",
        choices=("strict", "flag"),
        default="strict",
        help=tr(
            "strict: refuse a sheet with invalid rows;"
            " flag: score the valid units, list the others",
            "strict: từ chối bảng có dòng không hợp lệ; flag: chấm các đơn vị hợp lệ,"
            " liệt kê các đơn vị còn lại",
        ),
    )
    parser.add_argument(
        "--scheme",
        type=Path,
        help=tr(
            "score FILE, a filled sheet, against this scheme's JSON",
            "chấm TỆP, một bảng chấm điểm đã điền, theo bảng điểm JSON này",
        ),
    )
    parser.add_argument(
        "--year",
        type=int,
        help=tr("with --scheme: the year scored", "với --scheme: năm được chấm"),
    )
    parser.add_argument(
        "--explain",
        metavar=tr("UNIT", "ĐƠN_VỊ"),
        help=tr("print the trace of one unit", "in giải trình điểm của một đơn vị"),
    )
    parser.add_argument(
        "--format",
        choices=("table", "json", "csv", "xlsx"),
        default="table",
        help=tr("output format", "định dạng đầu ra"),
    )
    parser.add_argument(
        "--convention",
        choices=[c.value for c in NumberConvention],
        default=NumberConvention.VIETNAMESE.value,
        help=tr(
            "how a CSV or a filled sheet writes numbers (default: vietnamese, 95,5)",
            "cách ghi số trong CSV hoặc bảng chấm điểm đã điền (mặc định: vietnamese, 95,5)",
        ),
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        help=tr(
            "write here instead of standard output (required for xlsx)",
            "ghi ra tệp này thay vì đầu ra chuẩn (bắt buộc với xlsx)",
        ),
    )
    add_output_options(parser)
    parser.set_defaults(run=run)


def _entry(year: int, result: UnitResult) -> dict[str, Any]:
    """A unit's result under the keys of the results document, its trace left out."""
    data: dict[str, Any] = unstructure(result)
    data.pop("trace", None)
    return {"year": year, **data}


def points_rows(results: Results) -> tuple[list[str], list[list[object]]]:
    """The points table of every year: Vietnamese headers, one row per unit and year."""
    sections = list(
        dict.fromkeys(s.section for y in results.years for u in y.units for s in u.subtotals)
    )
    header = [
        "Năm",
        "Mã đơn vị",
        "Đơn vị",
        *(f"Mục {code}" for code in sections),
        "Điểm cộng",
        "Điểm trừ",
        "Tổng điểm",
        "Xếp hạng",
        "Đồng hạng",
        "Xếp loại",
    ]
    rows: list[list[object]] = []
    for year in results.years:
        for unit in year.units:
            subtotals = {s.section: s.points for s in unit.subtotals}
            rows.append(
                [
                    year.year,
                    unit.unit,
                    unit.name,
                    *(subtotals.get(code, "") for code in sections),
                    unit.bonus_total,
                    unit.penalty_total,
                    unit.total,
                    unit.rank,
                    "có" if unit.tied else "",
                    unit.classification or "",
                ]
            )
    return header, rows


def _csv_cell(cell: object, convention: NumberConvention) -> object:
    """A number in *convention*; text a spreadsheet would run, behind a quote."""
    if isinstance(cell, Decimal):
        return format_number(cell, convention)
    if isinstance(cell, str):
        return neutralise(cell)
    return cell


def results_csv(results: Results, convention: NumberConvention) -> bytes:
    """The points table as CSV for Excel: UTF-8 with a byte-order mark, comma-separated.

    Text a spreadsheet would run as a formula (a unit's name or a class starting with
    ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written behind a single quote.
    """
    header, rows = points_rows(results)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_cell(c, convention) for c in row])
    return ("\ufeff" + out.getvalue()).encode()


def results_xlsx(results: Results) -> bytes:
    """The points table as an XLSX workbook: numeric cells, a frozen header."""
    import openpyxl  # noqa: PLC0415 - optional extra, named when missing
    from openpyxl.utils import get_column_letter  # noqa: PLC0415 - idem
    from openpyxl.worksheet.worksheet import Worksheet  # noqa: PLC0415 - idem

    header, rows = points_rows(results)
    book = openpyxl.Workbook()
    page = book.active
    assert isinstance(page, Worksheet)  # noqa: S101 - a new workbook has one sheet
    page.title = "Bảng điểm"
    page.append(header)
    for row in rows:
        page.append([None if cell == "" else cell for cell in row])  # blank, not ""
    for cells in page.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # openpyxl makes "=..." a formula: text stays text
    page.freeze_panes = "A2"
    for index, title in enumerate(header, start=1):
        letter = get_column_letter(index)
        page.column_dimensions[letter].width = max(10, min(45, len(title) + 4))
    page.column_dimensions["C"].width = 45
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _write(args: argparse.Namespace, data: bytes) -> int:
    if args.output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return OK
    return write_output(args.output, data, force=args.force)


def score_file(path: Path, lang: str, on_error: str = "strict") -> tuple[Scoring, Results] | int:
    """Read and score *path* (no traces), with progress on a terminal; an exit code if not."""
    progress = Progress()
    progress.step(tr(f"{path}: reading…", f"{path}: đang đọc…"))
    data = read_input(path)
    if data is None:
        progress.done()
        return UNREADABLE
    try:
        with deferred_sheet_checks():
            scoring = loads(data, Scoring)
        progress.step(tr(f"{path}: scoring…", f"{path}: đang chấm điểm…"))
        results = score_all(scoring, on_error=on_error)
    except ThiduaError as exc:
        progress.done()
        return report_error(path, exc, "vi" if lang == "vi" else "en")
    progress.done()
    return scoring, results


def _explained(scoring: Scoring, year: int, result: UnitResult) -> UnitResult:
    """*result* with its trace, recorded by :func:`~thidua.scoring.explain` for this unit."""
    sheet = next(s for s in scoring.sheets if s.year == year)
    trace = trace_of(result, scoring.scheme_for(sheet), sheet)
    return attrs.evolve(result, trace=trace)


def run(args: argparse.Namespace) -> int:
    """Score the file; 0 on success, 1 on invalid data, 2 on usage errors or unreadable files."""
    path: Path = args.file
    if args.format == "xlsx" and args.output is None:
        print(
            tr("--format xlsx needs -o FILE", "--format xlsx cần -o TỆP"),
            file=sys.stderr,
        )
        return USAGE
    if args.scheme is not None:
        scoring = scoring_from_sheet(args)
        if isinstance(scoring, int):
            return scoring
        try:
            results = score_all(scoring, on_error=args.on_error)
        except ThiduaError as exc:
            return report_error(path, exc, args.lang)
    else:
        scored = score_file(path, args.lang, args.on_error)
        if isinstance(scored, int):
            return scored
        scoring, results = scored
    try:
        return _print(args, path, scoring, results)
    except ThiduaError as exc:  # a trace recorded for --explain that does not add up
        return report_error(path, exc, args.lang)


def _print(args: argparse.Namespace, path: Path, scoring: Scoring, results: Results) -> int:
    vi = args.lang == "vi"
    if args.explain is not None:
        found = [
            (y.year, _explained(scoring, y.year, r))
            for y in results.years
            for r in y.units
            if r.unit == args.explain
        ]
        if not found:
            print(
                tr(
                    f"{path}: no unit {args.explain!r} is scored",
                    f"{path}: không có đơn vị {args.explain!r} được chấm điểm",
                ),
                file=sys.stderr,
            )
            return USAGE
        if args.format == "json":
            traces = [{"year": year, **unstructure(result)} for year, result in found]
            sys.stdout.write(orjson.dumps({"explain": traces}, option=orjson.OPT_INDENT_2).decode())
            sys.stdout.write("\n")
            return OK
        if results.illustrative:
            print(_ILLUSTRATIVE_VI if vi else _ILLUSTRATIVE_EN)
        for year, result in found:
            print(f"Năm {year}" if vi else f"Year {year}")
            print(explain_unit(result, lang=args.lang))
        return OK
    if args.format == "json":
        entries = [_entry(y.year, r) for y in results.years for r in y.units]
        body: dict[str, Any] = {"results": entries}
        unscored = [{"year": y.year, **unstructure(u)} for y in results.years for u in y.unscored]
        if unscored:
            body["unscored"] = unscored
        if results.illustrative:
            body["illustrative"] = True
        sys.stdout.write(orjson.dumps(body, option=orjson.OPT_INDENT_2).decode() + "\n")
        return OK
    if args.format == "csv":
        return _write(args, results_csv(results, NumberConvention(args.convention)))
    if args.format == "xlsx":
        return _write(args, results_xlsx(results))
    if results.illustrative:
        print(_ILLUSTRATIVE_VI if vi else _ILLUSTRATIVE_EN)
    print("\n\n".join(ranking_table(year, lang=args.lang) for year in results.years))
    return OK
