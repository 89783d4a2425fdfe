"""Findings: what validation, loading and reading report, as values."""

from __future__ import annotations

from decimal import Decimal

import attrs

from ._severity import Severity


@attrs.frozen(order=True)
class ReportKey:
    """Which report: the compiling body (编制机关) and the year; a report's own is ``report.key``."""

    agency: str
    year: int

    def __str__(self) -> str:
        return f"{self.agency}{self.year}年"


@attrs.frozen(kw_only=True)
class Finding:
    """One problem, naming the exact cell.

    ``path`` is a wire path such as ``applications.carried_forward.natural_person`` (``None`` for the whole
    report); ``cells`` lists every cell the rule relates; ``stated`` and ``expected`` are the numbers compared;
    ``line`` is the input line, where the input has lines. A finding across reports (consolidation, series)
    lists in ``reports`` the report ``path`` is in, then the others it compares it with.
    """

    rule: str
    severity: Severity
    path: str | None
    message: str
    message_en: str
    stated: int | Decimal | None = None
    expected: int | Decimal | None = None
    cells: tuple[str, ...] = ()
    line: int | None = None
    reports: tuple[ReportKey, ...] = ()

    def __str__(self) -> str:
        where = self.path or "—"
        line = f" (line {self.line})" if self.line is not None else ""
        return f"{self.severity} {self.rule} {where}{line}: {self.message}"


def finding_data(finding: Finding) -> dict[str, object]:
    """*finding* as plain JSON data (numbers as JSON numbers, amounts as decimal strings)."""

    def number(value: int | Decimal | None) -> int | str | None:
        return format(value, "f") if isinstance(value, Decimal) else value

    return {
        "rule": finding.rule,
        "severity": str(finding.severity),
        "path": finding.path,
        "message": finding.message,
        "message_en": finding.message_en,
        "stated": number(finding.stated),
        "expected": number(finding.expected),
        "cells": list(finding.cells),
        "line": finding.line,
        "reports": [{"agency": key.agency, "year": key.year} for key in finding.reports],
    }
