"""The error hierarchy: one root, data errors are ValueErrors, every error pickles."""

from __future__ import annotations

import inspect
import pickle

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
