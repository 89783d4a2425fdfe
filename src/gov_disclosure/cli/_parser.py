"""The options of ``gov-disclosure``, its commands' and their exit statuses: known without loading what the
commands use, so that ``--help`` and ``--version`` answer at once."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from .. import KEPT_SUFFIXES, PUBLISHED_SUFFIXES, READ_TIMEOUT, __version__
from .._lazy import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any

EXIT_CLEAN, EXIT_FINDINGS, EXIT_NOT_RUN, EXIT_INTERRUPTED = 0, 1, 2, 130
EXIT_CLOSED = 141
"""stdout was closed before everything was printed (``| head``): the status of a program stopped by SIGPIPE."""

UNWRITABLE = "backslashreplace"
"""How stdout, stderr and the files written write what their encoding cannot: a byte of a file name that is not
UTF-8 (a surrogate escape, U+DC80–U+DCFF) as ``\\udcXX`` — in JSON, the escape of that very character."""

_FORMATS = f"kept ({', '.join(KEPT_SUFFIXES)}) or published ({', '.join(PUBLISHED_SUFFIXES)})"
"""The files of reports the commands read."""

_EXITS = (
    "exit status: 0 no error finding; 1 an error finding (a warning too, with --fail-on warning) — a file that "
    "is not a report, cannot be read or is not a valid one is an error finding; 2 the command could not run: "
    "a usage error, no files, an output that cannot be written or would overwrite an input."
)


class _Command(argparse.ArgumentParser):
    """A command's parser, given its options only when the command is run or its help printed: the top-level
    ``--help`` and ``--version`` build no command's."""

    def __init__(self, *args: Any, options: Callable[[argparse.ArgumentParser], None], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._options: Callable[[argparse.ArgumentParser], None] | None = options

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:
        options, self._options = self._options, None
        if options:
            options(self)
        return super().parse_known_args(*args, **kwargs)


def parser() -> argparse.ArgumentParser:
    """The command line's parser: its options, and each command's."""
    top = argparse.ArgumentParser(
        prog="gov-disclosure",
        description="政府信息公开工作年度报告: check, read, audit, export, convert, render and describe "
        f"reports: {_FORMATS} — page text, Markdown, HTML, Word and PDF.",
        epilog=_EXITS,
    )
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Command)
    commands.add_parser(
        "check",
        help="check reports, kept or published, and print each file's verdict and findings",
        description=f"Read each file — {_FORMATS} — and each folder's (searched as audit does), check it against "
        "the accounting rules, and print its verdict and findings: the reader's and the rules', the same as "
        "read and audit give for the file.",
        epilog=_EXITS,
        options=_check_options,
    )
    commands.add_parser(
        "read",
        help="read reports (page text, HTML, Word, PDF, JSON, YAML) and print their findings, or keep one",
        description=f"Read reports into the model — {_FORMATS} — and print each file's verdict and findings, as "
        "check does: stated totals that disagree, missing rows, blank cells taken as 0, unknown labels, and "
        "the rules' findings. With -o OUT.yaml|OUT.json, write the report read from one file; a reading with "
        "an error finding is not written (its stated totals would be lost) unless --no-strict is given.",
        epilog=_EXITS,
        options=_read_options,
    )
    commands.add_parser(
        "schema",
        help="print the JSON Schema of an edition",
        description="Print the JSON Schema of the wire format.",
        epilog="exit status: 0 printed; 2 a usage error.",
        options=_schema_options,
    )
    commands.add_parser(
        "convert",
        help="convert a report between JSON and YAML",
        description="Convert a report between JSON and YAML; the formats follow the file extensions. A "
        "published report (a page, HTML, Word, PDF) is kept with read FILE -o OUT.",
        epilog=_EXITS,
        options=_convert_options,
    )
    commands.add_parser(
        "render",
        help="render a report as a Word document, an HTML page or an Excel workbook",
        description="Render a report in the official layout: .docx (Word), .html or .xlsx (Excel, the xlsx "
        "extra), by the extension of OUT; its findings are printed on stderr. A report with an error finding "
        "is not rendered unless --no-strict is given. A Word template without fields ({{ … }} tags) is refused.",
        epilog=_EXITS,
        options=_render_options,
    )
    commands.add_parser(
        "audit",
        help="read and check every report under the paths, and each body's years against each other",
        description=f"Audit every report under the paths — {_FORMATS} — and compare the years of each body. "
        "Prints a summary: files by status, findings by severity and by rule, the files with errors and those "
        "without a report; --json and --csv write what was found in each file, in a fixed order.",
        epilog=_EXITS,
        options=_audit_options,
    )
    commands.add_parser(
        "export",
        help="write every figure of the reports under the paths as CSV, for analysis",
        description=f"Read every report under the paths — {_FORMATS} — as audit does, and write its figures: "
        "--long, one row "
        "per figure; --wide, one row per report. A file that gives no report is listed on stderr.",
        epilog=_EXITS,
        options=_export_options,
    )
    return top


def _check_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("paths", nargs="+", metavar="PATH", help="a report file, or a folder to search")
    _speaking(command)
    _reading(command)


def _read_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("paths", nargs="+", metavar="PATH", help="a report file, or a folder to search")
    command.add_argument(
        "--json", action="store_true", help="one JSON object per file: source, report (wire format) and findings"
    )
    command.add_argument("-o", "--output", metavar="OUT", help="write the report read to OUT (.json, .yaml or .yml)")
    _strictness(command, "write")
    _speaking(command)
    _reading(command)


def _schema_options(command: argparse.ArgumentParser) -> None:
    from .. import REPORT_CLASSES

    command.add_argument("--edition", required=True, choices=sorted(REPORT_CLASSES), help="the edition of the format")


def _convert_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("input", metavar="IN", help="the report to read (.json, .yaml or .yml)")
    command.add_argument("output", metavar="OUT", help="the file to write (.json, .yaml or .yml)")
    _speaking(command, severity=False, fail_on=False)


def _render_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("file", metavar="FILE", help="the report to render (.json, .yaml or .yml)")
    command.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="the file to write: .docx, .html or .xlsx"
    )
    command.add_argument("--template", metavar="T.docx", help="an agency's own Word template instead of the default")
    _strictness(command, "render")
    _speaking(command)


def _audit_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("paths", nargs="+", metavar="PATH", help="a report file, or a folder to search")
    command.add_argument("--json", metavar="OUT.jsonl", help="write one JSON object per file: its status and findings")
    command.add_argument("--csv", metavar="OUT.csv", help="write one row per file: its status and finding counts")
    _speaking(command)
    _reading(command)


def _export_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("paths", nargs="+", metavar="PATH", help="a report file, or a folder to search")
    command.add_argument("--long", metavar="OUT.csv", help="one row per figure: path, statutory label, value, flags")
    command.add_argument("--wide", metavar="OUT.csv", help="one row per report, one column per figure")
    _speaking(command, severity=False)
    _reading(command)


def _strictness(command: argparse.ArgumentParser, verb: str) -> None:
    command.add_argument(
        "--no-strict",
        dest="strict",
        action="store_false",
        help=f"{verb} it even if it has error findings (the exit status is still 1)",
    )


def _speaking(command: argparse.ArgumentParser, *, severity: bool = True, fail_on: bool = True) -> None:
    """The options of a command that prints findings: their language, which are printed, which fail it."""
    from ._voice import LANGS, SEVERITIES

    command.add_argument(
        "--lang",
        choices=LANGS,
        default="zh",
        help="print messages in Chinese (zh, the default), English (en), or both (the Chinese first)",
    )
    if severity:
        command.add_argument(
            "--severity",
            choices=[str(s) for s in SEVERITIES],
            default="info",
            help="print only the findings of this severity or worse (default info: all); the counts count all",
        )
    if fail_on:
        command.add_argument(
            "--fail-on",
            choices=["error", "warning"],
            default="error",
            help="exit 1 on a finding of this severity or worse (default error)",
        )
    command.set_defaults(**({} if severity else {"severity": "info"}), **({} if fail_on else {"fail_on": "error"}))


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
    from .. import read_files  # here, not above: --help and --version load no reader

    try:
        timeout = float(text) or None
        read_files((), timeout=timeout)  # refused as the library refuses it
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected seconds, or 0 for no limit, got {text!r} ({exc})") from None
    return timeout
