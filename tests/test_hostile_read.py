"""Hostile and broken input to the readers: one clear finding or ReadError on the part at fault, never a
traceback, a hang or a lost report."""

from __future__ import annotations

import functools
import html
import operator
import re
from collections.abc import Callable

import pytest
from hypothesis import Phase, assume, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES
from gov_disclosure import MOST_COUNT, ReadError, Report, Severity, load, read
from gov_disclosure.reading._document import MOST_ITEMS
from gov_disclosure.reading._reading import MOST_MESSAGE
from helpers import pdf_file, with_part
from layouts import TEXT_TABLES, Page, changed, page_docx, page_html, page_text, printed_cells, value_paths
from test_read_layouts import check, published

HUGE = ("9" * 10_000, str(MOST_COUNT + 1), "1" * 31, "12,345,678,901")
"""Figures no report holds: past Python's 4,300 digits, just past the bound, past the digits a number is read
with, and with thousands separators."""

WRITERS = {
    **{
        f"text, {name}": (lambda page, layout=layout: page_text(page, layout).encode())
        for name, layout in TEXT_TABLES.items()
    },
    "HTML": lambda page: page_html(page, "utf-8", True, False),
    "Word": page_docx,
}


@st.composite
def with_a_huge_figure(draw: st.DrawFn) -> tuple[Report, Page, str]:
    """A published page with one printed figure of 二, 三 or 四 replaced by a figure no report holds."""
    report, _, page, _ = draw(published())
    texts = printed_cells(page)
    paths = [p for p in value_paths(report) if texts[p].strip() and isinstance(operator.attrgetter(p)(report), int)]
    assume(paths)
    path = draw(st.sampled_from(paths))
    return report, changed(page, path, draw(st.sampled_from(HUGE))), path


@pytest.mark.parametrize("writer", list(WRITERS))
@settings(deadline=None, max_examples=25, phases=[Phase.explicit, Phase.reuse, Phase.generate])  # pages shrink slowly
@given(with_a_huge_figure())
def test_a_figure_no_report_holds_is_an_error_on_its_cell_and_the_rest_is_read(
    writer: str, example: tuple[Report, Page, str]
) -> None:
    report, page, path = example
    reading = read(WRITERS[writer](page))
    check(report, reading, exact=False)  # the report is kept; every cell right or covered by a finding
    covered = [f.path for f in reading.findings if f.severity is not Severity.INFO and f.path]
    assert any(path == p or path.startswith(f"{p}.") for p in covered), (path, covered)  # an error or a warning
    assert all(len(f.message) <= MOST_MESSAGE and len(f.message_en) <= MOST_MESSAGE for f in reading.findings)


NOT_OURS = (
    "[1]",
    "[1, 2]",
    "{",
    '{"agency": 5, "year": 2019}',
    '{"agency": "某局", "year": "2019"}',
    "[" * 20_000 + "]" * 20_000,
)
"""Metadata that another writer left where this library keeps its own: none of it is a heading of ours."""


@functools.cache
def enping() -> Report:
    return load(EXAMPLES / "enping-2019.yaml")


def html_meta(content: str) -> bytes:
    page = enping().to_html()
    ours = re.search(r'<meta name="gov-disclosure" content="[^"]*">', page)
    assert ours is not None
    return page.replace(ours[0], f'<meta name="gov-disclosure" content="{html.escape(content)}">').encode()


def docx_meta(content: str) -> bytes:
    wrapped = f'{{"gov-disclosure": {content}}}' if not content.startswith("{") else content
    description = f"<dc:description>{html.escape(wrapped)}</dc:description>".encode()
    return with_part(
        enping().to_docx(),
        "docProps/core.xml",
        lambda data: re.sub(rb"<dc:description>.*</dc:description>", description, data),
    )


@pytest.mark.parametrize("content", NOT_OURS, ids=lambda c: c[:20])
@pytest.mark.parametrize("write", [html_meta, docx_meta], ids=["HTML", "Word"])
def test_metadata_of_another_writer_is_not_read_and_the_page_is(write: Callable[[str], bytes], content: str) -> None:
    reading = read(write(content))
    assert reading.report is not None, [str(f) for f in reading.findings]
    assert (reading.report.proactive, reading.report.applications, reading.report.appeals) == (
        enping().proactive,
        enping().applications,
        enping().appeals,
    )
    assert (reading.report.agency, reading.report.year) == (enping().agency, enping().year)  # from the printed title


def pdf(pages: int, encrypt: bytes = b"") -> bytes:
    """A PDF of blank *pages*, written by hand; with *encrypt*, an encryption dictionary no empty password opens."""
    kids = b" ".join(b"%d 0 R" % (4 + n) for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        encrypt or b"<< >>",
        *(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>" for _ in range(pages)),
    ]
    encrypted = b" /Encrypt 3 0 R /ID [<00> <00>]" if encrypt else b""
    return pdf_file(objects, encrypted)


STANDARD_ENCRYPTION = b"<< /Filter /Standard /V 1 /R 2 /O <" + b"00" * 32 + b"> /U <" + b"11" * 32 + b"> /P -4 >>"


@pytest.mark.usefixtures("pdf_reader")
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (pdf(1, STANDARD_ENCRYPTION), "the PDF is encrypted: open it with its password and save a copy without one"),
        (pdf(201), "the PDF has 201 pages, more than the 200 a report may have"),
        (pdf(2), "the PDF has no text layer"),
        (pdf(0), "the PDF has no text layer"),
        (b"%PDF-1.4\n" + b"\x00" * 100, "the PDF is damaged: it cannot be opened"),
    ],
    ids=["encrypted", "too many pages", "no text", "no pages", "damaged"],
)
def test_a_pdf_that_cannot_be_read_says_why(data: bytes, message: str) -> None:
    with pytest.raises(ReadError, match=re.escape(f"cannot be read as pdf: {message}")):
        read(data)


def word_body(docx: bytes, extra: str) -> bytes:
    """*docx* with *extra* XML at the start of its body."""
    return with_part(docx, "word/document.xml", lambda data: data.replace(b"<w:body>", b"<w:body>" + extra.encode(), 1))


@pytest.mark.parametrize(
    "data",
    [
        word_body(enping_docx := load(EXAMPLES / "enping-2019.yaml").to_docx(), "<w:p/>" * (MOST_ITEMS + 1)),
        ("\n".join(["一行"] * (MOST_ITEMS + 1))).encode(),
        ("<table>" + "<tr><td>某行</td><td>1</td></tr>" * (MOST_ITEMS + 1) + "</table>").encode(),
    ],
    ids=["Word paragraphs", "text lines", "HTML rows"],
)
def test_a_document_longer_than_any_report_is_refused(data: bytes) -> None:
    with pytest.raises(ReadError, match=f"more than the {MOST_ITEMS:,} a report may have"):
        read(data)
    assert read(word_body(enping_docx, "<w:p/>" * 100)).report == enping()  # empty paragraphs are nothing
