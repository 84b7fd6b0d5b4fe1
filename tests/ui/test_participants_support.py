"""Fixtures and helpers shared by the participant, settings, privacy and dialog tests.

Imported by those modules (`from test_participants_support import ...`); it has no tests.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from ui_helpers import PASSWORD, wait_idle

BOB_PASSWORD = "bob has a long passphrase"


@pytest.fixture
def prefs(tmp_path, qapp):
    """Preferences in a private ini file, so tests never share settings."""
    from ui import theme
    from ui.pages.settings_prefs import Preferences

    p = Preferences(QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat))
    yield p
    theme.apply(qapp, theme.LIGHT)


@pytest.fixture
def unlocked(locked_ws):
    """The demo workspace unlocked by ann (a supervisor)."""
    ws = locked_ws.unlock("ann", PASSWORD)
    yield ws
    if not ws.locked:
        ws.lock()


@pytest.fixture
def fieldworker(locked_ws, unlocked):
    """The same workspace unlocked by bob, a fieldworker (ann adds him first)."""
    unlocked.add_user("bob", BOB_PASSWORD, "fieldworker")
    ws = locked_ws.unlock("bob", BOB_PASSWORD)
    yield ws
    if not ws.locked:
        ws.lock()


def make_services(ws, tasks, prefs):
    from ui.nav import Services

    return Services(
        workspace=ws,
        tasks=tasks,
        study=ws.study,
        user=ws.actor,
        role=ws.user_role(),
        prefs=prefs,
    )


def participants_page(qtbot, services, tasks):
    """A shown ParticipantsPage with its list loaded."""
    from ui_helpers import show

    from ui.pages.participants import ParticipantsPage

    page = ParticipantsPage(services)
    page.resize(1200, 800)
    show(qtbot, page)
    page.activated()
    qtbot.waitUntil(lambda: page.list.loaded, timeout=15000)
    wait_idle(qtbot, tasks)
    return page


def dialog_of(page, cls):
    """The open dialog of type `cls` that `page` (or a child) owns."""
    found = [d for d in page.findChildren(cls) if d.isVisible()]
    assert found, f"no {cls.__name__} is open"
    return found[-1]
