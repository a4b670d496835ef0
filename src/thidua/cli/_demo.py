"""``thidua demo``: show the shipped example as a person would read it."""

from __future__ import annotations

import argparse
import sys
import textwrap
from typing import Any

import attrs

from thidua._agreement import AgreementDocument, AgreementStatus
from thidua._base.dates import format_place_date
from thidua._base.messages import Language
from thidua._base.text import vietnamese_sort_key
from thidua.cli._io import OK, tr
from thidua.cli._review import render_table
from thidua.documents._wording import ranking_table
from thidua.examples import cluster1_2019_2020, cluster1_review, cluster1_scoring
from thidua.scoring import score_all
from thidua.yearend._review import ranking_of, run_review

_STATUS_VI = {
    AgreementStatus.DRAFT: "dự thảo",
    AgreementStatus.SIGNED: "đã ký",
    AgreementStatus.IN_FORCE: "đang thực hiện",
    AgreementStatus.UNDER_REVIEW: "đang đánh giá",
    AgreementStatus.CLOSED: "đã kết thúc",
}
_WIDTH = 88


def register(subparsers: Any) -> None:
    """Add the ``demo`` subcommand."""
    parser = subparsers.add_parser(
        "demo",
        help=tr(
            "show the shipped example (Cluster No. 1)",
            "trình bày ví dụ kèm theo (Cụm thi đua số 1)",
        ),
    )
    parser.set_defaults(run=run)


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(text, _WIDTH, initial_indent=indent, subsequent_indent=indent)


def render_agreement(document: AgreementDocument) -> str:
    """Render every agreement of *document* as plain Vietnamese text."""
    org = document.organisation
    lines: list[str] = []
    for agreement in document.agreements:
        group = org.group(agreement.group)
        lines.append(agreement.title.upper())
        if group.parent:
            lines.append(f"{group.name} – {org.group(group.parent).name}")
        if group.formed_by:
            lines.append(f"Thành lập theo {group.formed_by}")
        lines.append("")
        if agreement.signing:
            signing = agreement.signing
            host = f" tại {org.unit(signing.host).name}" if signing.host else ""
            lines.append(f"{format_place_date(signing.place, signing.on)} (ký{host})")
        years = ", ".join(str(year) for year in agreement.period.scoring_years())
        lines.append(f"Thời hạn: {agreement.period} (chấm điểm theo từng năm: {years})")
        lines.append(f"Trạng thái: {_STATUS_VI[agreement.status]}")
        lines.append("")
        on = agreement.signing.on if agreement.signing else agreement.period.start
        members = org.members_on(agreement.group, on)
        lines.append(f"Đơn vị thành viên ({len(members)}):")
        names = sorted((org.unit(m.unit).name for m in members), key=vietnamese_sort_key)
        lines.extend(f"  - {name}" for name in names)
        lines.append("")
        lines.append("Mục tiêu chung của Cụm:")
        lines.extend(_wrap(goal, "  ") for goal in agreement.goals)
        lines.append("")
        lines.append(f"Nội dung giao ước ({len(agreement.commitments)}):")
        for commitment in agreement.commitments:
            lines.append(f"  {commitment.code}. {commitment.area}")
            lines.append(_wrap(commitment.text, "      "))
            lines.extend(f"      Căn cứ: {ref}" for ref in commitment.references)
        lines.append("")
        lines.append(f"Ký kết: {len(agreement.signatories)} đơn vị, mỗi đơn vị một chữ ký")
        for signatory in agreement.signatories:
            person = signatory.person or "(họ tên người ký: nguồn không ghi)"
            lines.append(f"  - {org.unit(signatory.unit).name}: {person}")
        for memo in document.memos:
            if memo.agreement != agreement.code:
                continue
            first, second = (org.unit(code).name for code in memo.parties)
            lines.append("")
            lines.append(f"Biên bản hợp tác (không chấm điểm): {first} – {second}")
            lines.append(_wrap(memo.purpose, "  "))
        if agreement.source:
            lines.append("")
            lines.append(_wrap(f"Nguồn: {agreement.source}", ""))
    return "\n".join(lines)


def _heading(title: str) -> str:
    return f"\n{'=' * _WIDTH}\n{title}\n{'=' * _WIDTH}\n"


def render_year(width: int = _WIDTH, *, lang: Language = "vi") -> str:
    """Render the illustrative year end: scores, ranking, ballot, acclaim and nominations.

    The agreement and the papers are Vietnamese whatever the language; *lang* chooses the
    words of the scores and the review (``"vi"`` or ``"en"``).
    """
    results = score_all(cluster1_scoring())
    banner = "MINH HỌA: " if lang == "vi" else "ILLUSTRATIVE: "
    parts = [
        _heading(
            "2. CHẤM ĐIỂM CUỐI NĂM (MINH HỌA)"
            if lang == "vi"
            else "2. YEAR-END SCORING (ILLUSTRATIVE)"
        ),
        textwrap.fill(banner + (results.note or ""), width),
        "",
        "\n\n".join(ranking_table(year, lang=lang) for year in results.years),
    ]
    review = cluster1_review()
    last = results.years[-1]
    review = attrs.evolve(review, ranking=ranking_of(last))
    title = (
        f"3. BÌNH XÉT, SUY TÔN VÀ ĐỀ NGHỊ KHEN THƯỞNG NĂM {last.year} (MINH HỌA)"
        if lang == "vi"
        else f"3. REVIEW, ACCLAIM AND NOMINATIONS FOR {last.year} (ILLUSTRATIVE)"
    )
    parts += [
        _heading(title),
        render_table(run_review(review), document=review, lang=lang),
    ]
    return "\n".join(parts)


def run(args: argparse.Namespace) -> int:
    """Print the example: the agreement, then an illustrative year end."""
    sys.stdout.write(_heading("1. GIAO ƯỚC THI ĐUA (SỐ LIỆU THẬT)").lstrip("\n"))
    sys.stdout.write(render_agreement(cluster1_2019_2020()) + "\n")
    sys.stdout.write(render_year(lang=args.lang) + "\n")
    return OK
