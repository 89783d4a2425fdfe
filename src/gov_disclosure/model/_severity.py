"""How bad a finding is, on its own: the command line's options name the severities without loading the model."""

from __future__ import annotations

import enum


class Severity(str, enum.Enum):
    """How bad a finding is: ``error`` is wrong, ``warning`` suspicious, ``info`` a note on a choice made."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def __str__(self) -> str:
        return self.value
