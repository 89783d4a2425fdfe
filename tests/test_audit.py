"""Auditing many files: every file reported in a fixed order, each body's years compared, nothing dropped."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import attrs
import pytest

from gov_disclosure import (
    Audited,
    Report,
    Report2021,
    Severity,
    audit,
    dump,
    load,
    read_files,
    report_files,
    validate,
    validate_series,
)
from gov_disclosure.batch._names import shorter_names
from helpers import replace_at

CORPUS = Path(__file__).resolve().parent / "corpus"


def rules(audited: Audited) -> list[str]:
    return [f.rule for f in audited.findings if f.severity is not Severity.INFO or f.rule.startswith("X-")]


def test_the_corpus_audit_names_every_file_in_order_with_its_findings() -> None:
    found = list(audit([CORPUS]))
    assert [a.source for a in found] == [str(p) for p in sorted(CORPUS.iterdir())]
    by_name = {Path(a.source).name: a for a in found}
    assert {name: (a.status, rules(a)) for name, a in by_name.items()} == {
        "README.md": ("unreadable", ["READ-NOT-A-REPORT"]),
        "fujian-pingtan-2018-pre2019-format-excerpt.txt": ("unreadable", ["READ-NOT-A-REPORT"]),
        "fujian-pingtan-2019.txt": ("errors", ["READ-AMBIGUOUS"] * 7),
        "fujian-pingtan-2021.txt": ("errors", ["READ-AMBIGUOUS", "X-GAP"]),
        "fujian-pingtan-2022.txt": ("errors", ["READ-AMBIGUOUS"]),
        "fujian-pingtan-2024.txt": ("errors", ["READ-AMBIGUOUS", "X-GAP"]),
        "guangdong-enping-government-office-2019.txt": ("clean", []),
        "jiangsu-hongze-district-2023.pdf": ("errors", ["T4-STATED-TOTAL", "T4-STATED-TOTAL"]),
        "jiangsu-hongze-district-2024.pdf": ("clean", ["X-AGENCY"]),
        "jiangsu-huaian-city-2024.pdf": ("clean", []),
        "jiangsu-shuyang-county-2025-ocr.txt": ("clean", []),
        "official-blank-template-2021.docx": ("unreadable", ["READ-TITLE"]),
        "shanghai-government-office-2019.html": ("clean", []),
    }
    hongze = by_name["jiangsu-hongze-district-2024.pdf"]
    assert (hongze.key.agency, hongze.key.year, hongze.edition) == ("淮安市洪泽区人民政府", 2024, "2021")  # type: ignore[union-attr]


def test_several_processes_give_the_same_results_in_the_same_order() -> None:
    assert list(audit([CORPUS, CORPUS / "fujian-pingtan-2019.txt"], jobs=2)) == list(
        audit([CORPUS, CORPUS / "fujian-pingtan-2019.txt"])
    )


def test_a_bad_file_never_stops_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a-damaged.docx").write_bytes(b"PK\x03\x04 not a zip")
    shutil.copy(CORPUS / "guangdong-enping-government-office-2019.txt", tmp_path / "b.txt")
    shutil.copy(CORPUS / "guangdong-enping-government-office-2019.txt", tmp_path / "c-crash.txt")
    (tmp_path / ".hidden.txt").write_text("skipped")
    (tmp_path / "notes.csv").write_text("not a report format: skipped")
    import gov_disclosure.batch._gather as module

    real = module.read

    def crash_on_c(path: Path) -> object:
        if path.name.startswith("c-"):
            raise RuntimeError("a reader bug")
        return real(path)

    monkeypatch.setattr(module, "read", crash_on_c)
    found = list(audit([tmp_path, tmp_path / "missing.pdf"]))
    assert [(Path(a.source).name, a.status) for a in found] == [
        ("a-damaged.docx", "unreadable"),
        ("b.txt", "clean"),
        ("c-crash.txt", "unreadable"),
        ("missing.pdf", "unreadable"),
    ]
    reasons = [a.findings[0] for a in found if a.status == "unreadable"]
    assert [f.rule for f in reasons] == ["READ-FILE"] * 3
    assert "cannot be read as docx" in reasons[0].message_en
    assert "无法按 Word 文档读取" in reasons[0].message
    assert "RuntimeError: a reader bug" in reasons[1].message_en
    assert "读取时出错（“RuntimeError: a reader bug”）" in reasons[1].message
    assert "No such file or directory" in reasons[2].message_en
    assert "文件不存在" in reasons[2].message


def year_before(report: Report2021, agency: str) -> Report2021:
    """A report of *agency* for the year before *report*'s, which *report* continues."""
    before = attrs.evolve(report, agency=agency, year=report.year - 1)
    for name in ("regulations", "normative_documents"):
        row = getattr(report.proactive, name)
        before = replace_at(before, f"proactive.{name}.in_force", row.in_force - row.issued + row.repealed)
    return replace_at(before, "applications.carried_forward", report.applications.carried_over)


def kept(folder: Path, report: Report, name: str) -> Path:
    path = folder / name
    dump(report, path)
    return path


def test_kept_reports_are_checked_and_each_bodys_years_compared(tmp_path: Path, hongze: Report2021) -> None:
    last = year_before(hongze, "洪泽区人民政府")
    last = replace_at(last, "applications.carried_forward.natural_person", 4)
    last = replace_at(last, "applications.received.natural_person", last.applications.received.natural_person + 4)
    kept(tmp_path, last, "a.json")
    kept(tmp_path, hongze, "b.yaml")
    kept(tmp_path, replace_at(hongze, "agency", "洪泽区人民政府"), "c.json")  # the same body and year again
    other = kept(tmp_path, replace_at(hongze, "agency", "别的区人民政府"), "d.json")
    found = list(audit([tmp_path]))
    assert [rules(a) for a in found] == [[], ["X-AGENCY", "X-CARRYOVER"], ["X-DUPLICATE"], []]
    carryover = found[1].findings[1]
    assert (carryover.path, carryover.stated, carryover.expected) == ("applications.carried_over.natural_person", 0, 4)
    assert validate(load(other)) == []
    assert found[1].findings == tuple(validate_series([last, hongze]))


def test_a_body_under_a_shorter_name_is_joined_only_when_one_name_fits(tmp_path: Path, hongze: Report2021) -> None:
    kept(tmp_path, year_before(hongze, "朝阳区人民政府"), "a.json")
    kept(tmp_path, replace_at(hongze, "agency", "北京市朝阳区人民政府"), "b.json")
    kept(tmp_path, replace_at(hongze, "agency", "长春市朝阳区人民政府"), "c.json")
    assert [rules(a) for a in audit([tmp_path])] == [[], [], []]
    (tmp_path / "c.json").unlink()
    assert [rules(a) for a in audit([tmp_path])] == [[], ["X-AGENCY"]]


def test_shorter_names() -> None:
    assert list(shorter_names("江苏省淮安市洪泽区人民政府")) == ["淮安市洪泽区人民政府", "洪泽区人民政府"]
    assert list(shorter_names("淮安市人民政府办公室")) == []
    assert list(shorter_names("平潭综合实验区")) == []
    assert list(shorter_names("恩平市人民政府办公室")) == []


def test_read_files_gives_a_reading_for_every_file(tmp_path: Path, enping: Report) -> None:
    kept(tmp_path, enping, "a.yaml")
    (tmp_path / "b.json").write_text('{"schema_version": 1}')
    shutil.copy(CORPUS / "shanghai-government-office-2019.html", tmp_path / "c.html")
    readings = list(read_files([tmp_path], jobs=2))
    assert [Path(r.source or "").name for r in readings] == ["a.yaml", "b.json", "c.html"]
    assert readings[0].report == enping
    assert readings[1].report is None
    assert [f.rule for f in readings[1].findings] == ["LOAD-EDITION"]
    assert readings[2].report is not None
    assert readings[2].report.agency == "上海市人民政府办公厅"


def test_files_are_found_in_a_fixed_order(tmp_path: Path) -> None:
    for name in ("b/z.pdf", "b/a.htm", "a.DOCX", "c.yml", "b/.git/x.txt", "b/c/d.md", "e.png"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"")
    assert [p.relative_to(tmp_path).as_posix() for p in report_files([tmp_path])] == [
        "a.DOCX",
        "b/a.htm",
        "b/c/d.md",
        "b/z.pdf",
        "c.yml",
    ]
    with pytest.raises(ValueError, match="at least 1"):
        next(audit([tmp_path], jobs=0))


def test_every_body_with_several_years_is_compared_however_many_have_one(tmp_path: Path, hongze: Report2021) -> None:
    for n in range(150):  # single-year bodies, sorted before the body with two years
        kept(tmp_path, attrs.evolve(hongze, agency=f"A{n:03d}区人民政府"), f"a{n:03d}.json")
    last = replace_at(year_before(hongze, "Z区人民政府"), "applications.carried_forward.natural_person", 4)
    last = replace_at(last, "applications.received.natural_person", last.applications.received.natural_person + 4)
    kept(tmp_path, last, "z1.json")
    kept(tmp_path, attrs.evolve(hongze, agency="Z区人民政府"), "z2.json")
    found = list(audit([tmp_path], jobs=2))
    assert [rules(a) for a in found] == [[]] * 151 + [["X-CARRYOVER"]]


def test_a_body_under_three_spellings_is_one(tmp_path: Path) -> None:
    kept(tmp_path, Report2021(agency="江苏省淮安市洪泽区人民政府", year=2022), "a.json")
    kept(tmp_path, Report2021(agency="淮安市洪泽区人民政府", year=2023), "b.json")
    kept(tmp_path, Report2021(agency="洪泽区人民政府", year=2024), "c.json")
    found = list(audit([tmp_path]))
    assert [rules(a) for a in found] == [[], [], ["X-AGENCY"]]
    assert [k.agency for k in found[2].findings[0].reports] == [
        "洪泽区人民政府",
        "淮安市洪泽区人民政府",
        "江苏省淮安市洪泽区人民政府",
    ]


def test_links_to_folders_and_special_files_are_passed_over(tmp_path: Path) -> None:
    shutil.copy(CORPUS / "guangdong-enping-government-office-2019.txt", tmp_path / "a.txt")
    (tmp_path / "up").symlink_to(tmp_path)  # a loop, if followed
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would wait for a writer
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    assert [p.name for p in report_files([tmp_path])] == ["a.txt"]
    assert [a.status for a in audit([tmp_path])] == ["clean"]


def test_a_body_whose_comparing_process_dies_is_said_not_compared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gov_disclosure.batch._audit as module

    def dies(rows: object) -> object:
        os._exit(1)

    dies.__module__, dies.__qualname__ = module.__name__, "_compare_body"  # sent to the processes by name
    monkeypatch.setattr(module, "_compare_body", dies)
    kept(tmp_path, Report2021(agency="某区人民政府", year=2022), "a.json")
    kept(tmp_path, Report2021(agency="某区人民政府", year=2023), "b.json")
    found = list(audit([tmp_path], jobs=2))
    assert [rules(a) for a in found] == [[], ["X-UNCHECKED"]]
    assert "the process comparing the years died" in found[1].findings[0].message_en
