"""One export's files, written first to a hidden folder inside the export folder, then moved
into place together, so a cancelled or failed export leaves the folder as it was.

Files of an earlier export are replaced only when every new file is ready (`commit`: one
`os.replace` per file, in the same folder, then an fsync of the folder). `discard` removes the
hidden folder with whatever is in it (written files, scratch files of openpyxl/pyreadstat).
Not thread-safe: one export, one thread.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from pathlib import Path

from sylcollect.errors import StorageError
from sylcollect.export.files import write_file
from sylcollect.storage.files import fsync_dir

STAGING_PREFIX = ".sylcollect-export-"


class Staging:
    """The hidden folder where one export writes its files until `commit` or `discard`."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.path = out_dir / f"{STAGING_PREFIX}{secrets.token_hex(8)}"
        try:
            self.path.mkdir(mode=0o700)
        except OSError as exc:
            raise StorageError(f"cannot write in {out_dir}: {exc.strerror}") from None
        self.names: list[str] = []

    def write(self, name: str, data: bytes) -> Path:
        """Writes one file (atomically, 0600) in the hidden folder; returns its final path."""
        write_file(self.path / name, data)
        self.names.append(name)
        return self.out_dir / name

    def commit(self) -> tuple[Path, ...]:
        """Moves every file into the export folder (replacing same-named ones) and removes the
        hidden folder. If a move fails, the files already moved are removed again."""
        moved: list[Path] = []
        try:
            for name in self.names:
                target = self.out_dir / name
                os.replace(self.path / name, target)
                moved.append(target)
            fsync_dir(self.out_dir)
        except OSError as exc:
            for path in moved:
                with contextlib.suppress(OSError):
                    path.unlink()
            self.discard()
            where = self.out_dir
            raise StorageError(f"cannot move the files into {where}: {exc.strerror}") from None
        self.discard()
        return tuple(moved)

    def discard(self) -> None:
        """Removes the hidden folder and everything in it (never the export folder's files)."""
        shutil.rmtree(self.path, ignore_errors=True)
