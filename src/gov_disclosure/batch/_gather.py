"""Reading files in bulk: a reading for every file, whatever it holds, and a run that never stops on one."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..model import ReadError
from ..reading import Reading, read
from ..rules import READ_FILE
from ._files import report_files
from ._parallel import Budget, Why, ordered_map
from ._terms import READ_MEMORY, READ_TIMEOUT


def reading_of(name: str) -> Reading:
    """One file as a :class:`Reading` (see :func:`read`): a published report read, a kept one loaded, each
    validated; one that cannot be read gives no report and a finding that says why."""
    try:
        return read(Path(name))
    except MemoryError:  # over the memory budget: the process reading it says so
        raise
    except ReadError as exc:  # says itself what could not be done: "无法读取文件：文件不存在", "无法按 Word 文档读取…"
        return _unread(name, Why(exc.message, exc.message_en))
    except Exception as exc:  # one bad file never stops a run: it is reported with what went wrong
        said = f"{type(exc).__name__}: {exc}"
        return died(name, Why(f"读取时出错（“{said}”）", said))


def died(source: str, why: Why) -> Reading:
    """The reading of a file that could not be read to its end — its reading process dead, over its budget, or
    its reader failing — as *why* says: no report, and a ``READ-FILE`` finding saying why."""
    return _unread(source, Why(f"无法读取文件：{why.zh}", f"the file cannot be read: {why.en}"))


def _unread(source: str, why: Why) -> Reading:
    """No report from *source*, and a ``READ-FILE`` finding saying *why* (the reading names the file)."""
    finding = READ_FILE.finding(None, why.zh, why.en)
    return Reading(report=None, findings=(finding,), sources={}, source=source)


def read_files(
    paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int = 1,
    timeout: float | None = READ_TIMEOUT,
    memory: int | None = READ_MEMORY,
) -> Iterator[Reading]:
    """A :class:`Reading` of every report file under *paths* (see :func:`report_files`), in order, read by
    *jobs* worker processes (no more than the CPUs or the files), each file within *timeout* seconds and
    *memory* bytes (``None``: no limit). A file that cannot be read — one whose process dies, or over its
    budget — gives a reading without a report and with a ``READ-FILE`` (or, for a kept report, ``LOAD-*``)
    finding; the run goes on."""
    budget = Budget(timeout=timeout, memory=memory)
    return ordered_map(reading_of, map(str, report_files(paths)), jobs=jobs, died=died, budget=budget)
