"""Attachments in sync bundles: the payload kind, the laptop's outbox, the central import.

Round trip (bytes equal after import), a canary inside a file never in clear in the bundle or
the central database, tampered and oversized attachment lines refused (`bad_payload`, the
central database unchanged), a tombstone shreds central attachments, the attachment budget
splits a sync into several bundles without separating a record from its files, and the
decoder fuzzed with attachment lines still only raises BundleRefused.
"""

from __future__ import annotations

import base64
import json
import secrets
import uuid as uuidlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from sylcollect.domain.study import FormRef, Study
from sylcollect.services import attachments as att
from sylcollect.services.records import NewRecord, add_record, form_for
from sylcollect.storage.repo_attachments import MAX_ATTACHMENT_BYTES
from sylcollect.storage.schema import AttachmentRow
from sylcollect.storage.workspace import UnlockedWorkspace
from sylcollect.sync import outbox, outbox_items
from sylcollect.sync.bundle_errors import BundleRefused
from sylcollect.sync.importer import Limits
from sylcollect.sync.payload import (
    ATTACHMENT_LINE_BYTES,
    AttachmentItem,
    Item,
    MetaItem,
    RecordItem,
    decode_payload,
    encode_item,
    encode_payload,
)
from sylcollect.sync.targets import FolderTarget
from tests.core.sync.test_import_support import (
    T0,
    LaptopAndCentral,
    content_hash,
    laptop_and_central,
    participant,
    tombstone,
)

FILES_FORM = """
| survey |
|  | type  | name   | label          | required |
|  | image | photo  | A photo        |          |
|  | file  | doc    | A document     |          |
|  | text  | note   | A note         |          |
| settings |
|  | form_id | version |
|  | files   | 1       |
"""

SITE_FORM = """
| survey |
|  | type | name  | label |
|  | file | sheet | Sheet |
| settings |
|  | form_id   | version |
|  | sitefiles | 1       |
"""

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(32)


def files_study(demo: Study) -> Study:
    return replace(
        demo,
        forms=(
            *demo.forms,
            FormRef("files", "1", "Files", "files.md", "participant", FILES_FORM),
            FormRef("sitefiles", "1", "Site files", "sitefiles.md", "site", SITE_FORM),
        ),
    )


# ---------------------------------------------------------------------------- payload


def attachment(record_uuid: str, data: bytes, **changes: object) -> AttachmentItem:
    item = AttachmentItem(
        uuid=str(uuidlib.uuid4()),
        record_uuid=record_uuid,
        question="/data/photo",
        revision=1,
        created_at=T0.isoformat(),
        media_type="image/png",
        size=len(data),
        filename="me.png",
        content=data,
    )
    return replace(item, **changes)  # type: ignore[arg-type]


META = MetaItem("demo-study", 1, "dev-1", 1, T0.isoformat())
R_UUID = "0b5e1c9a-2222-4000-8000-000000000002"


def decode(raw: bytes, **caps: int) -> list[Item]:
    caps.setdefault("max_line_bytes", 4096)
    return list(decode_payload([raw], max_items=100, **caps))


def test_attachment_line_round_trips() -> None:
    item = attachment(R_UUID, PNG + bytes(range(256)))
    line = encode_item(item)
    assert line.startswith(b'{"kind":"attachment",')
    assert orjson.loads(line)["content"] == base64.b64encode(item.content).decode()
    got = decode(b"".join(encode_payload([META, item])))
    assert got == [META, item]


def test_a_long_attachment_line_passes_only_as_an_attachment() -> None:
    data = secrets.token_bytes(20_000)  # a line far over max_line_bytes=4096
    raw = b"".join(encode_payload([META, attachment(R_UUID, data)]))
    got = decode(raw, max_attachment_line_bytes=40_000)
    assert isinstance(got[1], AttachmentItem) and got[1].content == data
    with pytest.raises(BundleRefused) as exc:
        decode(raw, max_attachment_line_bytes=10_000)
    assert exc.value.code == "bad_payload" and "too long" in exc.value.message
    # a record line dressed with the attachment prefix is still held to the ordinary cap
    fake = b'{"kind":"attachment","kind":"record","x":"' + b"a" * 10_000 + b'"}\n'
    with pytest.raises(BundleRefused) as exc:
        decode(b"".join(encode_payload([META])) + fake, max_attachment_line_bytes=40_000)
    assert exc.value.code == "bad_payload"


def _tampered(change: str) -> bytes:
    obj = orjson.loads(encode_item(attachment(R_UUID, PNG)))
    if change == "size":
        obj["size"] += 1
    elif change == "not base64":
        obj["content"] = obj["content"][:-4] + "!!!="
    elif change == "spare bits":  # b"A" is "QQ=="; "QR==" decodes to it too
        obj["content"], obj["size"] = "QR==", 1
    elif change == "over the cap":
        obj["size"] = MAX_ATTACHMENT_BYTES + 1
    elif change == "no question path":
        obj["question"] = "photo"
    elif change == "file name with a folder":
        obj["filename"] = "../etc/passwd"
    elif change == "extra field":
        obj["path"] = "/tmp/x"
    elif change == "content not a string":
        obj["content"] = [1, 2]
    else:
        raise AssertionError(change)
    return orjson.dumps(obj) + b"\n"


@pytest.mark.parametrize(
    "change",
    [
        "size",
        "not base64",
        "spare bits",
        "over the cap",
        "no question path",
        "file name with a folder",
        "extra field",
        "content not a string",
    ],
)
def test_tampered_attachment_lines_are_refused(change: str) -> None:
    raw = b"".join(encode_payload([META])) + _tampered(change)
    with pytest.raises(BundleRefused) as exc:
        decode(raw)
    assert exc.value.code == "bad_payload"


def test_the_default_line_cap_fits_the_largest_attachment() -> None:
    assert ATTACHMENT_LINE_BYTES > MAX_ATTACHMENT_BYTES * 4 // 3 + 1024
    assert Limits().max_attachment_line_bytes == ATTACHMENT_LINE_BYTES


FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
VALID = b"".join(encode_payload([META, attachment(R_UUID, PNG), attachment(R_UUID, b"")]))


@FUZZ
@given(st.data())
def test_fuzzed_attachment_payloads_only_raise_bundle_refused(data: st.DataObject) -> None:
    raw = bytearray(VALID)
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(raw) - 1))
        op = data.draw(st.sampled_from(["flip", "cut", "dup", "insert"]))
        if op == "flip":
            raw[at] ^= 1 << data.draw(st.integers(0, 7))
        elif op == "cut":
            del raw[at : at + data.draw(st.integers(1, 40))]
        elif op == "dup":
            raw[at:at] = raw[at : at + data.draw(st.integers(1, 40))]
        else:
            raw[at:at] = data.draw(st.binary(min_size=1, max_size=8))
        if not raw:
            break
    size = data.draw(st.integers(1, 64))
    chunks = [bytes(raw[i : i + size]) for i in range(0, len(raw), size)] or [b""]
    try:
        for _ in decode_payload(
            chunks, max_items=20, max_line_bytes=64, max_attachment_line_bytes=512
        ):
            pass
    except BundleRefused as exc:
        assert exc.code == "bad_payload" and exc.message


# ---------------------------------------------------------------------------- laptop -> central


Setup = LaptopAndCentral


@pytest.fixture
def setup(tmp_path: Path, cheap: None, demo_study: Study) -> Iterator[Setup]:
    both = laptop_and_central(tmp_path, files_study(demo_study))
    yield both
    both.close()


def add_files(ws: UnlockedWorkspace, folder: Path, files: dict[str, bytes], note: str = "x") -> str:
    answers: dict[str, object] = {"note": note}
    for question, data in files.items():
        name = "photo.png" if question == "photo" else "notes.txt"
        path = folder / f"{uuidlib.uuid4().hex[:6]}-{name}"
        folder.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        answers[question] = f"@{path}"
    staged, new = att.stage_files(form_for(ws, "files"), answers)
    rec = add_record(ws, NewRecord("files", staged, "DH-901", attachments=tuple(new)))
    return rec.uuid


def import_all(setup: Setup) -> list[object]:
    results = []
    for path in sorted(setup.export.glob("*.sylb")):
        results.append(setup.central.import_copy(path))
    return results


def central_files(setup: Setup, record_uuid: str) -> dict[str, bytes]:
    with setup.central.store.transaction() as tx:
        out = {}
        for info in tx.attachments.list_for(record_uuid):
            got, data = tx.attachments.get(info.uuid)
            out[got.question] = data
        return out


def test_attachments_travel_and_arrive_byte_for_byte(setup: Setup, tmp_path: Path) -> None:
    canary = b"CANARY-" + secrets.token_hex(12).encode()
    doc = b"plain words " + canary + b" more words"
    photo = PNG + secrets.token_bytes(3000)
    rec = add_files(setup.ws, tmp_path / "in", {"photo": photo, "doc": doc})
    waiting = outbox.status(setup.ws).waiting
    assert waiting.attachments == 2 and waiting.records == 1
    outbox.sync(setup.ws, FolderTarget(setup.export))
    assert outbox.status(setup.ws).waiting.changes == 0, "the attachments were marked sent"
    for bundle in setup.export.glob("*.sylb"):
        raw = bundle.read_bytes()
        assert canary not in raw and base64.b64encode(doc) not in raw
    (result,) = import_all(setup)
    assert result.status == "imported" and result.counts["attachments"] == 2  # type: ignore[attr-defined]
    assert central_files(setup, rec) == {"/data/photo": photo, "/data/doc": doc}
    with setup.central.store.transaction() as tx:
        names = sorted(str(i.filename).split("-", 1)[1] for i in tx.attachments.list_for(rec))
    assert names == ["notes.txt", "photo.png"]
    setup.central.store.workspace.engine.dispose()
    db_files = [p for p in setup.central.home.rglob("*") if p.is_file()]
    assert db_files
    for path in db_files:
        assert canary not in path.read_bytes(), f"the canary is in clear in {path.name}"
    # nothing new on the next sync: attachments travel once
    again = outbox.sync(setup.ws, FolderTarget(setup.export))
    assert not again.new_bundle


def test_site_record_files_use_the_workspace_key(setup: Setup, tmp_path: Path) -> None:
    path = tmp_path / "sheet.txt"
    path.write_bytes(b"site sheet")
    staged, new = att.stage_files(form_for(setup.ws, "sitefiles"), {"sheet": f"@{path}"})
    rec = add_record(
        setup.ws, NewRecord("sitefiles", staged, None, "durham-house", attachments=tuple(new))
    )
    outbox.sync(setup.ws, FolderTarget(setup.export))
    import_all(setup)
    assert central_files(setup, rec.uuid) == {"/data/sheet": b"site sheet"}
    with setup.central.store.transaction() as tx:
        (row,) = tx.session.scalars(select(AttachmentRow)).all()
        assert row.key_id == "ws"


def test_over_the_budget_a_sync_writes_more_bundles_keeping_records_with_files(
    setup: Setup, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(outbox_items, "ATTACHMENT_BUDGET", 5000)
    recs = [add_files(setup.ws, tmp_path / "in", {"doc": secrets.token_bytes(4000)}) for _ in "abc"]
    result = outbox.sync(setup.ws, FolderTarget(setup.export))
    assert len(result.sequences) == 3
    assert outbox.status(setup.ws).waiting.changes == 0
    results = import_all(setup)
    assert [r.counts.get("records") for r in results] == [1, 1, 1]  # type: ignore[attr-defined]
    for rec in recs:
        assert len(central_files(setup, rec)) == 1


def test_tombstone_shreds_central_attachments(setup: Setup, tmp_path: Path) -> None:
    from sylcollect.sync.withdrawal import withdraw_participant

    rec = add_files(setup.ws, tmp_path / "in", {"doc": b"to be shredded"})
    outbox.sync(setup.ws, FolderTarget(setup.export))
    import_all(setup)
    assert central_files(setup, rec) == {"/data/doc": b"to be shredded"}
    withdraw_participant(setup.ws, "DH-901")
    for old in setup.export.glob("*.sylb"):
        old.unlink()
    outbox.sync(setup.ws, FolderTarget(setup.export))
    (result,) = import_all(setup)
    assert result.counts["tombstones"] == 1  # type: ignore[attr-defined]
    with setup.central.store.transaction() as tx:
        (row,) = tx.session.scalars(select(AttachmentRow)).all()
        assert row.name_ct is None and row.content_ct is None
        (info,) = tx.attachments.list_for(rec)
        assert info.shredded


# ---------------------------------------------------------------------------- import refusals


def _refused(setup: Setup, items: list[Item], code: str, **limits: int) -> BundleRefused:
    central = setup.central
    fake = central.device()
    central.approve(fake)
    if limits:
        central.importer.limits = Limits(**limits)
    before = content_hash(central.store.workspace.engine)
    path = fake.bundle(setup.export, items)
    with pytest.raises(BundleRefused) as exc:
        central.importer.import_path(path)
    assert exc.value.code == code, exc.value.message
    assert content_hash(central.store.workspace.engine) == before
    assert path.exists()
    return exc.value


def _files_record(person_uuid: str, answers: dict[str, object]) -> RecordItem:
    at = T0.isoformat()
    content = {
        "wave_id": "baseline",
        "mode": "interviewer",
        "answers": answers,
        "scores": {},
        "alerts": [],
        "collected_by": "ann",
        "started_at": at,
    }
    return RecordItem(
        str(uuidlib.uuid4()),
        "files",
        "1",
        "participant",
        "durham-house",
        person_uuid,
        "draft",
        1,
        at,
        at,
        content,
    )


def test_import_of_a_fake_device_bundle_with_files(setup: Setup) -> None:
    person = participant("DH-950")
    rec = _files_record(person.uuid, {"note": "n"})
    file = attachment(rec.uuid, PNG)
    fake = setup.central.device()
    setup.central.approve(fake)
    result = setup.central.importer.import_path(fake.bundle(setup.export, [person, rec, file]))
    assert result.counts["attachments"] == 1
    assert central_files(setup, rec.uuid) == {"/data/photo": PNG}
    # a later bundle with the same file (a re-send) changes nothing; a tombstone shreds it
    second = setup.central.importer.import_path(
        fake.bundle(setup.export, [file, tombstone(person)])
    )
    assert second.counts["unchanged"] == 1
    with setup.central.store.transaction() as tx:
        row = tx.session.get(AttachmentRow, file.uuid)
        assert row is not None and row.content_ct is None and row.name_ct is None


def test_an_attachment_line_over_the_cap_is_refused(setup: Setup) -> None:
    person = participant("DH-951")
    rec = _files_record(person.uuid, {"note": "n"})
    big = attachment(rec.uuid, PNG + bytes(20_000))
    _refused(
        setup,
        [person, rec, big],
        "bad_payload",
        max_line_bytes=4096,
        max_attachment_line_bytes=10_000,
    )


def test_a_tampered_attachment_line_is_refused(
    setup: Setup, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = participant("DH-952")
    rec = _files_record(person.uuid, {"note": "n"})
    file = attachment(rec.uuid, PNG)
    real = AttachmentItem.to_json

    def lying(self: AttachmentItem) -> dict[str, object]:
        value = real(self)
        value["size"] = self.size + 1  # the bytes don't match the size any more
        return value

    monkeypatch.setattr(AttachmentItem, "to_json", lying)
    _refused(setup, [person, rec, file], "bad_payload")


@pytest.mark.parametrize(
    "change",
    ["unknown record", "not a file question", "wrong media type", "not in the form"],
)
def test_invalid_attachments_are_refused(setup: Setup, change: str) -> None:
    person = participant("DH-953")
    rec = _files_record(person.uuid, {"note": "n"})
    file = attachment(rec.uuid, PNG)
    if change == "unknown record":
        file = replace(file, record_uuid=str(uuidlib.uuid4()))
    elif change == "not a file question":
        file = replace(file, question="/data/note")
    elif change == "wrong media type":
        file = replace(file, media_type="application/pdf")
    else:
        file = replace(file, question="/data/nothing")
    error = _refused(setup, [person, rec, file], "invalid")
    assert "attachment" in error.message and json.dumps(PNG.hex()) not in error.message


def test_a_file_whose_record_is_in_an_earlier_bundle_waits_for_it(setup: Setup) -> None:
    """Bundles imported out of order end in the same state: the later bundle (a file of a
    record sent before) is held, then imported by itself when the earlier one comes."""
    central = setup.central
    fake = central.device()
    central.approve(fake)
    person = participant("DH-954")
    rec = _files_record(person.uuid, {"note": "n"})
    file = attachment(rec.uuid, PNG)
    first = fake.bundle(setup.export / "1", [person, rec])
    second = fake.bundle(setup.export / "2", [file])
    held = central.importer.import_path(second)
    assert held.status == "waiting" and held.sequence == 2
    assert "earlier bundle 1" in held.warnings[0]
    assert not second.exists(), "the held bundle moved into the study home's quarantine"
    assert len(central_quarantine(setup)) == 1
    done = central.importer.import_path(first)
    assert done.status == "imported"
    assert any("bundle 2" in w and "imported too" in w for w in done.warnings), done.warnings
    assert central_files(setup, rec.uuid) == {"/data/photo": PNG}
    assert central_quarantine(setup) == []
    assert done.gaps == ()


def test_a_file_of_a_record_no_earlier_bundle_holds_is_refused(setup: Setup) -> None:
    central = setup.central
    fake = central.device()
    central.approve(fake)
    person = participant("DH-955")
    rec = _files_record(person.uuid, {"note": "n"})
    central.importer.import_path(fake.bundle(setup.export, [person, rec]))
    stray = attachment(str(uuidlib.uuid4()), PNG)
    before = content_hash(central.store.workspace.engine)
    path = fake.bundle(setup.export, [stray])
    with pytest.raises(BundleRefused) as exc:
        central.importer.import_path(path)
    assert exc.value.code == "invalid" and "neither in the bundle nor in the store" in str(
        exc.value
    )
    assert content_hash(central.store.workspace.engine) == before and path.exists()


def central_quarantine(setup: Setup) -> list[int]:
    from sylcollect.storage.schema import CentralQuarantine

    with setup.central.store.transaction() as tx:
        return list(tx.session.scalars(select(CentralQuarantine.sequence)))
