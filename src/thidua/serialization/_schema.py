"""JSON Schema (draft 2020-12) for every document kind, derived from the models.

The schema is generated from the attrs models and the rules of the strict
converter in :mod:`thidua.serialization`, so it describes exactly the *shape*
the library reads: the envelope, every key, its JSON type and textual form
(decimals, dates, fractions), enums, tagged unions, required keys, and no other
keys. Rules that need more than the shape (unique codes, membership on a date,
band gaps, totals) are checked by the library only; see ``docs/schema.md``.
"""

from __future__ import annotations

import datetime as dt
import enum
import inspect
import re
import types
import typing
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final, Union, get_args, get_origin

import attrs
import orjson

from thidua.serialization import _hooks, _registry

__all__ = ["json_schema", "register_type_schema"]

DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"

_MAX_INT: Final = _hooks._MAX_INT - 1  # noqa: SLF001 - the converter's own bound
_INTEGER: Final[dict[str, Any]] = {"type": "integer", "minimum": -_MAX_INT, "maximum": _MAX_INT}

#: Wire shapes of types that have a custom hook; see :func:`register_type_schema`.
_TYPE_SCHEMAS: Final[dict[Any, dict[str, Any]]] = {}


def _anchored(pattern: re.Pattern[str]) -> str:
    return f"^{pattern.pattern}$"


def _decimal_schema() -> dict[str, Any]:
    return {
        "anyOf": [
            {
                "type": "string",
                "pattern": _anchored(_hooks._DECIMAL_RE),  # noqa: SLF001
                "description": 'A decimal number as text, such as "9.98"; kept exactly.',
            },
            _INTEGER,
        ]
    }


def _fraction_schema() -> dict[str, Any]:
    return {
        "anyOf": [
            {
                "type": "string",
                "pattern": _anchored(_hooks._FRACTION_RE),  # noqa: SLF001
                "description": 'A fraction such as "2/3".',
            },
            {"type": "integer", "minimum": 0, "maximum": _MAX_INT},
        ]
    }


def _version_pattern() -> str:
    """Match the schema versions this thidua reads: same major, minor up to the current."""
    major, minor = (int(p) for p in _registry.SCHEMA_VERSION.split("."))
    minors = "|".join(str(m) for m in range(minor + 1))
    return f"^{major}\\.(?:{minors})$"


def register_type_schema(type_: Any, schema: dict[str, Any]) -> None:
    """Declare the JSON Schema of a type that has a custom converter hook.

    Models are described from their attrs fields; a type that a model module
    structures with a hook of its own (a string form, say) declares its wire
    shape here so the generated schema matches what the converter reads.

    Args:
        type_: The type, as used in annotations.
        schema: Its JSON Schema (a draft 2020-12 subschema, no ``$defs``).
    """
    _TYPE_SCHEMAS[type_] = dict(schema)


def _arg_docs(cls: type) -> dict[str, str]:
    """Read the ``Args:`` section of a Google-style class docstring."""
    doc = inspect.cleandoc(cls.__doc__ or "")
    found: dict[str, str] = {}
    in_args = False
    current: str | None = None
    for line in doc.splitlines():
        stripped = line.strip()
        if stripped == "Args:":
            in_args = True
            continue
        if not in_args:
            continue
        if not stripped:
            current = None
            continue
        if not line.startswith(" "):
            break
        match = re.fullmatch(r"\s{2,8}([A-Za-z_][A-Za-z0-9_]*)(?: \([^)]*\))?: (.*)", line)
        if match:
            current = match.group(1)
            found[current] = match.group(2).strip()
        elif current is not None:
            found[current] += " " + stripped
    return found


def _summary(obj: object) -> str | None:
    doc = obj.__doc__ and inspect.cleandoc(obj.__doc__)
    return doc.split("\n\n", 1)[0].replace("\n", " ").strip() if doc else None


class _Builder:
    """Build one schema; collects ``$defs`` for classes and enums, recursion included."""

    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}
        self.names: dict[tuple[Any, ...], str] = {}
        self.unions: dict[Any, tuple[str, dict[str, type]]] = dict(
            _hooks._TAGGED_UNIONS  # noqa: SLF001 - read-only use of the registry
        )

    def _def_name(self, key: tuple[Any, ...], cls: type) -> tuple[str, bool]:
        """The ``$defs`` name of *key* and whether it still has to be built."""
        if key in self.names:
            return self.names[key], False
        name = cls.__qualname__
        number = 2
        while name in self.defs:
            name = f"{cls.__qualname__}_{number}"
            number += 1
        self.names[key] = name
        self.defs[name] = {}  # placeholder: recursion refers to it before it is filled
        return name, True

    def ref(self, name: str) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{name}"}

    def type_schema(self, type_: Any, where: str) -> dict[str, Any]:
        """The schema of one annotated type; *where* names it in errors."""
        if type_ in _TYPE_SCHEMAS:
            return dict(_TYPE_SCHEMAS[type_])
        if type_ in _hooks._SEQUENCES:  # noqa: SLF001 - read-only use of the registry
            return self.type_schema(_hooks._SEQUENCES[type_], where)  # noqa: SLF001
        simple = self._simple(type_)
        if simple is not None:
            return simple
        origin = get_origin(type_)
        args = get_args(type_)
        if origin is Union or origin is types.UnionType:
            return self._union(type_, args, where)
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:  # noqa: PLR2004
            return {"type": "array", "items": self.type_schema(args[0], f"{where}[]")}
        if isinstance(type_, type) and issubclass(type_, enum.Enum):
            return self._enum(type_)
        if isinstance(type_, type) and attrs.has(type_):
            return self.attrs_class(type_)
        msg = f"{where}: no JSON Schema for type {type_!r}; declare it with register_type_schema"
        raise TypeError(msg)

    def _simple(self, type_: Any) -> dict[str, Any] | None:
        # bool before int: bool is an int subclass but never one on the wire.
        simple: dict[Any, dict[str, Any]] = {
            str: {"type": "string"},
            bool: {"type": "boolean"},
            int: dict(_INTEGER),
            type(None): {"type": "null"},
            Decimal: _decimal_schema(),
            Fraction: _fraction_schema(),
            dt.date: {
                "type": "string",
                "format": "date",
                "pattern": _anchored(_hooks._DATE_RE),  # noqa: SLF001
            },
            dt.datetime: {
                "type": "string",
                "format": "date-time",
                "pattern": _anchored(_hooks._DATETIME_RE),  # noqa: SLF001
            },
            Any: {},
        }
        return simple.get(type_)

    def _union(self, union: Any, args: tuple[Any, ...], where: str) -> dict[str, Any]:
        none = type(None)
        if none in args:
            rest = tuple(a for a in args if a is not none)
            inner = rest[0] if len(rest) == 1 else Union[rest]  # noqa: UP007 - a runtime union
            return {"anyOf": [self.type_schema(inner, where), {"type": "null"}]}
        tagging = self.unions.get(union)
        if tagging is None:
            return {"anyOf": [self.type_schema(a, where) for a in args]}
        tag_name, tags = tagging
        return {"oneOf": [self.attrs_class(cls, (tag_name, tag)) for tag, cls in tags.items()]}

    def _enum(self, cls: type[enum.Enum]) -> dict[str, Any]:
        name, new = self._def_name(("enum", cls), cls)
        if new:
            values = [member.value for member in cls]
            schema: dict[str, Any] = {"title": cls.__name__}
            if description := _summary(cls):
                schema["description"] = description
            kinds = {type(v) for v in values}
            if kinds == {str}:
                schema["type"] = "string"
            elif kinds == {int}:
                schema["type"] = "integer"
            schema["enum"] = values
            self.defs[name] = schema
        return self.ref(name)

    def fields(self, cls: type) -> tuple[dict[str, Any], list[str]]:
        """The properties and required keys of an attrs class."""
        hints = typing.get_type_hints(cls)
        docs = _arg_docs(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            if not field.init:
                continue
            type_ = hints.get(field.name, field.type)
            schema = self.type_schema(type_, f"{cls.__qualname__}.{field.name}")
            if field.name in docs:
                schema = {**schema, "description": docs[field.name]}
            default: Any = field.default
            if default is attrs.NOTHING:
                required.append(field.name)
            elif not isinstance(default, attrs.Factory) or not default.takes_self:  # type: ignore[arg-type]
                value = default.factory() if isinstance(default, attrs.Factory) else default  # type: ignore[arg-type]
                wire = _registry.converter().unstructure(value, type_)
                schema = {**schema, "default": orjson.loads(orjson.dumps(wire))}
            properties[field.name] = schema
        return properties, required

    def attrs_class(self, cls: type, tagging: tuple[str, str] | None = None) -> dict[str, Any]:
        name, new = self._def_name(("class", cls, tagging), cls)
        if new:
            schema: dict[str, Any] = {"title": cls.__name__}
            if description := _summary(cls):
                schema["description"] = description
            properties, required = self.fields(cls)
            if tagging is not None:
                tag_name, tag = tagging
                properties = {tag_name: {"const": tag}, **properties}
                required = [tag_name, *required]
            schema |= {"type": "object", "properties": properties}
            if required:
                schema["required"] = required
            schema["additionalProperties"] = False
            self.defs[name] = schema
        return self.ref(name)


def json_schema(kind: str) -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of one document kind.

    The schema checks the document's shape: its envelope (``kind`` and a
    ``schema_version`` this thidua reads), every key and its JSON type, decimal,
    date and fraction forms, enums, tagged unions, required keys, and no
    unknown keys. Rules across values (unique codes, membership on a date,
    band gaps) are checked by :func:`thidua.serialization.loads` only.

    Args:
        kind: A document kind, one of :func:`thidua.serialization.document_kinds`.

    Raises:
        ValueError: *kind* is not a document kind.

    >>> from thidua import json_schema
    >>> json_schema("no-such-kind")
    Traceback (most recent call last):
    ...
    ValueError: unknown document kind 'no-such-kind'...
    """
    kinds = _registry.document_kinds()
    if kind not in kinds:
        known = ", ".join(repr(k) for k in sorted(kinds)) or "none"
        msg = f"unknown document kind {kind!r}; known kinds: {known}"
        raise ValueError(msg)
    return _document_schema(kind, kinds[kind])


def _document_schema(kind: str, cls: type) -> dict[str, Any]:
    """The schema of documents of *kind*, held by the attrs class *cls*."""
    _registry.configure_fully(_registry.converter())  # registers every tagged union
    builder = _Builder()
    properties, required = builder.fields(cls)
    schema: dict[str, Any] = {
        "$schema": DIALECT,
        "$id": f"urn:thidua:schema:{kind}:{_registry.SCHEMA_VERSION}",
        "title": f"thidua {kind} document (schema version {_registry.SCHEMA_VERSION})",
    }
    if description := _summary(cls):
        schema["description"] = description
    schema |= {
        "type": "object",
        "properties": {
            "kind": {"const": kind},
            "schema_version": {
                "type": "string",
                "pattern": _version_pattern(),
                "description": "The schema version the document is written in (MAJOR.MINOR).",
            },
            **properties,
        },
        "required": ["kind", "schema_version", *required],
        "additionalProperties": False,
    }
    if builder.defs:
        schema["$defs"] = dict(sorted(builder.defs.items()))
    return schema
