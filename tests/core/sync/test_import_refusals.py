"""Refused bundles: each reason has its own code and message, the central database's content
is unchanged (hash of every row) and the file stays for a person to look at."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

import pytest

from sylcollect.domain.study import Study
from sylcollect.sync import bundle
from sylcollect.sync.bundle_errors import BundleRefused
from sylcollect.sync.bundle_header import BundleHeader
from tests.core.sync.test_bundle_support import Frame, frames, resign_bundle
from tests.core.sync.test_import_support import (
    Central,
    Device,
    content_hash,
    make_central,
    participant,
    record,
)


@pytest.fixture
def central(tmp_path: Path, cheap: None, demo_study: Study) -> Central:
    return make_central(tmp_path / "home", demo_study)


@pytest.fixture
def device(central: Central) -> Device:
    d = central.device()
    central.approve(d)
    return d


def _big_bundle(device: Device, folder: Path) -> Path:
    """A bundle of three chunks, after one imported bundle so the store is not empty."""
    people = [participant(f"DH-{i:03d}") for i in range(200)]
    return device.bundle(folder, [*people, *(record(p) for p in people), record(None)])


def _refused(central: Central, path: Path, data: bytes) -> BundleRefused:
    path.write_bytes(data)
    before = content_hash(central.store.workspace.engine)
    with pytest.raises(BundleRefused) as caught:
        central.importer.import_path(path)
    assert content_hash(central.store.workspace.engine) == before
    assert path.exists(), "a refused bundle stays where it was"
    return caught.value


def _seed(central: Central, device: Device, folder: Path) -> None:
    p = participant("SS-900", "safe-steps")
    assert central.importer.import_path(device.bundle(folder, [p, record(p)])).status


def test_byte_flips_across_the_file_are_refused(
    central: Central, device: Device, tmp_path: Path
) -> None:
    _seed(central, device, tmp_path / "seed")
    good = _big_bundle(device, tmp_path / "out").read_bytes()
    parts = frames(good)
    assert [f.kind for f in parts].count(b"C") >= 1
    rng = random.Random(5)
    offsets = {0, 9}
    for f in parts:  # head and body of every frame: header, key, chunks, signature
        offsets.update({f.offset, f.offset + 4, f.offset + 5, f.offset + 5 + len(f.body) - 1})
        offsets.update(f.offset + 5 + rng.randrange(len(f.body)) for _ in range(3))
    codes = set()
    for offset in sorted(offsets):
        data = bytearray(good)
        data[offset] ^= 0x40
        exc = _refused(central, tmp_path / "flip.sylb", bytes(data))
        codes.add(exc.code)
    assert codes <= {
        "bad_magic",
        "unsupported_version",
        "bad_framing",
        "bad_header",
        "truncated",
        "trailing_data",
        "bad_signature",
    }
    assert "bad_signature" in codes


def test_truncated_at_and_between_chunk_boundaries(
    central: Central, device: Device, tmp_path: Path
) -> None:
    good = _big_bundle(device, tmp_path / "out").read_bytes()
    cuts = set()
    for f in frames(good):
        cuts.update({f.offset, f.offset + 3, f.offset + 5 + len(f.body) // 2})
    for cut in sorted(c for c in cuts if 0 < c < len(good)):
        exc = _refused(central, tmp_path / "cut.sylb", good[:cut])
        assert exc.code in {"truncated", "bad_framing", "bad_magic"}, (cut, exc.code)


def _resigned(good: bytes, change: object, key: bytes) -> bytes:
    parts = [f for f in frames(good) if f.kind != b"S"]
    assert callable(change)
    return resign_bundle(change(parts), key)


@pytest.mark.parametrize(
    ("name", "change", "code"),
    [
        ("chunks swapped", lambda p: [p[0], p[1], p[3], p[2], *p[4:]], "bad_chunk"),
        ("chunk repeated", lambda p: [p[0], p[1], p[2], p[2], *p[3:]], "bad_chunk"),
        ("chunk dropped", lambda p: [p[0], p[1], *p[3:]], "bad_chunk"),
        (
            "last chunk dropped",
            lambda p: [*p[:-2], Frame(b"F", p[-2].body, 0)],
            "truncated",
        ),
    ],
)
def test_chunk_surgery_resigned_by_the_device_is_refused(
    central: Central, device: Device, tmp_path: Path, name: str, change: object, code: str
) -> None:
    good = _big_bundle(device, tmp_path / "out").read_bytes()
    assert [f.kind for f in frames(good)][:4] == [b"H", b"K", b"C", b"C"], name
    exc = _refused(central, tmp_path / "x.sylb", _resigned(good, change, device.key))
    assert exc.code == code, name


def _edit_header(good: bytes, **changes: object) -> list[Frame]:
    parts = [f for f in frames(good) if f.kind != b"S"]
    header = BundleHeader.decode(parts[0].body)
    edited = replace(header, **changes)  # type: ignore[arg-type]
    return [Frame(b"H", edited.encode(), 0), *parts[1:]]


def test_header_edited_and_resigned(central: Central, device: Device, tmp_path: Path) -> None:
    good = device.bundle(tmp_path / "out", [participant("DH-001")]).read_bytes()
    # re-signed by the device itself: the sealed key and chunks are bound to the old header
    same_key = resign_bundle(_edit_header(good, fieldworker="someone-else"), device.key)
    assert _refused(central, tmp_path / "a.sylb", same_key).code == "bad_key"
    # re-signed by an impostor holding its own key: the registered key does not match
    impostor = Device(device.study_id, central.keys.hpke_public_key, device_id=device.device_id)
    other = resign_bundle(
        _edit_header(good, device_public_key=bundle.signing.public_key(impostor.key)),
        impostor.key,
    )
    assert _refused(central, tmp_path / "b.sylb", other).code == "device_key_mismatch"


def test_each_reason_has_its_own_error_message(
    central: Central, device: Device, tmp_path: Path
) -> None:
    """Revoked device, another study, another study's key, a reused sequence, bad content."""
    out = tmp_path / "out"
    messages: dict[str, str] = {}
    # a sequence number reused by a different bundle
    first = device.bundle(out, [participant("DH-001")])
    central.importer.import_path(first)
    twin = device.bundle(out, [participant("DH-002")], sequence=1)
    exc = _refused(central, twin, twin.read_bytes())
    messages[exc.code] = exc.message
    # another study's bundle (its own id and key)
    stranger = Device("another-study", central.keys.hpke_public_key)
    path = stranger.bundle(out, [participant("DH-003")])
    exc = _refused(central, path, path.read_bytes())
    messages[exc.code] = exc.message
    # right study id, sealed to another study key
    from sylcollect.crypto import hpke

    forged = Device(device.study_id, hpke.public_key(hpke.generate_private_key()))
    central.approve(forged)
    path = forged.bundle(out, [participant("DH-004")])
    exc = _refused(central, path, path.read_bytes())
    messages[exc.code] = exc.message
    # content that breaks the form: an unknown question
    bad = record(None)
    bad = replace(bad, content={**bad.content, "answers": {"no_such_question": 1}})
    path = device.bundle(out, [bad])
    exc = _refused(central, path, path.read_bytes())
    messages[exc.code] = exc.message
    # header counts differ from the content
    path = device.bundle(out, [record(None)], record_count=5)
    exc = _refused(central, path, path.read_bytes())
    messages[exc.code] = exc.message
    # a revoked device (from the study package's revocation list)
    central.study_home.revoke(central.keys, device.device_id, at=bundle_time(device))
    central.refresh()
    path = device.bundle(out, [participant("DH-005")])
    exc = _refused(central, path, path.read_bytes())
    messages[exc.code] = exc.message
    assert set(messages) == {
        "sequence_reused",
        "wrong_study",
        "bad_key",
        "invalid",
        "header_mismatch",
        "device_revoked",
    }
    assert len(set(messages.values())) == len(messages), json.dumps(messages, indent=1)


def bundle_time(device: Device):  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from tests.core.sync.test_import_support import T0

    return T0 + timedelta(minutes=device.sequence)
