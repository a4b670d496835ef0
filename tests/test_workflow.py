"""Score-sheet states, returns with reasons, the audit trail and published results."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import orjson
import pytest
from hypothesis import given

from thidua import (
    Amendment,
    InvalidModelError,
    LifecycleError,
    PublishedResult,
    ResultRevocation,
    ScoreChange,
    SheetState,
    StateChange,
    StructureError,
    WorkflowSheet,
    allowed_moves,
    scoring_sheet,
)
from thidua.scoring import (
    Combination,
    Criterion,
    Layer,
    LayerRule,
    ManualPoints,
    PointsInput,
    Scheme,
    SheetUnit,
    score,
)
from thidua.serialization import structure, unstructure
from thidua.strategies import workflow_sheets

ICT = dt.timezone(dt.timedelta(hours=7))


def at(hour: int, day: int = 1) -> dt.datetime:
    return dt.datetime(2020, 12, day, hour, tzinfo=ICT)


def sheet() -> WorkflowSheet:
    return WorkflowSheet(code="S-HP-2020", unit="HP", group="CUM-1", year=2020)


def published() -> WorkflowSheet:
    value = sheet().set_score(
        "A", Decimal("9.5"), by="Sở TT&TT Hải Phòng", at=at(8), reason="tự chấm"
    )
    value = value.move(SheetState.SUBMITTED, by="Sở TT&TT Hải Phòng", at=at(9))
    value = value.move(SheetState.APPRAISED, by="Trưởng cụm", at=at(10))
    value = value.set_score("A", Decimal("9.0"), by="Trưởng cụm", at=at(11), reason="thẩm định")
    value = value.move(SheetState.EXPLANATION_GIVEN, by="Sở TT&TT Hải Phòng", at=at(12))
    value = value.move(SheetState.REAPPRAISED, by="Trưởng cụm", at=at(13))
    value = value.set_score(
        "A", Decimal("9.25"), by="Trưởng cụm", at=at(14), reason="sau giải trình"
    )
    value = value.move(SheetState.FINAL, by="Trưởng cụm", at=at(15))
    return value.move(SheetState.PUBLISHED, by="Hội đồng", at=at(16))


def structure_error(data: Any, cls: type) -> StructureError:
    with pytest.raises(StructureError) as info:
        structure(data, cls)
    return info.value


def test_full_path_keeps_every_change() -> None:
    """Draft to published: every score change keeps old, new, who, when, why."""
    value = published()
    assert value.state is SheetState.PUBLISHED
    assert value.score("A") == Decimal("9.25")
    assert [(c.old, c.new) for c in value.changes] == [
        (None, Decimal("9.5")),
        (Decimal("9.5"), Decimal("9.0")),
        (Decimal("9.0"), Decimal("9.25")),
    ]
    assert value.changes[1].by == "Trưởng cụm"
    assert value.changes[1].reason == "thẩm định"
    assert value.total() == Decimal("9.25")
    assert value.published_at() == at(16)
    assert value.state_at(at(12)) is SheetState.EXPLANATION_GIVEN


def test_history_round_trips() -> None:
    """The history is data: it round-trips with equal bytes."""
    raw = unstructure(published())
    again = structure(raw, WorkflowSheet)
    assert again == published()
    assert orjson.dumps(unstructure(again)) == orjson.dumps(raw)
    assert raw["changes"][0]["old"] is None
    assert raw["changes"][1]["old"] == "9.5"


@given(workflow_sheets())
def test_generated_sheets_round_trip(value: WorkflowSheet) -> None:
    """Any valid history round-trips and replays to the same scores."""
    raw = unstructure(value)
    again = structure(raw, WorkflowSheet)
    assert again == value
    assert again.scores() == value.scores()
    assert orjson.dumps(unstructure(again)) == orjson.dumps(raw)


def test_transitions_are_checked() -> None:
    """Skipping a state is refused."""
    with pytest.raises(LifecycleError) as info:
        sheet().move(SheetState.APPRAISED, by="x", at=at(8))
    assert (info.value.path, info.value.code) == ("to_state", "invalid-transition")
    with pytest.raises(LifecycleError):
        published().move(SheetState.DRAFT, by="x", at=at(17), reason="r")


def test_a_return_needs_a_reason() -> None:
    """Returning a submitted sheet to draft needs a reason; with one it works."""
    submitted = sheet().move(SheetState.SUBMITTED, by="x", at=at(8))
    with pytest.raises(LifecycleError) as info:
        submitted.move(SheetState.DRAFT, by="Trưởng cụm", at=at(9))
    assert (info.value.path, info.value.code) == ("reason", "reason-required")
    back = submitted.move(SheetState.DRAFT, by="Trưởng cụm", at=at(9), reason="thiếu minh chứng")
    assert back.state is SheetState.DRAFT
    assert back.transitions[-1].is_return
    assert not back.transitions[0].is_return


def test_allowed_moves_mark_returns() -> None:
    """Final can be published or returned (with a reason); published goes nowhere."""
    assert allowed_moves(SheetState.FINAL) == {
        SheetState.DRAFT: True,
        SheetState.REAPPRAISED: True,
        SheetState.PUBLISHED: False,
    }
    assert allowed_moves(SheetState.PUBLISHED) == {}


def test_final_and_published_sheets_are_locked() -> None:
    """Scores of a final or published sheet cannot change."""
    with pytest.raises(LifecycleError) as info:
        published().set_score("A", Decimal(1), by="x", at=at(17), reason="r")
    assert info.value.code == "locked"


def test_events_must_be_in_time_order() -> None:
    """A move or change dated before the last event is refused."""
    started = sheet().set_score("A", Decimal(1), by="x", at=at(10), reason="r")
    with pytest.raises(LifecycleError) as info:
        started.move(SheetState.SUBMITTED, by="x", at=at(9))
    assert info.value.code == "out-of-order"
    with pytest.raises(LifecycleError) as info:
        started.set_score("A", Decimal(2), by="x", at=at(9), reason="r")
    assert info.value.code == "out-of-order"


def test_broken_histories_are_refused_from_json() -> None:
    """Tampered histories fail with paths: wrong old value, wrong from-state, edits when final."""
    raw = unstructure(published())
    tampered = {
        **raw,
        "changes": [raw["changes"][0], {**raw["changes"][1], "old": "1"}, raw["changes"][2]],
    }
    error = structure_error(tampered, WorkflowSheet)
    assert (error.problems[0].path, error.problems[0].code) == (
        "$.changes[1].old",
        "broken-history",
    )
    skipped = {**raw, "transitions": raw["transitions"][1:]}
    error = structure_error(skipped, WorkflowSheet)
    assert (error.problems[0].path, error.problems[0].code) == (
        "$.transitions[0].from_state",
        "broken-history",
    )
    late = {
        "item": "A",
        "old": "9.25",
        "new": "10",
        "by": "x",
        "at": "2020-12-01T17:00:00+07:00",
        "reason": "r",
    }
    error = structure_error({**raw, "changes": [*raw["changes"], late]}, WorkflowSheet)
    assert (error.problems[0].path, error.problems[0].code) == ("$.changes[3].at", "locked")
    reversed_changes = {**raw, "changes": [raw["changes"][1], raw["changes"][0]]}
    error = structure_error(reversed_changes, WorkflowSheet)
    assert error.problems[0].code == "out-of-order"


def test_state_change_and_score_change_invariants() -> None:
    """Naive times, empty reasons on returns and no-op changes are refused."""
    with pytest.raises(InvalidModelError) as info:
        StateChange(
            from_state=SheetState.DRAFT,
            to_state=SheetState.SUBMITTED,
            by="x",
            at=dt.datetime(2020, 1, 1),  # noqa: DTZ001 - naive on purpose
        )
    assert info.value.code == "naive-datetime"
    with pytest.raises(InvalidModelError) as info:
        ScoreChange(item="A", old=Decimal(1), new=Decimal(1), by="x", at=at(8), reason="r")
    assert info.value.code == "no-change"


def test_published_result_amended_by_linked_record() -> None:
    """An amendment changes the published result; version 0 stays readable."""
    result = PublishedResult(sheet=published())
    amendment = Amendment(
        number="QĐ điều chỉnh 01",
        changes=(
            ScoreChange(
                item="A",
                old=Decimal("9.25"),
                new=Decimal("9.75"),
                by="Hội đồng",
                at=at(9, 2),
                reason="phúc tra",
            ),
        ),
        by="Hội đồng",
        at=at(9, 2),
        reason="phúc tra",
    )
    amended = result.amend(amendment)
    assert amended.version(0)[0].value == Decimal("9.25")
    assert amended.version(1)[0].value == Decimal("9.75")
    current = amended.current()
    assert current is not None
    assert current[0].value == Decimal("9.75")
    assert amended.sheet == published()
    raw = unstructure(amended)
    assert structure(raw, PublishedResult) == amended
    with pytest.raises(IndexError):
        amended.version(2)


def test_published_result_revoked_keeps_versions() -> None:
    """A revoked result has no current scores; its versions remain; nothing follows it."""
    revocation = ResultRevocation(number="QĐ hủy 02", by="Hội đồng", at=at(9, 3), reason="sai sót")
    revoked = PublishedResult(sheet=published()).revoke(revocation)
    assert revoked.current() is None
    assert revoked.version(0)[0].value == Decimal("9.25")
    with pytest.raises(LifecycleError) as info:
        revoked.revoke(revocation)
    assert info.value.code == "revoked"
    amendment = Amendment(
        number="x",
        changes=(
            ScoreChange(
                item="A", old=Decimal("9.25"), new=Decimal(1), by="x", at=at(9, 4), reason="r"
            ),
        ),
        by="x",
        at=at(9, 4),
        reason="r",
    )
    with pytest.raises(LifecycleError):
        revoked.amend(amendment)


def test_published_result_invariants() -> None:
    """Only published sheets; amendments after publication and matching old values."""
    with pytest.raises(InvalidModelError) as info:
        PublishedResult(sheet=sheet())
    assert info.value.code == "not-published"
    early = Amendment(
        number="x",
        changes=(
            ScoreChange(
                item="A", old=Decimal("9.25"), new=Decimal(1), by="x", at=at(7), reason="r"
            ),
        ),
        by="x",
        at=at(7),
        reason="r",
    )
    with pytest.raises(InvalidModelError) as info:
        PublishedResult(sheet=published(), amendments=(early,))
    assert info.value.code == "out-of-order"
    wrong_old = Amendment(
        number="x",
        changes=(
            ScoreChange(item="A", old=Decimal(3), new=Decimal(1), by="x", at=at(9, 2), reason="r"),
        ),
        by="x",
        at=at(9, 2),
        reason="r",
    )
    with pytest.raises(InvalidModelError) as info:
        PublishedResult(sheet=published(), amendments=(wrong_old,))
    assert (info.value.path, info.value.code) == ("amendments[0].changes[0].old", "broken-history")
    late = ResultRevocation(number="r", by="x", at=at(7), reason="r")
    with pytest.raises(InvalidModelError) as info:
        PublishedResult(sheet=published(), revocation=late)
    assert info.value.code == "out-of-order"
    with pytest.raises(InvalidModelError) as info:
        Amendment(number="x", changes=(), by="x", at=at(9, 2), reason="r")
    assert info.value.code == "empty"


UNITS = (
    SheetUnit(code="HP", name="Sở TT&TT Hải Phòng"),
    SheetUnit(code="DN", name="Sở TT&TT Đà Nẵng"),
)


def test_scoring_sheet_enters_each_current_score_as_points() -> None:
    """A workflow sheet's current scores become points at the chosen layer."""
    other = WorkflowSheet(code="S-DN-2020", unit="DN", group="CUM-1", year=2020)
    other = other.set_score("A", Decimal(8), by="Sở TT&TT Đà Nẵng", at=at(8), reason="tự chấm")
    engine = scoring_sheet((published(), other), scheme="GU-2020", units=UNITS)
    assert (engine.year, engine.scheme) == (2020, "GU-2020")
    assert [(a.unit, a.item, a.layer, a.input) for a in engine.assessments] == [
        ("HP", "A", Layer.GROUP_APPRAISAL, PointsInput(points=Decimal("9.25"))),
        ("DN", "A", Layer.GROUP_APPRAISAL, PointsInput(points=Decimal(8))),
    ]
    own = scoring_sheet((other,), scheme="GU-2020", units=UNITS, layer=Layer.SELF)
    assert own.assessments[0].layer is Layer.SELF


def test_scoring_sheet_is_scored_by_the_engine() -> None:
    """The engine's sheet made from workflow sheets scores like any other."""
    scheme = Scheme(
        code="GU-2020",
        label="Bảng điểm",
        first_year=2020,
        scale=Decimal(10),
        criteria=(
            Criterion(code="A", label="Công tác", max_points=Decimal(10), method=ManualPoints()),
        ),
        combination=Combination(layers=LayerRule.LAST),
    )
    results = score(scheme, scoring_sheet((published(),), scheme="GU-2020", units=UNITS[:1]))
    assert results.units[0].total == Decimal("9.25")


def test_scoring_sheet_refuses_no_sheet_and_mixed_groups() -> None:
    """No sheet, or sheets of different groups or years, give no engine sheet."""
    with pytest.raises(InvalidModelError) as info:
        scoring_sheet((), scheme="GU-2020", units=UNITS)
    assert (info.value.code, info.value.path) == ("empty", "sheets")
    later = WorkflowSheet(code="S-DN-2021", unit="DN", group="CUM-1", year=2021)
    with pytest.raises(InvalidModelError) as info:
        scoring_sheet((sheet(), later), scheme="GU-2020", units=UNITS)
    assert (info.value.code, info.value.path) == ("inconsistent", "sheets[1]")
