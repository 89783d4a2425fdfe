"""Checking a rendered report as printed, from the text of its PDF (poppler's pdftotext): every label and value
is there, every page has its number, and no heading ends a page."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import attrs
import pytest

from gov_disclosure import Narrative, Paragraph, Report
from gov_disclosure.render import context

PAGE_NUMBER = re.compile(r"—(\d+)—")


SHIFTS = range(24)
"""How far :func:`shifted` moves the text: each step no more than a line, 24 steps more than the 22 lines of a page."""


def shifted(report: Report, step: int) -> Report:
    """*report* with a first paragraph of *step* times 26 characters (one line of the page holds 27 or 28), so
    that over :data:`SHIFTS` every heading falls on every line of a page, the last one included."""
    opening = Paragraph(text=("本报告依据条例编制" * 70)[: 26 * step - 1] + "。")
    return attrs.evolve(report, preamble=Narrative(blocks=[opening, *report.preamble.blocks])) if step else report


def need(*tools: str) -> None:
    """Skip the test when a tool is missing, or fail it in CI, where the tools are installed."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        message = f"{', '.join(missing)} not installed: run tests/fonts/install.sh"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True, timeout=60).stdout


def squeeze(text: str) -> str:
    """Text without white space and page numbers, so that wrapped lines and page breaks do not matter."""
    return PAGE_NUMBER.sub("", re.sub(r"\s", "", text))


def pages(pdf: Path) -> list[list[str]]:
    """The lines of text of each page, as laid out, without blank lines."""
    text = run("pdftotext", "-layout", str(pdf), "-")
    return [[line for line in page.splitlines() if line.strip()] for page in text.split("\f")[:-1]]


def check_every_label(text: str, report: Report) -> None:
    """*text* (of a whole document, in reading order) holds the title, every heading, the narrative, every label
    of the tables and each row's values after its label."""
    values = context(report)
    text = squeeze(text)
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
                    assert squeeze(cell.text) in text, cell.text
            numbers = "".join(cell.text for cell in row if cell.path)
            if numbers:  # a row's values follow its label
                assert squeeze((labels[-1] if labels else "") + numbers) in text, labels


def headings(report: Report) -> set[str]:
    """Every heading of *report* as printed: the lines of the title, the sections' and the sub-headings."""
    values = context(report)
    blocks = [*values["preamble"], *(block for section in values["sections"] for block in section["narrative"])]
    return {
        squeeze(text)
        for text in (
            *values["title_lines"],
            *(section["heading"] for section in values["sections"]),
            *(block["text"] for block in blocks if block["heading"]),
        )
    }


def check_pages(pdf: Path, report: Report) -> None:
    """Each page of *pdf* ends with its number, and no heading (however many lines it takes) is the last text
    above it."""
    printed = pages(pdf)
    known = headings(report)
    for number, lines in enumerate(printed, start=1):
        assert f"—{number}—" == re.sub(r"\s", "", lines[-1]), f"page {number} ends with its number: {lines[-1]!r}"
        text = lines[:-1]
        for count in range(1, 4):
            tail = squeeze("".join(text[-count:]))
            assert tail not in known, f"page {number} ends with the heading {tail}"
