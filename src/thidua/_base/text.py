"""Vietnamese text: NFC storage, look-alike folding and dictionary order."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from thidua.errors import InvalidModelError

__all__ = [
    "check_text",
    "markdown_text",
    "name_key",
    "nfc",
    "nfc_or_none",
    "same_name",
    "vietnamese_sort_key",
]

# Letters that look like Đ/đ but are other code points (Latin eth).
_LOOKALIKES = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})

# Tone marks in CLDR Vietnamese order: none, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Marks that make letters of their own (ă â ê ô ơ ư).
_LETTER_MARKS = {"\u0306": "\u0306", "\u0302": "\u0302", "\u031b": "\u031b"}
_ALPHABET = [
    "a", "a\u0306", "a\u0302", "b", "c", "d", "\u0111", "e", "e\u0302", "f", "g", "h", "i",
    "j", "k", "l", "m", "n", "o", "o\u0302", "o\u031b", "p", "q", "r", "s", "t", "u",
    "u\u031b", "v", "w", "x", "y", "z",
]  # fmt: skip
_LETTER_WEIGHT = {letter: 1000 + index for index, letter in enumerate(_ALPHABET)}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: Bidirectional controls (embeddings, overrides, isolates, marks): they reorder what a
#: reader sees ("Trojan Source"), and Vietnamese has no use for them.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: Noncharacters, which XML 1.0 (and so DOCX) forbids: U+FDD0..U+FDEF and the last two
#: code points of every plane (U+FFFE, U+FFFF, U+1FFFE, ...).
_NONCHARACTER = re.compile(
    "[\ufdd0-\ufdef\ufffe\uffff"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17))
    + "]"
)


def nfc(value: Any) -> str:
    """Return *value* as NFC text with surrounding white space removed.

    Used as the converter of every human-readable field. Lone surrogates, control
    characters, bidirectional controls (U+202A..U+202E, U+2066..U+2069, U+200E, U+200F,
    U+061C) and noncharacters (U+FFFE, U+FFFF, ..., which XML and so DOCX forbid) are
    refused, so no output can be given text its readers or its format cannot take.

    Raises:
        InvalidModelError: *value* is not a string or holds characters that are not text.
    """
    if not isinstance(value, str):
        msg = f"expected text, got {type(value).__name__}"
        raise InvalidModelError(msg, code="wrong-type")
    if value.isascii() and value.isprintable():
        # Fast path (codes, most names): printable ASCII holds no control character or
        # surrogate and is already NFC.
        return value.strip()
    check_text(value)
    return unicodedata.normalize("NFC", value).strip()


def check_text(value: str) -> None:
    """Refuse text that holds a character that is not text, or that no output can carry.

    Raises:
        InvalidModelError: ``invalid-text``: a lone surrogate, a control character, a
            bidirectional control or a noncharacter (U+FFFE, U+FFFF, ...).
    """
    if value.isascii() and value.isprintable():
        return
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        msg = "text holds a lone surrogate, which is not a character"
        raise InvalidModelError(msg, code="invalid-text") from None
    if _CONTROL.search(value):
        msg = "text holds a control character"
        raise InvalidModelError(msg, code="invalid-text")
    if found := _BIDI.search(value) or _NONCHARACTER.search(value):
        kind = "a bidirectional control" if _BIDI.match(found.group()) else "a noncharacter"
        msg = f"text holds {kind} (U+{ord(found.group()):04X})"
        raise InvalidModelError(msg, code="invalid-text")


#: Characters CommonMark (with GitHub's tables, strikethrough and autolinks) reads as markup
#: anywhere in a line: emphasis, code, links and images, raw HTML and entities, table cells.
_MARKDOWN_INLINE = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#!|~&@"})
#: What starts a block when it opens a line: a list item, a heading underline, a rule.
_MARKDOWN_BLOCK_START = re.compile(r"\d{1,9}[.)](?=\s|$)|[-+](?=\s|$)|-(?=-)|=")
#: Bare addresses that GitHub's autolinks extension turns into links.
_MARKDOWN_AUTOLINK = re.compile(r"(?i)(://|\bwww\.)")
_LINE_BREAKS = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")


def _unlink(found: re.Match[str]) -> str:
    return "\\://" if found.group() == "://" else found.group()[:3] + "\\."


def markdown_text(text: str) -> str:
    """Return *text* as Markdown that renders as that text and nothing else.

    The one function through which data reaches Markdown (rendered papers and
    ``review --format md``): it cannot open a heading, a list, a quote, a code block,
    raw HTML, an entity, a link (bracketed, ``<...>`` or bare) or a table cell. Line
    breaks become spaces and leading white space goes, as a Markdown paragraph shows them.
    """
    out = _LINE_BREAKS.sub(" ", text).strip().translate(_MARKDOWN_INLINE)
    out = _MARKDOWN_AUTOLINK.sub(_unlink, out)
    if start := _MARKDOWN_BLOCK_START.match(out):
        cut = start.end() - 1
        out = out[:cut] + "\\" + out[cut:]
    return out


def nfc_or_none(value: Any) -> str | None:
    """:func:`nfc` for optional fields: ``None`` stays ``None``."""
    return None if value is None else nfc(value)


def _letters(text: str) -> list[tuple[str, int, bool]]:
    """Split *text* into (letter, tone, is_upper) triples, folding look-alikes."""
    decomposed = unicodedata.normalize("NFD", text.translate(_LOOKALIKES))
    out: list[tuple[str, int, bool]] = []
    for char in decomposed:
        if char in _TONES and out:
            letter, _, upper = out[-1]
            out[-1] = (letter, _TONES[char], upper)
        elif (char in _LETTER_MARKS and out) or (unicodedata.combining(char) and out):
            letter, tone, upper = out[-1]
            out[-1] = (letter + char, tone, upper)
        else:
            out.append((char.lower(), 0, char != char.lower()))
    return out


def _primary(letter: str) -> int:
    if letter in _LETTER_WEIGHT:
        return _LETTER_WEIGHT[letter]
    if letter.isspace():
        return 1
    if letter.isdigit():
        return 100 + int(unicodedata.digit(letter[0], 0))
    if not letter.isalnum():
        return 10
    return 100_000 + ord(letter[0])


def _syllable_tones(letters: list[tuple[str, int, bool]]) -> tuple[int, ...]:
    """One tone per run of letters, wherever in the syllable the mark was placed."""
    tones: list[int] = []
    current = 0
    in_word = False
    for letter, tone, _ in letters:
        if letter[0].isalnum():
            in_word = True
            current = current or tone
        elif in_word:
            tones.append(current)
            current, in_word = 0, False
    if in_word:
        tones.append(current)
    return tuple(tones)


def _fold(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    letters = _letters(nfc(text))
    return tuple(_primary(letter) for letter, _, _ in letters), _syllable_tones(letters)


def name_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """A key equal for two names exactly when :func:`same_name` says they are the same.

    Duplicate checks over names hash this key, so they stay linear.
    """
    return _fold(text)


def same_name(first: str, second: str) -> bool:
    """Tell whether two names are the same name, as a Vietnamese reader would.

    Case, Unicode normal form, the look-alike letter Ð (U+00D0) for Đ (U+0110)
    and the placement of the tone mark ("Hoà"/"Hòa", "Thuỷ"/"Thủy") are ignored.

    >>> same_name("Ðà Nẵng", "Đà Nẵng")
    True
    >>> same_name("Hoà Bình", "Hòa Bình")
    True
    >>> same_name("Hà Nội", "Hà Nam")
    False
    """
    return _fold(first) == _fold(second)


def vietnamese_sort_key(text: str) -> tuple[object, ...]:
    """Return a key that orders names as Vietnamese dictionaries do (CLDR collation).

    Base letters come first (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y),
    then tones break ties in the order none, huyền, hỏi, ngã, sắc, nặng, then case.

    >>> sorted(["Đà Nẵng", "Cần Thơ", "Bà", "Ba", "Dương"], key=vietnamese_sort_key)
    ['Ba', 'Bà', 'Cần Thơ', 'Dương', 'Đà Nẵng']
    """
    normal = nfc(text)
    letters = _letters(normal)
    primary = tuple(_primary(letter) for letter, _, _ in letters)
    tones = _syllable_tones(letters)
    case = tuple(upper for _, _, upper in letters)
    return (primary, tones, case, normal)
