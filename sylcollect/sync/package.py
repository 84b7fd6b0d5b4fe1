"""`.sylpkg` study packages: the study definition and keys, signed with the study's key.

Layout (docs/sync-format.md): magic, version, frame `P` (canonical JSON body), frame `S`
(Ed25519 signature by the study signing key over everything before it). The body may carry
the study's consent templates (`templates`: file name → TOML text), checked like any
template set; packages without them stay valid (the built-in set is then used).

Trust: the first package a laptop installs is trusted on first use (its embedded signing
key becomes the trusted key; show `signing_fingerprint` so a person can compare it with the
one the research team gave them). Every later package must be signed by that trusted key
and name the same key.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sylcollect.crypto import hpke, signing
from sylcollect.domain.study import Study
from sylcollect.domain.study_io import study_from_json, study_to_json
from sylcollect.errors import InvalidInput
from sylcollect.services.consent_templates import TemplateError, load_templates_from
from sylcollect.storage.files import atomic_write
from sylcollect.sync import bundle_framing as fr
from sylcollect.sync.bundle_errors import PackageRefused

MAGIC = b"\x89SYLP\r\n\x1a\n"
FORMAT_VERSION = 1
SIGNATURE_LABEL = b"sylcollect/package-signature/v1\x00"
_P, _S = b"P", b"S"
_KEYS = frozenset(
    {
        "format",
        "study_id",
        "version",
        "study",
        "hpke_public_key",
        "signing_public_key",
        "revoked",
        "created_at",
    }
)
_OPTIONAL_KEYS = frozenset({"templates"})


@dataclass(frozen=True)
class RevokedDevice:
    """A device whose bundles are refused from `revoked_at` on. Immutable."""

    device_id: str
    revoked_at: datetime


@dataclass(frozen=True)
class StudyPackage:
    """A study package whose signature checked out. Immutable, safe to share across threads.

    `first_use` is True when no key was trusted yet and the package's own key was used
    (trust on first use): the caller should show `signing_fingerprint` for confirmation.
    `templates` is the study's consent templates (file name → TOML text, checked), empty
    when the package carries none (the built-in set is then used).
    """

    study_id: str
    version: int
    study: Study
    hpke_public_key: bytes
    signing_public_key: bytes
    revoked: tuple[RevokedDevice, ...]
    created_at: datetime
    package_hash: str
    first_use: bool
    templates: Mapping[str, str] = field(default_factory=dict)

    @property
    def signing_fingerprint(self) -> str:
        return signing.fingerprint(self.signing_public_key)

    def is_revoked(self, device_id: str) -> bool:
        return any(r.device_id == device_id for r in self.revoked)


def write_package(
    path: Path | str,
    study: Study,
    version: int,
    hpke_public: bytes,
    signing_private: bytes,
    revoked: list[RevokedDevice],
    *,
    created_at: datetime | None = None,
    templates: Mapping[str, str] | None = None,
) -> None:
    """Writes a signed study package atomically (temp file, fsync, rename).

    `templates` (file name → TOML text) go in when given and not empty; they are checked
    first (InvalidInput naming the file and the problem).
    """
    fr.check_int(version, "package version", minimum=1)
    hpke.check_public_key(hpke_public)
    ids = [fr.check_id(r.device_id, "revoked device id") for r in revoked]
    if len(set(ids)) != len(ids):
        raise InvalidInput("a device is listed twice in the revocation list")
    body = {
        "format": FORMAT_VERSION,
        "study_id": fr.check_id(study.id, "study id"),
        "version": version,
        "study": study_to_json(study, with_sources=True),
        "hpke_public_key": hpke_public.hex(),
        "signing_public_key": signing.public_key(signing_private).hex(),
        "revoked": [
            {"device_id": r.device_id, "revoked_at": fr.format_time(r.revoked_at)}
            for r in sorted(revoked, key=lambda r: r.device_id)
        ],
        "created_at": fr.format_time(created_at or datetime.now(UTC)),
    }
    if templates:
        try:
            load_templates_from(templates)
        except TemplateError as exc:
            raise TemplateError(f"the study's consent templates: {exc}") from None
        body["templates"] = dict(templates)
    try:
        data = fr.canonical_json(body)
    except ValueError as exc:
        raise InvalidInput(f"the study cannot be packaged: {exc}") from None
    prefix = MAGIC + bytes([FORMAT_VERSION]) + fr.frame(_P, data) + data
    signature = signing.sign(signing_private, SIGNATURE_LABEL + hashlib.sha256(prefix).digest())
    atomic_write(Path(path), prefix + fr.frame(_S, signature) + signature)


def read_package(
    path: Path | str, *, trusted_signing_public: bytes | None, max_bytes: int
) -> StudyPackage:
    """Reads and checks a package: size, framing, signature, then content.

    `trusted_signing_public` is the study signing key the laptop already trusts, or None on
    first install (the package's own key is then used: trust on first use). Raises
    PackageRefused: too_large, unreadable, bad_magic, unsupported_version, bad_framing,
    truncated, trailing_data, bad_signature, untrusted_key, key_changed, bad_content.
    """
    path = Path(path)
    with fr.open_file(path, PackageRefused) as (stream, size):
        if size > max_bytes:
            raise PackageRefused("too_large", f"the study package is larger than {max_bytes} bytes")
        reader = fr.FrameReader(stream, size, PackageRefused)
        reader.check_magic(MAGIC, FORMAT_VERSION, "study package")
        kind, length = reader.read_head()
        if kind != _P or length == 0:
            raise _bad_framing("the content frame is missing")
        body = reader.read_exact(length, "the content")
        kind, length = reader.read_head()
        if kind != _S or length != signing.SIGNATURE_BYTES:
            raise _bad_framing("the signature frame is missing or has the wrong length")
        signed = SIGNATURE_LABEL + reader.digest_before_head()
        signature = reader.read_exact(length, "the signature")
        reader.expect_end("study package")
    if trusted_signing_public is not None:
        _verify_trusted(trusted_signing_public, signature, signed, body)
    value = _parse(body)
    embedded = _key(value, "signing_public_key", signing.PUBLIC_KEY_BYTES)
    if trusted_signing_public is None:
        _verify(embedded, signature, signed)
    elif not hmac.compare_digest(embedded, trusted_signing_public):
        raise PackageRefused(
            "key_changed",
            "this package names a new study signing key; changing the study key is not "
            "supported: reinstall the study from a package you trust",
        )
    package = _decode(value, reader.hexdigest(), first_use=trusted_signing_public is None)
    return package


def check_upgrade(
    installed_version: int | None, package: StudyPackage, *, installed_study_id: str | None = None
) -> None:
    """Refuses a package that is not newer than the installed one ('older'), or of another study."""
    if installed_study_id is not None and package.study_id != installed_study_id:
        raise PackageRefused(
            "wrong_study",
            f"this package is for study {package.study_id}, but this laptop is set up for "
            f"study {installed_study_id}",
        )
    if installed_version is None:
        return
    if package.version == installed_version:
        raise PackageRefused(
            "older",
            f"version {package.version} of this study is already installed: only a newer "
            "package can update it",
        )
    if package.version < installed_version:
        raise PackageRefused(
            "older",
            f"this package is version {package.version}, older than the installed version "
            f"{installed_version}: only a newer package can update the study",
        )


def _verify_trusted(trusted: bytes, signature: bytes, signed: bytes, body: bytes) -> None:
    try:
        signing.verify(trusted, signature, signed)
    except signing.BadSignature:
        try:
            other = _key(_parse(body), "signing_public_key", signing.PUBLIC_KEY_BYTES)
        except PackageRefused:
            other = trusted
        if not hmac.compare_digest(other, trusted):
            raise PackageRefused(
                "untrusted_key",
                "this package is signed by a different study key than the one this laptop "
                "trusts: it is for another study or was not made by the research team",
            ) from None
        raise PackageRefused(
            "bad_signature", "the study package's signature does not match: it was altered"
        ) from None


def _verify(public: bytes, signature: bytes, signed: bytes) -> None:
    try:
        signing.verify(public, signature, signed)
    except signing.BadSignature:
        raise PackageRefused(
            "bad_signature", "the study package's signature does not match: it was altered"
        ) from None


def _parse(body: bytes) -> dict[str, Any]:
    try:
        value = fr.parse_canonical_json(body)
    except ValueError as exc:
        raise _bad_content(str(exc)) from None
    if value.get("format") != FORMAT_VERSION or type(value.get("format")) is not int:
        raise PackageRefused(
            "unsupported_version", "the study package has a format this program does not read"
        )
    if not _KEYS <= set(value) <= _KEYS | _OPTIONAL_KEYS:
        raise _bad_content("missing or unknown fields")
    return value


def _key(value: dict[str, Any], name: str, length: int) -> bytes:
    try:
        return fr.hex_bytes(value[name], length, name.replace("_", " "))
    except InvalidInput as exc:
        raise _bad_content(str(exc)) from None


def _decode(value: dict[str, Any], package_hash: str, *, first_use: bool) -> StudyPackage:
    try:
        study_id = fr.check_id(value["study_id"], "study id")
        version = fr.check_int(value["version"], "package version", minimum=1)
        hpke_public = fr.hex_bytes(value["hpke_public_key"], hpke.PUBLIC_KEY_BYTES, "HPKE key")
        hpke.check_public_key(hpke_public)
        study = _study(value["study"])
        if study.id != study_id:
            raise InvalidInput("the study inside does not match the package's study id")
        revoked = _revoked(value["revoked"])
        created_at = fr.parse_time(value["created_at"], "created at")
        templates = _templates(value["templates"]) if "templates" in value else {}
    except InvalidInput as exc:
        raise _bad_content(str(exc)) from None
    return StudyPackage(
        study_id=study_id,
        version=version,
        study=study,
        hpke_public_key=hpke_public,
        signing_public_key=bytes.fromhex(value["signing_public_key"]),
        revoked=revoked,
        created_at=created_at,
        package_hash=package_hash,
        first_use=first_use,
        templates=templates,
    )


def _study(data: object) -> Study:
    if not isinstance(data, dict):
        raise InvalidInput("the study definition is not an object")
    try:
        study = study_from_json(data)
        again = study_to_json(study, with_sources=True)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InvalidInput(f"the study definition is not valid ({type(exc).__name__})") from None
    if again != data or not _plain(again):
        raise InvalidInput("the study definition has unknown, missing or mistyped fields")
    return study


def _plain(study: dict[str, Any]) -> bool:
    """The study's own version is a whole number; other leaves are strings, except wave months."""
    rest = {k: v for k, v in study.items() if k != "version"}
    return type(study.get("version")) is int and _leaves(rest, "")


def _leaves(value: object, key: str) -> bool:
    if isinstance(value, dict):
        return all(_leaves(v, k) for k, v in value.items())
    if isinstance(value, list):
        return all(_leaves(v, key) for v in value)
    if key == "months_from_start":
        return type(value) is int
    return isinstance(value, str)


def _templates(data: object) -> dict[str, str]:
    """The carried consent templates, checked as a template set."""
    if not isinstance(data, dict) or not data:
        raise InvalidInput("the consent templates are not a non-empty object")
    try:
        load_templates_from(data)
    except TemplateError as exc:
        raise InvalidInput(f"its consent templates are not valid: {exc}") from None
    return dict(data)


def _revoked(data: object) -> tuple[RevokedDevice, ...]:
    if not isinstance(data, list):
        raise InvalidInput("the revocation list is not a list")
    out: list[RevokedDevice] = []
    for item in data:
        if not isinstance(item, dict) or set(item) != {"device_id", "revoked_at"}:
            raise InvalidInput("a revocation entry is not valid")
        out.append(
            RevokedDevice(
                fr.check_id(item["device_id"], "revoked device id"),
                fr.parse_time(item["revoked_at"], "revoked at"),
            )
        )
    ids = [r.device_id for r in out]
    if ids != sorted(set(ids)):
        raise InvalidInput("the revocation list is not sorted or lists a device twice")
    return tuple(out)


def _bad_framing(message: str) -> PackageRefused:
    return PackageRefused("bad_framing", f"the study package is damaged: {message}")


def _bad_content(message: str) -> PackageRefused:
    return PackageRefused("bad_content", f"the study package's content is not valid: {message}")
