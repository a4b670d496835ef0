"""Seals and digest references: the fields a document declares, below the digest code.

A *seal* (:class:`Seal`) holds the digest of a document and of each of its sections,
taken when it was signed or published; declare it with :func:`seal_field`. A *digest
reference* records the digest of another document (what an amendment amends, the
scheme a result was computed with); declare it with :func:`digest_reference_field`.
Computing and checking digests is :mod:`thidua.serialization._digest`'s work.
"""

from __future__ import annotations

import re
from typing import Any, Final

import attrs

from thidua._base.text import nfc
from thidua._base.validation import typed_fields
from thidua.errors import InvalidModelError

__all__ = [
    "DIGEST_RE",
    "Seal",
    "SectionDigest",
    "digest_reference_field",
    "digest_validator",
    "reference_kind",
    "seal_field",
    "seal_names",
]

DIGEST_RE: Final = re.compile(r"sha256:[0-9a-f]{64}")
_SEAL: Final = "thidua_seal"
_REFERENCE: Final = "thidua_digest_of"


def digest_validator(_: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """A digest is ``"sha256:"`` and 64 lower-case hex digits (``None`` passes)."""
    if value is not None and (type(value) is not str or not DIGEST_RE.fullmatch(value)):
        msg = f'expected a digest such as "sha256:" and 64 lower-case hex digits, got {value!r}'
        raise InvalidModelError(msg, path=attribute.name, code="invalid-digest")


def _non_blank(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not value:
        raise InvalidModelError("must not be empty", path=attribute.name, code="empty")


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class SectionDigest:
    """The digest of one section (top-level key) of a document.

    Args:
        section: The key, as in the JSON (``"commitments"``).
        digest: ``"sha256:..."`` of the canonical JSON of its value.
    """

    section: str = attrs.field(converter=nfc, validator=_non_blank)
    digest: str = attrs.field(validator=digest_validator)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Seal:
    """The digests a signed or published document records of itself.

    Not an official stamp (con dấu): a record that lets anyone check the document was
    not changed by accident since.

    Args:
        document: The digest of the whole document, seal left out.
        sections: The digest of each section, in key order, names unique.
    """

    document: str = attrs.field(validator=digest_validator)
    sections: tuple[SectionDigest, ...] = attrs.field()

    @sections.validator
    def _check_sections(
        self,
        attribute: attrs.Attribute[tuple[SectionDigest, ...]],
        value: tuple[SectionDigest, ...],
    ) -> None:
        for index in range(1, len(value)):
            if value[index].section <= value[index - 1].section:
                msg = (
                    f"sections must be in key order with no repeats:"
                    f" {value[index].section!r} follows {value[index - 1].section!r}"
                )
                raise InvalidModelError(
                    msg, path=f"{attribute.name}[{index}].section", code="unordered"
                )

    def section_map(self) -> dict[str, str]:
        """Each section's name and digest."""
        return {item.section: item.digest for item in self.sections}


def seal_field() -> Any:
    """Declare the field of a document that holds its :class:`Seal` (``None`` until sealed).

    Use it as ``seal: Seal | None = seal_field()`` on a top-level document class; a document
    has at most one.
    """
    return attrs.field(default=None, metadata={_SEAL: True})


def digest_reference_field(kind: str, **kwargs: Any) -> Any:
    """Declare a field that records the digest of another document of *kind*.

    Use it as ``amends: str | None = digest_reference_field("agreement", default=None)``.
    The value must be a digest (``"sha256:..."``) or ``None``.

    Args:
        kind: The document kind the digest is of.
        **kwargs: Passed on to :func:`attrs.field` (``default``, ...).
    """
    metadata = {**kwargs.pop("metadata", {}), _REFERENCE: kind}
    validators: list[Any] = [digest_validator]
    extra = kwargs.pop("validator", None)
    if isinstance(extra, list | tuple):
        validators += extra
    elif extra is not None:
        validators.append(extra)
    return attrs.field(metadata=metadata, validator=validators, **kwargs)


def seal_names(cls: type) -> tuple[str, ...]:
    if not attrs.has(cls):
        return ()
    names = tuple(a.name for a in attrs.fields(cls) if a.metadata.get(_SEAL))
    if len(names) > 1:
        msg = f"{cls.__name__} declares more than one seal field: {', '.join(names)}"
        raise TypeError(msg)
    return names


def reference_kind(attribute: attrs.Attribute[Any]) -> str | None:
    """The document kind a :func:`digest_reference_field` refers to, or ``None``."""
    kind: str | None = attribute.metadata.get(_REFERENCE)
    return kind
