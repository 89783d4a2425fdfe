"""The statute's identities: the balance of section 三 per column, and every total the tables print.

:func:`validate`, the wire loader and the readers all check them here, so each is written once, with messages
built from the labels in the model's metadata. Each function takes the report class, the wire path of the cell
compared and the numbers; a reader leads the messages with where in its input the cell stands.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from typing import Any

from ..model import AppealCounts, ApplicantCounts, Finding, labels_at, parts
from ._catalogue import T3_BALANCE, T3_STATED_OUTCOME_TOTAL, T3_STATED_ROW_TOTAL, T4_STATED_TOTAL, Rule

BALANCE_ROWS = ("received", "carried_over", "outcomes.total", "carried_forward")
"""The rows of section 三 that balance in every column: 一 + 二 = （七） + 四."""


def imbalances(
    received: Sequence[int], carried_over: Sequence[int], processed: Sequence[int], carried_forward: Sequence[int]
) -> list[int]:
    """The columns of section 三 that do not balance — 第一项加第二项之和，等于第三项加第四项之和 — given the four
    rows' figures in column order: their positions."""
    before = list(map(operator.add, received, carried_over))
    after = list(map(operator.add, processed, carried_forward))
    return [] if before == after else [n for n, (b, a) in enumerate(zip(before, after, strict=True)) if b != a]


def balance(cls: Any, column: str, received: int, carried_over: int, processed: int, carried_forward: int) -> Finding:
    """``T3-BALANCE``: *column* of section 三 does not balance (see :func:`imbalances`)."""
    name = labels_at(cls, f"applications.received.{column}")[-1]
    return T3_BALANCE.finding(
        f"applications.carried_forward.{column}",
        f"“{name}”列：第一项（{received}）加第二项（{carried_over}）之和为{received + carried_over}，"
        f"不等于第三项（七）总计（{processed}）加第四项（{carried_forward}）之和{processed + carried_forward}",
        f"column {column}: received {received} + carried over {carried_over} = {received + carried_over}, "
        f"but outcomes total {processed} + carried forward {carried_forward} = {processed + carried_forward}",
        stated=processed + carried_forward,
        expected=received + carried_over,
        cells=tuple(f"applications.{row}.{column}" for row in BALANCE_ROWS),
    )


def _names(cls: type) -> str:
    """The labels of a row class's stored columns, as a list in a message: ``结果维持、结果纠正、…``."""
    return "、".join(p.label or p.name for p in parts(cls) if not p.derived)


def _stated_total(rule: Rule, path: str, message: str, stated: int, due: int, *, cell: str = "") -> Finding:
    """A stated total that is not *due*; *cell* names, in English, the cell of a row of totals."""
    return rule.finding(
        path,
        message,
        f"{cell}the stated total {stated} differs from the sum of its parts {due}",
        stated=stated,
        expected=due,
    )


def row_total(cls: Any, path: str, stated: int, due: int) -> Finding:
    """``T3-STATED-ROW-TOTAL``: the 总计 printed at *path* (``applications.<row>.total``) is not the sum of the
    row's applicant columns."""
    row, total = labels_at(cls, path)[-2:]
    message = f"“{row}”所填{total}为{stated}，但{_names(ApplicantCounts)}之和为{due}"
    return _stated_total(T3_STATED_ROW_TOTAL, path, message, stated, due)


def outcome_total(cls: Any, path: str, stated: int, due: int) -> Finding:
    """``T3-STATED-OUTCOME-TOTAL``: the （七）总计 printed at *path* (``applications.outcomes.total.<column>``)
    is not the sum of that column's outcome rows."""
    outcomes, total, column = labels_at(cls, path)[-3:]
    message = f"“{column}”列：所填{total}为{stated}，但“{outcomes}”各行之和为{due}"
    cell = f"column {path.rsplit('.', 1)[-1]}: "
    return _stated_total(T3_STATED_OUTCOME_TOTAL, path, message, stated, due, cell=cell)


def appeal_total(cls: Any, path: str, stated: int, due: int) -> Finding:
    """``T4-STATED-TOTAL``: the 总计 printed at *path* (``appeals.<kind>.total``) is not the sum of its results."""
    kind, total = labels_at(cls, path)[-2:]
    message = f"“{kind}”所填{total}为{stated}，但{_names(AppealCounts)}之和为{due}"
    return _stated_total(T4_STATED_TOTAL, path, message, stated, due)
