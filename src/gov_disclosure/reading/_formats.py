"""The formats the readers take, and the suffixes of published reports' files."""

from __future__ import annotations

from .._lazy import TYPE_CHECKING

if TYPE_CHECKING:  # a type only: typing is not loaded for the command's --help
    from typing import Literal, TypeAlias

    ReadFormat: TypeAlias = Literal["auto", "text", "html", "docx", "pdf", "json", "yaml"]

SUFFIXES: dict[str, ReadFormat] = {  # the format of a published report by its file's suffix
    ".txt": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".pdf": "pdf",
    ".doc": "auto",  # often HTML or text saved as .doc, read as what it holds; a real one is refused by its bytes
}
