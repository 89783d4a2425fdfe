"""Reading and writing reports as JSON (canonical) and YAML (for people who write reports by hand).

Hostile text is refused as a :class:`LoadError` naming its line: nesting deeper than :data:`MOST_DEPTH`, YAML
anchors and aliases, a key twice; a problem in JSON is given its line by walking only the path to it.
"""

from __future__ import annotations

import datetime
import json
import operator
import os
import re
import sys
from collections.abc import Callable, Collection, Generator
from json.scanner import make_scanner
from pathlib import Path
from typing import IO, Any, Literal, TypeAlias

import attrs
import yaml

from ..model import Finding, LoadError, Report, system_reason
from ..rules import LOAD_FILE, LOAD_SYNTAX
from ._atomic import write_atomically
from ._converter import LONG, MOST_INTEGER_DIGITS, format_path, from_dict, printable, to_dict
from ._formats import EXTENSIONS

Format: TypeAlias = Literal["json", "yaml"]


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


MOST_DEPTH = 100
"""The deepest nesting of objects and arrays (mappings and sequences) a report's text may have: a report needs
five levels, and deeper text is refused with the line where it passes this depth, never recursed into."""


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _too_deep(source: str | None, line: int | None) -> LoadError:
    return _syntax_error(
        source,
        f"嵌套超过{MOST_DEPTH}层，报告不会有这样深的结构",
        f"nested more than {MOST_DEPTH} levels deep, which no report is",
        line,
    )


def _twice(path: str, key: object, line: int | None) -> Finding:
    return LOAD_SYNTAX.finding(path, f"键“{printable(str(key))}”重复出现", f"the key {key!r} appears twice", line=line)


# JSON -------------------------------------------------------------------------------------------------------


class _Duplicate(ValueError):
    """A key twice in one JSON object; :func:`_duplicates` finds where."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        raise _Duplicate
    return data


def _json_int(digits: str) -> object:
    return LONG if len(digits) > MOST_INTEGER_DIGITS + digits.startswith("-") else int(digits)


_DECODER = json.JSONDecoder(object_pairs_hook=_unique_keys)
_CAREFUL = json.JSONDecoder(object_pairs_hook=_unique_keys, parse_int=_json_int)
_PLAIN = json.JSONDecoder(parse_int=str, parse_float=str)
"""Decodes JSON converting no number and keeping the last of a key given twice: to check and walk the text."""
_SKIP = make_scanner(_PLAIN)  # type: ignore[arg-type]  # it takes a decoder
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_SPACE = re.compile(r"[ \t\n\r]*")
_BRACKETS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|([\[{])|([\]}])')
"""A JSON string (passed over whole), an opening bracket (group 1) or a closing one (group 2)."""


def _space(text: str, at: int) -> int:
    """The offset of the first character from *at* on that is not JSON white space."""
    return _SPACE.match(text, at).end()  # type: ignore[union-attr]  # it matches the empty string


def _unique(text: str) -> Any:
    """*text* decoded by the quickest decoder, no key given twice in one object. A colon outside a string parts a
    key from its value: when the keys of the objects made account for every colon of the text, none was given
    twice; otherwise (a key given twice, or a colon within a string) the keys are checked as they are read."""
    keys = 0

    def counted(obj: dict[str, Any]) -> dict[str, Any]:
        nonlocal keys
        keys += len(obj)
        return obj

    data = json.JSONDecoder(object_hook=counted).decode(text)
    return data if keys == text.count(":") else _DECODER.decode(text)


def _json_data(text: str) -> Any:
    """*text* decoded, an integer of more than MOST_INTEGER_DIGITS digits as LONG (never converted)."""
    limit = getattr(sys, "get_int_max_str_digits", lambda: 0)()  # no limit before Python 3.10.7
    if 0 < limit <= sys.int_info.default_max_str_digits:
        try:  # the fast decoder, while Python refuses to convert an integer long enough to be slow...
            return _unique(text)
        except (json.JSONDecodeError, _Duplicate):
            raise
        except ValueError:  # ...as it just did: decoded again below
            pass
    return _CAREFUL.decode(text)


def _nesting(text: str) -> int | None:
    """The line where JSON *text* nests deeper than MOST_DEPTH, or ``None``."""
    depth = 0
    for token in _BRACKETS.finditer(text):
        if token[1]:
            depth += 1
            if depth > MOST_DEPTH:
                return _line(text, token.start())
        elif token[2]:
            depth -= 1
    return None


Entries: TypeAlias = Generator[tuple[str, str | int, int], None, int]


def _entries(text: str, at: int, path: str, into: Callable[[str], bool]) -> Entries:
    """(wire path, key or index, offset) of each member or item of the JSON value at *at* in well-formed *text*,
    going into the values at the paths *into* accepts and skipping the rest; returns the offset past the value."""
    opening = text[at]
    if opening not in "{[":
        return int(_SKIP(text, at)[1])
    closing, index = "}" if opening == "{" else "]", 0
    at = _space(text, at + 1)
    while text[at] != closing:
        step: str | int
        if opening == "{":
            key, value = _SKIP(text, at)
            value = _space(text, _space(text, value) + 1)  # past the colon
            step, name = key, printable(key)
            where = f"{path}.{name}" if path else name
        else:
            step, value, index = index, at, index + 1
            where = f"{path}[{step}]"
        yield where, step, at
        end = (yield from _entries(text, value, where, into)) if into(where) else _SKIP(text, value)[1]
        at = _space(text, end)
        if text[at] == ",":
            at = _space(text, at + 1)
    return at + 1


def _lines(text: str, offsets: dict[str, int]) -> dict[str, int]:
    """The line of each offset, counting line breaks once through the text."""
    lines, line, last = {}, 1, 0
    for path, at in sorted(offsets.items(), key=operator.itemgetter(1)):
        line, last = line + text.count("\n", last, at), at
        lines[path] = line
    return lines


def _json_lines(text: str, paths: Collection[str]) -> dict[str, int]:
    """The line of each of *paths* in JSON *text*, walking only the objects and arrays on the way to them."""
    ways = {path[:end] for path in paths for end in range(1, len(path)) if path[end] in ".["}
    entries = _entries(text, _space(text, 0), "", ways.__contains__)
    return _lines(text, {path: at for path, _, at in entries if path in paths})


def _duplicates(text: str) -> list[Finding]:
    """Each key that JSON *text* gives twice in one object, at its second place."""
    seen: set[str] = set()
    twice: dict[str, int] = {}
    keys: dict[str, str | int] = {}
    for path, key, at in _entries(text, _space(text, 0), "", lambda _: True):
        if path in seen:
            twice[path], keys[path] = at, key
        seen.add(path)
    return [_twice(path, keys[path], line) for path, line in _lines(text, twice).items()]


_JSON_PROBLEMS = {
    "Expecting value": "此处应有一个值",
    "Expecting property name enclosed in double quotes": "此处应有用双引号括起的键",
    "Expecting ':' delimiter": "此处应有冒号“:”",
    "Expecting ',' delimiter": "此处应有逗号“,”",
    "Unterminated string starting at": "字符串没有结束的引号",
    "Invalid control character at": "字符串中有控制字符",
    "Invalid \\escape": "无效的转义序列",
    "Invalid \\uXXXX escape": "无效的“\\uXXXX”转义序列",
    "Extra data": "值之后还有多余的内容",
}
"""What Python's JSON parser says of a syntax error (its ``msg``), in Chinese."""


def _decoded(decode: Callable[[str], Any], text: str, source: str | None) -> Any:
    """``decode(text)``, a syntax error or nesting too deep to decode given as a :class:`LoadError`."""
    try:
        return decode(text)
    except json.JSONDecodeError as exc:
        raise _syntax_error(
            source,
            f"JSON 语法错误（第{exc.colno}列）：{_JSON_PROBLEMS.get(exc.msg, f'解析器报告“{exc.msg}”')}",
            f"invalid JSON: {exc.msg} (column {exc.colno})",
            exc.lineno,
        ) from None
    except RecursionError:
        raise _too_deep(source, _nesting(text)) from None


def _parse_json(text: str, source: str | None) -> tuple[Any, Callable[[Collection[str]], dict[str, int]]]:
    try:
        data = _decoded(_json_data, text, source)
    except _Duplicate:
        _decoded(_PLAIN.decode, text, source)  # well-formed past the duplicate too, as the walk needs
        if (line := _nesting(text)) is not None:
            raise _too_deep(source, line) from None
        raise LoadError(_duplicates(text), source=source) from None

    def lines(paths: Collection[str]) -> dict[str, int]:
        if (line := _nesting(text)) is not None:  # the reason it failed, whatever else is wrong
            raise _too_deep(source, line)
        return _json_lines(text, paths)

    return data, lines


# YAML -------------------------------------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing anchors and aliases (a report needs none, and aliases can make a small text
    a huge one) and nesting deeper than MOST_DEPTH; an integer of more than MOST_INTEGER_DIGITS digits is LONG."""

    def __init__(self, text: str, source: str | None) -> None:
        super().__init__(text)
        self.source, self.depth = source, 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        line = event.start_mark.line + 1
        if event.anchor is not None:
            raise _syntax_error(
                self.source,
                f"报告不使用 YAML 的锚点与别名（“&{event.anchor}”/“*{event.anchor}”）",
                f"a report uses no YAML anchor or alias (&{event.anchor} / *{event.anchor})",
                line,
            )
        if self.depth == MOST_DEPTH and isinstance(event, yaml.CollectionStartEvent):
            raise _too_deep(self.source, line)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _yaml_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    return LONG if len(node.value.lstrip("+-")) > MOST_INTEGER_DIGITS else loader.construct_yaml_int(node)


_Loader.add_constructor("tag:yaml.org,2002:int", _yaml_int)


def _yaml_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    """An unquoted ``2025-01-20`` as the date it is; any other timestamp (a time of day, a day that does not
    exist) as its text, which the wire format then names as not a date."""
    try:
        value = loader.construct_yaml_timestamp(node)
    except ValueError:  # 2025-02-30
        return node.value
    return value if type(value) is datetime.date else node.value


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _yaml_timestamp)


def _parse_yaml(text: str, source: str | None) -> tuple[Any, Callable[[Collection[str]], dict[str, int]]]:
    lines: dict[str, int] = {}
    try:
        loader = _Loader(text, source)
    except yaml.reader.ReaderError as exc:
        raise _syntax_error(
            source,
            f"YAML 不允许的字符 U+{exc.character:04X}",
            f"a character YAML does not allow: U+{exc.character:04X}",
            _line(text, exc.position),
        ) from None
    try:
        node = loader.get_single_node()
        if node is None:
            raise _syntax_error(source, "输入为空", "the input is empty")
        data = _construct(node, (), lines, loader, source)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise _syntax_error(
            source,
            f"YAML 语法错误，解析器报告“{exc.problem}”",
            f"invalid YAML: {exc.problem}",
            mark.line + 1 if mark else None,
        ) from None
    finally:
        loader.dispose()
    return data, lambda _: lines


def _construct(
    node: yaml.Node, path: tuple[str | int, ...], lines: dict[str, int], loader: yaml.SafeLoader, source: str | None
) -> Any:
    """Plain data from a YAML node, recording the line of every wire path and refusing duplicate keys."""
    if isinstance(node, yaml.MappingNode):
        data: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                raise _syntax_error(source, "键应为文字，而非列表或映射", "a key is text, not a list or mapping", line)
            key = key_node.value
            step = (*path, key)
            where = format_path(step) or ""
            if key in data:
                raise LoadError([_twice(where, key, line)], source=source)
            lines[where] = line
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
        where = lines({f.path for f in exc.findings if f.path})
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
    except OSError as exc:
        problem, problem_en = system_reason(exc)
    except ValueError as exc:  # a name of another format, or a file object already closed
        problem_en = str(exc)
        suffix = Path(name).suffix if name else ""
        problem = (
            f"无法从扩展名“{suffix}”判断格式，请用 .json、.yaml 或 .yml"
            if name and suffix.lower() not in EXTENSIONS
            else f"读取时出错（“{problem_en}”）"
        )
    else:
        return loads(data, format=format, source=name)
    raise LoadError([LOAD_FILE.finding(None, f"无法读取：{problem}", f"cannot read: {problem_en}")], source=name)


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
