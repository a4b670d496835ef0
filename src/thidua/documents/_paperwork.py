"""Papers in Vietnamese: the agreement, and the year-end summary table, minutes and letter.

Each function builds an :class:`~thidua.documents.AdministrativeDocument` from a review
(:class:`~thidua.ReviewDocument` and the :class:`~thidua.ReviewReport` that
:func:`~thidua.run_review` gives), ready for :func:`~thidua.render_markdown` or
:func:`~thidua.render_html`. The minutes and the letter follow the forms of Decree
98/2023/NĐ-CP where they apply (minutes of the review meeting with the ballot result;
"Tờ trình đề nghị khen thưởng"). Names come from the caller (``names``: unit or group
code -> name); a code without a name is printed as the code. Numbers, signatories and
recipients the data lacks are left blank.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Final

from thidua._agreement import AgreementDocument, Commitment
from thidua._base.dates import format_date
from thidua._base.numbers import format_number_vi
from thidua.documents._layout import (
    BLANK,
    AdministrativeDocument,
    Block,
    Heading,
    Items,
    Paragraph,
    Signature,
    Table,
)
from thidua.documents._wording import rule_text
from thidua.errors import UnknownCodeError
from thidua.scoring import Scheme, YearResults
from thidua.yearend._ballot import ThresholdBase
from thidua.yearend._review import ReviewDocument, ReviewReport

__all__ = [
    "agreement_paper",
    "results_table",
    "review_minutes",
    "submission_letter",
    "summary_table",
    "unit_explanation",
]

_BASES_VI: Final = {
    ThresholdBase.MEMBERS: "tổng số thành viên",
    ThresholdBase.PRESENT: "số thành viên có mặt",
    ThresholdBase.CAST: "số phiếu thu về",
    ThresholdBase.VALID: "số phiếu hợp lệ",
}


def _name(names: Mapping[str, str], code: str) -> str:
    return names.get(code, code)


def _fraction_vi(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{value}"


def _percent_vi(part: int, whole: int) -> str:
    if whole == 0:
        return "–"
    value = (Decimal(100 * part) / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{format_number_vi(value)}%"


def summary_table(document: ReviewDocument, names: Mapping[str, str] | None = None) -> Table:
    """The summary table of points: one line per unit, best first, with its rank.

    Args:
        document: The review, whose ranking comes from scoring.
        names: Names of units by code.
    """
    names = names or {}
    rows = tuple(
        (
            str(index),
            _name(names, line.unit),
            format_number_vi(line.score) if line.score is not None else BLANK,
            f"{line.rank}{' (đồng hạng)' if line.tied else ''}",
        )
        for index, line in enumerate(document.ranking, start=1)
    )
    return Table(
        header=("STT", "Đơn vị", "Tổng điểm", "Xếp hạng"),
        rows=rows,
        numeric=frozenset({0, 2, 3}),
    )


def _issuer(document: ReviewDocument, names: Mapping[str, str]) -> tuple[str, ...]:
    return (_name(names, document.group).upper(),)


def _ballot_blocks(
    document: ReviewDocument, report: ReviewReport, names: Mapping[str, str]
) -> list[Block]:
    tally = report.tally
    if tally is None or document.vote is None:
        return [
            Heading(text="III. KẾT QUẢ BỎ PHIẾU"),
            Paragraph(text="Cụm không tổ chức bỏ phiếu kín."),
        ]
    threshold = document.vote.threshold
    comparison = "trên" if threshold.strict else "từ"
    tail = "" if threshold.strict else " trở lên"
    rows = tuple(
        (
            str(index),
            _name(names, result.candidate),
            str(result.votes),
            _percent_vi(result.votes, tally.base),
            "Đạt" if result.passed else "Không đạt",
        )
        for index, result in enumerate(tally.results, start=1)
    )
    return [
        Heading(text="III. KẾT QUẢ BỎ PHIẾU KÍN"),
        Items(
            items=(
                f"Số phiếu phát ra: {tally.voters_present}",
                f"Số phiếu thu về: {tally.cast}",
                (
                    f"Số phiếu hợp lệ: {tally.valid}; phiếu trống: {tally.blank};"
                    f" phiếu không hợp lệ: {tally.invalid}"
                ),
                (
                    f"Ngưỡng đạt: {comparison} {_fraction_vi(threshold.share)}"
                    f" {_BASES_VI[threshold.base]} ({tally.base}){tail}, theo {threshold.basis}"
                ),
            )
        ),
        Table(
            header=("STT", "Đơn vị", "Số phiếu", "Tỷ lệ", "Kết quả"),
            rows=rows,
            numeric=frozenset({0, 2, 3}),
        ),
    ]


def review_minutes(
    document: ReviewDocument,
    report: ReviewReport,
    names: Mapping[str, str] | None = None,
    *,
    number: str | None = None,
    secretary: str | None = None,
) -> AdministrativeDocument:
    """The minutes of the review meeting: attendance, quorum, scores, ballot, group led.

    Args:
        document: The review.
        report: What :func:`~thidua.run_review` gave for it.
        names: Names of the group and its units by code.
        number: The minutes' number and symbol, if it has one (otherwise blank).
        secretary: The secretary's name, if known (otherwise blank).
    """
    names = names or {}
    meeting = document.meeting
    group = _name(names, document.group)
    present = set(meeting.present)
    absent = [code for code in meeting.members if code not in present]
    needed = document.quorum.share * len(meeting.members)
    body: list[Block] = [
        Paragraph(
            text=f"Hôm nay, {format_date(meeting.held_on)}, tại {meeting.place}, {group}"
            f" họp bình xét, suy tôn thi đua năm {document.year}"
            f" (từ {format_date(document.period_start)} đến {format_date(document.period_end)})."
        ),
        Heading(text="I. THÀNH PHẦN"),
        Items(
            items=(
                f"Chủ trì: {_name(names, meeting.chair)}.",
                f"Có mặt: {len(meeting.present)}/{len(meeting.members)} đơn vị thành viên: "
                + ", ".join(_name(names, code) for code in meeting.present)
                + ".",
                "Vắng mặt: "
                + (", ".join(_name(names, code) for code in absent) if absent else "không")
                + ".",
                (
                    "Số thành viên có mặt đạt tỷ lệ tối thiểu"
                    f" {_fraction_vi(document.quorum.share)}"
                    f" tổng số thành viên ({format_number_vi(_ceil(needed))}) theo"
                    f" {document.quorum.basis}; cuộc họp đủ điều kiện tiến hành."
                ),
            )
        ),
        Heading(text="II. KẾT QUẢ CHẤM ĐIỂM"),
        summary_table(document, names),
        *_ballot_blocks(document, report, names),
        Heading(text="IV. KẾT QUẢ SUY TÔN"),
    ]
    if report.acclamation.acclaimed:
        body.append(
            Items(
                items=tuple(
                    f"{_name(names, unit.unit)}: đơn vị "
                    + ("dẫn đầu" if unit.position == 1 else f"xếp thứ {unit.position}")
                    + f" phong trào thi đua năm {document.year} của {group}."
                    for unit in report.acclamation.acclaimed
                )
            )
        )
    else:
        body.append(Paragraph(text="Không có đơn vị nào được suy tôn."))
    if report.acclamation.undecided:
        undecided = ", ".join(_name(names, code) for code in report.acclamation.undecided)
        body.append(Paragraph(text=f"Chưa quyết định được giữa: {undecided}."))
    body += [Heading(text="V. ĐỀ NGHỊ KHEN THƯỞNG"), *_nomination_blocks(document, report, names)]
    body.append(
        Paragraph(
            text=f"Cuộc họp kết thúc vào lúc {BLANK} giờ {BLANK} cùng ngày. Biên bản đã được"
            " thông qua trước các thành viên dự họp."
        )
    )
    return AdministrativeDocument(
        issuer=_issuer(document, names),
        number=number,
        place=meeting.place,
        date=meeting.held_on,
        title="BIÊN BẢN",
        subtitle=f"Họp bình xét, suy tôn thi đua năm {document.year}",
        body=tuple(body),
        signatures=(
            Signature(capacity="THƯ KÝ", signer=secretary),
            Signature(
                capacity="CHỦ TRÌ", position=_name(names, meeting.chair).upper(), signer=None
            ),
        ),
    )


def _ceil(value: Fraction) -> int:
    return -(-value.numerator // value.denominator)


def award_names(document: ReviewDocument) -> dict[str, str]:
    return {award.code: award.name for award in document.resolve_framework().awards}


def _nomination_blocks(
    document: ReviewDocument, report: ReviewReport, names: Mapping[str, str]
) -> list[Block]:
    if not report.nominations:
        return [Paragraph(text="Không có đề nghị khen thưởng.")]
    awards = award_names(document)
    rows = tuple(
        (
            str(index),
            _name(names, nomination.unit),
            awards.get(nomination.award, nomination.award),
            nomination.basis,
        )
        for index, nomination in enumerate(report.nominations, start=1)
    )
    return [
        Table(
            header=("STT", "Đơn vị", "Hình thức khen thưởng", "Căn cứ"),
            rows=rows,
            numeric=frozenset({0}),
        )
    ]


def submission_letter(
    document: ReviewDocument,
    report: ReviewReport,
    names: Mapping[str, str] | None = None,
    *,
    addressee: str | None = None,
    number: str | None = None,
    signer: str | None = None,
) -> AdministrativeDocument:
    """The submission letter (tờ trình) proposing the review's nominations.

    Args:
        document: The review.
        report: What :func:`~thidua.run_review` gave for it.
        names: Names of the group and its units by code.
        addressee: To whom (``"Bộ trưởng Bộ Thông tin và Truyền thông"``); blank if ``None``.
        number: The letter's number and symbol, if it has one (otherwise blank).
        signer: The head of the group's name, if known (otherwise blank).
    """
    names = names or {}
    meeting = document.meeting
    group = _name(names, document.group)
    to = addressee or BLANK
    body: list[Block] = [
        Paragraph(text=f"Kính gửi: {to}."),
        Paragraph(
            text=f"Căn cứ kết quả họp bình xét, suy tôn thi đua năm {document.year} của {group}"
            f" ({format_date(meeting.held_on)}, tại {meeting.place}),"
        ),
        Paragraph(
            text=f"{group} kính đề nghị {to} xem xét, khen thưởng cho các đơn vị sau"
            " (kèm theo biên bản họp và hồ sơ của từng đơn vị):"
        ),
        *_nomination_blocks(document, report, names),
        Paragraph(text=f"{group} kính trình {to} xem xét, quyết định./."),
    ]
    return AdministrativeDocument(
        issuer=_issuer(document, names),
        number=number,
        place=None,
        date=None,
        title="TỜ TRÌNH",
        subtitle=f"Về việc đề nghị khen thưởng thành tích năm {document.year}",
        body=tuple(body),
        signatures=(
            Signature(
                capacity=f"TM. {group.upper()}",
                position="CỤM TRƯỞNG",
                signer=signer,
            ),
        ),
        recipients=("Như trên;", "Các đơn vị thành viên;", "Lưu: VT."),
    )


def _upper(text: str) -> str:
    return text.upper()


def agreement_paper(document: AgreementDocument, code: str | None = None) -> AdministrativeDocument:
    """The agreement as the document its members sign.

    The group is the issuer (its block above it); the place-and-date line is the
    signing's; the body holds the legal basis of the group, the members, the goals
    and the commitments by area, each with its target and its legal references; one
    signature block follows per signatory, with the position and name only where the
    data has them. The document number is left blank: an agreement's data has none.

    Args:
        document: The agreement document (organisation and agreements).
        code: The agreement to render; may be omitted when the document holds one.

    Raises:
        UnknownCodeError: *code* is omitted and the document holds several agreements or
            none, or no agreement has *code*.
    """
    agreements = {agreement.code: agreement for agreement in document.agreements}
    if code is None and len(agreements) != 1:
        known = ", ".join(repr(c) for c in agreements) or "none"
        msg = f"name the agreement to render; the document holds: {known}"
        raise UnknownCodeError(msg)
    chosen = code if code is not None else next(iter(agreements))
    if chosen not in agreements:
        known = ", ".join(repr(c) for c in agreements) or "none"
        msg = f"no agreement {chosen!r}; the document holds: {known}"
        raise UnknownCodeError(msg)
    agreement = agreements[chosen]
    organisation = document.organisation
    group = organisation.group(agreement.group)
    issuer = [group.name]
    if group.parent is not None:
        issuer.insert(0, organisation.group(group.parent).name)

    def unit_name(unit: str) -> str:
        return organisation.unit(unit).name

    body: list[Block] = []
    if group.formed_by:
        by = f" của {group.issuer}" if group.issuer else ""
        body.append(Paragraph(text=f"Căn cứ {group.formed_by}{by} về việc tổ chức {group.name};"))
    signing = agreement.signing
    when = (
        f"Hôm nay, {format_date(signing.on)}, tại {signing.place}, "
        if signing is not None
        else f"Hôm nay, ngày {BLANK}, tại {BLANK}, "
    )
    body.append(
        Paragraph(
            text=f"{when}các đơn vị thành viên {group.name} cùng ký kết giao ước thi đua"
            f" {agreement.period} với những nội dung sau:"
        )
    )
    if agreement.signatories:
        body.append(
            Items(items=tuple(unit_name(s.unit) for s in agreement.signatories), numbered=True)
        )
    section = 1
    if agreement.goals:
        body += [Heading(text=f"{_ROMAN[section]}. MỤC TIÊU"), Items(items=agreement.goals)]
        section += 1
    body.append(Heading(text=f"{_ROMAN[section]}. NỘI DUNG GIAO ƯỚC"))
    areas: dict[str, list[Commitment]] = {}
    for commitment in agreement.commitments:
        areas.setdefault(commitment.area, []).append(commitment)
    for number, (area, commitments) in enumerate(areas.items(), start=1):
        body.append(Heading(text=f"{number}. {area}", level=2))
        for commitment in commitments:
            body.append(Paragraph(text=commitment.text))
            details: list[str] = []
            if commitment.target is not None:
                target = commitment.target
                deadline = f", thời hạn {format_date(target.deadline)}" if target.deadline else ""
                details.append(
                    f"Chỉ tiêu: {target.indicator}: {format_number_vi(target.value)}"
                    f" {target.unit_of_measure}{deadline}."
                )
            details += [f"Căn cứ: {reference.text}." for reference in commitment.references]
            if details:
                body.append(Items(items=tuple(details)))
    signatures = tuple(
        Signature(
            capacity=f"TM. {_upper(unit_name(s.unit))}",
            position=_upper(s.title) if s.title else None,
            signer=s.person,
        )
        for s in agreement.signatories
    )
    return AdministrativeDocument(
        issuer=tuple(_upper(line) for line in issuer),
        number=None,
        place=signing.place if signing else None,
        date=signing.on if signing else None,
        title="GIAO ƯỚC THI ĐUA",
        subtitle=agreement.title,
        body=tuple(body),
        signatures=signatures,
    )


_ROMAN: Final = ("", "I", "II", "III", "IV", "V")


def results_table(results: YearResults) -> Table:
    """The summary table of a year's points: subtotals by section, adjustments, rank, class.

    Args:
        results: One year's results from :func:`thidua.scoring.score_all`.
    """
    sections = list(dict.fromkeys(s.section for u in results.units for s in u.subtotals))
    header = (
        "STT",
        "Đơn vị",
        *(f"Mục {code}" for code in sections),
        "Điểm cộng",
        "Điểm trừ",
        "Tổng điểm",
        "Xếp hạng",
        "Xếp loại",
    )
    rows = []
    for index, unit in enumerate(results.units, start=1):
        subtotals = {s.section: s.points for s in unit.subtotals}
        rows.append(
            (
                str(index),
                unit.name,
                *(
                    format_number_vi(subtotals[code]) if code in subtotals else ""
                    for code in sections
                ),
                format_number_vi(unit.bonus_total),
                format_number_vi(unit.penalty_total),
                format_number_vi(unit.total),
                f"{unit.rank}{' (đồng hạng)' if unit.tied else ''}",
                unit.classification or BLANK,
            )
        )
    numeric = frozenset({0, *range(2, len(header) - 1)})
    return Table(header=header, rows=tuple(rows), numeric=numeric)


def _bases(scheme: Scheme | None) -> dict[str, str]:
    if scheme is None:
        return {}
    found = {node.code: node.legal_basis for _, node in scheme.walk() if node.legal_basis}
    found |= {a.code: a.legal_basis for a in scheme.adjustments if a.legal_basis}
    return {code: basis for code, basis in found.items() if basis}


def unit_explanation(
    results: YearResults,
    unit: str,
    scheme: Scheme | None = None,
    *,
    issuer: str | None = None,
) -> AdministrativeDocument:
    """One unit's score, line by line, in Vietnamese, with the legal basis of each rule.

    Each line of the scoring trace gives the item, the input, the rule applied with its
    arithmetic, and the points; the legal basis comes from the scheme's criteria,
    sections and adjustments where they name one.

    Args:
        results: One year's results.
        unit: The unit's code.
        scheme: The scheme scored against, for the legal bases.
        issuer: The group issuing the explanation; blank if ``None``.

    Raises:
        UnknownCodeError: no result for *unit*.
    """
    found = next((u for u in results.units if u.unit == unit), None)
    if found is None:
        msg = f"no result for unit {unit!r} in {results.year}"
        raise UnknownCodeError(msg)
    bases = _bases(scheme)
    rows = tuple(
        (
            line.code,
            line.label,
            line.input or "",
            rule_text(line, found.barred_from),
            format_number_vi(line.points),
            bases.get(line.code, ""),
        )
        for line in found.trace
    )
    total = ("", "Tổng điểm", "", "", format_number_vi(found.total), "")
    body: list[Block] = [
        Paragraph(
            text=f"Kết quả chấm điểm thi đua năm {results.year} của {found.name}: tổng"
            f" {format_number_vi(found.total)} điểm, xếp hạng {found.rank}"
            + (f", xếp loại {found.classification}" if found.classification else "")
            + "."
        ),
        Table(
            header=("Mã", "Nội dung", "Số liệu", "Cách tính", "Điểm", "Căn cứ"),
            rows=(*rows, total),
            numeric=frozenset({4}),
            emphasised=frozenset({len(rows)}),
        ),
    ]
    if found.knockouts:
        body.append(Paragraph(text="Điều kiện loại trừ: " + "; ".join(found.knockouts) + "."))
    return AdministrativeDocument(
        issuer=(issuer.upper(),) if issuer else (BLANK,),
        title="BẢNG GIẢI TRÌNH",
        subtitle=f"Kết quả chấm điểm thi đua năm {results.year} của {found.name}",
        body=tuple(body),
    )
