"""The form filler driven from the keyboard on a real workspace: skip logic, a repeat,
constraint messages, autosave and resuming a draft, review and finishing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from test_filler_helpers import current_name, digit, enter, focus, key, make_filler, settle
from ui_helpers import PASSWORD, close_workspace, forms_workspace

from sylcollect.domain.record import RecordStatus


@pytest.fixture
def unlocked(locked_ws):
    ws = locked_ws.unlock("ann", PASSWORD)
    yield ws
    if not ws.locked:
        ws.lock()


def test_fill_and_finalise_by_keyboard(qtbot, unlocked, tasks) -> None:
    filler = make_filler(qtbot, unlocked, tasks)
    finished = []
    filler.finished.connect(finished.append)
    assert current_name(filler) == "intro"
    enter(qtbot)
    assert current_name(filler) == "feel_week"
    digit(qtbot, 4)  # Not so good: the follow-up question becomes relevant
    enter(qtbot)
    assert current_name(filler) == "feel_more"
    qtbot.keyClicks(focus(qtbot), "Tired a lot")
    key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert current_name(filler) == "sleep"
    digit(qtbot, 1)
    enter(qtbot)
    digit(qtbot, 2)  # fun: some days
    enter(qtbot)
    assert current_name(filler) == "safety_go"
    digit(qtbot, 2)  # skip the safety part: its questions are skipped
    enter(qtbot)
    assert current_name(filler) == "people_go"
    digit(qtbot, 1)
    enter(qtbot)
    assert current_name(filler) == "trust_any"
    digit(qtbot, 1)
    enter(qtbot)
    assert current_name(filler) == "trusted_people"  # the repeat's page
    assert focus(qtbot) is filler.view.add_button
    enter(qtbot)  # add an entry
    assert current_name(filler) == "trusted_who"
    digit(qtbot, 3)
    enter(qtbot)
    digit(qtbot, 1)
    enter(qtbot)
    assert current_name(filler) == "trusted_people"
    assert "1 entry" in filler.view.count.text()
    key(qtbot, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert current_name(filler) == "friends"
    key(qtbot, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert current_name(filler) == "trusted_people"
    key(qtbot, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    digit(qtbot, 2)
    enter(qtbot)
    assert current_name(filler) == "school_now"
    digit(qtbot, 3)  # no: the days and liking questions are skipped
    enter(qtbot)
    assert current_name(filler) == "school_help"
    enter(qtbot)  # a text area: Enter is a new line, Ctrl+Enter moves on
    assert current_name(filler) == "school_help"
    key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert current_name(filler) == "anything_else"
    key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert filler.stack.currentWidget() is filler.review_scroll
    assert focus(qtbot) is filler.review.finish_button
    enter(qtbot)
    qtbot.waitUntil(lambda: bool(finished), timeout=15000)
    record = finished[0]
    assert record.status is RecordStatus.FINAL
    answers = record.answers
    assert answers["feel_week"] == "not_good"
    assert answers["feel_more"] == "Tired a lot"
    assert answers["safety_go"] == "skip"
    assert "safe_home" not in answers
    assert answers["trusted_people"] == [{"trusted_who": "friend", "trusted_talk": "most_days"}]
    assert answers["trusted_count"] in ("1", 1)
    assert answers["school_now"] == "no" and "school_days" not in answers
    settle(qtbot, tasks)


def go_to(qtbot, filler, name: str) -> None:
    index = next(i for i, p in enumerate(filler.controller.pages) if p.key[0].endswith("/" + name))
    filler.show_page(index)


def test_constraint_and_format_messages_next_to_the_question(qtbot, unlocked, tasks) -> None:
    filler = make_filler(qtbot, unlocked, tasks)
    go_to(qtbot, filler, "school_now")
    digit(qtbot, 1)
    enter(qtbot)
    assert current_name(filler) == "school_days"
    block = next(iter(filler.view.blocks.values()))
    qtbot.keyClicks(focus(qtbot), "9")
    assert block.message.message() == "Type a number from 0 to 7."
    enter(qtbot)  # refused: stays, with a summary that takes focus
    assert current_name(filler) == "school_days"
    assert filler.summary.isVisible()
    assert focus(qtbot) is filler.summary
    block.input.edit.setFocus()
    block.input.edit.selectAll()
    qtbot.keyClicks(block.input.edit, "three")
    assert block.message.message() == "Type a whole number, like 14."
    block.input.edit.selectAll()
    qtbot.keyClicks(block.input.edit, "3")
    assert block.message.message() == ""
    enter(qtbot)
    assert current_name(filler) == "school_like"
    settle(qtbot, tasks)


def test_autosave_then_resume_after_the_widget_is_destroyed(qtbot, unlocked, tasks) -> None:
    from sylcollect.services.drafts import open_drafts
    from ui.filler.filler import FormFiller
    from ui.filler.loading import resume_session

    filler = make_filler(qtbot, unlocked, tasks)
    enter(qtbot)
    digit(qtbot, 2)
    enter(qtbot)
    digit(qtbot, 3)
    enter(qtbot)
    assert current_name(filler) == "fun"
    settle(qtbot, tasks)
    assert filler.controller.uuid is not None
    assert filler.status.text().startswith("Draft saved")
    filler.close()
    filler.deleteLater()  # as if the app went away mid-form
    qtbot.wait(20)
    drafts = open_drafts(unlocked)
    assert [d.form_id for d in drafts] == ["yp_checkin"] and drafts[0].answered == 2
    again = FormFiller(unlocked, tasks, resume_session(unlocked, drafts[0].uuid))
    qtbot.addWidget(again)
    again.show()
    assert current_name(again) == "fun"
    assert again.controller.state.cell("feel_week").answer == "good"
    assert again.controller.state.cell("sleep").answer == "badly"
    digit(qtbot, 1) if again.view.first_focus().hasFocus() else None
    settle(qtbot, tasks)


def test_language_switch_and_jump_list(qtbot, unlocked, tasks) -> None:
    filler = make_filler(qtbot, unlocked, tasks)
    key(qtbot, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert filler.jump.isVisible() and filler.jump.count() >= 9
    assert focus(qtbot) is filler.jump
    filler.jump.setCurrentRow(0)
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Down)
    enter(qtbot)  # rows: intro, feel_week, sleep (feel_more is not relevant)
    qtbot.waitUntil(lambda: current_name(filler) == "sleep", timeout=2000)
    assert not filler.language.isVisible()  # yp_checkin has one language


# --- the language of forms chosen in Settings ---------------------------------------------

BILINGUAL = """
| survey |
| | type | name | label::English (en) | label::Cymraeg (cy) |
| | select_one yn | happy | Are you happy today? | Wyt ti'n hapus heddiw? |
| | text | more | Anything else? | Unrhyw beth arall? |
| choices |
| | list_name | name | label::English (en) | label::Cymraeg (cy) |
| | yn | yes | Yes | Ydw |
| | yn | no | No | Nac ydw |
| settings |
| | form_id | version | default_language |
| | bilingual | 1 | English (en) |
"""


@pytest.fixture
def bilingual_ws(tmp_path, cheap):
    made = forms_workspace(tmp_path, [("bilingual", "Bilingual", BILINGUAL)], study_id="bilingual")
    yield made
    close_workspace(made)


@pytest.fixture
def form_language(qapp):
    """The app's own Preferences (the QSettings the filler reads), put back afterwards."""
    from ui.pages.settings_prefs import Preferences

    prefs = Preferences()
    yield prefs
    prefs.set_form_language("")


def _title(filler) -> str:
    (block,) = filler.view.blocks.values()
    return block.title.text().removesuffix(" *")


def test_form_opens_in_the_language_chosen_in_settings(
    qtbot, bilingual_ws, tasks, form_language
) -> None:
    form_language.set_form_language("Cymraeg (cy)")
    filler = make_filler(qtbot, bilingual_ws, tasks, form_id="bilingual")
    assert filler.controller.lang == "Cymraeg (cy)"
    assert filler.language.isVisible() and filler.language.currentText() == "Cymraeg (cy)"
    assert _title(filler) == "Wyt ti'n hapus heddiw?"
    # the filler's own switch still works, from the keyboard
    filler.language.setFocus()
    qtbot.keyClick(filler.language, Qt.Key.Key_Up)  # Cymraeg (cy) -> English (en)
    assert filler.controller.lang == "English (en)"
    assert _title(filler) == "Are you happy today?"
    assert form_language.form_language == "Cymraeg (cy)"  # switching doesn't change Settings
    settle(qtbot, tasks)


def test_form_without_the_chosen_language_opens_in_its_default(
    qtbot, bilingual_ws, tasks, form_language
) -> None:
    form_language.set_form_language("Français (fr)")
    filler = make_filler(qtbot, bilingual_ws, tasks, form_id="bilingual")
    assert filler.controller.lang is None
    assert filler.language.currentText() == "English (en)"
    assert _title(filler) == "Are you happy today?"
    settle(qtbot, tasks)


def test_self_complete_and_given_prefs_use_the_language(
    qtbot, bilingual_ws, tasks, form_language, tmp_path
) -> None:
    from PySide6.QtCore import QSettings
    from test_filler_helpers import session

    from sylcollect.domain.record import RecordMode
    from ui.filler.controller import FillController
    from ui.pages.settings_prefs import Preferences
    from ui.selfcomplete.window import SelfCompleteWindow

    form_language.set_form_language("Welsh (cy)")  # found by its code
    window = SelfCompleteWindow(
        bilingual_ws, tasks, session(bilingual_ws, "bilingual", RecordMode.SELF_COMPLETE)
    )
    qtbot.addWidget(window)
    assert window.controller.lang == "Cymraeg (cy)"
    own = Preferences(QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat))
    c = FillController(bilingual_ws, tasks, session(bilingual_ws, "bilingual"), prefs=own)
    assert c.lang is None  # these preferences chose no language
    settle(qtbot, tasks)
