"""A real browser prints the HTML page: headless Chromium turns both examples into PDF, checked as printed.

Needs Chromium, poppler-utils and CJK fonts (``tests/fonts/install.sh``); CI installs them and runs this.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import EXAMPLES
from gov_disclosure import Report, load
from printed import SHIFTS, check_every_label, check_pages, need, run, shifted
from test_office import office_environment

pytestmark = pytest.mark.slow

EXAMPLE_NAMES = ("enping-2019", "hongze-2024")


def print_to_pdf(page: Path, pdf: Path, profile: Path) -> None:
    """Print *page* as Chromium does headless: no network, no profile of its own, no header and footer of its own
    (the page numbers are the page's), no sandbox (which root cannot have)."""
    subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
        env=office_environment(),
    )


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    need("chromium", "pdftotext")
    out = tmp_path_factory.mktemp("browser")
    for name in EXAMPLE_NAMES:
        page = out / f"{name}.html"
        page.write_text(load(EXAMPLES / f"{name}.yaml").to_html(), encoding="utf-8")
        print_to_pdf(page, out / f"{name}.pdf", out / "profile")
    return {name: out / f"{name}.pdf" for name in EXAMPLE_NAMES}


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_chromium_prints_the_page(pdfs: dict[str, Path], name: str) -> None:
    report: Report = load(EXAMPLES / f"{name}.yaml")
    check_every_label(run("pdftotext", "-raw", str(pdfs[name]), "-"), report)
    check_pages(pdfs[name], report)


def one_page(pages: list[str]) -> str:
    """The reports of *pages* in one page, each on new sheets: printed at once, and laid out as each alone (every
    sheet has the same text block), numbered on."""
    head, _, _ = pages[0].partition("<article")
    articles = [page[page.index("<article") : page.index("</article>") + len("</article>")] for page in pages]
    sheets = [articles[0], *(a.replace("<article ", '<article style="break-before: page" ', 1) for a in articles[1:])]
    return head + "\n".join(sheets) + "\n</body>\n</html>\n"


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_no_heading_ends_a_page_wherever_it_falls(tmp_path: Path, name: str) -> None:
    need("chromium", "pdftotext")
    reports = [shifted(load(EXAMPLES / f"{name}.yaml"), step) for step in SHIFTS]
    (tmp_path / "shifted.html").write_text(one_page([r.to_html() for r in reports]), encoding="utf-8")
    print_to_pdf(tmp_path / "shifted.html", tmp_path / "shifted.pdf", tmp_path / "profile")
    check_pages(tmp_path / "shifted.pdf", reports[0])
