"""The wire format's toolkit: strict hooks for plain values, tagged unions, JSON text.

It knows no model. The owner of a tagged union registers it with
:func:`register_tagged_union` in its ``configure(converter)``; the registry
(:mod:`thidua.serialization._registry`) applies them all on one shared converter.

The converter is strict: unknown keys, wrong JSON types (no ``"5"`` for 5, no
``true`` for 1), missing fields and broken references are errors, and every
problem is reported at once with its JSON path. Decimal quantities travel as
strings (``"9.98"``) and keep the digits they were written with.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import enum
import functools
import gc
import itertools
import json
import linecache
import re
import sys
import types
import weakref
from collections.abc import Callable, Iterator
from decimal import Decimal
from fractions import Fraction
from pathlib import PurePath
from typing import Any, Final, Optional, TypeVar, Union, get_args, get_origin

import attrs
import cattrs
import orjson
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.fns import identity
from cattrs.gen import make_dict_structure_fn

from thidua._base.limits import DEFAULT_LIMITS, Limits, check_size, check_tree
from thidua._base.sharing import cap as sharing_cap
from thidua._base.sharing import shared_cache
from thidua.errors import (
    Details,
    DocumentError,
    InvalidModelError,
    Problem,
    StructureError,
    ThiduaError,
    WireError,
    join_path,
)
from thidua.serialization._building import build_lines

__all__ = [
    "DUMP_OPTIONS",
    "canonical_json",
    "collector_paused",
    "configure_base",
    "dump_default",
    "dump_default_of",
    "guarded",
    "json_type",
    "parse_json",
    "parse_text",
    "problems_of",
    "reads_exactly",
    "register_sequence",
    "register_tagged_union",
    "within_limits",
]

T = TypeVar("T")

#: Every tagged union registered on a converter: union -> (tag key, tag -> class).
#: Read by the JSON Schema generator (:mod:`thidua.serialization._schema`).
_TAGGED_UNIONS: Final[dict[Any, tuple[str, dict[str, type]]]] = {}
#: Sequence classes written as arrays, each with the tuple type it reads as.
_SEQUENCES: Final[dict[type, Any]] = {}

_DECIMAL_RE: Final = re.compile(r"-?(?:0|[1-9][0-9]{0,17})(?:\.[0-9]{1,12})?")
_FRACTION_RE: Final = re.compile(r"(?:0|[1-9][0-9]{0,8})/[1-9][0-9]{0,8}")
_DATE_RE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATETIME_RE: Final = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2})?(?:Z|[+-][0-9]{2}:[0-9]{2})"
)
#: MAJOR.MINOR, each at most 9 digits: longer digit strings would pass Python's limit on
#: integer conversion (4300 digits) and mean nothing as a version.
_VERSION_RE: Final = re.compile(r"(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})")
_IDENTIFIER_RE: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_MAX_INT: Final = 10**15


class NumberText(float):
    """A JSON number a float cannot hold exactly, with the text it was written as.

    :func:`parse_json` gives these for numbers with a fraction or an exponent and for
    integers longer than 18 characters, so an error quotes the number as written
    (``12345678901234567890123``), not as a float (``1.2345678901234568e+22``).
    """

    text: str

    def __new__(cls, text: str) -> NumberText:  # noqa: PYI034 - a float made from text
        """A float for *text*, keeping *text*."""
        number = super().__new__(cls, text)
        number.text = text
        return number


#: Integers at most this long are exact Python ints; longer ones are past ±10^15 anyway and
#: may pass Python's limit on integer conversion (4300 digits).
_EXACT_INT_LEN: Final = 18
_INTEGER_TEXT_RE: Final = re.compile(r"-?[0-9]+")


_NUMBER_RE: Final = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
#: Characters of a number quoted in a message; longer numbers are cut, with their length.
_QUOTED_NUMBER_LEN: Final = 40


def _shown(text: str) -> str:
    if len(text) <= _QUOTED_NUMBER_LEN:
        return text
    return f"{text[:_QUOTED_NUMBER_LEN]}… ({len(text)} characters)"


def _quoting_number(exc: orjson.JSONDecodeError, data: bytes | str) -> str:
    """Orjson's message, with the number it could not hold quoted as written."""
    if not str(exc).startswith("number is infinity"):
        return str(exc)
    text = data if isinstance(data, str) else data.decode("utf-8", "replace")
    found = _NUMBER_RE.match(text, exc.pos)
    if found is None:  # pragma: no cover - orjson points at the number
        return str(exc)
    return (
        f"number {_shown(found.group())} is infinity when parsed as double:"
        f" line {exc.lineno} column {exc.colno}"
    )


def _json_int(text: str) -> int | NumberText:
    return int(text) if len(text) <= _EXACT_INT_LEN else NumberText(text)


def number_text(value: float) -> str:
    """A JSON number as it was written (:class:`NumberText`), or as Python writes it."""
    return value.text if isinstance(value, NumberText) else repr(value)


def _beyond_range(value: NumberText) -> WireError | None:
    """The error for an integer written past ±10^15, quoting its text, if it is one."""
    if not _INTEGER_TEXT_RE.fullmatch(value.text):
        return None
    shown = _shown(value.text)
    msg = f"integer {shown} is beyond the supported range (±10^15)"
    return WireError(msg, code="out-of-range", details={"value": shown})


def json_type(value: object) -> str:
    """Name the JSON type of a parsed value, for messages."""
    names = {
        type(None): "null",
        bool: "boolean",
        int: "integer",
        float: "number",
        NumberText: "number",
        str: "string",
        list: "array",
        dict: "object",
    }
    return names.get(type(value), type(value).__name__)


def _exact(expected: type, name: str, key: str) -> Callable[[Any, Any], Any]:
    def hook(value: Any, _: Any) -> Any:
        if type(value) is not expected:
            got = json_type(value)
            msg = f"expected {name}, got {got}"
            raise WireError(msg, details={"expected": key, "got": got})
        return value

    return hook


_structure_bool: Final = _exact(bool, "true or false", "boolean")

#: Equal inputs share one object: codes, dates and decimal strings repeat across millions
#: of assessments, and strings, dates and decimals are immutable, so one object can stand
#: for all of them (less memory retained, and a dict hit instead of a parse). The caches
#: hold only values that passed their checks, keyed by a copy of the exact text (so "1.0"
#: and "1" stay distinct, and no key is a string of the parsed tree), and stop growing at
#: the cap of :mod:`thidua._base.sharing` (all of a load's values while it runs). The
#: enums' value tables stop at _SHARED_MAX classes.
_SHARED_MAX: Final = 1 << 16
_INTERN_MAX_LEN: Final = 64
_DECIMALS: Final[dict[str, Decimal]] = shared_cache()
_DATES: Final[dict[str, dt.date]] = shared_cache()


def _copy(text: str) -> str:
    """A new string equal to *text*, for a cache key.

    A cache keyed on the parsed tree's own strings would keep the memory around them (the
    tree's blocks) alive after the tree is dropped.
    """
    return text.encode().decode()


#: While :func:`guarded` is active: the longest text and the most array items the hooks
#: accept (texts of at most ``_INTERN_MAX_LEN`` characters are not measured).
_TEXT_LIMIT: Final = contextvars.ContextVar("thidua_text_limit", default=sys.maxsize)
_ITEMS_LIMIT: Final = contextvars.ContextVar("thidua_items_limit", default=sys.maxsize)


@contextlib.contextmanager
def guarded(max_string_length: int, max_items: int) -> Iterator[None]:
    """Within this block, the text and array hooks refuse values past these limits.

    For parts of a document that the limits' walk left out (see
    :mod:`thidua.serialization._bounded`): the hooks measure the values they read anyway.
    They raise :class:`~thidua.errors.DocumentError` without a path: the caller walks the
    document again to name it.
    """
    if max_string_length < _INTERN_MAX_LEN:
        msg = f"texts of up to {_INTERN_MAX_LEN} characters are not measured"
        raise ValueError(msg)
    text = _TEXT_LIMIT.set(max_string_length)
    items = _ITEMS_LIMIT.set(max_items)
    try:
        yield
    finally:
        _ITEMS_LIMIT.reset(items)
        _TEXT_LIMIT.reset(text)


def _structure_str(value: Any, _: Any) -> str:
    if type(value) is not str:
        got = json_type(value)
        msg = f"expected a string, got {got}"
        raise WireError(msg, details={"expected": "string", "got": got})
    if len(value) <= _INTERN_MAX_LEN:
        return sys.intern(value)
    if len(value) > _TEXT_LIMIT.get():
        raise DocumentError("a string is longer than the limit", code="too-long")
    return value


def _structure_int(value: Any, _: Any) -> int:
    if type(value) is not int:
        if type(value) is NumberText and (beyond := _beyond_range(value)) is not None:
            raise beyond
        got = json_type(value)
        msg = f"expected an integer, got {got}"
        if isinstance(value, float):
            msg += f" {_shown(number_text(value))}"
        raise WireError(msg, details={"expected": "integer", "got": got})
    if abs(value) >= _MAX_INT:
        msg = f"integer {value} is beyond the supported range (±10^15)"
        raise WireError(msg, code="out-of-range", details={"value": value})
    return value


def _structure_decimal(value: Any, _: Any) -> Decimal:
    if type(value) is str:
        shared = _DECIMALS.get(value)
        if shared is not None:
            return shared
        if not _DECIMAL_RE.fullmatch(value):
            msg = (
                f"{value!r} is not a decimal number: write digits with an optional"
                " '-' and '.' fraction, such as \"9.98\""
                " (at most 18 integer and 12 fraction digits)"
            )
            raise WireError(msg, code="invalid-decimal", details={"value": value})
        number = Decimal(value)
        if len(_DECIMALS) < sharing_cap[0]:
            _DECIMALS[_copy(value)] = number
        return number
    if type(value) is int:
        return Decimal(_structure_int(value, None))
    if type(value) is NumberText and (beyond := _beyond_range(value)) is not None:
        raise beyond
    if type(value) is float or type(value) is NumberText:
        text = _shown(number_text(value))
        msg = (
            f"the number {text} has a fraction: quote decimal quantities"
            f' so they stay exact, as in "{text}"'
        )
        raise WireError(msg, code="unquoted-decimal", details={"value": text})
    got = json_type(value)
    msg = f'expected a decimal string such as "9.98", got {got}'
    raise WireError(msg, details={"expected": "decimal", "got": got})


def _unstructure_decimal(value: Decimal) -> str:
    return format(value, "f")


def _structure_fraction(value: Any, _: Any) -> Fraction:
    if type(value) is int and value >= 0:
        return Fraction(_structure_int(value, None))
    if type(value) is str and _FRACTION_RE.fullmatch(value):
        return Fraction(value)
    got = json_type(value)
    msg = f'expected a fraction such as "2/3", got {got} {value!r}'
    raise WireError(msg, code="invalid-fraction", details=Details.plain(got=got, value=value))


def _unstructure_fraction(value: Fraction) -> str | int:
    return value.numerator if value.denominator == 1 else f"{value.numerator}/{value.denominator}"


def _structure_date(value: Any, _: Any) -> dt.date:
    if type(value) is str and (shared := _DATES.get(value)) is not None:
        return shared
    if type(value) is not str or not _DATE_RE.fullmatch(value):
        msg = f'expected a date as "YYYY-MM-DD", got {json_type(value)} {value!r}'
        raise WireError(msg, code="invalid-date")
    try:
        date = dt.date.fromisoformat(value)
    except ValueError as exc:
        msg = f"{value!r} is not a real date: {exc}"
        raise WireError(msg, code="invalid-date") from None
    if len(_DATES) < sharing_cap[0]:
        _DATES[_copy(value)] = date
    return date


def _structure_datetime(value: Any, _: Any) -> dt.datetime:
    if type(value) is not str or not _DATETIME_RE.fullmatch(value):
        msg = (
            'expected a date and time with its offset, as "2019-12-14T09:14:00+07:00",'
            f" got {json_type(value)} {value!r}"
        )
        raise WireError(msg, code="invalid-datetime")
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError as exc:
        msg = f"{value!r} is not a real date and time: {exc}"
        raise WireError(msg, code="invalid-datetime") from None


#: Each enum's own value table, by class: an attribute read on an enum class goes through
#: the enum metaclass's Python-level lookup, a dict lookup by class does not.
_ENUM_VALUES: Final[dict[type[enum.Enum], dict[Any, enum.Enum]]] = {}


def _structure_enum(value: Any, cls: type[enum.Enum]) -> Any:
    # One dict lookup (enum's own value table) instead of a scan of the members; the type
    # check keeps ``true`` from matching 1 and ``1`` from matching "1".
    members = _ENUM_VALUES.get(cls)
    if members is None:
        members = cls._value2member_map_
        if len(_ENUM_VALUES) < _SHARED_MAX:
            _ENUM_VALUES[cls] = members
    try:
        member = members.get(value)
    except TypeError:  # an unhashable JSON value (array, object) is no member
        member = None
    if member is not None and type(value) is type(member._value_):
        return member
    choices = ", ".join(repr(m.value) for m in cls)
    got = json_type(value)
    msg = f"expected one of {choices}, got {got} {value!r}"
    details = Details.plain(got=got, value=value, choices=tuple(m.value for m in cls))
    raise WireError(msg, code="unknown-value", details=details)


#: The hooks that read each plain type, the only ones :func:`reads_exactly` knows.
_EXACT_HOOKS: Final[dict[Any, Callable[[Any, Any], Any]]] = {
    str: _structure_str,
    int: _structure_int,
    bool: _structure_bool,
    Decimal: _structure_decimal,
    dt.date: _structure_date,
}


def _enum_value(member: enum.Enum) -> Any:
    return member._value_  # the plain attribute: ``.value`` goes through a descriptor


def _is_optional(type_: Any) -> bool:
    args = get_args(type_)
    return (
        get_origin(type_) in (Union, types.UnionType)
        and len(args) == 2  # noqa: PLR2004
        and type(None) in args
    )


def _optional_hook(conv: cattrs.Converter, type_: Any) -> Callable[[Any, Any], Any]:
    # ``X | None``: the same as cattrs' own, with X's hook looked up once (at first use,
    # so that hooks registered after this factory still apply) instead of at every call.
    inner = next(arg for arg in get_args(type_) if arg is not type(None))
    found: list[Callable[[Any, Any], Any]] = []

    def hook(value: Any, _: Any) -> Any:
        if value is None:
            return None
        if not found:
            found.append(conv.get_structure_hook(inner))
        return found[0](value, inner)

    _OPTIONAL_INNER[hook] = inner
    return hook


#: The inner type of each hook :func:`_optional_hook` made: a fast structuring function
#: tests for ``None`` itself and calls the inner type's hook directly.
_OPTIONAL_INNER: Final[weakref.WeakKeyDictionary[Callable[..., Any], Any]] = (
    weakref.WeakKeyDictionary()
)


def _optional_unstructure_hook(conv: cattrs.Converter, type_: Any) -> Callable[[Any], Any]:
    # ``X | None`` written: None as is, else X's hook, looked up once at first use;
    # plain JSON values (text, numbers) go through untouched.
    inner = next(arg for arg in get_args(type_) if arg is not type(None))
    if inner in (str, int, bool):
        return identity  # recognised by cattrs, which then inlines the field
    found: list[Callable[[Any], Any]] = []

    def hook(value: Any) -> Any:
        if value is None:
            return None
        if not found:
            found.append(conv.get_unstructure_hook(inner))
        return found[0](value)

    return hook


def _tuple_unstructure_hook(conv: cattrs.Converter, type_: Any) -> Callable[[Any], Any]:
    # A list of the items' wire forms; plain JSON values (codes, names) are copied as
    # they are, without a call per item.
    item_type = get_args(type_)[0]
    if item_type in (str, int, bool):
        return list
    item_hook = conv.get_unstructure_hook(item_type)
    return lambda value: [item_hook(item) for item in value]


def _is_homogeneous_tuple(type_: Any) -> bool:
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis  # noqa: PLR2004


def _tuple_hook(conv: cattrs.Converter, type_: Any) -> Callable[[Any, Any], Any]:
    item_type = get_args(type_)[0]
    item_hook = conv.get_structure_hook(item_type)

    def hook(value: Any, _: Any) -> tuple[Any, ...]:
        if type(value) is not list:
            got = json_type(value)
            msg = f"expected an array, got {got}"
            raise WireError(msg, details={"expected": "array", "got": got})
        if len(value) > _ITEMS_LIMIT.get():
            raise DocumentError("an array is longer than the limit", code="too-many-items")
        if not conv.detailed_validation:
            # Valid items are built in one pass; a failure is reported as below.
            with contextlib.suppress(*_DATA_ERRORS):
                return tuple([item_hook(item, item_type) for item in value])
        items: list[Any] = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                items.append(item_hook(item, item_type))
            except Exception as exc:  # noqa: BLE001 - collected, re-raised below
                exc.add_note(IterableValidationNote(f"@ index {index}", index, item_type))
                errors.append(exc)
        if errors:
            msg = f"While structuring {type_!r}"
            raise IterableValidationError(msg, errors, type_)
        return tuple(items)

    _TUPLE_FNS.add(hook)
    return hook


#: The hooks :func:`_tuple_hook` made (each measures its arrays while guarded).
_TUPLE_FNS: Final[weakref.WeakSet[Callable[..., Any]]] = weakref.WeakSet()


def _attrs_hook(conv: cattrs.Converter, cls: type) -> Callable[[Any, Any], Any]:
    # The generated function follows the converter: with detailed validation it wraps
    # each field to collect every error with its path; without, it is plain and faster.
    if not conv.detailed_validation:
        fast = _fast_structure_fn(conv, cls)
        if fast is not None:
            return fast
    structure_fn: Callable[[Any, Any], Any] = make_dict_structure_fn(
        cls,
        conv,
        _cattrs_forbid_extra_keys=True,
        _cattrs_detailed_validation=conv.detailed_validation,
    )

    def hook(value: Any, _: Any) -> Any:
        if type(value) is not dict:
            got = json_type(value)
            msg = f"expected an object, got {got}"
            raise WireError(msg, details={"expected": "object", "got": got})
        try:
            return structure_fn(value, cls)
        except ClassValidationError as exc:
            located = _locate_converter_error(cls, value, exc)
            if located is None:
                raise
            raise located from exc

    return hook


#: The functions :func:`_fast_structure_fn` made, told apart from hooks registered by hand.
_FAST_FNS: Final[weakref.WeakSet[Callable[..., Any]]] = weakref.WeakSet()
#: The classes whose function is being made, for classes that hold themselves.
_GENERATING: Final[set[type]] = set()


def _not_an_object(value: object) -> WireError:
    got = json_type(value)
    return WireError(f"expected an object, got {got}", details={"expected": "object", "got": got})


def _fast_structure_fn(
    conv: cattrs.Converter, cls: type, ignore: str | None = None
) -> Callable[..., Any] | None:
    """Make a structuring function for *cls* without detailed validation.

    It makes the checks of the one cattrs makes (an object, no unknown key, each field's
    hook) and builds the class with its converters, validators and post-init (through
    :func:`~thidua.serialization._building.build_lines`, or by calling it), but it
    counts keys instead of building a set and passes absent fields their defaults
    instead of collecting keyword arguments. With *ignore*, that key must be present and
    is skipped (a tagged union's tag). ``None`` when the class needs cattrs' own
    (renamed, private, generic or ``init=False`` fields, factory defaults).
    """
    if cls in _GENERATING:
        raise RecursionError  # cattrs' signal: the field hook is bound late
    fields = attrs.fields(attrs.resolve_types(cls))
    if getattr(cls, "__parameters__", ()) or any(
        not f.init or f.alias != f.name or f.name == ignore or isinstance(f.default, attrs.Factory)  # type: ignore[arg-type]
        for f in fields
    ):
        return None
    names: dict[str, Any] = {"__cl": cls, "__wrong": _not_an_object, "__extra": _extra_keys}
    known = frozenset(f.name for f in fields) | ({ignore} if ignore else set())
    names["__known"] = known
    required = sum(f.default is attrs.NOTHING for f in fields) + (ignore is not None)
    lines = [
        "  if type(o) is not dict:",
        "    raise __wrong(o)",
        f"  n = {required}",
    ]
    arguments = []
    _GENERATING.add(cls)
    try:
        for index, field in enumerate(fields):
            handler = _field_hook(conv, field.type)
            names[f"__h{index}"] = handler
            names[f"__t{index}"] = field.type
            arguments.append(f"{field.name}=v{index}")
            if field.default is attrs.NOTHING:
                lines.append(f"  v{index} = o[{field.name!r}]")
                lines += _read_lines(handler, field.type, index, names, "  ")
                continue
            names[f"__d{index}"] = field.default
            lines += [f"  if {field.name!r} in o:", f"    v{index} = o[{field.name!r}]"]
            inner = _inner_hook(conv, handler)
            if inner is None:
                lines += _read_lines(handler, field.type, index, names, "    ")
            else:
                names[f"__h{index}"], names[f"__t{index}"] = inner
                lines.append(f"    if v{index} is not None:")
                lines += _read_lines(*inner, index, names, "      ")
            lines += ["    n += 1", "  else:", f"    v{index} = __d{index}"]
        # Built without the type checks the hooks made (while the class is still being
        # generated: a field that holds it is told apart); else called as usual.
        building = build_lines(cls, fields, functools.partial(reads_exactly, conv), names)
    finally:
        _GENERATING.discard(cls)
    lines += [
        "  if len(o) != n:",
        "    __extra(o, __cl, __known)",
        *(building or [f"  return __cl({', '.join(arguments)})"]),
    ]
    parameters = "".join(f", {name}={name}" for name in names)
    source = "\n".join([f"def structure(o, _=None{parameters}):", *lines])
    filename = f"<thidua fast structure {cls.__module__}.{cls.__qualname__} {ignore}>"
    namespace: dict[str, Any] = {}
    exec(compile(source, filename, "exec"), names, namespace)  # noqa: S102 - generated above
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    function: Callable[..., Any] = namespace["structure"]
    _FAST_FNS.add(function)
    return function


def _read_lines(
    handler: Callable[..., Any], type_: Any, index: int, names: dict[str, Any], indent: str
) -> list[str]:
    """Lines that read ``v{index}`` (the field's JSON value) with *handler*, in place.

    The common cases of thidua's own hooks are written out (a short text interned, a
    known enum value, date or decimal text, a known tag of a tagged union), which saves a
    call per field; anything else goes to the hook, which checks it and raises.
    """
    v, hook = f"v{index}", f"__h{index}(v{index}, __t{index})"
    table: dict[Any, Any] | None = None
    lane: list[str] = []
    if handler is _structure_str:
        names["__intern"] = sys.intern
        lane = [f"if type({v}) is str and len({v}) <= {_INTERN_MAX_LEN}:", f"  {v} = __intern({v})"]
    elif handler is _structure_date:
        table = _DATES
    elif handler is _structure_decimal:
        table = _DECIMALS
    elif handler is _structure_enum and all(type(m.value) is str for m in type_):
        table = type_._value2member_map_
    elif handler in _UNION_FNS:
        tag_name, members = _UNION_FNS[handler]
        names[f"__c{index}"] = members
        lane = [
            (
                f"if type({v}) is dict and type(k{index} := {v}.get({tag_name!r})) is str"
                f" and (k{index} := __c{index}.get(k{index})) is not None:"
            ),
            f"  {v} = k{index}({v})",
        ]
    if table is not None:  # a text the table knows: the value it stands for
        names[f"__c{index}"] = table
        lane = [
            f"if type({v}) is str and (k{index} := __c{index}.get({v})) is not None:",
            f"  {v} = k{index}",
        ]
    if not lane:
        return [f"{indent}{v} = {hook}"]
    return [indent + line for line in [*lane, "else:", f"  {v} = {hook}"]]


def _field_hook(conv: cattrs.Converter, type_: Any) -> Callable[[Any, Any], Any]:
    """The hook for a field of *type_*, bound late for a class that holds itself."""
    try:
        return conv.get_structure_hook(type_)
    except RecursionError:  # the class is being generated: look its hook up at each call
        return conv.structure


def reads_exactly(conv: cattrs.Converter, type_: Any) -> bool:
    """Whether *conv* reads *type_* with thidua's own hooks, so a value is of exactly it.

    Text, numbers, dates, enums, and optionals, tuples and tagged unions of these or of
    models read by their generated functions; not a type read by a hook registered by
    hand, nor a model being generated.
    """
    try:
        hook = conv.get_structure_hook(type_)
    except RecursionError:  # a model being generated
        return False
    scalar = _EXACT_HOOKS.get(type_)
    if scalar is not None:
        return hook is scalar
    if isinstance(type_, type) and issubclass(type_, enum.Enum):
        return hook is _structure_enum
    if _is_optional(type_):
        inner = _OPTIONAL_INNER.get(hook)
        return inner is not None and inner in get_args(type_) and reads_exactly(conv, inner)
    if _is_homogeneous_tuple(type_):
        return hook in _TUPLE_FNS and reads_exactly(conv, get_args(type_)[0])
    if type_ in _TAGGED_UNIONS:
        members = _TAGGED_UNIONS[type_][1].values()
        return hook in _UNION_FNS and all(reads_exactly(conv, cls) for cls in members)
    return attrs.has(type_) and hook in _FAST_FNS


def _inner_hook(
    conv: cattrs.Converter, handler: Callable[..., Any]
) -> tuple[Callable[[Any, Any], Any], Any] | None:
    """The hook and type inside an optional type's hook, or ``None`` (not one, recursive)."""
    if handler not in _OPTIONAL_INNER:
        return None
    inner = _OPTIONAL_INNER[handler]
    try:
        return conv.get_structure_hook(inner), inner
    except RecursionError:  # the class holds itself: its hook is looked up at first use
        return None


def _extra_keys(value: dict[str, Any], cls: type, known: frozenset[str]) -> None:
    """Refuse *value*'s keys that are not *known* (a missing key is refused where it is read)."""
    extra = set(value) - known
    if extra:
        raise ForbiddenExtraKeysError("", cls, extra)


def _locate_converter_error(
    cls: type, value: dict[str, Any], exc: ClassValidationError
) -> InvalidModelError | None:
    """Name the field whose converter (such as ``nfc``) refused its value in ``__init__``.

    Converters do not know their field, so their errors carry no path; run each field's
    converter again on its raw value to find the one that raised the same error.
    """
    if len(exc.exceptions) != 1:
        return None
    error = exc.exceptions[0]
    if not isinstance(error, InvalidModelError) or error.path or _note_of(error) is not None:
        return None
    for field in attrs.fields(cls):
        convert = field.converter
        if convert is None or isinstance(convert, attrs.Converter) or field.name not in value:
            continue
        try:
            convert(value[field.name])
        except InvalidModelError as found:
            if (found.message, found.code) == (error.message, error.code):
                return type(error)(error.message, path=field.name, code=error.code)
    return None


def _member_fn(conv: cattrs.Converter, cls: type, tag_name: str) -> Callable[[dict[str, Any]], Any]:
    """Structure a tagged union's member from an object that still holds the tag.

    The fast converter's own function for *cls* skips the tag in place; otherwise (the
    detailed converter, a hook registered by hand) the object is copied without it.
    """
    if not conv.detailed_validation and conv.get_structure_hook(cls) in _FAST_FNS:
        skipping = _fast_structure_fn(conv, cls, ignore=tag_name)
        if skipping is not None:
            return skipping

    def copying(value: dict[str, Any]) -> Any:
        return conv.structure({k: v for k, v in value.items() if k != tag_name}, cls)

    return copying


def register_tagged_union(
    conv: cattrs.Converter,
    union: Any,
    tags: dict[str, type],
    *,
    tag_name: str = "kind",
    what: str = "kind",
) -> None:
    """Register a union of attrs classes told apart by a tag key.

    On the wire the object carries ``tag_name`` (``{"kind": "manual", ...}``);
    an unknown or missing tag is an error that lists the known tags.

    Args:
        conv: The converter to configure.
        union: The union type, as used in annotations.
        tags: Each tag and the class it selects.
        tag_name: The key that holds the tag.
        what: How messages name the tag ("scoring method", ...).
    """
    _TAGGED_UNIONS[union] = (tag_name, dict(tags))
    by_class = {cls: tag for tag, cls in tags.items()}
    known = ", ".join(repr(t) for t in tags)
    members: dict[str, Callable[[dict[str, Any]], Any]] = {}

    def structure_union(value: Any, _: Any) -> Any:
        tag = value.get(tag_name) if type(value) is dict else None
        if type(tag) is str and (member := members.get(tag)) is not None:
            return member(value)  # a known tag whose member was structured before
        if type(value) is not dict:
            got = json_type(value)
            msg = f"expected an object, got {got}"
            raise WireError(msg, details={"expected": "object", "got": got})
        if tag_name not in value:
            msg = f"missing {tag_name!r}: name the {what}, one of {known}"
            raise WireError(msg, code="missing")
        tag = value[tag_name]
        if type(tag) is not str or tag not in tags:
            msg = f"unknown {what} {tag!r}: expected one of {known}"
            details = Details.plain(what=what, choices=tuple(tags), tag=tag)
            raise WireError(msg, code="unknown-tag", details=details)
        member = members[tag] = _member_fn(conv, tags[tag], tag_name)
        return member(value)

    hooks: dict[type, Callable[[Any], dict[str, Any]]] = {}

    def unstructure_union(value: Any) -> dict[str, Any]:
        cls = type(value)
        # Each member's hook is looked up once, not dispatched again for every value.
        hook = hooks.get(cls)
        if hook is None:
            hook = hooks[cls] = conv.get_unstructure_hook(cls)
        return {tag_name: by_class[cls], **hook(value)}

    _UNION_FNS[structure_union] = (tag_name, members)
    conv.register_structure_hook(union, structure_union)
    conv.register_unstructure_hook(union, unstructure_union)
    # An optional union keeps its tag too (cattrs would pick the bare class).
    optional = Optional[union]  # noqa: UP045 - a runtime union of a runtime union
    conv.register_structure_hook(
        optional, lambda value, _: None if value is None else structure_union(value, union)
    )
    conv.register_unstructure_hook(
        optional, lambda value: None if value is None else unstructure_union(value)
    )


#: The hooks :func:`register_tagged_union` registered, each with its tag key and the
#: functions of the members met so far, by tag.
_UNION_FNS: Final[
    weakref.WeakKeyDictionary[Callable[..., Any], tuple[str, dict[str, Callable[..., Any]]]]
] = weakref.WeakKeyDictionary()


def configure_base(conv: cattrs.Converter) -> None:
    """Register the strict hooks of plain values on *conv*.

    Text, numbers, dates, enums, tuples, optional values and attrs classes; the owners
    of tagged unions add theirs.
    """
    # str and int hooks also receive their enum subclasses and pass them on.
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_unstructure_hook(Decimal, _unstructure_decimal)
    conv.register_structure_hook(Fraction, _structure_fraction)
    conv.register_unstructure_hook(Fraction, _unstructure_fraction)
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_structure_hook(dt.datetime, _structure_datetime)
    conv.register_unstructure_hook(dt.datetime, dt.datetime.isoformat)
    for base in (enum.Enum, enum.StrEnum, enum.IntEnum):
        # Registered on each base so that they win over the str and int hooks.
        conv.register_structure_hook(base, _structure_enum)
        conv.register_unstructure_hook(base, _enum_value)
    conv.register_structure_hook_factory(_is_homogeneous_tuple, lambda t: _tuple_hook(conv, t))
    conv.register_structure_hook_factory(_is_optional, lambda t: _optional_hook(conv, t))
    conv.register_unstructure_hook_factory(
        _is_optional, lambda t: _optional_unstructure_hook(conv, t)
    )
    conv.register_unstructure_hook_factory(
        _is_homogeneous_tuple, lambda t: _tuple_unstructure_hook(conv, t)
    )
    conv.register_structure_hook_factory(attrs.has, lambda t: _attrs_hook(conv, t))


def register_sequence(conv: cattrs.Converter, cls: type, item_type: type) -> None:
    """Read and write the sequence class *cls* as an array of *item_type*.

    *cls* is built from a tuple of items; on the wire it is the same as that tuple.
    """
    as_tuple = tuple[item_type, ...]  # type: ignore[valid-type]
    _SEQUENCES[cls] = as_tuple
    found: list[Callable[[Any, Any], Any]] = []

    def structure_sequence(value: Any, _: Any) -> Any:
        if not found:
            found.append(conv.get_structure_hook(as_tuple))
        return cls(found[0](value, as_tuple))

    conv.register_structure_hook(cls, structure_sequence)
    conv.register_unstructure_hook(cls, lambda value: conv.unstructure(tuple(value), as_tuple))


#: What a structuring pass raises for bad data (anything else is a bug and propagates).
_DATA_ERRORS: Final = (
    ClassValidationError,
    IterableValidationError,
    ForbiddenExtraKeysError,
    InvalidModelError,
    StructureError,
    WireError,
    KeyError,
    ValueError,
    TypeError,
)


def _key_path(prefix: str, key: object) -> str:
    if isinstance(key, str) and _IDENTIFIER_RE.fullmatch(key):
        return f"{prefix}.{key}"
    return f"{prefix}[{json.dumps(key)}]"


def _note_of(exc: BaseException) -> AttributeValidationNote | IterableValidationNote | None:
    for note in getattr(exc, "__notes__", ()):
        if isinstance(note, AttributeValidationNote | IterableValidationNote):
            return note
    return None


def problems_of(exc: BaseException, path: str = "$") -> list[Problem]:
    """Turn a structuring failure into problems with JSON paths.

    Exceptions that are not about the data (a bug, not bad input) are raised again.
    """
    if isinstance(exc, ClassValidationError | IterableValidationError):
        found: list[Problem] = []
        for sub in exc.exceptions:
            note = _note_of(sub)
            if isinstance(note, AttributeValidationNote):
                found += problems_of(sub, _key_path(path, note.name))
            elif isinstance(note, IterableValidationNote):
                found += problems_of(sub, f"{path}[{note.index}]")
            else:
                found += problems_of(sub, path)
        return found
    if isinstance(exc, ForbiddenExtraKeysError):
        return [
            Problem("unknown key", path=_key_path(path, key), code="unknown-key")
            for key in sorted(exc.extra_fields)
        ]
    if isinstance(exc, StructureError):
        return [
            Problem(
                p.message,
                path=join_path(path, p.path.removeprefix("$").removeprefix(".")),
                code=p.code,
                details=p.details,
            )
            for p in exc.problems
        ]
    if isinstance(exc, InvalidModelError):
        return [
            Problem(exc.message, path=join_path(path, exc.path), code=exc.code, details=exc.details)
        ]
    if isinstance(exc, WireError):
        return [Problem(exc.message, path=path, code=exc.code, details=exc.details)]
    if isinstance(exc, KeyError) and _is_missing_field(exc):
        return [Problem("required field missing", path=path, code="missing")]
    if isinstance(exc, ValueError | TypeError) and _raised_by_attrs_validator(exc):
        # attrs' own validators raise plain ValueError/TypeError naming the field.
        return [Problem(str(exc), path=path, code="invalid-value")]
    raise exc


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a document is parsed and built.

    A bulk load makes millions of objects that all survive; the collector would scan
    them again and again (each full pass costs more as the heap grows) and free nothing.
    It is restored on the way out, even after an error, and not touched if it was off.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _is_missing_field(exc: KeyError) -> bool:
    """A KeyError is a missing field only when cattrs raised it looking up that field's key."""
    note = _note_of(exc)
    return isinstance(note, AttributeValidationNote) and exc.args == (note.name,)


def _raised_by_attrs_validator(exc: BaseException) -> bool:
    """Whether a plain error was raised inside ``attrs.validators`` (not by a bug elsewhere)."""
    if isinstance(exc, ThiduaError):
        return False
    trace = exc.__traceback__
    if trace is None:
        return False
    while trace.tb_next is not None:
        trace = trace.tb_next
    return PurePath(trace.tb_frame.f_code.co_filename).match("attr/validators.py")


def parse_json(data: bytes | str, limits: Limits = DEFAULT_LIMITS) -> Any:
    """Parse JSON text strictly (UTF-8, no NaN or Infinity) within *limits*.

    Duplicate keys in an object are not detected: the last one wins.

    Raises:
        DocumentError: the text is not JSON or passes a limit (code ``"too-large"``,
            ``"too-deep"``, ``"too-many-items"`` or ``"too-long"``).
    """
    return within_limits(parse_text(data, limits), data, limits)


def parse_text(data: bytes | str, limits: Limits = DEFAULT_LIMITS) -> Any:
    """Parse JSON text no longer than ``limits.max_bytes``, not yet walked for the other limits.

    Raises:
        DocumentError: the text is not JSON, or is too large or too deep to parse.
    """
    check_size(data, limits)
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        if str(exc).startswith("depth limit exceeded"):
            msg = f"nesting is deeper than the limit of {limits.max_depth}"
            raise DocumentError(msg, code="too-deep") from None
        raise DocumentError(f"not valid JSON: {_quoting_number(exc, data)}") from None


def within_limits(parsed: Any, data: bytes | str, limits: Limits) -> Any:
    """*parsed*, the text of *data*, once walked for the limits: as :func:`parse_json` gives it.

    Raises:
        DocumentError: a limit is passed.
    """
    if check_tree(parsed, limits, size=len(data)):
        # A float is an error in any thidua document: read the numbers again as written,
        # so the error quotes them exactly.
        text = data if isinstance(data, str) else data.decode()
        parsed = json.loads(text, parse_float=NumberText, parse_int=_json_int)
    return parsed


def canonical_json(data: Any) -> bytes:
    """Write JSON-like data in canonical form: UTF-8, keys sorted, no insignificant space.

    This is the form :func:`dumps` writes and digests are computed over.
    """
    return orjson.dumps(data, option=orjson.OPT_SORT_KEYS)


#: orjson options of the generated dump: keys sorted (canonical), dates handed to the hook.
DUMP_OPTIONS: Final = orjson.OPT_SORT_KEYS | orjson.OPT_PASSTHROUGH_DATETIME


def dump_default(conv: cattrs.Converter) -> Callable[[Any], Any]:
    """An orjson ``default=`` hook writing what *conv* unstructures, one function per class.

    ``orjson.dumps(data, default=dump_default(conv), option=DUMP_OPTIONS)`` gives the
    bytes of ``canonical_json(conv.unstructure(data))`` without building the whole tree
    first: each attrs class gets a generated function that returns its fields as they are
    (orjson writes strings, numbers, enums, lists and dicts itself and calls the hook
    again for nested models), tagging the members of tagged unions where a field's type
    is the union. A class with a hook registered by hand is unstructured by *conv*.
    """
    return dump_default_of({}, conv)


def _dump_function(
    conv: cattrs.Converter,
    cls: type,
    functions: dict[type, Callable[[Any], Any]],
    tag: tuple[str, str] | None = None,
) -> Callable[[Any], Any]:
    """The function writing one *cls* (with its union *tag* as ``(name, value)``, if any)."""
    if cls is Decimal:
        return _unstructure_decimal
    if cls is Fraction:
        return _unstructure_fraction
    if cls is dt.date or cls is dt.datetime:
        return cls.isoformat
    if cls in _SEQUENCES:
        return list
    hook = conv.get_unstructure_hook(cls)
    if not attrs.has(cls) or getattr(hook, "__name__", "") != f"unstructure_{cls.__name__}":
        if tag is None:
            return hook  # registered by hand, or not a model: the converter's own
        name, value = tag
        return lambda o: {name: value, **hook(o)}
    try:
        fields = attrs.fields(attrs.resolve_types(cls))
    except (NameError, TypeError):  # pragma: no cover - a type that cannot be resolved
        return hook
    names: dict[str, Any] = {"__fraction": _unstructure_fraction}
    items = [] if tag is None else [f"{tag[0]!r}: {tag[1]!r}"]
    for field in fields:
        if field.init:
            value = _field_expression(field.type, f"o.{field.name}", names, functions, conv)
            items.append(f"{field.name!r}: {value}")
    parameters = "".join(f", {name}={name}" for name in names)
    source = f"def dump(o{parameters}):\n  return {{{', '.join(items)}}}"
    suffix = "" if tag is None else f" [{tag[1]}]"
    filename = f"<thidua dump {cls.__module__}.{cls.__qualname__}{suffix}>"
    namespace: dict[str, Any] = {}
    exec(compile(source, filename, "exec"), names, namespace)  # noqa: S102 - generated above
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    function: Callable[[Any], Any] = namespace["dump"]
    return function


def _field_expression(
    type_: Any,
    expr: str,
    names: dict[str, Any],
    functions: dict[type, Callable[[Any], Any]],
    conv: cattrs.Converter,
) -> str:
    """The source that writes the field *expr* of *type_* as orjson takes it.

    Decimals, fractions and dates are converted in place (no round trip through orjson's
    ``default=``); a tagged union's member is written by a function generated for its
    class with its tag; anything orjson writes itself, or a nested model, is left as it is.
    """
    if type_ is Decimal:
        return f"format({expr}, 'f')"  # as _unstructure_decimal
    if type_ is Fraction:
        return f"__fraction({expr})"
    if type_ is dt.date or type_ is dt.datetime:
        return f"{expr}.isoformat()"
    if type_ in _TAGGED_UNIONS:
        tag_name, tags = _TAGGED_UNIONS[type_]
        members = _Members(conv, functions, {cls: (tag_name, tag) for tag, cls in tags.items()})
        name = f"__w{len(names)}"
        names[name] = members
        return f"{name}[type({expr})]({expr})"
    args = get_args(type_)
    if get_origin(type_) in (Union, types.UnionType) and type(None) in args:
        rest = tuple(arg for arg in args if arg is not type(None))
        inner = rest[0] if len(rest) == 1 else Union[rest]  # noqa: UP007 - built at runtime
        value = f"v{next(_VARIABLES)}"
        written = _field_expression(inner, value, names, functions, conv)
        if written == value:
            return expr
        return f"(None if ({value} := {expr}) is None else {written})"
    if _is_homogeneous_tuple(type_):
        item = f"v{next(_VARIABLES)}"
        written = _field_expression(get_args(type_)[0], item, names, functions, conv)
        return expr if written == item else f"[{written} for {item} in {expr}]"
    if isinstance(type_, type) and attrs.has(type_) and type_ not in _BUILDING:
        # A nested model is written by its own function, called here rather than by
        # orjson through the hook (a class being built, as in a recursive type, is not).
        function = functions.get(type_)
        if function is None:
            _BUILDING.add(type_)
            try:
                function = functions[type_] = _dump_function(conv, type_, functions)
            finally:
                _BUILDING.discard(type_)
        name = f"__w{len(names)}"
        names[name] = function
        return f"{name}({expr})"
    return expr


class _Members(dict[type, Callable[[Any], Any]]):
    """The dump function of each member of a tagged union, with its tag, made when first used."""

    def __init__(
        self,
        conv: cattrs.Converter,
        functions: dict[type, Callable[[Any], Any]],
        tags: dict[type, tuple[str, str]],
    ) -> None:
        super().__init__()
        self.conv, self.functions, self.tags = conv, functions, tags

    def __missing__(self, cls: type) -> Callable[[Any], Any]:
        function = self[cls] = _dump_function(self.conv, cls, self.functions, self.tags[cls])
        return function


#: The model classes whose dump functions are being generated (recursion stops there).
_BUILDING: Final[set[type]] = set()
#: Names for the variables of generated expressions, unique in any nesting.
_VARIABLES: Final = itertools.count()


def dump_default_of(
    functions: dict[type, Callable[[Any], Any]], conv: cattrs.Converter
) -> Callable[[Any], Any]:
    """The per-class dispatch over *functions* (as :func:`dump_default`'s hook)."""

    def default(value: Any) -> Any:
        cls = type(value)
        function = functions.get(cls)
        if function is None:
            function = functions[cls] = _dump_function(conv, cls, functions)
        return function(value)

    return default
