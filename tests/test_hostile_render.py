"""Rendering hostile input: templates that try to run code or are broken, and text no document can hold."""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import attrs
import docx
import jinja2
import pytest
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from conftest import EXAMPLES
from gov_disclosure import Heading, Narrative, Paragraph, RenderError, Report, load
from gov_disclosure.cli import main
from gov_disclosure.render import default_template
from rendered import docx_paragraphs

BREAK_OUT = "{{ cycler.__init__.__globals__.os.mkdir(%r) }}"
"""A tag that reaches Python's os module from a Jinja global: outside a sandbox it makes a folder."""


def hongze() -> Report:
    return load(EXAMPLES / "hongze-2024.yaml")


def template(tmp_path: Path, *paragraphs: str, header: str = "", title: str = "") -> Path:
    """A Word template of *paragraphs* (the first at line 2 of what docxtpl renders), a page header and a title."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if header:
        document.sections[0].header.paragraphs[0].text = header
    document.core_properties.title = title
    path = tmp_path / "own.docx"
    document.save(str(path))
    return path


def refused(render: Callable[[], object]) -> str:
    """The message of the one RenderError *render* raises."""
    with pytest.raises(RenderError) as raised:
        render()
    return str(raised.value)


@pytest.mark.parametrize("place", ["body", "header", "title"])
def test_a_template_cannot_reach_python(tmp_path: Path, place: str) -> None:
    made = tmp_path / "made-by-the-template"
    tag = BREAK_OUT % str(made)
    path = {
        "body": lambda: template(tmp_path, "信笺", tag),
        "header": lambda: template(tmp_path, "信笺", header=tag),
        "title": lambda: template(tmp_path, "信笺", title=tag),
    }[place]()
    message = refused(lambda: hongze().to_docx(tmp_path / "out.docx", template=path))
    where = r" \(document property title\)" if place == "title" else ""
    assert re.fullmatch(
        rf"{re.escape(str(path))}{where}, line \d+, is refused by the sandbox: access to attribute '__init__' of "
        r"'type' object is unsafe; a template can use only the report context \(see docs/rendering\.md\)",
        message,
    )
    assert not made.exists()
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.parametrize(
    "tag",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ title.__class__ }}",
        "{{ sections[1].table.__class__ }}",
        "{{ '{0.__class__}'.format(title) }}",
        "{{ overview.__len__() }}",
        "{% for block in overview %}{{ loop.__class__ }}{% endfor %}",
        "{% for block in overview %}{{ loop._iterator }}{% endfor %}",
    ],
)
def test_python_internals_are_out_of_reach(tmp_path: Path, tag: str) -> None:
    message = refused(lambda: hongze().to_docx(template=template(tmp_path, "信笺", tag)))
    assert message.startswith(f"{tmp_path / 'own.docx'}, line 3, is refused by the sandbox: access to attribute '_")


def test_the_command_line_refuses_a_template_that_runs_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    made = tmp_path / "made-by-the-template"
    path = template(tmp_path, BREAK_OUT % str(made))
    out = tmp_path / "out.docx"
    status = main(["render", str(EXAMPLES / "hongze-2024.yaml"), "--template", str(path), "-o", str(out)])
    assert status == 2
    assert capsys.readouterr().err.startswith(f"error: {path}, line 2, is refused by the sandbox: ")
    assert not made.exists()
    assert not out.exists()


def zip_of(name: str) -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr(name, "<x/>")
    return stream.getvalue()


@pytest.mark.parametrize(
    ("data", "detail"),
    [
        (random.Random(0).randbytes(2000), "File is not a zip file"),
        (zip_of("word/document.xml"), "There is no item named '[Content_Types].xml' in the archive"),
        (b"", "File is not a zip file"),
    ],
    ids=["random bytes", "a zip that is not a docx", "empty"],
)
def test_a_file_that_is_not_a_word_document(tmp_path: Path, data: bytes, detail: str) -> None:
    path = tmp_path / "own.docx"
    path.write_bytes(data)
    message = refused(lambda: hongze().to_docx(template=path))
    assert message.startswith(f"{path}: cannot be opened as a Word document (.docx): ")
    assert detail in message
    assert message.endswith("; save the template in Word or WPS as .docx")
    assert refused(lambda: hongze().to_docx(template=io.BytesIO(data))).startswith("the template: cannot be opened")


def test_a_template_member_compressed_as_word_does_not(tmp_path: Path) -> None:
    """A member compressed otherwise than a .docx is (LZMA here) is refused, not copied into the document as it
    is stored (where Word could not read it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(default_template("2021"))) as original, zipfile.ZipFile(out, "w") as changed:
        for item in original.infolist():
            method = zipfile.ZIP_LZMA if item.filename == "word/styles.xml" else zipfile.ZIP_DEFLATED
            changed.writestr(item.filename, original.read(item), method)
    path = tmp_path / "own.docx"
    path.write_bytes(out.getvalue())
    message = refused(lambda: hongze().to_docx(template=path))
    assert message.startswith(f"{path}: cannot be opened as a Word document (.docx): member word/styles.xml is ")


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("{{ 1/0 }}", "fails: ZeroDivisionError: division by zero; correct the expression"),
        ("{{ title + 1 }}", "fails: TypeError: "),
        ("{{ title + }}", "is not a valid docxtpl template: unexpected 'end of print statement'; correct the tag"),
        ("{{ title|no_such_filter }}", "is not a valid docxtpl template: No filter named 'no_such_filter'; "),
        ("{% for x in overview %}", "is not a valid docxtpl template: Unexpected end of template."),
        ("{{ agency_name }}", "uses a name the report context does not have: 'agency_name' is undefined; see "),
        ("{% for i in range(10**6) %}{% endfor %}", "fails: OverflowError: Range too big."),
    ],
)
def test_a_broken_template_names_itself_and_the_line(tmp_path: Path, tag: str, expected: str) -> None:
    path = template(tmp_path, "信笺", "{{ title }}", tag)
    target = tmp_path / "out.docx"
    message = refused(lambda: hongze().to_docx(target, template=path))
    assert message.startswith(f"{path}, line 4, {expected}")
    assert not target.exists()
    with path.open("rb") as stream:
        assert refused(lambda: hongze().to_docx(template=stream)) == message.replace(str(path), "the template")


def consolidated(*names: str) -> Report:
    return attrs.evolve(hongze(), consolidated_from=names)


def test_names_in_a_tuple_come_out_exactly_as_given(tmp_path: Path) -> None:
    report = consolidated("A&B<c>", "x{_{y}_}", "甲乙")
    path = template(
        tmp_path, "{{ consolidated_from|join('、') }}", "{% for n in consolidated_from %}[{{ n }}]{% endfor %}"
    )
    assert docx_paragraphs(report.to_docx(template=path)) == ["A&B<c>、x{_{y}_}、甲乙", "[A&B<c>][x{_{y}_}][甲乙]"]


@pytest.mark.parametrize(("character", "name"), [("\x0b", "\\x0b"), ("\x00", "\\x00"), ("\ufffe", "\\ufffe")])
def test_names_in_a_tuple_are_checked(tmp_path: Path, character: str, name: str) -> None:
    report = consolidated("A&B<c>", f"甲{character}乙")
    path = template(tmp_path, "{{ consolidated_from|join('、') }}")
    message = refused(lambda: report.to_docx(tmp_path / "out.docx", template=path))
    assert message == (
        f"consolidated_from[1]: character '{name}' at position 1 cannot be written to a Word document (XML 1.0 "
        "forbids it; it often comes from pasting out of Word); remove it from the text"
    )
    assert not (tmp_path / "out.docx").exists()


def with_overview(report: Report, text: str) -> Report:
    return attrs.evolve(report, overview=Narrative(blocks=[Paragraph(text="第一段"), Paragraph(text=text)]))


@pytest.mark.parametrize(
    ("change", "place"),
    [
        (lambda report, c: with_overview(report, f"粘贴{c}文字"), "overview[1]"),
        (lambda report, c: attrs.evolve(report, consolidated_from=("甲", f"乙{c}")), "consolidated_from[1]"),
        (lambda report, c: attrs.evolve(report, agency=f"某{c}县"), "agency"),
        (lambda report, c: attrs.evolve(report, title=f"关于{c}的报告"), "title"),
        (lambda report, c: attrs.evolve(report, signature=f"某{c}办公室"), "signature"),
        (
            lambda report, c: attrs.evolve(
                report, appeals=attrs.evolve(report.appeals, narrative=Narrative(blocks=[Heading(text=f"小{c}标题")]))
            ),
            "appeals.narrative[0]",
        ),
    ],
    ids=["narrative", "consolidated_from", "agency", "title", "signature", "a section's heading"],
)
@pytest.mark.parametrize("character", ["\x00", "\x0b", "\x1f", "\ufffe", "\ud800"])
def test_html_refuses_what_word_refuses(change: Callable[[Report, str], Report], place: str, character: str) -> None:
    report = change(hongze(), character)
    word = refused(report.to_docx)
    assert word.startswith(f"{place}: character {character!r} at position ")
    assert refused(report.to_html) == word.replace("a Word document", "an HTML page")


@pytest.mark.parametrize("character", ["\x0b", "\x00", "\ufffe"])
def test_excel_refuses_a_name_it_cannot_hold(tmp_path: Path, character: str) -> None:
    report = consolidated("甲", f"乙{character}丙")
    target = tmp_path / "out.xlsx"
    message = refused(lambda: report.to_xlsx(target))
    assert message.startswith(f"consolidated_from[1]: character {character!r} at position 1 cannot be written to an ")
    assert "an Excel workbook" in message
    assert not target.exists()


def test_every_template_renders_in_the_sandbox() -> None:
    from gov_disclosure.render import _docx, _html, context

    cell = context(hongze())["sections"][2]["table"].rows[0][0]
    for environment in (_docx._environment(), _html._environment()):
        assert isinstance(environment, SandboxedEnvironment)
        assert (environment.autoescape, environment.undefined) == (True, jinja2.StrictUndefined)
        with pytest.raises(SecurityError):
            environment.from_string("{{ ''.__class__.__mro__ }}").render()
        for field in attrs.fields(type(cell)):  # a cell is read straight, as the sandbox would read it
            assert environment.getattr(cell, field.name) == SandboxedEnvironment().getattr(cell, field.name)
        with pytest.raises(SecurityError):
            str(environment.getattr(cell, "__class__"))
        counters = (
            "{% for x in 'ab' %}{{ loop.index }}{{ loop.first }}{{ loop.revindex0 }}{{ loop.length }} {% endfor %}"
        )
        assert environment.from_string(counters).render() == "1True12 2False02 "
