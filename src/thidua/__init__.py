"""thidua: typed, exact models of Vietnamese emulation agreements (giao ước thi đua).

The public API is flat: import models, functions and errors from ``thidua``.
Wire-format functions live in :mod:`thidua.serialization`, hypothesis strategies
in :mod:`thidua.strategies` (extra ``thidua[strategies]``).
"""

from thidua._organisation import (
    EmulationGroup,
    GroupKind,
    LeadershipSource,
    Membership,
    Organisation,
    Role,
    Rotation,
    Unit,
    UnitEvent,
    UnitEventKind,
    UnitKind,
)
from thidua._text import nfc, same_name, vietnamese_sort_key
from thidua.errors import (
    AmbiguousSuccessorError,
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
    UnknownCodeError,
)

__version__ = "0.1.0"

__all__ = [
    "AmbiguousSuccessorError",
    "DateError",
    "DocumentError",
    "EmulationGroup",
    "GroupKind",
    "InvalidModelError",
    "LeadershipSource",
    "LegalReferenceError",
    "LifecycleError",
    "Membership",
    "Organisation",
    "Problem",
    "Role",
    "Rotation",
    "SchemaVersionError",
    "ScoringError",
    "StructureError",
    "ThiduaError",
    "Unit",
    "UnitEvent",
    "UnitEventKind",
    "UnitKind",
    "UnknownCodeError",
    "nfc",
    "same_name",
    "vietnamese_sort_key",
]
