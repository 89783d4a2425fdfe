"""One language a message: what a finding's Chinese ``message`` may hold of the Latin script, and its English
``message_en`` of Chinese.

Quoted text is the input's or the statute's, and may be in either script. A quotation is “…”, ‘…’, 「…」, "…" or
'…', each closed by its own mark (an ASCII ``'`` opens one only where no letter stands before it and closes one
only where no letter follows it, so that the apostrophe of ``page's`` is none). Outside quotations:

* the Chinese message holds no Latin word (a run of ``A``–``Z``, ``a``–``z``) but within a rule code of the
  catalogue, a wire path of either edition (``applications.received.natural_person``, ``schema_version``), a
  file extension (``.docx``), a code point (``U+D800``), a JSON value as the input wrote it (``true``, ``false``,
  ``null``) or a name of a format, a program or a unit (:data:`NAMES`);
* the English message holds no Chinese: no character of the CJK blocks, CJK punctuation (``，``, ``：``, ``（``)
  or full-width forms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from gov_disclosure import REPORT_CLASSES, Finding, Kind, parts
from gov_disclosure.rules import RULES

QUOTED = re.compile(r"“[^”]*”|‘[^’]*’|「[^」]*」|\"[^\"]*\"|(?<![A-Za-z])'[^']*'(?![A-Za-z])")
"""A quotation, outside which a message keeps to its language."""
CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
"""A Chinese character, CJK punctuation or a full-width form."""
TOKEN = re.compile(r"[A-Za-z0-9_.+\-\[\]]*[A-Za-z][A-Za-z0-9_.+\-\[\]]*")
"""A run of Latin letters with the digits and marks of a path, a code or a name around them."""
NAMES = frozenset({"JSON", "YAML", "HTML", "PDF", "Word", "WPS", "UTF-8", "OCR", "MB", "MiB"})
"""The names of formats, programs and units that Chinese text writes in Latin letters."""
CODES = frozenset(rule.code for rule in RULES)


def _paths(cls: Any, within: str = "") -> Iterator[str]:
    """Every wire path of *cls*, groups and sections included, and ``heading`` and ``paragraph``."""
    for part in parts(cls):
        path = f"{within}{part.name}"
        yield path
        if part.kind is Kind.PART:
            yield from _paths(part.type, f"{path}.")


WIRE_PATHS = frozenset(
    {"schema_version", "edition", "heading", "paragraph"}
    | {
        path
        for cls in REPORT_CLASSES.values()
        for full in _paths(cls)
        for path in (full, full.partition(".")[2])
        if path
    }
)
"""Every wire path of either edition, and each without its section (``outcomes.total``, as reading names rows)."""
ALLOWED = re.compile(r"\.[a-z]+|U\+[0-9A-F]{4,6}|true|false|null")
"""A file extension, a code point, a JSON value."""


def unquoted(message: str) -> str:
    """*message* without its quotations."""
    return QUOTED.sub(" ", message)


def latin_words(message: str) -> list[str]:
    """The Latin words of a Chinese *message* outside quotations that none of the exceptions allows."""
    words = []
    for token in TOKEN.findall(unquoted(message)):
        bare = token.strip(".-")
        path = re.sub(r"\[\d+\]", "", bare)
        if bare in CODES or path in WIRE_PATHS or bare in NAMES or ALLOWED.fullmatch(token.rstrip(".")):
            continue
        words.append(token)
    return words


def chinese(message: str) -> list[str]:
    """The Chinese characters of an English *message* outside quotations."""
    return CJK.findall(unquoted(message))


def mixed(findings: Iterable[Finding]) -> list[str]:
    """Each finding whose message mixes in the other language, with what it mixes in: none when all keep to one."""
    found = []
    for finding in findings:
        latin, han = latin_words(finding.message), chinese(finding.message_en)
        if latin or han:
            found.append(f"{finding.rule}: {finding.message!r} has {latin}; {finding.message_en!r} has {han}")
    return found
