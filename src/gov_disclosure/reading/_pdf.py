"""The PDF front end: a text PDF's lines and table rows. PDFium (pypdfium2) parses each page — its characters
and the paths drawn on it, each placed as pdfminer places it — and pdfplumber's table finder and word grouping
lay them out. pdfminer (pdfplumber's parser) reads only the fonts' descriptors: parsing every page's content
was most of pdfplumber's time.

PDFium is not thread-safe: a process reads one PDF at a time, whatever its threads (the audit reads in
processes)."""

from __future__ import annotations

import ctypes
import functools
import io
import itertools
import math
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from operator import itemgetter
from types import SimpleNamespace
from typing import Any, cast

from . import _numbers
from ._document import Cell, Document, Line, Place, Refused, Row, at_cell
from ._fronts import PAGE_NUMBER

MOST_PAGES = 200
"""The most pages of a PDF that is read: a report has tens; a longer PDF is refused, not read for minutes."""

Point = tuple[float, float]
Matrix = tuple[float, float, float, float, float, float]
"""An affine matrix as PDF writes it, ``(a, b, c, d, e, f)``: x' = a·x + c·y + e, y' = b·x + d·y + f."""


def from_pdf(data: bytes) -> Document:
    """The text lines and table rows of a text PDF, page after page in reading order (needs pypdfium2 and
    pdfplumber): a table continued on the next page continues, page numbers such as ``- 4 -`` are left out, a
    label wrapped over lines is joined, and a row with a single cell (text laid out in a table) is a line. Each
    page is closed once read, so memory stays that of one page."""
    import pypdfium2

    with _PDFIUM:
        try:
            pdf = pypdfium2.PdfDocument(data)
        except pypdfium2.PdfiumError:
            raise _unopened(data) from None
        try:
            if len(pdf) > MOST_PAGES:
                raise Refused(
                    f"PDF 共{len(pdf)}页，超过报告可有的{MOST_PAGES}页",
                    f"the PDF has {len(pdf)} pages, more than the {MOST_PAGES} a report may have",
                )
            return laid_out(_pages(pdf, _descents(data)))
        finally:
            pdf.close()


_PDFIUM = threading.Lock()
"""Held while PDFium reads: it is not thread-safe."""


Objects = list[dict[str, Any]]
"""Characters or edges of a page, as pdfplumber's objects (dictionaries of their coordinates)."""


def laid_out(pages: Iterable[tuple[Objects, Objects]]) -> Document:
    """The document of the characters and edges of each page: the lines and table rows of each page, in
    reading order."""
    items: list[tuple[int, float, Line | Row]] = []
    text_layer = False
    for number, (chars, edges) in enumerate(pages, 1):
        text_layer = text_layer or bool(chars)
        items.extend((number, top, item) for top, item in _layout(chars, edges, number))
    if not text_layer:
        raise _no_text_layer()
    items.sort(key=lambda item: (item[0], item[1]))
    return Document(items=tuple(item for _, _, item in items))


def _no_text_layer() -> Refused:
    """Why a PDF with no character on any page is not read."""
    return Refused(
        "PDF 没有文字层（扫描件或图片页面），需先做文字识别（OCR），此处不读",
        "the PDF has no text layer (a scan, or pages of images): it needs OCR, not read here",
    )


def _unopened(data: bytes) -> Refused:
    """Why PDFium opens no document of *data*, as pdfminer finds (PDFium's error code may be a document's
    before): encrypted, without pages (no text either), or damaged."""
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        if next(PDFPage.create_pages(PDFDocument(PDFParser(io.BytesIO(data)))), None) is None:
            return _no_text_layer()
    except PDFEncryptionError:
        return Refused(
            "PDF 已加密：请用密码打开，另存一份不加密的副本",
            "the PDF is encrypted: open it with its password and save a copy without one",
        )
    except Exception:  # pdfminer cannot read it either: damaged
        pass
    return Refused("PDF 已损坏，无法打开", "the PDF is damaged: it cannot be opened")


def _pages(pdf: Any, descents: Mapping[bytes, float]) -> Iterator[tuple[Objects, Objects]]:
    """The characters and edges of each page of *pdf*, each page closed once they are taken."""
    for index in range(len(pdf)):
        page = pdf[index]
        try:
            chars, edges = _page_objects(page, descents)
        finally:
            page.close()
        yield chars, edges


def _descents(data: bytes) -> dict[bytes, float]:
    """The descent of each font on the pages of a PDF, by its name as PDFium says it, as pdfminer takes it: its
    descriptor's (a standard font's metrics'), below the baseline, in thousandths of the size. PDFium takes a
    font's own where the descriptor gives none (LibreOffice's); a font's characters are placed as pdfminer
    placed them. Only the document's catalogue and pages' resources are parsed: pdfminer reads no page's
    content. Nothing where it cannot read them (PDFium's descents then)."""
    from pdfminer.fontmetrics import FONT_METRICS
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral

    def named(value: Any) -> bytes | None:
        value = resolve1(value)
        if isinstance(value, PSLiteral):
            value = value.name
        return value.encode() if isinstance(value, str) else value if isinstance(value, bytes) else None

    found: dict[bytes, float] = {}
    try:
        for page in PDFPage.create_pages(PDFDocument(PDFParser(io.BytesIO(data)))):
            fonts = resolve1((page.resources or {}).get("Font")) or {}
            for spec in map(resolve1, fonts.values() if isinstance(fonts, dict) else ()):
                if not isinstance(spec, dict) or named(spec.get("Subtype")) == b"Type3":
                    continue
                names = {named(spec.get("BaseFont"))}
                if named(spec.get("Subtype")) == b"Type0":
                    spec = resolve1((resolve1(spec.get("DescendantFonts")) or [{}])[0])
                    names.add(named(spec.get("BaseFont")))
                descriptor = resolve1(spec.get("FontDescriptor"))
                if not isinstance(descriptor, dict):
                    metrics = FONT_METRICS.get((named(spec.get("BaseFont")) or b"").decode("latin-1"))
                    descriptor = metrics[0] if metrics else {}
                descent = resolve1(descriptor.get("Descent", 0))
                if isinstance(descent, int | float):
                    for name in filter(None, names):  # PDFium names some fonts without their subset's tag
                        for said in {name, name.partition(b"+")[2] or name}:
                            if found.setdefault(said, -abs(descent) / 1000) != -abs(descent) / 1000:
                                found[said] = math.nan  # two fonts of one name: PDFium's descent
    except Exception:  # pdfminer fails on some PDFs PDFium reads: their fonts are then PDFium's
        return {}
    return {name: descent for name, descent in found.items() if not math.isnan(descent)}


def _page_space(page: Any) -> tuple[Matrix, Matrix]:
    """How a page turns PDF coordinates into pdfplumber's: the rotation of the page (pdfminer's device
    matrix), and the matrix giving a point's ``(x, top)`` — measured from the top-left of the page as shown,
    with pdfplumber's MediaBox offsets."""
    box = page.get_mediabox(fallback_ok=False) or _bounding_box(page)
    x0, y0, x1, y1 = box
    rotation = page.get_rotation()
    device: Matrix = {
        90: (0, -1, 1, 0, -y0, x1),
        180: (-1, 0, 0, -1, x1, y1),
        270: (0, 1, -1, 0, y1, -x0),
    }.get(rotation, (1, 0, 0, 1, -x0, -y0))
    left, right = sorted((box[0], box[2]))
    bottom, top = sorted((box[1], box[3]))
    if rotation in (90, 270):
        left, bottom, right, top = bottom, left, top, right
    a, b, c, d, e, f = device
    return device, (a, -b, c, -d, e + left, top - bottom - f - bottom)


def _placed(matrix: Matrix, x: float, y: float) -> Point:
    """The point *x*, *y* through *matrix*."""
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


def _bounding_box(page: Any) -> tuple[float, float, float, float]:
    """The page's box where its MediaBox is inherited from the page tree (PDFium reads only the page's own)."""
    import pypdfium2.raw as pdfium

    rect = pdfium.FS_RECTF()
    pdfium.FPDF_GetPageBoundingBox(page, rect)
    return rect.left, rect.bottom, rect.right, rect.top


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    """*m*, then *n*."""
    a, b, c, d, e, f = m
    a0, b0, c0, d0, e0, f0 = n
    return (
        a * a0 + b * c0,
        a * b0 + b * d0,
        c * a0 + d * c0,
        c * b0 + d * d0,
        e * a0 + f * c0 + e0,
        e * b0 + f * d0 + f0,
    )


def _page_objects(page: Any, descents: Mapping[bytes, float]) -> tuple[Objects, Objects]:
    """The characters of *page* and the edges of the paths drawn on it, as pdfplumber's objects."""
    device, placing = _page_space(page)
    textpage = page.get_textpage()
    try:
        chars = list(_chars(textpage, descents, device, placing))
    finally:
        textpage.close()
    return chars, list(_edges(page, placing))


def _chars(textpage: Any, descents: Mapping[bytes, float], device: Matrix, placing: Matrix) -> Iterator[dict[str, Any]]:
    """The characters printed on a page (not the spaces and line breaks PDFium adds between them), each with
    the box pdfminer gives it: from where PDFium puts its origin, its advance along the line and its size
    across it, from the descent its font's descriptor gives (PDFium's own where the descriptor was not read);
    a character written downwards, its size across and its advance down."""
    import pypdfium2.raw as pdfium

    raw, x, y, width = textpage.raw, ctypes.c_double(), ctypes.c_double(), ctypes.c_float()
    objects, fonts = _TextObjects(raw, device, placing), _Fonts(descents)
    advances: dict[tuple[int, float, int], float] = {}
    pa, pb, pc, pd, pe, pf = placing
    for index in range(pdfium.FPDFText_CountChars(raw)):
        if pdfium.FPDFText_IsGenerated(raw, index):
            continue
        placed = objects.of(index)
        if placed is None:  # a character of no text object: none PDFium would draw
            continue
        font, size, (a, b, c, d), upright = placed
        code = pdfium.FPDFText_GetUnicode(raw, index)
        if code == _BROKEN_WORD and pdfium.FPDFText_IsHyphen(raw, index):
            code = ord("-")  # PDFium marks a hyphen ending a line
        elif code == 0 or 0xD800 <= code <= 0xDFFF:  # a glyph the font maps to no character, or half of one
            code = 0xFFFD
        key = ctypes.addressof(font.contents), size, code
        advance = advances.get(key)
        if advance is None:
            pdfium.FPDFFont_GetGlyphWidth(font, code, size, width)
            advance = advances[key] = width.value
        if advance < 0:  # written downwards: a vertical advance, and PDFium's origin is pdfminer's corner
            along, (v0, v1) = size, (0.0, -advance)
        else:
            v0 = fonts.descent(font) * size
            along, v1 = advance, v0 + size
        pdfium.FPDFText_GetCharOrigin(raw, index, x, y)
        ox, oy = pa * x.value + pc * y.value + pe, pb * x.value + pd * y.value + pf
        if b == c == 0:  # upright or upside down on the page as shown: two corners make the box
            x0, x1, y0, y1 = ox, ox + a * along, oy + d * v0, oy + d * v1
        elif a == d == 0:  # turned a quarter
            x0, x1, y0, y1 = ox + c * v0, ox + c * v1, oy, oy + b * along
        else:
            xs = [ox + a * u + c * v for u in (0.0, along) for v in (v0, v1)]
            ys = [oy + b * u + d * v for u in (0.0, along) for v in (v0, v1)]
            x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        x0, x1 = (x0, x1) if x0 < x1 else (x1, x0)
        y0, y1 = (y0, y1) if y0 < y1 else (y1, y0)
        yield {
            "text": chr(code),
            "x0": x0,
            "x1": x1,
            "top": y0,
            "bottom": y1,
            "doctop": y0,
            "size": y1 - y0,
            "upright": upright,
        }


_BROKEN_WORD = 2
"""What PDFium says of a hyphen that ends a line (a word broken over lines, it guesses)."""


class _TextObjects:
    """What the characters of each text object of a page share, read once for all of them: their font and its
    size, their matrix, and whether pdfminer takes them as upright."""

    def __init__(self, textpage: Any, device: Matrix, placing: Matrix) -> None:
        import pypdfium2.raw as pdfium

        self.textpage, self.device, self.placing, self.matrix = textpage, device, placing, pdfium.FS_MATRIX()
        self.known: dict[int, tuple[Any, float, tuple[float, float, float, float], bool]] = {}
        self.turns: dict[tuple[float, float, float, float], tuple[tuple[float, float, float, float], bool]] = {}
        known = pdfium.FPDFText_GetTextObject  # its copy answering the object's address, a key
        self.address = type(known).from_address(ctypes.addressof(known))
        self.address.argtypes, self.address.restype = known.argtypes, ctypes.c_void_p

    def of(self, index: int) -> tuple[Any, float, tuple[float, float, float, float], bool] | None:
        """The font and size of the character at *index*, its matrix on the page as shown (pdfplumber's
        coordinates), and whether pdfminer takes it as upright; ``None`` for a character of no text object."""
        key = self.address(self.textpage, index)
        if key is None:
            return None
        found = self.known.get(key)
        if found is None:
            import pypdfium2.raw as pdfium

            pdfium.FPDFText_GetMatrix(self.textpage, index, self.matrix)
            turn = self.matrix.a, self.matrix.b, self.matrix.c, self.matrix.d
            if turn not in self.turns:
                a, b, c, d, _, _ = _multiply((*turn, 0, 0), self.device)
                shown = _multiply((*turn, 0, 0), self.placing)[:4]
                self.turns[turn] = (shown[0], shown[1], shown[2], shown[3]), a * d > 0 and b * c <= 0
            shown_turn, upright = self.turns[turn]
            font = pdfium.FPDFTextObj_GetFont(pdfium.FPDFText_GetTextObject(self.textpage, index))
            found = self.known[key] = font, pdfium.FPDFText_GetFontSize(self.textpage, index), shown_turn, upright
        return found


class _Fonts:
    """The descent of each font of a page, in thousandths of its size: pdfminer's, where the PDF's descriptors
    name the font, else PDFium's."""

    def __init__(self, descents: Mapping[bytes, float]) -> None:
        self.descents, self.known = descents, dict[int, float]()

    def descent(self, font: Any) -> float:
        key = ctypes.addressof(font.contents)
        found = self.known.get(key)
        if found is None:
            import pypdfium2.raw as pdfium

            name = ctypes.create_string_buffer(_LONGEST_NAME)
            pdfium.FPDFFont_GetBaseFontName(font, name, _LONGEST_NAME)
            found = self.descents.get(name.value)
            if found is None:
                descent = ctypes.c_float()
                pdfium.FPDFFont_GetDescent(font, 1.0, descent)
                found = descent.value
            self.known[key] = found
        return found


_LONGEST_NAME = 256
"""The longest name of a font whose descent is looked up (a longer one has PDFium's)."""


def _edges(page: Any, placing: Matrix) -> Objects:
    """The edges of the paths drawn on a page (and in its forms), as pdfplumber makes them of pdfminer's lines,
    rectangles and curves, each subpath one of these: a line's edge is horizontal or else vertical, a
    rectangle's are its sides, and a curve's those of its steps that are horizontal or vertical."""
    lines, rects, curves = [], [], []
    for path in _paths(page):
        for shape, points in _subpaths(path):
            placed = [_placed(placing, x, y) for x, y in points]
            if shape in ("ml", "mlh"):
                (_, ya), (_, yb) = placed[:2]
                lines.append(_edge(placed[0], placed[1], "h" if ya == yb else "v"))
            elif shape in ("mlllh", "mllll") and placed[0] == placed[4] and _square(placed):
                rects.extend(_sides(placed))
            else:
                for (xa, ya), (xb, yb) in itertools.pairwise(placed):
                    if xa == xb or ya == yb:
                        curves.append(_edge((xa, ya), (xb, yb), "v" if xa == xb else "h"))
    return lines + rects + curves


def _square(points: list[Point]) -> bool:
    """Whether the first four points of a closed subpath are the corners of a rectangle upright on the page."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points[:4]
    return (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)


def _sides(corners: list[Point]) -> Objects:
    """The four sides of the rectangle with the first and third of *corners* opposite: top, bottom, left, right."""
    (xa, ya), (xb, yb) = corners[0], corners[2]
    x0, x1 = sorted((xa, xb))
    top, bottom = sorted((ya, yb))
    return [
        _edge((x0, top), (x1, top), "h"),
        _edge((x0, bottom), (x1, bottom), "h"),
        _edge((x0, top), (x0, bottom), "v"),
        _edge((x1, top), (x1, bottom), "v"),
    ]


def _edge(start: Point, end: Point, orientation: str) -> dict[str, Any]:
    """The edge from *start* to *end*, as pdfplumber's table finder takes it."""
    (xa, ya), (xb, yb) = start, end
    x0, x1 = sorted((xa, xb))
    top, bottom = sorted((ya, yb))
    return {
        "object_type": "edge",
        "orientation": orientation,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": x1 - x0,
        "height": bottom - top,
    }


MOST_FORM_DEPTH = 15
"""How deep forms (XObjects) inside forms are followed for the paths they draw."""


def _paths(page: Any) -> Iterator[list[tuple[str, Point]]]:
    """Each path drawn on *page* and in the forms on it, as pdfminer records it: each step (``m`` moves,
    ``l`` a line, ``c`` a Bézier curve, ``h`` closes the subpath) with the point it ends at, in PDF
    coordinates."""
    import pypdfium2.raw as pdfium

    x, y = ctypes.c_float(), ctypes.c_float()
    for path, (a, b, c, d, e, f) in _path_objects(page):
        steps: list[tuple[str, Point]] = []
        start: Point = (0.0, 0.0)
        curving = 0
        for k in range(pdfium.FPDFPath_CountSegments(path)):
            segment = pdfium.FPDFPath_GetPathSegment(path, k)
            pdfium.FPDFPathSegment_GetPoint(segment, x, y)
            point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
            step = pdfium.FPDFPathSegment_GetType(segment)
            closed = pdfium.FPDFPathSegment_GetClose(segment)
            if closed and point == start and step == pdfium.FPDF_SEGMENT_LINETO:
                steps.append(("h", start))  # PDFium draws the line back to the start of ``h`` and ``re``
                continue
            if step == pdfium.FPDF_SEGMENT_MOVETO:
                steps.append(("m", point))
                start = point
            elif step == pdfium.FPDF_SEGMENT_LINETO:
                steps.append(("l", point))
            elif step == pdfium.FPDF_SEGMENT_BEZIERTO:
                curving = (curving + 1) % 3  # PDFium gives a curve's two control points, then its end
                if curving == 0:
                    steps.append(("c", point))
            if closed:
                steps.append(("h", start))
        yield steps


def _path_objects(page: Any) -> Iterator[tuple[Any, Matrix]]:
    """The path objects on *page* and in the forms on it, in the order drawn, each with the matrix placing it
    on the page."""
    import pypdfium2.raw as pdfium

    matrix = pdfium.FS_MATRIX()

    def inside(count: int, get: Callable[[int], Any], outer: Matrix, depth: int) -> Iterator[tuple[Any, Matrix]]:
        for index in range(count):
            item = get(index)
            kind = pdfium.FPDFPageObj_GetType(item)
            if kind not in (pdfium.FPDF_PAGEOBJ_PATH, pdfium.FPDF_PAGEOBJ_FORM):
                continue
            pdfium.FPDFPageObj_GetMatrix(item, matrix)
            placed = _multiply((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
            if kind == pdfium.FPDF_PAGEOBJ_PATH:
                yield item, placed
            elif depth < MOST_FORM_DEPTH:
                objects = functools.partial(pdfium.FPDFFormObj_GetObject, item)
                yield from inside(pdfium.FPDFFormObj_CountObjects(item), objects, placed, depth + 1)

    yield from inside(
        pdfium.FPDFPage_CountObjects(page), functools.partial(pdfium.FPDFPage_GetObject, page), _IDENTITY, 0
    )


_IDENTITY: Matrix = (1, 0, 0, 1, 0, 0)


def _subpaths(path: list[tuple[str, Point]]) -> Iterator[tuple[str, list[Point]]]:
    """The subpaths of *path* as pdfminer paints them, each its shape (``"mlllh"``) and points: every one
    beginning with a move and going somewhere, a line back to the start before closing left out."""
    if not path or path[0][0] != "m":
        return
    shape = "".join(op for op, _ in path)
    for found in re.finditer(r"m[^m]+", shape):
        part, points = found.group(), [point for _, point in path[found.start() : found.end()]]
        if len(part) > 3 and part.endswith("lh") and points[-2] == points[0]:
            part, points = part[:-2] + "h", points[:-2] + points[-1:]
        yield part, points


def _layout(chars: Objects, edges: Objects, number: int) -> Iterator[tuple[float, Line | Row]]:
    """The lines and table rows of page *number* of a PDF, each with where it stands from the top: the tables
    pdfplumber finds among the edges, and the lines of the characters outside them."""
    from pdfplumber.table import TableFinder
    from pdfplumber.utils.text import chars_to_textmap

    tables = TableFinder(cast(Any, SimpleNamespace(edges=edges))).tables  # the finder reads a page's edges only
    boxes = [t.bbox for t in tables]

    def outside(char: dict[str, Any]) -> bool:
        return not any(
            x0 <= char["x0"] and char["x1"] <= x1 and top <= char["top"] and char["bottom"] <= bottom
            for x0, top, x1, bottom in boxes
        )

    left = [char for char in chars if outside(char)]
    for line in chars_to_textmap(left).extract_text_lines(strip=True, return_chars=False) if left else ():
        text = line["text"].strip()
        if text and not PAGE_NUMBER.match(text):
            yield line["top"], Line(text, Place(page=number))
    for index, table in enumerate(tables):
        for r, (row, cells) in enumerate(zip(table.rows, _texts(table, chars), strict=True)):
            kept = [
                Cell(
                    re.sub(r"\s*\n\s*", "", text).strip(),
                    at_cell(index + 1, r + 1, k + 1, page=number),
                    (box[0], box[2]),
                )
                for k, (text, box) in enumerate(zip(cells, row.cells, strict=True))
                if text is not None and box is not None
            ]
            texts = [c.text for c in kept if c.text]
            if len(texts) == 1 and not _numbers.is_number(texts[0]):
                yield row.bbox[1], Line(texts[0], kept[0].where)
            else:  # a row of empty cells too: they are figures left blank
                yield row.bbox[1], Row(cells=tuple(kept), table=index)


def _texts(table: Any, chars: Objects) -> Iterator[list[str | None]]:
    """The text of each cell of each row of *table* (``None`` where the row has no cell), of the characters
    whose middle is in the cell: pdfplumber's ``Table.extract``, with each character's middle found once."""
    x0, top, x1, bottom = table.bbox
    middles = [((c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2, c) for c in chars]
    middles = [m for m in middles if x0 <= m[0] < x1 and top <= m[1] < bottom]
    for row in table.rows:
        x0, top, x1, bottom = row.bbox
        in_row = [m for m in middles if x0 <= m[0] < x1 and top <= m[1] < bottom]
        texts: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                texts.append(None)
                continue
            x0, top, x1, bottom = cell
            in_cell = [c for x, y, c in in_row if x0 <= x < x1 and top <= y < bottom]
            texts.append(cell_text(in_cell) if in_cell else "")
        yield texts


def cell_text(chars: Objects) -> str:
    """The text of a cell's characters, as pdfplumber's ``extract_text`` gives it: its words (characters
    apart by no more than 3 points) joined by a space, its lines (tops apart by no more than 3 points) by a
    line break. Upright characters on one line, one word, are joined at once (most cells: a figure)."""
    from pdfplumber.utils.clustering import cluster_objects
    from pdfplumber.utils.text import LIGATURES

    top, previous = chars[0]["top"], None
    for char in chars:
        if not (
            char["upright"]
            and char["top"] == top
            and not char["text"].isspace()
            and (previous is None or previous["x0"] <= char["x0"] <= previous["x1"] + _CLOSE)
        ):
            break
        previous = char
    else:
        return "".join(LIGATURES.get(text, text) for text in (char["text"] for char in chars))
    lines = cluster_objects(_words().extract_words(chars), itemgetter("top"), _CLOSE)
    return "\n".join(" ".join(word["text"] for word in line) for line in lines)


_CLOSE = 3
"""pdfplumber's tolerance: how far apart characters of a word, or the tops of a line's words, may be."""


@functools.cache
def _words() -> Any:
    """pdfplumber's word extractor, with its defaults (made once)."""
    from pdfplumber.utils.text import WordExtractor

    return WordExtractor()
