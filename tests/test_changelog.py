"""CHANGELOG.md keeps the Keep a Changelog form: each kind at most once per release, in order."""

from __future__ import annotations

from pathlib import Path

import pytest

CHANGELOG = Path(__file__).parent.parent / "CHANGELOG.md"

#: The kinds of change Keep a Changelog 1.1.0 names, in its order.
KINDS = ("Added", "Changed", "Deprecated", "Removed", "Fixed", "Security")


def kind_headings(text: str) -> dict[str, list[str]]:
    """Map each release heading (``## ...``) to its kind headings (``### ...``), in order."""
    releases: dict[str, list[str]] = {}
    current: list[str] | None = None
    fenced = False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif fenced:
            continue
        elif line.startswith("## "):
            current = releases.setdefault(line[3:].strip(), [])
        elif line.startswith("### "):
            if current is None:
                msg = f"kind heading before any release: {line!r}"
                raise ValueError(msg)
            current.append(line[4:].strip())
    return releases


def problems(text: str) -> list[str]:
    """Every breach of the form: a kind twice in a release, an unknown kind, kinds out of order."""
    found: list[str] = []
    for release, kinds in kind_headings(text).items():
        for kind in kinds:
            if kind not in KINDS:
                found.append(f"{release}: unknown kind {kind!r}")
            elif kinds.count(kind) > 1:
                found.append(f"{release}: {kind!r} appears {kinds.count(kind)} times")
        known = [kind for kind in kinds if kind in KINDS]
        if known != sorted(known, key=KINDS.index):
            found.append(f"{release}: kinds out of order: {', '.join(known)}")
    return sorted(set(found))


def test_changelog_keeps_the_form() -> None:
    """The project's CHANGELOG.md has no repeated, unknown or misordered kind heading."""
    assert problems(CHANGELOG.read_text(encoding="utf-8")) == []


def test_changelog_has_an_unreleased_section() -> None:
    """CHANGELOG.md opens its releases with ``[Unreleased]``."""
    assert next(iter(kind_headings(CHANGELOG.read_text(encoding="utf-8")))) == "[Unreleased]"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "## [Unreleased]\n### Added\n- a\n### Changed\n- b\n### Added\n- c\n",
            [
                "[Unreleased]: 'Added' appears 2 times",
                "[Unreleased]: kinds out of order: Added, Changed, Added",
            ],
        ),
        (
            "## [Unreleased]\n### Improved\n- a\n",
            ["[Unreleased]: unknown kind 'Improved'"],
        ),
        (
            "## [1.0.0] - 2027-01-01\n### Fixed\n- a\n### Added\n- b\n",
            ["[1.0.0] - 2027-01-01: kinds out of order: Fixed, Added"],
        ),
        (
            "## [Unreleased]\n### Added\n- a\n## [1.0.0] - 2027-01-01\n### Added\n- b\n",
            [],
        ),
        (
            "## [Unreleased]\n```\n### Added\n### Added\n```\n### Security\n- a\n",
            [],
        ),
    ],
)
def test_problems_are_found(text: str, expected: list[str]) -> None:
    """Repeated, unknown and misordered kinds are reported; one kind per release is not."""
    assert problems(text) == sorted(expected)


def test_kind_heading_before_a_release_is_refused() -> None:
    """A kind heading outside any release is an error."""
    with pytest.raises(ValueError, match="before any release"):
        kind_headings("### Added\n- a\n")
