"""Hypothesis strategies for property tests of code that uses gov_disclosure.

``reports()`` draws valid reports of either edition: every count non-negative, section 三 balanced in every
column, so :func:`gov_disclosure.validate` finds no error. Texts avoid control characters, which no
Word document can hold. Requires hypothesis (``pip install gov-disclosure[test]``)::

    from hypothesis import given
    from gov_disclosure.testing import reports

    @given(reports())
    def test_my_export(report): ...
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import strategies as st

from .model import (
    APPLICANT_COLUMNS,
    REPORT_CLASSES,
    ApplicantCounts,
    Applications,
    Edition,
    Heading,
    Kind,
    Narrative,
    Paragraph,
    Part,
    Report,
    Report2019,
    Report2021,
    field_meta,
    part_at,
    parts,
    per_class,
)

__all__ = ["applicant_counts", "counts", "narratives", "reports", "texts"]


def counts(max_value: int = 10_000) -> st.SearchStrategy[int]:
    """Counts as reports have them: often 0, sometimes large."""
    return st.one_of(st.just(0), st.integers(0, 9), st.integers(0, max_value))


def texts(*, min_size: int = 1, max_size: int = 80) -> st.SearchStrategy[str]:
    """Non-blank text of any script, without control characters or unassigned code points."""
    alphabet = st.characters(exclude_categories=("Cs", "Cc", "Cn"))
    return st.text(alphabet, min_size=min_size, max_size=max_size).filter(str.strip)


def narratives() -> st.SearchStrategy[Narrative]:
    """Sub-headings and paragraphs in any order."""
    block = st.one_of(st.builds(Heading, text=texts()), st.builds(Paragraph, text=texts(max_size=300)))
    return st.builds(Narrative, blocks=st.lists(block, max_size=4))


def applicant_counts(max_value: int = 10_000) -> st.SearchStrategy[ApplicantCounts]:
    """One row of section 三."""
    return st.builds(ApplicantCounts, **{c: counts(max_value) for c in APPLICANT_COLUMNS if c != "total"})


_MONEY = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


def _value(cls: Any, p: Part, max_count: int) -> st.SearchStrategy[Any]:
    strategy: st.SearchStrategy[Any]
    if p.kind is Kind.COUNT:
        strategy = counts(max_count)
    elif p.kind is Kind.SIGNED_COUNT:
        strategy = st.integers(-1000, 1000)
    elif p.kind is Kind.MONEY:
        strategy = st.one_of(st.just(Decimal(0)), _MONEY)
    elif p.kind is Kind.TEXT:
        strategy = texts(max_size=40)
    elif p.kind is Kind.YEAR:
        strategy = st.integers(*cls.years)
    elif p.kind is Kind.UNIT:
        strategy = st.sampled_from(field_meta(cls, p.name)["values"])
    elif p.kind is Kind.NARRATIVE:
        strategy = narratives()
    elif p.kind is Kind.NAMES:
        strategy = st.lists(texts(max_size=20), max_size=3, unique=True).map(tuple)
    else:
        strategy = _instances((p.type, max_count))
    return st.one_of(st.none(), strategy) if p.optional else strategy


@per_class
def _instances(key: tuple[Any, int]) -> st.SearchStrategy[Any]:
    """Instances of a model class with counts up to a maximum."""
    cls, max_count = key
    return st.builds(cls, **{p.name: _value(cls, p, max_count) for p in parts(cls) if not p.derived})


@st.composite
def _balanced(draw: st.DrawFn, outcomes_cls: type, max_count: int) -> Applications[Any]:
    """Section 三 with outcomes and 结转下年度 drawn, and 上年结转 + 本年新收 made to balance every column."""
    outcomes = draw(_instances((outcomes_cls, max_count)))
    carried_forward = draw(applicant_counts(max_count))
    carried_over, received = {}, {}
    for column in APPLICANT_COLUMNS[:-1]:
        due = getattr(outcomes.total, column) + getattr(carried_forward, column)
        carried_over[column] = draw(st.integers(0, due))
        received[column] = due - carried_over[column]
    return Applications(
        narrative=draw(st.one_of(st.just(Narrative()), narratives())),
        received=ApplicantCounts(**received),
        carried_over=ApplicantCounts(**carried_over),
        outcomes=outcomes,
        carried_forward=carried_forward,
    )


def _report(cls: type[Report], max_count: int) -> st.SearchStrategy[Report]:
    outcomes_cls = part_at(cls, "applications.outcomes")[-1].type
    fields = {
        p.name: _value(cls, p, max_count) for p in parts(cls) if p.name != "applications" and p.kind is not Kind.DATE
    }
    undated: st.SearchStrategy[Report] = st.builds(cls, applications=_balanced(outcomes_cls, max_count), **fields)
    return undated.flatmap(lambda report: _dates(report.year).map(lambda day: _dated(report, day)))


def _dated(report: Report, day: datetime.date | None) -> Report:
    dated: Report = attrs.evolve(report, date=day)
    return dated


def _dates(year: int) -> st.SearchStrategy[datetime.date | None]:
    """No 成文日期, or a day of the year after *year*, when reports are written."""
    return st.one_of(st.none(), st.dates(datetime.date(year + 1, 1, 1), datetime.date(year + 1, 12, 31)))


def reports(edition: Edition | None = None, *, max_count: int = 10_000) -> st.SearchStrategy[Report]:
    """Valid, balanced reports of *edition* (``"2019"`` or ``"2021"``), or of either edition; each count drawn
    up to *max_count* (sums of counts can be larger)."""
    if edition is None:
        return st.one_of(_report(Report2019, max_count), _report(Report2021, max_count))
    return _report(REPORT_CLASSES[edition], max_count)
