"""Every command reads through one bounded reader and writes through one guarded path."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from thidua.cli import main
from thidua.cli._io import MAX_INPUT_BYTES, UNREADABLE, UNWRITABLE, read_bounded

TABLE = (
    "STT,Nội dung,Điểm tối đa\nI,Công tác chỉ đạo,200\n1,Ban hành kế hoạch,200\n,Tổng cộng,200\n"
)


def _table(tmp_path: Path, *extra: str) -> int:
    source = tmp_path / "bang.csv"
    source.write_text(TABLE, encoding="utf-8")
    argv = ["table", str(source), "--code", "K", "--label", "Bảng", "--first-year", "2025"]
    return main([*argv, "--convention", "vietnamese", "--scale", "200", *extra])


def test_table_output_in_a_missing_folder_is_a_clean_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``thidua table -o missing/x.json`` exits 2 with one line, not a traceback."""
    target = tmp_path / "missing" / "scheme.json"
    assert _table(tmp_path, "-o", str(target)) == UNWRITABLE
    err = capsys.readouterr().err
    assert err == f"{target}: cannot write: No such file or directory\n"


@pytest.mark.parametrize(
    "argv",
    [
        ["example", "-o"],
        ["render", "{example}", "-o"],
        ["migrate", "{example}", "-o"],
    ],
)
def test_every_writing_command_refuses_a_symbolic_link_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    """A symbolic link at the output path is kept unless ``--force`` is given."""
    example = tmp_path / "example.json"
    assert main(["example", "-o", str(example)]) == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_bytes(b"keep")
    link = tmp_path / "out"
    link.symlink_to(elsewhere)
    filled = [a.replace("{example}", str(example)) for a in argv]
    capsys.readouterr()
    assert main([*filled, str(link)]) == UNWRITABLE
    assert capsys.readouterr().err.endswith(
        f"{link}: cannot write: the output path is a symbolic link;"
        " refusing to replace it without --force\n"
    )
    assert elsewhere.read_bytes() == b"keep"
    assert main([*filled, str(link), "--force"]) == 0
    assert not link.is_symlink()
    assert elsewhere.read_bytes() == b"keep"


def test_table_refuses_a_read_only_output_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A read-only output file stays as it was unless ``--force`` is given."""
    target = tmp_path / "scheme.json"
    target.write_bytes(b"old")
    target.chmod(0o444)
    assert _table(tmp_path, "-o", str(target)) == UNWRITABLE
    assert "read-only; refusing to replace it without --force" in capsys.readouterr().err
    assert target.read_bytes() == b"old"
    assert _table(tmp_path, "-o", str(target), "--force") == 0
    assert target.read_bytes().startswith(b"{")


def test_a_regular_file_is_refused_by_its_size_before_it_is_read(tmp_path: Path) -> None:
    """A file over the limit is refused from its size (a sparse file, never read)."""
    big = tmp_path / "big.json"
    with big.open("wb") as stream:
        stream.truncate(MAX_INPUT_BYTES + 1)
    expected = r"larger than the limit of 67108864 bytes \(67108865 bytes\)"
    with pytest.raises(OSError, match=expected):
        read_bounded(big)


def test_a_pipe_is_read_with_a_bound(tmp_path: Path) -> None:
    """A pipe is read in chunks and refused once it passes the limit."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    writer = subprocess.Popen(
        [sys.executable, "-c", f"open({str(fifo)!r}, 'wb').write(b'x' * 5000)"]
    )
    try:
        with pytest.raises(OSError, match=r"larger than the limit of 100 bytes \(more than that\)"):
            read_bounded(fifo, limit=100)
    finally:
        writer.kill()
        writer.wait()
    small = tmp_path / "small"
    small.write_bytes(b"x" * 100)
    assert read_bounded(small, limit=100) == b"x" * 100


def test_commands_report_an_oversized_or_directory_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """validate, verify and render say ``cannot read`` and exit 2."""
    big = tmp_path / "big.json"
    with big.open("wb") as stream:
        stream.truncate(MAX_INPUT_BYTES + 1)
    for command in ("validate", "verify", "render", "review", "score"):
        assert main([command, str(big)]) == UNREADABLE
        assert "cannot read: larger than the limit" in capsys.readouterr().err
    assert main(["verify", str(tmp_path)]) == UNREADABLE
    assert capsys.readouterr().err == f"{tmp_path}: cannot read: Is a directory\n"
