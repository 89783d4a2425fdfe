"""A real word processor opens the rendered documents: LibreOffice turns both examples into PDF.

Needs LibreOffice, poppler-utils and CJK fonts (``tests/fonts/install.sh``); CI installs them and runs this.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT
from gov_disclosure import Report, load
from gov_disclosure.render import context

pytestmark = pytest.mark.slow

FONTS = ROOT / "tests" / "fonts"
EXAMPLE_PAGES = {"enping-2019": range(6, 13), "hongze-2024": range(4, 9)}


def office_environment() -> dict[str, str]:
    environment = dict(os.environ)
    if any(FONTS.glob("Fandol*.otf")):
        environment["FONTCONFIG_FILE"] = str(FONTS / "fonts.conf")
    return environment


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    missing = [tool for tool in ("soffice", "pdftotext", "pdffonts", "pdfinfo") if shutil.which(tool) is None]
    if missing:
        message = f"{', '.join(missing)} not installed: run tests/fonts/install.sh"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    out = tmp_path_factory.mktemp("office")
    documents = []
    for name in EXAMPLE_PAGES:
        load(EXAMPLES / f"{name}.yaml").to_docx(out / f"{name}.docx")
        documents.append(str(out / f"{name}.docx"))
    command = ["soffice", f"-env:UserInstallation=file://{out}/profile", "--headless", "--convert-to", "pdf"]
    subprocess.run(
        [*command, "--outdir", str(out), *documents],
        check=True,
        capture_output=True,
        timeout=300,
        env=office_environment(),
    )
    return {name: out / f"{name}.pdf" for name in EXAMPLE_PAGES}


def run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True, timeout=60).stdout


def squeeze(text: str) -> str:
    """Text without white space and page numbers, so that wrapped lines and page breaks do not matter."""
    return re.sub(r"—\d+—", "", re.sub(r"\s", "", text))


@pytest.mark.parametrize("name", EXAMPLE_PAGES)
def test_libreoffice_opens_the_document(pdfs: dict[str, Path], name: str) -> None:
    pdf = pdfs[name]
    pages = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(pdf))).group(1))  # type: ignore[union-attr]
    assert pages in EXAMPLE_PAGES[name]

    text = squeeze(run("pdftotext", "-raw", str(pdf), "-"))
    report: Report = load(EXAMPLES / f"{name}.yaml")
    values = context(report)
    assert squeeze(report.full_title) in text
    for section in values["sections"]:
        assert squeeze(section["heading"]) in text
        for block in section["narrative"]:
            assert squeeze(block["text"]) in text
        if section["table"] is None:
            continue
        for row in section["table"].rows:
            labels = [cell.text for cell in row if cell.scope]
            for cell in row:
                if cell.scope and cell.rowspan > 1:  # a label beside rows on two pages is split by the break
                    assert re.search(".*?".join(map(re.escape, squeeze(cell.text))), text), cell.text
                elif cell.scope:
                    assert squeeze(cell.text) in text
            numbers = "".join(cell.text for cell in row if cell.path)
            if numbers:  # a row's values follow its label
                assert squeeze((labels[-1] if labels else "") + numbers) in text

    fonts = run("pdffonts", str(pdf)).splitlines()[2:]
    assert fonts
    assert all(line.split()[-5] == "yes" for line in fonts), "every font is embedded"
    assert any(re.search(r"Fandol|CJK|Song|Hei|Kai|Fang", line) for line in fonts), "a CJK font is embedded"
