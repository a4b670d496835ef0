"""Withholding personal data: names go, units and figures stay."""

from __future__ import annotations

from collections.abc import Iterator

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua import (
    WITHHELD,
    InvalidModelError,
    is_personal,
    personal_field,
    section_digests,
    verify,
    with_seal,
    withhold_personal_data,
)
from thidua._base.text import nfc
from thidua.serialization import dumps, loads
from toys import ToyScheme, ToySheet, ToyUnit, sample_scheme, sample_sheet, toy_kinds

CANARIES = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung")


@pytest.fixture(autouse=True, scope="module")
def _kinds() -> Iterator[None]:
    with toy_kinds():
        yield


@attrs.frozen(kw_only=True)
class Badly:
    year: int = personal_field()


@attrs.frozen(kw_only=True)
class Required:
    name: str = personal_field(converter=nfc, metadata={"note": "x"})


def test_personal_fields_are_marked() -> None:
    """personal_field adds the marker and keeps other metadata."""
    fields = attrs.fields(ToySheet)
    assert is_personal(fields.assessor)
    assert is_personal(fields.witnesses)
    assert not is_personal(fields.title)
    assert attrs.fields(Required).name.metadata == {"note": "x", "personal": True}


def test_names_are_withheld_at_every_depth() -> None:
    """Every personal field, nested ones too, is replaced; nothing else changes."""
    sheet = sample_sheet()
    hidden = withhold_personal_data(sheet)
    # one stand-in per person, in the order met (the unit's head first)
    assert hidden.unit.head == WITHHELD
    assert hidden.assessor == "[đã ẩn 2]"
    assert hidden.witnesses == ("[đã ẩn 3]", "[đã ẩn 4]")
    assert hidden.unit.name == sheet.unit.name
    assert hidden.scores == sheet.scores
    assert hidden.title == sheet.title
    assert hidden.share == sheet.share


def test_no_canary_name_survives_in_the_output() -> None:
    """The exported bytes hold none of the people's names."""
    text = dumps(withhold_personal_data(sample_sheet())).decode()
    assert all(name not in text for name in CANARIES)
    assert "Sở Tài chính" in text
    assert '"9.980"' in text


def test_withheld_document_is_a_valid_document() -> None:
    """The export loads back as the same (withheld) document."""
    hidden = withhold_personal_data(sample_sheet())
    assert loads(dumps(hidden)) == hidden


def test_custom_placeholder_and_none() -> None:
    """A placeholder of one's own is used; None suits optional fields and is refused elsewhere."""
    sheet = sample_sheet()
    assert withhold_personal_data(sheet, placeholder="***").assessor == "*** 2"
    with pytest.raises(InvalidModelError) as info:
        withhold_personal_data(sheet, placeholder=None)
    assert info.value.code == "wrong-type"
    unit = withhold_personal_data(sheet.unit, placeholder=None)
    assert unit == ToyUnit(code="SO_TC", name="Sở Tài chính", head=None)


def test_documents_without_personal_data_are_returned_as_they_are() -> None:
    """Nothing to withhold: the same object comes back."""
    scheme = sample_scheme()
    assert withhold_personal_data(scheme) is scheme
    unit = ToyUnit(code="A", name="Đơn vị")
    assert withhold_personal_data(unit) is unit
    assert withhold_personal_data(attrs.evolve(sample_sheet(), witnesses=())).witnesses == ()


def test_non_text_personal_field_is_a_modelling_mistake() -> None:
    """Personal fields hold text; anything else is a TypeError naming the field."""
    with pytest.raises(TypeError, match=r"Badly\.year is declared personal but holds int"):
        withhold_personal_data(Badly(year=2020))


def test_seal_shows_only_the_personal_sections_changed() -> None:
    """A withheld copy of a sealed document fails only on the sections that held names."""
    sealed = with_seal(sample_sheet())
    report = verify(withhold_personal_data(sealed))
    assert not report.ok
    assert report.changed_sections == ("assessor", "unit", "witnesses")
    hidden = section_digests(withhold_personal_data(sealed))
    assert hidden["scores"] == section_digests(sealed)["scores"]


def test_plain_values_pass_through() -> None:
    """Values that are not models are returned unchanged."""
    assert withhold_personal_data("Nguyễn Văn An") == "Nguyễn Văn An"
    assert withhold_personal_data((1, 2)) == (1, 2)
    assert isinstance(withhold_personal_data(ToyScheme(name="X")), ToyScheme)


canary_names = st.from_regex(r"CANARY [a-zđ]{1,8}", fullmatch=True)
plain_texts = st.from_regex(r"[A-Z][a-zđ]{0,10}", fullmatch=True)


@given(
    assessor=canary_names,
    head=st.none() | canary_names,
    witnesses=st.lists(canary_names, max_size=3).map(tuple),
    title=plain_texts,
    unit_name=plain_texts,
)
def test_no_personal_value_reaches_the_output(
    assessor: str, head: str | None, witnesses: tuple[str, ...], title: str, unit_name: str
) -> None:
    """Whatever the names, none survives withholding; everything else is kept."""
    sheet = attrs.evolve(
        sample_sheet(),
        title=title,
        assessor=assessor,
        witnesses=witnesses,
        unit=ToyUnit(code="U", name=unit_name, head=head),
    )
    hidden = withhold_personal_data(sheet)
    text = dumps(hidden).decode()
    assert "CANARY" not in text
    assert len(hidden.witnesses) == len(witnesses)
    assert (hidden.title, hidden.unit.name, hidden.scores) == (title, unit_name, sheet.scores)
