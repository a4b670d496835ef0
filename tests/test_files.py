"""Atomic writes: all of the new content, or the old file as it was, and no stray files."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from thidua import write_atomic
from thidua._base.files import NEW_FILE_MODE


def test_writes_a_new_file(tmp_path: Path) -> None:
    """A new file gets the bytes, the default mode and no temporary file is left."""
    target = tmp_path / "out.json"
    write_atomic(target, b'{"a":1}')
    assert target.read_bytes() == b'{"a":1}'
    assert stat.S_IMODE(target.stat().st_mode) == NEW_FILE_MODE
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


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
