"""The head of a published report: the body and the year from its title, and the preamble after it."""

from __future__ import annotations

import re
from typing import Any

from ..model import default_title
from ..rules import READ_TITLE, READ_TITLE_SOURCE
from ._document import Line
from ._reading import Notes
from ._sections import narrative

_PAGE_FIELD = re.compile(
    r"^(标题|发布时间|文号|发布机构|栏目|原文链接|本地目录|页面链接.*|=+.*=+|\[EXCERPT.*)\s*[:：]?"
)
"""The fields a crawler puts before a page's text (``标题: …``, ``发布时间: …``): no part of the report."""
_FIELD = re.compile(r"^(?P<name>标题|发布机构)\s*[:：]\s*(?P<value>.*)$")
"""The crawler's fields the head may be read from: the title, and the body that published the page."""
_ENDING = "政府信息公开(?:工作)?(?:年度)?(?:工作)?报告"
"""How published titles end: the statutory 政府信息公开工作年度报告, that without 工作 or 年度, or …年度工作报告,
…工作报告."""
_TITLES = (
    re.compile(rf"(?P<agency>.+?)(?P<year>\d{{4}})年度?{_ENDING}"),
    re.compile(rf"(?P<year>\d{{4}})年度?(?P<agency>(?!度).+?){_ENDING}"),
    re.compile(rf"(?P<agency>)(?P<year>\d{{4}})年度?{_ENDING}"),  # the body is named elsewhere (发布机构)
)
_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_SPACE = re.compile(r"\s+")


def heading(lines: list[Line], meta: dict[str, Any], notes: Notes) -> dict[str, Any] | None:
    """Agency, year, title and preamble from the lines before 一, as wire data, or ``None`` (with a finding)
    without them; a document of this library says them in its *meta*, and its title comes first."""
    if meta:
        return {**{k: v for k, v in meta.items() if k != "edition"}, "preamble": narrative(lines[1:])}
    fields = {m["name"]: m["value"].strip() for line in lines if (m := _FIELD.match(line.text))}
    lines = [line for line in lines if not _PAGE_FIELD.match(line.text)]
    found = _title_at(lines, fields)
    agency = found[1][found[2].start("agency") : found[2].end("agency")] if found else ""
    if found and not agency and fields.get("发布机构"):
        agency = fields["发布机构"]
        notes.add(
            READ_TITLE_SOURCE,
            "agency",
            f"标题“{found[1]}”未写编制机关，取自网页的发布机构字段：“{agency}”",
            f"the title {found[1]!r} does not name the body; taken from the page's 发布机构 field: {agency!r}",
        )
    if not found or not agency:
        title = found[1] if found else next((line.text for line in lines if "报告" in line.text), "")
        notes.add(
            READ_TITLE,
            None,
            f"无法从标题“{title}”识别编制机关和年度",
            f"the title {title!r} does not name the body and year",
        )
        return None
    end, title, match = found
    year = int(match["year"])
    head: dict[str, Any] = {"agency": agency, "year": year}
    if title != default_title(agency, year):
        head["title"] = title
    return {**head, "preamble": narrative(lines[end + 1 :])}


def _title_at(lines: list[Line], fields: dict[str, str]) -> tuple[int, str, re.Match[str]] | None:
    """Where the title ends among *lines* (it is on one line, or on two: the body, then the rest), the title as
    printed without its spaces, and its match; else the crawler's 标题 field, ending before the first line."""
    previous = ""
    for end, line in enumerate(lines):
        text = _SPACE.sub("", line.text)
        titles = (text, previous + text) if previous else (text,)
        found = [(end, title, match) for title in titles if "报告" in text and (match := _title_match(title))]
        if found:
            return next((f for f in found if f[2]["agency"]), found[0])
        previous = text
    field = _SPACE.sub("", fields.get("标题", ""))
    match = _title_match(field) if field else None
    return (-1, field, match) if match else None


def _title_match(title: str) -> re.Match[str] | None:
    """The match of a title, its full-width digits read as digits (the positions are those of *title*)."""
    key = title.translate(_DIGITS)
    return next((match for pattern in _TITLES if (match := pattern.fullmatch(key))), None)
