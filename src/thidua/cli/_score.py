"""``thidua score FILE``: rank the units of a scoring file and explain their totals."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import orjson

from thidua._base.numbers import NumberConvention
from thidua.cli._io import OK, UNREADABLE, USAGE, read_input, report_error
from thidua.cli._sheet import scoring_from_sheet
from thidua.errors import ThiduaError
from thidua.scoring import Scoring, UnitResult, score_all
from thidua.serialization import loads, unstructure

_ILLUSTRATIVE = "MINH HỌA: bảng điểm và điểm số là giả định, không phải số liệu thật."


def register(subparsers: Any) -> None:
    """Add the ``score`` subcommand."""
    parser = subparsers.add_parser(
        "score", help="score a scoring file: totals, ranks, classifications and traces"
    )
    parser.add_argument(
        "file",
        metavar="FILE",
        type=Path,
        help="a 'scoring' document, or with --scheme a filled sheet (.xlsx or .csv)",
    )
    parser.add_argument(
        "--scheme", type=Path, help="score FILE, a filled sheet, against this scheme's JSON"
    )
    parser.add_argument("--year", type=int, help="with --scheme: the year scored")
    parser.add_argument(
        "--convention",
        choices=[c.value for c in NumberConvention],
        help="with --scheme: how the sheet's numbers are written",
    )
    parser.add_argument("--explain", metavar="UNIT", help="print the trace of one unit")
    parser.add_argument(
        "--format", choices=("table", "json"), default="table", help="output format"
    )
    parser.set_defaults(run=run)


def _entry(year: int, result: UnitResult) -> dict[str, Any]:
    return {
        "year": year,
        "unit": result.unit,
        "total": format(result.total, "f"),
        "rank": result.rank,
        "tied": result.tied,
        "classification": result.classification,
        "band": result.band,
        "base": format(result.base, "f"),
        "bonus": format(result.bonus_total, "f"),
        "penalty": format(result.penalty_total, "f"),
        "knockouts": list(result.knockouts),
        "barred_from": [bar.value for bar in result.barred_from],
    }


def run(args: argparse.Namespace) -> int:
    """Score the file; 0 on success, 1 on invalid data, 2 on usage errors or unreadable files."""
    path: Path = args.file
    if args.scheme is not None:
        scoring = scoring_from_sheet(args)
        if isinstance(scoring, int):
            return scoring
    else:
        data = read_input(path)
        if data is None:
            return UNREADABLE
        try:
            scoring = loads(data, Scoring)
        except ThiduaError as exc:
            return report_error(path, exc, args.lang)
    try:
        results = score_all(scoring, trace=args.explain is not None)
    except ThiduaError as exc:
        return report_error(path, exc, args.lang)
    if args.explain is not None:
        found = [(y.year, r) for y in results.years for r in y.units if r.unit == args.explain]
        if not found:
            print(f"{path}: no unit {args.explain!r} is scored", file=sys.stderr)
            return USAGE
        if args.format == "json":
            traces = [{"year": year, **unstructure(result)} for year, result in found]
            sys.stdout.write(orjson.dumps({"explain": traces}, option=orjson.OPT_INDENT_2).decode())
            sys.stdout.write("\n")
            return OK
        if results.illustrative:
            print(_ILLUSTRATIVE)
        for year, result in found:
            print(f"Năm {year}")
            print(result.explain())
        return OK
    if args.format == "json":
        entries = [_entry(y.year, r) for y in results.years for r in y.units]
        body: dict[str, Any] = {"results": entries}
        if results.illustrative:
            body["illustrative"] = True
        sys.stdout.write(orjson.dumps(body, option=orjson.OPT_INDENT_2).decode() + "\n")
        return OK
    if results.illustrative:
        print(_ILLUSTRATIVE)
    print("\n\n".join(year.table() for year in results.years))
    return OK
