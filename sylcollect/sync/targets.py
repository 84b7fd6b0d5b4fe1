"""Export targets: where a laptop delivers its bundles (a folder, or an HTTPS endpoint).

* `FolderTarget`: a USB stick, a network share or a cloud-synced folder. A bundle is copied
  to a hidden temp file there, fsynced, then renamed, so the folder never shows half a
  `.sylb`.
* `HttpTarget`: `PUT <url>/<name>` of the bundle file (e.g. a WebDAV share), with `urllib`.
  Only `https://`; plain `http://` is accepted for 127.0.0.1/localhost only when tests allow
  it (`allow_loopback_http=True` or the environment variable
  `SYLCOLLECT_TEST_ALLOW_HTTP_LOOPBACK=1`). User and password may be in the URL; they are
  sent as Basic auth and never shown in messages.

`reachable()` is cheap and never raises (the app calls it every minute); `deliver()` raises
`TargetError` with a plain message. Targets hold no state besides their address: use one per
thread or share freely.
"""

from __future__ import annotations

import base64
import contextlib
import errno
import hashlib
import os
import secrets
import shutil
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Protocol

from sylcollect.errors import SylError
from sylcollect.storage.files import fsync_dir

ALLOW_HTTP_ENV = "SYLCOLLECT_TEST_ALLOW_HTTP_LOOPBACK"
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class TargetError(SylError):
    """The export target can't take the bundle now (missing, not writable, full, refused)."""


class Target(Protocol):
    """Somewhere bundles go. `description` is safe to show (no credentials)."""

    description: str

    def reachable(self) -> bool: ...

    def check(self) -> None: ...

    def deliver(self, path: Path, name: str) -> str: ...


def target_from(text: str, *, allow_loopback_http: bool = False) -> Target:
    """A target from what a user typed: a URL (http/https) or a folder path."""
    scheme = urllib.parse.urlsplit(text).scheme.lower()
    if scheme in ("http", "https"):
        return HttpTarget(text, allow_loopback_http=allow_loopback_http)
    return FolderTarget(Path(text).expanduser())


# ---------------------------------------------------------------------------- folder


class FolderTarget:
    """A folder that receives bundle files."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.description = str(folder)

    def reachable(self) -> bool:
        try:
            return self.folder.is_dir() and os.access(self.folder, os.W_OK | os.X_OK)
        except OSError:
            return False

    def check(self) -> None:
        if not self.folder.exists():
            raise TargetError(
                f"the export folder {self.folder} is not there (is the USB stick or network "
                "share connected?)"
            )
        if not self.folder.is_dir():
            raise TargetError(f"the export target {self.folder} is not a folder")
        if not os.access(self.folder, os.W_OK | os.X_OK):
            raise TargetError(f"the export folder {self.folder} can't be written to")

    def deliver(self, path: Path, name: str) -> str:
        """Copies `path` to FOLDER/name atomically; an identical file already there is kept."""
        self.check()
        dest = self.folder / name
        if dest.is_file() and _same_file(path, dest):
            return str(dest)
        tmp = self.folder / f".{name}.{secrets.token_hex(6)}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0))
            with os.fdopen(fd, "wb") as out, path.open("rb") as src:
                shutil.copyfileobj(src, out, 1024 * 1024)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, dest)
            fsync_dir(self.folder)
        except OSError as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()
            if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                raise TargetError(f"the export folder {self.folder} is full") from None
            raise TargetError(
                f"could not write to the export folder {self.folder}: {exc.strerror}"
            ) from None
        return str(dest)


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.stat().st_size != b.stat().st_size:
            return False
        return _sha256(a) == _sha256(b)
    except OSError:
        return False


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


# ---------------------------------------------------------------------------- HTTP(S)


class HttpTarget:
    """An HTTPS endpoint that accepts `PUT` of each bundle file (WebDAV or similar)."""

    def __init__(self, url: str, *, allow_loopback_http: bool = False, timeout: float = 60) -> None:
        parts = urllib.parse.urlsplit(url)
        scheme = parts.scheme.lower()
        host = (parts.hostname or "").lower()
        allowed = allow_loopback_http or os.environ.get(ALLOW_HTTP_ENV) == "1"
        if scheme == "http" and not (allowed and host in _LOOPBACK):
            raise TargetError("an export address must start with https:// (plain http is unsafe)")
        if scheme not in ("http", "https") or not host:
            raise TargetError("the export address is not a web address (https://...)")
        self._auth: str | None = None
        if parts.username is not None:
            user = urllib.parse.unquote(parts.username)
            pw = urllib.parse.unquote(parts.password or "")
            self._auth = "Basic " + base64.b64encode(f"{user}:{pw}".encode()).decode()
        netloc = host if parts.port is None else f"{host}:{parts.port}"
        if ":" in host:
            netloc = f"[{host}]" if parts.port is None else f"[{host}]:{parts.port}"
        path = parts.path if parts.path.endswith("/") else parts.path + "/"
        self.base = urllib.parse.urlunsplit((scheme, netloc, path, "", ""))
        self.description = self.base
        self.timeout = timeout

    def _request(self, url: str, method: str, **kw: object) -> urllib.request.Request:
        request = urllib.request.Request(url, method=method, **kw)  # type: ignore[arg-type]  # noqa: S310
        if self._auth:
            request.add_header("Authorization", self._auth)
        return request

    def reachable(self) -> bool:
        """Whether the server answers at all (any HTTP status counts), within 10 s."""
        try:
            with urllib.request.urlopen(  # noqa: S310 (scheme checked in __init__)
                self._request(self.base, "OPTIONS"), timeout=min(self.timeout, 10)
            ):
                return True
        except urllib.error.HTTPError:
            return True
        except (urllib.error.URLError, OSError, ValueError):
            return False

    def check(self) -> None:
        if not self.reachable():
            raise TargetError(f"cannot reach {self.description}: is this laptop online?")

    def deliver(self, path: Path, name: str) -> str:
        """PUTs the file; only a 2xx answer counts as delivered."""
        url = self.base + urllib.parse.quote(name)
        size = path.stat().st_size
        with path.open("rb") as body:
            request = self._request(
                url,
                "PUT",
                data=body,
                headers={
                    "Content-Type": "application/octet-stream",
                    "Content-Length": str(size),
                },
            )
            try:
                with urllib.request.urlopen(  # noqa: S310 (scheme checked in __init__)
                    request, timeout=self.timeout
                ) as response:
                    status = response.status
            except urllib.error.HTTPError as exc:
                raise TargetError(_http_problem(exc.code, self.description)) from None
            except (urllib.error.URLError, OSError) as exc:
                reason = getattr(exc, "reason", None) or getattr(exc, "strerror", None) or exc
                raise TargetError(f"cannot reach {self.description}: {reason}") from None
        if not 200 <= status < 300:
            raise TargetError(_http_problem(status, self.description))
        return url


def _http_problem(status: int, where: str) -> str:
    if status in (401, 403):
        return f"{where} refused the upload (HTTP {status}): check the sync account"
    if status == 507:
        return f"{where} is full (HTTP 507)"
    if status == 413:
        return f"{where} refused the bundle as too large (HTTP 413)"
    if status in (404, 409):
        return f"{where} has no such folder (HTTP {status})"
    return f"{where} did not accept the bundle (HTTP {status})"
