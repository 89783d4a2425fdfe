"""Regenerate the PNG previews of the rendered examples in docs/images/.

    bash tests/fonts/install.sh      # LibreOffice, poppler-utils and fonts, once
    python docs/previews.py

Each example is rendered to .docx, turned into PDF by LibreOffice (headless, a private profile, the fonts of
tests/fonts/fonts.conf) and its first pages into PNG by pdftoppm.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from gov_disclosure import load

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
EXAMPLES = {"enping-2019": 4, "hongze-2024": 4}  # name: pages to show
RESOLUTION = 60  # dpi


def main() -> None:
    IMAGES.mkdir(exist_ok=True)
    environment = {**os.environ, "FONTCONFIG_FILE": str(ROOT / "tests" / "fonts" / "fonts.conf")}
    with tempfile.TemporaryDirectory() as work:
        for name, pages in EXAMPLES.items():
            document = Path(work, f"{name}.docx")
            load(ROOT / "examples" / f"{name}.yaml").to_docx(document)
            subprocess.run(
                [
                    "soffice",
                    f"-env:UserInstallation=file://{work}/profile",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    work,
                    str(document),
                ],
                check=True,
                capture_output=True,
                env=environment,
            )
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    str(RESOLUTION),
                    "-f",
                    "1",
                    "-l",
                    str(pages),
                    str(document.with_suffix(".pdf")),
                    str(IMAGES / name),
                ],
                check=True,
            )
    for image in sorted(IMAGES.glob("*.png")):
        print(image.relative_to(ROOT))


if __name__ == "__main__":
    main()
