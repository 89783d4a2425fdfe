"""The report: one class per edition of the format, and the 信息处理费 figures of the 2021 edition."""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable
from decimal import Decimal
from typing import IO, Any, ClassVar, Literal, TypeAlias, TypeVar

import attrs

from ._appeals import Appeals
from ._applications import Applications, Outcomes2019, Outcomes2021
from ._fields import names, optional_count, optional_date, optional_money, part, text, year
from ._findings import ReportKey
from ._narrative import Narrative, narrative
from ._proactive import Proactive2019, Proactive2021

Edition: TypeAlias = Literal["2019", "2021"]
"""An edition of the format, by the year its notice was issued."""

LAST_YEAR = 2100
"""The latest reporting year a report may have."""

OVERVIEW = "一、总体情况"
PROACTIVE = "二、主动公开政府信息情况"
APPLICATIONS = "三、收到和处理政府信息公开申请情况"
APPEALS = "四、政府信息公开行政复议、行政诉讼情况"
PROBLEMS = "五、存在的主要问题及改进情况"
OTHER_MATTERS = "六、其他需要报告的事项"
SECTIONS = (OVERVIEW, PROACTIVE, APPLICATIONS, APPEALS, PROBLEMS, OTHER_MATTERS)
"""The headings of the six sections, in order."""

TITLE_ENDING = "政府信息公开工作年度报告"
"""How the statutory title ends, after the body and the year."""


def default_title(agency: str, year: int | str) -> str:
    """The statutory title: ``{agency}{year}年政府信息公开工作年度报告``."""
    return f"{agency}{year}年{TITLE_ENDING}"


@attrs.frozen(kw_only=True)
class ProcessingFees:
    """信息处理费 (information processing fees) as stated in section 六 (2021 edition); ``None`` where the report
    does not state a figure. Not 行政事业性收费 (administrative fees, section 二): see
    :class:`AdministrativeFees2021`."""

    notices: int | None = optional_count("发出收费通知件数")
    notice_amount_yuan: Decimal | None = optional_money("发出收费通知总金额（元）")
    collected_yuan: Decimal | None = optional_money("实际收取总金额（元）")


@attrs.frozen(kw_only=True)
class _ReportHead:
    """Who reports for which year; the title defaults to the statutory pattern.

    ``consolidated_from`` names the bodies whose reports a consolidated report adds up (see
    :func:`gov_disclosure.aggregate`); it is empty for a body's own report. ``signature`` (落款) and ``date``
    (成文日期) are the body signing the report and the day it was written, as printed at its end; either may be
    left out, as many published reports do.
    """

    edition: ClassVar[Edition]
    years: ClassVar[tuple[int, int]]
    """The reporting years a report of this edition may have."""

    agency: str = text("编制机关")
    year: int = year("统计年度")
    title: str | None = text("标题", optional=True)
    consolidated_from: tuple[str, ...] = names("汇总的下级报告编制机关")
    signature: str | None = text("落款", optional=True)
    date: datetime.date | None = optional_date("成文日期")
    preamble: Narrative = narrative(None)
    overview: Narrative = narrative(OVERVIEW)

    @property
    def key(self) -> ReportKey:
        """Which report this is: agency and year."""
        return ReportKey(self.agency, self.year)

    @property
    def full_title(self) -> str:
        """The title as printed: ``title``, or ``{agency}{year}年政府信息公开工作年度报告``."""
        return self.title or default_title(self.agency, self.year)

    def to_docx(
        self, target: str | os.PathLike[str] | IO[bytes] | None = None, *, template: Any = None, strict: bool = True
    ) -> bytes:
        """The report as a Word document in the official layout; see :func:`gov_disclosure.to_docx`."""
        from ..render import to_docx

        return to_docx(self, target, template=template, strict=strict)  # type: ignore[arg-type]

    def to_html(self, *, strict: bool = True) -> str:
        """The report as a self-contained HTML page; see :func:`gov_disclosure.to_html`."""
        from ..render import to_html

        return to_html(self, strict=strict)  # type: ignore[arg-type]

    def to_xlsx(self, target: str | os.PathLike[str] | IO[bytes] | None = None, *, strict: bool = True) -> bytes:
        """The report's tables as an Excel workbook; see :func:`gov_disclosure.to_xlsx`."""
        from ..render import to_xlsx

        return to_xlsx(self, target, strict=strict)  # type: ignore[arg-type]

    def _repr_html_(self) -> str:
        """Jupyter shows a report as its tables, whether or not it balances."""
        return self.to_html(strict=False)


def _applications(outcomes: type[Outcomes2019 | Outcomes2021]) -> Any:
    """Section 三, whose outcome rows must be those of *outcomes*' edition."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: Applications[Any]) -> None:
        if not isinstance(value.outcomes, outcomes):
            raise TypeError(
                f"{type(instance).__name__}.applications must hold {outcomes.__name__}, "
                f"got {type(value.outcomes).__name__}"
            )

    return part(APPLICATIONS, Applications, factory=lambda: Applications(outcomes=outcomes()), validator=check)


@attrs.frozen(kw_only=True)
class Report2019(_ReportHead):
    """A report in the 2019 format (国办公开办函〔2019〕60号), for the years 2019 and 2020.

    Later years are accepted, with an ``EDITION-YEAR`` warning: some bodies kept the old format.
    """

    edition: ClassVar[Edition] = "2019"
    years: ClassVar[tuple[int, int]] = (2019, LAST_YEAR)

    proactive: Proactive2019 = part(PROACTIVE, Proactive2019)
    applications: Applications[Outcomes2019] = _applications(Outcomes2019)
    appeals: Appeals = part(APPEALS, Appeals)
    problems_and_improvements: Narrative = narrative(PROBLEMS)
    other_matters: Narrative = narrative(OTHER_MATTERS)


@attrs.frozen(kw_only=True)
class Report2021(_ReportHead):
    """A report in the 2021 format (国办公开办函〔2021〕30号), from the year 2021."""

    edition: ClassVar[Edition] = "2021"
    years: ClassVar[tuple[int, int]] = (2021, LAST_YEAR)

    proactive: Proactive2021 = part(PROACTIVE, Proactive2021)
    applications: Applications[Outcomes2021] = _applications(Outcomes2021)
    appeals: Appeals = part(APPEALS, Appeals)
    problems_and_improvements: Narrative = narrative(PROBLEMS)
    other_matters: Narrative = narrative(OTHER_MATTERS)
    fees: ProcessingFees = part("信息处理费", ProcessingFees)


Report: TypeAlias = Report2019 | Report2021
"""A report of either edition."""

REPORT_CLASSES: dict[Edition, type[Report]] = {"2019": Report2019, "2021": Report2021}


R = TypeVar("R", bound=Report)


def only_reports(items: Iterable[R], what: str) -> list[R]:
    """*items* as a list, refusing anything but a report with a ``TypeError`` that names where it is."""
    found = list(items)
    for index, item in enumerate(found):
        if not isinstance(item, Report2019 | Report2021):
            hint = " (a reading that gave no report?)" if item is None else ""
            raise TypeError(f"{what} takes reports; item {index} is {type(item).__name__}{hint}")
    return found
