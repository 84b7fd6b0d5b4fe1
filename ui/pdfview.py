"""A PDF preview from bytes in memory: pages in a scroll view, zoom, page navigation, Print…
and Save as PDF…. No temp file: PDFium rasterises the pages (ui.printing.PdfPages)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QResizeEvent
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sylcollect.storage.workspace import UnlockedWorkspace
from ui import messages, theme
from ui.printing import PdfAudit, PdfPages, audit_print, open_print_dialog, save_pdf
from ui.widgets.basics import Notice, label

SCREEN_DPI = 96.0
ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
FIT_WIDTH = 0.0
Run = Callable[..., Any]  # Services.run / TaskRunner.run: fn, *args, on_done=, on_error=


class DocumentFrame(QWidget):
    """What PdfView and the supervisor's scan view share: the document's bytes and how a
    copy of it is audited, the Print… and Save buttons, the focus-ring scroll area, the
    notice line, and saving a copy / auditing a print through `run` on the worker."""

    saved = Signal(object)  # Path
    printed = Signal(int)
    notice: Notice  # made by the subclass where its layout wants it
    print_button: QPushButton
    save_button: QPushButton
    scroll: QScrollArea

    def __init__(
        self, workspace: UnlockedWorkspace | None, run: Run, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._run = run
        self._data: bytes | None = None
        self._audit: PdfAudit | None = None
        self._name = "document.pdf"
        self.print_dialog: QPrintDialog | None = None

    # --- layout -----------------------------------------------------------------------
    def _print_save_buttons(self, save_text: str) -> tuple[QPushButton, QPushButton]:
        """Print… (Ctrl+P) and the save button (its words from the subclass)."""
        self.print_button = QPushButton(QCoreApplication.translate("PdfView", "Print…"), self)
        self.print_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.print_button.setToolTip(
            QCoreApplication.translate("PdfView", "Print with the system print dialog (Ctrl+P)")
        )
        self.print_button.clicked.connect(self.print_)
        self.save_button = QPushButton(save_text, self)
        self.save_button.setToolTip(
            QCoreApplication.translate(
                "PdfView", "Save a copy where you choose. A copy with personal data is recorded."
            )
        )
        self.save_button.clicked.connect(self.choose_save_path)
        return self.print_button, self.save_button

    def _scroll_area(self, name: str, accessible_name: str) -> QScrollArea:
        """A scroll area that takes the keyboard focus (arrows and Page Up/Down scroll) and
        shows it with a thick ring."""
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName(name)
        self.scroll.setAccessibleName(accessible_name)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.StyledPanel)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        t = theme.current()
        self.scroll.setStyleSheet(
            f"QScrollArea#{name} {{ border: 1px solid {t.border_input}; padding: 2px; }}"
            f" QScrollArea#{name}:focus {{ border: 3px solid {t.focus}; padding: 0px; }}"
        )
        return self.scroll

    # --- document ---------------------------------------------------------------------
    @property
    def data(self) -> bytes | None:
        return self._data

    def _close_print_dialog(self) -> None:
        if self.print_dialog is not None:
            self.print_dialog.reject()
            self.print_dialog = None

    def set_workspace(self, workspace: UnlockedWorkspace | None) -> None:
        """Where saves and print audits go from now on (e.g. a central store just opened)."""
        self._ws = workspace

    # --- print and save ---------------------------------------------------------------
    def print_(self) -> None:
        raise NotImplementedError

    def _audit_printed(self, pages: int) -> None:
        """Records on the worker that `pages` pages with personal data went to a printer."""
        if self._audit is not None and self._ws is not None:
            self._run(
                audit_print, self._ws, self._audit, pages, on_error=self._failed, context=self
            )

    def _save_dialog(self) -> tuple[str, str]:
        """The save dialog's title and file-type filter ("" for any file)."""
        raise NotImplementedError

    def choose_save_path(self) -> None:
        """Asks where to save (the user's documents folder by default, never a temp folder)."""
        if self._data is None:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        title, file_filter = self._save_dialog()
        path, _ = QFileDialog.getSaveFileName(
            self, title, str(Path(folder) / self._name), file_filter
        )
        if path:
            self.save_to(Path(path))

    def _save_path(self, path: Path) -> Path:
        """The path the copy goes to (PdfView adds a missing .pdf)."""
        return path

    def save_to(self, path: Path) -> None:
        """Saves the bytes to `path` on the worker (atomic; audited when they hold personal
        data)."""
        if self._data is None or self._ws is None:
            return
        path = self._save_path(path)
        self.notice.show_message("wait", QCoreApplication.translate("PdfView", "Saving…"))
        self._run(
            save_pdf,
            self._ws,
            path,
            self._data,
            self._audit,
            on_done=self._saved,
            on_error=self._failed,
            context=self,
        )

    def _saved_text(self, path: Path) -> str:
        raise NotImplementedError

    def _saved(self, path: Path) -> None:
        self.notice.show_message("success", self._saved_text(path))
        self.saved.emit(path)

    def _failed(self, exc: BaseException) -> None:
        self.notice.show_message("error", messages.message_for(exc, "save"))


class PdfView(DocumentFrame):
    """Shows one PDF (bytes) with zoom, page navigation, print and save. GUI thread; the save
    and the audit events run through `run` on the worker."""

    def __init__(
        self, workspace: UnlockedWorkspace | None, run: Run, parent: QWidget | None = None
    ) -> None:
        super().__init__(workspace, run, parent)
        self.setObjectName("pdfView")
        self._pages: PdfPages | None = None
        self.page_labels: list[QLabel] = []

        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(8)
        col.addLayout(self._toolbar())
        self.notice = Notice(self)
        col.addWidget(self.notice)
        self._scroll_area("pdfPages", self.tr("Document preview"))
        t = theme.current()
        host = QWidget()
        host.setObjectName("pdfHost")
        host.setStyleSheet(f"#pdfHost {{ background: {t.page}; }}")
        self._column = QVBoxLayout(host)
        self._column.setContentsMargins(16, 16, 16, 16)
        self._column.setSpacing(16)
        self._column.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.empty = label(self.tr("Choose a document and press Preview."), "muted", parent=host)
        self._column.addWidget(self.empty)
        self.scroll.setWidget(host)
        self.scroll.verticalScrollBar().valueChanged.connect(self._scrolled)
        col.addWidget(self.scroll, 1)
        self._set_enabled(False)

    # --- layout -----------------------------------------------------------------------
    def _toolbar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        self.prev_button = QPushButton(self.tr("Previous page"), self)
        self.prev_button.clicked.connect(lambda: self.go_to(self.page_spin.value() - 1))
        self.page_spin = QSpinBox(self)
        self.page_spin.setMinimum(1)
        self.page_spin.setAccessibleName(self.tr("Page number"))
        self.page_spin.valueChanged.connect(self.go_to)
        self.page_total = label("", "muted", wrap=False)
        self.next_button = QPushButton(self.tr("Next page"), self)
        self.next_button.clicked.connect(lambda: self.go_to(self.page_spin.value() + 1))
        self.zoom = QComboBox(self)
        self.zoom.setAccessibleName(self.tr("Zoom"))
        self.zoom.addItem(self.tr("Fit width"), FIT_WIDTH)
        for z in ZOOMS:
            self.zoom.addItem(f"{round(z * 100)}%", z)
        self.zoom.setCurrentIndex(0)
        self.zoom.currentIndexChanged.connect(lambda _i: self._render())
        zoom_label = label(self.tr("Zoom"), "caption", wrap=False)
        zoom_label.setBuddy(self.zoom)
        page_label = label(self.tr("Page"), "caption", wrap=False)
        page_label.setBuddy(self.page_spin)
        self._print_save_buttons(self.tr("Save as PDF…"))
        for w in (self.prev_button, self.next_button, self.print_button, self.save_button):
            w.setAutoDefault(False)
        for w in (page_label, self.prev_button, self.page_spin, self.page_total, self.next_button):
            row.addWidget(w)
        row.addSpacing(16)
        row.addWidget(zoom_label)
        row.addWidget(self.zoom)
        row.addStretch(1)
        row.addWidget(self.print_button)
        row.addWidget(self.save_button)
        return row

    def _set_enabled(self, on: bool) -> None:
        for w in (self.prev_button, self.page_spin, self.next_button, self.zoom):
            w.setVisible(on)
        self.page_total.setVisible(on)
        self.print_button.setEnabled(on)
        self.save_button.setEnabled(on)
        self.print_button.setVisible(on)
        self.save_button.setVisible(on)

    # --- document ---------------------------------------------------------------------
    @property
    def page_count(self) -> int:
        return self._pages.count if self._pages else 0

    def set_pdf(self, data: bytes, file_name: str, audit: PdfAudit | None = None) -> None:
        """Shows `data`; `audit` says how a save or print of it is recorded (None: no
        personal data in it)."""
        self.clear()
        self._data = data
        self._pages = pages = PdfPages(data)
        self.destroyed.connect(lambda *_: pages.close())
        self._audit = audit
        self._name = file_name
        self.empty.hide()
        self.page_spin.blockSignals(True)
        self.page_spin.setMaximum(max(1, self._pages.count))
        self.page_spin.setValue(1)
        self.page_spin.blockSignals(False)
        self.page_total.setText(self.tr("of {n}").format(n=self._pages.count))
        self._set_enabled(True)
        self._render()

    def clear(self) -> None:
        """Drops the document and every rendered page (used when locking)."""
        self._close_print_dialog()
        for lab in self.page_labels:
            lab.deleteLater()
        self.page_labels = []
        if self._pages is not None:
            self._pages.close()
        self._pages = None
        self._data = None
        self._audit = None
        self.notice.clear()
        self.empty.show()
        self._set_enabled(False)

    def scale(self) -> float:
        """Pixels per PDF point at the current zoom."""
        zoom = self.zoom.currentData()
        if zoom == FIT_WIDTH and self._pages is not None and self._pages.count:
            width_pt = self._pages.size_pt(0).width()
            bar = self.scroll.verticalScrollBar()
            room = self.scroll.viewport().width() - 44
            if not bar.isVisible():  # it will be once the pages are in
                room -= bar.sizeHint().width()
            return max(0.3, room / width_pt)
        return float(zoom or 1.0) * SCREEN_DPI / 72.0

    def _render(self) -> None:
        if self._pages is None:
            return
        scale = self.scale()
        ratio = self.devicePixelRatioF()
        for index in range(self._pages.count):
            if index >= len(self.page_labels):
                lab = QLabel(self.scroll.widget())
                lab.setAccessibleName(
                    self.tr("Page {i} of {n}").format(i=index + 1, n=self._pages.count)
                )
                lab.setStyleSheet("background: white; border: 1px solid #6E7681;")
                self._column.addWidget(lab, 0, Qt.AlignmentFlag.AlignHCenter)
                self.page_labels.append(lab)
            pixmap = QPixmap.fromImage(self._pages.image(index, scale * ratio))
            pixmap.setDevicePixelRatio(ratio)
            self.page_labels[index].setPixmap(pixmap)
        self._update_buttons()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.zoom.currentData() == FIT_WIDTH and event.oldSize().width() != self.width():
            self._render()

    # --- navigation -------------------------------------------------------------------
    def go_to(self, page: int) -> None:
        if not self.page_labels:
            return
        page = max(1, min(page, len(self.page_labels)))
        self.scroll.verticalScrollBar().setValue(self.page_labels[page - 1].y() - 8)
        self._show_page(page)

    def current_page(self) -> int:
        return self.page_spin.value()

    def _scrolled(self, value: int) -> None:
        page = 1
        for i, lab in enumerate(self.page_labels, start=1):
            if lab.y() - 24 <= value:
                page = i
        self._show_page(page)

    def _show_page(self, page: int) -> None:
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page)
        self.page_spin.blockSignals(False)
        self._update_buttons()

    def _update_buttons(self) -> None:
        """Says in the tooltips where the buttons lead (they stay enabled: at either end
        they do nothing, rather than greying out and dropping the keyboard focus)."""
        page, count = self.page_spin.value(), self.page_count
        self.prev_button.setToolTip(
            self.tr("Page {i}").format(i=page - 1) if page > 1 else self.tr("This is page 1")
        )
        self.next_button.setToolTip(
            self.tr("Page {i}").format(i=page + 1) if page < count else self.tr("The last page")
        )

    # --- print and save ---------------------------------------------------------------
    def print_(self) -> None:
        if self._pages is None:
            return
        self.print_dialog = open_print_dialog(self, self._pages, self._printed)

    def _printed(self, pages: int) -> None:
        self.notice.show_message(
            "success", self.tr("Sent {n} pages to the printer.").format(n=pages)
        )
        self.printed.emit(pages)
        self._audit_printed(pages)

    def _save_dialog(self) -> tuple[str, str]:
        return self.tr("Save as PDF"), self.tr("PDF documents (*.pdf)")

    def _save_path(self, path: Path) -> Path:
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        return path

    def _saved_text(self, path: Path) -> str:
        text = self.tr("Saved to {path}.").format(path=path)
        if self._audit is not None:
            text += " " + self.tr("It holds personal data: keep it safe and delete it when done.")
        return text

    def forget_workspace(self) -> None:
        self._ws = None
        self.clear()
