"""Fuzzing the study-package parser: only PackageRefused ever escapes, memory stays bounded."""

from __future__ import annotations

import contextlib
import struct
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sylcollect.sync.bundle_errors import PackageRefused
from sylcollect.sync.package import MAGIC, read_package
from tests.core.sync.test_bundle_fuzz import OPS, mutate
from tests.core.sync.test_package import STUDY_SIGNING_PUBLIC, make, signed_file

CAP = 1 << 20
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pkgfuzz")


@pytest.fixture(scope="module")
def valid(folder: Path) -> bytes:
    return make(folder / "valid.sylpkg").read_bytes()


def accepted(path: Path, data: bytes, trusted: bytes | None) -> bool:
    path.write_bytes(data)
    try:
        read_package(path, trusted_signing_public=trusted, max_bytes=CAP)
    except PackageRefused as exc:
        assert exc.code and exc.message
        return False
    return True


@FUZZ
@given(data=st.binary(max_size=4096), with_magic=st.booleans(), tofu=st.booleans())
def test_random_bytes(folder: Path, data: bytes, with_magic: bool, tofu: bool) -> None:
    if with_magic:
        data = MAGIC + b"\x01" + data
    trusted = None if tofu else STUDY_SIGNING_PUBLIC
    assert not accepted(folder / "random.sylpkg", data, trusted)


@FUZZ
@given(ops=OPS, tofu=st.booleans())
def test_mutations_of_a_valid_package(folder: Path, valid: bytes, ops: list, tofu: bool) -> None:  # type: ignore[type-arg]
    data = mutate(valid, ops)
    trusted = None if tofu else STUDY_SIGNING_PUBLIC
    assert not accepted(folder / "mutated.sylpkg", data, trusted) or data == valid


@FUZZ
@given(ops=OPS)
def test_resigned_mutations_of_the_content(folder: Path, valid: bytes, ops: list) -> None:  # type: ignore[type-arg]
    # Validly signed nonsense must still be refused cleanly by the content checks.
    (length,) = struct.unpack(">I", valid[11:15])
    body = mutate(valid[15 : 15 + length], ops)
    accepted(folder / "resigned.sylpkg", signed_file(body), STUDY_SIGNING_PUBLIC)


@settings(max_examples=60, deadline=None)
@example(length=0xFFFFFFF0, cap=1 << 40)
@example(length=0x7FFFFFFF, cap=0x7FFFFFFF)
@given(length=st.integers(0, 0xFFFFFFFF), cap=st.integers(0, 1 << 40))
def test_claimed_lengths_are_never_allocated(folder: Path, length: int, cap: int) -> None:
    path = folder / "len.sylpkg"
    path.write_bytes(MAGIC + b"\x01" + struct.pack(">cI", b"P", length) + b"{}" * 32)
    tracemalloc.start()
    with contextlib.suppress(PackageRefused):
        read_package(path, trusted_signing_public=None, max_bytes=cap)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 200 * 1024
