"""The strict wire format: exact types, decimal strings, paths, envelopes, versions."""

from __future__ import annotations

import datetime as dt
import enum
import pickle
from decimal import Decimal
from fractions import Fraction

import attrs
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua import (
    DocumentError,
    InvalidModelError,
    Problem,
    SchemaVersionError,
    StructureError,
    ThiduaError,
)
from thidua import serialization as ser
from thidua._base.text import nfc
from thidua._base.validation import code_validator, unique_codes
from thidua.serialization import _registry


class Colour(enum.StrEnum):
    RED = "red"
    BLUE = "blue"


@attrs.frozen(kw_only=True)
class Target:
    value: Decimal
    deadline: dt.date


@attrs.frozen(kw_only=True)
class Item:
    code: str = attrs.field(validator=code_validator)
    text: str = attrs.field(converter=nfc)
    target: Target | None = None
    colour: Colour = Colour.RED
    share: Fraction = Fraction(1)
    at: dt.datetime | None = None


@attrs.frozen(kw_only=True)
class Doc:
    items: tuple[Item, ...]
    count: int
    flag: bool = False

    def __attrs_post_init__(self) -> None:
        unique_codes(self.items, "items")


@pytest.fixture
def doc_kind(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setitem(_registry._KINDS, "test-doc", f"{Doc.__module__}:{Doc.__qualname__}")
    return "test-doc"


GOOD = {
    "count": 2,
    "items": [
        {"code": "A1", "text": "Hà Nội", "target": {"value": "9.980", "deadline": "2020-12-31"}},
        {"code": "A2", "text": "Cần Thơ", "colour": "blue", "share": "2/3"},
    ],
}


def problems(data: object, cls: type = Doc) -> list[tuple[str, str]]:
    with pytest.raises(StructureError) as info:
        ser.structure(data, cls)
    return [(p.path, p.code) for p in info.value.problems]


def test_structure_builds_models_exactly() -> None:
    """Decimals keep their digits, fractions and enums are read from their wire forms."""
    doc = ser.structure(GOOD, Doc)
    assert doc.items[0].target == Target(value=Decimal("9.980"), deadline=dt.date(2020, 12, 31))
    assert str(doc.items[0].target.value) == "9.980"
    assert doc.items[1].share == Fraction(2, 3)
    assert doc.items[1].colour is Colour.BLUE


def test_unstructure_writes_wire_forms() -> None:
    """Decimals as strings with trailing zeros, fractions as "p/q", enums as values."""
    data = ser.unstructure(ser.structure(GOOD, Doc))
    assert data["items"][0]["target"] == {"value": "9.980", "deadline": "2020-12-31"}
    assert data["items"][1]["share"] == "2/3"
    assert data["items"][0]["share"] == 1
    assert type(data["items"][1]["colour"]) is str
    assert data["items"][1]["colour"] == "blue"


def test_every_problem_is_reported_with_its_path() -> None:
    """Unknown keys, wrong types, missing fields and invariants, all at once."""
    bad = {
        "count": "2",
        "extra": 1,
        "items": [
            {"code": "A1", "text": 5},
            {"code": "A2", "text": "x", "target": {"value": 9.98, "deadline": "2020-13-01"}},
            None,
            {"text": "x", "colour": "green"},
        ],
    }
    assert problems(bad) == [
        ("$.items[0].text", "wrong-type"),
        ("$.items[1].target.value", "unquoted-decimal"),
        ("$.items[1].target.deadline", "invalid-date"),
        ("$.items[2]", "wrong-type"),
        ("$.items[3].code", "missing"),
        ("$.items[3].colour", "unknown-value"),
        ("$.count", "wrong-type"),
        ("$.extra", "unknown-key"),
    ]


def test_invariant_errors_carry_the_field_path() -> None:
    """An invariant raised in __init__ is reported at the model path plus its own."""
    dup = {"count": 1, "items": [{"code": "A", "text": "x"}, {"code": "A", "text": "y"}]}
    assert problems(dup) == [("$.items[1].code", "duplicate-code")]
    assert problems({"count": 1, "items": [{"code": "!", "text": "x"}]}) == [
        ("$.items[0].code", "invalid-code")
    ]


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (True, "wrong-type"),
        ("5", "wrong-type"),
        (1.0, "wrong-type"),
        (10**15, "out-of-range"),
        (None, "wrong-type"),
    ],
)
def test_integers_are_exact(value: object, code: str) -> None:
    """No "5" -> 5, no true -> 1, no floats, no huge numbers."""
    assert problems({"count": value, "items": []}) == [("$.count", code)]


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("9,98", "invalid-decimal"),
        ("1e3", "invalid-decimal"),
        ("NaN", "invalid-decimal"),
        ("Infinity", "invalid-decimal"),
        ("08", "invalid-decimal"),
        (" 1", "invalid-decimal"),
        ("1" * 19, "invalid-decimal"),
        (9.5, "unquoted-decimal"),
        (True, "wrong-type"),
        (None, "wrong-type"),
    ],
)
def test_decimals_are_strings(value: object, code: str) -> None:
    """Only plain decimal strings (or whole JSON integers) are quantities."""
    data = {
        "count": 1,
        "items": [{"code": "A", "text": "x", "target": {"value": value, "deadline": "2020-01-01"}}],
    }
    assert problems(data) == [("$.items[0].target.value", code)]


def test_unquoted_fraction_message_says_to_quote() -> None:
    """The message for 9.98 tells the user what to write."""
    data = {
        "count": 1,
        "items": [{"code": "A", "text": "x", "target": {"value": 9.98, "deadline": "2020-01-01"}}],
    }
    with pytest.raises(StructureError) as info:
        ser.structure(data, Doc)
    assert '"9.98"' in info.value.problems[0].message


def test_whole_numbers_may_be_integers_and_negative_zero_is_kept() -> None:
    """A JSON integer is a decimal; "-0" keeps its sign on the way back."""
    data = {
        "count": 1,
        "items": [{"code": "A", "text": "x", "target": {"value": 5, "deadline": "2020-01-01"}}],
    }
    assert ser.structure(data, Doc).items[0].target == Target(
        value=Decimal(5), deadline=dt.date(2020, 1, 1)
    )
    neg = {"value": "-0.0", "deadline": "2020-01-01"}
    assert ser.unstructure(ser.structure(neg, Target))["value"] == "-0.0"


@pytest.mark.parametrize(
    ("value", "code"),
    [("20191214", "invalid-date"), ("2019-02-30", "invalid-date"), (20191214, "invalid-date")],
)
def test_dates_are_iso_strings(value: object, code: str) -> None:
    """Only YYYY-MM-DD of a real day."""
    assert problems({"value": "1", "deadline": value}, Target) == [("$.deadline", code)]


def test_datetimes_need_an_offset() -> None:
    """A time without its offset is ambiguous and refused."""
    base = {"code": "A", "text": "x"}
    assert problems({**base, "at": "2019-12-14T09:14:00"}, Item) == [("$.at", "invalid-datetime")]
    item = ser.structure({**base, "at": "2019-12-14T09:14:00+07:00"}, Item)
    assert ser.unstructure(item)["at"] == "2019-12-14T09:14:00+07:00"
    assert problems({**base, "at": "2019-12-14T25:14:00+07:00"}, Item) == [
        ("$.at", "invalid-datetime")
    ]


@pytest.mark.parametrize("value", ["2/0", "-1/2", 1.5, "a/b", -1])
def test_fractions_are_strict(value: object) -> None:
    """Fractions are "p/q" strings or non-negative integers."""
    assert problems({"code": "A", "text": "x", "share": value}, Item) == [
        ("$.share", "invalid-fraction")
    ]


@pytest.mark.parametrize("data", [None, "abc", [1], 5])
def test_top_level_must_be_an_object(data: object) -> None:
    """A non-object at the top is a clear error at $."""
    assert problems(data) == [("$", "wrong-type")]


def test_strings_are_not_arrays() -> None:
    """A string where an array belongs is refused rather than split into characters."""
    assert problems({"count": 1, "items": "AB"}) == [("$.items", "wrong-type")]


def test_text_is_stored_as_nfc() -> None:
    """Decomposed text on the wire is stored composed."""
    decomposed = "Ha\u0300 No\u0323\u0302i"
    item = ser.structure({"code": "A", "text": decomposed}, Item)
    assert item.text == "Hà Nội"


def test_awkward_keys_are_quoted_in_paths() -> None:
    """Unknown keys that are not identifiers are quoted in the path."""
    assert problems({"count": 1, "items": [], "a b": 1}) == [('$["a b"]', "unknown-key")]


def test_unexpected_bugs_are_not_turned_into_data_errors() -> None:
    """An exception that is not about the data propagates as itself."""

    @attrs.frozen
    class Broken:
        value: int

        def __attrs_post_init__(self) -> None:
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        ser.structure({"value": 1}, Broken)


def test_documents_round_trip_with_envelope(doc_kind: str) -> None:
    """dumps writes kind and version; loads reads them back to an equal model."""
    doc = ser.structure(GOOD, Doc)
    data = ser.dumps(doc)
    parsed = orjson.loads(data)
    assert parsed["kind"] == doc_kind
    assert parsed["schema_version"] == ser.SCHEMA_VERSION
    assert ser.loads(data, Doc) == doc
    assert ser.dumps(ser.loads(data)) == data


@pytest.mark.usefixtures("doc_kind")
def test_dumps_is_canonical() -> None:
    """Keys sorted and compact: equal documents give equal bytes; indent is for people."""
    doc = ser.structure(GOOD, Doc)
    assert ser.dumps(doc).startswith(b'{"count":2,"flag":false,"items":')
    assert orjson.loads(ser.dumps(doc, indent=True)) == orjson.loads(ser.dumps(doc))


@pytest.mark.parametrize(
    ("version", "code"),
    [
        ("2.0", "newer-version"),
        ("1.99", "newer-version"),
        ("0.9", "older-version"),
        ("1", "invalid-version"),
        (1.0, "invalid-version"),
    ],
)
def test_schema_versions(doc_kind: str, version: object, code: str) -> None:
    """Newer versions are refused, older majors need migrating, malformed ones are errors."""
    data = orjson.dumps({"kind": doc_kind, "schema_version": version, **GOOD})
    with pytest.raises(SchemaVersionError) as info:
        ser.loads(data)
    assert [(p.path, p.code) for p in info.value.problems] == [("$.schema_version", code)]


def test_missing_version_and_unknown_kind(doc_kind: str) -> None:
    """The envelope is required and checked."""
    with pytest.raises(SchemaVersionError) as info:
        ser.loads(orjson.dumps({"kind": doc_kind, **GOOD}))
    assert info.value.problems[0].code == "missing"
    with pytest.raises(StructureError) as info2:
        ser.loads(b'{"kind": "nope", "schema_version": "1.0"}')
    assert [(p.path, p.code) for p in info2.value.problems] == [("$.kind", "unknown-tag")]
    with pytest.raises(StructureError) as info3:
        ser.loads(b'{"schema_version": "1.0"}')
    assert [(p.path, p.code) for p in info3.value.problems] == [("$.kind", "missing")]


@pytest.mark.usefixtures("doc_kind")
def test_wrong_kind_for_expected_class(monkeypatch: pytest.MonkeyPatch) -> None:
    """Asking for one kind and reading another is an error at $.kind."""
    monkeypatch.setitem(_registry._KINDS, "other", f"{Item.__module__}:{Item.__qualname__}")
    data = orjson.dumps({"kind": "other", "schema_version": "1.0", "code": "A", "text": "x"})
    with pytest.raises(StructureError) as info:
        ser.loads(data, Doc)
    assert info.value.problems[0].code == "wrong-kind"


@pytest.mark.parametrize("data", [b"{", b"\xff", b'{"a": NaN}', b"[1,]", b""])
def test_bad_json_is_a_document_error(data: bytes) -> None:
    """Broken JSON, bad UTF-8 and NaN are DocumentErrors at $."""
    with pytest.raises(DocumentError) as info:
        ser.loads(data)
    assert str(info.value).startswith("$: not valid JSON")


def test_top_level_document_must_be_an_object() -> None:
    """A JSON array is not a document."""
    with pytest.raises(StructureError) as info:
        ser.loads(b"[1, 2]")
    assert [(p.path, p.code) for p in info.value.problems] == [("$", "wrong-type")]


def test_dumps_refuses_non_documents() -> None:
    """Only registered document kinds get an envelope."""
    with pytest.raises(TypeError, match="not a document kind"):
        ser.dumps(Target(value=Decimal(1), deadline=dt.date(2020, 1, 1)))


def test_own_converter_can_be_configured() -> None:
    """make_converter gives an independent converter with the same rules."""
    conv = ser.make_converter()
    assert conv is not ser.converter()
    assert conv.unstructure(Decimal("1.50")) == "1.50"


@pytest.mark.parametrize(
    "error",
    [
        InvalidModelError("bad", path="a[0].b", code="x"),
        StructureError("Doc", [Problem("bad", path="$.a", code="x")]),
        SchemaVersionError(
            "document", [Problem("new", path="$.schema_version", code="newer-version")]
        ),
        DocumentError("broken"),
    ],
)
def test_errors_pickle_and_are_value_errors(error: ThiduaError) -> None:
    """Every error crosses process boundaries and is also a ValueError."""
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own data
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert isinstance(copy, ValueError)


def test_structure_error_messages() -> None:
    """StructureError lists every problem as "$.path: message"."""
    error = StructureError("Doc", [Problem("bad", path="$.a"), Problem("worse", path="$.b")])
    assert error.messages == ["$.a: bad", "$.b: worse"]
    assert str(error) == "invalid Doc: 2 problems\n  $.a: bad\n  $.b: worse"


@given(
    st.decimals(
        allow_nan=False, allow_infinity=False, places=3, min_value=-(10**6), max_value=10**6
    )
)
def test_decimals_round_trip_exactly(value: Decimal) -> None:
    """Any decimal with a few places survives a trip through the wire, digits and all."""
    target = Target(value=value, deadline=dt.date(2020, 1, 1))
    wire = ser.unstructure(target)
    back = ser.structure(orjson.loads(orjson.dumps(wire)), Target)
    assert str(back.value) == str(value) or back.value.as_tuple() == value.as_tuple()
    assert orjson.dumps(ser.unstructure(back)) == orjson.dumps(wire)


def test_structure_errors_for_union_targets() -> None:
    """Structuring into a union type reports problems like any other type."""
    with pytest.raises(StructureError) as info:
        ser.structure("x", Target | None)  # type: ignore[arg-type]
    assert info.value.problems[0].path == "$"
