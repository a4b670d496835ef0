"""Run the benchmark: thidua beside orjson, pydantic v2, msgspec and a float scorer.

Usage: ``python bench/run.py [--sizes small,medium,large] [--runs 5] [--json FILE]``
(``nox -s bench -- --sizes small,medium`` runs it in its own environment);
``python bench/run.py --scaling`` runs the scaling section instead (``bench/scaling.py``:
each check at n, 2n, 4n, 8n and its growth).

Times are CPU times of this process (``time.process_time``: the machine is shared, and
every contender is single-threaded, so CPU time is wall time without the neighbours'
noise), medians of ``--runs`` runs; each ratio is taken run by run against the floor
(``orjson.loads`` / ``orjson.dumps`` of the same content, called as users call it, that
is with the garbage collector on) measured in the same run, and the median of those
ratios is shown. Memory is measured in a fresh subprocess per contender from the
resident set size (RSS, Linux ``/proc/self/statm`` and ``VmHWM``, reset before the load)
and, in another fresh subprocess, with ``tracemalloc`` (what the objects really hold,
without the allocator's free but unreturned memory; after a warm-up load so generated
hooks are not counted). For RSS, *peak* is the
highest RSS while reading the file and building the objects, *retained* the RSS once
the JSON text is dropped and the collector has run, both less the RSS before the file
was read, divided by the number of scores.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any

import orjson

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import floatscore  # noqa: E402
import generate  # noqa: E402
import plaindump  # noqa: E402
import plainload  # noqa: E402

CACHE = Path(os.environ.get("THIDUA_BENCH_CACHE", HERE / ".cache"))


SCORE = "score thidua (exact, ranked, trace on demand)"


def _limits() -> Any:
    """Limits that admit the large size (330 MB, 2.4 M assessments in one array)."""
    from thidua import Limits  # noqa: PLC0415

    return Limits(max_bytes=1 << 30, max_items=10_000_000)


def _cached(name: str, chunks: Callable[[], Iterable[bytes]]) -> Path:
    """The file *name* in the cache, written once from *chunks* (same seed, same bytes)."""
    path = CACHE / name
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(name + ".tmp")
        with tmp.open("wb") as out:
            out.writelines(chunks())
        tmp.replace(path)
    return path


#: Bumped when the generator changes, so that documents cached earlier are not reused.
VERSION = "v3"


def document_path(size: str) -> Path:
    """The generated ``scoring`` document of *size*."""
    return _cached(f"{size}-{VERSION}.json", lambda: [orjson.dumps(generate.document(size))])


def compact_path(size: str) -> Path:
    """The same document with its sheet in the compact form (``thidua convert``)."""
    from thidua.serialization._compact import convert  # noqa: PLC0415

    def chunks() -> list[bytes]:
        raw = document_path(size).read_bytes()
        compact = orjson.loads(convert(raw, "compact", limits=_limits()))
        # The schemes as generated (defaults left out), as in the row form's document.
        compact["schemes"] = orjson.loads(raw)["schemes"]
        return [orjson.dumps(compact)]

    return _cached(f"{size}-{VERSION}-compact.json", chunks)


def agreement_path(size: str) -> Path:
    """The generated ``agreement`` document (organisation and agreements) of *size*."""
    return _cached(
        f"{size}-{VERSION}-agreement.json",
        lambda: [orjson.dumps(generate.agreement_document(size))],
    )


def stream_path(size: str) -> Path:
    """The same content as JSON Lines grouped by cluster (see thidua.serialization.stream)."""
    return _cached(f"{size}-{VERSION}.jsonl", lambda: generate.stream_lines(size))


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    start = time.process_time()
    value = fn()
    return time.process_time() - start, value


def _paused(fn: Callable[[], Any]) -> Callable[[], Any]:
    def call() -> Any:
        gc.disable()
        try:
            return fn()
        finally:
            gc.enable()

    return call


def one_run(raw: bytes, compact: bytes, agreement: bytes) -> dict[str, float]:  # noqa: PLR0915
    """Time every contender once; seconds by name."""
    import compactrivals  # noqa: PLC0415 - benchmark-only dependencies
    import rivals  # noqa: PLC0415

    from thidua.scoring import Scoring, score_all  # noqa: PLC0415
    from thidua.scoring._compact import score_compact  # noqa: PLC0415
    from thidua.serialization import dumps, loads  # noqa: PLC0415
    from thidua.serialization._compact import dumps_compact, loads_compact  # noqa: PLC0415

    t: dict[str, float] = {}
    t["load orjson"], parsed = _timed(lambda: orjson.loads(raw))
    t["load orjson, gc paused"], _ = _timed(_paused(lambda: orjson.loads(raw)))
    t["dump orjson"], _ = _timed(partial(orjson.dumps, parsed))
    t["dump orjson, gc paused"], _ = _timed(_paused(partial(orjson.dumps, parsed)))
    t["score float (plain Python)"], _ = _timed(partial(floatscore.score, parsed))
    del parsed
    t["load pydantic"], model = _timed(lambda: rivals.PScoring.model_validate_json(raw))
    t["dump pydantic"], _ = _timed(model.model_dump_json)
    del model
    t["load msgspec"], struct = _timed(lambda: rivals.MSG_DECODER.decode(raw))
    t["dump msgspec"], _ = _timed(partial(rivals.MSG_ENCODER.encode, struct))
    del struct
    limits = _limits()
    t["load thidua"], scoring = _timed(lambda: loads(raw, Scoring, limits=limits))
    t["dump thidua"], _ = _timed(partial(dumps, scoring))
    t["dump plain Python (one dict per record)"], _ = _timed(partial(plaindump.dump, scoring))
    t[SCORE], _ = _timed(partial(score_all, scoring))
    del scoring
    t["load plain Python (constructors, no wire checks)"], _ = _timed(partial(plainload.load, raw))
    # The compact form of the same content.
    t["compact: load orjson"], parsed = _timed(lambda: orjson.loads(compact))
    t["compact: load orjson, gc paused"], _ = _timed(_paused(lambda: orjson.loads(compact)))
    t["compact: dump orjson"], _ = _timed(partial(orjson.dumps, parsed))
    t["compact: dump orjson, gc paused"], _ = _timed(_paused(partial(orjson.dumps, parsed)))
    t[NUMPY], _ = _timed(partial(compactrivals.numpy_score, parsed))
    del parsed
    t["compact: load pydantic"], model = _timed(
        lambda: compactrivals.PCompactScoring.model_validate_json(compact)
    )
    del model
    t["compact: load msgspec"], struct = _timed(lambda: compactrivals.MSG_COMPACT.decode(compact))
    del struct
    t["compact: load thidua"], document = _timed(lambda: loads_compact(compact, limits=limits))
    t["compact: dump thidua"], _ = _timed(partial(dumps_compact, document))
    sheet = document.sheets[0]
    scheme = document.scheme_for(sheet)
    t[COMPACT_SCORE], _ = _timed(partial(score_compact, scheme, sheet))
    del document, sheet
    t["agreement: load orjson"], parsed = _timed(partial(orjson.loads, agreement))
    t["agreement: load orjson, gc paused"], _ = _timed(_paused(partial(orjson.loads, agreement)))
    t["agreement: dump orjson"], _ = _timed(partial(orjson.dumps, parsed))
    t["agreement: dump orjson, gc paused"], _ = _timed(_paused(partial(orjson.dumps, parsed)))
    del parsed
    t["agreement: load thidua"], doc = _timed(partial(loads, agreement, limits=limits))
    t["agreement: dump thidua"], _ = _timed(partial(dumps, doc))
    del doc
    gc.collect()
    return t


NUMPY = "compact: score numpy (float)"
COMPACT_SCORE = "compact: score thidua (exact, ranked)"


def floors(name: str) -> tuple[str, str]:
    """The floors of a contender: orjson (or the float scorer) with the collector on, paused.

    The compact form's loads are compared with ``orjson.loads`` of the row form's bytes
    (the issue's floor); the compact bytes' own orjson figures are in the table beside.
    """
    if name.startswith("agreement:"):
        verb = name.split()[1]
        return f"agreement: {verb} orjson", f"agreement: {verb} orjson, gc paused"
    if name.startswith("compact: score"):
        return NUMPY, NUMPY
    if name.startswith("compact: dump"):
        return "compact: dump orjson", "compact: dump orjson, gc paused"
    verb = name.removeprefix("compact: ").split()[0]
    if verb == "score":
        return "score float (plain Python)", "score float (plain Python)"
    return f"{verb} orjson", f"{verb} orjson, gc paused"


def measure(size: str, runs: int) -> dict[str, Any]:
    """Median times and run-by-run ratios for one size."""
    raw = document_path(size).read_bytes()
    compact = compact_path(size).read_bytes()
    agreement = agreement_path(size).read_bytes()
    per_run = []
    for index in range(runs):
        per_run.append(one_run(raw, compact, agreement))
        print(f"  {size}: run {index + 1}/{runs} done", file=sys.stderr, flush=True)
    names = list(per_run[0])
    times = {n: statistics.median(r[n] for r in per_run) for n in names}
    ratios = {n: statistics.median(r[n] / r[floors(n)[0]] for r in per_run) for n in names}
    paused = {n: statistics.median(r[n] / r[floors(n)[1]] for r in per_run) for n in names}
    return {
        "size": size,
        "bytes": len(raw),
        "compact_bytes": len(compact),
        "paused": paused,
        "agreement_bytes": len(agreement),
        "scores": generate.shape(size).scores,
        "runs": runs,
        "times": times,
        "ratios": ratios,
        "per_run": per_run,
    }


# Memory.


def _rss() -> int:
    with Path("/proc/self/statm").open() as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _reset_peak() -> None:
    # Linux: writing 5 to clear_refs resets the peak RSS (VmHWM) to the current RSS, so
    # the peak read later is the load's, not an import's or the parent's.
    Path("/proc/self/clear_refs").write_text("5")


def _peak() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def memory_child(size: str, contender: str) -> dict[str, int]:
    """In a fresh process: peak and retained RSS of loading *size* with *contender*."""
    import rivals  # noqa: PLC0415

    from thidua.scoring import Scoring  # noqa: PLC0415
    from thidua.serialization import loads  # noqa: PLC0415
    from thidua.serialization._compact import loads_compact  # noqa: PLC0415
    from thidua.serialization.stream import score_stream  # noqa: PLC0415

    path = compact_path(size) if contender == "thidua compact" else document_path(size)
    loaders: dict[str, Callable[[bytes], Any]] = {
        "orjson": orjson.loads,
        "pydantic": rivals.PScoring.model_validate_json,
        "msgspec": rivals.MSG_DECODER.decode,
        "thidua": lambda raw: loads(raw, Scoring, limits=_limits()),
        "thidua compact": lambda raw: loads_compact(raw, limits=_limits()),
    }
    traced = os.environ.get("THIDUA_BENCH_TRACE") == "1"
    if traced:
        # Warm up first so the converters' generated hooks are not counted, then count
        # only what the load allocates and keeps.
        if contender == "thidua compact":
            loaders[contender](compact_path("small").read_bytes())
        elif contender in loaders:
            loaders[contender](document_path("small").read_bytes())
        else:
            with stream_path("small").open("rb") as lines:
                for _ in score_stream(lines):
                    pass
        gc.collect()
        tracemalloc.start()
    gc.collect()
    base = _rss()
    _reset_peak()
    if contender == "thidua stream (score)":
        with stream_path(size).open("rb") as lines:
            for _ in score_stream(lines):
                pass
        kept = None
    else:
        raw = path.read_bytes()
        kept = loaders[contender](raw)
        del raw
    gc.collect()
    if traced:
        current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        del kept
        return {"traced_peak": peak, "traced": current}
    retained = _rss() - base
    peak = _peak() - base
    del kept
    return {"peak": peak, "retained": retained}


def memory(size: str) -> dict[str, dict[str, int]]:
    """Peak and retained RSS per contender, each in its own subprocess."""
    found: dict[str, dict[str, int]] = {}
    for contender in (
        "orjson",
        "pydantic",
        "msgspec",
        "thidua",
        "thidua compact",
        "thidua stream (score)",
    ):
        found[contender] = {}
        for trace in ("0", "1"):
            out = subprocess.run(  # noqa: S603 - this interpreter, this script
                [sys.executable, __file__, "--memory-child", size, contender],
                check=True,
                capture_output=True,
                text=True,
                env={**os.environ, "THIDUA_BENCH_TRACE": trace},
            ).stdout
            found[contender].update(json.loads(out))
    return found


# Imports.

#: What a load, a dump and a score import (the registry is loaded on first use).
IMPORT_WORK = "import thidua.serialization._registry, thidua.scoring._engine"
IMPORT_BASE = "import attrs, cattrs, orjson"


def _class_fields() -> list[int]:
    """How many fields each attrs class has that ``IMPORT_WORK`` defines (fresh interpreter)."""
    code = (
        f"import sys, attrs; {IMPORT_WORK}; print([len(attrs.fields(c))"
        " for m in list(sys.modules.values()) if getattr(m, '__name__', '').startswith('thidua')"
        " for c in vars(m).values()"
        " if isinstance(c, type) and attrs.has(c) and c.__module__ == m.__name__])"
    )
    out = subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    fields: list[int] = json.loads(out)
    return fields


def import_floor() -> tuple[str, str]:
    """The import floor of a load: attrs, cattrs and orjson, then the same number of attrs
    classes with as many fields (frozen, slotted, no validators) built by ``attrs``.

    Returns:
        Its label and the statement that is timed.
    """
    fields = _class_fields()
    label = (
        f"{IMPORT_BASE}, then {len(fields)} attrs classes of {sum(fields)} fields"
        " (the load's, without thidua's code)"
    )
    statement = (
        f"{IMPORT_BASE}; [attrs.make_class('C%d' % i,"
        " {'f%d' % j: attrs.field(default=None) for j in range(n)},"
        f" slots=True, frozen=True, kw_only=True) for i, n in enumerate({fields})]"
    )
    return label, statement


#: Fresh interpreters per import statement: the statements take turns, one of each a round.
IMPORT_ROUNDS = 15


def import_times(rounds: int = IMPORT_ROUNDS) -> dict[str, dict[str, float]]:
    """CPU time of each import statement and of the import floor, in fresh interpreters.

    Every statement runs once before it is timed, with bytecode caches written (in a
    directory of their own, ``PYTHONPYCACHEPREFIX``, even where the environment turns them
    off): a first run that compiles modules is timed for neither side. Then the statements
    take turns, one fresh interpreter each per round, so that the machine's drift from
    round to round moves every statement alike; each ratio is the median of the rounds'
    ratios to ``IMPORT_BASE``.

    Returns:
        By statement (the floor by its label): ``seconds`` (median) and ``ratio``.
    """
    floor = import_floor()
    statements = {s: s for s in (IMPORT_BASE, "import thidua", IMPORT_WORK)} | dict([floor])
    found: dict[str, list[float]] = {label: [] for label in statements}
    with tempfile.TemporaryDirectory() as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache

        def run(statement: str) -> float:
            code = (
                f"import time; t = time.process_time(); {statement}; print(time.process_time() - t)"
            )
            return float(
                subprocess.run(  # noqa: S603 - this interpreter, fixed code
                    [sys.executable, "-c", code],
                    check=True,
                    capture_output=True,
                    text=True,
                    env=env,
                ).stdout
            )

        for statement in statements.values():
            run(statement)  # writes the bytecode caches
        for _ in range(rounds):
            for label, statement in statements.items():
                found[label].append(run(statement))
    base = found[IMPORT_BASE]
    return {
        label: {
            "seconds": statistics.median(times),
            "ratio": statistics.median(t / b for t, b in zip(times, base, strict=True)),
        }
        for label, times in found.items()
    }


# Report.


def _table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in rows
    ]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def report(results: list[dict[str, Any]], imports: dict[str, dict[str, float]]) -> str:
    """Markdown tables: times and ratios side by side, memory, imports, targets."""
    out = []
    header = ["contender"]
    for r in results:
        header += [f"{r['size']} s", f"{r['size']} ×floor", f"{r['size']} ×floor paused"]
    rows = [header]
    for name in results[0]["times"]:
        row = [name]
        for r in results:
            row += [
                f"{r['times'][name]:.4f}",
                f"{r['ratios'][name]:.2f}",
                f"{r['paused'][name]:.2f}",
            ]
        rows.append(row)
    sizes = ", ".join(
        f"{r['size']}: {r['scores']:,} scores, {r['bytes'] / 1e6:.1f} MB scoring"
        f" ({r['compact_bytes'] / 1e6:.1f} MB compact),"
        f" {r['agreement_bytes'] / 1e6:.1f} MB agreement"
        for r in results
    )
    out.append(
        f"Times (CPU seconds, median of {results[0]['runs']} runs; ratios run by run against"
        " the floor of the same run, with the collector on and paused: orjson of the same"
        " bytes, the row form's for compact loads; the float scorers for scoring;"
        f" {sizes})\n"
    )
    out.append(_table(rows))
    rows = [["contender", "measure", *(r["size"] for r in results)]]
    measures = (
        ("peak", "peak RSS"),
        ("retained", "retained RSS"),
        ("traced_peak", "peak traced"),
        ("traced", "retained traced"),
    )
    for name in results[0]["memory"]:
        for key, label in measures:
            rows.append(
                [name, label] + [f"{r['memory'][name][key] / r['scores']:.0f}" for r in results]
            )
    out.append(
        "\nMemory in bytes per score (RSS and tracemalloc, fresh process per contender and"
        " measure)\n"
    )
    out.append(_table(rows))
    rows = [["statement", "CPU seconds", "ratio"]]
    rows += [[k, f"{v['seconds']:.4f}", f"{v['ratio']:.2f}"] for k, v in imports.items()]
    out.append(
        f"\nImport time (CPU, median of {IMPORT_ROUNDS} fresh interpreters each, taking"
        " turns; ratios: median of the rounds' ratios to the first row)\n"
    )
    out.append(_table(rows))
    out.append("\nTargets of issue 16 (largest size measured: " + results[-1]["size"] + ")\n")
    out.append(_table(targets(results, imports)))
    return "\n".join(out)


def targets(results: list[dict[str, Any]], imports: dict[str, dict[str, float]]) -> list[list[str]]:
    """Each target of issue 16: must, aim, the measured figure and which is met."""
    big = results[-1]
    p, t, m, n = big["paused"], big["times"], big["memory"], big["scores"]
    rows = [["target", "must", "aim", "measured", "met?"]]

    def add(
        name: str, value: float, must: float, aim: float, fmt: str, *, at_least: bool = False
    ) -> None:
        def ok(limit: float) -> bool:
            return value >= limit if at_least else value <= limit

        met = "aim" if ok(aim) else "must" if ok(must) else "NOT met"
        sign = "≥" if at_least else "≤"
        rows.append([name, f"{sign} {must:g}", f"{sign} {aim:g}", fmt.format(value), met])

    add(
        "compact: load, × orjson.loads of the row form's bytes (gc paused)",
        p["compact: load thidua"],
        0.5,
        0.2,
        "{:.2f}×",
    )
    add(
        "compact: load, × msgspec on the same compact bytes",
        t["compact: load thidua"] / t["compact: load msgspec"],
        1.5,
        1,
        "{:.2f}×",
    )
    add("compact: exact score and rank, × numpy float", p[COMPACT_SCORE], 3, 1.5, "{:.2f}×")
    add(
        "compact: retained bytes per score (RSS)",
        m["thidua compact"]["retained"] / n,
        50,
        20,
        "{:.0f} B",
    )
    add(
        "row form: retained bytes per score (RSS)",
        m["thidua"]["retained"] / n,
        250,
        200,
        "{:.0f} B",
    )
    add("row form: dump × orjson.dumps (gc on)", big["ratios"]["dump thidua"], 4, 2, "{:.2f}×")
    add(
        "row form: load, × faster than pydantic",
        t["load pydantic"] / t["load thidua"],
        1.5,
        2,
        "{:.2f}×",
        at_least=True,
    )
    add(
        "import for load + dump + score, × import attrs, cattrs, orjson",
        imports[IMPORT_WORK]["ratio"],
        1.5,
        1,
        "{:.2f}×",
    )
    by_size = {x["size"]: x for x in results}
    if "medium" in by_size and "large" in by_size:
        medium, large = by_size["medium"], by_size["large"]
        for form, load, score in (
            ("row", "load thidua", SCORE),
            ("compact", "compact: load thidua", COMPACT_SCORE),
        ):
            per = [(x["times"][load] + x["times"][score]) / x["scores"] for x in (medium, large)]
            add(
                f"{form} form: per-score cost, large ÷ medium", per[1] / per[0], 1.3, 1.1, "{:.2f}×"
            )
    else:
        rows.append(["per-score cost, large ÷ medium", "≤ 1.3", "≤ 1.1", "large not run", "-"])
    return rows


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="small,medium,large")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--memory-child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument(
        "--scaling", action="store_true", help="time each check at n, 2n, 4n, 8n and its growth"
    )
    args = parser.parse_args(argv)
    if args.scaling:
        import scaling  # noqa: PLC0415 - the scaling section imports thidua only when asked

        found = scaling.scaling()
        print(scaling.report(found))
        if args.json:
            args.json.write_text(json.dumps({"scaling": found}, indent=2))
        return 0
    if args.memory_child:
        print(json.dumps(memory_child(*args.memory_child)))
        return 0
    results = []
    for size in args.sizes.split(","):
        print(f"{size}: generating / reading", file=sys.stderr, flush=True)
        stream_path(size)
        found = measure(size, args.runs)
        found["memory"] = memory(size)
        results.append(found)
    imports = import_times()
    text = report(results, imports)
    print(text)
    if args.json:
        args.json.write_text(json.dumps({"results": results, "imports": imports}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
