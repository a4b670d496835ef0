"""Year-end meetings (bình xét), secret ballots (bỏ phiếu kín) and acclaim (suy tôn).

Sources (``docs/rules.md``, *Meetings and ballots*): the only sourced figure for a
cluster meeting is a quorum of 2/3 of members (Hà Nội, HD 01/HD-HĐTĐKT of 20/4/2021).
No source gives the vote threshold or a tie-break, so :class:`Threshold`, :class:`AcclaimRule`
and :class:`ElectorateRule` have no defaults: the group declares them.

Ballot privacy is by construction. A :class:`Ballot` holds choices only; a
:class:`BallotBox` keeps its ballots in a canonical order, so neither its value
nor its bytes depend on the order ballots were cast. Voter identities are taken
by :func:`cast_ballots` only to refuse a second ballot from one voter, and are
never stored, printed or put in an error message.
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from math import ceil
from typing import Any

import attrs
import cattrs

from thidua._base.text import nfc
from thidua._base.validation import (
    check_code,
    check_unique,
    code_tuple,
    code_validator,
    non_blank,
    non_negative,
    positive,
    typed_fields,
)
from thidua.errors import BallotError, InvalidModelError
from thidua.scoring import Bar

__all__ = [
    "AcclaimOrder",
    "AcclaimRule",
    "AcclaimedUnit",
    "Acclamation",
    "Attendance",
    "Ballot",
    "BallotBox",
    "BallotRecord",
    "BallotTieBreak",
    "CandidateResult",
    "Cast",
    "ElectorateRule",
    "Issued",
    "Meeting",
    "QuorumRule",
    "RankedUnit",
    "Tally",
    "Threshold",
    "ThresholdBase",
    "Vote",
    "acclaim",
    "cast_ballots",
    "check_ranking",
    "tally",
]


def _fraction_in_unit_interval(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Fraction) or not 0 < value <= 1:
        msg = f"must be a fraction above 0 and at most 1, got {value}"
        raise InvalidModelError(msg, path=attribute.name, code="invalid-share")


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class QuorumRule:
    """How many members must be present for a meeting to decide.

    Args:
        share: The share of the group's members that must be present, inclusive
            (``Fraction(2, 3)``: at least two thirds).
        basis: The rule's legal or internal source, as text.
    """

    share: Fraction = attrs.field(validator=_fraction_in_unit_interval)
    basis: str = attrs.field(converter=nfc, validator=non_blank)

    def required(self, members: int) -> int:
        """The fewest members present that meet the quorum, out of *members*."""
        return ceil(self.share * members)

    def check(self, meeting: Meeting) -> None:
        """Raise :class:`~thidua.errors.BallotError` (``quorum-not-met``) unless *meeting* decides.

        Args:
            meeting: The meeting to check.
        """
        members, present = len(meeting.members), len(meeting.present)
        needed = self.required(members)
        if present < needed:
            msg = (
                f"quorum not met: {present} of {members} members present, the rule asks"
                f" at least {self.share} of members ({needed}) [{self.basis}]"
            )
            raise BallotError(msg, path="present", code="quorum-not-met")


HANOI_QUORUM = QuorumRule(
    share=Fraction(2, 3),
    basis="HD 01/HD-HĐTĐKT ngày 20/4/2021 của Hội đồng Thi đua - Khen thưởng TP Hà Nội",
)
"""The sourced quorum of Hà Nội's clusters: at least 2/3 of members present."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Meeting:
    """A year-end meeting of a group (hội nghị bình xét).

    Who attended is recorded here, as member units; which ballot anybody cast is not.

    Args:
        group: Code of the cluster or block.
        held_on: Date of the meeting (often in the first quarter of the next year).
        place: Where it was held (NFC text).
        chair: Code of the unit that chaired it; it must be present.
        members: Codes of the group's members on the meeting's date.
        present: Codes of the members present; each one a member.
    """

    group: str = attrs.field(validator=code_validator)
    held_on: dt.date = attrs.field()
    place: str = attrs.field(converter=nfc, validator=non_blank)
    chair: str = attrs.field(validator=code_validator)
    members: tuple[str, ...] = attrs.field(validator=code_tuple)
    present: tuple[str, ...] = attrs.field(validator=code_tuple)

    def __attrs_post_init__(self) -> None:
        if not self.members:
            raise InvalidModelError("a group has members", path="members", code="empty")
        members = set(self.members)
        for index, unit in enumerate(self.present):
            if unit not in members:
                msg = f"{unit!r} is present but is not a member of {self.group!r}"
                raise InvalidModelError(msg, path=f"present[{index}]", code="not-a-member")
        if self.chair not in self.present:
            msg = f"the chair {self.chair!r} is not among the members present"
            raise InvalidModelError(msg, path="chair", code="chair-absent")


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class ElectorateRule:
    """Who receives a ballot: a rule about the electorate, since a secret ballot hides choices.

    Args:
        ballots_per_delegation: Ballots each present member's delegation receives.
        candidates_vote: Whether the delegation of a candidate receives ballots.
        basis: The rule's source, as text.
    """

    ballots_per_delegation: int = attrs.field(validator=positive)
    candidates_vote: bool = attrs.field()
    basis: str = attrs.field(converter=nfc, validator=non_blank)

    def entitled(self, meeting: Meeting, candidates: Iterable[str]) -> dict[str, int]:
        """Ballots each present delegation receives, by unit code (in the meeting's order)."""
        excluded = set() if self.candidates_vote else set(candidates)
        return {
            unit: self.ballots_per_delegation for unit in meeting.present if unit not in excluded
        }


class ThresholdBase(enum.StrEnum):
    """What a vote threshold is a share of."""

    MEMBERS = "members"
    """Every ballot the whole membership would hold (members x ballots per delegation)."""
    PRESENT = "present"
    """The ballots the voters present are entitled to."""
    CAST = "cast"
    """The ballots in the box, invalid ones included."""
    VALID = "valid"
    """The valid ballots (blank ballots are valid)."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Threshold:
    """The votes a candidate needs, declared by the group (no source gives one).

    Args:
        share: The share of the base.
        base: What the share is of.
        strict: ``True`` for "more than" (trên), ``False`` for "at least" (từ ... trở lên).
        basis: The rule's source, as text.
    """

    share: Fraction = attrs.field(validator=_fraction_in_unit_interval)
    base: ThresholdBase = attrs.field(validator=attrs.validators.instance_of(ThresholdBase))
    strict: bool = attrs.field()
    basis: str = attrs.field(converter=nfc, validator=non_blank)

    def passes(self, votes: int, base: int) -> bool:
        """Tell whether *votes* out of *base* meet the threshold."""
        if base == 0:
            return False
        ratio = Fraction(votes, base)
        return ratio > self.share if self.strict else ratio >= self.share

    def describe(self) -> str:
        """The threshold in words, such as ``"more than 1/2 of members"``."""
        words = "more than" if self.strict else "at least"
        return f"{words} {self.share} of {self.base.value}"


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Vote:
    """One secret-ballot question: whom the group acclaims.

    Args:
        candidates: Codes of the candidate units (on the ballot paper).
        max_choices: The most candidates one ballot may mark; more makes it invalid.
        threshold: The votes a candidate needs.
        electorate: Who receives ballots.
    """

    candidates: tuple[str, ...] = attrs.field(validator=code_tuple)
    max_choices: int = attrs.field(validator=positive)
    threshold: Threshold = attrs.field()
    electorate: ElectorateRule = attrs.field()

    def __attrs_post_init__(self) -> None:
        if not self.candidates:
            raise InvalidModelError("a vote needs candidates", path="candidates", code="empty")
        if self.max_choices > len(self.candidates):
            msg = f"max_choices {self.max_choices} exceeds the {len(self.candidates)} candidates"
            raise InvalidModelError(msg, path="max_choices", code="too-many-choices")


def _sorted_codes(value: Any) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, tuple | list):
        msg = f"expected a sequence of codes, got {type(value).__name__}"
        raise InvalidModelError(msg, code="wrong-type")
    for index, item in enumerate(value):
        check_code(item, f"[{index}]")
    check_unique(value, "")
    return tuple(sorted(value))


@attrs.frozen(kw_only=True, order=True, field_transformer=typed_fields)
class Ballot:
    """One ballot paper as found in the box: the candidates marked, nothing about the voter.

    Choices are kept sorted, so two ballots with the same marks are equal.

    Args:
        choices: Codes of the candidates the ballot marks; empty for a blank ballot.
        spoiled: ``True`` for a ballot the counters declared invalid (torn, signed,
            unreadable); a spoiled ballot records no choices.
    """

    spoiled: bool = attrs.field(default=False)
    choices: tuple[str, ...] = attrs.field(default=(), converter=_sorted_codes)

    def __attrs_post_init__(self) -> None:
        if self.spoiled and self.choices:
            msg = "a spoiled ballot records no choices"
            raise InvalidModelError(msg, path="choices", code="spoiled-with-choices")


def _canonical_ballots(value: Any) -> tuple[Ballot, ...]:
    if not isinstance(value, tuple | list):
        msg = f"expected a sequence of ballots, got {type(value).__name__}"
        raise InvalidModelError(msg, code="wrong-type")
    return tuple(sorted(value))


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class BallotBox:
    """The ballots of one vote in canonical order, so order of casting leaves no trace.

    Args:
        ballots: The ballots; stored sorted whatever order they are given in.
    """

    ballots: tuple[Ballot, ...] = attrs.field(converter=_canonical_ballots)

    def __len__(self) -> int:
        return len(self.ballots)


@attrs.frozen(kw_only=True, order=True, field_transformer=typed_fields)
class Issued:
    """Ballots one delegation received.

    Args:
        delegation: Code of the member unit.
        ballots: How many ballots it received.
    """

    delegation: str = attrs.field(validator=code_validator)
    ballots: int = attrs.field(validator=positive)


def _sorted_issued(value: Any) -> tuple[Issued, ...]:
    if not isinstance(value, tuple | list):
        msg = f"expected a sequence, got {type(value).__name__}"
        raise InvalidModelError(msg, code="wrong-type")
    return tuple(sorted(value))


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Attendance:
    """Ballots issued, counted by delegation: recorded apart from the box, naming no voter.

    Args:
        issued: Ballots per delegation, kept in order of unit code.
    """

    issued: tuple[Issued, ...] = attrs.field(converter=_sorted_issued)

    def __attrs_post_init__(self) -> None:
        check_unique((i.delegation for i in self.issued), "issued")

    def total(self) -> int:
        """Every ballot issued."""
        return sum(i.ballots for i in self.issued)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Cast:
    """One ballot cast at the meeting, as handed to :func:`cast_ballots`.

    Not a stored model: the voter's identity lives here only while the ballots are
    collected. It is left out of ``repr`` and never serialised.

    Args:
        voter: The voter's identity (any text; used only to refuse a second ballot).
        delegation: Code of the member unit whose ballot the voter received.
        ballot: The ballot put in the box.
    """

    voter: str = attrs.field(repr=False)
    delegation: str = attrs.field(validator=code_validator)
    ballot: Ballot = attrs.field()


def _refuse_cast(_: Cast) -> Any:
    msg = "a Cast holds a voter's identity and is never serialised; store the BallotRecord"
    raise TypeError(msg)


def configure(conv: cattrs.Converter) -> None:
    """Refuse to unstructure a :class:`Cast`, so a voter's identity cannot be written out."""
    conv.register_unstructure_hook(Cast, _refuse_cast)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class BallotRecord:
    """What collecting the ballots leaves: the attendance and the box, kept apart.

    Args:
        attendance: Ballots issued per delegation.
        box: The ballots, in canonical order.
    """

    attendance: Attendance = attrs.field()
    box: BallotBox = attrs.field()


def cast_ballots(meeting: Meeting, vote: Vote, casts: Iterable[Cast]) -> BallotRecord:
    """Collect the ballots of a vote, checking the electorate without keeping voter identities.

    Args:
        meeting: The meeting where the vote is held.
        vote: The question, with its electorate rule.
        casts: The ballots cast, each with the voter and the delegation.

    Returns:
        The attendance (ballots per delegation) and the box, with no voter in either.

    Raises:
        BallotError: a voter cast twice (``second-ballot``), a delegation is not entitled
            to ballots (``not-entitled``) or cast more than it received
            (``too-many-ballots``). Messages never name the voter.
    """
    entitled = vote.electorate.entitled(meeting, vote.candidates)
    voters: set[str] = set()
    issued: Counter[str] = Counter()
    ballots: list[Ballot] = []
    for index, cast in enumerate(casts):
        if cast.voter in voters:
            msg = f"ballot {index}: one voter cast a second ballot"
            raise BallotError(msg, path="casts", code="second-ballot")
        voters.add(cast.voter)
        if cast.delegation not in entitled:
            msg = f"ballot {index}: delegation {cast.delegation!r} receives no ballot in this vote"
            raise BallotError(msg, path="casts", code="not-entitled")
        issued[cast.delegation] += 1
        if issued[cast.delegation] > entitled[cast.delegation]:
            msg = (
                f"delegation {cast.delegation!r} cast more than the"
                f" {entitled[cast.delegation]} ballot(s) it received"
            )
            raise BallotError(msg, path="casts", code="too-many-ballots")
        ballots.append(cast.ballot)
    voters.clear()
    return BallotRecord(
        attendance=Attendance(
            issued=tuple(Issued(delegation=d, ballots=n) for d, n in issued.items())
        ),
        box=BallotBox(ballots=ballots),
    )


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class CandidateResult:
    """One candidate's votes in a tally.

    Args:
        candidate: Code of the candidate unit.
        votes: Valid ballots that marked it.
        passed: Whether the votes meet the threshold.
        tied: Whether another candidate has exactly the same votes
            (:meth:`Tally.tied_with` names them).
    """

    candidate: str = attrs.field(validator=code_validator)
    votes: int = attrs.field(validator=non_negative)
    passed: bool = attrs.field()
    tied: bool = attrs.field()


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Tally:
    """The count of one vote: every figure the minutes need.

    Args:
        voters_present: Ballots the voters present were entitled to.
        cast: Ballots in the box.
        valid: Valid ballots that mark at least one candidate.
        blank: Valid ballots that mark nobody.
        invalid: Spoiled ballots, and ballots marking a non-candidate or too many.
        threshold: The threshold, in words.
        base: The number the threshold is a share of.
        results: One line per candidate, most votes first, then by code; ties listed.
    """

    voters_present: int = attrs.field(validator=non_negative)
    cast: int = attrs.field(validator=non_negative)
    valid: int = attrs.field(validator=non_negative)
    blank: int = attrs.field(validator=non_negative)
    invalid: int = attrs.field(validator=non_negative)
    threshold: str = attrs.field(converter=nfc, validator=non_blank)
    base: int = attrs.field(validator=non_negative)
    results: tuple[CandidateResult, ...] = attrs.field()

    def __attrs_post_init__(self) -> None:
        if self.cast > self.voters_present:
            msg = f"{self.cast} ballots cast but only {self.voters_present} voters present"
            raise BallotError(msg, path="cast", code="too-many-ballots")
        if self.valid + self.blank + self.invalid != self.cast:
            msg = "valid, blank and invalid ballots do not add up to the ballots cast"
            raise InvalidModelError(msg, path="cast", code="inconsistent-count")
        check_unique((r.candidate for r in self.results), "results")

    def passed(self) -> tuple[str, ...]:
        """Candidates that met the threshold, most votes first."""
        return tuple(r.candidate for r in self.results if r.passed)

    def votes(self, candidate: str) -> int:
        """Votes of *candidate* (0 when it is not on the ballot)."""
        return next((r.votes for r in self.results if r.candidate == candidate), 0)

    def tied_with(self, candidate: str) -> tuple[str, ...]:
        """The other candidates with exactly the votes of *candidate*, in result order."""
        votes = self.votes(candidate)
        return tuple(
            r.candidate
            for r in self.results
            if r.tied and r.votes == votes and r.candidate != candidate
        )

    def ties(self) -> tuple[tuple[str, ...], ...]:
        """Groups of candidates with equal votes (each group sorted), in one pass."""
        groups: dict[int, list[str]] = {}
        for result in self.results:
            if result.tied:
                groups.setdefault(result.votes, []).append(result.candidate)
        return tuple(sorted(tuple(sorted(group)) for group in groups.values()))


def tally(meeting: Meeting, vote: Vote, box: BallotBox) -> Tally:
    """Count a ballot box against the vote's threshold.

    Args:
        meeting: The meeting (for members and who was present).
        vote: The question: candidates, maximum choices, threshold, electorate.
        box: The ballots.

    Raises:
        BallotError: more ballots than voters present (``too-many-ballots``).
    """
    voters_present = sum(vote.electorate.entitled(meeting, vote.candidates).values())
    if len(box) > voters_present:
        msg = f"{len(box)} ballots in the box but only {voters_present} voters present"
        raise BallotError(msg, path="ballots", code="too-many-ballots")
    candidates = set(vote.candidates)
    counts: Counter[str] = Counter()
    valid = blank = invalid = 0
    for ballot in box.ballots:
        marks = set(ballot.choices)
        if ballot.spoiled or not marks <= candidates or len(marks) > vote.max_choices:
            invalid += 1
        elif not marks:
            blank += 1
        else:
            valid += 1
            counts.update(marks)
    bases = {
        ThresholdBase.MEMBERS: len(meeting.members) * vote.electorate.ballots_per_delegation,
        ThresholdBase.PRESENT: voters_present,
        ThresholdBase.CAST: len(box),
        ThresholdBase.VALID: valid + blank,
    }
    base = bases[vote.threshold.base]
    order = sorted(vote.candidates, key=lambda c: (-counts[c], c))
    # One pass over runs of equal votes (order is sorted by votes): O(n log n) for the sort
    # and O(n) beyond it; a result says whether it is tied, and the tally names with whom.
    results: list[CandidateResult] = []
    for votes, run in itertools.groupby(order, key=counts.__getitem__):
        same = tuple(run)
        passed = vote.threshold.passes(votes, base)
        tied = len(same) > 1
        results += [
            CandidateResult(candidate=c, votes=votes, passed=passed, tied=tied) for c in same
        ]
    return Tally(
        voters_present=voters_present,
        cast=len(box),
        valid=valid,
        blank=blank,
        invalid=invalid,
        threshold=vote.threshold.describe(),
        base=base,
        results=tuple(results),
    )


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class RankedUnit:
    """One line of the scoring engine's ranking, taken as input.

    Args:
        unit: Code of the unit.
        rank: Its rank, 1 for the first; tied units share a rank.
        tied: Whether another unit shares the rank.
        score: Its total score, if known (a decimal).
        barred_from: What the scoring's knockouts bar it from (leading, titles).
    """

    unit: str = attrs.field(validator=code_validator)
    rank: int = attrs.field(validator=positive)
    tied: bool = attrs.field()
    score: Decimal | None = attrs.field(default=None)
    barred_from: tuple[Bar, ...] = attrs.field(default=())


def check_ranking(ranking: tuple[RankedUnit, ...], path: str = "ranking") -> None:
    """Check a ranking: distinct units, ranks in order with gaps after ties, ``tied`` consistent.

    Raises:
        InvalidModelError: naming the line at fault (``invalid-ranking``).
    """
    check_unique((line.unit for line in ranking), path)
    counts = Counter(line.rank for line in ranking)
    expected = 1
    for index, line in enumerate(ranking):
        if line.rank != expected and not (index and ranking[index - 1].rank == line.rank):
            msg = f"rank {line.rank} out of order: expected {expected}"
            raise InvalidModelError(msg, path=f"{path}[{index}].rank", code="invalid-ranking")
        if line.tied != (counts[line.rank] > 1):
            msg = f"tied is {line.tied} but {counts[line.rank]} unit(s) hold rank {line.rank}"
            raise InvalidModelError(msg, path=f"{path}[{index}].tied", code="invalid-ranking")
        expected = line.rank + counts[line.rank]


class AcclaimOrder(enum.StrEnum):
    """How acclaimed units are ordered."""

    RANK = "rank"
    """By the scoring rank, among candidates that passed the ballot (if any)."""
    VOTES = "votes"
    """By votes in the ballot, among candidates that passed."""


class BallotTieBreak(enum.StrEnum):
    """What settles a tie at the last seat; no source gives one, so it is declared."""

    NONE = "none"
    """Nothing: tied units at the last seat are reported as undecided."""
    RANK = "rank"
    """The better scoring rank."""
    VOTES = "votes"
    """More votes in the ballot."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class AcclaimRule:
    """The group's declared rule for acclaiming its leading units (suy tôn).

    Args:
        seats: How many leading units to acclaim.
        order: How they are ordered.
        requires_ballot: Whether a candidate must pass the secret ballot.
        tie_break: What settles a tie at the last seat.
        basis: The rule's source, as text.
    """

    seats: int = attrs.field(validator=positive)
    order: AcclaimOrder = attrs.field(validator=attrs.validators.instance_of(AcclaimOrder))
    requires_ballot: bool = attrs.field()
    tie_break: BallotTieBreak = attrs.field(validator=attrs.validators.instance_of(BallotTieBreak))
    basis: str = attrs.field(converter=nfc, validator=non_blank)

    def __attrs_post_init__(self) -> None:
        if self.order is AcclaimOrder.VOTES and not self.requires_ballot:
            msg = "ordering by votes needs a ballot"
            raise InvalidModelError(msg, path="requires_ballot", code="needs-ballot")
        if self.tie_break is BallotTieBreak.VOTES and not self.requires_ballot:
            msg = "breaking ties by votes needs a ballot"
            raise InvalidModelError(msg, path="tie_break", code="needs-ballot")


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class AcclaimedUnit:
    """One leading unit acclaimed by the group.

    Args:
        position: 1 for the first acclaimed unit.
        unit: Code of the unit.
        rank: Its scoring rank.
        votes: Its votes, or ``None`` when no ballot was held.
    """

    position: int = attrs.field(validator=positive)
    unit: str = attrs.field(validator=code_validator)
    rank: int = attrs.field(validator=positive)
    votes: int | None = attrs.field(default=None)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Acclamation:
    """The ordered leading units, and what could not be decided.

    Args:
        acclaimed: The acclaimed units, in order.
        undecided: Units tied for the last seat(s) that the rule did not separate.
        seats: The seats the rule asked for.
        explanation: How the result came about, one sentence per step.
    """

    acclaimed: tuple[AcclaimedUnit, ...] = attrs.field()
    undecided: tuple[str, ...] = attrs.field(validator=code_tuple)
    seats: int = attrs.field(validator=positive)
    explanation: tuple[str, ...] = attrs.field()

    def units(self) -> tuple[str, ...]:
        """Codes of the acclaimed units, in order."""
        return tuple(a.unit for a in self.acclaimed)


def acclaim(
    ranking: tuple[RankedUnit, ...], rule: AcclaimRule, ballot: Tally | None = None
) -> Acclamation:
    """Acclaim the leading units from the ranking and the ballot by the group's rule.

    Ties are never broken silently: a tie at the last seat is settled only by the
    rule's declared tie-break, and what stays tied is reported in ``undecided``.

    Args:
        ranking: The ranking, best first (see :func:`check_ranking`).
        rule: The group's acclaim rule.
        ballot: The tally of the secret ballot, if one was held.

    Raises:
        BallotError: the rule needs a ballot and none is given (``needs-ballot``).
        InvalidModelError: the ranking is not consistent (``invalid-ranking``).
    """
    check_ranking(ranking)
    if rule.requires_ballot and ballot is None:
        msg = "the acclaim rule needs a secret ballot and none was counted"
        raise BallotError(msg, path="ballot", code="needs-ballot")
    rank = {line.unit: line.rank for line in ranking}
    explanation: list[str] = [f"Rule: {rule.seats} seat(s), ordered by {rule.order.value}."]
    if rule.requires_ballot:
        assert ballot is not None  # noqa: S101 - checked above
        pool = [c for c in ballot.passed() if c in rank]
        explanation.append(
            f"Candidates passing the ballot ({ballot.threshold}): {', '.join(pool) or 'none'}."
        )
    else:
        pool = [line.unit for line in ranking]
    barred = [line.unit for line in ranking if Bar.LEADING in line.barred_from]
    if barred:
        pool = [unit for unit in pool if unit not in barred]
        explanation.append(f"Barred from leading by a scoring knockout: {', '.join(barred)}.")

    def votes(unit: str) -> int:
        return ballot.votes(unit) if ballot is not None else 0

    def primary(unit: str) -> int:
        return rank[unit] if rule.order is AcclaimOrder.RANK else -votes(unit)

    def secondary(unit: str) -> int:
        if rule.tie_break is BallotTieBreak.RANK:
            return rank[unit]
        if rule.tie_break is BallotTieBreak.VOTES:
            return -votes(unit)
        return 0

    ordered = sorted(pool, key=lambda u: (primary(u), secondary(u), u))
    chosen: list[str] = []
    undecided: list[str] = []
    index = 0
    while index < len(ordered) and len(chosen) < rule.seats:
        key = (primary(ordered[index]), secondary(ordered[index]))
        group = [u for u in ordered[index:] if (primary(u), secondary(u)) == key]
        if len(chosen) + len(group) <= rule.seats:
            chosen.extend(group)
            if len(group) > 1:
                explanation.append(
                    f"{', '.join(group)} tie and all fit in the seats; listed by code."
                )
        else:
            undecided.extend(group)
            explanation.append(
                f"{', '.join(group)} tie for the last {rule.seats - len(chosen)} seat(s);"
                f" tie-break {rule.tie_break.value!r} does not separate them: undecided."
            )
            break
        index += len(group)
    if rule.tie_break is not BallotTieBreak.NONE:
        explanation.append(f"Ties on {rule.order.value} settled by {rule.tie_break.value}.")
    if len(chosen) < rule.seats and not undecided:
        explanation.append(f"Only {len(chosen)} unit(s) qualify for {rule.seats} seat(s).")
    acclaimed = tuple(
        AcclaimedUnit(
            position=position,
            unit=unit,
            rank=rank[unit],
            votes=ballot.votes(unit) if ballot is not None else None,
        )
        for position, unit in enumerate(chosen, start=1)
    )
    return Acclamation(
        acclaimed=acclaimed,
        undecided=tuple(sorted(undecided)),
        seats=rule.seats,
        explanation=tuple(explanation),
    )
