"""Bundles: round trips, layout, and the right refusal code for each kind of damage."""

from __future__ import annotations

import hashlib
import os
import random
from pathlib import Path

import pytest

from sylcollect.errors import InvalidInput
from sylcollect.sync.bundle import (
    check_device_key,
    check_study,
    iter_payload,
    open_bundle,
    verify_bundle,
    write_bundle,
)
from sylcollect.sync.bundle_errors import BundleRefused
from tests.core.sync.test_bundle_support import (
    ATTACKER_PRIVATE,
    ATTACKER_PUBLIC,
    BIG,
    DEVICE_PRIVATE,
    DEVICE_PUBLIC,
    HEAD,
    OTHER_STUDY_PRIVATE,
    OTHER_STUDY_PUBLIC,
    PREFIX,
    STUDY_PRIVATE,
    STUDY_PUBLIC,
    frames,
    make_header,
    payload_of,
    write,
)

K = 64 * 1024


def refused(path: Path, *, max_bytes: int = BIG, key: bytes = STUDY_PRIVATE) -> str:
    """The code a bundle is refused with, verifying and then opening it."""
    try:
        verified = verify_bundle(path, max_bytes=max_bytes)
        open_bundle(verified, key, max_payload_bytes=BIG)
    except BundleRefused as exc:
        return exc.code
    return "accepted"


@pytest.mark.parametrize("size", [0, 1, K, K + 1, 2 * K, 5 * 1024 * 1024 + 123])
def test_round_trip(tmp_path: Path, size: int) -> None:
    data = payload_of(size)
    path = tmp_path / "b.sylb"
    digest = write(path, data)
    raw = path.read_bytes()
    assert digest == hashlib.sha256(raw).hexdigest()
    verified = verify_bundle(path, max_bytes=BIG)
    assert verified.header == make_header()
    assert verified.bundle_hash == digest
    assert verified.size == len(raw)
    assert verified.header_hash == hashlib.sha256(make_header().encode()).hexdigest()
    pieces = list(iter_payload(verified, STUDY_PRIVATE, max_payload_bytes=size))
    assert all(len(p) <= K for p in pieces)
    assert b"".join(pieces) == data
    assert open_bundle(verified, STUDY_PRIVATE, max_payload_bytes=size) == data


@pytest.mark.parametrize(
    ("size", "layout"),
    [
        (0, [("F", 16)]),
        (1, [("F", 17)]),
        (K, [("F", K + 16)]),
        (K + 1, [("C", K + 16), ("F", 17)]),
        (2 * K, [("C", K + 16), ("F", K + 16)]),
    ],
)
def test_chunk_layout(tmp_path: Path, size: int, layout: list[tuple[str, int]]) -> None:
    path = tmp_path / "b.sylb"
    write(path, payload_of(size))
    data = path.read_bytes()
    assert data.startswith(b"\x89SYLB\r\n\x1a\n\x01")
    found = [(f.kind.decode(), len(f.body)) for f in frames(data)]
    assert found[0] == ("H", len(make_header().encode()))
    assert found[1] == ("K", 1168)
    assert found[2:-1] == layout
    assert found[-1] == ("S", 64)


@pytest.mark.parametrize("split", [1, 7, 1000, K - 1, K, K + 1, 3 * K])
def test_piece_sizes_do_not_change_the_payload(tmp_path: Path, split: int) -> None:
    data = payload_of(3 * K + 5)
    pieces = [data[i : i + split] for i in range(0, len(data), split)]
    pieces.insert(1, b"")
    path = tmp_path / "b.sylb"
    write_bundle(path, make_header(), iter(pieces), STUDY_PUBLIC, DEVICE_PRIVATE)
    kinds = [(f.kind, len(f.body)) for f in frames(path.read_bytes())[2:-1]]
    assert kinds == [(b"C", K + 16)] * 3 + [(b"F", 21)]
    verified = verify_bundle(path, max_bytes=BIG)
    assert open_bundle(verified, STUDY_PRIVATE, max_payload_bytes=BIG) == data


def test_same_payload_twice_gives_different_ciphertext(tmp_path: Path) -> None:
    write(tmp_path / "a.sylb", b"same")
    write(tmp_path / "b.sylb", b"same")
    assert (tmp_path / "a.sylb").read_bytes() != (tmp_path / "b.sylb").read_bytes()


def test_bundle_file_is_private(tmp_path: Path) -> None:
    write(tmp_path / "b.sylb", b"x")
    if os.name == "posix":
        assert (tmp_path / "b.sylb").stat().st_mode & 0o777 == 0o600


def test_writer_refuses_a_device_key_that_is_not_the_headers(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput):
        write(tmp_path / "b.sylb", b"x", device_private=ATTACKER_PRIVATE)
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- byte flips


def _classes(data: bytes) -> dict[str, list[int]]:
    """Offsets by class: magic, version, frame heads, and the body of each frame kind."""
    out: dict[str, list[int]] = {"magic": list(range(9)), "version": [9], "head": []}
    for f in frames(data):
        out["head"] += range(f.offset, f.offset + HEAD)
        start = f.offset + HEAD
        out.setdefault(f"body_{f.kind.decode()}", []).extend(range(start, start + len(f.body)))
    return out


ALLOWED = {
    "magic": {"bad_magic"},
    "version": {"unsupported_version"},
    "head": {"bad_framing", "bad_header", "truncated", "trailing_data", "too_large"},
    "body_H": {"bad_header", "bad_signature", "unsupported_version"},
    "body_K": {"bad_signature"},
    "body_C": {"bad_signature"},
    "body_F": {"bad_signature"},
    "body_S": {"bad_signature"},
}


def test_one_flipped_byte_anywhere_is_refused_with_the_code_of_its_region(tmp_path: Path) -> None:
    path = tmp_path / "b.sylb"
    write(path, payload_of(2 * K + 100))
    original = path.read_bytes()
    classes = _classes(original)
    rng = random.Random(20260301)
    # Every magic, version and head byte, plus samples of every body, about 200 in all.
    picks = [(name, o) for name in ("magic", "version", "head") for o in classes[name]]
    for name in ("body_H", "body_K", "body_C", "body_F", "body_S"):
        picks += [(name, o) for o in rng.sample(classes[name], 32)]
    assert len(picks) >= 200
    tampered = tmp_path / "t.sylb"
    for name, offset in picks:
        data = bytearray(original)
        data[offset] ^= 1 << rng.randrange(8)
        tampered.write_bytes(bytes(data))
        code = refused(tampered)
        assert code in ALLOWED[name], (name, offset, code)


# --------------------------------------------------------------------------- truncation


def test_cut_at_every_frame_boundary_and_between_is_truncated(tmp_path: Path) -> None:
    path = tmp_path / "b.sylb"
    write(path, payload_of(3 * K))
    data = path.read_bytes()
    cuts = {1, 5, PREFIX - 1, PREFIX, len(data) - 1}
    for f in frames(data):
        cuts |= {f.offset, f.offset + 1, f.offset + HEAD, f.offset + HEAD + len(f.body) // 2}
    cut_path = tmp_path / "cut.sylb"
    for cut in sorted(c for c in cuts if 0 < c < len(data)):
        cut_path.write_bytes(data[:cut])
        assert refused(cut_path) == "truncated", cut
    cut_path.write_bytes(b"")
    assert refused(cut_path) == "bad_magic"


def test_extra_bytes_after_the_signature(tmp_path: Path) -> None:
    path = tmp_path / "b.sylb"
    write(path, b"payload")
    path.write_bytes(path.read_bytes() + b"\x00")
    assert refused(path) == "trailing_data"


# --------------------------------------------------------------------------- keys, studies


def test_another_studys_bundle(tmp_path: Path) -> None:
    path = tmp_path / "b.sylb"
    write(
        path, b"data", header=make_header(study_id="other-study"), study_public=OTHER_STUDY_PUBLIC
    )
    verified = verify_bundle(path, max_bytes=BIG)
    with pytest.raises(BundleRefused) as info:
        check_study(verified, "syl-study")
    assert info.value.code == "wrong_study"
    check_study(verified, "other-study")
    assert refused(path) == "bad_key"
    assert refused(path, key=OTHER_STUDY_PRIVATE) == "accepted"


def test_wrong_study_private_key(tmp_path: Path) -> None:
    path = tmp_path / "b.sylb"
    write(path, b"data")
    assert refused(path, key=OTHER_STUDY_PRIVATE) == "bad_key"
    assert refused(path, key=b"\x00" * 10) == "bad_key"


def test_genuine_bundle_passes_the_device_key_check(tmp_path: Path) -> None:
    path = tmp_path / "b.sylb"
    write(path, b"data")
    verified = verify_bundle(path, max_bytes=BIG)
    check_device_key(verified, DEVICE_PUBLIC)
    with pytest.raises(BundleRefused) as info:
        check_device_key(verified, ATTACKER_PUBLIC)
    assert info.value.code == "device_key_mismatch"
    assert "3f2b7c9e" in info.value.message


def test_header_edited_and_resigned_with_another_key_is_caught_by_the_device_check(
    tmp_path: Path,
) -> None:
    # The attacker claims the real device's id but can only sign with their own key, so the
    # header has to carry their public key; the signature is then valid in itself.
    path = tmp_path / "b.sylb"
    forged = make_header(device_public_key=ATTACKER_PUBLIC, record_count=999)
    write_bundle(path, forged, [b"forged"], STUDY_PUBLIC, ATTACKER_PRIVATE)
    verified = verify_bundle(path, max_bytes=BIG)
    assert verified.header.device_id == make_header().device_id
    with pytest.raises(BundleRefused) as info:
        check_device_key(verified, DEVICE_PUBLIC)  # the key registered for that device
    assert info.value.code == "device_key_mismatch"


def test_header_edited_keeping_the_device_key_fails_the_signature(tmp_path: Path) -> None:
    from tests.core.sync.test_bundle_support import Frame, resign_bundle

    path = tmp_path / "b.sylb"
    write(path, b"data")
    fs = frames(path.read_bytes())
    edited = make_header(record_count=999).encode()
    path.write_bytes(resign_bundle([Frame(b"H", edited, 0), *fs[1:-1]], ATTACKER_PRIVATE))
    assert refused(path) == "bad_signature"


# --------------------------------------------------------------------------- caps


def test_oversize_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "b.sylb"
    write(path, payload_of(K))
    size = path.stat().st_size
    assert refused(path, max_bytes=size - 1) == "too_large"
    assert refused(path, max_bytes=size) == "accepted"


def test_payload_cap_when_opening(tmp_path: Path) -> None:
    path = tmp_path / "b.sylb"
    write(path, payload_of(3 * K))
    verified = verify_bundle(path, max_bytes=BIG)
    with pytest.raises(BundleRefused) as info:
        open_bundle(verified, STUDY_PRIVATE, max_payload_bytes=3 * K - 1)
    assert info.value.code == "too_large"


def test_not_a_regular_file_or_missing(tmp_path: Path) -> None:
    for target in (tmp_path, tmp_path / "missing.sylb"):
        with pytest.raises(BundleRefused) as info:
            verify_bundle(target, max_bytes=BIG)
        assert info.value.code == "unreadable"


# --------------------------------------------------------------------------- TOCTOU


def test_file_swapped_after_verification_is_refused_before_the_last_piece(tmp_path: Path) -> None:
    path = tmp_path / "b.sylb"
    write(path, payload_of(2 * K + 1))
    verified = verify_bundle(path, max_bytes=BIG)
    # Anyone can seal to the study public key; reuse the verified header, sign with any key.
    forged = make_header(device_public_key=ATTACKER_PUBLIC)
    write_bundle(path, forged, [payload_of(2 * K + 1, seed=9)], STUDY_PUBLIC, ATTACKER_PRIVATE)
    with pytest.raises(BundleRefused) as info:
        list(iter_payload(verified, STUDY_PRIVATE, max_payload_bytes=BIG))
    assert info.value.code == "changed"
    # Same size, same header bytes: only the whole-file hash at the end can tell.
    second = tmp_path / "c.sylb"
    write(second, payload_of(2 * K + 1))
    verified = verify_bundle(second, max_bytes=BIG)
    other = tmp_path / "other.sylb"
    write(other, payload_of(2 * K + 1, seed=5))
    os.replace(other, second)
    seen: list[bytes] = []
    with pytest.raises(BundleRefused) as info:
        for piece in iter_payload(verified, STUDY_PRIVATE, max_payload_bytes=BIG):
            seen.append(piece)
    assert info.value.code == "changed"
    assert len(seen) < 3  # the last piece is held back until the file is proven unchanged
