"""Supervisor tools, Export for analysis: the app's export dialog over a real central store
fed by a real bundle. DH-001 and DH-002 each have a check-in; DH-003 had one, then withdrew.
The files hold codes (no names unless asked), the withdrawn participant's record is left
out and counted, the audit events go to the central store, and Cancel or a lock leaves no
files."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from a11y import check_names, check_targets, check_window
from PySide6.QtCore import QDate, Qt
from test_export_dialog import Gate
from test_supervisor import Home, connected, home, page  # noqa: F401 (fixtures)
from ui_helpers import PASSWORD

from sylcollect.domain.audit import AuditAction
from sylcollect.export.run import ExportPhase
from sylcollect.sync.central import locate, open_central, unlock_central
from tests.core.sync.test_import_support import checkin, participant, record, tombstone


@pytest.fixture
def filled(qtbot, page, home: Home) -> dict:  # noqa: F811
    """The central store with three participants' check-ins, DH-003 withdrawn; the page
    connected to it."""
    device = home.central.device()
    home.central.approve(device)
    people = {c: participant(c) for c in ("DH-001", "DH-002", "DH-003")}
    records = {
        "DH-001": record(people["DH-001"], checkin("good")),
        "DH-002": record(people["DH-002"], checkin("not_good"), minutes=2),
        "DH-003": record(people["DH-003"], checkin("great"), minutes=4),
    }
    for batch in ([*people.values(), *records.values()], [tombstone(people["DH-003"])]):
        path = device.bundle(home.out, batch)  # type: ignore[arg-type]
        assert home.central.importer.import_path(path).status == "imported"
    connected(qtbot, page, home)
    return records


def read_rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def central_exports(home: Home) -> list[dict]:  # noqa: F811
    """The export events of the central store's audit chain (the page has closed it)."""
    store = unlock_central(open_central(locate(home.central.home)), PASSWORD)
    try:
        with store.transaction() as tx:
            events = sorted(tx.audit_log.events(), key=lambda e: e.seq)
            return [
                dict(e.details or {})
                for e in events
                if e.action is AuditAction.EXPORT and e.entity == "export"
            ]
    finally:
        store.lock()
        store.workspace.close()


def laptop_exports(page) -> list:  # noqa: F811
    with page.services.workspace.transaction() as tx:
        return [e for e in tx.audit_log.events() if e.action is AuditAction.EXPORT]


def open_export(qtbot, page, folder: Path):  # noqa: F811
    """Opens the dialog from the keyboard (Tab to the button, Space) and sets the folder."""
    page.export_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(page.export_button, Qt.Key.Key_Space)
    dialog = page.export_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    dialog.folder.setText(str(folder))
    return dialog


def close_home(page) -> None:  # noqa: F811
    page.clear()
    page.central_tasks.wait()


def test_the_button_needs_the_study_home_open(qtbot, page, home: Home) -> None:  # noqa: F811
    assert not page.export_button.isEnabled()
    assert "Open the study home first" in page.export_button.toolTip()
    page.open_export()  # does nothing while closed
    assert page.export_dialog is None
    connected(qtbot, page, home)
    assert page.export_button.isEnabled() and page.export_button.isVisible()
    dialog = open_export(qtbot, page, home.tmp / "x")
    assert dialog.windowTitle() == "Export from the central store"
    assert dialog.header.purpose.text().startswith("Every laptop's imported records")
    assert "participants who withdrew are left out" in dialog.header.purpose.text()
    assert dialog.folder.text() == str(home.tmp / "x")
    site_ids = [dialog.sites.item(i).data(Qt.ItemDataRole.UserRole) for i in range(2)]
    assert site_ids == [s.id for s in page.connection.study.sites][:2]
    page.connect_button.click()  # "Close study home": the dialog goes with the store
    assert page.export_dialog is None and not dialog.isVisible()
    assert not page.export_button.isEnabled()
    page.central_tasks.wait()


def test_export_writes_codes_leaves_the_withdrawn_out_and_audits_centrally(
    qtbot,
    page,  # noqa: F811
    home: Home,  # noqa: F811
    filled,
    tmp_path: Path,
) -> None:
    out = tmp_path / "central-export"
    dialog = open_export(qtbot, page, out)
    dialog.forms.set_checked("yp_checkin")
    steps: list[tuple[int, int, str]] = []
    dialog._relay.stepped.connect(lambda d, t, w, _n: steps.append((d, t, w)))
    with qtbot.waitSignal(dialog.exported, timeout=30000) as blocker:
        dialog.export_button.click()
    result = blocker.args[0]
    assert sorted(p.name for p in out.iterdir()) == [
        "codebook.csv",
        "codebook.pdf",
        "yp_checkin.csv",
        "yp_checkin__trusted_people.csv",  # its repeat's table
    ]
    rows = read_rows(out / "yp_checkin.csv")
    assert sorted(r["participant_code"] for r in rows) == ["DH-001", "DH-002"]
    assert {r["record_uuid"] for r in rows} == {filled["DH-001"].uuid, filled["DH-002"].uuid}
    assert "participant_name" not in rows[0]
    data = b"".join(p.read_bytes() for p in out.iterdir())
    for gone in (b"Fake DH-", b"DH-003", filled["DH-003"].uuid.encode()):
        assert gone not in data
    assert result.records == 2 and dialog.withdrawn_left_out == 1
    report = dialog.report.text()
    assert "4 files written" in report and "2 records in 2 tables" in report
    assert "Left out: 1 record(s) of participants who withdrew" in report
    assert "Export finished" in dialog.notice.message()
    reading = [s for s in steps if s[2] == ExportPhase.READING]
    assert reading and max(t for _d, t, _w in reading) == 3  # counted first, then read
    assert steps[-1][2] == ExportPhase.CODEBOOK and steps[-1][0] == steps[-1][1]
    qtbot.wait(50)
    dialog.grab().save(str(tmp_path / "central-export.png"))
    assert laptop_exports(page) == []  # not this laptop's audit log
    close_home(page)
    [event] = central_exports(home)
    assert event["store"] == "central" and event["withdrawn_records_left_out"] == 1
    assert event["include_identifiers"] is False and event["filter"]["forms"] == ["yp_checkin"]
    assert event["tables"] == {"yp_checkin": 2, "yp_checkin__trusted_people": 0}


def test_filters_and_identifiers_from_the_central_store(
    qtbot,
    page,  # noqa: F811
    home: Home,  # noqa: F811
    filled,
    tmp_path: Path,
) -> None:
    dialog = open_export(qtbot, page, tmp_path / "ids")
    dialog.sites.set_checked("durham-house")
    dialog.waves.set_checked("baseline")
    dialog.forms.set_checked("yp_checkin")
    dialog.identifiers.setChecked(True)
    assert "plain text" in dialog.warning.message()
    with qtbot.waitSignal(dialog.exported, timeout=30000):
        dialog.export_button.click()
    rows = read_rows(tmp_path / "ids" / "yp_checkin.csv")
    assert sorted(r["participant_name"] for r in rows) == ["Fake DH-001", "Fake DH-002"]
    # Saved up to the day before the records: none match, the file is still written.
    dialog.identifiers.setChecked(False)
    dialog.folder.setText(str(tmp_path / "dated"))
    dialog.date_to.setDate(QDate(2026, 2, 28))
    with qtbot.waitSignal(dialog.exported, timeout=30000):
        dialog.export_button.click()
    assert read_rows(tmp_path / "dated" / "yp_checkin.csv") == []
    assert dialog.withdrawn_left_out == 0
    assert "withdrew" not in dialog.report.text()
    close_home(page)
    first, second = central_exports(home)
    assert first["include_identifiers"] is True and first["filter"]["sites"] == ["durham-house"]
    assert "participant_name" in first["identifier_variables"]
    assert second["records"] == 0 and second["filter"]["to"] == "2026-02-28"


def _held(qtbot, monkeypatch, page, out: Path):  # noqa: F811
    out.mkdir()
    (out / "notes.txt").write_text("kept")
    gate = Gate(monkeypatch)
    dialog = open_export(qtbot, page, out)
    dialog.export_button.click()
    gate.wait_reached(qtbot)
    qtbot.waitUntil(lambda: "Writing" in dialog.busy.text.text(), timeout=10000)
    return dialog, gate


def test_progress_and_cancel_leave_no_files(
    qtbot,
    monkeypatch,
    page,  # noqa: F811
    home: Home,  # noqa: F811
    filled,
    tmp_path: Path,
) -> None:
    out = tmp_path / "held"
    dialog, gate = _held(qtbot, monkeypatch, page, out)
    try:
        assert dialog.exporting and dialog.busy.isVisible()
        assert 0.7 < dialog.busy.fraction() < 1.0 and "%" in dialog.busy.text.text()
        assert dialog.stop_button.hasFocus() and not dialog.export_button.isEnabled()
        assert check_names(dialog) == [] and check_targets(dialog) == []
        qtbot.keyClick(dialog.stop_button, Qt.Key.Key_Escape)  # Escape cancels the export
        assert "Cancelling" in dialog.busy.text.text()
    finally:
        gate.release.set()
    qtbot.waitUntil(lambda: not dialog.exporting, timeout=30000)
    assert dialog.notice.message() == f"Export cancelled; no files were left in {out}."
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]
    assert dialog.isVisible() and dialog.export_button.isEnabled()
    close_home(page)
    began, stopped = central_exports(home)
    assert stopped["outcome"] == "cancelled" and stopped["export_id"] == began["export_id"]


def test_locking_mid_export_closes_the_dialog_and_removes_the_files(
    qtbot,
    monkeypatch,
    page,  # noqa: F811
    home: Home,  # noqa: F811
    filled,
    tmp_path: Path,
) -> None:
    out = tmp_path / "locked"
    dialog, gate = _held(qtbot, monkeypatch, page, out)
    try:
        page.clear()  # the workspace locks
        assert page.export_dialog is None and not dialog.isVisible()
        assert page.connection is None
    finally:
        gate.release.set()
    page.central_tasks.wait()
    qtbot.wait(50)
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]
    began, stopped = central_exports(home)
    assert stopped["outcome"] == "cancelled" and stopped["export_id"] == began["export_id"]


def test_supervisor_export_accessible(
    qtbot,
    page,  # noqa: F811
    home: Home,  # noqa: F811
    filled,
    tmp_path: Path,
) -> None:
    assert check_window(qtbot, page) == []
    page.grab().save(str(tmp_path / "supervisor-export-button.png"))
    dialog = open_export(qtbot, page, tmp_path)
    assert check_window(qtbot, dialog) == []
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # closes when idle; focus back on the button
    qtbot.waitUntil(lambda: page.export_dialog is None, timeout=3000)
    assert not dialog.isVisible()
    assert page.window().focusWidget() is page.export_button
