"""Sealing to the study key (HPKE, RFC 9180) and the chunked content encryption it protects.

Suite: KEM MLKEM768_X25519 (post-quantum hybrid), KDF HKDF-SHA256, AEAD AES-256-GCM.
A study key pair travels as raw bytes: the private key is the 64-byte ML-KEM-768 seed then
the 32-byte X25519 private key (96 bytes); the public key is the 1184-byte ML-KEM-768 public
key then the 32-byte X25519 public key (1216 bytes).

Content is encrypted under a random 256-bit content key in chunks with AES-256-GCM; the
96-bit nonce is an 88-bit big-endian chunk counter followed by one flag byte (1 on the last
chunk, 0 otherwise), the STREAM construction, so reordering, dropping, duplicating or cutting
chunks fails authentication.
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric import mlkem, x25519
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from sylcollect.errors import IntegrityFailure, InvalidInput

CONTENT_KEY_BYTES = 32
TAG_BYTES = 16
_MLKEM_SEED = 64
_MLKEM_PUBLIC = 1184
_X25519 = 32
PRIVATE_KEY_BYTES = _MLKEM_SEED + _X25519
PUBLIC_KEY_BYTES = _MLKEM_PUBLIC + _X25519
SEALED_KEY_BYTES = hpke.KEM.MLKEM768_X25519.enc_length() + CONTENT_KEY_BYTES + TAG_BYTES
_COUNTER_BYTES = 11
_MAX_CHUNKS = 1 << (8 * _COUNTER_BYTES)

_SUITE = hpke.Suite(hpke.KEM.MLKEM768_X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)


class BadStudyKey(InvalidInput):
    """Bytes that are not a study HPKE key of this suite."""


class SealedKeyError(IntegrityFailure):
    """A sealed content key does not open: another study key, other `info`, or damage."""


def generate_private_key() -> bytes:
    """A new study private key (96 bytes). Keep it off the laptops."""
    seed = mlkem.MLKEM768PrivateKey.generate().private_bytes_raw()
    return seed + x25519.X25519PrivateKey.generate().private_bytes_raw()


def public_key(private_key: bytes) -> bytes:
    """The 1216-byte public key of a study private key."""
    ml, xk = _private_parts(private_key)
    return ml.public_key().public_bytes_raw() + xk.public_key().public_bytes_raw()


def check_public_key(public: bytes) -> None:
    """Raises BadStudyKey unless `public` is a usable study public key (a trial seal)."""
    seal_key(public, bytes(CONTENT_KEY_BYTES), b"sylcollect/key-check")


def seal_key(public: bytes, content_key: bytes, info: bytes) -> bytes:
    """HPKE-seals a 32-byte content key to `public`, bound to `info`: enc then ciphertext."""
    if len(content_key) != CONTENT_KEY_BYTES:
        raise InvalidInput("a content key is 32 bytes")
    try:
        blob = _SUITE.encrypt(content_key, _public(public), info=info)
    except ValueError:
        raise BadStudyKey("the study public key is not usable") from None
    assert len(blob) == SEALED_KEY_BYTES
    return blob


def open_key(private_key: bytes, blob: bytes, info: bytes) -> bytes:
    """The content key sealed in `blob` for `info`, or SealedKeyError."""
    key = _private(private_key)
    if len(blob) != SEALED_KEY_BYTES:
        raise SealedKeyError("the sealed key has the wrong length")
    try:
        content_key = _SUITE.decrypt(blob, key, info=info)
    except (InvalidTag, ValueError):
        raise SealedKeyError("the sealed key does not open with this study key") from None
    if len(content_key) != CONTENT_KEY_BYTES:
        raise SealedKeyError("the sealed key has the wrong length")
    return content_key


def new_content_key() -> bytes:
    return os.urandom(CONTENT_KEY_BYTES)


def _nonce(index: int, final: bool) -> bytes:
    if index >= _MAX_CHUNKS:
        raise IntegrityFailure("too many chunks")
    return index.to_bytes(_COUNTER_BYTES, "big") + (b"\x01" if final else b"\x00")


class ChunkSealer:
    """Encrypts one stream's chunks in order under a content key. One thread at a time."""

    __slots__ = ("_ad", "_aead", "_done", "_index")

    def __init__(self, content_key: bytes, associated_data: bytes) -> None:
        self._aead = AESGCM(content_key)
        self._ad = associated_data
        self._index = 0
        self._done = False

    def seal(self, plaintext: bytes | bytearray | memoryview, *, final: bool) -> bytes:
        """The next chunk's ciphertext and tag; nothing may follow a final chunk."""
        if self._done:
            raise IntegrityFailure("the stream is already finished")
        nonce = _nonce(self._index, final)
        self._index += 1
        self._done = final
        return self._aead.encrypt(nonce, plaintext, self._ad)


class ChunkOpener:
    """Decrypts one stream's chunks in order, refusing any that is out of place. One thread."""

    __slots__ = ("_ad", "_aead", "_done", "_index")

    def __init__(self, content_key: bytes, associated_data: bytes) -> None:
        self._aead = AESGCM(content_key)
        self._ad = associated_data
        self._index = 0
        self._done = False

    @property
    def finished(self) -> bool:
        return self._done

    def open(self, ciphertext: bytes, *, final: bool) -> bytes:
        """The next chunk's plaintext, or IntegrityFailure (altered, moved, or wrong flag)."""
        if self._done:
            raise IntegrityFailure("data after the final chunk")
        nonce = _nonce(self._index, final)
        try:
            plaintext = self._aead.decrypt(nonce, ciphertext, self._ad)
        except InvalidTag:
            raise IntegrityFailure(f"chunk {self._index} failed its integrity check") from None
        self._index += 1
        self._done = final
        return plaintext

    def would_open(self, ciphertext: bytes, *, final: bool) -> bool:
        """Whether `open` would accept this chunk with this flag, without moving on.

        Used after a failure to tell a cut stream (the last chunk is not marked final) or
        appended data (an earlier chunk was marked final) from other damage.
        """
        try:
            self._aead.decrypt(_nonce(self._index, final), ciphertext, self._ad)
        except InvalidTag:
            return False
        return True


def _private_parts(
    raw: bytes,
) -> tuple[mlkem.MLKEM768PrivateKey, x25519.X25519PrivateKey]:
    if len(raw) != PRIVATE_KEY_BYTES:
        raise BadStudyKey(f"a study private key is {PRIVATE_KEY_BYTES} bytes")
    try:
        ml = mlkem.MLKEM768PrivateKey.from_seed_bytes(raw[:_MLKEM_SEED])
        xk = x25519.X25519PrivateKey.from_private_bytes(raw[_MLKEM_SEED:])
    except ValueError:
        raise BadStudyKey("the study private key is not valid") from None
    return ml, xk


def _private(raw: bytes) -> hpke.MLKEM768X25519PrivateKey:
    return hpke.MLKEM768X25519PrivateKey(*_private_parts(raw))


def _public(raw: bytes) -> hpke.MLKEM768X25519PublicKey:
    if len(raw) != PUBLIC_KEY_BYTES:
        raise BadStudyKey(f"a study public key is {PUBLIC_KEY_BYTES} bytes")
    try:
        ml = mlkem.MLKEM768PublicKey.from_public_bytes(raw[:_MLKEM_PUBLIC])
        xk = x25519.X25519PublicKey.from_public_bytes(raw[_MLKEM_PUBLIC:])
    except ValueError:
        raise BadStudyKey("the study public key is not valid") from None
    return hpke.MLKEM768X25519PublicKey(ml, xk)
