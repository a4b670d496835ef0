"""The corpus of published tables: CSV, XLSX and DOCX give the schemes written below."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from table_files import TABLES, document, header_index, rows_of, workbook
from thidua import NumberConvention, TableImport, read_table
from thidua.cli import main
from thidua.errors import SpreadsheetError
from thidua.exchange._numbering import Form, parse_numbering
from thidua.scoring import Bonus, Criterion, Flat, PerCase, Scheme, Section
from thidua.serialization import dumps, loads

VI = NumberConvention.VIETNAMESE
SETTINGS = {
    "so-noi-vu-huyen-100": (VI, 100),
    "cong-an-cum-1000": (VI, 1000),
    "khoi-so-tttt-c1": (NumberConvention.INTERNATIONAL, 100),
    "xa-phuong-2a": (VI, 100),
    "mttq-xa-a1": (VI, 100),
}
BASE = "C"  # the maximum's column in every table but the police one

# Each table as the import must give it: the tree (code, kind, maximum or cap, own bonus
# cap), the adjustments (bonus: per case, cap; penalty: points, per case, cap), the bonus
# cap of the whole table, the rule notes (row, item, text) and what is left to declare
# (row, column), rows numbered as in the CSV file.
EXPECTED: dict[str, dict[str, Any]] = {
    "so-noi-vu-huyen-100": {
        "tree": [
            ("A", "section", "100"),
            ("A.I", "section", "30"),
            ("A.I.1", "criterion", "15"),
            ("A.I.2", "criterion", "10"),
            ("A.I.3", "criterion", "5"),
            ("A.II", "section", "70"),
            ("A.II.4", "section", "40"),
            ("A.II.4.a", "criterion", "10"),
            ("A.II.4.b", "criterion", "15"),
            ("A.II.4.c", "criterion", "15"),
            ("A.II.5", "section", "30"),
            ("A.II.5.a", "criterion", "12.5"),
            ("A.II.5.b", "criterion", "17.5"),
        ],
        "adjustments": [
            ("bonus", "B.1", None, "5"),
            ("bonus", "B.2", "2", "4"),
            ("penalty", "C.1", "0.5", True, None),
            ("penalty", "C.2", "5", False, None),
        ],
        "bonus_cap": "10",
        "notes": [
            (
                8,
                "A.I.1",
                "Cách chấm: hoàn thành đúng thời hạn được điểm tối đa; chậm mỗi tháng trừ 2 điểm",
            )
        ],
        "to_declare": [(4, "Điểm chuẩn")],
    },
    "cong-an-cum-1000": {
        "tree": [
            ("A", "section", "700"),
            ("A.I", "section", "200"),
            ("A.I.1", "section", "109.98"),
            ("A.I.1.1", "criterion", "59.98"),
            ("A.I.1.1-tru", "deduction", "0.5", True, None),
            ("A.I.1.2", "criterion", "50"),
            ("A.I.1.2-tru", "deduction", "1", True, "10"),
            ("A.I.2", "criterion", "90.02"),
            ("A.II", "section", "500"),
            ("A.II.3", "section", "300"),
            ("A.II.3.1", "criterion", "150"),
            ("A.II.3.2", "criterion", "150"),
            ("A.II.4", "criterion", "200"),
            ("A.II.4-tru", "deduction", "2", False, None),
            ("B", "section", "300"),
            ("B.5", "criterion", "12.99"),
            ("B.6", "criterion", "287.01"),
        ],
        "adjustments": [],
        "bonus_cap": None,
        "notes": [],
        "to_declare": [],
    },
    "khoi-so-tttt-c1": {
        "tree": [
            ("A", "section", "30"),
            ("A.1", "criterion", "10"),
            ("A.2", "criterion", "10"),
            ("A.3", "criterion", "10", "2"),
            ("B", "section", "70"),
            ("B.1", "section", "40"),
            ("B.1.1", "criterion", "20"),
            ("B.1.2", "criterion", "20"),
            ("B.2", "criterion", "30"),
        ],
        "adjustments": [("bonus", "C.1", "2", None), ("bonus", "C.2", "1", None)],
        "bonus_cap": "5",
        "notes": [
            (4, "A.1", "Ban hành trước ngày 31/3: 10 điểm; sau ngày 31/3: 5 điểm"),
            (9, "B.1.1", "Điểm = Tỷ lệ % x Điểm tối đa"),
        ],
        "to_declare": [(2, "Chuẩn")],
    },
    "xa-phuong-2a": {
        "tree": [
            ("I", "section", "40"),
            ("I.1", "criterion", "20"),
            ("I.2", "section", "20"),
            ("I.2.a", "criterion", "10"),
            ("I.2.b", "criterion", "10"),
            ("I.2.b-tru", "deduction", "1", True, None),
            ("II", "section", "60"),
            ("II.3", "criterion", "30", "2"),
            ("II.4", "criterion", "30"),
        ],
        "adjustments": [
            ("bonus", "III.5", None, "3"),
            ("penalty", "IV.6.1", "5", False, None),
            ("penalty", "IV.6.2", "10", False, None),
        ],
        "bonus_cap": None,
        "notes": [],
        "to_declare": [(14, "Điểm tối đa")],
    },
    "mttq-xa-a1": {
        "tree": [
            ("I", "section", "50"),
            ("I.1", "section", "30"),
            ("I.1.a", "section", "10"),
            ("I.1.a.1", "criterion", "5"),
            ("I.1.a.2", "criterion", "5"),
            ("I.1.a.2-tru", "deduction", "0.5", True, None),
            ("I.1.b", "criterion", "20"),
            ("I.2", "criterion", "20"),
            ("II", "section", "50"),
            ("II.3", "section", "25"),
            ("II.3.a", "criterion", "5"),
            ("II.3.b", "criterion", "5"),
            ("II.3.c", "criterion", "5"),
            ("II.3.d", "criterion", "5"),
            ("II.3.dd", "criterion", "5"),
            ("II.4", "criterion", "25"),
        ],
        "adjustments": [],
        "bonus_cap": None,
        "notes": [
            (8, "I.1.a.2", "Mỗi quý chậm trừ 0,5 điểm"),
            (20, "II.4", "Cách chấm: mỗi văn bản phản biện được 5 điểm, tối đa 25 điểm"),
        ],
        "to_declare": [(3, "Điểm chuẩn")],
    },
}


def _import(name: str, source: bytes | Path, table_format: str | None = None) -> TableImport:
    convention, scale = SETTINGS[name]
    return read_table(
        source,
        table_format=table_format,  # type: ignore[arg-type]
        code="BANG-2025",
        label="Bảng điểm thi đua",
        convention=convention,
        first_year=2025,
        scale=Decimal(scale),
        name=f"{name}.{table_format or 'csv'}",
    )


def _summary(imported: TableImport) -> dict[str, Any]:
    def text(value: Decimal | None) -> str | None:
        return None if value is None else str(value)

    scheme = imported.scheme
    tree: list[tuple[Any, ...]] = []
    for _, node in scheme.walk():
        if isinstance(node, Section):
            tree.append((node.code, "section", text(node.cap)))
        else:
            extra = (text(node.bonus_cap),) if node.bonus_cap else ()
            tree.append((node.code, "criterion", text(node.max_points), *extra))
            for adjustment in node.adjustments:
                amount = adjustment.amount
                assert isinstance(amount, Flat | PerCase)
                tree.append(
                    (
                        adjustment.code,
                        adjustment.effect.value,
                        text(amount.points),
                        isinstance(amount, PerCase),
                        text(adjustment.cap),
                    )
                )
    adjustments: list[tuple[Any, ...]] = []
    for item in scheme.adjustments:
        if isinstance(item, Bonus):
            adjustments.append(("bonus", item.code, text(item.per_case), text(item.cap)))
        else:
            assert not isinstance(item, Criterion)
            adjustments.append(
                ("penalty", item.code, text(item.points), item.per_case, text(item.cap))  # type: ignore[union-attr]
            )
    return {
        "tree": tree,
        "adjustments": adjustments,
        "bonus_cap": text(scheme.bonus_cap),
        "notes": [(n.row, n.item, n.text) for n in imported.notes],
        "to_declare": [(p.row, p.column) for p in imported.to_declare],
    }


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_csv_table_gives_the_scheme_it_publishes(name: str) -> None:
    imported = _import(name, TABLES / f"{name}.csv")
    assert _summary(imported) == EXPECTED[name]
    assert all(p.code == "to-declare" for p in imported.to_declare)
    assert loads(dumps(imported.scheme), Scheme) == imported.scheme


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_same_table_as_a_workbook_or_a_word_document_gives_the_same_scheme(
    name: str,
) -> None:
    """XLSX with whole numbers as numbers; DOCX with merged cells and the title outside."""
    rows = rows_of(name)
    from_csv = _import(name, TABLES / f"{name}.csv")
    from_xlsx = _import(name, workbook(rows), "xlsx")
    from_docx = _import(name, document(rows), "docx")
    assert from_xlsx.scheme == from_csv.scheme
    assert from_docx.scheme == from_csv.scheme
    assert [(p.row, p.column) for p in from_xlsx.to_declare] == EXPECTED[name]["to_declare"]
    # In the document the table starts at its header: rows shift by the title's lines.
    shift = header_index(rows)
    assert [(p.row + shift, p.column) for p in from_docx.to_declare] == EXPECTED[name]["to_declare"]
    assert {p.sheet for p in from_docx.to_declare} <= {f"{name}.docx#2"}
    assert [(n.row + shift, n.item, n.text) for n in from_docx.notes] == EXPECTED[name]["notes"]


def test_the_base_points_and_the_rule_rows_are_kept_as_published() -> None:
    """Split labels joined, rule text kept in the scheme's note, the base finding worded."""
    imported = _import("mttq-xa-a1", TABLES / "mttq-xa-a1.csv")
    labels = {node.code: node.label for _, node in imported.scheme.walk()}
    assert labels["I.2"] == "Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư"
    assert imported.scheme.note == (
        "I.1.a.2: Mỗi quý chậm trừ 0,5 điểm\n"
        "II.4: Cách chấm: mỗi văn bản phản biện được 5 điểm, tối đa 25 điểm"
    )
    first = imported.to_declare[0]
    assert str(first).startswith("mttq-xa-a1.csv!C3 (Điểm chuẩn): the table gives base points")


@pytest.mark.parametrize(
    ("written", "form", "parts"),
    [
        ("A", Form.PART, ("A",)),
        ("XIV.", Form.ROMAN, ("XIV",)),
        ("1.1.2", Form.NUMBER, ("1", "1", "2")),
        ("C1", Form.PART_NUMBER, ("C", "1")),
        ("C1.2", Form.PART_NUMBER, ("C", "1", "2")),
        ("2.a)", Form.NUMBER_LETTER, ("2", "a")),
        ("b)", Form.LETTER, ("b",)),
        ("(c)", Form.LETTER, ("c",)),
        ("đ", Form.LETTER, ("đ",)),
        ("a1", Form.LETTER_NUMBER, ("a", "1")),
    ],
)
def test_every_numbering_style_in_use_is_read(
    written: str, form: Form, parts: tuple[str, ...]
) -> None:
    numbering = parse_numbering(written)
    assert numbering is not None
    assert (numbering.form, numbering.parts) == (form, parts)


@pytest.mark.parametrize("written", ["", "aa", "1.0", "IIII", "Z", "a.1", "1..2", "A-1"])
def test_other_numbering_is_not_guessed(written: str) -> None:
    assert parse_numbering(written) is None


def test_a_letter_number_needs_its_letter_and_a_part_number_its_item() -> None:
    rows = [
        ["STT", "Nội dung", "Điểm tối đa"],
        ["1", "Một", "10"],
        ["a2", "Không có a", "5"],
        ["C1.1", "Không có C1", "5"],
        ["2.b", "Không có 2", "5"],
    ]
    with pytest.raises(SpreadsheetError) as caught:
        read_table(
            "\n".join(",".join(r) for r in rows).encode(),
            table_format="csv",
            code="K",
            label="Bảng",
            convention=VI,
            first_year=2025,
            scale=Decimal(100),
        )
    assert [(p.row, p.code, p.message) for p in caught.value.problems] == [
        (3, "no-parent", "'a2' must follow its parent 'a'"),
        (4, "no-parent", "'C1.1' must follow its parent 'C1'"),
        (5, "no-parent", "'2.b' must follow its parent '2'"),
    ]


def test_an_unreadable_amount_is_left_to_declare_not_guessed() -> None:
    rows = [
        ["STT", "Nội dung", "Điểm tối đa", "Điểm trừ"],
        ["1", "Báo cáo", "10", "tùy mức độ"],
        ["B", "ĐIỂM THƯỞNG", "", ""],
        ["1", "Sáng kiến", "", ""],
    ]
    imported = read_table(
        "\n".join(",".join(r) for r in rows).encode(),
        table_format="csv",
        code="K",
        label="Bảng",
        convention=VI,
        first_year=2025,
        scale=Decimal(100),
        name="bang.csv",
    )
    assert imported.scheme.adjustments == ()
    assert [str(p) for p in imported.to_declare] == [
        "bang.csv!D2 (Điểm trừ): 1: the amount 'tùy mức độ' cannot be read",
        "bang.csv!C4 (Điểm tối đa): B.1: the bonus has no amount and no cap",
    ]


def test_the_table_command_reads_a_word_document(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """DOCX in, scheme out; what is left to declare goes to standard error, exit 0."""
    path = tmp_path / "xa-phuong-2a.docx"
    path.write_bytes(document(rows_of("xa-phuong-2a")))
    argv = ["--lang", "en", "table", str(path), "--convention", "vietnamese", "--scale", "100"]
    code = main(
        [*argv, "--code", "BANG-2025", "--label", "Bảng điểm thi đua", "--first-year", "2025"]
    )
    out, err = capsys.readouterr()
    assert code == 0
    assert (
        loads(out.encode(), Scheme) == _import("xa-phuong-2a", TABLES / "xa-phuong-2a.csv").scheme
    )
    assert err.splitlines() == [
        (
            "xa-phuong-2a.docx#2!C13 (Điểm tối đa): left for you to declare: IV.6: a cap '10'"
            " shared by several adjustments; the format cannot hold it yet"
        ),
    ]
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a document")
    assert (
        main(
            [
                *argv[:2],
                "table",
                str(broken),
                *argv[4:],
                "--code",
                "K",
                "--label",
                "B",
                "--first-year",
                "2025",
            ]
        )
        == 2
    )
