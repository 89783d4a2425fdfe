"""The rules found by :func:`validate`: each a plain function of one report that yields findings."""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator
from typing import Any

from ..model import (
    APPLICANT_COLUMNS,
    DOCUMENT_ROWS,
    ITEM_ROWS,
    Edition,
    Finding,
    Report,
    Report2019,
    Report2021,
    ReportInvalidError,
    Severity,
    labels_at,
    printed_date,
)
from ._catalogue import (
    BOTH,
    DATE_RANGE,
    EDITION_YEAR,
    FEES_NOTICES,
    FEES_UNPAID_WITHOUT_NOTICE,
    T2_IN_FORCE,
    T2_NEGATIVE_ITEMS,
    T3_BALANCE,
    Rule,
)
from ._identities import balance, imbalances

Check = Callable[[Any], Iterator[Finding]]


def label(report: Report, path: str) -> str:
    """The innermost statutory label of the cell at *path*."""
    return labels_at(type(report), path)[-1]


_LEAVES = operator.attrgetter(*APPLICANT_COLUMNS[:-1])
"""The six applicant columns of a row of section 三, without the derived 总计."""


def _balance(report: Report) -> Iterator[Finding]:
    applications = report.applications
    four = (applications.received, applications.carried_over, applications.outcomes.total, applications.carried_forward)
    rows = [_LEAVES(row) for row in four]
    if imbalances(*rows):  # the 总计 column balances when the six do: it is looked at only when one does not
        rows = [(*row, sum(row)) for row in rows]
        for n in imbalances(*rows):
            yield balance(type(report), APPLICANT_COLUMNS[n], *(row[n] for row in rows))


def _edition_year(report: Report2019) -> Iterator[Finding]:
    if report.year >= 2021:
        yield EDITION_YEAR.finding(
            "year",
            f"{report.year}年度报告使用了2019年版格式，2021年度起应使用国办公开办函〔2021〕30号格式",
            f"a report for {report.year} in the 2019 format; reports from 2021 on use the 2021 format",
        )


def _negative_items(report: Report2019) -> Iterator[Finding]:
    for name in ITEM_ROWS:
        row = getattr(report.proactive, name)
        if row.previous_items + row.change < 0:
            previous, change = (label(report, f"proactive.{name}.{c}") for c in ("previous_items", "change"))
            yield T2_NEGATIVE_ITEMS.finding(
                f"proactive.{name}.change",
                f"“{label(report, f'proactive.{name}')}”：{previous}（{row.previous_items}）"
                f"加{change}（{row.change}）为{row.previous_items + row.change}，项目数量不能为负",
                f"{name}: previous items {row.previous_items} + change {row.change} is negative",
                stated=row.change,
                cells=(f"proactive.{name}.previous_items", f"proactive.{name}.change"),
            )


def _in_force(report: Report2021) -> Iterator[Finding]:
    for name in DOCUMENT_ROWS:
        row = getattr(report.proactive, name)
        if row.in_force < row.issued - row.repealed:
            in_force, issued, repealed = (
                label(report, f"proactive.{name}.{c}") for c in ("in_force", "issued", "repealed")
            )
            yield T2_IN_FORCE.finding(
                f"proactive.{name}.in_force",
                f"“{label(report, f'proactive.{name}')}”：{in_force}（{row.in_force}）少于"
                f"{issued}（{row.issued}）减{repealed}（{row.repealed}）",
                f"{name}: {row.in_force} in force, fewer than {row.issued} issued - {row.repealed} repealed",
                stated=row.in_force,
                expected=row.issued - row.repealed,
                cells=tuple(f"proactive.{name}.{column}" for column in ("issued", "repealed", "in_force")),
            )


def _unpaid_without_notice(report: Report2021) -> Iterator[Finding]:
    if report.fees.notices == 0 and (unpaid := report.applications.outcomes.other.fee_unpaid.total):
        yield FEES_UNPAID_WITHOUT_NOTICE.finding(
            "fees.notices",
            f"有{unpaid}件申请因逾期未按收费通知要求缴纳费用不再处理，但{label(report, 'fees.notices')}为0",
            f"{unpaid} application(s) dropped for unpaid fees, but 0 fee notices issued",
            stated=0,
            cells=("applications.outcomes.other.fee_unpaid.total", "fees.notices"),
        )


def _fee_notices(report: Report2021) -> Iterator[Finding]:
    fees = report.fees
    if fees.notices is None:
        return
    amounts = ("notice_amount_yuan", "collected_yuan") if fees.notices == 0 else ("notice_amount_yuan",)
    for name in amounts:  # notices with nothing collected are unpaid notices: 三（六）2 counts those
        amount = getattr(fees, name)
        if amount is not None and (fees.notices == 0) != (amount == 0):
            yield FEES_NOTICES.finding(
                f"fees.{name}",
                f"{label(report, 'fees.notices')}为{fees.notices}，但{label(report, f'fees.{name}')}为{amount}",
                f"{fees.notices} fee notice(s), but {name} is {amount}",
                stated=amount,
                cells=("fees.notices", f"fees.{name}"),
            )


def _date_range(report: Report) -> Iterator[Finding]:
    """The 成文日期 of a report for year Y falls after Y ends (its figures are the whole year's) and within Y + 1:
    the statute has it published by 1月31日 (a department) or 3月31日 (a government) of Y + 1, and a later day is
    most often a mistyped year."""
    if report.date is not None and not report.year < report.date.year <= report.year + 1:
        yield DATE_RANGE.finding(
            "date",
            f"成文日期{printed_date(report.date)}不在{report.year}年度结束后的一年内（{report.year + 1}年）",
            f"the date of writing {report.date.isoformat()} is not within {report.year + 1}, "
            "the year after the report's",
        )


_RULES: tuple[tuple[Rule, Check], ...] = (
    (T3_BALANCE, _balance),
    (EDITION_YEAR, _edition_year),
    (T2_NEGATIVE_ITEMS, _negative_items),
    (T2_IN_FORCE, _in_force),
    (FEES_UNPAID_WITHOUT_NOTICE, _unpaid_without_notice),
    (FEES_NOTICES, _fee_notices),
    (DATE_RANGE, _date_range),
)
_REPORTS = (Report2019, Report2021)
_CHECKS: dict[Edition, tuple[Check, ...]] = {
    edition: tuple(check for rule, check in _RULES if edition in rule.editions) for edition in BOTH
}


def validate(report: Report) -> list[Finding]:
    """Every finding of the catalogue's rules for *report*, errors and warnings alike."""
    if not isinstance(report, _REPORTS):
        raise TypeError(f"validate() takes a Report2019 or Report2021, got {type(report).__name__}")
    return [finding for check in _CHECKS[report.edition] for finding in check(report)]


def check(report: Report) -> None:
    """Raise :class:`ReportInvalidError` carrying every finding if *report* has a finding of severity error."""
    findings = validate(report)
    if any(f.severity is Severity.ERROR for f in findings):
        raise ReportInvalidError(findings)
