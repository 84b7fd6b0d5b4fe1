"""The supervisor's study home: the study's private keys (sealed) and its published package.

Layout of a study home folder (0700):

    HOME/study-keys.json   the study key pair for bundles (HPKE MLKEM768_X25519) and for
                           signing packages (Ed25519); the private keys are sealed under a
                           random master key that is wrapped in key slots exactly like a
                           workspace's (one for the supervisor's password, one for a printed
                           recovery key; Argon2id, AES-256-GCM). File mode 0600.
    HOME/study.sylpkg      the current signed study package (what laptops install); it is
                           also the home's record of the study, its version and revocations.

Other files in HOME (the central store) belong to `sylcollect.sync.central*`.

API for the central side:

    keys = StudyHome.open(home).unlock(password)   # StudyKeys
    keys.hpke_private_key                          # opens bundles (iter_payload)
    keys.signing_private_key                       # signs packages and receipts

Thread contract: a StudyHome is a snapshot of the key file read by `open`; use one per
thread. StudyKeys is immutable.
"""

from __future__ import annotations

import hashlib
import json
import uuid as uuidlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sylcollect.crypto import aead, hpke, kdf, signing, slots
from sylcollect.domain.passwords import check_password
from sylcollect.domain.study import Study
from sylcollect.errors import Conflict, IntegrityFailure, InvalidInput, NotFound, WrongPassword
from sylcollect.services.consent_templates import TemplateError, load_templates_from
from sylcollect.storage.files import atomic_write, ensure_private_dir
from sylcollect.sync import bundle_framing as fr
from sylcollect.sync.bundle_errors import PackageRefused
from sylcollect.sync.package import RevokedDevice, StudyPackage, read_package, write_package

KEYS_FILE = "study-keys.json"
PACKAGE_FILE = "study.sylpkg"
KEYS_FORMAT = 1
SUPERVISOR = "supervisor"
RECOVERY = "(recovery)"
MAX_PACKAGE_BYTES = 64 * 1024 * 1024
_LABEL = "sylcollect/v1/study-keys"


@dataclass(frozen=True)
class StudyKeys:
    """The study's unlocked key pairs (raw bytes). Keep them off laptops; drop after use."""

    study_id: str
    hpke_public_key: bytes
    signing_public_key: bytes
    hpke_private_key: bytes = field(repr=False)
    signing_private_key: bytes = field(repr=False)

    @property
    def signing_fingerprint(self) -> str:
        return signing.fingerprint(self.signing_public_key)


def _keys_ad(study_id: str, hpke_public: bytes, signing_public: bytes) -> bytes:
    return (
        f"sylcollect/study-keys/v{KEYS_FORMAT}\x00{study_id}\x00".encode()
        + hashlib.sha256(hpke_public).digest()
        + signing_public
    )


def _slot_json(slot: slots.KeySlot) -> dict[str, Any]:
    return {
        "slot_id": slot.slot_id,
        "kind": slot.kind,
        "user": slot.user,
        "salt": slot.salt.hex(),
        "params": slot.params.to_json(),
        "wrapped": slot.wrapped.hex(),
    }


def _slot_from(data: dict[str, Any]) -> slots.KeySlot:
    return slots.KeySlot(
        str(data["slot_id"]),
        str(data["kind"]),
        str(data["user"]),
        bytes.fromhex(data["salt"]),
        kdf.Argon2Params.from_json(data["params"]),
        bytes.fromhex(data["wrapped"]),
    )


class StudyHome:
    """A study home folder whose key file was read; `unlock` gives the study keys."""

    def __init__(self, home: Path, data: dict[str, Any]) -> None:
        self.home = home
        self._data = data
        try:
            self.study_id: str = fr.check_id(data["study_id"], "study id")
            self.hpke_public_key = bytes.fromhex(data["hpke_public_key"])
            self.signing_public_key = bytes.fromhex(data["signing_public_key"])
            self._slots = [_slot_from(s) for s in data["slots"]]
            self._sealed = bytes.fromhex(data["keys"])
        except (KeyError, TypeError, ValueError, InvalidInput):
            raise IntegrityFailure(f"{KEYS_FILE} in {home} is damaged") from None

    # --- lifecycle --------------------------------------------------------------------
    @staticmethod
    def exists(home: Path) -> bool:
        return (home / KEYS_FILE).is_file()

    @property
    def package_path(self) -> Path:
        return self.home / PACKAGE_FILE

    @classmethod
    def open(cls, home: Path | str) -> StudyHome:
        home = Path(home)
        path = home / KEYS_FILE
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise NotFound(
                f"no study home in {home}: make one with 'sylcollect study create'"
            ) from None
        except OSError as exc:
            raise IntegrityFailure(f"cannot read {path}: {exc.strerror}") from None
        try:
            data = json.loads(text)
        except ValueError:
            raise IntegrityFailure(f"{KEYS_FILE} in {home} is damaged") from None
        if not isinstance(data, dict) or data.get("format") != KEYS_FORMAT:
            raise IntegrityFailure(f"{KEYS_FILE} in {home} is damaged or of an unknown format")
        return cls(home, data)

    @classmethod
    def create(
        cls,
        home: Path | str,
        study: Study,
        password: str,
        *,
        created_at: datetime | None = None,
        templates: Mapping[str, str] | None = None,
    ) -> tuple[StudyHome, StudyKeys, str]:
        """New study keys sealed in HOME, and HOME/study.sylpkg at the study's version.

        `templates` (the study's consent templates, file name → TOML text) go into the
        package; they are checked before anything is made. Returns the home, the unlocked
        keys and the recovery key (show it once).
        """
        home = Path(home)
        check_password(password)
        fr.check_id(study.id, "study id")
        if templates:
            _check_templates(templates)
        if cls.exists(home) or (home / PACKAGE_FILE).exists():
            raise Conflict(f"{home} already holds a study home")
        ensure_private_dir(home)
        hpke_private = hpke.generate_private_key()
        signing_private = signing.generate_private_key()
        keys = StudyKeys(
            study_id=study.id,
            hpke_public_key=hpke.public_key(hpke_private),
            signing_public_key=signing.public_key(signing_private),
            hpke_private_key=hpke_private,
            signing_private_key=signing_private,
        )
        new = slots.new_master_with_slots(SUPERVISOR, password, RECOVERY)
        master, recovery = new.master_key, new.recovery_key
        user_slot, rec_slot = new.user_slot, new.recovery_slot
        secret = json.dumps(
            {"hpke_private_key": hpke_private.hex(), "signing_private_key": signing_private.hex()}
        ).encode()
        sealed = aead.seal(
            aead.subkey(master, _LABEL),
            secret,
            _keys_ad(study.id, keys.hpke_public_key, keys.signing_public_key),
        )
        data = {
            "format": KEYS_FORMAT,
            "study_id": study.id,
            "hpke_public_key": keys.hpke_public_key.hex(),
            "signing_public_key": keys.signing_public_key.hex(),
            "slots": [_slot_json(user_slot), _slot_json(rec_slot)],
            "keys": sealed.hex(),
            "created_at": (created_at or datetime.now(UTC)).isoformat(),
        }
        atomic_write(home / KEYS_FILE, json.dumps(data, indent=2).encode() + b"\n")
        made = cls(home, data)
        write_package(
            made.package_path,
            replace(study, version=max(1, study.version)),
            max(1, study.version),
            keys.hpke_public_key,
            signing_private,
            [],
            created_at=created_at,
            templates=templates,
        )
        return made, keys, recovery

    # --- unlocking --------------------------------------------------------------------
    def unlock(self, password: str) -> StudyKeys:
        """The study keys, or WrongPassword."""
        slot = next((s for s in self._slots if s.kind == "user"), None)
        if slot is None:
            raise IntegrityFailure(f"{KEYS_FILE} has no password slot")
        try:
            master = slots.open_slot(slot, slots.normalise_password(password))
        except WrongPassword:
            raise WrongPassword("that password does not open the study keys") from None
        return self._open(master)

    def unlock_with_recovery(self, recovery_key: str) -> StudyKeys:
        slot = next((s for s in self._slots if s.kind == "recovery"), None)
        if slot is None:
            raise NotFound("this study home has no recovery key")
        try:
            master = slots.open_slot(slot, slots.parse_recovery_key(recovery_key))
        except WrongPassword:
            raise WrongPassword("that recovery key does not open the study keys") from None
        return self._open(master)

    def _open(self, master: bytes) -> StudyKeys:
        ad = _keys_ad(self.study_id, self.hpke_public_key, self.signing_public_key)
        secret = json.loads(aead.open_sealed(aead.subkey(master, _LABEL), self._sealed, ad))
        keys = StudyKeys(
            study_id=self.study_id,
            hpke_public_key=self.hpke_public_key,
            signing_public_key=self.signing_public_key,
            hpke_private_key=bytes.fromhex(secret["hpke_private_key"]),
            signing_private_key=bytes.fromhex(secret["signing_private_key"]),
        )
        if (
            hpke.public_key(keys.hpke_private_key) != keys.hpke_public_key
            or signing.public_key(keys.signing_private_key) != keys.signing_public_key
        ):
            raise IntegrityFailure(f"{KEYS_FILE}: the private and public keys do not match")
        return keys

    def change_password(self, old_password: str, new_password: str) -> StudyHome:
        """Rewraps the password slot (keys and packages stay); returns the re-read home."""
        check_password(new_password)
        slot = next(s for s in self._slots if s.kind == "user")
        try:
            master = slots.open_slot(slot, slots.normalise_password(old_password))
        except WrongPassword:
            raise WrongPassword("that password does not open the study keys") from None
        new = slots.make_slot(
            str(uuidlib.uuid4()),
            "user",
            SUPERVISOR,
            slots.normalise_password(new_password),
            master,
        )
        data = dict(self._data)
        data["slots"] = [_slot_json(new)] + [_slot_json(s) for s in self._slots if s is not slot]
        atomic_write(self.home / KEYS_FILE, json.dumps(data, indent=2).encode() + b"\n")
        return StudyHome(self.home, data)

    # --- packages ---------------------------------------------------------------------
    def current_package(self) -> StudyPackage:
        """The published package, checked against this home's own signing key."""
        try:
            return read_package(
                self.package_path,
                trusted_signing_public=self.signing_public_key,
                max_bytes=MAX_PACKAGE_BYTES,
            )
        except PackageRefused as exc:
            raise IntegrityFailure(f"{PACKAGE_FILE} in {self.home}: {exc.message}") from None

    def publish(
        self,
        keys: StudyKeys,
        study: Study | None = None,
        *,
        templates: Mapping[str, str] | None = None,
        at: datetime | None = None,
    ) -> StudyPackage:
        """Rewrites HOME/study.sylpkg with a higher version (and the new study, if given).

        The version becomes the larger of (current + 1) and the study definition's version;
        the study inside carries the same number, so laptops show the package's version.
        `templates` replace the consent templates the package carries (an empty mapping:
        none, so laptops use the built-in set); None keeps the current package's.
        """
        current = self.current_package()
        revoked = list(current.revoked)
        return self._write(keys, study or current.study, revoked, current, at, templates)

    def revoke(
        self, keys: StudyKeys, device_id: str, *, at: datetime | None = None
    ) -> StudyPackage:
        """Adds a device to the revocation list and republishes (a no-op error if listed)."""
        fr.check_id(device_id, "device id")
        current = self.current_package()
        if current.is_revoked(device_id):
            raise Conflict(f"device {device_id} is already revoked")
        revoked = [*current.revoked, RevokedDevice(device_id, at or datetime.now(UTC))]
        return self._write(keys, current.study, revoked, current, at)

    def _write(
        self,
        keys: StudyKeys,
        study: Study,
        revoked: list[RevokedDevice],
        current: StudyPackage,
        at: datetime | None,
        templates: Mapping[str, str] | None = None,
    ) -> StudyPackage:
        self._check_keys(keys)
        if study.id != self.study_id:
            raise InvalidInput(
                f"this study home is for study {self.study_id}, not {study.id}: "
                "a study's id can't change"
            )
        version = max(current.version + 1, study.version)
        write_package(
            self.package_path,
            replace(study, version=version),
            version,
            keys.hpke_public_key,
            keys.signing_private_key,
            revoked,
            created_at=at,
            templates=current.templates if templates is None else templates,
        )
        return self.current_package()

    def _check_keys(self, keys: StudyKeys) -> None:
        if keys.signing_public_key != self.signing_public_key or keys.study_id != self.study_id:
            raise InvalidInput("these keys belong to another study home")


def _check_templates(templates: Mapping[str, str]) -> None:
    try:
        load_templates_from(templates)
    except TemplateError as exc:
        raise TemplateError(f"the study's consent templates: {exc}") from None
