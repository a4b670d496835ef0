"""Vietnamese text: NFC storage, look-alike folding, dictionary order."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua import InvalidModelError, nfc, same_name, vietnamese_sort_key
from thidua.strategies import vietnamese_names

DICTIONARY_ORDER = [
    "Ba", "Bà", "Bả", "Bã", "Bá", "Bạ", "Bác", "Bắc", "Bấc", "Cà Mau", "Cần Thơ",
    "Dương", "Đà Nẵng", "Điện Biên", "Hà Nội", "Hải Phòng", "Hồ Chí Minh",
]  # fmt: skip


def test_dictionary_order_is_pinned() -> None:
    """Names sort as CLDR's Vietnamese collation: base letters, then tones."""
    shuffled = list(reversed(DICTIONARY_ORDER))
    assert sorted(shuffled, key=vietnamese_sort_key) == DICTIONARY_ORDER


@given(st.permutations(DICTIONARY_ORDER))
def test_order_does_not_depend_on_input_order(names: list[str]) -> None:
    """Sorting is a total order: any permutation sorts the same."""
    assert sorted(names, key=vietnamese_sort_key) == DICTIONARY_ORDER


def test_nfc_normalises_and_strips() -> None:
    """Decomposed input is stored composed, white space trimmed."""
    decomposed = unicodedata.normalize("NFD", " Hải Phòng ")
    assert nfc(decomposed) == "Hải Phòng"
    assert unicodedata.is_normalized("NFC", nfc(decomposed))


@pytest.mark.parametrize(
    ("bad", "code"),
    [(5, "wrong-type"), ("a\ud800b", "invalid-text"), ("a\x00b", "invalid-text")],
)
def test_nfc_refuses_non_text(bad: object, code: str) -> None:
    """Non-strings, lone surrogates and control characters are errors with a code."""
    with pytest.raises(InvalidModelError) as info:
        nfc(bad)
    assert info.value.code == code


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Ðà Nẵng", "Đà Nẵng"),
        ("ðà nẵng", "Đà Nẵng"),
        ("Hoà Bình", "Hòa Bình"),
        ("Thuỷ", "Thủy"),
        (unicodedata.normalize("NFD", "Cần Thơ"), "Cần Thơ"),
    ],
)
def test_same_name_ignores_lookalikes_and_tone_placement(first: str, second: str) -> None:
    """Look-alike Đ, tone placement, case and normal form do not make another name."""
    assert same_name(first, second)


@pytest.mark.parametrize(
    ("first", "second"), [("Hà Nội", "Hà Nam"), ("Ba", "Bà"), ("Bác", "Bắc"), ("Đà", "Da")]
)
def test_same_name_keeps_real_differences(first: str, second: str) -> None:
    """Different letters or tones are different names."""
    assert not same_name(first, second)


def test_text_keeps_its_spelling() -> None:
    """Folding is for comparison only: the stored text keeps the given spelling."""
    assert nfc("Hoà Bình") == "Hoà Bình"
    assert nfc("Ðà Nẵng") == "Ðà Nẵng"


@given(vietnamese_names())
def test_nfc_is_idempotent(name: str) -> None:
    """NFC of NFC text is the same text; a name is the same name as itself in NFD."""
    assert nfc(nfc(name)) == nfc(name)
    assert same_name(unicodedata.normalize("NFD", name), name)


def test_sort_key_handles_digits_punctuation_and_foreign_letters() -> None:
    """Spaces sort first, then punctuation, digits, letters, then other scripts."""
    names = ["Cụm 2", "Cụm 10", "Cụm-1", "Cụm A", "Cụm Ω", "Cụm"]
    assert sorted(names, key=vietnamese_sort_key) == [
        "Cụm",
        "Cụm 10",
        "Cụm 2",
        "Cụm A",
        "Cụm Ω",
        "Cụm-1",
    ]
