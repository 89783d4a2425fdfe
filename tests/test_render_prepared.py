"""Word templates prepared once for their content: each render the same as docxtpl's own, whatever was rendered
before it, with the template's unchanged members copied as they are compressed."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import attrs
import docx
import pytest
from docxtpl import DocxTemplate
from hypothesis import given, settings

from conftest import EXAMPLES
from gov_disclosure import Narrative, Paragraph, Report, load
from gov_disclosure.render import _docx, context, default_template
from gov_disclosure.testing import reports
from rendered import docx_paragraphs

FOOTNOTES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:footnote w:id="1"><w:p><w:r><w:t>{{ agency }}编制</w:t></w:r></w:p></w:footnote></w:footnotes>'
).encode()


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def rezipped(data: bytes, method: int, change: Callable[[dict[str, bytes]], None] = lambda files: None) -> bytes:
    """The zip *data* with its members changed by *change*, every one compressed by *method*."""
    files = members(data)
    change(files)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


def with_footnotes(files: dict[str, bytes]) -> None:
    files["word/footnotes.xml"] = FOOTNOTES
    files["[Content_Types].xml"] = files["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'wordprocessingml.footnotes+xml"/></Types>',
    )
    files["word/_rels/document.xml.rels"] = files["word/_rels/document.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rId99" Target="footnotes.xml" '
        b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"/></Relationships>',
    )


def letterhead(*paragraphs: str, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """An agency's template: *paragraphs*, tags in its header, footer, footnotes and title."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.sections[0].header.paragraphs[0].text = "{{ agency }}\t信笺"
    document.sections[0].footer.paragraphs[0].text = "{{ year }}年"
    document.core_properties.title = "{{ agency }}的报告"
    out = io.BytesIO()
    document.save(out)
    return rezipped(out.getvalue(), method, with_footnotes)


LETTERHEAD = letterhead(
    "{{ title }}：本年新收申请{{ applications.received.total }}件",
    "{% for n in consolidated_from %}[{{ n }}]{% endfor %}",
    "{% for block in overview %}{{ block.text }}{% endfor %}",
)


def hongze() -> Report:
    return load(EXAMPLES / "hongze-2024.yaml")


def listed(report: Report) -> Report:
    """*report* with tabs and line breaks in its text, names with XML's characters and a tag's."""
    overview = Narrative(blocks=[Paragraph(text="第一行\n第二行\t制表 & <x> {{ y }} a_b"), Paragraph(text="\t末尾\n")])
    return attrs.evolve(report, overview=overview, consolidated_from=("A&B<c>", "x{_{y}_}"))


def docxtpls(report: Report, template: bytes) -> dict[str, bytes]:
    """The members of docxtpl's own render of *template* with *report*'s context."""
    document = DocxTemplate(io.BytesIO(template))
    document.render(_docx._markup(context(report)), _docx._environment())
    out = io.BytesIO()
    document.save(out)
    return members(out.getvalue())


RENDERED = ("word/document.xml", "word/header1.xml", "word/footer1.xml", "word/footnotes.xml")
"""The parts docxtpl renders (of the templates here), but the properties, which are the report's."""


def the_same_parts(report: Report, template: bytes | None) -> None:
    ours = members(_docx.render_docx(report, None if template is None else io.BytesIO(template)))
    theirs = docxtpls(report, default_template(report.edition) if template is None else template)
    compared = [name for name in RENDERED if name in theirs]
    assert compared[0] == "word/document.xml"
    for name in compared:
        assert ours[name] == theirs[name], name


@pytest.mark.parametrize("name", ["hongze-2024", "enping-2019"])
@pytest.mark.parametrize("template", [None, LETTERHEAD], ids=["shipped", "letterhead"])
def test_the_rendered_parts_are_docxtpls(name: str, template: bytes | None) -> None:
    report = load(EXAMPLES / f"{name}.yaml")  # no 落款: its indents are this library's, not docxtpl's
    assert report.signature is None
    the_same_parts(report, template)
    the_same_parts(listed(report), template)


@settings(max_examples=10, deadline=None)
@given(reports())
def test_generated_reports_render_as_docxtpl_renders_them(report: Report) -> None:
    the_same_parts(attrs.evolve(report, signature=None), None)


def test_a_letterhead_renders_in_every_part() -> None:
    data = hongze().to_docx(template=io.BytesIO(LETTERHEAD))
    document = docx.Document(io.BytesIO(data))
    agency = "淮安市洪泽区人民政府"
    assert document.sections[0].header.paragraphs[0].text == f"{agency}\t信笺"
    assert document.sections[0].footer.paragraphs[0].text == "2024年"
    assert document.core_properties.title == f"{agency}的报告"
    assert f">{agency}编制</w:t>".encode() in members(data)["word/footnotes.xml"]


@pytest.fixture
def fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1737331200")


@pytest.mark.usefixtures("fixed_time")
def test_a_render_is_the_same_whatever_was_rendered_before() -> None:
    report, signed = hongze(), attrs.evolve(hongze(), signature="某县局", date=datetime.date(2025, 1, 20))
    _docx._prepared.cache_clear()
    first = [report.to_docx(), signed.to_docx(), report.to_docx(template=io.BytesIO(LETTERHEAD))]
    for other in (listed(signed), load(EXAMPLES / "enping-2019.yaml")):  # the same templates, other text
        other.to_docx()
        other.to_docx(template=io.BytesIO(LETTERHEAD))
    assert [report.to_docx(), signed.to_docx(), report.to_docx(template=io.BytesIO(LETTERHEAD))] == first
    _docx._prepared.cache_clear()
    assert report.to_docx(template=io.BytesIO(LETTERHEAD)) == first[2], "the same as freshly prepared"


def test_a_template_edited_in_place_renders_as_edited(tmp_path: Path) -> None:
    path = tmp_path / "letterhead.docx"
    path.write_bytes(letterhead("甲：{{ title }}"))
    assert docx_paragraphs(hongze().to_docx(template=path)) == [
        "甲：淮安市洪泽区人民政府2024年政府信息公开工作年度报告"
    ]
    path.write_bytes(letterhead("乙：{{ agency }}"))
    assert docx_paragraphs(hongze().to_docx(template=path)) == ["乙：淮安市洪泽区人民政府"]


def test_the_unchanged_members_are_the_templates_as_compressed() -> None:
    template = letterhead("{{ title }}", method=zipfile.ZIP_STORED)
    data = hongze().to_docx(template=io.BytesIO(template))
    with zipfile.ZipFile(io.BytesIO(template)) as source, zipfile.ZipFile(io.BytesIO(data)) as written:
        assert written.testzip() is None
        assert written.namelist() == source.namelist()
        kinds = {info.filename: info.compress_type for info in written.infolist()}
        rendered = {*RENDERED, "docProps/core.xml"}
        assert {name for name, kind in kinds.items() if kind == zipfile.ZIP_DEFLATED} == rendered
        for name in set(kinds) - rendered:
            assert written.getinfo(name).CRC == source.getinfo(name).CRC
            assert written.read(name) == source.read(name)


@pytest.mark.usefixtures("fixed_time")
def test_the_templates_kept_are_bounded() -> None:
    _docx._prepared.cache_clear()
    own = [letterhead(f"第{n}号：{{{{ title }}}}") for n in range(_docx.MOST_TEMPLATES + 3)]
    first = hongze().to_docx(template=io.BytesIO(own[0]))
    for template in own[1:]:
        hongze().to_docx(template=io.BytesIO(template))
    assert _docx._prepared.cache_info().currsize == _docx.MOST_TEMPLATES
    assert hongze().to_docx(template=io.BytesIO(own[0])) == first, "prepared again, the same"


def test_a_template_without_document_properties_gets_them() -> None:
    def without(files: dict[str, bytes]) -> None:
        del files["docProps/core.xml"]
        files["_rels/.rels"] = re.sub(rb"<Relationship [^>]*core-properties[^>]*/>", b"", files["_rels/.rels"])
        types = files["[Content_Types].xml"]
        files["[Content_Types].xml"] = re.sub(rb'<Override PartName="/docProps/core.xml"[^>]*/>', b"", types)

    template = rezipped(letterhead("{{ title }}"), zipfile.ZIP_DEFLATED, without)
    assert "docProps/core.xml" not in members(template)
    properties = docx.Document(io.BytesIO(hongze().to_docx(template=io.BytesIO(template)))).core_properties
    assert (properties.title, properties.author) == (hongze().full_title, "淮安市洪泽区人民政府")


def test_a_member_no_part_refers_to_is_kept_under_its_name() -> None:
    def with_note(files: dict[str, bytes]) -> None:
        files["customXml/说明 1.txt"] = "模板说明".encode()

    template = rezipped(letterhead("{{ title }}"), zipfile.ZIP_DEFLATED, with_note)
    data = hongze().to_docx(template=io.BytesIO(template))
    assert members(data)["customXml/说明 1.txt"] == "模板说明".encode()
    assert zipfile.ZipFile(io.BytesIO(data)).getinfo("customXml/说明 1.txt").flag_bits & 0x800, "a UTF-8 name"
