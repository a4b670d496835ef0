"""The scaling section of the bench: each check at n, 2n, 4n and 8n, and its growth.

Usage: ``python bench/run.py --scaling`` (``nox -s bench -- --scaling``). Each check is
timed (CPU time, the best of three) at four sizes doubling from n; the growth ratio is
the time at one size over the time at the size before. A linear check shows ratios near
2, an n log n one a little above 2, a quadratic one near 4.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import time
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

import attrs

from thidua._organisation import EmulationGroup, GroupKind, Organisation, Unit, UnitKind
from thidua.examples import cluster1_scoring
from thidua.scoring import Layer, Scoring, ScoringSheet, SheetUnit, score
from thidua.scoring._methods import Bound
from thidua.scoring._ranking import BandIndex
from thidua.scoring._scheme import Band, _check_bands
from thidua.serialization.stream import ScoringStream, write_stream
from thidua.yearend._ballot import (
    Ballot,
    BallotBox,
    ElectorateRule,
    Meeting,
    Threshold,
    ThresholdBase,
    Vote,
    tally,
)

Check = Callable[[int], Callable[[], object]]


def organisation(n: int) -> Callable[[], object]:
    """n groups in one chain of blocks (the parent-cycle check) and n units."""
    groups = [
        EmulationGroup(code=f"B{i}", name=f"Khối {i}", kind=GroupKind.BLOCK, parent=f"B{i + 1}")
        for i in range(n - 1)
    ]
    groups.append(EmulationGroup(code=f"B{n - 1}", name="Gốc", kind=GroupKind.BLOCK))
    units = [Unit(code=f"U{i}", name=f"Đơn vị {i}", kind=UnitKind.OTHER) for i in range(n)]
    return lambda: Organisation(groups=tuple(groups), units=tuple(units))


def review(n: int) -> Callable[[], object]:
    """A review's ballot: n candidates, n members voting, every vote tied (tied_with)."""
    members = tuple(f"U{i}" for i in range(n))
    meeting = Meeting(
        group="CUM-1",
        held_on=dt.date(2023, 3, 30),
        place="Cần Thơ",
        chair=members[0],
        members=members,
        present=members,
    )
    vote = Vote(
        candidates=members,
        max_choices=1,
        threshold=Threshold(
            share=Fraction(1, 2), base=ThresholdBase.MEMBERS, strict=True, basis="quy chế"
        ),
        electorate=ElectorateRule(ballots_per_delegation=1, candidates_vote=True, basis="quy chế"),
    )
    box = BallotBox(ballots=[Ballot(choices=(member,)) for member in members])
    return lambda: tally(meeting, vote, box)


def _bands(n: int) -> tuple[Band, ...]:
    bands = []
    for i in range(n):
        lower = None if i == 0 else Bound(value=Decimal(10 * i), inclusive=i % 2 == 1)
        upper = None if i == n - 1 else Bound(value=Decimal(10 * (i + 1)), inclusive=i % 2 == 1)
        bands.append(Band(code=f"B{i}", label=f"Mức {i}", lower=lower, upper=upper))
    return tuple(reversed(bands))


def scheme(n: int) -> Callable[[], object]:
    """A scheme's n bands: checked (codes, order, overlap), then n totals classified."""
    bands = _bands(n)
    totals = [Decimal(10 * i + 5) for i in range(n)]

    def run() -> object:
        _check_bands(bands, None)
        index = BandIndex(bands)
        return [index.find(total) for total in totals]

    return run


def _sheet(base: Scoring, n: int) -> ScoringSheet:
    sheet = base.sheets[-1]
    own = [a for a in sheet.assessments if a.unit == "HP" and a.layer is Layer.SELF]
    units = tuple(SheetUnit(code=f"U{i}", name=f"Đơn vị {i}") for i in range(n))
    rows = tuple(attrs.evolve(a, unit=f"U{i}", assessor=f"U{i}") for i in range(n) for a in own)
    return attrs.evolve(sheet, units=units, assessments=rows)


def sheet(n: int) -> Callable[[], object]:
    """A sheet of n units (n × 8 rows): built, checked and scored."""
    base = cluster1_scoring()
    scheme_ = base.scheme_for(base.sheets[-1])
    template = _sheet(base, n)
    return lambda: score(scheme_, attrs.evolve(template))


def stream(n: int) -> Callable[[], object]:
    """A stream of n lines (one group of n unit lines), read and checked line by line."""
    base = cluster1_scoring()
    out = io.BytesIO()
    write_stream(out, base.schemes, [("CUM-1", _sheet(base, n))])
    lines = out.getvalue().splitlines(keepends=True)
    return lambda: list(ScoringStream(lines).groups())


CHECKS: dict[str, tuple[Check, int]] = {
    "organisation: n groups in a chain, n units": (organisation, 2_000),
    "review ballot: n candidates, all tied": (review, 250),
    "scheme: n bands checked, n totals classified": (scheme, 2_000),
    "sheet: n units (8n rows) checked and scored": (sheet, 250),
    "stream: n unit lines read": (stream, 250),
}


def _time(run: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def scaling(steps: int = 4) -> list[dict[str, object]]:
    """Time every check at n, 2n, 4n, 8n: name, sizes, seconds and growth ratios."""
    found = []
    for name, (check, n) in CHECKS.items():
        sizes = [n * 2**step for step in range(steps)]
        times = [_time(check(size)) for size in sizes]
        ratios = [later / earlier for earlier, later in itertools.pairwise(times)]
        found.append({"check": name, "sizes": sizes, "seconds": times, "ratios": ratios})
    return found


def report(found: list[dict[str, object]]) -> str:
    """The figures as a Markdown table."""
    lines = [
        "| Check | n | time at n, 2n, 4n, 8n (ms) | growth per doubling |",
        "|---|---:|---|---|",
    ]
    for row in found:
        sizes: list[int] = row["sizes"]  # type: ignore[assignment]
        seconds: list[float] = row["seconds"]  # type: ignore[assignment]
        ratios: list[float] = row["ratios"]  # type: ignore[assignment]
        lines.append(
            f"| {row['check']} | {sizes[0]:,} | "
            + ", ".join(f"{s * 1000:.1f}" for s in seconds)
            + " | "
            + ", ".join(f"×{r:.2f}" for r in ratios)
            + " |"
        )
    return "\n".join(lines)


def main() -> int:
    """Print the scaling table."""
    print(report(scaling()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
