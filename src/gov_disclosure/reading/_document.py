"""What every front end produces: the document as lines of text and rows of table cells, in reading order,
each knowing where in the input it stands."""

from __future__ import annotations

import functools
import itertools
from typing import Any, NamedTuple

import attrs


class Place(NamedTuple):
    """Where something stands in the input, each number from 1, as far as its front end knows: a line of text
    or HTML, a Word paragraph, a PDF page; a table, its row, and the cell (in the order of the row) or the grid
    column (Word's) of the row. It says itself in Chinese (:attr:`zh`, ``第3页第2个表格第9行第3格``) and in
    English (:attr:`en`, ``page 3, table 2, row 9, cell 3``). A named tuple, as cheap to make as the string it
    replaced: a front end makes one for every cell."""

    page: int | None = None
    line: int | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    column: int | None = None

    @property
    def zh(self) -> str:
        """The place in Chinese: ``第626行``, ``第2个表格第4行第5列``."""
        return self.said[0]

    @property
    def en(self) -> str:
        """The place in English: ``line 626``, ``table 2, row 4, column 5``."""
        return self.said[1]

    @property
    def said(self) -> tuple[str, str]:
        """The place in Chinese and in English, made at once (and once for each place)."""
        return _said(self)

    def lead(self, message: str, message_en: str) -> tuple[str, str]:
        """*message* and *message_en* led by the place, where it is known: ``第3页第2个表格第9行第3格：…`` and
        ``page 3, table 2, row 9, cell 3: …``."""
        zh, en = _said(self)
        return (f"{zh}：{message}", f"{en}: {message_en}") if zh else (message, message_en)

    @property
    def of_row(self) -> Place:
        """The place of the row this place is in (itself, for a place that is no cell)."""
        return self._replace(cell=None, column=None)


_UNITS = ("页", "行", "段", "个表格", "行", "格", "列")
"""How Chinese counts each part of a :class:`Place`, in the order of its fields."""
_FORMATS: dict[tuple[bool, ...], tuple[str, str]] = {}
"""The formats of a place by the parts it has (a front end makes places of one or two), in Chinese and English."""


@functools.lru_cache(maxsize=4096)
def _said(place: Place) -> tuple[str, str]:
    """*place* in Chinese and in English, kept for the next reading (the cells of one layout stand at the same
    places report after report), each made from the format of its shape (see :data:`_FORMATS`)."""
    page, line, paragraph, table, row, cell, column = place
    shape = (
        page is not None,
        line is not None,
        paragraph is not None,
        table is not None,
        row is not None,
        cell is not None,
        column is not None,
    )  # written out: a generator takes twice as long
    if (found := _FORMATS.get(shape)) is None:
        known = [n for n, part in enumerate(shape) if part]
        zh = "".join(f"第%d{_UNITS[n]}" for n in known)
        en = ", ".join(f"{Place._fields[n]} %d" for n in known)
        found = _FORMATS[shape] = zh, en
    numbers = tuple(itertools.compress(place, shape))
    return found[0] % numbers, found[1] % numbers


def at_line(line: int, cell: int | None = None) -> Place:
    """``Place(line=line, cell=cell)``, made at a third of its cost: a front end makes one for every line and cell."""
    return _new(Place, (None, line, None, None, None, cell, None))


def at_cell(table: int, row: int, cell: int, page: int | None = None) -> Place:
    """``Place(page=page, table=table, row=row, cell=cell)``, made at a third of its cost (see :func:`at_line`)."""
    return _new(Place, (page, None, None, table, row, cell, None))


_new = tuple.__new__


@attrs.frozen
class Line:
    """A line or paragraph of text; ``heading`` is what the input says it is (``None``: the input does not say)."""

    text: str
    where: Place
    heading: bool | None = None


Extent = tuple[float, float]
"""Where a cell stands across its table, from left to right: grid columns, x-coordinates or character columns."""


class Cell(NamedTuple):
    """One table cell: its text, where it stands, and its extent across the table (``None``: not known). A named
    tuple, as :class:`Place` is: a front end makes one for every cell."""

    text: str
    where: Place
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
    def where(self) -> Place:
        """Where the row stands: its first cell's place, without the cell (``line 12``, ``table 2, row 4``)."""
        return self.cells[0].where.of_row if self.cells else Place()


class Refused(ValueError):
    """Why a front end refuses its input: in Chinese (``message``), and in English (the exception's text)."""

    def __init__(self, message: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message = message


MOST_ITEMS = 10_000
"""The most lines and table rows a document may have (a report has hundreds): a longer one is refused."""


def _not_too_long(instance: object, attribute: attrs.Attribute[Any], items: tuple[Any, ...]) -> None:
    if len(items) > MOST_ITEMS:
        raise Refused(
            f"共有{len(items):,}行文字和表格行，超过报告可有的{MOST_ITEMS:,}行",
            f"it has {len(items):,} lines and table rows, more than the {MOST_ITEMS:,} a report may have",
        )


@attrs.frozen
class Document:
    """A document in reading order; ``meta`` holds what a document rendered by this library says of itself."""

    items: tuple[Line | Row, ...] = attrs.field(validator=_not_too_long)
    meta: dict[str, Any] = attrs.field(factory=dict)
