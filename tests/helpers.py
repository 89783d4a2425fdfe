"""Helpers for tests: reach into and replace cells of frozen reports by wire path; a report as a page crawled
flat."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

import attrs


def get_at(obj: Any, path: str) -> Any:
    for name in path.split("."):
        obj = getattr(obj, name)
    return obj


def replace_at(obj: Any, path: str, value: Any) -> Any:
    """A copy of *obj* with the cell at the dotted *path* replaced by *value*."""
    head, _, rest = path.partition(".")
    if not rest:
        return attrs.evolve(obj, **{head: value})
    return attrs.evolve(obj, **{head: replace_at(getattr(obj, head), rest, value)})


def flattened(report: Any) -> str:
    """The report as a page crawled flat: headings, and each table's cells run together with no separator."""
    from gov_disclosure.render import context

    lines = [report.full_title]
    for section in context(report)["sections"]:
        lines.append(section["heading"])
        if section["table"] is not None:
            lines.append("".join(cell.text for row in section["table"].rows for cell in row))
    return "\n".join(lines)


def rezipped(docx: bytes, change: Callable[[str, bytes], tuple[str, bytes]]) -> bytes:
    """A Word file (a zip) with each part's name and bytes as *change* gives them."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as original, zipfile.ZipFile(out, "w") as changed:
        for item in original.infolist():
            changed.writestr(*change(item.filename, original.read(item.filename)))
    return out.getvalue()


def with_part(docx: bytes, name: str, change: Callable[[bytes], bytes]) -> bytes:
    """*docx* with its part *name* as *change* gives it."""
    return rezipped(docx, lambda part, data: (part, change(data) if part == name else data))


def pdf_file(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF written by hand: *objects* numbered from 1 (the first the catalogue), the cross-reference table, and
    *trailer* added to the trailer's dictionary."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref)
    return bytes(out)
