"""Withdrawing a participant on a laptop, with the sync side of it (the one call the CLI and
the app should use).

`UnlockedWorkspace.withdraw` (storage) crypto-shreds the participant and scrubs the files;
storage can't know about bundles (it sits below `sync`), so this service then voids any
staged, undelivered bundle that carries them (`outbox_discard`): the file is deleted at
once and its items wait again for the next bundle, which carries the tombstone instead.
Even a withdrawal made without this service can't leak: `outbox.sync` voids such bundles
before delivering anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from sylcollect.storage.workspace import UnlockedWorkspace
from sylcollect.sync.outbox_discard import discard_withdrawn


@dataclass(frozen=True)
class Withdrawn:
    """What a withdrawal did: whether the scrub finished, which staged bundles were voided."""

    scrubbed: bool
    voided: tuple[int, ...]


def withdraw_participant(ws: UnlockedWorkspace, code: str) -> Withdrawn:
    """Crypto-shreds the participant, then voids staged bundles that carry them."""
    scrubbed = ws.withdraw(code)
    voided = discard_withdrawn(ws)
    return Withdrawn(scrubbed, tuple(voided))
