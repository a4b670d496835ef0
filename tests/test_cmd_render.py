"""`thidua render`: agreements and review papers as Markdown, HTML or Word."""

from __future__ import annotations

import io
from pathlib import Path

import attrs
import docx
import orjson
import pytest

from thidua.cli import main
from thidua.examples import cluster1_2019_2020, cluster1_scoring
from thidua.scoring import score_all
from thidua.serialization import dumps

REVIEW = (
    Path(__file__).parent.parent
    / "src"
    / "thidua"
    / "examples"
    / ("cluster1_2019_2020_review.json")
)


@pytest.fixture
def agreement_file(tmp_path: Path) -> Path:
    """The shipped example agreement, as a file."""
    path = tmp_path / "agreement.json"
    path.write_bytes(dumps(cluster1_2019_2020(), indent=True))
    return path


def test_render_the_agreement_as_markdown(
    agreement_file: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """By default an agreement document gives its agreement, in Markdown, on stdout."""
    assert main(["render", str(agreement_file)]) == 0
    out = capsysbinary.readouterr().out.decode()
    assert "## GIAO ƯỚC THI ĐUA" in out
    assert "*Hà Nội, ngày 14 tháng 12 năm 2019*" in out


def test_render_formats_to_files(agreement_file: Path, tmp_path: Path) -> None:
    """HTML and DOCX go to files."""
    page = tmp_path / "agreement.html"
    assert main(["render", str(agreement_file), "-f", "html", "-o", str(page)]) == 0
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    word = tmp_path / "agreement.docx"
    assert main(["render", str(agreement_file), "-f", "docx", "-o", str(word)]) == 0
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(word.read_bytes())).paragraphs)
    assert "GIAO ƯỚC THI ĐUA" in text


def test_render_review_papers(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    """A review gives its minutes by default, or its letter, with names when given."""
    names = tmp_path / "names.json"
    names.write_bytes(orjson.dumps({"CUM-1": "Cụm thi đua số 1"}))
    # a paper names units by their names: codes alone are refused
    assert main(["render", str(REVIEW), "--names", str(names)]) == 1
    assert "no name for" in capsysbinary.readouterr().err.decode()
    organisation = tmp_path / "organisation.json"
    organisation.write_bytes(dumps(cluster1_2019_2020().organisation))
    assert main(["render", str(REVIEW), "--organisation", str(organisation)]) == 0
    assert "## BIÊN BẢN" in capsysbinary.readouterr().out.decode()
    assert (
        main(["render", str(REVIEW), "--paper", "letter", "--organisation", str(organisation)]) == 0
    )
    letter = capsysbinary.readouterr().out.decode()
    assert "## TỜ TRÌNH" in letter
    assert "MINH HỌA" in letter
    assert "| **GIÁM ĐỐC** |" in letter


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--paper", "minutes"], "an agreement document has no minutes"),
        (["--agreement", "NOPE"], "no agreement 'NOPE'"),
    ],
)
def test_render_refusals_for_agreements(
    agreement_file: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    """A paper the file has not, or an unknown agreement, is refused (exit 1)."""
    assert main(["render", str(agreement_file), *argv]) == 1
    assert message in capsys.readouterr().err


def test_render_refusals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Other kinds, bad data, missing files and unwritable outputs are reported."""
    assert main(["render", str(REVIEW), "--paper", "agreement"]) == 1
    assert "not an agreement" in capsys.readouterr().err
    organisation = tmp_path / "organisation.json"
    organisation.write_bytes(dumps(cluster1_2019_2020().organisation))
    assert main(["render", str(organisation)]) == 1
    assert "only agreement, review, scoring and results documents" in capsys.readouterr().err
    broken = tmp_path / "broken.json"
    broken.write_bytes(b'{"kind": "agreement", "schema_version": "1.0"}')
    assert main(["--lang", "vi", "render", str(broken)]) == 1
    assert "thiếu trường bắt buộc" in capsys.readouterr().out
    broken.write_bytes(b"[")
    assert main(["--lang", "en", "render", str(broken)]) == 1
    assert "$: not valid JSON" in capsys.readouterr().out
    assert main(["render", str(tmp_path / "none.json")]) == 2
    assert "cannot read" in capsys.readouterr().err
    argv = ["render", str(REVIEW), "--organisation", str(organisation)]
    assert main([*argv, "-o", str(tmp_path / "no" / "x.md")]) == 2
    assert "cannot write" in capsys.readouterr().err


@pytest.mark.parametrize("illustrative", [True, False])
@pytest.mark.parametrize("paper", ["points", "explanation"])
@pytest.mark.parametrize("kind", ["scoring", "results"])
def test_results_papers_carry_the_illustrative_mark(
    tmp_path: Path,
    illustrative: bool,
    paper: str,
    kind: str,
) -> None:
    """Points tables and explanations are marked MINH HỌA in every format iff the data is."""
    scoring = attrs.evolve(cluster1_scoring(), illustrative=illustrative)
    document = scoring if kind == "scoring" else score_all(scoring, trace=True)
    assert document.illustrative is illustrative
    source = tmp_path / f"{kind}.json"
    source.write_bytes(dumps(document))
    extra = ["--unit", "HCM"] if paper == "explanation" else []
    for form in ("md", "html", "docx"):
        out = tmp_path / f"{paper}.{form}"
        assert (
            main(["render", str(source), "--paper", paper, *extra, "-f", form, "-o", str(out)]) == 0
        )
        if form == "docx":
            word = docx.Document(io.BytesIO(out.read_bytes()))
            text = "\n".join(p.text for p in word.paragraphs)
        else:
            text = out.read_text(encoding="utf-8")
        assert ("MINH HỌA – văn bản dựng từ dữ liệu minh họa" in text) is illustrative, form
        assert ("BẢNG GIẢI TRÌNH" if paper == "explanation" else "BẢNG TỔNG HỢP") in text


def test_render_letter_to_a_chosen_authority(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--authority` picks the letter; one the group does not propose to is refused."""
    out = tmp_path / "letter.md"
    organisation = tmp_path / "agreement.json"
    organisation.write_bytes(dumps(cluster1_2019_2020()))
    argv = ["render", str(REVIEW), "--paper", "letter", "--organisation", str(organisation)]
    ministry = "Bộ trưởng Bộ Thông tin và Truyền thông"
    assert main([*argv, "--authority", ministry, "-o", str(out)]) == 0
    assert f"Kính gửi: {ministry}." in out.read_text(encoding="utf-8")
    assert main(["--lang", "en", *argv, "--authority", "Bộ trưởng Bộ Nội vụ"]) == 1
    assert "the group proposes nothing to 'Bộ trưởng Bộ Nội vụ'" in capsys.readouterr().out
