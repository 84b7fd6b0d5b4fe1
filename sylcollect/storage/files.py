"""User-only folders and files, and atomic writes (temp file, fsync, rename)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from sylcollect.errors import StorageError


def ensure_private_dir(path: Path) -> Path:
    """Creates `path` (0700) if needed and checks it can be written."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        if os.name == "posix":
            os.chmod(path, 0o700)
    except OSError as exc:
        raise StorageError(f"cannot create the data folder {path}: {exc.strerror}") from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise StorageError(f"the data folder {path} is not writable")
    return path


def create_private_file(path: Path) -> None:
    """Creates an empty 0600 file (fails if it exists), so SQLite inherits the mode."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        raise StorageError(f"cannot create {path.name}: {exc.strerror}") from None
    os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Writes `data` to `path` so that a crash leaves the old file or the new, never half."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise StorageError(f"cannot write {path.name}: {exc.strerror}") from None


def fsync_dir(path: Path) -> None:
    """Makes a rename in `path` durable (no-op where directories can't be opened)."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
