"""The audit log: every action appended, values encrypted, any edit/deletion/reorder caught."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from sylcollect.domain.audit import AuditAction
from sylcollect.domain.participant import Identity
from sylcollect.domain.study import Role
from sylcollect.storage.workspace import Workspace
from tests.conftest import PASSWORD


def _fill(ws) -> Path:  # type: ignore[no-untyped-def]
    with ws.transaction() as tx:
        for i in range(1, 6):
            tx.participants.add(f"DH-00{i}", "durham-house", Role.YOUNG_PERSON, Identity(name="N"))
    with ws.transaction() as tx:
        tx.participants.reveal_identity("DH-001")
        tx.participants.change("DH-002", identity=Identity(name="M"))
    ws.withdraw("DH-003")
    folder: Path = ws.workspace.data_dir
    return folder


def _verify(folder: Path):  # type: ignore[no-untyped-def]
    opened = Workspace.open(folder).unlock("ann", PASSWORD)
    result = opened.verify_audit()
    opened.lock()
    return result


def test_actions_are_audited_with_encrypted_details(workspace) -> None:  # type: ignore[no-untyped-def]
    ws, _ = workspace
    folder = _fill(ws)
    with ws.transaction() as tx:
        events = tx.audit_log.events()
    actions = [e.action for e in reversed(events)]
    assert actions.count(AuditAction.CREATE) == 5
    assert AuditAction.VIEW_IDENTITY in actions
    assert AuditAction.CHANGE in actions
    assert AuditAction.WITHDRAW in actions
    shredded = [e for e in events if e.action is AuditAction.CREATE and e.details is None]
    assert len(shredded) == 1  # the withdrawn participant's create event is unreadable now
    readable = [e for e in events if e.action is AuditAction.CREATE and e.details]
    assert {e.details["code"] for e in readable if e.details} == {
        "DH-001",
        "DH-002",
        "DH-004",
        "DH-005",
    }
    ws.lock()
    raw = (folder / "workspace.db").read_bytes()
    assert b'"code"' not in raw and b'"changed"' not in raw  # details are never plaintext
    assert _verify(folder).ok


@pytest.mark.parametrize(
    ("tamper", "expect_at"),
    [
        ("UPDATE audit_event SET actor='mallory' WHERE seq=4", 4),
        ("UPDATE audit_event SET action='view_identity' WHERE seq=5", 5),
        (
            "UPDATE audit_event SET details_ct=(SELECT details_ct FROM audit_event WHERE seq=2)"
            " WHERE seq=3",
            3,
        ),
        ("DELETE FROM audit_event WHERE seq=4", 4),
        (
            "UPDATE audit_event SET seq=-seq WHERE seq IN (3, 4);"
            "UPDATE audit_event SET seq=4 WHERE seq=-3;"
            "UPDATE audit_event SET seq=3 WHERE seq=-4",
            3,
        ),
    ],
    ids=["edited-actor", "edited-action", "swapped-details", "deleted", "reordered"],
)
def test_verify_names_the_first_broken_link(workspace, tamper: str, expect_at: int) -> None:  # type: ignore[no-untyped-def]
    folder = _fill(workspace[0])
    workspace[0].lock()
    assert _verify(folder).ok
    db = sqlite3.connect(folder / "workspace.db")
    db.executescript(tamper)
    db.commit()
    db.close()
    result = _verify(folder)
    assert not result.ok
    assert result.broken_at == expect_at
    assert f"#{expect_at}" in result.problem


def test_removing_the_newest_events_is_detected(workspace) -> None:  # type: ignore[no-untyped-def]
    folder = _fill(workspace[0])
    workspace[0].lock()
    db = sqlite3.connect(folder / "workspace.db")
    top = db.execute("SELECT max(seq) FROM audit_event").fetchone()[0]
    db.execute("DELETE FROM audit_event WHERE seq >= ?", (top - 1,))
    db.commit()
    db.close()
    result = _verify(folder)  # unlocking appends an event after the gap
    assert not result.ok and result.broken_at == top - 1


def test_truncated_tail_is_detected_without_new_events(workspace) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy.orm import Session

    from sylcollect.storage import audit

    ws = workspace[0]
    folder = _fill(ws)
    key = ws.keyring.audit_key()
    ws.lock()
    db = sqlite3.connect(folder / "workspace.db")
    top = db.execute("SELECT max(seq) FROM audit_event").fetchone()[0]
    db.execute("DELETE FROM audit_event WHERE seq = ?", (top,))
    db.commit()
    db.close()
    engine = Workspace.open(folder).engine
    with Session(engine) as s:
        result = audit.verify(s, key)
    assert not result.ok and "newest events removed" in result.problem
