"""Hypothesis strategies for every thidua model (extra ``thidua[strategies]``).

The strategies are also registered with hypothesis through its entry point, so
``st.from_type(thidua.Agreement)`` works in downstream tests with no import.
"""

from __future__ import annotations

from thidua.strategies._text import vietnamese_names
from thidua.strategies._yearend import (
    ballot_boxes,
    ballots,
    decisions,
    meetings,
    nominations,
    rankings,
    score_sheets,
    successions,
    unit_years,
    votes,
)

__all__ = [
    "ballot_boxes",
    "ballots",
    "decisions",
    "meetings",
    "nominations",
    "rankings",
    "score_sheets",
    "successions",
    "unit_years",
    "vietnamese_names",
    "votes",
]


def _hypothesis_setup_hook() -> None:
    """Register a strategy for every model; run by hypothesis through its entry point."""
    from thidua.strategies import _registry  # noqa: PLC0415 - only when hypothesis asks

    _registry.register_all()
