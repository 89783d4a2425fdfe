"""Lazy exports (PEP 562): a package's names are imported from their modules when first used, so that importing
a package, or running ``gov-disclosure --help``, loads only what is used."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping

TYPE_CHECKING = False
"""``typing.TYPE_CHECKING``, without loading ``typing`` (which ``gov-disclosure --help`` does not need): type
checkers take any name ``TYPE_CHECKING`` as true."""

Getter = Callable[[str], object]
Lister = Callable[[], list[str]]


def exports(package: str, homes: Mapping[str, tuple[str, ...]]) -> tuple[Getter, Lister]:
    """The ``__getattr__`` and ``__dir__`` of *package*, whose exported names live in the modules of *homes* (a
    module relative to the package → its names); a name once used is an attribute of the package from then on."""
    home = {name: module for module, names in homes.items() for name in names}

    def __getattr__(name: str) -> object:
        if name not in home:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home[name], package), name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:
        return sorted({*vars(sys.modules[package]), *home})

    return __getattr__, __dir__
