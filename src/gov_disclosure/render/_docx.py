"""The report as a Word document in the official layout, rendered with docxtpl.

A template is prepared once for its content (:func:`_prepared`, a few kept): what docxtpl renders of it — the
body, headers, footers, footnotes and document properties — patched and compiled, the document around the body
and its properties parsed, and the other members of its zip kept as they are compressed. A render then renders
those texts, finishes them as docxtpl does, and writes them beside the kept members, copied as they are.
"""

from __future__ import annotations

import copy
import functools
import io
import json
import os
import re
import traceback
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import jinja2
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.coreprops import CoreProperties
from docx.opc.oxml import serialize_part_xml
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Length, Pt
from docx.text.parfmt import ParagraphFormat
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
from ._zip import Member, deflated, members, written


@functools.cache
def _environment() -> SandboxedEnvironment:
    return environment()


@functools.cache
def _text_environment() -> SandboxedEnvironment:
    """Where the document properties render: they are plain text, not XML."""
    return environment(autoescape=False)


_TAGGED = ("title", "creator", "subject", "keywords", "category", "identifier", "language")
"""The document properties (of ``docProps/core.xml``) that a template may write with tags (``{{ agency }}``);
``description`` carries what the document says of itself."""


@functools.cache
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


_LISTED = re.compile("[\t\a\n\f]")
"""The characters docxtpl's ``resolve_listing`` changes."""
_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)
"""What docxtpl's ``resolve_listing`` takes for a paragraph."""


class _Engine(DocxTemplate):  # type: ignore[misc]
    """docxtpl's own steps before and after the Jinja render of a part (``DocxTemplate.render_xml_part`` and
    ``render``), for texts compiled once: one for each render, as docxtpl numbers a render's pictures."""

    def __init__(self) -> None:
        super().__init__(io.BytesIO())
        self.docx_ids_index = 1000  # where DocxTemplate.render_init starts the numbers

    @staticmethod
    def source(xml: str) -> str:
        """What docxtpl compiles of a part's patched *xml*: each paragraph on a line of its own."""
        return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)

    def finished(self, rendered: str) -> str:
        """The XML docxtpl makes of a part *rendered*: the lines joined again, ``{_{`` turned into ``{{`` (and
        the like), tabs and line breaks of the text made Word's."""
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", rendered)
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        return self.resolve_listing(xml)

    def resolve_listing(self, xml: str) -> str:
        """docxtpl's, which makes Word's tabs, line and page breaks and paragraphs of those characters in the
        text, a paragraph at a time: given only the paragraphs that have one (its regular expressions on every
        paragraph took a third of a render)."""
        resolve = super().resolve_listing
        return _PARAGRAPH.sub(lambda p: str(resolve(p[0])) if _LISTED.search(p[0]) else p[0], xml)

    def body(self, rendered: str) -> Any:
        """The body *rendered* as an XML tree, its tables and its pictures' ids fixed as docxtpl fixes them."""
        tree = self.fix_tables(self.finished(rendered))
        self.fix_docpr_ids(tree)
        return tree


@attrs.frozen
class _Text:
    """A text docxtpl renders, compiled once — or the error compiling it raised, raised when it is rendered, where
    docxtpl raises it."""

    compiled: jinja2.Template | Exception

    @classmethod
    def of(cls, source: str, environment: SandboxedEnvironment) -> _Text:
        try:
            return cls(environment.from_string(source))
        except Exception as exc:  # a broken tag; kept without the frames of preparing
            return cls(exc.with_traceback(None))

    def render(self, values: Any) -> str:
        if isinstance(self.compiled, Exception):
            raise self.compiled.with_traceback(None)
        return self.compiled.render(values)


@attrs.frozen
class _Prepared:
    """A Word template ready to render, prepared once for its content (:func:`_prepared`)."""

    members: Mapping[str, Member]
    """The members of its zip, in order, as they are compressed."""
    fields: bool
    """Whether it has a field (see :func:`_has_fields`)."""
    document: str
    """The member of the main document."""
    root: Any
    """The main document's XML without its body, which goes at *at*; never changed (a render changes a copy)."""
    at: int
    body: _Text
    stories: Mapping[str, _Text]
    """The headers and footers, by member."""
    notes: Mapping[str, _Text]
    """The footnotes, by member."""
    core: str
    """The member of the document properties."""
    properties: Any
    """Their XML; never changed."""
    tagged: Mapping[str, _Text]
    """The properties written with tags, compiled, by their text."""
    closing: Mapping[str | None, Length | None]
    """The type size of a paragraph by its style's id, where the style is :data:`CLOSING_STYLE` (see
    :func:`_place_closing`); ``None`` stands for a paragraph without a style, or with one no style has."""


MOST_TEMPLATES = 8
"""The most Word templates kept prepared for rendering, by their content (the two shipped ones and a few of
agencies'): the one used longest ago is let go first."""


def _prepare(data: bytes) -> _Prepared:
    """The template *data* prepared (:class:`_Prepared`); any exception if it is not a Word document."""
    template = DocxTemplate(io.BytesIO(data))
    document = template.get_docx()
    package = document.part.package
    if not any(rel.reltype == RELATIONSHIP_TYPE.CORE_PROPERTIES for rel in package.rels.values()):
        _ = document.core_properties  # python-docx adds its own: a document has them
        saved = io.BytesIO()
        document.save(saved)
        return _prepare(saved.getvalue())
    body = template.patch_xml(template.get_xml())
    stories = {
        part.partname.membername: template.patch_xml(template.get_part_xml(part))
        for uri in (template.HEADER_URI, template.FOOTER_URI)
        for _, part in template.get_headers_footers(uri)
    }
    notes = {
        part.partname.membername: template.patch_xml(part.blob.decode("utf-8"))
        for part in package.parts
        if part.content_type == _FOOTNOTES
    }
    core = document.core_properties
    root = copy.deepcopy(document.element)
    at = root.index(root.body)
    root.remove(root.body)
    compiled = functools.partial(_Text.of, environment=_environment())
    return _Prepared(
        members=members(data),
        fields=_has_fields([body, *stories.values(), *notes.values(), *(getattr(core, p) or "" for p in _PROPERTIES)]),
        document=document.part.partname.membername,
        root=root,
        at=at,
        body=compiled(_Engine.source(body)),
        stories={member: compiled(_Engine.source(xml)) for member, xml in stories.items()},
        notes={member: compiled(_Engine.source(xml)) for member, xml in notes.items()},
        core=package.part_related_by(RELATIONSHIP_TYPE.CORE_PROPERTIES).partname.membername,
        properties=core._element,
        tagged={
            element.text: _Text.of(element.text, _text_environment()) for element in core._element if _tagged(element)
        },
        closing=_closing(document),
    )


_prepared = functools.lru_cache(maxsize=MOST_TEMPLATES)(_prepare)


def _open(template: Target | None, edition: str) -> _Prepared:
    """*template*, or the default of *edition*, prepared; a :class:`RenderError` if it is not a Word document."""
    data = default_template(edition) if template is None else _read(template)
    try:
        return _prepared(data)
    except Exception as exc:  # a damaged file fails deep inside zipfile, zlib, lxml or python-docx
        raise RenderError(
            f"{_name(template)}: cannot be opened as a Word document (.docx): {exc or type(exc).__name__}; "
            "save the template in Word or WPS as .docx"
        ) from None


_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
"""The document properties docxtpl renders as templates."""
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def _has_fields(texts: Iterable[str]) -> bool:
    """Whether *texts*, all that docxtpl renders of a template (its body, headers, footers, footnotes and
    properties), have a field: a ``{{ … }}`` or ``{% … %}`` tag. Yes if one has a broken tag: rendering names it
    and its line."""
    try:
        trees = [_environment().parse(text) for text in texts]
    except jinja2.TemplateSyntaxError:
        return True
    tags = (n for tree in trees for n in tree.find_all((nodes.Expr, nodes.Stmt)))
    return not all(isinstance(n, nodes.Output | nodes.TemplateData) for n in tags)


def _tagged(element: Any) -> bool:
    """Whether *element* of the document properties is one a template writes with tags, and does."""
    written = element.text or ""
    return element.tag.rpartition("}")[2] in _TAGGED and ("{{" in written or "{%" in written)


def _properties(
    prepared: _Prepared, report: Report, values: dict[str, Any], name: str, now: datetime
) -> CoreProperties:
    """The document properties: those the template writes with tags, rendered as text; the title and the
    author, the report's where the template has no tags for them; created and modified, *now*; the comments
    (``description``), what the document says of itself. Written to the XML: python-docx refuses text past 255
    characters, a limit of Word's dialog, not of the format."""
    core = CoreProperties(copy.deepcopy(prepared.properties))
    rendered = set()
    for element in core._element:
        if _tagged(element):
            tag = element.tag.rpartition("}")[2]
            try:
                element.text = prepared.tagged[element.text].render(values)
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
    return core


def render_docx(report: Report, template: Target | None = None) -> bytes:
    """The rendered document's bytes (no strictness check; see :func:`to_docx`)."""
    now = rendering_time()
    values = context(report)
    markup = _markup(values)
    prepared = _open(template, report.edition)
    name = _name(template)
    if template is not None and not prepared.fields:
        raise RenderError(
            f"{name}: has no fields — no {{{{ … }}}} tag for the report's values — so it would come out as it is; "
            "put a tag where each value goes (see templates/README.md), or start from a copy of a shipped template"
        )
    engine = _Engine()
    root = copy.deepcopy(prepared.root)
    try:  # a template is code: it can fail in any way its author wrote
        root.insert(prepared.at, engine.body(prepared.body.render(markup)))
        parts = {
            member: serialize_part_xml(parse_xml(engine.finished(text.render(markup)).encode("utf-8")))
            for member, text in prepared.stories.items()
        }
        parts |= {
            member: engine.finished(text.render(markup)).encode("utf-8") for member, text in prepared.notes.items()
        }
    except Exception as exc:
        raise RenderError(_failure(name, exc)) from None
    _place_closing(root, prepared.closing, report)
    parts[prepared.document] = serialize_part_xml(root)
    parts[prepared.core] = serialize_part_xml(_properties(prepared, report, values, name, now)._element)
    return written((deflated(m, parts[m]) if m in parts else kept for m, kept in prepared.members.items()), now)


CLOSING_STYLE = "落款"
"""The paragraph style of the 落款 and 成文日期 in the default templates."""


def _closing(document: Document) -> dict[str | None, Length | None]:
    """The type size of the 落款 by the id of each paragraph style of *document* that is :data:`CLOSING_STYLE`
    as python-docx finds a paragraph's style, ``None`` for the others."""
    styles = document.styles

    def size(style: Any) -> Length | None:
        return (style.font.size or Pt(16)) if style is not None and style.name == CLOSING_STYLE else None

    found = {style.style_id: size(styles.get_by_id(style.style_id, WD_STYLE_TYPE.PARAGRAPH)) for style in styles}
    return found | {None: size(styles.default(WD_STYLE_TYPE.PARAGRAPH))}


def _place_closing(root: Any, closing: Mapping[str | None, Length | None], report: Report) -> None:
    """Indent the 落款 and 成文日期 in the main document *root* as GB/T 9704-2012 7.3.5.2 places them (no seal):
    the body 右空二字, the date's first character two right of the body's first; a date longer than that 右空二字,
    the body moved left with it. Only the last two paragraphs of the style :data:`CLOSING_STYLE` (the type sizes
    *closing* gives), holding them, are changed: a template that prints them otherwise keeps its layout."""
    if not (report.signature and report.date):
        return
    lines = (report.signature, printed_date(report.date))
    paragraphs = root.iterfind(f"{qn('w:body')}/{qn('w:p')}")
    found = [(p, size) for p in paragraphs if (size := closing.get(p.style, closing[None]))]
    if [p.text for p, _ in found[-2:]] != list(lines):
        return
    body, date = (width(line) / 2 for line in lines)  # in characters: a digit is half of one
    indents = (2, body - date) if body >= date + 2 else (date + 4 - body, 2)
    size = found[-1][1]
    for (paragraph, _), characters in zip(found[-2:], indents, strict=True):
        ParagraphFormat(paragraph).right_indent = int(size * characters)
        paragraph.pPr.ind.set(qn("w:rightChars"), str(int(characters * 100)))


def _read(template: Target) -> bytes:
    """The bytes of *template*, a path or a binary stream (read from its start)."""
    if isinstance(template, str | os.PathLike):
        try:
            return Path(template).read_bytes()
        except OSError as exc:
            raise RenderError(f"{_name(template)}: cannot read the template: {exc.strerror}") from None
    if template.seekable():
        template.seek(0)
    return template.read()


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
