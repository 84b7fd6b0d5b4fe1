"""Strict parsing of one decoded payload line into its item (see `sylcollect.sync.payload`).

`parse_item(value, first=...)` raises `BadItem` (a plain problem, never quoting a value);
`payload.decode_payload` turns it into `BundleRefused("bad_payload")` with the line number.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sylcollect.domain.consent import ConsentMethod, ConsentScope, ConsentWho
from sylcollect.domain.record import RecordMode, RecordStatus, SubjectKind
from sylcollect.domain.study import Role
from sylcollect.storage.repo_attachments import MAX_ATTACHMENT_BYTES
from sylcollect.sync.payload_items import (
    ATTACHMENT_CONTENT_CHARS,
    CONSENT_DOCUMENT_KEY,
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
    check_consent_document,
)

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}", re.ASCII)
_MAX_INT = (1 << 63) - 1
_RECORD_CONTENT = frozenset(
    {"wave_id", "mode", "answers", "scores", "alerts", "collected_by", "started_at"}
)
_RECORD_LATER_CONTENT = frozenset({"paper_date"})  # optional
_ALERT_KEYS = frozenset({"id", "message", "acknowledged_by", "acknowledged_at", "action_taken"})
_ALERT_LATER_KEYS = frozenset({"holds", "cleared_at", "trigger", "history"})  # optional
_ACK_KEYS = frozenset({"by", "at", "action_taken", "message", "trigger"})
_CONSENT_CONTENT = frozenset(
    {
        "who",
        "scopes",
        "info_sheet_version",
        "method",
        "given_on",
        "taken_by",
        "notes",
        "withdrawn_on",
    }
)
_OBS_CONTENT = frozenset(
    {
        "activity_type",
        "started_at",
        "duration_minutes",
        "participant_codes",
        "notes",
        "tags",
        "milestone_ids",
        "observed_by",
    }
)
_IDENTITY = frozenset({"name", "date_of_birth", "contact", "notes"})
_KEYS_META = frozenset(
    {"format", "study_id", "study_version", "device_id", "sequence", "created_at"} | {"kind"}
)
_KEYS_PARTICIPANT = frozenset(
    {
        "uuid",
        "code",
        "site_id",
        "revision",
        "created_at",
        "updated_at",
        "role",
        "unit_id",
        "identity",
    }
    | {"kind"}
)
_KEYS_CONSENT = frozenset(
    {"uuid", "participant_uuid", "revision", "created_at", "updated_at", "content"} | {"kind"}
)
_KEYS_RECORD = frozenset(
    {
        "uuid",
        "form_id",
        "form_version",
        "subject",
        "site_id",
        "participant_uuid",
        "status",
        "revision",
        "created_at",
        "updated_at",
        "content",
    }
    | {"kind"}
)
_KEYS_OBSERVATION = frozenset(
    {"uuid", "site_id", "revision", "created_at", "updated_at", "content"} | {"kind"}
)
_KEYS_TOMBSTONE = frozenset({"participant_uuid", "code", "withdrawn_at"} | {"kind"})
_KEYS_AUDIT = frozenset(
    {"seq", "uuid", "at", "actor", "action", "entity", "entity_uuid", "details"} | {"kind"}
)
_KEYS_ATTACHMENT = frozenset(
    {
        "uuid",
        "record_uuid",
        "question",
        "revision",
        "created_at",
        "media_type",
        "size",
        "filename",
        "content",
    }
    | {"kind"}
)
_MAX_NAME = 255
_ROLES = frozenset(r.value for r in Role)
_WHO = frozenset(w.value for w in ConsentWho)
_SCOPES = frozenset(s.value for s in ConsentScope)
_METHODS = frozenset(m.value for m in ConsentMethod)
_MODES = frozenset(m.value for m in RecordMode)
_SUBJECTS = frozenset(s.value for s in SubjectKind)
_STATUSES = frozenset(s.value for s in RecordStatus)


class BadItem(Exception):
    """One validation failure of a payload line: `str(exc)` says what, never the value."""


def parse_item(value: object, *, first: bool) -> Item:
    """The item `value` (a decoded JSON line) describes; the first line must be meta."""
    if not isinstance(value, dict):
        raise BadItem("is not a JSON object")
    kind = value.get("kind")
    if (kind == "meta") != first:
        raise BadItem("is not where a meta line may be" if kind == "meta" else "is not meta")
    parser = _PARSERS.get(kind) if isinstance(kind, str) else None
    if parser is None:
        raise BadItem("has an unknown kind")
    return parser(value)


# --- field checks (raise BadItem) --------------------------------------------------------


def _keys(obj: dict[str, Any], expected: frozenset[str], what: str) -> None:
    if obj.keys() != expected:
        raise BadItem(f"has missing or unknown fields in {what}")


def _str(v: object, what: str, *, empty: bool = True) -> str:
    if not isinstance(v, str) or (not empty and not v):
        raise BadItem(f"has a bad {what}")
    return v


def _opt_str(v: object, what: str) -> str | None:
    return None if v is None else _str(v, what)


def _id(v: object, what: str) -> str:
    if not isinstance(v, str) or not _ID.fullmatch(v):
        raise BadItem(f"has a bad {what}")
    return v


def _int(v: object, what: str, minimum: int = 0) -> int:
    if type(v) is not int or not minimum <= v <= _MAX_INT:
        raise BadItem(f"has a bad {what}")
    return v


def _time(v: object, what: str) -> str:
    text = _str(v, what, empty=False)
    try:
        datetime.fromisoformat(text)
    except ValueError:
        raise BadItem(f"has a bad {what}") from None
    return text


def _opt_time(v: object, what: str) -> str | None:
    return None if v is None else _time(v, what)


def _date(v: object, what: str) -> str:
    text = _str(v, what, empty=False)
    try:
        date.fromisoformat(text)
    except ValueError:
        raise BadItem(f"has a bad {what}") from None
    return text


def _enum(v: object, allowed: frozenset[str], what: str) -> str:
    if not isinstance(v, str) or v not in allowed:
        raise BadItem(f"has an unknown {what}")
    return v


def _obj(v: object, what: str) -> dict[str, Any]:
    if not isinstance(v, dict):
        raise BadItem(f"has a bad {what}")
    return v


def _str_list(v: object, what: str) -> list[str]:
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise BadItem(f"has a bad {what}")
    return v


def _head(v: dict[str, Any], keys: frozenset[str]) -> None:
    _keys(v, keys, "the line")  # `keys` include "kind"


# --- kinds ----------------------------------------------------------------------------


def _meta(v: dict[str, Any]) -> MetaItem:
    _head(v, _KEYS_META)
    if type(v["format"]) is not int or v["format"] != FORMAT:
        raise BadItem("has a payload format this program does not read")
    return MetaItem(
        study_id=_id(v["study_id"], "study id"),
        study_version=_int(v["study_version"], "study version", 1),
        device_id=_id(v["device_id"], "device id"),
        sequence=_int(v["sequence"], "sequence", 1),
        created_at=_time(v["created_at"], "time"),
    )


def _participant(v: dict[str, Any]) -> ParticipantItem:
    _head(v, _KEYS_PARTICIPANT)
    identity = _obj(v["identity"], "identity")
    _keys(identity, _IDENTITY, "the identity")
    _str(identity["name"], "name")
    if identity["date_of_birth"] is not None:
        _date(identity["date_of_birth"], "date of birth")
    _str(identity["contact"], "contact")
    _str(identity["notes"], "notes")
    return ParticipantItem(
        uuid=_id(v["uuid"], "uuid"),
        code=_id(v["code"], "code"),
        site_id=_id(v["site_id"], "site id"),
        revision=_int(v["revision"], "revision", 1),
        created_at=_time(v["created_at"], "time"),
        updated_at=_time(v["updated_at"], "time"),
        role=_enum(v["role"], _ROLES, "role"),
        unit_id=_opt_str(v["unit_id"], "unit id"),
        identity=identity,
    )


def _consent(v: dict[str, Any]) -> ConsentItem:
    _head(v, _KEYS_CONSENT)
    c = _obj(v["content"], "content")
    if CONSENT_DOCUMENT_KEY in c:  # the signed document (e-consent PDF or scan)
        _keys(c, _CONSENT_CONTENT | {CONSENT_DOCUMENT_KEY}, "the consent")
        try:
            check_consent_document(c[CONSENT_DOCUMENT_KEY])
        except ValueError as exc:
            raise BadItem(str(exc)) from None
    else:
        _keys(c, _CONSENT_CONTENT, "the consent")
    _enum(c["who"], _WHO, "consent type")
    for scope in _str_list(c["scopes"], "scope list"):
        _enum(scope, _SCOPES, "consent scope")
    _str(c["info_sheet_version"], "information sheet version")
    _enum(c["method"], _METHODS, "consent method")
    _date(c["given_on"], "consent date")
    _str(c["taken_by"], "name of who took consent")
    _str(c["notes"], "notes")
    if c["withdrawn_on"] is not None:
        _date(c["withdrawn_on"], "withdrawal date")
    return ConsentItem(
        uuid=_id(v["uuid"], "uuid"),
        participant_uuid=_id(v["participant_uuid"], "participant uuid"),
        revision=_int(v["revision"], "revision", 1),
        created_at=_time(v["created_at"], "time"),
        updated_at=_time(v["updated_at"], "time"),
        content=c,
    )


def _alert(a: object) -> None:
    alert = _obj(a, "alert")
    if not _ALERT_KEYS <= alert.keys() <= _ALERT_KEYS | _ALERT_LATER_KEYS:
        raise BadItem("has missing or unknown fields in an alert")
    _str(alert["id"], "alert id")
    _str(alert["message"], "alert message")
    _opt_str(alert["acknowledged_by"], "alert acknowledgement")
    _opt_time(alert["acknowledged_at"], "alert acknowledgement time")
    _str(alert["action_taken"], "alert action")
    if not isinstance(alert.get("holds", True), bool):
        raise BadItem("has a bad alert state")
    _opt_time(alert.get("cleared_at"), "alert clearing time")
    _opt_str(alert.get("trigger"), "alert trigger")
    history = alert.get("history", [])
    if not isinstance(history, list):
        raise BadItem("has a bad alert history")
    for h in history:
        _earlier_ack(h)


def _earlier_ack(h: object) -> None:
    """One entry of an alert's `history`: an acknowledgement that no longer covers it."""
    ack = _obj(h, "alert history entry")
    _keys(ack, _ACK_KEYS, "an alert history entry")
    _str(ack["by"], "alert history acknowledgement")
    _opt_time(ack["at"], "alert history time")
    _str(ack["action_taken"], "alert history action")
    _str(ack["message"], "alert history message")
    _opt_str(ack["trigger"], "alert history trigger")


def _record(v: dict[str, Any]) -> RecordItem:
    _head(v, _KEYS_RECORD)
    c = _obj(v["content"], "content")
    if not _RECORD_CONTENT <= c.keys() <= _RECORD_CONTENT | _RECORD_LATER_CONTENT:
        raise BadItem("has missing or unknown fields in the record")
    _opt_str(c["wave_id"], "wave id")
    _enum(c["mode"], _MODES, "record mode")
    if c.get("paper_date") is not None:
        if c["mode"] != RecordMode.PAPER:
            raise BadItem("has a paper date on a record not typed in from paper")
        _date(c["paper_date"], "paper date")
    _obj(c["answers"], "answers")
    _obj(c["scores"], "scores")
    if not isinstance(c["alerts"], list):
        raise BadItem("has a bad alert list")
    for alert in c["alerts"]:
        _alert(alert)
    _str(c["collected_by"], "collector")
    _opt_time(c["started_at"], "start time")
    subject = _enum(v["subject"], _SUBJECTS, "subject")
    participant = v["participant_uuid"]
    if participant is not None:
        _id(participant, "participant uuid")
    if (participant is not None) != (subject == SubjectKind.PARTICIPANT):
        raise BadItem("has a participant that does not match its subject")
    return RecordItem(
        uuid=_id(v["uuid"], "uuid"),
        form_id=_id(v["form_id"], "form id"),
        form_version=_str(v["form_version"], "form version", empty=False),
        subject=subject,
        site_id=_id(v["site_id"], "site id"),
        participant_uuid=participant,
        status=_enum(v["status"], _STATUSES, "status"),
        revision=_int(v["revision"], "revision", 1),
        created_at=_time(v["created_at"], "time"),
        updated_at=_time(v["updated_at"], "time"),
        content=c,
    )


def _observation(v: dict[str, Any]) -> ObservationItem:
    _head(v, _KEYS_OBSERVATION)
    c = _obj(v["content"], "content")
    _keys(c, _OBS_CONTENT, "the observation")
    _str(c["activity_type"], "activity type")
    _time(c["started_at"], "start time")
    _int(c["duration_minutes"], "duration")
    _str_list(c["participant_codes"], "participant code list")
    _str(c["notes"], "notes")
    _str_list(c["tags"], "tag list")
    _str_list(c["milestone_ids"], "milestone list")
    _str(c["observed_by"], "observer")
    return ObservationItem(
        uuid=_id(v["uuid"], "uuid"),
        site_id=_id(v["site_id"], "site id"),
        revision=_int(v["revision"], "revision", 1),
        created_at=_time(v["created_at"], "time"),
        updated_at=_time(v["updated_at"], "time"),
        content=c,
    )


def _tombstone(v: dict[str, Any]) -> TombstoneItem:
    _head(v, _KEYS_TOMBSTONE)
    return TombstoneItem(
        participant_uuid=_id(v["participant_uuid"], "participant uuid"),
        code=_id(v["code"], "code"),
        withdrawn_at=_time(v["withdrawn_at"], "withdrawal time"),
    )


def _audit(v: dict[str, Any]) -> AuditItem:
    _head(v, _KEYS_AUDIT)
    details = v["details"]
    if details is not None:
        _obj(details, "audit details")
    entity_uuid = v["entity_uuid"]
    if entity_uuid is not None:
        _id(entity_uuid, "entity uuid")
    return AuditItem(
        seq=_int(v["seq"], "sequence", 1),
        uuid=_id(v["uuid"], "uuid"),
        at=_time(v["at"], "time"),
        actor=_str(v["actor"], "actor", empty=False),
        action=_str(v["action"], "action", empty=False),
        entity=_str(v["entity"], "entity", empty=False),
        entity_uuid=entity_uuid,
        details=details,
    )


def _attachment(v: dict[str, Any]) -> AttachmentItem:
    _head(v, _KEYS_ATTACHMENT)
    question = _str(v["question"], "question", empty=False)
    if not question.startswith("/") or len(question) > _MAX_NAME:
        raise BadItem("has a bad question")
    filename = _str(v["filename"], "file name", empty=False)
    if len(filename) > _MAX_NAME or "/" in filename or "\x00" in filename:
        raise BadItem("has a bad file name")
    media_type = _str(v["media_type"], "media type", empty=False)
    if len(media_type) > 100 or "/" not in media_type:
        raise BadItem("has a bad media type")
    size = _int(v["size"], "size")
    if size > MAX_ATTACHMENT_BYTES:
        raise BadItem("holds a file over the attachment size cap")
    text = v["content"]
    if not isinstance(text, str) or len(text) > ATTACHMENT_CONTENT_CHARS:
        raise BadItem("has a bad file content")
    try:
        raw = text.encode("ascii")
        content = base64.b64decode(raw, validate=True)
    except (UnicodeEncodeError, binascii.Error):
        raise BadItem("has a file content that is not base64") from None
    if base64.b64encode(content) != raw:  # one spelling only (padding, spare bits)
        raise BadItem("has a file content that is not canonical base64")
    if len(content) != size:
        raise BadItem("has a file content that does not match its size")
    return AttachmentItem(
        uuid=_id(v["uuid"], "uuid"),
        record_uuid=_id(v["record_uuid"], "record uuid"),
        question=question,
        revision=_int(v["revision"], "revision", 1),
        created_at=_time(v["created_at"], "time"),
        media_type=media_type,
        size=size,
        filename=filename,
        content=content,
    )


_PARSERS: dict[str, Callable[[dict[str, Any]], Item]] = {
    "meta": _meta,
    "participant": _participant,
    "consent": _consent,
    "record": _record,
    "observation": _observation,
    "tombstone": _tombstone,
    "audit": _audit,
    "attachment": _attachment,
}
