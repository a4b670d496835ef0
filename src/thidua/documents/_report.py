"""The HTML report of a year: one self-contained page to read on screen and to print.

``thidua report FILE -o report.html`` writes it from a review, a scoring file or results:
the ranking as a bar chart (inline SVG), the points table (section subtotals, adjustments,
total, rank, classification, when the scores are known), the ballot's outcome where there
was one, each unit's explanation (its trace, ballot, acclaim and eligibility; collapsible
on screen), and the nominations. Every mark has a legend. The page loads nothing from the
network and prints compactly on A4: every explanation printed, the conditions met left
out of print, the footer kept with the last section.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from decimal import Decimal
from typing import Final

from thidua._base.dates import format_date
from thidua._base.numbers import format_number_vi
from thidua._organisation import Organisation
from thidua.documents._paperwork import award_names, results_table, summary_table
from thidua.documents._wording import answers, award_label, number, rule_text, trace_of
from thidua.scoring import Bar, UnitResult, YearResults
from thidua.yearend._review import ReviewDocument, ReviewReport

__all__ = ["report_html", "results_report_html"]

_CSS: Final = """
@page { size: A4; margin: 12mm 12mm 14mm; }
:root { --ink: #1b1b1f; --muted: #5b5d66; --accent: #b3261e; --bar: #c0392b;
        --bar-2: #e0a800; --line: #d6d7dc; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans", "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: var(--ink);
       margin: 0 auto; max-width: 190mm; padding: 8mm; line-height: 1.4; }
header h1 { font-size: 1.4rem; margin: 0 0 .2rem; }
header p { margin: 0; color: var(--muted); }
.illustrative { border: 1px solid var(--bar-2); background: #fff7db; padding: .3rem .6rem;
                margin: .6rem 0; border-radius: 4px; }
.legend { font-size: .85rem; color: var(--muted); margin: .4rem 0; }
.legend span { margin-right: 1.2rem; }
.star { color: var(--accent); }
h2 { font-size: 1.05rem; border-bottom: 2px solid var(--accent); padding-bottom: .1rem;
     margin: 1.1rem 0 .4rem; }
table { border-collapse: collapse; width: 100%; font-size: .88rem; }
th, td { border-bottom: 1px solid var(--line); padding: .2rem .4rem; text-align: left;
         vertical-align: top; }
th { background: #f4f4f6; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.acclaimed td:nth-child(2)::after { content: " ★"; color: var(--accent); }
svg text { font-family: inherit; font-size: 12px; fill: var(--ink); }
svg .bar { fill: var(--bar); }
svg .bar.acclaimed { fill: var(--accent); }
svg .value { font-variant-numeric: tabular-nums; }
.unit { border: 1px solid var(--line); border-radius: 4px; margin: .35rem 0; padding: .2rem .6rem; }
.unit details summary { cursor: pointer; font-weight: 600; }
.unit details:not([open]) + .body { display: none; }
.unit ul { margin: .2rem 0 .3rem 1rem; padding: 0; }
table.trace { font-size: .8rem; margin: .2rem 0 .4rem; }
table.trace td { padding: .1rem .3rem; }
table.trace tr.total td { font-weight: 600; border-top: 1px solid var(--ink); }
.met { color: #1e7b34; } .not-met { color: var(--accent); }
.conditions li { list-style: none; }
footer { margin-top: .6rem; font-size: .75rem; color: var(--muted); }
@media print {
  body { padding: 0; max-width: none; font-size: 8.5pt; line-height: 1.25; }
  header h1 { font-size: 13pt; }
  h2 { font-size: 10.5pt; margin: .6rem 0 .25rem; break-after: avoid; }
  table { font-size: 8pt; }
  table.trace { font-size: 7pt; }
  .unit { border: none; border-top: 1px solid var(--line); border-radius: 0; padding: .15rem 0;
          margin: .15rem 0; }
  .unit details summary { list-style: none; }
  .unit details + .body { display: block; }
  .unit .conditions li.met { display: none; }
  .chart { max-height: 42mm; }
  tr, li { break-inside: avoid; }
  .closing { break-inside: avoid; }
}
"""

_SCRIPT: Final = """
document.documentElement.dataset.bars = String(document.querySelectorAll("svg .bar").length);
document.documentElement.dataset.units = String(document.querySelectorAll(".unit").length);
"""


def _h(text: object) -> str:
    return html.escape(str(text), quote=True)


def _name(names: Mapping[str, str], code: str) -> str:
    return names.get(code, code)


def _chart(document: ReviewDocument, report: ReviewReport, names: Mapping[str, str]) -> str:
    """A horizontal bar chart of the scores, best first, as inline SVG."""
    scored = [line for line in document.ranking if line.score is not None]
    if not scored:
        return "<p>Chưa có điểm để vẽ biểu đồ.</p>"
    acclaimed = {unit.unit for unit in report.acclamation.acclaimed}
    top = max(line.score for line in scored if line.score is not None)
    scale = top if top > 0 else Decimal(1)
    label_width, bar_width, row = 360, 280, 26
    height = row * len(scored) + 10
    parts = [
        (
            f'<svg class="chart" role="img" viewBox="0 0 {label_width + bar_width + 70} {height}"'
            f' width="100%" aria-labelledby="chart-title">'
        ),
        '<title id="chart-title">Xếp hạng theo tổng điểm</title>',
    ]
    for index, line in enumerate(scored):
        assert line.score is not None  # noqa: S101 - filtered above
        y = 5 + index * row
        width = max(Decimal(0), line.score) / scale * bar_width
        css = "bar acclaimed" if line.unit in acclaimed else "bar"
        name = _name(names, line.unit)
        parts += [
            (
                f'<text x="{label_width - 8}" y="{y + 16}" text-anchor="end">'
                f"{line.rank}. {_h(name)}</text>"
            ),
            (
                f'<rect class="{css}" data-unit="{_h(line.unit)}" x="{label_width}" y="{y + 3}"'
                f' width="{width:.2f}" height="{row - 8}" rx="2"><title>{_h(name)}:'
                f" {_h(format_number_vi(line.score))} điểm</title></rect>"
            ),
            (
                f'<text class="value" x="{label_width + float(width) + 6:.2f}" y="{y + 16}">'
                f"{_h(format_number_vi(line.score))}</text>"
            ),
        ]
    parts.append("</svg>")
    return "\n".join(parts)


def _points_table(
    document: ReviewDocument | None,
    acclaimed: set[str],
    names: Mapping[str, str],
    results: YearResults | None,
) -> str:
    if results is not None:
        table = results_table(results)
        codes = [unit.unit for unit in results.units]
    else:
        assert document is not None  # noqa: S101 - one of the two is given
        table = summary_table(
            document, {line.unit: line.unit for line in document.ranking} | dict(names)
        )
        codes = [line.unit for line in document.ranking]
    head = "".join(
        f'<th scope="col"{" class=number" if i in table.numeric else ""}>{_h(h)}</th>'
        for i, h in enumerate(table.header)
    )
    rows = []
    for code, row in zip(codes, table.rows, strict=True):
        css = ' class="acclaimed"' if code in acclaimed else ""
        cells = "".join(
            f'<td class="number">{_h(c)}</td>' if i in table.numeric else f"<td>{_h(c)}</td>"
            for i, c in enumerate(row)
        )
        rows.append(f'<tr data-unit="{_h(code)}"{css}>{cells}</tr>')
    return (
        f'<table id="points"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def _trace(result: UnitResult) -> str:
    """One unit's trace as a compact table: item, input, rule, points; then the total.

    Empty when the result carries no trace (scored without ``trace=True``).
    """
    lines = trace_of(result)
    if not lines:
        return ""
    rows = []
    for line in lines:
        rule = rule_text(line, result.barred_from)
        if line.unrounded is not None:
            rule += f" = {_exact(line.unrounded)}, làm tròn"
        if line.cap is not None:
            rule += f" [giới hạn {number(line.cap)}]"
        rows.append(
            f"<tr><td>{_h(line.code)}</td><td>{_h(line.label)}</td>"
            f"<td>{_h(line.input or '')}</td><td>{_h(rule)}</td>"
            f'<td class="number">{_h(number(line.points))}</td></tr>'
        )
    rows.append(
        '<tr class="total"><td></td><td>Tổng điểm</td><td></td><td></td>'
        f'<td class="number">{_h(number(result.total))}</td></tr>'
    )
    return (
        '<table class="trace"><thead><tr><th scope="col">Mã</th><th scope="col">Nội dung</th>'
        '<th scope="col">Số liệu</th><th scope="col">Cách tính</th>'
        '<th scope="col" class="number">Điểm</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _exact(text: str) -> str:
    try:
        return number(Decimal(text))
    except ArithmeticError:
        return text


def _unit_summary(code: str, names: Mapping[str, str], result: UnitResult | None) -> str:
    name = _name(names, code) if result is None or code in names else result.name
    if result is None:
        return _h(name)
    tied = " (đồng hạng)" if result.tied else ""
    band = f", {result.classification}" if result.classification else ""
    return f"{_h(name)} — {_h(number(result.total))} điểm, hạng {result.rank}{tied}{_h(band)}"


def _explanations(
    document: ReviewDocument | None,
    report: ReviewReport | None,
    names: Mapping[str, str],
    results: YearResults | None,
) -> str:
    votes = {r.candidate: r for r in report.tally.results} if report and report.tally else {}
    acclaimed = {unit.unit: unit for unit in report.acclamation.acclaimed} if report else {}
    worded = answers(document, report, names, "vi") if document and report else ()
    by_unit = {r.unit: r for r in results.units} if results else {}
    scores: dict[str, tuple[Decimal | None, int, bool]]
    if results is not None:
        order = [r.unit for r in results.units]
        scores = {r.unit: (r.total, r.rank, r.tied) for r in results.units}
    else:
        assert document is not None  # noqa: S101 - one of the two is given
        order = [line.unit for line in document.ranking]
        scores = {line.unit: (line.score, line.rank, line.tied) for line in document.ranking}
    parts = []
    for code in order:
        score, rank, tied = scores[code]
        items = []
        if code not in by_unit:
            items.append(
                f"Tổng điểm: {_h(number(score)) if score is not None else '…'};"
                f" xếp hạng {rank}{' (đồng hạng)' if tied else ''}."
            )
        result = by_unit.get(code)
        if result is not None and result.barred_from:
            items.append(
                "Không được xét: "
                + _h(", ".join(_BARS[bar] for bar in result.barred_from))
                + f" ({_h(', '.join(result.knockouts))})."
            )
        if code in votes:
            vote = votes[code]
            verdict = "đạt" if vote.passed else "không đạt"
            items.append(f"Bỏ phiếu kín: {vote.votes} phiếu, {verdict} ngưỡng.")
        if code in acclaimed:
            position = acclaimed[code].position
            items.append(
                '<span class="star">★</span> Được suy tôn: '
                + ("đơn vị dẫn đầu." if position == 1 else f"đơn vị xếp thứ {position}.")
            )
        for answer in (a for a in worded if a.eligibility.unit == code):
            eligibility = answer.eligibility
            verdict = "đủ điều kiện" if eligibility.eligible else "không đủ điều kiện"
            conditions = "".join(
                f'<li class="{"met" if c.met else "not-met"}">{"✓" if c.met else "✗"}'
                f" {_h(requirement)} — {_h(said)} <em>({_h(c.clause)})</em></li>"
                for c, requirement, said in answer.conditions
            )
            items.append(
                f"{_h(answer.award)}: {verdict} ({_h(eligibility.basis)})."
                f'<ul class="conditions">{conditions}</ul>'
            )
        body = "".join(f"<li>{item}</li>" for item in items)
        trace = _trace(result) if result is not None else ""
        star = ' <span class="star">★</span>' if code in acclaimed else ""
        parts.append(
            f'<div class="unit" data-unit="{_h(code)}"><details>'
            f"<summary>{_unit_summary(code, names, result)}{star}</summary></details>"
            f'<div class="body"><ul>{body}</ul>{trace}</div></div>'
        )
    return "\n".join(parts)


_BARS: Final = {Bar.CLASSIFICATION: "xếp loại", Bar.TITLE: "danh hiệu", Bar.LEADING: "dẫn đầu"}


def _ballot(report: ReviewReport, names: Mapping[str, str]) -> str:
    tally = report.tally
    if tally is None:
        return "<p>Không tổ chức bỏ phiếu kín.</p>"
    rows = "".join(
        f'<tr><td>{_h(_name(names, r.candidate))}</td><td class="number">{r.votes}</td>'
        f"<td>{'Đạt' if r.passed else 'Không đạt'}</td></tr>"
        for r in tally.results
    )
    return (
        f"<p>Phiếu phát ra {tally.voters_present}, thu về {tally.cast}: hợp lệ {tally.valid},"
        f" trống {tally.blank}, không hợp lệ {tally.invalid}.</p>"
        '<table id="ballot"><thead><tr><th scope="col">Đơn vị</th>'
        '<th scope="col" class="number">Số phiếu</th><th scope="col">Kết quả</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def _legend(*, acclaimed: bool, conditions: bool, traces: bool) -> str:
    marks = []
    if acclaimed:
        marks.append('<span><span class="star">★</span> đơn vị được suy tôn dẫn đầu</span>')
    if conditions:
        marks.append(
            '<span><span class="met">✓</span> đạt điều kiện</span>'
            '<span><span class="not-met">✗</span> không đạt điều kiện'
            " (bản in chỉ ghi điều kiện không đạt)</span>"
        )
    if traces:
        marks.append("<span>(đồng hạng): bằng điểm và bằng mọi tiêu chí phụ</span>")
    if not marks:
        return ""
    return f'<p class="legend" id="legend">Ký hiệu: {"".join(marks)}</p>'


def _page(title: str, head: list[str], sections: list[str], closing: str) -> str:
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="vi">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{_h(title)}</title>",
            f"<style>{_CSS}</style>",
            "</head>",
            "<body>",
            "<header>",
            f"<h1>{_h(title)}</h1>",
            *head,
            "</header>",
            *sections,
            f'<div class="closing">{closing}<footer>Tạo bởi thidua.</footer></div>',
            f"<script>{_SCRIPT}</script>",
            "</body>",
            "</html>",
            "",
        ]
    )


def _by_code(names: Mapping[str, str] | Organisation | None) -> Mapping[str, str]:
    """Names by code, from a mapping or from an organisation's units and groups."""
    if isinstance(names, Organisation):
        found = {unit.code: unit.name for unit in names.units}
        return found | {group.code: group.name for group in names.groups}
    return names or {}


def report_html(
    document: ReviewDocument,
    report: ReviewReport,
    names: Mapping[str, str] | Organisation | None = None,
    *,
    results: YearResults | None = None,
) -> str:
    """Render a review as one self-contained HTML page (no network, prints on A4).

    Args:
        document: The review.
        report: What :func:`~thidua.run_review` gave for it.
        names: The organisation, or names of the group and its units by code; a code
            without a name is shown as the code.
        results: The scoring results of the review's year, if known: the table then has
            the section subtotals and the classification, and each unit its trace when
            they were scored with ``trace=True``.
    """
    names = _by_code(names)
    group = _name(names, document.group)
    title = f"Kết quả thi đua năm {document.year} – {group}"
    acclaimed = {unit.unit for unit in report.acclamation.acclaimed}
    banner = (
        f'<p class="illustrative"><strong>Dữ liệu minh họa.</strong> {_h(document.note)}</p>'
        if document.illustrative
        else ""
    )
    awards = award_names(document)
    nominations = "".join(
        f"<li>{_h(_name(names, n.unit))}:"
        f" {_h(award_label(awards.get(n.award, n.award)))} ({_h(n.basis)})</li>"
        for n in report.nominations
    )
    head = [
        f"<p>{_h(document.title)}</p>",
        (
            f"<p>Họp bình xét {_h(format_date(document.meeting.held_on))},"
            f" tại {_h(document.meeting.place)}.</p>"
        ),
    ]
    sections = [
        banner,
        _legend(acclaimed=bool(acclaimed), conditions=bool(report.eligibility), traces=True),
        '<section id="ranking"><h2>Xếp hạng</h2>',
        _chart(document, report, names),
        "</section>",
        '<section id="table"><h2>Bảng điểm</h2>',
        _points_table(document, acclaimed, names, results),
        "</section>",
        '<section id="vote"><h2>Kết quả bỏ phiếu kín</h2>',
        _ballot(report, names),
        "</section>",
        '<section id="explanations"><h2>Giải trình từng đơn vị</h2>',
        _explanations(document, report, names, results),
        "</section>",
    ]
    closing = (
        '<section id="nominations"><h2>Đề nghị khen thưởng</h2>'
        + (f"<ul>{nominations}</ul>" if nominations else "<p>Không có đề nghị.</p>")
        + "</section>"
    )
    return _page(title, head, sections, closing)


def results_report_html(
    results: YearResults,
    names: Mapping[str, str] | Organisation | None = None,
    *,
    group: str | None = None,
    illustrative: bool = False,
    note: str | None = None,
) -> str:
    """Render one year's scoring results as a self-contained HTML page (prints on A4).

    The page has the points table (section subtotals, adjustments, total, rank,
    classification) and each unit's trace, collapsible on screen and printed in full
    (the traces are those the results carry: score with ``trace=True`` to have them).

    Args:
        results: One year's results.
        names: The organisation, or names by code (the results carry the units' own
            names).
        group: The group's name for the title, if known.
        illustrative: Whether the data is partly made up.
        note: What is real and what is not.
    """
    names = _by_code(names)
    title = f"Kết quả chấm điểm thi đua năm {results.year}" + (f" – {group}" if group else "")
    leaders = set(results.leaders)
    banner = (
        f'<p class="illustrative"><strong>Dữ liệu minh họa.</strong> {_h(note or "")}</p>'
        if illustrative
        else ""
    )
    legend = (
        '<p class="legend" id="legend">Ký hiệu: <span><span class="star">★</span>'
        " đơn vị dẫn đầu theo điểm (không bị loại trừ)</span>"
        "<span>(đồng hạng): bằng điểm và bằng mọi tiêu chí phụ</span></p>"
    )
    sections = [
        banner,
        legend,
        '<section id="table"><h2>Bảng điểm</h2>',
        _points_table(None, leaders, names, results),
        "</section>",
    ]
    closing = (
        '<section id="explanations"><h2>Giải trình từng đơn vị</h2>'
        + _explanations(None, None, names, results)
        + "</section>"
    )
    head = [f"<p>Bảng điểm {_h(results.scheme)}.</p>"]
    return _page(title, head, sections, closing)
