"""Seeded generator of realistic scoring documents with Vietnamese text, at three sizes.

Every size is a real ``scoring`` document (:class:`thidua.scoring.Scoring`): one scheme
of criteria in six sections and one sheet holding every unit's self score and its peers'
scores. Medium and large have the same shape (60 criteria, self plus 3 peers, clusters
of 12 to 13 units), so their costs per score can be compared; small is one cluster of 5.

The same content is also written as JSON Lines, one assessment a line, grouped by cluster
(:mod:`thidua.serialization.stream`), for the streaming figures.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import orjson

#: Size name -> (units, clusters, criteria, peers per unit).
SIZES: dict[str, tuple[int, int, int, int]] = {
    "small": (5, 1, 30, 3),
    "medium": (63, 8, 60, 3),
    "large": (10_000, 800, 60, 3),
}

_PROVINCES = (
    "Hà Nội",
    "Hồ Chí Minh",
    "Hải Phòng",
    "Đà Nẵng",
    "Cần Thơ",
    "Thừa Thiên Huế",
    "Quảng Ninh",
    "Nghệ An",
    "Thanh Hóa",
    "Đắk Lắk",
    "Khánh Hòa",
    "Lâm Đồng",
    "Bà Rịa - Vũng Tàu",
    "Bình Dương",
    "Đồng Nai",
    "Kiên Giang",
    "An Giang",
    "Sơn La",
    "Điện Biên",
    "Hà Giang",
)
_BODIES = (
    "Sở Tài chính",
    "Sở Tư pháp",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Thông tin và Truyền thông",
    "Sở Nội vụ",
    "Ủy ban nhân dân xã",
    "Ủy ban nhân dân phường",
    "Ban Quản lý dự án",
    "Trung tâm Phục vụ hành chính công",
)
_SECTIONS = (
    "Thực hiện nhiệm vụ chính trị được giao",
    "Cải cách hành chính và chuyển đổi số",
    "Công tác tổ chức, cán bộ và đào tạo, bồi dưỡng",
    "Phong trào thi đua và công tác khen thưởng",
    "Xây dựng Đảng, đoàn thể và văn hóa công sở",
    "Công tác phối hợp trong Cụm, Khối thi đua",
)
_CRITERIA = (
    "Tỷ lệ văn bản tham mưu được ban hành đúng hạn",
    "Hoàn thành chỉ tiêu kế hoạch năm được giao",
    "Tỷ lệ thủ tục hành chính giải quyết trực tuyến mức độ 3, 4",
    "Ban hành kế hoạch thi đua và đăng ký giao ước đúng hạn",
    "Chất lượng báo cáo sơ kết, tổng kết gửi Trưởng Cụm",
    "Tỷ lệ hồ sơ giải quyết trễ hạn",
    "Ứng dụng công nghệ thông tin trong quản lý, điều hành",
    "Tổ chức hội nghị, hội thảo chuyên đề của Cụm",
    "Phát hiện, bồi dưỡng và nhân rộng điển hình tiên tiến",
    "Thực hành tiết kiệm, chống lãng phí",
)
_COMMENTS = (
    "Đã kiểm tra hồ sơ minh chứng, đạt yêu cầu.",
    "Báo cáo gửi chậm 02 ngày so với quy định.",
    "Đề nghị bổ sung quyết định công nhận sáng kiến.",
    "Số liệu khớp với báo cáo thống kê của Sở.",
)
#: Method kinds cycled over the criteria; each is scored exactly by thidua and in floats.
_METHODS = ("manual", "share", "yes-no", "achievement", "tiers")
_MAX_POINTS = (10, 15, 20)


@dataclass(frozen=True)
class Shape:
    """The size of a generated document."""

    units: int
    clusters: int
    criteria: int
    peers: int

    @property
    def scores(self) -> int:
        """Assessments in the document (self plus peers, for every unit and criterion)."""
        return self.units * self.criteria * (1 + self.peers)


def shape(size: str) -> Shape:
    """The shape of a named size."""
    return Shape(*SIZES[size])


def criterion_codes(criteria: int) -> list[str]:
    """Codes of the criteria, ``I.1`` to ``VI.10``."""
    return [f"{_roman(s + 1)}.{c + 1}" for s, c in _positions(criteria)]


def _roman(n: int) -> str:
    return ("I", "II", "III", "IV", "V", "VI")[n - 1]


def _positions(criteria: int) -> list[tuple[int, int]]:
    per = criteria // len(_SECTIONS)
    return [(s, c) for s in range(len(_SECTIONS)) for c in range(per)]


def _method(kind: str, max_points: int) -> dict[str, Any]:
    if kind == "manual":
        return {"kind": "manual"}
    if kind == "share":
        return {"kind": "share"}
    if kind == "yes-no":
        return {
            "kind": "yes-no",
            "yes_points": str(max_points),
            "per_shortcoming": "1",
            "shortcoming_cap": str(max_points // 2),
        }
    if kind == "achievement":
        return {"kind": "achievement", "cap_percent": "100"}
    third = max_points // 3
    return {
        "kind": "tiers",
        "tiers": [
            {"points": str(third), "upper": {"value": "50", "inclusive": False}},
            {
                "points": str(2 * third),
                "lower": {"value": "50", "inclusive": True},
                "upper": {"value": "80", "inclusive": True},
            },
            {"points": str(max_points), "lower": {"value": "80", "inclusive": False}},
        ],
    }


def scheme(criteria: int) -> dict[str, Any]:
    """The scheme: six sections of criteria with every method kind the benchmark scores."""
    sections: list[dict[str, Any]] = []
    per = criteria // len(_SECTIONS)
    index = 0
    for s, title in enumerate(_SECTIONS):
        children: list[dict[str, Any]] = []
        total = 0
        for c in range(per):
            max_points = _MAX_POINTS[index % len(_MAX_POINTS)]
            kind = _METHODS[index % len(_METHODS)]
            children.append(
                {
                    "kind": "criterion",
                    "code": f"{_roman(s + 1)}.{c + 1}",
                    "label": f"{_CRITERIA[c % len(_CRITERIA)]} ({c + 1})",
                    "max_points": str(max_points),
                    "method": _method(kind, max_points),
                }
            )
            total += max_points
            index += 1
        # Each section caps a little below the sum of its criteria, so caps do apply.
        sections.append(
            {
                "kind": "section",
                "code": _roman(s + 1),
                "label": title,
                "cap": str(total - 5),
                "children": children,
            }
        )
    return {
        "code": "CUM-QUOCGIA-2025",
        "label": "Bảng tiêu chí chấm điểm thi đua các Cụm, Khối thi đua (dữ liệu thử nghiệm)",
        "first_year": 2025,
        "scale": "1000",
        "criteria": sections,
        "rounding": {"mode": "half-up", "places": 2, "steps": ["criterion", "total"]},
        "combination": {"layers": "last", "peer": {"statistic": "mean"}},
        "bands": [
            {"code": "XUAT-SAC", "label": "Xuất sắc", "lower": {"value": "800", "inclusive": True}},
            {
                "code": "TOT",
                "label": "Tốt",
                "lower": {"value": "600", "inclusive": True},
                "upper": {"value": "800", "inclusive": False},
            },
            {"code": "KHA", "label": "Khá", "upper": {"value": "600", "inclusive": False}},
        ],
        "tie_breaks": [{"kind": "section", "section": "II"}],
        "note": "Dữ liệu sinh ngẫu nhiên (có hạt giống) để đo hiệu năng; không phải kết quả thật.",
    }


def _input(rng: random.Random, kind: str, max_points: int) -> dict[str, Any]:
    # Decimals with realistic spread: two places drawn from wide ranges (tens of thousands
    # of distinct values at the large size), not from a handful of round numbers.
    if kind == "manual":
        points = rng.randint(max_points * 40, max_points * 100) / 100
        return {"kind": "points", "points": f"{points:.2f}"}
    if kind == "share":
        return {"kind": "share", "percent": f"{rng.randint(5000, 10000) / 100:.2f}"}
    if kind == "yes-no":
        return {"kind": "yes-no", "met": rng.random() < 0.9, "shortcomings": rng.randint(0, 3)}
    if kind == "achievement":
        actual = f"{rng.randint(5000, 150000) / 100:.2f}"
        target = f"{rng.randint(50000, 120000) / 100:.2f}"
        return {"kind": "achievement", "actual": actual, "target": target}
    return {"kind": "value", "value": f"{rng.randint(3000, 10000) / 100:.2f}"}


def units(count: int, clusters: int) -> list[tuple[int, dict[str, str]]]:
    """Each unit with its cluster number, clusters of nearly equal size, in cluster order."""
    found: list[tuple[int, dict[str, str]]] = []
    for number in range(count):
        cluster = number * clusters // count
        body = _BODIES[number % len(_BODIES)]
        province = _PROVINCES[(number // len(_BODIES)) % len(_PROVINCES)]
        name = f"{body} {province} (đơn vị {number + 1})"
        found.append((cluster, {"code": f"DV{number + 1:05d}", "name": name}))
    return found


def assessments_of(
    rng: random.Random,
    members: list[dict[str, str]],
    codes: list[str],
    peers: int,
) -> Iterator[dict[str, Any]]:
    """Every assessment of one cluster: each unit's self score, then its peers' scores."""
    kinds = [_METHODS[i % len(_METHODS)] for i in range(len(codes))]
    maxes = [_MAX_POINTS[i % len(_MAX_POINTS)] for i in range(len(codes))]
    for position, unit in enumerate(members):
        assessors = [members[(position + k) % len(members)]["code"] for k in range(1, peers + 1)]
        for code, kind, max_points in zip(codes, kinds, maxes, strict=True):
            record: dict[str, Any] = {
                "unit": unit["code"],
                "item": code,
                "layer": "self",
                "assessor": unit["code"],
                "date": "2025-11-20",
                "input": _input(rng, kind, max_points),
            }
            if rng.random() < 0.05:
                record["comment"] = rng.choice(_COMMENTS)
            yield record
            for assessor in assessors:
                yield {
                    "unit": unit["code"],
                    "item": code,
                    "layer": "peer",
                    "assessor": assessor,
                    "date": "2025-12-05",
                    "input": _input(rng, kind, max_points),
                }


def clusters(
    size: str, seed: int = 2025
) -> Iterator[tuple[str, list[dict[str, str]], Iterator[dict[str, Any]]]]:
    """Each cluster's code, units and assessments, in order (the same content at every call)."""
    s = shape(size)
    rng = random.Random(seed)
    codes = criterion_codes(s.criteria)
    by_cluster: dict[int, list[dict[str, str]]] = {}
    for cluster, unit in units(s.units, s.clusters):
        by_cluster.setdefault(cluster, []).append(unit)
    for cluster, members in by_cluster.items():
        yield f"CUM-{cluster + 1:03d}", members, assessments_of(rng, members, codes, s.peers)


def document(size: str, seed: int = 2025) -> dict[str, Any]:
    """The whole ``scoring`` document of a size (one sheet holding every cluster)."""
    s = shape(size)
    all_units: list[dict[str, str]] = []
    all_assessments: list[dict[str, Any]] = []
    for _, members, records in clusters(size, seed):
        all_units += members
        all_assessments.extend(records)
    return {
        "kind": "scoring",
        "schema_version": "1.1",
        "illustrative": True,
        "note": "Dữ liệu thử nghiệm hiệu năng, sinh ngẫu nhiên có hạt giống.",
        "schemes": [scheme(s.criteria)],
        "sheets": [
            {
                "year": 2025,
                "scheme": "CUM-QUOCGIA-2025",
                "units": all_units,
                "assessments": all_assessments,
            }
        ],
    }


def stream_lines(size: str, seed: int = 2025) -> Iterator[bytes]:
    """The same content as a scoring stream (JSON Lines), one cluster at a time."""
    s = shape(size)
    header = {"kind": "scoring-stream", "schema_version": "1.1", "schemes": [scheme(s.criteria)]}
    yield orjson.dumps(header) + b"\n"
    for group, members, records in clusters(size, seed):
        opening = {"group": group, "year": 2025, "scheme": "CUM-QUOCGIA-2025", "units": members}
        yield orjson.dumps(opening) + b"\n"
        for record in records:
            yield orjson.dumps({"group": group, **record}) + b"\n"


_AREAS = (
    "Phong trào thi đua",
    "Công tác thi đua, khen thưởng",
    "Cải cách hành chính",
    "Chuyển đổi số",
    "Xây dựng tổ chức bộ máy",
)
_PLEDGES = (
    (
        "Đẩy mạnh phong trào thi đua thiết thực, hiệu quả, phấn đấu hoàn thành xuất sắc nhiệm vụ"
        " chính trị được giao năm {year}."
    ),
    (
        "Tổ chức các phong trào thi đua với nội dung cụ thể, thiết thực; phát hiện, bồi dưỡng và"
        " nhân rộng điển hình tiên tiến (nội dung {n})."
    ),
    "Bảo đảm 100% hồ sơ thủ tục hành chính được giải quyết đúng hạn, công khai, minh bạch.",
    "Triển khai hiệu quả Chính quyền số, tỷ lệ văn bản điện tử đạt trên 95% (chỉ tiêu {n}).",
)


def agreement_document(size: str) -> dict[str, Any]:
    """The ``agreement`` document of a size: units, clusters, memberships, one agreement each.

    Each cluster's agreement holds 40 commitments and one signatory per member, so the
    organisation side of the same content is measured too.
    """
    s = shape(size)
    decision = "Quyết định số 1459/QĐ-BTTTT ngày 09/9/2019"
    groups: list[dict[str, Any]] = [
        {
            "code": "KHOI-QUOCGIA",
            "kind": "block",
            "name": "Khối thi đua các đơn vị (dữ liệu thử nghiệm)",
            "framework": "BTTTT-QĐ1459-2019",
            "issuer": "Bộ Thông tin và Truyền thông",
            "formed_by": decision,
            "formed_on": "2019-09-09",
        }
    ]
    all_units: list[dict[str, Any]] = []
    memberships: list[dict[str, Any]] = []
    agreements: list[dict[str, Any]] = []
    by_cluster: dict[int, list[dict[str, str]]] = {}
    for cluster, unit in units(s.units, s.clusters):
        by_cluster.setdefault(cluster, []).append(unit)
        all_units.append({**unit, "kind": "department"})
    for cluster, members in by_cluster.items():
        code = f"CUM-{cluster + 1:03d}"
        groups.append(
            {
                "code": code,
                "kind": "cluster",
                "name": f"Cụm thi đua số {cluster + 1}",
                "framework": "BTTTT-QĐ1459-2019",
                "issuer": "Bộ Thông tin và Truyền thông",
                "formed_by": decision,
                "formed_on": "2019-09-09",
                "parent": "KHOI-QUOCGIA",
            }
        )
        memberships += [
            {
                "unit": unit["code"],
                "group": code,
                "role": "member",
                "valid_from": "2019-09-09",
                "basis": decision,
            }
            for unit in members
        ]
        agreements.append(
            {
                "code": f"GU-{code}-2025",
                "group": code,
                "title": f"Giao ước thi đua năm 2025 của Cụm thi đua số {cluster + 1}",
                "period": {"kind": "calendar-year", "start": "2025-01-01", "end": "2025-12-31"},
                "signing": {"host": members[0]["code"], "on": "2025-01-15", "place": "Hà Nội"},
                "signatories": [{"unit": unit["code"]} for unit in members],
                "goals": ["Phấn đấu dẫn đầu trong Khối thi đua."],
                "commitments": [
                    {
                        "code": f"C{n + 1:02d}",
                        "area": _AREAS[n % len(_AREAS)],
                        "text": _PLEDGES[n % len(_PLEDGES)].format(year=2025, n=n + 1),
                    }
                    for n in range(40)
                ],
                "history": [{"status": "signed", "on": "2025-01-15"}],
            }
        )
    return {
        "kind": "agreement",
        "schema_version": "1.1",
        "organisation": {"units": all_units, "groups": groups, "memberships": memberships},
        "agreements": agreements,
    }
