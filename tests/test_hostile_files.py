"""Files and command lines that used to stop a run or destroy a file: a file that takes forever or eats memory, a
name that is not UTF-8 or is 245 bytes long, a closed stdout, an output that is an input, too many processes."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from unittest import mock

import pytest

from conftest import CORPUS, EXAMPLES
from gov_disclosure import audit, dump, load, read, read_files
from gov_disclosure.batch import _parallel
from gov_disclosure.cli import main

PAGE = CORPUS / "guangdong-enping-government-office-2019.txt"
"""A page that reads clean."""
GBK = "公开".encode("gbk")
"""The bytes of a name unpacked from an archive made on a Chinese Windows: not UTF-8."""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def pages(folder: Path, *names: str) -> list[Path]:
    """Copies of one clean page named *names* in *folder*."""
    folder.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(PAGE, folder / name)
    return [folder / name for name in names]


def three(folder: Path, middle: str) -> None:
    """A page, the file named *middle*, and a kept report of another body: each clean when read."""
    pages(folder, "a.txt", middle)
    shutil.copy(EXAMPLES / "hongze-2024.yaml", folder / "z.yaml")


def reader(monkeypatch: pytest.MonkeyPatch, hostile: Callable[[], object]) -> None:
    """Make reading a file whose name starts with ``x-`` do *hostile* (in the worker processes too: they fork)."""
    import gov_disclosure.batch._gather as module

    real = module.read

    def read(path: Path) -> object:
        return hostile() if path.name.startswith("x-") else real(path)

    monkeypatch.setattr(module, "read", read)


def sleeps() -> object:
    time.sleep(60)
    raise AssertionError("not interrupted")


def sleeps_deaf_to_the_alarm() -> object:
    """As a reader deep in C code would: the interruption is not noticed."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    return sleeps()


# 1. A time and a memory budget for each file -------------------------------------------------------------------


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_over_its_time_budget_is_given_up_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    reader(monkeypatch, sleeps)
    three(tmp_path, "x-slow.txt")
    start = time.monotonic()
    found = list(audit([tmp_path], jobs=jobs, timeout=1))
    assert time.monotonic() - start < 15
    assert [a.status for a in found] == ["clean", "unreadable", "clean"]
    assert [f.rule for f in found[1].findings] == ["READ-FILE"]
    assert found[1].findings[0].message_en == "the file cannot be read: it was not done within its time budget of 1 s"
    assert found[1].findings[0].message == "无法读取文件：未能在限定的1秒内完成"


def test_a_reader_that_does_not_give_up_has_its_process_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reader(monkeypatch, sleeps_deaf_to_the_alarm)
    pages(tmp_path, "a.txt", "x-stuck.txt", "z.txt")
    start = time.monotonic()
    readings = list(read_files([tmp_path], timeout=0.5))
    assert time.monotonic() - start < 15  # stopped at twice the budget, then once more when read alone
    assert [r.report is not None for r in readings] == [True, False, True]
    assert readings[1].source == str(tmp_path / "x-stuck.txt")
    assert readings[1].findings[0].message_en.endswith(": it was not done within its time budget of 0.5 s")


def eats_memory() -> object:
    return bytearray(8 << 30)


def eats_memory_inside_the_word_reader() -> object:
    """Memory running out deep inside the Word reader, which makes a ReadError of anything else failing there."""

    def from_docx(data: bytes) -> object:
        return eats_memory()

    with mock.patch("gov_disclosure.reading._read.from_docx", from_docx):  # where read() finds it
        return read(b"PK\x03\x04", format="docx")


@pytest.mark.parametrize("hostile", [eats_memory, eats_memory_inside_the_word_reader])
def test_a_file_over_its_memory_budget_is_given_up_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hostile: Callable[[], object]
) -> None:
    reader(monkeypatch, hostile)
    three(tmp_path, "x-big.txt")
    found = list(audit([tmp_path], memory=256 << 20))
    assert [a.status for a in found] == ["clean", "unreadable", "clean"]
    assert found[1].findings[0].message_en == "the file cannot be read: it ran out of memory (its budget: 256 MiB)"
    assert found[1].findings[0].message == "无法读取文件：内存不足（限额256 MiB）"


def test_a_budget_must_be_positive() -> None:
    with pytest.raises(ValueError, match="timeout must be more than 0"):
        read_files([], timeout=0)
    with pytest.raises(ValueError, match="memory must be more than 0 bytes"):
        next(audit([], memory=-1))


def test_audit_and_export_take_a_timeout(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reader(monkeypatch, sleeps)
    folder = tmp_path / "reports"
    [_, slow] = pages(folder, "a.txt", "x-slow.txt")
    status, out, _ = run(capsys, "audit", str(folder), "--timeout", "1")
    assert status == 1
    assert out.splitlines()[-1] == f"  {slow}: READ-FILE 无法读取文件：未能在限定的1秒内完成"
    status, _, err = run(capsys, "export", str(folder), "--long", str(tmp_path / "long.csv"), "--timeout", "1.5")
    assert status == 1
    assert err.splitlines()[0] == f"{slow}: 未能读出报告，未导出"
    assert "未能在限定的1.5秒内完成" in err
    with pytest.raises(SystemExit):
        main(["audit", str(folder), "--timeout", "-1"])
    assert "argument --timeout: expected seconds, or 0 for no limit, got '-1'" in capsys.readouterr().err


# 2. File names that are not UTF-8 ------------------------------------------------------------------------------


def test_a_name_that_is_not_utf8_is_carried_through(tmp_path: Path) -> None:
    name = os.fsdecode(b"report-" + GBK + b".txt")  # as os.listdir gives it: the bytes as surrogate escapes
    pages(tmp_path, name)
    [audited] = audit([tmp_path])
    assert (audited.status, audited.source) == ("clean", str(tmp_path / name))
    assert os.fsencode(audited.source).endswith(b"report-" + GBK + b".txt")
    assert [r.source for r in read_files([tmp_path], jobs=2)] == [audited.source]


def test_the_command_line_writes_a_name_that_is_not_utf8_escaped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "reports"
    pages(folder, os.fsdecode(b"a-" + GBK + b".txt"))
    (folder / os.fsdecode(b"b-" + GBK + b".docx")).write_bytes(b"PK\x03\x04 damaged")
    jsonl, table, long = tmp_path / "out.jsonl", tmp_path / "out.csv", tmp_path / "long.csv"
    status, out, _ = run(capsys, "audit", str(folder), "--json", str(jsonl), "--csv", str(table))
    assert status == 1
    escaped = "\\udcb9\\udcab\\udcbf\\udcaa"  # 公开 in GBK is B9 AB BF AA: each byte a surrogate escape, written out
    shown = f"{folder}/b-{escaped}.docx"
    assert out.splitlines()[-1].startswith(f"  {shown}: READ-FILE 无法按 Word 文档读取")
    lines = jsonl.read_text("utf-8").splitlines()  # UTF-8 throughout, as JSON must be
    assert f'"source": "{folder}/a-{escaped}.txt"' in lines[0]  # the JSON escape of each byte's surrogate escape
    assert [os.fsencode(json.loads(line)["source"]) for line in lines] == [
        os.fsencode(folder) + b"/a-" + GBK + b".txt",
        os.fsencode(folder) + b"/b-" + GBK + b".docx",
    ]
    rows = list(csv.reader(table.open(encoding="utf-8", newline="")))
    assert [row[0] for row in rows[1:]] == [f"{folder}/a-{escaped}.txt", shown]
    status, _, err = run(capsys, "export", str(folder), "--long", str(long))
    assert (status, err.splitlines()[0]) == (1, f"{shown}: 未能读出报告，未导出")
    assert long.read_text("utf-8").splitlines()[1].startswith(f"{folder}/a-{escaped}.txt,")


# 3. A closed stdout --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["schema", "--edition", "2021"], ["read", "--json", str(PAGE)]])
def test_a_closed_stdout_ends_the_command_quietly(command: list[str]) -> None:
    reading, writing = os.pipe()
    os.close(reading)  # as `| head -c 10` does once it has read enough
    try:
        done = subprocess.run(
            [sys.executable, "-m", "gov_disclosure", *command], stdout=writing, stderr=subprocess.PIPE, check=False
        )
    finally:
        os.close(writing)
    assert (done.returncode, done.stderr) == (141, b"")


# 4. A long file name -------------------------------------------------------------------------------------------


def test_a_file_name_of_245_bytes_is_written(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    stem = "报" * 80  # 240 bytes in UTF-8; the temporary name beside it used to be 14 bytes longer than its name
    report = load(EXAMPLES / "hongze-2024.yaml")
    dump(report, tmp_path / f"{stem}.json")
    assert load(tmp_path / f"{stem}.json") == report
    assert run(capsys, "render", str(EXAMPLES / "hongze-2024.yaml"), "-o", str(tmp_path / f"{stem}.html")) == (
        0,
        "",
        "",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{stem}.html", f"{stem}.json"]
    assert len(os.fsencode(f"{stem}.html")) == 245


# 5. Outputs that would destroy inputs, or one another ----------------------------------------------------------


@pytest.fixture
def kept(tmp_path: Path) -> Path:
    """A folder with a kept report (with a comment, which converting drops) and a page."""
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.yaml").write_text((EXAMPLES / "hongze-2024.yaml").read_text("utf-8") + "# 备注\n", "utf-8")
    shutil.copy(PAGE, folder / "b.txt")
    return folder


@pytest.mark.parametrize(
    ("command", "refusal"),
    [
        (["audit", "{a}", "--json", "{a}"], "--json {a} would overwrite {a}"),
        (["audit", "{folder}", "--csv", "{folder}/sub/../a.yaml"], "--csv {folder}/sub/../a.yaml would overwrite {a}"),
        (["export", "{folder}", "--long", "{b}"], "--long {b} would overwrite {b}"),
        (["convert", "{a}", "{a}"], "OUT {a} would overwrite {a}"),
        (
            ["render", "{a}", "-o", "{folder}/a.docx", "--template", "{folder}/a.docx"],
            "-o {folder}/a.docx would overwrite",
        ),
    ],
)
def test_an_output_that_is_an_input_is_refused_before_any_work(
    capsys: pytest.CaptureFixture[str], kept: Path, command: list[str], refusal: str
) -> None:
    (kept / "sub").mkdir()
    names = {"folder": str(kept), "a": str(kept / "a.yaml"), "b": str(kept / "b.txt")}
    if "--template" in command:
        assert run(capsys, "render", names["a"], "-o", str(kept / "a.docx"))[0] == 0
    before = {p.name: p.read_bytes() for p in kept.iterdir() if p.is_file()}
    status, out, err = run(capsys, *(part.format(**names) for part in command))
    assert (status, out) == (2, "")
    assert err.startswith(f"error: {refusal.format(**names)}")
    assert err.endswith(", one of the files read: write it elsewhere\n")
    assert {p.name: p.read_bytes() for p in kept.iterdir() if p.is_file()} == before  # nothing written, nothing lost


@pytest.mark.parametrize(
    "command",
    [
        ["audit", "{folder}", "--json", "{out}", "--csv", "{out}"],
        ["export", "{folder}", "--long", "{out}", "--wide", "./{out}"],
    ],
)
def test_two_outputs_that_are_one_file_are_refused(
    capsys: pytest.CaptureFixture[str], kept: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.chdir(kept.parent)
    status, _, err = run(capsys, *(part.format(folder=kept.name, out="out.csv") for part in command))
    first, second = command[2], command[4]
    assert (status, err) == (2, f"error: {first} and {second} name one file, out.csv: give each its own\n")
    assert not (kept.parent / "out.csv").exists()


# 6. No more processes than CPUs or files -----------------------------------------------------------------------


def test_workers_are_no_more_than_the_cpus_or_the_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real, asked = _parallel.ProcessPoolExecutor, []

    def recording(max_workers: int, **kwargs: object) -> object:
        asked.append(max_workers)
        return real(min(max_workers, 2), **kwargs)  # type: ignore[arg-type]  # the old code asked for 1000

    monkeypatch.setattr(_parallel, "ProcessPoolExecutor", recording)
    cpus = len(os.sched_getaffinity(0))
    assert [r.report is not None for r in read_files(pages(tmp_path / "3", "a.txt", "b.txt", "c.txt"), jobs=1000)] == [
        True
    ] * 3
    assert [r.report is not None for r in read_files(pages(tmp_path / "1", "a.txt"), jobs=1000)] == [True]
    (tmp_path / "0").mkdir()
    assert list(read_files([tmp_path / "0"], jobs=1000)) == []
    assert asked == [min(cpus, 3), 1]  # and no processes for no files
