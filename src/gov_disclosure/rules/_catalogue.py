"""The catalogue of rules (format spec §7, §14): every finding's stable code, severity, summary and where it is
found. The rules are implemented where they are found — :func:`validate`, the wire loader, the readers,
consolidation, the checks across years, the audit — and each names its rule from here."""

from __future__ import annotations

import enum
from decimal import Decimal
from types import MappingProxyType

import attrs

from ..model import Edition, Finding, ReportKey, Severity

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
BOTH: tuple[Edition, ...] = ("2019", "2021")


class FoundBy(str, enum.Enum):
    """Where the library finds a rule."""

    VALIDATE = "validate"
    LOAD = "load"
    READ = "read"
    CONSOLIDATION = "consolidation"
    SERIES = "series"
    AUDIT = "audit"

    @property
    def functions(self) -> str:
        """The public functions that report it, e.g. ``load(), loads(), from_dict()``."""
        return _FUNCTIONS[self]

    def __str__(self) -> str:
        return self.value


_FUNCTIONS = MappingProxyType(
    {
        FoundBy.VALIDATE: "validate(), check()",
        FoundBy.LOAD: "load(), loads(), from_dict()",
        FoundBy.READ: "read(), read_text(), read_html(), read_docx(), read_pdf()",
        FoundBy.CONSOLIDATION: "validate_parent()",
        FoundBy.SERIES: "validate_series(), audit()",
        FoundBy.AUDIT: "audit(), read_files()",
    }
)


@attrs.frozen(kw_only=True)
class Rule:
    """A rule of the catalogue: its stable ``code``, ``severity``, what it says, the editions it applies to and
    where it is found (``found_by``)."""

    code: str
    severity: Severity
    summary: str
    summary_en: str
    found_by: tuple[FoundBy, ...]
    editions: tuple[Edition, ...] = BOTH

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


_VALIDATE, _LOAD_AND_READ = (FoundBy.VALIDATE,), (FoundBy.LOAD, FoundBy.READ)

# The accounting rules of the statute ------------------------------------------------------------------------

T3_BALANCE = Rule(
    code="T3-BALANCE",
    severity=ERROR,
    summary="每列：一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理",
    summary_en="per column of section 3: received + carried over = outcomes total + carried forward",
    found_by=_VALIDATE,
)
T3_STATED_ROW_TOTAL = Rule(
    code="T3-STATED-ROW-TOTAL",
    severity=ERROR,
    summary="三：所填总计与六类申请人之和不符",
    summary_en="section 3: a stated total (“总计”) differs from the sum of the six applicant columns",
    found_by=_LOAD_AND_READ,
)
T3_STATED_OUTCOME_TOTAL = Rule(
    code="T3-STATED-OUTCOME-TOTAL",
    severity=ERROR,
    summary="三：所填（七）总计与各办理结果之和不符",
    summary_en="section 3: a stated “（七）总计” differs from the sum of the outcome rows",
    found_by=_LOAD_AND_READ,
)
T4_STATED_TOTAL = Rule(
    code="T4-STATED-TOTAL",
    severity=ERROR,
    summary="四：所填总计与结果维持、结果纠正、其他结果、尚未审结之和不符",
    summary_en="section 4: a stated total (“总计”) differs from upheld + corrected + other + pending",
    found_by=_LOAD_AND_READ,
)
EDITION_YEAR = Rule(
    code="EDITION-YEAR",
    severity=WARNING,
    summary="2021年度起的报告应使用国办公开办函〔2021〕30号格式",
    summary_en="reports from the year 2021 on use the 2021 format (“国办公开办函〔2021〕30号”)",
    found_by=_VALIDATE,
    editions=("2019",),
)
T2_NEGATIVE_ITEMS = Rule(
    code="T2-NEGATIVE-ITEMS",
    severity=WARNING,
    summary="二：上一年项目数量加本年增/减为负数",
    summary_en="section 2: previous items + change is negative",
    found_by=_VALIDATE,
    editions=("2019",),
)
T2_IN_FORCE = Rule(
    code="T2-IN-FORCE",
    severity=WARNING,
    summary="二：现行有效件数少于本年制发件数减本年废止件数",
    summary_en="section 2: documents in force fewer than issued minus repealed this year",
    found_by=_VALIDATE,
    editions=("2021",),
)
FEES_UNPAID_WITHOUT_NOTICE = Rule(
    code="FEES-UNPAID-WITHOUT-NOTICE",
    severity=WARNING,
    summary="三（六）2 有逾期未缴费不再处理的申请，但六中发出收费通知件数为0",
    summary_en="applications dropped for unpaid fees, but no fee notice issued",
    found_by=_VALIDATE,
    editions=("2021",),
)
FEES_NOTICES = Rule(
    code="FEES-NOTICES",
    severity=WARNING,
    summary="六：收费通知件数与金额矛盾（有通知而通知金额为0，或无通知而有通知金额、实收金额）",
    summary_en="fee notices contradict their amounts (notices with no amount, or amounts with no notice)",
    found_by=_VALIDATE,
    editions=("2021",),
)
DATE_RANGE = Rule(
    code="DATE-RANGE",
    severity=WARNING,
    summary="成文日期不在统计年度结束后的一年内（早于统计年度结束，或晚于次年年底）",
    summary_en="the date of writing is not within the year after the reporting year (before its end, or after the "
    "next year)",
    found_by=_VALIDATE,
)

# Across reports ---------------------------------------------------------------------------------------------

PARENT_SUM = Rule(
    code="PARENT-SUM",
    severity=ERROR,
    summary="汇总报告的数字与下级报告之和不符",
    summary_en="a consolidated report's figure differs from the sum of its children's",
    found_by=(FoundBy.CONSOLIDATION,),
)
PARENT_MISSING = Rule(
    code="PARENT-MISSING",
    severity=ERROR,
    summary="汇总报告所列下级机关的报告缺失，汇总无法核对完整",
    summary_en="the report of a body the consolidated report names is missing",
    found_by=(FoundBy.CONSOLIDATION,),
)
PARENT_UNNAMED = Rule(
    code="PARENT-UNNAMED",
    severity=WARNING,
    summary="下级报告的编制机关不在汇总报告所列机关之中",
    summary_en="a child report from a body the consolidated report does not name",
    found_by=(FoundBy.CONSOLIDATION,),
)
X_CARRYOVER = Rule(
    code="X-CARRYOVER",
    severity=WARNING,
    summary="三：本年“二、上年结转”与上年“四、结转下年度继续办理”不符（逐列）",
    summary_en="section 3: carried over this year differs from carried forward last year, per applicant column",
    found_by=(FoundBy.SERIES,),
)
X_IN_FORCE = Rule(
    code="X-IN-FORCE",
    severity=WARNING,
    summary="二：现行有效件数不等于上年现行有效件数加本年制发件数减本年废止件数",
    summary_en="section 2: in force differs from last year's in force + issued - repealed this year",
    found_by=(FoundBy.SERIES,),
    editions=("2021",),
)
X_PREVIOUS_ITEMS = Rule(
    code="X-PREVIOUS-ITEMS",
    severity=WARNING,
    summary="二：上一年项目数量不等于上年报告的上一年项目数量加本年增/减",
    summary_en="section 2: previous items differ from last year's previous items + change",
    found_by=(FoundBy.SERIES,),
    editions=("2019",),
)
X_GAP = Rule(
    code="X-GAP",
    severity=WARNING,
    summary="缺少中间年度的报告，其前后两年未作比较",
    summary_en="a year is missing between two reports, which are not compared",
    found_by=(FoundBy.SERIES,),
)
X_AGENCY = Rule(
    code="X-AGENCY",
    severity=INFO,
    summary="各年度报告的编制机关名称写法不同，按同一机关比较",
    summary_en="the years' reports spell the body's name differently and are compared as one body",
    found_by=(FoundBy.SERIES,),
)
X_DUPLICATE = Rule(
    code="X-DUPLICATE",
    severity=WARNING,
    summary="同一机关同一年度有多个文件（如网页版和PDF版），跨年度核对只用第一个",
    summary_en="several files hold one body's report for one year (a page and its PDF); only the first is "
    "compared across years",
    found_by=(FoundBy.AUDIT,),
)
X_UNCHECKED = Rule(
    code="X-UNCHECKED",
    severity=WARNING,
    summary="比较某机关各年度报告的进程意外终止，这些年度未作比较",
    summary_en="the process comparing a body's years died, and they are not compared",
    found_by=(FoundBy.AUDIT,),
)
X_EDITION = Rule(
    code="X-EDITION",
    severity=INFO,
    summary="前后两年使用不同版本的格式：二不作比较，三的结转照常比较",
    summary_en="the two years use different editions: section 2 is not compared, section 3's carry-over is",
    found_by=(FoundBy.SERIES,),
)

# Loading the wire format ------------------------------------------------------------------------------------

_LOAD = (FoundBy.LOAD,)

LOAD_FILE = Rule(
    code="LOAD-FILE",
    severity=ERROR,
    summary="无法读取文件（不存在、无权限或扩展名不是 .json/.yaml/.yml）",
    summary_en="the file cannot be read",
    found_by=_LOAD,
)
LOAD_SYNTAX = Rule(
    code="LOAD-SYNTAX",
    severity=ERROR,
    summary="输入不是可读的 JSON 或 YAML 文本",
    summary_en="the input is not readable JSON or YAML",
    found_by=_LOAD,
)
LOAD_TYPE = Rule(
    code="LOAD-TYPE",
    severity=ERROR,
    summary="值的类型不对（如计数写成小数、字符串或布尔值）",
    summary_en="a value of the wrong type",
    found_by=_LOAD,
)
LOAD_VALUE = Rule(
    code="LOAD-VALUE",
    severity=ERROR,
    summary="值超出允许范围（如负数计数、不合理的年度）",
    summary_en="a value out of range",
    found_by=_LOAD,
)
LOAD_UNKNOWN_KEY = Rule(
    code="LOAD-UNKNOWN-KEY",
    severity=ERROR,
    summary="未知的键（拼写错误，或属于另一版格式）",
    summary_en="an unknown key",
    found_by=_LOAD,
)
LOAD_MISSING_KEY = Rule(
    code="LOAD-MISSING-KEY",
    severity=ERROR,
    summary="缺少必填的键",
    summary_en="a required key is missing",
    found_by=_LOAD,
)
LOAD_EDITION = Rule(
    code="LOAD-EDITION",
    severity=ERROR,
    summary="缺少或无法识别格式版本（edition）或 schema_version",
    summary_en="a missing or unknown edition or version",
    found_by=_LOAD,
)

# Reading published reports ----------------------------------------------------------------------------------

_READ = (FoundBy.READ,)

READ_FILE = Rule(
    code="READ-FILE",
    severity=ERROR,
    summary="文件无法读取（不存在、已损坏或过大），原因见说明",
    summary_en="the file cannot be read at all; the message says why",
    found_by=(FoundBy.AUDIT,),
)
READ_NOT_A_REPORT = Rule(
    code="READ-NOT-A-REPORT",
    severity=ERROR,
    summary="输入不是任一版格式的年度报告（如2019年以前的旧格式）",
    summary_en="not a report of either edition",
    found_by=_READ,
)
READ_EDITION = Rule(
    code="READ-EDITION",
    severity=WARNING,
    summary="表格所用格式与报告年度不符（如2020年度的报告用了2021年版格式），按年度应使用的格式读入",
    summary_en="the tables are in the other edition's format than the report's year allows, and are read in the year's",
    found_by=_READ,
)
READ_MISSING = Rule(
    code="READ-MISSING",
    severity=ERROR,
    summary="缺少表格或表格中的行（按0计）",
    summary_en="a table or row is missing (taken as 0)",
    found_by=_READ,
)
READ_NUMBER = Rule(
    code="READ-NUMBER",
    severity=ERROR,
    summary="单元格中的数字无法识别",
    summary_en="a cell's number cannot be read",
    found_by=_READ,
)
READ_BLANK = Rule(
    code="READ-BLANK",
    severity=INFO,
    summary="单元格为空或写作“/”“-”“—”“无”，按0计",
    summary_en="a cell written blank, /, -, — or “无” is taken as 0",
    found_by=_READ,
)
READ_LABEL = Rule(
    code="READ-LABEL",
    severity=WARNING,
    summary="无法识别的表格行标签",
    summary_en="a table row whose label is not the statute's",
    found_by=_READ,
)
READ_CHROME = Rule(
    code="READ-CHROME",
    severity=INFO,
    summary="报告正文之后的网站页脚等未读入",
    summary_en="lines after the report (site chrome) were left out",
    found_by=_READ,
)
READ_LABEL_VARIANT = Rule(
    code="READ-LABEL-VARIANT",
    severity=INFO,
    summary="行标签与法定标签不同（简写、改写或提取时缺字），按所示法定行读入",
    summary_en="a row label differs from the statute's (shortened, paraphrased or garbled) and was read as the "
    "row named",
    found_by=_READ,
)
READ_AMBIGUOUS = Rule(
    code="READ-AMBIGUOUS",
    severity=ERROR,
    summary="连写的数字有多种拆分均符合勾稽关系，未取其一（列出各种拆分）",
    summary_en="a run of digits splits more than one way that every rule allows; the candidates are listed, "
    "none is chosen",
    found_by=_READ,
)
READ_METADATA = Rule(
    code="READ-METADATA",
    severity=WARNING,
    summary="文档内嵌的元数据与印出的标题或落款、成文日期不一致，以印出的为准",
    summary_en="the metadata embedded in the document disagrees with its printed title, signature or date; the printed "
    "one is read",
    found_by=_READ,
)
READ_SPLIT = Rule(
    code="READ-SPLIT",
    severity=WARNING,
    summary="连写的数字只按唯一的拆分读入，但无勾稽关系印证（连写时略去的空白单元格会改变拆分）",
    summary_en="a run of digits is read the one way it splits, which no rule confirms (a blank cell left out of "
    "the run would change it)",
    found_by=_READ,
)
READ_DATE = Rule(
    code="READ-DATE",
    severity=WARNING,
    summary="落款下的成文日期不是实有的日期（如2025年2月30日），未读入",
    summary_en="the date of writing under the signature is no real day (such as 30 February) and was not read",
    found_by=_READ,
)
READ_TITLE = Rule(
    code="READ-TITLE",
    severity=ERROR,
    summary="无法从标题中识别编制机关和年度",
    summary_en="the compiling body and year cannot be told from the title",
    found_by=_READ,
)
READ_TITLE_SOURCE = Rule(
    code="READ-TITLE-SOURCE",
    severity=INFO,
    summary="标题未写编制机关或年度，取自所示来源（如网页的发布机构字段）",
    summary_en="the title does not name the body or the year, which were taken from the source named",
    found_by=_READ,
)

RULES: tuple[Rule, ...] = tuple(value for value in tuple(globals().values()) if isinstance(value, Rule))
"""Every rule, in the order the documentation lists them."""
