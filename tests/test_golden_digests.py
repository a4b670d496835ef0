"""Every golden document: verify passes untouched and names the section of any one-leaf edit.

Runs on the real document kinds as they land (their golden files under tests/data and the
examples shipped in src/thidua/examples), and on the test-only kinds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import orjson
import pytest

from thidua import ThiduaError, digest, section_digests, verify, with_seal
from thidua.serialization import dumps, loads
from toys import golden_paths, sample_sheet, toy_kinds

GOLDEN = golden_paths()
ENVELOPE = ("kind", "schema_version")


@pytest.fixture(autouse=True, scope="module")
def _kinds() -> Iterator[None]:
    with toy_kinds():
        yield


def leaves(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Every scalar in *value* with its path of keys and indexes."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield from leaves(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from leaves(child, (*path, index))
    else:
        yield path, value


def edits(value: Any) -> list[Any]:
    """Plausible one-leaf changes that keep the JSON type."""
    if isinstance(value, bool):
        return [not value]
    if isinstance(value, int):
        return [value + 1, value - 1]
    if isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            pass
        else:
            return [str(day - dt.timedelta(days=1)), str(day + dt.timedelta(days=1))]
        try:
            number = Decimal(value)
        except ArithmeticError:
            return [value + " (sửa)", value[:-1] + "X" if value else "X"]
        return [str(number + Decimal("0.001")) if "." in value else str(number + 1)]
    return []


def replaced(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    copy = orjson.loads(orjson.dumps(data))
    node = copy
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return copy


def one_leaf_changes(
    original: dict[str, Any], sections: Iterable[str]
) -> Iterator[tuple[str, dict[str, Any]]]:
    """For each section, the first few one-leaf edits that still load."""
    for section in sections:
        value = original[section]
        found = 0
        for path, leaf in leaves(value):
            for new in edits(leaf):
                changed = (
                    {**original, section: new}
                    if not path
                    else {**original, section: replaced(value, path, new)}
                )
                try:
                    loads(orjson.dumps(changed))
                except ThiduaError:
                    continue
                yield section, changed
                found += 1
                break
            if found >= 3:
                break


@pytest.mark.parametrize("path", GOLDEN, ids=[p.name for p in GOLDEN])
def test_golden_documents_verify_untouched(path: Path) -> None:
    """An untouched golden document verifies, against itself and its digest too."""
    document: object = loads(path.read_bytes())
    assert verify(document).ok
    assert verify(document, digest(document)).ok
    assert verify(document, loads(path.read_bytes())).ok


def _documents() -> list[tuple[str, bytes]]:
    with toy_kinds():
        toys = [("toy-sheet", dumps(with_seal(sample_sheet())))]
    return [(p.name, p.read_bytes()) for p in GOLDEN] + toys


DOCUMENTS = _documents()


@pytest.mark.parametrize(("name", "data"), DOCUMENTS, ids=[n for n, _ in DOCUMENTS])
def test_one_leaf_change_names_its_section(name: str, data: bytes) -> None:
    """Change one value anywhere: verify against the original names exactly that section."""
    original_data = orjson.loads(data)
    original: object = loads(data)
    tested: set[str] = set()
    sections = [key for key in section_digests(original) if key not in ENVELOPE]
    for section, changed_data in one_leaf_changes(original_data, sections):
        changed: object = loads(orjson.dumps(changed_data))
        report = verify(changed, against=original)
        assert not report.ok, (name, section)
        assert report.changed_sections == (section,), (name, section)
        held = verify(changed)
        if held.checks:  # a sealed document names the section from its own seal too
            assert held.changed_sections == (section,)
        tested.add(section)
    assert len(tested) >= len(sections) // 2, (name, sorted(set(sections) - tested))
