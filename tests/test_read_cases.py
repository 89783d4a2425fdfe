"""One real-looking case of each class of published input the layouts generator covers (:mod:`layouts`):
tables copied as tab rows, rows leaving cells out, merged blank cells, a table without a column, Word rows
whose last cell spans, edited documents, and the body and year stated outside the title."""

from __future__ import annotations

import io

import docx
import pytest

from conftest import EXAMPLES
from gov_disclosure import Severity, load, read, read_text

HEAD = "某县人民政府{year}年政府信息公开工作年度报告\n"
OUTCOME_ROWS = (
    ("（一）予以公开", (95, 0, 0, 0, 0, 0, 95)),
    ("（七）总计", (95, 0, 0, 0, 0, 0, 95)),
    ("四、结转下年度继续办理", (0, 0, 0, 0, 0, 0, 0)),
)


def rules(reading) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    found: dict[str, list[str]] = {}
    for finding in reading.findings:
        if finding.severity is not Severity.INFO:
            found.setdefault(finding.rule, []).append(finding.path)
    return found


def test_a_web_table_copied_as_tab_rows_is_read_cell_by_cell() -> None:
    page = HEAD.format(year=2020) + (
        "二、主动公开政府信息情况\n"
        "第二十条第（五）项\n"
        "信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n"
        "行政许可\t１６４\t-17\t/\n"
        "其他对外管理服务事项\t12\t\t3\n"
        "三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息公开申请数量\t95\t\t\t\t\t\t95\n"
    )
    report = read_text(page).report
    assert report is not None
    assert (report.proactive.licensing.previous_items, report.proactive.licensing.change) == (164, -17)
    assert report.proactive.licensing.decisions == 0
    assert (report.proactive.other_services.previous_items, report.proactive.other_services.decisions) == (12, 3)
    assert report.applications.received.natural_person == 95


def html_table(*rows: str) -> bytes:
    head = (
        "<tr><th rowspan=3 colspan=3>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th>"
        "<th colspan=7>申请人情况</th></tr>"
        "<tr><th rowspan=2>自然人</th><th colspan=5>法人或其他组织</th><th rowspan=2>总计</th></tr>"
        "<tr><th>商业企业</th><th>科研机构</th><th>社会公益组织</th><th>法律服务机构</th><th>其他</th></tr>"
    )
    body = "".join(rows)
    page = f"<html><body><p>{HEAD.format(year=2023)}</p><h2>三、收到和处理政府信息公开申请情况</h2>"
    return f"{page}<table>{head}{body}</table></body></html>".encode()


def test_an_html_row_leaving_out_its_zero_cells_is_not_filled_from_the_left() -> None:
    row = "<tr><td colspan=3>一、本年新收政府信息公开申请数量</td><td>95</td><td>95</td></tr>"
    reading = read(html_table(row), format="html")
    assert reading.report is not None
    assert reading.report.applications.received.commercial_enterprise == 0  # not the 95 of 总计
    assert "applications.received" in rules(reading)["READ-MISSING"]


def test_blank_cells_merged_into_one_are_each_zero() -> None:
    row = "<tr><td colspan=3>一、本年新收政府信息公开申请数量</td><td>95</td><td colspan=5></td><td>95</td></tr>"
    reading = read(html_table(row), format="html")
    assert reading.report is not None
    received = reading.report.applications.received
    assert (received.natural_person, received.other_org, received.total) == (95, 0, 95)
    assert "applications.received" not in rules(reading).get("READ-MISSING", [])


def test_a_table_without_a_column_reads_the_others_in_theirs() -> None:
    head = (
        "<tr><th rowspan=2 colspan=3>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th>"
        "<th colspan=5>法人或其他组织</th><th rowspan=2>总计</th></tr>"
        "<tr><th>商业企业</th><th>科研机构</th><th>社会公益组织</th><th>法律服务机构</th><th>其他</th></tr>"
    )
    cells = "".join(f"<td>{n}</td>" for n in (7, 0, 0, 0, 1, 8))
    row = f"<tr><td colspan=3>一、本年新收政府信息公开申请数量</td>{cells}</tr>"
    page = f"<p>{HEAD.format(year=2023)}</p><p>三、收到和处理政府信息公开申请情况</p><table>{head}{row}</table>"
    reading = read(page.encode(), format="html")
    assert reading.report is not None
    received = reading.report.applications.received
    assert (received.natural_person, received.commercial_enterprise, received.other_org) == (0, 7, 1)
    assert "applications.received.natural_person" in rules(reading)["READ-MISSING"]


def test_word_2019_rows_whose_last_cell_spans_are_read() -> None:
    document = docx.Document()
    document.add_paragraph(HEAD.format(year=2019).strip())
    document.add_paragraph("二、主动公开政府信息情况")
    table = document.add_table(rows=3, cols=4)
    for column, text in enumerate(("信息内容", "上一年项目数量", "本年增/减", "")):
        table.cell(1, column).text = text
    table.cell(0, 0).merge(table.cell(0, 3)).text = "第二十条第（八）项"
    table.cell(2, 0).text = "行政事业性收费"
    table.cell(2, 1).text = "5"
    table.cell(2, 2).text = "-2"
    table.cell(1, 2).merge(table.cell(1, 3))
    table.cell(2, 2).merge(table.cell(2, 3))  # 本年增/减 spans the last column, as the 2019 template has it
    out = io.BytesIO()
    document.save(out)
    reading = read(out.getvalue(), format="docx")
    assert reading.report is not None
    fees = reading.report.proactive.administrative_fees
    assert (fees.previous_items, fees.change) == (5, -2)
    assert "proactive.administrative_fees" not in rules(reading).get("READ-MISSING", [])


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_a_document_edited_to_another_year_is_read_as_printed(fmt: str) -> None:
    report = load(EXAMPLES / "hongze-2024.yaml")
    if fmt == "docx":
        document = docx.Document(io.BytesIO(report.to_docx()))
        for run in document.paragraphs[0].runs:
            run.text = run.text.replace("2024", "2025")
        out = io.BytesIO()
        document.save(out)
        data = out.getvalue()
    else:
        data = report.to_html().replace("<h1>淮安市洪泽区人民政府2024年", "<h1>淮安市洪泽区人民政府2025年").encode()
    reading = read(data, format=fmt)
    assert reading.report is not None
    assert (reading.report.agency, reading.report.year) == ("淮安市洪泽区人民政府", 2025)
    [edited] = [f for f in reading.findings if f.rule == "READ-METADATA"]
    assert (edited.severity, edited.path) == (Severity.WARNING, "year")


ROWS = "三、收到和处理政府信息公开申请情况\n| 一、本年新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n"


def test_the_year_from_the_statistics_period_and_the_body_from_the_signature() -> None:
    page = (
        "政府信息公开工作年度报告\n"
        "本报告数据统计期限自2022年1月1日起至2022年12月31日止。\n" + ROWS + "六、其他需要报告的事项\n无。\n"
        "某县交通运输局\n2023年1月20日\n"
    )
    reading = read_text(page)
    assert reading.report is not None
    assert (reading.report.agency, reading.report.year) == ("某县交通运输局", 2022)
    sources = {f.path: f.message for f in reading.findings if f.rule == "READ-TITLE-SOURCE"}
    assert "统计期限" in sources["year"]
    assert "落款" in sources["agency"]


def test_the_body_and_year_from_the_file_name(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "某县民政局2021年政府信息公开工作年度报告.txt"
    path.write_text("政府信息公开年度报告\n" + ROWS, encoding="utf-8")
    reading = read(path)
    assert reading.report is not None
    assert (reading.report.agency, reading.report.year) == ("某县民政局", 2021)
    assert {f.path for f in reading.findings if f.rule == "READ-TITLE-SOURCE"} == {"agency", "year"}
