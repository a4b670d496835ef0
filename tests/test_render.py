"""Vietnamese administrative documents: layout, blanks, and the year-end paperwork."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import attrs
import pytest

from thidua import ProposalRoute, ReviewDocument, ReviewReport, run_review
from thidua._agreement import Target
from thidua._base.legal import LegalReference
from thidua.documents import (
    BLANK,
    MOTTO,
    NATIONAL_TITLE,
    AdministrativeDocument,
    Heading,
    Items,
    Paragraph,
    Signature,
    Table,
    render_html,
    render_markdown,
)
from thidua.documents._layout import ILLUSTRATIVE_MARK, place_name
from thidua.documents._paperwork import (
    agreement_paper,
    citation,
    results_table,
    review_minutes,
    submission_letter,
    summary_table,
    unit_explanation,
)
from thidua.errors import InvalidModelError, UnknownCodeError
from thidua.examples import cluster1_2019_2020, cluster1_review
from thidua.scoring import Scoring, YearResults, score_all
from thidua.serialization import loads

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


class _Text(HTMLParser):
    """Collects the visible text of an HTML page, and checks tags are balanced."""

    VOID = frozenset({"meta", "br", "img", "link", "input", "hr", "rect"})

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.stack: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        del attrs
        if tag not in self.VOID:
            self.stack.append(tag)
        if tag in {"style", "script"}:
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        assert self.stack.pop() == tag
        if tag in {"style", "script"}:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.parts))


def visible_text(page: str) -> str:
    """The visible text of *page*, after checking its tags are balanced."""
    parser = _Text()
    parser.feed(page)
    parser.close()
    assert parser.stack == []
    return parser.text


def _vi(value: Decimal) -> str:
    """A decimal below 1000 the Vietnamese way: a comma for the point (an independent oracle)."""
    assert abs(value) < 1000
    return format(value, "f").replace(".", ",")


def _document(**changes: Any) -> AdministrativeDocument:
    fields: dict[str, Any] = {
        "issuer": ("BỘ THÔNG TIN VÀ TRUYỀN THÔNG", "CỤM THI ĐUA SỐ 1"),
        "title": "GIAO ƯỚC THI ĐUA",
        "subtitle": "Năm 2019 – 2020",
        "place": "Hà Nội",
        "date": dt.date(2019, 12, 14),
        "body": (
            Heading(text="I. MỤC ĐÍCH"),
            Paragraph(text="Thi đua *hoàn thành* xuất sắc nhiệm vụ <năm 2020> | tốt."),
            Items(items=("Một", "Hai"), numbered=True),
            Items(items=("Ba",)),
            Table(
                header=("STT", "Nội dung", "Điểm"),
                rows=(("1", "Chỉ tiêu", "1.000"), ("", "Cộng", "1.000")),
                numeric=frozenset({0, 2}),
                emphasised=frozenset({1}),
            ),
        ),
        "signatures": tuple(
            Signature(capacity=f"TM. ĐƠN VỊ {i}", position="GIÁM ĐỐC" if i == 1 else None)
            for i in range(1, 6)
        ),
        "recipients": ("Như trên;", "Lưu: VT."),
    }
    fields.update(changes)
    return AdministrativeDocument(**fields)


def test_markdown_layout() -> None:
    """Markdown: national title and motto, issuer, date line, title, body, signatures."""
    text = render_markdown(_document())
    assert text.startswith(
        "| BỘ THÔNG TIN VÀ TRUYỀN THÔNG | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM** |"
    )
    assert "| **CỤM THI ĐUA SỐ 1** | **Độc lập - Tự do - Hạnh phúc** |" in text
    assert "*Hà Nội, ngày 14 tháng 12 năm 2019*" in text
    assert f"| Số: {BLANK} |" in text
    assert "## GIAO ƯỚC THI ĐUA" in text
    assert "**Năm 2019 – 2020**" in text
    assert "### I. MỤC ĐÍCH" in text
    assert r"Thi đua \*hoàn thành\* xuất sắc nhiệm vụ \<năm 2020\> \| tốt." in text
    assert "1. Một\n2. Hai\n" in text
    assert "- Ba\n" in text
    assert "|---:|:---|---:|" in text
    assert "|  | **Cộng** | **1.000** |" in text
    assert text.count("**(Ký tên, đóng dấu)**") == 5
    assert "| **TM. ĐƠN VỊ 1** | **TM. ĐƠN VỊ 2** | **TM. ĐƠN VỊ 3** |" in text
    assert "| **TM. ĐƠN VỊ 4** | **TM. ĐƠN VỊ 5** |" in text
    assert "***Nơi nhận:***" in text
    assert text.endswith("- Lưu: VT.\n")


def test_html_layout_is_a_balanced_self_contained_page() -> None:
    """HTML: the same content, escaped, balanced tags, nothing loaded from elsewhere."""
    page = render_html(_document())
    text = visible_text(page)
    for expected in (
        NATIONAL_TITLE,
        MOTTO,
        "Hà Nội, ngày 14 tháng 12 năm 2019",
        f"Số: {BLANK}",
        "GIAO ƯỚC THI ĐUA",
        "Thi đua *hoàn thành* xuất sắc nhiệm vụ <năm 2020> | tốt.",
        "Nơi nhận:",
    ):
        assert expected in text
    assert "&lt;năm 2020&gt;" in page
    assert page.count('class="signature"') == 5
    assert page.count(f'<span class="blank">{BLANK}</span>') == 1 + 5  # number, names
    assert '<tr class="emphasised">' in page
    assert "@page { size: A4" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)


def test_blanks_for_missing_number_place_and_date() -> None:
    """Missing number, place and date stay visibly blank; nothing is made up."""
    document = _document(place=None, date=None, number=None)
    assert document.place_date_line == f"{BLANK}, ngày …… tháng …… năm ……"
    assert f"*{BLANK}, ngày …… tháng …… năm ……*" in render_markdown(document)
    assert f"{BLANK}, ngày …… tháng …… năm ……" in visible_text(render_html(document))
    numbered = _document(number="12/GƯ-CTĐ", subtitle=None, recipients=(), signatures=())
    assert numbered.number_line == "Số: 12/GƯ-CTĐ"
    assert "Số: 12/GƯ-CTĐ" in render_markdown(numbered)
    assert "Nơi nhận" not in render_markdown(numbered)
    assert "Ký tên" not in visible_text(render_html(numbered))


def test_leading_zeros_in_the_date_line() -> None:
    """Days below 10 and months 1 and 2 take a leading zero."""
    assert _document(date=dt.date(2020, 2, 5)).place_date_line == (
        "Hà Nội, ngày 05 tháng 02 năm 2020"
    )
    assert _document(date=dt.date(2019, 9, 9)).place_date_line == (
        "Hà Nội, ngày 09 tháng 9 năm 2019"
    )


# ---------------------------------------------------------------------------------------
# Year-end paperwork from the shipped review example.


@pytest.fixture(scope="module")
def review() -> tuple[ReviewDocument, ReviewReport]:
    """The shipped review example and its report."""
    document = loads(REVIEW.read_bytes(), ReviewDocument)
    return document, run_review(document)


def test_summary_table(review: tuple[ReviewDocument, ReviewReport]) -> None:
    """Points in the Vietnamese way, best first, with ranks."""
    document, _ = review
    table = summary_table(document, NAMES)
    assert table.header == ("STT", "Đơn vị", "Tổng điểm", "Xếp hạng")
    for index, line in enumerate(document.ranking):
        assert line.score is not None
        rank = f"{line.rank}{' (đồng hạng)' if line.tied else ''}"
        expected = (str(index + 1), NAMES[line.unit], _vi(line.score), rank)
        assert table.rows[index] == expected
    with pytest.raises(UnknownCodeError, match="no name for 'HN'"):
        summary_table(document)


def test_minutes_content(review: tuple[ReviewDocument, ReviewReport]) -> None:
    """The minutes: header, attendance, quorum, scores, ballot, the group led, signatures."""
    document, report = review
    page = review_minutes(document, report, NAMES)
    text = render_markdown(page)
    html_text = visible_text(render_html(page))
    for rendered in (text, html_text):
        assert NATIONAL_TITLE in rendered
        assert MOTTO in rendered
        # the place line as Nghị định 30/2020/NĐ-CP writes it: "Cần Thơ", not "Thành phố Cần Thơ"
        assert "Cần Thơ, ngày 12 tháng 3 năm 2021" in rendered
        assert "Thành phố Cần Thơ, ngày" not in rendered
        assert "MINH HỌA" in rendered
        assert f"Số: {BLANK}" in rendered
        assert "CỤM THI ĐUA SỐ 1" in rendered
        assert "BIÊN BẢN" in rendered
        assert "Có mặt: 5/5 đơn vị thành viên" in rendered
        assert "Vắng mặt: không." in rendered
        assert "tỷ lệ tối thiểu 2/3 tổng số thành viên (4)" in rendered
        assert "Số phiếu thu về: 5" in rendered
        assert "Ngưỡng đạt: trên 1/2 tổng số thành viên (5)" in rendered
        assert report.tally is not None
        top = report.tally.results[0]
        share = Decimal(100 * top.votes) / Decimal(report.tally.base)
        assert f"{_vi(share.quantize(Decimal('0.01')))}%" in rendered
        assert (
            f"{NAMES[report.acclamation.acclaimed[0].unit]}: đơn vị dẫn đầu phong trào thi đua"
            " năm 2020 của Cụm thi đua số 1." in rendered
        )
        # Only what the cluster proposes (issue 13 item 2): the ministry's flag, on the
        # standards of the 2003 Law's Art 26; TTLĐXS/TTLĐTT are left to each unit's chain.
        assert "Cờ thi đua của Bộ Thông tin và Truyền thông" in rendered
        assert "Tập thể lao động" not in rendered
        assert (
            "Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung 2005, 2009, 2013), Điều 26"
            in rendered
        )
        assert "THƯ KÝ" in rendered
        assert "CHỦ TỌA" in rendered
        assert "CHỦ TRÌ" not in rendered
        assert "đóng dấu" not in rendered  # minutes carry no seals
        assert "(Ký, ghi rõ họ tên)" in rendered
        # the flag is a title (danh hiệu): its column is filled, the form column empty
        assert "| Cờ thi đua của Bộ Thông tin và Truyền thông |  |" in text
    assert page.number is None
    assert [s.signer for s in page.signatures] == [None, None]
    assert [(s.capacity, s.sealed) for s in page.signatures] == [
        ("THƯ KÝ", False),
        ("CHỦ TỌA", False),
    ]


def test_minutes_without_names_are_refused_and_absences_listed(
    review: tuple[ReviewDocument, ReviewReport],
) -> None:
    """A paper never prints a code for a unit's name; absent members are listed by name."""
    document, _ = review

    meeting = attrs.evolve(document.meeting, present=("CT", "DN", "HCM", "HN"))
    acclaim = attrs.evolve(document.acclaim, requires_ballot=False)
    fewer = attrs.evolve(document, meeting=meeting, vote=None, ballots=None, acclaim=acclaim)
    with pytest.raises(UnknownCodeError, match="no name for 'CUM-1'"):
        review_minutes(fewer, run_review(fewer))
    text = render_markdown(
        review_minutes(
            fewer,
            run_review(fewer),
            cluster1_2019_2020().organisation,
            number="05/BB-CTĐ",
            secretary="Nguyễn Văn A",
        )
    )
    assert "Vắng mặt: Sở Thông tin và Truyền thông thành phố Hải Phòng." in text
    assert "Có mặt: 4/5 đơn vị thành viên: Sở Thông tin và Truyền thông thành phố Cần Thơ" in text
    assert "Cụm không tổ chức bỏ phiếu kín." in text
    assert "Số: 05/BB-CTĐ" in text
    assert "**Nguyễn Văn A**" in text


def test_submission_letter_content(review: tuple[ReviewDocument, ReviewReport]) -> None:
    """The letter: national title, blank number, date and addressee, nominations, one signature."""
    document, report = review
    page = submission_letter(document, report, NAMES)
    for rendered in (render_markdown(page), visible_text(render_html(page))):
        assert NATIONAL_TITLE in rendered
        assert MOTTO in rendered
        assert "TỜ TRÌNH" in rendered
        assert "Về việc đề nghị khen thưởng thành tích năm 2020" in rendered
        assert "Kính gửi: Bộ trưởng Bộ Thông tin và Truyền thông." in rendered
        assert f"{BLANK}, ngày …… tháng …… năm ……" in rendered
        assert "Cờ thi đua của Bộ Thông tin và Truyền thông" in rendered
        # a cluster has no seal: the head unit issues and seals the letter under its own name
        assert "TM. CỤM THI ĐUA SỐ 1" not in rendered
        assert "SỞ THÔNG TIN VÀ TRUYỀN THÔNG HÀ NỘI" in rendered
        assert "MINH HỌA" in rendered
        assert "Lưu: VT." in rendered
    assert page.number is None
    assert len(page.signatures) == 1
    assert page.signatures[0].signer is None
    addressed = submission_letter(
        document,
        report,
        NAMES,
        addressee="Bộ trưởng Bộ Thông tin và Truyền thông",
    )
    assert "Kính gửi: Bộ trưởng Bộ Thông tin và Truyền thông." in render_markdown(addressed)


def test_submission_letter_addressed_from_the_proposals() -> None:
    """The shipped review's letter goes to the flag's authority; own-chain titles left out."""
    document = cluster1_review()
    report = run_review(document)
    text = render_markdown(submission_letter(document, report, NAMES))
    assert "Kính gửi: Bộ trưởng Bộ Thông tin và Truyền thông." in text
    assert (
        "Sở Thông tin và Truyền thông Hà Nội kính trình Bộ trưởng Bộ Thông tin và Truyền thông"
        " xem xét, quyết định./." in text
    )
    rows = [line for line in text.splitlines() if line.startswith(("| 1 |", "| 2 |"))]
    assert [row.split(" | ")[1:3] for row in rows] == [
        [
            "Sở Thông tin và Truyền thông Thành phố Hồ Chí Minh",
            "Cờ thi đua của Bộ Thông tin và Truyền thông",
        ],
        ["Sở Thông tin và Truyền thông Đà Nẵng", "Cờ thi đua của Bộ Thông tin và Truyền thông"],
    ]
    assert "Các đề nghị không thuộc tờ trình này:" in text
    assert (
        "- Tập thể lao động xuất sắc: do cấp có thẩm quyền của từng đơn vị xét, trên hồ sơ của"
        " đơn vị; không thuộc đề nghị của cụm." in text
    )
    assert (
        "- Tập thể lao động tiên tiến: do cấp có thẩm quyền của từng đơn vị xét, trên hồ sơ của"
        " đơn vị; không thuộc đề nghị của cụm." in text
    )
    # the eligible units of the left-out titles are not in the letter's table
    assert "| 3 |" not in text


def test_submission_letter_one_per_authority() -> None:
    """Two authorities on the group's route: one letter each, the other listed as left out."""
    document = cluster1_review()
    report = run_review(document)
    flag = next(o for o in report.proposals if o.route is ProposalRoute.GROUP)
    other = attrs.evolve(
        flag,
        award="TTLDXS",
        name="Tập thể lao động xuất sắc",
        authority="Chủ tịch UBND",
        units=("HP",),
    )
    nomination = attrs.evolve(
        report.nominations[0], code="TTLDXS-HP-2020", unit="HP", award="TTLDXS"
    )
    both = attrs.evolve(
        report,
        proposals=(flag, other),
        nominations=(*report.nominations, nomination),
    )
    with pytest.raises(InvalidModelError) as caught:
        submission_letter(document, both, NAMES)
    assert caught.value.code == "letter-authority"
    assert caught.value.path == "authority"
    with pytest.raises(InvalidModelError):
        submission_letter(document, both, NAMES, authority="Bộ trưởng Bộ Nội vụ")
    ministry = render_markdown(
        submission_letter(document, both, NAMES, authority="Bộ trưởng Bộ Thông tin và Truyền thông")
    )
    assert "Kính gửi: Bộ trưởng Bộ Thông tin và Truyền thông." in ministry
    assert "| 3 |" not in ministry
    assert "- Tập thể lao động xuất sắc: đề nghị Chủ tịch UBND tại tờ trình riêng." in ministry
    province = render_markdown(submission_letter(document, both, NAMES, authority="Chủ tịch UBND"))
    assert "Kính gửi: Chủ tịch UBND." in province
    assert "| 1 | Sở Thông tin và Truyền thông Hải Phòng | Tập thể lao động xuất sắc |" in province
    assert "| 2 |" not in province
    assert (
        "- Cờ thi đua của Bộ Thông tin và Truyền thông: đề nghị Bộ trưởng Bộ Thông tin và"
        " Truyền thông tại tờ trình riêng." in province
    )


def _docx_text(data: bytes) -> str:
    import io  # noqa: PLC0415

    import docx  # noqa: PLC0415

    word = docx.Document(io.BytesIO(data))
    lines = [p.text for p in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            lines += [cell.text for cell in row.cells]
    return "\n".join(lines)


def test_docx_of_the_minutes(review: tuple[ReviewDocument, ReviewReport]) -> None:
    """The Word file holds the same layout: header, title, tables, signatures, blanks; A4."""
    import io  # noqa: PLC0415

    import docx  # noqa: PLC0415

    from thidua.documents._docx import render_docx  # noqa: PLC0415

    document, report = review
    data = render_docx(review_minutes(document, report, NAMES))
    assert data.startswith(b"PK")
    text = _docx_text(data)
    for expected in (
        NATIONAL_TITLE,
        MOTTO,
        "CỤM THI ĐUA SỐ 1",
        f"Số: {BLANK}",
        "Cần Thơ, ngày 12 tháng 3 năm 2021",
        "MINH HỌA",
        "CHỦ TỌA",
        "BIÊN BẢN",
        "Họp bình xét, suy tôn thi đua năm 2020",
        "I. THÀNH PHẦN",
        "- Vắng mặt: không.",
        NAMES[document.ranking[0].unit],
        _vi(document.ranking[0].score or Decimal(0)),
        "THƯ KÝ",
        "(Ký, ghi rõ họ tên)",
    ):
        assert expected in text, expected
    section = docx.Document(io.BytesIO(data)).sections[0]
    assert section.page_width is not None
    assert section.page_height is not None
    assert abs(section.page_width.mm - 210) < 0.1
    assert abs(section.page_height.mm - 297) < 0.1


def test_docx_layout_details() -> None:
    """Numbered items, emphasised rows, more than three signatures and recipients."""
    from thidua.documents._docx import render_docx  # noqa: PLC0415

    text = _docx_text(render_docx(_document()))
    assert "1. Một" in text
    assert "- Ba" in text
    assert "TM. ĐƠN VỊ 5" in text
    assert "GIÁM ĐỐC" in text
    assert "Nơi nhận:" in text
    assert "- Lưu: VT." in text
    bare = _docx_text(render_docx(_document(subtitle=None, signatures=(), recipients=())))
    assert "Năm 2019 – 2020" not in bare
    assert "Nơi nhận" not in bare


def test_minutes_with_nobody_acclaimed_and_no_nominations(
    review: tuple[ReviewDocument, ReviewReport],
) -> None:
    """Undecided ties, no acclaimed unit and no nomination are said in so many words."""
    document, report = review
    acclamation = attrs.evolve(report.acclamation, acclaimed=(), undecided=("HN", "HP"))
    quiet = attrs.evolve(report, acclamation=acclamation, nominations=())
    text = render_markdown(review_minutes(document, quiet, NAMES))
    assert "Không có đơn vị nào được suy tôn." in text
    assert (
        "Chưa quyết định được giữa: Sở Thông tin và Truyền thông Hà Nội,"
        " Sở Thông tin và Truyền thông Hải Phòng." in text
    )
    assert "Không có đề nghị khen thưởng." in text


def test_vote_shares_with_an_empty_base(review: tuple[ReviewDocument, ReviewReport]) -> None:
    """A threshold base of zero prints a dash rather than dividing by zero."""
    document, report = review
    assert report.tally is not None
    empty = attrs.evolve(report, tally=attrs.evolve(report.tally, base=0))
    top = report.tally.results[0]
    assert f"| {top.votes} | – | Đạt |" in render_markdown(review_minutes(document, empty, NAMES))


# ---------------------------------------------------------------------------------------
# The agreement of the shipped example.

MEMBERS = (
    "SỞ THÔNG TIN VÀ TRUYỀN THÔNG THÀNH PHỐ HÀ NỘI",
    "SỞ THÔNG TIN VÀ TRUYỀN THÔNG THÀNH PHỐ HỒ CHÍ MINH",
    "SỞ THÔNG TIN VÀ TRUYỀN THÔNG THÀNH PHỐ HẢI PHÒNG",
    "SỞ THÔNG TIN VÀ TRUYỀN THÔNG THÀNH PHỐ ĐÀ NẴNG",
    "SỞ THÔNG TIN VÀ TRUYỀN THÔNG THÀNH PHỐ CẦN THƠ",
)


def test_agreement_of_the_shipped_example() -> None:
    """National title and motto, the date line, five signature blocks, commitments, no number."""
    paper = agreement_paper(cluster1_2019_2020())
    assert paper.number is None
    # five departments, five directors signing directly, no "TM." (ND 30/2020 Art 13, App. I)
    assert [(s.organisation, s.capacity) for s in paper.signatures] == [
        (m, "GIÁM ĐỐC") for m in MEMBERS
    ]
    assert all(s.signer is None and s.position is None for s in paper.signatures)
    assert not paper.illustrative
    for written in (render_markdown(paper), visible_text(render_html(paper))):
        rendered = re.sub(r"\\(.)", r"\1", written)  # Markdown's escapes read as text
        assert NATIONAL_TITLE in rendered
        assert MOTTO in rendered
        assert "Hà Nội, ngày 14 tháng 12 năm 2019" in rendered
        assert f"Số: {BLANK}" in rendered
        assert "CỤM THI ĐUA SỐ 1" in rendered
        assert "KHỐI THI ĐUA SỞ THÔNG TIN VÀ TRUYỀN THÔNG" in rendered
        assert "GIAO ƯỚC THI ĐUA" in rendered
        assert "Căn cứ Quyết định số 1459/QĐ-BTTTT ngày 09/9/2019 của Bộ Thông tin và" in rendered
        assert "các đơn vị thành viên Cụm thi đua số 1 cùng ký kết giao ước thi đua" in rendered
        assert "TM." not in rendered
        assert rendered.count("GIÁM ĐỐC") == 5
        assert "Giao ước thi đua được lập thành 05 bản có giá trị như nhau" in rendered
        assert "Nơi nhận" in rendered
        assert "Bộ Thông tin và Truyền thông (để báo cáo);" in rendered
        assert rendered.count("(Ký tên, đóng dấu)") == 5
        # the library's headings are marked editorial; the source's sentence is kept
        assert "1. [Phong trào thi đua]" in rendered
        assert "6. [Triển khai giao ước]" in rendered
        assert "không có trong văn bản gốc" in rendered
        assert "về các lĩnh vực Thông tin và Truyền thông, cụ thể:" in rendered
        # Party directive in proper form; the data keeps the source's text
        assert "Căn cứ: Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị." in rendered
        assert "theo tinh thần Chỉ thị số 05/CT-TW ngày 15/5/ 2016 của Bộ Chính trị" in rendered
        assert "Quyết định số 45/2016/QĐ-TTg ngày 19/10/2016 của Thủ tướng Chính phủ" in rendered
        assert "phấn đấu Cụm thi đua số 1 dẫn đầu" in rendered
        # "Căn cứ" gives the decision, never a subject made up from the group's name
        assert "về việc tổ chức Cụm thi đua số 1" not in rendered
    markdown = render_markdown(paper)
    assert "### I. NỘI DUNG GIAO ƯỚC" in markdown
    assert "#### 1\\. \\[Phong trào thi đua\\]" in markdown
    assert (
        "Căn cứ Quyết định số 1459/QĐ-BTTTT ngày 09/9/2019 của Bộ Thông tin và Truyền thông;"
        in markdown
    )
    from thidua.documents._docx import render_docx  # noqa: PLC0415

    word = _docx_text(render_docx(paper))
    assert "Hà Nội, ngày 14 tháng 12 năm 2019" in word
    assert all(member in word for member in MEMBERS)
    assert "TM." not in word


def test_agreement_targets_signatories_and_a_missing_signing() -> None:
    """Targets print the Vietnamese way; given names and titles print; no signing, blanks."""
    document = cluster1_2019_2020()
    agreement = document.agreements[0]
    first = attrs.evolve(
        agreement.commitments[0],
        target=Target(
            indicator="Tỷ lệ hồ sơ trực tuyến",
            value=Decimal("95.5"),
            unit_of_measure="%",
            deadline=dt.date(2020, 12, 31),
        ),
    )
    signatories = (
        attrs.evolve(agreement.signatories[0], person="Nguyễn Văn A", title="Giám đốc"),
        *agreement.signatories[1:],
    )
    changed = attrs.evolve(
        agreement,
        commitments=(first, *agreement.commitments[1:]),
        signatories=signatories,
        goals=(),
        signing=None,
        history=(),
    )
    paper = agreement_paper(attrs.evolve(document, agreements=(changed,)))
    text = render_markdown(paper)
    assert "- Chỉ tiêu: Tỷ lệ hồ sơ trực tuyến: 95,5 %, thời hạn ngày 31 tháng 12 năm 2020." in text
    assert "**GIÁM ĐỐC**" in text
    assert "**Nguyễn Văn A**" in text
    assert f"Hôm nay, ngày {BLANK}, tại {BLANK}, các đơn vị" in text
    assert f"*{BLANK}, ngày …… tháng …… năm ……*" in text
    assert "MỤC TIÊU" not in text
    assert "### I. NỘI DUNG GIAO ƯỚC" in text


def test_agreement_choice() -> None:
    """With several agreements the code is required; an unknown code is refused."""
    document = cluster1_2019_2020()
    agreement = document.agreements[0]
    two = attrs.evolve(document, agreements=(agreement, attrs.evolve(agreement, code="GU-2")))
    with pytest.raises(UnknownCodeError, match="name the agreement to render"):
        agreement_paper(two)
    assert agreement_paper(two, "GU-2").subtitle == agreement.title
    with pytest.raises(UnknownCodeError, match="no agreement 'GU-3'"):
        agreement_paper(two, "GU-3")


# ---------------------------------------------------------------------------------------
# Scoring results: the summary table and one unit's explanation.


@pytest.fixture(scope="module")
def scored() -> tuple[Scoring, YearResults]:
    """The shipped scoring example and its first year's results."""
    scoring = loads((EXAMPLE / "cluster1_2019_2020_scoring.json").read_bytes(), Scoring)
    return scoring, score_all(scoring, trace=True).years[0]


def test_results_table(scored: tuple[Scoring, YearResults]) -> None:
    """Subtotals by section, adjustments, total, rank and class, the Vietnamese way."""
    _, year = scored
    table = results_table(year)
    sections = [s.section for s in year.units[0].subtotals]
    assert table.header[2 : 2 + len(sections)] == tuple(f"Mục {c}" for c in sections)
    assert table.header[-3:] == ("Tổng điểm", "Xếp hạng", "Xếp loại")
    for row, unit in zip(table.rows, year.units, strict=True):
        assert row[1] == unit.name
        assert row[-3] == _vi(unit.total)
        assert row[-2].startswith(str(unit.rank))
        assert row[-1] == (unit.classification or BLANK)
    text = render_markdown(
        AdministrativeDocument(issuer=("CỤM THI ĐUA SỐ 1",), title="BẢNG TỔNG HỢP", body=(table,))
    )
    assert _vi(year.units[0].total) in text


def test_unit_explanation(scored: tuple[Scoring, YearResults]) -> None:
    """Every trace line, in Vietnamese, with the legal basis the scheme names; the total."""
    scoring, year = scored
    scheme = scoring.schemes[0]
    first = scheme.criteria[0]
    based = attrs.evolve(first, legal_basis="Quyết định số 1459/QĐ-BTTTT ngày 09/9/2019")
    scheme = attrs.evolve(scheme, criteria=(based, *scheme.criteria[1:]))
    unit = year.units[0]
    paper = unit_explanation(year, unit.unit, scheme, issuer="Cụm thi đua số 1")
    text = render_markdown(paper)
    assert "## BẢNG GIẢI TRÌNH" in text
    assert f"tổng {_vi(unit.total)} điểm, xếp hạng {unit.rank}" in text
    for line in unit.trace:
        assert line.rule.replace("*", "\\*") in text or line.rule in text
    row = next(r for r in paper.body[1].rows if r[0] == first.code)  # type: ignore[union-attr]
    assert row[-1] == "Quyết định số 1459/QĐ-BTTTT ngày 09/9/2019"
    assert f"| **{_vi(unit.total)}** |" in text
    assert render_markdown(unit_explanation(year, unit.unit)).startswith(f"| **{BLANK}** |")
    with pytest.raises(UnknownCodeError, match="no result for unit 'NOPE'"):
        unit_explanation(year, "NOPE")


def test_place_line_as_decree_30_writes_it() -> None:
    """ "Cần Thơ, ngày …"; a city named after a person in full (ND 30/2020/NĐ-CP, App. I)."""
    assert place_name("Thành phố Cần Thơ") == "Cần Thơ"
    assert place_name("thành phố Hà Nội") == "Hà Nội"
    assert place_name("Tỉnh Sơn La") == "Sơn La"
    assert place_name("TP. Hồ Chí Minh") == "Thành phố Hồ Chí Minh"
    assert place_name("Hồ Chí Minh") == "Thành phố Hồ Chí Minh"
    assert _document(place="Thành phố Cần Thơ").place_date_line.startswith("Cần Thơ, ngày")


def test_citations_print_the_proper_form() -> None:
    """A Party symbol as 05-CT/TW with its issuer; the data keeps the text as written."""
    written = "Chỉ thị số 05/CT-TW ngày 15/5/ 2016 của Bộ Chính trị"
    ref = LegalReference.parse(written)
    assert citation(ref) == "Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị"
    assert ref.text == written
    # "TW" marks the level, not a body: with no issuer written, none is guessed
    assert citation(LegalReference.parse("Chỉ thị số 05-CT/TW ngày 15/5/2016")) == (
        "Chỉ thị số 05-CT/TW ngày 15/5/2016"
    )
    state = LegalReference.parse("Quyết định số 45/2016/QĐ-TTg ngày 19/10/2016 của Chính phủ")
    assert citation(state) == (
        "Quyết định số 45/2016/QĐ-TTg ngày 19/10/2016 của Thủ tướng Chính phủ"
    )


def test_every_format_marks_illustrative_papers(
    review: tuple[ReviewDocument, ReviewReport],
) -> None:
    """Minutes and letter of an illustrative review carry "MINH HỌA" in md, html and docx."""
    from thidua.documents._docx import render_docx  # noqa: PLC0415

    document, report = review
    organisation = cluster1_2019_2020().organisation
    for paper in (
        review_minutes(document, report, organisation),
        submission_letter(document, report, organisation),
    ):
        assert paper.illustrative
        assert ILLUSTRATIVE_MARK in render_markdown(paper)
        assert ILLUSTRATIVE_MARK in visible_text(render_html(paper))
        assert ILLUSTRATIVE_MARK in _docx_text(render_docx(paper))
    real = agreement_paper(cluster1_2019_2020())
    assert ILLUSTRATIVE_MARK not in render_markdown(real)
