"""The shipped frameworks, as data: the national rules, and three ministries' on top of them.

Each preset is a row of :data:`_PRESETS`: its name and what it adds to the national
rules (awards, rules, quotas). :func:`preset` puts a row and the national tables
together into a :class:`~thidua.Framework`.

Rules no source states are not shipped (``docs/rules.md`` lists what is, with its
source): the rounding of the Government flag's "at most 20 %" (Nghị định 91/2017/NĐ-CP
Art 11), the basis of that flag from 2024, per-group quotas, and every standard of a
ministry flag beyond what its source states. The user declares them.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Final

import attrs

from thidua._base.validation import typed_fields
from thidua.errors import AwardError
from thidua.yearend._caps import CapBase, GroupQuota, Rounding, ShareCap
from thidua.yearend._catalogue import Award, AwardKind, Recipient
from thidua.yearend._conditions import (
    CountCondition,
    CountField,
    DisciplineLevel,
    HoldsAwardCondition,
    LedGroupCondition,
    NoDisciplineCondition,
    NotDissolvedCondition,
    ShareCondition,
    StatementCondition,
    TaskRating,
    TaskRatingCondition,
)
from thidua.yearend._rules import EligibilityRule, Framework, Knockout, Regime

__all__ = [
    "FLAG_STANDARDS_2003",
    "FLAG_STANDARDS_2022",
    "LAW_2003",
    "LAW_2022",
    "LED_GROUP_2003",
    "LED_GROUP_2022",
    "TT15_2025_ISSUED",
    "government_flag_cap_2017_2022",
    "government_flag_cap_2023",
    "preset",
    "preset_codes",
]

LAW_2003: Final = "LTDKT-2003"
LAW_2022: Final = "LTDKT-2022"

# --------------------------------------------------------------------------------------
# The national tables, shared by every preset.

_REGIMES: Final = (
    Regime(
        code=LAW_2003,
        name=(
            "Luật Thi đua, khen thưởng 2003, sửa đổi, bổ sung năm 2005, 2009 và 2013"
            " (Luật 47/2005/QH11, Luật 32/2009/QH12, Luật 39/2013/QH13)"
        ),
        valid_to=dt.date(2023, 12, 31),
        basis=(
            "Luật Thi đua, khen thưởng 15/2003/QH11, sửa đổi, bổ sung bởi Luật 47/2005/QH11,"
            " Luật 32/2009/QH12 và Luật 39/2013/QH13; Nghị định 91/2017/NĐ-CP (đến"
            " 31/12/2023); Thông tư 12/2019/TT-BNV"
        ),
    ),
    Regime(
        code=LAW_2022,
        name="Luật Thi đua, khen thưởng 06/2022/QH15",
        valid_from=dt.date(2024, 1, 1),
        basis=(
            "Luật Thi đua, khen thưởng 06/2022/QH15 (hiệu lực 01/01/2024); Nghị định"
            " 98/2023/NĐ-CP; từ 2025 Nghị định 152/2025/NĐ-CP và Thông tư 15/2025/TT-BNV"
        ),
    ),
)

_LAW_2003_BASIS: Final = "Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung 2005, 2009, 2013)"
_LAW_2022_BASIS: Final = "Luật Thi đua, khen thưởng 06/2022/QH15"


def _household_awards() -> tuple[Award, ...]:
    """The title and the forms for households (hộ gia đình), as Law 06/2022 names them."""
    law = _LAW_2022_BASIS
    forms = (
        ("BK-TTG-HGD", "Bằng khen của Thủ tướng Chính phủ", "Thủ tướng Chính phủ"),
        (
            "BK-BNT-HGD",
            "Bằng khen cấp bộ, ban, ngành, tỉnh",
            "Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ tịch Ủy ban nhân dân cấp tỉnh",
        ),
        ("GK-HGD", "Giấy khen", "Chủ tịch Ủy ban nhân dân cấp xã"),
    )
    title = Award(
        code="GDVH",
        name="Gia đình văn hóa",
        kind=AwardKind.EMULATION_TITLE,
        recipient=Recipient.HOUSEHOLD,
        basis=f"{law} (danh hiệu thi đua đối với hộ gia đình)",
    )
    return (
        title,
        *(
            Award(
                code=code,
                name=name,
                kind=AwardKind.COMMENDATION_FORM,
                recipient=Recipient.HOUSEHOLD,
                issuer=issuer,
                basis=f"{law} (hình thức khen thưởng cho hộ gia đình)",
            )
            for code, name, issuer in forms
        ),
    )


_NATIONAL_AWARDS: Final = (
    Award(
        code="CTD-CP",
        name="Cờ thi đua của Chính phủ",
        kind=AwardKind.EMULATION_TITLE,
        recipient=Recipient.COLLECTIVE,
        basis="Luật Thi đua, khen thưởng 2003 Điều 25; Luật 06/2022/QH15 Điều 25",
    ),
    Award(
        code="CTD-BNT",
        name="Cờ thi đua cấp bộ, ban, ngành, tỉnh",
        kind=AwardKind.EMULATION_TITLE,
        recipient=Recipient.COLLECTIVE,
        basis="Luật Thi đua, khen thưởng 2003 Điều 26; Luật 06/2022/QH15 Điều 26",
    ),
    Award(
        code="TTLDXS",
        name="Tập thể lao động xuất sắc",
        kind=AwardKind.EMULATION_TITLE,
        recipient=Recipient.COLLECTIVE,
        basis="Luật 06/2022/QH15 Điều 27; Luật Thi đua, khen thưởng 2003 Điều 27",
    ),
    Award(
        code="TTLDTT",
        name="Tập thể lao động tiên tiến",
        kind=AwardKind.EMULATION_TITLE,
        recipient=Recipient.COLLECTIVE,
        basis="Luật Thi đua, khen thưởng 2003 Điều 28; Luật 06/2022/QH15 Điều 28",
    ),
    Award(
        code="LDTT",
        name="Lao động tiên tiến",
        kind=AwardKind.EMULATION_TITLE,
        recipient=Recipient.INDIVIDUAL,
        basis="Luật Thi đua, khen thưởng 2003 Điều 24; Luật 06/2022/QH15 Điều 24",
    ),
    Award(
        code="CSTDCS",
        name="Chiến sĩ thi đua cơ sở",
        kind=AwardKind.EMULATION_TITLE,
        recipient=Recipient.INDIVIDUAL,
        basis="Luật Thi đua, khen thưởng 2003 Điều 23; Luật 06/2022/QH15 Điều 23",
    ),
    Award(
        code="BK-TTG",
        name="Bằng khen của Thủ tướng Chính phủ",
        kind=AwardKind.COMMENDATION_FORM,
        recipient=Recipient.COLLECTIVE,
        issuer="Thủ tướng Chính phủ",
        basis="Luật 06/2022/QH15 (hình thức khen thưởng)",
    ),
    *_household_awards(),
)

_REGULAR_MOVEMENT: Final = "runs regular, practical and effective emulation movements"
_SOLIDARITY: Final = "internal solidarity; abides by Party and State policy and law"

# The 2003 Law's Art 27 is cited whole, and adds "nobody disciplined at cảnh cáo or
# above" to the CSTĐCS point; Law 06/2022 Art 27.1 letters its points a-đ.
_TTLDXS_2003: Final = f"{_LAW_2003_BASIS}, Điều 27"
_TTLDXS_2022: Final = f"{_LAW_2022_BASIS}, Điều 27.1"
_TTLDTT_2003: Final = f"{_LAW_2003_BASIS}, Điều 28.1"


# --------------------------------------------------------------------------------------
# Flags, TTLĐTT from 2024 and the individual titles (issue 13, items 1 and 7).

_FLAG_2003: Final = f"{_LAW_2003_BASIS}, Điều 26"
_FLAG_2022: Final = f"{_LAW_2022_BASIS}, Điều 26.1"
_GOV_FLAG_2003: Final = f"{_LAW_2003_BASIS}, Điều 25"
_GOV_FLAG_2022: Final = f"{_LAW_2022_BASIS}, Điều 25.1"
_TTLDTT_2022: Final = f"{_LAW_2022_BASIS}, Điều 28.1"
_LDTT_2003: Final = f"{_LAW_2003_BASIS}, Điều 24"
_LDTT_2022: Final = f"{_LAW_2022_BASIS}, Điều 24"
_CSTDCS_2003: Final = f"{_LAW_2003_BASIS}, Điều 23"
_CSTDCS_2022: Final = f"{_LAW_2022_BASIS}, Điều 23.1"

# Leading a cluster or block is how candidates for a flag come forward (the procedure),
# not the flag's standard: Nghị định 91/2017/NĐ-CP Điều 12 under the 2003 Law,
# Nghị định 98/2023/NĐ-CP from 2024.
LED_GROUP_2003: Final = LedGroupCondition(
    clause=(
        "Nghị định 91/2017/NĐ-CP, Điều 12: Cờ thi đua cấp bộ, ban, ngành, tỉnh qua bình xét,"
        " so sánh trong cụm, khối thi đua"
    )
)
LED_GROUP_2022: Final = LedGroupCondition(
    clause=(
        f"{_FLAG_2022}: tập thể dẫn đầu phong trào thi đua của cụm, khối thi đua; bình xét"
        " trong cụm, khối theo Nghị định 98/2023/NĐ-CP"
    )
)
_EXCEEDED: Final = "exceeded its emulation targets and the tasks assigned for the year"
_NEW_MODELS: Final = "has new factors or models for other collectives to learn from"


def _exceeded(clause: str) -> tuple[TaskRatingCondition, StatementCondition]:
    """Exceeding the year's tasks: at least completed, and attested as exceeded."""
    return (
        TaskRatingCondition(at_least=TaskRating.COMPLETED, clause=clause),
        StatementCondition(statement="exceeded-targets", requirement=_EXCEEDED, clause=clause),
    )


FLAG_STANDARDS_2003: Final = (
    *_exceeded(f"{_FLAG_2003}.1"),
    StatementCondition(statement="new-models", requirement=_NEW_MODELS, clause=f"{_FLAG_2003}.2"),
    StatementCondition(
        statement="solidarity-thrift",
        requirement="internal solidarity; practises thrift, fights waste, corruption and vices",
        clause=f"{_FLAG_2003}.3",
    ),
)
"""The standards of Cờ thi đua cấp bộ, ngành, tỉnh under the 2003 Law, Art 26."""

FLAG_STANDARDS_2022: Final = (
    *_exceeded(f"{_FLAG_2022}.a"),
    StatementCondition(statement="new-models", requirement=_NEW_MODELS, clause=f"{_FLAG_2022}.b"),
    StatementCondition(
        statement="party-mass-organisations-good",
        requirement=(
            "internal solidarity; Party and mass organisations rated 'hoàn thành tốt nhiệm vụ'"
            " or better; practises thrift, fights waste, corruption and vices"
        ),
        clause=f"{_FLAG_2022}.c",
    ),
)
"""The standards of Cờ thi đua cấp bộ, ban, ngành, tỉnh under Law 06/2022/QH15, Art 26.1."""

_LDTT_STATEMENTS: Final = (
    ("abides-by-law", "abides by Party and State policy and law; takes part in emulation"),
    ("studies", "studies politics, culture and the profession"),
    ("ethics", "good ethics and a healthy lifestyle"),
)


def _ldtt(clause: str) -> tuple[TaskRatingCondition | StatementCondition, ...]:
    """The standard of Lao động tiên tiến (Art 24 a–d of both laws)."""
    letters = ("b", "c", "d")
    return (
        TaskRatingCondition(at_least=TaskRating.GOOD, clause=f"{clause}.a"),
        *(
            StatementCondition(statement=code, requirement=words, clause=f"{clause}.{letter}")
            for letter, (code, words) in zip(letters, _LDTT_STATEMENTS, strict=True)
        ),
    )


_INITIATIVE: Final = (
    "has an initiative recognised, or a work solution, research or scientific project"
    " accepted and applied"
)

_MORE_RULES: Final = (
    EligibilityRule(
        code="CTD-BNT-2003",
        award="CTD-BNT",
        regime=LAW_2003,
        basis=f"{_FLAG_2003}; Nghị định 91/2017/NĐ-CP, Điều 12",
        conditions=(*FLAG_STANDARDS_2003, LED_GROUP_2003),
    ),
    EligibilityRule(
        code="CTD-BNT-2022",
        award="CTD-BNT",
        regime=LAW_2022,
        basis=f"{_FLAG_2022}; Nghị định 98/2023/NĐ-CP",
        conditions=(*FLAG_STANDARDS_2022, LED_GROUP_2022),
    ),
    EligibilityRule(
        code="CTD-CP-2003",
        award="CTD-CP",
        regime=LAW_2003,
        basis=f"{_GOV_FLAG_2003}; Nghị định 91/2017/NĐ-CP, Điều 11",
        conditions=(
            *_exceeded(f"{_GOV_FLAG_2003}.1"),
            StatementCondition(
                statement="most-outstanding",
                requirement="the most outstanding collective in its ministry or province",
                clause=f"{_GOV_FLAG_2003}.2",
            ),
            StatementCondition(
                statement="leads-thrift",
                requirement="internal solidarity; leads in thrift and against waste and corruption",
                clause=f"{_GOV_FLAG_2003}.3",
            ),
        ),
    ),
    EligibilityRule(
        code="CTD-CP-2022",
        award="CTD-CP",
        regime=LAW_2022,
        basis=f"{_GOV_FLAG_2022}; Nghị định 98/2023/NĐ-CP",
        conditions=(
            LedGroupCondition(
                clause=(
                    f"{_GOV_FLAG_2022}: trong số các tập thể dẫn đầu phong trào thi đua của cụm,"
                    " khối thi đua do bộ, ban, ngành, tỉnh tổ chức"
                )
            ),
            *_exceeded(f"{_GOV_FLAG_2022}.a"),
            StatementCondition(
                statement="leads-thrift",
                requirement=(
                    "internal solidarity; clean, strong Party and mass organisations; leads in"
                    " thrift, fights waste, corruption and vices"
                ),
                clause=f"{_GOV_FLAG_2022}.b",
            ),
        ),
    ),
    EligibilityRule(
        code="TTLDTT-2022",
        award="TTLDTT",
        regime=LAW_2022,
        basis=_TTLDTT_2022,
        conditions=(
            TaskRatingCondition(at_least=TaskRating.GOOD, clause=f"{_TTLDTT_2022}.a"),
            StatementCondition(
                statement="regular-movement",
                requirement=_REGULAR_MOVEMENT,
                clause=f"{_TTLDTT_2022}.b",
            ),
            ShareCondition(
                count=CountField.ADVANCED_WORKERS,
                share=Fraction(1, 2),
                strict=True,
                clause=f"{_TTLDTT_2022}.c",
            ),
            NoDisciplineCondition(at_or_above=DisciplineLevel.WARNING, clause=f"{_TTLDTT_2022}.c"),
            StatementCondition(
                statement="solidarity", requirement=_SOLIDARITY, clause=f"{_TTLDTT_2022}.d"
            ),
        ),
    ),
    EligibilityRule(
        code="LDTT-2003",
        award="LDTT",
        regime=LAW_2003,
        basis=_LDTT_2003,
        conditions=_ldtt(_LDTT_2003),
    ),
    EligibilityRule(
        code="LDTT-2022",
        award="LDTT",
        regime=LAW_2022,
        basis=_LDTT_2022,
        conditions=_ldtt(_LDTT_2022),
    ),
    EligibilityRule(
        code="CSTDCS-2003",
        award="CSTDCS",
        regime=LAW_2003,
        basis=_CSTDCS_2003,
        conditions=(
            *_ldtt(_LDTT_2003),
            StatementCondition(
                statement="initiative", requirement=_INITIATIVE, clause=_CSTDCS_2003
            ),
        ),
    ),
    EligibilityRule(
        code="CSTDCS-2022",
        award="CSTDCS",
        regime=LAW_2022,
        basis=_CSTDCS_2022,
        conditions=(
            *_ldtt(_LDTT_2022),
            StatementCondition(
                statement="initiative", requirement=_INITIATIVE, clause=f"{_CSTDCS_2022}.b"
            ),
        ),
    ),
)


_NATIONAL_RULES: Final = (
    EligibilityRule(
        code="TTLDXS-2003",
        award="TTLDXS",
        regime=LAW_2003,
        basis=_TTLDXS_2003,
        conditions=(
            TaskRatingCondition(at_least=TaskRating.EXCELLENT, clause=_TTLDXS_2003),
            StatementCondition(
                statement="regular-movement", requirement=_REGULAR_MOVEMENT, clause=_TTLDXS_2003
            ),
            ShareCondition(
                count=CountField.COMPLETED, share=Fraction(1), strict=False, clause=_TTLDXS_2003
            ),
            ShareCondition(
                count=CountField.ADVANCED_WORKERS,
                share=Fraction(7, 10),
                strict=False,
                clause=_TTLDXS_2003,
            ),
            CountCondition(count=CountField.EMULATION_FIGHTERS, at_least=1, clause=_TTLDXS_2003),
            NoDisciplineCondition(at_or_above=DisciplineLevel.WARNING, clause=_TTLDXS_2003),
            StatementCondition(
                statement="solidarity", requirement=_SOLIDARITY, clause=_TTLDXS_2003
            ),
        ),
    ),
    EligibilityRule(
        code="TTLDXS-2022",
        award="TTLDXS",
        regime=LAW_2022,
        basis=_TTLDXS_2022,
        conditions=(
            TaskRatingCondition(at_least=TaskRating.EXCELLENT, clause=f"{_TTLDXS_2022}.a"),
            StatementCondition(
                statement="regular-movement",
                requirement=_REGULAR_MOVEMENT,
                clause=f"{_TTLDXS_2022}.b",
            ),
            ShareCondition(
                count=CountField.COMPLETED,
                share=Fraction(1),
                strict=False,
                clause=f"{_TTLDXS_2022}.c",
            ),
            ShareCondition(
                count=CountField.ADVANCED_WORKERS,
                share=Fraction(7, 10),
                strict=False,
                clause=f"{_TTLDXS_2022}.c",
            ),
            CountCondition(
                count=CountField.EMULATION_FIGHTERS, at_least=1, clause=f"{_TTLDXS_2022}.d"
            ),
            StatementCondition(
                statement="solidarity", requirement=_SOLIDARITY, clause=f"{_TTLDXS_2022}.đ"
            ),
        ),
    ),
    EligibilityRule(
        code="TTLDTT-2003",
        award="TTLDTT",
        regime=LAW_2003,
        basis=_TTLDTT_2003,
        conditions=(
            TaskRatingCondition(at_least=TaskRating.GOOD, clause=f"{_TTLDTT_2003}.a"),
            StatementCondition(
                statement="regular-movement",
                requirement=_REGULAR_MOVEMENT,
                clause=f"{_TTLDTT_2003}.b",
            ),
            ShareCondition(
                count=CountField.ADVANCED_WORKERS,
                share=Fraction(1, 2),
                strict=True,
                clause=f"{_TTLDTT_2003}.c",
            ),
            NoDisciplineCondition(at_or_above=DisciplineLevel.WARNING, clause=f"{_TTLDTT_2003}.c"),
            StatementCondition(
                statement="solidarity", requirement=_SOLIDARITY, clause=f"{_TTLDTT_2003}.d"
            ),
        ),
    ),
    *_MORE_RULES,
)

TT15_2025_ISSUED: Final = dt.date(2025, 8, 4)
"""The date of issue of Thông tư 15/2025/TT-BNV (04/8/2025), from which its knockout applies.

The circular applies from its effective date, which none of our sources gives; the shipped
knockout therefore starts on the date of issue, the earliest day it can apply. A framework
of your own sets the effective date with :class:`NotDissolvedCondition`'s
``in_force_from``.
"""

_DISSOLVED_KNOCKOUT: Final = Knockout(
    code="KO-DISSOLVED-TT15-2025",
    regime=LAW_2022,
    basis="Thông tư 15/2025/TT-BNV ngày 04/8/2025",
    conditions=(
        NotDissolvedCondition(
            clause=(
                "Thông tư 15/2025/TT-BNV: không khen thưởng với cơ quan, tổ chức, đơn vị"
                " đã giải thể sau sắp xếp tổ chức bộ máy"
            ),
            in_force_from=TT15_2025_ISSUED,
            restructuring_only=True,
        ),
    ),
)

# --------------------------------------------------------------------------------------
# The presets: what each adds to the national tables.


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class _Preset:
    """One row of the preset table: a framework's name and its own awards, rules, quotas."""

    name: str
    awards: tuple[Award, ...] = ()
    rules: tuple[EligibilityRule, ...] = ()
    quotas: tuple[GroupQuota, ...] = ()


_BTTTT: Final = "Bộ trưởng Bộ Thông tin và Truyền thông"
_BCT_FLAG: Final = "Thông tư 22/2023/TT-BCT, Điều 6"

_PRESETS: Final[dict[str, _Preset]] = {
    "VN": _Preset(name="Quy định chung của Luật Thi đua, khen thưởng"),
    "BTTTT": _Preset(
        name="Khối thi đua Sở TT&TT (Thông tư 09/2018/TT-BTTTT, QĐ 1459/QĐ-BTTTT)",
        awards=(
            Award(
                code="CTD-BTTTT",
                name="Cờ thi đua của Bộ Thông tin và Truyền thông",
                kind=AwardKind.EMULATION_TITLE,
                recipient=Recipient.COLLECTIVE,
                issuer=_BTTTT,
                basis="Thông tư 09/2018/TT-BTTTT, Điều 13",
            ),
            Award(
                code="BK-BTTTT",
                name="Bằng khen của Bộ trưởng Bộ Thông tin và Truyền thông",
                kind=AwardKind.COMMENDATION_FORM,
                recipient=Recipient.COLLECTIVE,
                issuer=_BTTTT,
                basis="Thông tư 09/2018/TT-BTTTT",
            ),
        ),
        rules=(
            EligibilityRule(
                code="CTD-BTTTT-2018",
                award="CTD-BTTTT",
                regime=LAW_2003,
                basis=(
                    f"{_FLAG_2003}; Thông tư 09/2018/TT-BTTTT, Điều 13;"
                    " Nghị định 91/2017/NĐ-CP, Điều 12"
                ),
                conditions=(*FLAG_STANDARDS_2003, LED_GROUP_2003),
            ),
        ),
    ),
    "BCT": _Preset(
        name="Ngành Công Thương (Thông tư 22/2023/TT-BCT)",
        awards=(
            Award(
                code="CTD-BCT",
                name="Cờ thi đua của Bộ Công Thương",
                kind=AwardKind.EMULATION_TITLE,
                recipient=Recipient.COLLECTIVE,
                issuer="Bộ trưởng Bộ Công Thương",
                basis=_BCT_FLAG,
            ),
        ),
        rules=(
            EligibilityRule(
                code="CTD-BCT-2023",
                award="CTD-BCT",
                regime=LAW_2022,
                basis=_BCT_FLAG,
                conditions=(
                    LedGroupCondition(clause=f"{_BCT_FLAG}: tập thể dẫn đầu cụm, khối thi đua"),
                    StatementCondition(
                        statement="exceeded-targets",
                        requirement="exceeded its targets and has new factors or models",
                        clause=f"{_BCT_FLAG}.a",
                    ),
                    HoldsAwardCondition(award="TTLDXS", clause=f"{_BCT_FLAG}.b"),
                    StatementCondition(
                        statement="party-mass-organisations-good",
                        requirement=(
                            "internal solidarity; Party and mass organisations rated"
                            " 'hoàn thành tốt nhiệm vụ' or better"
                        ),
                        clause=f"{_BCT_FLAG}.c",
                    ),
                ),
            ),
        ),
    ),
    "BGDDT": _Preset(
        name="Ngành Giáo dục (Thông tư 29/2023/TT-BGDĐT)",
        awards=(
            Award(
                code="CTD-BGDDT",
                name="Cờ thi đua của Bộ Giáo dục và Đào tạo",
                kind=AwardKind.EMULATION_TITLE,
                recipient=Recipient.COLLECTIVE,
                issuer="Bộ trưởng Bộ Giáo dục và Đào tạo",
                basis=(
                    "Thông tư 29/2023/TT-BGDĐT, Điều 4; trước đó Thông tư 21/2020/TT-BGDĐT, Điều 4"
                ),
            ),
        ),
        rules=(
            EligibilityRule(
                code="CTD-BGDDT-2024",
                award="CTD-BGDDT",
                regime=LAW_2022,
                basis=(f"Thông tư 29/2023/TT-BGDĐT, Điều 4 (hiệu lực 15/02/2024); {_FLAG_2022}"),
                conditions=(
                    *FLAG_STANDARDS_2022,
                    LedGroupCondition(
                        clause=(
                            "Thông tư 29/2023/TT-BGDĐT, Điều 4: tập thể dẫn đầu cụm, khối thi đua"
                        )
                    ),
                ),
            ),
        ),
        quotas=(
            GroupQuota(
                award="CTD-BGDDT",
                max_per_group=1,
                first_year=2020,
                last_year=2023,
                basis=(
                    "Thông tư 21/2020/TT-BGDĐT, Điều 4 (thay bằng Thông tư 29/2023/TT-BGDĐT"
                    " từ 15/02/2024)"
                ),
            ),
        ),
    ),
}


def preset_codes() -> tuple[str, ...]:
    """Codes of the shipped frameworks."""
    return tuple(_PRESETS)


def preset(code: str) -> Framework:
    """A shipped framework: ``"VN"`` (national rules), ``"BTTTT"``, ``"BCT"`` or ``"BGDDT"``.

    Args:
        code: The preset's code.

    Raises:
        AwardError: no such preset (``unknown-framework``).
    """
    try:
        row = _PRESETS[code]
    except KeyError:
        msg = f"no framework preset {code!r}; known: {', '.join(_PRESETS)}"
        raise AwardError(msg, path="framework", code="unknown-framework") from None
    return Framework(
        code=code,
        name=row.name,
        regimes=_REGIMES,
        awards=(*_NATIONAL_AWARDS, *row.awards),
        rules=(*_NATIONAL_RULES, *row.rules),
        knockouts=(_DISSOLVED_KNOCKOUT,),
        quotas=row.quotas,
    )


# --------------------------------------------------------------------------------------
# The Government flag's share cap: shipped where sourced, its rounding declared.


def _government_flag_cap(
    rounding: Rounding, base: CapBase, year: tuple[int, int], basis: str
) -> ShareCap:
    return ShareCap(
        award="CTD-CP",
        max_share=Fraction(1, 5),
        base=base,
        rounding=rounding,
        first_year=year[0],
        last_year=year[1],
        basis=basis,
    )


def government_flag_cap_2017_2022(rounding: Rounding) -> ShareCap:
    """The Government flag cap of ND 91/2017 Art 11.1, achievement years 2017 to 2022.

    At most 20 % of the collectives meeting the ministry/provincial-flag standard. No
    source gives the rounding, so the caller declares it.

    Args:
        rounding: How 20 % of the base becomes a whole number.
    """
    return _government_flag_cap(
        rounding,
        CapBase.QUALIFYING_COLLECTIVES,
        (2017, 2022),
        "Nghị định 91/2017/NĐ-CP, Điều 11.1",
    )


def government_flag_cap_2023(rounding: Rounding) -> ShareCap:
    """The Government flag cap as applied for 2023 by CV 5007/BNV-TĐKT (05/9/2023).

    At most 20 % of the collectives acclaimed as leaders of clusters and blocks. No
    source gives the rounding, so the caller declares it. For 2024 on, the basis is
    unverified and no cap is shipped: supply your own :class:`~thidua.ShareCap`.

    Args:
        rounding: How 20 % of the base becomes a whole number.
    """
    return _government_flag_cap(
        rounding,
        CapBase.GROUP_LEADERS,
        (2023, 2023),
        "Nghị định 91/2017/NĐ-CP, Điều 11; Công văn 5007/BNV-TĐKT ngày 05/9/2023",
    )
