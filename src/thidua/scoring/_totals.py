"""Integer-ratio helpers of the engine: rounding at a declared step and the peers' statistic.

The engine (:mod:`._engine`) computes every total on exact ratios of integers
``(numerator, denominator)`` (:data:`~._numbers.Ratio`); the methods' own arithmetic is in
their :meth:`~._methods.ScoringMethod.points_of`. This module holds the two steps that are
the engine's rather than a method's: rounding as a scheme declares it, and the statistic
of several peers' points.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from thidua.scoring._numbers import Ratio, above, add, as_fraction, is_finite, round_scaled
from thidua.scoring._scheme import PeerRule, PeerStatistic, RoundingRule, RoundingStep

__all__ = [
    "Ratio",
    "above",
    "add",
    "as_fraction",
    "is_finite",
    "rounder",
    "statistic",
]


def rounder(rounding: RoundingRule | None, step: RoundingStep) -> Callable[[Ratio], Ratio] | None:
    """The rounding the scheme declares at *step*, on ratios, or ``None`` if it declares none."""
    if rounding is None or not rounding.applies(step):
        return None
    places, mode = rounding.places, rounding.mode
    scale = 10**places

    def round_ratio(value: Ratio) -> Ratio:
        return round_scaled(value[0], value[1], places, mode), scale

    return round_ratio


def statistic(values: Sequence[Ratio], rule: PeerRule) -> Ratio:
    """The peers' statistic of *values*: their mean, median or trimmed mean."""
    if len(values) == 1:
        return values[0]
    if rule.statistic is PeerStatistic.MEAN:
        num, den = values[0]
        for n, d in values[1:]:
            if d == den:
                num += n
            else:
                num, den = num * d + n * den, den * d
        return num, den * len(values)
    common = math.lcm(*(den for _, den in values))
    ordered = sorted(num * (common // den) for num, den in values)
    if rule.statistic is PeerStatistic.MEDIAN:
        middle = len(ordered) // 2
        if len(ordered) % 2:
            return ordered[middle], common
        return ordered[middle - 1] + ordered[middle], 2 * common
    ordered = ordered[rule.trim : len(ordered) - rule.trim]
    return sum(ordered), common * len(ordered)
