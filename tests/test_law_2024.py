"""Issue 13, items 1-7: the law's standards, routes of proposals, bars, regimes, citations.

Each test states what the code before issue 13 did.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from thidua import (
    AwardError,
    NotDissolvedCondition,
    PersonYear,
    ProposalRoute,
    TaskRating,
    UnitYear,
    check_eligibility,
    preset,
    preset_codes,
    run_review,
)
from thidua.examples import cluster1_review
from thidua.scoring import Bar
from thidua.yearend._presets import TT15_2025_ISSUED

AS_OF_2020 = dt.date(2021, 3, 12)
AS_OF_2024 = dt.date(2025, 3, 12)
FLAG_2003 = ("exceeded-targets", "new-models", "solidarity-thrift")
FLAG_2022 = ("exceeded-targets", "new-models", "party-mass-organisations-good")


def unit(year: int, **extra: object) -> UnitYear:
    fields: dict[str, object] = {
        "unit": "HP",
        "year": year,
        "staff": 10,
        "completed": 10,
        "advanced_workers": 7,
        "emulation_fighters": 1,
        "task_rating": TaskRating.EXCELLENT,
        "statements": ("regular-movement", "solidarity"),
    }
    return UnitYear(**(fields | extra))  # type: ignore[arg-type]


def eligible(framework: str, award: str, facts: UnitYear | PersonYear, regime: str) -> bool:
    as_of = AS_OF_2020 if regime == "LTDKT-2003" else AS_OF_2024
    return check_eligibility(preset(framework), award, facts, regime=regime, as_of=as_of).eligible


# Item 1: the flag needs the standards of Art 26, leading is the procedure ---------------


def test_btttt_flag_needs_the_standards_not_only_leading() -> None:
    """Before: leading the cluster was the only condition, so this unit was eligible."""
    poor = unit(
        2020,
        completed=4,
        advanced_workers=0,
        emulation_fighters=0,
        task_rating=TaskRating.NOT_COMPLETED,
        led_group="CUM-1",
    )
    assert not eligible("BTTTT", "CTD-BTTTT", poor, "LTDKT-2003")
    meets = unit(2020, led_group="CUM-1", statements=FLAG_2003)
    assert eligible("BTTTT", "CTD-BTTTT", meets, "LTDKT-2003")
    answer = check_eligibility(
        preset("BTTTT"),
        "CTD-BTTTT",
        attrs.evolve(meets, statements=FLAG_2003[:2]),
        regime="LTDKT-2003",
        as_of=AS_OF_2020,
    )
    assert [r.clause for r in answer.unmet()] == [
        "Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung 2005, 2009, 2013), Điều 26.3"
    ]
    assert not eligible("BTTTT", "CTD-BTTTT", attrs.evolve(meets, led_group=None), "LTDKT-2003")


def test_education_flag_needs_art_26() -> None:
    """Before: the BGDĐT flag needed only leading; now Art 26.1 a-c as well."""
    led = unit(2024, led_group="K-1")
    assert not eligible("BGDDT", "CTD-BGDDT", led, "LTDKT-2022")
    assert eligible("BGDDT", "CTD-BGDDT", attrs.evolve(led, statements=FLAG_2022), "LTDKT-2022")


# Item 7: rules from 2024 with facts that meet and facts that just miss ---------------


def test_ministry_flag_2022_meets_and_just_misses() -> None:
    """Before: no national rule for the flag (no-rule)."""
    meets = unit(2024, led_group="K-1", statements=FLAG_2022, task_rating=TaskRating.COMPLETED)
    assert eligible("VN", "CTD-BNT", meets, "LTDKT-2022")
    assert not eligible(
        "VN", "CTD-BNT", attrs.evolve(meets, statements=FLAG_2022[:2]), "LTDKT-2022"
    )
    assert not eligible(
        "VN", "CTD-BNT", attrs.evolve(meets, task_rating=TaskRating.NOT_COMPLETED), "LTDKT-2022"
    )


def test_government_flag_2022_meets_and_just_misses() -> None:
    """Before: no rule for Cờ thi đua của Chính phủ (no-rule)."""
    meets = unit(2024, led_group="K-1", statements=("exceeded-targets", "leads-thrift"))
    assert eligible("VN", "CTD-CP", meets, "LTDKT-2022")
    assert not eligible("VN", "CTD-CP", attrs.evolve(meets, led_group=None), "LTDKT-2022")
    assert not eligible(
        "VN", "CTD-CP", attrs.evolve(meets, statements=("exceeded-targets",)), "LTDKT-2022"
    )


def test_ttldtt_2022_boundary() -> None:
    """Before: no rule for TTLĐTT under Law 06/2022 (no-rule). Art 28.1.c: more than 50 %."""
    six = unit(2024, advanced_workers=6, emulation_fighters=0, task_rating=TaskRating.GOOD)
    assert eligible("VN", "TTLDTT", six, "LTDKT-2022")
    assert not eligible("VN", "TTLDTT", attrs.evolve(six, advanced_workers=5), "LTDKT-2022")


def test_individual_titles_2022() -> None:
    """Before: no individual titles at all. LĐTT Art 24; CSTĐCS Art 23.1 (LĐTT + initiative)."""
    person = PersonYear(
        person="NVA",
        year=2024,
        task_rating=TaskRating.GOOD,
        statements=("abides-by-law", "studies", "ethics"),
    )
    assert eligible("VN", "LDTT", person, "LTDKT-2022")
    assert not eligible(
        "VN", "LDTT", attrs.evolve(person, task_rating=TaskRating.COMPLETED), "LTDKT-2022"
    )
    assert not eligible("VN", "CSTDCS", person, "LTDKT-2022")
    with_initiative = attrs.evolve(person, statements=(*person.statements, "initiative"))
    assert eligible("VN", "CSTDCS", with_initiative, "LTDKT-2022")
    with pytest.raises(AwardError) as info:
        eligible("VN", "TTLDXS", person, "LTDKT-2022")
    assert info.value.code == "wrong-recipient"


# Item 4: TT 15/2025 from its date, and only for the restructuring ---------------------


def test_tt15_applies_only_to_restructuring_and_from_its_date() -> None:
    """Before: any unit dissolved by the review date was knocked out, in any year."""
    plain = unit(2024, dissolved_on=dt.date(2025, 3, 1))
    assert eligible("VN", "TTLDXS", plain, "LTDKT-2022")
    restructured = attrs.evolve(plain, statements=(*plain.statements, "dissolved-in-restructuring"))
    before = check_eligibility(
        preset("VN"), "TTLDXS", restructured, regime="LTDKT-2022", as_of=dt.date(2025, 8, 3)
    )
    assert before.eligible
    after = check_eligibility(
        preset("VN"), "TTLDXS", restructured, regime="LTDKT-2022", as_of=dt.date(2025, 9, 1)
    )
    assert [r.facts for r in after.unmet()] == ["dissolved on 2025-03-01 in the restructuring"]
    on_issue = check_eligibility(
        preset("VN"), "TTLDXS", restructured, regime="LTDKT-2022", as_of=TT15_2025_ISSUED
    )
    assert not on_issue.eligible


def test_tt15_effective_date_is_an_input() -> None:
    """No source gives the effective date: the shipped date is the date of issue, named so."""
    assert dt.date(2025, 8, 4) == TT15_2025_ISSUED
    later = NotDissolvedCondition(
        clause="c", in_force_from=dt.date(2025, 9, 15), restructuring_only=True
    )
    gone = unit(
        2024,
        dissolved_on=dt.date(2025, 3, 1),
        statements=("dissolved-in-restructuring",),
    )
    assert later.check(gone, dt.date(2025, 9, 14)).met
    assert not later.check(gone, dt.date(2025, 9, 15)).met


# Item 5: regimes and citations ---------------------------------------------------------


def test_2003_law_names_every_amending_law() -> None:
    """Before: the name said "sửa đổi 2005 và 2013" and no law numbers."""
    law = preset("VN").regime("LTDKT-2003")
    for number in ("47/2005/QH11", "32/2009/QH12", "39/2013/QH13"):
        assert number in law.name


def test_no_rule_cites_a_decree_of_another_regime() -> None:
    """Every shipped rule and knockout of every preset, both regimes.

    Before: none did either, but nothing pinned it; the new flag rules cite both decrees.
    """
    foreign = {"LTDKT-2003": ("98/2023", "152/2025"), "LTDKT-2022": ("91/2017",)}
    checked = 0
    for code in preset_codes():
        framework = preset(code)
        for regime in framework.regimes:
            assert not any(d in regime.basis for d in foreign[regime.code]), regime.code
        cited = [
            (rule.code, rule.regime, [rule.basis, *(c.clause for c in rule.conditions)])
            for rule in framework.rules
        ] + [
            (ko.code, ko.regime, [ko.basis, *(c.clause for c in ko.conditions)])
            for ko in framework.knockouts
        ]
        for rule_code, regime_code, texts in cited:
            assert not any(d in t for d in foreign[regime_code] for t in texts), rule_code
            checked += 1
    assert checked >= 20


# Items 2 and 3: routes of proposals, and the scoring's bars in the review --------------


def test_barred_unit_is_never_acclaimed_nor_proposed() -> None:
    """Before: ranking_of dropped the bars; HN (barred from title and leading) was acclaimed."""
    document = cluster1_review()
    first = document.ranking[0]
    assert (first.unit, first.barred_from) == ("HN", (Bar.TITLE, Bar.LEADING))
    report = run_review(document)
    assert "HN" not in report.acclamation.units()
    assert all(n.unit != "HN" for n in report.nominations)
    assert all("HN" not in o.eligible for o in report.proposals)


def test_collective_titles_are_left_to_the_units_own_chain() -> None:
    """Before: the cluster proposed TTLĐXS and TTLĐTT itself, with no authority."""
    report = run_review(cluster1_review())
    routes = {o.award: (o.route, o.authority, o.left_out) for o in report.proposals}
    assert routes == {
        "TTLDXS": (ProposalRoute.OWN_CHAIN, None, True),
        "TTLDTT": (ProposalRoute.OWN_CHAIN, None, True),
        "CTD-BTTTT": (ProposalRoute.GROUP, "Bộ trưởng Bộ Thông tin và Truyền thông", False),
    }
    assert {n.award for n in report.nominations} <= {"CTD-BTTTT"}
    (ttldxs,) = [o for o in report.proposals if o.award == "TTLDXS"]
    assert ttldxs.reason == (
        "Tập thể lao động xuất sắc is decided in each unit's own chain, on its own dossier;"
        " left out of the group's proposals."
    )
