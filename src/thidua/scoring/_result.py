"""Results: totals per unit with a trace whose lines add up exactly to the total."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any, overload

import attrs

from thidua._base.seals import Seal, digest_reference_field, seal_field
from thidua._base.text import nfc, nfc_or_none
from thidua._base.validation import code_validator, typed_fields
from thidua.errors import InvalidModelError
from thidua.scoring._assessment import Layer
from thidua.scoring._codes import item_code
from thidua.scoring._numbers import EXACT, vn
from thidua.scoring._scheme import Bar

__all__ = [
    "LineKind",
    "LineSource",
    "Results",
    "Subtotal",
    "Trace",
    "TraceLine",
    "UnitResult",
    "UnscoredUnit",
    "YearResults",
]


class LineKind(enum.StrEnum):
    """What a trace line records."""

    CRITERION = "criterion"
    """A criterion's points (after its own caps and criterion-step rounding)."""
    SECTION_CAP = "section-cap"
    """Points cut because a section's children exceed its cap (negative)."""
    CRITERION_BONUS = "criterion-bonus"
    """Bonus points given on a criterion."""
    BONUS = "bonus"
    """A table-wide bonus."""
    AWARD_BONUS = "award-bonus"
    """A bonus for awards held."""
    BONUS_CAP = "bonus-cap"
    """Bonus points cut by the table's bonus cap (negative)."""
    PENALTY = "penalty"
    """A penalty (negative)."""
    KNOCKOUT = "knockout"
    """A knockout rule that applies (0 points: it bars, it does not deduct)."""
    ROUNDING = "rounding"
    """Rounding at a declared section or total step (the difference it made)."""
    ITEM_DEDUCTION = "item-deduction"
    """A criterion's deduction computed from its input (negative)."""
    DEDUCTION_CAP = "deduction-cap"
    """Deductions given back because a criterion's deduction cap was reached."""
    DEDUCTION_FLOOR = "deduction-floor"
    """Deductions given back because the item stops at 0."""


class LineSource(enum.StrEnum):
    """Where a criterion's figure comes from."""

    COMPUTED = "computed"
    """Computed by the criterion's method from the counted layer's input."""
    ENTERED = "entered"
    """Entered as points by the counted layer over the computed figure."""
    DEFAULT = "default"
    """No row: the missing-row rule gave it (the base, or 0)."""


_LINE_WORDS = {
    LineKind.CRITERION: "Tiêu chí",
    LineKind.SECTION_CAP: "Giới hạn mục",
    LineKind.CRITERION_BONUS: "Điểm thưởng tiêu chí",
    LineKind.BONUS: "Điểm thưởng",
    LineKind.AWARD_BONUS: "Thưởng danh hiệu",
    LineKind.BONUS_CAP: "Giới hạn điểm thưởng",
    LineKind.PENALTY: "Điểm trừ",
    LineKind.KNOCKOUT: "Điều kiện loại trừ",
    LineKind.ROUNDING: "Làm tròn",
    LineKind.ITEM_DEDUCTION: "Điểm trừ tiêu chí",
    LineKind.DEDUCTION_CAP: "Giới hạn điểm trừ",
    LineKind.DEDUCTION_FLOOR: "Không trừ dưới 0",
}

_SOURCE_WORDS = {
    LineSource.COMPUTED: "tính từ số liệu",
    LineSource.ENTERED: "điểm nhập",
    LineSource.DEFAULT: "không có dòng",
}

_LAYER_WORDS = {
    Layer.SELF: "tự chấm",
    Layer.PEER: "chấm chéo",
    Layer.GROUP_APPRAISAL: "cụm/khối thẩm định",
    Layer.COUNCIL_APPRAISAL: "Hội đồng thẩm định",
}

_BAR_WORDS = {
    Bar.CLASSIFICATION: "xếp loại",
    Bar.TITLE: "danh hiệu",
    Bar.LEADING: "dẫn đầu",
}


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class TraceLine:
    """One line of a unit's trace.

    Args:
        kind: What the line records.
        code: The criterion, section or adjustment it is about (``"total"`` for the
            total's rounding).
        label: That item's label (Vietnamese).
        rule: The rule applied, with its arithmetic (Vietnamese).
        points: The points the line adds (negative for cuts and penalties).
        input: The input read, in words, if any.
        layer: The layer whose input counted, if any.
        cap: The cap that limited the points, if one did.
        unrounded: The exact value before criterion-step rounding, when it changed.
        depth: The line's depth in the criteria tree (0 for adjustments).
        source: For a criterion, whether its figure was computed, entered or the
            missing-row default.
    """

    kind: LineKind
    code: str
    label: str = attrs.field(converter=nfc)
    rule: str = attrs.field(converter=nfc)
    points: Decimal
    input: str | None = attrs.field(default=None, converter=nfc_or_none)
    layer: Layer | None = None
    cap: Decimal | None = None
    unrounded: str | None = None
    depth: int = 0
    source: LineSource | None = None

    def render(self) -> str:
        """The line in Vietnamese, for people."""
        head = f"{'  ' * self.depth}{_LINE_WORDS[self.kind]} {self.code} {self.label}"
        parts = [head]
        if self.input is not None:
            words = [_LAYER_WORDS[self.layer]] if self.layer is not None else []
            if self.source is not None:
                words.append(_SOURCE_WORDS[self.source])
            layer = f" ({', '.join(words)})" if words else ""
            parts.append(f"{'  ' * self.depth}  Đầu vào: {self.input}{layer}")
        rule = f"{'  ' * self.depth}  Cách tính: {self.rule}"
        if self.unrounded is not None:
            rule += f" = {self.unrounded}, làm tròn"
        if self.cap is not None:
            rule += f" [giới hạn {vn(self.cap)}]"
        parts.append(rule)
        parts.append(f"{'  ' * self.depth}  Điểm: {_signed(self.points)}")
        return "\n".join(parts)


class Trace(Sequence[TraceLine]):
    """A unit's trace: an immutable sequence of lines that add up to its total.

    A plain value that reads like a tuple (index, slice, length, equality with tuples,
    hashing, pickling). The engine fills it when asked (``score(..., trace=True)`` or
    :func:`~thidua.scoring.explain`); otherwise a result's trace is empty.

    Args:
        lines: The lines, in order.
    """

    __slots__ = ("_lines",)

    def __init__(self, lines: Iterable[TraceLine] = ()) -> None:
        self._lines: tuple[TraceLine, ...] = tuple(lines)

    def check(self, total: Decimal) -> None:
        """Raise ``trace-mismatch`` unless the lines add up exactly to *total* (if any)."""
        if self._lines:
            check_trace(self._lines, total)

    @overload
    def __getitem__(self, index: int) -> TraceLine: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[TraceLine, ...]: ...
    def __getitem__(self, index: int | slice) -> TraceLine | tuple[TraceLine, ...]:
        return self._lines[index]

    def __len__(self) -> int:
        return len(self._lines)

    def __iter__(self) -> Iterator[TraceLine]:
        return iter(self._lines)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Trace):
            return self._lines == other._lines
        if isinstance(other, tuple):
            return self._lines == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._lines)

    def __repr__(self) -> str:
        return f"Trace({self._lines!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return Trace, (self._lines,)


def _as_trace(lines: Iterable[TraceLine]) -> Trace:
    return lines if isinstance(lines, Trace) else Trace(lines)


def _signed(value: Decimal) -> str:
    text = vn(value)
    return text if value < 0 else f"+{text}"


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Subtotal:
    """A section's points after its cap (and rounding at the section step).

    Args:
        section: The section's code.
        points: Its subtotal: its criteria after their deductions, as counted in the base.
        before_adjustments: The same before its criteria's bonuses and deductions.
        after_adjustments: Its subtotal with its criteria's bonuses added (after their own
            caps, before the table's bonus cap).
    """

    section: str = attrs.field(validator=item_code)
    points: Decimal
    before_adjustments: Decimal | None = None
    after_adjustments: Decimal | None = None


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class UnitResult:
    """One unit's result for one year.

    Args:
        unit: The unit's code.
        name: The unit's name.
        total: The total: criteria, bonuses and penalties, as rounded where declared.
        rank: The rank by total and tie-breaks; tied units share it.
        tied: True when another unit is equal on the total and every tie-break.
        classification: The band's label, or ``None`` (no band, or barred).
        band: The band's code, or ``None``.
        base: The criteria's points after section caps and section rounding.
        bonus_total: The bonus points counted, after caps.
        penalty_total: The penalty points deducted (a positive number).
        subtotals: Each section's subtotal, in table order.
        knockouts: The codes of the knockout rules that apply.
        barred_from: What the knockouts bar the unit from.
        trace: The lines, which add up exactly to the total; empty when the trace was not
            asked for (``score(..., trace=True)``, or :func:`~thidua.scoring.explain` for
            one unit). Given as any sequence of lines, kept as a :class:`Trace`.
    """

    unit: str = attrs.field(validator=code_validator)
    name: str = attrs.field(converter=nfc)
    total: Decimal
    rank: int
    tied: bool
    classification: str | None = None
    band: str | None = None
    base: Decimal
    bonus_total: Decimal
    penalty_total: Decimal
    subtotals: tuple[Subtotal, ...] = ()
    knockouts: tuple[str, ...] = ()
    barred_from: tuple[Bar, ...] = ()
    trace: Trace = attrs.field(converter=_as_trace)

    def __attrs_post_init__(self) -> None:
        self.trace.check(self.total)
        if self.rank < 1:
            raise InvalidModelError("ranks start at 1", path="rank", code="out-of-range")

    def explain(self) -> str:
        """The trace printed in Vietnamese, ending with the total."""
        lines = [f"Đơn vị {self.unit} — {self.name}"]
        lines += [line.render() for line in self.trace]
        if self.subtotals:
            parts = "; ".join(_subtotal_text(s) for s in self.subtotals)
            lines.append(f"Điểm theo mục: {parts}")
        lines.append(
            f"Điểm tiêu chí: {vn(self.base)}; điểm thưởng: {vn(self.bonus_total)};"
            f" điểm trừ: {vn(self.penalty_total)}"
        )
        lines.append(f"Tổng điểm: {vn(self.total)}")
        lines.append(f"Xếp hạng: {self.rank}{' (đồng hạng)' if self.tied else ''}")
        lines.append(f"Xếp loại: {self.classification or 'không xếp loại'}")
        if self.barred_from:
            barred = ", ".join(_BAR_WORDS[bar] for bar in self.barred_from)
            lines.append(f"Không được xét: {barred} ({', '.join(self.knockouts)})")
        return "\n".join(lines)


def _subtotal_text(subtotal: Subtotal) -> str:
    before, after = subtotal.before_adjustments, subtotal.after_adjustments
    if before is None or after is None or before == subtotal.points == after:
        return f"{subtotal.section}: {vn(subtotal.points)}"
    return (
        f"{subtotal.section}: {vn(subtotal.points)} (trước cộng, trừ {vn(before)};"
        f" sau cộng, trừ {vn(after)})"
    )


@attrs.frozen(kw_only=True)
class UnscoredUnit:
    """A unit left unscored because some of its rows are invalid (``on_error="flag"``).

    Args:
        unit: The unit's code.
        name: The unit's name.
        problems: Its rows' problems, each ``"path: message"`` (paths relative to the sheet).
    """

    unit: str = attrs.field(validator=code_validator)
    name: str = attrs.field(converter=nfc)
    problems: tuple[str, ...]


def check_trace(lines: Sequence[TraceLine], total: Decimal) -> None:
    """Raise ``trace-mismatch`` unless *lines* add up exactly to *total*."""
    summed = Decimal(0)
    try:
        for line in lines:
            summed = EXACT.add(summed, line.points)  # exact: no context rounds the sum
    except ArithmeticError:
        msg = f"the trace does not add up exactly to the total {total}"
        raise InvalidModelError(msg, path="trace", code="trace-mismatch") from None
    if summed != total:
        msg = f"the trace adds up to {summed}, not the total {total}"
        raise InvalidModelError(msg, path="trace", code="trace-mismatch")


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class YearResults:
    """The results of one year's sheet.

    Args:
        year: The year scored.
        scheme: The code of the scheme applied.
        units: Each unit's result, by rank (tied units by code, for display only).
        leaders: The best-ranked units not barred from leading.
        unscored: The units not scored because some of their rows are invalid
            (``on_error="flag"``), with their problems; none of their values counts.
    """

    year: int
    scheme: str = attrs.field(validator=code_validator)
    units: tuple[UnitResult, ...]
    leaders: tuple[str, ...] = ()
    unscored: tuple[UnscoredUnit, ...] = ()

    def unit(self, code: str) -> UnitResult:
        """The result of the unit *code*.

        Raises:
            KeyError: no unit has that code.
        """
        for result in self.units:
            if result.unit == code:
                return result
        raise KeyError(code)

    def table(self) -> str:
        """A ranking table in Vietnamese."""
        header = f"Năm {self.year} — bảng điểm {self.scheme}"
        rows = [header, "Hạng  Đơn vị        Tổng điểm  Xếp loại"]
        for result in self.units:
            rank = f"{result.rank}{'=' if result.tied else ''}"
            band = result.classification or "không xếp loại"
            rows.append(f"{rank:<5} {result.unit:<13} {vn(result.total):>9}  {band}")
        if self.leaders:
            rows.append(f"Dẫn đầu: {', '.join(self.leaders)}")
        for unscored in self.unscored:
            rows.append(f"Không chấm điểm {unscored.unit}: dữ liệu không hợp lệ")
            rows.extend(f"  {problem}" for problem in unscored.problems)
        return "\n".join(rows)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Results:
    """The results of a scoring file, one entry per year (document kind ``"results"``).

    Args:
        years: One result per sheet, by year.
        illustrative: True when the scoring file was marked illustrative.
        note: The scoring file's note, if any.
        computed_from: Digest of the scoring document (the schemes agreed at the start of
            the year and the sheets) the results were computed from, so that
            ``thidua verify RESULTS --against SCORING`` can check it.
        seal: The results' own digests, recorded when they were published.
    """

    years: tuple[YearResults, ...]
    illustrative: bool = False
    note: str | None = attrs.field(default=None, converter=nfc_or_none)
    computed_from: str | None = digest_reference_field("scoring", default=None)
    seal: Seal | None = seal_field()
