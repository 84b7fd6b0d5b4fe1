"""`CentralSource`: exports from the central store, fed by real bundles from two devices."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pyreadstat
import pytest

from sylcollect.domain.audit import AuditAction
from sylcollect.domain.study import Study
from sylcollect.errors import Cancelled
from sylcollect.export import CentralSource, ExportFormat, ExportRequest, run_export
from sylcollect.export.run import ExportPhase
from sylcollect.export.source import ExportFilter
from sylcollect.storage.repo_records import Records
from sylcollect.storage.workspace import UnlockedWorkspace
from sylcollect.sync.payload import RecordItem
from tests.core.export.conftest import read_csv
from tests.core.export.test_progress_cancel import Recorder
from tests.core.sync.test_import_support import (
    Central,
    _content,
    checkin,
    make_central,
    participant,
    record,
    tombstone,
)

GAD = {f"gad7_{i}": "2" for i in range(1, 8)}  # total 14: Moderate
FAKE_NAMES = (b"Fake DH-001", b"Fake DH-002", b"Fake SS-001")
FAKE_DOB = b"2009-05-01"


def gad7(person: Any) -> RecordItem:
    item = record(person)
    return replace(
        item,
        form_id="gad7",
        content=_content(GAD, {"gad7": {"score": 14, "band": "Moderate"}}),
    )


def _events(store: UnlockedWorkspace, action: AuditAction) -> list[Any]:
    with store.transaction() as tx:
        return [e for e in tx.audit_log.events() if e.action is action]


def _files_hold_identifiers(folder: Path) -> bool:
    data = b"".join(p.read_bytes() for p in folder.iterdir() if p.is_file())
    return any(n in data for n in (*FAKE_NAMES, FAKE_DOB))


@pytest.fixture
def central(tmp_path: Path, cheap: None, demo_study: Study) -> Central:
    return make_central(tmp_path / "home", demo_study)


@pytest.fixture
def filled(central: Central, tmp_path: Path) -> dict[str, Any]:
    """Device A enrols DH-001 and DH-002 (check-ins, a GAD-7, a site record); device B
    enrols SS-001 (a check-in). All imported."""
    a, b = central.device(), central.device()
    central.approve(a)
    central.approve(b)
    dh1, dh2 = participant("DH-001"), participant("DH-002")
    ss1 = participant("SS-001", "safe-steps")
    recs = {
        "dh1": record(dh1, checkin("good")),
        "dh2": record(dh2, checkin("not_good")),
        "gad": gad7(dh1),
        "site": record(None),
        "ss1": record(ss1, checkin("great"), minutes=5),
    }
    bundles = tmp_path / "bundles"
    first = a.bundle(bundles, [dh1, dh2, recs["dh1"], recs["dh2"], recs["gad"], recs["site"]])
    second = b.bundle(bundles, [ss1, recs["ss1"]])
    for path in (first, second):
        assert central.importer.import_path(path).status == "imported"
    return {"a": a, "b": b, "people": {"dh1": dh1, "dh2": dh2, "ss1": ss1}, "records": recs}


def test_csv_from_two_devices(central: Central, filled: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "csv"
    result = run_export(CentralSource(central.store), ExportRequest(ExportFormat.CSV, out))
    assert result.records == 5
    rows = {r["participant_code"]: r for r in read_csv(out / "yp_checkin.csv")}
    assert set(rows) == {"DH-001", "DH-002", "SS-001"}
    assert rows["DH-002"]["feel_week"] == "not_good" and rows["SS-001"]["site_id"] == "safe-steps"
    assert rows["DH-001"]["record_uuid"] == filled["records"]["dh1"].uuid
    assert rows["DH-001"]["wave_id"] == "baseline" and rows["DH-001"]["form_version"] == "1"
    (gad,) = read_csv(out / "gad7.csv")
    assert (gad["score_gad7"], gad["band_gad7"]) == ("14", "Moderate")
    (site,) = read_csv(out / "site_indicators.csv")
    assert site["participant_code"] == "" and site["incidents"] == "1"
    assert "participant_name" not in rows["DH-001"]
    assert not _files_hold_identifiers(out)
    (event,) = _events(central.store, AuditAction.EXPORT)
    details = event.details or {}
    assert details["store"] == "central" and details["include_identifiers"] is False
    assert details["tables"]["yp_checkin"] == 3 and details["withdrawn_records_left_out"] == 0
    assert _events(central.store, AuditAction.VIEW_IDENTITY) == []


def test_sav_labels_and_filters(central: Central, filled: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "sav"
    flt = ExportFilter(sites=frozenset({"durham-house"}), waves=frozenset({"baseline"}))
    run_export(CentralSource(central.store), ExportRequest(ExportFormat.SAV, out, flt))
    df, meta = pyreadstat.read_sav(str(out / "yp_checkin.sav"))
    assert sorted(df["participant_code"]) == ["DH-001", "DH-002"]
    labels = meta.variable_value_labels["feel_week"]
    codes = {labels[v] for v in df["feel_week"]}
    assert len(codes) == 2 and all(isinstance(c, str) and c for c in codes)
    df, meta = pyreadstat.read_sav(str(out / "gad7.sav"))
    assert list(df["score_gad7"]) == [14.0]
    assert meta.variable_value_labels["band_gad7"][df["band_gad7"][0]] == "Moderate"
    assert not _files_hold_identifiers(out)


def test_identifiers_only_on_request_and_audited(
    central: Central, filled: dict[str, Any], tmp_path: Path
) -> None:
    out = tmp_path / "ids"
    request = ExportRequest(ExportFormat.CSV, out, include_identifiers=True)
    run_export(CentralSource(central.store), request)
    rows = {r["participant_code"]: r for r in read_csv(out / "yp_checkin.csv")}
    assert rows["DH-001"]["participant_name"] == "Fake DH-001"
    assert rows["DH-001"]["participant_dob"] == "2009-05-01"
    (event,) = _events(central.store, AuditAction.EXPORT)
    details = event.details or {}
    assert details["include_identifiers"] is True
    assert {"participant_name", "participant_dob"} <= set(details["identifier_variables"])
    assert "Fake" not in str(details)
    revealed = _events(central.store, AuditAction.VIEW_IDENTITY)
    assert len(revealed) == 3  # one per person in the files, each audited


def test_withdrawn_participants_are_left_out(
    central: Central, filled: dict[str, Any], tmp_path: Path
) -> None:
    dh2 = filled["people"]["dh2"]
    late = record(dh2, checkin("great"), minutes=9)  # arrives after the withdrawal
    path = filled["a"].bundle(tmp_path / "more", [tombstone(dh2)])
    assert central.importer.import_path(path).status == "imported"
    path = filled["b"].bundle(tmp_path / "more", [late])
    central.importer.import_path(path)
    out = tmp_path / "after"
    request = ExportRequest(ExportFormat.CSV, out, include_identifiers=True)
    result = run_export(CentralSource(central.store), request)
    codes = [r["participant_code"] for r in read_csv(out / "yp_checkin.csv")]
    assert sorted(codes) == ["DH-001", "SS-001"]
    data = b"".join(p.read_bytes() for p in out.iterdir())
    for gone in (filled["records"]["dh2"].uuid, late.uuid, b"DH-002", b"Fake DH-002"):
        assert (gone if isinstance(gone, bytes) else gone.encode()) not in data
    assert result.records == 4 and result.withdrawn_left_out == 2
    assert result.to_json()["withdrawn_records_left_out"] == 2
    (event,) = _events(central.store, AuditAction.EXPORT)
    assert (event.details or {})["withdrawn_records_left_out"] == 2
    assert len(_events(central.store, AuditAction.VIEW_IDENTITY)) == 2


def test_record_before_its_enrolment_has_no_code(central: Central, tmp_path: Path) -> None:
    device = central.device()
    central.approve(device)
    stranger = participant("DH-009")
    path = device.bundle(tmp_path / "b", [record(stranger)])  # enrolment not sent yet
    assert central.importer.import_path(path).status == "imported"
    out = tmp_path / "out"
    run_export(
        CentralSource(central.store), ExportRequest(ExportFormat.CSV, out, include_identifiers=True)
    )
    (row,) = read_csv(out / "yp_checkin.csv")
    assert row["participant_code"] == "" and row["participant_name"] == ""
    assert "~" not in (out / "yp_checkin.csv").read_text()


@pytest.mark.parametrize("fmt", ["csv", "dta"])
def test_empty_store_exports_every_form(
    central: Central, demo_study: Study, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / "empty"
    result = run_export(CentralSource(central.store), ExportRequest(ExportFormat(fmt), out))
    assert result.records == 0 and set(result.rows.values()) == {0}
    names = {p.name for p in out.iterdir()}
    assert {f"{f.id}.{fmt}" for f in demo_study.forms} <= names
    assert {"codebook.csv", "codebook.pdf"} <= names
    if fmt == "csv":
        header = (out / "gad7.csv").read_text().splitlines()
        assert len(header) == 1 and "score_gad7" in header[0]
    else:
        df, meta = pyreadstat.read_dta(str(out / "gad7.dta"))
        assert len(df) == 0 and "score_gad7" in meta.column_names


def _reads(monkeypatch: pytest.MonkeyPatch, rec: Recorder) -> list[tuple[str | None, list[Any]]]:
    """Each `records.list` call: the form it read and the progress steps reported before it."""
    calls: list[tuple[str | None, list[Any]]] = []
    real = Records.list

    def spy(self: Records, **kwargs: Any) -> Any:
        calls.append((kwargs.get("form_id"), list(rec.steps)))
        return real(self, **kwargs)

    monkeypatch.setattr(Records, "list", spy)
    return calls


def _reading(rec: Recorder) -> list[tuple[int, int]]:
    return [(d, t) for d, t, w, _ in rec.steps if w == ExportPhase.READING]


def test_records_are_read_form_by_form_counted_first(
    central: Central, filled: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rec = Recorder()
    reads = _reads(monkeypatch, rec)
    result = run_export(
        CentralSource(central.store), ExportRequest(ExportFormat.CSV, tmp_path / "o"), rec.hook
    )
    assert result.records == 5
    forms = [form for form, _ in reads]
    assert forms == sorted(["gad7", "site_indicators", "yp_checkin"])  # one at a time
    for _, before in reads:  # the total was known before anything was decrypted
        assert (0, 5) in [(d, t) for d, t, w, _ in before if w == ExportPhase.READING]
    reading = _reading(rec)
    assert reading[0] == (0, 0) and reading[1] == (0, 5) and reading[-1] == (5, 5)
    dones = [d for d, _ in reading]
    assert dones == sorted(dones)
    assert {1, 2} <= set(dones)  # after gad7 (1 record), after site_indicators (1 more)
    assert {t for _, t in reading[1:]} == {5}


def test_cancel_between_forms_stops_reading_and_leaves_no_files(
    central: Central, filled: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    rec = Recorder(cancel_at=(ExportPhase.READING, 1))  # Cancel pressed after the first form
    reads = _reads(monkeypatch, rec)
    with pytest.raises(Cancelled, match="no files were left in"):
        run_export(CentralSource(central.store), ExportRequest(ExportFormat.SAV, out), rec.hook)
    assert len(reads) == 2  # noticed after the form being read: the third never decrypted
    assert rec.steps[-1][2] == ExportPhase.READING
    assert [p.name for p in out.iterdir()] == ["notes.txt"]
    assert _events(central.store, AuditAction.EXPORT) == []

    fresh = tmp_path / "fresh"
    rec = Recorder(cancel_at=(ExportPhase.READING, 1))
    with pytest.raises(Cancelled):
        run_export(CentralSource(central.store), ExportRequest(ExportFormat.CSV, fresh), rec.hook)
    assert not fresh.exists()


def test_withdrawn_records_are_counted_while_read_form_by_form(
    central: Central, filled: dict[str, Any], tmp_path: Path
) -> None:
    dh2 = filled["people"]["dh2"]
    path = filled["a"].bundle(tmp_path / "more", [tombstone(dh2)])
    assert central.importer.import_path(path).status == "imported"
    late = record(dh2, checkin("great"), minutes=9)  # arrives after the withdrawal
    central.importer.import_path(filled["b"].bundle(tmp_path / "more", [late]))
    cases = [
        (ExportFilter(), 6, 4, 2),  # 6 stored rows read (2 without content), 4 exported
        (ExportFilter(forms=frozenset({"gad7"})), 1, 1, 0),
        (ExportFilter(forms=frozenset({"yp_checkin", "gad7"})), 5, 3, 2),
        # the wave of a shredded record can't be known: a wave filter doesn't narrow the count
        (ExportFilter(forms=frozenset({"yp_checkin"}), waves=frozenset({"early"})), 4, 0, 2),
    ]
    for i, (flt, total, records, left_out) in enumerate(cases):
        rec = Recorder()
        out = tmp_path / f"out{i}"
        result = run_export(
            CentralSource(central.store), ExportRequest(ExportFormat.CSV, out, flt), rec.hook
        )
        assert _reading(rec)[-1] == (total, total), flt
        assert result.records == records, flt
        event = max(_events(central.store, AuditAction.EXPORT), key=lambda e: e.seq)
        assert (event.details or {})["withdrawn_records_left_out"] == left_out, flt
        assert result.withdrawn_left_out == left_out, flt
        data = b"".join(p.read_bytes() for p in out.iterdir())
        assert b"DH-002" not in data and late.uuid.encode() not in data
