"""Mutations of valid documents and the fuzz target, shared by the tests and ``fuzz/run.py``.

The target feeds bytes to every loader and to the command line's file readers; the only
exceptions allowed to escape a loader are thidua's own. A document that loads must dump
back to the same canonical bytes and verify without error.
"""

from __future__ import annotations

import contextlib
import io
import random
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import orjson

from thidua import (
    LegalReference,
    NumberConvention,
    ThiduaError,
    find_references,
    parse_date,
    parse_datetime,
    parse_number,
    parse_period,
    read_table,
    scheme_from_table_csv,
    scheme_from_table_xlsx,
    sheet_from_csv,
    sheet_from_xlsx,
    verify,
    withhold_personal_data,
)
from thidua.cli import main
from thidua.examples import cluster1_scoring
from thidua.serialization import document_kinds, dumps, loads
from thidua.serialization.stream import ScoringStream, read_results, write_stream

#: JSON values that have broken parsers and converters elsewhere.
EDGE_VALUES: Final[tuple[Any, ...]] = (
    None, True, False, 0, -1, 1, 10**15, -(10**15), 2**63, 1.5, -0.0, 1e308,
    "", " ", "0", "-0", "-0.00", "9.980", "1e3", "NaN", "Infinity", "1/0", "2/3", "-1/3",
    "2020-02-30", "2020-12-15", "2019-12-14T09:14:00+07:00", "\u0000", "\u202e", "e\u0301",
    "\U0001f600", "x" * 300, [], {}, [None], {"kind": "toy-sheet"}, [[[[]]]],
)  # fmt: skip
#: Raw JSON text that no Python value writes.
EDGE_TEXTS: Final[tuple[bytes, ...]] = (
    b"NaN", b"Infinity", b"-Infinity", b"1e400", b"-0", b"1" + b"0" * 40, b'"\\ud800"',
    b'"\\udc00x"', b'"\\u0000"', b"[" * 80 + b"]" * 80, b"[" * 1100 + b"]" * 1100,
)  # fmt: skip


def byte_mutation(data: bytes, rng: random.Random) -> bytes:
    """Flip, delete, insert or repeat a few bytes."""
    if not data:
        return bytes([rng.randrange(256)])
    position = rng.randrange(len(data))
    choice = rng.randrange(5)
    if choice == 0:
        flipped = data[position] ^ (1 << rng.randrange(8))
        return data[:position] + bytes([flipped]) + data[position + 1 :]
    if choice == 1:
        return data[:position] + data[position + rng.randrange(1, 9) :]
    if choice == 2:
        token = rng.choice([b"{", b"}", b"[", b"]", b",", b":", b'"', b"\\", b"\xff", b"\xc3"])
        return data[:position] + token + data[position:]
    if choice == 3:
        end = min(len(data), position + rng.randrange(1, 64))
        return data[:end] + data[position:end] + data[end:]
    return data[:position]


def _containers(value: Any, found: list[Any]) -> list[Any]:
    if isinstance(value, dict | list):
        found.append(value)
        for child in value.values() if isinstance(value, dict) else value:
            _containers(child, found)
    return found


def json_mutation(data: bytes, rng: random.Random) -> bytes:
    """Change one place of the parsed document: replace, delete, add, retype or splice.

    Falls back to a byte mutation when *data* is not JSON, or when the mutant nests too
    deep for orjson to write (it stops at 255 levels).
    """
    try:
        return _json_mutation(orjson.loads(data), rng)
    except (orjson.JSONDecodeError, orjson.JSONEncodeError):
        return byte_mutation(data, rng)


def _json_mutation(tree: Any, rng: random.Random) -> bytes:
    containers = _containers(tree, [])
    if not containers:
        return orjson.dumps(rng.choice(EDGE_VALUES))
    node = rng.choice(containers)
    keys: list[Any] = list(node) if isinstance(node, dict) else list(range(len(node)))
    choice = rng.randrange(6)
    if choice == 5 or not keys:
        marker = "\U0010fffd-fuzz"
        _put(node, keys, rng, marker)
        return orjson.dumps(tree).replace(orjson.dumps(marker), rng.choice(EDGE_TEXTS), 1)
    key = rng.choice(keys)
    if choice == 0:
        node[key] = rng.choice(EDGE_VALUES)
    elif choice == 1:
        del node[key]
    elif choice == 2:
        _put(node, keys, rng, node[key])
    elif choice == 3:
        node[key] = [node[key]] if rng.random() < 0.5 else str(node[key])
    else:  # a copy of another part of the document (a copy, so no cycle)
        node[key] = orjson.loads(orjson.dumps(rng.choice(containers)))
    return orjson.dumps(tree)


def _put(node: Any, keys: list[Any], rng: random.Random, value: Any) -> None:
    if isinstance(node, dict):
        node[rng.choice([*keys, "extra", "kind", "schema_version", ""]) if keys else "x"] = value
    else:
        node.insert(rng.randrange(len(node) + 1), value)


MUTATIONS: Final[tuple[Callable[[bytes, random.Random], bytes], ...]] = (
    byte_mutation,
    json_mutation,
    lambda data, rng: zip_mutation(data, rng) if data.startswith(b"PK") else data,
)


def mutate(data: bytes, rng: random.Random, rounds: int = 1) -> bytes:
    """Apply *rounds* random mutations to *data*."""
    for _ in range(rounds):
        data = rng.choice(MUTATIONS)(data, rng)
    return data


def check_loaders(data: bytes) -> object | None:
    """Load *data* with every loader; return the document, or None if refused.

    Raises:
        AssertionError: a loaded document does not round-trip or does not verify.
        Exception: anything that is not a :class:`ThiduaError` escaped a loader (a bug).
    """
    try:
        parsed = orjson.loads(data)
    except orjson.JSONDecodeError:
        parsed = None
    if isinstance(parsed, dict):
        with contextlib.suppress(ThiduaError):
            loads(parsed)  # already parsed data takes the same checks
    try:
        document: object = loads(data)
    except ThiduaError as exc:
        if not (getattr(exc, "path", None) or getattr(exc, "problems", None)):
            msg = f"a thidua error from a loader without a path: {exc!r}"
            raise AssertionError(msg) from exc
        return None
    for cls in document_kinds().values():
        if cls is type(document):
            assert loads(data, cls) == document
    canonical = dumps(document)
    again: object = loads(canonical)
    assert again == document
    assert dumps(again) == canonical
    assert verify(document).digest.startswith("sha256:")
    withhold_personal_data(document)
    return document


def check_command_line(data: bytes, directory: Path) -> None:
    """Run ``thidua validate`` and ``thidua verify`` on *data* written to a file."""
    path = directory / "input.json"
    path.write_bytes(data)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        codes = (main(["validate", str(path)]), main(["verify", str(path)]))
    assert codes[0] in (0, 1), codes
    assert codes[1] in (0, 1, 3), codes  # 3: no seal to check


def check_stream(data: bytes) -> None:
    """Read *data* as a scoring stream and as a results file, line by line.

    Raises:
        Exception: anything but a :class:`ThiduaError` escaped the reader (a bug).
    """
    lines = data.splitlines(keepends=True)
    with contextlib.suppress(ThiduaError):
        for _ in ScoringStream(lines).groups():
            pass
    with contextlib.suppress(ThiduaError):
        for _ in read_results(lines):
            pass


#: Characters of an input given to the text parsers (they read names and dates, not files).
_PARSER_TEXT: Final = 4096


def check_parsers(data: bytes) -> None:
    """Give *data*, as text, to every text parser: dates, periods, numbers, references.

    Raises:
        Exception: anything but a :class:`ThiduaError` escaped a parser (a bug).
    """
    text = data[:_PARSER_TEXT].decode("utf-8", errors="replace")
    for parse in (parse_date, parse_datetime, parse_period, LegalReference.parse):
        with contextlib.suppress(ThiduaError):
            parse(text)
    with contextlib.suppress(ThiduaError):
        LegalReference.parse(text, strict=True)
    for convention in NumberConvention:
        with contextlib.suppress(ThiduaError):
            parse_number(text, convention)
    with contextlib.suppress(ThiduaError):
        find_references(text)


#: Text the parsers read: dates, times, periods, numbers and references as documents write them.
PARSER_SEEDS: Final = (
    "ngày 14 tháng 12 năm 2019",
    "Thứ Bảy, 14/12/2019 09:14",
    "năm học 2021 – 2022",
    "năm 2019 – 2020",
    "1.000,5",
    "1,000.5",
    (
        "Căn cứ Quyết định số 1459/QĐ-BTTTT ngày 09/9/2019 của Bộ Thông tin và Truyền thông;"
        " Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị"
    ),
    "Luật Thi đua, khen thưởng số 06/2022/QH15",
)


def text_seeds() -> list[bytes]:
    """The parsers' seeds and a scoring stream, as bytes."""
    out = io.BytesIO()
    scoring = cluster1_scoring()
    write_stream(out, scoring.schemes, [("CUM-1", scoring.sheets[0])])
    return [*(text.encode() for text in PARSER_SEEDS), out.getvalue()]


_WORKDIR: list[Path] = []


def check(data: bytes, *, every: int = 16) -> None:
    """The fuzz target: every loader, the stream readers and the text parsers on *data*,
    and the command line on one input in *every*.

    The spreadsheet importers see every archive and one other input in four; the DOCX
    table importer sees every archive.

    The command line is slower (a file and an argument parser a run), so it sees a
    deterministic share of the inputs, chosen by a checksum of the bytes.
    """
    check_loaders(data)
    check_stream(data)
    check_parsers(data)
    if data.startswith(b"PK") or zlib.crc32(data) % 4 == 0:
        check_spreadsheet(data)
    if data.startswith(b"PK"):
        check_docx_table(data)
    if zlib.crc32(data) % every == 0:
        if not _WORKDIR:
            _WORKDIR.append(Path(tempfile.mkdtemp(prefix="thidua-fuzz-")))
        check_command_line(data, _WORKDIR[0])


# ---------------------------------------------------------------------------------------
# Spreadsheets: CSV text and XLSX archives given to the importers.

_TABLE_CSV: Final = (
    "STT;Nội dung;Điểm chuẩn;Căn cứ\n"
    "I;Công tác chỉ đạo;200;\n1;Kế hoạch;9,98;Luật 2022\n1.1;Báo cáo;5;\n"
    "II;Chuyên môn;800;\n1;Kết quả;800;\n;Tổng cộng;1.000;\n"
)


def spreadsheet_seeds() -> list[bytes]:
    """A points table as CSV (with a BOM and ';') and as an XLSX workbook, and a score sheet."""
    import openpyxl  # noqa: PLC0415 - the xlsx extra, only for the fuzz seeds

    book = openpyxl.Workbook()
    page = book.active
    assert page is not None
    for line in _TABLE_CSV.splitlines():
        page.append([float(c) if c == "200" else c for c in line.split(";")])
    out = io.BytesIO()
    book.save(out)
    return [("\ufeff" + _TABLE_CSV).encode(), out.getvalue()]


def check_spreadsheet(data: bytes) -> None:
    """Give *data* to the table and score-sheet importers, as CSV text and as a workbook.

    Raises:
        Exception: anything but a :class:`ThiduaError` escaped an importer (a bug).
    """
    options: dict[str, Any] = {
        "code": "S",
        "label": "S",
        "first_year": 2020,
        "scale": Decimal(1000),
        "convention": NumberConvention.VIETNAMESE,
    }
    sheet_options: dict[str, Any] = {
        "year": 2020,
        "scheme": "S",
        "convention": NumberConvention.VIETNAMESE,
    }
    text = data.decode("utf-8", errors="replace")
    with contextlib.suppress(ThiduaError):
        scheme_from_table_csv(text, **options)
    with contextlib.suppress(ThiduaError):
        sheet_from_csv(text, **sheet_options)
    if data.startswith(b"PK"):
        with contextlib.suppress(ThiduaError):
            scheme_from_table_xlsx(data, **options)
        with contextlib.suppress(ThiduaError):
            sheet_from_xlsx(data, **sheet_options)


def docx_seeds() -> list[bytes]:
    """Three Word documents with a points table: plain, with merged cells, after a title."""
    import docx  # noqa: PLC0415 - the docx extra, only for the fuzz seeds

    lines = [line.split(";")[:3] for line in _TABLE_CSV.splitlines()]
    seeds = []
    for kind in ("plain", "merged", "titled"):
        document = docx.Document()
        if kind == "titled":
            document.add_paragraph("BẢNG ĐIỂM THI ĐUA NĂM 2020")
        rows = lines if kind != "merged" else [*lines[:3], ["", "năm", ""], *lines[4:]]
        table = document.add_table(rows=len(rows), cols=3)
        for cells, texts in zip(table.rows, rows, strict=True):
            for cell, text in zip(cells.cells, texts, strict=True):
                cell.text = text
        if kind == "merged":
            table.cell(2, 0).merge(table.cell(3, 0))  # a number over a label's two rows
        out = io.BytesIO()
        document.save(out)
        seeds.append(out.getvalue())
    return seeds


def check_docx_table(data: bytes) -> None:
    """Give *data* to the table importer as a Word document.

    Raises:
        Exception: anything but a :class:`ThiduaError` escaped the importer (a bug).
    """
    with contextlib.suppress(ThiduaError):
        read_table(
            data,
            table_format="docx",
            code="S",
            label="S",
            first_year=2020,
            scale=Decimal(1000),
            convention=NumberConvention.VIETNAMESE,
        )


def zip_mutation(data: bytes, rng: random.Random) -> bytes:
    """Mutate one part of a ZIP archive and write it back as a valid archive."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = [(info.filename, archive.read(info)) for info in archive.infolist()]
    except (
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        ValueError,
        EOFError,
        KeyError,
        NotImplementedError,
    ):
        return byte_mutation(data, rng)
    if not parts:
        return data
    index = rng.randrange(len(parts))
    name, content = parts[index]
    parts[index] = (name, byte_mutation(content, rng))
    if rng.random() < 0.2:
        del parts[rng.randrange(len(parts))]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for part, body in parts:
            target.writestr(part, body)
    return out.getvalue()
