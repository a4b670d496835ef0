"""Strategies for scoring schemes, scoring files and their results."""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal
from typing import Any

from hypothesis import strategies as st

from thidua.scoring import (
    Achievement,
    AchievementInput,
    Assessment,
    AwardBonus,
    AwardPoints,
    AwardsInput,
    Band,
    Bar,
    Bonus,
    Bound,
    ChoiceInput,
    Combination,
    Comparative,
    CountInput,
    Criterion,
    CriterionTieBreak,
    DeductionFloor,
    Effect,
    FewerPenalties,
    Flat,
    Input,
    Interval,
    ItemAdjustment,
    KnockoutRule,
    Layer,
    LayerRule,
    ManualPoints,
    Method,
    MissingRow,
    OneOf,
    Option,
    PeerRule,
    PeerStatistic,
    Penalty,
    PerCase,
    PerOccurrence,
    PointsInput,
    Results,
    RoundingMode,
    RoundingRule,
    RoundingStep,
    Scheme,
    Scoring,
    ScoringSheet,
    Section,
    SectionTieBreak,
    Share,
    ShareInput,
    SheetUnit,
    Stacking,
    Tier,
    Tiers,
    TwoInputTiers,
    TwoValuesInput,
    ValueInput,
    Waiver,
    YesNo,
    YesNoInput,
    score_all,
)
from thidua.strategies._text import vietnamese_names

__all__ = ["scoring_files", "scoring_results", "scoring_schemes"]

_CENT = Decimal("0.01")
_TARGETS = tuple(Decimal(t) for t in (1, 2, 3, 4, 5, 8, 10, 20, 25, 50, 100))


def _amount(low: Decimal, high: Decimal) -> st.SearchStrategy[Decimal]:
    """Decimals with two places within [low, high]."""
    return st.integers(int(low / _CENT), int(high / _CENT)).map(lambda n: Decimal(n) * _CENT)


def _bounds(cuts: list[Decimal], flags: list[bool]) -> list[tuple[Bound | None, Bound | None]]:
    """Adjacent intervals covering every value, cut at *cuts* (ascending)."""
    out: list[tuple[Bound | None, Bound | None]] = []
    lower: Bound | None = None
    for cut, inclusive in zip(cuts, flags, strict=True):
        out.append((lower, Bound(value=cut, inclusive=inclusive)))
        lower = Bound(value=cut, inclusive=not inclusive)
    out.append((lower, None))
    return out


@st.composite
def _tiers(draw: st.DrawFn, top: Decimal, *, monotone: bool) -> Tiers:
    cuts = sorted(set(draw(st.lists(_amount(Decimal(0), Decimal(100)), min_size=1, max_size=4))))
    flags = draw(st.lists(st.booleans(), min_size=len(cuts), max_size=len(cuts)))
    points = draw(
        st.lists(_amount(Decimal(0), top), min_size=len(cuts) + 1, max_size=len(cuts) + 1)
    )
    if monotone:
        points.sort()
    spans = _bounds(cuts, flags)
    return Tiers(
        tiers=tuple(
            Tier(points=p, lower=lo, upper=hi) for p, (lo, hi) in zip(points, spans, strict=True)
        )
    )


@st.composite
def _two_tiers(draw: st.DrawFn, top: Decimal, *, monotone: bool) -> TwoInputTiers:
    def axis() -> tuple[Interval, ...]:
        cuts = sorted(
            set(draw(st.lists(_amount(Decimal(0), Decimal(100)), min_size=1, max_size=3)))
        )
        flags = draw(st.lists(st.booleans(), min_size=len(cuts), max_size=len(cuts)))
        return tuple(Interval(lower=lo, upper=hi) for lo, hi in _bounds(cuts, flags))

    rows, columns = axis(), axis()
    half = (top / 2).quantize(_CENT, rounding=ROUND_DOWN)
    row_part = draw(st.lists(_amount(Decimal(0), half), min_size=len(rows), max_size=len(rows)))
    col_part = draw(
        st.lists(_amount(Decimal(0), half), min_size=len(columns), max_size=len(columns))
    )
    if monotone:
        row_part.sort()
        col_part.sort()
    grid = tuple(tuple(r + c for c in col_part) for r in row_part)
    return TwoInputTiers(
        rows=rows,
        columns=columns,
        points=grid,
        first_label="Số hồ sơ",
        second_label="Tỷ lệ trễ hạn",
    )


@st.composite
def _method(draw: st.DrawFn, top: Decimal, *, monotone: bool) -> Method:
    kinds = ["manual", "yes-no", "share", "achievement", "tiers", "tiers-2", "per-occurrence"]
    if not monotone:
        kinds += ["comparative", "one-of"]
    kind = draw(st.sampled_from(kinds))
    if kind == "manual":
        return ManualPoints()
    if kind == "yes-no":
        yes = draw(_amount(Decimal(0), top))
        no = draw(_amount(Decimal(0), yes))
        per = None if monotone else draw(st.none() | _amount(_CENT, Decimal(5)))
        return YesNo(yes_points=yes, no_points=no, per_shortcoming=per)
    if kind == "share":
        return Share()
    if kind == "achievement":
        return Achievement(cap_percent=draw(st.sampled_from([Decimal(100), Decimal(200)])))
    if kind == "tiers":
        return draw(_tiers(top, monotone=monotone))
    if kind == "tiers-2":
        return draw(_two_tiers(top, monotone=monotone))
    if kind == "per-occurrence":
        per = draw(_amount(_CENT, Decimal(3)))
        if monotone or draw(st.booleans()):
            return PerOccurrence(
                start=Decimal(0), per_occurrence=per, limit=draw(st.none() | st.just(top))
            )
        return PerOccurrence(start=top, per_occurrence=-per)
    if kind == "comparative":
        return Comparative(at_target_percent=draw(st.sampled_from([Decimal(50), Decimal(60)])))
    count = draw(st.integers(1, 3))
    points = draw(st.lists(_amount(Decimal(0), top), min_size=count, max_size=count))
    return OneOf(
        options=tuple(
            Option(code=f"O{i}", label=f"Lựa chọn {i}", points=p) for i, p in enumerate(points)
        )
    )


@st.composite
def _node(
    draw: st.DrawFn, counter: list[int], depth: int, *, monotone: bool, plain: bool = False
) -> Section | Criterion:
    counter[0] += 1
    code = f"C{counter[0]}"
    if depth < 3 and draw(st.integers(0, 3)) == 0:  # noqa: PLR2004
        children = tuple(
            draw(_node(counter, depth + 1, monotone=monotone, plain=plain))
            for _ in range(draw(st.integers(1, 3)))
        )
        ceilings = [c.ceiling() for c in children]
        known = [c for c in ceilings if c is not None]
        cap: Decimal | None = None
        if draw(st.booleans()) and known and len(known) == len(ceilings):
            least = max(Decimal(c.numerator) / Decimal(c.denominator) for c in known)
            cap = least.quantize(_CENT) + draw(_amount(Decimal(0), Decimal(10)))
            if cap < least:
                cap += _CENT
        return Section(code=code, label=f"Mục {code}", children=children, cap=cap)
    top = draw(_amount(Decimal("0.5"), Decimal(30)))
    # Codes as tables write them, as well as plain ones.
    if not plain:
        code = draw(
            st.sampled_from([code, f"I/{counter[0]}.b", f"{counter[0]}.1 d", f"C{counter[0]}[a]"])
        )
    method = draw(_method(top, monotone=monotone))
    most = method.ceiling(top)
    excess = most is None or most > top
    bonus_cap = Decimal(2) if excess else draw(st.none() | st.just(Decimal(2)))
    adjustments: tuple[ItemAdjustment, ...] = ()
    if not monotone and not plain and draw(st.booleans()):
        adjustments = (
            ItemAdjustment(
                code=f"{code} trừ",
                label="Mỗi lỗi bị phát hiện",
                effect=Effect.DEDUCTION,
                amount=PerCase(points=Decimal("0.5")),
                cap=draw(st.none() | st.just(Decimal(2))),
                waiver=draw(
                    st.none() | st.just(Waiver(code=f"{code} tự phát hiện", label="Tự phát hiện"))
                ),
            ),
            ItemAdjustment(
                code=f"{code} cộng",
                label="Hoàn thành sớm",
                effect=Effect.BONUS,
                amount=Flat(points=Decimal(1)),
                cap=Decimal(1),
            ),
        )
    return Criterion(
        code=code,
        label=draw(vietnamese_names()),
        max_points=top,
        method=method,
        bonus_cap=bonus_cap,
        missing=None if plain else draw(st.none() | st.sampled_from(MissingRow)),
        precedence=()
        if plain
        else draw(
            st.sampled_from([(), (Layer.COUNCIL_APPRAISAL, Layer.GROUP_APPRAISAL, Layer.SELF)])
        ),
        adjustments=adjustments,
        deduction_cap=draw(st.none() | st.just(Decimal("1.5"))) if adjustments else None,
    )


@st.composite
def _adjustments(draw: st.DrawFn) -> tuple[Bonus | AwardBonus | Penalty | KnockoutRule, ...]:
    out: list[Bonus | AwardBonus | Penalty | KnockoutRule] = []
    if draw(st.booleans()):
        out.append(Bonus(code="THUONG", label="Điểm thưởng", cap=Decimal(20)))
    if draw(st.booleans()):
        out.append(
            Bonus(
                code="SANGKIEN",
                label="Sáng kiến",
                per_case=Decimal(2),
                cap=draw(st.none() | st.just(Decimal(6))),
            )
        )
    if draw(st.booleans()):
        awards = (
            AwardPoints(code="CITY", label="Cờ thi đua xuất sắc của thành phố", points=Decimal(10)),
            AwardPoints(code="GOV", label="Cờ thi đua của Chính phủ", points=Decimal(15)),
        )
        out.append(
            AwardBonus(
                code="CO",
                label="Thưởng danh hiệu",
                awards=awards,
                stacking=draw(st.sampled_from(Stacking)),
            )
        )
    if draw(st.booleans()):
        out.append(Penalty(code="KHONGKY", label="Không ký giao ước", points=Decimal(8)))
    if draw(st.booleans()):
        out.append(
            Penalty(
                code="CHAM", label="Báo cáo chậm", points=Decimal(1), per_case=True, cap=Decimal(5)
            )
        )
    if draw(st.booleans()):
        out.append(
            KnockoutRule(
                code="VIPHAM", label="Vi phạm nghiêm trọng", bars=(Bar.CLASSIFICATION, Bar.LEADING)
            )
        )
    return tuple(out)


@st.composite
def _scheme(draw: st.DrawFn, *, monotone: bool, peer: bool, plain: bool = False) -> Scheme:
    counter = [0]
    criteria = tuple(
        draw(_node(counter, 0, monotone=monotone, plain=plain))
        for _ in range(draw(st.integers(1, 4)))
    )
    probe = Scheme(
        code="PROBE",
        label="Thử",
        first_year=2019,
        scale=Decimal(10**6),
        criteria=criteria,
        combination=Combination(layers=LayerRule.LAST),
    )
    most = probe.maximum()
    scale = Decimal(100) if most is None or most <= 100 else Decimal(1000) * (1 + int(most) // 1000)  # noqa: PLR2004
    places = draw(st.sampled_from([2, 3]))
    rounding = RoundingRule(
        mode=draw(st.sampled_from(RoundingMode)),
        places=places,
        steps=(
            RoundingStep.CRITERION,
            *draw(st.sets(st.sampled_from([RoundingStep.SECTION, RoundingStep.TOTAL]))),
        ),
    )
    statistic = draw(st.sampled_from(PeerStatistic))
    peer_rule = (
        PeerRule(
            statistic=statistic,
            trim=1 if statistic is PeerStatistic.TRIMMED_MEAN else 0,
            normalise=draw(st.booleans()),
        )
        if peer
        else None
    )
    bands = (
        Band(code="KHA", label="Khá", upper=Bound(value=Decimal(50), inclusive=False)),
        Band(code="XS", label="Xuất sắc", lower=Bound(value=Decimal(50), inclusive=True)),
    )
    sections = [n.code for _, n in probe.walk() if isinstance(n, Section)]
    leaves = [n.code for n in probe.leaves()]
    tie_breaks: list[SectionTieBreak | CriterionTieBreak | FewerPenalties] = []
    by_section = draw(st.booleans())
    if sections and by_section:
        tie_breaks.append(SectionTieBreak(section=draw(st.sampled_from(sections))))
    if draw(st.booleans()):
        tie_breaks.append(FewerPenalties())
    if draw(st.booleans()):
        tie_breaks.append(CriterionTieBreak(criterion=draw(st.sampled_from(leaves))))
    return Scheme(
        code="BANGDIEM",
        label=draw(vietnamese_names()),
        first_year=2019,
        last_year=draw(st.none() | st.just(2020)),
        scale=scale,
        criteria=criteria,
        adjustments=draw(_adjustments()),
        bonus_cap=draw(st.none() | st.just(Decimal(25))),
        rounding=rounding,
        combination=Combination(layers=draw(st.sampled_from(LayerRule)), peer=peer_rule),
        bands=bands,
        tie_breaks=tuple(tie_breaks),
        missing=MissingRow.REFUSED if plain else draw(st.sampled_from(MissingRow)),
        deduction_floor=DeductionFloor.ZERO if plain else draw(st.sampled_from(DeductionFloor)),
    )


def scoring_schemes(
    *, monotone: bool = False, peers: bool = False, plain: bool = False
) -> st.SearchStrategy[Scheme]:
    """Valid schemes: trees up to three levels, every method, adjustments, rounding, bands.

    Args:
        monotone: Only methods whose points never fall as their input rises.
        peers: Declare a peer rule (mean, median or trimmed mean, normalised or not).
        plain: None of the constructs of format 1.1 (adjustments, entered points over
            computed ones, missing-row rules, codes as tables write them).
    """
    return _scheme(monotone=monotone, peer=peers, plain=plain)


def _value(draw: st.DrawFn, method: Method, top: Decimal) -> Input:
    if isinstance(method, ManualPoints):
        return PointsInput(points=draw(_amount(Decimal(0), top)))
    if isinstance(method, YesNo):
        shortcomings = draw(st.integers(0, 3)) if method.per_shortcoming is not None else 0
        return YesNoInput(met=draw(st.booleans()), shortcomings=shortcomings)
    if isinstance(method, Share):
        return ShareInput(percent=draw(_amount(Decimal(0), Decimal(100))))
    if isinstance(method, Achievement):
        return AchievementInput(
            actual=draw(_amount(Decimal(0), Decimal(200))), target=draw(st.sampled_from(_TARGETS))
        )
    if isinstance(method, Tiers):
        return ValueInput(value=draw(_amount(Decimal(-10), Decimal(110))))
    if isinstance(method, TwoInputTiers):
        return TwoValuesInput(
            first=draw(_amount(Decimal(0), Decimal(110))),
            second=draw(_amount(Decimal(0), Decimal(110))),
        )
    if isinstance(method, PerOccurrence):
        return CountInput(count=draw(st.integers(0, 6)))
    if isinstance(method, Comparative):
        target = draw(st.none() | st.sampled_from(_TARGETS))
        return AchievementInput(actual=draw(_amount(Decimal(0), Decimal(200))), target=target)
    assert isinstance(method, OneOf)  # noqa: S101 - the last method
    return ChoiceInput(option=draw(st.none() | st.sampled_from([o.code for o in method.options])))


def _adjustment_input(
    draw: st.DrawFn, adjustment: Bonus | AwardBonus | Penalty | KnockoutRule
) -> Input:
    if isinstance(adjustment, Bonus):
        if adjustment.per_case is None:
            return PointsInput(points=draw(_amount(Decimal(0), adjustment.cap or Decimal(10))))
        return CountInput(count=draw(st.integers(0, 5)))
    if isinstance(adjustment, AwardBonus):
        held = draw(st.lists(st.sampled_from([a.code for a in adjustment.awards]), unique=True))
        return AwardsInput(held=tuple(held))
    if isinstance(adjustment, Penalty) and adjustment.per_case:
        return CountInput(count=draw(st.integers(0, 7)))
    return YesNoInput(met=draw(st.booleans()))


@st.composite
def _scoring(
    draw: st.DrawFn,
    *,
    monotone: bool,
    peers: bool,
    min_units: int,
    max_units: int,
    plain: bool = False,
) -> Scoring:
    scheme = draw(scoring_schemes(monotone=monotone, peers=peers, plain=plain))
    count = draw(st.integers(min_units, max_units))
    units = tuple(SheetUnit(code=f"DV{i}", name=f"Đơn vị {i}") for i in range(count))
    layers = [Layer.SELF, Layer.GROUP_APPRAISAL, Layer.COUNCIL_APPRAISAL]
    assessments: list[Assessment] = []
    for unit in units:
        for criterion in scheme.leaves():
            rule = criterion.missing if criterion.missing is not None else scheme.missing
            least = 1 if rule is MissingRow.REFUSED else 0
            chosen = draw(
                st.lists(st.sampled_from(layers), min_size=least, max_size=3, unique=True)
            )
            for item in criterion.adjustments:
                if draw(st.booleans()):
                    value: Input = (
                        CountInput(count=draw(st.integers(0, 6)))
                        if isinstance(item.amount, PerCase)
                        else YesNoInput(met=draw(st.booleans()))
                    )
                    assessments.append(
                        Assessment(unit=unit.code, item=item.code, layer=Layer.SELF, input=value)
                    )
                if item.waiver is not None and draw(st.booleans()):
                    assessments.append(
                        Assessment(
                            unit=unit.code,
                            item=item.waiver.code,
                            layer=Layer.SELF,
                            input=YesNoInput(met=draw(st.booleans())),
                        )
                    )
            for layer in chosen:
                entered = (
                    layer in criterion.precedence
                    and layer is not Layer.SELF
                    and not isinstance(criterion.method, Comparative | ManualPoints)
                    and draw(st.booleans())
                )
                bonus = None
                if criterion.bonus_cap is not None and draw(st.booleans()):
                    bonus = draw(_amount(Decimal(0), criterion.bonus_cap))
                assessments.append(
                    Assessment(
                        unit=unit.code,
                        item=criterion.code,
                        layer=layer,
                        input=(
                            PointsInput(points=draw(_amount(Decimal(0), criterion.max_points)))
                            if entered
                            else _value(draw, criterion.method, criterion.max_points)
                        ),
                        bonus=bonus,
                    )
                )
            fact = isinstance(criterion.method, Comparative)
            if peers and not fact:
                for assessor in draw(
                    st.lists(
                        st.sampled_from(["HN", "HCM", "HP", "DN", "CT"]),
                        min_size=3,
                        max_size=5,
                        unique=True,
                    )
                ):
                    assessments.append(  # noqa: PERF401 - draws in order
                        Assessment(
                            unit=unit.code,
                            item=criterion.code,
                            layer=Layer.PEER,
                            assessor=assessor,
                            input=_value(draw, criterion.method, criterion.max_points),
                        )
                    )
        for adjustment in scheme.adjustments:
            if draw(st.booleans()):
                assessments.append(  # noqa: PERF401 - draws in order
                    Assessment(
                        unit=unit.code,
                        item=adjustment.code,
                        layer=Layer.SELF,
                        input=_adjustment_input(draw, adjustment),
                    )
                )
    sheet = ScoringSheet(year=2019, scheme=scheme.code, units=units, assessments=tuple(assessments))
    return Scoring(schemes=(scheme,), sheets=(sheet,), illustrative=draw(st.booleans()))


def scoring_files(
    *,
    monotone: bool = False,
    peers: bool = False,
    min_units: int = 1,
    max_units: int = 5,
    plain: bool = False,
) -> st.SearchStrategy[Scoring]:
    """Valid, complete scoring files: one scheme and one sheet of every unit's inputs.

    Args:
        monotone: Only methods whose points never fall as their input rises.
        peers: Add three to five peer scores per criterion and a peer rule.
        plain: As in :func:`scoring_schemes` (sheets the compact form holds).
        min_units: The fewest units.
        max_units: The most units.
    """
    return _scoring(
        monotone=monotone, peers=peers, min_units=min_units, max_units=max_units, plain=plain
    )


def scoring_results() -> st.SearchStrategy[Results]:
    """Results computed from :func:`scoring_files`."""
    return scoring_files().map(score_all)


def _registrations() -> list[tuple[type, Any]]:
    return [
        (Scheme, scoring_schemes),
        (Scoring, scoring_files),
        (Results, scoring_results),
    ]


REGISTRATIONS = _registrations()
