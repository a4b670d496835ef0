"""The engine: exact points per criterion, caps, adjustments and a trace that adds up.

There is one computation. It walks the scheme once per unit on exact integer ratios
(:data:`~._numbers.Ratio`), each criterion's points coming from its method's
:meth:`~._methods.ScoringMethod.points_of`. Given a recorder (:class:`_Recorder`), it hands
it every trace line (criteria, section caps, bonuses, penalties, roundings) as it makes
them; without one it builds no line and no text. A trace is therefore the record of the
very arithmetic that gave the total, never a second computation of it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction

from thidua.errors import ScoringError
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
    Input,
    PointsInput,
    YesNoInput,
)
from thidua.scoring._methods import Comparative, GroupContext, MethodContext, Reason
from thidua.scoring._numbers import text, to_decimal, vn
from thidua.scoring._ranking import BandIndex, classify, leaders, rank
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
    KnockoutRule,
    LayerRule,
    PeerStatistic,
    Penalty,
    RoundingStep,
    Scheme,
    Section,
    Stacking,
)
from thidua.scoring._totals import Ratio, above, add, as_fraction, is_finite, rounder, statistic
from thidua.serialization._hooks import collector_paused

__all__ = ["explain", "score", "score_all"]

_STAT_WORDS = {
    PeerStatistic.MEAN: "Trung bình",
    PeerStatistic.MEDIAN: "Trung vị",
    PeerStatistic.TRIMMED_MEAN: "Trung bình sau khi bỏ điểm cao nhất và thấp nhất",
}

_ZERO: Ratio = (0, 1)
_NO_TRACE = Trace()
_BARS = list(Bar)


class _Recorder:
    """Receives each trace line as the computation makes it."""

    __slots__ = ("lines",)

    def __init__(self) -> None:
        self.lines: list[TraceLine] = []

    def add(self, line: TraceLine) -> None:
        """Record *line* after the ones before it."""
        self.lines.append(line)


class _Chosen(Reason):
    """The counted layer of a criterion, when recording: its rule, cap, input and layer."""

    __slots__ = ("input", "layer")

    def __init__(self) -> None:
        super().__init__()
        self.input = ""
        self.layer = Layer.SELF


class _Walk:
    """One unit's walk through the tree: what it notes on the way."""

    __slots__ = ("bonuses", "recorder", "subtotals", "tie_points", "unit")

    def __init__(
        self,
        unit: str,
        tie_points: dict[tuple[str, str], Decimal],
        recorder: _Recorder | None,
    ) -> None:
        self.unit = unit
        self.subtotals: dict[str, Ratio] = {}
        self.bonuses: list[tuple[Criterion, Ratio, Layer]] = []
        self.tie_points = tie_points
        self.recorder = recorder


class _Plan:
    """What the engine reads once per criterion."""

    __slots__ = ("ceiling", "comparative", "context", "criterion", "points")

    def __init__(self, criterion: Criterion, group: GroupContext | None) -> None:
        self.criterion = criterion
        self.context = MethodContext(max_points=criterion.max_points, group=group)
        # The sheet check gave each criterion inputs of its method's type.
        self.points: Callable[[Input, MethodContext, Reason | None], Ratio]
        self.points = criterion.method.points_of  # type: ignore[assignment]
        self.comparative = isinstance(criterion.method, Comparative)
        ceiling = criterion.ceiling()
        self.ceiling: Ratio | None = None if ceiling is None else ceiling.as_integer_ratio()


class _Engine:
    """One sheet scored against its scheme, one unit at a time."""

    def __init__(self, scheme: Scheme, sheet: ScoringSheet) -> None:
        self.scheme = scheme
        self.sheet = sheet
        groups: dict[tuple[str, str], list[Assessment]] = {}
        for assessment in sheet.assessments:
            key = (assessment.unit, assessment.item)
            entries = groups.get(key)
            if entries is None:
                groups[key] = [assessment]
            else:
                entries.append(assessment)
        self.groups = groups
        self.peer_rule = scheme.combination.peer
        self.bands = BandIndex(scheme.bands)
        self.last_layer = scheme.combination.layers is LayerRule.LAST
        self.round_criterion = rounder(scheme.rounding, RoundingStep.CRITERION)
        self.round_section = rounder(scheme.rounding, RoundingStep.SECTION)
        self.round_total = rounder(scheme.rounding, RoundingStep.TOTAL)
        self.sections = [node.code for _, node in scheme.walk() if isinstance(node, Section)]
        self.caps = {
            node.code: None if node.cap is None else node.cap.as_integer_ratio()
            for _, node in scheme.walk()
            if isinstance(node, Section)
        }
        self.tie_codes = {
            rule.criterion for rule in scheme.tie_breaks if isinstance(rule, CriterionTieBreak)
        }
        self.plans = {
            criterion.code: _Plan(criterion, self._group(criterion))
            for criterion in scheme.leaves()
        }
        self.bias: dict[str, Ratio] = {}
        peer = self.peer_rule
        if peer is not None and peer.normalise:
            self.bias = self._biases()

    def last(self, unit: str, item: str) -> Assessment | None:
        """The assessment of the highest layer (the first of them), or ``None``."""
        entries = self.groups.get((unit, item))
        if not entries:
            return None
        top = max(_LAYER_RANKS[a.layer] for a in entries)
        return next(a for a in entries if _LAYER_RANKS[a.layer] == top)

    # -- the whole group ----------------------------------------------------------

    def _group(self, criterion: Criterion) -> GroupContext | None:
        """The best results of the group, for a comparative criterion; else ``None``."""
        if not isinstance(criterion.method, Comparative):
            return None
        ratios: list[Fraction] = []
        untargeted: list[Fraction] = []
        for unit in self.sheet.units:
            assessment = self.last(unit.code, criterion.code)
            assert assessment is not None  # noqa: S101 - the sheet is complete
            value = assessment.input
            assert isinstance(value, AchievementInput)  # noqa: S101 - checked with the sheet
            if value.target is None:
                untargeted.append(Fraction(value.actual))
            else:
                ratios.append(Fraction(value.actual) / Fraction(value.target))
        return GroupContext(
            best_ratio=max(ratios, default=None), best_untargeted=max(untargeted, default=None)
        )

    def _biases(self) -> dict[str, Ratio]:
        """Each peer assessor's mean gap to the other peers, when the scheme normalises."""
        gaps: dict[str, list[Fraction]] = {}
        for plan in self.plans.values():
            if plan.comparative:
                continue
            for unit in self.sheet.units:
                peers = [
                    (str(a.assessor), Fraction(*plan.points(a.input, plan.context, None)))
                    for a in self.groups.get((unit.code, plan.criterion.code), ())
                    if a.layer is Layer.PEER
                ]
                if len(peers) < 2:  # noqa: PLR2004
                    continue
                mean = sum((p for _, p in peers), Fraction(0)) / len(peers)
                for assessor, points in peers:
                    gaps.setdefault(assessor, []).append(points - mean)
        return {who: (sum(g, Fraction(0)) / len(g)).as_integer_ratio() for who, g in gaps.items()}

    def run(self, *, trace: bool) -> YearResults:
        """Every unit's result, ranked; with its trace when *trace* is true."""
        tie_points: dict[tuple[str, str], Decimal] = {}
        results = [
            self.unit(unit.code, unit.name, tie_points, _Recorder() if trace else None)
            for unit in self.sheet.units
        ]
        ranked = rank(results, self.scheme.tie_breaks, tie_points)
        return YearResults(
            year=self.sheet.year, scheme=self.scheme.code, units=ranked, leaders=leaders(ranked)
        )

    # -- one unit -----------------------------------------------------------------

    def unit(
        self,
        unit: str,
        name: str,
        tie_points: dict[tuple[str, str], Decimal],
        recorder: _Recorder | None,
    ) -> UnitResult:
        """One unit's result (rank 1 until ranked); its lines go to *recorder*, if any."""
        walk = _Walk(unit, tie_points, recorder)
        base = self._sum(self.scheme.criteria, 0, walk)
        bonus = _ZERO
        for criterion, extra, layer in walk.bonuses:
            if recorder is None:
                if not is_finite(extra):
                    self._exact(extra, unit, criterion.code)  # raises
            else:
                points = self._exact(extra, unit, criterion.code)
                most = vn(criterion.bonus_cap or Decimal(0))
                recorder.add(
                    TraceLine(
                        kind=LineKind.CRITERION_BONUS,
                        code=criterion.code,
                        label=criterion.label,
                        rule=f"Điểm thưởng của tiêu chí (tối đa {most})",
                        points=points,
                        layer=layer,
                    )
                )
            bonus = add(bonus, extra)
        if self.scheme.adjustments or self.scheme.bonus_cap is not None:
            bonus, penalty, knockouts, bars = self._adjustments(unit, bonus, recorder)
        else:
            penalty, knockouts, bars = _ZERO, (), ()
        total = add(base, add(bonus, (-penalty[0], penalty[1])))
        if self.round_total is not None:
            rounded = self.round_total(total)
            if recorder is not None and rounded[0] * total[1] != total[0] * rounded[1]:
                exact, shown = as_fraction(total), as_fraction(rounded)
                recorder.add(
                    TraceLine(
                        kind=LineKind.ROUNDING,
                        code="total",
                        label="Tổng điểm",
                        rule=f"Làm tròn tổng {vn(exact)} thành {vn(shown)}",
                        points=to_decimal(shown - exact),
                    )
                )
            total = rounded
        total_decimal = to_decimal(as_fraction(total))
        band = classify(total_decimal, self.bands, bars)
        return UnitResult(
            unit=unit,
            name=name,
            total=total_decimal,
            rank=1,
            tied=False,
            classification=None if band is None else band.label,
            band=None if band is None else band.code,
            base=to_decimal(as_fraction(base)),
            bonus_total=to_decimal(as_fraction(bonus)),
            penalty_total=to_decimal(as_fraction(penalty)),
            subtotals=tuple(
                Subtotal(section=code, points=to_decimal(as_fraction(walk.subtotals[code])))
                for code in self.sections
            ),
            knockouts=knockouts,
            barred_from=bars,
            trace=_NO_TRACE if recorder is None else Trace(recorder.lines),
        )

    def _sum(self, nodes: Sequence[Section | Criterion], depth: int, walk: _Walk) -> Ratio:
        """The nodes' points; their sections' subtotals and criteria's bonuses noted."""
        summed = _ZERO
        for node in nodes:
            if isinstance(node, Criterion):
                points = self._criterion(node, depth, walk)
            else:
                points = self._section(node, depth, walk)
            summed = add(summed, points)
        return summed

    def _section(self, node: Section, depth: int, walk: _Walk) -> Ratio:
        summed = self._sum(node.children, depth + 1, walk)
        recorder = walk.recorder
        cap = self.caps[node.code]
        if cap is not None and above(summed, cap):
            if recorder is not None:
                exact, most = as_fraction(summed), as_fraction(cap)
                recorder.add(
                    TraceLine(
                        kind=LineKind.SECTION_CAP,
                        code=node.code,
                        label=node.label,
                        rule=f"Tổng các tiêu chí {vn(exact)} vượt mức tối đa {vn(most)}",
                        points=to_decimal(most - exact),
                        cap=node.cap,
                        depth=depth,
                    )
                )
            summed = cap
        if self.round_section is not None:
            rounded = self.round_section(summed)
            if recorder is not None and rounded[0] * summed[1] != summed[0] * rounded[1]:
                exact, shown = as_fraction(summed), as_fraction(rounded)
                recorder.add(
                    TraceLine(
                        kind=LineKind.ROUNDING,
                        code=node.code,
                        label=node.label,
                        rule=f"Làm tròn điểm mục {vn(exact)} thành {vn(shown)}",
                        points=to_decimal(shown - exact),
                        depth=depth,
                    )
                )
            summed = rounded
        walk.subtotals[node.code] = summed
        return summed

    def _criterion(self, criterion: Criterion, depth: int, walk: _Walk) -> Ratio:
        code, unit, recorder = criterion.code, walk.unit, walk.recorder
        chosen = None if recorder is None else _Chosen()
        exact, bonus, bonus_layer = self._combined(self.plans[code], unit, chosen)
        points = exact
        if self.round_criterion is not None:
            points = self.round_criterion(exact)
            if bonus[0]:
                bonus = self.round_criterion(bonus)
        elif not is_finite(points):
            self._exact(points, unit, code)  # raises
        if bonus[0]:
            walk.bonuses.append((criterion, bonus, bonus_layer))
        if code in self.tie_codes:
            walk.tie_points[unit, code] = to_decimal(as_fraction(points))
        if chosen is not None and recorder is not None:
            changed = points[0] * exact[1] != exact[0] * points[1]
            recorder.add(
                TraceLine(
                    kind=LineKind.CRITERION,
                    code=code,
                    label=criterion.label,
                    rule=chosen.rule,
                    points=self._exact(points, unit, code),
                    input=chosen.input,
                    layer=chosen.layer,
                    cap=None if chosen.cap is None else self._exact(chosen.cap, unit, code),
                    unrounded=text(as_fraction(exact)) if changed else None,
                    depth=depth,
                )
            )
        return points

    def _combined(
        self, plan: _Plan, unit: str, chosen: _Chosen | None
    ) -> tuple[Ratio, Ratio, Layer]:
        """The criterion's points, bonus and bonus layer from the layers that count.

        With the last layer rule only the highest layer's inputs are read; with the
        highest rule each layer's points and bonus are compared, independently.
        """
        entries = self.groups.get((unit, plan.criterion.code), ())
        if plan.comparative:
            assessment = self.last(unit, plan.criterion.code)
            assert assessment is not None  # noqa: S101 - the sheet is complete
            return self._one(assessment, plan, chosen)
        if self.last_layer:
            top = -1
            layer: list[Assessment] = []
            for assessment in entries:
                rank_ = _LAYER_RANKS[assessment.layer]
                if rank_ > top:
                    top, layer = rank_, [assessment]
                elif rank_ == top:
                    layer.append(assessment)
            return self._layer(layer, plan, chosen)
        by_rank: dict[int, list[Assessment]] = {}
        for assessment in entries:
            by_rank.setdefault(_LAYER_RANKS[assessment.layer], []).append(assessment)
        best: tuple[Ratio, int, _Chosen | None] | None = None
        best_bonus: tuple[Ratio, int, Layer] | None = None
        for rank_ in sorted(by_rank):
            mine = None if chosen is None else _Chosen()
            points, bonus, layer_ = self._layer(by_rank[rank_], plan, mine)
            # Ties go to the higher layer: ranks ascend, so >= keeps the later one.
            if best is None or not above(best[0], points):
                best = (points, rank_, mine)
            if best_bonus is None or not above(best_bonus[0], bonus):
                best_bonus = (bonus, rank_, layer_)
        assert best is not None  # noqa: S101 - a criterion has an assessment
        assert best_bonus is not None  # noqa: S101 - idem
        if chosen is not None and best[2] is not None:
            _copy(best[2], chosen)
        return best[0], best_bonus[0], best_bonus[2]

    def _layer(
        self, entries: list[Assessment], plan: _Plan, chosen: _Chosen | None
    ) -> tuple[Ratio, Ratio, Layer]:
        """One layer's points, bonus and layer: its assessment's, or the peers' statistic."""
        first, rule = entries[0], self.peer_rule
        if first.layer is not Layer.PEER or (len(entries) == 1 and rule is None):
            return self._one(first, plan, chosen)
        assert rule is not None  # noqa: S101 - several peers need a rule (checked with the sheet)
        ceiling, bias, context = plan.ceiling, self.bias, plan.context
        values: list[Ratio] = []
        bonuses = False
        for assessment in entries:
            num, den = plan.points(assessment.input, context, None)
            if bias:
                gap = bias.get(str(assessment.assessor))
                if gap is not None:
                    num, den = num * gap[1] - gap[0] * den, den * gap[1]
            # Each peer's points are kept within 0 and the criterion's ceiling.
            if num < 0:
                num, den = 0, 1
            elif ceiling is not None and num * ceiling[1] > ceiling[0] * den:
                num, den = ceiling
            values.append((num, den))
            bonuses = bonuses or assessment.bonus is not None
        points = statistic(values, rule)
        bonus = _ZERO
        if bonuses:
            given = [_ZERO if a.bonus is None else a.bonus.as_integer_ratio() for a in entries]
            bonus = statistic(given, rule)
        if chosen is not None:
            shown = ", ".join(vn(v) for v in sorted(as_fraction(v) for v in values))
            normalised = " (đã hiệu chỉnh độ lệch người chấm)" if bias else ""
            words = f"{_STAT_WORDS[rule.statistic]} của {len(entries)} điểm chấm chéo{normalised}"
            chosen.rule, chosen.cap = f"{words}: {shown}", None
            chosen.input, chosen.layer = f"{len(entries)} người chấm", Layer.PEER
        return points, bonus, Layer.PEER

    def _one(
        self, assessment: Assessment, plan: _Plan, chosen: _Chosen | None
    ) -> tuple[Ratio, Ratio, Layer]:
        """One assessment's points, bonus and layer."""
        bonus = assessment.bonus
        points = plan.points(assessment.input, plan.context, chosen)
        if chosen is not None:
            chosen.input, chosen.layer = assessment.input.describe(), assessment.layer
        return points, _ZERO if bonus is None else bonus.as_integer_ratio(), assessment.layer

    def _exact(self, value: Ratio, unit: str, code: str) -> Decimal:
        exact = as_fraction(value)
        if not is_finite(value):
            msg = (
                f"unit {unit}, criterion {code}: the points {text(exact)} have no finite"
                " decimal form; declare rounding at the 'criterion' step"
            )
            raise ScoringError(msg)
        return to_decimal(exact)

    # -- adjustments --------------------------------------------------------------

    def _adjustments(
        self, unit: str, bonus: Ratio, recorder: _Recorder | None
    ) -> tuple[Ratio, Ratio, tuple[str, ...], tuple[Bar, ...]]:
        """Add the table-wide bonuses, penalties and knockouts to the criteria's *bonus*.

        Returns:
            The bonus (capped), the penalty, the knockouts that apply and what they bar.
        """
        extra = as_fraction(bonus)
        penalty = Fraction(0)
        knockouts: list[str] = []
        bars: list[Bar] = []
        for adjustment in self.scheme.adjustments:
            assessment = self.last(unit, adjustment.code)
            if assessment is None:
                continue
            value = assessment.input
            points, rule, cap = _adjustment(adjustment, assessment, explain=recorder is not None)
            if recorder is not None:
                described = value.describe()
                if isinstance(value, YesNoInput):
                    described = "Có" if value.met else "Không"
                recorder.add(
                    TraceLine(
                        kind=_ADJUSTMENT_KINDS[type(adjustment)],
                        code=adjustment.code,
                        label=adjustment.label,
                        rule=rule,
                        points=to_decimal(points),
                        input=described,
                        layer=assessment.layer,
                        cap=cap,
                    )
                )
            if isinstance(adjustment, Penalty):
                penalty -= points
            elif isinstance(adjustment, KnockoutRule):
                if isinstance(value, YesNoInput) and value.met:
                    knockouts.append(adjustment.code)
                    bars.extend(b for b in adjustment.bars if b not in bars)
            else:
                extra += points
        most = self.scheme.bonus_cap
        if most is not None and extra > most:
            if recorder is not None:
                recorder.add(
                    TraceLine(
                        kind=LineKind.BONUS_CAP,
                        code=self.scheme.code,
                        label=self.scheme.label,
                        rule=f"Tổng điểm thưởng {vn(extra)} vượt mức tối đa {vn(most)}",
                        points=to_decimal(Fraction(most) - extra),
                        cap=most,
                    )
                )
            extra = Fraction(most)
        ordered = tuple(sorted(bars, key=_BARS.index))
        return extra.as_integer_ratio(), penalty.as_integer_ratio(), tuple(knockouts), ordered


_ADJUSTMENT_KINDS: dict[type, LineKind] = {
    Bonus: LineKind.BONUS,
    AwardBonus: LineKind.AWARD_BONUS,
    Penalty: LineKind.PENALTY,
    KnockoutRule: LineKind.KNOCKOUT,
}


def _copy(source: _Chosen, target: _Chosen) -> None:
    target.rule, target.cap = source.rule, source.cap
    target.input, target.layer = source.input, source.layer


def _adjustment(
    adjustment: Bonus | AwardBonus | Penalty | KnockoutRule,
    assessment: Assessment,
    *,
    explain: bool,
) -> tuple[Fraction, str, Decimal | None]:
    """The points an adjustment adds (negative for a penalty), its rule and its cap if hit.

    The rule is written only when *explain* is true (``""`` otherwise).
    """
    value = assessment.input
    if isinstance(adjustment, Bonus):
        return _bonus(adjustment, value, explain=explain)
    if isinstance(adjustment, AwardBonus):
        assert isinstance(value, AwardsInput)  # noqa: S101 - checked with the sheet
        return _award_bonus(adjustment, value, explain=explain)
    if isinstance(adjustment, Penalty):
        points, rule, cap = _penalty(adjustment, value, explain=explain)
        return -points, rule, cap
    rule = ""
    if explain:
        met = isinstance(value, YesNoInput) and value.met
        bars = ", ".join(bar.value for bar in adjustment.bars)
        rule = f"Không được xét: {bars}" if met else "Không áp dụng"
    return Fraction(0), rule, None


def _capped(
    points: Fraction, rule: str, cap: Decimal | None
) -> tuple[Fraction, str, Decimal | None]:
    if cap is not None and points > cap:
        return Fraction(cap), rule, cap
    return points, rule, None


def _bonus(
    adjustment: Bonus, value: Input, *, explain: bool
) -> tuple[Fraction, str, Decimal | None]:
    if isinstance(value, PointsInput):
        points = Fraction(value.points)
        rule = "Điểm thưởng chấm trực tiếp" if explain else ""
    else:
        assert isinstance(value, CountInput)  # noqa: S101 - checked with the sheet
        assert adjustment.per_case is not None  # noqa: S101 - idem
        points = Fraction(adjustment.per_case) * value.count
        rule = f"{value.count} × {vn(adjustment.per_case)}" if explain else ""
    return _capped(points, rule, adjustment.cap)


def _award_bonus(
    adjustment: AwardBonus, value: AwardsInput, *, explain: bool
) -> tuple[Fraction, str, Decimal | None]:
    held = [a for a in adjustment.awards if a.code in value.held]
    each = [Fraction(a.points) for a in held]
    rule = ""
    if not held:
        points = Fraction(0)
        if explain:
            rule = "Không có danh hiệu được cộng điểm"
    elif adjustment.stacking is Stacking.HIGHEST:
        points = max(each)
        if explain:
            rule = "Chỉ tính mức cao nhất: " + ", ".join(f"{a.label} +{vn(a.points)}" for a in held)
    else:
        points = sum(each, Fraction(0))
        if explain:
            rule = "Cộng dồn: " + " + ".join(f"{a.label} {vn(a.points)}" for a in held)
    return _capped(points, rule, adjustment.cap)


def _penalty(
    adjustment: Penalty, value: Input, *, explain: bool
) -> tuple[Fraction, str, Decimal | None]:
    """The points deducted (positive), the rule and the cap if hit."""
    if isinstance(value, CountInput):
        points = Fraction(adjustment.points) * value.count
        rule = f"Trừ {value.count} × {vn(adjustment.points)}" if explain else ""
        return _capped(points, rule, adjustment.cap)
    met = isinstance(value, YesNoInput) and value.met
    rule = ""
    if explain:
        rule = f"Trừ {vn(adjustment.points)} điểm" if met else "Không bị trừ"
    return (Fraction(adjustment.points) if met else Fraction(0)), rule, None


def score(scheme: Scheme, sheet: ScoringSheet, *, trace: bool = False) -> YearResults:
    """Score one year's sheet against its scheme.

    Args:
        scheme: The scheme in force for the sheet's year.
        sheet: The year's assessments.
        trace: Record each unit's trace (:attr:`UnitResult.trace`); without it the traces
            are empty, and :func:`explain` gives one unit's trace on demand.

    Returns:
        Every unit's result, ranked.

    Raises:
        InvalidModelError: the sheet does not fit the scheme (path relative to the sheet).
        ScoringError: a criterion's points have no finite decimal form and the scheme
            declares no rounding at the ``criterion`` step.
    """
    check_sheet(scheme, sheet)
    # A national sheet's results are millions of objects, which the collector would
    # rescan while they are built without freeing any.
    with collector_paused():
        return _Engine(scheme, sheet).run(trace=trace)


def score_all(scoring: Scoring, *, trace: bool = False) -> Results:
    """Score every year of a scoring file, each against the scheme it names.

    Args:
        scoring: The scoring file.
        trace: Record each unit's trace, as in :func:`score`.

    Returns:
        The results, one entry per year in ascending order.

    Raises:
        ScoringError: as :func:`score`.
    """
    years = sorted(scoring.sheets, key=lambda sheet: sheet.year)
    with collector_paused():  # as in score()
        return Results(
            years=tuple(_Engine(scoring.scheme_for(s), s).run(trace=trace) for s in years),
            illustrative=scoring.illustrative,
            note=scoring.note,
        )


def explain(scheme: Scheme, sheet: ScoringSheet, unit: str) -> Trace:
    """One unit's trace, recorded by the computation that gives its total.

    The lines are those ``score(scheme, sheet, trace=True)`` gives the unit; only that
    unit is walked (comparative criteria and normalised peers still read the group).

    Args:
        scheme: The scheme in force for the sheet's year.
        sheet: The year's assessments.
        unit: The unit's code.

    Raises:
        KeyError: no unit of the sheet has that code.
        InvalidModelError: as :func:`score`.
        ScoringError: as :func:`score`.
    """
    check_sheet(scheme, sheet)
    name = next((u.name for u in sheet.units if u.code == unit), None)
    if name is None:
        raise KeyError(unit)
    recorder = _Recorder()
    return _Engine(scheme, sheet).unit(unit, name, {}, recorder).trace
