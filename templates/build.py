"""Build the default templates that ship in the package from the sources in this folder.

    python templates/build.py

The HTML page (``report.html.j2``, ``report.css``) is copied as it is. The Word templates
(``report-2019.docx``, ``report-2021.docx``) are built here with python-docx: the page (GB/T 9704-2012), the
styles, the page numbers, and the six sections with their tables, laid out from the model so that the headings
and table labels are the statutory ones. Each value cell holds a template tag naming its wire path
(``{{ applications.received.natural_person }}``) and narrative is a loop over its blocks.
``tests/test_templates.py`` fails when the shipped files are not what this script builds.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from gov_disclosure import REPORT_CLASSES
from gov_disclosure.model import Table, sections

HERE = Path(__file__).resolve().parent
PACKAGE = HERE.parent / "src" / "gov_disclosure" / "render" / "templates"
COPIED = ("report.html.j2", "report.css")

# GB/T 9704-2012: A4, margins 37 / 35 / 28 / 26 mm; 22 lines of 28 characters of 3号 (16 pt).
MARGINS = {"top_margin": Mm(37), "bottom_margin": Mm(35), "left_margin": Mm(28), "right_margin": Mm(26)}
LINE = Pt(28.95)  # 225 mm of text block / 22 lines
TEXT_WIDTH = Mm(156)
LABEL_COLUMNS = {1: (38,), 3: (14, 24, 40)}  # mm, by the number of label columns: 二 has one, 三 three
BODY = ("仿宋_GB2312", Pt(16))  # 3号仿宋
TITLE = ("方正小标宋简体", Pt(22))  # 2号小标宋
HEADING = ("黑体", Pt(16))  # 一、 3号黑体
SUBHEADING = ("楷体_GB2312", Pt(16))  # （一） 3号楷体
TABLE = ("仿宋_GB2312", Pt(10.5))  # 五号
PAGE_NUMBER = ("宋体", Pt(14))  # 4号宋体


def _fonts(element: Any, name: str, size: Pt) -> None:
    """Set a run's or style's fonts for Latin and East Asian text, its size and its language."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)
    lang = rpr.find(qn("w:lang")) or OxmlElement("w:lang")
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")
    rpr.append(lang)
    for tag in ("w:sz", "w:szCs"):
        size_element = rpr.find(qn(tag)) or OxmlElement(tag)
        size_element.set(qn("w:val"), str(int(size.pt * 2)))
        rpr.append(size_element)


def _first_line_indent(style: Any, characters: int, size: Pt) -> None:
    """Indent the first line by whole characters, as 公文 paragraphs are (two characters)."""
    style.paragraph_format.first_line_indent = size * characters
    style.element.pPr.find(qn("w:ind")).set(qn("w:firstLineChars"), str(characters * 100))


def _style(document: Any, name: str, font: tuple[str, Pt], *, indent: int = 0, line: Pt | None = LINE) -> Any:
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    _fonts(style.element, *font)
    paragraph = style.paragraph_format
    paragraph.space_before = paragraph.space_after = Pt(0)
    if line is None:
        paragraph.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        paragraph.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph.line_spacing = line
    if indent:
        _first_line_indent(style, indent, font[1])
    return style


def _page_number(footer: Any, alignment: WD_ALIGN_PARAGRAPH) -> None:
    """``— 1 —`` in 4号宋体, one character in from the edge (odd pages right, even pages left)."""
    paragraph = footer.paragraphs[0]
    paragraph.style = "页码"
    paragraph.alignment = alignment
    edge = "right_indent" if alignment == WD_ALIGN_PARAGRAPH.RIGHT else "left_indent"
    setattr(paragraph.paragraph_format, edge, PAGE_NUMBER[1])
    paragraph.add_run("— ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    paragraph._p.append(paragraph.add_run(" —")._r)


def _page(document: Any) -> None:
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    for name, value in MARGINS.items():
        setattr(section, name, value)
    section.footer_distance = Mm(28)
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)


def _narrative(document: Any, blocks: str) -> None:
    """A loop over the blocks at *blocks*: sub-headings in 楷体, paragraphs in 仿宋, both indented."""
    for line, style in (
        (f"{{%p for block in {blocks} %}}", None),
        ("{%p if block.heading %}", None),
        ("{{ block.text }}", "二级标题"),
        ("{%p else %}", None),
        ("{{ block.text }}", "正文"),
        ("{%p endif %}", None),
        ("{%p endfor %}", None),
    ):
        document.add_paragraph(line, style=style or "正文")


def _widths(table: Table) -> list[Mm]:
    """Column widths filling the text block: the label columns as wide as their labels need, the rest equal."""
    labels = [Mm(w) for w in LABEL_COLUMNS.get(table.label_columns, ())]
    rest = (TEXT_WIDTH - sum(labels, Mm(0))) // (table.width - len(labels))
    return [*labels, *[Mm(0) + rest] * (table.width - len(labels))]


def _table(document: Any, table: Table) -> None:
    docx_table = document.add_table(rows=len(table.rows), cols=table.width)
    docx_table.style = document.styles["Table Grid"]
    docx_table.alignment = WD_TABLE_ALIGNMENT.CENTER
    docx_table.autofit = False
    for column, width in zip(docx_table.columns, _widths(table), strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width
    for r, c, cell in table.placed():
        target = docx_table.cell(r, c)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(docx_table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
        target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph = target.paragraphs[0]
        paragraph.style = document.styles["表格"]
        paragraph.alignment = (
            WD_ALIGN_PARAGRAPH.LEFT if cell.scope in ("row", "rowgroup") else WD_ALIGN_PARAGRAPH.CENTER
        )
        paragraph.add_run(f"{{{{ {cell.path} }}}}" if cell.path else cell.text)
    _rows_kept(docx_table, table)


def _rows_kept(docx_table: Any, table: Table) -> None:
    """Keep a table from starting at a page's foot with a few rows, as Word does it: no row breaks over a page
    (``cantSplit``), the header rows repeat on each page (``tblHeader``), and the rows a page may not break after
    (:meth:`Table.kept_with_next`) have ``keepNext`` on their paragraphs."""
    for index, (row, kept) in enumerate(zip(docx_table.rows, table.kept_with_next(), strict=True)):
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if index < table.heading_rows:
            properties.append(OxmlElement("w:tblHeader"))
        if kept:
            for paragraph in row._tr.iter(qn("w:p")):
                paragraph.get_or_add_pPr().get_or_add_keepNext()


def _properties(document: Any) -> None:
    """The document properties: the report's title and its body as the author, by tag; no dates (a rendering
    dates the document) and nothing of python-docx's own (its comment, and the thumbnail of its blank page)."""
    core = document.core_properties
    core.title, core.author, core.comments = "{{ title }}", "{{ author }}", ""
    for name in ("created", "modified"):
        core._element.remove(core._element.find(qn(f"dcterms:{name}")))
    relationships = document.part.package.rels
    for key in [key for key, rel in relationships.items() if rel.reltype == RT.THUMBNAIL]:
        relationships.pop(key)


def _closing(document: Any) -> None:
    """The 落款 and 成文日期 after the text, each where it is given, after a blank line, right-aligned 右空二字 in the
    style ``落款``; the renderer indents the two as GB/T 9704-2012 7.3.5.2 places them, by their lengths."""
    style = _style(document, "落款", BODY)
    style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    style.paragraph_format.right_indent = BODY[1] * 2
    properties = style.element.pPr
    properties.find(qn("w:ind")).set(qn("w:rightChars"), "200")
    for name in ("w:autoSpaceDE", "w:autoSpaceDN"):  # no space added between the date's digits and characters
        space = OxmlElement(name)
        space.set(qn("w:val"), "0")
        properties.find(qn("w:spacing")).addprevious(space)
    for line, style_name in (
        ("{%p if signature or date %}", None),
        ("", None),
        ("{%p endif %}", None),
        ("{%p if signature %}", None),
        ("{{ signature }}", "落款"),
        ("{%p endif %}", None),
        ("{%p if date %}", None),
        ("{{ date }}", "落款"),
        ("{%p endif %}", None),
    ):
        document.add_paragraph(line, style=style_name or "正文")


def build(edition: str) -> bytes:
    """The Word template of *edition*."""
    cls = REPORT_CLASSES[edition]  # type: ignore[index]
    document = Document()
    normal = document.styles["Normal"]
    _fonts(normal.element, *BODY)
    _style(document, "正文", BODY, indent=2)
    title = _style(document, "标题", TITLE)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = LINE
    for name, font in (("一级标题", HEADING), ("二级标题", SUBHEADING)):
        _style(document, name, font, indent=2).paragraph_format.keep_with_next = True
    _style(document, "表格", TABLE, line=None)
    _style(document, "页码", PAGE_NUMBER, line=None)
    _page(document)

    document.add_paragraph("{{ title_lines|join('\\n') }}", style="标题")  # the lines of the title, as broken
    _narrative(document, "preamble")
    for section in sections(cls, lambda path: f"{{{{ {path} }}}}"):
        document.add_paragraph(section.heading, style="一级标题")
        _narrative(document, section.blocks)
        if section.table is not None:
            _table(document, section.table)
    _closing(document)
    _properties(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def built() -> dict[str, bytes]:
    """Every shipped template file by name, as this script makes it."""
    files = {name: (HERE / name).read_bytes() for name in COPIED}
    files.update({f"report-{edition}.docx": build(edition) for edition in REPORT_CLASSES})
    return files


def main() -> None:
    PACKAGE.mkdir(exist_ok=True)
    for name, content in built().items():
        (PACKAGE / name).write_bytes(content)
        print(PACKAGE / name)


if __name__ == "__main__":
    sys.exit(main())
