"""Writing files atomically: an error never leaves a half-written file behind."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

Target = str | os.PathLike[str] | IO[bytes]
"""Where a document goes: a path, or a binary stream."""

_TEMPORARY = ".gov-disclosure-"
"""How the temporary file beside a target is named (then 8 random characters and ``.tmp``): short, so that it
fits wherever the target does, however long the target's name (a name may be 255 bytes on Linux)."""


def _mode(path: Path) -> int:
    """The permissions a new file gets (those of the file it replaces, if any)."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def atomic_writer(target: str | os.PathLike[str], **text: Any) -> Iterator[IO[Any]]:
    """A file that becomes *target* when the block ends without an error: a temporary file in the same
    folder, then a rename. It is binary, or text when *text* gives ``open()``'s ``encoding``, ``errors`` or
    ``newline``."""
    path = Path(target)
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), os.fspath(target))
    with contextlib.ExitStack() as stack:
        try:
            tmp = stack.enter_context(
                tempfile.NamedTemporaryFile(
                    "w" if text else "wb", dir=path.parent, prefix=_TEMPORARY, suffix=".tmp", delete=False, **text
                )
            )
        except OSError as exc:  # named after the file asked for, not the temporary one
            raise OSError(exc.errno, exc.strerror, os.fspath(target)) from None
        try:
            yield tmp
        except BaseException:
            tmp.close()
            os.unlink(tmp.name)
            raise
        tmp.close()
        try:
            os.chmod(tmp.name, _mode(path))
            os.replace(tmp.name, path)
        except OSError as exc:
            os.unlink(tmp.name)
            raise OSError(exc.errno, exc.strerror, os.fspath(target)) from None


def write_atomically(data: bytes, target: str | os.PathLike[str]) -> None:
    """Write *data* to *target* through a temporary file in the same folder, then a rename."""
    with atomic_writer(target) as out:
        out.write(data)


def deliver(data: bytes, target: Target | None) -> bytes:
    """Write *data* to *target* if given — a path atomically, or a binary stream — and return it."""
    if isinstance(target, str | os.PathLike):
        write_atomically(data, target)
    elif target is not None:
        target.write(data)
    return data
