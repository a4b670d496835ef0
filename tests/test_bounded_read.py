"""Bounded parts of a document: left out of the limits' walk, measured by the hooks instead.

Whatever the limits and whatever a sheet's rows hold, ``loads`` gives what the usual way
(the whole document walked, then read) gives: the same objects, or the same error with
the same path.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import cattrs
import orjson
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from thidua._base.limits import Limits
from thidua.errors import DocumentError, StructureError
from thidua.scoring import Assessment, Layer, Scheme, Scoring
from thidua.scoring._inputs import Input, PointsInput
from thidua.serialization import _registry, dumps, loads
from thidua.serialization._bounded import Bound, bound_of
from thidua.serialization._hooks import guarded
from thidua.strategies import scoring_files


def _fast_converter() -> cattrs.Converter:
    conv = _registry._fast_twin(_registry.converter())
    assert conv is not None
    return conv


FAST = _fast_converter()
EXAMPLE = Path(__file__).parent.parent / "src/thidua/examples/cluster1_2019_2020_scoring.json"


def _outcome(data: bytes, limits: Limits) -> Any:
    """The document read, written back; or the error: its class, code, path and message."""
    try:
        return dumps(loads(data, Scoring, limits=limits))
    except DocumentError as error:
        return ("DocumentError", error.code, error.path, error.message)
    except StructureError as error:
        return ("StructureError", [(p.code, p.path, p.message) for p in error.problems])


def _outcome_both_ways(data: bytes, limits: Limits) -> Any:
    """:func:`_outcome`, checked to be the outcome of the usual way (all walked)."""
    found = _outcome(data, limits)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(_registry, "_read_bounded", lambda *_: None)
        assert _outcome(data, limits) == found
    return found


def _document(scoring: Scoring) -> dict[str, Any]:
    parsed: dict[str, Any] = orjson.loads(dumps(scoring))
    return parsed


# The bounds of types.


def test_an_assessment_is_bounded() -> None:
    """An assessment nests 3 deep (itself, its input, an input's list), 9 keys at most."""
    assert bound_of(FAST, Assessment) == Bound(depth=3, width=9, text=64)


def test_a_model_that_holds_itself_is_not_bounded() -> None:
    """A scheme holds criteria trees: no depth is set by its type."""
    assert bound_of(FAST, Scheme) is None


def test_a_tagged_union_counts_its_tag() -> None:
    union = bound_of(FAST, Input)
    assert union is not None
    assert union.depth == 2  # the input object and a list of award codes
    assert union.width >= 2


def test_scalars_enums_and_tuples() -> None:
    assert bound_of(FAST, str) == Bound(0, 0, 64)
    assert bound_of(FAST, Decimal) == Bound(0, 0, 32)
    assert bound_of(FAST, Layer) == Bound(0, 0, max(len(m.value) for m in Layer))
    assert bound_of(FAST, str | None) == Bound(0, 0, 64)
    assert bound_of(FAST, tuple[str, ...]) == Bound(1, 0, 64)
    assert bound_of(FAST, tuple[Decimal, Decimal]) is None  # not a homogeneous tuple
    assert bound_of(FAST, dict[str, str]) is None  # no hook of thidua's reads it


class Colour(enum.Enum):
    RED = "đỏ"


@attrs.frozen
class Painted:
    colour: Colour


def test_a_type_with_a_hook_of_its_own_is_not_bounded() -> None:
    """Only the hooks thidua knows are trusted to measure what they read."""
    conv = _registry.make_converter(detailed_validation=False)
    assert bound_of(conv, Painted) == Bound(1, 1, len("colour"))
    other = _registry.make_converter(detailed_validation=False)
    other.register_structure_hook(Colour, lambda value, _: Colour(value))
    assert bound_of(other, Painted) is None


def test_a_union_with_a_member_read_by_a_hook_of_its_own_is_not_bounded() -> None:
    conv = _registry.make_converter(detailed_validation=False)
    conv.register_structure_hook(PointsInput, lambda value, _: PointsInput(**value))
    assert bound_of(conv, Input) is None


def test_texts_below_the_unmeasured_length_cannot_be_guarded() -> None:
    with pytest.raises(ValueError, match="64 characters are not measured"), guarded(63, 10):
        pass


def test_a_bound_fits_limits() -> None:
    bound = Bound(depth=3, width=9, text=64)
    assert bound.fits(Limits(max_depth=4), 1)
    assert not bound.fits(Limits(max_depth=3), 1)
    assert not bound.fits(Limits(max_items=8), 1)
    assert not bound.fits(Limits(max_string_length=63), 1)


# Which way a document is read.


@given(scoring_files(peers=True))
@settings(max_examples=10, suppress_health_check=[HealthCheck.too_slow])
def test_a_valid_scoring_file_is_read_without_walking_its_sheets(scoring: Scoring) -> None:
    """The usual way's walk of the whole document is not taken, and the file is the same."""
    data = dumps(scoring)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(_registry, "within_limits", _never)
        assert loads(data, Scoring) == scoring


def _never(*_: object) -> None:
    msg = "the whole document was walked"
    raise AssertionError(msg)


def test_limits_too_tight_for_the_bound_walk_everything() -> None:
    """Texts up to 64 characters are not measured by the hooks: below that, the usual way."""
    data = dumps(_scoring())
    tight = Limits(max_string_length=63)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(_registry, "within_limits", _never)
        with pytest.raises(AssertionError, match="walked"):
            loads(data, Scoring, limits=tight)
    assert _outcome_both_ways(data, tight)[:3] == ("DocumentError", "too-long", "$.note")


def _scoring() -> Scoring:
    """The shipped example's scoring file (the Cluster No. 1 agreement's table)."""
    return loads(EXAMPLE.read_bytes(), Scoring)


# Whatever the rows hold, the outcome is the usual way's.


@pytest.mark.parametrize(
    ("limits", "field", "value", "code"),
    [
        (Limits(), "comment", "Tốt " * 20, None),  # a long text, within the limit
        # The example's longest text has 278 characters, its longest array 50 items, and
        # it nests 11 deep (a row lies at depth 5).
        (Limits(max_string_length=300), "comment", "x" * 301, "too-long"),
        (Limits(max_string_length=300), "assessor", "x" * 301, "too-long"),
        (Limits(max_items=50), "evidence", ["a"] * 51, "too-many-items"),
        (Limits(max_string_length=300), "evidence", ["x" * 301], "too-long"),
        (Limits(max_depth=11), "comment", [[[[[[["deep"]]]]]]], "too-deep"),
        (Limits(), "bonus", 1.5, "unquoted-decimal"),  # a float: quoted as written
        (Limits(), "unit", True, "wrong-type"),
        (Limits(), "surplus", "a key no model has", "unknown-key"),
    ],
)
def test_rows_past_a_limit_are_refused_as_before(
    limits: Limits, field: str, value: Any, code: str | None
) -> None:
    document = _document(_scoring())
    document["sheets"][0]["assessments"][-1][field] = value
    found = _outcome_both_ways(orjson.dumps(document), limits)
    if code is None:
        assert isinstance(found, bytes)
        return
    where = f"$.sheets[0].assessments[{len(document['sheets'][0]['assessments']) - 1}]"
    if found[0] == "DocumentError":
        assert found[1] == code
        assert found[2].startswith(where)
    else:
        assert [problem[:2] for problem in found[1]] == [(code, f"{where}.{field}")]


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)  # what orjson writes
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)
_FIELDS = ["unit", "item", "layer", "assessor", "date", "comment", "evidence", "bonus", "input"]


def _measures(value: Any, depth: int = 1) -> tuple[int, int, int]:
    """How deep *value* nests, its most items in one array or object, its longest text."""
    if type(value) is str:
        return 0, 0, len(value)
    if type(value) is list:
        children = value
    elif type(value) is dict:
        children = [*value.values(), *value.keys()]
    else:
        return 0, 0, 0
    below = [_measures(child, depth + 1) for child in children]
    return (
        depth + max((b[0] - depth for b in below if b[0]), default=0),
        max([len(value), *(b[1] for b in below)]),
        max((b[2] for b in below), default=0),
    )


@given(
    scoring=scoring_files(peers=True, max_units=3),
    changes=st.lists(
        st.tuples(
            st.integers(min_value=0),
            st.sampled_from(_FIELDS),
            _JSON | st.text(min_size=60, max_size=120) | st.lists(st.text(), max_size=6),
        ),
        max_size=2,
    ),
    slack=st.tuples(
        st.integers(min_value=-1, max_value=2),
        st.integers(min_value=-1, max_value=3),
        st.integers(min_value=-3, max_value=60),
    ),
)
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
def test_any_rows_under_any_limits_read_as_the_usual_way(
    scoring: Scoring, changes: list[tuple[int, str, Any]], slack: tuple[int, int, int]
) -> None:
    """Limits near the file's own measures, rows changed to anything: the usual way's outcome."""
    document = _document(scoring)
    depth, items, length = _measures(document)
    limits = Limits(
        max_depth=max(depth + slack[0], 1),
        max_items=max(items + slack[1], 1),
        max_string_length=max(length, 64) + slack[2],
    )
    rows = document["sheets"][0]["assessments"]
    for index, field, value in changes if rows else ():  # a sheet may have no rows
        rows[index % len(rows)][field] = value
    data = orjson.dumps(document)
    _outcome_both_ways(data, limits)
    bounded = _registry._read_bounded(orjson.loads(data), len(data), Scoring, limits) is not None
    event("read without the walk" if bounded else "walked")
