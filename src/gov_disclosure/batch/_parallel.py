"""``map`` over many items in several processes: results in order, few items taken ahead so that memory stays
flat, and an item whose process dies (a crash, or the system killing it for memory) answered, not waited for."""

from __future__ import annotations

import collections
import itertools
import signal
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

A = TypeVar("A")
T = TypeVar("T")

_CHUNK = 16
"""Items sent to a process at a time."""
_AHEAD = 8
"""Chunks a process may be given before their results are taken."""


def _quiet() -> None:
    """In a worker: leave Ctrl-C to the main process, which stops the workers."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _apply(function: Callable[[A], T], chunk: list[A]) -> list[T]:
    return [function(item) for item in chunk]


class _Workers:
    """A process pool that is started again when one of its processes dies."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.pool = ProcessPoolExecutor(jobs, initializer=_quiet)

    def submit(self, function: Callable[[A], T], chunk: list[A]) -> Future[list[T]]:
        """*function* of each item of *chunk*, to come; a pool already broken gives a future that says so."""
        try:
            return self.pool.submit(_apply, function, chunk)
        except BrokenProcessPool as exc:
            broken: Future[list[T]] = Future()
            broken.set_exception(exc)
            return broken

    def restart(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = ProcessPoolExecutor(self.jobs, initializer=_quiet)

    def alone(self, function: Callable[[A], T], item: A, died: Callable[[A, str], T]) -> T:
        """*function* of *item* in a process of its own making; ``died(item, why)`` if that process dies."""
        try:
            return self.submit(function, [item]).result()[0]
        except BrokenProcessPool as exc:
            self.restart()
            return died(item, str(exc) or "a worker process died")


def ordered_map(
    function: Callable[[A], T], items: Iterable[A], *, jobs: int, died: Callable[[A, str], T]
) -> Iterator[T]:
    """``map(function, items)`` run by *jobs* processes (by this one for 1). An item whose process dies gives
    ``died(item, why)`` in its place; the others are done again in new processes."""
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    if jobs == 1:
        yield from map(function, items)
        return
    source = iter(items)
    chunks = iter(lambda: list(itertools.islice(source, _CHUNK)), [])
    workers = _Workers(jobs)
    try:
        pending = collections.deque((c, workers.submit(function, c)) for c in itertools.islice(chunks, _AHEAD * jobs))
        while pending:
            chunk, future = pending.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:  # which item killed it is not known: each of the chunk alone, then the rest
                workers.restart()
                results = [workers.alone(function, item, died) for item in chunk]
                pending = collections.deque((c, workers.submit(function, c)) for c, _ in pending)
            yield from results
            for more in itertools.islice(chunks, 1):
                pending.append((more, workers.submit(function, more)))
    finally:
        workers.pool.shutdown(wait=True, cancel_futures=True)
