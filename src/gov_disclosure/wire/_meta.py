"""What a document rendered by this library says of itself, so that reading it back gives the report exactly."""

from __future__ import annotations

from typing import Any

from ..model import Report
from ._converter import parts_data

META = "gov-disclosure"
"""The name under which a rendered document carries :func:`document_meta` (an HTML ``<meta>``, a Word
document's comments)."""

_KEYS = ("agency", "year", "title", "consolidated_from", "signature", "date", "fees")


def document_meta(report: Report) -> dict[str, Any]:
    """The figures a rendered document does not print (the 信息处理费 figures of 2021), its heading and its
    落款 and 成文日期, as on the wire."""
    return {"edition": report.edition, **parts_data(report, _KEYS)}
