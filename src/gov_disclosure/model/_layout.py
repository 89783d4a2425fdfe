"""The printed layout of the three tables, derived from the model: rows, columns and merged cells.

One layout serves every output: the HTML page fills it with values, the Word templates are built from it
with a template tag in each value cell, and the readers compare what they find against it. Each table is
laid out from :func:`parts` — its labels, groups and order — so no row is spelled out here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import attrs

from ._applications import ApplicantCounts, Applications
from ._fields import Kind, Part, parts
from ._proactive import CONTENT
from ._report import SECTIONS

Value = Callable[[str], str]
"""The text of the value cell at a wire path."""


@attrs.frozen
class PrintedCell:
    """One cell as printed: a header or label (``scope`` as in HTML) or the value at a wire path, with its spans."""

    text: str
    path: str | None = None
    scope: str | None = None
    rowspan: int = 1
    colspan: int = 1


def _head(text: str | None, *, colspan: int = 1, rowspan: int = 1) -> PrintedCell:
    """A column header; one over several columns heads a group of them."""
    scope = "colgroup" if colspan > 1 else "col"
    return PrintedCell(text or "", scope=scope, rowspan=rowspan, colspan=colspan)


def _label(text: str | None, *, colspan: int = 1, rowspan: int = 1) -> PrintedCell:
    """A row label; one beside several rows labels a group of them."""
    scope = "rowgroup" if rowspan > 1 else "row"
    return PrintedCell(text or "", scope=scope, rowspan=rowspan, colspan=colspan)


def _value(value: Value, path: str, *, colspan: int = 1) -> PrintedCell:
    return PrintedCell(value(path), path=path, colspan=colspan)


@attrs.frozen
class Table:
    """A table as printed: its rows of cells, cells covered by a span left out (as HTML has them)."""

    rows: tuple[tuple[PrintedCell, ...], ...]
    width: int
    heading_rows: int = 0
    """How many rows at the top head every column (repeated on each page of a long table)."""

    @property
    def label_columns(self) -> int:
        """How many columns at the left hold row labels (0 when the table has none)."""
        values = [c for _, c, cell in self.placed() if cell.path]
        return min(values) if values else 0

    def kept_with_next(self) -> list[bool]:
        """For each row, whether a page may not break after it: a row without figures (a header, a caption) and
        every row before the table's second row of figures, so that no table starts at a page's foot with its
        header alone or one row of figures; never the last row."""
        figures = [r for r, row in enumerate(self.rows) if any(cell.path for cell in row)]
        opening = figures[1] if len(figures) > 1 else len(self.rows)
        last = len(self.rows) - 1
        return [r < last and (r < opening or r not in figures) for r in range(len(self.rows))]

    def placed(self) -> list[tuple[int, int, PrintedCell]]:
        """Every cell with its grid row and column (of its top left corner)."""
        return self._grid()[1]

    def matrix(self) -> list[list[PrintedCell]]:
        """Every grid position with the cell covering it (as Word and python-docx have them)."""
        return self._grid()[0]

    def _grid(self) -> tuple[list[list[PrintedCell]], list[tuple[int, int, PrintedCell]]]:
        grid: list[list[PrintedCell | None]] = [[None] * self.width for _ in self.rows]
        placed = []
        for r, row in enumerate(self.rows):
            c = 0
            for cell in row:
                while grid[r][c] is not None:
                    c += 1
                placed.append((r, c, cell))
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        grid[r + dr][c + dc] = cell
                c += cell.colspan
        if any(cell is None for row in grid for cell in row):
            raise ValueError("the layout leaves a grid position empty")
        return grid, placed  # type: ignore[return-value]


def value_columns(cls: Any) -> list[Part]:
    """The printed columns of a row class: its values; a unit is printed with its amount."""
    return [p for p in parts(cls) if p.kind is not Kind.UNIT]


def proactive_table(cls: Any, value: Value, prefix: str) -> Table:
    """Section 二: one table of every 第二十条 item, each with its caption, header row and rows.

    Each table here is laid out for the section class *cls* at wire path *prefix*, with *value* giving the
    text of each value cell.
    """
    rows = [p for p in parts(cls) if p.kind is Kind.PART]
    slots = math.lcm(*(len(value_columns(p.type)) for p in rows))
    lines: list[tuple[PrintedCell, ...]] = []
    for index, row in enumerate(rows):
        columns = value_columns(row.type)
        span = slots // len(columns)
        if index == 0 or rows[index - 1].group != row.group:
            lines.append((_head(row.group, colspan=slots + 1),))
            lines.append((_head(CONTENT), *(_head(c.label, colspan=span) for c in columns)))
        values = (_value(value, f"{prefix}.{row.name}.{c.name}", colspan=span) for c in columns)
        lines.append((_label(row.label), *values))
    return Table(rows=tuple(lines), width=slots + 1)


def _applicant_header(note: str) -> list[tuple[PrintedCell, ...]]:
    """The three header rows of section 三: the note, 申请人情况, the applicant columns and their group."""
    columns = parts(ApplicantCounts)
    grouped = [p for p in columns if p.group]
    second: list[PrintedCell] = []
    for p in columns:
        if p.group is None:
            second.append(_head(p.label, rowspan=2))
        elif p is grouped[0]:
            second.append(_head(p.group, colspan=len(grouped)))
    return [
        (_head(note, rowspan=3, colspan=3), _head(ApplicantCounts.HEADER, colspan=len(columns))),
        tuple(second),
        tuple(_head(p.label) for p in grouped),
    ]


def _applicant_row(labels: list[PrintedCell], path: str, value: Value) -> tuple[PrintedCell, ...]:
    return (*labels, *(_value(value, f"{path}.{p.name}") for p in parts(ApplicantCounts)))


def _outcome_rows(cls: Any, path: str, depth: int) -> Iterator[tuple[list[PrintedCell], str]]:
    """``(label cells, path)`` of every row under a group of outcome rows, label cells spanning as printed."""
    for p in parts(cls):
        if p.kind is not Kind.PART or p.derived:
            continue
        if p.type is ApplicantCounts:
            yield [_label(p.label, colspan=3 - depth)], f"{path}.{p.name}"
            continue
        children = list(_outcome_rows(p.type, f"{path}.{p.name}", depth + 1))
        children[0][0].insert(0, _label(p.label, rowspan=len(children)))
        yield from children


def applications_table(cls: Any, value: Value, prefix: str) -> Table:
    """Section 三: the note and applicant columns above, three label columns for the row hierarchy."""
    lines = _applicant_header(Applications.NOTE)
    for p in parts(cls):
        if p.kind is not Kind.PART:
            continue
        if p.type is ApplicantCounts:
            lines.append(_applicant_row([_label(p.label, colspan=3)], f"{prefix}.{p.name}", value))
            continue
        outcome_rows = list(_outcome_rows(p.type, f"{prefix}.{p.name}", 1))
        total = next(t for t in parts(p.type) if t.derived)
        outcome_rows.append(([_label(total.label, colspan=2)], f"{prefix}.{p.name}.{total.name}"))
        outcome_rows[0][0].insert(0, _label(p.label, rowspan=len(outcome_rows)))
        lines.extend(_applicant_row(labels, path, value) for labels, path in outcome_rows)
    return Table(rows=tuple(lines), width=3 + len(parts(ApplicantCounts)), heading_rows=3)


def appeals_table(cls: Any, value: Value, prefix: str) -> Table:
    """Section 四: 行政复议 and the groups of 行政诉讼 side by side, one row of values."""
    kinds = [p for p in parts(cls) if p.kind is Kind.PART]
    results = parts(kinds[0].type)
    top: list[PrintedCell] = []
    middle: list[PrintedCell] = []
    bottom: list[PrintedCell] = []
    for index, kind in enumerate(kinds):
        if kind.group is None:
            top.append(_head(kind.label, colspan=len(results)))
            middle.extend(_head(r.label, rowspan=2) for r in results)
            continue
        if index == 0 or kinds[index - 1].group != kind.group:
            members = sum(1 for k in kinds if k.group == kind.group)
            top.append(_head(kind.group, colspan=members * len(results)))
        middle.append(_head(kind.label, colspan=len(results)))
        bottom.extend(_head(r.label) for r in results)
    values = tuple(_value(value, f"{prefix}.{k.name}.{r.name}") for k in kinds for r in results)
    rows = (tuple(top), tuple(middle), tuple(bottom), values)
    return Table(rows=rows, width=len(kinds) * len(results), heading_rows=3)


_TABLES = {"proactive": proactive_table, "applications": applications_table, "appeals": appeals_table}


@attrs.frozen
class Section:
    """One of the six sections of a report class as printed."""

    name: str
    """The wire name, e.g. ``applications``."""
    heading: str
    """The statutory heading, e.g. ``三、收到和处理政府信息公开申请情况``."""
    blocks: str
    """The wire path of its narrative."""
    table: Table | None
    """Its table laid out, or ``None`` for a section of text only."""


def sections(cls: Any, value: Value) -> tuple[Section, ...]:
    """The six sections of report class *cls* in order, their tables laid out with *value* in the value cells."""
    found = []
    for p in parts(cls):
        if p.label not in SECTIONS:
            continue
        table = _TABLES[p.name](p.type, value, p.name) if p.kind is Kind.PART else None
        blocks = p.name if p.kind is Kind.NARRATIVE else f"{p.name}.narrative"
        found.append(Section(name=p.name, heading=p.label, blocks=blocks, table=table))
    return tuple(found)


def display(value: object, unit: str = "") -> str:
    """A number as printed: counts as digits (0 included), money exactly as stored."""
    if isinstance(value, Decimal):
        return format(value, "f") + unit
    return str(value)
