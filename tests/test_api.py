"""The public API: exactly the names it promises, each documented, the version, and names that say what they do."""

from __future__ import annotations

import ast
import importlib
import importlib.metadata
import inspect
import subprocess
import sys
import typing
from pathlib import Path

import pytest

import gov_disclosure
from conftest import CORPUS

LAYERS = ("model", "rules", "wire", "render", "reading", "batch")
HEAVY = ("docxtpl", "docx", "jinja2", "lxml", "pdfplumber", "pypdfium2", "openpyxl", "gov_disclosure.reading._match")
"""Libraries slow to load, and the reading matcher: loaded only by what uses them."""

API = (
    "APPLICANT_COLUMNS",
    "AdministrativeFees2021",
    "AppealCounts",
    "Appeals",
    "ApplicantCounts",
    "Applications",
    "AuditStatus",
    "Audited",
    "Block",
    "ConsolidationError",
    "Decisions2021",
    "Documents2019",
    "Documents2021",
    "Edition",
    "Finding",
    "Format",
    "FoundBy",
    "GovDisclosureError",
    "Heading",
    "ItemChanges2019",
    "ItemDecisions2019",
    "KEPT_SUFFIXES",
    "MOST_COUNT",
    "MOST_MONEY",
    "MOST_PLACES",
    "Kind",
    "LoadError",
    "Narrative",
    "NotProcessed",
    "OtherOutcomes2021",
    "Outcomes2019",
    "Outcomes2021",
    "PUBLISHED_SUFFIXES",
    "READ_MEMORY",
    "READ_TIMEOUT",
    "Paragraph",
    "Part",
    "Proactive2019",
    "Proactive2021",
    "ProcessingFees",
    "Procurement2019",
    "REPORT_CLASSES",
    "RULES",
    "ReadError",
    "Reading",
    "RenderError",
    "Report",
    "Report2019",
    "Report2021",
    "ReportInvalidError",
    "ReportKey",
    "Rule",
    "SCHEMA_VERSION",
    "Severity",
    "Unavailable",
    "WIDE_COLUMNS",
    "Withheld",
    "__version__",
    "aggregate",
    "atomic_writer",
    "audit",
    "check",
    "dump",
    "dumps",
    "finding_data",
    "format_of",
    "from_dict",
    "json_schema",
    "labels_at",
    "load",
    "loads",
    "long_writer",
    "parts",
    "read",
    "read_docx",
    "read_files",
    "read_html",
    "read_pdf",
    "read_text",
    "report_files",
    "to_dict",
    "to_docx",
    "to_html",
    "to_xlsx",
    "validate",
    "validate_parent",
    "validate_series",
    "wide_writer",
    "write_long",
    "write_wide",
)


def test_the_package_exports_exactly_its_api() -> None:
    assert sorted(gov_disclosure.__all__) == sorted(API)
    assert len(set(gov_disclosure.__all__)) == len(gov_disclosure.__all__)
    assert all(hasattr(gov_disclosure, name) for name in API)


PACKAGES = ["gov_disclosure", *(f"gov_disclosure.{layer}" for layer in LAYERS)]


@pytest.mark.parametrize("name", PACKAGES)
def test_each_package_exports_what_it_declares_for_type_checkers_and_loads_it_when_used(name: str) -> None:
    package = importlib.import_module(name)
    tree = ast.parse(Path(package.__file__ or "").read_text(encoding="utf-8"))
    [declared] = [node for node in tree.body if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"]
    imports = {(f".{i.module}", a.name) for i in declared.body if isinstance(i, ast.ImportFrom) for a in i.names}
    [loaded] = declared.orelse  # type checkers see the imports, and no __getattr__ that would take any name
    assert isinstance(loaded, ast.Assign)
    call = loaded.value
    assert isinstance(call, ast.Call)
    homes = ast.literal_eval(call.args[1])
    assert {(module, n) for module, names in homes.items() for n in names} == imports
    assert {n for _, n in imports} == set(package.__all__) - {"__version__"}
    assert set(package.__all__) <= set(dir(package))
    for module, export in imports:
        assert getattr(package, export) is getattr(importlib.import_module(module, name), export)
    with pytest.raises(AttributeError, match=f"module '{name}' has no attribute 'nothing'"):
        package.nothing  # noqa: B018


@pytest.mark.parametrize(
    ("used", "unused"),
    [
        ("gov_disclosure", (*HEAVY, "attrs", "cattrs", "yaml")),
        ("gov_disclosure.Severity", (*HEAVY, "attrs", "cattrs", "yaml")),
        ("gov_disclosure.load, gov_disclosure.validate", HEAVY),
        ("gov_disclosure.to_html", ("docxtpl", "docx", "lxml", "openpyxl", "pdfplumber", "pypdfium2")),
        ("gov_disclosure.read_html", ("docxtpl", "docx", "jinja2", "openpyxl", "pdfplumber", "pypdfium2")),
    ],
)
def test_a_name_used_loads_only_what_it_needs(used: str, unused: tuple[str, ...]) -> None:
    code = f"import sys, gov_disclosure; {used}; print(*sys.modules)"
    modules = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert "gov_disclosure" in modules
    assert {m for m in modules if m.split(".")[0] in unused or m in unused} == set()


def test_every_exported_function_and_class_has_a_docstring() -> None:
    undocumented = [
        name
        for name in API
        if callable(obj := getattr(gov_disclosure, name)) and typing.get_origin(obj) is None and not inspect.getdoc(obj)
    ]
    assert undocumented == []


def test_every_exception_is_named_an_error_and_raised_as_the_package_names_it() -> None:
    errors = [
        obj for name in API if inspect.isclass(obj := getattr(gov_disclosure, name)) and issubclass(obj, Exception)
    ]
    assert {e.__name__ for e in errors} == {
        "ConsolidationError",
        "GovDisclosureError",
        "LoadError",
        "ReadError",
        "RenderError",
        "ReportInvalidError",
    }
    assert all(e.__module__ == "gov_disclosure" and issubclass(e, gov_disclosure.GovDisclosureError) for e in errors)


def test_the_version_is_the_installed_distribution_s() -> None:
    assert gov_disclosure.__version__ == importlib.metadata.version("gov-disclosure")
    run = subprocess.run(
        [sys.executable, "-m", "gov_disclosure", "--version"], capture_output=True, text=True, check=True
    )
    assert run.stdout == f"gov-disclosure {gov_disclosure.__version__}\n"


def test_read_pdf_reads_a_text_pdf() -> None:
    path = CORPUS / "jiangsu-hongze-district-2024.pdf"
    reading = gov_disclosure.read_pdf(path)
    assert reading.report is not None
    assert reading.report.key == gov_disclosure.ReportKey("淮安市洪泽区人民政府", 2024)
    assert reading == gov_disclosure.read(path)
