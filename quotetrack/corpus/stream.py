"""Reading a large input as a stream: never whole, never more than one record
(and its size limit) in memory, gzip or not.

A gzip file that ends early (a download cut short) is no silent end of input:
:class:`GzipGuard` turns the end into ``b""`` for the reader above it and keeps
the error, so that the records read before it are kept and the error names
where the file broke off.
"""

from __future__ import annotations

import gzip
import io
import zlib
from pathlib import Path
from typing import BinaryIO, Iterator

import attrs


def is_gzip(path: Path) -> bool:
    return path.name.lower().endswith(".gz")


class GzipGuard(io.RawIOBase):
    """A gzip file's decompressed bytes; an early end or corrupt data ends the
    stream and is kept in :attr:`error`."""

    def __init__(self, raw: BinaryIO):
        super().__init__()
        self._gzip = gzip.GzipFile(fileobj=raw, mode="rb")
        self.error: str | None = None

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:  # fastwarc asks; it never seeks a stream it did not open
        return True

    def tell(self) -> int:
        return self._gzip.tell()

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self._gzip.seek(offset, whence)

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def read(self, size: int = -1) -> bytes:
        if self.error:
            return b""
        try:
            # read1: what is there now, so that an early end loses no byte before it
            return self._gzip.read1(size if size and size > 0 else io.DEFAULT_BUFFER_SIZE)
        except EOFError:
            self.error = "truncated gzip (the file ends before its compressed data does)"
        except gzip.BadGzipFile as e:
            self.error = f"not a gzip file ({e})"
        except (zlib.error, OSError) as e:
            self.error = f"corrupt gzip data ({e})"
        return b""


@attrs.frozen
class Line:
    """A line of a JSON-lines file: its number, its bytes (None when longer than
    the limit: skipped, not read into memory) and its length."""

    number: int
    data: bytes | None
    size: int


def lines(stream: BinaryIO, limit: int) -> Iterator[Line]:
    """The lines of ``stream``, each read whole only when at most ``limit`` bytes."""
    number = 0
    while True:
        data = stream.readline(limit + 1)
        if not data:
            return
        number += 1
        if len(data) <= limit or data.endswith(b"\n"):
            yield Line(number, data, len(data))
            continue
        size = len(data)
        while data and not data.endswith(b"\n"):  # the rest of an overlong line, dropped
            data = stream.readline(1 << 20)
            size += len(data)
        yield Line(number, None, size)
