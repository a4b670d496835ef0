"""The fast functions build models as their constructors do, without checking types twice."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import thidua.strategies  # noqa: F401 - registers every model's strategy with from_type
from test_round_trip_every_kind import KINDS  # every document kind
from thidua import InvalidModelError
from thidua._base.text import nfc_or_none
from thidua._base.validation import code_validator, typed_fields, without_type_check
from thidua.scoring import Assessment
from thidua.serialization import document_kind, make_converter, unstructure
from thidua.serialization._building import build_lines
from thidua.serialization._hooks import reads_exactly


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Toy:
    """A model with a code, a date, an optional decimal and a converted name."""

    code: str = attrs.field(validator=code_validator)
    when: dt.date
    amount: Decimal | None = None
    name: str | None = attrs.field(default=None, converter=nfc_or_none)

    def __attrs_post_init__(self) -> None:
        if self.amount is not None and self.amount < 0:
            raise InvalidModelError("negative", path="amount", code="out-of-range")


WHEN = dt.date(2020, 1, 2)


def toy_data(**changes: Any) -> dict[str, Any]:
    return {"code": "A1", "when": "2020-01-02", **changes}


def test_a_read_model_equals_the_constructed_one() -> None:
    """Every field set, the converter applied: the same object ``__init__`` makes."""
    fast = make_converter(detailed_validation=False)
    read = fast.structure(toy_data(amount="1.50", name=" Ha\u0300 Nội "), Toy)
    assert read == Toy(code="A1", when=WHEN, amount=Decimal("1.50"), name="Hà Nội")
    assert read.name == unicodedata.normalize("NFC", "Hà Nội")
    assert fast.structure(toy_data(), Toy) == Toy(code="A1", when=WHEN)


def test_the_fast_function_builds_without_calling_the_class() -> None:
    """The lines set the slots, run the validators left and the post-init."""
    names: dict[str, Any] = {}
    lines = build_lines(Toy, attrs.fields(Toy), lambda _: True, names)
    assert lines is not None
    source = "\n".join(lines)
    assert "__cl(" not in source.replace("__new(__cl)", "")
    assert "__post_init(m)" in source
    # Only the code keeps a validator: the others were type checks the hooks made.
    assert [line.strip() for line in lines if "__f" in line] == ["__f0(m, __a0, v0)"]
    assert names["__f0"] is code_validator
    assert names["__k3"] is nfc_or_none


def test_type_checks_are_kept_where_the_type_is_not_known() -> None:
    """A type not known to be read exactly keeps its check."""
    names: dict[str, Any] = {}
    lines = build_lines(Toy, attrs.fields(Toy), lambda type_: type_ is not dt.date, names)
    assert lines is not None
    assert [line.strip() for line in lines if "__f" in line] == [
        "__f0(m, __a0, v0)",
        "__f1(m, __a1, v1)",
    ]
    assert names["__f1"] is attrs.fields(Toy).when.validator


def test_without_type_check() -> None:
    """The field's own validator, ``None`` when it has none, any other unchanged."""
    when, amount, code = (attrs.fields(Toy).when, attrs.fields(Toy).amount, attrs.fields(Toy).code)
    assert when.validator is not None
    assert amount.validator is not None
    assert code.validator is not None
    assert without_type_check(when.validator) is None
    assert without_type_check(amount.validator) is None
    assert without_type_check(code.validator) is code_validator
    item = attrs.fields(Assessment).item.validator
    assert item is not None
    own = without_type_check(item)
    assert own is not None
    assert own is not item
    with pytest.raises(InvalidModelError):
        own(None, attrs.fields(Assessment).item, " 1.1")


def test_a_hook_registered_by_hand_keeps_the_type_check() -> None:
    """A date hook that returns text: the model refuses it, as its constructor would."""
    conv = make_converter(detailed_validation=False)
    assert reads_exactly(conv, dt.date)
    conv.register_structure_hook(dt.date, lambda value, _: value)
    assert not reads_exactly(conv, dt.date)
    assert not reads_exactly(conv, dt.date | None)
    assert not reads_exactly(conv, tuple[dt.date, ...])
    with pytest.raises(InvalidModelError, match="expected a date") as info:
        conv.structure(toy_data(), Toy)
    assert info.value.code == "wrong-type"
    assert info.value.path == "when"


def test_reads_exactly_knows_thidua_hooks() -> None:
    conv = make_converter(detailed_validation=False)
    for type_ in (str, int, bool, Decimal, dt.date, Decimal | None, tuple[str, ...], Toy):
        assert reads_exactly(conv, type_), type_
    assert not reads_exactly(conv, dt.datetime)
    assert not reads_exactly(conv, list[int])


@pytest.mark.parametrize(
    ("changes", "code", "path"),
    [
        ({"code": "!!"}, "invalid-code", "code"),  # the field's own validator
        ({"amount": "-1"}, "out-of-range", "amount"),  # the post-init
        ({"name": "a\x00b"}, "invalid-text", ""),  # the converter
    ],
)
def test_validators_converters_and_post_init_still_refuse(
    changes: dict[str, Any], code: str, path: str
) -> None:
    fast = make_converter(detailed_validation=False)
    with pytest.raises(InvalidModelError) as info:
        fast.structure(toy_data(**changes), Toy)
    assert (info.value.code, info.value.path) == (code, path)


def test_disabled_validators_are_skipped_as_init_skips_them() -> None:
    """``attrs.validators.disabled()`` skips the validators, not the post-init."""
    fast = make_converter(detailed_validation=False)
    with attrs.validators.disabled():
        assert fast.structure(toy_data(code="!!"), Toy) == Toy(code="!!", when=WHEN)
        with pytest.raises(Exception, match="negative"):
            fast.structure(toy_data(amount="-1"), Toy)
    with pytest.raises(Exception, match="code"):
        fast.structure(toy_data(code="!!"), Toy)


@attrs.frozen(kw_only=True)
class Plain:
    code: str


@attrs.frozen(kw_only=True, slots=False)
class WithDict:
    code: str


@attrs.frozen(kw_only=True)
class WithPreInit:
    code: str

    def __attrs_pre_init__(self) -> None:
        CALLS.append("pre-init")


@attrs.frozen(kw_only=True, init=False)
class OwnInit:
    code: str

    def __init__(self, *, code: str) -> None:
        CALLS.append("init")
        self.__attrs_init__(code=code.upper())


def _kept(value: str, _instance: object) -> str:
    return value


@attrs.frozen(kw_only=True)
class TakesSelf:
    code: str = attrs.field(converter=attrs.Converter(_kept, takes_self=True))  # type: ignore[misc]


CALLS: list[str] = []


@pytest.mark.parametrize("cls", [WithDict, WithPreInit, OwnInit, TakesSelf])
def test_classes_built_otherwise_are_called(cls: type) -> None:
    """Not slotted, a pre-init, an ``__init__`` of its own, a converter of the instance."""
    assert build_lines(cls, attrs.fields(cls), lambda _: True, {}) is None
    CALLS.clear()
    built: Any = make_converter(detailed_validation=False).structure({"code": "ab"}, cls)
    read = list(CALLS)
    CALLS.clear()
    assert built == cls(code="ab")
    assert read == CALLS  # the read ran what the constructor runs


def test_a_plain_slotted_class_is_built() -> None:
    """The test classes above differ from this one only by what makes them called."""
    assert build_lines(Plain, attrs.fields(Plain), lambda _: True, {}) is not None
    fast = make_converter(detailed_validation=False)
    assert fast.structure({"code": "ab"}, Plain) == Plain(code="ab")


_ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.sampled_from(["", "!!", "-1", "0", "1.5", "x", "2020-02-30", "self", "peer", " "]),
    st.just([]),
    st.just({}),
)


def _places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in parsed JSON, the root excluded."""
    found: list[tuple[Any, ...]] = [path] if path else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _places(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _places(item, (*path, index))
    return found


def _replace(value: Any, path: tuple[Any, ...], new: Any) -> None:
    for step in path[:-1]:
        value = value[step]
    value[path[-1]] = new


def _outcome(conv: Any, data: Any, cls: type) -> tuple[bool, Any]:
    try:
        return True, conv.structure(data, cls)
    except Exception:  # noqa: BLE001 - only whether it refuses is compared
        return False, None


@pytest.mark.parametrize("cls", KINDS, ids=document_kind)
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_fast_reads_agree_with_the_constructors(cls: type[Any], data: st.DataObject) -> None:
    """Any document with up to two values changed: built alike, or refused by both."""
    document = data.draw(st.from_type(cls))
    body = unstructure(document)
    for _ in range(data.draw(st.integers(0, 2))):
        places = _places(body)
        if places:
            _replace(body, data.draw(st.sampled_from(places)), data.draw(_ODD_VALUES))
    fast = _outcome(make_converter(detailed_validation=False), body, cls)
    detailed = _outcome(make_converter(), body, cls)
    assert fast == detailed
