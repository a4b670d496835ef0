"""The Python constructors are as strict as the wire format (issue 14, point 2)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua import (
    InvalidModelError,
    Membership,
    Role,
    ThiduaError,
    Unit,
    UnitKind,
)
from thidua._base.dates import Period, PeriodKind
from thidua._base.seals import Seal, SectionDigest
from thidua.scoring import (
    Assessment,
    Combination,
    Criterion,
    Layer,
    LayerRule,
    ManualPoints,
    PointsInput,
    Scheme,
    Scoring,
    ScoringSheet,
    SheetUnit,
    YesNoInput,
    score,
)
from thidua.scoring._methods import GroupContext
from thidua.scoring._result import (
    LineKind,
    Results,
    Subtotal,
    TraceLine,
    UnitResult,
    YearResults,
)
from thidua.serialization import dumps, loads
from thidua.yearend._ballot import QuorumRule


def _error(build: Any, **fields: Any) -> InvalidModelError:
    with pytest.raises(InvalidModelError) as caught:
        build(**fields)
    return caught.value


@pytest.mark.parametrize(
    ("value", "code", "message"),
    [
        (0.1, "wrong-type", "expected a Decimal, got float"),
        (True, "wrong-type", "expected a Decimal, got bool"),
        (1, "wrong-type", "expected a Decimal, got int"),
        ("8.5", "wrong-type", "expected a Decimal, got str"),
        (Decimal("NaN"), "invalid-decimal", "'NaN' is not a decimal number"),
        (Decimal("-Infinity"), "invalid-decimal", "'-Infinity' is not a decimal number"),
        (Decimal("1E+18"), "invalid-decimal", "'1E+18' is not a decimal number"),
        (Decimal("0.0000000000001"), "invalid-decimal", "'1E-13' is not a decimal number"),
    ],
)
def test_a_decimal_field_refuses_what_the_wire_refuses(
    value: object, code: str, message: str
) -> None:
    """Floats, ints, bools, text, non-finite and over-long decimals are refused by name."""
    error = _error(PointsInput, points=value)
    assert (error.code, error.path) == (code, "points")
    assert error.message.startswith(message)
    assert isinstance(error, ThiduaError)


def test_the_widest_decimals_the_wire_carries_construct() -> None:
    """18 integer digits and 12 fraction digits are accepted, and round-trip."""
    assert PointsInput(points=Decimal("999999999999999999.999999999999")).points == Decimal(
        "999999999999999999.999999999999"
    )
    assert PointsInput(points=Decimal("1E+2")).points == Decimal(100)


def test_a_float_maximum_no_longer_slips_through() -> None:
    """``max_points=0.1`` used to construct and then not round-trip."""
    error = _error(Criterion, code="A", label="Tiêu chí A", max_points=0.1, method=ManualPoints())
    assert (error.code, error.path, error.details["got"]) == ("wrong-type", "max_points", "float")


def test_text_for_a_date_or_an_enum_member_is_refused() -> None:
    """A date as text, a datetime, and an enum's text value are refused naming the field."""
    start = dt.date(2020, 1, 1)
    error = _error(Membership, unit="HN", group="K1", valid_from="2020-01-01")
    assert (error.code, error.path, error.message) == (
        "wrong-type",
        "valid_from",
        "expected a date (datetime.date), got str",
    )
    error = _error(Membership, unit="HN", group="K1", valid_from=dt.datetime(2020, 1, 1))  # noqa: DTZ001
    assert (error.path, error.details["got"]) == ("valid_from", "datetime")
    error = _error(Membership, unit="HN", group="K1", valid_from=start, role="member")
    assert (error.code, error.path, error.message) == (
        "wrong-type",
        "role",
        "expected a Role member, got str",
    )
    assert Membership(unit="HN", group="K1", valid_from=start, role=Role.HEAD).role is Role.HEAD
    error = _error(Unit, code="HN", name="Sở Hà Nội", kind="department")
    assert (error.code, error.path) == ("wrong-type", "kind")
    assert Unit(code="HN", name="Sở Hà Nội", kind=UnitKind.DEPARTMENT).kind is UnitKind.DEPARTMENT


def test_a_bool_for_an_integer_and_a_list_for_a_tuple_are_refused() -> None:
    """``shortcomings=True`` and ``first_year=True`` are not numbers; a list is no tuple."""
    error = _error(YesNoInput, met=True, shortcomings=True)
    assert (error.code, error.path, error.message) == (
        "wrong-type",
        "shortcomings",
        "expected an integer, got bool",
    )
    error = _error(YesNoInput, met=1)
    assert (error.code, error.path, error.message) == (
        "wrong-type",
        "met",
        "expected true or false, got int",
    )
    error = _error(YesNoInput, met=True, shortcomings=10**15)
    assert (error.code, error.path) == ("out-of-range", "shortcomings")
    error = _error(ScoringSheet, year=2019, scheme="BD", units=[], assessments=())
    assert (error.code, error.path, error.message) == (
        "wrong-type",
        "units",
        "expected a tuple, got list",
    )


def test_a_nested_model_of_the_wrong_class_is_refused() -> None:
    """An assessment's input must be one of the input classes, not a dict."""
    error = _error(Assessment, unit="HN", item="A", layer=Layer.SELF, input={"points": "1"})
    assert (error.code, error.path) == ("wrong-type", "input")


def _scheme(maximum: Decimal = Decimal(10)) -> Scheme:
    return Scheme(
        code="BD",
        label="Bảng điểm",
        first_year=2019,
        scale=Decimal(100),
        criteria=(
            Criterion(code="A", label="Tiêu chí A", max_points=maximum, method=ManualPoints()),
        ),
        combination=Combination(layers=LayerRule.LAST),
    )


def _sheet(points: Any, scheme: str = "BD") -> ScoringSheet:
    return ScoringSheet(
        year=2019,
        scheme=scheme,
        units=(SheetUnit(code="HN", name="Sở Hà Nội"),),
        assessments=(
            Assessment(unit="HN", item="A", layer=Layer.SELF, input=PointsInput(points=points)),
        ),
    )


def test_score_refuses_a_sheet_that_names_another_scheme() -> None:
    """A sheet for scheme "KHAC" is not scored against scheme "BD"."""
    with pytest.raises(InvalidModelError) as caught:
        score(_scheme(), _sheet(Decimal(5), scheme="KHAC"))
    error = caught.value
    assert (error.code, error.path) == ("wrong-scheme", "scheme")
    assert error.message == "the sheet is for scheme 'KHAC', not 'BD'"
    assert score(_scheme(), _sheet(Decimal(5))).unit("HN").total == Decimal(5)


_ANY_NUMBER = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True),
    st.decimals(places=14, min_value=-10, max_value=10),
    st.floats(),
    st.integers(),
    st.booleans(),
    st.text(max_size=5),
    st.none(),
)


@settings(max_examples=300, deadline=None)
@given(points=_ANY_NUMBER, maximum=_ANY_NUMBER)
def test_every_scoring_file_that_constructs_round_trips(points: Any, maximum: Any) -> None:
    """For every value that constructs, ``loads(dumps(x)) == x``."""
    try:
        document = Scoring(schemes=(_scheme(maximum),), sheets=(_sheet(points),))
    except ThiduaError:
        return
    assert type(points) is Decimal
    assert type(maximum) is Decimal
    assert loads(dumps(document), Scoring) == document


@settings(max_examples=200, deadline=None)
@given(
    start=st.one_of(st.dates(), st.datetimes(), st.text(max_size=10), st.integers()),
    role=st.one_of(st.sampled_from(Role), st.sampled_from([r.value for r in Role])),
)
def test_every_membership_that_constructs_is_typed_exactly(start: Any, role: Any) -> None:
    """A membership builds only from a real date and a real Role member."""
    try:
        membership = Membership(unit="HN", group="K1", valid_from=start, role=role)
    except InvalidModelError as exc:
        assert exc.code == "wrong-type"  # noqa: PT017
        assert exc.path in {"valid_from", "role"}  # noqa: PT017
        return
    assert type(membership.valid_from) is dt.date
    assert type(membership.role) is Role


def _unit_result(**changes: Any) -> UnitResult:
    fields: dict[str, Any] = {
        "unit": "HN",
        "name": "Sở Thông tin và Truyền thông Hà Nội",
        "total": Decimal("96.5"),
        "rank": 1,
        "tied": False,
        "base": Decimal(100),
        "bonus_total": Decimal(0),
        "penalty_total": Decimal("3.5"),
        "trace": (),
    }
    return UnitResult(**(fields | changes))


@pytest.mark.parametrize(
    ("build", "fields", "path", "message"),
    [
        (Subtotal, {"section": "A", "points": 0.5}, "points", "expected a Decimal, got float"),
        (
            TraceLine,
            {"kind": "criterion", "code": "A", "label": "A", "rule": "r", "points": Decimal(1)},
            "kind",
            "expected a LineKind member, got str",
        ),
        (
            TraceLine,
            {
                "kind": LineKind.CRITERION,
                "code": "A",
                "label": "A",
                "rule": "r",
                "points": Decimal(1),
                "depth": True,
            },
            "depth",
            "expected an integer, got bool",
        ),
        (_unit_result, {"total": 96.5}, "total", "expected a Decimal, got float"),
        (_unit_result, {"rank": "1"}, "rank", "expected an integer, got str"),
        (_unit_result, {"tied": 0}, "tied", "expected true or false, got int"),
        (_unit_result, {"barred_from": ("title",)}, "barred_from[0]", "expected a Bar member"),
        (YearResults, {"year": "2020", "scheme": "S", "units": ()}, "year", "expected an integer"),
        (YearResults, {"year": 2020, "scheme": "S", "units": []}, "units", "expected a tuple"),
        (Results, {"years": (), "illustrative": "yes"}, "illustrative", "expected true or false"),
        (
            Period,
            {"start": "2020-01-01", "end": dt.date(2020, 12, 31), "kind": PeriodKind.CUSTOM},
            "start",
            "expected a date (datetime.date), got str",
        ),
        (
            Period,
            {"start": dt.date(2020, 1, 1), "end": dt.date(2020, 12, 31), "kind": "custom"},
            "kind",
            "expected a PeriodKind member, got str",
        ),
        (SectionDigest, {"section": "a", "digest": 5}, "digest", "expected text, got int"),
        (Seal, {"document": "sha256:" + "0" * 64, "sections": []}, "sections", "expected a tuple"),
        (GroupContext, {"best_ratio": 0.5}, "best_ratio", "expected a Fraction, got float"),
        (GroupContext, {"best_ratio": Decimal("0.5")}, "best_ratio", "expected a Fraction, got"),
        (QuorumRule, {"share": 0.5, "basis": "x"}, "share", "expected a Fraction, got float"),
    ],
)
def test_results_and_base_models_are_strict(
    build: Any, fields: dict[str, Any], path: str, message: str
) -> None:
    """Results models, Period, Seal and Fraction fields refuse another type, naming the field."""
    error = _error(build, **fields)
    assert (error.code, error.path) == ("wrong-type", path)
    assert error.message.startswith(message)


def test_strict_results_models_still_build_from_exact_values() -> None:
    """The exact types construct, and a Fraction field takes a Fraction."""
    assert _unit_result().total == Decimal("96.5")
    assert GroupContext(best_ratio=Fraction(1, 2)).best_ratio == Fraction(1, 2)
    year = YearResults(year=2020, scheme="S", units=(_unit_result(),))
    assert loads(dumps(Results(years=(year,))), Results).years[0].units[0].penalty_total == (
        Decimal("3.5")
    )
