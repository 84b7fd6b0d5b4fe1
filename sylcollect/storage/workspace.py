"""The workspace folder: create, open (migrating), unlock with a key slot, lock.

Thread contract: every method opens its own short Session, never shared across threads, so
the read-only calls (`users`, `wait_seconds`, `study_id`, `scrub_pending`) are safe from any
thread. Writes (`transaction()`, user changes, withdrawal) belong to one writer thread; the
desktop app sends them all through its single worker.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import time
import uuid as uuidlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from sylcollect.crypto import kdf, slots
from sylcollect.domain.audit import AuditAction
from sylcollect.domain.study import Study
from sylcollect.domain.study_io import study_from_json, study_to_json
from sylcollect.errors import (
    BackoffActive,
    Conflict,
    InvalidInput,
    Locked,
    NotFound,
    StorageError,
    SylError,
    WrongPassword,
)
from sylcollect.storage import audit, migrate
from sylcollect.storage.engine import checkpoint_and_vacuum, sqlite_engine, url_engine
from sylcollect.storage.files import create_private_file, ensure_private_dir
from sylcollect.storage.keyring import Keyring
from sylcollect.storage.schema import (
    FormVersionRow,
    KeySlotRow,
    Meta,
    ParticipantKey,
    StudyRow,
    UnlockFailure,
)
from sylcollect.storage.tx import Clock, Tx, utc_now

DB_NAME = "workspace.db"
RECOVERY_USER = "(recovery)"
SCRUB_PENDING = "scrub_pending"
#: Meta row with the study's consent templates (JSON: file name → TOML text), when its
#: package carried them; none: the built-in set. Not personal data, so stored in clear.
STUDY_TEMPLATES = "study_templates"
BACKOFF_CAP_SECONDS = 15 * 60


@dataclass(frozen=True)
class UserInfo:
    """A user of this laptop: name and role (fieldworker or supervisor)."""

    name: str
    role: str


def backoff_delay(failures: int) -> float:
    """Seconds to wait before the next attempt: attempts 4+ wait 2^(n-3) s, capped."""
    next_attempt = failures + 1
    if next_attempt < 4:
        return 0.0
    return float(min(2 ** (next_attempt - 3), BACKOFF_CAP_SECONDS))


def _slot(row: KeySlotRow) -> slots.KeySlot:
    return slots.KeySlot(
        row.slot_id,
        row.kind,
        row.user,
        row.salt,
        kdf.Argon2Params.from_json(json.loads(row.params)),
        row.wrapped,
    )


def _slot_row(slot: slots.KeySlot, role: str, now: str) -> KeySlotRow:
    return KeySlotRow(
        slot_id=slot.slot_id,
        kind=slot.kind,
        user=slot.user,
        role=role,
        salt=slot.salt,
        params=json.dumps(slot.params.to_json()),
        wrapped=slot.wrapped,
        created_at=now,
    )


def _db_errors(action: str) -> contextlib.AbstractContextManager[None]:
    @contextlib.contextmanager
    def wrap() -> Iterator[None]:
        try:
            yield
        except SylError:
            raise
        except IntegrityError:
            raise Conflict(f"could not {action}: it clashes with something already saved") from None
        except DBAPIError as exc:
            text = str(exc.orig) if exc.orig is not None else type(exc).__name__
            if "full" in text:
                text = "the disk is full"
            raise StorageError(f"could not {action}: {text}; nothing was saved") from None
        except OSError as exc:
            raise StorageError(f"could not {action}: {exc.strerror}; nothing was saved") from None

    return wrap()


class Workspace:
    """A locked workspace: lists users, applies the unlock backoff, opens key slots."""

    def __init__(
        self, data_dir: Path, engine: Engine, clock: Clock = utc_now, db_name: str = DB_NAME
    ) -> None:
        self.data_dir = data_dir
        self.db_path = data_dir / db_name
        self.engine = engine
        self.clock = clock

    # --- lifecycle --------------------------------------------------------------------
    @staticmethod
    def exists(data_dir: Path) -> bool:
        return (data_dir / DB_NAME).exists()

    @classmethod
    def open(
        cls,
        data_dir: Path,
        clock: Clock = utc_now,
        *,
        db_name: str = DB_NAME,
        url: str | None = None,
    ) -> Workspace:
        """Opens an existing workspace, upgrading its schema after a backup if needed.

        `url` (a server database such as PostgreSQL, for a central store) replaces the
        SQLite file `data_dir/db_name`; `data_dir` still holds the side files.
        """
        db_path = data_dir / db_name
        if url is None:
            if not db_path.exists():
                raise NotFound(f"no workspace in {data_dir}: set one up with 'sylcollect init'")
            engine = sqlite_engine(db_path)
        else:
            engine = url_engine(url)
            with _db_errors("open the database"):
                if migrate.current_revision(engine) is None:
                    engine.dispose()
                    raise NotFound("that database holds no store yet: create one first")
        with _db_errors("open the workspace"):
            migrate.upgrade(engine, db_path if url is None else None)
        ws = cls(data_dir, engine, clock, db_name)
        if ws.scrub_pending():
            ws.scrub()
        return ws

    @classmethod
    def create(
        cls,
        data_dir: Path,
        study: Study,
        user: str,
        password: str,
        *,
        role: str = "supervisor",
        clock: Clock = utc_now,
        db_name: str = DB_NAME,
        url: str | None = None,
    ) -> tuple[UnlockedWorkspace, str]:
        """Makes a new workspace; returns it unlocked with the recovery key (shown once).

        `url` puts the tables in a server database (see `open`) instead of a file.
        """
        _check_user_name(user)
        ensure_private_dir(data_dir)
        db_path = data_dir / db_name
        if url is None:
            if db_path.exists():
                raise Conflict(f"a workspace already exists in {data_dir}")
            create_private_file(db_path)
            engine = sqlite_engine(db_path)
        else:
            engine = url_engine(url)
            with _db_errors("open the database"):
                if migrate.current_revision(engine) is not None:
                    engine.dispose()
                    raise Conflict("that database already holds a store")
        try:
            with _db_errors("create the workspace"):
                migrate.upgrade(engine, None)
                keys = slots.new_master_with_slots(user, password, RECOVERY_USER)
                master, recovery = keys.master_key, keys.recovery_key
                user_slot, rec_slot = keys.user_slot, keys.recovery_slot
                now = clock().isoformat()
                with Session(engine) as s, s.begin():
                    s.add_all(
                        [_slot_row(user_slot, role, now), _slot_row(rec_slot, "recovery", now)]
                    )
                    s.add_all(
                        [
                            Meta(key="device_id", value=str(uuidlib.uuid4())),
                            Meta(key="study_id", value=study.id),
                            Meta(key="created_at", value=now),
                        ]
                    )
                    _store_study(s, study)
                ws = cls(data_dir, engine, clock, db_name)
                unlocked = UnlockedWorkspace(ws, master, user)
                with unlocked.transaction() as tx:
                    tx.audit(
                        AuditAction.USER_ADDED, "user", None, {"user": user, "role": role}, "ws"
                    )
        except BaseException:
            if url is not None:
                with contextlib.suppress(Exception):
                    migrate.drop_all(engine)
            engine.dispose()
            for suffix in ("", "-wal", "-shm") if url is None else ():
                with contextlib.suppress(OSError):
                    Path(f"{db_path}{suffix}").unlink()
            raise
        return unlocked, recovery

    def close(self) -> None:
        self.engine.dispose()

    def scrub(self) -> bool:
        """Physically removes deleted pages (see UnlockedWorkspace.withdraw); remembers a
        scrub that could not finish so that the next open completes it."""
        with _db_errors("clean up the workspace file"):
            done = checkpoint_and_vacuum(self.engine)
            with Session(self.engine) as s, s.begin():
                if done:
                    pending = s.get(Meta, SCRUB_PENDING)
                    if pending is not None:
                        s.delete(pending)
                else:
                    s.merge(Meta(key=SCRUB_PENDING, value="1"))
            if done:
                done = checkpoint_and_vacuum(self.engine)
        backups = self.data_dir / migrate.BACKUP_DIR
        if backups.is_dir():
            for old in backups.glob("*.db"):
                old.unlink()
        return done

    def scrub_pending(self) -> bool:
        with Session(self.engine) as s:
            return s.get(Meta, SCRUB_PENDING) is not None

    # --- users and backoff ------------------------------------------------------------
    def users(self) -> list[UserInfo]:
        with Session(self.engine) as s:
            rows = s.scalars(
                select(KeySlotRow).where(KeySlotRow.kind == "user").order_by(KeySlotRow.user)
            )
            return [UserInfo(r.user, r.role) for r in rows]

    def study_id(self) -> str:
        with Session(self.engine) as s:
            meta = s.get(Meta, "study_id")
            return meta.value if meta else ""

    def study_template_files(self) -> dict[str, str] | None:
        """The study's consent templates (file name → TOML text), or None: the built-in set."""
        with Session(self.engine) as s:
            meta = s.get(Meta, STUDY_TEMPLATES)
        if meta is None:
            return None
        try:
            files = json.loads(meta.value)
        except ValueError:
            raise StorageError("the study's stored consent templates are damaged") from None
        if not isinstance(files, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in files.items()
        ):
            raise StorageError("the study's stored consent templates are damaged")
        return files

    def wait_seconds(self, user: str) -> float:
        """How long until `user` may try again (0 when they may try now)."""
        with Session(self.engine) as s:
            row = s.get(UnlockFailure, user)
            if row is None:
                return 0.0
            left = row.last_at + backoff_delay(row.count) - time.time()
            return max(0.0, left)

    def _record_failure(self, user: str) -> None:
        with Session(self.engine) as s, s.begin():
            row = s.get(UnlockFailure, user) or UnlockFailure(user=user, count=0, last_at=0.0)
            row.count += 1
            row.last_at = time.time()
            s.merge(row)

    def _clear_failures(self, user: str) -> None:
        with Session(self.engine) as s, s.begin():
            row = s.get(UnlockFailure, user)
            if row is not None:
                s.delete(row)

    def unlock(self, user: str, password: str, *, audit: bool = True) -> UnlockedWorkspace:
        """Opens the user's key slot; wrong passwords count towards the backoff.

        `audit=False` (the central store, which audits each import instead) writes nothing
        on success, so a refused bundle leaves the database byte-for-byte unchanged.
        """
        wait = self.wait_seconds(user)
        if wait > 0:
            raise BackoffActive(wait)
        with Session(self.engine) as s:
            row = s.scalar(
                select(KeySlotRow).where(KeySlotRow.user == user, KeySlotRow.kind == "user")
            )
            slot = _slot(row) if row else None
        if slot is None:
            self._record_failure(user)
            raise WrongPassword("that user name and password don't match")
        try:
            master = slots.open_slot(slot, slots.normalise_password(password))
        except WrongPassword:
            self._record_failure(user)
            raise WrongPassword("that user name and password don't match") from None
        self._clear_failures(user)
        unlocked = UnlockedWorkspace(self, master, user)
        if audit:
            with unlocked.transaction() as tx:
                tx.audit(AuditAction.UNLOCK, "user", None, {"user": user}, "ws")
        return unlocked

    def unlock_with_recovery(self, recovery_key: str) -> UnlockedWorkspace:
        """Opens the recovery slot; the caller then sets a new password for a user."""
        secret = slots.parse_recovery_key(recovery_key)
        wait = self.wait_seconds(RECOVERY_USER)
        if wait > 0:
            raise BackoffActive(wait)
        with Session(self.engine) as s:
            row = s.scalar(select(KeySlotRow).where(KeySlotRow.kind == "recovery"))
            if row is None:
                raise NotFound("this workspace has no recovery key")
            slot = _slot(row)
        try:
            master = slots.open_slot(slot, secret)
        except WrongPassword:
            self._record_failure(RECOVERY_USER)
            raise WrongPassword("that recovery key does not open this workspace") from None
        self._clear_failures(RECOVERY_USER)
        unlocked = UnlockedWorkspace(self, master, RECOVERY_USER)
        with unlocked.transaction() as tx:
            tx.audit(AuditAction.RECOVERY_USED, "user", None, {}, "ws")
        return unlocked


def _check_user_name(user: str) -> None:
    if not user or len(user) > 64 or user != user.strip() or user.startswith("("):
        raise InvalidInput("a user name needs 1-64 characters, without spaces at either end")


def store_study(s: Session, study: Study) -> None:
    """Saves the study definition; new form versions are added beside the old ones."""
    _store_study(s, study)


def store_templates(s: Session, templates: Mapping[str, str] | None) -> None:
    """Saves the study's consent templates (file name → TOML text, checked by the caller)
    beside its definition; None or empty removes them, so the built-in set is used."""
    if templates:
        value = json.dumps(dict(sorted(templates.items())), ensure_ascii=False)
        s.merge(Meta(key=STUDY_TEMPLATES, value=value))
        return
    row = s.get(Meta, STUDY_TEMPLATES)
    if row is not None:
        s.delete(row)


def _store_study(s: Session, study: Study) -> None:
    s.merge(
        StudyRow(
            study_id=study.id, version=study.version, definition=json.dumps(study_to_json(study))
        )
    )
    for form in study.forms:
        if s.get(FormVersionRow, (form.id, form.version)) is None:
            s.add(
                FormVersionRow(
                    form_id=form.id,
                    version=form.version,
                    title=form.title,
                    filename=form.filename,
                    subject=form.subject,
                    source=form.source,
                    sha256=hashlib.sha256(form.source.encode()).hexdigest(),
                )
            )


class UnlockedWorkspace:
    """An open workspace holding the master key until `lock()`; hands out transactions."""

    def __init__(self, workspace: Workspace, master_key: bytes, actor: str) -> None:
        self.workspace = workspace
        self.actor = actor
        self._keyring: Keyring | None = Keyring(master_key, self._load_wrapped)
        self._study: Study | None = None

    def _load_wrapped(self, key_id: str) -> tuple[str, bytes] | None:
        with Session(self.workspace.engine) as s:
            row = s.get(ParticipantKey, key_id)
            return (row.participant_uuid, row.wrapped) if row else None

    @property
    def keyring(self) -> Keyring:
        if self._keyring is None:
            raise Locked("the workspace is locked: unlock it first")
        return self._keyring

    @property
    def locked(self) -> bool:
        return self._keyring is None

    def lock(self) -> None:
        """Zeroes and drops every key; the object is useless until unlocked again."""
        if self._keyring is not None:
            self._keyring.wipe()
        self._keyring = None
        self._study = None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Tx]:
        """One unit of work: committed if the block succeeds, rolled back otherwise."""
        keyring = self.keyring
        with (
            _db_errors("save"),
            Session(self.workspace.engine, expire_on_commit=False) as s,
            s.begin(),
        ):
            yield Tx(s, keyring, self.actor, self.workspace.clock)

    # --- study ------------------------------------------------------------------------
    def reload_study(self) -> None:
        """Forgets the cached study so the next `study` read sees an installed update."""
        self._study = None

    @property
    def study(self) -> Study:
        if self._study is None:
            with Session(self.workspace.engine) as s:
                row = s.scalars(select(StudyRow)).one()
                study = study_from_json(json.loads(row.definition))
                sources = {(f.form_id, f.version): f for f in s.scalars(select(FormVersionRow))}
            from dataclasses import replace

            forms = tuple(
                replace(f, source=sources[(f.id, f.version)].source)
                if (f.id, f.version) in sources
                else f
                for f in study.forms
            )
            self._study = replace(study, forms=forms)
        return self._study

    def form_versions(self, form_id: str) -> list[FormVersionRow]:
        with Session(self.workspace.engine, expire_on_commit=False) as s:
            return list(s.scalars(select(FormVersionRow).where(FormVersionRow.form_id == form_id)))

    def form_source(self, form_id: str, version: str) -> str:
        with Session(self.workspace.engine) as s:
            row = s.get(FormVersionRow, (form_id, version))
            if row is None:
                raise NotFound(f"form {form_id} version {version} is not in this workspace")
            return row.source

    def device_id(self) -> str:
        """This laptop's device id (made with the workspace; the `deviceid` of its records)."""
        with Session(self.workspace.engine) as s:
            meta = s.get(Meta, "device_id")
            return meta.value if meta else ""

    # --- users ------------------------------------------------------------------------
    def add_user(self, user: str, password: str, role: str = "fieldworker") -> None:
        _check_user_name(user)
        slot = slots.make_slot(
            str(uuidlib.uuid4()),
            "user",
            user,
            slots.normalise_password(password),
            self.keyring.master_key(),
        )
        with self.transaction() as tx:
            if tx.session.scalar(select(KeySlotRow).where(KeySlotRow.user == user)):
                raise Conflict(f"there is already a user called {user}")
            tx.session.add(_slot_row(slot, role, tx.now().isoformat()))
            tx.audit(AuditAction.USER_ADDED, "user", None, {"user": user, "role": role}, "ws")

    def remove_user(self, user: str) -> None:
        with self.transaction() as tx:
            row = tx.session.scalar(
                select(KeySlotRow).where(KeySlotRow.user == user, KeySlotRow.kind == "user")
            )
            if row is None:
                raise NotFound(f"no user called {user}")
            others = tx.session.scalars(
                select(KeySlotRow).where(KeySlotRow.kind == "user", KeySlotRow.user != user)
            ).all()
            if not others:
                raise Conflict("the last user can't be removed")
            tx.session.delete(row)
            tx.audit(AuditAction.USER_REMOVED, "user", None, {"user": user}, "ws")

    def set_password(self, user: str, new_password: str) -> None:
        """Rewraps only `user`'s slot under a new password; no data is re-encrypted."""
        new = slots.make_slot(
            str(uuidlib.uuid4()),
            "user",
            user,
            slots.normalise_password(new_password),
            self.keyring.master_key(),
        )
        with self.transaction() as tx:
            row = tx.session.scalar(
                select(KeySlotRow).where(KeySlotRow.user == user, KeySlotRow.kind == "user")
            )
            if row is None:
                raise NotFound(f"no user called {user}")
            role = row.role
            tx.session.delete(row)
            tx.session.flush()
            tx.session.add(_slot_row(new, role, tx.now().isoformat()))
            failures = tx.session.get(UnlockFailure, user)
            if failures is not None:  # a new password (e.g. after recovery) starts afresh
                tx.session.delete(failures)
            tx.audit(AuditAction.PASSWORD_CHANGED, "user", None, {"user": user}, "ws")

    def user_role(self) -> str:
        with Session(self.workspace.engine) as s:
            row = s.scalar(select(KeySlotRow).where(KeySlotRow.user == self.actor))
            return row.role if row else "recovery"

    # --- audit and withdrawal ---------------------------------------------------------
    def verify_audit(self) -> audit.VerifyResult:
        with Session(self.workspace.engine) as s:
            return audit.verify(s, self.keyring.audit_key())

    def withdraw(self, code: str) -> bool:
        """Crypto-shreds a participant, then scrubs the WAL, free pages and backups.

        Returns False when the scrub had to wait for another reader; it is then retried on
        the next open (the key is already deleted logically and can't be read through us).
        """
        with self.transaction() as tx:
            tx.participants.withdraw(code)
        return self.scrub()

    def scrub(self) -> bool:
        """Checkpoints and vacuums so deleted key material leaves the file, WAL and backups."""
        return self.workspace.scrub()
