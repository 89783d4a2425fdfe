"""``map`` over many items in several processes: results in order, few items taken ahead so that memory stays
flat, an item whose process dies (a crash, or the system killing it for memory) answered, not waited for, and
each item, if given a budget, kept within its time and memory."""

from __future__ import annotations

import collections
import faulthandler
import itertools
import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import IO, Generic, TypeVar

import attrs

A = TypeVar("A")
T = TypeVar("T")

_CHUNK = 16
"""Items sent to a process at a time (fewer when there are few items, to spread them over the processes)."""
_AHEAD = 8
"""Chunks a process may be given before their results are taken."""
_STOPPED_AFTER = 2
"""An item still running at this many times its time budget has its process stopped: one that did not give up
when interrupted at its budget (a reader deep in C code may not notice)."""
_LONGEST = 1e9
"""The longest time budget, in seconds (some 30 years): the system's timers take no more; ``None`` is none."""


@attrs.frozen
class Why:
    """Why an item was given up, in Chinese and in English."""

    zh: str
    en: str


@attrs.frozen
class Budget:
    """What each item may take in its worker process: *timeout* seconds, and *memory* bytes of address space
    beyond the process's size when it starts (Linux: ``RLIMIT_AS``); ``None`` for no limit."""

    timeout: float | None
    memory: int | None

    def __attrs_post_init__(self) -> None:
        if self.timeout is not None and not 0 < self.timeout <= _LONGEST:
            raise ValueError(
                f"timeout must be more than 0 and at most {_LONGEST:g} seconds, or None; got {self.timeout}"
            )
        if self.memory is not None and not self.memory > 0:
            raise ValueError(f"memory must be more than 0 bytes, or None; got {self.memory}")

    def over_time(self) -> Why:
        """Why an item over its time is given up."""
        limit = f"{self.timeout:g}"
        return Why(f"未能在限定的{limit}秒内完成", f"it was not done within its time budget of {limit} s")

    def out_of_memory(self) -> Why:
        """Why an item that ran out of memory is given up."""
        mib = f"{self.memory / 2**20:,.0f}" if self.memory else ""
        return Why(
            f"内存不足（限额{mib} MiB）" if mib else "内存不足",
            f"it ran out of memory (its budget: {mib} MiB)" if mib else "it ran out of memory",
        )


@attrs.frozen
class _Over:
    """In place of an item's result: why it went over its budget."""

    why: Why


class _OverTime(BaseException):
    """Raised in a worker when its item's time is up: not an ``Exception``, which the readers catch."""


def _time_up(signum: int, frame: object) -> None:
    raise _OverTime


def _start(budget: Budget | None) -> None:
    """In a worker: leave Ctrl-C to the main process, which stops the workers; take on *budget*."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if budget is not None:
        signal.signal(signal.SIGALRM, _time_up)
        if budget.memory is not None:
            _limit_memory(budget.memory)


def _limit_memory(memory: int) -> None:
    """Let this process's address space grow by *memory* bytes at most, where it can be measured (Linux)."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            size = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return
    import resource  # POSIX only, as is this process's size: imported here so the package imports anywhere

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = min([size + memory, *(n for n in (soft, hard) if n != resource.RLIM_INFINITY)])
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _within(budget: Budget, function: Callable[[A], T], item: A, nowhere: IO[str]) -> T | _Over:
    """``function(item)`` in a worker, interrupted when its time is up, or why it went over *budget*."""
    try:
        if budget.timeout is not None:
            signal.setitimer(signal.ITIMER_REAL, budget.timeout)
            faulthandler.dump_traceback_later(budget.timeout * _STOPPED_AFTER, exit=True, file=nowhere)
        try:
            return function(item)
        finally:  # an alarm that goes off in here is still caught below
            signal.setitimer(signal.ITIMER_REAL, 0)
            faulthandler.cancel_dump_traceback_later()
    except _OverTime:
        return _Over(budget.over_time())
    except MemoryError:
        return _Over(budget.out_of_memory())


def _apply(function: Callable[[A], T], chunk: list[A], budget: Budget | None) -> list[T | _Over]:
    if budget is None:
        return [function(item) for item in chunk]
    with open(os.devnull, "w") as nowhere:  # where the tracebacks of a stopped process go
        return [_within(budget, function, item, nowhere) for item in chunk]


def _cpus() -> int:
    """The CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


class _Workers(Generic[A, T]):
    """A process pool that is started again when one of its processes dies."""

    def __init__(
        self, function: Callable[[A], T], jobs: int, budget: Budget | None, died: Callable[[A, Why], T]
    ) -> None:
        self.function, self.jobs, self.budget, self.died = function, jobs, budget, died
        self.pool = self._pool()

    def _pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.jobs, initializer=_start, initargs=(self.budget,))

    def submit(self, chunk: list[A]) -> Future[list[T | _Over]]:
        """The results of *chunk*, to come; a pool already broken gives a future that says so."""
        try:
            return self.pool.submit(_apply, self.function, chunk, self.budget)
        except BrokenProcessPool as exc:
            broken: Future[list[T | _Over]] = Future()
            broken.set_exception(exc)
            return broken

    def restart(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._pool()

    def answers(self, chunk: list[A], results: list[T | _Over]) -> list[T]:
        """*results* of *chunk*, an item over its budget answered by ``died``."""
        return [self.died(item, r.why) if isinstance(r, _Over) else r for item, r in zip(chunk, results, strict=True)]

    def alone(self, item: A) -> T:
        """The result of *item* in a process of its own making; ``died(item, why)`` if that process dies. A
        process that dies once the item's time is up was stopped for it."""
        start = time.monotonic()
        try:
            return self.answers([item], self.submit([item]).result())[0]
        except BrokenProcessPool as exc:
            self.restart()
            budget = self.budget
            if budget and budget.timeout is not None and time.monotonic() - start >= budget.timeout:
                return self.died(item, budget.over_time())
            return self.died(item, Why(f"其进程意外终止（“{exc}”）", f"its process died: {exc}"))


def ordered_map(
    function: Callable[[A], T],
    items: Iterable[A],
    *,
    jobs: int,
    died: Callable[[A, Why], T],
    budget: Budget | None = None,
) -> Iterator[T]:
    """``map(function, items)`` run by *jobs* processes at most, and no more than the CPUs or the items (by this
    process for 1 without a *budget*). An item whose process dies, or that goes over *budget*, gives
    ``died(item, why)`` in its place; the others are done again in new processes."""
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    source = iter(items)
    if jobs == 1 and budget is None:
        yield from map(function, source)
        return
    most = min(jobs, _cpus())
    ahead = list(itertools.islice(source, _AHEAD * _CHUNK * most))
    if not ahead:
        return
    processes = min(most, len(ahead))
    size = min(_CHUNK, -(-len(ahead) // (_AHEAD * processes)))  # all the items known: spread over the processes
    rest = itertools.chain(ahead, source)
    chunks = iter(lambda: list(itertools.islice(rest, size)), [])
    workers = _Workers(function, processes, budget, died)
    try:
        pending = collections.deque((c, workers.submit(c)) for c in itertools.islice(chunks, _AHEAD * processes))
        while pending:
            chunk, future = pending.popleft()
            try:
                results = workers.answers(chunk, future.result())
            except BrokenProcessPool:  # which item killed it is not known: each of the chunk alone, then the rest
                workers.restart()
                results = [workers.alone(item) for item in chunk]
                pending = collections.deque((c, workers.submit(c)) for c, _ in pending)
            yield from results
            for more in itertools.islice(chunks, 1):
                pending.append((more, workers.submit(more)))
    finally:
        workers.pool.shutdown(wait=True, cancel_futures=True)
