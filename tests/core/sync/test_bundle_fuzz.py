"""Fuzzing the bundle parser: only BundleRefused ever escapes, and memory stays bounded."""

from __future__ import annotations

import contextlib
import hashlib
import struct
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sylcollect.sync import bundle
from sylcollect.sync.bundle import open_bundle, verify_bundle
from sylcollect.sync.bundle_errors import BundleRefused
from tests.core.sync.test_bundle_support import (
    STUDY_PRIVATE,
    payload_of,
    resign_bytes,
    write,
)

K = 64 * 1024
PAYLOAD = payload_of(2 * K + 50)
CAP = 1 << 20  # the caps under fuzz: 1 MiB file, 1 MiB payload
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@pytest.fixture(scope="module")
def valid(folder: Path) -> bytes:
    path = folder / "valid.sylb"
    write(path, PAYLOAD)
    return path.read_bytes()


def outcome(path: Path, data: bytes) -> bytes | None:
    """The payload if the bundle is accepted, None if refused; any other exception escapes."""
    path.write_bytes(data)
    try:
        verified = verify_bundle(path, max_bytes=CAP)
        return open_bundle(verified, STUDY_PRIVATE, max_payload_bytes=CAP)
    except BundleRefused as exc:
        assert exc.code and exc.message
        return None


def mutate(data: bytes, ops: list[tuple[int, int, int, bytes]]) -> bytes:
    """Applies (kind, where, n, extra) edits: flip, overwrite, insert, delete, cut, repeat."""
    out = bytearray(data)
    for kind, where, n, extra in ops:
        if not out:
            out += extra
            continue
        at = where % len(out)
        if kind == 0:
            out[at] ^= 1 << (n % 8)
        elif kind == 1:
            out[at : at + len(extra)] = extra
        elif kind == 2:
            out[at:at] = extra
        elif kind == 3:
            del out[at : at + n]
        elif kind == 4:
            del out[at:]
        else:
            out[at:at] = out[at : at + n]
    return bytes(out)


OPS = st.lists(
    st.tuples(
        st.integers(0, 5),
        st.integers(0, 1 << 20),
        st.integers(1, 70_000),
        st.binary(min_size=1, max_size=16),
    ),
    min_size=1,
    max_size=4,
)


@FUZZ
@given(data=st.binary(max_size=4096), with_magic=st.booleans())
def test_random_bytes(folder: Path, data: bytes, with_magic: bool) -> None:
    if with_magic:
        data = bundle.MAGIC + b"\x01" + data
    assert outcome(folder / "random.sylb", data) is None


@FUZZ
@given(ops=OPS)
def test_mutations_of_a_valid_bundle(folder: Path, valid: bytes, ops: list) -> None:  # type: ignore[type-arg]
    data = mutate(valid, ops)
    result = outcome(folder / "mutated.sylb", data)
    assert result is None or (data == valid and result == PAYLOAD)


@FUZZ
@given(ops=OPS)
def test_resigned_mutations_never_yield_other_data(folder: Path, valid: bytes, ops: list) -> None:  # type: ignore[type-arg]
    # Even with a valid device signature, any edit of the signed part is refused: the sealed
    # key and every chunk are bound to the exact header bytes and their place.
    body = mutate(valid[:-69], ops)
    data = resign_bytes(body + valid[-69:])
    result = outcome(folder / "resigned.sylb", data)
    if result is not None:
        assert body == valid[:-69] and result == PAYLOAD


HEAD = st.tuples(
    st.sampled_from([b"H", b"K", b"C", b"F", b"S", b"\x00", b"\xff"]),
    st.integers(0, 0xFFFFFFFF),
)


@settings(max_examples=60, deadline=None)
@example(heads=[(b"C", 0xFFFFFFFF)], cap=1 << 40)
@example(heads=[(b"K", 1168), (b"F", 65552)], cap=1 << 40)
@given(heads=st.lists(HEAD, min_size=1, max_size=4), cap=st.integers(0, 1 << 40))
def test_lengths_from_the_file_are_never_allocated(
    folder: Path, valid: bytes, heads: list[tuple[bytes, int]], cap: int
) -> None:
    # A valid start, then frame heads claiming any length; the parser must check each length
    # against its fixed caps before reading, so memory stays small whatever they claim.
    start = valid[: len(bundle.MAGIC) + 1 + 5 + len(_header(valid))]
    data = start + b"".join(struct.pack(">cI", k, n) + b"\x00" * 64 for k, n in heads)
    path = folder / "heads.sylb"
    path.write_bytes(data)
    tracemalloc.start()
    with contextlib.suppress(BundleRefused):
        verify_bundle(path, max_bytes=cap)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 200 * 1024


def _header(valid: bytes) -> bytes:
    (length,) = struct.unpack(">I", valid[11:15])
    return valid[15 : 15 + length]


def test_fuzz_fixture_is_a_valid_bundle(folder: Path, valid: bytes) -> None:
    assert outcome(folder / "check.sylb", valid) == PAYLOAD
    assert (
        hashlib.sha256(_header(valid)).digest() == bundle.BundleHeader.decode(_header(valid)).hash()
    )
