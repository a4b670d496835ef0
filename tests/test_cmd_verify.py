"""``thidua verify``: exit codes and the sections it names."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from thidua import digest, with_seal
from thidua.cli import main
from thidua.cli._io import UNSEALED
from thidua.serialization import dumps
from toys import sample_scheme, sample_sheet, toy_kinds


@pytest.fixture(autouse=True, scope="module")
def _kinds() -> Iterator[None]:
    with toy_kinds():
        yield


def write(path: Path, document: object) -> Path:
    path.write_bytes(dumps(document, indent=True))
    return path


def test_untouched_sealed_document_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A sealed document as written verifies: exit 0, digest and 'seal: ok' printed."""
    sealed = with_seal(sample_sheet())
    file = write(tmp_path / "sheet.json", sealed)
    assert main(["verify", str(file)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [f"{file}: digest {digest(sealed)}", f"{file}: seal: ok"]


def test_changed_section_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An edit after sealing exits 1 and names the section."""
    sealed = with_seal(sample_sheet())
    file = tmp_path / "sheet.json"
    file.write_bytes(dumps(sealed).replace(b'"9.980"', b'"9.990"'))
    assert main(["verify", str(file)]) == 1
    out = capsys.readouterr().out
    assert f"{file}: seal: CHANGED (recorded {digest(sealed)}, now sha256:" in out
    assert out.rstrip().endswith("; changed sections: scores")


def test_unsealed_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A document with no seal: nothing to check, exit 3 unless --allow-unsealed (then 0)."""
    file = write(tmp_path / "scheme.json", sample_scheme())
    assert UNSEALED == 3
    assert main(["verify", str(file)]) == UNSEALED
    assert capsys.readouterr().out.splitlines()[1] == f"{file}: holds no seal; nothing to check"
    assert main(["verify", "--allow-unsealed", str(file)]) == 0
    assert capsys.readouterr().out.splitlines()[1] == f"{file}: holds no seal; nothing to check"


def test_the_shipped_example_is_sealed_and_verifies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``thidua example`` writes a sealed agreement; verify checks the seal and exits 0."""
    file = tmp_path / "example.json"
    assert main(["example", "-o", str(file)]) == 0
    assert main(["verify", str(file)]) == 0
    assert f"{file}: seal: ok" in capsys.readouterr().out.splitlines()


def test_against_a_digest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--against DIGEST passes on the right digest and fails on another."""
    scheme = sample_scheme()
    file = write(tmp_path / "scheme.json", scheme)
    assert main(["verify", str(file), "--against", digest(scheme)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"{file}: against: ok"
    assert main(["verify", str(file), "--against", "sha256:" + "0" * 64]) == 1
    assert "against: CHANGED" in capsys.readouterr().out


def test_against_a_file_names_sections(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--against FILE of the same kind names the differing sections."""
    sheet = sample_sheet()
    original = write(tmp_path / "original.json", sheet)
    copy = write(tmp_path / "copy.json", attrs.evolve(sheet, year=2021))
    assert main(["verify", str(copy), "--against", str(original)]) == 1
    assert capsys.readouterr().out.rstrip().endswith("changed sections: year")
    assert main(["verify", str(original), "--against", str(original)]) == 0


def test_results_against_their_scheme(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--against the scheme checks the digest the results recorded."""
    scheme = sample_scheme()
    sheet = with_seal(attrs.evolve(sample_sheet(), scheme=digest(scheme)))
    scheme_file = write(tmp_path / "scheme.json", scheme)
    sheet_file = write(tmp_path / "sheet.json", sheet)
    assert main(["verify", str(sheet_file), "--against", str(scheme_file)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"{sheet_file}: reference scheme: ok"
    write(scheme_file, attrs.evolve(scheme, name="Bảng điểm đã sửa"))
    assert main(["verify", str(sheet_file), "--against", str(scheme_file)]) == 1
    assert "reference scheme: CHANGED" in capsys.readouterr().out


def test_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing file exits 2 with a message on stderr."""
    assert main(["verify", str(tmp_path / "missing.json")]) == 2
    assert "cannot read: No such file or directory" in capsys.readouterr().err


def test_against_neither_digest_nor_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--against a malformed digest that is no file exits 2."""
    file = write(tmp_path / "scheme.json", sample_scheme())
    assert main(["verify", str(file), "--against", "sha256:XYZ"]) == 2
    assert "is neither a digest" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"{not json", "$: not valid JSON"),
        (b'{"kind": "toy-scheme", "schema_version": "1.0", "name": ""}', "$.name: must not be"),
        (b"[" * 2000 + b"]" * 2000, "$: nesting is deeper than the limit of 64"),
    ],
)
def test_invalid_documents_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, expected: str
) -> None:
    """A document that does not load exits 1 with its problems, path first."""
    file = tmp_path / "bad.json"
    file.write_bytes(content)
    assert main(["verify", str(file)]) == 1
    assert f"{file}: {expected}" in capsys.readouterr().out


def test_invalid_against_file_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An --against file that does not load exits 1 too."""
    file = write(tmp_path / "scheme.json", sample_scheme())
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"null")
    assert main(["verify", str(file), "--against", str(bad)]) == 1
    assert f"{bad}: $: expected an object, got null" in capsys.readouterr().out


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """No FILE is a usage error."""
    assert main(["verify"]) == 2
    assert "the following arguments are required: FILE" in capsys.readouterr().err
