"""What every command shares: its exit codes, its language, reading input, reporting problems.

Problems print one per line as ``FILE: $.path: message`` in the chosen language; an
unreadable file prints ``FILE: cannot read: reason`` (``không đọc được``) on standard
error. Every command returns one of the exit codes below, never a bare number. The
language of every line, help included, is :data:`LANGUAGE`'s, set by ``main`` before the
parser is built; :func:`tr` picks the words.
"""

from __future__ import annotations

import argparse
import contextvars
import errno
import os
import stat
import sys
from pathlib import Path
from typing import Final, TextIO

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
CHANGED: Final = 1
"""Two inputs differ (``thidua diff``): the changes are printed, as ``diff`` does."""
BROKEN_PIPE: Final = 1
"""The reader of standard output went away (``thidua demo | head``)."""
MISSING_EXTRA: Final = 2
"""The command needs an optional extra that is not installed (``thidua[docx]``)."""

LANGUAGE: Final[contextvars.ContextVar[Language]] = contextvars.ContextVar(
    "thidua_cli_language", default="en"
)
"""The language of the command line's words (help, messages) while ``main`` runs."""

#: Optional modules, by the extra that installs them.
EXTRAS: Final = {"docx": "docx", "openpyxl": "xlsx"}


def tr(english: str, vietnamese: str) -> str:
    """The words in the command line's language."""
    return vietnamese if LANGUAGE.get() == "vi" else english


def missing_extra(error: ImportError) -> int | None:
    """Say which extra to install for *error*, in one line; ``None`` if it is no extra's."""
    cause = error.__cause__ if isinstance(error.__cause__, ImportError) else error
    name = (cause.name or "").partition(".")[0]
    extra = EXTRAS.get(name)
    if extra is None:
        return None
    print(
        tr(
            f"thidua: this needs the '{extra}' extra: pip install 'thidua[{extra}]'",
            f"thidua: cần cài gói bổ sung '{extra}': pip install 'thidua[{extra}]'",
        ),
        file=sys.stderr,
    )
    return MISSING_EXTRA


_ERRNO_VI: Final = {
    errno.ENOENT: "không có tệp hoặc thư mục này",
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "không được phép",
    errno.EISDIR: "đây là một thư mục",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.ENOSPC: "hết chỗ trống trên đĩa",
    errno.EROFS: "hệ thống tệp chỉ cho đọc",
    errno.EEXIST: "tệp đích là liên kết tượng trưng hoặc chỉ cho đọc; dùng --force để ghi đè",
    errno.EFBIG: "tệp lớn hơn giới hạn cho phép",
    errno.EINVAL: "không phải tệp thông thường",
}


def _reason(error: OSError | str) -> str:
    if isinstance(error, str):
        return error
    if LANGUAGE.get() == "vi" and error.errno in _ERRNO_VI:
        return _ERRNO_VI[error.errno]
    return error.strerror or str(error)


def cannot_read(path: object, error: OSError | str) -> None:
    """Print ``FILE: cannot read: reason`` on standard error."""
    print(f"{path}: {tr('cannot read', 'không đọc được')}: {_reason(error)}", file=sys.stderr)


def cannot_write(path: object, error: OSError | str) -> None:
    """Print ``FILE: cannot write: reason`` on standard error."""
    print(f"{path}: {tr('cannot write', 'không ghi được')}: {_reason(error)}", file=sys.stderr)


class Progress:
    """Progress of long work on standard error, only when it is a terminal.

    Each :meth:`step` overwrites the line; :meth:`done` clears it. Redirected or piped,
    standard error stays quiet.
    """

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream if stream is not None else sys.stderr
        self._shown = False
        self.enabled = bool(getattr(self._stream, "isatty", lambda: False)())

    def step(self, text: str) -> None:
        """Show *text* as the current step."""
        if self.enabled:
            self._stream.write(f"\r\x1b[K{text}")
            self._stream.flush()
            self._shown = True

    def done(self) -> None:
        """Clear the line."""
        if self._shown:
            self._stream.write("\r\x1b[K")
            self._stream.flush()
            self._shown = False


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
        cannot_read(path, exc)
        return None


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--force``, shared by every command that writes a file."""
    parser.add_argument(
        "--force",
        action="store_true",
        help=tr(
            "replace the output even if it is a symbolic link or a read-only file",
            "ghi đè tệp đầu ra kể cả khi đó là liên kết tượng trưng hoặc tệp chỉ cho đọc",
        ),
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
            exc.strerror = reason.removesuffix("without force") + "without --force"
        cannot_write(path, exc)
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
