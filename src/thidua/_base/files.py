"""Writing files so that nothing is lost: all of the new content or the old file as it was."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

__all__ = ["write_atomic"]

#: Permissions asked for a file that did not exist before, before the umask takes its part
#: (an existing file keeps its own).
NEW_FILE_MODE = 0o666


def _umask() -> int:
    """The process's umask (read by setting it and putting it back)."""
    current = os.umask(0o022)
    os.umask(current)
    return current


def _refuse(target: Path, reason: str) -> None:
    raise OSError(errno.EEXIST, f"{reason}; refusing to replace it without force", str(target))


def _check_target(target: Path, *, force: bool) -> int:
    """Return the mode the new file gets; refuse a symlink or read-only file unless *force*."""
    try:
        status = target.lstat()
    except FileNotFoundError:
        return NEW_FILE_MODE & ~_umask()
    if stat.S_ISLNK(status.st_mode):
        if not force:
            _refuse(target, "the output path is a symbolic link")
        return NEW_FILE_MODE & ~_umask()
    if stat.S_ISDIR(status.st_mode):
        raise IsADirectoryError(errno.EISDIR, "Is a directory", str(target))
    if not stat.S_ISREG(status.st_mode):
        raise OSError(errno.EINVAL, "not a regular file", str(target))
    read_only = not status.st_mode & 0o222 or not os.access(target, os.W_OK)
    if read_only and not force:
        _refuse(target, "the output file is read-only")
    return stat.S_IMODE(status.st_mode)


def _exit_on_terminate(signum: int, _: FrameType | None) -> None:
    raise SystemExit(128 + signum)


@contextlib.contextmanager
def _terminate_as_exception() -> Iterator[None]:
    """Turn SIGTERM into ``SystemExit(143)`` while a write runs, so clean-up runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _exit_on_terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def write_atomic(path: str | os.PathLike[str], data: bytes, *, force: bool = False) -> None:
    """Replace the file at *path* with *data* in one step.

    The bytes go to a temporary file in the same directory, are flushed to disk, and the
    temporary file is renamed over *path* (:func:`os.replace`, atomic on POSIX and
    Windows). If anything fails, or the process is interrupted (Ctrl-C or SIGTERM), the
    old file stays as it was and no temporary file remains; the error is raised as it
    came (SIGTERM as ``SystemExit(143)``). A new file gets mode 0o666 less the umask;
    an existing file keeps its mode.

    Args:
        path: The file to write; its directory must exist.
        data: The complete new content.
        force: Replace *path* even if it is a symbolic link (the link itself is
            replaced, not its target) or a read-only file.

    Raises:
        OSError: the directory is missing or not writable, the disk is full, *path* is
            a symbolic link or a read-only file and *force* is not given (``EEXIST``), ...
    """
    target = Path(path)
    mode = _check_target(target, force=force)
    with _terminate_as_exception():
        temporary: str | None = None
        done = False
        try:
            descriptor, temporary = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
            )
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, mode)  # noqa: PTH101 - a str path from mkstemp
            os.replace(temporary, target)  # noqa: PTH105 - Path.replace hides the atomic intent
            done = True
        finally:
            if not done and temporary is not None:
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
