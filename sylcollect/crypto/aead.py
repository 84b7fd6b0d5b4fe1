"""AES-256-GCM sealing with associated data, HKDF subkeys and HMAC chaining."""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from sylcollect.errors import IntegrityFailure

FORMAT_VERSION = 1
NONCE_BYTES = 12
KEY_BYTES = 32


def random_key() -> bytes:
    """A fresh random 256-bit key."""
    return os.urandom(KEY_BYTES)


def subkey(master: bytes, label: str) -> bytes:
    """An HKDF-SHA256 subkey of `master` for one purpose, named by `label`."""
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=label.encode()).derive(
        master
    )


_VERSION = bytes([FORMAT_VERSION])


class Sealer:
    """AES-256-GCM under one key, kept ready for many values. Drop it to forget the key."""

    __slots__ = ("_aead",)

    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(key)

    def seal(self, plaintext: bytes, associated_data: bytes) -> bytes:
        """Encrypts with a fresh 96-bit nonce: version byte + nonce + ciphertext-and-tag."""
        nonce = os.urandom(NONCE_BYTES)
        return _VERSION + nonce + self._aead.encrypt(nonce, plaintext, _VERSION + associated_data)

    def open(self, blob: bytes, associated_data: bytes) -> bytes:
        """Decrypts what `seal` made with the same key and associated data, or raises."""
        if len(blob) < 1 + NONCE_BYTES + 16 or blob[0] != FORMAT_VERSION:
            raise IntegrityFailure("stored value is damaged or of an unknown format")
        nonce, body = blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :]
        try:
            return self._aead.decrypt(nonce, body, _VERSION + associated_data)
        except InvalidTag:
            raise IntegrityFailure("stored value failed its integrity check") from None


def seal(key: bytes, plaintext: bytes, associated_data: bytes) -> bytes:
    """Encrypts once under `key` (see Sealer)."""
    return Sealer(key).seal(plaintext, associated_data)


def open_sealed(key: bytes, blob: bytes, associated_data: bytes) -> bytes:
    """Decrypts once under `key` (see Sealer)."""
    return Sealer(key).open(blob, associated_data)


@dataclass(frozen=True)
class FieldAD:
    """Associated data binding one encrypted column value to its place."""

    table: str
    row: str
    column: str
    revision: int
    key_id: str

    def encode(self) -> bytes:
        parts = (self.table, self.row, self.column, str(self.revision), self.key_id)
        return b"sylcollect/field/v1\x00" + b"\x00".join(p.encode() for p in parts)


def mac(key: bytes, data: bytes) -> bytes:
    """HMAC-SHA256 of data."""
    return hmac.new(key, data, hashlib.sha256).digest()


def mac_equal(a: bytes, b: bytes) -> bool:
    return hmac.compare_digest(a, b)
