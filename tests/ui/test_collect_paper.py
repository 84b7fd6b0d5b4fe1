"""Collect: a completed paper form typed in afterwards is saved as a paper-transcription
record (chosen on the start step, filled and finished by keyboard)."""

from __future__ import annotations

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


def start_paper(qtbot, page, form_id: str = "gad7", code: str = "YP-001"):
    """Chooses the form, the participant and 'I am typing in a paper form'; starts it."""
    page.form.setCurrentIndex(page.form.findData(form_id))
    page.subject.setCurrentText(code)
    paper = page.mode_buttons[RecordMode.PAPER]
    paper.setFocus()
    qtbot.keyClick(paper, Qt.Key.Key_Space)
    assert paper.isChecked() and page.mode() is RecordMode.PAPER
    qtbot.keyClick(paper, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.filler is not None, timeout=15000)
    return page.filler


def test_paper_form_typed_in_is_saved_as_paper_transcription(qtbot, unlocked, tasks) -> None:
    page = make_page(qtbot, unlocked, tasks)
    filler = start_paper(qtbot, page)
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
    assert record.answers["gad7_1"] == "0" and record.answers["gad7_difficulty"] == "not_difficult"
    assert record.scores["gad7"]["score"] == 0
    wait_idle(qtbot, tasks)
    with unlocked.transaction() as tx:
        assert tx.records.get(record.uuid).mode is RecordMode.PAPER
