"""Safeguarding in the filler: PHQ-9 item 9 above 'Not at all' raises an alert the
fieldworker must acknowledge (who, when, action taken) before the record can be final."""

from __future__ import annotations

import pytest
from a11y import check_names, check_targets
from PySide6.QtCore import Qt
from test_filler_helpers import current_name, digit, enter, focus, make_filler, settle
from ui_helpers import PASSWORD

from sylcollect.domain.record import RecordStatus


@pytest.fixture
def unlocked(locked_ws):
    ws = locked_ws.unlock("ann", PASSWORD)
    yield ws
    if not ws.locked:
        ws.lock()


def answer_all(qtbot, filler, item9: int) -> None:
    for i in range(1, 10):
        assert current_name(filler) == f"phq9_{i}"
        digit(qtbot, item9 + 1 if i == 9 else 1)
        enter(qtbot)
    digit(qtbot, 1)
    enter(qtbot)


def test_alert_blocks_finishing_until_acknowledged(qtbot, unlocked, tasks) -> None:
    filler = make_filler(qtbot, unlocked, tasks, "phq9")
    finished = []
    filler.finished.connect(finished.append)
    answer_all(qtbot, filler, item9=1)
    assert filler.stack.currentWidget() is filler.review_scroll
    review = filler.review
    assert len(review.cards) == 1 and "Question 9" in review.cards[0].alert.message
    assert check_names(filler) == [] and check_targets(filler) == []
    enter(qtbot)  # Finish: refused, the summary says why and takes focus
    assert finished == []
    assert review.summary.isVisible() and focus(qtbot) is review.summary
    assert "Acknowledge the safeguarding alert" in " ".join(review.summary.texts())
    card = review.cards[0]
    qtbot.mouseClick(card.button, Qt.MouseButton.LeftButton)  # empty action: refused
    assert card.error.message()
    card.action.setFocus()
    qtbot.keyClicks(card.action, "Talked with her and told the unit manager")
    qtbot.mouseClick(card.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: review.notice.message() == "Alert acknowledged.", timeout=15000)
    acknowledged = filler.review.cards[0].alert
    assert acknowledged.acknowledged_by == "ann" and acknowledged.acknowledged_at is not None
    assert acknowledged.action_taken.startswith("Talked with her")
    qtbot.mouseClick(filler.review.finish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(finished), timeout=15000)
    record = finished[0]
    assert record.status is RecordStatus.FINAL
    assert record.alerts[0].acknowledged and record.scores["phq9"]["score"] == 1
    settle(qtbot, tasks)


def test_no_alert_no_acknowledgement(qtbot, unlocked, tasks) -> None:
    filler = make_filler(qtbot, unlocked, tasks, "phq9")
    finished = []
    filler.finished.connect(finished.append)
    answer_all(qtbot, filler, item9=0)
    assert filler.review.cards == []
    enter(qtbot)
    qtbot.waitUntil(lambda: bool(finished), timeout=15000)
    assert finished[0].status is RecordStatus.FINAL
    settle(qtbot, tasks)
