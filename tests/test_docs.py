"""The documentation is tested: its Python examples, its console examples and its generated files."""

from __future__ import annotations

import doctest
import importlib.util
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))
CLI_PAGE = DOCS / "cli.md"

CONSOLE_BLOCK = re.compile(r"^```console\n(.*?)^```$", re.DOTALL | re.MULTILINE)
EXIT_LINE = re.compile(r"\[exit (\d+)\]")


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_generate", DOCS / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# (a) Python examples ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(DOCS)) for p in PAGES])
def test_doctests(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the examples name files such as examples/enping-2019.yaml
    result = doctest.testfile(
        str(page),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        encoding="utf-8",
    )
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples of {page.name} failed (see stdout)"


# (b) Console examples -----------------------------------------------------------------------------------------


Command = tuple[str, str, int]
"""A console example: the command, its expected stdout and its expected exit status."""


def _blocks(page: Path) -> list[list[Command]]:
    """The commands of every console block of *page*."""
    blocks = []
    for text in CONSOLE_BLOCK.findall(page.read_text(encoding="utf-8")):
        chunks: list[list[str]] = []
        for line in text.splitlines():
            if line.startswith("$ "):
                chunks.append([line[2:]])
            else:
                assert chunks, f"output before any command in a console block of {page.name}: {line!r}"
                chunks[-1].append(line)
        blocks.append([_command(*chunk) for chunk in chunks])
    return blocks


def _command(command: str, *output: str) -> Command:
    status = 0
    if output and (match := EXIT_LINE.fullmatch(output[-1])):
        status, output = int(match[1]), output[:-1]
    return command, "".join(f"{line}\n" for line in output), status


def _executable() -> list[str]:
    found = shutil.which("gov-disclosure", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "gov_disclosure"]


BLOCKS = _blocks(CLI_PAGE)


def test_console_examples_exist() -> None:
    assert BLOCKS, "docs/cli.md has no console examples"


@pytest.mark.parametrize("block", BLOCKS, ids=[block[0][0] for block in BLOCKS])
def test_console(block: list[Command], tmp_path: Path) -> None:
    """Run a block's commands in order, in a directory laid out like the repository root for the files they
    read (so that what they write stays out of the repository)."""
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    shutil.copytree(DOCS / "examples", tmp_path / "docs" / "examples")
    shutil.copytree(ROOT / "tests" / "corpus", tmp_path / "tests" / "corpus")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    for command, stdout, status in block:
        program, *arguments = shlex.split(command)
        assert program == "gov-disclosure", f"console examples run gov-disclosure only, not {program!r}"
        result = subprocess.run(
            [*_executable(), *arguments], cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", env=env
        )
        assert result.stdout == stdout, f"{command}\nstderr: {result.stderr}"
        assert result.returncode == status, f"{command}\nstderr: {result.stderr}"


def test_schema_command_prints_the_schema_files() -> None:
    for path in sorted((DOCS / "schema").glob("report-*.schema.json")):
        edition = path.name.removeprefix("report-").removesuffix(".schema.json")
        result = subprocess.run(
            [*_executable(), "schema", "--edition", edition],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
        assert result.returncode == 0
        assert json.loads(result.stdout) == json.loads(path.read_text(encoding="utf-8"))


# (c) Generated files ------------------------------------------------------------------------------------------


def test_generated_files_are_up_to_date() -> None:
    generated = _generator().generate()
    assert generated
    for path, content in generated.items():
        assert path.is_relative_to(DOCS)
        assert path.exists(), f"{path.relative_to(ROOT)} is missing: run `python docs/generate.py`"
        assert path.read_text(encoding="utf-8") == content, (
            f"{path.relative_to(ROOT)} is out of date: run `python docs/generate.py`"
        )
