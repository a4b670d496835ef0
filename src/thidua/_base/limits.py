"""Limits on the documents the loader reads: size, nesting depth, collection and text lengths.

Documents come from people, spreadsheets and other systems. Past a limit the loader
raises :class:`~thidua.errors.DocumentError` with a stable code (``"too-large"``,
``"too-deep"``, ``"too-many-items"``, ``"too-long"``) and the path of the offending
value, never :class:`RecursionError` or :class:`MemoryError`.
"""

from __future__ import annotations

import itertools
import json
import operator
import re
import sys
from typing import Any, Final

import attrs

from thidua.errors import DocumentError, InvalidModelError

__all__ = ["DEFAULT_LIMITS", "Limits"]

#: The deepest nesting orjson parses; deeper text is refused by the parser itself.
PARSER_MAX_DEPTH: Final = 1024
#: The deepest nesting :class:`Limits` allows, so that structuring never nears Python's
#: recursion limit even for recursive models (a criteria tree).
MAX_DEPTH_CEILING: Final = 128


_IDENTIFIER_RE: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
#: How many nodes of one level :func:`check_tree` walks before measuring their keys.
_SLICE: Final = 4096


def _key_path(prefix: str, key: str) -> str:
    if _IDENTIFIER_RE.fullmatch(key):
        return f"{prefix}.{key}"
    return f"{prefix}[{json.dumps(key)}]"


def _positive(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    if type(value) is not int or value < 1:
        msg = f"must be a positive integer, got {value!r}"
        raise InvalidModelError(msg, path=attribute.name, code="out-of-range")


def _depth(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    _positive(instance, attribute, value)
    if value > MAX_DEPTH_CEILING:
        msg = f"must be at most {MAX_DEPTH_CEILING}, got {value}"
        raise InvalidModelError(msg, path=attribute.name, code="out-of-range")


@attrs.frozen(kw_only=True)
class Limits:
    """How large a document the loader accepts.

    Args:
        max_bytes: Size of the JSON text in bytes (UTF-8). Default 64 MiB.
        max_depth: Nesting of arrays and objects; the top-level object is depth 1.
            Default 64, at most 128.
        max_items: Entries in any one array or object. Default 1,000,000.
        max_string_length: Characters in any one string, keys included. Default 1,000,000.
    """

    max_bytes: int = attrs.field(default=64 * 1024 * 1024, validator=_positive)
    max_depth: int = attrs.field(default=64, validator=_depth)
    max_items: int = attrs.field(default=1_000_000, validator=_positive)
    max_string_length: int = attrs.field(default=1_000_000, validator=_positive)


DEFAULT_LIMITS: Final = Limits()
"""The limits :func:`thidua.serialization.loads` applies unless told otherwise."""


def check_size(data: bytes | str, limits: Limits) -> None:
    """Refuse JSON text longer than ``limits.max_bytes`` before parsing it."""
    size = len(data)
    at_least = ""
    if isinstance(data, str):
        # 1 to 4 UTF-8 bytes a character: encode only when the count could go either way.
        if size <= limits.max_bytes < 4 * size:
            size = len(data.encode("utf-8", "surrogatepass"))
        else:
            at_least = "at least "
    if size > limits.max_bytes:
        msg = f"the document is {at_least}{size} bytes, more than the limit of {limits.max_bytes}"
        raise DocumentError(msg, code="too-large")


#: The kinds of value a parsed tree's walk looks inside.
_NESTED: Final = frozenset({dict, list})


def check_tree(
    value: Any, limits: Limits, *, size: int | None = None, opaque: frozenset[int] = frozenset()
) -> bool:
    """Refuse parsed JSON that is nested too deep or holds too long a collection or string.

    One pass, level by level, with no paths kept; only when a limit is passed is the
    tree walked again to name the path.

    Args:
        value: The parsed JSON.
        limits: The limits to apply.
        size: The length of the text *value* was parsed from, if known: strings cannot
            be longer than the text, so they are not measured when it is short enough.
        opaque: The ids of containers left out of the walk (neither measured nor looked
            into): the caller checks them itself.

    Returns:
        Whether the tree holds a float (a JSON number with a fraction or an exponent, or an
        integer too long for 64 bits): thidua's documents hold none, so its exact text is
        wanted for the error.

    Raises:
        DocumentError: a limit is passed; ``path`` names the offending value.
    """
    if type(value) is not dict and type(value) is not list:
        if type(value) is str and len(value) > limits.max_string_length:
            raise _violation(value, limits)
        return type(value) is float
    floats = False
    max_items = limits.max_items
    measure = size is None or size > limits.max_string_length
    max_length = limits.max_string_length if measure else sys.maxsize
    level: list[Any] = [value]
    depth = 0
    while level:
        depth += 1
        if depth > limits.max_depth:
            raise _violation(value, limits)
        below: list[Any] = []
        # String values are measured when first met (still in the cache); keys, mostly
        # the same few objects, are measured together once per slice of the level.
        for start in range(0, len(level), _SLICE):
            keys: list[str] = []
            arrays: list[Any] = []
            for node in level[start : start + _SLICE]:
                if len(node) > max_items:
                    raise _violation(value, limits)
                if type(node) is not dict:
                    arrays.append(node)  # the slice's arrays are looked into together below
                    continue
                if size is None and not all(type(key) is str for key in node):
                    raise _violation(value, limits)
                keys += node
                for child in node.values():
                    kind = type(child)
                    if kind is str:
                        if len(child) > max_length:
                            raise _violation(value, limits)
                    elif kind is dict or kind is list:
                        below.append(child)
                    elif kind is float:
                        floats = True
            if arrays:
                # Every value of the slice's arrays at once: their kinds, then only the
                # containers among them and the strings, if any, one by one.
                items = list(itertools.chain.from_iterable(arrays))
                kinds = set(map(type, items))
                floats = floats or float in kinds
                if measure and str in kinds and max(_lengths(items)) > max_length:
                    raise _violation(value, limits)
                if kinds & _NESTED:
                    below += itertools.compress(items, map(_NESTED.__contains__, map(type, items)))
            if keys and max(map(len, keys)) > max_length:
                raise _violation(value, limits)
        level = below
        if opaque:  # leave out the containers the caller checks (in C: id, in, not)
            kept = map(operator.not_, map(opaque.__contains__, map(id, below)))
            level = list(itertools.compress(below, kept))
    return floats


def _lengths(items: list[Any]) -> list[int]:
    return [len(item) for item in items if type(item) is str]


def _violation(value: Any, limits: Limits) -> DocumentError:
    """Find the first value past a limit, depth first, and describe it with its path."""
    stack: list[tuple[Any, int, str]] = [(value, 1, "$")]
    while stack:
        node, depth, path = stack.pop()
        if type(node) is str:
            if len(node) > limits.max_string_length:
                msg = (
                    f"a string of {len(node)} characters is longer than the limit of"
                    f" {limits.max_string_length}"
                )
                return DocumentError(msg, code="too-long", path=path)
            continue
        if type(node) not in (dict, list):
            continue
        if depth > limits.max_depth:
            msg = f"nesting is deeper than the limit of {limits.max_depth}"
            return DocumentError(msg, code="too-deep", path=path)
        if len(node) > limits.max_items:
            what = "an object" if type(node) is dict else "an array"
            msg = f"{what} of {len(node)} entries is longer than the limit of {limits.max_items}"
            return DocumentError(msg, code="too-many-items", path=path)
        if type(node) is dict:
            entries = list(node.items())
            for key, _ in entries:
                if type(key) is not str:
                    got = type(key).__name__
                    msg = f"expected a text key, got {got}"
                    details = {"expected": "a text key", "got": got}
                    return DocumentError(msg, code="wrong-type", path=path, details=details)
                if len(key) > limits.max_string_length:
                    msg = (
                        f"a key of {len(key)} characters is longer than the limit of"
                        f" {limits.max_string_length}"
                    )
                    return DocumentError(msg, code="too-long", path=path)
            children = [(child, _key_path(path, key)) for key, child in entries]
        else:
            children = [(child, f"{path}[{index}]") for index, child in enumerate(node)]
        stack.extend((child, depth + 1, child_path) for child, child_path in reversed(children))
    msg = "no value passes the limits"  # pragma: no cover - only called on a violation
    raise AssertionError(msg)  # pragma: no cover
