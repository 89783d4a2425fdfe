"""Reading a file: its format told by its name or its bytes, its front end, then the matcher; a kept report
loaded and validated."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..model import LoadError, ReadError, system_reason
from ..rules import validate
from ..wire import EXTENSIONS, loads
from ._document import Document, Refused
from ._formats import SUFFIXES
from ._fronts import from_docx, from_html, from_text
from ._match import match
from ._reading import Reading

if TYPE_CHECKING:
    from ._formats import ReadFormat

_FORMATS: dict[str, ReadFormat] = {**SUFFIXES, **EXTENSIONS}
"""The format of any report file by its suffix: published, or kept in the wire format."""
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How a legacy Word document (.doc, an OLE2 compound file) begins."""


def _sniff(data: bytes) -> ReadFormat:
    """The format of *data* from its first bytes: a zip is Word, markup is HTML, anything else text."""
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if data.startswith(b"%PDF"):
        return "pdf"
    head = data[:2048].lstrip().lower()
    markup = (b"<!doctype html", b"<html", b"<!--", b"<meta", b"<table", b"<div", b"<p")
    xhtml = head.startswith(b"<?xml") and b"<html" in head
    return "html" if head.startswith(markup) or xhtml else "text"


_AS_FORMAT = {"text": "按文本", "html": "按 HTML ", "docx": "按 Word 文档", "pdf": "按 PDF "}
"""Reading as each format, as a Chinese message says it."""


def _document(data: bytes, format: ReadFormat, source: str | None) -> Document:
    if data.startswith(_OLE):
        raise ReadError(
            "不读旧版 Word 文档（.doc）：请在 Word 或 WPS 中另存为 .docx，或用"
            "“soffice --headless --convert-to docx FILE”转换，再读 .docx",
            "a legacy Word document (.doc) is not read: save it as .docx in Word or WPS, or convert it "
            "with `soffice --headless --convert-to docx FILE`, and read the .docx",
            source,
        )
    try:
        if format in ("docx", "pdf"):
            return (from_docx if format == "docx" else _pdf_front(source))(data)
        if format == "html":
            return from_html(data)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("gb18030")
        return from_text(text)
    except (MemoryError, ReadError):  # out of memory is not the file's fault (an audit's budget), and says so
        raise
    except Refused as exc:
        zh, en = f"无法{_AS_FORMAT[format]}读取：{exc.message}", f"cannot be read as {format}: {exc}"
        raise ReadError(zh, en, source) from None
    except Exception as exc:  # a damaged Word file or PDF fails deep inside zipfile, zlib, lxml or PDFium
        if format in ("text", "html") and not isinstance(exc, ValueError):
            raise
        said = str(exc) or type(exc).__name__
        raise ReadError(
            f"无法{_AS_FORMAT[format]}读取，读取程序报告“{said}”", f"cannot be read as {format}: {said}", source
        ) from None


def _pdf_front(source: str | None) -> Callable[[bytes], Document]:
    if any(importlib.util.find_spec(name) is None for name in ("pypdfium2", "pdfplumber")):
        raise ReadError(
            "读取 PDF 需要“pypdfium2”和“pdfplumber”，请安装：“pip install 'gov-disclosure[pdf]'”",
            "reading PDF needs pypdfium2 and pdfplumber: pip install 'gov-disclosure[pdf]'",
            source,
        )
    from ._pdf import from_pdf  # PDFium's bindings are loaded for a PDF only

    return from_pdf


def read(source: str | os.PathLike[str] | bytes, *, format: ReadFormat = "auto", edition: str = "auto") -> Reading:
    """Read a report from a path or the file's bytes: a published one (page text, HTML, Word or PDF), or one
    kept in the wire format (JSON, YAML), loaded and validated — a kept report that is not valid gives no report
    and its ``LOAD-*`` findings.

    ``format`` is told by the file name (a kept report's only by it) or the content when ``"auto"``; ``edition``
    (``"2019"``, ``"2021"``) overrides telling it from a published report's tables (a kept report states its
    own). Raises :class:`ReadError` when the input cannot be read at all.
    """
    name = None
    if isinstance(source, bytes):
        data = source
    else:
        name = os.fspath(source)
        try:
            data = Path(name).read_bytes()
        except OSError as exc:
            reason, reason_en = system_reason(exc)
            raise ReadError(f"无法读取文件：{reason}", f"cannot read the file: {reason_en}", name) from None
    if format == "auto":
        format = _FORMATS.get(Path(name).suffix.lower(), "auto") if name else "auto"
        if format == "auto":
            format = _sniff(data)
    if format in ("json", "yaml"):
        return _kept(data, format, name)
    return match(_document(data, format, name), edition=edition, source=name)


def _kept(data: bytes, format: Literal["json", "yaml"], source: str | None) -> Reading:
    """The reading of a report kept in the wire format: loaded and validated, or its ``LOAD-*`` findings."""
    try:
        report = loads(data, format=format, source=source)
    except LoadError as exc:
        return Reading(report=None, findings=exc.findings, sources={}, source=source)
    return Reading(report=report, findings=tuple(validate(report)), sources={}, source=source)


def read_text(text: str, *, edition: str = "auto") -> Reading:
    """Read a report from text in memory: page text, one cell per line."""
    return match(from_text(text), edition=edition)


def read_html(source: str | os.PathLike[str] | bytes, *, edition: str = "auto") -> Reading:
    """Read a report from an HTML page (a path or its bytes)."""
    return read(source, format="html", edition=edition)


def read_pdf(source: str | os.PathLike[str] | bytes, *, edition: str = "auto") -> Reading:
    """Read a report from a text PDF (a path or its bytes); needs the ``pdf`` extra (pypdfium2, pdfplumber)."""
    return read(source, format="pdf", edition=edition)


def read_docx(source: str | os.PathLike[str] | bytes, *, edition: str = "auto") -> Reading:
    """Read a report from a Word document (a path or its bytes)."""
    return read(source, format="docx", edition=edition)
