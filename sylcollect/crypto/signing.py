"""Ed25519 signatures: device keys sign bundles, the study key signs study packages.

Keys travel as raw bytes (32-byte private seed, 32-byte public key) so that callers outside
`sylcollect.crypto` never hold a `cryptography` object.
"""

from __future__ import annotations

import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from sylcollect.errors import IntegrityFailure, InvalidInput

PRIVATE_KEY_BYTES = 32
PUBLIC_KEY_BYTES = 32
SIGNATURE_BYTES = 64


class BadSignature(IntegrityFailure):
    """A signature does not verify with the given public key (forged, altered or other key)."""


class BadSigningKey(InvalidInput):
    """Bytes that are not an Ed25519 key of the right length."""


def generate_private_key() -> bytes:
    """A new random Ed25519 private key, as its raw 32 bytes."""
    return Ed25519PrivateKey.generate().private_bytes_raw()


def public_key(private_key: bytes) -> bytes:
    """The raw 32-byte public key of a raw private key."""
    return _private(private_key).public_key().public_bytes_raw()


def sign(private_key: bytes, message: bytes) -> bytes:
    """A 64-byte Ed25519 signature of `message`."""
    return _private(private_key).sign(message)


def verify(public: bytes, signature: bytes, message: bytes) -> None:
    """Returns if `signature` is `public`'s signature of `message`; raises BadSignature if not."""
    if len(signature) != SIGNATURE_BYTES:
        raise BadSignature("the signature has the wrong length")
    try:
        _public(public).verify(signature, message)
    except InvalidSignature:
        raise BadSignature("the signature does not match") from None


def fingerprint(public: bytes) -> str:
    """A short form of a public key for people to compare aloud: 'ab12 cd34 ...' (16 groups)."""
    digest = hashlib.sha256(b"sylcollect/key-fingerprint/v1\x00" + public).hexdigest()
    return " ".join(digest[i : i + 4] for i in range(0, 64, 4))


def _private(raw: bytes) -> Ed25519PrivateKey:
    if len(raw) != PRIVATE_KEY_BYTES:
        raise BadSigningKey("an Ed25519 private key is 32 bytes")
    return Ed25519PrivateKey.from_private_bytes(raw)


def _public(raw: bytes) -> Ed25519PublicKey:
    if len(raw) != PUBLIC_KEY_BYTES:
        raise BadSignature("the public key has the wrong length")
    try:
        return Ed25519PublicKey.from_public_bytes(raw)
    except ValueError:
        raise BadSignature("the public key is not a valid Ed25519 key") from None
