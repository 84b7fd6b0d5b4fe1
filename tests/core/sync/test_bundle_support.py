"""Shared helpers for the bundle and package tests: keys, headers, frame surgery, re-signing."""

from __future__ import annotations

import hashlib
import os
import struct
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sylcollect.crypto import hpke, signing
from sylcollect.sync import bundle
from sylcollect.sync.bundle_header import BundleHeader

STUDY_PRIVATE = hpke.generate_private_key()
STUDY_PUBLIC = hpke.public_key(STUDY_PRIVATE)
OTHER_STUDY_PRIVATE = hpke.generate_private_key()
OTHER_STUDY_PUBLIC = hpke.public_key(OTHER_STUDY_PRIVATE)
DEVICE_PRIVATE = signing.generate_private_key()
DEVICE_PUBLIC = signing.public_key(DEVICE_PRIVATE)
ATTACKER_PRIVATE = signing.generate_private_key()
ATTACKER_PUBLIC = signing.public_key(ATTACKER_PRIVATE)
DEVICE_ID = "3f2b7c9e-0d1a-4c55-9a8e-2b6f1d0c7a11"
BIG = 1 << 40
PREFIX = len(bundle.MAGIC) + 1
HEAD = 5


def make_header(**changes: object) -> BundleHeader:
    fields: dict[str, object] = {
        "study_id": "syl-study",
        "device_id": DEVICE_ID,
        "device_public_key": DEVICE_PUBLIC,
        "fieldworker": "Ann Évans",
        "sequence": 7,
        "previous_bundle_hash": hashlib.sha256(b"previous").hexdigest(),
        "record_count": 12,
        "bundle_id": str(uuid.UUID(int=42)),
        "created_at": datetime(2026, 3, 1, 9, 30, tzinfo=UTC),
    }
    fields.update(changes)
    return BundleHeader(**fields)  # type: ignore[arg-type]


def write(path: Path, payload: bytes, *, header: BundleHeader | None = None, **kw: bytes) -> str:
    return bundle.write_bundle(
        path,
        header or make_header(),
        [payload],
        kw.get("study_public", STUDY_PUBLIC),
        kw.get("device_private", DEVICE_PRIVATE),
    )


def payload_of(size: int, seed: int = 1) -> bytes:
    """Deterministic, non-repeating bytes (so swapped chunks differ)."""
    out = bytearray()
    counter = 0
    while len(out) < size:
        out += hashlib.sha512(b"%d-%d" % (seed, counter)).digest()
        counter += 1
    return bytes(out[:size])


@dataclass
class Frame:
    """One frame of a sync file, as found on disk."""

    kind: bytes
    body: bytes
    offset: int  # of the frame head

    def encode(self) -> bytes:
        return struct.pack(">cI", self.kind, len(self.body)) + self.body


def frames(data: bytes) -> list[Frame]:
    """Splits a well-formed file (after its 10-byte prefix) into frames."""
    out = []
    pos = PREFIX
    while pos < len(data):
        kind, length = struct.unpack(">cI", data[pos : pos + HEAD])
        out.append(Frame(kind, data[pos + HEAD : pos + HEAD + length], pos))
        pos += HEAD + length
    assert pos == len(data)
    return out


def resign_bundle(
    prefix_frames: list[Frame], key: bytes = DEVICE_PRIVATE, *, trailing: bytes = b""
) -> bytes:
    """A bundle made of these frames (without any S frame), signed with `key`."""
    body = bundle.MAGIC + b"\x01" + b"".join(f.encode() for f in prefix_frames)
    sig = signing.sign(key, bundle.SIGNATURE_LABEL + hashlib.sha256(body).digest())
    return body + Frame(b"S", sig, 0).encode() + trailing


def resign_bytes(data: bytes, key: bytes = DEVICE_PRIVATE) -> bytes:
    """Replaces the last 69 bytes (the S frame) of a bundle with a fresh signature."""
    body = data[:-69] if len(data) >= 69 else data
    sig = signing.sign(key, bundle.SIGNATURE_LABEL + hashlib.sha256(body).digest())
    return body + b"S\x00\x00\x00\x40" + sig


def random_id() -> str:
    return os.urandom(8).hex()
