"""What every command shares: its exit codes, and reading its input and reporting bad data.

Problems print one per line as ``FILE: $.path: message`` in the chosen language; an
unreadable file prints ``FILE: cannot read: reason`` on standard error. Every command
returns one of the exit codes below, never a bare number.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Final

from thidua._base.messages import Language, localise
from thidua.errors import DocumentError, InvalidModelError, StructureError, ThiduaError

# Exit codes shared by every command.
OK: Final = 0
"""Success."""
INVALID: Final = 1
"""Invalid data (one line per problem), or a check that failed (a digest that differs)."""
UNREADABLE: Final = 2
"""A file cannot be read."""
UNWRITABLE: Final = 2
"""The output file cannot be written."""
USAGE: Final = 2
"""The arguments ask for something the input has not (``--against`` neither digest nor file,
``--explain`` of a unit not scored)."""
CHANGED: Final = 1
"""Two inputs differ (``thidua diff``): the changes are printed, as ``diff`` does."""
BROKEN_PIPE: Final = 1
"""The reader of standard output went away (``thidua demo | head``)."""


def read_input(path: Path) -> bytes | None:
    """Return the bytes of *path*, or ``None`` after saying why it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        print(f"{path}: cannot read: {exc.strerror}", file=sys.stderr)
        return None


def _where(path: str) -> str:
    if path.startswith("$"):
        return path
    return f"$.{path}" if path else "$"


def report_error(path: Path, error: ThiduaError, lang: Language) -> int:
    """Print *error* as ``FILE: $.path: message`` lines; return :data:`INVALID`."""
    if isinstance(error, StructureError):
        for problem in error.problems:
            print(f"{path}: {problem.path}: {localise(problem, lang)}")
    elif isinstance(error, DocumentError | InvalidModelError):
        print(f"{path}: {_where(error.path)}: {localise(error, lang)}")
    else:
        print(f"{path}: $: {error}")
    return INVALID
