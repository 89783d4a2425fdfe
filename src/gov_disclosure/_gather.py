"""Finding report files under folders and reading them in bulk: a reading for every file, whatever it holds."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ._errors import LoadError, ReadError
from ._findings import Finding
from ._io import EXTENSIONS, load
from ._parallel import ordered_map
from ._read import SUFFIXES, Reading, read
from ._rules import READ_FILE, validate

PUBLISHED = tuple(SUFFIXES)
"""Suffixes of the published reports the readers take."""
KEPT = tuple(EXTENSIONS)
"""Suffixes of reports kept in the wire format."""


def report_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Every report file under *paths* in a fixed order: each path as given, a folder's files by name, depth
    first. Names starting with ``.``, links to folders and anything but regular files are passed over; a path
    that does not exist, or a folder or entry that cannot be looked at, is yielded as it is (and is reported as
    unreadable)."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from _walk(path)
        else:
            yield path


def _walk(folder: Path) -> Iterator[Path]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        yield folder
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_folder, is_file = entry.is_dir(follow_symlinks=False), entry.is_file()
        except OSError:
            yield Path(entry.path)
            continue
        if is_folder:
            yield from _walk(Path(entry.path))
        elif is_file and entry.name.lower().endswith(PUBLISHED + KEPT):
            yield Path(entry.path)


def reading_of(name: str) -> Reading:
    """One file as a :class:`Reading`: a published report read, a kept one loaded; one that cannot be read
    gives no report and a finding that says why."""
    path, source = Path(name), name
    try:
        if path.suffix.lower() in KEPT:
            return Reading(report=load(path), findings=(), sources={}, source=source)
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


def checked(reading: Reading) -> tuple[Finding, ...]:
    """Every finding of *reading*: the reader's, and the rules' on its report."""
    return (*reading.findings, *(validate(reading.report) if reading.report else ()))


def read_files(paths: Iterable[str | os.PathLike[str]], *, jobs: int = 1) -> Iterator[Reading]:
    """A :class:`Reading` of every report file under *paths* (see :func:`report_files`), in order, read by
    *jobs* processes. A file that cannot be read — even one whose reading process dies — gives a reading
    without a report and with a ``READ-FILE`` (or, for a kept report, ``LOAD-*``) finding; the run goes on."""
    return ordered_map(reading_of, map(str, report_files(paths)), jobs=jobs, died=died)
