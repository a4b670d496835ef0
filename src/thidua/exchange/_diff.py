"""What changed between two schemes: items added, removed or moved, and every field changed.

Tables change from year to year, and within a year between the draft and the appraisal.
Items (sections, criteria, adjustments, bands) are matched by their code; every other
field is compared value by value, so a changed maximum, cap, amount, method or rule (the
scheme's note, where the imported "Cách chấm" rows are kept) is named with its path.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from decimal import Decimal
from typing import Any, Final, Literal

import attrs
import orjson

from thidua._base.messages import Language
from thidua._base.numbers import NumberConvention, format_number
from thidua.scoring import (
    AwardBonus,
    Band,
    Bonus,
    Criterion,
    KnockoutRule,
    Penalty,
    Scheme,
    Section,
)
from thidua.serialization import unstructure

__all__ = ["ChangeKind", "SchemeChange", "diff_schemes"]

ChangeKind = Literal["added", "removed", "moved", "changed"]
"""What happened to an item: ``added``, ``removed``, ``moved`` (to another section) or
``changed`` (one of its fields)."""

_WHAT: Final[dict[type, tuple[str, str]]] = {
    Section: ("section", "mục"),
    Criterion: ("criterion", "tiêu chí"),
    Bonus: ("bonus", "điểm thưởng"),
    AwardBonus: ("award bonus", "điểm thưởng danh hiệu"),
    Penalty: ("penalty", "điểm trừ"),
    KnockoutRule: ("knockout", "điều kiện loại trừ"),
    Band: ("band", "mức xếp loại"),
    Scheme: ("scheme", "bảng điểm"),
}
_FIELDS_VI: Final = {
    "label": "nội dung",
    "max_points": "điểm tối đa",
    "cap": "mức tối đa",
    "bonus_cap": "điểm thưởng tối đa",
    "points": "số điểm",
    "per_case": "điểm mỗi lần",
    "method": "cách chấm",
    "note": "ghi chú",
    "scale": "thang điểm",
    "legal_basis": "căn cứ",
    "first_year": "năm đầu",
    "last_year": "năm cuối",
    "lower": "cận dưới",
    "upper": "cận trên",
    "kind": "loại",
    "awards": "danh hiệu",
    "rounding": "làm tròn",
    "combination": "cách kết hợp các lớp chấm",
    "tie_breaks": "tiêu chí phân định",
    "code": "mã",
}
_SCHEME_SKIPS: Final = ("criteria", "adjustments", "bands")


@attrs.frozen(kw_only=True)
class SchemeChange:
    """One change between two schemes.

    Args:
        kind: ``added``, ``removed``, ``moved`` or ``changed``.
        item: The item's code; the new scheme's code for a change of the scheme itself.
        what: What the item is: ``section``, ``criterion``, ``bonus``, ``award bonus``,
            ``penalty``, ``knockout``, ``band`` or ``scheme``.
        field: The changed field's path in the item (``max_points``, ``method.tiers[0]``);
            ``parent`` for a move; empty when the item is added or removed.
        old: The value before, as in the JSON format (``None`` when added).
        new: The value after, as in the JSON format (``None`` when removed).
    """

    kind: ChangeKind
    item: str
    what: str
    field: str = ""
    old: Any = None
    new: Any = None

    def text(self, lang: Language = "en") -> str:
        """The change as one line, in Vietnamese or English."""
        vi = lang == "vi"
        what = next(
            (names[1] if vi else names[0] for names in _WHAT.values() if names[0] == self.what),
            self.what,
        )
        if self.kind == "added":
            return f"+ {what} {self.item}: " + _show(self.new, lang)
        if self.kind == "removed":
            return f"- {what} {self.item}: " + _show(self.old, lang)
        field = self.field
        if vi:
            field = ".".join(_FIELDS_VI.get(part, part) for part in field.split("."))
        if self.kind == "moved":
            verb = "chuyển từ" if vi else "moved from"
            to = "sang" if vi else "to"
            return f"> {what} {self.item}: {verb} {self.old or '—'} {to} {self.new or '—'}"
        return f"~ {what} {self.item}: {field}: {_show(self.old, lang)} → {_show(self.new, lang)}"

    def to_json(self) -> dict[str, Any]:
        """The change as a JSON object."""
        return {
            "kind": self.kind,
            "item": self.item,
            "what": self.what,
            "field": self.field,
            "old": self.old,
            "new": self.new,
        }


def _show(value: Any, lang: Language) -> str:
    """A JSON value as shown to a reader: numbers in the language's convention."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return ("có" if value else "không") if lang == "vi" else ("yes" if value else "no")
    if isinstance(value, str):
        try:
            number = Decimal(value)
        except ArithmeticError:
            return repr(value)
        if number.is_finite() and value.replace(".", "").lstrip("-").isdigit():
            convention = (
                NumberConvention.VIETNAMESE if lang == "vi" else NumberConvention.INTERNATIONAL
            )
            return format_number(number, convention, grouping=False)
        return repr(value)
    if isinstance(value, dict) and "label" in value:
        return repr(value["label"])
    return orjson.dumps(value).decode()


def _json(value: Any) -> Any:
    """A value as in the JSON format; an object also names its type."""
    if attrs.has(type(value)):
        body = unstructure(value)
        if isinstance(body, dict) and "kind" not in body:
            return {"kind": _what(value), **body}
        return body
    if isinstance(value, Decimal | enum.Enum | tuple | dt.date):
        return unstructure(value)
    return value


def _what(value: object) -> str:
    return _WHAT.get(type(value), (type(value).__name__, ""))[0]


def _fields(
    old: Any, new: Any, path: str, skips: tuple[str, ...]
) -> Iterator[tuple[str, Any, Any]]:
    """Every field that differs, by path: objects of one type field by field."""
    if old == new:
        return
    if attrs.has(type(old)) and type(old) is type(new):
        for field in attrs.fields(type(old)):
            if field.name in skips:
                continue
            name = f"{path}.{field.name}" if path else field.name
            yield from _fields(getattr(old, field.name), getattr(new, field.name), name, ())
        return
    if isinstance(old, tuple) and isinstance(new, tuple) and len(old) == len(new):
        for index, (before, after) in enumerate(zip(old, new, strict=True)):
            yield from _fields(before, after, f"{path}[{index}]", ())
        return
    yield path, old, new


def _items(
    old: dict[str, tuple[str, object]], new: dict[str, tuple[str, object]]
) -> Iterator[SchemeChange]:
    """The changes of items matched by code (value: parent code and item)."""
    for code, (parent, item) in new.items():
        what = _what(item)
        if code not in old:
            yield SchemeChange(kind="added", item=code, what=what, new=_json(item))
            continue
        old_parent, old_item = old[code]
        if old_parent != parent:
            yield SchemeChange(
                kind="moved",
                item=code,
                what=what,
                field="parent",
                old=old_parent or None,
                new=parent or None,
            )
        if type(old_item) is not type(item):
            yield SchemeChange(
                kind="changed", item=code, what=what, field="kind", old=_what(old_item), new=what
            )
            continue
        for path, before, after in _fields(old_item, item, "", ("children",)):
            yield SchemeChange(
                kind="changed",
                item=code,
                what=what,
                field=path,
                old=_json(before),
                new=_json(after),
            )
    for code, (_, item) in old.items():
        if code not in new:
            yield SchemeChange(kind="removed", item=code, what=_what(item), old=_json(item))


def _nodes(scheme: Scheme) -> dict[str, tuple[str, object]]:
    found: dict[str, tuple[str, object]] = {}

    def visit(node: Section | Criterion, parent: str) -> None:
        found[node.code] = (parent, node)
        if isinstance(node, Section):
            for child in node.children:
                visit(child, node.code)

    for node in scheme.criteria:
        visit(node, "")
    return found


def diff_schemes(old: Scheme, new: Scheme) -> tuple[SchemeChange, ...]:
    """What changed from *old* to *new*: the scheme's own fields, then its items.

    Items are matched by code: sections and criteria (in the new table's order, then those
    removed), adjustments, then bands. An item under another section is ``moved``; every
    field that differs is one ``changed`` entry, by path. No change gives ``()``.

    Args:
        old: The scheme before (last year's table, the draft).
        new: The scheme after.

    >>> from decimal import Decimal
    >>> import attrs
    >>> from thidua.scoring import Combination, Criterion, LayerRule, ManualPoints, Scheme
    >>> one = Criterion(code="1", label="Kế hoạch", max_points=Decimal(40), method=ManualPoints())
    >>> old = Scheme(code="K", label="Bảng", first_year=2024, scale=Decimal(100),
    ...              criteria=(one,), combination=Combination(layers=LayerRule.LAST))
    >>> new = attrs.evolve(old, criteria=(attrs.evolve(one, max_points=Decimal("45.5")),))
    >>> [change.text("vi") for change in diff_schemes(old, new)]
    ['~ tiêu chí 1: điểm tối đa: 40 → 45,5']
    >>> diff_schemes(old, old)
    ()
    """
    changes: list[SchemeChange] = [
        SchemeChange(
            kind="changed",
            item=new.code,
            what="scheme",
            field=path,
            old=_json(before),
            new=_json(after),
        )
        for path, before, after in _fields(old, new, "", _SCHEME_SKIPS)
    ]
    changes += _items(_nodes(old), _nodes(new))
    changes += _items(
        {a.code: ("", a) for a in old.adjustments}, {a.code: ("", a) for a in new.adjustments}
    )
    changes += _items({b.code: ("", b) for b in old.bands}, {b.code: ("", b) for b in new.bands})
    return tuple(changes)
