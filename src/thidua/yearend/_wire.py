"""The year end's contribution to the wire format."""

from __future__ import annotations

import cattrs

from thidua.yearend import _ballot, _conditions

__all__ = ["configure"]


def configure(conv: cattrs.Converter) -> None:
    """Register the year end's hooks on *conv*: award conditions, and a ballot's refusal."""
    _conditions.configure(conv)
    _ballot.configure(conv)
