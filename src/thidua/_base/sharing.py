"""How many entries the caches of equal values hold: few between loads, all of a load's during it.

Decimals and dates repeat across millions of assessments, and one immutable object can
stand for all equal ones: the caches of :mod:`thidua.serialization._hooks` (text to value)
and :mod:`thidua._base.validation` (values already checked) keep them. Between loads they
stop growing at :data:`KEPT` entries, so that a long-running process keeps little. While
a load runs they grow up to :data:`WHILE_LOADING`, so that a document shares one object
per distinct value however many it holds (a national file has some 150,000 distinct
decimals); when the last running load ends, a cache past :data:`KEPT` is emptied.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any, Final

__all__ = ["KEPT", "WHILE_LOADING", "cap", "loading", "shared_cache"]

#: The most entries a cache keeps between loads.
KEPT: Final = 1 << 16
#: The most entries a cache holds while a load runs.
WHILE_LOADING: Final = 1 << 22

#: The caches' cap now (read at each miss): :data:`KEPT`, or :data:`WHILE_LOADING`.
cap: Final = [KEPT]

_CACHES: Final[list[dict[Any, Any]]] = []
_LOCK: Final = threading.Lock()
#: How many loads run now (in any thread).
_RUNNING: Final = [0]


def shared_cache() -> dict[Any, Any]:
    """A new cache of equal values, emptied after a load that left it past :data:`KEPT`."""
    cache: dict[Any, Any] = {}
    _CACHES.append(cache)
    return cache


@contextlib.contextmanager
def loading() -> Iterator[None]:
    """Within this block the caches may hold up to :data:`WHILE_LOADING` entries."""
    with _LOCK:
        _RUNNING[0] += 1
        cap[0] = WHILE_LOADING
    try:
        yield
    finally:
        with _LOCK:
            _RUNNING[0] -= 1
            if not _RUNNING[0]:
                cap[0] = KEPT
                for cache in _CACHES:
                    if len(cache) > KEPT:
                        cache.clear()
