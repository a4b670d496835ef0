"""Fuzz every loader and the command line's file readers for a while (``nox -s fuzz``).

    python fuzz/run.py --seconds 600 [--engine atheris|random] [--jobs-dir DIR]

Seeds: every golden document under tests/data, the test-only documents of
tests/toys.py, a scoring stream, text for the parsers (dates, periods, numbers, legal
references), and a points table as CSV, as an XLSX workbook and as three Word documents
(plain, merged cells, a title before the table); the spreadsheet importers also see one
JSON input in four as CSV text, every archive goes to the XLSX and DOCX importers, and
archives are mutated part by part.
``atheris`` (coverage-guided, libFuzzer) is used when it imports; the
``random`` engine applies the same byte and JSON mutations from a seeded generator.
Any exception other than thidua's own, or a broken round trip, is a crash: the input is
saved under fuzz/crashes/ and the run fails.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from fuzzing import check, docx_seeds, json_mutation, spreadsheet_seeds, text_seeds  # noqa: E402
from toys import seed_documents, toy_kinds  # noqa: E402

CRASHES = HERE / "crashes"


def _save_crash(data: bytes) -> Path:
    CRASHES.mkdir(exist_ok=True)
    path = CRASHES / f"crash-{int(time.time() * 1000)}.json"
    path.write_bytes(data)
    return path


def run_random(seeds: list[bytes], seconds: float, seed: int) -> int:
    """Mutate seeds from a seeded generator until time is up; return the crash count."""
    from fuzzing import mutate  # noqa: PLC0415

    rng = random.Random(seed)
    deadline = time.monotonic() + seconds
    executions = crashes = 0
    started = time.monotonic()
    while time.monotonic() < deadline:
        data = mutate(rng.choice(seeds), rng, rng.randrange(1, 5))
        executions += 1
        try:
            check(data)
        except Exception:  # noqa: BLE001 - a crash is recorded, not hidden: the run fails
            crashes += 1
            print(f"crash saved to {_save_crash(data)}", file=sys.stderr)
            traceback.print_exc()
    elapsed = time.monotonic() - started
    print(
        f"engine=random seconds={elapsed:.0f} executions={executions}"
        f" exec/s={executions / elapsed:.0f} crashes={crashes} seed={seed}"
    )
    return crashes


def run_atheris(seeds: list[bytes], seconds: int, extra: list[str]) -> int:
    """Coverage-guided fuzzing with atheris; libFuzzer prints its own statistics."""
    import atheris  # type: ignore[import-not-found,import-untyped,unused-ignore]  # noqa: PLC0415

    # thidua, cattrs and the mutators are imported already: instrument every loaded function.
    atheris.instrument_all()

    def custom_mutator(data: bytes, max_size: int, seed: int) -> bytes:
        rng = random.Random(seed)
        if rng.random() < 0.5:  # noqa: PLR2004
            return bytes(json_mutation(data, rng)[:max_size])
        mutated: bytes = atheris.Mutate(data, max_size)
        return mutated

    corpus = Path(tempfile.mkdtemp(prefix="thidua-fuzz-corpus-"))
    for index, data in enumerate(seeds):
        (corpus / f"seed-{index}.json").write_bytes(data)
    CRASHES.mkdir(exist_ok=True)
    argv = [
        sys.argv[0],
        str(corpus),
        f"-max_total_time={seconds}",
        f"-artifact_prefix={CRASHES}/",
        "-max_len=65536",
        "-print_final_stats=1",
        *extra,
    ]
    atheris.Setup(argv, check, custom_mutator=custom_mutator)
    atheris.Fuzz()  # exits the process; a crash exits non-zero
    return 0  # pragma: no cover


def main() -> int:
    """Parse the options and run the chosen engine."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--engine", choices=("auto", "atheris", "random"), default="auto")
    parser.add_argument("--seed", type=int, default=0, help="random engine only")
    args, extra = parser.parse_known_args()
    engine = args.engine
    if engine == "auto":
        engine = "atheris" if importlib.util.find_spec("atheris") else "random"
    with toy_kinds():
        seeds = seed_documents() + spreadsheet_seeds() + docx_seeds() + text_seeds()
        print(f"engine={engine} seeds={len(seeds)} seconds={args.seconds}", flush=True)
        if engine == "atheris":
            return run_atheris(seeds, args.seconds, extra)
        return 1 if run_random(seeds, args.seconds, args.seed) else 0


if __name__ == "__main__":
    sys.exit(main())
