"""The template context of a report, built by walking the model.

Every value becomes the text it is printed as (counts as digits, ``0`` included; money exactly as stored,
a 2019 procurement amount with its unit; the 成文日期 as a 公文 prints it, ``2025年1月20日``); narrative becomes a
list of blocks. The six sections, with their statutory headings and the printed layout of their tables, come in
order under ``sections``; the title comes whole (``title``) and broken into the lines it is printed on
(``title_lines``). Every template, Word or HTML, renders in :func:`environment`.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import attrs
import jinja2
from jinja2.runtime import LoopContext
from jinja2.sandbox import SandboxedEnvironment

from ..model import Heading, Kind, Narrative, PrintedCell, Report, display, parts, printed_date, sections
from ..wire import document_meta
from ._title import title_lines


def _blocks(narrative: Narrative) -> list[dict[str, Any]]:
    return [{"heading": isinstance(b, Heading), "text": b.text} for b in narrative.blocks]


def _tree(obj: Any, cls: Any) -> dict[str, Any]:
    """The printed text of every value under *obj*, nested as the wire format is."""
    unit = next((getattr(obj, p.name) for p in parts(cls) if p.kind is Kind.UNIT), "")
    tree: dict[str, Any] = {}
    for p in parts(cls):
        value = getattr(obj, p.name)
        if p.kind is Kind.NARRATIVE:
            tree[p.name] = _blocks(value)
        elif p.kind is Kind.PART:
            tree[p.name] = _tree(value, p.type)
        elif value is None or p.kind in (Kind.TEXT, Kind.NAMES):
            tree[p.name] = value
        elif p.kind is Kind.DATE:
            tree[p.name] = printed_date(value)
        else:
            tree[p.name] = display(value, unit if isinstance(value, Decimal) else "")
    return tree


def _lookup(tree: dict[str, Any], path: str) -> Any:
    node: Any = tree
    for name in path.split("."):
        node = node[name]
    return node


def context(report: Report) -> dict[str, Any]:
    """What the templates are given: the report's values as printed, and its sections in order."""
    cls = type(report)
    tree = _tree(report, cls)
    found = [
        {
            "name": section.name,
            "heading": section.heading,
            "blocks": section.blocks,
            "table": section.table,
            "narrative": _lookup(tree, section.blocks),
        }
        for section in sections(cls, lambda path: _lookup(tree, path))
    ]
    meta = json.dumps(document_meta(report), ensure_ascii=False)
    return {
        **tree,
        "edition": cls.edition,
        "title": report.full_title,
        "title_lines": title_lines(report.full_title, report.agency),
        "author": report.signature or report.agency,
        "sections": found,
        "meta": meta,
    }


_CELL_FIELDS = frozenset(a.name for a in attrs.fields(PrintedCell))
_LOOP_FIELDS = frozenset({"index", "index0", "first", "last", "length", "revindex", "revindex0", "depth", "depth0"})
"""The counters of a ``for`` loop's ``loop`` (Jinja's own object): plain numbers and booleans."""


class _Sandbox(SandboxedEnvironment):
    """Jinja's sandbox, reading a field of a table cell (an HTML page reads some thousands) or a loop's counter
    without its checks, which could only pass: a cell holds text, numbers and ``None``, a counter is a number,
    under names without ``_``."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        kind = type(obj)
        if (kind is PrintedCell and attribute in _CELL_FIELDS) or (kind is LoopContext and attribute in _LOOP_FIELDS):
            return getattr(obj, attribute)
        return super().getattr(obj, attribute)


def environment(**options: Any) -> SandboxedEnvironment:
    """The Jinja environment of a template: sandboxed (a template reaches the context it is given, never Python's
    internals: an attempt is a :class:`jinja2.exceptions.SecurityError`), autoescaping unless *options* say
    otherwise, and failing on a name the context does not have."""
    return _Sandbox(**{"autoescape": True, "undefined": jinja2.StrictUndefined, **options})
