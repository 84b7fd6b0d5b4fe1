"""`sylcollect central export` end to end: bundles from two devices imported through the CLI,
then CSV and SPSS files read back, identifiers only on request (audited), an empty store."""

from __future__ import annotations

import csv
import io
import itertools
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pyreadstat
import pytest

from sylcollect.cli import cmd_export, main
from sylcollect.crypto import kdf
from sylcollect.domain.audit import AuditAction
from sylcollect.domain.study import Study
from sylcollect.storage.repo_records import Records
from sylcollect.sync.central import locate, open_central, unlock_central
from sylcollect.sync.payload import ObservationItem
from sylcollect.sync.study_home import StudyHome
from tests.conftest import PASSWORD, CliResult, run_cli
from tests.core.sync.test_import_support import Device, checkin, participant, record

NAMES = ("Fake DH-001", "Fake DH-002", "Fake SS-001")
OBSERVATION = ObservationItem(
    "0b5e7000-0000-4000-8000-000000000001",
    "durham-house",
    1,
    "2026-03-01T09:30:00+00:00",
    "2026-03-01T09:30:00+00:00",
    {
        "activity_type": "Group work",
        "started_at": "2026-03-01T08:00:00",
        "duration_minutes": 60,
        "participant_codes": ["DH-001", "DH-002"],
        "notes": "fake observation notes",
        "tags": ["Engagement"],
        "milestone_ids": ["dh-e1"],
        "observed_by": "fieldworker-ann",
    },
)


def _floor_home(folder: Path, study: Study) -> Path:
    """A study home with key slots at the real floor (the CLI refuses cheaper ones)."""
    saved = kdf.policy.default
    kdf.policy.default = kdf.FLOOR
    try:
        StudyHome.create(folder, study, PASSWORD)
    finally:
        kdf.policy.default = saved
    return folder


def _central(home: Path, *args: str, password: str = PASSWORD) -> CliResult:
    return run_cli(home.parent / "data", "central", *args, "--home", str(home), password=password)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory, demo_study: Study) -> Path:
    """A central store with bundles from two laptops, each approved through the CLI."""
    root = tmp_path_factory.mktemp("central-export")
    home = _floor_home(root / "home", demo_study)
    assert _central(home, "init").code == 0
    package = StudyHome.open(home).current_package()
    a, b = (Device(package.study_id, package.hpke_public_key) for _ in range(2))
    dh1, dh2 = participant("DH-001"), participant("DH-002")
    ss1 = participant("SS-001", "safe-steps")
    bundles = root / "bundles"
    a.bundle(bundles, [dh1, dh2, record(dh1, checkin("good")), record(dh2, checkin("not_good")),
                       record(None), OBSERVATION])  # fmt: skip
    b.bundle(bundles, [ss1, record(ss1, checkin("great"))])
    res = _central(home, "import", str(bundles))
    assert res.code == 0, res.err
    for device in (a, b):
        res = _central(home, "approve", device.device_id)
        assert res.code == 0 and "imported device" in res.out, res.err
    return home


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _no_names(folder: Path) -> bool:
    data = b"".join(p.read_bytes() for p in folder.iterdir())
    return not any(n.encode() in data for n in NAMES) and b"2009-05-01" not in data


def _exports(home: Path) -> list[dict[str, Any]]:
    """The central store's export events, newest first, each with the number of identity
    views in the whole log."""
    store = open_central(locate(home))
    try:
        unlocked = unlock_central(store, PASSWORD)
        with unlocked.transaction() as tx:
            events = [e for e in tx.audit_log.events() if e.action is AuditAction.EXPORT]
            shown = [e for e in tx.audit_log.events() if e.action is AuditAction.VIEW_IDENTITY]
        unlocked.lock()
    finally:
        store.close()
    return [{**(e.details or {}), "identities_viewed": len(shown)} for e in events]


def test_csv_de_identified(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    res = _central(home, "export", "--format", "csv", "--out", str(out), "--json")
    assert res.code == 0, res.err
    info = json.loads(res.out)
    assert info["records"] == 4 and info["rows"]["yp_checkin"] == 3
    assert info["rows"]["site_indicators"] == 1 and info["rows"]["gad7"] == 0
    rows = {r["participant_code"]: r for r in _read(out / "yp_checkin.csv")}
    assert set(rows) == {"DH-001", "DH-002", "SS-001"}
    assert (rows["DH-002"]["feel_week"], rows["SS-001"]["site_id"]) == ("not_good", "safe-steps")
    assert "participant_name" not in rows["DH-001"]
    assert {"gad7.csv", "codebook.csv", "codebook.pdf"} <= {p.name for p in out.iterdir()}
    assert _no_names(out)


def test_observations_from_the_devices(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "obs"
    day = ["--from", "2026-03-01", "--to", "2026-03-01"]
    res = _central(home, "export", "--format", "sav", "--out", str(out), "--json",
                   "--form", "observations", *day)  # fmt: skip
    assert res.code == 0, res.err
    assert json.loads(res.out)["rows"] == {"observations": 1}
    df, meta = pyreadstat.read_sav(str(out / "observations.sav"))
    assert list(df["observation_uuid"]) == [OBSERVATION.uuid]
    assert list(df["participant_codes"]) == ["DH-001 DH-002"]
    assert list(df["duration_minutes"]) == [60] and list(df["notes"]) == ["fake observation notes"]
    assert meta.column_names_to_labels["started_at"].startswith("When the activity started")
    assert "observed_by" not in df.columns and _no_names(out)
    assert b"fieldworker-ann" not in (out / "observations.sav").read_bytes()
    res = _central(home, "export", "--format", "csv", "--out", str(tmp_path / "later"), "--json",
                   "--form", "observations", "--from", "2026-03-02")  # fmt: skip
    assert json.loads(res.out)["rows"] == {"observations": 0}


def test_sav_with_labels_and_filters(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "sav"
    res = _central(home, "export", "--format", "sav", "--out", str(out),
                   "--form", "yp_checkin", "--site", "durham-house")  # fmt: skip
    assert res.code == 0, res.err
    assert "identify people" not in res.out
    assert sorted(p.name for p in out.iterdir()) == [
        "codebook.csv",
        "codebook.pdf",
        "yp_checkin.sav",
        "yp_checkin__trusted_people.sav",
    ]
    df, meta = pyreadstat.read_sav(str(out / "yp_checkin.sav"))
    assert sorted(df["participant_code"]) == ["DH-001", "DH-002"]
    labels = meta.variable_value_labels["feel_week"]
    assert len({labels[v] for v in df["feel_week"]}) == 2
    assert meta.column_names_to_labels["feel_week"]
    assert _no_names(out)


def test_identifiers_on_request_are_audited(home: Path, tmp_path: Path) -> None:
    earlier = _exports(home)
    before, viewed = len(earlier), earlier[0]["identities_viewed"] if earlier else 0
    out = tmp_path / "ids"
    res = _central(home, "export", "--format", "csv", "--out", str(out), "--include-identifiers")
    assert res.code == 0, res.err
    assert "identify people" in res.out
    rows = {r["participant_code"]: r for r in _read(out / "yp_checkin.csv")}
    assert rows["DH-001"]["participant_name"] == "Fake DH-001"
    events = _exports(home)
    assert len(events) == before + 1
    last = events[0]
    assert last["include_identifiers"] is True and last["store"] == "central"
    assert last["identities_viewed"] == viewed + 3  # one per person in the files
    assert "Fake" not in json.dumps(last)


def test_bad_filter_is_one_error_line(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "none"
    res = _central(home, "export", "--format", "csv", "--out", str(out), "--site", "atlantis")
    assert res.code == 1 and res.err.startswith("error: unknown site 'atlantis'")
    assert res.err.count("\n") == 1 and not out.exists()
    res = _central(home, "export", "--format", "csv", "--out", str(out), password="wrong one")
    assert res.code == 1 and res.err.startswith("error: ") and not out.exists()
    res = _central(home, "export", "--format", "pdf", "--out", str(out))
    assert res.code == 2


def test_empty_store_exports_every_form(tmp_path: Path, demo_study: Study) -> None:
    home = _floor_home(tmp_path / "home", demo_study)
    assert _central(home, "init").code == 0
    out = tmp_path / "empty"
    res = _central(home, "export", "--format", "sav", "--out", str(out), "--json")
    assert res.code == 0, res.err
    info = json.loads(res.out)
    assert info["records"] == 0 and set(info["rows"].values()) == {0}
    names = {p.name for p in out.iterdir()}
    assert {f"{f.id}.sav" for f in demo_study.forms} <= names
    df, meta = pyreadstat.read_sav(str(out / "gad7.sav"))
    assert len(df) == 0 and "score_gad7" in meta.column_names
    assert meta.variable_value_labels["band_gad7"]


class Terminal(io.StringIO):
    """stderr as a terminal."""

    def isatty(self) -> bool:
        return True


def _export_here(home: Path, out: Path) -> int:
    """`central export` in this process (so that stderr can be a terminal)."""
    return main(["--data-dir", str(home.parent / "data"), "central", "export", "--home",
                 str(home), "--format", "csv", "--out", str(out)])  # fmt: skip


def test_progress_counts_records_form_by_form_on_a_terminal(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    monkeypatch.setenv("SYLCOLLECT_PASSWORD", PASSWORD)
    clock = itertools.count(step=1.0)  # every step is shown, none throttled
    monkeypatch.setattr(cmd_export, "time", SimpleNamespace(monotonic=lambda: next(clock)))
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert _export_here(home, tmp_path / "tty") == 0
    shown = terminal.getvalue()
    # 4 stored records: site_indicators (1) is read before yp_checkin (3)
    for text in ("Reading records... 0 of 4", "Reading records... 1 of 4",
                 "Reading records... 4 of 4", "Writing codebook.pdf..."):  # fmt: skip
        assert text in shown, shown
    assert "4 records" in capsys.readouterr().out


def test_ctrl_c_while_reading_leaves_no_files(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    monkeypatch.setenv("SYLCOLLECT_PASSWORD", PASSWORD)
    real = Records.list
    forms: list[str | None] = []

    def ctrl_c_on_the_second_form(self: Records, **kwargs: Any) -> Any:
        forms.append(kwargs.get("form_id"))
        if len(forms) == 2:
            raise KeyboardInterrupt
        return real(self, **kwargs)

    monkeypatch.setattr(Records, "list", ctrl_c_on_the_second_form)
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("kept")
    assert _export_here(home, out) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [f"error: export interrupted; no files were left in {out}"]
    assert all(forms) and len(forms) == 2  # read form by form, stopped at the second
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]
    assert not any(e.get("records") is not None and e.get("folder") == str(out)
                   for e in _exports(home))  # fmt: skip
