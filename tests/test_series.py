"""Checks across years: what one year carries forward, the next carries over; gaps and edition switches said."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gov_disclosure import (
    APPLICANT_COLUMNS,
    ConsolidationError,
    Report,
    Report2019,
    Report2021,
    ReportKey,
    Severity,
    read,
    validate_series,
)
from gov_disclosure.testing import reports
from helpers import replace_at

CORPUS = Path(__file__).resolve().parent / "corpus"
ITEM_ROWS = ("licensing", "other_services", "penalties", "coercive_measures", "administrative_fees")


def continued(before: Report, after: Report) -> Report:
    """*after* as the next year of *before*'s body, carrying over what *before* carried forward."""
    after = attrs.evolve(after, agency=before.agency, year=before.year + 1)
    after = replace_at(after, "applications.carried_over", before.applications.carried_forward)
    if isinstance(before, Report2021) and isinstance(after, Report2021):
        for name in ("regulations", "normative_documents"):
            last, this = getattr(before.proactive, name), getattr(after.proactive, name)
            in_force = last.in_force + this.issued
            after = replace_at(after, f"proactive.{name}", attrs.evolve(this, in_force=in_force, repealed=0))
    if isinstance(before, Report2019) and isinstance(after, Report2019):
        for name in ITEM_ROWS:
            last = getattr(before.proactive, name)
            after = replace_at(after, f"proactive.{name}.previous_items", max(last.previous_items + last.change, 0))
    return after


def rules(found: list) -> list[tuple[str, str | None]]:  # type: ignore[type-arg]
    return [(f.rule, f.path) for f in found]


def read_report(name: str) -> Report:
    report = read(CORPUS / name).report
    assert report is not None
    return report


def test_the_corpus_pairs_check_clean() -> None:
    pingtan = [read_report(f"fujian-pingtan-{year}.txt") for year in (2022, 2021)]
    assert validate_series(pingtan) == []
    hongze = [read_report(f"jiangsu-hongze-district-{year}.pdf") for year in (2023, 2024)]
    [finding] = validate_series(hongze)  # the district writes its name with and without the city
    assert (finding.rule, finding.severity) == ("X-AGENCY", Severity.INFO)
    assert finding.reports == (ReportKey("淮安市洪泽区人民政府", 2024), ReportKey("洪泽区人民政府", 2023))


@given(reports("2021", max_count=1000), reports("2021", max_count=1000))
def test_a_year_that_continues_the_last_checks_clean_2021(first: Report, second: Report) -> None:
    first = attrs.evolve(first, year=2022)
    assert validate_series([continued(first, second), first]) == []


@given(reports("2019", max_count=1000), reports("2019", max_count=1000))
def test_a_year_that_continues_the_last_checks_clean_2019(first: Report, second: Report) -> None:
    first = attrs.evolve(first, year=2019)
    second = continued(first, second)
    negative = [  # continued() cannot carry a negative number of items over
        f"proactive.{name}.previous_items"
        for name in ITEM_ROWS
        if getattr(first.proactive, name).previous_items + getattr(first.proactive, name).change < 0
    ]
    assert rules(validate_series([first, second])) == [("X-PREVIOUS-ITEMS", path) for path in negative]


@given(reports(max_count=1000), reports(max_count=1000), st.sampled_from(APPLICANT_COLUMNS[:-1]), st.integers(1, 9))
def test_a_carry_over_that_differs_is_named_by_its_column(
    first: Report, second: Report, column: str, more: int
) -> None:
    first = attrs.evolve(first, year=2021 if isinstance(first, Report2021) else 2020)
    second = continued(first, second)
    path = f"applications.carried_over.{column}"
    stated = getattr(second.applications.carried_over, column) + more
    found = [f for f in validate_series([first, replace_at(second, path, stated)]) if f.rule == "X-CARRYOVER"]
    [finding] = found
    assert (finding.path, finding.stated, finding.expected) == (path, stated, stated - more)
    assert finding.cells == (path, f"applications.carried_forward.{column}")
    assert finding.reports == (ReportKey(first.agency, first.year + 1), first.key)


def test_in_force_and_previous_items(enping: Report2019, hongze: Report2021) -> None:
    last = replace_at(hongze, "year", 2023)
    this = replace_at(continued(last, hongze), "proactive.normative_documents.in_force", 1)
    [finding] = validate_series([last, this])
    assert (finding.rule, finding.path, finding.stated) == ("X-IN-FORCE", "proactive.normative_documents.in_force", 1)
    assert finding.expected == last.proactive.normative_documents.in_force + this.proactive.normative_documents.issued
    next_year = replace_at(continued(enping, enping), "proactive.penalties.previous_items", 7)
    [finding] = validate_series([enping, next_year])
    assert (finding.rule, finding.path, finding.stated) == ("X-PREVIOUS-ITEMS", "proactive.penalties.previous_items", 7)
    assert finding.expected == enping.proactive.penalties.previous_items + enping.proactive.penalties.change


def test_across_the_edition_switch_only_the_carry_over_is_compared(hongze: Report2021) -> None:
    last = Report2019(agency=hongze.agency, year=2020)
    this = continued(last, hongze)
    [finding] = validate_series([this, last])
    assert (finding.rule, finding.path, finding.severity) == ("X-EDITION", "proactive", Severity.INFO)
    carrying = replace_at(last, "applications.carried_forward.natural_person", 4)
    assert rules(validate_series([this, carrying])) == [
        ("X-CARRYOVER", "applications.carried_over.natural_person"),
        ("X-EDITION", "proactive"),
    ]


def test_a_missing_year_is_reported_not_assumed_away(hongze: Report2021) -> None:
    found = validate_series([replace_at(hongze, "year", 2021), replace_at(hongze, "year", 2024)])
    [gap] = found
    assert (gap.rule, gap.severity, gap.path) == ("X-GAP", Severity.WARNING, None)
    assert "缺少2022、2023年度报告" in gap.message


def test_two_reports_of_one_year_are_refused(hongze: Report2021) -> None:
    with pytest.raises(ConsolidationError, match=r"several for \[2024\]"):
        validate_series([hongze, hongze])
    assert validate_series([hongze]) == []


def test_what_is_not_a_report_is_refused(hongze: Report2021) -> None:
    with pytest.raises(TypeError, match=r"validate_series\(\) takes reports; item 1 is NoneType"):
        validate_series([hongze, None])  # type: ignore[list-item]
