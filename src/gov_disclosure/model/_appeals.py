"""Section 四 — 政府信息公开行政复议、行政诉讼情况 (the same in both editions)."""

from __future__ import annotations

import attrs

from ._fields import count, derived, part
from ._narrative import Narrative, narrative

LITIGATION = "行政诉讼"


@attrs.frozen(kw_only=True)
class AppealCounts:
    """Cases of one kind of appeal, by result (件)."""

    upheld: int = count("结果维持")
    corrected: int = count("结果纠正")
    other: int = count("其他结果")
    pending: int = count("尚未审结")

    @derived("总计")
    def total(self) -> int:
        """结果维持 + 结果纠正 + 其他结果 + 尚未审结."""
        return self.upheld + self.corrected + self.other + self.pending


@attrs.frozen(kw_only=True)
class Appeals:
    """四、政府信息公开行政复议、行政诉讼情况."""

    narrative: Narrative = narrative(None)
    administrative_review: AppealCounts = part("行政复议", AppealCounts)
    litigation_direct: AppealCounts = part("未经复议直接起诉", AppealCounts, group=LITIGATION)
    litigation_after_review: AppealCounts = part("复议后起诉", AppealCounts, group=LITIGATION)
