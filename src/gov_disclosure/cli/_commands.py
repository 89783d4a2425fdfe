"""The commands of ``gov-disclosure``: check, read, audit, export, schema, convert, render."""

from __future__ import annotations

import argparse
import contextlib
import csv
import itertools
import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO

from .. import (
    PUBLISHED_SUFFIXES,
    AuditStatus,
    Finding,
    LoadError,
    Reading,
    RenderError,
    Report,
    Severity,
    atomic_writer,
    audit,
    dump,
    finding_data,
    format_of,
    json_schema,
    load,
    long_writer,
    read_files,
    report_files,
    to_dict,
    validate,
    wide_writer,
)
from ._parser import EXIT_CLEAN, EXIT_FINDINGS, EXIT_NOT_RUN, UNWRITABLE
from ._progress import Progress, stepped
from ._tally import COLUMNS as AUDIT_COLUMNS
from ._tally import STATUSES, Tally, audited_data, audited_row
from ._voice import Voice, at_least, failed


def _voice(args: argparse.Namespace) -> Voice:
    return Voice(args.lang, at_least(Severity(args.severity)))


def _status(counts: Counter[Severity], args: argparse.Namespace) -> int:
    """The exit status of a run whose findings are *counts*: 1 if they fail it (``--fail-on``), else 0."""
    return EXIT_FINDINGS if failed(counts, Severity(args.fail_on)) else EXIT_CLEAN


def _severities(findings: Iterable[Finding]) -> Counter[Severity]:
    return Counter(f.severity for f in findings)


def _load(name: str, voice: Voice) -> Report | None:
    """The report in file *name*, or ``None`` after printing its findings on stderr."""
    try:
        return load(name)
    except LoadError as exc:
        print(*voice.verdict(name, None, exc.findings), sep="\n", file=sys.stderr)
        return None


def _files(paths: Sequence[str]) -> Callable[[], int]:
    """How many report files there are under *paths* (counted when asked: for a progress bar)."""
    return lambda: sum(1 for _ in report_files(paths))


def _no_files(command: str) -> int:
    print(f"error: no report files under the paths (see gov-disclosure {command} --help)", file=sys.stderr)
    return EXIT_NOT_RUN


def _readings(args: argparse.Namespace, show: Callable[[Reading], None]) -> int:
    """Read every file under the paths, as ``audit`` does, and *show* each reading as it comes (``check`` and
    ``read``), a progress bar on a terminal for more than one file; the exit status."""
    progress = Progress.over(_files(args.paths))
    counts: Counter[Severity] = Counter()
    files = 0
    try:
        for reading in stepped(read_files(args.paths, jobs=args.jobs, timeout=args.timeout), progress):
            if progress:
                progress.clear()
            show(reading)
            counts.update(_severities(reading.findings))
            files += 1
    finally:
        if progress:
            progress.close()
    return _status(counts, args) if files else _no_files(args.command)


def _check(args: argparse.Namespace) -> int:
    voice = _voice(args)
    return _readings(args, lambda r: print(*voice.verdict(r.source or "", r.report, r.findings), sep="\n"))


def _read(args: argparse.Namespace) -> int:
    if args.output:
        return _read_into(args)
    if not args.strict:
        print("error: --no-strict applies to read -o OUT only", file=sys.stderr)
        return EXIT_NOT_RUN
    if not args.json:
        return _check(args)

    def show(reading: Reading) -> None:
        report = to_dict(reading.report) if reading.report else None
        findings = [finding_data(f) for f in reading.findings]
        print(json.dumps({"source": reading.source, "report": report, "findings": findings}, ensure_ascii=False))

    return _readings(args, show)


def _read_into(args: argparse.Namespace) -> int:
    """``read FILE -o OUT``: the report read written to OUT, unless it has error findings (``--no-strict``:
    even then)."""
    voice = _voice(args)
    if len(args.paths) != 1 or Path(args.paths[0]).is_dir() or args.json:
        print("error: read -o writes the report of one file: give one FILE, and no --json", file=sys.stderr)
        return EXIT_NOT_RUN
    try:
        format_of(args.output)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_NOT_RUN
    if _refused(_clash((("-o", args.output),), args.paths)):
        return EXIT_NOT_RUN
    [reading] = read_files(args.paths, timeout=args.timeout)
    name, counts = reading.source or "", _severities(reading.findings)
    print(*voice.verdict(name, reading.report, reading.findings), sep="\n")
    if reading.report is None:
        return EXIT_FINDINGS
    if counts[Severity.ERROR] and args.strict:
        zh = f"有 {counts[Severity.ERROR]} 个错误，未写入 {args.output}；--no-strict 可照样写入"
        en = f"it has errors and was not written to {args.output}; --no-strict writes it anyway"
        print(f"{name}: {voice.say(zh, en)}", file=sys.stderr)
        return EXIT_FINDINGS
    try:
        dump(reading.report, args.output)
    except OSError as exc:
        print(f"error: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
        return EXIT_NOT_RUN
    return _status(counts, args)


@contextlib.contextmanager
def _outputs(*names: str | None) -> Iterator[list[IO[str] | None]]:
    """Each named output opened for writing, as text; they replace their files only if the whole run ends."""
    with contextlib.ExitStack() as stack:
        yield [
            stack.enter_context(atomic_writer(name, encoding="utf-8", errors=UNWRITABLE, newline="")) if name else None
            for name in names
        ]


def _identity(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    """The file at *path* (its device and inode), or ``None`` if there is none."""
    try:
        found = os.stat(path)
    except (OSError, ValueError):  # ValueError: a name with a NUL in it
        return None
    return found.st_dev, found.st_ino


def _clash(outputs: Sequence[tuple[str, str | None]], inputs: Iterable[str | os.PathLike[str]]) -> str | None:
    """Why the *outputs* (option, file) cannot be written: two are one file, so that one would be lost, or one is
    a file of *inputs*, which writing it would destroy; ``None`` when they can be."""
    named = [(option, name) for option, name in outputs if name]
    for (one, first), (other, second) in itertools.combinations(named, 2):
        found = _identity(first)
        if os.path.realpath(first) == os.path.realpath(second) or (found and found == _identity(second)):
            return f"{one} and {other} name one file, {first}: give each its own"
    existing = {found: (option, name) for option, name in named if (found := _identity(name))}
    for given in inputs if existing else ():
        if (found := _identity(given)) and found in existing:
            option, name = existing[found]
            return f"{option} {name} would overwrite {given}, one of the files read: write it elsewhere"
    return None


def _refused(why: str | None) -> bool:
    """Whether *why* refuses the command (said on stderr)."""
    if why:
        print(f"error: {why}", file=sys.stderr)
    return why is not None


def _audit(args: argparse.Namespace) -> int:
    if _refused(_clash((("--json", args.json), ("--csv", args.csv)), report_files(args.paths))):
        return EXIT_NOT_RUN
    progress = Progress.over(_files(args.paths))
    with Tally() as tally:
        try:
            with _outputs(args.json, args.csv) as (jsonl, table):
                rows = csv.writer(table) if table else None
                if rows:
                    rows.writerow(AUDIT_COLUMNS)
                step = progress.step if progress else None
                for audited in audit(args.paths, jobs=args.jobs, progress=step, timeout=args.timeout):
                    tally.add(audited)
                    if jsonl:
                        print(json.dumps(audited_data(audited), ensure_ascii=False), file=jsonl)
                    if rows:
                        rows.writerow(audited_row(audited))
        except OSError as exc:
            print(f"error: cannot write {exc.filename}: {exc.strerror}", file=sys.stderr)
            return EXIT_NOT_RUN
        finally:
            if progress:
                progress.close()
        _print_tally(tally, _voice(args))
    return _status(tally.severities, args) if tally.statuses else _no_files("audit")


_MOST_LISTED = 20
"""Files with errors, and files without a report, named in the summary at most; ``--json`` and ``--csv`` have all."""

_LISTS: dict[AuditStatus, tuple[str, str]] = {
    "errors": ("有错误的文件", "files with errors"),
    "unreadable": ("未能读出报告的文件", "files without a report"),
}


def _print_tally(tally: Tally, voice: Voice) -> None:
    files = tally.statuses.total()
    zh = "，".join(f"{STATUSES[status][0]} {tally.statuses[status]}" for status in STATUSES)
    en = ", ".join(f"{STATUSES[status][1]} {tally.statuses[status]}" for status in STATUSES)
    print(
        voice.say(
            f"{files} 个文件：{zh}（每个文件按其最重的发现计一次）",
            f"{files} file{'' if files == 1 else 's'}: {en} (each file once, by its worst finding)",
        )
    )
    print(voice.heading("发现", "findings", voice.counts(tally.severities, none=("无", "none"))))
    rules = sorted((rule, severity, n) for (rule, severity), n in tally.rules.items() if severity in voice.shown)
    if rules:
        print(voice.heading("按规则", "by rule"))
        for rule, severity, n in rules:
            print(f"  {rule:<28} {severity:<8} {n:>8}")
    for status, heading in _LISTS.items():
        if not tally.statuses[status]:
            continue
        print(voice.heading(*heading))
        for source, counts, first in itertools.islice(tally.listed(status), _MOST_LISTED):
            if status == "errors" or first is None:
                print(f"  {source}: {voice.counts(Counter(counts))}")
            else:
                rule, message, message_en = first
                print(*voice.lines(f"  {source}: {rule} {message}", f"  {source}: {rule} {message_en}"), sep="\n")
        if (more := tally.statuses[status] - _MOST_LISTED) > 0:
            zh, en = f"……另有 {more} 个，全部见 --json 或 --csv", f"… {more} more: all in --json or --csv"
            print(f"  {voice.say(zh, en)}")


def _export(args: argparse.Namespace) -> int:
    if not (args.long or args.wide):
        print("error: export needs --long OUT.csv, --wide OUT.csv or both", file=sys.stderr)
        return EXIT_NOT_RUN
    if _refused(_clash((("--long", args.long), ("--wide", args.wide)), report_files(args.paths))):
        return EXIT_NOT_RUN
    voice, counts, files = _voice(args), Counter[Severity](), 0
    progress = Progress.over(_files(args.paths))
    try:
        with _outputs(args.long, args.wide) as (long, wide):
            writers = [writer(out) for writer, out in ((long_writer, long), (wide_writer, wide)) if out]
            for reading in stepped(read_files(args.paths, jobs=args.jobs, timeout=args.timeout), progress):
                if reading.report is None:
                    if progress:
                        progress.clear()
                    said = voice.say("未能读出报告，未导出", "no report, not exported")
                    print(f"{reading.source}: {said}", *voice.findings(reading.findings), sep="\n", file=sys.stderr)
                for write in writers:
                    write(reading)
                counts.update(_severities(reading.findings))
                files += 1
    except OSError as exc:
        print(f"error: cannot write {exc.filename}: {exc.strerror}", file=sys.stderr)
        return EXIT_NOT_RUN
    finally:
        if progress:
            progress.close()
    return _status(counts, args) if files else _no_files("export")


def _schema(args: argparse.Namespace) -> int:
    print(json.dumps(json_schema(args.edition), ensure_ascii=False, indent=2))
    return EXIT_CLEAN


def _convert(args: argparse.Namespace) -> int:
    if Path(args.input).suffix.lower() in PUBLISHED_SUFFIXES:
        print(
            f"error: convert converts reports kept as JSON or YAML; to keep the report read from {args.input}, "
            f"use gov-disclosure read {args.input} -o {args.output}",
            file=sys.stderr,
        )
        return EXIT_NOT_RUN
    try:
        target_format = format_of(args.output)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_NOT_RUN
    if _refused(_clash((("OUT", args.output),), [args.input])):
        return EXIT_NOT_RUN
    report = _load(args.input, _voice(args))
    if report is None:
        return EXIT_FINDINGS
    try:
        dump(report, Path(args.output), format=target_format)
    except OSError as exc:
        print(f"error: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
        return EXIT_NOT_RUN
    return EXIT_CLEAN


_RENDERED = (".docx", ".html", ".htm", ".xlsx")


def _render(args: argparse.Namespace) -> int:
    output = Path(args.output)
    if output.suffix.lower() not in _RENDERED:
        print(
            f"error: {output}: cannot tell what to render from {output.suffix or 'no extension'!r}; "
            "use .docx, .html or .xlsx",
            file=sys.stderr,
        )
        return EXIT_NOT_RUN
    if args.template and output.suffix.lower() != ".docx":
        print("error: --template is a Word template; it applies to .docx output only", file=sys.stderr)
        return EXIT_NOT_RUN
    if _refused(_clash((("-o", args.output),), [args.file, *filter(None, [args.template])])):
        return EXIT_NOT_RUN
    voice = _voice(args)
    report = _load(args.file, voice)
    if report is None:
        return EXIT_FINDINGS
    findings = validate(report)
    counts = _severities(findings)
    if findings:
        print(*voice.verdict(args.file, report, findings), sep="\n", file=sys.stderr)
    if counts[Severity.ERROR] and args.strict:
        zh = f"有 {counts[Severity.ERROR]} 个错误，未生成；--no-strict 可照样生成"
        en = "it has errors and was not rendered; --no-strict renders it anyway"
        print(f"{args.file}: {voice.say(zh, en)}", file=sys.stderr)
        return EXIT_FINDINGS
    try:
        if output.suffix.lower() == ".docx":
            report.to_docx(output, template=args.template, strict=False)
        elif output.suffix.lower() == ".xlsx":
            report.to_xlsx(output, strict=False)
        else:
            html = report.to_html(strict=False)
            with atomic_writer(output) as out:
                out.write(html.encode("utf-8"))
    except RenderError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_NOT_RUN
    except OSError as exc:
        print(f"error: cannot write {output}: {exc.strerror}", file=sys.stderr)
        return EXIT_NOT_RUN
    return _status(counts, args)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "check": _check,
    "read": _read,
    "schema": _schema,
    "convert": _convert,
    "render": _render,
    "audit": _audit,
    "export": _export,
}
"""Each command by its name."""
