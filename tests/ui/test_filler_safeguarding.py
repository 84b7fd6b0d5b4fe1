"""Safeguarding in the filler: PHQ-9 item 9 above 'Not at all' raises an alert the
fieldworker must acknowledge (who, when, action taken) before the record can be final."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from a11y import check_names, check_targets
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from test_filler_helpers import current_name, digit, enter, focus, make_filler, settle
from ui_helpers import PASSWORD

from sylcollect.domain.record import Acknowledgement, Alert, RecordStatus


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


# --- an alert whose answers changed ---------------------------------------------------------

RAISED = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
CLEARED = datetime(2026, 11, 25, 11, 30, tzinfo=UTC)
ITEM9 = "Question 9: thoughts of self-harm. Follow up today."


def _notes(card) -> list[str]:
    return [n.text() for n in card.notes]


def test_card_of_an_alert_that_no_longer_holds_still_asks_for_acknowledgement(qtbot) -> None:
    from ui.filler.review import AlertCard, when

    card = AlertCard(Alert("phq9_item9", ITEM9, holds=False, cleared_at=CLEARED))
    qtbot.addWidget(card)
    assert _notes(card) == [
        "The answers changed after this alert was raised, so it no longer applies "
        f"(since {when(CLEARED)}). What was said before still needs to be seen: acknowledge "
        "it with what you did."
    ]
    assert when(CLEARED).startswith("25 Nov 2026, ")
    assert card.action is not None and card.button.isEnabled()
    assert check_names(card) == []


def test_card_of_an_acknowledged_alert_that_no_longer_holds(qtbot) -> None:
    from ui.filler.review import AlertCard, when

    alert = Alert(
        "phq9_item9",
        ITEM9,
        acknowledged_by="ann",
        acknowledged_at=RAISED,
        action_taken="Told the DSL",
        holds=False,
        cleared_at=CLEARED,
    )
    card = AlertCard(alert)
    qtbot.addWidget(card)
    assert _notes(card) == ["No longer applies after the answers changed."]
    assert card.action is None
    texts = [w.text() for w in card.findChildren(QLabel)]
    assert f"Acknowledged by ann, {when(RAISED)}. Action taken: Told the DSL" in texts


def test_card_shows_earlier_acknowledgements_and_asks_again(qtbot) -> None:
    from ui.filler.review import AlertCard, when

    earlier = Acknowledgement("ann", RAISED, "Told the DSL <b>at once</b>", ITEM9, "phq9_9='1'")
    card = AlertCard(Alert("phq9_item9", ITEM9, trigger="phq9_9='3'", history=(earlier,)))
    qtbot.addWidget(card)
    assert _notes(card) == [
        f"Acknowledged earlier by ann, {when(RAISED)} (Told the DSL <b>at once</b>), before "
        "the answers changed. It needs acknowledging again."
    ]
    assert card.notes[0].textFormat() == Qt.TextFormat.PlainText  # typed words, never markup
    assert card.action is not None
    # acknowledged again: the earlier one stays in sight, without asking again
    again = Alert(
        "phq9_item9",
        ITEM9,
        acknowledged_by="bob",
        acknowledged_at=CLEARED,
        action_taken="Rang the DSL again",
        history=(earlier,),
    )
    card = AlertCard(again)
    qtbot.addWidget(card)
    assert _notes(card) == [
        f"Acknowledged earlier by ann, {when(RAISED)} (Told the DSL <b>at once</b>), before "
        "the answers changed."
    ]
    assert card.action is None


def test_changing_item9_after_acknowledging_asks_again_in_the_filler(
    qtbot, unlocked, tasks
) -> None:
    filler = make_filler(qtbot, unlocked, tasks, "phq9")
    finished = []
    filler.finished.connect(finished.append)
    answer_all(qtbot, filler, item9=1)
    card = filler.review.cards[0]
    card.action.setFocus()
    qtbot.keyClicks(card.action, "Told the DSL")
    qtbot.mouseClick(card.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: filler.review.notice.message() == "Alert acknowledged.", timeout=15000)
    c = filler.controller
    c.set_answer(
        c.state.key(c.state.node("phq9_9")), "3"
    )  # from 'several days' to 'nearly every day'
    settle(qtbot, tasks)
    filler.show_review()
    (card,) = filler.review.cards
    assert card.action is not None and not card.alert.acknowledged
    assert [e.by for e in card.alert.history] == ["ann"]
    assert (
        card.notes[0].text().endswith("before the answers changed. It needs acknowledging again.")
    )
    qtbot.mouseClick(filler.review.finish_button, Qt.MouseButton.LeftButton)
    assert finished == []
    assert "Acknowledge the safeguarding alert" in " ".join(filler.review.summary.texts())
    # item 9 back to 'not at all': it no longer holds, and still waits for acknowledgement
    c.set_answer(c.state.key(c.state.node("phq9_9")), "0")
    settle(qtbot, tasks)
    filler.show_review()
    (card,) = filler.review.cards
    assert not card.alert.holds and card.action is not None
    assert "so it no longer applies" in card.notes[0].text()
    settle(qtbot, tasks)
