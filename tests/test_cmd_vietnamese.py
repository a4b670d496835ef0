"""Every command with ``--lang vi`` on the shipped examples prints no English word.

The check splits the output into words and looks each up in a list of English words
(the words thidua's English output uses and common function words). It can fail: the
same commands with ``--lang en`` are checked to trip it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import docx
import openpyxl
import orjson
import pytest

from thidua import preset, preset_codes
from thidua.cli import main
from thidua.documents._wording import _STATEMENTS_VI
from thidua.scoring import Scoring, score_all
from thidua.serialization import dumps, loads
from thidua.yearend._conditions import StatementCondition

EXAMPLES = Path(__file__).parent.parent / "src" / "thidua" / "examples"
SCORING = EXAMPLES / "cluster1_2019_2020_scoring.json"
REVIEW = EXAMPLES / "cluster1_2019_2020_review.json"

COMMANDS = [
    "demo",
    "example",
    "review",
    "score",
    "validate",
    "schema",
    "migrate",
    "report",
    "render",
    "verify",
    "table",
]

#: English words; Vietnamese words written without diacritics (to, do, in, an, con)
#: and single letters (a clause's point "28.1.a") left out.
ENGLISH = frozenset(
    [
        "the",
        "of",
        "and",
        "or",
        "for",
        "with",
        "by",
        "at",
        "from",
        "is",
        "are",
        "was",
        "be",
        "not",
        "no",
        "yes",
        "none",
        "this",
        "that",
        "these",
        "it",
        "its",
        "all",
        "any",
        "each",
        "every",
        "one",
        "two",
        "more",
        "than",
        "less",
        "least",
        "most",
        "only",
        "also",
        "but",
        "if",
        "then",
        "else",
        "when",
        "which",
        "who",
        "what",
        "how",
        "where",
        "there",
        "here",
        "into",
        "onto",
        "over",
        "under",
        "after",
        "before",
        "between",
        "rank",
        "ranking",
        "ranked",
        "score",
        "scores",
        "scored",
        "scoring",
        "total",
        "totals",
        "tied",
        "tie",
        "ties",
        "unit",
        "units",
        "year",
        "years",
        "group",
        "groups",
        "block",
        "cluster",
        "ballot",
        "ballots",
        "vote",
        "votes",
        "voters",
        "present",
        "members",
        "member",
        "cast",
        "valid",
        "invalid",
        "blank",
        "threshold",
        "base",
        "passed",
        "passing",
        "pass",
        "candidate",
        "candidates",
        "acclaimed",
        "acclaim",
        "seat",
        "seats",
        "ordered",
        "order",
        "undecided",
        "settled",
        "eligible",
        "eligibility",
        "nomination",
        "nominations",
        "proposed",
        "propose",
        "award",
        "awards",
        "basis",
        "rule",
        "rules",
        "regime",
        "regimes",
        "framework",
        "quorum",
        "met",
        "staff",
        "task",
        "rating",
        "excellent",
        "good",
        "completed",
        "statement",
        "attested",
        "disciplined",
        "warning",
        "above",
        "below",
        "led",
        "holds",
        "dissolved",
        "illustrative",
        "data",
        "made",
        "real",
        "achievement",
        "already",
        "quota",
        "used",
        "note",
        "notes",
        "criterion",
        "criteria",
        "bonus",
        "penalty",
        "points",
        "input",
        "knockout",
        "rounded",
        "cap",
        "class",
        "classification",
        "leading",
        "barred",
        "titles",
        "title",
        "section",
        "sections",
        "by",
        "cannot",
        "read",
        "write",
        "file",
        "files",
        "document",
        "documents",
        "digest",
        "changed",
        "recorded",
        "now",
        "ok",
        "nothing",
        "check",
        "checked",
        "seal",
        "holds",
        "upgraded",
        "already",
        "schema",
        "version",
        "usage",
        "error",
        "arguments",
        "required",
        "options",
        "positional",
        "show",
        "help",
        "message",
        "exit",
        "program",
        "command",
        "commands",
        "print",
        "write",
        "output",
        "format",
        "language",
        "messages",
        "default",
        "standard",
        "instead",
        "explain",
        "trace",
        "shipped",
        "example",
        "agreement",
        "agreements",
        "upgrade",
        "newer",
        "older",
        "invalid",
        "choice",
        "expected",
        "got",
        "integer",
        "string",
        "array",
        "object",
        "number",
        "unknown",
        "key",
        "missing",
        "wrong",
        "type",
        "value",
        "values",
    ]
)


def english_words(text: str) -> set[str]:
    """The English words in *text* (paths, codes in capitals and JSON keys aside)."""
    text = re.sub(r"<script>.*?</script>|<style>.*?</style>", " ", text, flags=re.DOTALL)
    text = re.sub(r"(/[\w.\-]+)+", " ", text)  # file paths
    text = re.sub(r"\\(?=[_&])", "", text)  # Markdown's escapes
    text = re.sub(r"[\w\-]+\.(json|csv|xlsx|html|md|docx)\b", " ", text)  # file names
    text = re.sub(r"(?<![\w])--?[\w\-]+", " ", text)  # options
    text = re.sub(rf"\b(?:thidua|{'|'.join(COMMANDS)})\b", " ", text)  # command names
    text = re.sub(r"<script>.*?</script>|<style>.*?</style>", " ", text, flags=re.DOTALL)
    text = re.sub(r"<[^>]+>", " ", text)  # HTML tags
    text = re.sub(r"\{[\w,\-\s]+\}|JSON Schema", " ", text)  # choices, a proper name
    text = re.sub(r"'[\w\-]+'", " ", text)  # identifiers, quoted ('scoring', 'HN')
    words = re.findall(r"[^\W\d_]+", text)
    return {w.lower() for w in words if w.isascii() and not w.isupper() and w.lower() in ENGLISH}


def _runs(tmp_path: Path) -> Iterator[tuple[list[str], Path | None]]:
    names = tmp_path / "names.json"
    names.write_bytes(orjson.dumps({"CUM-1": "Cụm thi đua số 1"}))
    agreement = tmp_path / "agreement.json"
    assert main(["example", "-o", str(agreement)]) == 0
    html = tmp_path / "report.html"
    yield ["demo"], None
    yield ["validate", str(SCORING), str(REVIEW), str(agreement)], None
    yield ["score", str(SCORING)], None
    yield ["score", str(SCORING), "--explain", "HN"], None
    yield ["score", str(SCORING), "--explain", "HCM"], None
    yield ["score", str(SCORING), "--format", "csv"], None
    yield ["review", str(REVIEW)], None
    yield ["review", str(REVIEW), "--format", "md"], None
    yield ["verify", str(SCORING)], None
    yield ["migrate", str(agreement), "-o", str(tmp_path / "migrated.json")], None
    for paper in (["--paper", "minutes"], ["--paper", "letter"]):
        yield ["render", str(REVIEW), "--names", str(names), *paper], None
    yield ["render", str(agreement)], None
    yield ["render", str(SCORING)], None
    yield ["render", str(SCORING), "--paper", "explanation", "--unit", "HN"], None
    yield ["report", str(REVIEW), "-o", str(html), "--scoring", str(SCORING)], html
    yield ["report", str(SCORING), "-o", str(html)], html
    yield from _output_runs(tmp_path, agreement)
    yield ["score", str(tmp_path / "missing.json")], None
    yield ["score", str(agreement)], None
    yield ["score"], None
    yield ["--help"], None
    for command in ("demo", "example", "validate", "score", "review", "verify", "schema"):
        yield [command, "--help"], None
    for command in ("migrate", "report", "render", "table", "sheet", "diff", "convert"):
        yield [command, "--help"], None
    yield from _table_runs(tmp_path)


def _table_runs(tmp_path: Path) -> Iterator[tuple[list[str], Path | None]]:
    """A table imported, its blank sheet, two schemes compared, a sheet form converted."""
    table = tmp_path / "bang-diem.csv"
    table.write_text(
        "STT,Nội dung,Điểm tối đa\nI,Chuyên môn,100\n1,Công việc,60\n2,Báo cáo,40\n"
        ",Tổng cộng,100\n",
        encoding="utf-8",
    )
    scheme = tmp_path / "bang-diem.json"
    scale = ["--convention", "vietnamese", "--first-year", "2024", "--scale", "100"]
    yield ["table", str(table), "--code", "BD", "--label", "Bảng", *scale, "-o", str(scheme)], None
    changed = tmp_path / "bang-diem-moi.json"
    table.write_text(
        "STT,Nội dung,Điểm tối đa\nI,Chuyên môn,100\n1,Công việc,70\n3,Sáng kiến,30\n",
        encoding="utf-8",
    )
    yield ["table", str(table), "--code", "BD", "--label", "Bảng", *scale, "-o", str(changed)], None
    yield ["diff", str(scheme), str(changed)], None
    blank = tmp_path / "trong.csv"
    # The written sheet's kind column holds the format's input codes (points, yes-no), read
    # back as such: only what the command says is checked here.
    yield ["sheet", str(scheme), "-o", str(blank), "--unit", "HN=Sở Hà Nội"], None
    units = tmp_path / "don-vi.csv"
    units.write_text("Mã đơn vị,Tên đơn vị\nHN,Sở Hà Nội\n", encoding="utf-8")
    yield ["sheet", str(scheme), "-o", str(blank), "--units", str(units), "--force"], None
    yield ["sheet", str(scheme), "-o", str(tmp_path / "trong.ods"), "--unit", "HN=Sở Hà Nội"], None
    yield ["convert", str(SCORING), "--to", "compact", "-o", str(tmp_path / "gon.json")], None
    yield ["convert", str(tmp_path / "none.json"), "--to", "rows"], None


def _output_runs(tmp_path: Path, agreement: Path) -> Iterator[tuple[list[str], Path | None]]:
    """The spreadsheets, papers and reports written to files, from scores and from results."""
    scoring = loads(SCORING.read_bytes(), Scoring)
    traced = tmp_path / "traced-results.json"
    traced.write_bytes(dumps(score_all(scoring, trace=True)))
    bare = tmp_path / "bare-results.json"
    bare.write_bytes(dumps(score_all(scoring)))
    html = tmp_path / "results-report.html"
    for form in ("csv", "xlsx"):
        sheet = tmp_path / f"points.{form}"
        yield ["score", str(SCORING), "--format", form, "-o", str(sheet)], sheet
    yield ["score", str(SCORING), "--format", "xlsx"], None  # needs -o
    yield ["render", str(traced)], None
    yield ["render", str(traced), "--paper", "explanation", "--unit", "HN"], None
    yield ["render", str(bare), "--paper", "explanation", "--unit", "HN"], None  # no trace
    yield ["render", str(SCORING), "--paper", "explanation", "--unit", "XX"], None
    yield ["render", str(SCORING), "--paper", "explanation"], None  # needs --unit
    yield ["render", str(SCORING), "--paper", "minutes"], None
    yield ["render", str(SCORING), "--year", "1999"], None
    yield ["render", str(agreement), "--paper", "letter"], None
    yield ["render", str(REVIEW), "--paper", "agreement"], None
    for form in ("html", "docx"):
        paper = tmp_path / f"minutes.{form}"
        review_paper = ["render", str(REVIEW), "--organisation", str(agreement)]
        yield [*review_paper, "--form", form, "-o", str(paper)], paper
    yield ["report", str(traced), "-o", str(html)], html
    yield ["report", str(bare), "-o", str(html), "--year", "2019"], html
    yield ["report", str(traced), "-o", str(tmp_path / "none.html"), "--year", "1999"], None
    yield ["report", str(agreement), "-o", str(tmp_path / "none.html")], None


def _output(
    argv: list[str], written: Path | None, lang: str, capsys: pytest.CaptureFixture[str]
) -> str:
    main(["--lang", lang, *argv])
    out, err = capsys.readouterr()
    return f"{out}\n{err}\n{_written(written)}"


def _written(path: Path | None) -> str:
    """The words of a written file: text, a workbook's cells or a Word file's paragraphs."""
    if path is None:
        return ""
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path)
        return "\n".join(
            f"{page.title} "
            + " ".join(
                str(c) for row in page.iter_rows(values_only=True) for c in row if c is not None
            )
            for page in book.worksheets
        )
    if path.suffix == ".docx":
        paper = docx.Document(str(path))
        cells = (c.text for t in paper.tables for r in t.rows for c in r.cells)
        return "\n".join([*(p.text for p in paper.paragraphs), *cells])
    return path.read_text(encoding="utf-8-sig")


def test_every_command_in_vietnamese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """No English word in what any command prints (or writes) with --lang vi."""
    found = {}
    for argv, written in _runs(tmp_path):
        words = english_words(_output(argv, written, "vi", capsys))
        if words:
            found[" ".join(argv)] = sorted(words)
    assert found == {}


def test_the_check_catches_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The same commands with --lang en trip the check: it can fail."""
    caught = 0
    for argv, written in _runs(tmp_path):
        if argv[0] in {"render", "report", "demo"}:
            continue  # papers and reports are Vietnamese in every language
        caught += bool(english_words(_output(argv, written, "en", capsys)))
    assert caught >= 15
    assert english_words("HN: not eligible for TTLDXS") == {"not", "eligible", "for"}
    assert english_words("HN: không đủ điều kiện TTLĐXS") == set()


def test_every_shipped_statement_is_worded_in_vietnamese() -> None:
    """Each statement a shipped preset asks units to attest has its Vietnamese wording."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, StatementCondition):
            found.add(value.statement)
        elif attrs.has(type(value)):
            for field in attrs.fields(type(value)):
                walk(getattr(value, field.name))
        elif isinstance(value, tuple):
            for item in value:
                walk(item)

    for code in preset_codes():
        walk(preset(code))
    assert found
    assert found <= set(_STATEMENTS_VI)
