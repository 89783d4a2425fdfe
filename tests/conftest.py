"""Shared test setup: hypothesis profiles and paths."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CORPUS = Path(__file__).resolve().parent / "corpus"

settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", deadline=None, max_examples=200, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("wheel", deadline=None, max_examples=20, suppress_health_check=[HealthCheck.too_slow])
"""For the second run, against the built wheel: it checks the package as installed; the properties ran in full."""
settings.load_profile("ci" if os.environ.get("CI") else "default")


@pytest.fixture(scope="session")
def pdf_reader() -> None:
    """Skips a test that reads PDF where the pdf extra is not installed; in CI, where it must be, fails it."""
    if any(importlib.util.find_spec(name) is None for name in ("pypdfium2", "pdfplumber")):
        if os.environ.get("CI"):
            pytest.fail("pypdfium2 and pdfplumber are needed: pip install -e '.[pdf]'")
        pytest.skip("pypdfium2 or pdfplumber is not installed (pip install -e '.[pdf]')")


@pytest.fixture(scope="session")
def enping():  # type: ignore[no-untyped-def]
    from gov_disclosure import load

    return load(EXAMPLES / "enping-2019.yaml")


@pytest.fixture(scope="session")
def hongze():  # type: ignore[no-untyped-def]
    from gov_disclosure import load

    return load(EXAMPLES / "hongze-2024.yaml")
