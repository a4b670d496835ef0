"""The scoring reference: a plain-Python float scorer over the parsed document.

It computes what thidua computes for the generated schemes (method points, the peers'
mean, the last layer, half-up rounding to 2 places per criterion and of the total,
section caps, the rank by total then by section II) with binary floats, from the dicts
``orjson.loads`` returns: the least a program written by hand would do. It keeps no
trace and checks nothing.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any


def _round2(value: float) -> float:
    return math.floor(value * 100 + 0.5) / 100


def _method_points(method: dict[str, Any], max_points: float, value: dict[str, Any]) -> float:
    kind = method["kind"]
    if kind == "manual":
        return float(value["points"])
    if kind == "share":
        return float(value["percent"]) / 100 * max_points
    if kind == "yes-no":
        base = float(method["yes_points"]) if value["met"] else 0.0
        deduction = min(value["shortcomings"] * 1.0, float(method["shortcoming_cap"]))
        return max(base - deduction, 0.0)
    if kind == "achievement":
        ratio = min(float(value["actual"]) / float(value["target"]), 1.0)
        return ratio * max_points
    measured = float(value["value"])
    for tier in method["tiers"]:
        lower, upper = tier.get("lower"), tier.get("upper")
        if lower is not None:
            bound = float(lower["value"])
            if measured < bound or (measured == bound and not lower["inclusive"]):
                continue
        if upper is not None:
            bound = float(upper["value"])
            if measured > bound or (measured == bound and not upper["inclusive"]):
                continue
        return float(tier["points"])
    raise ValueError("value in no tier")


def score(document: dict[str, Any]) -> list[tuple[str, float]]:
    """Score and rank the first sheet: ``[(unit, total), ...]`` best first."""
    scheme = document["schemes"][0]
    sheet = document["sheets"][0]
    criteria: dict[str, tuple[dict[str, Any], float]] = {}
    sections: list[tuple[str, float, list[str]]] = []
    for section in scheme["criteria"]:
        codes = []
        for criterion in section["children"]:
            criteria[criterion["code"]] = (criterion["method"], float(criterion["max_points"]))
            codes.append(criterion["code"])
        sections.append((section["code"], float(section["cap"]), codes))
    self_points: dict[tuple[str, str], float] = {}
    peer_points: dict[tuple[str, str], list[float]] = defaultdict(list)
    for a in sheet["assessments"]:
        method, max_points = criteria[a["item"]]
        points = _method_points(method, max_points, a["input"])
        if a["layer"] == "peer":
            peer_points[a["unit"], a["item"]].append(points)
        else:
            self_points[a["unit"], a["item"]] = points
    results: list[tuple[float, float, str]] = []
    for unit in sheet["units"]:
        code = unit["code"]
        total = 0.0
        second = 0.0
        for section_code, cap, codes in sections:
            summed = 0.0
            for item in codes:
                peers = peer_points.get((code, item))
                points = sum(peers) / len(peers) if peers else self_points[code, item]
                summed += _round2(points)
            summed = min(summed, cap)
            if section_code == "II":
                second = summed
            total += summed
        results.append((_round2(total), second, code))
    results.sort(key=lambda r: (-r[0], -r[1], r[2]))
    return [(code, total) for total, _, code in results]
