"""Resolving a conflict in the central store: keep the central version or a device's, three
devices, later bundles after a choice, withdrawal, the audit event (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from sylcollect.domain.audit import AuditAction
from sylcollect.domain.study import Study
from sylcollect.errors import Conflict, NotFound
from sylcollect.storage.schema import AuditRow, CentralDecided, CentralSource, RecordRow
from sylcollect.sync.central_resolve import CENTRAL, SUPERVISOR, resolve_conflict
from sylcollect.sync.central_views import conflict_versions, conflicts, snapshot
from tests.core.sync.test_import_support import (
    Central,
    Device,
    checkin,
    make_central,
    needs_pg,
    participant,
    pg_url,  # noqa: F401 (fixture)
    record,
    reopen,
    tombstone,
)

NOTE_A, NOTE_B, NOTE_C = "note written on laptop A", "note from laptop B", "laptop C's note"


@pytest.fixture
def central(tmp_path: Path, cheap: None, demo_study: Study) -> Central:
    return make_central(tmp_path / "home", demo_study)


@dataclass
class Clash:
    """A site record sent by laptops a (revision 1) and b (revision 2, kept by the store)."""

    central: Central
    out: Path
    a: Device
    b: Device
    uuid: str

    def send(self, device: Device, revision: int, note: str, minutes: int) -> dict[str, int]:
        item = record(None, {"notes": note}, uuid=self.uuid, revision=revision, minutes=minutes)
        return dict(self.central.importer.import_path(device.bundle(self.out, [item])).counts)

    def answers(self) -> dict[str, Any]:
        with self.central.store.transaction() as tx:
            return dict(tx.records.get(self.uuid).answers)

    def source(self) -> tuple[str, int]:
        with self.central.store.transaction() as tx:
            src = tx.session.get(CentralSource, ("record", self.uuid))
            assert src is not None
            return src.device_id, src.revision


def clash(central: Central, tmp_path: Path) -> Clash:
    a, b = central.device(), central.device()
    central.approve(a)
    central.approve(b)
    c = Clash(central, tmp_path / "out", a, b, record(None).uuid)
    c.send(a, 1, NOTE_A, 0)
    assert c.send(b, 2, NOTE_B, 3)["conflicts"] == 1
    return c


def test_keep_central_drops_the_other_copy_and_its_laptop_carries_on(
    central: Central, tmp_path: Path
) -> None:
    c = clash(central, tmp_path)
    done = resolve_conflict(central.store, c.uuid, CENTRAL, by="sam")
    assert (done.kept.device_id, done.kept.revision) == (c.b.device_id, 2)
    assert [(v.device_id, v.revision) for v in done.discarded] == [(c.a.device_id, 1)]
    assert done.revision == 2
    reopen(central)
    assert conflicts(central.store) == []
    assert snapshot(central.store)["conflicts"] == []
    assert c.answers()["notes"] == NOTE_B and c.source() == (c.b.device_id, 2)
    # the kept version's laptop edits it again: an ordinary update
    assert c.send(c.b, 3, "b edits on", 5).get("conflicts", 0) == 0
    assert conflicts(central.store) == []
    # the other laptop's newer revision is a conflict again, not a silent overwrite
    assert c.send(c.a, 2, "a edits on", 6)["conflicts"] == 1
    [again] = conflicts(central.store)
    assert again["kept"]["device_id"] == c.b.device_id
    assert [o["device_id"] for o in again["others"]] == [c.a.device_id]
    assert c.answers()["notes"] == "b edits on"


def test_keep_a_device_version_makes_it_the_record(central: Central, tmp_path: Path) -> None:
    c = clash(central, tmp_path)
    done = resolve_conflict(central.store, c.uuid, c.a.device_id, by="sam")
    assert (done.kept.device_id, done.kept.revision) == (c.a.device_id, 1)
    assert [(v.device_id, v.revision) for v in done.discarded] == [(c.b.device_id, 2)]
    assert done.revision == 3  # above both versions seen
    reopen(central)
    assert conflicts(central.store) == []
    assert c.answers()["notes"] == NOTE_A  # read through the ordinary repository: sealed right
    assert c.source() == (SUPERVISOR, 3)
    [row] = snapshot(central.store)["records"]
    assert row["revision"] == 3 and row["content"]["answers"]["notes"] == NOTE_A
    assert conflict_versions(central.store, c.uuid) is None
    with central.store.transaction() as tx:
        stored = tx.session.get(RecordRow, c.uuid)
        assert stored is not None and stored.updated_at == record(None, minutes=0).updated_at


def test_scores_and_alerts_come_with_the_chosen_version(central: Central, tmp_path: Path) -> None:
    a, b = central.device(), central.device()
    central.approve(a)
    central.approve(b)
    yp = participant("DH-001")
    alert = {
        "id": "feel",
        "message": "check in with them",
        "acknowledged_by": "ann",
        "acknowledged_at": "2026-03-01T10:00:00+00:00",
        "action_taken": "talked with their key worker",
    }
    mine = record(yp, checkin("not_good"))
    scores = {"wellbeing": {"score": 9, "band": "high"}}
    mine = replace(mine, content={**mine.content, "scores": scores, "alerts": [alert]})
    central.import_copy(a.bundle(tmp_path / "out", [yp, mine]))
    theirs = record(yp, checkin("good"), uuid=mine.uuid, revision=2, minutes=4)
    central.import_copy(b.bundle(tmp_path / "out", [theirs]))
    with central.store.transaction() as tx:
        assert tx.records.get(mine.uuid).alerts == ()
    resolve_conflict(central.store, mine.uuid, a.device_id, by="sam")
    with central.store.transaction() as tx:
        got = tx.records.get(mine.uuid)
    assert got.answers == checkin("not_good") and got.revision == 3
    assert got.scores == scores
    assert [x.to_json() for x in got.alerts] == [alert]


def test_three_laptops_keep_one_clears_all(central: Central, tmp_path: Path) -> None:
    c = clash(central, tmp_path)
    third = central.device()
    central.approve(third)
    c.send(third, 1, NOTE_C, 1)
    [listed] = conflicts(central.store)
    assert sorted(o["device_id"] for o in listed["others"]) == sorted(
        [c.a.device_id, third.device_id]
    )
    done = resolve_conflict(central.store, c.uuid, third.device_id, by="sam")
    assert sorted(v.device_id for v in done.discarded) == sorted([c.a.device_id, c.b.device_id])
    assert done.revision == 3
    assert conflicts(central.store) == [] and c.answers()["notes"] == NOTE_C


def test_later_bundles_after_keeping_a_device_version_are_conflicts_again(
    central: Central, tmp_path: Path
) -> None:
    c = clash(central, tmp_path)
    resolve_conflict(central.store, c.uuid, c.a.device_id, by="sam")
    # the chosen laptop edits again (revision 2, below the choice's 3): flagged, not dropped
    assert c.send(c.a, 2, "a edits on", 5)["conflicts"] == 1
    [flagged] = conflicts(central.store)
    assert flagged["kept"] == {"device_id": SUPERVISOR, "revision": 3}
    assert [(o["device_id"], o["revision"]) for o in flagged["others"]] == [(c.a.device_id, 2)]
    assert c.answers()["notes"] == NOTE_A
    resolve_conflict(central.store, c.uuid, CENTRAL, by="sam")
    # the losing laptop brings an even newer revision: a conflict again, the choice kept
    assert c.send(c.b, 4, "b edits on", 9)["conflicts"] == 1
    [again] = conflicts(central.store)
    assert again["kept"]["device_id"] == c.b.device_id
    assert [o["device_id"] for o in again["others"]] == [SUPERVISOR]
    shown = conflict_versions(central.store, c.uuid)
    assert shown is not None
    assert shown["kept"]["item"]["content"]["answers"]["notes"] == "b edits on"
    assert shown["kept"]["fieldworker"] == c.b.fieldworker
    assert shown["others"][0]["fieldworker"] is None  # the supervisor's choice: no laptop
    assert shown["others"][0]["item"]["content"]["answers"]["notes"] == NOTE_A
    # and the supervisor's choice can be taken back by its name
    done = resolve_conflict(central.store, c.uuid, SUPERVISOR, by="sam")
    assert done.revision == 5 and c.answers()["notes"] == NOTE_A


def test_a_late_bundle_with_a_version_already_decided_on_is_not_flagged_again(
    central: Central, tmp_path: Path
) -> None:
    """Bundles written before the choice but imported after it (a USB stick found in a
    drawer, a re-sent bundle) carry versions the supervisor saw, or older ones from the same
    laptop: decided already, no new conflict. A version they never saw still is one."""
    c = clash(central, tmp_path)
    resolve_conflict(central.store, c.uuid, c.a.device_id, by="sam")
    assert c.send(c.b, 2, NOTE_B, 3).get("conflicts", 0) == 0  # the version discarded
    assert c.send(c.b, 1, "b's first go", 1).get("conflicts", 0) == 0  # older than it
    assert c.send(c.a, 1, NOTE_A, 0).get("conflicts", 0) == 0  # the version kept
    assert conflicts(central.store) == [] and c.answers()["notes"] == NOTE_A
    assert c.source() == (SUPERVISOR, 3)
    # an edit the supervisor never saw: same revision, changed later
    assert c.send(c.b, 2, "b changed it again", 8)["conflicts"] == 1
    [flagged] = conflicts(central.store)
    assert [(o["device_id"], o["revision"]) for o in flagged["others"]] == [(c.b.device_id, 2)]
    # keeping the central version notes what was seen too
    resolve_conflict(central.store, c.uuid, CENTRAL, by="sam")
    assert c.send(c.b, 2, "b changed it again", 8).get("conflicts", 0) == 0
    assert conflicts(central.store) == []


def participant_clash(central: Central, tmp_path: Path) -> tuple[Device, Device, Any, Any]:
    """DH-001's check-in from laptop a (revision 1), and b's revision 2: a conflict."""
    a, b = central.device(), central.device()
    central.approve(a)
    central.approve(b)
    yp = participant("DH-001")
    mine = record(yp, checkin("not_good"))
    central.import_copy(a.bundle(tmp_path / "out", [yp, mine]))
    theirs = record(yp, checkin("good"), uuid=mine.uuid, revision=2, minutes=4)
    central.import_copy(b.bundle(tmp_path / "out", [theirs]))
    return a, b, yp, mine


def test_a_withdrawal_forgets_what_was_decided(central: Central, tmp_path: Path) -> None:
    a, _, yp, mine = participant_clash(central, tmp_path)
    resolve_conflict(central.store, mine.uuid, CENTRAL, by="sam")
    with central.store.transaction() as tx:
        assert len(tx.session.scalars(select(CentralDecided)).all()) == 2
    central.import_copy(a.bundle(tmp_path / "out", [tombstone(yp)]))
    with central.store.transaction() as tx:
        assert tx.session.scalars(select(CentralDecided)).all() == []


def test_withdrawn_participant_is_refused(central: Central, tmp_path: Path) -> None:
    a, b, yp, mine = participant_clash(central, tmp_path)
    [listed] = conflicts(central.store)
    assert listed["withdrawn"] is False
    central.import_copy(a.bundle(tmp_path / "out", [tombstone(yp)]))
    # the versions were destroyed with the key: nothing is left to choose between
    assert conflicts(central.store) == []
    assert conflict_versions(central.store, mine.uuid) is None
    for keep in (CENTRAL, a.device_id):
        with pytest.raises((Conflict, NotFound)):
            resolve_conflict(central.store, mine.uuid, keep, by="sam")
    # a late edit of the withdrawn participant's record raises no conflict either
    late = record(yp, checkin("good"), uuid=mine.uuid, revision=3, minutes=9)
    assert central.import_copy(b.bundle(tmp_path / "out", [late])).counts.get("conflicts", 0) == 0
    assert conflicts(central.store) == []


def test_audit_event_names_versions_never_values(central: Central, tmp_path: Path) -> None:
    c = clash(central, tmp_path)
    resolve_conflict(central.store, c.uuid, c.a.device_id, by="sam")
    with central.store.transaction() as tx:
        [event] = [e for e in tx.audit_log.events(entity_uuid=c.uuid)]
        raw = tx.session.scalars(select(AuditRow).where(AuditRow.entity_uuid == c.uuid)).one()
    assert event.action == AuditAction.CHANGE and event.entity == "record"
    assert event.details is not None
    assert event.details["conflict"] == "resolved" and event.details["by"] == "sam"
    assert event.details["kept"]["device_id"] == c.a.device_id
    assert [d["device_id"] for d in event.details["discarded"]] == [c.b.device_id]
    text = json.dumps(event.details)
    for value in (NOTE_A, NOTE_B, "2026-02-01", "incidents", "notes"):
        assert value not in text
    assert NOTE_A.encode() not in raw.details_ct
    assert central.store.verify_audit().ok


def test_unknown_record_device_or_no_conflict(central: Central, tmp_path: Path) -> None:
    c = clash(central, tmp_path)
    with pytest.raises(NotFound, match="no record"):
        resolve_conflict(central.store, "0" * 8 + "-0000-0000-0000-" + "0" * 12, CENTRAL, by="s")
    with pytest.raises(NotFound, match=f"or one of {c.a.device_id}"):
        resolve_conflict(central.store, c.uuid, "not-a-device", by="sam")
    # naming the device whose version is kept means the same as 'central'
    done = resolve_conflict(central.store, c.uuid, c.b.device_id, by="sam")
    assert done.kept.device_id == c.b.device_id and done.revision == 2
    with pytest.raises(NotFound, match="no conflict"):
        resolve_conflict(central.store, c.uuid, CENTRAL, by="sam")


@needs_pg
def test_keep_a_device_version_postgresql(
    tmp_path: Path,
    cheap: None,
    demo_study: Study,
    pg_url: str,  # noqa: F811
) -> None:
    central = make_central(tmp_path / "home", demo_study, pg_url)
    try:
        c = clash(central, tmp_path)
        done = resolve_conflict(central.store, c.uuid, c.a.device_id, by="sam")
        assert done.revision == 3
        assert conflicts(central.store) == [] and c.answers()["notes"] == NOTE_A
        assert c.send(c.b, 3, "b edits on", 9)["conflicts"] == 1
        assert central.store.verify_audit().ok
    finally:
        central.store.lock()
        central.store.workspace.close()
