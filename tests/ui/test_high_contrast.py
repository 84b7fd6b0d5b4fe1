"""The windows pass the same checks in the high-contrast theme; geometry is remembered."""

from __future__ import annotations

import pytest
from a11y import check_palette, check_window
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from ui_helpers import show

from ui import theme


@pytest.fixture
def high_contrast(qapp):
    theme.apply(qapp, theme.HIGH_CONTRAST)
    yield
    theme.apply(qapp, theme.LIGHT)


def test_unlock_window_in_high_contrast(qtbot, locked_ws, tasks, high_contrast) -> None:
    from ui.windows.unlock import UnlockWindow

    window = UnlockWindow(locked_ws, tasks)
    show(qtbot, window)
    assert check_palette(QApplication.palette()) == []
    assert check_window(qtbot, window) == []


def test_first_run_wizard_in_high_contrast(qtbot, tmp_path, tasks, high_contrast) -> None:
    from ui.windows.first_run import FirstRunWizard

    dialog = FirstRunWizard(tmp_path / "demo", tasks, demo=True)
    show(qtbot, dialog)
    assert check_window(qtbot, dialog) == []


def test_window_geometry_is_saved_without_data(qtbot, locked_ws, tasks) -> None:
    from ui.windows.unlock import UnlockWindow

    window = UnlockWindow(locked_ws, tasks)
    show(qtbot, window)
    window.resize(800, 700)
    window.close()
    settings = QSettings()
    assert settings.value("geometry/unlockWindow")
    assert all(key.startswith("geometry/") for key in settings.allKeys())
    again = UnlockWindow(locked_ws, tasks)
    qtbot.addWidget(again)
    assert abs(again.width() - 800) <= 4 and abs(again.height() - 700) <= 4
