"""For every document kind, every value the strategies build round-trips (issue 14, point 2)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import thidua.strategies  # noqa: F401 - registers every model's strategy with from_type
from thidua import AgreementDocument, Organisation, ReviewDocument
from thidua.scoring import Results, Scheme, Scoring
from thidua.serialization import document_kind, document_kinds, dumps, loads

KINDS: tuple[type[Any], ...] = (
    AgreementDocument,
    Organisation,
    Scheme,
    Scoring,
    Results,
    ReviewDocument,
)


def test_every_document_kind_is_covered() -> None:
    """A new document kind must join the round-trip property below."""
    assert {document_kind(cls) for cls in KINDS} == set(document_kinds())
    assert sorted(document_kinds()) == [
        "agreement",
        "organisation",
        "results",
        "review",
        "scheme",
        "scoring",
    ]


@pytest.mark.parametrize("cls", KINDS, ids=document_kind)
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_every_document_that_constructs_round_trips(cls: type[Any], data: st.DataObject) -> None:
    """``loads(dumps(x)) == x`` and the canonical bytes are the same after the trip."""
    document = data.draw(st.from_type(cls))
    assert type(document) is cls
    wire = dumps(document)
    back = loads(wire, cls)
    assert back == document
    assert dumps(back) == wire
    assert dumps(loads(dumps(document, indent=True), cls)) == wire
