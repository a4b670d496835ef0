"""The catalogue: emulation titles and commendation forms, each with its legal basis.

Emulation titles (danh hiệu thi đua: Cờ thi đua, Tập thể lao động xuất sắc, ...) are
kept apart from commendation forms (hình thức khen thưởng: Bằng khen, Giấy khen,
each with its issuer), as Law 06/2022 Art 3 does.
"""

from __future__ import annotations

import enum

import attrs

from thidua._base.text import nfc, nfc_or_none
from thidua._base.validation import code_validator, non_blank, typed_fields
from thidua.errors import InvalidModelError

__all__ = ["Award", "AwardKind", "Recipient"]


class AwardKind(enum.StrEnum):
    """Emulation title or commendation form: the law keeps them apart."""

    EMULATION_TITLE = "emulation-title"
    """Danh hiệu thi đua (Cờ thi đua, TTLĐXS, TTLĐTT, ...)."""
    COMMENDATION_FORM = "commendation-form"
    """Hình thức khen thưởng (Bằng khen, Giấy khen, ...), always with an issuer."""


class Recipient(enum.StrEnum):
    """Who an award goes to."""

    COLLECTIVE = "collective"
    """A collective (tập thể): a body, a unit, a cluster member."""
    INDIVIDUAL = "individual"
    """A person (cá nhân)."""
    HOUSEHOLD = "household"
    """A household (hộ gia đình), as Law 06/2022 names it beside collectives and
    individuals (the title "Gia đình văn hóa", Giấy khen and Bằng khen to households)."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Award:
    """One entry of the catalogue: a title or a form, with its legal basis.

    Args:
        code: Stable code such as ``"TTLDXS"``.
        name: Vietnamese name (NFC), such as ``"Tập thể lao động xuất sắc"``.
        kind: Title or form.
        recipient: Collective, individual or household.
        issuer: Who grants it; required for a commendation form (Bằng khen of whom).
        basis: Legal basis, as text.
    """

    code: str = attrs.field(validator=code_validator)
    name: str = attrs.field(converter=nfc, validator=non_blank)
    kind: AwardKind = attrs.field(validator=attrs.validators.instance_of(AwardKind))
    recipient: Recipient = attrs.field(validator=attrs.validators.instance_of(Recipient))
    issuer: str | None = attrs.field(default=None, converter=nfc_or_none)
    basis: str = attrs.field(converter=nfc, validator=non_blank)

    def __attrs_post_init__(self) -> None:
        if self.kind is AwardKind.COMMENDATION_FORM and not self.issuer:
            msg = f"the commendation form {self.code!r} needs its issuer"
            raise InvalidModelError(msg, path="issuer", code="missing-issuer")
        if self.issuer is not None and not self.issuer:
            raise InvalidModelError("must not be empty", path="issuer", code="empty")
