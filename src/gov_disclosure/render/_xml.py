"""What a document can hold: XML 1.0 (Word, Excel) forbids most control characters, and HTML pages are held to
the same rule."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..model import RenderError

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
"""Characters XML 1.0 forbids: no Word document, Excel workbook or HTML page is given them."""


def writable(node: Any, document: str, text: Callable[[str], Any] = str, where: str = "") -> Any:
    """*node* with every string in it, in dicts, lists and tuples alike, passed through *text*; a
    :class:`RenderError` naming the place (``overview[3]``, ``consolidated_from[0]``) and the position when one
    holds a character no *document* (``"a Word document"``, ``"an HTML page"``) can hold."""
    if isinstance(node, str):
        found = NOT_XML.search(node)
        if found:
            raise RenderError(
                f"{where.removesuffix('.text')}: character {found.group()!r} at position {found.start()} cannot be "
                f"written to {document} (XML 1.0 forbids it; it often comes from pasting out of Word); "
                "remove it from the text"
            )
        return text(node)
    if isinstance(node, dict):
        return {key: writable(value, document, text, f"{where}.{key}" if where else key) for key, value in node.items()}
    if isinstance(node, list | tuple):
        items = [writable(value, document, text, f"{where}[{index}]") for index, value in enumerate(node)]
        return items if isinstance(node, list) else tuple(items)
    return node
