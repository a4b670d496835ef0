"""Registration of every model's strategy with hypothesis' ``from_type``."""

from __future__ import annotations

import importlib
from typing import Final

from hypothesis import strategies as st

#: Strategy modules; each has ``REGISTRATIONS``: (model class, strategy factory) pairs.
_MODULES: Final[tuple[str, ...]] = (
    "thidua.strategies._agreement",
    "thidua.strategies._dates",
    "thidua.strategies._organisation",
    "thidua.strategies._scoring",
    "thidua.strategies._yearend",
)


def register_all() -> None:
    """Register every model's strategy with ``st.register_type_strategy``."""
    for name in _MODULES:
        for cls, factory in importlib.import_module(name).REGISTRATIONS:
            st.register_type_strategy(cls, factory())
