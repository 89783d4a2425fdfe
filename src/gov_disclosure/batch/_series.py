"""Checks across the consecutive years of one body (format spec §7.4): what one year carries forward, the next
carries over."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Iterator

from ..model import (
    APPLICANT_COLUMNS,
    DOCUMENT_ROWS,
    ITEM_ROWS,
    ConsolidationError,
    Finding,
    Report,
    Report2019,
    Report2021,
    labels_at,
    only_reports,
)
from ..rules import X_AGENCY, X_CARRYOVER, X_EDITION, X_GAP, X_IN_FORCE, X_PREVIOUS_ITEMS


def _unnumbered(cls: type, path: str) -> str:
    """The label of the row at *path* without its enumeration: ``二、上年结转…`` → ``上年结转…``."""
    return labels_at(cls, path)[-1].partition("、")[2]


def _carryover(before: Report, after: Report) -> Iterator[Finding]:
    """X-CARRYOVER: 二、上年结转 of *after*, column by column, against 四、结转下年度继续办理 of *before*."""
    for column in APPLICANT_COLUMNS[:-1]:
        forward = getattr(before.applications.carried_forward, column)
        over = getattr(after.applications.carried_over, column)
        if forward != over:
            cls = type(after)
            name = labels_at(cls, f"applications.carried_over.{column}")[-1]
            over_row, forward_row = (
                _unnumbered(cls, f"applications.{row}") for row in ("carried_over", "carried_forward")
            )
            yield X_CARRYOVER.finding(
                f"applications.carried_over.{column}",
                f"“{name}”列：{after.year}年“{over_row}”{over}件，{before.year}年“{forward_row}”{forward}件",
                f"column {column}: {over} carried over in {after.year}, {forward} carried forward in {before.year}",
                stated=over,
                expected=forward,
                cells=(f"applications.carried_over.{column}", f"applications.carried_forward.{column}"),
                reports=(after.key, before.key),
            )


def _in_force(before: Report2021, after: Report2021) -> Iterator[Finding]:
    """X-IN-FORCE: 现行有效件数 against last year's, plus 本年制发件数, minus 本年废止件数."""
    for name in DOCUMENT_ROWS:
        last, this = getattr(before.proactive, name), getattr(after.proactive, name)
        expected = last.in_force + this.issued - this.repealed
        if this.in_force != expected:
            row, in_force, issued, repealed = (
                labels_at(type(after), f"proactive.{name}{column}")[-1]
                for column in ("", ".in_force", ".issued", ".repealed")
            )
            yield X_IN_FORCE.finding(
                f"proactive.{name}.in_force",
                f"“{row}”：{after.year}年{in_force}{this.in_force}，{before.year}年{in_force}{last.in_force}"
                f"加{after.year}年{issued}{this.issued}减{repealed}{this.repealed}为{expected}",
                f"{name}: {this.in_force} in force in {after.year}; {last.in_force} in force in {before.year} "
                f"+ {this.issued} issued - {this.repealed} repealed = {expected}",
                stated=this.in_force,
                expected=expected,
                cells=tuple(f"proactive.{name}.{column}" for column in ("in_force", "issued", "repealed")),
                reports=(after.key, before.key),
            )


def _previous_items(before: Report2019, after: Report2019) -> Iterator[Finding]:
    """X-PREVIOUS-ITEMS: 上一年项目数量 against last year's, plus last year's 本年增/减."""
    for name in ITEM_ROWS:
        last, this = getattr(before.proactive, name), getattr(after.proactive, name)
        expected = last.previous_items + last.change
        if this.previous_items != expected:
            row, previous, change = (
                labels_at(type(after), f"proactive.{name}{column}")[-1] for column in ("", ".previous_items", ".change")
            )
            yield X_PREVIOUS_ITEMS.finding(
                f"proactive.{name}.previous_items",
                f"“{row}”：{after.year}年{previous}{this.previous_items}，{before.year}年{previous}"
                f"{last.previous_items}加{change}{last.change}为{expected}",
                f"{name}: {this.previous_items} previous items in {after.year}; {last.previous_items} in "
                f"{before.year} + change {last.change} = {expected}",
                stated=this.previous_items,
                expected=expected,
                cells=(f"proactive.{name}.previous_items", f"proactive.{name}.change"),
                reports=(after.key, before.key),
            )


def _pair(before: Report, after: Report) -> Iterator[Finding]:
    """The findings between two consecutive years."""
    yield from _carryover(before, after)
    if isinstance(before, Report2021) and isinstance(after, Report2021):
        yield from _in_force(before, after)
    elif isinstance(before, Report2019) and isinstance(after, Report2019):
        yield from _previous_items(before, after)
    else:
        yield X_EDITION.finding(
            "proactive",
            f"{before.year}年使用{before.edition}年版格式、{after.year}年使用{after.edition}年版格式，二不作比较",
            f"{before.year} is in the {before.edition} edition and {after.year} in the {after.edition} edition; "
            "section 2 is not compared",
            reports=(after.key, before.key),
        )


def validate_series(reports: Iterable[Report]) -> list[Finding]:
    """Findings across the consecutive years of one body's *reports* (in any order), each on the later year.

    ``X-CARRYOVER`` for each applicant column; ``X-IN-FORCE`` (2021 edition) and ``X-PREVIOUS-ITEMS`` (2019
    edition) for section 二, which is not compared across the edition switch (``X-EDITION``); ``X-GAP`` where a
    year is missing, and the two years around it are not compared; ``X-AGENCY`` when the reports spell the
    body's name differently (``淮安市洪泽区人民政府`` and ``洪泽区人民政府``): the caller says they are one body.
    Raises :class:`ConsolidationError` for two reports of one year.
    """
    ordered = sorted(only_reports(reports, "validate_series()"), key=lambda r: r.year)
    if twice := sorted(year for year, n in Counter(r.year for r in ordered).items() if n > 1):
        raise ConsolidationError(f"validate_series() takes one report a year of one body, got several for {twice}")
    findings: list[Finding] = []
    if len({r.agency for r in ordered}) > 1:
        named = "、".join(f"{r.year}年“{r.agency}”" for r in ordered)
        findings.append(
            X_AGENCY.finding(
                "agency",
                f"各年度报告的编制机关名称不同，按同一机关比较：{named}",
                "the reports name the body differently and are compared as one body: "
                + ", ".join(f"“{r.agency}” ({r.year})" for r in ordered),
                reports=tuple(r.key for r in reversed(ordered)),
            )
        )
    for before, after in itertools.pairwise(ordered):
        if after.year == before.year + 1:
            findings.extend(_pair(before, after))
            continue
        missing = [str(year) for year in range(before.year + 1, after.year)]
        findings.append(
            X_GAP.finding(
                None,
                f"缺少{'、'.join(missing)}年度报告，{before.year}年与{after.year}年未作比较",
                f"no report for {', '.join(missing)}; {before.year} and {after.year} are not compared",
                reports=(after.key, before.key),
            )
        )
    return findings
