"""Reading reports back into the model: published ones, and kept ones in the wire format.

Front ends (:mod:`._fronts`; :mod:`._pdf` for PDF) turn page text, HTML, Word and PDF into lines and rows of
cells; one matcher (:mod:`._match`) cuts them into sections (:mod:`._sections`), reads the title
(:mod:`._title`) and the tables — as rows of cells (:mod:`._tables`, each figure placed under its column by
:mod:`._columns`) or run into text (:mod:`._flat`) — by the labels of the model (:mod:`._vocabulary`), with
findings for everything it had to decide and everything that does not add up.
"""

from .._lazy import TYPE_CHECKING, exports

if TYPE_CHECKING:
    from ._formats import SUFFIXES
    from ._read import read, read_docx, read_html, read_pdf, read_text
    from ._reading import Reading
else:  # each name imported from its module when first used
    __getattr__, __dir__ = exports(
        __name__,
        {
            "._formats": ("SUFFIXES",),
            "._read": ("read", "read_docx", "read_html", "read_pdf", "read_text"),
            "._reading": ("Reading",),
        },
    )

__all__ = [
    "SUFFIXES",
    "Reading",
    "read",
    "read_docx",
    "read_html",
    "read_pdf",
    "read_text",
]
