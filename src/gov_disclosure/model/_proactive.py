"""Section 二 — 主动公开政府信息情况: the tables under 第二十条, per edition.

Each row's ``group`` is the 第二十条 item whose table holds it; the row classes' fields are the columns.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from ._fields import Kind, choice, count, money, part, parts, signed_count
from ._narrative import Narrative, narrative

ITEM_1 = "第二十条第（一）项"
ITEM_5 = "第二十条第（五）项"
ITEM_6 = "第二十条第（六）项"
ITEM_8 = "第二十条第（八）项"
ITEM_9 = "第二十条第（九）项"
YUAN, TEN_THOUSAND_YUAN = "元", "万元"
CONTENT = "信息内容"
"""The header of the label column of every 第二十条 table."""


@attrs.frozen(kw_only=True)
class Documents2019:
    """规章 / 规范性文件 (2019 edition)."""

    produced: int = count("本年新制作数量")
    published: int = count("本年新公开数量")
    total_published: int = count("对外公开总数量")


@attrs.frozen(kw_only=True)
class ItemChanges2019:
    """行政事业性收费 (2019 edition): items last year and the change this year."""

    previous_items: int = count("上一年项目数量")
    change: int = signed_count("本年增/减")


@attrs.frozen(kw_only=True)
class ItemDecisions2019(ItemChanges2019):
    """行政许可, 其他对外管理服务事项, 行政处罚, 行政强制 (2019 edition)."""

    decisions: int = count("处理决定数量")


@attrs.frozen(kw_only=True)
class Procurement2019:
    """政府集中采购 (2019 edition); the template leaves the unit of the amount to the publisher."""

    projects: int = count("采购项目数量")
    amount: Decimal = money("采购总金额")
    unit: str = choice("单位", (YUAN, TEN_THOUSAND_YUAN))

    def in_yuan(self) -> Procurement2019:
        """The same row with the amount in 元, exactly (1 万元 = 10000 元)."""
        if self.unit == YUAN:
            return self
        amount = self.amount.scaleb(4)  # exact: only the exponent changes
        exponent = amount.as_tuple().exponent
        whole = isinstance(exponent, int) and exponent > 0
        return attrs.evolve(self, amount=amount.quantize(Decimal(1)) if whole else amount, unit=YUAN)


@attrs.frozen(kw_only=True)
class Proactive2019:
    """二、主动公开政府信息情况 (2019 edition)."""

    narrative: Narrative = narrative(None)
    regulations: Documents2019 = part("规章", Documents2019, group=ITEM_1)
    normative_documents: Documents2019 = part("规范性文件", Documents2019, group=ITEM_1)
    licensing: ItemDecisions2019 = part("行政许可", ItemDecisions2019, group=ITEM_5)
    other_services: ItemDecisions2019 = part("其他对外管理服务事项", ItemDecisions2019, group=ITEM_5)
    penalties: ItemDecisions2019 = part("行政处罚", ItemDecisions2019, group=ITEM_6)
    coercive_measures: ItemDecisions2019 = part("行政强制", ItemDecisions2019, group=ITEM_6)
    administrative_fees: ItemChanges2019 = part("行政事业性收费", ItemChanges2019, group=ITEM_8)
    procurement: Procurement2019 = part("政府集中采购", Procurement2019, group=ITEM_9)


@attrs.frozen(kw_only=True)
class Documents2021:
    """规章 / 行政规范性文件 (2021 edition)."""

    issued: int = count("本年制发件数")
    repealed: int = count("本年废止件数")
    in_force: int = count("现行有效件数")


@attrs.frozen(kw_only=True)
class Decisions2021:
    """行政许可, 行政处罚, 行政强制 (2021 edition)."""

    decisions: int = count("本年处理决定数量")


@attrs.frozen(kw_only=True)
class AdministrativeFees2021:
    """行政事业性收费 (administrative fees, 2021 edition): the amount collected, in 万元."""

    amount_10k_yuan: Decimal = money("本年收费金额（单位：万元）")


@attrs.frozen(kw_only=True)
class Proactive2021:
    """二、主动公开政府信息情况 (2021 edition)."""

    narrative: Narrative = narrative(None)
    regulations: Documents2021 = part("规章", Documents2021, group=ITEM_1)
    normative_documents: Documents2021 = part("行政规范性文件", Documents2021, group=ITEM_1)
    licensing: Decisions2021 = part("行政许可", Decisions2021, group=ITEM_5)
    penalties: Decisions2021 = part("行政处罚", Decisions2021, group=ITEM_6)
    coercive_measures: Decisions2021 = part("行政强制", Decisions2021, group=ITEM_6)
    administrative_fees: AdministrativeFees2021 = part("行政事业性收费", AdministrativeFees2021, group=ITEM_8)


ITEM_ROWS: tuple[str, ...] = tuple(
    p.name for p in parts(Proactive2019) if p.kind is Kind.PART and issubclass(p.type, ItemChanges2019)
)
"""The rows of the 2019 edition that count items: 上一年项目数量 and 本年增/减."""
DOCUMENT_ROWS: tuple[str, ...] = tuple(p.name for p in parts(Proactive2021) if p.type is Documents2021)
"""The rows of the 2021 edition that count documents: 本年制发件数, 本年废止件数, 现行有效件数."""
