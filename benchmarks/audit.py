"""Benchmark: auditing a country's worth of published reports, at N = 1,000 and N = 10,000 files.

    python benchmarks/audit.py [--files 1000 10000] [--jobs 1 2] [--keep DIR]

(``--files 100000 --jobs 2`` is a national year: about 2 minutes of auditing, after some minutes of writing.)

A seeded generator writes N reports, half as HTML pages and half as page text, the way they are published: the
HTML without the metadata this library's own pages carry, so every table is read from its cells. Most bodies
publish three consecutive years (2021–2023), carrying over what they carried forward; some publish one; some
spell their name two ways; some carry over one application too many. Then ``gov-disclosure audit`` runs over
them with ``--jobs 1`` and ``--jobs 2``, each in a fresh process, and must find exactly the broken carry-overs.

Targets: ≥ 150 reports/s per core; ``--jobs 2`` at least 1.7× as fast as ``--jobs 1`` (on 2 cores); peak memory
(of the main process and of a worker) the same at N = 1,000 and N = 10,000.
"""

from __future__ import annotations

import argparse
import collections
import csv
import itertools
import random
import re
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from gov_disclosure import APPLICANT_COLUMNS, Outcomes2021, Report2021, from_dict
from gov_disclosure.render import context
from gov_disclosure.wire import META

YEARS = (2021, 2022, 2023)
COLUMNS = APPLICANT_COLUMNS[:-1]
OUTCOME_ROWS = [path for path, _ in Outcomes2021().rows()]
FILLER = "本机关坚持以公开为常态、不公开为例外，围绕中心工作推进决策、执行、管理、服务、结果公开，" * 4

RUN = """
import resource, sys
from gov_disclosure.cli import main
status = main(["audit", sys.argv[1], "--jobs", sys.argv[2], "--csv", sys.argv[3]])
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(status)
"""
"""Audits a folder from the command line's own entry point and prints the peak memory (KiB) of the process
and of its largest worker."""


def _counts(rng: random.Random, often: float) -> dict[str, int]:
    return {
        c: rng.choice((1, 2, 3, 5, 8, 13, 40)) if rng.random() < often / (1 + i) else 0 for i, c in enumerate(COLUMNS)
    }


def _put(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for name in parents:
        data = data.setdefault(name, {})
    data[last] = value


def generate(rng: random.Random, agency: str, year: int, before: Report2021 | None, *, shift: bool) -> Report2021:
    """A balanced report of *agency* for *year* continuing *before* (carry-over, documents in force); with
    *shift*, carrying over one application more than *before* carried forward."""
    outcomes: dict[str, Any] = {}
    for path in OUTCOME_ROWS:
        _put(outcomes, path, _counts(rng, 0.3 if path == "granted" else 0.05))
    over = {c: getattr(before.applications.carried_forward, c) for c in COLUMNS} if before else _counts(rng, 0.2)
    over[COLUMNS[0]] += shift
    forward = _counts(rng, 0.2)
    done = {c: sum(_dig(outcomes, p)[c] for p in OUTCOME_ROWS) for c in COLUMNS}
    received = {c: max(done[c] + forward[c] - over[c], 0) for c in COLUMNS}
    forward = {c: received[c] + over[c] - done[c] for c in COLUMNS}
    proactive: dict[str, Any] = {}
    for name in ("regulations", "normative_documents"):
        last = getattr(before.proactive, name).in_force if before else rng.randrange(0, 300)
        issued = rng.randrange(0, 30)
        repealed = rng.randrange(0, min(last + issued, 10) + 1)
        proactive[name] = {"issued": issued, "repealed": repealed, "in_force": last + issued - repealed}
    for name in ("licensing", "penalties", "coercive_measures"):
        proactive[name] = {"decisions": rng.randrange(0, 5000)}
    proactive["administrative_fees"] = {"amount_10k_yuan": str(Decimal(rng.randrange(0, 10**6)) / 100)}
    appeals = {
        group: {result: rng.choice((0, 0, 0, 1, 2)) for result in ("upheld", "corrected", "other", "pending")}
        for group in ("administrative_review", "litigation_direct", "litigation_after_review")
    }
    text = [{"paragraph": FILLER}] * 3
    return from_dict(
        {
            "schema_version": 1,
            "edition": "2021",
            "agency": agency,
            "year": year,
            "overview": text,
            "proactive": proactive,
            "applications": {
                "received": received,
                "carried_over": over,
                "outcomes": outcomes,
                "carried_forward": forward,
            },
            "appeals": appeals,
            "problems_and_improvements": text,
        }
    )  # type: ignore[return-value]


def _dig(data: dict[str, Any], path: str) -> dict[str, int]:
    for name in path.split("."):
        data = data[name]
    return data


def page_text(report: Report2021) -> str:
    """The report as page text, one table cell per line (as crawled pages often are)."""
    found = context(report)
    lines = [report.full_title]
    for section in found["sections"]:
        lines.append(section["heading"])
        lines.extend(block["text"] for block in section["narrative"])
        if section["table"] is not None:
            lines.extend(cell.text for row in section["table"].rows for cell in row)
    return "\n".join(lines)


_OWN_META = re.compile(rf'<meta name="{META}"[^>]*>\n?')


PLACES = "安宝昌城川春德东丰福海和华吉嘉建金京锦靖康乐临龙隆宁平浦齐庆泉仁荣瑞山寿顺泰天通万文西仙祥新兴阳永玉元云"


def _place(body: int) -> str:
    """A county's name of its own, e.g. 安宝."""
    return "".join(PLACES[body // len(PLACES) ** k % len(PLACES)] for k in range(3))


def write_reports(folder: Path, n: int, seed: int = 2026) -> int:
    """*n* reports, alternately as HTML pages and as page text, of bodies that publish three years (two in
    three bodies) or one; one body in five writes its name with the province in its first year, and one in
    seven carries over one application too many in its last year. Returns how many files should have
    ``X-CARRYOVER``."""
    rng = random.Random(seed)
    written = broken = 0
    for body in itertools.count():
        years = YEARS if body % 3 != 2 else YEARS[-1:]
        before = None
        for year in years[: n - written]:
            agency = ("某省某市" if body % 5 == 1 and year == YEARS[0] else "某市") + f"{_place(body)}县人民政府"
            shift = body % 7 == 3 and before is not None and year == years[-1]
            report = generate(rng, agency, year, before, shift=shift)
            broken += shift
            name = folder / f"{body // 1000:03d}" / f"{body:06d}-{year}"
            name.parent.mkdir(exist_ok=True)
            if body % 2:
                name.with_suffix(".html").write_text(_OWN_META.sub("", report.to_html()), "utf-8")
            else:
                name.with_suffix(".txt").write_text(page_text(report), "utf-8")
            before = report
            written += 1
        if written == n:
            return broken
    raise AssertionError("unreachable")


def audit(folder: Path, jobs: int, broken: int) -> tuple[float, int, int]:
    """Seconds to audit *folder* with *jobs* processes; peak memory (KiB) of the main process and a worker.
    Checks that the audit found what was generated: *broken* files with ``X-CARRYOVER``, the rest clean."""
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", RUN, str(folder), str(jobs), str(Path(out, "audit.csv"))],
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - start
        with Path(out, "audit.csv").open(encoding="utf-8", newline="") as table:
            found = collections.Counter((row["status"], row["rules"]) for row in csv.DictReader(table))
    expected = collections.Counter({("clean", ""): sum(found.values()) - broken, ("warnings", "X-CARRYOVER"): broken})
    if done.returncode > 1 or +found != +expected:
        raise SystemExit(f"the audit did not find what was generated: {dict(found)}\n{done.stdout}{done.stderr}")
    main, worker = map(int, done.stdout.split()[-2:])
    return seconds, main, worker


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, nargs="+", default=[1000, 10000], help="how many reports, per run")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="the --jobs of each audit")
    parser.add_argument("--keep", type=Path, help="write the generated reports here and keep them")
    args = parser.parse_args()
    print(
        f"{'files':>7} {'jobs':>4} {'seconds':>8} {'reports/s':>10} {'per core':>9} {'speedup':>8} "
        f"{'peak MiB main':>14} {'peak MiB worker':>16}"
    )
    for n in args.files:
        with tempfile.TemporaryDirectory() as tmp:
            folder = args.keep / str(n) if args.keep else Path(tmp)
            folder.mkdir(parents=True, exist_ok=True)
            broken = write_reports(folder, n)
            alone = None
            for jobs in args.jobs:
                seconds, main_kib, worker_kib = audit(folder, jobs, broken)
                alone = seconds if jobs == 1 else alone
                speedup = f"{alone / seconds:>7.2f}x" if alone and jobs > 1 else ""
                print(
                    f"{n:>7,} {jobs:>4} {seconds:>8.1f} {n / seconds:>10,.0f} {n / seconds / jobs:>9,.0f} "
                    f"{speedup:>8} {main_kib / 1024:>14.1f} {worker_kib / 1024 if jobs > 1 else 0:>16.1f}"
                )


if __name__ == "__main__":
    main()
