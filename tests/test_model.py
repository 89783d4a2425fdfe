"""The model: statutory labels and order, derived totals, and what construction refuses."""

from __future__ import annotations

import pickle
from decimal import Decimal

import attrs
import pytest
from hypothesis import given

from gov_disclosure import (
    AppealCounts,
    ApplicantCounts,
    Applications,
    Heading,
    Kind,
    Narrative,
    Outcomes2019,
    Outcomes2021,
    Paragraph,
    Proactive2019,
    Proactive2021,
    ProcessingFees,
    Procurement2019,
    Report2019,
    Report2021,
    labels_at,
    parts,
)
from gov_disclosure.model import ItemChanges2019, cells, part_at
from gov_disclosure.testing import reports

# The statutory labels, as printed in the official tables (format spec §3–5), in statutory order.
SECTION_3_ROWS_2021 = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "四、结转下年度继续办理",
]


def row_labels(applications: Applications[Outcomes2019] | Applications[Outcomes2021]) -> list[str]:
    cls = Applications[type(applications.outcomes)]  # type: ignore[misc]
    return [labels_at(cls, path)[-1] for path, _ in applications.rows()]


def test_section_3_rows_are_the_statutory_rows_in_order() -> None:
    assert row_labels(Applications(outcomes=Outcomes2021())) == SECTION_3_ROWS_2021
    rows_2019 = [*SECTION_3_ROWS_2021[:20], "（六）其他处理", SECTION_3_ROWS_2021[-1]]
    assert row_labels(Applications(outcomes=Outcomes2019())) == rows_2019
    for cls, cells_of_the_table in ((Report2019, 23 * 7), (Report2021, 25 * 7)):  # （七）总计 included
        counts = [c for c in cells(cls) if c.path.startswith("applications.") and c.kind is Kind.COUNT]
        assert len(counts) == cells_of_the_table


def test_section_3_groups_and_columns() -> None:
    labels = [labels_at(Outcomes2021, p.name)[-1] for p in parts(Outcomes2021)]
    assert labels == [
        "（一）予以公开",
        SECTION_3_ROWS_2021[3],
        "（三）不予公开",
        "（四）无法提供",
        "（五）不予处理",
        "（六）其他处理",
        "（七）总计",
    ]
    assert [(p.group, p.label) for p in parts(ApplicantCounts)] == [
        (None, "自然人"),
        ("法人或其他组织", "商业企业"),
        ("法人或其他组织", "科研机构"),
        ("法人或其他组织", "社会公益组织"),
        ("法人或其他组织", "法律服务机构"),
        ("法人或其他组织", "其他"),
        (None, "总计"),
    ]
    assert Applications.NOTE == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert ApplicantCounts.HEADER == "申请人情况"


def test_section_4_layout() -> None:
    from gov_disclosure import Appeals

    assert [(p.group, p.label) for p in parts(Appeals) if p.name != "narrative"] == [
        (None, "行政复议"),
        ("行政诉讼", "未经复议直接起诉"),
        ("行政诉讼", "复议后起诉"),
    ]
    assert [p.label for p in parts(AppealCounts)] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


@pytest.mark.parametrize(
    ("cls", "expected"),
    [
        (
            Proactive2019,
            [
                ("第二十条第（一）项", "规章", ["本年新制作数量", "本年新公开数量", "对外公开总数量"]),
                ("第二十条第（一）项", "规范性文件", ["本年新制作数量", "本年新公开数量", "对外公开总数量"]),
                ("第二十条第（五）项", "行政许可", ["上一年项目数量", "本年增/减", "处理决定数量"]),
                ("第二十条第（五）项", "其他对外管理服务事项", ["上一年项目数量", "本年增/减", "处理决定数量"]),
                ("第二十条第（六）项", "行政处罚", ["上一年项目数量", "本年增/减", "处理决定数量"]),
                ("第二十条第（六）项", "行政强制", ["上一年项目数量", "本年增/减", "处理决定数量"]),
                ("第二十条第（八）项", "行政事业性收费", ["上一年项目数量", "本年增/减"]),
                ("第二十条第（九）项", "政府集中采购", ["采购项目数量", "采购总金额", "单位"]),
            ],
        ),
        (
            Proactive2021,
            [
                ("第二十条第（一）项", "规章", ["本年制发件数", "本年废止件数", "现行有效件数"]),
                ("第二十条第（一）项", "行政规范性文件", ["本年制发件数", "本年废止件数", "现行有效件数"]),
                ("第二十条第（五）项", "行政许可", ["本年处理决定数量"]),
                ("第二十条第（六）项", "行政处罚", ["本年处理决定数量"]),
                ("第二十条第（六）项", "行政强制", ["本年处理决定数量"]),
                ("第二十条第（八）项", "行政事业性收费", ["本年收费金额（单位：万元）"]),
            ],
        ),
    ],
)
def test_section_2_tables(cls: type, expected: list[tuple[str, str, list[str]]]) -> None:
    rows = [(p.group, p.label, [c.label for c in parts(p.type)]) for p in parts(cls) if p.name != "narrative"]
    assert rows == expected


def test_section_headings() -> None:
    for cls in (Report2019, Report2021):
        headings = [p.label for p in parts(cls) if p.label and p.label[0] in "一二三四五六"]
        assert headings == [
            "一、总体情况",
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况",
            "六、其他需要报告的事项",
        ]


def test_derived_totals() -> None:
    row = ApplicantCounts(natural_person=2, commercial_enterprise=1, other_org=4)
    assert row.total == 7
    assert (row + row).total == 14
    assert AppealCounts(upheld=1, corrected=2, other=3, pending=4).total == 10
    outcomes = Outcomes2021(granted=row, other=attrs.evolve(Outcomes2021().other, fee_unpaid=row))
    assert outcomes.total == row + row
    with pytest.raises(AttributeError):
        row.total = 3  # type: ignore[misc]


@given(reports())
def test_the_outcomes_total_is_added_up_once_and_is_no_field(report: Report2019 | Report2021) -> None:
    outcomes = report.applications.outcomes
    rows = [row for _, row in outcomes.rows()]
    assert outcomes.total == sum(rows, ApplicantCounts())
    assert outcomes.total is outcomes.total  # kept: the rows of a frozen report never change
    changed = attrs.evolve(outcomes, granted=outcomes.granted + ApplicantCounts(natural_person=1))
    assert changed.total.natural_person == outcomes.total.natural_person + 1
    copy = pickle.loads(pickle.dumps(report))
    assert (copy, hash(copy), repr(copy)) == (report, hash(report), repr(report))
    assert "_total" not in attrs.fields_dict(type(outcomes))
    assert "_total" not in repr(outcomes)


def test_reports_are_frozen_and_keyword_only() -> None:
    report = Report2021(agency="某县人民政府", year=2022)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        report.year = 2023  # type: ignore[misc]
    with pytest.raises(TypeError):
        ApplicantCounts(2)  # type: ignore[misc]
    assert report.full_title == "某县人民政府2022年政府信息公开工作年度报告"
    assert attrs.evolve(report, title="另一标题").full_title == "另一标题"


def test_empty_report_is_all_zeros() -> None:
    report = Report2019(agency="某局", year=2019)
    assert report.applications.outcomes.total == ApplicantCounts()
    assert report.proactive.procurement == Procurement2019(projects=0, amount=Decimal(0), unit="元")
    assert isinstance(report.applications.outcomes, Outcomes2019)
    assert isinstance(Report2021(agency="某局", year=2021).applications.outcomes, Outcomes2021)


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (
            lambda: ApplicantCounts(natural_person=True),
            TypeError,
            "ApplicantCounts.natural_person (自然人) must be an integer count from 0 to 1,000,000,000, got True",
        ),
        (
            lambda: ApplicantCounts(other_org=-1),
            ValueError,
            "ApplicantCounts.other_org (其他) must be an integer count from 0 to 1,000,000,000, got -1",
        ),
        (lambda: ApplicantCounts(natural_person=3.0), TypeError, "got 3.0"),
        (lambda: ApplicantCounts(natural_person="3"), TypeError, "got '3'"),
        (
            lambda: AppealCounts(pending=-2),
            ValueError,
            "AppealCounts.pending (尚未审结) must be an integer count from 0 to 1,000,000,000, got -2",
        ),
        (
            lambda: Procurement2019(amount=1.5),
            TypeError,
            "Procurement2019.amount (采购总金额) must be a Decimal from 0 to below 1,000,000,000,000,000 with at most "
            "6 decimal places, got 1.5",
        ),
        (lambda: Procurement2019(amount=Decimal("-1")), ValueError, "got Decimal('-1')"),
        (lambda: Procurement2019(amount=Decimal("NaN")), ValueError, "got Decimal('NaN')"),
        (lambda: Procurement2019(amount=Decimal("-0")), ValueError, "got Decimal('-0')"),
        (lambda: Procurement2019(amount=Decimal("1E+999999999")), ValueError, "got Decimal('1E+999999999')"),
        (lambda: Procurement2019(amount=Decimal("0.1234567")), ValueError, "with at most 6 decimal places"),
        (lambda: ApplicantCounts(natural_person=10**9 + 1), ValueError, "got 1000000001"),
        (lambda: ApplicantCounts(natural_person=10**10_000), ValueError, "got an integer of about 10,001 digits"),
        (lambda: ItemChanges2019(change=-(10**9) - 1), ValueError, "from -1,000,000,000 to 1,000,000,000"),
        (lambda: Report2019(agency="某局", year="2019"), TypeError, "must be a year from 2019 to 2100, got '2019'"),
        (
            lambda: Procurement2019(unit="美元"),
            ValueError,
            "Procurement2019.unit (单位) must be one of 元, 万元, got '美元'",
        ),
        (
            lambda: ProcessingFees(notices=-1),
            ValueError,
            "ProcessingFees.notices (发出收费通知件数) must be an integer count from 0 to 1,000,000,000, got -1",
        ),
        (
            lambda: Report2019(agency="某局", year=2018),
            ValueError,
            "Report2019.year (统计年度) must be a year from 2019 to 2100, got 2018",
        ),
        (
            lambda: Report2021(agency="某局", year=2020),
            ValueError,
            "Report2021.year (统计年度) must be a year from 2021 to 2100, got 2020",
        ),
        (
            lambda: Report2021(agency="  ", year=2021),
            TypeError,
            "Report2021.agency (编制机关) must be a non-empty string",
        ),
        (
            lambda: Report2019(agency="某局", year=2019, applications=Applications(outcomes=Outcomes2021())),
            TypeError,
            "Report2019.applications must hold Outcomes2019, got Outcomes2021",
        ),
        (
            lambda: Report2019(agency="某局", year=2019, proactive=Proactive2021()),
            TypeError,
            "Report2019.proactive (二、主动公开政府信息情况) must be a Proactive2019, got Proactive2021",
        ),
        (
            lambda: Narrative(blocks=["text"]),
            TypeError,
            "Narrative block 0 must be a Heading or a Paragraph, got 'text'",
        ),
        (lambda: Paragraph(text=None), TypeError, "Paragraph.text must be a string, got None"),
    ],
)
def test_construction_refuses(make: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as raised:
        make()  # type: ignore[operator]
    assert message in str(raised.value)


def test_signed_change_and_narrative() -> None:
    from gov_disclosure import ItemDecisions2019

    assert ItemDecisions2019(previous_items=5, change=-417).change == -417
    with pytest.raises(TypeError, match="本年增/减"):
        ItemDecisions2019(change=1.0)
    text = Narrative(blocks=[Heading(text="（一）加强组织领导。"), Paragraph(text="正文。")])
    assert text.blocks == (Heading(text="（一）加强组织领导。"), Paragraph(text="正文。"))
    assert text
    assert not Narrative()


def test_paths_reach_every_label() -> None:
    assert labels_at(Report2021, "applications.outcomes.other.fee_unpaid.natural_person") == (
        "三、收到和处理政府信息公开申请情况",
        "三、本年度办理结果",
        "（六）其他处理",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "自然人",
    )
    with pytest.raises(KeyError):
        part_at(Report2019, "applications.outcomes.other.fee_unpaid")


def test_parts_describes_only_the_tables() -> None:
    with pytest.raises(TypeError, match="parts\\(\\) describes the model's sections, tables and rows, not"):
        parts(Narrative)
