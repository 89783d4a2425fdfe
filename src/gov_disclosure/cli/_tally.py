"""What the ``audit`` command prints and writes of each file: its row of the audit table, its JSON line, and the
tally of the whole run."""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from collections.abc import Iterator
from typing import IO

import attrs

from .. import Audited, AuditStatus, Severity, finding_data

COLUMNS = ("source", "status", "agency", "year", "edition", "errors", "warnings", "infos", "rules")
"""The columns of the audit table (``gov-disclosure audit --csv``), one row per file."""


def audited_row(audited: Audited) -> tuple[object, ...]:
    """The row of *audited* in the audit table: counts of findings by severity, and the codes of its errors
    and warnings, each once."""
    key = audited.key
    count = Counter(f.severity for f in audited.findings)
    rules = sorted({f.rule for f in audited.findings if f.severity is not Severity.INFO})
    return (
        audited.source,
        audited.status,
        key.agency if key else "",
        key.year if key else "",
        audited.edition or "",
        count[Severity.ERROR],
        count[Severity.WARNING],
        count[Severity.INFO],
        " ".join(rules),
    )


def audited_data(audited: Audited) -> dict[str, object]:
    """*audited* as plain JSON data (``gov-disclosure audit --json``, one line per file)."""
    key = audited.key
    return {
        "source": audited.source,
        "status": audited.status,
        "agency": key.agency if key else None,
        "year": key.year if key else None,
        "edition": audited.edition,
        "findings": [finding_data(f) for f in audited.findings],
    }


@attrs.define
class Tally:
    """What an audit found, added up: files by status, findings by rule, and the files without a report (kept
    in a temporary file beyond a megabyte, so that memory stays flat however many there are). Use it in a
    ``with`` block, which closes that file."""

    statuses: Counter[AuditStatus] = attrs.Factory(Counter)
    rules: Counter[tuple[str, Severity]] = attrs.Factory(Counter)
    _unreadable: IO[str] = attrs.field(  # closed by __exit__
        factory=lambda: tempfile.SpooledTemporaryFile(max_size=1 << 20, mode="w+", encoding="utf-8")  # noqa: SIM115
    )

    def __enter__(self) -> Tally:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._unreadable.close()

    def add(self, audited: Audited) -> None:
        """Count *audited* in."""
        self.statuses[audited.status] += 1
        self.rules.update((f.rule, f.severity) for f in audited.findings)
        if audited.key is None:
            why = next((f for f in audited.findings if f.severity is Severity.ERROR), None)
            print(json.dumps([audited.source, f"{why.rule} {why.message}" if why else "—"]), file=self._unreadable)

    def unreadable(self) -> Iterator[tuple[str, str]]:
        """Each file without a report, in order, and why: its first error finding."""
        self._unreadable.seek(0)
        for line in self._unreadable:
            source, why = json.loads(line)
            yield source, why


STATUSES: dict[AuditStatus, str] = {
    "clean": "通过 / clean",
    "warnings": "有警告 / warnings",
    "errors": "有错误 / errors",
    "unreadable": "无法读取 / unreadable",
}
"""How the summary names each status."""
