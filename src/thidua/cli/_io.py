"""What every command does with its input file: read it, and report bad data the same way.

Problems print one per line as ``FILE: $.path: message`` in the chosen language; an
unreadable file prints ``FILE: cannot read: reason`` on standard error.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Final

from thidua._base.messages import Language, localise
from thidua.errors import DocumentError, InvalidModelError, StructureError, ThiduaError

#: Exit codes shared by every command.
OK: Final = 0
INVALID: Final = 1
UNREADABLE: Final = 2


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
