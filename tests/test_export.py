"""CSV and Excel exports, read back and compared with the model cell by cell."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS, EXAMPLES
from gov_disclosure import (
    WIDE_COLUMNS,
    Finding,
    Kind,
    Reading,
    RenderError,
    Report,
    Report2019,
    Report2021,
    ReportInvalidError,
    Severity,
    aggregate,
    dump,
    load,
    read,
    read_files,
    to_xlsx,
    validate,
    write_long,
    write_wide,
)
from gov_disclosure.model import cells, printed_date, sections
from gov_disclosure.testing import reports
from helpers import get_at, replace_at

EXAMPLE_FILES = ["enping-2019.yaml", "hongze-2024.yaml"]
HEAD = ["source", "agency", "year", "edition"]
TOP = 3
"""The sheet row a table starts on, below the report's title and the section heading."""


def parse(text: str, kind: Kind) -> Any:
    """A CSV value back as the model holds it."""
    if text == "":
        return None
    if kind is Kind.MONEY:
        return Decimal(text)
    return text if kind is Kind.UNIT else int(text)


def long_rows(items: Any) -> list[dict[str, str]]:
    out = io.StringIO(newline="")
    written = write_long(items, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert written == len(rows)
    return rows


def wide_rows(items: Any) -> list[dict[str, str]]:
    out = io.StringIO(newline="")
    written = write_wide(items, out)
    reader = csv.DictReader(io.StringIO(out.getvalue(), newline=""))
    assert reader.fieldnames == [*HEAD, "signature", "date", "errors", "warnings", *WIDE_COLUMNS]
    rows = list(reader)
    assert written == len(rows)
    return rows


def codes(report: Report, severity: Severity) -> str:
    return " ".join(sorted({f.rule for f in validate(report) if f.severity is severity}))


def check_value(text: str, value: Any, kind: Kind) -> None:
    """*text* is *value* exactly: digits, an amount's decimal without exponent, a unit, empty for unstated."""
    assert parse(text, kind) == value
    if isinstance(value, Decimal):
        assert text == format(value, "f")


# Long CSV -----------------------------------------------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(reports())
def test_long_has_every_cell_with_its_exact_value(report: Report) -> None:
    rows = long_rows([report])
    listed = cells(type(report))
    assert len(rows) == len(listed)
    for row, cell in zip(rows, listed, strict=True):
        assert row["path"] == cell.path
        assert row["label"] == " / ".join(cell.labels)
        assert row["derived"] == ("true" if cell.derived else "false")
        assert (row["source"], row["agency"], row["year"], row["edition"]) == (
            "",
            report.agency,
            str(report.year),
            report.edition,
        )
        check_value(row["value"], cell.get(report), cell.kind)
        flagged = {f.rule for f in validate(report) if f.severity is not Severity.INFO}
        assert set(row["flags"].split()) <= flagged


def test_long_streams_its_items() -> None:
    """Each report's rows are written before the next item is asked for."""
    enping = load(EXAMPLES / "enping-2019.yaml")

    def items() -> Iterator[Report]:
        yield enping
        raise RuntimeError("the second item")

    out = io.StringIO(newline="")
    with pytest.raises(RuntimeError):
        write_long(items(), out)
    assert len(out.getvalue().splitlines()) == 1 + len(cells(Report2019))


def test_a_reading_without_a_report_gives_no_rows() -> None:
    nothing = Reading(report=None, findings=(), sources={}, source="x.txt")
    assert long_rows([nothing]) == []
    assert wide_rows([nothing]) == []


def finding(severity: Severity, path: str, rule: str = "TEST-RULE") -> Finding:
    return Finding(rule=rule, severity=severity, path=path, message="", message_en="")


def test_flags_are_error_and_warning_rules_on_the_cell_or_a_part_holding_it() -> None:
    enping = load(EXAMPLES / "enping-2019.yaml")
    row = "applications.outcomes.other"
    findings = (
        finding(Severity.ERROR, "appeals", "B-ERROR"),
        finding(Severity.WARNING, row, "A-WARNING"),
        finding(Severity.WARNING, f"{row}.total", "A-WARNING"),
        finding(Severity.WARNING, f"{row}.other", "D-WARNING"),  # a 2021 row: no part of {row}.other_org
        finding(Severity.INFO, "proactive", "C-INFO"),
    )
    rows = long_rows([Reading(report=enping, findings=findings, sources={}, source="enping.docx")])
    flags = {r["path"]: r["flags"] for r in rows}
    assert {r["source"] for r in rows} == {"enping.docx"}
    assert f"{row}.other_org" in flags
    for path, found in flags.items():
        expected = [
            *(["A-WARNING"] if path.startswith(f"{row}.") else []),
            *(["B-ERROR"] if path.startswith("appeals.") else []),
        ]
        assert found == " ".join(expected), path


def test_a_figure_the_reader_could_not_read_is_flagged() -> None:
    reading = read(CORPUS / "fujian-pingtan-2021.txt")
    [ambiguous] = [f for f in reading.findings if f.rule == "READ-AMBIGUOUS"]
    assert (ambiguous.severity, ambiguous.path) == (Severity.ERROR, "proactive.normative_documents")
    rows = long_rows([reading])
    assert len(rows) == len(cells(Report2021))
    flagged = {r["path"] for r in rows if "READ-AMBIGUOUS" in r["flags"].split()}
    assert flagged == {c.path for c in cells(Report2021) if c.path.startswith("proactive.normative_documents.")}
    assert len(flagged) == 3
    assert {r["source"] for r in rows} == {str(CORPUS / "fujian-pingtan-2021.txt")}
    [wide] = wide_rows([reading])
    assert "READ-AMBIGUOUS" in wide["errors"].split()
    assert wide["source"] == str(CORPUS / "fujian-pingtan-2021.txt")


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_examples_export_unflagged(name: str) -> None:
    report = load(EXAMPLES / name)
    assert {r["flags"] for r in long_rows([report])} == {""}
    [wide] = wide_rows([report])
    assert (wide["errors"], wide["warnings"]) == ("", "")


# Wide CSV -----------------------------------------------------------------------------------------------------


def test_wide_columns_are_the_2019_cells_then_the_2021_ones_it_lacks() -> None:
    first = [c.path for c in cells(Report2019)]
    assert list(WIDE_COLUMNS[: len(first)]) == first
    assert list(WIDE_COLUMNS[len(first) :]) == [c.path for c in cells(Report2021) if c.path not in first]
    assert len(set(WIDE_COLUMNS)) == len(WIDE_COLUMNS)


def check_wide(rows: list[dict[str, str]], items: list[Report]) -> None:
    assert len(rows) == len(items)
    for row, report in zip(rows, items, strict=True):
        own = cells(type(report))
        assert (row["agency"], row["year"], row["edition"]) == (report.agency, str(report.year), report.edition)
        assert (row["signature"], row["date"]) == (report.signature or "", str(report.date or ""))
        assert (row["errors"], row["warnings"]) == (codes(report, Severity.ERROR), codes(report, Severity.WARNING))
        stated = {c.path for c in own if c.get(report) is not None}
        assert {path for path in WIDE_COLUMNS if row[path] != ""} == stated
        for cell in own:
            check_value(row[cell.path], cell.get(report), cell.kind)


@settings(max_examples=20, deadline=None)
@given(st.lists(reports(), max_size=4))
def test_wide_has_one_row_per_report_with_its_own_columns(items: list[Report]) -> None:
    check_wide(wide_rows(items), items)


def test_wide_mixes_editions() -> None:
    enping, hongze = (load(EXAMPLES / name) for name in EXAMPLE_FILES)
    unstated = attrs.evolve(hongze, fees=attrs.evolve(hongze.fees, collected_yuan=None))
    items = [enping, hongze, unstated, enping]
    rows = wide_rows(iter(items))
    check_wide(rows, items)
    assert rows[1]["fees.collected_yuan"] == "0"
    assert rows[2]["fees.collected_yuan"] == ""
    assert rows[0]["proactive.procurement.amount"] == "1862794.63"
    assert rows[0]["proactive.procurement.unit"] == "元"


# Excel --------------------------------------------------------------------------------------------------------


def check_workbook(report: Report, data: bytes) -> None:
    """Every placed cell of the layout is in its sheet with its text or exact value, every span is merged."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    tables = [s for s in sections(type(report), lambda path: "") if s.table]
    assert book.sheetnames[1:] == [s.heading[:31] for s in tables]
    cover = [[c for c in row if c is not None] for row in book.worksheets[0].iter_rows(values_only=True)]
    assert [report.full_title] in cover
    assert any(report.agency in row for row in cover)
    assert any(report.year in row for row in cover)
    assert any(f"{report.edition}年版" in row for row in cover)
    signed = (("落款", report.signature), ("成文日期", report.date and printed_date(report.date)))
    assert [row for row in cover if row[:1] in (["落款"], ["成文日期"])] == [[k, v] for k, v in signed if v]
    assert book.properties.title == report.full_title
    for section in tables:
        table = section.table
        sheet = book[section.heading[:31]]
        assert (sheet.cell(1, 1).value, sheet.cell(2, 1).value) == (report.full_title, section.heading)
        spans = {(1, row, table.width, row) for row in (1, 2)}
        for r, c, cell in table.placed():
            got = sheet.cell(TOP + r, 1 + c)
            if cell.rowspan > 1 or cell.colspan > 1:
                spans.add((1 + c, TOP + r, c + cell.colspan, TOP + r + cell.rowspan - 1))
            if not cell.path:
                assert (got.value or "") == cell.text
                assert got.font.b == (cell.scope in ("col", "colgroup"))
                continue
            value = get_at(report, cell.path)
            if isinstance(value, Decimal):
                assert Decimal(got.value if isinstance(got.value, str) else repr(got.value)) == value, cell.path
                unit = getattr(get_at(report, cell.path.rpartition(".")[0]), "unit", "")
                assert got.number_format.endswith(f'"{unit}"' if unit else ("@", "0")), cell.path
            else:
                assert type(got.value) is int, cell.path
                assert got.value == value, cell.path
        assert {r.bounds for r in sheet.merged_cells.ranges} == spans


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_examples_in_excel_cell_for_cell(name: str) -> None:
    report = load(EXAMPLES / name)
    check_workbook(report, to_xlsx(report))


@settings(max_examples=10, deadline=None)
@given(reports())
def test_generated_reports_in_excel(report: Report) -> None:
    check_workbook(report, to_xlsx(report))


def procurement_cell(amount: str) -> Any:
    """The sheet cell of the 2019 procurement amount, stated as *amount*."""
    path = "proactive.procurement.amount"
    enping = replace_at(load(EXAMPLES / "enping-2019.yaml"), path, Decimal(amount))
    [section] = [s for s in sections(Report2019, lambda path: "") if s.name == "proactive"]
    [(r, c)] = [(r, c) for r, c, cell in section.table.placed() if cell.path == path]
    return openpyxl.load_workbook(io.BytesIO(to_xlsx(enping)))[section.heading].cell(TOP + r, 1 + c)


@pytest.mark.parametrize(
    ("amount", "number_format"),
    [("1862794.63", '0.00"元"'), ("100.10", '0.00"元"'), ("5", '0"元"'), ("1234567890123.45", '0.00"元"')],
)
def test_an_amount_excel_shows_exactly_is_a_number(amount: str, number_format: str) -> None:
    cell = procurement_cell(amount)
    assert cell.data_type == "n"
    assert Decimal(repr(cell.value)) == Decimal(amount)
    assert cell.number_format == number_format


@pytest.mark.parametrize("amount", ["123456789012345.67", "1234567890123.456"])
def test_an_amount_beyond_15_significant_digits_is_exact_text(amount: str) -> None:
    cell = procurement_cell(amount)
    assert (cell.data_type, cell.value, cell.number_format) == ("s", amount, '@"元"')


def test_figures_no_table_prints_are_on_the_first_sheet() -> None:
    hongze = load(EXAMPLES / "hongze-2024.yaml")
    hongze = attrs.evolve(hongze, fees=attrs.evolve(hongze.fees, notices=2, notice_amount_yuan=Decimal("0.50")))
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(hongze))).worksheets[0]
    found = {row[0]: row[1] for row in sheet.iter_rows(min_row=3, values_only=True)}
    for cell in cells(Report2021):
        if cell.path.startswith("fees."):
            label = " / ".join(cell.labels)
            assert found[label] == get_at(hongze, cell.path), label


def test_written_to_a_path_atomically_or_to_a_stream(tmp_path: Path) -> None:
    report = load(EXAMPLES / "hongze-2024.yaml")
    data = to_xlsx(report, tmp_path / "report.xlsx")
    assert data.startswith(b"PK")
    assert (tmp_path / "report.xlsx").read_bytes() == data
    stream = io.BytesIO()
    assert to_xlsx(report, stream) == stream.getvalue()
    pasted = attrs.evolve(report, title="年度\x0b报告")
    with pytest.raises(RenderError, match=r"title: character '\\x0b' at position 2"):
        to_xlsx(pasted, tmp_path / "never.xlsx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.xlsx"]


def test_missing_openpyxl_is_a_render_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    monkeypatch.setitem(sys.modules, "openpyxl.styles", None)
    with pytest.raises(RenderError, match=r"pip install 'gov-disclosure\[xlsx\]'"):
        to_xlsx(load(EXAMPLES / "enping-2019.yaml"))


def test_a_report_with_an_error_is_refused_unless_not_strict() -> None:
    report = replace_at(load(EXAMPLES / "enping-2019.yaml"), "applications.received.natural_person", 3)
    with pytest.raises(ReportInvalidError) as raised:
        report.to_xlsx()
    assert {f.rule for f in raised.value.findings} == {"T3-BALANCE"}
    check_workbook(report, report.to_xlsx(strict=False))


def test_a_reading_that_does_not_balance_is_flagged_by_the_rules(tmp_path: Path) -> None:
    report = replace_at(load(EXAMPLES / "enping-2019.yaml"), "applications.received.natural_person", 3)
    dump(report, tmp_path / "unbalanced.yaml")
    [reading] = read_files([tmp_path])
    assert [f.rule for f in reading.findings] == ["T3-BALANCE", "T3-BALANCE"]  # a kept report is validated
    flagged = {r["path"] for r in long_rows([reading]) if r["flags"] == "T3-BALANCE"}
    assert flagged == {"applications.carried_forward.natural_person", "applications.carried_forward.total"}
    assert wide_rows([reading])[0]["errors"] == "T3-BALANCE"


def test_the_first_sheet_names_the_bodies_a_consolidated_report_adds_up() -> None:
    enping = load(EXAMPLES / "enping-2019.yaml")
    county = aggregate([enping, Report2019(agency="某镇人民政府", year=2019)], agency="恩平市人民政府", year=2019)
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(county))).worksheets[0]
    found = {row[0]: row[1] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert found["汇总的下级报告编制机关"] == "恩平市人民政府办公室、某镇人民政府"
    assert "汇总的下级报告编制机关" not in {
        row[0] for row in openpyxl.load_workbook(io.BytesIO(to_xlsx(enping))).worksheets[0].iter_rows(values_only=True)
    }
