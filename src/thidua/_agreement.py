"""Agreements (giao ước thi đua): commitments, targets, signing, signatories, lifecycle."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

import attrs

from thidua._base.dates import Period
from thidua._base.legal import LegalReference
from thidua._base.privacy import personal_field
from thidua._base.seals import Seal, digest_reference_field, seal_field
from thidua._base.text import nfc, nfc_or_none
from thidua._base.validation import (
    code_validator,
    nfc_tuple,
    non_blank,
    optional_code,
    typed_fields,
    unique_codes,
)
from thidua._organisation import Organisation
from thidua.errors import InvalidModelError, LifecycleError

__all__ = [
    "Agreement",
    "AgreementDocument",
    "AgreementStatus",
    "Commitment",
    "CooperationMemo",
    "Signatory",
    "SignatureAuthority",
    "Signing",
    "StatusChange",
    "Target",
]


class AgreementStatus(enum.StrEnum):
    """Where an agreement stands in its lifecycle."""

    DRAFT = "draft"
    SIGNED = "signed"
    IN_FORCE = "in-force"
    UNDER_REVIEW = "under-review"
    CLOSED = "closed"


#: The status changes an agreement may make; every status may close (with a reason).
TRANSITIONS: dict[AgreementStatus, frozenset[AgreementStatus]] = {
    AgreementStatus.DRAFT: frozenset({AgreementStatus.SIGNED, AgreementStatus.CLOSED}),
    AgreementStatus.SIGNED: frozenset({AgreementStatus.IN_FORCE, AgreementStatus.CLOSED}),
    AgreementStatus.IN_FORCE: frozenset({AgreementStatus.UNDER_REVIEW, AgreementStatus.CLOSED}),
    AgreementStatus.UNDER_REVIEW: frozenset({AgreementStatus.IN_FORCE, AgreementStatus.CLOSED}),
    AgreementStatus.CLOSED: frozenset(),
}


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class StatusChange:
    """One step of an agreement's lifecycle.

    Args:
        status: The status entered.
        on: The date it was entered.
        reason: Why; required when closing (for example a merger of members).
    """

    status: AgreementStatus
    on: dt.date
    reason: str | None = attrs.field(default=None, converter=nfc_or_none)

    def __attrs_post_init__(self) -> None:
        if self.status is AgreementStatus.CLOSED and not self.reason:
            msg = "closing an agreement needs a reason"
            raise LifecycleError(msg, path="reason", code="reason-required")


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Target:
    """A measurable target of a commitment (chỉ tiêu).

    Args:
        indicator: What is measured, in Vietnamese.
        value: The target value, exact.
        unit_of_measure: Its unit ("%", "hồ sơ", ...).
        deadline: When it must be met; inside the agreement's period.
    """

    indicator: str = attrs.field(converter=nfc, validator=non_blank)
    value: Decimal
    unit_of_measure: str = attrs.field(converter=nfc, validator=non_blank)
    deadline: dt.date | None = None


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Commitment:
    """One pledge of an agreement (nội dung giao ước).

    Args:
        code: Stable identifier, unique within the agreement.
        area: The area of work it belongs to, in Vietnamese.
        text: The pledge as written.
        target: A measurable target, if the pledge has one.
        references: Legal references the pledge cites.
        area_is_editorial: Whether ``area`` was added by whoever entered the data (the
            source has no such heading); papers print it marked as editorial.
        part_of: Code of the commitment this one is an item of, when the source lists
            it under another ("…, cụ thể:" and its items).
    """

    code: str = attrs.field(validator=code_validator)
    area: str = attrs.field(converter=nfc, validator=non_blank)
    text: str = attrs.field(converter=nfc, validator=non_blank)
    target: Target | None = None
    references: tuple[LegalReference, ...] = ()
    area_is_editorial: bool = False
    part_of: str | None = attrs.field(default=None, validator=optional_code)


class SignatureAuthority(enum.StrEnum):
    """On what authority a person signs for a unit (Nghị định 30/2020/NĐ-CP, Art 13 and App. I)."""

    HEAD = "head"
    """The head signs directly, under the head's title ("GIÁM ĐỐC")."""
    DEPUTY = "deputy"
    """A deputy signs for the head: "KT. GIÁM ĐỐC" above the deputy's own title."""
    ACTING = "acting"
    """An acting head signs: "Q. GIÁM ĐỐC"."""
    BY_ORDER = "by-order"
    """Signed by order of the head (thừa lệnh): "TL. GIÁM ĐỐC" above the signer's title."""
    BY_AUTHORISATION = "by-authorisation"
    """Signed by authorisation of the head (thừa ủy quyền): "TUQ. GIÁM ĐỐC"."""
    ON_BEHALF = "on-behalf"
    """On behalf of a collegial body (thay mặt): "TM. ỦY BAN NHÂN DÂN"; collegial bodies only."""


#: The mark each authority prints before the head's title; the head signs with none.
AUTHORITY_MARKS: dict[SignatureAuthority, str] = {
    SignatureAuthority.HEAD: "",
    SignatureAuthority.DEPUTY: "KT. ",
    SignatureAuthority.ACTING: "Q. ",
    SignatureAuthority.BY_ORDER: "TL. ",
    SignatureAuthority.BY_AUTHORISATION: "TUQ. ",
    SignatureAuthority.ON_BEHALF: "TM. ",
}


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Signing:
    """Where and when an agreement was signed.

    Args:
        on: The signing date.
        place: The place, as in the date line ("Hà Nội").
        host: Code of the unit that hosted the signing, if known.
    """

    on: dt.date
    place: str = attrs.field(converter=nfc, validator=non_blank)
    host: str | None = None


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Signatory:
    """One signature under an agreement, with the authority it is given on.

    A department works under one head: its Giám đốc signs directly (``authority``
    head, the default), or a deputy signs "KT. GIÁM ĐỐC" over "PHÓ GIÁM ĐỐC", an acting
    head "Q. GIÁM ĐỐC", or someone by order or authorisation ("TL.", "TUQ."). "TM." is
    for collegial bodies only (checked against the unit by :class:`AgreementDocument`).

    Args:
        unit: Code of the member unit signing.
        person: The signer's name; personal data, absent when the source does not give it.
        title: The signer's own title ("Phó Giám đốc"), if known; for the head, the
            head's title, which otherwise comes from the unit (:attr:`Unit.signing_title`).
        authority: On what authority the signer signs.
    """

    unit: str = attrs.field(validator=code_validator)
    person: str | None = personal_field(default=None, converter=nfc_or_none)
    title: str | None = attrs.field(default=None, converter=nfc_or_none)
    authority: SignatureAuthority = SignatureAuthority.HEAD


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Agreement:
    """An emulation agreement (giao ước thi đua) signed by the members of a group.

    Args:
        code: Stable identifier.
        group: Code of the emulation group whose members sign.
        period: The period it covers; a multi-year agreement is scored year by year.
        title: Its title in Vietnamese.
        signing: Date, place and host of the signing; ``None`` while a draft.
        signatories: One per member unit, unless ``several_signatories_per_unit``.
        commitments: The pledges, with unique codes.
        goals: Goals of the group as a whole.
        history: The lifecycle so far, oldest first; empty means a draft.
        several_signatories_per_unit: Whether a unit may sign more than once.
        source: Where the facts come from.
        copies: How many originals were made, for the closing clause ("lập thành 05
            bản"); ``None`` for one per signing unit.
        recipients: The lines of "Nơi nhận"; empty for the default (the signing units,
            the body that organised the group, the archive).
        illustrative: Whether the agreement is made up for illustration; its papers are
            then marked "MINH HỌA".
    """

    code: str = attrs.field(validator=code_validator)
    group: str = attrs.field(validator=code_validator)
    period: Period
    title: str = attrs.field(converter=nfc, validator=non_blank)
    signing: Signing | None = None
    signatories: tuple[Signatory, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    goals: tuple[str, ...] = attrs.field(default=(), converter=nfc_tuple)
    history: tuple[StatusChange, ...] = ()
    several_signatories_per_unit: bool = False
    source: str | None = attrs.field(default=None, converter=nfc_or_none)
    copies: int | None = None
    recipients: tuple[str, ...] = attrs.field(default=(), converter=nfc_tuple)
    illustrative: bool = False

    def __attrs_post_init__(self) -> None:
        unique_codes(self.commitments, "commitments")
        if self.copies is not None and self.copies < 1:
            msg = f"an agreement is made in at least one copy, not {self.copies}"
            raise InvalidModelError(msg, path="copies", code="bad-copies")
        codes = {commitment.code: commitment for commitment in self.commitments}
        for index, commitment in enumerate(self.commitments):
            parent = commitment.part_of
            if parent is not None and (parent not in codes or codes[parent].part_of is not None):
                msg = f"commitment {parent!r} is not a top-level commitment of this agreement"
                path = f"commitments[{index}].part_of"
                raise InvalidModelError(msg, path=path, code="unknown-commitment")
        for index, commitment in enumerate(self.commitments):
            target = commitment.target
            if target and target.deadline and not self.period.contains(target.deadline):
                msg = f"deadline {target.deadline.isoformat()} is outside the period {self.period}"
                path = f"commitments[{index}].target.deadline"
                raise InvalidModelError(msg, path=path, code="outside-period")
        for index, goal in enumerate(self.goals):
            if not goal:
                raise InvalidModelError("must not be empty", path=f"goals[{index}]", code="empty")
        if not self.several_signatories_per_unit:
            unique_codes(self.signatories, "signatories", "unit", "duplicate-signatory")
        self._check_history()

    def _check_history(self) -> None:
        previous = AgreementStatus.DRAFT
        previous_date: dt.date | None = None
        for index, change in enumerate(self.history):
            if change.status not in TRANSITIONS[previous]:
                msg = f"cannot go from {previous.value!r} to {change.status.value!r}"
                raise LifecycleError(msg, path=f"history[{index}].status", code="bad-transition")
            if previous_date and change.on < previous_date:
                msg = f"{change.on.isoformat()} is before the previous change"
                raise LifecycleError(msg, path=f"history[{index}].on", code="out-of-order")
            if change.status is AgreementStatus.SIGNED:
                if self.signing is None:
                    msg = "a signed agreement needs its signing (date and place)"
                    raise LifecycleError(msg, path="signing", code="signing-required")
                if change.on < self.signing.on:
                    msg = f"signed status on {change.on.isoformat()} precedes the signing date"
                    raise LifecycleError(msg, path=f"history[{index}].on", code="out-of-order")
            previous, previous_date = change.status, change.on

    @property
    def status(self) -> AgreementStatus:
        """The current status: the last change, or draft."""
        return self.history[-1].status if self.history else AgreementStatus.DRAFT

    def transition(
        self, status: AgreementStatus, on: dt.date, reason: str | None = None
    ) -> Agreement:
        """Return this agreement moved to *status* on *on*.

        Raises:
            LifecycleError: the lifecycle does not allow the change, or a reason is missing.
        """
        change = StatusChange(status=status, on=on, reason=reason)
        return attrs.evolve(self, history=(*self.history, change))


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class CooperationMemo:
    """A cooperation memo (biên bản hợp tác) between two members; it carries no score.

    Args:
        code: Stable identifier.
        agreement: Code of the agreement it was signed alongside.
        parties: Codes of the two member units.
        purpose: What the cooperation is for, as written.
        signed_on: The date it was signed, if known.
    """

    code: str = attrs.field(validator=code_validator)
    agreement: str = attrs.field(validator=code_validator)
    parties: tuple[str, ...] = attrs.field()
    purpose: str = attrs.field(converter=nfc, validator=non_blank)
    signed_on: dt.date | None = None

    @parties.validator
    def _two_parties(self, _: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]) -> None:
        if len(value) != 2 or value[0] == value[1]:  # noqa: PLR2004
            msg = "a cooperation memo has exactly two distinct parties"
            raise InvalidModelError(msg, path="parties", code="two-parties")


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class AgreementDocument:
    """The ``agreement`` document: the organisation, its agreements and memos.

    References are checked: each agreement's group exists; each signatory's unit is a
    member of that group on the signing date; each memo names a known agreement and two
    of its group's members.

    A signed document records its digests in ``seal`` (:func:`thidua.with_seal`), so
    ``thidua verify`` can tell which section changed since; an amended document records
    the digest of the document it amends in ``amends``.

    Args:
        organisation: Units, groups and memberships the agreements refer to.
        agreements: The agreements, with unique codes.
        memos: Cooperation memos signed alongside them.
        amends: Digest (``"sha256:..."``) of the agreement document this one amends.
        seal: The document's own digests, recorded when it was signed.
    """

    organisation: Organisation
    agreements: tuple[Agreement, ...] = ()
    memos: tuple[CooperationMemo, ...] = ()
    amends: str | None = digest_reference_field("agreement", default=None)
    seal: Seal | None = seal_field()

    def __attrs_post_init__(self) -> None:
        unique_codes(self.agreements, "agreements")
        unique_codes(self.memos, "memos")
        org = self.organisation
        groups = {group.code for group in org.groups}
        units = {unit.code for unit in org.units}
        by_code = {agreement.code: agreement for agreement in self.agreements}
        for index, agreement in enumerate(self.agreements):
            here = f"agreements[{index}]"
            if agreement.group not in groups:
                msg = f"unknown group {agreement.group!r}"
                raise InvalidModelError(msg, path=f"{here}.group", code="unknown-group")
            signing = agreement.signing
            if signing and signing.host is not None and signing.host not in units:
                msg = f"unknown unit {signing.host!r}"
                raise InvalidModelError(msg, path=f"{here}.signing.host", code="unknown-unit")
            for position, signatory in enumerate(agreement.signatories):
                path = f"{here}.signatories[{position}].unit"
                if signatory.unit not in units:
                    msg = f"unknown unit {signatory.unit!r}"
                    raise InvalidModelError(msg, path=path, code="unknown-unit")
                if (
                    signatory.authority is SignatureAuthority.ON_BEHALF
                    and not org.unit(signatory.unit).collegial
                ):
                    msg = (
                        f"{signatory.unit!r} works under one head, not as a collegial body:"
                        " its head signs directly, or KT., Q., TL. or TUQ.; TM. is for"
                        " collegial bodies"
                    )
                    raise InvalidModelError(
                        msg,
                        path=f"{here}.signatories[{position}].authority",
                        code="not-collegial",
                    )
                if signing and not org.is_member(signatory.unit, agreement.group, signing.on):
                    msg = (
                        f"{signatory.unit!r} is not a member of {agreement.group!r}"
                        f" on the signing date {signing.on.isoformat()}"
                    )
                    raise InvalidModelError(msg, path=path, code="not-a-member")
        for index, memo in enumerate(self.memos):
            here = f"memos[{index}]"
            if memo.agreement not in by_code:
                msg = f"unknown agreement {memo.agreement!r}"
                raise InvalidModelError(msg, path=f"{here}.agreement", code="unknown-agreement")
            agreement = by_code[memo.agreement]
            on = memo.signed_on or (agreement.signing.on if agreement.signing else None)
            for position, party in enumerate(memo.parties):
                path = f"{here}.parties[{position}]"
                if party not in units:
                    raise InvalidModelError(
                        f"unknown unit {party!r}", path=path, code="unknown-unit"
                    )
                if on and not org.is_member(party, agreement.group, on):
                    msg = f"{party!r} is not a member of {agreement.group!r} on {on.isoformat()}"
                    raise InvalidModelError(msg, path=path, code="not-a-member")

    def agreement(self, code: str) -> Agreement:
        """Return the agreement with *code*.

        Raises:
            KeyError: no agreement has that code.
        """
        for agreement in self.agreements:
            if agreement.code == code:
                return agreement
        msg = f"no agreement with code {code!r}"
        raise KeyError(msg)
