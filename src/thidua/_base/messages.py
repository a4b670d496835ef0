"""Problem messages in Vietnamese or English, chosen by the caller.

Every problem thidua reports carries a stable ``code`` (``"unknown-key"``), a
``path`` (``$.commitments[3].deadline``), an English ``message`` and its
``details`` (:class:`thidua.errors.Details`): the values the message speaks of,
set as data where the problem is raised. This module keeps the catalogue, one
entry per code: a general message in Vietnamese and English and, for a code whose
problems carry details, a template in each language over those details, by name
(``"sai kiểu dữ liệu: cần {expected}, nhận được {got}"``). :func:`localise` gives
a problem's message in the language asked for: the template filled with the
details when every detail it names is there (and, for the few details that are
words, such as a JSON type, the word is known), the code's general message
otherwise. Nothing is read back out of a message.

The English message is written where the problem is raised, and stays the one
returned for English; the English template words the same thing, and a test
pins that, for every code with templates, the English template filled with the
raised details gives the raised message, so the two cannot drift.

Details that are words (a JSON type, a kind of value, a number convention) are
given as a fixed key (``"integer"``, ``"array"``) and translated from a small
table per language; other details (values, choices, names, limits) are shown as
they are, ``{value!r}`` quoting text, and a tuple of choices shown as
``'a', 'b'``.

The command line picks the language from the locale (``LC_ALL``,
``LC_MESSAGES`` or ``LANG`` starting with ``vi``) unless ``--lang`` says
otherwise: :func:`language_from_environment`.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Final, Literal, Protocol

import attrs

from thidua.errors import DetailValue

__all__ = ["Language", "language_from_environment", "localise", "message_for"]

Language = Literal["vi", "en"]
"""A language for messages: ``"vi"`` (Vietnamese) or ``"en"`` (English)."""

LANGUAGES: Final[tuple[Language, ...]] = ("vi", "en")


class Reported(Protocol):
    """What :func:`localise` reads of a problem or an error: its code, message, details."""

    @property
    def code(self) -> str: ...

    @property
    def message(self) -> str: ...

    @property
    def details(self) -> Mapping[str, DetailValue]: ...


@attrs.frozen
class _Entry:
    """One code: its general messages and, when its problems carry details, templates.

    ``en_detailed`` and ``vi_detailed`` name details in ``{braces}``, as
    :meth:`str.format` does.
    """

    vi: str
    en: str
    en_detailed: str | None = None
    vi_detailed: str | None = None

    def detailed(self, lang: Language) -> str | None:
        """The template in *lang*, if the code has one."""
        return self.vi_detailed if lang == "vi" else self.en_detailed


def _entry(
    vi: str, en: str, en_detailed: str | None = None, vi_detailed: str | None = None
) -> _Entry:
    return _Entry(vi, en, en_detailed, vi_detailed)


_CODE_TEXT = (
    "dùng 1 đến 64 chữ cái ASCII, chữ số, '_', '.' hoặc '-', bắt đầu bằng chữ cái hoặc chữ số"
)
_DECIMAL_TEXT = (
    "viết chữ số, có thể có dấu '-' ở đầu và phần thập phân sau dấu '.', như \"9.98\""
    " (tối đa 18 chữ số phần nguyên và 12 chữ số phần thập phân)"
)

#: Code -> messages. Every code raised anywhere in thidua has an entry (a test checks).
CATALOGUE: Final[Mapping[str, _Entry]] = {
    "unknown-key": _entry("khóa không có trong định dạng", "unknown key"),
    "header": _entry(
        "dòng đầu của tệp chấm điểm theo dòng phải là phần mở đầu (kind, schema_version, schemes)",
        "the first line of a scoring stream must be its header (kind, schema_version, schemes)",
    ),
    "not-contiguous": _entry(
        "các dòng của một cụm, khối phải liền nhau, sau dòng mở đầu của cụm, khối đó",
        "a group's lines must be contiguous, after the line that opens the group",
    ),
    "missing": _entry("thiếu trường bắt buộc", "required field missing"),
    "wrong-type": _entry(
        "sai kiểu dữ liệu",
        "wrong JSON type",
        "expected {expected}, got {got}",
        "sai kiểu dữ liệu: cần {expected}, nhận được {got}",
    ),
    "out-of-range": _entry(
        "số nguyên vượt quá phạm vi hỗ trợ (±10^15)",
        "integer beyond the supported range (±10^15)",
        "integer {value} is beyond the supported range (±10^15)",
        "số nguyên {value} vượt quá phạm vi hỗ trợ (±10^15)",
    ),
    "invalid-decimal": _entry(
        f"không phải số thập phân: {_DECIMAL_TEXT}",
        "not a decimal number",
        "{value!r} is not a decimal number: write digits with an optional '-' and '.' fraction,"
        ' such as "9.98" (at most 18 integer and 12 fraction digits)',
        f"{{value!r}} không phải số thập phân: {_DECIMAL_TEXT}",
    ),
    "unquoted-decimal": _entry(
        'số có phần thập phân phải viết trong dấu ngoặc kép, như "9.98", để giữ chính xác',
        "a number with a fraction must be quoted to stay exact",
        "the number {value} has a fraction: quote decimal quantities so they stay exact,"
        ' as in "{value}"',
        'số {value} có phần thập phân: hãy viết trong dấu ngoặc kép, như "{value}",'
        " để giữ chính xác",
    ),
    "invalid-fraction": _entry(
        'cần một phân số như "2/3"',
        'expected a fraction such as "2/3"',
        'expected a fraction such as "2/3", got {got} {value!r}',
        'cần một phân số như "2/3", nhận được {got} {value!r}',
    ),
    "invalid-date": _entry(
        'cần một ngày có thật, viết dạng "YYYY-MM-DD" (năm-tháng-ngày)',
        'expected a real date as "YYYY-MM-DD"',
    ),
    "date-out-of-range": _entry(
        "ngày nằm ngoài lịch (năm 1 đến năm 9999)",
        "a date outside the calendar (years 1 to 9999)",
        "year {year} is outside the calendar (years 1 to 9999)",
        "năm {year} nằm ngoài lịch (năm 1 đến năm 9999)",
    ),
    "invalid-datetime": _entry(
        'cần ngày giờ có thật kèm độ lệch múi giờ, như "2019-12-14T09:14:00+07:00"',
        "expected a real date and time with its offset",
    ),
    "unknown-value": _entry(
        "giá trị không thuộc các giá trị cho phép",
        "not one of the allowed values",
        "expected one of {choices}, got {got} {value!r}",
        "giá trị không hợp lệ: cần một trong {choices}, nhận được {got} {value!r}",
    ),
    "unknown-tag": _entry(
        "loại không xác định",
        "unknown kind",
        "unknown {what} {tag!r}: expected one of {choices}",
        "loại {tag!r} không xác định: cần một trong {choices}",
    ),
    "invalid-value": _entry("giá trị không hợp lệ", "invalid value"),
    "invalid-json": _entry("không phải JSON hợp lệ", "not valid JSON"),
    "invalid-version": _entry(
        'phiên bản lược đồ không hợp lệ: cần dạng MAJOR.MINOR, như "1.0"',
        'invalid schema version: expected MAJOR.MINOR, such as "1.0"',
    ),
    "newer-version": _entry(
        "phiên bản lược đồ mới hơn phiên bản thidua này đọc được; hãy nâng cấp thidua",
        "schema version newer than this thidua reads; upgrade thidua",
        "schema version {version} is newer than this thidua reads ({current}); upgrade thidua",
        "phiên bản lược đồ {version} mới hơn phiên bản thidua này đọc được ({current});"
        " hãy nâng cấp thidua",
    ),
    "older-version": _entry(
        "phiên bản lược đồ cũ; hãy chạy 'thidua migrate'",
        "older schema version; run 'thidua migrate'",
        "schema version {version} is older than {current}; run 'thidua migrate'",
        "phiên bản lược đồ {version} cũ hơn {current}; hãy chạy 'thidua migrate'",
    ),
    "wrong-kind": _entry(
        "sai loại tài liệu",
        "wrong document kind",
        "expected a {wanted!r} document, got {kind!r}",
        "cần tài liệu loại {wanted!r}, nhận được {kind!r}",
    ),
    "invalid-text": _entry(
        "văn bản chứa ký tự không được nhận: ký tự điều khiển, nửa cặp thay thế đứng lẻ,"
        " ký tự không dùng (U+FFFE, U+FFFF) hoặc ký tự điều khiển hướng chữ",
        "text holds a character that is refused: a control character, a lone surrogate,"
        " a noncharacter (U+FFFE, U+FFFF) or a bidirectional control",
    ),
    "invalid-code": _entry(
        f"mã không hợp lệ: {_CODE_TEXT}",
        "invalid code",
        "{value!r} is not a valid code: use 1 to 64 ASCII letters, digits, '_', '.' or '-',"
        " starting with a letter or digit",
        f"{{value!r}} không phải mã hợp lệ: {_CODE_TEXT}",
    ),
    "invalid-item-code": _entry(
        "mã mục không hợp lệ: cần văn bản khác rỗng, dạng NFC, không có ký tự điều khiển"
        " hay khoảng trắng ở đầu hoặc cuối",
        "invalid item code: use non-empty NFC text without control characters or"
        " surrounding spaces",
    ),
    "empty": _entry("không được để trống", "must not be empty"),
    "duplicate-code": _entry(
        "mã bị trùng",
        "duplicate code",
        "duplicate code {value!r} (first at {first})",
        "mã {value!r} bị trùng (lần đầu ở {first})",
    ),
    "duplicate-name": _entry(
        "tên bị trùng",
        "duplicate name",
        "the name {value!r} is the same name as {first}",
        "tên {value!r} trùng với tên ở {first}",
    ),
    # Year-end: organisation, ballots, awards, nominations, workflow, review.
    "broken-history": _entry(
        "lịch sử thay đổi không khớp với các giá trị trước đó",
        "the history does not match the values before it",
    ),
    "chair-absent": _entry(
        "chủ tọa không có mặt trong số thành viên dự họp",
        "the chair is not among the members present",
    ),
    "duplicate-grant": _entry(
        "danh hiệu được trao hai lần cho cùng một đơn vị trong cùng năm",
        "an award is granted twice to one unit for one year",
    ),
    "duplicate-nomination": _entry(
        "đơn vị đã được đề nghị danh hiệu này cho năm này",
        "the unit is already proposed for this award and year",
    ),
    "duplicate-rule": _entry(
        "danh hiệu có hai quy định trong cùng một chế độ",
        "a second rule for the award under the same regime",
    ),
    "exceeds-staff": _entry("số người vượt quá tổng số cán bộ", "the count exceeds the staff"),
    "group-mismatch": _entry(
        "cuộc họp thuộc cụm, khối thi đua khác", "the meeting is of another group"
    ),
    "inconsistent-count": _entry(
        "các số phiếu không khớp với nhau", "the ballot counts do not add up"
    ),
    "inconsistent-result": _entry(
        "kết quả không thống nhất với từng điều kiện", "the result disagrees with its conditions"
    ),
    "invalid-base": _entry("số đơn vị làm cơ sở tính không hợp lệ", "invalid base count"),
    "invalid-interval": _entry(
        "ngày hoặc năm kết thúc trước ngày hoặc năm bắt đầu", "the end comes before the start"
    ),
    "invalid-period": _entry(
        "khoảng thời gian kết thúc trước khi bắt đầu", "the period ends before it starts"
    ),
    "invalid-ranking": _entry(
        "thứ hạng không đúng với số điểm hoặc số phiếu",
        "the ranking does not follow from the scores or votes",
    ),
    "invalid-revocation": _entry(
        "quyết định hủy bỏ không khớp với quyết định bị hủy",
        "the revocation does not match the decision it undoes",
    ),
    "invalid-share": _entry(
        "tỷ lệ phải là phân số từ 0 đến 1", "a share must be a fraction from 0 to 1"
    ),
    "invalid-succession": _entry(
        "chuỗi kế thừa giữa các đơn vị không hợp lệ", "invalid chain of successions"
    ),
    "invalid-successor": _entry("đơn vị kế thừa không hợp lệ", "invalid successor"),
    "invalid-transition": _entry(
        "không được chuyển trạng thái như vậy", "this change of state is not allowed"
    ),
    "letter-authority": _entry(
        "cụm, khối không đề nghị khen thưởng lên cấp này, hoặc đề nghị lên nhiều cấp:"
        " chọn một cấp cho tờ trình",
        "the group proposes nothing to this authority, or to several: choose one for the letter",
    ),
    "locked": _entry("bảng điểm đang bị khóa, không được thay đổi", "the sheet is locked"),
    "minutes-group-mismatch": _entry(
        "biên bản ghi tên cụm, khối thi đua khác với cụm, khối được đề nghị",
        "the minutes name another group than the one led",
    ),
    "missing-dossier": _entry(
        "đề nghị ở trạng thái này cần có hồ sơ", "the nomination needs its dossier"
    ),
    "missing-issuer": _entry(
        "hình thức khen thưởng cần nêu cơ quan ban hành", "the commendation needs its issuer"
    ),
    "missing-rule": _entry(
        "cần khai báo quy tắc chuyển thành tích khi có kế thừa", "declare the record transfer rule"
    ),
    "naive-datetime": _entry(
        "cần ngày giờ kèm độ lệch múi giờ so với UTC", "must be a date and time with its UTC offset"
    ),
    "missing-authority": _entry(
        "cần nêu cấp có thẩm quyền nhận đề nghị", "name the authority the proposal goes to"
    ),
    "needs-ballot": _entry("quy tắc này cần bỏ phiếu kín", "this rule needs a secret ballot"),
    "collective-condition": _entry(
        "điều kiện này chỉ áp dụng cho tập thể", "the condition applies to a collective only"
    ),
    "negative": _entry("phải bằng 0 hoặc lớn hơn", "must be zero or more"),
    "no-change": _entry("thay đổi phải làm khác giá trị cũ", "a change must change the value"),
    "no-regime": _entry(
        "không có chế độ khen thưởng nào áp dụng cho khoảng thời gian này",
        "no regime covers the period",
    ),
    "wrong-recipient": _entry(
        "danh hiệu này dành cho đối tượng khác (tập thể hoặc cá nhân)",
        "the award goes to another kind of recipient (collective or individual)",
    ),
    "no-rule": _entry(
        "không có quy định cho danh hiệu này trong chế độ đã chọn",
        "no rule for the award under the regime",
    ),
    "not-a-member": _entry(
        "đơn vị không phải thành viên của cụm, khối thi đua",
        "the unit is not a member of the group",
    ),
    "not-entitled": _entry(
        "đoàn này không được nhận phiếu trong lần bỏ phiếu này",
        "the delegation receives no ballot in this vote",
    ),
    "not-positive": _entry("phải từ 1 trở lên", "must be one or more"),
    "not-published": _entry(
        "chỉ bảng điểm đã công bố mới có kết quả công bố",
        "only a published sheet has a published result",
    ),
    "one-award-per-achievement": _entry(
        "mỗi thành tích chỉ được đề nghị một hình thức khen thưởng",
        "one achievement gets one award",
    ),
    "out-of-order": _entry(
        "các sự kiện không theo thứ tự thời gian", "events are out of time order"
    ),
    "overlapping-regimes": _entry(
        "các chế độ khen thưởng chồng lấn thời gian", "the regimes overlap"
    ),
    "quorum-not-met": _entry(
        "không đủ số thành viên dự họp theo quy định", "the quorum is not met"
    ),
    "quota-exceeded": _entry(
        "vượt quá số lượng được đề nghị", "more proposals than the quota allows"
    ),
    "reason-required": _entry(
        "trả lại bảng điểm cần nêu lý do", "returning the sheet needs a reason"
    ),
    "revoked": _entry("kết quả đã bị hủy bỏ", "the result is revoked"),
    "second-ballot": _entry("một người bỏ phiếu hai lần", "one voter cast a second ballot"),
    "self-revocation": _entry(
        "quyết định hủy bỏ không thể tự hủy chính nó", "a revocation does not undo itself"
    ),
    "spoiled-with-choices": _entry(
        "phiếu không hợp lệ không ghi lựa chọn", "a spoiled ballot records no choices"
    ),
    "too-many-ballots": _entry(
        "số phiếu bỏ nhiều hơn số phiếu được nhận", "more ballots cast than received"
    ),
    "too-many-choices": _entry(
        "số lựa chọn tối đa vượt quá số ứng viên", "more choices allowed than candidates"
    ),
    "unknown-award": _entry("danh hiệu không có trong danh mục", "unknown award"),
    "unknown-framework": _entry("khung quy định khen thưởng không xác định", "unknown framework"),
    "unknown-regime": _entry("chế độ khen thưởng không xác định", "unknown regime"),
    "vote-without-ballots": _entry(
        "cuộc bỏ phiếu và các phiếu bầu phải đi cùng nhau", "a vote and its ballots come together"
    ),
    "year-mismatch": _entry(
        "số liệu thuộc năm khác với năm bình xét", "facts of another year than the review"
    ),
    # Organisation and agreements.
    "bad-transition": _entry(
        "không được chuyển trạng thái của giao ước như vậy", "this change of status is not allowed"
    ),
    "duplicate-rotation": _entry(
        "luân phiên được thỏa thuận hai lần cho cùng một ngày",
        "a rotation is agreed twice on one date",
    ),
    "event-order": _entry("đơn vị kết thúc trước khi bắt đầu", "the unit ends before it begins"),
    "event-shape": _entry(
        "số đơn vị của sự kiện tổ chức không đúng với loại sự kiện",
        "the event names the wrong number of units for its kind",
    ),
    "invalid-term": _entry("nhiệm kỳ kết thúc trước khi bắt đầu", "the term ends before it starts"),
    "leadership-on-member": _entry(
        "chỉ trưởng hoặc phó cụm, khối mới có căn cứ chỉ định",
        "only a head or deputy has a leadership source",
    ),
    "membership-after-group": _entry(
        "tư cách thành viên kéo dài sau khi cụm, khối kết thúc",
        "the membership lasts after the group ends",
    ),
    "successor-without-end": _entry(
        "cụm, khối có đơn vị kế tục phải có ngày kết thúc",
        "a group with successors needs the day it ended",
    ),
    "rotation-role": _entry(
        "chỉ vai trò trưởng hoặc phó cụm, khối mới luân phiên",
        "only the head's and the deputy's roles rotate",
    ),
    "not-collegial": _entry(
        'đơn vị làm việc theo chế độ thủ trưởng: không ký "TM." (chỉ dành cho tập thể)',
        'the unit works under one head: "TM." is for collegial bodies only',
    ),
    "unknown-commitment": _entry(
        "nội dung giao ước không xác định", "unknown commitment of the agreement"
    ),
    "bad-copies": _entry("số bản giao ước phải từ 1 trở lên", "an agreement has at least one copy"),
    "membership-after-unit": _entry(
        "tư cách thành viên kéo dài sau khi đơn vị không còn",
        "the membership lasts after the unit ends",
    ),
    "membership-before-unit": _entry(
        "tư cách thành viên bắt đầu trước khi đơn vị được thành lập",
        "the membership starts before the unit begins",
    ),
    "outside-period": _entry(
        "thời hạn nằm ngoài thời gian của giao ước",
        "the deadline is outside the agreement's period",
    ),
    "parent-cycle": _entry(
        "cụm, khối không thể là cấp trên của chính nó", "a group cannot be its own parent"
    ),
    "parent-not-block": _entry(
        "chỉ khối thi đua mới có các cụm, khối trực thuộc", "only a block holds groups"
    ),
    "self-successor": _entry("đơn vị không thể kế thừa chính nó", "a unit does not succeed itself"),
    "signing-required": _entry(
        "giao ước đã ký cần có ngày và nơi ký",
        "a signed agreement needs its signing (date and place)",
    ),
    "two-parties": _entry(
        "bản ghi nhớ hợp tác có đúng hai bên khác nhau",
        "a cooperation memo has exactly two distinct parties",
    ),
    "unknown-agreement": _entry("giao ước không xác định", "unknown agreement"),
    "unknown-group": _entry("cụm, khối thi đua không xác định", "unknown group"),
    "unknown-unit": _entry("đơn vị không xác định", "unknown unit"),
    # Scoring.
    "band-gap": _entry(
        "các mức xếp loại để hở khoảng điểm", "the classification bands leave a gap"
    ),
    "bands-overlap": _entry("các mức xếp loại chồng lấn nhau", "the classification bands overlap"),
    "caps-exceed-scale": _entry(
        "tổng điểm tối đa của các tiêu chí vượt quá thang điểm",
        "the criteria can give more points than the scale",
    ),
    "child-exceeds-cap": _entry(
        "tiêu chí con có thể cho nhiều điểm hơn mức trần của mục",
        "a child can give more points than the section's cap",
    ),
    "duplicate": _entry("một bước được liệt kê hai lần", "listed twice"),
    "duplicate-assessment": _entry(
        "một tiêu chí được chấm hai lần trong cùng một lớp chấm",
        "a criterion is assessed twice in one layer",
    ),
    "duplicate-year": _entry("một năm có hai bảng chấm điểm", "a year has two sheets"),
    "empty-band": _entry("mức xếp loại không chứa điểm nào", "the classification band is empty"),
    "empty-tier": _entry("mức điểm không chứa giá trị nào", "the tier is empty"),
    "grid-shape": _entry(
        "bảng điểm không khớp với số khoảng giá trị", "the grid does not match its ranges"
    ),
    "incomplete": _entry(
        "bảng chấm điểm chưa đủ: mỗi tiêu chí cần một điểm (0 là điểm hợp lệ)",
        "the sheet is incomplete: every criterion needs a score (0 is a valid score)",
    ),
    "not-compact": _entry(
        "các điểm không xếp theo từng đơn vị và thứ tự tiêu chí nên không chuyển sang dạng gọn"
        " rồi chuyển lại được đúng từng byte",
        "the assessments are not unit by unit in criteria order, so the compact form would"
        " not convert back to the same bytes",
    ),
    "inconsistent": _entry("các giá trị không thống nhất với nhau", "the values do not agree"),
    "inexact": _entry(
        "giá trị không biểu diễn được chính xác bằng số thập phân",
        "the value has no exact decimal expansion",
    ),
    "method-exceeds-max": _entry(
        "cách tính cho nhiều điểm hơn điểm tối đa của tiêu chí",
        "the method gives more than the criterion's maximum",
    ),
    "missing-assessor": _entry(
        "điểm chấm chéo phải ghi người chấm", "a peer score names its assessor"
    ),
    "negative-points": _entry("điểm không được âm", "points must not be negative"),
    "peer-rule-missing": _entry(
        "nhiều đơn vị chấm chéo nhưng bảng điểm không có quy tắc chấm chéo",
        "several peers scored but the scheme has no peer rule",
    ),
    "peers-disagree": _entry(
        "các đơn vị chấm chéo ghi nhận khác nhau về cùng một sự kiện", "peers disagree on a fact"
    ),
    "scheme-not-in-force": _entry(
        "bảng điểm không có hiệu lực trong năm này", "the scheme is not in force that year"
    ),
    "undeclared-excess": _entry(
        "phương pháp có thể cho quá điểm tối đa: khai báo phần vượt là điểm thưởng của tiêu"
        " chí với mức tối đa (bonus_cap)",
        "the method can give more than the maximum: declare the excess as the criterion's"
        " bonus with its cap (bonus_cap)",
    ),
    "tier-gap": _entry(
        "bảng mức bỏ sót giá trị giữa hai mức: khai báo mức nào nhận các giá trị đó (takes_gap)",
        "a tier table leaves values between two tiers: declare which tier takes them (takes_gap)",
    ),
    "tiers-overlap": _entry(
        "các mức điểm chồng lấn nhau; liệt kê theo thứ tự tăng dần, không chồng lấn",
        "the tiers overlap; list them in ascending order",
    ),
    "tiers-unordered": _entry(
        "chỉ mức đầu tiên được để trống cận dưới", "only the first tier may be open below"
    ),
    "too-few-peers": _entry(
        "quá ít điểm chấm chéo để loại bỏ điểm cao nhất và thấp nhất", "too few peer scores to trim"
    ),
    "trace-mismatch": _entry(
        "các dòng giải trình không cộng lại đúng tổng điểm",
        "the trace does not add up to the total",
    ),
    "unknown-item": _entry(
        "không có tiêu chí hoặc điểm cộng, trừ nào có mã này",
        "no criterion or adjustment has this code",
    ),
    "unknown-reference": _entry(
        "mã được tham chiếu không tồn tại", "the code referred to does not exist"
    ),
    "unknown-scheme": _entry("không có bảng điểm nào có mã này", "no scheme has this code"),
    "unknown-code": _entry("không có mã này", "no such code"),
    "no-name": _entry(
        "giấy tờ ghi tên đơn vị, cụm bằng tên, không bằng mã: hãy cho tệp tổ chức",
        "a paper names units and groups by their names; give the organisation",
        "no name for {code!r}: a paper names units and groups by their names; give the"
        " organisation (or a name for every code)",
        "không có tên của {code!r}: giấy tờ ghi tên đơn vị, cụm bằng tên, không bằng mã;"
        " hãy cho tệp tổ chức (hoặc tên của mọi mã)",
    ),
    "wrong-scheme": _entry(
        "bảng chấm điểm ghi một bảng điểm khác",
        "the sheet names another scheme",
        "the sheet is for scheme {sheet!r}, not {scheme!r}",
        "bảng chấm điểm dành cho bảng điểm {sheet!r}, không phải {scheme!r}",
    ),
    "wrong-input": _entry(
        "loại số liệu không đúng với cách tính của tiêu chí",
        "the input does not match the criterion's method",
    ),
    # Reliability: limits and digests.
    "invalid-digest": _entry(
        "mã băm không hợp lệ: cần 'sha256:' và 64 chữ số thập lục phân viết thường",
        "invalid digest: expected 'sha256:' and 64 lower-case hex digits",
    ),
    "too-deep": _entry(
        "tài liệu lồng nhau quá sâu so với giới hạn", "nesting is deeper than the limit"
    ),
    "too-large": _entry(
        "tài liệu lớn hơn giới hạn cho phép", "the document is larger than the limit"
    ),
    "too-long": _entry("chuỗi dài hơn giới hạn cho phép", "a string is longer than the limit"),
    "too-many-items": _entry("số phần tử vượt quá giới hạn cho phép", "more items than the limit"),
    "unordered": _entry("các mục không theo đúng thứ tự", "the entries are out of order"),
    "invalid-header": _entry(
        "dòng tiêu đề của bảng không đúng mẫu", "the header row is not the expected one"
    ),
    "binary-number": _entry(
        'ô lưu số nhị phân có phần thập phân; hãy nhập số dưới dạng văn bản, như "95,5"',
        "a number with a fraction is stored as binary; enter it as text",
    ),
    "formula-cell": _entry(
        "ô chứa công thức; hãy nhập giá trị thay cho công thức",
        "the cell holds a formula; enter its value instead",
    ),
    "too-precise": _entry(
        "số có hơn 15 chữ số có nghĩa, nhiều hơn bảng tính lưu được; hãy nhập dưới dạng văn bản",
        "the number has more than 15 significant digits, more than a spreadsheet keeps",
    ),
    "to-declare": _entry(
        "bảng điểm không nói rõ điều này: người dùng cần khai báo",
        "the table does not say this: left for the user to declare",
    ),
    "invalid-row": _entry("dòng có số ô không đúng", "the row has the wrong number of cells"),
    "unreadable-file": _entry("không đọc được tệp", "cannot read the file"),
    "invalid-cell": _entry("ô không hợp lệ", "invalid cell"),
    "unreadable-number": _entry(
        "không phải số viết theo quy ước đã khai báo",
        "not a number in the declared convention",
        "{value!r} is not a number in the {convention} convention"
        " (one thousand and a half is written {example!r})",
        "{value!r} không phải số viết theo quy ước {convention}",
    ),
    "too-many-digits": _entry(
        "số có quá nhiều chữ số: tối đa 18 chữ số phần nguyên và 12 chữ số phần thập phân",
        "too many digits: at most 18 before and 12 after the decimal mark",
        "{value!r} has too many digits: at most 18 before and 12 after the decimal mark",
        "{value!r} có quá nhiều chữ số: tối đa 18 chữ số phần nguyên và 12 chữ số phần thập phân",
    ),
    "invalid-number": _entry(
        "số văn bản không hợp lệ: viết 1 đến 6 chữ số, như '05' hoặc '1459'",
        "invalid document number",
        "{value!r} is not a document number: write 1 to 6 digits, as in '05' or '1459'",
        "{value!r} không phải số văn bản: viết 1 đến 6 chữ số, như '05' hoặc '1459'",
    ),
    "invalid-year": _entry(
        "năm nằm ngoài khoảng cho phép",
        "year outside the allowed range",
        "year {value} is outside {low}–{high}",
        "năm {value} nằm ngoài khoảng {low}–{high}",
    ),
    "invalid-symbol": _entry(
        "ký hiệu văn bản không hợp lệ: viết chữ cái và chữ số, như 'QĐ' hoặc 'TTg'",
        "invalid document symbol",
        "{value!r} is not a symbol part: write letters and digits, as in 'QĐ' or 'TTg'",
        "{value!r} không phải phần ký hiệu văn bản: viết chữ cái và chữ số, như 'QĐ' hoặc 'TTg'",
    ),
    "end-before-start": _entry(
        "ngày kết thúc trước ngày bắt đầu",
        "ends before it starts",
        "the period ends ({end}) before it starts ({start})",
        "khoảng thời gian kết thúc ({end}) trước khi bắt đầu ({start})",
    ),
    "not-whole-years": _entry(
        "khoảng thời gian theo năm phải bắt đầu ngày 01 tháng 01 và kết thúc ngày 31 tháng 12",
        "a period of whole years starts on 1 January and ends on 31 December",
    ),
    "not-one-year": _entry(
        "khoảng thời gian phải dài đúng một năm",
        "the period must last exactly one year",
    ),
    "single-year": _entry(
        "khoảng thời gian nhiều năm phải kéo dài ít nhất hai năm; dùng loại 'calendar-year'",
        "a multi-year period spans at least two years; use kind 'calendar-year'",
    ),
    "invalid-school-year": _entry(
        "năm học bắt đầu vào tháng 8 hoặc tháng 9 và kết thúc trong năm sau",
        "a school year starts in August or September and ends the next year",
    ),
    "no-migration": _entry(
        "không có cách nâng cấp tài liệu từ phiên bản này",
        "no upgrade path from this version",
    ),
}

#: Details that are words, by detail name: key -> (Vietnamese, English).
_WORDS: Final[Mapping[str, Mapping[str, tuple[str, str]]]] = {
    # A JSON type, as :func:`thidua.serialization._hooks.json_type` names it.
    "got": {
        "null": ("null", "null"),
        "boolean": ("giá trị đúng/sai", "boolean"),
        "integer": ("số nguyên", "integer"),
        "number": ("số", "number"),
        "string": ("chuỗi", "string"),
        "array": ("mảng", "array"),
        "object": ("đối tượng", "object"),
    },
    # What a JSON value should have been.
    "expected": {
        "integer": ("một số nguyên", "an integer"),
        "string": ("một chuỗi", "a string"),
        "array": ("một mảng", "an array"),
        "object": ("một đối tượng", "an object"),
        "boolean": ("true hoặc false", "true or false"),
        "decimal": (
            'một số thập phân viết trong chuỗi, như "9.98"',
            'a decimal string such as "9.98"',
        ),
    },
    "convention": {
        "vietnamese": ("Việt Nam", "vietnamese"),
        "international": ("quốc tế", "international"),
    },
}


def _shown(name: str, value: DetailValue, lang: Language) -> object | None:
    """One detail as a template shows it; ``None`` when it has no wording in *lang*."""
    words = _WORDS.get(name)
    if words is not None:
        word = words.get(value) if isinstance(value, str) else None
        if word is None:
            return None
        return word[0] if lang == "vi" else word[1]
    if isinstance(value, tuple):
        return ", ".join(repr(item) for item in value)
    return value


def fill(template: str, details: Mapping[str, DetailValue], lang: Language) -> str | None:
    """Fill *template* with *details*; ``None`` when a detail it names is missing.

    >>> from thidua._base.messages import fill
    >>> fill("cần {expected}, nhận được {got}", {"expected": "integer", "got": "string"}, "vi")
    'cần một số nguyên, nhận được chuỗi'
    """
    shown: dict[str, object] = {}
    for _, name, _, _ in string.Formatter().parse(template):
        if name is None or name in shown:
            continue
        if name not in details:
            return None
        value = _shown(name, details[name], lang)
        if value is None:
            return None
        shown[name] = value
    return template.format_map(shown)


def message_for(code: str, lang: Language = "en") -> str:
    """Return the general message of a problem *code* in *lang*.

    Args:
        code: A stable problem code such as ``"unknown-key"``.
        lang: ``"vi"`` or ``"en"``.

    Raises:
        KeyError: *code* is not in the catalogue.

    >>> message_for("missing", "vi")
    'thiếu trường bắt buộc'
    """
    entry = CATALOGUE[code]
    return entry.vi if lang == "vi" else entry.en


def localise(problem: Reported, lang: Language = "en") -> str:
    """Return *problem*'s message in *lang*, with its details where it has them.

    English returns the problem's own message. Vietnamese uses the catalogue: the
    code's template filled with the problem's details when they are all there, the
    code's general message otherwise, and the English message itself for a code the
    catalogue does not know.

    Args:
        problem: A problem, or an error that names one (anything with a ``code``,
            a ``message`` and ``details``).
        lang: ``"vi"`` or ``"en"``.

    >>> from thidua import Problem
    >>> problem = Problem(
    ...     "expected an integer, got string",
    ...     path="$.count",
    ...     code="wrong-type",
    ...     details={"expected": "integer", "got": "string"},
    ... )
    >>> localise(problem, "vi")
    'sai kiểu dữ liệu: cần một số nguyên, nhận được chuỗi'
    """
    entry = CATALOGUE.get(problem.code)
    if lang == "en" or entry is None:
        return problem.message
    template = entry.detailed(lang)
    if template is not None and problem.details:
        filled = fill(template, problem.details, lang)
        if filled is not None:
            return filled
    return entry.vi


def language_from_environment(environ: Mapping[str, str]) -> Language:
    """Pick the message language from the locale variables, as POSIX orders them.

    The first of ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` that is set decides:
    Vietnamese when it starts with ``vi`` (``vi_VN.UTF-8``), English otherwise.

    Args:
        environ: The environment, such as :data:`os.environ`.

    >>> language_from_environment({"LANG": "vi_VN.UTF-8"})
    'vi'
    >>> language_from_environment({"LC_ALL": "C", "LANG": "vi_VN.UTF-8"})
    'en'
    """
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if value := environ.get(name):
            return "vi" if value.lower().startswith("vi") else "en"
    return "en"
