"""The outbox: what changed goes in the next bundle, once; withdrawals travel as tombstones;
a target that can't take the bundle leaves everything waiting."""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

import pytest

from sylcollect.domain.consent import Consent, ConsentMethod, ConsentScope, ConsentWho
from sylcollect.domain.observation import Observation
from sylcollect.domain.participant import Identity
from sylcollect.domain.record import Alert
from sylcollect.domain.study import Role, Study
from sylcollect.storage.workspace import UnlockedWorkspace, Workspace
from sylcollect.sync import device, outbox
from sylcollect.sync.bundle import iter_payload, verify_bundle
from sylcollect.sync.outbox import SyncNotPossible
from sylcollect.sync.payload import Item, decode_payload
from sylcollect.sync.study_home import StudyHome, StudyKeys
from sylcollect.sync.targets import FolderTarget, TargetError
from tests.conftest import PASSWORD

CAP = 1 << 30


@dataclass
class Laptop:
    """A demo laptop with its study home's keys and export folder (test-only fake data)."""

    ws: UnlockedWorkspace
    keys: StudyKeys
    export: Path
    home: StudyHome


@pytest.fixture
def laptop(tmp_path: Path, cheap: None) -> Iterator[Laptop]:
    made = device.setup_demo(tmp_path / "data", "ann", PASSWORD)
    home = StudyHome.open(made.study_home)
    yield Laptop(made.workspace, home.unlock(PASSWORD), made.export_dir, home)
    if not made.workspace.locked:
        made.workspace.lock()
    made.workspace.workspace.close()


def read_bundles(folder: Path, keys: StudyKeys) -> list[tuple[object, list[Item]]]:
    """Every bundle in the folder, by sequence: (header, items)."""
    out = []
    for path in folder.glob("*.sylb"):
        verified = verify_bundle(path, max_bytes=CAP)
        payload = iter_payload(verified, keys.hpke_private_key, max_payload_bytes=CAP)
        items = list(decode_payload(payload, max_items=10**6, max_line_bytes=1 << 24))
        out.append((verified, items))
    out.sort(key=lambda b: b[0].header.sequence)  # type: ignore[attr-defined]
    return out


def kinds(items: list[Item]) -> list[str]:
    return [i.kind for i in items if i.kind not in ("meta", "audit")]


def enrol(ws: UnlockedWorkspace, code: str, name: str = "Fake Person") -> str:
    with ws.transaction() as tx:
        p = tx.participants.add(code, "durham-house", Role.YOUNG_PERSON, Identity(name=name))
        tx.consents.add(
            Consent(
                "",
                p.uuid,
                ConsentWho.SELF,
                frozenset({ConsentScope.TAKING_PART}),
                "info-v1",
                ConsentMethod.PAPER,
                date(2026, 1, 5),
                notes="fake consent notes",
            )
        )
    return p.uuid


def add_checkin(ws: UnlockedWorkspace, code: str, feel: str = "good") -> str:
    from sylcollect.services.records import NewRecord, add_record

    rec = add_record(
        ws, NewRecord("yp_checkin", {"feel_week": feel}, participant_code=code, wave_id="baseline")
    )
    return rec.uuid


def test_nothing_waiting_means_no_bundle(laptop: Laptop) -> None:
    result = outbox.sync(laptop.ws, FolderTarget(laptop.export))
    assert result.nothing_to_do and not result.new_bundle
    assert list(laptop.export.iterdir()) == []
    st = outbox.status(laptop.ws)
    assert st.waiting.changes == 0 and st.last_sequence == 0 and st.last_sync_at is not None


def test_everything_changed_travels_once(laptop: Laptop) -> None:
    ws = laptop.ws
    p_uuid = enrol(ws, "DH-001", "Fake Alex")
    rec_uuid = add_checkin(ws, "DH-001", "bad")
    with ws.transaction() as tx:
        tx.observations.add(
            Observation(
                "",
                "durham-house",
                "group session",
                datetime(2026, 1, 6, 10),
                60,
                ("DH-001",),
                "fake notes",
            )
        )
    waiting = outbox.status(ws).waiting
    assert (waiting.participants, waiting.consents, waiting.records, waiting.observations) == (
        1,
        1,
        1,
        1,
    )
    result = outbox.sync(ws, FolderTarget(laptop.export))
    assert len(result.delivered) == 1 and result.sequences == (1,)
    assert Path(result.delivered[0]).parent == laptop.export
    [(verified, items)] = read_bundles(laptop.export, laptop.keys)
    header = verified.header  # type: ignore[attr-defined]
    assert header.sequence == 1 and header.previous_bundle_hash is None
    assert header.record_count == 1 and header.fieldworker == "ann"
    assert sorted(kinds(items)) == ["consent", "observation", "participant", "record"]
    meta = items[0]
    assert meta.kind == "meta" and meta.device_id == header.device_id  # type: ignore[union-attr]
    participant = next(i for i in items if i.kind == "participant")
    assert participant.uuid == p_uuid  # type: ignore[union-attr]
    assert participant.identity["name"] == "Fake Alex"  # type: ignore[union-attr]
    record = next(i for i in items if i.kind == "record")
    assert record.uuid == rec_uuid  # type: ignore[union-attr]
    assert record.content["answers"]["feel_week"] == "bad"  # type: ignore[union-attr]
    assert any(i.kind == "audit" for i in items)
    # The bundle holds no plaintext of what was sealed into it.
    raw = Path(result.delivered[0]).read_bytes()
    assert b"Fake Alex" not in raw and b"fake notes" not in raw

    st = outbox.status(ws)
    assert st.waiting.changes == 0 and st.last_sequence == 1 and st.staged == 0
    assert outbox.sync(ws, FolderTarget(laptop.export)).nothing_to_do
    assert list((ws.workspace.data_dir / outbox.OUTBOX_DIR).iterdir()) == []


def test_the_next_bundle_carries_only_changes_and_chains(laptop: Laptop) -> None:
    from sylcollect.services.records import get_record

    ws = laptop.ws
    enrol(ws, "DH-001")
    rec_uuid = add_checkin(ws, "DH-001")
    first = outbox.sync(ws, FolderTarget(laptop.export))
    first_hash = verify_bundle(first.delivered[0], max_bytes=CAP).bundle_hash
    record = get_record(ws, rec_uuid)
    acked = replace(
        record,
        alerts=(Alert("a1", "fake alert", "ann", datetime.now().astimezone(), "talked"),),
    )
    with ws.transaction() as tx:
        tx.records.update(acked)
    second = outbox.sync(ws, FolderTarget(laptop.export))
    assert second.sequences == (2,)
    bundles = read_bundles(laptop.export, laptop.keys)
    header2 = bundles[1][0].header  # type: ignore[attr-defined]
    assert header2.previous_bundle_hash == first_hash
    assert kinds(bundles[1][1]) == ["record"]
    rec = next(i for i in bundles[1][1] if i.kind == "record")
    assert rec.revision == 2  # type: ignore[union-attr]
    assert rec.content["alerts"][0]["acknowledged_by"] == "ann"  # type: ignore[union-attr]


def test_a_withdrawn_participant_travels_as_a_tombstone_only(laptop: Laptop) -> None:
    ws = laptop.ws
    kept = enrol(ws, "DH-001")
    gone = enrol(ws, "DH-002", "Fake Withdrawn")
    add_checkin(ws, "DH-001")
    add_checkin(ws, "DH-002")
    outbox.sync(ws, FolderTarget(laptop.export))
    gone_late = enrol(ws, "DH-003", "Fake Never Sent")
    add_checkin(ws, "DH-003")
    ws.withdraw("DH-002")
    ws.withdraw("DH-003")
    st = outbox.status(ws).waiting
    assert st.tombstones == 2 and st.records == 0 and st.consents == 0
    outbox.sync(ws, FolderTarget(laptop.export))
    items = read_bundles(laptop.export, laptop.keys)[1][1]
    assert sorted(kinds(items)) == ["tombstone", "tombstone"]
    assert {i.participant_uuid for i in items if i.kind == "tombstone"} == {gone, gone_late}  # type: ignore[union-attr]
    everything = b"".join(
        Path(p).read_bytes() for p in laptop.export.glob("*.sylb")
    )  # sealed, but check the decrypted content too:
    assert b"Fake Never Sent" not in everything
    decoded = [i.to_json() for i in items]
    assert "Fake Never Sent" not in repr(decoded) and kept not in repr(
        [i for i in decoded if i["kind"] != "audit"]
    )


def test_missing_target_leaves_the_outbox_intact(laptop: Laptop, tmp_path: Path) -> None:
    ws = laptop.ws
    enrol(ws, "DH-001")
    missing = tmp_path / "usb-stick-not-plugged-in"
    with pytest.raises(TargetError, match="not there"):
        outbox.sync(ws, FolderTarget(missing))
    st = outbox.status(ws)
    assert st.waiting.changes == 2 and st.last_sequence == 0
    assert st.last_failure is not None and "not there" in st.last_failure
    result = outbox.sync(ws, FolderTarget(laptop.export))
    assert result.sequences == (1,)
    st = outbox.status(ws)
    assert st.last_failure is None and st.waiting.changes == 0


def test_a_full_target_keeps_the_bundle_staged_and_nothing_sent(
    laptop: Laptop, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = laptop.ws
    enrol(ws, "DH-001")

    def full(*_a: object, **_k: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(shutil, "copyfileobj", full)
        with pytest.raises(TargetError, match="full"):
            outbox.sync(ws, FolderTarget(laptop.export))
    assert [p for p in laptop.export.iterdir()] == []  # no partial file, no temp file
    st = outbox.status(ws)
    assert st.waiting.changes == 2 and st.staged == 1
    assert st.last_failure is not None and "full" in st.last_failure
    # Space again: the same staged bundle goes, then nothing else is waiting.
    enrol(ws, "DH-002")
    result = outbox.sync(ws, FolderTarget(laptop.export))
    assert result.sequences == (1, 2)
    bundles = read_bundles(laptop.export, laptop.keys)
    assert [b[0].header.sequence for b in bundles] == [1, 2]  # type: ignore[attr-defined]
    assert bundles[1][0].header.previous_bundle_hash == bundles[0][0].bundle_hash  # type: ignore[attr-defined]
    assert sorted(kinds(bundles[1][1])) == ["consent", "participant"]
    assert outbox.status(ws).waiting.changes == 0


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX, not root")
def test_a_read_only_target_is_refused_clearly(laptop: Laptop, tmp_path: Path) -> None:
    enrol(laptop.ws, "DH-001")
    locked = tmp_path / "read-only"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(TargetError, match="can't be written"):
            outbox.sync(laptop.ws, FolderTarget(locked))
    finally:
        locked.chmod(0o700)
    assert outbox.status(laptop.ws).waiting.changes == 2


def test_leftover_temp_files_are_cleaned_and_a_lost_staged_copy_is_rewritten(
    laptop: Laptop, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = laptop.ws
    enrol(ws, "DH-001")
    folder = ws.workspace.data_dir / outbox.OUTBOX_DIR
    with monkeypatch.context() as m:
        m.setattr(FolderTarget, "deliver", lambda *_a: (_ for _ in ()).throw(TargetError("x")))
        with pytest.raises(TargetError):
            outbox.sync(ws, FolderTarget(laptop.export))
    (folder / ".left.sylb.abc.tmp").write_bytes(b"junk")
    for staged in folder.glob("*.sylb"):
        staged.unlink()
    result = outbox.sync(ws, FolderTarget(laptop.export))
    assert result.sequences == (1,)
    assert list(folder.iterdir()) == []
    assert len(read_bundles(laptop.export, laptop.keys)) == 1


def test_a_revoked_or_package_less_laptop_cannot_sync(
    laptop: Laptop, tmp_path: Path, demo_study: Study
) -> None:
    ident = device.device_identity(laptop.ws)
    laptop.home.revoke(laptop.keys, ident.device_id)
    device.update_from_package(laptop.ws, laptop.home.package_path)
    enrol(laptop.ws, "DH-001")
    with pytest.raises(SyncNotPossible, match="revoked"):
        outbox.sync(laptop.ws, FolderTarget(laptop.export))

    plain, _ = Workspace.create(tmp_path / "plain", demo_study, "ann", PASSWORD)
    try:
        with pytest.raises(SyncNotPossible, match="package"):
            outbox.sync(plain, FolderTarget(laptop.export))
    finally:
        plain.lock()
