"""Nominations (đề nghị khen thưởng), decisions (quyết định) and revocations (hủy bỏ).

The dossier follows ND 91/2017 Art 51 and TT 12/2019/TT-BNV Art 11 (``docs/year-end.md``,
*Nominate, decide, revoke*): a submission letter (tờ trình), the minutes of the meeting that
name the cluster or block the unit leads and give the secret-ballot result, the
achievement report, and attachments. Revocation follows Law 06/2022/QH15 chapter VII.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable

import attrs

from thidua._base.text import nfc
from thidua._base.validation import (
    code_validator,
    nfc_tuple,
    non_blank,
    non_negative,
    optional_code,
    typed_fields,
    unique_codes,
)
from thidua.errors import AwardError, InvalidModelError
from thidua.yearend._rules import Framework
from thidua.yearend._succession import RecordHolder, RecordTransfer, Succession, record_holder

__all__ = [
    "Decision",
    "Dossier",
    "Grant",
    "Minutes",
    "Nomination",
    "NominationStatus",
    "Revocation",
    "RevocationReason",
    "attach_to_successor",
    "check_nominations",
    "decisions_in_force",
]


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Minutes:
    """The minutes of the review meeting, as the dossier needs them.

    Args:
        document: The minutes' reference or title (NFC).
        group: Code of the cluster or block the minutes name.
        held_on: Date of the meeting.
        votes_for: Votes the unit received in the secret ballot.
        ballots_cast: Ballots cast.
        voters_present: Voters present.
    """

    document: str = attrs.field(converter=nfc, validator=non_blank)
    group: str = attrs.field(validator=code_validator)
    held_on: dt.date = attrs.field()
    votes_for: int = attrs.field(validator=non_negative)
    ballots_cast: int = attrs.field(validator=non_negative)
    voters_present: int = attrs.field(validator=non_negative)

    def __attrs_post_init__(self) -> None:
        if self.votes_for > self.ballots_cast:
            msg = f"{self.votes_for} votes but only {self.ballots_cast} ballots cast"
            raise InvalidModelError(msg, path="votes_for", code="inconsistent-count")
        if self.ballots_cast > self.voters_present:
            msg = f"{self.ballots_cast} ballots cast but only {self.voters_present} voters present"
            raise InvalidModelError(msg, path="ballots_cast", code="too-many-ballots")


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Dossier:
    """A nomination dossier (hồ sơ đề nghị khen thưởng).

    Args:
        letter: The submission letter (tờ trình): reference or title.
        minutes: The meeting minutes.
        achievement_report: The achievement report (báo cáo thành tích).
        attachments: Other documents (tài liệu khác).
    """

    letter: str = attrs.field(converter=nfc, validator=non_blank)
    minutes: Minutes = attrs.field()
    achievement_report: str = attrs.field(converter=nfc, validator=non_blank)
    attachments: tuple[str, ...] = attrs.field(default=(), converter=nfc_tuple)


class NominationStatus(enum.StrEnum):
    """Where a nomination stands."""

    PROPOSED = "proposed"
    """Proposed by the group; no dossier needed yet."""
    SUBMITTED = "submitted"
    """Sent to the council with its dossier."""
    GRANTED = "granted"
    """Granted by a decision."""
    REFUSED = "refused"
    """Refused by the council."""
    WITHDRAWN = "withdrawn"
    """Withdrawn by the group."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Nomination:
    """One proposal of an award for a unit's achievement.

    Args:
        code: Stable code of the nomination.
        unit: Code of the unit.
        award: Code of the award (title or form).
        year: The achievement year.
        achievement: Code naming the achievement; one achievement gets one award.
        group_led: Code of the group the unit led, for awards that need it.
        dossier: The dossier; required once submitted.
        status: Where it stands.
        basis: The rule it rests on, as text (filled in by the review).
    """

    code: str = attrs.field(validator=code_validator)
    unit: str = attrs.field(validator=code_validator)
    award: str = attrs.field(validator=code_validator)
    year: int = attrs.field()
    achievement: str = attrs.field(validator=code_validator)
    group_led: str | None = attrs.field(default=None, validator=optional_code)
    dossier: Dossier | None = attrs.field(default=None)
    status: NominationStatus = attrs.field(
        default=NominationStatus.PROPOSED,
        validator=attrs.validators.instance_of(NominationStatus),
    )
    basis: str = attrs.field(default="", converter=nfc)

    def __attrs_post_init__(self) -> None:
        if self.status is not NominationStatus.PROPOSED and self.dossier is None:
            msg = f"a {self.status.value} nomination needs its dossier"
            raise InvalidModelError(msg, path="dossier", code="missing-dossier")
        if self.dossier is not None and self.group_led is not None:
            named = self.dossier.minutes.group
            if named != self.group_led:
                msg = f"the minutes name group {named!r}, not the group led {self.group_led!r}"
                raise InvalidModelError(
                    msg, path="dossier.minutes.group", code="minutes-group-mismatch"
                )


def check_nominations(
    nominations: tuple[Nomination, ...],
    *,
    framework: Framework | None = None,
    path: str = "nominations",
) -> None:
    """Check a set of nominations together.

    One achievement gets one award ("không khen thưởng nhiều lần, nhiều hình thức cho
    một thành tích", Law 06/2022 principles); a unit is not proposed twice for one
    award and year; with a *framework*, every award is in its catalogue and no group
    exceeds a quota per group.

    Raises:
        InvalidModelError: ``duplicate-code``, ``one-award-per-achievement``,
            ``duplicate-nomination``, ``quota-exceeded``; :class:`AwardError`
            ``unknown-award``.
    """
    unique_codes(nominations, path)
    achievements: dict[tuple[str, str], int] = {}
    awards: dict[tuple[str, str, int], int] = {}
    active = [
        (i, n)
        for i, n in enumerate(nominations)
        if n.status not in (NominationStatus.WITHDRAWN, NominationStatus.REFUSED)
    ]
    for index, nomination in active:
        key = (nomination.unit, nomination.achievement)
        if key in achievements:
            msg = (
                f"achievement {nomination.achievement!r} of {nomination.unit!r} already has a"
                f" nomination ({path}[{achievements[key]}]); one achievement gets one award"
            )
            raise InvalidModelError(
                msg, path=f"{path}[{index}].achievement", code="one-award-per-achievement"
            )
        achievements[key] = index
        award_key = (nomination.unit, nomination.award, nomination.year)
        if award_key in awards:
            msg = (
                f"{nomination.unit!r} is already proposed for {nomination.award} {nomination.year}"
            )
            raise InvalidModelError(msg, path=f"{path}[{index}]", code="duplicate-nomination")
        awards[award_key] = index
    if framework is None:
        return
    per_group: dict[tuple[str, str, int], int] = {}
    for index, nomination in active:
        framework.award(nomination.award)
        quota = framework.quota(nomination.award, nomination.year)
        if quota is None or nomination.group_led is None:
            continue
        group_key = (nomination.group_led, nomination.award, nomination.year)
        per_group[group_key] = per_group.get(group_key, 0) + 1
        if per_group[group_key] > quota.max_per_group:
            msg = (
                f"group {nomination.group_led!r} proposes more than {quota.max_per_group}"
                f" {nomination.award} for {nomination.year} [{quota.basis}]"
            )
            raise InvalidModelError(msg, path=f"{path}[{index}]", code="quota-exceeded")


def attach_to_successor(
    nomination: Nomination,
    successions: tuple[Succession, ...],
    review_date: dt.date,
    rule: RecordTransfer,
) -> tuple[Nomination | None, RecordHolder]:
    """Attach a nomination to the unit that holds the record on the review date.

    A unit merged, split or renamed before the review passes its nomination to its
    successor when the declared *rule* says so; a dissolved unit's nomination is
    dropped (TT 15/2025/TT-BNV: no commendation for a dissolved unit).

    Args:
        nomination: The nomination, naming the original unit.
        successions: Every succession known.
        review_date: The review date; memberships valid then count.
        rule: The declared record rule.

    Returns:
        The nomination for the record holder (``None`` if nobody holds the record),
        and how the holder was found.
    """
    holder = record_holder(nomination.unit, successions, review_date, rule)
    if holder.holder is None:
        return None, holder
    if holder.holder == nomination.unit:
        return nomination, holder
    note = "; ".join(holder.chain)
    basis = f"{nomination.basis}; record of {nomination.unit}: {note}".lstrip("; ")
    return attrs.evolve(nomination, unit=holder.holder, basis=basis), holder


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Grant:
    """One award granted by a decision.

    Args:
        unit: Code of the unit.
        award: Code of the award.
        year: The achievement year.
        nomination: Code of the nomination it answers, if any.
    """

    unit: str = attrs.field(validator=code_validator)
    award: str = attrs.field(validator=code_validator)
    year: int = attrs.field()
    nomination: str | None = attrs.field(default=None, validator=optional_code)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Decision:
    """A decision granting awards (quyết định khen thưởng).

    Args:
        issuer: Who issued it (NFC), such as ``"Bộ trưởng Bộ Thông tin và Truyền thông"``.
        number: Its number and symbol, such as ``"123/QĐ-BTTTT"``.
        issued_on: Its date.
        grants: The awards it grants; at least one.
    """

    issuer: str = attrs.field(converter=nfc, validator=non_blank)
    number: str = attrs.field(converter=nfc, validator=non_blank)
    issued_on: dt.date = attrs.field()
    grants: tuple[Grant, ...] = attrs.field()

    def __attrs_post_init__(self) -> None:
        if not self.grants:
            raise InvalidModelError("a decision grants something", path="grants", code="empty")
        seen: dict[tuple[str, str, int], int] = {}
        for index, grant in enumerate(self.grants):
            key = (grant.unit, grant.award, grant.year)
            if key in seen:
                msg = f"{grant.award} {grant.year} granted twice to {grant.unit!r}"
                raise InvalidModelError(msg, path=f"grants[{index}]", code="duplicate-grant")
            seen[key] = index


class RevocationReason(enum.StrEnum):
    """Why an award is cancelled (Law 06/2022/QH15 chapter VII)."""

    FALSE_DECLARATION = "false-declaration"
    """Gian dối trong việc kê khai công trạng, thành tích."""
    FALSE_DOSSIER = "false-dossier"
    """Cung cấp thông tin sai sự thật hoặc làm giả hồ sơ, giấy tờ."""
    UNLAWFUL_APPRAISAL = "unlawful-appraisal"
    """Thẩm định, xét, duyệt, đề nghị trái quy định của pháp luật."""
    STANDARD_NOT_MET = "standard-not-met"
    """Later findings that the standard was not met in the achievement period."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Revocation:
    """A decision undoing (part of) an earlier decision.

    Args:
        number: Its number and symbol.
        issued_on: Its date; not before the decision it undoes.
        decision: The number of the decision it undoes.
        reason: The legal ground.
        details: What happened (NFC).
        grants: The grants it undoes; empty means all of the decision's grants.
    """

    number: str = attrs.field(converter=nfc, validator=non_blank)
    issued_on: dt.date = attrs.field()
    decision: str = attrs.field(converter=nfc, validator=non_blank)
    reason: RevocationReason = attrs.field(validator=attrs.validators.instance_of(RevocationReason))
    details: str = attrs.field(converter=nfc, validator=non_blank)
    grants: tuple[Grant, ...] = attrs.field(default=())

    def __attrs_post_init__(self) -> None:
        if self.number == self.decision:
            msg = "a revocation does not undo itself"
            raise InvalidModelError(msg, path="decision", code="self-revocation")


def decisions_in_force(
    decisions: Iterable[Decision], revocations: Iterable[Revocation], on: dt.date
) -> tuple[Grant, ...]:
    """The grants still in force on *on*: granted by then and not revoked by then.

    Both the decisions and the revocations stay readable; nothing is deleted.

    Raises:
        AwardError: a revocation names an unknown decision or grant, or predates its
            decision (``invalid-revocation``).
    """
    by_number = {d.number: d for d in decisions}
    undone: set[tuple[str, Grant]] = set()
    for revocation in revocations:
        decision = by_number.get(revocation.decision)
        if decision is None:
            msg = f"revocation {revocation.number} undoes unknown decision {revocation.decision}"
            raise AwardError(msg, path="decision", code="invalid-revocation")
        if revocation.issued_on < decision.issued_on:
            msg = f"revocation {revocation.number} predates decision {decision.number}"
            raise AwardError(msg, path="issued_on", code="invalid-revocation")
        targets = revocation.grants or decision.grants
        for grant in targets:
            if grant not in decision.grants:
                msg = f"revocation {revocation.number} names a grant not in {decision.number}"
                raise AwardError(msg, path="grants", code="invalid-revocation")
            if revocation.issued_on <= on:
                undone.add((decision.number, grant))
    return tuple(
        grant
        for decision in sorted(by_number.values(), key=lambda d: (d.issued_on, d.number))
        if decision.issued_on <= on
        for grant in decision.grants
        if (decision.number, grant) not in undone
    )
