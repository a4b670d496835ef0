"""Formula-safe text for spreadsheets (OWASP's advice against CSV injection).

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
run as a formula by spreadsheet programs; :func:`neutralise` writes it behind a single
quote, and a cell starting with a quote gets one more, so :func:`unneutralise` strips
exactly one and gives back the text written. Every CSV export uses it for its text cells
(score sheets, points tables, the stream's results); numbers are written as numbers.
"""

from __future__ import annotations

from typing import Final

__all__ = ["neutralise", "unneutralise"]

_RISKY: Final = ("=", "+", "-", "@", "\t", "\r")
_QUOTE: Final = "'"


def neutralise(text: str) -> str:
    """A cell's text made inert for a spreadsheet: a quote before a risky first character.

    >>> neutralise("=1+2")
    "'=1+2"
    >>> neutralise("Sở Hà Nội")
    'Sở Hà Nội'
    """
    if text.startswith((*_RISKY, _QUOTE)):
        return _QUOTE + text
    return text


def unneutralise(text: str) -> str:
    """The text :func:`neutralise` was given: one quote before a risky character dropped."""
    if len(text) > 1 and text[0] == _QUOTE and text[1:].startswith((*_RISKY, _QUOTE)):
        return text[1:]
    return text
