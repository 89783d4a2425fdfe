"""The command line: findings per file, exit codes, schema, conversion, help."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from conftest import CORPUS, EXAMPLES, ROOT
from gov_disclosure import (
    RenderError,
    __version__,
    dump,
    json_schema,
    load,
    read_files,
    to_dict,
    write_long,
    write_wide,
)
from gov_disclosure.cli import main
from helpers import replace_at


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_check_clean(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "check", str(EXAMPLES / "enping-2019.yaml"), str(EXAMPLES / "hongze-2024.yaml"))
    assert status == 0
    first, second = out.splitlines()
    title = "恩平市人民政府办公室2019年度政府信息公开工作年度报告"
    assert first == f"{EXAMPLES / 'enping-2019.yaml'}: {title}（2019年版格式） — 通过"
    assert second.endswith(": 淮安市洪泽区人民政府2024年政府信息公开工作年度报告（2021年版格式） — 通过")


def test_check_findings(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    report = replace_at(load(EXAMPLES / "enping-2019.yaml"), "applications.carried_forward.natural_person", 1)
    dump(report, tmp_path / "broken.json")
    status, out, _ = run(capsys, "check", str(tmp_path / "broken.json"))
    assert status == 1
    assert out.splitlines()[0].endswith("（2019年版格式） — 2 个错误")
    assert "[error] T3-BALANCE applications.carried_forward.natural_person：“自然人”列：" in out


def test_check_a_file_that_is_no_valid_report_or_is_missing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "schema_version: 1\nedition: '2019'\nagency: 某局\nyear: 2019\n"
        "appeals: {administrative_review: {upheld: 1.5}}\n"
    )
    status, out, _ = run(capsys, "check", str(EXAMPLES / "enping-2019.yaml"), str(bad), str(tmp_path / "none.json"))
    assert status == 1  # an error finding, not a command that could not run
    assert out.splitlines()[1:] == [
        f"{bad}: 未能读出报告 — 1 个错误",
        "  [error] LOAD-TYPE appeals.administrative_review.upheld（第5行）：应为非负整数，实为 1.5",
        f"{tmp_path / 'none.json'}: 未能读出报告 — 1 个错误",
        "  [error] READ-FILE —：无法读取文件：文件不存在",
    ]
    status, out, _ = run(capsys, "check", str(tmp_path / "none.txt"), "--lang", "en")
    assert (status, out.splitlines()) == (
        1,
        [
            f"{tmp_path / 'none.txt'}: no report read — 1 error",
            "  [error] READ-FILE —: cannot read the file: No such file or directory",
        ],
    )


def test_schema(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "schema", "--edition", "2021")
    assert status == 0
    assert json.loads(out) == json_schema("2021")


def test_convert(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "enping.json"
    assert run(capsys, "convert", str(EXAMPLES / "enping-2019.yaml"), str(target)) == (0, "", "")
    assert load(target) == load(EXAMPLES / "enping-2019.yaml")
    back = tmp_path / "back.yml"
    assert run(capsys, "convert", str(target), str(back))[0] == 0
    assert load(back) == load(target)


def test_convert_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _, err = run(capsys, "convert", str(EXAMPLES / "enping-2019.yaml"), str(tmp_path / "out.docx"))
    assert status == 2
    assert "cannot tell the format from '.docx'; use .json, .yaml or .yml" in err
    status, _, err = run(capsys, "convert", str(tmp_path / "missing.yaml"), str(tmp_path / "out.json"))
    assert (status, err.splitlines()[0]) == (1, f"{tmp_path / 'missing.yaml'}: 未能读出报告 — 1 个错误")
    assert not (tmp_path / "out.json").exists()
    page = str(CORPUS / "jiangsu-hongze-district-2024.pdf")
    status, _, err = run(capsys, "convert", page, str(tmp_path / "out.yaml"))
    assert (status, err) == (
        2,
        f"error: convert converts reports kept as JSON or YAML; to keep the report read from {page}, "
        f"use gov-disclosure read {page} -o {tmp_path / 'out.yaml'}\n",
    )


@pytest.mark.parametrize(
    "command", [[], ["check"], ["read"], ["convert"], ["render"], ["schema"], ["audit"], ["export"]]
)
def test_help_on_every_command(command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "gov_disclosure", *command, "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.startswith("usage: gov-disclosure")
    said = " ".join(result.stdout.split())
    if command in ([], ["check"], ["read"], ["audit"], ["export"]):  # every format they read
        assert all(
            f".{suffix}" in said for suffix in ("json", "yaml", "yml", "txt", "md", "html", "htm", "docx", "pdf")
        )
    if command != ["schema"]:  # and the exit statuses
        assert "exit status: 0 no error finding; 1 an error finding" in said
        assert "2 the command could not run" in said


SLOW_TO_LOAD = ("attrs", "cattrs", "yaml", "docxtpl", "docx", "jinja2", "lxml", "pdfplumber", "pypdfium2", "openpyxl")
"""What the commands use and ``--help`` and ``--version`` do not: each takes longer to load than Python to start."""


def imported(*arguments: str) -> set[str]:
    """Every module ``python -X importtime *arguments`` imports."""
    run = subprocess.run([sys.executable, "-X", "importtime", *arguments], capture_output=True, text=True, check=True)
    return {line.rsplit("|", 1)[1].strip() for line in run.stderr.splitlines() if line.startswith("import time:")}


def loaded(modules: set[str], packages: tuple[str, ...]) -> set[str]:
    """The *modules* that are, or are within, one of *packages*."""
    return {m for m in modules if m in packages or m.startswith(tuple(f"{p}." for p in packages))}


@pytest.mark.parametrize("command", [["--version"], ["--help"], ["read", "--help"], ["audit", "--help"]])
def test_help_and_version_load_nothing_the_commands_use(command: list[str]) -> None:
    modules = imported("-m", "gov_disclosure", *command)
    assert {"gov_disclosure.cli", "argparse"} <= modules  # the command ran, and its imports are all seen
    assert loaded(modules, (*SLOW_TO_LOAD, "gov_disclosure.reading._match", "gov_disclosure.render")) == set()
    if command[0] in ("--version", "--help"):  # not even typing, a tenth of the time Python takes to start
        assert loaded(modules, ("typing", "gov_disclosure.model")) == set()
    script = Path(sys.executable).with_name("gov-disclosure")  # the installed command, as a user runs it
    if script.exists():
        assert loaded(imported(str(script), *command), SLOW_TO_LOAD) == set()


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["--version"])
    assert (raised.value.code, capsys.readouterr().out) == (0, f"gov-disclosure {__version__}\n")


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["schema", "--edition", "2020"])
    assert raised.value.code == 2
    assert "invalid choice: '2020'" in capsys.readouterr().err


def test_render(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for name in ("enping.docx", "enping.html", "enping.xlsx"):
        assert run(capsys, "render", str(EXAMPLES / "enping-2019.yaml"), "-o", str(tmp_path / name)) == (0, "", "")
    assert (tmp_path / "enping.docx").read_bytes()[:2] == b"PK"
    row = openpyxl.load_workbook(tmp_path / "enping.xlsx")["二、主动公开政府信息情况"][20]
    assert [cell.value for cell in row if cell.value is not None] == ["政府集中采购", 41, 1862794.63]
    assert "<caption>三、收到和处理政府信息公开申请情况</caption>" in (tmp_path / "enping.html").read_text("utf-8")


def test_render_refusals(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    report = replace_at(load(EXAMPLES / "enping-2019.yaml"), "applications.carried_forward.natural_person", 1)
    dump(report, tmp_path / "draft.yaml")
    status, _, err = run(capsys, "render", str(tmp_path / "draft.yaml"), "-o", str(tmp_path / "draft.docx"))
    assert status == 1
    assert err.splitlines()[-1] == f"{tmp_path / 'draft.yaml'}: 有 2 个错误，未生成；--no-strict 可照样生成"
    assert "[error] T3-BALANCE applications.carried_forward.natural_person" in err
    assert not (tmp_path / "draft.docx").exists()
    status, _, err = run(
        capsys, "render", str(tmp_path / "draft.yaml"), "-o", str(tmp_path / "draft.docx"), "--no-strict"
    )
    assert status == 1  # rendered, and the findings still say what is wrong
    assert (tmp_path / "draft.docx").exists()
    assert err.splitlines()[0].endswith("（2019年版格式） — 2 个错误")
    status, _, err = run(capsys, "render", str(EXAMPLES / "enping-2019.yaml"), "-o", str(tmp_path / "out.pdf"))
    assert (status, err.strip()) == (
        2,
        f"error: {tmp_path / 'out.pdf'}: cannot tell what to render from '.pdf'; use .docx, .html or .xlsx",
    )
    status, _, err = run(
        capsys, "render", str(EXAMPLES / "enping-2019.yaml"), "-o", str(tmp_path / "a.html"), "--template", "t.docx"
    )
    assert (status, err.strip()) == (2, "error: --template is a Word template; it applies to .docx output only")
    status, _, err = run(
        capsys, "render", str(EXAMPLES / "enping-2019.yaml"), "-o", str(tmp_path / "a.docx"), "--template", "none.docx"
    )
    assert (status, err.strip()) == (2, "error: none.docx: cannot read the template: No such file or directory")


def test_a_template_without_fields_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    blank = CORPUS / "official-blank-template-2021.docx"
    with pytest.raises(RenderError, match=r"has no fields — no \{\{ … \}\} tag .*see templates/README\.md"):
        load(EXAMPLES / "hongze-2024.yaml").to_docx(template=blank)
    out = tmp_path / "out.docx"
    status, _, err = run(capsys, "render", str(EXAMPLES / "hongze-2024.yaml"), "-o", str(out), "--template", str(blank))
    assert (status, err.startswith(f"error: {blank}: has no fields")) == (2, True)
    assert not out.exists()


def corpus_copy(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in names:
        shutil.copy(CORPUS / name, folder / name)
    return folder


def test_audit(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = corpus_copy(
        tmp_path,
        "jiangsu-hongze-district-2023.pdf",
        "jiangsu-hongze-district-2024.pdf",
        "shanghai-government-office-2019.html",
    )
    jsonl, table = tmp_path / "out.jsonl", tmp_path / "out.csv"
    status, out, err = run(capsys, "audit", str(folder), "--jobs", "2", "--json", str(jsonl), "--csv", str(table))
    assert (status, err) == (1, "")  # no progress bar when stderr is not a terminal
    assert out.splitlines() == [
        "3 个文件：通过 2，有警告 0，有错误 1，未能读出报告 0（每个文件按其最重的发现计一次）",
        "发现：2 个错误、140 个提示",
        "按规则：",
        "  READ-BLANK                   info          135",
        "  READ-LABEL-VARIANT           info            4",
        "  T4-STATED-TOTAL              error           2",
        "  X-AGENCY                     info            1",
        "有错误的文件：",
        f"  {folder / 'jiangsu-hongze-district-2023.pdf'}: 2 个错误、2 个提示",
    ]
    lines = [json.loads(line) for line in jsonl.read_text("utf-8").splitlines()]
    assert [(Path(d["source"]).name, d["status"], d["agency"], d["year"]) for d in lines] == [
        ("jiangsu-hongze-district-2023.pdf", "errors", "洪泽区人民政府", 2023),
        ("jiangsu-hongze-district-2024.pdf", "clean", "淮安市洪泽区人民政府", 2024),
        ("shanghai-government-office-2019.html", "clean", "上海市人民政府办公厅", 2019),
    ]
    x_agency = lines[1]["findings"][-1]
    assert (x_agency["rule"], x_agency["reports"][1]) == ("X-AGENCY", {"agency": "洪泽区人民政府", "year": 2023})
    rows = list(csv.reader(table.open(encoding="utf-8", newline="")))
    assert rows[0] == ["source", "status", "agency", "year", "edition", "errors", "warnings", "infos", "rules"]
    assert rows[1][1:] == ["errors", "洪泽区人民政府", "2023", "2021", "2", "0", "2", "T4-STATED-TOTAL"]
    assert len(rows) == 4


def test_audit_lists_the_files_without_a_report_and_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = corpus_copy(tmp_path, "guangdong-enping-government-office-2019.txt")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04")
    (folder / "README.md").write_text("# 说明\n本文件夹存放年度报告。\n", encoding="utf-8")
    status, out, _ = run(capsys, "audit", str(folder), "--lang", "both")
    assert status == 1  # files that give no report are error findings: the run itself went through
    assert out.splitlines()[0] == (
        "3 个文件：通过 1，有警告 0，有错误 0，未能读出报告 2（每个文件按其最重的发现计一次） / "
        "3 files: clean 1, warnings 0, errors 0, no report 2 (each file once, by its worst finding)"
    )
    assert out.splitlines()[-5:] == [
        "未能读出报告的文件 / files without a report:",
        f"  {folder / 'README.md'}: READ-NOT-A-REPORT 找不到任一版格式的统计表（可能是2019年以前的旧格式或其他文件）",
        f"  {folder / 'README.md'}: READ-NOT-A-REPORT no table of either edition: not a report in the 2019 or 2021 "
        "format",
        f"  {folder / 'broken.docx'}: READ-FILE 无法按 Word 文档读取，读取程序报告“File is not a zip file”",
        f"  {folder / 'broken.docx'}: READ-FILE cannot be read as docx: File is not a zip file",
    ]


def test_audit_progress_bar_on_a_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = corpus_copy(tmp_path, "guangdong-enping-government-office-2019.txt", "fujian-pingtan-2021.txt")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    status, _, err = run(capsys, "audit", str(folder))
    assert status == 1
    assert re.fullmatch(r"(\r\[#* *\] [12]/2 [\d,]+/s)+\n", err)
    assert "[" + "#" * 30 + "] 2/2" in err


@pytest.mark.parametrize("command", [["check"], ["read"], ["export", "--long", "{out}"]])
def test_progress_bar_of_every_command_over_many_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    folder = corpus_copy(tmp_path, "guangdong-enping-government-office-2019.txt", "fujian-pingtan-2021.txt")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    args = [part.format(out=tmp_path / "out.csv") for part in command]
    status, _, err = run(capsys, args[0], str(folder), *args[1:])
    assert status == 1
    bar = r"\r\[#* *\] [12]/2 [\d,]+/s"
    assert re.fullmatch(rf"(\r\x1b\[K|{bar})+\n", err)  # the bar, cleared for each file's lines on the terminal
    assert "[" + "#" * 30 + "] 2/2" in err
    status, _, err = run(capsys, args[0], str(folder / "fujian-pingtan-2021.txt"), *args[1:])
    assert (status, err) == (1, "")  # one file: no bar


def test_audit_and_export_refusals(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _, err = run(capsys, "audit", str(EXAMPLES), "--json", str(tmp_path / "no" / "out.jsonl"))
    assert (status, err.strip()) == (
        2,
        f"error: cannot write {tmp_path / 'no' / 'out.jsonl'}: No such file or directory",
    )
    status, _, err = run(capsys, "export", str(EXAMPLES))
    assert (status, err.strip()) == (2, "error: export needs --long OUT.csv, --wide OUT.csv or both")
    with pytest.raises(SystemExit):
        main(["audit", str(EXAMPLES), "--jobs", "0"])
    assert "expected a whole number of at least 1, got '0'" in capsys.readouterr().err


def test_export(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = corpus_copy(tmp_path, "fujian-pingtan-2018-pre2019-format-excerpt.txt", "jiangsu-hongze-district-2024.pdf")
    shutil.copy(EXAMPLES / "enping-2019.yaml", folder)
    long, wide = tmp_path / "long.csv", tmp_path / "wide.csv"
    status, out, err = run(capsys, "export", str(folder), "--long", str(long), "--wide", str(wide), "-j", "2")
    assert (status, out) == (1, "")
    assert err.splitlines() == [
        f"{folder / 'fujian-pingtan-2018-pre2019-format-excerpt.txt'}: 未能读出报告，未导出",
        "  [error] READ-NOT-A-REPORT —：找不到任一版格式的统计表（可能是2019年以前的旧格式或其他文件）",
    ]
    expected_long, expected_wide = io.StringIO(newline=""), io.StringIO(newline="")
    readings = list(read_files([folder]))
    write_long(readings, expected_long)
    write_wide(readings, expected_wide)
    assert long.read_bytes().decode("utf-8") == expected_long.getvalue()
    assert wide.read_bytes().decode("utf-8") == expected_wide.getvalue()
    assert [row["agency"] for row in csv.DictReader(wide.open(encoding="utf-8", newline=""))] == [
        "恩平市人民政府办公室",
        "淮安市洪泽区人民政府",
    ]


def test_an_interrupted_audit_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gov_disclosure.cli._commands as cli

    def interrupted(*args: object, **kwargs: object) -> object:
        yield from ()
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "audit", interrupted)
    status, out, err = run(capsys, "audit", str(EXAMPLES), "--csv", str(tmp_path / "out.csv"))
    assert (status, out, err) == (130, "", "\ninterrupted; nothing was written\n")
    assert list(tmp_path.iterdir()) == []


def test_audit_of_no_files_says_so(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, err = run(capsys, "audit", str(tmp_path))
    assert (status, err) == (2, "error: no report files under the paths (see gov-disclosure audit --help)\n")
    assert out.startswith("0 个文件：")
    for command in (["check"], ["read"], ["export", "--long", str(tmp_path / "out.csv")]):
        status, out, err = run(capsys, command[0], str(tmp_path), *command[1:])
        assert (status, out) == (2, "")
        assert err == f"error: no report files under the paths (see gov-disclosure {command[0]} --help)\n"


def test_an_output_that_is_a_folder_is_refused_and_nothing_is_left(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "out").mkdir()
    status, _, err = run(capsys, "audit", str(EXAMPLES), "--csv", str(tmp_path / "out"))
    assert (status, err) == (2, f"error: cannot write {tmp_path / 'out'}: Is a directory\n")
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def unbalanced_page(folder: Path) -> Path:
    """A copy of a corpus page with a total changed: 一、本年新收 says 3 where the rows add up to 2."""
    page = (CORPUS / "guangdong-enping-government-office-2019.txt").read_text(encoding="utf-8")
    changed = re.sub(r"(一、本年新收政府信息公开申请数量\s+)2\b", r"\g<1>3", page, count=1)
    assert changed != page
    folder.mkdir(exist_ok=True)
    (folder / "unbalanced.txt").write_text(changed, encoding="utf-8")
    return folder / "unbalanced.txt"


def test_one_verdict_from_check_read_and_audit(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    page = unbalanced_page(tmp_path / "pages")
    checked, read_out, audit_out = (run(capsys, command, str(page)) for command in ("check", "read", "audit"))
    assert checked == read_out
    status, out, _ = checked
    assert status == 1
    assert out.splitlines()[0] == (
        f"{page}: 恩平市人民政府办公室2019年度政府信息公开工作年度报告（2019年版格式） — 3 个错误、1 个提示"
    )
    assert [line.split("：")[0] for line in out.splitlines()[1:]] == [  # the reader's findings, then the rules'
        "  [info] READ-CHROME —",
        "  [error] T3-STATED-ROW-TOTAL applications.received.total",
        "  [error] T3-BALANCE applications.carried_forward.natural_person",
        "  [error] T3-BALANCE applications.carried_forward.total",
    ]
    assert audit_out[0] == 1
    jsonl = tmp_path / "audit.jsonl"
    assert run(capsys, "audit", str(page), "--json", str(jsonl))[0] == 1
    status, out, _ = run(capsys, "read", str(page), "--json")
    assert status == 1
    assert json.loads(jsonl.read_text("utf-8"))["findings"] == json.loads(out)["findings"] != []


@pytest.mark.parametrize(
    "name",
    [
        "guangdong-enping-government-office-2019.txt",
        "shanghai-government-office-2019.html",
        "jiangsu-hongze-district-2024.pdf",
        "hongze.docx",
        "hongze.yaml",
    ],
)
def test_check_takes_every_format(capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str) -> None:
    report = load(EXAMPLES / "hongze-2024.yaml")
    report.to_docx(tmp_path / "hongze.docx")
    dump(report, tmp_path / "hongze.yaml")
    path = tmp_path / name if name.startswith("hongze.") else CORPUS / name
    status, out, _ = run(capsys, "check", str(path))
    assert status == 0
    assert re.fullmatch(
        rf"{re.escape(str(path))}: \S+政府信息公开工作年度报告（20(19|21)年版格式） — .*", out.splitlines()[0]
    )
    assert run(capsys, "read", str(path)) == (status, out, "")


def test_read_recognizes_kept_reports(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "read", "--json", str(EXAMPLES / "enping-2019.yaml"))
    assert status == 0
    assert json.loads(out) == {
        "source": str(EXAMPLES / "enping-2019.yaml"),
        "report": to_dict(load(EXAMPLES / "enping-2019.yaml")),
        "findings": [],
    }


def test_read_writes_the_report_read(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pdf = CORPUS / "jiangsu-hongze-district-2024.pdf"
    status, out, err = run(capsys, "read", str(pdf), "-o", str(tmp_path / "hongze.yaml"))
    assert (status, err) == (0, "")
    assert out.startswith(f"{pdf}: 淮安市洪泽区人民政府2024年政府信息公开工作年度报告（2021年版格式） — ")
    assert load(tmp_path / "hongze.yaml") == read_files([pdf]).__next__().report
    assert run(capsys, "read", str(tmp_path / "hongze.yaml"), "-o", str(tmp_path / "hongze.json"))[0] == 0
    assert load(tmp_path / "hongze.json") == load(tmp_path / "hongze.yaml")


def test_read_does_not_write_a_reading_with_errors_unless_asked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    page, kept = unbalanced_page(tmp_path / "pages"), tmp_path / "kept.json"
    status, out, err = run(capsys, "read", str(page), "-o", str(kept))
    assert status == 1
    assert "[error] T3-BALANCE applications.carried_forward.natural_person" in out
    assert err == f"{page}: 有 3 个错误，未写入 {kept}；--no-strict 可照样写入\n"
    assert not kept.exists()
    status, again, err = run(capsys, "read", str(page), "-o", str(kept), "--no-strict")
    assert (status, again, err) == (1, out, "")  # written, and the findings still printed and failing
    assert run(capsys, "check", str(kept))[0] == 1


@pytest.mark.parametrize(
    ("args", "refusal"),
    [
        (
            ["{page}", "{page}", "-o", "{out}"],
            "error: read -o writes the report of one file: give one FILE, and no --json",
        ),
        (["{folder}", "-o", "{out}"], "error: read -o writes the report of one file: give one FILE, and no --json"),
        (["{page}", "-o", "{folder}/out.docx"], "error: {folder}/out.docx: cannot tell the format from '.docx'"),
        (["{kept}", "-o", "{kept}"], "error: -o {kept} would overwrite {kept}, one of the files read"),
        (["{page}", "--no-strict"], "error: --no-strict applies to read -o OUT only"),
    ],
)
def test_read_refuses_an_output_it_cannot_write(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], refusal: str
) -> None:
    page, kept = unbalanced_page(tmp_path), tmp_path / "kept.yaml"
    kept.write_text((EXAMPLES / "hongze-2024.yaml").read_text("utf-8") + "# 备注\n", "utf-8")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    names = {"page": str(page), "kept": str(kept), "folder": str(tmp_path), "out": str(tmp_path / "out.yaml")}
    status, out, err = run(capsys, "read", *(a.format(**names) for a in args))
    assert (status, out) == (2, "")
    assert err.startswith(refusal.format(**names))
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_audit_of_the_corpus_fails(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "audit", str(CORPUS), "--jobs", "2", "--lang", "en", "--severity", "warning")
    assert (status, err) == (1, "")
    lines = out.splitlines()
    assert re.fullmatch(r"\d+ files: clean \d+, warnings \d+, errors \d+, no report \d+ \(.*\)", lines[0])
    assert re.fullmatch(r"findings: \d+ errors, \d+ warnings, \d+ infos", lines[1])
    rules = lines[lines.index("by rule:") + 1 : lines.index("files with errors:")]
    assert rules
    assert all(" info " not in rule for rule in rules)  # --severity warning: no infos listed
    assert f"  {CORPUS / 'jiangsu-hongze-district-2023.pdf'}: 2 errors, 2 infos" in lines
    assert (
        f"  {CORPUS / 'README.md'}: READ-NOT-A-REPORT no table of either edition: not a report in the 2019 or "
        "2021 format" in lines
    )


def test_audit_names_the_first_files_with_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    page = unbalanced_page(tmp_path / "pages")
    for n in range(22):
        shutil.copy(page, page.with_name(f"p{n:02}.txt"))
    page.unlink()
    status, out, _ = run(capsys, "audit", str(page.parent), "--json", str(tmp_path / "all.jsonl"))
    assert status == 1
    listed = out.splitlines()[out.splitlines().index("有错误的文件：") + 1 :]
    first, more = f"  {page.parent / 'p00.txt'}: 3 个错误、1 个提示", "  ……另有 2 个，全部见 --json 或 --csv"
    duplicates = [
        f"  {page.parent / f'p{n:02}.txt'}: 3 个错误、1 个警告、1 个提示" for n in range(1, 20)
    ]  # X-DUPLICATE
    assert listed == [first, *duplicates, more]
    assert len((tmp_path / "all.jsonl").read_text("utf-8").splitlines()) == 22


def test_messages_in_the_language_asked(capsys: pytest.CaptureFixture[str]) -> None:
    unbalanced = str(ROOT / "docs" / "examples" / "unbalanced-2021.yaml")
    status, out, _ = run(capsys, "check", unbalanced, "--lang", "en")
    assert status == 1
    assert out.splitlines() == [
        f"{unbalanced}: 某县人民政府办公室2024年政府信息公开工作年度报告 (2021 edition) — 2 errors, 2 warnings",
        "  [error] T3-BALANCE applications.carried_forward.natural_person: column natural_person: received 5 + "
        "carried over 0 = 5, but outcomes total 4 + carried forward 0 = 4",
        "  [error] T3-BALANCE applications.carried_forward.total: column total: received 5 + carried over 0 = 5, but "
        "outcomes total 4 + carried forward 0 = 4",
        "  [warning] T2-IN-FORCE proactive.normative_documents.in_force: normative_documents: 2 in force, fewer than 3 "
        "issued - 0 repealed",
        "  [warning] FEES-UNPAID-WITHOUT-NOTICE fees.notices: 1 application(s) dropped for unpaid fees, but 0 fee "
        "notices issued",
    ]
    status, both, _ = run(capsys, "check", unbalanced, "--lang", "both", "--severity", "error")
    zh, en = run(capsys, "check", unbalanced)[1].splitlines(), out.splitlines()
    assert both.splitlines() == [
        zh[0] + " / 2 errors, 2 warnings",  # the counts count every finding, shown or not
        zh[1],
        en[1],
        zh[2],
        en[2],
    ]
    broken = str(ROOT / "docs" / "examples" / "broken-2019.yaml")
    assert run(capsys, "check", broken, "--lang", "en")[1].splitlines()[:2] == [
        f"{broken}: no report read — 3 errors",
        '  [error] LOAD-TYPE proactive.procurement.amount (line 7): expected a decimal string such as "1862794.63", '
        "got 1862794.63",
    ]


def test_warnings_fail_when_asked(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    report = replace_at(load(EXAMPLES / "hongze-2024.yaml"), "proactive.normative_documents.in_force", 0)
    dump(report, tmp_path / "warned.yaml")
    status, out, _ = run(capsys, "check", str(tmp_path / "warned.yaml"))
    assert (status, out.splitlines()[0].endswith(" — 1 个警告")) == (0, True)
    for command in (["check"], ["read"], ["audit"], ["render", "-o", str(tmp_path / "out.html")]):
        assert run(capsys, command[0], str(tmp_path / "warned.yaml"), *command[1:], "--fail-on", "warning")[0] == 1
        assert run(capsys, command[0], str(tmp_path / "warned.yaml"), *command[1:])[0] == 0
