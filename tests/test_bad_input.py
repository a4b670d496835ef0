# ruff: noqa: E501 - one catalogue row a line reads best
"""The catalogue of bad inputs: each gives thidua's error with its class, code, message and path.

One row per case: (document bytes, error class, code, message substring, JSON path). The
generic rows run on a test-only document kind (``tests/toys.py``); each model adds rows
for its own kind and its own rules (duplicate codes, dangling references, dates out of
order, shares over 100 %, ...) to ``CASES`` as it lands.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from importlib.resources import files
from typing import Any, NamedTuple

import attrs
import openpyxl
import orjson
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from spreadsheets import with_cell_xml, without_part
from thidua import (
    DateError,
    DocumentError,
    InvalidModelError,
    Limits,
    NumberConvention,
    Period,
    PeriodKind,
    Problem,
    ReviewDocument,
    SchemaVersionError,
    StructureError,
    ThiduaError,
    XlsxLimits,
    parse_date,
    parse_datetime,
    parse_period,
    run_review,
    scheme_from_table_csv,
    scheme_from_table_xlsx,
)
from thidua._base.messages import CATALOGUE
from thidua._base.text import nfc
from thidua.errors import SpreadsheetError
from thidua.scoring import Scoring, score_all
from thidua.serialization import document_kinds, dumps, loads, structure
from thidua.serialization._hooks import problems_of
from toys import EXAMPLES, ToyScheme, ToySheet, golden_paths, sample_sheet, toy_kinds


@pytest.fixture(autouse=True, scope="module")
def _kinds() -> Iterator[None]:
    with toy_kinds():
        yield


class Case(NamedTuple):
    """One bad input and the error it must give."""

    name: str
    data: bytes
    error: type[ThiduaError]
    code: str
    message: str
    path: str
    cls: type | None = None
    limits: Limits | None = None


_MARK = "\U0010fffd@@"
_DELETE = object()


def _sheet_data() -> dict[str, Any]:
    with toy_kinds():
        data: dict[str, Any] = orjson.loads(dumps(sample_sheet()))
    return data


def sheet(raw: dict[str, str] | None = None, **values: Any) -> bytes:
    """The sample sheet with top-level *values* changed (``_DELETE`` removes a key).

    *raw* holds JSON text to splice in verbatim, for what no Python value writes
    (``NaN``, escapes, huge numbers).
    """
    data = _sheet_data()
    for key, value in values.items():
        if value is _DELETE:
            del data[key]
        else:
            data[key] = value
    for key in raw or {}:
        data[key] = _MARK + key
    text = orjson.dumps(data)
    for key, value in (raw or {}).items():
        text = text.replace(orjson.dumps(_MARK + key), value.encode())
    return text


def score(**values: Any) -> bytes:
    """The sample sheet with the first score's *values* changed."""
    data = _sheet_data()
    for key, value in values.items():
        if value is _DELETE:
            del data["scores"][0][key]
        else:
            data["scores"][0][key] = value
    return orjson.dumps(data)


def score_raw(key: str, raw: str) -> bytes:
    """The sample sheet with the first score's *key* set to raw JSON text."""
    data = _sheet_data()
    data["scores"][0][key] = _MARK
    return orjson.dumps(data).replace(orjson.dumps(_MARK), raw.encode())


S, D, V = StructureError, DocumentError, SchemaVersionError

CASES: list[Case] = [
    # Not a JSON document at all.
    Case("empty", b"", D, "invalid-json", "empty document", "$"),
    Case("not-json", b"{kind: 1}", D, "invalid-json", "not valid JSON", "$"),
    Case("trailing", sheet() + b" x", D, "invalid-json", "unexpected content after", "$"),
    Case("bad-utf8", b'{"title": "\xff"}', D, "invalid-json", "not valid UTF-8", "$"),
    Case("bom", b"\xef\xbb\xbf" + sheet(), D, "invalid-json", "byte order mark", "$"),
    # Top-level value that is not an object.
    Case("top-array", b"[]", S, "wrong-type", "expected an object, got array", "$"),
    Case("top-null", b"null", S, "wrong-type", "expected an object, got null", "$"),
    Case("top-string", b'"agreement"', S, "wrong-type", "expected an object, got string", "$"),
    Case("top-number", b"5", S, "wrong-type", "expected an object, got integer", "$"),
    # Envelope: kind and schema version.
    Case("unknown-kind", sheet(kind="nope"), S, "unknown-tag", "unknown document kind", "$.kind"),
    Case("kind-not-text", sheet(kind=1), S, "unknown-tag", "unknown document kind 1", "$.kind"),
    Case("missing-kind", sheet(kind=_DELETE), S, "missing", "unknown document kind", "$.kind"),
    Case(
        "wrong-kind",
        sheet(),
        S,
        "wrong-kind",
        "expected a 'toy-scheme' document, got 'toy-sheet'",
        "$.kind",
        cls=ToyScheme,
    ),
    Case("newer", sheet(schema_version="9.0"), V, "newer-version", "upgrade thidua", "$.schema_version"),
    Case("older", sheet(schema_version="0.9"), V, "older-version", "thidua migrate", "$.schema_version"),
    Case("bad-version", sheet(schema_version="1"), V, "invalid-version", '"1.1"', "$.schema_version"),
    Case("version-number", sheet(schema_version=1.0), V, "invalid-version", "got number", "$.schema_version"),
    Case("missing-version", sheet(schema_version=_DELETE), V, "missing", "required field missing", "$.schema_version"),
    # Unknown keys and missing fields.
    Case("unknown-key", sheet(extra=1), S, "unknown-key", "unknown key", "$.extra"),
    Case("unknown-odd-key", sheet(None, **{"a b": 1}), S, "unknown-key", "unknown key", '$["a b"]'),
    Case("unknown-nested", score(points_="1"), S, "unknown-key", "unknown key", "$.scores[0].points_"),
    Case("missing-field", sheet(assessor=_DELETE), S, "missing", "required field missing", "$.assessor"),
    Case("missing-nested", score(on=_DELETE), S, "missing", "required field missing", "$.scores[0].on"),
    # Wrong JSON types.
    Case("int-as-string", sheet(year="2020"), S, "wrong-type", "expected an integer, got string", "$.year"),
    Case("bool-as-int", sheet(year=True), S, "wrong-type", "expected an integer, got boolean", "$.year"),
    Case("int-as-bool", sheet(final=1), S, "wrong-type", "expected true or false, got integer", "$.final"),
    Case("text-as-number", sheet(title=5), S, "wrong-type", "expected a string, got integer", "$.title"),
    Case("object-as-array", sheet(scores={}), S, "wrong-type", "expected an array, got object", "$.scores"),
    Case("array-as-object", sheet(unit=[]), S, "wrong-type", "expected an object, got array", "$.unit"),
    Case("null-object", sheet(unit=None), S, "wrong-type", "expected an object, got null", "$.unit"),
    Case("date-as-number", score(on=20201215), S, "invalid-date", '"YYYY-MM-DD"', "$.scores[0].on"),
    Case("date-not-real", score(on="2020-02-30"), S, "invalid-date", "not a real date", "$.scores[0].on"),
    Case("date-other-format", score(on="15/12/2020"), S, "invalid-date", '"YYYY-MM-DD"', "$.scores[0].on"),
    # NaN, Infinity, numbers beyond range, fractions where decimal strings belong.
    Case("nan", sheet(raw={"year": "NaN"}), D, "invalid-json", "not valid JSON", "$"),
    Case("infinity", sheet(raw={"year": "Infinity"}), D, "invalid-json", "not valid JSON", "$"),
    Case("minus-infinity", score_raw("points", "-Infinity"), D, "invalid-json", "not valid JSON", "$"),
    Case("overflow", score_raw("points", "1e400"), D, "invalid-json", "number 1e400 is infinity", "$"),
    Case("int-beyond-range", sheet(year=10**15), S, "out-of-range", "beyond the supported range", "$.year"),
    Case("int-beyond-64-bits", sheet(raw={"year": "1" + "0" * 30}), S, "out-of-range", "integer 1000000000000000000000000000000 is beyond", "$.year"),
    Case("int-below-64-bits", sheet(raw={"year": "-12345678901234567890123"}), S, "out-of-range", "integer -12345678901234567890123 is beyond", "$.year"),
    Case("int-as-exponent", sheet(raw={"year": "2.02E3"}), S, "wrong-type", "expected an integer, got number 2.02E3", "$.year"),
    Case("decimal-beyond-64-bits", score_raw("points", "12345678901234567890123"), S, "out-of-range", "integer 12345678901234567890123 is beyond", "$.scores[0].points"),
    Case("decimal-float-exact", score_raw("points", "12345678901234567890.5"), S, "unquoted-decimal", "the number 12345678901234567890.5 has", "$.scores[0].points"),
    Case("decimal-thousands-digits", score_raw("points", "9" * 5000), D, "invalid-json", "number 9999999999999999999999999999999999999999… (5000 characters) is infinity", "$"),
    Case("decimal-beyond-range", score(points="1" + "0" * 18), S, "invalid-decimal", "at most 18 integer", "$.scores[0].points"),
    Case("decimal-int-beyond", score(points=10**16), S, "out-of-range", "beyond the supported range", "$.scores[0].points"),
    Case("decimal-too-precise", score(points="0." + "1" * 13), S, "invalid-decimal", "12 fraction digits", "$.scores[0].points"),
    Case("decimal-exponent", score(points="1e3"), S, "invalid-decimal", "not a decimal number", "$.scores[0].points"),
    Case("decimal-comma", score(points="9,98"), S, "invalid-decimal", "not a decimal number", "$.scores[0].points"),
    Case("decimal-nan-text", score(points="NaN"), S, "invalid-decimal", "not a decimal number", "$.scores[0].points"),
    Case("unquoted-decimal", score_raw("points", "9.98"), S, "unquoted-decimal", "quote decimal quantities", "$.scores[0].points"),
    Case("decimal-bool", score(points=False), S, "wrong-type", "expected a decimal string", "$.scores[0].points"),
    Case("fraction-float", sheet(raw={"share": "0.5"}), S, "invalid-fraction", 'such as "2/3"', "$.share"),
    Case("fraction-negative", sheet(share="-1/3"), S, "invalid-fraction", 'such as "2/3"', "$.share"),
    Case("fraction-zero-den", sheet(share="1/0"), S, "invalid-fraction", 'such as "2/3"', "$.share"),
    # Text: lone surrogates, control characters, empty names.
    Case("lone-high-surrogate", sheet(raw={"title": r'"\ud800"'}), D, "invalid-json", "surrogate", "$"),
    Case("lone-low-surrogate", sheet(raw={"title": r'"x\udc00"'}), D, "invalid-json", "surrogate", "$"),
    Case("control-char", sheet(title="Phi\u0007u"), S, "invalid-text", "control character", "$.title"),
    Case("empty-name", sheet(title=""), S, "empty", "must not be empty", "$.title"),
    Case("blank-name", sheet(title=" \u00a0\t "), S, "empty", "must not be empty", "$.title"),
    Case("empty-unit-name", sheet(unit={"code": "A", "name": "", "head": None}), S, "empty", "must not be empty", "$.unit.name"),
    Case("bad-code", score(code="A 1"), S, "invalid-code", "not a valid code", "$.scores[0].code"),
    # Duplicate codes (a generic validator; each model adds its own).
    Case(
        "duplicate-code",
        sheet(scores=[*_sheet_data()["scores"], _sheet_data()["scores"][0]]),
        S,
        "duplicate-code",
        "duplicate code 'A.1' (first at scores[0])",
        "$.scores[2].code",
    ),
    # Limits.
    Case("too-large", sheet(), D, "too-large", "more than the limit of 100", "$", limits=Limits(max_bytes=100)),
    Case("too-deep", b"[" * 100 + b"]" * 100, D, "too-deep", "deeper than the limit of 64", "$" + "[0]" * 64),
    Case("too-deep-parser", b"[" * 2000 + b"]" * 2000, D, "too-deep", "deeper than the limit of 64", "$"),
    Case("too-many-items", sheet(witnesses=["A"] * 20), D, "too-many-items", "20 entries", "$.witnesses", limits=Limits(max_items=15)),
    Case("too-long", sheet(title="x" * 101), D, "too-long", "101 characters", "$.title", limits=Limits(max_string_length=100)),
]  # fmt: skip


REVIEW = EXAMPLES / "cluster1_2019_2020_review.json"


def review(raw: dict[str, str] | None = None, **values: Any) -> bytes:
    """The shipped year-end review example with top-level *values* changed."""
    data: dict[str, Any] = orjson.loads(REVIEW.read_bytes())
    for key, value in values.items():
        if value is _DELETE:
            del data[key]
        else:
            data[key] = value
    for key in raw or {}:
        data[key] = _MARK + key
    text = orjson.dumps(data)
    for key, value in (raw or {}).items():
        text = text.replace(orjson.dumps(_MARK + key), value.encode())
    return text


# Rows for the real kinds, as they land: the generic categories on each kind.
CASES += [
    Case("review-unknown-key", review(extra=1), S, "unknown-key", "unknown key", "$.extra"),
    Case("review-missing", review(title=_DELETE), S, "missing", "required field missing", "$.title"),
    Case("review-wrong-type", review(year="2020"), S, "wrong-type", "expected an integer, got string", "$.year"),
    Case("review-beyond-range", review(year=10**16), S, "out-of-range", "beyond the supported range", "$.year"),
    Case("review-empty-name", review(title=" "), S, "empty", "must not be empty", "$.title"),
    Case("review-bad-date", review(period_start="2020-13-01"), S, "invalid-date", "not a real date", "$.period_start"),
    Case("review-nan", review(raw={"year": "NaN"}), D, "invalid-json", "not valid JSON", "$"),
    Case("review-surrogate", review(raw={"title": r'"\udfff"'}), D, "invalid-json", "surrogate", "$"),
    Case("review-newer", review(schema_version="1.2"), V, "newer-version", "upgrade thidua", "$.schema_version"),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input(case: Case) -> None:
    """Each bad input raises exactly the catalogued error, code, message and path."""
    kwargs: dict[str, Any] = {} if case.limits is None else {"limits": case.limits}
    with pytest.raises(case.error) as info:
        loads(case.data, case.cls, **kwargs)
    error = info.value
    assert type(error) is case.error
    if isinstance(error, StructureError):
        (problem,) = error.problems
        assert (problem.code, problem.path) == (case.code, case.path)
        assert case.message in problem.message
    else:
        assert isinstance(error, DocumentError)
        assert (error.code, error.path) == (case.code, case.path)
        assert case.message in error.message


def test_catalogue_names_are_unique() -> None:
    """Every row has its own name."""
    names = [case.name for case in CASES]
    assert len(names) == len(set(names))


def test_catalogue_covers_the_generic_categories() -> None:
    """The categories of issue 7 that apply to the generic loader each have a row."""
    codes = {case.code for case in CASES}
    assert {
        "wrong-type", "unknown-key", "missing", "invalid-json", "out-of-range", "unquoted-decimal",
        "empty", "newer-version", "unknown-tag", "duplicate-code", "too-deep", "too-large",
        "too-many-items", "too-long",
    } <= codes  # fmt: skip


def test_several_problems_are_reported_at_once() -> None:
    """Problems of structure in different places all come back, each with its path.

    Invariants (an empty title) are checked once the structure is right.
    """
    data = sheet(None, year="x", extra=1, scores=[{"code": "A", "points": 1.5, "on": "x"}])
    with pytest.raises(StructureError) as info:
        loads(data)
    assert sorted((p.path, p.code) for p in info.value.problems) == [
        ("$.extra", "unknown-key"),
        ("$.scores[0].on", "invalid-date"),
        ("$.scores[0].points", "unquoted-decimal"),
        ("$.year", "wrong-type"),
    ]


@pytest.mark.parametrize(
    ("text", "code"),
    [("\ud800", "invalid-text"), ("a\udfff", "invalid-text"), ("", "empty")],
)
def test_lone_surrogates_in_parsed_data(text: str, code: str) -> None:
    """Python strings handed to loads() with lone surrogates are refused as text."""
    data = _sheet_data()
    data["title"] = text
    with pytest.raises(StructureError) as info:
        loads(data)
    assert [(p.path, p.code) for p in info.value.problems] == [("$.title", code)]


def test_lone_surrogate_in_an_unknown_key_of_parsed_data() -> None:
    """An unknown key that is not valid text is still reported, with an escaped path."""
    data = {**_sheet_data(), "\ud800": 1}
    with pytest.raises(StructureError) as info:
        loads(data)
    assert [(p.path, p.code) for p in info.value.problems] == [('$["\\ud800"]', "unknown-key")]


def test_other_normal_forms_are_not_errors() -> None:
    """Decomposed Vietnamese text is stored as NFC, not refused."""
    data = sheet(title="Phie\u0302\u0301u")
    assert loads(data, ToySheet).title == "Phiếu"


@pytest.mark.parametrize("points", ["-0", "-0.00", "0.000", "9.980", "-1.50"])
def test_decimals_are_kept_as_written(points: str) -> None:
    """Negative zero and trailing zeros survive a round trip byte for byte."""
    data = score(points=points)
    assert dumps(loads(data)) == data


def test_duplicate_keys_keep_the_last_value() -> None:
    """A known limit of the parser: with a key twice, the last one wins (documented)."""
    data = sheet().replace(b'"year":2020', b'"year":1999,"year":2020')
    assert loads(data, ToySheet).year == 2020


@attrs.frozen(kw_only=True)
class Buggy:
    value: int


class HookBugError(Exception):
    """A stand-in for a programming error inside a structure hook."""


def _buggy_hook(_: Any, __: Any) -> Any:
    raise HookBugError("a bug, not bad input")


@pytest.mark.parametrize(
    "wrap",
    [
        lambda v: {"value": v},
        lambda v: [{"value": v}],
    ],
    ids=["field", "tuple-item"],
)
def test_a_bug_inside_a_hook_propagates_as_itself(
    monkeypatch: pytest.MonkeyPatch, wrap: Callable[[Any], Any]
) -> None:
    """An unexpected exception in a hook is not turned into a thidua error."""
    from thidua.serialization import _registry as serialization  # noqa: PLC0415

    conv = serialization.make_converter()
    conv.register_structure_hook(int, _buggy_hook)
    monkeypatch.setattr(serialization, "_CONVERTER", conv)
    target: Any = Buggy if isinstance(wrap(1), dict) else tuple[Buggy, ...]
    with pytest.raises(Exception) as info:
        structure(wrap(1), target)
    assert not isinstance(info.value, ThiduaError)
    found: list[BaseException] = [info.value]
    while found and not isinstance(found[-1], HookBugError):
        group = found[-1]
        assert isinstance(group, BaseExceptionGroup)
        found.append(group.exceptions[0])
    assert isinstance(found[-1], HookBugError)


def test_problems_of_raises_unknown_exceptions_again() -> None:
    """problems_of() hands back anything it does not know instead of describing it."""
    bug = HookBugError("a bug")
    with pytest.raises(HookBugError) as info:
        problems_of(bug)
    assert info.value is bug


def test_memory_error_is_not_a_data_problem() -> None:
    """Even MemoryError is raised again, never described as bad data."""
    with pytest.raises(MemoryError):
        problems_of(MemoryError())


def _only_decimals(value: object) -> Decimal:
    if not isinstance(value, Decimal):
        raise InvalidModelError("not a Decimal yet", code="raw")
    return value


_KEEP: Any = attrs.Converter(lambda v, _: v, takes_self=True)


@attrs.frozen(kw_only=True)
class Converted:
    """Fields with converters of every shape, for locating converter errors."""

    a: str = attrs.field(default="x", converter=_KEEP)  # type: ignore[misc]
    b: str = attrs.field(default="y", converter=nfc)
    c: str = attrs.field(converter=nfc)
    d: Decimal = attrs.field(default=Decimal(0), converter=_only_decimals)

    def __attrs_post_init__(self) -> None:
        if self.d < 0:
            raise InvalidModelError("negative", code="negative")


@pytest.mark.parametrize(
    ("data", "path", "code"),
    [
        ({"c": "\x01"}, "$.c", "invalid-text"),
        ({"c": 5}, "$.c", "wrong-type"),
        ({"a": "z", "c": "ok", "d": "-1"}, "$", "negative"),
    ],
)
def test_converter_errors_are_located(data: dict[str, Any], path: str, code: str) -> None:
    """A converter's error is reported at its field; other errors without a path stay put."""
    with pytest.raises(StructureError) as info:
        structure(data, Converted)
    assert [(p.path, p.code) for p in info.value.problems] == [(path, code)]


def test_converter_errors_are_located_in_nested_items() -> None:
    """Inside arrays the located path is joined to the item's path."""
    with pytest.raises(StructureError) as info:
        structure([{"c": "ok"}, {"c": "\x7f"}], tuple[Converted, ...])
    assert [(p.path, p.code) for p in info.value.problems] == [("$[1].c", "invalid-text")]


@attrs.frozen(kw_only=True)
class WithAttrsValidators:
    """attrs' own validators raise plain ValueError and TypeError: still data problems."""

    codes: tuple[str, ...] = attrs.field(validator=attrs.validators.min_len(1))
    count: int = attrs.field(default=0, validator=attrs.validators.ge(0))


@attrs.frozen(kw_only=True)
class WithBug:
    """A model whose post-init has a bug of the given kind."""

    bug: str

    def __attrs_post_init__(self) -> None:
        if self.bug == "type":
            _ = len(5)  # type: ignore[arg-type]
        if self.bug == "key":
            _ = dict[str, int]()["nope"]
        if self.bug == "value":
            int("not a number")


@pytest.mark.parametrize(
    ("data", "path", "message"),
    [
        ({"codes": []}, "$", "Length of 'codes' must be >= 1: 0"),
        ({"codes": ["A"], "count": -1}, "$", "'count' must be >= 0: -1"),
    ],
)
def test_attrs_validator_errors_stay_data_problems(
    data: dict[str, Any], path: str, message: str
) -> None:
    """Errors raised inside attrs.validators are reported as invalid values."""
    with pytest.raises(StructureError) as info:
        structure(data, WithAttrsValidators)
    assert [(p.path, p.code, p.message) for p in info.value.problems] == [
        (path, "invalid-value", message)
    ]


@pytest.mark.parametrize(
    ("bug", "error"), [("type", TypeError), ("key", KeyError), ("value", ValueError)]
)
def test_bugs_in_models_propagate_as_themselves(bug: str, error: type[Exception]) -> None:
    """A TypeError, KeyError or ValueError from a bug is not described as bad data."""
    with pytest.raises(error) as info:
        structure({"bug": bug}, WithBug)
    assert not isinstance(info.value, ThiduaError)
    with pytest.raises(error):
        structure([{"bug": "none"}, {"bug": bug}], tuple[WithBug, ...])


class Opaque:
    """A type with a hook of its own."""


@attrs.frozen(kw_only=True)
class HoldsOpaque:
    thing: Opaque


def test_key_error_from_a_hook_is_not_a_missing_field(monkeypatch: pytest.MonkeyPatch) -> None:
    """A KeyError raised by a field's hook for another key is a bug, not "missing"."""
    from thidua.serialization import _registry as serialization  # noqa: PLC0415

    def hook(value: Any, _: Any) -> Opaque:
        return {"a": Opaque()}[value]

    conv = serialization.make_converter()
    conv.register_structure_hook(Opaque, hook)
    monkeypatch.setattr(serialization, "_CONVERTER", conv)
    assert isinstance(structure({"thing": "a"}, HoldsOpaque).thing, Opaque)
    with pytest.raises(KeyError):
        structure({"thing": "b"}, HoldsOpaque)
    with pytest.raises(StructureError) as info:
        structure({}, HoldsOpaque)
    assert [(p.path, p.code) for p in info.value.problems] == [("$.thing", "missing")]


def test_plain_errors_without_a_traceback_are_raised_again() -> None:
    """A bare ValueError that never travelled through attrs is raised again."""
    error = ValueError("made by hand")
    with pytest.raises(ValueError, match="made by hand"):
        problems_of(error)


def test_other_thidua_errors_are_not_rewritten() -> None:
    """A thidua error that is not about structure (a DateError) is raised as it is."""
    error = DateError("ngày 32 tháng 13")
    with pytest.raises(DateError) as info:
        problems_of(error)
    assert info.value is error


def _golden() -> list[tuple[str, dict[str, Any]]]:
    return [(path.name, orjson.loads(path.read_bytes())) for path in golden_paths()]


GOLDEN = _golden()
GOLDEN_IDS = [name for name, _ in GOLDEN]


def _only_problem(data: bytes) -> Problem:
    with pytest.raises(StructureError) as info:
        loads(data)
    (problem,) = info.value.problems
    return problem


@pytest.mark.parametrize(("name", "document"), GOLDEN, ids=GOLDEN_IDS)
def test_every_kind_refuses_unknown_keys(name: str, document: dict[str, Any]) -> None:
    """Every golden kind: an unknown top-level key is reported at its path."""
    problem = _only_problem(orjson.dumps({**document, "zz_unknown": 1}))
    assert (problem.path, problem.code, problem.message) == (
        "$.zz_unknown",
        "unknown-key",
        "unknown key",
    ), name


def _required(document: dict[str, Any]) -> list[str]:
    cls: Any = document_kinds()[document["kind"]]
    return [f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING and f.init]


# Kinds whose every top-level field has a default (an organisation may be empty) have
# nothing to remove; they are left out here rather than skipped.
_WITH_REQUIRED = [(n, d) for n, d in GOLDEN if _required(d)]


@pytest.mark.parametrize(("name", "document"), _WITH_REQUIRED, ids=[n for n, _ in _WITH_REQUIRED])
def test_every_kind_reports_each_missing_required_field(
    name: str, document: dict[str, Any]
) -> None:
    """Every golden kind: each required top-level field, removed, is reported missing."""
    for field in _required(document):
        data = {k: v for k, v in document.items() if k != field}
        problem = _only_problem(orjson.dumps(data))
        assert (problem.path, problem.code) == (f"$.{field}", "missing"), (name, field)


@pytest.mark.parametrize(("name", "document"), GOLDEN, ids=GOLDEN_IDS)
def test_every_kind_refuses_wrong_types(name: str, document: dict[str, Any]) -> None:
    """Every golden kind: an object or array section given as a number is a wrong type."""
    sections = [k for k, v in document.items() if isinstance(v, dict | list)]
    assert sections, name
    for section in sections:
        with pytest.raises(StructureError) as info:
            loads(orjson.dumps({**document, section: 5}))
        paths = {(p.path, p.code) for p in info.value.problems}
        assert (f"$.{section}", "wrong-type") in paths, (name, section, paths)


@pytest.mark.parametrize(("name", "document"), GOLDEN, ids=GOLDEN_IDS)
@pytest.mark.parametrize(
    ("raw", "message"),
    [("NaN", "not valid JSON"), ("Infinity", "not valid JSON"), (r'"\ud800"', "surrogate")],
)
def test_every_kind_refuses_nan_infinity_and_surrogates(
    name: str, document: dict[str, Any], raw: str, message: str
) -> None:
    """Every golden kind: NaN, Infinity and a lone surrogate anywhere are DocumentErrors."""
    marker = "\U0010fffd-here"
    section = next(k for k in document if k not in ("kind", "schema_version"))
    data = orjson.dumps({**document, section: marker}).replace(orjson.dumps(marker), raw.encode())
    with pytest.raises(DocumentError) as info:
        loads(data)
    assert (info.value.code, info.value.path) == ("invalid-json", "$"), name
    assert message in info.value.message


@pytest.mark.parametrize(("name", "document"), GOLDEN, ids=GOLDEN_IDS)
def test_every_kind_refuses_a_newer_schema(name: str, document: dict[str, Any]) -> None:
    """Every golden kind: a newer schema version is refused at $.schema_version."""
    with pytest.raises(SchemaVersionError) as info:
        loads(orjson.dumps({**document, "schema_version": "99.0"}))
    (problem,) = info.value.problems
    assert (problem.path, problem.code) == ("$.schema_version", "newer-version"), name


# ---------------------------------------------------------------------------------------
# Spreadsheet inputs: each bad table or workbook gives a SpreadsheetError with its code.


def _table_xlsx(*rows: list[object]) -> bytes:
    book = openpyxl.Workbook()
    page = book.active
    assert isinstance(page, Worksheet)
    header: list[object] = ["STT", "Nội dung", "Điểm chuẩn"]
    for row in [header, *rows]:
        page.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


_GOOD_XLSX = _table_xlsx(["1", "Kế hoạch", 7.25])


def _import(data: bytes | str, **options: Any) -> object:
    common: dict[str, Any] = {
        "code": "S",
        "label": "S",
        "first_year": 2020,
        "scale": Decimal(100),
        "convention": NumberConvention.VIETNAMESE,
    }
    if isinstance(data, str):
        return scheme_from_table_csv(data, **common, **options)
    return scheme_from_table_xlsx(data, **common, **options)


SPREADSHEET_CASES: list[tuple[str, bytes | str, str, tuple[int, str]]] = [
    (
        "csv nested 5000 deep",
        "STT,Nội dung,Điểm chuẩn\n"
        + "\n".join(f"{'.'.join(['1'] * n)},M,1" for n in range(1, 5001)),
        "too-deep",
        (8, "A"),
    ),
    ("csv no header", "Nội dung,Điểm\nx,1\n", "invalid-header", (1, "")),
    (
        "csv bad maximum",
        "\ufeffSTT;Nội dung;Điểm chuẩn\n1;Kế hoạch;9.98\n",
        "unreadable-number",
        (2, "C"),
    ),
    ("xlsx not an archive", b"PK\x03\x04 not really", "unreadable-file", (0, "")),
    ("xlsx truncated", _GOOD_XLSX[: len(_GOOD_XLSX) // 2], "unreadable-file", (0, "")),
    (
        "xlsx missing workbook part",
        without_part(_GOOD_XLSX, "xl/workbook.xml"),
        "unreadable-file",
        (0, ""),
    ),
    (
        "xlsx missing content types",
        without_part(_GOOD_XLSX, "[Content_Types].xml"),
        "unreadable-file",
        (0, ""),
    ),
    (
        "xlsx 1E999",
        with_cell_xml(_GOOD_XLSX, b"<v>7.25</v>", b"<v>1E999</v>"),
        "invalid-cell",
        (2, "C"),
    ),
    (
        "xlsx inf",
        with_cell_xml(_GOOD_XLSX, b"<v>7.25</v>", b"<v>inf</v>"),
        "unreadable-file",
        (0, ""),
    ),
    (
        "xlsx 5000-digit integer",
        with_cell_xml(_GOOD_XLSX, b"<v>7.25</v>", b"<v>" + b"9" * 5000 + b"</v>"),
        "unreadable-file",
        (0, ""),
    ),
    (
        "xlsx 17 significant digits",
        with_cell_xml(_GOOD_XLSX, b"<v>7.25</v>", b"<v>0.30000000000000004</v>"),
        "too-precise",
        (2, "C"),
    ),
    ("xlsx formula", _table_xlsx(["1", "Kế hoạch", "=5+2.25"]), "formula-cell", (2, "C")),
    (
        "xlsx declared dimension",
        with_cell_xml(_GOOD_XLSX, b'<dimension ref="A1:C2"/>', b'<dimension ref="A1:XFD1048576"/>'),
        "too-large",
        (0, ""),
    ),
]


@pytest.mark.parametrize(
    ("data", "code", "where"),
    [case[1:] for case in SPREADSHEET_CASES],
    ids=[case[0] for case in SPREADSHEET_CASES],
)
def test_bad_spreadsheet_input(data: bytes | str, code: str, where: tuple[int, str]) -> None:
    """A bad table or workbook gives a SpreadsheetError with its code, row and column."""
    with pytest.raises(SpreadsheetError) as caught:
        _import(data)
    first = caught.value.problems[0]
    assert (first.code, (first.row, first.letter)) == (code, where)
    assert first.code in CATALOGUE


def test_workbook_limits_are_part_of_the_catalogue() -> None:
    """Rows, columns, size and text length beyond XlsxLimits are ``too-large`` / ``too-long``."""
    for limits, code in [
        (XlsxLimits(max_rows=1), "too-large"),
        (XlsxLimits(max_columns=2), "too-large"),
        (XlsxLimits(max_uncompressed=100), "too-large"),
        (XlsxLimits(max_text=3), "too-long"),
    ]:
        with pytest.raises(SpreadsheetError) as caught:
            _import(_GOOD_XLSX, limits=limits)
        assert caught.value.problems[0].code == code


# -- Dates at the ends of the calendar: a value or a ThiduaError with its code. -------------

_D = dt.date
#: (name, call, code): each public function given a date at an end of the calendar.
CALENDAR_END_CASES: list[tuple[str, Callable[[], object], str]] = [
    ("calendar-year-10000", lambda: Period.year(10000), "date-out-of-range"),
    ("calendar-year-0", lambda: Period.year(0), "date-out-of-range"),
    ("calendar-year-huge", lambda: Period.year(10**5000), "date-out-of-range"),
    ("years-to-10000", lambda: Period.years(9998, 10000), "date-out-of-range"),
    ("school-year-9999", lambda: Period.school_year(9999), "date-out-of-range"),
    ("work-year-9999", lambda: Period.work_year(_D(9999, 6, 1)), "date-out-of-range"),
    (
        "school-year-from-9999",
        lambda: Period(start=_D(9999, 9, 1), end=_D(9999, 12, 31), kind=PeriodKind.SCHOOL_YEAR),
        "date-out-of-range",
    ),
    (
        "work-year-from-9999",
        lambda: Period(start=_D(9999, 1, 1), end=_D(9999, 12, 31), kind=PeriodKind.WORK_YEAR),
        "date-out-of-range",
    ),
    ("iso-before-year-1", lambda: parse_datetime("0001-01-01T00:00:00+14:00"), "invalid-date"),
    ("iso-after-9999", lambda: parse_datetime("9999-12-31T23:59:00-12:00"), "invalid-date"),
    ("date-year-10000", lambda: parse_date("1/1/10000"), "invalid-date"),
    ("period-to-10000", lambda: parse_period("năm 9999 – 10000"), "invalid-date"),
]


@pytest.mark.parametrize(
    ("call", "code"),
    [case[1:] for case in CALENDAR_END_CASES],
    ids=[case[0] for case in CALENDAR_END_CASES],
)
def test_dates_at_the_ends_of_the_calendar(call: Callable[[], object], code: str) -> None:
    with pytest.raises(ThiduaError) as caught:
        call()
    assert getattr(caught.value, "code", None) == code
    assert code in CATALOGUE


def test_the_ends_of_the_calendar_themselves_are_values() -> None:
    assert Period.year(9999).end == _D(9999, 12, 31)
    assert Period.year(1).start == _D(1, 1, 1)
    assert Period.work_year(_D(9998, 12, 31)).end == _D(9999, 12, 30)
    assert parse_datetime("01/01/0001 00:00").year == 1
    assert parse_date("31/12/9999") == _D(9999, 12, 31)


@pytest.mark.parametrize("end", ["0001-01-01", "9999-12-31"])
@pytest.mark.parametrize(
    "name", ["cluster1_2019_2020_review.json", "cluster1_2019_2020_scoring.json"]
)
def test_documents_with_dates_at_the_ends_load_or_are_refused(name: str, end: str) -> None:
    """Every date of a shipped document, one at a time, moved to an end of the calendar."""
    raw = files("thidua.examples").joinpath(name).read_bytes()
    dates = list(re.finditer(rb'"\d{4}-\d{2}-\d{2}"', raw))
    assert dates
    for found in dates:
        data = raw[: found.start()] + f'"{end}"'.encode() + raw[found.end() :]
        try:
            document: object = loads(data)
        except StructureError as exc:
            codes = {problem.code for problem in exc.problems}
            assert codes <= set(CATALOGUE)
            continue
        try:
            if isinstance(document, ReviewDocument):
                run_review(document)
            elif isinstance(document, Scoring):
                score_all(document, trace=True)
        except ThiduaError as exc:
            assert getattr(exc, "code", None) in CATALOGUE  # noqa: PT017 - a catalogued code
