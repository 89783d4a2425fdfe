"""The three tables as an Excel workbook in the official layout (the ``xlsx`` extra: openpyxl)."""

from __future__ import annotations

import io
import math
from decimal import Decimal
from typing import Any

from ..model import Kind, RenderError, Report, Table, cells, display, field_meta, parts, printed_date, sections
from ..rules import check
from ..wire import Target, deliver, figure_text
from ._xml import writable

_TOP = 3
"""The sheet row of a table's first row: the title and the section heading stand above it."""


def _places(value: Decimal) -> int:
    """The decimal places *value* is stated with: 2 for ``100.10``."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _exact(value: Decimal) -> bool:
    """Whether Excel, which keeps 15 significant digits of a double, shows *value* exactly as a number."""
    digits = value.normalize().as_tuple().digits
    return len(digits) <= 15 and Decimal(repr(float(value))) == value and _places(value) <= 30


def _put(cell: Any, value: int | Decimal | str | None, unit: str = "") -> None:
    """Write *value* to a sheet cell: a number, shown to the places it is stated with and followed by *unit*,
    when Excel shows it exactly; its exact digits as text otherwise."""
    suffix = f'"{unit}"' if unit else ""
    if isinstance(value, int | Decimal) and _exact(Decimal(value)):
        places = _places(Decimal(value))
        cell.value = value if isinstance(value, int) else float(value)
        cell.number_format = ("0." + "0" * places if places else "0") + suffix
    elif value is not None:
        cell.value = figure_text(value)
        cell.number_format = "@" + suffix


def _width(text: str) -> int:
    """How many columns *text* takes in a fixed-width font: two for a CJK character."""
    return sum(2 if ord(c) >= 0x2E80 else 1 for c in text)


def _openpyxl() -> Any:
    """openpyxl with its styles, or a :class:`RenderError` saying how to install it."""
    try:
        import openpyxl.styles  # type: ignore[import-untyped]
    except ImportError:
        raise RenderError("writing Excel needs openpyxl: pip install 'gov-disclosure[xlsx]'") from None
    return openpyxl


def _table_sheet(
    xl: Any, sheet: Any, title: str, heading: str, table: Table, values: dict[str, Any], units: dict[str, str]
) -> None:
    """A sheet of *table*: the report's title, the section heading, then the table as printed."""
    Alignment, Font = xl.styles.Alignment, xl.styles.Font
    for row, text in enumerate((title, heading), start=1):
        sheet.cell(row, 1, text).font = Font(bold=True, size=14 if row == 1 else 12)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=table.width)
    sheet.cell(1, 1).alignment = Alignment(horizontal="center")
    widths = [10.0] * table.width
    for _, c, cell in table.placed():
        share = _width(cell.text) / cell.colspan + 2
        for dc in range(cell.colspan):  # labels and headers wrap beyond 26 columns; values never do
            widths[c + dc] = max(widths[c + dc], share if cell.path else min(share, 26))
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[xl.utils.get_column_letter(c)].width = width
    side = xl.styles.Side(style="thin")
    border = xl.styles.Border(left=side, right=side, top=side, bottom=side)
    for r, c, cell in table.placed():
        target = sheet.cell(_TOP + r, 1 + c)
        if cell.path:
            _put(target, values[cell.path], units.get(cell.path, ""))
            target.alignment = Alignment(horizontal="center", vertical="center")
        else:
            target.value = cell.text
            header = cell.scope in ("col", "colgroup")
            target.font = Font(bold=header)
            target.alignment = Alignment(horizontal="center" if header else "left", vertical="center", wrap_text=True)
            lines = math.ceil(_width(cell.text) / sum(widths[c : c + cell.colspan]))
            row = sheet.row_dimensions[_TOP + r]
            if cell.rowspan == 1 and lines > 1:  # spreadsheets do not grow a row for wrapped text on opening
                row.height = max(row.height or 0, 15 * lines)
        for dr in range(cell.rowspan):
            for dc in range(cell.colspan):
                sheet.cell(_TOP + r + dr, 1 + c + dc).border = border
        if cell.rowspan > 1 or cell.colspan > 1:
            sheet.merge_cells(
                start_row=_TOP + r, start_column=1 + c, end_row=_TOP + r + cell.rowspan - 1, end_column=c + cell.colspan
            )
    if table.heading_rows:
        sheet.freeze_panes = sheet.cell(_TOP + table.heading_rows, 1 + table.label_columns)
        sheet.print_title_rows = f"{_TOP}:{_TOP + table.heading_rows - 1}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _cover(xl: Any, sheet: Any, report: Report, rest: list[tuple[str, Any]]) -> None:
    """The first sheet: the title, who reports for which year in which edition (and, for a consolidated report,
    the bodies it adds up), its 落款 and 成文日期 where it has them, and the figures no table has."""
    cls = type(report)
    sheet.title = "报告信息"
    sheet.cell(1, 1, report.full_title).font = xl.styles.Font(bold=True, size=14)
    bodies = "、".join(report.consolidated_from)
    lines = [
        (field_meta(cls, "agency")["label"], report.agency),
        (field_meta(cls, "year")["label"], report.year),
        ("格式版本", f"{report.edition}年版"),
        *([(field_meta(cls, "consolidated_from")["label"], bodies)] if bodies else []),
        *([(field_meta(cls, "signature")["label"], report.signature)] if report.signature else []),
        *([(field_meta(cls, "date")["label"], printed_date(report.date))] if report.date else []),
        *rest,
    ]
    for row, (label, value) in enumerate(lines, start=3):
        sheet.cell(row, 1, label).font = xl.styles.Font(bold=True)
        _put(sheet.cell(row, 2), value)
        sheet.cell(row, 2).alignment = xl.styles.Alignment(horizontal="left")
    sheet.column_dimensions["A"].width = max(_width(label) for label, _ in lines) + 2
    sheet.column_dimensions["B"].width = max(_width(report.agency), 12) + 2


def to_xlsx(report: Report, target: Target | None = None, *, strict: bool = True) -> bytes:
    """The report's tables as an Excel workbook in the official layout; return its bytes, and write them to
    *target* if given (a path, written atomically, or a binary stream). A report with an error finding is
    refused (:class:`ReportInvalidError`) unless *strict* is false.

    A first sheet names the report and holds the figures no table prints; then one sheet per table, merged
    cells as printed. Counts are numbers; an amount is a number when Excel shows it exactly (at most 15
    significant digits), and its exact digits as text otherwise. Needs openpyxl (``gov-disclosure[xlsx]``).
    """
    xl = _openpyxl()
    if strict:
        check(report)
    cls = type(report)
    writable(
        {p.name: getattr(report, p.name) for p in parts(cls) if p.kind in (Kind.TEXT, Kind.NAMES)}, "an Excel workbook"
    )
    values = {c.path: c.get(report) for c in cells(cls)}
    row_units = {c.path.rpartition(".")[0]: values[c.path] for c in cells(cls) if c.kind is Kind.UNIT}
    units = {c.path: row_units.get(c.path.rpartition(".")[0], "") for c in cells(cls) if c.kind is Kind.MONEY}
    found = sections(cls, lambda path: display(values[path], units.get(path, "")))
    tables = [(s.heading, s.table) for s in found if s.table]
    printed = {cell.path for _, table in tables for _, _, cell in table.placed() if cell.path}
    rest = [
        (" / ".join(c.labels), values[c.path]) for c in cells(cls) if c.kind is not Kind.UNIT and c.path not in printed
    ]
    book = xl.Workbook()
    _cover(xl, book.active, report, rest)
    for heading, table in tables:
        _table_sheet(xl, book.create_sheet(heading[:31]), report.full_title, heading, table, values, units)
    book.properties.title = report.full_title
    book.properties.creator = report.agency
    out = io.BytesIO()
    book.save(out)
    return deliver(out.getvalue(), target)
