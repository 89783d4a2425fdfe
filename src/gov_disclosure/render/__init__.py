"""Rendering: the template context, Word (docxtpl), HTML (Jinja) and Excel (openpyxl) in the official layout."""

from .._lazy import TYPE_CHECKING, exports

if TYPE_CHECKING:
    from ._context import context
    from ._docx import default_template, to_docx
    from ._html import to_html
    from ._xlsx import to_xlsx
else:  # each name imported from its module when first used
    __getattr__, __dir__ = exports(
        __name__,
        {
            "._context": ("context",),
            "._docx": ("default_template", "to_docx"),
            "._html": ("to_html",),
            "._xlsx": ("to_xlsx",),
        },
    )

__all__ = ["context", "default_template", "to_docx", "to_html", "to_xlsx"]
