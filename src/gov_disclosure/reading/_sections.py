"""A document cut into its six sections by their headings, and the text of each as narrative."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..model import SECTIONS
from ..rules import READ_CHROME
from ._document import Document, Line, Row
from ._labels import normalize
from ._numbers import is_number
from ._reading import Notes
from ._vocabulary import is_table_word

Item = Line | Row

NUMERALS = "一二三四五六"
KEYWORDS = ("总体情况", "主动公开", "申请", "行政诉讼", "问题", "其他")
"""A word each section heading keeps however it is paraphrased."""
LONGEST_HEADING = 40
"""The longest line that may be a heading (of a section, or a sub-heading such as ``（一）…``)."""
LONGEST_CHROME = 60
"""The longest line that may be a site's chrome (a footer, a link) after the report."""

_NUMERAL = re.compile(f"[{NUMERALS}]、")
"""Where a section heading may begin in a line."""
_SUBHEADING = re.compile(r"^[(（][一二三四五六七八九十]+[)）]")


def split(document: Document) -> tuple[list[Item], list[list[Item]]]:
    """The items before 一, and those of each of the six sections (empty where a heading was not found)."""
    head: list[Item] = []
    found: list[list[Item]] = [[] for _ in SECTIONS]
    current = -1
    items = (
        document.items
        if document.meta
        else [p for i in document.items for p in (_unrun(i) if isinstance(i, Line) else (i,))]
    )
    for item in items:
        index = _heading_of(item, current, bool(document.meta))
        if index is not None:
            current = index
        else:
            (found[current] if current >= 0 else head).append(item)
    return head, found


def _heading_of(item: Item, after: int, ours: bool) -> int | None:
    """The number of the section *item* is the heading of, if it heads one after section *after*; in a document
    of this library (*ours*), sub-headings and paragraphs are text."""
    if not isinstance(item, Line) or (ours and item.heading is not None):
        return None
    text = normalize(item.text.lstrip("#"))
    if text[:1] not in NUMERALS[after + 1 :]:  # most lines: no heading's numeral to begin them
        return None
    return next(
        (
            index
            for index in range(after + 1, len(SECTIONS))
            if text.startswith(f"{NUMERALS[index]},") and KEYWORDS[index] in text and len(text) <= LONGEST_HEADING
        ),
        None,
    )


def _unrun(item: Line) -> Iterator[Line]:
    """A line with section headings run into it (a page crawled flat) as the pieces before, of and after each."""
    start = 0
    for found in _NUMERAL.finditer(item.text):
        index = NUMERALS.index(found.group()[0])
        window = item.text[found.start() : found.start() + LONGEST_HEADING]
        key = window.find(KEYWORDS[index])
        ends = [window.find(w, key) + len(w) for w in ("情况", "事项") if key >= 0 and window.find(w, key) >= 0]
        if not ends or found.start() < start or _NUMERAL.search(window[2 : min(ends)]):
            continue  # no heading here, or one only if it ran into the next (四、结转下年度… 四、…行政诉讼情况)
        end = found.start() + min(ends)
        if item.text[start : found.start()].strip():
            yield Line(item.text[start : found.start()].strip(), item.where)
        yield Line(item.text[found.start() : end], item.where)
        start = end
    if item.text[start:].strip():
        yield Line(item.text[start:].strip() if start else item.text, item.where, item.heading)


def narrative(items: Sequence[Item], words: frozenset[str] = frozenset()) -> list[dict[str, str]]:
    """The lines of *items* as wire narrative, table labels standing alone (*words*) left out."""
    blocks = []
    for item in items:
        if not isinstance(item, Line) or (words and is_table_word(normalize(item.text), words)):
            continue
        heading = (
            item.heading
            if item.heading is not None
            else bool(_SUBHEADING.match(item.text)) and len(item.text) <= LONGEST_HEADING
        )
        blocks.append({"heading" if heading else "paragraph": item.text})
    return blocks


def without_chrome(items: list[Item], notes: Notes) -> list[Item]:
    """The last section without the site's chrome after it: the trailing short lines that are no sentence."""
    end = len(items)
    while end and is_chrome(items[end - 1]):
        end -= 1
    if end < len(items):
        where = items[end].where
        notes.add(
            READ_CHROME,
            None,
            f"自{where.zh}起的{len(items) - end}行不是报告正文（网站页脚等），未读入",
            f"{len(items) - end} line(s) from {where.en} are not the report (site chrome) and were left out",
        )
    return items[:end]


def is_chrome(item: Item) -> bool:
    """A line of a site's page chrome: short and no sentence, or fields of text side by side with no figure."""
    if isinstance(item, Row):
        return not any(is_number(c.text) for c in item.cells)
    return len(item.text) < LONGEST_CHROME and "。" not in item.text
