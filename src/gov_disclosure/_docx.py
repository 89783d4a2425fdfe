"""The report as a Word document in the official layout, rendered with docxtpl."""

from __future__ import annotations

import functools
import io
import json
import os
import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import IO, Any

import jinja2
from docxtpl import DocxTemplate
from markupsafe import Markup, escape

from ._context import META, context, document_meta
from ._errors import RenderError
from ._files import write_atomically
from ._report import Report
from ._rules import check

Target = str | os.PathLike[str] | IO[bytes]

# Characters XML 1.0 forbids: no Word document can hold them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)


def default_template(edition: str) -> bytes:
    """The Word template shipped for *edition*."""
    return (resources.files("gov_disclosure") / "templates" / f"report-{edition}.docx").read_bytes()


def _texts(node: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every string of a template context with where it is, e.g. ``("overview[3]", "…")``."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key != "sections":
                yield from _texts(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _texts(value, f"{path}[{index}]")


def _markup(node: Any) -> Any:
    """The context with every string escaped for XML once and for all.

    ``_`` is written as a character reference: docxtpl turns ``{_{`` into ``{{`` in what it renders, and a
    report's text must come out exactly as given.
    """
    if isinstance(node, str):
        return Markup(str(escape(node)).replace("_", "&#95;"))
    if isinstance(node, dict):
        return {key: _markup(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_markup(value) for value in node]
    return node


def _check_characters(values: dict[str, Any]) -> None:
    for where, text in _texts(values, ""):
        found = _NOT_XML.search(text)
        if found:
            where = where.removesuffix(".text")
            raise RenderError(
                f"{where}: character {found.group()!r} at position {found.start()} cannot be written to a Word "
                "document (XML 1.0 forbids it; it often comes from pasting out of Word); remove it from the text"
            )


def render_docx(report: Report, template: Target | None = None) -> bytes:
    """The rendered document's bytes (no strictness check; see :func:`to_docx`)."""
    values = context(report)
    _check_characters(values)
    source = io.BytesIO(default_template(report.edition)) if template is None else _read(template)
    document = DocxTemplate(source)
    try:
        document.render(_markup(values), _environment())
    except jinja2.UndefinedError as exc:
        where = os.fspath(template) if isinstance(template, str | os.PathLike) else "the template"
        raise RenderError(
            f"{where} uses a name the report context does not have: {exc.message}; "
            "see docs/rendering.md for the names a template can use"
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(f"the template is not a valid docxtpl template: {exc.message} (line {exc.lineno})") from None
    document.docx.core_properties.comments = json.dumps({META: document_meta(report)}, ensure_ascii=False)
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
    finding is refused (:class:`ReportInvalid`) unless *strict* is false.
    """
    if strict:
        check(report)
    data = render_docx(report, template)
    if isinstance(target, str | os.PathLike):
        write_atomically(data, target)
    elif target is not None:
        target.write(data)
    return data
