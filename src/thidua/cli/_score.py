"""``thidua score FILE``: rank the units of a scoring file and explain their totals."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import orjson

from thidua.cli._io import OK, UNREADABLE, USAGE, read_input, report_error
from thidua.errors import ThiduaError
from thidua.scoring import Scoring, UnitResult, deferred_sheet_checks, score_all
from thidua.serialization import loads, unstructure

_ILLUSTRATIVE = "MINH HỌA: bảng điểm và điểm số là giả định, không phải số liệu thật."


def register(subparsers: Any) -> None:
    """Add the ``score`` subcommand."""
    parser = subparsers.add_parser(
        "score", help="score a scoring file: totals, ranks, classifications and traces"
    )
    parser.add_argument("file", metavar="FILE", type=Path, help="a 'scoring' document")
    parser.add_argument("--explain", metavar="UNIT", help="print the trace of one unit")
    parser.add_argument(
        "--format", choices=("table", "json"), default="table", help="output format"
    )
    parser.add_argument(
        "--on-error",
        choices=("strict", "flag"),
        default="strict",
        help="strict: refuse a sheet with invalid rows; flag: score the valid units, list the others",
    )
    parser.set_defaults(run=run)


def _entry(year: int, result: UnitResult) -> dict[str, Any]:
    """A unit's result under the keys of the results document, its trace left out."""
    data: dict[str, Any] = unstructure(result)
    data.pop("trace", None)
    return {"year": year, **data}


def run(args: argparse.Namespace) -> int:
    """Score the file; 0 on success, 1 on invalid data, 2 on usage errors or unreadable files."""
    path: Path = args.file
    data = read_input(path)
    if data is None:
        return UNREADABLE
    try:
        with deferred_sheet_checks():
            scoring = loads(data, Scoring)
        results = score_all(scoring, trace=args.explain is not None, on_error=args.on_error)
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
        unscored = [{"year": y.year, **unstructure(u)} for y in results.years for u in y.unscored]
        if unscored:
            body["unscored"] = unscored
        if results.illustrative:
            body["illustrative"] = True
        sys.stdout.write(orjson.dumps(body, option=orjson.OPT_INDENT_2).decode() + "\n")
        return OK
    if results.illustrative:
        print(_ILLUSTRATIVE)
    print("\n\n".join(year.table() for year in results.years))
    return OK
