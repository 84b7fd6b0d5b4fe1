"""The clear header of a `.sylb` bundle and its canonical JSON encoding."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sylcollect.errors import InvalidInput
from sylcollect.sync import bundle_framing as fr
from sylcollect.sync.bundle_errors import BundleRefused

FORMAT_VERSION = 1
DEVICE_KEY_BYTES = 32
_KEYS = frozenset(
    {
        "format",
        "study_id",
        "device_id",
        "device_public_key",
        "fieldworker",
        "sequence",
        "previous_bundle_hash",
        "record_count",
        "bundle_id",
        "created_at",
    }
)


@dataclass(frozen=True)
class BundleHeader:
    """Who sent a bundle and where it sits in its device's chain. Immutable, thread-safe.

    `device_public_key` is the raw Ed25519 key that signs the bundle; the importer must
    compare it with the key registered for `device_id` (see `bundle.check_device_key`).
    `previous_bundle_hash` is the SHA-256 (hex) of the device's previous bundle file, None
    for its first. Never put personal data here: the header is readable without any key.
    """

    study_id: str
    device_id: str
    device_public_key: bytes
    fieldworker: str
    sequence: int
    previous_bundle_hash: str | None
    record_count: int
    bundle_id: str
    created_at: datetime
    format: int = FORMAT_VERSION

    def __post_init__(self) -> None:
        if self.format != FORMAT_VERSION or type(self.format) is not int:
            raise InvalidInput(f"bundle format must be {FORMAT_VERSION}")
        fr.check_id(self.study_id, "study id")
        fr.check_id(self.device_id, "device id")
        fr.check_id(self.bundle_id, "bundle id")
        fr.check_text(self.fieldworker, "fieldworker")
        if not isinstance(self.device_public_key, bytes) or len(self.device_public_key) != 32:
            raise InvalidInput("the device public key must be 32 bytes")
        fr.check_int(self.sequence, "sequence number", minimum=1)
        fr.check_int(self.record_count, "record count")
        if self.previous_bundle_hash is not None:
            fr.check_hex64(self.previous_bundle_hash, "previous bundle hash")
        fr.format_time(self.created_at)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "study_id": self.study_id,
            "device_id": self.device_id,
            "device_public_key": self.device_public_key.hex(),
            "fieldworker": self.fieldworker,
            "sequence": self.sequence,
            "previous_bundle_hash": self.previous_bundle_hash,
            "record_count": self.record_count,
            "bundle_id": self.bundle_id,
            "created_at": fr.format_time(self.created_at),
        }

    def encode(self) -> bytes:
        """The canonical JSON bytes stored in the bundle (and hashed for `hash`)."""
        return fr.canonical_json(self.to_json())

    def hash(self) -> bytes:
        """SHA-256 of `encode()`: bound into the sealed key and every chunk."""
        return hashlib.sha256(self.encode()).digest()

    @classmethod
    def decode(cls, data: bytes) -> BundleHeader:
        """Parses header bytes strictly, or raises BundleRefused('bad_header' / version)."""
        try:
            value = fr.parse_canonical_json(data)
        except ValueError as exc:
            raise BundleRefused("bad_header", f"the bundle header is not valid: {exc}") from None
        version = value.get("format")
        if version != FORMAT_VERSION or type(version) is not int:
            raise BundleRefused(
                "unsupported_version", "the bundle header has a format this program does not read"
            )
        if set(value) != _KEYS:
            raise BundleRefused("bad_header", "the bundle header has missing or unknown fields")
        try:
            header = cls(
                study_id=value["study_id"],
                device_id=value["device_id"],
                device_public_key=fr.hex_bytes(
                    value["device_public_key"], DEVICE_KEY_BYTES, "device public key"
                ),
                fieldworker=value["fieldworker"],
                sequence=value["sequence"],
                previous_bundle_hash=value["previous_bundle_hash"],
                record_count=value["record_count"],
                bundle_id=value["bundle_id"],
                created_at=fr.parse_time(value["created_at"], "created at"),
                format=version,
            )
        except InvalidInput as exc:
            raise BundleRefused("bad_header", f"the bundle header is not valid: {exc}") from None
        if header.encode() != data:
            raise BundleRefused("bad_header", "the bundle header is not in canonical form")
        return header
