"""Canonical JSON digests of documents and of their sections, seals and their checks.

The canonical form of a document is what :func:`thidua.serialization.dumps` writes:
UTF-8, keys sorted, no insignificant white space, decimals as written, ISO dates. A
digest is ``"sha256:"`` followed by the SHA-256 of that form, in lower-case hex.

A *section* is a top-level key of the document's JSON, the envelope (``kind``,
``schema_version``) included; its digest is over the canonical JSON of its value alone.

A document may hold:

- a *seal* (:class:`Seal`): the digest of the document and of each section, taken when
  it was signed or published. Declare it with :func:`seal_field`. The seal itself is
  left out of every digest, so a sealed document and its unsealed form have one digest.
- *references* to other documents: the digest of what an amendment amends, of the
  scheme a result was computed with. Declare them with :func:`digest_reference_field`.

A digest stored in the same file catches accidents (a slip in a spreadsheet, a
truncated copy, an edit to the wrong file), not forgery: whoever can change the file can
recompute the digest. Signatures (chữ ký số) belong to the systems that embed thidua.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any, TypeVar

import attrs

from thidua._base.seals import (
    DIGEST_RE,
    Seal,
    SectionDigest,
    reference_kind,
    seal_names,
)
from thidua.errors import InvalidModelError
from thidua.serialization._hooks import canonical_json
from thidua.serialization._registry import document_data, document_kind

__all__ = [
    "DigestCheck",
    "VerifyReport",
    "digest",
    "references",
    "seal",
    "section_digests",
    "verify",
    "with_seal",
]

T = TypeVar("T")


def _unsealed_data(document: object) -> dict[str, Any]:
    data = document_data(document)
    for name in seal_names(type(document)):
        data.pop(name, None)
    return data


def _sha256(data: Any) -> str:
    return "sha256:" + hashlib.sha256(canonical_json(data)).hexdigest()


def digest(document: object) -> str:
    """Return the digest of a document: ``"sha256:<hex>"`` of its canonical JSON, seal left out.

    Raises:
        TypeError: *document* is not of a document kind.
    """
    return _sha256(_unsealed_data(document))


def section_digests(document: object) -> dict[str, str]:
    """Return the digest of each section (top-level key, envelope included), seal left out."""
    return {key: _sha256(value) for key, value in sorted(_unsealed_data(document).items())}


def seal(document: object) -> Seal:
    """Compute the :class:`Seal` of a document as it stands (any seal it holds left out)."""
    data = _unsealed_data(document)
    sections = tuple(
        SectionDigest(section=key, digest=_sha256(value)) for key, value in sorted(data.items())
    )
    return Seal(document=_sha256(data), sections=sections)


def with_seal(document: T) -> T:
    """Return *document* with its seal field set to its current :class:`Seal`.

    Raises:
        TypeError: the document's class declares no :func:`seal_field`.
    """
    names = seal_names(type(document))
    if not names:
        msg = f"{type(document).__name__} has no seal field"
        raise TypeError(msg)
    instance: Any = document
    alias = attrs.fields_dict(type(instance))[names[0]].alias or names[0]
    sealed: T = attrs.evolve(instance, **{alias: seal(document)})
    return sealed


def references(document: object) -> dict[str, tuple[str, str]]:
    """Return the digests a document records of others: field name -> (kind, digest).

    Fields declared with :func:`digest_reference_field` whose value is ``None`` are left out.
    """
    cls: Any = type(document)
    if not attrs.has(cls):
        return {}
    found: dict[str, tuple[str, str]] = {}
    for attribute in attrs.fields(cls):
        kind = reference_kind(attribute)
        value = getattr(document, attribute.name)
        if kind is not None and value is not None:
            found[attribute.name] = (kind, value)
    return found


def _seal_key(document: object) -> str:
    """The key under which *document* keeps its seal."""
    name = seal_names(type(document))[0]
    return attrs.fields_dict(type(document))[name].alias or name  # type: ignore[arg-type]


def _held_seal(document: object) -> Seal | None:
    for name in seal_names(type(document)):
        value = getattr(document, name)
        if isinstance(value, Seal):
            return value
    return None


def changed_sections(recorded: Mapping[str, str], actual: Mapping[str, str]) -> tuple[str, ...]:
    """Name the sections whose digests differ, or that only one side has, in key order."""
    return tuple(
        sorted(
            key for key in recorded.keys() | actual.keys() if recorded.get(key) != actual.get(key)
        )
    )


@attrs.frozen(kw_only=True)
class DigestCheck:
    """One comparison of a recorded digest with the digest computed now.

    Args:
        name: What was checked: ``"seal"``, ``"against"`` or ``"reference <field>"``.
        expected: The digest recorded or given.
        actual: The digest computed now.
        changed_sections: The sections that differ, when both sides have sections.
    """

    name: str
    expected: str
    actual: str
    changed_sections: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether the digests agree and no section differs."""
        return self.expected == self.actual and not self.changed_sections


@attrs.frozen(kw_only=True)
class VerifyReport:
    """What :func:`verify` found.

    Args:
        digest: The document's digest, computed now.
        checks: Every comparison made; empty when the document holds no seal and nothing
            was given to compare against.
    """

    digest: str
    checks: tuple[DigestCheck, ...]

    @property
    def ok(self) -> bool:
        """Whether every check passed (true when there was nothing to check)."""
        return all(check.ok for check in self.checks)

    @property
    def changed_sections(self) -> tuple[str, ...]:
        """Every section named by a failed check, in key order, without repeats."""
        return tuple(sorted({s for check in self.checks for s in check.changed_sections}))


def verify(document: object, against: str | object | None = None) -> VerifyReport:
    """Check the seal a document holds and, optionally, compare it with something kept elsewhere.

    Args:
        document: The document to check.
        against: A digest (``"sha256:..."``) the document should have, or another document.
            If the document records a reference to documents of the other's kind (an
            amendment to an agreement, results to their scheme), that reference is
            checked; otherwise the two documents are compared section by section.

    Raises:
        InvalidModelError: *against* is a string but not a digest (code ``invalid-digest``).
        TypeError: *document* or *against* is not of a document kind.
    """
    data = _unsealed_data(document)
    actual = _sha256(data)
    actual_sections = {key: _sha256(value) for key, value in data.items()}
    checks: list[DigestCheck] = []
    held = _held_seal(document)
    if held is not None:
        changed = changed_sections(held.section_map(), actual_sections)
        if (held.document == actual) == bool(changed):
            # The whole document is as sealed but a section's record is not, or every
            # section is as sealed but the whole is not: what changed is the seal itself.
            changed = (_seal_key(document),)
        checks.append(
            DigestCheck(
                name="seal", expected=held.document, actual=actual, changed_sections=changed
            )
        )
    if isinstance(against, str):
        if not DIGEST_RE.fullmatch(against):
            msg = f'expected a digest such as "sha256:" and 64 hex digits, got {against!r}'
            raise InvalidModelError(msg, path="against", code="invalid-digest")
        checks.append(DigestCheck(name="against", expected=against, actual=actual))
    elif against is not None:
        checks += _compare(document, actual, actual_sections, against)
    return VerifyReport(digest=actual, checks=tuple(checks))


def _compare(
    document: object, actual: str, actual_sections: dict[str, str], other: object
) -> list[DigestCheck]:
    other_kind = document_kind(type(other))
    other_digest = digest(other)
    held = {
        name: value for name, (kind, value) in references(document).items() if kind == other_kind
    }
    if held:
        matching = [name for name, value in held.items() if value == other_digest]
        names = matching[:1] or sorted(held)
        return [
            DigestCheck(name=f"reference {name}", expected=held[name], actual=other_digest)
            for name in names
        ]
    return [
        DigestCheck(
            name="against",
            expected=other_digest,
            actual=actual,
            changed_sections=changed_sections(section_digests(other), actual_sections),
        )
    ]
