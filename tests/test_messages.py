"""Every finding speaks one language a message (:mod:`languages`): over the corpus, every rule of the catalogue
made to fire, and reports of every shape; and the places the readers name, said in each language."""

from __future__ import annotations

import datetime
import json
import pickle
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings

from gov_disclosure import (
    Finding,
    LoadError,
    ReadError,
    Report,
    Report2019,
    Report2021,
    audit,
    dump,
    load,
    loads,
    read,
    read_docx,
    read_html,
    read_text,
    to_dict,
    validate,
    validate_parent,
    validate_series,
)
from gov_disclosure.batch import _audit, _gather, _parallel
from gov_disclosure.model import DOCUMENT_ROWS, ITEM_ROWS
from gov_disclosure.reading._document import Place, at_cell, at_line
from gov_disclosure.rules import RULES, Rule
from gov_disclosure.testing import reports
from helpers import flattened, replace_at
from languages import chinese, latin_words, mixed

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CORPUS = Path(__file__).resolve().parent / "corpus"
ENPING = load(EXAMPLES / "enping-2019.yaml")
HONGZE = load(EXAMPLES / "hongze-2024.yaml")


# The places the readers name --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("place", "zh", "en"),
    [
        (Place(line=626), "第626行", "line 626"),
        (Place(line=12, cell=3), "第12行第3格", "line 12, cell 3"),
        (Place(page=3), "第3页", "page 3"),
        (Place(page=3, table=2, row=9, cell=3), "第3页第2个表格第9行第3格", "page 3, table 2, row 9, cell 3"),
        (Place(table=2, row=4, cell=5), "第2个表格第4行第5格", "table 2, row 4, cell 5"),
        (Place(table=2, row=4, column=5), "第2个表格第4行第5列", "table 2, row 4, column 5"),
        (Place(paragraph=7), "第7段", "paragraph 7"),
        (Place(), "", ""),
    ],
)
def test_a_place_says_itself_in_chinese_and_in_english(place: Place, zh: str, en: str) -> None:
    assert (place.zh, place.en) == (zh, en)


def test_a_place_leads_a_message_in_each_language_where_it_is_known() -> None:
    assert Place(line=3).lead("无法识别“{x}”", "unknown {x}") == ("第3行：无法识别“{x}”", "line 3: unknown {x}")
    assert Place().lead("无法识别", "unknown") == ("无法识别", "unknown")


def test_the_front_ends_quick_places_are_places() -> None:
    assert at_line(12) == Place(line=12)
    assert at_line(12, 3) == Place(line=12, cell=3)
    assert at_cell(2, 4, 5) == Place(table=2, row=4, cell=5)
    assert at_cell(2, 9, 3, page=3) == Place(page=3, table=2, row=9, cell=3)
    assert type(at_line(1)) is Place


def test_the_place_of_a_row_is_that_of_its_cells_without_the_cell() -> None:
    assert Place(page=3, table=2, row=9, cell=3).of_row == Place(page=3, table=2, row=9)
    assert Place(table=2, row=4, column=5).of_row == Place(table=2, row=4)
    assert Place(line=12).of_row == Place(line=12)


def test_the_front_ends_name_each_cell_and_line_as_the_input_counts_them() -> None:
    """Word cells by their grid column, HTML cells in the order of the row, lines of text by their number; the
    Chinese message and the English name the same place."""
    docx = read_docx(HONGZE.to_docx())
    assert docx.sources["applications.received.natural_person"] == "table 2, row 4, column 4"
    html = HONGZE.to_html().replace(
        'data-path="appeals.administrative_review.total">2<', 'data-path="appeals.administrative_review.total">0<'
    )
    [stated] = [f for f in read_html(html.encode()).findings if f.rule == "T4-STATED-TOTAL"]
    where = stated.message_en.partition(": ")[0]
    assert where.startswith("table ")
    assert ", row " in where
    assert ", cell " in where
    numbers = [int(n) for n in where.replace(",", "").split() if n.isdigit()]
    assert stated.message.startswith("第{}个表格第{}行第{}格：".format(*numbers))
    [chrome] = [
        f for f in read(CORPUS / "guangdong-enping-government-office-2019.txt").findings if f.rule == "READ-CHROME"
    ]
    assert chrome.message == "自第626行起的13行不是报告正文（网站页脚等），未读入"
    assert chrome.message_en == "13 line(s) from line 626 are not the report (site chrome) and were left out"


# What one language a message means --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "words"),
    [
        ("第3页第2个表格第9行第3格：无法识别“约5”中的数字，按0计", []),
        ("page 3, table 2：无法识别", ["page", "table"]),
        ("line 626起的13行", ["line"]),
        ("缺少“outcomes.total”行；T3-BALANCE applications.received.natural_person", []),
        ("schema_version 应为 1，实为 true；不是 UTF-8 编码的 JSON 或 YAML 文本（.json）", []),
        ("读取程序报告“File is not a zip file”、「x y」、‘a’", []),
        ("读取程序报告 File is not a zip file", ["File", "is", "not", "a", "zip", "file"]),
    ],
)
def test_latin_words_of_a_chinese_message(message: str, words: list[str]) -> None:
    assert latin_words(message) == words


@pytest.mark.parametrize(
    ("message", "han"),
    [
        ("line 10: the digits '693665' of “行政规范性文件” do not split one way", []),
        ("the page's “发布机构” field; the body's name", []),
        ("the figures of 四 are missing", ["四"]),
        ("figures 6,9,3665；6,93,665", ["；"]),
        ("a stated 总计 (“自然人”)", ["总", "计"]),
    ],
)
def test_chinese_of_an_english_message(message: str, han: list[str]) -> None:
    assert chinese(message) == han


# The corpus, and reports of every shape ---------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(p for p in CORPUS.iterdir() if p.suffix != ".md"), ids=lambda p: p.name)
def test_every_finding_on_the_corpus_keeps_to_one_language(path: Path, request: pytest.FixtureRequest) -> None:
    if path.suffix == ".pdf":
        request.getfixturevalue("pdf_reader")
    assert not mixed(read(path).findings)


@settings(max_examples=30, deadline=None)
@given(reports(max_count=99), reports(max_count=99))
def test_the_rules_on_any_reports_keep_to_one_language(first: Report, second: Report) -> None:
    """validate() on each, the years compared, one the sum of the other: whatever fires says it in one language."""
    second = attrs.evolve(second, agency=first.agency)
    findings = [*validate(first), *validate(second)]
    if second.years[0] <= first.year + 1 <= second.years[1]:
        findings += validate_series([first, attrs.evolve(second, year=first.year + 1)])
    if first.edition == second.edition and first.year == second.year:
        findings += validate_parent(first, [attrs.evolve(second, agency="某镇人民政府")])
    assert not mixed(findings)


@settings(max_examples=20, deadline=None)
@given(reports(max_count=99))
def test_a_page_crawled_flat_says_what_it_read_in_one_language(report: Report) -> None:
    assert not mixed(read_text(flattened(attrs.evolve(report, agency="某县人民政府", title=None))).findings)


# Every rule of the catalogue, made to fire ------------------------------------------------------------------


def _html_edited(report: Report, *edits: tuple[str, str]) -> list[Finding]:
    """The findings of reading *report*'s HTML with each cell at a wire path printed as given."""
    page = report.to_html()
    for path, text in edits:
        start = page.index(f'data-path="{path}">') + len(f'data-path="{path}">')
        page = page[:start] + text + page[page.index("<", start) :]
    return list(read_html(page.encode()).findings)


def _load_errors(*texts: str, format: str = "json") -> list[Finding]:
    """The findings of loading each of *texts*, each refused."""
    found: list[Finding] = []
    for text in texts:
        with pytest.raises(LoadError) as raised:
            loads(text, format=format)  # type: ignore[arg-type]
        found += raised.value.findings
    return found


def _wire(report: Report, **changes: object) -> str:
    """*report* as JSON text with each value at a wire path (its steps joined by ``__``) changed."""
    data = to_dict(report)
    for path, value in changes.items():
        *groups, name = path.split("__")
        target = data
        for group in groups:
            target = target[group]
        target[name] = value
    return json.dumps(data, ensure_ascii=False)


def _series() -> list[Finding]:
    later = replace_at(ENPING, "applications.carried_over.natural_person", 7)
    later = replace_at(later, f"proactive.{ITEM_ROWS[0]}.previous_items", 12345)
    pair = [ENPING, attrs.evolve(later, year=2020, agency="恩平市政府办公室")]
    documents = replace_at(HONGZE, f"proactive.{DOCUMENT_ROWS[0]}.issued", 3)
    switch = attrs.evolve(HONGZE, year=2021, agency=ENPING.agency)
    return [
        *validate_series(pair),
        *validate_series([HONGZE, attrs.evolve(documents, year=2025)]),
        *validate_series([attrs.evolve(ENPING, year=2020), switch]),
        *validate_series([ENPING, attrs.evolve(ENPING, year=2022)]),
    ]


def _parent() -> list[Finding]:
    parent = attrs.evolve(ENPING, consolidated_from=("甲镇人民政府", "乙镇人民政府"))
    children = [attrs.evolve(ENPING, agency="甲镇人民政府"), attrs.evolve(ENPING, agency="丙镇人民政府")]
    return validate_parent(parent, children)


def _audited(tmp_path: Path) -> list[Finding]:
    folder = tmp_path / "reports"
    folder.mkdir(parents=True)
    dump(ENPING, folder / "a.yaml")
    dump(ENPING, folder / "b.json")
    (folder / "c-broken.docx").write_bytes(b"PK\x03\x04")
    return [f for audited in audit([folder]) for f in audited.findings]


def _unread(tmp_path: Path) -> list[Finding]:
    budget = _parallel.Budget(timeout=1, memory=256 << 20)
    whys = [budget.over_time(), budget.out_of_memory(), _parallel.Why("其进程意外终止（“x”）", "its process died: x")]
    missing = _gather.reading_of(str(tmp_path / "none.pdf"))
    died = [_gather.died("x.txt", why) for why in whys]
    series = json.dumps(to_dict(ENPING), ensure_ascii=False)
    unchecked = _audit._body_died([(0, 0, "x.yaml", series)], whys[0])
    return [
        *missing.findings,
        *(f for reading in died for f in reading.findings),
        *(f for _, found in unchecked for f in pickle.loads(found)),
    ]


TRIGGERS: dict[str, Callable[[Path], list[Finding]]] = {
    "T3-BALANCE": lambda _: validate(replace_at(ENPING, "applications.received.natural_person", 99)),
    "EDITION-YEAR": lambda _: validate(Report2019(agency="某县人民政府", year=2022)),
    "T2-NEGATIVE-ITEMS": lambda _: validate(replace_at(ENPING, f"proactive.{ITEM_ROWS[0]}.change", -99_999)),
    "T2-IN-FORCE": lambda _: validate(replace_at(HONGZE, f"proactive.{DOCUMENT_ROWS[0]}.issued", 5)),
    "FEES-UNPAID-WITHOUT-NOTICE": lambda _: validate(
        replace_at(replace_at(HONGZE, "applications.outcomes.other.fee_unpaid.natural_person", 1), "fees.notices", 0)
    ),
    "FEES-NOTICES": lambda _: validate(
        replace_at(replace_at(HONGZE, "fees.notices", 0), "fees.notice_amount_yuan", Decimal(5))
    ),
    "T3-STATED-ROW-TOTAL": lambda _: [
        *_html_edited(HONGZE, ("applications.received.total", "96")),
        *_load_errors(_wire(HONGZE, applications__received__total=96)),
    ],
    "T3-STATED-OUTCOME-TOTAL": lambda _: _html_edited(HONGZE, ("applications.outcomes.total.natural_person", "94")),
    "T4-STATED-TOTAL": lambda _: _html_edited(HONGZE, ("appeals.administrative_review.total", "0")),
    "PARENT-SUM": lambda _: _parent(),
    "PARENT-MISSING": lambda _: _parent(),
    "PARENT-UNNAMED": lambda _: _parent(),
    "X-CARRYOVER": lambda _: _series(),
    "X-IN-FORCE": lambda _: _series(),
    "X-PREVIOUS-ITEMS": lambda _: _series(),
    "X-GAP": lambda _: _series(),
    "X-AGENCY": lambda _: _series(),
    "X-EDITION": lambda _: _series(),
    "X-DUPLICATE": _audited,
    "X-UNCHECKED": _unread,
    "LOAD-FILE": lambda tmp_path: [
        *_refused(lambda: load(tmp_path / "none.json")),
        *_refused(lambda: load(tmp_path / "report.txt")),
    ],
    "LOAD-SYNTAX": lambda _: [
        *_load_errors("{", '{"a" 1}', '{"a": 1,}', '"abc', '{"a": "\\q"}', '{"a": "\\u12"}', "1 2", "[1 2]", ""),
        *_load_errors('{"a": 1, "a": 2}', "[" * 100 + "]" * 100),
        *_load_errors("a: [1", "a: &x 1\nb: *x\n", "a: 1\na: 2\n", "a: \x07\n", "[1]: 2\n", format="yaml"),
        *_refused(lambda: loads(b"\0binary")),
        *_refused(lambda: loads(b"\xff\xfe not utf-8")),
    ],
    "LOAD-TYPE": lambda _: _load_errors(
        _wire(HONGZE, appeals__administrative_review__upheld=1.5),
        _wire(HONGZE, agency=True),
        _wire(HONGZE, overview=[{"x": 1}]),
        "[]",
    ),
    "LOAD-VALUE": lambda _: _load_errors(
        _wire(HONGZE, appeals__administrative_review__upheld=-1),
        _wire(HONGZE, appeals__administrative_review__upheld=10**40),
        _wire(HONGZE, year=1990),
        _wire(HONGZE, consolidated_from=["甲", "甲"]),
        _wire(ENPING, proactive__procurement__unit="千元"),
        _wire(HONGZE, fees__collected_yuan="-1"),
        _wire(HONGZE, agency="\ud800"),
    ),
    "LOAD-UNKNOWN-KEY": lambda _: _load_errors(_wire(HONGZE, proactive__licensing={"x": 1}), _wire(HONGZE, x=1)),
    "LOAD-MISSING-KEY": lambda _: _load_errors('{"schema_version": 1, "edition": "2021", "year": 2024}'),
    "LOAD-EDITION": lambda _: _load_errors('{"schema_version": 2, "edition": 2021}'),
    "READ-FILE": lambda tmp_path: [*_unread(tmp_path), *_audited(tmp_path / "again")],
    "READ-NOT-A-REPORT": lambda _: list(read(CORPUS / "fujian-pingtan-2018-pre2019-format-excerpt.txt").findings),
    "READ-EDITION": lambda _: list(
        read_text(flattened(Report2021(agency="某县人民政府", year=2024)).replace("2024年", "2020年", 1)).findings
    ),
    "READ-MISSING": lambda _: list(read_text("某县人民政府2024年政府信息公开工作年度报告\n" + ROWS).findings),
    "READ-NUMBER": lambda _: _html_edited(
        HONGZE,
        ("applications.received.natural_person", "约5"),
        ("proactive.administrative_fees.amount_10k_yuan", "若干"),
        ("appeals.litigation_direct.upheld", "1" * 12),
    ),
    "READ-BLANK": lambda _: _html_edited(HONGZE, ("applications.received.natural_person", "—")),
    "READ-LABEL": lambda _: list(read_text(_rows("(一)予以公开", "(九)不予计入的事项")).findings),
    "READ-CHROME": lambda _: list(read(CORPUS / "guangdong-enping-government-office-2019.txt").findings),
    "READ-LABEL-VARIANT": lambda _: list(read_text(_rows("(一)予以公开", "(一)予公开")).findings),
    "READ-AMBIGUOUS": lambda _: list(read_text(flattened(ENPING)).findings),
    "READ-METADATA": lambda _: list(
        read_html(
            HONGZE.to_html().replace("<h1>淮安市洪泽区人民政府2024年", "<h1>淮安市洪泽区人民政府2025年").encode()
        ).findings
    ),
    "READ-SPLIT": lambda _: list(read_text(flattened(HONGZE)).findings),
    "READ-TITLE": lambda _: list(read_text("政府信息公开年度报告\n" + ROWS).findings),
    "DATE-RANGE": lambda _: validate(attrs.evolve(HONGZE, date=datetime.date(2024, 12, 1))),
    "READ-DATE": lambda _: list(
        read_text(
            "某县交通运输局2024年政府信息公开工作年度报告\n"
            + ROWS
            + "六、其他需要报告的事项\n无。\n某县交通运输局\n2025年2月30日\n"
        ).findings
    ),
    "READ-TITLE-SOURCE": lambda _: list(
        read_text(
            "政府信息公开工作年度报告\n本报告数据统计期限自2022年1月1日起至2022年12月31日止。\n"
            + ROWS
            + "六、其他需要报告的事项\n无。\n某县交通运输局\n2023年1月20日\n"
        ).findings
    ),
}
"""For each rule of the catalogue, inputs that make it fire (and others with it)."""
ROWS = "三、收到和处理政府信息公开申请情况\n| 一、本年新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n"


def _rows(label: str, printed: str) -> str:
    """A page of section 三 of the Enping example, its row *label* printed as *printed*."""
    text = (CORPUS / "guangdong-enping-government-office-2019.txt").read_text(encoding="utf-8")
    assert label in text
    return text.replace(label, printed, 1)


def _refused(load_it: Callable[[], object]) -> list[Finding]:
    with pytest.raises(LoadError) as raised:
        load_it()
    return list(raised.value.findings)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_the_summaries_of_the_catalogue_keep_to_one_language(rule: Rule) -> None:
    assert not latin_words(rule.summary)
    assert not chinese(rule.summary_en)


def test_every_rule_of_the_catalogue_has_a_trigger() -> None:
    assert set(TRIGGERS) == {rule.code for rule in RULES}


@pytest.mark.parametrize("code", list(TRIGGERS))
def test_every_rule_of_the_catalogue_fires_in_one_language(code: str, tmp_path: Path) -> None:
    findings = TRIGGERS[code](tmp_path)
    assert code in {f.rule for f in findings}
    assert not mixed(findings)


def test_a_file_that_cannot_be_read_says_why_in_each_language(tmp_path: Path) -> None:
    cases = {
        b"PK\x03\x04 not a zip": ("无法按 Word 文档读取，读取程序报告“", "cannot be read as docx: "),
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": ("不读旧版 Word 文档", "a legacy Word document (.doc) is not read"),
    }
    for data, (zh, en) in cases.items():
        path = tmp_path / "x.docx"
        path.write_bytes(data)
        with pytest.raises(ReadError) as raised:
            read(path)
        error = raised.value
        assert error.message.startswith(zh)
        assert error.message_en.startswith(en)
        assert str(error) == f"{path}: {error.message_en}"
        assert not latin_words(error.message)
        assert not chinese(error.message_en)
    with pytest.raises(ReadError) as raised:
        read(tmp_path / "none.txt")
    assert (raised.value.message, raised.value.message_en) == (
        "无法读取文件：文件不存在",
        "cannot read the file: No such file or directory",
    )
