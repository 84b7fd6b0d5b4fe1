"""Collect: a completed paper form typed in afterwards is saved as a paper-transcription
record (chosen on the start step, filled and finished by keyboard), with the date written on
the paper form when one is typed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from test_filler_helpers import current_name, digit, enter, focus
from ui_helpers import PASSWORD, show, wait_idle

from sylcollect.domain.record import RecordMode, RecordStatus


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


def choose_paper(qtbot, page, form_id: str = "gad7", code: str = "YP-001") -> None:
    """Chooses the form, the participant and 'I am typing in a paper form' (by keyboard)."""
    page.form.setCurrentIndex(page.form.findData(form_id))
    page.subject.setCurrentText(code)
    assert not page.paper_date.isVisible()
    paper = page.mode_buttons[RecordMode.PAPER]
    paper.setFocus()
    qtbot.keyClick(paper, Qt.Key.Key_Space)
    assert paper.isChecked() and page.mode() is RecordMode.PAPER
    assert page.paper_date.isVisible() and page.paper_date.text() == ""


def start_paper(qtbot, page, form_id: str = "gad7", code: str = "YP-001", on_paper: str = ""):
    """Chooses a paper form, types the date on it (Tab from the mode) and starts it."""
    choose_paper(qtbot, page, form_id, code)
    if on_paper:
        qtbot.keyClick(focus(qtbot), Qt.Key.Key_Tab)
        assert focus(qtbot) is page.paper_date
        qtbot.keyClicks(page.paper_date, on_paper)
    qtbot.keyClick(focus(qtbot), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.filler is not None, timeout=15000)
    return page.filler


def test_paper_form_typed_in_is_saved_as_paper_transcription(qtbot, unlocked, tasks) -> None:
    page = make_page(qtbot, unlocked, tasks)
    filler = start_paper(qtbot, page, on_paper="2025-06-30")
    assert "Typed in from paper" in filler.subject.text()
    finished = []
    filler.finished.connect(finished.append)
    for _ in range(8):  # the seven GAD-7 items and the difficulty: the first answer each
        assert current_name(filler).startswith("gad7_")
        digit(qtbot, 1)
        enter(qtbot)
    qtbot.waitUntil(lambda: filler.stack.currentWidget() is filler.review_scroll, timeout=5000)
    assert focus(qtbot) is filler.review.finish_button
    enter(qtbot)
    qtbot.waitUntil(lambda: bool(finished), timeout=15000)
    record = finished[0]
    assert record.status is RecordStatus.FINAL and record.mode is RecordMode.PAPER
    assert record.paper_date == date(2025, 6, 30)
    assert record.answers["gad7_1"] == "0" and record.answers["gad7_difficulty"] == "not_difficult"
    assert record.scores["gad7"]["score"] == 0
    wait_idle(qtbot, tasks)
    with unlocked.transaction() as tx:
        assert tx.records.get(record.uuid).mode is RecordMode.PAPER
    assert page.paper_date.text() == ""  # the next paper form has its own date


def test_the_paper_date_is_optional_and_checked(qtbot, unlocked, tasks) -> None:
    page = make_page(qtbot, unlocked, tasks)
    choose_paper(qtbot, page)
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    for typed, problem in (("30/06/2025", "year-month-day"), (tomorrow, "in the future")):
        page.paper_date.setText(typed)
        page.start()
        assert page.summary.isVisible() and problem in " ".join(page.summary.texts())
        assert page.filler is None
    page.paper_date.clear()
    page.start()
    qtbot.waitUntil(lambda: page.filler is not None, timeout=15000)
    assert page.filler.controller.draft.paper_date is None
    assert page.filler.controller.draft.mode is RecordMode.PAPER


def test_no_paper_date_for_other_modes(qtbot, unlocked, tasks) -> None:
    page = make_page(qtbot, unlocked, tasks)
    choose_paper(qtbot, page)
    page.paper_date.setText("not a date")
    page.mode_buttons[RecordMode.INTERVIEWER].setChecked(True)
    assert not page.paper_date.isVisible()
    page.start()  # the hidden field is not read
    qtbot.waitUntil(lambda: page.filler is not None, timeout=15000)
    assert page.filler.controller.draft.paper_date is None
