"""Consolidation: aggregate() adds reports up exactly; validate_parent() names every cell a parent gets wrong."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gov_disclosure import (
    ConsolidationError,
    Proactive2019,
    ProcessingFees,
    Procurement2019,
    Report,
    Report2019,
    Report2021,
    ReportKey,
    Severity,
    aggregate,
    finding_data,
    validate,
    validate_parent,
)
from gov_disclosure.model import FIGURES, cells
from gov_disclosure.testing import reports
from helpers import get_at, replace_at

YEAR = 2022


def as_bodies(found: Sequence[Report], year: int = YEAR) -> list[Report]:
    """*found* as the reports of distinct bodies for *year*."""
    return [attrs.evolve(r, agency=f"下级机关{i}", year=year) for i, r in enumerate(found)]


def bodies(edition: str) -> st.SearchStrategy[list[Report]]:
    return st.lists(reports(edition, max_count=1000), min_size=1, max_size=4).map(as_bodies)  # type: ignore[arg-type]


editions = st.sampled_from(["2019", "2021"])


def in_one_unit(report: Report) -> Report:
    if isinstance(report, Report2019):
        return replace_at(report, "proactive.procurement", report.proactive.procurement.in_yuan())
    return report


@given(editions.flatmap(bodies))
def test_the_aggregate_of_balanced_reports_is_balanced_and_adds_every_figure(children: list[Report]) -> None:
    total = aggregate(children, agency="某县人民政府", year=YEAR)
    assert type(total) is type(children[0])
    assert [f for f in validate(total) if f.severity is Severity.ERROR] == []
    units = {r.proactive.procurement.unit for r in children if isinstance(r, Report2019)}
    added = [in_one_unit(r) for r in children] if len(units) > 1 else children
    for cell in cells(type(total)):
        if cell.kind in FIGURES:
            values = [cell.get(r) for r in added]
            expected = None if None in values else sum(values[1:], values[0])
            assert cell.get(total) == expected, cell.path


@given(editions.flatmap(bodies), st.randoms(use_true_random=False))
def test_aggregation_does_not_depend_on_the_order(children: list[Report], random: object) -> None:
    shuffled = list(children)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    assert aggregate(shuffled, agency="某县", year=YEAR) == aggregate(children, agency="某县", year=YEAR)


def test_the_aggregate_records_its_bodies_and_takes_the_callers_words(enping: Report2019) -> None:
    town = Report2019(agency="某镇人民政府", year=2019)
    overview = enping.overview
    total = aggregate([town, enping], agency="恩平市人民政府", year=2019, title="汇总报告", overview=overview)
    assert total.consolidated_from == ("恩平市人民政府办公室", "某镇人民政府")
    assert (total.agency, total.year, total.title, total.overview) == ("恩平市人民政府", 2019, "汇总报告", overview)
    assert total.applications.narrative == total.proactive.narrative == total.other_matters
    assert not total.other_matters


def test_signed_changes_add_up_signed() -> None:
    one = replace_at(Report2019(agency="甲", year=2019), "proactive.licensing.change", -5)
    two = replace_at(Report2019(agency="乙", year=2019), "proactive.licensing.change", 2)
    assert aggregate([one, two], agency="县", year=2019).proactive.licensing.change == -3


def test_procurement_in_different_units_is_added_in_yuan_exactly() -> None:
    def body(name: str, amount: str, unit: str) -> Report2019:
        procurement = Procurement2019(projects=1, amount=Decimal(amount), unit=unit)
        return Report2019(agency=name, year=2019, proactive=Proactive2019(procurement=procurement))

    total = aggregate([body("甲", "1.2345", "万元"), body("乙", "0.01", "元")], agency="县", year=2019)
    assert total.proactive.procurement == Procurement2019(projects=2, amount=Decimal("12345.01"), unit="元")
    same = aggregate([body("甲", "1.5", "万元"), body("乙", "2", "万元")], agency="县", year=2019)
    assert same.proactive.procurement == Procurement2019(projects=2, amount=Decimal("3.5"), unit="万元")


def test_amounts_are_added_exactly_or_refused() -> None:
    def body(name: str, amount: str) -> Report2021:
        return replace_at(
            Report2021(agency=name, year=2022), "proactive.administrative_fees.amount_10k_yuan", Decimal(amount)
        )

    big = "123456789012345.123456"
    total = aggregate([body("甲", big), body("乙", "0.000001")], agency="县", year=2022)
    assert total.proactive.administrative_fees.amount_10k_yuan == Decimal("123456789012345.123457")
    with pytest.raises(ConsolidationError, match="more than a report may hold"):
        aggregate([body("甲", "600000000000000"), body("乙", "400000000000000")], agency="县", year=2022)


def test_a_fee_figure_one_body_leaves_unstated_is_unstated_in_the_sum() -> None:
    stated = Report2021(agency="甲", year=2022, fees=ProcessingFees(notices=2, collected_yuan=Decimal("10.5")))
    unstated = Report2021(agency="乙", year=2022, fees=ProcessingFees(notices=1))
    assert aggregate([stated, unstated], agency="县", year=2022).fees == ProcessingFees(notices=3)


def test_mixed_editions_years_and_bodies_are_refused_naming_them(enping: Report2019, hongze: Report2021) -> None:
    with pytest.raises(ConsolidationError) as caught:
        aggregate([enping, hongze], agency="县", year=2019)
    message = str(caught.value)
    assert "not for 2019: 淮安市洪泽区人民政府2024年" in message
    assert "2019 edition: 恩平市人民政府办公室2019年" in message
    assert "2021 edition: 淮安市洪泽区人民政府2024年" in message
    with pytest.raises(ConsolidationError, match="more than one report from 恩平市人民政府办公室"):
        aggregate([enping, enping], agency="县", year=2019)
    with pytest.raises(ConsolidationError, match="at least one report"):
        aggregate([], agency="县", year=2019)


@given(editions.flatmap(bodies))
def test_a_parent_that_is_the_sum_of_its_children_checks_clean(children: list[Report]) -> None:
    assert validate_parent(aggregate(children, agency="县", year=YEAR), reversed(children)) == []


@given(editions.flatmap(bodies), st.data())
def test_every_cell_a_parent_gets_wrong_is_named_with_the_children_that_add_up_to_it(
    children: list[Report], data: st.DataObject
) -> None:
    parent = aggregate(children, agency="县", year=YEAR)
    cell = data.draw(st.sampled_from([c for c in cells(type(parent)) if c.kind in FIGURES and not c.derived]))
    value = cell.get(parent)
    if value is None:
        return
    wrong = replace_at(parent, cell.path, value + (1 if isinstance(value, int) else Decimal("0.01")))
    [finding] = validate_parent(wrong, children)
    assert (finding.rule, finding.severity, finding.path) == ("PARENT-SUM", Severity.ERROR, cell.path)
    assert (finding.stated, finding.expected) == (get_at(wrong, cell.path), value)
    contributing = [r.key for r in children if cell.get(r)]
    units = {r.proactive.procurement.unit for r in children if isinstance(r, Report2019)}
    if len(units) <= 1:
        assert finding.reports == (wrong.key, *contributing)


def test_missing_and_unnamed_children(enping: Report2019) -> None:
    town = Report2019(agency="某镇人民政府", year=2019)
    parent = aggregate([enping, town], agency="恩平市人民政府", year=2019)
    found = validate_parent(parent, [enping, Report2019(agency="别的镇", year=2019)])
    assert [(f.rule, f.reports[1]) for f in found if f.path is None] == [
        ("PARENT-MISSING", ReportKey("某镇人民政府", 2019)),
        ("PARENT-UNNAMED", ReportKey("别的镇", 2019)),
    ]
    assert validate_parent(parent, [enping], expected=["恩平市人民政府办公室"]) == []


def test_a_published_parent_names_its_cells_and_the_children_in_the_message(enping: Report2019) -> None:
    town = replace_at(Report2019(agency="某镇人民政府", year=2019), "applications.received.natural_person", 3)
    town = replace_at(town, "applications.carried_forward.natural_person", 3)
    parent = replace_at(enping, "agency", "恩平市人民政府")
    found = validate_parent(parent, [enping, town])
    assert [f.path for f in found] == [
        "applications.received.natural_person",
        "applications.carried_forward.natural_person",
    ]
    finding = found[0]
    assert (finding.stated, finding.expected) == (2, 5)
    assert "汇总报告为2，下级报告之和为5（恩平市人民政府办公室：2；某镇人民政府：3）" in finding.message
    assert finding.reports == (parent.key, enping.key, town.key)


def test_children_of_another_year_or_edition_are_refused(enping: Report2019, hongze: Report2021) -> None:
    with pytest.raises(ConsolidationError) as caught:
        validate_parent(enping, [hongze])
    assert "not for 2019: 淮安市洪泽区人民政府2024年" in str(caught.value)
    assert "not in the 2019 edition: 淮安市洪泽区人民政府2024年 (2021 edition)" in str(caught.value)


def test_amounts_in_findings_are_written_as_published_with_their_unit() -> None:
    def body(name: str, amount: str, unit: str) -> Report2019:
        procurement = Procurement2019(projects=1, amount=Decimal(amount), unit=unit)
        return Report2019(agency=name, year=2019, proactive=Proactive2019(procurement=procurement))

    children = [body("甲", "1E+3", "元"), body("乙", "1.01E+3", "元")]
    parent = replace_at(body("县", "124", "万元"), "proactive.procurement.projects", 2)
    [finding] = validate_parent(parent, children)
    assert finding.path == "proactive.procurement.amount"
    assert "汇总报告为1240000元，下级报告之和为2010元（甲：1000元；乙：1010元）" in finding.message
    assert (finding_data(finding)["stated"], finding_data(finding)["expected"]) == ("1240000", "2010")


def test_what_is_not_a_report_is_refused_naming_where_it_is(enping: Report2019) -> None:
    with pytest.raises(TypeError, match=r"aggregate\(\) takes reports; item 1 is int"):
        aggregate([enping, 2], agency="县", year=2019)  # type: ignore[list-item]
    with pytest.raises(TypeError, match=r"validate_parent\(\) takes reports; item 0 is NoneType \(a reading that"):
        validate_parent(enping, [None])  # type: ignore[list-item]
    with pytest.raises(TypeError, match=r"validate_parent\(\) takes reports; item 0 is str"):
        validate_parent("县", [enping])  # type: ignore[arg-type]
    with pytest.raises(ConsolidationError, match="none was given"):
        validate_parent(enping, [])
