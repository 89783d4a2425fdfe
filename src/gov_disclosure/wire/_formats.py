"""The formats of kept reports, JSON and YAML, by their files' suffixes."""

from __future__ import annotations

from .._lazy import TYPE_CHECKING

if TYPE_CHECKING:  # a type only: typing is not loaded for the command's --help
    from ._serialize import Format

EXTENSIONS: dict[str, Format] = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}
"""The format of a kept report by its file's suffix."""
