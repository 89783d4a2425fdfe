"""Benchmarks: reports per second on the Enping example, one core.

    python benchmarks/run.py

Targets (format issue #2): validate ≥ 20,000 reports/s; JSON round trip (dumps + loads) ≥ 4,000 reports/s.
"""

from __future__ import annotations

import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from gov_disclosure import dumps, load, loads, validate

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "enping-2019.yaml"


def constructor(obj: Any) -> Callable[[], Any]:
    """A function building a fresh copy of *obj* through the model's constructors (and so its validators),
    as a script that fills in a report does."""
    if not attrs.has(type(obj)):
        return lambda: obj
    cls = type(obj)
    fields = [(a.name, constructor(getattr(obj, a.name))) for a in attrs.fields(cls)]
    return lambda: cls(**{name: build() for name, build in fields})


def rate(job: Callable[[], object]) -> float:
    """Calls per second, the best of seven timed runs."""
    timer = timeit.Timer(job)
    number, _ = timer.autorange()
    return number / min(timer.repeat(repeat=7, number=number))


def main() -> None:
    report = load(EXAMPLE)
    text = dumps(report)
    build = constructor(report)
    assert loads(text) == report
    assert build() == report
    assert validate(report) == []
    jobs: dict[str, Callable[[], object]] = {
        "validate": lambda: validate(report),
        "construct + validate": lambda: validate(build()),
        "dumps (JSON)": lambda: dumps(report),
        "loads (JSON)": lambda: loads(text),
        "JSON round trip (dumps + loads)": lambda: loads(dumps(report)),
    }
    print(f"{'benchmark (Enping 2019 example)':<34} {'reports/s':>12}")
    for name, job in jobs.items():
        print(f"{name:<34} {rate(job):>12,.0f}")


if __name__ == "__main__":
    main()
