"""The errors thidua raises on purpose, and the problems they carry.

Every error class of thidua lives in this module (a test checks). Errors about data
(a bad model, a bad document, an unreadable date) are also :class:`ValueError`, so
existing ``except ValueError`` code keeps working. Every error pickles, so it can
cross process boundaries.

The error tree::

    Exception
    ├── ThiduaError                          root of every error thidua raises on purpose
    │   ├── InvalidModelError (ValueError)   a model's invariant does not hold
    │   │   ├── LifecycleError               a status change a lifecycle forbids
    │   │   ├── BallotError                  a meeting or ballot gives no valid result
    │   │   ├── AwardError                   a title or award cannot be decided
    │   │   └── SheetError                   a sheet does not fit its scheme: every Problem
    │   ├── StructureError (ValueError)      raw data cannot become a model: every Problem
    │   │   ├── SchemaVersionError           schema version missing, malformed, newer, older
    │   │   └── StreamError                  a scoring stream is refused: every LineProblem
    │   ├── DocumentError (ValueError)       bytes are not a readable JSON document
    │   ├── DateError (ValueError)           Vietnamese date text cannot be read
    │   ├── LegalReferenceError (ValueError) a strict legal reference cannot be parsed
    │   ├── ScoringError (ValueError)        assessments cannot be scored
    │   ├── AmbiguousSuccessorError (ValueError)  a unit's line has split
    │   ├── NumberFormatError (ValueError)   text is not a number in the convention
    │   ├── SpreadsheetError (ValueError)    a score sheet is unreadable: every CellProblem
    │   ├── PaperError (ValueError)          a file holds no paper of the kind asked for
    │   └── UnknownCodeError (KeyError)      a query names a code the model does not hold
    └── TypeError
        └── WireError                        internal: a JSON value of the wrong type or
                                             form, turned into a Problem by the converter

One convention for constructors: the message first, everything else keyword-only
(``InvalidModelError(msg, path="deadline", code="outside-period")``); positional
``path`` or ``code`` is refused. The containers (:class:`StructureError`,
:class:`StreamError`, :class:`SpreadsheetError`) take what they contain.

Each problem in data carries a stable ``code`` (such as ``"unknown-key"``), a ``path``
naming where it is (``$.commitments[3].target.deadline``), an English ``message`` and
its ``details``: the values the message speaks of (the value given, the choices, the
limits, the names), as data (:class:`Details`). The catalogue of messages
(:func:`thidua.localise`) words them in Vietnamese or English from the code and
the details; this module does not know the catalogue.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Final, TypeAlias, final

import attrs

__all__ = [
    "NO_DETAILS",
    "AmbiguousSuccessorError",
    "AwardError",
    "BallotError",
    "CellProblem",
    "DateError",
    "DetailValue",
    "Details",
    "DocumentError",
    "InvalidModelError",
    "LegalReferenceError",
    "LifecycleError",
    "LineProblem",
    "NumberFormatError",
    "PaperError",
    "Problem",
    "SchemaVersionError",
    "ScoringError",
    "SheetError",
    "SpreadsheetError",
    "StreamError",
    "StructureError",
    "ThiduaError",
    "UnknownCodeError",
    "WireError",
]

Scalar: TypeAlias = str | int | float | bool | None
DetailValue: TypeAlias = Scalar | tuple[Scalar, ...]
"""One detail of a problem: a plain value, or a tuple of them (the choices)."""

_SCALARS: Final = (str, int, float, bool, type(None))


@final
class Details(Mapping[str, DetailValue]):
    """The details of a problem, by name: an immutable mapping that pickles and compares.

    Values are plain (text, numbers, ``None``) or tuples of plain values; a list
    becomes a tuple.

    >>> from thidua.errors import Details
    >>> details = Details(got="string", choices=["red", "blue"])
    >>> details["choices"]
    ('red', 'blue')
    >>> details == Details({"choices": ("red", "blue"), "got": "string"})
    True
    """

    __slots__ = ("_items", "_map")

    def __init__(
        self,
        items: Mapping[str, object] | Iterable[tuple[str, object]] = (),
        /,
        **named: object,
    ) -> None:
        pairs = dict(items, **named)
        self._map: dict[str, DetailValue] = {
            name: _detail_value(name, value) for name, value in sorted(pairs.items())
        }
        self._items = tuple(self._map.items())

    @classmethod
    def plain(cls, **named: object) -> Details:
        """The details given, leaving out any that is not a plain value (an array, an object).

        >>> from thidua.errors import Details
        >>> Details.plain(got="array", value=[1, 2])
        Details(got='array')
        """
        return cls({name: value for name, value in named.items() if _is_plain(value)})

    def __getitem__(self, name: str) -> DetailValue:
        return self._map[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._map)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Details):
            return self._items == other._items
        return super().__eq__(other)

    def __reduce__(self) -> tuple[type[Details], tuple[tuple[tuple[str, DetailValue], ...]]]:
        return (Details, (self._items,))

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={value!r}" for name, value in self._items)
        return f"Details({inner})"


def _is_plain(value: object) -> bool:
    """A plain value, or a tuple of plain values: what a detail can be."""
    return isinstance(value, _SCALARS) or (
        type(value) is tuple and all(isinstance(v, _SCALARS) for v in value)
    )


def _detail_value(name: str, value: object) -> DetailValue:
    if isinstance(value, list):
        value = tuple(value)
    if _is_plain(value):
        return value  # type: ignore[return-value]
    msg = f"detail {name!r} must be a plain value or a tuple of them, not {type(value).__name__}"
    raise TypeError(msg)


NO_DETAILS: Final = Details()
"""The details of a problem that has none."""


def _details(value: Mapping[str, object] | Iterable[tuple[str, object]]) -> Details:
    return value if isinstance(value, Details) else Details(value)


class ThiduaError(Exception):
    """Root of every error thidua raises on purpose."""


def join_path(prefix: str, relative: str) -> str:
    """Join a JSON path prefix (``$.a``) and a relative path (``b[0].c`` or ``[1]``)."""
    if not relative:
        return prefix
    if relative.startswith("["):
        return prefix + relative
    return f"{prefix}.{relative}"


@attrs.frozen
class Problem:
    """One problem found in data.

    Args:
        message: What is wrong, in English.
        path: Where it is, as a JSON path starting at ``$``.
        code: A stable, machine-readable code such as ``"unknown-key"``.
        details: The values the message speaks of, by name (see :class:`Details`).
    """

    message: str
    path: str = attrs.field(kw_only=True)
    code: str = attrs.field(default="invalid-value", kw_only=True)
    details: Details = attrs.field(default=NO_DETAILS, kw_only=True, converter=_details)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class InvalidModelError(ThiduaError, ValueError):
    """Raised when a model's invariant does not hold at construction or on ``evolve``.

    Args:
        message: What is wrong.
        path: Where, relative to the model being built (``"commitments[3].deadline"``).
        code: A stable code for the kind of problem.
        details: The values the message speaks of, by name.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str = "",
        code: str = "invalid-value",
        details: Mapping[str, object] | Iterable[tuple[str, object]] = NO_DETAILS,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.code = code
        self.details: Details = _details(details)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class LifecycleError(InvalidModelError):
    """Raised when a status change is not allowed by a lifecycle."""


class BallotError(InvalidModelError):
    """Raised when a meeting or a ballot cannot give a valid result.

    For example: the quorum is not met, more ballots than voters present, a voter
    not entitled to a ballot. Messages never name a voter.
    """


class AwardError(InvalidModelError):
    """Raised when a title or award cannot be decided: no rule, no regime, no basis."""


class DateError(ThiduaError, ValueError):
    """Raised when Vietnamese date text cannot be read or is incomplete."""

    code: str = "invalid-date"
    """The stable code of every date that cannot be read."""


class LegalReferenceError(ThiduaError, ValueError):
    """Raised when a legal reference is asked to be strict and cannot be parsed."""


class StructureError(ThiduaError, ValueError):
    """Raised when raw data cannot become a model; lists every problem at once.

    Args:
        type_name: The name of the type that was being built.
        problems: Every problem found, each with its path.
    """

    def __init__(self, type_name: str, problems: Iterable[Problem]) -> None:
        problems = tuple(problems)
        super().__init__(type_name, problems)
        self.type_name = type_name
        self.problems = problems

    @property
    def messages(self) -> list[str]:
        """Every problem as ``"$.path: message"``."""
        return [str(p) for p in self.problems]

    def __str__(self) -> str:
        lines = "\n".join(f"  {p}" for p in self.problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        return f"invalid {self.type_name}: {count} {noun}\n{lines}"


class SheetError(InvalidModelError):
    """Raised when a scoring sheet does not fit its scheme; lists every problem at once.

    Its :attr:`path`, :attr:`code` and :attr:`message` are the first problem's.

    Args:
        problems: Every problem, each with its path relative to the sheet (or the file).
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        first = self.problems[0]
        super().__init__(first.message, path=first.path, code=first.code, details=first.details)

    @property
    def messages(self) -> list[str]:
        """Every problem as ``"path: message"``."""
        return [str(p) for p in self.problems]

    def __str__(self) -> str:
        if len(self.problems) == 1:
            return super().__str__()
        lines = "\n".join(f"  {p}" for p in self.problems)
        return f"{len(self.problems)} problems:\n{lines}"

    def __reduce__(self) -> tuple[type[SheetError], tuple[tuple[Problem, ...]]]:
        return (SheetError, (self.problems,))


class SchemaVersionError(StructureError):
    """Raised when a document's schema version is missing, malformed or newer than supported."""


@attrs.frozen(kw_only=True)
class LineProblem:
    """A problem on one line of a scoring stream.

    Args:
        line: The line number, from 1.
        path: Where in the line's record (a JSON path, ``"$"`` for the whole line).
        message: What is wrong.
        code: A stable code (``"invalid-json"``, ``"out-of-range"``, ...).
        details: The values the message speaks of, by name.
    """

    line: int
    path: str
    message: str
    code: str
    details: Details = attrs.field(default=NO_DETAILS, converter=_details)

    def __str__(self) -> str:
        return f"line {self.line}: {self.path}: {self.message}"


class StreamError(StructureError):
    """Raised when a scoring stream is refused; :attr:`lines` names each bad line.

    Args:
        lines: The problems, each with its line number.
    """

    def __init__(self, lines: Iterable[LineProblem]) -> None:
        self.lines: tuple[LineProblem, ...] = tuple(lines)
        super().__init__(
            "scoring stream",
            [
                Problem(p.message, path=f"line {p.line}: {p.path}", code=p.code, details=p.details)
                for p in self.lines
            ],
        )

    def __reduce__(self) -> tuple[type[StreamError], tuple[tuple[LineProblem, ...]]]:
        return (StreamError, (self.lines,))


class DocumentError(ThiduaError, ValueError):
    """Raised when bytes are not a readable JSON document (bad UTF-8, bad JSON, too large).

    Args:
        message: What is wrong.
        code: A stable code for the kind of problem.
        path: Where, as a JSON path (``"$"`` for the document as a whole).
        details: The values the message speaks of, by name.
    """

    def __init__(
        self,
        message: str,
        *,
        code: str = "invalid-json",
        path: str = "$",
        details: Mapping[str, object] | Iterable[tuple[str, object]] = NO_DETAILS,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.path = path
        self.details: Details = _details(details)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class ScoringError(ThiduaError, ValueError):
    """Raised when assessments cannot be scored against a scheme."""


class UnknownCodeError(ThiduaError, KeyError):
    """Raised when a query names a code that the model does not hold.

    It is a :class:`KeyError`, so ``except KeyError`` catches it too.

    Args:
        message: What was looked up and where.
        code: A stable code for the kind of lookup (``"unknown-code"``).
        details: The values the message speaks of (the code looked up).
    """

    def __init__(
        self,
        message: str,
        *,
        code: str = "unknown-code",
        details: Mapping[str, object] | Iterable[tuple[str, object]] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.details: Details = _details(details)

    def __str__(self) -> str:
        return self.message


class AmbiguousSuccessorError(ThiduaError, ValueError):
    """Raised when one successor is asked for and a unit's line has split into several."""


class NumberFormatError(ThiduaError, ValueError):
    """Raised when text is not a number in the declared number convention.

    Args:
        message: What is wrong.
        code: A stable code for the kind of problem (``"unreadable-number"``).
        details: The values the message speaks of, by name.
    """

    def __init__(
        self,
        message: str,
        *,
        code: str = "unreadable-number",
        details: Mapping[str, object] | Iterable[tuple[str, object]] = NO_DETAILS,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.path = ""
        self.details: Details = _details(details)

    def __str__(self) -> str:
        return self.message


@attrs.frozen
class CellProblem:
    """One bad cell of a spreadsheet or CSV file.

    Args:
        message: What is wrong, in English.
        sheet: The sheet (or file) name.
        row: The row number, 1 for the header.
        column: The column's name (empty for the whole row).
        letter: The column's spreadsheet letter (``"F"``), empty for the whole row.
        code: A stable code.
        details: The values the message speaks of, by name.
    """

    message: str
    sheet: str = attrs.field(kw_only=True)
    row: int = attrs.field(kw_only=True)
    column: str = attrs.field(kw_only=True)
    letter: str = attrs.field(kw_only=True)
    code: str = attrs.field(kw_only=True)
    details: Details = attrs.field(default=NO_DETAILS, kw_only=True, converter=_details)

    @property
    def path(self) -> str:
        """Where the cell is, as ``sheet!F3 (column)``."""
        where = (
            f"{self.sheet}!{self.letter}{self.row}" if self.letter else f"{self.sheet}!{self.row}"
        )
        return f"{where} ({self.column})" if self.column else where

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class SpreadsheetError(ThiduaError, ValueError):
    """Raised when a score sheet cannot be read; lists every bad cell at once.

    Args:
        problems: Every bad cell.
    """

    def __init__(self, problems: Iterable[CellProblem]) -> None:
        problems = tuple(problems)
        super().__init__(problems)
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class PaperError(ThiduaError, ValueError):
    """Raised when a file holds no paper of the kind asked for (``thidua render``)."""


class WireError(TypeError):
    """A JSON value has the wrong type or form; carries a stable code and its details.

    Internal to the converter, which turns it into a :class:`Problem` at its path;
    it is a :class:`TypeError` so that the converter treats it as bad data.

    Args:
        message: What is wrong, in English.
        code: A stable code for the kind of problem.
        details: The values the message speaks of, by name.
    """

    def __init__(
        self,
        message: str,
        *,
        code: str = "wrong-type",
        details: Mapping[str, object] | Iterable[tuple[str, object]] = NO_DETAILS,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.details: Details = _details(details)

    def __str__(self) -> str:
        return self.message
