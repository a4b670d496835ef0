"""Vietnamese dates, times and agreement periods."""

from __future__ import annotations

import datetime as dt
import itertools
import unicodedata
import zoneinfo
from collections.abc import Iterator

import attrs
import orjson
import pytest
from dateutil import tz
from hypothesis import assume, given
from hypothesis import strategies as st

from thidua import (
    DateError,
    InvalidModelError,
    Period,
    PeriodKind,
    StructureError,
    format_date,
    format_place_date,
    parse_date,
    parse_datetime,
    parse_period,
)
from thidua._base import dates as dates_module
from thidua.serialization import structure, unstructure
from thidua.strategies import _registry as registry
from thidua.strategies import dates, periods

D = dt.date

# --------------------------------------------------------------------------- parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14/12/2019", D(2019, 12, 14)),
        ("ngày 14/12/2019", D(2019, 12, 14)),
        ("Ngày 14/12/2019", D(2019, 12, 14)),
        ("ngày 09/9/2019", D(2019, 9, 9)),
        ("ngày 14 tháng 12 năm 2019", D(2019, 12, 14)),
        ("ngày 27 tháng 12 năm 2019", D(2019, 12, 27)),
        ("ngày 04 tháng 8 năm 2025", D(2025, 8, 4)),
        ("NGÀY 04 THÁNG 8 NĂM 2025", D(2025, 8, 4)),
        ("14 tháng 12, năm 2019", D(2019, 12, 14)),
        ("Thứ Bảy, 14/12/2019 09:14", D(2019, 12, 14)),
        ("Thứ 7, 14/12/2019", D(2019, 12, 14)),
        ("T7 14/12/2019", D(2019, 12, 14)),
        ("Chủ nhật, 15/12/2019", D(2019, 12, 15)),
        ("CN 15/12/2019", D(2019, 12, 15)),
        ("thứ hai 16/12/2019", D(2019, 12, 16)),
        ("Thứ Năm, 12/12/2019", D(2019, 12, 12)),
        ("15/5/ 2016", D(2016, 5, 15)),
        ("15 / 5 / 2016", D(2016, 5, 15)),
        ("ngày 7-11-1981", D(1981, 11, 7)),
        ("13-5-1964", D(1964, 5, 13)),
        ("14.12.2019", D(2019, 12, 14)),
        ("2019-12-14", D(2019, 12, 14)),
        ("  14/12/2019\n", D(2019, 12, 14)),
        ("09:14 14/12/2019", D(2019, 12, 14)),
        ("09h14 ngày 14/12/2019", D(2019, 12, 14)),
        ("vào lúc 9 giờ 14 phút, ngày 14/12/2019", D(2019, 12, 14)),
        ("Chiều ngày 14/12/2019", D(2019, 12, 14)),
        (unicodedata.normalize("NFD", "ngày 14 tháng 12 năm 2019"), D(2019, 12, 14)),
        ("29/2/2020", D(2020, 2, 29)),
    ],
)
def test_parse_date_reads_vietnamese_forms(text: str, expected: dt.date) -> None:
    """Dates are read day first in every form the sources use."""
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "parts", "expected"),
    [
        ("30-3", {"year": 2023}, D(2023, 3, 30)),
        ("Chiều 30-3", {"year": 2023}, D(2023, 3, 30)),
        ("ngày 30/3", {"year": 2023}, D(2023, 3, 30)),
        ("14 tháng 12", {"year": 2019}, D(2019, 12, 14)),
        ("tháng 12 năm 2019", {"day": 14}, D(2019, 12, 14)),
        ("12/2019", {"day": 1}, D(2019, 12, 1)),
        ("tháng 12", {"day": 14, "year": 2019}, D(2019, 12, 14)),
        ("ngày 14", {"month": 12, "year": 2019}, D(2019, 12, 14)),
        ("năm 2019", {"day": 1, "month": 1}, D(2019, 1, 1)),
        ("2019", {"day": 31, "month": 12}, D(2019, 12, 31)),
        ("14/12/2019", {"year": 2019, "month": 12, "day": 14}, D(2019, 12, 14)),
    ],
)
def test_parse_date_takes_missing_parts_from_the_caller(
    text: str, parts: dict[str, int], expected: dt.date
) -> None:
    """A partial date is completed only with the parts the caller gives."""
    assert parse_date(text, **parts) == expected


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("30-3", "no year; pass year="),
        ("Chiều 30-3", "no year; pass year="),
        ("tháng 12 năm 2019", "no day; pass day="),
        ("năm 2019", "no day and month; pass day=, month="),
        ("tháng 12", "no day and year; pass day=, year="),
    ],
)
def test_parse_date_never_fills_from_today(text: str, missing: str) -> None:
    """A missing part is an error that names it, never today's value."""
    with pytest.raises(DateError, match=missing):
        parse_date(text)


def test_parse_date_of_an_iso_moment_is_its_vietnamese_day() -> None:
    """An ISO date and time gives the day it is in Vietnam."""
    assert parse_date("2019-12-14T20:00:00-05:00") == D(2019, 12, 15)
    assert parse_date("2019-12-14T09:14") == D(2019, 12, 14)
    with pytest.raises(DateError, match="gives year 2019, but year=2020"):
        parse_date("2019-12-14T09:14", year=2020)


def test_parse_date_refuses_a_part_that_contradicts_the_text() -> None:
    """A year given by the caller must agree with the year written."""
    with pytest.raises(DateError, match="gives year 2019, but year=2020"):
        parse_date("14/12/2019", year=2020)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/2/2020", "is not a real date .31/02/2020.: day is out of range"),
        ("29/2/2019", "is not a real date"),
        ("14/13/2019", "month must be in 1..12"),
        ("0/12/2019", "is not a real date"),
        ("14/12/19", "write the year with four digits"),
        ("ngày 14 tháng 12 năm 19", "write the year with four digits"),
        ("0000-01-01", "is not a real date"),
        ("hôm qua", "is not a date"),
        ("", "is not a date"),
        ("14/12-2019", "is not a date"),
        ("25:00 14/12/2019", "'25:00' is not a time of day"),
        ("Thứ Sáu, 14/12/2019", "14/12/2019 is a Thứ Bảy, not a Thứ Sáu"),
        ("Chủ nhật, 14/12/2019", "is a Thứ Bảy, not a Chủ nhật"),
    ],
)
def test_parse_date_refuses_bad_dates(text: str, message: str) -> None:
    """Impossible, ambiguous or unreadable dates are DateErrors with a clear message."""
    with pytest.raises(DateError, match=message):
        parse_date(text)


def test_parse_date_refuses_non_text() -> None:
    """Only text is date text."""
    with pytest.raises(DateError, match="expected date text, got int"):
        parse_date(20191214)  # type: ignore[arg-type]


def test_date_error_is_a_value_error() -> None:
    """Callers catching ValueError keep working."""
    with pytest.raises(ValueError, match="not a real date"):
        parse_date("31/2/2020")


@given(dates())
def test_format_then_parse_gives_the_same_date(date: dt.date) -> None:
    """Every printed date reads back as itself."""
    assert parse_date(format_date(date)) == date
    assert parse_date(f"{date.day}/{date.month}/{date.year}") == date
    assert parse_date(date.isoformat()) == date


# --------------------------------------------------------------------------- parse_datetime


def test_parse_datetime_is_aware_in_vietnam_time() -> None:
    """The seed's print line reads as 09:14 at UTC+07:00, Asia/Ho_Chi_Minh."""
    moment = parse_datetime("Thứ Bảy, 14/12/2019 09:14")
    assert moment == dt.datetime(2019, 12, 14, 2, 14, tzinfo=dt.UTC)
    assert moment.utcoffset() == dt.timedelta(hours=7)
    assert (moment.hour, moment.minute) == (9, 14)
    assert moment.tzinfo is dates_module.vietnam_tz()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14/12/2019 09:14", (2019, 12, 14, 9, 14, 0)),
        ("14/12/2019 09:14:30", (2019, 12, 14, 9, 14, 30)),
        ("9h ngày 14/12/2019", (2019, 12, 14, 9, 0, 0)),
        ("9 giờ 30 phút ngày 14/12/2019", (2019, 12, 14, 9, 30, 0)),
        ("14/12/2019 - 14h30", (2019, 12, 14, 14, 30, 0)),
        ("2019-12-14T09:14:00+07:00", (2019, 12, 14, 9, 14, 0)),
        ("2019-12-14T02:14:00Z", (2019, 12, 14, 9, 14, 0)),
        ("2019-12-14T09:14", (2019, 12, 14, 9, 14, 0)),
    ],
)
def test_parse_datetime_forms(text: str, expected: tuple[int, int, int, int, int, int]) -> None:
    """Times before or after the date, and ISO 8601, all land in Vietnamese time."""
    moment = parse_datetime(text)
    assert moment.utcoffset() == dt.timedelta(hours=7)
    assert moment.replace(tzinfo=None) == dt.datetime(*expected)  # noqa: DTZ001


def test_parse_datetime_takes_missing_parts() -> None:
    """A time with a day and month only needs the year from the caller."""
    moment = parse_datetime("Chiều 30-3 14:00", year=2023)
    assert moment.replace(tzinfo=None) == dt.datetime(2023, 3, 30, 14, 0)  # noqa: DTZ001


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("14/12/2019", "has no time of day"),
        ("2019-13-14T09:14", "is not an ISO 8601 date and time"),
        ("30-3 09:14", "has no year"),
        ("14/12/2019 24:30", "is not a time of day"),
    ],
)
def test_parse_datetime_refuses(text: str, message: str) -> None:
    """No time, a bad ISO text or a missing year are errors, never guessed."""
    with pytest.raises(DateError, match=message):
        parse_datetime(text)


def test_time_zone_falls_back_to_a_fixed_offset() -> None:
    """With no time zone data at all, Vietnam time is the fixed UTC+07:00."""
    zone = dates_module._vietnam_tz(lambda _name: None)
    moment = dt.datetime(2019, 12, 14, 9, 14, tzinfo=zone)
    assert moment.utcoffset() == dt.timedelta(hours=7)
    assert moment.tzname() == "ICT"


@pytest.fixture
def no_system_tzdata() -> Iterator[None]:
    """Hide the system's time zone files for the duration of a test."""
    zoneinfo.reset_tzpath(to=[])
    try:
        yield
    finally:
        zoneinfo.reset_tzpath()


@pytest.mark.usefixtures("no_system_tzdata")
def test_time_zone_without_system_files() -> None:
    """Without system zone files the zone still resolves to UTC+07:00."""
    zone = dates_module._vietnam_tz(tz.gettz.nocache)
    for year in (1980, 2019, 2100):
        moment = dt.datetime(year, 6, 1, 12, tzinfo=zone)
        assert moment.utcoffset() == dt.timedelta(hours=7)


# --------------------------------------------------------------------------- format_date


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (D(2019, 9, 9), "ngày 09 tháng 9 năm 2019"),
        (D(2024, 2, 5), "ngày 05 tháng 02 năm 2024"),
        (D(2024, 1, 31), "ngày 31 tháng 01 năm 2024"),
        (D(2019, 12, 14), "ngày 14 tháng 12 năm 2019"),
        (D(2025, 3, 1), "ngày 01 tháng 3 năm 2025"),
        (D(2025, 8, 4), "ngày 04 tháng 8 năm 2025"),
        (D(2025, 10, 10), "ngày 10 tháng 10 năm 2025"),
    ],
)
def test_format_date_administrative_style(date: dt.date, expected: str) -> None:
    """Leading zeros on days below 10 and on months 1 and 2 only."""
    assert format_date(date) == expected


def test_format_place_date() -> None:
    """The place-and-date line of a document."""
    assert format_place_date("Hà Nội", D(2019, 12, 14)) == "Hà Nội, ngày 14 tháng 12 năm 2019"
    decomposed = unicodedata.normalize("NFD", " Hải Phòng ")
    assert format_place_date(decomposed, D(2023, 3, 30)) == "Hải Phòng, ngày 30 tháng 3 năm 2023"


def test_format_place_date_needs_a_place() -> None:
    """A blank place is refused, naming the argument."""
    with pytest.raises(InvalidModelError) as info:
        format_place_date("  ", D(2019, 12, 14))
    assert (info.value.code, info.value.path) == ("empty", "place")


# --------------------------------------------------------------------------- Period


def test_period_constructors() -> None:
    """year, years, school_year and work_year give the documented spans."""
    assert Period.year(2019) == Period(
        start=D(2019, 1, 1), end=D(2019, 12, 31), kind=PeriodKind.CALENDAR_YEAR
    )
    assert Period.years(2019, 2020) == Period(
        start=D(2019, 1, 1), end=D(2020, 12, 31), kind=PeriodKind.MULTI_YEAR
    )
    assert Period.school_year(2021) == Period(
        start=D(2021, 9, 1), end=D(2022, 8, 31), kind=PeriodKind.SCHOOL_YEAR
    )
    assert Period.work_year(D(2018, 12, 1)) == Period(
        start=D(2018, 12, 1), end=D(2019, 11, 30), kind=PeriodKind.WORK_YEAR
    )
    assert Period.work_year(D(2020, 2, 29)).end == D(2021, 2, 27)
    assert Period.years(2019, 2020).days == 731


@pytest.mark.parametrize(
    ("period", "label"),
    [
        (Period.year(2019), "năm 2019"),
        (Period.years(2019, 2020), "năm 2019 – 2020"),
        (Period.school_year(2021), "năm học 2021 – 2022"),
        (Period.work_year(D(2019, 1, 1)), "năm công tác 2019"),
        (Period.work_year(D(2018, 12, 1)), "năm công tác 2018 – 2019"),
        (
            Period(start=D(2025, 3, 1), end=D(2025, 6, 30), kind=PeriodKind.CUSTOM),
            "từ ngày 01 tháng 3 năm 2025 đến ngày 30 tháng 6 năm 2025",
        ),
    ],
)
def test_period_labels(period: Period, label: str) -> None:
    """label_vi and str give the Vietnamese label, with an en dash between years."""
    assert period.label_vi() == label
    assert str(period) == label


def test_period_keeps_a_given_label() -> None:
    """A source's own label is stored in NFC and printed by str."""
    decomposed = unicodedata.normalize("NFD", "Giai đoạn 2019 – 2020")
    period = attrs.evolve(Period.years(2019, 2020), label=decomposed)
    assert period.label == "Giai đoạn 2019 – 2020"
    assert str(period) == "Giai đoạn 2019 – 2020"
    assert period.label_vi() == "năm 2019 – 2020"


def _period_json(start: str, end: str, kind: str, **extra: object) -> dict[str, object]:
    return {"start": start, "end": end, "kind": kind, **extra}


@pytest.mark.parametrize(
    ("data", "path", "code"),
    [
        (_period_json("2020-01-01", "2019-12-31", "custom"), "$.end", "end-before-start"),
        (_period_json("2019-01-02", "2019-12-31", "calendar-year"), "$.start", "not-whole-years"),
        (_period_json("2019-01-01", "2019-12-30", "calendar-year"), "$.end", "not-whole-years"),
        (_period_json("2019-01-01", "2020-12-31", "calendar-year"), "$.end", "not-one-year"),
        (_period_json("2019-01-01", "2019-12-31", "multi-year"), "$.end", "single-year"),
        (_period_json("2019-02-01", "2020-12-31", "multi-year"), "$.start", "not-whole-years"),
        (_period_json("2019-01-01", "2020-11-30", "multi-year"), "$.end", "not-whole-years"),
        (_period_json("2018-12-01", "2019-12-01", "work-year"), "$.end", "not-one-year"),
        (_period_json("2018-12-01", "2019-11-29", "work-year"), "$.end", "not-one-year"),
        (_period_json("2021-07-31", "2022-05-31", "school-year"), "$.start", "invalid-school-year"),
        (_period_json("2021-10-01", "2022-05-31", "school-year"), "$.start", "invalid-school-year"),
        (_period_json("2021-09-05", "2021-12-31", "school-year"), "$.end", "invalid-school-year"),
        (_period_json("2021-09-05", "2022-09-05", "school-year"), "$.end", "invalid-school-year"),
        (_period_json("2021-09-01", "2023-05-31", "school-year"), "$.end", "invalid-school-year"),
        (_period_json("2019-01-01", "2019-12-31", "calendar-year", label=" "), "$.label", "empty"),
        (_period_json("2019-01-01", "2019-12-31", "year"), "$.kind", "unknown-value"),
        (_period_json("2019-1-1", "2019-12-31", "calendar-year"), "$.start", "invalid-date"),
    ],
)
def test_period_invariants_fail_with_paths(data: dict[str, object], path: str, code: str) -> None:
    """Each broken invariant names its field and code."""
    with pytest.raises(StructureError) as info:
        structure(data, Period)
    assert [(p.path, p.code) for p in info.value.problems] == [(path, code)]


@pytest.mark.parametrize(
    "data",
    [
        _period_json("2019-12-14", "2019-12-14", "custom"),
        _period_json("2019-01-01", "2019-12-31", "calendar-year"),
        _period_json("2019-01-01", "2021-12-31", "multi-year"),
        _period_json("2018-12-01", "2019-11-30", "work-year"),
        _period_json("2021-08-15", "2022-05-31", "school-year"),
        _period_json("2021-09-30", "2022-09-29", "school-year"),
        _period_json("2019-01-01", "2020-12-31", "multi-year", label="năm 2019 – 2020"),
    ],
)
def test_period_invariants_pass(data: dict[str, object]) -> None:
    """Well-shaped periods of each kind are accepted."""
    period = structure(data, Period)
    assert unstructure(period) == {"label": None, **data}


def test_period_refuses_datetimes() -> None:
    """A datetime is not a day: the period refuses it, naming the field."""
    with pytest.raises(InvalidModelError) as info:
        Period(
            start=dt.datetime(2019, 1, 1, tzinfo=dt.UTC),
            end=D(2019, 12, 31),
            kind=PeriodKind.CALENDAR_YEAR,
        )
    assert (info.value.path, info.value.code) == ("start", "wrong-type")


def test_period_field_errors_name_the_field() -> None:
    """A plain string kind and an unstorable label are refused at their own paths."""
    with pytest.raises(InvalidModelError) as info:
        Period(start=D(2019, 1, 1), end=D(2019, 1, 2), kind="custom")  # type: ignore[arg-type]
    assert (info.value.path, info.value.code) == ("kind", "wrong-type")
    data = _period_json("2019-01-01", "2019-12-31", "calendar-year", label="a\x01")
    with pytest.raises(StructureError) as structure_info:
        structure(data, Period)
    assert [(p.path, p.code) for p in structure_info.value.problems] == [
        ("$.label", "invalid-text")
    ]


def test_years_refuses_reversed_years() -> None:
    """Period.years(2020, 2019) names the end; years(2019, 2019) is one year, not several."""
    with pytest.raises(InvalidModelError) as info:
        Period.years(2020, 2019)
    assert (info.value.path, info.value.code) == ("end", "end-before-start")
    with pytest.raises(InvalidModelError) as info:
        Period.years(2019, 2019)
    assert (info.value.path, info.value.code) == ("end", "single-year")


def test_evolve_rechecks_invariants() -> None:
    """An evolved period is checked again, so an invalid one cannot exist."""
    with pytest.raises(InvalidModelError) as info:
        attrs.evolve(Period.year(2019), kind=PeriodKind.MULTI_YEAR)
    assert info.value.code == "single-year"


def test_contains_and_overlaps_examples() -> None:
    """The seed: signed 14/12/2019, inside năm 2019 – 2020, which contains 2020."""
    agreement = Period.years(2019, 2020)
    assert agreement.contains(D(2019, 12, 14))
    assert not agreement.contains(D(2021, 1, 1))
    assert agreement.contains(Period.year(2020))
    assert not agreement.contains(Period.school_year(2020))
    assert agreement.overlaps(Period.school_year(2020))
    assert not agreement.overlaps(Period.year(2021))
    assert Period.year(2019).overlaps(Period.year(2019))


def test_contains_refuses_datetimes() -> None:
    """A datetime has no single day without a zone: refused, not truncated."""
    with pytest.raises(TypeError, match="expected a date or a Period, got datetime"):
        Period.year(2019).contains(dt.datetime(2019, 5, 1, tzinfo=dt.UTC))


@given(periods(), periods())
def test_overlap_is_symmetric(first: Period, second: Period) -> None:
    """a overlaps b exactly when b overlaps a."""
    assert first.overlaps(second) == second.overlaps(first)


@given(periods(), periods())
def test_containment_implies_overlap(first: Period, second: Period) -> None:
    """A period inside another shares days with it, both ways."""
    if first.contains(second):
        assert first.overlaps(second)
        assert second.overlaps(first)
        assert first.contains(second.start)
        assert first.contains(second.end)


@given(periods(), periods(), periods())
def test_containment_is_transitive(a: Period, b: Period, c: Period) -> None:
    """If a contains b and b contains c, a contains c."""
    if a.contains(b) and b.contains(c):
        assert a.contains(c)


@given(periods(), st.data())
def test_containment_matches_days(period: Period, data: st.DataObject) -> None:
    """contains(day) is exactly start <= day <= end; every period contains itself."""
    day = data.draw(dates())
    assert period.contains(day) == (period.start <= day <= period.end)
    assert period.contains(period)
    inner = data.draw(st.dates(min_value=period.start, max_value=period.end))
    assert period.contains(inner)


@given(periods(), periods())
def test_overlap_matches_shared_days(first: Period, second: Period) -> None:
    """Two periods overlap exactly when the later start is on or before the earlier end."""
    shared = max(first.start, second.start) <= min(first.end, second.end)
    assert first.overlaps(second) == shared


@given(periods())
def test_scoring_years_partition_the_period(period: Period) -> None:
    """Scoring years follow one another without gap or overlap and cover the period."""
    parts = period.scoring_years()
    assert parts[0].start == period.start
    assert parts[-1].end == period.end
    for before, after in itertools.pairwise(parts):
        assert after.start == before.end + dt.timedelta(days=1)
    assert sum(p.days for p in parts) == period.days
    assert all(period.contains(p) for p in parts)


def test_scoring_years_of_kinds() -> None:
    """A multi-year period scores per calendar year; a school year scores as itself."""
    assert Period.years(2019, 2020).scoring_years() == (Period.year(2019), Period.year(2020))
    school = Period.school_year(2021)
    assert school.scoring_years() == (school,)
    assert Period.year(2019).scoring_years() == (Period.year(2019),)


# --------------------------------------------------------------------------- parse_period


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("năm 2019 – 2020", Period.years(2019, 2020)),
        ("năm 2019 - 2020", Period.years(2019, 2020)),
        ("2021-2022", Period.years(2021, 2022)),
        ("2021–2022", Period.years(2021, 2022)),
        ("giai đoạn 2021 – 2025", Period.years(2021, 2025)),
        ("Năm 2019", Period.year(2019)),
        ("2019", Period.year(2019)),
        ("năm học 2021-2022", Period.school_year(2021)),
        ("Năm học 2021 – 2022", Period.school_year(2021)),
        ("năm học 2021-22", Period.school_year(2021)),
        ("năm học 2099-00", Period.school_year(2099)),
        ("2019-20", Period.years(2019, 2020)),
        (
            "(03/02/1930 - 03/02/2020)",
            Period(start=D(1930, 2, 3), end=D(2020, 2, 3), kind=PeriodKind.CUSTOM),
        ),
        (
            "từ ngày 01/3/2025 đến ngày 30/6/2025",
            Period(start=D(2025, 3, 1), end=D(2025, 6, 30), kind=PeriodKind.CUSTOM),
        ),
        (
            "7-11-1981 - 8-11-1981",
            Period(start=D(1981, 11, 7), end=D(1981, 11, 8), kind=PeriodKind.CUSTOM),
        ),
    ],
)
def test_parse_period(text: str, expected: Period) -> None:
    """Years, year ranges, school years and date spans as the sources write them."""
    assert parse_period(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("năm 2020 – 2019", "the years must be in order"),
        ("năm 2019 – 2019", "the last year must come after the first"),
        ("năm học 2021-2023", "a school year runs over two consecutive years"),
        ("năm 0000", "the years must be in order"),
        ("30/6/2025 - 01/3/2025", "the period ends before it starts"),
        ("quý I", "is not a period"),
        ("14/12/2019 - hôm nay", "is not a period"),
    ],
)
def test_parse_period_refuses(text: str, message: str) -> None:
    """Reversed, inconsistent or unreadable periods are DateErrors."""
    with pytest.raises(DateError, match=message):
        parse_period(text)


@given(periods(kinds=(PeriodKind.CALENDAR_YEAR, PeriodKind.MULTI_YEAR, PeriodKind.CUSTOM)))
def test_label_reads_back(period: Period) -> None:
    """The standard label of a year, years or custom span parses back to the period."""
    assume(period.kind is not PeriodKind.SCHOOL_YEAR)
    plain = attrs.evolve(period, label=None)
    assert parse_period(plain.label_vi()) == plain


def test_school_year_label_reads_back() -> None:
    """The standard school year reads back from its label."""
    assert parse_period(Period.school_year(2021).label_vi()) == Period.school_year(2021)


# --------------------------------------------------------------------------- wire format


@given(periods())
def test_period_round_trip(period: Period) -> None:
    """structure(unstructure(x)) == x, with the same canonical bytes."""
    data = unstructure(period)
    again = structure(orjson.loads(orjson.dumps(data)), Period)
    assert again == period
    option = orjson.OPT_SORT_KEYS
    assert orjson.dumps(unstructure(again), option=option) == orjson.dumps(data, option=option)


def test_period_wire_format() -> None:
    """Dates are ISO strings, the kind its stable value."""
    assert unstructure(Period.years(2019, 2020)) == {
        "start": "2019-01-01",
        "end": "2020-12-31",
        "kind": "multi-year",
        "label": None,
    }


def test_from_type_uses_the_registered_strategy() -> None:
    """st.from_type(Period) draws valid periods once strategies are registered."""
    registry.register_all()

    @given(st.from_type(Period))
    def check(period: Period) -> None:
        assert isinstance(period, Period)
        assert period.start <= period.end

    check()
