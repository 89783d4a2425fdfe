"""The rules of the format, as a catalogue with stable codes (format spec §7, §14).

Each rule is a plain function of one report that yields findings; rules without a function are found where
totals are stated or text is parsed (loading and reading). ``validate`` runs the catalogue.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import attrs

from ._applications import APPLICANT_COLUMNS
from ._errors import ReportInvalid
from ._fields import labels_at
from ._findings import Finding, ReportKey, Severity
from ._proactive import DOCUMENT_ROWS, ITEM_ROWS
from ._report import Edition, Report, Report2019, Report2021

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
BOTH: tuple[Edition, ...] = ("2019", "2021")

Check = Callable[[Any], Iterator[Finding]]


@attrs.frozen(kw_only=True)
class Rule:
    """A rule of the catalogue: its stable ``code``, ``severity``, what it says, and how it is checked."""

    code: str
    severity: Severity
    summary: str
    summary_en: str
    editions: tuple[Edition, ...] = BOTH
    check: Check | None = attrs.field(default=None, repr=False, eq=False)

    def finding(
        self,
        path: str | None,
        message: str,
        message_en: str,
        *,
        stated: int | Decimal | None = None,
        expected: int | Decimal | None = None,
        cells: tuple[str, ...] = (),
        line: int | None = None,
        reports: tuple[ReportKey, ...] = (),
    ) -> Finding:
        """A finding of this rule."""
        return Finding(
            rule=self.code,
            severity=self.severity,
            path=path,
            message=message,
            message_en=message_en,
            stated=stated,
            expected=expected,
            cells=cells,
            line=line,
            reports=reports,
        )


RULES: list[Rule] = []
"""Every rule, in the order the documentation lists them."""


def _declare(
    code: str,
    severity: Severity,
    summary: str,
    summary_en: str,
    editions: tuple[Edition, ...] = BOTH,
    check: Check | None = None,
) -> Rule:
    rule = Rule(code=code, severity=severity, summary=summary, summary_en=summary_en, editions=editions, check=check)
    RULES.append(rule)
    return rule


def _rule(
    code: str, severity: Severity, summary: str, summary_en: str, editions: tuple[Edition, ...] = BOTH
) -> Callable[[Check], Rule]:
    return lambda check: _declare(code, severity, summary, summary_en, editions, check)


def label(report: Report, path: str) -> str:
    """The innermost statutory label of the cell at *path*."""
    return labels_at(type(report), path)[-1]


_BALANCE_ROWS = ("received", "carried_over", "outcomes.total", "carried_forward")


@_rule(
    "T3-BALANCE",
    ERROR,
    "每列：一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理",
    "per column of 三: received + carried over = outcomes total + carried forward",
)
def T3_BALANCE(report: Report) -> Iterator[Finding]:
    applications = report.applications
    outcomes = applications.outcomes.total
    for column in APPLICANT_COLUMNS:
        received = getattr(applications.received, column)
        carried_over = getattr(applications.carried_over, column)
        processed = getattr(outcomes, column)
        carried_forward = getattr(applications.carried_forward, column)
        if received + carried_over == processed + carried_forward:
            continue
        name = label(report, f"applications.received.{column}")
        yield T3_BALANCE.finding(
            f"applications.carried_forward.{column}",
            f"“{name}”列：第一项（{received}）加第二项（{carried_over}）之和为{received + carried_over}，"
            f"不等于第三项（七）总计（{processed}）加第四项（{carried_forward}）之和{processed + carried_forward}",
            f"column {column}: received {received} + carried over {carried_over} = {received + carried_over}, "
            f"but outcomes total {processed} + carried forward {carried_forward} = {processed + carried_forward}",
            stated=processed + carried_forward,
            expected=received + carried_over,
            cells=tuple(f"applications.{row}.{column}" for row in _BALANCE_ROWS),
        )


T3_STATED_ROW_TOTAL = _declare(
    "T3-STATED-ROW-TOTAL",
    ERROR,
    "三：所填总计与六类申请人之和不符",
    "三: a stated 总计 differs from the sum of the six applicant columns",
)
T3_STATED_OUTCOME_TOTAL = _declare(
    "T3-STATED-OUTCOME-TOTAL",
    ERROR,
    "三：所填（七）总计与各办理结果之和不符",
    "三: a stated （七）总计 differs from the sum of the outcome rows",
)
T4_STATED_TOTAL = _declare(
    "T4-STATED-TOTAL",
    ERROR,
    "四：所填总计与结果维持、结果纠正、其他结果、尚未审结之和不符",
    "四: a stated 总计 differs from upheld + corrected + other + pending",
)


@_rule(
    "EDITION-YEAR",
    WARNING,
    "2021年度起的报告应使用国办公开办函〔2021〕30号格式",
    "reports from the year 2021 on use the 2021 format (国办公开办函〔2021〕30号)",
    editions=("2019",),
)
def EDITION_YEAR(report: Report2019) -> Iterator[Finding]:
    if report.year >= 2021:
        yield EDITION_YEAR.finding(
            "year",
            f"{report.year}年度报告使用了2019年版格式，2021年度起应使用国办公开办函〔2021〕30号格式",
            f"a report for {report.year} in the 2019 format; reports from 2021 on use the 2021 format",
        )


@_rule(
    "T2-NEGATIVE-ITEMS",
    WARNING,
    "二：上一年项目数量加本年增/减为负数",
    "二: previous items + change is negative",
    editions=("2019",),
)
def T2_NEGATIVE_ITEMS(report: Report2019) -> Iterator[Finding]:
    proactive = report.proactive
    for name in ITEM_ROWS:
        row = getattr(proactive, name)
        if row.previous_items + row.change < 0:
            yield T2_NEGATIVE_ITEMS.finding(
                f"proactive.{name}.change",
                f"“{label(report, f'proactive.{name}')}”：上一年项目数量（{row.previous_items}）"
                f"加本年增/减（{row.change}）为{row.previous_items + row.change}，项目数量不能为负",
                f"{name}: previous items {row.previous_items} + change {row.change} is negative",
                stated=row.change,
                cells=(f"proactive.{name}.previous_items", f"proactive.{name}.change"),
            )


@_rule(
    "T2-IN-FORCE",
    WARNING,
    "二：现行有效件数少于本年制发件数减本年废止件数",
    "二: documents in force fewer than issued minus repealed this year",
    editions=("2021",),
)
def T2_IN_FORCE(report: Report2021) -> Iterator[Finding]:
    for name in DOCUMENT_ROWS:
        row = getattr(report.proactive, name)
        if row.in_force < row.issued - row.repealed:
            yield T2_IN_FORCE.finding(
                f"proactive.{name}.in_force",
                f"“{label(report, f'proactive.{name}')}”：现行有效件数（{row.in_force}）少于"
                f"本年制发件数（{row.issued}）减本年废止件数（{row.repealed}）",
                f"{name}: {row.in_force} in force, fewer than {row.issued} issued - {row.repealed} repealed",
                stated=row.in_force,
                expected=row.issued - row.repealed,
                cells=tuple(f"proactive.{name}.{column}" for column in ("issued", "repealed", "in_force")),
            )


@_rule(
    "FEES-UNPAID-WITHOUT-NOTICE",
    WARNING,
    "三（六）2 有逾期未缴费不再处理的申请，但六中发出收费通知件数为0",
    "applications dropped for unpaid fees, but no fee notice issued",
    editions=("2021",),
)
def FEES_UNPAID_WITHOUT_NOTICE(report: Report2021) -> Iterator[Finding]:
    unpaid = report.applications.outcomes.other.fee_unpaid.total
    if unpaid and report.fees.notices == 0:
        yield FEES_UNPAID_WITHOUT_NOTICE.finding(
            "fees.notices",
            f"有{unpaid}件申请因逾期未按收费通知要求缴纳费用不再处理，但发出收费通知件数为0",
            f"{unpaid} application(s) dropped for unpaid fees, but 0 fee notices issued",
            stated=0,
            cells=("applications.outcomes.other.fee_unpaid.total", "fees.notices"),
        )


@_rule(
    "FEES-NOTICES",
    WARNING,
    "六：收费通知件数与金额矛盾（有通知而通知金额为0，或无通知而有通知金额、实收金额）",
    "fee notices contradict their amounts (notices with no amount, or amounts with no notice)",
    editions=("2021",),
)
def FEES_NOTICES(report: Report2021) -> Iterator[Finding]:
    fees = report.fees
    if fees.notices is None:
        return
    amounts = ("notice_amount_yuan", "collected_yuan") if fees.notices == 0 else ("notice_amount_yuan",)
    for name in amounts:  # notices with nothing collected are unpaid notices: 三（六）2 counts those
        amount = getattr(fees, name)
        if amount is not None and (fees.notices == 0) != (amount == 0):
            yield FEES_NOTICES.finding(
                f"fees.{name}",
                f"发出收费通知件数为{fees.notices}，但{label(report, f'fees.{name}')}为{amount}",
                f"{fees.notices} fee notice(s), but {name} is {amount}",
                stated=amount,
                cells=("fees.notices", f"fees.{name}"),
            )


PARENT_SUM = _declare(
    "PARENT-SUM",
    ERROR,
    "汇总报告的数字与下级报告之和不符",
    "a consolidated report's figure differs from the sum of its children's",
)
PARENT_MISSING = _declare(
    "PARENT-MISSING",
    ERROR,
    "汇总报告所列下级机关的报告缺失，汇总无法核对完整",
    "the report of a body the consolidated report names is missing",
)
PARENT_UNNAMED = _declare(
    "PARENT-UNNAMED",
    WARNING,
    "下级报告的编制机关不在汇总报告所列机关之中",
    "a child report from a body the consolidated report does not name",
)
X_CARRYOVER = _declare(
    "X-CARRYOVER",
    WARNING,
    "三：本年“二、上年结转”与上年“四、结转下年度继续办理”不符（逐列）",
    "三: carried over this year differs from carried forward last year, per applicant column",
)
X_IN_FORCE = _declare(
    "X-IN-FORCE",
    WARNING,
    "二：现行有效件数不等于上年现行有效件数加本年制发件数减本年废止件数",
    "二: in force differs from last year's in force + issued - repealed this year",
    editions=("2021",),
)
X_PREVIOUS_ITEMS = _declare(
    "X-PREVIOUS-ITEMS",
    WARNING,
    "二：上一年项目数量不等于上年报告的上一年项目数量加本年增/减",
    "二: previous items differ from last year's previous items + change",
    editions=("2019",),
)
X_GAP = _declare(
    "X-GAP",
    WARNING,
    "缺少中间年度的报告，其前后两年未作比较",
    "a year is missing between two reports, which are not compared",
)
X_AGENCY = _declare(
    "X-AGENCY",
    INFO,
    "各年度报告的编制机关名称写法不同，按同一机关比较",
    "the years' reports spell the body's name differently and are compared as one body",
)
X_DUPLICATE = _declare(
    "X-DUPLICATE",
    WARNING,
    "同一机关同一年度有多个文件（如网页版和PDF版），跨年度核对只用第一个",
    "several files hold one body's report for one year (a page and its PDF); only the first is compared across years",
)
X_UNCHECKED = _declare(
    "X-UNCHECKED",
    WARNING,
    "比较某机关各年度报告的进程意外终止，这些年度未作比较",
    "the process comparing a body's years died, and they are not compared",
)
X_EDITION = _declare(
    "X-EDITION",
    INFO,
    "前后两年使用不同版本的格式：二不作比较，三的结转照常比较",
    "the two years use different editions: 二 is not compared, 三's carry-over is",
)


def _load_rule(code: str, summary: str, summary_en: str) -> Rule:
    return _declare(code, ERROR, summary, summary_en)


LOAD_FILE = _load_rule(
    "LOAD-FILE", "无法读取文件（不存在、无权限或扩展名不是 .json/.yaml/.yml）", "the file cannot be read"
)
LOAD_SYNTAX = _load_rule("LOAD-SYNTAX", "输入不是可读的 JSON 或 YAML 文本", "the input is not readable JSON or YAML")
LOAD_TYPE = _load_rule("LOAD-TYPE", "值的类型不对（如计数写成小数、字符串或布尔值）", "a value of the wrong type")
LOAD_VALUE = _load_rule("LOAD-VALUE", "值超出允许范围（如负数计数、不合理的年度）", "a value out of range")
LOAD_UNKNOWN_KEY = _load_rule("LOAD-UNKNOWN-KEY", "未知的键（拼写错误，或属于另一版格式）", "an unknown key")
LOAD_MISSING_KEY = _load_rule("LOAD-MISSING-KEY", "缺少必填的键", "a required key is missing")
LOAD_EDITION = _load_rule(
    "LOAD-EDITION", "缺少或无法识别格式版本（edition）或 schema_version", "a missing or unknown edition or version"
)


def _read_rule(code: str, severity: Severity, summary: str, summary_en: str) -> Rule:
    return _declare(code, severity, summary, summary_en)


READ_FILE = _read_rule(
    "READ-FILE",
    ERROR,
    "文件无法读取（不存在、已损坏或过大），原因见说明",
    "the file cannot be read at all; the message says why",
)
READ_NOT_A_REPORT = _read_rule(
    "READ-NOT-A-REPORT", ERROR, "输入不是任一版格式的年度报告（如2019年以前的旧格式）", "not a report of either edition"
)
READ_EDITION = _read_rule(
    "READ-EDITION", ERROR, "无法判断报告使用的格式版本", "the edition of the format cannot be told"
)
READ_MISSING = _read_rule(
    "READ-MISSING", ERROR, "缺少表格或表格中的行（按0计）", "a table or row is missing (taken as 0)"
)
READ_NUMBER = _read_rule("READ-NUMBER", ERROR, "单元格中的数字无法识别", "a cell's number cannot be read")
READ_BLANK = _read_rule(
    "READ-BLANK", INFO, "单元格为空或写作“/”“-”“—”“无”，按0计", "a cell written blank, /, -, — or 无 is taken as 0"
)
READ_LABEL = _read_rule("READ-LABEL", WARNING, "无法识别的表格行标签", "a table row whose label is not the statute's")
READ_CHROME = _read_rule(
    "READ-CHROME", INFO, "报告正文之后的网站页脚等未读入", "lines after the report (site chrome) were left out"
)
READ_LABEL_VARIANT = _read_rule(
    "READ-LABEL-VARIANT",
    INFO,
    "行标签与法定标签不同（简写、改写或提取时缺字），按所示法定行读入",
    "a row label differs from the statute's (shortened, paraphrased or garbled) and was read as the row named",
)
READ_AMBIGUOUS = _read_rule(
    "READ-AMBIGUOUS",
    ERROR,
    "连写的数字有多种拆分均符合勾稽关系，未取其一（列出各种拆分）",
    "a run of digits splits more than one way that every rule allows; the candidates are listed, none is chosen",
)
READ_TITLE = _read_rule(
    "READ-TITLE", ERROR, "无法从标题中识别编制机关和年度", "the compiling body and year cannot be told from the title"
)

_CHECKS: dict[Edition, tuple[Check, ...]] = {
    edition: tuple(rule.check for rule in RULES if rule.check and edition in rule.editions) for edition in BOTH
}


def validate(report: Report) -> list[Finding]:
    """Every finding of the catalogue's rules for *report*, errors and warnings alike."""
    if not isinstance(report, Report2019 | Report2021):
        raise TypeError(f"validate() takes a Report2019 or Report2021, got {type(report).__name__}")
    return [finding for check in _CHECKS[report.edition] for finding in check(report)]


def check(report: Report) -> None:
    """Raise :class:`ReportInvalid` carrying every finding if *report* has a finding of severity error."""
    findings = validate(report)
    if any(f.severity is ERROR for f in findings):
        raise ReportInvalid(findings)
