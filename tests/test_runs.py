"""Digit runs split by the accounting rules: the bounded searches find exactly what trying every cut finds."""

from __future__ import annotations

from itertools import combinations, pairwise

from hypothesis import given
from hypothesis import strategies as st

from gov_disclosure.reading._runs import grouped, splits, totalled


def every_split(run: str, count: int) -> list[tuple[int, ...]]:
    """Every cut of *run* into *count* numbers without a leading zero, in the order of the cuts."""
    pieces = (
        [run[a:b] for a, b in pairwise((0, *cuts, len(run)))] for cuts in combinations(range(1, len(run)), count - 1)
    )
    return [tuple(map(int, p)) for p in pieces if all(x == "0" or not x.startswith("0") for x in p)]


def summed(numbers: list[int]) -> str:
    return "".join(map(str, [*numbers, sum(numbers)]))


figures = st.lists(st.one_of(st.sampled_from([0, 1, 10, 100]), st.integers(0, 999)), min_size=1, max_size=6)


@given(figures, st.booleans(), st.integers(0, 9))
def test_totalled_is_every_split_whose_last_number_is_the_sum(numbers: list[int], changed: bool, digit: int) -> None:
    run = summed(numbers)
    if changed:  # a run that perhaps splits no way
        run = run[:-1] + str(digit)
    found = totalled(run, len(numbers))
    assert found == [s for s in every_split(run, len(numbers) + 1) if sum(s[:-1]) == s[-1]]
    assert changed or (*numbers, sum(numbers)) in found


def every_grouping(run: str, groups: int, size: int) -> list[tuple[int, ...]]:
    """Every cut of *run* into *groups* groups of *size* numbers, the last of each the sum of the others, in the
    order of the cuts."""
    if groups == 0:
        return [()] if run == "" else []
    found = [
        (*head, *tail)
        for end in range(size, len(run) + 1)
        for head in every_split(run[:end], size)
        if sum(head[:-1]) == head[-1]
        for tail in every_grouping(run[end:], groups - 1, size)
    ]
    return sorted(found, key=lambda split: [len(str(n)) for n in split])


@given(st.lists(st.lists(st.integers(0, 120), min_size=3, max_size=3), min_size=1, max_size=4), st.booleans())
def test_grouped_is_every_split_into_groups_each_with_its_total(groups: list[list[int]], cut: bool) -> None:
    run = "".join(summed(group) for group in groups)
    if cut:  # a run one digit short
        run = run[1:]
    expected = every_grouping(run, len(groups), 4)
    assert grouped(run, len(groups), 3) == expected
    assert cut or tuple(n for group in groups for n in (*group, sum(group))) in expected


@given(st.text("0123456789", min_size=1, max_size=14), st.integers(1, 8))
def test_splits_is_every_cut_without_a_leading_zero(run: str, count: int) -> None:
    assert list(splits(run, count)) == (every_split(run, count) if count <= len(run) else [])
