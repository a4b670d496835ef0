"""Titles and awards: catalogue, regimes, eligibility rules as data, quotas, successors.

Emulation titles (danh hiệu thi đua: Cờ thi đua, Tập thể lao động xuất sắc, ...) are
kept apart from commendation forms (hình thức khen thưởng: Bằng khen, Giấy khen,
each with its issuer), as Law 06/2022 Art 3 does. Every rule belongs to a
:class:`Regime` (the law in force) inside a :class:`Framework` (the national rules, or
a ministry's or province's), carries its legal basis as text, and explains each
answer: which condition, which facts, met or not.

Rules no source states are not shipped (``docs/rules.md`` lists what is, with its
source): the rounding of the Government flag's "at most 20 %" (Nghị định 91/2017/NĐ-CP
Art 11), the basis of that flag from 2024, per-group quotas, and every standard of a
ministry flag beyond what its source states. The user declares them.
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any, Final

import attrs
import cattrs

from thidua._base.text import nfc, nfc_or_none
from thidua._base.validation import (
    check_unique,
    code_tuple,
    code_validator,
    non_blank,
    non_negative,
    optional_code,
    positive,
    unique_codes,
)
from thidua.errors import AwardError, InvalidModelError
from thidua.serialization._hooks import register_tagged_union

__all__ = [
    "Award",
    "AwardKind",
    "CapBase",
    "CapResult",
    "Condition",
    "ConditionResult",
    "CountCondition",
    "CountField",
    "DisciplineCount",
    "DisciplineLevel",
    "Eligibility",
    "EligibilityRule",
    "Framework",
    "GroupQuota",
    "HoldsAwardCondition",
    "Knockout",
    "LedGroupCondition",
    "NoDisciplineCondition",
    "NotDissolvedCondition",
    "Recipient",
    "RecordHolder",
    "RecordTransfer",
    "Regime",
    "RegimeChoice",
    "Rounding",
    "ShareCap",
    "ShareCondition",
    "StatementCondition",
    "Succession",
    "SuccessionKind",
    "TaskRating",
    "TaskRatingCondition",
    "UnitYear",
    "apply_cap",
    "check_eligibility",
    "choose_regime",
    "government_flag_cap_2017_2022",
    "government_flag_cap_2023",
    "preset",
    "preset_codes",
    "record_holder",
]


class AwardKind(enum.StrEnum):
    """Emulation title or commendation form: the law keeps them apart."""

    EMULATION_TITLE = "emulation-title"
    """Danh hiệu thi đua (Cờ thi đua, TTLĐXS, TTLĐTT, ...)."""
    COMMENDATION_FORM = "commendation-form"
    """Hình thức khen thưởng (Bằng khen, Giấy khen, ...), always with an issuer."""


class Recipient(enum.StrEnum):
    """Who an award goes to."""

    COLLECTIVE = "collective"
    INDIVIDUAL = "individual"


@attrs.frozen(kw_only=True)
class Award:
    """One entry of the catalogue: a title or a form, with its legal basis.

    Args:
        code: Stable code such as ``"TTLDXS"``.
        name: Vietnamese name (NFC), such as ``"Tập thể lao động xuất sắc"``.
        kind: Title or form.
        recipient: Collective or individual.
        issuer: Who grants it; required for a commendation form (Bằng khen of whom).
        basis: Legal basis, as text.
    """

    code: str = attrs.field(validator=code_validator)
    name: str = attrs.field(converter=nfc, validator=non_blank)
    kind: AwardKind = attrs.field(validator=attrs.validators.instance_of(AwardKind))
    recipient: Recipient = attrs.field(validator=attrs.validators.instance_of(Recipient))
    issuer: str | None = attrs.field(default=None, converter=nfc_or_none)
    basis: str = attrs.field(converter=nfc, validator=non_blank)

    def __attrs_post_init__(self) -> None:
        if self.kind is AwardKind.COMMENDATION_FORM and not self.issuer:
            msg = f"the commendation form {self.code!r} needs its issuer"
            raise InvalidModelError(msg, path="issuer", code="missing-issuer")
        if self.issuer is not None and not self.issuer:
            raise InvalidModelError("must not be empty", path="issuer", code="empty")


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


@attrs.frozen(kw_only=True)
class DisciplineCount:
    """Staff disciplined at one level during the year.

    Args:
        level: The measure.
        staff: How many staff received it.
    """

    level: DisciplineLevel = attrs.field(validator=attrs.validators.instance_of(DisciplineLevel))
    staff: int = attrs.field(validator=positive)


@attrs.frozen(kw_only=True)
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


@attrs.frozen(kw_only=True)
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


@attrs.frozen(kw_only=True)
class TaskRatingCondition:
    """The unit's task rating is at least a level.

    Args:
        at_least: The lowest rating that meets the condition.
        clause: Where the condition is written.
    """

    at_least: TaskRating = attrs.field(validator=attrs.validators.instance_of(TaskRating))
    clause: str = attrs.field(converter=nfc, validator=non_blank)

    def check(self, facts: UnitYear, _: dt.date) -> ConditionResult:
        """Check *facts*."""
        rating = facts.task_rating
        met = rating is not None and rating.level() >= self.at_least.level()
        return ConditionResult(
            clause=self.clause,
            requirement=f"task rating {self.at_least.value} or better",
            facts=f"task rating {rating.value if rating else 'not given'}",
            met=met,
        )


def _share_validator(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Fraction) or not 0 <= value <= 1:
        msg = f"must be a fraction from 0 to 1, got {value}"
        raise InvalidModelError(msg, path=attribute.name, code="invalid-share")


@attrs.frozen(kw_only=True)
class ShareCondition:
    """A share of the staff reaches a threshold (``70 %`` of staff are LĐTT, ...).

    Args:
        count: Which count is compared with the staff.
        share: The threshold, as a fraction of staff.
        strict: ``True`` for "more than" (trên), ``False`` for "at least" (ít nhất).
        clause: Where the condition is written.
    """

    count: CountField = attrs.field(validator=attrs.validators.instance_of(CountField))
    share: Fraction = attrs.field(validator=_share_validator)
    strict: bool = attrs.field()
    clause: str = attrs.field(converter=nfc, validator=non_blank)

    def check(self, facts: UnitYear, _: dt.date) -> ConditionResult:
        """Check *facts*."""
        value = self.count.read(facts)
        ratio = Fraction(value, facts.staff)
        met = ratio > self.share if self.strict else ratio >= self.share
        words = "more than" if self.strict else "at least"
        percent = Decimal(self.share.numerator) * 100 / Decimal(self.share.denominator)
        return ConditionResult(
            clause=self.clause,
            requirement=f"{words} {percent.normalize():f} % of staff are {self.count.label()}",
            facts=f"{value} of {facts.staff} staff are {self.count.label()}",
            met=met,
        )


@attrs.frozen(kw_only=True)
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

    def check(self, facts: UnitYear, _: dt.date) -> ConditionResult:
        """Check *facts*."""
        value = self.count.read(facts)
        return ConditionResult(
            clause=self.clause,
            requirement=f"at least {self.at_least} {self.count.label()}",
            facts=f"{value} {self.count.label()}",
            met=value >= self.at_least,
        )


@attrs.frozen(kw_only=True)
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

    def check(self, facts: UnitYear, _: dt.date) -> ConditionResult:
        """Check *facts*."""
        count = facts.disciplined_at_or_above(self.at_or_above)
        return ConditionResult(
            clause=self.clause,
            requirement=f"nobody disciplined at {self.at_or_above.value} or above",
            facts=f"{count} staff disciplined at {self.at_or_above.value} or above",
            met=count == 0,
        )


@attrs.frozen(kw_only=True)
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

    def check(self, facts: UnitYear, _: dt.date) -> ConditionResult:
        """Check *facts*."""
        met = self.statement in facts.statements
        return ConditionResult(
            clause=self.clause,
            requirement=self.requirement,
            facts=f"statement {self.statement!r} {'attested' if met else 'not attested'}",
            met=met,
        )


@attrs.frozen(kw_only=True)
class LedGroupCondition:
    """The unit led its cluster or block that year (was acclaimed as a leading unit).

    Args:
        clause: Where the condition is written.
    """

    clause: str = attrs.field(converter=nfc, validator=non_blank)

    def check(self, facts: UnitYear, _: dt.date) -> ConditionResult:
        """Check *facts*."""
        led = facts.led_group
        return ConditionResult(
            clause=self.clause,
            requirement="led its cluster or block (acclaimed by the group)",
            facts=f"led group {led!r}" if led else "led no group",
            met=led is not None,
        )


@attrs.frozen(kw_only=True)
class HoldsAwardCondition:
    """The unit holds another award for the same year (TTLĐXS for a ministry flag, ...).

    Args:
        award: Code of the award it must hold.
        clause: Where the condition is written.
    """

    award: str = attrs.field(validator=code_validator)
    clause: str = attrs.field(converter=nfc, validator=non_blank)

    def check(self, facts: UnitYear, _: dt.date) -> ConditionResult:
        """Check *facts*."""
        met = self.award in facts.awards_held
        return ConditionResult(
            clause=self.clause,
            requirement=f"holds {self.award} for {facts.year}",
            facts=f"holds {', '.join(facts.awards_held) or 'nothing'} for {facts.year}",
            met=met,
        )


@attrs.frozen(kw_only=True)
class NotDissolvedCondition:
    """A knockout: a unit dissolved by the review date is not commended.

    Args:
        clause: Where the condition is written.
    """

    clause: str = attrs.field(converter=nfc, validator=non_blank)

    def check(self, facts: UnitYear, as_of: dt.date) -> ConditionResult:
        """Check *facts* on *as_of*."""
        gone = facts.dissolved_on is not None and facts.dissolved_on <= as_of
        return ConditionResult(
            clause=self.clause,
            requirement=f"not dissolved by {as_of.isoformat()}",
            facts=(
                f"dissolved on {facts.dissolved_on.isoformat()}"
                if facts.dissolved_on
                else "not dissolved"
            ),
            met=not gone,
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


@attrs.frozen(kw_only=True)
class Regime:
    """The law in force over a span of achievement dates.

    Args:
        code: Stable code such as ``"LTDKT-2022"``.
        name: Its name (NFC).
        valid_from: First day it covers; ``None`` for every earlier date.
        valid_to: Last day it covers; ``None`` while it is in force.
        basis: The instruments, as text.
    """

    code: str = attrs.field(validator=code_validator)
    name: str = attrs.field(converter=nfc, validator=non_blank)
    valid_from: dt.date | None = attrs.field(default=None)
    valid_to: dt.date | None = attrs.field(default=None)
    basis: str = attrs.field(converter=nfc, validator=non_blank)

    def __attrs_post_init__(self) -> None:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            msg = "valid_to is before valid_from"
            raise InvalidModelError(msg, path="valid_to", code="invalid-interval")

    def covers(self, day: dt.date) -> bool:
        """Whether *day* falls in the regime."""
        after = self.valid_from is None or day >= self.valid_from
        before = self.valid_to is None or day <= self.valid_to
        return after and before


@attrs.frozen(kw_only=True)
class EligibilityRule:
    """The conditions of one award under one regime, as data.

    Args:
        code: Stable code of the rule.
        award: Code of the award (in the framework's catalogue).
        regime: Code of the regime it belongs to.
        basis: Its legal basis, as text.
        conditions: Every condition; all must be met.
    """

    code: str = attrs.field(validator=code_validator)
    award: str = attrs.field(validator=code_validator)
    regime: str = attrs.field(validator=code_validator)
    basis: str = attrs.field(converter=nfc, validator=non_blank)
    conditions: tuple[Condition, ...] = attrs.field()

    def __attrs_post_init__(self) -> None:
        if not self.conditions:
            msg = "a rule needs at least one condition"
            raise InvalidModelError(msg, path="conditions", code="empty")


@attrs.frozen(kw_only=True)
class Knockout:
    """Conditions every award of a regime must also meet (điểm liệt / không xét khen thưởng).

    Args:
        code: Stable code of the knockout.
        regime: Code of the regime it belongs to.
        basis: Its legal basis, as text.
        conditions: The conditions; a unit failing any of them gets no award.
    """

    code: str = attrs.field(validator=code_validator)
    regime: str = attrs.field(validator=code_validator)
    basis: str = attrs.field(converter=nfc, validator=non_blank)
    conditions: tuple[Condition, ...] = attrs.field()

    def __attrs_post_init__(self) -> None:
        if not self.conditions:
            msg = "a knockout needs at least one condition"
            raise InvalidModelError(msg, path="conditions", code="empty")


class Rounding(enum.StrEnum):
    """How a capped share becomes a whole number of units; declared, never defaulted."""

    FLOOR = "floor"
    CEILING = "ceiling"
    HALF_UP = "half-up"
    HALF_EVEN = "half-even"

    def apply(self, value: Fraction) -> int:
        """Round *value* to a whole number."""
        modes = {
            "floor": ROUND_FLOOR,
            "ceiling": ROUND_CEILING,
            "half-up": ROUND_HALF_UP,
            "half-even": ROUND_HALF_EVEN,
        }
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        return int(exact.to_integral_value(rounding=modes[self.value]))


class CapBase(enum.StrEnum):
    """What a share cap is a share of."""

    QUALIFYING_COLLECTIVES = "qualifying-collectives"
    """Collectives meeting the ministry/provincial-flag standard (ND 91/2017 Art 11.1)."""
    GROUP_LEADERS = "group-leaders"
    """Collectives acclaimed as leaders of clusters and blocks (CV 5007/BNV-TĐKT, 2023)."""


@attrs.frozen(kw_only=True)
class ShareCap:
    """At most a share of a base may receive an award (Government flag: 20 %).

    Args:
        award: Code of the capped award.
        max_share: The cap, as a fraction.
        base: What the share is of.
        rounding: How the cap becomes a whole number (no source gives it; declare it).
        first_year: First achievement year covered.
        last_year: Last achievement year covered.
        basis: The legal basis, as text.
    """

    award: str = attrs.field(validator=code_validator)
    max_share: Fraction = attrs.field(validator=_share_validator)
    base: CapBase = attrs.field(validator=attrs.validators.instance_of(CapBase))
    rounding: Rounding = attrs.field(validator=attrs.validators.instance_of(Rounding))
    first_year: int = attrs.field()
    last_year: int = attrs.field()
    basis: str = attrs.field(converter=nfc, validator=non_blank)

    def __attrs_post_init__(self) -> None:
        if self.last_year < self.first_year:
            msg = "last_year is before first_year"
            raise InvalidModelError(msg, path="last_year", code="invalid-interval")

    def limit(self, base_count: int) -> int:
        """The most units that may receive the award out of *base_count*."""
        return self.rounding.apply(self.max_share * base_count)

    def covers(self, year: int) -> bool:
        """Whether the cap applies to achievement *year*."""
        return self.first_year <= year <= self.last_year


@attrs.frozen(kw_only=True)
class GroupQuota:
    """At most so many units of one group may be proposed for an award.

    Args:
        award: Code of the award.
        max_per_group: The quota.
        first_year: First achievement year covered.
        last_year: Last achievement year covered; ``None`` while in force.
        basis: The legal basis, as text.
    """

    award: str = attrs.field(validator=code_validator)
    max_per_group: int = attrs.field(validator=positive)
    first_year: int = attrs.field()
    last_year: int | None = attrs.field(default=None)
    basis: str = attrs.field(converter=nfc, validator=non_blank)

    def covers(self, year: int) -> bool:
        """Whether the quota applies to achievement *year*."""
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)


@attrs.frozen(kw_only=True)
class Framework:
    """A body of rules: the national law, or a ministry's or province's rules on top of it.

    Built-in frameworks come from :func:`preset`; a user's own framework is
    validated like any model: codes are unique, every rule names an award of the
    catalogue and one of the regimes, regimes do not overlap.

    Args:
        code: Stable code such as ``"BTTTT"``.
        name: Its name (NFC).
        regimes: The regimes, in date order, none overlapping.
        awards: The catalogue.
        rules: Eligibility rules.
        knockouts: Conditions every award of their regime must also meet.
        caps: Share caps (the Government flag).
        quotas: Quotas per group.
    """

    code: str = attrs.field(validator=code_validator)
    name: str = attrs.field(converter=nfc, validator=non_blank)
    regimes: tuple[Regime, ...] = attrs.field()
    awards: tuple[Award, ...] = attrs.field()
    rules: tuple[EligibilityRule, ...] = attrs.field()
    knockouts: tuple[Knockout, ...] = attrs.field(default=())
    caps: tuple[ShareCap, ...] = attrs.field(default=())
    quotas: tuple[GroupQuota, ...] = attrs.field(default=())

    def __attrs_post_init__(self) -> None:
        unique_codes(self.regimes, "regimes")
        unique_codes(self.awards, "awards")
        unique_codes((*self.rules, *self.knockouts), "rules")
        ordered = sorted(self.regimes, key=lambda r: r.valid_from or dt.date.min)
        for earlier, later in itertools.pairwise(ordered):
            end = earlier.valid_to or dt.date.max
            if (later.valid_from or dt.date.min) <= end:
                msg = f"regimes {earlier.code!r} and {later.code!r} overlap"
                index = self.regimes.index(later)
                raise InvalidModelError(msg, path=f"regimes[{index}]", code="overlapping-regimes")
        regimes = {r.code for r in self.regimes}
        awards = {a.code for a in self.awards}
        by_regime: list[tuple[str, tuple[EligibilityRule | Knockout, ...]]] = [
            ("rules", self.rules),
            ("knockouts", self.knockouts),
        ]
        for field, items in by_regime:
            for index, item in enumerate(items):
                if item.regime not in regimes:
                    msg = f"unknown regime {item.regime!r}"
                    raise InvalidModelError(
                        msg, path=f"{field}[{index}].regime", code="unknown-regime"
                    )
        by_award: list[tuple[str, tuple[EligibilityRule | ShareCap | GroupQuota, ...]]] = [
            ("rules", self.rules),
            ("caps", self.caps),
            ("quotas", self.quotas),
        ]
        for field, awarded in by_award:
            for index, entry in enumerate(awarded):
                if entry.award not in awards:
                    msg = f"unknown award {entry.award!r}"
                    raise InvalidModelError(
                        msg, path=f"{field}[{index}].award", code="unknown-award"
                    )
        seen: dict[tuple[str, str], int] = {}
        for index, rule in enumerate(self.rules):
            key = (rule.award, rule.regime)
            if key in seen:
                msg = f"a second rule for {rule.award!r} under {rule.regime!r}"
                raise InvalidModelError(msg, path=f"rules[{index}]", code="duplicate-rule")
            seen[key] = index

    def award(self, code: str) -> Award:
        """The catalogue entry *code*.

        Raises:
            AwardError: no such award (``unknown-award``).
        """
        for award in self.awards:
            if award.code == code:
                return award
        msg = f"{self.code}: no award {code!r} in the catalogue"
        raise AwardError(msg, path="award", code="unknown-award")

    def regime(self, code: str) -> Regime:
        """The regime *code*.

        Raises:
            AwardError: no such regime (``unknown-regime``).
        """
        for regime in self.regimes:
            if regime.code == code:
                return regime
        msg = f"{self.code}: no regime {code!r}"
        raise AwardError(msg, path="regime", code="unknown-regime")

    def rule(self, award: str, regime: str) -> EligibilityRule:
        """The rule of *award* under *regime*.

        Raises:
            AwardError: the framework has no rule for it (``no-rule``): supply one.
        """
        self.award(award)
        for rule in self.rules:
            if rule.award == award and rule.regime == regime:
                return rule
        msg = (
            f"{self.code}: no rule for {award!r} under regime {regime!r};"
            " its basis is not shipped: define it in a framework of your own"
        )
        raise AwardError(msg, path="award", code="no-rule")

    def cap(self, award: str, year: int) -> ShareCap | None:
        """The share cap of *award* for achievement *year*, if any."""
        return next((c for c in self.caps if c.award == award and c.covers(year)), None)

    def quota(self, award: str, year: int) -> GroupQuota | None:
        """The quota per group of *award* for achievement *year*, if any."""
        return next((q for q in self.quotas if q.award == award and q.covers(year)), None)


@attrs.frozen(kw_only=True)
class RegimeChoice:
    """Which regime applied, and why.

    Args:
        regime: Code of the regime.
        explicit: Whether the caller named it (otherwise the default was used).
        crosses_boundary: Whether the achievement period spans two regimes.
        reason: The explanation, in English.
    """

    regime: str = attrs.field(validator=code_validator)
    explicit: bool = attrs.field()
    crosses_boundary: bool = attrs.field()
    reason: str = attrs.field(converter=nfc, validator=non_blank)


def choose_regime(
    framework: Framework, start: dt.date, end: dt.date, *, regime: str | None = None
) -> RegimeChoice:
    """Say which regime applies to an achievement period.

    The default is the regime in force on the **last day of the achievement period**.
    This is the library's convention, not a sourced rule: a review held in the first
    quarter of the next year does not move the period, a school year or a multi-year
    period that crosses a boundary takes the regime of its end, and the choice says
    so. Name *regime* to override it.

    Args:
        framework: The rules.
        start: First day of the achievement period.
        end: Last day of the achievement period.
        regime: The regime to apply, if the caller decides.

    Raises:
        AwardError: *end* is before *start* (``invalid-period``), the named regime is
            unknown (``unknown-regime``) or no regime covers *end* (``no-regime``).
    """
    if end < start:
        msg = f"the period ends ({end}) before it starts ({start})"
        raise AwardError(msg, path="period", code="invalid-period")
    at_start = next((r.code for r in framework.regimes if r.covers(start)), None)
    at_end = next((r.code for r in framework.regimes if r.covers(end)), None)
    crosses = at_start != at_end
    span = f"{start.isoformat()} to {end.isoformat()}"
    if regime is not None:
        framework.regime(regime)
        note = f"; the period crosses from {at_start} to {at_end}" if crosses else ""
        return RegimeChoice(
            regime=regime,
            explicit=True,
            crosses_boundary=crosses,
            reason=f"regime {regime} named by the caller for {span}{note}",
        )
    if at_end is None:
        msg = f"{framework.code}: no regime covers {end.isoformat()}"
        raise AwardError(msg, path="regime", code="no-regime")
    reason = f"default: regime in force on the last day of the period {span}"
    if crosses:
        reason += f" (the period starts under {at_start}; name a regime to override)"
    return RegimeChoice(regime=at_end, explicit=False, crosses_boundary=crosses, reason=reason)


@attrs.frozen(kw_only=True)
class Eligibility:
    """The answer for one unit and one award, with its reasons.

    Args:
        unit: Code of the unit.
        award: Code of the award.
        year: Achievement year.
        regime: Code of the regime applied.
        rule: Code of the rule applied.
        basis: The rule's legal basis.
        eligible: Whether every condition is met.
        results: Each condition, with the facts and whether it is met.
    """

    unit: str = attrs.field(validator=code_validator)
    award: str = attrs.field(validator=code_validator)
    year: int = attrs.field()
    regime: str = attrs.field(validator=code_validator)
    rule: str = attrs.field(validator=code_validator)
    basis: str = attrs.field(converter=nfc, validator=non_blank)
    eligible: bool = attrs.field()
    results: tuple[ConditionResult, ...] = attrs.field()

    def __attrs_post_init__(self) -> None:
        if self.eligible != all(r.met for r in self.results):
            msg = "eligible must say whether every condition is met"
            raise InvalidModelError(msg, path="eligible", code="inconsistent-result")

    def unmet(self) -> tuple[ConditionResult, ...]:
        """The conditions not met."""
        return tuple(r for r in self.results if not r.met)

    def explain(self) -> str:
        """The answer in words, one line per condition."""
        verdict = "eligible" if self.eligible else "not eligible"
        head = (
            f"{self.unit}: {verdict} for {self.award} {self.year} (rule {self.rule}, {self.regime})"
        )
        return "\n".join([head, *(f"  {r}" for r in self.results)])


def check_eligibility(
    framework: Framework, award: str, facts: UnitYear, *, regime: str, as_of: dt.date
) -> Eligibility:
    """Check one unit's year against the rule of *award* under *regime*.

    The regime's knockouts (such as "a dissolved unit is not commended") are checked too.

    Args:
        framework: The rules.
        award: Code of the award.
        facts: The unit's year.
        regime: Code of the regime (see :func:`choose_regime`).
        as_of: The date of the review or decision (for knockouts such as dissolution).

    Raises:
        AwardError: unknown award or regime, or no rule for the award (``no-rule``).
    """
    framework.regime(regime)
    rule = framework.rule(award, regime)
    results = [condition.check(facts, as_of) for condition in rule.conditions]
    for knockout in framework.knockouts:
        if knockout.regime == regime:
            results.extend(condition.check(facts, as_of) for condition in knockout.conditions)
    return Eligibility(
        unit=facts.unit,
        award=award,
        year=facts.year,
        regime=regime,
        rule=rule.code,
        basis=rule.basis,
        eligible=all(r.met for r in results),
        results=tuple(results),
    )


class SuccessionKind(enum.StrEnum):
    """What happened to a unit in a reorganisation."""

    MERGE = "merge"
    SPLIT = "split"
    RENAME = "rename"
    DISSOLVE = "dissolve"


@attrs.frozen(kw_only=True)
class Succession:
    """One unit's end in a reorganisation and who takes its record (input data).

    A merge of A and B into C is two successions, A→C and B→C; a split names the
    successor that takes the record; a dissolution has no successor.

    Args:
        kind: What happened.
        unit: Code of the unit that ended.
        successor: Code of the unit that carries on its record; ``None`` when dissolved.
        effective: The date of the event (its memberships end that day).
        basis: The decision, as text.
    """

    kind: SuccessionKind = attrs.field(validator=attrs.validators.instance_of(SuccessionKind))
    unit: str = attrs.field(validator=code_validator)
    successor: str | None = attrs.field(validator=optional_code)
    effective: dt.date = attrs.field()
    basis: str = attrs.field(converter=nfc, validator=non_blank)

    def __attrs_post_init__(self) -> None:
        if (self.kind is SuccessionKind.DISSOLVE) != (self.successor is None):
            msg = "a dissolved unit has no successor; any other change names one"
            raise InvalidModelError(msg, path="successor", code="invalid-successor")
        if self.successor == self.unit:
            msg = "a unit does not succeed itself"
            raise InvalidModelError(msg, path="successor", code="invalid-successor")


class RecordTransfer(enum.StrEnum):
    """The declared rule for a merged, split or renamed unit's record."""

    TO_SUCCESSOR = "to-successor"
    """The successor carries the record and can be commended for it."""
    NONE = "none"
    """The record ends with the unit; nobody is commended for it."""


@attrs.frozen(kw_only=True)
class RecordHolder:
    """Who holds a unit's record on a date, and how it got there.

    Args:
        unit: The unit whose record it is.
        holder: The unit holding it on the date; ``None`` if nobody does.
        chain: The successions followed, in order, as text.
    """

    unit: str = attrs.field(validator=code_validator)
    holder: str | None = attrs.field(validator=optional_code)
    chain: tuple[str, ...] = attrs.field()


def record_holder(
    unit: str, successions: tuple[Succession, ...], on: dt.date, rule: RecordTransfer
) -> RecordHolder:
    """Follow the successions of *unit* up to *on* and say who holds its record.

    Args:
        unit: Code of the unit.
        successions: Every succession known (input data).
        on: The date that matters (the review date: scores and nominations attach to
            the membership valid then).
        rule: The declared rule for records.

    Raises:
        InvalidModelError: successions loop, or a unit ends twice (``invalid-succession``).
    """
    by_unit: dict[str, Succession] = {}
    for index, succession in enumerate(successions):
        if succession.unit in by_unit:
            msg = f"{succession.unit!r} ends twice"
            raise InvalidModelError(msg, path=f"[{index}]", code="invalid-succession")
        by_unit[succession.unit] = succession
    current: str | None = unit
    chain: list[str] = []
    visited = {unit}
    while current is not None and current in by_unit and by_unit[current].effective <= on:
        step = by_unit[current]
        if step.kind is SuccessionKind.DISSOLVE:
            chain.append(f"{current} dissolved on {step.effective.isoformat()} ({step.basis})")
            current = None
            break
        if rule is RecordTransfer.NONE and step.kind is not SuccessionKind.RENAME:
            chain.append(
                f"{current} {step.kind.value} into {step.successor} on"
                f" {step.effective.isoformat()}; the declared rule passes no record"
            )
            current = None
            break
        chain.append(
            f"{current} {step.kind.value} into {step.successor} on {step.effective.isoformat()}"
            f" ({step.basis})"
        )
        current = step.successor
        if current in visited:
            msg = f"successions of {unit!r} loop back to {current!r}"
            raise InvalidModelError(msg, code="invalid-succession")
        visited.add(str(current))
    return RecordHolder(unit=unit, holder=current, chain=tuple(chain))


@attrs.frozen(kw_only=True)
class CapResult:
    """Who fits under a share cap, in the order given.

    Args:
        award: Code of the capped award.
        base_count: The size of the base.
        limit: The most units the cap allows.
        within: Units that fit, in the order given.
        beyond: Units past the cap.
        explanation: How the limit was found.
    """

    award: str = attrs.field(validator=code_validator)
    base_count: int = attrs.field(validator=non_negative)
    limit: int = attrs.field(validator=non_negative)
    within: tuple[str, ...] = attrs.field(validator=code_tuple)
    beyond: tuple[str, ...] = attrs.field(validator=code_tuple)
    explanation: str = attrs.field(converter=nfc, validator=non_blank)


def apply_cap(cap: ShareCap, candidates: tuple[str, ...], base_count: int) -> CapResult:
    """Keep the first candidates that fit under *cap*.

    Args:
        cap: The share cap (its rounding declared).
        candidates: Codes of the candidates, best first (the council's order).
        base_count: The size of the base (qualifying collectives or group leaders).

    Raises:
        AwardError: more candidates than the base holds (``invalid-base``).
    """
    if len(candidates) > base_count:
        msg = f"{len(candidates)} candidates but the base counts only {base_count}"
        raise AwardError(msg, path="base_count", code="invalid-base")
    limit = cap.limit(base_count)
    explanation = (
        f"{cap.max_share} of {base_count} {cap.base.value} = {cap.max_share * base_count},"
        f" rounded {cap.rounding.value} to {limit} [{cap.basis}]"
    )
    return CapResult(
        award=cap.award,
        base_count=base_count,
        limit=limit,
        within=candidates[:limit],
        beyond=candidates[limit:],
        explanation=explanation,
    )


def configure(conv: cattrs.Converter) -> None:
    """Register the tagged union of conditions on *conv*."""
    register_tagged_union(conv, Condition, CONDITION_TAGS, what="condition")


# --------------------------------------------------------------------------------------
# Shipped presets.

LAW_2003: Final = "LTDKT-2003"
LAW_2022: Final = "LTDKT-2022"

_REGIMES: Final = (
    Regime(
        code=LAW_2003,
        name="Luật Thi đua, khen thưởng 2003, sửa đổi 2005 và 2013",
        valid_to=dt.date(2023, 12, 31),
        basis=(
            "Luật Thi đua, khen thưởng 2003 (sửa đổi 2005, 2013: Luật 39/2013/QH13);"
            " Nghị định 91/2017/NĐ-CP; Thông tư 12/2019/TT-BNV"
        ),
    ),
    Regime(
        code=LAW_2022,
        name="Luật Thi đua, khen thưởng 06/2022/QH15",
        valid_from=dt.date(2024, 1, 1),
        basis=(
            "Luật Thi đua, khen thưởng 06/2022/QH15 (hiệu lực 01/01/2024); Nghị định"
            " 98/2023/NĐ-CP; từ 2025 Nghị định 152/2025/NĐ-CP và Thông tư 15/2025/TT-BNV"
        ),
    ),
)

_LAW_2003_BASIS: Final = "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013)"
_LAW_2022_BASIS: Final = "Luật Thi đua, khen thưởng 06/2022/QH15"

_NATIONAL_AWARDS: Final = (
    Award(
        code="CTD-CP",
        name="Cờ thi đua của Chính phủ",
        kind=AwardKind.EMULATION_TITLE,
        recipient=Recipient.COLLECTIVE,
        basis="Luật 06/2022/QH15 Điều 25; Nghị định 91/2017/NĐ-CP Điều 11",
    ),
    Award(
        code="TTLDXS",
        name="Tập thể lao động xuất sắc",
        kind=AwardKind.EMULATION_TITLE,
        recipient=Recipient.COLLECTIVE,
        basis="Luật 06/2022/QH15 Điều 27; Luật Thi đua, khen thưởng 2003 Điều 27",
    ),
    Award(
        code="TTLDTT",
        name="Tập thể lao động tiên tiến",
        kind=AwardKind.EMULATION_TITLE,
        recipient=Recipient.COLLECTIVE,
        basis="Luật Thi đua, khen thưởng 2003 Điều 28",
    ),
    Award(
        code="BK-TTG",
        name="Bằng khen của Thủ tướng Chính phủ",
        kind=AwardKind.COMMENDATION_FORM,
        recipient=Recipient.COLLECTIVE,
        issuer="Thủ tướng Chính phủ",
        basis="Luật 06/2022/QH15 (hình thức khen thưởng)",
    ),
)


def _ttldxs_conditions(clause: str, *, lettered: bool) -> tuple[Condition, ...]:
    # Law 06/2022 Art 27.1 letters its points a-đ; the 2003 Law's Art 27 is cited whole,
    # and adds "nobody disciplined at cảnh cáo or above" to the CSTĐCS point.
    def at(letter: str) -> str:
        return f"{clause}.{letter}" if lettered else clause

    conditions: list[Condition] = [
        TaskRatingCondition(at_least=TaskRating.EXCELLENT, clause=at("a")),
        StatementCondition(
            statement="regular-movement",
            requirement="runs regular, practical and effective emulation movements",
            clause=at("b"),
        ),
        ShareCondition(count=CountField.COMPLETED, share=Fraction(1), strict=False, clause=at("c")),
        ShareCondition(
            count=CountField.ADVANCED_WORKERS, share=Fraction(7, 10), strict=False, clause=at("c")
        ),
        CountCondition(count=CountField.EMULATION_FIGHTERS, at_least=1, clause=at("d")),
    ]
    if not lettered:
        conditions.append(NoDisciplineCondition(at_or_above=DisciplineLevel.WARNING, clause=clause))
    conditions.append(
        StatementCondition(
            statement="solidarity",
            requirement="internal solidarity; abides by Party and State policy and law",
            clause=at("đ"),
        )
    )
    return tuple(conditions)


_NATIONAL_RULES: Final = (
    EligibilityRule(
        code="TTLDXS-2003",
        award="TTLDXS",
        regime=LAW_2003,
        basis=f"{_LAW_2003_BASIS}, Điều 27",
        conditions=_ttldxs_conditions(f"{_LAW_2003_BASIS}, Điều 27", lettered=False),
    ),
    EligibilityRule(
        code="TTLDXS-2022",
        award="TTLDXS",
        regime=LAW_2022,
        basis=f"{_LAW_2022_BASIS}, Điều 27.1",
        conditions=_ttldxs_conditions(f"{_LAW_2022_BASIS}, Điều 27.1", lettered=True),
    ),
    EligibilityRule(
        code="TTLDTT-2003",
        award="TTLDTT",
        regime=LAW_2003,
        basis=f"{_LAW_2003_BASIS}, Điều 28.1",
        conditions=(
            TaskRatingCondition(at_least=TaskRating.GOOD, clause=f"{_LAW_2003_BASIS}, Điều 28.1.a"),
            StatementCondition(
                statement="regular-movement",
                requirement="runs regular, practical and effective emulation movements",
                clause=f"{_LAW_2003_BASIS}, Điều 28.1.b",
            ),
            ShareCondition(
                count=CountField.ADVANCED_WORKERS,
                share=Fraction(1, 2),
                strict=True,
                clause=f"{_LAW_2003_BASIS}, Điều 28.1.c",
            ),
            NoDisciplineCondition(
                at_or_above=DisciplineLevel.WARNING, clause=f"{_LAW_2003_BASIS}, Điều 28.1.c"
            ),
            StatementCondition(
                statement="solidarity",
                requirement="internal solidarity; abides by Party and State policy and law",
                clause=f"{_LAW_2003_BASIS}, Điều 28.1.d",
            ),
        ),
    ),
)

_DISSOLVED_KNOCKOUT: Final = Knockout(
    code="KO-DISSOLVED-TT15-2025",
    regime=LAW_2022,
    basis="Thông tư 15/2025/TT-BNV ngày 04/8/2025",
    conditions=(
        NotDissolvedCondition(
            clause=(
                "Thông tư 15/2025/TT-BNV: không khen thưởng với cơ quan, tổ chức, đơn vị"
                " đã giải thể sau sắp xếp tổ chức bộ máy"
            )
        ),
    ),
)


def government_flag_cap_2017_2022(rounding: Rounding) -> ShareCap:
    """The Government flag cap of ND 91/2017 Art 11.1, achievement years 2017 to 2022.

    At most 20 % of the collectives meeting the ministry/provincial-flag standard. No
    source gives the rounding, so the caller declares it.

    Args:
        rounding: How 20 % of the base becomes a whole number.
    """
    return ShareCap(
        award="CTD-CP",
        max_share=Fraction(1, 5),
        base=CapBase.QUALIFYING_COLLECTIVES,
        rounding=rounding,
        first_year=2017,
        last_year=2022,
        basis="Nghị định 91/2017/NĐ-CP, Điều 11.1",
    )


def government_flag_cap_2023(rounding: Rounding) -> ShareCap:
    """The Government flag cap as applied for 2023 by CV 5007/BNV-TĐKT (05/9/2023).

    At most 20 % of the collectives acclaimed as leaders of clusters and blocks. No
    source gives the rounding, so the caller declares it. For 2024 on, the basis is
    unverified and no cap is shipped: supply your own :class:`ShareCap`.

    Args:
        rounding: How 20 % of the base becomes a whole number.
    """
    return ShareCap(
        award="CTD-CP",
        max_share=Fraction(1, 5),
        base=CapBase.GROUP_LEADERS,
        rounding=rounding,
        first_year=2023,
        last_year=2023,
        basis="Nghị định 91/2017/NĐ-CP, Điều 11; Công văn 5007/BNV-TĐKT ngày 05/9/2023",
    )


def _national(code: str, name: str, awards: tuple[Award, ...] = (), **extra: Any) -> Framework:
    return Framework(
        code=code,
        name=name,
        regimes=_REGIMES,
        awards=(*_NATIONAL_AWARDS, *awards),
        rules=(*_NATIONAL_RULES, *extra.pop("rules", ())),
        knockouts=(_DISSOLVED_KNOCKOUT,),
        **extra,
    )


def _preset_national() -> Framework:
    return _national("VN", "Quy định chung của Luật Thi đua, khen thưởng")


def _preset_btttt() -> Framework:
    flag = Award(
        code="CTD-BTTTT",
        name="Cờ thi đua của Bộ Thông tin và Truyền thông",
        kind=AwardKind.EMULATION_TITLE,
        recipient=Recipient.COLLECTIVE,
        issuer="Bộ trưởng Bộ Thông tin và Truyền thông",
        basis="Thông tư 09/2018/TT-BTTTT, Điều 13",
    )
    merit = Award(
        code="BK-BTTTT",
        name="Bằng khen của Bộ trưởng Bộ Thông tin và Truyền thông",
        kind=AwardKind.COMMENDATION_FORM,
        recipient=Recipient.COLLECTIVE,
        issuer="Bộ trưởng Bộ Thông tin và Truyền thông",
        basis="Thông tư 09/2018/TT-BTTTT",
    )
    rule = EligibilityRule(
        code="CTD-BTTTT-2018",
        award="CTD-BTTTT",
        regime=LAW_2003,
        basis="Thông tư 09/2018/TT-BTTTT, Điều 13; Nghị định 91/2017/NĐ-CP, Điều 12",
        conditions=(
            LedGroupCondition(
                clause=(
                    "Nghị định 91/2017/NĐ-CP, Điều 12: Cờ thi đua cấp bộ qua bình xét,"
                    " so sánh trong cụm, khối thi đua"
                )
            ),
        ),
    )
    return _national(
        "BTTTT",
        "Khối thi đua Sở TT&TT (Thông tư 09/2018/TT-BTTTT, QĐ 1459/QĐ-BTTTT)",
        (flag, merit),
        rules=(rule,),
    )


def _preset_bct() -> Framework:
    flag = Award(
        code="CTD-BCT",
        name="Cờ thi đua của Bộ Công Thương",
        kind=AwardKind.EMULATION_TITLE,
        recipient=Recipient.COLLECTIVE,
        issuer="Bộ trưởng Bộ Công Thương",
        basis="Thông tư 22/2023/TT-BCT, Điều 6",
    )
    clause = "Thông tư 22/2023/TT-BCT, Điều 6"
    rule = EligibilityRule(
        code="CTD-BCT-2023",
        award="CTD-BCT",
        regime=LAW_2022,
        basis=clause,
        conditions=(
            LedGroupCondition(clause=f"{clause}: tập thể dẫn đầu cụm, khối thi đua"),
            StatementCondition(
                statement="exceeded-targets",
                requirement="exceeded its targets and has new factors or models",
                clause=f"{clause}.a",
            ),
            HoldsAwardCondition(award="TTLDXS", clause=f"{clause}.b"),
            StatementCondition(
                statement="party-mass-organisations-good",
                requirement=(
                    "internal solidarity; Party and mass organisations rated"
                    " 'hoàn thành tốt nhiệm vụ' or better"
                ),
                clause=f"{clause}.c",
            ),
        ),
    )
    return _national("BCT", "Ngành Công Thương (Thông tư 22/2023/TT-BCT)", (flag,), rules=(rule,))


def _preset_bgddt() -> Framework:
    flag = Award(
        code="CTD-BGDDT",
        name="Cờ thi đua của Bộ Giáo dục và Đào tạo",
        kind=AwardKind.EMULATION_TITLE,
        recipient=Recipient.COLLECTIVE,
        issuer="Bộ trưởng Bộ Giáo dục và Đào tạo",
        basis="Thông tư 29/2023/TT-BGDĐT, Điều 4; trước đó Thông tư 21/2020/TT-BGDĐT, Điều 4",
    )
    rule = EligibilityRule(
        code="CTD-BGDDT-2024",
        award="CTD-BGDDT",
        regime=LAW_2022,
        basis="Thông tư 29/2023/TT-BGDĐT, Điều 4 (hiệu lực 15/02/2024)",
        conditions=(
            LedGroupCondition(
                clause="Thông tư 29/2023/TT-BGDĐT, Điều 4: tập thể dẫn đầu cụm, khối thi đua"
            ),
        ),
    )
    quota = GroupQuota(
        award="CTD-BGDDT",
        max_per_group=1,
        first_year=2020,
        last_year=2023,
        basis=(
            "Thông tư 21/2020/TT-BGDĐT, Điều 4 (thay bằng Thông tư 29/2023/TT-BGDĐT từ 15/02/2024)"
        ),
    )
    return _national(
        "BGDDT",
        "Ngành Giáo dục (Thông tư 29/2023/TT-BGDĐT)",
        (flag,),
        rules=(rule,),
        quotas=(quota,),
    )


_PRESETS: Final = {
    "VN": _preset_national,
    "BTTTT": _preset_btttt,
    "BCT": _preset_bct,
    "BGDDT": _preset_bgddt,
}


def preset_codes() -> tuple[str, ...]:
    """Codes of the shipped frameworks."""
    return tuple(_PRESETS)


def preset(code: str) -> Framework:
    """A shipped framework: ``"VN"`` (national rules), ``"BTTTT"``, ``"BCT"`` or ``"BGDDT"``.

    Args:
        code: The preset's code.

    Raises:
        AwardError: no such preset (``unknown-framework``).
    """
    try:
        return _PRESETS[code]()
    except KeyError:
        msg = f"no framework preset {code!r}; known: {', '.join(_PRESETS)}"
        raise AwardError(msg, path="framework", code="unknown-framework") from None
