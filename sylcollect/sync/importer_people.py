"""The participants one import touches: their central key ids, withdrawal state and codes.

Loaded in bulk (one query per 500 uuids, keys unwrapped from one query like
`Participants.preload_keys`). An item about a participant the store has not seen yet gets a
placeholder participant with its own new central key, created in bulk (one executemany for
the wrapped keys, one for the rows); the participant's own item fills it in whenever it
arrives. Placeholder codes start with `~`, which no real code can (codes are ids).

A placeholder is dated with the time of the import that first named it (`created_at` and
`updated_at`; the items naming it can't tell when the participant was enrolled, and the
import time says truthfully since when the store has known of them), has revision 0, no
site (`""`) and no profile or identity. The participant's own item (revision 1 or more,
"new" to `central_source`) replaces every one of those values: code, site, revision,
dates, profile and identity.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select

from sylcollect.crypto import aead
from sylcollect.storage.keyring import WORKSPACE_KEY_ID
from sylcollect.storage.schema import ParticipantKey, ParticipantRow
from sylcollect.storage.tx import Tx
from sylcollect.sync.bundle_errors import BundleRefused
from sylcollect.sync.importer_rows import chunks, insert_rows
from sylcollect.sync.payload import ParticipantItem

PLACEHOLDER_PREFIX = "~"


@dataclass
class Person:
    """A participant as the importer needs them (mutable within one import)."""

    key_id: str
    withdrawn: bool
    code: str


class People:
    """Participants of the central store touched by one import. One thread, one Tx."""

    def __init__(self, tx: Tx) -> None:
        self._tx = tx
        self._s = tx.session
        self.known: dict[str, Person] = {}
        self._gone: set[str] = set()

    def load(self, uuids: Iterable[str]) -> None:
        """Fetches the participants (and unwraps their keys) not loaded yet."""
        wanted = sorted(set(uuids) - self.known.keys())
        keys: list[str] = []
        for part in chunks(wanted):
            rows = self._s.execute(
                select(
                    ParticipantRow.uuid,
                    ParticipantRow.key_id,
                    ParticipantRow.withdrawn_at,
                    ParticipantRow.code,
                ).where(ParticipantRow.uuid.in_(part))
            )
            for uuid, key_id, withdrawn_at, code in rows:
                self.known[uuid] = Person(key_id, withdrawn_at is not None, code)
                if withdrawn_at is None:
                    keys.append(key_id)
                else:
                    self._gone.add(key_id)
        for part in chunks(keys):
            self._tx.participants.preload_keys(part)

    def check_codes(self, items: Sequence[ParticipantItem]) -> None:
        """Refuses a participant code already used by another participant (here or in the
        store): codes are unique, and two laptops enrolling one code is for a person to fix."""
        owner: dict[str, str] = {}
        for it in items:
            if owner.setdefault(it.code, it.uuid) != it.uuid:
                raise _clash(it.code)
        for part in chunks(sorted(owner)):
            rows = self._s.execute(
                select(ParticipantRow.code, ParticipantRow.uuid).where(
                    ParticipantRow.code.in_(part)
                )
            )
            for code, uuid in rows:
                if owner[code] != uuid:
                    raise _clash(code)

    def ensure(self, wanted: dict[str, str | None]) -> None:
        """Makes placeholders (uuid -> code, or None for a generated one) for the unknown."""
        self.load(wanted)
        keys: list[tuple[str, str, bytes]] = []
        rows: list[tuple[object, ...]] = []
        now = self._tx.now().isoformat()
        for uuid in sorted(wanted.keys() - self.known.keys()):
            key_id = str(uuidlib.uuid4())
            code = wanted[uuid] or PLACEHOLDER_PREFIX + uuid[:31]
            keys.append((key_id, uuid, self._tx.keyring.wrap(key_id, uuid, aead.random_key())))
            rows.append((uuid, code, "", key_id, 0, now, now))
            self.known[uuid] = Person(key_id, False, code)
        insert_rows(self._s, "participant_key", ("key_id", "participant_uuid", "wrapped"), keys)
        insert_rows(
            self._s,
            "participant",
            ("uuid", "code", "site_id", "key_id", "revision", "created_at", "updated_at"),
            rows,
        )

    def key(self, uuid: str | None) -> tuple[str, bool]:
        """(key id, withdrawn) of a participant (the workspace key for no participant)."""
        if uuid is None:
            return WORKSPACE_KEY_ID, False
        person = self.known.get(uuid)
        if person is None:
            self.ensure({uuid: None})
            person = self.known[uuid]
        return person.key_id, person.withdrawn

    def key_gone(self, key_id: str) -> bool:
        """True when `key_id` is a participant key that was shredded."""
        if key_id == WORKSPACE_KEY_ID:
            return False
        if key_id in self._gone:
            return True
        return self._s.get(ParticipantKey, key_id) is None

    def mark_withdrawn(self, uuid: str) -> None:
        person = self.known[uuid]
        person.withdrawn = True
        self._gone.add(person.key_id)


def _clash(code: str) -> BundleRefused:
    return BundleRefused(
        "code_clash",
        f"participant code {code} is already used by another participant "
        "(enrolled on another laptop): nothing from this bundle was imported",
    )
