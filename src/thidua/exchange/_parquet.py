"""Results and sheets as Parquet files, for analysts (DuckDB, pandas, Spark read them as is).

Needs the optional ``parquet`` extra (``pip install thidua[parquet]``, pyarrow). Decimals
are written as Parquet decimals (exact, never floats) with as many places as the column's
values need; one row per unit and year for results, one row per score for sheets.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from thidua.scoring._assessment import Scoring, _expected_inputs
from thidua.scoring._compact import CompactScoring, assessment_of
from thidua.scoring._inputs import (
    AchievementInput,
    AwardsInput,
    ChoiceInput,
    CountInput,
    Input,
    PointsInput,
    ShareInput,
    TwoValuesInput,
    ValueInput,
    YesNoInput,
)
from thidua.scoring._result import Results
from thidua.serialization._compact import _row_order

__all__ = ["write_results_parquet", "write_sheets_parquet"]


def _places(values: Iterable[Decimal | None]) -> int:
    most = 0
    for value in values:
        if value is not None:
            exponent = value.as_tuple().exponent
            if isinstance(exponent, int) and -exponent > most:
                most = -exponent
    return most


def _decimal_column(values: list[Decimal | None]) -> Any:
    return pa.array(values, type=pa.decimal128(38, _places(values)))


def write_results_parquet(results: Results, path: Path | str) -> int:
    """Write one row per unit and year; return the number of rows.

    Columns: ``year``, ``scheme``, ``rank``, ``tied``, ``unit``, ``name``, ``total``,
    ``band``, ``classification``, ``base``, ``bonus_total``, ``penalty_total`` (exact
    decimals), ``knockouts`` and ``subtotals`` (a list of ``{section, points}``).
    """
    rows = [(year, unit) for year in results.years for unit in year.units]
    subtotal_places = _places(s.points for _, u in rows for s in u.subtotals)
    subtotal_type = pa.list_(
        pa.struct([("section", pa.string()), ("points", pa.decimal128(38, subtotal_places))])
    )
    table = pa.table(
        {
            "year": pa.array([y.year for y, _ in rows], type=pa.int32()),
            "scheme": pa.array([y.scheme for y, _ in rows], type=pa.string()),
            "rank": pa.array([u.rank for _, u in rows], type=pa.int32()),
            "tied": pa.array([u.tied for _, u in rows], type=pa.bool_()),
            "unit": pa.array([u.unit for _, u in rows], type=pa.string()),
            "name": pa.array([u.name for _, u in rows], type=pa.string()),
            "total": _decimal_column([u.total for _, u in rows]),
            "band": pa.array([u.band for _, u in rows], type=pa.string()),
            "classification": pa.array([u.classification for _, u in rows], type=pa.string()),
            "base": _decimal_column([u.base for _, u in rows]),
            "bonus_total": _decimal_column([u.bonus_total for _, u in rows]),
            "penalty_total": _decimal_column([u.penalty_total for _, u in rows]),
            "knockouts": pa.array([list(u.knockouts) for _, u in rows], type=pa.list_(pa.string())),
            "subtotals": pa.array(
                [
                    [{"section": s.section, "points": s.points} for s in u.subtotals]
                    for _, u in rows
                ],
                type=subtotal_type,
            ),
        }
    )
    pq.write_table(table, str(path))
    return len(rows)


def _numbers(value: Input) -> tuple[Decimal | None, Decimal | None, bool | None, list[str]]:
    """An input's first and second number, yes/no and codes (the long form's columns)."""
    if isinstance(value, PointsInput):
        return value.points, None, None, []
    if isinstance(value, ShareInput):
        return value.percent, None, None, []
    if isinstance(value, ValueInput):
        return value.value, None, None, []
    if isinstance(value, AchievementInput):
        return value.actual, value.target, None, []
    if isinstance(value, TwoValuesInput):
        return value.first, value.second, None, []
    if isinstance(value, YesNoInput):
        return None, Decimal(value.shortcomings), value.met, []
    if isinstance(value, CountInput):
        return Decimal(value.count), None, None, []
    if isinstance(value, ChoiceInput):
        return None, None, None, [] if value.option is None else [value.option]
    assert isinstance(value, AwardsInput)  # noqa: S101 - the input kinds
    return None, None, None, list(value.held)


def _records(scoring: Scoring | CompactScoring) -> Iterator[tuple[int, str, Any]]:
    if isinstance(scoring, Scoring):
        for sheet in scoring.sheets:
            for assessment in sheet.assessments:
                yield sheet.year, sheet.scheme, assessment
        return
    for compact in scoring.sheets:
        expected = _expected_inputs(scoring.scheme_for(compact))
        kinds = [expected[code][1] for code in compact.criteria]
        for row, index in _row_order(compact):
            yield compact.year, compact.scheme, assessment_of(compact, row, index, kinds[index])


def write_sheets_parquet(scoring: Scoring | CompactScoring, path: Path | str) -> int:
    """Write one row per score (either sheet form); return the number of rows.

    Columns: ``year``, ``scheme``, ``unit``, ``item``, ``layer``, ``assessor``, ``date``,
    ``kind`` (the input's kind), ``value`` and ``second`` (exact decimals: points, share,
    value, actual or count; target, second value or shortcomings), ``met`` (yes/no),
    ``codes`` (the option or awards), ``bonus``.
    """
    columns: dict[str, list[Any]] = {
        name: []
        for name in (
            "year",
            "scheme",
            "unit",
            "item",
            "layer",
            "assessor",
            "date",
            "kind",
            "value",
            "second",
            "met",
            "codes",
            "bonus",
        )
    }
    for year, scheme, assessment in _records(scoring):
        value, second, met, codes = _numbers(assessment.input)
        columns["year"].append(year)
        columns["scheme"].append(scheme)
        columns["unit"].append(assessment.unit)
        columns["item"].append(assessment.item)
        columns["layer"].append(assessment.layer.value)
        columns["assessor"].append(assessment.assessor)
        columns["date"].append(assessment.date)
        columns["kind"].append(_KINDS[type(assessment.input)])
        columns["value"].append(value)
        columns["second"].append(second)
        columns["met"].append(met)
        columns["codes"].append(codes)
        columns["bonus"].append(assessment.bonus)
    table = pa.table(
        {
            "year": pa.array(columns["year"], type=pa.int32()),
            "scheme": pa.array(columns["scheme"], type=pa.string()),
            "unit": pa.array(columns["unit"], type=pa.string()),
            "item": pa.array(columns["item"], type=pa.string()),
            "layer": pa.array(columns["layer"], type=pa.string()),
            "assessor": pa.array(columns["assessor"], type=pa.string()),
            "date": pa.array(columns["date"], type=pa.date32()),
            "kind": pa.array(columns["kind"], type=pa.string()),
            "value": _decimal_column(columns["value"]),
            "second": _decimal_column(columns["second"]),
            "met": pa.array(columns["met"], type=pa.bool_()),
            "codes": pa.array(columns["codes"], type=pa.list_(pa.string())),
            "bonus": _decimal_column(columns["bonus"]),
        }
    )
    pq.write_table(table, str(path))
    return len(columns["year"])


_KINDS: dict[type, str] = {
    PointsInput: "points",
    YesNoInput: "yes-no",
    ShareInput: "share",
    AchievementInput: "achievement",
    ValueInput: "value",
    TwoValuesInput: "values",
    CountInput: "count",
    ChoiceInput: "choice",
    AwardsInput: "awards",
}
