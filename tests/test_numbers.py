"""Vietnamese numbers: printing, and reading in a declared convention."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua import (
    NumberConvention,
    NumberFormatError,
    format_number,
    format_number_vi,
    localise,
    parse_number,
)

VI = NumberConvention.VIETNAMESE
INTL = NumberConvention.INTERNATIONAL


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal(1000), "1.000"),
        (Decimal("95.5"), "95,5"),
        (Decimal("95.50"), "95,50"),
        (Decimal("-1234.5"), "-1.234,5"),
        (Decimal(0), "0"),
        (Decimal("0.25"), "0,25"),
        (Decimal("1E+3"), "1.000"),
        (Decimal(1000000), "1.000.000"),
        (Decimal(999), "999"),
        (1000, "1.000"),
    ],
)
def test_format_number_vi(value: Decimal | int, text: str) -> None:
    """Dots between thousands, a comma before decimals, decimal places kept."""
    assert format_number_vi(value) == text


def test_format_without_grouping_and_internationally() -> None:
    """Grouping can be turned off; the international convention swaps the marks."""
    assert format_number_vi(Decimal("1234.5"), grouping=False) == "1234,5"
    assert format_number(Decimal("1234.5"), INTL) == "1,234.5"
    assert format_number(Decimal("-1234567.125"), INTL) == "-1,234,567.125"


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")])
def test_format_refuses_what_is_not_a_number(value: Decimal) -> None:
    """NaN and infinities have no written form."""
    with pytest.raises(ValueError, match="cannot write"):
        format_number_vi(value)


@pytest.mark.parametrize(
    ("text", "vietnamese", "international"),
    [
        ("1.000", Decimal(1000), Decimal("1.000")),
        ("1,000", Decimal("1.000"), Decimal(1000)),
        ("95,5", Decimal("95.5"), None),
        ("95.5", None, Decimal("95.5")),
        ("1.234.567,89", Decimal("1234567.89"), None),
        ("1,234,567.89", None, Decimal("1234567.89")),
        ("08", Decimal(8), Decimal(8)),
        ("  12 ", Decimal(12), Decimal(12)),
        ("-3,5", Decimal("-3.5"), None),
        ("\u22123", Decimal(-3), Decimal(-3)),
        ("1.00", None, Decimal("1.00")),
        ("1.000.5", None, None),
        ("1,0,0", None, None),
        ("12.34.567", None, None),
        ("", None, None),
        ("-", None, None),
        ("1e3", None, None),
        ("+5", None, None),
        ("1 000", None, None),
        ("½", None, None),
        ("١٢", None, None),
    ],
)
def test_parse_number_in_each_convention(
    text: str, vietnamese: Decimal | None, international: Decimal | None
) -> None:
    """The same text reads by the declared convention only; malformed text is refused."""
    for convention, expected in ((VI, vietnamese), (INTL, international)):
        if expected is None:
            with pytest.raises(NumberFormatError) as info:
                parse_number(text, convention)
            assert info.value.code == "unreadable-number"
        else:
            parsed = parse_number(text, convention)
            assert parsed == expected
            assert str(parsed) == str(expected)  # same digits, decimal places included


def test_parse_keeps_decimal_places() -> None:
    """Trailing zeros are kept, as the serialization keeps them."""
    assert str(parse_number("95,50", VI)) == "95.50"
    assert str(parse_number("0,0", VI)) == "0.0"


def test_parse_refuses_too_many_digits() -> None:
    """The wire format's limits (18 integer, 12 decimal digits) apply to text too."""
    assert parse_number("1" * 18, VI) == Decimal("1" * 18)
    for text in ("1" * 19, "0," + "1" * 13):
        with pytest.raises(NumberFormatError) as info:
            parse_number(text, VI)
        assert info.value.code == "too-many-digits"
    assert parse_number("0" * 30 + "1", VI) == 1


def test_parse_accepts_the_convention_by_value() -> None:
    """The convention may be given by its string value."""
    assert parse_number("1.000", "vietnamese") == 1000  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="guess"):
        parse_number("1", "guess")  # type: ignore[arg-type]


def test_errors_read_in_vietnamese() -> None:
    """Number errors carry a code and read in Vietnamese, naming the convention."""
    with pytest.raises(NumberFormatError) as info:
        parse_number("1.00", VI)
    assert str(info.value).startswith("'1.00' is not a number in the vietnamese convention")
    assert localise(info.value, "vi") == "'1.00' không phải số viết theo quy ước Việt Nam"
    with pytest.raises(NumberFormatError) as info:
        parse_number("1" * 19, INTL)
    assert localise(info.value, "vi").startswith(f"'{'1' * 19}' có quá nhiều chữ số")


_decimals = st.decimals(allow_nan=False, allow_infinity=False, places=None).filter(
    lambda d: (
        len(format(d, "f").split(".")[0].lstrip("-")) <= 18
        and len(format(d, "f").partition(".")[2]) <= 12
    )
)


@given(value=_decimals, convention=st.sampled_from(NumberConvention), grouping=st.booleans())
def test_round_trip_keeps_every_digit(
    value: Decimal, convention: NumberConvention, grouping: bool
) -> None:
    """parse(format(x)) == x with the same digits, in both conventions."""
    text = format_number(value, convention, grouping=grouping)
    parsed = parse_number(text, convention)
    assert parsed == value
    assert format(parsed, "f") == format(value, "f")
