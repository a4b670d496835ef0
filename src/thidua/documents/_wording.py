"""What people read of a review and of scores, in Vietnamese (or English, when asked).

The review's own strings (:class:`~thidua.ReviewReport`'s quorum, notes and each
condition's requirement) are English, for logs and JSON. This module words the same
facts in Vietnamese from the data they came from: the review document, its framework's
rules and the report's answers; nothing is read back out of an English sentence. Awards
appear by their Vietnamese names or accepted abbreviations (TTLĐXS), numbers in the
Vietnamese form (``14,775``). The command line and the HTML report use it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Final

import attrs

from thidua._base.dates import format_date
from thidua._base.messages import Language
from thidua._base.numbers import format_number_vi
from thidua.scoring import (
    Bar,
    LineKind,
    LineSource,
    Scheme,
    ScoringSheet,
    Subtotal,
    TraceLine,
    UnitResult,
    YearResults,
    explain,
)
from thidua.scoring._assessment import Layer
from thidua.yearend._ballot import AcclaimOrder, BallotTieBreak, Threshold, ThresholdBase
from thidua.yearend._conditions import (
    Condition,
    ConditionResult,
    CountCondition,
    CountField,
    DisciplineLevel,
    HoldsAwardCondition,
    LedGroupCondition,
    NoDisciplineCondition,
    NotDissolvedCondition,
    ShareCondition,
    StatementCondition,
    TaskRating,
    TaskRatingCondition,
    UnitYear,
)
from thidua.yearend._review import ReviewDocument, ReviewReport
from thidua.yearend._rules import Eligibility, Framework

__all__ = [
    "ABBREVIATIONS",
    "ReviewText",
    "award_label",
    "explain_unit",
    "number",
    "ranking_table",
    "review_text",
    "rule_text",
    "trace_of",
]

#: Accepted abbreviations of titles, by their Vietnamese name.
ABBREVIATIONS: Final[Mapping[str, str]] = {
    "Tập thể lao động xuất sắc": "TTLĐXS",
    "Tập thể lao động tiên tiến": "TTLĐTT",
    "Chiến sĩ thi đua cơ sở": "CSTĐCS",
    "Lao động tiên tiến": "LĐTT",
}

_RATING_VI: Final = {
    TaskRating.EXCELLENT: "hoàn thành xuất sắc nhiệm vụ",
    TaskRating.GOOD: "hoàn thành tốt nhiệm vụ",
    TaskRating.COMPLETED: "hoàn thành nhiệm vụ",
    TaskRating.NOT_COMPLETED: "không hoàn thành nhiệm vụ",
}
_DISCIPLINE_VI: Final = {
    DisciplineLevel.REPRIMAND: "khiển trách",
    DisciplineLevel.WARNING: "cảnh cáo",
    DisciplineLevel.SALARY_REDUCTION: "hạ bậc lương",
    DisciplineLevel.DEMOTION: "giáng chức",
    DisciplineLevel.REMOVAL: "cách chức",
    DisciplineLevel.DISMISSAL: "buộc thôi việc",
}
_COUNT_VI: Final = {
    CountField.COMPLETED: "hoàn thành nhiệm vụ",
    CountField.ADVANCED_WORKERS: "đạt danh hiệu Lao động tiên tiến",
    CountField.EMULATION_FIGHTERS: "đạt danh hiệu Chiến sĩ thi đua cơ sở",
}
#: The statements the shipped presets ask units to attest, in Vietnamese.
_STATEMENTS_VI: Final = {
    "abides-by-law": "chấp hành tốt chủ trương, chính sách của Đảng, pháp luật của Nhà nước;"
    " tích cực tham gia phong trào thi đua",
    "ethics": "có đạo đức, lối sống lành mạnh",
    "exceeded-targets": "hoàn thành vượt mức các chỉ tiêu thi đua và nhiệm vụ được giao trong năm",
    "initiative": "có sáng kiến được công nhận, hoặc giải pháp công tác, đề tài nghiên cứu khoa"
    " học được nghiệm thu, áp dụng",
    "leads-thrift": "nội bộ đoàn kết; đi đầu trong thực hành tiết kiệm, chống lãng phí,"
    " chống tham nhũng",
    "most-outstanding": "là tập thể tiêu biểu xuất sắc nhất của bộ, ngành, tỉnh",
    "new-models": "có nhân tố mới, mô hình mới để các tập thể khác học tập",
    "party-mass-organisations-good": "nội bộ đoàn kết; tổ chức đảng, đoàn thể được đánh giá"
    " hoàn thành tốt nhiệm vụ trở lên; thực hành tiết kiệm, chống lãng phí, chống tham nhũng"
    " và các tệ nạn xã hội",
    "regular-movement": "có phong trào thi đua thường xuyên, thiết thực, hiệu quả",
    "solidarity": "nội bộ đoàn kết; chấp hành tốt chủ trương, chính sách của Đảng,"
    " pháp luật của Nhà nước",
    "solidarity-thrift": "nội bộ đoàn kết; thực hành tiết kiệm, chống lãng phí, chống tham"
    " nhũng và các tệ nạn xã hội",
    "studies": "tích cực học tập chính trị, văn hóa, chuyên môn, nghiệp vụ",
}
_BASES_VI: Final = {
    ThresholdBase.MEMBERS: "tổng số thành viên",
    ThresholdBase.PRESENT: "số thành viên có mặt",
    ThresholdBase.CAST: "số phiếu thu về",
    ThresholdBase.VALID: "số phiếu hợp lệ",
}
_LINE_VI: Final = {
    LineKind.CRITERION: "Tiêu chí",
    LineKind.SECTION_CAP: "Giới hạn mục",
    LineKind.CRITERION_BONUS: "Điểm thưởng tiêu chí",
    LineKind.BONUS: "Điểm thưởng",
    LineKind.AWARD_BONUS: "Thưởng danh hiệu",
    LineKind.BONUS_CAP: "Giới hạn điểm thưởng",
    LineKind.PENALTY: "Điểm trừ",
    LineKind.KNOCKOUT: "Điều kiện loại trừ",
    LineKind.ROUNDING: "Làm tròn",
    LineKind.ITEM_DEDUCTION: "Điểm trừ tiêu chí",
    LineKind.DEDUCTION_CAP: "Hoàn lại do giới hạn điểm trừ",
    LineKind.DEDUCTION_FLOOR: "Hoàn lại để tiêu chí không dưới 0",
}
_LINE_EN: Final = {
    LineKind.CRITERION: "Criterion",
    LineKind.SECTION_CAP: "Section cap",
    LineKind.CRITERION_BONUS: "Criterion bonus",
    LineKind.BONUS: "Bonus",
    LineKind.AWARD_BONUS: "Award bonus",
    LineKind.BONUS_CAP: "Bonus cap",
    LineKind.PENALTY: "Penalty",
    LineKind.KNOCKOUT: "Knockout",
    LineKind.ROUNDING: "Rounding",
    LineKind.ITEM_DEDUCTION: "Criterion deduction",
    LineKind.DEDUCTION_CAP: "Given back by the deduction cap",
    LineKind.DEDUCTION_FLOOR: "Given back so the item stays at 0 or above",
}
_SOURCE_VI: Final = {
    LineSource.COMPUTED: "tính từ đầu vào",
    LineSource.ENTERED: "điểm nhập",
    LineSource.DEFAULT: "mặc định khi không có dòng",
}
_LAYER_VI: Final = {
    Layer.SELF: "tự chấm",
    Layer.PEER: "chấm chéo",
    Layer.GROUP_APPRAISAL: "cụm/khối thẩm định",
    Layer.COUNCIL_APPRAISAL: "Hội đồng thẩm định",
}
_BAR_VI: Final = {Bar.CLASSIFICATION: "xếp loại", Bar.TITLE: "danh hiệu", Bar.LEADING: "dẫn đầu"}
_BAR_EN: Final = {Bar.CLASSIFICATION: "classification", Bar.TITLE: "titles", Bar.LEADING: "leading"}


def number(value: Decimal | int | Fraction) -> str:
    """A number as Vietnamese texts write it; a fraction without a decimal form as ``5/3``.

    >>> from decimal import Decimal
    >>> number(Decimal("14.775")), number(Fraction(2, 3)), number(Fraction(1, 2))
    ('14,775', '2/3', '0,5')
    """
    if isinstance(value, Fraction):
        rest = value.denominator
        for prime in (2, 5):
            while rest % prime == 0:
                rest //= prime
        if rest != 1:
            return f"{value.numerator}/{value.denominator}"
        return format_number_vi(Decimal(value.numerator) / Decimal(value.denominator))
    return format_number_vi(value)


def award_label(name: str) -> str:
    """An award's accepted abbreviation (``"TTLĐXS"``), or its Vietnamese name."""
    return ABBREVIATIONS.get(name, name)


def _share_vi(share: Fraction) -> str:
    return str(share.numerator) if share.denominator == 1 else f"{share}"


def threshold_vi(threshold: Threshold, base: int | None = None) -> str:
    """A vote threshold in Vietnamese (``"trên 1/2 tổng số thành viên (5)"``)."""
    words = "trên" if threshold.strict else "từ"
    count = f" ({base})" if base is not None else ""
    tail = "" if threshold.strict else " trở lên"
    return f"{words} {_share_vi(threshold.share)} {_BASES_VI[threshold.base]}{count}{tail}"


def _percent(share: Fraction) -> str:
    return number(share * 100)


def condition_vi(
    condition: Condition,
    facts: UnitYear,
    *,
    as_of: dt.date,
    awards: Mapping[str, str],
    group: str,
) -> tuple[str, str]:
    """The requirement and the facts of one condition, in Vietnamese."""
    if isinstance(condition, TaskRatingCondition):
        rating = facts.task_rating
        return (
            f"xếp loại {_RATING_VI[condition.at_least]} trở lên",
            f"xếp loại {_RATING_VI[rating]}" if rating is not None else "chưa xếp loại",
        )
    if isinstance(condition, ShareCondition):
        words = "trên" if condition.strict else "ít nhất"
        verb = _COUNT_VI[condition.count]
        value = condition.count.read(facts)
        return (
            f"{words} {_percent(condition.share)}% cá nhân {verb}",
            f"{value}/{facts.staff} cá nhân {verb}",
        )
    if isinstance(condition, CountCondition):
        verb = _COUNT_VI[condition.count]
        return (
            f"có ít nhất {condition.at_least} cá nhân {verb}",
            f"{condition.count.read(facts)} cá nhân {verb}",
        )
    if isinstance(condition, NoDisciplineCondition):
        level = _DISCIPLINE_VI[condition.at_or_above]
        count = facts.disciplined_at_or_above(condition.at_or_above)
        return (
            f"không có cá nhân bị kỷ luật từ {level} trở lên",
            f"{count} cá nhân bị kỷ luật từ {level} trở lên",
        )
    if isinstance(condition, StatementCondition):
        met = condition.statement in facts.statements
        return (
            _STATEMENTS_VI.get(condition.statement, condition.requirement),
            "đơn vị đã cam kết, có hồ sơ kèm theo" if met else "đơn vị chưa cam kết",
        )
    if isinstance(condition, LedGroupCondition):
        return (
            "được cụm, khối thi đua suy tôn dẫn đầu",
            f"dẫn đầu {group}" if facts.led_group else "không được suy tôn dẫn đầu",
        )
    if isinstance(condition, HoldsAwardCondition):
        held = ", ".join(award_label(awards.get(a, a)) for a in facts.awards_held)
        return (
            f"đạt {award_label(awards.get(condition.award, condition.award))} năm {facts.year}",
            f"đạt {held} năm {facts.year}" if held else f"chưa đạt danh hiệu nào năm {facts.year}",
        )
    if isinstance(condition, NotDissolvedCondition):
        return (
            f"không bị giải thể đến {format_date(as_of)}",
            f"giải thể {format_date(facts.dissolved_on)}"
            if facts.dissolved_on
            else "đang hoạt động",
        )
    return condition.clause, ""  # pragma: no cover - every kind of condition is worded above


@attrs.frozen
class Answer:
    """One eligibility answer with each condition worded in the language asked."""

    eligibility: Eligibility
    award: str
    conditions: tuple[tuple[ConditionResult, str, str], ...]


def answers(
    document: ReviewDocument, report: ReviewReport, names: Mapping[str, str], lang: Language
) -> tuple[Answer, ...]:
    """Every eligibility answer of *report*, worded in *lang*.

    The facts a condition read are the review's, with the group led and the awards
    held as :func:`~thidua.run_review` set them: an award found eligible counts as
    held for the later proposals of the same unit.
    """
    framework = document.resolve_framework()
    awards = {award.code: award.name for award in framework.awards}
    facts = {f.unit: f for f in document.facts}
    held = {f.unit: list(f.awards_held) for f in document.facts}
    leaders = set(report.acclamation.units())
    group = names.get(document.group, document.group)
    found: list[Answer] = []
    for answer in report.eligibility:
        label = award_label(awards.get(answer.award, answer.award))
        base = facts.get(answer.unit)
        conditions = _conditions(framework, answer)
        worded: list[tuple[ConditionResult, str, str]] = []
        if lang == "vi" and base is not None and len(conditions) == len(answer.results):
            year = attrs.evolve(
                base,
                led_group=document.group if answer.unit in leaders else None,
                awards_held=tuple(held[answer.unit]),
            )
            for condition, result in zip(conditions, answer.results, strict=True):
                requirement, said = condition_vi(
                    condition,
                    year,
                    as_of=document.meeting.held_on,
                    awards=awards,
                    group=group,
                )
                worded.append((result, requirement, said))
        else:
            worded = [(r, r.requirement, r.facts) for r in answer.results]
        if answer.eligible and answer.unit in held:
            held[answer.unit].append(answer.award)
        found.append(Answer(answer, label if lang == "vi" else answer.award, tuple(worded)))
    return tuple(found)


def _conditions(framework: Framework, answer: Eligibility) -> tuple[Condition, ...]:
    rule = framework.rule(answer.award, answer.regime)
    knockouts = (c for k in framework.knockouts if k.regime == answer.regime for c in k.conditions)
    return (*rule.conditions, *knockouts)


@attrs.frozen
class ReviewText:
    """A review as people read it: header lines and sections (title, table rows, lines)."""

    header: tuple[str, ...]
    sections: tuple[tuple[str, tuple[tuple[str, ...], ...], tuple[str, ...]], ...]


def _yes(flag: bool, lang: Language) -> str:
    if lang == "vi":
        return "có" if flag else ""
    return "yes" if flag else ""


def review_text(
    report: ReviewReport,
    *,
    document: ReviewDocument | None = None,
    names: Mapping[str, str] | None = None,
    lang: Language = "en",
) -> ReviewText:
    """The review's header and sections in *lang* (Vietnamese needs the *document*)."""
    if lang == "vi" and document is not None:
        return _review_vi(document, report, names or {})
    return _review_en(report)


def _review_en(report: ReviewReport) -> ReviewText:
    ranking: list[tuple[str, ...]] = [("rank", "unit", "score", "tied")]
    ranking += [
        (str(r.rank), r.unit, "" if r.score is None else f"{r.score:f}", _yes(r.tied, "en"))
        for r in report.ranking
    ]
    tally_rows: list[tuple[str, ...]] = []
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
        tally_rows = [("candidate", "votes", "passed", "tied with")]
        tally_rows += [
            (
                r.candidate,
                str(r.votes),
                "yes" if r.passed else "no",
                ", ".join(t.tied_with(r.candidate)),
            )
            for r in t.results
        ]
    acclaimed: list[tuple[str, ...]] = [("position", "unit", "rank", "votes")]
    acclaimed += [
        (str(a.position), a.unit, str(a.rank), "" if a.votes is None else str(a.votes))
        for a in report.acclamation.acclaimed
    ]
    acclaim_text = list(report.acclamation.explanation)
    if report.acclamation.undecided:
        acclaim_text.append(f"Undecided (tied): {', '.join(report.acclamation.undecided)}.")
    eligibility_text: list[str] = []
    for answer in report.eligibility:
        eligibility_text.extend(answer.explain().splitlines())
    nominations: list[tuple[str, ...]] = [
        ("unit", "award", "year", "group led", "achievement", "basis")
    ]
    nominations += [
        (n.unit, n.award, str(n.year), n.group_led or "", n.achievement, n.basis)
        for n in report.nominations
    ]
    header = [report.title]
    if report.illustrative:
        header.append("ILLUSTRATIVE DATA: " + (report.note or "parts of this file are made up."))
    elif report.note:
        header.append(report.note)
    header.append(f"Group {report.group}, year {report.year}, framework {report.framework}.")
    header.append(f"Regime {report.regime.regime}: {report.regime.reason}.")
    header.append(f"Quorum: {report.quorum}.")
    return ReviewText(
        header=tuple(header),
        sections=(
            ("Ranking", tuple(ranking), ()),
            ("Ballot", tuple(tally_rows), tuple(tally_text)),
            ("Acclaimed units", tuple(acclaimed), tuple(acclaim_text)),
            ("Eligibility", (), tuple(eligibility_text)),
            ("Proposed nominations", tuple(nominations), tuple(report.notes)),
        ),
    )


def _review_vi(
    document: ReviewDocument, report: ReviewReport, names: Mapping[str, str]
) -> ReviewText:
    def name(code: str) -> str:
        return names.get(code, code)

    framework = document.resolve_framework()
    awards = {award.code: award.name for award in framework.awards}
    regime = framework.regime(report.regime.regime)
    ranking: list[tuple[str, ...]] = [("Hạng", "Đơn vị", "Tổng điểm", "Đồng hạng")]
    ranking += [
        (str(r.rank), name(r.unit), "" if r.score is None else number(r.score), _yes(r.tied, "vi"))
        for r in report.ranking
    ]
    tally_rows: list[tuple[str, ...]] = []
    tally_text = ["Không tổ chức bỏ phiếu kín."]
    if report.tally is not None and document.vote is not None:
        t = report.tally
        tally_text = [
            (
                f"Phiếu phát ra {t.voters_present}; thu về {t.cast}: hợp lệ {t.valid},"
                f" trống {t.blank}, không hợp lệ {t.invalid}."
            ),
            f"Ngưỡng đạt: {threshold_vi(document.vote.threshold, t.base)}.",
        ]
        tally_rows = [("Đơn vị", "Số phiếu", "Kết quả", "Bằng phiếu với")]
        tally_rows += [
            (
                name(r.candidate),
                str(r.votes),
                "đạt" if r.passed else "không đạt",
                ", ".join(name(c) for c in t.tied_with(r.candidate)),
            )
            for r in t.results
        ]
    rule = document.acclaim
    acclaimed: list[tuple[str, ...]] = [("Thứ tự", "Đơn vị", "Hạng", "Số phiếu")]
    acclaimed += [
        (str(a.position), name(a.unit), str(a.rank), "" if a.votes is None else str(a.votes))
        for a in report.acclamation.acclaimed
    ]
    order = "thứ hạng" if rule.order is AcclaimOrder.RANK else "số phiếu"
    acclaim_text = [f"Quy tắc suy tôn: {rule.seats} đơn vị, theo {order} [{rule.basis}]."]
    if rule.requires_ballot and report.tally is not None and document.vote is not None:
        passed = ", ".join(name(c) for c in report.tally.passed()) or "không có"
        acclaim_text.append(
            f"Đơn vị đạt ngưỡng bỏ phiếu ({threshold_vi(document.vote.threshold)}): {passed}."
        )
    if report.acclamation.undecided:
        tied = ", ".join(name(c) for c in report.acclamation.undecided)
        acclaim_text.append(f"Bằng nhau, chưa phân định được: {tied}.")
    if rule.tie_break is not BallotTieBreak.NONE:
        by = "thứ hạng" if rule.tie_break is BallotTieBreak.RANK else "số phiếu"
        acclaim_text.append(f"Trường hợp bằng nhau xét theo {by}.")
    chosen = len(report.acclamation.acclaimed)
    if chosen < rule.seats and not report.acclamation.undecided:
        acclaim_text.append(f"Chỉ {chosen} đơn vị đủ điều kiện cho {rule.seats} vị trí.")
    eligibility_text: list[str] = []
    for answer in answers(document, report, names, "vi"):
        e = answer.eligibility
        verdict = "đủ điều kiện" if e.eligible else "không đủ điều kiện"
        eligibility_text.append(
            f"{name(e.unit)}: {verdict} {answer.award} năm {e.year} ({e.basis})"
        )
        for result, requirement, said in answer.conditions:
            mark = "đạt" if result.met else "KHÔNG ĐẠT"
            eligibility_text.append(f"  [{mark}] {requirement} ({result.clause}): {said}")
    nominations: list[tuple[str, ...]] = [
        ("Đơn vị", "Hình thức khen thưởng", "Năm", "Dẫn đầu", "Căn cứ")
    ]
    nominations += [
        (
            name(n.unit),
            award_label(awards.get(n.award, n.award)),
            str(n.year),
            name(n.group_led) if n.group_led else "",
            n.basis,
        )
        for n in report.nominations
    ]
    header = [report.title]
    if report.illustrative:
        header.append("DỮ LIỆU MINH HỌA: " + (report.note or "một phần số liệu là giả định."))
    elif report.note:
        header.append(report.note)
    header.append(f"{name(report.group)}, năm {report.year}, khung quy định: {framework.name}.")
    how = (
        "do người dùng chỉ định"
        if report.regime.explicit
        else "mặc định: chế độ có hiệu lực vào ngày cuối của kỳ thi đua"
        f", {format_date(document.period_end)}"
    )
    header.append(f"Chế độ áp dụng: {regime.name} ({how}).")
    meeting = document.meeting
    needed = document.quorum.required(len(meeting.members))
    header.append(
        f"Có mặt {len(meeting.present)}/{len(meeting.members)} thành viên; cần tối thiểu"
        f" {_share_vi(document.quorum.share)} tổng số thành viên ({needed}): đủ"
        f" [{document.quorum.basis}]."
    )
    return ReviewText(
        header=tuple(header),
        sections=(
            ("Xếp hạng", tuple(ranking), ()),
            ("Bỏ phiếu kín", tuple(tally_rows), tuple(tally_text)),
            ("Đơn vị được suy tôn", tuple(acclaimed), tuple(acclaim_text)),
            ("Điều kiện khen thưởng", (), tuple(eligibility_text)),
            ("Đề nghị khen thưởng", tuple(nominations), tuple(_notes_vi(document, report, name))),
        ),
    )


def _notes_vi(document: ReviewDocument, report: ReviewReport, name: object) -> list[str]:
    """The review's notes, worded again in Vietnamese from what the review found."""
    assert callable(name)  # noqa: S101 - a naming function
    framework = document.resolve_framework()
    awards = {award.code: award.name for award in framework.awards}
    with_facts = {f.unit for f in document.facts}
    notes: list[str] = []
    ranked = [line.unit for line in document.ranking]
    for proposal in document.proposals:
        label = award_label(awards.get(proposal.award, proposal.award))
        notes.extend(
            f"{name(unit)}: chưa có số liệu, chưa xét {label}."
            for unit in ranked
            if unit not in with_facts and proposal.scope.value == "ranked"
        )
    nominated = {(n.award, n.unit) for n in report.nominations}
    moved = {(n.award, n.code) for n in report.nominations}
    for answer in report.eligibility:
        if not answer.eligible or (answer.award, answer.unit) in nominated:
            continue
        label = award_label(awards.get(answer.award, answer.award))
        code = f"{answer.award}-{answer.unit}-{answer.year}"
        if (answer.award, code) in moved:
            holder = next(n.unit for n in report.nominations if n.code == code)
            notes.append(f"{name(answer.unit)}: thành tích được chuyển cho {name(holder)}.")
            continue
        quota = framework.quota(answer.award, answer.year)
        given = sum(1 for n in report.nominations if n.award == answer.award)
        if quota is not None and given >= quota.max_per_group:
            notes.append(
                f"{name(answer.unit)}: đủ điều kiện {label} nhưng cụm, khối đã dùng hết số"
                f" lượng {quota.max_per_group} được đề nghị [{quota.basis}]."
            )
        elif document.successions:
            notes.append(f"{name(answer.unit)}: không đề nghị {label} do tổ chức lại đơn vị.")
        else:
            other = next(
                (
                    award_label(awards.get(n.award, n.award))
                    for n in report.nominations
                    if n.unit == answer.unit
                ),
                "",
            )
            notes.append(
                f"{name(answer.unit)}: đủ điều kiện {label} nhưng thành tích này đã được đề nghị"
                f" {other} (mỗi thành tích chỉ đề nghị một hình thức khen thưởng)."
            )
    return notes


def _signed(value: Decimal) -> str:
    text = number(value)
    return text if value < 0 else f"+{text}"


def rule_text(line: TraceLine, barred: Sequence[Bar] = (), lang: Language = "vi") -> str:
    """A trace line's rule as people read it: a knockout's bars in words, not codes."""
    prefix = "Không được xét: "
    if line.kind is not LineKind.KNOCKOUT or not line.rule.startswith(prefix):
        return line.rule
    bars = _BAR_VI if lang == "vi" else _BAR_EN
    named = line.rule.removeprefix(prefix).split(", ")
    known = {bar.value: bar for bar in Bar}
    listed = [known[v] for v in named] if all(v in known for v in named) else list(barred)
    shown = ", ".join(bars[bar] for bar in listed)
    return f"{prefix}{shown}" if lang == "vi" else f"Barred from: {shown}"


def _line(line: TraceLine, lang: Language, barred: Sequence[Bar]) -> list[str]:
    pad = "  " * line.depth
    words = _LINE_VI if lang == "vi" else _LINE_EN
    parts = [f"{pad}{words[line.kind]} {line.code} {line.label}"]
    if line.input is not None:
        layer = f" ({_LAYER_VI[line.layer]})" if line.layer is not None else ""
        parts.append(f"{pad}  {'Đầu vào' if lang == 'vi' else 'Input'}: {line.input}{layer}")
    if line.source is not None:
        source = _SOURCE_VI[line.source] if lang == "vi" else line.source.value
        parts.append(f"{pad}  {'Nguồn' if lang == 'vi' else 'Source'}: {source}")
    rule = rule_text(line, barred, lang)
    text = f"{pad}  {'Cách tính' if lang == 'vi' else 'Rule'}: {rule}"
    if line.unrounded is not None:
        exact = _decimal_or_none(line.unrounded)
        shown = number(exact) if exact is not None else line.unrounded
        text += f" = {shown}, làm tròn" if lang == "vi" else f" = {shown}, rounded"
    if line.cap is not None:
        text += f" [giới hạn {number(line.cap)}]" if lang == "vi" else f" [cap {number(line.cap)}]"
    parts.append(text)
    parts.append(f"{pad}  {'Điểm' if lang == 'vi' else 'Points'}: {_signed(line.points)}")
    return parts


def _decimal_or_none(text: str) -> Decimal | Fraction | None:
    try:
        if "/" in text:
            return Fraction(text)
        return Decimal(text)
    except (ArithmeticError, ValueError):
        return None


def _subtotal_text(subtotal: Subtotal, vi: bool) -> str:
    """A section's subtotal, with its figures before and after adjustments where they differ."""
    text = f"{subtotal.section}: {number(subtotal.points)}"
    points = subtotal.points
    before = points if subtotal.before_adjustments is None else subtotal.before_adjustments
    after = points if subtotal.after_adjustments is None else subtotal.after_adjustments
    if before == points and after == points:
        return text
    if vi:
        return f"{text} (trước cộng, trừ: {number(before)}, kể cả điểm thưởng: {number(after)})"
    return f"{text} (before adjustments: {number(before)}, with bonuses: {number(after)})"


def explain_unit(
    result: UnitResult, trace: Sequence[TraceLine] | None = None, *, lang: Language = "vi"
) -> str:
    """A unit's score line by line, ending with its total, rank and classification.

    Args:
        result: The unit's result.
        trace: Its trace lines; the result's own trace when ``None``.
        lang: ``"vi"`` or ``"en"`` for the words around the scheme's own labels.
    """
    lines = list(trace if trace is not None else result.trace)
    vi = lang == "vi"
    out = [f"{'Đơn vị' if vi else 'Unit'} {result.unit} — {result.name}"]
    for line in lines:
        out += _line(line, lang, result.barred_from)
    if result.subtotals:
        parts = "; ".join(_subtotal_text(s, vi) for s in result.subtotals)
        out.append(f"{'Điểm theo mục' if vi else 'By section'}: {parts}")
    if vi:
        out.append(
            f"Điểm tiêu chí: {number(result.base)}; điểm thưởng: {number(result.bonus_total)};"
            f" điểm trừ: {number(result.penalty_total)}"
        )
        out.append(f"Tổng điểm: {number(result.total)}")
        out.append(f"Xếp hạng: {result.rank}{' (đồng hạng)' if result.tied else ''}")
        out.append(f"Xếp loại: {result.classification or 'không xếp loại'}")
    else:
        out.append(
            f"Criteria: {number(result.base)}; bonus: {number(result.bonus_total)};"
            f" penalty: {number(result.penalty_total)}"
        )
        out.append(f"Total: {number(result.total)}")
        out.append(f"Rank: {result.rank}{' (tied)' if result.tied else ''}")
        out.append(f"Classification: {result.classification or 'none'}")
    if result.barred_from:
        bars = _BAR_VI if vi else _BAR_EN
        barred = ", ".join(bars[bar] for bar in result.barred_from)
        label = "Không được xét" if vi else "Barred from"
        out.append(f"{label}: {barred} ({', '.join(result.knockouts)})")
    return "\n".join(out)


def ranking_table(year: YearResults, *, lang: Language = "vi") -> str:
    """One year's ranking as a plain-text table."""
    vi = lang == "vi"
    header = (
        f"Năm {year.year} — bảng điểm {year.scheme}"
        if vi
        else f"Year {year.year} — scheme {year.scheme}"
    )
    titles = (
        ("Hạng", "Đơn vị", "Tổng điểm", "Xếp loại") if vi else ("Rank", "Unit", "Total", "Class")
    )
    rows = [header, f"{titles[0]:<5} {titles[1]:<13} {titles[2]:>9}  {titles[3]}"]
    for result in year.units:
        rank = f"{result.rank}{'=' if result.tied else ''}"
        band = result.classification or ("không xếp loại" if vi else "none")
        rows.append(f"{rank:<5} {result.unit:<13} {number(result.total):>9}  {band}")
    if year.leaders:
        rows.append(f"{'Dẫn đầu' if vi else 'Leading'}: {', '.join(year.leaders)}")
    return "\n".join(rows)


def trace_of(
    result: UnitResult, scheme: Scheme | None = None, sheet: ScoringSheet | None = None
) -> tuple[TraceLine, ...]:
    """A unit's trace lines, asked for explicitly (the engine records none unless asked).

    The lines recorded with the result (scored with ``trace=True``, or read from results
    that carry them); otherwise, given the scheme and the sheet it was scored from,
    :func:`~thidua.scoring.explain` records them now for this unit alone. Empty when the
    result carries no trace and no sheet is given.
    """
    if result.trace or scheme is None or sheet is None:
        return tuple(result.trace)
    return tuple(explain(scheme, sheet, result.unit))
