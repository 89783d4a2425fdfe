"""Field kinds of the model.

Every field carries its statutory label in its metadata, and construction enforces exact numbers:
counts are ``int`` (never ``bool``) from 0 to :data:`MOST_COUNT`, 本年增/减 a signed ``int`` as large either way,
money a ``Decimal`` from 0 to below :data:`MOST_MONEY` with at most :data:`MOST_PLACES` decimal places.
:func:`parts` lists the wire keys of a class — stored fields and derived totals — in statutory order;
serialization, the JSON Schema, the rules and the docs are all driven by it.
"""

from __future__ import annotations

import datetime
import enum
import functools
import typing
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Generic, TypeVar, overload

import attrs

T = TypeVar("T")

_META = "gov_disclosure"

MOST_COUNT = 10**9
"""The largest count a report may hold (and 本年增/减 either way): a larger one is no body's figure for a year,
but a misread run or hostile input."""
MOST_MONEY = Decimal(10**15)
"""Every amount is below this (in 元 or 万元)."""
MOST_PLACES = 6
"""The most decimal places an amount may have."""


class Kind(enum.Enum):
    """What a wire key holds."""

    COUNT = "count"
    SIGNED_COUNT = "signed count"
    MONEY = "money"
    TEXT = "text"
    YEAR = "year"
    DATE = "date"
    UNIT = "unit"
    NARRATIVE = "narrative"
    NAMES = "names"
    PART = "part"


@attrs.frozen
class Part:
    """One wire key of a model class: a stored field or a derived total."""

    name: str
    label: str | None
    kind: Kind
    type: Any
    group: str | None = None
    derived: bool = False
    optional: bool = False
    doc: str | None = None


class Derived(Generic[T]):
    """A total computed from its parts, carrying its statutory label; see :func:`derived`."""

    def __init__(self, label: str, row: type | None, fget: Callable[[Any], T]) -> None:
        self.label = label
        self.row = row
        self.fget = fget
        self.__doc__ = fget.__doc__

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> Derived[T]: ...
    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...
    def __get__(self, instance: object | None, owner: type | None = None) -> T | Derived[T]:
        return self if instance is None else self.fget(instance)


def derived(label: str, row: type | None = None) -> Callable[[Callable[[Any], T]], Derived[T]]:
    """Declare a read-only total labelled *label*: a count, or a whole *row* of counts."""
    return lambda fget: Derived(label, row, fget)


def _meta(label: str | None, kind: Kind, group: str | None = None, **extra: Any) -> dict[str, Any]:
    return {_META: {"label": label, "kind": kind, "group": group, **extra}}


def _complain(
    instance: object, attribute: attrs.Attribute[Any], value: object, expected: str, *, got: str | None = None
) -> str:
    label = attribute.metadata[_META]["label"]
    where = f"{type(instance).__name__}.{attribute.name}" + (f" ({label})" if label else "")
    return f"{where} must be {expected}, got {got or repr(value)}"


def _check_count(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not int or not 0 <= value <= MOST_COUNT:
        error = TypeError if type(value) is not int else ValueError
        raise error(
            _complain(instance, attribute, value, f"an integer count from 0 to {MOST_COUNT:,}", got=_size(value))
        )


def _check_optional_count(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _check_count(instance, attribute, value)


def _check_signed_count(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not int or not -MOST_COUNT <= value <= MOST_COUNT:
        error = TypeError if type(value) is not int else ValueError
        expected = f"an integer from -{MOST_COUNT:,} to {MOST_COUNT:,} (negative for a decrease)"
        raise error(_complain(instance, attribute, value, expected, got=_size(value)))


def money_fits(value: Decimal) -> bool:
    """Whether a finite amount ≥ 0 is one a report may hold: below :data:`MOST_MONEY`, with at most
    :data:`MOST_PLACES` decimal places."""
    return value < MOST_MONEY and value.as_tuple().exponent >= -MOST_PLACES  # type: ignore[operator]  # finite: an int


def _check_money(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not Decimal or not value.is_finite() or value.is_signed() or not money_fits(value):
        error = TypeError if type(value) is not Decimal else ValueError
        expected = f"a Decimal from 0 to below {MOST_MONEY:,} with at most {MOST_PLACES} decimal places"
        raise error(_complain(instance, attribute, value, expected, got=_size(value)))


def _size(value: object) -> str | None:
    """How a message shows a number too long to print whole (Python refuses to print an int of over 4,300
    digits): by its size; ``None`` for any other value."""
    if type(value) is int and value.bit_length() > 100:
        return f"an integer of about {value.bit_length() * 30103 // 100000 + 1:,} digits"
    if type(value) is Decimal and len(value.as_tuple().digits) > 30:
        return f"a Decimal of {len(value.as_tuple().digits):,} digits"
    return None


def _check_optional_money(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _check_money(instance, attribute, value)


def _check_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not str or not value.strip():
        raise TypeError(_complain(instance, attribute, value, "a non-empty string"))


def _check_names(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not tuple or not all(type(name) is str and name.strip() for name in value):
        raise TypeError(_complain(instance, attribute, value, "a tuple of non-empty strings"))
    if len(set(value)) != len(value):
        raise ValueError(_complain(instance, attribute, value, "a tuple of distinct names"))


def _tuple_of_list(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


def names(label: str) -> Any:
    """Distinct names, in the order given: a tuple of non-empty strings (a list is taken as one), default empty."""
    return attrs.field(default=(), converter=_tuple_of_list, validator=_check_names, metadata=_meta(label, Kind.NAMES))


def count(label: str, *, group: str | None = None) -> Any:
    """A count of 件 or items: ``int`` ≥ 0, default 0."""
    return attrs.field(default=0, validator=_check_count, metadata=_meta(label, Kind.COUNT, group))


def optional_count(label: str) -> Any:
    """A count the report may leave unstated (``None``)."""
    return attrs.field(default=None, validator=_check_optional_count, metadata=_meta(label, Kind.COUNT, optional=True))


def signed_count(label: str) -> Any:
    """A signed change (2019 本年增/减): ``int``, default 0."""
    return attrs.field(default=0, validator=_check_signed_count, metadata=_meta(label, Kind.SIGNED_COUNT))


def money(label: str) -> Any:
    """An exact amount: ``Decimal`` ≥ 0, default 0."""
    return attrs.field(default=Decimal(0), validator=_check_money, metadata=_meta(label, Kind.MONEY))


def optional_money(label: str) -> Any:
    """An amount the report may leave unstated (``None``)."""
    return attrs.field(default=None, validator=_check_optional_money, metadata=_meta(label, Kind.MONEY, optional=True))


def text(label: str | None, *, optional: bool = False) -> Any:
    """A line of text; a required one must not be blank."""
    if optional:
        validator = attrs.validators.optional(_check_text)
        return attrs.field(default=None, validator=validator, metadata=_meta(label, Kind.TEXT, optional=True))
    return attrs.field(validator=_check_text, metadata=_meta(label, Kind.TEXT))


def _check_date(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and type(value) is not datetime.date:
        raise TypeError(_complain(instance, attribute, value, "a datetime.date (not a datetime)"))


def optional_date(label: str) -> Any:
    """A calendar day the report may leave unstated (``None``): a ``datetime.date``, never a ``datetime``."""
    return attrs.field(default=None, validator=_check_date, metadata=_meta(label, Kind.DATE, optional=True))


def printed_date(value: datetime.date) -> str:
    """A date as a 公文 prints it (GB/T 9704-2012 7.3.5): Arabic digits, no leading zeros, ``2025年1月20日``."""
    return f"{value.year}年{value.month}月{value.day}日"


def choice(label: str, values: tuple[str, ...]) -> Any:
    """One of a fixed set of strings; the first is the default."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not (type(value) is str and value in values):
            raise ValueError(_complain(instance, attribute, value, f"one of {', '.join(values)}"))

    return attrs.field(default=values[0], validator=check, metadata=_meta(label, Kind.UNIT, values=values))


def part(
    label: str | None,
    cls: type | tuple[type, ...],
    *,
    group: str | None = None,
    factory: Callable[[], Any] | None = None,
    kind: Kind = Kind.PART,
    validator: Callable[[Any, attrs.Attribute[Any], Any], None] | None = None,
) -> Any:
    """A nested section, table, row group or row; by default an empty (all-zero) *cls*.

    With a tuple of classes and no *factory*, the field is required. *validator* checks more than the type.
    """
    default = factory or (cls if isinstance(cls, type) else attrs.NOTHING)
    classes = cls if isinstance(cls, tuple) else (cls,)

    def is_cls(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, classes):
            expected = " or ".join(c.__name__ for c in classes)
            raise TypeError(_complain(instance, attribute, value, f"a {expected}", got=type(value).__name__))

    return attrs.field(
        default=attrs.NOTHING if default is attrs.NOTHING else attrs.Factory(default),
        validator=attrs.validators.and_(is_cls, validator) if validator else is_cls,
        metadata=_meta(label, kind, group),
    )


def _check_year(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    first, last = instance.years
    if type(value) is not int or not first <= value <= last:
        error = TypeError if type(value) is not int else ValueError
        raise error(_complain(instance, attribute, value, f"a year from {first} to {last}"))


def year(label: str) -> Any:
    """A reporting year within the class's ``years`` (first, last)."""
    return attrs.field(validator=_check_year, metadata=_meta(label, Kind.YEAR))


R = TypeVar("R")


def per_class(function: Callable[[Any], R]) -> Callable[[Any], R]:
    """``functools.cache`` for a function of a model class (typed to accept any class)."""
    return functools.cache(function)


@per_class
def parts(cls: Any) -> tuple[Part, ...]:
    """The wire keys of *cls* in statutory order: its fields, then its derived totals.

    *cls* may be a parametrized generic such as ``Applications[Outcomes2019]``.
    """
    origin = typing.get_origin(cls) or cls
    if not attrs.has(origin) or any(_META not in a.metadata for a in attrs.fields(origin)):
        raise TypeError(f"parts() describes the model's sections, tables and rows, not {origin!r}")
    attrs.resolve_types(origin)
    bound = dict(zip(getattr(origin, "__parameters__", ()), typing.get_args(cls), strict=False))
    stored = [
        Part(
            name=a.name,
            label=a.metadata[_META]["label"],
            kind=a.metadata[_META]["kind"],
            type=bound.get(a.type, a.type),
            group=a.metadata[_META]["group"],
            optional=a.metadata[_META].get("optional", False),
        )
        for a in attrs.fields(origin)
    ]
    totals = [
        Part(
            name=name,
            label=value.label,
            kind=Kind.COUNT if value.row is None else Kind.PART,
            type=int if value.row is None else value.row,
            derived=True,
            doc=value.__doc__,
        )
        for klass in reversed(origin.__mro__)
        for name, value in vars(klass).items()
        if isinstance(value, Derived)
    ]
    return (*stored, *totals)


def field_meta(cls: type, name: str) -> dict[str, Any]:
    """The library's metadata of field *name* of *cls* (label, kind, group, …)."""
    meta: dict[str, Any] = attrs.fields_dict(cls)[name].metadata[_META]
    return meta


def part_at(cls: Any, path: str) -> tuple[Part, ...]:
    """The chain of parts from *cls* down to the wire *path* (``a.b.c``); ``KeyError`` if there is none."""
    chain: list[Part] = []
    for name in path.split("."):
        found = {p.name: p for p in parts(cls)}[name]
        chain.append(found)
        cls = found.type
    return tuple(chain)


def labels_at(cls: Any, path: str) -> tuple[str, ...]:
    """The statutory labels along *path*, e.g. ``("三、…", "四、结转下年度继续办理", "自然人")``."""
    return tuple(p.label for p in part_at(cls, path) if p.label)
