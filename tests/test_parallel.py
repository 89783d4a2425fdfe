"""Mapping in several processes: results in order, and a process that dies answered, not waited for."""

from __future__ import annotations

import os

import pytest

from gov_disclosure.batch import _parallel
from gov_disclosure.batch._parallel import ordered_map


def square_or_die(n: int) -> int:
    if n == 37:
        os._exit(1)  # as a crash in a C library, or the system killing the process for memory, would
    return n * n


def died(n: int, why: str) -> int:
    assert why
    return -n


@pytest.mark.parametrize("jobs", [2, 3])
def test_results_come_in_order_and_a_dead_process_gives_its_item_up(jobs: int) -> None:
    found = list(ordered_map(square_or_die, range(300), jobs=jobs, died=died))
    assert found == [-37 if n == 37 else n * n for n in range(300)]


def test_items_are_taken_as_results_are() -> None:
    jobs = 2
    taken = []

    def items() -> object:
        for n in range(10_000):
            taken.append(n)
            yield n

    results = ordered_map(abs, items(), jobs=jobs, died=died)  # type: ignore[arg-type]
    assert next(results) == 0
    ahead = _parallel._AHEAD * _parallel._CHUNK * jobs + _parallel._CHUNK
    assert len(taken) <= ahead < 10_000  # a few chunks ahead, not the whole input
    results.close()


def test_one_job_maps_in_this_process_and_jobs_must_be_positive() -> None:
    assert list(ordered_map(lambda n: n + 1, [1, 2], jobs=1, died=died)) == [2, 3]
    with pytest.raises(ValueError, match="at least 1"):
        next(ordered_map(abs, [1], jobs=0, died=died))
