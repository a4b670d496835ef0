"""``thidua report FILE -o report.html``: a self-contained HTML report to read and print.

FILE is a review, a scoring file or results. A review's report gains the section
subtotals, the classification and each unit's trace when ``--scoring`` gives the scores
of its year; a scoring file or results give one year's report (``--year``, default the
last).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from thidua._agreement import AgreementDocument
from thidua._base.messages import localise
from thidua._base.text import nfc
from thidua._organisation import Organisation
from thidua.cli._io import (
    INVALID,
    UNREADABLE,
    USAGE,
    Progress,
    add_output_options,
    cannot_read,
    read_bounded,
    read_input,
    tr,
    write_output,
)
from thidua.documents import report_html
from thidua.documents._report import results_report_html
from thidua.errors import DocumentError, InvalidModelError, StructureError, ThiduaError
from thidua.scoring import Results, Scoring, YearResults, score_all
from thidua.serialization import document_kind, loads
from thidua.serialization._hooks import parse_json
from thidua.yearend._review import ReviewDocument, run_review


def register(subparsers: Any) -> None:
    """Add the ``report`` subcommand."""
    parser = subparsers.add_parser(
        "report",
        help=tr(
            "write a self-contained HTML report of a review, scoring file or results",
            "ghi báo cáo HTML (một tệp) của kết quả bình xét, tệp chấm điểm hoặc kết quả",
        ),
        description=tr(
            "Write an HTML report to read on screen and print on A4. FILE is a review, a"
            " scoring file or results.",
            "Ghi báo cáo HTML để xem trên màn hình và in trên khổ A4. TỆP là kết quả bình xét,"
            " tệp chấm điểm hoặc kết quả chấm điểm.",
        ),
    )
    parser.add_argument(
        "file",
        metavar=tr("FILE", "TỆP"),
        type=Path,
        help=tr(
            "a review, scoring or results document",
            "kết quả bình xét, tệp chấm điểm hoặc kết quả chấm điểm",
        ),
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        help=tr("the HTML file to write", "tệp HTML cần ghi"),
    )
    add_output_options(parser)
    parser.add_argument(
        "--names",
        type=Path,
        help=tr(
            'a JSON object of names by code, such as {"HN": "Sở TT&TT Hà Nội"}',
            'đối tượng JSON tên theo mã, như {"HN": "Sở TT&TT Hà Nội"}',
        ),
    )
    parser.add_argument(
        "--organisation",
        type=Path,
        help=tr(
            "an organisation or agreement document naming the units and the group",
            "tệp tổ chức hoặc giao ước ghi tên các đơn vị và cụm",
        ),
    )
    parser.add_argument(
        "--scoring",
        type=Path,
        help=tr(
            "for a review: the scoring file of its year (adds subtotals, classes, traces)",
            "với kết quả bình xét: tệp chấm điểm của năm đó (thêm điểm từng mục, xếp loại,"
            " giải trình)",
        ),
    )
    parser.add_argument(
        "--year",
        type=int,
        help=tr(
            "for scoring files and results: the year (default: the last)",
            "với tệp chấm điểm và kết quả: năm cần báo cáo (mặc định: năm cuối)",
        ),
    )
    parser.set_defaults(run=run)


def read_names(path: Path | None) -> dict[str, str]:
    """Read a JSON object of names by code; empty when *path* is ``None``.

    Raises:
        DocumentError: the file is not such an object.
        OSError: the file cannot be read.
    """
    if path is None:
        return {}
    names = parse_json(read_bounded(path))
    if type(names) is not dict or not all(
        type(k) is str and type(v) is str for k, v in names.items()
    ):
        msg = 'expected an object of names by code, such as {"HN": "Hà Nội"}'
        raise DocumentError(msg, code="wrong-type")
    for code, name in names.items():
        try:
            names[code] = nfc(name)
        except InvalidModelError as exc:
            raise DocumentError(exc.message, code=exc.code, path=f"$.{code}") from None
    return names


def read_organisation(path: Path | None) -> dict[str, str]:
    """Names by code of the units and groups of an organisation or agreement document.

    Raises:
        DocumentError: the file holds another kind of document.
        StructureError: the file is not a valid document.
        OSError: the file cannot be read.
    """
    if path is None:
        return {}
    held: object = loads(read_bounded(path))
    if isinstance(held, AgreementDocument):
        held = held.organisation
    if not isinstance(held, Organisation):
        kind = document_kind(type(held))
        msg = f"expected a 'organisation' document, got {kind!r}"
        raise DocumentError(
            msg, code="wrong-kind", details={"wanted": "organisation", "kind": kind}
        )
    found = {unit.code: unit.name for unit in held.units}
    return found | {group.code: group.name for group in held.groups}


def _results(document: object) -> Results | None:
    if isinstance(document, Results):
        return document
    if isinstance(document, Scoring):
        return score_all(document, trace=True)
    return None


def _year(results: Results, year: int | None) -> YearResults | None:
    if year is None:
        return results.years[-1] if results.years else None
    return next((y for y in results.years if y.year == year), None)


def _page(args: argparse.Namespace, document: object, names: dict[str, str]) -> str | int:
    """The page for *document*, or an exit code after saying why not."""
    if isinstance(document, ReviewDocument):
        report = run_review(document)
        year = None
        if args.scoring is not None:
            scored = loads(args.scoring.read_bytes(), Scoring)
            year = _year(score_all(scored, trace=True), document.year)
        return report_html(document, report, names, results=year)
    results = _results(document)
    if results is None:
        print(
            tr(
                f"{args.file}: a report needs a review, a scoring file or results",
                f"{args.file}: báo cáo cần tài liệu 'review', 'scoring' hoặc 'results'",
            ),
            file=sys.stderr,
        )
        return USAGE
    chosen = _year(results, args.year)
    if chosen is None:
        print(
            tr(f"{args.file}: no year {args.year}", f"{args.file}: không có năm {args.year}"),
            file=sys.stderr,
        )
        return USAGE
    return results_report_html(chosen, names, illustrative=results.illustrative, note=results.note)


def run(args: argparse.Namespace) -> int:
    """Write the report; 0 on success, 1 on invalid data, 2 on unreadable or unwritable files."""
    data = read_input(args.file)
    if data is None:
        return UNREADABLE
    progress = Progress()
    try:
        names = read_names(args.names)
    except OSError as exc:
        cannot_read(exc.filename, exc)
        return UNREADABLE
    except DocumentError as exc:
        print(f"{args.names}: $: {localise(exc, args.lang)}")
        return INVALID
    try:
        names = read_organisation(args.organisation) | names
    except OSError as exc:
        cannot_read(exc.filename, exc)
        return UNREADABLE
    except StructureError as exc:
        for problem in exc.problems:
            print(f"{args.organisation}: {problem.path}: {localise(problem, args.lang)}")
        return INVALID
    except (DocumentError, InvalidModelError) as exc:
        print(f"{args.organisation}: {exc.path or '$'}: {localise(exc, args.lang)}")
        return INVALID
    try:
        progress.step(tr(f"{args.file}: building the report…", f"{args.file}: đang lập báo cáo…"))
        page = _page(args, loads(data), names)
    except OSError as exc:
        cannot_read(exc.filename, exc)
        return UNREADABLE
    except StructureError as exc:
        for problem in exc.problems:
            print(f"{args.file}: {problem.path}: {localise(problem, args.lang)}")
        return INVALID
    except (DocumentError, InvalidModelError) as exc:
        print(f"{args.file}: {exc.path or '$'}: {localise(exc, args.lang)}")
        return INVALID
    except ThiduaError as exc:
        print(f"{args.file}: $: {exc}")
        return INVALID
    finally:
        progress.done()
    if isinstance(page, int):
        return page
    return write_output(args.output, page.encode(), force=args.force)
