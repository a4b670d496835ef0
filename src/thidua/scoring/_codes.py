"""Item codes as tables write them (``I/2/2.b/22``, ``C5.1[a]``, ``3.3.2.1 d``)."""

from __future__ import annotations

import unicodedata
from typing import Any, Final

import attrs

from thidua.errors import InvalidModelError

__all__ = ["check_item_code", "item_code"]

#: Codes that passed :func:`check_item_code` (codes repeat across every assessment).
_SEEN: Final[set[str]] = set()
_SEEN_MAX: Final = 1 << 16
#: Line and paragraph separators count as control characters here.
_BREAKS: Final = frozenset("\u2028\u2029\x85")


def check_item_code(value: object, path: str) -> None:
    """Raise ``invalid-item-code`` at *path* unless *value* is an item code.

    An item code (a criterion's, a section's or an adjustment's) is the table's own
    numbering: any non-empty NFC text without control characters or surrounding spaces.

    ``"I/2/2.b/22"``, ``"C5.1[a]"`` and ``"3.3.2.1 d"`` are item codes; ``" 1.1"`` is
    refused (spaces at its start), as is any text holding a tab or a line break.
    """
    if type(value) is str and value in _SEEN:
        return
    problem = _problem(value)
    if problem is not None:
        msg = f"{value!r} is not a valid item code: {problem}"
        raise InvalidModelError(msg, path=path, code="invalid-item-code")
    if type(value) is str and len(_SEEN) < _SEEN_MAX:
        _SEEN.add(value)


def _problem(value: object) -> str | None:
    if not isinstance(value, str):
        return "expected text"
    if not value:
        return "it is empty"
    if value != value.strip():
        return "it has spaces at its start or end"
    if any(unicodedata.category(ch) == "Cc" or ch in _BREAKS for ch in value):
        return "it holds a control character"
    if not unicodedata.is_normalized("NFC", value):
        return "it is not in NFC (write letters with their diacritics composed)"
    return None


def item_code(_: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """Validator: an item code (see :func:`check_item_code`)."""
    check_item_code(value, attribute.name)
