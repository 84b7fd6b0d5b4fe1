"""The Observations page and the quick log, driven by keyboard and mouse (real workspace)."""

from __future__ import annotations

from datetime import datetime

import pytest
from a11y import check_names, check_tab_order, check_window
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import PASSWORD, show, wait_idle

from sylcollect.domain.observation import Observation

SITE = "durham-house"  # the demo folder's participants YP-001 and YP-002 are here


@pytest.fixture
def unlocked(locked_ws):
    ws = locked_ws.unlock("ann", PASSWORD)
    yield ws
    if not ws.locked:
        ws.lock()


def add_obs(ws, site, activity, when, tags=(), milestones=(), codes=()):
    with ws.transaction() as tx:
        return tx.observations.add(
            Observation("", site, activity, when, 60, codes, "", tags, milestones, "ann")
        )


def make_page(qtbot, ws, tasks):
    from ui.pages.observations import ObservationsPage

    page = ObservationsPage(ws, tasks)
    page.resize(1100, 720)
    show(qtbot, page)
    qtbot.waitUntil(lambda: page.data is not None, timeout=15000)
    return page


def open_dialog(qtbot, page):
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=3000)
    page.log_button.setFocus()
    qtbot.keyClick(page.log_button, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=3000)
    qtbot.waitUntil(page.dialog.isActiveWindow, timeout=3000)
    return page.dialog


def test_page_exposes_header_parts(qtbot, unlocked, tasks) -> None:
    page = make_page(qtbot, unlocked, tasks)
    assert page.title == "Observations"
    assert page.purpose
    assert page.main_action.text() == "Log an observation"


def test_empty_state_leads_to_the_log(qtbot, unlocked, tasks) -> None:
    page = make_page(qtbot, unlocked, tasks)
    assert page.stack.currentWidget() is page.empty
    assert page.empty.title.text() == "No observations yet"
    qtbot.mouseClick(page.empty.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=3000)
    page.dialog.reject()


def test_log_an_observation_with_the_keyboard(qtbot, unlocked, tasks) -> None:
    page = make_page(qtbot, unlocked, tasks)
    dialog = open_dialog(qtbot, page)
    assert dialog.site_id() == SITE
    assert QApplication.focusWidget() in (dialog.activity, dialog.activity.lineEdit())
    qtbot.keyClicks(dialog.activity.lineEdit(), "Group work")
    dialog.duration.setFocus()
    dialog.duration.selectAll()
    qtbot.keyClicks(dialog.duration, "45")
    qtbot.keyClicks(dialog.codes, "YP-001, YP-002")
    qtbot.keyClicks(dialog.notes, "Calm session.")
    qtbot.keyClicks(dialog.tags, "Engagement, good practice")
    dialog.milestones.setFocus()
    assert dialog.milestones.item(0).text().startswith("Early · ")
    dialog.milestones.setCurrentRow(0)
    qtbot.keyClick(dialog.milestones, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.milestones, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.milestones, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.milestones, Qt.Key.Key_Space)
    assert dialog.checked_milestones() == ("dh-e1", "dh-m1")
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.dialog is None, timeout=15000)
    wait_idle(qtbot, tasks)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    assert page.stack.currentWidget() is page.table
    assert "Saved: Group work at Durham House" in page.notice.message()
    row = [page.model.index(0, c).data() for c in range(page.model.columnCount())]
    assert row[1:] == [
        "Durham House",
        "Group work",
        "45 min",
        "2",
        "Engagement, good practice",
    ]
    with unlocked.transaction() as tx:
        (saved,) = tx.observations.list()
    assert saved.participant_codes == ("YP-001", "YP-002")
    assert saved.milestone_ids == ("dh-e1", "dh-m1")
    assert saved.notes == "Calm session."
    assert saved.observed_by == "ann"
    assert abs((datetime.now() - saved.started_at).total_seconds()) < 180


def test_enter_in_a_field_saves_and_the_site_is_remembered(qtbot, unlocked, tasks) -> None:
    page = make_page(qtbot, unlocked, tasks)
    dialog = open_dialog(qtbot, page)
    dialog.site.setCurrentIndex(dialog.site.findData("safe-steps"))
    assert dialog.milestones.item(0).data(Qt.ItemDataRole.UserRole) == "ss-e1"
    qtbot.keyClicks(dialog.activity.lineEdit(), "Staff training")
    qtbot.mouseClick(dialog.presets[1], Qt.MouseButton.LeftButton)
    assert dialog.duration.value() == 30
    qtbot.mouseClick(dialog.earlier_60, Qt.MouseButton.LeftButton)
    dialog.tags.setFocus()
    qtbot.keyClick(dialog.tags, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.dialog is None, timeout=15000)
    wait_idle(qtbot, tasks)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    obs = page.model.observation(0)
    assert (obs.site_id, obs.duration_minutes) == ("safe-steps", 30)
    assert 55 * 60 < (datetime.now() - obs.started_at).total_seconds() < 65 * 60
    dialog = open_dialog(qtbot, page)
    assert dialog.site_id() == "safe-steps"
    assert dialog.activity.itemText(0) == "Staff training"  # recent first
    dialog.reject()


def test_names_and_unknown_codes_are_refused(qtbot, unlocked, tasks) -> None:
    page = make_page(qtbot, unlocked, tasks)
    dialog = open_dialog(qtbot, page)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.errors["activity"].message().startswith("Choose or type the activity")
    qtbot.keyClicks(dialog.activity.lineEdit(), "Group work")
    qtbot.keyClicks(dialog.codes, "YP-001 Jessica")
    qtbot.keyClick(dialog.codes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()
    assert "“Jessica” is not a participant code" in dialog.errors["codes"].message()
    assert dialog.errors["activity"].message() == ""
    assert dialog.summary.isVisible() and dialog.summary.hasFocus()
    assert any("Jessica" in t for t in dialog.summary.texts())
    dialog.summary.lines[0].linkActivated.emit("0")
    assert dialog.codes.hasFocus()
    with unlocked.transaction() as tx:
        assert tx.observations.list() == []
    dialog.reject()


def test_filters(qtbot, unlocked, tasks) -> None:
    add_obs(unlocked, SITE, "Group work", datetime(2025, 3, 3, 10), ("Engagement",), ("dh-e1",))
    add_obs(unlocked, SITE, "Education", datetime(2025, 4, 8, 10), ("Challenge",), ("dh-m1",))
    add_obs(unlocked, "safe-steps", "Leisure", datetime(2025, 5, 1, 10), ("Engagement",), ())
    page = make_page(qtbot, unlocked, tasks)
    model = page.model
    assert model.rowCount() == 3
    assert page.count.text() == "3 observations"
    assert [model.observation(r).activity_type for r in range(3)] == [
        "Leisure",
        "Education",
        "Group work",
    ]

    page.site_filter.setCurrentIndex(page.site_filter.findData(SITE))
    assert model.rowCount() == 2
    assert page.milestone_filter.count() == 1 + 4  # "any" and Durham House's milestones
    page.milestone_filter.setCurrentIndex(page.milestone_filter.findData("dh-m1"))
    assert [o.activity_type for o in model.observations()] == ["Education"]
    assert page.count.text() == "Showing 1 of 3 observations"
    qtbot.mouseClick(page.clear_filters, Qt.MouseButton.LeftButton)
    assert model.rowCount() == 3

    page.tag_filter.setCurrentIndex(page.tag_filter.findData("Engagement"))
    assert {o.activity_type for o in model.observations()} == {"Group work", "Leisure"}
    page.date_from.setDate(QDate(2025, 4, 1))
    assert [o.activity_type for o in model.observations()] == ["Leisure"]
    page.date_to.setDate(QDate(2025, 4, 30))
    assert model.rowCount() == 0
    assert page.stack.currentWidget() is page.empty
    assert page.empty.title.text() == "No observations match these filters"
    qtbot.mouseClick(page.empty.button, Qt.MouseButton.LeftButton)  # "Clear filters"
    assert model.rowCount() == 3
    assert page.date_from.text() == "Any date"


def test_clear_drops_the_content(qtbot, unlocked, tasks) -> None:
    add_obs(unlocked, SITE, "Group work", datetime(2025, 3, 3, 10))
    page = make_page(qtbot, unlocked, tasks)
    assert page.model.rowCount() == 1
    page.clear()
    assert page.model.rowCount() == 0 and page.data is None


def test_page_accessibility(qtbot, unlocked, tasks) -> None:
    add_obs(unlocked, SITE, "Group work", datetime(2025, 3, 3, 10), ("Engagement",), ("dh-e1",))
    page = make_page(qtbot, unlocked, tasks)
    page.site_filter.setCurrentIndex(1)  # Clear filters becomes a tab stop
    assert check_window(qtbot, page) == []
    expected = [
        page.log_button,
        page.site_filter,
        page.date_from,
        page.date_to,
        page.tag_filter,
        page.milestone_filter,
        page.clear_filters,
        page.table,
    ]
    assert check_tab_order(qtbot, expected) == []


def test_empty_page_accessibility(qtbot, unlocked, tasks) -> None:
    page = make_page(qtbot, unlocked, tasks)
    assert check_names(page) == []
    assert check_window(qtbot, page) == []


def test_dialog_accessibility(qtbot, unlocked, tasks) -> None:
    page = make_page(qtbot, unlocked, tasks)
    dialog = open_dialog(qtbot, page)
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    assert check_window(qtbot, dialog) == []
    assert check_tab_order(qtbot, dialog.tab_chain) == []
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # with the error summary
    assert check_window(qtbot, dialog) == []
    dialog.reject()
