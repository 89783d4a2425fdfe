"""What a run over many files takes: the files, by their suffixes, and the time and memory reading one may take
(cheap to import: the command line's help names them)."""

from __future__ import annotations

from ..reading import SUFFIXES
from ..wire import EXTENSIONS

PUBLISHED_SUFFIXES = tuple(SUFFIXES)
"""Suffixes of the published reports the readers take."""
KEPT_SUFFIXES = tuple(EXTENSIONS)
"""Suffixes of reports kept in the wire format."""

READ_TIMEOUT = 60.0
"""Seconds a file may take to be read (``timeout`` of :func:`read_files` and :func:`audit`): one still being
read then is given up as ``READ-FILE``; a reader that does not give up has its process stopped at twice that."""
READ_MEMORY = 2 << 30
"""Bytes of memory a process reading files may take beyond its size when it starts (``memory`` of
:func:`read_files` and :func:`audit`; Linux): a file that needs more is given up as ``READ-FILE``."""
