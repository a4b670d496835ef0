"""Strategies for Vietnamese text and codes."""

from __future__ import annotations

from hypothesis import strategies as st

__all__ = ["codes", "vietnamese_names"]

_SYLLABLES = (
    "Hà", "Nội", "Hồ", "Chí", "Minh", "Hải", "Phòng", "Đà", "Nẵng", "Cần", "Thơ",
    "Sở", "Thông", "tin", "và", "Truyền", "thông", "Huế", "Quảng", "Ninh", "Bắc",
    "Kạn", "Thủy", "Hòa", "Bình", "Cụm", "thi", "đua", "số", "Khối", "Phú", "Yên",
)  # fmt: skip


def vietnamese_names(*, min_words: int = 1, max_words: int = 5) -> st.SearchStrategy[str]:
    """Vietnamese names in NFC with their diacritics, such as ``"Sở Thông tin Hà Nội"``."""
    return st.lists(st.sampled_from(_SYLLABLES), min_size=min_words, max_size=max_words).map(
        " ".join
    )


def codes(*, prefix: str = "") -> st.SearchStrategy[str]:
    """Stable codes: upper-case ASCII letters, digits, ``-`` and ``_``."""
    return st.from_regex(r"[A-Z][A-Z0-9_-]{0,11}", fullmatch=True).map(lambda c: prefix + c)
