"""Migrations: older documents are upgraded with the smallest change; newer ones refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua import DocumentError, SchemaVersionError, localise, serialization
from thidua._base.text import nfc
from thidua.cli import main
from thidua.serialization import _registry
from thidua.serialization._migrate import MIGRATIONS, migrate, migrate_bytes

MIGRATIONS_DATA = Path(__file__).parent / "data_exchange" / "migrations"
OLD = sorted(path for step in MIGRATIONS for path in (MIGRATIONS_DATA / step.source).glob("*.json"))


def _chain(source: str) -> list[tuple[str, str]]:
    """The steps from *source* to the current version."""
    start = next(i for i, step in enumerate(MIGRATIONS) if step.source == source)
    return [(step.source, step.target) for step in MIGRATIONS[start:]]


@attrs.frozen(kw_only=True)
class Note:
    """A tiny document kind for the command line tests.

    Args:
        text: The note.
    """

    text: str = attrs.field(converter=nfc)


@pytest.fixture
def note_kind(monkeypatch: pytest.MonkeyPatch) -> None:
    """Register the note kind."""
    monkeypatch.setitem(_registry._KINDS, "note", f"{Note.__module__}:Note")


def test_there_are_golden_files_for_every_step() -> None:
    """Each migration step has golden files for its source version."""
    assert OLD
    for step in MIGRATIONS:
        assert list((MIGRATIONS_DATA / step.source).glob("*.json")), step.source


@pytest.mark.parametrize("old", OLD, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_golden_upgrades_are_byte_exact(old: Path) -> None:
    """Upgrading an older golden file gives exactly the current golden file."""
    expected = (MIGRATIONS_DATA / serialization.SCHEMA_VERSION / old.name).read_bytes()
    upgraded, steps = migrate_bytes(old.read_bytes())
    assert upgraded == expected
    assert [(s.source, s.target) for s in steps] == _chain(old.parent.name)


def test_the_1_0_step_declares_an_achievements_excess() -> None:
    """1.0 → 1.1: an achievement capped at 150 % of 9.98 declares its excess 4.99 as bonus_cap."""
    criterion = {
        "kind": "criterion",
        "code": "I.1",
        "label": "Thu ngân sách",
        "max_points": "9.98",
        "method": {"kind": "achievement", "cap_percent": "150"},
        "note": "x",
    }
    result = migrate({"kind": "scoring", "schema_version": "1.0", "schemes": [criterion]})
    (upgraded,) = result.document["schemes"]
    assert list(upgraded) == ["kind", "code", "label", "max_points", "method", "bonus_cap", "note"]
    assert upgraded["bonus_cap"] == "4.99"
    assert [(s.source, s.target) for s in result.steps] == [("1.0", "1.1")]


def test_the_1_0_step_refuses_an_uncapped_achievement() -> None:
    """An achievement without a cap has no bounded equivalent: the upgrade says what to declare."""
    criterion = {
        "kind": "criterion",
        "code": "A",
        "label": "A",
        "max_points": "10",
        "method": {"kind": "achievement", "cap_percent": None},
    }
    with pytest.raises(SchemaVersionError) as info:
        migrate({"kind": "scoring", "schema_version": "1.0", "schemes": [criterion]})
    (problem,) = info.value.problems
    assert (problem.code, problem.path) == (
        "undeclared-excess",
        "$.schemes[0].method.cap_percent",
    )


@pytest.mark.parametrize("old", OLD, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_upgraded_goldens_are_current(old: Path) -> None:
    """An upgraded golden file is current: upgrading it again changes nothing."""
    current = (MIGRATIONS_DATA / serialization.SCHEMA_VERSION / old.name).read_bytes()
    assert migrate_bytes(current) == (current, ())


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**6), 10**6) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=8,
)


@given(
    body=st.dictionaries(
        st.text(max_size=6).filter(lambda k: k not in {"type", "kind", "schema_version"}),
        _json_values,
        max_size=5,
    ),
    position=st.integers(0, 5),
)
def test_the_0_9_step_changes_only_the_envelope(body: dict[str, Any], position: int) -> None:
    """Only 'type' becomes 'kind' (in its place) and the version changes; the rest is kept."""
    items = list(body.items())
    items.insert(min(position, len(items)), ("type", "agreement"))
    document = {"schema_version": "0.9", **dict(items)}
    result = migrate(document)
    assert result.changed
    assert list(result.document) == ["kind" if k == "type" else k for k in document]
    assert result.document["kind"] == "agreement"
    assert result.document["schema_version"] == serialization.SCHEMA_VERSION
    assert {k: v for k, v in result.document.items() if k not in {"kind", "schema_version"}} == body


def test_a_current_document_is_left_alone() -> None:
    """A document of the current version comes back unchanged, with no steps."""
    document = {"kind": "agreement", "schema_version": "1.1", "x": 1}
    result = migrate(document)
    assert result.document == document
    assert not result.changed
    data = b'{"kind": "agreement",  "schema_version": "1.1"}'
    assert migrate_bytes(data) == (data, ())


@pytest.mark.parametrize(
    ("document", "code", "path"),
    [
        ({"kind": "agreement", "schema_version": "1.2"}, "newer-version", "$.schema_version"),
        ({"kind": "agreement", "schema_version": "2.0"}, "newer-version", "$.schema_version"),
        ({"kind": "agreement", "schema_version": "0.5"}, "no-migration", "$.schema_version"),
        ({"kind": "agreement"}, "missing", "$.schema_version"),
        ({"kind": "agreement", "schema_version": 1}, "invalid-version", "$.schema_version"),
        ({"kind": "agreement", "schema_version": "1.0.0"}, "invalid-version", "$.schema_version"),
        ({"schema_version": "0.9"}, "missing", "$.type"),
        ({"type": "a", "kind": "a", "schema_version": "0.9"}, "unknown-key", "$.kind"),
    ],
)
def test_refusals(document: dict[str, Any], code: str, path: str) -> None:
    """Newer, unknown, missing and malformed versions are refused with a code and path."""
    with pytest.raises(SchemaVersionError) as info:
        migrate(document)
    (problem,) = info.value.problems
    assert (problem.code, problem.path) == (code, path)
    assert localise(problem, "vi") != problem.message


def test_no_migration_names_the_known_versions() -> None:
    """A version with no upgrade path lists the versions that have one."""
    with pytest.raises(SchemaVersionError, match=r"known versions: 0\.9, 1\.0"):
        migrate({"schema_version": "0.5"})


@pytest.mark.parametrize(("data", "code"), [(b"[1]", "wrong-type"), (b"{", "invalid-json")])
def test_not_a_document(data: bytes, code: str) -> None:
    """Bytes that are not a JSON object are a document error."""
    with pytest.raises(DocumentError) as info:
        migrate_bytes(data)
    assert info.value.code == code


@pytest.mark.usefixtures("note_kind")
def test_loads_points_older_documents_to_migrate() -> None:
    """The reader refuses an upgraded-by-hand 0.9 document and says to run 'thidua migrate'."""
    with pytest.raises(SchemaVersionError, match="run 'thidua migrate'") as info:
        serialization.loads({"kind": "note", "schema_version": "0.9", "text": "x"})
    assert info.value.problems[0].code == "older-version"


# ---------------------------------------------------------------------------------------
# The command line.


def _write(path: Path, document: dict[str, Any]) -> Path:
    path.write_bytes(orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n")
    return path


OLD_NOTE = {"type": "note", "schema_version": "0.9", "text": "Hà Nội"}


@pytest.mark.usefixtures("note_kind")
def test_cli_prints_the_upgrade(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    """By default the upgraded document goes to standard output; the file is untouched."""
    source = _write(tmp_path / "note.json", OLD_NOTE)
    before = source.read_bytes()
    assert main(["--lang", "en", "migrate", str(source)]) == 0
    out, err = capsysbinary.readouterr()
    assert orjson.loads(out) == {
        "kind": "note",
        "schema_version": serialization.SCHEMA_VERSION,
        "text": "Hà Nội",
    }
    assert b"upgraded 0.9 -> 1.0: the envelope key 'type' is renamed 'kind'" in err
    assert source.read_bytes() == before


@pytest.mark.usefixtures("note_kind")
def test_cli_writes_in_place_in_vietnamese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--in-place replaces the file; messages follow --lang."""
    source = _write(tmp_path / "note.json", OLD_NOTE)
    assert main(["--lang", "vi", "migrate", "--in-place", str(source)]) == 0
    assert orjson.loads(source.read_bytes())["kind"] == "note"
    assert "đã nâng cấp 0.9 -> 1.0" in capsys.readouterr().err
    assert main(["--lang", "vi", "migrate", "-i", str(source)]) == 0
    assert "đã ở phiên bản lược đồ 1.1" in capsys.readouterr().err


@pytest.mark.usefixtures("note_kind")
def test_cli_writes_to_an_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """-o writes the result elsewhere, even when nothing had to change."""
    source = _write(tmp_path / "note.json", OLD_NOTE)
    target = tmp_path / "out.json"
    assert main(["--lang", "en", "migrate", str(source), "-o", str(target)]) == 0
    assert orjson.loads(target.read_bytes())["schema_version"] == serialization.SCHEMA_VERSION
    copy = tmp_path / "copy.json"
    assert main(["--lang", "en", "migrate", str(target), "-o", str(copy)]) == 0
    assert copy.read_bytes() == target.read_bytes()
    assert "already at schema version 1.1" in capsys.readouterr().err


@pytest.mark.usefixtures("note_kind")
@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (
            {"type": "note", "schema_version": "2.0", "text": "x"},
            "$.schema_version: schema version 2.0 is newer",
        ),
        ({"type": "note", "schema_version": "0.9", "txt": "x"}, "$.txt: unknown key"),
        ({"type": "nope", "schema_version": "0.9"}, "$.kind: unknown document kind 'nope'"),
    ],
)
def test_cli_refuses_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], document: dict[str, Any], expected: str
) -> None:
    """A newer or broken document is refused (exit 1) and nothing is written."""
    source = _write(tmp_path / "note.json", document)
    before = source.read_bytes()
    assert main(["--lang", "en", "migrate", "-i", str(source)]) == 1
    assert f"{source}: {expected}" in capsys.readouterr().out
    assert source.read_bytes() == before


def test_cli_reports_bad_json_and_unreadable_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not JSON: exit 1 with a message; no file: exit 2."""
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"{")
    assert main(["--lang", "vi", "migrate", str(bad)]) == 1
    assert f"{bad}: $: không phải JSON hợp lệ" in capsys.readouterr().out
    assert main(["migrate", str(tmp_path / "none.json")]) == 2
    assert "cannot read" in capsys.readouterr().err


@pytest.mark.usefixtures("note_kind")
def test_cli_reports_an_unwritable_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An output in a missing directory is an I/O error (exit 2)."""
    source = _write(tmp_path / "note.json", OLD_NOTE)
    assert main(["migrate", str(source), "-o", str(tmp_path / "no" / "out.json")]) == 2
    assert "cannot write" in capsys.readouterr().err
