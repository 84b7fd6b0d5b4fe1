"""The decrypted content of a `.sylb` bundle: UTF-8 JSON lines, one object per line.

Shared contract between the device (which writes it, `sylcollect.sync.outbox`) and the
central importer (which reads it). Every line is one JSON object ending in `\\n`; the first
line is the `meta` item and no other line may be one. Kinds (all keys required, no others):

    meta         format (=1), study_id, study_version, device_id, sequence, created_at
    participant  uuid, code, site_id, revision, created_at, updated_at, role, unit_id,
                 identity {name, date_of_birth, contact, notes}
    consent      uuid, participant_uuid, revision, created_at, updated_at,
                 content {...Consent.to_json()}
    record       uuid, form_id, form_version, subject, site_id, participant_uuid, status,
                 revision, created_at, updated_at, content {...Record.content_json()}
    observation  uuid, site_id, revision, created_at, updated_at,
                 content {...Observation.content_json()}
    tombstone    participant_uuid, code, withdrawn_at
    audit        seq, uuid, at, actor, action, entity, entity_uuid, details (object or null)
    attachment   uuid, record_uuid, question (its path), revision, created_at, media_type,
                 size, filename, content (the file's bytes, standard base64 with padding)

Times are ISO 8601 strings as the workspace stores them (`datetime.isoformat()`), dates
`YYYY-MM-DD`. A withdrawn participant's data never travels: only their tombstone (and audit
events whose details are null because they were shredded).

`decode_payload` is strict and bounded: a malformed, oversized or unknown line raises
`BundleRefused("bad_payload", ...)` and nothing else (messages never quote values).

Line caps: every line is held to `max_line_bytes`, except an attachment line (one starting
with `ATTACHMENT_PREFIX`, checked again once parsed), which may be up to
`max_attachment_line_bytes` (default `ATTACHMENT_LINE_BYTES`: base64 of a 50 MiB file plus
64 KiB). An attachment's `size` must equal its decoded content's length and be at most
`MAX_ATTACHMENT_BYTES`; its base64 must be canonical. Decoding one attachment line holds
about four times the file's size at its peak (the line, its text, the bytes); the decoder
never holds more than one line.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import orjson

from sylcollect.sync.bundle_errors import BundleRefused
from sylcollect.sync.payload_items import (
    ATTACHMENT_LINE_BYTES,
    ATTACHMENT_PREFIX,
    FORMAT,
    AttachmentItem,
    AuditItem,
    ConsentItem,
    Item,
    MetaItem,
    ObservationItem,
    ParticipantItem,
    RecordItem,
    TombstoneItem,
)
from sylcollect.sync.payload_parse import BadItem, parse_item

__all__ = [
    "ATTACHMENT_LINE_BYTES",
    "FORMAT",
    "AttachmentItem",
    "AuditItem",
    "ConsentItem",
    "Item",
    "MetaItem",
    "ObservationItem",
    "ParticipantItem",
    "RecordItem",
    "TombstoneItem",
    "decode_payload",
    "encode_item",
    "encode_payload",
    "record_count",
]

CHUNK_TARGET = 64 * 1024


# ---------------------------------------------------------------------------- encoding


def encode_item(item: Item) -> bytes:
    """One line (with its `\\n`); raises ValueError for values JSON can't hold."""
    try:
        return orjson.dumps(item.to_json(), option=orjson.OPT_APPEND_NEWLINE)
    except TypeError as exc:
        raise ValueError(f"a {item.kind} item can't be encoded: {exc}") from None


def encode_payload(items: Iterable[Item]) -> Iterator[bytes]:
    """Pieces of about 64 KiB for `write_bundle`; the first item must be the MetaItem."""
    buffer = bytearray()
    first = True
    for item in items:
        if first != isinstance(item, MetaItem):
            raise ValueError("the payload starts with one meta item and has no other")
        first = False
        buffer += encode_item(item)
        if len(buffer) >= CHUNK_TARGET:
            yield bytes(buffer)
            buffer.clear()
    if first:
        raise ValueError("the payload needs a meta item")
    if buffer:
        yield bytes(buffer)


# ---------------------------------------------------------------------------- decoding


def decode_payload(
    chunks: Iterable[bytes],
    *,
    max_items: int,
    max_line_bytes: int,
    max_attachment_line_bytes: int = ATTACHMENT_LINE_BYTES,
) -> Iterator[Item]:
    """Parses payload lines strictly as they stream in; the first item is the MetaItem.

    Raises only BundleRefused('bad_payload') for any flaw: not UTF-8 JSON, an unknown kind,
    a missing, extra or mistyped key, a line over `max_line_bytes` (an attachment line: over
    `max_attachment_line_bytes`), more than `max_items` lines, no meta first, a second meta,
    or data after the last newline.
    """
    pending = bytearray()
    searched = 0  # bytes of `pending` already known to hold no newline
    count = 0
    for chunk in chunks:
        pending += chunk
        start = 0
        while True:
            end = pending.find(b"\n", max(start, searched))
            if end < 0:
                break
            length = end - start
            if length > _cap(pending, start, max_line_bytes, max_attachment_line_bytes):
                raise _refuse(count + 1, "is too long")
            count += 1
            if count > max_items:
                raise BundleRefused("bad_payload", f"the bundle holds more than {max_items} items")
            item = _decode_line(pending[start:end], count)
            if length > max_line_bytes and not isinstance(item, AttachmentItem):
                raise _refuse(count, "is too long")
            yield item
            start = end + 1
        del pending[:start]
        searched = len(pending)
        if len(pending) > _cap(pending, 0, max_line_bytes, max_attachment_line_bytes):
            raise _refuse(count + 1, "is too long")
    if pending:
        raise _refuse(count + 1, "does not end with a newline")
    if count == 0:
        raise BundleRefused("bad_payload", "the bundle's content is empty")


def _cap(pending: bytearray, start: int, max_line: int, max_attachment_line: int) -> int:
    """The cap of the line starting at `start`: larger for an attachment line."""
    if pending.startswith(ATTACHMENT_PREFIX, start):
        return max(max_line, max_attachment_line)
    return max_line


def _refuse(line: int, problem: str) -> BundleRefused:
    return BundleRefused("bad_payload", f"line {line} of the bundle's content {problem}")


def _decode_line(line: bytes | bytearray, number: int) -> Item:
    try:
        value = orjson.loads(line)
    except orjson.JSONDecodeError:
        raise _refuse(number, "is not valid JSON") from None
    try:
        return parse_item(value, first=number == 1)
    except BadItem as exc:
        raise _refuse(number, str(exc)) from None
    except (ValueError, TypeError, KeyError, RecursionError):
        raise _refuse(number, "has a value of the wrong type") from None


def record_count(items: Iterable[Item]) -> int:
    """How many record items (what the bundle header's `record_count` states)."""
    return sum(1 for i in items if isinstance(i, RecordItem))
