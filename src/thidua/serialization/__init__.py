"""The wire format: one strict cattrs converter and JSON documents.

Every model structures from and unstructures to JSON-like data through
:func:`structure` and :func:`unstructure`. A *document* is a top-level JSON
object with two envelope keys, ``"kind"`` and ``"schema_version"``, followed by
the fields of its model; :func:`loads` and :func:`dumps` read and write them.

The converter is strict: unknown keys, wrong JSON types (no ``"5"`` for 5, no
``true`` for 1), missing fields and broken references are errors, and every
problem is reported at once with its JSON path. Decimal quantities travel as
strings (``"9.98"``) and keep the digits they were written with.

The package has two parts, in the shape of cattrs:

- ``thidua.serialization._hooks``, the toolkit: hooks for plain values and
  :func:`register_tagged_union`. It knows no model; the owner of each tagged union
  registers it (``thidua.scoring.configure``, ``thidua.yearend.configure``).
- ``thidua.serialization._registry``, on top: the document kinds, the shared
  converter, :func:`loads` and :func:`dumps`; beside it the JSON Schema, migrations,
  digests and the JSON Lines stream (:mod:`thidua.serialization.stream`).

The registry imports the scoring models (the year end's when a converter first meets
one), so its names load on first use: a model module imports the toolkit without
importing every other model, and ``import thidua`` stays light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from thidua.serialization._hooks import canonical_json, register_tagged_union

if TYPE_CHECKING:
    from thidua.serialization._registry import (
        SCHEMA_VERSION,
        configure_converter,
        converter,
        document_data,
        document_kind,
        document_kinds,
        dumps,
        loads,
        make_converter,
        structure,
        unstructure,
    )

__all__ = [
    "SCHEMA_VERSION",
    "canonical_json",
    "configure_converter",
    "converter",
    "document_data",
    "document_kind",
    "document_kinds",
    "dumps",
    "loads",
    "make_converter",
    "register_tagged_union",
    "structure",
    "unstructure",
]

_REGISTRY_NAMES = frozenset(__all__) - {"canonical_json", "register_tagged_union"}


def __getattr__(name: str) -> Any:
    """Load the registry's names on first use (see the module docstring)."""
    if name in _REGISTRY_NAMES:
        value = getattr(importlib.import_module("thidua.serialization._registry"), name)
        globals()[name] = value
        return value
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted(set(globals()) | _REGISTRY_NAMES)
