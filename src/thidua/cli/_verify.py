"""``thidua verify FILE [--against DIGEST-OR-FILE]``: check the digests a document holds.

Exit codes: 0 every digest agrees, 1 a digest differs or a document is invalid, 2 a file
cannot be read or ``--against`` is neither a digest nor a file, 3 (:data:`UNSEALED`) the
document holds no seal to check, unless ``--allow-unsealed`` accepts that (then 0).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from thidua._base.messages import Language
from thidua._base.seals import DIGEST_RE
from thidua.cli._io import INVALID, OK, UNREADABLE, UNSEALED, USAGE, read_input, report_error, tr
from thidua.errors import DocumentError, StructureError
from thidua.serialization import loads
from thidua.serialization._digest import DigestCheck, verify


def register(subparsers: Any) -> None:
    """Add the ``verify`` subcommand."""
    parser = subparsers.add_parser(
        "verify",
        help=tr(
            "check a document's digests; exit 1 naming the sections that changed",
            "kiểm tra mã băm của tài liệu; thoát mã 1 và nêu các phần đã thay đổi",
        ),
        description=tr(
            "Check the seal a document holds and, with --against, compare it with a digest"
            " or a document kept elsewhere. A digest stored in the same file catches"
            " accidents, not forgery.",
            "Kiểm tra dấu niêm phong trong tài liệu và, với --against, so với một mã băm hoặc"
            " một tài liệu lưu ở nơi khác. Mã băm lưu cùng tệp phát hiện sai sót vô tình,"
            " không chống được giả mạo.",
        ),
    )
    parser.add_argument("file", metavar=tr("FILE", "TỆP"), type=Path)
    parser.add_argument(
        "--against",
        metavar=tr("DIGEST-OR-FILE", "MÃ_BĂM-HOẶC-TỆP"),
        help=tr(
            'a digest ("sha256:...") or a document file to compare with',
            'mã băm ("sha256:...") hoặc tệp tài liệu để so sánh',
        ),
    )
    parser.add_argument(
        "--allow-unsealed",
        action="store_true",
        help=tr(
            f"exit 0, not {UNSEALED}, when the document holds no seal",
            f"trả về 0 thay vì {UNSEALED} khi tài liệu không có dấu niêm phong",
        ),
    )
    parser.set_defaults(run=run)


def read_document(path: Path, lang: Language) -> tuple[object | None, int]:
    """Read and load one document, printing why not; return it (or None) and an exit code."""
    data = read_input(path)
    if data is None:
        return None, UNREADABLE
    try:
        return loads(data), OK
    except (StructureError, DocumentError) as exc:
        return None, report_error(path, exc, lang)


def _describe(path: Path, check: DigestCheck) -> str:
    if check.ok:
        return f"{path}: {check.name}: " + tr("ok", "khớp")
    line = f"{path}: {check.name}: " + tr(
        f"CHANGED (recorded {check.expected}, now {check.actual})",
        f"ĐÃ THAY ĐỔI (đã ghi {check.expected}, nay {check.actual})",
    )
    if check.changed_sections:
        line += tr("; changed sections: ", "; các phần thay đổi: ") + ", ".join(
            check.changed_sections
        )
    return line


def run(args: argparse.Namespace) -> int:
    """Verify one file; see the module docstring for the exit codes."""
    path: Path = args.file
    against: object | None = args.against
    if args.against is not None and not DIGEST_RE.fullmatch(args.against):
        other_path = Path(args.against)
        if not other_path.is_file():
            print(
                tr(
                    f"--against {args.against!r} is neither a digest (sha256: and 64"
                    " lower-case hex digits) nor a file",
                    f"--against {args.against!r} không phải mã băm (sha256: và 64 chữ số"
                    " thập lục phân viết thường) cũng không phải tệp",
                ),
                file=sys.stderr,
            )
            return USAGE
        against, code = read_document(other_path, args.lang)
        if against is None:
            return code
    document, code = read_document(path, args.lang)
    if document is None:
        return code
    report = verify(document, against)
    print(f"{path}: {tr('digest', 'mã băm')} {report.digest}")
    if not report.checks:
        print(
            tr(
                f"{path}: holds no seal; nothing to check",
                f"{path}: không có dấu niêm phong; không có gì để kiểm tra",
            )
        )
        if against is None and not args.allow_unsealed:
            return UNSEALED
    for check in report.checks:
        print(_describe(path, check))
    return OK if report.ok else INVALID
