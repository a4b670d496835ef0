"""Assessments in layers, scoring sheets and the scoring document."""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import weakref
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any, Final

import attrs

from thidua._base.privacy import Pseudonyms, personal_field
from thidua._base.text import nfc, nfc_or_none
from thidua._base.validation import (
    code_validator,
    nfc_tuple,
    non_blank,
    typed_fields,
    unique_codes,
)
from thidua.errors import InvalidModelError, Problem, SheetError
from thidua.scoring._codes import item_code
from thidua.scoring._inputs import (
    AwardsInput,
    CountInput,
    Input,
    PointsInput,
    YesNoInput,
    input_problem,
    input_tag,
)
from thidua.scoring._layers import Layer
from thidua.scoring._methods import Comparative
from thidua.scoring._scheme import (
    AwardBonus,
    Bonus,
    Criterion,
    ItemAdjustment,
    MissingRow,
    PeerRule,
    PeerStatistic,
    Penalty,
    Scheme,
)

__all__ = [
    "Assessment",
    "Layer",
    "Scoring",
    "ScoringSheet",
    "SheetProblem",
    "SheetUnit",
    "check_sheet",
    "deferred_sheet_checks",
    "sheet_problems",
]

#: The ids of the scoring files built while their sheet checks were deferred (removed
#: when the file is collected): only these are checked again when scored.
_UNCHECKED: Final[set[int]] = set()

#: True while :func:`deferred_sheet_checks` is active.
_DEFERRED: Final = contextvars.ContextVar("thidua_deferred_sheet_checks", default=False)


@contextlib.contextmanager
def deferred_sheet_checks() -> Iterator[None]:
    """Build scoring files whose sheets are checked against their schemes only when scored.

    For ``score_all(..., on_error="flag")``: within this block a :class:`Scoring` whose
    rows do not fit its schemes is built (the years, schemes and rows themselves are
    still checked), so that scoring can mark the units with invalid rows.
    """
    token = _DEFERRED.set(True)
    try:
        yield
    finally:
        _DEFERRED.reset(token)


#: ``Layer.PEER`` read once: a member looked up on its class costs a call through the enum
#: machinery, and the checks below compare it for every assessment.
_PEER: Final = Layer.PEER


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Assessment:
    """One layer's raw input for one unit and one item (criterion or adjustment).

    Args:
        unit: The unit's code.
        item: The code of the criterion or adjustment assessed.
        layer: Who scored.
        input: The raw input the item's method reads.
        assessor: Who assessed (a unit code or a person); required for peers.
        date: When, if known.
        comment: Any remark (Vietnamese).
        evidence: References to the evidence (document numbers, file names).
        bonus: Bonus points on the criterion, within its ``bonus_cap``.
    """

    unit: str = attrs.field(validator=code_validator)
    item: str = attrs.field(validator=item_code)
    layer: Layer
    input: Input
    assessor: str | None = personal_field(default=None, converter=nfc_or_none)
    date: dt.date | None = None
    comment: str | None = attrs.field(default=None, converter=nfc_or_none)
    evidence: tuple[str, ...] = attrs.field(default=(), converter=nfc_tuple)
    bonus: Decimal | None = None

    def __attrs_post_init__(self) -> None:
        problem = input_problem(self.input)
        if problem is not None:
            path, message = problem
            raise InvalidModelError(
                f"{self.where()}: {message}", path=f"input.{path}", code="out-of-range"
            )
        if self.bonus is not None and self.bonus < 0:
            msg = f"{self.where()}: bonus {format(self.bonus, 'f')} is negative"
            raise InvalidModelError(msg, path="bonus", code="out-of-range")
        if self.layer is _PEER and not self.assessor:
            msg = f"{self.where()}: a peer score names its assessor"
            raise InvalidModelError(msg, path="assessor", code="missing-assessor")
        for index, ref in enumerate(self.evidence):
            if not ref:
                raise InvalidModelError("empty reference", path=f"evidence[{index}]", code="empty")

    def where(self) -> str:
        """Name the unit, item and layer, for messages."""
        return f"unit {self.unit}, criterion {self.item}, layer {self.layer.value}"


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class SheetUnit:
    """A unit scored on a sheet.

    Args:
        code: Its code, unique on the sheet.
        name: Its name (Vietnamese).
    """

    code: str = attrs.field(validator=code_validator)
    name: str = attrs.field(converter=nfc, validator=non_blank)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class ScoringSheet:
    """One year's assessments of a group's units against one scheme.

    Args:
        year: The year scored.
        scheme: The code of the scheme in force for the year.
        units: The units scored, with distinct codes.
        assessments: Every layer's inputs, in any order.
    """

    year: int
    scheme: str = attrs.field(validator=code_validator)
    units: tuple[SheetUnit, ...]
    assessments: tuple[Assessment, ...]

    def __attrs_post_init__(self) -> None:
        if not self.units:
            raise InvalidModelError("a sheet needs units", path="units", code="empty")
        unique_codes(self.units, "units")
        codes = {unit.code for unit in self.units}
        # By unit, then (item, layer, peer's assessor): a unit's assessments usually come
        # together, and its small table stays in the cache while they are checked.
        seen: dict[str, dict[tuple[str, Layer, str | None], int]] = {}
        for index, assessment in enumerate(self.assessments):
            unit = assessment.unit
            if unit not in codes:
                msg = f"no unit has the code {unit!r}"
                raise InvalidModelError(msg, path=f"assessments[{index}].unit", code="unknown-unit")
            assessor = assessment.assessor if assessment.layer is _PEER else None
            key = (assessment.item, assessment.layer, assessor)
            unit_seen = seen.get(unit)
            if unit_seen is None:
                unit_seen = seen[unit] = {}
            if key in unit_seen:
                first = unit_seen[key]
                msg = f"{assessment.where()}: assessed twice (first at assessments[{first}])"
                raise InvalidModelError(
                    msg, path=f"assessments[{index}]", code="duplicate-assessment"
                )
            unit_seen[key] = index


def _expected_inputs(scheme: Scheme) -> dict[str, tuple[object, type]]:
    """Each item code of *scheme* with its node and the input class it reads.

    Built once per sheet: looking an item up in this table instead of walking the
    criteria tree for every assessment keeps checking a sheet linear in its size. A
    scheme's codes are unique across criteria and adjustments, so no entry is replaced.
    """
    found: dict[str, tuple[object, type]] = {}
    for node in scheme.leaves():
        found[node.code] = (node, node.method.input_type)
    for node in scheme.leaves():
        for item in node.adjustments:
            found[item.code] = (item, item.input_type)
            if item.waiver is not None:
                found[item.waiver.code] = (item.waiver, YesNoInput)
    for adjustment in scheme.adjustments:
        if isinstance(adjustment, Bonus):
            expected: type = PointsInput if adjustment.per_case is None else CountInput
        elif isinstance(adjustment, AwardBonus):
            expected = AwardsInput
        elif isinstance(adjustment, Penalty):
            expected = CountInput if adjustment.per_case else YesNoInput
        else:
            expected = YesNoInput
        found[adjustment.code] = (adjustment, expected)
    return found


def _expected_input(scheme: Scheme, item: str) -> tuple[object, type] | None:
    """The node an item code names in *scheme* and the input class it reads, or ``None``."""
    return _expected_inputs(scheme).get(item)


def _adjustment_problem(adjustment: object, value: Input) -> tuple[str, str] | None:
    if (
        isinstance(adjustment, Bonus)
        and isinstance(value, PointsInput)
        and adjustment.cap is not None
        and value.points > adjustment.cap
    ):
        cap = format(adjustment.cap, "f")
        return "points", f"bonus {format(value.points, 'f')} is above its cap {cap}"
    if isinstance(adjustment, AwardBonus) and isinstance(value, AwardsInput):
        known = [award.code for award in adjustment.awards]
        for index, code in enumerate(value.held):
            if code not in known:
                return f"held[{index}]", f"unknown award {code!r}: expected one of {known}"
    return None


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class SheetProblem:
    """One problem of a sheet against its scheme.

    Args:
        unit: The unit whose row it is, or ``None`` for the sheet as a whole.
        path: Where, relative to the sheet (``"assessments[3].input.points"``).
        code: A stable code (``"out-of-range"``, ``"wrong-input"``, ...).
        message: What is wrong, naming the unit, item and layer.
    """

    unit: str | None
    path: str
    code: str
    message: str


def sheet_problems(scheme: Scheme, sheet: ScoringSheet) -> tuple[SheetProblem, ...]:
    """Every problem of a sheet against its scheme, in sheet order then by unit.

    Items, input kinds, ranges, entered points, layers and completeness (as the scheme's
    and each criterion's missing-row rule says) are checked; none stops the others.
    """
    if sheet.scheme != scheme.code:
        msg = f"the sheet is for scheme {sheet.scheme!r}, not {scheme.code!r}"
        details = {"sheet": sheet.scheme, "scheme": scheme.code}
        raise InvalidModelError(msg, path="scheme", code="wrong-scheme", details=details)
    if not scheme.in_force(sheet.year):
        last = "" if scheme.last_year is None else str(scheme.last_year)
        msg = f"scheme {scheme.code!r} is in force for {scheme.first_year}–{last}, not {sheet.year}"
        return (SheetProblem(unit=None, path="year", code="scheme-not-in-force", message=msg),)
    problems: list[SheetProblem] = []
    # By unit, then item: a unit's assessments usually come together (see ScoringSheet).
    by_unit: dict[str, dict[str, list[Assessment]]] = {}
    expected_inputs = _expected_inputs(scheme)
    checks: dict[tuple[str, Layer, type], _RowCheck] = {}
    for index, assessment in enumerate(sheet.assessments):
        key = (assessment.item, assessment.layer, type(assessment.input))
        check = checks.get(key)
        if check is None:
            check = checks[key] = _row_check(expected_inputs, *key)
        problem = check(assessment, index)
        if problem is not None:
            problems.append(problem)
            continue
        unit_items = by_unit.get(assessment.unit)
        if unit_items is None:
            unit_items = by_unit[assessment.unit] = {}
        entries = unit_items.get(assessment.item)
        if entries is None:
            unit_items[assessment.item] = [assessment]
        else:
            entries.append(assessment)
    bad = {p.unit for p in problems}
    problems.extend(_layers_problems(scheme, sheet, by_unit, bad))
    return tuple(problems)


#: Checks one row of a sheet (the assessment and its index) against the scheme.
_RowCheck = Callable[[Assessment, int], "SheetProblem | None"]


def _row_check(
    expected_inputs: dict[str, tuple[object, type]], item_code: str, layer: Layer, kind: type
) -> _RowCheck:
    """The check of the rows of one item, layer and input class.

    What these decide (the item, the input class, whether the points are entered) is
    decided once here; the check reads only what each row's values decide.
    """
    found = expected_inputs.get(item_code)
    if found is None:
        return functools.partial(
            _problem, "item", "unknown-item", "no criterion or adjustment has this code"
        )
    item, expected = found
    entered = (
        isinstance(item, Criterion) and issubclass(kind, PointsInput) and layer in item.precedence
    )
    if not entered and not issubclass(kind, expected):
        message = f"expected a {input_tag(expected)!r} input, got {input_tag(kind)!r}"
        return functools.partial(_problem, "input", "wrong-input", message)
    if isinstance(item, Criterion):
        if entered:
            return functools.partial(_entered_row_problem, item)
        return functools.partial(_criterion_row_problem, item, item.method.input_problem)
    if isinstance(item, ItemAdjustment) and not issubclass(kind, YesNoInput | CountInput):
        return functools.partial(_adjustment_row_problem, functools.partial(_amount_problem, item))
    if isinstance(item, ItemAdjustment):
        return _no_bonus
    return functools.partial(_adjustment_row_problem, functools.partial(_adjustment_problem, item))


def _problem(where: str, code: str, message: str, row: Assessment, index: int) -> SheetProblem:
    return SheetProblem(
        unit=row.unit,
        path=f"assessments[{index}].{where}",
        code=code,
        message=f"{row.where()}: {message}",
    )


def _entered_row_problem(item: Criterion, row: Assessment, index: int) -> SheetProblem | None:
    if row.bonus is not None and (bonus := _bonus_problem(item, row, index)) is not None:
        return bonus
    points = row.input.points  # type: ignore[union-attr]  # a PointsInput, as checked
    if points > item.max_points:
        most = format(item.max_points, "f")
        message = f"entered points {points} are above the maximum {most}"
        return _problem("input.points", "out-of-range", message, row, index)
    return None


def _criterion_row_problem(
    item: Criterion,
    input_problem: Callable[[Any, Decimal], tuple[str, str] | None],
    row: Assessment,
    index: int,
) -> SheetProblem | None:
    if row.bonus is not None and (bonus := _bonus_problem(item, row, index)) is not None:
        return bonus
    problem = input_problem(row.input, item.max_points)
    if problem is not None:
        return _problem(f"input.{problem[0]}", "out-of-range", problem[1], row, index)
    return None


def _bonus_problem(item: Criterion, row: Assessment, index: int) -> SheetProblem | None:
    """A bonus the criterion does not take, or above its cap (checked before the input)."""
    assert row.bonus is not None  # noqa: S101 - tested by the caller
    if item.bonus_cap is None or row.bonus > item.bonus_cap:
        cap = "no bonus" if item.bonus_cap is None else f"a bonus cap of {item.bonus_cap}"
        return _problem("bonus", "out-of-range", f"the criterion has {cap}", row, index)
    return None


def _amount_problem(item: ItemAdjustment, value: Input) -> tuple[str, str] | None:
    return item.amount.input_problem(value, Decimal(0))  # type: ignore[union-attr,arg-type]


def _adjustment_row_problem(
    input_problem: Callable[[Input], tuple[str, str] | None], row: Assessment, index: int
) -> SheetProblem | None:
    if row.bonus is not None:
        return _no_bonus(row, index)
    problem = input_problem(row.input)
    if problem is not None:
        return _problem(f"input.{problem[0]}", "out-of-range", problem[1], row, index)
    return None


def _no_bonus(row: Assessment, index: int) -> SheetProblem | None:
    """An adjustment's row: a bonus is for criteria only (checked before the input)."""
    if row.bonus is not None:
        return _problem("bonus", "inconsistent", "only criteria take a bonus", row, index)
    return None


def sheets_checked(scoring: Scoring) -> bool:
    """Tell whether a scoring file's sheets were checked against their schemes when built."""
    return id(scoring) not in _UNCHECKED


def check_sheet(scheme: Scheme, sheet: ScoringSheet) -> None:
    """Check a sheet against its scheme: items, input kinds, ranges, layers, completeness.

    Raises:
        SheetError: every problem at once (an :class:`InvalidModelError` whose path,
            code and message are the first problem's; :attr:`SheetError.problems`
            lists them all, paths relative to the sheet).
    """
    problems = sheet_problems(scheme, sheet)
    if problems:
        raise SheetError([Problem(p.message, path=p.path, code=p.code) for p in problems])


def _layers_problems(
    scheme: Scheme,
    sheet: ScoringSheet,
    by_unit: dict[str, dict[str, list[Assessment]]],
    bad: set[str | None],
) -> list[SheetProblem]:
    peer = scheme.combination.peer
    facts = {a.code for a in scheme.adjustments} | {
        c.code for c in scheme.leaves() if isinstance(c.method, Comparative)
    }
    problems: list[SheetProblem] = []
    failing = {
        (unit, item): problem
        for unit, unit_items in by_unit.items()
        for item, entries in unit_items.items()
        if (problem := _layer_problem(peer, facts, item, entries)) is not None
    }
    positions = {id(a): i for i, a in enumerate(sheet.assessments)} if failing else {}
    for key in sorted(failing):
        first, message, code, suffix = failing[key]
        problems.append(
            SheetProblem(
                unit=first.unit,
                path=f"assessments[{positions[id(first)]}]{suffix}",
                code=code,
                message=f"{first.where()}: {message}",
            )
        )
    required = [
        c
        for c in scheme.leaves()
        if (c.missing if c.missing is not None else scheme.missing) is MissingRow.REFUSED
    ]
    for unit in sheet.units:
        if unit.code in bad:
            continue
        unit_items = by_unit.get(unit.code, {})
        for criterion in required:
            if criterion.code not in unit_items:
                msg = (
                    f"unit {unit.code}, criterion {criterion.code}: no input in any layer"
                    " (a sheet is complete only when every criterion has one; 0 is a valid"
                    " score)"
                )
                problems.append(
                    SheetProblem(unit=unit.code, path="assessments", code="incomplete", message=msg)
                )
    return problems


def _layer_problem(
    peer: PeerRule | None, facts: set[str], item: str, entries: list[Assessment]
) -> tuple[Assessment, str, str, str] | None:
    """The layers problem of one unit's item: (assessment, message, code, path suffix)."""
    peers = [a for a in entries if a.layer is _PEER]
    if not peers:
        return None
    first = peers[-1]
    if item in facts:
        last = max(a.layer.rank for a in entries)
        if last == Layer.PEER.rank and len({a.input for a in peers}) > 1:
            return (
                first,
                "peers disagree on a fact; one input must count",
                "peers-disagree",
                ".input",
            )
        return None
    if peer is None:
        if len(peers) > 1:
            message = "several peers scored but the scheme declares no peer rule"
            return first, message, "peer-rule-missing", ""
    elif peer.statistic is PeerStatistic.TRIMMED_MEAN and len(peers) <= 2 * peer.trim:
        message = f"{len(peers)} peer scores cannot lose {peer.trim} at each end"
        return first, message, "too-few-peers", ""
    return None


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Scoring:
    """A scoring file: schemes and one sheet per year (the input of ``thidua score``).

    Args:
        schemes: The schemes, with distinct codes.
        sheets: One sheet per year, each scored against the scheme it names.
        illustrative: True when the table or the scores are made up for illustration.
        note: Any remark (plain text).
    """

    schemes: tuple[Scheme, ...]
    sheets: tuple[ScoringSheet, ...]
    illustrative: bool = False
    note: str | None = attrs.field(default=None, converter=nfc_or_none)

    def __attrs_post_init__(self) -> None:
        unique_codes(self.schemes, "schemes")
        if not self.sheets:
            raise InvalidModelError("a scoring needs a sheet", path="sheets", code="empty")
        years: dict[int, int] = {}
        for index, sheet in enumerate(self.sheets):
            if sheet.year in years:
                msg = f"year {sheet.year} has two sheets (first at sheets[{years[sheet.year]}])"
                raise InvalidModelError(msg, path=f"sheets[{index}].year", code="duplicate-year")
            years[sheet.year] = index
            try:
                scheme = self.scheme_for(sheet)
            except KeyError:
                msg = f"no scheme has the code {sheet.scheme!r}"
                raise InvalidModelError(
                    msg, path=f"sheets[{index}].scheme", code="unknown-scheme"
                ) from None
            if _DEFERRED.get():
                if id(self) not in _UNCHECKED:
                    _UNCHECKED.add(id(self))
                    weakref.finalize(self, _UNCHECKED.discard, id(self))
                continue
            problems = sheet_problems(scheme, sheet)
            if problems:
                raise SheetError(
                    [
                        Problem(p.message, path=f"sheets[{index}].{p.path}", code=p.code)
                        for p in problems
                    ]
                )

    def for_unit(self, unit: str) -> Scoring:
        """Return this scoring with only *unit*'s sheets: its own assessments, no other unit's.

        For sending a unit its own score sheets without the other units' data; the
        schemes (the agreed points tables) are kept whole. Whoever assessed the unit other
        than itself (peers, higher layers) gets a stand-in, one per person (``"[đã ẩn]"``,
        ``"[đã ẩn 2]"``, ...), so no other assessor's identity stands next to their scores.

        Raises:
            KeyError: no sheet holds *unit*.
        """
        others = Pseudonyms()

        def own(assessment: Assessment) -> Assessment:
            if assessment.layer is Layer.SELF or assessment.assessor is None:
                return assessment
            return attrs.evolve(assessment, assessor=others(assessment.assessor))

        sheets = tuple(
            attrs.evolve(
                sheet,
                units=tuple(u for u in sheet.units if u.code == unit),
                assessments=tuple(own(a) for a in sheet.assessments if a.unit == unit),
            )
            for sheet in self.sheets
            if any(u.code == unit for u in sheet.units)
        )
        if not sheets:
            msg = f"no sheet holds the unit {unit!r}"
            raise KeyError(msg)
        return attrs.evolve(self, sheets=sheets)

    def scheme_for(self, sheet: ScoringSheet) -> Scheme:
        """The scheme a sheet names.

        Raises:
            KeyError: no scheme has that code.
        """
        for scheme in self.schemes:
            if scheme.code == sheet.scheme:
                return scheme
        raise KeyError(sheet.scheme)
