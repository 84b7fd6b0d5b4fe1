"""Withdrawal by crypto-shredding: no key material left, nothing decrypts, chain intact."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from sylcollect.crypto import aead
from sylcollect.domain.consent import Consent, ConsentMethod, ConsentScope, ConsentWho
from sylcollect.domain.participant import Identity
from sylcollect.domain.record import Record, SubjectKind
from sylcollect.domain.study import Role
from sylcollect.errors import Conflict, IntegrityFailure
from sylcollect.storage.keyring import Shredded
from sylcollect.storage.workspace import Workspace
from tests.conftest import PASSWORD


def _files(folder):  # type: ignore[no-untyped-def]
    return [p for p in folder.rglob("*") if p.is_file()]


def test_withdrawal_shreds_keys_and_content(workspace) -> None:  # type: ignore[no-untyped-def]
    ws, _ = workspace
    with ws.transaction() as tx:
        p = tx.participants.add("DH-001", "durham-house", Role.YOUNG_PERSON, Identity(name="W"))
        keep = tx.participants.add("DH-002", "durham-house", Role.YOUNG_PERSON, Identity(name="K"))
        for who in (p, keep):
            tx.records.add(
                Record(
                    "",
                    "phq9",
                    "1",
                    SubjectKind.PARTICIPANT,
                    "durham-house",
                    who.uuid,
                    answers={"q1": "1"},
                )
            )
        tx.consents.add(
            Consent(
                "",
                p.uuid,
                ConsentWho.SELF,
                frozenset({ConsentScope.TAKING_PART}),
                "2",
                ConsentMethod.PAPER,
                date(2025, 1, 1),
            )
        )
    folder = ws.workspace.data_dir
    db = sqlite3.connect(folder / "workspace.db")
    key_id, wrapped = db.execute(
        "SELECT key_id, wrapped FROM participant_key WHERE participant_uuid=?", (p.uuid,)
    ).fetchone()
    blobs = [
        r[0]
        for r in db.execute(
            "SELECT content_ct FROM record WHERE participant_uuid=? UNION ALL "
            "SELECT content_ct FROM consent WHERE participant_uuid=? UNION ALL "
            "SELECT identity_ct FROM participant WHERE uuid=?",
            (p.uuid, p.uuid, p.uuid),
        )
    ]
    db.close()
    raw_key = ws.keyring.data_key(key_id)
    master = ws.keyring.master_key()

    ws.withdraw("DH-001")

    # 1. no key material, and none of the ciphertext, anywhere in the folder (db, WAL, backups)
    for path in _files(folder):
        data = path.read_bytes()
        assert wrapped not in data, path.name
        assert raw_key not in data, path.name
        for blob in blobs:
            assert blob[13:45] not in data, path.name

    # 2. even holding the master key nothing of theirs decrypts
    with ws.transaction() as tx:
        shell = tx.participants.get("DH-001")
        assert shell.withdrawn and shell.role is None and shell.identity is None
        records = tx.records.list(participant_uuid=p.uuid)
        assert len(records) == 1 and records[0].shredded and records[0].answers == {}
        assert tx.consents.for_participant(p.uuid) == []
        with pytest.raises(Shredded):
            ws.keyring.data_key(key_id)
        other = tx.records.list(participant_uuid=keep.uuid)
        assert other[0].answers == {"q1": "1"}  # others untouched
    for blob in blobs:
        with pytest.raises(IntegrityFailure):
            aead.open_sealed(aead.subkey(master, "sylcollect/v1/workspace-data"), blob, b"")

    # 3. counted, pseudonymous shells remain; the audit chain still verifies
    with ws.transaction() as tx:
        assert [x.code for x in tx.participants.list()] == ["DH-001", "DH-002"]
        with pytest.raises(Conflict):
            tx.participants.withdraw("DH-001")
    assert ws.verify_audit().ok
    ws.lock()
    reopened = Workspace.open(folder).unlock("ann", PASSWORD)
    assert reopened.verify_audit().ok
    reopened.lock()


def test_withdrawn_participant_gets_no_new_records(workspace) -> None:  # type: ignore[no-untyped-def]
    ws, _ = workspace
    with ws.transaction() as tx:
        p = tx.participants.add("DH-001", "durham-house", Role.YOUNG_PERSON)
    ws.withdraw("DH-001")
    with pytest.raises(Conflict), ws.transaction() as tx:
        tx.records.add(Record("", "phq9", "1", SubjectKind.PARTICIPANT, "durham-house", p.uuid))


def test_scrub_waits_for_a_reader_then_finishes_on_next_open(workspace) -> None:  # type: ignore[no-untyped-def]
    import time

    ws, _ = workspace
    with ws.transaction() as tx:
        tx.participants.add("DH-001", "durham-house", Role.YOUNG_PERSON, Identity(name="W"))
    folder = ws.workspace.data_dir
    db_path = folder / "workspace.db"
    reader = sqlite3.connect(db_path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM participant").fetchone()
    wrapped = sqlite3.connect(db_path).execute("SELECT wrapped FROM participant_key").fetchone()[0]

    start = time.monotonic()
    assert ws.withdraw("DH-001") is False  # told, not fooled
    assert time.monotonic() - start < 10
    assert ws.workspace.scrub_pending()

    reader.execute("COMMIT")
    reader.close()
    ws.lock()
    ws.workspace.close()
    reopened = Workspace.open(folder)  # completes the pending scrub
    assert not reopened.scrub_pending()
    for path in _files(folder):
        assert wrapped not in path.read_bytes(), path.name
    reopened.close()
