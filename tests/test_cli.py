"""The command line: exit codes, one line per problem, the shipped example."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from thidua.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    """No command, or an unknown one, is a usage error."""
    assert (
        run(
            capsys,
        )[0]
        == 2
    )
    code, _, err = run(capsys, "frobnicate")
    assert code == 2
    assert "invalid choice" in err


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    """--help prints the commands and succeeds."""
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert "validate" in out


def test_validate_reports_one_line_per_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Invalid files exit 1 with FILE: $.path: message lines."""
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"kind": "nope", "schema_version": "1.0"}')
    broken = tmp_path / "broken.json"
    broken.write_bytes(b"{")
    code, out, _ = run(capsys, "validate", str(bad), str(broken))
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith(f"{bad}: $.kind: unknown document kind 'nope'")
    assert lines[1].startswith(f"{broken}: $: not valid JSON")
    assert len(lines) == 2


def test_validate_unreadable_file_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing file is a usage-level failure, reported on stderr."""
    code, out, err = run(capsys, "validate", str(tmp_path / "missing.json"))
    assert code == 2
    assert out == ""
    assert "cannot read" in err


def test_module_entry_point() -> None:
    """python -m thidua runs the same command line."""
    result = subprocess.run(
        [sys.executable, "-m", "thidua", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert "validate" in result.stdout
