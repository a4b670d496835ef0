"""References to Vietnamese legal and Party documents.

A reference such as "Quyết định số 45/2016/QĐ-TTg ngày 19/10/2016" names a
document by its number (số), year, type (QĐ: quyết định), issuer (TTg: the
Prime Minister) and date. State documents write the symbol
``number/year/TYPE-ISSUER`` (laws ``number/year/QH15``, official letters
``number/ISSUER-UNIT``); Party documents write ``number-TYPE/ISSUER``
("05-CT/TW"); documents before the 1990s often write ``number-ISSUER``
("245-CT", a decision of the Chairman of the Council of Ministers, 1981).
A consolidated text (văn bản hợp nhất) writes its kind as the type
("12/VBHN-VPQH").

In a Party symbol "TW" marks the central level, not one body: a "-CT/TW"
directive may be the Politburo's (Bộ Chính trị), the Secretariat's (Ban Bí
thư) or the Central Committee's (Ban Chấp hành Trung ương). The issuing body
is read from a small table of known Party documents; for any other, it is
unknown (None), never guessed.

:class:`LegalReference` keeps the text exactly as written and reads what it
can from it. Text that cannot be read is kept verbatim, never lost.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from typing import Any, Final

import attrs

from thidua._base.dates import member_of, nfc_at, parse_date
from thidua._base.text import nfc
from thidua.errors import DateError, Details, InvalidModelError, LegalReferenceError

__all__ = [
    "CENTRAL_COMMITTEE",
    "POLITBURO",
    "SECRETARIAT",
    "DocumentSystem",
    "LegalReference",
    "find_references",
    "parse_roman",
    "roman_numeral",
]


class DocumentSystem(enum.StrEnum):
    """Which system of documents a reference belongs to."""

    STATE = "state"
    """Documents of the State (Decree 30/2020/NĐ-CP): laws, decrees, decisions, letters."""
    PARTY = "party"
    """Documents of the Communist Party of Vietnam ("05-CT/TW")."""
    UNKNOWN = "unknown"
    """The symbol does not tell (an unlisted issuer, or no symbol at all)."""


# Document type abbreviations (Decree 30/2020/NĐ-CP, Appendix III; the Party's
# Quy định 66-QĐ/TW) and the names they stand for.
_TYPES: Final[dict[str, str]] = {
    "QĐ": "Quyết định",
    "QĐi": "Quy định",
    "QyĐ": "Quy định",
    "CT": "Chỉ thị",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "NĐ": "Nghị định",
    "NQ": "Nghị quyết",
    "NQLT": "Nghị quyết liên tịch",
    "HD": "Hướng dẫn",
    "KH": "Kế hoạch",
    "TB": "Thông báo",
    "KL": "Kết luận",
    "BC": "Báo cáo",
    "QC": "Quy chế",
    "TTr": "Tờ trình",
    "CTr": "Chương trình",
    "ĐA": "Đề án",
    "PA": "Phương án",
    "CĐ": "Công điện",
    "PL": "Pháp lệnh",
    "CV": "Công văn",
    "VBHN": "Văn bản hợp nhất",
}

# Issuers: canonical symbol -> (Vietnamese name, system). A small table of the
# issuers this library's domain meets; others are classified by shape.
_ISSUERS: Final[dict[str, tuple[str, DocumentSystem]]] = {
    "TTg": ("Thủ tướng Chính phủ", DocumentSystem.STATE),
    "CP": ("Chính phủ", DocumentSystem.STATE),
    "CTN": ("Chủ tịch nước", DocumentSystem.STATE),
    "VPCP": ("Văn phòng Chính phủ", DocumentSystem.STATE),
    "QH": ("Quốc hội", DocumentSystem.STATE),
    "UBTVQH": ("Ủy ban Thường vụ Quốc hội", DocumentSystem.STATE),
    "VPQH": ("Văn phòng Quốc hội", DocumentSystem.STATE),
    "BTTTT": ("Bộ Thông tin và Truyền thông", DocumentSystem.STATE),
    "BKHCN": ("Bộ Khoa học và Công nghệ", DocumentSystem.STATE),
    "BNV": ("Bộ Nội vụ", DocumentSystem.STATE),
    "BTC": ("Bộ Tài chính", DocumentSystem.STATE),
    "BCT": ("Bộ Công Thương", DocumentSystem.STATE),
    "BGDĐT": ("Bộ Giáo dục và Đào tạo", DocumentSystem.STATE),
    "BCA": ("Bộ Công an", DocumentSystem.STATE),
    "BQP": ("Bộ Quốc phòng", DocumentSystem.STATE),
    "BYT": ("Bộ Y tế", DocumentSystem.STATE),
    "BTP": ("Bộ Tư pháp", DocumentSystem.STATE),
    "BTĐKT": ("Ban Thi đua - Khen thưởng Trung ương", DocumentSystem.STATE),
    "UBND": ("Ủy ban nhân dân", DocumentSystem.STATE),
    "HĐND": ("Hội đồng nhân dân", DocumentSystem.STATE),
    "SNV": ("Sở Nội vụ", DocumentSystem.STATE),
    "HĐTĐKT": ("Hội đồng Thi đua - Khen thưởng", DocumentSystem.STATE),
    "PTNMT": ("Phòng Tài nguyên và Môi trường", DocumentSystem.STATE),
    "PNV": ("Phòng Nội vụ", DocumentSystem.STATE),
    "PGDĐT": ("Phòng Giáo dục và Đào tạo", DocumentSystem.STATE),
    "STTTT": ("Sở Thông tin và Truyền thông", DocumentSystem.STATE),
    "HĐBT": ("Hội đồng Bộ trưởng", DocumentSystem.STATE),
    "CT": ("Chủ tịch Hội đồng Bộ trưởng", DocumentSystem.STATE),
    "TW": ("", DocumentSystem.PARTY),  # the central level: the body is the document's
    "BTCTW": ("Ban Tổ chức Trung ương", DocumentSystem.PARTY),
    "BTGTW": ("Ban Tuyên giáo Trung ương", DocumentSystem.PARTY),
    "VPTW": ("Văn phòng Trung ương Đảng", DocumentSystem.PARTY),
    "UBKTTW": ("Ủy ban Kiểm tra Trung ương", DocumentSystem.PARTY),
    "TU": ("Tỉnh ủy", DocumentSystem.PARTY),
    "HU": ("Huyện ủy", DocumentSystem.PARTY),
}

POLITBURO: Final = "Bộ Chính trị"
SECRETARIAT: Final = "Ban Bí thư"
CENTRAL_COMMITTEE: Final = "Ban Chấp hành Trung ương"

# Known central Party documents ("…/TW"): (type, number, year of issue) -> issuing body.
# Party numbering restarts with each term, so the year is part of the key; a document
# not listed has no known issuer.
_PARTY_DOCUMENTS: Final[dict[tuple[str, int, int], str]] = {
    # Chỉ thị 05-CT/TW ngày 15/5/2016 của Bộ Chính trị (DOMAIN.md, Corrections).
    ("CT", 5, 2016): POLITBURO,
}

_TITLES: Final = (
    "Thông tư liên tịch",
    "Nghị quyết liên tịch",
    "Quyết định",
    "Chỉ thị",
    "Thông tư",
    "Nghị định",
    "Nghị quyết",
    "Bộ luật",
    "Luật",
    "Pháp lệnh",
    "Hướng dẫn",
    "Công văn",
    "Kế hoạch",
    "Thông báo",
    "Quy định",
    "Quy chế",
    "Kết luận",
    "Sắc lệnh",
    "Công điện",
)
# Abbreviations written in place of the type word ("QĐ 1459/QĐ-BTTTT").
_TITLE_ABBREVIATIONS: Final = {
    "QĐ": "Quyết định",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "CT": "Chỉ thị",
    "HD": "Hướng dẫn",
    "NQ": "Nghị quyết",
    "CV": "Công văn",
}
_LOOKALIKE_D: Final = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})
_FOLD_D: Final = str.maketrans({"\u0110": "D", "\u0111": "d", "\u00d0": "D", "\u00f0": "d"})

# A symbol part: an upper-case letter, then letters (ASCII, Đ, Ư) and '&', then digits.
_PART: Final = r"[A-ZĐÐƯ][A-Za-zĐđÐðƯư&]*[0-9]*"
_SYMBOL: Final = re.compile(
    rf"""
    (?<![\w/.\-])
    (?P<number>[0-9]{{1,6}})
    (?:
        # State: 45/2016/QĐ-TTg, 1459/QĐ-BTTTT, 15/2007QĐ-UBND, 06/2022/QH15, 969/BTC-TĐKT.
        [ \t]*/[ \t]*(?:(?P<year>[0-9]{{4}})[ \t]*/?[ \t]*)?
        (?P<first>{_PART})(?:[ \t]*-[ \t]*(?P<second>{_PART}(?:-{_PART})*))?
      |
        # Party and old state: 05-CT/TW, 124-QĐ/TW, 245-CT, 80-CP.
        -(?P<party_first>{_PART})(?:\s*/\s*(?P<party_second>{_PART}))?
      |
        # Party, spaced: 16 -\nHD/BTCTW.
        \s*-\s*(?P<spaced_first>{_PART})\s*/\s*(?P<spaced_second>{_PART})
    )
    (?!\w)
    """,
    re.VERBOSE,
)
_DATE_TEXT: Final = re.compile(
    r"ngày\s*(?P<date>[0-9]{1,2}\s*[/.\-]\s*[0-9]{1,2}\s*[/.\-]\s*[0-9]{2,4}"
    r"|[0-9]{1,2}\s+tháng\s+[0-9]{1,2}\s*,?\s*năm\s+[0-9]{4})(?![0-9])",
    re.IGNORECASE,
)
_TITLE_RE: Final = re.compile(
    r"(?P<title>"
    + "|".join(re.escape(title) for title in _TITLES)
    + r"|"
    + "|".join(sorted(_TITLE_ABBREVIATIONS, key=len, reverse=True))
    + r"|ND|QD)(?!\w)",
    re.IGNORECASE,
)
_TITLE_BEFORE: Final = re.compile(
    r"(?<!\w)" + _TITLE_RE.pattern + r"\s*(?:số\s*:?\s*)?$", re.IGNORECASE
)
_LOOKBACK: Final = 40
_MIN_YEAR: Final = 1900
_MAX_YEAR: Final = 2100
_NUMBER_RE: Final = re.compile(r"[0-9]{1,6}")
_SYMBOL_PART_RE: Final = re.compile(r"[A-Za-zĐđƯư&][A-Za-z0-9ĐđƯư&\-]*")
_TERM: Final = re.compile(r"(?P<base>QH|UBTVQH)(?P<term>[0-9]{1,3}|[IVXLCDM]+)")
_PARTY_SUFFIX: Final = re.compile(r".*(?:TW|TƯ)|TU|HU|QU|ĐU|ĐUK")
# Ministries (B…), provincial departments (S…), district offices (P…: PTNMT), councils
# (HĐ…: HĐTĐKT) and people's committees and councils.
_STATE_SHAPE: Final = re.compile(r"(?:UBND|HĐND|HĐ|B|S|P)[A-ZĐ]+")
_ROMAN: Final = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)
_ROMAN_VALUES: Final = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_MAX_ROMAN: Final = 3999
_PADDED_MONTHS: Final = 3  # months below this take a leading zero (Decree 30/2020/NĐ-CP)
_LONGEST_ROMAN: Final = 15


def _key(symbol: str) -> str:
    """Matching key: upper case with Đ folded to D (English sources write "ND-CP")."""
    return symbol.translate(_FOLD_D).upper()


_TYPE_KEYS: Final = {_key(t): t for t in _TYPES}
_ISSUER_KEYS: Final = {_key(i): i for i in _ISSUERS}


def _canonical_type(written: str) -> str | None:
    written = written.translate(_LOOKALIKE_D)
    if written in _TYPES:
        return written
    return _TYPE_KEYS.get(_key(written))


def _canonical_issuer(written: str) -> str:
    written = written.translate(_LOOKALIKE_D)
    parts = written.split("-")
    canonical = []
    for part in parts:
        term = _term(_key(part))
        if term is not None:
            canonical.append(f"{term[0]}{term[1]}")
        else:
            canonical.append(_ISSUER_KEYS.get(_key(part), part))
    return "-".join(canonical)


def _system_of(issuer: str) -> DocumentSystem:
    systems = {_system_of_one(part) for part in issuer.split("-")}
    return systems.pop() if len(systems) == 1 else DocumentSystem.UNKNOWN


def _system_of_one(issuer: str) -> DocumentSystem:
    if issuer in _ISSUERS:
        return _ISSUERS[issuer][1]
    if _PARTY_SUFFIX.fullmatch(issuer):
        return DocumentSystem.PARTY
    if _term(issuer) is not None or _STATE_SHAPE.fullmatch(issuer):
        return DocumentSystem.STATE
    return DocumentSystem.UNKNOWN


def _term(part: str) -> tuple[str, int] | None:
    """The body and term of "QH15", "UBTVQH14" or "QHXV"; None for anything else."""
    match = _TERM.fullmatch(part)
    if match is None:
        return None
    written = match["term"]
    number = int(written) if written.isdigit() else parse_roman(written)
    if number is None or number < 1:
        return None
    return match["base"], number


def roman_numeral(number: int) -> str:
    """Write *number* (1 to 3999) in Roman numerals, as a legislature's term ("khóa XV").

    >>> from thidua._base.legal import roman_numeral
    >>> [roman_numeral(n) for n in (1, 4, 9, 14, 15, 40, 49, 90, 2024)]
    ['I', 'IV', 'IX', 'XIV', 'XV', 'XL', 'XLIX', 'XC', 'MMXXIV']

    Raises:
        ValueError: *number* is not a whole number from 1 to 3999.
    """
    if type(number) is not int or not 1 <= number <= _MAX_ROMAN:
        msg = f"{number!r} cannot be written in Roman numerals (1 to {_MAX_ROMAN})"
        raise ValueError(msg)
    out = []
    for value, letters in _ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def parse_roman(text: str) -> int | None:
    """Read a Roman numeral in its standard form ("XV" gives 15); None when it is not one.

    Only the standard (subtractive, shortest) form in capitals is read, as legislature
    terms are written: "IIII", "VX", "IC" or "xv" are not numerals.

    >>> from thidua._base.legal import parse_roman
    >>> [parse_roman(t) for t in ("I", "XIII", "XV", "XLIX", "IIII", "")]
    [1, 13, 15, 49, None, None]
    """
    if not text or len(text) > _LONGEST_ROMAN or set(text) - set(_ROMAN_VALUES):
        return None
    total = 0
    for index, letter in enumerate(text):
        value = _ROMAN_VALUES[letter]
        following = _ROMAN_VALUES[text[index + 1]] if index + 1 < len(text) else 0
        total += -value if value < following else value
    if not 1 <= total <= _MAX_ROMAN or roman_numeral(total) != text:
        return None
    return total


def _text_converter(value: Any) -> str:
    result: str = nfc_at(value, "text")
    return result


def _doc_type_converter(value: Any) -> str | None:
    result: str | None = nfc_at(value, "doc_type", optional=True)
    return result


def _issuer_converter(value: Any) -> str | None:
    result: str | None = nfc_at(value, "issuer", optional=True)
    return result


def _title_converter(value: Any) -> str | None:
    result: str | None = nfc_at(value, "title", optional=True)
    return result


def _number_validator(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not (isinstance(value, str) and _NUMBER_RE.fullmatch(value)):
        msg = f"{value!r} is not a document number: write 1 to 6 digits, as in '05' or '1459'"
        details = Details.plain(value=value)
        raise InvalidModelError(msg, path=attribute.name, code="invalid-number", details=details)


def _year_validator(_: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is None:
        return
    if type(value) is not int:
        msg = f"expected a year, got {type(value).__name__}"
        raise InvalidModelError(msg, path=attribute.name, code="wrong-type")
    if not _MIN_YEAR <= value <= _MAX_YEAR:
        msg = f"year {value} is outside {_MIN_YEAR}–{_MAX_YEAR}"
        details = {"value": value, "low": _MIN_YEAR, "high": _MAX_YEAR}
        raise InvalidModelError(msg, path=attribute.name, code="invalid-year", details=details)


def _symbol_validator(_: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and not _SYMBOL_PART_RE.fullmatch(value):
        msg = f"{value!r} is not a symbol part: write letters and digits, as in 'QĐ' or 'TTg'"
        raise InvalidModelError(
            msg, path=attribute.name, code="invalid-symbol", details={"value": value}
        )


def _date_validator(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and type(value) is not dt.date:
        msg = f"expected a date, got {type(value).__name__}"
        raise InvalidModelError(msg, path=attribute.name, code="wrong-type")


def _non_blank(_: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value == "":
        raise InvalidModelError("must not be empty", path=attribute.name, code="empty")


@attrs.frozen(kw_only=True)
class LegalReference:
    """A reference to a document, kept as written, with the parts read from it.

    Build one with :meth:`parse`; the fields may also be given directly (to
    record, say, the date of a reference whose text gives none).

    Args:
        text: The reference as written (NFC, not empty), such as
            "Quyết định số 45/2016/QĐ-TTg ngày 19/10/2016".
        number: The document number as written, leading zeros kept ("05").
        year: The year written in the symbol ("45/2016/…" gives 2016); Party and
            old documents carry none. See :attr:`issued_year`.
        doc_type: The type abbreviation of the symbol in its standard spelling
            ("QĐ", "NĐ", "TT", "CT", "HD"); None when the symbol names none
            (laws "06/2022/QH15", official letters "969/BTC-TĐKT", old "245-CT").
        issuer: The issuer part of the symbol in its standard spelling ("TTg",
            "CP", "BTTTT", "TW", "UBND", "QH15"); joint issuers are joined by
            "-" ("BNV-BTC").
        date: The date of the document, when the text gives it.
        system: State, Party or unknown, as the symbol shows.
        title: The type word the text opens with, in its standard spelling
            ("Quyết định", "Chỉ thị", "Luật"), or None.
    """

    text: str = attrs.field(converter=_text_converter, validator=_non_blank)
    number: str | None = attrs.field(default=None, validator=_number_validator)
    year: int | None = attrs.field(default=None, validator=_year_validator)
    doc_type: str | None = attrs.field(
        default=None, converter=_doc_type_converter, validator=_symbol_validator
    )
    issuer: str | None = attrs.field(
        default=None, converter=_issuer_converter, validator=_symbol_validator
    )
    date: dt.date | None = attrs.field(default=None, validator=_date_validator)
    system: DocumentSystem = attrs.field(
        default=DocumentSystem.UNKNOWN, validator=member_of(DocumentSystem)
    )
    title: str | None = attrs.field(default=None, converter=_title_converter, validator=_non_blank)

    @classmethod
    def parse(cls, text: str, *, strict: bool = False) -> LegalReference:
        """Read a reference from its text.

        The symbol (the first "45/2016/QĐ-TTg", "05-CT/TW", "245-CT" in the
        text) gives number, year, type, issuer and system; the first "ngày …"
        after it gives the date; a type word at the start ("Quyết định",
        "Chỉ thị", or an abbreviation such as "QĐ") gives the title. Đ and D
        are the same letter when matching ("ND-CP" reads as "NĐ-CP"), and the
        seed's misprint "05/CT-TW" reads as the Party directive "05-CT/TW".
        The text itself is always kept as written.

        >>> from thidua import LegalReference
        >>> ref = LegalReference.parse("Quyết định số 45/2016/QĐ-TTg ngày 19/10/2016")
        >>> (ref.number, ref.year, ref.doc_type, ref.issuer, ref.issuer_name_vi())
        ('45', 2016, 'QĐ', 'TTg', 'Thủ tướng Chính phủ')

        Args:
            text: The reference as written.
            strict: Refuse text that is not exactly one readable reference,
                instead of keeping what cannot be read as None.

        Raises:
            LegalReferenceError: *text* is blank or not text; or, when
                *strict*, it holds no symbol or several, a date that is not
                real, or a date whose year differs from the symbol's.
        """
        if not isinstance(text, str):
            msg = f"expected the text of a reference, got {type(text).__name__}"
            raise LegalReferenceError(msg)
        try:
            written = nfc(text)
        except InvalidModelError as exc:
            raise LegalReferenceError(f"{text!r}: {exc.message}") from None
        if not written:
            raise LegalReferenceError("a reference must not be empty")
        symbols = list(_SYMBOL.finditer(written))
        if strict and len(symbols) != 1:
            found = "no document number" if not symbols else f"{len(symbols)} document numbers"
            msg = f"{written!r} holds {found}; expected one, such as '45/2016/QĐ-TTg' or '05-CT/TW'"
            raise LegalReferenceError(msg)
        fields: dict[str, Any] = {"text": written, "title": _title_of(written)}
        date_from = 0
        if symbols:
            fields |= _read_symbol(symbols[0])
            date_from = symbols[0].end()
        fields["date"] = _date_of(written, date_from, strict=strict)
        year, date = fields.get("year"), fields["date"]
        if strict and year is not None and date is not None and date.year != year:
            msg = f"{written!r}: the number says {year} but the date is in {date.year}"
            raise LegalReferenceError(msg)
        return cls(**fields)

    @property
    def issued_year(self) -> int | None:
        """The year of issue: the symbol's year, or else the date's."""
        if self.year is not None:
            return self.year
        return self.date.year if self.date is not None else None

    def issuer_name_vi(self) -> str | None:
        """The Vietnamese name of the issuer, for the issuers in a small table.

        The table holds the central bodies of the domain: TTg (Thủ tướng Chính
        phủ), CP (Chính phủ), QH15 (Quốc hội khóa XV, any term), VPQH, the
        ministries met in emulation work (BTTTT, BNV, BTC, BKHCN, ...), BTĐKT,
        UBND, HĐND, HĐTĐKT (Hội đồng Thi đua - Khen thưởng), district offices
        (PTNMT, PNV, PGDĐT), the old HĐBT and CT (Chủ tịch Hội đồng Bộ trưởng,
        before 1992), and the Party's BTCTW, BTGTW, VPTW, UBKTTW, TU and HU.
        Joint issuers are listed with commas. Returns None for other issuers.

        "TW" is the Party's central level, not one body: the issuer of a
        "…/TW" document is its own (Bộ Chính trị, Ban Bí thư, Ban Chấp hành
        Trung ương), known only for the Party documents in a small table
        (Chỉ thị 05-CT/TW of 2016: Bộ Chính trị); for others it is None.

        >>> from thidua import LegalReference
        >>> LegalReference.parse("Chỉ thị số 05/CT-TW ngày 15/5/ 2016").issuer_name_vi()
        'Bộ Chính trị'
        >>> LegalReference.parse("Chỉ thị 12-CT/TW").issuer_name_vi() is None
        True
        """
        if self.issuer is None:
            return None
        if self.issuer == "TW":
            return self._party_body()
        names = []
        for part in self.issuer.split("-"):
            term = _term(part)
            if term is not None:
                names.append(f"{_ISSUERS[term[0]][0]} khóa {roman_numeral(term[1])}")
            elif part in _ISSUERS and _ISSUERS[part][0]:
                names.append(_ISSUERS[part][0])
            else:
                return None
        return ", ".join(names)

    def _party_body(self) -> str | None:
        """The body that issued a central Party document, from the table; else None."""
        year = self.issued_year
        if self.doc_type is None or self.number is None or year is None:
            return None
        return _PARTY_DOCUMENTS.get((self.doc_type, int(self.number), year))

    @property
    def symbol(self) -> str | None:
        """The symbol in its standard form ("05-CT/TW", "45/2016/QĐ-TTg", "06/2022/QH15").

        A Party symbol is printed the Party's way whatever the text wrote (the seed's
        "05/CT-TW" prints "05-CT/TW"); None when the text gave no readable symbol.
        """
        if self.number is None or self.issuer is None:
            return None
        if self.system is DocumentSystem.PARTY and self.doc_type is not None:
            return f"{self.number}-{self.doc_type}/{self.issuer}"
        match = _SYMBOL.search(self.text)
        if match is not None and match["party_first"] and not match["party_second"]:
            return f"{self.number}-{self.issuer}"  # old state style: "245-CT"
        year = f"/{self.year}" if self.year is not None else ""
        kind = f"{self.doc_type}-" if self.doc_type is not None else ""
        unit = ""
        if self.doc_type is None and match is not None and match["second"] is not None:
            unit = "-" + re.sub(r"\s+", "", match["second"]).translate(_LOOKALIKE_D)
        return f"{self.number}{year}/{kind}{self.issuer}{unit}"

    def proper_form(self) -> str | None:
        """The reference as a paper prints it: kind, "số", symbol, date and issuer.

        Each part is printed only when known: the kind from the type (or the title),
        the symbol in its standard form, the date as Decree 30/2020/NĐ-CP writes it
        (a leading zero on days below 10 and on months 1 and 2), and "của" the issuing
        body when it is known. The text as written stays in :attr:`text`. None when the
        text gave no readable symbol.

        >>> from thidua import LegalReference
        >>> LegalReference.parse("Chỉ thị số 05/CT-TW ngày 15/5/ 2016").proper_form()
        'Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị'
        >>> LegalReference.parse("Luật số: 06/2022/QH15").proper_form()
        'Luật số 06/2022/QH15 của Quốc hội khóa XV'
        """
        symbol = self.symbol
        if symbol is None:
            return None
        kind = self.title or _TYPES.get(self.doc_type or "")
        if self.title is None and self.system is DocumentSystem.PARTY and self.doc_type == "QĐ":
            kind = None  # a Party "QĐ" is a Quyết định or a Quy định: the text must say
        words = [f"{kind} số {symbol}" if kind else f"số {symbol}"]
        if self.date is not None:
            words.append(f"ngày {_numeric_date(self.date)}")
        body = self.issuer_name_vi()
        if body is not None:
            words.append(f"của {body}")
        return " ".join(words)

    def __str__(self) -> str:
        """The reference as written."""
        return self.text


def _numeric_date(date: dt.date) -> str:
    """A date as "15/5/2016" or "05/02/2020" (Decree 30/2020/NĐ-CP's leading zeros)."""
    month = f"{date.month:02d}" if date.month < _PADDED_MONTHS else str(date.month)
    return f"{date.day:02d}/{month}/{date.year}"


def _title_of(text: str) -> str | None:
    match = _TITLE_RE.match(text)
    if match is None:
        return None
    word = match["title"]
    for title in _TITLES:
        if title.casefold() == word.casefold():
            return title
    return _TITLE_ABBREVIATIONS[_canonical_type(word.upper()) or word]


def _read_symbol(match: re.Match[str]) -> dict[str, Any]:
    fields: dict[str, Any] = {"number": match["number"]}
    if match["year"] is not None:
        year = int(match["year"])
        if _MIN_YEAR <= year <= _MAX_YEAR:
            fields["year"] = year
    party_type = match["party_first"] if match["party_second"] else match["spaced_first"]
    party_issuer = match["party_second"] or match["spaced_second"]
    if party_issuer is not None:
        # Party style: number-TYPE/ISSUER.
        doc_type, issuer = _canonical_type(party_type), _canonical_issuer(party_issuer)
        if doc_type is None:
            doc_type = party_type.translate(_LOOKALIKE_D)
        fields |= {"doc_type": doc_type, "issuer": issuer, "system": _system_of(issuer)}
        if fields["system"] is DocumentSystem.UNKNOWN:
            fields["system"] = DocumentSystem.PARTY
        return fields
    if match["party_first"] is not None:
        # Old state style: number-ISSUER ("245-CT", "80-CP").
        issuer = _canonical_issuer(match["party_first"])
        return fields | {"issuer": issuer, "system": _system_of(issuer)}
    first, second = match["first"], match["second"]
    doc_type = _canonical_type(first)
    if doc_type is not None and second is not None:
        # number[/year]/TYPE-ISSUER; a Party issuer here is the misprint "05/CT-TW".
        issuer = _canonical_issuer(second)
        return fields | {"doc_type": doc_type, "issuer": issuer, "system": _system_of(issuer)}
    # number[/year]/ISSUER[-UNIT]: laws (06/2022/QH15), official letters (969/BTC-TĐKT).
    issuer = _canonical_issuer(first)
    return fields | {"issuer": issuer, "system": _system_of(issuer)}


def _date_of(text: str, start: int, *, strict: bool) -> dt.date | None:
    match = _DATE_TEXT.search(text, start)
    if match is None:
        return None
    try:
        return parse_date(match["date"])
    except DateError as exc:
        if strict:
            raise LegalReferenceError(f"{text!r}: {exc}") from None
        return None


def find_references(text: str) -> tuple[LegalReference, ...]:
    """Find every document reference in running text, in order.

    Each reference spans its type word and "số" when they come right before
    the symbol, the symbol, and a "ngày …" date right after it.

    >>> from thidua import find_references
    >>> text = "triển khai Quyết định số 45/2016/QĐ-TTg ngày 19/10/2016 của Chính phủ"
    >>> [str(ref) for ref in find_references(text)]
    ['Quyết định số 45/2016/QĐ-TTg ngày 19/10/2016']

    Args:
        text: Any text, such as the body of an agreement.
    """
    written = nfc(text)
    found: list[LegalReference] = []
    for match in _SYMBOL.finditer(written):
        begin = match.start()
        before = _TITLE_BEFORE.search(written, max(0, begin - _LOOKBACK), begin)
        if before is not None:
            begin = before.start()
        end = match.end()
        after = re.match(r"[ \t,]*(?:\n[ \t]*)?", written[end:])
        date = _DATE_TEXT.match(written, end + (after.end() if after else 0))
        if date is not None:
            end = date.end()
        found.append(LegalReference.parse(written[begin:end]))
    return tuple(found)
