"""Strategies for the year end: meetings, ballots, unit years, score sheets, nominations."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import attrs
from hypothesis import strategies as st

from thidua.strategies._text import codes, vietnamese_names
from thidua.yearend._ballot import (
    AcclaimOrder,
    AcclaimRule,
    Ballot,
    BallotBox,
    BallotTieBreak,
    ElectorateRule,
    Meeting,
    QuorumRule,
    RankedUnit,
    Threshold,
    ThresholdBase,
    Vote,
)
from thidua.yearend._conditions import DisciplineCount, DisciplineLevel, TaskRating, UnitYear
from thidua.yearend._nomination import Decision, Grant, Nomination
from thidua.yearend._presets import preset, preset_codes
from thidua.yearend._review import Proposal, ProposalRoute, ProposalScope, ReviewDocument
from thidua.yearend._succession import Succession, SuccessionKind
from thidua.yearend._workflow import SheetState, WorkflowSheet, allowed_moves

__all__ = [
    "ballot_boxes",
    "ballots",
    "decisions",
    "meetings",
    "nominations",
    "rankings",
    "review_documents",
    "successions",
    "unit_years",
    "votes",
    "workflow_sheets",
]

_UNIT_CODES = st.lists(codes(), min_size=2, max_size=8, unique=True).map(tuple)
_DATES = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2030, 12, 31))
_BASIS = vietnamese_names(min_words=2, max_words=6)


@st.composite
def meetings(draw: st.DrawFn, *, members: tuple[str, ...] | None = None) -> Meeting:
    """Valid meetings: a group's members, those present among them, a chair present."""
    units = members if members is not None else draw(_UNIT_CODES)
    present = draw(st.lists(st.sampled_from(units), min_size=1, unique=True).map(tuple))
    return Meeting(
        group=draw(codes(prefix="CUM-")),
        held_on=draw(_DATES),
        place=draw(vietnamese_names()),
        chair=draw(st.sampled_from(present)),
        members=units,
        present=present,
    )


def ballots(
    candidates: tuple[str, ...], *, max_choices: int | None = None
) -> st.SearchStrategy[Ballot]:
    """Ballots over *candidates*: marked, blank or spoiled (some mark too many on purpose)."""
    limit = len(candidates) if max_choices is None else max_choices
    marked = st.lists(st.sampled_from(candidates), max_size=limit, unique=True).map(
        lambda c: Ballot(choices=tuple(c))
    )
    return st.one_of(marked, st.just(Ballot()), st.just(Ballot(spoiled=True)))


@st.composite
def votes(draw: st.DrawFn, *, candidates: tuple[str, ...]) -> Vote:
    """Valid votes over *candidates*, with any declared threshold and electorate."""
    return Vote(
        candidates=candidates,
        max_choices=draw(st.integers(1, len(candidates))),
        threshold=Threshold(
            share=draw(st.fractions(min_value=Fraction(1, 10), max_value=1, max_denominator=10)),
            base=draw(st.sampled_from(ThresholdBase)),
            strict=draw(st.booleans()),
            basis=draw(_BASIS),
        ),
        electorate=ElectorateRule(
            ballots_per_delegation=draw(st.integers(1, 3)),
            candidates_vote=draw(st.booleans()),
            basis=draw(_BASIS),
        ),
    )


@st.composite
def ballot_boxes(draw: st.DrawFn, *, candidates: tuple[str, ...] | None = None) -> BallotBox:
    """Ballot boxes of up to 20 ballots over some candidates."""
    pool = candidates if candidates is not None else draw(_UNIT_CODES)
    return BallotBox(ballots=draw(st.lists(ballots(pool), max_size=20)))


@st.composite
def rankings(draw: st.DrawFn, *, units: tuple[str, ...] | None = None) -> tuple[RankedUnit, ...]:
    """Consistent rankings of *units* (ties share a rank, the next rank skips)."""
    pool = units if units is not None else draw(_UNIT_CODES)
    order = draw(st.permutations(pool))
    scores = sorted(
        draw(st.lists(st.integers(0, 5), min_size=len(order), max_size=len(order))), reverse=True
    )
    lines: list[RankedUnit] = []
    for index, unit in enumerate(order):
        rank = index + 1 if index == 0 or scores[index] != scores[index - 1] else lines[-1].rank
        tied = scores.count(scores[index]) > 1
        lines.append(RankedUnit(unit=unit, rank=rank, tied=tied, score=Decimal(scores[index])))
    return tuple(lines)


@st.composite
def unit_years(draw: st.DrawFn) -> UnitYear:
    """Consistent unit years: counts within staff, CSTĐCS among LĐTT."""
    staff = draw(st.integers(1, 60))
    advanced = draw(st.integers(0, staff))
    levels = draw(st.lists(st.sampled_from(DisciplineLevel), unique=True, max_size=2))
    disciplined = tuple(DisciplineCount(level=level, staff=1) for level in levels)
    return UnitYear(
        unit=draw(codes()),
        year=draw(st.integers(2015, 2030)),
        staff=staff,
        completed=draw(st.integers(0, staff)),
        advanced_workers=advanced,
        emulation_fighters=draw(st.integers(0, advanced)),
        disciplined=disciplined if len(disciplined) <= staff else (),
        task_rating=draw(st.none() | st.sampled_from(TaskRating)),
        statements=draw(
            st.lists(st.sampled_from(["solidarity", "regular-movement"]), unique=True).map(tuple)
        ),
        dissolved_on=draw(st.none() | _DATES),
    )


@st.composite
def workflow_sheets(draw: st.DrawFn) -> WorkflowSheet:
    """Score sheets with a random but valid history of moves and score changes."""
    sheet = WorkflowSheet(
        code=draw(codes(prefix="S-")),
        unit=draw(codes()),
        group=draw(codes(prefix="CUM-")),
        year=draw(st.integers(2015, 2030)),
    )
    moment = dt.datetime(2020, 1, 1, 8, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    for _ in range(draw(st.integers(0, 12))):
        # Events at one instant count as done together: a score set just before the sheet
        # becomes final at the same minute would be a change to a final sheet.
        moment += dt.timedelta(minutes=draw(st.integers(1, 600)))
        moves = allowed_moves(sheet.state)
        if sheet.state not in (SheetState.FINAL, SheetState.PUBLISHED) and draw(st.booleans()):
            item = draw(st.sampled_from(["A", "B", "C"]))
            value = Decimal(draw(st.integers(0, 1000))) / 10
            if sheet.score(item) != value:
                sheet = sheet.set_score(item, value, by="Tổ thẩm định", at=moment, reason="chấm")
        elif moves:
            to = draw(st.sampled_from(sorted(moves)))
            reason = "trả lại để bổ sung" if moves[to] else ""
            sheet = sheet.move(to, by="Trưởng cụm", at=moment, reason=reason)
    return sheet


@st.composite
def nominations(draw: st.DrawFn) -> Nomination:
    """Proposed nominations (no dossier)."""
    return Nomination(
        code=draw(codes(prefix="N-")),
        unit=draw(codes()),
        award=draw(st.sampled_from(["TTLDXS", "TTLDTT", "CTD-BTTTT"])),
        year=draw(st.integers(2015, 2030)),
        achievement=draw(codes(prefix="A-")),
        group_led=draw(st.none() | codes(prefix="CUM-")),
        basis=draw(_BASIS),
    )


@st.composite
def decisions(draw: st.DrawFn) -> Decision:
    """Decisions granting one to three distinct awards."""
    grants = draw(
        st.lists(
            st.builds(
                Grant,
                unit=codes(),
                award=st.sampled_from(["TTLDXS", "CTD-BTTTT"]),
                year=st.integers(2015, 2030),
            ),
            min_size=1,
            max_size=3,
            unique_by=lambda g: (g.unit, g.award, g.year),
        )
    )
    return Decision(
        issuer=draw(vietnamese_names()),
        number=draw(st.integers(1, 9999).map(lambda n: f"{n}/QĐ-BTTTT")),
        issued_on=draw(_DATES),
        grants=tuple(grants),
    )


@st.composite
def successions(draw: st.DrawFn) -> Succession:
    """Valid successions."""
    kind = draw(st.sampled_from(SuccessionKind))
    unit = draw(codes(prefix="U"))
    successor = None if kind is SuccessionKind.DISSOLVE else draw(codes(prefix="S"))
    return Succession(
        kind=kind, unit=unit, successor=successor, effective=draw(_DATES), basis=draw(_BASIS)
    )


@st.composite
def _proposals(draw: st.DrawFn, framework: str) -> tuple[Proposal, ...]:
    """Proposals of some of *framework*'s awards, routed by the catalogue or declared."""
    awards = preset(framework).awards
    chosen = draw(st.lists(st.sampled_from(awards), unique_by=lambda a: a.code, max_size=4))
    proposals = []
    for award in chosen:
        route = draw(st.none() | st.sampled_from(ProposalRoute))
        authority = draw(st.none() | _BASIS)
        if route is ProposalRoute.GROUP and not (authority or award.issuer):
            authority = draw(_BASIS)
        proposals.append(
            Proposal(
                award=award.code,
                scope=draw(st.sampled_from(ProposalScope)),
                achievement=draw(codes()),
                route=route,
                authority=authority,
            )
        )
    return tuple(proposals)


@st.composite
def review_documents(draw: st.DrawFn) -> ReviewDocument:
    """Valid year-end reviews of a shipped framework: meeting, ranking, ballot, facts, proposals."""
    members = draw(_UNIT_CODES)
    meeting = draw(meetings(members=members))
    year = draw(st.integers(2016, 2030))
    present = Fraction(len(meeting.present), len(members))
    quorum = QuorumRule(
        share=draw(st.fractions(min_value=Fraction(1, 10), max_value=present, max_denominator=10)),
        basis=draw(_BASIS),
    )
    vote = box = None
    if draw(st.booleans()):
        candidates = tuple(
            draw(st.lists(st.sampled_from(members), min_size=1, max_size=4, unique=True))
        )
        vote = draw(votes(candidates=candidates))
        box = draw(ballot_boxes(candidates=candidates))
    balloted = vote is not None and draw(st.booleans())
    acclaim = AcclaimRule(
        seats=draw(st.integers(1, len(members))),
        order=draw(st.sampled_from(AcclaimOrder) if balloted else st.just(AcclaimOrder.RANK)),
        requires_ballot=balloted,
        tie_break=draw(
            st.sampled_from(BallotTieBreak)
            if balloted
            else st.sampled_from([t for t in BallotTieBreak if t is not BallotTieBreak.VOTES])
        ),
        basis=draw(_BASIS),
    )
    facts = tuple(
        attrs.evolve(draw(unit_years()), unit=unit, year=year)
        for unit in draw(st.lists(st.sampled_from(members), unique=True))
    )
    framework = draw(st.sampled_from(preset_codes()))
    return ReviewDocument(
        title=draw(vietnamese_names(min_words=2)),
        illustrative=draw(st.booleans()),
        note=draw(st.just("") | _BASIS),
        group=meeting.group,
        year=year,
        period_start=dt.date(year, 1, 1),
        period_end=dt.date(year, 12, 31),
        ranking=draw(rankings(units=members)),
        meeting=meeting,
        quorum=quorum,
        vote=vote,
        ballots=box,
        acclaim=acclaim,
        framework=framework,
        facts=facts,
        proposals=draw(_proposals(framework)),
    )


REGISTRATIONS = [
    (Meeting, meetings),
    (ReviewDocument, review_documents),
    (BallotBox, ballot_boxes),
    (UnitYear, unit_years),
    (WorkflowSheet, workflow_sheets),
    (Nomination, nominations),
    (Decision, decisions),
    (Succession, successions),
    (
        QuorumRule,
        lambda: st.builds(
            QuorumRule,
            share=st.fractions(min_value=Fraction(1, 10), max_value=1, max_denominator=10),
            basis=_BASIS,
        ),
    ),
]
