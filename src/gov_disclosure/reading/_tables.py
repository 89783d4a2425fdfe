"""The tables of sections 二, 三 and 四 read from rows of cells: each row found by its label, each figure read,
and every total the table prints compared with its parts."""

from __future__ import annotations

from typing import Any

import attrs

from ..model import APPLICANT_COLUMNS, AppealCounts, Kind, Report, field_meta, parts, value_columns
from ..rules import (
    READ_BLANK,
    READ_LABEL,
    READ_LABEL_VARIANT,
    READ_MISSING,
    READ_NUMBER,
    appeal_total,
    outcome_total,
    row_total,
)
from ..wire import money_text
from . import _numbers
from ._document import Cell, Row
from ._labels import normalize, unnumbered
from ._reading import Notes
from ._vocabulary import Vocabulary, find

StatedOutcomes = dict[str, tuple[int, Cell]]
"""The （七）总计 row as printed, by column: the figure and its cell."""


def put(data: dict[str, Any], path: str, value: Any) -> None:
    """Set *value* at the dotted *path* of nested *data*, making the groups on the way."""
    *groups, name = path.split(".")
    for group in groups:
        data = data.setdefault(group, {})
    data[name] = value


def _split_row(row: Row) -> tuple[Cell | None, list[Cell]]:
    """A row's last label cell and the number cells after it (blank cells before a label belong to labels
    continued from the row above)."""
    last = max((n for n, c in enumerate(row.cells) if not _numbers.is_number(c.text)), default=-1)
    values = [c for c in row.cells[last + 1 :] if _numbers.is_number(c.text)]
    return (row.cells[last] if last >= 0 else None), values


def missing(notes: Notes, vocabulary: Vocabulary, found: set[str]) -> None:
    """A finding for each row of section 三 not *found* (its counts are 0)."""
    for path in vocabulary.applications.values():
        if path not in found:
            notes.add(
                READ_MISSING,
                f"applications.{path}",
                f"缺少“{path}”行，按0计",
                f"the row {path} is missing; taken as 0",
            )


@attrs.frozen
class Tables:
    """Reads the tables of a report of class *cls*, noting what it finds in *notes*."""

    cls: type[Report]
    notes: Notes

    def number(self, path: str, cell: Cell, signed: bool = False) -> int:
        """The count in *cell*, for the wire *path*: 0, with a finding, where there is none."""
        self.notes.sources[path] = cell.where
        value = _numbers.count(cell.text)
        if value is None or (value < 0 and not signed):
            self.notes.add(
                READ_NUMBER,
                path,
                f"{cell.where}：无法识别“{cell.text}”中的数字，按0计",
                f"{cell.where}: no count can be read from {cell.text!r}; taken as 0",
            )
            return 0
        if _numbers.blank(cell.text) and path.endswith(".total"):
            self.notes.add(
                READ_BLANK,
                path,
                f"{cell.where}：总计为“{cell.text}”，视为未填，不与各项之和比较",
                f"{cell.where}: the total is {cell.text!r}: not stated, so not compared with its parts",
            )
        elif _numbers.blank(cell.text):
            self.notes.add(
                READ_BLANK,
                path,
                f"{cell.where}：单元格为“{cell.text}”，按0计",
                f"{cell.where}: the cell is {cell.text!r}, taken as 0",
            )
        return value

    def proactive(self, rows: list[Row], vocabulary: Vocabulary) -> dict[str, Any]:
        """Section 二: each row of a 第二十条 table found by its label, its figures in its columns."""
        data: dict[str, Any] = {}
        for row in rows:
            label, values = _split_row(row)
            part = find(vocabulary.proactive, label.text) if label and values else None
            if part is None or label is None:
                continue
            columns = value_columns(part.type)
            if len(values) != len(columns):
                self.notes.add(
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
                    self.notes.sources[path] = cell.where
                    amount = _numbers.amount(cell.text)
                    if amount is None:
                        self.notes.add(
                            READ_NUMBER,
                            path,
                            f"{cell.where}：无法识别金额“{cell.text}”",
                            f"{cell.where}: no amount in {cell.text!r}",
                        )
                        continue
                    fields[column.name] = money_text(amount[0])
                    unit = next((p.name for p in parts(part.type) if p.kind is Kind.UNIT), None)
                    if unit and amount[1] in field_meta(part.type, unit)["values"]:
                        fields[unit] = amount[1]
                else:
                    fields[column.name] = self.number(path, cell, signed=column.kind is Kind.SIGNED_COUNT)
            data[part.name] = fields
        return data

    def applications(self, rows: list[Row], vocabulary: Vocabulary) -> tuple[dict[str, Any], StatedOutcomes]:
        """Section 三: each row found by its label, its figures in the applicant columns, and its stated 总计
        compared with them; with the （七）总计 row as printed, to compare once the report is made."""
        data: dict[str, Any] = {}
        stated_outcomes: StatedOutcomes = {}
        seen: set[str] = set()
        for row in rows:
            label, values = _split_row(row)
            if not values or label is None:
                continue
            if len(values) > len(APPLICANT_COLUMNS) and all(
                _numbers.blank(c.text) for c in values[: -len(APPLICANT_COLUMNS)]
            ):
                values = values[-len(APPLICANT_COLUMNS) :]  # blank label cells merged on the page
            key = normalize(label.text)
            group = vocabulary.groups.get(unnumbered(key)) if key not in vocabulary.applications else None
            if group is not None:
                seen.update(self.group_row(group, label, values, data))
                continue
            path = find(vocabulary.applications, label.text)
            if path is not None and key not in vocabulary.applications:
                self.notes.add(
                    READ_LABEL_VARIANT,
                    f"applications.{path}",
                    f"{label.where}：行“{label.text}”按“{path}”读入",
                    f"{label.where}: the row {label.text!r} read as {path}",
                )
            if path is None:
                self.notes.add(
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
                self.notes.findings.append(
                    row_total(
                        self.cls,
                        f"applications.{path}.total",
                        stated["total"],
                        sum(leaves.values()),
                        where=cells["total"].where,
                    )
                )
            put(data, path, leaves)
        missing(self.notes, vocabulary, seen)
        return data, stated_outcomes

    def group_row(
        self, group: tuple[str, ...], label: Cell, values: list[Cell], data: dict[str, Any]
    ) -> tuple[str, ...]:
        """A group of outcome rows printed as one row (a 2021 （六）其他处理 in the 2019 way): zeros say every row
        is 0; other figures cannot be told apart, and the rows are missing."""
        numbers = [self.number(f"applications.{group[0].rsplit('.', 1)[0]}", cell) for cell in values]
        if any(numbers):
            return ()
        for path in group:
            put(data, path, dict.fromkeys(APPLICANT_COLUMNS[:-1], 0))
        self.notes.add(
            READ_LABEL_VARIANT,
            f"applications.{group[0].rsplit('.', 1)[0]}",
            f"{label.where}：“{label.text}”只填了一行且全为0，其下各行均按0计",
            f"{label.where}: {label.text!r} is printed as one row of zeros; each of its rows is taken as 0",
        )
        return group

    def check_outcomes(self, report: Report, stated: StatedOutcomes) -> None:
        """The （七）总计 row as printed compared with the sums of the outcome rows of *report*."""
        computed = report.applications.outcomes.total
        for column, (number, cell) in stated.items():
            due = getattr(computed, column)
            if number != due:
                path = f"applications.outcomes.total.{column}"
                self.notes.findings.append(outcome_total(self.cls, path, number, due, where=cell.where))

    def appeals(self, rows: list[Row], groups: list[str]) -> dict[str, Any]:
        """Section 四: fifteen figures, in one row or in a row per kind of appeal."""
        results = [p.name for p in parts(AppealCounts)]
        found = [values for values in (_split_row(row)[1] for row in rows) if values]
        whole = [v for values in found for v in values]
        values = next((v for v in [*found, whole] if len(v) == len(groups) * len(results)), None)
        if values is None:
            self.notes.add(
                READ_MISSING, "appeals", "找不到四的15个数，按0计", "the 15 figures of 四 are missing; taken as 0"
            )
            return {}
        size = len(results)
        return {group: self.appeal(group, results, values[n * size : (n + 1) * size]) for n, group in enumerate(groups)}

    def appeal(self, group: str, results: list[str], cells: list[Cell]) -> dict[str, int]:
        """One kind of appeal: its results, and its stated 总计 compared with them."""
        numbers = {r: self.number(f"appeals.{group}.{r}", c) for r, c in zip(results, cells, strict=True)}
        total, due = numbers.pop("total"), sum(numbers.values())
        if not _numbers.blank(cells[-1].text) and total != due:
            path = f"appeals.{group}.total"
            self.notes.findings.append(appeal_total(self.cls, path, total, due, where=cells[-1].where))
        return numbers
