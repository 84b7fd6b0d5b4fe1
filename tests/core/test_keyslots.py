"""Key slots: users, recovery key, password change, weak-slot refusal, misplaced ciphertext."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from sylcollect.crypto import kdf, slots
from sylcollect.domain.participant import Identity
from sylcollect.domain.study import Role
from sylcollect.errors import IntegrityFailure, InvalidInput, WeakKeySlot, WrongPassword
from sylcollect.storage.workspace import Workspace
from tests.conftest import PASSWORD

BOB_PW = "blue kettle on the windowsill"


def _reopen(ws):  # type: ignore[no-untyped-def]
    folder = ws.workspace.data_dir
    ws.lock()
    return Workspace.open(folder)


def test_two_users_and_recovery_key_each_unlock(workspace) -> None:  # type: ignore[no-untyped-def]
    ws, recovery = workspace
    ws.add_user("bob", BOB_PW, "fieldworker")
    with ws.transaction() as tx:
        tx.participants.add("DH-001", "durham-house", Role.YOUNG_PERSON, Identity(name="Ann Y"))
    locked = _reopen(ws)
    for opened in (
        locked.unlock("ann", PASSWORD),
        locked.unlock("bob", BOB_PW),
        locked.unlock_with_recovery(recovery),
        locked.unlock_with_recovery(recovery.lower().replace("-", " ")),
    ):
        with opened.transaction() as tx:
            assert tx.participants.reveal_identity("DH-001").identity == Identity(name="Ann Y")
        opened.lock()
    assert {u.name for u in locked.users()} == {"ann", "bob"}


def test_wrong_password_fails_with_a_clear_message(workspace) -> None:  # type: ignore[no-untyped-def]
    locked = _reopen(workspace[0])
    with pytest.raises(WrongPassword, match="user name and password don't match"):
        locked.unlock("ann", PASSWORD + "x")
    with pytest.raises(WrongPassword):
        locked.unlock("nobody", PASSWORD)


def test_removed_user_can_no_longer_unlock(workspace) -> None:  # type: ignore[no-untyped-def]
    ws, _ = workspace
    ws.add_user("bob", BOB_PW)
    ws.remove_user("bob")
    locked = _reopen(ws)
    with pytest.raises(WrongPassword):
        locked.unlock("bob", BOB_PW)
    assert [u.name for u in locked.users()] == ["ann"]


def test_last_user_cannot_be_removed(workspace) -> None:  # type: ignore[no-untyped-def]
    from sylcollect.errors import Conflict

    with pytest.raises(Conflict):
        workspace[0].remove_user("ann")


def test_password_change_makes_the_old_password_useless(workspace) -> None:  # type: ignore[no-untyped-def]
    ws, _ = workspace
    ws.add_user("bob", BOB_PW)
    ws.set_password("ann", "a brand new pass phrase")
    locked = _reopen(ws)
    with pytest.raises(WrongPassword):
        locked.unlock("ann", PASSWORD)
    locked.unlock("ann", "a brand new pass phrase").lock()
    locked.unlock("bob", BOB_PW).lock()  # other slots untouched


def test_recovery_key_resets_a_forgotten_password(workspace) -> None:  # type: ignore[no-untyped-def]
    ws, recovery = workspace
    locked = _reopen(ws)
    opened = locked.unlock_with_recovery(recovery)
    opened.set_password("ann", "remembered this time for sure")
    opened.lock()
    with pytest.raises(WrongPassword):
        locked.unlock("ann", PASSWORD)
    locked.unlock("ann", "remembered this time for sure").lock()


def test_mistyped_recovery_key_is_caught_by_its_checksum() -> None:
    key = slots.new_recovery_key()
    pos = 8
    wrong = key[:pos] + ("0" if key[pos] != "0" else "1") + key[pos + 1 :]
    with pytest.raises(InvalidInput, match="typing mistake"):
        slots.parse_recovery_key(wrong)
    with pytest.raises(InvalidInput, match="36 letters"):
        slots.parse_recovery_key(key[:-1])
    assert slots.parse_recovery_key(key) == slots.parse_recovery_key(key.lower())
    # Crockford: O/I/L typed for 0/1 still work
    assert slots.parse_recovery_key(key.replace("0", "O").replace("1", "I")) == (
        slots.parse_recovery_key(key)
    )


@pytest.mark.fullcost
def test_argon2_floor_is_enforced_at_full_cost(tmp_path: Path) -> None:
    """Without the test switch the floor is t=3, p=4, 64 MiB: weaker slots are refused."""
    assert kdf.policy.floor == kdf.FLOOR == kdf.Argon2Params(3, 4, 64 * 1024)
    master = b"k" * 32
    strong = slots.make_slot("s1", "user", "ann", b"pw", master, kdf.FLOOR)
    assert slots.open_slot(strong, b"pw") == master
    for weak in (
        kdf.Argon2Params(2, 4, 64 * 1024),
        kdf.Argon2Params(3, 2, 64 * 1024),
        kdf.Argon2Params(3, 4, 32 * 1024),
    ):
        with pytest.raises(WeakKeySlot):
            slots.make_slot("s2", "user", "ann", b"pw", master, weak)
        edited = slots.KeySlot(strong.slot_id, "user", "ann", strong.salt, weak, strong.wrapped)
        with pytest.raises(WeakKeySlot, match="refused"):
            slots.open_slot(edited, b"pw")


@pytest.mark.fullcost
def test_default_parameters_are_calibrated_at_or_above_the_floor() -> None:
    params = kdf.calibrate(target_seconds=0.2)
    assert params.at_least(kdf.FLOOR)


def test_slot_edited_in_the_database_to_weak_parameters_is_refused(
    workspace,  # type: ignore[no-untyped-def]
) -> None:
    ws, _ = workspace
    folder = ws.workspace.data_dir
    ws.lock()
    ws.workspace.close()
    db = sqlite3.connect(folder / "workspace.db")
    db.execute("""UPDATE key_slot SET params='{"t": 1, "p": 1, "m": 1}' WHERE user='ann'""")
    db.commit()
    db.close()
    with pytest.raises(WeakKeySlot):
        Workspace.open(folder).unlock("ann", PASSWORD)


def test_slot_with_raised_parameters_fails_rather_than_opening(workspace) -> None:  # type: ignore[no-untyped-def]
    """Parameters are bound to the wrapped key: editing them breaks the slot, loudly."""
    ws, _ = workspace
    folder = ws.workspace.data_dir
    ws.lock()
    ws.workspace.close()
    db = sqlite3.connect(folder / "workspace.db")
    db.execute("""UPDATE key_slot SET params='{"t": 2, "p": 1, "m": 8}' WHERE user='ann'""")
    db.commit()
    db.close()
    with pytest.raises(WrongPassword):
        Workspace.open(folder).unlock("ann", PASSWORD)


def test_ciphertext_moved_to_another_row_or_column_fails_and_is_reported(
    workspace,  # type: ignore[no-untyped-def]
) -> None:
    ws, _ = workspace
    with ws.transaction() as tx:
        tx.participants.add("DH-001", "durham-house", Role.YOUNG_PERSON, Identity(name="First"))
        tx.participants.add("DH-002", "durham-house", Role.YOUNG_PERSON, Identity(name="Second"))
    folder = ws.workspace.data_dir
    ws.lock()
    db = sqlite3.connect(folder / "workspace.db")
    rows = dict(db.execute("SELECT code, identity_ct FROM participant").fetchall())
    # another person's identity into DH-001's row
    db.execute("UPDATE participant SET identity_ct=? WHERE code='DH-001'", (rows["DH-002"],))
    # DH-002's profile column replaced by its own identity ciphertext (another column)
    db.execute("UPDATE participant SET profile_ct=identity_ct WHERE code='DH-002'")
    db.commit()
    db.close()
    opened = Workspace.open(folder).unlock("ann", PASSWORD)
    with opened.transaction() as tx, pytest.raises(IntegrityFailure):
        tx.participants.reveal_identity("DH-001")
    with opened.transaction() as tx, pytest.raises(IntegrityFailure):
        tx.participants.get("DH-002")
    opened.lock()


def test_lock_zeroes_keys_and_refuses_use(workspace) -> None:  # type: ignore[no-untyped-def]
    from sylcollect.errors import Locked

    ws, _ = workspace
    with ws.transaction() as tx:
        tx.participants.add("DH-001", "durham-house", Role.YOUNG_PERSON, Identity(name="A"))
        tx.participants.reveal_identity("DH-001")  # caches the participant key
    keyring = ws.keyring
    buffers = keyring.buffers()
    assert len(buffers) >= 5 and all(any(b) for b in buffers)
    ws.lock()
    assert all(not any(b) for b in buffers)
    assert ws.locked
    with pytest.raises(Locked):
        ws.keyring  # noqa: B018
    with pytest.raises(Locked), ws.transaction():
        pass
    with pytest.raises(Locked):
        keyring.data_key("ws")


def test_identity_round_trips_with_date_of_birth(workspace) -> None:  # type: ignore[no-untyped-def]
    ws, _ = workspace
    ident = Identity(name="Zoë Example", date_of_birth=date(2009, 5, 17), contact="x")
    with ws.transaction() as tx:
        tx.participants.add("DH-003", "durham-house", Role.YOUNG_PERSON, ident)
    with ws.transaction() as tx:
        assert tx.participants.reveal_identity("DH-003").identity == ident
        assert tx.participants.get("DH-003").identity is None  # listing never decrypts it


def test_participant_count_needs_no_decryption(workspace) -> None:  # type: ignore[no-untyped-def]
    ws, _ = workspace
    with ws.transaction() as tx:
        for i in range(3):
            tx.participants.add(f"DH-00{i}", "durham-house", Role.YOUNG_PERSON)
    ws.withdraw("DH-001")
    with ws.transaction() as tx:
        assert tx.participants.count() == 3
        assert tx.participants.count(include_withdrawn=False) == 2
        listed = tx.participants.directory()
    assert [(p.code, p.withdrawn) for p in listed] == [
        ("DH-000", False),
        ("DH-001", True),
        ("DH-002", False),
    ]


def test_bulk_reads_match_one_by_one(workspace) -> None:  # type: ignore[no-untyped-def]
    from sylcollect.domain.consent import Consent, ConsentMethod, ConsentScope, ConsentWho

    ws, _ = workspace
    with ws.transaction() as tx:
        for i in range(6):
            p = tx.participants.add(f"DH-00{i}", "durham-house", Role.STAFF)
            if i % 2:
                tx.consents.add(
                    Consent(
                        "",
                        p.uuid,
                        ConsentWho.SELF,
                        frozenset({ConsentScope.TAKING_PART}),
                        "1",
                        ConsentMethod.VERBAL,
                        date(2025, 1, i + 1),
                    )
                )
    ws.withdraw("DH-001")
    ws.lock()
    opened = Workspace.open(ws.workspace.data_dir).unlock("ann", PASSWORD)
    with opened.transaction() as tx:
        people = tx.participants.list()
        grouped = tx.consents.by_participant()
        assert [p.role for p in people] == [Role.STAFF, None, *[Role.STAFF] * 4]
        for p in people:
            assert grouped.get(p.uuid, []) == tx.consents.for_participant(p.uuid)
        assert sum(len(v) for v in grouped.values()) == 2  # DH-001's consent was shredded
    opened.lock()
