"""Every figure as CSV, for analysis: one row per figure (long) or one row per report (wide).

Everything is driven by :func:`cells`, so no label or path is spelled out here.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from typing import IO

from ..model import REPORT_CLASSES, Finding, Report, Severity, cells
from ..reading import Reading
from ..rules import validate
from ..wire import figure_text

_HEAD = ("source", "agency", "year", "edition")
_SIGNED = ("signature", "date")
"""The wide CSV's columns of the 落款 and 成文日期 (``YYYY-MM-DD``), empty where a report has none."""

WIDE_COLUMNS = tuple(dict.fromkeys(c.path for cls in REPORT_CLASSES.values() for c in cells(cls)))
"""The value columns of :func:`write_wide`: the 2019 edition's paths, then those only the 2021 edition has."""


def _unpack(item: Report | Reading) -> tuple[str, Report | None, Sequence[Finding]]:
    """Where *item* was read from, its report and its findings: the reader's, and the rules' on the report."""
    if isinstance(item, Reading):
        return item.source or "", item.report, item.findings
    return "", item, validate(item)


def _codes(findings: Iterable[Finding], severity: Severity) -> str:
    return " ".join(sorted({f.rule for f in findings if f.severity is severity}))


Writer = Callable[[Report | Reading], int]
"""Writes the rows of one report or reading; returns how many."""


def long_writer(out: IO[str]) -> Writer:
    """Write the header of the long CSV to *out*; return what writes each report's rows."""
    writer = csv.writer(out)
    writer.writerow((*_HEAD, "path", "label", "value", "derived", "flags"))

    def write(item: Report | Reading) -> int:
        source, report, findings = _unpack(item)
        if report is None:
            return 0
        flagged: dict[str, set[str]] = {}
        for f in findings:
            if f.path and f.severity in (Severity.ERROR, Severity.WARNING):
                flagged.setdefault(f.path, set()).add(f.rule)
        head = (source, report.agency, report.year, report.edition)
        found = cells(type(report))
        for cell in found:
            names = cell.path.split(".")
            flags = {code for n in range(1, len(names) + 1) for code in flagged.get(".".join(names[:n]), ())}
            label = " / ".join(cell.labels)
            derived = "true" if cell.derived else "false"
            writer.writerow((*head, cell.path, label, figure_text(cell.get(report)), derived, " ".join(sorted(flags))))
        return len(found)

    return write


def wide_writer(out: IO[str]) -> Writer:
    """Write the header of the wide CSV to *out*; return what writes each report's row."""
    writer = csv.writer(out)
    writer.writerow((*_HEAD, *_SIGNED, "errors", "warnings", *WIDE_COLUMNS))

    def write(item: Report | Reading) -> int:
        source, report, findings = _unpack(item)
        if report is None:
            return 0
        values = {c.path: figure_text(c.get(report)) for c in cells(type(report))}
        head = (source, report.agency, report.year, report.edition)
        signed = (report.signature or "", report.date.isoformat() if report.date else "")
        codes = (_codes(findings, Severity.ERROR), _codes(findings, Severity.WARNING))
        writer.writerow((*head, *signed, *codes, *(values.get(path, "") for path in WIDE_COLUMNS)))
        return 1

    return write


def write_long(items: Iterable[Report | Reading], out: IO[str]) -> int:
    """Write one CSV row per cell of each report or reading in *items* to *out* (opened with ``newline=""``);
    return the number of rows. ``flags`` lists the error and warning rules whose path is the cell or holds it."""
    return sum(map(long_writer(out), items))


def write_wide(items: Iterable[Report | Reading], out: IO[str]) -> int:
    """Write one CSV row per report or reading in *items* to *out* (opened with ``newline=""``), a column per
    path of :data:`WIDE_COLUMNS` (empty for the other edition's); return the number of rows."""
    return sum(map(wide_writer(out), items))
