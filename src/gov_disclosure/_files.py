"""Writing files atomically: an error never leaves a half-written file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _mode(path: Path) -> int:
    """The permissions a new file gets (those of the file it replaces, if any)."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomically(data: bytes, target: str | os.PathLike[str]) -> None:
    """Write *data* to *target* through a temporary file in the same folder, then a rename."""
    path = Path(target)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False) as tmp:
        try:
            tmp.write(data)
            os.chmod(tmp.name, _mode(path))
        except BaseException:
            os.unlink(tmp.name)
            raise
    os.replace(tmp.name, path)
