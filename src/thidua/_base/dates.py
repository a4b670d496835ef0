"""Vietnamese dates and agreement periods.

Dates are read day first, the way Vietnamese documents write them
("14/12/2019", "ngày 14 tháng 12 năm 2019", "Thứ Bảy, 14/12/2019 09:14"), and
printed in the administrative style of Decree 30/2020/NĐ-CP
("ngày 09 tháng 9 năm 2019"). A date that lacks its day, month or year is an
error unless the caller supplies the missing part: nothing is ever filled in
from today.

Periods are the spans agreements cover: one calendar year, several whole
years ("năm 2019 – 2020"), a work year or a school year. A multi-year period is
scored year by year (:meth:`Period.scoring_years`).
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
import unicodedata
from collections.abc import Callable
from typing import Any, Final

import attrs
from dateutil import parser as dateutil_parser
from dateutil import tz

from thidua._base.text import nfc
from thidua._base.validation import optional_non_blank, typed_fields
from thidua.errors import DateError, InvalidModelError

__all__ = [
    "Period",
    "PeriodKind",
    "format_date",
    "format_place_date",
    "parse_date",
    "parse_datetime",
    "parse_period",
]

_SPACE: Final = re.compile(r"\s+")
_DASHES: Final = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2012": "-"})
# "Sáng", "Chiều nay", "buổi tối" before a date ("Chiều 30-3").
_PART_OF_DAY: Final = re.compile(r"^(?:buổi\s+)?(?:sáng|trưa|chiều|tối|đêm)(?:\s+nay)?\s*,?\s*")
# "Thứ Bảy, ", "Thứ 7 ", "Chủ nhật, ", "T7, ", "CN ".
_WEEKDAY: Final = re.compile(
    r"^(?:thứ\s+(?P<name>hai|ba|tư|năm|sáu|bảy|[2-7])|(?P<sunday>chủ\s+nhật|cn)|t(?P<short>[2-7]))"
    r"\s*,?\s*"
)
# Python's weekday(): Monday is 0. Vietnamese counts Monday as "thứ hai" (the second day).
_WEEKDAYS: Final = {"hai": 0, "ba": 1, "tư": 2, "năm": 3, "sáu": 4, "bảy": 5}
_WEEKDAY_NAMES: Final = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
_TIME: Final = (
    r"(?P<hour>[0-9]{1,2})\s*(?::|h|giờ)\s*(?:(?P<minute>[0-9]{1,2})\s*(?:phút)?)?"
    r"(?::(?P<second>[0-9]{2}))?"
)
_TIME_LEAD: Final = re.compile(rf"^(?:vào\s+)?(?:lúc\s+)?{_TIME}\s*,?\s*(?=ngày\b|[0-9])")
_TIME_TRAIL: Final = re.compile(rf"\s*,?\s*(?:lúc\s+|-\s*)?{_TIME}$")
_ISO: Final = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})")
_ISO_DATETIME: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}t")
# Day, month and year as numbers: 14/12/2019, 15/5/ 2016, 7-11-1981, 14.12.2019.
_NUMERIC_DMY: Final = re.compile(
    r"(?:ngày\s*)?(?P<day>[0-9]{1,2})\s*(?P<sep>[/.-])\s*(?P<month>[0-9]{1,2})"
    r"\s*(?P=sep)\s*(?P<year>[0-9]+)"
)
# Day and month only: 30-3, 30/3 (the year comes from the caller).
_NUMERIC_DM: Final = re.compile(r"(?:ngày\s*)?(?P<day>[0-9]{1,2})\s*[/.-]\s*(?P<month>[0-9]{1,2})")
# ngày 14 tháng 12 năm 2019, 14 tháng 12, ngày 14 tháng 12, năm 2019.
_WORDS: Final = re.compile(
    r"(?:ngày\s+)?(?P<day>[0-9]{1,2})\s+tháng\s+(?P<month>[0-9]{1,2})"
    r"(?:\s*,?\s*năm\s+(?P<year>[0-9]+))?"
)
# tháng 12 năm 2019, tháng 12/2019, 12/2019.
_MONTH_YEAR: Final = re.compile(
    r"(?:tháng\s+)?(?P<month>[0-9]{1,2})(?:\s*[/-]\s*|\s*,?\s*năm\s+)(?P<year>[0-9]{4})"
)
_MONTH_ONLY: Final = re.compile(r"tháng\s+(?P<month>[0-9]{1,2})")
_DAY_ONLY: Final = re.compile(r"ngày\s+(?P<day>[0-9]{1,2})")
_YEAR_ONLY: Final = re.compile(r"(?:năm\s+)?(?P<year>[0-9]{4})")
_DATE_PATTERNS: Final = (
    _ISO,
    _NUMERIC_DMY,
    _WORDS,
    _MONTH_YEAR,
    _NUMERIC_DM,
    _MONTH_ONLY,
    _DAY_ONLY,
    _YEAR_ONLY,
)
_PART_NAMES: Final = ("day", "month", "year")
_UTC_PLUS_7: Final = tz.tzoffset("ICT", 7 * 3600)


def _normal(text: str) -> str:
    """NFC, lower case, one space between words, dashes folded to '-'."""
    if not isinstance(text, str):
        msg = f"expected date text, got {type(text).__name__}"
        raise DateError(msg)
    folded = unicodedata.normalize("NFC", text).translate(_DASHES).lower()
    return _SPACE.sub(" ", folded).strip()


def _weekday(match: re.Match[str] | None) -> int | None:
    """The weekday (Monday 0) a "Thứ Bảy" prefix names, if any."""
    if match is None:
        return None
    if match["sunday"]:
        return 6
    number = match["name"] or match["short"]
    return int(number) - 2 if number.isdigit() else _WEEKDAYS[number]


def _split_time(text: str) -> tuple[str, dt.time | None, int | None]:
    """Separate the weekday and the time of day (before or after the date) from the date."""
    body = _PART_OF_DAY.sub("", text)
    weekday_match = _WEEKDAY.match(body)
    weekday = _weekday(weekday_match)
    if weekday_match is not None:
        body = body[weekday_match.end() :]
    match = _TIME_LEAD.match(body) or _TIME_TRAIL.search(body)
    if match is None:
        return body, None, weekday
    rest = (body[: match.start()] + body[match.end() :]).strip(" ,")
    hour = int(match["hour"])
    minute = int(match["minute"] or 0)
    second = int(match["second"] or 0)
    try:
        return rest, dt.time(hour, minute, second), weekday
    except ValueError:
        msg = f"{match[0].strip(' ,')!r} is not a time of day"
        raise DateError(msg) from None


def _date_parts(text: str, original: str) -> dict[str, int | None]:
    """Read (day, month, year) from normalised date text; None for a missing part."""
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match is not None:
            found = match.groupdict()
            parts = {name: int(found[name]) if found.get(name) else None for name in _PART_NAMES}
            year_text = found.get("year")
            if year_text is not None and len(year_text) != 4:  # noqa: PLR2004
                msg = f"{original!r}: write the year with four digits, not {year_text!r}"
                raise DateError(msg)
            return parts
    msg = (
        f"{original!r} is not a date: write it day first, as '14/12/2019'"
        " or 'ngày 14 tháng 12 năm 2019'"
    )
    raise DateError(msg)


def _complete(parts: dict[str, int | None], given: dict[str, int | None], original: str) -> dt.date:
    """Fill missing parts from the caller's, refuse conflicts, build the date."""
    merged: dict[str, int] = {}
    missing: list[str] = []
    for name in _PART_NAMES:
        found, supplied = parts[name], given[name]
        if found is not None and supplied is not None and found != supplied:
            msg = f"{original!r} gives {name} {found}, but {name}={supplied} was passed"
            raise DateError(msg)
        value = found if found is not None else supplied
        if value is None:
            missing.append(name)
        else:
            merged[name] = value
    if missing:
        names = " and ".join(missing)
        hint = ", ".join(f"{name}=" for name in missing)
        msg = f"{original!r} has no {names}; pass {hint} to supply it (today is never assumed)"
        raise DateError(msg)
    try:
        return dt.date(merged["year"], merged["month"], merged["day"])
    except (ValueError, OverflowError) as exc:
        shown = f"{merged['day']:02d}/{merged['month']:02d}/{merged['year']}"
        msg = f"{original!r} is not a real date ({shown}): {exc}"
        raise DateError(msg) from None


def _iso_moment(normal: str, text: str) -> dt.datetime | None:
    """Read an ISO 8601 date and time in Vietnamese time; None when *normal* is not one."""
    if not _ISO_DATETIME.match(normal):
        return None
    try:
        moment = dateutil_parser.isoparse(normal.upper())
    except ValueError as exc:
        msg = f"{text!r} is not an ISO 8601 date and time: {exc}"
        raise DateError(msg) from None
    zone = vietnam_tz()
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone)
    try:
        return moment.astimezone(zone)
    except OverflowError:
        msg = f"{text!r} is past the ends of the calendar in Vietnamese time"
        raise DateError(msg) from None


def _parse(
    text: str, year: int | None, month: int | None, day: int | None
) -> tuple[dt.date, dt.time | None]:
    given: dict[str, int | None] = {"day": day, "month": month, "year": year}
    normal = _normal(text)
    moment = _iso_moment(normal, text)
    if moment is not None:
        parts: dict[str, int | None] = {
            "day": moment.day,
            "month": moment.month,
            "year": moment.year,
        }
        return _complete(parts, given, text), moment.timetz()
    body, time, weekday = _split_time(normal)
    date = _complete(_date_parts(body, text), given, text)
    if weekday is not None and date.weekday() != weekday:
        msg = (
            f"{text!r}: {date.day:02d}/{date.month:02d}/{date.year} is a"
            f" {_WEEKDAY_NAMES[date.weekday()]}, not a {_WEEKDAY_NAMES[weekday]}"
        )
        raise DateError(msg)
    return date, time


def parse_date(
    text: str, *, year: int | None = None, month: int | None = None, day: int | None = None
) -> dt.date:
    """Read a Vietnamese date, day first.

    Accepted forms include "14/12/2019", "ngày 09/9/2019", "7-11-1981",
    "ngày 14 tháng 12 năm 2019", "Thứ Bảy, 14/12/2019 09:14" (the time is
    ignored; the weekday must match the date), the stray space of
    "15/5/ 2016", ISO "2019-12-14" (an ISO date and time gives its day in
    Vietnamese time), and partial dates such as "30-3",
    "tháng 12 năm 2019" or "năm 2019" when the caller supplies the missing
    parts.

    >>> from thidua import parse_date
    >>> parse_date("ngày 14 tháng 12 năm 2019")
    datetime.date(2019, 12, 14)
    >>> parse_date("Chiều 30-3", year=2023)
    datetime.date(2023, 3, 30)

    Args:
        text: The date as written.
        year: The year, when the text does not give it (a year the text does
            give must agree).
        month: The month, likewise.
        day: The day, likewise.

    Raises:
        DateError: the text is not a date, lacks a part the caller did not
            supply, disagrees with a supplied part, or names no real day
            (31/2/2020).
    """
    return _parse(text, year, month, day)[0]


@functools.cache
def vietnam_tz() -> dt.tzinfo:
    """Return the Asia/Ho_Chi_Minh time zone.

    Uses the system's time zone data or, when there is none, the copy bundled
    with python-dateutil; failing both, a fixed UTC+07:00 offset, which is
    exact for every date since 1975.
    """
    return _vietnam_tz(tz.gettz)


def _vietnam_tz(gettz: Any) -> dt.tzinfo:
    zone: dt.tzinfo | None = gettz("Asia/Ho_Chi_Minh")
    return zone if zone is not None else _UTC_PLUS_7


def parse_datetime(
    text: str, *, year: int | None = None, month: int | None = None, day: int | None = None
) -> dt.datetime:
    """Read a Vietnamese date and time of day, in Asia/Ho_Chi_Minh time.

    Accepts the date forms of :func:`parse_date` with a time ("Thứ Bảy,
    14/12/2019 09:14", "09h14 ngày 14/12/2019", "9 giờ 14 phút ngày
    14/12/2019") and ISO 8601 ("2019-12-14T09:14:00+07:00"; an ISO time with
    another offset is converted, one without an offset is Vietnamese time).

    >>> from thidua import parse_datetime
    >>> parse_datetime("Thứ Bảy, 14/12/2019 09:14").isoformat()
    '2019-12-14T09:14:00+07:00'

    Args:
        text: The date and time as written.
        year: The year, when the text does not give it.
        month: The month, likewise.
        day: The day, likewise.

    Raises:
        DateError: as :func:`parse_date`, or when the text gives no time of day.
    """
    moment = _iso_moment(_normal(text), text)
    if moment is not None:
        return moment
    date, time = _parse(text, year, month, day)
    if time is None:
        msg = f"{text!r} has no time of day; use parse_date for a date alone"
        raise DateError(msg)
    return dt.datetime.combine(date, time, tzinfo=vietnam_tz())


def format_date(date: dt.date) -> str:
    """Print a date in the administrative style ("ngày 09 tháng 9 năm 2019").

    Days below 10 and the months 1 and 2 take a leading zero, as Decree
    30/2020/NĐ-CP prescribes (so that "tháng 1" cannot become "tháng 11").

    >>> import datetime
    >>> from thidua import format_date
    >>> format_date(datetime.date(2024, 2, 5))
    'ngày 05 tháng 02 năm 2024'

    Args:
        date: The date to print.
    """
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)  # noqa: PLR2004
    return f"ngày {date.day:02d} tháng {month} năm {date.year}"


def format_place_date(place: str, date: dt.date) -> str:
    """Print the place-and-date line of a document ("Hà Nội, ngày 14 tháng 12 năm 2019").

    Args:
        place: Where the document was made (NFC, not empty).
        date: When.

    Raises:
        InvalidModelError: *place* is empty.
    """
    name = nfc(place)
    if not name:
        raise InvalidModelError("must not be empty", path="place", code="empty")
    return f"{name}, {format_date(date)}"


class PeriodKind(enum.StrEnum):
    """What kind of span a :class:`Period` is."""

    CALENDAR_YEAR = "calendar-year"
    """One calendar year, 1 January to 31 December ("năm 2019")."""
    MULTI_YEAR = "multi-year"
    """Two or more whole calendar years ("năm 2019 – 2020")."""
    WORK_YEAR = "work-year"
    """A work year (năm công tác): exactly one year from any first day."""
    SCHOOL_YEAR = "school-year"
    """A school year (năm học): starts in August or September, ends the next year."""
    CUSTOM = "custom"
    """Any other span of days."""


def _exact_date(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not dt.date:
        msg = f"expected a date, got {type(value).__name__}"
        raise InvalidModelError(msg, path=attribute.name, code="wrong-type")


def nfc_at(value: Any, path: str, *, optional: bool = False) -> Any:
    """Convert *value* like :func:`~thidua._base.text.nfc`, naming the field *path* in errors."""
    if value is None and optional:
        return None
    try:
        return nfc(value)
    except InvalidModelError as exc:
        raise InvalidModelError(
            exc.message, path=path, code=exc.code, details=exc.details
        ) from None


def _label_converter(value: Any) -> str | None:
    result: str | None = nfc_at(value, "label", optional=True)
    return result


def member_of(
    enum_type: type[enum.Enum],
) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """An attrs validator: the value is a member of *enum_type*, not its plain value."""

    def validate(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, enum_type):
            msg = f"expected a {enum_type.__name__}, got {type(value).__name__} {value!r}"
            raise InvalidModelError(msg, path=attribute.name, code="wrong-type")

    return validate


_JAN_1: Final = (1, 1)
_DEC_31: Final = (12, 31)
_SCHOOL_START_MONTHS: Final = (8, 9)


def _month_day(date: dt.date) -> tuple[int, int]:
    return (date.month, date.day)


def _outside_calendar(year: int, path: str) -> InvalidModelError:
    shown = str(year) if -_YEARS_SHOWN < year < _YEARS_SHOWN else "far"
    msg = f"year {shown} is outside the calendar (years 1 to 9999)"
    details = {"year": shown}
    return InvalidModelError(msg, path=path, code="date-out-of-range", details=details)


_YEARS_SHOWN: Final = 10**9


def calendar_date(year: int, month: int, day: int, *, path: str = "") -> dt.date:
    """``datetime.date(year, month, day)``, or a ``date-out-of-range`` error at *path*.

    Raises:
        InvalidModelError: the year is outside 1 to 9999 (``date-out-of-range``).
    """
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise _outside_calendar(year, path)
    return dt.date(year, month, day)


def _one_year_later(date: dt.date, path: str = "start") -> dt.date:
    """The same day a year later (28 February for 29 February).

    Raises:
        InvalidModelError: that day is past the end of the calendar (``date-out-of-range``).
    """
    if date.year == dt.MAXYEAR:
        raise _outside_calendar(date.year + 1, path)
    try:
        return date.replace(year=date.year + 1)
    except ValueError:
        return date.replace(year=date.year + 1, day=28)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Period:
    """A span of days an agreement covers, both ends included.

    Each kind has a fixed shape, checked at construction:

    * ``calendar-year``: 1 January to 31 December of one year;
    * ``multi-year``: 1 January of one year to 31 December of a later year;
    * ``work-year``: exactly one year, from any first day to the day before
      that day a year later;
    * ``school-year``: starts in August or September of one year and ends in
      the next year, before the anniversary of its first day (so at most one
      year long);
    * ``custom``: any span.

    Args:
        start: First day.
        end: Last day (inclusive).
        kind: The kind of span.
        label: How the source names the period, if it is not the standard
            Vietnamese label (NFC).
    """

    start: dt.date = attrs.field(validator=_exact_date)
    end: dt.date = attrs.field(validator=_exact_date)
    kind: PeriodKind = attrs.field(validator=member_of(PeriodKind))
    label: str | None = attrs.field(
        default=None, converter=_label_converter, validator=optional_non_blank
    )

    def __attrs_post_init__(self) -> None:
        start, end = self.start, self.end
        if end < start:
            msg = f"the period ends ({end}) before it starts ({start})"
            details = {"end": end.isoformat(), "start": start.isoformat()}
            raise InvalidModelError(msg, path="end", code="end-before-start", details=details)
        if self.kind is PeriodKind.CALENDAR_YEAR:
            self._check_whole_years(single=True)
        elif self.kind is PeriodKind.MULTI_YEAR:
            self._check_whole_years(single=False)
        elif self.kind is PeriodKind.WORK_YEAR:
            expected = _one_year_later(start) - dt.timedelta(days=1)
            if end != expected:
                msg = f"a work year starting {start} ends on {expected}, not {end}"
                raise InvalidModelError(msg, path="end", code="not-one-year")
        elif self.kind is PeriodKind.SCHOOL_YEAR:
            if start.month not in _SCHOOL_START_MONTHS:
                msg = f"a school year starts in August or September, not on {start}"
                raise InvalidModelError(msg, path="start", code="invalid-school-year")
            if end.year != start.year + 1 or end >= _one_year_later(start, "end"):
                msg = (
                    f"a school year starting {start} ends in {start.year + 1},"
                    f" before {_one_year_later(start)}, not on {end}"
                )
                raise InvalidModelError(msg, path="end", code="invalid-school-year")

    def _check_whole_years(self, *, single: bool) -> None:
        if _month_day(self.start) != _JAN_1:
            msg = f"a {self.kind} period starts on 1 January, not on {self.start}"
            raise InvalidModelError(msg, path="start", code="not-whole-years")
        if _month_day(self.end) != _DEC_31:
            msg = f"a {self.kind} period ends on 31 December, not on {self.end}"
            raise InvalidModelError(msg, path="end", code="not-whole-years")
        if single and self.end.year != self.start.year:
            msg = "a calendar year ends in the year it starts; use kind 'multi-year'"
            raise InvalidModelError(msg, path="end", code="not-one-year")
        if not single and self.end.year == self.start.year:
            msg = "a multi-year period spans at least two years; use kind 'calendar-year'"
            raise InvalidModelError(msg, path="end", code="single-year")

    @classmethod
    def year(cls, year: int) -> Period:
        """One calendar year ("năm 2019").

        Args:
            year: The year.
        """
        return cls(
            start=calendar_date(year, 1, 1, path="start"),
            end=calendar_date(year, 12, 31, path="end"),
            kind=PeriodKind.CALENDAR_YEAR,
        )

    @classmethod
    def years(cls, first: int, last: int) -> Period:
        """Whole calendar years *first* to *last* ("năm 2019 – 2020").

        Args:
            first: The first year.
            last: The last year, after *first*.

        Raises:
            InvalidModelError: *last* is not after *first*.
        """
        if last < first:
            msg = f"the last year {last} is before the first year {first}"
            raise InvalidModelError(msg, path="end", code="end-before-start")
        return cls(
            start=calendar_date(first, 1, 1, path="start"),
            end=calendar_date(last, 12, 31, path="end"),
            kind=PeriodKind.MULTI_YEAR,
        )

    @classmethod
    def school_year(cls, first: int) -> Period:
        """The school year that starts in *first* ("năm học 2021 – 2022").

        It runs from 1 September of *first* to 31 August of the next year, so
        consecutive school years meet without a gap. Build a :class:`Period`
        directly for other dates (opening on 5 September, closing on 31 May).

        Args:
            first: The year the school year starts.
        """
        return cls(
            start=calendar_date(first, 9, 1, path="start"),
            end=calendar_date(first + 1, 8, 31, path="end"),
            kind=PeriodKind.SCHOOL_YEAR,
        )

    @classmethod
    def work_year(cls, start: dt.date) -> Period:
        """The work year that starts on *start* and lasts exactly one year.

        Args:
            start: Its first day (such as 1 December of the year before).
        """
        end = _one_year_later(start) - dt.timedelta(days=1)
        return cls(start=start, end=end, kind=PeriodKind.WORK_YEAR)

    @property
    def days(self) -> int:
        """How many days the period has, both ends included."""
        return (self.end - self.start).days + 1

    def contains(self, other: dt.date | Period) -> bool:
        """Tell whether a day, or a whole other period, falls inside this period.

        Args:
            other: A date (not a datetime) or a period.

        Raises:
            TypeError: *other* is a datetime or another type.
        """
        if isinstance(other, Period):
            return self.start <= other.start and other.end <= self.end
        if type(other) is not dt.date:
            msg = f"expected a date or a Period, got {type(other).__name__}"
            raise TypeError(msg)
        return self.start <= other <= self.end

    def overlaps(self, other: Period) -> bool:
        """Tell whether the two periods share at least one day.

        Args:
            other: The other period.
        """
        return self.start <= other.end and other.start <= self.end

    def scoring_years(self) -> tuple[Period, ...]:
        """The periods the agreement is scored over, in order.

        A multi-year period is scored year by year: its calendar years. Every
        other kind (one year, a work year, a school year, a custom span) is
        scored as itself. The result always covers the period exactly, without
        gaps or overlaps.
        """
        if self.kind is PeriodKind.MULTI_YEAR:
            return tuple(Period.year(y) for y in range(self.start.year, self.end.year + 1))
        return (self,)

    def label_vi(self) -> str:
        """The standard Vietnamese label ("năm 2019", "năm 2019 – 2020", "năm học 2021 – 2022")."""
        start, end = self.start, self.end
        if self.kind is PeriodKind.CALENDAR_YEAR:
            return f"năm {start.year}"
        if self.kind is PeriodKind.MULTI_YEAR:
            return f"năm {start.year} – {end.year}"
        if self.kind is PeriodKind.SCHOOL_YEAR:
            return f"năm học {start.year} – {end.year}"
        if self.kind is PeriodKind.WORK_YEAR and _month_day(start) == _JAN_1:
            return f"năm công tác {start.year}"
        if self.kind is PeriodKind.WORK_YEAR:
            return f"năm công tác {start.year} – {end.year}"
        return f"từ {format_date(start)} đến {format_date(end)}"

    def __str__(self) -> str:
        """The given label, or else the standard Vietnamese label."""
        return self.label if self.label is not None else self.label_vi()


_YEAR_RANGE: Final = re.compile(
    r"(?P<school>năm học\s*)?(?:(?:năm|giai đoạn)\s+)?(?P<first>[0-9]{4})"
    r"(?:\s*-\s*(?P<last>[0-9]{4}|[0-9]{2}))?"
)
#: The longest text read as a date or a period: each separator of a span is tried in
#: turn, so the text is bounded to keep that linear in practice (a period is short).
MAX_DATE_TEXT: Final = 200
_RANGE_SEPARATOR: Final = re.compile(r"\s+-\s+|\s+đến\s+")
_MIN_YEAR: Final = 1
_MAX_YEAR: Final = 9998


def _years_period(text: str, match: re.Match[str]) -> Period:
    first = int(match["first"])
    last_text = match["last"]
    last = first if last_text is None else int(last_text)
    if last_text is not None and len(last_text) == 2:  # noqa: PLR2004
        # "2021-22" is 2022; "2099-00" crosses the century to 2100.
        last += first - first % 100 + (100 if last < first % 100 else 0)
    if not _MIN_YEAR <= first <= last <= _MAX_YEAR:
        msg = f"{text!r}: the years must be in order, the last after the first"
        raise DateError(msg)
    if match["school"]:
        if last != first + 1:
            msg = f"{text!r}: a school year runs over two consecutive years"
            raise DateError(msg)
        return Period.school_year(first)
    if last_text is None:
        return Period.year(first)
    if last == first:
        msg = f"{text!r}: the last year must come after the first"
        raise DateError(msg)
    return Period.years(first, last)


def parse_period(text: str) -> Period:
    """Read a period as Vietnamese documents write it.

    Accepts "năm 2019" (one year), "năm 2019 – 2020", "2021-2022" and
    "giai đoạn 2021 – 2025" (whole years), "năm học 2021-2022" or
    "năm học 2021-22" (a school year, see :meth:`Period.school_year`) and a
    span of two dates ("03/02/1930 - 03/02/2020", "từ ngày 01/3/2025 đến ngày
    30/6/2025"), which gives a custom period.

    >>> from thidua import parse_period
    >>> str(parse_period("2019-2020"))
    'năm 2019 – 2020'

    Args:
        text: The period as written; an en dash or a hyphen separates years.

    Raises:
        DateError: the text is not a period, or its years or dates are out of order.
    """
    if len(text) > MAX_DATE_TEXT:
        msg = f"{text[:40]!r}… is not a period: longer than {MAX_DATE_TEXT} characters"
        raise DateError(msg)
    normal = _normal(text).removeprefix("(").removesuffix(")").strip()
    match = _YEAR_RANGE.fullmatch(normal)
    if match is not None:
        return _years_period(text, match)
    body = normal.removeprefix("từ ").strip()
    for separator in _RANGE_SEPARATOR.finditer(body):
        try:
            start = parse_date(body[: separator.start()])
            end = parse_date(body[separator.end() :])
        except DateError:
            continue
        if end < start:
            msg = f"{text!r}: the period ends before it starts"
            raise DateError(msg)
        return Period(start=start, end=end, kind=PeriodKind.CUSTOM)
    msg = (
        f"{text!r} is not a period: write 'năm 2019', 'năm 2019 – 2020',"
        " 'năm học 2021 – 2022' or 'từ ngày 01/3/2025 đến ngày 30/6/2025'"
    )
    raise DateError(msg)
