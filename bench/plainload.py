"""The load reference: the least Python can do to build thidua's objects from JSON.

``orjson.loads``, then one constructor call per record, written by hand for the scoring
document's classes: the models' own converters, validators and post-init checks run
(they are the models; the scoring file checks its sheets against their schemes), but
nothing else does: no check of the JSON types, no unknown-key check, no size limits, no
error paths. The collector is paused while the objects are built, as thidua pauses it.
What is left between it and ``orjson.loads`` is the cost of building the immutable,
checked models at all.
"""

from __future__ import annotations

import datetime as dt
import gc
from decimal import Decimal
from typing import Any

import orjson

from thidua.scoring import Assessment, Layer, Scheme, Scoring, ScoringSheet, SheetUnit
from thidua.scoring._inputs import INPUT_TAGS
from thidua.serialization import structure


def _input(wire: dict[str, Any]) -> Any:
    fields = {k: v for k, v in wire.items() if k != "kind"}
    for key, value in fields.items():
        if type(value) is str and key != "option":
            fields[key] = Decimal(value)
    return INPUT_TAGS[wire["kind"]](**fields)


def _assessment(wire: dict[str, Any]) -> Assessment:
    date = wire.get("date")
    bonus = wire.get("bonus")
    return Assessment(
        unit=wire["unit"],
        item=wire["item"],
        layer=Layer(wire["layer"]),
        input=_input(wire["input"]),
        assessor=wire.get("assessor"),
        date=None if date is None else dt.date.fromisoformat(date),
        comment=wire.get("comment"),
        evidence=tuple(wire.get("evidence", ())),
        bonus=None if bonus is None else Decimal(bonus),
    )


def load(raw: bytes) -> Scoring:
    """The scoring document built from *raw* with one constructor call per record."""
    gc.disable()
    try:
        document = orjson.loads(raw)
        sheets = tuple(
            ScoringSheet(
                year=sheet["year"],
                scheme=sheet["scheme"],
                units=tuple(SheetUnit(code=u["code"], name=u["name"]) for u in sheet["units"]),
                assessments=tuple(_assessment(a) for a in sheet["assessments"]),
            )
            for sheet in document["sheets"]
        )
        schemes = tuple(structure(s, Scheme) for s in document["schemes"])
        return Scoring(
            schemes=schemes,
            sheets=sheets,
            illustrative=document["illustrative"],
            note=document.get("note"),
        )
    finally:
        gc.enable()
