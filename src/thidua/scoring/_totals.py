"""Totals without trace lines: the engine's arithmetic on integer pairs.

Scoring a national sheet builds no line nobody reads: this module works out each unit's
criterion points, section subtotals and total as exact ratios of integers
``(numerator, denominator)``, the same values the traced engine (:mod:`._engine`) gives
as :class:`~fractions.Fraction` objects, without building one. The traced engine stays
the reference: a unit's trace is worked out by it when first read, and checked against
the total computed here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from thidua.scoring._methods import (
    Achievement,
    Comparative,
    ManualPoints,
    Method,
    Share,
    Tiers,
    YesNo,
    evaluate,
)
from thidua.scoring._numbers import finite_denominator, round_scaled
from thidua.scoring._scheme import PeerRule, PeerStatistic, Rounding, RoundingStep

__all__ = [
    "Ratio",
    "above",
    "add",
    "as_fraction",
    "is_finite",
    "points_function",
    "rounder",
    "statistic",
]

Ratio = tuple[int, int]
"""An exact value as ``(numerator, denominator)``, the denominator above 0."""

_ZERO: Ratio = (0, 1)


def as_fraction(value: Ratio) -> Fraction:
    """The ratio as a :class:`Fraction`."""
    return Fraction(*value)


def add(a: Ratio, b: Ratio) -> Ratio:
    """``a + b``; denominators kept when equal (the usual case after rounding)."""
    if a[1] == b[1]:
        return a[0] + b[0], a[1]
    return a[0] * b[1] + b[0] * a[1], a[1] * b[1]


def above(a: Ratio, b: Ratio) -> bool:
    """``a > b``."""
    return a[0] * b[1] > b[0] * a[1]


def is_finite(value: Ratio) -> bool:
    """Tell whether the value has a finite decimal expansion."""
    return finite_denominator(value[1] // math.gcd(*value))


def rounder(rounding: Rounding | None, step: RoundingStep) -> Callable[[Ratio], Ratio] | None:
    """The rounding the scheme declares at *step*, on ratios, or ``None`` if it declares none."""
    if rounding is None or not rounding.applies(step):
        return None
    places, mode = rounding.places, rounding.mode
    scale = 10**places

    def round_ratio(value: Ratio) -> Ratio:
        return round_scaled(value[0], value[1], places, mode), scale

    return round_ratio


def _ratio(value: Decimal) -> Ratio:
    return value.as_integer_ratio()


def points_function(method: Method, max_points: Decimal) -> Callable[[Any], Ratio] | None:
    """The points *method* gives an input, as a ratio; ``None`` for comparative items.

    The common methods have their arithmetic on integers here (each tested equal to its
    traced ``evaluate``); the others go through ``evaluate``.
    """
    if isinstance(method, Comparative):
        return None
    top_num, top_den = _ratio(max_points)
    if isinstance(method, ManualPoints):
        return lambda value: value.points.as_integer_ratio()
    if isinstance(method, Share):
        den = top_den * 100

        def share(value: Any) -> Ratio:
            num, d = value.percent.as_integer_ratio()
            return num * top_num, d * den

        return share
    if isinstance(method, Tiers):
        tiers = [(tier.contains, _ratio(tier.points)) for tier in method.tiers]

        def tier_points(value: Any) -> Ratio:
            measured = value.value
            for contains, points in tiers:
                if contains(measured):
                    return points
            raise AssertionError(measured)  # the sheet check found its tier

        return tier_points
    if isinstance(method, YesNo):
        return _yes_no(method)
    if isinstance(method, Achievement):
        return _achievement(method, (top_num, top_den))
    return lambda value: evaluate(method, value, max_points).points.as_integer_ratio()


def _yes_no(method: YesNo) -> Callable[[Any], Ratio]:
    yes, no = _ratio(method.yes_points), _ratio(method.no_points)
    per = None if method.per_shortcoming is None else _ratio(method.per_shortcoming)
    cap = None if method.shortcoming_cap is None else _ratio(method.shortcoming_cap)

    def yes_no(value: Any) -> Ratio:
        base = yes if value.met else no
        if not value.shortcomings or per is None:
            return base
        deduction: Ratio = (per[0] * value.shortcomings, per[1])
        if cap is not None and above(deduction, cap):
            deduction = cap
        points = add(base, (-deduction[0], deduction[1]))
        return _ZERO if points[0] < 0 else points

    return yes_no


def _achievement(method: Achievement, top: Ratio) -> Callable[[Any], Ratio]:
    cap = None if method.cap_percent is None else _ratio(method.cap_percent)

    def achievement(value: Any) -> Ratio:
        actual, target = _ratio(value.actual), _ratio(value.target)
        ratio: Ratio = (actual[0] * target[1], actual[1] * target[0])
        if ratio[1] < 0:
            ratio = (-ratio[0], -ratio[1])
        if cap is not None and above(ratio, (cap[0], cap[1] * 100)):
            ratio = (cap[0], cap[1] * 100)
        return ratio[0] * top[0], ratio[1] * top[1]

    return achievement


def statistic(values: Sequence[Ratio], rule: PeerRule) -> Ratio:
    """The peers' statistic of *values*, exactly as the traced engine takes it."""
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
