"""Study packages: round trip, trust on first use, tampering, other signers, versions."""

from __future__ import annotations

import hashlib
import random
import struct
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from sylcollect.crypto import hpke, signing
from sylcollect.domain.study import FormRef, Milestone, Site, Study, Unit, Wave
from sylcollect.domain.study_io import study_to_json
from sylcollect.errors import InvalidInput
from sylcollect.sync import bundle_framing as fr
from sylcollect.sync.bundle_errors import PackageRefused
from sylcollect.sync.package import (
    MAGIC,
    SIGNATURE_LABEL,
    RevokedDevice,
    StudyPackage,
    check_upgrade,
    read_package,
    write_package,
)

STUDY_SIGNING = signing.generate_private_key()
STUDY_SIGNING_PUBLIC = signing.public_key(STUDY_SIGNING)
OTHER_SIGNING = signing.generate_private_key()
HPKE_PUBLIC = hpke.public_key(hpke.generate_private_key())
BIG = 1 << 30
WHEN = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
REVOKED = [
    RevokedDevice("dev-b", datetime(2026, 2, 1, tzinfo=UTC)),
    RevokedDevice("dev-a", datetime(2026, 1, 1, tzinfo=UTC)),
]
STUDY = Study(
    id="syl-study",
    name="SYL study",
    version=3,
    description="Evaluation — fieldwork",
    sites=(
        Site("s1", "Site one", "Project", units=(Unit("u1", "Unit 1"),), evidence=("interview",)),
    ),
    waves=(Wave("baseline", "Baseline"), Wave("early", "Early", 6)),
    milestones=(Milestone("m1", "s1", "early", "Trust built"),),
    forms=(FormRef("f", "2", "Form", "f.md", "participant", "| survey |\n| | type |"),),
)


def make(path: Path, *, version: int = 5, key: bytes = STUDY_SIGNING, study: Study = STUDY) -> Path:
    write_package(path, study, version, HPKE_PUBLIC, key, list(REVOKED), created_at=WHEN)
    return path


def read(path: Path, trusted: bytes | None = STUDY_SIGNING_PUBLIC, **kw: int) -> StudyPackage:
    return read_package(path, trusted_signing_public=trusted, max_bytes=kw.get("max_bytes", BIG))


def code(path: Path, trusted: bytes | None = STUDY_SIGNING_PUBLIC, **kw: int) -> str:
    try:
        read(path, trusted, **kw)
    except PackageRefused as exc:
        return exc.code
    return "accepted"


def signed_file(body: dict[str, Any] | bytes, key: bytes = STUDY_SIGNING) -> bytes:
    """A package file around any body, validly signed with `key`."""
    data = body if isinstance(body, bytes) else fr.canonical_json(body)
    prefix = MAGIC + b"\x01" + struct.pack(">cI", b"P", len(data)) + data
    sig = signing.sign(key, SIGNATURE_LABEL + hashlib.sha256(prefix).digest())
    return prefix + struct.pack(">cI", b"S", 64) + sig


def good_body(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "format": 1,
        "study_id": STUDY.id,
        "version": 5,
        "study": study_to_json(STUDY, with_sources=True),
        "hpke_public_key": HPKE_PUBLIC.hex(),
        "signing_public_key": STUDY_SIGNING_PUBLIC.hex(),
        "revoked": [],
        "created_at": "2026-03-01T09:00:00.000000Z",
    }
    body.update(changes)
    return body


def test_round_trip(tmp_path: Path) -> None:
    package = read(make(tmp_path / "p.sylpkg"))
    assert package.study == STUDY
    assert package.study_id == "syl-study"
    assert package.version == 5
    assert package.hpke_public_key == HPKE_PUBLIC
    assert package.signing_public_key == STUDY_SIGNING_PUBLIC
    assert [r.device_id for r in package.revoked] == ["dev-a", "dev-b"]
    assert package.revoked[0].revoked_at == datetime(2026, 1, 1, tzinfo=UTC)
    assert package.created_at == WHEN
    assert package.is_revoked("dev-b") and not package.is_revoked("dev-c")
    assert package.study.forms[0].source == "| survey |\n| | type |"
    assert package.package_hash == hashlib.sha256((tmp_path / "p.sylpkg").read_bytes()).hexdigest()
    assert not package.first_use


def test_demo_study_round_trips(tmp_path: Path, demo_study: Study) -> None:
    path = tmp_path / "demo.sylpkg"
    write_package(path, demo_study, 1, HPKE_PUBLIC, STUDY_SIGNING, [])
    package = read(path, None)
    assert package.study == demo_study
    assert all(f.source for f in package.study.forms)


def test_first_install_trusts_the_key_inside(tmp_path: Path) -> None:
    package = read(make(tmp_path / "p.sylpkg"), None)
    assert package.first_use
    assert package.signing_public_key == STUDY_SIGNING_PUBLIC
    assert package.signing_fingerprint == signing.fingerprint(STUDY_SIGNING_PUBLIC)
    assert len(package.signing_fingerprint.split()) == 16


def test_written_atomically_and_privately(tmp_path: Path) -> None:
    make(tmp_path / "p.sylpkg")
    assert [p.name for p in tmp_path.iterdir()] == ["p.sylpkg"]
    assert (tmp_path / "p.sylpkg").stat().st_mode & 0o077 == 0


def test_tampered_bytes_are_refused(tmp_path: Path) -> None:
    original = make(tmp_path / "p.sylpkg").read_bytes()
    rng = random.Random(7)
    tampered = tmp_path / "t.sylpkg"
    body_end = len(original) - 69
    offsets = list(range(0, 15)) + rng.sample(range(15, len(original)), 150)
    for offset in offsets:
        data = bytearray(original)
        data[offset] ^= 1 << rng.randrange(8)
        tampered.write_bytes(bytes(data))
        found = code(tampered)
        if offset < 9:
            assert found == "bad_magic"
        elif offset == 9:
            assert found == "unsupported_version"
        elif offset < 15 or body_end <= offset < body_end + 5:
            assert found in {
                "bad_framing",
                "truncated",
                "too_large",
                "trailing_data",
                "bad_signature",
            }
        else:  # content or signature: the signature catches it
            assert found in {"bad_signature", "untrusted_key"}, offset
        assert code(tampered, None) != "accepted"


def test_truncated_and_extended(tmp_path: Path) -> None:
    original = make(tmp_path / "p.sylpkg").read_bytes()
    path = tmp_path / "t.sylpkg"
    for cut in (5, 10, 12, 15, 100, len(original) - 69, len(original) - 60, len(original) - 1):
        path.write_bytes(original[:cut])
        assert code(path) == "truncated", cut
    path.write_bytes(original + b"\n")
    assert code(path) == "trailing_data"


def test_signed_by_another_key(tmp_path: Path) -> None:
    # An impostor's package carries the impostor's own key: refused as untrusted.
    path = make(tmp_path / "p.sylpkg", key=OTHER_SIGNING)
    assert code(path) == "untrusted_key"
    assert code(path, None) == "accepted"  # a first install cannot tell: compare fingerprints
    # Claiming the trusted key without holding it fails the signature.
    path.write_bytes(signed_file(good_body(), key=OTHER_SIGNING))
    assert code(path) == "bad_signature"
    assert code(path, None) == "bad_signature"


def test_new_signing_key_signed_by_the_trusted_one_is_refused(tmp_path: Path) -> None:
    other_public = signing.public_key(OTHER_SIGNING).hex()
    path = tmp_path / "p.sylpkg"
    path.write_bytes(signed_file(good_body(signing_public_key=other_public)))
    assert code(path) == "key_changed"


@pytest.mark.parametrize(
    "changes",
    [
        {"study_id": "other"},
        {"version": 0},
        {"version": "5"},
        {"hpke_public_key": "00" * 1216},
        {"hpke_public_key": "00"},
        {
            "revoked": [
                {"device_id": "b", "revoked_at": "2026-01-01T00:00:00.000000Z"},
                {"device_id": "a", "revoked_at": "2026-01-01T00:00:00.000000Z"},
            ]
        },
        {"revoked": [{"device_id": "a", "revoked_at": "yesterday"}]},
        {"revoked": [{"device_id": "a"}]},
        {"revoked": {}},
        {"created_at": "2026-03-01"},
        {"study": []},
        {"study": {"id": "syl-study"}},
        {"study": {**study_to_json(STUDY, with_sources=True), "name": 5}},
        {"study": {**study_to_json(STUDY, with_sources=True), "extra": "x"}},
        {"study": {**study_to_json(STUDY, with_sources=True), "roles": ["pilot"]}},
        {"study": {**study_to_json(STUDY, with_sources=True), "sites": 3}},
        {"study": {**study_to_json(STUDY, with_sources=True), "version": "3"}},
        {"extra": 1},
    ],
)
def test_signed_but_invalid_content_is_refused(tmp_path: Path, changes: dict[str, Any]) -> None:
    path = tmp_path / "p.sylpkg"
    path.write_bytes(signed_file(good_body(**changes)))
    assert code(path) == "bad_content"


def test_signed_but_not_canonical_or_other_format(tmp_path: Path) -> None:
    path = tmp_path / "p.sylpkg"
    path.write_bytes(signed_file(fr.canonical_json(good_body()) + b" "))
    assert code(path) == "bad_content"
    path.write_bytes(signed_file(good_body(format=2)))
    assert code(path) == "unsupported_version"
    path.write_bytes(signed_file(good_body()))
    assert code(path) == "accepted"


def test_oversize(tmp_path: Path) -> None:
    path = make(tmp_path / "p.sylpkg")
    size = path.stat().st_size
    assert code(path, max_bytes=size - 1) == "too_large"
    assert code(path, max_bytes=size) == "accepted"


def test_versions_only_go_up(tmp_path: Path) -> None:
    package = read(make(tmp_path / "p.sylpkg", version=5))
    check_upgrade(None, package)
    check_upgrade(4, package)
    for installed, word in ((5, "already installed"), (6, "older")):
        with pytest.raises(PackageRefused) as info:
            check_upgrade(installed, package)
        assert info.value.code == "older"
        assert word in info.value.message
    with pytest.raises(PackageRefused) as info:
        check_upgrade(4, package, installed_study_id="another-study")
    assert info.value.code == "wrong_study"
    check_upgrade(4, package, installed_study_id="syl-study")


def test_writer_checks_its_inputs(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput):
        write_package(tmp_path / "p", STUDY, 1, b"\x00" * 10, STUDY_SIGNING, [])
    with pytest.raises(InvalidInput):
        write_package(tmp_path / "p", STUDY, 0, HPKE_PUBLIC, STUDY_SIGNING, [])
    twice = [RevokedDevice("a", WHEN), RevokedDevice("a", WHEN)]
    with pytest.raises(InvalidInput):
        write_package(tmp_path / "p", STUDY, 1, HPKE_PUBLIC, STUDY_SIGNING, twice)
    assert list(tmp_path.iterdir()) == []


def test_not_a_package(tmp_path: Path) -> None:
    path = tmp_path / "p.sylpkg"
    for data, expected in ((b"", "bad_magic"), (b"PK\x03\x04", "bad_magic"), (MAGIC, "truncated")):
        path.write_bytes(data)
        assert code(path) == expected
    assert code(tmp_path / "missing") == "unreadable"
