"""Attachment bytes of one import, kept out of memory until the importing transaction.

A bundle may carry many files of up to 50 MiB each; holding every decoded file until the
commit would make the importer's memory grow with the bundle. Instead, as each attachment
line is decoded, its bytes are sealed (AES-256-GCM, the attachment uuid as associated data)
under a random key that exists only in this object, and appended to an anonymous temporary
file (unlinked from the start); the applier reads them back one at a time. So the plaintext
never touches the disk, the spool is unreadable once the process forgets the key, and memory
stays at about one attachment whatever the bundle holds.

Thread contract: one import, one thread.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import IO

from sylcollect.crypto import aead
from sylcollect.errors import StorageError


class Spool:
    """Sealed attachment bytes by uuid in an anonymous temporary file. Close it when done."""

    def __init__(self, folder: Path | None = None) -> None:
        self._file: IO[bytes] | None = None
        self._folder = folder
        self._sealer = aead.Sealer(aead.random_key())
        self._where: dict[str, tuple[int, int]] = {}

    def put(self, uuid: str, data: bytes) -> None:
        blob = self._sealer.seal(data, uuid.encode())
        try:
            if self._file is None:
                self._file = tempfile.TemporaryFile(dir=self._folder)  # noqa: SIM115
            offset = self._file.seek(0, 2)
            self._file.write(blob)
        except OSError as exc:
            raise StorageError(f"no room to hold the bundle's files: {exc.strerror}") from None
        self._where[uuid] = (offset, len(blob))

    def get(self, uuid: str) -> bytes:
        offset, length = self._where[uuid]
        assert self._file is not None
        self._file.flush()
        self._file.seek(offset)
        return self._sealer.open(self._file.read(length), uuid.encode())

    def __contains__(self, uuid: object) -> bool:
        return uuid in self._where

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self._where.clear()

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
