"""The 落款 and 成文日期: in the model, on the wire, checked, rendered in the GB/T 9704 place, and read back from
published reports in every form they are printed."""

from __future__ import annotations

import datetime
import io
import json
import re
import zipfile
from pathlib import Path

import attrs
import docx
import jsonschema
import lxml.html
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES
from gov_disclosure import (
    LoadError,
    Report,
    Report2019,
    Report2021,
    Severity,
    aggregate,
    dumps,
    from_dict,
    json_schema,
    load,
    loads,
    read,
    read_text,
    to_dict,
    validate,
)
from gov_disclosure.model import printed_date
from gov_disclosure.render import default_template
from gov_disclosure.testing import reports
from layouts import BODIES, date_forms
from printed import need
from test_office import to_pdf

HONGZE = load(EXAMPLES / "hongze-2024.yaml")
SIGNED = attrs.evolve(HONGZE, signature="淮安市洪泽区人民政府办公室", date=datetime.date(2025, 1, 20))
ROWS = "三、收到和处理政府信息公开申请情况\n| 一、本年新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n"
PAGE = "某县交通运输局2024年政府信息公开工作年度报告\n" + ROWS + "六、其他需要报告的事项\n本年度未收取信息处理费。\n"


# The model and the wire format -------------------------------------------------------------------------------


def test_the_fields_of_both_editions() -> None:
    for cls in (Report2019, Report2021):
        report = cls(agency="某县人民政府", year=2021, signature="某县人民政府办公室", date=datetime.date(2022, 1, 5))
        assert (report.signature, report.date) == ("某县人民政府办公室", datetime.date(2022, 1, 5))
        unsigned = cls(agency="某县人民政府", year=2021)
        assert (unsigned.signature, unsigned.date) == (None, None)
    with pytest.raises(TypeError, match=r"date \(成文日期\) must be a datetime.date"):
        Report2021(agency="某县人民政府", year=2021, date=datetime.datetime(2022, 1, 5))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"date \(成文日期\)"):
        Report2021(agency="某县人民政府", year=2021, date="2022-01-05")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"signature \(落款\) must be a non-empty string"):
        Report2021(agency="某县人民政府", year=2021, signature=" ")


def test_a_date_prints_without_leading_zeros() -> None:
    assert printed_date(datetime.date(2025, 1, 5)) == "2025年1月5日"
    assert printed_date(datetime.date(2025, 12, 31)) == "2025年12月31日"


@settings(max_examples=50, deadline=None)
@given(reports())
def test_the_wire_format_round_trips(report: Report) -> None:
    data = to_dict(report)
    assert data["date"] == (report.date.isoformat() if report.date else None)
    assert from_dict(json.loads(json.dumps(data))) == report
    assert loads(dumps(report, format="yaml"), format="yaml") == report
    jsonschema.validate(data, json_schema(report.edition))


def test_yaml_dates_unquoted_and_quoted() -> None:
    text = dumps(SIGNED, format="yaml")
    assert "date: '2025-01-20'" in text
    assert loads(text.replace("'2025-01-20'", "2025-01-20"), format="yaml") == SIGNED


@pytest.mark.parametrize(
    ("written", "rule"),
    [
        ("2025-02-30", "LOAD-VALUE"),  # YAML's own date, of no such day
        ("'2025-02-30'", "LOAD-VALUE"),
        ("2025-01-20 10:00:00", "LOAD-TYPE"),  # a time, not a day
        ("'2025-1-20'", "LOAD-TYPE"),
        ("'2025年1月20日'", "LOAD-TYPE"),
        ("20250120", "LOAD-TYPE"),
    ],
)
def test_a_bad_date_is_refused_at_its_line(written: str, rule: str) -> None:
    text = dumps(SIGNED, format="yaml").replace("'2025-01-20'", written)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("date:"))
    with pytest.raises(LoadError) as error:
        loads(text, format="yaml", source="signed.yaml")
    [finding] = error.value.findings
    assert (finding.rule, finding.path, finding.line) == (rule, "date", line)


def test_the_schema_says_a_date() -> None:
    schema = json_schema("2021")
    data = to_dict(SIGNED)
    jsonschema.validate(data, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "date": "2025-1-20"}, schema)
    assert schema["properties"]["date"]["title"] == "成文日期"
    assert schema["properties"]["signature"]["title"] == "落款"


@pytest.mark.parametrize(
    ("day", "warned"),
    [
        (datetime.date(2025, 1, 1), False),
        (datetime.date(2025, 12, 31), False),
        (datetime.date(2024, 12, 31), True),  # before the year's figures are complete
        (datetime.date(2026, 1, 1), True),  # a mistyped year, most often
    ],
)
def test_date_range(day: datetime.date, warned: bool) -> None:
    found = [f for f in validate(attrs.evolve(SIGNED, date=day)) if f.rule == "DATE-RANGE"]
    assert bool(found) == warned
    assert all((f.severity, f.path) == (Severity.WARNING, "date") for f in found)


def test_aggregate_takes_them_from_the_caller() -> None:
    child = attrs.evolve(SIGNED, agency="淮安市洪泽区某镇人民政府")
    parent = aggregate([child], agency="淮安市洪泽区人民政府", year=2024)
    assert (parent.signature, parent.date) == (None, None)
    signed = aggregate(
        [child],
        agency="淮安市洪泽区人民政府",
        year=2024,
        signature="淮安市洪泽区人民政府",
        date=datetime.date(2025, 3, 1),
    )
    assert (signed.signature, signed.date) == ("淮安市洪泽区人民政府", datetime.date(2025, 3, 1))


# Rendering ---------------------------------------------------------------------------------------------------


def test_word_prints_them_at_the_end_right_aligned() -> None:
    document = docx.Document(io.BytesIO(SIGNED.to_docx()))
    *_, last_text, blank, signature, date = document.paragraphs
    assert last_text.text == HONGZE.other_matters.blocks[-1].text
    assert blank.text == ""  # a blank line after the text
    assert (signature.text, date.text) == ("淮安市洪泽区人民政府办公室", "2025年1月20日")
    for paragraph in (signature, date):
        assert paragraph.style.name == "落款"
        assert paragraph.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
        assert paragraph.style.paragraph_format.right_indent == Pt(32)  # 右空二字 of 3号 (16 pt)
        assert paragraph.style.paragraph_format.first_line_indent is None
    assert (signature.paragraph_format.right_indent, date.paragraph_format.right_indent) == (Pt(32), Pt(16 * 6.5))


@pytest.mark.parametrize(
    ("signature", "day", "indents"),
    [
        ("淮安市洪泽区人民政府办公室", datetime.date(2025, 1, 20), (2, 6.5)),  # 13 characters over 6.5: the date moves
        ("某县交通运输局办公室", datetime.date(2025, 12, 31), (2, 3)),
        ("某县交通运输局", datetime.date(2025, 12, 31), (4, 2)),  # the date ends 右空二字, the body moves left
        ("某县局", datetime.date(2025, 1, 20), (7.5, 2)),
        ("某县交通运输局", datetime.date(2025, 3, 1), (3, 2)),
    ],
)
def test_the_date_starts_two_characters_right_of_the_body(
    signature: str, day: datetime.date, indents: tuple[float, float]
) -> None:
    report = attrs.evolve(HONGZE, signature=signature, date=day)
    *_, body, date = docx.Document(io.BytesIO(report.to_docx())).paragraphs
    right = (body.paragraph_format.right_indent / Pt(16), date.paragraph_format.right_indent / Pt(16))
    assert right == indents
    width = {body.text: len(body.text), date.text: 3 + (len(date.text) - 3) / 2}  # digits are half a character
    starts = (right[0] + width[body.text], right[1] + width[date.text])  # from the right margin
    assert starts[0] - starts[1] == 2
    assert min(right) == 2


@pytest.mark.parametrize(
    ("signature", "date", "printed"),
    [
        (None, None, []),
        ("淮安市洪泽区人民政府办公室", None, ["淮安市洪泽区人民政府办公室"]),
        (None, datetime.date(2025, 1, 20), ["2025年1月20日"]),
    ],
)
def test_only_what_is_given_is_printed(signature: str | None, date: datetime.date | None, printed: list[str]) -> None:
    report = attrs.evolve(HONGZE, signature=signature, date=date)
    paragraphs = docx.Document(io.BytesIO(report.to_docx())).paragraphs
    closing = [p.text for p in paragraphs if p.style.name == "落款"]
    assert closing == printed
    assert (paragraphs[-len(printed) - 1].text == "") == bool(printed)  # a blank line only before something
    page = lxml.html.fromstring(report.to_html())
    assert [p.text for block in page.find_class("closing") for p in block] == printed


def test_html_places_the_date_two_characters_right_of_the_signature() -> None:
    page = SIGNED.to_html()
    closing = lxml.html.fromstring(page).find_class("closing")[0]
    assert [(p.get("class"), p.text) for p in closing] == [
        ("signature", "淮安市洪泽区人民政府办公室"),
        ("date", "2025年1月20日"),
    ]
    css = re.sub(r"\s+", " ", page)
    assert ".closing { width: fit-content; margin: 1.8em 2em 0 auto; }" in css  # as wide as its longer line, 右空二字
    assert ".closing .date { padding-left: 2em; }" in css  # its first character two right of the body's


def test_the_template_context_has_the_printed_values() -> None:
    from gov_disclosure.render import context

    values = context(SIGNED)
    assert (values["signature"], values["date"]) == ("淮安市洪泽区人民政府办公室", "2025年1月20日")
    assert (context(HONGZE)["signature"], context(HONGZE)["date"]) == (None, None)


# Reading published reports ------------------------------------------------------------------------------------


def closing_of(text: str) -> tuple[str | None, datetime.date | None, list[str]]:
    reading = read_text(PAGE + text)
    assert reading.report is not None
    return reading.report.signature, reading.report.date, [b.text for b in reading.report.other_matters.blocks]


@pytest.mark.parametrize("form", date_forms(datetime.date(2025, 1, 20)))
def test_every_digit_form(form: str) -> None:
    assert closing_of(f"某县交通运输局\n{form}\n") == (
        "某县交通运输局",
        datetime.date(2025, 1, 20),
        ["本年度未收取信息处理费。"],
    )


def test_chinese_numerals_of_every_month_and_day() -> None:
    for day in (datetime.date(2025, 10, 1), datetime.date(2025, 11, 19), datetime.date(2025, 12, 31)):
        for form in date_forms(day):
            assert closing_of(f"某县交通运输局\n{form}\n")[1] == day, form


@pytest.mark.parametrize(
    "lines",
    [
        "某县交通运输局\n2025年1月20日\n【打印本页】【关闭窗口】\n网站标识码：3208130001\n",  # page chrome after
        "2025年1月20日\n某县交通运输局\n",  # the other order
        "某县交通运输局（盖章）\n\n2025年1月20日\n",
        "某县交通运输局\n（盖章）\n2025年1月20日\n",
        "                    某县交通运输局    2025 年 1 月 20 日\n",
        "\u3000\u3000\u3000\u3000某 县 交 通 运 输 局\n\u3000\u3000\u3000\u3000（2025年1月20日）\n",
    ],
)
def test_layouts_of_the_closing(lines: str) -> None:
    assert closing_of(lines) == ("某县交通运输局", datetime.date(2025, 1, 20), ["本年度未收取信息处理费。"])


def test_the_signature_may_be_the_agency_however_it_ends() -> None:
    page = PAGE.replace("某县交通运输局", "某县综合行政执法大队")
    reading = read_text(page + "某县综合行政执法大队\n2025年1月20日\n")
    assert reading.report is not None
    assert (reading.report.signature, reading.report.date) == ("某县综合行政执法大队", datetime.date(2025, 1, 20))


def test_an_impossible_date_is_a_finding_not_a_guess() -> None:
    reading = read_text(PAGE + "某县交通运输局\n2025年2月30日\n")
    assert reading.report is not None
    assert (reading.report.signature, reading.report.date) == ("某县交通运输局", None)
    [finding] = [f for f in reading.findings if f.rule == "READ-DATE"]
    assert (finding.severity, finding.path) == (Severity.WARNING, "date")
    assert finding.message.startswith("第7行：")
    assert finding.message_en.startswith("line 7: ")
    assert "2025年2月30日" in finding.message


@pytest.mark.parametrize(
    "lines",
    [
        "某某工作小组\n2025年1月20日\n",  # no body's name
        "主办单位：某县交通运输局\n2025年1月20日\n",  # a footer's field
        "某县交通运输局\n",  # a body with no date: a site's name in its footer, as likely
        "2025年1月20日\n",  # a date no body signs
        "某县交通运输局\n本局将继续做好相关工作。\n2025年1月20日\n",  # not next to each other
    ],
)
def test_what_is_not_clearly_a_closing_is_not_read(lines: str) -> None:
    signature, date, _ = closing_of(lines)
    assert (signature, date) == (None, None)


def test_a_closing_followed_by_text_is_narrative() -> None:
    signature, date, blocks = closing_of("某县交通运输局\n2025年1月20日\n附件：本年度工作要点的落实情况已另文报送。\n")
    assert (signature, date) == (None, None)
    assert blocks[-1] == "附件：本年度工作要点的落实情况已另文报送。"


def test_after_the_last_table_when_the_later_sections_are_missing() -> None:
    page = "某县交通运输局2024年政府信息公开工作年度报告\n" + ROWS + "某县交通运输局\n2025年1月20日\n"
    reading = read_text(page)
    assert reading.report is not None
    assert (reading.report.signature, reading.report.date) == ("某县交通运输局", datetime.date(2025, 1, 20))
    assert reading.report.applications.narrative.blocks == ()


def without_meta(data: bytes, fmt: str) -> bytes:
    """A rendered document without what it says of itself: as another publisher's document is read."""
    if fmt == "html":
        return re.sub(rb'<meta name="gov-disclosure"[^>]*>', b"", data)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "docProps/core.xml":
                content = re.sub(rb"<dc:description>.*?</dc:description>", b"", content, flags=re.S)
            target.writestr(item, content)
    return out.getvalue()


@settings(max_examples=15, deadline=None)
@given(reports(), st.sampled_from(BODIES), st.sampled_from(("docx", "html")))
def test_rendered_documents_read_back_as_published_ones(report: Report, signature: str, fmt: str) -> None:
    day = report.date or datetime.date(report.year + 1, 1, 31)
    report = attrs.evolve(report, agency=BODIES[0], title=None, signature=signature, date=day)
    data = report.to_docx(strict=False) if fmt == "docx" else report.to_html(strict=False).encode()
    for document in (data, without_meta(data, fmt)):
        reading = read(document, format=fmt)  # type: ignore[arg-type]
        assert reading.report is not None
        assert (reading.report.signature, reading.report.date) == (report.signature, report.date)
        blocks = [b.text for b in reading.report.other_matters.blocks]
        assert signature not in blocks
        assert printed_date(day) not in blocks


def test_an_edited_document_is_read_as_printed() -> None:
    page = SIGNED.to_html().replace("2025年1月20日", "2025年1月21日").encode()
    reading = read(page, format="html")
    assert reading.report is not None
    assert reading.report.date == datetime.date(2025, 1, 21)
    [edited] = [f for f in reading.findings if f.rule == "READ-METADATA"]
    assert (edited.severity, edited.path) == (Severity.WARNING, "date")


def test_an_agency_template_without_them_keeps_what_the_document_says(tmp_path: Path) -> None:
    older = docx.Document(io.BytesIO(default_template("2021")))  # a template made before the closing was
    for paragraph in older.paragraphs[-9:]:
        assert "signature" in paragraph.text or "date" in paragraph.text or not paragraph.text.startswith("{{")
        paragraph._p.getparent().remove(paragraph._p)
    older.save(str(tmp_path / "older.docx"))
    data = SIGNED.to_docx(template=tmp_path / "older.docx")
    assert "2025年1月20日" not in "".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    reading = read(data, format="docx")
    assert reading.report is not None
    assert (reading.report.signature, reading.report.date) == (SIGNED.signature, SIGNED.date)


@pytest.mark.slow
def test_word_through_libreoffice_reads_back_from_the_pdf(tmp_path: Path) -> None:
    need("soffice")
    SIGNED.to_docx(tmp_path / "signed.docx")
    to_pdf([tmp_path / "signed.docx"], tmp_path)
    reading = read(tmp_path / "signed.pdf")
    assert reading.report is not None
    assert (reading.report.signature, reading.report.date) == (SIGNED.signature, SIGNED.date)
    import pdfplumber

    with pdfplumber.open(tmp_path / "signed.pdf") as pdf:
        page = pdf.pages[-1]
        lines = {line["text"].replace(" ", ""): line for line in page.extract_text_lines()}
        right = page.width - 26 / 25.4 * 72  # the right margin, 26 mm
        body, date = lines["淮安市洪泽区人民政府办公室"], lines["2025年1月20日"]
        assert body["x1"] == pytest.approx(right - 2 * 16, abs=1)  # 右空二字 of 3号 (16 pt)
        assert date["x1"] == pytest.approx(right - (13 - 6.5) * 16, abs=1)  # its first character two right of the
        # body's: LibreOffice, unlike Word, spaces the digits from the characters (w:autoSpaceDN off is not read), so
        # the date, ending where it should, starts up to a character further left
        assert body["x0"] + 16 - 1 <= date["x0"] <= body["x0"] + 2 * 16 + 1
        assert body["top"] < date["top"] < body["top"] + 2 * 29  # on the next line
