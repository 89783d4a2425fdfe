"""Benchmarks: each figure beside its anchor, measured in the same run, as a ratio, with its goal.

    python benchmarks/run.py [--quick]

Every figure is a ratio to an anchor timed in the same process, interleaved with it round by round and taken
as the best of the rounds (the run least disturbed by the rest of the machine), so the table means the same on
a fast machine and a slow one. The report is the Hongze 2024 example; the PDFs are the corpus's text PDFs.
A row fails when its ratio misses the goal; the command exits 1 when any row does. Needs the test extra
(pdfplumber is the PDF anchor).
"""

from __future__ import annotations

import argparse
import functools
import io
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from gov_disclosure import Reading, Report, dumps, load, loads, read, to_dict, validate

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "hongze-2024.yaml"
CORPUS = ROOT / "tests" / "corpus"
COMPACT: dict[str, Any] = {"ensure_ascii": False, "separators": (",", ":")}
"""How :func:`gov_disclosure.dumps` writes JSON, given to the stdlib's anchor."""


@attrs.frozen
class Row:
    """One line of the table: *figure* (seconds per call) beside *anchor*, and the most *figure* may take as a
    multiple of *anchor* (a rate's goal has no anchor: at least *goal* per second)."""

    what: str
    figure: float
    anchor_name: str
    anchor: float | None
    goal: float

    @property
    def ratio(self) -> float:
        return self.figure / self.anchor if self.anchor else 1 / self.figure

    @property
    def met(self) -> bool:
        return self.ratio <= self.goal if self.anchor else self.ratio >= self.goal

    def __str__(self) -> str:
        mark = "ok  " if self.met else "MISS"
        if self.anchor is None:
            return (
                f"{mark} {self.what:<44} {_ms(self.figure):>10}   {'':<52} {self.ratio:>7,.0f}/s  ≥ {self.goal:,.0f}/s"
            )
        return (
            f"{mark} {self.what:<44} {_ms(self.figure):>10}   {self.anchor_name:<40} {_ms(self.anchor):>10}"
            f" {self.ratio:>7.2f}×  ≤ {self.goal:g}×"
        )


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.3f} ms" if seconds < 0.01 else f"{seconds * 1000:,.1f} ms"


def paired(figure: Callable[[], object], anchor: Callable[[], object], rounds: int) -> tuple[float, float]:
    """Seconds per call of *figure* and of *anchor*, timed in alternating rounds of about 0.1 s each; the best
    round of each."""
    best = timed([figure, anchor], rounds)
    return best[0], best[1]


def timed(jobs: Sequence[Callable[[], object]], rounds: int) -> list[float]:
    """Seconds per call of each of *jobs*, timed one after the other in *rounds* rounds of about 0.1 s each; the
    best round of each."""
    counts = [_calls_in(job, 0.1) for job in jobs]
    best = [float("inf")] * len(jobs)
    for _ in range(rounds):
        for k, job in enumerate(jobs):
            start = time.perf_counter()
            for _ in range(counts[k]):
                job()
            best[k] = min(best[k], (time.perf_counter() - start) / counts[k])
    return best


def _calls_in(job: Callable[[], object], seconds: float) -> int:
    """How many calls of *job* take about *seconds* (at least one), after a first call that warms it up."""
    job()
    start = time.perf_counter()
    job()
    once = max(time.perf_counter() - start, 1e-7)
    return max(1, int(seconds / once))


def command(*arguments: str) -> Callable[[], object]:
    """A run of Python with *arguments*, in a fresh process that may write the modules' bytecode (the first run
    does, as installing a package does; ``PYTHONDONTWRITEBYTECODE`` would have every run compile them anew)."""
    line = [sys.executable, *arguments]
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    return lambda: subprocess.run(line, check=True, stdout=subprocess.DEVNULL, env=environment)


def rows(report: Report, rounds: int) -> Iterator[Row]:
    """The table, a row at a time (each printed as soon as it is measured)."""
    import docx
    import pdfplumber
    from docxtpl import DocxTemplate

    from gov_disclosure.render import context, default_template
    from gov_disclosure.render._docx import _environment, _markup
    from gov_disclosure.render._html import _environment as html_environment
    from gov_disclosure.render._xml import writable

    template = default_template(report.edition)
    values = _markup(context(report))

    def python_docx() -> bytes:
        out = io.BytesIO()
        docx.Document(io.BytesIO(template)).save(out)
        return out.getvalue()

    def docxtpl() -> bytes:
        document = DocxTemplate(io.BytesIO(template))
        document.render(values, _environment())
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()

    to_docx, opened = paired(report.to_docx, python_docx, rounds)
    yield Row("to_docx", to_docx, "python-docx opens and saves the template", opened, 1.0)
    to_docx, bare = paired(report.to_docx, docxtpl, rounds)
    yield Row("to_docx", to_docx, "a bare docxtpl render, same context", bare, 0.15)

    pdfs = [path.read_bytes() for path in sorted(CORPUS.glob("*.pdf"))]

    def tables() -> None:
        for data in pdfs:
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                for page in pdf.pages:
                    page.extract_tables()
                    page.close()

    ours, theirs = paired(lambda: [read(data, format="pdf") for data in pdfs], tables, max(3, rounds // 3))
    yield Row(f"read {len(pdfs)} text PDFs", ours, "pdfplumber's extract_tables, every page", theirs, 0.25)

    nothing = command("-c", "pass")
    for flag in ("--version", "--help"):
        started, bare_start = paired(command("-m", "gov_disclosure", flag), nothing, max(3, rounds // 2))
        yield Row(f"gov-disclosure {flag}", started, "python -c pass", bare_start, 3.0)

    data = to_dict(report)
    assert json.dumps(data, **COMPACT) == dumps(report)
    ours, theirs = paired(lambda: loads(dumps(report)), lambda: json.loads(json.dumps(data, **COMPACT)), rounds)
    yield Row("JSON round trip (dumps + loads)", ours, "stdlib json.dumps + json.loads, same dict", theirs, 2.0)

    ours, theirs = paired(lambda: validate(report), lambda: to_dict(report), rounds)
    yield Row("validate()", ours, "one walk of the model (to_dict)", theirs, 0.15)

    page = html_environment().get_template("report.html.j2")
    prepared = writable(context(report), "an HTML page")
    ours, theirs = paired(report.to_html, lambda: page.render(prepared), rounds)
    yield Row("to_html", ours, "its template, the context precomputed", theirs, 1.2)

    for name, pattern, reader, goal in (
        ("HTML", "*.html", functools.partial(read, format="html"), 800),
        ("page text", "*.txt", functools.partial(read, format="text"), 800),
    ):
        files = [path.read_bytes() for path in sorted(CORPUS.glob(pattern))]
        (every,) = timed([functools.partial(_read_all, files, reader)], rounds)
        yield Row(f"read {name} ({len(files)} corpus files)", every / len(files), "", None, goal)


def _read_all(files: Sequence[bytes], reader: Callable[[bytes], Reading]) -> list[Reading]:
    return [reader(data) for data in files]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 rounds instead of 15 (noisier)")
    arguments = parser.parse_args(argv)
    report = load(EXAMPLE)
    assert loads(dumps(report)) == report
    assert validate(report) == []
    print(f"     {'figure':<44} {'time':>10}   {'anchor':<40} {'time':>10} {'ratio':>8}  goal")
    missed = 0
    for row in rows(report, 3 if arguments.quick else 15):
        print(row, flush=True)
        missed += not row.met
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
