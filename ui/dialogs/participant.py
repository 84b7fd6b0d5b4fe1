"""Add or edit a participant: code, site, unit, role and identifying details."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton, QWidget

from sylcollect.domain.participant import Identity, Participant, check_code
from sylcollect.domain.study import Role, Study
from sylcollect.errors import Conflict, InvalidInput
from sylcollect.storage.workspace import UnlockedWorkspace
from ui import messages
from ui.dialogs.form_dialog import FormDialog
from ui.models.participants import role_label
from ui.pages.participants_data import ParticipantInput, add_participant, change_participant
from ui.tasks import TaskRunner
from ui.widgets.basics import label


def _tr(text: str) -> str:
    return QCoreApplication.translate("ParticipantDialog", text)


def parse_date_of_birth(text: str, today: date) -> date | None:
    """'2009-04-23' -> date; '' -> None; ValueError with advice when it can't be right."""
    text = text.strip()
    if not text:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ValueError("write the date as year-month-day, like 2009-04-23") from None
    if day > today:
        raise ValueError("the date of birth can't be in the future")
    if day.year < 1900:
        raise ValueError("check the year: it is before 1900")
    return day


class ParticipantDialog(FormDialog):
    """Adds a participant, or edits one (`existing` + its identity). Saves on the TaskRunner."""

    saved = Signal(object)  # the Participant, after the transaction committed

    def __init__(
        self,
        workspace: UnlockedWorkspace,
        tasks: TaskRunner,
        study: Study,
        *,
        existing: Participant | None = None,
        identity: Identity | None = None,
        default_site: str = "",
        parent: QWidget | None = None,
    ) -> None:
        editing = existing is not None
        super().__init__(
            _tr("Edit participant") if editing else _tr("Add participant"),
            _tr("Only the code is stored in the clear. Everything else is encrypted."),
            tasks,
            parent,
        )
        self.setObjectName("participantDialog")
        self._ws = workspace
        self._study = study
        self._existing = existing
        self.code = QLineEdit(self)
        self.code.setMaxLength(32)
        self.add_field(
            "code",
            self.tr("Participant code"),
            self.code,
            self.tr("2 to 32 letters, digits, - or _. Never a name or initials."),
        )
        self.site = QComboBox(self)
        for site in study.sites:
            self.site.addItem(site.name, site.id)
        site_hint = self.tr("The site can't be changed after enrolment.") if editing else ""
        self.add_field("site", self.tr("Site"), self.site, site_hint)
        self.unit = QComboBox(self)
        self.add_field("unit", self.tr("Unit (optional)"), self.unit)
        self.role = QComboBox(self)
        for role in study.roles:
            self.role.addItem(role_label(role), role.value)
        self.add_field("role", self.tr("Role in the evaluation"), self.role)
        self.heading(self.tr("Identifying details"))
        self.column.addWidget(
            label(
                self.tr(
                    "Optional. Kept encrypted on this laptop. Each time someone shows them, "
                    "it is written in the audit log."
                ),
                "muted",
            )
        )
        self.column.addSpacing(8)
        self.name = QLineEdit(self)
        self.add_field("name", self.tr("Full name"), self.name)
        self.dob = QLineEdit(self)
        self.dob.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.add_field(
            "dob", self.tr("Date of birth"), self.dob, self.tr("Year-month-day, like 2009-04-23.")
        )
        self.column.addStretch(1)
        self.save_button = QPushButton(
            self.tr("Save changes") if editing else self.tr("Add participant"), self
        )
        self.save_button.setProperty("primary", True)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.submit)
        self.cancel_button.setAutoDefault(False)
        self.add_buttons(self.cancel_button, self.save_button)
        self.site.currentIndexChanged.connect(self._fill_units)

        if existing is not None:
            self.code.setText(existing.code)
            self.code.setReadOnly(True)
            self.site.setCurrentIndex(max(0, self.site.findData(existing.site_id)))
            self.site.setEnabled(False)
            if existing.role is not None:
                self.role.setCurrentIndex(max(0, self.role.findData(existing.role.value)))
        elif default_site:
            self.site.setCurrentIndex(max(0, self.site.findData(default_site)))
        self._fill_units()
        if existing is not None and existing.unit_id:
            self.unit.setCurrentIndex(max(0, self.unit.findData(existing.unit_id)))
        if identity is not None:
            self.name.setText(identity.name)
            self.dob.setText(identity.date_of_birth.isoformat() if identity.date_of_birth else "")
        self._identity = identity or Identity()
        self.saved_identity: Identity | None = None

    def _fill_units(self) -> None:
        self.unit.clear()
        self.unit.addItem(self.tr("No particular unit"), "")
        site = self._study.site(str(self.site.currentData() or ""))
        for unit in site.units if site else ():
            self.unit.addItem(unit.name, unit.id)

    def values(self, today: date | None = None) -> tuple[ParticipantInput | None, dict[str, str]]:
        """The input, or None and an error per field key (said how to fix it)."""
        errors: dict[str, str] = {}
        code = self.code.text().strip()
        try:
            check_code(code)
        except InvalidInput:
            errors["code"] = (
                self.tr("Use 2 to 32 letters, digits, - or _, starting with a letter or digit.")
                if code
                else self.tr("Type the code from the consent form.")
            )
        site_id = str(self.site.currentData() or "")
        if not site_id:
            errors["site"] = self.tr("Choose a site.")
        try:
            dob = parse_date_of_birth(self.dob.text(), today or date.today())
        except ValueError as exc:
            errors["dob"] = messages.sentence(str(exc))
            dob = None
        if errors:
            return None, errors
        identity = Identity(
            name=self.name.text().strip(),
            date_of_birth=dob,
            contact=self._identity.contact,
            notes=self._identity.notes,
        )
        role = Role(str(self.role.currentData()))
        unit = str(self.unit.currentData() or "") or None
        return ParticipantInput(code, site_id, role, unit, identity), {}

    def submit(self) -> None:
        data, errors = self.values()
        self.show_errors(errors)
        if data is None:
            return
        self.saved_identity = data.identity  # what the detail page shows after saving
        save = change_participant if self._existing is not None else add_participant
        self.run(save, self._ws, data, busy_text=self.tr("Saving…"), on_done=self._saved)

    def _saved(self, participant: Participant) -> None:
        self.name.clear()
        self.dob.clear()
        self.saved.emit(participant)
        self.accept()

    def failed(self, exc: BaseException) -> None:
        if isinstance(exc, Conflict) and self._existing is None:
            self.show_errors({"code": self.tr("This code is already used. Choose another.")})
        else:
            super().failed(exc)
