"""The wire format (format spec §13) through one private cattrs converter.

Structuring is strict and reports every problem with its wire path: counts are integers within the model's
bounds (never floats, strings or booleans), money is a decimal string within its bounds, text is what UTF-8 can
write, unknown keys are errors, omitted counts are 0, and a stated total must equal the derived one.
Unstructuring writes every key, derived totals included.
"""

from __future__ import annotations

import datetime
import functools
import json
import operator
import re
import typing
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from itertools import chain
from typing import Any

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, override

from ..model import (
    MOST_COUNT,
    MOST_MONEY,
    MOST_PLACES,
    REPORT_CLASSES,
    AppealCounts,
    ApplicantCounts,
    Finding,
    Heading,
    Kind,
    LoadError,
    Narrative,
    Outcomes,
    Paragraph,
    Part,
    Report,
    Report2019,
    Report2021,
    field_meta,
    money_fits,
    part_at,
    parts,
    per_class,
)
from ..rules import (
    LOAD_EDITION,
    LOAD_MISSING_KEY,
    LOAD_TYPE,
    LOAD_UNKNOWN_KEY,
    LOAD_VALUE,
    Rule,
    appeal_total,
    outcome_total,
    row_total,
)

SCHEMA_VERSION = 1

Path = tuple[str | int, ...]


class _Problem(Exception):
    """One problem found while structuring; cattrs collects these with the attribute they belong to."""

    def __init__(
        self,
        rule: Rule,
        message: str,
        message_en: str,
        *,
        stated: int | Decimal | None = None,
        expected: int | Decimal | None = None,
    ) -> None:
        super().__init__(message_en)
        self.rule, self.message, self.message_en = rule, message, message_en
        self.stated, self.expected = stated, expected


MOST_INTEGER_DIGITS = 30
"""The most digits (sign aside) an integer in JSON or YAML text is written with: a longer one, which no figure of
a report is, is refused by its length, never converted (Python's ``int()`` of a digit string takes time growing
with the square of its length, and refuses one of over 4,300 digits); a message shows a longer figure cut."""


class _Long:
    """What the parsers give for an integer of more than :data:`MOST_INTEGER_DIGITS` digits (:data:`LONG`)."""

    def __repr__(self) -> str:
        return f"<an integer of more than {MOST_INTEGER_DIGITS} digits>"


LONG = _Long()
_SHORT = 10**MOST_INTEGER_DIGITS


def _integer(value: object) -> tuple[str, str]:
    """An integer as a message shows it, in Chinese and English: its digits, or its size when too long."""
    if type(value) is int and -_SHORT < value < _SHORT:
        return str(value), str(value)
    return f"超过{MOST_INTEGER_DIGITS}位的整数", f"an integer of more than {MOST_INTEGER_DIGITS} digits"


def printable(text: str) -> str:
    """*text* with a character UTF-8 cannot hold (a lone surrogate) written as its escape, for a message."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _show(value: object) -> str:
    """*value* as a message shows it: as JSON, an over-long integer by its size."""
    return repr(value) if value is LONG else printable(json.dumps(value, ensure_ascii=False, default=repr))


def _show_zh(value: object) -> str:
    """*value* as a Chinese message shows it (see :func:`_show`)."""
    return _integer(value)[0] if value is LONG else _show(value)


def _type_problem(value: object, expected: str, expected_en: str) -> _Problem:
    return _Problem(LOAD_TYPE, f"应为{expected}，实为 {_show_zh(value)}", f"expected {expected_en}, got {_show(value)}")


def _out_of_range(value: object, least: int, most: int, what: str, what_en: str) -> _Problem:
    zh, en = _integer(value)
    return _Problem(
        LOAD_VALUE,
        f"{what}应在{least:,}至{most:,}之间，实为{zh}",
        f"{what_en} must be from {least:,} to {most:,}, got {en}",
    )


# Leaf values ------------------------------------------------------------------------------------------------


def _count(value: object, _: object = None) -> int:
    if type(value) is int and 0 <= value <= MOST_COUNT:
        return value
    if type(value) is int and -_SHORT < value < 0:
        raise _Problem(LOAD_VALUE, f"计数不能为负数：{value}", f"a count cannot be negative: {value}")
    if type(value) is int or value is LONG:
        raise _out_of_range(value, 0, MOST_COUNT, "计数", "a count")
    raise _type_problem(value, "非负整数", "a non-negative integer")


def _signed_count(value: object, _: object = None) -> int:
    if type(value) is int and -MOST_COUNT <= value <= MOST_COUNT:
        return value
    if type(value) is int or value is LONG:
        raise _out_of_range(value, -MOST_COUNT, MOST_COUNT, "增减数", "a change")
    raise _type_problem(value, "整数（减少用负数表示）", "an integer (negative for a decrease)")


_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def _money(value: object, _: object = None) -> Decimal:
    if type(value) is not str or not _DECIMAL.fullmatch(value):
        raise _type_problem(value, '带引号的十进制数字字符串，如 "1862794.63"', 'a decimal string such as "1862794.63"')
    amount = Decimal(value)
    shown = value if len(value) <= MOST_INTEGER_DIGITS else f"{value[:MOST_INTEGER_DIGITS]}…"
    if amount.is_signed():  # "-0" too: an amount has no sign
        raise _Problem(LOAD_VALUE, f"金额不能为负数：{shown}", f"an amount cannot be negative: {shown}")
    if not money_fits(amount):
        raise _Problem(
            LOAD_VALUE,
            f"金额应小于{MOST_MONEY:,}，至多{MOST_PLACES}位小数：{shown}",
            f"an amount must be below {MOST_MONEY:,}, with at most {MOST_PLACES} decimal places: {shown}",
        )
    return amount


def _optional(structure: Callable[[object, object], Any]) -> Callable[[object, object], Any]:
    def optional(value: object, _: object = None) -> Any:
        return None if value is None else structure(value, None)

    return optional


def _utf8(text: str) -> str:
    """*text*, refused if UTF-8 cannot hold it: a lone surrogate (as JSON's ``"\\ud800"`` makes) is no character."""
    try:
        text.encode()
    except UnicodeEncodeError as exc:
        code = f"U+{ord(text[exc.start]):04X}"
        raise _Problem(
            LOAD_VALUE,
            f"文字含有孤立的代理码位 {code}，无法以 UTF-8 写出",
            f"the text holds {code}, a lone surrogate that UTF-8 cannot write",
        ) from None
    return text


def _text(value: object, _: object = None) -> str:
    if type(value) is str and value.strip():
        return _utf8(value)
    raise _type_problem(value, "非空字符串", "a non-empty string")


def _names(value: object, _: object = None) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(type(name) is str and name.strip() for name in value):
        raise _type_problem(value, "非空字符串列表", "a list of non-empty strings")
    if len(set(value)) != len(value):
        raise _Problem(LOAD_VALUE, f"名称重复：{_show_zh(value)}", f"a name is listed twice: {_show(value)}")
    return tuple(map(_utf8, value))


def _choice(values: tuple[str, ...]) -> Callable[[object, object], str]:
    def structure(value: object, _: object = None) -> str:
        if isinstance(value, str) and value in values:
            return value
        raise _Problem(
            LOAD_VALUE,
            f"应为{'、'.join(values)}之一，实为 {_show_zh(value)}",
            f"expected one of {values}, got {_show(value)}",
        )

    return structure


def _year(years: tuple[int, int]) -> Callable[[object, object], int]:
    first, last = years

    def structure(value: object, _: object = None) -> int:
        if type(value) is not int and value is not LONG:
            raise _type_problem(value, "整数年度", "an integer year")
        if type(value) is not int or not first <= value <= last:
            zh, en = _integer(value)
            raise _Problem(
                LOAD_VALUE,
                f"该版格式的年度应在{first}至{last}之间，实为{zh}",
                f"the year of this edition must be from {first} to {last}, got {en}",
            )
        return value

    return structure


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _date(value: object, _: object = None) -> datetime.date:
    """A day written ``YYYY-MM-DD``, or the date YAML makes of an unquoted ``2025-01-20``."""
    if type(value) is datetime.date:
        return value
    if type(value) is not str or not _ISO_DATE.fullmatch(value):
        raise _type_problem(
            value, '"YYYY-MM-DD" 形式的日期，如 "2025-01-20"', 'a date "YYYY-MM-DD" such as "2025-01-20"'
        )
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise _Problem(LOAD_VALUE, f"没有这一天：{value}", f"there is no such day: {value}") from None


def _narrative(value: object, _: object = None) -> Narrative:
    if not isinstance(value, list):
        raise _type_problem(value, "段落列表", "a list of {heading: …} / {paragraph: …} items")
    if not value:
        return _NO_TEXT
    try:  # the common case in one go; anything odd is located item by item below
        if _ONE.issuperset(map(len, value)):
            # a lone surrogate is located below (UTF-16 refuses what UTF-8 does, and is quicker to check)
            "".join(chain.from_iterable(map(dict.values, value))).encode("utf-16")
            return Narrative(blocks=[_BLOCKS[key](text=text) for item in value for key, text in item.items()])
    except (TypeError, AttributeError, KeyError, UnicodeEncodeError):
        pass
    blocks: list[Heading | Paragraph] = []
    problems: list[Exception] = []
    for index, item in enumerate(value):
        try:
            blocks.append(_block(item))
        except _Problem as problem:
            problems.append(_at(index, problem))
    if problems:
        raise cattrs.IterableValidationError("narrative", problems, list)
    return Narrative(blocks=blocks)


_BLOCKS: dict[str, type[Heading] | type[Paragraph]] = {"heading": Heading, "paragraph": Paragraph}
_NO_TEXT = Narrative()
_ONE = frozenset((1,))


def _block(item: object) -> Heading | Paragraph:
    if type(item) is dict and len(item) == 1:
        ((key, text),) = item.items()
        if type(text) is str and (block := _BLOCKS.get(key)):
            return block(text=_utf8(text))
    raise _type_problem(item, '{"heading": 文字} 或 {"paragraph": 文字}', "{heading: text} or {paragraph: text}")


def _leaf_hook(cls: Any, p: Part) -> Callable[[object, object], Any] | None:
    """The structure hook of a leaf field, or ``None`` for a nested part."""
    hooks: dict[Kind, Callable[[object, object], Any]] = {
        Kind.COUNT: _count,
        Kind.SIGNED_COUNT: _signed_count,
        Kind.MONEY: _money,
        Kind.TEXT: _text,
        Kind.NARRATIVE: _narrative,
        Kind.NAMES: _names,
        Kind.DATE: _date,
    }
    if p.kind is Kind.YEAR:
        return _year(cls.years)
    if p.kind is Kind.UNIT:
        return _choice(field_meta(cls, p.name)["values"])
    hook = hooks.get(p.kind)
    return _optional(hook) if hook and p.optional else hook


# Classes ----------------------------------------------------------------------------------------------------

_converter = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True)


def _at(name: str | int, exception: Exception) -> Exception:
    note: str = (
        IterableValidationNote("", name, object) if isinstance(name, int) else AttributeValidationNote("", name, object)
    )
    exception.__notes__ = [*getattr(exception, "__notes__", []), note]  # type: ignore[attr-defined]
    return exception


class _Mismatch(Exception):
    """A stated total that is not the sum of its parts; its finding is made where its wire path is known."""

    def __init__(self, identity: Callable[..., Finding], stated: int, due: int) -> None:
        super().__init__(f"the stated total {stated} differs from the sum of its parts {due}")
        self.identity, self.stated, self.due = identity, stated, due


def _identity(cls: type) -> Callable[..., Finding]:
    """The identity of the statute a total of *cls* is checked by."""
    if issubclass(cls, Outcomes):
        return outcome_total
    return appeal_total if issubclass(cls, AppealCounts) else row_total


def _check_total(obj: object, p: Part, stated: object) -> Iterator[Exception]:
    """The cells of a stated total that differ from the computed one.

    A stated row of totals is compared cell by cell, its 总计 with the computed 总计 and not with the row's own
    cells: so a wrong cell is named, where checking the row's 总计 against its cells would blame the 总计.
    """
    identity = _identity(type(obj))
    computed = getattr(obj, p.name)
    if not isinstance(computed, ApplicantCounts):
        if (given := _count(stated)) != computed:
            yield _Mismatch(identity, given, computed)
        return
    cells, total = stated, None
    if isinstance(stated, Mapping) and _ROW_TOTAL in stated:
        cells = {key: value for key, value in stated.items() if key != _ROW_TOTAL}
        try:
            total = _count(stated[_ROW_TOTAL])
        except _Problem as problem:
            raise _at(_ROW_TOTAL, problem) from None
    row = _converter.structure(cells, ApplicantCounts)
    compared = [(column, getattr(row, column)) for column in _ROW_CELLS]
    if total is not None:
        compared.append((_ROW_TOTAL, total))
    for column, value in compared:
        if value != (due := getattr(computed, column)):
            yield _at(column, _Mismatch(identity, value, due))


def _agrees(stated: object, computed: object) -> bool:
    """Whether a stated total is well-formed and equals the computed one (the common case, checked fast)."""
    if isinstance(computed, ApplicantCounts):
        return (
            type(stated) is dict
            and stated.keys() <= _ROW_KEYS
            and all(type(v) is int and v == getattr(computed, k) for k, v in stated.items())
        )
    return type(stated) is int and stated == computed


_ROW_KEYS = frozenset(p.name for p in parts(ApplicantCounts))
_ROW_CELLS = [p.name for p in parts(ApplicantCounts) if not p.derived]
_ROW_TOTAL = next(p.name for p in parts(ApplicantCounts) if p.derived)

_AS_IS = frozenset((Kind.COUNT, Kind.SIGNED_COUNT, Kind.TEXT, Kind.YEAR, Kind.UNIT))
"""Kinds whose wire value is the model value itself."""


@per_class
def _structure_hook(cls: Any) -> Callable[[object, Any], Any]:
    """Structure *cls*: a fast pass taking well-formed data as it is, and on any problem a thorough one that
    locates every problem (the fast pass finds none: it gives up, and the thorough pass starts afresh)."""
    leaves = {p.name: hook for p in parts(cls) if not p.derived and (hook := _leaf_hook(cls, p))}
    hooks: dict[str, Callable[[object, Any], Any]] = {  # a nested part's own hook, found once
        p.name: leaves.get(p.name) or _converter.get_structure_hook(p.type) for p in parts(cls) if not p.derived
    }
    overrides = {name: override(struct_hook=hook) for name, hook in leaves.items()}
    thorough = make_dict_structure_fn(cls, _converter, _cattrs_detailed_validation=True, **overrides)  # type: ignore[arg-type]
    origin = typing.get_origin(cls) or cls
    keys = frozenset(p.name for p in parts(cls))
    totals = [p.name for p in parts(cls) if p.derived]
    defaults = attrs.fields_dict(origin)
    required_parts = [
        p.name
        for p in parts(cls)
        if p.kind is Kind.PART and not p.derived and defaults[p.name].default is attrs.NOTHING
    ]

    def fast(data: dict[str, Any]) -> Any:
        values = {name: hooks[name](value, None) for name, value in data.items() if name in hooks}
        for name in required_parts:  # an omitted group of counts is all zeros
            if name not in values:
                values[name] = hooks[name]({}, None)
        obj = origin(**values)
        for name in totals:
            if name in data and not _agrees(data[name], getattr(obj, name)):
                raise ValueError(name)
        return obj

    def structure(data: object, _: Any = None) -> Any:
        if type(data) is dict and keys.issuperset(data):
            try:
                return fast(data)
            except Exception:  # located below
                pass
        if not isinstance(data, Mapping):
            raise _type_problem(data, "键值映射（对象）", "a mapping of keys to values")
        data = dict(data)
        stated = {name: data.pop(name) for name in totals if name in data}
        for name in required_parts:
            data.setdefault(name, {})
        obj = thorough(data, cls)
        problems: list[Exception] = []
        for p in parts(cls):
            if p.derived and p.name in stated and not _agrees(stated[p.name], getattr(obj, p.name)):
                try:
                    problems.extend(_at(p.name, e) for e in _check_total(obj, p, stated[p.name]))
                except (_Problem, _Mismatch, ClassValidationError) as e:
                    problems.append(_at(p.name, e))
        if problems:
            raise ClassValidationError(f"While structuring {cls!r}", problems, cls)
        return obj

    if _plain(cls):
        return _interned(structure, tuple(p.name for p in parts(cls)))
    if all(p.kind is Kind.PART and not p.derived and _plain(p.type) for p in parts(cls)):
        return _interned_table(structure, {p.name: tuple(q.name for q in parts(p.type)) for p in parts(cls)})
    return structure


def _plain(cls: Any) -> bool:
    """Whether *cls* is a row of plain values (counts, text), each the model's value as it is on the wire."""
    return all(p.kind in _AS_IS for p in parts(cls))


_INTERNED_ROWS = 1024
"""Rows (or tables) remembered by each of the caches below; a bound reached within a few hundred reports."""
_PLAIN_TYPES = frozenset((int, str))

K = typing.TypeVar("K")
V = typing.TypeVar("V")


def _kept(cache: dict[K, V], key: K, value: V) -> V:
    """*value*, kept in *cache* under *key*; a full cache is emptied first."""
    if len(cache) >= _INTERNED_ROWS:
        cache.clear()
    cache[key] = value
    return value


def _interned(structure: Callable[[object, Any], Any], keys: tuple[str, ...]) -> Callable[[object, Any], Any]:
    """*structure* for rows of plain values, sharing one frozen instance among equal rows.

    Most rows of a report are the same few (all zeros), so this saves most of the construction. Only
    ``int`` and ``str`` values are looked up: ``True == 1`` must not find the row of a ``1``. A row written with
    every key in the order *keys* is looked up by its values alone.
    """
    cache: dict[tuple[object, ...], Any] = {}

    def interned(data: object, _: Any = None) -> Any:
        if type(data) is not dict or not _PLAIN_TYPES.issuperset(map(type, data.values())):
            return structure(data, _)
        key = tuple(data.values()) if tuple(data) == keys else tuple(data.items())
        row = cache.get(key)
        return _kept(cache, key, structure(data, _)) if row is None else row

    return interned


_DICTS = frozenset((dict,))


def _interned_table(
    structure: Callable[[object, Any], Any], rows: dict[str, tuple[str, ...]]
) -> Callable[[object, Any], Any]:
    """*structure* for a table of rows of plain values (see :func:`_interned`), sharing one frozen instance among
    equal tables written with every row and every key of each in their order (*rows*: each row's keys)."""
    cache: dict[tuple[tuple[object, ...], ...], Any] = {}
    names, keys = tuple(rows), tuple(rows.values())

    def interned(data: object, _: Any = None) -> Any:
        if not (
            type(data) is dict
            and tuple(data) == names
            and _DICTS.issuperset(map(type, given := tuple(data.values())))
            and tuple(map(tuple, given)) == keys
        ):
            return structure(data, _)
        key = tuple(map(tuple, map(dict.values, given)))
        if not _PLAIN_TYPES.issuperset(map(type, chain.from_iterable(key))):
            return structure(data, _)
        table = cache.get(key)
        return _kept(cache, key, structure(data, _)) if table is None else table

    return interned


_converter.register_structure_hook_factory(attrs.has, _structure_hook)


def money_text(value: Decimal | None) -> str | None:
    """An amount as the wire writes it: its exact digits, no exponent."""
    return None if value is None else format(value, "f")


def figure_text(value: object) -> str:
    """A figure as text: a count's digits, an amount's exact digits (no exponent), a unit; empty when unstated."""
    if value is None:
        return ""
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def _date_text(value: datetime.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _narrative_data(value: Narrative) -> list[dict[str, str]]:
    return [{"heading" if isinstance(b, Heading) else "paragraph": b.text} for b in value.blocks]


def _part_dumper(p: Part) -> Callable[[Any], Any] | None:
    """The unstructure hook of a nested part, found once for a concrete class (at each call for a type variable)."""
    if p.kind is not Kind.PART:
        return None
    if attrs.has(p.type):
        return _converter.get_unstructure_hook(p.type)
    return _converter.unstructure


_DUMPERS: dict[Kind, Callable[[Any], Any]] = {
    Kind.MONEY: money_text,
    Kind.NARRATIVE: _narrative_data,
    Kind.NAMES: list,
    Kind.DATE: _date_text,
}


def _dumper(p: Part) -> Callable[[Any], Any] | None:
    """How the value of *p* is written to the wire; ``None`` for a value written as it is."""
    return _DUMPERS.get(p.kind) or _part_dumper(p)


@functools.cache
def _picked(cls: Any, names: tuple[str, ...]) -> tuple[tuple[str, Callable[[Any], Any] | None], ...]:
    found = {p.name: p for p in parts(cls)}
    return tuple((name, _dumper(found[name])) for name in names if name in found)


def parts_data(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    """The wire data of the parts of *obj* named in *names* (those its class has), in that order: what
    :func:`to_dict` writes of them, without writing the rest."""
    cls: Any = type(obj)
    data = {}
    for name, dump in _picked(cls, names):
        value = getattr(obj, name)
        data[name] = dump(value) if dump else value
    return data


def _remembered(unstructure: Callable[[Any], dict[str, Any]]) -> Callable[[Any], dict[str, Any]]:
    """*unstructure* for rows of plain values, remembering the data of equal rows (the counterpart of
    :func:`_interned`); each call returns a fresh dict, which the caller may change."""
    cache: dict[Any, dict[str, Any]] = {}

    def remembered(obj: Any) -> dict[str, Any]:
        data = cache.get(obj)
        return (_kept(cache, obj, unstructure(obj)) if data is None else data).copy()

    return remembered


def _unstructure_hook(cls: Any) -> Callable[[Any], dict[str, Any]]:
    names = [p.name for p in parts(cls)]
    if all(p.kind in _AS_IS for p in parts(cls)):  # a row of plain values, read in one go
        get = operator.attrgetter(*names)
        values = get if len(names) > 1 else lambda obj: (get(obj),)
        return _remembered(lambda obj: dict(zip(names, values(obj), strict=True)))
    plan = [(p.name, _dumper(p)) for p in parts(cls)]
    head = {"schema_version": SCHEMA_VERSION, "edition": cls.edition} if cls in REPORT_CLASSES.values() else {}

    def unstructure(obj: Any) -> dict[str, Any]:
        data = dict(head)
        for name, dump in plan:
            value = getattr(obj, name)
            data[name] = dump(value) if dump else value
        return data

    return unstructure


_converter.register_unstructure_hook_factory(attrs.has, _unstructure_hook)


# Reports ----------------------------------------------------------------------------------------------------


def to_dict(report: Report) -> dict[str, Any]:
    """*report* in the wire format: plain dicts, lists, ints and strings, every key written."""
    if not isinstance(report, Report2019 | Report2021):
        raise TypeError(f"to_dict() takes a Report2019 or Report2021, got {type(report).__name__}")
    data: dict[str, Any] = _converter.unstructure(report)
    return data


def from_dict(data: object, *, source: str | None = None) -> Report:
    """The report held in wire-format *data*; :class:`LoadError` lists every problem with its wire path."""
    findings: list[Finding] = []
    report = _structure_report(data, findings)
    if report is None:
        raise LoadError(findings, source=source)
    return report


def _structure_report(data: object, findings: list[Finding]) -> Report | None:
    if not isinstance(data, Mapping):
        findings.append(_finding(_type_problem(data, "键值映射（对象）", "a mapping of keys to values"), ()))
        return None
    version = data.get("schema_version")
    if type(version) is not int or version != SCHEMA_VERSION:
        findings.append(
            LOAD_EDITION.finding(
                "schema_version",
                f"schema_version 应为 {SCHEMA_VERSION}，实为 {_show_zh(version)}",
                f"schema_version must be {SCHEMA_VERSION}, got {_show(version)}",
            )
        )
    edition = data.get("edition")
    cls = next((c for name, c in REPORT_CLASSES.items() if name == edition), None)
    if cls is None:
        findings.append(
            LOAD_EDITION.finding(
                "edition",
                f'edition 应为 "2019" 或 "2021"（字符串），实为 {_show_zh(edition)}',
                f'edition must be the string "2019" or "2021", got {_show(edition)}',
            )
        )
    if findings or cls is None:
        return None
    body = {key: value for key, value in data.items() if key not in ("schema_version", "edition")}
    try:
        report: Report = _converter.structure(body, cls)
    except Exception as exc:  # every structuring problem is collected into findings
        findings.extend(_with_hint(f, cls) for f in _flatten(exc, (), cls))
        return None
    return report


_NOTES = (AttributeValidationNote, IterableValidationNote)


def _flatten(exc: BaseException, path: Path, cls: type[Report]) -> Iterator[Finding]:
    if isinstance(exc, cattrs.BaseValidationError):
        for sub in exc.exceptions:
            notes = [n for n in getattr(sub, "__notes__", ()) if isinstance(n, _NOTES)]
            steps = tuple(n.name if isinstance(n, AttributeValidationNote) else n.index for n in reversed(notes))
            yield from _flatten(sub, path + steps, cls)
    elif isinstance(exc, ForbiddenExtraKeysError):
        for key in sorted(exc.extra_fields, key=str):
            yield LOAD_UNKNOWN_KEY.finding(
                format_path((*path, key)), f"未知的键“{printable(str(key))}”", f"unknown key {key!r}"
            )
    elif isinstance(exc, KeyError):
        yield LOAD_MISSING_KEY.finding(format_path(path), "缺少必填的键", "this required key is missing")
    else:
        yield _finding(exc, path, cls)


def _finding(exc: BaseException, path: Path, cls: type[Report] | None = None) -> Finding:
    if isinstance(exc, _Mismatch):
        return exc.identity(cls, format_path(path), exc.stated, exc.due)
    if isinstance(exc, _Problem):
        return exc.rule.finding(
            format_path(path), exc.message, exc.message_en, stated=exc.stated, expected=exc.expected
        )
    return LOAD_VALUE.finding(format_path(path), f"值不被接受（“{exc}”）", str(exc))


def _with_hint(finding: Finding, cls: type[Report]) -> Finding:
    """Name the other edition when an unknown key belongs to it."""
    if finding.rule != LOAD_UNKNOWN_KEY.code or finding.path is None:
        return finding
    other = next(c for c in REPORT_CLASSES.values() if c is not cls)
    try:
        part_at(other, re.sub(r"\[\d+\]", "", finding.path))
    except KeyError:
        return finding
    return attrs.evolve(
        finding,
        message=f"{finding.message}（该键属于{other.edition}年版格式，本报告为{cls.edition}年版）",
        message_en=f"{finding.message_en} (it belongs to the {other.edition} edition; this report is {cls.edition})",
    )


def format_path(path: Path) -> str | None:
    """``("a", "b", 2, "c")`` as ``a.b[2].c`` (a key UTF-8 cannot write, escaped); ``None`` for the whole report."""
    text = ""
    for step in path:
        if isinstance(step, int):
            text += f"[{step}]"
        else:
            key = printable(str(step))
            text += f".{key}" if text else key
    return text or None
