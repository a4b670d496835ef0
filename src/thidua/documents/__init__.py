"""Papers to sign or file: the layout of Vietnamese administrative documents and its renderers.

:func:`review_minutes`, :func:`submission_letter`, :func:`agreement_paper` (and the
tables of a review) build an :class:`AdministrativeDocument`; build one yourself from
these blocks to render any other paper the same way with :func:`render_markdown`,
:func:`render_html` or :func:`render_docx` (extra ``thidua[docx]``, loaded on first
use). :func:`report_html` writes the HTML report of a review.

The functions are exported by :mod:`thidua` too. The modules: ``_layout`` (the
document model), ``_markdown``, ``_html``, ``_docx`` (the renderers), ``_paperwork``
(the papers of an agreement and a review) and ``_report`` (the review's HTML report).
"""

from thidua.documents._docx import render_docx
from thidua.documents._html import render_html
from thidua.documents._layout import (
    BLANK,
    MOTTO,
    NATIONAL_TITLE,
    AdministrativeDocument,
    Heading,
    Items,
    Paragraph,
    Signature,
    Table,
)
from thidua.documents._markdown import render_markdown
from thidua.documents._paperwork import (
    agreement_paper,
    citation,
    results_table,
    review_minutes,
    submission_letter,
    summary_table,
    unit_explanation,
)
from thidua.documents._report import report_html

__all__ = [
    "BLANK",
    "MOTTO",
    "NATIONAL_TITLE",
    "AdministrativeDocument",
    "Heading",
    "Items",
    "Paragraph",
    "Signature",
    "Table",
    "agreement_paper",
    "citation",
    "render_docx",
    "render_html",
    "render_markdown",
    "report_html",
    "results_table",
    "review_minutes",
    "submission_letter",
    "summary_table",
    "unit_explanation",
]
