"""The first-run wizard: study package or demo → first user → recovery key → the dashboard.

A stacked page flow in the app's card style (not QWizard: its button bar and watermark
don't follow the app's tokens). Decisions and work live in ui/windows/setup.py; this class
moves between pages, runs that work on the TaskRunner and shows its outcome.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QFileDialog, QStackedWidget, QVBoxLayout, QWidget

from sylcollect.storage.workspace import Workspace
from ui import messages
from ui.tasks import TaskRunner
from ui.windows import setup
from ui.windows.first_run_pages import ChoosePage, KeyPage, PackagePage, UserPage
from ui.windows.setup import PackageInfo, SetupDone, SetupPlan, Source

CHOOSE, PACKAGE, USER, KEY = range(4)


def _ask_package(parent: QWidget) -> str:
    path, _filter = QFileDialog.getOpenFileName(
        parent,
        parent.tr("Choose the study package"),
        str(Path.home()),
        parent.tr("Study packages (*.sylpkg);;All files (*)"),
    )
    return path


def _ask_save_path(parent: QWidget) -> str:
    path, _filter = QFileDialog.getSaveFileName(
        parent,
        parent.tr("Save the recovery sheet"),
        str(Path.home() / "SYL-Collect-recovery-sheet.pdf"),
        parent.tr("PDF files (*.pdf)"),
    )
    return path


def ask_printer(parent: QWidget) -> Any:
    """The system's print dialog; the chosen QPrinter, or None if cancelled."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(False)
    printer.setDocName("SYL Collect")  # generic: the spool queue shows nothing more
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(parent.tr("Print the recovery sheet"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


class FirstRunWizard(QDialog):
    """Sets up the laptop; emits `completed(UnlockedWorkspace)` signed in. GUI thread only.

    `open_existing(Path)` asks for the unlock window instead (the demo was set up before).
    The dialogs for files and printing are attributes so tests can answer them.
    """

    completed = Signal(object)
    open_existing = Signal(object)

    def __init__(
        self,
        data_dir: Path,
        tasks: TaskRunner,
        *,
        demo_dir: Path | None = None,
        demo: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunWizard")
        self.setWindowTitle(self.tr("SYL Collect"))
        self.setWindowFlags(Qt.WindowType.Window)
        self.data_dir = data_dir
        self.demo_dir = demo_dir or data_dir
        self._tasks = tasks
        self._package: PackageInfo | None = None
        self._done: SetupDone | None = None
        self._busy = False
        self._close_warned = False
        self.ask_package: Callable[[QWidget], str] = _ask_package
        self.ask_save_path: Callable[[QWidget], str] = _ask_save_path
        self.ask_printer: Callable[[QWidget], Any] = ask_printer

        self.choose = ChoosePage(self)
        self.package = PackagePage(self)
        self.user = UserPage(self)
        self.key = KeyPage(self)
        self.stack = QStackedWidget(self)
        for page in (self.choose, self.package, self.user, self.key):
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._wire()
        (self.choose.demo if demo else self.choose.package).setChecked(True)
        self.resize(760, 800)
        self._go(CHOOSE)

    def _wire(self) -> None:
        c, p, u, k = self.choose, self.package, self.user, self.key
        c.quit_button.clicked.connect(self.reject)
        c.next_button.clicked.connect(self.choose_next)
        p.browse_button.clicked.connect(self.browse)
        p.path.returnPressed.connect(lambda: self.read_package(p.path.text()))
        p.path.textEdited.connect(lambda _t: self._forget_package())
        p.back_button.clicked.connect(lambda: self._go(CHOOSE))
        p.next_button.clicked.connect(self.package_next)
        p.matches.toggled.connect(lambda _c: p.error.clear())
        u.back_button.clicked.connect(self.user_back)
        u.setup_button.clicked.connect(self.attempt_setup)
        u.confirm.returnPressed.connect(self.attempt_setup)
        k.print_button.clicked.connect(self.print_sheet)
        k.save_button.clicked.connect(self.save_sheet)
        k.finish_button.clicked.connect(self.finish)

    @property
    def source(self) -> Source:
        return Source.DEMO if self.choose.demo.isChecked() else Source.PACKAGE

    def _go(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        defaults = {
            CHOOSE: (self.choose.next_button, self.choose.group.checkedButton()),
            PACKAGE: (self.package.next_button, self.package.browse_button),
            USER: (self.user.setup_button, self.user.user),
            KEY: (self.key.finish_button, self.key.print_button),
        }
        default, focus = defaults[index]
        default.setDefault(True)
        (focus or default).setFocus()

    # --- step 1: where the study comes from ---------------------------------------------
    def choose_next(self) -> None:
        if self.source is Source.DEMO:
            if Workspace.exists(self.demo_dir):
                self.open_existing.emit(self.demo_dir)
                return
            self.user.study.setText(self.tr("Study: the demo study (made up, for practice)"))
            self._go(USER)
        else:
            self._go(PACKAGE)

    # --- step 2: the package and its fingerprint ----------------------------------------
    def browse(self) -> None:
        path = self.ask_package(self)
        if path:
            self.package.path.setText(path)
            self.read_package(path)

    def _forget_package(self) -> None:
        self._package = None
        self.package.show_package(None)
        self.package.error.clear()

    def read_package(self, path_text: str) -> None:
        if self._busy:
            return
        self._forget_package()
        problem = setup.package_problem(path_text)
        if problem is not None:
            self.package.error.show_message("error", problem)
            self.package.path.setFocus()
            return
        self._set_busy(True)
        self.package.busy.start(self.tr("Checking the package's signature…"))
        self._tasks.run(
            setup.inspect_package,
            Path(path_text).expanduser(),
            on_done=self._package_read,
            on_error=self._package_failed,
            context=self,
        )

    def _package_read(self, info: PackageInfo) -> None:
        self._set_busy(False)
        self.package.busy.stop()
        self._package = info
        text = self.tr("{name} · study {id} · package version {v}").format(
            name=info.study_name, id=info.study_id, v=info.version
        )
        self.package.show_package(text, setup.fingerprint_for_reading(info.fingerprint))
        self.package.matches.setFocus()

    def _package_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.package.busy.stop()
        self.package.error.show_message(
            "error",
            self.tr("This file can't be used as a study package. {why}").format(
                why=messages.message_for(exc, messages.SETUP)
            ),
        )
        self.package.browse_button.setFocus()

    def package_next(self) -> None:
        p = self.package
        if self._package is None:
            if p.path.text().strip() and setup.package_problem(p.path.text()) is None:
                self.read_package(p.path.text())
                return
            p.error.show_message("error", self.tr("Choose the study package file first."))
            p.browse_button.setFocus()
        elif not p.matches.isChecked():
            p.error.show_message(
                "error",
                self.tr("Compare the fingerprint, then tick that it matches. If it doesn't, stop."),
            )
            p.matches.setFocus()
        else:
            self.user.study.setText(self.tr("Study: {name}").format(name=self._package.study_name))
            self._go(USER)

    # --- step 3: the first user -----------------------------------------------------------
    def user_back(self) -> None:
        self.user.clear_passwords()
        self._go(PACKAGE if self.source is Source.PACKAGE else CHOOSE)

    def attempt_setup(self) -> None:
        if self._busy:
            return
        u = self.user
        problem = setup.user_problem(u.user.text())
        if problem is not None:
            u.error.show_message("error", problem)
            u.user.setFocus()
            return
        problem = setup.password_problem(u.password.text(), u.confirm.text())
        if problem is not None:
            if not u.meter.acceptable:
                u.error.show_message(
                    "error", self.tr("Choose a stronger password: ") + u.meter.text()
                )
                u.password.setFocus()
            else:
                u.error.show_message("error", problem)
                u.confirm.setFocus()
            return
        demo = self.source is Source.DEMO
        plan = SetupPlan(
            source=self.source,
            data_dir=self.demo_dir if demo else self.data_dir,
            user=u.user.text().strip(),
            password=u.password.text(),
            package=None if demo else self._package,
        )
        self._set_busy(True)
        u.set_busy(True)
        self._tasks.run(
            setup.run_setup, plan, on_done=self._set_up, on_error=self._setup_failed, context=self
        )

    def _set_up(self, done: SetupDone) -> None:
        self._set_busy(False)
        self.user.set_busy(False)
        self.user.clear_passwords()
        self._done = done
        self.key.show_key(done.recovery_key, setup.key_for_reading(done.recovery_key))
        self._go(KEY)

    def _setup_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.user.set_busy(False)
        self.user.error.show_message("error", messages.message_for(exc, messages.SETUP))
        self.user.password.setFocus()

    # --- step 4: the recovery key -----------------------------------------------------------
    def print_sheet(self) -> None:
        if self._done is None or self._busy:
            return
        printer = self.ask_printer(self)
        if printer is None:
            return
        self._set_busy(True)
        self.key.set_busy(self.tr("Preparing the recovery sheet…"))

        def printed(pdf: bytes) -> None:
            from ui.printing import PdfPages, print_pages

            self._set_busy(False)
            self.key.set_busy(None)
            pages = PdfPages(pdf)  # rasterised in memory (PDFium), never written to disk
            try:
                print_pages(pages, printer)
            except OSError:
                self.key.notice.show_message(
                    "error", self.tr("The printer could not be started. Check it and try again.")
                )
                return
            finally:
                pages.close()
            self.key.notice.show_message(
                "success", self.tr("The recovery sheet was sent to the printer.")
            )

        self._tasks.run(
            setup.recovery_sheet_pdf,
            self._done,
            on_done=printed,
            on_error=self._sheet_failed,
            context=self,
        )

    def save_sheet(self) -> None:
        if self._done is None or self._busy:
            return
        path = self.ask_save_path(self)
        if not path:
            return
        self._set_busy(True)
        self.key.set_busy(self.tr("Saving the recovery sheet…"))

        def saved(where: Path) -> None:
            self._set_busy(False)
            self.key.set_busy(None)
            self.key.notice.show_message(
                "success",
                self.tr("Saved to {path}. Move it somewhere safe, away from this laptop.").format(
                    path=where
                ),
            )

        self._tasks.run(
            setup.save_recovery_sheet,
            self._done,
            Path(path),
            on_done=saved,
            on_error=self._sheet_failed,
            context=self,
        )

    def _sheet_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.key.set_busy(None)
        self.key.notice.show_message("error", messages.message_for(exc, messages.SETUP))

    def finish(self) -> None:
        if self._busy or self._done is None:
            return
        if not self.key.stored.isChecked():
            self.key.notice.show_message(
                "error", self.tr("Tick “I have stored it safely” once the key is safe.")
            )
            self.key.stored.setFocus()
            return
        done, self._done = self._done, None
        self.key.clear_key()
        self.completed.emit(done.workspace)
        self.accept()

    # --- leaving ------------------------------------------------------------------------------
    def _set_busy(self, busy: bool) -> None:
        self._busy = busy

    @property
    def busy(self) -> bool:
        return self._busy

    def reject(self) -> None:
        """Escape: back from the package page, quit from the first; nothing on the others."""
        if self._busy:
            return
        index = self.stack.currentIndex()
        if index == PACKAGE:
            self._go(CHOOSE)
        elif index == CHOOSE:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._busy:
            event.ignore()
            return
        on_key = self.stack.currentIndex() == KEY
        if on_key and not self.key.stored.isChecked() and not self._close_warned:
            self._close_warned = True
            self.key.notice.show_message(
                "error", self.tr("The key is shown only once. Store it before closing.")
            )
            event.ignore()
            return
        if self._done is not None:
            done, self._done = self._done, None
            self.key.clear_key()
            self._tasks.run(done.workspace.lock)
        event.accept()
        self.done(QDialog.DialogCode.Rejected)
