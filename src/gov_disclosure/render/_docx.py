"""The report as a Word document in the official layout, rendered with docxtpl."""

from __future__ import annotations

import functools
import io
import json
import os
from importlib import resources
from pathlib import Path
from typing import IO, Any

import jinja2
from docxtpl import DocxTemplate
from markupsafe import Markup, escape

from ..model import RenderError, Report
from ..rules import check
from ..wire import META, Target, deliver, document_meta
from ._context import context
from ._xml import refuse_unwritable


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)


def default_template(edition: str) -> bytes:
    """The Word template shipped for *edition*."""
    return (resources.files("gov_disclosure.render") / "templates" / f"report-{edition}.docx").read_bytes()


def _markup(node: Any, where: str = "") -> Any:
    """The context with every string escaped for XML once and for all, refusing a character no Word document
    can hold with the place it stands (``overview[3]``) and its position.

    ``_`` is written as a character reference: docxtpl turns ``{_{`` into ``{{`` in what it renders, and a
    report's text must come out exactly as given.
    """
    if isinstance(node, str):
        refuse_unwritable(node, where.removesuffix(".text"), "a Word document")
        return Markup(str(escape(node)).replace("_", "&#95;"))
    if isinstance(node, dict):
        return {key: _markup(value, f"{where}.{key}" if where else key) for key, value in node.items()}
    if isinstance(node, list):
        return [_markup(value, f"{where}[{index}]") for index, value in enumerate(node)]
    return node


def render_docx(report: Report, template: Target | None = None) -> bytes:
    """The rendered document's bytes (no strictness check; see :func:`to_docx`)."""
    values = _markup(context(report))
    source = io.BytesIO(default_template(report.edition)) if template is None else _read(template)
    document = DocxTemplate(source)
    try:
        document.render(values, _environment())
    except jinja2.UndefinedError as exc:
        where = os.fspath(template) if isinstance(template, str | os.PathLike) else "the template"
        raise RenderError(
            f"{where} uses a name the report context does not have: {exc.message}; "
            "see docs/rendering.md for the names a template can use"
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(f"the template is not a valid docxtpl template: {exc.message} (line {exc.lineno})") from None
    # The comments (dc:description) carry what the document says of itself. python-docx refuses more than 255
    # characters there, a limit of Word's dialog, not of the format: a long name or title would not fit.
    description = document.docx.core_properties._element._get_or_add("description")
    description.text = json.dumps({META: document_meta(report)}, ensure_ascii=False)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _read(template: Target) -> IO[bytes]:
    if isinstance(template, str | os.PathLike):
        try:
            return io.BytesIO(Path(template).read_bytes())
        except OSError as exc:
            raise RenderError(f"{os.fspath(template)}: cannot read the template: {exc.strerror}") from None
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
