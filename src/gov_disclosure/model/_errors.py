"""The library's exceptions: each carries every finding, not just the first."""

from __future__ import annotations

import errno
from collections.abc import Iterable

from ._findings import Finding


class GovDisclosureError(Exception):
    """Base class of the library's errors."""


class _FindingsError(GovDisclosureError, ValueError):
    def __init__(self, headline: str, findings: Iterable[Finding]) -> None:
        self.findings = tuple(findings)
        lines = [headline, *(f"  {f.path or '—'}{_line(f)}: {f.message_en}" for f in self.findings)]
        super().__init__("\n".join(lines))


def _line(finding: Finding) -> str:
    return f" (line {finding.line})" if finding.line is not None else ""


class LoadError(_FindingsError):
    """Input that is not a valid report in the wire format; ``findings`` lists every problem found."""

    def __init__(self, findings: Iterable[Finding], *, source: str | None = None) -> None:
        self.source = source
        findings = tuple(findings)
        where = f"{source}: " if source else ""
        super().__init__(f"{where}not a valid report ({len(findings)} problem(s)):", findings)


class ReportInvalidError(_FindingsError):
    """A report whose accounting rules fail; ``findings`` holds all findings, errors and warnings."""

    def __init__(self, findings: Iterable[Finding]) -> None:
        findings = tuple(findings)
        errors = sum(f.severity == "error" for f in findings)
        super().__init__(f"the report does not validate ({errors} error(s)):", findings)


class RenderError(GovDisclosureError, ValueError):
    """A report that cannot be rendered as asked: a character no document can hold, or a template that is not a
    Word document, does not parse, uses a name the report does not have, fails, or is refused by the sandbox."""


class ConsolidationError(GovDisclosureError, ValueError):
    """Reports that cannot be added up or compared as asked: mixed editions or years, one body twice, an amount
    too precise to add exactly."""


class ReadError(GovDisclosureError, ValueError):
    """Input that cannot be read at all (a corrupt or oversized file); a readable input that is not a report, or
    does not add up, gives a :class:`Reading` with findings instead. ``message`` says why in Chinese and
    ``message_en`` in English; the exception's text is the English, after the file's name (``source``)."""

    def __init__(self, message: str, message_en: str, source: str | None = None) -> None:
        self.message, self.message_en, self.source = message, message_en, source
        super().__init__(f"{source}: {message_en}" if source else message_en)

    def __reduce__(self) -> tuple[type[ReadError], tuple[str, str, str | None]]:
        return type(self), (self.message, self.message_en, self.source)


for _error in (ConsolidationError, GovDisclosureError, LoadError, ReadError, RenderError, ReportInvalidError):
    _error.__module__ = "gov_disclosure"  # tracebacks name them as users import them, from the package
del _error

_SYSTEM_REASONS = {
    errno.ENOENT: "文件不存在",
    errno.EACCES: "没有访问权限",
    errno.EPERM: "没有访问权限",
    errno.EISDIR: "这是文件夹，不是文件",
    errno.ENOTDIR: "路径中有一项不是文件夹",
    errno.ENAMETOOLONG: "文件名过长",
}


def system_reason(error: OSError) -> tuple[str, str]:
    """Why the system could not open or read a file, in Chinese and in English (the system's own words, which
    the Chinese quotes where it has none of its own)."""
    english = error.strerror or str(error)
    return _SYSTEM_REASONS.get(error.errno or 0, f"系统报告“{english}”"), english
