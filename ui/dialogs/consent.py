"""Record a consent decision: who consented, to what, on which information sheet, how, when."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from sylcollect.domain.consent import Consent, ConsentMethod, ConsentScope, ConsentWho
from sylcollect.domain.participant import Participant
from sylcollect.storage.workspace import UnlockedWorkspace
from ui.dialogs.form_dialog import FormDialog
from ui.dialogs.observation_widgets import DateEdit
from ui.pages.participants_data import add_consent
from ui.tasks import TaskRunner
from ui.widgets.basics import label


def _tr(text: str) -> str:
    return QCoreApplication.translate("consent", text)


def who_label(who: ConsentWho) -> str:
    return {
        ConsentWho.SELF: _tr("The participant, for themself (16 or over, or able to decide)"),
        ConsentWho.ASSENT_PARENT: _tr("Young person's assent, with a parent or carer's consent"),
        ConsentWho.ASSENT_LA: _tr("Young person's assent, with the local authority's consent"),
    }[who]


def scope_label(scope: ConsentScope) -> str:
    return {
        ConsentScope.TAKING_PART: _tr("Taking part in the evaluation"),
        ConsentScope.QUESTIONNAIRES: _tr("Answering questionnaires"),
        ConsentScope.INTERVIEW: _tr("Being interviewed"),
        ConsentScope.AUDIO_RECORDING: _tr("Audio recording of the interview"),
        ConsentScope.ANONYMISED_QUOTES: _tr("Using anonymised quotes"),
        ConsentScope.RECORDS_ACCESS: _tr("Researchers reading case records"),
        ConsentScope.FUTURE_CONTACT: _tr("Being contacted about future research"),
    }[scope]


def method_label(method: ConsentMethod) -> str:
    return {
        ConsentMethod.PAPER: _tr("Signed paper form"),
        ConsentMethod.ON_SCREEN: _tr("Signed on screen"),
        ConsentMethod.VERBAL: _tr("Said out loud, written down by me"),
    }[method]


class ChoiceGroup(QWidget):
    """Radio buttons that are one tab stop, with the arrow keys inside (UX.md)."""

    def __init__(self, choices: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for value, text in choices:
            button = QRadioButton(text, self)
            self.group.addButton(button)
            self.buttons[value] = button
            col.addWidget(button)
        self.setFocusProxy(next(iter(self.buttons.values())))

    def value(self) -> str:
        return next((v for v, b in self.buttons.items() if b.isChecked()), "")

    def set_value(self, value: str) -> None:
        self.buttons[value].setChecked(True)
        self.setFocusProxy(self.buttons[value])


class ConsentDialog(FormDialog):
    """Records one consent for `participant` on the TaskRunner; emits `saved(Consent)`."""

    saved = Signal(object)

    def __init__(
        self,
        workspace: UnlockedWorkspace,
        tasks: TaskRunner,
        participant: Participant,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            _tr("Record consent"),
            _tr("For {code}. Copy what the signed form says.").format(code=participant.code),
            tasks,
            parent,
            width=620,
        )
        self.setObjectName("consentDialog")
        self._ws = workspace
        self._participant = participant
        self.who = ChoiceGroup([(w.value, who_label(w)) for w in ConsentWho], self)
        self.add_field("who", self.tr("Who gave consent"), self.who, group=True)
        self.scopes: dict[ConsentScope, QCheckBox] = {}
        scopes = QWidget(self)
        scol = QVBoxLayout(scopes)
        scol.setContentsMargins(0, 0, 0, 0)
        scol.setSpacing(0)
        for scope in ConsentScope:
            box = QCheckBox(scope_label(scope), scopes)
            self.scopes[scope] = box
            scol.addWidget(box)
        scopes.setFocusProxy(self.scopes[ConsentScope.TAKING_PART])
        self.add_field(
            "scopes",
            self.tr("What they agreed to"),
            scopes,
            self.tr("Tick each box they initialled."),
            group=True,
        )
        self.sheet = QLineEdit(self)
        self.add_field(
            "sheet",
            self.tr("Information sheet version"),
            self.sheet,
            self.tr("Printed at the foot of the information sheet, like 2."),
        )
        self.method = ChoiceGroup([(m.value, method_label(m)) for m in ConsentMethod], self)
        self.add_field("method", self.tr("How consent was given"), self.method, group=True)
        self.given_on = DateEdit(self)  # Tab leaves it in one press
        self.given_on.setDisplayFormat("yyyy-MM-dd")
        self.given_on.setCalendarPopup(True)
        self.given_on.setMaximumDate(QDate.currentDate())
        self.given_on.setDate(QDate.currentDate())
        self.add_field("date", self.tr("Date consent was given"), self.given_on)
        self.taken_by = QLineEdit(workspace.actor, self)
        self.add_field("taken_by", self.tr("Taken by"), self.taken_by)
        self.column.addWidget(
            label(self.tr("Saved encrypted with the participant's data."), "muted")
        )
        self.column.addStretch(1)
        self.save_button = QPushButton(self.tr("Record consent"), self)
        self.save_button.setProperty("primary", True)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.submit)
        self.cancel_button.setAutoDefault(False)
        self.add_buttons(self.cancel_button, self.save_button)

    def values(self) -> tuple[Consent | None, dict[str, str]]:
        errors: dict[str, str] = {}
        who = self.who.value()
        if not who:
            errors["who"] = self.tr("Choose who gave consent.")
        scopes = frozenset(s for s, box in self.scopes.items() if box.isChecked())
        if ConsentScope.TAKING_PART not in scopes:
            errors["scopes"] = self.tr(
                "Tick 'Taking part in the evaluation': without it nothing else can be collected."
            )
        sheet = self.sheet.text().strip()
        if not sheet:
            errors["sheet"] = self.tr("Type the version printed on the information sheet.")
        method = self.method.value()
        if not method:
            errors["method"] = self.tr("Choose how consent was given.")
        given: date = self.given_on.date().toPython()  # type: ignore[assignment]
        if errors:
            return None, errors
        return (
            Consent(
                uuid="",
                participant_uuid=self._participant.uuid,
                who=ConsentWho(who),
                scopes=scopes,
                info_sheet_version=sheet,
                method=ConsentMethod(method),
                given_on=given,
                taken_by=self.taken_by.text().strip(),
            ),
            {},
        )

    def submit(self) -> None:
        consent, errors = self.values()
        self.show_errors(errors)
        if consent is None:
            return
        self.run(add_consent, self._ws, consent, busy_text=self.tr("Saving…"), on_done=self._saved)

    def _saved(self, consent: Consent) -> None:
        self.saved.emit(consent)
        self.accept()
