"""The report as one self-contained HTML page, with the same structure and tables as the Word document."""

from __future__ import annotations

import functools

import jinja2

from ..model import Report
from ..rules import check
from ._context import context


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("gov_disclosure.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def to_html(report: Report, *, strict: bool = True) -> str:
    """*report* as an HTML page: inline CSS, print styles, tables with ``<caption>``, ``<th scope>`` and spans.

    A report with an error finding is refused (:class:`ReportInvalidError`) unless *strict* is false.
    """
    if strict:
        check(report)
    return _environment().get_template("report.html.j2").render(context(report))
