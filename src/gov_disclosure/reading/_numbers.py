"""Numbers as published: full-width digits, thousands separators, units, and the many ways of writing zero."""

from __future__ import annotations

import functools
import re
import unicodedata
from decimal import Decimal

from ..wire import MOST_INTEGER_DIGITS

_ZERO = {"", "/", "-", "—", "--", "——", "无", "－"}
_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_UNIT = re.compile(r"(万元|元|件|个|项)$")
_COUNT = re.compile(rf"-?\d{{1,{MOST_INTEGER_DIGITS}}}")
"""A count as the reader converts it: a longer one is no report's figure, and converting it would be slow."""


@functools.lru_cache(maxsize=1024)
def clean(text: str) -> tuple[str, str]:
    """The number text of a cell, and its unit (``""`` if none): spaces, separators and width removed."""
    text = unicodedata.normalize("NFKC", text).strip().replace(",", "").replace(" ", "")
    match = _UNIT.search(text)
    unit = match.group() if match else ""
    return (text[: match.start()] if match else text), unit


@functools.lru_cache(maxsize=4096)
def is_number(text: str) -> bool:
    """Whether a cell holds a number (or a blank meaning 0) rather than a label."""
    value, _ = clean(text)
    return value in _ZERO or bool(_NUMBER.fullmatch(value))


@functools.lru_cache(maxsize=4096)
def blank(text: str) -> bool:
    """Whether a cell is written blank, ``/``, ``-``, ``—`` or ``无``: zero by convention."""
    return clean(text)[0] in _ZERO


def empty(text: str) -> bool:
    """Whether a cell is left empty: unlike a zero written ``/`` or ``—``, an empty total is not stated."""
    return not clean(text)[0]


@functools.lru_cache(maxsize=4096)
def count(text: str) -> int | None:
    """The integer in a cell (0 for a blank), or ``None`` if it holds none."""
    value, _ = clean(text)
    if value in _ZERO:
        return 0
    return int(value) if _COUNT.fullmatch(value) else None


def amount(text: str) -> tuple[Decimal, str] | None:
    """The exact amount in a cell and its unit, or ``None``."""
    value, unit = clean(text)
    if value in _ZERO:
        return Decimal(0), unit
    return (Decimal(value), unit) if _NUMBER.fullmatch(value) else None
