"""The head of a published report: the body and the year from its title, and the preamble after it."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..model import default_title
from ..rules import READ_METADATA, READ_TITLE, READ_TITLE_SOURCE
from ._closing import signature
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
    re.compile(rf"(?P<agency>.*?)(?P<year>){_ENDING}"),  # the year, perhaps the body, stated elsewhere
)
_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_SPACE = re.compile(r"\s+")


def heading(
    lines: list[Line], meta: dict[str, Any], notes: Notes, *, tail: list[Line], source: str | None = None
) -> dict[str, Any] | None:
    """Agency, year, title and preamble from the lines before 一, as wire data, or ``None`` (with a finding)
    without them; a document of this library says them in its *meta*, and its title comes first.

    What the title does not say is taken, with a finding naming where from, from the crawler's 发布机构 field,
    the file name (*source*), the 统计期限 of the text, or the 落款 (the body signing above the date at the end,
    in *tail*)."""
    if meta:
        return _embedded(lines, meta, notes)
    fields = {m["name"]: m["value"].strip() for line in lines if (m := _FIELD.match(line.text))}
    lines = [line for line in lines if not _PAGE_FIELD.match(line.text)]
    found = _title_at(lines, fields)
    title = found[1] if found else next((line.text for line in lines if "报告" in line.text), "")
    said = {"agency": found[2]["agency"], "year": found[2]["year"]} if found else {"agency": "", "year": ""}
    named = _title_match(Path(source).stem) if source else None
    elsewhere: dict[str, list[tuple[str, str, Callable[[], str]]]] = {
        "agency": [
            ("网页的发布机构字段", "the page's “发布机构” field", lambda: fields.get("发布机构", "")),
            ("文件名", "the file name", lambda: named["agency"] if named else ""),
            ("落款", "the signature", lambda: signature(tail)),
        ],
        "year": [
            ("文件名", "the file name", lambda: named["year"] if named else ""),
            ("统计期限", "the “统计期限” (the period reported)", lambda: _period([*lines, *tail])),
        ],
    }
    for name, sources in elsewhere.items():
        if said[name]:
            continue
        where, where_en, value = next(((w, e, v) for w, e, find in sources if (v := find())), ("", "", ""))
        said[name] = value
        if value:
            what = {"agency": "编制机关", "year": "年度"}[name]
            notes.add(
                READ_TITLE_SOURCE,
                name,
                f"标题“{title}”未写{what}，取自{where}：“{value}”",
                f"the title {title!r} does not name the {name}; taken from {where_en}: {value!r}",
            )
    if not found or not said["agency"] or not said["year"]:
        notes.add(
            READ_TITLE,
            None,
            f"无法从标题“{title}”识别编制机关和年度",
            f"the title {title!r} does not name the body and year",
        )
        return None
    agency, year = said["agency"], int(said["year"])
    head: dict[str, Any] = {"agency": agency, "year": year}
    if found[1] != default_title(agency, year):
        head["title"] = found[1]
    return {**head, "preamble": narrative(lines[found[0] + 1 :])}


_PERIOD = re.compile(r"(\d{4})年1月1日[起]?[至到—\-~]+(\d{4})年12月31日")
"""The 统计期限 as reports state it: ``自2024年1月1日起至2024年12月31日止``."""


def _period(lines: list[Line]) -> str:
    """The year of the 统计期限 the text states (one calendar year), or ``""``."""
    for line in lines:
        found = _PERIOD.search(_SPACE.sub("", line.text).translate(_DIGITS))
        if found and found[1] == found[2]:
            return found[1]
    return ""


def _embedded(lines: list[Line], meta: dict[str, Any], notes: Notes) -> dict[str, Any]:
    """The head of a document of this library: its printed title, which comes first, and what its metadata
    says of it, which must agree (an edited document may keep the metadata of the one it was made from)."""
    said = {k: v for k, v in meta.items() if k != "edition"}
    printed = _SPACE.sub("", lines[0].text) if lines else ""
    match = _title_match(printed)
    meant = _SPACE.sub("", said.get("title") or default_title(said.get("agency", ""), said.get("year", "")))
    if match and match["agency"] and match["year"] and printed != meant:
        agency, year = match["agency"], int(match["year"])
        notes.add(
            READ_METADATA,
            "year" if agency == _SPACE.sub("", said.get("agency", "")) else "agency",
            f"标题印为“{printed}”，而文档元数据为“{meant}”，以印出的为准",
            f"the title is printed {printed!r}, but the document's metadata says {meant!r}; the printed title is read",
        )
        said = {k: v for k, v in said.items() if k != "title"} | {"agency": agency, "year": year}
        if printed != default_title(agency, year):
            said["title"] = printed
    return {**said, "preamble": narrative(lines[1:])}


def _title_at(lines: list[Line], fields: dict[str, str]) -> tuple[int, str, re.Match[str]] | None:
    """Where the title ends among *lines* (it is on one line, or on two: the body, then the rest), the title as
    printed without its spaces, and its match; else the crawler's 标题 field, ending before the first line. A
    title naming its year comes before one that does not."""
    found: list[tuple[int, str, re.Match[str]]] = []
    previous = ""
    for end, line in enumerate(lines):
        text = _SPACE.sub("", line.text)
        titles = (text, previous + text) if previous else (text,)
        found.extend((end, title, match) for title in titles if "报告" in text and (match := _title_match(title)))
        previous = text
    field = _SPACE.sub("", fields.get("标题", ""))
    if field and (match := _title_match(field)):
        found.append((-1, field, match))
    return min(found, key=lambda f: (not f[2]["year"], not f[2]["agency"]), default=None)


def _title_match(title: str) -> re.Match[str] | None:
    """The match of a title, its full-width digits read as digits (the positions are those of *title*)."""
    if not title.endswith("报告"):  # how every title ends: no pattern need be tried
        return None
    key = title.translate(_DIGITS)
    return next((match for pattern in _TITLES if (match := pattern.fullmatch(key))), None)
