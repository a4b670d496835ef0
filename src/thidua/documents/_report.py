"""The HTML report of a year-end review: one self-contained page people would rather look at.

``thidua report FILE -o report.html`` writes it: the ranking as a bar chart (inline SVG),
the table of points, each unit's explanation on demand (``<details>``), the ballot's
outcome where there was one, and the nominations. The page loads nothing from the
network, and prints on A4 with every explanation opened.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from decimal import Decimal
from typing import Final

from thidua._base.dates import format_date
from thidua._base.numbers import format_number_vi
from thidua.documents._paperwork import award_names, summary_table
from thidua.yearend._review import ReviewDocument, ReviewReport

__all__ = ["report_html"]

_CSS: Final = """
@page { size: A4; margin: 15mm; }
:root { --ink: #1b1b1f; --muted: #5b5d66; --accent: #b3261e; --bar: #c0392b;
        --bar-2: #e0a800; --line: #d6d7dc; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans", "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: var(--ink);
       margin: 0 auto; max-width: 190mm; padding: 8mm; line-height: 1.45; }
header h1 { font-size: 1.5rem; margin: 0 0 .2rem; }
header p { margin: 0; color: var(--muted); }
.illustrative { border: 1px solid var(--bar-2); background: #fff7db; padding: .4rem .6rem;
                margin: .8rem 0; border-radius: 4px; }
h2 { font-size: 1.1rem; border-bottom: 2px solid var(--accent); padding-bottom: .15rem;
     margin-top: 1.4rem; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .45rem; text-align: left; }
th { background: #f4f4f6; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
tr.acclaimed td:first-child::after { content: " ★"; color: var(--accent); }
svg text { font-family: inherit; font-size: 12px; fill: var(--ink); }
svg .bar { fill: var(--bar); }
svg .bar.acclaimed { fill: var(--accent); }
svg .value { font-variant-numeric: tabular-nums; }
details { border: 1px solid var(--line); border-radius: 4px; margin: .35rem 0;
          padding: .2rem .6rem; }
details summary { cursor: pointer; font-weight: 600; }
details ul { margin: .3rem 0 .5rem 1rem; padding: 0; }
.met { color: #1e7b34; } .not-met { color: var(--accent); }
footer { margin-top: 2rem; font-size: .8rem; color: var(--muted); }
@media print {
  body { padding: 0; max-width: none; }
  details { break-inside: avoid; }
  details summary { list-style: none; }
  h2 { break-after: avoid; }
  .chart { break-inside: avoid; }
}
"""

_SCRIPT: Final = """
window.addEventListener("beforeprint", () => {
  document.querySelectorAll("details").forEach((d) => { d.open = true; });
});
document.documentElement.dataset.bars = String(document.querySelectorAll("svg .bar").length);
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


def _points_table(document: ReviewDocument, report: ReviewReport, names: Mapping[str, str]) -> str:
    table = summary_table(
        document, {line.unit: line.unit for line in document.ranking} | dict(names)
    )
    acclaimed = {_name(names, unit.unit) for unit in report.acclamation.acclaimed}
    head = "".join(
        f'<th scope="col"{" class=number" if i in table.numeric else ""}>{_h(h)}</th>'
        for i, h in enumerate(table.header)
    )
    rows = []
    for row in table.rows:
        css = ' class="acclaimed"' if row[1] in acclaimed else ""
        cells = "".join(
            f'<td class="number">{_h(c)}</td>' if i in table.numeric else f"<td>{_h(c)}</td>"
            for i, c in enumerate(row)
        )
        rows.append(f"<tr{css}>{cells}</tr>")
    return (
        f'<table id="points"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def _explanations(document: ReviewDocument, report: ReviewReport, names: Mapping[str, str]) -> str:
    votes = {r.candidate: r for r in report.tally.results} if report.tally else {}
    acclaimed = {unit.unit: unit for unit in report.acclamation.acclaimed}
    parts = []
    for line in document.ranking:
        items = [
            (
                f"Tổng điểm: {_h(format_number_vi(line.score)) if line.score is not None else '…'};"
                f" xếp hạng {line.rank}{' (đồng hạng)' if line.tied else ''}."
            )
        ]
        if line.unit in votes:
            result = votes[line.unit]
            verdict = "đạt" if result.passed else "không đạt"
            items.append(f"Bỏ phiếu kín: {result.votes} phiếu, {verdict} ngưỡng.")
        if line.unit in acclaimed:
            position = acclaimed[line.unit].position
            items.append(
                "Được suy tôn: "
                + ("đơn vị dẫn đầu." if position == 1 else f"đơn vị xếp thứ {position}.")
            )
        for eligibility in (e for e in report.eligibility if e.unit == line.unit):
            verdict = "đủ điều kiện" if eligibility.eligible else "không đủ điều kiện"
            conditions = "".join(
                f'<li class="{"met" if c.met else "not-met"}">{"✓" if c.met else "✗"}'
                f" {_h(c.requirement)} — {_h(c.facts)} <em>({_h(c.clause)})</em></li>"
                for c in eligibility.results
            )
            items.append(
                f"Danh hiệu {_h(eligibility.award)}: {verdict} theo {_h(eligibility.basis)}."
                f"<ul>{conditions}</ul>"
            )
        body = "".join(f"<li>{item}</li>" for item in items)
        parts.append(
            f'<details data-unit="{_h(line.unit)}"><summary>{_h(_name(names, line.unit))}'
            f"</summary><ul>{body}</ul></details>"
        )
    return "\n".join(parts)


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


def report_html(
    document: ReviewDocument, report: ReviewReport, names: Mapping[str, str] | None = None
) -> str:
    """Render a review as one self-contained HTML page (no network, prints on A4).

    Args:
        document: The review.
        report: What :func:`~thidua.run_review` gave for it.
        names: Names of the group and its units by code; a code without a name is shown
            as the code.
    """
    names = names or {}
    group = _name(names, document.group)
    title = f"Kết quả thi đua năm {document.year} – {group}"
    banner = (
        f'<p class="illustrative"><strong>Dữ liệu minh họa.</strong> {_h(document.note)}</p>'
        if document.illustrative
        else ""
    )
    awards = award_names(document)
    nominations = "".join(
        f"<li>{_h(_name(names, n.unit))}: {_h(awards.get(n.award, n.award))} ({_h(n.basis)})</li>"
        for n in report.nominations
    )
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
            f"<p>{_h(document.title)}</p>",
            (
                f"<p>Họp bình xét {_h(format_date(document.meeting.held_on))},"
                f" tại {_h(document.meeting.place)}.</p>"
            ),
            "</header>",
            banner,
            '<section id="ranking"><h2>Xếp hạng</h2>',
            _chart(document, report, names),
            "</section>",
            '<section id="table"><h2>Bảng điểm</h2>',
            _points_table(document, report, names),
            "</section>",
            '<section id="explanations"><h2>Giải trình từng đơn vị</h2>',
            _explanations(document, report, names),
            "</section>",
            '<section id="vote"><h2>Kết quả bỏ phiếu kín</h2>',
            _ballot(report, names),
            "</section>",
            '<section id="nominations"><h2>Đề nghị khen thưởng</h2>',
            f"<ul>{nominations}</ul>" if nominations else "<p>Không có đề nghị.</p>",
            "</section>",
            "<footer>Tạo bởi thidua.</footer>",
            f"<script>{_SCRIPT}</script>",
            "</body>",
            "</html>",
            "",
        ]
    )
