"""Helpers (no tests) for the form-filler and self-complete tests: sessions on a real workspace."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import show, wait_idle

from sylcollect.domain.record import RecordMode
from sylcollect.services.drafts import DraftSave


def session(ws, form_id: str, mode: RecordMode = RecordMode.INTERVIEWER, code: str = "YP-001"):
    from ui.filler.loading import new_session

    return new_session(ws, DraftSave(form_id, "", {}, participant_code=code, mode=mode))


def make_filler(qtbot, ws, tasks, form_id: str = "yp_checkin", **kw):
    from ui.filler.filler import FormFiller

    filler = FormFiller(ws, tasks, session(ws, form_id), **kw)
    filler.resize(1000, 760)
    show(qtbot, filler)
    return filler


def focus(qtbot):
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def key(qtbot, k, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focus(qtbot), k, modifier)


def digit(qtbot, n: int) -> None:
    key(qtbot, getattr(Qt.Key, f"Key_{n}"))


def enter(qtbot) -> None:
    key(qtbot, Qt.Key.Key_Return)


def current_name(filler) -> str:
    page = filler.controller.page
    return page.key[0].rsplit("/", 1)[-1] if page else ""


def settle(qtbot, tasks) -> None:
    wait_idle(qtbot, tasks)
