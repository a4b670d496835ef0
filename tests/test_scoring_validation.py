# ruff: noqa: E501, FBT003 - the table of cases reads best one case per line
"""Every scoring invariant: a passing case, and failing cases with class, code and JSON path."""

from __future__ import annotations

import copy
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import pytest

from thidua import InvalidModelError, StructureError
from thidua.scoring import (
    Band,
    Bound,
    RoundingMode,
    RoundingRule,
    RoundingStep,
    Scheme,
    Scoring,
    band_gaps,
)
from thidua.serialization import structure

Json = dict[str, Any]


def base() -> Json:
    """A valid scoring file touching every method and adjustment."""
    scheme: Json = {
        "code": "BANG",
        "label": "Bảng chấm điểm",
        "first_year": 2019,
        "last_year": 2020,
        "scale": "100",
        "combination": {"layers": "last", "peer": {"statistic": "trimmed-mean", "trim": 1}},
        "rounding": {"mode": "half-up", "places": 2, "steps": ["criterion", "total"]},
        "criteria": [
            {
                "kind": "section",
                "code": "A",
                "label": "Chuyên môn",
                "cap": "40",
                "children": [
                    {"kind": "criterion", "code": "A1", "label": "Tự chấm", "max_points": "10",
                     "method": {"kind": "manual"}, "bonus_cap": "2"},
                    {"kind": "criterion", "code": "A2", "label": "Đạt", "max_points": "10",
                     "method": {"kind": "yes-no", "yes_points": "10", "per_shortcoming": "1"}},
                    {"kind": "criterion", "code": "A3", "label": "Tỷ lệ", "max_points": "2",
                     "method": {"kind": "share"}},
                ],
            },
            {"kind": "criterion", "code": "B", "label": "Chỉ tiêu", "max_points": "10",
             "method": {"kind": "achievement", "cap_percent": "100"}},
            {"kind": "criterion", "code": "C", "label": "Thu", "max_points": "5",
             "method": {"kind": "tiers", "tiers": [
                 {"points": "0", "lower": {"value": "0", "inclusive": True},
                  "upper": {"value": "90", "inclusive": False}},
                 {"points": "3", "lower": {"value": "90", "inclusive": True},
                  "upper": {"value": "98", "inclusive": True}},
                 {"points": "5", "lower": {"value": "98", "inclusive": False}}]}},
            {"kind": "criterion", "code": "D", "label": "Hồ sơ", "max_points": "4",
             "method": {"kind": "tiers-2", "first_label": "Số hồ sơ", "second_label": "Trễ hạn",
                        "rows": [{"upper": {"value": "100", "inclusive": False}},
                                 {"lower": {"value": "100", "inclusive": True}}],
                        "columns": [{"upper": {"value": "1", "inclusive": True}},
                                    {"lower": {"value": "1", "inclusive": False}}],
                        "points": [["3", "1"], ["4", "2"]]}},
            {"kind": "criterion", "code": "E", "label": "Vi phạm", "max_points": "5",
             "method": {"kind": "per-occurrence", "start": "5", "per_occurrence": "-1"}},
            {"kind": "criterion", "code": "F", "label": "So sánh", "max_points": "10",
             "method": {"kind": "comparative", "at_target_percent": "50"}},
            {"kind": "criterion", "code": "G", "label": "Thưởng", "max_points": "3",
             "method": {"kind": "one-of", "options": [
                 {"code": "X", "label": "Cấp tỉnh", "points": "2"},
                 {"code": "Y", "label": "Cấp bộ", "points": "3"}]}},
        ],
        "adjustments": [
            {"kind": "bonus", "code": "T", "label": "Điểm thưởng", "cap": "5"},
            {"kind": "award-bonus", "code": "CO", "label": "Cờ", "stacking": "highest",
             "awards": [{"code": "CITY", "label": "Cờ thành phố", "points": "10"}]},
            {"kind": "penalty", "code": "P", "label": "Không ký", "points": "8"},
            {"kind": "knockout", "code": "K", "label": "Vi phạm", "bars": ["title"]},
        ],
        "bands": [
            {"code": "XS", "label": "Xuất sắc", "lower": {"value": "90", "inclusive": True}},
            {"code": "KHA", "label": "Khá", "lower": {"value": "80", "inclusive": True},
             "upper": {"value": "89.99", "inclusive": True}},
        ],
        "tie_breaks": [{"kind": "section", "section": "A"}, {"kind": "fewer-penalties"},
                       {"kind": "criterion", "criterion": "B"}],
    }  # fmt: skip
    inputs: list[tuple[str, Json]] = [
        ("A1", {"kind": "points", "points": "8"}),
        ("A2", {"kind": "yes-no", "met": True, "shortcomings": 1}),
        ("A3", {"kind": "share", "percent": "85"}),
        ("B", {"kind": "achievement", "actual": "90", "target": "100"}),
        ("C", {"kind": "value", "value": "98.5"}),
        ("D", {"kind": "values", "first": "250", "second": "0.5"}),
        ("E", {"kind": "count", "count": 2}),
        ("F", {"kind": "achievement", "actual": "110", "target": "100"}),
        ("G", {"kind": "choice", "option": "Y"}),
        ("T", {"kind": "points", "points": "3"}),
        ("CO", {"kind": "awards", "held": ["CITY"]}),
        ("P", {"kind": "yes-no", "met": False}),
        ("K", {"kind": "yes-no", "met": False}),
    ]
    assessments = [
        {"unit": unit, "item": item, "layer": "self", "input": copy.deepcopy(value)}
        for unit in ("HN", "HP")
        for item, value in inputs
    ]
    return {
        "schemes": [scheme],
        "sheets": [
            {
                "year": 2019,
                "scheme": "BANG",
                "units": [{"code": "HN", "name": "Hà Nội"}, {"code": "HP", "name": "Hải Phòng"}],
                "assessments": assessments,
            }
        ],
    }


S = "$.schemes[0]"
A = "$.sheets[0].assessments"


def _crit(data: Json, index: int) -> Json:
    criteria: list[Json] = data["schemes"][0]["criteria"]
    return criteria[index]


def _set(path: list[Any], value: Any) -> Callable[[Json], None]:
    def change(data: Json) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def _append(path: list[Any], value: Any) -> Callable[[Json], None]:
    def change(data: Json) -> None:
        target: Any = data
        for key in path:
            target = target[key]
        target.append(copy.deepcopy(value))

    return change


def _both(*changes: Callable[[Json], None]) -> Callable[[Json], None]:
    def change(data: Json) -> None:
        for each in changes:
            each(data)

    return change


SC = ["schemes", 0]
AS = ["sheets", 0, "assessments"]

CASES: list[tuple[str, Callable[[Json], None], str, str]] = [
    ("duplicate code in the tree", _set([*SC, "criteria", 0, "children", 1, "code"], "A1"),
     f"{S}.criteria[0].children[1].code", "duplicate-code"),
    ("duplicate code of an adjustment", _set([*SC, "adjustments", 0, "code"], "B"),
     f"{S}.adjustments[0].code", "duplicate-code"),
    ("negative maximum", _set([*SC, "criteria", 1, "max_points"], "-1"),
     f"{S}.criteria[1].max_points", "negative-points"),
    ("yes points above the maximum", _set([*SC, "criteria", 0, "children", 1, "method", "yes_points"], "11"),
     f"{S}.criteria[0].children[1].method.yes_points", "method-exceeds-max"),
    ("child above the section cap", _set([*SC, "criteria", 0, "cap"], "9"),
     f"{S}.criteria[0].children[0]", "child-exceeds-cap"),
    ("criteria above the scale", _set([*SC, "scale"], "50"), f"{S}.criteria", "caps-exceed-scale"),
    ("overlapping tiers", _set([*SC, "criteria", 2, "method", "tiers", 0, "upper", "inclusive"], True),
     f"{S}.criteria[2].method.tiers[1]", "tiers-overlap"),
    ("unordered tiers", _set([*SC, "criteria", 2, "method", "tiers", 2, "lower", "value"], "50"),
     f"{S}.criteria[2].method.tiers[2]", "tiers-overlap"),
    ("a later tier open below", _set([*SC, "criteria", 2, "method", "tiers", 1, "lower"], None),
     f"{S}.criteria[2].method.tiers[1].lower", "tiers-unordered"),
    ("a middle tier open above", _set([*SC, "criteria", 2, "method", "tiers", 1, "upper"], None),
     f"{S}.criteria[2].method.tiers[1].upper", "tiers-unordered"),
    ("empty tier", _set([*SC, "criteria", 2, "method", "tiers", 1, "upper", "value"], "80"),
     f"{S}.criteria[2].method.tiers[1]", "empty-tier"),
    ("grid of the wrong shape", _set([*SC, "criteria", 3, "method", "points", 1], ["1"]),
     f"{S}.criteria[3].method.points[1]", "grid-shape"),
    ("duplicate option", _set([*SC, "criteria", 6, "method", "options", 1, "code"], "X"),
     f"{S}.criteria[6].method.options[1].code", "duplicate-code"),
    ("overlapping bands", _set([*SC, "bands", 0, "lower", "value"], "89"),
     f"{S}.bands[0]", "bands-overlap"),
    ("band gap at two places", _set([*SC, "bands", 1, "upper", "value"], "89.9"),
     f"{S}.bands", "band-gap"),
    ("unknown tie-break section", _set([*SC, "tie_breaks", 0, "section"], "B"),
     f"{S}.tie_breaks[0].section", "unknown-reference"),
    ("unknown method kind", _set([*SC, "criteria", 1, "method", "kind"], "magic"),
     f"{S}.criteria[1].method", "unknown-tag"),
    ("share of 130 %", _set([*AS, 2, "input", "percent"], "130"),
     f"{A}[2].input.percent", "out-of-range"),
    ("count of −1", _set([*AS, 6, "input", "count"], -1), f"{A}[6].input.count", "out-of-range"),
    ("points above the maximum", _set([*AS, 0, "input", "points"], "10.01"),
     f"{A}[0].input.points", "out-of-range"),
    ("input of the wrong kind", _set([*AS, 0, "input"], {"kind": "share", "percent": "5"}),
     f"{A}[0].input", "wrong-input"),
    ("unknown item", _set([*AS, 0, "item"], "ZZ"), f"{A}[0].item", "unknown-item"),
    ("unknown unit", _set([*AS, 0, "unit"], "CT"), f"{A}[0].unit", "unknown-unit"),
    ("value in no tier", _set([*AS, 4, "input", "value"], "-1"),
     f"{A}[4].input.value", "out-of-range"),
    ("achievement without target", _set([*AS, 3, "input", "target"], None),
     f"{A}[3].input.target", "out-of-range"),
    ("unknown option", _set([*AS, 8, "input", "option"], "Z"), f"{A}[8].input.option", "out-of-range"),
    ("unknown award", _set([*AS, 10, "input", "held"], ["GOV"]), f"{A}[10].input.held[0]", "out-of-range"),
    ("bonus above its cap", _set([*AS, 9, "input", "points"], "6"), f"{A}[9].input.points", "out-of-range"),
    ("criterion bonus above its cap", _set([*AS, 0, "bonus"], "3"), f"{A}[0].bonus", "out-of-range"),
    ("bonus on a criterion without one", _set([*AS, 1, "bonus"], "1"), f"{A}[1].bonus", "out-of-range"),
    ("bonus on an adjustment", _set([*AS, 9, "bonus"], "1"), f"{A}[9].bonus", "inconsistent"),
    ("incomplete sheet", lambda d: d["sheets"][0]["assessments"].pop(0), A, "incomplete"),
    ("assessed twice", _append(AS, {"unit": "HN", "item": "A1", "layer": "self",
                                    "input": {"kind": "points", "points": "1"}}),
     f"{A}[26]", "duplicate-assessment"),
    ("peer without assessor", _append(AS, {"unit": "HN", "item": "A1", "layer": "peer",
                                           "input": {"kind": "points", "points": "1"}}),
     f"{A}[26].assessor", "missing-assessor"),
    ("too few peers to trim", _append(AS, {"unit": "HN", "item": "A1", "layer": "peer",
                                           "assessor": "HP", "input": {"kind": "points", "points": "1"}}),
     f"{A}[26]", "too-few-peers"),
    ("scheme not in force", _set(["sheets", 0, "year"], 2021), "$.sheets[0].year", "scheme-not-in-force"),
    ("unknown scheme", _set(["sheets", 0, "scheme"], "OTHER"), "$.sheets[0].scheme", "unknown-scheme"),
    ("shortcomings without a deduction", _set([*SC, "criteria", 0, "children", 1, "method", "per_shortcoming"], None),
     f"{A}[1].input.shortcomings", "out-of-range"),
    ("rounding with 7 places", _set([*SC, "rounding", "places"], 7), f"{S}.rounding.places", "out-of-range"),
    ("trim without trimmed mean", _set([*SC, "combination", "peer", "statistic"], "mean"),
     f"{S}.combination.peer.trim", "inconsistent"),
    ("cap on a flat penalty", _set([*SC, "adjustments", 2, "cap"], "3"), f"{S}.adjustments[2].cap", "inconsistent"),
    ("knockout that bars nothing", _set([*SC, "adjustments", 3, "bars"], []), f"{S}.adjustments[3].bars", "empty"),
    ("duplicate award", _append([*SC, "adjustments", 1, "awards"], {"code": "CITY", "label": "Lại", "points": "1"}),
     f"{S}.adjustments[1].awards[1].code", "duplicate-code"),
    ("negative criterion bonus", _set([*AS, 0, "bonus"], "-1"), f"{A}[0].bonus", "out-of-range"),
    ("empty evidence", _set([*AS, 0, "evidence"], [" "]), f"{A}[0].evidence[0]", "empty"),
    ("no units", _set(["sheets", 0, "units"], []), "$.sheets[0].units", "empty"),
    ("no sheets", _set(["sheets"], []), "$.sheets", "empty"),
    ("negative points", _set([*AS, 0, "input", "points"], "-1"), f"{A}[0].input.points", "out-of-range"),
    ("negative shortcomings", _set([*AS, 1, "input", "shortcomings"], -1), f"{A}[1].input.shortcomings", "out-of-range"),
    ("negative result", _set([*AS, 3, "input", "actual"], "-1"), f"{A}[3].input.actual", "out-of-range"),
    ("target of 0", _set([*AS, 3, "input", "target"], "0"), f"{A}[3].input.target", "out-of-range"),
    ("award held twice", _set([*AS, 10, "input", "held"], ["CITY", "CITY"]), f"{A}[10].input.held[1]", "out-of-range"),
    ("first value in no row", _both(_set([*SC, "criteria", 3, "method", "rows", 0, "lower"], {"value": "0", "inclusive": True}), _set([*AS, 5, "input", "first"], "-5")),
     f"{A}[5].input.first", "out-of-range"),
    ("empty tier table", _set([*SC, "criteria", 2, "method", "tiers"], []), f"{S}.criteria[2].method.tiers", "empty"),
    ("negative yes points", _set([*SC, "criteria", 0, "children", 1, "method", "no_points"], "-1"),
     f"{S}.criteria[0].children[1].method.no_points", "negative-points"),
    ("deduction of 0", _set([*SC, "criteria", 0, "children", 1, "method", "per_shortcoming"], "0"),
     f"{S}.criteria[0].children[1].method.per_shortcoming", "not-positive"),
    ("deduction cap without deduction", _set([*SC, "criteria", 0, "children", 1, "method"], {"kind": "yes-no", "yes_points": "1", "shortcoming_cap": "1"}),
     f"{S}.criteria[0].children[1].method.shortcoming_cap", "inconsistent"),
    ("achievement cap of 0", _set([*SC, "criteria", 1, "method", "cap_percent"], "0"), f"{S}.criteria[1].method.cap_percent", "not-positive"),
    ("grid with too few rows", _set([*SC, "criteria", 3, "method", "points"], [["1", "1"]]), f"{S}.criteria[3].method.points", "grid-shape"),
    ("start above the maximum", _set([*SC, "criteria", 4, "method", "start"], "6"), f"{S}.criteria[4].method.start", "method-exceeds-max"),
    ("change of 0", _set([*SC, "criteria", 4, "method", "per_occurrence"], "0"), f"{S}.criteria[4].method.per_occurrence", "not-positive"),
    ("limit of 0", _set([*SC, "criteria", 4, "method", "limit"], "0"), f"{S}.criteria[4].method.limit", "not-positive"),
    ("share at target above 100", _set([*SC, "criteria", 5, "method", "at_target_percent"], "101"), f"{S}.criteria[5].method.at_target_percent", "out-of-range"),
    ("no options", _set([*SC, "criteria", 6, "method", "options"], []), f"{S}.criteria[6].method.options", "empty"),
    ("no rounding step", _set([*SC, "rounding", "steps"], []), f"{S}.rounding.steps", "empty"),
    ("rounding step twice", _set([*SC, "rounding", "steps"], ["total", "total"]), f"{S}.rounding.steps[1]", "duplicate"),
    ("section without children", _set([*SC, "criteria", 0, "children"], []), f"{S}.criteria[0].children", "empty"),
    ("award bonus without awards", _set([*SC, "adjustments", 1, "awards"], []), f"{S}.adjustments[1].awards", "empty"),
    ("negative trim", _set([*SC, "combination", "peer", "trim"], -1), f"{S}.combination.peer.trim", "out-of-range"),
    ("implausible year", _set([*SC, "first_year"], 19), f"{S}.first_year", "out-of-range"),
    ("last year before first", _set([*SC, "last_year"], 2018), f"{S}.last_year", "out-of-range"),
    ("no criteria", _set([*SC, "criteria"], []), f"{S}.criteria", "empty"),
    ("duplicate band", _set([*SC, "bands", 1, "code"], "XS"), f"{S}.bands[1].code", "duplicate-code"),
    ("empty band", _set([*SC, "bands", 1, "upper", "value"], "70"), f"{S}.bands[1]", "empty-band"),
    ("unknown tie-break criterion", _set([*SC, "tie_breaks", 2, "criterion"], "A"), f"{S}.tie_breaks[2].criterion", "unknown-reference"),
    ("bonus per case of 0", _set([*SC, "adjustments", 0, "per_case"], "0"), f"{S}.adjustments[0].per_case", "not-positive"),
    ("award worth 0", _set([*SC, "adjustments", 1, "awards", 0, "points"], "0"), f"{S}.adjustments[1].awards[0].points", "not-positive"),
    ("duplicate scheme", lambda d: d["schemes"].append(copy.deepcopy(d["schemes"][0])), "$.schemes[1].code", "duplicate-code"),
    ("float points", _set([*AS, 0, "input", "points"], 8.5), f"{A}[0].input.points", "unquoted-decimal"),
]  # fmt: skip


def test_the_base_file_is_valid() -> None:
    """The passing case of every invariant below."""
    scoring = structure(base(), Scoring)
    assert scoring.schemes[0].code == "BANG"
    assert len(scoring.sheets[0].assessments) == 26


@pytest.mark.parametrize(
    ("change", "path", "code"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_invalid_scoring_files(change: Callable[[Json], None], path: str, code: str) -> None:
    """Each broken invariant is reported with its class, code and JSON path."""
    data = base()
    change(data)
    with pytest.raises(StructureError) as info:
        structure(data, Scoring)
    problems = [(p.path, p.code) for p in info.value.problems]
    assert problems == [(path, code)]


def test_out_of_range_messages_name_unit_criterion_and_layer() -> None:
    """A share of 130 % names the unit, the criterion and the layer."""
    data = base()
    data["sheets"][0]["assessments"][2]["input"]["percent"] = "130"
    with pytest.raises(StructureError) as info:
        structure(data, Scoring)
    message = info.value.problems[0].message
    assert message == "unit HN, criterion A3, layer self: a share of 130 % is outside 0 to 100 %"


def test_peers_must_agree_on_facts_and_need_a_rule() -> None:
    """Peers disagreeing on a comparative fact, or several peers with no rule, are errors."""
    data = base()
    for assessor, actual in (("HP", "1"), ("CT", "2")):
        data["sheets"][0]["assessments"].append(
            {"unit": "HN", "item": "F", "layer": "peer", "assessor": assessor,
             "input": {"kind": "achievement", "actual": actual, "target": "100"}}
        )  # fmt: skip
    with pytest.raises(StructureError) as info:
        structure(data, Scoring)
    assert [(p.path, p.code) for p in info.value.problems] == [(f"{A}[27].input", "peers-disagree")]
    data = base()
    del data["schemes"][0]["combination"]["peer"]
    for assessor in ("HP", "CT"):
        data["sheets"][0]["assessments"].append(
            {"unit": "HN", "item": "A1", "layer": "peer", "assessor": assessor,
             "input": {"kind": "points", "points": "1"}}
        )  # fmt: skip
    with pytest.raises(StructureError) as info:
        structure(data, Scoring)
    assert [(p.path, p.code) for p in info.value.problems] == [(f"{A}[27]", "peer-rule-missing")]


def test_duplicate_year() -> None:
    """Two sheets for one year are refused at the second."""
    data = base()
    data["sheets"].append(copy.deepcopy(data["sheets"][0]))
    with pytest.raises(StructureError) as info:
        structure(data, Scoring)
    assert [(p.path, p.code) for p in info.value.problems] == [
        ("$.sheets[1].year", "duplicate-year")
    ]


def _band(code: str, low: str | None, high: str | None) -> Band:
    return Band(
        code=code,
        label=code,
        lower=None if low is None else Bound(value=Decimal(low), inclusive=True),
        upper=None if high is None else Bound(value=Decimal(high), inclusive=True),
    )


def test_band_gaps_follow_the_declared_rounding() -> None:
    """80 to 89.9 then from 90: no gap at one place, a gap at two, a gap when exact."""
    bands = (_band("XS", "90", None), _band("KHA", "80", "89.9"))
    one = RoundingRule(mode=RoundingMode.HALF_UP, places=1, steps=(RoundingStep.TOTAL,))
    assert band_gaps(bands, one) == ()
    two = RoundingRule(mode=RoundingMode.HALF_UP, places=2, steps=(RoundingStep.TOTAL,))
    assert band_gaps(bands, two) == (
        "totals rounded to 2 places can fall between 'KHA' and 'XS', such as 89.91",
    )
    assert band_gaps(bands, None) == ("totals between 89.9 and 90 fall between 'KHA' and 'XS'",)
    criterion_only = RoundingRule(
        mode=RoundingMode.HALF_UP, places=1, steps=(RoundingStep.CRITERION,)
    )
    assert len(band_gaps(bands, criterion_only)) == 1


def test_scheme_rejects_a_gap_at_construction() -> None:
    """The scheme's own check raises band-gap naming the example total."""
    data = base()["schemes"][0]
    data["bands"][1]["upper"]["value"] = "89.9"
    data["rounding"]["places"] = 1
    assert structure(data, Scheme).bands[1].upper == Bound(value=Decimal("89.9"), inclusive=True)
    data["rounding"]["places"] = 2
    with pytest.raises(StructureError) as info:
        structure(data, Scheme)
    assert info.value.problems[0].code == "band-gap"
    assert "89.91" in info.value.problems[0].message


def test_models_raise_invalid_model_error_directly() -> None:
    """Built in Python, a broken scheme raises InvalidModelError with a relative path."""
    scheme = structure(base()["schemes"][0], Scheme)
    with pytest.raises(InvalidModelError) as info:
        attrs.evolve(scheme, scale=Decimal(0))
    assert (info.value.path, info.value.code) == ("scale", "not-positive")
