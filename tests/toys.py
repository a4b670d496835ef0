"""Test-only document kinds for the generic machinery: limits, digests, privacy, fuzzing.

They are registered as document kinds only inside :func:`toy_kinds`, so the real
catalogue of kinds is untouched. Real kinds join the tables of the reliability tests
as they land.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Final

import attrs

from thidua import (
    Seal,
    digest,
    digest_reference_field,
    personal_field,
    seal_field,
    with_seal,
)
from thidua._base.text import nfc
from thidua._base.validation import code_validator, non_blank, unique_codes
from thidua.serialization import dumps
from thidua.serialization._registry import _KINDS

DATA: Final = Path(__file__).parent / "data"
EXAMPLES: Final = Path(__file__).parent.parent / "src" / "thidua" / "examples"


def golden_paths() -> list[Path]:
    """Every golden document: tests/data and the examples shipped with the package."""
    return sorted(
        path for folder in (DATA, EXAMPLES) if folder.is_dir() for path in folder.glob("**/*.json")
    )


@attrs.frozen(kw_only=True)
class ToyUnit:
    """A unit with a code and a name."""

    code: str = attrs.field(validator=code_validator)
    name: str = attrs.field(converter=nfc, validator=non_blank)
    head: str | None = personal_field(default=None)


@attrs.frozen(kw_only=True)
class ToyScore:
    """A score for one criterion."""

    code: str = attrs.field(validator=code_validator)
    points: Decimal
    on: dt.date


@attrs.frozen(kw_only=True)
class ToySheet:
    """A score sheet: the test stand-in for a published result."""

    title: str = attrs.field(converter=nfc, validator=non_blank)
    year: int
    unit: ToyUnit
    assessor: str = personal_field(converter=nfc, validator=non_blank)
    witnesses: tuple[str, ...] = personal_field(default=())
    share: Fraction = Fraction(1)
    final: bool = False
    scores: tuple[ToyScore, ...] = ()
    scheme: str | None = digest_reference_field("toy-scheme", default=None)
    seal: Seal | None = seal_field()

    def __attrs_post_init__(self) -> None:
        unique_codes(self.scores, "scores")


@attrs.frozen(kw_only=True)
class ToyCriterion:
    """A criterion with sub-criteria: a recursive model."""

    code: str = attrs.field(validator=code_validator)
    children: tuple[ToyCriterion, ...] = ()


@attrs.frozen(kw_only=True)
class ToyScheme:
    """A criteria tree: the test stand-in for a points table."""

    name: str = attrs.field(converter=nfc, validator=non_blank)
    criteria: tuple[ToyCriterion, ...] = ()


TOY_KINDS: Final = {
    "toy-sheet": f"{__name__}:ToySheet",
    "toy-scheme": f"{__name__}:ToyScheme",
}


@contextlib.contextmanager
def toy_kinds() -> Iterator[None]:
    """Register the toy kinds for the duration of a ``with`` block."""
    before = dict(_KINDS)
    _KINDS.update(TOY_KINDS)
    try:
        yield
    finally:
        _KINDS.clear()
        _KINDS.update(before)


def sample_scheme() -> ToyScheme:
    """A small, valid scheme."""
    leaf = ToyCriterion(code="A.1")
    return ToyScheme(
        name="Bảng điểm thi đua năm 2020",
        criteria=(ToyCriterion(code="A", children=(leaf, ToyCriterion(code="A.2"))),),
    )


def sample_sheet() -> ToySheet:
    """A small, valid score sheet naming two people."""
    return ToySheet(
        title="Phiếu chấm điểm thi đua",
        year=2020,
        unit=ToyUnit(code="SO_TC", name="Sở Tài chính", head="Nguyễn Văn An"),
        assessor="Trần Thị Bình",
        witnesses=("Lê Văn Cường", "Phạm Thị Dung"),
        share=Fraction(2, 3),
        scores=(
            ToyScore(code="A.1", points=Decimal("9.980"), on=dt.date(2020, 12, 15)),
            ToyScore(code="A.2", points=Decimal("-1.50"), on=dt.date(2020, 12, 16)),
        ),
    )


def seed_documents() -> list[bytes]:
    """The seed corpus: every golden document, then the toy documents."""
    golden = golden_paths()
    scheme = sample_scheme()
    referring = attrs.evolve(sample_sheet(), scheme=digest(scheme))
    return [path.read_bytes() for path in golden] + [
        dumps(sample_sheet()),
        dumps(with_seal(referring)),
        dumps(scheme),
    ]
