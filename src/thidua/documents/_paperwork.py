"""Papers in Vietnamese: the agreement, and the year-end summary table, minutes and letter.

Each function builds an :class:`~thidua.documents.AdministrativeDocument` from a review
(:class:`~thidua.ReviewDocument` and the :class:`~thidua.ReviewReport` that
:func:`~thidua.run_review` gives), ready for :func:`~thidua.render_markdown` or
:func:`~thidua.render_html`. The minutes and the letter follow the forms of Decree
98/2023/NĐ-CP where they apply (minutes of the review meeting with the ballot result;
"Tờ trình đề nghị khen thưởng"). Units and groups are named by their names, never their
codes: the caller gives the :class:`~thidua.Organisation` (or a mapping of names by code)
and a code it does not name is an error. Numbers, signatories and recipients the data
lacks are left blank. A paper built from illustrative data is marked "MINH HỌA".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Final

from thidua._agreement import AUTHORITY_MARKS, AgreementDocument, Commitment, SignatureAuthority
from thidua._base.dates import format_date
from thidua._base.legal import DocumentSystem, LegalReference
from thidua._base.numbers import format_number_vi
from thidua._organisation import Organisation
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
from thidua.errors import InvalidModelError, UnknownCodeError
from thidua.scoring import Scheme, YearResults
from thidua.yearend._ballot import ThresholdBase
from thidua.yearend._catalogue import AwardKind
from thidua.yearend._nomination import Nomination
from thidua.yearend._review import ProposalOutcome, ProposalRoute, ReviewDocument, ReviewReport

__all__ = [
    "agreement_paper",
    "citation",
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


Names = Mapping[str, str] | Organisation


def _names(names: Names | None) -> Mapping[str, str]:
    """Names by code, from a mapping or from an organisation's units and groups."""
    if isinstance(names, Organisation):
        found = {unit.code: unit.name for unit in names.units}
        return found | {group.code: group.name for group in names.groups}
    return names or {}


def _name(names: Mapping[str, str], code: str) -> str:
    try:
        return names[code]
    except KeyError:
        msg = (
            f"no name for {code!r}: a paper names units and groups by their names; give the"
            " organisation (or a name for every code)"
        )
        raise UnknownCodeError(msg, code="no-name", details={"code": code}) from None


def _short_date(value: dt.date) -> str:
    """Day/month/year, 15/5/2016": a leading zero for days below 10 and for months 1 and 2."""
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)  # noqa: PLR2004
    return f"{value.day:02d}/{month}/{value.year}"


_OF = re.compile(r"\bcủa\s+(?P<who>[^,;.]+?)\s*$")


def citation(reference: LegalReference) -> str:
    """A reference as a "Căn cứ" line prints it: type, symbol in proper form, date, issuer.

    The data keeps the reference as written; the paper prints its proper form: a Party
    symbol as "05-CT/TW" (even when written "05/CT-TW"), the date as "15/5/2016", and the
    issuer the symbol names (``LegalReference.issuer_name_vi``) or, for a Party document
    whose symbol gives only the level ("TW"), the issuer the reference's own text names
    ("… của Bộ Chính trị"); none when neither says. A reference whose symbol was not read
    is printed as written.

    >>> from thidua import LegalReference
    >>> from thidua.documents import citation
    >>> citation(LegalReference.parse("Chỉ thị số 05/CT-TW ngày 15/5/ 2016 của Bộ Chính trị"))
    'Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị'

    Args:
        reference: The reference as parsed.
    """
    ref = reference
    if ref.number is None or ref.issuer is None:
        return ref.text
    kind = f"{ref.doc_type}-" if ref.doc_type else ""
    if ref.system is DocumentSystem.PARTY:
        symbol = f"{ref.number}-{ref.doc_type}/{ref.issuer}" if ref.doc_type else ref.text
    else:
        year = f"/{ref.year}" if ref.year is not None else ""
        symbol = f"{ref.number}{year}/{kind}{ref.issuer}"
    parts = [f"{ref.title} số {symbol}" if ref.title else f"số {symbol}"]
    if ref.date is not None:
        parts.append(f"ngày {_short_date(ref.date)}")
    written = _OF.search(ref.text)
    issuer: str | None
    if ref.system is DocumentSystem.PARTY and ref.issuer == "TW":
        issuer = written["who"] if written else None
    else:
        issuer = ref.issuer_name_vi() or (written["who"] if written else None)
    if issuer:
        parts.append(f"của {issuer}")
    return " ".join(parts)


def _fraction_vi(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{value}"


def _percent_vi(part: int, whole: int) -> str:
    if whole == 0:
        return "–"
    value = (Decimal(100 * part) / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{format_number_vi(value)}%"


def summary_table(document: ReviewDocument, names: Names | None = None) -> Table:
    """The summary table of points: one line per unit, best first, with its rank.

    Args:
        document: The review, whose ranking comes from scoring.
        names: The organisation, or names of units by code.

    Raises:
        UnknownCodeError: a unit has no name.
    """
    names = _names(names)
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


def _head_of(document: ReviewDocument, names: Names | None, head: str | None) -> str:
    """The head unit: given, or the organisation's head on the meeting day, or the chair."""
    if head is not None:
        return head
    if isinstance(names, Organisation):
        found = names.head_on(document.group, document.meeting.held_on)
        if found is not None:
            return found.code
    return document.meeting.chair


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
    names: Names | None = None,
    *,
    number: str | None = None,
    secretary: str | None = None,
    chair: str | None = None,
) -> AdministrativeDocument:
    """The minutes of the review meeting: attendance, quorum, scores, ballot, group led.

    Signed by the chair ("CHỦ TỌA") and the secretary ("THƯ KÝ"), without seals.

    Args:
        document: The review.
        report: What :func:`~thidua.run_review` gave for it.
        names: The organisation, or names of the group and its units by code.
        number: The minutes' number and symbol, if it has one (otherwise blank).
        secretary: The secretary's name, if known (otherwise blank).
        chair: The name of the person who chaired, if known (otherwise blank).

    Raises:
        UnknownCodeError: the group or a unit has no name.
    """
    names = _names(names)
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
                f"Chủ tọa: đại diện {_name(names, meeting.chair)}.",
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
            Signature(capacity="THƯ KÝ", signer=secretary, sealed=False),
            Signature(capacity="CHỦ TỌA", signer=chair, sealed=False),
        ),
        illustrative=document.illustrative,
    )


def _ceil(value: Fraction) -> int:
    return -(-value.numerator // value.denominator)


def award_names(document: ReviewDocument) -> dict[str, str]:
    return {award.code: award.name for award in document.resolve_framework().awards}


def _nomination_blocks(
    document: ReviewDocument,
    report: ReviewReport,
    names: Mapping[str, str],
    nominations: tuple[Nomination, ...] | None = None,
) -> list[Block]:
    if nominations is None:
        nominations = report.nominations
    if not nominations:
        return [Paragraph(text="Không có đề nghị khen thưởng.")]
    awards = {award.code: award for award in document.resolve_framework().awards}
    rows = []
    for index, nomination in enumerate(nominations, start=1):
        award = awards.get(nomination.award)
        name = award.name if award is not None else nomination.award
        title = award is None or award.kind is AwardKind.EMULATION_TITLE
        rows.append(
            (
                str(index),
                _name(names, nomination.unit),
                name if title else "",
                "" if title else name,
                nomination.basis,
            )
        )
    return [
        Table(
            header=("STT", "Đơn vị", "Danh hiệu thi đua", "Hình thức khen thưởng", "Căn cứ"),
            rows=tuple(rows),
            numeric=frozenset({0}),
        )
    ]


def _letter_authority(report: ReviewReport, authority: str | None) -> str | None:
    """The authority a letter is addressed to (see :func:`submission_letter`)."""
    authorities = list(
        dict.fromkeys(
            outcome.authority
            for outcome in report.proposals
            if outcome.route is ProposalRoute.GROUP and outcome.units and outcome.authority
        )
    )
    if authority is not None:
        if authority not in authorities:
            msg = f"the group proposes nothing to {authority!r}"
            raise InvalidModelError(
                msg,
                path="authority",
                code="letter-authority",
            )
        return authority
    if len(authorities) > 1:
        msg = f"the group proposes to several authorities: choose one of {authorities!r}"
        raise InvalidModelError(
            msg,
            path="authority",
            code="letter-authority",
        )
    return authorities[0] if authorities else None


def _left_out_reason(outcome: ProposalOutcome) -> str:
    if outcome.route is ProposalRoute.GROUP:
        return f"{outcome.name}: đề nghị {outcome.authority or BLANK} tại tờ trình riêng."
    if outcome.route is ProposalRoute.OWN_CHAIN:
        decided = f" ({outcome.authority})" if outcome.authority else ""
        return (
            f"{outcome.name}: do cấp có thẩm quyền của từng đơn vị xét{decided}, trên hồ sơ"
            " của đơn vị; không thuộc đề nghị của cụm."
        )
    by = f" {outcome.authority}" if outcome.authority else " cấp có thẩm quyền"
    return (
        f"{outcome.name}: do{by} xét, đề nghị tiếp từ kết quả của cụm; không thuộc đề nghị của cụm."
    )


def _left_out_blocks(report: ReviewReport, chosen: str | None) -> list[Block]:
    """The proposals a letter to *chosen* leaves out, each with its reason."""
    items = tuple(
        _left_out_reason(outcome)
        for outcome in report.proposals
        if outcome.units or outcome.eligible
        if outcome.route is not ProposalRoute.GROUP or outcome.authority != chosen
    )
    if not items:
        return []
    return [Paragraph(text="Các đề nghị không thuộc tờ trình này:"), Items(items=items)]


def submission_letter(
    document: ReviewDocument,
    report: ReviewReport,
    names: Names | None = None,
    *,
    addressee: str | None = None,
    authority: str | None = None,
    number: str | None = None,
    signer: str | None = None,
    head: str | None = None,
) -> AdministrativeDocument:
    """The submission letter (tờ trình) proposing the review's nominations to one authority.

    The letter carries the proposals whose route is the group's
    (:attr:`~thidua.ProposalRoute.GROUP`) and whose authority
    is the one it is addressed to (one letter per authority); the other proposals are
    listed as left out, each with its reason. "Kính gửi" names that authority.

    A cluster has no seal: the letter is issued and sealed by the head unit under its
    own name, signed by its head ("GIÁM ĐỐC" for a department). The head unit is *head*,
    or the organisation's head of the group on the meeting day, or else the unit that
    chaired the meeting (the head organises the year-end review).

    Args:
        document: The review.
        report: What :func:`~thidua.run_review` gave for it.
        names: The organisation, or names of the group and its units by code.
        addressee: The "Kính gửi" text, if not the authority's own name.
        authority: Which authority's letter, when the group proposes to several; ``None``
            takes the only one (blank when the group proposes nothing).
        number: The letter's number and symbol, if it has one (otherwise blank).
        signer: The name of the head unit's head, if known (otherwise blank).
        head: Code of the head unit, if not the one the organisation or the meeting gives.

    Raises:
        UnknownCodeError: the group or a unit has no name.
        InvalidModelError: *authority* is not one the group proposes to, or it is
            ``None`` and the group proposes to several (code ``"letter-authority"``).
    """
    by_code = _names(names)
    meeting = document.meeting
    group = _name(by_code, document.group)
    head_code = _head_of(document, names, head)
    head_name = _name(by_code, head_code)
    title = None
    if isinstance(names, Organisation):
        title = names.unit(head_code).signing_title
    chosen = _letter_authority(report, authority)
    to = addressee or chosen or BLANK
    carried = {
        (outcome.award, unit)
        for outcome in report.proposals
        if outcome.route is ProposalRoute.GROUP and outcome.authority == chosen
        for unit in outcome.units
    }
    nominations = tuple(n for n in report.nominations if (n.award, n.unit) in carried)
    body: list[Block] = [
        Paragraph(text=f"Kính gửi: {to}."),
        Paragraph(
            text=f"Căn cứ kết quả họp bình xét, suy tôn thi đua năm {document.year} của {group}"
            f" ({format_date(meeting.held_on)}, tại {meeting.place}),"
        ),
        Paragraph(
            text=f"{head_name}, cụm trưởng {group}, kính đề nghị {to} xem xét, khen thưởng"
            " cho các đơn vị sau (kèm theo biên bản họp và hồ sơ của từng đơn vị):"
        ),
        *_nomination_blocks(document, report, by_code, nominations),
        *_left_out_blocks(report, chosen),
        Paragraph(text=f"{head_name} kính trình {to} xem xét, quyết định./."),
    ]
    return AdministrativeDocument(
        issuer=(head_name.upper(),),
        number=number,
        place=None,
        date=None,
        title="TỜ TRÌNH",
        subtitle=f"Về việc đề nghị khen thưởng thành tích năm {document.year}",
        body=tuple(body),
        signatures=(Signature(capacity=title.upper() if title else BLANK, signer=signer),),
        recipients=("Như trên;", f"Các đơn vị thành viên {group};", "Lưu: VT."),
        illustrative=document.illustrative,
    )


def _upper(text: str) -> str:
    return text.upper()


def _signature(
    document: AgreementDocument,
    unit_code: str,
    title: str | None,
    authority: SignatureAuthority,
    person: str | None,
) -> Signature:
    unit = document.organisation.unit(unit_code)
    head = unit.signing_title
    mark = AUTHORITY_MARKS[authority]
    if authority is SignatureAuthority.HEAD:
        signed_as = title or head
        capacity = _upper(signed_as) if signed_as else BLANK
        position = None
    elif authority is SignatureAuthority.ON_BEHALF:
        capacity = f"{mark}{_upper(unit.name)}"
        position = _upper(title) if title else BLANK
    else:
        capacity = f"{mark}{_upper(head)}" if head else f"{mark}{BLANK}"
        position = _upper(title) if title else BLANK
    organisation = None if authority is SignatureAuthority.ON_BEHALF else _upper(unit.name)
    return Signature(capacity=capacity, position=position, signer=person, organisation=organisation)


def _copies_vi(count: int) -> str:
    return f"{count:02d}"


def agreement_paper(document: AgreementDocument, code: str | None = None) -> AdministrativeDocument:
    """The agreement as the document its members sign.

    The group is the issuer (its block above it); the place-and-date line is the
    signing's. The body opens with the "Căn cứ" line of the decision that formed the
    group (its own title only where the data records it), then the members, the goals
    and the commitments, each with its target and its references in proper form
    (:func:`citation`); headings the data marks as editorial are printed in square
    brackets with a note that the source has none; items of a commitment ("…, cụ thể:")
    follow it as a list. It closes with the number of copies, one signature block per
    signatory under the authority it signs on (a department's head signs "GIÁM ĐỐC",
    a deputy "KT. GIÁM ĐỐC"; "TM." only for collegial bodies), and "Nơi nhận". The
    document number is left blank: an agreement's data has none.

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
        formed = LegalReference.parse(group.formed_by)
        line = citation(formed)
        if formed.issuer_name_vi() is None and group.issuer and " của " not in line:
            line += f" của {group.issuer}"
        if group.formed_by_title:
            line += f" {group.formed_by_title}"
        body.append(Paragraph(text=f"Căn cứ {line};"))
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
        units = tuple(dict.fromkeys(unit_name(s.unit) for s in agreement.signatories))
        body.append(Items(items=units, numbered=True))
    section = 1
    if agreement.goals:
        body += [Heading(text=f"{_ROMAN[section]}. MỤC TIÊU"), Items(items=agreement.goals)]
        section += 1
    body.append(Heading(text=f"{_ROMAN[section]}. NỘI DUNG GIAO ƯỚC"))
    body += _commitment_blocks(agreement.commitments)
    signers = tuple(dict.fromkeys(s.unit for s in agreement.signatories))
    copies = agreement.copies if agreement.copies is not None else len(signers)
    if signers:
        body.append(
            Paragraph(
                text=f"Giao ước thi đua được lập thành {_copies_vi(copies)} bản có giá trị như"
                " nhau, mỗi đơn vị ký kết giữ 01 bản./."
                if copies == len(signers)
                else f"Giao ước thi đua được lập thành {_copies_vi(copies)} bản có giá trị"
                " như nhau./."
            )
        )
    signatures = tuple(
        _signature(document, s.unit, s.title, s.authority, s.person) for s in agreement.signatories
    )
    recipients = agreement.recipients or (
        "Các đơn vị ký kết giao ước;",
        *((f"{group.issuer} (để báo cáo);",) if group.issuer else ()),
        "Lưu: VT.",
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
        recipients=recipients,
        illustrative=agreement.illustrative,
    )


def _commitment_blocks(commitments: tuple[Commitment, ...]) -> list[Block]:
    body: list[Block] = []
    top = [c for c in commitments if c.part_of is None]
    items: dict[str, list[Commitment]] = {}
    for commitment in commitments:
        if commitment.part_of is not None:
            items.setdefault(commitment.part_of, []).append(commitment)
    if any(c.area_is_editorial for c in top):
        body.append(
            Paragraph(
                text="Tiêu đề trong dấu [ ] do người nhập dữ liệu đặt để phân loại nội dung,"
                " không có trong văn bản gốc."
            )
        )
    for number, commitment in enumerate(top, start=1):
        area = f"[{commitment.area}]" if commitment.area_is_editorial else commitment.area
        body.append(Heading(text=f"{number}. {area}", level=2))
        body.append(Paragraph(text=commitment.text))
        details = _details(commitment)
        children = items.get(commitment.code, [])
        if children:
            lines: list[str] = []
            for child in children:
                extra = _details(child)
                lines.append(child.text + (" (" + " ".join(extra) + ")" if extra else ""))
            body.append(Items(items=tuple(lines)))
        if details:
            body.append(Items(items=tuple(details)))
    return body


def _details(commitment: Commitment) -> list[str]:
    details: list[str] = []
    if commitment.target is not None:
        target = commitment.target
        deadline = f", thời hạn {format_date(target.deadline)}" if target.deadline else ""
        details.append(
            f"Chỉ tiêu: {target.indicator}: {format_number_vi(target.value)}"
            f" {target.unit_of_measure}{deadline}."
        )
    details += [f"Căn cứ: {citation(reference)}." for reference in commitment.references]
    return details


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
    illustrative: bool = False,
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
        illustrative: Whether the results come from illustrative data (the scoring or
            results document's ``illustrative``): the paper then carries the "MINH HỌA" mark.

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
        illustrative=illustrative,
    )
