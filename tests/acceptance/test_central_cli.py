"""`sylcollect central init|import|devices|approve|receipt` end to end through the CLI."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from sylcollect.crypto import kdf
from sylcollect.domain.study import Study
from sylcollect.sync.receipt import read_receipt
from sylcollect.sync.study_home import StudyHome
from tests.conftest import PASSWORD, run_cli
from tests.core.sync.test_import_support import (
    PG_URL,
    Device,
    needs_pg,
    participant,
    pg_url,  # noqa: F401 (fixture)
    record,
)


@pytest.fixture
def floor_kdf() -> Iterator[None]:
    """Key slots at the real floor (the CLI refuses cheaper ones), without calibrating."""
    saved = kdf.policy.default
    kdf.policy.default = kdf.FLOOR
    try:
        yield
    finally:
        kdf.policy.default = saved


def _home(tmp_path: Path, study: Study) -> tuple[Path, Device]:
    home = tmp_path / "home"
    StudyHome.create(home, study, PASSWORD)
    package = StudyHome.open(home).current_package()
    return home, Device(package.study_id, package.hpke_public_key)


def _flow(tmp_path: Path, home: Path, device: Device, db: list[str]) -> None:
    data = tmp_path / "data"
    res = run_cli(data, "central", "init", "--home", str(home), *db)
    assert res.code == 0, res.err
    assert "Recovery key" in res.out
    out = tmp_path / "export"
    p = participant("DH-001")
    first = device.bundle(out, [p, record(p)])
    res = run_cli(data, "central", "import", "--home", str(home), *db, str(out))
    assert res.code == 0, res.err
    assert "quarantine" in res.out and not first.exists()
    res = run_cli(data, "central", "devices", "--home", str(home), "--json")
    [dev] = json.loads(res.out)
    assert (dev["device_id"], dev["status"], dev["quarantined"]) == (device.device_id, "pending", 1)

    res = run_cli(data, "central", "approve", device.device_id, "--home", str(home))
    assert res.code == 0, res.err
    assert "imported device" in res.out
    res = run_cli(data, "central", "devices", "--home", str(home), "--json")
    [dev] = json.loads(res.out)
    assert (dev["status"], dev["imported"], dev["quarantined"]) == ("approved", 1, 0)

    second = device.bundle(out, [record(None)])
    kept = second.read_bytes()
    bad = out / "bad.sylb"
    bad.write_bytes(kept[:-1] + bytes([kept[-1] ^ 1]))
    res = run_cli(data, "central", "import", "--home", str(home), str(second), str(bad))
    assert res.code == 1
    assert res.err.count("\n") == 1 and res.err.startswith(
        "error: bad.sylb: refused (bad_signature)"
    )
    assert "Traceback" not in res.err and bad.exists() and not second.exists()
    second.write_bytes(kept)
    res = run_cli(data, "central", "import", "--home", str(home), str(second), "--json")
    assert res.code == 0 and json.loads(res.out)[0]["status"] == "duplicate"

    receipt = tmp_path / "r.sylr"
    res = run_cli(data, "central", "receipt", "--home", str(home), "--device", device.device_id,
                  "--out", str(receipt))  # fmt: skip
    assert res.code == 0, res.err
    signing_key = StudyHome.open(home).signing_public_key
    got = read_receipt(
        receipt, trusted_signing_public=signing_key, study_id=device.study_id,
        device_id=device.device_id,
    )  # fmt: skip
    assert got.up_to_sequence == 2 and len(got.records) == 2

    res = run_cli(data, "central", "import", "--home", str(home), str(out), password="wrong one")
    assert res.code == 1 and res.err.startswith("error: ")


def test_central_cli_sqlite(tmp_path: Path, floor_kdf: None, demo_study: Study) -> None:
    home, device = _home(tmp_path, demo_study)
    _flow(tmp_path, home, device, [])
    assert (home / "central.db").is_file()
    if os.name == "posix":
        assert (home / "central.db").stat().st_mode & 0o077 == 0


@needs_pg
@pytest.mark.slow
def test_central_cli_postgresql(
    tmp_path: Path,
    floor_kdf: None,
    demo_study: Study,
    pg_url: str,  # noqa: F811
) -> None:
    assert PG_URL
    home, device = _home(tmp_path, demo_study)
    _flow(tmp_path, home, device, ["--db", pg_url])
    assert json.loads((home / "central.json").read_text())["db"].startswith("postgresql")
