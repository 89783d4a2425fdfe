"""Consolidation (汇总): a report that adds up the reports of subordinate bodies, and the check of a published
consolidated report against the reports it adds up."""

from __future__ import annotations

import datetime
import decimal
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from ..model import (
    FIGURES,
    Cell,
    ConsolidationError,
    Edition,
    Finding,
    Kind,
    Narrative,
    R,
    Report,
    Report2019,
    ReportKey,
    cells,
    only_reports,
    parts,
)
from ..rules import PARENT_MISSING, PARENT_SUM, PARENT_UNNAMED
from ..wire import figure_text

_UNITS_EN = {"元": " yuan", "万元": " × 10,000 yuan"}
"""The units of an amount, as an English message writes them after the figure."""

_NO_TEXT = Narrative()

_STATED_BY_CALLER = frozenset((Kind.TEXT, Kind.YEAR, Kind.DATE, Kind.NARRATIVE, Kind.NAMES))
_EXACT = decimal.Context(
    prec=200, traps=[decimal.Inexact, decimal.InvalidOperation, decimal.Overflow, decimal.DivisionByZero]
)
"""Amounts are added exactly; a sum that would need more than 200 digits is refused rather than rounded."""


def _refuse_mixed(reports: Sequence[Report], what: str, *, year: int, edition: Edition | None = None) -> None:
    """Raise :class:`ConsolidationError` naming every report not for *year*, not of *edition* (of one edition,
    when *edition* is ``None``) or from a body given twice."""
    problems = []
    if wrong_year := [str(r.key) for r in reports if r.year != year]:
        problems.append(f"not for {year}: {', '.join(wrong_year)}")
    editions = {r.edition for r in reports} if edition is None else {edition}
    if len(editions) > 1:
        for each in sorted(editions):
            problems.append(f"{each} edition: {', '.join(str(r.key) for r in reports if r.edition == each)}")
    elif wrong_edition := [f"{r.key} ({r.edition} edition)" for r in reports if r.edition not in editions]:
        problems.append(f"not in the {edition} edition: {', '.join(wrong_edition)}")
    if twice := [agency for agency, n in Counter(r.agency for r in reports).items() if n > 1]:
        problems.append(f"more than one report from {', '.join(twice)}")
    if problems:
        raise ConsolidationError(f"{what} takes reports of one edition and year, one per body; " + "; ".join(problems))


def _in_one_unit(reports: Sequence[R]) -> list[R]:
    """*reports* with their 2019 procurement amounts in 元 when they do not all state them in one unit."""
    if len({r.proactive.procurement.unit for r in reports if isinstance(r, Report2019)}) <= 1:
        return list(reports)
    return [
        attrs.evolve(r, proactive=attrs.evolve(r.proactive, procurement=r.proactive.procurement.in_yuan()))
        if isinstance(r, Report2019)
        else r
        for r in reports
    ]


def _add(cls: Any, rows: Sequence[Any], given: dict[str, Any]) -> Any:
    """A *cls* whose every figure is the sum of *rows*' (``None`` where any row leaves it unstated), with the
    values *given* as they are."""
    values = dict(given)
    for p in parts(cls):
        if p.derived or p.name in values or p.kind in _STATED_BY_CALLER:
            continue
        items = [getattr(row, p.name) for row in rows]
        if p.kind is Kind.PART:
            values[p.name] = _add(type(items[0]), items, {})
        elif p.kind is Kind.UNIT:
            values[p.name] = items[0]  # one unit: see _in_one_unit
        else:
            values[p.name] = None if any(item is None for item in items) else sum(items[1:], items[0])
    return cls(**values)


def _sum(cls: type[R], reports: Sequence[R], given: dict[str, Any]) -> R:
    if not reports:
        return cls(**given)
    try:
        with decimal.localcontext(_EXACT):
            total: R = _add(cls, reports, given)
    except decimal.Inexact:
        raise ConsolidationError("an amount has too many digits to be added exactly") from None
    except ValueError as error:  # a sum past MOST_COUNT or MOST_MONEY
        raise ConsolidationError(f"a sum is more than a report may hold: {error}") from None
    return total


def aggregate(
    reports: Iterable[R],
    *,
    agency: str,
    year: int,
    title: str | None = None,
    signature: str | None = None,
    date: datetime.date | None = None,
    preamble: Narrative = _NO_TEXT,
    overview: Narrative = _NO_TEXT,
    problems_and_improvements: Narrative = _NO_TEXT,
    other_matters: Narrative = _NO_TEXT,
) -> R:
    """The consolidated report of *agency* for *year*: every count and amount the sum of *reports*'.

    The reports must share the edition and the year, one per body; their bodies are recorded, sorted, in
    ``consolidated_from``, so the result does not depend on their order. 2019 本年增/减 add up signed; 2019
    procurement amounts in different units are added in 元; a 信息处理费 figure any report leaves unstated is
    unstated in the sum. The narrative, the 落款 (*signature*) and the 成文日期 (*date*) are the caller's, never
    taken from *reports*. Raises :class:`ConsolidationError`.
    """
    inputs = only_reports(reports, "aggregate()")
    if not inputs:
        raise ConsolidationError("aggregate() needs at least one report")
    _refuse_mixed(inputs, "aggregate()", year=year)
    given = {
        "agency": agency,
        "year": year,
        "title": title,
        "signature": signature,
        "date": date,
        "consolidated_from": tuple(sorted(r.agency for r in inputs)),
        "preamble": preamble,
        "overview": overview,
        "problems_and_improvements": problems_and_improvements,
        "other_matters": other_matters,
    }
    return _sum(type(inputs[0]), _in_one_unit(inputs), given)


def _label(cell: Cell) -> str:
    return "／".join(cell.labels)


def validate_parent(
    parent: Report, children: Iterable[Report], *, expected: Iterable[str] | None = None
) -> list[Finding]:
    """Findings for every figure of the consolidated report *parent* that differs from the sum of *children*
    (``PARENT-SUM``: stated, computed, and the children that contribute), and for the bodies *expected* —
    by default those *parent* names in ``consolidated_from`` — whose report is missing (``PARENT-MISSING``) or
    that are not expected (``PARENT-UNNAMED``). A figure some child leaves unstated is not compared.
    """
    [parent] = only_reports([parent], "validate_parent()")
    kids = only_reports(children, "validate_parent()")
    if not kids:
        raise ConsolidationError("validate_parent() needs the reports of the children to add up; none was given")
    _refuse_mixed(kids, "validate_parent()", year=parent.year, edition=parent.edition)
    names = parent.consolidated_from if expected is None else tuple(expected)
    findings = []
    if names:
        given = {kid.agency for kid in kids}
        for name in names:
            if name not in given:
                findings.append(
                    PARENT_MISSING.finding(
                        None,
                        f"汇总报告列有“{name}”，但未提供其{parent.year}年度报告",
                        f"the consolidated report names “{name}”, whose {parent.year} report is not given",
                        reports=(parent.key, ReportKey(name, parent.year)),
                    )
                )
        findings.extend(
            PARENT_UNNAMED.finding(
                None,
                f"“{kid.agency}”的报告不在汇总报告所列机关之中",
                f"“{kid.agency}” is not among the bodies the consolidated report names",
                reports=(parent.key, kid.key),
            )
            for kid in kids
            if kid.agency not in names
        )
    stated_parent, *added = _in_one_unit([parent, *kids])
    total = _sum(type(parent), added, {"agency": parent.agency, "year": parent.year})
    units = {c.path.rpartition(".")[0]: c.get for c in cells(type(parent)) if c.kind is Kind.UNIT}
    for cell in cells(type(parent)):
        if cell.derived or cell.kind not in FIGURES:
            continue
        stated, summed = cell.get(stated_parent), cell.get(total)
        if stated is None or summed is None or stated == summed:
            continue
        unit = units[row](stated_parent) if (row := cell.path.rpartition(".")[0]) in units else ""
        unit_en = _UNITS_EN.get(unit, "")
        contributions = [(kid.key, value) for kid in added if (value := cell.get(kid))]
        shown = "；".join(f"{key.agency}：{figure_text(value)}{unit}" for key, value in contributions) or "均为0"
        findings.append(
            PARENT_SUM.finding(
                cell.path,
                f"“{_label(cell)}”：汇总报告为{figure_text(stated)}{unit}，下级报告之和为{figure_text(summed)}{unit}（{shown}）",
                f"{cell.path}: the consolidated report states {figure_text(stated)}{unit_en}, "
                f"its children add up to {figure_text(summed)}{unit_en}",
                stated=stated,
                expected=summed,
                cells=(cell.path,),
                reports=(parent.key, *(key for key, _ in contributions)),
            )
        )
    return findings
