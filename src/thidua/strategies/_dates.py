"""Strategies for dates, periods and legal references."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Final

from hypothesis import strategies as st

from thidua._base.dates import Period, PeriodKind, format_date
from thidua._base.legal import DocumentSystem, LegalReference

__all__ = ["dates", "legal_references", "periods"]

_MIN_DATE: Final = dt.date(1980, 1, 1)
_MAX_DATE: Final = dt.date(2100, 12, 31)
_MIN_YEAR: Final = _MIN_DATE.year
_MAX_YEAR: Final = _MAX_DATE.year - 1  # room for periods that end the next year


def dates(
    *, min_value: dt.date = _MIN_DATE, max_value: dt.date = _MAX_DATE
) -> st.SearchStrategy[dt.date]:
    """Dates between 1980 and 2100 (plain dates, never datetimes).

    Args:
        min_value: The earliest date.
        max_value: The latest date.
    """
    return st.dates(min_value=min_value, max_value=max_value)


_LABELS: Final = ("Giai đoạn thi đua 2019 – 2020", "năm công tác", "Đợt thi đua đặc biệt")


@st.composite
def _custom(draw: st.DrawFn) -> Period:
    start = draw(dates(max_value=dt.date(_MAX_YEAR, 12, 31)))
    days = draw(st.integers(min_value=0, max_value=1500))
    return Period(start=start, end=start + dt.timedelta(days=days), kind=PeriodKind.CUSTOM)


@st.composite
def _school_year(draw: st.DrawFn) -> Period:
    first = draw(st.integers(min_value=_MIN_YEAR, max_value=_MAX_YEAR))
    if draw(st.booleans()):
        return Period.school_year(first)
    start = draw(st.dates(min_value=dt.date(first, 8, 1), max_value=dt.date(first, 9, 30)))
    end = draw(st.dates(min_value=dt.date(first + 1, 1, 1), max_value=dt.date(first + 1, 7, 31)))
    return Period(start=start, end=end, kind=PeriodKind.SCHOOL_YEAR)


@st.composite
def _multi_year(draw: st.DrawFn) -> Period:
    first = draw(st.integers(min_value=_MIN_YEAR, max_value=_MAX_YEAR))
    last = draw(st.integers(min_value=first + 1, max_value=min(first + 5, _MAX_YEAR + 1)))
    return Period.years(first, last)


def periods(*, kinds: tuple[PeriodKind, ...] = tuple(PeriodKind)) -> st.SearchStrategy[Period]:
    """Periods of the given kinds, between 1980 and 2100, some with a label.

    Args:
        kinds: Which kinds to draw (all by default).
    """
    builders: dict[PeriodKind, st.SearchStrategy[Period]] = {
        PeriodKind.CALENDAR_YEAR: st.integers(_MIN_YEAR, _MAX_YEAR).map(Period.year),
        PeriodKind.MULTI_YEAR: _multi_year(),
        PeriodKind.WORK_YEAR: dates(max_value=dt.date(_MAX_YEAR, 12, 31)).map(Period.work_year),
        PeriodKind.SCHOOL_YEAR: _school_year(),
        PeriodKind.CUSTOM: _custom(),
    }
    base = st.one_of([builders[kind] for kind in kinds])
    label = st.one_of(st.none(), st.sampled_from(_LABELS))
    return st.builds(_with_label, base, label)


def _with_label(period: Period, label: str | None) -> Period:
    return Period(start=period.start, end=period.end, kind=period.kind, label=label)


# (type abbreviation as sometimes written, canonical) pairs.
_STATE_TYPES: Final = (("QĐ", "QĐ"), ("QD", "QĐ"), ("NĐ", "NĐ"), ("ND", "NĐ"), ("TT", "TT"),
                       ("CT", "CT"), ("HD", "HD"), ("NQ", "NQ"), ("KH", "KH"))  # fmt: skip
_STATE_ISSUERS: Final = ("TTg", "CP", "BTTTT", "BNV", "BTC", "BTĐKT", "UBND", "BGDĐT")
_PARTY_TYPES: Final = ("CT", "QĐ", "NQ", "HD", "KL")
_PARTY_ISSUERS: Final = ("TW", "BTCTW", "BTGTW", "TU")
_OLD_ISSUERS: Final = ("CT", "CP", "HĐBT")
_TITLES: Final = ("Quyết định", "Chỉ thị", "Thông tư", "Nghị định", "Hướng dẫn", "Luật")


def _date_texts(date: dt.date) -> st.SearchStrategy[str]:
    return st.sampled_from(
        (
            f"ngày {date.day}/{date.month}/{date.year}",
            f"ngày {date.day:02d}/{date.month:02d}/{date.year}",
            f"ngày {date.day}-{date.month}-{date.year}",
            format_date(date),
        )
    )


@st.composite
def _reference(draw: st.DrawFn) -> LegalReference:
    number = draw(st.from_regex(r"0?[1-9][0-9]{0,3}", fullmatch=True))
    style = draw(st.sampled_from(("state-year", "state", "law", "party", "old")))
    fields: dict[str, Any] = {"number": number}
    if style == "state-year":
        written_type, doc_type = draw(st.sampled_from(_STATE_TYPES))
        year = draw(st.integers(_MIN_YEAR, _MAX_YEAR))
        issuer = draw(st.sampled_from(_STATE_ISSUERS))
        symbol = f"{number}/{year}/{written_type}-{issuer}"
        fields |= {"year": year, "doc_type": doc_type, "issuer": issuer}
        system = DocumentSystem.STATE
    elif style == "state":
        written_type, doc_type = draw(st.sampled_from(_STATE_TYPES))
        issuer = draw(st.sampled_from(_STATE_ISSUERS))
        symbol = f"{number}/{written_type}-{issuer}"
        fields |= {"doc_type": doc_type, "issuer": issuer}
        system = DocumentSystem.STATE
    elif style == "law":
        year = draw(st.integers(_MIN_YEAR, _MAX_YEAR))
        issuer = f"QH{draw(st.integers(7, 20))}"
        symbol = f"{number}/{year}/{issuer}"
        fields |= {"year": year, "issuer": issuer}
        system = DocumentSystem.STATE
    elif style == "party":
        doc_type = draw(st.sampled_from(_PARTY_TYPES))
        issuer = draw(st.sampled_from(_PARTY_ISSUERS))
        symbol = f"{number}-{doc_type}/{issuer}"
        fields |= {"doc_type": doc_type, "issuer": issuer}
        system = DocumentSystem.PARTY
    else:
        issuer = draw(st.sampled_from(_OLD_ISSUERS))
        symbol = f"{number}-{issuer}"
        fields |= {"issuer": issuer}
        system = DocumentSystem.STATE
    title = draw(st.one_of(st.none(), st.sampled_from(_TITLES)))
    text = symbol if title is None else f"{title} số {symbol}"
    date: dt.date | None = None
    if draw(st.booleans()):
        known: int | None = fields.get("year")
        bounds = (dt.date(known, 1, 1), dt.date(known, 12, 31)) if known else (_MIN_DATE, _MAX_DATE)
        date = draw(dates(min_value=bounds[0], max_value=bounds[1]))
        text = f"{text} {draw(_date_texts(date))}"
    return LegalReference(text=text, date=date, system=system, title=title, **fields)


def legal_references() -> st.SearchStrategy[LegalReference]:
    """Well-formed references in the state, law, Party and old styles, some dated.

    Each is built from its parts, with text written as documents write it
    (sometimes "QD"/"ND" for "QĐ"/"NĐ"), so ``LegalReference.parse(str(ref)) == ref``.
    """
    return _reference()


REGISTRATIONS: Final[list[tuple[type, Callable[[], st.SearchStrategy[Any]]]]] = [
    (Period, periods),
    (LegalReference, legal_references),
]
