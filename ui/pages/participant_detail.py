"""One participant: identifying details behind an audited "Show details", consent history,
records by wave with scores and bands, open drafts and alerts; consent, edit, withdraw."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from sylcollect.domain.participant import Identity
from ui import messages
from ui.dialogs.consent import ConsentDialog
from ui.dialogs.form_dialog import FormDialog
from ui.dialogs.participant import ParticipantDialog
from ui.dialogs.withdraw import WithdrawDialog
from ui.models.participants import role_label
from ui.nav import Services
from ui.pages.participant_detail_sections import (
    alerts_card,
    consent_card,
    drafts_card,
    identity_rows,
    records_card,
)
from ui.pages.participants_data import ParticipantDetail, load_detail, reveal_identity
from ui.pages.participants_widgets import keep_focus_visible
from ui.widgets.basics import BusyRow, Notice, PageHeader, label


class ParticipantDetailPage(QWidget):
    """Shows a ParticipantDetail; `clear()` drops everything read. GUI thread."""

    back = Signal()
    changed = Signal()  # something was saved: the list should reload

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("participantDetail")
        self._s = services
        self.code = ""
        self.detail: ParticipantDetail | None = None
        self.identity: Identity | None = None
        self.dialog: FormDialog | None = None
        self._just_withdrawn = ""
        col = QVBoxLayout(self)
        col.setContentsMargins(32, 16, 32, 0)
        self.back_button = QPushButton(self.tr("← All participants"), self)
        self.back_button.setProperty("link", True)
        back_key = QKeySequence(QKeySequence.StandardKey.Back)
        self.back_button.setToolTip(
            self.tr("Back to the list ({key})").format(
                key=back_key.toString(QKeySequence.SequenceFormat.NativeText)
            )
        )
        self.back_button.clicked.connect(self.back)
        QShortcut(back_key, self).activated.connect(self.back)
        col.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.header = PageHeader("", "")
        self.consent_button = QPushButton(self.tr("Record consent"), self)
        self.consent_button.setProperty("primary", True)
        self.edit_button = QPushButton(self.tr("Edit details"), self)
        self.withdraw_button = QPushButton(self.tr("Withdraw…"), self)
        for b in (self.withdraw_button, self.edit_button, self.consent_button):
            self.header.add_action(b)
        col.addWidget(self.header)
        self.busy = BusyRow(self)
        self.notice = Notice(self)
        col.addWidget(self.busy)
        col.addWidget(self.notice)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        keep_focus_visible(self.scroll)
        col.addWidget(self.scroll, 1)
        self.show_button: QPushButton | None = None
        self.consent_button.clicked.connect(self.record_consent)
        self.edit_button.clicked.connect(self.edit)
        self.withdraw_button.clicked.connect(self.withdraw)
        self._set_actions(False)

    # --- loading ----------------------------------------------------------------------
    def load(self, code: str) -> None:
        self._reset()
        self.code = code
        self.header.title.setText(code)
        self.header.title.setAccessibleName(self.tr("Participant {code}").format(code=code))
        self.busy.start(self.tr("Reading {code}…").format(code=code))
        self._s.run(
            load_detail,
            self._s.workspace,
            code,
            on_done=self._loaded,
            on_error=self._failed,
            context=self,
        )

    def reload(self) -> None:
        if self.code:
            identity, code = self.identity, self.code
            self.load(code)
            self.identity = identity  # still shown after a save, no new reveal needed

    def _failed(self, exc: BaseException) -> None:
        self.busy.stop()
        self.notice.show_message("error", messages.message_for(exc, "participant"))

    def _loaded(self, detail: ParticipantDetail) -> None:
        self.busy.stop()
        self.detail = detail
        p = detail.participant
        site = self._s.study.site(p.site_id)
        bits = [site.name if site else p.site_id, role_label(p.role)]
        if p.unit_id and site is not None:
            bits += [u.name for u in site.units if u.id == p.unit_id]
        if p.created_at:
            bits.append(self.tr("enrolled {date}").format(date=p.created_at.date().isoformat()))
        self.header.purpose.setText(" · ".join(bits))
        self._set_actions(not p.withdrawn)
        if p.withdrawn:
            when = p.withdrawn_at.date().isoformat() if p.withdrawn_at else ""
            text = self.tr(
                "Withdrawn on {date}. Everything recorded about them was destroyed; "
                "only the code and the counts remain."
            ).format(date=when)
            kind = "success" if self._just_withdrawn else "info"
            self.notice.show_message(kind, " ".join([self._just_withdrawn, text]).strip())
        self._just_withdrawn = ""
        self._render()

    def _set_actions(self, active: bool) -> None:
        for b in (self.consent_button, self.edit_button, self.withdraw_button):
            b.setVisible(active)

    def _render(self) -> None:
        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.show_button = None
        d = self.detail
        if d is None:
            return
        body = QWidget()
        col = QVBoxLayout(body)
        col.setContentsMargins(0, 4, 0, 24)
        col.setSpacing(16)
        if not d.participant.withdrawn:
            col.addWidget(self._identity_card())
            col.addWidget(alerts_card(d))
            col.addWidget(consent_card(d))
            col.addWidget(records_card(d, self._s.study))
            col.addWidget(drafts_card(d))
        col.addStretch(1)
        body.setMaximumWidth(980)
        self.scroll.setWidget(body)

    def _identity_card(self) -> QFrame:
        frame = QFrame()
        frame.setProperty("card", True)
        col = QVBoxLayout(frame)
        col.setContentsMargins(20, 16, 20, 16)
        row = QHBoxLayout()
        row.addWidget(label(self.tr("Identifying details"), "subtitle"), 1)
        button = QPushButton(frame)
        button.setAutoDefault(False)
        row.addWidget(button, 0)
        col.addLayout(row)
        if self.identity is None:
            col.addWidget(
                label(self.tr("Hidden. Showing them is written in the audit log."), "muted")
            )
            button.setText(self.tr("Show details"))
            button.clicked.connect(self.show_details)
        else:
            for text, role in identity_rows(self.identity):
                col.addWidget(label(text, role))
            button.setText(self.tr("Hide details"))
            button.clicked.connect(self.hide_details)
        self.show_button = button
        return frame

    # --- identifying details ----------------------------------------------------------
    def show_details(self) -> None:
        """Reveals the identifying details (the core writes the view to the audit log)."""
        self._reveal(then=self._render_revealed)

    def _reveal(self, then) -> None:  # type: ignore[no-untyped-def]
        code = self.code
        self.busy.start(self.tr("Opening the details…"))
        self._s.run(
            reveal_identity,
            self._s.workspace,
            code,
            on_done=lambda identity: self._revealed(code, identity, then),
            on_error=self._failed,
            context=self,
        )

    def _revealed(self, code: str, identity: Identity, then) -> None:  # type: ignore[no-untyped-def]
        self.busy.stop()
        if code != self.code:
            return
        self.identity = identity
        then()

    def _render_revealed(self) -> None:
        self._render()
        if self.show_button is not None:
            self.show_button.setFocus()

    def hide_details(self) -> None:
        self.identity = None
        self._render()
        if self.show_button is not None:
            self.show_button.setFocus()

    # --- actions ----------------------------------------------------------------------
    def _open(self, dialog: FormDialog) -> None:
        self.dialog = dialog
        dialog.open()

    def record_consent(self) -> None:
        if self.detail is None:
            return
        dialog = ConsentDialog(self._s.workspace, self._s.tasks, self.detail.participant, self)
        dialog.saved.connect(lambda _c: self._saved(self.tr("Consent recorded.")))
        self._open(dialog)

    def edit(self) -> None:
        """Editing shows the identifying details, so they are revealed (audited) first."""
        if self.detail is None:
            return
        if self.identity is None:
            self._reveal(then=self._open_edit)
        else:
            self._open_edit()

    def _open_edit(self) -> None:
        if self.detail is None:
            return
        self._render()
        s = self._s
        dialog = ParticipantDialog(
            s.workspace,
            s.tasks,
            s.study,
            existing=self.detail.participant,
            identity=self.identity,
            parent=self,
        )
        dialog.saved.connect(lambda _p: self._edited(dialog.saved_identity))
        self._open(dialog)

    def _edited(self, identity: Identity | None) -> None:
        self.identity = identity
        self._saved(self.tr("Changes saved."))

    def withdraw(self) -> None:
        if self.detail is None:
            return
        dialog = WithdrawDialog(self._s.workspace, self._s.tasks, self.code, self)
        dialog.withdrawn.connect(lambda _code: self._withdrawn(dialog.scrub_done))
        self._open(dialog)

    def _withdrawn(self, scrub_done: bool) -> None:
        self.identity = None
        text = self.tr("{code} was withdrawn.").format(code=self.code)
        if not scrub_done:
            text += " " + self.tr("The last clean-up of the file finishes next time you unlock.")
        self.load(self.code)
        self._just_withdrawn = text
        self.changed.emit()

    def _saved(self, text: str) -> None:
        self.reload()
        self.notice.show_message("success", text)
        self.changed.emit()

    def clear(self) -> None:
        """Drops the participant, their details and any open dialog (used when locking)."""
        if self.dialog is not None and shiboken6.isValid(self.dialog):
            self.dialog.discard()
        self.dialog = None
        self._reset()

    def _reset(self) -> None:
        self.detail = None
        self.identity = None
        self.code = ""
        self.header.title.setText("")
        self.header.purpose.setText("")
        self._set_actions(False)
        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.show_button = None
        self.busy.stop()
        self.notice.clear()
