"""The end of a report: its 落款 (the body signing it) and 成文日期 (the day it was written).

A published report prints them after the text of its last section (GB/T 9704-2012 7.3.5): the body on one line,
the date on the next — in any digits (``2025年1月20日``, full-width, ``2025-01-20``, ``2025.1.20``,
``二〇二五年一月二十日``), often with a stamp note such as ``（盖章）`` and a site's page chrome after them. They
are read only when both are clearly there: a line naming a body next to a line that is a date; anything else
stays the section's text.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from typing import Any

import attrs

from ..model import printed_date
from ..rules import READ_DATE, READ_METADATA
from ._document import Line, Place
from ._labels import normalize
from ._reading import Notes
from ._sections import Item, is_chrome, without_chrome

LONGEST_SIGNATURE = 30
"""The longest line that may be the body signing a report."""
BODIES = (
    "政府",
    "办公室",
    "办公厅",
    "委员会",
    "管委会",
    "办事处",
    "中心",
    "局",
    "委",
    "厅",
    "院",
    "署",
    "处",
    "所",
    "部",
)
"""How the name of a body that signs a report ends (…人民政府, …办公室, …局, …委员会)."""

_STAMP = re.compile(r"(?:[(（](?:盖章|印章|公章|签章|章)[)）]|盖章|印章|公章)$")
"""A note where the seal goes, after the body or on a line of its own: ``（盖章）``."""
_NOT_A_NAME = re.compile(r"[0-9。,;:!?|/\\@《》“”\"]")
"""What the name of a body does not hold: digits, sentence punctuation, a link's or a title's marks."""
_CHINESE_DIGITS = str.maketrans("〇○零OО一二三四五六七八九", "00000123456789")
_CHINESE_NUMBER = "[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九]"
_DATES = (
    re.compile(r"(?P<body>.*?)(?P<y>[0-9]{4})年(?P<m>[0-9]{1,2})月(?P<d>[0-9]{1,2})日"),
    re.compile(r"(?P<body>.*?)(?P<y>[0-9]{4})([-.])(?P<m>[0-9]{1,2})\3(?P<d>[0-9]{1,2})"),
    re.compile(
        rf"(?P<body>.*?)(?P<y>[〇○零OО一二三四五六七八九]{{4}})年(?P<m>元|正|{_CHINESE_NUMBER})月(?P<d>{_CHINESE_NUMBER})日"
    ),
)
"""A date as reports print it, after the body when both are on one line (normalized: digits ASCII, no spaces)."""


def _number(text: str) -> int:
    """A number of Arabic digits, or of Chinese numerals up to 三十九 (``元`` and ``正`` are the first month)."""
    if text.isdigit():
        return int(text)
    if text in ("元", "正"):
        return 1
    tens, ten, ones = text.partition("十")
    if not ten:
        return int(text.translate(_CHINESE_DIGITS))
    return int((tens or "一").translate(_CHINESE_DIGITS)) * 10 + int(ones.translate(_CHINESE_DIGITS) or 0)


@attrs.frozen
class _Dated:
    """A line ending in a date: the body before it (``""`` if none), the date as printed, and the day it is
    (``None``: no such day, such as 2025年2月30日)."""

    body: str
    printed: str
    day: datetime.date | None


def _dated(text: str) -> _Dated | None:
    """*text* as a line ending in a date, or ``None``; the stamp note and the brackets around the date are
    dropped."""
    key = _STAMP.sub("", normalize(text)).replace("(", "").replace(")", "")
    for pattern in _DATES:
        if found := pattern.fullmatch(key):
            year = int(found["y"].translate(_CHINESE_DIGITS))
            try:
                day = datetime.date(year, _number(found["m"]), _number(found["d"]))
            except ValueError:
                day = None
            return _Dated(found["body"], key[len(found["body"]) :], day)
    return None


def _body(text: str, agency: str) -> str | None:
    """*text* as the name of a body signing the report — the *agency*, or a name ending as a body's does — without
    its stamp note and spaces; ``None`` when it is not clearly one."""
    name = _STAMP.sub("", re.sub(r"\s+", "", text))
    key = normalize(name)
    if not 2 <= len(key) <= LONGEST_SIGNATURE or _NOT_A_NAME.search(key):
        return None
    same = agency and (key == normalize(agency) or key[-2:] == normalize(agency)[-2:])
    return name if same or key.endswith(BODIES) else None


def _text(item: Item) -> str:
    return item.text if isinstance(item, Line) else " ".join(c.text for c in item.cells)


@attrs.frozen
class Closing:
    """The 落款 and 成文日期 found at ``items[start:end]``; ``printed`` is the date as printed, ``date`` the day
    it is (``None`` when there is no such day)."""

    start: int
    end: int
    signature: str
    printed: str
    date: datetime.date | None
    where: Place


def find(items: Sequence[Item], agency: str = "") -> Closing | None:
    """The 落款 and 成文日期 among the last lines of *items* — those after the last sentence or figure — or
    ``None``: a body's line with a date on the line after it (or before it, or on the same line), a stamp note's
    line between them left out."""
    start = len(items)
    while start and (is_chrome(items[start - 1]) or _dated(_text(items[start - 1]))):
        start -= 1
    texts = [_text(item) for item in items[start:]]
    kept = [k for k, text in enumerate(texts) if not _STAMP.fullmatch(normalize(text))]
    for n, k in enumerate(kept):
        dated = _dated(texts[k])
        if dated is None:
            continue
        if dated.body:
            if (name := _body(dated.body, agency)) is not None:
                return Closing(start + k, start + k + 1, name, dated.printed, dated.day, items[start + k].where)
            continue
        for other in (kept[n - 1] if n else None, kept[n + 1] if n + 1 < len(kept) else None):
            if other is not None and (name := _body(texts[other], agency)) is not None:
                first, last = sorted((k, other))
                return Closing(start + first, start + last + 1, name, dated.printed, dated.day, items[start + k].where)
    return None


def signature(items: Sequence[Item]) -> str:
    """The body signing the report at the end of *items*, or ``""``."""
    found = find(items)
    return found.signature if found else ""


def split_closing(
    found: list[list[Item]], head: dict[str, Any], meta: dict[str, Any], notes: Notes
) -> tuple[list[list[Item]], dict[str, Any]]:
    """The items of each section without the 落款 and 成文日期 that end the last (and without a page's chrome
    after the report), and those two as wire data (``None`` where there is none).

    A document of this library says them in its *meta* and prints them as its last lines; where it prints others
    (an edited document), the printed ones are read, with a finding. An impossible date is a finding, not read.
    """
    found = list(found)
    last = max((k for k, items in enumerate(found) if items), default=len(found) - 1)
    items = found[last]
    said: dict[str, Any] = {key: meta.get(key) for key in ("signature", "date")}
    printed = _printed(said)
    if printed and [_text(item) for item in items[-len(printed) :]] == printed:
        found[last] = items[: -len(printed)]
        return found, said
    closing = find(items, head.get("agency", ""))
    if closing is None:  # none printed: what a document of this library says of itself, if anything
        if not meta:
            found[-1] = without_chrome(found[-1], notes)
        return found, said
    data = {"signature": closing.signature, "date": closing.date and closing.date.isoformat()}
    if closing.date is None:
        notes.add(
            READ_DATE,
            "date",
            f"落款下的成文日期“{closing.printed}”不是实有的日期，未读入",
            f"the date “{closing.printed}” under the signature is no real day and was not read",
            at=closing.where,
        )
    if meta and data != said:
        notes.add(
            READ_METADATA,
            "signature" if data["signature"] != said["signature"] else "date",
            f"落款和成文日期印为“{_shown(data)}”，而文档元数据为“{_shown(said)}”，以印出的为准",
            f"the signature and date are printed “{_shown(data, 'none')}”, but the document's metadata says "
            f"“{_shown(said, 'none')}”; the printed ones are read",
        )
    after = items[closing.end :]
    found[last] = items[: closing.start] + (after if meta else without_chrome(after, notes))
    return found, data


def _printed(said: dict[str, Any]) -> list[str]:
    """The lines a document of this library prints for the 落款 and 成文日期 its metadata *said*; none where the
    metadata is not the library's (a date that is no ISO date)."""
    lines = [said["signature"]] if said["signature"] else []
    if said["date"]:
        try:
            lines.append(printed_date(datetime.date.fromisoformat(said["date"])))
        except (TypeError, ValueError):
            return []
    return lines


def _shown(data: dict[str, Any], none: str = "无") -> str:
    """The 落款 and 成文日期 of wire *data* as a message quotes them, *none* where there are neither."""
    return " ".join(str(data[key]) for key in ("signature", "date") if data[key]) or none
