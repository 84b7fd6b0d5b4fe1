"""`sylcollect central conflicts|resolve` end to end: keep a laptop's version, refusals with
one `error: ` line (unknown record, unknown device, withdrawn participant)."""

from __future__ import annotations

import json
from pathlib import Path

from sylcollect.domain.study import Study
from sylcollect.sync.central import locate, open_central, unlock_central
from tests.acceptance.test_central_cli import floor_kdf  # noqa: F401 (fixture)
from tests.conftest import PASSWORD, run_cli
from tests.core.sync.test_import_support import (
    checkin,
    make_central,
    participant,
    record,
    tombstone,
)


def _clashes(home: Path, out: Path, study: Study) -> dict[str, str]:
    """A central store holding two conflicts: a site record (laptop b's version kept, a's
    beside it) and a participant's record whose participant then withdrew."""
    central = make_central(home, study)
    a, b = central.device(), central.device()
    central.approve(a)
    central.approve(b)
    site = record(None, {"notes": "from laptop a"})
    yp = participant("DH-001")
    mine = record(yp, checkin("not_good"))
    central.import_copy(a.bundle(out, [site, yp, mine]))
    central.import_copy(
        b.bundle(
            out,
            [
                record(None, {"notes": "from laptop b"}, uuid=site.uuid, revision=2, minutes=3),
                record(yp, checkin("good"), uuid=mine.uuid, revision=2, minutes=3),
            ],
        )
    )
    central.import_copy(a.bundle(out, [tombstone(yp)]))
    central.store.lock()
    central.store.workspace.close()
    return {"a": a.device_id, "b": b.device_id, "site": site.uuid, "withdrawn": mine.uuid}


def test_resolve_through_the_cli(tmp_path: Path, floor_kdf: None, demo_study: Study) -> None:  # noqa: F811
    home, data = tmp_path / "home", tmp_path / "data"
    ids = _clashes(home, tmp_path / "out", demo_study)
    central = ["--home", str(home)]

    res = run_cli(data, "central", "conflicts", *central, "--json")
    assert res.code == 0, res.err
    listed = {c["record_uuid"]: c for c in json.loads(res.out)}
    # the withdrawn participant's conflict went with their versions: nothing to choose
    assert set(listed) == {ids["site"]}
    res = run_cli(data, "central", "conflicts", *central)
    assert "central resolve RECORD_UUID --keep central|DEVICE_ID" in res.out

    for args, message in (
        ([ids["site"], "--keep", "nope"], f"error: record {ids['site']} has no version from "),
        (["f" * 8, "--keep", "central"], "error: no record ffffffff in the central store"),
        ([ids["withdrawn"], "--keep", ids["a"]], "error: participant DH-001 has withdrawn"),
    ):
        res = run_cli(data, "central", "resolve", *args, *central)
        assert res.code == 1 and res.err.startswith(message), res.err
        assert res.err.count("\n") == 1 and "Traceback" not in res.err
    res = run_cli(data, "central", "resolve", ids["site"], *central)
    assert res.code == 2 and "--keep" in res.err  # a usage error

    keep = ["--keep", ids["a"], "--by", "sam"]
    res = run_cli(data, "central", "resolve", ids["site"], *keep, *central, "--json")
    assert res.code == 0, res.err
    done = json.loads(res.out)
    assert (done["kept"]["device_id"], done["kept"]["revision"]) == (ids["a"], 1)
    assert [d["device_id"] for d in done["discarded"]] == [ids["b"]]
    assert done["revision"] == 3

    res = run_cli(data, "central", "conflicts", *central, "--json")
    assert json.loads(res.out) == []
    res = run_cli(data, "central", "resolve", ids["site"], "--keep", "central", *central)
    assert res.code == 1 and res.err.startswith(f"error: record {ids['site']} has no conflict")

    store = unlock_central(open_central(locate(home)), PASSWORD)
    try:
        with store.transaction() as tx:
            assert tx.records.get(ids["site"]).answers["notes"] == "from laptop a"
            [event] = tx.audit_log.events(entity_uuid=ids["site"], limit=1)
        assert event.details is not None and event.details["by"] == "sam"
        assert "from laptop" not in json.dumps(event.details)
    finally:
        store.lock()
        store.workspace.close()
