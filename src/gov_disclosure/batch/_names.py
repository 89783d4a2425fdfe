"""One body published under several names: 淮安市洪泽区人民政府 and 洪泽区人民政府 are one body; 北京市朝阳区人民政府
and 长春市朝阳区人民政府 are not."""

from __future__ import annotations

import itertools
import re
import sqlite3
from collections.abc import Iterator

_PLACE = re.compile(r"^[\u4e00-\u9fff]{1,10}?(?:省|自治区|市|自治州|州|盟|地区)(?=[\u4e00-\u9fff]{1,10}?[市区县旗])")
"""A leading place name followed by another: 淮安市 in 淮安市洪泽区人民政府."""


def shorter_names(agency: str) -> Iterator[str]:
    """The names *agency* may also be published under, leading place names dropped one by one:
    ``淮安市洪泽区人民政府`` → ``洪泽区人民政府``."""
    while match := _PLACE.match(agency):
        agency = agency[match.end() :]
        yield agency


_TABLES = """
CREATE TABLE names (name TEXT, shorter TEXT);
CREATE TABLE joined (name TEXT PRIMARY KEY, longest TEXT);
"""


def join_names(db: sqlite3.Connection) -> None:
    """Set ``body`` to one name per body in the ``files`` table (``agency``, ``body``) of the audit's database.

    A name whose longer forms all shorten one another — 洪泽区人民政府, 淮安市洪泽区人民政府,
    江苏省淮安市洪泽区人民政府 — is taken as the longest of them (validate_series says so with ``X-AGENCY``).
    Where names shorten to one without being one another's forms (北京市朝阳区人民政府 and 长春市朝阳区人民政府),
    nothing is joined."""
    db.executescript(_TABLES)
    names = db.execute("SELECT DISTINCT agency FROM files WHERE agency IS NOT NULL")
    db.executemany(
        "INSERT INTO names VALUES (?, ?)", ((name, short) for (name,) in names for short in shorter_names(name))
    )
    db.executescript("CREATE INDEX by_agency ON files (agency); CREATE INDEX by_shorter ON names (shorter, name);")
    rows = db.execute(
        """SELECT shorter, name FROM names WHERE EXISTS (SELECT 1 FROM files WHERE agency = shorter)
           ORDER BY shorter"""
    )
    for short, group in itertools.groupby(rows, key=lambda row: row[0]):
        longer = {name for _, name in group}
        longest = max(longer, key=len)
        if longer <= {longest, *shorter_names(longest)}:
            db.execute("INSERT INTO joined VALUES (?, ?)", (short, longest))
    db.execute(
        "UPDATE files SET body = (SELECT longest FROM joined WHERE name = agency) "
        "WHERE agency IN (SELECT name FROM joined)"
    )
