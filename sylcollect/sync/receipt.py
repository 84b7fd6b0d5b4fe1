"""Import receipts (`.sylr`): the central store's signed word that it holds a device's data.

A supervisor issues one after importing (`sylcollect central receipt`); the laptop checks
it with the study signing key it already trusts and may then purge the records it covers,
keeping only pseudonymous counts (`sylcollect receipt apply`).

Layout (like a study package): magic `\\x89SYLR\\r\\n\\x1a\\n`, version byte 1, frame `R`
(canonical JSON body), frame `S` (Ed25519 by the study signing key over
`"sylcollect/receipt-signature/v1\\0" || SHA-256(every byte before the 'S' frame)`).

Body: `format` (1), `study_id`, `device_id`, `up_to_sequence` (every bundle 1..N of the
device is imported), `records` (sorted `[uuid, revision]` pairs the central store holds from
that device), `receipt_id`, `created_at`. No personal data: ids and numbers only.
"""

from __future__ import annotations

import hashlib
import uuid as uuidlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sylcollect.crypto import signing
from sylcollect.errors import InvalidInput, NotFound
from sylcollect.storage.files import atomic_write
from sylcollect.storage.schema import (
    CentralConflict,
    CentralDevice,
    CentralImport,
    CentralSource,
)
from sylcollect.storage.workspace import Workspace
from sylcollect.sync import bundle_framing as fr
from sylcollect.sync.bundle_errors import Refused

MAGIC = b"\x89SYLR\r\n\x1a\n"
FORMAT_VERSION = 1
SIGNATURE_LABEL = b"sylcollect/receipt-signature/v1\x00"
MAX_RECEIPT_BYTES = 256 * 1024 * 1024
_R, _S = b"R", b"S"
_KEYS = frozenset(
    {"format", "study_id", "device_id", "up_to_sequence", "records", "receipt_id", "created_at"}
)


class ReceiptRefused(Refused):
    """A `.sylr` receipt was refused (damaged, not signed by the study, another device)."""


@dataclass(frozen=True)
class Receipt:
    """A verified receipt. Immutable."""

    study_id: str
    device_id: str
    up_to_sequence: int
    records: tuple[tuple[str, int], ...]
    receipt_id: str
    created_at: datetime


def covered(store: Workspace, device_id: str) -> tuple[int, tuple[tuple[str, int], ...]]:
    """(N such that bundles 1..N are all imported, the device's records held centrally)."""
    with Session(store.engine) as s:
        if s.get(CentralDevice, device_id) is None:
            raise NotFound(f"no device {device_id} has sent a bundle here")
        sequences = set(
            s.scalars(select(CentralImport.sequence).where(CentralImport.device_id == device_id))
        )
        upto = 0
        while upto + 1 in sequences:
            upto += 1
        held = {
            (uuid, rev)
            for uuid, rev in s.execute(
                select(CentralSource.uuid, CentralSource.revision).where(
                    CentralSource.entity == "record", CentralSource.device_id == device_id
                )
            )
        }
        held.update(
            (uuid, rev)
            for uuid, rev in s.execute(
                select(CentralConflict.record_uuid, CentralConflict.revision).where(
                    CentralConflict.device_id == device_id
                )
            )
        )
    return upto, tuple(sorted(held))


def write_receipt(
    path: Path | str,
    store: Workspace,
    study_id: str,
    device_id: str,
    signing_private_key: bytes,
) -> Receipt:
    """Signs and writes (atomically) a receipt for everything held from `device_id`."""
    upto, records = covered(store, device_id)
    receipt = Receipt(study_id, device_id, upto, records, str(uuidlib.uuid4()), datetime.now(UTC))
    body = fr.canonical_json(
        {
            "format": FORMAT_VERSION,
            "study_id": study_id,
            "device_id": device_id,
            "up_to_sequence": upto,
            "records": [[u, r] for u, r in records],
            "receipt_id": receipt.receipt_id,
            "created_at": fr.format_time(receipt.created_at),
        }
    )
    prefix = MAGIC + bytes([FORMAT_VERSION]) + fr.frame(_R, body) + body
    signature = signing.sign(signing_private_key, SIGNATURE_LABEL + hashlib.sha256(prefix).digest())
    atomic_write(Path(path), prefix + fr.frame(_S, signature) + signature)
    return receipt


def read_receipt(
    path: Path | str, *, trusted_signing_public: bytes, study_id: str, device_id: str
) -> Receipt:
    """Checks a receipt: framing, the study's signature, this study and this device.

    Raises ReceiptRefused: unreadable, too_large, bad_magic, unsupported_version,
    bad_framing, truncated, trailing_data, bad_signature, bad_content, wrong_study,
    wrong_device.
    """
    with fr.open_file(Path(path), ReceiptRefused) as (stream, size):
        if size > MAX_RECEIPT_BYTES:
            raise ReceiptRefused("too_large", "the receipt is too large")
        reader = fr.FrameReader(stream, size, ReceiptRefused)
        reader.check_magic(MAGIC, FORMAT_VERSION, "receipt")
        kind, length = reader.read_head()
        if kind != _R or length == 0:
            raise ReceiptRefused("bad_framing", "the receipt is damaged: no content frame")
        body = reader.read_exact(length, "the content")
        kind, length = reader.read_head()
        if kind != _S or length != signing.SIGNATURE_BYTES:
            raise ReceiptRefused("bad_framing", "the receipt is damaged: no signature frame")
        signed = SIGNATURE_LABEL + reader.digest_before_head()
        signature = reader.read_exact(length, "the signature")
        reader.expect_end("receipt")
    try:
        signing.verify(trusted_signing_public, signature, signed)
    except signing.BadSignature:
        raise ReceiptRefused(
            "bad_signature",
            "the receipt is not signed by this study's key: it was altered or is not genuine",
        ) from None
    receipt = _decode(body)
    if receipt.study_id != study_id:
        raise ReceiptRefused("wrong_study", f"the receipt is for study {receipt.study_id}")
    if receipt.device_id != device_id:
        raise ReceiptRefused(
            "wrong_device", f"the receipt is for device {receipt.device_id}, not this laptop"
        )
    return receipt


def _decode(body: bytes) -> Receipt:
    try:
        value: dict[str, Any] = fr.parse_canonical_json(body)
        if set(value) != _KEYS or value["format"] != FORMAT_VERSION:
            raise InvalidInput("missing, unknown or unsupported fields")
        records = value["records"]
        if not isinstance(records, list):
            raise InvalidInput("the record list is not a list")
        pairs: list[tuple[str, int]] = []
        for pair in records:
            if not (isinstance(pair, list) and len(pair) == 2):
                raise InvalidInput("a record entry is not a pair")
            pairs.append(
                (fr.check_id(pair[0], "record uuid"), fr.check_int(pair[1], "revision", 1))
            )
        return Receipt(
            study_id=fr.check_id(value["study_id"], "study id"),
            device_id=fr.check_id(value["device_id"], "device id"),
            up_to_sequence=fr.check_int(value["up_to_sequence"], "sequence"),
            records=tuple(pairs),
            receipt_id=fr.check_id(value["receipt_id"], "receipt id"),
            created_at=fr.parse_time(value["created_at"], "created at"),
        )
    except (InvalidInput, ValueError) as exc:
        raise ReceiptRefused("bad_content", f"the receipt's content is not valid: {exc}") from None
