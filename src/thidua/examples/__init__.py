"""The shipped example: the 2019–2020 agreement of Cluster No. 1.

Cluster No. 1 (Cụm thi đua số 1) of the block of Departments of Information and
Communications of the provinces and centrally-run cities groups the departments of the
five centrally-run cities. Their representatives signed the 2019–2020 agreement at the
Hà Nội department on 14/12/2019, and the Hải Phòng and Hà Nội departments signed a
cooperation memo at the same conference.

Every fact comes from the news report of the signing (Cổng tin tức Thành phố Hải Phòng)
or from the decision that formed the block (Quyết định số 1459/QĐ-BTTTT ngày 09/9/2019).
What they do not give (the signatories' names, a document number, the formed decision's
own title) is absent. The source says "đại diện" of each department signed; the signature
blocks are the form a department signs in (its head, the Giám đốc, signs directly), with
the names blank. The commitments' areas are headings added for this library (the source
has none), marked editorial; the first four paragraphs and the items that follow "…, cụ
thể:" are kept as the source writes them.

Later facts recorded in the organisation: the departments of information and
communications merged into the science and technology departments from 01/3/2025, so the
block and its cluster end then (what replaced them is not recorded: no successor); press
and publishing went to the culture departments.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources

from thidua._agreement import (
    Agreement,
    AgreementDocument,
    AgreementStatus,
    Commitment,
    CooperationMemo,
    Signatory,
    SignatureAuthority,
    Signing,
    StatusChange,
)
from thidua._base.dates import Period
from thidua._base.legal import LegalReference
from thidua._organisation import (
    EmulationGroup,
    GroupKind,
    Membership,
    Organisation,
    Role,
    Unit,
    UnitKind,
)
from thidua.scoring import Scoring
from thidua.serialization import loads
from thidua.serialization._digest import with_seal
from thidua.yearend._review import ReviewDocument

__all__ = ["CITY_CODES", "cluster1_2019_2020", "cluster1_review", "cluster1_scoring"]

#: Codes of the five member departments, in the order the source lists the cities.
CITY_CODES = ("HN", "HCM", "HP", "DN", "CT")

_CITIES = {
    "HN": "thành phố Hà Nội",
    "HCM": "Thành phố Hồ Chí Minh",
    "HP": "thành phố Hải Phòng",
    "DN": "thành phố Đà Nẵng",
    "CT": "thành phố Cần Thơ",
}
_FORMED_BY = "Quyết định số 1459/QĐ-BTTTT ngày 09/9/2019"
_FORMED_ON = dt.date(2019, 9, 9)
_SIGNED_ON = dt.date(2019, 12, 14)
# The Sở TT&TT merged into the Sở KH&CN from 01/3/2025 (DOMAIN §5.2); the block ends then.
_SO_TTTT_ENDED = dt.date(2025, 3, 1)
_ENDED_BY = "Sở Thông tin và Truyền thông hợp nhất vào Sở Khoa học và Công nghệ từ 01/3/2025"
_SOURCE = (
    "Cổng tin tức Thành phố Hải Phòng: Ký kết giao ước thi đua năm 2019 – 2020 giữa các"
    " Sở Thông tin và Truyền thông các tỉnh, thành phố thuộc Cụm Thi đua số 1 (14/12/2019)"
)

# (area heading added here, text as the source writes it, references, code it is an item of)
_COMMITMENTS: tuple[tuple[str, str, tuple[str, ...], str | None], ...] = (
    (
        "Phong trào thi đua",
        (
            "Đẩy mạnh phong trào thi đua thiết thực, hiệu quả, phấn đấu thực hiện thắng lợi các"
            " mục tiêu, nhiệm vụ phát triển kinh tế – xã hội và đảm bảo quốc phòng an ninh."
            " Thi đua lao động giỏi, lao động sáng tạo, nâng cao năng suất, chất lượng, hiệu quả"
            " công việc tạo động lực phát triển ngành thông tin và truyền thông; phấn đấu Cụm"
            " thi đua số 1 dẫn đầu trong các Khối Thi đua Sở Thông tin và Truyền thông các"
            " tỉnh, thành phố trực thuộc Trung ương."
        ),
        (),
        None,
    ),
    (
        "Công tác thi đua, khen thưởng",
        (
            "Tổ chức các phong trào thi đua với nội dung cụ thể, thiết thực, tuyên truyền, phát"
            " hiện, bồi dưỡng và nhân rộng điển hình tiên tiến, mô hình mới, coi đây là nhiệm vụ"
            " trọng tâm của công tác thi đua, khen thưởng hàng năm. Công tác khen thưởng, bảo"
            " đảm chính xác, công khai, minh bạch, có tác dụng giáo dục, nêu gương, quan tâm đến"
            " các tập thể, cá nhân, người lao động trực tiếp."
        ),
        (),
        None,
    ),
    (
        "Xây dựng Đảng",
        (
            "Tiếp tục đẩy mạnh việc “Học tập và làm theo tư tưởng đạo đức phong cách Hồ Chí"
            " Minh” theo tinh thần Chỉ thị số 05/CT-TW ngày 15/5/ 2016 của Bộ Chính trị với"
            " phương châm cụ thể, thiết thực, phù hợp. Nâng cao năng lực và sức chiến đấu của"
            " tổ chức cơ sở Đảng, xây dựng Đảng trong sạch, vững mạnh."
        ),
        ("Chỉ thị số 05/CT-TW ngày 15/5/ 2016 của Bộ Chính trị",),
        None,
    ),
    (
        "Quản lý nhà nước",
        (
            "Hoàn thành tốt công tác quản lý nhà nước; tích cực hướng dẫn, kiểm tra và tổ chức"
            " thực hiện các văn bản quy phạm pháp luật; tham mưu triển khai kịp thời, hiệu quả"
            " các chủ trương của Đảng, chính sách, pháp luật của Nhà nước về các lĩnh vực Thông"
            " tin và Truyền thông, cụ thể:"
        ),
        (),
        None,
    ),
    (
        "Bưu chính",
        (
            "Hỗ trợ phát triển mạng lưới chuyển phát; triển khai Quyết định số 45/2016/QĐ-TTg"
            " ngày 19/10/2016 của Chính phủ về tiếp nhận hồ sơ, trả kết quả giải quyết thủ tục"
            " hành chính qua dịch vụ bưu chính công ích."
        ),
        ("Quyết định số 45/2016/QĐ-TTg ngày 19/10/2016 của Chính phủ",),
        "C04",
    ),
    (
        "Viễn thông",
        (
            "Chuyển đổi hạ tầng viễn thông thành hạ tầng ICT, hạ tầng số; tăng cường chia sẻ,"
            " sử dụng chung cơ sở hạ tầng kỹ thuật viễn thông thụ động giữa các doanh nghiệp"
            " viễn thông."
        ),
        (),
        "C04",
    ),
    (
        "Chính quyền điện tử",
        (
            "Xây dựng, phát triển Chính quyền điện tử; từng bước xây dựng thành phố Hà Nội"
            " thông minh."
        ),
        (),
        "C04",
    ),
    (
        "An toàn thông tin",
        (
            "Bảo đảm an toàn thông tin mạng trong quá trình xây dựng, phát triển Chính quyền"
            " điện tử và Thành phố thông minh."
        ),
        (),
        "C04",
    ),
    ("Công nghiệp công nghệ thông tin", "Phát triển công nghiệp công nghệ thông tin.", (), "C04"),
    (
        "Báo chí, truyền thông",
        (
            "Tham mưu chỉ đạo các cơ quan báo chí, truyền thông ở địa phương thông tin, tuyên"
            " truyền toàn diện, đầy đủ về chủ trương, đường lối của Đảng và Nhà nước tạo lòng"
            " tin và dự đồng thuận của nhân dân tại địa phương. Xử lý các thông tin xấu độc,"
            " không đúng sự thật."
        ),
        (),
        "C04",
    ),
    (
        "Hợp tác trong Cụm",
        (
            "Đẩy mạnh các hoạt động trao đổi hợp tác và chia sẽ kinh nghiệm về công tác quản lý"
            " nhà nước ngành thông tin và truyền thông giữa các đơn vị trong Cụm thi đua số 1."
        ),
        (),
        None,
    ),
    (
        "Triển khai giao ước",
        (
            "Trên cơ sở nội dung giao ước thi đua đã được thống nhất, các đơn vị trong Cụm có"
            " kế hoạch triển khai đến toàn thể cán bộ, công chức, viên chức và người lao động"
            " hưởng ứng phong trào thi đua yêu nước; quyết tâm phấn đấu hoàn thành tốt các nhiệm"
            " vụ khác do Bộ Thông tin và Truyền thông, Thành ủy, Hội đồng nhân dân, Ủy ban nhân"
            " dân của các Thành phố giao."
        ),
        (),
        None,
    ),
)

_MEMO_PURPOSE = (
    "Tăng cường sự phối hợp giữa các cơ quan quản lý nhà nước về thông tin và truyền thông ở"
    " hai địa phương để hợp tác thúc đẩy phát triển lĩnh vực thông tin và truyền thông tại các"
    " địa phương, góp phần vào thành công chung của chương trình hợp tác giữa thành phố Hải"
    " Phòng và thành phố Hà Nội."
)


def _organisation() -> Organisation:
    units = tuple(
        Unit(
            code=code,
            name=f"Sở Thông tin và Truyền thông {city}",
            kind=UnitKind.DEPARTMENT,
        )
        for code, city in _CITIES.items()
    )
    block = EmulationGroup(
        code="KHOI-STTTT",
        name="Khối thi đua Sở Thông tin và Truyền thông các tỉnh, thành phố trực thuộc Trung ương",
        kind=GroupKind.BLOCK,
        framework="BTTTT-QĐ1459-2019",
        issuer="Bộ Thông tin và Truyền thông",
        formed_by=_FORMED_BY,
        formed_on=_FORMED_ON,
        ended_on=_SO_TTTT_ENDED,
        ended_by=_ENDED_BY,
    )
    cluster = EmulationGroup(
        code="CUM-1",
        name="Cụm thi đua số 1",
        kind=GroupKind.CLUSTER,
        parent=block.code,
        framework="BTTTT-QĐ1459-2019",
        issuer="Bộ Thông tin và Truyền thông",
        formed_by=_FORMED_BY,
        formed_on=_FORMED_ON,
        ended_on=_SO_TTTT_ENDED,
        ended_by=_ENDED_BY,
    )
    memberships = tuple(
        Membership(
            unit=unit.code,
            group=cluster.code,
            role=Role.MEMBER,
            valid_from=_FORMED_ON,
            valid_to=_SO_TTTT_ENDED - dt.timedelta(days=1),
            basis=_FORMED_BY,
        )
        for unit in units
    )
    return Organisation(units=units, groups=(block, cluster), memberships=memberships)


def cluster1_2019_2020() -> AgreementDocument:
    """Return the 2019–2020 agreement of Cluster No. 1, with its organisation and memo.

    >>> from thidua.examples import cluster1_2019_2020
    >>> document = cluster1_2019_2020()
    >>> agreement = document.agreements[0]
    >>> agreement.signing.on.isoformat(), agreement.signing.place
    ('2019-12-14', 'Hà Nội')
    >>> [s.unit for s in agreement.signatories]
    ['HN', 'HCM', 'HP', 'DN', 'CT']
    """
    commitments = tuple(
        Commitment(
            code=f"C{index:02d}",
            area=area,
            text=text,
            references=tuple(LegalReference.parse(ref) for ref in references),
            area_is_editorial=True,
            part_of=part_of,
        )
        for index, (area, text, references, part_of) in enumerate(_COMMITMENTS, start=1)
    )
    agreement = Agreement(
        code="GU-CUM1-2019-2020",
        group="CUM-1",
        period=Period.years(2019, 2020),
        title="Giao ước thi đua năm 2019 – 2020 của Cụm thi đua số 1",
        signing=Signing(on=_SIGNED_ON, place="Hà Nội", host="HN"),
        signatories=tuple(
            Signatory(unit=code, authority=SignatureAuthority.HEAD) for code in CITY_CODES
        ),
        commitments=commitments,
        history=(StatusChange(status=AgreementStatus.SIGNED, on=_SIGNED_ON),),
        source=_SOURCE,
    )
    memo = CooperationMemo(
        code="BBHT-HP-HN-2019",
        agreement=agreement.code,
        parties=("HP", "HN"),
        purpose=_MEMO_PURPOSE,
        signed_on=_SIGNED_ON,
    )
    document = AgreementDocument(
        organisation=_organisation(), agreements=(agreement,), memos=(memo,)
    )
    return with_seal(document)  # a signed agreement is sealed (thidua verify checks it)


def cluster1_scoring() -> Scoring:
    """Return an ILLUSTRATIVE points table and scores for the five members, 2019 and 2020.

    The public record of the cluster has no points table: the table and the scores are
    made up to show the scoring engine, and the document says so (``illustrative``).
    """
    data = resources.files(__package__).joinpath("cluster1_2019_2020_scoring.json").read_bytes()
    return loads(data, Scoring)


def cluster1_review() -> ReviewDocument:
    """Return an ILLUSTRATIVE year-end review of 2020 for the cluster.

    Its ranking is the one :func:`cluster1_scoring` gives for 2020; its meeting, ballots and
    staff counts are made up, and the document says which parts are real.
    """
    data = resources.files(__package__).joinpath("cluster1_2019_2020_review.json").read_bytes()
    return loads(data, ReviewDocument)
