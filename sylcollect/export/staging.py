"""One export's files, written first to a hidden folder inside the export folder, then moved
into place together, so a cancelled or failed export leaves the folder as it was.

Files of an earlier export are replaced only when every new file is ready (`commit`: one
`os.replace` per file, in the same folder, then an fsync of the folder). `discard` removes the
hidden folder with whatever is in it (written files, scratch files of openpyxl/pyreadstat).
A hidden folder left by an export whose process was killed is removed by the next export
into the same folder (`remove_stale`). Not thread-safe: one export, one thread.
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
        remove_stale(out_dir)
        self.path = out_dir / f"{STAGING_PREFIX}{os.getpid()}-{secrets.token_hex(8)}"
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


def remove_stale(out_dir: Path) -> list[Path]:
    """Removes hidden folders that exports killed mid-way left in `out_dir` (their process
    is gone): they hold plaintext files nobody sees. Returns what was removed."""
    removed: list[Path] = []
    with contextlib.suppress(OSError):
        for path in out_dir.glob(f"{STAGING_PREFIX}*"):
            if path.is_dir() and not _owner_alive(path.name[len(STAGING_PREFIX) :]):
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path)
    return removed


def _owner_alive(suffix: str) -> bool:
    """Whether the process that made a staging folder (`<pid>-<random>`) still runs."""
    pid_text = suffix.split("-", 1)[0]
    if not pid_text.isdigit():
        return False  # not one of ours as named now: an old or odd leftover
    pid = int(pid_text)
    if pid == os.getpid():
        return True  # this process: maybe another export of ours, still running
    if os.name != "posix":
        return True  # no cheap check elsewhere: leave it (the folder is user-only)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True
