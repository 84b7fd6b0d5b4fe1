"""Supervisor tools, Import: pick bundle files or a folder (or watch it), import them one
by one with a percentage and Cancel, and the report (new, updated, duplicates, conflicts,
held, refused with reasons)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.models.imports import ImportOutcome, ImportsModel
from ui.pages.supervisor_data import bundle_files, import_one
from ui.widgets.basics import label

KEY_FOLDER = "supervisor/importFolder"
Run = Callable[..., None]  # run(fn, *args, on_done=...): on the central worker, with the connection


class ImportPanel(QWidget):
    """Imports files one task at a time so Cancel stops between files. GUI thread."""

    finished = Signal(object)  # Tally

    def __init__(self, run: Run, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._run = run
        self._settings = settings
        self.queue: list[Path] = []
        self.total = 0
        self.done = 0
        self.cancelled = False
        self.tried: set[str] = set()  # refused files stay in the folder: don't retry each tick

        col = QVBoxLayout(self)
        col.setContentsMargins(0, 12, 0, 0)
        col.setSpacing(8)
        row = QHBoxLayout()
        self.files_button = QPushButton(self.tr("Choose bundles…"), self)
        self.folder_button = QPushButton(self.tr("Import a folder…"), self)
        self.watch_box = QCheckBox(self.tr("Import new bundles from the folder as they arrive"))
        self.watch_box.setToolTip(self.tr("Watches the last folder imported"))
        for b in (self.files_button, self.folder_button):
            b.setAutoDefault(False)
            row.addWidget(b)
        row.addWidget(self.watch_box)
        row.addStretch(1)
        col.addLayout(row)
        self.folder_label = label("", "caption")
        col.addWidget(self.folder_label)

        self.progress_row = QWidget(self)
        prow = QHBoxLayout(self.progress_row)
        prow.setContentsMargins(0, 0, 0, 0)
        self.progress = QProgressBar(self.progress_row)
        self.progress.setRange(0, 100)
        self.progress.setFormat("%p%")
        self.progress.setAccessibleName(self.tr("Import progress"))
        self.progress_text = label("", "muted")
        self.cancel_button = QPushButton(self.tr("Cancel"), self.progress_row)
        self.cancel_button.setAccessibleName(self.tr("Cancel the import"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.cancel)
        prow.addWidget(self.progress_text)
        prow.addWidget(self.progress, 1)
        prow.addWidget(self.cancel_button)
        self.progress_row.hide()
        col.addWidget(self.progress_row)

        srow = QHBoxLayout()
        self.summary = label("", "subtitle")
        self.summary.setObjectName("importSummary")
        self.view_button = QPushButton(self.tr("View"), self)
        self.view_button.setAccessibleName(self.tr("View what needs attention"))
        self.view_button.setAutoDefault(False)
        self.view_button.clicked.connect(self.view_attention)
        self.view_button.hide()
        srow.addWidget(self.summary)
        srow.addWidget(self.view_button)
        srow.addStretch(1)
        col.addLayout(srow)
        self.details = label("", "muted")
        col.addWidget(self.details)

        self.model = ImportsModel(self)
        self.table = QTableView(self)
        self.table.setTabKeyNavigation(False)  # one tab stop; arrows move inside
        self.table.setObjectName("importReport")
        self.table.setAccessibleName(self.tr("Import report"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(ImportsModel.NOTES, QHeaderView.ResizeMode.Stretch)
        head.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        col.addWidget(self.table, 1)

        self.watcher = QFileSystemWatcher(self)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(2000)  # let a copy finish before looking
        self.debounce.timeout.connect(self.import_new_in_folder)
        self.watcher.directoryChanged.connect(lambda _p: self.debounce.start())
        self.files_button.clicked.connect(self.choose_files)
        self.folder_button.clicked.connect(self.choose_folder)
        self.watch_box.toggled.connect(self.set_watching)
        self._show_folder()

    # --- choosing ---------------------------------------------------------------------
    @property
    def folder(self) -> str:
        return str(self._settings.value(KEY_FOLDER, "") or "")

    def _show_folder(self) -> None:
        self.folder_label.setText(
            self.tr("Folder: {f}").format(f=self.folder) if self.folder else ""
        )
        self.watch_box.setToolTip(
            self.tr("Watches {f}").format(f=self.folder)
            if self.folder
            else self.tr("Asks for the folder to watch")
        )

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Bundles to import"), self.folder, self.tr("Bundles (*.sylb)")
        )
        if files:
            self.start([Path(f) for f in files])

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder of bundles"), self.folder)
        if folder:
            self.import_folder(Path(folder))

    def import_folder(self, folder: Path) -> None:
        self._settings.setValue(KEY_FOLDER, str(folder))
        self._show_folder()
        if self.watch_box.isChecked():
            self.set_watching(True)
        self.start([folder])

    def set_watching(self, on: bool) -> None:
        if on and not self.folder:
            folder = QFileDialog.getExistingDirectory(self, self.tr("Folder to watch"))
            if not folder:
                self.watch_box.setChecked(False)
                return
            self._settings.setValue(KEY_FOLDER, folder)
            self._show_folder()
        if self.watcher.directories():
            self.watcher.removePaths(self.watcher.directories())
        if on and self.folder and Path(self.folder).is_dir():
            self.watcher.addPath(self.folder)
            self.import_new_in_folder()

    def import_new_in_folder(self) -> None:
        if not self.folder or self.queue:
            return
        new = [p for p in bundle_files([Path(self.folder)]) if str(p) not in self.tried]
        if new:
            self.start(new, fresh=False)

    # --- importing --------------------------------------------------------------------
    @property
    def importing(self) -> bool:
        return bool(self.queue) or self.progress_row.isVisible()

    def start(self, paths: Sequence[Path], *, fresh: bool = True) -> None:
        files = bundle_files(list(paths))
        if not files:
            self.summary.setText(self.tr("No bundles (.sylb files) there."))
            self.view_button.hide()
            return
        if self.queue:  # an import is running: add to it
            self.queue.extend(files)
            self.total += len(files)
            return
        if fresh:
            self.model.clear()
        self.queue = list(files)
        self.total, self.done, self.cancelled = len(files), 0, False
        self.summary.setText("")
        self.details.setText("")
        self.view_button.hide()
        self.progress_row.show()
        self._progress()
        self._next()

    def _progress(self) -> None:
        pct = round(100 * self.done / self.total) if self.total else 100
        self.progress.setValue(pct)
        self.progress_text.setText(
            self.tr("Importing {n} of {total}").format(
                n=min(self.done + 1, self.total), total=self.total
            )
        )

    def _next(self) -> None:
        if self.cancelled or not self.queue:
            self._finish()
            return
        path = self.queue.pop(0)
        self.tried.add(str(path))
        self._run(import_one, path, on_done=self._one_done, on_error=self._one_failed(path))

    def _one_failed(self, path: Path) -> Callable[[str], None]:
        def failed(text: str) -> None:
            self._one_done(ImportOutcome(path.name, "refused", code="error", reason=text))

        return failed

    def _one_done(self, outcome: ImportOutcome) -> None:
        self.done += 1
        self.model.add([outcome])
        self._progress()
        self._next()

    def cancel(self) -> None:
        self.cancelled = True
        self.progress_text.setText(self.tr("Stopping after this bundle…"))

    def add_outcomes(self, outcomes: Sequence[ImportOutcome]) -> None:
        """Shows results imported elsewhere (held bundles after an approval)."""
        self.model.clear()
        self.model.add(outcomes)
        self._summarise(stopped=False)

    def _finish(self) -> None:
        stopped = self.cancelled and bool(self.queue)
        self.queue = []
        self.progress_row.hide()
        self._summarise(stopped)

    def _summarise(self, stopped: bool) -> None:
        tally = self.model.tally()
        text = tally.summary()
        if stopped:
            text = self.tr("Stopped after {n} of {total}").format(n=self.done, total=self.total) + (
                " · " + text
            )
        self.summary.setText(text)
        self.details.setText(tally.details())
        self.view_button.setVisible(tally.attention > 0)
        self.finished.emit(tally)

    def view_attention(self) -> None:
        row = self.model.first_attention()
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        self.table.setFocus()

    def clear(self) -> None:
        self.queue = []
        self.cancelled = True
        self.set_watching(False)
        self.progress_row.hide()
        self.model.clear()
        self.summary.setText("")
        self.details.setText("")
        self.view_button.hide()
        self.tried.clear()
