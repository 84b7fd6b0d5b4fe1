"""Reports: pick a document (summaries, consent forms, paper questionnaires, the support card,
the recovery sheet), preview it, print it, save it; sign a consent on screen; export for
analysis."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sylcollect.reports.support_card import MAX_ADULT
from sylcollect.reports.templates import Variant
from ui import messages
from ui.dialogs.consent import ChoiceGroup
from ui.nav import Services
from ui.pages.reports_data import (
    CARD,
    CONSENT,
    FORM,
    PARTICIPANT,
    RECOVERY,
    SITE,
    Rendered,
    ReportChoices,
    consent_target,
    load_choices,
    render_card,
    render_consent_form,
    render_form,
    render_participant,
    render_recovery,
    render_site,
)
from ui.pdfview import PdfView
from ui.widgets.basics import BusyRow, Notice, PageHeader, field, label

VARIANT_NAMES = {  # looked up with ReportsPage.tr(): its context is "ReportsPage"
    Variant.YP16: QT_TRANSLATE_NOOP("ReportsPage", "Young person 16 or over (consent)"),
    Variant.ASSENT: QT_TRANSLATE_NOOP("ReportsPage", "Under 16 (assent)"),
    Variant.PARENT: QT_TRANSLATE_NOOP(
        "ReportsPage", "Parent or carer, for a young person (consent)"
    ),
    Variant.PARENT_OWN: QT_TRANSLATE_NOOP(
        "ReportsPage", "Parent or carer taking part themselves (consent)"
    ),
    Variant.LA: QT_TRANSLATE_NOOP("ReportsPage", "Local authority (consent)"),
    Variant.STAFF: QT_TRANSLATE_NOOP("ReportsPage", "Staff and professionals (consent)"),
}


class ReportsPage(QWidget):
    """Chooses, renders (on the worker) and previews documents. GUI thread."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportsPage")
        self._s: Services | None = services
        self.choices: ReportChoices | None = None
        self.rendered: Rendered | None = None
        self.dialog: QWidget | None = None
        self.title = self.tr("Reports")
        self.purpose = self.tr(
            "Preview, print and save summaries, consent forms, paper forms and support cards."
        )
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 24, 32, 16)
        outer.setSpacing(8)
        self.header = PageHeader(self.title, self.purpose, self)
        self.export_button: QPushButton | None = None
        if services.is_supervisor:
            self.export_button = QPushButton(self.tr("Export for analysis…"), self)
            self.export_button.setAutoDefault(False)
            self.export_button.clicked.connect(self.open_export)
            self.header.add_action(self.export_button)
        outer.addWidget(self.header)
        self.busy = BusyRow(self)
        self.notice = Notice(self)
        outer.addWidget(self.busy)
        outer.addWidget(self.notice)
        body = QHBoxLayout()
        body.setSpacing(24)
        outer.addLayout(body, 1)
        side = QWidget(self)
        side.setMaximumWidth(400)
        side.setMinimumWidth(340)
        self.side = QVBoxLayout(side)
        self.side.setContentsMargins(0, 0, 0, 0)
        self.side.setSpacing(4)
        body.addWidget(side, 0)
        self.view = PdfView(services.workspace, services.run, self)
        body.addWidget(self.view, 1)
        self._build_side()
        self.reload()

    # --- layout -----------------------------------------------------------------------
    def _build_side(self) -> None:
        self.kind = ChoiceGroup(
            [
                (PARTICIPANT, self.tr("Participant summary")),
                (SITE, self.tr("Site summary")),
                (CONSENT, self.tr("Information sheet and consent form")),
                (FORM, self.tr("Paper questionnaire")),
                (CARD, self.tr("Support card")),
                (RECOVERY, self.tr("Recovery sheet")),
            ],
            self,
        )
        self.kind.set_value(PARTICIPANT)
        self.kind.setAccessibleName(self.tr("Document"))
        self.side.addWidget(label(self.tr("Document"), "subtitle"))
        self.side.addWidget(self.kind)
        self.side.addSpacing(12)
        self.panels: dict[str, QWidget] = {}  # one shown at a time (hidden ones take no room)
        self.person = QComboBox(self)
        self.site = QComboBox(self)
        self.consent_person = QComboBox(self)
        self.variant = QComboBox(self)
        self.with_name = QCheckBox(self.tr("Print the name on the form"), self)
        self.with_name.setToolTip(self.tr("Reading the name is recorded in the audit log."))
        self.with_sheet = QCheckBox(self.tr("Include the information sheet"), self)
        self.with_sheet.setChecked(True)
        self.sign_button = QPushButton(self.tr("Sign on screen…"), self)
        self.sign_button.setAutoDefault(False)
        self.sign_button.clicked.connect(self.sign_on_screen)
        self.form = QComboBox(self)
        self.version = QComboBox(self)
        self.form.currentIndexChanged.connect(self._fill_versions)
        self.recovery_key = QLineEdit(self)
        self.recovery_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.recovery_key.setPlaceholderText("XXXXXX-XXXXXX-…")
        self.card_site = QComboBox(self)
        self.card_adult = QLineEdit(self)
        self.card_adult.setMaxLength(MAX_ADULT)
        self.card_adult.setPlaceholderText(self.tr("For example: Sam, your key worker"))
        self._panel(PARTICIPANT, [(self.tr("Participant"), self.person, "")])
        self._panel(SITE, [(self.tr("Site"), self.site, "")])
        self._panel(
            CONSENT,
            [
                (
                    self.tr("Participant"),
                    self.consent_person,
                    self.tr("Or a blank form to fill in by hand."),
                ),
                (
                    self.tr("Form"),
                    self.variant,
                    self.tr("Chosen from role and age unless you pick."),
                ),
            ],
            [self.with_name, self.with_sheet, self.sign_button],
        )
        self._panel(
            FORM, [(self.tr("Form"), self.form, ""), (self.tr("Version"), self.version, "")]
        )
        self._panel(
            CARD,
            [
                (
                    self.tr("Site"),
                    self.card_site,
                    self.tr("The cards never name the site or the study: safe to carry."),
                ),
                (
                    self.tr("Named adult (optional)"),
                    self.card_adult,
                    self.tr("Printed on every card. Leave empty for a line to write a name on."),
                ),
            ],
        )
        self._panel(
            RECOVERY,
            [
                (
                    self.tr("Recovery key"),
                    self.recovery_key,
                    self.tr("Type the key from the sheet kept safe. It is never stored."),
                )
            ],
        )
        for button in self.kind.buttons.values():
            button.toggled.connect(self._kind_changed)
        self.consent_person.currentIndexChanged.connect(self._consent_person_changed)
        self.preview_button = QPushButton(self.tr("Preview"), self)
        self.preview_button.setProperty("primary", True)
        self.preview_button.setAutoDefault(False)
        self.preview_button.clicked.connect(self.preview)
        self.recovery_key.returnPressed.connect(self.preview)
        self.card_adult.returnPressed.connect(self.preview)
        self.side.addWidget(self.preview_button)
        self.side.addStretch(1)
        self._kind_changed()

    def _panel(
        self,
        key: str,
        fields: list[tuple[str, QWidget, str]],
        extra: list[QWidget] | None = None,
    ) -> None:
        panel = QWidget(self)
        col = QVBoxLayout(panel)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(4)
        for text, widget, hint in fields:
            widget.setAccessibleName(text)
            field(col, text, widget, hint)
        for widget in extra or []:
            col.addWidget(widget)
        self.panels[key] = panel
        self.side.addWidget(panel)

    def _kind_changed(self, *_args: object) -> None:
        chosen = self.kind.value() or PARTICIPANT
        for key, panel in self.panels.items():
            panel.setVisible(key == chosen)

    # --- data -------------------------------------------------------------------------
    def reload(self) -> None:
        if self._s is None:
            return
        self._s.run(load_choices, self._s.workspace, on_done=self._loaded, on_error=self._failed,
                    context=self)  # fmt: skip

    def activated(self) -> None:
        self.reload()

    def _loaded(self, choices: ReportChoices) -> None:
        self.choices = choices
        active = [p for p in choices.people if not p.withdrawn]

        def refill(combo: QComboBox, items: list[tuple[str, Any]]) -> None:
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for text, value in items:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

        refill(self.person, [(p.code, p.code) for p in active])
        refill(self.site, [(name, sid) for sid, name in choices.sites])
        refill(self.card_site, [(self.tr("Any site"), None), *((n, i) for i, n in choices.sites)])
        refill(
            self.consent_person,
            [(self.tr("Blank form"), None), *((p.code, p.code) for p in active)],
        )
        refill(
            self.variant,
            [(self.tr("From role and age"), None)]
            + [(self.tr(VARIANT_NAMES[v]), v.value) for v in Variant],
        )
        refill(self.form, [(f"{title} ({fid})", fid) for fid, title, _v in choices.forms])
        self._fill_versions()
        self._consent_person_changed()

    def _fill_versions(self, *_args: object) -> None:
        if self.choices is None:
            return
        versions = next(
            (v for fid, _t, v in self.choices.forms if fid == self.form.currentData()), ()
        )
        self.version.clear()
        for v in versions:
            self.version.addItem(v, v)

    def _consent_person_changed(self, *_args: object) -> None:
        has_person = self.consent_person.currentData() is not None
        self.with_name.setVisible(has_person)
        self.sign_button.setVisible(has_person)

    # --- rendering --------------------------------------------------------------------
    def job(self) -> tuple[Callable[..., Rendered], tuple[Any, ...]] | str:
        """The worker call for the chosen document, or what is missing, in words."""
        if self._s is None or self.choices is None:
            return self.tr("Still reading the workspace. Try again in a moment.")
        ws, kind = self._s.workspace, self.kind.value()
        if kind == PARTICIPANT:
            code = self.person.currentData()
            return (render_participant, (ws, code)) if code else self.tr("No participants yet.")
        if kind == SITE:
            return render_site, (ws, self.site.currentData())
        if kind == CONSENT:
            v = self.variant.currentData()
            args = (ws, self.choices.templates, self.consent_person.currentData(),
                    Variant(v) if v else None, self.with_name.isChecked(),
                    self.with_sheet.isChecked())  # fmt: skip
            return render_consent_form, args
        if kind == FORM:
            return render_form, (ws, self.form.currentData(), self.version.currentData())
        if kind == CARD:
            return render_card, (ws, self.card_site.currentData(), self.card_adult.text())
        key = self.recovery_key.text()
        if not key.strip():
            return self.tr("Type the recovery key first.")
        return render_recovery, (ws, key)

    def preview(self) -> None:
        job = self.job()
        if isinstance(job, str):
            self.notice.show_message("error", job)
            return
        fn, args = job
        self.notice.clear()
        self.busy.start(self.tr("Preparing the document…"))
        self.preview_button.setEnabled(False)
        if fn is render_recovery:
            self.recovery_key.clear()  # it lives only as long as the render call
        assert self._s is not None
        self._s.run(fn, *args, on_done=self._rendered, on_error=self._failed, context=self)

    def _rendered(self, rendered: Rendered) -> None:
        self.busy.stop()
        self.preview_button.setEnabled(True)
        self.rendered = rendered
        self.view.set_pdf(rendered.data, rendered.file_name, rendered.audit)
        self.view.save_button.setVisible(rendered.can_save)

    def _failed(self, exc: BaseException) -> None:
        self.busy.stop()
        self.preview_button.setEnabled(True)
        self.notice.show_message("error", messages.message_for(exc, "reports"))

    # --- consent on screen, exports ----------------------------------------------------
    def sign_on_screen(self) -> None:
        code = self.consent_person.currentData()
        if self._s is None or self.choices is None or not code:
            return
        v = self.variant.currentData()
        self._s.run(consent_target, self._s.workspace, code, Variant(v) if v else None,
                    on_done=self._open_econsent, on_error=self._failed, context=self)  # fmt: skip

    def _open_econsent(self, target: tuple[Any, Variant, str]) -> None:
        from ui.dialogs.econsent import EConsentDialog

        if self._s is None or self.choices is None:
            return
        participant, variant, _name = target
        dialog = EConsentDialog(
            self._s.workspace, self._s.tasks, self.choices.templates, participant, variant, self
        )
        dialog.saved.connect(
            lambda c: self.notice.show_message(
                "success", self.tr("Consent signed on screen and saved, encrypted.")
            )
        )
        self._show_dialog(dialog)

    def open_export(self) -> None:
        from ui.dialogs.export import ExportDialog, ExportFrom

        if self._s is not None:
            origin = ExportFrom.workspace(self._s.workspace)
            self._show_dialog(ExportDialog(origin, self._s.tasks, self))

    def _show_dialog(self, dialog: Any) -> None:
        self.dialog = dialog
        dialog.finished.connect(self._dialog_closed)
        dialog.open()

    def _dialog_closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    def clear(self) -> None:
        """Drops everything read from the workspace (used when locking)."""
        if self.dialog is not None and hasattr(self.dialog, "discard"):
            self.dialog.discard()
        self.dialog = None
        self._s = None
        self.choices = None
        self.rendered = None
        self.recovery_key.clear()
        self.card_adult.clear()
        self.view.forget_workspace()
        combos = (self.person, self.site, self.consent_person, self.form, self.version)
        for combo in (*combos, self.card_site):
            combo.clear()
        self.notice.clear()
        self.busy.stop()
