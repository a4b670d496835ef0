"""Issue 15 at its roots: clean errors, bounded cost, safe text, paths that exist."""

from __future__ import annotations

import copy
import datetime as dt
import io
import time
from decimal import Decimal
from fractions import Fraction
from importlib.resources import files
from pathlib import Path
from typing import Any

import attrs
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from fuzzing import check_parsers
from thidua import (
    DateError,
    DocumentError,
    InvalidModelError,
    SchemaVersionError,
    parse_period,
    same_name,
    verify,
    withhold_personal_data,
)
from thidua._base.messages import CATALOGUE, localise, message_for
from thidua._base.numbers import NumberConvention
from thidua._base.privacy import Pseudonyms
from thidua._base.text import markdown_text, name_key, nfc
from thidua._organisation import (
    EmulationGroup,
    GroupKind,
    Organisation,
    Unit,
    UnitEvent,
    UnitEventKind,
    UnitKind,
)
from thidua.cli import main
from thidua.cli._review import render_markdown as review_markdown
from thidua.documents import (
    AdministrativeDocument,
    Heading,
    Items,
    Paragraph,
    Table,
    render_docx,
    render_markdown,
    unit_explanation,
)
from thidua.documents._wording import trace_of
from thidua.errors import StreamError
from thidua.examples import cluster1_2019_2020, cluster1_scoring
from thidua.exchange._sheets import sheet_to_csv
from thidua.scoring import Layer, Scoring, ScoringSheet, score_all
from thidua.scoring import SheetUnit as ScoringUnit
from thidua.scoring._methods import Bound
from thidua.scoring._numbers import to_decimal
from thidua.scoring._ranking import BandIndex, classify
from thidua.scoring._result import LineKind, TraceLine, check_trace
from thidua.scoring._scheme import Band, _check_bands
from thidua.serialization import dumps, loads
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


# -- class 4: data cannot give a Markdown output headings, HTML, links or code ----------------

HOSTILE_MARKDOWN = (
    "# H",
    "<script>alert(1)</script>",
    "[x](http://e)",
    "![i](http://e/i.png)",
    "```",
    "~~~",
    "a | b",
    "- item",
    "1. one",
    "2) two",
    "> quote",
    "---",
    "===",
    "    code",
    "`code`",
    "&lt;b&gt;",
    "<http://e>",
    "see http://e.org or www.e.org or a@e.org",
    "**bold** _em_ ~~gone~~",
    "line one\n# line two",
)
_MARKUP_TOKENS = {
    "heading_open",
    "html_block",
    "html_inline",
    "link_open",
    "image",
    "code_inline",
    "code_block",
    "fence",
    "blockquote_open",
    "bullet_list_open",
    "ordered_list_open",
    "hr",
    "strong_open",
    "em_open",
    "s_open",
    "table_open",
}


def _markup(markdown: str) -> list[str]:
    """Every markup token CommonMark (with tables and strikethrough) reads in *markdown*."""
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    found = []
    for token in parser.parse(markdown):
        found += [t.type for t in [token, *(token.children or ())] if t.type in _MARKUP_TOKENS]
    return found


@pytest.mark.parametrize("text", HOSTILE_MARKDOWN)
def test_markdown_text_renders_data_as_plain_text(text: str) -> None:
    escaped = markdown_text(text)
    assert _markup(escaped) == []
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    inline = [t for t in parser.parse(escaped) if t.type == "inline"]
    assert [t.content for t in inline] == [escaped]
    shown = "".join(c.content for c in inline[0].children or ())
    assert shown == " ".join(text.split("\n")).strip()
    # also inside a table cell and a list item
    assert _markup(f"| {escaped} |\n|---|\n") == ["table_open"]
    assert _markup(f"- {escaped}\n") == ["bullet_list_open"]


def test_markdown_text_keeps_plain_text_and_escapes_only_markup() -> None:
    assert markdown_text("Sở TT&TT Hà Nội: 9.980 điểm (hạng 1)") == (
        r"Sở TT\&TT Hà Nội: 9.980 điểm (hạng 1)"
    )
    assert markdown_text("1.000") == "1.000"
    assert markdown_text("-5") == "-5"
    assert markdown_text("a|b") == r"a\|b"
    assert markdown_text("#1") == r"\#1"


def test_rendered_paper_gives_data_no_markup() -> None:
    hostile = " ".join(HOSTILE_MARKDOWN[:6])
    paper = AdministrativeDocument(
        issuer=(hostile, "# CỤM"),
        title=f"GIAO ƯỚC {hostile}",
        subtitle="<b>x</b>",
        body=(
            Heading(text="```", level=1),
            Paragraph(text="- [x](http://e)"),
            Items(items=("# a", "<i>b</i>")),
            Table(header=("|", "<h1>"), rows=(("[x](http://e)", "1. a"),)),
        ),
        recipients=("> Lưu",),
    )
    plain = AdministrativeDocument(
        issuer=("A", "B"),
        title="T",
        subtitle="S",
        body=(
            Heading(text="H", level=1),
            Paragraph(text="P"),
            Items(items=("a", "b")),
            Table(header=("h", "k"), rows=(("x", "y"),)),
        ),
        recipients=("R",),
    )
    assert _markup(render_markdown(paper)) == _markup(render_markdown(plain))


def test_review_markdown_gives_data_no_markup() -> None:
    source = files("thidua.examples").joinpath("cluster1_2019_2020_review.json").read_bytes()
    data = orjson.loads(source)
    plain: ReviewDocument = loads(source)
    data["title"] = "# H <script>x</script> [x](http://e) ``` a | b"
    data["note"] = "<img src=x> ![i](http://e)\n# heading"
    hostile: ReviewDocument = loads(data)
    for lang in ("vi", "en"):
        expected = _markup(review_markdown(run_review(plain), document=plain, lang=lang))
        got = review_markdown(run_review(hostile), document=hostile, lang=lang)
        assert _markup(got) == expected
        assert "<script>" not in got


# -- class 6: privacy with several named peers; a unit's export names no other assessor -----

PEERS = ("CANARY Nguyễn Văn An", "CANARY Trần Thị Bình")


def _scoring_with_named_peers() -> Scoring:
    """The shipped cluster scoring, with two named peers scoring HP's first item each year."""
    scoring = cluster1_scoring()
    sheets = []
    for sheet in scoring.sheets:
        own = next(a for a in sheet.assessments if a.unit == "HP" and a.layer is Layer.SELF)
        peers = tuple(attrs.evolve(own, layer=Layer.PEER, assessor=name) for name in PEERS)
        sheets.append(attrs.evolve(sheet, assessments=(*sheet.assessments, *peers)))
    return attrs.evolve(scoring, sheets=tuple(sheets))


def test_withholding_keeps_several_named_peers_distinct() -> None:
    scoring = _scoring_with_named_peers()
    hidden = withhold_personal_data(scoring)
    text = dumps(hidden).decode()
    assert "CANARY" not in text
    peers = [a.assessor for a in hidden.sheets[0].assessments if a.layer is Layer.PEER]
    assert peers[-2:] == ["[đã ẩn 7]", "[đã ẩn 8]"]
    assert loads(dumps(hidden)) == hidden
    assert score_all(hidden) == score_all(scoring)
    with pytest.raises(InvalidModelError) as info:
        withhold_personal_data(scoring, placeholder=None)
    assert info.value.code == "missing-assessor"


def test_pseudonyms_give_one_stand_in_per_person() -> None:
    names = Pseudonyms()
    assert [names("B"), names("A"), names("B"), names("C")] == [
        "[đã ẩn]",
        "[đã ẩn 2]",
        "[đã ẩn]",
        "[đã ẩn 3]",
    ]
    assert [Pseudonyms("***")(n) for n in "x"] == ["***"]
    stars = Pseudonyms("***")
    assert [stars("x"), stars("y")] == ["***", "*** 2"]
    assert Pseudonyms(None)("x") is None


def test_one_units_exports_carry_no_other_assessor() -> None:
    scoring = _scoring_with_named_peers()
    mine = scoring.for_unit("HP")
    peers = [a.assessor for s in mine.sheets for a in s.assessments if a.layer is Layer.PEER]
    assert peers == ["[đã ẩn]", "[đã ẩn 2]"] * len(mine.sheets)
    assert {a.assessor for s in mine.sheets for a in s.assessments if a.layer is Layer.SELF} == {
        "HP",
        None,
    }
    results = score_all(scoring, trace=True)
    year = results.years[-1]
    scheme = scoring.scheme_for(scoring.sheets[-1])
    exports = [
        dumps(mine).decode(),
        *(sheet_to_csv(s, NumberConvention.VIETNAMESE) for s in mine.sheets),
        render_markdown(unit_explanation(year, "HP", scheme)),
        "\n".join(line.render() for line in trace_of(year.units[0], scheme, scoring.sheets[-1])),
        dumps(results).decode(),
    ]
    for text in exports:
        assert "CANARY" not in text
    assert loads(dumps(mine)) == mine


# -- class 7: errors point where the problem is ---------------------------------------------


def test_a_changed_seal_names_the_seal() -> None:
    sealed = cluster1_2019_2020()
    assert sealed.seal is not None
    assert verify(sealed).ok
    entries = sealed.seal.sections
    # a section's record changed in the seal, the document as sealed
    wrong = attrs.evolve(entries[1], digest="sha256:" + "0" * 64)
    forged = attrs.evolve(
        sealed, seal=attrs.evolve(sealed.seal, sections=(entries[0], wrong, *entries[2:]))
    )
    assert verify(forged).changed_sections == ("seal",)
    assert not verify(forged).ok
    # the whole document's record changed in the seal, every section as sealed
    forged = attrs.evolve(sealed, seal=attrs.evolve(sealed.seal, document="sha256:" + "1" * 64))
    assert verify(forged).changed_sections == ("seal",)
    # a section changed: that section is named, not the seal
    agreement = sealed.agreements[0]
    changed = attrs.evolve(sealed, agreements=(attrs.evolve(agreement, copies=7),))
    assert verify(changed).changed_sections == ("agreements",)


def test_verify_command_names_the_seal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = orjson.loads(dumps(cluster1_2019_2020()))
    data["seal"]["document"] = "sha256:" + "1" * 64
    path = tmp_path / "giao-uoc.json"
    path.write_bytes(orjson.dumps(data))
    assert main(["verify", str(path)]) == 1
    assert "changed sections: seal" in capsys.readouterr().out


def test_an_integer_past_the_conversion_limit_is_refused_by_the_constructor() -> None:
    units = (ScoringUnit(code="A", name="Sở A"),)
    with pytest.raises(InvalidModelError) as info:
        ScoringSheet(year=10**5000, scheme="S", units=units, assessments=())
    assert (info.value.code, info.value.path) == ("out-of-range", "year")
    assert "integer (16610 bits) is beyond" in info.value.message
    with pytest.raises(InvalidModelError) as info:
        ScoringSheet(year=-(10**50), scheme="S", units=units, assessments=())
    assert "integer -100000000000000000000000000000000000000… (52 characters)" in str(info.value)


# -- class 2: bands found by bisection, checked in one pass ------------------------------


def _bands(count: int) -> tuple[Band, ...]:
    """*count* bands of width 10, alternating inclusive and exclusive bounds, open at the ends."""
    bands = []
    for index in range(count):
        lower = None if index == 0 else Bound(value=Decimal(10 * index), inclusive=index % 2 == 1)
        upper = (
            None
            if index == count - 1
            else Bound(value=Decimal(10 * (index + 1)), inclusive=index % 2 == 1)
        )
        bands.append(Band(code=f"B{index}", label=f"Mức {index}", lower=lower, upper=upper))
    return tuple(reversed(bands))


@given(st.decimals(min_value=-50, max_value=500, places=2, allow_nan=False))
def test_band_index_finds_the_band_a_scan_finds(total: Decimal) -> None:
    bands = _bands(30)
    index = BandIndex(bands)
    assert index.find(total) == next((b for b in bands if b.contains(total)), None)
    assert classify(total, bands, ()) == index.find(total)


def test_bands_are_checked_and_found_in_bounded_time() -> None:
    bands = _bands(20_000)
    start = time.perf_counter()
    _check_bands(bands, None)
    index = BandIndex(bands)
    assert [index.find(Decimal(v)).code for v in (5, 10, 15, 199_995)] == [  # type: ignore[union-attr]
        "B0",
        "B1",
        "B1",
        "B19999",
    ]
    assert time.perf_counter() - start < 5


def test_the_invalid_text_message_says_what_is_refused() -> None:
    entry = CATALOGUE["invalid-text"]
    assert entry.en == (
        "text holds a character that is refused: a control character, a lone surrogate,"
        " a noncharacter (U+FFFE, U+FFFF) or a bidirectional control"
    )
    assert entry.vi == (
        "văn bản chứa ký tự không được nhận: ký tự điều khiển, nửa cặp thay thế đứng lẻ,"
        " ký tự không dùng (U+FFFE, U+FFFF) hoặc ký tự điều khiển hướng chữ"
    )
    with pytest.raises(InvalidModelError) as info:
        nfc("Sở\u202eTT")
    assert info.value.code == "invalid-text"
    assert localise(info.value, "vi") == entry.vi
    assert message_for("invalid-text", "en") == entry.en


ADVERSARIAL_TEXTS = {
    "digits": "1" * 50_000,
    "dots": "1." * 25_000,
    "spaces": " " * 50_000 + "x",
    "days": "ngày " * 10_000,
    "numbers": "số 1/" * 10_000,
    "dashes": "1-" * 25_000,
    "decisions": "Quyết định số " * 5_000,
    "years": "năm 2019 – " * 5_000,
    "directives": "05-CT/TW " * 5_000,
    "markup": "[x](" * 12_500,
}


@pytest.mark.parametrize("text", ADVERSARIAL_TEXTS.values(), ids=ADVERSARIAL_TEXTS.keys())
def test_text_parsers_take_bounded_time_on_long_text(text: str) -> None:
    """parse_period tried every separator of a span: 51 s on "năm 2019 – " × 5,000."""
    start = time.perf_counter()
    check_parsers(text.encode())
    markdown_text(text)
    assert time.perf_counter() - start < 5


def test_a_period_longer_than_the_bound_is_refused() -> None:
    with pytest.raises(DateError) as info:
        parse_period("năm 2019 – " * 30)
    assert info.value.code == "invalid-date"
    assert "longer than 200 characters" in str(info.value)
