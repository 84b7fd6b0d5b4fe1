"""The user's part of tests/acceptance/test_app_e2e.py: run by `main.py` through the documented
SYLCOLLECT_UI_SCRIPT hook, inside the app's event loop, with `app` and `controller` given.

It does what a fieldworker does, with the keyboard and the mouse on the real widgets:
the first-run wizard on the demo study, the recovery sheet saved, a participant added
(Ctrl+2, Ctrl+N), the Collect page opened by clicking its item on the rail, PHQ-9 chosen for
that participant at baseline, every question answered with digits and Enter, the
safeguarding alert acknowledged on the review page, Finish, and Ctrl+L.

It reads no password from anywhere; the one it types is the test's own. Lines starting
"E2E " on stdout are what the test reads. The test copies this file to a private place
(the hook runs only files no one else can write) and sets SYLCOLLECT_E2E_OUT.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from ui.dialogs.participant import ParticipantDialog
from ui.windows.first_run import FirstRunWizard
from ui.windows.main_window import MainWindow
from ui.windows.unlock import UnlockWindow

controller = globals()["controller"]  # given by main.py's hook
PASSWORD = "correct horse battery staple"
OUT = Path(os.environ["SYLCOLLECT_E2E_OUT"])
CODE = "YP-E2E"
FORM = "phq9"
WAVE = "baseline"
# What is typed on each page: (question, digit). Option n is the n-th in the form's list:
# phq_freq 0, 1, 2, 3, pnts; phq_difficulty not_difficult, somewhat, very, extremely, pnts.
KEYS = [
    ("phq9_1", 2),
    ("phq9_2", 1),
    ("phq9_3", 3),
    ("phq9_4", 2),
    ("phq9_5", 1),
    ("phq9_6", 4),
    ("phq9_7", 1),
    ("phq9_8", 2),
    ("phq9_9", 2),  # "Several days": the safeguarding alert fires
    ("phq9_difficulty", 2),
]
ACTION = "Talked with them privately before they left; told the site lead."


def wait_until(check, seconds=120, what="condition"):  # type: ignore[no-untyped-def]
    end = time.monotonic() + seconds
    while not check():
        if time.monotonic() > end:
            raise TimeoutError("timed out waiting for " + what)
        QTest.qWait(20)


def click(button: QWidget) -> None:
    assert button.isVisible() and button.isEnabled(), button
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key press where the keyboard focus is, as a person's key would go."""
    QTest.keyClick(focused(), key, modifier)


def step_combo_to(combo, value: str) -> None:  # type: ignore[no-untyped-def]
    """Focuses a (closed) combo box and walks it with Home and Down until `value` is current."""
    combo.setFocus(Qt.FocusReason.TabFocusReason)
    wait_until(combo.hasFocus, 5, "focus on the combo box")
    QTest.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentData() == value:
            return
        QTest.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == value, (value, combo.currentData())


# 1. First run: the demo option is chosen (--demo); Continue; the first user.
wizard = controller.window
assert isinstance(wizard, FirstRunWizard), type(wizard)
assert wizard.choose.demo.isChecked()
click(wizard.choose.next_button)
QTest.keyClicks(wizard.user.user, "ann")
QTest.keyClicks(wizard.user.password.edit, PASSWORD)
QTest.keyClicks(wizard.user.confirm, PASSWORD)
QTest.keyClick(wizard.user.confirm, Qt.Key.Key_Return)
wait_until(lambda: wizard.stack.currentWidget() is wizard.key, what="the recovery key")

# 2. The recovery sheet, saved where "the user" chooses (the save dialog answered).
wizard.ask_save_path = lambda _parent: str(OUT / "recovery-sheet.pdf")
click(wizard.key.save_button)
wait_until(lambda: "Saved to" in wizard.key.notice.message(), what="the saved sheet")
QTest.keyClick(wizard.key.stored, Qt.Key.Key_Space)
click(wizard.key.finish_button)

# 3. The dashboard, signed in.
wait_until(lambda: isinstance(controller.window, MainWindow), what="the main window")
main = controller.window
wait_until(lambda: main.services is not None and main.specs, what="the session")
wait_until(lambda: main.home is not None and main.home.summary is not None, what="Home")
print("E2E home:", main.home.summary.name, flush=True)
keys = [spec.key for spec in main.specs]
assert "participants" in keys and "collect" in keys, keys

# 4. A participant: the rail's shortcut (Participants is second: Ctrl+2), then Ctrl+N.
wait_until(main.isActiveWindow, 10, "the main window to be active")
QTest.keyClick(main, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
wait_until(lambda: main.current_key() == "participants", 10, "the Participants page")
participants = main.pages["participants"]
assert main.stack.currentWidget() is participants
QTest.keyClick(participants, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
wait_until(
    lambda: participants.dialog is not None and participants.dialog.isVisible(),
    10,
    "the Add participant dialog",
)
dialog = participants.dialog
assert isinstance(dialog, ParticipantDialog)
dialog.code.setFocus(Qt.FocusReason.TabFocusReason)
QTest.keyClicks(dialog.code, CODE)
QTest.keyClick(dialog.code, Qt.Key.Key_Return)  # "Add participant" is the default button
wait_until(lambda: not dialog.isVisible(), 30, "the participant to be saved")
# The dialog is gone; back in the main window (a person's next click would activate it).
if not main.isActiveWindow():
    main.activateWindow()
wait_until(main.isActiveWindow, 10, "the main window to be active again")
print("E2E participant added:", CODE, flush=True)

# 5. Collect, by clicking its item on the navigation rail.
row = keys.index("collect")
rect = main.rail.visualItemRect(main.rail.item(row))
QTest.mouseClick(main.rail.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
wait_until(lambda: main.current_key() == "collect", 10, "the Collect page")
page = main.pages["collect"]
assert main.stack.currentWidget() is page and page.isVisible()
wait_until(
    lambda: (
        page.data is not None
        and CODE in [c for c, _s in page.data.participants]
        and page.subject.findData(CODE) >= 0
    ),
    30,
    "the Collect page's choices",
)

# The questionnaire, the participant's code, the wave; "I ask the questions"; Ctrl+N.
step_combo_to(page.form, FORM)
assert page.subject.isVisible() and not page.site.isVisible()
edit = page.subject.lineEdit()
QTest.mouseClick(edit, Qt.MouseButton.LeftButton)
QTest.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
QTest.keyClicks(edit, CODE)
assert page.subject.currentText() == CODE
step_combo_to(page.wave, WAVE)
assert page.mode_buttons[page.mode()].text() == "I ask the questions"
press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # "Start a questionnaire"
wait_until(lambda: page.filler is not None and page.filler.isVisible(), 30, "the form filler")
filler = page.filler
assert CODE in filler.subject.text() and "Baseline" in filler.subject.text()
finished = []
filler.finished.connect(finished.append)


def current_question() -> str:
    current = filler.controller.page
    return current.key[0].rsplit("/", 1)[-1] if current else ""


# 6. Every question: a digit picks the option, Enter moves on.
for name, digit in KEYS:
    wait_until(lambda name=name: current_question() == name, 10, "question " + name)
    wait_until(lambda: filler.isAncestorOf(focused()), 10, "focus in the question")
    press(getattr(Qt.Key, f"Key_{digit}"))
    assert filler.controller.state.cell(name).answer not in (None, ""), name
    press(Qt.Key.Key_Return)
wait_until(lambda: filler.stack.currentWidget() is filler.review_scroll, 10, "the review page")
assert focused() is filler.review.finish_button
print("E2E answered:", len(KEYS), "questions", flush=True)

# 7. Review: the safeguarding alert is acknowledged (what was done), then Finish and save.
cards = filler.review.cards
assert [c.alert.id for c in cards] == ["phq9_item9"], [c.alert.id for c in cards]
press(Qt.Key.Key_Return)  # Finish first: refused until the alert is acknowledged
assert filler.review.summary.isVisible() and not finished
card = filler.review.cards[0]  # the review was refilled: a new card
assert card.action is not None
wait_until(lambda: card.action.isVisible() and card.button.isVisible(), 10, "the alert card")
card.action.setFocus(Qt.FocusReason.TabFocusReason)  # as the summary's link does
QTest.keyClicks(card.action, ACTION)
press(Qt.Key.Key_Tab)  # Tab leaves the text box, to "Acknowledge alert"
assert focused() is card.button, focused()
press(Qt.Key.Key_Space)
wait_until(lambda: "acknowledged" in filler.review.notice.message(), 30, "the acknowledgement")
assert filler.review.cards[0].action is None  # the card now says who acknowledged it
print("E2E alert acknowledged", flush=True)
filler.review.finish_button.setFocus(Qt.FocusReason.TabFocusReason)
press(Qt.Key.Key_Return)
wait_until(lambda: finished, 30, "the final record")
wait_until(
    lambda: page.filler is None and page.stack.currentWidget() is page.chooser,
    10,
    "the Collect page's chooser",
)
assert page.notice.message() == "Saved as a final record.", page.notice.message()
record = finished[0]
print("E2E collected via the Collect page: record", record.uuid, record.status.value, flush=True)

# 8. Lock with Ctrl+L: the keys leave memory and the unlock window comes back.
unlocked = main.services.workspace
press(Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
wait_until(lambda: isinstance(controller.window, UnlockWindow), 30, "the unlock window")
wait_until(lambda: unlocked.locked, 30, "the keys to be dropped")
assert controller.unlocked is None
assert page.data is None and page.filler is None and page.subject.count() == 0  # cleared
print("E2E locked", flush=True)
