"""Central import: round trip, quarantine, duplicates, order, gaps, conflicts, withdrawal."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from sqlalchemy import select

from sylcollect.domain.study import Study
from sylcollect.storage.schema import CentralImport, ParticipantKey
from sylcollect.sync.bundle_errors import BundleRefused
from sylcollect.sync.central import list_devices, quarantined
from sylcollect.sync.central_views import conflicts, snapshot
from tests.core.sync.test_import_support import (
    T0,
    Central,
    checkin,
    consent,
    content_hash,
    make_central,
    needs_pg,
    participant,
    pg_url,  # noqa: F401 (fixture)
    record,
    reopen,
    sibling,
    tombstone,
)


@pytest.fixture
def central(tmp_path: Path, cheap: None, demo_study: Study) -> Central:
    return make_central(tmp_path / "home", demo_study)


def _round_trip(central: Central, tmp_path: Path) -> None:
    out = tmp_path / "export"
    a, b = central.device(), central.device()
    central.approve(a)
    central.approve(b)
    pa = [participant(f"DH-{i:03d}") for i in range(3)]
    pb = [participant(f"SS-{i:03d}", "safe-steps") for i in range(2)]
    ra = [record(p, checkin("not_good")) for p in pa] + [record(None)]
    rb = [record(p) for p in pb]
    first = a.bundle(out, [*pa, *(consent(p) for p in pa), *ra])
    second = b.bundle(out, [*pb, *rb])
    for path in (first, second):
        result = central.importer.import_path(path)
        assert result.status == "imported"
        assert not path.exists(), "an imported bundle is removed from the export folder"
    reopen(central)
    snap = snapshot(central.store)
    assert len(snap["participants"]) == 5
    assert len(snap["records"]) == len(ra) + len(rb)
    assert len(snap["consents"]) == 3
    by_uuid = {r["uuid"]: r for r in snap["records"]}
    for item in [*ra, *rb]:
        got = by_uuid[item.uuid]
        assert got["content"]["answers"] == item.content["answers"]
        assert got["content"]["scores"] == item.content["scores"]
    with central.store.transaction() as tx:  # the ordinary repositories read the central store
        people = {p.code: p for p in tx.participants.list()}
        assert set(people) == {p.code for p in pa + pb}
        shown = tx.participants.reveal_identity("DH-001")
        assert shown.identity is not None and shown.identity.name == "Fake DH-001"
        assert tx.records.get(ra[0].uuid).answers == checkin("not_good")
    assert {d.device_id: d.status for d in list_devices(central.store.workspace)} == {
        a.device_id: "approved",
        b.device_id: "approved",
    }


def test_round_trip_two_devices_sqlite(central: Central, tmp_path: Path) -> None:
    _round_trip(central, tmp_path)


@needs_pg
def test_round_trip_two_devices_postgresql(
    tmp_path: Path,
    cheap: None,
    demo_study: Study,
    pg_url: str,  # noqa: F811
) -> None:
    central = make_central(tmp_path / "home", demo_study, pg_url)
    try:
        _round_trip(central, tmp_path)
    finally:
        central.store.lock()
        central.store.workspace.close()


def test_unknown_device_is_quarantined_until_approved(central: Central, tmp_path: Path) -> None:
    device = central.device()
    path = device.bundle(tmp_path / "out", [participant("DH-001")])
    result = central.importer.import_path(path)
    assert result.status == "quarantined"
    assert not path.exists()
    held = quarantined(central.store.workspace, central.home, device.device_id)
    assert len(held) == 1 and held[0].is_file()
    assert snapshot(central.store)["participants"] == []
    [info] = list_devices(central.store.workspace)
    assert (info.status, info.quarantined) == ("pending", 1)
    central.approve(device)
    [done] = central.importer.import_quarantined(device.device_id)
    assert not isinstance(done, BundleRefused) and done.status == "imported"
    assert not held[0].exists()
    assert [p["code"] for p in snapshot(central.store)["participants"]] == ["DH-001"]
    assert list_devices(central.store.workspace)[0].quarantined == 0


def test_same_bundle_twice_changes_nothing(central: Central, tmp_path: Path) -> None:
    device = central.device()
    central.approve(device)
    p = participant("DH-001")
    path = device.bundle(tmp_path / "out", [p, record(p)])
    assert central.import_copy(path).status == "imported"
    before = content_hash(central.store.workspace.engine)
    again = central.import_copy(path)
    assert again.status == "duplicate"
    assert content_hash(central.store.workspace.engine) == before


def test_every_order_of_three_bundles_ends_in_the_same_state(
    tmp_path: Path, cheap: None, demo_study: Study
) -> None:
    out = tmp_path / "bundles"
    first = make_central(tmp_path / "h0", demo_study)
    device = first.device()
    p = participant("DH-001")
    r = record(p, checkin("bad"))
    bundles = [
        device.bundle(out, [p, consent(p), r]),
        device.bundle(out, [record(p, checkin("good"), uuid=r.uuid, revision=2, minutes=5)]),
        device.bundle(out, [participant("DH-001", uuid=p.uuid, revision=2, unit_id="u1")]),
    ]
    snapshots = []
    for n, order in enumerate(itertools.permutations(range(3))):
        central = first if n == 0 else sibling(first, tmp_path / f"c{n}.db")
        central.approve(device)
        for i in order:
            central.import_copy(bundles[i])
        snapshots.append(snapshot(central.store))
    assert all(s == snapshots[0] for s in snapshots[1:])
    [rec] = snapshots[0]["records"]
    assert rec["revision"] == 2 and rec["content"]["answers"] == checkin("good")
    assert snapshots[0]["participants"][0]["profile"]["unit_id"] == "u1"
    assert snapshots[0]["gaps"] == []


def test_a_gap_in_a_device_sequence_is_reported_then_closed(
    central: Central, tmp_path: Path
) -> None:
    device = central.device()
    central.approve(device)
    out = tmp_path / "out"
    one, two, three = (device.bundle(out, [participant(f"DH-00{i}")]) for i in (1, 2, 3))
    central.importer.import_path(one)
    result = central.importer.import_path(three)
    assert result.gaps == (2,)
    assert any("missing: 2" in w for w in result.warnings)
    assert list_devices(central.store.workspace)[0].gaps == (2,)
    assert central.importer.import_path(two).gaps == ()
    assert list_devices(central.store.workspace)[0].gaps == ()


def test_a_sequence_the_device_voided_is_not_a_gap(central: Central, tmp_path: Path) -> None:
    """A bundle voided on the laptop after a withdrawal (never sent) is no hole: the device's
    audit event saying so travels with its next bundle."""
    import uuid as uuidlib

    from sylcollect.sync.payload import AuditItem

    device = central.device()
    central.approve(device)
    out = tmp_path / "out"
    central.importer.import_path(device.bundle(out, [participant("DH-011")]))
    device.sequence += 1  # bundle 2 was staged, then voided: it never leaves the laptop
    voided = AuditItem(
        7, str(uuidlib.uuid4()), T0.isoformat(), "ann", "change", "sync_bundle", None,
        {"voided": [2], "reason": "withdrawal"},
    )  # fmt: skip
    result = central.importer.import_path(device.bundle(out, [participant("DH-013"), voided]))
    assert result.sequence == 3 and result.gaps == ()
    assert not any("missing" in w for w in result.warnings)
    assert list_devices(central.store.workspace)[0].gaps == ()
    # a real hole after it is still reported
    device.sequence += 1
    later = central.importer.import_path(device.bundle(out, [participant("DH-015")]))
    assert later.gaps == (4,)


def test_two_devices_editing_one_record_are_both_kept_and_flagged(
    tmp_path: Path, cheap: None, demo_study: Study
) -> None:
    out = tmp_path / "out"
    states = []
    first = make_central(tmp_path / "home", demo_study)
    for n, order in enumerate(((0, 1), (1, 0))):
        central = first if n == 0 else sibling(first, tmp_path / f"c{n}.db")
        if n == 0:
            a, b = central.device(), central.device()
            site = record(None, {"incidents": 1})
            edits = [
                a.bundle(out, [site]),
                b.bundle(
                    out, [record(None, {"incidents": 7}, uuid=site.uuid, revision=2, minutes=3)]
                ),
            ]
        central.approve(a)
        central.approve(b)
        for i in order:
            central.import_copy(edits[i])
        [flagged] = conflicts(central.store)
        assert flagged["record_uuid"] == site.uuid
        assert flagged["kept"] == {"device_id": b.device_id, "revision": 2}
        assert [o["device_id"] for o in flagged["others"]] == [a.device_id]
        states.append(snapshot(central.store))
    assert states[0] == states[1]
    [kept] = states[0]["conflicts"]
    assert kept["item"]["content"]["answers"]["incidents"] == 1
    assert states[0]["records"][0]["content"]["answers"]["incidents"] == 7


@pytest.mark.parametrize("tombstone_first", [False, True])
def test_withdrawal_on_a_device_makes_the_participant_unreadable_centrally(
    central: Central, tmp_path: Path, tombstone_first: bool
) -> None:
    device = central.device()
    central.approve(device)
    out = tmp_path / "out"
    p, keep = participant("DH-001"), participant("DH-002")
    data = device.bundle(out, [p, keep, consent(p), record(p), record(keep)])
    gone = device.bundle(out, [tombstone(p)])
    for path in (gone, data) if tombstone_first else (data, gone):
        central.import_copy(path)
    snap = snapshot(central.store)
    people = {x["code"]: x for x in snap["participants"]}
    assert people["DH-001"]["withdrawn_at"] is not None
    assert people["DH-001"]["identity"] is None and people["DH-001"]["profile"] is None
    assert people["DH-002"]["identity"]["name"] == "Fake DH-002"
    by_person = {r["participant_uuid"]: r for r in snap["records"]}
    assert by_person[p.uuid]["content"] is None
    assert by_person[keep.uuid]["content"]["answers"] == checkin()
    assert all(c["content"] is None for c in snap["consents"])
    with central.store.transaction() as tx:
        keys = tx.session.scalars(select(ParticipantKey.participant_uuid)).all()
        assert p.uuid not in keys and keep.uuid in keys
        assert tx.records.list(participant_uuid=p.uuid)[0].shredded
    db = central.home / "central.db"
    assert b"Fake DH-001" not in db.read_bytes()


def test_ledger_keeps_hashes_only(central: Central, tmp_path: Path) -> None:
    device = central.device()
    central.approve(device)
    path = device.bundle(tmp_path / "out", [participant("DH-001")])
    result = central.importer.import_path(path)
    with central.store.transaction() as tx:
        [row] = tx.session.scalars(select(CentralImport)).all()
    assert row.bundle_hash == result.bundle_hash and row.sequence == 1
    assert '"participants": 1' in row.counts
