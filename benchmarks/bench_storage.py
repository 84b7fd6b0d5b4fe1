"""Storage benchmarks: saving a record, bulk insert, unlock cost, opening a large workspace."""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from benchmarks.harness import Measure, median_ms, ratio_measure, seconds
from sylcollect.crypto import kdf, slots
from sylcollect.crypto.testing import cheap_kdf
from sylcollect.domain.record import Record, RecordStatus, SubjectKind
from sylcollect.domain.study import FormRef, Site, Study, Wave
from sylcollect.storage.workspace import Workspace

PASSWORD = "benchmark pass phrase here"
STUDY = Study(
    id="bench",
    name="Bench",
    version=1,
    description="",
    sites=(Site("s1", "Site one", "P"),),
    waves=(Wave("baseline", "Baseline"),),
    milestones=(),
    forms=(FormRef("f", "1", "F", "f.md", "site", "| survey |"),),
)
ANSWERS = {f"q{i}": f"answer text number {i}" for i in range(40)}


def _record() -> Record:
    return Record(
        str(uuid.uuid4()),
        "f",
        "1",
        SubjectKind.SITE,
        "s1",
        answers=ANSWERS,
        status=RecordStatus.FINAL,
    )


def _fill(ws, n: int) -> None:  # type: ignore[no-untyped-def]
    batch = 5000
    for start in range(0, n, batch):
        with ws.transaction() as tx:
            tx.records.add_many([_record() for _ in range(min(batch, n - start))])


def _raw_db(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "secure_delete=ON"):
        db.execute(f"PRAGMA {pragma}")
    db.execute(
        "CREATE TABLE record (uuid TEXT PRIMARY KEY, form_id TEXT, form_version TEXT, "
        "subject TEXT, site_id TEXT, participant_uuid TEXT, status TEXT, key_id TEXT, "
        "revision INTEGER, created_at TEXT, updated_at TEXT, content_ct BLOB)"
    )
    return db


def _raw_row(blob: bytes) -> tuple[object, ...]:
    now = "2026-01-01T00:00:00+00:00"
    return (str(uuid.uuid4()), "f", "1", "site", "s1", None, "final", "ws", 1, now, now, blob)


def _sample_blob(ws) -> bytes:  # type: ignore[no-untyped-def]
    with ws.transaction() as tx:
        return bytes(tx.seal("record", "x", "content", 1, "ws", _record().content_json()))


def save_one(quick: bool) -> list[Measure]:
    sizes = (2_000, 10_000) if quick else (10_000, 100_000)
    repeats = 30 if quick else 100
    out: list[Measure] = []
    medians: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp, cheap_kdf():
        ws, _ = Workspace.create(Path(tmp) / "ws", STUDY, "bench", PASSWORD)
        filled = 0
        blob = _sample_blob(ws)
        raw = _raw_db(Path(tmp) / "raw.db")
        raw.executemany(
            "INSERT INTO record VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [_raw_row(blob) for _ in range(sizes[-1])],
        )
        for size in sizes:
            _fill(ws, size - filled)
            filled = size

            def one() -> None:
                with ws.transaction() as tx:
                    tx.records.add(_record())

            medians[size] = median_ms(one, repeats)
            filled += repeats

            def raw_one() -> None:
                raw.execute("BEGIN")
                raw.execute("INSERT INTO record VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", _raw_row(blob))
                raw.execute("COMMIT")

            baseline = median_ms(raw_one, repeats)
            m = ratio_measure(
                f"save_one_record_{size}",
                medians[size],
                "ms",
                "raw sqlite3 insert+commit of the same bytes",
                baseline,
                10.0,
            )
            m.target = "< 10 ms (absolute); ratio reported"
            m.ok = medians[size] < 10.0
            out.append(m)
        small, large = medians[sizes[0]], medians[sizes[-1]]
        out.append(
            ratio_measure(
                f"save_one_record_growth_{sizes[0]}_to_{sizes[-1]}",
                large,
                "ms",
                f"save one record with {sizes[0]} stored",
                small,
                1.5,
            )
        )
        ws.lock()
        raw.close()
    return out


def bulk(quick: bool) -> list[Measure]:
    n = 10_000 if quick else 100_000
    with tempfile.TemporaryDirectory() as tmp, cheap_kdf():
        ws, _ = Workspace.create(Path(tmp) / "ws", STUDY, "bench", PASSWORD)
        records = [_record() for _ in range(n)]

        def ours() -> None:
            with ws.transaction() as tx:
                tx.records.add_many(records)

        ours_s = seconds(ours)
        blob = _sample_blob(ws)
        rows = [_raw_row(blob) for _ in range(n)]
        raw = _raw_db(Path(tmp) / "raw.db")

        def baseline() -> None:
            raw.execute("BEGIN")
            raw.executemany("INSERT INTO record VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
            raw.execute("COMMIT")

        base_s = seconds(baseline)
        ws.lock()
        raw.close()
    return [
        ratio_measure(
            f"bulk_insert_{n}_records",
            ours_s,
            "s",
            "sqlite3.executemany of the same rows",
            base_s,
            2.0,
            note="ours includes JSON encoding and AES-GCM of every record",
        )
    ]


def unlock(quick: bool) -> list[Measure]:
    params = kdf.calibrate()
    slot = slots.make_slot("b", "user", "bench", b"pw", b"k" * 32, params)
    times = [seconds(lambda: slots.open_slot(slot, b"pw")) for _ in range(3 if quick else 5)]
    value = statistics.median(times)
    return [
        Measure(
            "unlock_default_argon2id",
            value,
            "s",
            "0.3-1.0 s (absolute, a security cost)",
            0.3 <= value <= 1.0,
            extra={"params": params.to_json()},
        )
    ]


def open_large(quick: bool) -> list[Measure]:
    n = 10_000 if quick else 100_000
    with tempfile.TemporaryDirectory() as tmp, cheap_kdf():
        folder = Path(tmp) / "ws"
        ws, _ = Workspace.create(folder, STUDY, "bench", PASSWORD)
        _fill(ws, n)
        ws.lock()
        ws.workspace.close()
        start = time.perf_counter()
        opened = Workspace.open(folder).unlock("bench", PASSWORD)
        _ = opened.study
        with opened.transaction() as tx:
            count = tx.records.count()
        value = time.perf_counter() - start
        opened.lock()
    assert count == n
    return [
        Measure(
            f"open_workspace_{n}_records",
            value,
            "s",
            "< 1 s after key derivation (absolute; test-cost Argon2id)",
            value < 1.0,
        )
    ]


BENCHMARKS = {
    "storage.save_one": save_one,
    "storage.bulk": bulk,
    "storage.unlock": unlock,
    "storage.open_large": open_large,
}
