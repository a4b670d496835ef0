# ruff: noqa: SLF001, RUF012, PLR0915
"""The compact sheet form in pydantic v2 and msgspec, with thidua's checks; a numpy scorer.

The models follow each library's docs (strict pydantic models, msgspec ``Struct``s with
``Meta`` constraints and ``__post_init__``); the schemes are the row form's models
(``rivals.py``). Each value is checked for its criterion's JSON type and range, every
row's width, duplicate rows, unknown units and completeness, as thidua does.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

import msgspec
import numpy as np
import rivals
from pydantic import ConfigDict, Field, model_validator

Layer = Literal["self", "peer", "group-appraisal", "council-appraisal"]
_DECIMAL_KINDS = {"manual", "share", "tiers"}


def _number(value: Any, scale: int) -> Decimal:
    if type(value) is int:
        return Decimal(value).scaleb(-scale)
    if type(value) is str and rivals._DECIMAL_RE.fullmatch(value):
        return Decimal(value)
    raise ValueError("expected a decimal")


class _Read:
    """A value read back as the row form's input, for the shared checks."""

    def __init__(self, **fields: Any) -> None:
        self.__dict__.update(fields)


def _check_value(kind: str, criterion: Any, value: Any, scale: int) -> None:
    if kind in _DECIMAL_KINDS:
        number = _number(value, scale)
        read = _Read(points=number, percent=number, value=number)
        tag = rivals._READS[kind]
    elif kind == "yes-no":
        if type(value) is bool:
            read = _Read(met=value, shortcomings=0)
        elif type(value) is list and len(value) == 2 and type(value[0]) is bool:
            if type(value[1]) is not int:
                raise ValueError("expected an integer")
            read = _Read(met=value[0], shortcomings=value[1])
        else:
            raise ValueError("expected true or false")
        tag = "yes-no"
    else:
        if type(value) is not list or len(value) != 2:
            raise ValueError("expected [actual, target]")
        target = None if value[1] is None else _number(value[1], scale)
        read = _Read(actual=_number(value[0], scale), target=target)
        tag = "achievement"
    if rivals._input_problem(tag, read) or rivals._method_problem(criterion, kind, read):
        raise ValueError("value out of range")


def check_compact(scheme: Any, sheet: Any, method_kind: Any) -> None:
    """Every check thidua makes on a compact sheet (for the benchmark's schemes)."""
    codes = {unit.code for unit in sheet.units}
    if len(codes) != len(sheet.units):
        raise ValueError("duplicate unit")
    items = {c.code: (c, method_kind(c.method)) for c in rivals.leaves(scheme.criteria)}
    plan = []
    for code in sheet.criteria:
        if code not in items:
            raise ValueError("unknown criterion")
        plan.append(items[code])
    seen: set[tuple[str, str, str | None]] = set()
    covered: set[tuple[str, int]] = set()
    checked: list[set[Any]] = [set() for _ in plan]
    for row in sheet.rows:
        if row.unit not in codes:
            raise ValueError("unknown unit")
        key = (row.unit, row.layer, row.assessor if row.layer == "peer" else None)
        if key in seen:
            raise ValueError("row twice")
        seen.add(key)
        if len(row.values) != len(plan):
            raise ValueError("wrong width")
        for index, value in enumerate(row.values):
            if value is None:
                continue
            covered.add((row.unit, index))
            marker = (type(value), value) if type(value) is not list else None
            if marker is not None and marker in checked[index]:
                continue
            criterion, kind = plan[index]
            _check_value(kind, criterion, value, sheet.scale)
            if marker is not None:
                checked[index].add(marker)
    if len(covered) != len(codes) * len(plan):
        raise ValueError("incomplete")


# -- msgspec ------------------------------------------------------------------------------

MValue = int | str | bool | list[int | str | bool | None] | None


class MRow(rivals._M):
    unit: rivals.MCode
    layer: Layer
    values: list[MValue]
    assessor: str | None = None
    date: dt.date | None = None
    notes: dict[str, dict[str, Any]] = {}

    def __post_init__(self) -> None:
        if self.assessor is not None:
            self.assessor = rivals._nfc(self.assessor)
        if self.layer == "peer" and not self.assessor:
            raise ValueError("a peer score names its assessor")


class MCompactSheet(rivals._M):
    year: int
    scheme: rivals.MCode
    units: tuple[rivals.MUnit, ...]
    criteria: tuple[rivals.MCode, ...]
    rows: tuple[MRow, ...]
    scale: Annotated[int, msgspec.Meta(ge=0, le=12)] = 0


class MCompactScoring(rivals._M, tag="scoring", tag_field="kind"):
    schema_version: Literal["1.1"]
    schemes: tuple[rivals.MScheme, ...]
    sheets: tuple[MCompactSheet, ...]
    illustrative: bool = False
    note: str | None = None

    def __post_init__(self) -> None:
        self.note = rivals._optional_nfc(self.note)
        schemes = {s.code: s for s in self.schemes}
        for sheet in self.sheets:
            check_compact(schemes[sheet.scheme], sheet, rivals._mtag)


MSG_COMPACT = msgspec.json.Decoder(MCompactScoring)


# -- pydantic ------------------------------------------------------------------------------

PValue = int | str | bool | list[int | str | bool | None] | None


class PRow(rivals._P):
    unit: rivals.Code
    layer: Layer
    values: list[PValue]
    assessor: rivals.OptText = None
    date: dt.date | None = None
    notes: dict[str, dict[str, Any]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _peer(self) -> PRow:
        if self.layer == "peer" and not self.assessor:
            raise ValueError("a peer score names its assessor")
        return self


class PCompactSheet(rivals._P):
    year: int
    scheme: rivals.Code
    units: tuple[rivals.PUnit, ...]
    scale: Annotated[int, Field(ge=0, le=12)] = 0
    criteria: tuple[rivals.Code, ...]
    rows: tuple[PRow, ...]


def _ptag(method: Any) -> str:
    return str(method.kind)


class PCompactScoring(rivals._P):
    model_config = ConfigDict(strict=True, extra="forbid")
    kind: Literal["scoring"]
    schema_version: Literal["1.1"]
    schemes: tuple[rivals.PScheme, ...]
    sheets: tuple[PCompactSheet, ...]
    illustrative: bool = False
    note: rivals.OptText = None

    @model_validator(mode="after")
    def _sheets(self) -> PCompactScoring:
        schemes = {s.code: s for s in self.schemes}
        for sheet in self.sheets:
            check_compact(schemes[sheet.scheme], sheet, _ptag)
        return self


# -- numpy -------------------------------------------------------------------------------


def numpy_score(document: dict[str, Any]) -> list[tuple[str, float]]:
    """The float scorer's rules on the parsed compact form, vectorised by criterion."""
    scheme = document["schemes"][0]
    sheet = document["sheets"][0]
    scale = 10.0 ** sheet["scale"]
    position = {code: i for i, code in enumerate(sheet["criteria"])}
    units = [u["code"] for u in sheet["units"]]
    unit_index = {code: i for i, code in enumerate(units)}
    rows = sheet["rows"]
    row_unit = np.array([unit_index[r["unit"]] for r in rows])
    peer = np.array([r["layer"] == "peer" for r in rows])
    peer_count = np.bincount(row_unit[peer], minlength=len(units))
    total = np.zeros(len(units))
    second = np.zeros(len(units))
    for section in scheme["criteria"]:
        summed = np.zeros(len(units))
        for criterion in section["children"]:
            method, top = criterion["method"], float(criterion["max_points"])
            column = [r["values"][position[criterion["code"]]] for r in rows]
            kind = method["kind"]
            if kind == "yes-no":
                met = np.array([v if type(v) is bool else v[0] for v in column], dtype=float)
                short = np.array([0 if type(v) is bool else v[1] for v in column], dtype=float)
                cap = float(method["shortcoming_cap"])
                points = np.maximum(met * float(method["yes_points"]) - np.minimum(short, cap), 0.0)
            elif kind == "achievement":
                pairs = np.array(column, dtype=float)
                points = np.minimum(pairs[:, 0] / pairs[:, 1], 1.0) * top
            else:
                values = np.array(column, dtype=float) / scale
                if kind == "share":
                    points = values / 100 * top
                elif kind == "manual":
                    points = values
                else:
                    points = np.zeros(len(values))
                    for tier in method["tiers"]:
                        inside = np.ones(len(values), dtype=bool)
                        lower, upper = tier.get("lower"), tier.get("upper")
                        if lower is not None:
                            bound = float(lower["value"])
                            inside &= (values > bound) | ((values == bound) & lower["inclusive"])
                        if upper is not None:
                            bound = float(upper["value"])
                            inside &= (values < bound) | ((values == bound) & upper["inclusive"])
                        points = np.where(inside, float(tier["points"]), points)
            peer_sum = np.bincount(row_unit[peer], weights=points[peer], minlength=len(units))
            own = np.bincount(row_unit[~peer], weights=points[~peer], minlength=len(units))
            chosen = np.where(peer_count > 0, peer_sum / np.maximum(peer_count, 1), own)
            summed += np.floor(chosen * 100 + 0.5) / 100
        summed = np.minimum(summed, float(section["cap"]))
        if section["code"] == "II":
            second = summed
        total += summed
    total = np.floor(total * 100 + 0.5) / 100
    order = np.lexsort((np.array(units), -second, -total))
    return [(units[i], float(total[i])) for i in order]
