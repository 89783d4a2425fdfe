"""The template context of a report, built by walking the model.

Every value becomes the text it is printed as (counts as digits, ``0`` included; money exactly as stored,
a 2019 procurement amount with its unit; the 成文日期 as a 公文 prints it, ``2025年1月20日``); narrative becomes a
list of blocks. The six sections, with their statutory headings and the printed layout of their tables, come in
order under ``sections``; the title comes whole (``title``) and broken into the lines it is printed on
(``title_lines``). Every template, Word or HTML, renders in :func:`environment`.
"""

from __future__ import annotations

import datetime
import functools
import json
import operator
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import jinja2
from jinja2.runtime import LoopContext
from jinja2.sandbox import SandboxedEnvironment

from ..model import (
    Heading,
    Kind,
    Narrative,
    PrintedCell,
    Report,
    Section,
    Table,
    display,
    parts,
    printed_date,
    sections,
)
from ..wire import document_meta
from ._title import title_lines

_Printer = Callable[[Any, str, dict[str, Any]], Any]
"""How a value is printed, given its unit (for money) and the printed values found so far."""


def _blocks(narrative: Narrative, unit: str, at: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"heading": isinstance(b, Heading), "text": b.text} for b in narrative.blocks]


def _as_is(value: Any, unit: str, at: dict[str, Any]) -> Any:
    return value


def _digits(value: int, unit: str, at: dict[str, Any]) -> str:
    return str(value)


def _money(value: Any, unit: str, at: dict[str, Any]) -> str:
    return display(value, unit if isinstance(value, Decimal) else "")


def _date(value: datetime.date, unit: str, at: dict[str, Any]) -> str:
    return printed_date(value)


_PRINTERS: dict[Kind, _Printer] = {
    Kind.NARRATIVE: _blocks,
    Kind.TEXT: _as_is,
    Kind.NAMES: _as_is,
    Kind.UNIT: _as_is,
    Kind.DATE: _date,
    Kind.MONEY: _money,
    Kind.COUNT: _digits,
    Kind.SIGNED_COUNT: _digits,
    Kind.YEAR: _digits,
}


_DIGITS = frozenset({Kind.COUNT, Kind.SIGNED_COUNT, Kind.YEAR})


@attrs.frozen
class _Plan:
    """How an object of one class at one wire path is printed."""

    names: tuple[str, ...]
    paths: tuple[str, ...]
    values: Callable[[Any], tuple[Any, ...]]
    """Its values, in the order of *names*."""
    printers: tuple[_Printer, ...] | None
    """How each value is printed; ``None`` when every one is a count, printed as its digits."""
    unit: int | None
    """Where among its values its unit is, if it has one."""


@functools.cache
def _plan(cls: Any, path: str) -> _Plan:
    found = parts(cls)
    names = tuple(p.name for p in found)
    paths = tuple(f"{path}.{name}" if path else name for name in names)
    getter = operator.attrgetter(*names)
    values = getter if len(names) > 1 else lambda obj: (getter(obj),)
    printers = tuple(
        _part(_plan(p.type, where)) if p.kind is Kind.PART else _PRINTERS[p.kind]
        for p, where in zip(found, paths, strict=True)
    )
    counts = all(p.kind in _DIGITS and not p.optional for p in found)
    unit = next((k for k, p in enumerate(found) if p.kind is Kind.UNIT), None)
    return _Plan(names, paths, values, None if counts else printers, unit)


def _part(plan: _Plan) -> _Printer:
    return lambda value, unit, at: _tree(value, plan, at)


def _tree(obj: Any, plan: _Plan, at: dict[str, Any]) -> dict[str, Any]:
    """The printed text of every value under *obj*, nested as the wire format is; *at* gets each one by its path."""
    values = plan.values(obj)
    tree: dict[str, Any] = {}
    if plan.printers is None:
        for name, where, value in zip(plan.names, plan.paths, values, strict=True):
            tree[name] = at[where] = str(value)
        return tree
    unit = "" if plan.unit is None else values[plan.unit]
    for name, where, printer, value in zip(plan.names, plan.paths, plan.printers, values, strict=True):
        tree[name] = at[where] = None if value is None else printer(value, unit, at)
    return tree


_Figure = tuple[int, int, str, PrintedCell]
"""A value cell of a table, after its row, its place in the row and its wire path."""


@functools.cache
def _layout(cls: Any) -> tuple[tuple[Section, tuple[_Figure, ...]], ...]:
    """The sections of report class *cls*, every figure in their tables 0, each with its table's value cells."""
    found = sections(cls, lambda path: "0")
    return tuple(
        (s, tuple((r, k, c.path, c) for r, row in enumerate(s.table.rows) for k, c in enumerate(row) if c.path))
        if s.table
        else (s, ())
        for s in found
    )


def _filled(table: Table, figures: tuple[_Figure, ...], at: dict[str, Any]) -> Table:
    """*table* (of :func:`_layout`) with the printed value in each of its value cells (*figures*): a row is made
    anew only where one of them is not the 0 it holds (most figures of a report are 0)."""
    changed: dict[int, list[PrintedCell]] = {}
    for r, k, path, cell in figures:
        text = at[path]
        if text != cell.text:
            row = changed.get(r) or changed.setdefault(r, list(table.rows[r]))
            row[k] = PrintedCell(text, path, cell.scope, cell.rowspan, cell.colspan)
    if not changed:
        return table
    rows = tuple(tuple(changed[r]) if r in changed else row for r, row in enumerate(table.rows))
    return Table(rows, table.width, table.heading_rows)


@functools.cache
def _texts(cls: Any, path: str = "") -> tuple[tuple[str, Kind], ...]:
    """The path and kind of every part of *cls* (at *path*) holding a report's own text."""
    found: list[tuple[str, Kind]] = []
    for p in parts(cls):
        where = f"{path}.{p.name}" if path else p.name
        if p.kind is Kind.PART:
            found.extend(_texts(p.type, where))
        elif p.kind in (Kind.TEXT, Kind.NAMES, Kind.NARRATIVE):
            found.append((where, p.kind))
    return tuple(found)


def own_text(report: Report, at: dict[str, Any]) -> str:
    """Every text of *report* (*at* its printed values by path), in one string: every other string of its context
    is the model's own (a label, a heading, digits)."""
    texts: list[str] = []
    cls: Any = type(report)
    for path, kind in _texts(cls):
        value = at[path]
        if value is None:
            continue
        if kind is Kind.TEXT:
            texts.append(value)
        elif kind is Kind.NAMES:
            texts.extend(value)
        else:
            texts.extend(block["text"] for block in value)
    return "\n".join(texts)


def context(report: Report) -> dict[str, Any]:
    """What the templates are given: the report's values as printed, and its sections in order."""
    return printed(report)[0]


def printed(report: Report) -> tuple[dict[str, Any], dict[str, Any]]:
    """The :func:`context` of *report*, and its printed values by wire path."""
    cls: Any = type(report)
    at: dict[str, Any] = {}
    tree = _tree(report, _plan(cls, ""), at)
    found = [
        {
            "name": section.name,
            "heading": section.heading,
            "blocks": section.blocks,
            "table": None if section.table is None else _filled(section.table, figures, at),
            "narrative": at[section.blocks],
        }
        for section, figures in _layout(cls)
    ]
    meta = json.dumps(document_meta(report), ensure_ascii=False)
    values = {
        **tree,
        "edition": cls.edition,
        "title": report.full_title,
        "title_lines": title_lines(report.full_title, report.agency),
        "author": report.signature or report.agency,
        "sections": found,
        "meta": meta,
    }
    return values, at


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
