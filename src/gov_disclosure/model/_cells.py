"""Every figure of a report class as one flat list of cells, in statutory order.

Consolidation adds the cells up, the cross-report checks compare them and the exports write them; all three
walk this list, so each is driven by the model's metadata like everything else.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from ._fields import Kind, parts, per_class

FIGURES = frozenset((Kind.COUNT, Kind.SIGNED_COUNT, Kind.MONEY))
"""The kinds of cell that hold a number."""


@attrs.frozen
class Cell:
    """One figure (or the unit printed with one) of a report class."""

    path: str
    """The wire path, e.g. ``applications.outcomes.withheld.state_secret.natural_person``."""
    labels: tuple[str, ...]
    """The statutory labels along the path, e.g. ``("三、…", "三、本年度办理结果", …, "自然人")``."""
    kind: Kind
    derived: bool
    """A total computed from other cells of the list."""
    get: Callable[[Any], Any] = attrs.field(eq=False, repr=False)
    """Reads the cell's value from a report."""


def _walk(cls: Any, prefix: str, labels: tuple[str, ...], derived: bool) -> Iterator[Cell]:
    for p in parts(cls):
        path = f"{prefix}{p.name}"
        here = (*labels, p.label) if p.label else labels
        if p.kind is Kind.PART:
            yield from _walk(p.type, f"{path}.", here, derived or p.derived)
        elif p.kind in FIGURES or p.kind is Kind.UNIT:
            yield Cell(path, here, p.kind, derived or p.derived, operator.attrgetter(path))


@per_class
def cells(cls: Any) -> tuple[Cell, ...]:
    """Every figure of report class *cls* — stored and derived — and every unit, in statutory order."""
    return tuple(_walk(cls, "", (), False))
