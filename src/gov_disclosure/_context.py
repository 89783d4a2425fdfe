"""The template context of a report, built by walking the model.

Every value becomes the text it is printed as (counts as digits, ``0`` included; money exactly as stored,
a 2019 procurement amount with its unit); narrative becomes a list of blocks. The six sections, with their
statutory headings and the printed layout of their tables, come in order under ``sections``.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from ._fields import Kind, parts
from ._layout import Value, appeals_table, applications_table, display, proactive_table
from ._narrative import Heading, Narrative
from ._report import SECTIONS, Report
from ._wire import to_dict

META = "gov-disclosure"
"""The name under which a rendered document carries what it says of itself (see :func:`document_meta`)."""

_TABLES = {"proactive": proactive_table, "applications": applications_table, "appeals": appeals_table}


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
        else:
            tree[p.name] = display(value, unit if isinstance(value, Decimal) else "")
    return tree


def _lookup(tree: dict[str, Any], path: str) -> Any:
    node: Any = tree
    for name in path.split("."):
        node = node[name]
    return node


def sections(cls: Any, value: Value) -> list[dict[str, Any]]:
    """The six sections of a report class in order: wire name, statutory heading, the wire path of its
    narrative (``blocks``), and its table (or ``None``) laid out with *value* in the value cells."""
    found = []
    for p in parts(cls):
        if p.label not in SECTIONS:
            continue
        table = _TABLES[p.name](p.type, value, p.name) if p.kind is Kind.PART else None
        blocks = p.name if p.kind is Kind.NARRATIVE else f"{p.name}.narrative"
        found.append({"name": p.name, "heading": p.label, "blocks": blocks, "table": table})
    return found


def document_meta(report: Report) -> dict[str, Any]:
    """What a rendered document says of itself, so that reading it back gives the report exactly: the figures
    that are not printed (the 信息处理费 figures of 2021) and the heading, as on the wire."""
    data = to_dict(report)
    return {
        key: data[key] for key in ("edition", "agency", "year", "title", "consolidated_from", "fees") if key in data
    }


def context(report: Report) -> dict[str, Any]:
    """What the templates are given: the report's values as printed, and its sections in order."""
    cls = type(report)
    tree = _tree(report, cls)
    found = sections(cls, lambda path: _lookup(tree, path))
    for section in found:
        section["narrative"] = _lookup(tree, section["blocks"])
    meta = json.dumps(document_meta(report), ensure_ascii=False)
    return {**tree, "edition": cls.edition, "title": report.full_title, "sections": found, "meta": meta}
