"""Hypothesis strategies for every thidua model (extra ``thidua[strategies]``).

The strategies are also registered with hypothesis through its entry point, so
``st.from_type(thidua.Agreement)`` works in downstream tests with no import.
"""

from __future__ import annotations

from thidua.strategies._scoring import scoring_files, scoring_results, scoring_schemes
from thidua.strategies._text import vietnamese_names

__all__ = ["scoring_files", "scoring_results", "scoring_schemes", "vietnamese_names"]


def _hypothesis_setup_hook() -> None:
    """Register a strategy for every model; run by hypothesis through its entry point."""
    from thidua.strategies import _registry  # noqa: PLC0415 - only when hypothesis asks

    _registry.register_all()
