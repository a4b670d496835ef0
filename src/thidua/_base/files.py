"""Writing files so that nothing is lost: all of the new content or the old file as it was."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

__all__ = ["write_atomic"]

#: Permissions of a file that did not exist before (an existing file keeps its own).
NEW_FILE_MODE = 0o644


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace the file at *path* with *data* in one step.

    The bytes go to a temporary file in the same directory, are flushed to disk, and the
    temporary file is renamed over *path* (:func:`os.replace`, atomic on POSIX and
    Windows). If anything fails, or the process is interrupted, the old file stays as it
    was and no temporary file remains; the error is raised as it came.

    Args:
        path: The file to write; its directory must exist.
        data: The complete new content.

    Raises:
        OSError: the directory is missing or not writable, the disk is full, ...
    """
    target = Path(path)
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = NEW_FILE_MODE
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    done = False
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)  # noqa: PTH101 - a str path from mkstemp
        os.replace(temporary, target)  # noqa: PTH105 - Path.replace hides the atomic intent
        done = True
    finally:
        if not done:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)  # noqa: PTH108
    _sync_directory(target.parent)


def _sync_directory(directory: Path) -> None:
    """Flush the rename to disk where the platform allows it (POSIX)."""
    flags = getattr(os, "O_DIRECTORY", None)
    if flags is None:  # pragma: no cover - Windows has no directory descriptors
        return
    descriptor = os.open(directory, os.O_RDONLY | flags)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
