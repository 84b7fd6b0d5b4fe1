"""Shared framing of `.sylb` and `.sylpkg` files: magic, typed length-prefixed frames, JSON.

A file is `MAGIC (9 bytes) | format version (1 byte) | frame*`; a frame is
`kind (1 ASCII byte) | length (u32 big-endian) | body`. Readers never allocate a length read
from the file before checking it against a fixed cap, and never read past a byte limit.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from sylcollect.errors import InvalidInput
from sylcollect.sync.bundle_errors import Refused

_HEAD = struct.Struct(">cI")
HEAD_BYTES = _HEAD.size


def frame(kind: bytes, body: bytes) -> bytes:
    """The frame head for `body` (the body itself is written after it)."""
    return _HEAD.pack(kind, len(body))


class FrameReader:
    """Reads frames from one binary stream, hashing every byte and honouring a byte limit.

    `size` is the file's size when opened (refused beforehand if over the cap); no read goes
    past it, so a length claimed by the file is never allocated beyond what is really there.
    Not thread-safe: one reader per stream, one thread.
    """

    def __init__(self, stream: BinaryIO, size: int, refused: type[Refused]) -> None:
        self._stream = stream
        self._size = size
        self._refused = refused
        self._hash = hashlib.sha256()
        self._before_head = self._hash.copy()
        self.position = 0

    def read_exact(self, n: int, what: str) -> bytes:
        """`n` bytes, or `truncated` (without reading) if the file is shorter."""
        if self.position + n > self._size:
            raise self._refused("truncated", f"the file ends too early ({what} is cut off)")
        try:
            data = self._stream.read(n)
        except OSError as exc:
            raise self._refused(
                "unreadable", f"the file could not be read: {exc.strerror}"
            ) from None
        if len(data) != n:
            raise self._refused("truncated", f"the file ends too early ({what} is cut off)")
        self.position += n
        self._hash.update(data)
        return data

    def check_magic(self, magic: bytes, version: int, name: str) -> None:
        """Checks the magic bytes and the format version byte."""
        try:
            start = self._stream.read(min(len(magic) + 1, self._size))
        except OSError as exc:
            raise self._refused(
                "unreadable", f"the file could not be read: {exc.strerror}"
            ) from None
        if not start.startswith(magic[: len(start)]) or not start:
            raise self._refused("bad_magic", f"this is not a {name} file")
        if len(start) <= len(magic):
            raise self._refused("truncated", f"the {name} file ends too early")
        if start[-1] != version:
            raise self._refused(
                "unsupported_version",
                f"this {name} uses format version {start[-1]}; this program reads version "
                f"{version}: update the program or ask for a new file",
            )
        self.position += len(start)
        self._hash.update(start)

    def read_head(self) -> tuple[bytes, int]:
        """The next frame's kind and length; `truncated` if the file ends here."""
        self._before_head = self._hash.copy()
        head = self.read_exact(HEAD_BYTES, "a frame heading")
        kind, length = _HEAD.unpack(head)
        return kind, length

    def digest_before_head(self) -> bytes:
        """SHA-256 of everything before the frame head read last."""
        return self._before_head.digest()

    def hexdigest(self) -> str:
        """SHA-256 (hex) of everything read so far."""
        return self._hash.hexdigest()

    def expect_end(self, name: str) -> None:
        """Refuses with `trailing_data` if anything follows."""
        try:
            extra = self._stream.read(1)
        except OSError as exc:
            raise self._refused(
                "unreadable", f"the file could not be read: {exc.strerror}"
            ) from None
        if extra:
            raise self._refused("trailing_data", f"there is extra data after the end of the {name}")


@contextmanager
def open_file(path: Path, refused: type[Refused]) -> Iterator[tuple[BinaryIO, int]]:
    """A regular file opened for reading, and its size; refused('unreadable') otherwise."""
    try:
        stream = path.open("rb")
    except OSError as exc:
        raise refused("unreadable", f"cannot open {path.name}: {exc.strerror}") from None
    with stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise refused("unreadable", f"{path.name} is not a regular file")
        yield stream, info.st_size


def canonical_json(value: dict[str, Any]) -> bytes:
    """UTF-8 JSON with sorted keys and no spaces: one byte string per value."""
    return json.dumps(
        value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")


def _no_float(text: str) -> Any:
    raise ValueError("numbers with fractions are not allowed")


def parse_canonical_json(data: bytes) -> dict[str, Any]:
    """The object `data` encodes; ValueError unless `data` is exactly its canonical form."""
    try:
        value = json.loads(data.decode("utf-8"), parse_float=_no_float, parse_constant=_no_float)
    except RecursionError:
        raise ValueError("the JSON is nested too deeply") from None
    if not isinstance(value, dict):
        raise ValueError("the JSON is not an object")
    try:
        encoded = canonical_json(value)
    except RecursionError:
        raise ValueError("the JSON is nested too deeply") from None
    if encoded != data:
        raise ValueError("the JSON is not in canonical form")
    return value


_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}", re.ASCII)
_HEX64 = re.compile(r"[0-9a-f]{64}", re.ASCII)
_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", re.ASCII)
MAX_INT = (1 << 63) - 1


def check_id(value: object, what: str) -> str:
    """A safe identifier: letters, digits, '.', '_', '-', at most 128, not starting with a mark."""
    if not isinstance(value, str) or not _SAFE_ID.fullmatch(value):
        raise InvalidInput(f"{what} must be 1-128 letters, digits, '.', '_' or '-'")
    return value


def check_text(value: object, what: str, max_len: int = 128) -> str:
    """Printable text without surrounding spaces, 1..max_len characters."""
    if (
        not isinstance(value, str)
        or not 0 < len(value) <= max_len
        or not value.isprintable()
        or value != value.strip()
    ):
        raise InvalidInput(f"{what} must be 1-{max_len} printable characters")
    return value


def check_int(value: object, what: str, minimum: int = 0) -> int:
    if type(value) is not int or not minimum <= value <= MAX_INT:
        raise InvalidInput(f"{what} must be a whole number from {minimum}")
    return value


def check_hex64(value: object, what: str) -> str:
    if not isinstance(value, str) or not _HEX64.fullmatch(value):
        raise InvalidInput(f"{what} must be 64 lowercase hexadecimal digits")
    return value


def hex_bytes(value: object, length: int, what: str) -> bytes:
    """Bytes from lowercase hex of exactly `length` bytes."""
    if not isinstance(value, str) or len(value) != 2 * length or value != value.lower():
        raise InvalidInput(f"{what} must be {2 * length} lowercase hexadecimal digits")
    try:
        return bytes.fromhex(value)
    except ValueError:
        raise InvalidInput(f"{what} must be {2 * length} lowercase hexadecimal digits") from None


def format_time(moment: datetime) -> str:
    """UTC with microseconds: 2026-03-01T09:30:00.000000Z."""
    if moment.tzinfo is None:
        raise InvalidInput("a time must carry its time zone")
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def parse_time(value: object, what: str) -> datetime:
    if not isinstance(value, str) or not _TIME.fullmatch(value):
        raise InvalidInput(f"{what} must be a UTC time like 2026-03-01T09:30:00.000000Z")
    try:
        return datetime.fromisoformat(value[:-1]).replace(tzinfo=UTC)
    except ValueError:
        raise InvalidInput(f"{what} is not a real date and time") from None
