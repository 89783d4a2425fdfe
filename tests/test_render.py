"""Word and HTML output, read back cell by cell and compared with the model and the official layout."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import docx
import pytest
from docx.oxml.ns import qn
from hypothesis import given, settings

from conftest import CORPUS, EXAMPLES
from gov_disclosure import (
    ApplicantCounts,
    Heading,
    Narrative,
    Paragraph,
    RenderError,
    Report,
    ReportInvalidError,
    load,
    to_docx,
    to_html,
)
from gov_disclosure.render import context
from gov_disclosure.testing import reports
from helpers import get_at, replace_at
from rendered import docx_merges, docx_paragraphs, docx_tables, html_tables

EXAMPLE_FILES = ["enping-2019.yaml", "hongze-2024.yaml"]


def printed(report: Report, path: str) -> str:
    """What a value cell must show: the count, or the amount exactly as stored (with its unit, if any)."""
    value = get_at(report, path)
    if isinstance(value, Decimal):
        unit = getattr(get_at(report, path.rsplit(".", 1)[0]), "unit", "")
        return format(value, "f") + unit
    return str(value)


def expected_tables(report: Report) -> list[list[list[str]]]:
    return [
        [[cell.text for cell in row] for row in s["table"].matrix()] for s in context(report)["sections"] if s["table"]
    ]


def check_values(report: Report) -> None:
    """Every value cell of the layout shows the model's value, and every count of 三 and 四 has a cell."""
    paths = set()
    for section in context(report)["sections"]:
        if section["table"]:
            for _, _, cell in section["table"].placed():
                if cell.path:
                    assert cell.text == printed(report, cell.path), cell.path
                    paths.add(cell.path)
    for row_path, _ in report.applications.rows():
        assert f"applications.{row_path}.natural_person" in paths
    assert "applications.outcomes.total.total" in paths
    assert "appeals.litigation_after_review.total" in paths


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_examples_read_back_cell_for_cell(name: str) -> None:
    report = load(EXAMPLES / name)
    check_values(report)
    data = report.to_docx()
    assert docx_tables(data) == expected_tables(report)
    assert html_tables(report.to_html()) == expected_tables(report)


@settings(max_examples=15, deadline=None)
@given(reports())
def test_generated_reports_read_back(report: Report) -> None:
    check_values(report)
    data = to_docx(report)
    tables = expected_tables(report)
    assert docx_tables(data) == tables
    assert html_tables(to_html(report)) == tables
    paragraphs = docx_paragraphs(data)
    for section in ("overview", "problems_and_improvements", "other_matters"):
        texts = [block.text for block in getattr(report, section).blocks]
        assert all(text in paragraphs for text in texts)


def test_the_2021_tables_have_the_official_layout() -> None:
    official = docx.Document(str(CORPUS / "official-blank-template-2021.docx")).tables
    ours = docx.Document(io.BytesIO(load(EXAMPLES / "hongze-2024.yaml").to_docx())).tables
    assert [(len(t.rows), len(t.columns)) for t in ours] == [(14, 4), (28, 10), (4, 15)]
    for official_table, our_table in zip(official, ours, strict=True):
        assert docx_merges(our_table) == docx_merges(official_table)
        for official_row, our_row in zip(official_table.rows, our_table.rows, strict=True):
            for official_cell, our_cell in zip(official_row.cells, our_row.cells, strict=True):
                label = re.sub(r"\s", "", official_cell.text)
                if label:  # a label of the blank template; its value cells are empty
                    assert re.sub(r"\s", "", our_cell.text) == label


def test_the_2019_tables() -> None:
    tables = docx_tables(load(EXAMPLES / "enping-2019.yaml").to_docx())
    assert [(len(t), len(t[0])) for t in tables] == [(18, 7), (26, 10), (4, 15)]
    proactive = tables[0]
    assert proactive[16] == [
        "信息内容",
        "采购项目数量",
        "采购项目数量",
        "采购项目数量",
        "采购总金额",
        "采购总金额",
        "采购总金额",
    ]
    assert proactive[17] == ["政府集中采购", "41", "41", "41", "1862794.63元", "1862794.63元", "1862794.63元"]
    assert tables[1][23][:3] == ["三、本年度办理结果", "（六）其他处理", "（六）其他处理"]
    assert tables[1][24][:4] == ["三、本年度办理结果", "（七）总计", "（七）总计", "2"]
    assert tables[1][25][0] == "四、结转下年度继续办理"


UNSAFE = "A & B < C > D \"E\" 'F' 😀 {{ title }} {% if x %} {_{ }_} {_% %_} {#c#}\nsecond line\tafter a tab"


def with_text(report: Report, text: str) -> Report:
    blocks = Narrative(blocks=[Heading(text=text), Paragraph(text=text)])
    return attrs.evolve(report, overview=blocks, problems_and_improvements=blocks)


def test_text_comes_out_exactly_as_given() -> None:
    report = with_text(load(EXAMPLES / "hongze-2024.yaml"), UNSAFE)
    data = report.to_docx()
    assert docx_paragraphs(data).count(UNSAFE) == 4
    assert len(docx_tables(data)) == 3  # an & in narrative must not cost a table (autoescape)
    page = report.to_html()
    import lxml.html

    tree = lxml.html.fromstring(page)
    assert [e.text_content() for e in tree.iter("h3", "p")].count(UNSAFE) == 4
    assert len(html_tables(page)) == 3


@pytest.mark.parametrize(("character", "name"), [("\x0b", "\\x0b"), ("\x07", "\\x07"), ("\x00", "\\x00")])
def test_characters_no_document_can_hold(tmp_path: Path, character: str, name: str) -> None:
    report = load(EXAMPLES / "enping-2019.yaml")
    blocks = list(report.overview.blocks)
    blocks[2] = Paragraph(text="粘贴自Word" + character + "的文字")
    report = attrs.evolve(report, overview=Narrative(blocks=blocks))
    target = tmp_path / "out.docx"
    with pytest.raises(RenderError) as raised:
        report.to_docx(target)
    assert str(raised.value).startswith(f"overview[2]: character '{name}' at position 7 cannot be written")
    assert list(tmp_path.iterdir()) == []


def test_strictness() -> None:
    report = replace_at(load(EXAMPLES / "enping-2019.yaml"), "applications.received", ApplicantCounts(natural_person=3))
    for render in (report.to_docx, report.to_html):
        with pytest.raises(ReportInvalidError) as raised:
            render()
        assert {f.rule for f in raised.value.findings} == {"T3-BALANCE"}
    assert docx_tables(report.to_docx(strict=False))[1][3][3] == "3"
    assert 'data-path="applications.received.natural_person">3<' in report.to_html(strict=False)
    assert "<table>" in report._repr_html_()


def test_targets(tmp_path: Path) -> None:
    report = load(EXAMPLES / "hongze-2024.yaml")
    data = report.to_docx(tmp_path / "a.docx")
    assert (tmp_path / "a.docx").read_bytes() == data
    stream = io.BytesIO()
    assert report.to_docx(stream) == stream.getvalue()
    assert docx_tables(stream.getvalue()) == docx_tables(data)  # the bytes differ in the zip's timestamps
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx"]


def own_template(tmp_path: Path, text: str) -> Path:
    document = docx.Document()
    document.add_paragraph("某县人民政府办公室（信笺）")
    document.add_paragraph(text)
    path = tmp_path / "letterhead.docx"
    document.save(str(path))
    return path


def test_an_agency_template(tmp_path: Path) -> None:
    report = load(EXAMPLES / "hongze-2024.yaml")
    template = own_template(tmp_path, "{{ title }}：收到申请{{ applications.received.total }}件")
    paragraphs = docx_paragraphs(report.to_docx(template=template))
    assert paragraphs == [
        "某县人民政府办公室（信笺）",
        "淮安市洪泽区人民政府2024年政府信息公开工作年度报告：收到申请95件",
    ]
    with template.open("rb") as stream:
        assert docx_paragraphs(report.to_docx(template=stream))[1].endswith("95件")


@pytest.mark.parametrize(
    ("tag", "name"),
    [("{{ applications.recieved.total }}", "recieved"), ("{{ agency_name }}", "agency_name")],
)
def test_a_template_using_an_unknown_name_is_refused(tmp_path: Path, tag: str, name: str) -> None:
    with pytest.raises(RenderError, match=f"uses a name the report context does not have: .*'{name}'"):
        load(EXAMPLES / "hongze-2024.yaml").to_docx(template=own_template(tmp_path, tag))


def core_properties(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data)).core_properties


def test_the_document_properties_are_the_reports(monkeypatch: pytest.MonkeyPatch) -> None:
    report = load(EXAMPLES / "enping-2019.yaml")
    before = datetime.now(timezone.utc).replace(microsecond=0)
    properties = core_properties(report.to_docx())
    after = datetime.now(timezone.utc)
    assert properties.title == "恩平市人民政府办公室2019年度政府信息公开工作年度报告"
    assert properties.author == properties.last_modified_by == "恩平市人民政府办公室"
    assert properties.created == properties.modified
    assert before <= properties.created <= after
    assert properties.revision == 1

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1737331200")
    data = report.to_docx()
    assert core_properties(data).created == datetime(2025, 1, 20, tzinfo=timezone.utc)
    assert all(info.date_time == (2025, 1, 20, 0, 0, 0) for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
    assert report.to_docx() == data, "one report rendered at one time is the same bytes"

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(RenderError, match="SOURCE_DATE_EPOCH='yesterday' is not a time"):
        report.to_docx()


def test_a_template_writes_the_properties_with_tags(tmp_path: Path) -> None:
    report = attrs.evolve(load(EXAMPLES / "hongze-2024.yaml"), agency="A & B <局>", title=None)
    document = docx.Document()
    properties = document.core_properties
    properties.title, properties.subject, properties.author = "{{ year }}年报告", "{{ agency }}", "某县政府办"
    document.save(str(tmp_path / "tagged.docx"))
    rendered = core_properties(report.to_docx(template=tmp_path / "tagged.docx"))
    assert (rendered.title, rendered.subject) == ("2024年报告", "A & B <局>"), "rendered as text, escaped once"
    assert rendered.author == "A & B <局>", "a property without tags is the report's"

    properties.title = "{{ agency.nope }}"
    document.save(str(tmp_path / "broken.docx"))
    with pytest.raises(RenderError, match=r"broken\.docx \(document property title\), line 1, uses a name"):
        report.to_docx(template=tmp_path / "broken.docx")


def test_a_long_title_fits_the_properties() -> None:
    report = attrs.evolve(load(EXAMPLES / "hongze-2024.yaml"), agency="某" * 300)
    assert core_properties(report.to_docx()).title == report.full_title


def test_a_missing_template(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match=r"missing\.docx: cannot read the template: No such file or directory"):
        load(EXAMPLES / "hongze-2024.yaml").to_docx(template=tmp_path / "missing.docx")


def test_the_page_follows_gb_t_9704() -> None:
    document = docx.Document(io.BytesIO(load(EXAMPLES / "enping-2019.yaml").to_docx()))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    assert document.settings.odd_and_even_pages_header_footer
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert (odd.alignment, even.alignment) == (2, 0)  # right, left
    for footer in (odd, even):
        assert "".join(t.text for t in footer._p.iter(qn("w:t"))) == "— 1 —"  # the 1 is the PAGE field's
        assert 'w:instr="PAGE"' in footer._p.xml
    fonts = {
        name: document.styles[name].element.rPr.rFonts.get(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
        )
        for name in ("正文", "标题", "一级标题", "二级标题")
    }
    assert fonts == {"正文": "仿宋_GB2312", "标题": "方正小标宋简体", "一级标题": "黑体", "二级标题": "楷体_GB2312"}
    body = document.styles["正文"]
    assert body.font.size.pt == 16
    assert 'w:firstLineChars="200"' in body.element.xml
    assert 'w:eastAsia="zh-CN"' in body.element.xml


def test_html_page_markup() -> None:
    import lxml.html

    page = load(EXAMPLES / "enping-2019.yaml").to_html()
    tree = lxml.html.fromstring(page)
    assert tree.find(".//style") is not None
    assert "@media print" in page
    assert not tree.xpath("//link | //script")
    captions = [c.text_content() for c in tree.iter("caption")]
    assert captions == [
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
    ]
    note = tree.xpath("//th[@rowspan='3'][@colspan='3']")[0]
    assert note.text_content() == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert tree.xpath("//th[@scope='rowgroup'][@rowspan='20']")[0].text_content() == "三、本年度办理结果"
    assert next(h.text_content() for h in tree.iter("h2")) == "一、总体情况"
    assert tree.xpath("//meta[@name='author']/@content") == ["恩平市人民政府办公室"]
    assert tree.findtext(".//title") == "恩平市人民政府办公室2019年度政府信息公开工作年度报告"


def test_no_table_starts_at_a_pages_foot_with_a_few_rows() -> None:
    report = load(EXAMPLES / "hongze-2024.yaml")
    tables = [s["table"] for s in context(report)["sections"] if s["table"]]
    proactive, applications, appeals = (table.kept_with_next() for table in tables)
    assert applications == [True] * 4 + [False] * 24, "the header and the first row of figures go with the second"
    assert appeals == [True, True, True, False]
    assert proactive[:3] == [True] * 3, "二: each item's caption and header go with its first row"
    assert all(kept for row, kept in zip(tables[0].rows, proactive, strict=True) if not any(c.path for c in row))

    document = docx.Document(io.BytesIO(report.to_docx()))
    for name in ("一级标题", "二级标题"):
        assert document.styles[name].paragraph_format.keep_with_next, name
    for docx_table, table in zip(document.tables, tables, strict=True):
        for index, (row, kept) in enumerate(zip(docx_table.rows, table.kept_with_next(), strict=True)):
            properties = row._tr.trPr
            assert properties.find(qn("w:cantSplit")) is not None
            assert (properties.find(qn("w:tblHeader")) is not None) == (index < table.heading_rows)
            paragraphs = list(row._tr.iter(qn("w:p")))
            assert all(bool(p.xpath("w:pPr/w:keepNext")) == kept for p in paragraphs), index

    import lxml.html

    for html_table, table in zip(lxml.html.fromstring(report.to_html()).iter("table"), tables, strict=True):
        assert len(html_table.xpath("thead/tr")) == table.heading_rows
        assert [tr.get("class") == "kept" for tr in html_table.iter("tr")] == table.kept_with_next()
