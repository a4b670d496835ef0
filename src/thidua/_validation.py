"""Shared attrs validators that raise :class:`~thidua.errors.InvalidModelError` with a path."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
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
    items: Iterable[Any], field: str, key: Callable[[Any], str] = lambda item: item.code
) -> None:
    """Raise at the second occurrence of a code in *items* (path ``field[i].code``)."""
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        code = key(item)
        if code in seen:
            msg = f"duplicate code {code!r} (first at {field}[{seen[code]}])"
            raise InvalidModelError(msg, path=f"{field}[{index}].code", code="duplicate-code")
        seen[code] = index
