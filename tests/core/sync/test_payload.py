"""Bundle payload (JSON lines): round trip of every kind, strict refusals, bounded streaming."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import orjson
import pytest

from sylcollect.domain.consent import Consent, ConsentMethod, ConsentScope, ConsentWho
from sylcollect.domain.observation import Observation
from sylcollect.domain.record import Alert, Record, RecordMode, SubjectKind
from sylcollect.sync.bundle_errors import BundleRefused
from sylcollect.sync.payload import (
    AuditItem,
    ConsentItem,
    Item,
    MetaItem,
    ObservationItem,
    ParticipantItem,
    RecordItem,
    TombstoneItem,
    decode_payload,
    encode_item,
    encode_payload,
    record_count,
)

T0 = datetime(2026, 3, 1, 9, 30, tzinfo=UTC).isoformat()
P_UUID = "0b5e1c9a-1111-4000-8000-000000000001"


def sample_items() -> list[Item]:
    """One item of every kind (test-only fake data)."""
    record = Record(
        uuid="0b5e1c9a-2222-4000-8000-000000000002",
        form_id="yp_checkin",
        form_version="3",
        subject=SubjectKind.PARTICIPANT,
        site_id="durham-house",
        participant_uuid=P_UUID,
        wave_id="baseline",
        mode=RecordMode.SELF_COMPLETE,
        answers={"feel_week": "good", "school_days": 3, "ratio": 0.5, "multi": ["a", "b"]},
        scores={"wellbeing": {"score": 12, "band": "ok"}},
        alerts=(Alert("a1", "talk to the young person", "ann", datetime(2026, 3, 1, tzinfo=UTC)),),
        collected_by="ann",
        started_at=datetime(2026, 3, 1, 9, 0, tzinfo=UTC),
    )
    consent = Consent(
        "0b5e1c9a-3333-4000-8000-000000000003",
        P_UUID,
        ConsentWho.SELF,
        frozenset({ConsentScope.TAKING_PART, ConsentScope.INTERVIEW}),
        "info-v2",
        ConsentMethod.PAPER,
        date(2026, 2, 28),
        taken_by="ann",
        notes="fake notes ✨",
    )
    obs = Observation(
        "0b5e1c9a-4444-4000-8000-000000000004",
        "safe-steps",
        "group session",
        datetime(2026, 3, 2, 14, 30),
        90,
        ("SS-002",),
        "fake observation",
        ("art",),
        ("ss-e1",),
        "ann",
    )
    return [
        MetaItem("demo-study", 2, "dev-1", 7, T0),
        ParticipantItem(
            P_UUID,
            "DH-001",
            "durham-house",
            2,
            T0,
            T0,
            "young_person",
            "unit-a",
            {"name": "Fake Name", "date_of_birth": "2009-01-02", "contact": "", "notes": ""},
        ),
        ConsentItem(consent.uuid, P_UUID, 1, T0, T0, consent.to_json()),
        RecordItem(
            record.uuid,
            record.form_id,
            record.form_version,
            "participant",
            "durham-house",
            P_UUID,
            "final",
            3,
            T0,
            T0,
            record.content_json(),
        ),
        ObservationItem(obs.uuid, obs.site_id, 1, T0, T0, obs.content_json()),
        TombstoneItem("0b5e1c9a-5555-4000-8000-000000000005", "PP-003", T0),
        AuditItem(
            12,
            "0b5e1c9a-6666-4000-8000-000000000006",
            T0,
            "ann",
            "create",
            "record",
            record.uuid,
            {"form": "yp_checkin"},
        ),
        AuditItem(
            13,
            "0b5e1c9a-7777-4000-8000-000000000007",
            T0,
            "ann",
            "withdraw",
            "participant",
            None,
            None,
        ),
    ]


def decode(data: bytes | list[bytes], **kw: int) -> list[Item]:
    chunks = [data] if isinstance(data, bytes) else data
    limits = {"max_items": 1000, "max_line_bytes": 1 << 20} | kw
    return list(decode_payload(chunks, **limits))


def line(obj: dict[str, Any]) -> bytes:
    return orjson.dumps(obj) + b"\n"


def meta_line() -> bytes:
    return encode_item(MetaItem("demo-study", 1, "dev-1", 1, T0))


def test_every_kind_round_trips_exactly() -> None:
    items = sample_items()
    data = b"".join(encode_payload(items))
    assert data.count(b"\n") == len(items)
    assert decode(data) == items
    assert record_count(items) == 1


def test_domain_converters_give_back_what_was_encoded() -> None:
    items = sample_items()
    rec = next(i for i in decode(b"".join(encode_payload(items))) if isinstance(i, RecordItem))
    record = rec.to_record()
    assert record.answers["multi"] == ["a", "b"]
    assert record.alerts[0].acknowledged_by == "ann"
    assert record.content_json() == rec.content
    consent = next(i for i in items if isinstance(i, ConsentItem)).to_consent()
    assert ConsentScope.INTERVIEW in consent.scopes
    obs = next(i for i in items if isinstance(i, ObservationItem)).to_observation()
    assert obs.content_json() == next(i for i in items if isinstance(i, ObservationItem)).content
    part = next(i for i in items if isinstance(i, ParticipantItem))
    assert part.to_identity().date_of_birth == date(2009, 1, 2)


@pytest.mark.parametrize("size", [1, 7, 100, 4096])
def test_any_chunking_decodes_the_same(size: int) -> None:
    items = sample_items()
    data = b"".join(encode_payload(items))
    pieces = [data[i : i + size] for i in range(0, len(data), size)]
    assert decode(pieces) == items


def test_encoder_yields_about_64k_pieces_for_big_payloads() -> None:
    base = sample_items()
    many: list[Item] = [base[0]] + [base[3]] * 2000
    pieces = list(encode_payload(many))
    assert len(pieces) > 2
    assert all(len(p) < 64 * 1024 + 4096 for p in pieces)
    assert len(decode(pieces, max_items=5000)) == 2001


def test_encoder_wants_exactly_one_meta_first() -> None:
    items = sample_items()
    with pytest.raises(ValueError):
        list(encode_payload(items[1:]))
    with pytest.raises(ValueError):
        list(encode_payload([*items, items[0]]))
    with pytest.raises(ValueError):
        list(encode_payload([]))


def _refused(data: bytes | list[bytes], **kw: int) -> str:
    with pytest.raises(BundleRefused) as info:
        decode(data, **kw)
    assert info.value.code == "bad_payload"
    return info.value.message


def _good(kind: str) -> dict[str, Any]:
    return next(i for i in sample_items() if i.kind == kind).to_json()


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\n",
        b"[]\n",
        b"not json\n",
        b'{"kind":"meta"}\n',
        line(_good("record")),  # meta missing
        b'{"kind":"meta"' + b"\n",
        "é".encode("latin-1") + b"\n",
    ],
    ids=["empty", "blank", "array", "text", "bare-meta", "no-meta", "cut", "not-utf8"],
)
def test_malformed_payloads_are_refused(data: bytes) -> None:
    _refused(data)


def test_meta_must_be_first_and_alone() -> None:
    _refused(meta_line() + meta_line())
    _refused(meta_line()[:-1])  # no newline at the end
    assert "newline" in _refused(meta_line() + line(_good("record"))[:-1])


@pytest.mark.parametrize(
    ("kind", "key", "value"),
    [
        ("meta", "format", 2),
        ("meta", "sequence", 0),
        ("meta", "sequence", True),
        ("meta", "study_id", "../etc"),
        ("participant", "role", "king"),
        ("participant", "identity", {"name": "x"}),
        ("participant", "revision", "2"),
        ("consent", "content", {"who": "self"}),
        ("record", "subject", "site"),  # has a participant: inconsistent
        ("record", "status", "lost"),
        ("record", "created_at", "yesterday"),
        ("record", "content", []),
        ("observation", "revision", 1.5),
        ("tombstone", "withdrawn_at", None),
        ("audit", "details", []),
        ("audit", "seq", -1),
        ("audit", "kind", "audits"),
    ],
)
def test_mistyped_fields_are_refused(kind: str, key: str, value: object) -> None:
    obj = _good(kind) | {key: value}
    data = line(obj) if kind == "meta" else meta_line() + line(obj)
    _refused(data)


@pytest.mark.parametrize("kind", ["participant", "consent", "record", "observation", "audit"])
def test_missing_or_extra_keys_are_refused(kind: str) -> None:
    good = _good(kind)
    missing = dict(good)
    missing.pop(next(k for k in good if k != "kind"))
    _refused(meta_line() + line(missing))
    _refused(meta_line() + line(good | {"extra": 1}))
    assert len(decode(meta_line() + line(good))) == 2


def test_record_content_is_checked_inside() -> None:
    rec = _good("record")
    bad_alert = rec | {"content": rec["content"] | {"alerts": [{"id": "x"}]}}
    _refused(meta_line() + line(bad_alert))
    bad_mode = rec | {"content": rec["content"] | {"mode": "telepathy"}}
    _refused(meta_line() + line(bad_mode))


def test_limits_on_items_and_line_length() -> None:
    rec = line(_good("record"))
    assert "more than 3" in _refused(meta_line() + rec * 3, max_items=3)
    assert len(decode(meta_line() + rec * 2, max_items=3)) == 3
    assert "too long" in _refused(meta_line() + rec, max_line_bytes=len(rec) - 2)


def test_an_endless_line_is_refused_without_buffering_it_all() -> None:
    def endless() -> Iterator[bytes]:
        yield meta_line()
        while True:
            yield b"x" * 65536

    with pytest.raises(BundleRefused, match="too long"):
        list(decode_payload(endless(), max_items=10, max_line_bytes=1 << 20))
