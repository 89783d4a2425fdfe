"""Labels as publishers print them, found among the statutory rows of each edition's tables."""

from __future__ import annotations

import pytest

from gov_disclosure.reading._vocabulary import ONLY, VOCABULARIES, find

# (edition, label as published, wire path under applications; None: no row of the edition)
SECTION_3 = [
    ("2021", "一、本年新收政府信息公开申请数量", "received"),
    ("2019", "本年新收政府信息公开申请数量", "received"),  # the enumeration dropped
    ("2021", "二、上年结转政府信息公开申请数量", "carried_over"),
    ("2019", "（一）予以公开", "outcomes.granted"),
    ("2021", "(二)部分公开", "outcomes.partially_granted"),  # shortened, ASCII brackets
    ("2019", "1.属于国家秘密", "outcomes.withheld.state_secret"),
    ("2021", "2.其他法律行政止公开", "outcomes.withheld.prohibited_by_law"),  # a character lost in extraction
    ("2019", '3.危及"三安全一稳定"', "outcomes.withheld.security_and_stability"),  # ASCII quotes
    ("2021", "1、本机关不掌握相关政府信息", "outcomes.unavailable.not_held"),  # 、 for .
    ("2019", "４．无正当理由大量反复申请", "outcomes.not_processed.excessive"),  # full-width enumeration
    ("2021", "5.要求行政机关确认或重新出具已获取信息", "outcomes.not_processed.confirmation_or_reissue"),
    ("2019", "（六）其他处理", "outcomes.other"),
    ("2021", "（六）其他处理", None),  # a group of three rows in 2021, not a row
    ("2021", "3.其他", "outcomes.other.other"),
    ("2019", "3.其他", None),
    ("2021", "（七）总计", "outcomes.total"),
    ("2019", "四、结转下年度继续办理", "carried_forward"),
    ("2021", "合计", None),
]

# (edition, label as published, wire name under proactive; None: no row of the edition)
SECTION_2 = [
    ("2019", "规范性文件", "normative_documents"),
    ("2021", "行政规范性文件", "normative_documents"),
    ("2021", "规范性文件", "normative_documents"),  # the 2019 label in a 2021 table
    ("2019", "其他对外管理服务事项", "other_services"),
    ("2021", "其他对外管理服务事项", None),
    ("2021", "行政 许可", "licensing"),  # a layout space
    ("2019", "政府集中采购", "procurement"),
    ("2021", "政府集中采购", None),
]


@pytest.mark.parametrize(("edition", "label", "path"), SECTION_3)
def test_a_published_row_of_section_3_is_found_by_its_label(edition: str, label: str, path: str | None) -> None:
    assert find(VOCABULARIES[edition].applications, label) == path


@pytest.mark.parametrize(("edition", "label", "name"), SECTION_2)
def test_a_published_row_of_section_2_is_found_by_its_label(edition: str, label: str, name: str | None) -> None:
    found = find(VOCABULARIES[edition].proactive, label)
    assert (found.name if found else None) == name


def test_each_edition_prints_words_the_other_does_not() -> None:
    assert "行政规范性文件" in ONLY["2021"]
    assert "其他对外管理服务事项" in ONLY["2019"]
    assert not ONLY["2019"] & ONLY["2021"]
