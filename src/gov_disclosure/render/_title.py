"""The title broken into lines between words, as GB/T 9704-2012 asks (标题回行时词意完整、排列对称).

A title is cut into words: the units of the body's name (a place with its 省, 市, 县 or 区; an organ ending in
人民政府, 办公室, 委员会, 局 …), the year (``2024年``, ``2019年度``), and the rest (the name of the report, or
``关于…`` of a title of its own). Lines are whole words: as few as the title needs, each no wider than a line,
and of these the most even (the widest line as narrow as it can be). A word wider than a line stands on a line of
its own, where the word processor wraps it.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

LINE_WIDTH = 40
"""The width of a line of the title in half-width characters: 2号 (22 pt) type in the 156 mm text block holds
20 full-width characters, or 40 digits."""

_BODY_WORD = re.compile(
    r".+?(?:人民代表大会常务委员会|人民政府|办公室|办公厅|委员会|管委会|局|厅"
    r"|(?:自治区|自治州|自治县|省|(?<!城)市|县|(?<!城)区|旗)(?![场政级辖民容域划委直属]))"
)
"""A unit of a body's name: a place and its division (not the 市 of 市场 or 城市, nor a 省委 or 区划), or an organ."""

_TITLE_WORD = re.compile(r"(\d{4}\s*年度?)|(?=关于)")
"""Where the rest of a title splits: around the year, and before the 关于 of a title of its own."""


def width(text: str) -> int:
    """The width of *text* in half-width characters: 2 for a full-width (CJK) character, 1 for a digit or letter."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def words(title: str, body: str) -> list[str]:
    """*title* cut into the words a line may break between; *body* is the name it begins with, if it does."""
    head = body if body and title.startswith(body) else ""
    units = [m.group() for m in _BODY_WORD.finditer(head)]
    rest = title[len(head) :]
    return [w for w in (*units, head[len("".join(units)) :], *_TITLE_WORD.split(rest)) if w]


def _fill(widths: list[int], most: int) -> list[int]:
    """Greedy lines of at most *most*: the number of words on each (a word wider than *most* on a line alone)."""
    counts: list[int] = []
    used = 0
    for w in widths:
        if counts and used + w <= most:
            counts[-1] += 1
            used += w
        else:
            counts.append(1)
            used = w
    return counts


def title_lines(title: str, body: str = "") -> list[str]:
    """*title* as the lines it is printed on: whole words, as few lines as fit, the widest as narrow as it can be."""
    found = words(title, body)
    widths = [width(w) for w in found]
    lines = len(_fill(widths, LINE_WIDTH))
    most = range(1, LINE_WIDTH + 1)  # halved: a wider line never takes more lines
    narrowest = most[bisect.bisect_left(most, True, key=lambda m: len(_fill(widths, m)) <= lines)]
    out, start = [], 0
    for count in _fill(widths, narrowest):
        out.append("".join(found[start : start + count]))
        start += count
    return out or [title]
