"""What every command shares: its exit codes, and reading its input and reporting bad data.

Problems print one per line as ``FILE: $.path: message`` in the chosen language; an
unreadable file prints ``FILE: cannot read: reason`` on standard error. Every command
returns one of the exit codes below, never a bare number.
"""

from __future__ import annotations

import argparse
import errno
import os
import stat
import sys
from pathlib import Path
from typing import Final

from thidua._base.files import write_atomic
from thidua._base.limits import DEFAULT_LIMITS
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
BROKEN_PIPE: Final = 1
"""The reader of standard output went away (``thidua demo | head``)."""
UNSEALED: Final = 3
"""``thidua verify``: the document holds no seal to check (``--allow-unsealed`` accepts it)."""

MAX_INPUT_BYTES: Final = DEFAULT_LIMITS.max_bytes
"""The largest input file a command reads: the loader's ``max_bytes`` (64 MiB)."""
_CHUNK: Final = 1 << 20


def read_bounded(path: Path, *, limit: int = MAX_INPUT_BYTES) -> bytes:
    """Return the bytes of *path*, reading at most *limit* of them.

    A regular file larger than *limit* is refused by its size, before it is read; a pipe
    or a device is read in chunks and refused as soon as it passes *limit*.

    Raises:
        OSError: the file cannot be read, is a directory, or is larger than *limit*
            (``EFBIG``).
    """
    with path.open("rb") as stream:
        status = os.fstat(stream.fileno())
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
        if stat.S_ISREG(status.st_mode) and status.st_size > limit:
            _too_large(path, f"{status.st_size} bytes", limit)
        chunks: list[bytes] = []
        size = 0
        while chunk := stream.read(min(_CHUNK, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                _too_large(path, "more than that", limit)
        return b"".join(chunks)


def _too_large(path: Path, found: str, limit: int) -> None:
    reason = f"larger than the limit of {limit} bytes ({found})"
    raise OSError(errno.EFBIG, reason, str(path))


def read_input(path: Path, *, limit: int = MAX_INPUT_BYTES) -> bytes | None:
    """Return the bytes of *path* (see :func:`read_bounded`), or ``None`` after saying why not."""
    try:
        return read_bounded(path, limit=limit)
    except OSError as exc:
        print(f"{path}: cannot read: {exc.strerror}", file=sys.stderr)
        return None


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--force``, shared by every command that writes a file."""
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace the output even if it is a symbolic link or a read-only file",
    )


def write_output(path: Path, data: bytes, *, force: bool = False) -> int:
    """Write *data* to *path* through :func:`~thidua.write_atomic`; say why not.

    Returns :data:`OK`, or :data:`UNWRITABLE` after printing ``FILE: cannot write: reason``
    (a missing folder, a symbolic link or read-only file without ``--force``, a full disk).
    """
    try:
        write_atomic(path, data, force=force)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if reason.endswith("without force"):
            reason = reason.removesuffix("without force") + "without --force"
        print(f"{path}: cannot write: {reason}", file=sys.stderr)
        return UNWRITABLE
    return OK


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
