"""Many reports at once: files read in bulk and in parallel, audits, consolidation, checks across years, CSV."""

from .._lazy import TYPE_CHECKING, exports

if TYPE_CHECKING:
    from ._audit import Audited, AuditStatus, audit
    from ._consolidate import aggregate, validate_parent
    from ._csv import WIDE_COLUMNS, long_writer, wide_writer, write_long, write_wide
    from ._files import report_files
    from ._gather import read_files
    from ._series import validate_series
    from ._terms import KEPT_SUFFIXES, PUBLISHED_SUFFIXES, READ_MEMORY, READ_TIMEOUT
else:  # each name imported from its module when first used
    __getattr__, __dir__ = exports(
        __name__,
        {
            "._audit": ("Audited", "AuditStatus", "audit"),
            "._consolidate": ("aggregate", "validate_parent"),
            "._csv": ("WIDE_COLUMNS", "long_writer", "wide_writer", "write_long", "write_wide"),
            "._files": ("report_files",),
            "._gather": ("read_files",),
            "._terms": ("KEPT_SUFFIXES", "PUBLISHED_SUFFIXES", "READ_MEMORY", "READ_TIMEOUT"),
            "._series": ("validate_series",),
        },
    )

__all__ = [
    "KEPT_SUFFIXES",
    "PUBLISHED_SUFFIXES",
    "READ_MEMORY",
    "READ_TIMEOUT",
    "WIDE_COLUMNS",
    "AuditStatus",
    "Audited",
    "aggregate",
    "audit",
    "long_writer",
    "read_files",
    "report_files",
    "validate_parent",
    "validate_series",
    "wide_writer",
    "write_long",
    "write_wide",
]
