"""Upgrading documents written for an older schema version.

Every document names its schema version (``"schema_version": "MAJOR.MINOR"``).
A document of an older version is upgraded by a chain of steps, each from one
version to the next, each making the smallest change that version needs; every
other key and value is kept as it was, in its order. A document of a newer
version is refused: only a newer thidua knows what it means.

The policy, by version:

- a new *minor* version only adds (an optional key, a kind, an enum value):
  older documents of the same major version are read as they are, and their
  upgrade step only rewrites the version;
- a new *major* version may rename, move or remove: its step says how, and
  :func:`thidua.serialization.loads` refuses older major versions until they
  are upgraded with ``thidua migrate``.

Version 0.9 is the synthetic first predecessor of 1.0, shipped so the upgrade
path is tested from the first release on: in 0.9 the envelope named the kind
of document under ``"type"``; 1.0 names it ``"kind"``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

import attrs
import orjson

from thidua.errors import Details, DocumentError, Problem, SchemaVersionError
from thidua.serialization._hooks import _VERSION_RE, json_type, parse_json
from thidua.serialization._registry import SCHEMA_VERSION

__all__ = ["Migration", "MigrationResult", "migrate", "migrate_bytes"]

Document = dict[str, Any]


@attrs.frozen(kw_only=True)
class Migration:
    """One upgrade step, from one schema version to the next.

    Args:
        source: The version it upgrades from (``"0.9"``).
        target: The version it upgrades to (``"1.0"``).
        summary: What changed, in one line, for the user.
        summary_vi: The same in Vietnamese.
        apply: Turn a document of *source* into one of *target*, version key aside.
    """

    source: str
    target: str
    summary: str
    summary_vi: str
    apply: Callable[[Document], Document]


@attrs.frozen(kw_only=True)
class MigrationResult:
    """A document after its upgrade, and the steps that were taken.

    Args:
        document: The upgraded document, as parsed JSON.
        steps: The steps applied, oldest first; empty when it was already current.
    """

    document: Document
    steps: tuple[Migration, ...]

    @property
    def changed(self) -> bool:
        """Whether any step was applied."""
        return bool(self.steps)


def _rename_key(document: Document, old: str, new: str) -> Document:
    """Rename one key in place of the old one, keeping the order of the others."""
    return {(new if key == old else key): value for key, value in document.items()}


def _from_0_9(document: Document) -> Document:
    if "type" not in document:
        problem = Problem("required field missing", path="$.type", code="missing")
        raise SchemaVersionError("document", [problem])
    if "kind" in document:
        problem = Problem(
            "a 0.9 document names its kind under 'type'", path="$.kind", code="unknown-key"
        )
        raise SchemaVersionError("document", [problem])
    return _rename_key(document, "type", "kind")


#: Every upgrade step, oldest first; each target is the next step's source.
MIGRATIONS: Final[tuple[Migration, ...]] = (
    Migration(
        source="0.9",
        target="1.0",
        summary="the envelope key 'type' is renamed 'kind'",
        summary_vi="khóa 'type' của phần bao được đổi tên thành 'kind'",
        apply=_from_0_9,
    ),
)


def _version(document: Document) -> tuple[int, int]:
    if "schema_version" not in document:
        problem = Problem("required field missing", path="$.schema_version", code="missing")
        raise SchemaVersionError("document", [problem])
    value = document["schema_version"]
    if type(value) is not str or not (match := _VERSION_RE.fullmatch(value)):
        problem = Problem(
            f'expected a version such as "{SCHEMA_VERSION}", got {json_type(value)} {value!r}',
            path="$.schema_version",
            code="invalid-version",
        )
        raise SchemaVersionError("document", [problem])
    major, minor = match.groups()
    return int(major), int(minor)


def _parse_version(text: str) -> tuple[int, int]:
    major, _, minor = text.partition(".")
    return int(major), int(minor)


def migrate(document: Document) -> MigrationResult:
    """Upgrade a parsed document to the current schema version.

    Steps run in order from the document's version; keys the steps do not
    touch keep their values and their order. A current document comes back
    unchanged, with no steps.

    Args:
        document: The parsed top-level JSON object.

    Raises:
        SchemaVersionError: the version is missing or malformed (``missing``,
            ``invalid-version``), newer than this thidua (``newer-version``), or
            has no upgrade path (``no-migration``); or the document does not have
            the shape its version had.
    """
    current = _parse_version(SCHEMA_VERSION)
    version = _version(document)
    if version > current:
        problem = Problem(
            f"schema version {document['schema_version']} is newer than this thidua reads"
            f" ({SCHEMA_VERSION}); upgrade thidua",
            path="$.schema_version",
            code="newer-version",
            details=Details.plain(version=document["schema_version"], current=SCHEMA_VERSION),
        )
        raise SchemaVersionError("document", [problem])
    steps: list[Migration] = []
    while version < current:
        step = next((m for m in MIGRATIONS if _parse_version(m.source) == version), None)
        if step is None:
            problem = Problem(
                f"no upgrade from schema version {document['schema_version']};"
                f" known versions: {', '.join(m.source for m in MIGRATIONS)}, {SCHEMA_VERSION}",
                path="$.schema_version",
                code="no-migration",
            )
            raise SchemaVersionError("document", [problem])
        document = {**step.apply(document), "schema_version": step.target}
        steps.append(step)
        version = _parse_version(step.target)
    return MigrationResult(document=document, steps=tuple(steps))


def migrate_bytes(data: bytes) -> tuple[bytes, tuple[Migration, ...]]:
    """Upgrade a JSON document given as bytes; return the new bytes and the steps.

    The output keeps the input's layout where JSON allows: indented with two
    spaces if the input spans several lines, compact otherwise, and ending with
    a newline if the input did. Key order is kept.

    Raises:
        DocumentError: *data* is not JSON, or not an object.
        SchemaVersionError: as :func:`migrate`.
    """
    parsed = parse_json(data)
    if type(parsed) is not dict:
        msg = f"expected a JSON object, got {json_type(parsed)}"
        raise DocumentError(msg, code="wrong-type")
    result = migrate(parsed)
    if not result.changed:
        return data, ()
    option = orjson.OPT_INDENT_2 if b"\n" in data.strip() else 0
    out = orjson.dumps(result.document, option=option)
    if data.endswith(b"\n"):
        out += b"\n"
    return out, result.steps
