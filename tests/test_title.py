"""The title is broken into lines between words, each line fitting, as evenly as can be (GB/T 9704)."""

from __future__ import annotations

import io
import itertools

import attrs
import docx
import lxml.html
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import EXAMPLES
from gov_disclosure import load
from gov_disclosure.model import default_title
from gov_disclosure.render import context
from gov_disclosure.render._title import LINE_WIDTH, title_lines, width, words

PLACES = [
    "江苏",
    "淮安",
    "洪泽",
    "恩平",
    "江门",
    "苏州",
    "镇江",
    "乌鲁木齐",
    "内蒙古",
    "延边朝鲜族",
    "市中",
    "临港新片",
    "城阳",
]
DIVISIONS = ["省", "市", "县", "区", "自治区", "自治州", "自治县", "旗"]
ORGANS = [
    "人民政府",
    "人民政府办公室",
    "办公厅",
    "市场监督管理局",
    "城市管理综合执法局",
    "住房和城乡建设局",
    "发展和改革委员会",
    "卫生健康委员会",
    "自然资源和规划局",
    "人民代表大会常务委员会",
    "经济技术开发区",
    "管理委员会",
    "国家税务总局",
    "区域合作办公室",
    "民政局",
]

units = st.one_of(st.builds(str.__add__, st.sampled_from(PLACES), st.sampled_from(DIVISIONS)), st.sampled_from(ORGANS))


@st.composite
def titles(draw: st.DrawFn) -> tuple[str, str, list[int]]:
    """A title, the body it begins with, and the offsets a line may break at: between the units of the body's
    name, after the name, and around the year and before 关于 (a title of the body's own)."""
    body_units = draw(st.lists(units, min_size=1, max_size=6))
    body = "".join(body_units)
    year = draw(st.integers(1990, 2100))
    rest = draw(
        st.sampled_from(
            [
                [f"{year}年", "政府信息公开工作年度报告"],
                [f"{year}年度", "政府信息公开工作年度报告"],
                ["关于", f"{year}年度", "政府信息公开工作情况的报告"],
            ]
        )
    )
    allowed = list(itertools.accumulate(len(w) for w in [*body_units, *rest]))
    return body + "".join(rest), body, allowed


def breaks(lines: list[str]) -> list[int]:
    return list(itertools.accumulate(len(line) for line in lines))[:-1]


@given(titles())
def test_lines_break_between_words_and_fit(case: tuple[str, str, list[int]]) -> None:
    title, body, allowed = case
    lines = title_lines(title, body)
    assert "".join(lines) == title
    assert set(breaks(lines)) <= set(allowed), "no line breaks inside a word"
    found = words(title, body)
    for line in lines:
        assert width(line) <= LINE_WIDTH or line in found, "a line is too wide only when it is one word"


@given(titles())
def test_the_lines_are_as_few_and_as_even_as_can_be(case: tuple[str, str, list[int]]) -> None:
    title, body, _ = case
    found = words(title, body)
    lines = title_lines(title, body)

    def fits(partition: list[str]) -> bool:
        return all(width(line) <= LINE_WIDTH or line in found for line in partition)

    every = []
    for cuts in itertools.product((False, True), repeat=len(found) - 1):
        partition, line = [], found[0]
        for cut, word in zip(cuts, found[1:], strict=True):
            partition, line = ([*partition, line], word) if cut else (partition, line + word)
        every.append([*partition, line])
    fitting = [p for p in every if fits(p)]
    assert fits(lines)
    assert len(lines) == min(len(p) for p in fitting)
    widest = max(width(line) for line in lines)
    assert widest == min(max(width(line) for line in p) for p in fitting if len(p) == len(lines))


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        (
            "淮安市洪泽区人民政府2024年政府信息公开工作年度报告",
            "淮安市洪泽区人民政府",
            ["淮安市洪泽区人民政府2024年", "政府信息公开工作年度报告"],
        ),
        (
            "江苏省南京市人民政府办公室2024年政府信息公开工作年度报告",
            "江苏省南京市人民政府办公室",
            ["江苏省南京市人民政府办公室", "2024年政府信息公开工作年度报告"],
        ),
        (
            "江门市市场监督管理局2020年政府信息公开工作年度报告",
            "江门市市场监督管理局",
            ["江门市市场监督管理局2020年", "政府信息公开工作年度报告"],
        ),
        ("某局2020年政府信息公开工作年度报告", "某局", ["某局2020年政府信息公开工作年度报告"]),
        (
            "中国（上海）自由贸易试验区临港新片区管理委员会城市管理综合执法局2024年政府信息公开工作年度报告",
            "中国（上海）自由贸易试验区临港新片区管理委员会城市管理综合执法局",
            ["中国（上海）自由贸易试验区临港新片区", "管理委员会城市管理综合执法局2024年", "政府信息公开工作年度报告"],
        ),
        (
            "一个标题自己的写法没有可以断开的地方而且很长很长很长很长的标题",
            "某局",
            ["一个标题自己的写法没有可以断开的地方而且很长很长很长很长的标题"],
        ),
    ],
)
def test_examples_of_lines(title: str, body: str, expected: list[str]) -> None:
    assert title_lines(title, body) == expected


def test_word_and_html_print_the_lines() -> None:
    report = load(EXAMPLES / "enping-2019.yaml")
    expected = ["恩平市人民政府办公室2019年度", "政府信息公开工作年度报告"]
    assert context(report)["title_lines"] == expected

    title = docx.Document(io.BytesIO(report.to_docx())).paragraphs[0]
    assert title.style.name == "标题"
    assert [t.text for t in title._p.iter(*(f"{{{title._p.nsmap['w']}}}{tag}" for tag in ("t", "br")))] == [
        expected[0],
        None,
        expected[1],
    ]
    h1 = lxml.html.fromstring(report.to_html()).find(".//h1")
    assert h1.text == expected[0]
    assert [(child.tag, child.tail) for child in h1] == [("br", expected[1])]


def test_a_long_body_name_takes_a_line_of_its_own() -> None:
    report = attrs.evolve(load(EXAMPLES / "hongze-2024.yaml"), title=None, agency="江苏省淮安市洪泽区人民政府办公室")
    assert report.full_title == default_title(report.agency, 2024)
    assert context(report)["title_lines"] == ["江苏省淮安市洪泽区人民政府办公室", "2024年政府信息公开工作年度报告"]
