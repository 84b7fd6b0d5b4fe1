"""Chunk and key checks hold on their own: files rebuilt with a valid device signature.

Each attack here is re-signed with the real device key, so the signature passes and only the
sealed-key and chunk checks stand between the file and the importer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sylcollect.sync.bundle import open_bundle, verify_bundle
from sylcollect.sync.bundle_errors import BundleRefused
from tests.core.sync.test_bundle_support import (
    BIG,
    STUDY_PRIVATE,
    Frame,
    frames,
    make_header,
    payload_of,
    resign_bundle,
    write,
)

K = 64 * 1024


@pytest.fixture
def parts(tmp_path: Path) -> list[Frame]:
    """Frames H, K, C0, C1, C2, F3 (full), S of a 4-chunk bundle."""
    path = tmp_path / "orig.sylb"
    write(path, payload_of(4 * K))
    found = frames(path.read_bytes())
    assert [f.kind for f in found] == [b"H", b"K", b"C", b"C", b"C", b"F", b"S"]
    return found


def code_of(tmp_path: Path, data: bytes, *, at: str = "open") -> str:
    path = tmp_path / "tampered.sylb"
    path.write_bytes(data)
    try:
        verified = verify_bundle(path, max_bytes=BIG)
        if at == "verify":
            return "verified"
        open_bundle(verified, STUDY_PRIVATE, max_payload_bytes=BIG)
    except BundleRefused as exc:
        return exc.code
    return "accepted"


def relabel(frame: Frame, kind: bytes) -> Frame:
    return Frame(kind, frame.body, frame.offset)


def test_resigning_the_untouched_frames_is_accepted(tmp_path: Path, parts: list[Frame]) -> None:
    assert code_of(tmp_path, resign_bundle(parts[:-1])) == "accepted"


def test_swapped_chunks(tmp_path: Path, parts: list[Frame]) -> None:
    h, k, c0, c1, c2, f3, _ = parts
    assert code_of(tmp_path, resign_bundle([h, k, c1, c0, c2, f3])) == "bad_chunk"
    assert code_of(tmp_path, resign_bundle([h, k, c0, c2, c1, f3])) == "bad_chunk"


def test_duplicated_chunk(tmp_path: Path, parts: list[Frame]) -> None:
    h, k, c0, c1, c2, f3, _ = parts
    assert code_of(tmp_path, resign_bundle([h, k, c0, c0, c1, c2, f3])) == "bad_chunk"
    assert code_of(tmp_path, resign_bundle([h, k, c0, c1, c1, c2, f3])) == "bad_chunk"


def test_dropped_middle_chunk(tmp_path: Path, parts: list[Frame]) -> None:
    h, k, c0, _, c2, f3, _ = parts
    assert code_of(tmp_path, resign_bundle([h, k, c0, c2, f3])) == "bad_chunk"


def test_cut_at_a_chunk_boundary_without_a_final_chunk(tmp_path: Path, parts: list[Frame]) -> None:
    h, k, c0, c1, c2, _, _ = parts
    assert code_of(tmp_path, resign_bundle([h, k, c0, c1, c2])) == "truncated"
    assert code_of(tmp_path, resign_bundle([h, k])) == "truncated"


def test_cut_with_the_last_chunk_relabelled_final(tmp_path: Path, parts: list[Frame]) -> None:
    # Framing is now perfect; only the final flag in the nonce shows the stream was cut.
    h, k, c0, c1, c2, _, _ = parts
    data = resign_bundle([h, k, c0, c1, relabel(c2, b"F")])
    assert code_of(tmp_path, data, at="verify") == "verified"
    assert code_of(tmp_path, data) == "truncated"
    assert code_of(tmp_path, resign_bundle([h, k, relabel(c0, b"F")])) == "truncated"


def test_final_chunk_relabelled_and_more_appended(tmp_path: Path, parts: list[Frame]) -> None:
    # The real end (F3) is disguised as a full chunk and another chunk follows it.
    h, k, c0, c1, c2, f3, _ = parts
    data = resign_bundle([h, k, c0, c1, c2, relabel(f3, b"C"), f3])
    assert code_of(tmp_path, data, at="verify") == "verified"
    assert code_of(tmp_path, data) == "trailing_data"


def test_chunks_after_the_final_chunk(tmp_path: Path, parts: list[Frame]) -> None:
    h, k, c0, c1, c2, f3, _ = parts
    assert code_of(tmp_path, resign_bundle([h, k, c0, c1, c2, f3, f3])) == "trailing_data"
    assert code_of(tmp_path, resign_bundle([h, k, c0, c1, c2, f3, c0])) == "trailing_data"


def test_data_after_the_signature(tmp_path: Path, parts: list[Frame]) -> None:
    assert code_of(tmp_path, resign_bundle(parts[:-1], trailing=b"x")) == "trailing_data"


def test_flipped_chunk_byte(tmp_path: Path, parts: list[Frame]) -> None:
    h, k, c0, c1, c2, f3, _ = parts
    for target in range(4):
        chunks = [c0, c1, c2, f3]
        body = bytearray(chunks[target].body)
        body[len(body) // 3] ^= 0x40
        chunks[target] = Frame(chunks[target].kind, bytes(body), 0)
        assert code_of(tmp_path, resign_bundle([h, k, *chunks])) == "bad_chunk", target


def test_flipped_sealed_key_byte(tmp_path: Path, parts: list[Frame]) -> None:
    h, k, *rest = parts
    for offset in (0, 500, 1119, 1120, 1167):
        body = bytearray(k.body)
        body[offset] ^= 1
        data = resign_bundle([h, Frame(b"K", bytes(body), 0), *rest[:-1]])
        assert code_of(tmp_path, data) == "bad_key", offset


def test_header_changed_and_resigned_by_the_device_breaks_key_and_chunks(
    tmp_path: Path, parts: list[Frame]
) -> None:
    # Even the device itself cannot move payload under a different header.
    _, *rest = parts
    edited = Frame(b"H", make_header(record_count=0).encode(), 0)
    assert code_of(tmp_path, resign_bundle([edited, *rest[:-1]])) == "bad_key"


def test_parts_from_another_bundle_of_the_same_device(tmp_path: Path, parts: list[Frame]) -> None:
    h, k, c0, c1, c2, f3, _ = parts
    other = tmp_path / "other.sylb"
    write(other, payload_of(4 * K, seed=2))
    _, k2, d0, d1, d2, g3, _ = frames(other.read_bytes())
    assert code_of(tmp_path, resign_bundle([h, k2, c0, c1, c2, f3])) == "bad_chunk"
    assert code_of(tmp_path, resign_bundle([h, k, c0, d1, c2, f3])) == "bad_chunk"
    assert code_of(tmp_path, resign_bundle([h, k, c0, c1, c2, g3])) == "bad_chunk"
    assert code_of(tmp_path, resign_bundle([h, k2, d0, d1, d2, g3])) == "accepted"


def test_empty_final_chunk_after_full_chunks_is_bad_framing(
    tmp_path: Path, parts: list[Frame]
) -> None:
    h, k, c0, *_ = parts
    data = resign_bundle([h, k, c0, Frame(b"F", b"\x00" * 16, 0)])
    assert code_of(tmp_path, data, at="verify") == "bad_framing"
