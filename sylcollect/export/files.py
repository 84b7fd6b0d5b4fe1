"""Writing export files: atomically, 0600, and with any scratch file inside the export folder.

Nothing of an export ever touches the system temp folder (DESIGN.md §3): libraries that need a
file to write to get a hidden scratch file beside the result, removed straight after.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

from sylcollect.errors import InvalidInput, StorageError
from sylcollect.storage.files import atomic_write


def prepare_folder(out_dir: Path) -> Path:
    """The export folder, created (user-only) if it does not exist yet."""
    if out_dir.exists() and not out_dir.is_dir():
        raise InvalidInput(f"{out_dir} is a file, not a folder")
    try:
        out_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"cannot create the export folder {out_dir}: {exc.strerror}") from None
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise StorageError(f"the export folder {out_dir} is not writable")
    return out_dir


def write_file(path: Path, data: bytes) -> Path:
    """Writes one export file atomically (temp file in the same folder, fsync, rename)."""
    atomic_write(path, data)
    return path


@contextlib.contextmanager
def scratch_file(folder: Path, suffix: str = "") -> Iterator[Path]:
    """A hidden, user-only, empty file in `folder` for a library to write to; always removed."""
    path = folder / f".sylcollect-scratch-{secrets.token_hex(8)}{suffix}"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        raise StorageError(f"cannot write in {folder}: {exc.strerror}") from None
    os.close(fd)
    try:
        yield path
    finally:
        with contextlib.suppress(OSError):
            path.unlink()
