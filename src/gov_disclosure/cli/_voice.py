"""How the commands speak: in Chinese, English or both (``--lang``), the findings of a severity or worse
(``--severity``), and when findings fail a run (``--fail-on``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Literal, NamedTuple

from .. import Severity

if TYPE_CHECKING:
    from .. import Finding, Report

Lang = Literal["zh", "en", "both"]
LANGS: tuple[Lang, ...] = ("zh", "en", "both")

SEVERITIES = tuple(Severity)
"""The severities, the worst first."""

_NAMES: dict[Severity, tuple[str, str]] = {
    Severity.ERROR: ("错误", "error"),
    Severity.WARNING: ("警告", "warning"),
    Severity.INFO: ("提示", "info"),
}


def at_least(severity: Severity) -> frozenset[Severity]:
    """*severity* and the severities worse than it."""
    return frozenset(SEVERITIES[: SEVERITIES.index(severity) + 1])


def failed(counts: Counter[Severity], fail_on: Severity) -> bool:
    """Whether findings counted by severity fail the run: one of *fail_on* or worse."""
    return any(counts[severity] for severity in at_least(fail_on))


class Voice(NamedTuple):
    """What a command prints: each message in *lang*, and the findings of *shown* severities."""

    lang: Lang = "zh"
    shown: frozenset[Severity] = frozenset(SEVERITIES)

    def say(self, zh: str, en: str) -> str:
        """A short message (a verdict, a heading, a count) in the language asked: both on one line, ``zh / en``."""
        return {"zh": zh, "en": en, "both": f"{zh} / {en}"}[self.lang]

    def heading(self, zh: str, en: str, text: str = "") -> str:
        """A heading with its colon, and *text* after it: ``发现：…``, ``findings: …``, ``发现 / findings: …``."""
        said = {"zh": f"{zh}：", "en": f"{en}: ", "both": f"{zh} / {en}: "}[self.lang] + text
        return said.rstrip(" ")

    def lines(self, zh: str, en: str) -> list[str]:
        """A long message in the language asked: both as two lines, the Chinese first."""
        return {"zh": [zh], "en": [en], "both": [zh, en]}[self.lang]

    def findings(self, findings: Iterable[Finding]) -> Iterator[str]:
        """The lines of *findings* of the severities shown: ``[severity] RULE path（第N行）：message``."""
        for f in findings:
            if f.severity in self.shown:
                where = f"  [{f.severity}] {f.rule} {f.path or '—'}"
                zh_line = f"（第{f.line}行）" if f.line is not None else ""
                en_line = f" (line {f.line})" if f.line is not None else ""
                yield from self.lines(f"{where}{zh_line}：{f.message}", f"{where}{en_line}: {f.message_en}")

    def counts(self, counts: Counter[Severity], none: tuple[str, str] = ("通过", "clean")) -> str:
        """Findings counted by severity: ``2 个错误、1 个警告`` / ``2 errors, 1 warning``; *none* when there are
        none."""
        if not counts.total():
            return self.say(*none)
        named = [(counts[s], *_NAMES[s]) for s in SEVERITIES if counts[s]]
        zh = "、".join(f"{n} 个{name}" for n, name, _ in named)
        en = ", ".join(f"{n} {name}{'' if n == 1 else 's'}" for n, _, name in named)
        return self.say(zh, en)

    def verdict(self, name: str, report: Report | None, findings: Iterable[Finding]) -> list[str]:
        """A file's verdict — its report's title and edition, and its findings counted — then its findings."""
        findings = tuple(findings)
        if report is None:
            what = self.say("未能读出报告", "no report read")
        elif self.lang == "en":
            what = f"{report.full_title} ({report.edition} edition)"
        else:
            what = f"{report.full_title}（{report.edition}年版格式）"
        counts = self.counts(Counter(f.severity for f in findings))
        return [f"{name}: {what} — {counts}", *self.findings(findings)]
