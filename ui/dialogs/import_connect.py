"""Open the study home for central work: its folder, the central database address (never
a password) and the study home's password, checked on the supervisor page's worker."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget

from sylcollect.errors import BackoffActive, NotFound, WrongPassword
from ui import messages
from ui.dialogs.form_dialog import FormDialog
from ui.pages.supervisor_data import CentralConnection, check_db_url, open_connection
from ui.tasks import TaskRunner
from ui.widgets.passwords import PasswordField

KEY_HOME = "supervisor/studyHome"
KEY_DB = "supervisor/centralDb"


def _tr(text: str) -> str:
    return QCoreApplication.translate("import_connect", text)


class ConnectDialog(FormDialog):
    """Asks where the study home is and its password; opens it off the GUI thread."""

    opened = Signal(object)  # CentralConnection

    def __init__(
        self, tasks: TaskRunner, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            _tr("Open the study home"),
            _tr("The study's keys and its central database, to import and review bundles."),
            tasks,
            parent,
        )
        self.setObjectName("connectDialog")
        self._settings = settings
        self.connection: CentralConnection | None = None
        self.home = QLineEdit(str(settings.value(KEY_HOME, "") or ""), self)
        self.choose = QPushButton(self.tr("Choose…"), self)
        self.choose.setAccessibleName(self.tr("Choose the study home folder"))
        self.choose.setAutoDefault(False)
        self.choose.clicked.connect(self._choose)
        row = QWidget(self)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.home, 1)
        line.addWidget(self.choose)
        row.setFocusProxy(self.home)
        self.add_field(
            "home",
            self.tr("Study home folder"),
            row,
            self.tr("The folder made by 'sylcollect study create' (it holds study.sylpkg)."),
        )
        self.db = QLineEdit(str(settings.value(KEY_DB, "") or ""), self)
        self.db.setPlaceholderText(self.tr("e.g. postgresql+psycopg://user@host/db"))
        self.add_field(
            "db",
            self.tr("Central database (optional)"),
            self.db,
            self.tr("Leave empty to use the one the study home was set up with."),
        )
        self.password = PasswordField(self.tr("Study home password"), self)
        self.password.returnPressed.connect(self.submit)
        self.add_field("password", self.tr("Study home password"), self.password)
        self.column.addStretch(1)
        self.open_button = QPushButton(self.tr("Open study home"), self)
        self.open_button.setProperty("primary", True)
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.submit)
        self.cancel_button.setAutoDefault(False)
        self.add_buttons(self.cancel_button, self.open_button)

    def _choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Study home folder"), self.home.text()
        )
        if folder:
            self.home.setText(folder)

    def submit(self) -> None:
        errors: dict[str, str] = {}
        if not self.home.text().strip():
            errors["home"] = self.tr("Choose the study home folder.")
        try:
            check_db_url(self.db.text().strip())
        except Exception as exc:
            errors["db"] = messages.message_for(exc, "connect")
        if not self.password.text():
            errors["password"] = self.tr("Type the study home password.")
        self.show_errors(errors)
        if errors:
            return
        self.run(
            open_connection,
            self.home.text().strip(),
            self.db.text().strip(),
            self.password.text(),
            busy_text=self.tr("Opening the study home… this takes a moment."),
            on_done=self._opened,
        )

    def _opened(self, connection: CentralConnection) -> None:
        self.password.clear()
        self._settings.setValue(KEY_HOME, self.home.text().strip())
        self._settings.setValue(KEY_DB, self.db.text().strip())
        self.connection = connection
        self.opened.emit(connection)
        self.accept()

    def failed(self, exc: BaseException) -> None:
        self.password.clear()
        if isinstance(exc, WrongPassword):
            self.show_errors({"password": self.tr("That password doesn't open this study home.")})
        elif isinstance(exc, BackoffActive):
            self.show_errors({"password": messages.message_for(exc)})
        elif isinstance(exc, NotFound):
            self.show_errors({"home": messages.message_for(exc, "connect")})
        else:
            self.show_errors({"": messages.message_for(exc, "connect")})
