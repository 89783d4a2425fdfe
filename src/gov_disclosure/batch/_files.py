"""Finding report files under folders: published reports for the readers, kept ones in the wire format."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ._terms import KEPT_SUFFIXES, PUBLISHED_SUFFIXES


def report_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Every report file under *paths* in a fixed order: each path as given, a folder's files by name, depth
    first. Names starting with ``.``, links to folders and anything but regular files are passed over; a path
    that does not exist, or a folder or entry that cannot be looked at, is yielded as it is (and is reported as
    unreadable)."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from _walk(path)
        else:
            yield path


def _walk(folder: Path) -> Iterator[Path]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        yield folder
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_folder, is_file = entry.is_dir(follow_symlinks=False), entry.is_file()
        except OSError:
            yield Path(entry.path)
            continue
        if is_folder:
            yield from _walk(Path(entry.path))
        elif is_file and entry.name.lower().endswith(PUBLISHED_SUFFIXES + KEPT_SUFFIXES):
            yield Path(entry.path)
