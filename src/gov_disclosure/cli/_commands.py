"""The commands of ``gov-disclosure``: check, read, audit, export, schema, convert, render."""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import itertools
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TextIO

from .. import (
    KEPT_SUFFIXES,
    PUBLISHED_SUFFIXES,
    READ_TIMEOUT,
    REPORT_CLASSES,
    Finding,
    LoadError,
    ReadError,
    RenderError,
    Report,
    ReportInvalidError,
    Severity,
    __version__,
    atomic_writer,
    audit,
    dump,
    finding_data,
    format_of,
    json_schema,
    load,
    long_writer,
    read,
    read_files,
    report_files,
    to_dict,
    validate,
    wide_writer,
)
from ._tally import COLUMNS as AUDIT_COLUMNS
from ._tally import STATUSES, Tally, audited_data, audited_row

EXIT_CLEAN, EXIT_FINDINGS, EXIT_UNREADABLE, EXIT_INTERRUPTED = 0, 1, 2, 130
EXIT_CLOSED = 141
"""stdout was closed before everything was printed (``| head``): the status of a program stopped by SIGPIPE."""

_UNWRITABLE = "backslashreplace"
"""How stdout, stderr and the files written write what their encoding cannot: a byte of a file name that is not
UTF-8 (a surrogate escape, U+DC80–U+DCFF) as ``\\udcXX`` — in JSON, the escape of that very character."""


def _show(finding: Finding) -> str:
    line = f"（第{finding.line}行）" if finding.line is not None else ""
    return f"  [{finding.severity}] {finding.rule} {finding.path or '—'}{line}：{finding.message}"


def _load(name: str, out: TextIO) -> Report | None:
    """The report in file *name*, or ``None`` after printing why it cannot be read to *out*."""
    try:
        return load(name)
    except LoadError as exc:
        print(f"{name}: 不是有效的报告文件 / not a valid report file", *map(_show, exc.findings), sep="\n", file=out)
        return None


def _check(args: argparse.Namespace) -> int:
    status = EXIT_CLEAN
    for name in args.files:
        report = _load(name, sys.stdout)
        if report is None:
            status = EXIT_UNREADABLE
            continue
        if _print_findings(name, report, validate(report)) and status == EXIT_CLEAN:
            status = EXIT_FINDINGS
    return status


def _print_findings(name: str, report: Report | None, findings: Sequence[Finding]) -> bool:
    """Print a file's report, verdict and findings; whether any finding is an error."""
    errors = sum(f.severity is Severity.ERROR for f in findings)
    what = f"{report.full_title}（{report.edition}年版格式）" if report else "不是年度报告"
    verdict = "通过 / clean" if not findings else f"{errors} 个错误、{len(findings) - errors} 个提示"
    print(f"{name}: {what}— {verdict}", *map(_show, findings), sep="\n")
    return errors > 0


def _read(args: argparse.Namespace) -> int:
    status = EXIT_CLEAN
    for name in args.files:
        try:
            reading = read(name)
        except ReadError as exc:
            if args.json:
                print(
                    json.dumps({"source": name, "report": None, "error": str(exc), "findings": []}, ensure_ascii=False)
                )
            else:
                print(f"{name}: 无法读取 / unreadable\n  {exc}")
            status = EXIT_UNREADABLE
            continue
        if args.json:
            report = to_dict(reading.report) if reading.report else None
            findings = [finding_data(f) for f in reading.findings]
            print(json.dumps({"source": name, "report": report, "findings": findings}, ensure_ascii=False))
            errors = any(f.severity is Severity.ERROR for f in reading.findings)
        else:
            errors = _print_findings(name, reading.report, reading.findings)
        if errors and status == EXIT_CLEAN:
            status = EXIT_FINDINGS
    return status


class _Progress:
    """A progress bar on stderr, drawn at most ten times a second."""

    def __init__(self, total: int) -> None:
        self.total, self.done, self.start, self.drawn = total, 0, time.monotonic(), 0.0

    def step(self) -> None:
        self.done += 1
        now = time.monotonic()
        if now - self.drawn >= 0.1 or self.done == self.total:
            self.drawn = now
            share = self.done / self.total if self.total else 1.0
            bar = "#" * round(share * 30)
            rate = self.done / max(now - self.start, 1e-9)
            print(f"\r[{bar:<30}] {self.done}/{self.total} {rate:,.0f}/s", end="", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.drawn:
            print(file=sys.stderr)


@contextlib.contextmanager
def _outputs(*names: str | None) -> Iterator[list[IO[str] | None]]:
    """Each named output opened for writing, as text; they replace their files only if the whole run ends."""
    with contextlib.ExitStack() as stack:
        yield [
            stack.enter_context(atomic_writer(name, encoding="utf-8", errors=_UNWRITABLE, newline="")) if name else None
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
        return EXIT_UNREADABLE
    progress = _Progress(sum(1 for _ in report_files(args.paths))) if sys.stderr.isatty() else None
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
            return EXIT_UNREADABLE
        finally:
            if progress:
                progress.close()
        _print_tally(tally)
    if not tally.statuses:
        print("error: no report files under the paths (see gov-disclosure audit --help)", file=sys.stderr)
    if tally.statuses["unreadable"] or not tally.statuses:
        return EXIT_UNREADABLE
    return EXIT_FINDINGS if tally.statuses["errors"] else EXIT_CLEAN


def _print_tally(tally: Tally) -> None:
    counts = "，".join(f"{label} {tally.statuses[status]}" for status, label in STATUSES.items())
    print(f"{tally.statuses.total()} 个文件 / files：{counts}")
    if tally.rules:
        print("按规则 / by rule:")
        for (rule, severity), n in sorted(tally.rules.items()):
            print(f"  {rule:<28} {severity:<8} {n:>8}")
    if tally.statuses["unreadable"]:
        print("未能读出报告的文件 / files without a report:")
        for source, why in tally.unreadable():
            print(f"  {source}: {why}")


def _export(args: argparse.Namespace) -> int:
    if not (args.long or args.wide):
        print("error: export needs --long OUT.csv, --wide OUT.csv or both", file=sys.stderr)
        return EXIT_UNREADABLE
    if _refused(_clash((("--long", args.long), ("--wide", args.wide)), report_files(args.paths))):
        return EXIT_UNREADABLE
    status = EXIT_CLEAN
    try:
        with _outputs(args.long, args.wide) as (long, wide):
            writers = [writer(out) for writer, out in ((long_writer, long), (wide_writer, wide)) if out]
            for reading in read_files(args.paths, jobs=args.jobs, timeout=args.timeout):
                if reading.report is None:
                    print(
                        f"{reading.source}: 未能读出报告，未导出 / no report, not exported",
                        *map(_show, reading.findings),
                        sep="\n",
                        file=sys.stderr,
                    )
                    status = EXIT_UNREADABLE
                for write in writers:
                    write(reading)
    except OSError as exc:
        print(f"error: cannot write {exc.filename}: {exc.strerror}", file=sys.stderr)
        return EXIT_UNREADABLE
    return status


def _schema(args: argparse.Namespace) -> int:
    print(json.dumps(json_schema(args.edition), ensure_ascii=False, indent=2))
    return EXIT_CLEAN


def _convert(args: argparse.Namespace) -> int:
    try:
        target_format = format_of(args.output)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    if _refused(_clash((("OUT", args.output),), [args.input])):
        return EXIT_UNREADABLE
    report = _load(args.input, sys.stderr)
    if report is None:
        return EXIT_UNREADABLE
    try:
        dump(report, Path(args.output), format=target_format)
    except OSError as exc:
        print(f"error: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
        return EXIT_UNREADABLE
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
        return EXIT_UNREADABLE
    if args.template and output.suffix.lower() != ".docx":
        print("error: --template is a Word template; it applies to .docx output only", file=sys.stderr)
        return EXIT_UNREADABLE
    if _refused(_clash((("-o", args.output),), [args.file, *filter(None, [args.template])])):
        return EXIT_UNREADABLE
    report = _load(args.file, sys.stderr)
    if report is None:
        return EXIT_UNREADABLE
    try:
        if output.suffix.lower() == ".docx":
            report.to_docx(output, template=args.template, strict=args.strict)
        elif output.suffix.lower() == ".xlsx":
            report.to_xlsx(output, strict=args.strict)
        else:
            html = report.to_html(strict=args.strict)
            with atomic_writer(output) as out:
                out.write(html.encode("utf-8"))
    except ReportInvalidError as exc:
        errors = [f for f in exc.findings if f.severity is Severity.ERROR]
        print(
            f"{args.file}: 报告有 {len(errors)} 个错误，未生成；--no-strict 可照样生成 / "
            "the report has errors and was not rendered; --no-strict renders it anyway",
            *map(_show, exc.findings),
            sep="\n",
            file=sys.stderr,
        )
        return EXIT_FINDINGS
    except RenderError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    except OSError as exc:
        print(f"error: cannot write {output}: {exc.strerror}", file=sys.stderr)
        return EXIT_UNREADABLE
    return EXIT_CLEAN


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gov-disclosure",
        description="政府信息公开工作年度报告: check, read, audit, export, convert, render and describe "
        "reports in the gov_disclosure format.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "check",
        help="validate report files (.json/.yaml) against the accounting rules",
        description="Print each file's findings with their wire paths. "
        "Exit 0 when clean, 1 when a file has an error finding, 2 when a file cannot be read.",
    )
    check.add_argument("files", nargs="+", metavar="FILE", help="a report in .json, .yaml or .yml")
    check.set_defaults(run=_check)

    reading = commands.add_parser(
        "read",
        help="read published reports (page text, HTML, Word) and report their findings",
        description="Read published reports into the model and print each file's findings: stated totals that "
        "disagree, missing rows, blank cells taken as 0, unknown labels. Exit 0 when no file has an error "
        "finding, 1 when one has, 2 when a file cannot be read.",
    )
    reading.add_argument("files", nargs="+", metavar="FILE", help="a report: .txt, .md, .html, .htm or .docx")
    reading.add_argument(
        "--json", action="store_true", help="one JSON object per file: source, report (wire format) and findings"
    )
    reading.set_defaults(run=_read)

    schema = commands.add_parser(
        "schema", help="print the JSON Schema of an edition", description="Print the JSON Schema of the wire format."
    )
    schema.add_argument("--edition", required=True, choices=sorted(REPORT_CLASSES), help="the edition of the format")
    schema.set_defaults(run=_schema)

    convert = commands.add_parser(
        "convert",
        help="convert a report between JSON and YAML",
        description="Convert a report between JSON and YAML; the formats follow the file extensions.",
    )
    convert.add_argument("input", metavar="IN", help="the report to read (.json, .yaml or .yml)")
    convert.add_argument("output", metavar="OUT", help="the file to write (.json, .yaml or .yml)")
    convert.set_defaults(run=_convert)

    render = commands.add_parser(
        "render",
        help="render a report as a Word document, an HTML page or an Excel workbook",
        description="Render a report in the official layout: .docx (Word), .html or .xlsx (Excel, the xlsx "
        "extra), by the extension of OUT. "
        "A report with error findings is refused (exit 1) unless --no-strict is given.",
    )
    render.add_argument("file", metavar="FILE", help="the report to render (.json, .yaml or .yml)")
    render.add_argument("-o", "--output", required=True, metavar="OUT", help="the file to write: .docx, .html or .xlsx")
    render.add_argument("--template", metavar="T.docx", help="an agency's own Word template instead of the default")
    render.add_argument(
        "--no-strict", dest="strict", action="store_false", help="render a report even if it has error findings"
    )
    render.set_defaults(run=_render)

    auditing = commands.add_parser(
        "audit",
        help="read and check every report under the paths, and each body's years against each other",
        description=f"Audit every report under the paths — published ones ({', '.join(PUBLISHED_SUFFIXES)}) read, kept "
        f"ones ({', '.join(KEPT_SUFFIXES)}) loaded — and compare the years of each body. Prints a summary; "
        "--json and --csv write what was found in each file, in a fixed order. A progress bar shows on a "
        "terminal. Exit 0 when no file has an error finding, 1 when one has, 2 when a file gives no report.",
    )
    auditing.add_argument("paths", nargs="+", metavar="PATH", help="a report file, or a folder to search")
    _reading(auditing)
    auditing.add_argument("--json", metavar="OUT.jsonl", help="write one JSON object per file: its status and findings")
    auditing.add_argument("--csv", metavar="OUT.csv", help="write one row per file: its status and finding counts")
    auditing.set_defaults(run=_audit)

    export = commands.add_parser(
        "export",
        help="write every figure of the reports under the paths as CSV, for analysis",
        description="Read every report under the paths (as audit does) and write its figures: --long, one row "
        "per figure; --wide, one row per report. Exit 2 when a file gives no report (it is listed on stderr).",
    )
    export.add_argument("paths", nargs="+", metavar="PATH", help="a report file, or a folder to search")
    _reading(export)
    export.add_argument("--long", metavar="OUT.csv", help="one row per figure: path, statutory label, value, flags")
    export.add_argument("--wide", metavar="OUT.csv", help="one row per report, one column per figure")
    export.set_defaults(run=_export)
    return parser


def _reading(command: argparse.ArgumentParser) -> None:
    """The options of a command that reads many files: how many processes, and how long a file may take."""
    command.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        default=1,
        metavar="N",
        help="read files with N processes at most (default 1), and no more than the CPUs or the files",
    )
    command.add_argument(
        "--timeout",
        type=_timeout,
        default=READ_TIMEOUT,
        metavar="SECONDS",
        help=f"give up a file not read within SECONDS, as unreadable (default {READ_TIMEOUT:g}; 0: no limit)",
    )


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return int(text)


def _timeout(text: str) -> float | None:
    """``--timeout``: seconds, ``None`` for 0 (no limit)."""
    try:
        timeout = float(text) or None
        read_files((), timeout=timeout)  # refused as the library refuses it
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected seconds, or 0 for no limit, got {text!r} ({exc})") from None
    return timeout


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors=_UNWRITABLE)
    try:
        args = _parser().parse_args(argv)
        status: int = args.run(args)
        sys.stdout.flush()  # a reader gone from stdout shows here, not as Python exits
    except KeyboardInterrupt:  # no output file is left half-written: each replaces its file only at the end
        print("\ninterrupted; nothing was written", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # stdout's reader is gone (`| head`): stop quietly, as the Python documentation advises
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # what is left to print goes nowhere
        return EXIT_CLOSED
    return status
