"""Messages in Vietnamese and English: the catalogue, its coverage and the command line."""

from __future__ import annotations

import ast
import datetime as dt
import enum
import pickle
import string
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest

from thidua import (
    DocumentError,
    InvalidModelError,
    LegalReference,
    NumberConvention,
    NumberFormatError,
    Period,
    PeriodKind,
    Problem,
    StructureError,
    language_from_environment,
    localise,
    message_for,
    parse_number,
    scoring,
    serialization,
    summary_table,
)
from thidua._base.messages import CATALOGUE, fill
from thidua._base.text import nfc
from thidua._base.validation import code_validator, non_blank, unique_codes, unique_names
from thidua.cli import main
from thidua.errors import Details, UnknownCodeError
from thidua.examples import cluster1_review
from thidua.serialization import _registry

SRC = Path(__file__).parent.parent / "src" / "thidua"


def _template_names(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


# Constructors whose code is a positional argument, and its index: none of the errors
# and problems (their code is keyword-only); helpers that take one positionally.
_POSITIONAL_CODE: dict[str, int] = {}


def _constant_strings(node: ast.AST | None) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _constant_strings(node.body) + _constant_strings(node.orelse)
    return []


def _raises_a_problem(call: ast.Call) -> bool:
    name = getattr(call.func, "id", getattr(call.func, "attr", "")) or ""
    return name.endswith(("Error", "Problem", "problem")) or name in _POSITIONAL_CODE


def _codes_in_use() -> dict[str, str]:
    """Every problem code written in the source, and where.

    Codes are the ``code`` of errors and problems: keyword or positional arguments of
    their constructors (and of helpers named ``*_problem``), defaults of ``code``
    parameters of error classes, and values assigned to a variable ``code`` that is then
    given to one.
    """
    found: dict[str, str] = {}
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            candidates: list[ast.AST | None] = []
            if isinstance(node, ast.Call) and _raises_a_problem(node):
                candidates += [k.value for k in node.keywords if k.arg == "code"]
                name = getattr(node.func, "id", getattr(node.func, "attr", None))
                index = _POSITIONAL_CODE.get(name or "")
                if index is not None and len(node.args) > index:
                    candidates.append(node.args[index])
            elif isinstance(node, ast.ClassDef) and node.name.endswith(("Error", "Problem")):
                for function in node.body:
                    if isinstance(function, ast.FunctionDef):
                        arguments = function.args.args + function.args.kwonlyargs
                        defaults: list[ast.expr | None] = [None] * (
                            len(function.args.args) - len(function.args.defaults)
                        )
                        defaults += list(function.args.defaults) + list(function.args.kw_defaults)
                        candidates += [
                            d for a, d in zip(arguments, defaults, strict=True) if a.arg == "code"
                        ]
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                candidates += _assigned_codes(node)
            for candidate in candidates:
                for code in _constant_strings(candidate):
                    found.setdefault(code, f"{path.relative_to(SRC)}:{getattr(node, 'lineno', 0)}")
    return found


def _assigned_codes(function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.AST | None]:
    """Values assigned to ``code`` in a function that passes ``code`` to an error."""
    passes_code = any(
        isinstance(call, ast.Call)
        and _raises_a_problem(call)
        and any(
            isinstance(a, ast.Name) and a.id == "code"
            for a in (*call.args, *(k.value for k in call.keywords))
        )
        for call in ast.walk(function)
    )
    if not passes_code:
        return []
    return [
        node.value
        for node in ast.walk(function)
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "code" for t in node.targets)
    ]


def test_the_scan_finds_the_codes_it_should() -> None:
    """The source scan sees keyword, positional, default and assigned codes."""
    codes = _codes_in_use()
    for code in ("duplicate-code", "out-of-range", "unknown-key", "invalid-json", "missing"):
        assert code in codes
    assert "invalid-value" in codes  # a parameter default


def test_every_code_in_use_has_a_vietnamese_message() -> None:
    """Each code raised anywhere in thidua has a Vietnamese and an English message."""
    missing = {code: where for code, where in _codes_in_use().items() if code not in CATALOGUE}
    assert missing == {}
    for code, entry in CATALOGUE.items():
        assert entry.vi.strip(), code
        assert entry.en.strip(), code
        assert entry.vi != entry.en, code


def test_detailed_templates_only_use_the_details_their_pattern_reads() -> None:
    """A Vietnamese template names only details its English template names, and comes with one."""
    for code, entry in CATALOGUE.items():
        assert (entry.en_detailed is None) == (entry.vi_detailed is None), code
        if entry.en_detailed is not None and entry.vi_detailed is not None:
            english = _template_names(entry.en_detailed)
            assert english, code
            assert _template_names(entry.vi_detailed) <= english, code
            entry.vi_detailed.format(**dict.fromkeys(english, "x"))


# ---------------------------------------------------------------------------------------
# Real problems from the library, in Vietnamese.


class Colour(enum.StrEnum):
    """A colour."""

    RED = "red"


@attrs.frozen(kw_only=True)
class Item:
    """An item."""

    code: str = attrs.field(validator=code_validator)


@attrs.frozen(kw_only=True)
class Sample:
    """A model with one field of each wire form."""

    name: str = attrs.field(converter=nfc, validator=non_blank)
    count: int = 0
    flag: bool = False
    amount: Decimal = Decimal(0)
    share: Fraction = Fraction(0)
    colour: Colour = Colour.RED
    items: tuple[Item, ...] = ()

    def __attrs_post_init__(self) -> None:
        unique_codes(self.items, "items")


def _problem(data: dict[str, Any]) -> Problem:
    with pytest.raises(StructureError) as info:
        serialization.structure({"name": "Hà Nội", **data}, Sample)
    (problem,) = info.value.problems
    return problem


@pytest.mark.parametrize(
    ("data", "code", "vietnamese"),
    [
        ({"count": "5"}, "wrong-type", "sai kiểu dữ liệu: cần một số nguyên, nhận được chuỗi"),
        ({"flag": 1}, "wrong-type", "sai kiểu dữ liệu: cần true hoặc false, nhận được số nguyên"),
        ({"items": {}}, "wrong-type", "sai kiểu dữ liệu: cần một mảng, nhận được đối tượng"),
        ({"items": [[]]}, "wrong-type", "sai kiểu dữ liệu: cần một đối tượng, nhận được mảng"),
        (
            {"amount": True},
            "wrong-type",
            (
                'sai kiểu dữ liệu: cần một số thập phân viết trong chuỗi, như "9.98",'
                " nhận được giá trị đúng/sai"
            ),
        ),
        ({"count": 10**16}, "out-of-range", f"số nguyên {10**16} vượt quá phạm vi hỗ trợ (±10^15)"),
        (
            {"amount": "1,5"},
            "invalid-decimal",
            (
                "'1,5' không phải số thập phân: viết chữ số, có thể có dấu '-' ở đầu và phần"
                " thập phân sau dấu '.', như \"9.98\" (tối đa 18 chữ số phần nguyên và 12 chữ"
                " số phần thập phân)"
            ),
        ),
        (
            {"amount": 9.98},
            "unquoted-decimal",
            'số 9.98 có phần thập phân: hãy viết trong dấu ngoặc kép, như "9.98", để giữ chính xác',
        ),
        ({"share": "x"}, "invalid-fraction", "cần một phân số như \"2/3\", nhận được chuỗi 'x'"),
        (
            {"colour": "blue"},
            "unknown-value",
            "giá trị không hợp lệ: cần một trong 'red', nhận được chuỗi 'blue'",
        ),
        ({"name": " "}, "empty", "không được để trống"),
        ({"zz": 1}, "unknown-key", "khóa không có trong định dạng"),
        (
            {"items": [{"code": "a b"}]},
            "invalid-code",
            (
                "'a b' không phải mã hợp lệ: dùng 1 đến 64 chữ cái ASCII, chữ số, '_', '.'"
                " hoặc '-', bắt đầu bằng chữ cái hoặc chữ số"
            ),
        ),
        ({"items": [{}]}, "missing", "thiếu trường bắt buộc"),
        (
            {"items": [{"code": "A"}, {"code": "A"}]},
            "duplicate-code",
            "mã 'A' bị trùng (lần đầu ở items[0])",
        ),
    ],
)
def test_problems_read_in_vietnamese(data: dict[str, Any], code: str, vietnamese: str) -> None:
    """A real problem from the converter reads in Vietnamese with its details."""
    problem = _problem(data)
    assert problem.code == code
    assert localise(problem, "vi") == vietnamese
    assert localise(problem, "en") == problem.message


def test_an_untranslatable_detail_falls_back_to_the_general_message() -> None:
    """Details that cannot be put in Vietnamese give the code's general message instead."""
    with pytest.raises(InvalidModelError) as info:
        Sample(name=5)
    assert info.value.code == "wrong-type"
    assert localise(info.value, "vi") == "sai kiểu dữ liệu"
    odd = Problem("expected something else, got string", path="$", code="wrong-type")
    assert localise(odd, "vi") == "sai kiểu dữ liệu"
    unmatched = Problem("a message of another shape", path="$", code="duplicate-code")
    assert localise(unmatched, "vi") == "mã bị trùng"


def test_unknown_codes_keep_their_english_message() -> None:
    """A code the catalogue does not know keeps the English message rather than lose it."""
    problem = Problem("something new", path="$", code="brand-new-code")
    assert localise(problem, "vi") == "something new"


def test_message_for_gives_the_general_message() -> None:
    """General messages by code, in both languages; unknown codes are a KeyError."""
    assert message_for("unknown-key", "vi") == "khóa không có trong định dạng"
    assert message_for("unknown-key") == "unknown key"
    with pytest.raises(KeyError):
        message_for("brand-new-code", "vi")


@pytest.fixture
def toy_kind(monkeypatch: pytest.MonkeyPatch) -> None:
    """Register a document kind held by :class:`Sample`."""
    monkeypatch.setitem(_registry._KINDS, "sample", f"{Sample.__module__}:Sample")


@pytest.mark.usefixtures("toy_kind")
@pytest.mark.parametrize(
    ("document", "vietnamese"),
    [
        (
            {"kind": "sample", "schema_version": "9.0", "name": "A"},
            (
                "phiên bản lược đồ 9.0 mới hơn phiên bản thidua này đọc được (1.1);"
                " hãy nâng cấp thidua"
            ),
        ),
        (
            {"kind": "sample", "schema_version": "0.9", "name": "A"},
            "phiên bản lược đồ 0.9 cũ hơn 1.1; hãy chạy 'thidua migrate'",
        ),
        (
            {"kind": "sample", "schema_version": "one", "name": "A"},
            'phiên bản lược đồ không hợp lệ: cần dạng MAJOR.MINOR, như "1.0"',
        ),
        (
            {"kind": "zz", "schema_version": "1.0"},
            "loại 'zz' không xác định: cần một trong ",
        ),
    ],
)
def test_document_problems_read_in_vietnamese(document: dict[str, Any], vietnamese: str) -> None:
    """Envelope problems (versions, kinds) read in Vietnamese with their details."""
    with pytest.raises(StructureError) as info:
        serialization.loads(document)
    if vietnamese.startswith("loại"):
        vietnamese += ", ".join(repr(kind) for kind in _registry._KINDS)
    assert localise(info.value.problems[0], "vi") == vietnamese


@pytest.mark.usefixtures("toy_kind")
def test_wrong_kind_reads_in_vietnamese(monkeypatch: pytest.MonkeyPatch) -> None:
    """Asking for one kind and getting another names both, in Vietnamese."""
    monkeypatch.setitem(_registry._KINDS, "item", f"{Item.__module__}:Item")
    with pytest.raises(StructureError) as info:
        serialization.loads({"kind": "item", "schema_version": "1.0", "code": "A"}, Sample)
    assert localise(info.value.problems[0], "vi") == "cần tài liệu loại 'sample', nhận được 'item'"


def test_invalid_json_reads_in_vietnamese() -> None:
    """A document error has a code and a Vietnamese message."""
    with pytest.raises(DocumentError) as info:
        serialization.loads(b"{")
    assert localise(info.value, "vi") == "không phải JSON hợp lệ"


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({}, "en"),
        ({"LANG": "vi_VN.UTF-8"}, "vi"),
        ({"LANG": "VI"}, "vi"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LC_ALL": "vi_VN", "LANG": "en_US"}, "vi"),
        ({"LC_ALL": "", "LC_MESSAGES": "vi_VN", "LANG": "en_US"}, "vi"),
        ({"LC_ALL": "C.UTF-8", "LANG": "vi_VN"}, "en"),
    ],
)
def test_language_follows_the_locale(environ: dict[str, str], language: str) -> None:
    """LC_ALL, then LC_MESSAGES, then LANG decide; "vi…" means Vietnamese."""
    assert language_from_environment(environ) == language


# ---------------------------------------------------------------------------------------
# The command line.


@pytest.mark.parametrize(
    "case",
    [
        ({"LANG": "vi_VN.UTF-8"}, [], "không phải JSON hợp lệ"),
        ({"LANG": "en_US.UTF-8"}, [], "not valid JSON"),
        ({"LANG": "en_US.UTF-8"}, ["--lang", "vi"], "không phải JSON hợp lệ"),
        ({"LC_ALL": "vi_VN.UTF-8"}, ["--lang", "en"], "not valid JSON"),
    ],
)
def test_command_line_follows_the_locale_and_the_flag(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    case: tuple[dict[str, str], list[str], str],
) -> None:
    """The locale picks the language of messages; --lang overrides it."""
    environ, argv, expected = case
    bad_file = tmp_path / "bad.json"
    bad_file.write_bytes(b"{")
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    assert main([*argv, "validate", str(bad_file)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{bad_file}: $: {expected}")


@pytest.mark.usefixtures("toy_kind")
def test_validate_prints_problems_in_vietnamese(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Each problem line of `thidua validate` carries its path and the Vietnamese message."""
    path = tmp_path / "sample.json"
    path.write_text('{"kind": "sample", "schema_version": "1.0", "name": "A", "count": "5"}')
    assert main(["--lang", "vi", "validate", str(path)]) == 1
    expected = f"{path}: $.count: sai kiểu dữ liệu: cần một số nguyên, nhận được chuỗi\n"
    assert capsys.readouterr().out == expected


def test_an_unknown_language_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """Only vi and en are offered."""
    assert main(["--lang", "fr", "validate", "x.json"]) == 2
    assert "invalid choice" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("make", "vietnamese"),
    [
        (
            lambda: Period(
                start=dt.date(2020, 1, 1), end=dt.date(2019, 1, 1), kind=PeriodKind.CUSTOM
            ),
            "khoảng thời gian kết thúc (2019-01-01) trước khi bắt đầu (2020-01-01)",
        ),
        (
            lambda: LegalReference(text="QĐ 1", year=99),
            "năm 99 nằm ngoài khoảng 1900–2100",
        ),
        (
            lambda: LegalReference(text="QĐ 1", number="x"),
            "'x' không phải số văn bản: viết 1 đến 6 chữ số, như '05' hoặc '1459'",
        ),
        (
            lambda: LegalReference(text="QĐ 1", doc_type="Q Đ"),
            "'Q Đ' không phải phần ký hiệu văn bản: viết chữ cái và chữ số, như 'QĐ' hoặc 'TTg'",
        ),
    ],
)
def test_model_problems_read_in_vietnamese(make: Callable[[], object], vietnamese: str) -> None:
    """Invariants of dated and legal models read in Vietnamese with their details."""
    with pytest.raises(InvalidModelError) as info:
        make()
    assert localise(info.value, "vi") == vietnamese


# ---------------------------------------------------------------------------------------
# Details as data, templates over them.


def _raised(make: Callable[[], object]) -> Any:
    """The problem (or error) that *make* raises: the first of a StructureError's."""
    try:
        make()
    except StructureError as exc:
        return exc.problems[0]
    except (InvalidModelError, NumberFormatError, UnknownCodeError) as exc:
        return exc
    raise AssertionError("nothing raised")


def _loads_sample(document: dict[str, Any]) -> Callable[[], object]:
    return lambda: serialization.loads(document)


#: One real raise site for every code whose catalogue entry has templates.
@attrs.frozen(kw_only=True)
class Named:
    """Something with a name, for the duplicate-name case."""

    name: str


_DETAILED_CASES: list[tuple[str, Callable[[], object]]] = [
    ("wrong-type", lambda: serialization.structure({"name": "A", "count": "5"}, Sample)),
    ("wrong-type", lambda: serialization.loads(b"[1, 2]")),
    ("out-of-range", lambda: serialization.structure({"name": "A", "count": 10**16}, Sample)),
    ("date-out-of-range", lambda: Period.school_year(9999)),
    ("invalid-decimal", lambda: serialization.structure({"name": "A", "amount": "1,5"}, Sample)),
    ("unquoted-decimal", lambda: serialization.structure({"name": "A", "amount": 9.98}, Sample)),
    ("invalid-fraction", lambda: serialization.structure({"name": "A", "share": "x"}, Sample)),
    ("unknown-value", lambda: serialization.structure({"name": "A", "colour": "blue"}, Sample)),
    ("unknown-tag", _loads_sample({"kind": "zz", "schema_version": "1.0"})),
    ("unknown-tag", _loads_sample({"kind": 1, "schema_version": "1.0"})),
    ("newer-version", _loads_sample({"kind": "sample", "schema_version": "9.0", "name": "A"})),
    ("older-version", _loads_sample({"kind": "sample", "schema_version": "0.9", "name": "A"})),
    (
        "wrong-kind",
        lambda: serialization.loads({"kind": "item", "schema_version": "1.0", "code": "A"}, Sample),
    ),
    (
        "invalid-code",
        lambda: serialization.structure({"name": "A", "items": [{"code": "a b"}]}, Sample),
    ),
    (
        "duplicate-code",
        lambda: serialization.structure(
            {"name": "A", "items": [{"code": "A"}, {"code": "A"}]}, Sample
        ),
    ),
    (
        "duplicate-name",
        lambda: unique_names([Named(name="Cụm Đà Nẵng"), Named(name="cụm Ðà nẵng")], "groups"),
    ),
    ("unreadable-number", lambda: parse_number("mười", NumberConvention.VIETNAMESE)),
    ("unreadable-number", lambda: parse_number("1,000.5", NumberConvention.VIETNAMESE)),
    ("too-many-digits", lambda: parse_number("1" * 20, NumberConvention.INTERNATIONAL)),
    ("invalid-number", lambda: LegalReference(text="QĐ 1", number="x")),
    ("invalid-year", lambda: LegalReference(text="QĐ 1", year=99)),
    ("invalid-symbol", lambda: LegalReference(text="QĐ 1", doc_type="Q Đ")),
    (
        "end-before-start",
        lambda: Period(start=dt.date(2020, 1, 1), end=dt.date(2019, 1, 1), kind=PeriodKind.CUSTOM),
    ),
    ("wrong-scheme", lambda: _score_other_scheme()),  # noqa: PLW0108 - defined below
    ("no-name", lambda: summary_table(cluster1_review(), {})),
]


def _score_other_scheme() -> None:
    """Score a sheet naming scheme "KHAC" against scheme "BD"."""
    criterion = scoring.Criterion(
        code="A", label="A", max_points=Decimal(1), method=scoring.ManualPoints()
    )
    scheme = scoring.Scheme(
        code="BD",
        label="Bảng điểm",
        first_year=2019,
        scale=Decimal(1),
        criteria=(criterion,),
        combination=scoring.Combination(layers=scoring.LayerRule.LAST),
    )
    unit = scoring.SheetUnit(code="HN", name="Sở Hà Nội")
    points = scoring.PointsInput(points=Decimal(1))
    assessment = scoring.Assessment(unit="HN", item="A", layer=scoring.Layer.SELF, input=points)
    sheet = scoring.ScoringSheet(year=2019, scheme="KHAC", units=(unit,), assessments=(assessment,))
    scoring.score(scheme, sheet)


@pytest.fixture
def toy_kinds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Register document kinds held by :class:`Sample` and :class:`Item`."""
    monkeypatch.setitem(_registry._KINDS, "sample", f"{Sample.__module__}:Sample")
    monkeypatch.setitem(_registry._KINDS, "item", f"{Item.__module__}:Item")


def test_every_code_with_templates_has_a_raise_site_here() -> None:
    """The cases below cover every code whose entry has templates."""
    detailed = {code for code, entry in CATALOGUE.items() if entry.en_detailed is not None}
    assert {code for code, _ in _DETAILED_CASES} == detailed


@pytest.mark.usefixtures("toy_kinds")
@pytest.mark.parametrize(("code", "make"), _DETAILED_CASES)
def test_the_english_template_gives_the_raised_message(
    code: str, make: Callable[[], object]
) -> None:
    """The English template, filled with the details raised, is the English message raised.

    So the message written at the raise site and the catalogue's templates cannot drift;
    and the Vietnamese template is filled from the same details.
    """
    problem = _raised(make)
    assert problem.code == code
    entry = CATALOGUE[code]
    assert entry.en_detailed is not None
    assert entry.vi_detailed is not None
    assert fill(entry.en_detailed, problem.details, "en") == problem.message
    vietnamese = fill(entry.vi_detailed, problem.details, "vi")
    assert vietnamese is not None
    assert localise(problem, "vi") == vietnamese


def test_details_are_data() -> None:
    """Each problem carries the values its message speaks of, as plain values."""
    problem = _problem({"colour": "blue"})
    assert problem.details == {"choices": ("red",), "got": "string", "value": "blue"}
    assert problem.details["got"] == "string"
    assert _problem({"count": 10**16}).details["value"] == 10**16
    assert _problem({"items": [{"code": "A"}, {"code": "A"}]}).details == {
        "value": "A",
        "first": "items[0]",
    }
    with pytest.raises(InvalidModelError) as info:
        LegalReference(text="QĐ 1", year=99)
    assert info.value.details == {"value": 99, "low": 1900, "high": 2100}
    with pytest.raises(NumberFormatError) as number:
        parse_number("mười", NumberConvention.VIETNAMESE)
    assert number.value.details["convention"] == "vietnamese"


def test_a_container_value_is_left_out_of_the_details() -> None:
    """An array or object given for a plain value is not a detail: the general message."""
    problem = _problem({"colour": [1]})
    assert "value" not in problem.details
    assert localise(problem, "vi") == "giá trị không thuộc các giá trị cho phép"


def test_vietnamese_is_built_from_the_details_not_the_message() -> None:
    """The English message is never read: the details alone decide the Vietnamese."""
    problem = Problem(
        "anything at all",
        path="$.count",
        code="wrong-type",
        details={"expected": "integer", "got": "string"},
    )
    assert localise(problem, "vi") == "sai kiểu dữ liệu: cần một số nguyên, nhận được chuỗi"
    assert localise(problem, "en") == "anything at all"
    missing = Problem("expected an integer, got string", path="$", code="wrong-type")
    assert localise(missing, "vi") == "sai kiểu dữ liệu"
    unknown_word = Problem(
        "x", path="$", code="wrong-type", details={"expected": "integer", "got": "tuple"}
    )
    assert localise(unknown_word, "vi") == "sai kiểu dữ liệu"


def test_the_catalogue_reads_no_message_with_a_regular_expression() -> None:
    """The messages module does not import ``re``; the errors module not the catalogue."""
    messages = ast.parse((SRC / "_base" / "messages.py").read_text(encoding="utf-8"))
    imported = {
        alias.name
        for node in ast.walk(messages)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    assert "re" not in imported
    errors_tree = ast.parse((SRC / "errors.py").read_text(encoding="utf-8"))
    for node in ast.walk(errors_tree):
        if isinstance(node, ast.ImportFrom):
            assert not (node.module or "").startswith("thidua"), node.module
        if isinstance(node, ast.Import):
            assert all(not alias.name.startswith("thidua") for alias in node.names)
    # No import inside a function of errors.py (nothing to dodge).
    for function in ast.walk(errors_tree):
        if isinstance(function, ast.FunctionDef):
            assert not any(
                isinstance(n, ast.Import | ast.ImportFrom) for n in ast.walk(function)
            ), function.name


def test_details_pickle_compare_and_hash() -> None:
    """Details are immutable: they pickle, compare and hash, as the problems holding them."""
    details = Details(got="string", choices=["a", "b"])
    assert details == {"got": "string", "choices": ("a", "b")}
    assert pickle.loads(pickle.dumps(details)) == details  # noqa: S301 - our own data
    assert hash(details) == hash(Details({"choices": ("a", "b"), "got": "string"}))
    problem = Problem("m", path="$", code="wrong-type", details=details)
    assert pickle.loads(pickle.dumps(problem)) == problem  # noqa: S301 - our own data
    assert {problem} == {Problem("m", path="$", code="wrong-type", details=dict(details))}
    error = InvalidModelError("m", path="a", code="invalid-year", details={"value": 1})
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own data
    assert (copy.path, copy.code, copy.details) == ("a", "invalid-year", {"value": 1})
    with pytest.raises(TypeError):
        Details(value={"a": 1})
