"""Benchmarks: reports per second on the Enping example, one core.

    python benchmarks/run.py

Targets: validate ≥ 20,000 reports/s; JSON round trip (dumps + loads) ≥ 4,000 reports/s; to_docx at most 1.3×
the time of a bare docxtpl render of the same template and context; to_html ≥ 500 reports/s; reading text ≥ 800
reports/s, HTML ≥ 350, Word ≥ 70, PDF within 1.5× of pdfplumber's own table extraction. Needs the pdf extra.
"""

from __future__ import annotations

import io
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import jinja2
import pdfplumber
from docxtpl import DocxTemplate

from gov_disclosure import Report, dumps, load, loads, read, validate
from gov_disclosure.render import context, default_template
from gov_disclosure.render._docx import _markup

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "enping-2019.yaml"
CORPUS = ROOT / "tests" / "corpus"


def constructor(obj: Any) -> Callable[[], Any]:
    """A function building a fresh copy of *obj* through the model's constructors (and so its validators),
    as a script that fills in a report does."""
    if not attrs.has(type(obj)):
        return lambda: obj
    cls = type(obj)
    fields = [(a.name, constructor(getattr(obj, a.name))) for a in attrs.fields(cls)]
    return lambda: cls(**{name: build() for name, build in fields})


def rate(job: Callable[[], object]) -> float:
    """Calls per second, the best of fifteen timed runs (the least disturbed by the rest of the machine)."""
    timer = timeit.Timer(job)
    number, _ = timer.autorange()
    return number / min(timer.repeat(repeat=15, number=number))


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
    rendering(report)
    reading()


def rendering(report: Report) -> None:
    """to_docx against a bare docxtpl render of the same template with the same context, computed beforehand."""
    template = default_template(report.edition)
    values = _markup(context(report))
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)

    def bare() -> bytes:
        document = DocxTemplate(io.BytesIO(template))
        document.render(values, environment)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()

    ours, theirs = rate(report.to_docx), rate(bare)
    print(f"{'to_docx':<34} {ours:>12,.0f}")
    print(f"{'bare docxtpl render, same template':<34} {theirs:>12,.0f}   to_docx takes {theirs / ours:.2f}x as long")
    print(f"{'to_html':<34} {rate(report.to_html):>12,.0f}")


def reading() -> None:
    """Reports read per second, per format, over the published reports of the corpus (Word: the rendered
    examples); PDF next to pdfplumber's own table extraction of the same files."""
    corpus = {
        "text": sorted(CORPUS.glob("*.txt")),
        "HTML": sorted(CORPUS.glob("*.html")),
        "PDF": sorted(CORPUS.glob("*.pdf")),
    }
    inputs = {name: [path.read_bytes() for path in paths] for name, paths in corpus.items()}
    inputs["Word"] = [load(path).to_docx() for path in sorted((ROOT / "examples").glob("*.yaml"))]
    formats = {"text": "text", "HTML": "html", "Word": "docx", "PDF": "pdf"}
    for name, files in inputs.items():
        per_file = rate(lambda files=files, f=formats[name]: [read(data, format=f) for data in files]) * len(files)
        print(f"{'read ' + name + f' ({len(files)} files)':<34} {per_file:>12,.1f}")

    def tables_only() -> None:
        for data in inputs["PDF"]:
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                for page in pdf.pages:
                    page.extract_tables()

    plumber = rate(tables_only) * len(inputs["PDF"])
    ours = rate(lambda: [read(data, format="pdf") for data in inputs["PDF"]]) * len(inputs["PDF"])
    print(f"{'pdfplumber extract_tables alone':<34} {plumber:>12,.1f}   read takes {plumber / ours:.2f}x as long")


if __name__ == "__main__":
    main()
