"""Reading reports back: our own documents exactly, real published reports cell for cell, bad input safely."""

from __future__ import annotations

import datetime
import functools
import io
import json
import re
import zipfile
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS, EXAMPLES
from gov_disclosure import (
    APPLICANT_COLUMNS,
    Format,
    LoadError,
    ReadError,
    Reading,
    Report,
    Report2019,
    Report2021,
    Severity,
    dumps,
    load,
    loads,
    read,
    read_docx,
    read_html,
    read_text,
    to_dict,
    validate,
)
from gov_disclosure.cli import main
from gov_disclosure.reading._document import Line, Row
from gov_disclosure.reading._fronts import from_docx, from_text
from gov_disclosure.testing import reports
from helpers import flattened, get_at, rezipped, with_part

SIX = APPLICANT_COLUMNS[:-1]

# Section 三 of real reports as published, one list of the six applicant columns per row, in statutory order;
# transcribed from the files and checked by the accounting rules (每列：一 + 二 = （七）总计 + 四).
SHANGHAI_2019 = [
    [821, 35, 0, 0, 2, 1], [18, 0, 0, 0, 0, 0], [258, 12, 0, 0, 1, 1], [3, 0, 0, 0, 0, 0],
    [14, 0, 0, 0, 0, 0], [0] * 6, [0] * 6, [0] * 6, [5, 0, 0, 0, 0, 0], [3, 1, 0, 0, 0, 0], [0] * 6,
    [10, 2, 0, 0, 0, 0], [252, 12, 0, 0, 1, 0], [44, 3, 0, 0, 0, 0], [25, 0, 0, 0, 0, 0],
    [148, 1, 0, 0, 0, 0], [5, 4, 0, 0, 0, 0], [0] * 6, [0] * 6, [0] * 6, [0] * 6, [72, 0, 0, 0, 0, 0],
]  # fmt: skip
SHUYANG_2025 = [
    [705, 3, 0, 0, 5, 0], [36, 0, 0, 0, 0, 0], [290, 1, 0, 0, 3, 0], [99, 0, 0, 0, 2, 0],
    [0] * 6, [0] * 6, [2, 0, 0, 0, 0, 0], [2, 0, 0, 0, 0, 0], [13, 0, 0, 0, 0, 0], [2, 0, 0, 0, 0, 0],
    [4, 0, 0, 0, 0, 0], [9, 0, 0, 0, 0, 0], [111, 0, 0, 0, 0, 0], [2, 0, 0, 0, 0, 0], [0] * 6,
    [12, 0, 0, 0, 0, 0], [6, 1, 0, 0, 0, 0], [0] * 6, [0] * 6, [0] * 6, [9, 0, 0, 0, 0, 0],
    [7, 0, 0, 0, 0, 0], [142, 1, 0, 0, 0, 0], [31, 0, 0, 0, 0, 0],
]  # fmt: skip


def section_3(report: Report) -> list[list[int]]:
    return [[getattr(row, c) for c in SIX] for _, row in report.applications.rows()]


def section_4(report: Report) -> list[int]:
    a = report.appeals
    groups = (a.administrative_review, a.litigation_direct, a.litigation_after_review)
    return [n for g in groups for n in (g.upheld, g.corrected, g.other, g.pending, g.total)]


@settings(max_examples=20, deadline=None)
@given(reports())
def test_our_documents_read_back_exactly(report: Report) -> None:
    for reading in (read(report.to_docx()), read(report.to_html().encode("utf-8"))):
        assert reading.findings == tuple(validate(report))  # the rules' findings only: the reader has none
        assert reading.report == report


def test_a_document_whose_heading_is_long_reads_back_exactly() -> None:
    report = Report2021(agency="某" * 200 + "人民政府", year=2024, title="标题" * 100, consolidated_from=("甲", "乙"))
    assert read(report.to_docx()).report == report  # its metadata is longer than python-docx lets comments be


def test_where_each_number_came_from() -> None:
    reading = read_docx(load(EXAMPLES / "hongze-2024.yaml").to_docx())
    assert reading.sources["applications.received.natural_person"] == "table 2, row 4, column 4"
    assert reading.sources["appeals.litigation_after_review.total"] == "table 3, row 4, column 15"


def test_enping_page_text_is_the_example() -> None:
    reading = read(CORPUS / "guangdong-enping-government-office-2019.txt")
    assert reading.report == load(EXAMPLES / "enping-2019.yaml")
    [chrome] = reading.findings
    assert (chrome.rule, chrome.severity) == ("READ-CHROME", Severity.INFO)
    assert chrome.message_en == "13 line(s) from line 626 are not the report (site chrome) and were left out"


def test_shanghai_html() -> None:
    reading = read_html(CORPUS / "shanghai-government-office-2019.html")
    report = reading.report
    assert report is not None
    assert (report.edition, report.agency, report.year) == ("2019", "上海市人民政府办公厅", 2019)
    assert section_3(report) == SHANGHAI_2019
    a = report.applications
    assert (a.received.total, a.carried_over.total, a.outcomes.total.total, a.carried_forward.total) == (
        859,
        18,
        805,
        72,
    )
    assert section_4(report) == [5, 0, 0, 2, 7, 8, 0, 0, 1, 9, 0, 0, 0, 0, 0]
    assert (report.proactive.procurement.projects, str(report.proactive.procurement.amount)) == (6, "251000")
    assert validate(report) == []
    rules = {f.rule for f in reading.findings}
    assert rules == {"READ-BLANK"}  # blank cells taken as 0; the blank 总计 cells are not compared
    blank_total = next(f for f in reading.findings if f.path == "applications.outcomes.granted.total")
    assert "not stated, so not compared" in blank_total.message_en


def test_shuyang_ocr_markdown() -> None:
    reading = read(CORPUS / "jiangsu-shuyang-county-2025-ocr.txt")
    report = reading.report
    assert report is not None
    assert (report.edition, report.agency, report.year) == ("2021", "沐阳县人民政府", 2025)  # the OCR error stays
    assert section_3(report) == SHUYANG_2025
    a = report.applications
    assert (a.received.total, a.carried_over.total, a.outcomes.total.total, a.carried_forward.total) == (
        713,
        36,
        718,
        31,
    )
    assert section_4(report)[:5] == [27, 10, 9, 15, 61]
    assert report.proactive.licensing.decisions == 517645
    assert (report.signature, report.date) == ("沐阳县人民政府", datetime.date(2026, 1, 23))  # its last two lines
    assert report.other_matters.blocks[-1].text.endswith("其中民政局1件，收取380元。")
    assert {f.severity for f in reading.findings} == {Severity.INFO}
    assert {f.rule for f in reading.findings} == {"READ-LABEL-VARIANT"}  # labels without 一、 or (一)


def test_a_report_before_2019_is_not_forced_into_an_edition() -> None:
    reading = read(CORPUS / "fujian-pingtan-2018-pre2019-format-excerpt.txt")
    assert reading.report is None
    assert [f.rule for f in reading.findings] == ["READ-NOT-A-REPORT"]


def test_publisher_errors_are_found_not_fixed() -> None:
    page = load(EXAMPLES / "hongze-2024.yaml").to_html()
    page = page.replace('data-path="applications.received.total">95<', 'data-path="applications.received.total">96<')
    page = page.replace(
        'data-path="appeals.administrative_review.total">2<', 'data-path="appeals.administrative_review.total">0<'
    )
    page = page.replace(
        'data-path="applications.outcomes.total.natural_person">95<',
        'data-path="applications.outcomes.total.natural_person">94<',
    )
    reading = read_html(page.encode())
    found = {(f.rule, f.path, f.stated, f.expected) for f in reading.findings}
    assert found == {
        ("T3-STATED-ROW-TOTAL", "applications.received.total", 96, 95),
        ("T4-STATED-TOTAL", "appeals.administrative_review.total", 0, 2),
        ("T3-STATED-OUTCOME-TOTAL", "applications.outcomes.total.natural_person", 94, 95),
    }
    assert reading.report == load(EXAMPLES / "hongze-2024.yaml")  # the parts make the report


def test_cells_written_as_zero() -> None:
    text = (CORPUS / "guangdong-enping-government-office-2019.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    received = lines.index("  一、本年新收政府信息公开申请数量")
    lines[received + 4] = "  /"  # 商业企业 written "/"
    reading = read_text("\n".join(lines))
    blank = [f for f in reading.findings if f.rule == "READ-BLANK"]
    assert [(f.path, f.severity) for f in blank] == [("applications.received.commercial_enterprise", Severity.INFO)]
    assert reading.report is not None
    assert reading.report.applications.received.commercial_enterprise == 0


@pytest.mark.parametrize("data", [b"PK\x03\x04 not a zip", b"PK\x03\x04" + bytes(100)])
def test_a_broken_word_file(data: bytes) -> None:
    with pytest.raises(ReadError, match="cannot be read as docx"):
        read(data)


def test_a_zip_bomb_is_refused(tmp_path: Path) -> None:
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", bytes(60 * 1024 * 1024))
    with pytest.raises(ReadError, match="unpacks to more than 50 MB"):
        read(bomb.getvalue())


def test_a_missing_file() -> None:
    with pytest.raises(ReadError, match=r"missing\.html: cannot read the file: No such file or directory"):
        read("missing.html")


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_gives_a_reading(text: str) -> None:
    reading = read_text(text)
    assert reading.report is None or isinstance(reading.report, Report)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<p>",
                "</p>",
                "<table>",
                "<tr>",
                "<td colspan='2'>",
                "</td>",
                "一、总体情况",
                "三、收到和处理政府信息公开申请情况",
                "1.属于国家秘密",
                "7",
                "—",
                "<h2>",
                "&amp;",
            ]
        ),
        max_size=40,
    )
)
def test_any_html_gives_a_reading(parts: list[str]) -> None:
    reading = read_html("".join(parts).encode())
    assert isinstance(reading.findings, tuple)


@functools.cache
def hongze_docx() -> bytes:
    return load(EXAMPLES / "hongze-2024.yaml").to_docx()


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_mutated_word_files_give_a_reading_or_a_read_error(data: st.DataObject) -> None:
    document = bytearray(hongze_docx())
    for _ in range(data.draw(st.integers(1, 5))):
        position = data.draw(st.integers(0, len(document) - 1))
        document[position] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(document)))
    try:
        reading = read(bytes(document[:cut]), format="docx")
    except ReadError:
        return
    assert reading.report is None or isinstance(reading.report, Report)


def renamed_parts(docx: bytes, renames: dict[str, str]) -> bytes:
    """*docx* with its parts renamed, each reference to them in the package's XML changed with them."""

    def renamed(name: str, data: bytes) -> tuple[str, bytes]:
        for old, new in renames.items():
            name, data = name.replace(old, new), data.replace(old.encode(), new.encode())
        return name, data

    return rezipped(docx, renamed)


def test_word_parts_are_found_by_their_relationships() -> None:
    expected = read(hongze_docx())
    moved = renamed_parts(hongze_docx(), {"document.xml": "main.xml", "styles.xml": "looks.xml"})
    with zipfile.ZipFile(io.BytesIO(moved)) as archive:
        assert "word/document.xml" not in archive.namelist()
    document = from_docx(moved)
    assert document == from_docx(hongze_docx())
    assert {item.heading for item in document.items if isinstance(item, Line)} == {None, False}  # 正文: its styles read
    reading = read(moved)
    assert reading.report == expected.report
    assert [f.rule for f in reading.findings] == [f.rule for f in expected.findings]
    with pytest.raises(ReadError, match="no main document part"):
        read(renamed_parts(hongze_docx(), {"relationships/officeDocument": "relationships/other"}))


def test_read_command(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    html = tmp_path / "hongze.html"
    html.write_text(load(EXAMPLES / "hongze-2024.yaml").to_html(), encoding="utf-8")
    old = CORPUS / "fujian-pingtan-2018-pre2019-format-excerpt.txt"
    assert main(["read", str(html)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{html}: 淮安市洪泽区人民政府2024年政府信息公开工作年度报告（2021年版格式） — 通过")
    assert main(["read", "--json", str(html), str(old)]) == 1
    first, second = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert first["source"] == str(html)
    assert first["report"]["applications"]["received"]["total"] == 95
    assert first["findings"] == []
    assert second["report"] is None
    assert [f["rule"] for f in second["findings"]] == ["READ-NOT-A-REPORT"]
    assert main(["read", str(tmp_path / "none.docx")]) == 1  # a READ-FILE finding: no such file


@pytest.mark.parametrize("name", ["enping-2019.yaml", "hongze-2024.yaml"])
def test_a_flattened_outcome_total_that_is_not_the_sum_of_its_rows_is_an_error(name: str) -> None:
    example = load(EXAMPLES / name)
    page = re.sub(r"(（七）总计)(\d+)", lambda found: found[1] + "0" * 7, flattened(example))  # printed as zeros
    reading = read_text(page)
    stated = [(f.path, f.stated, f.expected) for f in reading.findings if f.rule == "T3-STATED-OUTCOME-TOTAL"]
    total = example.applications.outcomes.total
    assert stated == [  # every column printed 0 that is not: 自然人, and the 总计 of the row
        ("applications.outcomes.total.natural_person", 0, total.natural_person),
        ("applications.outcomes.total.total", 0, total.total),
    ]
    assert reading.report is not None
    assert reading.report.applications.outcomes == example.applications.outcomes  # the rows make the report


def test_a_flattened_amount_split_from_a_run_is_an_amount() -> None:
    page = flattened(Report2019(agency="某县人民政府", year=2019)).replace("政府集中采购00元", "政府集中采购00")
    reading = read_text(page)  # one split: 0 projects, an amount of 0 (printed without its unit)
    assert reading.report is not None, [str(f) for f in reading.findings]
    assert (reading.report.proactive.procurement.projects, reading.report.proactive.procurement.amount) == (0, 0)


def test_the_verdict_of_read_includes_the_rules(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    page = (CORPUS / "guangdong-enping-government-office-2019.txt").read_text(encoding="utf-8")
    changed = tmp_path / "changed.txt"
    changed.write_text(re.sub(r"(一、本年新收政府信息公开申请数量\s+)2\b", r"\g<1>3", page, count=1), encoding="utf-8")
    assert main(["read", str(changed)]) == 1
    out = capsys.readouterr().out
    assert "T3-BALANCE applications.carried_forward.natural_person" in out
    assert "0 个错误" not in out


@pytest.mark.usefixtures("pdf_reader")
def test_hongze_2023_pdf_has_exactly_its_two_publisher_errors() -> None:
    reading = read(CORPUS / "jiangsu-hongze-district-2023.pdf")
    errors = [(f.rule, f.path, f.stated, f.expected) for f in reading.findings if f.severity is Severity.ERROR]
    assert errors == [
        ("T4-STATED-TOTAL", "appeals.administrative_review.total", 0, 11),
        ("T4-STATED-TOTAL", "appeals.litigation_after_review.total", 0, 5),
    ]
    report = reading.report
    assert report is not None
    a = report.applications
    assert (a.received.total, a.carried_over.total, a.outcomes.total.total, a.carried_forward.total) == (21, 0, 21, 0)
    assert section_4(report) == [10, 1, 0, 0, 11, 0, 0, 0, 0, 0, 5, 0, 0, 0, 5]  # the parts make the report


@pytest.mark.usefixtures("pdf_reader")
def test_hongze_2024_pdf_tables_are_the_example() -> None:
    reading = read(CORPUS / "jiangsu-hongze-district-2024.pdf")
    report, example = reading.report, load(EXAMPLES / "hongze-2024.yaml")
    assert report is not None
    assert (report.agency, report.year) == (example.agency, example.year)
    assert (report.proactive, report.applications, report.appeals) == (
        example.proactive,
        example.applications,
        example.appeals,
    )
    variants = [f.message_en for f in reading.findings if f.rule == "READ-LABEL-VARIANT"]
    assert any("2.其他法律行政止公开" in v for v in variants)  # the PDF's text lost two characters of this label
    assert not [f for f in reading.findings if f.severity is not Severity.INFO]


@pytest.mark.usefixtures("pdf_reader")
def test_huaian_2024_pdf_across_pages() -> None:
    reading = read(CORPUS / "jiangsu-huaian-city-2024.pdf")
    report = reading.report
    assert report is not None
    a = report.applications
    assert (a.received.total, a.carried_over.total, a.outcomes.total.total, a.carried_forward.total) == (
        3119,
        34,
        3050,
        103,
    )
    assert validate(report) == []
    assert reading.findings == ()


# Pages crawled flat: every table cell run together. The non-zero rows of 三 (the six applicant columns) and
# the fifteen figures of 四, as the accounting rules split the digit runs; transcribed and checked by hand.
PINGTAN = {
    "fujian-pingtan-2019.txt": (
        {
            "received": [23, 0, 0, 0, 0, 0],
            "outcomes.granted": [7, 0, 0, 0, 0, 0],
            "outcomes.partially_granted": [1, 0, 0, 0, 0, 0],
            "outcomes.unavailable.not_held": [7, 0, 0, 0, 0, 0],
            "outcomes.unavailable.unclear_after_amendment": [5, 0, 0, 0, 0, 0],
            "outcomes.not_processed.repeated": [3, 0, 0, 0, 0, 0],
        },
        [0] * 15,
    ),
    "fujian-pingtan-2021.txt": (
        {
            "received": [64, 0, 0, 2, 0, 4],
            "outcomes.granted": [27, 0, 0, 2, 0, 1],
            "outcomes.partially_granted": [5, 0, 0, 0, 0, 0],
            "outcomes.withheld.internal_affairs": [1, 0, 0, 0, 0, 0],
            "outcomes.withheld.enforcement_files": [6, 0, 0, 0, 0, 0],
            "outcomes.withheld.administrative_inquiry": [1, 0, 0, 0, 0, 0],
            "outcomes.unavailable.not_held": [22, 0, 0, 0, 0, 3],
            "outcomes.other.other": [1, 0, 0, 0, 0, 0],
            "carried_forward": [1, 0, 0, 0, 0, 0],
        },
        [1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0],
    ),
    "fujian-pingtan-2022.txt": (
        {
            "received": [71, 3, 0, 0, 0, 0],
            "carried_over": [1, 0, 0, 0, 0, 0],
            "outcomes.granted": [21, 0, 0, 0, 0, 0],
            "outcomes.partially_granted": [8, 1, 0, 0, 0, 0],
            "outcomes.withheld.internal_affairs": [1, 0, 0, 0, 0, 0],
            "outcomes.withheld.process_information": [2, 0, 0, 0, 0, 0],
            "outcomes.withheld.enforcement_files": [1, 0, 0, 0, 0, 0],
            "outcomes.unavailable.not_held": [37, 0, 0, 0, 0, 0],
            "outcomes.other.amendment_overdue": [2, 0, 0, 0, 0, 0],
            "outcomes.other.other": [0, 2, 0, 0, 0, 0],
        },
        [0, 1, 1, 0, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0],
    ),
    "fujian-pingtan-2024.txt": (
        {
            "received": [217, 1, 0, 0, 0, 0],
            "outcomes.granted": [71, 0, 0, 0, 0, 0],
            "outcomes.partially_granted": [29, 0, 0, 0, 0, 0],
            "outcomes.withheld.state_secret": [4, 0, 0, 0, 0, 0],
            "outcomes.withheld.third_party_rights": [3, 0, 0, 0, 0, 0],
            "outcomes.withheld.internal_affairs": [32, 0, 0, 0, 0, 0],
            "outcomes.unavailable.not_held": [75, 0, 0, 0, 0, 0],
            "outcomes.not_processed.repeated": [1, 0, 0, 0, 0, 0],
            "outcomes.other.amendment_overdue": [1, 0, 0, 0, 0, 0],
            "outcomes.other.other": [1, 1, 0, 0, 0, 0],
        },
        [2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19],
    ),
}


@pytest.mark.parametrize("name", PINGTAN)
def test_digit_runs_are_split_by_the_accounting_rules(name: str) -> None:
    rows, appeals = PINGTAN[name]
    reading = read(CORPUS / name)
    report = reading.report
    assert report is not None
    assert {path: [getattr(row, c) for c in SIX] for path, row in report.applications.rows() if row.total} == rows
    assert section_4(report) == appeals
    assert validate(report) == []
    assert (report.agency, report.year) == ("平潭综合实验区", int(name[-8:-4]))
    unread = {f.path for f in reading.findings if f.severity is Severity.ERROR}
    assert all(path.startswith("proactive.") for path in unread)  # 二's runs have no rule to split them by


def test_a_run_that_splits_several_ways_is_not_guessed() -> None:
    reading = read(CORPUS / "fujian-pingtan-2021.txt")
    ambiguous = next(f for f in reading.findings if f.path == "proactive.normative_documents")
    assert (ambiguous.rule, ambiguous.severity) == ("READ-AMBIGUOUS", Severity.ERROR)
    assert "69,3,665" in ambiguous.message
    assert "6,93,665" in ambiguous.message
    assert reading.report is not None
    assert reading.report.proactive.normative_documents.in_force == 0  # not read, and the finding says so
    assert reading.report.proactive.licensing.decisions == 2293  # a single figure needs no split


HUAIAN_2024 = {
    "received": [3001, 53, 0, 0, 61, 4],
    "carried_over": [34, 0, 0, 0, 0, 0],
    "outcomes.granted": [1288, 21, 0, 0, 50, 3],
    "outcomes.partially_granted": [447, 7, 0, 0, 0, 0],
    "outcomes.withheld.state_secret": [2, 0, 0, 0, 0, 0],
    "outcomes.withheld.prohibited_by_law": [30, 1, 0, 0, 0, 0],
    "outcomes.withheld.security_and_stability": [5, 0, 0, 0, 0, 0],
    "outcomes.withheld.third_party_rights": [6, 0, 0, 0, 0, 0],
    "outcomes.withheld.internal_affairs": [7, 1, 0, 0, 0, 0],
    "outcomes.withheld.process_information": [12, 0, 0, 0, 0, 0],
    "outcomes.withheld.enforcement_files": [9, 0, 0, 0, 0, 0],
    "outcomes.withheld.administrative_inquiry": [105, 0, 0, 0, 0, 0],
    "outcomes.unavailable.not_held": [746, 12, 0, 0, 10, 1],
    "outcomes.unavailable.requires_compilation": [11, 0, 0, 0, 0, 0],
    "outcomes.unavailable.unclear_after_amendment": [1, 0, 0, 0, 0, 0],
    "outcomes.not_processed.petition_or_complaint": [56, 6, 0, 0, 0, 0],
    "outcomes.not_processed.repeated": [25, 0, 0, 0, 0, 0],
    "outcomes.not_processed.confirmation_or_reissue": [1, 0, 0, 0, 0, 0],
    "outcomes.other.amendment_overdue": [67, 3, 0, 0, 1, 0],
    "outcomes.other.fee_unpaid": [6, 0, 0, 0, 0, 0],
    "outcomes.other.other": [108, 2, 0, 0, 0, 0],
    "carried_forward": [103, 0, 0, 0, 0, 0],
}
HONGZE_2023 = {
    "received": [21, 0, 0, 0, 0, 0],
    "outcomes.partially_granted": [4, 0, 0, 0, 0, 0],
    "outcomes.withheld.state_secret": [1, 0, 0, 0, 0, 0],
    "outcomes.withheld.process_information": [1, 0, 0, 0, 0, 0],
    "outcomes.withheld.enforcement_files": [1, 0, 0, 0, 0, 0],
    "outcomes.unavailable.not_held": [10, 0, 0, 0, 0, 0],
    "outcomes.unavailable.requires_compilation": [3, 0, 0, 0, 0, 0],
    "outcomes.not_processed.petition_or_complaint": [1, 0, 0, 0, 0, 0],
}


@pytest.mark.usefixtures("pdf_reader")
@pytest.mark.parametrize(
    ("name", "rows", "appeals"),
    [
        ("jiangsu-huaian-city-2024.pdf", HUAIAN_2024, [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]),
        ("jiangsu-hongze-district-2023.pdf", HONGZE_2023, [10, 1, 0, 0, 11, 0, 0, 0, 0, 0, 5, 0, 0, 0, 5]),
    ],
)
def test_pdf_cells(name: str, rows: dict[str, list[int]], appeals: list[int]) -> None:
    report = read(CORPUS / name).report
    assert report is not None
    assert {path: [getattr(row, c) for c in SIX] for path, row in report.applications.rows() if row.total} == rows
    assert section_4(report) == appeals


def test_shuyang_appeals() -> None:
    report = read(CORPUS / "jiangsu-shuyang-county-2025-ocr.txt").report
    assert report is not None
    assert section_4(report) == [27, 10, 9, 15, 61, 3, 0, 0, 0, 3, 8, 0, 1, 1, 10]


@settings(max_examples=25, deadline=None)
@given(reports(max_count=99))
def test_flattened_tables_read_back_or_say_why_not(report: Report) -> None:
    report = attrs.evolve(report, agency="某县人民政府", title=None)
    reading = read_text(flattened(report))
    assert reading.report is not None
    ambiguous = {f.path for f in reading.findings if f.rule == "READ-AMBIGUOUS"}
    for path, row in report.applications.rows():
        if f"applications.{path}" not in ambiguous and not any(p.startswith("applications.") for p in ambiguous):
            assert get_at(reading.report.applications, path) == row, path
    if "appeals" not in ambiguous:
        assert reading.report.appeals == attrs.evolve(report.appeals, narrative=reading.report.appeals.narrative)
    reader = [f for f in reading.findings if f.rule.startswith("READ-")]
    assert [f for f in reading.findings if f not in reader] == validate(reading.report)  # and the rules'
    for finding in reader:
        assert finding.rule in ("READ-AMBIGUOUS", "READ-SPLIT", "READ-BLANK", "READ-LABEL-VARIANT"), str(finding)
    assert not ambiguous or all(f.severity is Severity.ERROR for f in reading.findings if f.rule == "READ-AMBIGUOUS")


@pytest.mark.parametrize("name", ["enping-2019.yaml", "hongze-2024.yaml"])
def test_flattened_examples_read_back(name: str) -> None:
    example = load(EXAMPLES / name)
    reading = read_text(flattened(example))
    assert reading.report is not None
    assert reading.report.applications == attrs.evolve(
        example.applications, narrative=reading.report.applications.narrative
    )
    assert reading.report.appeals.administrative_review == example.appeals.administrative_review
    assert section_4(reading.report) == section_4(example)
    assert {f.rule for f in reading.findings} <= {"READ-AMBIGUOUS", "READ-SPLIT"}  # only 二, which no rule splits
    assert all(f.path.startswith("proactive.") for f in reading.findings)


@pytest.mark.usefixtures("pdf_reader")
@settings(max_examples=30, deadline=None)
@given(st.data())
def test_mutated_pdf_files_give_a_reading_or_a_read_error(data: st.DataObject) -> None:
    document = bytearray((CORPUS / "jiangsu-hongze-district-2024.pdf").read_bytes())
    for _ in range(data.draw(st.integers(1, 5))):
        position = data.draw(st.integers(0, len(document) - 1))
        document[position] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(len(document) // 2, len(document)))
    try:
        reading = read(bytes(document[:cut]), format="pdf")
    except ReadError:
        return
    assert reading.report is None or isinstance(reading.report, Report)


def shanghai() -> str:
    return (CORPUS / "shanghai-government-office-2019.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8"])
def test_html_in_any_chinese_charset(encoding: str) -> None:
    page = '<meta http-equiv="Content-Type" content="text/html; charset=' + encoding + '">' + shanghai()
    expected = read_html(shanghai().encode("utf-8")).report
    assert read_html(page.encode(encoding, errors="strict")).report == expected


def test_html_tables_inside_layout_tables() -> None:
    page = shanghai().replace("<table", "<table class='layout'><tr><td><table", 1)
    page = page[::-1].replace(">elbat/<", ">elbat/<>rt/<>dt/<>elbat/<", 1)[::-1]  # close the layout table too
    assert section_3(read_html(page.encode()).report) == SHANGHAI_2019


def test_numbers_as_published() -> None:
    page = shanghai().replace(">821<", ">８２１<", 1).replace(">859<", ">８５９件<", 1)
    report = read_html(page.encode()).report
    assert report is not None
    assert report.applications.received.natural_person == 821
    assert report.applications.received.total == 859
    big = load(EXAMPLES / "hongze-2024.yaml").to_html()
    big = big.replace('proactive.licensing.decisions">9487<', 'proactive.licensing.decisions">9,487<')
    assert read_html(big.encode()).report.proactive.licensing.decisions == 9487


SECTION_2 = {
    "shanghai-government-office-2019.html": {
        "regulations": {"produced": 13, "published": 13, "total_published": 524},
        "normative_documents": {"produced": 60, "published": 60, "total_published": 368},
        "procurement": {"projects": 6, "amount": "251000", "unit": "元"},
    },
    "jiangsu-shuyang-county-2025-ocr.txt": {
        "normative_documents": {"issued": 6, "repealed": 1, "in_force": 32},
        "licensing": {"decisions": 517645},
        "penalties": {"decisions": 693957},
        "coercive_measures": {"decisions": 2154},
        "administrative_fees": {"amount_10k_yuan": "4068.208"},
    },
    "jiangsu-huaian-city-2024.pdf": {
        "regulations": {"issued": 1, "repealed": 0, "in_force": 11},
        "normative_documents": {"issued": 8, "repealed": 26, "in_force": 66},
        "licensing": {"decisions": 447228},
        "penalties": {"decisions": 3985758},
        "coercive_measures": {"decisions": 88283},
        "administrative_fees": {"amount_10k_yuan": "96171.6"},
    },
    "jiangsu-hongze-district-2023.pdf": {
        "normative_documents": {"issued": 0, "repealed": 5, "in_force": 5},
        "licensing": {"decisions": 550},
        "penalties": {"decisions": 4119},
        "coercive_measures": {"decisions": 195},
        "administrative_fees": {"amount_10k_yuan": "7730.28"},
    },
}


@pytest.mark.usefixtures("pdf_reader")
@pytest.mark.parametrize("name", SECTION_2)
def test_section_2_cells(name: str) -> None:
    report = read(CORPUS / name).report
    assert report is not None
    proactive = to_dict(report)["proactive"]
    assert {row: proactive[row] for row in SECTION_2[name]} == SECTION_2[name]


def test_word_files_resolve_no_external_entity(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-CONTENT")
    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'.encode()

    def with_entity(data: bytes) -> bytes:
        return data.replace(b"?>", b"?>" + doctype, 1).replace("淮安市洪泽区".encode(), b"&xxe;", 1)

    try:
        document = from_docx(with_part(load(EXAMPLES / "hongze-2024.yaml").to_docx(), "word/document.xml", with_entity))
    except Exception:  # refusing the document is as safe; read() turns this into a ReadError
        return
    texts = [item.text for item in document.items if hasattr(item, "text")]
    assert texts[0] != "淮安市洪泽区人民政府2024年政府信息公开工作年度报告"  # the entity was where the title began
    assert not any("SECRET-CONTENT" in text for text in texts)


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_an_xhtml_page_with_an_xml_declaration_is_read(encoding: str) -> None:
    xhtml = f'<?xml version="1.0" encoding="{encoding}"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body>'
    page = xhtml + shanghai() + "</body></html>"
    reading = read(page.encode(encoding, errors="replace"))
    assert reading.report is not None
    assert reading.report == read(shanghai().encode("utf-8")).report


def test_a_legacy_word_document_is_said_to_be_one(tmp_path: Path) -> None:
    doc = tmp_path / "report.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    for source in (doc, doc.read_bytes()):
        with pytest.raises(ReadError, match=r"legacy Word document \(\.doc\).*save it as \.docx"):
            read(source)
    page = tmp_path / "page.doc"  # a web page saved as .doc is read as what it holds
    page.write_text(shanghai(), encoding="utf-8")
    assert read(page).report == read(shanghai().encode("utf-8")).report is not None


@pytest.mark.usefixtures("pdf_reader")
def test_a_pdf_of_images_is_said_to_have_no_text_layer() -> None:
    from PIL import Image

    scan = io.BytesIO()
    Image.new("RGB", (200, 280), "white").save(scan, "PDF")
    with pytest.raises(ReadError, match="no text layer"):
        read(scan.getvalue())


def test_a_line_of_tabs_only_is_a_row_of_empty_cells() -> None:
    document = from_text("行政复议\t结果维持\n\t\t\n五、存在的主要问题及改进情况")
    rows = [item for item in document.items if isinstance(item, Row)]
    assert [tuple(cell.text for cell in row.cells) for row in rows] == [("行政复议", "结果维持"), ("", "", "")]


@settings(max_examples=30, deadline=None)
@given(reports(), st.sampled_from([".json", ".yaml", ".yml", ".JSON", ".Yaml"]), st.booleans(), st.data())
def test_kept_reports_are_read_as_load_gives_them(
    tmp_path_factory: pytest.TempPathFactory, report: Report, suffix: str, perturbed: bool, data: st.DataObject
) -> None:
    wire: Format = "json" if suffix.lower() == ".json" else "yaml"
    text = dumps(report, format=wire)
    if perturbed:  # a figure the wire format may refuse: a count negative, a fraction, or quoted
        figures = list(re.finditer(r"(?<=[ :])\d+(?=[,}\n])", text))
        at = data.draw(st.sampled_from(figures))
        text = text[: at.start()] + data.draw(st.sampled_from(["-1", "1.5", '"7"'])) + text[at.end() :]
    path = tmp_path_factory.mktemp("kept") / f"report{suffix}"
    path.write_text(text, encoding="utf-8")
    try:
        loaded = loads(text, format=wire, source=str(path))
        expected = Reading(report=loaded, findings=tuple(validate(loaded)), sources={}, source=str(path))
    except LoadError as exc:
        expected = Reading(report=None, findings=exc.findings, sources={}, source=str(path))
    assert read(path) == expected  # one verdict: what load() and validate() say, by the file's suffix
    assert read(text.encode("utf-8"), format=wire) == attrs.evolve(expected, source=None)
