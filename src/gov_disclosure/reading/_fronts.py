"""The front ends: text, HTML and Word turned into lines and rows of cells. They know formats, not reports."""

from __future__ import annotations

import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Iterator, Mapping
from itertools import accumulate
from typing import Any

import lxml.etree

from ..wire import META
from . import _numbers
from ._document import Cell, Document, Line, Row

MAX_DOCX = 50 * 1024 * 1024
"""The most a .docx may unpack to: a larger one is refused rather than read (a zip bomb)."""


_PAGE_NUMBER = re.compile(r"^([-—–－]\s*\d+\s*[-—–－]|第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?)$")
"""A page number on a line of its own: ``- 4 -``, ``—4—``, ``第4页``, ``第4页 共9页``."""
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
_PIPE_ROW = re.compile(r"^\|.*\|$")
_PIPE_RULE = re.compile(r"^\|(\s*:?-+:?\s*\|)+$")
_SPACED = re.compile(r"\S+(?: \S+)*")
"""A field of a line laid out with spaces: words separated by single spaces (two or more separate fields)."""
LONGEST_FIELD = 40
"""The longest field of a line laid out with tabs or spaces that is a table cell, not text."""


def _columns(line: str) -> list[int]:
    """The character column at which each character of *line* starts in a fixed-width layout, and where the
    line ends (a Chinese character takes two columns)."""
    return [0, *accumulate(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)]


def _fields(line: str, where: str) -> Row | None:
    """A line of a table copied or laid out as text — its cells separated by tabs (empty ones kept), or by two
    spaces or more and standing at their columns (three of them, or a figure among them) — as a row; ``None``
    for a line of text."""
    if "。" in line:  # a sentence
        return None
    if "\t" in line:
        texts = [f.strip() for f in line.split("\t")]
        if not _cells(texts) or len(texts) < 2:
            return None
        return Row(tuple(Cell(f, f"{where}, cell {k + 1}") for k, f in enumerate(texts)), table=0)
    if "  " not in line:
        return None
    found = list(_SPACED.finditer(line))
    texts = [m.group() for m in found]
    if not _cells(texts) or not (len(texts) >= 3 or (len(texts) >= 2 and any(map(_numbers.is_number, texts)))):
        return None
    at = _columns(line)
    cells = (Cell(m.group(), f"{where}, cell {k + 1}", (at[m.start()], at[m.end()])) for k, m in enumerate(found))
    return Row(tuple(cells), table=0, grid=False)


def _cells(texts: list[str]) -> bool:
    """Whether the fields of a line can be table cells rather than text: none is long."""
    return all(len(text) <= LONGEST_FIELD for text in texts)


def from_text(text: str) -> Document:
    """Lines of text; a label line followed by number lines (one cell per line, as crawled pages have tables)
    becomes a row, and so do number lines with no label; a Markdown table row (``| a | b |``) and a line of
    cells separated by tabs or laid out with spaces are rows."""
    items: list[Line | Row] = []
    cells: list[Cell] = []
    pending: Line | None = None
    piped = 0  # how many lines of a Markdown table so far

    def flush() -> None:
        nonlocal cells, pending
        if cells:
            items.append(Row(cells=tuple(cells), table=0))
            cells = []
        if pending is not None:
            items.append(pending)
            pending = None

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.replace("\xa0", " ").replace("\u3000", "  ").rstrip(" \r\n")
        stripped = line.strip()
        if stripped.startswith("#"):
            stripped = _MARKDOWN_HEADING.sub("", stripped)
        if not stripped and "\t" not in line:  # a line of tabs only is a row of empty cells
            continue
        if _PAGE_NUMBER.match(stripped):
            continue  # a page number where a page broke, perhaps inside a table
        where = f"line {number}"
        if stripped.startswith("|") and _PIPE_ROW.match(stripped):  # a Markdown table row: its cells
            flush()
            piped += 1
            if not (piped == 2 and _PIPE_RULE.match(stripped)):  # the |---| under the first row is no row
                fields = stripped.strip("|").split("|")
                items.append(
                    Row(tuple(Cell(c.strip(), f"{where}, cell {k + 1}", (k, k + 1)) for k, c in enumerate(fields)), 0)
                )
            continue
        piped = 0
        row = _fields(line, where)
        if row is None and _numbers.is_number(stripped):
            if not cells and pending is not None:
                cells.append(Cell(pending.text, pending.where))
                pending = None
            cells.append(Cell(stripped, where))
            continue
        flush()
        if row is not None:
            items.append(row)
        else:
            pending = Line(stripped, where)
    flush()
    return Document(items=tuple(items))


def _decode_html(data: bytes) -> str:
    """HTML bytes as text: the declared charset (a ``<meta>``'s, or an XHTML page's XML declaration), else UTF-8,
    else GB18030 (a superset of GB2312 and GBK)."""
    declared = re.search(
        rb"""<meta[^>]+charset=["']?([\w-]+)|^\s*<\?xml[^>]+encoding=["']([\w-]+)""", data[:4096], re.IGNORECASE
    )
    named = [(declared.group(1) or declared.group(2)).decode("ascii")] if declared else []
    for encoding in [*named, "utf-8", "gb18030"]:
        try:
            return data.decode("gb18030" if encoding.lower() in ("gb2312", "gbk") else encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", errors="replace")


_TEXT = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div"}
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
"""An XHTML page's first line: the text is decoded already, and lxml refuses a declared encoding in text."""


_HTML = lxml.etree.HTMLParser(remove_comments=True, no_network=True)


def _text(element: Any) -> str:
    return "".join(element.itertext())


def _text_blocks(root: Any, tables: Mapping[Any, int]) -> set[Any]:
    """The paragraph-like elements holding no other block, outside the data tables (a layout table around them
    holds text): the text of each is one line of the document."""
    holders = set()
    for element in root.iter(*_TEXT, "table"):
        holders.update(element.iterancestors())
    return {
        element
        for element in root.iter(*_TEXT)
        if element not in holders and not any(ancestor in tables for ancestor in element.iterancestors("table"))
    }


def from_html(data: str | bytes) -> Document:
    """Paragraphs and headings, and the rows of every table (spanned cells once), in document order."""
    text = _XML_DECLARATION.sub("", _decode_html(data) if isinstance(data, bytes) else data)
    if not text.strip():
        return Document(items=())
    root = lxml.etree.fromstring(text, _HTML)  # plain elements: lxml.html's element classes cost a lookup each
    if root is None:  # markup with no element left, such as a lone closing tag
        return Document(items=())
    meta: dict[str, Any] = {}
    for element in root.iter("meta"):
        if element.get("name") == META:
            meta = json.loads(element.get("content") or "{}")
    tables = {t: n for n, t in enumerate(t for t in root.iter("table") if t.find(".//table") is None)}
    blocks = _text_blocks(root, tables)
    items: list[Line | Row] = []
    for element in root.iter():
        if element in tables:
            number = tables[element]
            items.extend(Row(cells=cells, table=number) for cells in _html_rows(element, number) if cells)
        elif element in blocks:
            content = _text(element)
            if content.strip():  # a page of this library keeps its text exactly; others lose the layout spaces
                line = content if meta else content.strip()
                heading = {"h3": True, "p": False}.get(element.tag) if meta else None
                items.append(Line(line, f"line {element.sourceline}", heading))
    return Document(items=tuple(items), meta=meta)


MOST_SPAN = 1000
"""The most columns or rows an HTML cell is taken to span (a larger ``colspan`` or ``rowspan`` is this)."""


def _span(cell: Any, name: str) -> int:
    value = cell.get(name)
    if value is None:
        return 1
    value = value.strip()
    return min(max(int(value), 1), MOST_SPAN) if value.isdigit() else 1


def _html_rows(table: Any, number: int) -> Iterator[tuple[Cell, ...]]:
    """The cells of each row of an HTML table, each with its grid columns (cells spanning rows from above
    take their columns)."""
    taken: dict[int, set[int]] = {}
    for r, tr in enumerate(table.iter("tr")):
        above, cells, column = taken.pop(r, set()), [], 0
        for k, td in enumerate(c for c in tr if c.tag in ("td", "th")):
            while column in above:
                column += 1
            colspan, rowspan = _span(td, "colspan"), _span(td, "rowspan")
            where = f"table {number + 1}, row {r + 1}, cell {k + 1}"
            cells.append(Cell(_text(td).strip(), where, (column, column + colspan)))
            if rowspan > 1:
                for below in range(r + 1, r + rowspan):
                    taken.setdefault(below, set()).update(range(column, column + colspan))
            column += colspan
        yield tuple(cells)


def from_docx(data: bytes) -> Document:
    """Paragraphs and the rows of every table (merged cells once), in document order."""
    import docx

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if sum(info.file_size for info in archive.infolist()) > MAX_DOCX:
            raise ValueError(f"the document unpacks to more than {MAX_DOCX // 1024 // 1024} MB")
    document = docx.Document(io.BytesIO(data))
    meta: dict[str, Any] = {}
    comments = document.core_properties.comments or ""
    if comments.startswith("{"):
        try:
            meta = json.loads(comments).get(META, {})
        except (ValueError, AttributeError):
            meta = {}
    items: list[Line | Row] = []
    styles = {style.style_id: style.name for style in document.styles}
    tables = {t._tbl: (n, t) for n, t in enumerate(document.tables)}
    for number, child in enumerate(document.element.body.iterchildren()):
        if child.tag == _W_P:
            style = styles.get(child.xpath("string(w:pPr/w:pStyle/@w:val)"), "")
            heading = {"二级标题": True, "正文": False}.get(style) if meta else None
            text = _docx_text(child)
            if text.strip():
                items.append(Line(text, f"paragraph {number + 1}", heading))
        elif child in tables:
            index, table = tables[child]
            items.extend(Row(cells=cells, table=index) for cells in _docx_rows(table, index))
    return Document(items=tuple(items), meta=meta)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_W_P = f"{_W}p"
_W_TEXT = {f"{_W}t": None, f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n"}


def _docx_text(paragraph: Any) -> str:
    """A Word paragraph's text, tabs and line breaks included (as python-docx gives it, read in one pass)."""
    return "".join(
        (element.text or "") if (special := _W_TEXT[element.tag]) is None else special
        for element in paragraph.iter(*_W_TEXT)
    )


def _docx_rows(table: Any, index: int) -> Iterator[tuple[Cell, ...]]:
    """The cells that start in each row of a Word table: a cell merged across columns is one ``w:tc``, and one
    merged down from the row above (``w:vMerge`` continued) is left out."""
    for r, tr in enumerate(table._tbl.tr_lst):
        cells, column = [], tr.grid_before
        for tc in tr.tc_lst:
            if tc.vMerge != "continue":
                text = "\n".join(_docx_text(p) for p in tc.iterchildren(_W_P))
                where = f"table {index + 1}, row {r + 1}, column {column + 1}"
                cells.append(Cell(text, where, (column, column + tc.grid_span)))
            column += tc.grid_span
        yield tuple(cells)


def from_pdf(data: bytes) -> Document:
    """The text lines and table rows of a text PDF, page after page in reading order (needs pdfplumber): a table
    continued on the next page continues, page numbers such as ``- 4 -`` are left out, a label wrapped over lines
    is joined, and a row with a single cell (text laid out in a table) is a line."""
    import pdfplumber

    items: list[tuple[int, float, Line | Row]] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        if not any(page.chars for page in pdf.pages):
            raise ValueError("the PDF has no text layer (a scan, or pages of images): it needs OCR, not read here")
        for number, page in enumerate(pdf.pages, 1):
            tables = page.find_tables()
            boxes = [t.bbox for t in tables]

            def outside(obj: dict[str, Any], boxes: list[Any] = boxes) -> bool:
                return not any(
                    x0 <= obj["x0"] and obj["x1"] <= x1 and top <= obj["top"] and obj["bottom"] <= bottom
                    for x0, top, x1, bottom in boxes
                )

            for line in page.filter(outside).extract_text_lines():
                text = line["text"].strip()
                if text and not _PAGE_NUMBER.match(text):
                    items.append((number, line["top"], Line(text, f"page {number}")))
            for index, table in enumerate(tables):
                for r, (row, cells) in enumerate(zip(table.rows, table.extract(), strict=True)):
                    kept = [
                        Cell(
                            re.sub(r"\s*\n\s*", "", text).strip(),
                            f"page {number}, table {index + 1}, row {r + 1}, cell {k + 1}",
                            (box[0], box[2]),
                        )
                        for k, (text, box) in enumerate(zip(cells, row.cells, strict=True))
                        if text is not None and box is not None
                    ]
                    top = row.bbox[1]
                    if len([c for c in kept if c.text]) == 1 and not _numbers.is_number(
                        next(c.text for c in kept if c.text)
                    ):
                        items.append((number, top, Line(next(c.text for c in kept if c.text), kept[0].where)))
                    else:  # a row of empty cells too: they are figures left blank
                        items.append((number, top, Row(cells=tuple(kept), table=index)))
    items.sort(key=lambda item: (item[0], item[1]))
    return Document(items=tuple(item for _, _, item in items))
