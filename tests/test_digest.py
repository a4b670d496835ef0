"""Canonical digests, seals, references and verify()."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua import (
    DigestCheck,
    InvalidModelError,
    Seal,
    SectionDigest,
    StructureError,
    digest,
    digest_reference_field,
    references,
    seal,
    seal_field,
    section_digests,
    verify,
    with_seal,
)
from thidua.serialization import dumps, loads, structure
from toys import (
    ToyCriterion,
    ToyScore,
    ToySheet,
    ToyUnit,
    sample_scheme,
    sample_sheet,
    toy_kinds,
)

HEX = "0123456789abcdef"
DIGEST_A = "sha256:" + "a" * 64
DIGEST_B = "sha256:" + "b" * 64


@pytest.fixture(autouse=True, scope="module")
def _kinds() -> Iterator[None]:
    with toy_kinds():
        yield


@attrs.frozen(kw_only=True)
class TwoSeals:
    first: Seal | None = seal_field()
    second: Seal | None = seal_field()


@attrs.frozen(kw_only=True)
class Checked:
    of: str = digest_reference_field("toy-sheet", validator=lambda *_: None)
    more: str | None = digest_reference_field(
        "toy-sheet", default=None, validator=[lambda *_: None], metadata={"note": 1}
    )


def test_digest_is_sha256_of_the_canonical_bytes() -> None:
    """A digest is the SHA-256 of dumps(document), with the seal key left out."""
    scheme = sample_scheme()
    assert digest(scheme) == "sha256:" + hashlib.sha256(dumps(scheme)).hexdigest()
    sheet = sample_sheet()
    without_seal = dumps(sheet).replace(b',"seal":null', b"")
    assert digest(sheet) == "sha256:" + hashlib.sha256(without_seal).hexdigest()


def test_digest_is_pinned() -> None:
    """The canonical form is a format: the sample's digest does not drift."""
    assert dumps(sample_scheme()) == (
        b'{"criteria":[{"children":[{"children":[],"code":"A.1"},{"children":[],"code":"A.2"}],'
        b'"code":"A"}],"kind":"toy-scheme","name":"B\xe1\xba\xa3ng \xc4\x91i\xe1\xbb\x83m thi'
        b' \xc4\x91ua n\xc4\x83m 2020","schema_version":"1.1"}'
    )


def test_digest_does_not_depend_on_how_the_file_was_written() -> None:
    """Key order, white space and Unicode normal form of the input do not change the digest."""
    sheet = sample_sheet()
    data = dumps(sheet, indent=True).replace("Sở".encode(), "So\u031b\u0309".encode())
    assert data != dumps(sheet)
    assert digest(loads(data)) == digest(sheet)


def test_decimals_keep_their_trailing_zeros() -> None:
    """9.980 and 9.98 are different documents: decimals are digested as written."""
    sheet = sample_sheet()
    score = attrs.evolve(sheet.scores[0], points=Decimal("9.98"))
    other = attrs.evolve(sheet, scores=(score, sheet.scores[1]))
    assert digest(other) != digest(sheet)
    assert section_digests(other)["scores"] != section_digests(sheet)["scores"]


def test_sections_are_every_top_level_key() -> None:
    """Sections are the top-level keys, envelope included and seal left out."""
    sections = section_digests(with_seal(sample_sheet()))
    assert list(sections) == [
        "assessor", "final", "kind", "schema_version", "scheme", "scores", "share", "title",
        "unit", "witnesses", "year",
    ]  # fmt: skip
    assert sections["year"] == "sha256:" + hashlib.sha256(b"2020").hexdigest()


def test_seal_is_left_out_of_the_digest() -> None:
    """Sealing does not change the digest, and the seal records it."""
    sheet = sample_sheet()
    sealed = with_seal(sheet)
    assert sealed.seal is not None
    assert digest(sealed) == digest(sheet) == sealed.seal.document
    assert sealed.seal == seal(sheet) == seal(sealed)
    assert sealed.seal.section_map() == section_digests(sheet)


def test_sealed_documents_round_trip() -> None:
    """A sealed document loads back equal and still verifies."""
    sealed = with_seal(sample_sheet())
    again = loads(dumps(sealed), ToySheet)
    assert again == sealed
    assert dumps(again) == dumps(sealed)
    assert verify(again).ok


def test_with_seal_needs_a_seal_field() -> None:
    """A document class without a seal field cannot be sealed."""
    with pytest.raises(TypeError, match="ToyScheme has no seal field"):
        with_seal(sample_scheme())


def test_two_seal_fields_are_a_modelling_mistake() -> None:
    """At most one seal field per document."""
    with pytest.raises(TypeError, match="more than one seal field: first, second"):
        with_seal(TwoSeals())


def test_digest_of_a_non_document_is_a_type_error() -> None:
    """Only document kinds have digests."""
    with pytest.raises(TypeError, match="ToyUnit is not a document kind"):
        digest(ToyUnit(code="A", name="Đơn vị"))


def test_unsealed_document_has_nothing_to_verify() -> None:
    """verify() of an unsealed document makes no check and is ok."""
    report = verify(sample_sheet())
    assert report.checks == ()
    assert report.ok
    assert report.digest == digest(sample_sheet())
    assert verify(sample_scheme()).checks == ()


def test_verify_names_the_changed_section() -> None:
    """A change after sealing is found and its section named."""
    sealed = with_seal(sample_sheet())
    changed = attrs.evolve(sealed, year=2021)
    report = verify(changed)
    assert not report.ok
    assert report.changed_sections == ("year",)
    (check,) = report.checks
    assert check.name == "seal"
    assert check.expected == digest(sealed) != check.actual == digest(changed)


def test_inconsistent_seal_is_not_ok() -> None:
    """A seal whose section list does not match fails even if the document digest does.

    The document is as sealed, so what changed is the seal: it is named, not the section
    its record lost (issue 15, class 7).
    """
    sheet = sample_sheet()
    good = seal(sheet)
    forged = attrs.evolve(good, sections=good.sections[:-1])
    report = verify(attrs.evolve(sheet, seal=forged))
    assert not report.ok
    assert report.changed_sections == ("seal",)
    assert report.checks[0].expected == report.checks[0].actual


def test_verify_against_a_digest() -> None:
    """Against a digest string, the document's own digest is compared."""
    sheet = sample_sheet()
    assert verify(sheet, digest(sheet)).ok
    report = verify(sheet, DIGEST_A)
    assert not report.ok
    assert report.checks == (DigestCheck(name="against", expected=DIGEST_A, actual=digest(sheet)),)


def test_verify_against_a_malformed_digest() -> None:
    """A string that is not a digest is refused."""
    with pytest.raises(InvalidModelError) as info:
        verify(sample_sheet(), "sha256:ABC")
    assert (info.value.code, info.value.path) == ("invalid-digest", "against")


def test_verify_against_another_copy() -> None:
    """Against a document of the same kind, sections are compared."""
    sheet = sample_sheet()
    other = attrs.evolve(sheet, title="Phiếu khác", final=True)
    assert verify(sheet, sheet).ok
    report = verify(other, sheet)
    assert report.changed_sections == ("final", "title")
    assert report.checks[0].expected == digest(sheet)


def test_verify_against_a_document_of_another_kind_without_reference() -> None:
    """Different kinds with no reference: a failed comparison naming every differing section."""
    report = verify(sample_sheet(), sample_scheme())
    assert not report.ok
    assert "kind" in report.changed_sections


def test_results_record_the_scheme_they_were_computed_with() -> None:
    """A reference to a scheme is checked against the scheme given."""
    scheme = sample_scheme()
    sheet = attrs.evolve(sample_sheet(), scheme=digest(scheme))
    assert references(sheet) == {"scheme": ("toy-scheme", digest(scheme))}
    report = verify(sheet, scheme)
    assert report.ok
    assert report.checks == (
        DigestCheck(name="reference scheme", expected=digest(scheme), actual=digest(scheme)),
    )
    changed = attrs.evolve(scheme, criteria=(ToyCriterion(code="B"),))
    report = verify(sheet, changed)
    assert not report.ok
    assert report.checks[0].name == "reference scheme"
    assert report.checks[0].actual == digest(changed)


def test_references_skip_none_and_non_attrs() -> None:
    """Unset references and non-model values hold no references."""
    assert references(sample_sheet()) == {}
    assert references("text") == {}


def test_reference_fields_validate_digests() -> None:
    """A reference must be a digest; extra validators still run."""
    assert references(Checked(of=DIGEST_A, more=DIGEST_B)) == {
        "of": ("toy-sheet", DIGEST_A),
        "more": ("toy-sheet", DIGEST_B),
    }
    assert attrs.fields(Checked).more.metadata["note"] == 1
    with pytest.raises(InvalidModelError) as info:
        Checked(of="sha256:" + "A" * 64)
    assert (info.value.code, info.value.path) == ("invalid-digest", "of")


def test_reference_from_json_has_a_path() -> None:
    """A malformed reference in a document is reported at its JSON path."""
    data = {**_sheet_data(), "scheme": "md5:abc"}
    with pytest.raises(StructureError) as info:
        structure(data, ToySheet)
    (problem,) = info.value.problems
    assert (problem.path, problem.code) == ("$.scheme", "invalid-digest")


def _sheet_data() -> dict[str, Any]:
    data: dict[str, Any] = orjson.loads(dumps(sample_sheet()))
    del data["kind"], data["schema_version"]
    return data


@pytest.mark.parametrize(
    ("kwargs", "path", "code"),
    [
        ({"document": "sha256:" + "g" * 64, "sections": ()}, "document", "invalid-digest"),
        (
            {
                "document": DIGEST_A,
                "sections": (
                    SectionDigest(section="b", digest=DIGEST_A),
                    SectionDigest(section="a", digest=DIGEST_A),
                ),
            },
            "sections[1].section",
            "unordered",
        ),
        (
            {
                "document": DIGEST_A,
                "sections": (
                    SectionDigest(section="a", digest=DIGEST_A),
                    SectionDigest(section="a", digest=DIGEST_B),
                ),
            },
            "sections[1].section",
            "unordered",
        ),
    ],
)
def test_seal_invariants(kwargs: dict[str, Any], path: str, code: str) -> None:
    """Seals hold digests, with sections in key order and no repeats."""
    with pytest.raises(InvalidModelError) as info:
        Seal(**kwargs)
    assert (info.value.path, info.value.code) == (path, code)


def test_seal_from_json_reports_paths() -> None:
    """A broken seal in a document is reported at its JSON path."""
    data = {
        **_sheet_data(),
        "seal": {"document": DIGEST_A, "sections": [{"section": " ", "digest": DIGEST_A}]},
    }
    with pytest.raises(StructureError) as info:
        structure(data, ToySheet)
    (problem,) = info.value.problems
    assert (problem.path, problem.code) == ("$.seal.sections[0].section", "empty")


def test_section_digest_accepts_valid_values() -> None:
    """A well-formed section digest is built and kept."""
    item = SectionDigest(section="năm", digest=DIGEST_A)
    assert (item.section, item.digest) == ("năm", DIGEST_A)


texts = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyÀÁẠ ", min_size=1, max_size=12).filter(
    lambda s: s.strip() == s and bool(s)
)
codes = st.from_regex(r"[A-Z][A-Z0-9_.]{0,6}", fullmatch=True)
decimals = st.decimals(min_value=-999, max_value=999, places=3, allow_nan=False)
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31))
scores = st.lists(
    st.builds(ToyScore, code=codes, points=decimals, on=dates),
    max_size=3,
    unique_by=lambda s: s.code,
).map(tuple)
units = st.builds(ToyUnit, code=codes, name=texts, head=st.none() | texts)
references_ = st.none() | st.text(alphabet=HEX, min_size=64, max_size=64).map(
    lambda h: "sha256:" + h
)
FIELDS: dict[str, st.SearchStrategy[Any]] = {
    "title": texts,
    "year": st.integers(1990, 2100),
    "unit": units,
    "assessor": texts,
    "witnesses": st.lists(texts, max_size=3).map(tuple),
    "share": st.fractions(min_value=0, max_value=1, max_denominator=30),
    "final": st.booleans(),
    "scores": scores,
    "scheme": references_,
}
sheets = st.builds(ToySheet, **FIELDS)


@given(sheets, st.sampled_from(sorted(FIELDS)), st.data())
def test_every_single_field_change_is_named(
    sheet: ToySheet, field: str, data: st.DataObject
) -> None:
    """Change one field of a sealed document: verify fails naming exactly that section."""
    sealed = with_seal(sheet)
    value = data.draw(FIELDS[field].filter(lambda v: v != getattr(sheet, field)), label=field)
    changed = attrs.evolve(sealed, **{field: value})
    report = verify(loads(dumps(changed)))
    assert not report.ok
    assert report.changed_sections == (field,)
    assert verify(loads(dumps(sealed))).ok


@given(sheets)
def test_round_trip_keeps_digest(sheet: ToySheet) -> None:
    """Load after dump gives the same canonical bytes and digest."""
    again = loads(dumps(sheet), ToySheet)
    assert again == sheet
    assert dumps(again) == dumps(sheet)
    assert digest(again) == digest(sheet)


def test_fraction_sections() -> None:
    """Fractions are part of the canonical form ("2/3")."""
    sheet = sample_sheet()
    assert sheet.share == Fraction(2, 3)
    assert section_digests(sheet)["share"] == "sha256:" + hashlib.sha256(b'"2/3"').hexdigest()
