"""A short fuzzing pass on every run: mutated documents give only thidua's errors.

The long, coverage-guided run is ``nox -s fuzz`` (see docs/reliability.md).
"""

from __future__ import annotations

import io
import random
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzzing import (
    EDGE_TEXTS,
    byte_mutation,
    check,
    check_command_line,
    check_docx_table,
    check_loaders,
    check_parsers,
    check_spreadsheet,
    check_stream,
    docx_seeds,
    json_mutation,
    mutate,
    spreadsheet_seeds,
    text_seeds,
    zip_mutation,
)
from thidua import (
    NumberConvention,
    TableImport,
    XlsxLimits,
    read_table,
    verify,
)
from thidua.errors import SpreadsheetError
from thidua.serialization import dumps, loads
from toys import sample_sheet, seed_documents, toy_kinds

with toy_kinds():
    SEEDS = seed_documents()
    SHEET = dumps(sample_sheet())


@pytest.fixture(autouse=True, scope="module")
def _kinds() -> Iterator[None]:
    with toy_kinds():
        yield


@pytest.mark.parametrize("seed", SEEDS, ids=range(len(SEEDS)))
def test_untouched_seeds_load_round_trip_and_verify(seed: bytes) -> None:
    """Every golden document loads, dumps back to its own bytes and verifies."""
    document = check_loaders(seed)
    assert document is not None
    assert seed.rstrip(b"\n") in (dumps(document), dumps(document, indent=True))
    assert verify(document).ok


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SEEDS), st.randoms(use_true_random=False), st.integers(1, 4))
def test_mutated_documents_give_only_thidua_errors(
    seed: bytes, rng: random.Random, rounds: int
) -> None:
    """Byte and JSON mutations of valid documents never escape as anything but ThiduaError."""
    check_loaders(mutate(seed, rng, rounds))


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(SEEDS), st.randoms(use_true_random=False))
def test_command_line_readers_survive_mutations(seed: bytes, rng: random.Random) -> None:
    """validate and verify exit 0 or 1 on mutated files, never crash."""
    check(mutate(seed, rng, 2), every=1)


@pytest.mark.parametrize("text", EDGE_TEXTS)
def test_edge_texts_are_refused_cleanly(text: bytes) -> None:
    """Each raw edge text, as a whole document or spliced in, gives a thidua error."""
    assert check_loaders(text) is None
    spliced = SHEET.replace(b'"year":2020', b'"year":' + text)
    document = check_loaders(spliced)
    if text == b"-0":  # the JSON integer -0 is the integer 0
        assert getattr(document, "year", None) == 0
    else:
        assert document is None


def test_mutations_are_deterministic_and_change_the_input() -> None:
    """The same seed gives the same mutant; mutants differ from their seed."""
    seed = SEEDS[0]
    first = [mutate(seed, random.Random(n), 3) for n in range(50)]
    assert first == [mutate(seed, random.Random(n), 3) for n in range(50)]
    assert sum(m != seed for m in first) >= 45


def test_every_mutation_kind_runs() -> None:
    """Each byte and JSON mutation branch is reached over a few hundred draws."""
    rng = random.Random(7)
    outputs = {byte_mutation(SEEDS[0], rng) for _ in range(200)}
    outputs |= {json_mutation(SEEDS[0], rng) for _ in range(200)}
    assert len(outputs) > 300
    assert byte_mutation(b"", rng) != b""
    assert json_mutation(b"{not json", rng) != b"{not json"
    assert json_mutation(b"{}", rng).startswith(b"{")


def test_mutants_that_load_are_kept_exactly() -> None:
    """Mutants that still load round-trip to canonical bytes equal to a reload."""
    loaded = 0
    for n in range(300):
        data = mutate(SEEDS[n % len(SEEDS)], random.Random(n), 1)
        document = check_loaders(data)
        if document is not None:
            loaded += 1
            assert loads(dumps(document)) == document
    assert loaded > 10


def test_check_command_line_writes_one_input_file() -> None:
    """The command-line target writes its input to one file in the directory given."""
    with tempfile.TemporaryDirectory() as directory:
        check_command_line(SEEDS[0], Path(directory))
        assert [p.name for p in Path(directory).iterdir()] == ["input.json"]
        assert (Path(directory) / "input.json").read_bytes() == SEEDS[0]


def test_json_mutation_of_a_deep_document_falls_back_to_bytes() -> None:
    """A mutant too deep for orjson to write is replaced by a byte mutation."""
    deep = b"[" * 255 + b"]" * 255
    for n in range(30):
        mutant = json_mutation(deep, random.Random(n))
        assert isinstance(mutant, bytes)
        assert mutant != deep


SPREADSHEETS = spreadsheet_seeds()


@pytest.mark.parametrize("seed", SPREADSHEETS, ids=["csv", "xlsx"])
def test_spreadsheet_seeds_import(seed: bytes) -> None:
    """The untouched CSV table (BOM, ';') and workbook import cleanly."""
    check_spreadsheet(seed)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SPREADSHEETS), st.randoms(use_true_random=False), st.integers(1, 3))
def test_mutated_spreadsheets_give_only_thidua_errors(
    seed: bytes, rng: random.Random, rounds: int
) -> None:
    """Mutated CSV tables and workbooks (parts changed or missing) give only ThiduaError."""
    data = seed
    for _ in range(rounds):
        data = zip_mutation(data, rng) if data.startswith(b"PK") else byte_mutation(data, rng)
    check_spreadsheet(data)


DOCX_SEEDS = docx_seeds()


def _read_docx(data: bytes) -> TableImport:
    return read_table(
        data,
        table_format="docx",
        code="S",
        label="S",
        first_year=2020,
        scale=Decimal(1000),
        convention=NumberConvention.VIETNAMESE,
    )


@pytest.mark.parametrize(
    ("seed", "leaves", "maximum"),
    [
        (DOCX_SEEDS[0], ["I.1.1", "II.1"], 805),
        (DOCX_SEEDS[1], ["I.1", "II.1"], Fraction("809.98")),
        (DOCX_SEEDS[2], ["I.1.1", "II.1"], 805),
    ],
    ids=["plain", "merged", "titled"],
)
def test_docx_seeds_import(seed: bytes, leaves: list[str], maximum: Fraction) -> None:
    """The untouched Word tables import with their leaves and the sum of their maxima.

    In the merged table "Kế hoạch" and "năm" are one label over two rows (its number
    merged down), so item 1 is a leaf worth 9.98 rather than the section of 1.1.
    """
    scheme = _read_docx(seed).scheme
    assert [c.code for c in scheme.criteria] == ["I", "II"]
    assert [c.code for c in scheme.leaves()] == leaves
    assert scheme.maximum() == maximum


def _rezip(data: bytes, change: Callable[[str, bytes], bytes | None]) -> bytes:
    """*data* with each part changed by *change* (``None`` drops the part)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            part = change(info.filename, old.read(info))
            if part is not None:
                new.writestr(info, part)
    return out.getvalue()


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda n, b: None if n == "word/document.xml" else b, id="no-body"),
        pytest.param(lambda n, b: b[:-40] if n == "word/document.xml" else b, id="cut-xml"),
        pytest.param(lambda n, b: None if n == "[Content_Types].xml" else b, id="no-types"),
        pytest.param(lambda n, b: b"\x00" * 9 if n.endswith(".rels") else b, id="bad-rels"),
    ],
)
def test_broken_docx_is_unreadable_file(change: Callable[[str, bytes], bytes | None]) -> None:
    """A document python-docx cannot read is a SpreadsheetError coded unreadable-file."""
    with pytest.raises(SpreadsheetError) as caught:
        _read_docx(_rezip(DOCX_SEEDS[0], change))
    assert [p.code for p in caught.value.problems] == ["unreadable-file"]
    assert "DOCX" in str(caught.value)


def test_docx_that_is_no_archive_is_unreadable_file() -> None:
    with pytest.raises(SpreadsheetError) as caught:
        _read_docx(b"PK\x03\x04 not really a zip")
    assert [p.code for p in caught.value.problems] == ["unreadable-file"]
    assert "not a DOCX document" in str(caught.value)


def test_docx_expanding_beyond_the_limit_is_too_large() -> None:
    """A part that expands past the archive limit is refused before python-docx reads it."""
    huge = b" " * (XlsxLimits().max_uncompressed + 1)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(DOCX_SEEDS[0])) as old,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new,
    ):
        for info in old.infolist():
            new.writestr(info.filename, old.read(info))
        new.writestr("word/padding.xml", huge)
    with pytest.raises(SpreadsheetError) as caught:
        _read_docx(out.getvalue())
    assert [p.code for p in caught.value.problems] == ["too-large"]
    assert "the document expands to" in str(caught.value)


def test_mutated_docx_tables_give_only_thidua_errors() -> None:
    """Sixty Word documents, parts changed or missing: a value or a ThiduaError, never a crash."""
    rng = random.Random(15)
    for _ in range(60):
        data = rng.choice(DOCX_SEEDS)
        for _ in range(rng.randrange(1, 4)):
            data = zip_mutation(data, rng)
        check_docx_table(data)


TEXT_SEEDS = text_seeds()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(TEXT_SEEDS), st.randoms(use_true_random=False), st.integers(1, 4))
def test_mutated_streams_and_texts_give_only_thidua_errors(
    seed: bytes, rng: random.Random, rounds: int
) -> None:
    """The stream readers and the text parsers, on mutated lines and text: thidua's errors only."""
    data = mutate(seed, rng, rounds)
    check_stream(data)
    check_parsers(data)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_the_parsers_only_thidua_errors(text: str) -> None:
    """Any text at all, lone surrogates included."""
    check_parsers(text.encode("utf-8", errors="surrogatepass"))
