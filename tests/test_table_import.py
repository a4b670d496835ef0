"""Points tables imported from their published spreadsheet form."""

from __future__ import annotations

import csv
import io
import unicodedata
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spreadsheets import with_cell_xml
from thidua import NumberConvention, format_number, scheme_from_table_csv, scheme_from_table_xlsx
from thidua.cli import main
from thidua.errors import CellProblem, InvalidModelError, SpreadsheetError
from thidua.scoring import (
    Assessment,
    Combination,
    CountInput,
    Criterion,
    Effect,
    Flat,
    Input,
    Layer,
    LayerRule,
    ManualPoints,
    PerCase,
    PointsInput,
    Scheme,
    ScoringSheet,
    Section,
    SheetUnit,
    YesNoInput,
    score,
)
from thidua.serialization import dumps, loads, structure, unstructure

VI = NumberConvention.VIETNAMESE
INTL = NumberConvention.INTERNATIONAL
THOUSAND = Decimal(1000)
HEADER = ["STT", "Nội dung", "Điểm chuẩn", "Căn cứ", "Ghi chú"]
LAW = "Luật Thi đua, khen thưởng 2022"

# A 1,000-point table in the shape provinces publish: a title line, a header, Roman
# sections whose caps are below their items' sum, decimal maxima and a total row.
TABLE_VI = [
    ["BẢNG ĐIỂM THI ĐUA KHỐI CÁC SỞ, NGÀNH NĂM 2025", "", "", "", ""],
    HEADER,
    ["I", "Công tác chỉ đạo, điều hành", "200", "", ""],
    ["1", "Ban hành kế hoạch thi đua", "9,98", LAW, ""],
    ["2", "Tổ chức phát động phong trào", "12,99", "", "đầu năm"],
    ["3", "Sơ kết, tổng kết phong trào", "190", "", ""],
    ["II", "Thực hiện nhiệm vụ chuyên môn", "800", "", ""],
    ["1", "Kết quả thực hiện nhiệm vụ được giao", "600", "", ""],
    ["1.1", "Chỉ tiêu kinh tế", "300", "", ""],
    ["1.2", "Chỉ tiêu văn hóa - xã hội", "300", "", ""],
    ["2", "Công tác cải cách hành chính", "200", "", ""],
    ["", "Tổng cộng", "1.000", "", ""],
]
TABLE_INTL = [
    [{"9,98": "9.98", "12,99": "12.99", "1.000": "1,000"}.get(cell, cell) for cell in row]
    for row in TABLE_VI
]


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _import(
    rows: list[list[str]], convention: NumberConvention = VI, scale: Decimal = THOUSAND
) -> Scheme:
    return scheme_from_table_csv(
        _csv(rows),
        code="KHOI-SO-2025",
        label="Bảng điểm Khối các sở, ngành",
        convention=convention,
        first_year=2025,
        scale=scale,
        sheet="bang-diem.csv",
    )


def _problems(rows: list[list[str]], convention: NumberConvention = VI) -> list[CellProblem]:
    with pytest.raises(SpreadsheetError) as caught:
        _import(rows, convention)
    return list(caught.value.problems)


def _where(problem: CellProblem) -> tuple[str, int, str, str, str]:
    return (problem.sheet, problem.row, problem.column, problem.letter, problem.code)


def _expected() -> Scheme:
    def leaf(code: str, label: str, points: str, basis: str | None = None) -> Criterion:
        return Criterion(
            code=code,
            label=label,
            max_points=Decimal(points),
            method=ManualPoints(),
            legal_basis=basis,
        )

    return Scheme(
        code="KHOI-SO-2025",
        label="Bảng điểm Khối các sở, ngành",
        first_year=2025,
        scale=THOUSAND,
        combination=Combination(layers=LayerRule.LAST),
        criteria=(
            Section(
                code="I",
                label="Công tác chỉ đạo, điều hành",
                cap=Decimal(200),
                children=(
                    leaf("I.1", "Ban hành kế hoạch thi đua", "9.98", LAW),
                    leaf("I.2", "Tổ chức phát động phong trào", "12.99"),
                    leaf("I.3", "Sơ kết, tổng kết phong trào", "190"),
                ),
            ),
            Section(
                code="II",
                label="Thực hiện nhiệm vụ chuyên môn",
                cap=Decimal(800),
                children=(
                    Section(
                        code="II.1",
                        label="Kết quả thực hiện nhiệm vụ được giao",
                        cap=Decimal(600),
                        children=(
                            leaf("II.1.1", "Chỉ tiêu kinh tế", "300"),
                            leaf("II.1.2", "Chỉ tiêu văn hóa - xã hội", "300"),
                        ),
                    ),
                    leaf("II.2", "Công tác cải cách hành chính", "200"),
                ),
            ),
        ),
    )


@pytest.mark.parametrize(("rows", "convention"), [(TABLE_VI, VI), (TABLE_INTL, INTL)])
def test_a_published_table_becomes_the_tree_its_numbering_says(
    rows: list[list[str]], convention: NumberConvention
) -> None:
    """Roman sections, numbered items and dotted sub-items, in either declared convention."""
    scheme = _import(rows, convention)
    assert scheme == _expected()
    first = scheme.criteria[0]
    assert isinstance(first, Section)
    assert sum(c.max_points for c in first.children if isinstance(c, Criterion)) > first.cap  # type: ignore[operator]
    assert [str(c.max_points) for c in scheme.leaves()][:2] == ["9.98", "12.99"]
    assert scheme.maximum() == THOUSAND


def test_the_convention_is_declared_not_guessed() -> None:
    """The Vietnamese table read as international: "9,98" is refused, "1.000" is one."""
    problems = _problems(TABLE_VI, INTL)
    assert [_where(p) for p in problems] == [
        ("bang-diem.csv", 4, "Điểm chuẩn", "C", "unreadable-number"),
        ("bang-diem.csv", 5, "Điểm chuẩn", "C", "unreadable-number"),
        ("bang-diem.csv", 12, "Điểm chuẩn", "C", "inconsistent"),
    ]
    assert "not the scale" in problems[2].message


def test_the_imported_scheme_round_trips_and_scores() -> None:
    """The scheme survives JSON, and the engine caps section I at 200."""
    scheme = _import(TABLE_VI)
    assert structure(unstructure(scheme), Scheme) == scheme
    assert loads(dumps(scheme), Scheme) == scheme
    assert dumps(loads(dumps(scheme), Scheme)) == dumps(scheme)
    points = {leaf.code: leaf.max_points for leaf in scheme.leaves()}
    sheet = ScoringSheet(
        year=2025,
        scheme=scheme.code,
        units=(SheetUnit(code="SO-TC", name="Sở Tài chính"),),
        assessments=tuple(
            Assessment(unit="SO-TC", item=code, layer=Layer.SELF, input=PointsInput(points=p))
            for code, p in points.items()
        ),
    )
    result = score(scheme, sheet).unit("SO-TC")
    assert result.total == THOUSAND
    assert {s.section: s.points for s in result.subtotals}["I"] == Decimal(200)


def test_headers_are_matched_loosely_and_numbering_may_end_with_a_dot() -> None:
    """NFD, capitals, extra spaces, "Điểm tối đa"; "I." and "1." as printed; items only."""
    header = [unicodedata.normalize("NFD", "  SỐ  TT "), "TIÊU CHÍ", "điểm tối đa"]
    scheme = _import(
        [header, ["1.", "Ban hành kế hoạch", "40,5"], ["2", "Báo cáo đúng hạn", "59,5"]],
        scale=Decimal(100),
    )
    assert [(c.code, c.max_points) for c in scheme.leaves()] == [
        ("1", Decimal("40.5")),
        ("2", Decimal("59.5")),
    ]
    dotted = _import(
        [
            ["STT", "Nội dung", "Thang điểm"],
            ["I.", "Chỉ đạo", ""],
            ["1.", "Kế hoạch", "100"],
        ],
        scale=Decimal(100),
    )
    section = dotted.criteria[0]
    assert isinstance(section, Section)
    assert section.cap is None
    assert section.children[0].code == "I.1"


def test_blank_rows_and_other_columns_are_ignored() -> None:
    """A blank row and an unknown column do not matter; a total row without a number is fine."""
    rows = [
        ["STT", "Nội dung", "Điểm chuẩn", "Điểm tự chấm"],
        ["1", "Kế hoạch", "100", "95"],
        ["", "", "", ""],
        ["", "Cộng", "", ""],
    ]
    assert [c.code for c in _import(rows, scale=Decimal(100)).leaves()] == ["1"]


BAD_CELLS = [
    ("mười", 4, "C", "unreadable-number"),
    ("-5", 4, "C", "negative-points"),
]


@pytest.mark.parametrize(("value", "row", "letter", "code"), BAD_CELLS)
def test_a_bad_maximum_is_named_by_row_and_column(
    value: str, row: int, letter: str, code: str
) -> None:
    rows = [list(r) for r in TABLE_VI]
    rows[3][2] = value
    [problem] = _problems(rows)
    assert _where(problem) == ("bang-diem.csv", row, "Điểm chuẩn", letter, code)
    assert "bang-diem.csv!C4 (Điểm chuẩn)" in str(problem)


@pytest.mark.parametrize(
    ("numbering", "code"),
    [
        ("aa)", "unknown-numbering"),
        ("Z", "unknown-numbering"),
        ("IIII", "unknown-numbering"),
        ("1.0", "unknown-numbering"),
        ("4.1", "no-parent"),
        ("1", "duplicate"),
    ],
)
def test_a_bad_numbering_is_named_by_row_and_column(numbering: str, code: str) -> None:
    """Unknown numbering, a sub-item without its parent, the same number twice."""
    rows = [list(r) for r in TABLE_VI]
    rows[4][0] = numbering  # row 5, item I.2
    problems = _problems(rows)
    assert [_where(p) for p in problems] == [("bang-diem.csv", 5, "STT", "A", code)]


def test_a_sub_item_must_follow_its_parent() -> None:
    """1.2 after 2 is out of place, even though an item 1 exists above."""
    rows = [
        ["STT", "Nội dung", "Điểm chuẩn"],
        ["1", "Một", ""],
        ["1.1", "Một một", "10"],
        ["2", "Hai", "10"],
        ["1.2", "Một hai", "10"],
        ["1.1.1", "Sâu", "5"],
    ]
    problems = _problems(rows)
    assert [(p.row, p.column, p.code) for p in problems] == [
        (5, "STT", "no-parent"),
        (6, "STT", "no-parent"),
    ]
    assert "'1.2' must follow its parent '1'" in problems[0].message


def test_every_bad_cell_is_reported_at_once() -> None:
    """A row without numbering, a missing label, and a bad number, all together."""
    rows = [
        ["STT", "Nội dung", "Điểm chuẩn"],
        ["1", "", "10"],
        ["", "Lời giải thích", "5"],
        ["2", "Hai", "x"],
    ]
    problems = _problems(rows)
    assert [(p.row, p.column, p.letter, p.code) for p in problems] == [
        (2, "Nội dung", "B", "missing"),
        (3, "STT", "A", "missing"),
        (4, "Điểm chuẩn", "C", "unreadable-number"),
    ]


def test_the_tree_is_checked_where_the_table_says_it() -> None:
    """A leaf without maximum, an empty section, a child above its section's cap."""
    rows = [
        ["STT", "Nội dung", "Điểm chuẩn"],
        ["I", "Trống", "10"],
        ["II", "Có mục", "20"],
        ["1", "Không điểm", ""],
        ["III", "Vượt", "20"],
        ["1", "Quá lớn", "30"],
    ]
    problems = _problems(rows)
    assert [(p.row, p.column, p.code) for p in problems] == [
        (2, "STT", "empty"),
        (4, "Điểm chuẩn", "missing"),
        (6, "Điểm chuẩn", "child-exceeds-cap"),
    ]


def test_the_table_must_fit_the_scale() -> None:
    """Caps above the declared scale are reported against the header row."""
    rows = [["Bảng điểm"], ["STT", "Nội dung", "Điểm chuẩn"], ["1", "Một", "101"]]
    with pytest.raises(SpreadsheetError) as caught:
        _import(rows, scale=Decimal(100))
    assert [(p.row, p.column, p.code) for p in caught.value.problems] == [
        (2, "", "caps-exceed-scale")
    ]


def test_a_bad_argument_is_not_a_cell() -> None:
    """A bad scheme code is the caller's error, raised as such."""
    with pytest.raises(InvalidModelError) as caught:
        scheme_from_table_csv(
            _csv(TABLE_VI), code="mã sai", label="x", convention=VI, first_year=2025, scale=THOUSAND
        )
    assert caught.value.code == "invalid-code"
    assert caught.value.path == "code"


@pytest.mark.parametrize(
    ("rows", "row", "letter", "fragment"),
    [
        ([["Bảng điểm"], ["1", "Một", "10"]], 1, "", "no header row"),
        ([["STT", "Nội dung"], ["1", "Một", "10"]], 1, "", "lacks a column"),
        ([["STT", "Nội dung", "Điểm chuẩn", "Điểm tối đa"]], 1, "D", "two columns"),
    ],
)
def test_a_bad_header_is_reported(
    rows: list[list[str]], row: int, letter: str, fragment: str
) -> None:
    problems = _problems(rows)
    assert [(p.row, p.letter, p.code) for p in problems] == [(row, letter, "invalid-header")]
    assert fragment in problems[0].message


def _workbook(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    page = book.active
    assert page is not None
    page.title = "Bảng điểm"
    for row in rows:
        page.append(row)
    for cells in page.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str):
                cell.number_format = "@"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _import_xlsx(source: bytes | Path, worksheet: str | None = None) -> Scheme:
    return scheme_from_table_xlsx(
        source,
        code="KHOI-SO-2025",
        label="Bảng điểm Khối các sở, ngành",
        convention=VI,
        first_year=2025,
        scale=THOUSAND,
        worksheet=worksheet,
    )


def test_a_workbook_of_text_cells_gives_the_same_scheme(tmp_path: Path) -> None:
    """Text cells, whole-number cells and a path all read as the CSV form does."""
    rows: list[list[object]] = [list(r) for r in TABLE_VI]
    rows[2][2] = 200  # a whole number stored as a number is exact
    data = _workbook(rows)
    assert _import_xlsx(data) == _expected()
    path = tmp_path / "bang-diem.xlsx"
    path.write_bytes(data)
    assert _import_xlsx(path, worksheet="Bảng điểm") == _expected()


def test_a_numeric_cell_with_a_fraction_is_read_as_shown() -> None:
    """9.98 and 12.99 typed as numbers read as the decimals a spreadsheet shows."""
    rows: list[list[object]] = [list(r) for r in TABLE_VI]
    rows[3][2] = 9.98
    rows[4][2] = 12.99
    assert _import_xlsx(_workbook(rows)) == _expected()


def test_a_numeric_cell_beyond_fifteen_digits_is_refused() -> None:
    """A stored 0.30000000000000004 has 17 significant digits: refused, naming the cell."""
    rows: list[list[object]] = [list(r) for r in TABLE_VI]
    rows[3][2] = 7.25
    data = with_cell_xml(_workbook(rows), b"<v>7.25</v>", b"<v>0.30000000000000004</v>")
    with pytest.raises(SpreadsheetError) as caught:
        _import_xlsx(data)
    [problem] = caught.value.problems
    assert _where(problem) == ("Bảng điểm", 4, "Điểm chuẩn", "C", "too-precise")
    assert problem.message.startswith("the number 0.30000000000000004 has more than 15")


def test_a_numbering_stored_as_a_number_with_a_fraction_is_refused() -> None:
    """1.1 typed as a number could be "1.10": the message asks for text, not a decimal."""
    rows: list[list[object]] = [list(r) for r in TABLE_VI]
    rows[8][0] = 1.1
    with pytest.raises(SpreadsheetError) as caught:
        _import_xlsx(_workbook(rows))
    [problem] = caught.value.problems
    assert _where(problem) == ("Bảng điểm", 9, "STT", "A", "binary-number")
    assert "numbering" in problem.message


def test_a_fraction_outside_the_header_columns_is_read_and_ignored() -> None:
    """A number in a column the importer does not read is no longer a problem."""
    rows: list[list[object]] = [list(r) for r in TABLE_VI]
    rows[3].append(0.5)
    assert _import_xlsx(_workbook(rows)) == _expected()


_MAXIMA = st.integers(min_value=0, max_value=200_000).map(lambda n: Decimal(n).scaleb(-2))


@st.composite
def _items(draw: st.DrawFn, prefix: str, depth: int) -> list[tuple[str, Decimal | None, Decimal]]:
    """Rows (numbering, maximum or cap, ceiling) of the items under *prefix*."""
    rows: list[tuple[str, Decimal | None, Decimal]] = []
    for index in range(1, draw(st.integers(min_value=1, max_value=3)) + 1):
        numbering = f"{prefix}{index}"
        children = (
            draw(_items(f"{numbering}.", depth + 1)) if depth < 3 and draw(st.booleans()) else []
        )
        if not children:
            maximum = draw(_MAXIMA)
            rows.append((numbering, maximum, maximum))
            continue
        ceilings = [c for n, _, c in children if n.count(".") == numbering.count(".") + 1]
        total = sum(ceilings, Decimal(0))
        cap = draw(st.none() | st.decimals(min_value=max(ceilings), max_value=total, places=2))
        rows.append((numbering, cap, total if cap is None else cap))
        rows += children
    return rows


@settings(max_examples=60, deadline=None)
@given(
    sections=st.lists(st.tuples(_items("", 1), st.booleans()), min_size=1, max_size=3),
    convention=st.sampled_from(list(NumberConvention)),
)
def test_any_numbered_table_imports_as_written(
    sections: list[tuple[list[tuple[str, Decimal | None, Decimal]], bool]],
    convention: NumberConvention,
) -> None:
    """Every maximum and cap is read back exactly, in either convention, with grouping."""
    romans = ["I", "II", "III"]
    rows = [["STT", "Nội dung", "Điểm tối đa"]]
    expected: dict[str, Decimal | None] = {}
    scale = Decimal(0)
    for roman, (items, capped) in zip(romans, sections, strict=False):
        top = [c for n, _, c in items if "." not in n]
        cap = max(top) if capped else None
        rows.append([roman, f"Mục {roman}", "" if cap is None else format_number(cap, convention)])
        expected[roman] = cap
        scale += sum(top, Decimal(0)) if cap is None else cap
        for numbering, maximum, _ in items:
            shown = "" if maximum is None else format_number(maximum, convention)
            rows.append([numbering, f"Tiêu chí {numbering}", shown])
            expected[f"{roman}.{numbering}"] = maximum
    scheme = _import(rows, convention, scale=max(scale, Decimal(1)))
    got = {
        node.code: node.max_points if isinstance(node, Criterion) else node.cap
        for _, node in scheme.walk()
    }
    assert got == expected
    assert loads(dumps(scheme), Scheme) == scheme


def _cli(capsys: pytest.CaptureFixture[str], path: Path, *extra: str) -> tuple[int, str, str]:
    argv = ["table", str(path), "--code", "KHOI-SO-2025", "--label", "Bảng điểm Khối các sở, ngành"]
    code = main([*argv, "--first-year", "2025", *extra])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_table_command_prints_the_scheme(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """CSV (with a byte-order mark, as spreadsheets save it) and XLSX give the same JSON."""
    csv_path = tmp_path / "bang-diem.csv"
    csv_path.write_bytes(b"\xef\xbb\xbf" + _csv(TABLE_VI).encode())
    code, out, _ = _cli(capsys, csv_path, "--convention", "vietnamese", "--scale", "1.000")
    assert code == 0
    assert loads(out.encode(), Scheme) == _expected()
    xlsx_path = tmp_path / "bang-diem.XLSX"
    xlsx_path.write_bytes(_workbook([list(r) for r in TABLE_VI]))
    target = tmp_path / "scheme.json"
    args = ("--convention", "vietnamese", "--scale", "1000", "-o", str(target))
    assert _cli(capsys, xlsx_path, *args)[:2] == (0, "")
    assert loads(target.read_bytes(), Scheme) == _expected()


def test_the_table_command_reports_bad_cells_and_arguments(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "bang-diem.csv"
    path.write_text(_csv(TABLE_VI), encoding="utf-8")
    code, out, _ = _cli(capsys, path, "--convention", "international", "--scale", "1,000")
    assert code == 1
    assert out.splitlines()[0].startswith("bang-diem.csv!C4 (Điểm chuẩn): '9,98' is not")
    code, _, err = _cli(capsys, path, "--convention", "vietnamese", "--scale", "một nghìn")
    assert (code, err.startswith("--scale: ")) == (1, True)
    code, out, _ = _cli(capsys, path, "--convention", "vietnamese", "--scale", "1.000,5")
    assert code == 1
    assert out == "bang-diem.csv!C12 (Điểm chuẩn): the total 1.000 is not the scale 1.000,5\n"
    argv = ["table", str(path), "--code", "mã sai", "--label", "x", "--first-year", "2025"]
    assert main([*argv, "--convention", "vietnamese", "--scale", "1.000"]) == 1
    assert capsys.readouterr().out.startswith(f"{path}: $.code: ")
    path.write_bytes(b"\xff\xfe")
    assert _cli(capsys, path, "--convention", "vietnamese", "--scale", "1.000")[0] == 2
    assert _cli(capsys, tmp_path / "none.csv", "--convention", "vietnamese", "--scale", "1")[0] == 2
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    code, _, err = _cli(capsys, broken, "--convention", "vietnamese", "--scale", "1")
    assert (code, err) == (2, f"{broken}: cannot read: not an XLSX workbook\n")


ADJUSTED_TABLE = [
    ["TT", "Nội dung", "Điểm chuẩn", "Điểm thưởng", "Điểm trừ"],
    ["I", "Công tác chuyên môn", "20", "", ""],
    ["1", "Giải quyết hồ sơ", "10", "0,5/lần, tối đa 2", "1/lần, tối đa 3"],
    ["2", "Chế độ báo cáo", "10", "", "2"],
]


def test_item_bonus_and_deduction_columns_become_the_items_adjustments() -> None:
    """A bonus per case capped at 2 and two deductions, each on its own item, then scored.

    Unit A: item 1 has 10 − 3 (four late cases, capped at 3) + 1.5 (three early cases);
    item 2 has 10 − 2 (the report was late: a flat deduction). Total 7 + 8 + 1.5 = 16.5.
    """
    scheme = _import(ADJUSTED_TABLE, scale=Decimal(20))
    first, second = scheme.leaves()
    assert [(a.code, a.effect, a.amount, a.cap) for a in first.adjustments] == [
        ("I.1-thuong", Effect.BONUS, PerCase(points=Decimal("0.5")), Decimal(2)),
        ("I.1-tru", Effect.DEDUCTION, PerCase(points=Decimal(1)), Decimal(3)),
    ]
    assert first.bonus_cap == Decimal(2)
    assert [(a.code, a.effect, a.amount, a.cap) for a in second.adjustments] == [
        ("I.2-tru", Effect.DEDUCTION, Flat(points=Decimal(2)), None),
    ]
    assert [a.label for a in (*first.adjustments, *second.adjustments)] == [
        "Thưởng: Giải quyết hồ sơ",
        "Trừ: Giải quyết hồ sơ",
        "Trừ: Chế độ báo cáo",
    ]
    rows: list[tuple[str, Input]] = [
        ("I.1", PointsInput(points=Decimal(10))),
        ("I.1-thuong", CountInput(count=3)),
        ("I.1-tru", CountInput(count=4)),
        ("I.2", PointsInput(points=Decimal(10))),
        ("I.2-tru", YesNoInput(met=True)),
    ]
    sheet = ScoringSheet(
        year=2025,
        scheme=scheme.code,
        units=(SheetUnit(code="A", name="Phòng A"),),
        assessments=tuple(
            Assessment(unit="A", item=item, layer=Layer.SELF, input=value) for item, value in rows
        ),
    )
    result = score(scheme, sheet).unit("A")
    assert (result.base, result.bonus_total, result.total) == (
        Decimal(15),
        Decimal("1.5"),
        Decimal("16.5"),
    )
