"""The error hierarchy: one root, data errors are ValueErrors, every error pickles."""

from __future__ import annotations

import ast
import importlib
import inspect
import pickle
import pkgutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from thidua import errors


def _instances() -> list[errors.ThiduaError]:
    found: list[errors.ThiduaError] = []
    for name in errors.__all__:
        cls = getattr(errors, name)
        if not (inspect.isclass(cls) and issubclass(cls, errors.ThiduaError)):
            continue
        if issubclass(cls, errors.StreamError):
            line = errors.LineProblem(line=1, path="$", message="bad", code="x")
            found.append(cls([line]))
        elif issubclass(cls, errors.SheetError):
            found.append(cls([errors.Problem("bad", path="assessments[0]", code="x")]))
        elif issubclass(cls, errors.StructureError):
            found.append(cls("Doc", [errors.Problem("bad", path="$.a", code="x")]))
        else:
            found.append(cls("something is wrong"))
    return found


@pytest.mark.parametrize("error", _instances(), ids=lambda e: type(e).__name__)
def test_every_error_pickles_with_its_message(error: errors.ThiduaError) -> None:
    """An error crosses process boundaries unchanged."""
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own data
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert copy.args == error.args


@pytest.mark.parametrize("error", _instances(), ids=lambda e: type(e).__name__)
def test_every_error_is_a_thidua_error_with_a_docstring(error: errors.ThiduaError) -> None:
    """One root to catch; data errors are ValueError (lookups are KeyError)."""
    assert isinstance(error, errors.ThiduaError)
    if type(error) is not errors.ThiduaError:
        assert isinstance(error, ValueError | KeyError)
    assert inspect.getdoc(type(error))


def test_every_error_class_is_listed() -> None:
    """No error class is left out of the public list."""
    classes = {
        name
        for name, value in vars(errors).items()
        if inspect.isclass(value) and issubclass(value, Exception) and not name.startswith("_")
    }
    assert classes <= set(errors.__all__)


def _thidua_modules() -> list[str]:
    import thidua  # noqa: PLC0415 - only to find the package's path

    return ["thidua"] + [
        info.name
        for info in pkgutil.walk_packages(thidua.__path__, prefix="thidua.")
        if info.name != "thidua.__main__"  # runs the command line
    ]


def test_every_error_class_lives_in_errors() -> None:
    """No module of thidua but :mod:`thidua.errors` defines an exception class."""
    outside = []
    for module_name in _thidua_modules():
        module = importlib.import_module(module_name)
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, BaseException)
                and value.__module__ == module_name
                and module_name != "thidua.errors"
            ):
                outside.append(f"{module_name}.{name}")
    assert outside == []
    source = Path(errors.__file__).parent
    for path in source.rglob("*.py"):
        if path.name == "errors.py" and path.parent == source:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases = {getattr(b, "id", getattr(b, "attr", "")) for b in node.bases}
                assert not any(b.endswith(("Error", "Exception")) for b in bases), (
                    path,
                    node.name,
                )


def test_the_error_tree_is_drawn_with_every_error() -> None:
    """The module docstring draws every error class."""
    doc = errors.__doc__ or ""
    for name in errors.__all__:
        value = getattr(errors, name)
        if inspect.isclass(value) and issubclass(value, BaseException):
            assert f" {name} " in doc or f" {name}\n" in doc, name


#: The module, untyped: the calls below break the convention on purpose.
_loose: Any = errors


@pytest.mark.parametrize(
    "make",
    [
        lambda: _loose.InvalidModelError("m", "path"),
        lambda: _loose.InvalidModelError("m", "path", "code"),
        lambda: _loose.LifecycleError("m", "path", "code"),
        lambda: _loose.AwardError("m", "path"),
        lambda: _loose.BallotError("m", "path"),
        lambda: _loose.DocumentError("m", "code"),
        lambda: _loose.NumberFormatError("m", "code"),
        lambda: _loose.WireError("m", "code"),
        lambda: _loose.Problem("m", "$.a"),
        lambda: _loose.Problem("$.a", "m", "code"),
        lambda: _loose.CellProblem("m", "sheet", 1, "c", "A", "code"),
    ],
)
def test_path_and_code_are_keyword_only(make: Callable[[], object]) -> None:
    """Message first; path, code and details only by name."""
    with pytest.raises(TypeError):
        make()


def test_the_keyword_convention_builds_each_error() -> None:
    """The one convention: ``Error(message, path=..., code=..., details=...)``."""
    error = errors.InvalidModelError("m", path="a", code="c", details={"value": 1})
    assert (error.message, error.path, error.code, error.details["value"]) == ("m", "a", "c", 1)
    problem = errors.Problem("m", path="$", code="c")
    assert (problem.message, problem.path, problem.code) == ("m", "$", "c")
    assert not problem.details
    assert errors.DocumentError("m", code="c").path == "$"
    assert errors.WireError("m").code == "wrong-type"
