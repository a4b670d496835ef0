"""Models built from the values the hooks read, without checking their types twice.

A fast structuring function (:mod:`thidua.serialization._hooks`) ends by building its
class from the values its fields' hooks returned. Where thidua's own hooks read a field,
the value is of exactly the field's type: the type check that
:func:`~thidua._base.validation.typed_fields` put before the field's validator is left
out. The field's converter, its own validator and the post-init run as ``__init__`` runs
them. The object's slots are set directly, which costs less than the keyword call
through ``__init__``.
"""

from __future__ import annotations

import inspect
import types
from collections.abc import Callable
from typing import Any

import attrs

from thidua._base.validation import without_type_check

__all__ = ["build_lines"]

#: The file name attrs gives the code it generates (``"<attrs generated init ...>"``).
_ATTRS_CODE = "<attrs generated"


def build_lines(
    cls: type,
    fields: tuple[attrs.Attribute[Any], ...],
    exact: Callable[[Any], bool],
    names: dict[str, Any],
) -> list[str] | None:
    """Lines that build a *cls* from ``v0``, ``v1``, ... (its *fields*' values) and return it.

    *exact* tells the field types whose values are known to be of exactly that type.
    The names the lines use are added to *names*. ``None`` when the class must be called: its
    ``__init__`` is not the one attrs made, it has a pre-init, slots that are not its
    fields (or no slots), or a converter that takes the instance.
    """
    init = getattr(vars(cls).get("__init__"), "__code__", None)
    if (
        init is None
        or not init.co_filename.startswith(_ATTRS_CODE)
        or hasattr(cls, "__attrs_pre_init__")
        or _slots(cls) != {field.name for field in fields}
    ):
        return None
    lines = ["  m = __new(__cl)"]
    checks = []
    for index, field in enumerate(fields):
        slot = inspect.getattr_static(cls, field.name)
        converter = field.converter
        if type(slot) is not types.MemberDescriptorType or isinstance(converter, attrs.Converter):
            return None
        value = f"v{index}"
        if converter is not None:
            names[f"__k{index}"] = converter
            lines.append(f"  {value} = __k{index}({value})")
        names[f"__s{index}"] = slot.__set__
        lines.append(f"  __s{index}(m, {value})")
        validator = field.validator
        if validator is not None and exact(field.type):
            validator = without_type_check(validator)
        if validator is not None:
            names[f"__f{index}"], names[f"__a{index}"] = validator, field
            checks.append(f"    __f{index}(m, __a{index}, {value})")
    names["__new"] = object.__new__
    if checks:  # as in attrs' __init__: every field set, then the validators, in order
        names["__disabled"] = attrs.validators.get_disabled
        lines += ["  if not __disabled():", *checks]
    post_init = getattr(cls, "__attrs_post_init__", None)
    if post_init is not None:
        names["__post_init"] = post_init
        lines.append("  __post_init(m)")
    return [*lines, "  return m"]


def _slots(cls: type) -> set[str] | None:
    """The slots of *cls* and its bases, less ``__weakref__`` (``None``: it has a dict)."""
    found: set[str] = set()
    for klass in cls.__mro__[:-1]:  # object has none
        slots = vars(klass).get("__slots__")
        if slots is None:
            return None
        found.update([slots] if isinstance(slots, str) else slots)
    found.discard("__weakref__")
    return found
