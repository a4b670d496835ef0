"""Sphinx configuration: MyST pages, autodoc reference, doctests of every example."""

from __future__ import annotations

from pathlib import Path

project = "thidua"
author = "thidua developers"
copyright = "2026, thidua developers"
extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3
html_theme = "furo"
html_title = "thidua"
language = "en"
exclude_patterns = ["_build"]
autodoc_typehints = "description"
autodoc_member_order = "bysource"
autodoc_default_options = {"members": True, "show-inheritance": True}
# DOCS: this folder, wherever Sphinx runs from (the tutorial reads its spreadsheet there).
doctest_global_setup = (
    "import pathlib\nimport thidua\nfrom thidua import *\n"
    f"DOCS = pathlib.Path({str(Path(__file__).resolve().parent)!r})"
)
# No network at build time: references outside thidua are not resolved.
nitpick_ignore_regex = [
    (r"py:.*", r"(?!thidua\b).*"),
    (r"py:class", r"thidua\..*\.T"),
    (r"py:(class|obj)", r"thidua\..*\.InputT"),  # a type variable, as T
    (r"py:class", r"thidua\._.*"),
    (r"py:class", r"thidua\.\w+\._.*"),
]
suppress_warnings = ["myst.xref_missing"]
