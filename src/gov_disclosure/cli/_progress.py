"""The progress bar of a command over many files, on a terminal only."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


class Progress:
    """A progress bar on stderr over *total* files: drawn at most ten times a second, and cleared for whatever
    else is printed to the terminal meanwhile."""

    def __init__(self, total: int) -> None:
        self.total, self.done, self.start, self.drawn, self.shown = total, 0, time.monotonic(), 0.0, False

    @classmethod
    def over(cls, count: Callable[[], int]) -> Progress | None:
        """A bar when stderr is a terminal and there is more than one file (*count* says how many); else
        ``None``."""
        if not sys.stderr.isatty():
            return None
        total = count()
        return cls(total) if total > 1 else None

    def step(self) -> None:
        """One more file done."""
        self.done += 1
        now = time.monotonic()
        if now - self.drawn >= 0.1 or self.done == self.total or not self.shown:
            self.drawn, self.shown = now, True
            share = self.done / self.total if self.total else 1.0
            bar = "#" * round(share * 30)
            rate = self.done / max(now - self.start, 1e-9)
            print(f"\r[{bar:<30}] {self.done}/{self.total} {rate:,.0f}/s", end="", file=sys.stderr, flush=True)

    def clear(self) -> None:
        """Take the bar off its line, for a line to be printed there; the next step draws it again."""
        if self.shown:
            self.shown = False
            print("\r\x1b[K", end="", file=sys.stderr, flush=True)

    def close(self) -> None:
        """End the bar's line."""
        if self.shown:
            print(file=sys.stderr)


def stepped(items: Iterable[T], progress: Progress | None) -> Iterator[T]:
    """*items*, each a step of *progress* once the caller is done with it."""
    for item in items:
        yield item
        if progress:
            progress.step()
