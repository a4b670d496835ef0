"""The fast paths taken for speed keep every check, every error path and exact numbers."""

from __future__ import annotations

import datetime as dt
import gc
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_UP, Decimal
from fractions import Fraction
from importlib.resources import files
from typing import Any

import orjson
import pytest
from cattrs.errors import IterableValidationError
from hypothesis import given
from hypothesis import strategies as st

from thidua import InvalidModelError, StructureError
from thidua._base.text import nfc
from thidua.scoring import Layer, RoundingMode, Scoring
from thidua.scoring._numbers import round_fraction, to_decimal
from thidua.serialization import _hooks, loads, make_converter, structure


def example() -> dict[str, Any]:
    """The illustrative scoring document, parsed."""
    raw = files("thidua.examples").joinpath("cluster1_2019_2020_scoring.json").read_bytes()
    data: dict[str, Any] = orjson.loads(raw)
    return data


def test_collector_restored_after_load() -> None:
    """A load pauses the collector and turns it back on afterwards."""
    assert gc.isenabled()
    loads(example(), Scoring)
    assert gc.isenabled()


def test_collector_restored_after_failed_load() -> None:
    """The collector is back on even when the load fails."""
    data = example()
    data["sheets"][0]["year"] = "2019"
    with pytest.raises(StructureError):
        loads(data, Scoring)
    assert gc.isenabled()


def test_collector_left_off_when_it_was_off() -> None:
    """A caller who turned the collector off finds it still off."""
    gc.disable()
    try:
        loads(example(), Scoring)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_bad_data_reports_every_problem_with_its_path() -> None:
    """After the fast pass fails, the detailed pass reports all problems, not the first."""
    data = example()
    sheet = data["sheets"][0]
    sheet["assessments"][0]["layer"] = "neighbour"
    sheet["assessments"][3]["input"]["first"] = 5.5
    sheet["units"][1]["extra"] = True
    with pytest.raises(StructureError) as info:
        loads(data, Scoring)
    assert [(p.path, p.code) for p in info.value.problems] == [
        ("$.sheets[0].units[1].extra", "unknown-key"),
        ("$.sheets[0].assessments[0].layer", "unknown-value"),
        ("$.sheets[0].assessments[3].input.first", "unquoted-decimal"),
    ]


def test_fast_converter_checks_the_same() -> None:
    """Without detailed validation the same bad data is refused too."""
    data = example()
    del data["kind"], data["schema_version"]
    data["sheets"][0]["assessments"][0]["layer"] = "neighbour"
    fast = make_converter(detailed_validation=False)
    with pytest.raises(IterableValidationError) as info:
        fast.structure(data, Scoring)
    assert "expected one of" in repr(info.value.exceptions)
    assert fast.detailed_validation is False
    assert make_converter().detailed_validation is True


def test_unhashable_enum_value() -> None:
    """An array where an enum value is expected is an unknown value, not a crash."""
    with pytest.raises(StructureError) as info:
        structure(["self"], Layer)
    assert [(p.path, p.code) for p in info.value.problems] == [("$", "unknown-value")]


def test_enum_value_type_is_checked() -> None:
    """A value equal to a member's but of another JSON type is refused."""
    with pytest.raises(StructureError) as info:
        structure(True, Layer)  # noqa: FBT003 - the wrong JSON type on purpose
    assert info.value.problems[0].code == "unknown-value"
    assert structure("peer", Layer) is Layer.PEER


def test_optional_field_none_and_value() -> None:
    """Optional fields accept null and check a present value with the inner type's hook."""
    data = example()
    data["sheets"][0]["assessments"][0]["date"] = None
    assert loads(data, Scoring).sheets[0].assessments[0].date is None
    data["sheets"][0]["assessments"][0]["date"] = "2019-02-30"
    with pytest.raises(StructureError) as info:
        loads(data, Scoring)
    assert [(p.path, p.code) for p in info.value.problems] == [
        ("$.sheets[0].assessments[0].date", "invalid-date")
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [(" DV001 ", "DV001"), ("a\tb ", "a\tb"), ("Cu\u0323m", "Cụm")],
)
def test_nfc_fast_and_slow_paths_agree(value: str, expected: str) -> None:
    """ASCII text is only stripped; other text is normalised and stripped."""
    assert nfc(value) == expected


def test_nfc_still_refuses_control_characters() -> None:
    """A control character in ASCII text is refused as before."""
    with pytest.raises(InvalidModelError) as info:
        nfc("DV\x01")
    assert info.value.code == "invalid-text"


def _reference_round(value: Fraction, places: int, mode: RoundingMode) -> Fraction:
    """The previous implementation, on Fractions, as the oracle."""
    scale = 10**places
    scaled = value * scale
    sign = -1 if scaled < 0 else 1
    magnitude = abs(scaled)
    whole, rest = divmod(magnitude.numerator, magnitude.denominator)
    remainder = Fraction(rest, magnitude.denominator)
    half = Fraction(1, 2)
    if mode is RoundingMode.DOWN:
        up = False
    elif mode is RoundingMode.UP:
        up = remainder > 0
    elif mode is RoundingMode.HALF_UP:
        up = remainder >= half
    else:
        up = remainder > half or (remainder == half and whole % 2 == 1)
    return Fraction(sign * (whole + int(up)), scale)


fractions = st.fractions(min_value=-10_000, max_value=10_000, max_denominator=10_000)


@given(fractions, st.integers(0, 4), st.sampled_from(RoundingMode))
def test_round_fraction_matches_reference(value: Fraction, places: int, mode: RoundingMode) -> None:
    """Integer rounding gives exactly what rounding on Fractions gave."""
    assert round_fraction(value, places, mode) == _reference_round(value, places, mode)


_DECIMAL_MODES = {
    RoundingMode.HALF_UP: ROUND_HALF_UP,
    RoundingMode.HALF_EVEN: ROUND_HALF_EVEN,
    RoundingMode.DOWN: ROUND_DOWN,
    RoundingMode.UP: ROUND_UP,
}


@given(
    st.decimals(min_value=-10_000, max_value=10_000, places=6, allow_nan=False),
    st.integers(0, 4),
    st.sampled_from(RoundingMode),
)
def test_round_fraction_matches_decimal(value: Decimal, places: int, mode: RoundingMode) -> None:
    """On decimals, rounding agrees with Decimal.quantize in the same mode."""
    expected = value.quantize(Decimal(1).scaleb(-places), rounding=_DECIMAL_MODES[mode])
    assert round_fraction(Fraction(value), places, mode) == Fraction(expected)


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=8, allow_nan=False))
def test_to_decimal_is_exact(value: Decimal) -> None:
    """A finite decimal comes back as the same number, with no exponent."""
    result = to_decimal(Fraction(value))
    assert result == value
    exponent = result.as_tuple().exponent
    assert isinstance(exponent, int)
    assert exponent <= 0


def test_to_decimal_refuses_endless_expansion() -> None:
    """1/3 has no finite decimal form."""
    with pytest.raises(InvalidModelError) as info:
        to_decimal(Fraction(1, 3))
    assert info.value.code == "inexact"


def test_decimals_keep_their_digits_when_shared() -> None:
    """Shared decimals are keyed by their exact text: "1.0" stays "1.0", "1" stays "1"."""
    assert str(structure("1.0", Decimal)) == "1.0"
    assert str(structure("1", Decimal)) == "1"
    assert structure("2.50", Decimal) is structure("2.50", Decimal)


def test_shared_values_are_still_checked() -> None:
    """A value not in the cache is checked as before."""
    structure("2.5", Decimal)
    structure("2019-12-14", dt.date)
    for bad, cls, code in (
        ("2.5e1", Decimal, "invalid-decimal"),
        ("2019-12-32", dt.date, "invalid-date"),
        (20191214, dt.date, "invalid-date"),
    ):
        with pytest.raises(StructureError) as info:
            structure(bad, cls)
        assert info.value.problems[0].code == code


def test_caches_stop_growing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past their size limit the caches keep no new entry."""
    monkeypatch.setattr(_hooks, "sharing_cap", [0])
    monkeypatch.setattr(_hooks, "_DECIMALS", {})
    monkeypatch.setattr(_hooks, "_DATES", {})
    assert structure("123.456789", Decimal) == Decimal("123.456789")
    assert structure("2001-02-03", dt.date) == dt.date(2001, 2, 3)
    assert "123.456789" not in _hooks._DECIMALS
    assert "2001-02-03" not in _hooks._DATES


def test_short_strings_are_shared_long_ones_are_not() -> None:
    """Codes read twice are one object; long text is left alone."""
    first = orjson.loads(b'["DV00001", "' + b"x" * 100 + b'"]')
    second = orjson.loads(b'["DV00001", "' + b"x" * 100 + b'"]')
    a = structure(first, tuple[str, ...])
    b = structure(second, tuple[str, ...])
    assert a[0] is b[0]
    assert a[1] == b[1]
    assert a[1] is not b[1]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda a: a["input"].update(extra=1), "extra"),
        (lambda a: a.update(extra=1), "extra"),
        (lambda a: a["input"].pop(next(k for k in a["input"] if k != "kind")), "missing"),
        (lambda a: a.pop("unit"), "missing"),
        (lambda a: a.update(date=None, comment=None, bonus=None), None),
    ],
)
def test_generated_functions_refuse_what_cattrs_refuses(change: Any, expected: str | None) -> None:
    """The fast converter's generated functions refuse unknown and missing keys, tag or not."""
    data = example()
    del data["kind"], data["schema_version"]
    change(data["sheets"][0]["assessments"][0])
    fast = make_converter(detailed_validation=False)
    detailed = make_converter()
    if expected is None:
        assert fast.structure(data, Scoring) == detailed.structure(data, Scoring)
        return
    with pytest.raises(_hooks._DATA_ERRORS):
        fast.structure(data, Scoring)
    with pytest.raises(StructureError) as info:
        structure(data, Scoring)
    assert [p.code for p in info.value.problems] == [
        "unknown-key" if expected == "extra" else "missing"
    ]
