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

Version 1.1 adds the constructs of published points tables (base points by
default, adjustments computed from inputs, shared caps, precedence of layers,
gaps declared in tier tables, item codes as written, households). One 1.0
construct changes meaning: an ``achievement`` that can give more than its
criterion's maximum must declare the excess as the criterion's bonus with a
cap; the 1.0 → 1.1 step writes that cap, and refuses an uncapped achievement
(``undeclared-excess``), which has no bounded equivalent.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
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


def _hundred_excess(cap: str, max_points: str) -> str:
    """The most an achievement capped at *cap* % gives above *max_points*, as JSON text."""
    excess = (Decimal(cap) - 100) / 100 * Decimal(max_points)
    return format(excess.normalize(), "f")


def _declare_excess(value: Any, path: str) -> Any:
    """Declare, as the criterion's bonus cap, what an achievement gives above its maximum."""
    if isinstance(value, list):
        return [_declare_excess(item, f"{path}[{i}]") for i, item in enumerate(value)]
    if not isinstance(value, dict):
        return value
    out = {key: _declare_excess(item, f"{path}.{key}") for key, item in value.items()}
    method = out.get("method")
    if (
        out.get("kind") == "criterion"
        and isinstance(method, dict)
        and method.get("kind") == "achievement"
        and out.get("bonus_cap") is None
    ):
        cap = method.get("cap_percent")
        if cap is None:
            problem = Problem(
                "an achievement without cap_percent can give any number of points above the"
                " maximum: declare cap_percent, or bonus_cap for the excess, then upgrade",
                path=f"{path}.method.cap_percent",
                code="undeclared-excess",
            )
            raise SchemaVersionError("document", [problem])
        if isinstance(cap, str) and Decimal(cap) > 100:  # noqa: PLR2004
            excess = _hundred_excess(cap, str(out["max_points"]))
            keys = list(out)
            at = keys.index("method") + 1
            items = list(out.items())
            items.insert(at, ("bonus_cap", excess))
            out = dict(items)
    return out


def _from_1_0(document: Document) -> Document:
    return {key: _declare_excess(value, f"$.{key}") for key, value in document.items()}


#: Every upgrade step, oldest first; each target is the next step's source.
MIGRATIONS: Final[tuple[Migration, ...]] = (
    Migration(
        source="0.9",
        target="1.0",
        summary="the envelope key 'type' is renamed 'kind'",
        summary_vi="khóa 'type' của phần bao được đổi tên thành 'kind'",
        apply=_from_0_9,
    ),
    Migration(
        source="1.0",
        target="1.1",
        summary=(
            "an achievement criterion capped above 100 % declares what it gives above its"
            " maximum as its bonus_cap (the excess is counted as the criterion's bonus)"
        ),
        summary_vi=(
            "tiêu chí 'achievement' có mức tối đa trên 100 % khai báo phần vượt điểm tối đa"
            " là điểm thưởng của tiêu chí (bonus_cap)"
        ),
        apply=_from_1_0,
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
