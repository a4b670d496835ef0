"""The same scoring document as pydantic v2 models and msgspec structs, with thidua's checks.

Each library is written as its documentation advises: pydantic with ``ConfigDict(strict=True,
extra="forbid", frozen=True)``, ``Annotated`` constraints, discriminated unions and
``model_validator(mode="after")`` for cross-field rules, read with ``model_validate_json``;
msgspec with ``Struct`` subclasses (``forbid_unknown_fields``, tagged unions on ``kind``),
``Meta`` constraints and ``__post_init__`` for cross-field rules, read with a reused
``msgspec.json.Decoder``.

The checks are those thidua makes on the content generated here: codes, non-blank NFC text,
exact decimals, unique codes, ranges of inputs, a peer names its assessor, references to
units and items, the input kind an item's method reads, its range for the method, one
assessment per unit, item, layer and assessor, and completeness. The sheet-level rules are
one plain function (:func:`check_sheet`) shared by both libraries, as either's docs suggest
for logic that spans models. Known differences: msgspec decodes ``Decimal`` from any JSON
number as well as from strings, and neither reports every problem at once as thidua does.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from typing import Annotated, Any, Literal

import msgspec
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

CODE = r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$"
_DECIMAL_RE = re.compile(r"-?(?:0|[1-9][0-9]{0,17})(?:\.[0-9]{1,12})?")


def _nfc(value: str) -> str:
    value = unicodedata.normalize("NFC", value)
    if not value:
        raise ValueError("must not be empty")
    return value


def _decimal(value: Any) -> Any:
    if type(value) is str:
        if not _DECIMAL_RE.fullmatch(value):
            raise ValueError(f"{value!r} is not a decimal number")
        return Decimal(value)
    if type(value) is int:
        return Decimal(value)
    raise ValueError("expected a decimal string")


def _optional_nfc(value: str | None) -> str | None:
    return None if value is None else unicodedata.normalize("NFC", value)


# --------------------------------------------------------------------------------------
# Sheet-level checks, shared (attribute access only).


def _input_problem(kind: str, value: Any) -> str | None:
    if kind == "points" and value.points < 0:
        return "negative points"
    if kind == "yes-no" and value.shortcomings < 0:
        return "negative shortcomings"
    if kind == "share" and not 0 <= value.percent <= 100:
        return "share outside 0 to 100"
    if kind == "achievement" and (
        value.actual < 0 or (value.target is not None and value.target <= 0)
    ):
        return "achievement out of range"
    return None


_READS = {
    "manual": "points",
    "share": "share",
    "yes-no": "yes-no",
    "achievement": "achievement",
    "tiers": "value",
}


def _in(tier: Any, value: Decimal) -> bool:
    lower, upper = tier.lower, tier.upper
    if lower is not None and (
        value < lower.value or (value == lower.value and not lower.inclusive)
    ):
        return False
    return upper is None or value < upper.value or (value == upper.value and upper.inclusive)


def _method_problem(criterion: Any, method_kind: str, value: Any) -> str | None:
    if method_kind == "manual" and value.points > criterion.max_points:
        return "points above the maximum"
    if method_kind == "yes-no" and value.shortcomings and criterion.method.per_shortcoming is None:
        return "no deduction per shortcoming"
    if method_kind == "achievement" and value.target is None:
        return "an achievement criterion needs a target"
    if method_kind == "tiers" and not any(_in(t, value.value) for t in criterion.method.tiers):
        return "value in no tier"
    return None


def leaves(nodes: Any) -> list[Any]:
    """The criteria of a tree, in order."""
    found: list[Any] = []
    for node in nodes:
        if hasattr(node, "children"):
            found += leaves(node.children)
        else:
            found.append(node)
    return found


def check_scheme(scheme: Any, method_kind: Any) -> None:
    """Unique codes; tier points within the maximum; the criteria fit the scale."""
    seen: set[str] = set()
    stack = list(scheme.criteria)
    while stack:
        node = stack.pop()
        if node.code in seen:
            raise ValueError(f"duplicate code {node.code!r}")
        seen.add(node.code)
        if hasattr(node, "children"):
            stack += node.children
        elif method_kind(node.method) == "tiers" and any(
            t.points > node.max_points for t in node.method.tiers
        ):
            raise ValueError("tier above the maximum")
    total = sum((c.max_points for c in leaves(scheme.criteria)), Decimal(0))
    if total > scheme.scale:
        raise ValueError("criteria exceed the scale")


def check_sheet(scheme: Any, sheet: Any, method_kind: Any, input_kind: Any) -> None:
    """The rules thidua checks between a sheet, its units and its scheme."""
    if not sheet.units:
        raise ValueError("a sheet needs units")
    codes: set[str] = set()
    for unit in sheet.units:
        if unit.code in codes:
            raise ValueError(f"duplicate unit {unit.code!r}")
        codes.add(unit.code)
    items = {c.code: (c, method_kind(c.method)) for c in leaves(scheme.criteria)}
    seen: set[tuple[str, str, str, str | None]] = set()
    covered: set[tuple[str, str]] = set()
    for index, a in enumerate(sheet.assessments):
        if a.unit not in codes:
            raise ValueError(f"assessments[{index}].unit: unknown unit")
        key = (a.unit, a.item, a.layer, a.assessor if a.layer == "peer" else None)
        if key in seen:
            raise ValueError(f"assessments[{index}]: assessed twice")
        seen.add(key)
        found = items.get(a.item)
        if found is None:
            raise ValueError(f"assessments[{index}].item: unknown item")
        criterion, kind = found
        got = input_kind(a.input)
        if got != _READS[kind]:
            raise ValueError(f"assessments[{index}].input: wrong input")
        problem = _method_problem(criterion, kind, a.input)
        if problem:
            raise ValueError(f"assessments[{index}].input: {problem}")
        if a.bonus is not None:
            raise ValueError(f"assessments[{index}].bonus: no bonus declared")
        covered.add((a.unit, a.item))
    for unit in sheet.units:
        for code in items:
            if (unit.code, code) not in covered:
                raise ValueError("assessments: incomplete")


# --------------------------------------------------------------------------------------
# pydantic v2

Code = Annotated[str, Field(pattern=CODE)]
Text = Annotated[str, AfterValidator(_nfc)]
OptText = Annotated[str | None, AfterValidator(_optional_nfc)]
Dec = Annotated[Decimal, BeforeValidator(_decimal)]


class _P(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class PBound(_P):
    value: Dec
    inclusive: bool


class PTier(_P):
    points: Dec
    lower: PBound | None = None
    upper: PBound | None = None


class PManual(_P):
    kind: Literal["manual"]


class PShare(_P):
    kind: Literal["share"]


class PYesNo(_P):
    kind: Literal["yes-no"]
    yes_points: Dec
    no_points: Dec = Decimal(0)
    per_shortcoming: Dec | None = None
    shortcoming_cap: Dec | None = None


class PAchievement(_P):
    kind: Literal["achievement"]
    cap_percent: Dec | None


class PTiers(_P):
    kind: Literal["tiers"]
    tiers: tuple[PTier, ...]


PMethod = Annotated[PManual | PShare | PYesNo | PAchievement | PTiers, Field(discriminator="kind")]


class PCriterion(_P):
    kind: Literal["criterion"]
    code: Code
    label: Text
    max_points: Dec
    method: PMethod
    bonus_cap: Dec | None = None


class PSection(_P):
    kind: Literal["section"]
    code: Code
    label: Text
    cap: Dec | None = None
    children: tuple[Annotated[PSection | PCriterion, Field(discriminator="kind")], ...]


class PRounding(_P):
    mode: Literal["half-up", "half-even", "down", "up"]
    places: int
    steps: tuple[Literal["criterion", "section", "total"], ...]


class PPeerRule(_P):
    statistic: Literal["mean", "median", "trimmed-mean"]
    trim: int = 0
    normalise: bool = False


class PCombination(_P):
    layers: Literal["last", "highest"]
    peer: PPeerRule | None = None


class PBand(_P):
    code: Code
    label: Text
    lower: PBound | None = None
    upper: PBound | None = None


class PSectionTieBreak(_P):
    kind: Literal["section"]
    section: Code


class PScheme(_P):
    code: Code
    label: Text
    first_year: int = Field(ge=1900, le=2200)
    last_year: int | None = None
    scale: Dec
    criteria: tuple[Annotated[PSection | PCriterion, Field(discriminator="kind")], ...]
    rounding: PRounding | None = None
    combination: PCombination
    bands: tuple[PBand, ...] = ()
    tie_breaks: tuple[PSectionTieBreak, ...] = ()
    note: OptText = None

    @model_validator(mode="after")
    def _check(self) -> PScheme:
        check_scheme(self, lambda m: m.kind)
        return self


class PPoints(_P):
    kind: Literal["points"]
    points: Dec


class PYesNoInput(_P):
    kind: Literal["yes-no"]
    met: bool
    shortcomings: int = 0


class PShareInput(_P):
    kind: Literal["share"]
    percent: Dec


class PAchievementInput(_P):
    kind: Literal["achievement"]
    actual: Dec
    target: Dec | None = None


class PValue(_P):
    kind: Literal["value"]
    value: Dec


PInput = Annotated[
    PPoints | PYesNoInput | PShareInput | PAchievementInput | PValue, Field(discriminator="kind")
]


class PAssessment(_P):
    unit: Code
    item: Code
    layer: Literal["self", "peer", "group-appraisal", "council-appraisal"]
    input: PInput
    assessor: OptText = None
    date: dt.date | None = None
    comment: OptText = None
    evidence: tuple[Text, ...] = ()
    bonus: Dec | None = None

    @model_validator(mode="after")
    def _check(self) -> PAssessment:
        if _input_problem(self.input.kind, self.input):
            raise ValueError("input out of range")
        if self.bonus is not None and self.bonus < 0:
            raise ValueError("negative bonus")
        if self.layer == "peer" and not self.assessor:
            raise ValueError("a peer score names its assessor")
        return self


class PUnit(_P):
    code: Code
    name: Text


class PSheet(_P):
    year: int
    scheme: Code
    units: tuple[PUnit, ...]
    assessments: tuple[PAssessment, ...]


class PScoring(_P):
    kind: Literal["scoring"]
    schema_version: Literal["1.1"]
    schemes: tuple[PScheme, ...]
    sheets: tuple[PSheet, ...]
    illustrative: bool = False
    note: OptText = None

    @model_validator(mode="after")
    def _check(self) -> PScoring:
        schemes = {s.code: s for s in self.schemes}
        for sheet in self.sheets:
            check_sheet(schemes[sheet.scheme], sheet, lambda m: m.kind, lambda i: i.kind)
        return self


# --------------------------------------------------------------------------------------
# msgspec

MCode = Annotated[str, msgspec.Meta(pattern=CODE)]


class _M(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    pass


class MBound(_M):
    value: Decimal
    inclusive: bool


class MTier(_M):
    points: Decimal
    lower: MBound | None = None
    upper: MBound | None = None


class MManual(_M, tag="manual", tag_field="kind"):
    pass


class MShare(_M, tag="share", tag_field="kind"):
    pass


class MYesNo(_M, tag="yes-no", tag_field="kind"):
    yes_points: Decimal
    no_points: Decimal = Decimal(0)
    per_shortcoming: Decimal | None = None
    shortcoming_cap: Decimal | None = None


class MAchievement(_M, tag="achievement", tag_field="kind"):
    cap_percent: Decimal | None


class MTiers(_M, tag="tiers", tag_field="kind"):
    tiers: tuple[MTier, ...]


MMethod = MManual | MShare | MYesNo | MAchievement | MTiers


def _mtag(value: Any) -> str:
    tag: str = type(value).__struct_config__.tag
    return tag


class MCriterion(_M, tag="criterion", tag_field="kind"):
    code: MCode
    label: str
    max_points: Decimal
    method: MMethod
    bonus_cap: Decimal | None = None

    def __post_init__(self) -> None:
        self.label = _nfc(self.label)


class MSection(_M, tag="section", tag_field="kind"):
    code: MCode
    label: str
    cap: Decimal | None = None
    children: tuple[MSection | MCriterion, ...] = ()

    def __post_init__(self) -> None:
        self.label = _nfc(self.label)


class MRounding(_M):
    mode: Literal["half-up", "half-even", "down", "up"]
    places: int
    steps: tuple[Literal["criterion", "section", "total"], ...]


class MPeerRule(_M):
    statistic: Literal["mean", "median", "trimmed-mean"]
    trim: int = 0
    normalise: bool = False


class MCombination(_M):
    layers: Literal["last", "highest"]
    peer: MPeerRule | None = None


class MBand(_M):
    code: MCode
    label: str
    lower: MBound | None = None
    upper: MBound | None = None


class MSectionTieBreak(_M, tag="section", tag_field="kind"):
    section: MCode


class MScheme(_M):
    code: MCode
    label: str
    first_year: Annotated[int, msgspec.Meta(ge=1900, le=2200)]
    scale: Decimal
    criteria: tuple[MSection | MCriterion, ...]
    combination: MCombination
    last_year: int | None = None
    rounding: MRounding | None = None
    bands: tuple[MBand, ...] = ()
    tie_breaks: tuple[MSectionTieBreak, ...] = ()
    note: str | None = None

    def __post_init__(self) -> None:
        self.label = _nfc(self.label)
        self.note = _optional_nfc(self.note)
        check_scheme(self, _mtag)


class MPoints(_M, tag="points", tag_field="kind"):
    points: Decimal


class MYesNoInput(_M, tag="yes-no", tag_field="kind"):
    met: bool
    shortcomings: int = 0


class MShareInput(_M, tag="share", tag_field="kind"):
    percent: Decimal


class MAchievementInput(_M, tag="achievement", tag_field="kind"):
    actual: Decimal
    target: Decimal | None = None


class MValue(_M, tag="value", tag_field="kind"):
    value: Decimal


MInput = MPoints | MYesNoInput | MShareInput | MAchievementInput | MValue


class MAssessment(_M):
    unit: MCode
    item: MCode
    layer: Literal["self", "peer", "group-appraisal", "council-appraisal"]
    input: MInput
    assessor: str | None = None
    date: dt.date | None = None
    comment: str | None = None
    evidence: tuple[str, ...] = ()
    bonus: Decimal | None = None

    def __post_init__(self) -> None:
        if self.assessor is not None:
            self.assessor = unicodedata.normalize("NFC", self.assessor)
        if self.comment is not None:
            self.comment = unicodedata.normalize("NFC", self.comment)
        if self.evidence:
            self.evidence = tuple(_nfc(e) for e in self.evidence)
        if _input_problem(_mtag(self.input), self.input):
            raise ValueError("input out of range")
        if self.bonus is not None and self.bonus < 0:
            raise ValueError("negative bonus")
        if self.layer == "peer" and not self.assessor:
            raise ValueError("a peer score names its assessor")


class MUnit(_M):
    code: MCode
    name: str

    def __post_init__(self) -> None:
        self.name = _nfc(self.name)


class MSheet(_M):
    year: int
    scheme: MCode
    units: tuple[MUnit, ...]
    assessments: tuple[MAssessment, ...]


class MScoring(_M, tag="scoring", tag_field="kind"):
    schema_version: Literal["1.1"]
    schemes: tuple[MScheme, ...]
    sheets: tuple[MSheet, ...]
    illustrative: bool = False
    note: str | None = None

    def __post_init__(self) -> None:
        self.note = _optional_nfc(self.note)
        schemes = {s.code: s for s in self.schemes}
        for sheet in self.sheets:
            check_sheet(schemes[sheet.scheme], sheet, _mtag, _mtag)


MSG_DECODER = msgspec.json.Decoder(MScoring)
MSG_ENCODER = msgspec.json.Encoder()
