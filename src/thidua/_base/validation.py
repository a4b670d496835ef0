"""Shared attrs validators that raise :class:`~thidua.errors.InvalidModelError` with a path."""

from __future__ import annotations

import datetime as dt
import enum
import re
import sys
import types
import typing
from collections.abc import Callable, Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

import attrs

from thidua._base.sharing import cap, shared_cache
from thidua._base.text import name_key, nfc
from thidua.errors import Details, InvalidModelError

__all__ = [
    "check_code",
    "check_decimal",
    "check_int",
    "check_unique",
    "code_tuple",
    "code_validator",
    "nfc_tuple",
    "non_blank",
    "non_negative",
    "optional_code",
    "optional_non_blank",
    "positive",
    "type_check",
    "typed_fields",
    "unique_codes",
    "unique_names",
    "without_type_check",
]

CODE_RE: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}")
#: Codes that passed :func:`check_code`: codes repeat across millions of assessments, and
#: a set lookup is cheaper than the pattern. Strings only, and at most _CODES_MAX of them.
_CODES: Final[set[str]] = set()
_CODES_MAX: Final = 1 << 16


def code_validator(_: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """Codes: 1 to 64 ASCII letters, digits, ``_``, ``.`` or ``-``; first a letter or digit."""
    check_code(value, attribute.name)


def optional_non_blank(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: ``None`` or non-empty text."""
    if value == "":
        raise InvalidModelError("must not be empty", path=attribute.name, code="empty")


def non_blank(_: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """Text must not be empty once stripped."""
    if not value:
        raise InvalidModelError("must not be empty", path=attribute.name, code="empty")


def unique_codes(
    items: Iterable[Any], field: str, attr: str = "code", error: str = "duplicate-code"
) -> None:
    """Raise at the second item of *items* with the same *attr* (path ``field[i].attr``)."""
    seen: dict[object, int] = {}
    for index, item in enumerate(items):
        value = getattr(item, attr)
        if value in seen:
            msg = f"duplicate {attr} {value!r} (first at {field}[{seen[value]}])"
            details = {"value": value, "first": f"{field}[{seen[value]}]"} if attr == "code" else {}
            raise InvalidModelError(
                msg, path=f"{field}[{index}].{attr}", code=error, details=details
            )
        seen[value] = index


def unique_names(items: Iterable[Any], field: str) -> None:
    """Raise ``duplicate-name`` at the second item whose ``name`` is the same name.

    Names are compared as :func:`~thidua.same_name` does: case, normal form, Ð (U+00D0)
    for Đ and the placement of tone marks do not make two names differ.
    """
    seen: dict[object, int] = {}
    for index, item in enumerate(items):
        key = name_key(item.name)
        if key in seen:
            first = f"{field}[{seen[key]}]"
            msg = f"the name {item.name!r} is the same name as {first}.name"
            details = {"value": item.name, "first": f"{first}.name"}
            raise InvalidModelError(
                msg, path=f"{field}[{index}].name", code="duplicate-name", details=details
            )
        seen[key] = index


def check_code(value: object, path: str) -> None:
    """Raise ``invalid-code`` at *path* unless *value* is a valid code."""
    if type(value) is str and value in _CODES:
        return
    if not isinstance(value, str) or not CODE_RE.fullmatch(value):
        msg = (
            f"{value!r} is not a valid code: use 1 to 64 ASCII letters, digits,"
            " '_', '.' or '-', starting with a letter or digit"
        )
        details = Details.plain(value=value)
        raise InvalidModelError(msg, path=path, code="invalid-code", details=details)
    if type(value) is str and len(_CODES) < _CODES_MAX:
        _CODES.add(value)


def check_unique(values: Iterable[str], path: str) -> None:
    """Raise ``duplicate-code`` at the second occurrence of a value (path ``path[i]``)."""
    seen: dict[str, int] = {}
    for index, value in enumerate(values):
        if value in seen:
            msg = f"{value!r} appears twice (first at {path}[{seen[value]}])"
            raise InvalidModelError(msg, path=f"{path}[{index}]", code="duplicate-code")
        seen[value] = index


def code_tuple(_: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    """Validator: a tuple of valid, distinct codes."""
    for index, item in enumerate(value):
        check_code(item, f"{attribute.name}[{index}]")
    check_unique(value, attribute.name)


def optional_code(_: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """Validator: ``None`` or a valid code."""
    if value is not None:
        check_code(value, attribute.name)


def non_negative(_: object, attribute: attrs.Attribute[Any], value: int) -> None:
    """Validator: an integer that is zero or more."""
    if value < 0:
        msg = f"must be zero or more, got {value}"
        raise InvalidModelError(msg, path=attribute.name, code="negative")


def positive(_: object, attribute: attrs.Attribute[Any], value: int) -> None:
    """Validator: an integer that is one or more."""
    if value < 1:
        msg = f"must be one or more, got {value}"
        raise InvalidModelError(msg, path=attribute.name, code="not-positive")


def nfc_tuple(value: Any) -> tuple[str, ...]:
    """Converter: NFC text for each item of a sequence (strings themselves are refused)."""
    if type(value) is tuple and not value:
        return value  # the usual default, already what it would become
    if isinstance(value, str) or not isinstance(value, tuple | list):
        msg = f"expected a sequence of texts, got {type(value).__name__}"
        raise InvalidModelError(msg, code="wrong-type")
    return tuple(nfc(item) for item in value)


# ---------------------------------------------------------------------------------------
# Type-exact fields: the constructors refuse what the wire format refuses.

_MAX_INT: Final = 10**15
_MAX_INTEGER_DIGITS: Final = 18
_MAX_FRACTION_DIGITS: Final = 12
_Check = Callable[[Any, str], None]
_Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]
#: Decimals that passed :func:`check_decimal`, by identity (the object is kept, so its id
#: is not reused): loading shares one object per decimal text, and this lookup is cheaper
#: than taking the value apart again.
_DECIMALS: Final[dict[int, Decimal]] = shared_cache()
#: Annotations whose value the field's converter or validator already fixes: text.
_TEXT_TYPES: Final = frozenset({"str", "str | None", "tuple[str, ...]"})


def _wrong_type(value: object, path: str, expected: str) -> InvalidModelError:
    got = type(value).__name__
    msg = f"expected {expected}, got {got}"
    details = Details.plain(expected=expected, got=got)
    return InvalidModelError(msg, path=path, code="wrong-type", details=details)


def check_decimal(value: object, path: str) -> None:
    """Raise unless *value* is a finite :class:`~decimal.Decimal` the wire can carry.

    A float, an int, a bool or text is refused (``wrong-type``); NaN, an infinity, or more
    than 18 integer or 12 fraction digits is refused (``invalid-decimal``).
    """
    if type(value) is not Decimal:
        raise _wrong_type(value, path, "a Decimal")
    if _DECIMALS.get(id(value)) is value:
        return
    if value.is_finite():
        exponent: int = value.as_tuple().exponent  # type: ignore[assignment]
        if exponent >= -_MAX_FRACTION_DIGITS and (
            not value or value.adjusted() < _MAX_INTEGER_DIGITS
        ):
            if len(_DECIMALS) < cap[0]:
                _DECIMALS[id(value)] = value
            return
    text = str(value)
    msg = (
        f"{text!r} is not a decimal number: write digits with an optional '-' and '.'"
        ' fraction, such as "9.98" (at most 18 integer and 12 fraction digits)'
    )
    details = Details.plain(value=text)
    raise InvalidModelError(msg, path=path, code="invalid-decimal", details=details)


def check_int(value: object, path: str) -> None:
    """Raise unless *value* is an ``int`` (not a bool) within ±10^15."""
    if type(value) is not int:
        raise _wrong_type(value, path, "an integer")
    if not -_MAX_INT < value < _MAX_INT:
        text = _int_text(value)
        msg = f"integer {text} is beyond the supported range (±10^15)"
        raise InvalidModelError(
            msg, path=path, code="out-of-range", details=Details.plain(value=text)
        )


#: Digits of an integer quoted in a message; longer ones are cut, with their length.
_QUOTED_DIGITS: Final = 40


def _int_text(value: int) -> str:
    """*value* in decimal, exactly, or its first digits and length when it is very long."""
    try:
        text = str(value)
    except ValueError:  # past Python's limit on integer conversion (4300 digits)
        return f"({'-' if value < 0 else ''}{value.bit_length()} bits)"
    if len(text) <= _QUOTED_DIGITS:
        return text
    return f"{text[:_QUOTED_DIGITS]}… ({len(text)} characters)"


def _names(classes: frozenset[type]) -> str:
    def name(cls: type) -> str:
        if cls is dt.date:
            return "a date (datetime.date)"
        if cls is bool:
            return "true or false"
        if cls is str:
            return "text"
        if issubclass(cls, enum.Enum):
            return f"a {cls.__name__} member"
        return f"a {cls.__name__}"

    return " or ".join(sorted(name(c) for c in classes))


def _types_check(classes: frozenset[type]) -> _Check:
    """A check that the value's type is one of *classes* (a subclass of a model too)."""
    expected = _names(classes)
    models = tuple(c for c in classes if attrs.has(c))

    def check(value: Any, path: str) -> None:
        if type(value) not in classes and not (models and isinstance(value, models)):
            raise _wrong_type(value, path, expected)

    return check


_VALUE_CHECKS: Final[dict[type, _Check]] = {Decimal: check_decimal, int: check_int}
_EXACT: Final = (bool, str, dt.date, Fraction)


def _plain_types(type_: Any) -> frozenset[type] | None:
    """The classes of *type_* when a type test is the whole check, else ``None``."""
    origin = typing.get_origin(type_)
    members = typing.get_args(type_) if origin in (typing.Union, types.UnionType) else (type_,)
    if all(
        m in _EXACT or (isinstance(m, type) and (issubclass(m, enum.Enum) or attrs.has(m)))
        for m in members
    ):
        return frozenset(members)
    return None


def type_check(type_: Any) -> _Check | None:
    """The check for a resolved annotation, or ``None`` when it checks nothing."""
    origin = typing.get_origin(type_)
    args = typing.get_args(type_)
    optional = origin in (typing.Union, types.UnionType) and type(None) in args
    if optional:
        rest = [a for a in args if a is not type(None)]
        inner = type_check(rest[0] if len(rest) == 1 else typing.Union[tuple(rest)])  # noqa: UP007
        if inner is None:
            return None
        found = inner

        def check_optional(value: Any, path: str) -> None:
            if value is not None:
                found(value, path)

        return check_optional
    if type_ in _VALUE_CHECKS:
        return _VALUE_CHECKS[type_]
    plain = _plain_types(type_)
    if plain is not None:
        return _types_check(plain)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:  # noqa: PLR2004
        return _tuple_check(args[0])
    return None


def _tuple_check(item_type: Any) -> _Check:
    item_check = type_check(item_type)
    plain = _plain_types(item_type)

    def check(value: Any, path: str) -> None:
        if type(value) is not tuple:
            raise _wrong_type(value, path, "a tuple")
        if item_check is None or (plain is not None and set(map(type, value)) <= plain):
            return  # every item's type is one expected: the whole check, in one pass in C
        for index, item in enumerate(value):
            item_check(item, f"{path}[{index}]")

    return check


def _fast_check(type_: Any) -> _Validator | None:
    """A one-call validator for the common fields: models, enums, dates, decimals."""
    origin = typing.get_origin(type_)
    args = typing.get_args(type_)
    optional = origin in (typing.Union, types.UnionType) and type(None) in args
    rest = tuple(a for a in args if a is not type(None)) if optional else (type_,)
    if rest == (Decimal,):
        decimals = _DECIMALS

        def validate_decimal(_: object, attribute: attrs.Attribute[Any], value: Any) -> None:
            if value is None:
                if not optional:
                    check_decimal(value, attribute.name)
            elif decimals.get(id(value)) is not value:
                check_decimal(value, attribute.name)

        return validate_decimal
    plain = _plain_types(typing.Union[rest] if len(rest) > 1 else rest[0])  # noqa: UP007
    if plain is None:
        return None
    allowed = plain | {type(None)} if optional else plain
    slow = _types_check(plain)

    def validate_type(_: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if type(value) not in allowed and not (optional and value is None):
            slow(value, attribute.name)

    return validate_type


def _validator(type_: Any, then: _Validator | None) -> _Validator | None:
    made = _typed_validator(type_, then)
    if made is not None and made is not then:
        _OWN[made] = then
    return made


def _typed_validator(type_: Any, then: _Validator | None) -> _Validator | None:
    fast = _fast_check(type_)
    if fast is None:
        check = type_check(type_)
        if check is None:
            return then
        found = check

        def validate(_: object, attribute: attrs.Attribute[Any], value: Any) -> None:
            found(value, attribute.name)

        fast = validate
    if then is None:
        return fast
    first = fast

    def validate_then(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        first(instance, attribute, value)
        then(instance, attribute, value)

    return validate_then


class _Deferred:
    """A field's check whose annotation names a class defined later: resolved at first use."""

    __slots__ = ("_check", "_cls", "_then")

    def __init__(self, cls: type, then: _Validator | None) -> None:
        self._cls = cls
        self._then = then
        self._check: _Check | None = None

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        check = self._check
        if check is None:
            hint = typing.get_type_hints(self._cls)[attribute.name]
            check = self._check = type_check(hint) or (lambda _value, _path: None)
        check(value, attribute.name)
        if self._then is not None:
            self._then(instance, attribute, value)


_CODE_VALIDATORS: Final = (code_validator, optional_code, code_tuple)
#: The validators :func:`typed_fields` made, each with the field's own (``None``: none).
_OWN: Final[dict[_Validator, _Validator | None]] = {}


def without_type_check(validator: Callable[..., Any]) -> Callable[..., Any] | None:
    """*validator* without the type check :func:`typed_fields` put before it, if any.

    For a value known to be of the field's type: only the field's own validator is left
    (``None`` if it has none).
    """
    return _OWN.get(validator, validator)


#: Each annotation's text compiled once: many fields are annotated alike.
_ANNOTATIONS: Final[dict[str, types.CodeType]] = {}
#: The check of each resolved annotation, for fields without a validator of their own.
_TYPE_VALIDATORS: Final[dict[Any, _Validator | None]] = {}


def _resolve(annotation: str, namespace: dict[str, Any]) -> Any:
    """The type an annotation's text names in *namespace* (``NameError`` if not yet defined)."""
    code = _ANNOTATIONS.get(annotation)
    if code is None:
        code = _ANNOTATIONS[annotation] = compile(annotation, "<annotation>", "eval")
    return eval(code, namespace)  # noqa: S307 - an annotation of the class


def _type_validator(type_: Any, then: _Validator | None) -> _Validator | None:
    """:func:`_validator`, shared by the fields of one type that have no validator."""
    if then is not None:
        return _validator(type_, then)
    try:
        return _TYPE_VALIDATORS[type_]
    except KeyError:
        made = _TYPE_VALIDATORS[type_] = _validator(type_, None)
        return made
    except TypeError:  # pragma: no cover - an annotation that cannot be hashed
        return _validator(type_, None)


def typed_fields(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """``field_transformer``: every annotated field refuses a value of another type.

    Decimals must be finite :class:`~decimal.Decimal` values with at most 18 integer and
    12 fraction digits (no float, int or text), fractions :class:`~fractions.Fraction`
    values (no float, no Decimal), integers real ``int`` values within
    ±10^15 (no bool), dates :class:`datetime.date` values (no text, no datetime), enum
    fields members of their enum (not their text), models instances of their classes,
    sequences tuples; the error is an :class:`~thidua.errors.InvalidModelError` whose path
    names the field. The check runs before the field's own validators. Text fields with a
    converter or a code validator are left to those, which already refuse other types.
    """
    namespace = vars(sys.modules[cls.__module__])
    out = []
    for field in fields:
        annotation: Any = field.type
        if annotation is None or (
            isinstance(annotation, str)
            and annotation in _TEXT_TYPES
            and (field.converter is not None or field.validator in _CODE_VALIDATORS)
        ):
            out.append(field)
            continue
        try:
            resolved = annotation
            if isinstance(annotation, str):
                resolved = _resolve(annotation, namespace)
        except NameError:  # a class defined later in its module
            validator: _Validator = _Deferred(cls, field.validator)
            _OWN[validator] = field.validator
        else:
            made = _type_validator(resolved, field.validator)
            if made is None or made is field.validator:
                out.append(field)
                continue
            validator = made
        out.append(field.evolve(validator=validator))
    return out
