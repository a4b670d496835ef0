"""The layout in parts: a short top level, the year end's modules, named exit codes."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import thidua

PACKAGE = Path(thidua.__file__).parent
CLI = PACKAGE / "cli"

YEAREND_MODULES = (
    "_catalogue",
    "_conditions",
    "_caps",
    "_rules",
    "_succession",
    "_presets",
    "_ballot",
    "_nomination",
    "_review",
    "_workflow",
    "_wire",
)


def test_the_top_level_holds_at_most_15_modules_and_packages() -> None:
    """src/thidua lists at most 15 modules and packages; the rest lives in subpackages."""
    entries = [
        p.name
        for p in PACKAGE.iterdir()
        if (p.is_file() and p.suffix == ".py") or (p.is_dir() and (p / "__init__.py").is_file())
    ]
    assert len(entries) <= 15, sorted(entries)


@pytest.mark.parametrize("name", YEAREND_MODULES)
def test_the_year_end_modules_exist(name: str) -> None:
    """The awards are split into catalogue, conditions, caps, rules, succession, presets."""
    assert (PACKAGE / "yearend" / f"{name}.py").is_file()
    importlib.import_module(f"thidua.yearend.{name}")


def test_the_awards_module_is_gone() -> None:
    """The 1500-line ``_awards`` module is split, not kept beside its parts."""
    assert not (PACKAGE / "yearend" / "_awards.py").exists()


def test_the_condition_union_is_wired_by_its_owner() -> None:
    """``yearend._wire`` configures the module that owns the Condition union."""
    from thidua.yearend import _conditions  # noqa: PLC0415

    assert "Condition" in vars(_conditions)
    assert "_conditions.configure(conv)" in (PACKAGE / "yearend" / "_wire.py").read_text()


def _literal_returns(path: Path) -> list[str]:
    return [
        f"{path.name}:{node.lineno}: return {node.value.value}"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Return)
        and isinstance(node.value, ast.Constant)
        and type(node.value.value) is int
    ]


def test_every_command_returns_named_exit_codes() -> None:
    """No module of the command line returns a bare number: only the constants of ``_io``."""
    modules = sorted(CLI.glob("*.py"))
    assert modules
    problems = [line for path in modules for line in _literal_returns(path)]
    assert problems == []


def test_every_command_module_uses_the_shared_exit_codes() -> None:
    """Each command module imports its exit codes from ``thidua.cli._io``."""
    codes = {"OK", "INVALID", "UNREADABLE", "UNWRITABLE", "USAGE", "BROKEN_PIPE"}
    for path in sorted(CLI.glob("_*.py")):
        if path.name == "_io.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        registers = any(
            isinstance(node, ast.FunctionDef) and node.name == "register" for node in tree.body
        )
        if not registers:
            continue
        imported = {
            alias.name
            for node in tree.body
            if isinstance(node, ast.ImportFrom) and node.module == "thidua.cli._io"
            for alias in node.names
        }
        assert imported & codes, f"{path.name} uses no exit code of thidua.cli._io"


def test_the_documents_facade_exports_the_renderers() -> None:
    """``thidua.documents`` gives the layout, the renderers, the papers and the report."""
    from thidua import documents  # noqa: PLC0415

    assert "AdministrativeDocument" in documents.__all__
    for name in (
        "render_markdown",
        "render_html",
        "render_docx",
        "agreement_paper",
        "review_minutes",
        "submission_letter",
        "report_html",
    ):
        assert name in documents.__all__
        assert getattr(documents, name) is getattr(thidua, name)
