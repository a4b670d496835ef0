"""``thidua render FILE``: a document to sign or file, as Markdown, HTML or Word.

An agreement gives the agreement; a review its minutes or its submission letter; a
scoring file or results the points table of a year (``--paper points``, the default) or
one unit's explanation (``--paper explanation --unit CODE``). Papers are Vietnamese.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from thidua._agreement import AgreementDocument
from thidua._base.messages import localise
from thidua._organisation import Organisation
from thidua.cli._io import (
    INVALID,
    OK,
    UNREADABLE,
    add_output_options,
    cannot_read,
    read_input,
    tr,
    write_output,
)
from thidua.cli._report import read_names
from thidua.documents import (
    AdministrativeDocument,
    agreement_paper,
    render_docx,
    render_html,
    render_markdown,
    results_table,
    review_minutes,
    submission_letter,
    unit_explanation,
)
from thidua.documents._layout import BLANK, Paragraph
from thidua.errors import (
    DocumentError,
    InvalidModelError,
    PaperError,
    StructureError,
    ThiduaError,
    UnknownCodeError,
)
from thidua.scoring import Results, Scheme, Scoring, YearResults, score_all
from thidua.serialization import loads
from thidua.yearend._review import ReviewDocument, run_review

_PAPERS = ("agreement", "minutes", "letter", "points", "explanation")


def register(subparsers: Any) -> None:
    """Add the ``render`` subcommand."""
    parser = subparsers.add_parser(
        "render",
        help=tr(
            "render a paper (agreement, minutes, letter, points table, explanation)",
            "in văn bản (giao ước, biên bản, tờ trình, bảng điểm, bảng giải trình)",
        ),
        description=tr(
            "Render a paper in the Vietnamese administrative layout. An agreement"
            " document gives the agreement; a review its minutes or its submission letter;"
            " a scoring file or results the points table or a unit's explanation. Missing"
            " numbers, names and dates are left blank.",
            "In văn bản theo thể thức hành chính. Tài liệu giao ước cho văn bản giao ước;"
            " kết quả bình xét cho biên bản hoặc tờ trình; tệp chấm điểm hoặc kết quả cho"
            " bảng điểm hoặc bảng giải trình của một đơn vị. Số, tên, ngày còn thiếu để trống.",
        ),
    )
    parser.add_argument("file", metavar=tr("FILE", "TỆP"), type=Path)
    parser.add_argument(
        "--paper",
        choices=_PAPERS,
        help=tr(
            "which paper (default: agreement, minutes or points)",
            "văn bản nào (mặc định: giao ước, biên bản hoặc bảng điểm)",
        ),
    )
    parser.add_argument(
        "--agreement",
        metavar=tr("CODE", "MÃ"),
        help=tr("the agreement, if several", "mã giao ước, nếu có nhiều"),
    )
    parser.add_argument(
        "--unit",
        metavar=tr("CODE", "MÃ"),
        help=tr("the unit, for --paper explanation", "mã đơn vị, cho --paper explanation"),
    )
    parser.add_argument(
        "--authority",
        help=tr(
            "for --paper letter: the authority addressed, when the group proposes to several",
            "cho --paper letter: cấp nhận tờ trình, khi cụm đề nghị lên nhiều cấp",
        ),
    )
    parser.add_argument(
        "--year",
        type=int,
        help=tr(
            "the year of the results (default: the last)", "năm của kết quả (mặc định: năm cuối)"
        ),
    )
    parser.add_argument(
        "--names",
        type=Path,
        help=tr("names by code (JSON), for reviews", "tên theo mã (JSON), cho kết quả bình xét"),
    )
    parser.add_argument(
        "-f",
        "--format",
        choices=("md", "html", "docx"),
        default="md",
        dest="form",
        help=tr("output format", "định dạng đầu ra"),
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        help=tr("write here, not to standard output", "ghi ra tệp này thay vì đầu ra chuẩn"),
    )
    parser.add_argument(
        "--organisation",
        type=Path,
        help=tr(
            "an organisation or agreement document naming the review's units and group",
            "tệp tổ chức hoặc giao ước ghi tên các đơn vị và cụm của kết quả bình xét",
        ),
    )
    add_output_options(parser)
    parser.set_defaults(run=run)


def _paper(args: argparse.Namespace, data: bytes) -> AdministrativeDocument:
    document: object = loads(data)
    if isinstance(document, AgreementDocument):
        if args.paper not in (None, "agreement"):
            msg = tr(
                f"an agreement document has no {args.paper}",
                f"giao ước thi đua không có giấy tờ '{args.paper}'",
            )
            raise PaperError(msg)
        return agreement_paper(document, args.agreement)
    if isinstance(document, ReviewDocument):
        names: dict[str, str] | Organisation = read_names(args.names)
        if args.organisation is not None:
            held: object = loads(args.organisation.read_bytes())
            if isinstance(held, AgreementDocument):
                held = held.organisation
            if not isinstance(held, Organisation):
                msg = tr(
                    "--organisation needs an organisation or agreement document",
                    "--organisation cần tệp tổ chức hoặc giao ước",
                )
                raise PaperError(msg)
            names = held
        report = run_review(document)
        if args.paper == "letter":
            return submission_letter(document, report, names, authority=args.authority)
        if args.paper in (None, "minutes"):
            return review_minutes(document, report, names)
        msg = tr(
            "a review has minutes and a letter, not an agreement",
            "kết quả bình xét có biên bản ('minutes') và tờ trình ('letter'), không có giao ước",
        )
        raise PaperError(msg)
    if isinstance(document, Scoring | Results):
        return _results_paper(args, document)
    msg = tr(
        "only agreement, review, scoring and results documents have papers to render",
        "chỉ giao ước, kết quả bình xét, tệp chấm điểm và kết quả chấm điểm có giấy tờ để in",
    )
    raise PaperError(msg)


def _results_paper(args: argparse.Namespace, document: Scoring | Results) -> AdministrativeDocument:
    explaining = args.paper == "explanation"
    results = score_all(document, trace=explaining) if isinstance(document, Scoring) else document
    years = {year.year: year for year in results.years}
    if args.year is not None and args.year not in years:
        msg = tr(f"no results for {args.year}", f"không có kết quả năm {args.year}")
        raise PaperError(msg)
    if not years:
        msg = tr("the results hold no year", "kết quả không có năm nào")
        raise PaperError(msg)
    year: YearResults = years[args.year] if args.year is not None else results.years[-1]
    scheme: Scheme | None = None
    if isinstance(document, Scoring):
        scheme = next((s for s in document.schemes if s.code == year.scheme), None)
    if args.paper == "explanation":
        if args.unit is None:
            msg = tr("--paper explanation needs --unit", "--paper explanation cần --unit")
            raise PaperError(msg)
        found = next((u for u in year.units if u.unit == args.unit), None)
        if found is None:
            msg = tr(
                f"no result for unit {args.unit!r} in {year.year}",
                f"không có kết quả của đơn vị {args.unit!r} năm {year.year}",
            )
            raise PaperError(msg)
        if not found.trace:
            msg = tr(
                f"the results carry no trace of {args.unit!r}: render the scoring file instead",
                f"kết quả không kèm giải trình của {args.unit!r}: hãy in từ tệp chấm điểm",
            )
            raise PaperError(msg)
        return unit_explanation(year, args.unit, scheme, illustrative=document.illustrative)
    if args.paper not in (None, "points"):
        msg = tr(
            f"scores have a points table and explanations, not a {args.paper}",
            f"kết quả chấm điểm có bảng điểm và bảng giải trình, không có '{args.paper}'",
        )
        raise PaperError(msg)
    return AdministrativeDocument(
        issuer=(BLANK,),
        title="BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA",
        subtitle=f"Năm {year.year}",
        body=(
            Paragraph(text=f"Kết quả chấm điểm theo bảng điểm {year.scheme}."),
            results_table(year),
        ),
        illustrative=document.illustrative,
    )


def _encode(paper: AdministrativeDocument, form: str) -> bytes:
    if form == "docx":
        return render_docx(paper)
    text = render_html(paper) if form == "html" else render_markdown(paper)
    return text.encode()


def run(args: argparse.Namespace) -> int:
    """Render; 0 on success, 1 on invalid data or a paper the file has not, 2 on I/O errors."""
    data = read_input(args.file)
    if data is None:
        return UNREADABLE
    try:
        paper = _paper(args, data)
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
    except UnknownCodeError as exc:
        print(f"{args.file}: {localise(exc, args.lang)}", file=sys.stderr)
        return INVALID
    except ThiduaError as exc:
        print(f"{args.file}: {exc}", file=sys.stderr)
        return INVALID
    out = _encode(paper, args.form)
    if args.output is None:
        sys.stdout.buffer.write(out)
        sys.stdout.flush()
        return OK
    return write_output(args.output, out, force=args.force)
