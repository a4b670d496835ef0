"""Meetings, quorum, secret ballots, tallies and acclaim."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua import (
    HANOI_QUORUM,
    AcclaimOrder,
    AcclaimRule,
    Ballot,
    BallotBox,
    BallotError,
    BallotTieBreak,
    Cast,
    ElectorateRule,
    InvalidModelError,
    Meeting,
    QuorumRule,
    RankedUnit,
    StructureError,
    Tally,
    Threshold,
    ThresholdBase,
    Vote,
    acclaim,
    cast_ballots,
    check_ranking,
    tally,
)
from thidua.serialization import structure, unstructure
from thidua.strategies import ballot_boxes, ballots, meetings, rankings, votes

UNITS = ("CT", "DN", "HCM", "HN", "HP")


def meeting(present: tuple[str, ...] = UNITS) -> Meeting:
    return Meeting(
        group="CUM-1",
        held_on=dt.date(2023, 3, 30),
        place="Cần Thơ",
        chair=present[0],
        members=UNITS,
        present=present,
    )


def threshold(
    share: Fraction = Fraction(1, 2),
    base: ThresholdBase = ThresholdBase.MEMBERS,
    strict: bool = True,
) -> Threshold:
    return Threshold(share=share, base=base, strict=strict, basis="quy chế cụm")


def vote(
    *,
    candidates: tuple[str, ...] = UNITS,
    max_choices: int = 2,
    thr: Threshold | None = None,
    candidates_vote: bool = True,
    per_delegation: int = 1,
) -> Vote:
    return Vote(
        candidates=candidates,
        max_choices=max_choices,
        threshold=thr or threshold(),
        electorate=ElectorateRule(
            ballots_per_delegation=per_delegation,
            candidates_vote=candidates_vote,
            basis="quy chế cụm",
        ),
    )


def box(*marks: tuple[str, ...]) -> BallotBox:
    return BallotBox(ballots=[Ballot(choices=m) for m in marks])


def structure_error(data: Any, cls: type) -> StructureError:
    with pytest.raises(StructureError) as info:
        structure(data, cls)
    return info.value


# Meetings and quorum -----------------------------------------------------------------


def test_hanoi_quorum_met_at_two_thirds() -> None:
    """4 of 5 members present meets 2/3 (needs 4)."""
    HANOI_QUORUM.check(meeting(("HN", "HP", "DN", "CT")))
    assert HANOI_QUORUM.required(5) == 4
    assert HANOI_QUORUM.required(6) == 4


def test_hanoi_quorum_missed_just_below() -> None:
    """3 of 5 members present misses 2/3, with a clear error."""
    with pytest.raises(BallotError) as info:
        HANOI_QUORUM.check(meeting(("HN", "HP", "DN")))
    assert info.value.code == "quorum-not-met"
    assert info.value.path == "present"
    assert "3 of 5 members present" in str(info.value)
    assert "2/3" in str(info.value)


def test_quorum_exactly_two_thirds_of_six() -> None:
    """4 of 6 is exactly 2/3: met; 3 of 6 is not."""
    rule = QuorumRule(share=Fraction(2, 3), basis="x")
    six = ("A", "B", "C", "D", "E", "F")
    rule.check(
        Meeting(
            group="G",
            held_on=dt.date(2020, 1, 1),
            place="p",
            chair="A",
            members=six,
            present=six[:4],
        )
    )
    with pytest.raises(BallotError):
        rule.check(
            Meeting(
                group="G",
                held_on=dt.date(2020, 1, 1),
                place="p",
                chair="A",
                members=six,
                present=six[:3],
            )
        )


@pytest.mark.parametrize("share", [0, "3/2"])
def test_quorum_share_must_be_in_unit_interval(share: object) -> None:
    """A quorum share is above 0 and at most 1."""
    error = structure_error({"share": share, "basis": "x"}, QuorumRule)
    assert error.problems[0].code == "invalid-share"
    assert error.problems[0].path == "$.share"


def test_meeting_present_must_be_members() -> None:
    """Someone present who is not a member is refused, with its path."""
    data = unstructure(meeting())
    data["present"] = ["HN", "XX"]
    data["chair"] = "HN"
    error = structure_error(data, Meeting)
    assert (error.problems[0].path, error.problems[0].code) == ("$.present[1]", "not-a-member")


def test_meeting_chair_must_be_present() -> None:
    """The chair must be among those present."""
    data = unstructure(meeting(("HN", "HP")))
    data["chair"] = "CT"
    error = structure_error(data, Meeting)
    assert (error.problems[0].path, error.problems[0].code) == ("$.chair", "chair-absent")


def test_meeting_needs_members_and_distinct_codes() -> None:
    """A meeting without members, or with a member twice, is refused."""
    with pytest.raises(InvalidModelError) as info:
        Meeting(
            group="G", held_on=dt.date(2020, 1, 1), place="p", chair="A", members=(), present=()
        )
    assert info.value.code in {"empty", "chair-absent"}
    data = unstructure(meeting())
    data["members"] = ["HN", "HN"]
    error = structure_error(data, Meeting)
    assert (error.problems[0].path, error.problems[0].code) == ("$.members[1]", "duplicate-code")


# Ballots and boxes -----------------------------------------------------------------


def test_ballot_choices_are_sorted_and_distinct() -> None:
    """Choices are kept sorted; a choice twice is refused."""
    assert Ballot(choices=("HP", "CT")).choices == ("CT", "HP")
    error = structure_error({"choices": ["HP", "HP"]}, Ballot)
    assert error.problems[0].code == "duplicate-code"


def test_spoiled_ballot_records_no_choices() -> None:
    """A spoiled ballot cannot carry choices."""
    error = structure_error({"spoiled": True, "choices": ["HP"]}, Ballot)
    assert (error.problems[0].path, error.problems[0].code) == ("$.choices", "spoiled-with-choices")


@given(st.data())
def test_box_bytes_do_not_depend_on_casting_order(data: st.DataObject) -> None:
    """Whatever order the ballots came in, the box and its bytes are the same."""
    marks = data.draw(st.lists(ballots(UNITS), max_size=15))
    shuffled = data.draw(st.permutations(marks))
    first, second = BallotBox(ballots=marks), BallotBox(ballots=shuffled)
    assert first == second
    assert orjson.dumps(unstructure(first)) == orjson.dumps(unstructure(second))


@given(ballot_boxes())
def test_box_round_trips(value: BallotBox) -> None:
    """A ballot box survives structure(unstructure()) with equal bytes."""
    raw = unstructure(value)
    again = structure(raw, BallotBox)
    assert again == value
    assert orjson.dumps(unstructure(again)) == orjson.dumps(raw)


# Casting: the electorate and privacy --------------------------------------------------


CANARY = "Nguyễn Văn Canary-7f3a"


def test_cast_keeps_no_voter_identity() -> None:
    """The record holds ballots and counts per delegation, never the voter."""
    casts = [
        Cast(voter=CANARY, delegation="HN", ballot=Ballot(choices=("HP",))),
        Cast(voter="Trần Thị B", delegation="HP", ballot=Ballot(choices=("HN",))),
    ]
    record = cast_ballots(meeting(), vote(), casts)
    assert record.attendance.total() == 2
    assert [i.delegation for i in record.attendance.issued] == ["HN", "HP"]
    assert len(record.box) == 2
    assert CANARY not in repr(record)
    assert CANARY not in repr(casts[0])
    assert "Canary" not in orjson.dumps(unstructure(record)).decode()


def test_cast_refuses_a_second_ballot_without_naming_the_voter() -> None:
    """A voter casting twice is refused; the error does not name them."""
    casts = [
        Cast(voter=CANARY, delegation="HN", ballot=Ballot()),
        Cast(voter=CANARY, delegation="HP", ballot=Ballot()),
    ]
    with pytest.raises(BallotError) as info:
        cast_ballots(meeting(), vote(per_delegation=2), casts)
    assert info.value.code == "second-ballot"
    assert CANARY not in str(info.value)
    assert CANARY not in repr(info.value.args)


def test_cast_refuses_delegations_not_entitled() -> None:
    """An absent delegation, or a candidate's own when candidates do not vote, gets no ballot."""
    with pytest.raises(BallotError) as info:
        cast_ballots(
            meeting(("HN", "HP", "DN", "CT")),
            vote(),
            [Cast(voter="x", delegation="HCM", ballot=Ballot())],
        )
    assert info.value.code == "not-entitled"
    rule = vote(candidates=("HP", "HN"), candidates_vote=False)
    with pytest.raises(BallotError) as info:
        cast_ballots(meeting(), rule, [Cast(voter="x", delegation="HP", ballot=Ballot())])
    assert info.value.code == "not-entitled"
    record = cast_ballots(meeting(), rule, [Cast(voter="x", delegation="CT", ballot=Ballot())])
    assert record.attendance.total() == 1


def test_cast_refuses_more_ballots_than_a_delegation_received() -> None:
    """A delegation with one ballot cannot cast two."""
    casts = [
        Cast(voter="a", delegation="HN", ballot=Ballot()),
        Cast(voter="b", delegation="HN", ballot=Ballot()),
    ]
    with pytest.raises(BallotError) as info:
        cast_ballots(meeting(), vote(), casts)
    assert info.value.code == "too-many-ballots"


# Tallies ---------------------------------------------------------------------------


def test_tally_counts_valid_blank_and_invalid() -> None:
    """Blank, spoiled, over-marked and off-list ballots are told apart."""
    ballots_in = BallotBox(
        ballots=[
            Ballot(choices=("HP", "HN")),
            Ballot(choices=("HP",)),
            Ballot(),
            Ballot(spoiled=True),
            Ballot(choices=("HP", "HN", "CT")),
        ]
    )
    result = tally(meeting(), vote(), ballots_in)
    assert (result.valid, result.blank, result.invalid, result.cast) == (2, 1, 2, 5)
    assert result.votes("HP") == 2
    assert result.votes("HN") == 1
    off_list = tally(meeting(), vote(candidates=("HP", "HN")), box(("CT",)))
    assert off_list.invalid == 1


def test_tally_refuses_more_ballots_than_voters_present() -> None:
    """Six ballots for five voters present is an error; five is fine."""
    with pytest.raises(BallotError) as info:
        tally(meeting(), vote(), box(*[("HP",)] * 6))
    assert info.value.code == "too-many-ballots"
    assert tally(meeting(), vote(), box(*[("HP",)] * 5)).cast == 5


def test_more_than_half_of_members_threshold() -> None:
    """More than 1/2 of 5 members: 3 votes pass, 2 do not (even with 4 present)."""
    four = meeting(("HN", "HP", "DN", "CT"))
    result = tally(four, vote(), box(("HP", "HN"), ("HP", "HN"), ("HP",), ("DN",)))
    assert result.passed() == ("HP",)
    assert result.base == 5
    assert result.threshold == "more than 1/2 of members"


def test_at_least_two_thirds_of_present_threshold() -> None:
    """At least 2/3 of 3 present: 2 votes pass; 1 does not."""
    three = meeting(("HN", "HP", "DN"))
    rule = vote(thr=threshold(Fraction(2, 3), ThresholdBase.PRESENT, strict=False))
    result = tally(three, rule, box(("HP",), ("HP", "HN"), ("DN",)))
    assert result.passed() == ("HP",)
    assert result.base == 3


def test_threshold_bases_cast_and_valid() -> None:
    """Bases CAST and VALID count the box and its valid (incl. blank) ballots."""
    ballots_in = box(("HP",), ("HP",), ())
    spoiled = BallotBox(ballots=[*ballots_in.ballots, Ballot(spoiled=True)])
    on_cast = tally(
        meeting(), vote(thr=threshold(Fraction(2, 3), ThresholdBase.CAST, strict=False)), spoiled
    )
    assert (on_cast.base, on_cast.passed()) == (4, ())
    on_valid = tally(
        meeting(), vote(thr=threshold(Fraction(2, 3), ThresholdBase.VALID, strict=False)), spoiled
    )
    assert (on_valid.base, on_valid.passed()) == (3, ("HP",))


def test_threshold_on_empty_base_never_passes() -> None:
    """With nothing valid, no candidate passes."""
    assert not threshold().passes(0, 0)


def test_ties_are_reported() -> None:
    """Equal votes are listed as ties, never dropped."""
    result = tally(meeting(), vote(), box(("HP", "HN"), ("HP", "HN"), ("CT",)))
    assert result.ties() == (("DN", "HCM"), ("HN", "HP"))
    line = next(r for r in result.results if r.candidate == "HP")
    assert line.tied
    assert result.tied_with("HP") == ("HN",)


def test_tally_model_refuses_inconsistent_counts() -> None:
    """A stored tally with more ballots than voters, or counts not adding up, is refused."""
    good = unstructure(tally(meeting(), vote(), box(("HP",))))
    bad = {**good, "cast": 9}
    error = structure_error(bad, Tally)
    assert error.problems[0].code == "too-many-ballots"
    bad = {**good, "blank": 1}
    error = structure_error(bad, Tally)
    assert error.problems[0].code == "inconsistent-count"


def test_vote_invariants() -> None:
    """A vote needs candidates and cannot allow more choices than candidates."""
    with pytest.raises(InvalidModelError) as info:
        vote(candidates=(), max_choices=1)
    assert info.value.code == "empty"
    with pytest.raises(InvalidModelError) as info:
        vote(candidates=("HP",), max_choices=2)
    assert (info.value.path, info.value.code) == ("max_choices", "too-many-choices")


@given(st.data())
def test_tally_never_counts_more_than_voters_present(data: st.DataObject) -> None:
    """Whatever the meeting, vote and box, a tally's ballots never exceed voters present."""
    where = data.draw(meetings())
    question = data.draw(votes(candidates=where.members))
    ballots_in = data.draw(ballot_boxes(candidates=where.members))
    present = sum(question.electorate.entitled(where, question.candidates).values())
    if len(ballots_in) > present:
        with pytest.raises(BallotError) as info:
            tally(where, question, ballots_in)
        assert info.value.code == "too-many-ballots"
    else:
        result = tally(where, question, ballots_in)
        assert result.cast <= result.voters_present
        assert result.valid + result.blank + result.invalid == result.cast
        assert sum(r.votes for r in result.results) <= result.valid * question.max_choices


@given(meetings())
def test_meeting_round_trips(value: Meeting) -> None:
    """Meetings survive structure(unstructure()) with equal bytes."""
    raw = unstructure(value)
    again = structure(raw, Meeting)
    assert again == value
    assert orjson.dumps(unstructure(again)) == orjson.dumps(raw)


# Ranking and acclaim ---------------------------------------------------------------


def ranked(*lines: tuple[str, int, bool]) -> tuple[RankedUnit, ...]:
    return tuple(RankedUnit(unit=u, rank=r, tied=t) for u, r, t in lines)


RANKING = ranked(
    ("HP", 1, False), ("HN", 2, False), ("HCM", 3, False), ("DN", 4, False), ("CT", 5, False)
)


def rule(
    seats: int = 2,
    order: AcclaimOrder = AcclaimOrder.RANK,
    requires_ballot: bool = True,
    tie_break: BallotTieBreak = BallotTieBreak.NONE,
) -> AcclaimRule:
    return AcclaimRule(
        seats=seats, order=order, requires_ballot=requires_ballot, tie_break=tie_break, basis="x"
    )


def test_check_ranking_accepts_ties_with_gaps() -> None:
    """1, 2, 2, 4 with the two 2s tied is a valid ranking."""
    check_ranking(ranked(("A", 1, False), ("B", 2, True), ("C", 2, True), ("D", 4, False)))


@pytest.mark.parametrize(
    ("lines", "path"),
    [
        ((("A", 1, False), ("B", 3, False)), "ranking[1].rank"),
        ((("A", 1, False), ("B", 1, False)), "ranking[0].tied"),
        ((("A", 1, True), ("B", 2, False)), "ranking[0].tied"),
        ((("A", 2, False),), "ranking[0].rank"),
    ],
)
def test_check_ranking_refuses_inconsistent_rankings(lines: Any, path: str) -> None:
    """Gaps without ties, or tied flags that disagree with the ranks, are refused."""
    with pytest.raises(InvalidModelError) as info:
        check_ranking(ranked(*lines))
    assert (info.value.path, info.value.code) == (path, "invalid-ranking")


@given(rankings())
def test_generated_rankings_are_consistent(value: tuple[RankedUnit, ...]) -> None:
    """The rankings strategy only makes consistent rankings."""
    check_ranking(value)


def test_acclaim_by_rank_among_ballot_winners() -> None:
    """The two best-ranked units that passed the ballot are acclaimed, in rank order."""
    result = tally(meeting(), vote(), box(("HN", "HCM"), ("HN", "HCM"), ("HN", "HCM"), ("HP",)))
    acclaimed = acclaim(RANKING, rule(), result)
    assert acclaimed.units() == ("HN", "HCM")
    assert [a.votes for a in acclaimed.acclaimed] == [3, 3]
    assert acclaimed.undecided == ()


def test_acclaim_by_votes() -> None:
    """Ordered by votes, the unit with more votes comes first even if ranked lower."""
    result = tally(meeting(), vote(), box(("HCM", "HN"), ("HCM", "HN"), ("HCM", "HN"), ("HCM",)))
    acclaimed = acclaim(RANKING, rule(order=AcclaimOrder.VOTES), result)
    assert acclaimed.units() == ("HCM", "HN")


def test_acclaim_reports_a_tie_at_the_last_seat() -> None:
    """A vote tie at the last seat with no tie-break stays undecided, never broken silently."""
    result = tally(meeting(), vote(), box(("HP", "HN"), ("HP", "HN"), ("HP", "HN"), ("HP", "HCM")))
    one_seat = acclaim(RANKING, rule(seats=1, order=AcclaimOrder.VOTES), result)
    assert one_seat.units() == ("HP",)
    tie = tally(meeting(), vote(), box(("HP", "HN"), ("HP", "HN"), ("HP", "HN")))
    undecided = acclaim(RANKING, rule(seats=1, order=AcclaimOrder.VOTES), tie)
    assert undecided.units() == ()
    assert undecided.undecided == ("HN", "HP")
    assert any("undecided" in line for line in undecided.explanation)


def test_acclaim_tie_broken_only_by_declared_rule() -> None:
    """A declared tie-break by rank settles the same tie and says so."""
    tie = tally(meeting(), vote(), box(("HP", "HN"), ("HP", "HN"), ("HP", "HN")))
    settled = acclaim(
        RANKING, rule(seats=1, order=AcclaimOrder.VOTES, tie_break=BallotTieBreak.RANK), tie
    )
    assert settled.units() == ("HP",)
    assert any("settled by rank" in line for line in settled.explanation)


def test_acclaim_rank_tie_broken_by_votes() -> None:
    """Units tied in rank are separated by votes when the rule says so."""
    tied = ranked(("HP", 1, True), ("HN", 1, True), ("CT", 3, False))
    ballots_in = tally(meeting(), vote(), box(("HN", "HP"), ("HN", "HP"), ("HN", "CT")))
    result = acclaim(tied, rule(seats=1, tie_break=BallotTieBreak.VOTES), ballots_in)
    assert result.units() == ("HN",)
    none = acclaim(tied, rule(seats=1, requires_ballot=False), None)
    assert none.undecided == ("HN", "HP")


def test_acclaim_ties_that_fit_are_all_acclaimed() -> None:
    """A tie that fits in the seats acclaims everyone in it and says so."""
    tied = ranked(("HP", 1, True), ("HN", 1, True), ("CT", 3, False))
    result = acclaim(tied, rule(seats=2, requires_ballot=False))
    assert result.units() == ("HN", "HP")
    assert result.acclaimed[0].votes is None
    assert any("tie and all fit" in line for line in result.explanation)


def test_acclaim_without_ballot_when_not_required() -> None:
    """With no ballot required, the ranking decides."""
    assert acclaim(RANKING, rule(requires_ballot=False)).units() == ("HP", "HN")


def test_acclaim_needs_the_ballot_it_requires() -> None:
    """A rule requiring a ballot refuses to run without one."""
    with pytest.raises(BallotError) as info:
        acclaim(RANKING, rule())
    assert info.value.code == "needs-ballot"


def test_acclaim_with_fewer_qualifying_than_seats() -> None:
    """When fewer units pass than seats, the result says so."""
    result = tally(meeting(), vote(), box(("HP",), ("HP",), ("HP",)))
    acclaimed = acclaim(RANKING, rule(seats=2), result)
    assert acclaimed.units() == ("HP",)
    assert any("Only 1 unit(s) qualify" in line for line in acclaimed.explanation)


def test_acclaim_rule_invariants() -> None:
    """Ordering or breaking ties by votes needs a ballot."""
    error = structure_error(
        {"seats": 1, "order": "votes", "requires_ballot": False, "tie_break": "none", "basis": "x"},
        AcclaimRule,
    )
    assert (error.problems[0].path, error.problems[0].code) == ("$.requires_ballot", "needs-ballot")
    error = structure_error(
        {"seats": 1, "order": "rank", "requires_ballot": False, "tie_break": "votes", "basis": "x"},
        AcclaimRule,
    )
    assert (error.problems[0].path, error.problems[0].code) == ("$.tie_break", "needs-ballot")
    error = structure_error(
        {"seats": 0, "order": "rank", "requires_ballot": False, "tie_break": "none", "basis": "x"},
        AcclaimRule,
    )
    assert (error.problems[0].path, error.problems[0].code) == ("$.seats", "not-positive")


def test_ranked_unit_score_is_decimal() -> None:
    """Scores travel as decimal strings."""
    line = RankedUnit(unit="HP", rank=1, tied=False, score=Decimal("96.50"))
    assert unstructure(line)["score"] == "96.50"
    assert structure(unstructure(line), RankedUnit) == line


def test_ballot_choices_must_be_codes() -> None:
    """A choice that is not a code is refused at its index."""
    error = structure_error({"choices": ["HP", "not a code"]}, Ballot)
    assert error.problems[0].code == "invalid-code"


def test_a_cast_is_never_serialised() -> None:
    """Unstructuring a Cast (which holds the voter) is refused without naming the voter."""
    cast = Cast(voter=CANARY, delegation="HN", ballot=Ballot())
    with pytest.raises(TypeError) as info:
        unstructure(cast)
    assert CANARY not in str(info.value)


@given(st.from_type(Meeting), st.from_type(BallotBox))
def test_strategies_are_registered_with_hypothesis(where: Meeting, ballots_in: BallotBox) -> None:
    """st.from_type finds the year-end strategies through the entry point."""
    assert set(where.present) <= set(where.members)
    assert list(ballots_in.ballots) == sorted(ballots_in.ballots)
