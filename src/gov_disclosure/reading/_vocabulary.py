"""The vocabulary of each edition's tables: the labels of its rows, normalized, and the lookup of a label as
published (shortened, annotated or garbled) among them."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from difflib import SequenceMatcher
from typing import Any

import attrs

from ..model import REPORT_CLASSES, ApplicantCounts, Edition, Kind, Part, parts, sections
from ._labels import normalize, unnumbered

LIKENESS = 0.75
"""How alike (:class:`difflib.SequenceMatcher` ratio) a garbled label must be to the statutory one it is read as."""
LEAD = 0.15
"""By how much the likeness of the statutory label a garbled one is read as must lead that of the next best."""
LONGEST_TABLE_WORD = 60
"""The longest line that may be a table label standing alone rather than text."""


@attrs.frozen
class Vocabulary:
    """The labels of an edition's tables, normalized: data rows by label, and every label a table prints."""

    proactive: dict[str, Part]
    """Each row of section 二 by its label."""
    applications: dict[str, str]
    """Each row of section 三 by its label: its wire path under ``applications``."""
    groups: dict[str, tuple[str, ...]]
    """Each group of outcome rows by its label (unnumbered): the paths of its rows."""
    words: frozenset[str]
    """Every label and header the tables print."""


def section_type(cls: Any, name: str) -> Any:
    """The class of a report class's section *name*."""
    return next(p.type for p in parts(cls) if p.name == name)


def _vocabulary(edition: Edition) -> Vocabulary:
    cls = REPORT_CLASSES[edition]
    tables = {s.name: s.table for s in sections(cls, lambda path: "") if s.table is not None}
    proactive = {normalize(p.label or ""): p for p in parts(section_type(cls, "proactive")) if p.kind is Kind.PART}
    applications = {}
    for row in tables["applications"].rows:
        labels = [c for c in row if c.scope in ("row", "rowgroup")]
        values = [c for c in row if c.path]
        if labels and values:
            path = values[0].path or ""
            applications[normalize(labels[-1].text)] = path.removeprefix("applications.").rsplit(".", 1)[0]
    outcomes = next(p.type for p in parts(section_type(cls, "applications")) if p.name == "outcomes")
    groups = {
        unnumbered(normalize(p.label or "")): tuple(
            f"outcomes.{p.name}.{q.name}" for q in parts(p.type) if q.kind is Kind.PART
        )
        for p in parts(outcomes)
        if p.kind is Kind.PART and not p.derived and p.type is not ApplicantCounts
    }
    words = {normalize(c.text) for t in tables.values() for r in t.rows for c in r if c.scope}
    return Vocabulary(proactive=proactive, applications=applications, groups=groups, words=frozenset(words))


VOCABULARIES: dict[Edition, Vocabulary] = {edition: _vocabulary(edition) for edition in REPORT_CLASSES}
ONLY: dict[Edition, frozenset[str]] = {
    edition: frozenset(
        w
        for w in VOCABULARIES[edition].words.difference(*(v.words for e, v in VOCABULARIES.items() if e != edition))
        if len(w) >= 4
    )
    for edition in VOCABULARIES
}
"""The table labels only one edition prints (long enough not to occur by chance): they tell the edition."""
ROW_LABELS = frozenset(
    unnumbered(label) for v in VOCABULARIES.values() for label in v.applications if len(unnumbered(label)) >= 8
)
"""Labels of section 三 long enough to tell a table run into a line of text."""


def _related(published: str, known: str) -> bool:
    """Whether a published label is a statutory one shortened (it begins it) or annotated (it begins with it)."""
    return (len(published) >= 2 and known.startswith(published)) or (len(known) >= 4 and published.startswith(known))


def _likeness(published: str, known: str) -> float:
    """How alike two labels are (difflib's ratio); 0 for labels too unlike to contend (difflib's cheap upper
    bounds tell them without the full comparison)."""
    matcher = SequenceMatcher(None, published, known)
    contending = LIKENESS - LEAD  # a label less alike neither matches nor is close behind the one that does
    if matcher.real_quick_ratio() < contending or matcher.quick_ratio() < contending:
        return 0.0
    return matcher.ratio()


def find(table: Mapping[str, Any], label: str) -> Any:
    """The entry of *table* for a published *label*: the same label; the one label it is a shortened or annotated
    form of, with or without enumeration; or the one label it is most like, when it is clearly the most like."""
    key = normalize(label)
    if key in table:
        return table[key]
    for strip in (lambda text: text, unnumbered):
        found = {id(value): value for known, value in table.items() if _related(strip(key), strip(known))}
        if len(found) == 1:
            return next(iter(found.values()))
    scores = sorted(((_likeness(unnumbered(key), unnumbered(k)), k) for k in table), reverse=True)
    if scores and scores[0][0] >= LIKENESS and (len(scores) == 1 or scores[0][0] - scores[1][0] >= LEAD):
        return table[scores[0][1]]  # a label garbled in extraction, like 2.其他法律行政止公开
    return None


@functools.lru_cache(maxsize=1024)
def is_table_word(text: str, words: frozenset[str]) -> bool:
    """Whether a line is a table label standing alone (a header or a group label split over lines), not text:
    part of a label, labels run together, or a label with a short annotation."""
    if len(text) < 2 or len(text) > LONGEST_TABLE_WORD:
        return False
    if any(text in w or (text.startswith(w) and len(text) <= len(w) + 12) for w in words):
        return True
    rest = text
    for word in sorted(words, key=len, reverse=True):
        rest = rest.replace(word, "")
    return not re.sub(r"[(),:;·\-]", "", rest)
