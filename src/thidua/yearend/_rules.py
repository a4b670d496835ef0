"""Eligibility rules as data: regimes, rules, knockouts, the framework, and the check.

Every rule belongs to a :class:`Regime` (the law in force) inside a :class:`Framework`
(the national rules, or a ministry's or province's), carries its legal basis as text,
and explains each answer: which condition, which facts, met or not.
"""

from __future__ import annotations

import datetime as dt
import itertools

import attrs

from thidua._base.text import nfc
from thidua._base.validation import code_validator, non_blank, typed_fields, unique_codes
from thidua.errors import AwardError, InvalidModelError
from thidua.yearend._caps import GroupQuota, ShareCap
from thidua.yearend._catalogue import Award, Recipient
from thidua.yearend._conditions import Condition, ConditionResult, Facts, UnitYear

__all__ = [
    "Eligibility",
    "EligibilityRule",
    "Framework",
    "Knockout",
    "Regime",
    "RegimeChoice",
    "check_eligibility",
    "choose_regime",
]


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
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


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
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


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
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


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
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


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
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


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
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
    framework: Framework, award: str, facts: Facts, *, regime: str, as_of: dt.date
) -> Eligibility:
    """Check one unit's (or, for an individual title, one person's) year against a rule.

    The regime's knockouts (such as "a dissolved unit is not commended") are checked too,
    on collectives.

    Args:
        framework: The rules.
        award: Code of the award.
        facts: The unit's year.
        regime: Code of the regime (see :func:`choose_regime`).
        as_of: The date of the review or decision (for knockouts such as dissolution).

    Raises:
        AwardError: unknown award or regime, no rule for the award (``no-rule``), or
            facts of a person for a collective's award or the reverse (``wrong-recipient``).
    """
    framework.regime(regime)
    rule = framework.rule(award, regime)
    wanted = framework.award(award).recipient
    given = Recipient.COLLECTIVE if isinstance(facts, UnitYear) else Recipient.INDIVIDUAL
    if wanted is not given:
        msg = f"{award} goes to a {wanted.value} recipient; the facts are of a {given.value} one"
        raise AwardError(msg, path="facts", code="wrong-recipient")
    results = [condition.check(facts, as_of) for condition in rule.conditions]
    for knockout in framework.knockouts:
        if knockout.regime == regime and isinstance(facts, UnitYear):
            results.extend(condition.check(facts, as_of) for condition in knockout.conditions)
    return Eligibility(
        unit=facts.subject,
        award=award,
        year=facts.year,
        regime=regime,
        rule=rule.code,
        basis=rule.basis,
        eligible=all(r.met for r in results),
        results=tuple(results),
    )
