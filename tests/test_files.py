"""Atomic writes: all of the new content, or the old file as it was, and no stray files."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from thidua import write_atomic
from thidua._base.files import NEW_FILE_MODE


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_writes_a_new_file_honouring_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    """A new file gets the bytes, 0o666 less the umask, and no temporary file is left."""
    target = tmp_path / "out.json"
    previous = os.umask(umask)
    try:
        write_atomic(target, b'{"a":1}')
    finally:
        os.umask(previous)
    assert target.read_bytes() == b'{"a":1}'
    assert NEW_FILE_MODE == 0o666
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_a_symbolic_link_is_refused_unless_forced(tmp_path: Path) -> None:
    """A link is not followed nor replaced without force; with force the link is replaced."""
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_bytes(b"keep")
    link = tmp_path / "out.json"
    link.symlink_to(elsewhere)
    with pytest.raises(OSError, match="symbolic link; refusing to replace it without force"):
        write_atomic(link, b"new")
    assert elsewhere.read_bytes() == b"keep"
    assert link.is_symlink()
    write_atomic(link, b"new", force=True)
    assert not link.is_symlink()
    assert link.read_bytes() == b"new"
    assert elsewhere.read_bytes() == b"keep"


def test_a_read_only_file_is_refused_unless_forced(tmp_path: Path) -> None:
    """A read-only file stays as it was unless force is given."""
    target = tmp_path / "out.json"
    target.write_bytes(b"old")
    target.chmod(0o444)
    with pytest.raises(OSError, match="read-only; refusing to replace it without force"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    write_atomic(target, b"new", force=True)
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444


def test_a_read_only_file_is_refused_by_its_access(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The read-only check asks os.access (so it also holds for root's view of ACLs)."""
    target = tmp_path / "out.json"
    target.write_bytes(b"old")
    monkeypatch.setattr(os, "access", lambda *_: False)
    with pytest.raises(OSError, match="read-only"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"


def test_a_directory_or_a_device_is_not_a_file_to_replace(tmp_path: Path) -> None:
    """A directory or a device at the path is refused even with force."""
    with pytest.raises(IsADirectoryError):
        write_atomic(tmp_path, b"x", force=True)
    with pytest.raises(OSError, match="not a regular file"):
        write_atomic("/dev/null", b"x", force=True)


def test_sigterm_during_a_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    """SIGTERM mid-write exits with status 143; the old file stays and nothing is left."""
    target = tmp_path / "out.json"
    target.write_bytes(b"old")
    script = (
        "import os, signal, sys\n"
        "from thidua import write_atomic\n"
        "real = os.fsync\n"
        "def slow(fd):\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    real(fd)\n"
        "os.fsync = slow\n"
        f"write_atomic({str(target)!r}, b'new')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], check=False, env=dict(os.environ))
    assert done.returncode == 143
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def test_the_sigterm_handler_is_put_back(tmp_path: Path) -> None:
    """After a write, SIGTERM is handled as before it."""
    write_atomic(tmp_path / "a", b"1")
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def test_replaces_an_existing_file_keeping_its_mode(tmp_path: Path) -> None:
    """An existing file is replaced whole and keeps its permissions."""
    target = tmp_path / "out.json"
    target.write_bytes(b"old content that is longer")
    target.chmod(0o600)
    write_atomic(str(target), b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


@pytest.mark.parametrize("failing", ["fsync", "replace", "chmod"])
def test_failure_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    """If flushing or renaming fails, the old file stays and no temporary file remains."""
    target = tmp_path / "out.json"
    target.write_bytes(b"old")

    def fail(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, fail)
    with pytest.raises(OSError, match="No space left") as info:
        write_atomic(target, b"new")
    assert info.value.errno == 28
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_interruption_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A KeyboardInterrupt mid-write propagates as itself and leaves nothing behind."""
    target = tmp_path / "out.json"
    target.write_bytes(b"old")

    def interrupt(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new")
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_failure_without_an_old_file_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failed first write creates no file at all."""

    def fail(*_: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="Input/output error"):
        write_atomic(tmp_path / "new.json", b"data")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_missing_directory_is_an_os_error(tmp_path: Path) -> None:
    """Writing into a directory that does not exist raises FileNotFoundError."""
    with pytest.raises(FileNotFoundError):
        write_atomic(tmp_path / "missing" / "out.json", b"data")
    assert list(tmp_path.iterdir()) == []


def test_temporary_file_already_removed_is_fine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the temporary file vanished before clean-up, the original error still surfaces."""
    target = tmp_path / "out.json"

    def vanish_then_fail(source: str, _: object) -> None:
        Path(source).unlink()
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "replace", vanish_then_fail)
    with pytest.raises(OSError, match="cross-device"):
        write_atomic(target, b"data")
    assert list(tmp_path.iterdir()) == []
