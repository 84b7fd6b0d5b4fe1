"""Supervisor tools, Consent forms: a participant's signed consent (the e-consent PDF signed
on screen, or the scan of the signed paper form) opened from the central store, in memory
only, to read, print or save a copy (`sylcollect central consent-pdf` in the app).

The reading runs on the page's central worker and is audited there (`export`); printing and
saving a copy are audited too. Nothing is written to disk unless the supervisor saves a copy;
the document is dropped when the study home closes or the workspace locks.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap, QResizeEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sylcollect.storage.workspace import UnlockedWorkspace
from ui.pages.supervisor_data import (
    NO_DOCUMENT,
    UNKNOWN,
    WITHDRAWN,
    ConsentChoice,
    SignedConsent,
    signed_consent,
)
from ui.pdfview import DocumentFrame, PdfView
from ui.printing import PdfAudit, draw_fitted, new_printer, show_print_dialog
from ui.widgets.basics import BusyRow, Notice, label

Run = Callable[..., Any]  # SupervisorPage.run: fn(connection, *args) on the central worker
Store = Callable[[], UnlockedWorkspace | None]  # the open central store, if any
SUFFIX = {"image/png": ".png", "image/jpeg": ".jpg", "image/tiff": ".tif"}


class ImageView(DocumentFrame):
    """A scanned consent form (PNG, JPEG or TIFF bytes) scaled to the width, with Print… and
    Save a copy… (both audited). GUI thread; the save and the audit go through `run`."""

    def __init__(self, run: Run, parent: QWidget | None = None) -> None:
        super().__init__(None, run, parent)
        self._image: QImage | None = None
        self._name = "scan"
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(8)
        row = QHBoxLayout()
        row.addStretch(1)
        for b in self._print_save_buttons(self.tr("Save a copy…")):
            b.setAutoDefault(False)
            row.addWidget(b)
        col.addLayout(row)
        self.notice = Notice(self)
        col.addWidget(self.notice)
        self._scroll_area("scanView", self.tr("Scanned consent form"))
        self.picture = QLabel(self.scroll)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroll.setWidget(self.picture)
        col.addWidget(self.scroll, 1)
        self.clear()

    def set_image(
        self, data: bytes, file_name: str, audit: PdfAudit, ws: UnlockedWorkspace
    ) -> bool:
        """Shows the scan; False (and Save a copy… only) when Qt can't decode it."""
        self.clear()
        self._ws = ws
        self._data, self._name, self._audit = data, file_name, audit
        image = QImage.fromData(data)
        self.save_button.setEnabled(True)
        if image.isNull():
            self.picture.setText(
                self.tr(
                    "This scan can't be shown here. Save a copy and open it in another program."
                )
            )
            return False
        self._image = image
        self.print_button.setEnabled(True)
        self._render()
        return True

    def clear(self) -> None:
        """Drops the scan (used when the study home closes or the workspace locks)."""
        self._close_print_dialog()
        self._data = self._image = self._audit = None
        self._ws = None
        self.picture.clear()
        self.notice.clear()
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)

    def _render(self) -> None:
        if self._image is None:
            return
        room = max(200, self.scroll.viewport().width() - 24)
        ratio = self.devicePixelRatioF()
        scaled = self._image.scaledToWidth(
            int(min(room, self._image.width()) * ratio), Qt.TransformationMode.SmoothTransformation
        )
        pixmap = QPixmap.fromImage(scaled)
        pixmap.setDevicePixelRatio(ratio)
        self.picture.setPixmap(pixmap)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != self.width():
            self._render()

    def print_(self) -> None:
        if self._image is None:
            return
        printer = new_printer()
        # no page range (one page), unlike a PDF's dialog
        self.print_dialog = show_print_dialog(self, printer, lambda: self.print_to(printer))

    def print_to(self, printer: QPrinter) -> None:
        """Paints the scan on one page, scaled to fit; audited. A printer that can't be
        started is said in the notice (not raised)."""
        if self._image is None:
            return
        painter = QPainter()
        if not painter.begin(printer):
            self.notice.show_message("error", self.tr("The printer could not be started."))
            return
        try:
            draw_fitted(painter, self._image)
        finally:
            painter.end()
        self.notice.show_message("success", self.tr("Sent the scan to the printer."))
        self._audit_printed(1)

    def _save_dialog(self) -> tuple[str, str]:
        return self.tr("Save a copy"), ""  # any file type; the name keeps the scan's suffix

    def _saved_text(self, path: Path) -> str:
        return self.tr(
            "Saved to {path}. It holds personal data: keep it safe and delete it when done."
        ).format(path=path)


class ConsentPanel(QWidget):
    """Type or pick a participant's code, open their signed consent from the central store.
    GUI thread; the reading runs through `run` on the central worker."""

    def __init__(self, run: Run, tasks_run: Run, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self._run, self._tasks_run, self._store = run, tasks_run, store
        self._generation = 0  # a reading that comes back after a clear() is dropped
        col = QVBoxLayout(self)
        col.setContentsMargins(8, 12, 8, 8)
        col.setSpacing(8)
        self.code = QLineEdit(self)
        self.code.setObjectName("consentCode")
        self.code.setPlaceholderText(self.tr("For example DH-001"))
        self.code.setMinimumWidth(240)
        self.code.setAccessibleDescription(
            self.tr("Type a participant code, or pick one from the list as you type.")
        )
        self.codes = QStringListModel(self)
        self.completer = QCompleter(self.codes, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.code.setCompleter(self.completer)
        self.code.returnPressed.connect(self.open_consent)
        code_label = label(self.tr("Participant code"), wrap=False, parent=self)
        code_label.setBuddy(self.code)
        self.open_button = QPushButton(self.tr("Open signed consent"), self)
        self.open_button.setProperty("primary", True)
        self.open_button.setAutoDefault(False)
        self.open_button.setMinimumHeight(36)
        self.open_button.clicked.connect(self.open_consent)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(code_label)
        row.addWidget(self.code)
        row.addWidget(self.open_button)
        row.addStretch(1)
        col.addLayout(row)
        col.addWidget(
            label(
                self.tr(
                    "Opens the signed e-consent or the scan of the signed paper form. Opening, "
                    "printing and saving are recorded in the audit log; nothing is saved unless "
                    "you save a copy."
                ),
                "caption",
                parent=self,
            )
        )
        self.busy = BusyRow(self)
        self.notice = Notice(self)
        self.about = label("", "subtitle", parent=self)
        self.about.hide()
        for w in (self.busy, self.notice, self.about):
            col.addWidget(w)
        col.addWidget(self._choice_row())
        self.stack = QStackedWidget(self)
        self.view = PdfView(None, tasks_run, self.stack)
        self.view.empty.setText(self.tr("Type a participant's code and press Open signed consent."))
        self.image = ImageView(tasks_run, self.stack)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.image)
        col.addWidget(self.stack, 1)

    def _choice_row(self) -> QWidget:
        """'Signed consents: [date · whose · how ▾]', shown when there is more than one."""
        self.choice_box = QWidget(self)
        row = QHBoxLayout(self.choice_box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        self.choice = QComboBox(self.choice_box)
        self.choice.setObjectName("consentChoice")
        self.choice.setMinimumHeight(36)
        self.choice.setAccessibleDescription(
            self.tr("This participant has more than one signed consent: choose which to open.")
        )
        self.choice.activated.connect(self._choose)
        caption = label(self.tr("Signed consents"), wrap=False, parent=self.choice_box)
        caption.setBuddy(self.choice)
        row.addWidget(caption)
        row.addWidget(self.choice, 1)
        row.addStretch(1)
        self.choice_box.hide()
        self._choices: tuple[ConsentChoice, ...] = ()
        self._shown_code = ""
        return self.choice_box

    def _kind(self, method: str) -> str:
        return (
            self.tr("scan of the signed paper form")
            if method == "paper"
            else self.tr("signed on screen")
        )

    def _whose(self, who: str) -> str:
        return {
            "self": self.tr("their own consent"),
            "assent_parent": self.tr("assent, with a parent's or carer's consent"),
            "assent_la": self.tr("assent, with the local authority's consent"),
        }.get(who, who)

    def _set_choices(self, found: SignedConsent) -> None:
        self._choices, self._shown_code = found.choices, found.code
        self.choice.clear()
        for c in found.choices:
            self.choice.addItem(
                self.tr("Given on {date} · {whose} · {kind}").format(
                    date=c.given_on, whose=self._whose(c.who), kind=self._kind(c.method)
                )
            )
        uuids = [c.consent_uuid for c in found.choices]
        if found.consent_uuid in uuids:
            self.choice.setCurrentIndex(uuids.index(found.consent_uuid))
        self.choice_box.setVisible(len(found.choices) > 1)

    def _choose(self, index: int) -> None:
        if 0 <= index < len(self._choices) and self._shown_code:
            self._open(self._shown_code, self._choices[index].consent_uuid)

    def set_codes(self, codes: tuple[str, ...]) -> None:
        self.codes.setStringList(list(codes))

    def open_consent(self) -> None:
        typed = self.code.text().strip()
        if self._store() is None:
            self.notice.show_message(
                "error",
                self.tr("The central store is not open: press Open study home… first."),
            )
            return
        if not typed:
            self.notice.show_message("error", self.tr("Type a participant's code."))
            self.code.setFocus()
            return
        self._open(typed, None)

    def _open(self, typed: str, consent_uuid: str | None) -> None:
        self._drop_document()
        self.notice.clear()
        self.busy.start(self.tr("Opening the signed consent of {code}…").format(code=typed))
        self.open_button.setEnabled(False)
        self.choice.setEnabled(False)
        generation = self._generation
        self._run(
            signed_consent,
            typed,
            consent_uuid,
            on_done=lambda found: self._opened(found, generation),
            on_error=lambda text: self._failed(text, generation),
        )

    def _opened(self, found: SignedConsent, generation: int) -> None:
        if generation != self._generation:
            return
        self.busy.stop()
        self.open_button.setEnabled(True)
        self.choice.setEnabled(True)
        store = self._store()
        if found.status == UNKNOWN or store is None:
            self._say(
                self.tr(
                    "There is no participant with code {code} in the central store. Check the "
                    "code; if they joined recently, import the laptops' bundles first."
                ).format(code=found.code)
            )
        elif found.status == WITHDRAWN:
            self._say(
                self.tr(
                    "{code} withdrew from the study. Their signed consent was destroyed with "
                    "the rest of their data, so there is nothing to open."
                ).format(code=found.code)
            )
        elif found.status == NO_DOCUMENT:
            self._say(
                self.tr(
                    "No signed document for {code}. Their consent was recorded without a "
                    "signed document (no on-screen signature or scan came with it)."
                ).format(code=found.code)
            )
        else:
            self._show(found, store)

    def _say(self, text: str) -> None:
        self.notice.show_message("info", text)
        self.code.setFocus()
        self.code.selectAll()

    def _show(self, found: SignedConsent, store: UnlockedWorkspace) -> None:
        audit = PdfAudit(
            "consent",
            found.participant_uuid,
            {"document": "signed consent", "consent_uuid": found.consent_uuid},
        )
        self.about.setText(
            self.tr("Consent of {code}, given on {date} · {kind}").format(
                code=found.code, date=found.given_on, kind=self._kind(found.method)
            )
        )
        self.about.show()
        self._set_choices(found)
        name = f"signed-consent-{found.code}"
        if found.is_pdf:
            self.view.set_workspace(store)
            try:
                self.view.set_pdf(found.data, name + ".pdf", audit)
            except Exception:  # pdfium refuses damaged bytes
                self.view.clear()
                self.notice.show_message(
                    "error",
                    self.tr("The signed document of {code} is damaged and can't be shown.").format(
                        code=found.code
                    ),
                )
                return
            self.stack.setCurrentWidget(self.view)
            self.view.scroll.setFocus()
        else:
            suffix = SUFFIX.get(found.media_type, "")
            self.image.set_image(found.data, name + suffix, audit, store)
            self.stack.setCurrentWidget(self.image)
            self.image.scroll.setFocus()

    def _failed(self, text: str, generation: int) -> None:
        if generation != self._generation:
            return
        self.busy.stop()
        self.open_button.setEnabled(True)
        self.choice.setEnabled(True)
        self.notice.show_message("error", text)

    def _drop_document(self) -> None:
        self.view.forget_workspace()
        self.image.clear()
        self.about.clear()
        self.about.hide()
        self.choice_box.hide()
        self.stack.setCurrentWidget(self.view)

    @property
    def document(self) -> bytes | None:
        """The bytes on screen, if any (for tests: gone after clear())."""
        return self.view.data or self.image.data

    def clear(self) -> None:
        """Drops the document, its pages and the codes (study home closed, or lock)."""
        self._generation += 1
        self._drop_document()
        self.codes.setStringList([])
        self.code.clear()
        self.notice.clear()
        self.busy.stop()
        self.open_button.setEnabled(True)
        self.choice.setEnabled(True)
        self.choice.clear()
        self._choices, self._shown_code = (), ""
