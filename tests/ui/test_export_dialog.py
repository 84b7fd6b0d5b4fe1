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
    from ui.dialogs.export import ExportDialog, ExportFrom

    dialog = ExportDialog(ExportFrom.workspace(ws), tasks)
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


def test_a_withdrawn_participants_records_are_left_out_and_said(
    qtbot, unlocked, tasks, tmp_path
) -> None:
    from sylcollect.services.records import NewRecord, add_record

    gad = {f"gad7_{i}": "1" for i in range(1, 8)}
    with unlocked.transaction() as tx:
        for code in ("DH-001", "DH-002"):
            tx.participants.add(code, "durham-house", Role.YOUNG_PERSON)
    for code in ("DH-001", "DH-002"):
        add_record(unlocked, NewRecord("gad7", gad, participant_code=code, wave_id="baseline"))
    with unlocked.transaction() as tx:
        tx.participants.withdraw("DH-002")
    dialog = make_dialog(qtbot, unlocked, tasks, tmp_path / "export")
    dialog.forms.set_checked("gad7")
    with qtbot.waitSignal(dialog.exported, timeout=30000) as blocker:
        dialog.export_button.click()
    assert blocker.args[0].records == 1 and dialog.withdrawn_left_out == 1
    assert "Left out: 1 record(s) of participants who withdrew." in dialog.report.text()
    assert "central store" not in dialog.report.text()


def test_observations_can_be_ticked_with_a_form(qtbot, unlocked, tasks, tmp_path) -> None:
    from datetime import datetime

    from sylcollect.domain.observation import Observation

    with unlocked.transaction() as tx:
        tx.observations.add(
            Observation(
                "",
                "durham-house",
                "Group work",
                datetime(2026, 3, 1, 10),
                45,
                (),
                "",
                (),
                (),
                "ann",
            )
        )
    out = tmp_path / "export"
    dialog = make_dialog(qtbot, unlocked, tasks, out)
    dialog.forms.set_checked("gad7")
    dialog.forms.set_checked("observations")
    with qtbot.waitSignal(dialog.exported, timeout=30000):
        dialog.export_button.click()
    assert sorted(p.name for p in out.iterdir()) == [
        "codebook.csv",
        "codebook.pdf",
        "gad7.csv",
        "observations.csv",
    ]
    with open(out / "observations.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [(r["site_id"], r["duration_minutes"]) for r in rows] == [("durham-house", "45")]


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


class Gate:
    """Runs the real exporter but holds it (on the worker) once it starts writing the file
    numbered `hold_at`, until the test lets it go."""

    def __init__(self, monkeypatch, hold_at: int = 1) -> None:
        import threading

        from sylcollect.export import run_export as real
        from sylcollect.export.run import ExportPhase

        self.reached = threading.Event()
        self.release = threading.Event()
        self.runs = 0
        gate = self

        class Held:
            def __init__(self, progress) -> None:
                self.progress = progress

            def step(self, done, total, what, name=""):
                self.progress.step(done, total, what, name)
                if what == ExportPhase.WRITING and done == hold_at and gate.runs == 1:
                    gate.reached.set()
                    gate.release.wait(20)

            def cancelled(self):
                return self.progress.cancelled()

        def held_export(source, request, progress):
            gate.runs += 1
            return real(source, request, Held(progress))

        monkeypatch.setattr("ui.dialogs.export.run_export", held_export)

    def wait_reached(self, qtbot) -> None:
        qtbot.waitUntil(self.reached.is_set, timeout=30000)


def _held_export(qtbot, monkeypatch, unlocked, tasks, out):
    out.mkdir()
    (out / "notes.txt").write_text("kept")
    gate = Gate(monkeypatch)
    dialog = make_dialog(qtbot, unlocked, tasks, out)
    dialog.export_button.click()
    gate.wait_reached(qtbot)
    qtbot.waitUntil(lambda: "Writing" in dialog.busy.text.text(), timeout=10000)
    return dialog, gate


def test_progress_shows_words_and_moves_and_cancel_leaves_no_files(
    qtbot, monkeypatch, unlocked, tasks, tmp_path
) -> None:
    out = tmp_path / "export"
    dialog, gate = _held_export(qtbot, monkeypatch, unlocked, tasks, out)
    try:
        assert dialog.busy.isVisible() and dialog.exporting
        assert dialog.busy.fraction() is not None and 0.7 < dialog.busy.fraction() < 1.0
        assert dialog.busy.text.text().startswith("Writing ") and "%" in dialog.busy.text.text()
        assert dialog.stop_button.isVisible() and dialog.stop_button.isEnabled()
        assert dialog.stop_button.hasFocus()  # the keyboard is on the one thing to do now
        assert not dialog.export_button.isEnabled()
        assert check_names(dialog) == [] and check_targets(dialog) == []
        dialog.grab().save(str(tmp_path / "exporting.png"))
        dialog.stop_button.click()
        assert "Cancelling" in dialog.busy.text.text() and not dialog.stop_button.isEnabled()
    finally:
        gate.release.set()
    qtbot.waitUntil(lambda: not dialog.exporting, timeout=30000)
    assert dialog.notice.message() == f"Export cancelled; no files were left in {out}."
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]
    assert not dialog.busy.isVisible() and dialog.isVisible()
    assert dialog.export_button.isEnabled()
    with unlocked.transaction() as tx:
        began, stopped = sorted(
            (e for e in tx.audit_log.events() if e.action is AuditAction.EXPORT),
            key=lambda e: e.seq,
        )
    assert stopped.details["outcome"] == "cancelled"
    assert stopped.details["export_id"] == began.details["export_id"]
    # The form is usable again: the next export runs to the end.
    with qtbot.waitSignal(dialog.exported, timeout=60000):
        dialog.export_button.click()
    assert "Export finished" in dialog.notice.message()
    assert (out / "codebook.pdf").exists() and (out / "notes.txt").exists()
    assert not dialog.busy.isVisible()


def test_escape_cancels_the_export_and_keeps_the_dialog(
    qtbot, monkeypatch, unlocked, tasks, tmp_path
) -> None:
    from PySide6.QtCore import Qt

    out = tmp_path / "esc"
    dialog, gate = _held_export(qtbot, monkeypatch, unlocked, tasks, out)
    try:
        qtbot.keyClick(dialog.stop_button, Qt.Key.Key_Escape)
        assert dialog.isVisible() and not dialog.stop_button.isEnabled()
    finally:
        gate.release.set()
    qtbot.waitUntil(lambda: "Export cancelled" in dialog.notice.message(), timeout=30000)
    assert dialog.isVisible()
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]


def test_closing_while_exporting_cancels_then_closes(
    qtbot, monkeypatch, unlocked, tasks, tmp_path
) -> None:
    out = tmp_path / "close"
    dialog, gate = _held_export(qtbot, monkeypatch, unlocked, tasks, out)
    try:
        dialog.cancel_button.click()  # "Close"
        assert dialog.isVisible()  # not before the export has stopped and cleaned up
    finally:
        gate.release.set()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30000)
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]
    wait_idle(qtbot, tasks)


def test_reading_progress_in_words(qtbot, unlocked, tasks, tmp_path) -> None:
    from PySide6.QtCore import QLocale

    from sylcollect.progress import ProgressHook

    dialog = make_dialog(qtbot, unlocked, tasks, tmp_path)
    saved = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    try:
        dialog._hook = ProgressHook()
        dialog._stepped(0, 0, "reading", "")
        assert dialog.busy.text.text() == "Reading records…" and dialog.busy.fraction() is None
        dialog._stepped(12000, 40000, "reading", "")
        assert dialog.busy.text.text() == "Reading records… 12,000 of 40,000 · 18%"
        assert dialog.busy.fraction() == pytest.approx(0.18)
        dialog._stepped(3, 10, "building", "phq9")
        assert dialog.busy.text.text() == "Preparing the phq9 table… · 63%"
        dialog._stepped(2, 6, "writing", "phq9.csv")
        assert dialog.busy.text.text().startswith("Writing phq9.csv…")
    finally:
        QLocale.setDefault(saved)
        dialog._hook = None
