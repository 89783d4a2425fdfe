"""Comparing labels as published with the statutory ones: width, punctuation and spacing do not matter."""

from __future__ import annotations

import functools
import re
import unicodedata

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "／": "/", "—": "-", "－": "-"})
_ENUMERATION = re.compile(r"^(\d+)[、,](?!\d)")  # not a number's thousands separator: 1,199
_SPACE = re.compile(r"\s+")


@functools.lru_cache(maxsize=1024)
def normalize(text: str) -> str:
    """*text* for comparison: NFKC (full-width letters, digits and punctuation as ASCII), quotes unified, no white
    space, ``1、`` and ``1．`` as ``1.``, other ``、`` as ``,`` (publishers use both)."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _ENUMERATION.sub(r"\1.", _SPACE.sub("", text)).replace("、", ",")


_NUMBERED = re.compile(r"^(\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+,|\d+\.)")


@functools.lru_cache(maxsize=1024)
def unnumbered(text: str) -> str:
    """A normalized label without its enumeration (``(二)``, ``一,``, ``1.``), as shortened labels drop it."""
    return _NUMBERED.sub("", text)
