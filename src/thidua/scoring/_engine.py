"""The engine: exact points per criterion, caps, adjustments and a trace that adds up."""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from thidua.errors import InvalidModelError, ScoringError
from thidua.scoring import _totals
from thidua.scoring._assessment import (
    _LAYER_RANKS,
    Assessment,
    Layer,
    Scoring,
    ScoringSheet,
    check_sheet,
)
from thidua.scoring._inputs import (
    AchievementInput,
    AwardsInput,
    CountInput,
    PointsInput,
    YesNoInput,
)
from thidua.scoring._methods import Comparative, Evaluation, GroupContext, evaluate
from thidua.scoring._numbers import round_fraction, text, to_decimal, vn
from thidua.scoring._ranking import classify, leaders, rank
from thidua.scoring._result import (
    LineKind,
    Results,
    Subtotal,
    Trace,
    TraceLine,
    UnitResult,
    YearResults,
)
from thidua.scoring._scheme import (
    AwardBonus,
    Bar,
    Bonus,
    Criterion,
    CriterionTieBreak,
    Knockout,
    LayerRule,
    PeerRule,
    PeerStatistic,
    Penalty,
    RoundingStep,
    Scheme,
    Section,
    Stacking,
)
from thidua.scoring._totals import Ratio
from thidua.serialization._hooks import collector_paused

__all__ = ["score", "score_all"]

_STAT_WORDS = {
    PeerStatistic.MEAN: "Trung bình",
    PeerStatistic.MEDIAN: "Trung vị",
    PeerStatistic.TRIMMED_MEAN: "Trung bình sau khi bỏ điểm cao nhất và thấp nhất",
}


@attrs.frozen(kw_only=True)
class _Scored:
    """A criterion's combined result for one unit."""

    evaluation: Evaluation
    layer: Layer
    input: str
    bonus: Fraction
    bonus_layer: Layer


def _statistic(values: Sequence[Fraction], rule: PeerRule | None) -> Fraction:
    ordered = sorted(values)
    if rule is None or len(ordered) == 1:
        return ordered[0] if rule is None else sum(ordered, Fraction(0)) / len(ordered)
    if rule.statistic is PeerStatistic.MEDIAN:
        middle = len(ordered) // 2
        if len(ordered) % 2:
            return ordered[middle]
        return (ordered[middle - 1] + ordered[middle]) / 2
    if rule.statistic is PeerStatistic.TRIMMED_MEAN:
        ordered = ordered[rule.trim : len(ordered) - rule.trim]
    return sum(ordered, Fraction(0)) / len(ordered)


class _Engine:
    def __init__(self, scheme: Scheme, sheet: ScoringSheet) -> None:
        self.scheme = scheme
        self.sheet = sheet
        self.groups: dict[tuple[str, str], list[Assessment]] = defaultdict(list)
        for assessment in sheet.assessments:
            self.groups[assessment.unit, assessment.item].append(assessment)
        self.rounding = scheme.rounding
        self.scored: dict[tuple[str, str], _Scored] = {}
        self.lock = threading.Lock()

    def last(self, unit: str, item: str) -> Assessment | None:
        entries = self.groups.get((unit, item))
        if not entries:
            return None
        top = max(a.layer.rank for a in entries)
        return next(a for a in entries if a.layer.rank == top)

    def run(self) -> YearResults:
        """Every unit's result, ranked; traces deferred unless peers are normalised."""
        peer = self.scheme.combination.peer
        if peer is None or not peer.normalise:
            fast = _FastTotals(self).run()
            if fast is not None:
                return fast
        # Normalised peers need every unit's raw points first, and a criterion value
        # with no finite decimal form must raise the traced engine's error.
        return self.traced_run()

    def traced_run(self) -> YearResults:
        """Every unit's result with its trace built now: the reference computation."""
        units = [unit.code for unit in self.sheet.units]
        raw = self._raw_points(units)
        bias = self._biases(raw)
        self._combine_all(units, raw, bias)
        results = [self._unit(unit.code, unit.name) for unit in self.sheet.units]
        return self._ranked(results, None)

    def _ranked(
        self, results: list[UnitResult], criterion_points: dict[tuple[str, str], Decimal] | None
    ) -> YearResults:
        ranked = rank(results, self.scheme.tie_breaks, criterion_points)
        return YearResults(
            year=self.sheet.year,
            scheme=self.scheme.code,
            units=ranked,
            leaders=leaders(ranked),
        )

    def _combine_all(
        self,
        units: Sequence[str],
        raw: dict[tuple[str, str], list[tuple[Assessment, Evaluation]]],
        bias: dict[str, Fraction],
    ) -> None:
        for criterion in self.scheme.leaves():
            if isinstance(criterion.method, Comparative):
                if (units[0], criterion.code) not in self.scored:
                    self._comparative(criterion)
            else:
                for unit in units:
                    self._combine(criterion, unit, raw, bias)

    def trace_of(self, unit: str, name: str) -> tuple[TraceLine, ...]:
        """Build one unit's trace with the traced engine (one unit at a time, any thread)."""
        with self.lock:
            raw = self._raw_points([unit])
            self._combine_all([unit], raw, {})
            result = self._unit(unit, name)
            for criterion in self.scheme.leaves():
                if not isinstance(criterion.method, Comparative):
                    del self.scored[unit, criterion.code]
        return tuple(result.trace)

    # -- criteria ---------------------------------------------------------------

    def _raw_points(
        self, units: Sequence[str]
    ) -> dict[tuple[str, str], list[tuple[Assessment, Evaluation]]]:
        raw: dict[tuple[str, str], list[tuple[Assessment, Evaluation]]] = defaultdict(list)
        for criterion in self.scheme.leaves():
            if isinstance(criterion.method, Comparative):
                continue
            for unit in units:
                for assessment in self.groups[unit, criterion.code]:
                    result = evaluate(criterion.method, assessment.input, criterion.max_points)
                    raw[unit, criterion.code].append((assessment, result))
        return raw

    def _biases(
        self, raw: dict[tuple[str, str], list[tuple[Assessment, Evaluation]]]
    ) -> dict[str, Fraction]:
        rule = self.scheme.combination.peer
        if rule is None or not rule.normalise:
            return {}
        gaps: dict[str, list[Fraction]] = defaultdict(list)
        for entries in raw.values():
            peers = [(a.assessor, e.points) for a, e in entries if a.layer is Layer.PEER]
            if len(peers) < 2:  # noqa: PLR2004
                continue
            mean = sum((p for _, p in peers), Fraction(0)) / len(peers)
            for assessor, points in peers:
                gaps[str(assessor)].append(points - mean)
        return {who: sum(g, Fraction(0)) / len(g) for who, g in gaps.items()}

    def _combine(
        self,
        criterion: Criterion,
        unit: str,
        raw: dict[tuple[str, str], list[tuple[Assessment, Evaluation]]],
        bias: dict[str, Fraction],
    ) -> None:
        entries = raw[unit, criterion.code]
        peer_rule = self.scheme.combination.peer
        per_layer: list[tuple[Layer, Evaluation, str, Fraction]] = []
        peers = [(a, e) for a, e in entries if a.layer is Layer.PEER]
        for assessment, result in entries:
            if assessment.layer is not Layer.PEER:
                bonus = Fraction(assessment.bonus or 0)
                per_layer.append((assessment.layer, result, assessment.input.describe(), bonus))
        if peers:
            per_layer.append(self._peer(criterion, peers, peer_rule, bias))
        if self.scheme.combination.layers is LayerRule.LAST:
            chosen = max(per_layer, key=lambda item: item[0].rank)
            bonus, bonus_layer = chosen[3], chosen[0]
        else:
            # Points and bonus are each the highest of any layer, independently.
            chosen = max(per_layer, key=lambda item: (item[1].points, item[0].rank))
            best = max(per_layer, key=lambda item: (item[3], item[0].rank))
            bonus, bonus_layer = best[3], best[0]
        layer, result, described, _ = chosen
        self.scored[unit, criterion.code] = _Scored(
            evaluation=result, layer=layer, input=described, bonus=bonus, bonus_layer=bonus_layer
        )

    def _peer(
        self,
        criterion: Criterion,
        peers: list[tuple[Assessment, Evaluation]],
        rule: PeerRule | None,
        bias: dict[str, Fraction],
    ) -> tuple[Layer, Evaluation, str, Fraction]:
        if len(peers) == 1 and rule is None:
            assessment, result = peers[0]
            bonus = Fraction(assessment.bonus or 0)
            return Layer.PEER, result, assessment.input.describe(), bonus
        assert rule is not None  # noqa: S101 - checked with the sheet
        ceiling = criterion.ceiling()
        values: list[Fraction] = []
        for assessment, result in peers:
            value = result.points - bias.get(str(assessment.assessor), Fraction(0))
            value = max(value, Fraction(0))
            if ceiling is not None:
                value = min(value, ceiling)
            values.append(value)
        points = _statistic(values, rule)
        # No peer gave a bonus (the usual case): every statistic of zeros is zero.
        bonuses = [Fraction(a.bonus) for a, _ in peers if a.bonus is not None]
        bonus = (
            _statistic([Fraction(a.bonus or 0) for a, _ in peers], rule) if bonuses else Fraction(0)
        )
        shown = ", ".join(vn(v) for v in sorted(values))
        normalised = " (đã hiệu chỉnh độ lệch người chấm)" if bias else ""
        words = f"{_STAT_WORDS[rule.statistic]} của {len(peers)} điểm chấm chéo{normalised}"
        evaluation = Evaluation(points=points, rule=f"{words}: {shown}")
        return Layer.PEER, evaluation, f"{len(peers)} người chấm", bonus

    def _comparative(self, criterion: Criterion) -> None:
        method = criterion.method
        assert isinstance(method, Comparative)  # noqa: S101 - the caller checked
        chosen: dict[str, Assessment] = {}
        for unit in self.sheet.units:
            assessment = self.last(unit.code, criterion.code)
            assert assessment is not None  # noqa: S101 - the sheet is complete
            chosen[unit.code] = assessment
        ratios: list[Fraction] = []
        untargeted: list[Fraction] = []
        for assessment in chosen.values():
            value = assessment.input
            assert isinstance(value, AchievementInput)  # noqa: S101 - checked with the sheet
            if value.target is None:
                untargeted.append(Fraction(value.actual))
            else:
                ratios.append(Fraction(value.actual) / Fraction(value.target))
        group = GroupContext(
            best_ratio=max(ratios, default=None), best_untargeted=max(untargeted, default=None)
        )
        for code, assessment in chosen.items():
            result = method.evaluate_in(
                assessment.input,  # type: ignore[arg-type]
                criterion.max_points,
                group,
            )
            self.scored[code, criterion.code] = _Scored(
                evaluation=result,
                layer=assessment.layer,
                input=assessment.input.describe(),
                bonus=Fraction(assessment.bonus or 0),
                bonus_layer=assessment.layer,
            )

    def _round(self, value: Fraction, step: RoundingStep) -> Fraction:
        if self.rounding is None or not self.rounding.applies(step):
            return value
        return round_fraction(value, self.rounding.places, self.rounding.mode)

    def _exact(self, value: Fraction, unit: str, code: str) -> Decimal:
        try:
            return to_decimal(value)
        except InvalidModelError:
            msg = (
                f"unit {unit}, criterion {code}: the points {text(value)} have no finite"
                " decimal form; declare rounding at the 'criterion' step"
            )
            raise ScoringError(msg) from None

    # -- one unit ---------------------------------------------------------------

    def _unit(self, unit: str, name: str) -> UnitResult:
        lines: list[TraceLine] = []
        subtotals: dict[str, Fraction] = {}
        order = [node.code for _, node in self.scheme.walk() if isinstance(node, Section)]
        base = sum(
            (self._node(node, unit, 0, lines, subtotals) for node in self.scheme.criteria),
            Fraction(0),
        )
        bonus, penalty, knockouts, bars = self._adjustments(unit, lines)
        total = base + bonus - penalty
        rounded = self._round(total, RoundingStep.TOTAL)
        if rounded != total:
            lines.append(
                TraceLine(
                    kind=LineKind.ROUNDING,
                    code="total",
                    label="Tổng điểm",
                    rule=f"Làm tròn tổng {vn(total)} thành {vn(rounded)}",
                    points=to_decimal(rounded - total),
                )
            )
        total_decimal = to_decimal(rounded)
        band = classify(total_decimal, self.scheme.bands, bars)
        return UnitResult(
            unit=unit,
            name=name,
            total=total_decimal,
            rank=1,
            tied=False,
            classification=None if band is None else band.label,
            band=None if band is None else band.code,
            base=to_decimal(base),
            bonus_total=to_decimal(bonus),
            penalty_total=to_decimal(penalty),
            subtotals=tuple(
                Subtotal(section=code, points=to_decimal(subtotals[code])) for code in order
            ),
            knockouts=knockouts,
            barred_from=bars,
            trace=tuple(lines),
        )

    def _node(
        self,
        node: Section | Criterion,
        unit: str,
        depth: int,
        lines: list[TraceLine],
        subtotals: dict[str, Fraction],
    ) -> Fraction:
        if isinstance(node, Criterion):
            return self._criterion_line(node, unit, depth, lines)
        summed = sum(
            (self._node(child, unit, depth + 1, lines, subtotals) for child in node.children),
            Fraction(0),
        )
        if node.cap is not None and summed > node.cap:
            cap = Fraction(node.cap)
            lines.append(
                TraceLine(
                    kind=LineKind.SECTION_CAP,
                    code=node.code,
                    label=node.label,
                    rule=f"Tổng các tiêu chí {vn(summed)} vượt mức tối đa {vn(cap)}",
                    points=to_decimal(cap - summed),
                    cap=node.cap,
                    depth=depth,
                )
            )
            summed = cap
        rounded = self._round(summed, RoundingStep.SECTION)
        if rounded != summed:
            lines.append(
                TraceLine(
                    kind=LineKind.ROUNDING,
                    code=node.code,
                    label=node.label,
                    rule=f"Làm tròn điểm mục {vn(summed)} thành {vn(rounded)}",
                    points=to_decimal(rounded - summed),
                    depth=depth,
                )
            )
        subtotals[node.code] = rounded
        return rounded

    def _criterion_line(
        self, criterion: Criterion, unit: str, depth: int, lines: list[TraceLine]
    ) -> Fraction:
        scored = self.scored[unit, criterion.code]
        exact = scored.evaluation.points
        points = self._round(exact, RoundingStep.CRITERION)
        cap = scored.evaluation.cap
        lines.append(
            TraceLine(
                kind=LineKind.CRITERION,
                code=criterion.code,
                label=criterion.label,
                rule=scored.evaluation.rule,
                points=self._exact(points, unit, criterion.code),
                input=scored.input,
                layer=scored.layer,
                cap=None if cap is None else self._exact(cap, unit, criterion.code),
                unrounded=text(exact) if points != exact else None,
                depth=depth,
            )
        )
        return points

    # -- adjustments ------------------------------------------------------------

    def _adjustments(
        self, unit: str, lines: list[TraceLine]
    ) -> tuple[Fraction, Fraction, tuple[str, ...], tuple[Bar, ...]]:
        bonus = Fraction(0)
        for criterion in self.scheme.leaves():
            extra = self._round(self.scored[unit, criterion.code].bonus, RoundingStep.CRITERION)
            if extra:
                most = vn(criterion.bonus_cap or Decimal(0))
                lines.append(
                    TraceLine(
                        kind=LineKind.CRITERION_BONUS,
                        code=criterion.code,
                        label=criterion.label,
                        rule=f"Điểm thưởng của tiêu chí (tối đa {most})",
                        points=self._exact(extra, unit, criterion.code),
                        layer=self.scored[unit, criterion.code].bonus_layer,
                    )
                )
                bonus += extra
        return self.table_adjustments(unit, lines, bonus)

    def table_adjustments(
        self, unit: str, lines: list[TraceLine], bonus: Fraction
    ) -> tuple[Fraction, Fraction, tuple[str, ...], tuple[Bar, ...]]:
        """Add the table-wide bonuses, penalties and knockouts to the criterion bonus *bonus*.

        Returns:
            The bonus (capped), the penalty, the knockouts that apply and what they bar.
        """
        penalty = Fraction(0)
        knockouts: list[str] = []
        bars: list[Bar] = []
        for adjustment in self.scheme.adjustments:
            assessment = self.last(unit, adjustment.code)
            if assessment is None:
                continue
            line = _adjustment_line(adjustment, assessment)
            lines.append(line)
            if isinstance(adjustment, Penalty):
                penalty -= Fraction(line.points)
            elif isinstance(adjustment, Knockout):
                if isinstance(assessment.input, YesNoInput) and assessment.input.met:
                    knockouts.append(adjustment.code)
                    bars.extend(b for b in adjustment.bars if b not in bars)
            else:
                bonus += Fraction(line.points)
        cap = self.scheme.bonus_cap
        if cap is not None and bonus > cap:
            lines.append(
                TraceLine(
                    kind=LineKind.BONUS_CAP,
                    code=self.scheme.code,
                    label=self.scheme.label,
                    rule=f"Tổng điểm thưởng {vn(bonus)} vượt mức tối đa {vn(cap)}",
                    points=to_decimal(Fraction(cap) - bonus),
                    cap=cap,
                )
            )
            bonus = Fraction(cap)
        order = list(Bar)
        return bonus, penalty, tuple(knockouts), tuple(sorted(bars, key=order.index))


class _FastTotals:
    """Every unit's totals on integer ratios (:mod:`._totals`), each trace deferred."""

    def __init__(self, engine: _Engine) -> None:
        self.engine = engine
        scheme = engine.scheme
        self.peer_rule = scheme.combination.peer
        self.last = scheme.combination.layers is LayerRule.LAST
        self.round_criterion = _totals.rounder(scheme.rounding, RoundingStep.CRITERION)
        self.round_section = _totals.rounder(scheme.rounding, RoundingStep.SECTION)
        self.round_total = _totals.rounder(scheme.rounding, RoundingStep.TOTAL)
        self.sections = [node.code for _, node in scheme.walk() if isinstance(node, Section)]
        self.tie_codes = {
            rule.criterion for rule in scheme.tie_breaks if isinstance(rule, CriterionTieBreak)
        }
        self.points: dict[str, tuple[Callable[[Any], Ratio] | None, Ratio | None]] = {}
        for criterion in scheme.leaves():
            ceiling = criterion.ceiling()
            self.points[criterion.code] = (
                _totals.points_function(criterion.method, criterion.max_points),
                None if ceiling is None else (ceiling.numerator, ceiling.denominator),
            )

    def run(self) -> YearResults | None:
        """The ranked results, or ``None`` when a value has no finite decimal form."""
        engine = self.engine
        for criterion in engine.scheme.leaves():
            if isinstance(criterion.method, Comparative):
                engine._comparative(criterion)  # noqa: SLF001 - needs the whole group
        tie_points: dict[tuple[str, str], Decimal] = {}
        results: list[UnitResult] = []
        for unit in engine.sheet.units:
            result = self._unit(unit.code, unit.name, tie_points)
            if result is None:
                return None
            results.append(result)
        return engine._ranked(results, tie_points)  # noqa: SLF001 - the engine's own step

    def _unit(
        self, unit: str, name: str, tie_points: dict[tuple[str, str], Decimal]
    ) -> UnitResult | None:
        scheme = self.engine.scheme
        subtotals: dict[str, Ratio] = {}
        found = self._sum(scheme.criteria, unit, subtotals, tie_points)
        if found is None:
            return None
        base, bonus = found
        extra, penalty, knockouts, bars = self.engine.table_adjustments(
            unit, [], _totals.as_fraction(bonus)
        )
        bonus_total, penalty_total = extra.as_integer_ratio(), penalty.as_integer_ratio()
        total = _totals.add(base, _totals.add(bonus_total, (-penalty_total[0], penalty_total[1])))
        if self.round_total is not None:
            total = self.round_total(total)
        total_decimal = to_decimal(_totals.as_fraction(total))
        band = classify(total_decimal, scheme.bands, bars)
        engine = self.engine
        return UnitResult(
            unit=unit,
            name=name,
            total=total_decimal,
            rank=1,
            tied=False,
            classification=None if band is None else band.label,
            band=None if band is None else band.code,
            base=to_decimal(_totals.as_fraction(base)),
            bonus_total=to_decimal(extra),
            penalty_total=to_decimal(penalty),
            subtotals=tuple(
                Subtotal(section=code, points=to_decimal(_totals.as_fraction(subtotals[code])))
                for code in self.sections
            ),
            knockouts=knockouts,
            barred_from=bars,
            trace=Trace._deferred(lambda: engine.trace_of(unit, name), total_decimal),  # noqa: SLF001
        )

    def _sum(
        self,
        nodes: Sequence[Section | Criterion],
        unit: str,
        subtotals: dict[str, Ratio],
        tie_points: dict[tuple[str, str], Decimal],
    ) -> tuple[Ratio, Ratio] | None:
        """The nodes' points and their criteria's bonus, or ``None`` if one is inexact."""
        summed: Ratio = (0, 1)
        bonus: Ratio = (0, 1)
        for node in nodes:
            found = self._node(node, unit, subtotals, tie_points)
            if found is None:
                return None
            summed = _totals.add(summed, found[0])
            bonus = _totals.add(bonus, found[1])
        return summed, bonus

    def _node(
        self,
        node: Section | Criterion,
        unit: str,
        subtotals: dict[str, Ratio],
        tie_points: dict[tuple[str, str], Decimal],
    ) -> tuple[Ratio, Ratio] | None:
        """The node's points and its criteria's bonus, or ``None`` if one is inexact."""
        if isinstance(node, Criterion):
            return self._criterion(node.code, unit, tie_points)
        found = self._sum(node.children, unit, subtotals, tie_points)
        if found is None:
            return None
        summed, bonus = found
        if node.cap is not None:
            cap = node.cap.as_integer_ratio()
            if _totals.above(summed, cap):
                summed = cap
        if self.round_section is not None:
            summed = self.round_section(summed)
        subtotals[node.code] = summed
        return summed, bonus

    def _criterion(
        self, code: str, unit: str, tie_points: dict[tuple[str, str], Decimal]
    ) -> tuple[Ratio, Ratio] | None:
        points, bonus = self._combined(code, unit)
        if self.round_criterion is not None:
            points = self.round_criterion(points)
            bonus = self.round_criterion(bonus) if bonus[0] else bonus
        elif not (_totals.is_finite(points) and _totals.is_finite(bonus)):
            return None
        if code in self.tie_codes:
            tie_points[unit, code] = to_decimal(_totals.as_fraction(points))
        return points, bonus

    def _combined(self, code: str, unit: str) -> tuple[Ratio, Ratio]:
        """The criterion's points and bonus from its layers, as the traced engine combines."""
        points_of, ceiling = self.points[code]
        if points_of is None:
            scored = self.engine.scored[unit, code]
            return scored.evaluation.points.as_integer_ratio(), scored.bonus.as_integer_ratio()
        entries = self.engine.groups[unit, code]
        if self.last:
            top = -1
            chosen: list[Assessment] = []
            for assessment in entries:
                rank_ = _LAYER_RANKS[assessment.layer]
                if rank_ > top:
                    top, chosen = rank_, [assessment]
                elif rank_ == top:
                    chosen.append(assessment)
            return self._layer(chosen, points_of, ceiling)
        by_rank: dict[int, list[Assessment]] = {}
        for assessment in entries:
            by_rank.setdefault(_LAYER_RANKS[assessment.layer], []).append(assessment)
        layers = [self._layer(chosen, points_of, ceiling) for chosen in by_rank.values()]
        points, bonus = layers[0]
        for p, b in layers[1:]:
            if _totals.above(p, points):
                points = p
            if _totals.above(b, bonus):
                bonus = b
        return points, bonus

    def _layer(
        self,
        entries: list[Assessment],
        points_of: Callable[[Any], Ratio],
        ceiling: Ratio | None,
    ) -> tuple[Ratio, Ratio]:
        """One layer's points and bonus: its assessment's, or the peers' statistic."""
        first, rule = entries[0], self.peer_rule
        if first.layer is not Layer.PEER or (len(entries) == 1 and rule is None):
            bonus = first.bonus
            return points_of(first.input), (0, 1) if bonus is None else bonus.as_integer_ratio()
        assert rule is not None  # noqa: S101 - several peers need a rule (checked with the sheet)
        values: list[Ratio] = []
        bonuses = False
        for assessment in entries:
            num, den = points_of(assessment.input)
            # Clamped within 0 and the ceiling, as the traced engine does.
            if num < 0:
                num, den = 0, 1
            elif ceiling is not None and num * ceiling[1] > ceiling[0] * den:
                num, den = ceiling
            values.append((num, den))
            bonuses = bonuses or assessment.bonus is not None
        points = _totals.statistic(values, rule)
        if not bonuses:
            return points, (0, 1)
        given = [(0, 1) if a.bonus is None else a.bonus.as_integer_ratio() for a in entries]
        return points, _totals.statistic(given, rule)


def _adjustment_line(
    adjustment: Bonus | AwardBonus | Penalty | Knockout, assessment: Assessment
) -> TraceLine:
    value = assessment.input
    cap: Decimal | None = None
    if isinstance(adjustment, Bonus):
        kind = LineKind.BONUS
        if isinstance(value, PointsInput):
            points, rule = Fraction(value.points), "Điểm thưởng chấm trực tiếp"
        else:
            assert isinstance(value, CountInput)  # noqa: S101 - checked with the sheet
            assert adjustment.per_case is not None  # noqa: S101 - idem
            points = Fraction(adjustment.per_case) * value.count
            rule = f"{value.count} × {vn(adjustment.per_case)}"
        if adjustment.cap is not None and points > adjustment.cap:
            points, cap = Fraction(adjustment.cap), adjustment.cap
    elif isinstance(adjustment, AwardBonus):
        kind = LineKind.AWARD_BONUS
        assert isinstance(value, AwardsInput)  # noqa: S101 - checked with the sheet
        held = [a for a in adjustment.awards if a.code in value.held]
        each = [Fraction(a.points) for a in held]
        if not held:
            points, rule = Fraction(0), "Không có danh hiệu được cộng điểm"
        elif adjustment.stacking is Stacking.HIGHEST:
            points = max(each)
            rule = "Chỉ tính mức cao nhất: " + ", ".join(f"{a.label} +{vn(a.points)}" for a in held)
        else:
            points = sum(each, Fraction(0))
            rule = "Cộng dồn: " + " + ".join(f"{a.label} {vn(a.points)}" for a in held)
        if adjustment.cap is not None and points > adjustment.cap:
            points, cap = Fraction(adjustment.cap), adjustment.cap
    elif isinstance(adjustment, Penalty):
        kind = LineKind.PENALTY
        if isinstance(value, CountInput):
            points = Fraction(adjustment.points) * value.count
            rule = f"Trừ {value.count} × {vn(adjustment.points)}"
            if adjustment.cap is not None and points > adjustment.cap:
                points, cap = Fraction(adjustment.cap), adjustment.cap
        else:
            met = isinstance(value, YesNoInput) and value.met
            points = Fraction(adjustment.points) if met else Fraction(0)
            rule = f"Trừ {vn(adjustment.points)} điểm" if met else "Không bị trừ"
        points = -points
    else:
        kind = LineKind.KNOCKOUT
        points = Fraction(0)
        met = isinstance(value, YesNoInput) and value.met
        bars = ", ".join(bar.value for bar in adjustment.bars)
        rule = f"Không được xét: {bars}" if met else "Không áp dụng"
    described = value.describe()
    if isinstance(value, YesNoInput):
        described = "Có" if value.met else "Không"
    return TraceLine(
        kind=kind,
        code=adjustment.code,
        label=adjustment.label,
        rule=rule,
        points=to_decimal(points),
        input=described,
        layer=assessment.layer,
        cap=cap,
    )


def score(scheme: Scheme, sheet: ScoringSheet) -> YearResults:
    """Score one year's sheet against its scheme.

    Args:
        scheme: The scheme in force for the sheet's year.
        sheet: The year's assessments.

    Returns:
        Every unit's result, ranked.

    Raises:
        InvalidModelError: the sheet does not fit the scheme (path relative to the sheet).
        ScoringError: a criterion's points have no finite decimal form and the scheme
            declares no rounding at the ``criterion`` step.
    """
    check_sheet(scheme, sheet)
    # Scoring keeps every unit's trace alive until the results are built: millions of
    # objects in a national sheet, which the collector would rescan without freeing any.
    with collector_paused():
        return _Engine(scheme, sheet).run()


def score_all(scoring: Scoring) -> Results:
    """Score every year of a scoring file, each against the scheme it names.

    Returns:
        The results, one entry per year in ascending order.

    Raises:
        ScoringError: as :func:`score`.
    """
    years = sorted(scoring.sheets, key=lambda sheet: sheet.year)
    with collector_paused():  # as in score()
        return Results(
            years=tuple(_Engine(scoring.scheme_for(s), s).run() for s in years),
            illustrative=scoring.illustrative,
            note=scoring.note,
        )
