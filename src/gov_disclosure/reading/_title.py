"""The head of a published report: the body and the year from its title, and the preamble after it."""

from __future__ import annotations

import re
from typing import Any

from ..model import TITLE_ENDING, default_title
from ..rules import READ_TITLE
from ._document import Line
from ._reading import Notes
from ._sections import narrative

_TITLE_FIELD = "标题:"
_PAGE_FIELD = re.compile(
    r"^(标题|发布时间|文号|发布机构|栏目|原文链接|本地目录|页面链接.*|=+.*=+|\[EXCERPT.*)\s*[:：]?"
)
"""The fields a crawler puts before a page's text (``标题: …``, ``发布时间: …``): no part of the report."""
_TITLES = (
    re.compile(rf"(?P<agency>.+?)(?P<year>\d{{4}})年度?{TITLE_ENDING}"),
    re.compile(rf"(?P<year>\d{{4}})年度?(?P<agency>.+?){TITLE_ENDING}"),
)


def heading(lines: list[Line], meta: dict[str, Any], notes: Notes) -> dict[str, Any] | None:
    """Agency, year, title and preamble from the lines before 一, as wire data, or ``None`` (with a finding)
    without them; a document of this library says them in its *meta*, and its title comes first."""
    if meta:
        return {**{k: v for k, v in meta.items() if k != "edition"}, "preamble": narrative([*lines[1:]])}
    lines = [line for line in lines if not _PAGE_FIELD.match(line.text) or line.text.startswith(_TITLE_FIELD)]
    index = next((n for n, line in enumerate(lines) if "年度报告" in line.text), -1)
    titles = [
        "".join(re.sub(r"\s", "", line.text.removeprefix(_TITLE_FIELD)) for line in lines[start : index + 1])
        for start in (index, index - 1)
        if start >= 0
    ]
    found = [(t, m) for t in titles if (m := _title_match(t))]
    if index < 0 or not found:  # a title on one line, or on two
        title = titles[0] if index >= 0 else ""
        notes.add(
            READ_TITLE,
            None,
            f"无法从标题“{title}”识别编制机关和年度",
            f"the title {title!r} does not name the body and year",
        )
        return None
    title, match = found[0]
    head: dict[str, Any] = {"agency": match["agency"], "year": int(match["year"])}
    if title != default_title(match["agency"], match["year"]):
        head["title"] = title
    return {**head, "preamble": narrative([*lines[index + 1 :]])}


def _title_match(title: str) -> re.Match[str] | None:
    return next((match for pattern in _TITLES if (match := pattern.fullmatch(title))), None)
