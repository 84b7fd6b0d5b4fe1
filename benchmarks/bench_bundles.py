"""Bundle benchmarks: sealing and opening throughput against raw AES-GCM on the same bytes."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from benchmarks.harness import Measure
from sylcollect.crypto import hpke, signing
from sylcollect.sync.bundle import CHUNK_BYTES, open_bundle, verify_bundle, write_bundle
from sylcollect.sync.bundle_header import BundleHeader

TARGET_MB_S = 100.0


def _pieces(data: bytes, size: int = 256 * 1024) -> Iterator[memoryview]:
    view = memoryview(data)
    for start in range(0, len(data), size):
        yield view[start : start + size]


def _raw_gcm(data: bytes) -> None:
    """The baseline: AES-256-GCM over the same bytes in 64 KiB chunks, no file, no hashing."""
    aead = AESGCM(os.urandom(32))
    view = memoryview(data)
    for index, start in enumerate(range(0, len(data), CHUNK_BYTES)):
        aead.encrypt(index.to_bytes(12, "big"), view[start : start + CHUNK_BYTES], b"ad")


def _best(fn: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times) if repeats < 3 else statistics.median(times)


def throughput(quick: bool) -> list[Measure]:
    size_mb = 8 if quick else 64
    repeats = 3
    data = os.urandom(size_mb * 1024 * 1024)
    study_private = hpke.generate_private_key()
    study_public = hpke.public_key(study_private)
    device_private = signing.generate_private_key()
    header = BundleHeader(
        study_id="bench",
        device_id=str(uuid.uuid4()),
        device_public_key=signing.public_key(device_private),
        fieldworker="bench",
        sequence=1,
        previous_bundle_hash=None,
        record_count=1,
        bundle_id=str(uuid.uuid4()),
        created_at=datetime.now(UTC),
    )
    baseline_s = _best(lambda: _raw_gcm(data), repeats)
    baseline = size_mb / baseline_s
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sylb"

        def seal() -> None:
            write_bundle(path, header, _pieces(data), study_public, device_private)

        seal_s = _best(seal, repeats)
        cap = len(data) * 2

        def verify_and_open() -> None:
            verified = verify_bundle(path, max_bytes=cap)
            assert len(open_bundle(verified, study_private, max_payload_bytes=cap)) == len(data)

        open_s = _best(verify_and_open, repeats)
    for name, seconds, note in (
        ("seal", seal_s, "write_bundle: chunk, encrypt, hash, sign, fsync, rename"),
        ("open", open_s, "verify_bundle (read, hash, signature) then open_bundle (read again)"),
    ):
        value = size_mb / seconds
        out.append(
            Measure(
                f"bundle_{name}_{size_mb}MB",
                value,
                "MB/s",
                f">= {TARGET_MB_S} MB/s (absolute); ratio to raw AES-GCM reported",
                value >= TARGET_MB_S,
                "raw AESGCM.encrypt of the same bytes in 64 KiB chunks (in memory)",
                baseline,
                {"note": note},
            )
        )
    return out


BENCHMARKS = {"bundles.throughput": throughput}
