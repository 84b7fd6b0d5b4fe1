"""Supervisor tools: open the study home, import bundles (report), quarantine and approve,
refusals, conflicts side by side — with a real study home and central store."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from a11y import check_names, check_window
from PySide6.QtCore import QSettings, Qt
from test_sync_support import services_for
from ui_helpers import PASSWORD, show

from tests.core.sync.test_import_support import Central, make_central, participant, record


@dataclass
class Home:
    central: Central
    out: Path
    tmp: Path


@pytest.fixture
def home(tmp_path: Path, cheap: None, demo_study) -> Iterator[Home]:
    central = make_central(tmp_path / "home", demo_study)
    yield Home(central, tmp_path / "out", tmp_path)


def close_store(central: Central) -> None:
    """The test's own handle on the central store goes: the page opens its own."""
    central.store.lock()
    central.store.workspace.close()


@pytest.fixture
def page(qtbot, home, tasks, tmp_path: Path, cheap: None, locked_ws):
    from ui.pages.supervisor import SupervisorPage

    ws = locked_ws.unlock("ann", PASSWORD)
    services = services_for(ws, tasks, tmp_path, role="supervisor")
    settings = QSettings(str(tmp_path / "supervisor.ini"), QSettings.Format.IniFormat)
    p = SupervisorPage(services, settings)
    p.resize(1100, 760)
    show(qtbot, p)
    yield p
    p.clear()
    p.central_tasks.wait()
    if not ws.locked:
        ws.lock()


def connect(qtbot, page, home: Home, password: str = PASSWORD):
    page.open_dialog()
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    dialog.home.setText(str(home.central.home))
    dialog.password.edit.setText(password)
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    return dialog


def connected(qtbot, page, home: Home) -> None:
    close_store(home.central)
    connect(qtbot, page, home)
    qtbot.waitUntil(lambda: page.connection is not None, timeout=20000)
    qtbot.waitUntil(lambda: not page.central_tasks.busy, timeout=20000)
    page.activateWindow()  # the dialog has closed: the page takes the keyboard again
    qtbot.waitUntil(page.isActiveWindow, timeout=3000)


def wait_report(qtbot, page) -> None:
    qtbot.waitUntil(lambda: page.imports.summary.text() != "", timeout=20000)
    qtbot.waitUntil(lambda: not page.central_tasks.busy, timeout=20000)


def test_import_two_bundles_shows_the_report(qtbot, page, home) -> None:
    device = home.central.device()
    home.central.approve(device)
    yp = participant("DH-001", site="durham-house")
    device.bundle(home.out, [yp, record(yp)])
    device.bundle(home.out, [participant("DH-002", site="durham-house")])
    connected(qtbot, page, home)
    assert page.tabs.isEnabled() and page.connection.study_id in page.where.text()
    page.imports.import_folder(home.out)
    wait_report(qtbot, page)
    model = page.imports.model
    assert [o.status for o in model.rows] == ["imported", "imported"]
    assert page.imports.summary.text() == "2 imported"
    assert page.imports.details.text().startswith("3 new, 0 updated, 0 conflicts")
    assert not page.imports.view_button.isVisible()
    assert list(home.out.glob("*.sylb")) == []  # imported bundles are removed
    assert page.imports.progress.value() == 100 and not page.imports.progress_row.isVisible()
    qtbot.waitUntil(lambda: page.devices.model.rowCount() == 1)
    assert page.devices.model.rows[0].imported == 2


def test_unknown_laptop_is_held_and_approve_imports_it(qtbot, page, home) -> None:
    device = home.central.device()  # never approved
    device.bundle(home.out, [participant("DH-001", site="durham-house")])
    connected(qtbot, page, home)
    page.imports.import_folder(home.out)
    wait_report(qtbot, page)
    [held] = page.imports.model.rows
    assert held.status == "quarantined"
    assert page.imports.summary.text() == "0 imported · 1 needs attention"
    assert page.imports.view_button.isVisible()
    qtbot.mouseClick(page.imports.view_button, Qt.MouseButton.LeftButton)
    assert page.imports.table.currentIndex().row() == 0
    qtbot.waitUntil(lambda: page.held.model.rowCount() == 1)
    assert page.tabs.tabText(2) == "Held bundles (1)"
    page.tabs.setCurrentWidget(page.held)
    assert page.held.approve_button.isEnabled()
    qtbot.mouseClick(page.held.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.tabs.currentWidget() is page.imports, timeout=20000)
    assert [o.status for o in page.imports.model.rows] == ["imported"]
    assert page.imports.summary.text() == "1 imported"
    qtbot.waitUntil(lambda: page.held.model.rowCount() == 0, timeout=20000)
    assert page.devices.model.rows[0].status == "approved"
    assert page.held.empty.text() == "Nothing is held."


def test_refused_bundle_shows_the_reason(qtbot, page, home) -> None:
    device = home.central.device()
    home.central.approve(device)
    path = device.bundle(home.out, [participant("DH-001", site="durham-house")])
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    connected(qtbot, page, home)
    page.imports.start([path])
    wait_report(qtbot, page)
    [refused] = page.imports.model.rows
    assert refused.status == "refused" and refused.code and refused.reason
    shown = page.imports.model.index(0, page.imports.model.STATUS).data()
    assert shown == f"Refused ({refused.code})"
    assert path.exists()  # a refused file stays for a person to look at


def test_cancel_stops_between_bundles(qtbot, page, home) -> None:
    device = home.central.device()
    home.central.approve(device)
    for n in range(3):
        device.bundle(home.out, [participant(f"DH-00{n}", site="durham-house")])
    connected(qtbot, page, home)
    page.imports.import_folder(home.out)
    page.imports.cancel()
    wait_report(qtbot, page)
    assert len(page.imports.model.rows) == 1
    assert page.imports.summary.text().startswith("Stopped after 1 of 3")


def test_revoke_asks_then_refuses(qtbot, page, home) -> None:
    device = home.central.device()
    home.central.approve(device)
    device.bundle(home.out, [participant("DH-001", site="durham-house")])
    connected(qtbot, page, home)
    qtbot.waitUntil(lambda: page.devices.model.rowCount() == 1)
    asked = []
    page.devices.confirm = lambda _w, d: asked.append(d.device_id) or True
    page.tabs.setCurrentWidget(page.devices)
    qtbot.mouseClick(page.devices.revoke_button, Qt.MouseButton.LeftButton)
    assert asked == [device.device_id]
    qtbot.waitUntil(lambda: page.devices.model.rows[0].status == "revoked", timeout=20000)
    page.imports.import_folder(home.out)
    wait_report(qtbot, page)
    assert page.imports.model.rows[0].code == "device_revoked"


def test_conflicts_side_by_side(qtbot, page, home) -> None:
    a, b = home.central.device(), home.central.device()
    home.central.approve(a)
    home.central.approve(b)
    site = record(None, {"incidents": 1})
    a.bundle(home.out, [site])
    b.bundle(home.out, [record(None, {"incidents": 7}, uuid=site.uuid, revision=2, minutes=3)])
    connected(qtbot, page, home)
    page.imports.import_folder(home.out)
    wait_report(qtbot, page)
    qtbot.waitUntil(lambda: page.conflicts.model.rowCount() == 1, timeout=20000)
    page.tabs.setCurrentWidget(page.conflicts)
    qtbot.mouseClick(page.conflicts.compare_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.conflicts.dialog is not None, timeout=20000)
    dialog = page.conflicts.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    kept, other = dialog.panes
    assert "incidents: 7" in kept.toPlainText() and "incidents: 1" in other.toPlainText()
    assert check_window(qtbot, dialog) == []
    dialog.accept()


def test_wrong_password_is_refused_in_the_dialog(qtbot, page, home) -> None:
    close_store(home.central)
    dialog = connect(qtbot, page, home, "not the password at all")
    qtbot.waitUntil(lambda: dialog.fields["password"].error.isVisible(), timeout=20000)
    assert dialog.fields["password"].error.text() == "That password doesn't open this study home."
    assert page.connection is None and dialog.password.text() == ""
    assert check_names(dialog) == []
    dialog.reject()


def test_database_address_with_a_password_is_refused(qtbot, page, home) -> None:
    page.open_dialog()
    dialog = page.dialog
    dialog.db.setText("postgresql+psycopg://sup:secret@db.example.org/syl")
    dialog.home.setText(str(home.central.home))
    dialog.password.edit.setText(PASSWORD)
    dialog.submit()
    assert "leave the password out" in dialog.fields["db"].error.text().lower()
    dialog.reject()


def test_supervisor_page_accessibility(qtbot, page, home) -> None:
    connected(qtbot, page, home)
    for tab in range(page.tabs.count()):
        page.tabs.setCurrentIndex(tab)
        assert check_window(qtbot, page) == [], page.tabs.tabText(tab)
