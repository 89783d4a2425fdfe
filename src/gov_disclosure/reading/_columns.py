"""Figures placed by column: each value cell of a row matched with a column its table's header prints.

A row that prints every column is read in order. A row that prints fewer or more cells is placed by position —
grid columns in HTML, Word and Markdown, x-coordinates in PDF, character columns in text laid out with spaces —
against the header's columns; where the input gives no position, or the positions do not fit, the row is not
placed, and the caller says so. A figure is never placed by counting from the left.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

import attrs

from . import _numbers
from ._document import Cell, Extent, Place, Row
from ._labels import normalize

EDGE = 0.01
"""How far, as a share of its width, a header may end from the right edge of a grid row it heads."""


@attrs.frozen
class Header:
    """The columns a header prints (column name → its extent), and where its rows end on the right."""

    columns: dict[str, Extent] = attrs.Factory(dict)
    right: float = 0.0

    def heads(self, row: Row) -> bool:
        """Whether the header heads the cells of *row*: a grid row ends where the header does (a header
        detached from the columns, as PDF converters leave one, does not)."""
        ends = [c.x[1] for c in row.cells if c.x is not None]
        return bool(self.columns and ends) and (not row.grid or abs(max(ends) - self.right) <= EDGE * self.right)


@attrs.frozen
class Unplaced:
    """Why the figures of a row cannot be placed in its columns."""

    message: str
    message_en: str


def header(rows: Sequence[Row], labels: Mapping[str, str], within: Extent | None = None) -> Header:
    """The extent of each column whose *labels* (normalized label → column name) the header *rows* print
    (inside *within*, when given): cells of one label side by side are one column."""
    found: dict[str, Extent] = {}
    for row in rows:
        for cell in row.cells:
            name = labels.get(normalize(cell.text))
            if name is None or cell.x is None or (within and not within[0] <= _center(cell.x) <= within[1]):
                continue
            known = found.get(name)
            found[name] = cell.x if known is None else (min(known[0], cell.x[0]), max(known[1], cell.x[1]))
    ends = [c.x[1] for row in rows for c in row.cells if c.x is not None]
    return Header(found, max(ends, default=0.0))


def ordered(found: Mapping[str, Extent], columns: Sequence[str]) -> bool:
    """Whether the columns of a header stand side by side in the order of *columns*, none overlapping another."""
    extents = [found[c] for c in columns if c in found]
    return all(a[1] <= b[0] for a, b in itertools.pairwise(extents))


def _center(x: Extent) -> float:
    return (x[0] + x[1]) / 2


def _columns_of(cell: Cell, found: Mapping[str, Extent], grid: bool) -> list[str]:
    """The columns a value cell stands under: those whose middle it covers (a cell may span several), else the
    one its own middle is in; for text placed by position, else the nearest."""
    assert cell.x is not None
    a, b = cell.x
    middle = _center(cell.x)
    covered = [name for name, x in found.items() if a <= _center(x) < b] or [
        name for name, x in found.items() if x[0] <= middle < x[1]
    ]
    if covered or grid or not found:
        return covered
    distance = {name: abs(_center(x) - middle) for name, x in found.items()}
    nearest = min(distance.values())
    return [name for name, d in distance.items() if d == nearest]


def place(row: Row, values: Sequence[Cell], columns: Sequence[str], found: Header) -> dict[str, Cell] | Unplaced:
    """The cell of each column of *row* from its *values* (a blank one spanning several columns is each one's;
    a column the header does not print has none), or why the row cannot be placed."""
    if len(values) == len(columns):
        return dict(zip(columns, values, strict=True))
    usable = found.heads(row) and ordered(found.columns, columns) and all(v.x is not None for v in values)
    if usable:
        return _aligned(values, {c: found.columns[c] for c in columns if c in found.columns}, row.grid)
    printed = [v for v in values if v.text.strip()]
    if len(values) > len(columns) and len(printed) == len(columns):
        return dict(zip(columns, printed, strict=True))  # the cells a span leaves, empty, between the figures
    return Unplaced(
        f"印有{len(values)}个数，应有{len(columns)}个，无法确定各数所在的列",
        f"{len(values)} figures are printed for {len(columns)} columns, and where each stands cannot be told",
    )


def _aligned(values: Sequence[Cell], found: Mapping[str, Extent], grid: bool) -> dict[str, Cell] | Unplaced:
    """The cells of a row placed under the columns of its header."""
    under: dict[str, list[Cell]] = {name: [] for name in found}
    for cell in values:
        names = _columns_of(cell, found, grid)
        blank = _numbers.blank(cell.text)
        if not blank and len(names) != 1:
            where = "不在任何一列之下" if not names else "跨了多列"
            return Unplaced(
                f"{cell.where.zh}的数“{cell.text}”{where}",
                f"{cell.where.en}: {cell.text!r} stands under {'no column' if not names else 'several columns'}",
            )
        for name in names:
            under[name].append(cell)
    placed: dict[str, Cell] = {}
    for name, cells in under.items():
        figures = [c for c in cells if not _numbers.blank(c.text)]
        if len(figures) > 1:
            return Unplaced(
                f"{figures[0].where.zh}与{figures[1].where.zh}在同一列",
                f"{figures[0].where.en} and {figures[1].where.en} stand under one column",
            )
        if cells:
            placed[name] = (figures or cells)[0]
        elif grid:  # a grid row that leaves out cells: those after them stand in the wrong place
            return Unplaced(
                "该行少了单元格，无法确定各数所在的列",
                "the row leaves out cells: where its figures stand cannot be told",
            )
        else:  # text placed by position with nothing under a column: it is blank
            placed[name] = Cell("", values[0].where if values else Place())
    return placed
