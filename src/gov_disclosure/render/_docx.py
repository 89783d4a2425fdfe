"""The report as a Word document in the official layout, rendered with docxtpl."""

from __future__ import annotations

import functools
import io
import json
import os
import traceback
import unicodedata
from importlib import resources
from pathlib import Path
from typing import IO, Any

import jinja2
from docx.oxml.ns import qn
from docx.shared import Pt
from docxtpl import DocxTemplate
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from ..model import RenderError, Report, printed_date
from ..rules import check
from ..wire import META, Target, deliver, document_meta
from ._context import context, environment
from ._xml import writable


@functools.cache
def _environment() -> SandboxedEnvironment:
    return environment()


def default_template(edition: str) -> bytes:
    """The Word template shipped for *edition*."""
    return (resources.files("gov_disclosure.render") / "templates" / f"report-{edition}.docx").read_bytes()


def _xml_text(text: str) -> Markup:
    """*text* escaped for XML. ``_`` is written as a character reference: docxtpl turns ``{_{`` into ``{{`` in
    what it renders, and a report's text must come out exactly as given."""
    return Markup(str(escape(text)).replace("_", "&#95;"))


def _markup(values: dict[str, Any]) -> Any:
    """The context with every string escaped for XML once and for all, refusing a character no Word document
    can hold with the place it stands (``overview[3]``) and its position."""
    return writable(values, "a Word document", _xml_text)


_NAMES = "docs/rendering.md"
"""Where the names and tags a template can use are listed."""

_FAILURES: tuple[tuple[type[Exception], str, str], ...] = (
    (
        jinja2.UndefinedError,
        "uses a name the report context does not have",
        f"see {_NAMES} for the names a template can use",
    ),
    (SecurityError, "is refused by the sandbox", f"a template can use only the report context (see {_NAMES})"),
    (jinja2.TemplateSyntaxError, "is not a valid docxtpl template", f"correct the tag (see {_NAMES})"),
    (Exception, "fails", "correct the expression"),
)
"""What a failing template did, by the kind of its error, and what to do."""


def _failure(name: str, exc: Exception) -> str:
    """The message of template *name* whose rendering raised *exc*: the line where Jinja knows it (docxtpl puts
    each paragraph on a line of its own), what went wrong and what to do."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        lines = [exc.lineno]
    else:  # the frames Jinja made for the template's own lines, innermost last
        lines = [n for frame, n in traceback.walk_tb(exc.__traceback__) if frame.f_code.co_filename == "<template>"]
    at = f", line {lines[-1]}," if lines else ""
    what, todo = next((what, todo) for kind, what, todo in _FAILURES if isinstance(exc, kind))
    detail = exc.message if isinstance(exc, jinja2.TemplateError) else f"{type(exc).__name__}: {exc}"
    return f"{name}{at} {what}: {(detail or '').removesuffix('.')}; {todo}"


def _name(template: Target | None) -> str:
    """How a message names *template*: its path, or "the template" (a stream, or the default)."""
    return os.fspath(template) if isinstance(template, str | os.PathLike) else "the template"


def _open(template: Target | None, edition: str) -> DocxTemplate:
    """*template*, or the default of *edition*, opened; a :class:`RenderError` if it is not a Word document."""
    document = DocxTemplate(io.BytesIO(default_template(edition)) if template is None else _read(template))
    try:
        document.get_docx()
    except Exception as exc:  # a damaged file fails deep inside zipfile, zlib, lxml or python-docx
        raise RenderError(
            f"{_name(template)}: cannot be opened as a Word document (.docx): {exc or type(exc).__name__}; "
            "save the template in Word or WPS as .docx"
        ) from None
    return document


def render_docx(report: Report, template: Target | None = None) -> bytes:
    """The rendered document's bytes (no strictness check; see :func:`to_docx`)."""
    values = _markup(context(report))
    document = _open(template, report.edition)
    try:
        document.render(values, _environment())
    except Exception as exc:  # a template is code: it can fail in any way its author wrote
        raise RenderError(_failure(_name(template), exc)) from None
    _place_closing(document.docx, report)
    # The comments (dc:description) carry what the document says of itself. python-docx refuses more than 255
    # characters there, a limit of Word's dialog, not of the format: a long name or title would not fit.
    description = document.docx.core_properties._element._get_or_add("description")
    description.text = json.dumps({META: document_meta(report)}, ensure_ascii=False)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


CLOSING_STYLE = "落款"
"""The paragraph style of the 落款 and 成文日期 in the default templates."""


def _characters(text: str) -> float:
    """How many characters wide *text* prints: a Chinese character one, a Latin letter or digit half."""
    return sum(1 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def _place_closing(document: Any, report: Report) -> None:
    """Indent the 落款 and 成文日期 as GB/T 9704-2012 7.3.5.2 places them (no seal): the body 右空二字, the date's
    first character two right of the body's first; a date longer than that 右空二字, the body moved left with it.
    Only the last two paragraphs of the style :data:`CLOSING_STYLE`, holding them, are changed: a template that
    prints them otherwise keeps its layout."""
    if not (report.signature and report.date):
        return
    lines = (report.signature, printed_date(report.date))
    found = [p for p in document.paragraphs if p.style is not None and p.style.name == CLOSING_STYLE]
    if [p.text for p in found[-2:]] != list(lines):
        return
    body, date = map(_characters, lines)
    indents = (2, body - date) if body >= date + 2 else (date + 4 - body, 2)
    size = found[-1].style.font.size or Pt(16)
    for paragraph, characters in zip(found[-2:], indents, strict=True):
        paragraph.paragraph_format.right_indent = int(size * characters)
        paragraph.paragraph_format.element.pPr.ind.set(qn("w:rightChars"), str(int(characters * 100)))


def _read(template: Target) -> IO[bytes]:
    if isinstance(template, str | os.PathLike):
        try:
            return io.BytesIO(Path(template).read_bytes())
        except OSError as exc:
            raise RenderError(f"{_name(template)}: cannot read the template: {exc.strerror}") from None
    return template


def to_docx(
    report: Report, target: Target | None = None, *, template: Target | None = None, strict: bool = True
) -> bytes:
    """Render *report* as a Word document; return its bytes, and write them to *target* if given.

    *target* is a path (written atomically) or a binary stream; *template* an agency's own ``.docx``
    (a path or a binary stream) instead of the default of the report's edition. A report with an error
    finding is refused (:class:`ReportInvalidError`) unless *strict* is false.
    """
    if strict:
        check(report)
    return deliver(render_docx(report, template), target)
