"""The head of a published report: its body and year however the title is printed, and its edition by its year."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gov_disclosure import Report2019, Report2021, Severity, read_text
from helpers import flattened
from layouts import BODIES, published_heads

COMMON_ROWS = """某县人民政府{year}年政府信息公开工作年度报告
三、收到和处理政府信息公开申请情况
| 一、本年新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
| 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| （一）予以公开 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
| （七）总计 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
| 四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
"""
"""A page whose tables print no label of one edition only."""


@given(st.sampled_from(BODIES), st.integers(2019, 2030), st.data())
def test_a_title_printed_any_way_gives_the_body_and_the_year(agency: str, year: int, data: st.DataObject) -> None:
    head, title = data.draw(published_heads(agency, year))
    reading = read_text("\n".join([*head, *COMMON_ROWS.format(year=year).splitlines()[1:]]))
    assert reading.report is not None, [str(f) for f in reading.findings]
    assert (reading.report.agency, reading.report.year) == (agency, year)
    assert reading.report.full_title == title
    assert reading.report.edition == ("2021" if year >= 2021 else "2019")
    assert {f.rule for f in reading.findings} <= {"READ-MISSING"}  # the rows COMMON_ROWS leaves out


def test_a_title_without_the_body_takes_it_from_the_crawler_s_field() -> None:
    report = Report2021(agency="某市生态环境局", year=2023)
    page = flattened(report).replace(report.full_title, "发布机构：某市生态环境局\n2023年度政府信息公开工作年度报告")
    reading = read_text(page)
    assert reading.report is not None
    assert (reading.report.agency, reading.report.title) == ("某市生态环境局", "2023年度政府信息公开工作年度报告")
    [source] = [f for f in reading.findings if f.rule == "READ-TITLE-SOURCE"]
    assert (source.severity, source.path) == (Severity.INFO, "agency")
    assert "发布机构" in source.message


def test_a_title_without_the_body_and_no_field_is_said_so() -> None:
    page = flattened(Report2021(agency="某局", year=2023)).replace("某局2023年", "2023年")
    reading = read_text(page)
    assert reading.report is None
    assert [f.rule for f in reading.findings] == ["READ-TITLE"]


def test_tables_that_do_not_tell_the_edition_are_read_in_the_edition_of_the_year() -> None:
    for year, edition in ((2020, "2019"), (2021, "2021"), (2024, "2021")):
        reading = read_text(COMMON_ROWS.format(year=year))
        assert reading.report is not None
        assert (reading.report.year, reading.report.edition) == (year, edition)
        assert "READ-EDITION" not in {f.rule for f in reading.findings}


def test_tables_of_the_2019_format_in_a_later_year_are_read_as_printed() -> None:
    report = Report2019(agency="某县人民政府", year=2019)
    page = flattened(report).replace("2019年", "2022年", 1)
    reading = read_text(page)
    assert reading.report is not None
    assert (reading.report.year, reading.report.edition) == (2022, "2019")  # validate() warns: EDITION-YEAR


def test_tables_of_the_2021_format_for_2020_are_read_in_the_2019_format_with_a_warning() -> None:
    report = Report2021(agency="某县人民政府", year=2024)
    page = flattened(report).replace("2024年", "2020年", 1)
    reading = read_text(page)
    assert reading.report is not None
    assert (reading.report.year, reading.report.edition) == (2020, "2019")
    [conflict] = [f for f in reading.findings if f.rule == "READ-EDITION"]
    assert (conflict.severity, conflict.path) == (Severity.WARNING, "year")
    assert "2021年版" in conflict.message


def test_a_year_before_either_edition_is_refused_by_the_model_not_by_a_crash() -> None:
    reading = read_text(COMMON_ROWS.format(year=2018))
    assert reading.report is None
    [year] = [f for f in reading.findings if f.path == "year"]
    assert year.rule == "LOAD-VALUE"
