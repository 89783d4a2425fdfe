"""The report as one self-contained HTML page, with the same structure and tables as the Word document."""

from __future__ import annotations

import functools

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from ..model import Report
from ..rules import check
from ._context import environment, own_text, printed
from ._xml import NOT_XML, writable


@functools.cache
def _environment() -> SandboxedEnvironment:
    return environment(loader=jinja2.PackageLoader("gov_disclosure.render", "templates"), keep_trailing_newline=True)


@functools.cache
def _page() -> jinja2.Template:
    return _environment().get_template("report.html.j2")


def to_html(report: Report, *, strict: bool = True) -> str:
    """*report* as an HTML page: inline CSS, print styles, tables with ``<caption>``, ``<th scope>`` and spans.

    A report with an error finding is refused (:class:`ReportInvalidError`) unless *strict* is false, and one
    with a character no page can hold (as for Word) with a :class:`RenderError` naming the place.
    """
    if strict:
        check(report)
    values, at = printed(report)
    if NOT_XML.search(own_text(report, at)):
        writable(values, "an HTML page")  # refuses it, naming the place
    return _page().render(values)
