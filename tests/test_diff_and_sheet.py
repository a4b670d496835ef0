"""``thidua diff`` and ``diff_schemes``; from a table and a filled sheet to results."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import attrs
import openpyxl
import pytest

from table_files import TABLES
from thidua import (
    NumberConvention,
    SchemeChange,
    blank_sheet,
    diff_schemes,
    read_filled_sheet,
    read_table,
)
from thidua.cli import main
from thidua.errors import SpreadsheetError
from thidua.scoring import (
    Bonus,
    Criterion,
    Penalty,
    Scheme,
    ScoringSheet,
    Section,
    SheetUnit,
    score,
)
from thidua.serialization import dumps

VI = NumberConvention.VIETNAMESE


def _scheme() -> Scheme:
    return read_table(
        TABLES / "so-noi-vu-huyen-100.csv",
        code="SNV-2025",
        label="Bảng điểm Phòng Nội vụ",
        convention=VI,
        first_year=2025,
        scale=Decimal(100),
    ).scheme


def _next_year(old: Scheme) -> Scheme:
    """2026: A.I.2 up to 12 (and A.I.3 down to 3), A.II.4.c removed, a new item, caps changed."""
    section_a = old.criteria[0]
    assert isinstance(section_a, Section)
    part_i, part_ii = section_a.children
    assert isinstance(part_i, Section)
    assert isinstance(part_ii, Section)
    one, two, three = part_i.children
    assert isinstance(two, Criterion)
    assert isinstance(three, Criterion)
    four, five = part_ii.children
    assert isinstance(four, Section)
    new_i = attrs.evolve(
        part_i,
        children=(
            one,
            attrs.evolve(two, max_points=Decimal(12)),
            attrs.evolve(three, max_points=Decimal(3)),
        ),
    )
    new_four = attrs.evolve(four, children=four.children[:2], cap=Decimal(25))
    extra = Criterion(
        code="A.II.6",
        label="Chuyển đổi số",
        max_points=Decimal(15),
        method=four.children[0].method,  # type: ignore[union-attr]
    )
    new_ii = attrs.evolve(part_ii, children=(new_four, five, extra))
    bonus, initiative, late, fault = old.adjustments
    assert isinstance(initiative, Bonus)
    assert isinstance(fault, Penalty)
    return attrs.evolve(
        old,
        first_year=2026,
        criteria=(attrs.evolve(section_a, children=(new_i, new_ii)),),
        adjustments=(
            bonus,
            attrs.evolve(initiative, cap=Decimal(6)),
            late,
            attrs.evolve(fault, points=Decimal(8)),
        ),
        note=None,
    )


def test_the_diff_names_every_change() -> None:
    old, new = _scheme(), _next_year(_scheme())
    changes = diff_schemes(old, new)
    assert [change.text("en") for change in changes] == [
        "~ scheme SNV-2025: first_year: 2025 → 2026",
        (
            "~ scheme SNV-2025: note: 'A.I.1: Cách chấm: hoàn thành đúng thời hạn được điểm tối đa;"
            " chậm mỗi tháng trừ 2 điểm' → —"
        ),
        "~ criterion A.I.2: max_points: 10 → 12",
        "~ criterion A.I.3: max_points: 5 → 3",
        "~ section A.II.4: cap: 40 → 25",
        "+ criterion A.II.6: 'Chuyển đổi số'",
        "- criterion A.II.4.c: 'Hồ sơ đề nghị khen thưởng đúng quy định'",
        "~ bonus B.2: cap: 4 → 6",
        "~ penalty C.2: points: 5 → 8",
    ]
    assert changes[2].text("vi") == "~ tiêu chí A.I.2: điểm tối đa: 10 → 12"
    assert changes[2] == SchemeChange(
        kind="changed", item="A.I.2", what="criterion", field="max_points", old="10", new="12"
    )
    assert changes[5].new == {
        "kind": "criterion",
        "code": "A.II.6",
        "label": "Chuyển đổi số",
        "max_points": "15",
        "method": {"kind": "manual"},
        "bonus_cap": None,
        "legal_basis": None,
        "assessed_by": None,
        "adjustments": [],
        "base_points": None,
        "deduction_cap": None,
        "missing": None,
        "precedence": [],
    }
    assert diff_schemes(old, old) == ()


def test_a_moved_item_and_a_changed_kind_are_named() -> None:
    old = _scheme()
    section_a = old.criteria[0]
    assert isinstance(section_a, Section)
    part_i, part_ii = section_a.children
    assert isinstance(part_i, Section)
    assert isinstance(part_ii, Section)
    moved = part_i.children[2]
    new = attrs.evolve(
        old,
        criteria=(
            attrs.evolve(
                section_a,
                children=(
                    attrs.evolve(part_i, children=part_i.children[:2]),
                    attrs.evolve(part_ii, children=(*part_ii.children, moved)),
                ),
            ),
        ),
    )
    assert [c.text("vi") for c in diff_schemes(old, new)] == [
        "> tiêu chí A.I.3: chuyển từ A.I sang A.II"
    ]


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_diff_command_exits_0_1_or_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    old_path, new_path = tmp_path / "2025.json", tmp_path / "2026.json"
    old_path.write_bytes(dumps(_scheme()))
    new_path.write_bytes(dumps(_next_year(_scheme())))
    assert _cli(capsys, "--lang", "vi", "diff", str(old_path), str(old_path)) == (
        0,
        "Không có thay đổi.\n",
        "",
    )
    assert _cli(capsys, "--lang", "en", "diff", str(old_path), str(old_path))[1] == "No change.\n"
    code, out, _ = _cli(capsys, "--lang", "vi", "diff", str(old_path), str(new_path))
    assert code == 1
    assert out.splitlines()[2:4] == [
        "~ tiêu chí A.I.2: điểm tối đa: 10 → 12",
        "~ tiêu chí A.I.3: điểm tối đa: 5 → 3",
    ]
    code, out, _ = _cli(capsys, "diff", str(old_path), str(new_path), "--format", "json")
    assert code == 1
    body = json.loads(out)
    assert body["changes"][2] == {
        "kind": "changed",
        "item": "A.I.2",
        "what": "criterion",
        "field": "max_points",
        "old": "10",
        "new": "12",
    }
    assert len(body["changes"]) == 9
    bad = tmp_path / "bad.json"
    bad.write_text('{"code": "K"}', encoding="utf-8")
    assert _cli(capsys, "diff", str(old_path), str(bad))[0] == 2
    assert _cli(capsys, "diff", str(old_path), str(tmp_path / "none.json"))[0] == 2


def _fill(blank: bytes, values: dict[tuple[str, str], str]) -> bytes:
    """Type the values into a blank workbook as a unit would: text cells."""
    book = openpyxl.load_workbook(io.BytesIO(blank))
    page = book.active
    assert page is not None
    header = [cell.value for cell in page[1]]
    for row in page.iter_rows(min_row=2):
        unit, item, kind = row[0].value, row[2].value, row[header.index("Loại số liệu")].value
        field = {"points": "Điểm", "count": "Số lượng", "yes-no": "Đạt"}[str(kind)]
        row[header.index(field)].value = values[(str(unit), str(item))]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


A = {
    "A.I.1": "15", "A.I.2": "9,5", "A.I.3": "5", "A.II.4.a": "10", "A.II.4.b": "14",
    "A.II.4.c": "15", "A.II.5.a": "12,5", "A.II.5.b": "17", "B.1": "5", "B.2": "3",
    "C.1": "2", "C.2": "không",
}  # fmt: skip
B = {
    "A.I.1": "12", "A.I.2": "10", "A.I.3": "4", "A.II.4.a": "8", "A.II.4.b": "15",
    "A.II.4.c": "12,25", "A.II.5.a": "10", "A.II.5.b": "17,5", "B.1": "0", "B.2": "1",
    "C.1": "0", "C.2": "có",
}  # fmt: skip


def test_from_a_table_to_results_without_writing_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Table CSV → scheme → blank sheet → filled sheet → results, on the command line."""
    table = TABLES / "so-noi-vu-huyen-100.csv"
    scheme_path, blank_path, filled_path = (
        tmp_path / n for n in ("s.json", "blank.xlsx", "filled.xlsx")
    )
    code, _, _ = _cli(
        capsys, "table", str(table), "--convention", "vietnamese", "--scale", "100",
        "--code", "SNV-2025", "--label", "Bảng điểm Phòng Nội vụ", "--first-year", "2025",
        "-o", str(scheme_path),
    )  # fmt: skip
    assert code == 0
    units = ("--unit", "PNV-A=Phòng Nội vụ huyện A", "--unit", "PNV-B=Phòng Nội vụ huyện B")
    code, _, _ = _cli(
        capsys,
        "sheet",
        str(scheme_path),
        "-o",
        str(blank_path),
        *units,
    )
    assert code == 0
    blank = blank_path.read_bytes()
    page = openpyxl.load_workbook(blank_path).active
    assert page is not None
    assert [c.value for c in page[2]][:7] == [
        "PNV-A", "Phòng Nội vụ huyện A", "A.I.1",
        "Tham mưu sắp xếp tổ chức bộ máy các cơ quan chuyên môn", "15", "self", "points",
    ]  # fmt: skip
    assert [c.value for c in page[9]][2:5] == ["A.II.5.b", "Giải quyết hồ sơ đúng hạn", "17,5"]
    assert [c.value for c in page[11]][2:5] == [
        "B.2",
        "Có sáng kiến được Hội đồng sáng kiến tỉnh công nhận",
        "2/lần, tối đa 4",
    ]
    assert [c.value for c in page[12]][2:5] == ["C.1", "Chậm gửi báo cáo định kỳ", "-0,5/lần"]
    values = {("PNV-A", k): v for k, v in A.items()} | {("PNV-B", k): v for k, v in B.items()}
    filled_path.write_bytes(_fill(blank, values))
    argv = [
        "score",
        "--scheme",
        str(scheme_path),
        "--year",
        "2025",
        "--convention",
        "vietnamese",
        str(filled_path),
    ]
    code, out, _ = _cli(capsys, *argv, "--format", "json")
    assert code == 0
    totals = {
        entry["unit"]: (entry["total"], entry["base"], entry["bonus_total"], entry["penalty_total"])
        for entry in json.loads(out)["results"]
    }
    # A: 98 + 5 + min(3 × 2, 4) − 2 × 0,5 = 106; B: 88,75 + 0 + 2 − 5 = 85,75.
    assert totals == {"PNV-A": ("106", "98", "9", "1"), "PNV-B": ("85.75", "88.75", "2", "5")}
    code, out, _ = _cli(capsys, *argv)
    assert code == 0
    assert "PNV-A" in out.splitlines()[2]


def test_a_filled_csv_sheet_reads_the_same_and_names_cells_as_the_unit_sees_them() -> None:
    scheme = _scheme()
    units = (SheetUnit(code="PNV-A", name="Phòng Nội vụ huyện A"),)
    text = blank_sheet(scheme, units, sheet_format="csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    header = rows[0]
    assert header[:8] == [
        "Mã đơn vị", "Tên đơn vị", "Mã tiêu chí", "Nội dung tiêu chí", "Điểm tối đa",
        "Lớp chấm", "Loại số liệu", "Điểm",
    ]  # fmt: skip
    for row in rows[1:]:
        field = {"points": "Điểm", "count": "Số lượng", "yes-no": "Đạt"}[row[6]]
        row[header.index(field)] = {"points": "1", "count": "1", "yes-no": "không"}[row[6]]

    def read(rows: list[list[str]]) -> ScoringSheet:
        out = io.StringIO()
        csv.writer(out).writerows(rows)
        return read_filled_sheet(
            out.getvalue().encode(),
            scheme=scheme,
            year=2025,
            convention=VI,
            sheet_format="csv",
            name="a.csv",
        )

    # 8 criteria × 1 + min(1, 5) + min(1 × 2, 4) − 1 × 0,5 − 0 = 10,5
    assert score(scheme, read(rows)).unit("PNV-A").total == Decimal("10.5")
    rows[1][7] = "mười"
    with pytest.raises(SpreadsheetError) as caught:
        read(rows)
    assert [p.path for p in caught.value.problems] == ["a.csv!H2 (points)"]


def test_the_sheet_command_needs_units_and_a_known_suffix(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    scheme_path = tmp_path / "s.json"
    scheme_path.write_bytes(dumps(_scheme()))
    base = ["sheet", str(scheme_path)]
    assert _cli(capsys, *base, "-o", str(tmp_path / "b.xlsx"))[0] == 2
    assert _cli(capsys, *base, "-o", str(tmp_path / "b.ods"), "--unit", "A=B")[0] == 2
    assert _cli(capsys, *base, "-o", str(tmp_path / "b.csv"), "--unit", "AB")[0] == 2
    units = tmp_path / "units.csv"
    units.write_text("unit,unit_name\nPNV-A,Phòng Nội vụ huyện A\n", encoding="utf-8")
    assert _cli(capsys, *base, "-o", str(tmp_path / "b.csv"), "--units", str(units))[0] == 0
    assert (tmp_path / "b.csv").read_text(encoding="utf-8").count("PNV-A") == 12
    score = ["score", "--scheme", str(scheme_path), str(tmp_path / "b.csv")]
    assert _cli(capsys, *score)[0] == 2  # --year and --convention are required with --scheme


ITEM_ADJUSTED = (
    "TT,Nội dung,Điểm chuẩn,Điểm thưởng,Điểm trừ\n"
    "I,Công tác chuyên môn,20,,\n"
    '1,Giải quyết hồ sơ,10,"0,5/lần, tối đa 2","1/lần, tối đa 3"\n'
    "2,Chế độ báo cáo,10,,2\n"
)


def test_an_items_own_bonus_and_deductions_reach_the_blank_sheet_and_the_results(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Each item's adjustments follow it on the sheet, with their amounts, and are scored.

    10 − min(4 × 1, 3) + min(3 × 0,5, 2) on item 1; 10 − 2 on item 2: 15 + 1,5 = 16,5.
    """
    table, scheme_path, blank_path, filled_path = (
        tmp_path / n for n in ("t.csv", "s.json", "blank.xlsx", "filled.xlsx")
    )
    table.write_text(ITEM_ADJUSTED, encoding="utf-8")
    code, _, _ = _cli(
        capsys, "table", str(table), "--convention", "vietnamese", "--scale", "20",
        "--code", "BD", "--label", "Bảng điểm", "--first-year", "2025", "-o", str(scheme_path),
    )  # fmt: skip
    assert code == 0
    code, _, _ = _cli(capsys, "sheet", str(scheme_path), "-o", str(blank_path), "--unit", "A=A")
    assert code == 0
    page = openpyxl.load_workbook(blank_path).active
    assert page is not None
    shown = [[c.value for c in row[2:5]] + [row[6].value] for row in page.iter_rows(min_row=2)]
    assert shown == [
        ["I.1", "Giải quyết hồ sơ", "10", "points"],
        ["I.1-thuong", "Thưởng: Giải quyết hồ sơ", "0,5/lần, tối đa 2", "count"],
        ["I.1-tru", "Trừ: Giải quyết hồ sơ", "-1/lần, tối đa 3", "count"],
        ["I.2", "Chế độ báo cáo", "10", "points"],
        ["I.2-tru", "Trừ: Chế độ báo cáo", "-2", "yes-no"],
    ]
    values = {"I.1": "10", "I.1-thuong": "3", "I.1-tru": "4", "I.2": "10", "I.2-tru": "có"}
    filled_path.write_bytes(
        _fill(blank_path.read_bytes(), {("A", k): v for k, v in values.items()})
    )
    code, out, _ = _cli(
        capsys, "score", "--scheme", str(scheme_path), "--year", "2025",
        "--convention", "vietnamese", str(filled_path), "--format", "json",
    )  # fmt: skip
    assert code == 0
    (entry,) = json.loads(out)["results"]
    assert (entry["total"], entry["base"], entry["bonus_total"]) == ("16.5", "15", "1.5")
