"""What every front end produces: the document as lines of text and rows of table cells, in reading order,
each knowing where in the input it stands."""

from __future__ import annotations

from typing import Any

import attrs


@attrs.frozen
class Line:
    """A line or paragraph of text; ``heading`` is what the input says it is (``None``: the input does not say)."""

    text: str
    where: str
    heading: bool | None = None


Extent = tuple[float, float]
"""Where a cell stands across its table, from left to right: grid columns, x-coordinates or character columns."""


@attrs.frozen
class Cell:
    """One table cell: its text, where it stands, and its extent across the table (``None``: not known)."""

    text: str
    where: str
    x: Extent | None = None


@attrs.frozen
class Row:
    """One table row: only the cells that start in it (a cell spanning rows or columns stands once).

    In a ``grid`` row the cells fill the row from side to side (a table of cells); otherwise they are text placed
    by position, and a column with nothing printed in it is blank."""

    cells: tuple[Cell, ...]
    table: int
    grid: bool = True

    @property
    def where(self) -> str:
        """Where the row stands: its first cell's place, without the cell (``line 12``, ``table 2, row 4``)."""
        return self.cells[0].where.rsplit(", ", 1)[0] if self.cells else ""


MOST_ITEMS = 10_000
"""The most lines and table rows a document may have (a report has hundreds): a longer one is refused."""


def _not_too_long(instance: object, attribute: attrs.Attribute[Any], items: tuple[Any, ...]) -> None:
    if len(items) > MOST_ITEMS:
        raise ValueError(f"it has {len(items):,} lines and table rows, more than the {MOST_ITEMS:,} a report may have")


@attrs.frozen
class Document:
    """A document in reading order; ``meta`` holds what a document rendered by this library says of itself."""

    items: tuple[Line | Row, ...] = attrs.field(validator=_not_too_long)
    meta: dict[str, Any] = attrs.field(factory=dict)
