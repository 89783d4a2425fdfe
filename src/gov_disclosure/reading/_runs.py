"""Digit runs: the figures of a table row printed with no separator (``801000081`` for 80, 1, 0, 0, 0, 0, 81).

A run is split into numbers written without leading zeros; the accounting rules then choose among the splits.
A total is at least as long as each of its parts, which bounds the search however long the run.
"""

from __future__ import annotations

from collections.abc import Iterator

MOST_RUN_DIGITS = 32
"""The longest run of several figures that is split (longer ones are no table row)."""


def _number(piece: str) -> bool:
    """Whether *piece* is a number as printed: no leading zero, unless it is 0."""
    return piece == "0" or not piece.startswith("0")


def splits(run: str, count: int) -> Iterator[tuple[int, ...]]:
    """Every way to read *run* as *count* numbers, none written with a leading zero."""
    if run.isdigit() and 0 < count <= len(run) <= MOST_RUN_DIGITS:
        yield from _split(run, count)


def _split(run: str, count: int) -> Iterator[tuple[int, ...]]:
    if count == 1:
        if _number(run):
            yield (int(run),)
        return
    for end in range(1, 2 if run.startswith("0") else len(run) - count + 2):
        first = int(run[:end])
        for rest in _split(run[end:], count - 1):
            yield (first, *rest)


def _parts(run: str, count: int, reserve: int, longest: int = 0) -> Iterator[tuple[tuple[int, ...], str]]:
    """The start of *run* read as *count* numbers, with the rest: at least as long as each of them (their total
    comes first in it) and *reserve* more (the digits later groups need)."""
    if count == 0:
        if len(run) >= longest + reserve:
            yield (), run
        return
    for end in range(1, 2 if run.startswith("0") else len(run)):
        if len(run) - end < max(longest, end) + reserve + count - 1:
            break
        for numbers, rest in _parts(run[end:], count - 1, reserve, max(longest, end)):
            yield (int(run[:end]), *numbers), rest


def totalled(run: str, parts: int) -> list[tuple[int, ...]]:
    """The splits of *run* into *parts* numbers and their total, the last number being the sum of the others."""
    if not run.isdigit() or len(run) > MOST_RUN_DIGITS:
        return []
    if len(run) == parts + 1:  # a digit each, as a row of small figures is printed
        digits = tuple(map(int, run))
        return [digits] if sum(digits[:-1]) == digits[-1] else []
    return [(*numbers, sum(numbers)) for numbers, rest in _parts(run, parts, 0) if rest == str(sum(numbers))]


def grouped(run: str, groups: int, parts: int) -> list[tuple[int, ...]]:
    """The splits of *run* into *groups* groups of *parts* numbers and their total each (section 四)."""
    if not run.isdigit() and run:
        return []
    if groups == 0:
        return [()] if run == "" else []
    if len(run) > MOST_RUN_DIGITS * groups:
        return []
    found: list[tuple[int, ...]] = []
    for numbers, rest in _parts(run, parts, (groups - 1) * (parts + 1)):
        total = str(sum(numbers))
        if rest.startswith(total):
            found.extend((*numbers, sum(numbers), *tail) for tail in grouped(rest[len(total) :], groups - 1, parts))
    return found
