"""The rows of a published points table built into criteria, adjustments and notes.

The rows are read by :mod:`thidua.exchange._table_import` (columns, numbers) and placed
here by their numbering (:mod:`thidua.exchange._numbering`). A top-level part or Roman
section whose label speaks of bonus points ("Điểm thưởng", "Điểm cộng") or deductions
("Điểm trừ", "Trừ điểm") holds adjustments, not criteria. What the format cannot hold,
or the table does not say, is reported as left for the user to declare, never guessed.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from typing import Final, Protocol

import attrs

from thidua._base.numbers import NumberConvention, format_number, parse_number
from thidua.errors import NO_DETAILS, CellProblem, Details, InvalidModelError, NumberFormatError
from thidua.exchange._numbering import Form, Misplaced, Outline, parse_numbering
from thidua.exchange._sheets import _letter
from thidua.scoring import (
    Bonus,
    Criterion,
    Effect,
    Flat,
    ItemAdjustment,
    ManualPoints,
    Penalty,
    PerCase,
    Scheme,
    Section,
)

__all__ = ["TO_DECLARE", "Builder", "TableImport", "TableNote"]

TO_DECLARE: Final = "to-declare"
"""The code of what a table leaves for the user to declare."""

_TOTAL: Final = ("tổng", "cộng")
_RULE: Final = ("cách chấm", "cách tính điểm", "hướng dẫn chấm", "phương pháp chấm")
_BONUS: Final = ("điểm thưởng", "điểm cộng", "cộng điểm", "thưởng")
_DEDUCTION: Final = ("điểm trừ", "trừ điểm", "trừ")
_BASE_HEADERS: Final = ("điểm chuẩn", "chuẩn")
_MARKS: Final = "-–*+•· "
_AMOUNT_RE: Final = re.compile(
    r"(?:(?:trừ|cộng)\s*)?(?P<amount>[-−+]?\s*[0-9][0-9.,]*)\s*(?:điểm)?\s*"
    r"(?P<per>/\s*[^0-9,;()]+?)?\s*"
    r"(?:[,;(]?\s*tối đa\s*(?:không quá\s*)?(?P<cap>[0-9][0-9.,]*)\s*(?:điểm)?\s*\)?)?"
)


def fold(text: str) -> str:
    """NFC, case-folded, runs of white space collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


class Part(enum.Enum):
    """What the rows under a heading are."""

    CRITERIA = "criteria"
    BONUS = "bonus"
    DEDUCTION = "deduction"


def _part_of(label: str) -> Part | None:
    folded = fold(label).lstrip(_MARKS)
    for word in ("phần ", "mục "):
        folded = folded.removeprefix(word)
    if folded.startswith(_BONUS) or "điểm thưởng" in folded or "điểm cộng" in folded:
        return Part.BONUS
    if folded.startswith(_DEDUCTION) or "điểm trừ" in folded:
        return Part.DEDUCTION
    return None


@attrs.frozen(kw_only=True)
class TableNote:
    """A rule row of a table (Cách chấm), kept as a note of the item above it.

    Args:
        sheet: The sheet (or file) name.
        row: The row number.
        item: The code of the item it follows, empty when above every item.
        text: The row's text, as written.
    """

    sheet: str
    row: int
    item: str
    text: str


@attrs.frozen(kw_only=True)
class TableImport:
    """A points table imported as published: the scheme, its notes, what is left to declare.

    Args:
        scheme: The scheme the table gives.
        notes: The rule rows and rule cells (Cách chấm), by item; also in ``scheme.note``.
        to_declare: What the table does not say, or the format cannot hold yet, each with
            its sheet, row and column (code ``to-declare``): the scheme leaves it out, and
            the user declares it (edit the scheme's JSON, or ``attrs.evolve``).
    """

    scheme: Scheme
    notes: tuple[TableNote, ...] = ()
    to_declare: tuple[CellProblem, ...] = ()


class Reader(Protocol):
    """What the builder needs of the row reader of :mod:`thidua.exchange._table_import`."""

    sheet: str
    convention: NumberConvention
    columns: dict[str, int]
    names: dict[str, str]
    problems: list[CellProblem]

    def problem(
        self, row: int, key: str, message: str, code: str, *, details: Details = NO_DETAILS
    ) -> None: ...

    def cell(self, cells: Sequence[str], key: str) -> str: ...

    def number(self, row: int, cells: Sequence[str]) -> Decimal | None: ...


@attrs.define
class _Node:
    """A row being built into a section, criterion or adjustment."""

    code: str
    label: str
    part: Part
    heading: bool
    form: Form
    row: int
    max_text: str
    max_points: Decimal | None
    basis: str | None
    bonus: str
    deduction: str
    children: list[_Node] = attrs.Factory(list)


@attrs.frozen
class _Amount:
    points: Decimal
    per_case: bool
    cap: Decimal | None


class Builder:
    """Places the rows below the header and builds what they say."""

    def __init__(self, reader: Reader, scale: Decimal) -> None:
        self.reader = reader
        self.scale = scale
        self.outline = Outline()
        self.top: list[_Node] = []
        self.nodes: dict[str, _Node] = {}
        self.latest: _Node | None = None
        self.continues = False  # whether an unnumbered label row continues the latest
        self.notes: list[TableNote] = []
        self.to_declare: list[CellProblem] = []
        self.adjustments: list[Bonus | Penalty] = []
        self.bonus_cap: Decimal | None = None

    # -- reporting ---------------------------------------------------------------------

    def declare(self, row: int, key: str, message: str) -> None:
        """Note something left for the user to declare."""
        index = self.reader.columns.get(key)
        letter = "" if index is None else _letter(index)
        self.to_declare.append(
            CellProblem(
                sheet=self.reader.sheet,
                row=row,
                column=self.reader.names.get(key, ""),
                letter=letter,
                message=message,
                code=TO_DECLARE,
            )
        )

    def header(self, row: int) -> None:
        """Note what the header leaves open: base points given by default."""
        name = self.reader.names.get("max", "")
        if fold(name) in _BASE_HEADERS:
            self.declare(
                row,
                "max",
                f"the table gives base points ({name!r}): whether an item without a row gets"
                " its base, 0 or is refused is for you to declare; as imported, each item is"
                " scored by hand from 0 to its base and a missing row gives 0",
            )

    # -- rows --------------------------------------------------------------------------

    def total(self, number: int, cells: Sequence[str]) -> None:
        """Check a total row's maximum against the scale."""
        reader = self.reader
        total = reader.number(number, cells)
        if total is not None and total != self.scale:
            shown = format_number(total, reader.convention)
            msg = (
                f"the total {shown} is not the scale {format_number(self.scale, reader.convention)}"
            )
            reader.problem(number, "max", msg, "inconsistent")

    def unnumbered(self, number: int, cells: Sequence[str]) -> None:
        """A row without numbering: a total, a rule, a label's second line, or a bad row."""
        reader = self.reader
        text = reader.cell(cells, "label")
        folded = fold(text).lstrip(_MARKS)
        numbers = [reader.cell(cells, key) for key in ("max", "bonus", "deduction")]
        if folded.startswith(_TOTAL):
            self.total(number, cells)
            self.continues = False
        elif folded.startswith(_RULE):
            self.note(number, text.strip().lstrip(_MARKS))
            self.continues = False
        elif text and not any(numbers) and self.continues and self.latest is not None:
            self.latest.label = f"{self.latest.label} {text}".strip()
        elif any(c.strip() for c in cells):
            reader.problem(number, "number", "the row has no numbering", "missing")
            self.continues = False

    def note(self, number: int, text: str) -> None:
        """Keep a rule as a note of the latest item."""
        item = self.latest.code if self.latest is not None else ""
        self.notes.append(TableNote(sheet=self.reader.sheet, row=number, item=item, text=text))

    def add(self, number: int, cells: Sequence[str]) -> None:
        """Add one row below the header."""
        reader = self.reader
        written = reader.cell(cells, "number")
        if not written:
            self.unnumbered(number, cells)
            return
        numbering = parse_numbering(written)
        if numbering is None and not reader.cell(cells, "label"):
            # A total or rule row whose cells are merged from the numbering column on.
            moved = [*cells, *[""] * (1 + max(reader.columns.values()) - len(cells))]
            moved[reader.columns["label"]] = written
            moved[reader.columns["number"]] = ""
            self.unnumbered(number, moved)
            return
        if numbering is None:
            msg = (
                f"unknown numbering {written!r}: expected a part (A), a Roman numeral (I),"
                " a number (1, 1.1), a letter (a, a1, 2.a) or a part number (C1)"
            )
            reader.problem(number, "number", msg, "unknown-numbering")
            self.continues = False
            return
        entry = self.outline.place(numbering)
        if isinstance(entry, Misplaced):
            reader.problem(number, "number", entry.message, entry.code)
            self.continues = False
            return
        if entry.code in self.nodes:
            first = self.nodes[entry.code].row
            msg = f"numbering {written!r} is used twice (first in row {first})"
            reader.problem(number, "number", msg, "duplicate")
            self.continues = False
            return
        parent = self.nodes[entry.parent.code] if entry.parent is not None else None
        label = reader.cell(cells, "label")
        heading = numbering.form in (Form.PART, Form.ROMAN) or parent is None
        part = parent.part if parent is not None else Part.CRITERIA
        if heading and part is Part.CRITERIA:
            part = _part_of(label) or Part.CRITERIA
        max_text = reader.cell(cells, "max")
        node = _Node(
            code=entry.code,
            label=label,
            part=part,
            heading=heading,
            form=numbering.form,
            row=number,
            max_text=max_text,
            max_points=reader.number(number, cells) if part is Part.CRITERIA else None,
            basis=reader.cell(cells, "basis") or None,
            bonus=reader.cell(cells, "bonus"),
            deduction=reader.cell(cells, "deduction"),
        )
        self.nodes[node.code] = node
        (parent.children if parent is not None else self.top).append(node)
        self.latest = node
        self.continues = True
        rule = reader.cell(cells, "rule")
        if rule:
            self.note(number, rule)

    # -- building ----------------------------------------------------------------------

    def amount(self, node: _Node, key: str, text: str) -> _Amount | None:
        """Read an amount cell ("2", "-0,5", "0,5/lần, tối đa 2"); ``None`` when unread."""
        match = _AMOUNT_RE.fullmatch(fold(text))
        convention = self.reader.convention
        if match is not None:
            try:
                points = abs(parse_number(match.group("amount").replace(" ", ""), convention))
                cap_text = match.group("cap")
                cap = None if cap_text is None else parse_number(cap_text, convention)
            except NumberFormatError:
                match = None
        if match is None or points == 0:
            self.declare(node.row, key, f"{node.code}: the amount {text!r} cannot be read")
            return None
        return _Amount(points=points, per_case=match.group("per") is not None, cap=cap)

    def build(self) -> tuple[Section | Criterion, ...]:
        """The criteria; the adjustments, bonus cap and findings are kept on the builder."""
        built = [self.node(node) for node in self.top if node.part is Part.CRITERIA]
        for node in self.top:
            if node.part is not Part.CRITERIA:
                self.adjustment_part(node)
        return tuple(node for node in built if node is not None)

    def node(self, node: _Node) -> Section | Criterion | None:
        """The section or criterion of *node*, or ``None`` with its problems noted."""
        reader = self.reader
        if not node.label:
            reader.problem(node.row, "label", "the row has no label", "missing")
            return None
        if not node.children:
            return self.criterion(node)
        built = [self.node(child) for child in node.children]
        children = [child for child in built if child is not None]
        for key in ("bonus", "deduction"):
            if getattr(node, key):
                self.declare(
                    node.row,
                    key,
                    f"{node.code}: a {key} on a section is shared by its items;"
                    " the format cannot hold it yet",
                )
        if len(children) != len(built):
            return None
        try:
            return Section(
                code=node.code,
                label=node.label,
                children=tuple(children),
                cap=node.max_points,
                legal_basis=node.basis,
            )
        except InvalidModelError as exc:
            match = re.fullmatch(r"children\[(\d+)\]", exc.path)
            row = node.children[int(match.group(1))].row if match else node.row
            reader.problem(row, "max", exc.message, exc.code, details=exc.details)
            return None

    def criterion(self, node: _Node) -> Criterion | None:
        """A leaf of the criteria, with its own bonus and deduction columns."""
        reader = self.reader
        if node.form in (Form.PART, Form.ROMAN):
            reader.problem(node.row, "number", f"section {node.code!r} has no items", "empty")
            return None
        if node.max_points is None:
            if not node.max_text:
                reader.problem(node.row, "max", "a criterion needs its maximum points", "missing")
            return None
        bonus_cap = None
        adjustments: list[ItemAdjustment] = []
        if node.bonus:
            amount = self.amount(node, "bonus", node.bonus)
            if amount is not None and amount.per_case:
                adjustments.append(self.item_adjustment(node, amount, Effect.BONUS))
                bonus_cap = amount.cap
            elif amount is not None and amount.cap is not None:
                self.declare(
                    node.row, "bonus", f"{node.code}: a cap on a flat bonus: is it per case?"
                )
            elif amount is not None:
                bonus_cap = amount.points
        if node.deduction:
            amount = self.amount(node, "deduction", node.deduction)
            if amount is not None and amount.cap is not None and not amount.per_case:
                self.declare(
                    node.row,
                    "deduction",
                    f"{node.code}: a cap on a flat deduction: say whether it is per case",
                )
            elif amount is not None:
                adjustments.append(self.item_adjustment(node, amount, Effect.DEDUCTION))
        try:
            return Criterion(
                code=node.code,
                label=node.label,
                max_points=node.max_points,
                method=ManualPoints(),
                bonus_cap=bonus_cap,
                adjustments=tuple(adjustments),
                legal_basis=node.basis,
            )
        except InvalidModelError as exc:
            reader.problem(node.row, "bonus", exc.message, exc.code, details=exc.details)
            return None

    @staticmethod
    def item_adjustment(node: _Node, amount: _Amount, effect: Effect) -> ItemAdjustment:
        """An item's bonus or deduction column: per case (a count) or flat (yes or no).

        Its code is the item's with ``-thuong`` (bonus) or ``-tru`` (deduction): the sheet's
        rows name it. A deduction comes out of the item's own points, down to the scheme's
        :attr:`~thidua.scoring.Scheme.deduction_floor`.
        """
        bonus = effect is Effect.BONUS
        return ItemAdjustment(
            code=f"{node.code}-{'thuong' if bonus else 'tru'}",
            label=f"{'Thưởng' if bonus else 'Trừ'}: {node.label}",
            effect=effect,
            amount=PerCase(points=amount.points) if amount.per_case else Flat(points=amount.points),
            cap=amount.cap,
            legal_basis=node.basis,
        )

    def penalty(self, node: _Node, amount: _Amount, *, code: str, label: str) -> Penalty | None:
        """A penalty, or ``None`` with a cap on a flat deduction left to declare."""
        if amount.cap is not None and not amount.per_case:
            self.declare(
                node.row,
                "deduction",
                f"{node.code}: a cap on a flat deduction: say whether it is per case",
            )
            return None
        return Penalty(
            code=code,
            label=label,
            points=amount.points,
            per_case=amount.per_case,
            cap=amount.cap,
            legal_basis=node.basis,
        )

    def leaves(self, node: _Node) -> list[_Node]:
        """The leaves under *node* of an adjustment part; inner caps left to declare."""
        if not node.children:
            return [node]
        if not node.heading and node.max_text:
            self.declare(
                node.row,
                "max",
                f"{node.code}: a cap {node.max_text!r} shared by several adjustments;"
                " the format cannot hold it yet",
            )
        found: list[_Node] = []
        for child in node.children:
            found += self.leaves(child)
        return found

    def adjustment_part(self, part: _Node) -> None:
        """A part of bonuses or deductions: one adjustment per item, the part's cap."""
        if part.max_text and part.children:
            if part.part is Part.BONUS and self.bonus_cap is None:
                amount = self.amount(part, "max", part.max_text)
                self.bonus_cap = None if amount is None else amount.points
            else:
                self.declare(
                    part.row,
                    "max",
                    f"{part.code}: a cap {part.max_text!r} on all deductions together;"
                    " the format cannot hold it yet",
                )
        for leaf in self.leaves(part):
            if not leaf.label:
                self.reader.problem(leaf.row, "label", "the row has no label", "missing")
                continue
            if part.part is Part.BONUS:
                self.bonus(leaf)
            else:
                self.deduction(leaf)

    def bonus(self, leaf: _Node) -> None:
        """A bonus row: per case from the bonus column, capped by the maximum column."""
        per_case: Decimal | None = None
        cap: Decimal | None = None
        for key, text in (("max", leaf.max_text), ("bonus", leaf.bonus)):
            if not text:
                continue
            amount = self.amount(leaf, key, text)
            if amount is None:
                return
            if amount.per_case or key == "bonus":
                per_case = amount.points
                cap = amount.cap if amount.cap is not None else cap
            else:
                cap = amount.points
        if per_case is None and cap is None:
            self.declare(leaf.row, "max", f"{leaf.code}: the bonus has no amount and no cap")
            return
        self.adjustments.append(
            Bonus(
                code=leaf.code,
                label=leaf.label,
                per_case=per_case,
                cap=cap,
                legal_basis=leaf.basis,
            )
        )

    def deduction(self, leaf: _Node) -> None:
        """A deduction row: its amount from the deduction column, else the maximum column."""
        key, text = ("deduction", leaf.deduction) if leaf.deduction else ("max", leaf.max_text)
        if not text:
            self.declare(leaf.row, "max", f"{leaf.code}: the deduction has no amount")
            return
        amount = self.amount(leaf, key, text)
        if amount is None:
            return
        penalty = self.penalty(leaf, amount, code=leaf.code, label=leaf.label)
        if penalty is not None:
            self.adjustments.append(penalty)

    def note_text(self) -> str | None:
        """The rule notes as the scheme's note, one line each."""
        lines = [f"{n.item}: {n.text}" if n.item else n.text for n in self.notes]
        return "\n".join(lines) or None
