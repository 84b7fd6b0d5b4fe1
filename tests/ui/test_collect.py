"""The Collect page: choose a form, subject, wave and mode; start; open drafts to resume;
the self-complete handover and the fieldworker's review after taking the laptop back."""

from __future__ import annotations

import pytest
from a11y import check_names, check_targets, check_window
from PySide6.QtCore import Qt
from test_filler_helpers import digit, enter
from ui_helpers import PASSWORD, show, wait_idle

from sylcollect.domain.record import RecordMode


@pytest.fixture
def unlocked(locked_ws):
    ws = locked_ws.unlock("ann", PASSWORD)
    yield ws
    if not ws.locked:
        ws.lock()


def make_page(qtbot, ws, tasks):
    from ui.pages.collect import CollectPage

    page = CollectPage(ws, tasks)
    page.resize(1100, 760)
    show(qtbot, page)
    qtbot.waitUntil(lambda: page.data is not None, timeout=15000)
    return page


def choose(page, form_id: str, code: str = "YP-001", mode=RecordMode.INTERVIEWER) -> None:
    page.form.setCurrentIndex(page.form.findData(form_id))
    page.subject.setCurrentText(code)
    page.mode_buttons[mode].setChecked(True)


def test_header_parts_and_empty_drafts(qtbot, unlocked, tasks) -> None:
    page = make_page(qtbot, unlocked, tasks)
    assert page.title == "Collect" and page.purpose
    assert page.main_action.text() == "Start a questionnaire"
    assert page.no_drafts.isVisible() and not page.drafts.isVisible()
    assert check_window(qtbot, page) == []


def test_site_forms_ask_for_a_site_and_codes_are_checked(qtbot, unlocked, tasks) -> None:
    page = make_page(qtbot, unlocked, tasks)
    page.form.setCurrentIndex(page.form.findData("staff_survey"))
    assert page.site.isVisible() and not page.subject.isVisible()
    choose(page, "phq9", code="NOPE-9")
    page.start_button.setFocus()
    qtbot.keyClick(page.start_button, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.summary.isVisible()
    assert "participant" in " ".join(page.summary.texts())


def test_start_save_close_and_resume_from_open_drafts(qtbot, unlocked, tasks) -> None:
    page = make_page(qtbot, unlocked, tasks)
    choose(page, "phq9")
    page.wave.setCurrentIndex(page.wave.findData("baseline"))
    page.start()
    qtbot.waitUntil(lambda: page.filler is not None, timeout=15000)
    filler = page.filler
    assert "YP-001" in filler.subject.text() and "Baseline" in filler.subject.text()
    assert check_names(filler) == [] and check_targets(filler) == []
    digit(qtbot, 2)
    enter(qtbot)
    digit(qtbot, 3)
    wait_idle(qtbot, tasks)
    qtbot.mouseClick(filler.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.filler is None and page.drafts.count() == 1, timeout=15000)
    assert "2 answers" in page.drafts.item(0).text()
    page.drafts.setFocus()
    qtbot.keyClick(page.drafts, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.filler is not None, timeout=15000)
    page_key = page.filler.controller.page.key[0]
    assert page_key.endswith("phq9_3")
    assert page.filler.controller.state.cell("phq9_2").answer == "2"
    page.clear()
    assert page.filler is None and page.data is None


def test_self_complete_handover_and_review_after(qtbot, unlocked, tasks) -> None:
    page = make_page(qtbot, unlocked, tasks)
    page.handover.full_screen = False
    page.handover.speaker_factory = lambda _parent: None
    choose(page, "phq9", mode=RecordMode.SELF_COMPLETE)
    active = []
    page.self_complete_active.connect(active.append)
    page.start()
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.handover, timeout=15000)
    assert check_names(page) == []
    qtbot.keyClicks(page.handover.adult, "Sam")
    qtbot.mouseClick(page.handover.go_button, Qt.MouseButton.LeftButton)
    window = page.handover.window_
    assert window is not None and active == [True]
    qtbot.addWidget(window)
    qtbot.mouseClick(window.welcome.start_button, Qt.MouseButton.LeftButton)
    while not window.controller.page.key[0].endswith("phq9_9"):
        qtbot.mouseClick(window.question.skip_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.question.block.input.buttons["2"], Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tasks)
    qtbot.mouseClick(window.staff_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(window.staff_screen.password.edit, PASSWORD)
    qtbot.keyClick(window.staff_screen.password.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.filler is not None, timeout=15000)
    assert active == [True, False]
    filler = page.filler
    assert filler.stack.currentWidget() is filler.review_scroll  # alerts first
    assert [c.alert.id for c in filler.review.cards] == ["phq9_item9"]
    assert "Self-complete" in filler.subject.text()
