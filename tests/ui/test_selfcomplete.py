"""Self-complete mode: skip vs 'I'd rather not say', section notes, break, hide, stop (no
password), ending needs the fieldworker's password, alerts never shown to the young person,
44 px targets and accessible names on every screen."""

from __future__ import annotations

import pytest
from a11y import check_names, check_targets
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from test_filler_helpers import session
from ui_helpers import PASSWORD, show, wait_idle

from sylcollect.domain.record import RecordMode, RecordStatus
from sylcollect.services.drafts import DraftSave, open_drafts


class FakeSpeaker:
    def __init__(self) -> None:
        self.said: list[str] = []

    def say(self, text: str) -> None:
        self.said.append(text)

    def stop(self) -> None:
        pass


@pytest.fixture
def unlocked(locked_ws):
    ws = locked_ws.unlock("ann", PASSWORD)
    yield ws
    if not ws.locked:
        ws.lock()


def staff_session(ws):
    """An anonymous staff survey: about a site, no participant."""
    from ui.filler.loading import new_session

    site = ws.study.sites[0].id
    draft = DraftSave("staff_survey", "", {}, site_id=site, mode=RecordMode.SELF_COMPLETE)
    return new_session(ws, draft)


def make_window(qtbot, ws, tasks, form_id="yp_checkin", speaker=None):
    from ui.selfcomplete.window import SelfCompleteWindow

    if form_id == "staff_survey":
        started = staff_session(ws)
    else:
        started = session(ws, form_id, RecordMode.SELF_COMPLETE)
    window = SelfCompleteWindow(ws, tasks, started, "Sam", speaker)
    window.resize(1200, 900)
    show(qtbot, window)
    return window


def click(qtbot, button) -> None:
    assert button.isVisible(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def name(window) -> str:
    page = window.controller.page
    return page.key[0].rsplit("/", 1)[-1]


def shown_text(window) -> str:
    return " ".join(lab.text() for lab in window.findChildren(QLabel) if lab.isVisibleTo(window))


def a11y(window) -> list[str]:
    return check_names(window) + check_targets(window, 44)


def test_a_session_from_welcome_to_thanks(qtbot, unlocked, tasks) -> None:
    window = make_window(qtbot, unlocked, tasks)
    assert window.stack.currentWidget() is window.welcome
    assert a11y(window) == []
    w = window.welcome
    assert w.start_button.sizeHint().height() == w.not_now_button.sizeHint().height()
    assert not w.start_button.property("primary") and not w.not_now_button.property("primary")
    text = shown_text(window)
    assert "minutes" in text and "study team" in text and "keep you safe" in text
    click(qtbot, w.start_button)
    assert name(window) == "intro"
    assert window.question.kind == "section"  # a note before a part: Continue / Skip this part
    click(qtbot, window.question.continue_button)
    assert name(window) == "feel_week"
    assert window.question.progress.text().startswith("Question 2 of ")
    assert "How you are" in window.question.progress.text()
    assert window.break_button.isVisible() and window.question.skip_button.isVisible()
    assert a11y(window) == []
    block = window.question.block
    click(qtbot, block.input.buttons["pnts"])  # "I'd rather not say" is an answer...
    click(qtbot, window.question.next_button)
    assert window.controller.state.cell("feel_week").answer == "pnts"
    assert name(window) == "sleep"
    click(qtbot, window.question.skip_button)  # ...a skip stays empty
    assert window.controller.state.cell("sleep").answer in (None, "")
    assert name(window) == "fun"
    # Take a break: no question on screen, same question after
    click(qtbot, window.break_button)
    assert window.stack.currentWidget() is window.break_screen
    assert "0800 1111" in shown_text(window) and "Sam" in shown_text(window)
    assert "often" not in shown_text(window)
    click(qtbot, window.break_screen.carry_on_button)
    assert name(window) == "fun"
    # Hide screen: a key and a button, neutral "Paused"
    qtbot.keyClick(window.question.first_focus(), Qt.Key.Key_Escape)
    assert window.paused and shown_text(window).strip() == "Paused"
    click(qtbot, window.pause_screen.carry_on_button)
    assert name(window) == "fun"
    click(qtbot, window.hide_button)
    assert window.paused
    click(qtbot, window.pause_screen.carry_on_button)
    # Section note offered as a choice: skip the safety part
    click(qtbot, window.question.skip_button)
    assert name(window) == "safety_go" and window.question.kind == "section"
    click(qtbot, window.question.skip_part_button)
    assert window.controller.state.cell("safety_go").answer == "skip"
    assert name(window) == "people_go"
    click(qtbot, window.question.skip_part_button)
    assert name(window) == "school_now"
    for _ in range(10):
        if window.question is None or window.stack.currentWidget() is not window.question:
            break
        click(qtbot, window.question.skip_button)
    assert window.stack.currentWidget() is window.check
    assert a11y(window) == []
    change, _clear = window.check.rows[("/data/wellbeing/feel_week", ())]
    click(qtbot, change)
    assert name(window) == "feel_week"
    click(qtbot, window.question.block.input.buttons["good"])
    click(qtbot, window.question.next_button)  # "Back to my answers"
    assert window.stack.currentWidget() is window.check
    _change, clear = window.check.rows[("/data/wellbeing/feel_week", ())]
    click(qtbot, clear)
    assert window.controller.state.cell("feel_week").answer is None
    click(qtbot, window.check.done_button)
    assert window.stack.currentWidget() is window.next_screen
    assert "The adult who gave you the laptop" in shown_text(window)
    click(qtbot, window.next_screen.send_button)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.end_screen, timeout=10000)
    assert "Thank you" in shown_text(window) and "0800 1111" in shown_text(window)
    assert "Talk to Sam." in shown_text(window) and "manager" not in shown_text(window)
    assert a11y(window) == []
    wait_idle(qtbot, tasks)
    record_uuid = window.controller.uuid
    with unlocked.transaction() as tx:
        record = tx.records.get(record_uuid)
    assert record.mode is RecordMode.SELF_COMPLETE and record.status is RecordStatus.DRAFT
    assert record.answers["safety_go"] == "skip" and "sleep" not in record.answers


def test_ending_needs_the_password_but_stopping_does_not(qtbot, unlocked, tasks) -> None:
    window = make_window(qtbot, unlocked, tasks)
    back = []
    window.handed_back.connect(back.append)
    click(qtbot, window.welcome.start_button)
    click(qtbot, window.question.continue_button)
    click(qtbot, window.question.block.input.buttons["ok"])
    window.close()  # Alt+F4 and the like do nothing
    assert window.isVisible()
    click(qtbot, window.stop_button)  # stopping: no password
    assert window.stack.currentWidget() is window.stop_screen
    assert a11y(window) == []
    click(qtbot, window.stop_screen.keep_button)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.end_screen, timeout=10000)
    assert "You have stopped" in shown_text(window)
    click(qtbot, window.end_screen.staff_button)
    staff = window.staff_screen
    assert window.stack.currentWidget() is staff
    assert a11y(window) == []
    qtbot.keyClicks(staff.password.edit, "not the password")
    qtbot.keyClick(staff.password.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: staff.error.kind != "", timeout=15000)
    assert window.isVisible() and back == []
    qtbot.keyClicks(staff.password.edit, PASSWORD)
    qtbot.keyClick(staff.password.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(back), timeout=15000)
    assert back == [window.controller.uuid] and not window.isVisible()


def test_delete_my_answers_removes_the_draft(qtbot, unlocked, tasks) -> None:
    window = make_window(qtbot, unlocked, tasks)
    click(qtbot, window.welcome.start_button)
    click(qtbot, window.question.continue_button)
    click(qtbot, window.question.block.input.buttons["ok"])
    wait_idle(qtbot, tasks)
    assert len(open_drafts(unlocked)) == 1
    click(qtbot, window.stop_button)
    click(qtbot, window.stop_screen.delete_button)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.end_screen, timeout=10000)
    wait_idle(qtbot, tasks)
    assert open_drafts(unlocked) == []
    assert "deleted" in shown_text(window)


def test_alerts_are_never_shown_to_the_young_person(qtbot, unlocked, tasks) -> None:
    window = make_window(qtbot, unlocked, tasks, "phq9", FakeSpeaker())
    click(qtbot, window.welcome.start_button)
    while name(window) != "phq9_9":
        click(qtbot, window.question.skip_button)
    click(qtbot, window.question.block.input.buttons["1"])
    click(qtbot, window.question.next_button)
    wait_idle(qtbot, tasks)
    assert [a.id for a in window.controller.saved_alerts] == ["phq9_item9"]  # saved for staff
    click(qtbot, window.question.skip_button)
    for screen in (window.check, window.next_screen):
        assert "safeguarding" not in shown_text(window).lower()
        assert "follow-up" not in shown_text(window)
        if screen is window.check:
            click(qtbot, window.check.done_button)


def test_comfort_settings_and_read_aloud(qtbot, unlocked, tasks) -> None:
    speaker = FakeSpeaker()
    window = make_window(qtbot, unlocked, tasks, speaker=speaker)
    comfort = window.welcome.comfort
    assert comfort.speak.isVisible()
    comfort.size.setCurrentIndex(2)
    comfort.contrast.setChecked(True)
    comfort.speak.setChecked(True)
    assert window.comfort.size.currentIndex() == 2 and window.comfort.contrast.isChecked()
    assert window.palette().window().color().name() == "#000000"
    click(qtbot, window.welcome.start_button)
    assert speaker.said and "Question 1 of" in speaker.said[-1]
    assert a11y(window) == []


def test_no_read_aloud_without_an_engine(qtbot, unlocked, tasks) -> None:
    window = make_window(qtbot, unlocked, tasks, speaker=None)
    assert not window.welcome.comfort.speak.isVisible()
    assert not window.welcome.headphones.isVisible()


# --- anonymous staff surveys -----------------------------------------------------------------
def answer_role(qtbot, window) -> None:
    """Start, then answer the staff survey's first question (their role)."""
    click(qtbot, window.welcome.start_button)
    while name(window) != "role":
        click(qtbot, window.question.next_button)
    click(qtbot, window.question.block.input.buttons["frontline"])
    wait_idle(qtbot, window.controller.tasks)


def record_of(ws, uuid):
    with ws.transaction() as tx:
        return tx.records.get(uuid)


def hand_back(qtbot, window) -> list:
    back: list = []
    window.handed_back.connect(back.append)
    window.ask_staff()
    qtbot.keyClicks(window.staff_screen.password.edit, PASSWORD)
    qtbot.keyClick(window.staff_screen.password.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(back), timeout=15000)
    return back


def test_a_staff_survey_speaks_to_an_adult(qtbot, unlocked, tasks) -> None:
    window = make_window(qtbot, unlocked, tasks, "staff_survey")
    assert window.staff_survey
    text = shown_text(window)
    assert "questions about your work" in text and "pass it on" in text
    assert "keep you safe" not in text and "study team" in text
    assert a11y(window) == []
    click(qtbot, window.welcome.start_button)
    click(qtbot, window.break_button)
    text = shown_text(window)
    assert "manager" in text and "staff support" in text
    for young in ("Childline", "0800 1111", "Sam", "looks after you", "18 or under", "card"):
        assert young not in text
    click(qtbot, window.break_screen.carry_on_button)
    click(qtbot, window.stop_button)
    assert window.stop_screen.keep_button.text() == "Send my answers so far"
    assert "send the answers you gave so far" in shown_text(window)
    click(qtbot, window.stop_screen.back_button)
    window.show_check()
    click(qtbot, window.check.done_button)
    text = shown_text(window)
    assert "study team" in text and "adult" not in text and "not be safe" not in text
    assert a11y(window) == []


def test_a_sent_staff_survey_is_final_at_once(qtbot, unlocked, tasks) -> None:
    window = make_window(qtbot, unlocked, tasks, "staff_survey")
    answer_role(qtbot, window)
    window.show_check()
    click(qtbot, window.check.done_button)
    click(qtbot, window.next_screen.send_button)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.end_screen, timeout=10000)
    text = shown_text(window)
    assert "learn what works" in text and "manager" in text and "Childline" not in text
    wait_idle(qtbot, tasks)
    record = record_of(unlocked, window.controller.uuid)
    assert record.status is RecordStatus.FINAL and record.answers["role"] == "frontline"
    assert record.participant_uuid is None and window.final
    assert open_drafts(unlocked) == []  # nothing for the fieldworker to open
    assert hand_back(qtbot, window) == [record.uuid] and not window.isVisible()


def test_a_stopped_staff_survey_sends_the_answers_so_far(qtbot, unlocked, tasks) -> None:
    window = make_window(qtbot, unlocked, tasks, "staff_survey")
    answer_role(qtbot, window)
    click(qtbot, window.stop_button)
    click(qtbot, window.stop_screen.keep_button)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.end_screen, timeout=10000)
    assert "Your answers so far go to the study team." in shown_text(window)
    wait_idle(qtbot, tasks)
    assert record_of(unlocked, window.controller.uuid).status is RecordStatus.FINAL


def test_a_staff_survey_taken_back_midway_is_final_too(qtbot, unlocked, tasks) -> None:
    window = make_window(qtbot, unlocked, tasks, "staff_survey")
    answer_role(qtbot, window)
    uuid = window.controller.uuid
    assert record_of(unlocked, uuid).status is RecordStatus.DRAFT
    assert hand_back(qtbot, window) == [uuid]
    assert window.final and record_of(unlocked, uuid).status is RecordStatus.FINAL


def test_a_lock_during_a_staff_survey_keeps_its_answers_final(qtbot, unlocked, tasks) -> None:
    window = make_window(qtbot, unlocked, tasks, "staff_survey")
    answer_role(qtbot, window)
    uuid = window.controller.uuid
    window.release()  # the workspace locks: the survey is made final before the keys go
    assert not window.isVisible()
    wait_idle(qtbot, tasks)
    record = record_of(unlocked, uuid)
    assert record.status is RecordStatus.FINAL and record.answers["role"] == "frontline"


def test_a_young_persons_record_stays_a_draft_for_review(qtbot, unlocked, tasks) -> None:
    window = make_window(qtbot, unlocked, tasks)
    assert not window.staff_survey
    click(qtbot, window.welcome.start_button)
    click(qtbot, window.question.continue_button)
    click(qtbot, window.question.block.input.buttons["ok"])
    wait_idle(qtbot, tasks)
    uuid = window.controller.uuid
    assert hand_back(qtbot, window) == [uuid]
    assert not window.final and record_of(unlocked, uuid).status is RecordStatus.DRAFT
