"""Results and sheets as Parquet, read back with DuckDB."""

from __future__ import annotations

from decimal import Decimal
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pyarrow")

import duckdb

from thidua.exchange._parquet import (
    write_results_parquet,
    write_sheets_parquet,
)
from thidua.scoring import Scoring, score_all
from thidua.serialization import loads
from thidua.serialization._compact import to_compact


def sql(query: str) -> Any:
    relation = duckdb.sql(query)
    assert relation is not None
    return relation


RAW = files("thidua.examples").joinpath("cluster1_2019_2020_scoring.json").read_bytes()


def test_results_read_back_with_duckdb(tmp_path: Path) -> None:
    scoring = loads(RAW, Scoring)
    results = score_all(scoring)
    path = tmp_path / "results.parquet"
    assert write_results_parquet(results, path) == 10
    rows = sql(f"select year, unit, total, rank from '{path}' order by year, rank, unit").fetchall()
    expected = [
        (year.year, unit.unit, unit.total, unit.rank)
        for year in results.years
        for unit in sorted(year.units, key=lambda u: (u.rank, u.unit))
    ]
    assert rows == expected
    assert rows[0] == (2019, "HN", Decimal("107.13"), 1)
    totals = sql(f"select year, sum(total) from '{path}' group by year order by year")
    assert totals.fetchall() == [
        (year.year, sum((u.total for u in year.units), Decimal(0))) for year in results.years
    ]
    sections = sql(
        f"select s.section, s.points from (select unnest(subtotals) as s from '{path}'"
        " where unit = 'HN' and year = 2019)"
    ).fetchall()
    first = results.years[0].units[0]
    assert first.unit == "HN"
    assert sections == [(s.section, s.points) for s in first.subtotals]


def test_sheets_in_either_form_give_the_same_table(tmp_path: Path) -> None:
    scoring = loads(RAW, Scoring)
    rows_path, compact_path = tmp_path / "rows.parquet", tmp_path / "compact.parquet"
    count = sum(len(sheet.assessments) for sheet in scoring.sheets)
    assert write_sheets_parquet(scoring, rows_path) == count
    assert write_sheets_parquet(to_compact(scoring), compact_path) == count
    query = "select * from '{}' order by year, unit, item, layer, assessor"
    assert sql(query.format(rows_path)).fetchall() == sql(query.format(compact_path)).fetchall()
    shares = sql(
        f"select unit, value from '{rows_path}' where item = 'I.1' and layer = 'self'"
        " and year = 2019 order by unit"
    ).fetchall()
    assert shares[0] == ("CT", Decimal("85.0"))
    assert len(shares) == 5
