"""Reports written the way publishers write them, for the property tests of the readers.

A report is printed cell by cell (zeros as ``0``, blank, ``/``, ``-``, ``—`` or ``无``; full-width digits;
thousands separators), its tables perturbed as real ones are (labels shortened or garbled, blank cells merged,
columns of zeros left out), and written in one of the :data:`LAYOUTS`: the bytes of a page, a crawl or a file,
and the format to read them as.
"""

from __future__ import annotations

import datetime
import io
import operator
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from html import escape

import attrs
from hypothesis import strategies as st

from gov_disclosure import Report
from gov_disclosure.model import PrintedCell, Table, display, sections

BODIES = (
    "恩平市人民政府办公室",
    "淮安市洪泽区人民政府",
    "福建省平潭综合实验区管理委员会",
    "上海市人民政府办公厅",
    "国家税务总局深圳市税务局",
    "某县第二人民医院",
)
ENDINGS = ("政府信息公开工作年度报告", "政府信息公开年度报告", "政府信息公开工作报告", "政府信息公开年度工作报告")
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
ZEROS = ("0", "", "/", "-", "—", "无")
SENTENCES = (
    "本机关坚持以公开为常态、不公开为例外，认真贯彻落实《中华人民共和国政府信息公开条例》。",
    "全年通过门户网站主动公开政府信息1256条，其中政策文件38件。",
    "本年度共受理政府信息公开申请，均已按期答复。",
    "进一步规范依申请公开办理流程，严格落实登记、审核、答复等环节。",
    "存在的主要问题是公开内容还不够丰富，下一步将加强培训。",
    "本年度未收取信息处理费。",
)
CHROME_ABOVE = ("首页 > 政务公开 > 政府信息公开年报", "当前位置：首页>>信息公开>>年度报告", "【字体：大 中 小】")
CHROME_BELOW = ("【打印本页】【关闭窗口】", "主办单位：某县人民政府办公室", "网站标识码：3208130001 苏ICP备05009054号")
STAMPS = ("（盖章）", "(盖章)", "（印章）")
"""Where the seal goes, noted after the 落款 or on a line of its own."""
CHINESE = str.maketrans("0123456789", "〇一二三四五六七八九")
HEADINGS = {  # section headings as publishers paraphrase them
    "appeals": ("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", "四、政府信息公开行政复议、行政诉讼情况"),
    "other": ("六、其他事项", "六、其他需要报告的事项"),
}
NUMBERING = re.compile(r"^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d+\.)")
"""The numbering of a row label, which shortened labels leave out."""
Text = Callable[[str], str]
"""The printed text of the value cell at a wire path."""


@attrs.frozen
class Style:
    """How a publisher prints figures."""

    zero: str = "0"
    full_width: bool = False
    thousands: bool = False

    def number(self, value: int | Decimal, unit: str = "") -> str:
        if value == 0 and not unit:
            return self.zero
        text = f"{value:,}" if self.thousands and isinstance(value, int) else display(value, unit)
        return text.translate(FULL_WIDTH) if self.full_width else text


styles = st.builds(Style, zero=st.sampled_from(ZEROS), full_width=st.booleans(), thousands=st.booleans())


def printed(report: Report, style: Style) -> Text:
    """The text of each value cell of *report* in *style*."""

    def text(path: str) -> str:
        value = operator.attrgetter(path)(report)
        parent = operator.attrgetter(path.rpartition(".")[0])(report)
        unit = getattr(parent, "unit", "") if isinstance(value, Decimal) else ""
        return style.number(value, unit)

    return text


@st.composite
def published_heads(draw: st.DrawFn, agency: str, year: int) -> tuple[list[str], str]:
    """The lines a publisher puts above 一 for *agency* and *year*, in the ways real reports have them; and the
    title as printed, without its spaces."""
    digits = str(year).translate(FULL_WIDTH) if draw(st.booleans()) else str(year)
    when = digits + draw(st.sampled_from(("年", "年度")))
    ending = draw(st.sampled_from(ENDINGS))
    year_first = draw(st.booleans())
    title = f"{when}{agency}{ending}" if year_first else f"{agency}{when}{ending}"
    spaced = "".join(c + (" " if draw(st.integers(0, 9)) == 0 else "") for c in title).strip()
    lines = [spaced]
    if not year_first and draw(st.booleans()):  # the body on a line of its own, above the rest
        lines = [agency, spaced.replace(" ", "")[len(agency) :]]
    if draw(st.booleans()):  # a crawler's fields above the page, the title perhaps only there
        fields = [f"标题: {spaced}", f"发布机构：{agency}", "发布时间: 2025-01-20"]
        lines = [*fields, *([] if draw(st.booleans()) else lines)]
    return [*lines, "根据《中华人民共和国政府信息公开条例》，特向社会公布本年度报告。"], title


# Tables as grids: perturbed and rebuilt with their spans.

Matrix = list[list[PrintedCell]]


def from_matrix(matrix: Matrix, heading_rows: int) -> Table:
    """A table from the cell covering each grid position (the same object where a cell spans)."""
    seen: set[int] = set()
    rows = []
    for r, line in enumerate(matrix):
        row = []
        for c, cell in enumerate(line):
            if id(cell) in seen:
                continue
            seen.add(id(cell))
            colspan = sum(1 for x in line if x is cell)
            rowspan = sum(1 for other in matrix[r:] if other[c] is cell)
            row.append(attrs.evolve(cell, rowspan=rowspan, colspan=colspan))
        rows.append(tuple(row))
    return Table(rows=tuple(rows), width=len(matrix[0]), heading_rows=heading_rows)


def _zero(cell: PrintedCell, zero: str) -> bool:
    return cell.path is not None and cell.text in (zero, "0", "０")


def without_zero_columns(table: Table, zero: str) -> Table:
    """The table without the applicant columns (not 总计) whose every figure is 0, as some publishers print it."""
    matrix = table.matrix()
    values = [r for r, line in enumerate(matrix) if any(c.path for c in line)]
    keep = [
        c
        for c in range(table.width)
        if not all(_zero(matrix[r][c], zero) for r in values)
        or not matrix[values[0]][c].path
        or (matrix[values[0]][c].path or "").endswith(".total")
    ]
    return from_matrix([[line[c] for c in keep] for line in matrix], table.heading_rows)


def without_zero_cells(table: Table, zero: str) -> Table:
    """The table with the zero figures of section 三 left out, cells and all, the cells after them moved left
    (an HTML row printing only the cells that are not 0)."""
    rows = tuple(
        tuple(c for c in row if not (_zero(c, zero) and (c.path or "").startswith("applications.")))
        for row in table.rows
    )
    return attrs.evolve(table, rows=rows)


def merged_blanks(table: Table) -> Table:
    """The table with each run of blank value cells in a row merged into one cell."""
    matrix = [list(line) for line in table.matrix()]
    for line in matrix:
        for c in range(1, len(line)):
            left, cell = line[c - 1], line[c]
            if cell.path and left.path and not cell.text and not left.text and cell is not left:
                for k in range(c, len(line)):
                    if line[k] is cell:
                        line[k] = left
    return from_matrix(matrix, table.heading_rows)


@st.composite
def perturbed_labels(draw: st.DrawFn, table: Table) -> tuple[Table, bool]:
    """The table with some row labels shortened (without their numbering) or garbled (a character lost), and
    whether any was garbled."""
    garbled = False

    def label(cell: PrintedCell) -> PrintedCell:
        nonlocal garbled
        if cell.scope != "row" or not cell.text or draw(st.integers(0, 9)) > 1:
            return cell
        if draw(st.booleans()) and len(cell.text) >= 12:
            at = draw(st.integers(4, len(cell.text) - 2))
            garbled = True
            return attrs.evolve(cell, text=cell.text[:at] + cell.text[at + 1 :])
        return attrs.evolve(cell, text=NUMBERING.sub("", cell.text))

    rows = tuple(tuple(label(c) for c in row) for row in table.rows)
    return attrs.evolve(table, rows=rows), garbled


# The layouts of a table in text.


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def cell_lines(table: Table) -> list[str]:
    """One cell a line, as crawled pages have tables; a blank cell is no line."""
    return [cell.text for row in table.rows for cell in row if cell.text.strip()]


def tab_rows(table: Table) -> list[str]:
    """A row a line, its cells separated by tabs (a web table copied as text)."""
    return ["\t".join(cell.text for cell in row) for row in table.rows]


def aligned_rows(table: Table, align: str = "<") -> list[str]:
    """A row a line, each cell at its grid column (the columns as wide as their widest cell), as text laid out
    with spaces has them; a cell spanning rows stands in its first."""
    placed = table.placed()
    widths = [4] * table.width
    for _, c, cell in sorted(placed, key=lambda p: p[2].colspan):
        need = _width(cell.text) + 2 - sum(widths[c : c + cell.colspan])
        if need > 0:
            widths[c + cell.colspan - 1] += need
    lines = [[" " * w for w in widths] for _ in table.rows]
    for r, c, cell in placed:
        span = sum(widths[c : c + cell.colspan])
        pad = span - _width(cell.text)
        left = {"<": 0, ">": pad - 1, "^": pad // 2}[align]
        lines[r][c] = " " * left + cell.text + " " * (pad - left)
        for k in range(c + 1, c + cell.colspan):
            lines[r][k] = ""
    return ["".join(line).rstrip() for line in lines]


def run_together(table: Table, separator: str = "") -> list[str]:
    """The whole table on one line, its cells run together (a page crawled flat)."""
    return [separator.join(cell.text for row in table.rows for cell in row)]


def rows_run_together(table: Table) -> list[str]:
    """A row a line, its cells run together with no separator: labels glued to the figures before them."""
    return ["".join(cell.text for cell in row) for row in table.rows]


def _pipes(texts: list[str]) -> str:
    return "| " + " | ".join(texts) + " |"


def markdown(table: Table, repeat: bool = False) -> list[str]:
    """A Markdown pipe table of the grid, a spanned label or header repeated in the positions it covers or
    not, a spanned value in its first only."""
    matrix, lines, seen = table.matrix(), [], set()
    for line in matrix:
        texts = []
        for cell in line:
            first = id(cell) not in seen
            seen.add(id(cell))
            texts.append(cell.text if first or (repeat and not cell.path) else "")
        lines.append(_pipes(texts))
    return [lines[0], _pipes(["---"] * table.width), *lines[1:]]


def detached_markdown(table: Table) -> list[str]:
    """Markdown as a PDF converter writes it: the header rows with their cells only, detached from the columns
    they head; the other rows on the grid."""
    matrix, rows, seen = table.matrix(), [], set()
    for r, line in enumerate(matrix):
        if not any(cell.path for cell in line):
            rows.append(_pipes([cell.text for cell in table.rows[r]]))
            seen.update(id(cell) for cell in line)
            continue
        texts = []
        for cell in line:
            texts.append("" if id(cell) in seen else cell.text)
            seen.add(id(cell))
        rows.append(_pipes(texts))
    return [rows[0], _pipes(["---"] * len(table.rows[0])), *rows[1:]]


TEXT_TABLES: dict[str, Callable[[Table], list[str]]] = {
    "cell lines": cell_lines,
    "tab rows": tab_rows,
    "aligned rows": aligned_rows,
    "right-aligned rows": lambda table: aligned_rows(table, ">"),
    "centred rows": lambda table: aligned_rows(table, "^"),
    "run together": run_together,
    "run together with spaces": lambda table: run_together(table, " "),
    "rows run together": rows_run_together,
    "markdown": markdown,
    "markdown, spans repeated": lambda table: markdown(table, repeat=True),
    "markdown from a PDF": detached_markdown,
}
"""Each layout of a table in page text, by name."""


# Whole documents.


@attrs.frozen
class Page:
    """A report as a publisher's page: lines of text and tables, in order."""

    items: tuple[str | Table, ...]


def _chinese(number: int) -> str:
    """A month or day in Chinese numerals: 一 … 十, 十一, 二十, 二十一, 三十一."""
    tens, ones = divmod(number, 10)
    return (
        ("" if tens < 2 else str(tens).translate(CHINESE))
        + ("十" if tens else "")
        + (str(ones).translate(CHINESE) if ones else "")
    )


def date_forms(day: datetime.date) -> tuple[str, ...]:
    """A 成文日期 as publishers print it."""
    y, m, d = day.year, day.month, day.day
    chinese = f"{str(y).translate(CHINESE)}年{_chinese(m)}月{_chinese(d)}日"
    return (
        f"{y}年{m}月{d}日",
        f"{y}年{m:02}月{d:02}日",
        f"{y}年{m}月{d}日".translate(FULL_WIDTH),
        f"{y} 年 {m} 月 {d} 日",
        chinese,
        chinese.replace("〇", "○").replace("年一月", "年元月"),
        f"{y}-{m:02}-{d:02}",
        f"{y}.{m}.{d}",
        f"（{y}年{m}月{d}日）",
    )


@st.composite
def closings(draw: st.DrawFn, signature: str | None, day: datetime.date | None) -> list[str]:
    """The lines of the 落款 and 成文日期 (when the report has both), perturbed as published: the date in any digit
    form, the two in either order or on one line, indented, with blank lines and a stamp note."""
    if signature is None or day is None:
        return []
    body = signature + (draw(st.sampled_from(STAMPS)) if draw(st.integers(0, 4)) == 0 else "")
    date = draw(st.sampled_from(date_forms(day)))
    lines = draw(st.sampled_from(([body, date], [date, body], [f"{body} {date}"], [body, "（盖章）", date])))
    indent = draw(st.sampled_from(("", "    ", "\u3000\u3000", "\u3000" * 16)))
    blank = [""] * draw(st.integers(0, 2))
    return [*blank, *(f"{indent}{line}" for line in lines)]


@st.composite
def pages(draw: st.DrawFn, report: Report, text: Text, *, chrome: bool = True) -> tuple[Page, bool]:
    """*report* as a page: site chrome perhaps, its head as publishers print it, each section's heading,
    sentences and table (its labels perhaps perturbed), its 落款 and 成文日期; and whether a label was garbled."""
    items: list[str | Table] = []
    if chrome and draw(st.booleans()):
        items.extend(draw(st.lists(st.sampled_from(CHROME_ABOVE), max_size=2)))
    head, _ = draw(published_heads(report.agency, report.year))
    items.extend(head)
    garbled = False
    for section in sections(type(report), text):
        items.append(draw(st.sampled_from((section.heading, *HEADINGS.get(section.name, ())))))
        items.extend(draw(st.lists(st.sampled_from(SENTENCES), max_size=2)))
        if section.table is not None:
            table, garbled_here = draw(perturbed_labels(section.table))
            garbled = garbled or garbled_here
            items.append(table)
    items.extend(draw(closings(report.signature, report.date)))
    if chrome and draw(st.booleans()):
        items.extend(draw(st.lists(st.sampled_from(CHROME_BELOW), min_size=1, max_size=3)))
    return Page(items=tuple(items)), garbled


def page_text(page: Page, layout: Callable[[Table], list[str]], page_numbers: bool = False) -> str:
    """The page as text, each table in *layout*; with page numbers (``- 3 -``) between table rows."""
    lines: list[str] = []
    for item in page.items:
        if isinstance(item, str):
            lines.append(item)
            continue
        rows = layout(item)
        if page_numbers and len(rows) > 3:
            rows.insert(len(rows) // 2, f"- {len(lines) % 9 + 2} -")
        lines.extend(rows)
    return "\n".join(lines) + "\n"


def _html_table(table: Table) -> str:
    rows = []
    for row in table.rows:
        cells = []
        for cell in row:
            tag = "th" if cell.scope else "td"
            spans = "".join(
                f' {name}="{n}"' for name, n in (("rowspan", cell.rowspan), ("colspan", cell.colspan)) if n > 1
            )
            cells.append(f"<{tag}{spans}>{cell.text}</{tag}>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return f'<table border="1">{"".join(rows)}</table>'


def page_html(page: Page, encoding: str, declared: bool, xhtml: bool) -> bytes:
    """The page as HTML in *encoding*, the charset *declared* (a ``<meta>``, or XHTML's XML declaration) or not."""
    body = "\n".join(f"<p>{item}</p>" if isinstance(item, str) else _html_table(item) for item in page.items)
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={encoding}">' if declared else ""
    if xhtml:
        head = f'<?xml version="1.0" encoding="{encoding}"?>\n' if declared else ""
        html = f'{head}<html xmlns="http://www.w3.org/1999/xhtml"><head><title>报告</title></head><body>{body}</body></html>'
    else:
        html = f"<!DOCTYPE html><html><head>{meta}<title>报告</title></head><body>{body}</body></html>"
    return html.encode(encoding, errors="xmlcharrefreplace")


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")
"""The borders of a table: ruled, as a PDF of it needs to show its cells."""
_WIDE = 15000
"""The width of a table, in twentieths of a point: a landscape A4 page, as wide tables are printed."""


def _docx_table(table: Table) -> str:
    """A Word table of the grid: a cell spanning columns one ``w:tc`` with ``w:gridSpan``, one spanning rows
    continued below by ``w:vMerge``."""
    starts = {(r, c): cell for r, c, cell in table.placed()}
    matrix, rows = table.matrix(), []
    for r, line in enumerate(matrix):
        cells, c = [], 0
        while c < table.width:
            cell = line[c]
            origin = starts.get((r, c))
            top = origin if origin is not None else cell
            span = f'<w:gridSpan w:val="{top.colspan}"/>' if top.colspan > 1 else ""
            merge = "" if top.rowspan == 1 else '<w:vMerge w:val="restart"/>' if origin else "<w:vMerge/>"
            text = escape(top.text) if origin is not None else ""
            cells.append(f"<w:tc><w:tcPr>{span}{merge}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
            c += top.colspan
        rows.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{''.join(cells)}</w:tr>")
    labels = table.label_columns
    value = min(1600, (_WIDE - 2400 * labels) // (table.width - labels))
    grid = "".join(f'<w:gridCol w:w="{2400 if c < labels else value}"/>' for c in range(table.width))
    borders = "".join(f'<w:{side} w:val="single" w:sz="4"/>' for side in _SIDES)
    layout = '<w:tblLayout w:type="fixed"/>'
    head = f"<w:tblPr><w:tblBorders>{borders}</w:tblBorders>{layout}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
    return f'<w:tbl xmlns:w="{_W}">{head}{"".join(rows)}</w:tbl>'


def page_docx(page: Page) -> bytes:
    """The page as a Word document on landscape pages: paragraphs, and tables whose spanned cells are merged
    (``gridSpan`` across, ``vMerge`` down), no row broken across pages."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.oxml import parse_xml
    from docx.shared import Mm

    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(12)
    body = document.element.body
    for item in page.items:
        if isinstance(item, str):
            document.add_paragraph(item)
        else:
            body.sectPr.addprevious(parse_xml(_docx_table(item)))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def tables_of(page: Page) -> list[Table]:
    return [item for item in page.items if isinstance(item, Table)]


def with_tables(page: Page, change: Callable[[Table], Table]) -> Page:
    return Page(items=tuple(change(item) if isinstance(item, Table) else item for item in page.items))


def value_paths(report: Report) -> list[str]:
    """The wire path of every value cell the tables of *report* print."""
    paths: list[str] = []
    for section in sections(type(report), lambda path: path):
        if section.table is not None:
            paths.extend(cell.path for row in section.table.rows for cell in row if cell.path)
    return paths


def printed_cells(page: Page) -> dict[str, str]:
    """The text of each value cell the tables of the page print, by wire path."""
    return {cell.path: cell.text for table in tables_of(page) for row in table.rows for cell in row if cell.path}


def changed(page: Page, path: str, text: str) -> Page:
    """The page with the value cell at *path* printed as *text*."""

    def change(table: Table) -> Table:
        rows = tuple(tuple(attrs.evolve(c, text=text) if c.path == path else c for c in row) for row in table.rows)
        return attrs.evolve(table, rows=rows)

    return with_tables(page, change)
