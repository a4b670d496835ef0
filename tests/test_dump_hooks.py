"""The generated dump: the same bytes as the converter's unstructure, and no cache into a tree."""

from __future__ import annotations

import sys
from importlib.resources import files
from typing import Any

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.scoring import Scoring, score_all
from thidua.serialization import _hooks as hooks
from thidua.serialization import canonical_json, document_data, dumps, loads
from thidua.strategies import (
    agreement_documents,
    organisations,
    review_documents,
    scoring_files,
    scoring_results,
)

DOCUMENTS = st.one_of(
    scoring_files(peers=True),
    scoring_results(),
    organisations(),
    agreement_documents(),
    review_documents(),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENTS)
def test_generated_dump_gives_the_converters_bytes(document: Any) -> None:
    assert dumps(document) == canonical_json(document_data(document))


def test_generated_dump_of_traces_and_reloads() -> None:
    raw = files("thidua.examples").joinpath("cluster1_2019_2020_scoring.json").read_bytes()
    results = score_all(loads(raw, Scoring), trace=True)
    written = dumps(results)
    assert written == canonical_json(document_data(results))
    assert orjson.loads(written)["years"][0]["units"][0]["trace"][0]["kind"] == "criterion"


def test_decimal_and_date_caches_hold_no_string_of_the_tree() -> None:
    hooks._DECIMALS.clear()
    hooks._DATES.clear()
    tree = orjson.loads(b'["12.345678", "2031-04-05"]')
    decimal_text, date_text = tree
    before = sys.getrefcount(decimal_text), sys.getrefcount(date_text)
    hooks._structure_decimal(decimal_text, None)
    hooks._structure_date(date_text, None)
    assert (sys.getrefcount(decimal_text), sys.getrefcount(date_text)) == before
    assert all(key is not decimal_text for key in hooks._DECIMALS)
    assert all(key is not date_text for key in hooks._DATES)
    assert "12.345678" in hooks._DECIMALS
    assert "2031-04-05" in hooks._DATES
