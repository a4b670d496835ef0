"""Catalogue, regimes, eligibility rules with their boundaries, caps, quotas and successors."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

import attrs
import orjson
import pytest
from hypothesis import given

from thidua import (
    Award,
    AwardError,
    AwardKind,
    CapBase,
    DisciplineCount,
    DisciplineLevel,
    EligibilityRule,
    Framework,
    GroupQuota,
    InvalidModelError,
    Knockout,
    LedGroupCondition,
    Recipient,
    RecordTransfer,
    Regime,
    Rounding,
    ShareCap,
    StructureError,
    Succession,
    SuccessionKind,
    TaskRating,
    UnitYear,
    apply_cap,
    check_eligibility,
    choose_regime,
    government_flag_cap_2017_2022,
    government_flag_cap_2023,
    preset,
    preset_codes,
    record_holder,
)
from thidua.serialization import structure, unstructure
from thidua.strategies import unit_years

REVIEW_2020 = dt.date(2021, 3, 12)
REVIEW_2024 = dt.date(2025, 3, 12)
GOOD = ("regular-movement", "solidarity")


def facts(
    staff: int,
    advanced: int,
    fighters: int = 1,
    *,
    completed: int | None = None,
    year: int = 2020,
    rating: TaskRating | None = TaskRating.EXCELLENT,
    disciplined: tuple[DisciplineCount, ...] = (),
    statements: tuple[str, ...] = GOOD,
    **extra: Any,
) -> UnitYear:
    return UnitYear(
        unit="HP",
        year=year,
        staff=staff,
        completed=staff if completed is None else completed,
        advanced_workers=advanced,
        emulation_fighters=fighters,
        task_rating=rating,
        disciplined=disciplined,
        statements=statements,
        **extra,
    )


def structure_error(data: Any, cls: type) -> StructureError:
    with pytest.raises(StructureError) as info:
        structure(data, cls)
    return info.value


VN = preset("VN")


def ttldxs(unit: UnitYear, regime: str, as_of: dt.date = REVIEW_2020) -> bool:
    return check_eligibility(VN, "TTLDXS", unit, regime=regime, as_of=as_of).eligible


# Catalogue -------------------------------------------------------------------------


def test_catalogue_keeps_titles_apart_from_forms() -> None:
    """Flags and TTLĐXS are titles; Bằng khen is a form with its issuer."""
    btttt = preset("BTTTT")
    kinds = {a.code: a.kind for a in btttt.awards}
    assert kinds["CTD-CP"] is AwardKind.EMULATION_TITLE
    assert kinds["CTD-BTTTT"] is AwardKind.EMULATION_TITLE
    assert kinds["TTLDXS"] is AwardKind.EMULATION_TITLE
    assert kinds["BK-BTTTT"] is AwardKind.COMMENDATION_FORM
    assert btttt.award("BK-TTG").issuer == "Thủ tướng Chính phủ"
    assert all(a.basis for a in btttt.awards)


def test_commendation_form_needs_its_issuer() -> None:
    """A Bằng khen without an issuer is refused; with one it is accepted."""
    data = {
        "code": "BK-X",
        "name": "Bằng khen",
        "kind": "commendation-form",
        "recipient": "collective",
        "basis": "x",
    }
    error = structure_error(data, Award)
    assert (error.problems[0].path, error.problems[0].code) == ("$.issuer", "missing-issuer")
    assert structure({**data, "issuer": "Chủ tịch UBND tỉnh"}, Award).issuer == "Chủ tịch UBND tỉnh"
    error = structure_error({**data, "issuer": "  "}, Award)
    assert error.problems[0].code in {"missing-issuer", "empty"}


def test_unknown_award_and_preset() -> None:
    """Unknown awards and presets raise AwardError with stable codes."""
    with pytest.raises(AwardError) as info:
        VN.award("NOPE")
    assert info.value.code == "unknown-award"
    with pytest.raises(AwardError) as info:
        preset("NOPE")
    assert info.value.code == "unknown-framework"
    assert set(preset_codes()) == {"VN", "BTTTT", "BCT", "BGDDT"}


# TTLĐXS under both laws: the boundaries of the issue ---------------------------------


@pytest.mark.parametrize("regime", ["LTDKT-2003", "LTDKT-2022"])
def test_ttldxs_ten_staff_seven_advanced_one_fighter_is_eligible(regime: str) -> None:
    """10 staff, 7 LĐTT, 1 CSTĐCS among them, all completed: eligible."""
    year = 2020 if regime == "LTDKT-2003" else 2024
    assert ttldxs(facts(10, 7, 1, year=year), regime)


@pytest.mark.parametrize("regime", ["LTDKT-2003", "LTDKT-2022"])
def test_ttldxs_ten_staff_six_advanced_is_not(regime: str) -> None:
    """10 staff with 6 LĐTT misses 70 %: not eligible, and the reason says so."""
    answer = check_eligibility(VN, "TTLDXS", facts(10, 6, 1), regime=regime, as_of=REVIEW_2020)
    assert not answer.eligible
    (unmet,) = answer.unmet()
    assert "70 %" in unmet.requirement
    assert unmet.facts == "6 of 10 staff are Lao động tiên tiến"


@pytest.mark.parametrize("regime", ["LTDKT-2003", "LTDKT-2022"])
def test_ttldxs_nine_staff_boundary(regime: str) -> None:
    """9 staff: 7 LĐTT is eligible, 6 is not."""
    assert ttldxs(facts(9, 7, 1), regime)
    assert not ttldxs(facts(9, 6, 1), regime)


@pytest.mark.parametrize("regime", ["LTDKT-2003", "LTDKT-2022"])
def test_ttldxs_needs_a_fighter_and_full_completion_and_excellence(regime: str) -> None:
    """No CSTĐCS, one staff short of completion, or a 'good' rating each miss."""
    assert not ttldxs(facts(10, 7, 0), regime)
    assert not ttldxs(facts(10, 7, 1, completed=9), regime)
    assert not ttldxs(facts(10, 7, 1, rating=TaskRating.GOOD), regime)
    assert not ttldxs(facts(10, 7, 1, rating=None), regime)
    assert not ttldxs(facts(10, 7, 1, statements=("solidarity",)), regime)
    assert not ttldxs(facts(10, 7, 1, statements=("regular-movement",)), regime)


def test_ttldxs_discipline_matters_under_2003_only() -> None:
    """A 'cảnh cáo' bars TTLĐXS under the 2003 law, not under Art 27 of the 2022 law."""
    warned = facts(10, 7, 1, disciplined=(DisciplineCount(level=DisciplineLevel.WARNING, staff=1),))
    reprimanded = facts(
        10, 7, 1, disciplined=(DisciplineCount(level=DisciplineLevel.REPRIMAND, staff=1),)
    )
    assert not ttldxs(warned, "LTDKT-2003")
    assert ttldxs(reprimanded, "LTDKT-2003")
    assert ttldxs(warned, "LTDKT-2022")


def test_eligibility_explains_every_condition() -> None:
    """Each answer lists rule, regime, every condition with its facts, met or not."""
    answer = check_eligibility(
        VN, "TTLDXS", facts(10, 7, 1), regime="LTDKT-2022", as_of=REVIEW_2024
    )
    assert answer.rule == "TTLDXS-2022"
    assert answer.basis == "Luật Thi đua, khen thưởng 06/2022/QH15, Điều 27.1"
    clauses = [r.clause for r in answer.results]
    assert "Luật Thi đua, khen thưởng 06/2022/QH15, Điều 27.1.c" in clauses
    text = answer.explain()
    assert text.startswith("HP: eligible for TTLDXS 2020 (rule TTLDXS-2022, LTDKT-2022)")
    assert "[met] at least 70 % of staff are Lao động tiên tiến" in text
    assert all(str(r).startswith("[met]") for r in answer.results)


# TTLĐTT ---------------------------------------------------------------------------


def ttldtt(unit: UnitYear) -> bool:
    return check_eligibility(VN, "TTLDTT", unit, regime="LTDKT-2003", as_of=REVIEW_2020).eligible


def test_ttldtt_eight_staff_five_advanced_is_eligible() -> None:
    """8 staff, 5 LĐTT (more than 50 %): eligible."""
    assert ttldtt(facts(8, 5, 0, rating=TaskRating.GOOD))


def test_ttldtt_eight_staff_four_advanced_is_not() -> None:
    """8 staff, 4 LĐTT (exactly 50 %) is not more than half: not eligible."""
    answer = check_eligibility(
        VN, "TTLDTT", facts(8, 4, 0, rating=TaskRating.GOOD), regime="LTDKT-2003", as_of=REVIEW_2020
    )
    assert not answer.eligible
    assert answer.unmet()[0].requirement == "more than 50 % of staff are Lao động tiên tiến"


def test_ttldtt_discipline_at_warning_or_above_bars() -> None:
    """A reprimand is fine; a warning or anything heavier bars TTLĐTT."""
    for level, ok in [
        (DisciplineLevel.REPRIMAND, True),
        (DisciplineLevel.WARNING, False),
        (DisciplineLevel.DISMISSAL, False),
    ]:
        unit = facts(8, 5, 0, disciplined=(DisciplineCount(level=level, staff=1),))
        assert ttldtt(unit) is ok


def test_ttldtt_needs_good_rating() -> None:
    """'Completed' is below 'good': not eligible."""
    assert not ttldtt(facts(8, 5, 0, rating=TaskRating.COMPLETED))


def test_ttldtt_under_2022_is_art_28() -> None:
    """TTLĐTT under Law 06/2022 Art 28.1 (issue 13 item 7; before: no rule shipped)."""
    answer = check_eligibility(
        VN, "TTLDTT", facts(8, 5, 0, year=2024), regime="LTDKT-2022", as_of=REVIEW_2024
    )
    assert answer.eligible
    assert answer.basis == "Luật Thi đua, khen thưởng 06/2022/QH15, Điều 28.1"


# Ministry flags --------------------------------------------------------------------


def test_btttt_flag_goes_to_group_leaders() -> None:
    """The 2003 Law's Art 26 standards, and leading the cluster (ND 91/2017 Art 12)."""
    btttt = preset("BTTTT")
    flag = (*GOOD, "exceeded-targets", "new-models", "solidarity-thrift")
    led = check_eligibility(
        btttt,
        "CTD-BTTTT",
        facts(10, 7, led_group="CUM-1", statements=flag),
        regime="LTDKT-2003",
        as_of=REVIEW_2020,
    )
    assert led.eligible
    not_led = check_eligibility(
        btttt, "CTD-BTTTT", facts(10, 7, statements=flag), regime="LTDKT-2003", as_of=REVIEW_2020
    )
    assert not not_led.eligible
    assert not_led.unmet()[0].facts == "led no group"


def test_bct_flag_needs_leading_and_ttldxs_same_year() -> None:
    """TT 22/2023/TT-BCT: lead the group and hold TTLĐXS the same year (plus attestations)."""
    bct = preset("BCT")
    statements = (*GOOD, "exceeded-targets", "party-mass-organisations-good")
    ok = facts(10, 7, year=2024, statements=statements, led_group="K-1", awards_held=("TTLDXS",))
    answer = check_eligibility(bct, "CTD-BCT", ok, regime="LTDKT-2022", as_of=REVIEW_2024)
    assert answer.eligible
    without = attrs.evolve(ok, awards_held=())
    answer = check_eligibility(bct, "CTD-BCT", without, regime="LTDKT-2022", as_of=REVIEW_2024)
    assert [r.requirement for r in answer.unmet()] == ["holds TTLDXS for 2024"]
    not_led = attrs.evolve(ok, led_group=None)
    assert not check_eligibility(
        bct, "CTD-BCT", not_led, regime="LTDKT-2022", as_of=REVIEW_2024
    ).eligible


def test_education_quota_one_per_cluster_until_2023() -> None:
    """TT 21/2020/TT-BGDĐT: 1 per cluster up to 2023; no quota shipped after TT 29/2023."""
    bgddt = preset("BGDDT")
    quota = bgddt.quota("CTD-BGDDT", 2022)
    assert quota is not None
    assert quota.max_per_group == 1
    assert bgddt.quota("CTD-BGDDT", 2024) is None
    assert bgddt.quota("CTD-BGDDT", 2019) is None
    assert VN.quota("TTLDXS", 2022) is None


# Dissolved units (TT 15/2025) -------------------------------------------------------


def test_dissolved_unit_is_not_commended() -> None:
    """A unit dissolved in the restructuring fails the TT 15/2025 knockout, from its date."""
    statements = (*GOOD, "dissolved-in-restructuring")
    gone = facts(10, 7, year=2024, statements=statements, dissolved_on=dt.date(2025, 3, 1))
    as_of = dt.date(2025, 9, 1)
    answer = check_eligibility(VN, "TTLDXS", gone, regime="LTDKT-2022", as_of=as_of)
    assert not answer.eligible
    (unmet,) = answer.unmet()
    assert "Thông tư 15/2025/TT-BNV" in unmet.clause
    assert unmet.facts == "dissolved on 2025-03-01 in the restructuring"


def test_unit_dissolved_after_the_review_is_still_commended() -> None:
    """Dissolution the day after the review does not knock the unit out."""
    later = facts(10, 7, year=2024, dissolved_on=dt.date(2025, 3, 13))
    assert ttldxs(later, "LTDKT-2022", as_of=REVIEW_2024)


# Government flag caps -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("rounding", "base", "limit"),
    [
        (Rounding.FLOOR, 8, 1),
        (Rounding.CEILING, 8, 2),
        (Rounding.HALF_UP, 8, 2),
        (Rounding.HALF_EVEN, 8, 2),
        (Rounding.FLOOR, 16, 3),
        (Rounding.HALF_UP, 12, 2),
        (Rounding.HALF_EVEN, 15, 3),
        (Rounding.HALF_UP, 5, 1),
        (Rounding.FLOOR, 10, 2),
        (Rounding.CEILING, 10, 2),
    ],
)
def test_government_flag_cap_uses_the_declared_rounding(
    rounding: Rounding, base: int, limit: int
) -> None:
    """20 % of 8 leaders is 1.6: 1 by floor, 2 by ceiling; exact multiples are unchanged."""
    cap = government_flag_cap_2023(rounding)
    assert cap.base is CapBase.GROUP_LEADERS
    assert cap.limit(base) == limit


def test_half_rounding_modes_differ_at_one_half() -> None:
    """2.5 rounds to 3 half-up and to 2 half-even."""
    assert Rounding.HALF_UP.apply(Fraction(5, 2)) == 3
    assert Rounding.HALF_EVEN.apply(Fraction(5, 2)) == 2


def test_government_flag_caps_cover_their_years_only() -> None:
    """ND 91/2017 covers 2017–2022, CV 5007 covers 2023; nothing is shipped for 2024."""
    early = government_flag_cap_2017_2022(Rounding.FLOOR)
    assert early.base is CapBase.QUALIFYING_COLLECTIVES
    assert early.covers(2017)
    assert early.covers(2022)
    assert not early.covers(2023)
    framework = attrs.evolve(VN, caps=(early, government_flag_cap_2023(Rounding.FLOOR)))
    cap_2023 = framework.cap("CTD-CP", 2023)
    assert cap_2023 is not None
    assert cap_2023.basis.endswith("Công văn 5007/BNV-TĐKT ngày 05/9/2023")
    assert framework.cap("CTD-CP", 2024) is None
    assert VN.cap("CTD-CP", 2020) is None


def test_apply_cap_keeps_the_first_candidates() -> None:
    """With 8 leaders and floor rounding, one candidate fits."""
    result = apply_cap(government_flag_cap_2023(Rounding.FLOOR), ("HP", "CT"), 8)
    assert (result.limit, result.within, result.beyond) == (1, ("HP",), ("CT",))
    assert "rounded floor to 1" in result.explanation
    with pytest.raises(AwardError) as info:
        apply_cap(government_flag_cap_2023(Rounding.FLOOR), ("A", "B", "C"), 2)
    assert info.value.code == "invalid-base"


def test_share_cap_has_no_default_rounding() -> None:
    """A cap without its rounding is refused: the library ships no guess."""
    data = unstructure(government_flag_cap_2023(Rounding.FLOOR))
    del data["rounding"]
    error = structure_error(data, ShareCap)
    assert (error.problems[0].path, error.problems[0].code) == ("$.rounding", "missing")
    data = unstructure(government_flag_cap_2023(Rounding.FLOOR))
    data["last_year"] = 2020
    error = structure_error(data, ShareCap)
    assert (error.problems[0].path, error.problems[0].code) == ("$.last_year", "invalid-interval")


# Regimes -----------------------------------------------------------------------------


def test_default_regime_follows_the_end_of_the_period() -> None:
    """Year 2023 reviewed in Q1 2024 stays under the 2003 law; 2024 falls under 2022's."""
    choice = choose_regime(VN, dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert (choice.regime, choice.explicit, choice.crosses_boundary) == ("LTDKT-2003", False, False)
    assert choose_regime(VN, dt.date(2024, 1, 1), dt.date(2024, 12, 31)).regime == "LTDKT-2022"


def test_school_year_crossing_the_boundary_says_so() -> None:
    """School year 2023–2024 takes the regime of its end and says it crosses."""
    choice = choose_regime(VN, dt.date(2023, 9, 5), dt.date(2024, 5, 31))
    assert choice.regime == "LTDKT-2022"
    assert choice.crosses_boundary
    assert "starts under LTDKT-2003" in choice.reason


def test_explicit_regime_overrides_the_default() -> None:
    """Naming the regime applies it, and the reason records the crossing."""
    choice = choose_regime(VN, dt.date(2023, 1, 1), dt.date(2024, 12, 31), regime="LTDKT-2003")
    assert (choice.regime, choice.explicit, choice.crosses_boundary) == ("LTDKT-2003", True, True)
    assert "named by the caller" in choice.reason
    with pytest.raises(AwardError) as info:
        choose_regime(VN, dt.date(2023, 1, 1), dt.date(2023, 12, 31), regime="NOPE")
    assert info.value.code == "unknown-regime"


def test_regime_errors() -> None:
    """A reversed period, or a date no regime covers, is refused."""
    with pytest.raises(AwardError) as info:
        choose_regime(VN, dt.date(2024, 1, 1), dt.date(2023, 1, 1))
    assert info.value.code == "invalid-period"
    only_2022 = attrs.evolve(
        VN,
        regimes=(VN.regime("LTDKT-2022"),),
        rules=tuple(r for r in VN.rules if r.regime == "LTDKT-2022"),
    )
    with pytest.raises(AwardError) as info:
        choose_regime(only_2022, dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    assert info.value.code == "no-regime"


def test_regime_interval_must_be_ordered() -> None:
    """valid_to before valid_from is refused."""
    error = structure_error(
        {
            "code": "R",
            "name": "r",
            "valid_from": "2024-01-01",
            "valid_to": "2023-01-01",
            "basis": "b",
        },
        Regime,
    )
    assert (error.problems[0].path, error.problems[0].code) == ("$.valid_to", "invalid-interval")


# User frameworks are validated like any model ------------------------------------------


def own_framework() -> dict[str, Any]:
    return {
        "code": "HP-TINH",
        "name": "Quy định thi đua của tỉnh (tự định nghĩa)",
        "regimes": [
            {"code": "R1", "name": "Quy định 2024", "valid_from": "2024-01-01", "basis": "QĐ 1"}
        ],
        "awards": [
            {
                "code": "CTD-TINH",
                "name": "Cờ thi đua của UBND tỉnh",
                "kind": "emulation-title",
                "recipient": "collective",
                "issuer": "Chủ tịch UBND tỉnh",
                "basis": "QĐ 1",
            }
        ],
        "rules": [
            {
                "code": "CTD-TINH-R1",
                "award": "CTD-TINH",
                "regime": "R1",
                "basis": "QĐ 1, Điều 5",
                "conditions": [
                    {"kind": "led-group", "clause": "Điều 5.1"},
                    {
                        "kind": "share",
                        "count": "advanced-workers",
                        "share": "3/4",
                        "strict": False,
                        "clause": "Điều 5.2",
                    },
                    {
                        "kind": "count",
                        "count": "emulation-fighters",
                        "at_least": 2,
                        "clause": "Điều 5.3",
                    },
                    {"kind": "no-discipline", "at_or_above": "reprimand", "clause": "Điều 5.4"},
                    {"kind": "task-rating", "at_least": "excellent", "clause": "Điều 5.5"},
                    {
                        "kind": "statement",
                        "statement": "solidarity",
                        "requirement": "đoàn kết",
                        "clause": "Điều 5.6",
                    },
                    {"kind": "holds-award", "award": "TTLDXS", "clause": "Điều 5.7"},
                    {"kind": "not-dissolved", "clause": "Điều 5.8"},
                ],
            }
        ],
        "quotas": [{"award": "CTD-TINH", "max_per_group": 2, "first_year": 2024, "basis": "QĐ 1"}],
    }


def test_user_framework_loads_and_applies() -> None:
    """A province's own rules, given as data, load and decide."""
    framework = structure(own_framework(), Framework)
    unit = facts(8, 6, 2, year=2024, led_group="K-1", awards_held=("TTLDXS",))
    assert check_eligibility(framework, "CTD-TINH", unit, regime="R1", as_of=REVIEW_2024).eligible
    missed = attrs.evolve(unit, emulation_fighters=1)
    answer = check_eligibility(framework, "CTD-TINH", missed, regime="R1", as_of=REVIEW_2024)
    assert [r.clause for r in answer.unmet()] == ["Điều 5.3"]
    reprimanded = attrs.evolve(
        unit, disciplined=(DisciplineCount(level=DisciplineLevel.REPRIMAND, staff=1),)
    )
    answer = check_eligibility(framework, "CTD-TINH", reprimanded, regime="R1", as_of=REVIEW_2024)
    assert [r.clause for r in answer.unmet()] == ["Điều 5.4"]
    raw = unstructure(framework)
    assert structure(raw, Framework) == framework
    assert orjson.dumps(unstructure(structure(raw, Framework))) == orjson.dumps(raw)


@pytest.mark.parametrize(
    ("change", "path", "code"),
    [
        (lambda d: d["rules"][0].update(award="NOPE"), "$.rules[0].award", "unknown-award"),
        (lambda d: d["rules"][0].update(regime="NOPE"), "$.rules[0].regime", "unknown-regime"),
        (lambda d: d["quotas"][0].update(award="NOPE"), "$.quotas[0].award", "unknown-award"),
        (lambda d: d["rules"].append(dict(d["rules"][0])), "$.rules[1].code", "duplicate-code"),
        (
            lambda d: d["rules"].append({**d["rules"][0], "code": "OTHER"}),
            "$.rules[1]",
            "duplicate-rule",
        ),
        (
            lambda d: d["regimes"].append(
                {**d["regimes"][0], "code": "R2", "valid_from": "2025-01-01"}
            ),
            "$.regimes[1]",
            "overlapping-regimes",
        ),
        (lambda d: d["rules"][0].update(conditions=[]), "$.rules[0].conditions", "empty"),
        (
            lambda d: d["rules"][0]["conditions"].append({"kind": "nope"}),
            "$.rules[0].conditions[8]",
            "unknown-tag",
        ),
        (
            lambda d: d["rules"][0]["conditions"][1].update(share="5/4"),
            "$.rules[0].conditions[1].share",
            "invalid-share",
        ),
        (
            lambda d: d.update(
                knockouts=[
                    {
                        "code": "K",
                        "regime": "NOPE",
                        "basis": "b",
                        "conditions": [{"kind": "not-dissolved", "clause": "c"}],
                    }
                ]
            ),
            "$.knockouts[0].regime",
            "unknown-regime",
        ),
        (
            lambda d: d.update(
                knockouts=[{"code": "K", "regime": "R1", "basis": "b", "conditions": []}]
            ),
            "$.knockouts[0].conditions",
            "empty",
        ),
    ],
)
def test_user_framework_is_validated(change: Any, path: str, code: str) -> None:
    """Broken references and duplicates in a user framework are refused with paths."""
    data = own_framework()
    change(data)
    error = structure_error(data, Framework)
    assert (error.problems[0].path, error.problems[0].code) == (path, code)


def test_framework_lookup_errors() -> None:
    """Unknown regimes and rules raise AwardError."""
    with pytest.raises(AwardError) as info:
        VN.regime("NOPE")
    assert info.value.code == "unknown-regime"
    with pytest.raises(AwardError) as info:
        check_eligibility(
            preset("BCT"), "CTD-BCT", facts(10, 7), regime="LTDKT-2003", as_of=REVIEW_2020
        )
    assert info.value.code == "no-rule"


def test_knockout_model_and_rule_model() -> None:
    """Knockouts and rules need conditions."""
    with pytest.raises(InvalidModelError):
        Knockout(code="K", regime="R", basis="b", conditions=())
    with pytest.raises(InvalidModelError):
        EligibilityRule(code="E", award="A", regime="R", basis="b", conditions=())
    rule = EligibilityRule(
        code="E", award="A", regime="R", basis="b", conditions=(LedGroupCondition(clause="c"),)
    )
    assert structure(unstructure(rule), EligibilityRule) == rule


# Unit years --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"completed": 11}, "$.completed"),
        ({"advanced_workers": 11}, "$.advanced_workers"),
        ({"emulation_fighters": 8}, "$.emulation_fighters"),
        ({"disciplined": [{"level": "warning", "staff": 11}]}, "$.disciplined"),
        ({"staff": 0}, "$.staff"),
        ({"year": 1800}, "$.year"),
    ],
)
def test_unit_year_counts_are_consistent(change: dict[str, Any], path: str) -> None:
    """Counts beyond staff, CSTĐCS beyond LĐTT and implausible years are refused."""
    data = {**unstructure(facts(10, 7, 1)), **change}
    error = structure_error(data, UnitYear)
    assert error.problems[0].path == path


def test_unit_year_discipline_levels_are_distinct() -> None:
    """A discipline level appears once."""
    data = {
        **unstructure(facts(10, 7, 1)),
        "disciplined": [{"level": "warning", "staff": 1}, {"level": "warning", "staff": 1}],
    }
    error = structure_error(data, UnitYear)
    assert error.problems[0].code == "duplicate-code"


@given(unit_years())
def test_unit_year_round_trips(value: UnitYear) -> None:
    """Unit years survive structure(unstructure()) with equal bytes."""
    raw = unstructure(value)
    assert structure(raw, UnitYear) == value
    assert orjson.dumps(unstructure(structure(raw, UnitYear))) == orjson.dumps(raw)


@given(unit_years())
def test_eligibility_is_all_conditions(value: UnitYear) -> None:
    """Eligible exactly when every explained condition is met."""
    answer = check_eligibility(VN, "TTLDXS", value, regime="LTDKT-2022", as_of=REVIEW_2024)
    assert answer.eligible == all(r.met for r in answer.results)
    assert len(answer.results) == 7


# Successors ----------------------------------------------------------------------------


MERGE = Succession(
    kind=SuccessionKind.MERGE,
    unit="HD",
    successor="HP",
    effective=dt.date(2025, 7, 1),
    basis="Nghị quyết sắp xếp đơn vị hành chính cấp tỉnh 2025",
)


def test_merged_unit_record_passes_to_successor_by_rule() -> None:
    """After the merge, HD's record is held by HP when the rule passes records."""
    holder = record_holder("HD", (MERGE,), dt.date(2025, 12, 1), RecordTransfer.TO_SUCCESSOR)
    assert holder.holder == "HP"
    assert "HD merge into HP on 2025-07-01" in holder.chain[0]
    before = record_holder("HD", (MERGE,), dt.date(2025, 6, 30), RecordTransfer.TO_SUCCESSOR)
    assert before.holder == "HD"
    assert before.chain == ()


def test_record_rule_none_ends_the_record() -> None:
    """With the rule NONE, a merged unit's record passes to nobody; a rename still passes."""
    holder = record_holder("HD", (MERGE,), dt.date(2025, 12, 1), RecordTransfer.NONE)
    assert holder.holder is None
    rename = attrs.evolve(MERGE, kind=SuccessionKind.RENAME)
    assert record_holder("HD", (rename,), dt.date(2025, 12, 1), RecordTransfer.NONE).holder == "HP"


def test_dissolved_unit_has_no_record_holder() -> None:
    """A dissolution ends the chain."""
    gone = Succession(
        kind=SuccessionKind.DISSOLVE,
        unit="X",
        successor=None,
        effective=dt.date(2025, 8, 4),
        basis="b",
    )
    holder = record_holder("X", (gone,), dt.date(2025, 9, 1), RecordTransfer.TO_SUCCESSOR)
    assert holder.holder is None
    assert "dissolved" in holder.chain[0]


def test_chained_successions_and_their_errors() -> None:
    """Successions chain; a unit ending twice or a loop is refused."""
    second = Succession(
        kind=SuccessionKind.RENAME,
        unit="HP",
        successor="HP2",
        effective=dt.date(2025, 8, 1),
        basis="b",
    )
    assert (
        record_holder(
            "HD", (MERGE, second), dt.date(2026, 1, 1), RecordTransfer.TO_SUCCESSOR
        ).holder
        == "HP2"
    )
    with pytest.raises(InvalidModelError) as info:
        record_holder("HD", (MERGE, MERGE), dt.date(2026, 1, 1), RecordTransfer.TO_SUCCESSOR)
    assert info.value.code == "invalid-succession"
    back = Succession(
        kind=SuccessionKind.RENAME,
        unit="HP",
        successor="HD",
        effective=dt.date(2025, 8, 1),
        basis="b",
    )
    with pytest.raises(InvalidModelError) as info:
        record_holder("HD", (MERGE, back), dt.date(2026, 1, 1), RecordTransfer.TO_SUCCESSOR)
    assert info.value.code == "invalid-succession"


@pytest.mark.parametrize(
    ("kind", "successor", "unit"),
    [("dissolve", "HP", "HD"), ("merge", None, "HD"), ("merge", "HD", "HD")],
)
def test_succession_invariants(kind: str, successor: str | None, unit: str) -> None:
    """A dissolution has no successor, anything else has one, and not itself."""
    data = {
        "kind": kind,
        "unit": unit,
        "successor": successor,
        "effective": "2025-07-01",
        "basis": "b",
    }
    error = structure_error(data, Succession)
    assert (error.problems[0].path, error.problems[0].code) == ("$.successor", "invalid-successor")


def test_group_quota_years() -> None:
    """A quota with no last year stays in force."""
    quota = GroupQuota(award="A", max_per_group=2, first_year=2024, basis="b")
    assert quota.covers(2030)
    assert not quota.covers(2023)


def test_recipient_and_award_round_trip() -> None:
    """Catalogue entries round-trip."""
    award = Award(
        code="X",
        name="Giấy khen",
        kind=AwardKind.COMMENDATION_FORM,
        recipient=Recipient.COLLECTIVE,
        issuer="Giám đốc Sở",
        basis="b",
    )
    assert structure(unstructure(award), Award) == award
    assert ShareCap is type(government_flag_cap_2023(Rounding.CEILING))


def test_title_issuer_may_not_be_blank() -> None:
    """A title may omit its issuer, but not give a blank one."""
    data = {
        "code": "CTD",
        "name": "Cờ",
        "kind": "emulation-title",
        "recipient": "collective",
        "basis": "b",
    }
    assert structure(data, Award).issuer is None
    error = structure_error({**data, "issuer": " "}, Award)
    assert (error.problems[0].path, error.problems[0].code) == ("$.issuer", "empty")


def test_eligibility_must_agree_with_its_results() -> None:
    """A stored answer claiming eligibility with an unmet condition is refused."""
    answer = check_eligibility(VN, "TTLDXS", facts(10, 6), regime="LTDKT-2003", as_of=REVIEW_2020)
    data = {**unstructure(answer), "eligible": True}
    error = structure_error(data, type(answer))
    assert (error.problems[0].path, error.problems[0].code) == ("$.eligible", "inconsistent-result")


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("unit", "bad code!", "invalid-code"),
        ("staff", -1, "not-positive"),
        ("completed", -1, "negative"),
    ],
)
def test_unit_year_codes_and_counts(field: str, value: object, code: str) -> None:
    """Invalid codes and negative counts are refused at their path."""
    data = {**unstructure(facts(10, 7)), field: value}
    error = structure_error(data, UnitYear)
    assert (error.problems[0].path, error.problems[0].code) == (f"$.{field}", code)
