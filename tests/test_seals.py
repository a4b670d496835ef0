"""Sealed agreements and published results: every single-field change is named."""

from __future__ import annotations

from typing import Any

import attrs
import orjson
import pytest
from hypothesis import given, reject
from hypothesis import strategies as st

from thidua import AgreementDocument, StructureError, digest, verify, with_seal
from thidua.examples import cluster1_2019_2020, cluster1_scoring
from thidua.scoring import Results, score_all
from thidua.serialization import dumps, loads


def _leaves(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(data, dict):
        return [leaf for key, value in data.items() for leaf in _leaves(value, (*path, key))]
    if isinstance(data, list):
        return [leaf for i, value in enumerate(data) for leaf in _leaves(value, (*path, i))]
    return [path]


def _changed(value: Any) -> Any:
    """A different value of the same JSON type, most often still valid."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, str) and value[:1].isdigit() and "-" in value and len(value) == 10:
        return value[:-1] + ("1" if value[-1] != "1" else "2")  # another day of the month
    if isinstance(value, str):
        return value + "1"
    return "1"  # null becomes text


def _edit(data: dict[str, Any], path: tuple[Any, ...]) -> dict[str, Any]:
    copy: dict[str, Any] = orjson.loads(orjson.dumps(data))
    node: Any = copy
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = _changed(node[path[-1]])
    return copy


SEALED_AGREEMENT = with_seal(cluster1_2019_2020())
_RESULTS = score_all(cluster1_scoring())
PUBLISHED_RESULTS = with_seal(attrs.evolve(_RESULTS, computed_from=digest(cluster1_scoring())))


@pytest.mark.parametrize("document", [SEALED_AGREEMENT, PUBLISHED_RESULTS])
def test_untouched_sealed_documents_verify(document: object) -> None:
    """A sealed document verifies, also after a trip through JSON."""
    assert verify(document).ok
    assert verify(loads(dumps(document))).ok


def _single_field_change(document: object, data: st.DataObject) -> tuple[str, object]:
    wire = orjson.loads(dumps(document))
    leaves = [p for p in _leaves(wire) if p[0] not in ("seal", "kind", "schema_version")]
    path = data.draw(st.sampled_from(leaves))
    changed: object = None
    try:
        changed = loads(orjson.dumps(_edit(wire, path)))
    except StructureError:
        reject()  # the change broke an invariant: loading refuses it anyway
    return path[0], changed


@given(st.data())
def test_every_change_to_a_signed_agreement_is_named(data: st.DataObject) -> None:
    """Change any one field of the sealed agreement: verify names its section."""
    section, changed = _single_field_change(SEALED_AGREEMENT, data)
    report = verify(changed)
    assert not report.ok
    assert report.changed_sections == (section,)


@given(st.data())
def test_every_change_to_published_results_is_named(data: st.DataObject) -> None:
    """Change any one field of the published results: verify names its section."""
    section, changed = _single_field_change(PUBLISHED_RESULTS, data)
    report = verify(changed)
    assert not report.ok
    assert report.changed_sections == (section,)


def test_results_record_the_scoring_they_came_from() -> None:
    """verify --against the scoring file checks the recorded digest; another file fails."""
    assert verify(PUBLISHED_RESULTS, against=cluster1_scoring()).ok
    other = attrs.evolve(cluster1_scoring(), note="khác")
    assert not verify(PUBLISHED_RESULTS, against=other).ok


def test_an_amendment_records_what_it_amends() -> None:
    """An amended agreement document names the digest of the original."""
    original = cluster1_2019_2020()
    amended = with_seal(attrs.evolve(original, amends=digest(original), memos=()))
    assert isinstance(amended, AgreementDocument)
    assert verify(amended, against=original).ok
    assert not verify(amended, against=attrs.evolve(original, memos=())).ok


def test_withheld_copy_keeps_units_and_figures() -> None:
    """Withholding names keeps the document valid; the example has no names to hide."""
    from thidua import withhold_personal_data  # noqa: PLC0415

    named = attrs.evolve(
        SEALED_AGREEMENT,
        agreements=(
            attrs.evolve(
                SEALED_AGREEMENT.agreements[0],
                signatories=tuple(
                    attrs.evolve(s, person="Nguyễn Văn A")
                    for s in SEALED_AGREEMENT.agreements[0].signatories
                ),
            ),
        ),
        seal=None,
    )
    hidden = withhold_personal_data(named)
    assert b"Nguy" not in dumps(hidden)
    assert [s.unit for s in hidden.agreements[0].signatories] == ["HN", "HCM", "HP", "DN", "CT"]
    assert isinstance(loads(dumps(hidden)), AgreementDocument)
    assert isinstance(PUBLISHED_RESULTS, Results)


def test_one_units_sheets_carry_no_other_unit() -> None:
    """for_unit keeps HP's own assessments and the table, and nothing of the others."""
    scoring = cluster1_scoring()
    mine = scoring.for_unit("HP")
    data = dumps(mine)
    assert {a.unit for sheet in mine.sheets for a in sheet.assessments} == {"HP"}
    assert {u.code for sheet in mine.sheets for u in sheet.units} == {"HP"}
    others = {u.name for sheet in scoring.sheets for u in sheet.units if u.code != "HP"}
    assert others
    for name in others:
        assert name.encode() not in data
    assert mine.schemes == scoring.schemes
    assert loads(data) == mine
    with pytest.raises(KeyError, match="XX"):
        scoring.for_unit("XX")


def test_assessors_and_workflow_actors_are_personal() -> None:
    """Names of assessors and of those who move sheets are withheld on export."""
    from thidua import is_personal  # noqa: PLC0415
    from thidua.scoring import Assessment  # noqa: PLC0415

    assert is_personal(attrs.fields(Assessment).assessor)
