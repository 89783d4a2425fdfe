"""The report as a Word document in the official layout, rendered with docxtpl."""

from __future__ import annotations

import functools
import io
import json
import os
import traceback
import zipfile
from collections.abc import Iterator
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import IO, Any

import jinja2
from docx.oxml.ns import qn
from docx.shared import Pt
from docxtpl import DocxTemplate
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from ..model import RenderError, Report, printed_date
from ..rules import check
from ..wire import META, Target, deliver, document_meta
from ._context import context, environment
from ._title import width
from ._xml import writable


@functools.cache
def _environment() -> SandboxedEnvironment:
    return environment()


@functools.cache
def _text_environment() -> SandboxedEnvironment:
    """Where the document properties render: they are plain text, not XML."""
    return environment(autoescape=False)


class _Template(DocxTemplate):  # type: ignore[misc]
    """A docxtpl template whose document properties :func:`_properties` renders: docxtpl renders them with the
    context escaped for XML, which python-docx escapes again (``&amp;amp;``)."""

    def render_properties(self, context: Any, jinja_env: Any = None) -> None:
        pass


_TAGGED = ("title", "creator", "subject", "keywords", "category", "identifier", "language")
"""The document properties (of ``docProps/core.xml``) that a template may write with tags (``{{ agency }}``);
``description`` carries what the document says of itself."""


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


_ZIP_EPOCH = 315532800
"""1980-01-01 UTC, the earliest time a zip file (a .docx) can date its parts."""


def rendering_time() -> datetime:
    """When a document is rendered: now, in UTC to the second, or the time ``SOURCE_DATE_EPOCH`` fixes (the
    convention of reproducible builds: the same report rendered with it set is the same bytes; not before 1980)."""
    fixed = os.environ.get("SOURCE_DATE_EPOCH")
    if fixed is None:
        return datetime.now(timezone.utc).replace(microsecond=0)
    try:
        return datetime.fromtimestamp(max(int(fixed), _ZIP_EPOCH), timezone.utc)
    except (ValueError, OverflowError):
        raise RenderError(
            f"SOURCE_DATE_EPOCH={fixed!r} is not a time: give the seconds since 1970-01-01 UTC, or unset it"
        ) from None


def _properties(document: DocxTemplate, report: Report, values: dict[str, Any], name: str, now: datetime) -> None:
    """Set the document properties: those the template writes with tags, rendered as text; the title and the
    author, the report's where the template has no tags for them; created and modified, *now*; the comments
    (``description``), what the document says of itself. Written to the XML: python-docx refuses text past 255
    characters, a limit of Word's dialog, not of the format."""
    core = document.docx.core_properties
    rendered = set()
    for element in core._element:
        tag, written = element.tag.rpartition("}")[2], element.text or ""
        if tag in _TAGGED and ("{{" in written or "{%" in written):
            try:
                element.text = _text_environment().from_string(written).render(values)
            except Exception as exc:  # a property is a template like the rest
                raise RenderError(_failure(f"{name} (document property {tag})", exc)) from None
            rendered.add(tag)
    for tag, text in {"title": values["title"], "creator": values["author"]}.items():
        if tag not in rendered:
            core._element._get_or_add(tag).text = text
    core._element._get_or_add("lastModifiedBy").text = core._element._get_or_add("creator").text
    core._element._get_or_add("description").text = json.dumps({META: document_meta(report)}, ensure_ascii=False)
    core.created = core.modified = now
    core.revision = 1


def _stamped(data: bytes, now: datetime) -> bytes:
    """*data*, a zip, with every part dated *now* (not the moment it was zipped)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            dated = zipfile.ZipInfo(info.filename, now.timetuple()[:6])
            target.writestr(dated, source.read(info), zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _open(template: Target | None, edition: str) -> DocxTemplate:
    """*template*, or the default of *edition*, opened; a :class:`RenderError` if it is not a Word document."""
    document = _Template(io.BytesIO(default_template(edition)) if template is None else _read(template))
    try:
        document.get_docx()
    except Exception as exc:  # a damaged file fails deep inside zipfile, zlib, lxml or python-docx
        raise RenderError(
            f"{_name(template)}: cannot be opened as a Word document (.docx): {exc or type(exc).__name__}; "
            "save the template in Word or WPS as .docx"
        ) from None
    return document


_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
"""The document properties docxtpl renders as templates."""
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def _template_texts(document: DocxTemplate) -> Iterator[str]:
    """Every text of *document* that docxtpl renders: its body, headers, footers, footnotes and properties."""
    yield document.patch_xml(document.get_xml())
    for uri in (document.HEADER_URI, document.FOOTER_URI):
        for _, part in document.get_headers_footers(uri):
            yield document.patch_xml(document.get_part_xml(part))
    for part in document.docx.part.package.parts:
        if part.content_type == _FOOTNOTES:
            yield document.patch_xml(part.blob.decode("utf-8"))
    properties = document.docx.core_properties
    yield from (getattr(properties, name) or "" for name in _PROPERTIES)


def _has_fields(document: DocxTemplate, template: Target) -> None:
    """Refuse an agency's *template* without fields — no ``{{ … }}`` or ``{% … %}`` tag in anything docxtpl
    renders (a blank form, say): it would come out unchanged, as if it had been filled in."""
    try:
        trees = [_environment().parse(text) for text in _template_texts(document)]
    except jinja2.TemplateSyntaxError:  # a broken tag: rendering names it and its line
        return
    tags = (n for tree in trees for n in tree.find_all((nodes.Expr, nodes.Stmt)))
    if all(isinstance(n, nodes.Output | nodes.TemplateData) for n in tags):
        raise RenderError(
            f"{_name(template)}: has no fields — no {{{{ … }}}} tag for the report's values — so it would come out "
            "as it is; put a tag where each value goes (see templates/README.md), or start from a copy of a "
            "shipped template"
        )


def render_docx(report: Report, template: Target | None = None) -> bytes:
    """The rendered document's bytes (no strictness check; see :func:`to_docx`)."""
    now = rendering_time()
    values = context(report)
    markup = _markup(values)
    document = _open(template, report.edition)
    if template is not None:
        _has_fields(document, template)
    try:
        document.render(markup, _environment())
    except Exception as exc:  # a template is code: it can fail in any way its author wrote
        raise RenderError(_failure(_name(template), exc)) from None
    _place_closing(document.docx, report)
    _properties(document, report, values, _name(template), now)
    out = io.BytesIO()
    document.save(out)
    return _stamped(out.getvalue(), now)


CLOSING_STYLE = "落款"
"""The paragraph style of the 落款 and 成文日期 in the default templates."""


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
    body, date = (width(line) / 2 for line in lines)  # in characters: a digit is half of one
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
    (a path or a binary stream) instead of the default of the report's edition — one without fields
    (``{{ … }}`` tags) is refused (:class:`RenderError`). A report with an error finding is refused
    (:class:`ReportInvalidError`) unless *strict* is false.
    """
    if strict:
        check(report)
    return deliver(render_docx(report, template), target)
