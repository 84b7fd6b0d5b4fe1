"""Helpers for the central import tests: a study home, fake devices writing real bundles with
records validated by the demo forms, and a hash of a database's whole content."""

from __future__ import annotations

import hashlib
import os
import shutil
import uuid as uuidlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, MetaData, create_engine, select, text

from sylcollect.crypto import signing
from sylcollect.domain.consent import Consent, ConsentMethod, ConsentScope, ConsentWho
from sylcollect.domain.participant import Identity
from sylcollect.domain.study import Study
from sylcollect.storage.workspace import UnlockedWorkspace, Workspace
from sylcollect.sync.bundle import write_bundle
from sylcollect.sync.bundle_header import BundleHeader
from sylcollect.sync.central import create_central, locate, open_central, unlock_central
from sylcollect.sync.importer import Importer
from sylcollect.sync.payload import (
    ConsentItem,
    Item,
    MetaItem,
    ParticipantItem,
    RecordItem,
    TombstoneItem,
    encode_payload,
)
from sylcollect.sync.study_home import StudyHome, StudyKeys

PASSWORD = "correct horse battery staple"
PG_URL = os.environ.get("SYLCOLLECT_TEST_PG_URL")
needs_pg = pytest.mark.skipif(
    not PG_URL,
    reason="SYLCOLLECT_TEST_PG_URL is not set (.ci/run starts PostgreSQL and sets it)",
)
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def checkin(feel: str = "good") -> dict[str, Any]:
    return {"feel_week": feel, "sleep": "well", "school_now": "no"}


@dataclass
class Device:
    """A fake laptop: its key, id and bundle chain; writes bundles of the given items."""

    study_id: str
    study_public: bytes
    device_id: str = field(default_factory=lambda: str(uuidlib.uuid4()))
    key: bytes = field(default_factory=signing.generate_private_key)
    sequence: int = 0
    previous: str | None = None
    fieldworker: str = "fieldworker-ann"

    def bundle(self, folder: Path, items: list[Item], **header: Any) -> Path:
        self.sequence += 1
        sequence = header.pop("sequence", self.sequence)
        meta = MetaItem(self.study_id, 1, self.device_id, sequence, T0.isoformat())
        records = sum(1 for i in items if isinstance(i, RecordItem))
        fields: dict[str, Any] = {
            "study_id": self.study_id,
            "device_id": self.device_id,
            "device_public_key": signing.public_key(self.key),
            "fieldworker": self.fieldworker,
            "sequence": sequence,
            "previous_bundle_hash": self.previous,
            "record_count": records,
            "bundle_id": str(uuidlib.uuid4()),
            "created_at": T0 + timedelta(minutes=sequence),
            **header,
        }
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.device_id[:8]}-{sequence:05d}.sylb"
        self.previous = write_bundle(
            path,
            BundleHeader(**fields),
            encode_payload([meta, *items]),
            self.study_public,
            self.key,
        )
        return path


def participant(code: str, site: str = "durham-house", **changes: Any) -> ParticipantItem:
    item = ParticipantItem(
        uuid=str(uuidlib.uuid4()),
        code=code,
        site_id=site,
        revision=1,
        created_at=T0.isoformat(),
        updated_at=T0.isoformat(),
        role="young_person",
        unit_id=None,
        identity=Identity(name=f"Fake {code}", date_of_birth=date(2009, 5, 1)).to_json(),
    )
    return replace(item, **changes)


def consent(person: ParticipantItem) -> ConsentItem:
    c = Consent(
        "",
        person.uuid,
        ConsentWho.SELF,
        frozenset({ConsentScope.TAKING_PART}),
        "info-v1",
        ConsentMethod.PAPER,
        date(2026, 2, 1),
        taken_by="ann",
        notes=f"notes for {person.code}",
    )
    return ConsentItem(
        str(uuidlib.uuid4()), person.uuid, 1, T0.isoformat(), T0.isoformat(), c.to_json()
    )


def record(
    person: ParticipantItem | None,
    answers: dict[str, Any] | None = None,
    *,
    uuid: str | None = None,
    revision: int = 1,
    minutes: int = 0,
    site: str = "safe-steps",
) -> RecordItem:
    at = (T0 + timedelta(minutes=minutes)).isoformat()
    if person is None:
        return RecordItem(
            uuid or str(uuidlib.uuid4()),
            "site_indicators",
            "1",
            "site",
            site,
            None,
            "final",
            revision,
            at,
            at,
            _content(site_answers(**(answers or {}))),
        )
    return RecordItem(
        uuid or str(uuidlib.uuid4()),
        "yp_checkin",
        "1",
        "participant",
        person.site_id,
        person.uuid,
        "final",
        revision,
        at,
        at,
        _content(answers or checkin(), {"wellbeing": {"score": 3, "band": None}}),
    )


def site_answers(**changes: Any) -> dict[str, Any]:
    return {
        "month": "2026-02-01",
        "incidents": 1,
        "missing_episodes": 0,
        "restraints": 0,
        "staff_absence_days": 2,
        "staff_leavers": 0,
        "staff_joiners": 1,
        "notes": "site fake notes",
        **changes,
    }


def _content(answers: dict[str, Any], scores: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "wave_id": "baseline",
        "mode": "interviewer",
        "answers": answers,
        "scores": scores or {},
        "alerts": [],
        "collected_by": "ann",
        "started_at": T0.isoformat(),
    }


def tombstone(person: ParticipantItem) -> TombstoneItem:
    return TombstoneItem(person.uuid, person.code, (T0 + timedelta(days=1)).isoformat())


@dataclass
class Central:
    """A study home with its central store, unlocked, and an importer."""

    home: Path
    keys: StudyKeys
    study_home: StudyHome
    store: UnlockedWorkspace
    importer: Importer
    url: str | None

    def device(self) -> Device:
        return Device(self.keys.study_id, self.keys.hpke_public_key)

    def refresh(self) -> None:
        """Re-reads the package (after a revocation) into a new importer."""
        self.importer = Importer(
            self.store,
            self.study_home.current_package(),
            self.keys.hpke_private_key,
            home=self.home,
        )

    def import_copy(self, path: Path) -> Any:
        """Imports a copy of `path` (the importer deletes what it imports)."""
        copy = path.with_name(f"copy-{uuidlib.uuid4().hex[:6]}-{path.name}")
        shutil.copyfile(path, copy)
        return self.importer.import_path(copy)

    def approve(self, device: Device) -> None:
        from sylcollect.sync.central import APPROVED, set_device_status

        self.register(device)
        set_device_status(self.store.workspace, device.device_id, APPROVED)

    def register(self, device: Device) -> None:
        """Registers the device as pending, as its first quarantined bundle would."""
        from sylcollect.storage.schema import CentralDevice

        now = T0.isoformat()
        with self.store.transaction() as tx:
            if tx.session.get(CentralDevice, device.device_id) is None:
                tx.session.add(
                    CentralDevice(
                        device_id=device.device_id,
                        public_key=signing.public_key(device.key).hex(),
                        status="pending",
                        fieldworker=device.fieldworker,
                        first_seen=now,
                        last_seen=now,
                        last_sequence=0,
                        status_at=now,
                    )
                )


def make_central(home: Path, study: Study, url: str | None = None) -> Central:
    study_home, keys, _ = StudyHome.create(home, study, PASSWORD)
    return _central(home, study_home, keys, url)


def sibling(central: Central, db_file: Path) -> Central:
    """Another central store (its own SQLite file) for the same study home and keys."""
    return _central(central.home, central.study_home, central.keys, f"sqlite:///{db_file}")


def _central(home: Path, study_home: StudyHome, keys: StudyKeys, url: str | None) -> Central:
    package = study_home.current_package()
    store, _ = create_central(locate(home, url), package.study, PASSWORD, package.version)
    importer = Importer(store, package, keys.hpke_private_key, home=home)
    return Central(home, keys, study_home, store, importer, url)


def reopen(central: Central) -> Central:
    """The same central store opened afresh (as a new process would)."""
    central.store.lock()
    central.store.workspace.close()
    store = unlock_central(open_central(locate(central.home, central.url)), PASSWORD)
    central.store = store
    central.refresh()
    return central


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database for one test (dropped afterwards)."""
    assert PG_URL
    name = f"syl_{uuidlib.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    base = PG_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :n AND pid <> pg_backend_pid()"
                ),
                {"n": name},
            )
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


_REFLECTED: dict[int, MetaData] = {}


def content_hash(engine: Engine) -> str:
    """SHA-256 over every row of every table, in a stable order (the database's content)."""
    meta = _REFLECTED.get(id(engine))
    if meta is None:
        meta = _REFLECTED[id(engine)] = MetaData()
        meta.reflect(engine)
    digest = hashlib.sha256()
    with engine.connect() as conn:
        for table in sorted(meta.tables.values(), key=lambda t: t.name):
            rows = conn.execute(select(table)).all()
            digest.update(table.name.encode())
            for row in sorted(repr(tuple(r)) for r in rows):
                digest.update(row.encode())
    return digest.hexdigest()


def open_workspace(path: Path) -> Workspace:
    return Workspace.open(path)


@dataclass
class LaptopAndCentral:
    """A real laptop workspace set up from a study package (DH-901 enrolled), the study's
    central store, the laptop approved there, and an empty export folder."""

    ws: UnlockedWorkspace
    central: Central
    export: Path

    def close(self) -> None:
        if not self.ws.locked:
            self.ws.lock()
        self.ws.workspace.close()


def laptop_and_central(tmp_path: Path, study: Study) -> LaptopAndCentral:
    from sylcollect.domain.study import Role
    from sylcollect.storage.schema import CentralDevice
    from sylcollect.sync import device
    from sylcollect.sync.central import APPROVED, set_device_status

    home_dir = tmp_path / "home"
    home, keys, _ = StudyHome.create(home_dir, study, PASSWORD)
    ws, _, _ = device.setup_from_package(tmp_path / "data", home.package_path, "ann", PASSWORD)
    central = _central(home_dir, home, keys, None)
    with ws.transaction() as tx:
        tx.participants.add("DH-901", "durham-house", Role.YOUNG_PERSON)
        ident = device.ensure_device_key(tx)
    central.register(Device(keys.study_id, keys.hpke_public_key, device_id=ident.device_id))
    with central.store.transaction() as ctx:
        row = ctx.session.get(CentralDevice, ident.device_id)
        assert row is not None
        row.public_key = ident.public_key.hex()  # the laptop's real signing key
    set_device_status(central.store.workspace, ident.device_id, APPROVED)
    (tmp_path / "export").mkdir()
    return LaptopAndCentral(ws, central, tmp_path / "export")
