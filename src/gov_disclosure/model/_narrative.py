"""Narrative text: the sub-headings and paragraphs of a section, in order."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from ._fields import Kind, part


def _check_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not str:
        raise TypeError(f"{type(instance).__name__}.text must be a string, got {value!r}")


@attrs.frozen(kw_only=True)
class Heading:
    """A sub-heading standing on its own line, e.g. ``（一）加强政务公开组织保障。``."""

    text: str = attrs.field(validator=_check_text)


@attrs.frozen(kw_only=True)
class Paragraph:
    """One paragraph of running text."""

    text: str = attrs.field(validator=_check_text)


Block = Heading | Paragraph
"""One block of a narrative."""


def _blocks(value: Iterable[Block]) -> tuple[Block, ...]:
    blocks = tuple(value)
    for index, block in enumerate(blocks):
        if not isinstance(block, Heading | Paragraph):
            raise TypeError(f"Narrative block {index} must be a Heading or a Paragraph, got {block!r}")
    return blocks


@attrs.frozen(kw_only=True)
class Narrative:
    """Sub-headings and paragraphs in the order they are printed."""

    blocks: tuple[Block, ...] = attrs.field(default=(), converter=_blocks)

    def __bool__(self) -> bool:
        return bool(self.blocks)


def narrative(label: str | None) -> Any:
    """A narrative field, empty by default."""
    return part(label, Narrative, kind=Kind.NARRATIVE)
