"""Two Settings sections: the language forms open in, and the export target.

The language is a preference (QSettings, never data) that the form filler and the
self-complete screens read when a form opens. The export target goes through the session's
SyncWatch, so the Sync page, the status bar and auto-sync use it at once; an address with a
password in it is used until the lock, never saved.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sylcollect.errors import SylError
from sylcollect.services.records import form_for
from sylcollect.storage.workspace import UnlockedWorkspace
from ui import messages
from ui.nav import Services
from ui.pages.settings_prefs import study_languages
from ui.sync_watch import SyncState, SyncWatch, has_password
from ui.widgets.basics import BusyRow, Notice, card, label


def field(col: QVBoxLayout, text: str, widget: QWidget, hint: str = "") -> None:
    """A label above `widget` (naming it), then its hint, then the widget."""
    lab = label(text)
    lab.setBuddy(widget)
    widget.setAccessibleName(text)
    col.addWidget(lab)
    if hint:
        col.addWidget(label(hint, "caption"))
        widget.setAccessibleDescription(hint)
    col.addWidget(widget)


def form_languages(ws: UnlockedWorkspace) -> list[str]:
    """Worker thread: the languages the study's forms offer, each once."""
    offered = []
    for ref in ws.study.forms:
        try:
            offered.append(form_for(ws, ref.id, ref.version).languages)
        except SylError:
            continue  # a form that doesn't load offers no language (Collect says why)
    return study_languages(offered)


def shown_target(text: str) -> str:
    """The target as safe to show: an address without its user and password."""
    parts = urlsplit(text)
    if "@" not in parts.netloc:
        return text
    return urlunsplit((parts.scheme, parts.netloc.rsplit("@", 1)[1], parts.path, "", ""))


class FormLanguageCard(QFrame):
    """Settings' "Language of forms": the study's forms' languages, the choice kept in Preferences.
    The languages are read once, on the workspace's worker. GUI thread."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._s = services
        _frame, c = card(self.tr("Forms"), self, self)
        self.combo = QComboBox(self)
        self.languages: list[str] | None = None  # None until read from the forms
        self._fill([])
        field(
            c,
            self.tr("Language of forms"),
            self.combo,
            self.tr(
                "Forms open in this language when they have it, otherwise in their own "
                "default. You can still switch while filling one in."
            ),
        )
        self.busy = BusyRow(self)
        self.note = label("", "muted")
        self.note.hide()
        c.addWidget(self.busy)
        c.addWidget(self.note)
        self.combo.currentIndexChanged.connect(
            lambda _i: services.prefs.set_form_language(str(self.combo.currentData()))
        )

    def load(self) -> None:
        """Reads the forms' languages (once)."""
        if self.languages is not None:
            return
        self.languages = []
        self.busy.start(self.tr("Reading the forms' languages…"))
        self._s.run(
            form_languages,
            self._s.workspace,
            on_done=self._read,
            on_error=self._failed,
            context=self,
        )

    def _read(self, languages: list[str]) -> None:
        self.busy.stop()
        self.languages = list(languages)
        self._fill(self.languages)
        if len(self.languages) < 2:
            self.note.setText(self.tr("This study's forms are in one language."))
            self.note.show()

    def _failed(self, exc: BaseException) -> None:
        self.busy.stop()
        self.languages = None  # try again next time the page is shown
        self.note.setText(messages.message_for(exc, "forms"))
        self.note.show()

    def _fill(self, languages: list[str]) -> None:
        """The choices: each form's default, the forms' languages, and the one chosen."""
        chosen = self._s.prefs.form_language
        combo = self.combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("The form's default"), "")
        for lang in languages:
            combo.addItem(lang, lang)
        if chosen and combo.findData(chosen) < 0:
            combo.addItem(chosen, chosen)  # no form offers it now: they open in their default
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        combo.blockSignals(False)


class ExportTargetCard(QFrame):
    """The export target: shows the one in use and sets another through the session's
    SyncWatch (a folder path or an https:// address). GUI thread."""

    def __init__(self, watch: SyncWatch, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.watch = watch
        _frame, c = card(self.tr("Export target"), self, self)
        self.now = label("", "muted")
        c.addWidget(self.now)
        caption = label(self.tr("Export folder or https:// address"))
        self.edit = QLineEdit(self)
        self.edit.setAccessibleName(caption.text())
        self.edit.setPlaceholderText(self.tr("e.g. E:\\SYL or https://files.example.org/syl"))
        hint = self.tr(
            "Where Sync sends the sealed bundles: a USB stick, network share or cloud folder, "
            "or the address the study gave you. An address with a password in it is used "
            "until you lock, never saved."
        )
        self.edit.setAccessibleDescription(hint)
        caption.setBuddy(self.edit)
        self.choose_button = QPushButton(self.tr("Choose folder…"), self)
        self.use_button = QPushButton(self.tr("Use this target"), self)
        row = QHBoxLayout()  # under the box, so it reflows at large text sizes
        row.setSpacing(8)
        for button in (self.choose_button, self.use_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        c.addSpacing(4)
        c.addWidget(caption)
        c.addWidget(label(hint, "caption"))
        c.addWidget(self.edit)
        c.addLayout(row)
        self.notice = Notice(self)
        c.addWidget(self.notice)
        self._shown = ""  # what this card last put in the box (so not typed over)
        self._state(watch.state)
        self.edit.returnPressed.connect(self.use_target)
        self.choose_button.clicked.connect(self.choose_folder)
        self.use_button.clicked.connect(self.use_target)
        watch.state_changed.connect(self._state)

    def _state(self, _state: SyncState) -> None:
        target = self.watch.target
        if not target:
            now = self.tr("No export target yet: Sync sends nothing until you choose one.")
        elif has_password(target):
            now = self.tr("Bundles go to {t}, with a password that is forgotten when you lock.")
        else:
            now = self.tr("Bundles go to {t}.")
        self.now.setText(now.format(t=shown_target(target)))
        if self.edit.text() == self._shown and not self.edit.hasFocus():
            self._shown = "" if has_password(target) else target
            self.edit.setText(self._shown)

    def use_target(self) -> None:
        """Makes the folder or address in the box the export target of this session."""
        text = self.edit.text().strip()
        if not text:
            self.notice.show_message(
                "error", self.tr("Type a folder or an https:// address, or choose a folder.")
            )
            self.edit.setFocus()
            return
        stored = self.watch.set_target(text)
        if stored:
            self._shown = self.edit.text()
            message = self.tr("Saved. Bundles will go to {t}.").format(t=text)
        else:
            self.edit.clear()  # don't leave the password on the screen
            self._shown = ""
            message = self.tr(
                "This address holds a password: it is used until you lock, not saved."
            )
        self.notice.show_message("success" if stored else "info", message)
        self.watch.check_now()

    def ask_folder(self) -> str:
        start = "" if has_password(self.watch.target) else self.watch.target
        return QFileDialog.getExistingDirectory(self, self.tr("Choose the export folder"), start)

    def choose_folder(self) -> None:
        folder = self.ask_folder()
        if folder:
            self.edit.setText(folder)
            self.use_target()

    def clear(self) -> None:
        """On lock: nothing typed stays on screen (it may hold a password)."""
        self.notice.clear()
        self.edit.clear()
        self._shown = ""
        self.now.setText("")
