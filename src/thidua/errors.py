"""The errors thidua raises on purpose, under one root: :class:`ThiduaError`.

Errors about data (a bad model, a bad document, an unreadable date) are also
:class:`ValueError`, so existing ``except ValueError`` code keeps working.
Every error pickles, so it can cross process boundaries.

Each problem in data carries a stable ``code`` (such as ``"unknown-key"``),
a ``path`` naming where it is (``$.commitments[3].target.deadline``) and a
human ``message``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from thidua._base.messages import Language

__all__ = [
    "AmbiguousSuccessorError",
    "AwardError",
    "BallotError",
    "CellProblem",
    "DateError",
    "DocumentError",
    "InvalidModelError",
    "LegalReferenceError",
    "LifecycleError",
    "NumberFormatError",
    "Problem",
    "SchemaVersionError",
    "ScoringError",
    "SpreadsheetError",
    "StructureError",
    "ThiduaError",
    "UnknownCodeError",
]


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
        path: Where it is, as a JSON path starting at ``$``.
        message: What is wrong, in English.
        code: A stable, machine-readable code such as ``"unknown-key"``.
    """

    path: str
    message: str
    code: str = "invalid-value"

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"

    def message_in(self, lang: Language) -> str:
        """Return the message in ``"vi"`` (Vietnamese) or ``"en"`` (English).

        See :func:`thidua.localise`.
        """
        from thidua._base.messages import localise  # noqa: PLC0415 - the catalogue imports errors

        return localise(self, lang)


class InvalidModelError(ThiduaError, ValueError):
    """Raised when a model's invariant does not hold at construction or on ``evolve``.

    Args:
        message: What is wrong.
        path: Where, relative to the model being built (``"commitments[3].deadline"``).
        code: A stable code for the kind of problem.
    """

    def __init__(self, message: str, path: str = "", code: str = "invalid-value") -> None:
        super().__init__(message, path, code)
        self.message = message
        self.path = path
        self.code = code

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


class SchemaVersionError(StructureError):
    """Raised when a document's schema version is missing, malformed or newer than supported."""


class DocumentError(ThiduaError, ValueError):
    """Raised when bytes are not a readable JSON document (bad UTF-8, bad JSON, too large).

    Args:
        message: What is wrong.
        code: A stable code for the kind of problem.
        path: Where, as a JSON path (``"$"`` for the document as a whole).
    """

    def __init__(self, message: str, code: str = "invalid-json", path: str = "$") -> None:
        super().__init__(message, code, path)
        self.message = message
        self.code = code
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class ScoringError(ThiduaError, ValueError):
    """Raised when assessments cannot be scored against a scheme."""


class UnknownCodeError(ThiduaError, KeyError):
    """Raised when a query names a code that the model does not hold.

    It is a :class:`KeyError`, so ``except KeyError`` catches it too.

    Args:
        message: What was looked up and where.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class AmbiguousSuccessorError(ThiduaError, ValueError):
    """Raised when one successor is asked for and a unit's line has split into several."""


class NumberFormatError(ThiduaError, ValueError):
    """Raised when text is not a number in the declared number convention.

    Args:
        message: What is wrong.
        code: A stable code for the kind of problem (``"unreadable-number"``).
    """

    def __init__(self, message: str, code: str = "unreadable-number") -> None:
        super().__init__(message, code)
        self.message = message
        self.code = code
        self.path = ""

    def __str__(self) -> str:
        return self.message


@attrs.frozen
class CellProblem:
    """One bad cell of a spreadsheet or CSV file.

    Args:
        sheet: The sheet (or file) name.
        row: The row number, 1 for the header.
        column: The column's name (empty for the whole row).
        letter: The column's spreadsheet letter (``"F"``), empty for the whole row.
        message: What is wrong, in English.
        code: A stable code.
    """

    sheet: str
    row: int
    column: str
    letter: str
    message: str
    code: str

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
