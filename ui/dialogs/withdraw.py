"""Withdraw a participant: what will happen, a typed confirmation, and a verb for the button.

Withdrawal is crypto-shredding: it can't be undone, so the dialog names the participant and
the consequences, asks for the code to be typed, and makes Cancel the default button.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget

from sylcollect.storage.workspace import UnlockedWorkspace
from ui.dialogs.form_dialog import FormDialog
from ui.tasks import TaskRunner
from ui.widgets.basics import label


def _tr(text: str) -> str:
    return QCoreApplication.translate("withdraw", text)


def withdraw_participant(ws: UnlockedWorkspace, code: str) -> bool:
    """Worker thread: shreds the participant's key and voids unsent bundles carrying them;
    False if the final clean-up of the file must wait."""
    from sylcollect.sync.withdrawal import withdraw_participant as withdraw

    return withdraw(ws, code).scrubbed


class WithdrawDialog(FormDialog):
    """Asks for the typed code, then withdraws on the TaskRunner; emits `withdrawn(code)`."""

    withdrawn = Signal(str)

    def __init__(
        self,
        workspace: UnlockedWorkspace,
        tasks: TaskRunner,
        code: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            _tr("Withdraw {code}?").format(code=code),
            _tr("This can't be undone."),
            tasks,
            parent,
            width=600,
        )
        self.setObjectName("withdrawDialog")
        self._ws = workspace
        self._code = code
        self.scrub_done = True
        self.column.addWidget(label(self.tr("What will happen:"), "subtitle"))
        for line in (
            self.tr(
                "Everything recorded about {code} becomes unreadable for everyone, forever: "
                "identifying details, consent records, answers, scores and notes."
            ),
            self.tr(
                "The code and the counts remain, so totals stay right. Nobody can tell what "
                "the records said."
            ),
            self.tr("The next sync tells the central database to destroy its copy too."),
            self.tr(
                "Paper forms and files exported earlier are not reached. Ask your supervisor "
                "to destroy those."
            ),
        ):
            self.column.addWidget(label("•  " + line.format(code=code)))
        self.column.addSpacing(12)
        self.confirm = QLineEdit(self)
        self.confirm.setProperty("mono", True)
        self.add_field(
            "confirm",
            self.tr("To confirm, type the participant code: {code}").format(code=code),
            self.confirm,
        )
        self.column.addStretch(1)
        self.withdraw_button = QPushButton(self.tr("Withdraw participant"), self)
        self.withdraw_button.setAutoDefault(False)
        self.withdraw_button.clicked.connect(self.submit)
        self.cancel_button.setDefault(True)  # the safe choice is the default
        self.add_buttons(self.cancel_button, self.withdraw_button)

    def submit(self) -> None:
        typed = self.confirm.text().strip()
        if typed != self._code:
            text = (
                self.tr("Type the code exactly as shown: {code}.")
                if typed
                else self.tr("Type {code} to confirm.")
            )
            self.show_errors({"confirm": text.format(code=self._code)})
            return
        self.show_errors({})
        self.run(
            withdraw_participant,
            self._ws,
            self._code,
            busy_text=self.tr("Withdrawing… the data is being destroyed."),
            on_done=self._done,
        )

    def _done(self, scrub_done: bool) -> None:
        self.scrub_done = bool(scrub_done)
        self.confirm.clear()
        self.withdrawn.emit(self._code)
        self.accept()
