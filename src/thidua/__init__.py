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
from thidua._legal import DocumentSystem, LegalReference, find_references
from thidua._messages import Language, language_from_environment, localise, message_for
from thidua._migrate import Migration, MigrationResult, migrate
from thidua._numbers import NumberConvention, format_number, format_number_vi, parse_number
from thidua._schema import json_schema
from thidua._text import nfc, same_name, vietnamese_sort_key
from thidua.errors import (
    DateError,
    DocumentError,
    InvalidModelError,
    LegalReferenceError,
    LifecycleError,
    NumberFormatError,
    Problem,
    SchemaVersionError,
    ScoringError,
    StructureError,
    ThiduaError,
)

__version__ = "0.1.0"

__all__ = [
    "DateError",
    "DocumentError",
    "DocumentSystem",
    "InvalidModelError",
    "Language",
    "LegalReference",
    "LegalReferenceError",
    "LifecycleError",
    "Migration",
    "MigrationResult",
    "NumberConvention",
    "NumberFormatError",
    "Period",
    "PeriodKind",
    "Problem",
    "SchemaVersionError",
    "ScoringError",
    "StructureError",
    "ThiduaError",
    "find_references",
    "format_date",
    "format_number",
    "format_number_vi",
    "format_place_date",
    "json_schema",
    "language_from_environment",
    "localise",
    "message_for",
    "migrate",
    "nfc",
    "parse_date",
    "parse_datetime",
    "parse_number",
    "parse_period",
    "same_name",
    "vietnamese_sort_key",
]
