"""The numbering styles of published points tables, and the outline they make.

A numbering cell (the ``STT`` column) is read as one of these forms, after one trailing
``.`` or ``)`` is dropped:

============  ===========================  ======================================
form          examples                     is a child of
============  ===========================  ======================================
part          ``A``, ``B``, ``C`` (A to H)  nothing: parts are the top level
Roman         ``I``, ``II``, ``XXXIX``     the current part, if any
number        ``1``, ``1.1``, ``1.1.2``    the current Roman section or part; a
                                           dotted number the item numbered
                                           without its last part
part number   ``C1``, ``C1.2``             part ``C`` (or the current section);
                                           ``C1.2`` the item ``C1``
number-letter ``2.a``, ``2.a)``            the item ``2``
letter        ``a``, ``b)``, ``đ``          the latest numbered item
letter-number ``a1``, ``b2``               the letter item ``a``
============  ===========================  ======================================

Codes are made from the parent's code and the row's own part: ``A.I.2.a``; a part number
under its part is ``C.1``, a letter-number ``a.1`` under its letter, and ``đ`` is written
``dd`` (codes are ASCII).
"""

from __future__ import annotations

import enum
import re
from typing import Final

import attrs

__all__ = ["Form", "Numbering", "Outline", "parse_numbering"]

_N: Final = r"[1-9][0-9]{0,2}"
_LETTER: Final = r"[a-zđ]"
_ROMAN_RE: Final = re.compile(r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})")
_PART_RE: Final = re.compile(r"[A-H]")
_NUMBER_RE: Final = re.compile(rf"{_N}(?:\.{_N})*")
_PART_NUMBER_RE: Final = re.compile(rf"([A-H])({_N}(?:\.{_N})*)")
_NUMBER_LETTER_RE: Final = re.compile(rf"({_N}(?:\.{_N})*)\.({_LETTER})")
_LETTER_RE: Final = re.compile(_LETTER)
_LETTER_NUMBER_RE: Final = re.compile(rf"({_LETTER})([1-9][0-9]?)")
#: Ranks deeper than any dotted number.
_LETTER_RANK: Final = 40


class Form(enum.Enum):
    """The form of a numbering cell."""

    PART = "part"
    ROMAN = "roman"
    NUMBER = "number"
    PART_NUMBER = "part-number"
    NUMBER_LETTER = "number-letter"
    LETTER = "letter"
    LETTER_NUMBER = "letter-number"


@attrs.frozen
class Numbering:
    """A numbering cell read: its form and parts (``("2", "a")`` for ``2.a)``)."""

    form: Form
    parts: tuple[str, ...]

    @property
    def rank(self) -> int:
        """The depth of the form: a row's parent has a lower rank."""
        if self.form is Form.PART:
            return 0
        if self.form is Form.ROMAN:
            return 1
        if self.form is Form.LETTER:
            return _LETTER_RANK
        if self.form is Form.LETTER_NUMBER:
            return _LETTER_RANK + 1
        if self.form is Form.PART_NUMBER:
            return len(self.parts)  # ("C", "1") is 2, as "1" is
        return 1 + len(self.parts)  # "1" is 2, "1.1" 3, "2.a" 3

    @property
    def own(self) -> str:
        """The row's own part of its code."""
        last = self.parts[-1]
        return "dd" if last == "đ" else last

    def text(self) -> str:
        """The numbering as written, without its trailing mark."""
        if self.form in (Form.PART_NUMBER, Form.LETTER_NUMBER):
            return self.parts[0] + ".".join(self.parts[1:])
        return ".".join(self.parts)


def parse_numbering(text: str) -> Numbering | None:
    """The numbering of a cell (``"2.a)"``), or ``None`` for a form not in use."""
    body = text.strip()
    if body.endswith((".", ")")):
        body = body[:-1].rstrip()
    if body.startswith("(") and text.strip().endswith(")"):
        body = body[1:]
    if _ROMAN_RE.fullmatch(body):
        return Numbering(Form.ROMAN, (body,))
    if _PART_RE.fullmatch(body):
        return Numbering(Form.PART, (body,))
    if _NUMBER_RE.fullmatch(body):
        return Numbering(Form.NUMBER, tuple(body.split(".")))
    if match := _PART_NUMBER_RE.fullmatch(body):
        return Numbering(Form.PART_NUMBER, (match.group(1), *match.group(2).split(".")))
    if match := _NUMBER_LETTER_RE.fullmatch(body):
        return Numbering(Form.NUMBER_LETTER, (*match.group(1).split("."), match.group(2)))
    if _LETTER_RE.fullmatch(body):
        return Numbering(Form.LETTER, (body,))
    if match := _LETTER_NUMBER_RE.fullmatch(body):
        return Numbering(Form.LETTER_NUMBER, (match.group(1), match.group(2)))
    return None


@attrs.define
class Entry:
    """A row placed in the outline."""

    code: str
    numbering: Numbering
    parent: Entry | None


@attrs.frozen
class Misplaced:
    """A row that cannot be placed: its message and stable code."""

    message: str
    code: str


def _expected_parent(numbering: Numbering) -> Numbering | None:
    """The numbering the parent must have, for forms that name their parent."""
    form, parts = numbering.form, numbering.parts
    if form is Form.NUMBER and len(parts) > 1:
        return Numbering(Form.NUMBER, parts[:-1])
    if form is Form.NUMBER_LETTER:
        return Numbering(Form.NUMBER, parts[:-1])
    if form is Form.PART_NUMBER and len(parts) > 2:  # noqa: PLR2004 - ("C", "1", "2")
        return Numbering(Form.PART_NUMBER, parts[:-1])
    if form is Form.LETTER_NUMBER:
        return Numbering(Form.LETTER, parts[:1])
    return None


#: Levels of dotted numbering ("1.1.1.1.1.1" is six): deeper is refused, so that building
#: the tree stays within the interpreter's recursion limit whatever the file holds.
MAX_DEPTH: Final = 6


class Outline:
    """The rows of a table placed by their numbering, in table order."""

    def __init__(self) -> None:
        self.stack: list[Entry] = []

    def place(self, numbering: Numbering) -> Entry | Misplaced:
        """Place the next row, or say why not (its parent is not above it, or it is too deep)."""
        if numbering.form is Form.NUMBER and len(numbering.parts) > MAX_DEPTH:
            msg = (
                f"{numbering.text()!r} is nested {len(numbering.parts)} levels deep,"
                f" more than {MAX_DEPTH}"
            )
            return Misplaced(msg, "too-deep")
        stack = self.stack
        while stack and stack[-1].numbering.rank >= numbering.rank:
            stack.pop()
        parent = stack[-1] if stack else None
        wanted = _expected_parent(numbering)
        if wanted is not None and (parent is None or parent.numbering != wanted):
            msg = f"{numbering.text()!r} must follow its parent {wanted.text()!r}"
            return Misplaced(msg, "no-parent")
        if numbering.form is Form.PART_NUMBER and len(numbering.parts) == 2:  # noqa: PLR2004
            # C1 belongs to part C when the current part is C; else it keeps its letter.
            part = next((e for e in stack if e.numbering.form is Form.PART), None)
            own = numbering.own if part and part.numbering.parts[0] == numbering.parts[0] else None
            own = own or numbering.text()
        else:
            own = numbering.own
        code = f"{parent.code}.{own}" if parent is not None else own
        entry = Entry(code=code, numbering=numbering, parent=parent)
        stack.append(entry)
        return entry
