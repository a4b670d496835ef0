"""Shared attrs validators that raise :class:`~thidua.errors.InvalidModelError` with a path."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Final

import attrs

from thidua._base.text import name_key, nfc
from thidua.errors import Details, InvalidModelError

__all__ = [
    "check_code",
    "check_unique",
    "code_tuple",
    "code_validator",
    "nfc_tuple",
    "non_blank",
    "non_negative",
    "optional_code",
    "optional_non_blank",
    "positive",
    "unique_codes",
    "unique_names",
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
