"""``map`` over many items in several processes: results in order, few items taken ahead, so memory stays flat."""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import multiprocessing.pool
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

A = TypeVar("A")
T = TypeVar("T")

Mapper = Callable[[Callable[[A], T], Iterable[A]], Iterator[T]]
"""What :func:`processes` gives: ``map``, run by the processes."""

_CHUNK = 16
"""Items sent to a process at a time."""
_AHEAD = 8 * _CHUNK
"""Items a process may be given before their results are taken."""


@contextlib.contextmanager
def processes(jobs: int) -> Iterator[Mapper[Any, Any]]:
    """A ``map`` run by *jobs* processes (by this one for 1), valid inside the ``with`` block."""
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    if jobs == 1:
        yield map
        return
    context = multiprocessing.get_context("spawn" if os.name == "nt" else "fork")
    with context.Pool(jobs) as pool:
        yield functools.partial(_bounded, pool, _AHEAD * jobs)


def _bounded(
    pool: multiprocessing.pool.Pool, ahead: int, function: Callable[[A], T], items: Iterable[A]
) -> Iterator[T]:
    """``pool.imap`` taking at most *ahead* items more than the results taken (``imap`` alone takes them all)."""
    slots = threading.Semaphore(ahead)
    stopped = threading.Event()

    def fed() -> Iterator[A]:
        for item in items:
            slots.acquire()
            if stopped.is_set():
                return
            yield item

    try:
        for result in pool.imap(function, fed(), chunksize=_CHUNK):
            slots.release()
            yield result
    finally:  # let the feeding thread end if the results are not all taken
        stopped.set()
        slots.release()
