"""``thidua review FILE [--format table|json|md]``: run a year end and print what it found."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import orjson

from thidua.cli._io import OK, UNREADABLE, read_input, report_error
from thidua.errors import ThiduaError
from thidua.serialization import loads, unstructure
from thidua.yearend._review import ReviewDocument, ReviewReport, run_review


def register(subparsers: Any) -> None:
    """Add the ``review`` subcommand."""
    parser = subparsers.add_parser(
        "review",
        help="run a year end: ranking, ballot, acclaim, eligibility, nominations",
    )
    parser.add_argument("file", metavar="FILE", type=Path)
    parser.add_argument("--format", choices=("table", "json", "md"), default="table")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Review one file; 0 on success, 1 on invalid data or a failed step, 2 if unreadable."""
    path: Path = args.file
    data = read_input(path)
    if data is None:
        return UNREADABLE
    try:
        report = run_review(loads(data, ReviewDocument))
    except ThiduaError as exc:
        return report_error(path, exc, args.lang)
    renderers = {"table": render_table, "json": render_json, "md": render_markdown}
    sys.stdout.write(renderers[args.format](report))
    return OK


def render_json(report: ReviewReport) -> str:
    """The report as canonical JSON (keys sorted)."""
    option = orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2
    return orjson.dumps(unstructure(report), option=option).decode() + "\n"


def _sections(report: ReviewReport) -> list[tuple[str, list[list[str]], list[str]]]:
    """Each section: title, rows (first row is the header), and lines of text."""
    ranking = [["rank", "unit", "score", "tied"]] + [
        [str(r.rank), r.unit, "" if r.score is None else f"{r.score:f}", "yes" if r.tied else ""]
        for r in report.ranking
    ]
    tally_rows: list[list[str]] = []
    tally_text = ["No secret ballot was held."]
    if report.tally is not None:
        t = report.tally
        tally_text = [
            (
                f"Voters present {t.voters_present}; ballots cast {t.cast}: valid {t.valid},"
                f" blank {t.blank}, invalid {t.invalid}."
            ),
            f"Threshold: {t.threshold} (base {t.base}).",
        ]
        tally_rows = [["candidate", "votes", "passed", "tied with"]] + [
            [r.candidate, str(r.votes), "yes" if r.passed else "no", ", ".join(r.tied_with)]
            for r in t.results
        ]
    acclaimed = [["position", "unit", "rank", "votes"]] + [
        [str(a.position), a.unit, str(a.rank), "" if a.votes is None else str(a.votes)]
        for a in report.acclamation.acclaimed
    ]
    acclaim_text = list(report.acclamation.explanation)
    if report.acclamation.undecided:
        acclaim_text.append(f"Undecided (tied): {', '.join(report.acclamation.undecided)}.")
    eligibility_text: list[str] = []
    for answer in report.eligibility:
        eligibility_text.extend(answer.explain().splitlines())
    nominations = [["unit", "award", "year", "group led", "achievement", "basis"]] + [
        [n.unit, n.award, str(n.year), n.group_led or "", n.achievement, n.basis]
        for n in report.nominations
    ]
    return [
        ("Ranking", ranking, []),
        ("Ballot", tally_rows, tally_text),
        ("Acclaimed units", acclaimed, acclaim_text),
        ("Eligibility", [], eligibility_text),
        ("Proposed nominations", nominations, list(report.notes)),
    ]


def _header(report: ReviewReport) -> list[str]:
    lines = [report.title]
    if report.illustrative:
        lines.append("ILLUSTRATIVE DATA: " + (report.note or "parts of this file are made up."))
    elif report.note:
        lines.append(report.note)
    lines.append(f"Group {report.group}, year {report.year}, framework {report.framework}.")
    lines.append(f"Regime {report.regime.regime}: {report.regime.reason}.")
    lines.append(f"Quorum: {report.quorum}.")
    return lines


def render_table(report: ReviewReport) -> str:
    """The report as plain-text tables."""
    out = [*_header(report), ""]
    for title, rows, text in _sections(report):
        out += [title, "-" * len(title)]
        if rows:
            widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
            for row in rows:
                cells = (cell.ljust(w) for cell, w in zip(row, widths, strict=True))
                out.append("  ".join(cells).rstrip())
        out += [*text, ""]
    return "\n".join(out)


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_markdown(report: ReviewReport) -> str:
    """The report as Markdown."""
    header = _header(report)
    out = [f"# {header[0]}", "", *(f"{line}  " for line in header[1:]), ""]
    for title, rows, text in _sections(report):
        out += [f"## {title}", ""]
        if rows:
            out.append("| " + " | ".join(_md_cell(c) for c in rows[0]) + " |")
            out.append("|" + "---|" * len(rows[0]))
            out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows[1:]]
            out.append("")
        out += [f"- {_md_cell(line.strip())}" for line in text]
        out.append("")
    return "\n".join(out)
