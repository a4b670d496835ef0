"""Hypothesis strategies for every thidua model (extra ``thidua[strategies]``).

The strategies are also registered with hypothesis through its entry point, so
``st.from_type(thidua.Agreement)`` works in downstream tests with no import.
"""

from __future__ import annotations

# Import hypothesis first: its entry point imports our strategy modules, which must not
# be half-initialised by an import of this package.
import hypothesis  # noqa: F401

from thidua.strategies._agreement import (
    agreement_documents,
    agreements,
    commitments,
    signatories,
    targets,
)
from thidua.strategies._dates import dates, legal_references, periods
from thidua.strategies._organisation import (
    groups,
    memberships,
    organisations,
    rotations,
    unit_events,
    units,
)
from thidua.strategies._scoring import scoring_files, scoring_results, scoring_schemes
from thidua.strategies._text import vietnamese_names
from thidua.strategies._yearend import (
    ballot_boxes,
    ballots,
    decisions,
    meetings,
    nominations,
    rankings,
    review_documents,
    successions,
    unit_years,
    votes,
    workflow_sheets,
)

__all__ = [
    "agreement_documents",
    "agreements",
    "ballot_boxes",
    "ballots",
    "commitments",
    "dates",
    "decisions",
    "groups",
    "legal_references",
    "meetings",
    "memberships",
    "nominations",
    "organisations",
    "periods",
    "rankings",
    "review_documents",
    "rotations",
    "scoring_files",
    "scoring_results",
    "scoring_schemes",
    "signatories",
    "successions",
    "targets",
    "unit_events",
    "unit_years",
    "units",
    "vietnamese_names",
    "votes",
    "workflow_sheets",
]
