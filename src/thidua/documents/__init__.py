"""The layout of Vietnamese administrative documents, for building your own.

:func:`thidua.review_minutes`, :func:`thidua.submission_letter` (and the agreement
renderer) build an :class:`AdministrativeDocument`; build one yourself from these
blocks to render any other paper the same way with :func:`thidua.render_markdown`,
:func:`thidua.render_html` or :func:`thidua.render_docx`.
"""

from thidua.documents._render import (
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
]
