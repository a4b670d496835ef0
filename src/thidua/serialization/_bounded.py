"""Parts of a document whose type bounds their shape: read without the limits' walk.

A model whose fields hold no recursive type (no criteria tree) sets how deep its JSON
nests, how many keys its objects have and how long its fixed texts are (keys, enum
values, tags, decimals, dates): the strict hooks refuse anything else. Only its free
texts and its arrays can grow, and the hooks measure those while :func:`guarded`. So
such a part of a document is left out of the limits' walk when its bound fits the
limits, and its values are walked once, by the hooks that read them.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any, Final, NamedTuple, get_args

import attrs
import cattrs

from thidua._base.limits import Limits
from thidua.serialization._hooks import (
    _INTERN_MAX_LEN,
    _TAGGED_UNIONS,
    _is_homogeneous_tuple,
    _is_optional,
    reads_exactly,
)

__all__ = ["Bound", "bound_of", "bounded_parts"]

#: The longest text the decimal hook accepts: a sign, 18 integer digits, a point, 12 more.
_DECIMAL_TEXT: Final = 32
#: ``YYYY-MM-DD``.
_DATE_TEXT: Final = 10


class Bound(NamedTuple):
    """What a type allows on the wire, past its arrays' lengths and its free texts.

    Args:
        depth: Levels of arrays and objects, the value's own included (0 for a scalar).
        width: The most keys any of its objects has.
        text: The longest text that the hooks do not measure (keys included).
    """

    depth: int
    width: int
    text: int

    def fits(self, limits: Limits, depth: int) -> bool:
        """Whether a value of this bound, at *depth* (its parent's), is within *limits*."""
        return (
            depth + self.depth <= limits.max_depth
            and self.width <= limits.max_items
            and max(self.text, _INTERN_MAX_LEN) <= limits.max_string_length
        )


_SCALAR: Final = Bound(0, 0, 0)
_SCALARS: Final[dict[Any, Bound]] = {
    str: Bound(0, 0, _INTERN_MAX_LEN),
    int: _SCALAR,
    bool: _SCALAR,
    Decimal: Bound(0, 0, _DECIMAL_TEXT),
    dt.date: Bound(0, 0, _DATE_TEXT),
}

#: The last converter asked, and its bounds by type (``None``: unbounded, or read by a
#: hook not known here).
_FOUND: Final[list[Any]] = []


def bound_of(conv: cattrs.Converter, type_: Any) -> Bound | None:
    """The bound of *type_* as *conv* reads it, or ``None`` if it has none.

    Only thidua's own hooks are known: a type read by any other hook, a recursive
    model or a type of another shape has no bound.
    """
    if not _FOUND or _FOUND[0] is not conv:
        _FOUND[:] = [conv, {}]
    found: dict[Any, Bound | None] = _FOUND[1]
    if type_ not in found:
        found[type_] = None  # a model that holds itself, met again below, is unbounded
        found[type_] = _bound(conv, type_)
    return found[type_]


def _bound(conv: cattrs.Converter, type_: Any) -> Bound | None:
    if not reads_exactly(conv, type_):
        return None
    scalar = _SCALARS.get(type_)
    if scalar is not None:
        return scalar
    if isinstance(type_, type) and issubclass(type_, enum.Enum):
        values = [len(m.value) for m in type_ if isinstance(m.value, str)]
        return Bound(0, 0, max(values, default=0))
    if _is_optional(type_):
        inner = next(arg for arg in get_args(type_) if arg is not type(None))
        return bound_of(conv, inner)
    if _is_homogeneous_tuple(type_):
        item = bound_of(conv, get_args(type_)[0])
        return None if item is None else Bound(item.depth + 1, item.width, item.text)
    if type_ in _TAGGED_UNIONS:
        return _union_bound(conv, type_)
    return _fields_bound(conv, type_, [])


def _union_bound(conv: cattrs.Converter, union: Any) -> Bound | None:
    tag_name, tags = _TAGGED_UNIONS[union]
    bounds = [_fields_bound(conv, cls, [tag_name, *tags]) for cls in tags.values()]
    known = [b for b in bounds if b is not None]
    if not known or len(known) < len(bounds):
        return None
    return Bound(  # the tag is one more key of each member's object
        max(b.depth for b in known), max(b.width for b in known) + 1, max(b.text for b in known)
    )


def _fields_bound(conv: cattrs.Converter, cls: type, texts: list[str]) -> Bound | None:
    """The bound of an attrs class read by its fast function (*texts*: more fixed texts)."""
    fields = attrs.fields(attrs.resolve_types(cls))
    bounds = [bound_of(conv, field.type) for field in fields]
    if any(bound is None for bound in bounds):
        return None
    known = [b for b in bounds if b is not None]
    return Bound(
        1 + max((b.depth for b in known), default=0),
        max([len(fields), *(b.width for b in known)]),
        max([*map(len, texts), *(len(f.name) for f in fields), *(b.text for b in known)]),
    )


def bounded_parts(
    conv: cattrs.Converter, cls: type, body: dict[str, Any], limits: Limits
) -> frozenset[int]:
    """The ids of the parts of *body*, a top-level object of *cls*, that need no walk.

    Each field's value (an array or an object) whose type's bound fits *limits* there.
    Read them within :func:`~thidua.serialization._hooks.guarded` with *limits*.
    """
    parts = set()
    for field in attrs.fields(attrs.resolve_types(cls)):
        value = body.get(field.name)
        if type(value) is not dict and type(value) is not list:
            continue
        bound = bound_of(conv, field.type)
        if bound is not None and bound.fits(limits, 1):
            parts.add(id(value))
    return frozenset(parts)
