"""Canaries: personal data planted through the API and the CLI never reaches disk in clear.

Unique random strings (and a unique date of birth) go into every kind of personal value:
names, dates of birth, contact details, answers, alerts, observation notes, consent notes.
Every file under the data folder (workspace.db, -wal, -shm, backups), files in the system
temp folder modified since the test started, the CLI's home, config, cache, log and working
folders, and the log records emitted in-process are then searched for each canary in UTF-8
and UTF-16 (LE and BE, with and without BOM). None may be found: after the first writes,
after an edit, and after a withdrawal (which must also leave no trace of the participant's
wrapped key or their ciphertext). The CLI must not echo a canary either, except where the
user asked for it (`participant show --reveal`).

Also here: the workspace files are private (data folder 0700, database, WAL and SHM 0600).
"""

from __future__ import annotations

import json
import logging
import os
import random
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from sylcollect.crypto.testing import cheap_kdf
from sylcollect.domain.consent import Consent, ConsentMethod, ConsentScope, ConsentWho
from sylcollect.domain.observation import Observation
from sylcollect.domain.participant import Identity
from sylcollect.domain.record import Alert, Record, SubjectKind
from sylcollect.domain.study import Role
from sylcollect.services.records import NewRecord, add_record
from sylcollect.services.study_files import load_demo_study
from sylcollect.storage import migrate
from sylcollect.storage.workspace import DB_NAME, Workspace

POSIX = os.name == "posix"
PASSWORD = "canary test pass phrase words"
CHUNK = 1 << 20
TEMP_MAX_BYTES = 256 << 20  # recent temp files bigger than this are not ours


# --- the reusable scanner ---------------------------------------------------------------


def encodings(text: str) -> dict[str, bytes]:
    """The byte patterns a string can take on disk: UTF-8 and UTF-16 LE/BE, +/- BOM."""
    le, be = text.encode("utf-16-le"), text.encode("utf-16-be")
    return {
        "utf-8": text.encode("utf-8"),
        "utf-16-le": le,
        "utf-16-be": be,
        "utf-16-le+bom": b"\xff\xfe" + le,
        "utf-16-be+bom": b"\xfe\xff" + be,
    }


@dataclass(frozen=True)
class Hit:
    """A canary (by label) found in a file, in one encoding."""

    path: Path
    label: str
    encoding: str

    def __str__(self) -> str:
        return f"{self.label} ({self.encoding}) in {self.path}"


def _regular_files(root: Path) -> Iterator[Path]:
    if root.is_file():
        yield root
        return
    for folder, _dirs, names in os.walk(root, onerror=lambda _e: None):
        for name in names:
            path = Path(folder, name)
            try:
                mode = path.lstat().st_mode
            except OSError:
                continue
            if stat.S_ISREG(mode):
                yield path


def _file_contains(path: Path, needles: Mapping[tuple[str, str], bytes]) -> list[tuple[str, str]]:
    """Which needles occur in the file (read in overlapping chunks; unreadable files: none)."""
    overlap = max(len(n) for n in needles.values()) - 1
    found: set[tuple[str, str]] = set()
    tail = b""
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(CHUNK):
                window = tail + chunk
                found.update(k for k, n in needles.items() if k not in found and n in window)
                tail = window[-overlap:] if overlap else b""
    except OSError:  # vanished or not ours to read
        return []
    return sorted(found)


def scan_for_canaries(
    canaries: Mapping[str, str | bytes],
    roots: Iterable[Path],
    *,
    modified_since: float | None = None,
    skip: Iterable[Path] = (),
    max_bytes: int | None = None,
) -> list[Hit]:
    """Searches every regular file under `roots` for every canary in every encoding.

    `canaries` maps a label (shown in failures instead of the value) to a string, searched
    for in UTF-8 and UTF-16, or to raw bytes, searched for as they are. With
    `modified_since`, only files modified at or after that time are read; `skip` names
    files or folders to leave out (the test's own inputs, folders already scanned);
    `max_bytes` skips bigger files.
    """
    needles: dict[tuple[str, str], bytes] = {}
    for label, value in canaries.items():
        if isinstance(value, bytes):
            needles[(label, "raw")] = value
        else:
            needles.update({(label, enc): b for enc, b in encodings(value).items()})
    skipped = {p.resolve() for p in skip}
    seen: set[Path] = set()
    hits: list[Hit] = []
    for root in roots:
        if not root.exists():
            continue
        for path in _regular_files(root):
            real = path.resolve()
            if real in seen or real in skipped or not skipped.isdisjoint(real.parents):
                continue
            seen.add(real)
            try:
                st = path.stat()
            except OSError:
                continue
            if modified_since is not None and st.st_mtime < modified_since:
                continue
            if max_bytes is not None and st.st_size > max_bytes:
                continue
            hits += [Hit(path, label, enc) for label, enc in _file_contains(path, needles)]
    return hits


def scan_everywhere(
    canaries: Mapping[str, str | bytes],
    data_dirs: Iterable[Path],
    started: float,
    *,
    extra_roots: Iterable[Path] = (),
    skip: Iterable[Path] = (),
) -> list[Hit]:
    """Data folders and `extra_roots` in full, plus recent files in the temp and log folders."""
    hits = scan_for_canaries(canaries, [*data_dirs, *extra_roots], skip=skip)
    recent = [Path(tempfile.gettempdir()), Path("/var/tmp"), *_log_dirs()]
    hits += scan_for_canaries(
        canaries,
        recent,
        modified_since=started - 2.0,  # file system timestamps can be coarse
        skip=[*skip, *data_dirs, *extra_roots],
        max_bytes=TEMP_MAX_BYTES,
    )
    return hits


def _log_dirs() -> list[Path]:
    from platformdirs import user_log_dir, user_state_dir

    return [Path(user_log_dir("SYL Collect", appauthor=False)), Path(user_state_dir("SYL Collect"))]


def new_canary(label: str) -> str:
    return f"canary-{label}-{uuid.uuid4().hex}"


def unique_date(rng: random.Random) -> date:
    """A date of birth no timestamp or form will contain by chance (1901-1989)."""
    return date(1901, 1, 1) + timedelta(days=rng.randrange(0, 89 * 365))


def date_texts(label: str, day: date) -> dict[str, str]:
    return {f"{label} (iso)": day.isoformat(), f"{label} (d/m/y)": day.strftime("%d/%m/%Y")}


def assert_clean(hits: list[Hit], when: str) -> None:
    assert not hits, f"personal data in clear {when}:\n" + "\n".join(map(str, hits))


@pytest.fixture
def started() -> float:
    return time.time()


@pytest.fixture
def rng() -> random.Random:
    return random.Random(int.from_bytes(os.urandom(8), "big"))


def _sqlite_bytes(db: Path, sql: str, *args: object) -> bytes:
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        row = conn.execute(sql, args).fetchone()
    finally:
        conn.close()
    assert row is not None and row[0], sql
    return bytes(row[0])


def test_scanner_finds_each_encoding_anywhere_in_a_file(tmp_path: Path, started: float) -> None:
    """The scanner's own check: a canary it is not told about would make the tests vacuous."""
    secret = new_canary("probe")
    big = os.urandom(CHUNK - 7)  # the needle straddles the first chunk boundary
    samples = {
        f"{enc}.bin": (big if i == 0 else os.urandom(100)) + pattern + os.urandom(50)
        for i, (enc, pattern) in enumerate(encodings(secret).items())
    }
    for name, blob in samples.items():
        (tmp_path / "dir" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "dir" / name).write_bytes(blob)
    (tmp_path / "dir" / "input.txt").write_text(secret)
    hits = scan_for_canaries(
        {"probe": secret}, [tmp_path / "dir"], skip=[tmp_path / "dir" / "input.txt"]
    )
    found = {(h.path.name, h.encoding) for h in hits}
    for name in samples:
        assert (name, name.removesuffix(".bin")) in found, name
    assert not any(h.path.name == "input.txt" for h in hits)
    # Files in the temp folder count only if they changed after the test started.
    old = tmp_path / "dir" / "utf-8.bin"
    os.utime(old, (started - 3600, started - 3600))
    recent = scan_for_canaries({"probe": secret}, [tmp_path / "dir"], modified_since=started - 2)
    assert old not in {h.path for h in recent} and recent
    assert scan_for_canaries({"raw": b"\x00\x01key"}, [tmp_path / "dir"]) == []


# --- through the API ----------------------------------------------------------------------


def test_canaries_planted_through_the_api_never_reach_disk_or_logs(
    tmp_path: Path, started: float, rng: random.Random, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # everything any library logs, SQL statements included
    data_dir = tmp_path / "data"
    db = data_dir / DB_NAME
    dob = unique_date(rng)
    c = {
        k: new_canary(k)
        for k in (
            "name",
            "contact",
            "identity-notes",
            "consent-notes",
            "answer-feel-more",
            "answer-school-help",
            "answer-anything-else",
            "site-notes",
            "direct-answer",
            "alert-message",
            "alert-action",
            "observation-notes",
            "observation-activity",
            "observation-tag",
        )
    }
    planted: dict[str, str | bytes] = {**c, **date_texts("date of birth", dob)}

    with cheap_kdf():
        ws, _recovery = Workspace.create(data_dir, load_demo_study(), "ann", PASSWORD)
    # An idle reader keeps the WAL and SHM files in place (without it SQLite folds the WAL
    # in and deletes it when the last connection closes), so they are scanned too.
    keep_open = sqlite3.connect(db, isolation_level=None)
    try:
        keep_open.execute("SELECT count(*) FROM meta").fetchall()
        with ws.transaction() as tx:
            p = tx.participants.add(
                "DH-101",
                "durham-house",
                Role.YOUNG_PERSON,
                Identity(c["name"], dob, c["contact"], c["identity-notes"]),
                "durham-house-unit",
            )
            tx.consents.add(
                Consent(
                    "",
                    p.uuid,
                    ConsentWho.SELF,
                    frozenset({ConsentScope.TAKING_PART, ConsentScope.INTERVIEW}),
                    "v1",
                    ConsentMethod.PAPER,
                    date(2024, 2, 1),
                    taken_by="ann",
                    notes=c["consent-notes"],
                )
            )
            tx.observations.add(
                Observation(
                    "",
                    "durham-house",
                    c["observation-activity"],
                    datetime(2024, 2, 2, 10, 0),
                    45,
                    ("DH-101",),
                    c["observation-notes"],
                    (c["observation-tag"],),
                    (),
                    "ann",
                )
            )
            direct = tx.records.add(
                Record(
                    uuid="",
                    form_id="interview_record",
                    form_version="1",
                    subject=SubjectKind.PARTICIPANT,
                    site_id="durham-house",
                    participant_uuid=p.uuid,
                    answers={"summary": c["direct-answer"]},
                    alerts=(Alert("a1", c["alert-message"], "ann", None, c["alert-action"]),),
                    collected_by="ann",
                )
            )
        checkin = add_record(
            ws,
            NewRecord(
                "yp_checkin",
                {
                    "feel_week": "bad",
                    "feel_more": c["answer-feel-more"],
                    "school_help": c["answer-school-help"],
                    "anything_else": c["answer-anything-else"],
                },
                participant_code="DH-101",
            ),
        )
        assert checkin.answers["feel_more"] == c["answer-feel-more"]
        add_record(
            ws,
            NewRecord(
                "site_indicators",
                {
                    "month": "2024-01-01",
                    "incidents": 0,
                    "missing_episodes": 0,
                    "restraints": 0,
                    "staff_absence_days": 0,
                    "staff_leavers": 0,
                    "staff_joiners": 0,
                    "notes": c["site-notes"],
                },
                site_id="durham-house",
            ),
        )
        with ws.transaction() as tx:  # the values really are stored (and readable)
            shown = tx.participants.reveal_identity("DH-101")
            assert shown.identity is not None and shown.identity.name == c["name"]
            assert tx.records.get(direct.uuid).alerts[0].message == c["alert-message"]
        backup = migrate.backup_file(db, "canary")
        assert Path(f"{db}-wal").stat().st_size > 0 and Path(f"{db}-shm").exists()

        assert_clean(scan_everywhere(planted, [data_dir], started), "after the first writes")

        # --- an edit: new identity, new answers; the old and new values stay hidden ---
        c2 = {k: new_canary(k) for k in ("changed-name", "changed-answer")}
        dob2 = unique_date(rng)
        planted |= {**c2, **date_texts("changed date of birth", dob2)}
        with ws.transaction() as tx:
            tx.participants.change("DH-101", identity=Identity(c2["changed-name"], dob2))
            old = tx.records.get(checkin.uuid)
            tx.records.update(
                replace(old, answers={**old.answers, "anything_else": c2["changed-answer"]})
            )
        assert_clean(scan_everywhere(planted, [data_dir], started), "after an edit")

        # --- withdrawal: canaries still absent; the wrapped key and ciphertexts are gone ---
        wrapped = _sqlite_bytes(
            db, "SELECT wrapped FROM participant_key WHERE participant_uuid = ?", p.uuid
        )
        shredded: dict[str, str | bytes] = {
            "wrapped participant key": wrapped,
            "identity ciphertext": _sqlite_bytes(
                db, "SELECT identity_ct FROM participant WHERE uuid = ?", p.uuid
            ),
            "record ciphertext": _sqlite_bytes(
                db, "SELECT content_ct FROM record WHERE uuid = ?", checkin.uuid
            ),
        }
        ws.withdraw("DH-101")
        assert not backup.exists(), "backups made before a withdrawal are deleted by it"
        assert_clean(
            scan_everywhere({**planted, **shredded}, [data_dir], started), "after a withdrawal"
        )
        with ws.transaction() as tx:
            assert tx.participants.get("DH-101").withdrawn
            assert tx.records.get(checkin.uuid).shredded
        assert ws.verify_audit().ok
    finally:
        keep_open.close()
        ws.lock()
        ws.workspace.close()

    assert_clean(scan_everywhere(planted, [data_dir], started), "after closing")
    logged = "\n".join(r.getMessage() for r in caplog.records) + caplog.text
    leaked = [label for label, value in planted.items() if str(value) in logged]
    assert not leaked, f"canaries in log records: {leaked}"


# --- through the CLI ----------------------------------------------------------------------


@dataclass
class Cli:
    """Runs the CLI (full-cost Argon2id) with its own home, config, cache and work folders."""

    data_dir: Path
    home: Path
    cwd: Path
    outputs: list[tuple[tuple[str, ...], str, str]]

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SYLCOLLECT_", "XDG_"))}
        env.update(
            SYLCOLLECT_PASSWORD=PASSWORD,
            HOME=str(self.home),
            XDG_CONFIG_HOME=str(self.home / "config"),
            XDG_CACHE_HOME=str(self.home / "cache"),
            XDG_DATA_HOME=str(self.home / "data"),
            XDG_STATE_HOME=str(self.home / "state"),
            PYTHONDONTWRITEBYTECODE="1",
        )
        return env

    def run(self, *args: str, ok: bool = True) -> tuple[str, str]:
        proc = subprocess.run(
            [sys.executable, "-m", "sylcollect", "--data-dir", str(self.data_dir), *args],
            capture_output=True,
            text=True,
            env=self.env(),
            cwd=self.cwd,
            timeout=120,
            stdin=subprocess.DEVNULL,
        )
        assert (proc.returncode == 0) == ok, (args, proc.returncode, proc.stderr)
        if not ok:
            assert proc.returncode == 1 and proc.stderr.startswith("error: "), proc.stderr
            assert "Traceback" not in proc.stderr
        self.outputs.append((args, proc.stdout, proc.stderr))
        return proc.stdout, proc.stderr


def _in_output(canaries: Mapping[str, str | bytes], out: str, err: str) -> list[str]:
    return [label for label, value in canaries.items() if str(value) in out + err]


def test_canaries_given_to_the_cli_stay_out_of_files_and_output(
    tmp_path: Path, started: float, rng: random.Random
) -> None:
    cli = Cli(tmp_path / "data", tmp_path / "home", tmp_path / "cwd", [])
    cli.home.mkdir()
    cli.cwd.mkdir()
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    dob = unique_date(rng)
    c = {
        k: new_canary(k)
        for k in ("name", "answer-feel-more", "answer-anything-else", "bad-answer", "obs-notes")
    }
    identity: dict[str, str | bytes] = {"name": c["name"], **date_texts("date of birth", dob)}
    planted: dict[str, str | bytes] = {**c, **identity}

    cli.run("init", "--demo", "--user", "ann")
    if POSIX:
        assert stat.S_IMODE(cli.data_dir.stat().st_mode) == 0o700
        assert stat.S_IMODE((cli.data_dir / DB_NAME).stat().st_mode) == 0o600
    cli.run(
        "participant", "add", "--site", "durham-house", "--code", "DH-201",
        "--name", c["name"], "--dob", dob.isoformat(),
    )  # fmt: skip
    answers = inputs / "answers.json"
    answers.write_text(
        json.dumps(
            {
                "feel_week": "not_good",
                "feel_more": c["answer-feel-more"],
                "anything_else": c["answer-anything-else"],
            }
        ),
        encoding="utf-8",
    )
    out, _ = cli.run(
        "record", "add", "--form", "yp_checkin", "--participant", "DH-201",
        "--answers", str(answers), "--json",
    )  # fmt: skip
    record_uuid = json.loads(out)["uuid"]
    bad = inputs / "bad-answers.json"
    bad.write_text(json.dumps({"school_days": c["bad-answer"]}), encoding="utf-8")
    cli.run(
        "record", "add", "--form", "yp_checkin", "--participant", "DH-201",
        "--answers", str(bad), ok=False,
    )  # fmt: skip
    cli.run(
        "observation", "add", "--site", "durham-house", "--activity", "art group",
        "--minutes", "30", "--who", "DH-201", "--notes", c["obs-notes"],
    )  # fmt: skip
    cli.run("participant", "show", "DH-201", "--json")
    revealed, _ = cli.run("participant", "show", "DH-201", "--reveal", "--json")

    # Only `--reveal` may print identity, and it does print it (the check above can see).
    shown = json.loads(revealed)["identity"]
    assert shown["name"] == c["name"] and shown["date_of_birth"] == dob.isoformat()
    for args, out, err in cli.outputs:
        allowed = identity if "--reveal" in args else {}
        leaked = [k for k in _in_output(planted, out, err) if k not in allowed]
        assert not leaked, f"`{' '.join(args[:2])}` printed {leaked}"

    # The user supplied the answers files: they are theirs to delete, not the app's.
    answers.unlink()
    bad.unlink()
    roots = [cli.home, cli.cwd, inputs]
    assert_clean(scan_everywhere(planted, [cli.data_dir], started, extra_roots=roots), "(CLI)")

    out, err = cli.run("participant", "withdraw", "DH-201", "--yes")
    assert not _in_output(planted, out, err)
    assert_clean(
        scan_everywhere(planted, [cli.data_dir], started, extra_roots=roots),
        "after a withdrawal (CLI)",
    )
    locked = Workspace.open(cli.data_dir)
    try:
        assert [u.name for u in locked.users()] == ["ann"]
    finally:
        locked.close()
    conn = sqlite3.connect(cli.data_dir / DB_NAME)
    try:
        row = conn.execute("SELECT content_ct FROM record WHERE uuid = ?", (record_uuid,))
        assert row.fetchone() == (None,)
    finally:
        conn.close()


# --- file permissions ---------------------------------------------------------------------


@pytest.mark.skipif(not POSIX, reason="POSIX file modes")
def test_workspace_files_are_private_whatever_the_umask(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir(mode=0o755)  # an existing, too-open folder is tightened
    db = data_dir / DB_NAME
    saved = os.umask(0)  # the app must not rely on the umask
    try:
        with cheap_kdf():
            ws, _ = Workspace.create(data_dir, load_demo_study(), "ann", PASSWORD)
        hold = ws.workspace.engine.connect()  # keeps -wal and -shm in place
        try:
            with ws.transaction() as tx:
                tx.participants.add("DH-301", "durham-house", Role.YOUNG_PERSON)
            backup = migrate.backup_file(db, "perm")
            modes = {
                p.name: stat.S_IMODE(p.stat().st_mode)
                for p in (data_dir, db, Path(f"{db}-wal"), Path(f"{db}-shm"), backup.parent, backup)
            }
        finally:
            hold.close()
            ws.lock()
            ws.workspace.close()
    finally:
        os.umask(saved)
    assert modes == {
        "data": 0o700,
        DB_NAME: 0o600,
        f"{DB_NAME}-wal": 0o600,
        f"{DB_NAME}-shm": 0o600,
        migrate.BACKUP_DIR: 0o700,
        backup.name: 0o600,
    }
    # Reopening (a later session) keeps them private too.
    with cheap_kdf():
        locked = Workspace.open(data_dir)
        ws = locked.unlock("ann", PASSWORD)
    ws.lock()
    locked.close()
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
