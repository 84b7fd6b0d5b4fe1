"""The Monthly indicators page and the return dialog, driven by keyboard and mouse."""

from __future__ import annotations

from datetime import date

import pytest
from a11y import check_tab_order, check_window
from PySide6.QtCore import Qt
from ui_helpers import PASSWORD, show, wait_idle

from sylcollect.errors import InvalidInput
from sylcollect.services.records import NewRecord, add_record
from ui.models.indicators import INDICATORS, first_of_month, month_name, previous_month

SITE = "durham-house"
FIGURES = {
    "incidents": 3,
    "missing_episodes": 1,
    "restraints": 2,
    "staff_absence_days": 12,
    "staff_leavers": 1,
    "staff_joiners": 0,
}


@pytest.fixture
def unlocked(locked_ws):
    ws = locked_ws.unlock("ann", PASSWORD)
    yield ws
    if not ws.locked:
        ws.lock()


def add_return(ws, month: date, site=SITE, **figures):
    answers = {"month": month.isoformat(), **FIGURES, **figures}
    return add_record(ws, NewRecord(form_id="site_indicators", answers=answers, site_id=site))


def saved_returns(ws):
    with ws.transaction() as tx:
        return tx.records.list(form_id="site_indicators")


def make_page(qtbot, ws, tasks):
    from ui.pages.indicators import IndicatorsPage

    page = IndicatorsPage(ws, tasks)
    page.resize(1100, 720)
    show(qtbot, page)
    qtbot.waitUntil(lambda: page.data is not None, timeout=15000)
    return page


def make_dialog(qtbot, ws, tasks, today: date):
    from ui.dialogs.indicator_data import load_indicators
    from ui.dialogs.indicator_return import IndicatorReturnDialog

    dialog = IndicatorReturnDialog(ws, tasks, load_indicators(ws), SITE, today=today)
    show(qtbot, dialog)
    return dialog


def open_dialog(qtbot, page):
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=3000)
    page.enter_button.setFocus()
    qtbot.keyClick(page.enter_button, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=3000)
    qtbot.waitUntil(page.dialog.isActiveWindow, timeout=3000)
    return page.dialog


def type_figures(qtbot, dialog, figures) -> None:
    """Types each figure and moves on with Tab, as a person would."""
    dialog.edits[INDICATORS[0]].setFocus()
    for name in INDICATORS:
        edit = dialog.edits[name]
        assert edit.hasFocus(), name
        edit.selectAll()
        qtbot.keyClicks(edit, str(figures[name]))
        qtbot.keyClick(edit, Qt.Key.Key_Tab)


def test_page_exposes_header_parts_and_empty_state(qtbot, unlocked, tasks) -> None:
    page = make_page(qtbot, unlocked, tasks)
    assert page.title == "Monthly indicators"
    assert page.main_action.text() == "Enter a monthly return"
    assert page.site.currentData() == SITE
    assert page.stack.currentWidget() is page.empty
    assert page.empty.title.text() == "No returns for this site yet"


def test_enter_a_return_and_see_it_next_month(qtbot, unlocked, tasks) -> None:
    page = make_page(qtbot, unlocked, tasks)
    dialog = open_dialog(qtbot, page)
    last_month = previous_month(first_of_month(date.today()))
    assert dialog.month_value() == last_month
    assert all(lab.text() == "—" for lab in dialog.previous.values())
    type_figures(qtbot, dialog, FIGURES)
    assert dialog.notes.hasFocus()
    qtbot.keyClicks(dialog.notes, "One new resident.")
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.dialog is None, timeout=15000)
    wait_idle(qtbot, tasks)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)

    (record,) = saved_returns(unlocked)
    assert record.site_id == SITE
    assert {k: record.answers[k] for k in (*INDICATORS, "month", "notes")} == {
        **FIGURES,
        "month": last_month.isoformat(),
        "notes": "One new resident.",
    }
    assert page.notice.message() == (
        f"Saved: {month_name(last_month)} for Durham House, Aycliffe Secure Centre."
    )
    assert page.stack.currentWidget() is page.table
    assert page.model.index(0, 0).data() == month_name(last_month)
    assert page.model.index(0, 1).data() == "3"

    dialog = open_dialog(qtbot, page)  # the next month, with this one beside it
    assert dialog.month_value() == first_of_month(date.today())
    assert dialog.previous_heading.text() == month_name(last_month)
    assert {n: lab.text() for n, lab in dialog.previous.items()} == {
        n: str(v) for n, v in FIGURES.items()
    }
    dialog.reject()


def test_previous_month_comes_from_that_site_and_month(qtbot, unlocked, tasks) -> None:
    add_return(unlocked, date(2025, 1, 1), incidents=7)
    add_return(unlocked, date(2025, 1, 1), site="safe-steps", incidents=40)
    add_return(unlocked, date(2024, 12, 1), incidents=99)
    dialog = make_dialog(qtbot, unlocked, tasks, today=date(2025, 3, 10))
    assert dialog.month_value() == date(2025, 2, 1)
    assert dialog.previous["incidents"].text() == "7"
    dialog.month.setCurrentIndex(dialog.month.findData("2025-01-01"))
    assert dialog.previous["incidents"].text() == "99"
    assert "already has a return" in dialog.existing.message()
    dialog.site.setCurrentIndex(dialog.site.findData("safe-steps"))
    assert dialog.month_value() == date(2025, 2, 1)
    assert dialog.previous["incidents"].text() == "40"


def test_a_jump_is_shown_and_must_be_confirmed(qtbot, unlocked, tasks) -> None:
    add_return(unlocked, date(2025, 1, 1))
    dialog = make_dialog(qtbot, unlocked, tasks, today=date(2025, 2, 20))
    type_figures(qtbot, dialog, {**FIGURES, "incidents": 20})
    check = dialog.checks["incidents"]
    assert check.message() == "Check this: 20 is more than 3 times last month (3)."
    assert check.kind == "check"
    assert all(not dialog.checks[n].message() for n in INDICATORS[1:])
    assert dialog.confirm.isVisible() and not dialog.confirm.isChecked()

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert any("changed a lot" in t for t in dialog.summary.texts())
    assert dialog.summary.hasFocus()
    assert len(saved_returns(unlocked)) == 1

    dialog.confirm.setFocus()
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Space)
    assert dialog.confirm.isChecked()
    with qtbot.waitSignal(dialog.saved, timeout=15000) as saved:
        qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert saved.args[0].value("incidents") == 20
    wait_idle(qtbot, tasks)
    newest = saved_returns(unlocked)[-1]
    assert (newest.answers["month"], newest.answers["incidents"]) == ("2025-02-01", 20)


def test_a_warning_clears_when_the_figure_is_corrected(qtbot, unlocked, tasks) -> None:
    add_return(unlocked, date(2025, 1, 1))
    dialog = make_dialog(qtbot, unlocked, tasks, today=date(2025, 2, 20))
    dialog.edits["incidents"].setText("30")
    assert dialog.confirm.isVisible()
    dialog.edits["incidents"].setText("3")
    assert not dialog.checks["incidents"].message()
    assert not dialog.confirm.isVisible()


def test_missing_figures_are_listed(qtbot, unlocked, tasks) -> None:
    dialog = make_dialog(qtbot, unlocked, tasks, today=date(2025, 2, 20))
    dialog.edits["incidents"].setText("2")
    qtbot.keyClick(dialog.edits["incidents"], Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.errors["incidents"].message() == ""
    assert dialog.errors["restraints"].message() == (
        "Restraints: enter a number (0 if there were none)."
    )
    assert len(dialog.summary.texts()) == len(INDICATORS) - 1
    dialog.summary.lines[1].linkActivated.emit("1")
    assert dialog.edits["restraints"].hasFocus()
    assert saved_returns(unlocked) == []


def test_errors_from_the_form_go_next_to_their_field(qtbot, unlocked, tasks) -> None:
    dialog = make_dialog(qtbot, unlocked, tasks, today=date(2025, 2, 20))
    dialog._failed(InvalidInput("answer 'restraints': Type a whole number, 0 or more."))
    assert dialog.errors["restraints"].message() == "Restraints: Type a whole number, 0 or more."
    assert dialog.summary.texts() == ["Restraints: Type a whole number, 0 or more."]
    dialog._failed(InvalidInput("answer 'month': Choose a month that has started."))
    assert dialog.summary.texts() == ["Month: Choose a month that has started."]


def test_the_table_flags_jumps(qtbot, unlocked, tasks) -> None:
    add_return(unlocked, date(2025, 1, 1))
    add_return(unlocked, date(2025, 2, 1), restraints=9)
    page = make_page(qtbot, unlocked, tasks)
    assert page.model.rowCount() == 2
    assert page.model.jump(0, 3) is not None  # February's restraints
    assert page.legend.isVisible()
    assert page.count.text() == "2 months, January 2025 to February 2025"
    page.site.setCurrentIndex(page.site.findData("safe-steps"))
    assert page.stack.currentWidget() is page.empty
    assert not page.legend.isVisible()


def test_clear_drops_the_content(qtbot, unlocked, tasks) -> None:
    add_return(unlocked, date(2025, 1, 1))
    page = make_page(qtbot, unlocked, tasks)
    page.clear()
    assert page.model.rowCount() == 0 and page.data is None and page.site.count() == 0


def test_page_accessibility(qtbot, unlocked, tasks) -> None:
    add_return(unlocked, date(2025, 1, 1))
    page = make_page(qtbot, unlocked, tasks)
    assert check_window(qtbot, page) == []
    assert check_tab_order(qtbot, [page.enter_button, page.site, page.table]) == []


def test_empty_page_accessibility(qtbot, unlocked, tasks) -> None:
    page = make_page(qtbot, unlocked, tasks)
    assert check_window(qtbot, page) == []


def test_dialog_accessibility(qtbot, unlocked, tasks) -> None:
    add_return(unlocked, date(2025, 1, 1))
    dialog = make_dialog(qtbot, unlocked, tasks, today=date(2025, 2, 20))
    assert check_window(qtbot, dialog) == []
    dialog.edits["incidents"].setText("30")  # the confirmation becomes a tab stop
    assert check_tab_order(qtbot, dialog.tab_chain) == []
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert check_window(qtbot, dialog) == []
