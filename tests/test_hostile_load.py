"""Hostile and absurd input to ``loads``: each is one LoadError naming the rule, the wire path and the line."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import EXAMPLES
from gov_disclosure import MOST_COUNT, MOST_MONEY, MOST_PLACES, LoadError, dumps, json_schema, load, loads
from gov_disclosure.wire import MOST_DEPTH, MOST_INTEGER_DIGITS

Found = tuple[str, str | None, int | None]


def found(text: str, format: Any = "json") -> list[Found]:
    """The (rule, path, line) of every finding of loading *text*; the error can be printed as UTF-8."""
    with pytest.raises(LoadError) as raised:
        loads(text, format=format)
    str(raised.value).encode("utf-8")
    return [(f.rule, f.path, f.line) for f in raised.value.findings]


def messages(text: str, format: Any = "json") -> list[str]:
    with pytest.raises(LoadError) as raised:
        loads(text, format=format)
    return [f.message_en for f in raised.value.findings]


def line_of(text: str, marker: str) -> int:
    """The line of *text* that holds *marker*, which it holds once."""
    [line] = [n for n, row in enumerate(text.splitlines(), 1) if marker in row]
    return line


def report_text(changes: str, format: Any = "json") -> str:
    """A 2019 report, one key a line, with *changes* (JSON members, or YAML lines) after its heading."""
    if format == "json":
        return '{\n"schema_version": 1,\n"edition": "2019",\n"agency": "某局",\n"year": 2020,\n' + changes + "\n}\n"
    return 'schema_version: 1\nedition: "2019"\nagency: 某局\nyear: 2020\n' + changes + "\n"


def member(path: str, value: str) -> str:
    """The JSON member that sets *path* (``a.b.c``) to the JSON *value*."""
    first, *rest = path.split(".")
    return f'"{first}": ' + "".join(f'{{"{key}": ' for key in rest) + value + "}" * len(rest)


@pytest.fixture(scope="module")
def enping_json() -> str:
    return dumps(load(EXAMPLES / "enping-2019.yaml"), indent=2)


# 1. YAML anchors and aliases -------------------------------------------------------------------------------

LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{name}: &{name} [{', '.join([f'*{alias}'] * 9)}]\n" for alias, name in zip("abcdefgh", "bcdefghi", strict=True)
)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (LAUGHS, 1),  # a third of a KB that expands to 9⁹ strings
        ("a: &a [*a]\n", 1),  # a sequence holding itself
        ("agency: 某局\ntitle: &t 年报\nother: *t\n", 2),
    ],
    ids=["billion laughs", "itself", "anchor"],
)
def test_yaml_anchors_and_aliases_are_refused_at_their_line(text: str, line: int) -> None:
    assert found(text, "yaml") == [("LOAD-SYNTAX", None, line)]
    assert "anchor or alias" in messages(text, "yaml")[0]


# 2. Digits and bounds --------------------------------------------------------------------------------------


@pytest.mark.parametrize("format", ["json", "yaml"])
def test_an_integer_of_ten_thousand_digits_is_refused_by_its_size(format: Any) -> None:
    path, digits = "applications.received.natural_person", "9" * 10_000
    text = {
        "json": report_text(member(path, digits)),
        "yaml": report_text("applications:\n  received:\n    natural_person: " + digits, "yaml"),
    }[format]
    assert found(text, format) == [("LOAD-VALUE", path, line_of(text, "natural"))]
    [message] = messages(text, format)
    assert message == (
        f"a count must be from 0 to {MOST_COUNT:,}, got an integer of more than {MOST_INTEGER_DIGITS} digits"
    )


def test_long_integers_of_either_sign_are_shown_by_their_size() -> None:
    text = report_text(
        f'"applications": {{"received": {{\n"other_org": -{"7" * 5_000},\n"natural_person": {"1" * 4_000}}}}}'
    )
    assert found(text) == [
        ("LOAD-VALUE", "applications.received.other_org", line_of(text, "other_org")),
        ("LOAD-VALUE", "applications.received.natural_person", line_of(text, "natural_person")),
    ]
    assert all(m.endswith(f"got an integer of more than {MOST_INTEGER_DIGITS} digits") for m in messages(text))


@pytest.mark.parametrize(
    ("path", "value", "bound"),
    [
        ("applications.received.natural_person", f"{MOST_COUNT + 1}", f"from 0 to {MOST_COUNT:,}"),
        ("proactive.licensing.change", f"{-MOST_COUNT - 1}", f"from -{MOST_COUNT:,} to {MOST_COUNT:,}"),
        ("proactive.procurement.amount", f'"{MOST_MONEY}"', f"below {MOST_MONEY:,}"),
        ("proactive.procurement.amount", f'"1.{"0" * MOST_PLACES}1"', f"at most {MOST_PLACES} decimal places"),
    ],
)
def test_a_figure_past_the_models_bounds_is_refused_at_its_cell(path: str, value: str, bound: str) -> None:
    text = report_text(member(path, value))
    assert found(text) == [("LOAD-VALUE", path, 6)]
    assert bound in messages(text)[0]
    at_the_bounds = {
        "applications": {"received": {"natural_person": MOST_COUNT}},
        "proactive": {
            "licensing": {"change": -MOST_COUNT},
            "procurement": {"amount": str(MOST_MONEY - Decimal(1).scaleb(-MOST_PLACES))},
        },
    }
    assert loads(report_text(json.dumps(at_the_bounds)[1:-1])).applications.received.natural_person == MOST_COUNT


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_the_schema_says_the_bounds(edition: Any) -> None:
    schema = json_schema(edition)
    row = schema["$defs"]["ApplicantCounts"]["properties"]["natural_person"]
    assert (row["minimum"], row["maximum"]) == (0, MOST_COUNT)
    validator = jsonschema.Draft202012Validator(schema)
    data = json.loads(dumps(load(EXAMPLES / ("enping-2019.yaml" if edition == "2019" else "hongze-2024.yaml"))))
    data["applications"]["received"]["natural_person"] = MOST_COUNT + 1
    assert not validator.is_valid(data)
    if edition == "2019":
        change = schema["$defs"]["ItemChanges2019"]["properties"]["change"]
        assert (change["minimum"], change["maximum"]) == (-MOST_COUNT, MOST_COUNT)
        amount = jsonschema.Draft202012Validator(schema["$defs"]["Procurement2019"]["properties"]["amount"])
        assert [amount.is_valid(a) for a in ("999999999999999.999999", f"{MOST_MONEY}", "1.1234567", "01.5")] == [
            True,
            False,
            False,
            True,
        ]


# 3. Line numbers of JSON -----------------------------------------------------------------------------------


def test_json_lines_are_found_in_json_that_yaml_cannot_read(enping_json: str) -> None:
    data = json.loads(enping_json)
    data["overview"] = [{"paragraph": f"第{n}段"} for n in range(5_000)]
    data["overview"][4_321] = {"paragraph": 4321}
    data["applications"]["received"]["natural_person"] = 2.5
    text = json.dumps(data, ensure_ascii=False, indent="\t")  # YAML refuses a tab that indents
    assert found(text) == [
        ("LOAD-TYPE", "overview[4321]", line_of(text, '"paragraph": 4321') - 1),  # where the item begins
        ("LOAD-TYPE", "applications.received.natural_person", line_of(text, '"natural_person": 2.5')),
    ]


# 4. Nesting and characters YAML does not allow ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "format", "line"),
    [
        ("[" * 100_000 + "]" * 100_000, "json", 1),
        (report_text('"foo":\n' + "[" * (MOST_DEPTH + 1) + "]" * (MOST_DEPTH + 1)), "json", 7),
        ("foo:\n  " + "[" * 5_000 + "]" * 5_000, "yaml", 2),
        ("foo:\n" + "".join(f"{' ' * n}- \n" for n in range(0, 2 * MOST_DEPTH, 2)), "yaml", MOST_DEPTH + 1),
    ],
    ids=["JSON 100,000", "JSON 101", "YAML 5,000", "YAML block 101"],
)
def test_nesting_deeper_than_the_limit_is_refused_at_its_line(text: str, format: Any, line: int) -> None:
    assert found(text, format) == [("LOAD-SYNTAX", None, line)]
    assert messages(text, format) == [f"nested more than {MOST_DEPTH} levels deep, which no report is"]


@pytest.mark.parametrize("format", ["json", "yaml"])
def test_nesting_at_the_limit_is_read(format: Any) -> None:
    # the report is the first level: the value of foo is nested MOST_DEPTH - 1 deep
    value = "[" * (MOST_DEPTH - 1) + "]" * (MOST_DEPTH - 1)
    text = report_text('"foo": ' + value if format == "json" else "foo: " + value, format)
    assert found(text, format) == [("LOAD-UNKNOWN-KEY", "foo", line_of(text, "foo"))]
    deeper = text.replace(value, f"[{value}]")
    assert found(deeper, format) == [("LOAD-SYNTAX", None, line_of(text, "foo"))]


def test_a_character_yaml_does_not_allow_is_refused_at_its_line() -> None:
    assert found("agency: 某局\ntitle: a\x0bb\n", "yaml") == [("LOAD-SYNTAX", None, 2)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("? [a, b]\n: 1\n", [("LOAD-SYNTAX", None, 1)]),
        (report_text("1: x\nfoo: 2", "yaml"), [("LOAD-UNKNOWN-KEY", "1", 5), ("LOAD-UNKNOWN-KEY", "foo", 6)]),
    ],
    ids=["a list", "a number"],
)
def test_yaml_keys_that_are_not_text(text: str, expected: list[Found]) -> None:
    assert found(text, "yaml") == expected


# 5. Text UTF-8 cannot write --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "format", "path", "line"),
    [
        (report_text('"title": "年报\\ud800"'), "json", "title", 6),
        (report_text('"overview": [\n{"paragraph": "一"},\n{"paragraph": "\\udfff二"}]'), "json", "overview[1]", 8),
        (report_text('"consolidated_from": [\n"甲", "\\ud83d"]'), "json", "consolidated_from", 6),
        (report_text('title: "\\ud83d\\ude00"', "yaml"), "yaml", "title", 5),  # YAML escapes code points
        (report_text('"title": "年报\ud800"'), "json", "title", 6),  # the character itself, in text given as str
    ],
    ids=["text", "paragraph", "name", "YAML pair", "raw"],
)
def test_a_lone_surrogate_is_refused_at_its_path(text: str, format: Any, path: str, line: int) -> None:
    assert found(text, format) == [("LOAD-VALUE", path, line)]
    assert "lone surrogate" in messages(text, format)[0]


def test_a_surrogate_pair_is_one_character_and_a_key_utf8_cannot_write_is_named_by_its_escape() -> None:
    assert loads(report_text('"title": "年报\\ud83d\\ude00"')).title == "年报😀"
    assert found(report_text('"\\udc00": {"\\ud800": 1}')) == [("LOAD-UNKNOWN-KEY", "\\udc00", 6)]


# 6. Duplicate keys in JSON ----------------------------------------------------------------------------------


def test_a_json_key_given_twice_is_named_by_path_and_line() -> None:
    text = report_text('"applications": {"received": {\n"natural_person": 1,\n"natural_person": 2}},\n"agency": "又一"')
    assert found(text) == [
        ("LOAD-SYNTAX", "applications.received.natural_person", line_of(text, '"natural_person": 2')),
        ("LOAD-SYNTAX", "agency", line_of(text, "又一")),
    ]
    assert messages(text)[1] == "the key 'agency' appears twice"


KEYS = st.sampled_from(["a", "b", "a:b", ":", "年报：", "\\u003a"])
JSON_VALUES = st.recursive(
    st.integers(0, 9).map(str) | st.sampled_from(["", ":", "a:b", '\\":', "\\u003a", "年报"]).map(lambda t: f'"{t}"'),
    lambda inner: (
        st.lists(inner, max_size=3).map(lambda items: f"[{','.join(items)}]")
        | st.lists(st.tuples(KEYS, inner), max_size=3).map(
            lambda members: "{" + ", ".join(f'"{key}" : {value}' for key, value in members) + "}"
        )
    ),
    max_leaves=12,
)


def _twice(text: str) -> bool:
    """Whether JSON *text* gives a key twice in one object, as the standard library finds it."""

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        if len(dict(items)) != len(items):
            raise KeyError
        return dict(items)

    try:
        json.loads(text, object_pairs_hook=pairs)
    except KeyError:
        return True
    return False


@given(JSON_VALUES.map(lambda value: '{"x": ' + value + "}"))
def test_a_key_given_twice_is_found_whatever_the_colons_in_the_text(text: str) -> None:
    if _twice(text):
        assert {f[0] for f in found(text)} == {"LOAD-SYNTAX"}
    else:
        assert found(text)[0][0] != "LOAD-SYNTAX"  # read, then refused as no report


def test_a_key_given_twice_in_text_that_is_not_json_is_a_syntax_error() -> None:
    assert found('{"x": {"a": 1, "a": 2},\n"y": ]') == [("LOAD-SYNTAX", None, 2)]


# 7. The stated （七）总计 ----------------------------------------------------------------------------------------


def test_a_stated_outcome_total_names_the_wrong_cell_not_its_row_total() -> None:
    data = json.loads(dumps(load(EXAMPLES / "hongze-2024.yaml")))
    total = data["applications"]["outcomes"]["total"]
    assert (total["natural_person"], total["total"]) == (95, 95)
    total["natural_person"] = 94  # wrong; the row's 总计 95 is right
    text = json.dumps(data, ensure_ascii=False, indent=1)
    with pytest.raises(LoadError) as raised:
        loads(text)
    [finding] = raised.value.findings
    assert (finding.rule, finding.path, finding.stated, finding.expected) == (
        "T3-STATED-OUTCOME-TOTAL",
        "applications.outcomes.total.natural_person",
        94,
        95,
    )
    assert finding.line == line_of(text, '"natural_person": 94')
    assert finding.message.startswith("“自然人”列：所填（七）总计为94")
    assert finding.message_en == "column natural_person: the stated total 94 differs from the sum of its parts 95"


def test_a_stated_outcome_total_wrong_in_its_total_alone_names_the_total() -> None:
    data = json.loads(dumps(load(EXAMPLES / "hongze-2024.yaml")))
    data["applications"]["outcomes"]["total"] = {"natural_person": 95, "total": 96}
    with pytest.raises(LoadError) as raised:
        loads(json.dumps(data))
    assert [(f.rule, f.path, f.stated, f.expected) for f in raised.value.findings] == [
        ("T3-STATED-OUTCOME-TOTAL", "applications.outcomes.total.total", 96, 95)
    ]
