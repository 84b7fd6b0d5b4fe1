"""Test-only switch to cheap Argon2id parameters. Never imported by the app or the CLI.

An import-linter contract forbids `sylcollect.cli`, `sylcollect.services`,
`sylcollect.storage` and `ui` from importing this module, and it reads no environment
variable or setting: only test code can lower the floor.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sylcollect.crypto import kdf

CHEAP = kdf.Argon2Params(iterations=1, lanes=1, memory_kib=8)


@contextmanager
def cheap_kdf() -> Iterator[kdf.Argon2Params]:
    """Within the block, new key slots use and accept CHEAP parameters."""
    saved = (kdf.policy.floor, kdf.policy.default)
    kdf.policy.floor, kdf.policy.default = CHEAP, CHEAP
    try:
        yield CHEAP
    finally:
        kdf.policy.floor, kdf.policy.default = saved
