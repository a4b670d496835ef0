"""JSON Schema: generated from the models, checked against the library's own reading.

Every test runs over every registered document kind (so new kinds are covered with no
edit here) plus a toy kind defined below that uses every wire form the converter knows.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import random
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, Final

import attrs
import jsonschema
import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua import Problem, StructureError, serialization
from thidua.cli import main
from thidua.errors import InvalidModelError
from thidua.examples import cluster1_2019_2020
from thidua.serialization import _hooks, _schema
from thidua.serialization import _registry as wire_registry
from thidua.serialization._schema import _document_schema, json_schema, register_type_schema
from thidua.strategies import _registry

DATA = Path(__file__).parent / "data"
EXCHANGE_DATA = Path(__file__).parent / "data_exchange"
EXAMPLES = Path(__file__).parent.parent / "src" / "thidua" / "examples"

# ---------------------------------------------------------------------------------------
# A toy document kind that uses every wire form.


class Colour(enum.StrEnum):
    """A colour."""

    RED = "red"
    GREEN = "green"


class Level(enum.IntEnum):
    """A level."""

    LOW = 1
    HIGH = 2


@attrs.frozen(kw_only=True)
class Manual:
    """Points set by hand.

    Args:
        points: The points given.
    """

    points: Decimal


@attrs.frozen(kw_only=True)
class Rate:
    """Points from a rate.

    Args:
        share: The share of the maximum.
        note: A note.
    """

    share: Fraction
    note: str | None = None


Method = Manual | Rate


@attrs.frozen(kw_only=True)
class Node:
    """A tree node (recursive).

    Args:
        code: Its code.
        children: Its children, same shape.
    """

    code: str
    children: tuple[Node, ...] = ()

    def __attrs_post_init__(self) -> None:
        codes = [c.code for c in self.children]
        if len(set(codes)) != len(codes):
            msg = "duplicate child code"
            raise InvalidModelError(msg, path="children", code="duplicate-code")


@attrs.frozen(kw_only=True)
class Toy:
    """A toy document.

    Args:
        name: A name,
            on two lines.
        count: A count.
        flag: A flag.
        amount: An amount.
        on: A date.
        at: A date and time.
        colour: A colour.
        level: A level.
        method: How points are given.
        fallback: Another method, or none.
        tree: A tree.
        tags: Some tags.
        extra: Anything at all.
        hidden: Not on the wire.
    """

    name: str
    count: int
    flag: bool
    amount: Decimal
    on: dt.date
    at: dt.datetime
    colour: Colour
    level: Level = Level.LOW
    method: Method
    fallback: Method | None = None
    tree: Node
    tags: tuple[str, ...] = attrs.field(factory=tuple)
    extra: Any = None
    hidden: int = attrs.field(init=False, default=0)


def _configure_toy(conv: Any) -> None:
    serialization.register_tagged_union(conv, Method, {"manual": Manual, "rate": Rate})


@pytest.fixture(autouse=True)
def toy_kind(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Register the toy kind and its union for the duration of a test."""
    monkeypatch.setitem(wire_registry._KINDS, "schema-toy", f"{Toy.__module__}:{Toy.__qualname__}")
    monkeypatch.setattr(
        wire_registry, "_CONFIGURATORS", [*wire_registry._CONFIGURATORS, _configure_toy]
    )
    monkeypatch.setattr(wire_registry, "_CONVERTER", None)
    yield
    _hooks._TAGGED_UNIONS.pop(Method, None)


_names = st.text(alphabet="abcĐđàệ ", min_size=1, max_size=8).map(str.strip).filter(bool)
_decimals = st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False)
_nodes = st.recursive(
    st.builds(Node, code=st.just("n")),
    lambda inner: st.lists(inner, max_size=3).map(
        lambda kids: Node(
            code="p", children=tuple(attrs.evolve(k, code=f"c{i}") for i, k in enumerate(kids))
        )
    ),
    max_leaves=6,
)
_methods: st.SearchStrategy[Method] = st.one_of(
    st.builds(Manual, points=_decimals),
    st.builds(
        Rate,
        share=st.fractions(min_value=0, max_value=1, max_denominator=50),
        note=st.none() | _names,
    ),
)
_toys = st.builds(
    Toy,
    name=_names,
    count=st.integers(-(10**14), 10**14),
    flag=st.booleans(),
    amount=_decimals,
    on=st.dates(),
    at=st.datetimes(timezones=st.just(dt.timezone(dt.timedelta(hours=7)))).map(
        lambda d: d.replace(microsecond=0)
    ),
    colour=st.sampled_from(Colour),
    level=st.sampled_from(Level),
    method=_methods,
    fallback=st.none() | _methods,
    tree=_nodes,
    tags=st.lists(_names, max_size=3).map(tuple),
    extra=st.none() | st.integers(0, 5) | _names,
)


#: Kinds whose model has no hypothesis strategy yet: their golden documents stand in.
#: (Every model should ship a strategy; remove a kind from here when its strategy lands.)
_NO_STRATEGY_YET: Final = frozenset({"agreement", "review"})


def _documents(kind: str) -> st.SearchStrategy[Any]:
    """Strategy-generated documents of *kind*, as parsed JSON."""
    if kind in _NO_STRATEGY_YET:
        goldens = [doc for _, doc in _golden_documents() if doc["kind"] == kind]
        return st.sampled_from(goldens)
    if kind == "schema-toy":
        models: st.SearchStrategy[Any] = _toys
    else:
        _registry.register_all()
        models = st.from_type(serialization.document_kinds()[kind])
    return models.map(lambda m: orjson.loads(serialization.dumps(m)))


def _kinds() -> list[str]:
    return sorted({*wire_registry._KINDS, "schema-toy"})


@functools.cache
def _validator(kind: str) -> jsonschema.protocols.Validator:
    schema = json_schema(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _golden_documents() -> list[tuple[Path, Any]]:
    """Every JSON file under tests/data and the shipped examples that names a document kind."""
    found = []
    paths = [*DATA.rglob("*.json"), *EXCHANGE_DATA.rglob("*.json"), *EXAMPLES.glob("*.json")]
    for path in sorted(paths):
        parsed = orjson.loads(path.read_bytes())
        if isinstance(parsed, dict) and parsed.get("kind") in _kinds():
            found.append((path, parsed))
    shipped = orjson.loads(serialization.dumps(cluster1_2019_2020()))
    found.append((Path("thidua.examples.cluster1_2019_2020()"), shipped))
    return found


# ---------------------------------------------------------------------------------------
# Mutations: structurally broken documents.

_STRUCTURAL = {
    "unknown-key",
    "missing",
    "wrong-type",
    "unknown-tag",
    "unknown-value",
    "unquoted-decimal",
    "invalid-decimal",
    "invalid-date",
    "invalid-datetime",
    "invalid-fraction",
    "invalid-version",
    "newer-version",
}
_REPLACEMENTS: tuple[Any, ...] = ({}, [], True, None, "x", 1.5, 10**16, -3)
_TAG_KEYS = {"kind"}


def _json_path(parts: tuple[str | int, ...]) -> str:
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _set(doc: Any, parts: tuple[str | int, ...], value: Any) -> Any:
    """A copy of *doc* with the value at *parts* replaced (``...`` deletes a key)."""
    if not parts:
        return value
    head, rest = parts[0], parts[1:]
    if isinstance(doc, dict):
        copy = dict(doc)
        if value is ... and not rest:
            del copy[head]
        else:
            copy[head] = _set(doc[head], rest, value)
        return copy
    items = list(doc)
    items[head] = _set(doc[head], rest, value)  # type: ignore[index]
    return items


def _walk(
    doc: Any, parts: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    yield parts, doc
    if isinstance(doc, dict):
        for key, value in doc.items():
            yield from _walk(value, (*parts, key))
    elif isinstance(doc, list):
        for index, value in enumerate(doc):
            yield from _walk(value, (*parts, index))


Mutation = tuple[str, tuple[str | int, ...], Any]
"""A mutation: what it does, where, and the new value there (``...`` deletes the key)."""


def _mutations(doc: Any) -> dict[str, list[Mutation]]:
    """Every mutation of *doc*, by category; apply one with :func:`_mutant`."""
    found: dict[str, list[Mutation]] = {"key": [], "missing": [], "tag": [], "type": []}
    for parts, value in _walk(doc):
        where = _json_path(parts)
        if isinstance(value, dict):
            found["key"].append((f"unknown key at {where}", parts, {**value, "zz_unknown": 1}))
            found["missing"].extend(
                (f"no {where}.{key}", (*parts, key), ...) for key in value if parts or key != "kind"
            )
            found["tag"].extend(
                (f"unknown tag at {where}", (*parts, tag_key), "zz-tag")
                for tag_key in _TAG_KEYS & value.keys()
            )
        if parts:
            found["type"].extend(
                (f"{where} = {replacement!r}", parts, replacement)
                for replacement in _REPLACEMENTS
                if type(replacement) is not type(value)
            )
    return found


def _mutant(doc: Any, mutation: Mutation) -> tuple[str, Any]:
    description, parts, value = mutation
    return description, _set(doc, parts, value)


def _sample(doc: Any, per_category: int, seed: int = 0) -> list[tuple[str, Any]]:
    """Up to *per_category* mutations of each category, chosen with a fixed seed."""
    chooser = random.Random(seed)  # noqa: S311 - a reproducible sample, not a secret
    chosen: list[tuple[str, Any]] = []
    for mutations in _mutations(doc).values():
        picked = (
            mutations if len(mutations) <= per_category else chooser.sample(mutations, per_category)
        )
        chosen += [_mutant(doc, m) for m in picked]
    return chosen


def _out_of_wire_range(problem: Problem) -> bool:
    """An integer beyond the wire format's range (models use the same code for their own rules)."""
    return problem.code == "out-of-range" and problem.message.startswith("integer ")


def _check_agreement(validator: Any, description: str, mutant: Any) -> bool:
    """Assert schema and library agree on a mutant; return whether it is invalid."""
    try:
        serialization.loads(mutant)
    except StructureError as exc:
        codes = {p.code for p in exc.problems}
        if codes & _STRUCTURAL or any(_out_of_wire_range(p) for p in exc.problems):
            errors = list(validator.iter_errors(mutant))
            assert errors, f"{description}: library says {codes}, schema accepts"
            return True
        return False
    errors = list(validator.iter_errors(mutant))
    assert not errors, f"{description}: library accepts, schema says {errors[0].message}"
    return False


# ---------------------------------------------------------------------------------------
# Tests.


@pytest.mark.parametrize("kind", _kinds())
def test_schema_is_a_valid_draft_2020_12_schema(kind: str) -> None:
    """Each kind's schema passes the draft 2020-12 meta-schema and names its envelope."""
    schema = json_schema(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["kind"] == {"const": kind}
    assert schema["required"][:2] == ["kind", "schema_version"]
    assert schema["additionalProperties"] is False


#: Documents are large and each is checked whole: a bounded number per kind and test.
_BOUNDED = settings(max_examples=30)


@pytest.mark.parametrize("kind", _kinds())
@_BOUNDED
@given(data=st.data())
def test_generated_documents_validate(kind: str, data: st.DataObject) -> None:
    """Every strategy-generated document of every kind validates against its schema."""
    document = data.draw(_documents(kind))
    errors = [e.message for e in _validator(kind).iter_errors(document)]
    assert errors == []


@pytest.mark.parametrize("kind", _kinds())
@_BOUNDED
@given(data=st.data())
def test_broken_documents_are_refused_like_the_library_does(kind: str, data: st.DataObject) -> None:
    """The schema refuses the structural breaks the library refuses, and reads what it reads."""
    document = data.draw(_documents(kind))
    every = [m for mutations in _mutations(document).values() for m in mutations]
    description, mutant = _mutant(document, data.draw(st.sampled_from(every)))
    _check_agreement(_validator(kind), description, mutant)


def test_golden_documents_validate_and_every_mutation_agrees() -> None:
    """Golden documents validate; a fixed sample of their mutations is judged alike by both."""
    goldens = _golden_documents()
    assert any(path.name == "toy.json" for path, _ in goldens)
    for kind in _NO_STRATEGY_YET & set(_kinds()):
        assert any(doc["kind"] == kind for _, doc in goldens), kind
    for path, document in goldens:
        try:
            serialization.loads(document)
        except StructureError:
            continue  # a golden of an invalid or older document, not a current one
        validator = _validator(document["kind"])
        errors = [e.message for e in validator.iter_errors(document)]
        assert errors == [], path
        refused = [_check_agreement(validator, d, m) for d, m in _sample(document, 25)]
        assert any(refused), path


def test_toy_schema_shapes() -> None:
    """The toy schema spells out each wire form the converter reads."""
    schema = json_schema("schema-toy")
    props = schema["properties"]
    defs = schema["$defs"]
    assert schema["required"] == [
        "kind",
        "schema_version",
        "name",
        "count",
        "flag",
        "amount",
        "on",
        "at",
        "colour",
        "method",
        "tree",
    ]
    assert "hidden" not in props
    assert props["name"] == {"type": "string", "description": "A name, on two lines."}
    assert props["count"]["maximum"] == 10**15 - 1
    assert props["amount"]["anyOf"][0]["pattern"].startswith("^-?")
    assert props["on"]["format"] == "date"
    assert props["at"]["format"] == "date-time"
    assert props["colour"]["$ref"] == "#/$defs/Colour"
    assert defs["Colour"]["enum"] == ["red", "green"]
    assert defs["Level"] == {
        "title": "Level",
        "description": "A level.",
        "type": "integer",
        "enum": [1, 2],
    }
    assert props["level"]["default"] == 1
    assert props["tags"]["default"] == []
    assert props["extra"]["default"] is None
    assert [v["$ref"] for v in props["method"]["oneOf"]] == ["#/$defs/Manual", "#/$defs/Rate"]
    assert defs["Manual"]["properties"]["kind"] == {"const": "manual"}
    assert defs["Manual"]["required"] == ["kind", "points"]
    assert defs["Rate"]["additionalProperties"] is False
    assert props["fallback"]["anyOf"][1] == {"type": "null"}
    assert defs["Node"]["properties"]["children"]["items"] == {"$ref": "#/$defs/Node"}


def test_version_pattern_accepts_what_the_library_reads() -> None:
    """schema_version: the current version and older minors of its major, nothing else."""
    validator = _validator("schema-toy")
    document = orjson.loads((EXCHANGE_DATA / "schema" / "toy.json").read_bytes())
    assert validator.is_valid(document)
    for version in ("1.2", "2.0", "0.9", "1", "1.0.0", "01.0"):
        assert not validator.is_valid({**document, "schema_version": version}), version


def test_unknown_kind_is_refused() -> None:
    """Asking for a kind that does not exist names the known kinds."""
    with pytest.raises(ValueError, match=r"unknown document kind 'nope'.*'schema-toy'"):
        json_schema("nope")


@attrs.frozen(kw_only=True)
class Odd:
    """A type with no wire form."""

    values: frozenset[int]
    pair: tuple[int, str]


class Code(str):
    """A string with a custom hook."""

    __slots__ = ()


@attrs.frozen(kw_only=True)
class WithCode:
    """Holds a code."""

    code: Code


class Mixed(enum.Enum):
    """Values of two JSON types."""

    ONE = 1
    TWO = "two"


@attrs.frozen(kw_only=True)
class Documented:
    """A class whose docstring has more than arguments.

    Args:
        first: The first
            value, on two lines.

        second (int): The second.

    Returns:
        Nothing, this is a class.
    """

    first: int
    second: int
    third: Mixed


def test_descriptions_come_from_docstrings() -> None:
    """Field descriptions are read from the ``Args:`` section and stop at its end."""
    schema = _document_schema("documented", Documented)
    props = schema["properties"]
    assert props["first"]["description"] == "The first value, on two lines."
    assert props["second"]["description"] == "The second."
    assert "description" not in props["third"]
    assert schema["description"] == "A class whose docstring has more than arguments."
    assert schema["$defs"]["Mixed"] == {
        "title": "Mixed",
        "description": "Values of two JSON types.",
        "enum": [1, "two"],
    }


def test_unsupported_types_are_named() -> None:
    """A field type with no wire form is an error naming the field."""
    with pytest.raises(TypeError, match=r"Odd\.values: no JSON Schema for type"):
        _document_schema("odd", Odd)


def test_registered_type_schema_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    """A type with a custom hook is described by the schema it registered."""
    monkeypatch.setattr(_schema, "_TYPE_SCHEMAS", {})
    register_type_schema(Code, {"type": "string", "pattern": "^[A-Z]+$"})
    schema = _document_schema("with-code", WithCode)
    assert schema["properties"]["code"] == {"type": "string", "pattern": "^[A-Z]+$"}


def test_untagged_unions_and_name_clashes() -> None:
    """Plain unions become anyOf; two classes of one name get distinct $defs."""
    other_type: Any = int | str
    clash = attrs.make_class("Manual", {"other": attrs.field(type=other_type)}, frozen=True)
    holder = attrs.make_class(
        "Holder",
        {"first": attrs.field(type=Manual), "second": attrs.field(type=clash)},
        frozen=True,
    )
    schema = _document_schema("holder", holder)
    assert schema["properties"]["first"] == {"$ref": "#/$defs/Manual"}
    assert schema["properties"]["second"] == {"$ref": "#/$defs/Manual_2"}
    integer = {"type": "integer", "minimum": -(10**15 - 1), "maximum": 10**15 - 1}
    other = schema["$defs"]["Manual_2"]["properties"]["other"]
    assert other == {"anyOf": [integer, {"type": "string"}]}


def test_cli_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    """`thidua schema KIND` prints the same schema as the function, as JSON."""
    assert main(["schema", "schema-toy"]) == 0
    assert orjson.loads(capsys.readouterr().out) == json_schema("schema-toy")


def test_cli_refuses_an_unknown_kind(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown kind is a usage error (exit 2)."""
    assert main(["schema", "nope"]) == 2
    assert "invalid choice" in capsys.readouterr().err


@given(toy=_toys)
def test_optional_tagged_unions_keep_their_tag(toy: Toy) -> None:
    """An optional tagged union is written with its tag and read back (round trip)."""
    data = serialization.dumps(toy)
    fallback = orjson.loads(data)["fallback"]
    assert fallback is None or fallback["kind"] in {"manual", "rate"}
    again = serialization.loads(data, Toy)
    assert again == toy
    assert serialization.dumps(again) == data
