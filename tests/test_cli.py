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


def test_demo_shows_the_example(capsys: pytest.CaptureFixture[str]) -> None:
    """The demo names the cluster, the date line, the five members and the memo."""
    code, out, _ = run(capsys, "demo")
    assert code == 0
    assert "GIAO ƯỚC THI ĐUA NĂM 2019 – 2020 CỦA CỤM THI ĐUA SỐ 1" in out
    assert "Hà Nội, ngày 14 tháng 12 năm 2019" in out
    assert "Đơn vị thành viên (5):" in out
    assert "Căn cứ: Quyết định số 45/2016/QĐ-TTg ngày 19/10/2016" in out
    assert "Biên bản hợp tác (không chấm điểm)" in out
    assert "(họ tên người ký: nguồn không ghi)" in out


def test_example_writes_the_golden_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """thidua example prints or writes the golden JSON, which validates."""
    golden = (Path(__file__).parent / "data" / "agreement_v1.json").read_text(encoding="utf-8")
    code, out, _ = run(capsys, "example")
    assert code == 0
    assert out == golden
    target = tmp_path / "example.json"
    assert run(capsys, "example", "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8") == golden
    assert run(capsys, "validate", str(target)) == (
        0,
        f"{target}: valid agreement document (schema 1.1)\n",
        "",
    )


def test_example_output_failure_leaves_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unwritable destination exits 2 and writes nothing."""
    code, _, err = run(capsys, "example", "-o", str(tmp_path / "missing" / "x.json"))
    assert code == 2
    assert "cannot write" in err
    assert list(tmp_path.iterdir()) == []


def test_demo_grows_to_the_whole_year(capsys: pytest.CaptureFixture[str]) -> None:
    """After the agreement, the demo scores and reviews the year, labelled illustrative."""
    _, out, _ = run(capsys, "--lang", "vi", "demo")
    assert "2. CHẤM ĐIỂM CUỐI NĂM (MINH HỌA)" in out
    assert "Năm 2020 — bảng điểm" in out
    assert "3. BÌNH XÉT, SUY TÔN VÀ ĐỀ NGHỊ KHEN THƯỞNG NĂM 2020 (MINH HỌA)" in out
    assert "Đơn vị được suy tôn" in out
    _, out, _ = run(capsys, "--lang", "en", "demo")
    assert "1. GIAO ƯỚC THI ĐUA (SỐ LIỆU THẬT)" in out  # the agreement is always Vietnamese
    assert "3. REVIEW, ACCLAIM AND NOMINATIONS FOR 2020 (ILLUSTRATIVE)" in out
    assert "Acclaimed units" in out


def test_a_closed_pipe_stops_quietly() -> None:
    """thidua demo | head: no traceback when the reader goes away."""
    with subprocess.Popen(
        [sys.executable, "-m", "thidua", "demo"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.read(10)
        process.stdout.close()
        error = process.stderr.read()
        process.wait()
    assert b"Traceback" not in error
    assert process.returncode in (0, 1)  # 0 when everything fit in the pipe first
