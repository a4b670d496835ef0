"""The HTML report: its content, the command, and a real browser (headless Chromium)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import orjson
import pytest

from thidua import ReviewDocument, run_review
from thidua.cli import main
from thidua.documents._report import report_html
from thidua.examples import cluster1_2019_2020
from thidua.serialization import dumps, loads

EXAMPLE = Path(__file__).parent.parent / "src" / "thidua" / "examples"
REVIEW = EXAMPLE / "cluster1_2019_2020_review.json"
NAMES = {
    "CUM-1": "Cụm thi đua số 1",
    "HN": "Sở Thông tin và Truyền thông Hà Nội",
    "HCM": "Sở Thông tin và Truyền thông Thành phố Hồ Chí Minh",
    "HP": "Sở Thông tin và Truyền thông Hải Phòng",
    "DN": "Sở Thông tin và Truyền thông Đà Nẵng",
    "CT": "Sở Thông tin và Truyền thông Cần Thơ",
}
#: Where the browser test keeps its screenshot (CI can collect it).
ARTIFACTS = Path(os.environ.get("THIDUA_ARTIFACTS", Path(__file__).parent.parent / "build"))


def _page() -> str:
    document = loads(REVIEW.read_bytes(), ReviewDocument)
    return report_html(document, run_review(document), NAMES)


def test_report_content() -> None:
    """Chart, table, explanations, ballot and nominations; Vietnamese numbers; no network."""
    page = _page()
    assert page.startswith('<!DOCTYPE html>\n<html lang="vi">')
    assert "<title>Kết quả thi đua năm 2020 – Cụm thi đua số 1</title>" in page
    assert page.count('<rect class="bar') == 5
    assert page.count('<rect class="bar acclaimed"') == 2
    assert '<table id="points">' in page
    assert page.count('<div class="unit"') == 5
    assert page.count("<details>") == 5
    assert '<p class="legend" id="legend">Ký hiệu: <span><span class="star">★</span>' in page
    assert '<table id="ballot">' in page
    document = loads(REVIEW.read_bytes(), ReviewDocument)
    for line in document.ranking:
        assert line.score is not None
        assert format(line.score, "f").replace(".", ",") in page
    assert "Dữ liệu minh họa." in page
    assert "Cờ thi đua của Bộ Thông tin và Truyền thông" in page
    assert "TTLDXS" not in page.split("<script>")[0].replace("TTLDXS-", "")
    assert "@page { size: A4" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "@import" not in page


def test_report_without_names_or_scores() -> None:
    """Codes stand in for names; a ranking without scores has no chart but still a table."""
    import attrs  # noqa: PLC0415

    document = loads(REVIEW.read_bytes(), ReviewDocument)
    unscored = attrs.evolve(
        document, ranking=tuple(attrs.evolve(line, score=None) for line in document.ranking)
    )
    page = report_html(unscored, run_review(unscored))
    assert "Chưa có điểm để vẽ biểu đồ." in page
    assert "<td>HP</td>" in page
    assert "Tổng điểm: …" in page


def test_report_command(tmp_path: Path) -> None:
    """`thidua report FILE -o OUT --names NAMES` writes the page."""
    names = tmp_path / "names.json"
    names.write_bytes(orjson.dumps(NAMES))
    out = tmp_path / "report.html"
    assert main(["report", str(REVIEW), "-o", str(out), "--names", str(names)]) == 0
    assert out.read_text(encoding="utf-8") == _page()


def test_report_command_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Bad names, a bad document, a missing file or an unwritable output are reported."""
    out = tmp_path / "report.html"
    names = tmp_path / "names.json"
    names.write_bytes(b'["HN"]')
    assert main(["--lang", "vi", "report", str(REVIEW), "-o", str(out), "--names", str(names)]) == 1
    assert "sai kiểu dữ liệu" in capsys.readouterr().out
    broken = tmp_path / "review.json"
    broken.write_bytes(REVIEW.read_bytes().replace(b'"year": 2020', b'"year": "2020"'))
    assert main(["--lang", "en", "report", str(broken), "-o", str(out)]) == 1
    assert "$.year: expected an integer" in capsys.readouterr().out
    broken.write_bytes(b"{")
    assert main(["--lang", "en", "report", str(broken), "-o", str(out)]) == 1
    assert "$: not valid JSON" in capsys.readouterr().out
    assert main(["report", str(tmp_path / "none.json"), "-o", str(out)]) == 2
    assert "cannot read" in capsys.readouterr().err
    assert main(["report", str(REVIEW), "-o", str(tmp_path / "no" / "r.html")]) == 2
    assert "cannot write" in capsys.readouterr().err
    assert not out.exists()


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    if os.environ.get("CI"):
        pytest.fail("Chromium is required in CI (.ci/run installs the 'chromium' package)")
    pytest.skip("Chromium is not installed")


def _browser(*args: str) -> subprocess.CompletedProcess[str]:
    command = [
        _chromium(),
        "--headless",
        "--no-sandbox",  # needed as root, as in CI
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)


def test_report_in_headless_chromium(tmp_path: Path) -> None:
    """In a real browser the script ran; the DOM holds the table, chart and Vietnamese names."""
    page = tmp_path / "report.html"
    assert main(["report", str(REVIEW), "-o", str(page), "--names", str(_names(tmp_path))]) == 0
    dom = _browser("--dump-dom", page.as_uri()).stdout
    assert 'data-bars="5"' in dom  # set by the page's own script, after layout
    assert '<table id="points">' in dom
    assert dom.count('class="bar') == 5
    for name in NAMES.values():
        assert name in dom
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    screenshot = ARTIFACTS / "report.png"
    screenshot.unlink(missing_ok=True)
    _browser("--window-size=1240,1754", f"--screenshot={screenshot}", page.as_uri())
    assert screenshot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert screenshot.stat().st_size > 20_000  # a rendered page, not a blank one


def test_report_prints_to_a4_pdf(tmp_path: Path) -> None:
    """Chromium prints the report to PDF (A4 by the page's @page rule)."""
    page = tmp_path / "report.html"
    page.write_text(_page(), encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    _browser("--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]", data)
    assert boxes
    for width, height in boxes:  # A4 is 595.3 x 841.9 points
        assert abs(float(width) - 595.3) < 1.5
        assert abs(float(height) - 841.9) < 1.5


def _names(tmp_path: Path) -> Path:
    path = tmp_path / "names.json"
    path.write_bytes(orjson.dumps(NAMES))
    return path


def test_report_without_a_ballot_or_nominations() -> None:
    """No ballot and no nomination are said in so many words."""
    import attrs  # noqa: PLC0415

    document = loads(REVIEW.read_bytes(), ReviewDocument)
    report = attrs.evolve(run_review(document), tally=None, nominations=())
    page = report_html(document, report, NAMES)
    assert "Không tổ chức bỏ phiếu kín." in page
    assert "Không có đề nghị." in page
    assert "Bỏ phiếu kín:" not in page


SCORING = EXAMPLE / "cluster1_2019_2020_scoring.json"


def _six_units(tmp_path: Path) -> tuple[Path, Path]:
    """The shipped cluster with a sixth member (a copy of CT as "QN"), review and scoring."""
    scoring = orjson.loads(SCORING.read_bytes())
    for sheet in scoring["sheets"]:
        ct = next(u for u in sheet["units"] if u["code"] == "CT")
        sheet["units"].append(
            {**ct, "code": "QN", "name": "Sở Thông tin và Truyền thông Quảng Ninh"}
        )
        extra = [dict(a, unit="QN") for a in sheet["assessments"] if a["unit"] == "CT"]
        sheet["assessments"].extend(extra)
    review = orjson.loads(REVIEW.read_bytes())
    review["ranking"].append({"unit": "QN", "rank": 6, "tied": False, "score": "84.3"})
    review["meeting"]["members"].append("QN")
    review["meeting"]["present"].append("QN")
    facts = next(f for f in review["facts"] if f["unit"] == "CT")
    review["facts"].append({**facts, "unit": "QN"})
    paths = tmp_path / "scoring6.json", tmp_path / "review6.json"
    paths[0].write_bytes(orjson.dumps(scoring))
    paths[1].write_bytes(orjson.dumps(review))
    return paths


def test_report_with_scores_has_classes_subtotals_and_traces(tmp_path: Path) -> None:
    """With the scoring file, the table has the sections and the class; each unit its trace."""
    out = tmp_path / "report.html"
    argv = ["report", str(REVIEW), "-o", str(out), "--scoring", str(SCORING)]
    assert main([*argv, "--names", str(_names(tmp_path))]) == 0
    page = out.read_text(encoding="utf-8")
    for header in ("Mục I", "Mục IV", "Điểm cộng", "Điểm trừ", "Xếp loại"):
        assert f">{header}</th>" in page
    assert page.count('<table class="trace">') == 5
    assert "<td>Xuất sắc</td>" in page
    assert "Không được xét: danh hiệu, dẫn đầu (VI-PHAM)." in page
    assert "13,125, làm tròn" not in page  # 2020's trace of HN has no interpolation
    assert "14.775" not in page


def test_report_from_scoring_and_results(tmp_path: Path) -> None:
    """A scoring file gives the report of its last year (or --year) with every trace."""
    out = tmp_path / "scores.html"
    assert main(["report", str(SCORING), "-o", str(out), "--year", "2019"]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<title>Kết quả chấm điểm thi đua năm 2019</title>" in page
    assert page.count('<table class="trace">') == 5
    assert "= 13,125, làm tròn" in page
    assert main(["report", str(SCORING), "-o", str(out), "--year", "2030"]) == 2


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def test_six_unit_cluster_prints_on_three_a4_pages(tmp_path: Path) -> None:
    """A six-unit cluster with every trace prints on at most three A4 pages; footer not alone."""
    scoring, review = _six_units(tmp_path)
    page = tmp_path / "report.html"
    argv = ["report", str(review), "-o", str(page), "--scoring", str(scoring)]
    assert main([*argv, "--names", str(_names(tmp_path))]) == 0
    html_text = page.read_text(encoding="utf-8")
    assert html_text.count('<table class="trace">') == 6
    dom = _browser("--dump-dom", page.as_uri()).stdout
    assert 'data-units="6"' in dom
    assert dom.count('<table class="trace">') == 6
    pdf = tmp_path / "report.pdf"
    _browser("--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    count = _pages(pdf.read_bytes())
    assert 1 <= count <= 3
    # The footer shares its page with the nominations: it is inside the closing block.
    assert re.search(r'<div class="closing"><section id="nominations">.*<footer>', html_text)


def test_report_names_units_from_the_organisation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--organisation` (or the Organisation in Python) names every unit on the review path."""
    agreement = cluster1_2019_2020()
    document = loads(REVIEW.read_bytes(), ReviewDocument)
    from_python = report_html(document, run_review(document), agreement.organisation)
    held = tmp_path / "agreement.json"
    held.write_bytes(dumps(agreement))
    out = tmp_path / "report.html"
    assert main(["report", str(REVIEW), "-o", str(out), "--organisation", str(held)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page == from_python
    assert "<title>Kết quả thi đua năm 2020 – Cụm thi đua số 1</title>" in page
    assert "<td>Sở Thông tin và Truyền thông thành phố Hải Phòng</td>" in page
    assert (
        "<li>Sở Thông tin và Truyền thông Thành phố Hồ Chí Minh: Cờ thi đua của Bộ Thông tin"
        " và Truyền thông" in page
    )
    for code in ("HN", "HCM", "HP", "DN", "CT"):
        assert f"<td>{code}</td>" not in page
        assert f">{code}<" not in page
        assert f"<li>{code}:" not in page
    # an organisation document works as well as an agreement; names given by --names win
    organisation = tmp_path / "organisation.json"
    organisation.write_bytes(dumps(agreement.organisation))
    names = tmp_path / "names.json"
    names.write_bytes(orjson.dumps({"HP": "Sở Hải Phòng"}))
    argv = ["report", str(REVIEW), "-o", str(out), "--organisation", str(organisation)]
    assert main([*argv, "--names", str(names), "--force"]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<td>Sở Hải Phòng</td>" in page
    assert "<td>Sở Thông tin và Truyền thông thành phố Cần Thơ</td>" in page
    # another kind of document is refused, naming the kind
    assert main(["--lang", "en", *argv[:4], "--organisation", str(REVIEW), "--force"]) == 1
    assert f"{REVIEW}: $: expected a 'organisation' document, got 'review'" in (
        capsys.readouterr().out
    )
