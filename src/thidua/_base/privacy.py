"""Personal data: declare which fields name people, and export documents without them.

Nghị định 13/2023/NĐ-CP on the protection of personal data counts a person's full name
as basic personal data. Emulation documents name people (signatories, heads of units,
assessors, staff proposed for awards) next to figures that are public by nature (units,
scores, ranks). Model authors mark the fields that hold a person's name or other
personal data with :func:`personal_field`; :func:`withhold_personal_data` returns the
same document with those values replaced, units and figures kept.
"""

from __future__ import annotations

from typing import Any, Final, TypeVar

import attrs

__all__ = ["WITHHELD", "is_personal", "personal_field", "withhold_personal_data"]

T = TypeVar("T")

_PERSONAL: Final = "personal"

WITHHELD: Final = "[đã ẩn]"
"""The default text that stands for a withheld value ("withheld")."""


def personal_field(**kwargs: Any) -> Any:
    """Declare a field that holds personal data (a person's name, ...).

    Takes the same arguments as :func:`attrs.field` and adds ``{"personal": True}`` to its
    metadata. The field must hold text, ``None`` or a tuple of text.

    Example: ``signed_by: str = personal_field(converter=nfc, validator=non_blank)``.
    """
    metadata = {**kwargs.pop("metadata", {}), _PERSONAL: True}
    return attrs.field(metadata=metadata, **kwargs)


def is_personal(attribute: attrs.Attribute[Any]) -> bool:
    """Whether an attrs field was declared with :func:`personal_field`."""
    return bool(attribute.metadata.get(_PERSONAL))


def withhold_personal_data(document: T, *, placeholder: str | None = WITHHELD) -> T:
    """Return *document* with every personal field replaced, at any depth.

    Text becomes *placeholder*, each text of a tuple too (so counts stay visible), and
    ``None`` stays ``None``. Everything else (codes, units, figures, dates) is kept. The
    result is built through the models' own constructors, so it is checked like any
    other document; a ``None`` placeholder suits fields that accept ``None``.

    A sealed document no longer matches its seal once names are withheld; the sections
    that hold no personal data still match theirs, so a reader can check the figures.

    Args:
        document: Any model instance (usually a top-level document).
        placeholder: What stands for a withheld text.

    Raises:
        TypeError: a personal field holds something other than text, ``None`` or a
            tuple of text (a modelling mistake).
        InvalidModelError: the model refuses the placeholder.
    """
    result: T = _withhold(document, placeholder)
    return result


def _withhold(value: Any, placeholder: str | None) -> Any:
    if isinstance(value, tuple):
        items = tuple(_withhold(item, placeholder) for item in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if not attrs.has(type(value)):
        return value
    changes: dict[str, Any] = {}
    for attribute in attrs.fields(type(value)):
        current = getattr(value, attribute.name)
        if is_personal(attribute):
            replaced = _replace(current, placeholder, attribute.name, type(value).__name__)
        else:
            replaced = _withhold(current, placeholder)
        if replaced is not current:
            changes[attribute.alias or attribute.name] = replaced
    return attrs.evolve(value, **changes) if changes else value


def _replace(value: Any, placeholder: str | None, name: str, owner: str) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        return placeholder
    if isinstance(value, tuple) and all(isinstance(item, str) for item in value):
        return tuple(placeholder for _ in value)
    msg = (
        f"{owner}.{name} is declared personal but holds {type(value).__name__};"
        " personal fields hold text, None or a tuple of text"
    )
    raise TypeError(msg)
