"""The command line: findings per file, exit codes, schema, conversion, help."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES
from gov_disclosure import dump, json_schema, load
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
        "  [error] LOAD-FILE —：无法读取：No such file or directory",
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


@pytest.mark.parametrize("command", [[], ["check"], ["convert"], ["render"], ["schema"]])
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
    for name in ("enping.docx", "enping.html"):
        assert run(capsys, "render", str(EXAMPLES / "enping-2019.yaml"), "-o", str(tmp_path / name)) == (0, "", "")
    assert (tmp_path / "enping.docx").read_bytes()[:2] == b"PK"
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
        f"error: {tmp_path / 'out.pdf'}: cannot tell what to render from '.pdf'; use .docx or .html",
    )
    status, _, err = run(
        capsys, "render", str(EXAMPLES / "enping-2019.yaml"), "-o", str(tmp_path / "a.html"), "--template", "t.docx"
    )
    assert (status, err.strip()) == (2, "error: --template is a Word template; it applies to .docx output only")
    status, _, err = run(
        capsys, "render", str(EXAMPLES / "enping-2019.yaml"), "-o", str(tmp_path / "a.docx"), "--template", "none.docx"
    )
    assert (status, err.strip()) == (2, "error: none.docx: cannot read the template: No such file or directory")
