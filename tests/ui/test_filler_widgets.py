"""Every answer widget of the form filler driven from the keyboard as a person would, with the
answer the filler holds (and saves) afterwards; the review page's lists of answers to fix and
questions not answered, and going to one of them; removing a repeat entry; the progress bar.

Issue 4: "a widget for every supported type and appearance ... a progress bar, back/next/jump,
repeats (add, remove, navigate) ... a review page listing unanswered and invalid questions
before finalising ... keyboard-complete (digits pick options, Enter moves on)".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QRadioButton,
    QSlider,
    QSpinBox,
)
from test_filler_helpers import current_name, digit, enter, focus, key, make_filler, settle
from ui_helpers import close_workspace, forms_workspace

from sylcollect.domain.record import RecordStatus

# One question of each type and appearance the filler has a widget for (ui/filler/question.py
# `make_input`; file questions are in test_filler_files.py), one per page.
WIDGETS = """
| survey |
| | type | name | label | appearance | parameters |
| | select_one yn | tea | Do you like tea? | | |
| | select_multiple fruit | fruits | Which fruits do you eat? | | |
| | rank fruit | fruit_rank | Put the fruits in order | | |
| | range | mood | How is your mood today? | | start=1 end=5 step=1 |
| | range | stairs | How many flights of stairs? | picker | start=0 end=10 step=2 |
| | date | born | When were you born? | | |
| | time | woke | What time did you wake up? | | |
| | datetime | seen | When did you last see a nurse? | | |
| | select_one fruit | favourite | Which fruit do you like best? | minimal | |
| | select_one fruit | snack | Which fruit for a snack? | autocomplete | |
| | integer | age | How old are you? | | |
| | decimal | height | How tall are you, in metres? | | |
| | geopoint | spot | Where are you now? | | |
| | geotrace | route | Your route to school | | |
| | geoshape | park | The park | | |
| | barcode | card | The code on the card | | |
| | acknowledge | read_ok | I have read the information sheet | | |
| | trigger | go_on | Ready to go on? | | |
| | select_one agree | school_ok | I like school | likert | |
| | text | nick | What should we call you? | | |
| | text | story | Tell us about your week | multiline | |
| | note | thanks | Thank you for answering. | | |
| choices |
| | list_name | name | label |
| | yn | yes | Yes |
| | yn | no | No |
| | fruit | apple | Apple |
| | fruit | banana | Banana |
| | fruit | cherry | Cherry |
| | agree | sd | Strongly disagree |
| | agree | d | Disagree |
| | agree | n | Neither |
| | agree | a | Agree |
| | agree | sa | Strongly agree |
| settings |
| | form_id | version |
| | widgets | 1 |
"""

# An invalid answer, a required question, skip logic (the progress bar's total changes).
CHECKS = """
| survey |
| | type | name | label | required | relevant | constraint | constraint_message |
| | integer | nights | Nights away from home this week | | | . <= 7 | Type a number from 0 to 7. |
| | text | town | Which town do you live in? | yes | | | |
| | select_one yn | has_pet | Do you have a pet? | | | | |
| | text | pet | What is your pet called? | | ${has_pet} = 'yes' | | |
| | text | last | Anything else? | | | | |
| choices |
| | list_name | name | label |
| | yn | yes | Yes |
| | yn | no | No |
| settings |
| | form_id | version |
| | checks | 1 |
"""

KIDS = """
| survey |
| | type | name | label |
| | begin repeat | kids | Children at home |
| | text | kid_name | First name of the child |
| | integer | kid_age | Age of the child |
| | end repeat | | |
| | text | after | Anything else? |
| settings |
| | form_id | version |
| | kids | 1 |
"""


@pytest.fixture
def ws(tmp_path: Path, cheap: None):
    forms = [
        (fid, fid.title(), text)
        for fid, text in (("widgets", WIDGETS), ("checks", CHECKS), ("kids", KIDS))
    ]
    made = forms_workspace(tmp_path, forms, study_id="widgets")
    yield made
    close_workspace(made)


# --- helpers --------------------------------------------------------------------------------


def go_to(filler, name: str) -> None:
    index = next(i for i, p in enumerate(filler.controller.pages) if p.key[0].endswith("/" + name))
    filler.show_page(index)
    assert current_name(filler) == name


def block(filler):
    (only,) = filler.view.blocks.values()
    return only


def answer(filler, name: str, instance: tuple[int, ...] = ()):
    """What the filler's form state holds for a question now."""
    return filler.controller.state.cell(name, instance).answer


def draft(filler) -> dict:
    """The answers the filler saves as the draft."""
    return filler.controller.current_draft().answers


def typed(qtbot, text: str) -> None:
    qtbot.keyClicks(focus(qtbot), text)


def message(filler) -> str:
    """The message shown under the question of the page (empty when there is none)."""
    QApplication.processEvents()  # a new page's widgets are shown by a queued call
    shown = block(filler).message
    return shown.message() if shown.isVisible() else ""


def texts(widget) -> list[str]:
    """The words a person sees in `widget`, top to bottom."""
    QApplication.processEvents()
    shown = [w for w in widget.findChildren(QLabel) if w.isVisible() and w.text()]
    shown.sort(
        key=lambda w: (
            w.mapTo(widget, w.rect().topLeft()).y(),
            w.mapTo(widget, w.rect().topLeft()).x(),
        )
    )
    return [w.text() for w in shown]


# --- choices --------------------------------------------------------------------------------


def test_select_multiple_digits_tick_and_space_unticks(qtbot, ws, tasks) -> None:
    filler = make_filler(qtbot, ws, tasks, "widgets")
    go_to(filler, "fruits")
    boxes = block(filler).input.buttons
    assert all(isinstance(b, QCheckBox) for b in boxes.values())
    assert [b.text() for b in boxes.values()] == ["1. Apple", "2. Banana", "3. Cherry"]
    assert focus(qtbot) is boxes["apple"]
    digit(qtbot, 1)
    digit(qtbot, 3)
    assert answer(filler, "fruits") == "apple cherry"
    digit(qtbot, 2)  # ticks Banana and moves focus to it
    assert focus(qtbot) is boxes["banana"]
    assert answer(filler, "fruits") == "apple banana cherry"
    key(qtbot, Qt.Key.Key_Space)  # Space unticks the focused box
    assert not boxes["banana"].isChecked()
    assert answer(filler, "fruits") == "apple cherry"
    assert draft(filler)["fruits"] == "apple cherry"
    enter(qtbot)
    assert current_name(filler) == "fruit_rank"
    settle(qtbot, tasks)


def test_rank_moves_options_with_alt_arrows(qtbot, ws, tasks) -> None:
    filler = make_filler(qtbot, ws, tasks, "widgets")
    go_to(filler, "fruit_rank")
    ranked = block(filler).input.list
    assert isinstance(ranked, QListWidget) and focus(qtbot) is ranked
    assert answer(filler, "fruit_rank") is None  # not answered until something moves
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Down)  # Cherry is current
    key(qtbot, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    key(qtbot, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)  # Cherry to the top
    assert [ranked.item(i).text() for i in range(ranked.count())] == ["Cherry", "Apple", "Banana"]
    assert answer(filler, "fruit_rank") == "cherry apple banana"
    key(qtbot, Qt.Key.Key_Down)  # Apple
    key(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # below Banana
    assert answer(filler, "fruit_rank") == "cherry banana apple"
    assert draft(filler)["fruit_rank"] == "cherry banana apple"
    enter(qtbot)
    assert current_name(filler) == "mood"
    settle(qtbot, tasks)


def test_minimal_drop_down_by_arrows_and_typing(qtbot, ws, tasks) -> None:
    filler = make_filler(qtbot, ws, tasks, "widgets")
    go_to(filler, "favourite")
    combo = block(filler).input.combo
    assert isinstance(combo, QComboBox) and focus(qtbot) is combo
    assert combo.currentText() == "Choose…" and answer(filler, "favourite") is None
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Down)
    assert combo.currentText() == "Banana"
    assert answer(filler, "favourite") == "banana"
    typed(qtbot, "c")  # the first option starting with C
    assert answer(filler, "favourite") == "cherry"
    enter(qtbot)
    assert current_name(filler) == "snack"
    assert isinstance(focus(qtbot), QComboBox)  # autocomplete: a drop-down too
    key(qtbot, Qt.Key.Key_Down)
    assert answer(filler, "snack") == "apple"
    assert draft(filler)["favourite"] == "cherry" and draft(filler)["snack"] == "apple"
    settle(qtbot, tasks)


def test_likert_is_one_row_picked_by_digits_and_arrows(qtbot, ws, tasks) -> None:
    filler = make_filler(qtbot, ws, tasks, "widgets")
    go_to(filler, "school_ok")
    radios = list(block(filler).input.buttons.values())
    assert all(isinstance(b, QRadioButton) for b in radios) and len(radios) == 5
    tops = {b.mapTo(filler, b.rect().topLeft()).y() for b in radios}
    lefts = [b.mapTo(filler, b.rect().topLeft()).x() for b in radios]
    assert len(tops) == 1 and lefts == sorted(lefts)  # side by side, in order
    digit(qtbot, 2)
    assert answer(filler, "school_ok") == "d"
    key(qtbot, Qt.Key.Key_Right)
    assert answer(filler, "school_ok") == "n" and radios[2].isChecked()
    assert focus(qtbot) is radios[2]
    digit(qtbot, 5)
    assert answer(filler, "school_ok") == "sa"
    assert [b.isChecked() for b in radios] == [False, False, False, False, True]
    enter(qtbot)
    assert current_name(filler) == "nick"
    assert draft(filler)["school_ok"] == "sa"
    settle(qtbot, tasks)


# --- numbers, ranges, dates -----------------------------------------------------------------


def test_range_slider_by_arrow_keys(qtbot, ws, tasks) -> None:
    filler = make_filler(qtbot, ws, tasks, "widgets")
    go_to(filler, "mood")
    widget = block(filler).input
    assert isinstance(focus(qtbot), QSlider)
    assert widget.shown.text().startswith("Not answered yet")
    key(qtbot, Qt.Key.Key_Right)
    key(qtbot, Qt.Key.Key_Right)
    assert answer(filler, "mood") == 3
    assert widget.shown.text() == "Your answer: 3"
    key(qtbot, Qt.Key.Key_End)
    assert answer(filler, "mood") == 5
    key(qtbot, Qt.Key.Key_Left)
    assert answer(filler, "mood") == 4 and draft(filler)["mood"] == 4
    enter(qtbot)
    assert current_name(filler) == "stairs"
    settle(qtbot, tasks)


def test_range_picker_steps_with_arrows(qtbot, ws, tasks) -> None:
    filler = make_filler(qtbot, ws, tasks, "widgets")
    go_to(filler, "stairs")
    assert isinstance(focus(qtbot), QSpinBox)
    assert answer(filler, "stairs") is None
    key(qtbot, Qt.Key.Key_Up)
    key(qtbot, Qt.Key.Key_Up)
    key(qtbot, Qt.Key.Key_Up)
    assert answer(filler, "stairs") == 6  # start=0 step=2
    key(qtbot, Qt.Key.Key_Down)
    assert answer(filler, "stairs") == 4 and draft(filler)["stairs"] == 4
    enter(qtbot)
    assert current_name(filler) == "born"
    settle(qtbot, tasks)


def test_range_slider_start_value_chosen_with_home(qtbot, ws, tasks) -> None:
    filler = make_filler(qtbot, ws, tasks, "widgets")
    go_to(filler, "mood")
    assert isinstance(focus(qtbot), QSlider)
    key(qtbot, Qt.Key.Key_Home)  # the lowest mood: 1
    assert block(filler).input.shown.text() == "Your answer: 1"
    assert answer(filler, "mood") == 1


def test_range_picker_start_value_typed_then_enter(qtbot, ws, tasks) -> None:
    filler = make_filler(qtbot, ws, tasks, "widgets")
    go_to(filler, "stairs")
    spin = focus(qtbot)
    assert isinstance(spin, QSpinBox)
    spin.selectAll()
    typed(qtbot, "0")  # none: the start of the range, which the spin box already shows
    enter(qtbot)  # Enter takes the typed number, then moves on
    assert current_name(filler) == "born"
    assert answer(filler, "stairs") == 0


def test_date_time_and_datetime_typed_are_stored_iso(qtbot, ws, tasks) -> None:
    filler = make_filler(qtbot, ws, tasks, "widgets")
    go_to(filler, "born")
    typed(qtbot, "31/02/2012")  # no such day
    assert message(filler) == "Type a date, like 14/03/2025."
    enter(qtbot)
    assert current_name(filler) == "born"  # refused
    edit = block(filler).input.edit
    edit.setFocus()
    edit.selectAll()
    typed(qtbot, "14/3/2012")
    assert message(filler) == ""
    assert answer(filler, "born") == "2012-03-14"
    enter(qtbot)
    assert current_name(filler) == "woke"
    typed(qtbot, "7:05")
    assert answer(filler, "woke") == "07:05"
    enter(qtbot)
    assert current_name(filler) == "seen"
    typed(qtbot, "02/01/2025 16:45")
    assert answer(filler, "seen") == "2025-01-02T16:45"
    enter(qtbot)
    assert current_name(filler) == "favourite"
    saved = draft(filler)
    assert (saved["born"], saved["woke"], saved["seen"]) == (
        "2012-03-14",
        "07:05",
        "2025-01-02T16:45",
    )
    settle(qtbot, tasks)


def test_decimal_and_integer_typed(qtbot, ws, tasks) -> None:
    filler = make_filler(qtbot, ws, tasks, "widgets")
    go_to(filler, "age")
    typed(qtbot, "14")
    assert answer(filler, "age") == 14
    enter(qtbot)
    assert current_name(filler) == "height"
    typed(qtbot, "1.6.2")  # not a number
    assert message(filler) == "Type a number, like 14 or 2.5."
    enter(qtbot)
    assert current_name(filler) == "height"
    edit = block(filler).input.edit
    edit.setFocus()
    edit.selectAll()
    typed(qtbot, "1.62")
    assert message(filler) == ""
    assert answer(filler, "height") == 1.62
    enter(qtbot)
    assert current_name(filler) == "spot"
    assert draft(filler)["age"] == 14 and draft(filler)["height"] == 1.62
    settle(qtbot, tasks)


def test_geopoint_typed_is_stored_lat_lon_alt_acc(qtbot, ws, tasks) -> None:
    filler = make_filler(qtbot, ws, tasks, "widgets")
    go_to(filler, "spot")
    edit = block(filler).input.edit
    assert isinstance(edit, QLineEdit) and "latitude" in edit.placeholderText()
    typed(qtbot, "95 -1.57")  # no such latitude: said under the question, Next refused
    assert "latitude" in message(filler)
    enter(qtbot)
    assert current_name(filler) == "spot"
    edit.setFocus()
    edit.selectAll()
    typed(qtbot, "54.62 -1.57 120 5")
    assert message(filler) == ""
    assert answer(filler, "spot") == "54.62 -1.57 120 5"
    enter(qtbot)
    assert current_name(filler) == "route"
    assert draft(filler)["spot"] == "54.62 -1.57 120 5"
    settle(qtbot, tasks)


def test_acknowledge_space_ticks_ok(qtbot, ws, tasks) -> None:
    filler = make_filler(qtbot, ws, tasks, "widgets")
    go_to(filler, "read_ok")
    box = focus(qtbot)
    assert isinstance(box, QCheckBox) and box.text() == "OK"
    key(qtbot, Qt.Key.Key_Space)
    assert box.isChecked() and answer(filler, "read_ok") == "OK"
    key(qtbot, Qt.Key.Key_Space)
    assert answer(filler, "read_ok") is None and "read_ok" not in draft(filler)
    key(qtbot, Qt.Key.Key_Space)
    assert draft(filler)["read_ok"] == "OK"
    enter(qtbot)
    assert current_name(filler) == "go_on"
    key(qtbot, Qt.Key.Key_Space)  # a trigger is a tick box too
    assert answer(filler, "go_on") == "OK"
    settle(qtbot, tasks)


# --- the whole form by keyboard ---------------------------------------------------------------


def test_every_widget_from_the_keyboard_then_finish(qtbot, ws, tasks) -> None:
    filler = make_filler(qtbot, ws, tasks, "widgets")
    finished = []
    filler.finished.connect(finished.append)

    def on(name: str, widget_type: type) -> None:
        assert current_name(filler) == name
        assert isinstance(focus(qtbot), widget_type), (name, type(focus(qtbot)))

    on("tea", QRadioButton)
    digit(qtbot, 2)
    key(qtbot, Qt.Key.Key_Up)  # back to Yes
    enter(qtbot)
    on("fruits", QCheckBox)
    digit(qtbot, 3)
    digit(qtbot, 1)
    enter(qtbot)
    on("fruit_rank", QListWidget)
    key(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # Apple below Banana
    enter(qtbot)
    on("mood", QSlider)
    key(qtbot, Qt.Key.Key_Right)
    enter(qtbot)
    on("stairs", QSpinBox)
    key(qtbot, Qt.Key.Key_Up)
    enter(qtbot)
    on("born", QLineEdit)
    typed(qtbot, "2012-03-14")
    enter(qtbot)
    on("woke", QLineEdit)
    typed(qtbot, "07:30")
    enter(qtbot)
    on("seen", QLineEdit)
    typed(qtbot, "14/03/2025 9:30")
    enter(qtbot)
    on("favourite", QComboBox)
    key(qtbot, Qt.Key.Key_Down)
    enter(qtbot)
    on("snack", QComboBox)
    typed(qtbot, "b")
    enter(qtbot)
    on("age", QLineEdit)
    typed(qtbot, "13")
    enter(qtbot)
    on("height", QLineEdit)
    typed(qtbot, "1.5")
    enter(qtbot)
    on("spot", QLineEdit)
    typed(qtbot, "54.62 -1.57 120 5")
    enter(qtbot)
    on("route", QLineEdit)
    typed(qtbot, "54.6 -1.5;54.7 -1.6")
    enter(qtbot)
    on("park", QLineEdit)
    typed(qtbot, "54.6 -1.5;54.7 -1.6;54.7 -1.5;54.6 -1.5")
    enter(qtbot)
    on("card", QLineEdit)
    typed(qtbot, "ABC-123")
    enter(qtbot)
    on("read_ok", QCheckBox)
    key(qtbot, Qt.Key.Key_Space)
    enter(qtbot)
    on("go_on", QCheckBox)
    key(qtbot, Qt.Key.Key_Space)
    enter(qtbot)
    on("school_ok", QRadioButton)
    digit(qtbot, 4)
    enter(qtbot)
    on("nick", QLineEdit)
    typed(qtbot, "Sam")
    enter(qtbot)
    on("story", QPlainTextEdit)
    typed(qtbot, "Busy")
    key(qtbot, Qt.Key.Key_Return)  # a text area: a new line
    typed(qtbot, "and fun")
    key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert current_name(filler) == "thanks"  # a note: nothing to answer
    assert focus(qtbot) is filler.next_button
    enter(qtbot)
    assert filler.stack.currentWidget() is filler.review_scroll
    assert "Every question is answered. Press Finish and save." in texts(filler.review.body)
    assert focus(qtbot) is filler.review.finish_button
    enter(qtbot)
    qtbot.waitUntil(lambda: bool(finished), timeout=15000)
    record = finished[0]
    assert record.status is RecordStatus.FINAL
    answers = {k: v for k, v in record.answers.items() if k != "meta"}
    assert answers == {
        "tea": "yes",
        "fruits": "apple cherry",
        "fruit_rank": "banana apple cherry",
        "mood": 2,
        "stairs": 2,
        "born": "2012-03-14",
        "woke": "07:30",
        "seen": "2025-03-14T09:30",
        "favourite": "apple",
        "snack": "banana",
        "age": 13,
        "height": 1.5,
        "spot": "54.62 -1.57 120 5",
        "route": "54.6 -1.5;54.7 -1.6",
        "park": "54.6 -1.5;54.7 -1.6;54.7 -1.5;54.6 -1.5",
        "card": "ABC-123",
        "read_ok": "OK",
        "go_on": "OK",
        "school_ok": "a",
        "nick": "Sam",
        "story": "Busy\nand fun",
    }
    settle(qtbot, tasks)


# --- review page ----------------------------------------------------------------------------


def test_review_lists_invalid_and_unanswered_and_goes_to_them(qtbot, ws, tasks) -> None:
    filler = make_filler(qtbot, ws, tasks, "checks")
    finished = []
    filler.finished.connect(finished.append)
    assert current_name(filler) == "nights"
    typed(qtbot, "9")  # breaks the constraint
    enter(qtbot)
    assert current_name(filler) == "nights"  # refused
    # the list of questions (Ctrl+J), to the last one, skipping the required town
    key(qtbot, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert focus(qtbot) is filler.jump
    key(qtbot, Qt.Key.Key_End)
    enter(qtbot)
    qtbot.waitUntil(lambda: current_name(filler) == "last", timeout=2000)
    enter(qtbot)  # the last page: on to the review
    assert filler.stack.currentWidget() is filler.review_scroll
    shown = texts(filler.review.body)
    fix = shown.index("Answers to give or fix")
    empty = shown.index("Not answered")
    assert shown[fix + 1 : empty] == [
        "Nights away from home this week — Type a number from 0 to 7.",
        "Which town do you live in? — needs an answer",
    ]
    listed = shown[empty + 1 :]
    assert "Do you have a pet?" in listed and "Anything else?" in listed
    assert "What is your pet called?" not in " ".join(shown)  # not relevant: not listed
    names = [b.accessibleName() for b in filler.review.go_buttons]
    assert names[:2] == [
        "Go to: Nights away from home this week — Type a number from 0 to 7.",
        "Go to: Which town do you live in? — needs an answer",
    ]
    enter(qtbot)  # Finish: refused while answers need fixing
    assert finished == []
    assert "2 answers to give or fix" in " ".join(filler.review.summary.texts())
    # Go to the required question from its review entry, with the keyboard
    filler.review.go_buttons[1].setFocus()
    enter(qtbot)
    assert current_name(filler) == "town"
    assert focus(qtbot) is block(filler).input.edit
    typed(qtbot, "Durham")
    enter(qtbot)
    assert current_name(filler) == "has_pet"
    enter(qtbot)  # no pet: its name is not asked
    assert current_name(filler) == "last"
    enter(qtbot)
    assert filler.stack.currentWidget() is filler.review_scroll
    shown = texts(filler.review.body)
    assert shown[shown.index("Answers to give or fix") + 1] == (
        "Nights away from home this week — Type a number from 0 to 7."
    )
    assert "Which town do you live in? — needs an answer" not in shown
    filler.review.go_buttons[0].setFocus()
    enter(qtbot)
    assert current_name(filler) == "nights"
    edit = focus(qtbot)
    assert edit is block(filler).input.edit and edit.text() == "9"
    edit.selectAll()
    typed(qtbot, "2")
    for _page in ("nights", "town", "has_pet", "last"):
        assert current_name(filler) == _page
        enter(qtbot)
    assert filler.stack.currentWidget() is filler.review_scroll
    shown = texts(filler.review.body)
    assert "Answers to give or fix" not in shown
    assert "You can finish now; unanswered questions stay empty." in shown
    enter(qtbot)
    qtbot.waitUntil(lambda: bool(finished), timeout=15000)
    assert finished[0].answers["nights"] == 2 and finished[0].answers["town"] == "Durham"
    settle(qtbot, tasks)


# --- progress -------------------------------------------------------------------------------


def test_progress_bar_advances_as_pages_are_answered(qtbot, ws, tasks) -> None:
    filler = make_filler(qtbot, ws, tasks, "checks")
    bar = filler.progress

    def progress() -> tuple[int, int, str]:
        return bar.value(), bar.maximum(), filler.position.text()

    assert progress() == (0, 4, "Page 1 of 4")  # the pet's name is not asked yet
    assert bar.accessibleName() == "Page 1 of 4"
    typed(qtbot, "3")
    enter(qtbot)
    assert progress() == (1, 4, "Page 2 of 4")
    typed(qtbot, "Durham")
    enter(qtbot)
    assert progress() == (2, 4, "Page 3 of 4")
    digit(qtbot, 1)  # a pet: one more page to come
    assert progress() == (2, 5, "Page 3 of 5")
    enter(qtbot)
    assert progress() == (3, 5, "Page 4 of 5")
    key(qtbot, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert progress() == (2, 5, "Page 3 of 5")  # back goes back
    key(qtbot, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    typed(qtbot, "Rex")
    enter(qtbot)
    assert progress() == (4, 5, "Page 5 of 5")
    enter(qtbot)
    assert filler.stack.currentWidget() is filler.review_scroll
    assert bar.value() == bar.maximum() == 5
    assert filler.position.text() == "Check and finish"
    settle(qtbot, tasks)


# --- repeats --------------------------------------------------------------------------------


def test_repeat_add_two_navigate_remove_one(qtbot, ws, tasks) -> None:
    from sylcollect.services.drafts import load_draft

    filler = make_filler(qtbot, ws, tasks, "kids")
    finished = []
    filler.finished.connect(finished.append)
    assert current_name(filler) == "kids"
    assert filler.view.count.text() == "No entries yet."
    for name, age in (("Ann", "9"), ("Bob", "7")):
        assert focus(qtbot) is filler.view.add_button
        enter(qtbot)  # add an entry
        assert current_name(filler) == "kid_name"
        typed(qtbot, name)
        enter(qtbot)
        assert current_name(filler) == "kid_age"
        typed(qtbot, age)
        enter(qtbot)
        assert current_name(filler) == "kids"
    assert filler.view.count.text() == "2 entries so far."
    shown = texts(filler.view)
    assert "Entry 1: Ann, 9" in shown and "Entry 2: Bob, 7" in shown
    # navigate: back through entry 2 into entry 1, then open entry 2 from the list
    key(qtbot, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert current_name(filler) == "kid_age" and filler.controller.page.key[1] == (2,)
    assert block(filler).input.edit.text() == "7"
    key(qtbot, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    key(qtbot, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert current_name(filler) == "kid_age" and filler.controller.page.key[1] == (1,)
    assert block(filler).input.edit.text() == "9"
    key(qtbot, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    key(qtbot, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    key(qtbot, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert current_name(filler) == "kids"
    open_two, _remove_two = filler.view.entry_buttons[1]
    assert open_two.accessibleName() == "Open entry 2"
    open_two.setFocus()
    enter(qtbot)
    assert current_name(filler) == "kid_name" and filler.controller.page.key[1] == (2,)
    assert block(filler).input.edit.text() == "Bob"
    key(qtbot, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    key(qtbot, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert current_name(filler) == "kids"
    # remove the first entry, with the keyboard
    _open_one, remove_one = filler.view.entry_buttons[0]
    assert remove_one.accessibleName() == "Remove entry 1"
    remove_one.setFocus()
    enter(qtbot)
    assert current_name(filler) == "kids"
    assert filler.notice.message() == "Entry 1 removed."
    assert filler.view.count.text() == "1 entry so far."
    assert len(filler.view.entry_buttons) == 1
    assert "Entry 1: Bob, 7" in texts(filler.view)
    assert draft(filler)["kids"] == [{"kid_name": "Bob", "kid_age": 7}]
    settle(qtbot, tasks)
    stored = load_draft(ws, filler.controller.uuid).answers
    assert stored["kids"] == [{"kid_name": "Bob", "kid_age": 7}]
    # the remaining entry is entry 1 now
    filler.view.entry_buttons[0][0].setFocus()
    enter(qtbot)
    assert current_name(filler) == "kid_name" and filler.controller.page.key[1] == (1,)
    assert block(filler).input.edit.text() == "Bob"
    key(qtbot, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    key(qtbot, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert current_name(filler) == "kids"
    key(qtbot, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert current_name(filler) == "after"
    enter(qtbot)
    assert filler.stack.currentWidget() is filler.review_scroll
    enter(qtbot)  # Finish and save
    qtbot.waitUntil(lambda: bool(finished), timeout=15000)
    assert finished[0].answers["kids"] == [{"kid_name": "Bob", "kid_age": 7}]
    settle(qtbot, tasks)
