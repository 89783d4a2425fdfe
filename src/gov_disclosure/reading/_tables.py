"""The tables of sections 二, 三 and 四 read from rows of cells: each row found by its label, each figure read,
and every total the table prints compared with its parts."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

import attrs

from ..model import (
    APPLICANT_COLUMNS,
    CONTENT,
    MOST_COUNT,
    MOST_MONEY,
    MOST_PLACES,
    AppealCounts,
    ApplicantCounts,
    Kind,
    Part,
    Report,
    field_meta,
    labels_at,
    money_fits,
    parts,
    value_columns,
)
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
from ._columns import Header, Unplaced, header, place
from ._document import Cell, Extent, Place, Row
from ._labels import normalize, unnumbered
from ._reading import Notes
from ._vocabulary import Vocabulary, find

StatedOutcomes = dict[str, tuple[int, Cell]]
"""The （七）总计 row as printed, by column: the figure and its cell."""
APPLICANT_LABELS = {normalize(p.label or ""): p.name for p in parts(ApplicantCounts)}
"""The columns of section 三 by their printed label."""
APPLICANT_HEADER = frozenset(
    [
        *APPLICANT_LABELS,
        normalize(ApplicantCounts.HEADER),
        *(normalize(p.group) for p in parts(ApplicantCounts) if p.group),
    ]
)
"""Every label the header of section 三 prints."""


def put(data: dict[str, Any], path: str, value: Any) -> None:
    """Set *value* at the dotted *path* of nested *data*, making the groups on the way."""
    *groups, name = path.split(".")
    for group in groups:
        data = data.setdefault(group, {})
    data[name] = value


def split_row(row: Row) -> tuple[Cell | None, list[Cell]]:
    """A row's last label cell and the number cells after it (blank cells before a label belong to labels
    continued from the row above)."""
    cells, last = row.cells, len(row.cells) - 1
    while last >= 0 and _numbers.is_number(cells[last].text):
        last -= 1
    return (cells[last] if last >= 0 else None), list(cells[last + 1 :])


@attrs.define
class Heads:
    """The header rows above the rows being read — rows printing a column label of the table (*labels*,
    normalized) — one block after another."""

    labels: frozenset[str]
    row_labels: frozenset[str] = frozenset()
    """The labels of the table's rows, without their numbering (a row printing one is no header, unless it
    prints other header labels too: ``其他`` and ``总计`` are both)."""
    rows: list[Row] = attrs.Factory(list)
    after_values: bool = False
    found: dict[frozenset[tuple[str, str]], Header] = attrs.Factory(dict)
    """The columns of the current header, by the labels asked for."""

    def see(self, row: Row) -> bool:
        """Take in the next row, and whether it is a header row — it prints a label of the header, and no
        figure or zero mark (an empty cell it may), and no row label unless beside other header labels: a header
        row after other rows begins a new header."""
        if not self._heads(row):
            self.after_values = True
            return False
        if self.after_values:
            self.rows, self.after_values = [], False
        self.rows.append(row)
        self.found.clear()
        return True

    def _heads(self, row: Row) -> bool:
        """Whether *row* is a header row (see :meth:`see`), looked at no further than it takes to tell."""
        texts = [normalize(c.text) for c in row.cells]
        if any(map(_numbers.is_number, filter(None, texts))):  # a figure or a zero mark
            return False
        heads = {text for text in texts if text in self.labels}
        if not heads:
            return False
        labelled = self.row_labels.intersection(map(unnumbered, texts))
        return not labelled or (len(heads) >= 2 and not labelled - self.labels)

    def columns(self, labels: dict[str, str]) -> Header:
        """The columns of the current header that print *labels* (normalized label → column name)."""
        key = frozenset(labels.items())
        if key not in self.found:
            self.found[key] = header(self.rows, labels)
        return self.found[key]


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


def missing_items(notes: Notes, vocabulary: Vocabulary, found: Collection[str]) -> None:
    """A finding for each row of section 二 not *found* (its figures are 0)."""
    for part in vocabulary.proactive.values():
        if part.name not in found:
            notes.add(
                READ_MISSING,
                f"proactive.{part.name}",
                f"缺少“{part.label}”行，按0计",
                f"the row “{part.label}” is missing; taken as 0",
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
                f"无法识别“{cell.text}”中的数字，按0计",
                f"no count can be read from {cell.text!r}; taken as 0",
                at=cell.where,
            )
            return 0
        if abs(value) > MOST_COUNT:
            self.beyond(path, value, cell.where)
            return 0
        if value:  # a cell left empty or blank is 0
            return value
        if _numbers.empty(cell.text) and path.endswith(".total"):
            self.notes.add(
                READ_BLANK,
                path,
                "总计未填，不与各项之和比较",
                "the total is left empty: not stated, so not compared with its parts",
                at=cell.where,
            )
        elif _numbers.blank(cell.text):
            self.notes.add(
                READ_BLANK,
                path,
                f"单元格为“{cell.text}”，按0计",
                f"the cell is {cell.text!r}, taken as 0",
                at=cell.where,
            )
        return value

    def beyond(self, path: str, value: int, where: Place) -> None:
        """A finding that the count *value* at *path* is more than a report may hold (:data:`MOST_COUNT`)."""
        self.notes.add(
            READ_NUMBER,
            path,
            f"{value}超出报告可有的计数（至多{MOST_COUNT:,}），按0计",
            f"{value} is more than a report's count may be (at most {MOST_COUNT:,}); taken as 0",
            at=where,
        )

    def proactive(self, rows: list[Row], vocabulary: Vocabulary) -> dict[str, Any]:
        """Section 二: each row of a 第二十条 table found by its label, its figures in its columns."""
        data: dict[str, Any] = {}
        columns_of = {part.name: value_columns(part.type) for part in vocabulary.proactive.values()}
        labels = {normalize(c.label or "") for columns in columns_of.values() for c in columns}
        heads = Heads(frozenset([*labels, normalize(CONTENT)]))
        for row in rows:
            label, values = split_row(row)
            if heads.see(row):
                continue
            part = find(vocabulary.proactive, label.text) if label and values else None
            if part is None or label is None:
                continue
            columns = columns_of[part.name]
            found = heads.columns({normalize(c.label or ""): c.name for c in columns})
            placed = self.placed(f"proactive.{part.name}", label, values, [c.name for c in columns], found, row)
            data[part.name] = self.fields(part, placed)
        missing_items(self.notes, vocabulary, data)
        return data

    def fields(self, part: Part, placed: dict[str, Cell]) -> dict[str, Any]:
        """A row of section 二 from the cell of each of its columns: counts, and amounts with their unit."""
        fields: dict[str, Any] = {}
        for column in value_columns(part.type):
            cell = placed.get(column.name)
            path = f"proactive.{part.name}.{column.name}"
            if cell is None:
                continue
            if column.kind is not Kind.MONEY:
                fields[column.name] = self.number(path, cell, signed=column.kind is Kind.SIGNED_COUNT)
                continue
            self.notes.sources[path] = cell.where
            amount = _numbers.amount(cell.text)
            if amount is None:
                self.notes.add(
                    READ_NUMBER,
                    path,
                    f"无法识别金额“{cell.text}”",
                    f"no amount in {cell.text!r}",
                    at=cell.where,
                )
                continue
            if not money_fits(amount[0]):
                self.notes.add(
                    READ_NUMBER,
                    path,
                    f"金额“{cell.text}”超出报告可有的范围（小于{MOST_MONEY:,}，至多{MOST_PLACES}位小数），未读入",
                    f"the amount {cell.text!r} is beyond what a report may hold (below {MOST_MONEY:,}, "
                    f"at most {MOST_PLACES} decimal places); not read",
                    at=cell.where,
                )
                continue
            fields[column.name] = money_text(amount[0])
            unit = next((p.name for p in parts(part.type) if p.kind is Kind.UNIT), None)
            if unit and amount[1] in field_meta(part.type, unit)["values"]:
                fields[unit] = amount[1]
        return fields

    def placed(
        self, path: str, label: Cell, values: list[Cell], columns: list[str], found: Header, row: Row
    ) -> dict[str, Cell]:
        """The cell of each column of a row, placed by position where it does not print every column; none,
        with a finding on the row, where it cannot be placed; a column its table does not print has no cell,
        with a finding."""
        placed = place(row, values, columns, found)
        if isinstance(placed, Unplaced):
            self.notes.add(
                READ_MISSING,
                path,
                f"“{label.text}”：{placed.message}，该行未读入",
                f"{label.text!r}: {placed.message_en}; the row is not read",
                at=label.where,
            )
            return {}
        for column in columns:
            if column not in placed and not (column == "total" and path.startswith("applications.")):
                self.notes.add(
                    READ_MISSING,
                    f"{path}.{column}",
                    f"表中没有“{labels_at(self.cls, f'{path}.{column}')[-1]}”列，按0计",
                    f"the table prints no column {column}; taken as 0",
                    at=label.where,
                )
        return placed

    def applications(self, rows: list[Row], vocabulary: Vocabulary) -> tuple[dict[str, Any], StatedOutcomes]:
        """Section 三: each row found by its label, its figures in the applicant columns, and its stated 总计
        compared with them; with the （七）总计 row as printed, to compare once the report is made."""
        data: dict[str, Any] = {}
        stated_outcomes: StatedOutcomes = {}
        seen: set[str] = set()
        heads = Heads(APPLICANT_HEADER, frozenset([*map(unnumbered, vocabulary.applications), *vocabulary.groups]))
        for row in rows:
            label, values = split_row(row)
            if heads.see(row):
                continue
            if not values or label is None:
                continue
            key = normalize(label.text)
            group = vocabulary.groups.get(unnumbered(key)) if key not in vocabulary.applications else None
            found = heads.columns(APPLICANT_LABELS)
            if group is not None:
                seen.update(self.group_row(group, label, place(row, values, APPLICANT_COLUMNS, found), data))
                continue
            path = find(vocabulary.applications, label.text)
            if path is not None and key not in vocabulary.applications:
                self.notes.add(
                    READ_LABEL_VARIANT,
                    f"applications.{path}",
                    f"行“{label.text}”按“{path}”读入",
                    f"the row {label.text!r} read as {path}",
                    at=label.where,
                )
            if path is None:
                self.notes.add(
                    READ_LABEL,
                    None,
                    f"无法识别的行“{label.text}”",
                    f"unknown row {label.text!r}",
                    at=label.where,
                )
                continue
            seen.add(path)
            cells = self.placed(f"applications.{path}", label, values, list(APPLICANT_COLUMNS), found, row)
            if not cells:
                continue
            numbers = {c: self.number(f"applications.{path}.{c}", cell) for c, cell in cells.items()}
            stated = {c: n for c, n in numbers.items() if not (c == "total" and _numbers.empty(cells[c].text))}
            if path == "outcomes.total":
                stated_outcomes = {c: (n, cells[c]) for c, n in stated.items()}
                continue
            leaves = {c: numbers.get(c, 0) for c in APPLICANT_COLUMNS[:-1]}
            if "total" in stated and stated["total"] != sum(leaves.values()):
                total = row_total(self.cls, f"applications.{path}.total", stated["total"], sum(leaves.values()))
                self.notes.found(total, cells["total"].where)
            put(data, path, leaves)
        missing(self.notes, vocabulary, seen)
        return data, stated_outcomes

    def group_row(
        self, group: tuple[str, ...], label: Cell, placed: dict[str, Cell] | Unplaced, data: dict[str, Any]
    ) -> tuple[str, ...]:
        """A group of outcome rows printed as one row (a 2021 （六）其他处理 in the 2019 way): zeros say every row
        is 0; other figures cannot be told apart, and the rows are missing."""
        if isinstance(placed, Unplaced):
            return ()
        numbers = [self.number(f"applications.{group[0].rsplit('.', 1)[0]}", cell) for cell in placed.values()]
        if any(numbers):
            return ()
        for path in group:
            put(data, path, dict.fromkeys(APPLICANT_COLUMNS[:-1], 0))
        self.notes.add(
            READ_LABEL_VARIANT,
            f"applications.{group[0].rsplit('.', 1)[0]}",
            f"“{label.text}”只填了一行且全为0，其下各行均按0计",
            f"{label.text!r} is printed as one row of zeros; each of its rows is taken as 0",
            at=label.where,
        )
        return group

    def check_outcomes(self, report: Report, stated: StatedOutcomes) -> None:
        """The （七）总计 row as printed compared with the sums of the outcome rows of *report*."""
        computed = report.applications.outcomes.total
        for column, (number, cell) in stated.items():
            due = getattr(computed, column)
            if number != due:
                path = f"applications.outcomes.total.{column}"
                self.notes.found(outcome_total(self.cls, path, number, due), cell.where)

    def appeals(self, rows: list[Row], kinds: list[Part]) -> dict[str, Any]:
        """Section 四: fifteen figures, in one row or in a row per kind of appeal; a row of fewer placed by the
        columns of its header; none below a header laid out in text, all blank."""
        results = parts(AppealCounts)
        columns = [f"{k.name}.{r.name}" for k in kinds for r in results]
        heads, found = Heads(frozenset(_appeal_labels(kinds, results))), []
        for row in rows:
            values = split_row(row)[1]
            if not heads.see(row) and values:
                found.append((row, values))
        whole = [v for _, values in found for v in values]
        cells = next((v for _, v in found if len(v) == len(columns)), whole if len(whole) == len(columns) else None)
        placed: dict[str, Cell] | Unplaced
        if cells is not None:
            placed = dict(zip(columns, cells, strict=True))
        elif found:
            row, values = max(found, key=lambda f: len(f[1]))
            placed = place(row, values, columns, _appeal_header(heads.rows, kinds, results))
        elif heads.rows and not any(row.grid for row in heads.rows):  # text leaves no trace of blank cells
            placed = dict.fromkeys(columns, Cell("", heads.rows[-1].where))
        else:
            placed = Unplaced("找不到四的数", "the figures of section 4 are missing")
        if isinstance(placed, Unplaced):
            self.notes.add(
                READ_MISSING,
                "appeals",
                f"四的{len(columns)}个数：{placed.message}，按0计",
                f"the {len(columns)} figures of section 4: {placed.message_en}; taken as 0",
            )
            return {}
        for column in columns:
            if column not in placed:
                self.notes.add(
                    READ_MISSING,
                    f"appeals.{column}",
                    f"四的表中没有“{'”“'.join(labels_at(self.cls, f'appeals.{column}')[-2:])}”列，按0计",
                    f"the table of section 4 prints no column {column}; taken as 0",
                )
        return {k.name: self.appeal(k.name, [placed.get(f"{k.name}.{r.name}") for r in results]) for k in kinds}

    def appeal(self, group: str, cells: list[Cell | None]) -> dict[str, int]:
        """One kind of appeal: its results (0 where its table prints no column), and its stated 总计 compared
        with them."""
        results = [p.name for p in parts(AppealCounts)]
        numbers = {r: self.number(f"appeals.{group}.{r}", c) if c else 0 for r, c in zip(results, cells, strict=True)}
        total, due, stated = numbers.pop("total"), sum(numbers.values()), cells[-1]
        if stated is not None and not _numbers.empty(stated.text) and total != due:
            path = f"appeals.{group}.total"
            self.notes.found(appeal_total(self.cls, path, total, due), stated.where)
        return numbers


def _appeal_labels(kinds: Sequence[Part], results: Sequence[Part]) -> list[str]:
    """Every label the header of section 四 prints."""
    return [normalize(text or "") for p in (*kinds, *results) for text in (p.label, p.group) if text]


def _appeal_header(rows: list[Row], kinds: Sequence[Part], results: Sequence[Part]) -> Header:
    """The columns of section 四 its header prints: each result under the kind of appeal it stands beneath —
    in the order of the statute when the header prints every result of every kind, else by the kind's span."""
    names = {normalize(r.label or ""): r.name for r in results}
    printed = sorted(
        ((c.x, names[normalize(c.text)]) for row in rows for c in row.cells if normalize(c.text) in names and c.x),
        key=lambda found: found[0],
    )
    due = [(k.name, r.name) for k in kinds for r in results]
    groups = header(rows, {normalize(k.label or ""): k.name for k in kinds})
    if [name for _, name in printed] == [r for _, r in due]:
        return Header({f"{k}.{r}": x for (x, _), (k, r) in zip(printed, due, strict=True)}, groups.right)
    found: dict[str, Extent] = {}
    for kind, x in groups.columns.items():
        labels = {label: f"{kind}.{name}" for label, name in names.items()}
        found.update(header(rows, labels, within=x).columns)
    return Header(found, groups.right)
