"""Issue 15 at its roots: clean errors, bounded cost, safe text, paths that exist."""

from __future__ import annotations

import copy
import datetime as dt
import io
from decimal import Decimal
from fractions import Fraction
from importlib.resources import files
from typing import Any

import orjson
import pytest

from thidua import DocumentError, InvalidModelError, SchemaVersionError, same_name
from thidua._base.text import name_key, nfc
from thidua._organisation import (
    EmulationGroup,
    GroupKind,
    Organisation,
    Unit,
    UnitEvent,
    UnitEventKind,
    UnitKind,
)
from thidua.documents import AdministrativeDocument, Paragraph, render_docx
from thidua.errors import StreamError
from thidua.scoring import Scoring
from thidua.scoring._numbers import to_decimal
from thidua.scoring._result import LineKind, TraceLine, check_trace
from thidua.serialization import loads
from thidua.serialization.stream import ScoringStream, read_results, write_stream
from thidua.yearend._review import ReviewDocument, run_review

REVIEW = files("thidua.examples").joinpath("cluster1_2019_2020_review.json").read_bytes()


def test_loads_refuses_a_dict_with_a_non_string_key() -> None:
    """A Python dict with an int key is a DocumentError at its path, not a TypeError."""
    with pytest.raises(DocumentError) as info:
        loads({"kind": "agreement", "schema_version": "1.0", "x": {1: "a"}})
    assert (info.value.code, info.value.path) == ("wrong-type", "$.x")
    assert info.value.message == "expected a text key, got int"


@pytest.mark.parametrize("version", ["1" * 5000 + ".0", "1." + "9" * 5000, "1234567890.0"])
def test_a_version_with_too_many_digits_is_invalid(version: str) -> None:
    """Digit strings past the int-conversion limit are an invalid version, not a ValueError."""
    with pytest.raises(SchemaVersionError) as info:
        loads(orjson.dumps({"kind": "agreement", "schema_version": version}))
    assert info.value.problems[0].code == "invalid-version"


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("Hà Nội\ufffe", "a noncharacter (U+FFFE)"),
        ("Hà Nội\uffff", "a noncharacter (U+FFFF)"),
        ("Hà Nội\U0010ffff", "a noncharacter (U+10FFFF)"),
        ("Sở \u202eTT", "a bidirectional control (U+202E)"),
        ("Sở \u2066TT\u2069", "a bidirectional control (U+2066)"),
        ("\u200fSở", "a bidirectional control (U+200F)"),
    ],
)
def test_text_refuses_noncharacters_and_bidirectional_controls(text: str, what: str) -> None:
    """Every human-readable field refuses what XML forbids and what reorders the reading."""
    with pytest.raises(InvalidModelError) as info:
        nfc(text)
    assert info.value.code == "invalid-text"
    assert info.value.message == f"text holds {what}"
    with pytest.raises(InvalidModelError):
        EmulationGroup(code="G", name=text, kind=GroupKind.CLUSTER)


def test_docx_refuses_a_noncharacter_with_its_path() -> None:
    """A layout built by hand with U+FFFF is refused before python-docx sees it."""
    paper = AdministrativeDocument(
        issuer=("SỞ",), title="BIÊN BẢN", body=(Paragraph(text="a"), Paragraph(text="b\uffff"))
    )
    with pytest.raises(InvalidModelError) as info:
        render_docx(paper)
    assert (info.value.code, info.value.path) == ("invalid-text", "body[1].text")


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Cụm Đà Nẵng", "cụm Ðà nẵng"),
        ("Cụm Hoà Bình", "Cụm Hòa Bình"),
        ("Cụm Huế", "Cụm Hue\u0302\u0301"),
    ],
)
def test_group_names_equal_after_folding_are_duplicates(first: str, second: str) -> None:
    """Đ/Ð, case, tone placement and normal form do not make two group names differ."""
    assert same_name(first, second)
    assert name_key(first) == name_key(second)
    groups = (
        EmulationGroup(code="A", name=first, kind=GroupKind.CLUSTER),
        EmulationGroup(code="B", name=second, kind=GroupKind.CLUSTER),
    )
    with pytest.raises(InvalidModelError) as info:
        Organisation(groups=groups)
    assert (info.value.code, info.value.path) == ("duplicate-name", "groups[1].name")
    assert info.value.details["first"] == "groups[0].name"


def test_a_long_chain_of_blocks_is_checked_in_linear_time() -> None:
    """20,000 nested blocks (a cycle-free chain) build; a loop at its end is named."""
    n = 20_000
    chain = [
        EmulationGroup(code=f"B{i}", name=f"Khối {i}", kind=GroupKind.BLOCK, parent=f"B{i + 1}")
        for i in range(n - 1)
    ]
    Organisation(
        groups=(*chain, EmulationGroup(code=f"B{n - 1}", name="Gốc", kind=GroupKind.BLOCK))
    )
    looped = EmulationGroup(code=f"B{n - 1}", name="Gốc", kind=GroupKind.BLOCK, parent="B0")
    with pytest.raises(InvalidModelError) as info:
        Organisation(groups=(*chain, looped))
    assert info.value.code == "parent-cycle"


def test_successors_through_many_splits_and_merges_visit_each_unit_once() -> None:
    """60 rounds of split-then-merge (2**60 paths) resolve at once to the last unit."""
    units = [Unit(code="U0", name="Đơn vị 0", kind=UnitKind.OTHER)]
    events = []
    day = dt.date(2000, 1, 1)
    for i in range(60):
        a, b, c = f"U{i}", f"S{i}a", f"S{i}b"
        units += [
            Unit(code=b, name=f"Tách {i} a", kind=UnitKind.OTHER),
            Unit(code=c, name=f"Tách {i} b", kind=UnitKind.OTHER),
            Unit(code=f"U{i + 1}", name=f"Đơn vị {i + 1}", kind=UnitKind.OTHER),
        ]
        events.append(
            UnitEvent(kind=UnitEventKind.SPLIT, effective=day, predecessors=(a,), successors=(b, c))
        )
        day += dt.timedelta(days=1)
        events.append(
            UnitEvent(
                kind=UnitEventKind.MERGE,
                effective=day,
                predecessors=(b, c),
                successors=(f"U{i + 1}",),
            )
        )
        day += dt.timedelta(days=1)
    organisation = Organisation(units=tuple(units), events=tuple(events))
    assert organisation.current_successors("U0", dt.date(2100, 1, 1)) == ("U60",)


def _review(change: Any) -> ReviewDocument:
    wire = orjson.loads(REVIEW)
    change(wire)
    return loads(orjson.dumps(wire), ReviewDocument)


def test_a_review_does_not_propose_an_award_a_unit_holds() -> None:
    """An award held or proposed twice is a note, not an error at a path not in the file."""
    held = _review(lambda w: w["facts"][0]["awards_held"].append("TTLDXS"))
    unit = held.facts[0].unit
    report = run_review(held)
    assert (
        f"{unit}: already holds or is proposed for TTLDXS 2020; not proposed again." in report.notes
    )
    twice = _review(
        lambda w: w["proposals"].append(
            {"achievement": "other", "award": "TTLDXS", "scope": "ranked"}
        )
    )
    report = run_review(twice)
    codes = [n.code for n in report.nominations]
    assert len(codes) == len(set(codes))


def _stream() -> list[bytes]:
    raw = files("thidua.examples").joinpath("cluster1_2019_2020_scoring.json").read_bytes()
    scoring = loads(raw, Scoring)
    out = io.BytesIO()
    write_stream(out, scoring.schemes, [("CUM-1", scoring.sheets[0])])
    return out.getvalue().splitlines(keepends=True)


@pytest.mark.parametrize(
    ("line", "code"),
    [
        (b"[" * 100 + b"]" * 100 + b"\n", "too-deep"),
        (b'{"group": "CUM-1", "x": "' + b"a" * 2_000_000 + b'"}\n', "too-long"),
        (12, "wrong-type"),
        (b'{"group": "CUM-1", "units": [], "scheme": ["a"]}\n', "unknown-scheme"),
    ],
)
def test_stream_lines_go_through_the_document_limits(line: Any, code: str) -> None:
    """A deep, long or mistyped line is a line problem with its code, never a crash."""
    lines: list[Any] = [*_stream()[:1], line]
    with pytest.raises(StreamError) as info:
        list(ScoringStream(lines).groups())
    assert info.value.lines[0].code == code
    assert info.value.lines[0].line == 2


def test_results_lines_go_through_the_document_limits() -> None:
    """read_results refuses a too-deep line by its number."""
    with pytest.raises(StreamError) as info:
        list(read_results([b"[" * 100 + b"]" * 100]))
    assert (info.value.lines[0].line, info.value.problems[0].code) == (1, "too-deep")


def test_nothing_is_left_to_copy() -> None:
    """The module's helpers are pure: the example review loads twice to equal documents."""
    assert copy.deepcopy(loads(REVIEW)) == loads(REVIEW)


def test_a_total_of_eighteen_plus_twelve_digits_is_kept_exact() -> None:
    """30 significant digits pass through to_decimal unrounded (the default context has 28)."""
    value = Decimal("123456789012345678.123456789012")
    assert to_decimal(Fraction(value)) == value
    assert str(to_decimal(Fraction(value))) == "123456789012345678.123456789012"


def test_a_trace_is_summed_exactly() -> None:
    """Lines of 30 digits add up exactly; a sum off in the 30th digit is refused."""
    big = Decimal("999999999999999999.999999999999")
    lines = [TraceLine(kind=LineKind.CRITERION, code="A", label="A", rule="r", points=big)] * 2
    check_trace(lines, Decimal("1999999999999999999.999999999998"))
    with pytest.raises(InvalidModelError) as info:
        check_trace(lines, Decimal("2000000000000000000.000000000000"))
    assert info.value.code == "trace-mismatch"
