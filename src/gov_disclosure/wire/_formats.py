"""The formats of kept reports, JSON and YAML, by their files' suffixes."""

from __future__ import annotations

from typing import Literal, TypeAlias

Format: TypeAlias = Literal["json", "yaml"]

EXTENSIONS: dict[str, Format] = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}
"""The format of a kept report by its file's suffix."""
