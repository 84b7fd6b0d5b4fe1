"""The supervisor's central work, on the supervisor page's own worker thread (no Qt here).

`open_connection` unlocks the study home and the central store with the supervisor's
password (`central_session`) and keeps them open until `close()` (on lock); every other
function takes that connection. They mirror `sylcollect central import|devices|approve|
revoke|conflicts|resolve` and return frozen rows.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sylcollect.errors import InvalidInput
from sylcollect.sync import central
from sylcollect.sync.bundle_errors import BundleRefused
from sylcollect.sync.central import DeviceInfo
from sylcollect.sync.central_resolve import CENTRAL, Resolution, resolve_conflict
from sylcollect.sync.central_session import CentralSession, central_session
from sylcollect.sync.study_home import StudyHome
from ui.models.conflicts import ConflictRow
from ui.models.imports import REFUSED, ImportOutcome


def check_db_url(db: str) -> None:
    """A central database address must not carry a password (it would sit in QSettings)."""
    if db and (urlsplit(db).password or ""):
        raise InvalidInput(
            "leave the password out of the database address: the server's password file "
            "(.pgpass) or the study home password is used"
        )


class CentralConnection:
    """An open central session (study keys and store unlocked). Its worker thread only."""

    def __init__(self, home: Path, db: str | None, password: str) -> None:
        self._stack = contextlib.ExitStack()
        self.session: CentralSession = self._stack.enter_context(
            central_session(home, db or None, password)
        )
        self.home = home
        self.db = db or None
        self.description = self.session.location.describe()
        self.study_id = self.session.package.study_id
        self.study = self.session.package.study  # immutable: the export dialog's filters

    def close(self) -> None:
        self._stack.close()


def open_connection(home: str, db: str, password: str) -> CentralConnection:
    check_db_url(db)
    return CentralConnection(Path(home), db, password)


def bundle_files(paths: list[Path]) -> list[Path]:
    """Files as given, and the `.sylb` files inside folders (sorted), as the CLI does."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.glob("*.sylb") if p.is_file()))
        else:
            out.append(path)
    return out


def _outcome(result: Any) -> ImportOutcome:
    return ImportOutcome(
        result.name,
        result.status,
        result.device_id,
        result.sequence,
        dict(result.counts),
        tuple(result.gaps),
        tuple(result.warnings),
    )


def _refused(name: str, exc: BundleRefused) -> ImportOutcome:
    return ImportOutcome(name, REFUSED, code=exc.code, reason=exc.message)


def import_one(conn: CentralConnection, path: Path) -> ImportOutcome:
    """Imports one bundle; a refusal is an outcome, not an error (the others go on)."""
    try:
        return _outcome(conn.session.importer.import_path(path))
    except BundleRefused as exc:
        return _refused(path.name, exc)
    except FileNotFoundError:
        return ImportOutcome(path.name, REFUSED, code="missing", reason="the file is gone")


def devices(conn: CentralConnection) -> tuple[DeviceInfo, ...]:
    return tuple(central.list_devices(conn.session.store.workspace))


def approve(conn: CentralConnection, device_id: str) -> tuple[ImportOutcome, ...]:
    """Approves the laptop and imports the bundles held for it (in sequence order)."""
    central.set_device_status(conn.session.store.workspace, device_id, central.APPROVED)
    out = []
    for item in conn.session.importer.import_quarantined(device_id):
        if isinstance(item, BundleRefused):
            out.append(_refused(f"{device_id[:8]} (held)", item))
        else:
            out.append(_outcome(item))
    return tuple(out)


def revoke(conn: CentralConnection, device_id: str) -> None:
    """Refuses the laptop's bundles from now on and republishes the study package."""
    home = StudyHome.open(conn.home)
    if not home.current_package().is_revoked(device_id):
        home.revoke(conn.session.keys, device_id)
    central.set_device_status(conn.session.store.workspace, device_id, central.REVOKED)


def conflicts(conn: CentralConnection) -> tuple[ConflictRow, ...]:
    from sylcollect.sync.central_views import conflicts as found

    return tuple(ConflictRow.from_json(c) for c in found(conn.session.store))


@dataclass(frozen=True)
class VersionView:
    """One version of a conflicting record, decrypted for the side-by-side view. Never stored.

    `keep` is what `resolve` takes to keep it: "central" for the version the record holds,
    else the device id of a kept copy."""

    keep: str
    device_id: str
    fieldworker: str | None
    revision: int
    updated_at: str
    item: dict[str, Any] | None  # None: a withdrawal destroyed it

    @property
    def current(self) -> bool:
        return self.keep == CENTRAL


@dataclass(frozen=True)
class ConflictDetail:
    """Every version of one record (the record's own first), for choosing one."""

    record_uuid: str
    form_id: str
    withdrawn: bool
    versions: tuple[VersionView, ...]

    def others(self, chosen: VersionView) -> tuple[VersionView, ...]:
        return tuple(v for v in self.versions if v is not chosen)


def _view(keep: str, v: dict[str, Any]) -> VersionView:
    return VersionView(
        keep, v["device_id"], v["fieldworker"], int(v["revision"]), v["updated_at"], v["item"]
    )


def conflict_detail(conn: CentralConnection, row: ConflictRow) -> ConflictDetail | None:
    """The record's version and each other laptop's, decrypted (None where a withdrawal
    destroyed one); None when the conflict was resolved meanwhile."""
    from sylcollect.sync.central_views import conflict_versions

    found = conflict_versions(conn.session.store, row.record_uuid)
    if found is None:
        return None
    versions = [_view(o["device_id"], o) for o in found["others"]]
    if found["kept"] is not None:
        versions.insert(0, _view(CENTRAL, found["kept"]))
    return ConflictDetail(
        row.record_uuid, found["form_id"] or "", bool(found["withdrawn"]), tuple(versions)
    )


def resolve(conn: CentralConnection, record_uuid: str, keep: str, by: str) -> Resolution:
    """Keeps one version of the record (`sylcollect central resolve`); the others go."""
    return resolve_conflict(conn.session.store, record_uuid, keep, by=by)


# --- signed consent documents ---------------------------------------------------------
FOUND, UNKNOWN, NO_DOCUMENT, WITHDRAWN = "found", "unknown", "no_document", "withdrawn"


def participant_codes(conn: CentralConnection) -> tuple[str, ...]:
    """The codes of the central store's participants who have not withdrawn (pseudonymous;
    read from the plain code column, nothing is decrypted), sorted."""
    with conn.session.store.transaction() as tx:
        return tuple(p.code for p in tx.participants.directory() if not p.withdrawn)


@dataclass(frozen=True)
class ConsentChoice:
    """One of a participant's consents that holds a signed document (what to pick from)."""

    consent_uuid: str
    given_on: str  # ISO date
    who: str  # ConsentWho value
    method: str  # the document's ConsentMethod value


@dataclass(frozen=True)
class SignedConsent:
    """A participant's signed consent document as read from the central store, in memory
    only (never written anywhere by reading it); `status` says what was found. `choices`
    lists every consent of theirs holding a document, newest first (the one shown among
    them)."""

    code: str
    status: str  # FOUND, UNKNOWN, NO_DOCUMENT or WITHDRAWN
    participant_uuid: str = ""
    consent_uuid: str = ""
    given_on: str = ""
    method: str = ""  # the document's ConsentMethod value: "on_screen_signature" | "paper"
    media_type: str = ""
    data: bytes = field(default=b"", repr=False)
    choices: tuple[ConsentChoice, ...] = ()

    @property
    def is_pdf(self) -> bool:
        return self.media_type == "application/pdf"


def signed_consent(
    conn: CentralConnection, typed: str, consent_uuid: str | None = None
) -> SignedConsent:
    """The signed consent document of the participant with code `typed` (exact, or the one
    code that matches it ignoring case): the newest, or the consent named. Reading it is
    audited (`export`); listing the others is not."""
    from sylcollect.errors import NotFound
    from sylcollect.services.econsent import ConsentDocument, signed_consents, signed_document

    store = conn.session.store
    code = typed.strip()
    with store.transaction() as tx:
        people = tx.participants.directory()  # plain columns: nothing decrypted
    found = [p for p in people if p.code == code] or [
        p for p in people if code and p.code.upper() == code.upper()
    ]
    if len(found) != 1:
        return SignedConsent(code, UNKNOWN)
    code, uuid, withdrawn = found[0].code, found[0].uuid, found[0].withdrawn
    if withdrawn:
        return SignedConsent(code, WITHDRAWN, uuid)
    choices = tuple(
        ConsentChoice(c.uuid, c.given_on.isoformat(), c.who.value, d.method.value)
        for c, d in signed_consents(store, code)
    )

    def check(document: ConsentDocument) -> None:
        document.check()  # damaged bytes: an error, and no audit event of an export

    try:
        consent, document = signed_document(store, code, consent_uuid, deliver=check)
    except NotFound:
        return SignedConsent(code, NO_DOCUMENT, uuid)
    return SignedConsent(
        code,
        FOUND,
        uuid,
        consent.uuid,
        consent.given_on.isoformat(),
        document.method.value,
        document.media_type,
        document.data,
        choices,
    )
