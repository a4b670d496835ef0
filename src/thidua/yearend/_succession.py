"""Reorganisations: who ends, who succeeds, and who holds a unit's record on a date."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from thidua._base.text import nfc
from thidua._base.validation import code_validator, non_blank, optional_code, typed_fields
from thidua.errors import InvalidModelError

__all__ = ["RecordHolder", "RecordTransfer", "Succession", "SuccessionKind", "record_holder"]


class SuccessionKind(enum.StrEnum):
    """What happened to a unit in a reorganisation."""

    MERGE = "merge"
    SPLIT = "split"
    RENAME = "rename"
    DISSOLVE = "dissolve"


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Succession:
    """One unit's end in a reorganisation and who takes its record (input data).

    A merge of A and B into C is two successions, A→C and B→C; a split names the
    successor that takes the record; a dissolution has no successor.

    Args:
        kind: What happened.
        unit: Code of the unit that ended.
        successor: Code of the unit that carries on its record; ``None`` when dissolved.
        effective: The date of the event (its memberships end that day).
        basis: The decision, as text.
    """

    kind: SuccessionKind = attrs.field(validator=attrs.validators.instance_of(SuccessionKind))
    unit: str = attrs.field(validator=code_validator)
    successor: str | None = attrs.field(validator=optional_code)
    effective: dt.date = attrs.field()
    basis: str = attrs.field(converter=nfc, validator=non_blank)

    def __attrs_post_init__(self) -> None:
        if (self.kind is SuccessionKind.DISSOLVE) != (self.successor is None):
            msg = "a dissolved unit has no successor; any other change names one"
            raise InvalidModelError(msg, path="successor", code="invalid-successor")
        if self.successor == self.unit:
            msg = "a unit does not succeed itself"
            raise InvalidModelError(msg, path="successor", code="invalid-successor")


class RecordTransfer(enum.StrEnum):
    """The declared rule for a merged, split or renamed unit's record."""

    TO_SUCCESSOR = "to-successor"
    """The successor carries the record and can be commended for it."""
    NONE = "none"
    """The record ends with the unit; nobody is commended for it."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class RecordHolder:
    """Who holds a unit's record on a date, and how it got there.

    Args:
        unit: The unit whose record it is.
        holder: The unit holding it on the date; ``None`` if nobody does.
        chain: The successions followed, in order, as text.
    """

    unit: str = attrs.field(validator=code_validator)
    holder: str | None = attrs.field(validator=optional_code)
    chain: tuple[str, ...] = attrs.field()


def record_holder(
    unit: str, successions: tuple[Succession, ...], on: dt.date, rule: RecordTransfer
) -> RecordHolder:
    """Follow the successions of *unit* up to *on* and say who holds its record.

    Args:
        unit: Code of the unit.
        successions: Every succession known (input data).
        on: The date that matters (the review date: scores and nominations attach to
            the membership valid then).
        rule: The declared rule for records.

    Raises:
        InvalidModelError: successions loop, or a unit ends twice (``invalid-succession``).
    """
    by_unit: dict[str, Succession] = {}
    for index, succession in enumerate(successions):
        if succession.unit in by_unit:
            msg = f"{succession.unit!r} ends twice"
            raise InvalidModelError(msg, path=f"[{index}]", code="invalid-succession")
        by_unit[succession.unit] = succession
    current: str | None = unit
    chain: list[str] = []
    visited = {unit}
    while current is not None and current in by_unit and by_unit[current].effective <= on:
        step = by_unit[current]
        if step.kind is SuccessionKind.DISSOLVE:
            chain.append(f"{current} dissolved on {step.effective.isoformat()} ({step.basis})")
            current = None
            break
        if rule is RecordTransfer.NONE and step.kind is not SuccessionKind.RENAME:
            chain.append(
                f"{current} {step.kind.value} into {step.successor} on"
                f" {step.effective.isoformat()}; the declared rule passes no record"
            )
            current = None
            break
        chain.append(
            f"{current} {step.kind.value} into {step.successor} on {step.effective.isoformat()}"
            f" ({step.basis})"
        )
        current = step.successor
        if current in visited:
            msg = f"successions of {unit!r} loop back to {current!r}"
            raise InvalidModelError(msg, code="invalid-succession")
        visited.add(str(current))
    return RecordHolder(unit=unit, holder=current, chain=tuple(chain))
