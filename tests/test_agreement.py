"""Agreements: commitments, targets, signing, signatories, lifecycle and references."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua import (
    Agreement,
    AgreementDocument,
    AgreementStatus,
    Commitment,
    CooperationMemo,
    InvalidModelError,
    LifecycleError,
    Period,
    Signatory,
    Signing,
    StatusChange,
    StructureError,
    Target,
)
from thidua._agreement import SignatureAuthority
from thidua.examples import CITY_CODES, cluster1_2019_2020
from thidua.serialization import dumps, loads, structure, unstructure

D = dt.date


@pytest.fixture(scope="module")
def document() -> AgreementDocument:
    return cluster1_2019_2020()


@pytest.fixture(scope="module")
def wire(document: AgreementDocument) -> dict[str, Any]:
    data: dict[str, Any] = unstructure(document)
    return data


def problems(data: object) -> list[tuple[str, str]]:
    with pytest.raises(StructureError) as info:
        structure(data, AgreementDocument)
    return [(p.path, p.code) for p in info.value.problems]


def edit(wire: dict[str, Any], path: str, value: object) -> dict[str, Any]:
    """Return a deep copy of *wire* with the dotted *path* set to *value*."""
    data: dict[str, Any] = orjson.loads(orjson.dumps(wire))
    *parents, last = path.split(".")
    node: Any = data
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    if last.isdigit():
        node[int(last)] = value
    else:
        node[last] = value
    return data


def test_example_holds_the_facts_of_the_source(document: AgreementDocument) -> None:
    """Five city departments sign in Hà Nội on 14/12/2019 for 2019–2020."""
    agreement = document.agreements[0]
    assert agreement.group == "CUM-1"
    assert agreement.period == Period.years(2019, 2020)
    assert agreement.signing == Signing(on=D(2019, 12, 14), place="Hà Nội", host="HN")
    assert tuple(s.unit for s in agreement.signatories) == CITY_CODES
    assert all(s.person is None and s.title is None for s in agreement.signatories)
    assert agreement.status is AgreementStatus.SIGNED
    members = document.organisation.members_on("CUM-1", D(2019, 12, 14))
    assert sorted(m.unit for m in members) == sorted(CITY_CODES)
    # no goal split off the source's paragraph: it stays in the first commitment as written
    assert agreement.goals == ()
    assert agreement.commitments[0].text.endswith(
        "; phấn đấu Cụm thi đua số 1 dẫn đầu trong các Khối Thi đua Sở Thông tin và Truyền"
        " thông các tỉnh, thành phố trực thuộc Trung ương."
    )
    # the areas are the library's headings, marked editorial
    assert all(c.area_is_editorial for c in agreement.commitments)
    # "…, cụ thể:" and its six items, kept as the source writes them
    listing = agreement.commitments[3]
    assert listing.text.endswith("về các lĩnh vực Thông tin và Truyền thông, cụ thể:")
    assert [c.code for c in agreement.commitments if c.part_of == "C04"] == [
        "C05", "C06", "C07", "C08", "C09", "C10"
    ]  # fmt: skip
    # the source says "đại diện"; the blocks are a department's: its head signs directly
    assert {s.authority for s in agreement.signatories} == {SignatureAuthority.HEAD}
    assert document.memos[0].parties == ("HP", "HN")
    # the departments merged into the science and technology departments from 01/3/2025
    org = document.organisation
    assert org.group("CUM-1").ended_on == D(2025, 3, 1)
    assert org.members_on("CUM-1", D(2025, 2, 28)) != ()
    assert org.members_on("CUM-1", D(2025, 3, 1)) == ()


def test_example_cites_its_legal_references(document: AgreementDocument) -> None:
    """The Prime Minister's decision 45/2016 and the Politburo directive 05, as written."""
    refs = [ref for c in document.agreements[0].commitments for ref in c.references]
    assert [str(ref) for ref in refs] == [
        "Chỉ thị số 05/CT-TW ngày 15/5/ 2016 của Bộ Chính trị",
        "Quyết định số 45/2016/QĐ-TTg ngày 19/10/2016 của Chính phủ",
    ]
    party, state = refs
    assert (party.number, party.issuer, party.date) == ("05", "TW", D(2016, 5, 15))
    assert (state.number, state.year, state.issuer) == ("45", 2016, "TTg")


def test_example_round_trips_byte_for_byte(document: AgreementDocument) -> None:
    """dumps(loads(dumps(x))) == dumps(x), and the golden file pins the format."""
    data = dumps(document, indent=True) + b"\n"
    assert loads(data, AgreementDocument) == document
    assert dumps(loads(data), indent=True) + b"\n" == data
    golden = (Path(__file__).parent / "data" / "agreement_v1.json").read_bytes()
    assert data == golden


def test_signatory_must_be_a_member_on_the_signing_date(wire: dict[str, Any]) -> None:
    """Signing before the cluster was formed (09/9/2019) breaks membership."""
    early = edit(wire, "agreements.0.signing.on", "2019-09-01")
    early = edit(early, "agreements.0.history.0.on", "2019-09-01")
    early = edit(early, "memos.0.signed_on", None)
    assert problems(early) == [("$.agreements[0].signatories[0].unit", "not-a-member")]


def test_signatory_unit_must_exist(wire: dict[str, Any]) -> None:
    """A dangling unit code names its path."""
    bad = edit(wire, "agreements.0.signatories.2.unit", "XX")
    assert problems(bad) == [("$.agreements[0].signatories[2].unit", "unknown-unit")]


def test_one_signatory_per_unit_unless_allowed(wire: dict[str, Any]) -> None:
    """Two signatures for HN are refused, and accepted when the agreement says so."""
    bad = edit(wire, "agreements.0.signatories.1.unit", "HN")
    assert problems(bad) == [("$.agreements[0].signatories[1].unit", "duplicate-signatory")]
    allowed = edit(bad, "agreements.0.several_signatories_per_unit", value=True)
    assert len(structure(allowed, AgreementDocument).agreements[0].signatories) == 5


def test_commitment_codes_are_unique(wire: dict[str, Any]) -> None:
    """A repeated commitment code names the second occurrence."""
    bad = edit(wire, "agreements.0.commitments.3.code", "C01")
    assert problems(bad) == [("$.agreements[0].commitments[3].code", "duplicate-code")]


def test_target_deadline_inside_period(wire: dict[str, Any]) -> None:
    """A deadline after 31/12/2020 is outside 2019–2020; one inside is fine."""
    target = {"indicator": "Tỷ lệ hồ sơ trực tuyến", "value": "30.0", "unit_of_measure": "%"}
    late = edit(wire, "agreements.0.commitments.6.target", {**target, "deadline": "2021-01-01"})
    assert problems(late) == [("$.agreements[0].commitments[6].target.deadline", "outside-period")]
    ok = edit(wire, "agreements.0.commitments.6.target", {**target, "deadline": "2020-12-31"})
    parsed = structure(ok, AgreementDocument).agreements[0].commitments[6].target
    assert parsed == Target(
        indicator="Tỷ lệ hồ sơ trực tuyến",
        value=Decimal("30.0"),
        unit_of_measure="%",
        deadline=D(2020, 12, 31),
    )
    assert str(parsed.value) == "30.0"


def test_unknown_group_and_host(wire: dict[str, Any]) -> None:
    """The agreement's group and the signing host must exist."""
    assert problems(edit(wire, "agreements.0.group", "CUM-9")) == [
        ("$.agreements[0].group", "unknown-group")
    ]
    assert problems(edit(wire, "agreements.0.signing.host", "XX")) == [
        ("$.agreements[0].signing.host", "unknown-unit")
    ]


def test_memo_references(wire: dict[str, Any]) -> None:
    """A memo names a known agreement and two distinct members."""
    assert problems(edit(wire, "memos.0.agreement", "GU-X")) == [
        ("$.memos[0].agreement", "unknown-agreement")
    ]
    assert problems(edit(wire, "memos.0.parties", ["HP", "XX"])) == [
        ("$.memos[0].parties[1]", "unknown-unit")
    ]
    assert problems(edit(wire, "memos.0.parties", ["HP", "HP"])) == [
        ("$.memos[0].parties", "two-parties")
    ]
    assert problems(edit(wire, "memos.0.signed_on", "2019-01-01")) == [
        ("$.memos[0].parties[0]", "not-a-member")
    ]


def test_status_changes_follow_the_lifecycle(document: AgreementDocument) -> None:
    """signed -> in force -> under review -> closed with a reason; no way back from closed."""
    agreement = document.agreements[0]
    in_force = agreement.transition(AgreementStatus.IN_FORCE, D(2020, 1, 1))
    review = in_force.transition(AgreementStatus.UNDER_REVIEW, D(2021, 3, 1))
    closed = review.transition(AgreementStatus.CLOSED, D(2021, 3, 30), "Hết thời hạn giao ước")
    assert closed.status is AgreementStatus.CLOSED
    with pytest.raises(LifecycleError) as info:
        closed.transition(AgreementStatus.IN_FORCE, D(2021, 4, 1))
    assert (info.value.path, info.value.code) == ("history[4].status", "bad-transition")
    with pytest.raises(LifecycleError) as info:
        agreement.transition(AgreementStatus.UNDER_REVIEW, D(2020, 1, 1))
    assert info.value.code == "bad-transition"
    with pytest.raises(LifecycleError) as info:
        review.transition(AgreementStatus.CLOSED, D(2021, 3, 30))
    assert (info.value.path, info.value.code) == ("reason", "reason-required")
    with pytest.raises(LifecycleError) as info:
        in_force.transition(AgreementStatus.UNDER_REVIEW, D(2019, 12, 31))
    assert (info.value.path, info.value.code) == ("history[2].on", "out-of-order")


def test_signed_needs_a_signing(document: AgreementDocument) -> None:
    """A draft has no signing; marking it signed without one is refused."""
    draft = attrs.evolve(document.agreements[0], signing=None, history=())
    assert draft.status is AgreementStatus.DRAFT
    with pytest.raises(LifecycleError) as info:
        draft.transition(AgreementStatus.SIGNED, D(2019, 12, 14))
    assert (info.value.path, info.value.code) == ("signing", "signing-required")
    with pytest.raises(LifecycleError) as info:
        attrs.evolve(draft, signing=Signing(on=D(2019, 12, 14), place="Hà Nội")).transition(
            AgreementStatus.SIGNED, D(2019, 12, 1)
        )
    assert info.value.code == "out-of-order"


def test_lifecycle_errors_from_json_name_the_path(wire: dict[str, Any]) -> None:
    """A bad history on the wire is reported at its JSON path."""
    bad = edit(wire, "agreements.0.history.0.status", "closed")
    assert problems(bad) == [("$.agreements[0].history[0].reason", "reason-required")]
    bad = edit(wire, "agreements.0.history.0.status", "under-review")
    assert problems(bad) == [("$.agreements[0].history[0].status", "bad-transition")]


def test_text_fields_are_nfc_and_not_empty() -> None:
    """Empty text is refused with its field as path; goals too."""
    with pytest.raises(InvalidModelError) as info:
        Commitment(code="C1", area=" ", text="x")
    assert (info.value.path, info.value.code) == ("area", "empty")
    with pytest.raises(InvalidModelError) as info:
        Agreement(code="A", group="G", period=Period.year(2020), title="T", goals=("",))
    assert (info.value.path, info.value.code) == ("goals[0]", "empty")
    assert StatusChange(status=AgreementStatus.SIGNED, on=D(2020, 1, 1)).reason is None


def test_agreement_lookup(document: AgreementDocument) -> None:
    """agreement(code) finds one agreement or raises KeyError."""
    assert document.agreement("GU-CUM1-2019-2020") is document.agreements[0]
    with pytest.raises(KeyError, match="GU-X"):
        document.agreement("GU-X")


def test_duplicate_agreement_codes(wire: dict[str, Any]) -> None:
    """Two agreements with one code are refused at the second."""
    data = orjson.loads(orjson.dumps(wire))
    data["agreements"].append(data["agreements"][0])
    assert problems(data) == [("$.agreements[1].code", "duplicate-code")]


@given(st.sampled_from(["C01", "C05"]), st.dates(D(2019, 1, 1), D(2020, 12, 31)))
def test_evolve_keeps_invariants(code: str, deadline: dt.date) -> None:
    """Any deadline inside the period is accepted by evolve; outside it is refused."""
    agreement = cluster1_2019_2020().agreements[0]
    target = Target(indicator="Chỉ tiêu", value=Decimal(1), unit_of_measure="%", deadline=deadline)
    commitments = tuple(
        attrs.evolve(c, target=target) if c.code == code else c for c in agreement.commitments
    )
    assert attrs.evolve(agreement, commitments=commitments).commitments != agreement.commitments
    late = attrs.evolve(target, deadline=D(2021, 1, 1) + dt.timedelta(days=deadline.day))
    with pytest.raises(InvalidModelError):
        attrs.evolve(
            agreement,
            commitments=tuple(attrs.evolve(c, target=late) for c in agreement.commitments),
        )


def test_memo_and_signatory_models() -> None:
    """Memos carry no score; signatories may name a person and title."""
    memo = CooperationMemo(code="M", agreement="A", parties=("HP", "HN"), purpose="Hợp tác")
    assert not hasattr(memo, "score")
    signatory = Signatory(unit="HN", person="Nguyễn Văn A", title="Giám đốc")
    assert attrs.fields(Signatory).person.metadata["personal"] is True
    assert signatory.title == "Giám đốc"


@given(st.from_type(AgreementDocument))
def test_generated_documents_round_trip(document: AgreementDocument) -> None:
    """Every generated document is valid and survives the wire byte for byte."""
    data = dumps(document)
    assert loads(data, AgreementDocument) == document
    assert dumps(loads(data)) == data


@given(st.from_type(Agreement), st.from_type(CooperationMemo), st.from_type(StatusChange))
def test_every_model_has_a_strategy(
    agreement: Agreement, memo: CooperationMemo, change: StatusChange
) -> None:
    """from_type works for the agreement models, and their values round-trip."""
    for value in (agreement, memo, change):
        assert structure(unstructure(value), type(value)) == value


@given(st.from_type(AgreementDocument))
def test_evolve_with_a_foreign_signatory_is_refused(document: AgreementDocument) -> None:
    """Adding a signatory that is not a member breaks the document's invariant."""
    agreement = document.agreements[0]
    stranger = Signatory(unit="NGOAI-CUM")
    changed = attrs.evolve(agreement, signatories=(*agreement.signatories, stranger))
    with pytest.raises(InvalidModelError) as info:
        attrs.evolve(document, agreements=(changed,))
    position = len(changed.signatories) - 1
    assert (info.value.path, info.value.code) == (
        f"agreements[0].signatories[{position}].unit",
        "unknown-unit",
    )


def test_from_type_works_downstream_without_importing_strategies() -> None:
    """Hypothesis' entry point registers the strategies for any project that has thidua."""
    code = (
        "from hypothesis import strategies as st, given, settings\n"
        "import thidua\n"
        "@settings(max_examples=5)\n"
        "@given(st.from_type(thidua.AgreementDocument))\n"
        "def check(document):\n"
        "    assert isinstance(document, thidua.AgreementDocument)\n"
        "check()\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.stdout.strip() == "ok", result.stderr


def test_reorganisation_closes_an_open_agreement_with_a_reason() -> None:
    """A member merged on 01/7/2025: its membership ends, its successor is known, and
    the open agreement of 2025 closes with the merger as its reason."""
    from thidua import (  # noqa: PLC0415 - only this scenario needs them
        EmulationGroup,
        GroupKind,
        Membership,
        Organisation,
        Unit,
        UnitEvent,
        UnitEventKind,
        UnitKind,
    )

    merged_on = D(2025, 7, 1)
    units = (
        Unit(code="HP", name="Sở Khoa học và Công nghệ Hải Phòng", kind=UnitKind.DEPARTMENT),
        Unit(code="HD", name="Sở Khoa học và Công nghệ Hải Dương", kind=UnitKind.DEPARTMENT),
        Unit(code="HP2", name="Sở Khoa học và Công nghệ Hải Phòng", kind=UnitKind.DEPARTMENT),
        Unit(code="HN", name="Sở Khoa học và Công nghệ Hà Nội", kind=UnitKind.DEPARTMENT),
    )
    event = UnitEvent(
        kind=UnitEventKind.MERGE,
        effective=merged_on,
        predecessors=("HP", "HD"),
        successors=("HP2",),
        note="Sáp nhập tỉnh từ 01/7/2025 (số nghị quyết chưa kiểm chứng)",
    )
    start, end_ = D(2025, 1, 1), merged_on - dt.timedelta(days=1)
    memberships = (
        Membership(unit="HP", group="CUM-1", valid_from=start, valid_to=end_),
        Membership(unit="HN", group="CUM-1", valid_from=start),
        Membership(unit="HP2", group="CUM-1", valid_from=merged_on),
    )
    org = Organisation(
        units=units,
        groups=(EmulationGroup(code="CUM-1", name="Cụm thi đua số 1", kind=GroupKind.CLUSTER),),
        memberships=memberships,
        events=(event,),
    )
    assert org.successors_of("HP") == ("HP2",)
    assert not org.is_member("HP", "CUM-1", merged_on)
    assert org.is_member("HP2", "CUM-1", merged_on)
    agreement = Agreement(
        code="GU-2025",
        group="CUM-1",
        period=Period.year(2025),
        title="Giao ước thi đua năm 2025",
        signing=Signing(on=D(2025, 3, 1), place="Hải Phòng", host="HP"),
        signatories=(Signatory(unit="HP"), Signatory(unit="HN")),
        history=(StatusChange(status=AgreementStatus.SIGNED, on=D(2025, 3, 1)),),
    ).transition(AgreementStatus.IN_FORCE, D(2025, 3, 1))
    closed = agreement.transition(
        AgreementStatus.CLOSED, merged_on, "Thành viên HP sáp nhập thành HP2 từ 01/7/2025"
    )
    document = AgreementDocument(organisation=org, agreements=(closed,))
    assert document.agreements[0].status is AgreementStatus.CLOSED
    assert document.agreements[0].history[-1].reason is not None


def test_signature_authority_tm_only_for_collegial_bodies(document: AgreementDocument) -> None:
    """A department works under one head: "TM." is refused (ND 30/2020/NĐ-CP Art 13, App. I)."""
    agreement = document.agreements[0]
    on_behalf = attrs.evolve(agreement.signatories[0], authority=SignatureAuthority.ON_BEHALF)
    bad = attrs.evolve(agreement, signatories=(on_behalf, *agreement.signatories[1:]))
    with pytest.raises(InvalidModelError) as info:
        attrs.evolve(document, agreements=(bad,))
    assert (info.value.code, info.value.path) == (
        "not-collegial",
        "agreements[0].signatories[0].authority",
    )
    deputy = attrs.evolve(
        agreement.signatories[0], authority=SignatureAuthority.DEPUTY, title="Phó Giám đốc"
    )
    fine = attrs.evolve(agreement, signatories=(deputy, *agreement.signatories[1:]))
    assert attrs.evolve(document, agreements=(fine,)).agreements[0].signatories[0] == deputy


def test_old_agreement_documents_still_load() -> None:
    """A document written before signature authority and editorial areas loads with defaults."""
    old = orjson.loads((Path(__file__).parent / "data" / "agreement_v1.json").read_bytes())
    for signatory in old["agreements"][0]["signatories"]:
        del signatory["authority"]
    for commitment in old["agreements"][0]["commitments"]:
        del commitment["area_is_editorial"], commitment["part_of"]
    for key in ("copies", "recipients", "illustrative"):
        del old["agreements"][0][key]
    loaded = loads(orjson.dumps(old), AgreementDocument)
    assert loaded.agreements[0].signatories[0].authority is SignatureAuthority.HEAD
    assert loaded.agreements[0].commitments[0].part_of is None
