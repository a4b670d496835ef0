"""Sessions: tests, lint, typecheck and docs run by default; bench and fuzz on demand.

Every session runs on the interpreter at hand and installs from the package index only.
"""

from __future__ import annotations

import nox

nox.needs_version = ">=2024.10.9"
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.sessions = ["tests", "lint", "typecheck", "docs"]

PYPROJECT = nox.project.load_toml("pyproject.toml")


def _install(
    session: nox.Session, *groups: str, extras: str = "strategies,docx,xlsx,parquet"
) -> None:
    requirements = [d for g in groups for d in nox.project.dependency_groups(PYPROJECT, g)]
    session.install(*requirements, f"-e.[{extras}]")


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite, property tests included, under branch coverage (floor 95 %)."""
    _install(session, "tests")
    session.run("coverage", "erase")
    session.run("coverage", "run", "-m", "pytest", *session.posargs)
    session.run("coverage", "combine")
    session.run("coverage", "report")


@nox.session
def lint(session: nox.Session) -> None:
    """Check style and formatting with ruff, and the layers of the import graph."""
    _install(session, "lint")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("lint-imports")


@nox.session
def typecheck(session: nox.Session) -> None:
    """Run mypy --strict over src, tests and this file; check the public API is fully typed."""
    _install(session, "typecheck")
    session.run("mypy")
    session.run("pyright", "--verifytypes", "thidua", "--ignoreexternal")


@nox.session
def docs(session: nox.Session) -> None:
    """Build the docs with warnings as errors and run their doctests."""
    _install(session, "docs")
    for builder in ("html", "doctest"):
        session.run(
            "sphinx-build",
            "-W",
            "-n",
            "--keep-going",
            "-b",
            builder,
            "docs",
            f"docs/_build/{builder}",
        )


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Benchmark thidua beside orjson, pydantic v2 and msgspec (not run by default).

    Pass options after ``--``: ``nox -s bench -- --sizes small,medium --runs 5``.
    """
    _install(session, "bench")
    session.run("python", "bench/run.py", *session.posargs)


@nox.session(default=False)
def fuzz(session: nox.Session) -> None:
    """Fuzz every loader and the command line's file readers: ``nox -s fuzz -- --seconds 600``.

    Coverage-guided with atheris where it installs, random mutations otherwise.
    """
    _install(session, "tests")
    try:
        session.install("atheris")
    except nox.command.CommandFailed:
        session.warn("atheris does not install here: fuzzing with the random-mutation engine")
    session.run("python", "fuzz/run.py", *(session.posargs or ["--seconds", "60"]))
