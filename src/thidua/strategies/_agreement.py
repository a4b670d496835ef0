"""Strategies for agreements, commitments, signatories and agreement documents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Final

from hypothesis import strategies as st

from thidua._agreement import (
    TRANSITIONS,
    Agreement,
    AgreementDocument,
    AgreementStatus,
    Commitment,
    CooperationMemo,
    Signatory,
    SignatureAuthority,
    Signing,
    StatusChange,
    Target,
)
from thidua._base.dates import Period, PeriodKind
from thidua._organisation import (
    EmulationGroup,
    GroupKind,
    Membership,
    Organisation,
    Unit,
    UnitKind,
)
from thidua.strategies._dates import legal_references, periods
from thidua.strategies._text import codes, vietnamese_names

__all__ = ["agreement_documents", "agreements", "commitments", "signatories", "targets"]

_DECIMALS = st.decimals(
    min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False
)


def targets(*, within: Period | None = None) -> st.SearchStrategy[Target]:
    """Valid targets; with *within*, deadlines fall inside that period."""
    deadline: st.SearchStrategy[dt.date | None] = st.none()
    if within is not None:
        deadline = st.none() | st.dates(within.start, within.end)
    return st.builds(
        Target,
        indicator=vietnamese_names(),
        value=_DECIMALS,
        unit_of_measure=st.sampled_from(["%", "hồ sơ", "điểm", "đơn vị"]),
        deadline=deadline,
    )


def _commitment(within: Period | None) -> st.SearchStrategy[Commitment]:
    return st.builds(
        Commitment,
        code=codes(prefix="C"),
        area=vietnamese_names(max_words=3),
        text=vietnamese_names(min_words=3, max_words=12),
        target=st.none() | targets(within=within),
        references=st.lists(legal_references(), max_size=2).map(tuple),
    )


def commitments(*, within: Period | None = None) -> st.SearchStrategy[Commitment]:
    """Valid commitments; with *within*, target deadlines fall inside that period."""
    return _commitment(within)


def signatories(*, units: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Signatory]:
    """Signatories of the given unit codes (any codes by default), names often absent.

    The authority is any but "TM." (the generated units are not collegial bodies).
    """
    return st.builds(
        Signatory,
        unit=units if units is not None else codes(),
        person=st.none() | vietnamese_names(min_words=2, max_words=4),
        title=st.none() | st.sampled_from(["Giám đốc", "Phó Giám đốc"]),
        authority=st.sampled_from(
            [a for a in SignatureAuthority if a is not SignatureAuthority.ON_BEHALF]
        ),
    )


@st.composite
def _history(draw: st.DrawFn, signed_on: dt.date | None) -> tuple[StatusChange, ...]:
    """A lifecycle that follows the allowed transitions, dates never going back."""
    if signed_on is None:
        return ()
    changes = [StatusChange(status=AgreementStatus.SIGNED, on=signed_on)]
    on = signed_on
    for _ in range(draw(st.integers(0, 3))):
        allowed = sorted(TRANSITIONS[changes[-1].status])
        if not allowed:
            break
        status = draw(st.sampled_from(allowed))
        on += dt.timedelta(days=draw(st.integers(0, 200)))
        reason = draw(vietnamese_names()) if status is AgreementStatus.CLOSED else None
        changes.append(StatusChange(status=status, on=on, reason=reason))
    return tuple(changes)


@st.composite
def _agreement(draw: st.DrawFn, group: str, members: tuple[str, ...], since: dt.date) -> Agreement:
    period = draw(periods(kinds=(PeriodKind.CALENDAR_YEAR, PeriodKind.MULTI_YEAR)))
    signed = since <= period.end and draw(st.booleans())
    signing = None
    if signed:
        on = draw(st.dates(max(since, period.start - dt.timedelta(days=90)), period.end))
        host = draw(st.none() | st.sampled_from(members))
        signing = Signing(on=on, place=draw(vietnamese_names(max_words=2)), host=host)
    signers = draw(st.lists(st.sampled_from(members), unique=True, max_size=len(members)))
    items = draw(st.lists(_commitment(period), max_size=5, unique_by=lambda c: c.code))
    return Agreement(
        code=draw(codes(prefix="GU")),
        group=group,
        period=period,
        title=draw(vietnamese_names(min_words=3)),
        signing=signing,
        signatories=tuple(draw(signatories(units=st.just(code))) for code in signers),
        commitments=tuple(items),
        goals=tuple(draw(st.lists(vietnamese_names(min_words=3), max_size=2))),
        history=draw(_history(signing.on if signing else None)),
        source=draw(st.none() | vietnamese_names()),
    )


def agreements() -> st.SearchStrategy[Agreement]:
    """Valid agreements on their own (their group and units are codes only)."""
    members = st.lists(codes(), min_size=2, max_size=6, unique=True).map(tuple)
    return members.flatmap(lambda m: _agreement("CUM-1", m, dt.date(1980, 1, 1)))


@st.composite
def _document(draw: st.DrawFn) -> AgreementDocument:
    names = draw(st.lists(codes(), min_size=2, max_size=6, unique=True))
    units = tuple(
        Unit(code=code, name=draw(vietnamese_names()), kind=UnitKind.DEPARTMENT) for code in names
    )
    since = draw(st.dates(dt.date(1990, 1, 1), dt.date(2030, 1, 1)))
    group = EmulationGroup(code="CUM-1", name="Cụm thi đua số 1", kind=GroupKind.CLUSTER)
    memberships = tuple(Membership(unit=code, group=group.code, valid_from=since) for code in names)
    organisation = Organisation(units=units, groups=(group,), memberships=memberships)
    agreement = draw(_agreement(group.code, tuple(names), since))
    memos: tuple[CooperationMemo, ...] = ()
    if agreement.signing and draw(st.booleans()):
        parties = tuple(draw(st.lists(st.sampled_from(names), min_size=2, max_size=2, unique=True)))
        memo = CooperationMemo(
            code="BBHT-1",
            agreement=agreement.code,
            parties=parties,
            purpose=draw(vietnamese_names(min_words=3)),
            signed_on=agreement.signing.on,
        )
        memos = (memo,)
    return AgreementDocument(organisation=organisation, agreements=(agreement,), memos=memos)


def agreement_documents() -> st.SearchStrategy[AgreementDocument]:
    """Valid agreement documents: a cluster, its members, one agreement, maybe a memo."""
    return _document()


def _signings() -> st.SearchStrategy[Signing]:
    return st.builds(
        Signing, on=st.dates(), place=vietnamese_names(max_words=2), host=st.none() | codes()
    )


def _status_changes() -> st.SearchStrategy[StatusChange]:
    def change(status: AgreementStatus, on: dt.date, reason: str) -> StatusChange:
        closing = status is AgreementStatus.CLOSED
        return StatusChange(status=status, on=on, reason=reason if closing else None)

    return st.builds(change, st.sampled_from(AgreementStatus), st.dates(), vietnamese_names())


def _memos() -> st.SearchStrategy[CooperationMemo]:
    return st.builds(
        CooperationMemo,
        code=codes(prefix="BBHT"),
        agreement=codes(prefix="GU"),
        parties=st.lists(codes(), min_size=2, max_size=2, unique=True).map(tuple),
        purpose=vietnamese_names(min_words=3),
        signed_on=st.none() | st.dates(),
    )


REGISTRATIONS: Final[list[tuple[type, Callable[[], st.SearchStrategy[Any]]]]] = [
    (Signing, _signings),
    (StatusChange, _status_changes),
    (CooperationMemo, _memos),
    (Target, targets),
    (Commitment, commitments),
    (Signatory, signatories),
    (Agreement, agreements),
    (AgreementDocument, agreement_documents),
]
