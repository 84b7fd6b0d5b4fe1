"""Consent on screen: the information sheet, each statement ticked, a signature per signatory;
saved as the same PDF as the paper form, signatures drawn in, encrypted with the consent
record. Or: attach a scan of the signed paper form instead."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget

from sylcollect.domain.consent import Consent, ConsentMethod, ConsentScope, ConsentWho
from sylcollect.domain.participant import Participant
from sylcollect.domain.study import Study
from sylcollect.reports.consent import ConsentRequest, values_for
from sylcollect.reports.econsent import EConsent, render_econsent
from sylcollect.reports.templates import ConsentTemplate, TemplateSet, Variant
from sylcollect.services.econsent import ConsentDocument, media_type_for, record_signed_consent
from sylcollect.storage.workspace import UnlockedWorkspace
from ui.dialogs.consent import ChoiceGroup, who_label
from ui.dialogs.econsent_widgets import (
    REQUIRED_BLOCKS,
    RESPONSIBLE_ADULT,
    SheetText,
    SignatoryBlock,
    Statements,
    sheet_markdown,
)
from ui.dialogs.form_dialog import FormDialog
from ui.tasks import TaskRunner
from ui.widgets.basics import label

ON_SCREEN, SCAN = "on_screen", "scan"


def _tr(text: str) -> str:
    return QCoreApplication.translate("econsent", text)


#: The forms a parent or the local authority signs to consent for a young person under 16.
SIGNED_FOR_A_YOUNG_PERSON = {
    ConsentWho.ASSENT_PARENT: Variant.PARENT,
    ConsentWho.ASSENT_LA: Variant.LA,
}


def default_who(variant: Variant) -> ConsentWho:
    """Whose consent a form records, before anyone changes it."""
    return {
        Variant.ASSENT: ConsentWho.ASSENT_PARENT,
        Variant.PARENT: ConsentWho.ASSENT_PARENT,
        Variant.LA: ConsentWho.ASSENT_LA,
    }.get(variant, ConsentWho.SELF)


def adult_block(template: ConsentTemplate, who: ConsentWho) -> str | None:
    """The signature block of the adult whose consent `who` records (the assent form's
    parent, carer or local authority; the signer of the parent or LA form): None when `who`
    is the participant's own consent, '' when the form has no place for that adult."""
    if who is ConsentWho.SELF:
        return None
    if any(b.id == RESPONSIBLE_ADULT for b in template.signatures):
        return RESPONSIBLE_ADULT
    return "participant" if template.variant is SIGNED_FOR_A_YOUNG_PERSON[who] else ""


@dataclass(frozen=True)
class SignedConsent:
    """What the worker needs to make the PDF and store it with a new consent record."""

    study: Study
    templates: TemplateSet
    econsent: EConsent
    consent: Consent


def save_signed(ws: UnlockedWorkspace, job: SignedConsent) -> Consent:
    """Worker thread: renders the signed PDF in memory and stores it with the consent."""
    pdf = render_econsent(job.study, job.templates, job.econsent)
    doc = ConsentDocument(pdf, "application/pdf", ConsentMethod.ON_SCREEN, "consent-form.pdf")
    return record_signed_consent(ws, job.consent, doc)


def save_scan(ws: UnlockedWorkspace, consent: Consent, path: Path) -> Consent:
    """Worker thread: reads the scan the user picked and stores it with the consent."""
    doc = ConsentDocument(path.read_bytes(), media_type_for(path.name), ConsentMethod.PAPER)
    return record_signed_consent(ws, consent, doc)


class EConsentDialog(FormDialog):
    """Takes one consent on screen (or from a scan) for `participant`; emits `saved(Consent)`."""

    saved = Signal(object)

    def __init__(
        self,
        workspace: UnlockedWorkspace,
        tasks: TaskRunner,
        templates: TemplateSet,
        participant: Participant,
        variant: Variant,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            _tr("Consent on screen"),
            _tr(
                "For {code}. Read the information sheet together, tick each statement they "
                "agree with, then each person signs."
            ).format(code=participant.code),
            tasks,
            parent,
            width=780,
        )
        self.setObjectName("econsentDialog")
        self._ws = workspace
        self._templates = templates
        self._participant = participant
        self._variant = variant
        self.scan_path: Path | None = None
        template = templates.get(variant)
        self._template = template
        self._request = ConsentRequest(variant, participant.code, "", participant.site_id)
        values = values_for(workspace.study, template, self._request)

        self.mode = ChoiceGroup(
            [
                (ON_SCREEN, _tr("Sign on screen")),
                (SCAN, _tr("Attach a scan of the signed paper form instead")),
            ],
            self,
        )
        self.mode.set_value(ON_SCREEN)
        self.add_field("mode", self.tr("How consent is given"), self.mode, group=True)
        for button in self.mode.buttons.values():
            button.toggled.connect(self._mode_changed)

        self.sheet_heading = self.heading(template.sheet_heading)
        self.sheet = SheetText(sheet_markdown(template, values), self)
        self.column.addWidget(self.sheet)

        self.heading(f"{template.form_heading} · {template.audience}")
        self.statements = Statements(template.items, values, self)
        self.add_field(
            "statements",
            self.tr("Statements"),
            self.statements,
            self.tr("Tick each statement they agree with."),
            group=True,
        )
        self.initials = QLineEdit(self)
        self.initials.setMaxLength(4)
        self.initials_field = self.add_field(
            "initials",
            self.tr("Initials (optional)"),
            self.initials,
            self.tr("Printed in each ticked box; without initials the box shows a tick."),
        )
        self.who = ChoiceGroup([(w.value, who_label(w)) for w in ConsentWho], self)
        self.who.set_value(default_who(variant).value)
        self.add_field("who", self.tr("Who gives consent"), self.who, group=True)
        for button in self.who.buttons.values():
            button.toggled.connect(self._who_changed)

        self.blocks: list[SignatoryBlock] = []
        self.signing_heading = self.heading(self.tr("Signatures"))
        for block in template.signatures:
            name = workspace.actor if block.id == "researcher" else ""
            widget = SignatoryBlock(block, values, name, self)
            widget.changed.connect(self._update_notice)
            self.column.addWidget(widget)
            self.blocks.append(widget)

        self.scan_row = QWidget(self)
        row = QHBoxLayout(self.scan_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.scan_button = QPushButton(self.tr("Choose the scanned form…"), self.scan_row)
        self.scan_button.setAutoDefault(False)
        self.scan_button.clicked.connect(self.choose_scan)
        self.scan_label = label(self.tr("No file chosen (PDF, PNG, JPEG or TIFF)."), "muted")
        row.addWidget(self.scan_button)
        row.addWidget(self.scan_label, 1)
        self.scan_field = self.add_field("scan", self.tr("Scanned form"), self.scan_row, group=True)
        self.scan_row.setFocusProxy(self.scan_button)

        self.column.addWidget(
            label(
                self.tr(
                    "Saved encrypted with the participant's data. Sheet version "
                    "{sheet}, form version {form}."
                ).format(sheet=template.sheet_version, form=template.form_version),
                "muted",
            )
        )
        self.column.addStretch(1)
        self.save_button = QPushButton(self.tr("Save signed consent"), self)
        self.save_button.setProperty("primary", True)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.submit)
        self.cancel_button.setAutoDefault(False)
        self.add_buttons(self.cancel_button, self.save_button)
        self._who_changed()
        self._mode_changed()

    # --- mode -------------------------------------------------------------------------
    def on_screen(self) -> bool:
        return self.mode.value() != SCAN

    def _mode_changed(self, *_args: object) -> None:
        screen = self.on_screen()
        for w in (self.sheet_heading, self.sheet, self.signing_heading, *self.blocks):
            w.setVisible(screen)
        for part in (self.initials_field, self.scan_field):
            on = screen if part is self.initials_field else not screen
            for w in (part.label, part.widget):
                w.setVisible(on)
            if not on:
                part.error.hide()
        self.save_button.setText(
            self.tr("Save signed consent") if screen else self.tr("Save with the scan")
        )
        self._update_notice()

    # --- whose consent ----------------------------------------------------------------
    def _who_changed(self, *_args: object) -> None:
        """The adult whose consent is recorded must sign their block before saving."""
        adult = adult_block(self._template, ConsentWho(self.who.value()))
        why = self.tr(
            "Needed before saving: “Who gives consent” records this person's consent, so "
            "they sign here. If they are not here, save later, or attach a scan of the paper "
            "form once they have signed it."
        )
        for block in self.blocks:
            needed = block.block.id == adult and adult not in REQUIRED_BLOCKS
            block.set_required(why if needed else "")
        self._update_notice()

    def waiting_for(self) -> SignatoryBlock | None:
        """The adult's block still to be signed before Save can work (on screen), if any."""
        if not self.on_screen():
            return None
        return next((b for b in self.blocks if b.why and not b.is_signed()), None)

    def _update_notice(self, *_args: object) -> None:
        """Says beside Save, as it happens, whose signature saving still waits for."""
        block = self.waiting_for()
        if block is None:
            self.notice.clear()
        else:
            self.notice.show_message(
                "info",
                self.tr(
                    "Saving waits for a signature under “{who}”, because “Who gives consent” "
                    "records that person's consent."
                ).format(who=block.heading),
            )

    def who_problem(self) -> str:
        """Why the chosen 'Who gives consent' can't be recorded on this form ('' if it can)."""
        who = ConsentWho(self.who.value())
        adult = adult_block(self._template, who)
        if adult is None and self._template.kind == "assent":
            return self.tr(
                "An assent form doesn't record the young person's own consent: choose who "
                "gives consent with them. A young person able to decide for themself signs "
                "the consent form instead."
            )
        if adult is None and self._variant in SIGNED_FOR_A_YOUNG_PERSON.values():
            return self.tr(
                "This form is consent for a young person, not the signer's own: choose whose "
                "consent it is. A parent or carer taking part themself signs the form for "
                "parents and carers taking part."
            )
        if adult == "":
            return self.tr(
                "This form has no signature for that person, so it can't record their "
                "consent: choose who gives consent as the form says."
            )
        return ""

    def choose_scan(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the scanned consent form"),
            folder,
            self.tr("Scans (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)"),
        )
        if path:
            self.set_scan(Path(path))

    def set_scan(self, path: Path) -> None:
        self.scan_path = path
        self.scan_label.setText(path.name)

    # --- saving -----------------------------------------------------------------------
    def consent(self) -> Consent:
        scopes = {
            item.scope
            for item in self._template.items
            if item.scope is not None and item.id in self.statements.agreed()
        }
        return Consent(
            uuid="",
            participant_uuid=self._participant.uuid,
            who=ConsentWho(self.who.value()),
            scopes=frozenset(ConsentScope(s) for s in scopes),
            info_sheet_version=self._template.sheet_version,
            method=ConsentMethod.ON_SCREEN if self.on_screen() else ConsentMethod.PAPER,
            given_on=date.today(),
            taken_by=self._ws.actor,
        )

    def problems(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        who = self.who_problem()
        if who:
            errors["who"] = who
        missing = self.statements.required_missing()
        if missing:
            errors["statements"] = self.tr(
                "Statements {numbers} are needed to take part: tick them, or stop here."
            ).format(numbers=", ".join(str(n) for n in missing))
        if self.on_screen():
            for n, block in enumerate(self.blocks):
                problem = block.problem()
                if problem:
                    errors[f"block{n}"] = problem
        elif self.scan_path is None:
            errors["scan"] = self.tr("Choose the file of the scanned, signed form.")
        return errors

    def show_errors(self, errors: dict[str, str]) -> None:
        super().show_errors(errors)
        if any(k.startswith("block") for k in errors):
            self.summary.setFocus()

    def submit(self) -> None:
        errors = self.problems()
        self.show_errors(errors)
        if errors:
            return
        consent = self.consent()
        if not self.on_screen():
            assert self.scan_path is not None
            args: tuple[object, ...] = (save_scan, self._ws, consent, self.scan_path)
        else:
            today = date.today()
            signers = tuple(s for b in self.blocks if (s := b.signatory(today)) is not None)
            econsent = EConsent(
                self._request,
                self.statements.agreed(),
                self.initials.text().strip(),
                signers,
                datetime.now().strftime("%d %B %Y, %H:%M"),
            )
            job = SignedConsent(self._ws.study, self._templates, econsent, consent)
            args = (save_signed, self._ws, job)
        self.run(*args, busy_text=self.tr("Saving…"), on_done=self._saved)  # type: ignore[arg-type]

    def _saved(self, consent: Consent) -> None:
        self.saved.emit(consent)
        self.accept()

    def discard(self) -> None:
        for block in self.blocks:
            block.clear()
        super().discard()
