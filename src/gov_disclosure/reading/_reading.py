"""What reading one input gives, and what a reading collects as it goes."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from decimal import Decimal

import attrs

from ..model import Finding, Report
from ..rules import Rule
from ._document import Place


@attrs.frozen
class Reading:
    """What reading one input gave: the report (``None`` when it is not a report of either edition), every
    finding — the reader's, and the rules' on the report (:func:`validate`) — and where in the input each number
    came from (wire path → place, said in English as ``message_en`` says it: ``page 3, table 2, row 9, cell 3``)."""

    report: Report | None
    findings: tuple[Finding, ...]
    sources: Mapping[str, str]
    source: str | None = None


@attrs.define
class Notes:
    """What a reading has found so far: its findings, and where in the input each number came from."""

    findings: list[Finding] = attrs.Factory(list)
    sources: dict[str, Place] = attrs.Factory(dict)

    def add(
        self,
        rule: Rule,
        path: str | None,
        message: str,
        message_en: str,
        *,
        at: Place | None = None,
        stated: int | Decimal | None = None,
        expected: int | Decimal | None = None,
    ) -> None:
        """Record a finding of *rule*, its messages led by the place it is *at*; a long number or text the
        messages quote is cut (see :func:`_cut`)."""
        if at is not None:
            message, message_en = at.lead(message, message_en)
        message, message_en = _cut(message, "位"), _cut(message_en, " digits")
        self.findings.append(rule.finding(path, message, message_en, stated=stated, expected=expected))

    def found(self, finding: Finding, at: Place) -> None:
        """Record a finding of the rules on a cell of the input, its messages led by the place it is *at*."""
        message, message_en = at.lead(finding.message, finding.message_en)
        self.findings.append(attrs.evolve(finding, message=message, message_en=message_en))

    def reading(self, report: Report | None, source: str | None) -> Reading:
        """What the reading gave: *report*, and all that was noted of it."""
        return Reading(report=report, findings=tuple(self.findings), sources=_English(self.sources), source=source)


class _English(Mapping[str, str]):
    """Places by wire path, each said in English only when asked for (most readings never are: an audit reads
    thousands)."""

    __slots__ = ("_places",)

    def __init__(self, places: Mapping[str, Place]) -> None:
        self._places = places

    def __getitem__(self, path: str) -> str:
        return self._places[path].en

    def __iter__(self) -> Iterator[str]:
        return iter(self._places)

    def __len__(self) -> int:
        return len(self._places)

    def __repr__(self) -> str:
        return repr(dict(self))


LONGEST_NUMBER = 40
"""The most digits of a number a message quotes whole."""
_LONG_NUMBER = re.compile(rf"\d{{{LONGEST_NUMBER + 1},}}")
MOST_MESSAGE = 1000
"""The longest message of a reader's finding: a longer one (quoting a huge cell) is cut."""


def _cut(message: str, digits: str) -> str:
    """*message* with a number of over 40 digits shown by its start and length, and cut to
    :data:`MOST_MESSAGE` characters."""
    if len(message) <= LONGEST_NUMBER:  # too short to hold a longer one
        return message
    if _LONG_NUMBER.search(message):
        message = _LONG_NUMBER.sub(lambda m: f"{m[0][:20]}…({len(m[0]):,}{digits})", message)
    return message if len(message) <= MOST_MESSAGE else message[: MOST_MESSAGE - 1] + "…"
