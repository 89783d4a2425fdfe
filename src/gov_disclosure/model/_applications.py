"""Section 三 — 收到和处理政府信息公开申请情况: applicant columns, outcome rows, both editions."""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterator
from typing import Any, ClassVar, Generic, TypeVar

import attrs

from ._fields import Kind, count, derived, part, parts, per_class
from ._narrative import Narrative, narrative

LEGAL_PERSONS = "法人或其他组织"


@attrs.frozen(kw_only=True)
class ApplicantCounts:
    """One row of section 三: applications per applicant column (件)."""

    HEADER: ClassVar[str] = "申请人情况"

    natural_person: int = count("自然人")
    commercial_enterprise: int = count("商业企业", group=LEGAL_PERSONS)
    research_institution: int = count("科研机构", group=LEGAL_PERSONS)
    public_welfare_org: int = count("社会公益组织", group=LEGAL_PERSONS)
    legal_service_agency: int = count("法律服务机构", group=LEGAL_PERSONS)
    other_org: int = count("其他", group=LEGAL_PERSONS)

    @derived("总计")
    def total(self) -> int:
        """Sum of the six applicant columns."""
        return (
            self.natural_person
            + self.commercial_enterprise
            + self.research_institution
            + self.public_welfare_org
            + self.legal_service_agency
            + self.other_org
        )

    def __add__(self, other: ApplicantCounts) -> ApplicantCounts:
        """Column by column: ``sum(rows, ApplicantCounts())`` adds rows up."""
        if not isinstance(other, ApplicantCounts):
            return NotImplemented
        return ApplicantCounts(**{column: get(self) + get(other) for column, get in _COLUMN_GETTERS.items()})


APPLICANT_COLUMNS: tuple[str, ...] = tuple(p.name for p in parts(ApplicantCounts))
"""The seven columns of section 三, ``total`` last."""

_COLUMN_GETTERS = {column: operator.attrgetter(column) for column in APPLICANT_COLUMNS[:-1]}


def _row(label: str) -> ApplicantCounts:
    return part(label, ApplicantCounts)  # type: ignore[no-any-return]


class _RowGroup:
    """Rows of applicant counts, possibly nested in groups; ``rows()`` yields the leaf rows in order."""

    def rows(self) -> Iterator[tuple[str, ApplicantCounts]]:
        """``(relative wire path, row)`` for every leaf row, in statutory order."""
        for p in parts(type(self)):
            if p.derived or p.kind is not Kind.PART:
                continue
            value = getattr(self, p.name)
            if isinstance(value, ApplicantCounts):
                yield p.name, value
            else:
                for path, row in value.rows():
                    yield f"{p.name}.{path}", row


@per_class
def _leaf_rows(cls: Any) -> Callable[[_RowGroup], tuple[ApplicantCounts, ...]]:
    """A function reading every leaf row of a *cls* instance in one go."""
    return operator.attrgetter(*(path for path, _ in cls().rows()))  # every group has several rows


@attrs.frozen(kw_only=True)
class Withheld(_RowGroup):
    """（三）不予公开, by ground."""

    state_secret: ApplicantCounts = _row("1.属于国家秘密")
    prohibited_by_law: ApplicantCounts = _row("2.其他法律行政法规禁止公开")
    security_and_stability: ApplicantCounts = _row("3.危及“三安全一稳定”")
    third_party_rights: ApplicantCounts = _row("4.保护第三方合法权益")
    internal_affairs: ApplicantCounts = _row("5.属于三类内部事务信息")
    process_information: ApplicantCounts = _row("6.属于四类过程性信息")
    enforcement_files: ApplicantCounts = _row("7.属于行政执法案卷")
    administrative_inquiry: ApplicantCounts = _row("8.属于行政查询事项")


@attrs.frozen(kw_only=True)
class Unavailable(_RowGroup):
    """（四）无法提供, by reason."""

    not_held: ApplicantCounts = _row("1.本机关不掌握相关政府信息")
    requires_compilation: ApplicantCounts = _row("2.没有现成信息需要另行制作")
    unclear_after_amendment: ApplicantCounts = _row("3.补正后申请内容仍不明确")


@attrs.frozen(kw_only=True)
class NotProcessed(_RowGroup):
    """（五）不予处理, by reason."""

    petition_or_complaint: ApplicantCounts = _row("1.信访举报投诉类申请")
    repeated: ApplicantCounts = _row("2.重复申请")
    publication: ApplicantCounts = _row("3.要求提供公开出版物")
    excessive: ApplicantCounts = _row("4.无正当理由大量反复申请")
    confirmation_or_reissue: ApplicantCounts = _row("5.要求行政机关确认或重新出具已获取信息")


@attrs.frozen(kw_only=True)
class OtherOutcomes2021(_RowGroup):
    """（六）其他处理 of the 2021 edition, by reason."""

    amendment_overdue: ApplicantCounts = _row("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")
    fee_unpaid: ApplicantCounts = _row("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请")
    other: ApplicantCounts = _row("3.其他")


OTHER_OUTCOMES = "（六）其他处理"


@attrs.frozen(kw_only=True)
class Outcomes(_RowGroup):
    """三、本年度办理结果: every processed application counted in exactly one row."""

    granted: ApplicantCounts = _row("（一）予以公开")
    partially_granted: ApplicantCounts = _row("（二）部分公开（区分处理的，只计这一情形，不计其他情形）")
    withheld: Withheld = part("（三）不予公开", Withheld)
    unavailable: Unavailable = part("（四）无法提供", Unavailable)
    not_processed: NotProcessed = part("（五）不予处理", NotProcessed)

    @derived("（七）总计", ApplicantCounts)
    def total(self) -> ApplicantCounts:
        """Sum of every outcome row."""
        return self._total

    @functools.cached_property
    def _total(self) -> ApplicantCounts:  # added up once: the rows of a frozen report never change
        rows = _leaf_rows(type(self))(self)
        return ApplicantCounts(**{column: sum(map(getter, rows)) for column, getter in _COLUMN_GETTERS.items()})


@attrs.frozen(kw_only=True)
class Outcomes2019(Outcomes):
    """三、本年度办理结果 of the 2019 edition: （六）其他处理 is one row."""

    other: ApplicantCounts = _row(OTHER_OUTCOMES)


@attrs.frozen(kw_only=True)
class Outcomes2021(Outcomes):
    """三、本年度办理结果 of the 2021 edition: （六）其他处理 has three rows."""

    other: OtherOutcomes2021 = part(OTHER_OUTCOMES, OtherOutcomes2021)


OutcomesT = TypeVar("OutcomesT", Outcomes2019, Outcomes2021)


@attrs.frozen(kw_only=True)
class Applications(_RowGroup, Generic[OutcomesT]):
    """三、收到和处理政府信息公开申请情况 — ``Applications[Outcomes2019]`` or ``Applications[Outcomes2021]``."""

    NOTE: ClassVar[str] = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

    narrative: Narrative = narrative(None)
    received: ApplicantCounts = _row("一、本年新收政府信息公开申请数量")
    carried_over: ApplicantCounts = _row("二、上年结转政府信息公开申请数量")
    outcomes: OutcomesT = part("三、本年度办理结果", (Outcomes2019, Outcomes2021))
    carried_forward: ApplicantCounts = _row("四、结转下年度继续办理")
