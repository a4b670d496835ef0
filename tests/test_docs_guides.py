"""The tutorial and the framework how-to run as written: their doctest blocks, in order.

Sphinx's doctest builder runs them too (``-b doctest``); this runs the same blocks in
the test suite, so that a change that breaks a step of the guides fails here.
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

import thidua

DOCS = Path(__file__).parent.parent / "docs"
_BLOCK = re.compile(r"^```\{doctest\}\n(.*?)^```", re.DOTALL | re.MULTILINE)


@pytest.mark.parametrize("page", ["tutorial.md", "framework.md"])
def test_guide_runs(page: str) -> None:
    """Every doctest block of the page passes, with Sphinx's global setup."""
    text = (DOCS / page).read_text(encoding="utf-8")
    blocks = _BLOCK.findall(text)
    assert len(blocks) >= 4
    globs: dict[str, object] = {"thidua": thidua, "DOCS": DOCS}
    globs.update({name: getattr(thidua, name) for name in thidua.__all__})
    test = doctest.DocTestParser().get_doctest("\n".join(blocks), globs, page, page, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0
    assert result.attempted >= 15
