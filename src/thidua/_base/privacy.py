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

__all__ = ["WITHHELD", "Pseudonyms", "is_personal", "personal_field", "withhold_personal_data"]

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


class Pseudonyms:
    """Stand-ins for people, one per distinct person, in the order they are met.

    The first person is *placeholder* (``"[đã ẩn]"``), the next ``"[đã ẩn 2]"``, and so
    on; the same person always gets the same stand-in, so a document that needs distinct
    people (several peers scoring one item) stays valid. A ``None`` placeholder gives
    ``None`` for everyone.
    """

    def __init__(self, placeholder: str | None = WITHHELD) -> None:
        self._placeholder = placeholder
        self._given: dict[str, str | None] = {}

    def __call__(self, name: str) -> str | None:
        """The stand-in for *name*."""
        if name in self._given:
            return self._given[name]
        number, first = len(self._given) + 1, self._placeholder
        if first is None or number == 1:
            stand_in = first
        elif first.endswith("]"):
            stand_in = f"{first[:-1]} {number}]"
        else:
            stand_in = f"{first} {number}"
        self._given[name] = stand_in
        return stand_in


def withhold_personal_data(document: T, *, placeholder: str | None = WITHHELD) -> T:
    """Return *document* with every personal field replaced, at any depth.

    Each person's text becomes a stand-in (:class:`Pseudonyms`: *placeholder* for the
    first person met, ``"[đã ẩn 2]"`` for the second, ...; the same person keeps one
    stand-in), each text of a tuple too (so counts stay visible), and ``None`` stays
    ``None``. So a sheet scored by several named peers stays a valid sheet. Everything
    else (codes, units, figures, dates) is kept. The result is built through the models'
    own constructors, so it is checked like any other document; a ``None`` placeholder
    suits fields that accept ``None``.

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
    result: T = _withhold(document, Pseudonyms(placeholder))
    return result


def _withhold(value: Any, placeholder: Pseudonyms) -> Any:
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


def _replace(value: Any, placeholder: Pseudonyms, name: str, owner: str) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        return placeholder(value)
    if isinstance(value, tuple) and all(isinstance(item, str) for item in value):
        return tuple(placeholder(item) for item in value)
    msg = (
        f"{owner}.{name} is declared personal but holds {type(value).__name__};"
        " personal fields hold text, None or a tuple of text"
    )
    raise TypeError(msg)
