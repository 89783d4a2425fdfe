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


@attrs.frozen
class Cell:
    """One table cell: its text, and where it stands."""

    text: str
    where: str


@attrs.frozen
class Row:
    """One table row: only the cells that start in it (a cell spanning rows or columns stands once)."""

    cells: tuple[Cell, ...]
    table: int


@attrs.frozen
class Document:
    """A document in reading order; ``meta`` holds what a document rendered by this library says of itself."""

    items: tuple[Line | Row, ...]
    meta: dict[str, Any] = attrs.field(factory=dict)
