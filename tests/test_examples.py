"""The bundled examples are complete, exact transcriptions of real published reports."""

from __future__ import annotations

import re

import pytest

from conftest import CORPUS
from gov_disclosure import APPLICANT_COLUMNS, Heading, Narrative, Report, Report2019, Report2021, validate


def cells_of_section_3(report: Report) -> list[int]:
    rows = [row for _, row in report.applications.rows()]
    rows.insert(-1, report.applications.outcomes.total)  # （七）总计 stands before 四、结转下年度继续办理
    return [getattr(row, column) for row in rows for column in APPLICANT_COLUMNS]


def cells_of_section_4(report: Report) -> list[int]:
    groups = (
        report.appeals.administrative_review,
        report.appeals.litigation_direct,
        report.appeals.litigation_after_review,
    )
    return [n for g in groups for n in (g.upheld, g.corrected, g.other, g.pending, g.total)]


def texts(narrative: Narrative) -> list[str]:
    return [block.text for block in narrative.blocks]


@pytest.fixture(scope="module")
def lines() -> list[str]:
    """The Enping page text, one stripped line per cell or paragraph."""
    text = (CORPUS / "guangdong-enping-government-office-2019.txt").read_text(encoding="utf-8")
    return [line.strip().replace("\xa0", "") for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def text() -> str:
    """The Hongze PDF's text (pdfplumber) without page markers and whitespace."""
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(CORPUS / "jiangsu-hongze-district-2024.pdf") as pdf:
        raw = "\n".join(page.extract_text() for page in pdf.pages)
    return re.sub(r"\s", "", re.sub(r"- \d+ -", "", raw))


class TestEnping:
    """`examples/enping-2019.yaml` against the published page text, line by line."""

    def between(self, lines: list[str], start: str, end: str) -> list[str]:
        return lines[lines.index(start) + 1 : lines.index(end)]

    def test_validates_clean(self, enping: Report2019) -> None:
        assert isinstance(enping, Report2019)
        assert validate(enping) == []
        assert enping.full_title == "恩平市人民政府办公室2019年度政府信息公开工作年度报告"

    def test_every_narrative_paragraph(self, enping: Report2019, lines: list[str]) -> None:
        assert texts(enping.overview) == self.between(lines, "一、总体情况", "二、主动公开政府信息情况")
        assert texts(enping.problems_and_improvements) == self.between(
            lines, "五、存在的主要问题及改进情况", "六、其他需要报告的事项"
        )
        assert texts(enping.other_matters) == self.between(lines, "六、其他需要报告的事项", "恩平政务")
        headings = [b.text for b in enping.overview.blocks if isinstance(b, Heading)]
        assert headings == [
            "(一)加强政务公开组织保障。",
            "(二)加大政务公开工作力度。",
            "(三)深入推进政府依法行政。",
            "(四)加强公开平台建设。",
        ]

    def test_every_table_cell(self, enping: Report2019, lines: list[str]) -> None:
        def numbers(start: str, end: str) -> list[str]:
            return [line for line in self.between(lines, start, end) if re.fullmatch(r"-?[\d.]+元?", line)]

        section_3 = numbers("三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况")
        assert [int(n) for n in section_3] == cells_of_section_3(enping)
        section_4 = numbers("四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况")
        assert [int(n) for n in section_4] == cells_of_section_4(enping)
        p = enping.proactive
        section_2 = [
            *(p.regulations.produced, p.regulations.published, p.regulations.total_published),
            *(p.normative_documents.produced, p.normative_documents.published, p.normative_documents.total_published),
            *(
                n
                for row in (p.licensing, p.other_services, p.penalties, p.coercive_measures)
                for n in (row.previous_items, row.change, row.decisions)
            ),
            *(p.administrative_fees.previous_items, p.administrative_fees.change),
            p.procurement.projects,
            f"{p.procurement.amount}{p.procurement.unit}",
        ]
        assert numbers("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况") == [str(n) for n in section_2]

    def test_balances_as_the_corpus_says(self, enping: Report2019) -> None:
        a = enping.applications
        assert (a.received.total, a.carried_over.total, a.outcomes.total.total, a.carried_forward.total) == (2, 0, 2, 0)


class TestHongze:
    """`examples/hongze-2024.yaml` against the text of the published PDF."""

    def between(self, text: str, start: str, end: str) -> str:
        return text[text.index(start) + len(start) : text.index(end)]

    def test_validates_clean(self, hongze: Report2021) -> None:
        assert isinstance(hongze, Report2021)
        assert validate(hongze) == []
        assert hongze.full_title == "淮安市洪泽区人民政府2024年政府信息公开工作年度报告"

    def test_every_narrative_paragraph(self, hongze: Report2021, text: str) -> None:
        def joined(narrative: Narrative) -> str:
            return re.sub(r"\s", "", "".join(texts(narrative)))

        assert joined(hongze.preamble) == self.between(text, "年度报告", "一、总体情况")
        assert joined(hongze.overview) == self.between(text, "一、总体情况", "二、主动公开政府信息情况")
        assert joined(hongze.problems_and_improvements) == self.between(
            text, "五、存在的主要问题及改进情况", "六、其他需要报告的事项"
        )
        assert (
            joined(hongze.other_matters) == text[text.index("六、其他需要报告的事项") + len("六、其他需要报告的事项") :]
        )
        assert len(hongze.overview.blocks) == 6

    def test_table_cells(self, hongze: Report2021) -> None:
        p = hongze.proactive
        assert (p.regulations.issued, p.regulations.repealed, p.regulations.in_force) == (0, 0, 0)
        assert (p.normative_documents.issued, p.normative_documents.repealed, p.normative_documents.in_force) == (
            3,
            0,
            8,
        )
        assert (p.licensing.decisions, p.penalties.decisions, p.coercive_measures.decisions) == (9487, 2776, 84)
        assert str(p.administrative_fees.amount_10k_yuan) == "7545"
        assert cells_of_section_4(hongze) == [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3]
        o = hongze.applications.outcomes
        totals = [
            o.granted.total,
            o.partially_granted.total,
            o.withheld.security_and_stability.total,
            o.withheld.process_information.total,
            o.withheld.enforcement_files.total,
            o.unavailable.not_held.total,
            o.unavailable.requires_compilation.total,
            o.not_processed.petition_or_complaint.total,
        ]
        assert totals == [50, 9, 1, 1, 1, 31, 1, 1]
        a = hongze.applications
        assert (a.received.total, a.carried_over.total, o.total.total, a.carried_forward.total) == (95, 0, 95, 0)
        assert str(hongze.fees.collected_yuan) == "0"
        assert hongze.fees.notices is None
