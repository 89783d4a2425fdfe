"""The rule catalogue: balanced reports validate clean; every broken cell is named."""

from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gov_disclosure
import gov_disclosure.rules._catalogue as catalogue
from gov_disclosure import (
    APPLICANT_COLUMNS,
    RULES,
    ApplicantCounts,
    FoundBy,
    ProcessingFees,
    Report,
    Report2019,
    Report2021,
    ReportInvalidError,
    Rule,
    Severity,
    check,
    validate,
)
from gov_disclosure.testing import reports
from helpers import get_at, replace_at


def errors(report: Report) -> list[str]:
    return [f"{f.rule} {f.path}" for f in validate(report) if f.severity is Severity.ERROR]


@given(reports())
def test_generated_reports_have_no_error(report: Report) -> None:
    assert errors(report) == []
    check(report)


@given(reports(), st.data())
def test_changing_any_count_of_section_3_is_caught_naming_its_column(report: Report, data: st.DataObject) -> None:
    row_path, row = data.draw(st.sampled_from(list(report.applications.rows())), label="row")
    column = data.draw(st.sampled_from(APPLICANT_COLUMNS[:-1]), label="column")
    value = getattr(row, column)
    new = data.draw(st.integers(0, value + 100).filter(lambda n: n != value), label="new value")
    changed = replace_at(report, f"applications.{row_path}.{column}", new)

    findings = [f for f in validate(changed) if f.rule == "T3-BALANCE"]

    assert {f.path for f in findings} == {
        f"applications.carried_forward.{column}",
        "applications.carried_forward.total",
    }
    finding = next(f for f in findings if f.path.endswith(column))
    assert finding.severity is Severity.ERROR
    assert abs(finding.expected - finding.stated) == abs(new - value)
    changed_cell = "outcomes.total" if row_path.startswith("outcomes.") else row_path
    assert f"applications.{changed_cell}.{column}" in finding.cells
    with pytest.raises(ReportInvalidError) as raised:
        check(changed)
    assert raised.value.findings == tuple(validate(changed))


def test_balance_finding_in_detail() -> None:
    report = Report2019(agency="某局", year=2019)
    report = replace_at(report, "applications.received", ApplicantCounts(natural_person=3))
    report = replace_at(report, "applications.outcomes.granted", ApplicantCounts(natural_person=2))

    first, second = validate(report)

    assert first.rule == "T3-BALANCE"
    assert first.path == "applications.carried_forward.natural_person"
    assert (first.stated, first.expected) == (2, 3)
    assert first.cells == (
        "applications.received.natural_person",
        "applications.carried_over.natural_person",
        "applications.outcomes.total.natural_person",
        "applications.carried_forward.natural_person",
    )
    assert first.message == "“自然人”列：第一项（3）加第二项（0）之和为3，不等于第三项（七）总计（2）加第四项（0）之和2"
    assert (
        first.message_en
        == "column natural_person: received 3 + carried over 0 = 3, but outcomes total 2 + carried forward 0 = 2"
    )
    assert second.path == "applications.carried_forward.total"
    assert str(first) == f"error T3-BALANCE applications.carried_forward.natural_person: {first.message}"


def test_warnings() -> None:
    old_format = Report2019(agency="某局", year=2021)
    assert [(f.rule, f.severity, f.path) for f in validate(old_format)] == [("EDITION-YEAR", Severity.WARNING, "year")]
    check(old_format)  # warnings do not raise

    negative = replace_at(Report2019(agency="某局", year=2019), "proactive.licensing.change", -3)
    [finding] = validate(negative)
    assert (finding.rule, finding.path, finding.stated) == ("T2-NEGATIVE-ITEMS", "proactive.licensing.change", -3)
    assert "行政许可" in finding.message

    in_force = replace_at(Report2021(agency="某局", year=2021), "proactive.regulations.issued", 4)
    [finding] = validate(in_force)
    assert (finding.rule, finding.path, finding.stated, finding.expected) == (
        "T2-IN-FORCE",
        "proactive.regulations.in_force",
        0,
        4,
    )


def test_fee_warnings() -> None:
    unpaid = ApplicantCounts(natural_person=2)
    report = Report2021(agency="某局", year=2021, fees=ProcessingFees(notices=0))
    report = replace_at(report, "applications.outcomes.other.fee_unpaid", unpaid)
    report = replace_at(report, "applications.received", unpaid)
    assert [(f.rule, f.path) for f in validate(report)] == [("FEES-UNPAID-WITHOUT-NOTICE", "fees.notices")]
    assert validate(attrs.evolve(report, fees=ProcessingFees())) == []  # not stated: nothing to compare

    mismatch = Report2021(
        agency="某局",
        year=2021,
        fees=ProcessingFees(notices=2, notice_amount_yuan=Decimal(0), collected_yuan=Decimal("380")),
    )
    assert [(f.rule, f.path) for f in validate(mismatch)] == [("FEES-NOTICES", "fees.notice_amount_yuan")]
    unpaid_notices = Report2021(
        agency="某局",
        year=2021,
        fees=ProcessingFees(notices=2, notice_amount_yuan=Decimal("200"), collected_yuan=Decimal(0)),
    )
    assert validate(unpaid_notices) == []
    collected_without_notice = Report2021(
        agency="某局", year=2021, fees=ProcessingFees(notices=0, collected_yuan=Decimal("380"))
    )
    assert [(f.rule, f.path) for f in validate(collected_without_notice)] == [("FEES-NOTICES", "fees.collected_yuan")]


def test_catalogue() -> None:
    codes = [rule.code for rule in RULES]
    assert len(codes) == len(set(codes))
    for code in ("T3-BALANCE", "T3-STATED-ROW-TOTAL", "T3-STATED-OUTCOME-TOTAL", "T4-STATED-TOTAL"):
        assert code in codes
    assert all(rule.summary and rule.summary_en for rule in RULES)
    assert {rule.code for rule in RULES if rule.editions == ("2021",)} >= {"FEES-NOTICES", "T2-IN-FORCE"}


PLACES = {
    FoundBy.VALIDATE: ["rules/_validate.py"],
    FoundBy.LOAD: ["wire"],
    FoundBy.READ: ["reading"],
    FoundBy.CONSOLIDATION: ["batch/_consolidate.py"],
    FoundBy.SERIES: ["batch/_series.py"],
    FoundBy.AUDIT: ["batch/_audit.py", "batch/_gather.py"],
}
"""The modules (or packages) of each place a rule is found."""
EMITTED_BY = {"T3_BALANCE": "balance", "T3_STATED_ROW_TOTAL": "row_total"}
EMITTED_BY |= {"T3_STATED_OUTCOME_TOTAL": "outcome_total", "T4_STATED_TOTAL": "appeal_total"}
"""The statute's identities (rules/_identities.py) that make the findings of a rule."""


def test_the_catalogue_is_immutable_and_says_where_each_rule_is_found() -> None:
    assert isinstance(RULES, tuple)
    assert all(rule.found_by and set(rule.found_by) <= set(FoundBy) for rule in RULES)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        RULES[0].found_by = ()  # type: ignore[misc]


def names_used(where: str) -> set[str]:
    """The names the modules at *where* (a module, or a package's modules) use in their code, not their text."""
    path = Path(gov_disclosure.__file__).parent / where
    modules = path.glob("*.py") if path.is_dir() else [path]
    trees = [ast.parse(module.read_text(encoding="utf-8")) for module in modules]
    return {node.id for tree in trees for node in ast.walk(tree) if isinstance(node, ast.Name)}


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_each_rule_is_made_where_the_catalogue_says_and_nowhere_else(rule: Rule) -> None:
    [name] = [name for name, value in vars(catalogue).items() if value is rule]
    maker = EMITTED_BY.get(name, name)
    places = {place for place, modules in PLACES.items() if any(maker in names_used(m) for m in modules)}
    assert places == set(rule.found_by)


def test_validate_refuses_other_objects() -> None:
    with pytest.raises(TypeError, match="validate\\(\\) takes a Report2019 or Report2021, got dict"):
        validate({})  # type: ignore[arg-type]


def test_rules_read_the_cells_they_name(enping: Report2019) -> None:
    for finding in validate(replace_at(enping, "applications.carried_forward.natural_person", 5)):
        for cell in finding.cells:
            assert isinstance(get_at(enping, cell), int)
