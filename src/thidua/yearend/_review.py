"""The year-end review document (kind ``"review"``) and the review it runs.

A review file holds the ranking that came out of scoring, the meeting, the secret
ballot, the group's rules and the units' facts. :func:`run_review` checks the
quorum, counts the ballot, acclaims the leading units, checks each proposed
award's eligibility with reasons and proposes the nominations.
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from thidua._base.text import nfc, nfc_or_none
from thidua._base.validation import (
    code_tuple,
    code_validator,
    non_blank,
    typed_fields,
    unique_codes,
)
from thidua.errors import InvalidModelError
from thidua.scoring import Bar, YearResults
from thidua.yearend._ballot import (
    AcclaimRule,
    Acclamation,
    BallotBox,
    Meeting,
    QuorumRule,
    RankedUnit,
    Tally,
    Vote,
    acclaim,
    check_ranking,
    tally,
)
from thidua.yearend._conditions import UnitYear
from thidua.yearend._nomination import Nomination, attach_to_successor, check_nominations
from thidua.yearend._presets import preset, preset_codes
from thidua.yearend._rules import (
    Eligibility,
    Framework,
    RegimeChoice,
    check_eligibility,
    choose_regime,
)
from thidua.yearend._succession import RecordTransfer, Succession

__all__ = [
    "Proposal",
    "ProposalOutcome",
    "ProposalRoute",
    "ProposalScope",
    "ReviewDocument",
    "ReviewReport",
    "ranking_of",
    "run_review",
]


class ProposalScope(enum.StrEnum):
    """Which units a proposal considers."""

    ACCLAIMED = "acclaimed"
    """Only the acclaimed leading units, in acclaim order (flags)."""
    RANKED = "ranked"
    """Every ranked unit, in rank order (TTLĐXS, TTLĐTT, ...)."""


class ProposalRoute(enum.StrEnum):
    """Who proposes an award, and so whether it goes on the group's papers."""

    GROUP = "group"
    """The cluster or block proposes it, addressed to the award's authority (a ministry's
    flag, the Minister's Bằng khen, for a cluster the ministry runs)."""
    OWN_CHAIN = "own-chain"
    """Each unit's own chain decides it on the unit's own dossier (a provincial
    department's TTLĐXS and TTLĐTT go through its province): left out of the group's
    papers."""
    ONWARD = "onward"
    """The authority proposes it onward from the group's result (the Government flag,
    chosen by the ministry or province among the group leaders): left out of the group's
    papers."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Proposal:
    """An award the group considers proposing.

    Proposals are checked in order. An award found eligible counts as held for the
    later proposals of the same year (so a ministry flag that needs TTLĐXS sees it).
    Proposals sharing an ``achievement`` compete: one achievement gets one award, the
    first eligible one.

    Args:
        award: Code of the award.
        scope: Which units it considers.
        achievement: Code of the achievement it rewards.
        route: Who proposes it; ``None`` derives it from the catalogue: an award with an
            issuer is the group's, addressed to the issuer; one without is decided in each
            unit's own chain.
        authority: Who the proposal is addressed to (or, off the group's route, who
            decides it); ``None`` takes the award's issuer.
    """

    award: str = attrs.field(validator=code_validator)
    scope: ProposalScope = attrs.field(validator=attrs.validators.instance_of(ProposalScope))
    achievement: str = attrs.field(validator=code_validator)
    route: ProposalRoute | None = attrs.field(default=None)
    authority: str | None = attrs.field(default=None, converter=nfc_or_none)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class ProposalOutcome:
    """What became of one proposal: who proposes it, to whom, and for whom.

    The review's papers (minutes, letter) carry the outcomes whose route is
    :attr:`ProposalRoute.GROUP`, addressed to :attr:`authority`; the others are left
    out, with :attr:`reason`.

    Args:
        award: Code of the award.
        name: The award's name (NFC).
        route: Who proposes it.
        authority: Who it is addressed to, or who decides it; ``None`` when unknown.
        units: Units the group proposes it for, in order (empty off the group's route).
        eligible: Units found eligible, in order (also off the group's route, for
            information).
        reason: Why it is left out of the group's papers; ``None`` on the group's route.
    """

    award: str = attrs.field(validator=code_validator)
    name: str = attrs.field(converter=nfc, validator=non_blank)
    route: ProposalRoute = attrs.field(validator=attrs.validators.instance_of(ProposalRoute))
    authority: str | None = attrs.field(converter=nfc_or_none)
    units: tuple[str, ...] = attrs.field(validator=code_tuple)
    eligible: tuple[str, ...] = attrs.field(validator=code_tuple)
    reason: str | None = attrs.field(default=None, converter=nfc_or_none)

    @property
    def left_out(self) -> bool:
        """Whether the group's papers leave it out."""
        return self.route is not ProposalRoute.GROUP


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class ReviewDocument:
    """A year-end review file (document kind ``"review"``).

    Args:
        title: Title of the review (NFC).
        illustrative: ``True`` when some of the data is made up to illustrate.
        note: What is real and what is illustrative.
        group: Code of the cluster or block.
        year: The achievement year.
        period_start: First day of the achievement period.
        period_end: Last day of the achievement period.
        ranking: The ranking from scoring, best first.
        meeting: The review meeting.
        quorum: The quorum rule.
        vote: The secret-ballot question, if a ballot was held.
        ballots: The ballot box, with the vote.
        acclaim: The group's acclaim rule.
        framework: Code of the framework: a preset or one of ``frameworks``.
        frameworks: Frameworks of the user's own.
        regime: The regime to apply; ``None`` for the default of :func:`choose_regime`.
        facts: The units' years.
        proposals: The awards to consider, in order.
        successions: Reorganisations known (merges, splits, dissolutions).
        record_transfer: The declared record rule; required with successions.
    """

    title: str = attrs.field(converter=nfc, validator=non_blank)
    illustrative: bool = attrs.field()
    note: str = attrs.field(default="", converter=nfc)
    group: str = attrs.field(validator=code_validator)
    year: int = attrs.field()
    period_start: dt.date = attrs.field()
    period_end: dt.date = attrs.field()
    ranking: tuple[RankedUnit, ...] = attrs.field()
    meeting: Meeting = attrs.field()
    quorum: QuorumRule = attrs.field()
    vote: Vote | None = attrs.field(default=None)
    ballots: BallotBox | None = attrs.field(default=None)
    acclaim: AcclaimRule = attrs.field()
    framework: str = attrs.field(validator=code_validator)
    frameworks: tuple[Framework, ...] = attrs.field(default=())
    regime: str | None = attrs.field(default=None)
    facts: tuple[UnitYear, ...] = attrs.field(default=())
    proposals: tuple[Proposal, ...] = attrs.field(default=())
    successions: tuple[Succession, ...] = attrs.field(default=())
    record_transfer: RecordTransfer | None = attrs.field(default=None)

    def __attrs_post_init__(self) -> None:
        if self.period_end < self.period_start:
            msg = "the period ends before it starts"
            raise InvalidModelError(msg, path="period_end", code="invalid-period")
        if self.meeting.group != self.group:
            msg = f"the meeting is of group {self.meeting.group!r}, not {self.group!r}"
            raise InvalidModelError(msg, path="meeting.group", code="group-mismatch")
        check_ranking(self.ranking)
        if (self.vote is None) != (self.ballots is None):
            msg = "a vote and its ballots come together"
            raise InvalidModelError(msg, path="ballots", code="vote-without-ballots")
        if self.vote is not None:
            members = set(self.meeting.members)
            for index, candidate in enumerate(self.vote.candidates):
                if candidate not in members:
                    msg = f"candidate {candidate!r} is not a member of {self.group!r}"
                    raise InvalidModelError(
                        msg, path=f"vote.candidates[{index}]", code="not-a-member"
                    )
        if self.acclaim.requires_ballot and self.vote is None:
            msg = "the acclaim rule needs a secret ballot"
            raise InvalidModelError(msg, path="vote", code="needs-ballot")
        unique_codes(self.frameworks, "frameworks")
        for index, own in enumerate(self.frameworks):
            if own.code in preset_codes():
                msg = f"{own.code!r} is the code of a shipped preset; choose another"
                raise InvalidModelError(
                    msg, path=f"frameworks[{index}].code", code="duplicate-code"
                )
        framework = self.resolve_framework()
        if self.regime is not None:
            try:
                framework.regime(self.regime)
            except InvalidModelError as exc:
                raise InvalidModelError(
                    exc.message, path="regime", code=exc.code, details=exc.details
                ) from None
        unique_codes(self.facts, "facts", "unit")
        for index, facts in enumerate(self.facts):
            if facts.year != self.year:
                msg = f"facts of year {facts.year} in a review of {self.year}"
                raise InvalidModelError(msg, path=f"facts[{index}].year", code="year-mismatch")
        for index, proposal in enumerate(self.proposals):
            try:
                issuer = framework.award(proposal.award).issuer
            except InvalidModelError as exc:
                raise InvalidModelError(
                    exc.message,
                    path=f"proposals[{index}].award",
                    code=exc.code,
                    details=exc.details,
                ) from None
            if proposal.route is ProposalRoute.GROUP and not (proposal.authority or issuer):
                msg = f"say whom the group proposes {proposal.award!r} to (authority)"
                raise InvalidModelError(
                    msg, path=f"proposals[{index}].authority", code="missing-authority"
                )
        if self.successions and self.record_transfer is None:
            msg = "with successions, declare the record rule (record_transfer)"
            raise InvalidModelError(msg, path="record_transfer", code="missing-rule")

    def resolve_framework(self) -> Framework:
        """The framework named by :attr:`framework`.

        Raises:
            InvalidModelError: no preset or own framework has that code (``unknown-framework``).
        """
        for own in self.frameworks:
            if own.code == self.framework:
                return own
        if self.framework in preset_codes():
            return preset(self.framework)
        known = ", ".join((*preset_codes(), *(f.code for f in self.frameworks)))
        msg = f"unknown framework {self.framework!r}; known: {known}"
        raise InvalidModelError(msg, path="framework", code="unknown-framework")


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class ReviewReport:
    """What a review found: every step, with reasons.

    Args:
        title: The review's title.
        illustrative: Whether the data is partly illustrative.
        note: The review file's note.
        group: Code of the group.
        year: The achievement year.
        framework: Code of the framework applied.
        regime: Which regime applied, and why.
        quorum: The quorum check, in words.
        ranking: The ranking used.
        tally: The ballot count, if a ballot was held.
        acclamation: The acclaimed units.
        eligibility: Each award considered for each unit, with reasons.
        nominations: The proposed nominations (the group's route only).
        notes: Everything else worth knowing (skipped units, quotas, successors).
        proposals: Each proposal's route, authority, units and reason, in order.
    """

    title: str = attrs.field(converter=nfc)
    illustrative: bool = attrs.field()
    note: str = attrs.field(converter=nfc)
    group: str = attrs.field(validator=code_validator)
    year: int = attrs.field()
    framework: str = attrs.field(validator=code_validator)
    regime: RegimeChoice = attrs.field()
    quorum: str = attrs.field(converter=nfc)
    ranking: tuple[RankedUnit, ...] = attrs.field()
    tally: Tally | None = attrs.field()
    acclamation: Acclamation = attrs.field()
    eligibility: tuple[Eligibility, ...] = attrs.field()
    nominations: tuple[Nomination, ...] = attrs.field()
    notes: tuple[str, ...] = attrs.field()
    proposals: tuple[ProposalOutcome, ...] = attrs.field(default=())


def _nominate(
    document: ReviewDocument, proposal: Proposal, unit: str, led: str | None, basis: str
) -> tuple[Nomination | None, str]:
    """The nomination of *unit*, attached to whoever holds its record on the review date."""
    nomination = Nomination(
        code=f"{proposal.award}-{unit}-{document.year}",
        unit=unit,
        award=proposal.award,
        year=document.year,
        achievement=proposal.achievement,
        group_led=led,
        basis=basis,
    )
    if document.record_transfer is None:
        return nomination, ""
    moved, holder = attach_to_successor(
        nomination, document.successions, document.meeting.held_on, document.record_transfer
    )
    if moved is None:
        return None, f"{unit}: {proposal.award} not proposed: {'; '.join(holder.chain)}."
    if moved.unit != unit:
        return moved, f"{unit}: record passes to {moved.unit}: {'; '.join(holder.chain)}."
    return moved, ""


def _route(
    proposal: Proposal, issuer: str | None, name: str
) -> tuple[ProposalRoute, str | None, str | None]:
    """The route, the authority and, off the group's route, the reason of *proposal*."""
    authority = proposal.authority or issuer
    route = proposal.route
    if route is None:
        route = ProposalRoute.GROUP if authority else ProposalRoute.OWN_CHAIN
    if route is ProposalRoute.GROUP:
        return route, authority, None
    if route is ProposalRoute.OWN_CHAIN:
        reason = (
            f"{name} is decided in each unit's own chain, on its own dossier"
            + (f" ({authority})" if authority else "")
            + "; left out of the group's proposals."
        )
    else:
        reason = (
            f"{name} is proposed onward"
            + (f" by {authority}" if authority else "")
            + " from the group's result; left out of the group's proposals."
        )
    return route, authority, reason


def run_review(document: ReviewDocument) -> ReviewReport:  # noqa: PLR0915 - one pass, in order
    """Run the year end described by *document*.

    Raises:
        BallotError: the quorum is not met, or the box holds more ballots than voters.
        AwardError: an award has no rule under the regime applied (supply one).
    """
    framework = document.resolve_framework()
    meeting = document.meeting
    document.quorum.check(meeting)
    needed = document.quorum.required(len(meeting.members))
    quorum = (
        f"{len(meeting.present)} of {len(meeting.members)} members present; quorum"
        f" {document.quorum.share} of members ({needed}) met [{document.quorum.basis}]"
    )
    regime = choose_regime(
        framework, document.period_start, document.period_end, regime=document.regime
    )
    counted: Tally | None = None
    if document.vote is not None and document.ballots is not None:
        counted = tally(meeting, document.vote, document.ballots)
    acclamation = acclaim(document.ranking, document.acclaim, counted)
    leaders = acclamation.units()
    facts_by_unit = {f.unit: f for f in document.facts}
    # Awards each unit holds or is proposed for, as ordered sets: a unit is not proposed
    # twice for one award and year (which would give two nominations of one code).
    held: dict[str, dict[str, None]] = {
        f.unit: dict.fromkeys(f.awards_held) for f in document.facts
    }
    rewarded: dict[tuple[str, str], str] = {}
    eligibility: list[Eligibility] = []
    nominations: list[Nomination] = []
    notes: list[str] = []
    barred = {line.unit for line in document.ranking if Bar.TITLE in line.barred_from}
    outcomes: list[ProposalOutcome] = []
    for proposal in document.proposals:
        award = framework.award(proposal.award)
        route, authority, reason = _route(proposal, award.issuer, award.name)
        units = (
            leaders
            if proposal.scope is ProposalScope.ACCLAIMED
            else tuple(line.unit for line in document.ranking)
        )
        quota = framework.quota(proposal.award, document.year)
        proposed: list[str] = []
        found: list[str] = []
        for unit in units:
            if unit in barred:
                notes.append(
                    f"{unit}: barred from titles by a scoring knockout;"
                    f" {proposal.award} not proposed."
                )
                continue
            facts = facts_by_unit.get(unit)
            if facts is None:
                notes.append(f"{unit}: no facts given; {proposal.award} not checked.")
                continue
            if proposal.award in held[unit]:
                notes.append(
                    f"{unit}: already holds or is proposed for {proposal.award}"
                    f" {document.year}; not proposed again."
                )
                continue
            led = document.group if unit in leaders else None
            facts = attrs.evolve(facts, led_group=led, awards_held=tuple(held[unit]))
            answer = check_eligibility(
                framework, proposal.award, facts, regime=regime.regime, as_of=meeting.held_on
            )
            eligibility.append(answer)
            if not answer.eligible:
                continue
            found.append(unit)
            if route is not ProposalRoute.GROUP:
                continue
            held[unit][proposal.award] = None
            nomination, note = _nominate(document, proposal, unit, led, answer.basis)
            if note:
                notes.append(note)
            if nomination is None:
                continue
            key = (nomination.unit, proposal.achievement)
            if key in rewarded:
                notes.append(
                    f"{unit}: eligible for {proposal.award} but achievement"
                    f" {proposal.achievement!r} of {nomination.unit} is already proposed for"
                    f" {rewarded[key]} (one achievement, one award)."
                )
                continue
            if quota is not None and len(proposed) >= quota.max_per_group:
                notes.append(
                    f"{unit}: eligible for {proposal.award} but the group's quota of"
                    f" {quota.max_per_group} is used [{quota.basis}]."
                )
                continue
            rewarded[key] = proposal.award
            proposed.append(nomination.unit)
            nominations.append(nomination)
        if reason is not None:
            notes.append(f"{proposal.award}: {reason}")
        outcomes.append(
            ProposalOutcome(
                award=proposal.award,
                name=award.name,
                route=route,
                authority=authority,
                units=tuple(proposed),
                eligible=tuple(found),
                reason=reason,
            )
        )
    check_nominations(tuple(nominations), framework=framework)
    return ReviewReport(
        title=document.title,
        illustrative=document.illustrative,
        note=document.note,
        group=document.group,
        year=document.year,
        framework=framework.code,
        regime=regime,
        quorum=quorum,
        ranking=document.ranking,
        tally=counted,
        acclamation=acclamation,
        eligibility=tuple(eligibility),
        nominations=tuple(nominations),
        notes=tuple(notes),
        proposals=tuple(outcomes),
    )


def ranking_of(results: YearResults) -> tuple[RankedUnit, ...]:
    """Turn one year's scoring results into the ranking a review takes as input.

    >>> from thidua.examples import cluster1_scoring
    >>> from thidua.scoring import score_all
    >>> year_2020 = score_all(cluster1_scoring()).years[1]
    >>> [(line.unit, line.rank, line.tied) for line in ranking_of(year_2020)][:2]
    [('HN', 1, False), ('HCM', 2, False)]
    """
    return tuple(
        RankedUnit(
            unit=unit.unit,
            rank=unit.rank,
            tied=unit.tied,
            score=unit.total,
            barred_from=unit.barred_from,
        )
        for unit in results.units
    )
