"""Tables run into lines of text (a page crawled flat): each row's digits found after its label and split by the
accounting rules; a run that splits more than one way is an error that lists the ways, and none is chosen."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from itertools import product
from math import prod
from typing import Any

import attrs

from ..model import APPLICANT_COLUMNS, AppealCounts, Kind, parts, value_columns
from ..rules import BALANCE_ROWS, READ_AMBIGUOUS, READ_MISSING, READ_NUMBER, imbalances
from ..wire import money_text
from . import _numbers
from ._document import Cell, Line
from ._labels import normalize
from ._reading import Notes
from ._runs import grouped, splits, totalled
from ._tables import StatedOutcomes, missing, put
from ._vocabulary import Vocabulary

MOST_CHOICES = 100_000
"""The most combinations of row splits of section 三 tried against the balance; beyond, none is chosen."""
SHOWN = 8
"""How many of the ways a run splits a finding lists."""


def _shown(found: list[tuple[int, ...]]) -> str:
    return "；".join(",".join(map(str, c)) for c in found[:SHOWN])


def _runs(lines: list[Line], labels: Mapping[str, Any], words: frozenset[str]) -> list[tuple[Any, str, str]]:
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


def _balanced(candidates: dict[str, list[tuple[int, ...]]]) -> list[dict[str, tuple[int, ...]]]:
    """Every choice of one split per row of section 三 that balances each column (一 + 二 = （七） + 四, and
    （七） the sum of the outcome rows)."""
    if any(not found for found in candidates.values()) or set(BALANCE_ROWS) - set(candidates):
        return []
    paths = list(candidates)
    choices = [candidates[p] for p in paths]
    if prod(len(c) for c in choices) > MOST_CHOICES:
        return []
    outcome_rows = [n for n, p in enumerate(paths) if p.startswith("outcomes.") and p != "outcomes.total"]
    balanced = [paths.index(row) for row in BALANCE_ROWS]
    total = paths.index("outcomes.total")
    solutions = []
    for choice in product(*choices):
        if not imbalances(*(choice[n] for n in balanced)) and all(
            choice[total][c] == sum(choice[n][c] for n in outcome_rows) for c in range(len(APPLICANT_COLUMNS))
        ):
            solutions.append(dict(zip(paths, choice, strict=True)))
    return solutions


@attrs.frozen
class Flat:
    """Reads the tables of a page crawled flat, noting what it finds in *notes*."""

    notes: Notes

    def applications(self, lines: list[Line], vocabulary: Vocabulary) -> tuple[dict[str, Any], StatedOutcomes]:
        """Section 三: each row's digits split so that its total is the sum of its columns, and the splits
        chosen so that every column balances; with the （七）总计 row as printed, to compare once the report is
        made."""
        rows = {
            path: (re.sub(r"\D", "", digits), where)
            for path, digits, where in _runs(lines, vocabulary.applications, vocabulary.words)
        }
        missing(self.notes, vocabulary, set(rows))
        candidates = {path: totalled(digits, len(APPLICANT_COLUMNS) - 1) for path, (digits, _) in rows.items()}
        for path, found in candidates.items():
            if not found:
                self.notes.add(
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
                    self.notes.add(
                        READ_AMBIGUOUS,
                        f"applications.{path}",
                        f"{rows[path][1]}：“{rows[path][0]}”可拆分为多种结果，未取其一：{_shown(found)}",
                        f"{rows[path][1]}: {rows[path][0]!r} splits {len(found)} ways and none is chosen: "
                        f"{_shown(found)}",
                    )
        data: dict[str, Any] = {}
        stated: StatedOutcomes = {}
        read_all = all(path in chosen for path in vocabulary.applications.values() if path.startswith("outcomes."))
        for path, numbers in chosen.items():
            digits, where = rows[path]
            for column in APPLICANT_COLUMNS:
                self.notes.sources[f"applications.{path}.{column}"] = where
            if path == "outcomes.total":  # compared with the outcome rows only when every one of them was read
                columns = zip(APPLICANT_COLUMNS[:-1], numbers, strict=False)
                stated = {c: (n, Cell(digits, where)) for c, n in columns} if read_all else {}
                continue
            put(data, path, dict(zip(APPLICANT_COLUMNS[:-1], numbers, strict=False)))
        return data, stated

    def proactive(self, lines: list[Line], vocabulary: Vocabulary) -> dict[str, Any]:
        """Section 二: a row of one figure is that figure; a row of several is read only when its digits split
        one way (no rule relates them)."""
        data: dict[str, Any] = {}
        for part, digits, where in _runs(lines, vocabulary.proactive, vocabulary.words):
            columns = value_columns(part.type)
            amount = _numbers.amount(digits)
            if len(columns) == 1 and amount is not None:
                value = money_text(amount[0]) if columns[0].kind is Kind.MONEY else int(amount[0])
                data[part.name] = {columns[0].name: value}
                self.notes.sources[f"proactive.{part.name}.{columns[0].name}"] = where
                continue
            found = list(splits(digits, len(columns))) if digits.isdigit() else []
            if len(found) == 1:
                data[part.name] = {
                    c.name: money_text(Decimal(n)) if c.kind is Kind.MONEY else n
                    for c, n in zip(columns, found[0], strict=True)
                }
                continue
            shown = _shown(found) or digits
            self.notes.add(
                READ_AMBIGUOUS,
                f"proactive.{part.name}",
                f"{where}：“{part.label}”的数字“{digits}”无法唯一拆分为{len(columns)}个数，未读入：{shown}",
                f"{where}: the digits {digits!r} of {part.label} split more than one way: {shown}",
            )
        return data

    def appeals(self, lines: list[Line], groups: list[str]) -> dict[str, Any]:
        """Section 四: fifteen figures whose totals are the sums of their groups."""
        results = [p.name for p in parts(AppealCounts)]
        text = "".join(normalize(line.text) for line in lines)
        digits = "".join(re.findall(r"\d+", text))
        found = grouped(digits, len(groups), len(results) - 1)
        where = lines[0].where if lines else ""
        if len(found) != 1:
            shown = _shown(found) or digits
            self.notes.add(
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
