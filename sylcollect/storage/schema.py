"""Database tables. Plaintext columns hold only ids, codes, form ids, times, revisions, state.

Everything else (names, dates of birth, answers, scores, notes, consent details, audit
values) is in `*_ct` columns: AES-256-GCM ciphertext bound to table, row, column, revision
and key id (see sylcollect.crypto.aead.FieldAD).
"""

from __future__ import annotations

from sqlalchemy import (
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

SCHEMA_HEAD = "0005"


class Base(DeclarativeBase):
    """Declarative base with a naming convention so migrations name constraints stably."""

    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


class Meta(Base):
    """Workspace facts: device id, study id, audit head. Never personal data."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class KeySlotRow(Base):
    """One wrapping of the workspace master key (a user's password or the recovery key)."""

    __tablename__ = "key_slot"
    slot_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # user | recovery
    user: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))  # fieldworker | supervisor
    salt: Mapped[bytes] = mapped_column(LargeBinary)
    params: Mapped[str] = mapped_column(String(128))  # JSON {t, p, m}
    wrapped: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[str] = mapped_column(String(32))


class UnlockFailure(Base):
    """Failed unlock attempts per user, persisted so the backoff survives a restart."""

    __tablename__ = "unlock_failure"
    user: Mapped[str] = mapped_column(String(64), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
    last_at: Mapped[float] = mapped_column(default=0.0)


class StudyRow(Base):
    """The study definition the workspace was set up from (no personal data)."""

    __tablename__ = "study"
    study_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    definition: Mapped[str] = mapped_column(Text)  # JSON


class FormVersionRow(Base):
    """One version of a form: its XLSForm source, kept so old records keep their labels."""

    __tablename__ = "form_version"
    form_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[str] = mapped_column(String(32), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    filename: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))


class ParticipantKey(Base):
    """A participant's data key, wrapped by a master-key subkey. Deleted on withdrawal."""

    __tablename__ = "participant_key"
    key_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    participant_uuid: Mapped[str] = mapped_column(String(36), unique=True)
    wrapped: Mapped[bytes] = mapped_column(LargeBinary)


class ParticipantRow(Base):
    """A participant: code and site in clear; role, unit and identity encrypted."""

    __tablename__ = "participant"
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    site_id: Mapped[str] = mapped_column(String(64), index=True)
    key_id: Mapped[str] = mapped_column(String(36))
    revision: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[str] = mapped_column(String(32))
    withdrawn_at: Mapped[str | None] = mapped_column(String(32), nullable=True)
    profile_ct: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    identity_ct: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)


class ConsentRow(Base):
    """A consent decision; its details are encrypted under the participant key."""

    __tablename__ = "consent"
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    participant_uuid: Mapped[str] = mapped_column(ForeignKey("participant.uuid"), index=True)
    key_id: Mapped[str] = mapped_column(String(36))
    revision: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[str] = mapped_column(String(32))
    content_ct: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)


class RecordRow(Base):
    """A form filled in once; answers, scores, alerts, wave and mode are encrypted."""

    __tablename__ = "record"
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    form_id: Mapped[str] = mapped_column(String(64))
    form_version: Mapped[str] = mapped_column(String(32))
    subject: Mapped[str] = mapped_column(String(16))
    site_id: Mapped[str] = mapped_column(String(64))
    participant_uuid: Mapped[str | None] = mapped_column(
        ForeignKey("participant.uuid"), nullable=True
    )
    status: Mapped[str] = mapped_column(String(8))
    key_id: Mapped[str] = mapped_column(String(36))
    revision: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[str] = mapped_column(String(32))
    content_ct: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)

    __table_args__ = (
        Index("ix_record_participant", "participant_uuid"),
        Index("ix_record_form", "form_id", "form_version"),
    )


class AttachmentRow(Base):
    """A file of an image/audio/video/file question: name and bytes encrypted under the
    record's key (NULLed on withdrawal); size and media type in clear. Goes with its record."""

    __tablename__ = "attachment"
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    record_uuid: Mapped[str] = mapped_column(
        ForeignKey("record.uuid", ondelete="CASCADE"), index=True
    )
    question: Mapped[str] = mapped_column(String(255))  # the question's path in the form
    key_id: Mapped[str] = mapped_column(String(36), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[str] = mapped_column(String(32))
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(100))
    name_ct: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    content_ct: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)


class ObservationRow(Base):
    """An observed project activity; content encrypted under the workspace data key."""

    __tablename__ = "observation"
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    site_id: Mapped[str] = mapped_column(String(64), index=True)
    key_id: Mapped[str] = mapped_column(String(36))
    revision: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[str] = mapped_column(String(32))
    content_ct: Mapped[bytes] = mapped_column(LargeBinary)


class AuditRow(Base):
    """An append-only, HMAC-chained audit event; its details are encrypted."""

    __tablename__ = "audit_event"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    at: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    entity: Mapped[str] = mapped_column(String(32))
    entity_uuid: Mapped[str | None] = mapped_column(String(36), nullable=True)
    key_id: Mapped[str] = mapped_column(String(36))
    details_ct: Mapped[bytes] = mapped_column(LargeBinary)
    chain: Mapped[str] = mapped_column(String(64))


# --- device sync state (migration 0002) -----------------------------------------------------


class SyncSent(Base):
    """The revision of each participant, consent, record and observation already sent in a
    delivered bundle. An item is waiting while it has no row here or a lower revision; a
    withdrawn participant waits as a tombstone (their data never goes, see sync.outbox)."""

    __tablename__ = "sync_sent"
    entity: Mapped[str] = mapped_column(String(16), primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)


class DeviceKey(Base):
    """This laptop's Ed25519 bundle-signing key: public in clear, private sealed under a
    master-key subkey (see Keyring.seal_device_secret)."""

    __tablename__ = "device_key"
    device_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    private_ct: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[str] = mapped_column(String(32))


class StudyPackageRow(Base):
    """The installed study package: version, trusted signing key (trust on first use), the
    study's HPKE public key bundles are sealed to, and the device revocation list."""

    __tablename__ = "study_package"
    study_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    package_hash: Mapped[str] = mapped_column(String(64))
    signing_public_key: Mapped[bytes] = mapped_column(LargeBinary)
    hpke_public_key: Mapped[bytes] = mapped_column(LargeBinary)
    revoked: Mapped[str] = mapped_column(Text)  # JSON [{"device_id", "revoked_at"}]
    trusted_at: Mapped[str] = mapped_column(String(32))
    installed_at: Mapped[str] = mapped_column(String(32))


class SyncBundle(Base):
    """A bundle this laptop wrote: sequence, hash (the next one's previous hash), and state
    'staged' (durably written, not yet delivered) or 'sent'. `items` lists what it carried
    as ids and revisions only (JSON), so delivery can mark exactly those as sent."""

    __tablename__ = "sync_bundle"
    sequence: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    bundle_id: Mapped[str] = mapped_column(String(128), unique=True)
    file_name: Mapped[str] = mapped_column(String(200))
    bundle_hash: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[str] = mapped_column(String(32))
    sent_at: Mapped[str | None] = mapped_column(String(32), nullable=True)
    target: Mapped[str | None] = mapped_column(Text, nullable=True)
    record_count: Mapped[int] = mapped_column(Integer)
    item_count: Mapped[int] = mapped_column(Integer)
    items: Mapped[str] = mapped_column(Text)


# --- central store (migration 0003): empty on a laptop --------------------------------------


class CentralDevice(Base):
    """A laptop known to the central store: its signing key and status (pending/approved/
    revoked), when it was first and last seen, the highest bundle sequence imported."""

    __tablename__ = "central_device"
    device_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    public_key: Mapped[str] = mapped_column(String(64))  # hex Ed25519
    status: Mapped[str] = mapped_column(String(16))
    fieldworker: Mapped[str] = mapped_column(String(128))  # staff account name
    first_seen: Mapped[str] = mapped_column(String(32))
    last_seen: Mapped[str] = mapped_column(String(32))
    last_sequence: Mapped[int] = mapped_column(Integer)
    status_at: Mapped[str] = mapped_column(String(32))


class CentralImport(Base):
    """The import ledger: one row per imported bundle (its hash, never the bundle)."""

    __tablename__ = "central_import"
    bundle_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    bundle_id: Mapped[str] = mapped_column(String(128), unique=True)
    device_id: Mapped[str] = mapped_column(String(128))
    sequence: Mapped[int] = mapped_column(Integer)
    previous_bundle_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[str] = mapped_column(String(32))
    imported_at: Mapped[str] = mapped_column(String(32))
    record_count: Mapped[int] = mapped_column(Integer)
    counts: Mapped[str] = mapped_column(Text)  # JSON of item counts, no values

    __table_args__ = (
        UniqueConstraint("device_id", "sequence", name="uq_central_import_device_sequence"),
    )


class CentralQuarantine(Base):
    """A bundle from a device not approved yet, kept in HOME/quarantine until approval."""

    __tablename__ = "central_quarantine"
    bundle_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(128), index=True)
    sequence: Mapped[int] = mapped_column(Integer)
    received_at: Mapped[str] = mapped_column(String(32))
    file_name: Mapped[str] = mapped_column(String(200))


class CentralSource(Base):
    """Which device's version (revision, time) of an item the main tables hold."""

    __tablename__ = "central_source"
    entity: Mapped[str] = mapped_column(String(16), primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(128))
    revision: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[str] = mapped_column(String(32))


class CentralConflict(Base):
    """Another device's version of a record (the whole item, sealed): kept, and flagged."""

    __tablename__ = "central_conflict"
    record_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[str] = mapped_column(String(32))
    key_id: Mapped[str] = mapped_column(String(36))
    item_ct: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)


class CentralDecided(Base):
    """Migration 0005: each device's newest version of a record that a supervisor saw when
    resolving its conflict (ids and numbers only). A later bundle's version of that record
    from that device that is no newer was already decided on: it raises no new conflict."""

    __tablename__ = "central_decided"
    record_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[str] = mapped_column(String(32))


class CentralGap(Base):
    """A bundle sequence number missing below a device's highest imported one."""

    __tablename__ = "central_gap"
    device_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    sequence: Mapped[int] = mapped_column(Integer, primary_key=True)


class CentralEvent(Base):
    """A device's audit event; its details sealed under the participant's central key."""

    __tablename__ = "central_event"
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(128))
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    entity: Mapped[str] = mapped_column(String(32))
    entity_uuid: Mapped[str | None] = mapped_column(String(36), nullable=True)
    key_id: Mapped[str] = mapped_column(String(36), index=True)
    details_ct: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
