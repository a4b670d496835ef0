"""Score sheets through their states, with the audit trail as data.

A sheet moves draft → submitted → appraised → (explanation given → re-appraised) →
final → published: self-scoring sent to the group's head, appraisal by the head and
deputy against the points table signed at the start of the year, and items scored by
the council's staff (Huế, HD 804/HD-SNV of 18/7/2018), with the explanation (giải
trình) round and the published, immutable result of provincial scoring practice
(``docs/year-end.md``, *Score sheets and their audit trail*). Every move is
checked; a return (a move back) needs a reason. Every change of a score keeps the
old and new value, who, when and why. A published result is never edited: it
changes only through a linked :class:`Amendment` or :class:`ResultRevocation`
inside a :class:`PublishedResult`, and every version stays readable.

A :class:`WorkflowSheet` is one unit's sheet as people fill, check and sign it; the
engine scores a group's assessments, a :class:`~thidua.scoring.ScoringSheet`.
:func:`scoring_sheet` is the way from the first to the second: each workflow sheet's
current scores become points entered at the layer that gave them.

The history is part of the model: a sheet's scores and state are checked at
construction against its own history, so what round-trips is what happened.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any, Final

import attrs

from thidua._base.privacy import personal_field
from thidua._base.text import nfc
from thidua._base.validation import code_validator, non_blank, typed_fields, unique_codes
from thidua.errors import InvalidModelError, LifecycleError
from thidua.scoring import Assessment, Layer, PointsInput, ScoringSheet, SheetUnit

__all__ = [
    "Amendment",
    "PublishedResult",
    "ResultRevocation",
    "ScoreChange",
    "ScoreLine",
    "SheetState",
    "StateChange",
    "WorkflowSheet",
    "allowed_moves",
    "scoring_sheet",
]


class SheetState(enum.StrEnum):
    """The states of a score sheet."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPRAISED = "appraised"
    EXPLANATION_GIVEN = "explanation-given"
    REAPPRAISED = "re-appraised"
    FINAL = "final"
    PUBLISHED = "published"


_S = SheetState
_FORWARD: Final[dict[SheetState, frozenset[SheetState]]] = {
    _S.DRAFT: frozenset({_S.SUBMITTED}),
    _S.SUBMITTED: frozenset({_S.APPRAISED}),
    _S.APPRAISED: frozenset({_S.EXPLANATION_GIVEN, _S.FINAL}),
    _S.EXPLANATION_GIVEN: frozenset({_S.REAPPRAISED}),
    _S.REAPPRAISED: frozenset({_S.EXPLANATION_GIVEN, _S.FINAL}),
    _S.FINAL: frozenset({_S.PUBLISHED}),
    _S.PUBLISHED: frozenset(),
}
_RETURNS: Final[dict[SheetState, frozenset[SheetState]]] = {
    _S.DRAFT: frozenset(),
    _S.SUBMITTED: frozenset({_S.DRAFT}),
    _S.APPRAISED: frozenset({_S.DRAFT}),
    _S.EXPLANATION_GIVEN: frozenset({_S.DRAFT}),
    _S.REAPPRAISED: frozenset({_S.DRAFT}),
    _S.FINAL: frozenset({_S.DRAFT, _S.REAPPRAISED}),
    _S.PUBLISHED: frozenset(),
}
_LOCKED: Final = frozenset({_S.FINAL, _S.PUBLISHED})


def allowed_moves(state: SheetState) -> dict[SheetState, bool]:
    """The states reachable from *state*, each with whether it is a return (needs a reason)."""
    moves = dict.fromkeys(_FORWARD[state], False)
    moves.update(dict.fromkeys(_RETURNS[state], True))
    return dict(sorted(moves.items()))


def _aware(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, dt.datetime) or value.utcoffset() is None:
        msg = "must be a date and time with its UTC offset"
        raise InvalidModelError(msg, path=attribute.name, code="naive-datetime")


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class StateChange:
    """One move of a sheet.

    Args:
        from_state: The state left.
        to_state: The state entered.
        by: Who moved it (a person or body, NFC).
        at: When, with its UTC offset.
        reason: Why; required for a return.
    """

    from_state: SheetState = attrs.field(validator=attrs.validators.instance_of(SheetState))
    to_state: SheetState = attrs.field(validator=attrs.validators.instance_of(SheetState))
    by: str = personal_field(converter=nfc, validator=non_blank)
    at: dt.datetime = attrs.field(validator=_aware)
    reason: str = attrs.field(default="", converter=nfc)

    def __attrs_post_init__(self) -> None:
        moves = allowed_moves(self.from_state)
        if self.to_state not in moves:
            allowed = ", ".join(s.value for s in moves) or "nothing"
            msg = (
                f"a sheet cannot move from {self.from_state.value} to {self.to_state.value}"
                f" (allowed: {allowed})"
            )
            raise LifecycleError(msg, path="to_state", code="invalid-transition")
        if moves[self.to_state] and not self.reason:
            msg = f"returning a sheet to {self.to_state.value} needs a reason"
            raise LifecycleError(msg, path="reason", code="reason-required")

    @property
    def is_return(self) -> bool:
        """Whether this move goes back."""
        return allowed_moves(self.from_state)[self.to_state]


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class ScoreLine:
    """The score of one criterion.

    Args:
        item: Code of the criterion.
        value: The score (a decimal).
    """

    item: str = attrs.field(validator=code_validator)
    value: Decimal = attrs.field(validator=attrs.validators.instance_of(Decimal))


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class ScoreChange:
    """One change of one score, kept forever.

    Args:
        item: Code of the criterion.
        old: The value before (``None`` for the first score).
        new: The value after.
        by: Who changed it.
        at: When, with its UTC offset.
        reason: Why.
    """

    item: str = attrs.field(validator=code_validator)
    old: Decimal | None = attrs.field()
    new: Decimal = attrs.field(validator=attrs.validators.instance_of(Decimal))
    by: str = personal_field(converter=nfc, validator=non_blank)
    at: dt.datetime = attrs.field(validator=_aware)
    reason: str = attrs.field(converter=nfc, validator=non_blank)

    def __attrs_post_init__(self) -> None:
        if self.old == self.new:
            msg = "a change must change the value"
            raise InvalidModelError(msg, path="new", code="no-change")


def _replay(changes: tuple[ScoreChange, ...], path: str) -> dict[str, Decimal]:
    scores: dict[str, Decimal] = {}
    for index, change in enumerate(changes):
        if scores.get(change.item) != change.old:
            msg = (
                f"old value {change.old} of {change.item!r} does not match the value"
                f" {scores.get(change.item)} the history gives"
            )
            raise InvalidModelError(msg, path=f"{path}[{index}].old", code="broken-history")
        scores[change.item] = change.new
    return scores


def _check_times(events: tuple[StateChange, ...] | tuple[ScoreChange, ...], path: str) -> None:
    for index in range(1, len(events)):
        if events[index].at < events[index - 1].at:
            msg = "history is out of time order"
            raise InvalidModelError(msg, path=f"{path}[{index}].at", code="out-of-order")


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class WorkflowSheet:
    """One unit's score sheet for a year, with its whole history.

    Args:
        code: Stable code of the sheet.
        unit: Code of the unit scored.
        group: Code of the group.
        year: The achievement year.
        transitions: Every move, oldest first; the state is where the last one leads.
        changes: Every score change, oldest first; the scores are what they leave.
    """

    code: str = attrs.field(validator=code_validator)
    unit: str = attrs.field(validator=code_validator)
    group: str = attrs.field(validator=code_validator)
    year: int = attrs.field()
    transitions: tuple[StateChange, ...] = attrs.field(default=())
    changes: tuple[ScoreChange, ...] = attrs.field(default=())

    def __attrs_post_init__(self) -> None:
        state = SheetState.DRAFT
        for index, move in enumerate(self.transitions):
            if move.from_state is not state:
                msg = f"move {index} leaves {move.from_state.value} but the sheet is {state.value}"
                raise InvalidModelError(
                    msg, path=f"transitions[{index}].from_state", code="broken-history"
                )
            state = move.to_state
        _check_times(self.transitions, "transitions")
        _check_times(self.changes, "changes")
        _replay(self.changes, "changes")
        for index, change in enumerate(self.changes):
            locked = self.state_at(change.at)
            if locked in _LOCKED:
                msg = f"score changed while the sheet was {locked.value}"
                raise InvalidModelError(msg, path=f"changes[{index}].at", code="locked")

    @property
    def state(self) -> SheetState:
        """The current state."""
        return self.transitions[-1].to_state if self.transitions else SheetState.DRAFT

    def state_at(self, moment: dt.datetime) -> SheetState:
        """The state at *moment* (moves at the same instant count as done)."""
        state = SheetState.DRAFT
        for move in self.transitions:
            if move.at <= moment:
                state = move.to_state
        return state

    def scores(self) -> tuple[ScoreLine, ...]:
        """The current scores, by criterion code."""
        final = _replay(self.changes, "changes")
        return tuple(ScoreLine(item=k, value=v) for k, v in sorted(final.items()))

    def score(self, item: str) -> Decimal | None:
        """The current score of *item*, if scored."""
        return _replay(self.changes, "changes").get(item)

    def total(self) -> Decimal:
        """The sum of the current scores."""
        return sum((line.value for line in self.scores()), Decimal(0))

    def _last_time(self) -> dt.datetime | None:
        times = [*(t.at for t in self.transitions), *(c.at for c in self.changes)]
        return max(times) if times else None

    def move(self, to: SheetState, *, by: str, at: dt.datetime, reason: str = "") -> WorkflowSheet:
        """Move the sheet to *to*; a return needs *reason*.

        Raises:
            LifecycleError: the move is not allowed (``invalid-transition``), a return has
                no reason (``reason-required``) or *at* is before the last event
                (``out-of-order``).
        """
        last = self._last_time()
        if last is not None and at < last:
            msg = f"{at.isoformat()} is before the sheet's last event {last.isoformat()}"
            raise LifecycleError(msg, path="at", code="out-of-order")
        move = StateChange(from_state=self.state, to_state=to, by=by, at=at, reason=reason)
        return attrs.evolve(self, transitions=(*self.transitions, move))

    def set_score(
        self, item: str, value: Decimal, *, by: str, at: dt.datetime, reason: str
    ) -> WorkflowSheet:
        """Change one score, keeping the old value, who, when and why.

        Raises:
            LifecycleError: the sheet is final or published (``locked``: amend a
                published result through :class:`PublishedResult`), or *at* is before
                the last event (``out-of-order``).
        """
        if self.state in _LOCKED:
            msg = (
                f"the sheet is {self.state.value}: return it first, or amend the published"
                " result with a linked record"
            )
            raise LifecycleError(msg, path="state", code="locked")
        last = self._last_time()
        if last is not None and at < last:
            msg = f"{at.isoformat()} is before the sheet's last event {last.isoformat()}"
            raise LifecycleError(msg, path="at", code="out-of-order")
        change = ScoreChange(
            item=item, old=self.score(item), new=value, by=by, at=at, reason=reason
        )
        return attrs.evolve(self, changes=(*self.changes, change))

    def published_at(self) -> dt.datetime | None:
        """When the sheet was published, if it was."""
        for move in self.transitions:
            if move.to_state is SheetState.PUBLISHED:
                return move.at
        return None


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Amendment:
    """A linked record that changes a published result; the original stays as it was.

    Args:
        number: Reference of the amending document.
        changes: The score changes; each ``old`` is the value of the version amended.
        by: Who amended.
        at: When.
        reason: Why.
    """

    number: str = attrs.field(converter=nfc, validator=non_blank)
    changes: tuple[ScoreChange, ...] = attrs.field()
    by: str = personal_field(converter=nfc, validator=non_blank)
    at: dt.datetime = attrs.field(validator=_aware)
    reason: str = attrs.field(converter=nfc, validator=non_blank)

    def __attrs_post_init__(self) -> None:
        if not self.changes:
            raise InvalidModelError("an amendment changes something", path="changes", code="empty")
        unique_codes(self.changes, "changes", "item")


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class ResultRevocation:
    """A linked record that withdraws a published result.

    Args:
        number: Reference of the revoking document.
        by: Who revoked.
        at: When.
        reason: Why.
    """

    number: str = attrs.field(converter=nfc, validator=non_blank)
    by: str = personal_field(converter=nfc, validator=non_blank)
    at: dt.datetime = attrs.field(validator=_aware)
    reason: str = attrs.field(converter=nfc, validator=non_blank)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class PublishedResult:
    """A published sheet and the linked records that changed it later.

    Version 0 is the sheet as published; version *n* applies the first *n* amendments.

    Args:
        sheet: The sheet, in state published.
        amendments: Amendments, oldest first, each after publication.
        revocation: The revocation, if the result was withdrawn; nothing follows it.
    """

    sheet: WorkflowSheet = attrs.field()
    amendments: tuple[Amendment, ...] = attrs.field(default=())
    revocation: ResultRevocation | None = attrs.field(default=None)

    def __attrs_post_init__(self) -> None:
        published = self.sheet.published_at()
        if self.sheet.state is not SheetState.PUBLISHED or published is None:
            msg = f"only a published sheet has a published result (it is {self.sheet.state.value})"
            raise InvalidModelError(msg, path="sheet", code="not-published")
        previous = published
        scores = {line.item: line.value for line in self.sheet.scores()}
        for index, amendment in enumerate(self.amendments):
            if amendment.at < previous:
                msg = "an amendment predates what it amends"
                raise InvalidModelError(msg, path=f"amendments[{index}].at", code="out-of-order")
            for position, change in enumerate(amendment.changes):
                if scores.get(change.item) != change.old:
                    msg = (
                        f"old value {change.old} of {change.item!r} is not the value"
                        f" {scores.get(change.item)} of the version amended"
                    )
                    raise InvalidModelError(
                        msg,
                        path=f"amendments[{index}].changes[{position}].old",
                        code="broken-history",
                    )
                scores[change.item] = change.new
            previous = amendment.at
        if self.revocation is not None and self.revocation.at < previous:
            msg = "the revocation predates the result or an amendment"
            raise InvalidModelError(msg, path="revocation.at", code="out-of-order")

    def version(self, number: int) -> tuple[ScoreLine, ...]:
        """The scores of version *number* (0: as published).

        Raises:
            IndexError: no such version.
        """
        if not 0 <= number <= len(self.amendments):
            msg = f"versions run from 0 to {len(self.amendments)}"
            raise IndexError(msg)
        scores = {line.item: line.value for line in self.sheet.scores()}
        for amendment in self.amendments[:number]:
            for change in amendment.changes:
                scores[change.item] = change.new
        return tuple(ScoreLine(item=k, value=v) for k, v in sorted(scores.items()))

    def current(self) -> tuple[ScoreLine, ...] | None:
        """The scores in force: the last version, or ``None`` if revoked."""
        if self.revocation is not None:
            return None
        return self.version(len(self.amendments))

    def amend(self, amendment: Amendment) -> PublishedResult:
        """Add an amendment.

        Raises:
            LifecycleError: the result is revoked (``revoked``).
        """
        if self.revocation is not None:
            msg = "a revoked result is not amended"
            raise LifecycleError(msg, path="revocation", code="revoked")
        return attrs.evolve(self, amendments=(*self.amendments, amendment))

    def revoke(self, revocation: ResultRevocation) -> PublishedResult:
        """Withdraw the result.

        Raises:
            LifecycleError: it is already revoked (``revoked``).
        """
        if self.revocation is not None:
            msg = "the result is already revoked"
            raise LifecycleError(msg, path="revocation", code="revoked")
        return attrs.evolve(self, revocation=revocation)


def scoring_sheet(
    sheets: tuple[WorkflowSheet, ...],
    *,
    scheme: str,
    units: tuple[SheetUnit, ...],
    layer: Layer = Layer.GROUP_APPRAISAL,
) -> ScoringSheet:
    """The engine's sheet for a group's workflow sheets: their current scores as points.

    Every sheet must be of the same group and year; each score becomes a ``points``
    input of its criterion at *layer* (by default the group's appraisal, the layer a
    final sheet carries). Criteria whose method reads another input are refused when the
    sheet is scored against its scheme, as for any sheet.

    Args:
        sheets: One workflow sheet per unit, at least one.
        scheme: The code of the scheme in force.
        units: The units scored, with their names (each sheet's unit among them).
        layer: Who gave the scores.

    Raises:
        InvalidModelError: no sheet (``empty``), sheets of different groups or years
            (``inconsistent``); the engine's sheet refuses a unit not in *units*
            (``unknown-unit``).
    """
    if not sheets:
        raise InvalidModelError("no workflow sheet to score", path="sheets", code="empty")
    first = sheets[0]
    for index, sheet in enumerate(sheets):
        if (sheet.group, sheet.year) != (first.group, first.year):
            msg = (
                f"sheet {sheet.code!r} is of {sheet.group} {sheet.year},"
                f" not of {first.group} {first.year}"
            )
            raise InvalidModelError(msg, path=f"sheets[{index}]", code="inconsistent")
    assessments = tuple(
        Assessment(
            unit=sheet.unit, item=line.item, layer=layer, input=PointsInput(points=line.value)
        )
        for sheet in sheets
        for line in sheet.scores()
    )
    return ScoringSheet(year=first.year, scheme=scheme, units=units, assessments=assessments)
