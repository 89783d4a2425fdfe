"""Reading rendered documents back into matrices of cell texts, for comparing them with the model."""

from __future__ import annotations

import io
from typing import Any

import docx
import lxml.html


def docx_tables(data: bytes) -> list[list[list[str]]]:
    """Every table of a .docx as a matrix of cell texts; a merged cell's text stands in every position it covers."""
    document = docx.Document(io.BytesIO(data))
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]


def docx_merges(table: Any) -> list[list[int]]:
    """For each grid position of a python-docx table, the number of the merged region covering it."""
    elements = [[cell._tc for cell in row.cells] for row in table.rows]  # held, so each element keeps its proxy
    regions: dict[Any, int] = {}
    return [[regions.setdefault(element, len(regions)) for element in row] for row in elements]


def docx_paragraphs(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def html_tables(page: str) -> list[list[list[str]]]:
    """Every table of an HTML page as a matrix of cell texts, rowspan and colspan expanded."""
    tables = []
    for table in lxml.html.fromstring(page).iter("table"):
        grid: dict[tuple[int, int], str] = {}
        for r, tr in enumerate(table.iter("tr")):
            c = 0
            for cell in tr:
                if cell.tag not in ("td", "th"):
                    continue
                while (r, c) in grid:
                    c += 1
                for dr in range(int(cell.get("rowspan", 1))):
                    for dc in range(int(cell.get("colspan", 1))):
                        grid[r + dr, c + dc] = cell.text_content()
                c += int(cell.get("colspan", 1))
        rows = 1 + max(r for r, _ in grid)
        width = 1 + max(c for _, c in grid)
        tables.append([[grid[r, c] for c in range(width)] for r in range(rows)])
    return tables
