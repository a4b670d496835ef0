"""Organisation models: units, blocks and clusters, dated memberships, leadership, 2025 events."""

from __future__ import annotations

import copy
import datetime as dt
import pickle
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from thidua import (
    AmbiguousSuccessorError,
    EmulationGroup,
    GroupKind,
    InvalidModelError,
    LeadershipSource,
    Membership,
    Organisation,
    Role,
    Rotation,
    StructureError,
    Unit,
    UnitEvent,
    UnitEventKind,
    UnitKind,
    UnknownCodeError,
    vietnamese_sort_key,
)
from thidua._organisation import FunctionTransfer
from thidua.serialization import dumps, loads, structure, unstructure
from thidua.strategies import (
    groups,
    memberships,
    organisations,
    rotations,
    unit_events,
    units,
)

D = dt.date
DATA = Path(__file__).parent / "data"
GOLDEN = DATA / "organisation_btttt_2019.json"

# --- The BTTTT block fixture (DOMAIN §3.2) and the 2025 restructuring (DOMAIN §5.2) -------

QD_1459 = "Quyết định số 1459/QĐ-BTTTT ngày 09/9/2019"
FORMED = D(2019, 9, 9)
# Sở TT&TT no longer exist from 01/3/2025: their terms in the block end the day before.
LAST_DAY_OF_SO_TTTT = D(2025, 2, 28)
MARCH = D(2025, 3, 1)
JULY = D(2025, 7, 1)
# Thừa Thiên Huế became Thành phố Huế, a centrally-run city, from 01/01/2025.
HUE = D(2025, 1, 1)
NQ_175 = "Nghị quyết số 175/2024/QH15 ngày 30/11/2024"
SO_TTTT_ENDED = "Sở Thông tin và Truyền thông hợp nhất vào Sở Khoa học và Công nghệ từ 01/3/2025"

CLUSTERS: list[tuple[str, list[str]]] = [
    ("Sở TT&TT thành phố trực thuộc Trung ương",
     ["Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ"]),
    ("các tỉnh miền núi biên giới phía Bắc",
     ["Sơn La", "Lai Châu", "Điện Biên", "Lào Cai", "Hà Giang", "Cao Bằng", "Lạng Sơn"]),
    ("các tỉnh đồng bằng sông Hồng",
     ["Vĩnh Phúc", "Bắc Ninh", "Hải Dương", "Hưng Yên", "Quảng Ninh", "Hà Nam", "Nam Định",
      "Thái Bình", "Ninh Bình"]),
    ("các tỉnh trung du và miền núi phía Bắc",
     ["Hòa Bình", "Bắc Kạn", "Phú Thọ", "Bắc Giang", "Thái Nguyên", "Tuyên Quang", "Yên Bái"]),
    ("các tỉnh Trung Bộ",
     ["Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Bình", "Quảng Trị", "Thừa Thiên Huế"]),
    ("các tỉnh Tây Nguyên và Duyên hải miền Trung",
     ["Đắk Lắk", "Gia Lai", "Kon Tum", "Lâm Đồng", "Đắk Nông", "Quảng Nam", "Quảng Ngãi",
      "Bình Định", "Phú Yên", "Khánh Hòa"]),
    ("các tỉnh miền Đông Nam Bộ",
     ["Đồng Nai", "Bình Dương", "Bình Phước", "Tây Ninh", "Bình Thuận", "Ninh Thuận",
      "Bà Rịa - Vũng Tàu"]),
    ("các tỉnh miền Tây Nam Bộ",
     ["Tiền Giang", "Long An", "Bến Tre", "Trà Vinh", "Vĩnh Long", "Đồng Tháp", "An Giang",
      "Kiên Giang", "Hậu Giang", "Sóc Trăng", "Cà Mau", "Bạc Liêu"]),
]  # fmt: skip

# Provinces merged from 01/7/2025 (DOMAIN §5.2): new unit <- predecessors.
PROVINCE_MERGES: dict[str, tuple[str, list[str]]] = {
    "tp-hai-phong-2025": ("Hải Phòng", ["Hải Dương", "Hải Phòng"]),
    "tp-ho-chi-minh-2025": ("Hồ Chí Minh", ["Bình Dương", "Hồ Chí Minh", "Bà Rịa - Vũng Tàu"]),
    "tp-can-tho-2025": ("Cần Thơ", ["Sóc Trăng", "Hậu Giang", "Cần Thơ"]),
    "tp-da-nang-2025": ("Đà Nẵng", ["Quảng Nam", "Đà Nẵng"]),
}
CITIES = {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ"}
# Provinces whose Sở TT&TT and Sở KH&CN merging from 01/3/2025 the fixture records.
DEPARTMENT_MERGES = [*sorted(CITIES), "Hải Dương"]
DISTRICTS = ["Ninh Kiều", "Bình Thủy", "Cái Răng"]
UNVERIFIED_RESOLUTION = (
    "Nghị quyết sắp xếp đơn vị hành chính cấp tỉnh: số hiệu UNVERIFIED"
    " (thường dẫn là 202/2025/QH15)"
)


def slug(name: str) -> str:
    """ASCII code from a Vietnamese name: "Đà Nẵng" -> "da-nang"."""
    plain = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    ascii_ = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_).split())


def so_tttt(province: str) -> str:
    """Code of a province's Sở TT&TT (Bạc Liêu takes part with its Sở VHTTDL)."""
    return "so-vhttdl-bac-lieu" if province == "Bạc Liêu" else f"so-tttt-{slug(province)}"


def province_code(province: str) -> str:
    """Code of a province before 01/7/2025."""
    return f"{'tp' if province in CITIES else 'tinh'}-{slug(province)}"


def build_block() -> Organisation:
    """The BTTTT block of 2019 with its 8 clusters, and the 2025 events around it."""
    unit_list: list[Unit] = []
    group_list = [
        EmulationGroup(
            code="khoi-so-tttt",
            name="Khối thi đua Sở Thông tin và Truyền thông các tỉnh, thành phố trực thuộc"
            " Trung ương",
            kind=GroupKind.BLOCK,
            framework="BTTTT-QĐ1459-2019",
            issuer="Bộ Thông tin và Truyền thông",
            formed_by=QD_1459,
            formed_on=FORMED,
            ended_on=MARCH,
            ended_by=SO_TTTT_ENDED,
        )
    ]
    member_list: list[Membership] = []
    for number, (description, provinces) in enumerate(CLUSTERS, start=1):
        cluster = f"cum-{number}"
        group_list.append(
            EmulationGroup(
                code=cluster,
                name=f"Cụm thi đua số {number}",
                kind=GroupKind.CLUSTER,
                parent="khoi-so-tttt",
                description=description,
                framework="BTTTT-QĐ1459-2019",
                issuer="Bộ Thông tin và Truyền thông",
                formed_by=QD_1459,
                formed_on=FORMED,
                ended_on=MARCH,
                ended_by=SO_TTTT_ENDED,
            )
        )
        for province in provinces:
            if province == "Bạc Liêu":
                name = "Sở Văn hóa, Thông tin, Thể thao và Du lịch Bạc Liêu"
                short = "Sở VHTTDL Bạc Liêu"
            else:
                name = f"Sở Thông tin và Truyền thông {province}"
                short = f"Sở TT&TT {province}"
            code = so_tttt(province)
            unit_list.append(Unit(code=code, name=name, kind=UnitKind.DEPARTMENT, short_name=short))
            member_list.extend(terms_of(code, cluster))
            if province == "Thừa Thiên Huế":
                member_list.append(
                    Membership(
                        unit="so-tttt-hue",
                        group=cluster,
                        valid_from=HUE,
                        valid_to=LAST_DAY_OF_SO_TTTT,
                        basis=NQ_175,
                    )
                )
    unit_list.append(
        Unit(
            code="so-tttt-hue",
            name="Sở Thông tin và Truyền thông thành phố Huế",
            kind=UnitKind.DEPARTMENT,
            short_name="Sở TT&TT Huế",
        )
    )
    unit_list += [
        Unit(code="bo-tttt", name="Bộ Thông tin và Truyền thông", kind=UnitKind.MINISTRY),
        Unit(code="bo-khcn", name="Bộ Khoa học và Công nghệ", kind=UnitKind.MINISTRY),
        Unit(code="bo-khcn-2025", name="Bộ Khoa học và Công nghệ", kind=UnitKind.MINISTRY),
    ]
    events = [
        UnitEvent(
            kind=UnitEventKind.RENAME,
            effective=HUE,
            predecessors=("so-tttt-thua-thien-hue",),
            successors=("so-tttt-hue",),
            basis=NQ_175,
        ),
        UnitEvent(
            kind=UnitEventKind.MERGE,
            effective=MARCH,
            predecessors=("bo-tttt", "bo-khcn"),
            successors=("bo-khcn-2025",),
            basis="Nghị định số 55/2025/NĐ-CP",
        ),
    ]
    for province in DEPARTMENT_MERGES:
        old, new = f"so-khcn-{slug(province)}", f"so-khcn-{slug(province)}-2025-03"
        for code in (old, new):
            name = f"Sở Khoa học và Công nghệ {province}"
            unit_list.append(Unit(code=code, name=name, kind=UnitKind.DEPARTMENT))
        events.append(
            UnitEvent(
                kind=UnitEventKind.MERGE,
                effective=MARCH,
                predecessors=(so_tttt(province), old),
                successors=(new,),
                note="Each province merged its departments by its own decision;"
                " the decision is not recorded here.",
            )
        )
    # Illustrative, not from DOMAIN: the merged departments of merged provinces merged too.
    unit_list.append(
        Unit(
            code="so-khcn-hai-phong-2025-07",
            name="Sở Khoa học và Công nghệ thành phố Hải Phòng",
            kind=UnitKind.DEPARTMENT,
        )
    )
    events.append(
        UnitEvent(
            kind=UnitEventKind.MERGE,
            effective=JULY,
            predecessors=("so-khcn-hai-duong-2025-03", "so-khcn-hai-phong-2025-03"),
            successors=("so-khcn-hai-phong-2025-07",),
            note="Illustrative: follows the merger of the provinces; basis not recorded.",
        )
    )
    known = {u.code for u in unit_list}
    for new, (city, provinces) in PROVINCE_MERGES.items():
        for province in provinces:
            if province_code(province) not in known:
                kind = UnitKind.PROVINCE
                unit_list.append(Unit(code=province_code(province), name=province, kind=kind))
        unit_list.append(Unit(code=new, name=f"Thành phố {city}", kind=UnitKind.PROVINCE))
        events.append(
            UnitEvent(
                kind=UnitEventKind.MERGE,
                effective=JULY,
                predecessors=tuple(province_code(p) for p in provinces),
                successors=(new,),
                note=UNVERIFIED_RESOLUTION,
            )
        )
    # Illustrative cluster of district-level units of Cần Thơ, which ended on 01/7/2025.
    group_list.append(
        EmulationGroup(
            code="cum-quan-can-tho",
            name="Cụm thi đua các quận",
            kind=GroupKind.CLUSTER,
            ended_on=JULY,
            ended_by="Cấp huyện kết thúc hoạt động từ 01/7/2025",
        )
    )
    for district in DISTRICTS:
        code = f"quan-{slug(district)}"
        unit_list.append(Unit(code=code, name=f"Quận {district}", kind=UnitKind.DISTRICT))
        member_list.append(
            Membership(
                unit=code,
                group="cum-quan-can-tho",
                valid_from=D(2024, 1, 1),
                valid_to=JULY - dt.timedelta(days=1),
            )
        )
    events.append(
        UnitEvent(
            kind=UnitEventKind.DISSOLVE,
            effective=JULY,
            predecessors=tuple(f"quan-{slug(d)}" for d in DISTRICTS),
            note="The district level ended on 01/7/2025.",
        )
    )
    return Organisation(
        units=tuple(unit_list),
        groups=tuple(group_list),
        memberships=tuple(member_list),
        events=tuple(events),
    )


def terms_of(code: str, cluster: str) -> list[Membership]:
    """A unit's terms in its cluster, with the heads the sources record."""

    def term(
        start: D,
        end: D | None,
        role: Role = Role.MEMBER,
        leadership: LeadershipSource | None = None,
        basis: str | None = QD_1459,
    ) -> Membership:
        return Membership(
            unit=code,
            group=cluster,
            role=role,
            valid_from=start,
            valid_to=end,
            leadership=leadership,
            basis=basis,
        )

    # every term ends when the block ends (01/3/2025), Huế's old name's when it is renamed
    last = D(2024, 12, 31) if code == "so-tttt-thua-thien-hue" else LAST_DAY_OF_SO_TTTT
    designated = LeadershipSource.DESIGNATED
    meeting = "Hội nghị Cụm thi đua số 1 ngày 30/3/2023"
    if code == "so-tttt-son-la":  # designated head of Cluster 2 for 2019
        return [term(FORMED, D(2019, 12, 31), Role.HEAD, designated), term(D(2020, 1, 1), last)]
    if code == "so-tttt-lai-chau":  # designated deputy of Cluster 2 for 2019
        return [term(FORMED, D(2019, 12, 31), Role.DEPUTY, designated), term(D(2020, 1, 1), last)]
    if code == "so-tttt-can-tho":  # head for 2022; the start of the term is assumed
        return [
            term(FORMED, D(2021, 12, 31)),
            term(D(2022, 1, 1), D(2023, 3, 29), Role.HEAD, basis=None),
            term(D(2023, 3, 30), last),
        ]
    if code == "so-tttt-hai-phong":  # head for 2023 from 30/3/2023; one-year term assumed
        return [
            term(FORMED, D(2023, 3, 29)),
            term(D(2023, 3, 30), D(2024, 3, 29), Role.HEAD, basis=meeting),
            term(D(2024, 3, 30), last),
        ]
    return [term(FORMED, last)]


BLOCK = build_block()
SIGNED = D(2019, 12, 14)


def member_names(org: Organisation, group: str, on: D) -> list[str]:
    """The names of a group's members on a day, in the order members_on gives."""
    return [org.unit(m.unit).name for m in org.members_on(group, on)]


# --- The block of 63 -------------------------------------------------------------------


def test_eight_clusters_sum_to_63_units() -> None:
    """The block's 8 clusters hold 5 to 12 units each, 63 in all."""
    clusters = BLOCK.subgroups("khoi-so-tttt")
    sizes = [len(BLOCK.members_on(c.code, SIGNED)) for c in clusters]
    assert sizes == [5, 7, 9, 7, 6, 10, 7, 12]
    assert sum(sizes) == 63
    everyone = BLOCK.members_on("khoi-so-tttt", SIGNED, include_subgroups=True)
    assert len({m.unit for m in everyone}) == 63
    assert BLOCK.members_on("khoi-so-tttt", SIGNED) == ()


def test_cluster_1_is_exactly_the_five_cities() -> None:
    """Cluster No. 1 holds the Sở TT&TT of the five centrally-run cities, in dictionary order."""
    expected = [f"Sở Thông tin và Truyền thông {c}" for c in
                ["Cần Thơ", "Đà Nẵng", "Hà Nội", "Hải Phòng", "Hồ Chí Minh"]]  # fmt: skip
    assert expected == member_names(BLOCK, "cum-1", SIGNED)
    cluster = BLOCK.group("cum-1")
    assert cluster.parent == "khoi-so-tttt"
    assert cluster.formed_by == QD_1459


def test_members_before_formation_and_after_2025() -> None:
    """No member before the decision; the Sở TT&TT leave when they cease on 01/3/2025."""
    assert BLOCK.members_on("cum-1", D(2019, 9, 8)) == ()
    assert len(BLOCK.members_on("cum-1", LAST_DAY_OF_SO_TTTT)) == 5
    assert BLOCK.members_on("cum-1", MARCH) == ()


def test_bac_lieu_takes_part_with_its_culture_department() -> None:
    """Bạc Liêu's member in Cluster 8 is its Sở VHTTDL, not a Sở TT&TT."""
    bac_lieu = BLOCK.unit("so-vhttdl-bac-lieu")
    assert bac_lieu.name == "Sở Văn hóa, Thông tin, Thể thao và Du lịch Bạc Liêu"
    assert BLOCK.is_member("so-vhttdl-bac-lieu", "cum-8", SIGNED)
    assert "Sở TT&TT Bạc Liêu" not in [u.short_name for u in BLOCK.units]
    # its term ends with the block's, on 28/02/2025; what replaced the block is not recorded
    assert BLOCK.is_member("so-vhttdl-bac-lieu", "cum-8", LAST_DAY_OF_SO_TTTT)
    assert not BLOCK.is_member("so-vhttdl-bac-lieu", "cum-8", MARCH)


def test_a_group_may_mix_unit_kinds() -> None:
    """A cluster may hold a department, a province and a school together."""
    org = Organisation(
        units=(
            Unit(code="a", name="Sở Nội vụ", kind=UnitKind.DEPARTMENT),
            Unit(code="b", name="Tỉnh Sơn La", kind=UnitKind.PROVINCE),
            Unit(code="c", name="Trường Trung học phổ thông Chu Văn An", kind=UnitKind.SCHOOL),
        ),
        groups=(EmulationGroup(code="g", name="Cụm thi đua", kind=GroupKind.CLUSTER),),
        memberships=tuple(
            Membership(unit=code, group="g", valid_from=D(2024, 1, 1)) for code in "abc"
        ),
    )
    kinds = {org.unit(m.unit).kind for m in org.members_on("g", D(2024, 6, 1))}
    assert {UnitKind.DEPARTMENT, UnitKind.PROVINCE, UnitKind.SCHOOL} == kinds


# --- Leadership ----------------------------------------------------------------------


def test_cluster_2_heads_designated_in_2019() -> None:
    """The Minister named Sơn La head and Lai Châu deputy of Cluster 2 for 2019."""
    head = BLOCK.head_on("cum-2", SIGNED)
    assert head is not None
    assert head.code == "so-tttt-son-la"
    assert [u.code for u in BLOCK.deputies_on("cum-2", SIGNED)] == ["so-tttt-lai-chau"]
    term = next(m for m in BLOCK.members_on("cum-2", SIGNED) if m.role is Role.HEAD)
    assert term.leadership is LeadershipSource.DESIGNATED
    assert term.basis == QD_1459
    assert BLOCK.head_on("cum-2", D(2020, 1, 1)) is None
    assert BLOCK.deputies_on("cum-2", D(2020, 1, 1)) == ()


@pytest.mark.parametrize(
    ("on", "head"),
    [
        (D(2021, 6, 1), None),
        (D(2022, 1, 1), "so-tttt-can-tho"),
        (D(2022, 12, 31), "so-tttt-can-tho"),
        (D(2023, 3, 29), "so-tttt-can-tho"),
        (D(2023, 3, 30), "so-tttt-hai-phong"),
        (D(2024, 1, 15), "so-tttt-hai-phong"),  # the term crosses the calendar year
        (D(2024, 3, 29), "so-tttt-hai-phong"),
        (D(2024, 6, 1), None),  # no record: no head is guessed
    ],
)
def test_cluster_1_heads_on_dates(on: D, head: str | None) -> None:
    """Cần Thơ headed Cluster No. 1 in 2022, Hải Phòng from 30/3/2023."""
    found = BLOCK.head_on("cum-1", on)
    assert head == (found.code if found else None)


def test_head_is_also_a_member() -> None:
    """A head is a member of its group in the same term."""
    assert BLOCK.is_member("so-tttt-hai-phong", "cum-1", D(2023, 6, 1))
    roles = [m.role for m in BLOCK.memberships_of("so-tttt-hai-phong")]
    assert roles == [Role.MEMBER, Role.HEAD, Role.MEMBER]
    assert [m.role for m in BLOCK.memberships_of("so-tttt-hai-phong", D(2024, 1, 1))] == [Role.HEAD]


def small_cluster() -> Organisation:
    """Three units of a cluster agreeing a rotation; C leaves at the end of 2024."""
    return Organisation(
        units=tuple(
            Unit(code=code, name=name, kind=UnitKind.DEPARTMENT)
            for code, name in [("a", "Sở A"), ("b", "Sở B"), ("c", "Sở C"), ("x", "Sở X")]
        ),
        groups=(EmulationGroup(code="g", name="Cụm thi đua số 9", kind=GroupKind.CLUSTER),),
        memberships=(
            Membership(unit="a", group="g", valid_from=D(2023, 1, 1)),
            Membership(unit="b", group="g", valid_from=D(2023, 1, 1)),
            Membership(unit="c", group="g", valid_from=D(2023, 1, 1), valid_to=D(2024, 12, 31)),
        ),
        rotations=(
            Rotation(group="g", order=("a", "b", "c"), agreed_on=D(2023, 1, 1)),
            Rotation(group="g", order=("c", "b", "a"), agreed_on=D(2024, 1, 1), basis="Biên bản"),
        ),
    )


def test_rotation_gives_the_next_head_wrapping() -> None:
    """The next head follows the agreed order and wraps to its start."""
    rotation = Rotation(group="g", order=("a", "b", "c"), agreed_on=D(2023, 1, 1))
    assert rotation.next_after("a") == "b"
    assert rotation.next_after("c") == "a"
    with pytest.raises(UnknownCodeError, match="'z' is not in the agreed rotation") as info:
        rotation.next_after("z")
    assert isinstance(info.value, KeyError)


def test_next_head_skips_units_no_longer_members() -> None:
    """Units that left the group are skipped; the current head comes last; none means None."""
    org = small_cluster()
    rotation = org.rotation_on("g", D(2023, 6, 1))
    assert rotation is not None
    assert rotation.order == ("a", "b", "c")
    assert rotation.next_head("b", on=D(2024, 6, 1), organisation=org) == "c"
    assert rotation.next_head("b", on=D(2025, 1, 1), organisation=org) == "a"
    only_b = attrs.evolve(org, memberships=org.memberships[1:2])
    assert rotation.next_head("b", on=D(2025, 1, 1), organisation=only_b) == "b"
    nobody = attrs.evolve(org, memberships=())
    assert rotation.next_head("b", on=D(2025, 1, 1), organisation=nobody) is None


def test_rotation_on_takes_the_latest_agreed_order() -> None:
    """The order in force is the latest agreed on or before the day; none before the first."""
    org = small_cluster()
    assert org.rotation_on("g", D(2022, 12, 31)) is None
    later = org.rotation_on("g", D(2024, 1, 1))
    assert later is not None
    assert later.order == ("c", "b", "a")


# --- The 2025 events -----------------------------------------------------------------


def test_ministry_merged_by_decree_55() -> None:
    """MIC merged into MOST from 01/3/2025 by Nghị định số 55/2025/NĐ-CP."""
    (event,) = BLOCK.history("bo-tttt")
    assert event.basis == "Nghị định số 55/2025/NĐ-CP"
    assert event.effective == MARCH
    assert BLOCK.successors_of("bo-tttt") == ("bo-khcn-2025",)
    assert BLOCK.predecessors_of("bo-khcn-2025") == ("bo-tttt", "bo-khcn")
    assert BLOCK.current_successor("bo-tttt", D(2025, 2, 28)) == "bo-tttt"
    assert BLOCK.current_successor("bo-tttt", MARCH) == "bo-khcn-2025"
    assert not BLOCK.exists_on("bo-tttt", MARCH)
    assert BLOCK.exists_on("bo-khcn-2025", MARCH)
    assert not BLOCK.exists_on("bo-khcn-2025", D(2025, 2, 28))


def test_department_merged_into_science_department() -> None:
    """Each Sở TT&TT and Sở KH&CN of a province became one Sở KH&CN from 01/3/2025."""
    assert BLOCK.successors_of("so-tttt-ha-noi") == ("so-khcn-ha-noi-2025-03",)
    assert BLOCK.current_successor("so-tttt-ha-noi", MARCH) == "so-khcn-ha-noi-2025-03"
    assert not BLOCK.is_member("so-tttt-ha-noi", "cum-1", MARCH)
    assert BLOCK.successors_of("so-tttt-son-la") == ()


@pytest.mark.parametrize(("new", "merged"), list(PROVINCE_MERGES.items()))
def test_provinces_merged_on_1_july_2025(new: str, merged: tuple[str, list[str]]) -> None:
    """The four city mergers take effect on 01/7/2025; the resolution number stays unverified."""
    _, provinces = merged
    predecessors = tuple(province_code(p) for p in provinces)
    assert predecessors == BLOCK.predecessors_of(new)
    for code in predecessors:
        assert BLOCK.current_successor(code, D(2025, 6, 30)) == code
        assert BLOCK.current_successor(code, JULY) == new
        (event,) = BLOCK.history(code)
        assert event.basis is None
        assert event.note is not None
        assert "UNVERIFIED" in event.note


def test_district_level_dissolved() -> None:
    """District-level units end on 01/7/2025 with no successor; their terms end before."""
    assert BLOCK.successors_of("quan-ninh-kieu") == ()
    assert BLOCK.current_successor("quan-ninh-kieu", JULY) is None
    assert BLOCK.current_successors("quan-ninh-kieu", JULY) == ()
    assert BLOCK.current_successor("quan-ninh-kieu", D(2025, 6, 30)) == "quan-ninh-kieu"
    assert len(BLOCK.members_on("cum-quan-can-tho", D(2025, 6, 30))) == 3
    assert BLOCK.members_on("cum-quan-can-tho", JULY) == ()
    (event,) = BLOCK.history("quan-cai-rang")
    assert event.kind is UnitEventKind.DISSOLVE


def test_history_walks_predecessors_and_successors() -> None:
    """A unit's history runs back through its ancestors and forward through its successors."""
    march_hp, march_hd, july = (
        next(e for e in BLOCK.events if e.successors == (code,))
        for code in (
            "so-khcn-hai-phong-2025-03",
            "so-khcn-hai-duong-2025-03",
            "so-khcn-hai-phong-2025-07",
        )
    )
    assert (march_hp, july) == BLOCK.history("so-tttt-hai-phong")
    assert (march_hd, july) == BLOCK.history("so-tttt-hai-duong")
    assert {march_hp, march_hd, july} == set(BLOCK.history("so-khcn-hai-phong-2025-07"))
    assert BLOCK.history("so-khcn-hai-phong-2025-07")[-1] == july
    assert BLOCK.history("so-tttt-son-la") == ()
    assert BLOCK.current_successor("so-tttt-hai-phong", D(2025, 5, 1)) == (
        "so-khcn-hai-phong-2025-03"
    )
    assert BLOCK.current_successor("so-tttt-hai-phong", JULY) == "so-khcn-hai-phong-2025-07"


def test_split_and_rename_successors() -> None:
    """A split has several current successors; asking for one is an error; renames follow."""
    org = Organisation(
        units=tuple(Unit(code=c, name=f"Đơn vị {c}", kind=UnitKind.OTHER) for c in "abcde"),
        events=(
            UnitEvent(kind=UnitEventKind.SPLIT, effective=D(2020, 1, 1),
                      predecessors=("a",), successors=("b", "c")),
            UnitEvent(kind=UnitEventKind.RENAME, effective=D(2021, 1, 1),
                      predecessors=("b",), successors=("d",)),
            UnitEvent(kind=UnitEventKind.MERGE, effective=D(2022, 1, 1),
                      predecessors=("d", "c"), successors=("e",)),
        ),
    )  # fmt: skip
    assert org.current_successors("a", D(2021, 6, 1)) == ("d", "c")
    with pytest.raises(AmbiguousSuccessorError, match="use current_successors"):
        org.current_successor("a", D(2021, 6, 1))
    assert org.current_successor("a", D(2022, 1, 1)) == "e"
    assert org.current_successors("a", D(2022, 1, 1)) == ("e",)
    assert len(org.history("a")) == 3
    assert len(org.history("c")) == 2  # split and merge; not b's rename
    assert org.history("c")[0].kind is UnitEventKind.SPLIT


def test_establishment_starts_a_unit() -> None:
    """An established unit exists from the effective day; its terms may not start earlier."""
    event = UnitEvent(kind=UnitEventKind.ESTABLISH, effective=D(2025, 7, 1), successors=("n",))
    org = Organisation(
        units=(Unit(code="n", name="Đặc khu Phú Quốc", kind=UnitKind.COMMUNE),),
        events=(event,),
    )
    assert not org.exists_on("n", D(2025, 6, 30))
    assert org.exists_on("n", D(2025, 7, 1))
    assert org.history("n") == (event,)
    assert org.current_successor("n", D(2026, 1, 1)) == "n"


@pytest.mark.parametrize(
    "query",
    [
        lambda o: o.unit("nope"),
        lambda o: o.group("nope"),
        lambda o: o.members_on("nope", SIGNED),
        lambda o: o.is_member("nope", "cum-1", SIGNED),
        lambda o: o.is_member("so-tttt-ha-noi", "nope", SIGNED),
        lambda o: o.head_on("nope", SIGNED),
        lambda o: o.subgroups("nope"),
        lambda o: o.history("nope"),
        lambda o: o.successors_of("nope"),
        lambda o: o.current_successor("nope", SIGNED),
        lambda o: o.rotation_on("nope", SIGNED),
        lambda o: o.memberships_of("nope"),
    ],
)
def test_unknown_codes_raise_key_errors(query: Callable[[Organisation], object]) -> None:
    """Queries about codes the organisation does not hold raise UnknownCodeError (a KeyError)."""
    with pytest.raises(KeyError, match=r"unknown (unit|group) 'nope'") as info:
        query(BLOCK)
    assert isinstance(info.value, UnknownCodeError)
    assert str(info.value).startswith("unknown")
    assert pickle.loads(pickle.dumps(info.value)).message == info.value.message  # noqa: S301


# --- Golden file and the wire format ----------------------------------------------------


def test_golden_file_loads_and_dumps_identically() -> None:
    """The block fixture's JSON document pins the wire format."""
    data = GOLDEN.read_bytes()
    assert loads(data, Organisation) == BLOCK
    assert dumps(BLOCK, indent=True) + b"\n" == data


def test_text_is_stored_as_nfc() -> None:
    """Decomposed names are stored composed; codes are kept as given."""
    unit = Unit(code="x", name=unicodedata.normalize("NFD", " Sở Cần Thơ "), kind=UnitKind.OTHER)
    assert unit.name == "Sở Cần Thơ"
    group = EmulationGroup(
        code="g", name="Cụm", kind=GroupKind.CLUSTER,
        issuer=unicodedata.normalize("NFD", "Bộ Thông tin và Truyền thông"),
    )  # fmt: skip
    assert group.issuer == "Bộ Thông tin và Truyền thông"


# --- Invariants: each failing case with class, code and JSON path ----------------------


def base() -> dict[str, Any]:
    """A small valid organisation as JSON data: Cluster 1 around the 2025 merger."""
    return {
        "units": [
            {"code": "hn", "name": "Sở TT&TT Hà Nội", "kind": "department"},
            {"code": "hp", "name": "Sở TT&TT Hải Phòng", "kind": "department"},
            {"code": "ct", "name": "Sở TT&TT Cần Thơ", "kind": "department"},
            {"code": "khcn-hn", "name": "Sở KH&CN Hà Nội", "kind": "department"},
            {"code": "khcn-hn-2025", "name": "Sở KH&CN Hà Nội", "kind": "department"},
        ],
        "groups": [
            {"code": "khoi", "name": "Khối thi đua Sở TT&TT", "kind": "block"},
            {"code": "cum-1", "name": "Cụm thi đua số 1", "kind": "cluster", "parent": "khoi"},
        ],
        "memberships": [
            {"unit": "hn", "group": "cum-1", "role": "member",
             "valid_from": "2019-09-09", "valid_to": "2025-02-28"},
            {"unit": "ct", "group": "cum-1", "role": "head",
             "valid_from": "2022-01-01", "valid_to": "2023-03-29"},
            {"unit": "hp", "group": "cum-1", "role": "head",
             "valid_from": "2023-03-30", "valid_to": "2024-03-29", "leadership": "elected"},
            {"unit": "hp", "group": "cum-1", "role": "member", "valid_from": "2024-03-30"},
            {"unit": "khcn-hn-2025", "group": "cum-1", "role": "member",
             "valid_from": "2025-03-01"},
        ],
        "events": [
            {"kind": "merge", "effective": "2025-03-01", "predecessors": ["hn", "khcn-hn"],
             "successors": ["khcn-hn-2025"], "basis": None, "note": None},
        ],
        "rotations": [{"group": "cum-1", "order": ["hn", "hp", "ct"], "agreed_on": "2024-03-30"}],
    }  # fmt: skip


def problems(data: dict[str, Any]) -> list[tuple[str, str]]:
    """The (path, code) of every problem structuring *data* reports."""
    with pytest.raises(StructureError) as info:
        structure(data, Organisation)
    return [(p.path, p.code) for p in info.value.problems]


def test_base_is_valid() -> None:
    """The base data is valid: adjacent head terms and a term ending the day before a merger."""
    org = structure(base(), Organisation)
    assert org.head_on("cum-1", D(2023, 3, 29)) == org.unit("ct")
    assert org.head_on("cum-1", D(2023, 3, 30)) == org.unit("hp")
    assert unstructure(org) == {**base(), **unstructure(org)}


Mutation = Callable[[dict[str, Any]], None]


def setter(path: str, value: object) -> Mutation:
    """A mutation that sets one value at a dotted path ("memberships.0.valid_to")."""

    def mutate(data: dict[str, Any]) -> None:
        *head, last = path.split(".")
        target: Any = data
        for key in head:
            target = target[int(key)] if isinstance(target, list) else target[key]
        if isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value

    return mutate


def appender(field: str, item: dict[str, Any]) -> Mutation:
    """A mutation that appends an item to a top-level list."""
    return lambda data: data[field].append(item)


UNIT_X = {"code": "x", "name": "Sở X", "kind": "department"}

FAILING: list[tuple[str, Mutation, str, str]] = [
    # Unit
    ("unit code", setter("units.0.code", "Hà Nội"), "$.units[0].code", "invalid-code"),
    ("unit name empty", setter("units.0.name", "  "), "$.units[0].name", "empty"),
    ("unit kind", setter("units.0.kind", "city"), "$.units[0].kind", "unknown-value"),
    ("short name empty", setter("units.0.short_name", ""), "$.units[0].short_name", "empty"),
    ("duplicate unit", appender("units", {**UNIT_X, "code": "hp"}),
     "$.units[5].code", "duplicate-code"),
    # Group
    ("duplicate group", appender("groups", {"code": "khoi", "name": "K", "kind": "block"}),
     "$.groups[2].code", "duplicate-code"),
    ("own parent", setter("groups.0.parent", "khoi"), "$.groups[0].parent", "parent-cycle"),
    ("unknown parent", setter("groups.1.parent", "khoi-2"), "$.groups[1].parent",
     "unknown-group"),
    ("parent not block", appender("groups", {"code": "sub", "name": "S", "kind": "cluster",
                                             "parent": "cum-1"}),
     "$.groups[2].parent", "parent-not-block"),
    ("parent loop", lambda d: d["groups"].extend([
        {"code": "b1", "name": "B1", "kind": "block", "parent": "b2"},
        {"code": "b2", "name": "B2", "kind": "block", "parent": "b1"}]),
     "$.groups[2].parent", "parent-cycle"),
    # Membership
    ("term reversed", setter("memberships.0.valid_to", "2019-09-08"),
     "$.memberships[0].valid_to", "invalid-term"),
    ("leadership on member", setter("memberships.0.leadership", "elected"),
     "$.memberships[0].leadership", "leadership-on-member"),
    ("unknown unit", setter("memberships.0.unit", "hue"), "$.memberships[0].unit",
     "unknown-unit"),
    ("unknown group", setter("memberships.0.group", "cum-9"), "$.memberships[0].group",
     "unknown-group"),
    ("overlapping heads", setter("memberships.2.valid_from", "2023-03-29"),
     "$.memberships[2].valid_from", "overlapping-heads"),
    ("overlapping heads open", setter("memberships.1.valid_to", None),
     "$.memberships[2].valid_from", "overlapping-heads"),
    ("overlapping terms", setter("memberships.3.valid_from", "2024-03-29"),
     "$.memberships[3].valid_from", "overlapping-membership"),
    ("term past merger", setter("memberships.0.valid_to", "2025-03-01"),
     "$.memberships[0].valid_to", "membership-after-unit"),
    ("open term past merger", setter("memberships.0.valid_to", None),
     "$.memberships[0].valid_to", "membership-after-unit"),
    ("term before unit", setter("memberships.4.valid_from", "2025-02-28"),
     "$.memberships[4].valid_from", "membership-before-unit"),
    ("role", setter("memberships.0.role", "chair"), "$.memberships[0].role", "unknown-value"),
    # Events
    ("merge of one", setter("events.0.predecessors", ["hn"]), "$.events[0].predecessors",
     "event-shape"),
    ("merge into two", setter("events.0.successors", ["khcn-hn-2025", "ct"]),
     "$.events[0].successors", "event-shape"),
    ("self successor", setter("events.0.successors", ["hn"]), "$.events[0].successors[0]",
     "self-successor"),
    ("repeated predecessor", setter("events.0.predecessors", ["hn", "hn"]),
     "$.events[0].predecessors[1]", "duplicate-code"),
    ("bad code in event", setter("events.0.predecessors", ["hn", "Sở"]),
     "$.events[0].predecessors[1]", "invalid-code"),
    ("unknown unit in event", setter("events.0.predecessors", ["hn", "hue"]),
     "$.events[0].predecessors[1]", "unknown-unit"),
    ("event kind", setter("events.0.kind", "annex"), "$.events[0].kind", "unknown-value"),
    ("ends twice", appender("events", {"kind": "dissolve", "effective": "2026-01-01",
                                       "predecessors": ["hn"]}),
     "$.events[1].predecessors[0]", "unit-ends-twice"),
    ("begins twice", appender("events", {"kind": "establish", "effective": "2026-01-01",
                                         "successors": ["khcn-hn-2025"]}),
     "$.events[1].successors[0]", "unit-begins-twice"),
    ("ends before it begins", appender("events", {"kind": "dissolve",
                                                  "effective": "2025-03-01",
                                                  "predecessors": ["khcn-hn-2025"]}),
     "$.events[1].effective", "event-order"),
    # Rotations
    ("empty rotation", setter("rotations.0.order", []), "$.rotations[0].order", "empty"),
    ("repeated in rotation", setter("rotations.0.order", ["hn", "hp", "hn"]),
     "$.rotations[0].order[2]", "duplicate-code"),
    ("rotation unknown unit", setter("rotations.0.order", ["hn", "hue"]),
     "$.rotations[0].order[1]", "unknown-unit"),
    ("rotation unknown group", setter("rotations.0.group", "cum-9"), "$.rotations[0].group",
     "unknown-group"),
    ("two rotations a day", appender("rotations", {"group": "cum-1", "order": ["hp"],
                                                   "agreed_on": "2024-03-30"}),
     "$.rotations[1].agreed_on", "duplicate-rotation"),
    # Wire format
    ("unknown key", setter("units.0.colour", "red"), "$.units[0].colour", "unknown-key"),
    ("date as number", setter("memberships.0.valid_from", 20190909),
     "$.memberships[0].valid_from", "invalid-date"),
]  # fmt: skip


def chain(*mutations: Mutation) -> Mutation:
    """Apply several mutations in order."""

    def mutate(data: dict[str, Any]) -> None:
        for mutation in mutations:
            mutation(data)

    return mutate


PASSING: list[tuple[str, Mutation]] = [
    ("kind of unit", setter("units.0.kind", "police-unit")),
    ("official code", setter("units.0.official_code", "01")),
    ("nested blocks", chain(appender("groups", {"code": "top", "name": "T", "kind": "block"}),
                            setter("groups.0.parent", "top"))),
    ("head terms touching", setter("memberships.2.valid_from", "2023-03-30")),
    ("terms touching", setter("memberships.3.valid_from", "2024-03-30")),
    ("term ends the day before the merger", setter("memberships.0.valid_to", "2025-02-28")),
    ("term starts on the merger", setter("memberships.4.valid_from", "2025-03-01")),
    ("one-day term", setter("memberships.4.valid_to", "2025-03-01")),
    ("deputy with leadership", chain(setter("memberships.0.role", "deputy"),
                                     setter("memberships.0.leadership", "rotation"))),
    ("two deputies", chain(setter("memberships.0.role", "deputy"),
                           setter("memberships.3.role", "deputy"))),
    ("ends after it begins", chain(setter("memberships.4.valid_to", "2025-12-31"),
                                   appender("events", {"kind": "dissolve",
                                                       "effective": "2026-01-01",
                                                       "predecessors": ["khcn-hn-2025"]}))),
    ("rename", chain(appender("units", UNIT_X),
                     appender("events", {"kind": "rename", "effective": "2026-01-01",
                                         "predecessors": ["ct"], "successors": ["x"]}))),
    ("split", chain(appender("units", UNIT_X), appender("units", {**UNIT_X, "code": "y"}),
                    appender("events", {"kind": "split", "effective": "2026-01-01",
                                        "predecessors": ["ct"], "successors": ["x", "y"]}))),
    ("establish", chain(appender("units", UNIT_X),
                        appender("events", {"kind": "establish", "effective": "2026-01-01",
                                            "successors": ["x"]}))),
    ("merge of three", chain(appender("units", UNIT_X),
                             setter("events.0.predecessors", ["hn", "khcn-hn", "x"]))),
    ("another rotation another day", appender("rotations", {"group": "cum-1", "order": ["hp"],
                                                            "agreed_on": "2025-01-01"})),
    ("rotation of one", setter("rotations.0.order", ["hp"])),
]  # fmt: skip


@pytest.mark.parametrize(("case", "mutate", "path", "code"), FAILING, ids=[c[0] for c in FAILING])
def test_invariant_fails_with_code_and_path(
    case: str, mutate: Mutation, path: str, code: str
) -> None:
    """Each broken invariant is reported with its JSON path and stable code."""
    data = copy.deepcopy(base())
    mutate(data)
    assert (path, code) in problems(data), case


@pytest.mark.parametrize(("case", "mutate"), PASSING, ids=[c[0] for c in PASSING])
def test_invariant_holds_when_it_should(case: str, mutate: Mutation) -> None:
    """The valid side of each invariant builds."""
    data = copy.deepcopy(base())
    mutate(data)
    assert isinstance(structure(data, Organisation), Organisation), case


def test_direct_construction_raises_invalid_model_error() -> None:
    """Building a model in Python raises InvalidModelError with a relative path."""
    with pytest.raises(InvalidModelError) as info:
        Membership(unit="a", group="g", valid_from=D(2020, 1, 2), valid_to=D(2020, 1, 1))
    assert (info.value.path, info.value.code) == ("valid_to", "invalid-term")
    with pytest.raises(InvalidModelError) as info:
        UnitEvent(kind=UnitEventKind.DISSOLVE, effective=MARCH, predecessors=("a",),
                  successors=("b",))  # fmt: skip
    assert (info.value.path, info.value.code) == ("successors", "event-shape")
    with pytest.raises(InvalidModelError) as info:
        Organisation(
            units=(Unit(code="a", name="A", kind=UnitKind.OTHER),),
            memberships=(Membership(unit="a", group="g", valid_from=MARCH),),
        )
    assert (info.value.path, info.value.code) == ("memberships[0].group", "unknown-group")


def test_evolve_rechecks_invariants() -> None:
    """attrs.evolve re-runs the checks: a valid change builds, an invalid one raises."""
    renamed = attrs.evolve(
        BLOCK, units=(attrs.evolve(BLOCK.units[0], name="Sở Mới"), *BLOCK.units[1:])
    )
    assert renamed.unit(BLOCK.units[0].code).name == "Sở Mới"
    assert BLOCK.unit(BLOCK.units[0].code).name != "Sở Mới"  # indexes are per instance
    with pytest.raises(InvalidModelError) as info:
        attrs.evolve(BLOCK, units=(*BLOCK.units, BLOCK.units[0]))
    assert (info.value.path, info.value.code) == (
        f"units[{len(BLOCK.units)}].code",
        "duplicate-code",
    )


# --- Properties ------------------------------------------------------------------------

SOME_DAYS = st.dates(min_value=D(2014, 1, 1), max_value=D(2031, 12, 31))


@given(organisations())
def test_organisation_round_trips_with_equal_bytes(org: Organisation) -> None:
    """structure(unstructure(x)) == x, and the JSON bytes are the same."""
    again = structure(unstructure(org), Organisation)
    assert org == again
    assert dumps(org) == dumps(again)
    assert loads(dumps(org)) == org


@pytest.mark.parametrize(
    "strategy",
    [units(), groups(), memberships(), unit_events(), rotations()],
    ids=["units", "groups", "memberships", "unit_events", "rotations"],
)
@given(data=st.data())
def test_parts_round_trip(strategy: st.SearchStrategy[Any], data: st.DataObject) -> None:
    """Every part model round-trips through JSON to equal bytes."""
    value = data.draw(strategy)
    again = structure(unstructure(value), type(value))
    assert value == again
    assert orjson.dumps(unstructure(value)) == orjson.dumps(unstructure(again))


@given(organisations(), SOME_DAYS)
def test_generated_organisations_are_consistent(org: Organisation, on: D) -> None:
    """Generated values hold every invariant: one head a day, terms within units' lives."""
    for group in org.groups:
        heads = [m for m in org.memberships if m.group == group.code and m.role is Role.HEAD
                 and m.covers(on)]  # fmt: skip
        assert len(heads) <= 1
        assert org.head_on(group.code, on) == (org.unit(heads[0].unit) if heads else None)
    for membership in org.memberships:
        if membership.covers(on):
            assert org.exists_on(membership.unit, on)


@given(organisations(), SOME_DAYS)
def test_members_on_agrees_with_a_plain_filter(org: Organisation, on: D) -> None:
    """members_on gives exactly the terms covering the day, by Vietnamese name."""
    for group in org.groups:
        found = org.members_on(group.code, on)
        expected = [
            m
            for m in org.memberships
            if m.group == group.code
            and m.valid_from <= on
            and (m.valid_to is None or on <= m.valid_to)
        ]
        assert sorted(expected, key=id) == sorted(found, key=id)
        keys = [vietnamese_sort_key(org.unit(m.unit).name) for m in found]
        assert keys == sorted(keys)
        for membership in expected:
            assert org.is_member(membership.unit, group.code, on)
        nested = org.members_on(group.code, on, include_subgroups=True)
        assert set(found) <= set(nested)


@given(organisations(), SOME_DAYS)
def test_current_successors_exist(org: Organisation, on: D) -> None:
    """Every current successor has not ended by the day; an unended unit carries itself on."""
    for unit in org.units:
        found = org.current_successors(unit.code, on)
        for code in found:
            end = [e for e in org.events if code in e.predecessors]
            assert not end or end[0].effective > on
        if not any(unit.code in e.predecessors and e.effective <= on for e in org.events):
            assert found == (unit.code,)
        for event in org.history(unit.code):
            assert event in org.events


@given(organisations(min_units=1), st.data())
def test_evolve_with_invalid_change_raises(org: Organisation, data: st.DataObject) -> None:
    """Evolving into a broken organisation raises; a valid evolve keeps the queries working."""
    unit = data.draw(st.sampled_from(org.units))
    with pytest.raises(InvalidModelError) as info:
        attrs.evolve(org, units=(*org.units, unit))
    assert info.value.code == "duplicate-code"
    stray = Membership(unit="zz-not-a-unit", group="g", valid_from=D(2020, 1, 1))
    with pytest.raises(InvalidModelError) as info:
        attrs.evolve(org, memberships=(*org.memberships, stray))
    assert info.value.code == "unknown-unit"
    shuffled = attrs.evolve(org, memberships=tuple(reversed(org.memberships)))
    for group in org.groups:
        assert shuffled.members_on(group.code, D(2020, 1, 1)) == org.members_on(
            group.code, D(2020, 1, 1)
        )


@pytest.mark.parametrize(
    "cls", [Unit, EmulationGroup, Membership, UnitEvent, Rotation, Organisation]
)
def test_from_type_uses_registered_strategies(cls: type[Any]) -> None:
    """Every organisation model is registered: st.from_type builds valid values."""
    from thidua.strategies import _registry  # noqa: PLC0415

    _registry.register_all()

    @given(st.from_type(cls))
    def check(value: Any) -> None:
        assert isinstance(value, cls)
        assert structure(unstructure(value), cls) == value

    check()


@pytest.mark.parametrize(
    "bounds",
    [{"min_units": -1}, {"min_units": 3, "max_units": 2}, {"max_groups": -1}],
)
def test_organisations_refuses_impossible_bounds(bounds: dict[str, int]) -> None:
    """Impossible sizes are an InvalidArgument, as hypothesis strategies do."""
    with pytest.raises(InvalidArgument, match="min_units"):
        organisations(**bounds)


def test_validate_command_checks_organisation_documents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`thidua validate` accepts the golden document and reports a broken one by path."""
    from thidua.cli import main  # noqa: PLC0415

    assert main(["validate", str(GOLDEN)]) == 0
    data = orjson.loads(GOLDEN.read_bytes())
    data["memberships"][0]["group"] = "cum-99"
    bad = tmp_path / "bad.json"
    bad.write_bytes(orjson.dumps(data))
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert f"{bad}: $.memberships[0].group: unknown group 'cum-99'" in out


# --- The organisation over time (issue 13, item 11) ------------------------------------


def test_hue_is_renamed_from_2025_and_spellings_are_official() -> None:
    """Thừa Thiên Huế became Thành phố Huế on 01/01/2025 (NQ 175/2024/QH15); Bắc Kạn, BR-VT."""
    assert BLOCK.current_successor("so-tttt-thua-thien-hue", HUE) == "so-tttt-hue"
    assert BLOCK.is_member("so-tttt-thua-thien-hue", "cum-5", D(2024, 12, 31))
    assert not BLOCK.is_member("so-tttt-thua-thien-hue", "cum-5", HUE)
    assert BLOCK.is_member("so-tttt-hue", "cum-5", HUE)
    names = {unit.name for unit in BLOCK.units}
    assert "Sở Thông tin và Truyền thông Bắc Kạn" in names
    assert "Sở Thông tin và Truyền thông Bà Rịa - Vũng Tàu" in names
    assert not {n for n in names if "Bắc Cạn" in n or "Bà Rịa Vũng Tàu" in n}


def test_every_membership_ends_when_its_group_ends() -> None:
    """The block and its clusters end on 01/3/2025; no term runs past its group's end."""
    for membership in BLOCK.memberships:
        ended = BLOCK.group(membership.group).ended_on
        assert ended is not None
        assert membership.valid_to is not None
        assert membership.valid_to < ended
    bac_lieu = next(m for m in BLOCK.memberships if m.unit == "so-vhttdl-bac-lieu")
    late = attrs.evolve(bac_lieu, valid_to=None)
    others = tuple(m for m in BLOCK.memberships if m is not bac_lieu)
    with pytest.raises(InvalidModelError) as info:
        attrs.evolve(BLOCK, memberships=(*others, late))
    assert info.value.code == "membership-after-group"


def test_groups_have_successors() -> None:
    """A cluster re-formed after the provinces merged is carried on by its successor."""
    old = EmulationGroup(
        code="cum-a", name="Cụm A", kind=GroupKind.CLUSTER, ended_on=JULY, successors=("cum-b",)
    )
    new = EmulationGroup(code="cum-b", name="Cụm B", kind=GroupKind.CLUSTER, formed_on=JULY)
    org = Organisation(groups=(old, new))
    assert org.group_successors("cum-a", D(2025, 6, 30)) == ("cum-a",)
    assert org.group_successors("cum-a", JULY) == ("cum-b",)
    assert not old.exists_on(JULY)
    assert new.exists_on(JULY)
    with pytest.raises(InvalidModelError) as info:
        EmulationGroup(code="x", name="X", kind=GroupKind.CLUSTER, successors=("y",))
    assert info.value.code == "successor-without-end"
    with pytest.raises(InvalidModelError) as unknown:
        Organisation(groups=(old,))
    assert (unknown.value.code, unknown.value.path) == ("unknown-group", "groups[0].successors[0]")


def test_the_deputy_rotates_too() -> None:
    """A group agrees one order for its head and one for its deputy."""
    org = attrs.evolve(
        BLOCK,
        rotations=(
            Rotation(
                group="cum-1", order=("so-tttt-ha-noi", "so-tttt-hai-phong"), agreed_on=SIGNED
            ),
            Rotation(
                group="cum-1",
                order=("so-tttt-can-tho", "so-tttt-da-nang"),
                agreed_on=SIGNED,
                role=Role.DEPUTY,
            ),
        ),
    )
    deputy = org.rotation_on("cum-1", SIGNED, Role.DEPUTY)
    assert deputy is not None
    assert deputy.next_head("so-tttt-can-tho", on=SIGNED, organisation=org) == "so-tttt-da-nang"
    head = org.rotation_on("cum-1", SIGNED)
    assert head is not None
    assert head.order[0] == "so-tttt-ha-noi"
    with pytest.raises(InvalidModelError) as info:
        Rotation(group="cum-1", order=("so-tttt-ha-noi",), agreed_on=SIGNED, role=Role.MEMBER)
    assert info.value.code == "rotation-role"


def test_a_commitments_area_follows_the_function_not_the_unit() -> None:
    """Press went to the culture department in 2025; the rest to the science department."""
    culture = Unit(
        code="so-vhtt-ha-noi", name="Sở Văn hóa và Thể thao Hà Nội", kind=UnitKind.DEPARTMENT
    )
    org = attrs.evolve(
        BLOCK,
        units=(*BLOCK.units, culture),
        transfers=(
            FunctionTransfer(
                area="Báo chí, truyền thông",
                from_unit="so-tttt-ha-noi",
                to_unit="so-vhtt-ha-noi",
                effective=MARCH,
            ),
        ),
    )
    press, it = "Báo chí, truyền thông", "Công nghiệp công nghệ thông tin"
    assert org.holders_of("so-tttt-ha-noi", press, SIGNED) == ("so-tttt-ha-noi",)
    assert org.holders_of("so-tttt-ha-noi", press, MARCH) == ("so-vhtt-ha-noi",)
    assert org.holders_of("so-tttt-ha-noi", it, MARCH) == ("so-khcn-ha-noi-2025-03",)
    assert org.holders_of("so-tttt-hai-duong", it, JULY) == ("so-khcn-hai-phong-2025-07",)


def test_a_department_head_signs_as_giam_doc() -> None:
    """A department's head is its Giám đốc; a ministry's its Bộ trưởng; others unknown."""
    assert BLOCK.unit("so-tttt-ha-noi").signing_title == "Giám đốc"
    assert BLOCK.unit("bo-tttt").signing_title == "Bộ trưởng"
    assert BLOCK.unit("tp-can-tho").signing_title is None
    assert not BLOCK.unit("so-tttt-ha-noi").collegial
