"""A real word processor opens the rendered documents: LibreOffice turns both examples into PDF.

Needs LibreOffice, poppler-utils and CJK fonts (``tests/fonts/install.sh``); CI installs them and runs this.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT
from gov_disclosure import Report, load
from printed import SHIFTS, check_every_label, check_pages, need, run, shifted

pytestmark = pytest.mark.slow

FONTS = ROOT / "tests" / "fonts"
EXAMPLE_PAGES = {"enping-2019": range(6, 13), "hongze-2024": range(4, 9)}


def office_environment() -> dict[str, str]:
    environment = dict(os.environ)
    if any(FONTS.glob("Fandol*.otf")):
        environment["FONTCONFIG_FILE"] = str(FONTS / "fonts.conf")
    return environment


def to_pdf(documents: list[Path], out: Path) -> None:
    """Convert Word *documents* to PDF in *out* with LibreOffice, headless, with a profile of its own."""
    command = ["soffice", f"-env:UserInstallation=file://{out}/profile", "--headless", "--convert-to", "pdf"]
    subprocess.run(
        [*command, "--outdir", str(out), *map(str, documents)],
        check=True,
        capture_output=True,
        timeout=600,
        env=office_environment(),
    )


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    need("soffice", "pdftotext", "pdffonts", "pdfinfo")
    out = tmp_path_factory.mktemp("office")
    for name in EXAMPLE_PAGES:
        load(EXAMPLES / f"{name}.yaml").to_docx(out / f"{name}.docx")
    to_pdf([out / f"{name}.docx" for name in EXAMPLE_PAGES], out)
    return {name: out / f"{name}.pdf" for name in EXAMPLE_PAGES}


@pytest.fixture(scope="module")
def shifted_pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both examples with their text shifted by each of SHIFTS, as PDF, named ``{name}-{step}.pdf``."""
    need("soffice", "pdftotext")
    out = tmp_path_factory.mktemp("shifted")
    for name in EXAMPLE_PAGES:
        for step in SHIFTS:
            shifted(load(EXAMPLES / f"{name}.yaml"), step).to_docx(out / f"{name}-{step}.docx")
    to_pdf(sorted(out.glob("*.docx")), out)
    return out


@pytest.mark.parametrize("name", EXAMPLE_PAGES)
def test_libreoffice_opens_the_document(pdfs: dict[str, Path], name: str) -> None:
    pdf = pdfs[name]
    pages = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(pdf))).group(1))  # type: ignore[union-attr]
    assert pages in EXAMPLE_PAGES[name]

    report: Report = load(EXAMPLES / f"{name}.yaml")
    check_every_label(run("pdftotext", "-raw", str(pdf), "-"), report)
    check_pages(pdf, report)

    fonts = run("pdffonts", str(pdf)).splitlines()[2:]
    assert fonts
    assert all(line.split()[-5] == "yes" for line in fonts), "every font is embedded"
    assert any(re.search(r"Fandol|CJK|Song|Hei|Kai|Fang", line) for line in fonts), "a CJK font is embedded"


@pytest.mark.parametrize("step", SHIFTS)
@pytest.mark.parametrize("name", EXAMPLE_PAGES)
def test_no_heading_ends_a_page_wherever_it_falls(shifted_pdfs: Path, name: str, step: int) -> None:
    report = shifted(load(EXAMPLES / f"{name}.yaml"), step)
    check_pages(shifted_pdfs / f"{name}-{step}.pdf", report)
    check_every_label(run("pdftotext", "-raw", str(shifted_pdfs / f"{name}-{step}.pdf"), "-"), report)
