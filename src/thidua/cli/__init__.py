"""The ``thidua`` command line.

Exit codes: 0 success, 1 invalid data (one line per problem), 2 usage errors
or unreadable files. Messages about data are in Vietnamese or English: the
locale decides (``LANG=vi_VN.UTF-8``) unless ``--lang vi|en`` is given; every
command reads the choice from ``args.lang``.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Final

from thidua import __version__
from thidua._base.messages import LANGUAGES, Language, language_from_environment
from thidua.cli._io import BROKEN_PIPE, LANGUAGE, OK, missing_extra, tr

__all__ = ["main"]

#: Modules that each add one subcommand through ``register(subparsers)``.
_COMMANDS: Final = (
    "thidua.cli._demo",
    "thidua.cli._example",
    "thidua.cli._review",
    "thidua.cli._score",
    "thidua.cli._validate",
    "thidua.cli._schema",
    "thidua.cli._migrate",
    "thidua.cli._report",
    "thidua.cli._render",
    "thidua.cli._verify",
    "thidua.cli._table",
    "thidua.cli._sheet",
    "thidua.cli._diff",
    "thidua.cli._convert",
)


#: argparse's own words (usage, errors, headings) in Vietnamese.
_ARGPARSE_VI: Final = {
    "usage: ": "cách dùng: ",
    "positional arguments": "đối số",
    "options": "tùy chọn",
    "optional arguments": "tùy chọn",
    "show this help message and exit": "in hướng dẫn này rồi thoát",
    "show program's version number and exit": "in phiên bản của chương trình rồi thoát",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "the following arguments are required: %s": "thiếu các đối số bắt buộc: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "lựa chọn không hợp lệ: %(value)r (chọn một trong %(choices)s)"
    ),
    "unrecognized arguments: %s": "đối số không nhận ra: %s",
    "argument %(argument_name)s: %(message)s": "đối số %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "giá trị %(type)s không hợp lệ: %(value)r",
    "not allowed with argument %s": "không dùng được cùng đối số %s",
    "expected one argument": "cần một giá trị",
    "one of the arguments %s is required": "cần một trong các đối số %s",
    "ambiguous option: %(option)s could match %(matches)s": (
        "tùy chọn mơ hồ: %(option)s có thể là %(matches)s"
    ),
    "expected at least one argument": "cần ít nhất một giá trị",
    "ignored explicit argument %r": "bỏ qua giá trị %r",
}


def _language(argv: Sequence[str]) -> Language:
    """The language asked by ``--lang`` (looked for before parsing), else the locale's."""
    for index, arg in enumerate(argv):
        value = None
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value == "vi":
            return "vi"
        if value == "en":
            return "en"
    return language_from_environment(os.environ)


@contextlib.contextmanager
def _argparse_words(lang: Language) -> Iterator[None]:
    """Argparse's own words in *lang* while the parser runs (it reads ``gettext``)."""
    if lang != "vi":
        yield
        return
    names = ("_", "ngettext")
    saved: dict[str, Callable[..., str]] = {name: getattr(argparse, name) for name in names}

    def words(text: str) -> str:
        return _ARGPARSE_VI.get(text, text)

    def plural(singular: str, plural_: str, count: int) -> str:
        return words(singular if count == 1 else plural_)

    argparse._ = words  # type: ignore[attr-defined]
    argparse.ngettext = plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(argparse, name, value)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="thidua",
        description=tr(
            "Vietnamese emulation agreements (giao ước thi đua).",
            "Giao ước thi đua: chấm điểm, bình xét, suy tôn và đề nghị khen thưởng.",
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"thidua {__version__}",
        help=tr("print thidua's version and exit", "in phiên bản của thidua rồi thoát"),
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,
        help=tr(
            "language of messages: vi or en (default: from LC_ALL, LC_MESSAGES or LANG)",
            "ngôn ngữ: vi hoặc en (mặc định theo LC_ALL, LC_MESSAGES hoặc LANG)",
        ),
    )
    subparsers = parser.add_subparsers(
        dest="command",
        required=True,
        metavar=tr("COMMAND", "LỆNH"),
        title=tr("commands", "các lệnh"),
    )
    for name in _COMMANDS:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    lang = _language(arguments)
    token = LANGUAGE.set(lang)
    try:
        with _argparse_words(lang):
            try:
                args = _parser().parse_args(arguments)
            except SystemExit as exc:
                return int(exc.code or OK)
        args.lang = lang
        return _run(args)
    finally:
        LANGUAGE.reset(token)


def _run(args: argparse.Namespace) -> int:
    try:
        code: int = args.run(args)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (``thidua demo | head``): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return BROKEN_PIPE
    except ImportError as exc:
        extra = missing_extra(exc)
        if extra is None:
            raise
        return extra
    return code
