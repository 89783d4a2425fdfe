"""Auditing many reports at once: every file read and checked, in parallel, and each body's years compared.

Results are staged in a temporary SQLite database on disk rather than kept in memory, so memory stays flat
however many files there are: files are read (by several processes with ``jobs``) and staged in order; then
the reports of each body are compared year by year; then the results come back out in file order, each with
the cross-year findings on it.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import pickle
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from typing import Literal

import attrs

from ..model import Edition, Finding, Report, ReportKey, Severity
from ..reading import Reading
from ..rules import X_DUPLICATE, X_UNCHECKED
from ..wire import from_dict, to_dict
from ._files import report_files
from ._gather import died, reading_of
from ._names import join_names
from ._parallel import Budget, Why, ordered_map
from ._series import validate_series
from ._terms import READ_MEMORY, READ_TIMEOUT

AuditStatus = Literal["clean", "warnings", "errors", "unreadable"]
"""What auditing a file found: see :attr:`Audited.status`."""


@attrs.frozen(kw_only=True)
class Audited:
    """What auditing one file gave: which report it is and every finding — its own, and those across its
    body's years. A file without a report says why in its findings."""

    source: str
    key: ReportKey | None
    """The report's body and year; ``None`` when the file holds no report that could be read."""
    edition: Edition | None
    findings: tuple[Finding, ...]

    @property
    def status(self) -> AuditStatus:
        """``unreadable`` (no report could be read), ``errors`` (an error finding), ``warnings`` (a warning, no
        error) or ``clean``."""
        if self.key is None:
            return "unreadable"
        severities = {f.severity for f in self.findings}
        if Severity.ERROR in severities:
            return "errors"
        return "warnings" if Severity.WARNING in severities else "clean"


_SERIES = ("edition", "agency", "year")
"""Besides these, what a staged report keeps for the checks across years: the carry rows of 三 and 二."""


def _series_data(report: Report) -> str:
    """The part of *report* the checks across years compare, as wire JSON (a valid report of its own)."""
    data = to_dict(report)
    applications = data["applications"]
    proactive = {k: v for k, v in data["proactive"].items() if k != "narrative"}
    kept = {"carried_over": applications["carried_over"], "carried_forward": applications["carried_forward"]}
    return json.dumps(
        {
            "schema_version": data["schema_version"],
            **{k: data[k] for k in _SERIES},
            "applications": kept,
            "proactive": proactive,
        },
        ensure_ascii=False,
    )


_Staged = tuple[str, str | None, int | None, str | None, bytes, str | None]
"""source, agency, year, edition, pickled findings, series data."""


def _staged(reading: Reading) -> _Staged:
    """What the audit keeps of a file's reading."""
    name, report, findings = reading.source or "", reading.report, pickle.dumps(reading.findings)
    if report is None:
        return name, None, None, None, findings, None
    return name, report.agency, report.year, report.edition, findings, _series_data(report)


def _audit_file(name: str) -> _Staged:
    """Read and check one file (in a worker process)."""
    return _staged(reading_of(name))


def _died(name: str, why: Why) -> _Staged:
    return _staged(died(name, why))


_SCHEMA = """
PRAGMA cache_size = -2048;  -- KiB: what does not fit goes to the temporary file
CREATE TABLE files (n INTEGER PRIMARY KEY, source BLOB, agency TEXT, body TEXT, year INTEGER, edition TEXT,
                    findings BLOB, series TEXT);
CREATE TABLE across (n INTEGER PRIMARY KEY, findings BLOB);
"""


def _stored(source: str) -> bytes:
    """*source* as the database keeps it: any name, even one that is not UTF-8 (its bytes as surrogate escapes,
    as ``os.fsdecode`` gives them), comes back as it was."""
    return source.encode("utf-8", "surrogatepass")


def _source(stored: bytes) -> str:
    return stored.decode("utf-8", "surrogatepass")


def _stage(db: sqlite3.Connection, staged: Iterable[_Staged], progress: Callable[[], None] | None) -> None:
    """Number the files' results in order and keep them, telling *progress* of each as it comes."""

    def told() -> Iterator[_Staged]:
        for item in staged:
            if progress:
                progress()
            yield item

    rows = (
        (n, _stored(source), agency, agency, year, edition, findings, series)
        for n, (source, agency, year, edition, findings, series) in enumerate(told())
    )
    for batch in iter(lambda: list(itertools.islice(rows, 256)), []):
        db.executemany("INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)", batch)


_Year = tuple[int, int, str, str]
"""A staged report for the checks across years: year, file number, source, series data."""


def _compare_years(db: sqlite3.Connection, jobs: int) -> None:
    """Check each body's years, by *jobs* processes; the findings go on the file of the year they name first."""
    db.execute("CREATE INDEX bodies ON files (body, year, n)")  # read in this order, not sorted in memory
    rows = db.execute("SELECT body, year, n, source, series FROM files WHERE series IS NOT NULL ORDER BY body, year, n")
    bodies = (
        [(year, n, _source(source), series) for _, year, n, source, series in body]
        for _, body in itertools.groupby(rows, key=lambda row: row[0])
    )
    several = (body for body in bodies if len(body) > 1)
    for found in ordered_map(_compare_body, several, jobs=jobs, died=_body_died):
        db.executemany("INSERT INTO across VALUES (?, ?)", found)


def _compare_body(rows: list[_Year]) -> list[tuple[int, bytes]]:
    """The findings across the years of one body's staged reports, by file number."""
    first: dict[int, tuple[int, str]] = {}
    reports = []
    found: list[tuple[int, Finding]] = []
    for year, n, source, series in rows:
        if year in first:
            found.append((n, _duplicate(from_dict(json.loads(series)), first[year][1])))
            continue
        first[year] = (n, source)
        reports.append(from_dict(json.loads(series)))
    found.extend((first[f.reports[0].year][0], f) for f in validate_series(reports))
    return [
        (n, pickle.dumps(tuple(f for _, f in group)))
        for n, group in itertools.groupby(sorted(found, key=lambda item: item[0]), key=lambda item: item[0])
    ]


def _body_died(rows: list[_Year], why: Why) -> list[tuple[int, bytes]]:
    """The finding for a body whose comparing process died, on its last file."""
    _, n, _, series = rows[-1]
    finding = X_UNCHECKED.finding(
        None,
        f"比较各年度报告的进程意外终止，未作比较（{why.zh}）",
        f"the process comparing the years died; they are not compared ({why.en})",
        reports=(from_dict(json.loads(series)).key,),
    )
    return [(n, pickle.dumps((finding,)))]


def _duplicate(report: Report, first: str) -> Finding:
    return X_DUPLICATE.finding(
        None,
        f"与“{first}”是同一机关同一年度的报告，跨年度核对只用前者",
        f"the same body and year as '{first}'; only that file is compared across years",
        reports=(report.key,),
    )


def _results(db: sqlite3.Connection) -> Iterator[Audited]:
    rows = db.execute(
        """SELECT source, agency, year, edition, files.findings, across.findings FROM files
           LEFT JOIN across USING (n) ORDER BY n"""
    )
    for source, agency, year, edition, findings, more in rows:
        yield Audited(
            source=_source(source),
            key=ReportKey(agency, year) if agency is not None else None,
            edition=edition,
            findings=pickle.loads(findings) + (pickle.loads(more) if more else ()),
        )


def audit(
    paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int = 1,
    progress: Callable[[], None] | None = None,
    timeout: float | None = READ_TIMEOUT,
    memory: int | None = READ_MEMORY,
) -> Iterator[Audited]:
    """Audit every report under *paths* (see :func:`report_files`): published reports are read, kept ones
    loaded, each is validated, and the years of each body compared (:func:`validate_series`).

    Yields one :class:`Audited` per file, in the order of :func:`report_files`, once every file has been read
    (the checks across years need them all); *jobs* worker processes (no more than the CPUs or the files) read
    files in parallel, each file within *timeout* seconds and *memory* bytes (``None``: no limit); *progress* is
    called after each file is read. One bad file never stops the run: it comes back with findings that say why.
    """
    budget = Budget(timeout=timeout, memory=memory)
    staged = ordered_map(_audit_file, map(str, report_files(paths)), jobs=jobs, died=_died, budget=budget)
    with contextlib.closing(sqlite3.connect("")) as db:  # "": a private database in a temporary file
        db.executescript(_SCHEMA)
        _stage(db, staged, progress)
        join_names(db)
        _compare_years(db, jobs)
        yield from _results(db)
