"""The hypothesis entry point: registers every model's strategy for ``st.from_type``.

It lives apart from :mod:`thidua.strategies` because hypothesis runs it while it is still
being imported, possibly from inside ``import thidua.strategies``.
"""

from __future__ import annotations


def _hypothesis_setup_hook() -> None:
    """Register a strategy for every model; run by hypothesis through its entry point."""
    from thidua.strategies import _registry  # noqa: PLC0415 - only when hypothesis asks

    _registry.register_all()
