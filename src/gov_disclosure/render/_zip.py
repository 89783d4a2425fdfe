"""A Word document's zip: a template's members kept as they are compressed, and written again beside the parts
rendered anew, every member dated the time of rendering."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterable
from datetime import datetime

import attrs

_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_VERSION = 20
"""The zip version a reader needs for deflated members (2.0), and the one this writer follows."""
_UTF8 = 0x800
"""The flag of a member whose name is UTF-8."""


@attrs.frozen
class Member:
    """A member of a zip as it is stored: its name, how it is compressed, its CRC-32 and uncompressed size, and
    its bytes compressed."""

    name: str
    method: int
    crc: int
    size: int
    data: bytes = attrs.field(repr=False)


_METHODS = frozenset((zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED))
"""How a member may be compressed: the ways of a .docx (and of version 2.0 of the format)."""


def members(data: bytes) -> dict[str, Member]:
    """The members of the zip *data* by name, in its order, each as it is compressed (never inflated); a
    :class:`ValueError` for a member encrypted, compressed otherwise than a .docx is, or without its header."""
    found = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.flag_bits & 1 or info.compress_type not in _METHODS:
                raise ValueError(f"member {info.filename} is encrypted or compressed in a way Word does not use")
            if data[info.header_offset : info.header_offset + 4] != b"PK\x03\x04":
                raise ValueError(f"member {info.filename} has no header where the zip's directory places it")
            start = info.header_offset + _LOCAL.size
            names, extra = struct.unpack_from("<HH", data, start - 4)
            start += names + extra
            stored = data[start : start + info.compress_size]
            found[info.filename] = Member(info.filename, info.compress_type, info.CRC, info.file_size, stored)
    return found


def deflated(name: str, content: bytes) -> Member:
    """*content* as member *name*, deflated as :mod:`zipfile` deflates by default."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -zlib.MAX_WBITS)
    data = compressor.compress(content) + compressor.flush()
    return Member(name, zipfile.ZIP_DEFLATED, zlib.crc32(content), len(content), data)


def written(parts: Iterable[Member], when: datetime) -> bytes:
    """A zip of *parts*, in their order, each dated *when* (to the two seconds a zip can tell)."""
    time = when.hour << 11 | when.minute << 5 | when.second // 2
    date = (when.year - 1980) << 9 | when.month << 5 | when.day
    out, central = bytearray(), bytearray()
    count = 0
    for part in parts:
        name = part.name.encode()
        flags = 0 if name.isascii() else _UTF8
        dated = (part.method, time, date, part.crc, len(part.data), part.size, len(name))
        central += _CENTRAL.pack(0x02014B50, _VERSION, _VERSION, flags, *dated, 0, 0, 0, 0, 0, len(out)) + name
        out += _LOCAL.pack(0x04034B50, _VERSION, flags, *dated, 0) + name + part.data
        count += 1
    end = _END.pack(0x06054B50, 0, 0, count, count, len(central), len(out), 0)
    return bytes(out + central + end)
