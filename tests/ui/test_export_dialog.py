"""The supervisor's export dialog: files written to the chosen folder, a summary at the end,
identifiers only when ticked (with a warning), the export audited by the core."""

from __future__ import annotations

import csv

import pytest
from a11y import check_names, check_targets
from ui_helpers import PASSWORD, show, wait_idle

from sylcollect.domain.audit import AuditAction
from sylcollect.domain.participant import Identity
from sylcollect.domain.study import Role


@pytest.fixture
def unlocked(locked_ws):
    ws = locked_ws.unlock("ann", PASSWORD)
    yield ws
    if not ws.locked:
        ws.lock()


def make_dialog(qtbot, ws, tasks, folder):
    from ui.dialogs.export import ExportDialog

    dialog = ExportDialog(ws, tasks)
    dialog.folder.setText(str(folder))
    show(qtbot, dialog)
    return dialog


def test_csv_export_writes_files_and_reports(qtbot, unlocked, tasks, tmp_path) -> None:
    out = tmp_path / "export"
    dialog = make_dialog(qtbot, unlocked, tasks, out)
    dialog.forms.set_checked("gad7")
    with qtbot.waitSignal(dialog.exported, timeout=30000) as blocker:
        dialog.export_button.click()
    result = blocker.args[0]
    names = sorted(p.name for p in out.iterdir())
    assert names == ["codebook.csv", "codebook.pdf", "gad7.csv"]
    assert dialog.report.isVisible() and "3 files written" in dialog.report.text()
    assert "Export finished" in dialog.notice.message()
    with open(out / "gad7.csv", newline="", encoding="utf-8") as f:
        header = next(csv.reader(f))
    assert "participant_code" in header and "participant_name" not in header
    assert result.records == 0
    with unlocked.transaction() as tx:
        event = tx.audit_log.events(limit=1)[0]
    assert event.action is AuditAction.EXPORT
    assert event.details["include_identifiers"] is False
    assert event.details["filter"]["forms"] == ["gad7"]


def test_identifiers_warn_and_are_audited(qtbot, unlocked, tasks, tmp_path) -> None:
    with unlocked.transaction() as tx:
        tx.participants.add("YP-010", "durham-house", Role.YOUNG_PERSON, Identity("Kit Doe"))
    dialog = make_dialog(qtbot, unlocked, tasks, tmp_path / "ids")
    dialog.format.buttons["sav"].setChecked(True)
    dialog.forms.set_checked("rses")
    assert not dialog.warning.isVisibleTo(dialog)
    dialog.identifiers.setChecked(True)
    assert "plain text" in dialog.warning.message()
    with qtbot.waitSignal(dialog.exported, timeout=60000):
        dialog.export_button.click()
    assert (tmp_path / "ids" / "rses.sav").exists()
    with unlocked.transaction() as tx:
        event = tx.audit_log.events(limit=1)[0]
    assert event.details["include_identifiers"] is True
    assert "participant_name" in event.details["identifier_variables"]
    wait_idle(qtbot, tasks)


def test_bad_choices_are_said_next_to_the_field(qtbot, unlocked, tasks, tmp_path) -> None:
    from PySide6.QtCore import QDate

    afile = tmp_path / "a-file"
    afile.write_text("x")
    dialog = make_dialog(qtbot, unlocked, tasks, afile)
    dialog.date_from.setDate(QDate(2025, 5, 2))
    dialog.date_to.setDate(QDate(2025, 5, 1))
    dialog.export_button.click()
    assert dialog.fields["folder"].error.isVisible()
    assert dialog.fields["to"].error.isVisible()
    assert dialog.summary.isVisible()


def test_export_dialog_accessible(qtbot, unlocked, tasks, tmp_path) -> None:
    dialog = make_dialog(qtbot, unlocked, tasks, tmp_path)
    assert check_names(dialog) == []
    assert check_targets(dialog) == []
