"""Digit runs: the figures of a table row printed with no separator (``801000081`` for 80, 1, 0, 0, 0, 0, 81).

A run is split into numbers written without leading zeros; the accounting rules then choose among the splits.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations, pairwise


def splits(run: str, count: int) -> Iterator[tuple[int, ...]]:
    """Every way to read *run* as *count* numbers, none written with a leading zero."""
    if not run.isdigit() or not 0 < count <= len(run):
        return
    for cuts in combinations(range(1, len(run)), count - 1):
        bounds = (0, *cuts, len(run))
        pieces = [run[a:b] for a, b in pairwise(bounds)]
        if all(piece == "0" or not piece.startswith("0") for piece in pieces):
            yield tuple(int(piece) for piece in pieces)


def totalled(run: str, parts: int) -> list[tuple[int, ...]]:
    """The splits of *run* into *parts* numbers and their total, the last number being the sum of the others."""
    found = []
    for head in splits_prefix(run, parts):
        numbers, rest = head
        if rest == str(sum(numbers)):
            found.append((*numbers, sum(numbers)))
    return found


def splits_prefix(run: str, count: int) -> Iterator[tuple[tuple[int, ...], str]]:
    """Every way to read the start of *run* as *count* numbers, with what is left of it."""
    if count == 0:
        yield (), run
        return
    for end in range(1, len(run)):
        piece = run[:end]
        if piece != "0" and piece.startswith("0"):
            break
        for numbers, rest in splits_prefix(run[end:], count - 1):
            yield (int(piece), *numbers), rest


def grouped(run: str, groups: int, parts: int) -> list[tuple[int, ...]]:
    """The splits of *run* into *groups* groups of *parts* numbers and their total each (section 四)."""
    if groups == 0:
        return [()] if run == "" else []
    found: list[tuple[int, ...]] = []
    for numbers, rest in splits_prefix(run, parts):
        total = str(sum(numbers))
        if rest.startswith(total):
            found.extend((*numbers, sum(numbers), *tail) for tail in grouped(rest[len(total) :], groups - 1, parts))
    return found
