"""The Participants page: empty state, add (with errors next to fields), search, filters
(wave due too), open."""

# ruff: noqa: F811 - pytest fixtures imported from test_participants_support

from __future__ import annotations

from a11y import check_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_participants_support import (
    dialog_of,
    make_services,
    participants_page,
    prefs,  # noqa: F401
    unlocked,  # noqa: F401
)
from ui_helpers import wait_idle

from sylcollect.domain.record import Record, RecordStatus, SubjectKind
from ui.models.participants import ANY_WAVE_DUE, CODE, COLUMNS, NEXT_WAVE, SITE, STATUS
from ui.pages.participants import SITE_MIN_WIDTH


def codes(page) -> list[str]:
    m = page.list.model
    return [m.index(r, CODE).data() for r in range(m.rowCount())]


def test_lists_the_participants(qtbot, unlocked, tasks, prefs) -> None:
    page = participants_page(qtbot, make_services(unlocked, tasks, prefs), tasks)
    assert codes(page) == ["YP-001", "YP-002"]
    assert page.list.views.currentWidget() is page.list.table
    assert page.list.count.text() == "2 participants"
    assert page.header.title.text() == "Participants"


def test_empty_state_offers_add(qtbot, tmp_path, cheap, demo_study, tasks, prefs) -> None:
    from sylcollect.storage.workspace import Workspace
    from ui.dialogs.participant import ParticipantDialog

    ws, _ = Workspace.create(tmp_path / "empty", demo_study, "ann", "a long pass phrase ok")
    try:
        page = participants_page(qtbot, make_services(ws, tasks, prefs), tasks)
        assert page.list.views.currentWidget() is page.list.empty
        assert page.list.empty.title.text() == "No participants yet"
        assert page.list.empty.button.text() == "Add participant"
        assert not page.list.filters.isVisible()
        assert check_window(qtbot, page) == []
        qtbot.mouseClick(page.list.empty.button, Qt.MouseButton.LeftButton)
        dialog = dialog_of(page, ParticipantDialog)
        dialog.reject()
    finally:
        wait_idle(qtbot, tasks)
        ws.lock()
        ws.workspace.close()


def test_add_participant_with_the_keyboard(qtbot, unlocked, tasks, prefs, demo_study) -> None:
    from ui.dialogs.participant import ParticipantDialog

    page = participants_page(qtbot, make_services(unlocked, tasks, prefs), tasks)
    page.list.add_button.setFocus()
    qtbot.keyClick(page.list.add_button, Qt.Key.Key_Space)
    dialog = dialog_of(page, ParticipantDialog)
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.code)
    # Submitting with mistakes: each error sits next to its field, the summary takes focus.
    qtbot.keyClicks(dialog.code, "x")
    qtbot.keyClicks(dialog.dob, "23/04/2009")
    qtbot.keyClick(dialog.dob, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.fields["code"].error.isVisible()
    assert "2 to 32 letters" in dialog.fields["code"].error.text()
    assert "year-month-day" in dialog.fields["dob"].error.text()
    assert not dialog.fields["name"].error.isVisible()
    assert dialog.summary.isVisible() and "2 problems" in dialog.summary.text()
    assert QApplication.focusWidget() is dialog.summary
    assert dialog.code.accessibleDescription() == dialog.fields["code"].error.text()
    # A code already in use is reported next to the code.
    dialog.code.setText("YP-001")
    dialog.dob.setText("2009-04-23")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.fields["code"].error.isVisible(), timeout=10000)
    assert "already used" in dialog.fields["code"].error.text()
    # Fixed: saved, the dialog closes, the new row is in the table and selected.
    dialog.code.setText("YP-003")
    dialog.name.setText("Sam Example")
    dialog.role.setCurrentIndex(dialog.role.findData("staff"))
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "YP-003" in codes(page), timeout=10000)
    wait_idle(qtbot, tasks)
    row = page.list.model.row_of("YP-003")
    assert page.list.table.currentIndex().row() == row
    assert page.list.model.index(row, 2).data() == "Staff member"
    with unlocked.transaction() as tx:
        p = tx.participants.reveal_identity("YP-003")
    assert p.identity.name == "Sam Example"
    assert p.site_id == demo_study.sites[0].id


def test_search_and_filters(qtbot, unlocked, tasks, prefs) -> None:
    page = participants_page(qtbot, make_services(unlocked, tasks, prefs), tasks)
    qtbot.keyClick(page.list.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.list.filters.search
    qtbot.keyClicks(page.list.filters.search, "002")
    assert codes(page) == ["YP-002"]
    assert page.list.count.text() == "Showing 1 of 2"
    qtbot.keyClicks(page.list.filters.search, "9")
    assert page.list.views.currentWidget() is page.list.no_match
    qtbot.mouseClick(page.list.no_match.button, Qt.MouseButton.LeftButton)
    assert codes(page) == ["YP-001", "YP-002"]
    page.list.filters.status.setCurrentIndex(page.list.filters.status.findData("withdrawn"))
    assert codes(page) == []
    page.list.filters.status.setCurrentIndex(page.list.filters.status.findData("active"))
    assert codes(page) == ["YP-001", "YP-002"]
    page.list.filters.consent.setCurrentIndex(page.list.filters.consent.findData("given"))
    assert codes(page) == []


def test_wave_due_filter_and_next_wave_column(qtbot, unlocked, tasks, prefs) -> None:
    # Both enrolled today, so their baseline is due; YP-002 has done it: the early milestone
    # is next, six months on.
    phq = next(f for f in unlocked.study.forms if f.id == "phq9")
    with unlocked.transaction() as tx:
        tx.records.add(
            Record(
                "",
                "phq9",
                phq.version,
                SubjectKind.PARTICIPANT,
                unlocked.study.sites[0].id,
                participant_uuid=tx.participants.get("YP-002").uuid,
                wave_id="baseline",
                status=RecordStatus.FINAL,
            )
        )
    page = participants_page(qtbot, make_services(unlocked, tasks, prefs), tasks)
    m, wave = page.list.model, page.list.filters.wave
    assert m.headerData(NEXT_WAVE, Qt.Orientation.Horizontal) == "Next wave"
    assert m.index(0, NEXT_WAVE).data().startswith("Baseline · ")
    assert m.index(1, NEXT_WAVE).data().startswith("Early milestone · due ")
    assert wave.accessibleName() == "Filter by wave due"
    assert [wave.itemText(i) for i in range(wave.count())] == [
        "All waves",
        "Any wave due",
        "Baseline due",
        "Early milestone due",
        "Medium-term milestone due",
    ]
    # By keyboard only: Tab from the status filter to the wave filter, then arrow down.
    page.list.filters.status.setFocus()
    qtbot.keyClick(page.list.filters.status, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is wave
    qtbot.keyClick(wave, Qt.Key.Key_Down)
    assert wave.currentData() == ANY_WAVE_DUE
    assert codes(page) == ["YP-001"] and page.list.count.text() == "Showing 1 of 2"
    qtbot.keyClick(wave, Qt.Key.Key_Down)  # Baseline due
    assert codes(page) == ["YP-001"]
    qtbot.keyClick(wave, Qt.Key.Key_Down)  # Early milestone due: not for six months
    assert page.list.views.currentWidget() is page.list.no_match
    qtbot.mouseClick(page.list.no_match.button, Qt.MouseButton.LeftButton)
    assert wave.currentIndex() == 0 and codes(page) == ["YP-001", "YP-002"]
    # Combined with the search.
    wave.setCurrentIndex(wave.findData(ANY_WAVE_DUE))
    qtbot.keyClicks(page.list.filters.search, "002")
    assert codes(page) == []
    assert check_window(qtbot, page) == []


def test_site_column_takes_the_room_left_but_is_never_squeezed(qtbot, unlocked, tasks, prefs):
    page = participants_page(qtbot, make_services(unlocked, tasks, prefs), tasks)
    table, head = page.list.table, page.list.table.horizontalHeader()
    page.resize(1800, 800)
    qtbot.waitUntil(lambda: head.sectionSize(SITE) > SITE_MIN_WIDTH)
    assert sum(head.sectionSize(c) for c in COLUMNS) == table.viewport().width()
    page.resize(800, 800)  # too narrow for every column: it scrolls sideways instead
    qtbot.waitUntil(lambda: head.sectionSize(SITE) == SITE_MIN_WIDTH)
    assert table.horizontalScrollBar().maximum() > 0
    head.resizeSection(NEXT_WAVE, 200)  # a column made narrower gives Site the room
    page.resize(1800, 800)
    qtbot.waitUntil(lambda: sum(head.sectionSize(c) for c in COLUMNS) == table.viewport().width())


def test_enter_opens_the_detail_page(qtbot, unlocked, tasks, prefs) -> None:
    page = participants_page(qtbot, make_services(unlocked, tasks, prefs), tasks)
    page.list.table.setFocus()
    page.list.table.setCurrentIndex(page.list.model.index(1, 0))
    qtbot.keyClick(page.list.table, Qt.Key.Key_Return)
    assert page.stack.currentWidget() is page.detail
    qtbot.waitUntil(lambda: page.detail.detail is not None, timeout=10000)
    assert page.detail.header.title.text() == "YP-002"
    assert "Young person" in page.detail.header.purpose.text()
    qtbot.mouseClick(page.detail.back_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.list
    assert page.detail.detail is None


def test_clear_drops_everything(qtbot, unlocked, tasks, prefs) -> None:
    page = participants_page(qtbot, make_services(unlocked, tasks, prefs), tasks)
    page.open_participant("YP-001")
    qtbot.waitUntil(lambda: page.detail.detail is not None, timeout=10000)
    page.clear()
    assert page.list.model.rowCount() == 0 and page.detail.detail is None
    assert page.detail.scroll.widget() is None


def test_accessibility_of_the_list(qtbot, unlocked, tasks, prefs) -> None:
    page = participants_page(qtbot, make_services(unlocked, tasks, prefs), tasks)
    assert check_window(qtbot, page) == []
    status = page.list.model.index(0, STATUS).data()
    assert status == "Active"
