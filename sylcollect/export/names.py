"""Variable names that SPSS and Stata accept: safe characters, length limits, no clashes.

Shortening is deterministic: a name that is too long keeps its start and gets `_` plus four
hex digits of the SHA-1 of the full name, so the same variable gets the same short name in
every export (and across forms), whatever else is in the file. The codebook keeps the full
name and the source question beside the short one.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

#: Longest variable name per format (SPSS counts bytes; our names are ASCII).
NAME_LIMITS = {"csv": 0, "xlsx": 0, "sav": 64, "dta": 32}

_UNSAFE = re.compile(r"[^A-Za-z0-9_]")
_SPSS_RESERVED = frozenset(
    {"all", "and", "by", "eq", "ge", "gt", "le", "lt", "ne", "not", "or", "to", "with"}
)
_STATA_RESERVED = frozenset(
    {
        "_all", "_b", "_coef", "_cons", "_n", "_N", "_pi", "_pred", "_rc", "_se", "_skip",
        "byte", "double", "float", "if", "in", "int", "long", "str", "strl", "using", "with",
    }
)  # fmt: skip


def _digest(name: str, salt: int) -> str:
    return hashlib.sha1(f"{salt}:{name}".encode(), usedforsecurity=False).hexdigest()[:4]


def safe_name(name: str, fmt: str) -> str:
    """`name` with only letters, digits and `_`, starting with a letter, not a keyword."""
    if not NAME_LIMITS.get(fmt):
        return name
    clean = _UNSAFE.sub("_", name) or "v"
    if not clean[0].isalpha():
        clean = "v" + clean if fmt == "sav" or not clean.startswith("_") else clean
    lowered = clean.lower()
    if (fmt == "sav" and lowered in _SPSS_RESERVED) or (
        fmt == "dta" and (clean in _STATA_RESERVED or lowered in _STATA_RESERVED)
    ):
        clean += "_"
    return clean


def shorten(name: str, limit: int, salt: int = 0) -> str:
    """`name` cut to `limit` characters with a stable hash suffix when it is longer."""
    if len(name) <= limit and salt == 0:
        return name
    return f"{name[: limit - 5]}_{_digest(name, salt)}"


class NameAllocator:
    """Hands out unique names for one file of one format (case-insensitively unique)."""

    def __init__(self, fmt: str, reserved: Iterable[str] = ()) -> None:
        self.fmt = fmt
        self.limit = NAME_LIMITS.get(fmt, 0)
        self._taken = {n.lower() for n in reserved}

    def name(self, full: str) -> str:
        """The name `full` gets in this file; the same `full` twice is the caller's bug."""
        base = safe_name(full, self.fmt)
        candidate = shorten(base, self.limit) if self.limit else base
        salt = 0
        while candidate.lower() in self._taken:
            salt += 1
            candidate = shorten(base, self.limit, salt) if self.limit else f"{base}_{salt + 1}"
        self._taken.add(candidate.lower())
        return candidate
