"""The readers on reports written in every layout publishers use (:mod:`layouts`): each cell is read right or
is covered by an error or warning on it or its row, no report is lost, and one published number changed is an
error."""

from __future__ import annotations

import operator
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from hypothesis import Phase, assume, given, settings
from hypothesis import strategies as st

from gov_disclosure import Reading, Report, Severity, read
from gov_disclosure.model import cells
from gov_disclosure.testing import reports
from languages import mixed
from layouts import (
    BODIES,
    TEXT_TABLES,
    Page,
    Style,
    changed,
    merged_blanks,
    page_docx,
    page_html,
    page_text,
    pages,
    printed,
    printed_cells,
    styles,
    value_paths,
    with_tables,
    without_zero_cells,
    without_zero_columns,
)
from test_office import office_environment

LOSSY = {"run together", "run together with spaces", "rows run together"}
"""Text layouts whose figures may split more than one way: a reading may be ambiguous, and says so."""
BLANKS_LOST = {"cell lines", "markdown from a PDF"}
"""Text layouts where a blank cell leaves no trace among the figures of its row: a row with one cannot be read."""


@st.composite
def published(draw: st.DrawFn) -> tuple[Report, Style, Page, bool]:
    """A report of either edition, the style of its figures, its page, and whether a label was garbled."""
    report = draw(reports(max_count=draw(st.sampled_from((9, 99, 10_000)))))
    signed = report.date is not None  # the 落款 and 成文日期 are read together: neither alone is told from chrome
    report = attrs.evolve(
        report,
        agency=draw(st.sampled_from(BODIES)),
        title=None,
        signature=draw(st.sampled_from(BODIES)) if signed else None,
    )
    style = draw(styles)
    page, garbled = draw(pages(report, printed(report, style)))
    return report, style, page, garbled


def check(report: Report, reading: Reading, *, exact: bool, errors_due: frozenset[str] = frozenset()) -> None:
    """Every printed cell of *reading* is *report*'s or is covered by an error or warning on it or a row or
    table holding it; with *exact*, every cell is right and no error found but those of *errors_due*. Every
    finding keeps to one language a message."""
    assert reading.report is not None, [str(f) for f in reading.findings]
    assert not mixed(reading.findings)
    assert (reading.report.agency, reading.report.year) == (report.agency, report.year)
    assert (reading.report.signature, reading.report.date) == (report.signature, report.date)
    covered = {f.path for f in reading.findings if f.severity is not Severity.INFO and f.path}
    errors = [str(f) for f in reading.findings if f.severity is Severity.ERROR and f.rule not in errors_due]
    printed = set(value_paths(report))
    for cell in cells(type(report)):
        if cell.derived or not (cell.path in printed or cell.path.endswith(".unit")):
            continue
        read_as, due = cell.get(reading.report), cell.get(report)
        if read_as != due:
            assert not exact, (cell.path, read_as, due, errors)
            assert any(cell.path == p or cell.path.startswith(f"{p}.") for p in covered), (cell.path, read_as, due)
    if exact:
        assert not errors


@st.composite
def one_changed(draw: st.DrawFn, report: Report, page: Page) -> Page:
    """The page with one printed figure of 三 or 四 (a total, perhaps; zero written ``/`` or ``—`` included,
    a cell left empty not) printed as another number."""
    texts = printed_cells(page)
    paths = [p for p in value_paths(report) if p.startswith(("applications.", "appeals.")) and texts[p].strip()]
    assume(paths)  # not every figure of 三 and 四 left empty, with none to change
    path = draw(st.sampled_from(paths))
    now = operator.attrgetter(path)(report)
    return changed(page, path, str(now + draw(st.integers(1, 9))))


def check_changed(reading: Reading) -> None:
    assert reading.report is not None
    assert not mixed(reading.findings)
    assert any(f.severity is Severity.ERROR for f in reading.findings), [str(f) for f in reading.findings]


@pytest.mark.parametrize("name", list(TEXT_TABLES))
@settings(deadline=None)
@given(published(), st.data())
def test_page_text_in_every_layout(name: str, example: tuple[Report, Style, Page, bool], data: st.DataObject) -> None:
    report, style, page, garbled = example
    numbers = data.draw(st.booleans(), label="page numbers")
    encoding = data.draw(st.sampled_from(("utf-8", "gb18030")), label="encoding")
    layout = TEXT_TABLES[name]
    exact = name not in LOSSY and not garbled and not (name in BLANKS_LOST and style.zero == "")
    check(report, read(page_text(page, layout, numbers).encode(encoding), format="text"), exact=exact)
    mutated = data.draw(one_changed(report, page))
    check_changed(read(page_text(mutated, layout, numbers).encode(encoding), format="text"))


TABLES: dict[str, Callable[[Page, Style], Page]] = {
    "as printed": lambda page, style: page,
    "blank cells merged": lambda page, style: with_tables(page, merged_blanks),
    "columns of zeros left out": lambda page, style: with_tables(page, lambda t: without_zero_columns(t, style.zero)),
    "zero cells left out": lambda page, style: with_tables(page, lambda t: without_zero_cells(t, style.zero)),
}
"""What publishers do to the tables of a page or a Word document: the variants by name."""
ERRORS_DUE = {"columns of zeros left out": frozenset({"READ-MISSING"})}
"""The errors a variant gives on every report: a table without a statutory column is incomplete."""
LOST = {"zero cells left out"}
"""Variants whose figures cannot all be placed: a row that leaves out cells gets a finding."""


@pytest.mark.parametrize("variant", list(TABLES))
@settings(deadline=None)
@given(published(), st.sampled_from(("utf-8", "gbk", "gb2312")), st.booleans(), st.booleans(), st.data())
def test_html_in_every_layout(
    variant: str,
    example: tuple[Report, Style, Page, bool],
    encoding: str,
    declared: bool,
    xhtml: bool,
    data: st.DataObject,
) -> None:
    report, style, page, garbled = example
    html = page_html(TABLES[variant](page, style), encoding, declared, xhtml)
    exact = not garbled and variant not in LOST
    check(report, read(html, format="html"), exact=exact, errors_due=ERRORS_DUE.get(variant, frozenset()))
    mutated = TABLES[variant](data.draw(one_changed(report, page)), style)
    check_changed(read(page_html(mutated, encoding, declared, xhtml), format="html"))


@pytest.mark.parametrize("variant", ["as printed", "blank cells merged"])
@settings(deadline=None)
@given(published(), st.data())
def test_word_in_every_layout(variant: str, example: tuple[Report, Style, Page, bool], data: st.DataObject) -> None:
    report, style, page, garbled = example
    check(report, read(page_docx(TABLES[variant](page, style)), format="docx"), exact=not garbled)
    mutated = TABLES[variant](data.draw(one_changed(report, page)), style)
    check_changed(read(page_docx(mutated), format="docx"))


@pytest.mark.slow
def test_text_pdf_through_libreoffice(tmp_path: Path) -> None:
    """Word documents of the generated pages (and of each with one figure changed) made PDF by LibreOffice in
    one run, then read: the same property. Hypothesis draws the examples; the conversion is batched, so a
    failing example is reported as drawn, not shrunk."""
    if shutil.which("soffice") is None:
        if os.environ.get("CI"):
            pytest.fail("soffice not installed: run tests/fonts/install.sh")
        pytest.skip("soffice not installed: run tests/fonts/install.sh")
    examples: list[tuple[Report, bool]] = []

    @settings(deadline=None, database=None, phases=[Phase.generate])
    @given(published(), st.data())
    def draw(example: tuple[Report, Style, Page, bool], data: st.DataObject) -> None:
        report, _, page, garbled = example
        number = len(examples)
        (tmp_path / f"{number}.docx").write_bytes(page_docx(page))
        (tmp_path / f"{number}-changed.docx").write_bytes(page_docx(data.draw(one_changed(report, page))))
        examples.append((report, garbled))

    draw()
    documents = sorted(tmp_path.glob("*.docx"))
    for _ in range(3):  # LibreOffice now and then leaves a document of a long batch unconverted
        left = [str(p) for p in documents if not p.with_suffix(".pdf").exists()]
        for chunk in (left[k : k + 50] for k in range(0, len(left), 50)):
            command = ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), *chunk]
            subprocess.run(command, check=True, capture_output=True, env=office_environment(), timeout=900)
    assert all(p.with_suffix(".pdf").exists() for p in documents), "LibreOffice did not convert every document"
    for number, (report, garbled) in enumerate(examples):
        check(report, read(tmp_path / f"{number}.pdf"), exact=not garbled)
        check_changed(read(tmp_path / f"{number}-changed.pdf"))
