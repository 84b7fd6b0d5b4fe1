"""Unlocked key material: master key, HKDF subkeys and cached participant keys.

Not thread-safe: one Keyring belongs to one UnlockedWorkspace, used from its writer thread
and read by worker threads only through the workspace's sessions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson

from sylcollect.crypto import aead
from sylcollect.errors import IntegrityFailure, Locked

WORKSPACE_KEY_ID = "ws"
LABEL_WRAP = "sylcollect/v1/participant-key-wrap"
LABEL_DATA = "sylcollect/v1/workspace-data"
LABEL_AUDIT = "sylcollect/v1/audit-chain"
LABEL_DEVICE = "sylcollect/v1/device-signing-key"

WrappedLoader = Callable[[str], tuple[str, bytes] | None]


class Shredded(IntegrityFailure):
    """The data key is gone (participant withdrew): the value can never be read again."""


class Keyring:
    """Holds keys in mutable buffers so that `wipe()` can zero them on lock."""

    def __init__(self, master_key: bytes, load_wrapped: WrappedLoader) -> None:
        self._master = bytearray(master_key)
        self._sub = {
            label: bytearray(aead.subkey(master_key, label))
            for label in (LABEL_WRAP, LABEL_DATA, LABEL_AUDIT, LABEL_DEVICE)
        }
        self._participant: dict[str, bytearray] = {}
        self._sealers: dict[str, aead.Sealer] = {}
        self._load_wrapped = load_wrapped
        self._locked = False

    # --- key access -------------------------------------------------------------------
    def _check(self) -> None:
        if self._locked:
            raise Locked("the workspace is locked")

    def audit_key(self) -> bytes:
        self._check()
        return bytes(self._sub[LABEL_AUDIT])

    def master_key(self) -> bytes:
        self._check()
        return bytes(self._master)

    def data_key(self, key_id: str) -> bytes:
        """The key for a key id: the workspace data key or a participant's key."""
        self._check()
        if key_id == WORKSPACE_KEY_ID:
            return bytes(self._sub[LABEL_DATA])
        cached = self._participant.get(key_id)
        if cached is None:
            found = self._load_wrapped(key_id)
            if found is None:
                raise Shredded("this participant withdrew: their data can't be read")
            participant_uuid, wrapped = found
            cached = bytearray(self.unwrap(key_id, participant_uuid, wrapped))
            self._participant[key_id] = cached
        return bytes(cached)

    def preload(self, wrapped: dict[str, tuple[str, bytes]]) -> None:
        """Unwraps many participant keys fetched in one query (bulk reads)."""
        self._check()
        for key_id, (participant_uuid, blob) in wrapped.items():
            if key_id not in self._participant:
                self._participant[key_id] = bytearray(self.unwrap(key_id, participant_uuid, blob))

    def wrap(self, key_id: str, participant_uuid: str, key: bytes) -> bytes:
        self._check()
        self._participant[key_id] = bytearray(key)
        return aead.seal(bytes(self._sub[LABEL_WRAP]), key, _wrap_ad(key_id, participant_uuid))

    def unwrap(self, key_id: str, participant_uuid: str, wrapped: bytes) -> bytes:
        self._check()
        return aead.open_sealed(
            bytes(self._sub[LABEL_WRAP]), wrapped, _wrap_ad(key_id, participant_uuid)
        )

    def seal_device_secret(self, secret: bytes, device_id: str) -> bytes:
        """Seals the device's private signing key under its own master-key subkey."""
        self._check()
        return aead.seal(bytes(self._sub[LABEL_DEVICE]), secret, _device_ad(device_id))

    def open_device_secret(self, blob: bytes, device_id: str) -> bytes:
        self._check()
        return aead.open_sealed(bytes(self._sub[LABEL_DEVICE]), blob, _device_ad(device_id))

    def forget(self, key_id: str) -> None:
        self._sealers.pop(key_id, None)
        buf = self._participant.pop(key_id, None)
        if buf is not None:
            buf[:] = bytes(len(buf))

    # --- field encryption -------------------------------------------------------------
    def _sealer(self, key_id: str) -> aead.Sealer:
        sealer = self._sealers.get(key_id)
        if sealer is None:
            sealer = self._sealers[key_id] = aead.Sealer(self.data_key(key_id))
        return sealer

    def seal_json(self, ad: aead.FieldAD, value: Any) -> bytes:
        """JSON-encodes (orjson: fast, strict UTF-8) and seals under the key id's key."""
        self._check()
        data = orjson.dumps(value, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS)
        return self._sealer(ad.key_id).seal(data, ad.encode())

    def open_json(self, ad: aead.FieldAD, blob: bytes) -> Any:
        self._check()
        return orjson.loads(self._sealer(ad.key_id).open(blob, ad.encode()))

    # --- lock -------------------------------------------------------------------------
    @property
    def locked(self) -> bool:
        return self._locked

    def wipe(self) -> None:
        """Zeroes every key buffer and refuses all further use."""
        for buf in (self._master, *self._sub.values(), *self._participant.values()):
            buf[:] = bytes(len(buf))
        self._participant.clear()
        self._sealers.clear()
        self._sub.clear()
        self._master = bytearray()
        self._locked = True

    def buffers(self) -> list[bytearray]:
        """The live key buffers (for tests that check a lock zeroed them)."""
        return [self._master, *self._sub.values(), *self._participant.values()]


def _wrap_ad(key_id: str, participant_uuid: str) -> bytes:
    return f"sylcollect/participant-key/v1\x00{key_id}\x00{participant_uuid}".encode()


def _device_ad(device_id: str) -> bytes:
    return f"sylcollect/device-key/v1\x00{device_id}".encode()
