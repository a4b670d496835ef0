"""thidua: typed, exact models of Vietnamese emulation agreements (giao ước thi đua).

The public API is flat: import models, functions and errors from ``thidua``.
Wire-format functions live in :mod:`thidua.serialization`, hypothesis strategies
in :mod:`thidua.strategies` (extra ``thidua[strategies]``).
"""

from thidua._dates import (
    Period,
    PeriodKind,
    format_date,
    format_place_date,
    parse_date,
    parse_datetime,
    parse_period,
)
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
from thidua._legal import DocumentSystem, LegalReference, find_references
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
    "DocumentSystem",
    "InvalidModelError",
    "LegalReference",
    "LegalReferenceError",
    "LifecycleError",
    "Limits",
    "Period",
    "PeriodKind",
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
    "find_references",
    "format_date",
    "format_place_date",
    "is_personal",
    "nfc",
    "parse_date",
    "parse_datetime",
    "parse_period",
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
