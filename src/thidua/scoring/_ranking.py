"""Ranking by total and a declared chain of tie-breaks; classification by bands."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Mapping, Sequence
from decimal import Decimal

import attrs

from thidua.scoring._result import LineKind, UnitResult
from thidua.scoring._scheme import (
    Band,
    Bar,
    CriterionTieBreak,
    FewerPenalties,
    SectionTieBreak,
    band_order,
)

__all__ = ["BandIndex", "classify", "leaders", "rank"]


class BandIndex:
    """A scheme's bands in ascending order, to find a total's band by bisection.

    Bands do not overlap (checked with the scheme), so the band holding a total is the
    last one starting at or below it, or the one before when that one's lower bound is
    exclusive and equal to the total: O(log n) per unit instead of a scan of every band.
    """

    def __init__(self, bands: Sequence[Band]) -> None:
        self.bands = sorted(bands, key=band_order)
        self._keys = [band_order(band) for band in self.bands]

    def find(self, total: Decimal) -> Band | None:
        """The band holding *total*, if any."""
        at = bisect.bisect_right(self._keys, (1, total)) - 1
        for band in self.bands[max(at - 1, 0) : at + 1]:
            if band.contains(total):
                return band
        return None


def classify(
    total: Decimal, bands: Sequence[Band] | BandIndex, barred: Sequence[Bar]
) -> Band | None:
    """The band holding *total*, or ``None`` when none does or the unit is barred."""
    if Bar.CLASSIFICATION in barred:
        return None
    return (bands if isinstance(bands, BandIndex) else BandIndex(bands)).find(total)


def _key(
    result: UnitResult,
    tie_breaks: Sequence[SectionTieBreak | CriterionTieBreak | FewerPenalties],
    criterion_points: Mapping[tuple[str, str], Decimal] | None,
) -> tuple[Decimal, ...]:
    key = [result.total]
    for rule in tie_breaks:
        if isinstance(rule, SectionTieBreak):
            key.append(next(s.points for s in result.subtotals if s.section == rule.section))
        elif isinstance(rule, CriterionTieBreak) and criterion_points is not None:
            key.append(criterion_points[result.unit, rule.criterion])
        elif isinstance(rule, CriterionTieBreak):
            key.append(
                next(
                    line.points
                    for line in result.trace
                    if line.kind is LineKind.CRITERION and line.code == rule.criterion
                )
            )
        else:
            key.append(-result.penalty_total)
    return tuple(key)


def rank(
    results: Sequence[UnitResult],
    tie_breaks: Sequence[SectionTieBreak | CriterionTieBreak | FewerPenalties],
    criterion_points: Mapping[tuple[str, str], Decimal] | None = None,
) -> tuple[UnitResult, ...]:
    """Rank units by total, then each tie-break in turn; equal units share a rank.

    Ranks skip after a tie (1, 1, 3). Units still equal after the whole chain are
    flagged ``tied``; no tie is broken by code, name or input order. The returned
    order is by rank, then by code for display. A criterion tie-break reads the
    criterion's points from *criterion_points* (by unit and criterion) when given, from
    the trace otherwise.
    """
    keyed = sorted(
        ((_key(result, tie_breaks, criterion_points), result) for result in results),
        key=lambda pair: pair[0],
        reverse=True,
    )
    ranked: list[UnitResult] = []
    better = 0
    for _, group in itertools.groupby(keyed, key=lambda pair: pair[0]):
        equal = [result for _, result in group]
        tied = len(equal) > 1
        ranked.extend(attrs.evolve(result, rank=better + 1, tied=tied) for result in equal)
        better += len(equal)
    return tuple(sorted(ranked, key=lambda r: (r.rank, r.unit)))


def leaders(results: Sequence[UnitResult]) -> tuple[str, ...]:
    """The best-ranked units among those not barred from leading."""
    eligible = [r for r in results if Bar.LEADING not in r.barred_from]
    if not eligible:
        return ()
    best = min(r.rank for r in eligible)
    return tuple(sorted(r.unit for r in eligible if r.rank == best))
