"""The shape of the source tree: no import cycle, no import hidden in a function.

The layers themselves are a contract of ``nox -s lint`` (import-linter, configured in
pyproject.toml); these tests pin what a layer contract cannot see.
"""

from __future__ import annotations

import ast
from pathlib import Path

import grimp
import pytest

SRC = Path(__file__).parent.parent / "src" / "thidua"

#: Function-level imports that are allowed, each with its reason.
LAZY_IMPORTS = {
    # hypothesis loads its plugins on every start: the strategies load when it asks.
    ("_hypothesis_plugin.py", "thidua.strategies"),
}
#: Optional extras, imported where they are used so thidua works without them.
OPTIONAL_EXTRAS = ("docx", "lxml", "openpyxl")  # lxml comes with the docx extra


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    imported = graph.find_modules_directly_imported_by(child)
                    work.append((child, iter(sorted(imported))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycle() -> None:
    """No module of thidua imports, directly or not, a module that imports it back."""
    graph = grimp.build_graph("thidua", cache_dir=None)
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_cycles() -> None:
    """The check above can fail: a graph with a cycle has one."""
    graph = grimp.ImportGraph()
    for name in ("a", "b", "c"):
        graph.add_module(name)
    graph.add_import(importer="a", imported="b")
    graph.add_import(importer="b", imported="c")
    graph.add_import(importer="c", imported="a")
    assert _cycles(graph) == [["a", "b", "c"]]


def _function_imports(path: Path) -> list[str]:
    """The modules imported inside functions of *path*."""
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for inner in ast.walk(node):
            if isinstance(inner, ast.Import):
                found += [alias.name for alias in inner.names]
            elif isinstance(inner, ast.ImportFrom) and inner.module:
                found.append(inner.module)
    return found


@pytest.mark.parametrize("path", sorted(SRC.rglob("*.py")), ids=lambda p: str(p.relative_to(SRC)))
def test_no_function_level_import_of_thidua(path: Path) -> None:
    """Imports sit at the top of a module, but optional extras and the listed lazy ones."""
    relative = str(path.relative_to(SRC))
    for module in _function_imports(path):
        if module.split(".")[0] in OPTIONAL_EXTRAS:
            continue
        assert (relative, module) in LAZY_IMPORTS, f"{relative} imports {module} in a function"
