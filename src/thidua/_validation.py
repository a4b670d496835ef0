"""Shared attrs validators that raise :class:`~thidua.errors.InvalidModelError` with a path."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Final

import attrs

from thidua.errors import InvalidModelError

__all__ = ["code_validator", "non_blank", "unique_codes"]

CODE_RE: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}")


def code_validator(_: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """Codes: 1 to 64 ASCII letters, digits, ``_``, ``.`` or ``-``; first a letter or digit."""
    if not CODE_RE.fullmatch(value):
        msg = (
            f"{value!r} is not a valid code: use 1 to 64 ASCII letters, digits,"
            " '_', '.' or '-', starting with a letter or digit"
        )
        raise InvalidModelError(msg, path=attribute.name, code="invalid-code")


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
            raise InvalidModelError(msg, path=f"{field}[{index}].{attr}", code=error)
        seen[value] = index
