"""Key slots (LUKS-like): the workspace master key wrapped once per password or recovery key."""

from __future__ import annotations

import base64
import hashlib
import os
import unicodedata
import uuid
from dataclasses import dataclass

from sylcollect.crypto import aead, kdf
from sylcollect.errors import IntegrityFailure, InvalidInput, WrongPassword

SLOT_FORMAT = 1


@dataclass(frozen=True)
class KeySlot:
    """One wrapping of the master key: kind ('user' or 'recovery'), owner, salt, cost, blob."""

    slot_id: str
    kind: str
    user: str
    salt: bytes
    params: kdf.Argon2Params
    wrapped: bytes

    def associated_data(self) -> bytes:
        p = self.params
        return (
            (
                f"sylcollect/slot/v{SLOT_FORMAT}\x00{self.slot_id}\x00{self.kind}\x00{self.user}"
                f"\x00{p.iterations}\x00{p.lanes}\x00{p.memory_kib}"
            ).encode()
            + b"\x00"
            + self.salt
        )


def normalise_password(password: str) -> bytes:
    """NFKC so that the same password typed on another keyboard layout still matches."""
    return unicodedata.normalize("NFKC", password).encode()


def make_slot(
    slot_id: str,
    kind: str,
    user: str,
    secret: bytes,
    master_key: bytes,
    params: kdf.Argon2Params | None = None,
) -> KeySlot:
    """Wraps the master key under a key derived from `secret`."""
    params = params or kdf.calibrate()
    salt = kdf.new_salt()
    kek = kdf.derive_key(secret, salt, params)
    draft = KeySlot(slot_id, kind, user, salt, params, b"")
    wrapped = aead.seal(kek, master_key, draft.associated_data())
    return KeySlot(slot_id, kind, user, salt, params, wrapped)


def open_slot(slot: KeySlot, secret: bytes) -> bytes:
    """Unwraps the master key, or raises WrongPassword / WeakKeySlot."""
    kek = kdf.derive_key(secret, slot.salt, slot.params)
    try:
        return aead.open_sealed(kek, slot.wrapped, slot.associated_data())
    except IntegrityFailure:
        raise WrongPassword("the password is not right") from None


# Recovery keys: 20 random bytes + a 2-byte checksum, in Crockford base32 (no I, L, O, U),
# shown as six groups of six characters. A mistyped character fails the checksum.
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_TO_CROCKFORD = str.maketrans(_B32, _CROCKFORD)
_FROM_CROCKFORD = str.maketrans(_CROCKFORD, _B32)
_RECOVERY_RAW = 20
_CHECK = 2


def new_recovery_key() -> str:
    """A new recovery key for printing: e.g. 'K3M9QD-...' (six groups of six)."""
    raw = os.urandom(_RECOVERY_RAW)
    return _format(raw)


def _format(raw: bytes) -> str:
    data = raw + hashlib.sha256(b"sylcollect-recovery" + raw).digest()[:_CHECK]
    text = base64.b32encode(data).decode().rstrip("=").translate(_TO_CROCKFORD)
    return "-".join(text[i : i + 6] for i in range(0, len(text), 6))


def parse_recovery_key(text: str) -> bytes:
    """The secret bytes of a typed recovery key; a typo is reported, not tried as a key."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.replace("I", "1").replace("L", "1").replace("O", "0")
    if len(cleaned) != 36 or any(ch not in _CROCKFORD for ch in cleaned):
        raise InvalidInput("a recovery key has 36 letters and digits in six groups of six")
    padded = cleaned.translate(_FROM_CROCKFORD) + "===="
    data = base64.b32decode(padded)
    raw, check = data[:_RECOVERY_RAW], data[_RECOVERY_RAW:]
    if hashlib.sha256(b"sylcollect-recovery" + raw).digest()[:_CHECK] != check:
        raise InvalidInput("that recovery key has a typing mistake: check each group again")
    return raw


@dataclass(frozen=True)
class NewKeys:
    """A fresh master key with its first user slot and recovery slot, and the recovery key."""

    master_key: bytes
    recovery_key: str
    user_slot: KeySlot
    recovery_slot: KeySlot


def new_master_with_slots(user: str, password: str, recovery_user: str) -> NewKeys:
    """A new random master key wrapped for its first user and for a new recovery key
    (both slots calibrated once, with the same parameters)."""
    master = aead.random_key()
    recovery = new_recovery_key()
    params = kdf.calibrate()
    user_slot = make_slot(
        str(uuid.uuid4()), "user", user, normalise_password(password), master, params
    )
    rec_slot = make_slot(
        str(uuid.uuid4()), "recovery", recovery_user, parse_recovery_key(recovery), master, params
    )
    return NewKeys(master, recovery, user_slot, rec_slot)
