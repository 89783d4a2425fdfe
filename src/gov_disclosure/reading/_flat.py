"""Tables run into lines of text (a page crawled flat): each row's digits found after its label and split by the
accounting rules; a run that splits more than one way is an error that lists the ways, and none is chosen."""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import accumulate, pairwise, product
from math import prod
from typing import Any

import attrs

from ..model import APPLICANT_COLUMNS, MOST_COUNT, AppealCounts, Part, Report, parts, value_columns
from ..rules import (
    BALANCE_ROWS,
    READ_AMBIGUOUS,
    READ_MISSING,
    READ_NUMBER,
    READ_SPLIT,
    appeal_total,
    imbalances,
    row_total,
)
from ..wire import MOST_INTEGER_DIGITS
from ._document import Cell, Line, Place
from ._labels import normalize, unnumbered
from ._reading import Notes
from ._runs import grouped, splits, totalled
from ._tables import StatedOutcomes, Tables, missing, missing_items, put
from ._vocabulary import Vocabulary

MOST_CHOICES = 100_000
"""The most combinations of row splits of section 三 tried against the balance; beyond, none is chosen."""
SHOWN = 8
"""How many of the ways a run splits a finding lists."""
SHORTEST_LABEL = 4
"""The shortest label, without its numbering, looked for in text (a shorter one occurs by chance)."""


def _shown(found: list[tuple[int, ...]], between: str = "；") -> str:
    """The first :data:`SHOWN` ways of *found*, *between* each two (a Chinese or an English semicolon)."""
    return between.join(",".join(map(str, c)) for c in found[:SHOWN])


@attrs.frozen
class Run:
    """The figures of one row run into text: its digits, and where the text separates them (a space, a zero
    written ``/``, ``-``, ``—`` or ``无``)."""

    digits: str
    cuts: frozenset[int]
    """The places in ``digits`` where one figure ends and the next begins, as printed."""
    where: Place
    rest: str = ""
    """The text after the figures."""
    signed: bool = False
    """Whether a ``-`` stands before a figure: a negative one, or a zero written ``-`` (they cannot be told
    apart in a run)."""
    joined: frozenset[int] = frozenset()
    """The places in ``digits`` where no figure may end: inside a number written with thousands separators."""

    @property
    def figures(self) -> list[str]:
        """The figures as printed where a separator stands between every two."""
        bounds = [0, *sorted(self.cuts), len(self.digits)]
        return [self.digits[a:b] for a, b in pairwise(bounds)]

    def kept(self, split: tuple[int, ...]) -> bool:
        """Whether a split of the digits keeps every separator the text prints."""
        if not self.cuts and not self.joined:
            return True
        ends = set(accumulate(len(str(n)) for n in split))
        return self.cuts <= ends and not self.joined & ends

    def fewer(self, read: Callable[[str, int], Iterable[tuple[int, ...]]], count: int) -> bool:
        """Whether the run also reads (by *read*) as fewer than *count* figures: as if a blank cell had been
        left out of it, so that the one way it splits into *count* is not sure."""
        return any(self.kept(split) for k in range(1, count) for split in read(self.digits, k))


_PIECE = re.compile(r"\s+|,|(?P<number>(?P<lead>\d+)(?P<groups>(?:,\d{3})*))(?P<numbering>[.,](?!\d))?|[/\-—无]")
"""A piece of a run: a separator (white space, or a comma between figures); a number (with its thousands
separators; or the numbering of a label, ``2.``, which ends the run); or a zero written as a mark."""
_ZERO_MARKS = frozenset("/-—无")
"""How a zero may be written in a run, standing alone."""


def _run(segment: str, where: Place) -> Run:
    """The figures at the start of a row's text, to the first other text (the label of a row not recognized,
    whose figures are not this row's, its numbering included)."""
    digits, at, signed = "", 0, False
    cuts: set[int] = set()
    joined: set[int] = set()
    while (found := _PIECE.match(segment, at)) is not None and not found["numbering"]:
        piece, at = found.group(), found.end()
        signed = signed or (piece == "-" and segment[at : at + 1].isdigit())
        if found["number"]:
            start = len(digits) + len(found["lead"])
            digits += piece.replace(",", "")
            if found["groups"]:  # a number with thousands separators ends after its last group of three
                joined.update(range(start, len(digits)))
                cuts.add(len(digits))
            continue
        cuts.add(len(digits))
        if piece in _ZERO_MARKS:  # a zero written as a mark stands alone
            digits += "0"
            cuts.add(len(digits))
    return Run(
        digits,
        frozenset(c for c in cuts if 0 < c < len(digits)),
        where,
        segment[at:].strip(),
        signed,
        frozenset(joined),
    )


def _apart(run: Run, count: int) -> list[tuple[int, ...]]:
    """The one reading of *run* when its *count* figures all stand apart as printed, each a number; else none."""
    figures = run.figures
    if len(figures) != count or any(len(figure) > MOST_INTEGER_DIGITS for figure in figures):
        return []
    return [tuple(map(int, figures))]


@functools.lru_cache(maxsize=8)
def _any_of(words: frozenset[str]) -> re.Pattern[str]:
    """A pattern finding any of *words*."""
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


def _runs(lines: list[Line], labels: Mapping[str, Any], words: frozenset[str]) -> list[tuple[Any, str, Place]]:
    """``(entry, text, where)`` for each label of *labels* found in order in the text of *lines*, the text being
    that between it and the next label found, or the first table word (a header repeated on a new page, or a
    row label not recognized)."""
    pieces = [normalize(piece) for line in lines for piece in line.text.split()]
    text, flat = " ".join(pieces), "".join(pieces)
    starts = [0, *accumulate(map(len, pieces))][:-1]  # where each piece begins in flat

    def spaced(at: int) -> int:
        """Where the character at *at* of flat stands in text (a space after each piece before it)."""
        return at + bisect_right(starts, at) - 1

    where = lines[0].where if lines else Place()
    found, position = [], 0
    for label, entry in labels.items():
        for printed in (label, unnumbered(label)):  # shortened labels leave out the numbering
            at = flat.find(printed, position) if printed == label or len(printed) >= SHORTEST_LABEL else -1
            if at >= 0:
                found.append((entry, at, at + len(printed)))
                position = at + len(printed)
                break
    runs = []
    for k, (entry, _, end) in enumerate(found):
        stop = found[k + 1][1] if k + 1 < len(found) else len(flat)
        segment = text[spaced(end) : spaced(stop - 1) + 1] if end < stop else ""
        word = _any_of(words).search(segment)
        runs.append((entry, segment[: word.start()] if word else segment, where))
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
    """Reads the tables of a page crawled flat of a report of class *cls*, noting what it finds in *notes*."""

    cls: type[Report]
    notes: Notes

    def applications(self, lines: list[Line], vocabulary: Vocabulary) -> tuple[dict[str, Any], StatedOutcomes]:
        """Section 三: each row's digits split so that its total is the sum of its columns, and the splits
        chosen so that every column balances; with the （七）总计 row as printed, to compare once the report is
        made."""
        size = len(APPLICANT_COLUMNS)
        runs = {
            path: _run(text, where) for path, text, where in _runs(lines, vocabulary.applications, vocabulary.words)
        }
        missing(self.notes, vocabulary, set(runs))
        candidates = {
            path: _apart(run, size) or [split for split in totalled(run.digits, size - 1) if run.kept(split)]
            for path, run in runs.items()
        }
        for path, found in candidates.items():
            if not found:
                run = runs[path]
                self.notes.add(
                    READ_NUMBER,
                    f"applications.{path}",
                    f"“{run.digits}”无法拆分为六个数及其总计，按0计",
                    f"{run.digits!r} cannot be read as six figures and their total; taken as 0",
                    at=run.where,
                )
        solutions = _balanced(candidates)
        chosen: dict[str, tuple[int, ...]] = {}
        if len(solutions) == 1:
            chosen = solutions[0]
        else:
            for path, found in candidates.items():
                run = runs[path]
                if len(found) == 1:
                    chosen[path] = found[0]
                    if not solutions and len(run.figures) != size and run.fewer(totalled, size - 1):
                        self.split(f"applications.{path}", run, found[0])
                elif len(found) > 1:
                    self.notes.add(
                        READ_AMBIGUOUS,
                        f"applications.{path}",
                        f"“{run.digits}”可拆分为多种结果，未取其一：{_shown(found)}",
                        f"{run.digits!r} splits {len(found)} ways and none is chosen: {_shown(found, '; ')}",
                        at=run.where,
                    )
        data: dict[str, Any] = {}
        stated: StatedOutcomes = {}
        read_all = all(path in chosen for path in vocabulary.applications.values() if path.startswith("outcomes."))
        for path, numbers in chosen.items():
            run = runs[path]
            numbers = self.bounded(f"applications.{path}", APPLICANT_COLUMNS, numbers, run.where)
            for column in APPLICANT_COLUMNS:
                self.notes.sources[f"applications.{path}.{column}"] = run.where
            if path == "outcomes.total":  # compared with the outcome rows only when every one of them was read
                columns = zip(APPLICANT_COLUMNS, numbers, strict=True)
                stated = {c: (n, Cell(run.digits, run.where)) for c, n in columns} if read_all else {}
                continue
            if numbers[-1] != sum(numbers[:-1]):
                total = row_total(self.cls, f"applications.{path}.total", numbers[-1], sum(numbers[:-1]))
                self.notes.found(total, run.where)
            put(data, path, dict(zip(APPLICANT_COLUMNS[:-1], numbers, strict=False)))
        return data, stated

    def split(self, path: str, run: Run, numbers: tuple[int, ...]) -> None:
        """A warning that *run* is read as *numbers*, the one way it splits, which no rule confirms."""
        shown = ",".join(map(str, numbers))
        self.notes.add(
            READ_SPLIT,
            path,
            f"连写的“{run.digits}”按唯一的拆分读作{shown}，无勾稽关系印证",
            f"the run {run.digits!r} is read as {shown}, the one way it splits, which no rule confirms",
            at=run.where,
        )

    def proactive(self, lines: list[Line], vocabulary: Vocabulary) -> dict[str, Any]:
        """Section 二: a row's figures as printed apart; a row of one figure is that figure; a row of several
        run together is read only when its digits split one way (no rule relates them, so with a warning)."""
        data: dict[str, Any] = {}
        runs = _runs(lines, vocabulary.proactive, vocabulary.words)
        missing_items(self.notes, vocabulary, {part.name for part, _, _ in runs})
        for part, text, where in runs:
            columns = value_columns(part.type)
            path = f"proactive.{part.name}"
            figures = text.split()
            if len(columns) == 1 and len(figures) != 1:
                figures = ["".join(figures)]
            if len(figures) == len(columns):
                data[part.name] = self.fields(part, columns, figures, where)
                continue
            run = _run(text, where)
            whole = not run.rest and not run.signed
            found = [split for split in splits(run.digits, len(columns)) if run.kept(split) and whole]
            if len(found) == 1:
                if len(run.figures) != len(columns) and run.fewer(splits, len(columns)):
                    self.split(path, run, found[0])
                data[part.name] = self.fields(part, columns, list(map(str, found[0])), where)
                continue
            printed = "".join(text.split())
            shown = _shown(found) or printed
            self.notes.add(
                READ_AMBIGUOUS,
                path,
                f"“{part.label}”的数字“{printed}”无法唯一拆分为{len(columns)}个数，未读入：{shown}",
                f"the digits {printed!r} of “{part.label}” do not split one way into {len(columns)} figures: "
                f"{_shown(found, '; ') or repr(printed)}",
                at=where,
            )
        return data

    def fields(self, part: Part, columns: list[Part], figures: list[str], where: Place) -> dict[str, Any]:
        """A row of section 二 from its figures, one a column, read as a table's cells are."""
        cells = {c.name: Cell(figure, where) for c, figure in zip(columns, figures, strict=True)}
        return self.tables.fields(part, cells)

    def bounded(self, path: str, columns: Sequence[str], numbers: tuple[int, ...], where: Place) -> tuple[int, ...]:
        """The figures of the row at *path*, one a column, each that no report holds (past ``MOST_COUNT``) read as
        0 with a finding."""
        if max(numbers, default=0) <= MOST_COUNT:
            return numbers
        for column, number in zip(columns, numbers, strict=True):
            if number > MOST_COUNT:
                self.tables.beyond(f"{path}.{column}", number, where)
        return tuple(n if n <= MOST_COUNT else 0 for n in numbers)

    @property
    def tables(self) -> Tables:
        """The table reader, for what rows of cells and runs read alike."""
        return Tables(self.cls, self.notes)

    def appeals(self, lines: list[Line], groups: list[str]) -> dict[str, Any]:
        """Section 四: fifteen figures, as printed apart, or split so that each total is the sum of its group;
        figures in sentences are left out."""
        results = [p.name for p in parts(AppealCounts)]
        size = len(results)
        table = [line for line in lines if "。" not in line.text]  # a sentence's figures are not the table's
        text = _NOT_FIGURE.sub(" ", " ".join(normalize(piece) for line in table for piece in line.text.split()))
        where = lines[0].where if lines else Place()
        run = _run(text.strip(), where)
        found = _apart(run, len(groups) * size) or [
            split for split in grouped(run.digits, len(groups), size - 1) if run.kept(split)
        ]
        if len(found) != 1:
            shown = _shown(found) or run.digits
            self.notes.add(
                READ_AMBIGUOUS if found else READ_MISSING,
                "appeals",
                f"四的数字“{run.digits}”无法唯一拆分为15个数：{shown}",
                f"the digits {run.digits!r} of section 4 do not split one way into 15 figures: "
                f"{_shown(found, '; ') or run.digits}",
                at=where,
            )
            return {}
        data = {}
        for n, group in enumerate(groups):
            *numbers, total = self.bounded(f"appeals.{group}", results, found[0][n * size : (n + 1) * size], where)
            data[group] = dict(zip(results[:-1], numbers, strict=True))
            if total != sum(numbers):
                self.notes.found(appeal_total(self.cls, f"appeals.{group}.total", total, sum(numbers)), where)
        return data


_NOT_FIGURE = re.compile(r"[^\d\s,/\-—无]+")
"""Text that is no figure: in section 四, the headers and any words between the figures."""
