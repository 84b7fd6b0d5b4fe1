"""Schema migrations: every saved workspace version opens, upgrades and keeps its content.

`tests/fixtures/workspace-<revision>.db` is a workspace made by `build_workspace` with the
schema of that revision (test-only fake data, cheap Argon2id parameters); the matching
`.json` describes what it holds. When a migration is added, generate a fixture for the new
head with

    .venv/bin/python tests/core/test_migrations.py

and commit both files; older fixtures stay, so every past schema keeps being upgraded.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from sylcollect.crypto.testing import cheap_kdf
from sylcollect.domain.consent import Consent, ConsentMethod, ConsentScope, ConsentWho
from sylcollect.domain.observation import Observation
from sylcollect.domain.participant import Identity
from sylcollect.domain.record import Record, SubjectKind
from sylcollect.domain.study import Role
from sylcollect.errors import StorageError
from sylcollect.services.records import NewRecord, add_record
from sylcollect.services.study_files import load_demo_study
from sylcollect.storage import migrate
from sylcollect.storage.workspace import DB_NAME, Workspace

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FIXTURE_DBS = sorted(FIXTURES.glob("workspace-*.db"))
POSIX = os.name == "posix"

# Test-only fake data: nothing here is about a real person.
SUPERVISOR = ("ann", "fixture pass phrase for ann")
FIELDWORKER = ("ben", "fixture pass phrase for ben")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def build_workspace(data_dir: Path) -> dict[str, Any]:
    """Makes a workspace with known content (cheap KDF); returns its description (JSON-able).

    Content: two users, three participants (one later withdrawn), consents with notes,
    validated records (participant and site forms), one record saved directly, an
    observation, and the audit events all of that wrote.
    """
    with cheap_kdf():
        ws, recovery = Workspace.create(data_dir, load_demo_study(), *SUPERVISOR)
        ws.add_user(*FIELDWORKER, role="fieldworker")
    people = [
        ("DH-001", "durham-house", "Alex Fixture", date(2008, 4, 17), "durham-house-unit"),
        ("SS-002", "safe-steps", "Sam Fixture", date(2009, 11, 3), None),
        ("PP-003", "project-phoenix", "Jo Withdrawn", date(2007, 1, 29), None),
    ]
    participants: dict[str, dict[str, Any]] = {}
    consents: list[dict[str, Any]] = []
    with ws.transaction() as tx:
        for code, site, name, dob, unit in people:
            p = tx.participants.add(
                code, site, Role.YOUNG_PERSON, Identity(name=name, date_of_birth=dob), unit
            )
            participants[code] = {
                "uuid": p.uuid,
                "site": site,
                "role": Role.YOUNG_PERSON.value,
                "unit": unit,
                "name": name,
                "date_of_birth": dob.isoformat(),
                "withdrawn": False,
            }
            c = tx.consents.add(
                Consent(
                    "",
                    p.uuid,
                    ConsentWho.ASSENT_PARENT if code == "SS-002" else ConsentWho.SELF,
                    frozenset({ConsentScope.TAKING_PART, ConsentScope.QUESTIONNAIRES}),
                    "info-sheet-v2",
                    ConsentMethod.PAPER,
                    date(2024, 3, 1),
                    taken_by="ann",
                    notes=f"consent notes for {code}",
                )
            )
            consents.append({"uuid": c.uuid, "code": code, **c.to_json()})
        tx.participants.change("SS-002", identity=Identity(name="Sam Changed", contact="none"))
    participants["SS-002"]["name"] = "Sam Changed"
    participants["SS-002"]["date_of_birth"] = None

    records: list[dict[str, Any]] = []
    checkins = {
        "DH-001": {
            "feel_week": "not_good",
            "feel_more": "fixture free text: things at home are hard",
            "sleep": "badly",
            "school_now": "yes",
            "school_days": 3,
            "anything_else": "fixture: ünïcödé and emoji \N{SPARKLES}",
        },
        "SS-002": {"feel_week": "good", "sleep": "well", "school_now": "no"},
        "PP-003": {"feel_week": "bad", "feel_more": "fixture text that will be shredded"},
    }
    for code, answers in checkins.items():
        rec = add_record(
            ws, NewRecord("yp_checkin", answers, participant_code=code, wave_id="baseline")
        )
        records.append(
            {"uuid": rec.uuid, "form_id": rec.form_id, "code": code, "answers": rec.answers}
        )
    phq = {f"phq9_{i}": str(i % 4) for i in range(1, 10)} | {"phq9_difficulty": "somewhat"}
    rec = add_record(ws, NewRecord("phq9", phq, participant_code="DH-001", wave_id="baseline"))
    records.append({"uuid": rec.uuid, "form_id": "phq9", "code": "DH-001", "answers": rec.answers})
    site = {
        "month": "2024-04-01",
        "incidents": 2,
        "missing_episodes": 1,
        "restraints": 0,
        "staff_absence_days": 5,
        "staff_leavers": 1,
        "staff_joiners": 2,
        "notes": "fixture site notes",
    }
    rec = add_record(ws, NewRecord("site_indicators", site, site_id="safe-steps"))
    records.append({"uuid": rec.uuid, "form_id": rec.form_id, "code": None, "answers": rec.answers})
    with ws.transaction() as tx:
        direct = tx.records.add(
            Record(
                uuid="7f1b2c3d-0000-4000-8000-0000000000f1",
                form_id="interview_record",
                form_version="1",
                subject=SubjectKind.PARTICIPANT,
                site_id="durham-house",
                participant_uuid=participants["DH-001"]["uuid"],
                answers={"summary": "fixture interview summary"},
                collected_by="ann",
            )
        )
        obs = tx.observations.add(
            Observation(
                "",
                "safe-steps",
                "group session",
                datetime(2024, 5, 6, 14, 30),
                90,
                ("SS-002",),
                "fixture observation notes",
                ("art",),
                ("ss-e1",),
                "ann",
            )
        )
    records.append(
        {
            "uuid": direct.uuid,
            "form_id": direct.form_id,
            "code": "DH-001",
            "answers": direct.answers,
        }
    )
    ws.withdraw("PP-003")
    participants["PP-003"]["withdrawn"] = True
    events = ws.verify_audit()
    assert events.ok
    ws.lock()
    ws.workspace.close()
    return {
        "revision": migrate.head_revision(),
        "users": [
            {"name": SUPERVISOR[0], "password": SUPERVISOR[1], "role": "supervisor"},
            {"name": FIELDWORKER[0], "password": FIELDWORKER[1], "role": "fieldworker"},
        ],
        "recovery_key": recovery,
        "participants": participants,
        "consents": consents,
        "records": records,
        "observations": [
            {"uuid": obs.uuid, "site": obs.site_id, **obs.content_json()},
        ],
        "audit_events": events.events,
    }


def check_workspace(data_dir: Path, expected: dict[str, Any]) -> None:
    """Opens (migrating), unlocks as every user and with the recovery key, checks content."""
    with cheap_kdf():
        locked = Workspace.open(data_dir)
        try:
            assert migrate.current_revision(locked.engine) == migrate.head_revision()
            users = {(u.name, u.role) for u in locked.users()}
            assert users == {(u["name"], u["role"]) for u in expected["users"]}
            for user in expected["users"][1:]:
                locked.unlock(user["name"], user["password"]).lock()
            locked.unlock_with_recovery(expected["recovery_key"]).lock()
            first = expected["users"][0]
            ws = locked.unlock(first["name"], first["password"])
            try:
                _check_content(ws, expected)
                result = ws.verify_audit()
                assert result.ok, result.problem
                # + one unlock per user and one recovery unlock, all made above
                assert result.events >= expected["audit_events"] + len(expected["users"]) + 1
            finally:
                ws.lock()
        finally:
            locked.close()
    conn = sqlite3.connect(data_dir / DB_NAME)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


def _check_content(ws: Any, expected: dict[str, Any]) -> None:
    people = expected["participants"]
    with ws.transaction() as tx:
        listed = {p.code: p for p in tx.participants.list()}
        assert set(listed) == set(people)
        for code, want in people.items():
            p = listed[code]
            assert p.uuid == want["uuid"]
            assert p.site_id == want["site"]
            assert p.withdrawn == want["withdrawn"]
            if want["withdrawn"]:
                assert p.role is None
                continue
            assert p.role is not None and p.role.value == want["role"]
            assert p.unit_id == want["unit"]
            shown = tx.participants.reveal_identity(code)
            assert shown.identity is not None
            assert shown.identity.name == want["name"]
            dob = shown.identity.date_of_birth
            assert (dob.isoformat() if dob else None) == want["date_of_birth"]
        for consent in expected["consents"]:
            want_p = people[consent["code"]]
            got = {c.uuid: c for c in tx.consents.for_participant(want_p["uuid"])}
            if want_p["withdrawn"]:
                assert got == {}
                continue
            c = got[consent["uuid"]]
            assert {"uuid": c.uuid, "code": consent["code"], **c.to_json()} == consent
        for want_r in expected["records"]:
            r = tx.records.get(want_r["uuid"])
            assert r.form_id == want_r["form_id"]
            code = want_r["code"]
            if code is not None and people[code]["withdrawn"]:
                assert r.shredded
                assert r.answers == {}
            else:
                assert not r.shredded
                assert r.answers == want_r["answers"]
                want_uuid = people[code]["uuid"] if code else None
                assert r.participant_uuid == want_uuid
        assert tx.records.count() == len(expected["records"])
        observations = {o.uuid: o for o in tx.observations.list()}
        for want_o in expected["observations"]:
            o = observations[want_o["uuid"]]
            assert {"uuid": o.uuid, "site": o.site_id, **o.content_json()} == want_o


def _install(fixture: Path, tmp_path: Path) -> Path:
    data_dir = tmp_path / "data"
    data_dir.mkdir(mode=0o700)
    target = data_dir / DB_NAME
    shutil.copyfile(fixture, target)
    target.chmod(0o600)
    return data_dir


@pytest.mark.parametrize("fixture", FIXTURE_DBS, ids=[f.stem for f in FIXTURE_DBS])
def test_saved_workspace_opens_with_content_intact(fixture: Path, tmp_path: Path) -> None:
    expected = json.loads(fixture.with_suffix(".json").read_text(encoding="utf-8"))
    data_dir = _install(fixture, tmp_path)
    conn = sqlite3.connect(data_dir / DB_NAME)
    try:
        (stamped,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        conn.close()
    assert stamped == expected["revision"]

    check_workspace(data_dir, expected)

    backups = sorted((data_dir / migrate.BACKUP_DIR).glob("*.db"))
    if stamped == migrate.head_revision():
        assert backups == [], "no backup is made when no migration runs"
    else:
        # The upgrade was preceded by a consistent, private copy at the old revision.
        assert len(backups) == 1
        assert f"from-{stamped}" in backups[0].name
        if POSIX:
            assert _mode(backups[0]) == 0o600
            assert _mode(backups[0].parent) == 0o700
        conn = sqlite3.connect(backups[0])
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (stamped,)
        finally:
            conn.close()


def test_there_is_a_fixture_for_the_current_schema_head() -> None:
    head = migrate.head_revision()
    assert FIXTURES / f"workspace-{head}.db" in FIXTURE_DBS, (
        f"schema head {head} has no fixture: run .venv/bin/python tests/core/test_migrations.py"
    )
    for db in FIXTURE_DBS:
        assert db.with_suffix(".json").is_file(), f"{db.name} has no description"
        assert not Path(f"{db}-wal").exists(), "a fixture must be one checkpointed file"


def test_fixture_builder_matches_checker_on_current_code(tmp_path: Path) -> None:
    """The builder and the checker agree on a fresh workspace (guards the fixture tooling)."""
    data_dir = tmp_path / "data"
    expected = json.loads(json.dumps(build_workspace(data_dir)))
    check_workspace(data_dir, expected)


def test_backup_file_is_a_private_consistent_copy(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    expected = build_workspace(data_dir)
    db = data_dir / DB_NAME
    # Hold a connection with uncommitted-to-file (WAL) changes: the copy must include them.
    with cheap_kdf():
        locked = Workspace.open(data_dir)
        ws = locked.unlock(*SUPERVISOR)
    with ws.transaction() as tx:
        extra = tx.records.add(
            Record(
                uuid="",
                form_id="site_indicators",
                form_version="1",
                subject=SubjectKind.SITE,
                site_id="durham-house",
                answers={"notes": "only in the WAL so far"},
            )
        )
    expected["records"].append(
        {"uuid": extra.uuid, "form_id": extra.form_id, "code": None, "answers": extra.answers}
    )
    hold = locked.engine.connect()
    try:
        hold.execute(text("SELECT count(*) FROM record")).scalar_one()
        assert Path(f"{db}-wal").exists()
        backup = migrate.backup_file(db, "test")
    finally:
        hold.close()
        ws.lock()
        locked.close()

    assert backup.parent == data_dir / migrate.BACKUP_DIR
    if POSIX:
        assert _mode(backup) == 0o600
        assert _mode(backup.parent) == 0o700
    conn = sqlite3.connect(backup)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        (count,) = conn.execute("SELECT count(*) FROM record").fetchone()
        assert count == len(expected["records"])
        (rev,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        assert rev == migrate.head_revision()
    finally:
        conn.close()

    # The copy is a whole workspace: it opens, unlocks and decrypts on its own.
    other = tmp_path / "restored"
    other.mkdir(mode=0o700)
    shutil.copyfile(backup, other / DB_NAME)
    check_workspace(other, expected)


def test_failed_upgrade_reports_the_backup_and_leaves_the_file_untouched(tmp_path: Path) -> None:
    """A revision Alembic doesn't know stands in for a migration that fails half way."""
    data_dir = tmp_path / "data"
    build_workspace(data_dir)
    db = data_dir / DB_NAME
    conn = sqlite3.connect(db)
    try:
        with conn:
            conn.execute("UPDATE alembic_version SET version_num = 'ffffdead'")
        before = conn.execute("SELECT count(*) FROM audit_event").fetchone()
    finally:
        conn.close()

    with pytest.raises(StorageError, match=r"could not be upgraded.*the backup is "):
        Workspace.open(data_dir)

    backups = sorted((data_dir / migrate.BACKUP_DIR).glob("*.db"))
    assert len(backups) == 1 and "from-ffffdead" in backups[0].name
    if POSIX:
        assert _mode(backups[0]) == 0o600
    for path in (db, backups[0]):
        conn = sqlite3.connect(path)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (
                "ffffdead",
            )
            assert conn.execute("SELECT count(*) FROM audit_event").fetchone() == before
        finally:
            conn.close()


def write_fixture(folder: Path = FIXTURES) -> Path:
    """Builds the fixture for the current schema head (refuses to overwrite one)."""
    import tempfile

    head = migrate.head_revision()
    target = folder / f"workspace-{head}.db"
    if target.exists():
        raise SystemExit(f"{target} exists: fixtures are written once per schema version")
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        expected = build_workspace(data_dir)
        db = data_dir / DB_NAME
        assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0
        conn = sqlite3.connect(db)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute("VACUUM")
        finally:
            conn.close()
        shutil.copyfile(db, target)
    target.with_suffix(".json").write_text(
        json.dumps(expected, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8"
    )
    return target


if __name__ == "__main__":
    print(f"wrote {write_fixture()}")
    sys.exit(0)
