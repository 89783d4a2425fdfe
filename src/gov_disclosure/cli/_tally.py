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


Listed = tuple[str, dict[Severity, int], tuple[str, str, str] | None]
"""A file the summary names: its source, its findings counted by severity, and its first error finding (rule,
message, English message), if any."""


@attrs.define
class Tally:
    """What an audit found, added up: files by status, findings by severity and by rule, and the files with errors
    and those without a report (kept in a temporary file beyond a megabyte, so that memory stays flat however many
    there are). Use it in a ``with`` block, which closes that file."""

    statuses: Counter[AuditStatus] = attrs.Factory(Counter)
    severities: Counter[Severity] = attrs.Factory(Counter)
    rules: Counter[tuple[str, Severity]] = attrs.Factory(Counter)
    _listed: IO[str] = attrs.field(  # closed by __exit__
        factory=lambda: tempfile.SpooledTemporaryFile(max_size=1 << 20, mode="w+", encoding="utf-8")  # noqa: SIM115
    )

    def __enter__(self) -> Tally:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._listed.close()

    def add(self, audited: Audited) -> None:
        """Count *audited* in."""
        self.statuses[audited.status] += 1
        counts = Counter(f.severity for f in audited.findings)
        self.severities.update(counts)
        self.rules.update((f.rule, f.severity) for f in audited.findings)
        if audited.status in ("errors", "unreadable"):
            why = next((f for f in audited.findings if f.severity is Severity.ERROR), None)
            first = [why.rule, why.message, why.message_en] if why else None
            line = [audited.status, audited.source, [counts[s] for s in Severity], first]
            print(json.dumps(line), file=self._listed)  # ASCII: a name that is not UTF-8 is kept too

    def listed(self, status: AuditStatus) -> Iterator[Listed]:
        """Each file of *status* (``errors`` or ``unreadable``), in order."""
        self._listed.seek(0)
        for line in self._listed:
            found, source, counts, first = json.loads(line)
            if found == status:
                yield source, dict(zip(Severity, counts, strict=True)), tuple(first) if first else None


STATUSES: dict[AuditStatus, tuple[str, str]] = {
    "clean": ("通过", "clean"),
    "warnings": ("有警告", "warnings"),
    "errors": ("有错误", "errors"),
    "unreadable": ("未能读出报告", "no report"),
}
"""How the summary names each status."""
