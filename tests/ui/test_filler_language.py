"""The filler's form language is the state's evaluation language: a calculation using
jr:choice-name gives the choice's label in the language the form opened in, and follows
the filler's language switch."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from test_filler_helpers import session, settle
from ui_helpers import close_workspace, forms_workspace, show

CHOICE_NAME = """
| survey |
| | type | name | label::English (en) | label::Cymraeg (cy) | calculation |
| | select_one col | colour | Which colour? | Pa liw? | |
| | calculate | named | | | jr:choice-name(${colour}, '${colour}') |
| | note | said | You chose ${named} | Dewisaist ${named} | |
| choices |
| | list_name | name | label::English (en) | label::Cymraeg (cy) |
| | col | red | Red | Coch |
| | col | blue | Blue | Glas |
| settings |
| | form_id | version | default_language |
| | choice_name | 1 | English (en) |
"""


@pytest.fixture
def choice_ws(tmp_path, cheap):
    forms = [("choice_name", "Choice names", CHOICE_NAME)]
    made = forms_workspace(tmp_path, forms, study_id="choice-name")
    yield made
    close_workspace(made)


def _prefs(tmp_path, language: str):
    from ui.pages.settings_prefs import Preferences

    prefs = Preferences(QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat))
    prefs.set_form_language(language)
    return prefs


def _key(controller, name: str):
    return controller.state.key(controller.state.node(name))


def _named(controller) -> str:
    return controller.state.cell("named").value


def _note(controller) -> str:
    return controller.view(_key(controller, "said")).label


def test_choice_name_uses_the_language_the_form_opens_in(qtbot, choice_ws, tasks, tmp_path) -> None:
    from ui.filler.controller import FillController

    c = FillController(
        choice_ws, tasks, session(choice_ws, "choice_name"), prefs=_prefs(tmp_path, "Welsh (cy)")
    )
    assert c.lang == "Cymraeg (cy)" and c.state.language == "Cymraeg (cy)"
    c.set_answer(_key(c, "colour"), "red")
    assert _named(c) == "Coch"
    assert _note(c) == "Dewisaist Coch"
    c.lang = "English (en)"  # the switch re-evaluates the calculation
    assert c.state.language == "English (en)"
    assert _named(c) == "Red" and _note(c) == "You chose Red"
    c.lang = None  # the default language
    assert _named(c) == "Red"
    settle(qtbot, tasks)


def test_the_fillers_language_switch_changes_choice_names(
    qtbot, choice_ws, tasks, tmp_path
) -> None:
    from ui.filler.filler import FormFiller

    filler = FormFiller(
        choice_ws, tasks, session(choice_ws, "choice_name"), prefs=_prefs(tmp_path, "")
    )
    filler.resize(1000, 760)
    show(qtbot, filler)
    c = filler.controller
    assert c.lang is None and c.state.language is None
    c.set_answer(_key(c, "colour"), "blue")
    assert _named(c) == "Blue"
    filler.language.setFocus()
    qtbot.keyClick(filler.language, Qt.Key.Key_Down)  # English (en) -> Cymraeg (cy)
    assert c.lang == "Cymraeg (cy)" and c.state.language == "Cymraeg (cy)"
    assert _named(c) == "Glas" and _note(c) == "Dewisaist Glas"
    settle(qtbot, tasks)
