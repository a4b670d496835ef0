"""Loader limits: size, depth, collection and string lengths give clear errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua import DEFAULT_LIMITS, DocumentError, InvalidModelError, Limits
from thidua._base.limits import MAX_DEPTH_CEILING, check_size, check_tree
from thidua.cli import main
from thidua.serialization import dumps, loads, structure
from thidua.serialization._hooks import parse_json
from toys import ToyScheme, sample_sheet, toy_kinds


@pytest.fixture(autouse=True, scope="module")
def _kinds() -> Iterator[None]:
    with toy_kinds():
        yield


def nested_arrays(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def scheme_of_depth(depth: int) -> dict[str, Any]:
    """A toy scheme whose JSON nests *depth* levels (the top-level object is 1)."""
    # The envelope object, the criteria array and a criterion object make 3 levels; each
    # further criterion adds two (its children array and itself), an empty array one.
    node: dict[str, Any] = {"code": "C", "children": []} if depth % 2 == 0 else {"code": "C"}
    for _ in range((depth - 3) // 2):
        node = {"code": "C", "children": [node]}
    return {"kind": "toy-scheme", "schema_version": "1.0", "name": "Bảng", "criteria": [node]}


def json_depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max((json_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((json_depth(v) for v in value), default=0)
    return 0


def test_defaults_are_safe() -> None:
    """The defaults: 64 MiB, depth 64, a million entries and characters."""
    assert (
        Limits(
            max_bytes=64 * 1024 * 1024,
            max_depth=64,
            max_items=1_000_000,
            max_string_length=1_000_000,
        )
        == DEFAULT_LIMITS
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("max_bytes", 0, "must be a positive integer"),
        ("max_items", -1, "must be a positive integer"),
        ("max_string_length", True, "must be a positive integer"),
        ("max_depth", MAX_DEPTH_CEILING + 1, "must be at most 128"),
    ],
)
def test_limits_refuse_bad_values(field: str, value: int, message: str) -> None:
    """Limits are positive integers; depth stays below the ceiling."""
    with pytest.raises(InvalidModelError, match=message) as info:
        Limits(**{field: value})
    assert (info.value.path, info.value.code) == (field, "out-of-range")


def test_limits_accept_the_ceiling() -> None:
    """A depth of exactly the ceiling is allowed."""
    assert Limits(max_depth=MAX_DEPTH_CEILING).max_depth == MAX_DEPTH_CEILING


def test_too_large_bytes_are_refused_before_parsing() -> None:
    """A document over max_bytes is refused, even if it is not JSON at all."""
    with pytest.raises(DocumentError) as info:
        loads(b"x" * 101, limits=Limits(max_bytes=100))
    assert (info.value.code, info.value.path) == ("too-large", "$")
    assert "101 bytes, more than the limit of 100" in info.value.message


@pytest.mark.parametrize(
    ("text", "limit", "refused"),
    [
        ("a" * 100, 100, False),
        ("a" * 101, 100, True),
        ("ệ" * 40, 100, True),  # 40 characters, 120 bytes
        ("ệ" * 33, 100, False),  # 99 bytes
        ("ệ" * 200, 100, True),
    ],
)
def test_text_size_counts_utf8_bytes(text: str, limit: int, refused: bool) -> None:
    """For str input the limit counts UTF-8 bytes, not characters."""
    if refused:
        with pytest.raises(DocumentError, match="more than the limit of 100") as info:
            check_size(text, Limits(max_bytes=limit))
        assert info.value.code == "too-large"
    else:
        check_size(text, Limits(max_bytes=limit))


def test_depth_at_the_limit_is_accepted() -> None:
    """Arrays nested exactly max_depth deep parse."""
    assert parse_json(nested_arrays(5), Limits(max_depth=5)) == [[[[[]]]]]


def test_depth_past_the_limit_names_the_path() -> None:
    """One level more is refused with the path of the first container past the limit."""
    with pytest.raises(DocumentError) as info:
        parse_json(b'{"a": [[1, {"b c": [[[1]]]}]]}', Limits(max_depth=4))
    assert info.value.code == "too-deep"
    assert info.value.path == '$.a[0][1]["b c"]'
    assert str(info.value) == '$.a[0][1]["b c"]: nesting is deeper than the limit of 4'


@pytest.mark.parametrize("depth", [1025, 5000, 100_000])
def test_depth_beyond_the_parser_is_our_error(depth: int) -> None:
    """Past orjson's own limit (1024) the error is still thidua's "too-deep"."""
    with pytest.raises(DocumentError) as info:
        loads(nested_arrays(depth))
    assert info.value.code == "too-deep"
    assert "deeper than the limit of 64" in info.value.message


@pytest.mark.parametrize("depth", [65, 500, 1024])
def test_depth_between_our_limit_and_the_parsers(depth: int) -> None:
    """Between 64 and 1024 the tree check refuses the document."""
    with pytest.raises(DocumentError) as info:
        loads(nested_arrays(depth))
    assert (info.value.code, info.value.path) == ("too-deep", "$" + "[0]" * 64)


def test_deep_recursive_model_never_hits_recursion_error() -> None:
    """A recursive model nested to the ceiling structures without RecursionError."""
    limits = Limits(max_depth=MAX_DEPTH_CEILING)
    data = scheme_of_depth(MAX_DEPTH_CEILING)
    assert json_depth(data) == MAX_DEPTH_CEILING
    scheme = loads(orjson.dumps(data), ToyScheme, limits=limits)
    assert loads(dumps(scheme), ToyScheme, limits=limits) == scheme
    deeper = scheme_of_depth(MAX_DEPTH_CEILING + 1)
    assert json_depth(deeper) == MAX_DEPTH_CEILING + 1
    with pytest.raises(DocumentError) as info:
        loads(orjson.dumps(deeper), ToyScheme, limits=limits)
    assert info.value.code == "too-deep"


def test_parsed_input_is_checked_too() -> None:
    """Already parsed data given to loads is held to the same limits."""
    with pytest.raises(DocumentError) as info:
        loads(scheme_of_depth(99), ToyScheme)
    assert info.value.code == "too-deep"
    assert info.value.path.startswith("$.criteria[0].children[0]")


def test_too_many_items_in_an_array() -> None:
    """An array longer than max_items is refused at its path."""
    data = orjson.dumps({"a": {"b": list(range(11))}})
    with pytest.raises(DocumentError) as info:
        parse_json(data, Limits(max_items=10))
    assert (info.value.code, info.value.path) == ("too-many-items", "$.a.b")
    assert info.value.message == "an array of 11 entries is longer than the limit of 10"


def test_too_many_items_in_an_object() -> None:
    """An object with more keys than max_items is refused."""
    data = orjson.dumps({"a": [{str(i): i for i in range(11)}]})
    with pytest.raises(DocumentError) as info:
        parse_json(data, Limits(max_items=10))
    assert (info.value.code, info.value.path) == ("too-many-items", "$.a[0]")
    assert info.value.message.startswith("an object of 11 entries")


def test_items_at_the_limit_are_accepted() -> None:
    """Exactly max_items entries is fine."""
    assert parse_json(orjson.dumps([list(range(10))]), Limits(max_items=10)) == [list(range(10))]


@pytest.mark.parametrize(
    ("value", "path"),
    [
        ({"a": ["x" * 11]}, "$.a[0]"),
        ({"a": {"b": "x" * 11}}, "$.a.b"),
        ({"a": [{"k" * 11: 1}]}, "$.a[0]"),
        ("x" * 11, "$"),
    ],
)
def test_strings_longer_than_the_limit(value: Any, path: str) -> None:
    """A string or key longer than max_string_length is refused at its path."""
    with pytest.raises(DocumentError) as info:
        check_tree(value, Limits(max_string_length=10))
    assert (info.value.code, info.value.path) == ("too-long", path)
    assert "11 characters is longer than the limit of 10" in info.value.message


def test_strings_are_not_measured_when_the_text_is_short() -> None:
    """When the source text is no longer than the limit, no string can pass it."""
    check_tree({"a": "x" * 11}, Limits(max_string_length=10), size=10)
    with pytest.raises(DocumentError, match="longer than the limit"):
        check_tree({"a": "x" * 11}, Limits(max_string_length=10), size=11)


def test_scalars_pass_the_tree_check() -> None:
    """A top-level scalar is left to the loader's type check."""
    check_tree(5, DEFAULT_LIMITS)
    check_tree("short", DEFAULT_LIMITS)


def test_a_real_document_passes_the_default_limits() -> None:
    """A sample document loads under the defaults and under tight but sufficient limits."""
    sheet = sample_sheet()
    data = dumps(sheet)
    assert loads(data) == sheet
    tight = Limits(max_bytes=len(data), max_depth=4, max_items=13, max_string_length=30)
    assert loads(data, limits=tight) == sheet


@given(st.recursive(st.none() | st.integers() | st.text(), lambda c: st.lists(c, max_size=3)))
def test_tree_check_matches_a_direct_measure(value: Any) -> None:
    """The fast check refuses exactly the values a direct recursive measure says are too deep."""
    limits = Limits(max_depth=3)
    if json_depth(value) > limits.max_depth:
        with pytest.raises(DocumentError):
            check_tree(value, limits)
    else:
        check_tree(value, limits)


def test_structure_does_not_bypass_the_limits_of_loads() -> None:
    """structure() on its own does not apply limits; loads() is the guarded entry point."""
    scheme = structure({"name": "Bảng", "criteria": []}, ToyScheme)
    assert scheme.criteria == ()


def test_validate_prints_the_path_of_a_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`thidua validate` names where a document passes a limit."""
    file = tmp_path / "deep.json"
    file.write_bytes(b'{"a": ' + nested_arrays(80) + b"}")
    assert main(["validate", str(file)]) == 1
    out = capsys.readouterr().out
    assert out == f"{file}: $.a{'[0]' * 63}: nesting is deeper than the limit of 64\n"
