"""BusyRow: indeterminate after start (its existing users), determinate after set_progress,
with an optional action beside the bar."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget


def test_busy_row_modes(qtbot) -> None:
    from ui.widgets.basics import BusyRow

    host = QWidget()
    qtbot.addWidget(host)
    row = BusyRow(host)
    stop = QPushButton("Cancel", host)
    row.add_action(stop)
    host.show()
    assert not row.isVisible() and not stop.isVisible()
    row.start("Saving…")
    assert row.isVisible() and stop.isVisible() and row.fraction() is None
    assert row.bar.accessibleName() == "Saving…"
    row.set_progress(0.25, "Writing a.csv… · 25%")
    assert row.fraction() == 0.25 and row.text.text() == "Writing a.csv… · 25%"
    assert row.bar.accessibleName() == "Writing a.csv… · 25%"
    row.set_progress(1.7, "done")
    assert row.fraction() == 1.0
    row.set_progress(None, "Reading records…")
    assert row.fraction() is None
    row.set_progress(0.5, "half")
    row.start("Saving again…")  # back to indeterminate for the next task
    assert row.fraction() is None
    row.stop()
    assert not row.isVisible()
