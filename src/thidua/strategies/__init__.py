"""Hypothesis strategies for every thidua model (extra ``thidua[strategies]``).

The strategies are also registered with hypothesis through its entry point, so
``st.from_type(thidua.Agreement)`` works in downstream tests with no import.
"""

from __future__ import annotations

from thidua.strategies._text import vietnamese_names

__all__ = ["vietnamese_names"]

