"""Reading files in bulk: a reading for every file, whatever it holds, and a run that never stops on one."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..model import LoadError, ReadError
from ..reading import Reading, read
from ..rules import READ_FILE, validate
from ..wire import EXTENSIONS, load
from ._files import report_files
from ._parallel import ordered_map


def reading_of(name: str) -> Reading:
    """One file as a :class:`Reading`: a published report read, a kept one loaded; one that cannot be read
    gives no report and a finding that says why."""
    path, source = Path(name), name
    try:
        if path.suffix.lower() in EXTENSIONS:
            report = load(path)
            return Reading(report=report, findings=tuple(validate(report)), sources={}, source=source)
        return read(path)
    except LoadError as exc:
        return Reading(report=None, findings=exc.findings, sources={}, source=source)
    except ReadError as exc:
        reason = str(exc)
    except Exception as exc:  # one bad file never stops a run: it is reported with what went wrong
        reason = f"{source}: {type(exc).__name__}: {exc}"
    return unread(source, reason)


def unread(source: str, reason: str) -> Reading:
    """The reading of a file that cannot be read at all: no report, and a ``READ-FILE`` finding saying why."""
    finding = READ_FILE.finding(None, f"无法读取文件：{reason}", f"the file cannot be read: {reason}")
    return Reading(report=None, findings=(finding,), sources={}, source=source)


def died(source: str, why: str) -> Reading:
    """The reading of a file whose reading process died."""
    return unread(source, f"{source}: the process reading it died ({why})")


def read_files(paths: Iterable[str | os.PathLike[str]], *, jobs: int = 1) -> Iterator[Reading]:
    """A :class:`Reading` of every report file under *paths* (see :func:`report_files`), in order, read by
    *jobs* processes. A file that cannot be read — even one whose reading process dies — gives a reading
    without a report and with a ``READ-FILE`` (or, for a kept report, ``LOAD-*``) finding; the run goes on."""
    return ordered_map(reading_of, map(str, report_files(paths)), jobs=jobs, died=died)
