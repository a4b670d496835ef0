"""The engine: exact points per criterion, caps, adjustments and a trace that adds up.

There is one computation. It walks the scheme once per unit on exact integer ratios
(:data:`~._numbers.Ratio`), each criterion's points coming from its method's
:meth:`~._methods.ScoringMethod.points_of`. Given a recorder (:class:`_Recorder`), it hands
it every trace line (criteria, section caps, bonuses, penalties, roundings) as it makes
them; without one it builds no line and no text. A trace is therefore the record of the
very arithmetic that gave the total, never a second computation of it.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction

from thidua.errors import Problem, ScoringError, SheetError
from thidua.scoring._assessment import (
    Assessment,
    Layer,
    Scoring,
    ScoringSheet,
    SheetProblem,
    SheetUnit,
    check_sheet,
    sheet_problems,
    sheets_checked,
)
from thidua.scoring._inputs import (
    AchievementInput,
    AwardsInput,
    CountInput,
    Input,
    PointsInput,
    TwoValuesInput,
    ValueInput,
    YesNoInput,
)
from thidua.scoring._layers import _LAYER_RANKS
from thidua.scoring._methods import (
    Comparative,
    GroupContext,
    ManualPoints,
    MethodContext,
    Reason,
    Tiers,
)
from thidua.scoring._numbers import text, to_decimal, vn
from thidua.scoring._ranking import BandIndex, classify, leaders, rank
from thidua.scoring._result import (
    LineKind,
    LineSource,
    Results,
    Subtotal,
    Trace,
    TraceLine,
    UnitResult,
    UnscoredUnit,
    YearResults,
)
from thidua.scoring._scheme import (
    AwardBonus,
    Bar,
    Bonus,
    Criterion,
    CriterionTieBreak,
    DeductionFloor,
    Effect,
    Flat,
    ItemAdjustment,
    KnockoutRule,
    LayerRule,
    MissingRow,
    PeerStatistic,
    Penalty,
    PerCase,
    RoundingStep,
    Scheme,
    Section,
    Stacking,
)
from thidua.scoring._totals import Ratio, above, add, as_fraction, is_finite, rounder, statistic
from thidua.serialization._hooks import collector_paused

__all__ = ["OnError", "explain", "score", "score_all"]

_STAT_WORDS = {
    PeerStatistic.MEAN: "Trung bình",
    PeerStatistic.MEDIAN: "Trung vị",
    PeerStatistic.TRIMMED_MEAN: "Trung bình sau khi bỏ điểm cao nhất và thấp nhất",
}

_ZERO: Ratio = (0, 1)
_NO_TRACE = Trace()


class OnError(enum.StrEnum):
    """What scoring does with a sheet whose rows do not fit its scheme."""

    STRICT = "strict"
    """Refuse the sheet, listing every problem (the default)."""
    FLAG = "flag"
    """Score every unit whose rows are valid; list the others as not scored, with their
    problems, and count none of their values (not even in a group's best result)."""


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

    __slots__ = ("input", "layer", "source")

    def __init__(self) -> None:
        super().__init__()
        self.input = ""
        self.layer: Layer | None = Layer.SELF
        self.source = LineSource.COMPUTED


class _Walk:
    """One unit's walk through the tree: what it notes on the way."""

    __slots__ = (
        "before",
        "bonus_sum",
        "bonuses",
        "extras",
        "recorder",
        "shared",
        "subtotals",
        "tie_points",
        "unit",
    )

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
        self.before: Ratio = _ZERO
        self.bonus_sum: Ratio = _ZERO
        self.extras: dict[str, tuple[Ratio, Ratio]] = {}
        self.shared: dict[str, Ratio] = {}


class _Plan:
    """What the engine reads once per criterion."""

    __slots__ = (
        "base",
        "ceiling",
        "comparative",
        "context",
        "criterion",
        "manual",
        "may_exceed",
        "missing",
        "points",
        "top",
    )

    def __init__(self, criterion: Criterion, group: GroupContext | None) -> None:
        self.criterion = criterion
        self.context = MethodContext(max_points=criterion.max_points, group=group)
        # The sheet check gave each criterion inputs of its method's type.
        self.points: Callable[[Input, MethodContext, Reason | None], Ratio]
        self.points = criterion.method.points_of  # type: ignore[assignment]
        self.comparative = isinstance(criterion.method, Comparative)
        self.ceiling: Ratio | None = criterion.ceiling().as_integer_ratio()
        self.manual = isinstance(criterion.method, ManualPoints)
        self.top = criterion.max_points.as_integer_ratio()
        self.base = criterion.base().as_integer_ratio()
        self.missing: MissingRow | None = criterion.missing
        most = criterion.method.ceiling(criterion.max_points)
        #: Whether the method can give more than the maximum (the excess is a bonus).
        self.may_exceed = (
            most is None
            or most > Fraction(criterion.max_points)
            or (criterion.base_points is not None and criterion.base_points > criterion.max_points)
        )

    def value(self, value: Input, reason: Reason | None) -> Ratio:
        """The points of *value*: computed by the method, or entered (``points``)."""
        if not self.manual and isinstance(value, PointsInput):
            if reason is not None:
                reason.rule = "Điểm nhập trực tiếp thay cho điểm tính"
            return value.points.as_integer_ratio()
        return self.points(value, self.context, reason)


class _Engine:
    """One sheet scored against its scheme, one unit at a time."""

    def __init__(
        self, scheme: Scheme, sheet: ScoringSheet, unscored: tuple[UnscoredUnit, ...] = ()
    ) -> None:
        self.scheme = scheme
        self.sheet = sheet
        self.unscored = unscored
        self.floor = scheme.deduction_floor is DeductionFloor.ZERO
        self.shared_caps = {cap.code: cap.cap.as_integer_ratio() for cap in scheme.shared_caps}
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
        #: Whether any criterion has adjustments: without, a section's subtotal before them
        #: is its subtotal, and the walk need not keep a second sum.
        self.adjusted = any(c.adjustments for c in scheme.leaves())
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

    def counted(self, unit: str, criterion: Criterion) -> Assessment | None:
        """The assessment that counts for a one-input item: by precedence, else the last."""
        if not criterion.precedence:
            return self.last(unit, criterion.code)
        entries = self.groups.get((unit, criterion.code), ())
        for layer in criterion.precedence:
            for assessment in entries:
                if assessment.layer is layer:
                    return assessment
        return None

    # -- the whole group ----------------------------------------------------------

    def _group(self, criterion: Criterion) -> GroupContext | None:
        """The best results of the group, for a comparative criterion; else ``None``."""
        if not isinstance(criterion.method, Comparative):
            return None
        ratios: list[Fraction] = []
        untargeted: list[Fraction] = []
        for unit in self.sheet.units:
            assessment = self.counted(unit.code, criterion)
            if assessment is None:
                continue
            value = assessment.input
            if not isinstance(value, AchievementInput):
                continue  # points entered over the computed figure
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
                    (str(a.assessor), Fraction(*plan.value(a.input, None)))
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
            year=self.sheet.year,
            scheme=self.scheme.code,
            units=ranked,
            leaders=leaders(ranked),
            unscored=self.unscored,
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
                most = "" if criterion.bonus_cap is None else f" (tối đa {vn(criterion.bonus_cap)})"
                recorder.add(
                    TraceLine(
                        kind=LineKind.CRITERION_BONUS,
                        code=criterion.code,
                        label=criterion.label,
                        rule=f"Điểm thưởng của tiêu chí{most}",
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
            subtotals=tuple(self._subtotal(code, walk) for code in self.sections),
            knockouts=knockouts,
            barred_from=bars,
            trace=_NO_TRACE if recorder is None else Trace(recorder.lines),
        )

    def _subtotal(self, code: str, walk: _Walk) -> Subtotal:
        """A section's subtotal, before and after its criteria's bonuses and deductions."""
        points = walk.subtotals[code]
        before, bonus = walk.extras[code]
        shown = to_decimal(as_fraction(points))
        same = before[0] * points[1] == points[0] * before[1]
        return Subtotal(
            section=code,
            points=shown,
            before_adjustments=shown if same else to_decimal(as_fraction(before)),
            after_adjustments=shown
            if not bonus[0]
            else to_decimal(as_fraction(add(points, bonus))),
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
        start_before, start_bonus = walk.before, walk.bonus_sum
        summed = self._sum(node.children, depth + 1, walk)
        recorder = walk.recorder
        cap = self.caps[node.code]
        bonus = (
            _ZERO
            if walk.bonus_sum is start_bonus
            else add(walk.bonus_sum, (-start_bonus[0], start_bonus[1]))
        )
        if self.adjusted:
            before = add(walk.before, (-start_before[0], start_before[1]))
            if cap is not None and above(before, cap):
                before = cap
            if self.round_section is not None:
                before = self.round_section(before)
            walk.before = add(start_before, before)
            walk.extras[node.code] = (before, bonus)
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
        if not self.adjusted:  # no deductions: the subtotal before them is the subtotal
            walk.extras[node.code] = (summed, bonus)
        return summed

    def _criterion(self, criterion: Criterion, depth: int, walk: _Walk) -> Ratio:
        code, unit, recorder = criterion.code, walk.unit, walk.recorder
        plan = self.plans[code]
        chosen = None if recorder is None else _Chosen()
        exact, bonus, bonus_layer = self._combined(plan, unit, chosen)
        if plan.may_exceed and above(exact, plan.top):
            # Above the maximum: the excess is the criterion's declared bonus.
            bonus = add(
                bonus, (exact[0] * plan.top[1] - plan.top[0] * exact[1], exact[1] * plan.top[1])
            )
            exact = plan.top
        points = exact
        if self.round_criterion is not None:
            points = self.round_criterion(exact)
            if bonus[0]:
                bonus = self.round_criterion(bonus)
        elif not is_finite(points):
            self._exact(points, unit, code)  # raises
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
                    source=chosen.source,
                )
            )
        if self.adjusted:
            walk.before = add(walk.before, points)
        if criterion.adjustments:
            points, extra = self._item_adjustments(criterion, points, depth, walk)
            bonus = add(bonus, extra)
        if criterion.bonus_cap is not None and bonus[0]:
            most = criterion.bonus_cap.as_integer_ratio()
            if above(bonus, most):
                bonus = most
        if bonus[0]:
            walk.bonuses.append((criterion, bonus, bonus_layer))
            walk.bonus_sum = add(walk.bonus_sum, bonus)
        return points

    def _item_adjustments(
        self, criterion: Criterion, points: Ratio, depth: int, walk: _Walk
    ) -> tuple[Ratio, Ratio]:
        """The criterion's points after its deductions, and its computed bonuses."""
        recorder, unit = walk.recorder, walk.unit
        deducted = Fraction(0)
        bonus = Fraction(0)
        for item in criterion.adjustments:
            assessment = self.last(unit, item.code)
            if assessment is None:
                continue
            amount, rule = _amount(item, assessment.input, explain=recorder is not None)
            cap: Fraction | None = None
            if item.cap is not None and amount > item.cap:
                amount = cap = Fraction(item.cap)
            waived = False
            if item.waiver is not None:
                said = self.last(unit, item.waiver.code)
                waived = said is not None and isinstance(said.input, YesNoInput) and said.input.met
            if waived:
                if recorder is not None:
                    rule += f"; miễn trừ: {item.waiver.label}"  # type: ignore[union-attr]
                amount = Fraction(0)
            if item.shared_cap is not None and amount:
                left = Fraction(
                    *walk.shared.get(item.shared_cap, self.shared_caps[item.shared_cap])
                )
                if amount > left:
                    amount = cap = left
                    if recorder is not None:
                        rule += f" (giới hạn chung {item.shared_cap})"
                walk.shared[item.shared_cap] = (left - amount).as_integer_ratio()
            if item.effect is Effect.BONUS:
                bonus += amount
                continue
            deducted += amount
            if recorder is not None:
                recorder.add(
                    TraceLine(
                        kind=LineKind.ITEM_DEDUCTION,
                        code=item.code,
                        label=item.label,
                        rule=rule,
                        points=self._exact((-amount).as_integer_ratio(), unit, item.code),
                        input=assessment.input.describe(),
                        layer=assessment.layer,
                        cap=None if cap is None else to_decimal(cap),
                        depth=depth + 1,
                    )
                )
        most = criterion.deduction_cap
        if most is not None and deducted > most:
            if recorder is not None:
                recorder.add(
                    TraceLine(
                        kind=LineKind.DEDUCTION_CAP,
                        code=criterion.code,
                        label=criterion.label,
                        rule=f"Tổng điểm trừ {vn(deducted)} vượt mức trừ tối đa {vn(most)}",
                        points=to_decimal(deducted - Fraction(most)),
                        cap=most,
                        depth=depth + 1,
                    )
                )
            deducted = Fraction(most)
        after = Fraction(*points) - deducted
        if after < 0 and self.floor:
            if recorder is not None:
                recorder.add(
                    TraceLine(
                        kind=LineKind.DEDUCTION_FLOOR,
                        code=criterion.code,
                        label=criterion.label,
                        rule="Điểm trừ không làm tiêu chí xuống dưới 0",
                        points=to_decimal(-after),
                        depth=depth + 1,
                    )
                )
            after = Fraction(0)
        return after.as_integer_ratio(), bonus.as_integer_ratio()

    def _combined(
        self, plan: _Plan, unit: str, chosen: _Chosen | None
    ) -> tuple[Ratio, Ratio, Layer]:
        """The criterion's points, bonus and bonus layer from the layers that count.

        With the last layer rule only the highest layer's inputs are read; with the
        highest rule each layer's points and bonus are compared, independently.
        """
        criterion = plan.criterion
        entries: Sequence[Assessment] = self.groups.get((unit, criterion.code), ())
        if criterion.precedence and entries:
            entries = next(
                (
                    found
                    for layer in criterion.precedence
                    if (found := tuple(a for a in entries if a.layer is layer))
                ),
                (),
            )
            if entries and not plan.comparative:
                return self._layer(list(entries), plan, chosen)
        if not entries:
            return self._missing(plan, chosen)
        if plan.comparative:
            assessment = self.counted(unit, criterion)
            assert assessment is not None  # noqa: S101 - entries are not empty
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
        ceiling, bias = plan.ceiling, self.bias
        points_of, context, manual = plan.points, plan.context, plan.manual
        values: list[Ratio] = []
        bonuses = False
        for assessment in entries:
            value = assessment.input
            if manual or type(value) is not PointsInput:  # computed: the usual case
                num, den = points_of(value, context, None)
            else:  # points entered on a computed item (plan.value, inlined)
                num, den = value.points.as_integer_ratio()
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

    def _missing(self, plan: _Plan, chosen: _Chosen | None) -> tuple[Ratio, Ratio, Layer]:
        """A criterion with no row: its base or 0, as its missing-row rule says."""
        rule = plan.missing if plan.missing is not None else self.scheme.missing
        points = plan.base if rule is MissingRow.BASE else _ZERO
        if chosen is not None:
            chosen.rule = (
                f"Không có dòng: điểm chuẩn {vn(Fraction(*points))}"
                if rule is MissingRow.BASE
                else "Không có dòng: 0 điểm"
            )
            chosen.input, chosen.layer, chosen.source = "Không có dòng", None, LineSource.DEFAULT
        return points, _ZERO, Layer.SELF

    def _one(
        self, assessment: Assessment, plan: _Plan, chosen: _Chosen | None
    ) -> tuple[Ratio, Ratio, Layer]:
        """One assessment's points, bonus and layer."""
        bonus = assessment.bonus
        value = assessment.input
        if plan.manual or not isinstance(value, PointsInput):
            points = plan.points(value, plan.context, chosen)
        else:
            points = plan.value(value, chosen)
        if chosen is not None:
            chosen.input, chosen.layer = value.describe(), assessment.layer
            entered = not plan.manual and isinstance(value, PointsInput)
            chosen.source = LineSource.ENTERED if entered else LineSource.COMPUTED
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
    target.input, target.layer, target.source = source.input, source.layer, source.source


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


def _amount(item: ItemAdjustment, value: Input, *, explain: bool) -> tuple[Fraction, str]:
    """An item adjustment's amount (positive) from its input, and its rule if *explain*."""
    amount = item.amount
    if isinstance(amount, Flat):
        met = isinstance(value, YesNoInput) and value.met
        points = Fraction(amount.points) if met else Fraction(0)
        rule = (f"{vn(amount.points)} điểm" if met else "Không áp dụng") if explain else ""
        return points, rule
    if isinstance(amount, PerCase):
        assert isinstance(value, CountInput)  # noqa: S101 - checked with the sheet
        points = Fraction(amount.points) * value.count
        return points, (f"{value.count} × {vn(amount.points)}" if explain else "")
    reason = Reason() if explain else None
    if isinstance(amount, Tiers):
        assert isinstance(value, ValueInput)  # noqa: S101 - checked with the sheet
        ratio = amount.points_of(value, _NO_CONTEXT, reason)
    else:
        assert isinstance(value, TwoValuesInput)  # noqa: S101 - checked with the sheet
        ratio = amount.points_of(value, _NO_CONTEXT, reason)
    return Fraction(*ratio), ("" if reason is None else reason.rule)


_NO_CONTEXT = MethodContext(max_points=Decimal(0))


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


def _prepared(
    scheme: Scheme, sheet: ScoringSheet, on_error: OnError | str, prefix: str = ""
) -> _Engine:
    """The engine for *sheet*: refused with every problem, or with the flagged units left out."""
    problems = sheet_problems(scheme, sheet)
    if not problems:
        return _Engine(scheme, sheet)
    if OnError(on_error) is OnError.STRICT or any(p.unit is None for p in problems):
        raise SheetError(
            [Problem(p.message, path=f"{prefix}{p.path}", code=p.code) for p in problems]
        )
    by_unit: dict[str, list[SheetProblem]] = {}
    for problem in problems:
        by_unit.setdefault(str(problem.unit), []).append(problem)
    unscored = tuple(
        UnscoredUnit(
            unit=u.code,
            name=u.name,
            problems=tuple(f"{prefix}{p.path}: {p.message}" for p in by_unit[u.code]),
        )
        for u in sheet.units
        if u.code in by_unit
    )
    kept: tuple[SheetUnit, ...] = tuple(u for u in sheet.units if u.code not in by_unit)
    valid = ScoringSheet.__new__(ScoringSheet)
    # The remaining rows were checked; the sheet keeps them without a second check.
    object.__setattr__(valid, "year", sheet.year)
    object.__setattr__(valid, "scheme", sheet.scheme)
    object.__setattr__(valid, "units", kept)
    object.__setattr__(
        valid, "assessments", tuple(a for a in sheet.assessments if a.unit not in by_unit)
    )
    return _Engine(scheme, valid, unscored)


def score(
    scheme: Scheme,
    sheet: ScoringSheet,
    *,
    trace: bool = False,
    on_error: OnError | str = OnError.STRICT,
) -> YearResults:
    """Score one year's sheet against its scheme.

    Args:
        scheme: The scheme in force for the sheet's year.
        sheet: The year's assessments.
        trace: Record each unit's trace (:attr:`UnitResult.trace`); without it the traces
            are empty, and :func:`explain` gives one unit's trace on demand.
        on_error: ``"strict"`` refuses a sheet with any invalid row; ``"flag"`` scores
            the units whose rows are valid and lists the others in
            :attr:`YearResults.unscored`.

    Returns:
        Every unit's result, ranked.

    Raises:
        SheetError: the sheet does not fit the scheme: every problem at once (paths
            relative to the sheet); with ``"flag"``, only problems of the sheet as a whole.
        ScoringError: a criterion's points have no finite decimal form and the scheme
            declares no rounding at the ``criterion`` step.
    """
    # A national sheet's results are millions of objects, which the collector would
    # rescan while they are built without freeing any.
    with collector_paused():
        return _prepared(scheme, sheet, on_error).run(trace=trace)


def score_all(
    scoring: Scoring, *, trace: bool = False, on_error: OnError | str = OnError.STRICT
) -> Results:
    """Score every year of a scoring file, each against the scheme it names.

    Args:
        scoring: The scoring file (built within :func:`deferred_sheet_checks` for a
            file whose rows may not fit).
        trace: Record each unit's trace, as in :func:`score`.
        on_error: As in :func:`score`.

    Returns:
        The results, one entry per year in ascending order.

    Raises:
        SheetError: as :func:`score` (paths from the file, ``sheets[i]. ...``).
        ScoringError: as :func:`score`.
    """
    order = sorted(range(len(scoring.sheets)), key=lambda i: scoring.sheets[i].year)
    with collector_paused():  # as in score(): the engines' tables are many small objects
        if sheets_checked(scoring):
            # Built with its checks: every sheet fits its scheme already.
            engines = [
                _Engine(scoring.scheme_for(scoring.sheets[i]), scoring.sheets[i]) for i in order
            ]
        else:  # every sheet checked before any is scored
            engines = [
                _prepared(
                    scoring.scheme_for(scoring.sheets[i]),
                    scoring.sheets[i],
                    on_error,
                    f"sheets[{i}].",
                )
                for i in order
            ]
        return Results(
            years=tuple(engine.run(trace=trace) for engine in engines),
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
