"""The one matcher: the lines and rows of any front end mapped to the model's fields by the labels in its
metadata.

It never repairs a published number: a stated total that disagrees with its parts stays as stated in the
findings while the parts make the report; a blank cell taken as 0 is an info finding; an unknown row, a missing
table or row, an unreadable number are findings too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..model import APPLICANT_COLUMNS, REPORT_CLASSES, SECTIONS, Edition, Kind, LoadError, parts, value_columns
from ..rules import READ_EDITION, READ_NOT_A_REPORT, validate
from ..wire import SCHEMA_VERSION, from_dict
from ._closing import split_closing
from ._document import Cell, Document, Line, Row
from ._flat import Flat
from ._labels import normalize, unnumbered
from ._reading import Notes, Reading
from ._sections import Item, narrative, split
from ._tables import StatedOutcomes, Tables, split_row
from ._title import heading
from ._vocabulary import ONLY, ROW_LABELS, VOCABULARIES, section_type


def _edition(asked: str, found: list[list[Item]], year: int, notes: Notes) -> Edition:
    """The edition asked for; else the one of the year (2019 and 2020 the 2019 format, from 2021 the 2021
    format), unless the tables print the other edition's labels for a year it allows (a body that kept the 2019
    format, which validation warns of). What a document's metadata says is not read: the printed tables are."""
    if edition := next((e for e in REPORT_CLASSES if e == asked), None):
        return edition
    by_year = max((e for e, cls in REPORT_CLASSES.items() if cls.years[0] <= year), default=min(REPORT_CLASSES))
    text = "\n".join(
        normalize(c.text)
        for items in found[1:4]
        for item in items
        for c in (item.cells if isinstance(item, Row) else (item,))
    )
    score = {e: sum(word in text for word in only) for e, only in ONLY.items()}
    by_tables = max(ONLY, key=score.__getitem__)
    if len(set(score.values())) == 1 or by_tables == by_year:  # the tables do not tell, or agree
        return by_year
    first, last = REPORT_CLASSES[by_tables].years
    if first <= year <= last:
        return by_tables
    notes.add(
        READ_EDITION,
        "year",
        f"表格为{by_tables}年版格式，但{year}年度的报告应为{by_year}年版格式，按{by_year}年版读入",
        f"the tables are in the {by_tables} format, but a report for {year} is in the {by_year} format, "
        f"and it is read as such",
    )
    return by_year


_LAID_OUT = re.compile(r"\s{2,}")
"""What separates the label cells of a row laid out with spaces (the label of its group before its own)."""


def _with_blank_rows(items: list[Item], widths: Mapping[str, int]) -> list[Row]:
    """The rows of a table, a row label (of *widths*: label → how many figures its row has; its numbering
    may be left out) standing alone on its line, and in no row, read as a row of empty cells (text leaves no
    trace of an empty cell)."""
    width = {unnumbered(label): n for label, n in widths.items()}
    alone = {
        id(item): (text, key)
        for item in items
        if isinstance(item, Line) and (key := unnumbered(normalize(text := _LAID_OUT.split(item.text)[-1]))) in width
    }
    if not alone:
        return [item for item in items if isinstance(item, Row)]
    labels = [split_row(item) for item in items if isinstance(item, Row)]
    printed = {unnumbered(normalize(label.text)) for label, values in labels if label and values}
    rows: list[Row] = []
    for item in items:
        if isinstance(item, Row):
            rows.append(item)
        elif id(item) in alone and (found := alone[id(item)])[1] not in printed:
            text, key = found
            rows.append(Row((Cell(text, item.where), *(Cell("", item.where) for _ in range(width[key]))), 0))
    return rows


def match(document: Document, *, edition: str = "auto", source: str | None = None) -> Reading:
    """Map a front end's document to a report of its edition (or the one given), with findings."""
    notes = Notes()

    head, found = split(document)
    texts = [normalize(i.text) for items in found[1:4] for i in items if isinstance(i, Line)]
    flat = any(label in text for text in texts for label in ROW_LABELS)
    if not flat and not any(isinstance(i, Row) for items in found for i in items):
        notes.add(
            READ_NOT_A_REPORT,
            None,
            "找不到任一版格式的统计表（可能是2019年以前的旧格式或其他文件）",
            "no table of either edition: not a report in the 2019 or 2021 format",
        )
        return notes.reading(None, source)
    tail = [i for i in found[-1] if isinstance(i, Line)]
    head_data = heading([i for i in head if isinstance(i, Line)], document.meta, notes, tail=tail, source=source)
    if head_data is None:
        return notes.reading(None, source)
    told = _edition(edition, found, head_data["year"], notes)
    cls = REPORT_CLASSES[told]
    vocabulary = VOCABULARIES[told]
    meta = document.meta
    data: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "edition": told, **head_data}
    found, closing = split_closing(found, head_data, meta, notes)
    data.update(closing)
    tables, runs = Tables(cls, notes), Flat(cls, notes)
    stated_outcomes: StatedOutcomes = {}
    names = [p.name for p in parts(cls) if p.label in SECTIONS]
    for name, items in zip(names, found, strict=True):
        text = narrative(items, frozenset() if meta else vocabulary.words)
        rows = [i for i in items if isinstance(i, Row)]
        lines = [i for i in items if isinstance(i, Line)]
        if name == "proactive":
            widths = {label: len(value_columns(part.type)) for label, part in vocabulary.proactive.items()}
            figures = (
                tables.proactive(_with_blank_rows(items, widths), vocabulary)
                if rows
                else runs.proactive(lines, vocabulary)
            )
        elif name == "applications" and rows:
            widths = dict.fromkeys(vocabulary.applications, len(APPLICANT_COLUMNS))
            figures, stated_outcomes = tables.applications(_with_blank_rows(items, widths), vocabulary)
        elif name == "applications":
            figures, stated_outcomes = runs.applications(lines, vocabulary)
        elif name == "appeals":
            kinds = [p for p in parts(section_type(cls, "appeals")) if p.kind is Kind.PART]
            figures = tables.appeals(rows, kinds) if rows else runs.appeals(lines, [k.name for k in kinds])
        else:
            data[name] = text
            continue
        data[name] = {"narrative": text, **figures}
    try:
        report = from_dict(data, source=source)
    except LoadError as error:
        notes.findings.extend(error.findings)
        return notes.reading(None, source)
    tables.check_outcomes(report, stated_outcomes)
    notes.findings.extend(validate(report))  # one verdict: what the rules find is a finding of the reading
    return notes.reading(report, source)
