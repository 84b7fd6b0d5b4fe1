"""Receipts on the laptop: checked with the trusted study key and the device id, then the
synced, unchanged, final records they cover are purged, keeping pseudonymous counts."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from sylcollect.domain.record import RecordStatus
from sylcollect.services.records import NewRecord, add_record
from sylcollect.storage.schema import Meta, RecordRow
from sylcollect.storage.workspace import UnlockedWorkspace
from sylcollect.sync import outbox
from sylcollect.sync.central import APPROVED, set_device_status
from sylcollect.sync.receipt import ReceiptRefused, write_receipt
from sylcollect.sync.receipt_apply import PURGED_COUNTS, apply_receipt
from sylcollect.sync.targets import FolderTarget
from tests.core.sync import test_outbox
from tests.core.sync.test_import_support import Central, Device, _central
from tests.core.sync.test_outbox import Laptop, add_checkin, enrol

laptop = test_outbox.laptop  # the fixture


def _central_for(laptop: Laptop, tmp_path: Path) -> Central:
    return _central(laptop.home.home, laptop.home, laptop.keys, f"sqlite:///{tmp_path / 'c.db'}")


def _import_all(central: Central, laptop: Laptop) -> str:
    device_id = laptop.ws.device_id()
    for path in sorted(laptop.export.glob("*.sylb")):
        central.importer.import_path(path)
    set_device_status(central.store.workspace, device_id, APPROVED)
    central.importer.import_quarantined(device_id)
    return device_id


def _record_uuids(ws: UnlockedWorkspace) -> set[str]:
    with ws.transaction() as tx:
        return set(tx.session.scalars(select(RecordRow.uuid)))


def test_a_receipt_purges_only_synced_unchanged_final_records(
    laptop: Laptop, tmp_path: Path
) -> None:
    ws = laptop.ws
    enrol(ws, "DH-001")
    enrol(ws, "DH-002")
    done = add_checkin(ws, "DH-001")
    changed = add_checkin(ws, "DH-002")
    draft = add_record(
        ws,
        NewRecord(
            "yp_checkin",
            {"feel_week": "good"},
            participant_code="DH-001",
            wave_id="baseline",
            status=RecordStatus.DRAFT,
        ),
    ).uuid
    outbox.sync(ws, FolderTarget(laptop.export))
    later = add_checkin(ws, "DH-002")  # never sent
    with ws.transaction() as tx:  # changed after it was sent
        rec = tx.records.get(changed)
        tx.records.update(replace(rec, answers={**rec.answers, "feel_week": "not_good"}))

    central = _central_for(laptop, tmp_path)
    device_id = _import_all(central, laptop)
    receipt = tmp_path / "receipt.sylr"
    write_receipt(
        receipt,
        central.store.workspace,
        laptop.keys.study_id,
        device_id,
        laptop.keys.signing_private_key,
    )

    result = apply_receipt(ws, receipt)
    assert (result.covered, result.purged, result.kept) == (3, 1, 2)
    assert _record_uuids(ws) == {changed, draft, later}
    assert done not in _record_uuids(ws)
    assert list(result.counts) == [
        {
            "form_id": "yp_checkin",
            "form_version": result.counts[0]["form_version"],
            "site_id": "durham-house",
            "wave_id": "baseline",
            "records": 1,
        }
    ]
    with ws.transaction() as tx:
        stored = tx.session.get(Meta, PURGED_COUNTS)
        assert stored is not None and "DH-00" not in stored.value and done not in stored.value
        assert tx.participants.get("DH-001").code == "DH-001"  # participants stay
    assert ws.verify_audit().ok
    # Nothing is waiting because of the purge, and the same receipt again purges nothing.
    assert outbox.status(ws).waiting.records == 2  # `changed` (revision 2) and `later`
    again = apply_receipt(ws, receipt)
    assert again.purged == 0 and again.counts == result.counts


def test_a_receipt_for_another_device_or_altered_is_refused(laptop: Laptop, tmp_path: Path) -> None:
    ws = laptop.ws
    enrol(ws, "DH-001")
    add_checkin(ws, "DH-001")
    outbox.sync(ws, FolderTarget(laptop.export))
    central = _central_for(laptop, tmp_path)
    _import_all(central, laptop)
    other = Device(laptop.keys.study_id, laptop.keys.hpke_public_key)
    central.register(other)
    foreign = tmp_path / "other.sylr"
    write_receipt(
        foreign,
        central.store.workspace,
        laptop.keys.study_id,
        other.device_id,
        laptop.keys.signing_private_key,
    )
    before = _record_uuids(ws)
    with pytest.raises(ReceiptRefused) as caught:
        apply_receipt(ws, foreign)
    assert caught.value.code == "wrong_device"
    altered = tmp_path / "altered.sylr"
    good = tmp_path / "good.sylr"
    write_receipt(
        good,
        central.store.workspace,
        laptop.keys.study_id,
        ws.device_id(),
        laptop.keys.signing_private_key,
    )
    data = bytearray(good.read_bytes())
    data[40] ^= 1
    altered.write_bytes(bytes(data))
    with pytest.raises(ReceiptRefused):
        apply_receipt(ws, altered)
    assert _record_uuids(ws) == before
    kept = apply_receipt(ws, good, purge=False)
    assert kept.purged == 0 and _record_uuids(ws) == before
