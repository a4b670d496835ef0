"""Caches of equal values: all of a load's values shared while it runs, few kept after."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import orjson
import pytest

from thidua._base import sharing, validation
from thidua.scoring import PointsInput, Scoring
from thidua.serialization import _hooks, loads, structure

EXAMPLE = Path(__file__).parent.parent / "src/thidua/examples/cluster1_2019_2020_scoring.json"
KEPT = 2


@pytest.fixture
def small_caches(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Caches that keep at most KEPT entries between loads, emptied before and after."""
    monkeypatch.setattr(sharing, "KEPT", KEPT)
    monkeypatch.setattr(sharing, "cap", [KEPT])
    monkeypatch.setattr(_hooks, "sharing_cap", sharing.cap)
    monkeypatch.setattr(validation, "cap", sharing.cap)
    caches = (_hooks._DECIMALS, _hooks._DATES, validation._DECIMALS)
    for cache in caches:
        cache.clear()
    yield
    for cache in caches:
        cache.clear()


def _with_points(count: int) -> bytes:
    """The example's scoring file with *count* distinct points texts, each written twice."""
    document: dict[str, Any] = orjson.loads(EXAMPLE.read_bytes())
    rows = [
        row
        for row in document["sheets"][0]["assessments"]
        if row["input"]["kind"] == "points" and Decimal(row["input"]["points"]) >= 1
    ]
    assert len(rows) >= 2 * count
    for index, row in enumerate(rows[: 2 * count]):
        row["input"]["points"] = f"0.{index // 2 + 1:03d}"
    return orjson.dumps(document)


@pytest.mark.usefixtures("small_caches")
def test_a_load_shares_every_equal_decimal_past_the_kept_entries() -> None:
    count = KEPT + 1  # the scheme's decimals alone fill the kept entries
    scoring = loads(_with_points(count), Scoring)
    points: dict[Decimal, list[Decimal]] = {}
    for row in scoring.sheets[0].assessments:
        if isinstance(row.input, PointsInput) and row.input.points < 1:
            points.setdefault(row.input.points, []).append(row.input.points)
    assert len(points) == count
    assert all(len(same) == 2 and same[0] is same[1] for same in points.values())


@pytest.mark.usefixtures("small_caches")
def test_after_a_load_the_caches_keep_few_entries() -> None:
    loads(_with_points(KEPT + 1), Scoring)
    assert sharing.cap == [KEPT]
    assert len(_hooks._DECIMALS) <= KEPT
    assert len(validation._DECIMALS) <= KEPT


@pytest.mark.usefixtures("small_caches")
def test_outside_a_load_the_caches_stop_growing() -> None:
    for index in range(3 * KEPT):
        structure({"points": f"{index}.5"}, PointsInput)
    assert len(_hooks._DECIMALS) == KEPT
    assert len(validation._DECIMALS) == KEPT


@pytest.mark.usefixtures("small_caches")
def test_the_caches_are_emptied_when_the_last_running_load_ends() -> None:
    """Loads in two threads: the first to end leaves the other's caches whole."""
    outer_started, inner_done = threading.Event(), threading.Event()
    caps_seen: list[int] = []

    def outer() -> None:
        with sharing.loading():
            outer_started.set()
            inner_done.wait(timeout=10)
            caps_seen.append(sharing.cap[0])
            _hooks._DECIMALS.update({str(i): Decimal(i) for i in range(2 * KEPT)})

    thread = threading.Thread(target=outer)
    thread.start()
    outer_started.wait(timeout=10)
    with sharing.loading():
        assert sharing.cap == [sharing.WHILE_LOADING]
    inner_done.set()
    thread.join(timeout=10)
    assert caps_seen == [sharing.WHILE_LOADING]  # the other load had ended
    assert sharing.cap == [KEPT]
    assert _hooks._DECIMALS == {}
