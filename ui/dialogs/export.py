"""Export for analysis (supervisors): format, folder, filters, identifiers only when asked
(with a warning; the core audits every export), progress, and a summary at the end."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from sylcollect.export import ExportFilter, ExportFormat, ExportRequest, ExportResult, run_export
from sylcollect.export.source import WorkspaceSource
from sylcollect.storage.workspace import UnlockedWorkspace
from ui.dialogs.consent import ChoiceGroup
from ui.dialogs.form_dialog import FormDialog
from ui.dialogs.observation_widgets import DateEdit
from ui.tasks import TaskRunner
from ui.widgets.basics import Notice, label

NO_DATE = QDate(2000, 1, 1)
FORMATS = (
    (ExportFormat.CSV, "CSV (one file per form)"),
    (ExportFormat.XLSX, "Excel (XLSX)"),
    (ExportFormat.SAV, "SPSS (.sav)"),
    (ExportFormat.DTA, "Stata (.dta)"),
)


def export_to(ws: UnlockedWorkspace, request: ExportRequest) -> ExportResult:
    """Worker thread: the core's exporter over this workspace (it audits the export)."""
    return run_export(WorkspaceSource(ws), request)


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
    """Writes analysis files for the chosen records; emits `exported(ExportResult)`."""

    exported = Signal(object)

    def __init__(
        self, workspace: UnlockedWorkspace, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            self.tr_("Export for analysis"),
            self.tr_(
                "Files for SPSS, Stata, Excel or R, with a codebook. Codes only, no names, "
                "unless you include identifiers."
            ),
            tasks,
            parent,
            width=640,
        )
        self.setObjectName("exportDialog")
        self._ws = workspace
        study = workspace.study
        self.result: ExportResult | None = None
        self.format = ChoiceGroup([(f.value, self.tr(t)) for f, t in FORMATS], self)
        self.format.set_value(ExportFormat.CSV.value)
        self.add_field("format", self.tr("Format"), self.format, group=True)
        self.folder = QLineEdit(self)
        docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        self.folder.setText(str(Path(docs) / "SYL Collect export"))
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
        self.forms = CheckList(forms, self)
        self.add_field("forms", self.tr("Forms"), self.forms, self.tr("None ticked: all forms."))
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
        self.run(export_to, self._ws, request, busy_text=self.tr("Exporting…"), on_done=self._done)

    def _done(self, result: ExportResult) -> None:
        self.result = result
        tables = sum(1 for _ in result.rows)
        text = self.tr("{files} files written to {folder} · {records} records in {tables} tables.")
        text = text.format(
            files=len(result.files),
            folder=result.files[0].parent if result.files else "",
            records=result.records,
            tables=tables,
        )
        for warning in result.warnings:
            text += "\n" + self.tr("Note: {w}.").format(w=warning.rstrip("."))
        self.report.setText(text)
        self.report.show()
        self.notice.show_message("success", self.tr("Export finished."))
        self.exported.emit(result)
