"""The one matcher: lines and rows of any front end mapped to the model's fields by the labels in its metadata.

It never repairs a published number: a stated total that disagrees with its parts stays as stated in the
findings while the parts make the report; a blank cell taken as 0 is an info finding; an unknown row, a missing
table or row, an unreadable number are findings too.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from difflib import SequenceMatcher
from itertools import product
from math import prod
from typing import Any

import attrs

from .._appeals import AppealCounts
from .._applications import APPLICANT_COLUMNS, ApplicantCounts
from .._context import sections
from .._errors import LoadError
from .._fields import Kind, parts
from .._findings import Finding
from .._report import REPORT_CLASSES, SECTIONS, Edition, Report
from .._rules import (
    READ_AMBIGUOUS,
    READ_BLANK,
    READ_CHROME,
    READ_EDITION,
    READ_LABEL,
    READ_LABEL_VARIANT,
    READ_MISSING,
    READ_NOT_A_REPORT,
    READ_NUMBER,
    READ_TITLE,
    T3_STATED_OUTCOME_TOTAL,
    T3_STATED_ROW_TOTAL,
    T4_STATED_TOTAL,
    Rule,
)
from .._wire import from_dict, money_text
from . import _numbers
from ._document import Cell, Document, Line, Row
from ._labels import normalize, unnumbered
from ._runs import grouped, splits, totalled

_NUMERALS = "一二三四五六"
_KEYWORDS = ("总体情况", "主动公开", "申请", "行政诉讼", "问题", "其他")
"""A word each section heading keeps however it is paraphrased."""

_SUBHEADING = re.compile(r"^[(（][一二三四五六七八九十]+[)）]")
_TITLE_FIELD = "标题:"
_PAGE_FIELD = re.compile(
    r"^(标题|发布时间|文号|发布机构|栏目|原文链接|本地目录|页面链接.*|=+.*=+|\[EXCERPT.*)\s*[:：]?"
)
"""The fields a crawler puts before a page's text (``标题: …``, ``发布时间: …``): no part of the report."""
_TITLES = (
    re.compile(r"(?P<agency>.+?)(?P<year>\d{4})年度?政府信息公开工作年度报告"),
    re.compile(r"(?P<year>\d{4})年度?(?P<agency>.+?)政府信息公开工作年度报告"),
)


@attrs.frozen
class Reading:
    """What reading one input gave: the report (``None`` when it is not a report of either edition), every
    finding, and where in the input each number came from (wire path → place)."""

    report: Report | None
    findings: tuple[Finding, ...]
    sources: Mapping[str, str]
    source: str | None = None


@attrs.frozen
class _Labels:
    """The labels of an edition's tables, normalized: data rows by label, and every label a table prints."""

    proactive: dict[str, Any]
    applications: dict[str, str]
    groups: dict[str, tuple[str, ...]]
    """Each group of outcome rows by its label (unnumbered): the paths of its rows."""
    words: frozenset[str]


def _labels(edition: Edition) -> _Labels:
    cls = REPORT_CLASSES[edition]
    tables = {s["name"]: s["table"] for s in sections(cls, lambda path: "")}
    proactive = {normalize(p.label or ""): p for p in parts(_section_type(cls, "proactive")) if p.kind is Kind.PART}
    applications = {}
    for row in tables["applications"].rows:
        labels = [c for c in row if c.scope in ("row", "rowgroup")]
        values = [c for c in row if c.path]
        if labels and values:
            applications[normalize(labels[-1].text)] = values[0].path.removeprefix("applications.").rsplit(".", 1)[0]
    outcomes = next(p.type for p in parts(_section_type(cls, "applications")) if p.name == "outcomes")
    groups = {
        unnumbered(normalize(p.label or "")): tuple(
            f"outcomes.{p.name}.{q.name}" for q in parts(p.type) if q.kind is Kind.PART
        )
        for p in parts(outcomes)
        if p.kind is Kind.PART and not p.derived and p.type is not ApplicantCounts
    }
    words = {normalize(c.text) for t in tables.values() if t for r in t.rows for c in r if c.scope}
    return _Labels(proactive=proactive, applications=applications, groups=groups, words=frozenset(words))


def _section_type(cls: Any, name: str) -> Any:
    """The class of a report class's section *name*."""
    return next(p.type for p in parts(cls) if p.name == name)


_LABELS: dict[str, _Labels] = {edition: _labels(edition) for edition in REPORT_CLASSES}
_ONLY: dict[str, frozenset[str]] = {
    edition: frozenset(w for w in _LABELS[edition].words - _LABELS[other].words if len(w) >= 4)
    for edition, other in (("2019", "2021"), ("2021", "2019"))
}
"""The table labels only one edition prints (long enough not to occur by chance): they tell the edition."""
_ROW_LABELS = frozenset(label for labels in _LABELS.values() for label in labels.applications if len(label) >= 8)
"""Labels of section 三 long enough to tell a table run into a line of text."""


def _related(published: str, known: str) -> bool:
    """Whether a published label is a statutory one shortened (it begins it) or annotated (it begins with it)."""
    return (len(published) >= 2 and known.startswith(published)) or (len(known) >= 4 and published.startswith(known))


def _find(table: Mapping[str, Any], label: str) -> Any:
    """The entry of *table* for a published *label*: the same label; the one label it is a shortened or annotated
    form of, with or without enumeration; or the one label it is most like, when it is clearly the most like."""
    key = normalize(label)
    if key in table:
        return table[key]
    for strip in (lambda text: text, unnumbered):
        found = {id(value): value for known, value in table.items() if _related(strip(key), strip(known))}
        if len(found) == 1:
            return next(iter(found.values()))
    scores = sorted(((SequenceMatcher(None, unnumbered(key), unnumbered(k)).ratio(), k) for k in table), reverse=True)
    if scores and scores[0][0] >= 0.75 and (len(scores) == 1 or scores[0][0] - scores[1][0] >= 0.15):
        return table[scores[0][1]]  # a label garbled in extraction, like 2.其他法律行政止公开
    return None


class _Reader:
    def __init__(self, document: Document, edition: str, source: str | None) -> None:
        self.document = document
        self.asked = edition
        self.source = source
        self.findings: list[Finding] = []
        self.sources: dict[str, str] = {}

    def finding(self, rule: Rule, path: str | None, message: str, message_en: str, **numbers: Any) -> None:
        self.findings.append(rule.finding(path, message, message_en, **numbers))

    # Sections ------------------------------------------------------------------------------------------------

    def split(self) -> tuple[list[Line | Row], list[list[Line | Row]]]:
        """The items before 一, and those of each of the six sections (empty where a heading was not found)."""
        head: list[Line | Row] = []
        found: list[list[Line | Row]] = [[] for _ in SECTIONS]
        current = -1
        items = self.document.items if self.document.meta else [p for i in self.document.items for p in _unrun(i)]
        for item in items:
            index = self.heading_of(item, current)
            if index is not None:
                current = index
            else:
                (found[current] if current >= 0 else head).append(item)
        return head, found

    def heading_of(self, item: Line | Row, after: int) -> int | None:
        """The number of the section *item* is the heading of, if it heads one after section *after*."""
        if not isinstance(item, Line) or (self.document.meta and item.heading is not None):
            return None  # in a document of this library, sub-headings and paragraphs are text
        text = normalize(item.text.lstrip("#"))
        return next(
            (
                index
                for index in range(after + 1, len(SECTIONS))
                if text.startswith(f"{_NUMERALS[index]},") and _KEYWORDS[index] in text and len(text) <= 40
            ),
            None,
        )

    def edition(self, found: list[list[Line | Row]]) -> str | None:
        """The edition asked for, the one a document of this library names, or the one its tables print."""
        for edition in (self.asked, self.document.meta.get("edition")):
            if edition in REPORT_CLASSES:
                return str(edition)
        text = "\n".join(normalize(c.text) for items in found[1:4] for item in items for c in _texts(item))
        score = {e: sum(word in text for word in only) for e, only in _ONLY.items()}
        if score["2019"] == score["2021"]:
            self.finding(
                READ_EDITION,
                None,
                "无法从表格判断格式版本（2019年版或2021年版）",
                "the tables do not tell the edition (2019 or 2021)",
            )
            return None
        return "2019" if score["2019"] > score["2021"] else "2021"

    # Narrative -----------------------------------------------------------------------------------------------

    def narrative(self, items: list[Line | Row], words: frozenset[str] = frozenset()) -> list[dict[str, str]]:
        blocks = []
        for item in items:
            if not isinstance(item, Line) or (words and _is_table_word(normalize(item.text), words)):
                continue
            heading = (
                item.heading
                if item.heading is not None
                else bool(_SUBHEADING.match(item.text)) and len(item.text) <= 40
            )
            blocks.append({"heading" if heading else "paragraph": item.text})
        return blocks

    def without_chrome(self, items: list[Line | Row]) -> list[Line | Row]:
        """The last section without the site's chrome after it: the trailing short lines that are no sentence."""
        end = len(items)
        while end and _is_chrome(items[end - 1]):
            end -= 1
        if end < len(items):
            first = items[end]
            assert isinstance(first, Line)
            self.finding(
                READ_CHROME,
                None,
                f"{first.where}起的{len(items) - end}行不是报告正文（网站页脚等），未读入",
                f"{len(items) - end} line(s) from {first.where} are not the report (site chrome) and were left out",
            )
        return items[:end]

    # Tables --------------------------------------------------------------------------------------------------

    def number(self, path: str, cell: Cell, signed: bool = False) -> int:
        self.sources[path] = cell.where
        value = _numbers.count(cell.text)
        if value is None or (value < 0 and not signed):
            self.finding(
                READ_NUMBER,
                path,
                f"{cell.where}：无法识别“{cell.text}”中的数字，按0计",
                f"{cell.where}: no count can be read from {cell.text!r}; taken as 0",
            )
            return 0
        if _numbers.blank(cell.text) and path.endswith(".total"):
            self.finding(
                READ_BLANK,
                path,
                f"{cell.where}：总计为“{cell.text}”，视为未填，不与各项之和比较",
                f"{cell.where}: the total is {cell.text!r}: not stated, so not compared with its parts",
            )
        elif _numbers.blank(cell.text):
            self.finding(
                READ_BLANK,
                path,
                f"{cell.where}：单元格为“{cell.text}”，按0计",
                f"{cell.where}: the cell is {cell.text!r}, taken as 0",
            )
        return value

    def proactive(self, items: list[Line | Row], labels: _Labels) -> dict[str, Any]:
        if not any(isinstance(i, Row) for i in items):
            return self.flat_proactive([i for i in items if isinstance(i, Line)], labels)
        data: dict[str, Any] = {}
        for row in (i for i in items if isinstance(i, Row)):
            label, values = _split_row(row)
            part = _find(labels.proactive, label.text) if label and values else None
            if part is None or label is None:
                continue
            columns = [p for p in parts(part.type) if p.kind is not Kind.UNIT]
            if len(values) != len(columns):
                self.finding(
                    READ_MISSING,
                    f"proactive.{part.name}",
                    f"{label.where}：“{part.label}”应有{len(columns)}个数，实有{len(values)}个",
                    f"{label.where}: {part.label} has {len(values)} values, not {len(columns)}",
                )
                continue
            fields: dict[str, Any] = {}
            for column, cell in zip(columns, values, strict=True):
                path = f"proactive.{part.name}.{column.name}"
                if column.kind is Kind.MONEY:
                    self.sources[path] = cell.where
                    amount = _numbers.amount(cell.text)
                    if amount is None:
                        self.finding(
                            READ_NUMBER,
                            path,
                            f"{cell.where}：无法识别金额“{cell.text}”",
                            f"{cell.where}: no amount in {cell.text!r}",
                        )
                        continue
                    fields[column.name] = money_text(amount[0])
                    if amount[1] in ("元", "万元") and any(p.kind is Kind.UNIT for p in parts(part.type)):
                        fields["unit"] = amount[1]
                else:
                    fields[column.name] = self.number(path, cell, signed=column.kind is Kind.SIGNED_COUNT)
            data[part.name] = fields
        return data

    def applications(self, items: list[Line | Row], labels: _Labels) -> dict[str, Any]:
        if not any(isinstance(i, Row) for i in items):
            return self.flat_applications([i for i in items if isinstance(i, Line)], labels)
        data: dict[str, Any] = {}
        stated_outcomes: dict[str, tuple[int, Cell]] = {}
        seen: set[str] = set()
        for row in (i for i in items if isinstance(i, Row)):
            label, values = _split_row(row)
            if not values or label is None:
                continue
            if len(values) > len(APPLICANT_COLUMNS) and all(
                _numbers.blank(c.text) for c in values[: -len(APPLICANT_COLUMNS)]
            ):
                values = values[-len(APPLICANT_COLUMNS) :]  # blank label cells merged on the page
            key = normalize(label.text)
            group = labels.groups.get(unnumbered(key)) if key not in labels.applications else None
            if group is not None:
                seen.update(self.group_row(group, label, values, data))
                continue
            path = _find(labels.applications, label.text)
            if path is not None and normalize(label.text) not in labels.applications:
                self.finding(
                    READ_LABEL_VARIANT,
                    f"applications.{path}",
                    f"{label.where}：行“{label.text}”按“{path}”读入",
                    f"{label.where}: the row {label.text!r} read as {path}",
                )
            if path is None:
                self.finding(
                    READ_LABEL,
                    None,
                    f"{label.where}：无法识别的行“{label.text}”",
                    f"{label.where}: unknown row {label.text!r}",
                )
                continue
            columns = APPLICANT_COLUMNS[: len(values)]
            cells = dict(zip(columns, values, strict=False))
            numbers = {c: self.number(f"applications.{path}.{c}", cell) for c, cell in cells.items()}
            stated = {c: n for c, n in numbers.items() if not (c == "total" and _numbers.blank(cells[c].text))}
            seen.add(path)
            if path == "outcomes.total":
                stated_outcomes = {c: (n, cells[c]) for c, n in stated.items()}
                continue
            leaves = {c: numbers.get(c, 0) for c in APPLICANT_COLUMNS[:-1]}
            if "total" in stated and stated["total"] != sum(leaves.values()):
                self.finding(
                    T3_STATED_ROW_TOTAL,
                    f"applications.{path}.total",
                    f"“{label.text}”所填总计为{numbers['total']}，但六类申请人之和为{sum(leaves.values())}",
                    f"{label.text}: the stated total {numbers['total']} differs from the sum {sum(leaves.values())}",
                    stated=numbers["total"],
                    expected=sum(leaves.values()),
                )
            _put(data, path, leaves)
        self.missing(labels, seen)
        self.stated_outcomes = stated_outcomes
        return data

    def group_row(
        self, group: tuple[str, ...], label: Cell, values: list[Cell], data: dict[str, Any]
    ) -> tuple[str, ...]:
        """A group of outcome rows printed as one row (a 2021 （六）其他处理 in the 2019 way): zeros say every row
        is 0; other figures cannot be told apart, and the rows are missing."""
        numbers = [self.number(f"applications.{group[0].rsplit('.', 1)[0]}", cell) for cell in values]
        if any(numbers):
            return ()
        for path in group:
            _put(data, path, dict.fromkeys(APPLICANT_COLUMNS[:-1], 0))
        self.finding(
            READ_LABEL_VARIANT,
            f"applications.{group[0].rsplit('.', 1)[0]}",
            f"{label.where}：“{label.text}”只填了一行且全为0，其下各行均按0计",
            f"{label.where}: {label.text!r} is printed as one row of zeros; each of its rows is taken as 0",
        )
        return group

    def missing(self, labels: _Labels, found: set[str]) -> None:
        """A finding for each row of section 三 not found (its counts are 0)."""
        for path in labels.applications.values():
            if path not in found:
                self.finding(
                    READ_MISSING,
                    f"applications.{path}",
                    f"缺少“{path}”行，按0计",
                    f"the row {path} is missing; taken as 0",
                )

    def check_outcomes(self, report: Report) -> None:
        computed = report.applications.outcomes.total
        for column, (stated, cell) in self.stated_outcomes.items():
            due = getattr(computed, column)
            if stated != due:
                self.finding(
                    T3_STATED_OUTCOME_TOTAL,
                    f"applications.outcomes.total.{column}",
                    f"{cell.where}：所填（七）总计为{stated}，但各办理结果之和为{due}",
                    f"{cell.where}: the stated outcomes total {stated} differs from the sum of the outcome rows {due}",
                    stated=stated,
                    expected=due,
                )

    def appeals(self, items: list[Line | Row], cls: Any) -> dict[str, Any]:
        """Section 四: fifteen figures, in one row or in a row per kind of appeal."""
        groups = [p.name for p in parts(cls) if p.kind is Kind.PART]
        results = [p.name for p in parts(AppealCounts)]
        if not any(isinstance(i, Row) for i in items):
            return self.flat_appeals([i for i in items if isinstance(i, Line)], groups, results)
        rows = [values for values in (_split_row(i)[1] for i in items if isinstance(i, Row)) if values]
        whole = [v for values in rows for v in values]
        values = next((v for v in [*rows, whole] if len(v) == len(groups) * len(results)), None)
        if values is None:
            self.finding(
                READ_MISSING, "appeals", "找不到四的15个数，按0计", "the 15 figures of 四 are missing; taken as 0"
            )
            return {}
        size = len(results)
        return {group: self.appeal(group, results, values[n * size : (n + 1) * size]) for n, group in enumerate(groups)}

    def appeal(self, group: str, results: list[str], cells: list[Cell]) -> dict[str, int]:
        numbers = {r: self.number(f"appeals.{group}.{r}", c) for r, c in zip(results, cells, strict=True)}
        total, due = numbers.pop("total"), sum(numbers.values())
        if not _numbers.blank(cells[-1].text) and total != due:
            where = cells[-1].where
            self.finding(
                T4_STATED_TOTAL,
                f"appeals.{group}.total",
                f"{where}：所填总计为{total}，但结果维持、结果纠正、其他结果、尚未审结之和为{due}",
                f"{where}: the stated total {total} differs from the sum of its parts {due}",
                stated=total,
                expected=due,
            )
        return numbers

    # Tables run into lines of text ---------------------------------------------------------------------------

    def runs(self, lines: list[Line], labels: Mapping[str, Any], words: frozenset[str]) -> list[tuple[Any, str, str]]:
        """``(entry, digits, where)`` for each label of *labels* found in order in the text of *lines*, the digits
        being those between it and the next label found (table words and spaces left out)."""
        text = "".join(normalize(line.text) for line in lines)
        where = lines[0].where if lines else ""
        found, position = [], 0
        for label, entry in labels.items():
            at = text.find(label, position)
            if at >= 0:
                found.append((entry, at, at + len(label)))
                position = at + len(label)
        runs = []
        for k, (entry, _, end) in enumerate(found):
            segment = text[end : found[k + 1][1] if k + 1 < len(found) else len(text)]
            for word in sorted(words, key=len, reverse=True):
                segment = segment.replace(word, "")
            runs.append((entry, segment, where))
        return runs

    def flat_applications(self, lines: list[Line], labels: _Labels) -> dict[str, Any]:
        """Section 三 run into text: each row's digits split so that its total is the sum of its columns, and
        the splits chosen so that every column balances; more than one way is an error that lists them."""
        rows = {
            path: (re.sub(r"\D", "", digits), where)
            for path, digits, where in self.runs(lines, labels.applications, labels.words)
        }
        self.missing(labels, set(rows))
        candidates = {path: totalled(digits, len(APPLICANT_COLUMNS) - 1) for path, (digits, _) in rows.items()}
        for path, found in candidates.items():
            if not found:
                self.finding(
                    READ_NUMBER,
                    f"applications.{path}",
                    f"{rows[path][1]}：“{rows[path][0]}”无法拆分为六个数及其总计，按0计",
                    f"{rows[path][1]}: {rows[path][0]!r} cannot be read as six figures and their total; taken as 0",
                )
        solutions = _balanced(candidates)
        chosen: dict[str, tuple[int, ...]] = {}
        if len(solutions) == 1:
            chosen = solutions[0]
        else:
            for path, found in candidates.items():
                if len(found) == 1:
                    chosen[path] = found[0]
                elif len(found) > 1:
                    shown = "；".join(",".join(map(str, c)) for c in found[:8])
                    self.finding(
                        READ_AMBIGUOUS,
                        f"applications.{path}",
                        f"{rows[path][1]}：“{rows[path][0]}”可拆分为多种结果，未取其一：{shown}",
                        f"{rows[path][1]}: {rows[path][0]!r} splits {len(found)} ways and none is chosen: {shown}",
                    )
        data: dict[str, Any] = {}
        self.stated_outcomes = {}
        for path, numbers in chosen.items():
            for column in APPLICANT_COLUMNS:
                self.sources[f"applications.{path}.{column}"] = rows[path][1]
            if path == "outcomes.total":
                continue
            _put(data, path, dict(zip(APPLICANT_COLUMNS[:-1], numbers, strict=False)))
        return data

    def flat_proactive(self, lines: list[Line], labels: _Labels) -> dict[str, Any]:
        """Section 二 run into text: a row of one figure is that figure; a row of several is read only when its
        digits split one way (no rule relates them)."""
        data: dict[str, Any] = {}
        for part, digits, where in self.runs(lines, labels.proactive, labels.words):
            columns = [p for p in parts(part.type) if p.kind is not Kind.UNIT]
            amount = _numbers.amount(digits)
            if len(columns) == 1 and amount is not None:
                value = money_text(amount[0]) if columns[0].kind is Kind.MONEY else int(amount[0])
                data[part.name] = {columns[0].name: value}
                self.sources[f"proactive.{part.name}.{columns[0].name}"] = where
                continue
            found = list(splits(digits, len(columns))) if digits.isdigit() else []
            if len(found) == 1:
                data[part.name] = dict(zip((c.name for c in columns), found[0], strict=True))
                continue
            shown = "；".join(",".join(map(str, c)) for c in found[:8]) or digits
            self.finding(
                READ_AMBIGUOUS,
                f"proactive.{part.name}",
                f"{where}：“{part.label}”的数字“{digits}”无法唯一拆分为{len(columns)}个数，未读入：{shown}",
                f"{where}: the digits {digits!r} of {part.label} split more than one way: {shown}",
            )
        return data

    def flat_appeals(self, lines: list[Line], groups: list[str], results: list[str]) -> dict[str, Any]:
        """Section 四 run into text: fifteen figures whose totals are the sums of their groups."""
        text = "".join(normalize(line.text) for line in lines)
        digits = "".join(re.findall(r"\d+", text))
        found = grouped(digits, len(groups), len(results) - 1)
        where = lines[0].where if lines else ""
        if len(found) != 1:
            shown = "；".join(",".join(map(str, c)) for c in found[:8]) or digits
            self.finding(
                READ_AMBIGUOUS if found else READ_MISSING,
                "appeals",
                f"{where}：四的数字“{digits}”无法唯一拆分为15个数：{shown}",
                f"{where}: the digits {digits!r} of 四 do not split one way into 15 figures: {shown}",
            )
            return {}
        size = len(results)
        numbers = found[0]
        return {
            group: dict(zip(results[:-1], numbers[n * size : (n + 1) * size - 1], strict=True))
            for n, group in enumerate(groups)
        }

    # The whole ----------------------------------------------------------------------------------------------

    def read(self) -> Reading:
        head, found = self.split()
        texts = [normalize(i.text) for items in found[1:4] for i in items if isinstance(i, Line)]
        flat = any(label in text for text in texts for label in _ROW_LABELS)
        if not flat and not any(isinstance(i, Row) for items in found for i in items):
            self.finding(
                READ_NOT_A_REPORT,
                None,
                "找不到任一版格式的统计表（可能是2019年以前的旧格式或其他文件）",
                "no table of either edition: not a report in the 2019 or 2021 format",
            )
            return self.done(None)
        edition = self.edition(found)
        if edition is None:
            return self.done(None)
        cls = REPORT_CLASSES[edition]  # type: ignore[index]
        labels = _LABELS[edition]
        meta = self.document.meta
        heading = self.heading([i for i in head if isinstance(i, Line)])
        if heading is None:
            return self.done(None)
        data: dict[str, Any] = {"schema_version": 1, "edition": edition, **heading}
        if not meta:
            found[-1] = self.without_chrome(found[-1])
        names = [p.name for p in parts(cls) if p.label in SECTIONS]
        for name, items in zip(names, found, strict=True):
            words = frozenset() if meta else labels.words
            narrative = self.narrative(items, words)
            if name == "proactive":
                data[name] = {"narrative": narrative, **self.proactive(items, labels)}
            elif name == "applications":
                data[name] = {"narrative": narrative, **self.applications(items, labels)}
            elif name == "appeals":
                data[name] = {"narrative": narrative, **self.appeals(items, _section_type(cls, "appeals"))}
            else:
                data[name] = narrative
        try:
            report = from_dict(data, source=self.source)
        except LoadError as error:
            self.findings.extend(error.findings)
            return self.done(None)
        self.check_outcomes(report)
        return self.done(report)

    def heading(self, lines: list[Line]) -> dict[str, Any] | None:
        """Agency, year, title and preamble from the lines before 一, or ``None`` (with a finding) without them."""
        meta = self.document.meta
        if meta:  # a document of this library says them, and its title comes first
            return {**{k: v for k, v in meta.items() if k != "edition"}, "preamble": self.narrative([*lines[1:]])}
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
            self.finding(
                READ_TITLE,
                None,
                f"无法从标题“{title}”识别编制机关和年度",
                f"the title {title!r} does not name the body and year",
            )
            return None
        title, match = found[0]
        heading: dict[str, Any] = {"agency": match["agency"], "year": int(match["year"])}
        if title != f"{match['agency']}{match['year']}年政府信息公开工作年度报告":
            heading["title"] = title
        return {**heading, "preamble": self.narrative([*lines[index + 1 :]])}

    def done(self, report: Report | None) -> Reading:
        return Reading(report=report, findings=tuple(self.findings), sources=dict(self.sources), source=self.source)


def _unrun(item: Line | Row) -> Iterator[Line | Row]:
    """A line with section headings run into it (a page crawled flat) as the pieces before, of and after each."""
    if not isinstance(item, Line):
        yield item
        return
    start = 0
    for found in re.finditer(f"[{_NUMERALS}]、", item.text):
        index = _NUMERALS.index(found.group()[0])
        window = item.text[found.start() : found.start() + 40]
        key = window.find(_KEYWORDS[index])
        ends = [window.find(w, key) + len(w) for w in ("情况", "事项") if key >= 0 and window.find(w, key) >= 0]
        if not ends or found.start() < start or re.search(f"[{_NUMERALS}]、", window[2 : min(ends)]):
            continue  # no heading here, or one only if it ran into the next (四、结转下年度… 四、…行政诉讼情况)
        end = found.start() + min(ends)
        if item.text[start : found.start()].strip():
            yield Line(item.text[start : found.start()].strip(), item.where)
        yield Line(item.text[found.start() : end], item.where)
        start = end
    if item.text[start:].strip():
        yield Line(item.text[start:].strip() if start else item.text, item.where, item.heading)


def _put(data: dict[str, Any], path: str, value: Any) -> None:
    """Set *value* at the dotted *path* of nested *data*, making the groups on the way."""
    *groups, name = path.split(".")
    for group in groups:
        data = data.setdefault(group, {})
    data[name] = value


def _balanced(candidates: dict[str, list[tuple[int, ...]]]) -> list[dict[str, tuple[int, ...]]]:
    """Every choice of one split per row of section 三 that balances each column (一 + 二 = （七） + 四, and
    （七） the sum of the outcome rows)."""
    if any(not found for found in candidates.values()) or {
        "received",
        "carried_over",
        "outcomes.total",
        "carried_forward",
    } - set(candidates):
        return []
    paths = list(candidates)
    choices = [candidates[p] for p in paths]
    if prod(len(c) for c in choices) > 100_000:
        return []
    outcome_rows = [n for n, p in enumerate(paths) if p.startswith("outcomes.") and p != "outcomes.total"]
    index = {p: n for n, p in enumerate(paths)}
    solutions = []
    for choice in product(*choices):
        total = choice[index["outcomes.total"]]
        if all(
            choice[index["received"]][c] + choice[index["carried_over"]][c]
            == total[c] + choice[index["carried_forward"]][c]
            and total[c] == sum(choice[n][c] for n in outcome_rows)
            for c in range(len(APPLICANT_COLUMNS))
        ):
            solutions.append(dict(zip(paths, choice, strict=True)))
    return solutions


def _title_match(title: str) -> re.Match[str] | None:
    return next((match for pattern in _TITLES if (match := pattern.fullmatch(title))), None)


def _is_chrome(item: Line | Row) -> bool:
    """A line of a site's page chrome: short and no sentence."""
    return isinstance(item, Line) and len(item.text) < 60 and "。" not in item.text


def _texts(item: Line | Row) -> Iterator[Cell | Line]:
    yield from (item.cells if isinstance(item, Row) else (item,))


@functools.lru_cache(maxsize=1024)
def _is_table_word(text: str, words: frozenset[str]) -> bool:
    """Whether a line is a table label standing alone (a header or a group label split over lines), not text:
    part of a label, labels run together, or a label with a short annotation."""
    if len(text) < 2 or len(text) > 60:
        return False
    if any(text in w or (text.startswith(w) and len(text) <= len(w) + 12) for w in words):
        return True
    rest = text
    for word in sorted(words, key=len, reverse=True):
        rest = rest.replace(word, "")
    return not re.sub(r"[(),:;·\-]", "", rest)


def _split_row(row: Row) -> tuple[Cell | None, list[Cell]]:
    """A row's last label cell and the number cells after it (blank cells before a label belong to labels
    continued from the row above)."""
    last = max((n for n, c in enumerate(row.cells) if not _numbers.is_number(c.text)), default=-1)
    values = [c for c in row.cells[last + 1 :] if _numbers.is_number(c.text)]
    return (row.cells[last] if last >= 0 else None), values


def match(document: Document, *, edition: str = "auto", source: str | None = None) -> Reading:
    """Map a front end's document to a report of its edition (or the one given), with findings."""
    return _Reader(document, edition, source).read()
