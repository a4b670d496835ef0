"""Conditions of eligibility, as data, and the facts of a unit's year they are checked on.

Each condition of an eligibility rule is one of the members of :data:`Condition` (tagged
by ``"kind"`` on the wire); ``check(facts, as_of)`` answers with a
:class:`ConditionResult`: which rule text, which facts, met or not.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

import attrs
import cattrs

from thidua._base.text import nfc
from thidua._base.validation import (
    check_unique,
    code_tuple,
    code_validator,
    non_blank,
    non_negative,
    optional_code,
    positive,
    typed_fields,
)
from thidua.errors import AwardError, InvalidModelError
from thidua.serialization._hooks import register_tagged_union

__all__ = [
    "CONDITION_TAGS",
    "RESTRUCTURING_STATEMENT",
    "Condition",
    "ConditionResult",
    "CountCondition",
    "CountField",
    "DisciplineCount",
    "DisciplineLevel",
    "Facts",
    "HoldsAwardCondition",
    "LedGroupCondition",
    "NoDisciplineCondition",
    "NotDissolvedCondition",
    "PersonYear",
    "ShareCondition",
    "StatementCondition",
    "TaskRating",
    "TaskRatingCondition",
    "UnitYear",
    "configure",
    "share_validator",
]


class TaskRating(enum.StrEnum):
    """A unit's own rating of task completion (4 levels, Quy định 124-QĐ/TW, 2023)."""

    EXCELLENT = "excellent"
    """Hoàn thành xuất sắc nhiệm vụ."""
    GOOD = "good"
    """Hoàn thành tốt nhiệm vụ."""
    COMPLETED = "completed"
    """Hoàn thành nhiệm vụ."""
    NOT_COMPLETED = "not-completed"
    """Không hoàn thành nhiệm vụ."""

    def level(self) -> int:
        """3 for excellent down to 0 for not completed."""
        return {"excellent": 3, "good": 2, "completed": 1, "not-completed": 0}[self.value]


class DisciplineLevel(enum.StrEnum):
    """Disciplinary measures against staff, lightest first."""

    REPRIMAND = "reprimand"
    """Khiển trách."""
    WARNING = "warning"
    """Cảnh cáo."""
    SALARY_REDUCTION = "salary-reduction"
    """Hạ bậc lương."""
    DEMOTION = "demotion"
    """Giáng chức."""
    REMOVAL = "removal"
    """Cách chức."""
    DISMISSAL = "dismissal"
    """Buộc thôi việc."""

    def level(self) -> int:
        """0 for a reprimand up to 5 for dismissal."""
        return list(DisciplineLevel).index(self)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class DisciplineCount:
    """Staff disciplined at one level during the year.

    Args:
        level: The measure.
        staff: How many staff received it.
    """

    level: DisciplineLevel = attrs.field(validator=attrs.validators.instance_of(DisciplineLevel))
    staff: int = attrs.field(validator=positive)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class UnitYear:
    """The facts of one unit's year that collective titles rest on.

    Args:
        unit: Code of the unit.
        year: The achievement year.
        staff: Staff of the unit (cá nhân trong tập thể).
        completed: Staff who completed their tasks.
        advanced_workers: Staff holding Lao động tiên tiến (LĐTT).
        emulation_fighters: Staff holding Chiến sĩ thi đua cơ sở (CSTĐCS), counted among
            the LĐTT (a CSTĐCS meets the LĐTT standard).
        disciplined: Staff disciplined, by level.
        task_rating: The unit's own rating of its tasks, if rated.
        statements: Codes of qualitative conditions the unit attests (``"solidarity"``,
            ``"regular-movement"``, ...), with the evidence kept elsewhere.
        awards_held: Codes of awards the unit holds for the same year (``"TTLDXS"``).
        led_group: Code of the group the unit led (was acclaimed in) that year, if any.
        dissolved_on: Date the unit was dissolved, if it was.
    """

    unit: str = attrs.field(validator=code_validator)
    year: int = attrs.field()
    staff: int = attrs.field(validator=positive)
    completed: int = attrs.field(validator=non_negative)
    advanced_workers: int = attrs.field(validator=non_negative)
    emulation_fighters: int = attrs.field(validator=non_negative)
    disciplined: tuple[DisciplineCount, ...] = attrs.field(default=())
    task_rating: TaskRating | None = attrs.field(default=None)
    statements: tuple[str, ...] = attrs.field(default=(), validator=code_tuple)
    awards_held: tuple[str, ...] = attrs.field(default=(), validator=code_tuple)
    led_group: str | None = attrs.field(default=None, validator=optional_code)
    dissolved_on: dt.date | None = attrs.field(default=None)

    def __attrs_post_init__(self) -> None:
        if not 1900 <= self.year <= 2200:  # noqa: PLR2004 - a plausible calendar year
            msg = f"year {self.year} is not a plausible year"
            raise InvalidModelError(msg, path="year", code="invalid-year")
        for name in ("completed", "advanced_workers"):
            if getattr(self, name) > self.staff:
                msg = f"{name} ({getattr(self, name)}) exceeds staff ({self.staff})"
                raise InvalidModelError(msg, path=name, code="exceeds-staff")
        if self.emulation_fighters > self.advanced_workers:
            msg = (
                f"emulation_fighters ({self.emulation_fighters}) exceeds advanced_workers"
                f" ({self.advanced_workers}): a CSTĐCS also meets the LĐTT standard"
            )
            raise InvalidModelError(msg, path="emulation_fighters", code="exceeds-staff")
        check_unique((d.level.value for d in self.disciplined), "disciplined")
        if sum(d.staff for d in self.disciplined) > self.staff:
            msg = "more staff disciplined than the unit has"
            raise InvalidModelError(msg, path="disciplined", code="exceeds-staff")

    def disciplined_at_or_above(self, level: DisciplineLevel) -> int:
        """Staff disciplined at *level* or a heavier measure."""
        return sum(d.staff for d in self.disciplined if d.level.level() >= level.level())

    @property
    def subject(self) -> str:
        """Code of the collective the facts are of."""
        return self.unit


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class PersonYear:
    """The facts of one person's year that individual titles rest on (LĐTT, CSTĐCS).

    Args:
        person: Code of the person.
        year: The achievement year.
        task_rating: The person's rating of task completion, if rated.
        statements: Codes of qualitative conditions attested (``"abides-by-law"``,
            ``"studies"``, ``"ethics"``, ``"initiative"``, ...), evidence kept elsewhere.
        awards_held: Codes of titles held for the same year.
        disciplined: The disciplinary measure taken against the person that year, if any.
    """

    person: str = attrs.field(validator=code_validator)
    year: int = attrs.field()
    task_rating: TaskRating | None = attrs.field(default=None)
    statements: tuple[str, ...] = attrs.field(default=(), validator=code_tuple)
    awards_held: tuple[str, ...] = attrs.field(default=(), validator=code_tuple)
    disciplined: DisciplineLevel | None = attrs.field(default=None)

    def __attrs_post_init__(self) -> None:
        if not 1900 <= self.year <= 2200:  # noqa: PLR2004 - a plausible calendar year
            msg = f"year {self.year} is not a plausible year"
            raise InvalidModelError(msg, path="year", code="invalid-year")

    @property
    def subject(self) -> str:
        """Code of the person the facts are of."""
        return self.person

    def disciplined_at_or_above(self, level: DisciplineLevel) -> int:
        """1 when the person was disciplined at *level* or heavier, else 0."""
        return int(self.disciplined is not None and self.disciplined.level() >= level.level())


Facts = UnitYear | PersonYear
"""The facts an eligibility rule is checked on: a collective's year or a person's."""


def _collective(facts: Facts, what: str) -> UnitYear:
    """*facts* as a collective's year; a person's year cannot meet a collective condition."""
    if isinstance(facts, PersonYear):
        msg = f"{what} is a condition on a collective; {facts.person!r} is a person"
        raise AwardError(msg, path="facts", code="collective-condition")
    return facts


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class ConditionResult:
    """One condition checked against the facts: which rule text, which facts, met or not.

    Args:
        clause: Where the condition is written (``"Luật 06/2022/QH15, Điều 27.1.c"``).
        requirement: What it asks, in English.
        facts: The facts it was checked against.
        met: Whether they meet it.
    """

    clause: str = attrs.field(converter=nfc, validator=non_blank)
    requirement: str = attrs.field(converter=nfc, validator=non_blank)
    facts: str = attrs.field(converter=nfc, validator=non_blank)
    met: bool = attrs.field()

    def __str__(self) -> str:
        mark = "met" if self.met else "NOT met"
        return f"[{mark}] {self.requirement} ({self.clause}): {self.facts}"


class CountField(enum.StrEnum):
    """A staff count of :class:`UnitYear` that a condition reads."""

    COMPLETED = "completed"
    ADVANCED_WORKERS = "advanced-workers"
    EMULATION_FIGHTERS = "emulation-fighters"

    def read(self, facts: UnitYear) -> int:
        """The count in *facts*."""
        return int(getattr(facts, self.value.replace("-", "_")))

    def label(self) -> str:
        """The count in words."""
        return {
            "completed": "staff who completed their tasks",
            "advanced-workers": "Lao động tiên tiến",
            "emulation-fighters": "Chiến sĩ thi đua cơ sở",
        }[self.value]


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class TaskRatingCondition:
    """The unit's task rating is at least a level.

    Args:
        at_least: The lowest rating that meets the condition.
        clause: Where the condition is written.
    """

    at_least: TaskRating = attrs.field(validator=attrs.validators.instance_of(TaskRating))
    clause: str = attrs.field(converter=nfc, validator=non_blank)

    def check(self, facts: Facts, _: dt.date) -> ConditionResult:
        """Check *facts*."""
        rating = facts.task_rating
        met = rating is not None and rating.level() >= self.at_least.level()
        return ConditionResult(
            clause=self.clause,
            requirement=f"task rating {self.at_least.value} or better",
            facts=f"task rating {rating.value if rating else 'not given'}",
            met=met,
        )


def share_validator(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Fraction) or not 0 <= value <= 1:
        msg = f"must be a fraction from 0 to 1, got {value}"
        raise InvalidModelError(msg, path=attribute.name, code="invalid-share")


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class ShareCondition:
    """A share of the staff reaches a threshold (``70 %`` of staff are LĐTT, ...).

    Args:
        count: Which count is compared with the staff.
        share: The threshold, as a fraction of staff.
        strict: ``True`` for "more than" (trên), ``False`` for "at least" (ít nhất).
        clause: Where the condition is written.
    """

    count: CountField = attrs.field(validator=attrs.validators.instance_of(CountField))
    share: Fraction = attrs.field(validator=share_validator)
    strict: bool = attrs.field()
    clause: str = attrs.field(converter=nfc, validator=non_blank)

    def check(self, facts: Facts, _: dt.date) -> ConditionResult:
        """Check *facts* (a collective's)."""
        unit = _collective(facts, "a share of staff")
        value = self.count.read(unit)
        ratio = Fraction(value, unit.staff)
        met = ratio > self.share if self.strict else ratio >= self.share
        words = "more than" if self.strict else "at least"
        percent = Decimal(self.share.numerator) * 100 / Decimal(self.share.denominator)
        return ConditionResult(
            clause=self.clause,
            requirement=f"{words} {percent.normalize():f} % of staff are {self.count.label()}",
            facts=f"{value} of {unit.staff} staff are {self.count.label()}",
            met=met,
        )


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class CountCondition:
    """A count reaches a number (at least one CSTĐCS, ...).

    Args:
        count: Which count.
        at_least: The smallest count that meets the condition.
        clause: Where the condition is written.
    """

    count: CountField = attrs.field(validator=attrs.validators.instance_of(CountField))
    at_least: int = attrs.field(validator=positive)
    clause: str = attrs.field(converter=nfc, validator=non_blank)

    def check(self, facts: Facts, _: dt.date) -> ConditionResult:
        """Check *facts* (a collective's)."""
        value = self.count.read(_collective(facts, "a count of staff"))
        return ConditionResult(
            clause=self.clause,
            requirement=f"at least {self.at_least} {self.count.label()}",
            facts=f"{value} {self.count.label()}",
            met=value >= self.at_least,
        )


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class NoDisciplineCondition:
    """Nobody disciplined at a level or above (không có cá nhân bị kỷ luật từ ... trở lên).

    Args:
        at_or_above: The lightest measure that breaks the condition.
        clause: Where the condition is written.
    """

    at_or_above: DisciplineLevel = attrs.field(
        validator=attrs.validators.instance_of(DisciplineLevel)
    )
    clause: str = attrs.field(converter=nfc, validator=non_blank)

    def check(self, facts: Facts, _: dt.date) -> ConditionResult:
        """Check *facts*."""
        count = facts.disciplined_at_or_above(self.at_or_above)
        who = "staff" if isinstance(facts, UnitYear) else "person"
        return ConditionResult(
            clause=self.clause,
            requirement=f"nobody disciplined at {self.at_or_above.value} or above",
            facts=f"{count} {who} disciplined at {self.at_or_above.value} or above",
            met=count == 0,
        )


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class StatementCondition:
    """A qualitative condition the unit attests (solidarity, regular movement, ...).

    Args:
        statement: Code the unit lists in :attr:`UnitYear.statements` to attest it.
        requirement: The condition in words.
        clause: Where the condition is written.
    """

    statement: str = attrs.field(validator=code_validator)
    requirement: str = attrs.field(converter=nfc, validator=non_blank)
    clause: str = attrs.field(converter=nfc, validator=non_blank)

    def check(self, facts: Facts, _: dt.date) -> ConditionResult:
        """Check *facts*."""
        met = self.statement in facts.statements
        return ConditionResult(
            clause=self.clause,
            requirement=self.requirement,
            facts=f"statement {self.statement!r} {'attested' if met else 'not attested'}",
            met=met,
        )


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class LedGroupCondition:
    """The unit led its cluster or block that year (was acclaimed as a leading unit).

    Args:
        clause: Where the condition is written.
    """

    clause: str = attrs.field(converter=nfc, validator=non_blank)

    def check(self, facts: Facts, _: dt.date) -> ConditionResult:
        """Check *facts*."""
        led = _collective(facts, "leading a group").led_group
        return ConditionResult(
            clause=self.clause,
            requirement="led its cluster or block (acclaimed by the group)",
            facts=f"led group {led!r}" if led else "led no group",
            met=led is not None,
        )


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class HoldsAwardCondition:
    """The unit holds another award for the same year (TTLĐXS for a ministry flag, ...).

    Args:
        award: Code of the award it must hold.
        clause: Where the condition is written.
    """

    award: str = attrs.field(validator=code_validator)
    clause: str = attrs.field(converter=nfc, validator=non_blank)

    def check(self, facts: Facts, _: dt.date) -> ConditionResult:
        """Check *facts*."""
        met = self.award in facts.awards_held
        return ConditionResult(
            clause=self.clause,
            requirement=f"holds {self.award} for {facts.year}",
            facts=f"holds {', '.join(facts.awards_held) or 'nothing'} for {facts.year}",
            met=met,
        )


RESTRUCTURING_STATEMENT: Final = "dissolved-in-restructuring"
"""The statement a unit's facts carry when it was dissolved in the restructuring of the
apparatus (giải thể sau sắp xếp tổ chức bộ máy, 2025)."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class NotDissolvedCondition:
    """A knockout: a unit dissolved by the review date is not commended.

    Thông tư 15/2025/TT-BNV says this of units "đã giải thể sau sắp xếp tổ chức bộ máy"
    only, from its own effective date; so the condition can be limited to reviews on or
    after *in_force_from* and to units whose facts attest
    :data:`RESTRUCTURING_STATEMENT`. Left at their defaults it knocks out any unit
    dissolved by the review date.

    Args:
        clause: Where the condition is written.
        in_force_from: First review date it applies to; ``None`` for any date.
        restructuring_only: Whether it applies only to units dissolved in the
            restructuring (their facts attest ``"dissolved-in-restructuring"``).
    """

    clause: str = attrs.field(converter=nfc, validator=non_blank)
    in_force_from: dt.date | None = attrs.field(default=None)
    restructuring_only: bool = attrs.field(default=False)

    def check(self, facts: Facts, as_of: dt.date) -> ConditionResult:
        """Check *facts* on *as_of*."""
        dissolved_on = _collective(facts, "not being dissolved").dissolved_on
        gone = dissolved_on is not None and dissolved_on <= as_of
        requirement = f"not dissolved by {as_of.isoformat()}"
        if self.restructuring_only:
            requirement = f"not dissolved in the restructuring by {as_of.isoformat()}"
            gone = gone and RESTRUCTURING_STATEMENT in facts.statements
        if self.in_force_from is not None:
            requirement += f" (applies from {self.in_force_from.isoformat()})"
            gone = gone and as_of >= self.in_force_from
        if dissolved_on is None:
            seen = "not dissolved"
        else:
            seen = f"dissolved on {dissolved_on.isoformat()}"
            if self.restructuring_only:
                cause = RESTRUCTURING_STATEMENT in facts.statements
                seen += " in the restructuring" if cause else ", not in the restructuring"
        return ConditionResult(
            clause=self.clause, requirement=requirement, facts=seen, met=not gone
        )


Condition = (
    TaskRatingCondition
    | ShareCondition
    | CountCondition
    | NoDisciplineCondition
    | StatementCondition
    | LedGroupCondition
    | HoldsAwardCondition
    | NotDissolvedCondition
)
"""Any condition of an eligibility rule (tagged by ``"kind"`` on the wire)."""

CONDITION_TAGS: Final[dict[str, type]] = {
    "task-rating": TaskRatingCondition,
    "share": ShareCondition,
    "count": CountCondition,
    "no-discipline": NoDisciplineCondition,
    "statement": StatementCondition,
    "led-group": LedGroupCondition,
    "holds-award": HoldsAwardCondition,
    "not-dissolved": NotDissolvedCondition,
}


def configure(conv: cattrs.Converter) -> None:
    """Register the tagged union of conditions on *conv*."""
    register_tagged_union(conv, Condition, CONDITION_TAGS, what="condition")
