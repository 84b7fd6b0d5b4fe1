"""Atomic writing, strict header parsing and bounded memory when reading hostile files."""

from __future__ import annotations

import contextlib
import hashlib
import struct
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from sylcollect.errors import InvalidInput
from sylcollect.sync import bundle
from sylcollect.sync.bundle import iter_payload, verify_bundle, write_bundle
from sylcollect.sync.bundle_errors import BundleRefused
from sylcollect.sync.bundle_header import BundleHeader
from tests.core.sync.test_bundle_support import (
    BIG,
    DEVICE_PRIVATE,
    PREFIX,
    STUDY_PRIVATE,
    STUDY_PUBLIC,
    frames,
    make_header,
    payload_of,
    write,
)

K = 64 * 1024

# --------------------------------------------------------------------------- atomic write


class Crash(Exception):
    pass


def crashing(after: int) -> Iterator[bytes]:
    for i in range(after):
        yield payload_of(K, seed=i)
    raise Crash("power cut")


@pytest.mark.parametrize("after", [0, 1, 5])
def test_crash_midway_leaves_no_bundle_and_no_temp_file(tmp_path: Path, after: int) -> None:
    with pytest.raises(Crash):
        write_bundle(
            tmp_path / "b.sylb", make_header(), crashing(after), STUDY_PUBLIC, DEVICE_PRIVATE
        )
    assert list(tmp_path.iterdir()) == []


def test_crash_leaves_an_earlier_bundle_of_that_name_intact(tmp_path: Path) -> None:
    path = tmp_path / "b.sylb"
    digest = write(path, b"first")
    with pytest.raises(Crash):
        write_bundle(path, make_header(), crashing(2), STUDY_PUBLIC, DEVICE_PRIVATE)
    assert [p.name for p in tmp_path.iterdir()] == ["b.sylb"]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


def test_unwritable_folder_is_a_storage_error(tmp_path: Path) -> None:
    from sylcollect.errors import StorageError

    with pytest.raises(StorageError):
        write(tmp_path / "missing" / "b.sylb", b"x")


# --------------------------------------------------------------------------- header


def test_header_encoding_is_canonical_and_round_trips() -> None:
    header = make_header(previous_bundle_hash=None)
    data = header.encode()
    assert data == make_header(previous_bundle_hash=None).encode()
    assert b" " not in data.replace(b"Ann \xc3\x89vans", b"")
    assert BundleHeader.decode(data) == header
    assert header.hash() == hashlib.sha256(data).digest()


def test_header_times_are_kept_in_utc() -> None:
    local = datetime(2026, 3, 1, 10, 30, tzinfo=timezone(timedelta(hours=1)))
    header = make_header(created_at=local)
    assert b'"created_at":"2026-03-01T09:30:00.000000Z"' in header.encode()
    assert BundleHeader.decode(header.encode()).created_at == local


@pytest.mark.parametrize(
    "change",
    [
        {"study_id": ""},
        {"study_id": "../etc"},
        {"device_id": "a b"},
        {"bundle_id": "x" * 129},
        {"fieldworker": " Ann"},
        {"fieldworker": "Ann\n"},
        {"fieldworker": ""},
        {"device_public_key": b"\x00" * 31},
        {"sequence": 0},
        {"sequence": True},
        {"sequence": 1 << 63},
        {"record_count": -1},
        {"previous_bundle_hash": "AB" * 32},
        {"previous_bundle_hash": ""},
        {"created_at": datetime(2026, 3, 1)},  # no time zone
        {"format": 2},
    ],
)
def test_header_fields_are_checked(change: dict[str, object]) -> None:
    with pytest.raises(InvalidInput):
        make_header(**change)


def _mangle(data: bytes, old: bytes, new: bytes) -> bytes:
    assert old in data
    return data.replace(old, new, 1)


GOOD = make_header().encode()


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (GOOD.replace(b",", b", ", 1), "bad_header"),  # not canonical
        (b'{"study_id":"a","study_id":"b"}', "bad_header"),  # duplicate keys
        (_mangle(GOOD, b'"sequence":7', b'"sequence":7,"sequence":8'), "bad_header"),
        (_mangle(GOOD, b'"format":1', b'"format":2'), "unsupported_version"),
        (_mangle(GOOD, b'"format":1', b'"format":1.0'), "bad_header"),
        (_mangle(GOOD, b'"format":1', b'"format":true'), "unsupported_version"),
        (_mangle(GOOD, b'"record_count":12', b'"record_count":"12"'), "bad_header"),
        (_mangle(GOOD, b'"record_count":12', b'"record_count":1e3'), "bad_header"),
        (_mangle(GOOD, b'"record_count":12', b'"record_count":NaN'), "bad_header"),
        (_mangle(GOOD, b'"sequence":7', b'"sequence":0'), "bad_header"),
        (_mangle(GOOD, b'"created_at":"2026-03-01', b'"created_at":"2026-02-30'), "bad_header"),
        (_mangle(GOOD, b'"bundle_id"', b'"extra":1,"bundle_id"'), "bad_header"),
        (GOOD[:-1] + b',"zz":1}', "bad_header"),
        (b"[1]", "bad_header"),
        (b"\xff\xfe", "bad_header"),
        (b"[" * 60000, "bad_header"),
        (b'{"a":' * 10000 + b"1" + b"}" * 10000, "bad_header"),
        (b'{"format":1,"x":' + b"9" * 5000 + b"}", "bad_header"),
    ],
)
def test_header_parsing_is_strict(data: bytes, code: str) -> None:
    with pytest.raises(BundleRefused) as info:
        BundleHeader.decode(data)
    assert info.value.code == code


def test_uppercase_key_hex_is_refused() -> None:
    header = make_header()
    key_hex = header.device_public_key.hex().encode()
    data = header.encode().replace(key_hex, key_hex.upper())
    if data != header.encode():  # the key has letters in it
        with pytest.raises(BundleRefused):
            BundleHeader.decode(data)


# --------------------------------------------------------------------------- memory


def _peak_kib(fn: object) -> float:
    tracemalloc.start()
    with contextlib.suppress(BundleRefused):
        fn()  # type: ignore[operator]
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1024


@pytest.mark.parametrize(
    "tail",
    [
        struct.pack(">cI", b"H", 0xFFFFFFFF),
        struct.pack(">cI", b"H", 64 * 1024) + b"{",
        struct.pack(">cI", b"Z", 0xFFFFFFFF),
    ],
)
def test_huge_lengths_in_the_file_are_never_allocated(tmp_path: Path, tail: bytes) -> None:
    path = tmp_path / "hostile.sylb"
    path.write_bytes(bundle.MAGIC + b"\x01" + tail)
    assert _peak_kib(lambda: verify_bundle(path, max_bytes=BIG)) < 256


def test_huge_chunk_length_is_never_allocated(tmp_path: Path) -> None:
    path = tmp_path / "b.sylb"
    write(path, b"x")
    data = path.read_bytes()
    chunk = frames(data)[2]
    hostile = data[: chunk.offset] + struct.pack(">cI", b"C", 0xFFFFFFF0) + b"\x00" * 100
    path.write_bytes(hostile)
    with pytest.raises(BundleRefused) as info:
        verify_bundle(path, max_bytes=BIG)
    assert info.value.code == "bad_framing"
    assert _peak_kib(lambda: verify_bundle(path, max_bytes=BIG)) < 256


def test_verify_and_open_stream_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "b.sylb"
    write(path, payload_of(8 * 1024 * 1024))
    verified = verify_bundle(path, max_bytes=BIG)
    assert _peak_kib(lambda: verify_bundle(path, max_bytes=BIG)) < 1024

    def consume() -> None:
        for _ in iter_payload(verified, STUDY_PRIVATE, max_payload_bytes=BIG):
            pass

    assert _peak_kib(consume) < 1024


def test_write_streams_in_bounded_memory(tmp_path: Path) -> None:
    piece = payload_of(K // 2)

    def pieces() -> Iterator[bytes]:
        for _ in range(256):  # 8 MiB in all
            yield piece

    def run() -> None:
        write_bundle(tmp_path / "b.sylb", make_header(), pieces(), STUDY_PUBLIC, DEVICE_PRIVATE)

    assert _peak_kib(run) < 1024


def test_file_that_changes_size_while_read_is_refused(tmp_path: Path) -> None:
    from sylcollect.sync import bundle_framing as fr

    path = tmp_path / "b.sylb"
    write(path, payload_of(3 * K))
    size = path.stat().st_size
    for claimed, expected in ((size - 1, "truncated"), (PREFIX, "truncated")):
        with path.open("rb") as stream:
            reader = fr.FrameReader(stream, claimed, BundleRefused)
            with pytest.raises(BundleRefused) as info:
                list(bundle._walk(reader))
        assert info.value.code == expected
    with path.open("rb") as stream:  # grew after it was sized: the extra byte is seen
        path.write_bytes(path.read_bytes() + b"x")
        reader = fr.FrameReader(stream, size, BundleRefused)
        with pytest.raises(BundleRefused) as info:
            list(bundle._walk(reader))
    assert info.value.code == "trailing_data"


def test_created_at_defaults_are_not_implicit() -> None:
    with pytest.raises(TypeError):
        BundleHeader("s", "d", b"k" * 32, "f", 1, None, 0, "b")  # type: ignore[call-arg]
    assert make_header().created_at.tzinfo is UTC
