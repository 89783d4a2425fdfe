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

from conftest import CORPUS, EXAMPLES
from gov_disclosure import dump, json_schema, load, read_files, write_long, write_wide
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
    assert first == f"{EXAMPLES / 'enping-2019.yaml'}: {title}（2019年版格式）— 通过 / clean"
    assert second.endswith(": 淮安市洪泽区人民政府2024年政府信息公开工作年度报告（2021年版格式）— 通过 / clean")


def test_check_findings(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    report = replace_at(load(EXAMPLES / "enping-2019.yaml"), "applications.carried_forward.natural_person", 1)
    dump(report, tmp_path / "broken.json")
    status, out, _ = run(capsys, "check", str(tmp_path / "broken.json"))
    assert status == 1
    assert "2 个错误、0 个提示" in out
    assert "[error] T3-BALANCE applications.carried_forward.natural_person：“自然人”列：" in out


def test_check_unreadable_wins(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "schema_version: 1\nedition: '2019'\nagency: 某局\nyear: 2019\n"
        "appeals: {administrative_review: {upheld: 1.5}}\n"
    )
    status, out, _ = run(capsys, "check", str(EXAMPLES / "enping-2019.yaml"), str(bad), str(tmp_path / "none.json"))
    assert status == 2
    lines = out.splitlines()
    assert lines[1:] == [
        f"{bad}: 不是有效的报告文件 / not a valid report file",
        "  [error] LOAD-TYPE appeals.administrative_review.upheld（第5行）：应为非负整数，实为 1.5",
        f"{tmp_path / 'none.json'}: 不是有效的报告文件 / not a valid report file",
        "  [error] LOAD-FILE —：无法读取：文件不存在",
    ]


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
    assert (status, err.splitlines()[0]) == (
        2,
        f"{tmp_path / 'missing.yaml'}: 不是有效的报告文件 / not a valid report file",
    )
    assert not (tmp_path / "out.json").exists()


@pytest.mark.parametrize(
    "command", [[], ["check"], ["read"], ["convert"], ["render"], ["schema"], ["audit"], ["export"]]
)
def test_help_on_every_command(command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "gov_disclosure", *command, "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.startswith("usage: gov-disclosure")


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
    assert "报告有 2 个错误，未生成" in err
    assert "[error] T3-BALANCE applications.carried_forward.natural_person" in err
    assert not (tmp_path / "draft.docx").exists()
    assert (
        run(capsys, "render", str(tmp_path / "draft.yaml"), "-o", str(tmp_path / "draft.docx"), "--no-strict")[0] == 0
    )
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
        "3 个文件 / files：通过 / clean 2，有警告 / warnings 0，有错误 / errors 1，无法读取 / unreadable 0",
        "按规则 / by rule:",
        "  READ-BLANK                   info          135",
        "  READ-LABEL-VARIANT           info            4",
        "  T4-STATED-TOTAL              error           2",
        "  X-AGENCY                     info            1",
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


def test_audit_lists_the_files_without_a_report_and_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = corpus_copy(tmp_path, "guangdong-enping-government-office-2019.txt")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04")
    status, out, _ = run(capsys, "audit", str(folder))
    assert status == 2
    assert (
        out.splitlines()[0]
        == "2 个文件 / files：通过 / clean 1，有警告 / warnings 0，有错误 / errors 0，无法读取 / unreadable 1"
    )
    assert out.splitlines()[-2:] == [
        "未能读出报告的文件 / files without a report:",
        f"  {folder / 'broken.docx'}: READ-FILE 无法读取文件：无法按 Word 文档读取，读取程序报告“File is not a zip "
        "file”",
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
    assert (status, out) == (2, "")
    assert err.splitlines() == [
        f"{folder / 'fujian-pingtan-2018-pre2019-format-excerpt.txt'}: 未能读出报告，未导出 / no report, not exported",
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
    assert out.startswith("0 个文件 / files")


def test_an_output_that_is_a_folder_is_refused_and_nothing_is_left(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "out").mkdir()
    status, _, err = run(capsys, "audit", str(EXAMPLES), "--csv", str(tmp_path / "out"))
    assert (status, err) == (2, f"error: cannot write {tmp_path / 'out'}: Is a directory\n")
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
