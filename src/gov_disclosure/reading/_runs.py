"""Digit runs: the figures of a table row printed with no separator (``801000081`` for 80, 1, 0, 0, 0, 0, 81).

A run is split into numbers written without leading zeros; the accounting rules then choose among the splits.
A total is at least as long as each of its parts, which bounds the search however long the run.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations, pairwise

LONGEST = 32
"""The longest run of several figures that is split (longer ones are no table row)."""


def splits(run: str, count: int) -> Iterator[tuple[int, ...]]:
    """Every way to read *run* as *count* numbers, none written with a leading zero."""
    if not run.isdigit() or not 0 < count <= len(run) <= LONGEST:
        return
    for cuts in combinations(range(1, len(run)), count - 1):
        pieces = [run[a:b] for a, b in pairwise((0, *cuts, len(run)))]
        if all(piece == "0" or not piece.startswith("0") for piece in pieces):
            yield tuple(int(piece) for piece in pieces)


def _parts(run: str, count: int, longest: int = 0) -> Iterator[tuple[tuple[int, ...], str]]:
    """The start of *run* read as *count* numbers, with the rest, which must be long enough for their total."""
    if count == 0:
        if len(run) >= longest:
            yield (), run
        return
    for end in range(1, len(run) - count + 1):
        piece = run[:end]
        if (piece != "0" and piece.startswith("0")) or len(run) - end < max(longest, end):
            break
        for numbers, rest in _parts(run[end:], count - 1, max(longest, end)):
            yield (int(piece), *numbers), rest


def totalled(run: str, parts: int) -> list[tuple[int, ...]]:
    """The splits of *run* into *parts* numbers and their total, the last number being the sum of the others."""
    if not run.isdigit() or len(run) > LONGEST:
        return []
    return [(*numbers, sum(numbers)) for numbers, rest in _parts(run, parts) if rest == str(sum(numbers))]


def grouped(run: str, groups: int, parts: int) -> list[tuple[int, ...]]:
    """The splits of *run* into *groups* groups of *parts* numbers and their total each (section 四)."""
    if not run.isdigit() and run:
        return []
    if groups == 0:
        return [()] if run == "" else []
    if len(run) > LONGEST * groups:
        return []
    found: list[tuple[int, ...]] = []
    for numbers, rest in _parts(run, parts):
        total = str(sum(numbers))
        if rest.startswith(total):
            found.extend((*numbers, sum(numbers), *tail) for tail in grouped(rest[len(total) :], groups - 1, parts))
    return found
