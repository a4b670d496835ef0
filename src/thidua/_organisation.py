"""Who takes part: units, emulation blocks and clusters, dated memberships and leadership.

An :class:`Organisation` holds units (đơn vị), emulation groups (khối and cụm thi
đua), the memberships of units in groups over time with their roles, the events
that merged, split, renamed, dissolved or established units, and the rotation
orders groups agreed for their heads. It checks its references and terms when
built and answers the questions users ask: who were the members of a group on a
date, who headed it, and what became of a unit.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import itertools
from collections.abc import Callable, Iterable, Iterator
from typing import Final

import attrs

from thidua._base.text import nfc, nfc_or_none, vietnamese_sort_key
from thidua._base.validation import (
    code_tuple,
    code_validator,
    non_blank,
    optional_code,
    optional_non_blank,
    typed_fields,
    unique_codes,
    unique_names,
)
from thidua.errors import AmbiguousSuccessorError, InvalidModelError, UnknownCodeError

__all__ = [
    "HEAD_TITLES",
    "EmulationGroup",
    "FunctionTransfer",
    "GroupKind",
    "LeadershipSource",
    "Membership",
    "Organisation",
    "Role",
    "Rotation",
    "Unit",
    "UnitEvent",
    "UnitEventKind",
    "UnitKind",
]


#: The title of the head of each kind of body whose head's title the law fixes: a provincial
#: department's head is its Giám đốc, a ministry's its Bộ trưởng.
HEAD_TITLES: Final = {"department": "Giám đốc", "ministry": "Bộ trưởng"}


class UnitKind(enum.StrEnum):
    """What kind of body a unit is; groups may mix kinds."""

    MINISTRY = "ministry"
    """A ministry or ministry-level central body (Bộ, cơ quan ngang bộ)."""
    AGENCY = "agency"
    """Another state body or an office under a ministry or province (cơ quan, Cục, Vụ)."""
    PROVINCE = "province"
    """A province or centrally-run city (tỉnh, thành phố trực thuộc Trung ương)."""
    DEPARTMENT = "department"
    """A provincial department (Sở) or a department-level unit."""
    DISTRICT = "district"
    """A district-level unit (huyện, quận, thị xã, thành phố thuộc tỉnh); ended 01/7/2025."""
    COMMUNE = "commune"
    """A commune-level unit (xã, phường, thị trấn, đặc khu)."""
    SCHOOL = "school"
    """A school or other education institution."""
    POLICE_UNIT = "police-unit"
    """A police unit (đơn vị công an)."""
    ENTERPRISE = "enterprise"
    """An enterprise (doanh nghiệp)."""
    OTHER = "other"
    """Any other kind of body."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Unit:
    """A body that takes part in emulation (đơn vị).

    Args:
        code: Stable identifier, unique within the organisation. A unit that
            continues under another form after a merge or rename gets a new code;
            a :class:`UnitEvent` links the two.
        name: The unit's name in Vietnamese (NFC), e.g. "Sở Thông tin và Truyền thông Hà Nội".
        kind: What kind of body it is.
        official_code: Its code in an official register, if any, as written.
        short_name: A short name as people write it ("Sở TT&TT Hà Nội"), if any.
        head_title: The title its head signs under ("Giám đốc"); ``None`` for the title
            of its kind (see :attr:`signing_title`).
        collegial: Whether it works as a collegial body (an Ủy ban nhân dân, a council),
            whose papers are signed "TM." on behalf of the body; a department or a
            ministry works under one head and is not collegial.
    """

    code: str = attrs.field(validator=code_validator)
    name: str = attrs.field(converter=nfc, validator=non_blank)
    kind: UnitKind
    official_code: str | None = attrs.field(
        default=None, converter=nfc_or_none, validator=optional_non_blank
    )
    short_name: str | None = attrs.field(
        default=None, converter=nfc_or_none, validator=optional_non_blank
    )
    head_title: str | None = attrs.field(
        default=None, converter=nfc_or_none, validator=optional_non_blank
    )
    collegial: bool = False

    @property
    def signing_title(self) -> str | None:
        """The title its head signs under: ``head_title``, or the one of its kind, or ``None``."""
        return self.head_title or HEAD_TITLES.get(self.kind.value)


class UnitEventKind(enum.StrEnum):
    """What happened to units on an event's effective date."""

    MERGE = "merge"
    """Two or more units became one new unit."""
    SPLIT = "split"
    """One unit became two or more new units."""
    RENAME = "rename"
    """One unit continues as another (new name, new code)."""
    DISSOLVE = "dissolve"
    """One or more units ended with no successor."""
    ESTABLISH = "establish"
    """One or more units began with no predecessor."""


# (minimum predecessors, maximum or None, minimum successors, maximum or None)
_SHAPES: Final[dict[UnitEventKind, tuple[int, int | None, int, int | None]]] = {
    UnitEventKind.MERGE: (2, None, 1, 1),
    UnitEventKind.SPLIT: (1, 1, 2, None),
    UnitEventKind.RENAME: (1, 1, 1, 1),
    UnitEventKind.DISSOLVE: (1, None, 0, 0),
    UnitEventKind.ESTABLISH: (0, 0, 1, None),
}


def _count_text(low: int, high: int | None) -> str:
    if high is None:
        return f"at least {low}"
    return f"exactly {low}"


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class UnitEvent:
    """A merge, split, rename, dissolution or establishment of units.

    From ``effective`` on, the predecessors no longer exist and the successors
    do: a predecessor's memberships end before that day, a successor's start on
    or after it.

    Args:
        kind: What happened.
        effective: The first day of the new arrangement.
        predecessors: Codes of the units that ended (none for an establishment).
        successors: Codes of the units that began (none for a dissolution).
        basis: The legal basis as written ("Nghị định số 55/2025/NĐ-CP"), if recorded.
        note: Anything else worth keeping, in Vietnamese or English.

    Shapes: a merge has two or more predecessors and one successor; a split one
    predecessor and two or more successors; a rename one and one; a dissolution
    one or more predecessors and no successor; an establishment no predecessor
    and one or more successors. No unit is both a predecessor and a successor.
    """

    kind: UnitEventKind
    effective: dt.date
    predecessors: tuple[str, ...] = attrs.field(default=(), validator=code_tuple)
    successors: tuple[str, ...] = attrs.field(default=(), validator=code_tuple)
    basis: str | None = attrs.field(
        default=None, converter=nfc_or_none, validator=optional_non_blank
    )
    note: str | None = attrs.field(
        default=None, converter=nfc_or_none, validator=optional_non_blank
    )

    def __attrs_post_init__(self) -> None:
        low_p, high_p, low_s, high_s = _SHAPES[self.kind]
        for field, low, high, codes in (
            ("predecessors", low_p, high_p, self.predecessors),
            ("successors", low_s, high_s, self.successors),
        ):
            if len(codes) < low or (high is not None and len(codes) > high):
                msg = f"a {self.kind.value} has {_count_text(low, high)} {field} (got {len(codes)})"
                raise InvalidModelError(msg, path=field, code="event-shape")
        predecessors = set(self.predecessors)
        for index, code in enumerate(self.successors):
            if code in predecessors:
                msg = (
                    f"unit {code!r} cannot succeed itself: give the unit that carries on"
                    " a code of its own"
                )
                raise InvalidModelError(msg, path=f"successors[{index}]", code="self-successor")


class GroupKind(enum.StrEnum):
    """Whether an emulation group is a block or a cluster."""

    BLOCK = "block"
    """Khối thi đua: units alike in function; may hold clusters."""
    CLUSTER = "cluster"
    """Cụm thi đua: a sub-group, often geographic, optionally inside a block."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class EmulationGroup:
    """An emulation block (khối thi đua) or cluster (cụm thi đua).

    Args:
        code: Stable identifier, unique within the organisation.
        name: Its name in Vietnamese (NFC), e.g. "Cụm thi đua số 1".
        kind: Block or cluster.
        parent: The code of the block it belongs to, if any.
        description: Who it gathers, as written ("các tỉnh miền núi biên giới phía Bắc").
        framework: The framework whose rules apply, e.g. "BTTTT-QĐ1459-2019".
        issuer: Who organised it, as written ("Bộ Thông tin và Truyền thông").
        formed_by: The decision that formed it, as written
            ("Quyết định số 1459/QĐ-BTTTT ngày 09/9/2019").
        formed_on: The date it was formed, if known.
        formed_by_title: The own title (trích yếu) of the decision that formed it, as
            that decision writes it; ``None`` when not recorded (a "Căn cứ" line then
            gives the decision alone, never a subject made up from the group's name).
        ended_on: The first day the group no longer exists (re-formed or wound up),
            if it ended; every term in it ends before that day.
        successors: Codes of the groups that carry it on from ``ended_on``.
        ended_by: The decision or event that ended it, as written.
    """

    code: str = attrs.field(validator=code_validator)
    name: str = attrs.field(converter=nfc, validator=non_blank)
    kind: GroupKind
    parent: str | None = attrs.field(default=None, validator=optional_code)
    description: str | None = attrs.field(
        default=None, converter=nfc_or_none, validator=optional_non_blank
    )
    framework: str | None = attrs.field(
        default=None, converter=nfc_or_none, validator=optional_non_blank
    )
    issuer: str | None = attrs.field(
        default=None, converter=nfc_or_none, validator=optional_non_blank
    )
    formed_by: str | None = attrs.field(
        default=None, converter=nfc_or_none, validator=optional_non_blank
    )
    formed_on: dt.date | None = None
    formed_by_title: str | None = attrs.field(
        default=None, converter=nfc_or_none, validator=optional_non_blank
    )
    ended_on: dt.date | None = None
    successors: tuple[str, ...] = attrs.field(default=(), validator=code_tuple)
    ended_by: str | None = attrs.field(
        default=None, converter=nfc_or_none, validator=optional_non_blank
    )

    def __attrs_post_init__(self) -> None:
        if self.parent == self.code:
            msg = f"group {self.code!r} cannot be its own parent"
            raise InvalidModelError(msg, path="parent", code="parent-cycle")
        if self.successors and self.ended_on is None:
            msg = "a group with successors has ended: give ended_on"
            raise InvalidModelError(msg, path="ended_on", code="successor-without-end")
        if self.code in self.successors:
            msg = f"group {self.code!r} cannot succeed itself"
            raise InvalidModelError(msg, path="successors", code="self-successor")
        formed, ended = self.formed_on, self.ended_on
        if ended is not None and formed is not None and ended <= formed:
            msg = f"the group ends ({ended}) before it is formed ({formed})"
            raise InvalidModelError(msg, path="ended_on", code="invalid-term")

    def exists_on(self, on: dt.date) -> bool:
        """Tell whether the group exists on *on*: formed (if dated) and not ended.

        Args:
            on: The day asked about.
        """
        formed = self.formed_on is None or self.formed_on <= on
        return formed and (self.ended_on is None or on < self.ended_on)


class Role(enum.StrEnum):
    """A unit's role in a group."""

    HEAD = "head"
    """Trưởng cụm / trưởng khối: leads the group."""
    DEPUTY = "deputy"
    """Phó trưởng cụm / phó trưởng khối: helps the head and acts when delegated."""
    MEMBER = "member"
    """Đơn vị thành viên."""


class LeadershipSource(enum.StrEnum):
    """How a head or deputy came to the role, as recorded."""

    DESIGNATED = "designated"
    """Named by the authority over the group (the Minister named Cluster 2's heads in 2019)."""
    ELECTED = "elected"
    """Chosen by the members, usually at the year-end meeting."""
    ROTATION = "rotation"
    """Taken in turn from an order the members agreed (see :class:`Rotation`)."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Membership:
    """A unit's place in a group over a term, with its role.

    A head or deputy is a membership with that role; its ``basis`` names the
    decision or meeting that gave the role. When a unit's role changes, its
    term in one role ends and a term in the other begins.

    Args:
        unit: The member unit's code.
        group: The group's code.
        role: Head, deputy or member.
        valid_from: The first day of the term.
        valid_to: The last day of the term (inclusive); ``None`` while it runs.
            Terms may cross calendar years.
        leadership: How a head or deputy came to the role, if recorded; only
            for heads and deputies.
        basis: The decision or meeting the term rests on, as written.
    """

    unit: str = attrs.field(validator=code_validator)
    group: str = attrs.field(validator=code_validator)
    role: Role = Role.MEMBER
    valid_from: dt.date
    valid_to: dt.date | None = None
    leadership: LeadershipSource | None = None
    basis: str | None = attrs.field(
        default=None, converter=nfc_or_none, validator=optional_non_blank
    )

    def __attrs_post_init__(self) -> None:
        if self.valid_to is not None and self.valid_to < self.valid_from:
            msg = f"the term ends ({self.valid_to}) before it starts ({self.valid_from})"
            raise InvalidModelError(msg, path="valid_to", code="invalid-term")
        if self.leadership is not None and self.role is Role.MEMBER:
            msg = "only a head or deputy has a leadership source; this membership is a member's"
            raise InvalidModelError(msg, path="leadership", code="leadership-on-member")

    def covers(self, on: dt.date) -> bool:
        """Tell whether the term includes the day *on*.

        Args:
            on: The day asked about.
        """
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Rotation:
    """An order in which the members of a group agreed to take the head's or the deputy's role.

    The library gives the next holder from this order; it never picks one that no
    record or agreed order gives. A group may agree one order for its head and one
    for its deputy (Hà Nội's clusters rotate both, HD 01/HD-HĐTĐKT of 20/4/2021).

    Args:
        group: The group's code.
        order: The units' codes in the agreed order; distinct.
        agreed_on: The day the members agreed the order.
        basis: The meeting or document that records it, as written.
        role: The role that rotates: head (the default) or deputy.
    """

    group: str = attrs.field(validator=code_validator)
    order: tuple[str, ...] = attrs.field(validator=code_tuple)
    agreed_on: dt.date
    basis: str | None = attrs.field(
        default=None, converter=nfc_or_none, validator=optional_non_blank
    )
    role: Role = Role.HEAD

    def __attrs_post_init__(self) -> None:
        if not self.order:
            raise InvalidModelError(
                "a rotation needs at least one unit", path="order", code="empty"
            )
        if self.role is Role.MEMBER:
            msg = "only the head's and the deputy's roles rotate"
            raise InvalidModelError(msg, path="role", code="rotation-role")

    def _position(self, unit_code: str) -> int:
        try:
            return self.order.index(unit_code)
        except ValueError:
            msg = f"unit {unit_code!r} is not in the agreed rotation of group {self.group!r}"
            raise UnknownCodeError(msg) from None

    def next_after(self, unit_code: str) -> str:
        """Return the unit after *unit_code* in the agreed order, wrapping at the end.

        Args:
            unit_code: The current head's code.

        Raises:
            UnknownCodeError: *unit_code* is not in the order.
        """
        return self.order[(self._position(unit_code) + 1) % len(self.order)]

    def next_head(self, current: str, *, on: dt.date, organisation: Organisation) -> str | None:
        """Return the next holder after *current*, skipping units not members on *on*.

        For a deputy's rotation (``role`` deputy) the answer is the next deputy.

        Units of the order are tried from the one after *current*, wrapping; the
        first that is a member of the group on *on* (in any role) is the answer,
        *current* itself last. ``None`` when no unit of the order is a member then:
        the library does not guess.

        Args:
            current: The code of the head whose term ends.
            on: The day the next head takes office.
            organisation: Where memberships are looked up.

        Raises:
            UnknownCodeError: *current* is not in the order, or the group or a unit
                of the order is not in *organisation*.
        """
        start = self._position(current)
        size = len(self.order)
        for step in range(1, size + 1):
            candidate = self.order[(start + step) % size]
            if organisation.is_member(candidate, self.group, on):
                return candidate
        return None


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class FunctionTransfer:
    """A function (an area of state management) that moved from one unit to another.

    In 2025 press and publishing went from the information departments to the culture
    departments while the rest of their work went to the science and technology
    departments; a commitment's area then has its own successor, not the unit's.

    Args:
        area: The area as commitments name it ("Báo chí, truyền thông").
        from_unit: The unit that held it until the day before ``effective``.
        to_unit: The unit that holds it from ``effective``.
        effective: The first day the new unit holds it.
        basis: The legal basis as written, if recorded.
    """

    area: str = attrs.field(converter=nfc, validator=non_blank)
    from_unit: str = attrs.field(validator=code_validator)
    to_unit: str = attrs.field(validator=code_validator)
    effective: dt.date
    basis: str | None = attrs.field(
        default=None, converter=nfc_or_none, validator=optional_non_blank
    )

    def __attrs_post_init__(self) -> None:
        if self.from_unit == self.to_unit:
            msg = f"unit {self.to_unit!r} cannot take a function from itself"
            raise InvalidModelError(msg, path="to_unit", code="self-successor")


def _overlaps(first: Membership, second: Membership) -> bool:
    """Whether two terms overlap; *first* starts no later than *second*."""
    return first.valid_to is None or first.valid_to >= second.valid_from


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Organisation:
    """Units, emulation groups and memberships over time: the thing users load.

    Checked when built (and on :func:`attrs.evolve`): unit and group codes are
    unique; every reference names a known unit or group; a group's parent is a
    block and parents do not loop; each unit begins and ends at most once, and
    begins before it ends; a unit's terms in a group do not overlap and fall
    within its life; a group has at most one head on any day; a rotation names
    known, distinct units, one rotation per group, role and day; a group that ended
    holds no term from its end and names known successors; a function transfer
    names known units.

    Queries name units and groups by code and raise :class:`~thidua.errors.UnknownCodeError`
    (a :class:`KeyError`) for a code the organisation does not hold.

    Args:
        units: Every unit, including those that merged or ended.
        groups: Blocks and clusters.
        memberships: Terms of units in groups, with roles.
        events: Merges, splits, renames, dissolutions and establishments.
        rotations: Orders groups agreed for their heads and deputies.
        transfers: Functions that moved from one unit to another.
    """

    units: tuple[Unit, ...] = ()
    groups: tuple[EmulationGroup, ...] = ()
    memberships: tuple[Membership, ...] = ()
    events: tuple[UnitEvent, ...] = ()
    rotations: tuple[Rotation, ...] = ()
    transfers: tuple[FunctionTransfer, ...] = ()

    def __attrs_post_init__(self) -> None:
        unique_codes(self.units, "units")
        unique_codes(self.groups, "groups")
        unique_names(self.groups, "groups")
        self._check_groups()
        self._check_events()
        self._check_memberships()
        self._check_rotations()
        for index, transfer in enumerate(self.transfers):
            self._check_unit_ref(transfer.from_unit, f"transfers[{index}].from_unit")
            self._check_unit_ref(transfer.to_unit, f"transfers[{index}].to_unit")

    # -- construction checks -------------------------------------------------

    def _check_groups(self) -> None:
        groups = self._groups_by_code
        index_of = {group.code: index for index, group in enumerate(self.groups)}
        for index, group in enumerate(self.groups):
            for position, successor in enumerate(group.successors):
                if successor not in groups:
                    msg = f"unknown group {successor!r}"
                    raise InvalidModelError(
                        msg, path=f"groups[{index}].successors[{position}]", code="unknown-group"
                    )
            if group.parent is None:
                continue
            path = f"groups[{index}].parent"
            parent_group = groups.get(group.parent)
            if parent_group is None:
                msg = f"unknown group {group.parent!r}"
                raise InvalidModelError(msg, path=path, code="unknown-group")
            if parent_group.kind is not GroupKind.BLOCK:
                kind = parent_group.kind.value
                msg = f"parent {group.parent!r} is a {kind}; only a block holds groups"
                raise InvalidModelError(msg, path=path, code="parent-not-block")
        acyclic: set[str] = set()
        for group in self.groups:
            # The chain as a list (for the message) and as a dict of positions (for an
            # O(1) test): every group joins `acyclic` once, so the whole check is O(n).
            chain = [group.code]
            positions = {group.code: 0}
            parent = group.parent
            while parent is not None and parent not in acyclic:
                if parent in positions:
                    loop = " -> ".join([*chain[positions[parent] :], parent])
                    msg = f"parents loop: {loop}"
                    raise InvalidModelError(
                        msg, path=f"groups[{index_of[parent]}].parent", code="parent-cycle"
                    )
                positions[parent] = len(chain)
                chain.append(parent)
                parent = groups[parent].parent
            acyclic.update(chain)

    def _check_unit_ref(self, code: str, path: str) -> None:
        if code not in self._units_by_code:
            raise InvalidModelError(f"unknown unit {code!r}", path=path, code="unknown-unit")

    def _check_events(self) -> None:
        for index, event in enumerate(self.events):
            for field in ("predecessors", "successors"):
                for position, code in enumerate(getattr(event, field)):
                    self._check_unit_ref(code, f"events[{index}].{field}[{position}]")
        # Building the indexes checks that a unit begins and ends at most once.
        created, ended = self._created_by, self._ended_by
        for code, end in ended.items():
            begin = created.get(code)
            if begin is not None and self.events[begin].effective >= self.events[end].effective:
                msg = (
                    f"unit {code!r} ends on {self.events[end].effective} but begins on"
                    f" {self.events[begin].effective} (events[{begin}]); it must begin first"
                )
                raise InvalidModelError(msg, path=f"events[{end}].effective", code="event-order")

    def _check_memberships(self) -> None:
        terms: dict[tuple[str, str], list[int]] = {}
        heads: dict[str, list[int]] = {}
        for index, membership in enumerate(self.memberships):
            self._check_unit_ref(membership.unit, f"memberships[{index}].unit")
            if membership.group not in self._groups_by_code:
                msg = f"unknown group {membership.group!r}"
                raise InvalidModelError(
                    msg, path=f"memberships[{index}].group", code="unknown-group"
                )
            self._check_lifetime(index, membership)
            ended = self._groups_by_code[membership.group].ended_on
            if ended is not None and (membership.valid_to is None or membership.valid_to >= ended):
                msg = (
                    f"group {membership.group!r} ends on {ended}; its terms must end before {ended}"
                )
                raise InvalidModelError(
                    msg, path=f"memberships[{index}].valid_to", code="membership-after-group"
                )
            terms.setdefault((membership.unit, membership.group), []).append(index)
            if membership.role is Role.HEAD:
                heads.setdefault(membership.group, []).append(index)
        for (unit, group), indexes in terms.items():
            self._check_no_overlap(
                indexes,
                "overlapping-membership",
                f"unit {unit!r} already holds a term in group {group!r}",
            )
        for group, indexes in heads.items():
            self._check_no_overlap(
                indexes, "overlapping-heads", f"group {group!r} already has a head"
            )

    def _check_lifetime(self, index: int, membership: Membership) -> None:
        begin = self._created_by.get(membership.unit)
        if begin is not None and membership.valid_from < self.events[begin].effective:
            msg = (
                f"unit {membership.unit!r} begins on {self.events[begin].effective}"
                f" (events[{begin}]); its term cannot start before"
            )
            raise InvalidModelError(
                msg, path=f"memberships[{index}].valid_from", code="membership-before-unit"
            )
        end = self._ended_by.get(membership.unit)
        if end is not None:
            effective = self.events[end].effective
            if membership.valid_to is None or membership.valid_to >= effective:
                msg = (
                    f"unit {membership.unit!r} ends on {effective} (events[{end}]);"
                    f" its term must end before {effective}"
                )
                raise InvalidModelError(
                    msg, path=f"memberships[{index}].valid_to", code="membership-after-unit"
                )

    def _check_no_overlap(self, indexes: list[int], code: str, what: str) -> None:
        ordered = sorted(indexes, key=lambda i: (self.memberships[i].valid_from, i))
        for before, after in itertools.pairwise(ordered):
            if _overlaps(self.memberships[before], self.memberships[after]):
                msg = f"{what} on these days (memberships[{before}])"
                raise InvalidModelError(msg, path=f"memberships[{after}].valid_from", code=code)

    def _check_rotations(self) -> None:
        agreed: dict[tuple[str, Role, dt.date], int] = {}
        for index, rotation in enumerate(self.rotations):
            if rotation.group not in self._groups_by_code:
                msg = f"unknown group {rotation.group!r}"
                raise InvalidModelError(msg, path=f"rotations[{index}].group", code="unknown-group")
            for position, code in enumerate(rotation.order):
                self._check_unit_ref(code, f"rotations[{index}].order[{position}]")
            key = (rotation.group, rotation.role, rotation.agreed_on)
            if key in agreed:
                msg = (
                    f"group {rotation.group!r} already agreed a {rotation.role.value}'s rotation on"
                    f" {rotation.agreed_on} (rotations[{agreed[key]}])"
                )
                raise InvalidModelError(
                    msg, path=f"rotations[{index}].agreed_on", code="duplicate-rotation"
                )
            agreed[key] = index

    # -- indexes ---------------------------------------------------------------

    @functools.cached_property
    def _units_by_code(self) -> dict[str, Unit]:
        return {unit.code: unit for unit in self.units}

    @functools.cached_property
    def _groups_by_code(self) -> dict[str, EmulationGroup]:
        return {group.code: group for group in self.groups}

    def _event_index(self, field: str, code_name: str) -> dict[str, int]:
        found: dict[str, int] = {}
        for index, event in enumerate(self.events):
            for position, code in enumerate(getattr(event, field)):
                if code in found:
                    msg = f"unit {code!r} already {code_name} in events[{found[code]}]"
                    raise InvalidModelError(
                        msg,
                        path=f"events[{index}].{field}[{position}]",
                        code=f"unit-{code_name.replace(' ', '-')}-twice",
                    )
                found[code] = index
        return found

    @functools.cached_property
    def _created_by(self) -> dict[str, int]:
        """Each unit that an event began, and that event's index."""
        return self._event_index("successors", "begins")

    @functools.cached_property
    def _ended_by(self) -> dict[str, int]:
        """Each unit that an event ended, and that event's index."""
        return self._event_index("predecessors", "ends")

    @functools.cached_property
    def _memberships_by_group(self) -> dict[str, tuple[Membership, ...]]:
        """Each group's memberships, ordered by unit name, unit code and start."""
        found: dict[str, list[Membership]] = {group.code: [] for group in self.groups}
        for membership in self.memberships:
            found[membership.group].append(membership)
        return {
            code: tuple(sorted(items, key=self._membership_key)) for code, items in found.items()
        }

    @functools.cached_property
    def _memberships_by_unit(self) -> dict[str, tuple[Membership, ...]]:
        found: dict[str, list[Membership]] = {}
        for membership in self.memberships:
            found.setdefault(membership.unit, []).append(membership)
        return {
            code: tuple(sorted(items, key=lambda m: (m.valid_from, m.group)))
            for code, items in found.items()
        }

    @functools.cached_property
    def _subgroups(self) -> dict[str, tuple[EmulationGroup, ...]]:
        found: dict[str, list[EmulationGroup]] = {}
        for group in self.groups:
            if group.parent is not None:
                found.setdefault(group.parent, []).append(group)
        return {code: tuple(items) for code, items in found.items()}

    @functools.cached_property
    def _rotations_by_group(self) -> dict[str, tuple[Rotation, ...]]:
        found: dict[str, list[Rotation]] = {}
        for rotation in self.rotations:
            found.setdefault(rotation.group, []).append(rotation)
        return {
            code: tuple(sorted(items, key=lambda r: r.agreed_on)) for code, items in found.items()
        }

    def _membership_key(self, membership: Membership) -> tuple[object, ...]:
        unit = self._units_by_code[membership.unit]
        return (vietnamese_sort_key(unit.name), unit.code, membership.valid_from, membership.group)

    # -- queries ---------------------------------------------------------------

    def unit(self, code: str) -> Unit:
        """Return the unit with *code*.

        Args:
            code: The unit's code.

        Raises:
            UnknownCodeError: No unit has *code*.
        """
        try:
            return self._units_by_code[code]
        except KeyError:
            raise UnknownCodeError(f"unknown unit {code!r}") from None

    def group(self, code: str) -> EmulationGroup:
        """Return the block or cluster with *code*.

        Args:
            code: The group's code.

        Raises:
            UnknownCodeError: No group has *code*.
        """
        try:
            return self._groups_by_code[code]
        except KeyError:
            raise UnknownCodeError(f"unknown group {code!r}") from None

    def subgroups(self, block_code: str) -> tuple[EmulationGroup, ...]:
        """Return the groups directly inside a block, in the order they were given.

        Args:
            block_code: The block's code.

        Raises:
            UnknownCodeError: No group has *block_code*.
        """
        self.group(block_code)
        return self._subgroups.get(block_code, ())

    def _descendants(self, group_code: str) -> Iterator[str]:
        yield group_code
        for child in self._subgroups.get(group_code, ()):
            yield from self._descendants(child.code)

    def members_on(
        self, group: str, on: dt.date, *, include_subgroups: bool = False
    ) -> tuple[Membership, ...]:
        """Return the memberships of *group* in force on *on*, heads and deputies included.

        Ordered by the unit's name in Vietnamese dictionary order, then unit code.

        Args:
            group: The group's code.
            on: The day asked about.
            include_subgroups: Also list the memberships of the groups inside it,
                at any depth (a block's clusters).

        Raises:
            UnknownCodeError: No group has *group*.
        """
        self.group(group)
        codes = self._descendants(group) if include_subgroups else iter((group,))
        found = [
            membership
            for code in codes
            for membership in self._memberships_by_group[code]
            if membership.covers(on)
        ]
        if include_subgroups:
            found.sort(key=self._membership_key)
        return tuple(found)

    def is_member(self, unit: str, group: str, on: dt.date) -> bool:
        """Tell whether *unit* belongs to *group* on *on*, in any role.

        Args:
            unit: The unit's code.
            group: The group's code.
            on: The day asked about.

        Raises:
            UnknownCodeError: The unit or the group is unknown.
        """
        self.unit(unit)
        self.group(group)
        return any(
            m.group == group and m.covers(on) for m in self._memberships_by_unit.get(unit, ())
        )

    def memberships_of(self, unit: str, on: dt.date | None = None) -> tuple[Membership, ...]:
        """Return a unit's memberships, by start date; only those in force on *on* if given.

        Args:
            unit: The unit's code.
            on: The day asked about; ``None`` for every term.

        Raises:
            UnknownCodeError: No unit has *unit*.
        """
        self.unit(unit)
        terms = self._memberships_by_unit.get(unit, ())
        return terms if on is None else tuple(m for m in terms if m.covers(on))

    def _holders(self, group: str, on: dt.date, role: Role) -> tuple[Unit, ...]:
        return tuple(
            self._units_by_code[m.unit] for m in self.members_on(group, on) if m.role is role
        )

    def head_on(self, group: str, on: dt.date) -> Unit | None:
        """Return the unit that headed *group* on *on*, or ``None`` if none is recorded.

        Args:
            group: The group's code.
            on: The day asked about.

        Raises:
            UnknownCodeError: No group has *group*.
        """
        heads = self._holders(group, on, Role.HEAD)
        return heads[0] if heads else None

    def deputies_on(self, group: str, on: dt.date) -> tuple[Unit, ...]:
        """Return the deputies of *group* on *on*, by name.

        Args:
            group: The group's code.
            on: The day asked about.

        Raises:
            UnknownCodeError: No group has *group*.
        """
        return self._holders(group, on, Role.DEPUTY)

    def rotation_on(self, group: str, on: dt.date, role: Role = Role.HEAD) -> Rotation | None:
        """Return the rotation of *group* for *role* agreed most recently by *on*, if any.

        Args:
            group: The group's code.
            on: The day asked about.
            role: The head's rotation (the default) or the deputy's.

        Raises:
            UnknownCodeError: No group has *group*.
        """
        self.group(group)
        found = None
        for rotation in self._rotations_by_group.get(group, ()):
            if rotation.agreed_on <= on and rotation.role is role:
                found = rotation
        return found

    def group_successors(self, group: str, on: dt.date) -> tuple[str, ...]:
        """Return the groups that carry *group* on as of *on*, following ends in effect by then.

        The group itself while it has not ended; its successors' current successors
        after it ended; nothing when it ended with none recorded.

        Args:
            group: The group's code.
            on: The day asked about.

        Raises:
            UnknownCodeError: No group has *group*.
        """
        found: list[str] = []
        pending = [group]
        seen: set[str] = set()
        while pending:
            code = pending.pop()
            if code in seen:
                continue
            seen.add(code)
            current = self.group(code)
            if current.ended_on is not None and current.ended_on <= on:
                pending.extend(reversed(current.successors))
            elif code not in found:
                found.append(code)
        return tuple(found)

    def holders_of(self, unit: str, area: str, on: dt.date) -> tuple[str, ...]:
        """Return the units that hold *unit*'s *area* of work on *on*.

        A function transfer of *area* away from a unit, in effect by *on*, is followed
        first; otherwise the unit's successors after a merge, split or rename (as in
        :meth:`current_successors`). So a 2019 commitment on the press of a Sở TT&TT
        is held in 2025 by the culture department, not by the merged science department.

        Args:
            unit: The unit that made the commitment.
            area: The commitment's area, as the transfers name it.
            on: The day asked about.

        Raises:
            UnknownCodeError: No unit has *unit*.
        """
        self.unit(unit)
        wanted = nfc(area)
        found: list[str] = []
        pending = [unit]
        seen: set[str] = set()
        while pending:
            code = pending.pop()
            if code in seen:
                continue
            seen.add(code)
            moved = [
                t
                for t in self.transfers
                if t.from_unit == code and t.area == wanted and t.effective <= on
            ]
            end = self._ended_by.get(code)
            if moved:
                pending.extend(t.to_unit for t in reversed(moved))
            elif end is not None and self.events[end].effective <= on:
                pending.extend(reversed(self.events[end].successors))
            elif code not in found:
                found.append(code)
        return tuple(found)

    def exists_on(self, unit: str, on: dt.date) -> bool:
        """Tell whether *unit* exists on *on*: begun (if an event began it) and not ended.

        Args:
            unit: The unit's code.
            on: The day asked about.

        Raises:
            UnknownCodeError: No unit has *unit*.
        """
        self.unit(unit)
        begin = self._created_by.get(unit)
        end = self._ended_by.get(unit)
        return (begin is None or self.events[begin].effective <= on) and (
            end is None or on < self.events[end].effective
        )

    def predecessors_of(self, unit: str) -> tuple[str, ...]:
        """Return the codes of the units *unit* directly succeeded (empty if none).

        Args:
            unit: The unit's code.

        Raises:
            UnknownCodeError: No unit has *unit*.
        """
        self.unit(unit)
        begin = self._created_by.get(unit)
        return () if begin is None else self.events[begin].predecessors

    def successors_of(self, unit: str) -> tuple[str, ...]:
        """Return the codes of the units that directly succeeded *unit* (empty if none).

        Args:
            unit: The unit's code.

        Raises:
            UnknownCodeError: No unit has *unit*.
        """
        self.unit(unit)
        end = self._ended_by.get(unit)
        return () if end is None else self.events[end].successors

    def _walk(
        self, unit: str, index: dict[str, int], step: Callable[[UnitEvent], Iterable[str]]
    ) -> set[int]:
        found: set[int] = set()
        pending = [unit]
        while pending:
            event = index.get(pending.pop())
            if event is not None and event not in found:
                found.add(event)
                pending.extend(step(self.events[event]))
        return found

    def history(self, unit: str) -> tuple[UnitEvent, ...]:
        """Return the events in a unit's line, by effective date.

        The line runs back through its predecessors (the events that began the
        unit and each of its ancestors) and forward through its successors (the
        events that ended the unit and each of its descendants).

        Args:
            unit: The unit's code.

        Raises:
            UnknownCodeError: No unit has *unit*.
        """
        self.unit(unit)
        back = self._walk(unit, self._created_by, lambda event: event.predecessors)
        forward = self._walk(unit, self._ended_by, lambda event: event.successors)
        ordered = sorted(back | forward, key=lambda i: (self.events[i].effective, i))
        return tuple(self.events[i] for i in ordered)

    def current_successors(self, unit: str, on: dt.date) -> tuple[str, ...]:
        """Return the units that carry *unit* on as of *on*, following events in effect by then.

        The unit itself while no event has ended it; its successors' current
        successors after a merge, split or rename, in the order the events list
        them; nothing after a dissolution.

        Args:
            unit: The unit's code.
            on: The day asked about; events effective later are not followed.

        Raises:
            UnknownCodeError: No unit has *unit*.
        """
        self.unit(unit)
        # Depth first, each unit once: a unit reached again through another path (a
        # split whose parts merge again) gives the same successors, already found. So
        # the walk is linear in the events followed, not in the paths through them.
        found: dict[str, None] = {}
        seen: set[str] = set()
        pending = [unit]
        while pending:
            code = pending.pop()
            if code in seen:
                continue
            seen.add(code)
            end = self._ended_by.get(code)
            if end is not None and self.events[end].effective <= on:
                pending.extend(reversed(self.events[end].successors))
            else:
                found[code] = None
        return tuple(found)

    def current_successor(self, unit: str, on: dt.date) -> str | None:
        """Return the one unit that carries *unit* on as of *on*, or ``None`` if it was dissolved.

        Args:
            unit: The unit's code.
            on: The day asked about.

        Raises:
            UnknownCodeError: No unit has *unit*.
            AmbiguousSuccessorError: The unit's line split; use :meth:`current_successors`.
        """
        found = self.current_successors(unit, on)
        if len(found) > 1:
            msg = (
                f"unit {unit!r} is carried on by {len(found)} units on {on}"
                f" ({', '.join(found)}); use current_successors()"
            )
            raise AmbiguousSuccessorError(msg)
        return found[0] if found else None
