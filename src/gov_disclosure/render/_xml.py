"""What a document built of XML (Word, Excel) can hold: XML 1.0 forbids most control characters."""

from __future__ import annotations

import re

from ..model import RenderError

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
"""Characters XML 1.0 forbids: no Word document or Excel workbook can hold them."""


def refuse_unwritable(text: str, where: str, document: str) -> None:
    """Raise :class:`RenderError` naming *where* and the position when *text* holds a character no *document*
    (``"a Word document"``, ``"an Excel workbook"``) can hold."""
    found = NOT_XML.search(text)
    if found:
        raise RenderError(
            f"{where}: character {found.group()!r} at position {found.start()} cannot be written to {document} "
            "(XML 1.0 forbids it; it often comes from pasting out of Word); remove it from the text"
        )
