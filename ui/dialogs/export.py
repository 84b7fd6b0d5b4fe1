"""Export for analysis (supervisors): format, folder, filters, identifiers only when asked
(with a warning; the core audits every export), progress with a Cancel, and a summary.

One dialog for both places an export reads from (`ExportFrom`): this laptop's workspace
(Reports, on the app's TaskRunner) and the central store (Supervisor tools, on that page's
own TaskRunner: every laptop's imported records, withdrawn participants' records left out
and counted). The source is built on the worker, where the store is used.

The export runs on the TaskRunner's worker. The core reports progress there; `_Relay`
carries each step to the GUI thread through a queued signal (widgets are never touched from
the worker), and "Cancel export" (or Escape) sets the core's cancel flag, which the worker
reads at its next check. A cancelled export leaves the folder as it was.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QLocale, QObject, QStandardPaths, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from sylcollect.domain.study import Study
from sylcollect.errors import Cancelled
from sylcollect.export import (
    CentralSource,
    ExportFilter,
    ExportFormat,
    ExportRequest,
    ExportResult,
    observations,
    run_export,
)
from sylcollect.export.run import ExportPhase, overall
from sylcollect.export.source import ExportSource, WorkspaceSource
from sylcollect.progress import Progress, ProgressHook
from sylcollect.storage.workspace import UnlockedWorkspace
from ui.dialogs.consent import ChoiceGroup
from ui.dialogs.form_dialog import FormDialog
from ui.dialogs.observation_widgets import DateEdit
from ui.tasks import TaskRunner
from ui.widgets.basics import Notice, label

NO_DATE = QDate(2000, 1, 1)
# Looked up with ExportDialog.tr(): marked in its context ("ExportDialog") for lupdate.
FORMATS = (
    (ExportFormat.CSV, QT_TRANSLATE_NOOP("ExportDialog", "CSV (one file per form)")),
    (ExportFormat.XLSX, QT_TRANSLATE_NOOP("ExportDialog", "Excel (XLSX)")),
    (ExportFormat.SAV, QT_TRANSLATE_NOOP("ExportDialog", "SPSS (.sav)")),
    (ExportFormat.DTA, QT_TRANSLATE_NOOP("ExportDialog", "Stata (.dta)")),
)


@dataclass(frozen=True)
class ExportFrom:
    """Where an export reads: the study (for the filters, read on the GUI thread), a function
    that builds the `ExportSource` (called on the worker thread only) and whether it is the
    central store. Immutable; made on the GUI thread."""

    study: Study
    source: Callable[[], ExportSource]
    central: bool = False

    @classmethod
    def workspace(cls, ws: UnlockedWorkspace) -> ExportFrom:
        """This laptop's own workspace."""
        return cls(ws.study, lambda: WorkspaceSource(ws))

    @classmethod
    def central_store(cls, study: Study, store: Callable[[], UnlockedWorkspace]) -> ExportFrom:
        """The supervisor's unlocked central store (`store()` is called on its worker)."""
        return cls(study, lambda: CentralSource(store()), central=True)


def export_from(
    make_source: Callable[[], ExportSource], request: ExportRequest, progress: Progress
) -> ExportResult:
    """Worker thread: builds the source and runs the core's exporter (it audits the export)."""
    return run_export(make_source(), request, progress)


class _Relay(QObject):
    """Carries the core's progress steps from the worker thread to the GUI thread.

    `step` is called on the worker: it only emits `stepped` (at most every 50 ms, and always
    when the phase or file changes or a phase ends), which Qt queues to the GUI thread.
    """

    stepped = Signal(int, int, str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._last = (0.0, "", "")

    def step(self, done: int, total: int, what: str, name: str) -> None:
        now = time.monotonic()
        at, last_what, last_name = self._last
        if (what, name) == (last_what, last_name) and now - at < 0.05 and done < total:
            return
        self._last = (now, what, name)
        with contextlib.suppress(RuntimeError):  # the dialog is gone; the export is cancelled
            self.stepped.emit(done, total, what, name)


class CheckList(QListWidget):
    """A short list of checkable items; none ticked means all."""

    def __init__(self, items: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for value, text in items:
            item = QListWidgetItem(text, self)
            item.setData(Qt.ItemDataRole.UserRole, value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        rows = max(1, min(len(items), 5))
        self.setFixedHeight(rows * 30 + 8)

    def chosen(self) -> frozenset[str]:
        return frozenset(
            str(self.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        )

    def set_checked(self, value: str, on: bool = True) -> None:
        for i in range(self.count()):
            if self.item(i).data(Qt.ItemDataRole.UserRole) == value:
                self.item(i).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


class ExportDialog(FormDialog):
    """Writes analysis files for the chosen records of `origin` (this laptop or the central
    store) on `tasks`' worker; emits `exported(ExportResult)`. GUI thread."""

    exported = Signal(object)

    def __init__(
        self, origin: ExportFrom, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        if origin.central:
            title = self.tr_("Export from the central store")
            purpose = self.tr_(
                "Every laptop's imported records, as files for SPSS, Stata, Excel or R, with a "
                "codebook. Codes only, no names, unless you include identifiers. Records of "
                "participants who withdrew are left out."
            )
        else:
            title = self.tr_("Export for analysis")
            purpose = self.tr_(
                "This laptop's records, as files for SPSS, Stata, Excel or R, with a codebook. "
                "Codes only, no names, unless you include identifiers."
            )
        super().__init__(title, purpose, tasks, parent, width=640)
        self.setObjectName("exportDialog")
        self.origin = origin
        study = origin.study
        self.result: ExportResult | None = None
        self.withdrawn_left_out = 0
        self.format = ChoiceGroup([(f.value, self.tr(t)) for f, t in FORMATS], self)
        self.format.set_value(ExportFormat.CSV.value)
        self.add_field("format", self.tr("Format"), self.format, group=True)
        self.folder = QLineEdit(self)
        docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        default = "SYL Collect central export" if origin.central else "SYL Collect export"
        self.folder.setText(str(Path(docs) / default))
        self.browse = QPushButton(self.tr("Choose folder…"), self)
        self.browse.setAutoDefault(False)
        self.browse.clicked.connect(self.choose_folder)
        row = QWidget(self)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.folder, 1)
        line.addWidget(self.browse)
        row.setFocusProxy(self.folder)
        self.add_field(
            "folder",
            self.tr("Folder"),
            row,
            self.tr("Files of an earlier export with the same names are replaced."),
        )
        self.folder.setAccessibleName(self.tr("Folder"))
        self.heading(self.tr("Which records"))
        self.sites = CheckList([(s.id, s.name) for s in study.sites], self)
        self.add_field("sites", self.tr("Sites"), self.sites, self.tr("None ticked: all sites."))
        self.waves = CheckList([(w.id, w.name) for w in study.waves], self)
        self.add_field("waves", self.tr("Waves"), self.waves, self.tr("None ticked: all waves."))
        forms = list(dict.fromkeys((f.id, f.title or f.id) for f in study.forms))
        observed = observations.table_name([f for f, _ in forms])
        forms.append((observed, self.tr("Observations logged on the Observations page")))
        self.forms = CheckList(forms, self)
        self.add_field(
            "forms",
            self.tr("Forms"),
            self.forms,
            self.tr("None ticked: all forms and the observations."),
        )
        self.date_from = self._date()
        self.date_to = self._date()
        self.add_field("from", self.tr("Saved from"), self.date_from)
        self.add_field("to", self.tr("Saved up to"), self.date_to)
        self.heading(self.tr("Identifiers"))
        self.identifiers = QCheckBox(self.tr("Include names and dates of birth"), self)
        self.identifiers.toggled.connect(self._identifiers_toggled)
        self.add_field(
            "identifiers",
            self.tr("Identifiers"),
            self.identifiers,
            self.tr("Only when the analysis truly needs them. Recorded in the audit log."),
            group=True,
        )
        self.warning = Notice(self)
        self.column.addWidget(self.warning)
        self.column.addStretch(1)
        self.report = label("", parent=self)
        self.report.hide()
        self.footer.insertWidget(0, self.report)
        self.export_button = QPushButton(self.tr("Export"), self)
        self.export_button.setProperty("primary", True)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.submit)
        self.cancel_button.setText(self.tr("Close"))
        self.cancel_button.setAutoDefault(False)
        self.add_buttons(self.cancel_button, self.export_button)
        self.stop_button = QPushButton(self.tr("Cancel export"), self)
        self.stop_button.setObjectName("cancelExport")
        self.stop_button.setAccessibleName(self.tr("Cancel export"))
        self.stop_button.setAccessibleDescription(
            self.tr("Stops the export and removes the files it has written so far.")
        )
        self.stop_button.setToolTip(self.tr("Stop the export (Esc)"))
        self.stop_button.setAutoDefault(False)
        self.stop_button.clicked.connect(self.cancel_export)
        self.busy.add_action(self.stop_button)
        self._relay = _Relay(self)
        self._relay.stepped.connect(self._stepped, Qt.ConnectionType.QueuedConnection)
        self._hook: ProgressHook | None = None
        self._out: Path | None = None
        self._close_when_stopped = False

    @staticmethod
    def tr_(text: str) -> str:
        from PySide6.QtCore import QCoreApplication

        return QCoreApplication.translate("ExportDialog", text)

    def _date(self) -> DateEdit:
        edit = DateEdit(self)
        edit.setCalendarPopup(True)
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(self.tr("Any date"))
        edit.setDisplayFormat("d MMM yyyy")
        edit.setDate(NO_DATE)
        return edit

    def _identifiers_toggled(self, on: bool) -> None:
        if on:
            self.warning.show_message(
                "wait",
                self.tr(
                    "The files will hold names and dates of birth in plain text. Keep them on "
                    "encrypted storage, share them with nobody who doesn't need them, and "
                    "delete them when the analysis is done. The export is recorded."
                ),
            )
        else:
            self.warning.clear()

    def choose_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path = QFileDialog.getExistingDirectory(self, self.tr("Export to"), self.folder.text())
        if path:
            self.folder.setText(path)

    def request(self) -> tuple[ExportRequest | None, dict[str, str]]:
        errors: dict[str, str] = {}
        text = self.folder.text().strip()
        out = Path(text).expanduser() if text else None
        if out is None:
            errors["folder"] = self.tr("Choose a folder for the files.")
        elif out.exists() and not out.is_dir():
            errors["folder"] = self.tr("That is a file, not a folder: choose a folder.")

        def day(edit: DateEdit) -> date | None:
            d = edit.date()
            return None if d == NO_DATE else d.toPython()  # type: ignore[return-value]

        start, end = day(self.date_from), day(self.date_to)
        if start and end and start > end:
            errors["to"] = self.tr("This date is before 'Saved from': no record can match.")
        if errors or out is None:
            return None, errors
        flt = ExportFilter(
            self.sites.chosen(), self.waves.chosen(), self.forms.chosen(), start, end
        )
        fmt = ExportFormat(self.format.value())
        return ExportRequest(fmt, out, flt, self.identifiers.isChecked()), {}

    def submit(self) -> None:
        request, errors = self.request()
        self.show_errors(errors)
        if request is None:
            return
        self.report.hide()
        self.notice.clear()
        self._out = request.out_dir
        self._close_when_stopped = False
        self._hook = ProgressHook(self._relay.step)
        self.stop_button.setEnabled(True)
        self.run(
            export_from,
            self.origin.source,
            request,
            self._hook,
            busy_text=self.tr("Exporting…"),
            on_done=self._done,
        )
        self.stop_button.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def exporting(self) -> bool:
        return self._hook is not None

    def cancel_export(self) -> None:
        """Asks the export to stop; it removes its files and `failed(Cancelled)` follows."""
        if self._hook is None or self._hook.cancelled():
            return
        self._hook.cancel()
        self.stop_button.setEnabled(False)
        self.busy.set_progress(
            self.busy.fraction(), self.tr("Cancelling… removing the files written so far.")
        )

    def _stepped(self, done: int, total: int, what: str, name: str) -> None:
        """GUI thread: one progress step of the running export, in words and on the bar."""
        if self._hook is None or self._hook.cancelled():
            return
        number = QLocale().toString
        if what == ExportPhase.READING:
            if total > 0:
                text = self.tr("Reading records… {done} of {total}").format(
                    done=number(done), total=number(total)
                )
            else:
                text = self.tr("Reading records…")
        elif what == ExportPhase.BUILDING:
            text = self.tr("Preparing the {table} table…").format(table=name)
        elif what == ExportPhase.CODEBOOK:
            text = self.tr("Writing the codebook ({file})…").format(file=name)
        else:
            text = self.tr("Writing {file}…").format(file=name)
        fraction = overall(what, done, total)
        if fraction is not None:
            text += " · " + self.tr("{percent}%").format(percent=round(fraction * 100))
        self.busy.set_progress(fraction, text)

    def failed(self, exc: BaseException) -> None:
        self._hook = None
        if isinstance(exc, Cancelled):
            text = self.tr("Export cancelled; no files were left in {folder}.")
            self.notice.show_message("info", text.format(folder=self._out))
            if self._close_when_stopped:
                super().reject()
            else:
                self.export_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        super().failed(exc)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.exporting:
            self.cancel_export()  # Escape stops the export; a second Escape closes after
            event.accept()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        """Close (button, window, Escape when idle): while exporting, cancels the export and
        closes once it has stopped and removed its files."""
        if self.exporting:
            self._close_when_stopped = True
            self.cancel_export()
            return
        super().reject()

    def discard(self) -> None:
        if self._hook is not None:
            self._hook.cancel()
        super().discard()

    def _done(self, result: ExportResult) -> None:
        self._hook = None
        self.result = result
        self.withdrawn_left_out = result.withdrawn_left_out
        tables = sum(1 for _ in result.rows)
        text = self.tr("{files} files written to {folder} · {records} records in {tables} tables.")
        text = text.format(
            files=len(result.files),
            folder=result.files[0].parent if result.files else "",
            records=result.records,
            tables=tables,
        )
        if result.withdrawn_left_out and self.origin.central:
            text += "\n" + self.tr(
                "Left out: %n record(s) of participants who withdrew (counted in the central "
                "store's audit log).",
                "",
                result.withdrawn_left_out,
            )
        elif result.withdrawn_left_out:
            text += "\n" + self.tr(
                "Left out: %n record(s) of participants who withdrew.",
                "",
                result.withdrawn_left_out,
            )
        for warning in result.warnings:
            text += "\n" + self.tr("Note: {w}.").format(w=warning.rstrip("."))
        self.report.setText(text)
        self.report.show()
        self.notice.show_message("success", self.tr("Export finished."))
        self.exported.emit(result)
        if self._close_when_stopped:  # Close was asked for but the export finished first
            super().reject()
