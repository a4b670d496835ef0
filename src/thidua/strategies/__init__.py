"""Hypothesis strategies for every thidua model (extra ``thidua[strategies]``).

The strategies are also registered with hypothesis through its entry point, so
``st.from_type(thidua.Agreement)`` works in downstream tests with no import.
"""

from __future__ import annotations

from thidua.strategies._dates import dates, legal_references, periods
from thidua.strategies._text import vietnamese_names

__all__ = [
    "dates",
    "legal_references",
    "periods",
    "vietnamese_names",
]
