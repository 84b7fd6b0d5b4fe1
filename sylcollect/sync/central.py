"""The central store: the supervisor's database of every imported bundle, in the study home.

It is the same storage layer as a laptop's workspace (per-participant data keys, every value
sealed, an audit chain, the master key in key slots under the supervisor's password), kept in
`HOME/central.db` (SQLite) or in a server database named by an SQLAlchemy URL
(`postgresql+psycopg://user@host/db`). `HOME/central.json` remembers which, without any
database password (libpq takes that from PGPASSWORD or ~/.pgpass).

Devices: a laptop's first bundle registers it as `pending` and quarantines the bundle until a
supervisor approves it (`approve_device`); `revoke_device` refuses its bundles from then on.

Thread contract: like a Workspace (a Session per call); writes from one thread.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy import make_url as _make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import Session

from sylcollect.domain.study import Study
from sylcollect.errors import Conflict, InvalidInput, NotFound, StorageError
from sylcollect.storage.files import atomic_write, ensure_private_dir
from sylcollect.storage.schema import (
    CentralDevice,
    CentralGap,
    CentralImport,
    CentralQuarantine,
    FormVersionRow,
    Meta,
    StudyRow,
)
from sylcollect.storage.workspace import UnlockedWorkspace, Workspace, store_templates

CENTRAL_DB = "central.db"
CONFIG_FILE = "central.json"
QUARANTINE_DIR = "quarantine"
CENTRAL_USER = "supervisor"
PACKAGE_VERSION_KEY = "package_version"
PENDING, APPROVED, REVOKED = "pending", "approved", "revoked"


@dataclass(frozen=True)
class Location:
    """Where a central store lives: a SQLite file (`url` None) or a server database."""

    home: Path
    data_dir: Path
    db_name: str
    url: str | None

    def describe(self) -> str:
        if self.url is None:
            return str(self.data_dir / self.db_name)
        return _make_url(self.url).render_as_string(hide_password=True)


def locate(home: Path | str, db: str | None = None) -> Location:
    """The store for HOME: `db` if given, else what `central init` remembered, else SQLite."""
    home = Path(home)
    if db is None:
        config = home / CONFIG_FILE
        if config.is_file():
            try:
                db = json.loads(config.read_text(encoding="utf-8")).get("db")
            except (OSError, ValueError, AttributeError):
                raise StorageError(f"{CONFIG_FILE} in {home} is damaged") from None
    if db is None:
        return Location(home, home, CENTRAL_DB, None)
    try:
        url = _make_url(db)
    except ArgumentError:
        raise InvalidInput(
            "--db must be an SQLAlchemy URL such as postgresql+psycopg://user@host/db"
        ) from None
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            raise InvalidInput("an SQLite central store needs a file path")
        path = Path(url.database).expanduser().absolute()
        return Location(home, path.parent, path.name, None)
    if url.get_backend_name() != "postgresql":
        raise InvalidInput("the central store runs on SQLite or PostgreSQL")
    return Location(home, home, CENTRAL_DB, db)


def _remember(location: Location) -> None:
    if location.url is not None:
        shown: str | None = _make_url(location.url).set(password=None).render_as_string(False)
    elif location.data_dir != location.home or location.db_name != CENTRAL_DB:
        shown = f"sqlite:///{location.data_dir / location.db_name}"
    else:
        shown = None
    atomic_write(location.home / CONFIG_FILE, json.dumps({"db": shown}).encode() + b"\n")


def create_central(
    location: Location,
    study: Study,
    password: str,
    package_version: int,
    *,
    templates: Mapping[str, str] | None = None,
) -> tuple[UnlockedWorkspace, str]:
    """A new, empty central store for the study; returns it unlocked and its recovery key.

    `templates`: the package's consent templates (checked when it was read), for printing.
    """
    ensure_private_dir(location.home)
    if location.url is None and (location.data_dir / location.db_name).exists():
        raise Conflict(f"a central store already exists: {location.describe()}")
    store, recovery = Workspace.create(
        location.data_dir,
        study,
        CENTRAL_USER,
        password,
        role="supervisor",
        db_name=location.db_name,
        url=location.url,
    )
    with store.transaction() as tx:
        tx.session.add(Meta(key="role", value="central"))
        tx.session.add(Meta(key=PACKAGE_VERSION_KEY, value=str(package_version)))
        store_templates(tx.session, templates)
    _remember(location)
    return store, recovery


def open_central(location: Location) -> Workspace:
    """The locked central store (schema upgraded if needed)."""
    if location.url is None and not (location.data_dir / location.db_name).exists():
        raise NotFound(
            f"no central store in {location.home}: make one with 'sylcollect central init'"
        )
    try:
        store = Workspace.open(location.data_dir, db_name=location.db_name, url=location.url)
    except DBAPIError:
        raise StorageError(f"cannot reach the central database {location.describe()}") from None
    with Session(store.engine) as s:
        role = s.get(Meta, "role")
    if role is None or role.value != "central":
        store.close()
        raise InvalidInput(f"{location.describe()} is a laptop workspace, not a central store")
    return store


def unlock_central(store: Workspace, password: str) -> UnlockedWorkspace:
    """Unlocks with the supervisor's password; writes nothing (imports are audited)."""
    return store.unlock(CENTRAL_USER, password, audit=False)


def refresh_study(
    store: UnlockedWorkspace,
    study: Study,
    package_version: int,
    templates: Mapping[str, str] | None = None,
) -> bool:
    """Takes a newer published study (new form versions beside old ones); True if changed.

    `templates`, the published package's consent templates (file name → TOML text, checked
    when the package was read; empty: none, so the built-in set), are stored for printing
    when the package is not older than the store's, so a store made before templates were
    carried takes them on its next session; None leaves the stored ones as they are.
    """
    with store.transaction() as tx:
        s = tx.session
        meta = s.get(Meta, PACKAGE_VERSION_KEY)
        stored = int(meta.value) if meta is not None else None
        if templates is not None and (stored is None or stored <= package_version):
            store_templates(s, templates)
        if stored is not None and stored >= package_version:
            return False
        from sylcollect.domain.study_io import study_to_json

        s.merge(
            StudyRow(
                study_id=study.id,
                version=study.version,
                definition=json.dumps(study_to_json(study)),
            )
        )
        for form in study.forms:
            if s.get(FormVersionRow, (form.id, form.version)) is None:
                import hashlib

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
        s.merge(Meta(key=PACKAGE_VERSION_KEY, value=str(package_version)))
    store._study = None  # re-read on next use
    return True


# --- devices ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DeviceInfo:
    """A laptop as the central store sees it. No personal data."""

    device_id: str
    status: str
    fieldworker: str
    public_key: str
    first_seen: str
    last_seen: str
    last_sequence: int
    imported: int
    gaps: tuple[int, ...]
    quarantined: int

    def to_json(self) -> dict[str, Any]:
        return {
            "device_id": self.device_id,
            "status": self.status,
            "fieldworker": self.fieldworker,
            "public_key": self.public_key,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "last_sequence": self.last_sequence,
            "imported": self.imported,
            "gaps": list(self.gaps),
            "quarantined": self.quarantined,
        }


def list_devices(store: Workspace) -> list[DeviceInfo]:
    with Session(store.engine) as s:
        out = []
        for d in s.scalars(select(CentralDevice).order_by(CentralDevice.device_id)):
            gaps = s.scalars(
                select(CentralGap.sequence)
                .where(CentralGap.device_id == d.device_id)
                .order_by(CentralGap.sequence)
            ).all()
            imported = s.scalar(
                select(func.count())
                .select_from(CentralImport)
                .where(CentralImport.device_id == d.device_id)
            )
            held = s.scalar(
                select(func.count())
                .select_from(CentralQuarantine)
                .where(CentralQuarantine.device_id == d.device_id)
            )
            out.append(
                DeviceInfo(
                    d.device_id,
                    d.status,
                    d.fieldworker,
                    d.public_key,
                    d.first_seen,
                    d.last_seen,
                    d.last_sequence,
                    int(imported or 0),
                    tuple(gaps),
                    int(held or 0),
                )
            )
        return out


def set_device_status(store: Workspace, device_id: str, status: str) -> None:
    """Approves or revokes a known device (NotFound if it never sent a bundle)."""
    now = datetime.now(UTC).isoformat()
    with Session(store.engine) as s, s.begin():
        device = s.get(CentralDevice, device_id)
        if device is None:
            raise NotFound(f"no device {device_id} has sent a bundle here")
        if device.status == REVOKED and status == APPROVED:
            raise Conflict(f"device {device_id} was revoked: it can't be approved again")
        if device.status == status:
            return
        device.status = status
        device.status_at = now


def quarantined(store: Workspace, home: Path, device_id: str) -> list[Path]:
    """The device's quarantined bundle files, in sequence order."""
    folder = home / QUARANTINE_DIR
    with Session(store.engine) as s:
        rows = s.scalars(
            select(CentralQuarantine)
            .where(CentralQuarantine.device_id == device_id)
            .order_by(CentralQuarantine.sequence)
        ).all()
        return [folder / r.file_name for r in rows]


def quarantine_dir(home: Path) -> Path:
    path = ensure_private_dir(home / QUARANTINE_DIR)
    if os.name == "posix":
        os.chmod(path, 0o700)
    return path
