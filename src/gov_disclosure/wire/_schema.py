"""JSON Schema (draft 2020-12) of the wire format, generated from the model; titles carry the statutory labels."""

from __future__ import annotations

import typing
from typing import Any

from ..model import MOST_COUNT, MOST_MONEY, MOST_PLACES, REPORT_CLASSES, Edition, Kind, Part, field_meta, parts
from ._converter import SCHEMA_VERSION

_MONEY = {
    "type": "string",
    "pattern": f"^0*[0-9]{{1,{len(str(int(MOST_MONEY - 1)))}}}(\\.[0-9]{{1,{MOST_PLACES}}})?$",
    "description": f"a decimal string from 0 to below {MOST_MONEY:,}, with at most {MOST_PLACES} decimal places",
}
"""An amount; its pattern allows the digits of the largest amount, and the description says the exact bound."""

_NARRATIVE = {
    "type": "array",
    "items": {
        "oneOf": [
            {
                "type": "object",
                "properties": {"heading": {"type": "string"}},
                "required": ["heading"],
                "additionalProperties": False,
            },
            {
                "type": "object",
                "properties": {"paragraph": {"type": "string"}},
                "required": ["paragraph"],
                "additionalProperties": False,
            },
        ]
    },
}


def json_schema(edition: Edition) -> dict[str, Any]:
    """The JSON Schema of a report of *edition* (``"2019"`` or ``"2021"``) in the wire format."""
    if edition not in REPORT_CLASSES:
        raise ValueError(f'edition must be "2019" or "2021", got {edition!r}')
    cls = REPORT_CLASSES[edition]
    defs: dict[str, Any] = {}
    schema = _object(cls, defs)
    schema["properties"] = {
        "schema_version": {"const": SCHEMA_VERSION, "title": "wire-format version"},
        "edition": {"const": edition, "title": "格式版本"},
        **schema["properties"],
    }
    schema["required"] = ["schema_version", "edition", "agency", "year"]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"政府信息公开工作年度报告（{edition}年版格式）",
        **schema,
        "$defs": dict(sorted(defs.items())),
    }


def _object(cls: Any, defs: dict[str, Any]) -> dict[str, Any]:
    properties = {p.name: _property(cls, p, defs) for p in parts(cls)}
    description = (typing.get_origin(cls) or cls).__doc__
    return {
        "type": "object",
        **({"description": description.strip().splitlines()[0]} if description else {}),
        "properties": properties,
        "additionalProperties": False,
    }


def _property(cls: Any, p: Part, defs: dict[str, Any]) -> dict[str, Any]:
    schema = _value(cls, p, defs)
    if p.optional:
        schema = {"anyOf": [schema, {"type": "null"}]}
    title = f"{p.group} · {p.label}" if p.group else p.label
    if title:
        schema = {"title": title, **schema}
    if p.derived:
        schema["description"] = "derived: may be omitted on input; when present it must equal the sum of its parts"
    return schema


def _value(cls: Any, p: Part, defs: dict[str, Any]) -> dict[str, Any]:
    if p.kind is Kind.COUNT:
        return {"type": "integer", "minimum": 0, "maximum": MOST_COUNT}
    if p.kind is Kind.SIGNED_COUNT:
        return {"type": "integer", "minimum": -MOST_COUNT, "maximum": MOST_COUNT}
    if p.kind is Kind.MONEY:
        return dict(_MONEY)
    if p.kind is Kind.TEXT:
        return {"type": "string", "pattern": "\\S"}
    if p.kind is Kind.DATE:
        return {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
    if p.kind is Kind.YEAR:
        first, last = cls.years
        return {"type": "integer", "minimum": first, "maximum": last}
    if p.kind is Kind.UNIT:
        return {"enum": list(field_meta(cls, p.name)["values"])}
    if p.kind is Kind.NARRATIVE:
        return dict(_NARRATIVE)
    if p.kind is Kind.NAMES:
        return {"type": "array", "items": {"type": "string", "pattern": "\\S"}, "uniqueItems": True}
    name = (typing.get_origin(p.type) or p.type).__name__
    if name not in defs:
        defs[name] = {}  # reserve the name before recursing
        defs[name] = _object(p.type, defs)
    return {"$ref": f"#/$defs/{name}"}
