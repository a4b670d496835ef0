"""The shipped examples agree with each other and label what is illustrative."""

from __future__ import annotations

from thidua import ranking_of, run_review
from thidua.examples import cluster1_2019_2020, cluster1_review, cluster1_scoring
from thidua.scoring import score_all


def test_review_ranking_is_the_scoring_result() -> None:
    """The illustrative review takes its ranking from the illustrative scores of 2020."""
    results = score_all(cluster1_scoring())
    assert results.years[-1].year == cluster1_review().year == 2020
    assert cluster1_review().ranking == ranking_of(results.years[-1])


def test_leader_barred_by_knockout_is_not_acclaimed() -> None:
    """HN ranks first in 2020 but is barred from leading; HCM leads and is acclaimed first."""
    year = score_all(cluster1_scoring()).years[-1]
    assert year.units[0].unit == "HN"
    assert year.leaders == ("HCM",)
    report = run_review(cluster1_review())
    assert [line.unit for line in report.acclamation.acclaimed] == ["HCM", "DN"]


def test_illustrative_parts_are_labelled() -> None:
    """Scores and the review are marked illustrative; the agreement is not made up."""
    assert score_all(cluster1_scoring()).illustrative
    assert cluster1_review().illustrative
    assert "MINH HỌA" in cluster1_review().title
    assert cluster1_2019_2020().agreements[0].source is not None


def test_example_units_are_the_agreement_members() -> None:
    """The illustrative files score and review exactly the five signatories."""
    members = {s.unit for s in cluster1_2019_2020().agreements[0].signatories}
    assert {line.unit for line in cluster1_review().ranking} == members
    assert {u.unit for u in score_all(cluster1_scoring()).years[0].units} == members


def test_illustrative_scores_name_units_as_the_agreement_does() -> None:
    """The scoring example uses the organisation's names for the five departments."""
    organisation = cluster1_2019_2020().organisation
    for year in score_all(cluster1_scoring()).years:
        for unit in year.units:
            assert unit.name == organisation.unit(unit.unit).name
