"""Refusals of sync files: each carries a stable `code` for programs and a plain message."""

from __future__ import annotations

from sylcollect.errors import SylError


class Refused(SylError):
    """A sync file was refused; `code` is stable (see docs/sync-format.md), the message plain."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __reduce__(self) -> tuple[type[Refused], tuple[str, str]]:
        return (type(self), (self.code, self.message))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, {self.message!r})"


class BundleRefused(Refused):
    """A `.sylb` bundle was refused (too large, damaged, forged, wrong study or key)."""


class PackageRefused(Refused):
    """A `.sylpkg` study package was refused (damaged, untrusted signer, not newer)."""
