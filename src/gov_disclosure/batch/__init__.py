"""Many reports at once: files read in bulk and in parallel, audits, consolidation, checks across years, CSV."""

from ._audit import Audited, AuditStatus, audit
from ._consolidate import aggregate, validate_parent
from ._csv import WIDE_COLUMNS, long_writer, wide_writer, write_long, write_wide
from ._files import KEPT_SUFFIXES, PUBLISHED_SUFFIXES, report_files
from ._gather import READ_MEMORY, READ_TIMEOUT, read_files
from ._series import validate_series

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
