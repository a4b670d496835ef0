"""Small validators shared by the year-end modules (ballots, awards, nominations, workflow)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from thidua._validation import CODE_RE
from thidua.errors import InvalidModelError


def check_code(value: object, path: str) -> None:
    """Raise ``invalid-code`` at *path* unless *value* is a valid code."""
    if not isinstance(value, str) or not CODE_RE.fullmatch(value):
        msg = (
            f"{value!r} is not a valid code: use 1 to 64 ASCII letters, digits,"
            " '_', '.' or '-', starting with a letter or digit"
        )
        raise InvalidModelError(msg, path=path, code="invalid-code")


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
    from thidua._text import nfc  # noqa: PLC0415 - keep this module import-light

    if isinstance(value, str) or not isinstance(value, tuple | list):
        msg = f"expected a sequence of texts, got {type(value).__name__}"
        raise InvalidModelError(msg, code="wrong-type")
    return tuple(nfc(item) for item in value)
