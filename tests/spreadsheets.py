"""Workbooks for tests: one written by openpyxl, with a worksheet's XML changed by hand."""

from __future__ import annotations

import io
import zipfile


def with_cell_xml(
    data: bytes, old: bytes, new: bytes, part: str = "xl/worksheets/sheet1.xml"
) -> bytes:
    """The workbook *data* with *old* replaced by *new* in *part* (once, and it must be there)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == part:
                assert old in content, content[-400:]
                content = content.replace(old, new, 1)
            target.writestr(info.filename, content)
    return out.getvalue()


def without_part(data: bytes, part: str) -> bytes:
    """The workbook *data* with one part left out."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != part:
                target.writestr(info.filename, source.read(info))
    return out.getvalue()
