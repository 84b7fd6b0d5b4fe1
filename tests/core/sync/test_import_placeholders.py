"""Placeholder participants: a consent or record imported before its participant's enrolment.

The central store then holds a placeholder (code `~...`) dated with the import time; it must
list, export and print without a crash, and the participant's own item, arriving later, must
replace every placeholder value (code, site, dates, role).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import update

from sylcollect.domain.study import Role, Study
from sylcollect.export import CentralSource, ExportFormat, ExportRequest, run_export
from sylcollect.reports.gather import participant_summary, site_summary
from sylcollect.reports.participant_pdf import render_participant_summary
from sylcollect.reports.site_pdf import render_site_summary
from sylcollect.storage.schema import ParticipantRow
from sylcollect.sync.importer_people import PLACEHOLDER_PREFIX
from tests.core.export.conftest import read_csv
from tests.core.sync.test_import_support import (
    T0,
    Central,
    checkin,
    consent,
    make_central,
    participant,
    record,
    tombstone,
)


@pytest.fixture
def central(tmp_path: Path, cheap: None, demo_study: Study) -> Central:
    return make_central(tmp_path / "home", demo_study)


def _wrong_order(central: Central, tmp_path: Path) -> tuple[Path, str, str]:
    """Imports a bundle with DH-001's consent and check-in before the one enrolling them;
    returns (the enrolment bundle, not imported yet, DH-001's uuid, the record uuid)."""
    enrol_dev, data_dev = central.device(), central.device()
    central.approve(enrol_dev)
    central.approve(data_dev)
    p = participant("DH-001")
    r = record(p, checkin("good"))
    enrolment = enrol_dev.bundle(tmp_path / "a", [p])
    data = data_dev.bundle(tmp_path / "b", [consent(p), r])
    assert central.importer.import_path(data).status == "imported"
    return enrolment, p.uuid, r.uuid


def test_a_placeholder_lists_exports_and_prints_then_the_real_values_arrive(
    central: Central, tmp_path: Path
) -> None:
    before = datetime.now(UTC)
    enrolment, uuid, record_uuid = _wrong_order(central, tmp_path)
    with central.store.transaction() as tx:
        [ghost] = tx.participants.list()
        assert tx.participants.count() == 1
    assert ghost.uuid == uuid and ghost.code.startswith(PLACEHOLDER_PREFIX)
    assert ghost.role is None and ghost.site_id == "" and not ghost.withdrawn
    # dated with the import that first named them (documented in importer_people)
    assert ghost.created_at is not None and ghost.updated_at is not None
    assert before <= ghost.created_at <= datetime.now(UTC)
    assert ghost.revision == 0

    out = tmp_path / "csv1"
    run_export(CentralSource(central.store), ExportRequest(ExportFormat.CSV, out))
    [row] = read_csv(out / "yp_checkin.csv")
    assert row["record_uuid"] == record_uuid and row["participant_code"] == ""
    site = site_summary(central.store, "durham-house")
    assert render_site_summary(site).startswith(b"%PDF")
    assert site.evidence["questionnaire"] == {"Baseline": 1}

    assert central.importer.import_path(enrolment).status == "imported"
    with central.store.transaction() as tx:
        [real] = tx.participants.list()
    assert (real.uuid, real.code, real.site_id, real.role) == (
        uuid,
        "DH-001",
        "durham-house",
        Role.YOUNG_PERSON,
    )
    assert real.created_at == T0 and real.updated_at == T0 and real.revision == 1
    out = tmp_path / "csv2"
    run_export(CentralSource(central.store), ExportRequest(ExportFormat.CSV, out))
    [row] = read_csv(out / "yp_checkin.csv")
    assert row["participant_code"] == "DH-001"
    summary = participant_summary(central.store, "DH-001")
    assert summary.enrolled_on == T0.date() and summary.role == Role.YOUNG_PERSON.label
    assert len(summary.consents) == 1
    assert render_participant_summary(summary).startswith(b"%PDF")
    site = site_summary(central.store, "durham-house")
    assert site.status == ((Role.YOUNG_PERSON.label, 1, 0),)
    assert render_site_summary(site).startswith(b"%PDF")


def test_a_withdrawn_placeholder_lists_and_exports(central: Central, tmp_path: Path) -> None:
    """A tombstone for a participant known only by a placeholder (never enrolled here)."""
    device = central.device()
    central.approve(device)
    p = participant("DH-001")
    data = device.bundle(tmp_path / "b", [record(p)])
    gone = device.bundle(tmp_path / "b", [tombstone(p)])
    for path in (data, gone):
        assert central.importer.import_path(path).status == "imported"
    with central.store.transaction() as tx:
        [person] = tx.participants.list()
        assert tx.participants.list(include_withdrawn=False) == []
    assert person.code == "DH-001" and person.withdrawn and person.created_at is not None
    result = run_export(
        CentralSource(central.store), ExportRequest(ExportFormat.CSV, tmp_path / "csv")
    )
    assert result.records == 0


def test_placeholders_left_by_an_older_version_still_list(central: Central, tmp_path: Path) -> None:
    """Stores written before the fix hold placeholders with empty dates: they list (dates
    None) instead of crashing, and export and print."""
    _wrong_order(central, tmp_path)
    with central.store.transaction() as tx:
        tx.session.execute(update(ParticipantRow).values(created_at="", updated_at=""))
    with central.store.transaction() as tx:
        [ghost] = tx.participants.list()
        again = tx.participants.get_by_uuid(ghost.uuid)
    assert ghost.created_at is None and ghost.updated_at is None and again == ghost
    run_export(CentralSource(central.store), ExportRequest(ExportFormat.CSV, tmp_path / "csv"))
    assert render_site_summary(site_summary(central.store, "durham-house")).startswith(b"%PDF")
