"""The default templates shipped in the package are the ones templates/build.py makes from templates/."""

from __future__ import annotations

import importlib.util
import io
import zipfile
from importlib import resources
from types import ModuleType

from conftest import ROOT

SHIPPED = resources.files("gov_disclosure.render") / "templates"


def builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("templates_build", ROOT / "templates" / "build.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def parts_of(data: bytes) -> dict[str, bytes]:
    """The parts of a .docx (its XML), by name: what a document is, whatever the zip around it."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in sorted(archive.namelist())}


def test_the_shipped_templates_are_current() -> None:
    built = builder().built()
    assert sorted(built) == sorted(p.name for p in SHIPPED.iterdir() if not p.name.startswith("."))
    for name, content in built.items():
        shipped = (SHIPPED / name).read_bytes()
        if name.endswith(".docx"):
            assert parts_of(shipped) == parts_of(content), f"{name} is out of date: run python templates/build.py"
        else:
            assert shipped == content, f"{name} is out of date: run python templates/build.py"


def test_the_word_templates_hold_only_template_tags_for_values() -> None:
    document = parts_of((SHIPPED / "report-2021.docx").read_bytes())["word/document.xml"].decode()
    assert "{{ applications.outcomes.other.fee_unpaid.natural_person }}" in document
    assert "{{ proactive.administrative_fees.amount_10k_yuan }}" in document
    assert "{%p for block in overview %}" in document
    assert "三、收到和处理政府信息公开申请情况" in document
