"""The README's promises: its quickstart commands and its examples."""

from __future__ import annotations

import doctest
import re

import pytest

from conftest import ROOT


def quickstart() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_quickstart_is_two_commands() -> None:
    assert quickstart() == [
        "python3 -m venv .venv && . .venv/bin/activate && pip install . "
        "&& gov-disclosure render examples/enping-2019.yaml -o enping-2019.docx",
        "python3 -m venv .venv && . .venv/bin/activate && pip install -e '.[test]' && python -m pytest",
    ]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert f"{quickstart()[1]} || exit $?" in ci


def test_readme_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(
        str(ROOT / "README.md"), module_relative=False, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    )
    assert result.attempted > 0
    assert result.failed == 0
