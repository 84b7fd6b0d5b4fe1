"""A bundle staged before a withdrawal never goes out with that participant's data."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from sylcollect.storage.schema import SyncBundle
from sylcollect.sync import outbox
from sylcollect.sync.outbox import outbox_dir
from sylcollect.sync.targets import FolderTarget, TargetError
from sylcollect.sync.withdrawal import withdraw_participant
from tests.core.sync import test_outbox
from tests.core.sync.test_outbox import Laptop, add_checkin, enrol, kinds, read_bundles

laptop = test_outbox.laptop  # the fixture


def _stage(laptop: Laptop, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Syncs to a full target: the bundle is written and staged, not delivered."""

    def full(*_a: object, **_k: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(shutil, "copyfileobj", full)
        with pytest.raises(TargetError):
            outbox.sync(laptop.ws, FolderTarget(laptop.export))
    staged = list(outbox_dir(laptop.ws).glob("*.sylb"))
    assert len(staged) == 1
    return staged[0]


def _states(laptop: Laptop) -> list[tuple[int, str]]:
    with laptop.ws.transaction() as tx:
        return [
            (r.sequence, r.state)
            for r in tx.session.scalars(select(SyncBundle).order_by(SyncBundle.sequence))
        ]


def _check_next_bundle(laptop: Laptop, kept: str, gone: str) -> None:
    result = outbox.sync(laptop.ws, FolderTarget(laptop.export))
    assert result.sequences == (2,), "the voided sequence number is not reused"
    assert _states(laptop) == [(1, "void"), (2, "sent")]
    ((_header, items),) = read_bundles(laptop.export, laptop.keys)
    data = [i for i in items if i.kind not in ("meta", "audit")]
    told = [i.details for i in items if i.kind == "audit" and i.entity == "sync_bundle"]
    assert {"voided": [1], "reason": "withdrawal"} in told, "the central store learns of it"
    assert sorted(kinds(items)) == ["consent", "participant", "record", "tombstone"]
    assert {getattr(i, "participant_uuid", None) or getattr(i, "uuid", None) for i in data} >= {
        kept,
        gone,
    }
    shown = repr([i.to_json() for i in data if i.kind != "tombstone"])
    assert gone not in shown and "Fake Withdrawn" not in shown
    assert outbox.status(laptop.ws).waiting.changes == 0


def test_withdrawal_voids_a_staged_bundle_at_once(
    laptop: Laptop, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = laptop.ws
    kept = enrol(ws, "DH-001")
    gone = enrol(ws, "DH-002", "Fake Withdrawn")
    add_checkin(ws, "DH-001")
    add_checkin(ws, "DH-002")
    staged = _stage(laptop, monkeypatch)
    result = withdraw_participant(ws, "DH-002")
    assert result.voided == (1,)
    assert not staged.exists(), "the staged bundle with the withdrawn participant is deleted"
    assert _states(laptop) == [(1, "void")]
    assert outbox.status(ws).staged == 0
    _check_next_bundle(laptop, kept, gone)


def test_a_withdrawal_made_without_the_service_is_caught_before_delivery(
    laptop: Laptop, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = laptop.ws
    kept = enrol(ws, "DH-001")
    gone = enrol(ws, "DH-002", "Fake Withdrawn")
    add_checkin(ws, "DH-001")
    add_checkin(ws, "DH-002")
    _stage(laptop, monkeypatch)
    ws.withdraw("DH-002")  # storage only: the staged bundle is still there
    _check_next_bundle(laptop, kept, gone)


def test_a_staged_bundle_without_the_participant_is_kept(
    laptop: Laptop, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = laptop.ws
    enrol(ws, "DH-001")  # sent before: not in the staged bundle
    outbox.sync(ws, FolderTarget(laptop.export))
    enrol(ws, "DH-002")
    staged = _stage(laptop, monkeypatch)
    assert withdraw_participant(ws, "DH-001").voided == ()
    assert staged.exists()
    result = outbox.sync(ws, FolderTarget(laptop.export))
    assert result.sequences == (2, 3)  # the staged one as it was, then the tombstone
