"""What reading one input gives, and what a reading collects as it goes."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal

import attrs

from ..model import Finding, Report
from ..rules import Rule


@attrs.frozen
class Reading:
    """What reading one input gave: the report (``None`` when it is not a report of either edition), every
    finding — the reader's, and the rules' on the report (:func:`validate`) — and where in the input each number
    came from (wire path → place)."""

    report: Report | None
    findings: tuple[Finding, ...]
    sources: Mapping[str, str]
    source: str | None = None


@attrs.define
class Notes:
    """What a reading has found so far: its findings, and where in the input each number came from."""

    findings: list[Finding] = attrs.Factory(list)
    sources: dict[str, str] = attrs.Factory(dict)

    def add(
        self,
        rule: Rule,
        path: str | None,
        message: str,
        message_en: str,
        *,
        stated: int | Decimal | None = None,
        expected: int | Decimal | None = None,
    ) -> None:
        """Record a finding of *rule*; a long number or text the messages quote is cut (see :func:`_cut`)."""
        message, message_en = _cut(message, "位"), _cut(message_en, " digits")
        self.findings.append(rule.finding(path, message, message_en, stated=stated, expected=expected))


_LONG_NUMBER = re.compile(r"\d{41,}")
MOST_MESSAGE = 1000
"""The longest message of a reader's finding: a longer one (quoting a huge cell) is cut."""


def _cut(message: str, digits: str) -> str:
    """*message* with a number of over 40 digits shown by its start and length, and cut to
    :data:`MOST_MESSAGE` characters."""
    if _LONG_NUMBER.search(message):
        message = _LONG_NUMBER.sub(lambda m: f"{m[0][:20]}…({len(m[0]):,}{digits})", message)
    return message if len(message) <= MOST_MESSAGE else message[: MOST_MESSAGE - 1] + "…"
