# ruff: noqa: T201 - a measuring script prints its figures
"""Measure what the loader's limits cost on a document of about 10 MB (see reliability.md).

Run from the repository root: ``PYTHONPATH=src python docs/_measure_limits.py``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

import orjson

sys.path.insert(0, "tests")

from thidua import DEFAULT_LIMITS
from thidua._base.limits import check_tree
from thidua.serialization import dumps, loads
from toys import sample_sheet, toy_kinds


def best(run: Callable[[], object], repeat: int = 7) -> float:
    """The fastest of *repeat* runs, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main() -> None:
    """Build a score sheet with 170,000 scores and time parse, limits and the whole load."""
    with toy_kinds():
        data = orjson.loads(dumps(sample_sheet()))
        data["scores"] = [
            {"code": f"C{i}", "points": f"{i % 100}.{i % 1000:03d}", "on": "2020-12-15"}
            for i in range(170_000)
        ]
        text = orjson.dumps(data)
        parsed = orjson.loads(text)
        print(f"document: {len(text) / 1e6:.1f} MB")
        print(f"orjson.loads: {best(lambda: orjson.loads(text)):.0f} ms")
        limits = best(lambda: check_tree(parsed, DEFAULT_LIMITS, size=len(text)))
        print(f"limits pass: {limits:.0f} ms")
        print(f"loads (parse, limits, models): {best(lambda: loads(text), 3):.0f} ms")


if __name__ == "__main__":
    main()
