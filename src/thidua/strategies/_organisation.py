"""Strategies for units, emulation groups, memberships, unit events, rotations and organisations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Final

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from thidua._base.text import same_name
from thidua._organisation import (
    EmulationGroup,
    GroupKind,
    LeadershipSource,
    Membership,
    Organisation,
    Role,
    Rotation,
    Unit,
    UnitEvent,
    UnitEventKind,
    UnitKind,
)
from thidua.strategies._text import codes, vietnamese_names

__all__ = [
    "groups",
    "memberships",
    "organisations",
    "rotations",
    "unit_events",
    "units",
]

_FIRST: Final = dt.date(2015, 1, 1)
_LAST: Final = dt.date(2030, 12, 31)
_DATES: Final = st.dates(min_value=_FIRST, max_value=_LAST)
_BASES: Final = st.none() | st.sampled_from(
    (
        "Quyết định số 1459/QĐ-BTTTT ngày 09/9/2019",
        "Nghị định số 55/2025/NĐ-CP",
        "Biên bản hội nghị tổng kết ngày 30/3/2023",
    )
)


def units(*, kinds: st.SearchStrategy[UnitKind] | None = None) -> st.SearchStrategy[Unit]:
    """Valid units with Vietnamese names (NFC, diacritics kept).

    Args:
        kinds: Where the units' kinds come from; every kind by default.
    """
    return st.builds(
        Unit,
        code=codes(),
        name=vietnamese_names(),
        kind=kinds if kinds is not None else st.sampled_from(UnitKind),
        official_code=st.none() | st.from_regex(r"[0-9]{2,5}", fullmatch=True),
        short_name=st.none() | vietnamese_names(max_words=3),
    )


def groups(
    *, parents: st.SearchStrategy[str | None] | None = None
) -> st.SearchStrategy[EmulationGroup]:
    """Valid blocks and clusters; a group is never its own parent.

    Args:
        parents: Where parent codes come from; ``None`` or a code by default.
    """
    parent_codes = parents if parents is not None else st.none() | codes()

    @st.composite
    def build(draw: st.DrawFn) -> EmulationGroup:
        code = draw(codes())
        parent = draw(parent_codes.filter(lambda p: p != code))
        return EmulationGroup(
            code=code,
            name=draw(vietnamese_names()),
            kind=draw(st.sampled_from(GroupKind)),
            parent=parent,
            description=draw(st.none() | vietnamese_names()),
            framework=draw(st.none() | st.just("BTTTT-QĐ1459-2019")),
            issuer=draw(st.none() | vietnamese_names()),
            formed_by=draw(_BASES),
            formed_on=draw(st.none() | _DATES),
        )

    return build()


def _leadership(draw: st.DrawFn, role: Role) -> LeadershipSource | None:
    if role is Role.MEMBER:
        return None
    return draw(st.none() | st.sampled_from(LeadershipSource))


def memberships(
    *,
    unit_codes: st.SearchStrategy[str] | None = None,
    group_codes: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Membership]:
    """Valid memberships: a term that does not end before it starts.

    Args:
        unit_codes: Where unit codes come from; any code by default.
        group_codes: Where group codes come from; any code by default.
    """

    @st.composite
    def build(draw: st.DrawFn) -> Membership:
        start = draw(_DATES)
        end = draw(st.none() | st.dates(min_value=start, max_value=_LAST))
        role = draw(st.sampled_from(Role))
        return Membership(
            unit=draw(unit_codes if unit_codes is not None else codes()),
            group=draw(group_codes if group_codes is not None else codes()),
            role=role,
            valid_from=start,
            valid_to=end,
            leadership=_leadership(draw, role),
            basis=draw(_BASES),
        )

    return build()


_SHAPE: Final = {
    UnitEventKind.MERGE: ((2, 4), (1, 1)),
    UnitEventKind.SPLIT: ((1, 1), (2, 4)),
    UnitEventKind.RENAME: ((1, 1), (1, 1)),
    UnitEventKind.DISSOLVE: ((1, 3), (0, 0)),
    UnitEventKind.ESTABLISH: ((0, 0), (1, 3)),
}


def unit_events() -> st.SearchStrategy[UnitEvent]:
    """Valid unit events of every kind, with the shape each kind requires."""

    @st.composite
    def build(draw: st.DrawFn) -> UnitEvent:
        kind = draw(st.sampled_from(UnitEventKind))
        (low_p, high_p), (low_s, high_s) = _SHAPE[kind]
        size_p = draw(st.integers(low_p, high_p))
        size_s = draw(st.integers(low_s, high_s))
        both = draw(
            st.lists(codes(), min_size=size_p + size_s, max_size=size_p + size_s, unique=True)
        )
        return UnitEvent(
            kind=kind,
            effective=draw(_DATES),
            predecessors=tuple(both[:size_p]),
            successors=tuple(both[size_p:]),
            basis=draw(_BASES),
            note=draw(st.none() | vietnamese_names()),
        )

    return build()


def rotations(*, unit_codes: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Rotation]:
    """Valid rotations: one or more distinct units in an agreed order.

    Args:
        unit_codes: Where the codes of the order come from; any code by default.
    """
    return st.builds(
        Rotation,
        group=codes(),
        order=st.lists(
            unit_codes if unit_codes is not None else codes(), min_size=1, max_size=6, unique=True
        ).map(tuple),
        agreed_on=_DATES,
        basis=_BASES,
        role=st.sampled_from([Role.HEAD, Role.DEPUTY]),
    )


def _events(draw: st.DrawFn, codes_: list[str]) -> list[UnitEvent]:
    """Events with strictly increasing dates; a unit begins before it ends, once each."""
    fresh = list(codes_)  # never named by an event yet
    alive: list[str] = []  # begun by an event, not ended
    events: list[UnitEvent] = []
    day = draw(st.dates(min_value=dt.date(2016, 1, 1), max_value=dt.date(2018, 12, 31)))
    for _ in range(draw(st.integers(0, 3))):
        day += dt.timedelta(days=draw(st.integers(1, 700)))
        kind = draw(st.sampled_from(UnitEventKind))
        (low_p, high_p), (low_s, high_s) = _SHAPE[kind]
        pool = fresh + alive
        size_p = draw(st.integers(low_p, high_p))
        if size_p > len(pool):
            continue
        ending = draw(st.permutations(pool))[:size_p]
        left = [code for code in fresh if code not in ending]
        size_s = draw(st.integers(low_s, high_s))
        if size_s > len(left):
            continue
        starting = draw(st.permutations(left))[:size_s]
        fresh = [code for code in left if code not in starting]
        alive = [code for code in alive if code not in ending] + starting
        events.append(
            UnitEvent(
                kind=kind,
                effective=day,
                predecessors=tuple(ending),
                successors=tuple(starting),
                basis=draw(_BASES),
                note=None,
            )
        )
    return events


def _terms(
    draw: st.DrawFn, first: dt.date, last: dt.date, *, open_end: bool
) -> list[tuple[dt.date, dt.date | None]]:
    """Non-overlapping terms between *first* and *last*; the last may be open."""
    span = (last - first).days
    count = draw(st.integers(0, min(2, (span + 1) // 2)))
    days = sorted(
        draw(st.lists(st.integers(0, span), min_size=2 * count, max_size=2 * count, unique=True))
    )
    terms: list[tuple[dt.date, dt.date | None]] = [
        (first + dt.timedelta(days=days[i]), first + dt.timedelta(days=days[i + 1]))
        for i in range(0, len(days), 2)
    ]
    if terms and open_end and draw(st.booleans()):
        terms[-1] = (terms[-1][0], None)
    return terms


def _clash(
    terms: list[tuple[dt.date, dt.date | None]], start: dt.date, end: dt.date | None
) -> bool:
    far = dt.date.max
    return any(
        start <= (other_end or far) and other_start <= (end or far)
        for other_start, other_end in terms
    )


def organisations(
    *, min_units: int = 0, max_units: int = 8, max_groups: int = 4
) -> st.SearchStrategy[Organisation]:
    """Valid organisations: consistent references, events, terms and heads.

    Groups form a tree of blocks and clusters; events begin and end units in
    date order; each unit's terms in a group do not overlap and fall within its
    life; each group has at most one head on any day; rotations name members.

    Args:
        min_units: The fewest units.
        max_units: The most units.
        max_groups: The most groups.

    Raises:
        InvalidArgument: The bounds are negative or out of order.
    """
    if min_units < 0 or max_units < min_units or max_groups < 0:
        msg = (
            "need 0 <= min_units <= max_units and max_groups >= 0,"
            f" got {min_units=}, {max_units=}, {max_groups=}"
        )
        raise InvalidArgument(msg)

    @st.composite
    def build(draw: st.DrawFn) -> Organisation:
        unit_list = draw(
            st.lists(units(), min_size=min_units, max_size=max_units, unique_by=lambda u: u.code)
        )
        group_codes = draw(st.lists(codes(), max_size=max_groups, unique=True))
        group_list: list[EmulationGroup] = []
        for code in group_codes:
            blocks = [g.code for g in group_list if g.kind is GroupKind.BLOCK]
            parent = draw(st.none() | st.sampled_from(blocks)) if blocks else None
            group = draw(groups(parents=st.just(parent)))
            if any(same_name(group.name, g.name) for g in group_list):
                # Group names are unique as names (after folding): number this one.
                group = attrs.evolve(group, name=f"{group.name} {len(group_list) + 1}")
            group_list.append(attrs.evolve(group, code=code))
        events = _events(draw, [u.code for u in unit_list])
        begins = {code: e.effective for e in events for code in e.successors}
        ends = {code: e.effective for e in events for code in e.predecessors}
        heads: dict[str, list[tuple[dt.date, dt.date | None]]] = {}
        membership_list: list[Membership] = []
        for unit in unit_list:
            for group in group_list:
                if not draw(st.booleans()):
                    continue
                first = max(begins.get(unit.code, _FIRST), _FIRST)
                last = ends[unit.code] - dt.timedelta(days=1) if unit.code in ends else _LAST
                for start, end in _terms(draw, first, last, open_end=unit.code not in ends):
                    role = draw(st.sampled_from(Role))
                    held = heads.setdefault(group.code, [])
                    if role is Role.HEAD:
                        if _clash(held, start, end):
                            role = Role.MEMBER
                        else:
                            held.append((start, end))
                    membership_list.append(
                        Membership(
                            unit=unit.code,
                            group=group.code,
                            role=role,
                            valid_from=start,
                            valid_to=end,
                            leadership=_leadership(draw, role),
                            basis=draw(_BASES),
                        )
                    )
        rotation_list: list[Rotation] = []
        if unit_list and group_list:
            for group in draw(
                st.lists(st.sampled_from(group_list), max_size=2, unique_by=lambda g: g.code)
            ):
                order = draw(
                    st.lists(st.sampled_from([u.code for u in unit_list]), min_size=1, unique=True)
                )
                rotation_list.append(
                    Rotation(
                        group=group.code,
                        order=tuple(order),
                        agreed_on=draw(_DATES),
                        basis=draw(_BASES),
                    )
                )
        return Organisation(
            units=tuple(unit_list),
            groups=tuple(group_list),
            memberships=tuple(draw(st.permutations(membership_list))),
            events=tuple(events),
            rotations=tuple(rotation_list),
        )

    return build()


REGISTRATIONS: Final[list[tuple[type, Callable[[], st.SearchStrategy[Any]]]]] = [
    (Unit, units),
    (EmulationGroup, groups),
    (Membership, memberships),
    (UnitEvent, unit_events),
    (Rotation, rotations),
    (Organisation, organisations),
]
