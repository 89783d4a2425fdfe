"""The wire format: exact round trips, the schema, and a clear error for every kind of bad input."""

from __future__ import annotations

import copy
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import EXAMPLES
from gov_disclosure import (
    APPLICANT_COLUMNS,
    LoadError,
    Report,
    Report2019,
    dump,
    dumps,
    from_dict,
    json_schema,
    load,
    loads,
    to_dict,
)
from gov_disclosure.testing import reports

VALIDATORS = {e: jsonschema.Draft202012Validator(json_schema(e)) for e in ("2019", "2021")}


@given(reports())
def test_json_round_trip_is_exact(report: Report) -> None:
    assert loads(dumps(report)) == report


@given(reports())
def test_yaml_round_trip_is_exact(report: Report) -> None:
    assert loads(dumps(report, format="yaml"), format="yaml") == report


@given(reports())
def test_output_validates_against_the_schema_and_totals_are_sums(report: Report) -> None:
    data = json.loads(dumps(report))
    VALIDATORS[report.edition].validate(data)
    rows = [data["applications"][key] for key in ("received", "carried_over", "carried_forward")]
    for row in rows:
        assert row["total"] == sum(row[c] for c in APPLICANT_COLUMNS[:-1])
    outcomes = data["applications"]["outcomes"]
    leaves = list(_leaf_rows({k: v for k, v in outcomes.items() if k != "total"}))
    for column in APPLICANT_COLUMNS:
        assert outcomes["total"][column] == sum(row[column] for row in leaves)
    for group in ("administrative_review", "litigation_direct", "litigation_after_review"):
        counts = data["appeals"][group]
        assert counts["total"] == counts["upheld"] + counts["corrected"] + counts["other"] + counts["pending"]


def _leaf_rows(node: dict[str, Any]) -> Any:
    for value in node.values():
        if "natural_person" in value:
            yield value
        else:
            yield from _leaf_rows(value)


def test_money_and_counts_on_the_wire(enping: Report2019) -> None:
    data = to_dict(enping)
    assert data["proactive"]["procurement"] == {"projects": 41, "amount": "1862794.63", "unit": "元"}
    assert (data["schema_version"], data["edition"]) == (1, "2019")
    assert list(data)[:5] == ["schema_version", "edition", "agency", "year", "title"]
    assert data["applications"]["outcomes"]["total"]["total"] == 2
    assert from_dict(data) == enping


def test_omitted_counts_are_zero() -> None:
    report = loads(
        '{"schema_version": 1, "edition": "2021", "agency": "某局", "year": 2022, '
        '"applications": {"received": {"natural_person": 1}, "outcomes": {"granted": {"natural_person": 1}}}}'
    )
    assert report.applications.received.total == 1
    assert report.applications.outcomes.total.natural_person == 1
    assert report.fees.notices is None
    assert json.loads(dumps(report))["applications"]["carried_over"] == dict.fromkeys(APPLICANT_COLUMNS, 0)


def test_money_keeps_its_digits() -> None:
    data = to_dict(Report2019(agency="某局", year=2019))
    data["proactive"]["procurement"]["amount"] = "100.50"
    report = from_dict(data)
    assert report.proactive.procurement.amount == Decimal("100.50")
    assert to_dict(report)["proactive"]["procurement"]["amount"] == "100.50"


def minimal(edition: str = "2019") -> dict[str, Any]:
    return {"schema_version": 1, "edition": edition, "agency": "某局", "year": 2020 if edition == "2019" else 2022}


def problems(data: Any, **kwargs: Any) -> list[tuple[str | None, str, str]]:
    text = data if isinstance(data, (str, bytes)) else json.dumps(data, ensure_ascii=False)
    with pytest.raises(LoadError) as raised:
        loads(text, **kwargs)
    return [(f.path, f.rule, f.message_en) for f in raised.value.findings]


@pytest.mark.parametrize(
    ("cell", "value", "rule", "message"),
    [
        ("natural_person", 3.7, "LOAD-TYPE", "expected a non-negative integer, got 3.7"),
        ("natural_person", "3", "LOAD-TYPE", 'expected a non-negative integer, got "3"'),
        ("natural_person", True, "LOAD-TYPE", "expected a non-negative integer, got true"),
        ("natural_person", None, "LOAD-TYPE", "expected a non-negative integer, got null"),
        ("natural_person", -1, "LOAD-VALUE", "a count cannot be negative: -1"),
        ("nautral_person", 1, "LOAD-UNKNOWN-KEY", "unknown key 'nautral_person'"),
        ("total", 5, "T3-STATED-ROW-TOTAL", "the stated total 5 differs from the sum of its parts 0"),
    ],
)
def test_bad_count(cell: str, value: Any, rule: str, message: str) -> None:
    data = minimal()
    data["applications"] = {"received": {cell: value}}
    assert problems(data) == [(f"applications.received.{cell}", rule, message)]


@pytest.mark.parametrize(
    ("value", "rule", "message"),
    [
        (1.5, "LOAD-TYPE", 'expected a decimal string such as "1862794.63", got 1.5'),
        (15, "LOAD-TYPE", 'expected a decimal string such as "1862794.63", got 15'),
        ("1,5", "LOAD-TYPE", 'expected a decimal string such as "1862794.63", got "1,5"'),
        ("NaN", "LOAD-TYPE", 'expected a decimal string such as "1862794.63", got "NaN"'),
        ("-2.5", "LOAD-VALUE", "an amount cannot be negative: -2.5"),
        ("-0.00", "LOAD-VALUE", "an amount cannot be negative: -0.00"),
    ],
)
def test_bad_money(value: Any, rule: str, message: str) -> None:
    data = minimal()
    data["proactive"] = {"procurement": {"amount": value}}
    assert problems(data) == [("proactive.procurement.amount", rule, message)]


def test_every_problem_is_listed_with_its_path() -> None:
    data = minimal()
    data["year"] = "2019"
    data["applications"] = {
        "received": {"natural_person": 3.7, "other_org": -1},
        "outcomes": {"other": {"fee_unpaid": {"natural_person": 1}}},
    }
    data["appeals"] = {"administrative_review": {"upheld": 1, "total": 2}}
    data["fees"] = {"notices": 0}
    data["overview"] = [{"heading": "（一）"}, {"paragraph": 1}, "text"]
    assert problems(data) == [
        ("year", "LOAD-TYPE", 'expected an integer year, got "2019"'),
        ("overview[1]", "LOAD-TYPE", 'expected {heading: text} or {paragraph: text}, got {"paragraph": 1}'),
        ("overview[2]", "LOAD-TYPE", 'expected {heading: text} or {paragraph: text}, got "text"'),
        ("applications.received.natural_person", "LOAD-TYPE", "expected a non-negative integer, got 3.7"),
        ("applications.received.other_org", "LOAD-VALUE", "a count cannot be negative: -1"),
        (
            "applications.outcomes.other.fee_unpaid",
            "LOAD-UNKNOWN-KEY",
            "unknown key 'fee_unpaid' (it belongs to the 2021 edition; this report is 2019)",
        ),
        (
            "appeals.administrative_review.total",
            "T4-STATED-TOTAL",
            "the stated total 2 differs from the sum of its parts 1",
        ),
        ("fees", "LOAD-UNKNOWN-KEY", "unknown key 'fees' (it belongs to the 2021 edition; this report is 2019)"),
    ]


def test_stated_outcome_total_names_each_column() -> None:
    data = minimal("2021")
    data["applications"] = {
        "outcomes": {"granted": {"natural_person": 2}, "total": {"natural_person": 3, "other_org": 1}}
    }
    assert problems(data) == [
        (
            "applications.outcomes.total.natural_person",
            "T3-STATED-OUTCOME-TOTAL",
            "column natural_person: the stated total 3 differs from the sum of its parts 2",
        ),
        (
            "applications.outcomes.total.other_org",
            "T3-STATED-OUTCOME-TOTAL",
            "column other_org: the stated total 1 differs from the sum of its parts 0",
        ),
    ]


def test_year_outside_the_edition() -> None:
    data = minimal("2021")
    data["year"] = 2020
    assert problems(data) == [("year", "LOAD-VALUE", "the year of this edition must be from 2021 to 2100, got 2020")]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"edition": "2020"}, [("edition", "LOAD-EDITION", 'edition must be the string "2019" or "2021", got "2020"')]),
        ({"edition": 2019}, [("edition", "LOAD-EDITION", 'edition must be the string "2019" or "2021", got 2019')]),
        ({"edition": None}, [("edition", "LOAD-EDITION", 'edition must be the string "2019" or "2021", got null')]),
        ({"schema_version": 2}, [("schema_version", "LOAD-EDITION", "schema_version must be 1, got 2")]),
        ({"agency": ""}, [("agency", "LOAD-TYPE", 'expected a non-empty string, got ""')]),
    ],
)
def test_bad_heading(changes: dict[str, Any], expected: list[Any]) -> None:
    assert problems({**minimal(), **changes}) == expected


def test_missing_keys() -> None:
    assert problems({"schema_version": 1, "edition": "2019"}) == [
        ("agency", "LOAD-MISSING-KEY", "this required key is missing"),
        ("year", "LOAD-MISSING-KEY", "this required key is missing"),
    ]
    assert problems({"agency": "某局", "year": 2019}) == [
        ("schema_version", "LOAD-EDITION", "schema_version must be 1, got null"),
        ("edition", "LOAD-EDITION", 'edition must be the string "2019" or "2021", got null'),
    ]


@pytest.mark.parametrize(
    ("text", "format", "message", "line"),
    [
        ("", "json", "the input is empty", None),
        ("  \n", "yaml", "the input is empty", None),
        ("# only a comment\n", "yaml", "the input is empty", None),
        (b"\x00\x01PK", "json", "this is a binary file, not JSON or YAML text", None),
        (b"\xff\xfe{}", "json", "not UTF-8 text (byte 0); save the file as UTF-8", None),
        ('{"schema_version": 1,\n "edition": "2019",\n}', "json", "invalid JSON: ", 3),
        ("a: 1\n  b: [\n", "yaml", "invalid YAML: mapping values are not allowed here", 2),
        ('{"a": 1, "a": 2}', "json", "the key 'a' appears twice", 1),
        ("a: 1\na: 2\n", "yaml", "the key 'a' appears twice", 2),
        ("[1, 2]", "json", "expected a mapping of keys to values, got [1, 2]", None),
        ("--- 1\n--- 2\n", "yaml", "invalid YAML: but found another document", 2),
    ],
)
def test_unreadable_input(text: str | bytes, format: Any, message: str, line: int | None) -> None:
    with pytest.raises(LoadError) as raised:
        loads(text, format=format, source="input")
    [finding] = raised.value.findings
    assert finding.message_en.startswith(message), finding.message_en
    assert finding.line == line
    assert str(raised.value).startswith("input: not a valid report (1 problem(s)):")


def test_yaml_problems_carry_line_numbers() -> None:
    text = (EXAMPLES / "enping-2019.yaml").read_text(encoding="utf-8")
    text = text.replace(
        'procurement: {projects: 41, amount: "1862794.63"', "procurement: {projects: 41, amount: 1862794.63"
    )
    with pytest.raises(LoadError) as raised:
        loads(text, format="yaml")
    [finding] = raised.value.findings
    assert finding.path == "proactive.procurement.amount"
    assert "procurement: {projects: 41" in text.splitlines()[finding.line - 1]


def test_json_problems_carry_line_numbers(enping: Report2019) -> None:
    text = dumps(enping, indent=2).replace('"natural_person": 2,', '"natural_person": "2",', 1)
    with pytest.raises(LoadError) as raised:
        loads(text)
    [finding] = raised.value.findings
    assert finding.path == "applications.received.natural_person"
    assert text.splitlines()[finding.line - 1].strip() == '"natural_person": "2",'


def test_load_and_dump_files(tmp_path: Path, enping: Report2019) -> None:
    for name in ("r.json", "r.yaml", "r.yml"):
        dump(enping, tmp_path / name)
        assert load(tmp_path / name) == enping
        assert load(str(tmp_path / name)) == enping
    stream = io.StringIO()
    dump(enping, stream, format="yaml")
    assert loads(stream.getvalue(), format="yaml") == enping
    assert load(io.BytesIO(dumps(enping).encode())) == enping
    assert list(tmp_path.glob("*.tmp")) == []


@pytest.mark.parametrize(
    ("name", "message"),
    [("missing.json", "cannot read: No such file or directory"), ("report.txt", "cannot tell the format from '.txt'")],
)
def test_load_refuses_what_it_cannot_read(tmp_path: Path, name: str, message: str) -> None:
    (tmp_path / "report.txt").write_text("{}")
    with pytest.raises(LoadError) as raised:
        load(tmp_path / name)
    assert message in raised.value.findings[0].message_en
    assert raised.value.source == str(tmp_path / name)


def test_load_errors_are_not_raw_library_errors() -> None:
    data = minimal()
    data["applications"] = {"received": [1, 2], "outcomes": "none", "carried_over": {"natural_person": {"a": 1}}}
    assert problems(copy.deepcopy(data)) == [
        ("applications.received", "LOAD-TYPE", "expected a mapping of keys to values, got [1, 2]"),
        ("applications.carried_over.natural_person", "LOAD-TYPE", 'expected a non-negative integer, got {"a": 1}'),
        ("applications.outcomes", "LOAD-TYPE", 'expected a mapping of keys to values, got "none"'),
    ]


def test_problems_come_in_the_order_of_the_input() -> None:
    text = "schema_version: 1\nedition: '2019'\nfoo: 1\nagency: 某局\nyear: 2019\n"
    text += "appeals: {litigation_direct: {upheld: -1}}\n"
    with pytest.raises(LoadError) as raised:
        loads(text, format="yaml")
    assert [(f.line, f.path) for f in raised.value.findings] == [(3, "foo"), (6, "appeals.litigation_direct.upheld")]
    assert type(raised.value).__module__ == "gov_disclosure"


@pytest.mark.parametrize(("example", "edition"), [("enping-2019.yaml", "2019"), ("hongze-2024.yaml", "2021")])
def test_examples_validate_against_the_committed_schema(example: str, edition: str) -> None:
    schema = json.loads((EXAMPLES.parent / "docs" / "schema" / f"report-{edition}.schema.json").read_text("utf-8"))
    data = json.loads(dumps(load(EXAMPLES / example)))
    jsonschema.Draft202012Validator(schema).validate(data)
    other = "2021" if edition == "2019" else "2019"
    assert not jsonschema.Draft202012Validator(json_schema(other)).is_valid(data)


def test_json_schema_refuses_an_unknown_edition() -> None:
    with pytest.raises(ValueError, match='edition must be "2019" or "2021", got \'2020\''):
        json_schema("2020")  # type: ignore[arg-type]


def test_shared_rows_never_let_a_wrong_type_through() -> None:
    data = minimal()
    data["applications"] = {"received": {"natural_person": 1}, "outcomes": {"granted": {"natural_person": 1}}}
    assert loads(json.dumps(data)).applications.received.natural_person == 1  # the row of a 1 is now shared
    for wrong in ("true", "1.0"):
        text = json.dumps(data).replace(
            '"received": {"natural_person": 1}', f'"received": {{"natural_person": {wrong}}}'
        )
        assert problems(text) == [
            ("applications.received.natural_person", "LOAD-TYPE", f"expected a non-negative integer, got {wrong}")
        ]


TABLES = ("withheld", "unavailable", "not_processed")


@given(reports(), st.data())
def test_shared_tables_never_let_a_wrong_type_through(report: Report, data: st.DataObject) -> None:
    wire = to_dict(report)
    assert from_dict(wire) == report  # its rows and tables are now shared
    table = wire["applications"]["outcomes"][data.draw(st.sampled_from(TABLES))]
    row = data.draw(st.sampled_from(sorted(table)))
    column = data.draw(st.sampled_from(APPLICANT_COLUMNS))
    count = table[row][column]
    table[row][column] = data.draw(st.sampled_from([float(count), *([bool(count)] if count in (0, 1) else [])]))
    path = f"applications.outcomes.{next(k for k, v in wire['applications']['outcomes'].items() if v is table)}"
    assert (f"{path}.{row}.{column}", "LOAD-TYPE") in [(f.path, f.rule) for f in load_error(wire).findings]


@given(reports())
def test_keys_in_any_order_read_the_same(report: Report) -> None:
    def reversed_keys(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: reversed_keys(value[key]) for key in reversed(value)}
        return [reversed_keys(item) for item in value] if isinstance(value, list) else value

    assert from_dict(reversed_keys(to_dict(report))) == report


def load_error(data: Any) -> LoadError:
    with pytest.raises(LoadError) as raised:
        from_dict(data)
    return raised.value


def test_wire_data_is_the_callers_to_change(enping: Report2019) -> None:
    first = to_dict(enping)
    first["applications"]["carried_over"]["natural_person"] = 99
    first["appeals"]["litigation_direct"]["upheld"] = 99
    second = to_dict(enping)
    assert second["applications"]["carried_over"]["natural_person"] == 0
    assert second["appeals"]["litigation_direct"]["upheld"] == 0
