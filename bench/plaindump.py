"""The dump reference: the least Python can do to write thidua's objects as JSON.

One dict per record, written by hand for the scoring document's classes (the schemes,
a few hundred objects, go through thidua's own ``unstructure``), keys not sorted, no
tags checked, decimals handed to ``orjson`` through ``default=str``. It is the floor of
any dump that starts from Python objects rather than from ready dicts: what is left
between it and ``orjson.dumps`` of the parsed document is the cost of visiting every
object in Python at all.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import orjson

from thidua.scoring import Scoring
from thidua.serialization import unstructure


def _default(value: object) -> str:
    if type(value) is Decimal:
        return str(value)
    raise TypeError(type(value).__name__)


def dump(scoring: Scoring) -> bytes:
    """The scoring document as JSON bytes, one dict built per record."""
    sheets: list[dict[str, Any]] = []
    for sheet in scoring.sheets:
        assessments = []
        for a in sheet.assessments:
            value = a.input
            wire = {"kind": "?"}
            for name in value.__slots__:  # type: ignore[attr-defined]
                if not name.startswith("__"):
                    wire[name] = getattr(value, name)
            assessments.append(
                {
                    "unit": a.unit,
                    "item": a.item,
                    "layer": a.layer,
                    "input": wire,
                    "assessor": a.assessor,
                    "date": a.date,
                    "comment": a.comment,
                    "evidence": a.evidence,
                    "bonus": a.bonus,
                }
            )
        sheets.append(
            {
                "year": sheet.year,
                "scheme": sheet.scheme,
                "units": [{"code": u.code, "name": u.name} for u in sheet.units],
                "assessments": assessments,
            }
        )
    document = {
        "kind": "scoring",
        "schema_version": "1.1",
        "schemes": [unstructure(s) for s in scoring.schemes],
        "sheets": sheets,
        "illustrative": scoring.illustrative,
        "note": scoring.note,
    }
    return orjson.dumps(document, default=_default)
