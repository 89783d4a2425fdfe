"""The front ends: text, HTML and Word turned into lines and rows of cells. They know formats, not reports."""

from __future__ import annotations

import io
import json
import posixpath
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from itertools import accumulate
from typing import Any

import lxml.etree

from ..wire import META
from . import _numbers
from ._document import MOST_ITEMS, Cell, Document, Line, Place, Refused, Row, at_cell, at_line

MOST_DOCX_BYTES = 50 * 1024 * 1024
"""The most a .docx may unpack to: a larger one is refused rather than read (a zip bomb)."""


PAGE_NUMBER = re.compile(r"^([-—–－]\s*\d+\s*[-—–－]|第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?)$")
"""A page number on a line of its own: ``- 4 -``, ``—4—``, ``第4页``, ``第4页 共9页``."""
_PAGE_NUMBER_START = frozenset("-—–－第")
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


def _fields(line: str, number: int) -> Row | None:
    """A line of a table copied or laid out as text, not a sentence — its cells separated by tabs (empty ones
    kept), or by two spaces or more and standing at their columns (three of them, or a figure among them) — as
    the row of line *number*; ``None`` for a line of text."""
    if "\t" in line:
        texts = [f.strip() for f in line.split("\t")]
        if not _cells(texts) or len(texts) < 2:
            return None
        return Row(tuple(Cell(f, at_line(number, k)) for k, f in enumerate(texts, 1)), table=0)
    if "  " not in line:
        return None
    found = list(_SPACED.finditer(line))
    texts = [m.group() for m in found]
    if not _cells(texts) or not (len(texts) >= 3 or (len(texts) >= 2 and any(map(_numbers.is_number, texts)))):
        return None
    at = _columns(line)
    cells = (Cell(m.group(), at_line(number, k), (at[m.start()], at[m.end()])) for k, m in enumerate(found, 1))
    return Row(tuple(cells), table=0, grid=False)


def _cells(texts: list[str]) -> bool:
    """Whether the fields of a line can be table cells rather than text: none is long, but for a figure (whose
    length the table reader judges)."""
    return all(len(text) <= LONGEST_FIELD or _numbers.is_number(text) for text in texts)


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
        if stripped[:1] in _PAGE_NUMBER_START and PAGE_NUMBER.match(stripped):
            continue  # a page number where a page broke, perhaps inside a table
        where = at_line(number)
        if stripped.startswith("|") and _PIPE_ROW.match(stripped):  # a Markdown table row: its cells
            flush()
            piped += 1
            if not (piped == 2 and _PIPE_RULE.match(stripped)):  # the |---| under the first row is no row
                fields = stripped.strip("|").split("|")
                cells_in = (Cell(c.strip(), at_line(number, k), (k - 1, k)) for k, c in enumerate(fields, 1))
                items.append(Row(tuple(cells_in), 0))
            continue
        piped = 0
        laid_out = ("\t" in line or "  " in stripped) and "。" not in line  # fields, unless a sentence
        row = _fields(line, number) if laid_out else None
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
    declared = _CHARSET.search(data, 0, 4096)
    named = [(declared.group(1) or declared.group(2)).decode("ascii")] if declared else []
    for encoding in [*named, "utf-8", "gb18030"]:
        try:
            return data.decode("gb18030" if encoding.lower() in ("gb2312", "gbk") else encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", errors="replace")


_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)|^\s*<\?xml[^>]+encoding=["']([\w-]+)""", re.IGNORECASE)
"""Where a page declares its charset: a ``<meta>``, or an XHTML page's XML declaration."""
_TEXT = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div"}
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
"""An XHTML page's first line: the text is decoded already, and lxml refuses a declared encoding in text."""


_HTML = lxml.etree.HTMLParser(remove_comments=True, no_network=True)


def _text(element: Any) -> str:
    """The text of *element* and all it holds (libxml2's text serialization: several times faster than joining
    ``itertext()``)."""
    text: str = lxml.etree.tostring(element, method="text", encoding="unicode", with_tail=False)
    return text


def _cell_text(td: Any) -> str:
    """The text of a table cell: read straight where it holds text alone or in one element holding text alone
    (``<td><p>12</p></td>``: most cells), else serialized."""
    if not len(td):
        return td.text or ""
    child = td[0]
    if len(td) == 1 and not len(child) and isinstance(child.tag, str):
        return (td.text or "") + (child.text or "") + (child.tail or "")
    return _text(td)


def _holds_no_block(element: Any) -> bool:
    """Whether *element* holds no paragraph-like element nor table: a block of text, one line of the document
    (libxml2 stops at the first one it finds)."""
    return next(element.iterdescendants(*_TEXT, "table"), None) is None


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
            meta = _ours(element.get("content"))
    items: list[Line | Row] = []
    number = 0  # of the tables holding no table
    walk = lxml.etree.iterwalk(root, events=("start",), tag=("table", *_TEXT))
    for _, element in walk:  # tables and blocks, in document order
        if element.tag == "table":
            if element.find(".//table") is None:
                items.extend(Row(cells=cells, table=number) for cells in _html_rows(element, number) if cells)
                number += 1
                walk.skip_subtree()  # the text of its blocks is its cells'
        elif _holds_no_block(element):
            content = _text(element)
            if content.strip():  # a page of this library keeps its text exactly; others lose the layout spaces
                line = content if meta else content.strip()
                heading = {"h3": True, "p": False}.get(element.tag) if meta else None
                items.append(Line(line, at_line(element.sourceline), heading))
    return Document(items=tuple(items), meta=meta)


MOST_META = 100_000
"""The longest metadata of a document of this library that is read (its JSON); longer is another writer's."""


def _ours(text: str | None, *, within: str | None = None) -> dict[str, Any]:
    """What a document of this library says of itself in *text* (a JSON object of its heading's fields, or one
    holding it under *within*); nothing where the text is not that — not JSON, too long or too deep, not an
    object, or a heading of the wrong types — as metadata other writers leave."""
    if not text or len(text) > MOST_META:
        return {}
    try:
        said = json.loads(text)
    except (ValueError, RecursionError):
        return {}
    if within is not None:
        said = said.get(within) if isinstance(said, dict) else None
    if not isinstance(said, dict) or not isinstance(said.get("agency"), str) or type(said.get("year")) is not int:
        return {}
    return said if isinstance(said.get("title") or "", str) else {}


MOST_SPAN = 1000
"""The most columns or rows an HTML cell is taken to span (a larger ``colspan`` or ``rowspan`` is this)."""


def _span(value: str) -> int:
    """The columns or rows a cell's ``colspan`` or ``rowspan`` value spans."""
    value = value.strip()
    return min(max(int(value), 1), MOST_SPAN) if value.isdigit() else 1


def _html_rows(table: Any, number: int) -> Iterator[tuple[Cell, ...]]:
    """The cells of each row of an HTML table, each with its grid columns (cells spanning rows from above
    take their columns)."""
    taken: dict[int, set[int]] = {}
    for r, tr in enumerate(table.iter("tr"), 1):
        above, cells, column = taken.pop(r, ()), [], 0
        for k, td in enumerate(tr.iterchildren("td", "th"), 1):
            while column in above:
                column += 1
            colspan, rowspan = (td.get("colspan"), td.get("rowspan")) if td.attrib else (None, None)
            right = column + (1 if colspan is None else _span(colspan))
            cells.append(Cell(_cell_text(td).strip(), at_cell(number + 1, r, k), (column, right)))
            if rowspan is not None:
                for below in range(r + 1, r + _span(rowspan)):
                    taken.setdefault(below, set()).update(range(column, right))
            column = right
        yield tuple(cells)


_XML = lxml.etree.XMLParser(resolve_entities=False, no_network=True)
"""Word's parts are read with no entity resolved and nothing fetched."""
_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_W_P, _W_TBL, _W_VAL = f"{_W}p", f"{_W}tbl", f"{_W}val"
_W_TEXT = {f"{_W}t": None, f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n"}
_DESCRIPTION = "{http://purl.org/dc/elements/1.1/}description"
"""The core property Word shows as Comments: where a document of this library keeps its metadata."""


class _Package:
    """The parts of a Word file (an OPC package), found by their relationships as Word finds them."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive

    def related(self, source: str, kind: str) -> str | None:
        """The name of the part *source* relates to as *kind* (the end of the relationship type), if any."""
        folder, _, name = source.rpartition("/")
        try:
            relationships = self.xml(posixpath.join(folder, "_rels", f"{name}.rels"))
        except KeyError:  # no such part
            return None
        for relationship in relationships.iter(_RELATIONSHIP):
            if relationship.get("Type", "").endswith(f"/{kind}") and relationship.get("TargetMode") != "External":
                target = relationship.get("Target", "")
                return (
                    target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
                )
        return None

    def xml(self, name: str) -> Any:
        """The part *name*, parsed."""
        return lxml.etree.fromstring(self.archive.read(name), _XML)


def from_docx(data: bytes) -> Document:
    """Paragraphs and the rows of every table (merged cells once), in document order, read from the package's
    XML directly."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if sum(info.file_size for info in archive.infolist()) > MOST_DOCX_BYTES:
            most = MOST_DOCX_BYTES // 1024 // 1024
            raise Refused(f"文档解压后超过{most} MB", f"the document unpacks to more than {most} MB")
        package = _Package(archive)
        main = package.related("", "officeDocument")
        if main is None:
            raise Refused("没有主文档部件，不是 Word 文档", "no main document part: not a Word document")
        body = package.xml(main).find(f"{_W}body")
        if body is not None and len(body) > MOST_ITEMS:
            raise Refused(
                f"共有{len(body):,}个段落和表格，超过报告可有的{MOST_ITEMS:,}个",
                f"it has {len(body):,} paragraphs and tables, more than the {MOST_ITEMS:,} a report may have",
            )
        core, styles_part = package.related("", "core-properties"), package.related(main, "styles")
        description = package.xml(core).findtext(_DESCRIPTION) if core else None
        styles = package.xml(styles_part) if styles_part else None
    meta = _ours(description, within=META)
    names = {
        style.get(f"{_W}styleId", ""): _value(style, f"{_W}name") or ""
        for style in (styles.iter(f"{_W}style") if styles is not None else ())
    }
    items: list[Line | Row] = []
    tables = 0
    for number, child in enumerate(body.iterchildren() if body is not None else ()):
        if child.tag == _W_P:
            style = names.get(_value(child, f"{_W}pPr/{_W}pStyle") or "", "")
            heading = {"二级标题": True, "正文": False}.get(style) if meta else None
            text = _docx_text(child)
            if text.strip():
                items.append(Line(text, Place(paragraph=number + 1), heading))
        elif child.tag == _W_TBL:
            items.extend(Row(cells=cells, table=tables) for cells in _docx_rows(child, tables))
            tables += 1
    return Document(items=tuple(items), meta=meta)


def _value(element: Any, path: str) -> str | None:
    """The ``w:val`` of the element at *path* under *element*, if both are there."""
    found = element.find(path)
    return None if found is None else found.get(_W_VAL)


def _docx_text(paragraph: Any) -> str:
    """A Word paragraph's text, tabs and line breaks included, read in one pass."""
    return "".join(
        (element.text or "") if (special := _W_TEXT[element.tag]) is None else special
        for element in paragraph.iter(*_W_TEXT)
    )


def _count(text: str | None, default: int) -> int:
    """A count Word writes (``w:gridSpan``, ``w:gridBefore``), or *default* where it is left out."""
    return int(text) if text is not None and text.isdigit() else default


def _docx_rows(table: Any, index: int) -> Iterator[tuple[Cell, ...]]:
    """The cells that start in each row of a Word table: a cell merged across columns is one ``w:tc``
    (``w:gridSpan``), and one merged down from the row above (``w:vMerge`` continued) is left out."""
    for r, tr in enumerate(table.iterchildren(f"{_W}tr")):
        cells, column = [], _count(_value(tr, f"{_W}trPr/{_W}gridBefore"), 0)
        for tc in tr.iterchildren(f"{_W}tc"):
            span = max(_count(_value(tc, f"{_W}tcPr/{_W}gridSpan"), 1), 1)
            merged = tc.find(f"{_W}tcPr/{_W}vMerge")
            if merged is None or merged.get(_W_VAL, "continue") != "continue":  # Word's default is to continue
                text = "\n".join(_docx_text(p) for p in tc.iterchildren(_W_P))
                where = Place(table=index + 1, row=r + 1, column=column + 1)
                cells.append(Cell(text, where, (column, column + span)))
            column += span
        yield tuple(cells)
