"""Reading and writing reports as JSON (canonical) and YAML (for people who write reports by hand)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, Literal, TypeAlias

import attrs
import yaml

from ..model import LoadError, Report
from ..rules import LOAD_FILE, LOAD_SYNTAX
from ._atomic import write_atomically
from ._converter import format_path, from_dict, to_dict

Format: TypeAlias = Literal["json", "yaml"]

EXTENSIONS: dict[str, Format] = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}
"""The format of a kept report by its file's suffix."""


def format_of(path: str | os.PathLike[str]) -> Format:
    """The format a file name asks for: ``.json``, or ``.yaml`` / ``.yml``."""
    suffix = Path(path).suffix.lower()
    if suffix not in EXTENSIONS:
        raise ValueError(
            f"{os.fspath(path)}: cannot tell the format from {suffix or 'no extension'!r}; use .json, .yaml or .yml"
        )
    return EXTENSIONS[suffix]


def _syntax_error(source: str | None, message: str, message_en: str, line: int | None = None) -> LoadError:
    return LoadError([LOAD_SYNTAX.finding(None, message, message_en, line=line)], source=source)


def _decode(data: str | bytes, source: str | None) -> str:
    if isinstance(data, bytes):
        if b"\0" in data:
            raise _syntax_error(
                source, "这是二进制文件，不是 JSON 或 YAML 文本", "this is a binary file, not JSON or YAML text"
            )
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise _syntax_error(
                source,
                f"不是 UTF-8 编码的文本（第{exc.start}字节），请另存为 UTF-8",
                f"not UTF-8 text (byte {exc.start}); save the file as UTF-8",
            ) from None
    if not data or data.isspace():
        raise _syntax_error(source, "输入为空", "the input is empty")
    return data.removeprefix("\ufeff")


class _Duplicate(ValueError):
    pass


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        keys = [key for key, _ in pairs]
        raise _Duplicate(next(key for key in keys if keys.count(key) > 1))
    return data


_DECODER = json.JSONDecoder(object_pairs_hook=_unique_keys)
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _parse_json(text: str, source: str | None) -> tuple[Any, Callable[[], dict[str, int]]]:
    try:
        data = _DECODER.decode(text)
    except json.JSONDecodeError as exc:
        raise _syntax_error(
            source,
            f"JSON 语法错误：{exc.msg}（第{exc.colno}列）",
            f"invalid JSON: {exc.msg} (column {exc.colno})",
            exc.lineno,
        ) from None
    except _Duplicate as exc:
        raise _syntax_error(source, f"键“{exc}”重复出现", f"the key {str(exc)!r} appears twice") from None

    def lines() -> dict[str, int]:
        try:
            return _parse_yaml(text, source)[1]()
        except LoadError:  # JSON that YAML cannot read: no line numbers
            return {}

    return data, lines


def _parse_yaml(text: str, source: str | None) -> tuple[Any, Callable[[], dict[str, int]]]:
    loader = yaml.SafeLoader(text)
    lines: dict[str, int] = {}
    try:
        node = loader.get_single_node()
        if node is None:
            raise _syntax_error(source, "输入为空", "the input is empty")
        data = _construct(node, (), lines, loader, source)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise _syntax_error(
            source, f"YAML 语法错误：{exc.problem}", f"invalid YAML: {exc.problem}", mark.line + 1 if mark else None
        ) from None
    except yaml.YAMLError as exc:
        raise _syntax_error(source, f"YAML 语法错误：{exc}", f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()
    return data, lambda: lines


def _construct(
    node: yaml.Node, path: tuple[str | int, ...], lines: dict[str, int], loader: yaml.SafeLoader, source: str | None
) -> Any:
    """Plain data from a YAML node, recording the line of every wire path and refusing duplicate keys."""
    if isinstance(node, yaml.MappingNode):
        data: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in data:
                raise _syntax_error(
                    source, f"键“{key}”重复出现", f"the key {key!r} appears twice", key_node.start_mark.line + 1
                )
            step = (*path, str(key))
            lines[format_path(step) or ""] = key_node.start_mark.line + 1
            data[key] = _construct(value_node, step, lines, loader, source)
        return data
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            lines[format_path((*path, index)) or ""] = item.start_mark.line + 1
            items.append(_construct(item, (*path, index), lines, loader, source))
        return items
    return loader.construct_object(node, deep=True)


_PARSERS = {"json": _parse_json, "yaml": _parse_yaml}


def loads(data: str | bytes, *, format: Format = "json", source: str | None = None) -> Report:
    """The report in *data* (JSON or YAML text).

    Raises :class:`LoadError` listing every problem with its wire path and line; *source* names the input
    in messages.
    """
    parsed, lines = _PARSERS[format](_decode(data, source), source)
    try:
        return from_dict(parsed, source=source)
    except LoadError as exc:
        where = lines()
        findings = [attrs.evolve(f, line=where.get(f.path or "")) for f in exc.findings]
        findings.sort(key=lambda f: (f.line is None, f.line or 0))  # in the order of the input, where known
        raise LoadError(findings, source=source) from None


def load(source: str | os.PathLike[str] | IO[bytes], *, format: Format | None = None) -> Report:
    """The report in a ``.json`` / ``.yaml`` / ``.yml`` file (a path, or a binary file object read as JSON
    unless its name or *format* says otherwise)."""
    path = Path(source) if isinstance(source, str | os.PathLike) else None
    name = str(path) if path else getattr(source, "name", None)
    name = name if isinstance(name, str) else None
    try:
        format = format or (format_of(name) if name else "json")
        data = path.read_bytes() if path else source.read()  # type: ignore[union-attr]
    except (OSError, ValueError) as exc:
        problem = exc.strerror if isinstance(exc, OSError) else str(exc)
        raise LoadError(
            [LOAD_FILE.finding(None, f"无法读取：{problem}", f"cannot read: {problem}")], source=name
        ) from None
    return loads(data, format=format, source=name)


class _Dumper(yaml.SafeDumper):
    """Block style for sections and groups, one flow mapping per table row."""


def _represent_dict(dumper: yaml.SafeDumper, data: dict[str, Any]) -> yaml.Node:
    row = bool(data) and all(isinstance(v, int | None) or (isinstance(v, str) and len(v) < 40) for v in data.values())
    return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=row)


_Dumper.add_representer(dict, _represent_dict)


def dumps(report: Report, *, format: Format = "json", indent: int | None = None) -> str:
    """*report* as canonical JSON (or YAML): statutory key order, every count written, totals included.

    JSON is compact unless *indent* is given; YAML is always laid out for reading.
    """
    data = to_dict(report)
    if format == "json":
        if indent is None:
            return _COMPACT.encode(data)
        return json.dumps(data, ensure_ascii=False, indent=indent)
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1 << 20)


def _file_text(report: Report, format: Format, indent: int | None) -> str:
    text = dumps(report, format=format, indent=indent)
    return text if text.endswith("\n") else text + "\n"


def dump(
    report: Report, target: str | os.PathLike[str] | IO[str], *, format: Format | None = None, indent: int | None = 2
) -> None:
    """Write *report* to a path (atomically: a temporary file, then a rename) or a text stream.

    The format follows the file name unless given; JSON files are indented by *indent* for people to read.
    """
    if not isinstance(target, str | os.PathLike):
        target.write(_file_text(report, format or "json", indent))
        return
    path = Path(target)
    write_atomically(_file_text(report, format or format_of(path), indent).encode("utf-8"), path)
