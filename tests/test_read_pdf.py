"""The PDF front end: PDFium's characters and paths are the ones pdfminer (through pdfplumber) gives, on pages
of every rotation and MediaBox, and the documents of the corpus PDFs are the ones pdfplumber alone read."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import CORPUS, EXAMPLES
from gov_disclosure import load
from gov_disclosure.reading._document import Document, Line
from gov_disclosure.reading._pdf import cell_text, from_pdf, laid_out
from helpers import pdf_file
from printed import need

pytestmark = pytest.mark.usefixtures("pdf_reader")

READ_BY_PDFPLUMBER = Path(__file__).resolve().parent / "pdf_documents.json"
"""The lines and rows of each corpus PDF as the front end read them with pdfplumber alone (pdfminer parsing
each page), before PDFium parsed them."""
NEAR = 0.02
"""How far apart a cell's x-coordinates may be: PDFium keeps single floats, pdfminer doubles."""


def items(document: Document) -> list[Any]:
    """The lines and rows of *document* as JSON: each line its text and place, each row its cells'."""
    return [
        ["line", item.text, list(item.where), item.heading]
        if isinstance(item, Line)
        else [
            "row",
            item.table,
            item.grid,
            [[c.text, list(c.where), c.x and [round(x, 2) for x in c.x]] for c in item.cells],
        ]
        for item in document.items
    ]


def same(read: list[Any], expected: list[Any]) -> bool:
    """Whether two documents' items are the same, cell x-coordinates within :data:`NEAR`."""

    def extents(item: list[Any]) -> list[Any]:
        return [cell[2] for cell in item[3]] if item[0] == "row" else []

    def without(item: list[Any]) -> list[Any]:
        return [*item[:3], [cell[:2] for cell in item[3]]] if item[0] == "row" else item

    return len(read) == len(expected) and all(
        without(a) == without(b)
        and all(
            (x is None) == (y is None) and (x is None or all(abs(u - v) <= NEAR for u, v in zip(x, y, strict=True)))
            for x, y in zip(extents(a), extents(b), strict=True)
        )
        for a, b in zip(read, expected, strict=True)
    )


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.pdf")), ids=lambda path: path.name)
def test_the_corpus_reads_as_pdfplumber_alone_read_it(path: Path) -> None:
    expected = json.loads(READ_BY_PDFPLUMBER.read_text(encoding="utf-8"))[path.name]
    assert same(items(from_pdf(path.read_bytes())), expected)


def plumbed(data: bytes) -> Document:
    """The document of pdfplumber's own characters and edges of each page, laid out as the front end lays out
    PDFium's."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return laid_out((page.chars, page.edges) for page in pdf.pages)


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.pdf")), ids=lambda path: path.name)
def test_pdfium_gives_the_corpus_pdfminers_objects(path: Path) -> None:
    assert same(items(from_pdf(path.read_bytes())), items(plumbed(path.read_bytes())))


def one_page(box: tuple[int, int, int, int], rotation: int, content: bytes) -> bytes:
    """A PDF of one page written by hand: its MediaBox, rotation and content, in Helvetica."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [%d %d %d %d] /Rotate %d /Contents 5 0 R"
        b" /Resources << /Font << /F1 4 0 R >> >> >>" % (*box, rotation),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    return pdf_file(objects)


TURNS = [b"1 0 0 1", b"2 0 0 1.5", b"0 1 -1 0", b"0 -1 1 0", b"-1 0 0 -1"]
"""Text matrices: upright, stretched, turned a quarter either way, upside down."""
coordinate = st.integers(0, 500)


@st.composite
def drawings(draw: st.DrawFn) -> bytes:
    """A page's content: rectangles filled, lines and closed paths stroked, one laid as a table's grid, and
    words in each text matrix."""
    content = []
    for x, y, w, h in draw(st.lists(st.tuples(coordinate, coordinate, st.integers(-50, 200), st.integers(-50, 200)))):
        content.append(b"%d %d %d %d re f" % (x, y, w, h))
    for x, y, dx, dy in draw(st.lists(st.tuples(coordinate, coordinate, st.integers(-100, 100), st.integers(-5, 5)))):
        content.append(b"%d %d m %d %d l S" % (x, y, x + dx, y + dy))
    x, y = draw(coordinate), draw(coordinate)
    for k in range(draw(st.integers(0, 4))):  # a grid of three columns: a table
        content.append(b"%d %d m %d %d l S" % (x, y - 20 * k, x + 300, y - 20 * k))
        content.append(b"%d %d m %d %d l S" % (x + 100 * k, y, x + 100 * k, y - 60))
    # each character at most once on the page, and no space: PDFium reads a character drawn again over itself (a
    # bold effect) once, and a space drawn over other text not at all; pdfminer reads each as drawn
    glyphs = "".join(draw(st.permutations([chr(c) for c in range(0x21, 0x7F)])))
    words = st.tuples(st.sampled_from(TURNS), st.integers(6, 20), coordinate, coordinate, st.integers(1, 12))
    used = 0
    for turn, size, x, y, length in draw(st.lists(words, max_size=8)):
        word, used = glyphs[used : used + length], used + length
        if not word:
            break
        escaped = word.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        content.append(b"BT /F1 %d Tf %s %d %d Tm (%s) Tj ET" % (size, turn, x, y, escaped.encode()))
    return b"\n".join(content)


@given(
    box=st.tuples(st.integers(-50, 50), st.integers(-50, 50), st.integers(550, 650), st.integers(700, 850)),
    rotation=st.sampled_from([0, 90, 180, 270]),
    content=drawings(),
)
def test_pdfium_gives_pdfminers_objects_on_every_page(
    box: tuple[int, int, int, int], rotation: int, content: bytes
) -> None:
    import pdfplumber
    import pypdfium2

    from gov_disclosure.reading._pdf import _descents, _page_objects

    data = one_page(box, rotation, content)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        chars, edges = page.chars, [e for e in page.edges if e["orientation"]]
    document = pypdfium2.PdfDocument(data)
    try:
        ours, our_edges = _page_objects(document[0], _descents(data))
    finally:
        document.close()
    keys = ("x0", "x1", "top", "bottom")
    by_text = {char["text"]: char for char in chars}  # each character is drawn once
    assert sorted(char["text"] for char in ours) == sorted(by_text)
    for char in ours:
        theirs = by_text[char["text"]]
        assert char["upright"] == theirs["upright"]
        assert all(abs(char[key] - theirs[key]) < NEAR for key in keys), (char, theirs)
    assert sorted(map(_edge, our_edges)) == sorted(map(_edge, edges))


def _edge(edge: dict[str, Any]) -> tuple[Any, ...]:
    return edge["orientation"], *(round(edge[key], 2) for key in ("x0", "x1", "top", "bottom"))


@st.composite
def characters(draw: st.DrawFn) -> dict[str, Any]:
    """A character as pdfplumber has it: its text (a space, a ligature among them), box, and uprightness,
    near others on a line or a few lines."""
    x0, top = draw(st.sampled_from([0, 2, 4, 5, 7.5, 8, 11.5, 12])), draw(st.sampled_from([100, 101, 103, 103.5]))
    width, size = draw(st.sampled_from([2, 4])), draw(st.sampled_from([5, 9]))
    text = draw(st.sampled_from(["0", "1", "a", "中", "、", " ", "\u3000", "ﬁ"]))
    upright = draw(st.booleans())
    return {
        "text": text,
        "x0": x0,
        "x1": x0 + width,
        "top": top,
        "bottom": top + size,
        "doctop": top,
        "upright": upright,
    }


@given(st.lists(characters(), min_size=1, max_size=8))
def test_a_cells_text_is_pdfplumbers(chars: list[dict[str, Any]]) -> None:
    from pdfplumber.utils import extract_text

    assert cell_text(chars) == extract_text(chars)


@pytest.mark.slow
def test_pdfium_gives_libreoffices_pdfs_pdfminers_objects(tmp_path: Path) -> None:
    """Both examples made PDF by LibreOffice: read from PDFium's objects, the same as from pdfminer's."""
    need("soffice")
    from test_office import to_pdf

    for example in sorted(EXAMPLES.glob("*.yaml")):
        load(example).to_docx(tmp_path / f"{example.stem}.docx")
    to_pdf(sorted(tmp_path.glob("*.docx")), tmp_path)
    for pdf in sorted(tmp_path.glob("*.pdf")):
        data = pdf.read_bytes()
        assert same(items(from_pdf(data)), items(plumbed(data))), pdf.name
