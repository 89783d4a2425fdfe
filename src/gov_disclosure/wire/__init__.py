"""The wire format: reports as plain data, JSON and YAML text and files, the JSON Schema, and what a rendered
document says of itself. Files are written atomically (:func:`atomic_writer`)."""

from .._lazy import TYPE_CHECKING, exports

if TYPE_CHECKING:
    from ._atomic import Target, atomic_writer, deliver
    from ._converter import MOST_INTEGER_DIGITS, SCHEMA_VERSION, figure_text, from_dict, money_text, to_dict
    from ._formats import EXTENSIONS
    from ._meta import META, document_meta
    from ._schema import json_schema
    from ._serialize import MOST_DEPTH, Format, dump, dumps, format_of, load, loads
else:  # each name imported from its module when first used
    __getattr__, __dir__ = exports(
        __name__,
        {
            "._atomic": ("Target", "atomic_writer", "deliver"),
            "._converter": (
                "MOST_INTEGER_DIGITS",
                "SCHEMA_VERSION",
                "figure_text",
                "from_dict",
                "money_text",
                "to_dict",
            ),
            "._meta": ("META", "document_meta"),
            "._schema": ("json_schema",),
            "._formats": ("EXTENSIONS",),
            "._serialize": ("MOST_DEPTH", "Format", "dump", "dumps", "format_of", "load", "loads"),
        },
    )

__all__ = [
    "EXTENSIONS",
    "META",
    "MOST_DEPTH",
    "MOST_INTEGER_DIGITS",
    "SCHEMA_VERSION",
    "Format",
    "Target",
    "atomic_writer",
    "deliver",
    "document_meta",
    "dump",
    "dumps",
    "figure_text",
    "format_of",
    "from_dict",
    "json_schema",
    "load",
    "loads",
    "money_text",
    "to_dict",
]
