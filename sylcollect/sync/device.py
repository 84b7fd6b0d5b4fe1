"""This laptop's side of the study: the installed package, its trust, and the device key.

* `setup_from_package` makes a workspace from a `.sylpkg` (trust on first use of the study
  signing key: show `package.signing_fingerprint` so it can be compared with the research
  team's), stores the study, forms, consent templates, public keys and revocation list, and
  generates the device's Ed25519 key pair (private key sealed under a master-key subkey).
* `update_from_package` installs a newer package signed by the trusted key; older or equal
  versions are refused (`PackageRefused('older')`). New form versions go beside old ones;
  the package's consent templates replace the stored ones (none: the built-in set).
* `setup_demo` (for `init --demo`) also makes a study home and an export folder beside the
  data folder, so the demo can sync and be imported end to end.

Thread contract: functions take an UnlockedWorkspace and run their writes in one
transaction each; call them from the workspace's writer thread.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from sylcollect.crypto import signing
from sylcollect.errors import Conflict, NotFound
from sylcollect.services.setup import create_workspace
from sylcollect.services.study_files import demo_study_templates, load_demo_study
from sylcollect.storage.files import ensure_private_dir
from sylcollect.storage.schema import DeviceKey, Meta, StudyPackageRow
from sylcollect.storage.tx import Tx
from sylcollect.storage.workspace import UnlockedWorkspace, store_study, store_templates
from sylcollect.sync import bundle_framing as fr
from sylcollect.sync.package import RevokedDevice, StudyPackage, check_upgrade, read_package
from sylcollect.sync.study_home import MAX_PACKAGE_BYTES, StudyHome

SYNC_TARGET = "sync_target"


@dataclass(frozen=True)
class DeviceIdentity:
    """Who this laptop is to the central store: id and the public half of its signing key."""

    device_id: str
    public_key: bytes

    @property
    def fingerprint(self) -> str:
        return signing.fingerprint(self.public_key)


@dataclass(frozen=True)
class InstalledPackage:
    """The study package this laptop runs: version, trusted keys, revocations. Immutable."""

    study_id: str
    version: int
    package_hash: str
    signing_public_key: bytes
    hpke_public_key: bytes
    revoked: tuple[RevokedDevice, ...]
    trusted_at: str
    installed_at: str

    @property
    def signing_fingerprint(self) -> str:
        return signing.fingerprint(self.signing_public_key)

    def is_revoked(self, device_id: str) -> bool:
        return any(r.device_id == device_id for r in self.revoked)


@dataclass(frozen=True)
class DemoSetup:
    """What `setup_demo` made: the workspace, its recovery key, the study home and folders."""

    workspace: UnlockedWorkspace
    recovery_key: str
    study_home: Path
    study_home_recovery_key: str
    export_dir: Path
    package: StudyPackage


# ---------------------------------------------------------------------------- setup


def read_new_package(path: Path, trusted: bytes | None = None) -> StudyPackage:
    """Reads a package for installation (PackageRefused on any flaw)."""
    return read_package(path, trusted_signing_public=trusted, max_bytes=MAX_PACKAGE_BYTES)


def setup_from_package(
    data_dir: Path, package_path: Path, user: str, password: str
) -> tuple[UnlockedWorkspace, str, StudyPackage]:
    """A new workspace from a study package; returns it, its recovery key and the package."""
    package = read_new_package(package_path)
    ws, recovery = create_workspace(data_dir, package.study, user, password)
    try:
        with ws.transaction() as tx:
            _install(tx, package)
            ensure_device_key(tx)
    except BaseException:
        ws.lock()
        raise
    ws.reload_study()
    return ws, recovery, package


def update_from_package(ws: UnlockedWorkspace, package_path: Path) -> StudyPackage:
    """Installs a newer package of the same study, signed by the trusted key."""
    current = installed_package(ws)
    trusted = current.signing_public_key if current else None
    package = read_new_package(package_path, trusted)
    check_upgrade(
        current.version if current else None,
        package,
        installed_study_id=ws.workspace.study_id(),
    )
    with ws.transaction() as tx:
        _install(tx, package)
        ensure_device_key(tx)
    ws.reload_study()
    return package


def _install(tx: Tx, package: StudyPackage) -> None:
    s = tx.session
    now = tx.now().isoformat()
    old = s.get(StudyPackageRow, package.study_id)
    store_study(s, package.study)
    store_templates(s, package.templates)
    s.merge(
        StudyPackageRow(
            study_id=package.study_id,
            version=package.version,
            package_hash=package.package_hash,
            signing_public_key=package.signing_public_key,
            hpke_public_key=package.hpke_public_key,
            revoked=json.dumps(
                [
                    {"device_id": r.device_id, "revoked_at": fr.format_time(r.revoked_at)}
                    for r in package.revoked
                ]
            ),
            trusted_at=old.trusted_at if old else now,
            installed_at=now,
        )
    )


def installed_package(ws: UnlockedWorkspace) -> InstalledPackage | None:
    """The installed package, or None for a workspace set up from a study definition."""
    with ws.transaction() as tx:
        return package_state(tx)


def package_state(tx: Tx) -> InstalledPackage | None:
    row = tx.session.scalars(select(StudyPackageRow)).first()
    if row is None:
        return None
    return InstalledPackage(
        study_id=row.study_id,
        version=row.version,
        package_hash=row.package_hash,
        signing_public_key=row.signing_public_key,
        hpke_public_key=row.hpke_public_key,
        revoked=tuple(
            RevokedDevice(r["device_id"], fr.parse_time(r["revoked_at"], "revoked at"))
            for r in json.loads(row.revoked)
        ),
        trusted_at=row.trusted_at,
        installed_at=row.installed_at,
    )


# ---------------------------------------------------------------------------- device key


def device_id(tx: Tx) -> str:
    meta = tx.session.get(Meta, "device_id")
    if meta is None:
        raise NotFound("this workspace has no device id")
    return meta.value


def ensure_device_key(tx: Tx) -> DeviceIdentity:
    """The device's identity, generating its signing key pair the first time."""
    dev = device_id(tx)
    row = tx.session.get(DeviceKey, dev)
    if row is None:
        private = signing.generate_private_key()
        row = DeviceKey(
            device_id=dev,
            public_key=signing.public_key(private),
            private_ct=tx.keyring.seal_device_secret(private, dev),
            created_at=tx.now().isoformat(),
        )
        tx.session.add(row)
        tx.session.flush()
    return DeviceIdentity(dev, row.public_key)


def device_signing_key(tx: Tx) -> bytes:
    """The device's private signing key (only for writing a bundle; drop it after)."""
    dev = device_id(tx)
    row = tx.session.get(DeviceKey, dev)
    if row is None:
        raise NotFound("this laptop has no signing key yet")
    private = tx.keyring.open_device_secret(row.private_ct, dev)
    if signing.public_key(private) != row.public_key:
        raise Conflict("this laptop's signing key is damaged")
    return private


def device_identity(ws: UnlockedWorkspace) -> DeviceIdentity:
    with ws.transaction() as tx:
        return ensure_device_key(tx)


# ---------------------------------------------------------------------------- sync target


def remembered_target(tx: Tx) -> str | None:
    meta = tx.session.get(Meta, SYNC_TARGET)
    return meta.value if meta else None


def remember_target(tx: Tx, target: str) -> None:
    tx.session.merge(Meta(key=SYNC_TARGET, value=target))


# ---------------------------------------------------------------------------- demo


def demo_paths(data_dir: Path) -> tuple[Path, Path]:
    """Where `init --demo` puts its study home and export folder: beside the data folder."""
    data_dir = data_dir.resolve()
    return (
        data_dir.parent / f"{data_dir.name}-study-home",
        data_dir.parent / f"{data_dir.name}-export",
    )


def setup_demo(
    data_dir: Path, user: str, password: str, *, at: datetime | None = None
) -> DemoSetup:
    """The demo study with its own study home (same password) and a local export folder."""
    home, export = demo_paths(data_dir)
    if StudyHome.exists(home):
        raise Conflict(f"{home} already holds a study home: remove it or use another folder")
    study_home, _keys, home_recovery = StudyHome.create(
        home, load_demo_study(), password, created_at=at, templates=demo_study_templates()
    )
    ensure_private_dir(export)
    ws, recovery, package = setup_from_package(data_dir, study_home.package_path, user, password)
    with ws.transaction() as tx:
        remember_target(tx, str(export))
    return DemoSetup(ws, recovery, home, home_recovery, export, package)
