"""The layout of Vietnamese administrative documents: the document model.

A document to sign or file (an agreement, the minutes of a review meeting, a
submission letter) follows the conventions of Vietnamese administrative
documents (Decree 30/2020/NĐ-CP; an agreement is not one of its listed types, so
this is convention, not law): the issuer and the document number at the top
left, the national title and motto at the top right, the place-and-date line,
the title, the body, and the signature blocks.

:class:`AdministrativeDocument` holds that layout; the renderers (Markdown, HTML,
Word) print it. Whatever the data lacks (the document number, the signatory's name,
a date) is printed as a visible blank to fill in by hand: nothing is ever invented.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

import attrs

from thidua._base.dates import format_date

__all__ = [
    "BLANK",
    "ILLUSTRATIVE_MARK",
    "MOTTO",
    "NATIONAL_TITLE",
    "AdministrativeDocument",
    "Block",
    "Heading",
    "Items",
    "Paragraph",
    "Signature",
    "Table",
    "place_name",
]

NATIONAL_TITLE: Final = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
"""The national title (Quốc hiệu) at the top right of every document."""

MOTTO: Final = "Độc lập - Tự do - Hạnh phúc"
"""The motto (Tiêu ngữ) under the national title."""

BLANK: Final = "…………"
"""What is printed where the data lacks a value, to be filled in by hand."""

ILLUSTRATIVE_MARK: Final = "MINH HỌA – văn bản dựng từ dữ liệu minh họa, không có giá trị pháp lý"
"""The mark every paper built from illustrative data carries, in every format."""

_CITY_PREFIXES: Final = ("Thành phố ", "thành phố ", "TP. ", "TP ", "Tỉnh ", "tỉnh ")
_NAMED_AFTER_PEOPLE: Final = frozenset({"Hồ Chí Minh"})


def place_name(place: str) -> str:
    """The place as the place-and-date line writes it (Nghị định 30/2020/NĐ-CP, App. I).

    The line names the province or centrally-run city by its own name, without "Thành
    phố" or "Tỉnh" ("Cần Thơ", "Hà Nội"); a unit named after a person keeps its full name
    ("Thành phố Hồ Chí Minh").

    >>> place_name("Thành phố Cần Thơ"), place_name("TP. Hồ Chí Minh"), place_name("Hà Nội")
    ('Cần Thơ', 'Thành phố Hồ Chí Minh', 'Hà Nội')
    """
    for prefix in _CITY_PREFIXES:
        if place.startswith(prefix):
            rest = place[len(prefix) :].strip()
            if rest in _NAMED_AFTER_PEOPLE or rest[:1].isdigit():
                return f"Thành phố {rest}"
            return rest
    if place in _NAMED_AFTER_PEOPLE:
        return f"Thành phố {place}"
    return place


@attrs.frozen(kw_only=True)
class Heading:
    """A section heading of the body.

    Args:
        text: The heading (NFC), such as ``"I. THÀNH PHẦN"``.
        level: 1 for a section (``"I. …"``), 2 for a subsection (``"1. …"``).
    """

    text: str
    level: int = 1


@attrs.frozen(kw_only=True)
class Paragraph:
    """A paragraph of running text.

    Args:
        text: The paragraph (NFC).
    """

    text: str


@attrs.frozen(kw_only=True)
class Items:
    """A list of items, each on its own line.

    Args:
        items: The items, in order.
        numbered: Whether to number them (1., 2., ...) or use dashes.
    """

    items: tuple[str, ...]
    numbered: bool = False


@attrs.frozen(kw_only=True)
class Table:
    """A table with a header row.

    Args:
        header: The column titles.
        rows: The rows; each as many cells as the header.
        numeric: Indices of the columns aligned right (points, votes).
        emphasised: Indices of the rows printed in bold (subtotals, totals).
    """

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[int] = frozenset()
    emphasised: frozenset[int] = frozenset()


Block = Heading | Paragraph | Items | Table


@attrs.frozen(kw_only=True)
class Signature:
    """One signature block (Nghị định 30/2020/NĐ-CP, Art 13 and App. I).

    Args:
        capacity: The authority and title signed under, upper case: ``"GIÁM ĐỐC"`` (the
            head), ``"KT. GIÁM ĐỐC"``, ``"TM. ỦY BAN NHÂN DÂN"``, ``"CHỦ TỌA"``.
        position: The signer's own title under the capacity (``"PHÓ GIÁM ĐỐC"`` after
            ``"KT. GIÁM ĐỐC"``), or ``None`` when the capacity says it all.
        signer: The signatory's full name, or ``None`` for a blank line.
        organisation: The unit's name above the capacity, upper case, when several units
            sign one paper; ``None`` otherwise.
        sealed: Whether the block is sealed ("Ký tên, đóng dấu"); minutes are signed
            without seals.
    """

    capacity: str
    position: str | None = None
    signer: str | None = None
    organisation: str | None = None
    sealed: bool = True

    @property
    def lines(self) -> tuple[str, ...]:
        """The block's lines above the space for the signature, then the note, then the name."""
        top = (self.organisation,) if self.organisation else ()
        middle = (self.position,) if self.position else ()
        note = "(Ký tên, đóng dấu)" if self.sealed else "(Ký, ghi rõ họ tên)"
        return (*top, self.capacity, *middle, note, self.signer or BLANK)


@attrs.frozen(kw_only=True)
class AdministrativeDocument:
    """A document in the Vietnamese administrative layout.

    Args:
        issuer: The issuing body, one line each, upper case; the last line is the
            body itself, the ones before it its parent.
        number: The document number and symbol (``"12/BB-CTĐ"``), or ``None`` to leave
            ``Số:`` blank.
        place: Where it was made, for the place-and-date line, or ``None`` for a blank.
        date: When it was made, or ``None`` for a blank.
        title: The kind of document, upper case (``"BIÊN BẢN"``).
        subtitle: What it is about (``"Họp bình xét thi đua năm 2020"``).
        body: The body, in order.
        signatures: The signature blocks, in order.
        recipients: The lines of ``Nơi nhận:``, if any.
        illustrative: Whether it is built from illustrative data; every renderer then
            prints :data:`ILLUSTRATIVE_MARK` at its top.
    """

    issuer: tuple[str, ...]
    number: str | None = None
    place: str | None = None
    date: dt.date | None = None
    title: str
    subtitle: str | None = None
    body: tuple[Block, ...] = ()
    signatures: tuple[Signature, ...] = ()
    recipients: tuple[str, ...] = ()
    illustrative: bool = False

    @property
    def number_line(self) -> str:
        """``"Số: 12/BB-CTĐ"``, or a blank to fill in."""
        return f"Số: {self.number or BLANK}"

    @property
    def place_date_line(self) -> str:
        """``"Hà Nội, ngày 14 tháng 12 năm 2019"``, with blanks for what is missing."""
        place = place_name(self.place) if self.place else BLANK
        when = format_date(self.date) if self.date else "ngày …… tháng …… năm ……"
        return f"{place}, {when}"
