"""Nominations, dossiers, decisions, revocations and successors."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import orjson
import pytest
from hypothesis import given

from thidua import (
    AwardError,
    Decision,
    Dossier,
    Grant,
    InvalidModelError,
    Minutes,
    Nomination,
    NominationStatus,
    RecordTransfer,
    Revocation,
    RevocationReason,
    StructureError,
    Succession,
    SuccessionKind,
    attach_to_successor,
    check_nominations,
    decisions_in_force,
    preset,
)
from thidua.serialization import structure, unstructure
from thidua.strategies import decisions, nominations, successions


def minutes(group: str = "CUM-1") -> Minutes:
    return Minutes(
        document="Biên bản hội nghị tổng kết Cụm thi đua số 1",
        group=group,
        held_on=dt.date(2023, 3, 30),
        votes_for=4,
        ballots_cast=5,
        voters_present=5,
    )


def dossier(group: str = "CUM-1") -> Dossier:
    return Dossier(
        letter="Tờ trình số 12/TTr-CUM1",
        minutes=minutes(group),
        achievement_report="Báo cáo thành tích năm 2022",
        attachments=("Bảng điểm", "Kết quả bỏ phiếu kín"),
    )


def nomination(**changes: Any) -> Nomination:
    base: dict[str, Any] = {
        "code": "N-1",
        "unit": "CT",
        "award": "CTD-BTTTT",
        "year": 2022,
        "achievement": "lead-2022",
        "group_led": "CUM-1",
    }
    return Nomination(**{**base, **changes})


def structure_error(data: Any, cls: type) -> StructureError:
    with pytest.raises(StructureError) as info:
        structure(data, cls)
    return info.value


def test_nomination_with_full_dossier() -> None:
    """A submitted nomination carries its dossier, and round-trips."""
    value = nomination(dossier=dossier(), status=NominationStatus.SUBMITTED)
    assert value.dossier is not None
    assert value.dossier.minutes.group == "CUM-1"
    raw = unstructure(value)
    assert structure(raw, Nomination) == value
    assert raw["status"] == "submitted"


def test_submitted_nomination_needs_a_dossier() -> None:
    """A submitted nomination without dossier is refused; a proposed one is fine."""
    data = unstructure(nomination())
    assert structure(data, Nomination).status is NominationStatus.PROPOSED
    error = structure_error({**data, "status": "submitted"}, Nomination)
    assert (error.problems[0].path, error.problems[0].code) == ("$.dossier", "missing-dossier")


def test_minutes_must_name_the_group_led() -> None:
    """The minutes name the group the unit leads (CV 5007/BNV-TĐKT)."""
    data = unstructure(nomination(dossier=dossier()))
    data["dossier"]["minutes"]["group"] = "CUM-2"
    error = structure_error(data, Nomination)
    assert (error.problems[0].path, error.problems[0].code) == (
        "$.dossier.minutes.group",
        "minutes-group-mismatch",
    )


def test_minutes_counts_are_consistent() -> None:
    """More votes than ballots, or ballots than voters, are refused."""
    data = unstructure(minutes())
    error = structure_error({**data, "votes_for": 6}, Minutes)
    assert (error.problems[0].path, error.problems[0].code) == ("$.votes_for", "inconsistent-count")
    error = structure_error({**data, "ballots_cast": 6, "votes_for": 1}, Minutes)
    assert (error.problems[0].path, error.problems[0].code) == (
        "$.ballots_cast",
        "too-many-ballots",
    )


def test_one_achievement_gets_one_award() -> None:
    """Two awards for one achievement are refused; different achievements are fine."""
    flag = nomination()
    merit = nomination(code="N-2", award="BK-BTTTT")
    with pytest.raises(InvalidModelError) as info:
        check_nominations((flag, merit))
    assert (info.value.path, info.value.code) == (
        "nominations[1].achievement",
        "one-award-per-achievement",
    )
    check_nominations((flag, attrs.evolve(merit, achievement="campaign-2022")))


def test_withdrawn_nomination_frees_its_achievement() -> None:
    """A withdrawn nomination does not count."""
    withdrawn = nomination(status=NominationStatus.WITHDRAWN, dossier=dossier())
    check_nominations((withdrawn, nomination(code="N-2", award="BK-BTTTT")))


def test_same_award_twice_is_refused() -> None:
    """A unit proposed twice for one award and year is refused."""
    with pytest.raises(InvalidModelError) as info:
        check_nominations((nomination(), nomination(code="N-2", achievement="other")))
    assert info.value.code == "duplicate-nomination"
    with pytest.raises(InvalidModelError) as info:
        check_nominations((nomination(), nomination()))
    assert info.value.code == "duplicate-code"


def test_quota_per_group() -> None:
    """Education: a second flag proposal from one cluster in 2022 exceeds the quota of 1."""
    bgddt = preset("BGDDT")
    first = nomination(award="CTD-BGDDT")
    second = nomination(code="N-2", unit="HP", award="CTD-BGDDT")
    check_nominations((first,), framework=bgddt)
    with pytest.raises(InvalidModelError) as info:
        check_nominations((first, second), framework=bgddt)
    assert (info.value.path, info.value.code) == ("nominations[1]", "quota-exceeded")
    after = (attrs.evolve(first, year=2024), attrs.evolve(second, year=2024))
    check_nominations(after, framework=bgddt)
    with pytest.raises(AwardError):
        check_nominations((nomination(award="NOPE"),), framework=bgddt)


def test_no_quota_shipped_for_btttt() -> None:
    """Cluster No. 1 proposed 2 flags for 2022: a proposal, not a quota; none is enforced."""
    btttt = preset("BTTTT")
    check_nominations((nomination(), nomination(code="N-2", unit="HP")), framework=btttt)


MERGE = Succession(
    kind=SuccessionKind.MERGE,
    unit="HD",
    successor="HP",
    effective=dt.date(2025, 7, 1),
    basis="Nghị quyết 2025",
)
DISSOLVE = Succession(
    kind=SuccessionKind.DISSOLVE, unit="X", successor=None, effective=dt.date(2025, 8, 4), basis="b"
)


def test_nomination_passes_to_successor_on_review_date() -> None:
    """A nomination of a unit merged before the review attaches to the successor."""
    moved, holder = attach_to_successor(
        nomination(unit="HD", basis="Luật 06/2022"),
        (MERGE,),
        dt.date(2026, 3, 1),
        RecordTransfer.TO_SUCCESSOR,
    )
    assert moved is not None
    assert moved.unit == "HP"
    assert "record of HD" in moved.basis
    assert holder.holder == "HP"
    same, _ = attach_to_successor(
        nomination(unit="HD"), (MERGE,), dt.date(2025, 6, 1), RecordTransfer.TO_SUCCESSOR
    )
    assert same is not None
    assert same.unit == "HD"


def test_dissolved_unit_nomination_is_dropped() -> None:
    """A dissolved unit's nomination goes nowhere."""
    dropped, holder = attach_to_successor(
        nomination(unit="X"), (DISSOLVE,), dt.date(2025, 9, 1), RecordTransfer.TO_SUCCESSOR
    )
    assert dropped is None
    assert "dissolved" in holder.chain[0]


DECISION = Decision(
    issuer="Bộ trưởng Bộ Thông tin và Truyền thông",
    number="123/QĐ-BTTTT",
    issued_on=dt.date(2023, 5, 10),
    grants=(
        Grant(unit="CT", award="CTD-BTTTT", year=2022, nomination="N-1"),
        Grant(unit="HP", award="CTD-BTTTT", year=2022),
    ),
)


def test_decision_invariants() -> None:
    """A decision grants something, and not the same award twice to one unit."""
    data = unstructure(DECISION)
    error = structure_error({**data, "grants": []}, Decision)
    assert (error.problems[0].path, error.problems[0].code) == ("$.grants", "empty")
    error = structure_error({**data, "grants": [data["grants"][0], data["grants"][0]]}, Decision)
    assert (error.problems[0].path, error.problems[0].code) == ("$.grants[1]", "duplicate-grant")


def test_revocation_undoes_one_grant_and_both_stay_readable() -> None:
    """Revoking one grant leaves the other in force; the decision itself is unchanged."""
    revocation = Revocation(
        number="456/QĐ-BTTTT",
        issued_on=dt.date(2024, 2, 1),
        decision="123/QĐ-BTTTT",
        reason=RevocationReason.FALSE_DOSSIER,
        details="Hồ sơ kê khai không trung thực",
        grants=(DECISION.grants[1],),
    )
    assert decisions_in_force((DECISION,), (revocation,), dt.date(2024, 1, 31)) == DECISION.grants
    assert decisions_in_force((DECISION,), (revocation,), dt.date(2024, 2, 1)) == (
        DECISION.grants[0],
    )
    assert decisions_in_force((DECISION,), (), dt.date(2023, 5, 9)) == ()
    whole = attrs.evolve(revocation, grants=())
    assert decisions_in_force((DECISION,), (whole,), dt.date(2024, 3, 1)) == ()
    assert len(DECISION.grants) == 2
    assert structure(unstructure(revocation), Revocation) == revocation


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"decision": "999/QĐ-BTTTT"}, "invalid-revocation"),
        ({"issued_on": dt.date(2023, 1, 1)}, "invalid-revocation"),
        ({"grants": (Grant(unit="DN", award="CTD-BTTTT", year=2022),)}, "invalid-revocation"),
    ],
)
def test_revocation_errors(change: dict[str, Any], code: str) -> None:
    """A revocation of an unknown decision or grant, or before the decision, is refused."""
    revocation = Revocation(
        number="456/QĐ-BTTTT",
        issued_on=dt.date(2024, 2, 1),
        decision="123/QĐ-BTTTT",
        reason=RevocationReason.STANDARD_NOT_MET,
        details="d",
    )
    with pytest.raises(AwardError) as info:
        decisions_in_force((DECISION,), (attrs.evolve(revocation, **change),), dt.date(2025, 1, 1))
    assert info.value.code == code


def test_revocation_cannot_undo_itself() -> None:
    """A revocation's number differs from the decision it undoes."""
    data = {
        "number": "1/QĐ",
        "issued_on": "2024-01-01",
        "decision": "1/QĐ",
        "reason": "false-declaration",
        "details": "d",
    }
    error = structure_error(data, Revocation)
    assert (error.problems[0].path, error.problems[0].code) == ("$.decision", "self-revocation")


@given(nominations())
def test_nominations_round_trip(value: Nomination) -> None:
    """Nominations survive structure(unstructure()) with equal bytes."""
    raw = unstructure(value)
    assert structure(raw, Nomination) == value
    assert orjson.dumps(unstructure(structure(raw, Nomination))) == orjson.dumps(raw)


@given(decisions())
def test_decisions_round_trip(value: Decision) -> None:
    """Decisions survive structure(unstructure()) with equal bytes."""
    raw = unstructure(value)
    assert structure(raw, Decision) == value
    assert orjson.dumps(unstructure(structure(raw, Decision))) == orjson.dumps(raw)


@given(successions())
def test_successions_round_trip(value: Succession) -> None:
    """Successions survive structure(unstructure()) with equal bytes."""
    raw = unstructure(value)
    assert structure(raw, Succession) == value
