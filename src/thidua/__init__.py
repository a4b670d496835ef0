"""thidua: typed, exact models of Vietnamese emulation agreements (giao ước thi đua).

The public API is flat: import models, functions and errors from ``thidua``.
Wire-format functions live in :mod:`thidua.serialization`, hypothesis strategies
in :mod:`thidua.strategies` (extra ``thidua[strategies]``).
"""

from thidua._digest import (
    DigestCheck,
    Seal,
    SectionDigest,
    VerifyReport,
    digest,
    digest_reference_field,
    references,
    seal,
    seal_field,
    section_digests,
    verify,
    with_seal,
)
from thidua._files import write_atomic
from thidua._limits import DEFAULT_LIMITS, Limits
from thidua._privacy import WITHHELD, is_personal, personal_field, withhold_personal_data
from thidua._text import nfc, same_name, vietnamese_sort_key
from thidua.errors import (
    DateError,
    DocumentError,
    InvalidModelError,
    LegalReferenceError,
    LifecycleError,
    Problem,
    SchemaVersionError,
    ScoringError,
    StructureError,
    ThiduaError,
)

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_LIMITS",
    "WITHHELD",
    "DateError",
    "DigestCheck",
    "DocumentError",
    "InvalidModelError",
    "LegalReferenceError",
    "LifecycleError",
    "Limits",
    "Problem",
    "SchemaVersionError",
    "ScoringError",
    "Seal",
    "SectionDigest",
    "StructureError",
    "ThiduaError",
    "VerifyReport",
    "digest",
    "digest_reference_field",
    "is_personal",
    "nfc",
    "personal_field",
    "references",
    "same_name",
    "seal",
    "seal_field",
    "section_digests",
    "verify",
    "vietnamese_sort_key",
    "with_seal",
    "withhold_personal_data",
    "write_atomic",
]
