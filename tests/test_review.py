"""The review document, ``thidua review``, and ballot privacy end to end."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

import attrs
import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua import (
    AwardError,
    Ballot,
    BallotError,
    Cast,
    InvalidModelError,
    ReviewDocument,
    StructureError,
    ThiduaError,
    cast_ballots,
    run_review,
)
from thidua.cli import main
from thidua.cli._review import render_json, render_markdown, render_table
from thidua.serialization import dumps, loads, unstructure

EXAMPLE = Path(__file__).parent / "data" / "review_2020.json"


def example_data() -> dict[str, Any]:
    data: dict[str, Any] = orjson.loads(EXAMPLE.read_bytes())
    return data


def load(data: dict[str, Any]) -> ReviewDocument:
    return loads(data, ReviewDocument)


def test_example_is_labelled_illustrative() -> None:
    """The shipped example says it is illustrative, in the data and the title."""
    document = load(example_data())
    assert document.illustrative
    assert "MINH HỌA" in document.title
    assert "Made up" in document.note
    assert document.group == "CUM-1"
    assert set(document.meeting.members) == {"HN", "HCM", "HP", "DN", "CT"}


def test_example_round_trips_to_the_same_bytes() -> None:
    """Loading and dumping the example gives back its bytes."""
    raw = EXAMPLE.read_bytes()
    assert dumps(loads(raw, ReviewDocument), indent=True) + b"\n" == raw


def test_example_review() -> None:
    """HP and HN are acclaimed and the cluster proposes the ministry flag for each.

    TTLĐXS and TTLĐTT are each department's own chain's (issue 13 item 2): found eligible,
    left out of the cluster's proposals with the reason.
    """
    report = run_review(load(example_data()))
    assert report.regime.regime == "LTDKT-2003"
    assert report.acclamation.units() == ("HP", "HN")
    assert report.tally is not None
    assert report.tally.votes("HP") == 4
    proposed = {(n.unit, n.award) for n in report.nominations}
    assert proposed == {("HP", "CTD-BTTTT"), ("HN", "CTD-BTTTT")}
    flag = next(n for n in report.nominations if n.award == "CTD-BTTTT")
    assert flag.group_led == "CUM-1"
    outcomes = {o.award: (o.route.value, o.units, o.eligible) for o in report.proposals}
    assert outcomes == {
        "TTLDXS": ("own-chain", (), ("HP", "HN")),
        "TTLDTT": ("own-chain", (), ("HP", "HN", "HCM", "DN", "CT")),
        "CTD-BTTTT": ("group", ("HP", "HN"), ("HP", "HN")),
    }


def test_one_achievement_one_award_on_the_groups_route() -> None:
    """Where the group proposes both collective titles, a unit gets one per achievement."""
    data = example_data()
    for proposal in data["proposals"][:2]:
        proposal.update(route="group", authority="Chủ tịch Ủy ban nhân dân thành phố")
    report = run_review(load(data))
    proposed = {(n.unit, n.award) for n in report.nominations}
    assert proposed == {
        ("HP", "TTLDXS"),
        ("HN", "TTLDXS"),
        ("HCM", "TTLDTT"),
        ("DN", "TTLDTT"),
        ("CT", "TTLDTT"),
        ("HP", "CTD-BTTTT"),
        ("HN", "CTD-BTTTT"),
    }
    assert any("one achievement, one award" in note for note in report.notes)


def test_quorum_not_met_stops_the_review() -> None:
    """With 3 of 5 present, the review refuses to run."""
    data = example_data()
    data["meeting"]["present"] = ["HN", "HP", "DN"]
    data["ballots"]["ballots"] = data["ballots"]["ballots"][:3]
    with pytest.raises(BallotError) as info:
        run_review(load(data))
    assert info.value.code == "quorum-not-met"


def test_too_many_ballots_stop_the_review() -> None:
    """Six ballots for five voters is an error."""
    data = example_data()
    data["ballots"]["ballots"].append({"choices": ["HP"], "spoiled": False})
    with pytest.raises(BallotError) as info:
        run_review(load(data))
    assert info.value.code == "too-many-ballots"


def test_review_after_2024_has_no_btttt_flag_rule() -> None:
    """Under the 2022 law the BTTTT preset ships no rule for its flag: no guess.

    TTLĐTT has a 2024 rule since issue 13 (Law 06/2022 Art 28): the missing one is the
    ministry's own flag, whose post-2024 circular is not shipped.
    """
    data = example_data()
    data.update(period_start="2024-01-01", period_end="2024-12-31", year=2024)
    for facts in data["facts"]:
        facts["year"] = 2024
    with pytest.raises(AwardError) as info:
        run_review(load(data))
    assert info.value.code == "no-rule"
    assert "'CTD-BTTTT'" in info.value.message


def test_explicit_regime_and_successors() -> None:
    """A merged member's nomination passes to its successor; a dissolved one is dropped."""
    data = example_data()
    data["proposals"] = [data["proposals"][2]]
    data["successions"] = [
        {"kind": "merge", "unit": "HN", "successor": "HP", "effective": "2021-01-15", "basis": "b"},
        {
            "kind": "dissolve",
            "unit": "HP",
            "successor": None,
            "effective": "2022-01-01",
            "basis": "b",
        },
    ]
    data["record_transfer"] = "to-successor"
    data["regime"] = "LTDKT-2003"
    report = run_review(load(data))
    assert report.regime.explicit
    assert [(n.unit, n.award) for n in report.nominations] == [("HP", "CTD-BTTTT")]
    assert any("record passes to HP" in note for note in report.notes)
    data["successions"][0]["effective"] = "2021-01-01"
    data["successions"][1]["effective"] = "2021-02-01"
    report = run_review(load(data))
    assert report.nominations == ()
    assert any("not proposed" in note for note in report.notes)


def test_merged_units_do_not_double_the_successor_award() -> None:
    """Two units merging into one: the successor gets one nomination per achievement."""
    data = example_data()
    data["proposals"] = [data["proposals"][2]]
    data["successions"] = [
        {"kind": "merge", "unit": "HN", "successor": "HP", "effective": "2021-01-15", "basis": "b"}
    ]
    data["record_transfer"] = "to-successor"
    report = run_review(load(data))
    assert [(n.unit, n.award) for n in report.nominations] == [("HP", "CTD-BTTTT")]
    assert any("already proposed" in note for note in report.notes)


def test_quota_limits_the_proposals() -> None:
    """A framework quota of 1 per group leaves the second leader as a note."""
    data = example_data()
    own = {
        "code": "MY",
        "name": "Khung riêng",
        "regimes": [{"code": "R", "name": "r", "basis": "b"}],
        "awards": [
            {
                "code": "FLAG",
                "name": "Cờ",
                "kind": "emulation-title",
                "recipient": "collective",
                "issuer": "Bộ trưởng",
                "basis": "b",
            }
        ],
        "rules": [
            {
                "code": "FLAG-R",
                "award": "FLAG",
                "regime": "R",
                "basis": "b",
                "conditions": [{"kind": "led-group", "clause": "c"}],
            }
        ],
        "quotas": [{"award": "FLAG", "max_per_group": 1, "first_year": 2000, "basis": "quota"}],
    }
    data.update(
        frameworks=[own],
        framework="MY",
        proposals=[{"award": "FLAG", "scope": "acclaimed", "achievement": "lead"}],
    )
    data["facts"] = data["facts"][1:]
    report = run_review(load(data))
    assert [n.unit for n in report.nominations] == ["HN"]
    assert any("no facts given" in note for note in report.notes)
    data["facts"] = example_data()["facts"]
    report = run_review(load(data))
    assert [n.unit for n in report.nominations] == ["HP"]
    assert any("quota of 1 is used" in note for note in report.notes)


@pytest.mark.parametrize(
    ("change", "path", "code"),
    [
        (lambda d: d.update(period_end="2019-01-01"), "$.period_end", "invalid-period"),
        (lambda d: d["meeting"].update(group="CUM-2"), "$.meeting.group", "group-mismatch"),
        (lambda d: d.pop("ballots"), "$.ballots", "vote-without-ballots"),
        (lambda d: (d.pop("ballots"), d.pop("vote")), "$.vote", "needs-ballot"),
        (lambda d: d.update(framework="NOPE"), "$.framework", "unknown-framework"),
        (
            lambda d: d["vote"].update(candidates=["HN", "XX"]),
            "$.vote.candidates[1]",
            "not-a-member",
        ),
        (lambda d: d.update(regime="NOPE"), "$.regime", "unknown-regime"),
        (lambda d: d["facts"][0].update(year=2019), "$.facts[0].year", "year-mismatch"),
        (lambda d: d["proposals"][0].update(award="NOPE"), "$.proposals[0].award", "unknown-award"),
        (
            lambda d: d.update(
                successions=[
                    {
                        "kind": "dissolve",
                        "unit": "CT",
                        "successor": None,
                        "effective": "2021-01-01",
                        "basis": "b",
                    }
                ]
            ),
            "$.record_transfer",
            "missing-rule",
        ),
        (lambda d: d["ranking"][1].update(rank=3), "$.ranking[1].rank", "invalid-ranking"),
        (
            lambda d: d.update(
                frameworks=[{"code": "VN", "name": "x", "regimes": [], "awards": [], "rules": []}]
            ),
            "$.frameworks[0].code",
            "duplicate-code",
        ),
    ],
)
def test_review_document_is_validated(change: Any, path: str, code: str) -> None:
    """Broken review files are refused with their JSON path and code."""
    data = example_data()
    change(data)
    with pytest.raises(StructureError) as info:
        load(data)
    assert (info.value.problems[0].path, info.value.problems[0].code) == (path, code)


# Command line -----------------------------------------------------------------------


def test_cli_table(capsys: pytest.CaptureFixture[str]) -> None:
    """The table lists ranking, ballot, acclaimed units, eligibility and nominations."""
    assert main(["review", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    for heading in ("Ranking", "Ballot", "Acclaimed units", "Eligibility", "Proposed nominations"):
        assert f"\n{heading}\n" in out
    assert "ILLUSTRATIVE DATA" in out
    assert "HCM: not eligible for TTLDXS 2020" in out
    assert "[NOT met] at least 70 % of staff are Lao động tiên tiến" in out


def test_cli_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    """Markdown output has one section per step."""
    assert main(["review", str(EXAMPLE), "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Cụm thi đua số 1")
    assert "## Acclaimed units" in out
    assert "| 1 | HP | 1 | 4 |" in out


def test_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    """JSON output is the report, parseable and sorted."""
    assert main(["review", str(EXAMPLE), "--format", "json"]) == 0
    report = orjson.loads(capsys.readouterr().out)
    assert report["acclamation"]["acclaimed"][0]["unit"] == "HP"
    assert report["regime"]["regime"] == "LTDKT-2003"


def test_cli_errors_like_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Invalid data: exit 1, one line per problem; unreadable file: exit 2."""
    data = example_data()
    data["meeting"]["group"] = "CUM-2"
    bad = tmp_path / "bad.json"
    bad.write_bytes(orjson.dumps(data))
    assert main(["review", str(bad)]) == 1
    assert (
        capsys.readouterr().out
        == f"{bad}: $.meeting.group: the meeting is of group 'CUM-2', not 'CUM-1'\n"
    )
    broken = tmp_path / "broken.json"
    broken.write_bytes(b"{")
    assert main(["review", str(broken)]) == 1
    assert capsys.readouterr().out.startswith(f"{broken}: $: not valid JSON")
    assert main(["review", str(tmp_path / "missing.json")]) == 2
    assert "cannot read" in capsys.readouterr().err
    data = example_data()
    data["meeting"]["present"] = ["HN", "HP", "DN"]
    data["ballots"]["ballots"] = data["ballots"]["ballots"][:3]
    quorum = tmp_path / "quorum.json"
    quorum.write_bytes(orjson.dumps(data))
    assert main(["review", str(quorum)]) == 1
    assert capsys.readouterr().out.startswith(f"{quorum}: $.present: quorum not met: 3 of 5")


def test_cli_error_without_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An error with no path is reported at '$'."""
    data = example_data()
    data["successions"] = [
        {"kind": "merge", "unit": "HN", "successor": "HP", "effective": "2021-01-01", "basis": "b"},
        {
            "kind": "rename",
            "unit": "HP",
            "successor": "HN",
            "effective": "2021-01-02",
            "basis": "b",
        },
    ]
    data["record_transfer"] = "to-successor"
    loop = tmp_path / "loop.json"
    loop.write_bytes(orjson.dumps(data))
    assert main(["review", str(loop)]) == 1
    assert "$: successions of 'HP' loop back to 'HP'" in capsys.readouterr().out


# Ballot privacy end to end -------------------------------------------------------------


CANARY = "Canary Voter Ẅ-7f3a"


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.sampled_from(["HN", "HCM", "HP", "DN", "CT"]), min_size=5, max_size=5, unique=True),
    st.integers(0, 4),
    st.lists(
        st.lists(st.sampled_from(["HN", "HCM", "HP", "DN", "CT"]), max_size=3, unique=True),
        min_size=5,
        max_size=5,
    ),
    st.booleans(),
)
def test_canary_voter_never_appears(
    caplog: pytest.LogCaptureFixture,
    order: list[str],
    canary_at: int,
    marks: list[list[str]],
    cast_twice: bool,
) -> None:
    """A voter identity given as input never appears in any form, report, log or error."""
    document = load(example_data())
    casts = [
        Cast(
            voter=CANARY if i == canary_at else f"delegate {i}",
            delegation=unit,
            ballot=Ballot(choices=tuple(marks[i])),
        )
        for i, unit in enumerate(order)
    ]
    if cast_twice:
        casts.append(Cast(voter=CANARY, delegation=order[0], ballot=Ballot()))
    seen: list[str] = []
    with caplog.at_level(logging.DEBUG):
        try:
            record = cast_ballots(document.meeting, document.vote, casts)  # type: ignore[arg-type]
        except ThiduaError as exc:
            seen += [str(exc), repr(exc), repr(exc.args)]
        else:
            reviewed = attrs.evolve(document, ballots=record.box)
            seen.append(dumps(reviewed).decode())
            seen.append(orjson.dumps(unstructure(record)).decode())
            seen += [repr(record), repr(casts)]
            try:
                report = run_review(reviewed)
            except (InvalidModelError, ThiduaError) as exc:
                seen.append(str(exc))
            else:
                seen += [
                    render_table(report),
                    render_json(report),
                    render_markdown(report),
                    repr(report),
                ]
    seen += [r.getMessage() for r in caplog.records]
    assert not any(CANARY in text or "Canary" in text for text in seen)


@given(st.permutations(range(5)))
def test_review_bytes_do_not_depend_on_casting_order(order: list[int]) -> None:
    """The same ballots cast in any order give the same box bytes in the review file."""
    document = load(example_data())
    units = document.meeting.present
    ballots = [Ballot(choices=(units[i],)) for i in range(5)]
    first = cast_ballots(
        document.meeting,
        document.vote,  # type: ignore[arg-type]
        [Cast(voter=str(i), delegation=units[i], ballot=ballots[i]) for i in range(5)],
    )
    shuffled = cast_ballots(
        document.meeting,
        document.vote,  # type: ignore[arg-type]
        [Cast(voter=str(i), delegation=units[i], ballot=ballots[i]) for i in order],
    )
    assert orjson.dumps(unstructure(first)) == orjson.dumps(unstructure(shuffled))
    assert dt.date(2021, 3, 12) == document.meeting.held_on


def test_render_without_ballot_and_not_illustrative() -> None:
    """A review without a ballot, of real data with a note, renders both facts."""
    data = example_data()
    data.pop("vote")
    data.pop("ballots")
    data["acclaim"]["requires_ballot"] = False
    data.update(illustrative=False, note="Số liệu thật.")
    report = run_review(load(data))
    assert report.tally is None
    table = render_table(report)
    assert "No secret ballot was held." in table
    assert "\nSố liệu thật.\n" in table
    assert "ILLUSTRATIVE" not in table
    assert "| 1 | HP | 1 |  |" in render_markdown(report)


def test_render_undecided_and_real_data_without_note() -> None:
    """A tie left undecided is printed; real data without a note prints no banner."""
    data = example_data()
    data["acclaim"].update(seats=1, order="votes")
    data["ballots"]["ballots"] = [{"choices": ["HN", "HP"], "spoiled": False}] * 3
    data.update(illustrative=False, note="")
    data["frameworks"] = [
        {
            "code": "OTHER",
            "name": "x",
            "regimes": [{"code": "R", "name": "r", "basis": "b"}],
            "awards": [],
            "rules": [],
        }
    ]
    report = run_review(load(data))
    assert report.acclamation.undecided == ("HN", "HP")
    table = render_table(report)
    assert "Undecided (tied): HN, HP." in table
    assert "ILLUSTRATIVE" not in table
    assert table.splitlines()[1].startswith("Group CUM-1")
