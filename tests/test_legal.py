"""References to Vietnamese legal and Party documents."""

from __future__ import annotations

import datetime as dt
import pickle
import unicodedata
from pathlib import Path
from typing import Any

import attrs
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua import (
    DocumentSystem,
    InvalidModelError,
    LegalReference,
    LegalReferenceError,
    StructureError,
    find_references,
    nfc,
)
from thidua._base import legal as legal_module
from thidua.serialization import structure, unstructure
from thidua.strategies import _registry as registry
from thidua.strategies import legal_references

SEED = Path(__file__).parent / "data" / "000_6c3ee92d721a4bf1.txt"
STATE, PARTY, UNKNOWN = DocumentSystem.STATE, DocumentSystem.PARTY, DocumentSystem.UNKNOWN
D = dt.date

# text -> (number, year, doc_type, issuer, date, system, title)
REAL_REFERENCES: list[tuple[str, tuple[Any, ...]]] = [
    # The seed (its Party misprint and stray space kept as written).
    (
        "Quyết định số 45/2016/QĐ-TTg ngày 19/10/2016",
        ("45", 2016, "QĐ", "TTg", D(2016, 10, 19), STATE, "Quyết định"),
    ),
    (
        "Chỉ thị số 05/CT-TW ngày 15/5/ 2016",
        ("05", None, "CT", "TW", D(2016, 5, 15), PARTY, "Chỉ thị"),
    ),
    ("05-CT/TW", ("05", None, "CT", "TW", None, PARTY, None)),
    # DOMAIN.md §0, §2.1 and §5.7.
    (
        "Quyết định số 1459/QĐ-BTTTT ngày 09/9/2019",
        ("1459", None, "QĐ", "BTTTT", D(2019, 9, 9), STATE, "Quyết định"),
    ),
    ("Luật số: 06/2022/QH15", ("06", 2022, None, "QH15", None, STATE, "Luật")),
    ("Law 39/2013/QH13", ("39", 2013, None, "QH13", None, STATE, None)),
    ("98/2023/NĐ-CP", ("98", 2023, "NĐ", "CP", None, STATE, None)),
    ("ND 55/2025/NĐ-CP", ("55", 2025, "NĐ", "CP", None, STATE, "Nghị định")),
    ("Decree 91/2017/ND-CP", ("91", 2017, "NĐ", "CP", None, STATE, None)),
    ("Nghị định 152/2025/NĐ-CP", ("152", 2025, "NĐ", "CP", None, STATE, "Nghị định")),
    ("Nghị định 42/2010/NĐ-CP", ("42", 2010, "NĐ", "CP", None, STATE, "Nghị định")),
    ("2745/HD-BTĐKT", ("2745", None, "HD", "BTĐKT", None, STATE, None)),
    ("HD 1479/HD-BTĐKT", ("1479", None, "HD", "BTĐKT", None, STATE, "Hướng dẫn")),
    ("67/CT-BTTTT", ("67", None, "CT", "BTTTT", None, STATE, None)),
    (
        "Chỉ thị 67/CT-BTTTT ngày 27 tháng 12 năm 2019",
        ("67", None, "CT", "BTTTT", D(2019, 12, 27), STATE, "Chỉ thị"),
    ),
    ("1486/SNV-TĐKT", ("1486", None, None, "SNV", None, STATE, None)),
    ("969/BTC-TĐKT", ("969", None, None, "BTC", None, STATE, None)),
    ("Công văn 5007/BNV-TĐKT", ("5007", None, None, "BNV", None, STATE, "Công văn")),
    ("Công văn 2490/BTĐKT-VII", ("2490", None, None, "BTĐKT", None, STATE, "Công văn")),
    ("QĐ 1088/QĐ-BTTTT", ("1088", None, "QĐ", "BTTTT", None, STATE, "Quyết định")),
    ("Thông tư 09/2018/TT-BTTTT", ("09", 2018, "TT", "BTTTT", None, STATE, "Thông tư")),
    ("Thông tư 12/2019/TT-BNV", ("12", 2019, "TT", "BNV", None, STATE, "Thông tư")),
    ("TT 29/2023/TT-BGDĐT", ("29", 2023, "TT", "BGDĐT", None, STATE, "Thông tư")),
    ("TT 22/2023/TT-BCT", ("22", 2023, "TT", "BCT", None, STATE, "Thông tư")),
    ("Thông tư 15/2025/TT-BNV", ("15", 2025, "TT", "BNV", None, STATE, "Thông tư")),
    # Party style, and with the spaces and line break of [S57b].
    ("Quy định 124-QĐ/TW", ("124", None, "QĐ", "TW", None, PARTY, "Quy định")),
    ("124-QĐ/TW", ("124", None, "QĐ", "TW", None, PARTY, None)),
    ("16 -\nHD/BTCTW", ("16", None, "HD", "BTCTW", None, PARTY, None)),
    # Old state style: the letters name the issuer (CT: Chairman of the Council of Ministers).
    ("245-CT", ("245", None, None, "CT", None, STATE, None)),
    (
        "Quyết định số 245-CT ngày 7-11-1981",
        ("245", None, None, "CT", D(1981, 11, 7), STATE, "Quyết định"),
    ),
    (
        "Nghị định số 80-CP ngày 13-5-1964",
        ("80", None, None, "CP", D(1964, 5, 13), STATE, "Nghị định"),
    ),
    ("Số: 319/CT", ("319", None, None, "CT", None, STATE, None)),
    # The typo of [S67]: no slash between year and type.
    ("15/2007QĐ-UBND", ("15", 2007, "QĐ", "UBND", None, STATE, None)),
]


@pytest.mark.parametrize(("text", "fields"), REAL_REFERENCES)
def test_real_references_are_read(text: str, fields: tuple[Any, ...]) -> None:
    """Each real reference gives its number, year, type, issuer, date, system and title."""
    ref = LegalReference.parse(text)
    got = (ref.number, ref.year, ref.doc_type, ref.issuer, ref.date, ref.system, ref.title)
    assert got == fields
    assert ref.text == text
    assert str(ref) == text


def test_table_is_large_enough() -> None:
    """The pinned table holds at least 20 real references."""
    assert len(REAL_REFERENCES) >= 20


@pytest.mark.parametrize(("text", "fields"), REAL_REFERENCES)
def test_strict_accepts_every_real_reference(text: str, fields: tuple[Any, ...]) -> None:
    """Real references are well formed enough for strict parsing."""
    ref = LegalReference.parse(text, strict=True)
    assert ref.number == fields[0]


def test_prime_minister_whatever_the_sentence_says() -> None:
    """TTg is the Prime Minister even when the sentence says 'của Chính phủ'."""
    text = "Quyết định số 45/2016/QĐ-TTg ngày 19/10/2016 của Chính phủ"
    ref = LegalReference.parse(text)
    assert ref.issuer == "TTg"
    assert ref.issuer_name_vi() == "Thủ tướng Chính phủ"
    assert ref.text == text


def test_d_and_dj_match_but_text_keeps_its_spelling() -> None:
    """'ND-CP' and the look-alike Ð read as NĐ; the text keeps what was written."""
    ref = LegalReference.parse("55/2025/ND-CP")
    assert (ref.doc_type, ref.text) == ("NĐ", "55/2025/ND-CP")
    eth = LegalReference.parse("45/2016/Q\u00d0-TTg")
    assert eth.doc_type == "QĐ"
    assert eth.text == "45/2016/Q\u00d0-TTg"
    assert LegalReference.parse("2745/HD-BTDKT").issuer == "BTĐKT"
    assert LegalReference.parse("45/2016/QĐ-TTG").issuer == "TTg"


def test_text_is_stored_as_nfc() -> None:
    """Decomposed input is stored composed, and still read."""
    decomposed = unicodedata.normalize("NFD", "Quyết định số 1459/QĐ-BTTTT")
    ref = LegalReference.parse(decomposed)
    assert ref.text == "Quyết định số 1459/QĐ-BTTTT"
    assert (ref.doc_type, ref.title) == ("QĐ", "Quyết định")


@pytest.mark.parametrize(
    ("text", "system"),
    [
        ("01/2020/TTLT-BNV-BTC", STATE),
        ("12/QĐ-UBND", STATE),
        ("3/NQ-HĐND", STATE),
        ("5/2019/NQ-UBTVQH14", STATE),
        ("10-NQ/TU", PARTY),
        ("08-QĐi/TW", PARTY),
        ("12-KH/BTGTW", PARTY),
        ("7-CT/ĐUK", PARTY),
        ("15-NQ/ABC", PARTY),
        ("15/QĐ-TLĐ", UNKNOWN),
        ("15/QĐ-BNV-TLĐ", UNKNOWN),
        ("139-TĐ", UNKNOWN),
    ],
)
def test_system_follows_the_symbol(text: str, system: DocumentSystem) -> None:
    """Party form or a Party issuer gives party; ministries and councils state; else unknown."""
    assert LegalReference.parse(text).system is system


def test_party_symbol_with_an_unlisted_type_keeps_it() -> None:
    """An unlisted type in a Party symbol is kept as written."""
    ref = LegalReference.parse("12-ĐA/TW")
    assert (ref.doc_type, ref.issuer, ref.system) == ("ĐA", "TW", PARTY)
    odd = LegalReference.parse("12-XY/TW")
    assert (odd.doc_type, odd.issuer, odd.system) == ("XY", "TW", PARTY)


def test_joint_issuers_are_kept_together() -> None:
    """A joint circular names both issuers."""
    ref = LegalReference.parse("Thông tư liên tịch 01/2020/TTLT-BNV-BTC")
    assert (ref.doc_type, ref.issuer, ref.title) == ("TTLT", "BNV-BTC", "Thông tư liên tịch")
    assert ref.issuer_name_vi() == "Bộ Nội vụ, Bộ Tài chính"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("45/2016/QĐ-TTg", "Thủ tướng Chính phủ"),
        ("98/2023/NĐ-CP", "Chính phủ"),
        ("1459/QĐ-BTTTT", "Bộ Thông tin và Truyền thông"),
        # "TW" is the central level, not one body: without its year the directive is unknown.
        ("05-CT/TW", None),
        ("06/2022/QH15", "Quốc hội khóa XV"),
        ("39/2013/QH13", "Quốc hội khóa XIII"),
        ("5/2019/NQ-UBTVQH14", "Ủy ban Thường vụ Quốc hội khóa XIV"),
        ("245-CT", "Chủ tịch Hội đồng Bộ trưởng"),
        ("15/QĐ-TLĐ", None),
        ("15/QĐ-BNV-TLĐ", None),
        ("Luật Thi đua, khen thưởng 2003", None),
    ],
)
def test_issuer_names(text: str, name: str | None) -> None:
    """Well-known issuers have Vietnamese names; others give None."""
    assert LegalReference.parse(text).issuer_name_vi() == name


def test_issued_year() -> None:
    """The symbol's year, else the date's year, else None."""
    assert LegalReference.parse("98/2023/NĐ-CP").issued_year == 2023
    assert LegalReference.parse("Chỉ thị số 05/CT-TW ngày 15/5/ 2016").issued_year == 2016
    assert LegalReference.parse("05-CT/TW").issued_year is None


@pytest.mark.parametrize(
    "text",
    [
        "Luật Thi đua, khen thưởng 2003",
        "văn bản hướng dẫn của Bộ",
        "số 45",
        "COVID-19",
        "Cụm thi đua số 1 - Hà Nội",
        "2019-nCoV",
        "năm 2019 – 2020",
    ],
)
def test_unparseable_text_is_kept_verbatim(text: str) -> None:
    """Text with no symbol is kept as written, with nothing invented."""
    ref = LegalReference.parse(text)
    assert ref.text == text
    assert (ref.number, ref.year, ref.doc_type, ref.issuer) == (None, None, None, None)
    assert ref.system is UNKNOWN
    with pytest.raises(LegalReferenceError, match="holds no document number"):
        LegalReference.parse(text, strict=True)


def test_unparseable_text_keeps_what_it_does_say() -> None:
    """A type word and a date are read even without a symbol."""
    ref = LegalReference.parse("Luật Thi đua, khen thưởng ngày 26/11/2003")
    assert (ref.title, ref.date, ref.number) == ("Luật", D(2003, 11, 26), None)


def test_bad_date_is_dropped_unless_strict() -> None:
    """A date that is not real is None (text kept), or an error when strict."""
    text = "Quyết định số 1/QĐ-UBND ngày 31/2/2020"
    ref = LegalReference.parse(text)
    assert (ref.number, ref.date, ref.text) == ("1", None, text)
    with pytest.raises(LegalReferenceError, match="is not a real date"):
        LegalReference.parse(text, strict=True)


def test_strict_refuses_a_year_that_contradicts_the_date() -> None:
    """The symbol's year is the year of issue: a different date year is refused when strict."""
    text = "Quyết định số 45/2016/QĐ-TTg ngày 19/10/2017"
    assert LegalReference.parse(text).year == 2016
    with pytest.raises(LegalReferenceError, match="the number says 2016 but the date is in 2017"):
        LegalReference.parse(text, strict=True)


def test_strict_refuses_several_references() -> None:
    """Strict parsing wants exactly one reference."""
    text = "Quyết định 1459/QĐ-BTTTT thay thế Quyết định 1088/QĐ-BTTTT"
    assert LegalReference.parse(text).number == "1459"
    with pytest.raises(LegalReferenceError, match="holds 2 document numbers"):
        LegalReference.parse(text, strict=True)


@pytest.mark.parametrize(
    ("bad", "message"),
    [("", "must not be empty"), ("  \n ", "must not be empty"), ("a\x00b", "control character")],
)
def test_parse_refuses_non_text(bad: str, message: str) -> None:
    """Blank text or text with control characters is not a reference at all."""
    with pytest.raises(LegalReferenceError, match=message):
        LegalReference.parse(bad)


def test_parse_refuses_non_strings() -> None:
    """Only text is parsed."""
    with pytest.raises(LegalReferenceError, match="got int"):
        LegalReference.parse(45)  # type: ignore[arg-type]


def test_out_of_range_symbol_year_is_not_a_year() -> None:
    """A four-digit group outside 1900–2100 is not read as the year."""
    ref = LegalReference.parse("45/1234/QĐ-TTg")
    assert (ref.number, ref.year, ref.doc_type) == ("45", None, "QĐ")


# --------------------------------------------------------------------------- find_references


def test_find_references_in_the_seed() -> None:
    """The seed's two references come out whole, in order, as written."""
    found = find_references(SEED.read_text(encoding="utf-8"))
    assert [str(ref) for ref in found] == [
        "Chỉ thị số 05/CT-TW ngày 15/5/ 2016",
        "Quyết định số 45/2016/QĐ-TTg ngày 19/10/2016",
    ]
    directive, decision = found
    assert (directive.system, directive.number, directive.doc_type, directive.issuer) == (
        PARTY,
        "05",
        "CT",
        "TW",
    )
    assert (decision.system, decision.issuer, decision.date) == (STATE, "TTg", D(2016, 10, 19))


def test_find_references_spans() -> None:
    """Type word and 'số' before, a date right after, are part of a reference."""
    text = (
        "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15; Nghị định 98/2023/NĐ-CP,"
        " ngày 31/12/2023; theo Hướng dẫn số 16 -\nHD/BTCTW và Quy định 124-QĐ/TW;"
        " Cụm thi đua số 1 (05 thành phố) năm 2019 – 2020, ký ngày 14/12/2019."
    )
    assert [str(ref) for ref in find_references(text)] == [
        "06/2022/QH15",
        "Nghị định 98/2023/NĐ-CP, ngày 31/12/2023",
        "Hướng dẫn số 16 -\nHD/BTCTW",
        "Quy định 124-QĐ/TW",
    ]


def test_find_references_in_text_without_any() -> None:
    """Dates, counts and year ranges are not references."""
    text = "Hôm nay, ngày 14/12/2019, 05 thành phố ký giao ước năm 2019 – 2020 (COVID-19)."
    assert find_references(text) == ()


# --------------------------------------------------------------------------- model


def _ref_json(**fields: object) -> dict[str, object]:
    base: dict[str, object] = {
        "text": "Quyết định số 45/2016/QĐ-TTg",
        "number": "45",
        "year": 2016,
        "doc_type": "QĐ",
        "issuer": "TTg",
        "date": None,
        "system": "state",
        "title": "Quyết định",
    }
    return base | fields


@pytest.mark.parametrize(
    ("fields", "path", "code"),
    [
        ({"text": " "}, "$.text", "empty"),
        ({"number": "45a"}, "$.number", "invalid-number"),
        ({"number": ""}, "$.number", "invalid-number"),
        ({"year": 1899}, "$.year", "invalid-year"),
        ({"year": 2101}, "$.year", "invalid-year"),
        ({"year": "2016"}, "$.year", "wrong-type"),
        ({"doc_type": "Q Đ"}, "$.doc_type", "invalid-symbol"),
        ({"issuer": "-TTg"}, "$.issuer", "invalid-symbol"),
        ({"issuer": ""}, "$.issuer", "invalid-symbol"),
        ({"date": "19/10/2016"}, "$.date", "invalid-date"),
        ({"system": "government"}, "$.system", "unknown-value"),
        ({"title": ""}, "$.title", "empty"),
    ],
)
def test_reference_invariants_fail_with_paths(
    fields: dict[str, object], path: str, code: str
) -> None:
    """Each broken field is reported with its JSON path and code."""
    with pytest.raises(StructureError) as info:
        structure(_ref_json(**fields), LegalReference)
    assert [(p.path, p.code) for p in info.value.problems] == [(path, code)]


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"year": 1900, "date": "1900-01-01"},
        {"year": 2100},
        {"number": None, "year": None, "doc_type": None, "issuer": None, "title": None},
        {"issuer": "BNV-BTC", "doc_type": "TTLT"},
        {"system": "unknown"},
    ],
)
def test_reference_invariants_pass(fields: dict[str, object]) -> None:
    """Well-formed fields are accepted and written back unchanged."""
    data = _ref_json(**fields)
    assert unstructure(structure(data, LegalReference)) == data


def test_fields_may_add_what_the_text_lacks() -> None:
    """A known date can be recorded for a reference whose text gives none."""
    ref = attrs.evolve(LegalReference.parse("245-CT"), date=D(1981, 11, 7))
    assert (ref.text, ref.date, ref.issued_year) == ("245-CT", D(1981, 11, 7), 1981)


def test_reference_refuses_datetimes_and_bool_years() -> None:
    """A datetime is not a date, and True is not a year."""
    with pytest.raises(InvalidModelError) as info:
        LegalReference(text="x", date=dt.datetime(2016, 10, 19, tzinfo=dt.UTC))
    assert (info.value.path, info.value.code) == ("date", "wrong-type")
    with pytest.raises(InvalidModelError) as info:
        LegalReference(text="x", year=True)
    assert (info.value.path, info.value.code) == ("year", "wrong-type")


def test_reference_field_errors_name_the_field() -> None:
    """Wrong types and unstorable text are refused at their own paths."""
    with pytest.raises(InvalidModelError) as info:
        LegalReference(text="x", number=45)  # type: ignore[arg-type]
    assert (info.value.path, info.value.code) == ("number", "invalid-number")
    with pytest.raises(InvalidModelError) as info:
        LegalReference(text="x", system="state")  # type: ignore[arg-type]
    assert (info.value.path, info.value.code) == ("system", "wrong-type")
    for field in ("text", "issuer", "doc_type", "title"):
        with pytest.raises(StructureError) as structure_info:
            structure(_ref_json(**{field: "a\x00b"}), LegalReference)
        problems = [(p.path, p.code) for p in structure_info.value.problems]
        assert problems == [(f"$.{field}", "invalid-text")]


def test_reference_pickles() -> None:
    """References and their errors cross process boundaries."""
    ref = LegalReference.parse("Chỉ thị số 05/CT-TW ngày 15/5/ 2016")
    assert pickle.loads(pickle.dumps(ref)) == ref  # noqa: S301
    error = LegalReferenceError("bad")
    assert str(pickle.loads(pickle.dumps(error))) == "bad"  # noqa: S301


def test_type_table_keys_are_unique() -> None:
    """No two type abbreviations fold to the same key (so Đ/D matching is unambiguous)."""
    keys = [legal_module._key(t) for t in legal_module._TYPES]
    assert len(keys) == len(set(keys))
    issuer_keys = [legal_module._key(i) for i in legal_module._ISSUERS]
    assert len(issuer_keys) == len(set(issuer_keys))


@given(legal_references())
def test_generated_references_parse_back(ref: LegalReference) -> None:
    """A well-formed reference's text reads back into the same fields."""
    assert LegalReference.parse(str(ref)) == ref
    assert LegalReference.parse(str(ref), strict=True) == ref


@given(legal_references())
def test_generated_references_are_found_in_text(ref: LegalReference) -> None:
    """A reference inside a sentence is found whole."""
    found = find_references(f"Thực hiện {ref.text} của cấp trên.")
    assert found == (ref,)


@given(legal_references())
def test_reference_round_trip(ref: LegalReference) -> None:
    """structure(unstructure(x)) == x, with the same canonical bytes."""
    data = unstructure(ref)
    again = structure(orjson.loads(orjson.dumps(data)), LegalReference)
    assert again == ref
    option = orjson.OPT_SORT_KEYS
    assert orjson.dumps(unstructure(again), option=option) == orjson.dumps(data, option=option)


@given(st.text(max_size=60))
def test_parse_never_loses_text(text: str) -> None:
    """Any storable text is kept as NFC; only blank or unstorable text is refused."""
    try:
        stored = nfc(text)
    except InvalidModelError:
        stored = ""
    if not stored:
        with pytest.raises(LegalReferenceError):
            LegalReference.parse(text)
    else:
        assert LegalReference.parse(text).text == stored


def test_from_type_uses_the_registered_strategy() -> None:
    """st.from_type(LegalReference) draws references once strategies are registered."""
    registry.register_all()

    @given(st.from_type(LegalReference))
    def check(ref: LegalReference) -> None:
        assert LegalReference.parse(ref.text) == ref

    check()


# Issue 13, item 6: the issuer of a Party document follows the document -----------------


def test_party_issuer_follows_the_document() -> None:
    """Chỉ thị 05-CT/TW (2016) is the Politburo's; "TW" alone names no body.

    Before: every "…/TW" document was named "Ban Chấp hành Trung ương".
    """
    seed = LegalReference.parse("Chỉ thị số 05/CT-TW ngày 15/5/ 2016")
    assert seed.text == "Chỉ thị số 05/CT-TW ngày 15/5/ 2016"
    assert (seed.issuer, seed.system) == ("TW", PARTY)
    assert seed.issuer_name_vi() == "Bộ Chính trị"
    assert seed.symbol == "05-CT/TW"
    assert seed.proper_form() == "Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị"


@pytest.mark.parametrize(
    ("text", "proper"),
    [
        ("05-CT/TW", "Chỉ thị số 05-CT/TW"),
        ("Chỉ thị 05-CT/TW ngày 10/3/2001", "Chỉ thị số 05-CT/TW ngày 10/3/2001"),
        ("Chỉ thị 99-CT/TW ngày 07/4/2014", "Chỉ thị số 99-CT/TW ngày 07/4/2014"),
        ("Quy định 124-QĐ/TW", "Quy định số 124-QĐ/TW"),
        ("124-QĐ/TW", "số 124-QĐ/TW"),
    ],
)
def test_unknown_party_issuer_is_none_never_a_guess(text: str, proper: str) -> None:
    """A "…/TW" document not in the table has no issuer; its printed form says none."""
    ref = LegalReference.parse(text)
    assert ref.issuer_name_vi() is None
    assert ref.proper_form() == proper


@pytest.mark.parametrize(
    ("text", "proper"),
    [
        (
            "Quyết định số 45/2016/QĐ-TTg ngày 19/10/2016",
            "Quyết định số 45/2016/QĐ-TTg ngày 19/10/2016 của Thủ tướng Chính phủ",
        ),
        ("Decree 91/2017/ND-CP", "Nghị định số 91/2017/NĐ-CP của Chính phủ"),
        (
            "Thông tư liên tịch 01/2020/TTLT-BNV-BTC ngày 5/2/2020",
            (
                "Thông tư liên tịch số 01/2020/TTLT-BNV-BTC ngày 05/02/2020"
                " của Bộ Nội vụ, Bộ Tài chính"
            ),
        ),
        ("969/BTC-TĐKT", "số 969/BTC-TĐKT của Bộ Tài chính"),
        ("245-CT", "số 245-CT của Chủ tịch Hội đồng Bộ trưởng"),
        ("Luật Thi đua, khen thưởng 2003", None),
    ],
)
def test_proper_form_of_state_documents(text: str, proper: str | None) -> None:
    """Kind, "số", the standard symbol, the date (Decree 30 zeros) and the issuer."""
    assert LegalReference.parse(text).proper_form() == proper


# Issue 13, item 13: VBHN, district offices, councils, every legislature term -----------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Before: ("12", None, None, "VBHN", UNKNOWN): the kind was read as the issuer.
        (
            "Văn bản hợp nhất số 12/VBHN-VPQH ngày 10/12/2018",
            ("12", "VBHN", "VPQH", STATE, "Văn phòng Quốc hội"),
        ),
        ("01/VBHN-BNV", ("01", "VBHN", "BNV", STATE, "Bộ Nội vụ")),
        # Before: system unknown, no name.
        ("123/PTNMT-QLĐĐ", ("123", None, "PTNMT", STATE, "Phòng Tài nguyên và Môi trường")),
        ("45/QĐ-PTNMT", ("45", "QĐ", "PTNMT", STATE, "Phòng Tài nguyên và Môi trường")),
        ("01/HD-HĐTĐKT", ("01", "HD", "HĐTĐKT", STATE, "Hội đồng Thi đua - Khen thưởng")),
        ("12/KH-HDTDKT", ("12", "KH", "HĐTĐKT", STATE, "Hội đồng Thi đua - Khen thưởng")),
        ("7/QĐ-PVHTT", ("7", "QĐ", "PVHTT", STATE, None)),
    ],
)
def test_kinds_district_offices_and_councils(text: str, expected: tuple[Any, ...]) -> None:
    """VBHN is the kind, not the issuer; PTNMT and HĐTĐKT are state bodies."""
    ref = LegalReference.parse(text)
    got = (ref.number, ref.doc_type, ref.issuer, ref.system, ref.issuer_name_vi())
    assert got == expected


def test_consolidated_text_prints_its_kind() -> None:
    """A VBHN prints as "Văn bản hợp nhất số …"."""
    ref = LegalReference.parse("12/VBHN-VPQH")
    assert ref.proper_form() == "Văn bản hợp nhất số 12/VBHN-VPQH của Văn phòng Quốc hội"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("01/1946/QH1", "Quốc hội khóa I"),
        ("5/2019/NQ-UBTVQH4", "Ủy ban Thường vụ Quốc hội khóa IV"),
        ("01/2011/QH9", "Quốc hội khóa IX"),
        ("01/2026/QH16", "Quốc hội khóa XVI"),
        ("01/2030/QH19", "Quốc hội khóa XIX"),
        # Before: "XXXX" and "XXXXIX" (only I, V, X were known).
        ("01/2100/QH40", "Quốc hội khóa XL"),
        ("01/2100/QH49", "Quốc hội khóa XLIX"),
        ("01/NQ-QHXVI", "Quốc hội khóa XVI"),
        ("01/QHIIII", None),
    ],
)
def test_every_legislature_term(text: str, name: str | None) -> None:
    """Terms in digits or Roman numerals, any term, name the legislature's term."""
    assert LegalReference.parse(text).issuer_name_vi() == name


@given(st.integers(1, 3999))
def test_roman_numerals_round_trip(number: int) -> None:
    """Every number from 1 to 3999 is written and read back the standard way."""
    written = legal_module.roman_numeral(number)
    assert legal_module.parse_roman(written) == number


@pytest.mark.parametrize("text", ["", "IIII", "VX", "IC", "xv", "IL", "MMMM", "XVA"])
def test_non_standard_roman_numerals_are_not_read(text: str) -> None:
    """Only the standard form is a numeral."""
    assert legal_module.parse_roman(text) is None


@pytest.mark.parametrize("number", [0, -1, 4000])
def test_roman_numeral_range(number: int) -> None:
    """0 and numbers above 3999 have no Roman numeral."""
    with pytest.raises(ValueError, match="Roman"):
        legal_module.roman_numeral(number)
