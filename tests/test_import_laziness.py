"""A load, a dump and a score import only what they use (issue 16, point 5).

Each check runs in a fresh interpreter, so that no other test has imported anything yet.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import thidua

SRC = Path(thidua.__file__).resolve().parent.parent


def _run(code: str) -> str:
    """Run *code* in a fresh interpreter that imports this thidua; its standard output."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_scoring_load_dump_and_score_import_no_year_end_nor_documents() -> None:
    """A scoring document loads, dumps and scores without the year end, documents, exchange."""
    out = _run(
        """
        import sys
        from pathlib import Path

        import orjson
        import thidua.scoring._engine as engine
        import thidua.serialization._registry as registry

        examples = Path(registry.__file__).parent.parent / "examples"
        text = (examples / "cluster1_2019_2020_scoring.json").read_bytes()
        scoring = registry.loads(text)
        written = registry.dumps(scoring)
        assert written == orjson.dumps(orjson.loads(text), option=orjson.OPT_SORT_KEYS)
        assert registry.loads(written) == scoring
        results = engine.score_all(scoring, trace=True)
        assert registry.loads(registry.dumps(results)) == results
        print(sorted(m for m in sys.modules if m.startswith("thidua.")))
        """
    )
    imported = eval(out)  # noqa: S307 - a list of names printed above
    for package in ("thidua.yearend", "thidua.documents", "thidua.exchange"):
        assert not [m for m in imported if m == package or m.startswith(package + ".")]


def test_year_end_hooks_are_registered_on_first_use() -> None:
    """With the registry imported first, the year end's models read and write as before.

    A review document (with a framework of its own, whose conditions are a tagged union)
    round-trips to the same bytes, a bad condition is reported with its path, converters
    of one's own know the year end's unions, and a ballot's cast is still never written.
    """
    out = _run(
        """
        import sys
        from pathlib import Path

        import attrs
        import orjson
        import thidua.serialization._registry as registry
        from thidua.errors import StructureError
        from thidua.serialization._hooks import DUMP_OPTIONS, canonical_json, dump_default

        assert "thidua.yearend._wire" not in sys.modules
        examples = Path(registry.__file__).parent.parent / "examples"
        text = (examples / "cluster1_2019_2020_review.json").read_bytes()
        review = registry.loads(text)
        assert registry.dumps(review) == canonical_json(orjson.loads(text))

        from thidua.yearend._conditions import CONDITION_TAGS, Condition
        from thidua.yearend._presets import preset

        framework = preset("BTTTT")
        # Written first by the generated dump of a converter that has met no year-end type.
        conv = registry.make_converter()
        written = orjson.dumps(framework, default=dump_default(conv), option=DUMP_OPTIONS)
        assert written == canonical_json(registry.make_converter().unstructure(framework))
        assert b'"kind":"task-rating"' in written  # a condition's tag

        own = attrs.evolve(review, frameworks=(attrs.evolve(framework, code="OWN"),))
        written = registry.dumps(own)
        assert registry.loads(written) == own
        assert written == canonical_json(registry.document_data(own))

        condition = framework.rules[0].conditions[0]
        for conv in (registry.make_converter(), registry.make_converter(detailed_validation=False)):
            data = conv.unstructure(condition, Condition)
            assert data["kind"] in CONDITION_TAGS
            assert conv.structure(data, Condition) == condition

        data = orjson.loads(written)
        data["frameworks"][0]["rules"][0]["conditions"][0] = {"kind": "no-such-condition"}
        try:
            registry.loads(data)
        except StructureError as exc:
            print(exc.problems[0].path, exc.problems[0].code)

        from thidua.yearend._ballot import Ballot, Cast

        cast = Cast(voter="Nguyễn Văn A", delegation="HN", ballot=Ballot())
        for write in (registry.make_converter().unstructure, registry.unstructure):
            try:
                write(cast)
            except TypeError as exc:
                assert "never serialised" in str(exc)
            else:
                raise AssertionError("a Cast was written")
        """
    )
    assert out.split() == ["$.frameworks[0].rules[0].conditions[0]", "unknown-tag"]
