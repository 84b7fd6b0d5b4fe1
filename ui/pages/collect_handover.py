"""Handing the laptop over for self-completion: what will happen, the named adult shown on
the support screens, then the full-screen questionnaire. GUI thread only.

While the questionnaire is up, every other window of the app (the main window, any open
dialog) is hidden, so nothing of the staff side can be reached; they come back only after
the fieldworker's password. If the workspace locks meanwhile they stay hidden: the lock
shows the unlock window in their place.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout, QWidget

from sylcollect.storage.workspace import UnlockedWorkspace
from ui.filler.controller import FillSession
from ui.selfcomplete.speech import Speaker, find_speaker
from ui.selfcomplete.window import SelfCompleteWindow
from ui.tasks import TaskRunner
from ui.widgets.basics import button_row, field, label
from ui.windows_away import WindowsAway


@dataclass(frozen=True)
class HandBack:
    """How a self-complete session ended, for the fieldworker who took the laptop back."""

    uuid: str | None  # the record kept; None when nothing was kept
    staff_survey: bool = False
    final: bool = False  # a staff survey made final at the end of the session
    alerts_waiting: int = 0

    @property
    def review(self) -> bool:
        """The fieldworker reviews the answers: a young person's record (alerts first), or a
        staff survey only when a safeguarding alert waits; an anonymous survey is not shown."""
        return self.uuid is not None and (not self.staff_survey or self.alerts_waiting > 0)


class Handover(QWidget):
    """The fieldworker's last screen before handing over; `returned(HandBack)` after."""

    cancelled = Signal()
    returned = Signal(object)
    active = Signal(bool)

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._ws: UnlockedWorkspace | None = None
        self._session: FillSession | None = None
        self.window_: SelfCompleteWindow | None = None
        self.away = WindowsAway()  # the app's windows put out of sight meanwhile
        self.full_screen = True
        self.speaker_factory = find_speaker
        col = QVBoxLayout(self)
        col.setContentsMargins(32, 24, 32, 16)
        col.setSpacing(8)
        col.addWidget(label(self.tr("Hand the laptop over"), "title"))
        self.what = label("", "muted")
        col.addWidget(self.what)
        self.alerts_text = self.tr(
            "Safeguarding alerts are not shown to them. You will see any alert when "
            "you take the laptop back."
        )
        self.anonymous_text = self.tr(
            "The survey is anonymous: its answers are saved for the study team and not "
            "shown to you, unless one raises a safeguarding alert."
        )
        self.bullets = [
            label("• " + text)
            for text in (
                self.tr("The screen fills with the questions only: no menus, no other records."),
                self.tr("They can skip any question, take a break, hide the screen or stop."),
                self.tr("Their answers are saved after every change."),
                self.alerts_text,
                self.tr("To end the session you need your password. Stopping never needs it."),
            )
        ]
        for bullet in self.bullets:
            col.addWidget(bullet)
        col.addSpacing(12)
        self.adult_box = QWidget(self)  # not for a staff survey: its support words differ
        box = QVBoxLayout(self.adult_box)
        box.setContentsMargins(0, 0, 0, 0)
        self.adult = QLineEdit(self.adult_box)
        self.adult.setPlaceholderText(self.tr("For example: Sam, your key worker"))
        field(
            box,
            self.tr("Who can they talk to here? (shown on the support screens)"),
            self.adult,
            self.tr("Not saved. Leave empty to say 'the adult who looks after you'."),
        )
        col.addWidget(self.adult_box)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.clicked.connect(self.cancelled)
        self.go_button = QPushButton(self.tr("Hand over"), self)
        self.go_button.setProperty("primary", True)
        self.go_button.clicked.connect(self.hand_over)
        self.adult.returnPressed.connect(self.hand_over)
        col.addLayout(button_row(self.cancel_button, self.go_button))
        col.addStretch(1)

    def prepare(self, workspace: UnlockedWorkspace, session: FillSession) -> None:
        self._ws = workspace
        self._session = session
        self.what.setText(
            self.tr("{form} · {subject}").format(
                form=session.compiled.form.title, subject=session.subject_text
            )
        )
        staff_survey = session.draft.participant_code is None
        self.bullets[3].setText("• " + (self.anonymous_text if staff_survey else self.alerts_text))
        self.adult_box.setVisible(not staff_survey)
        if staff_survey:
            self.adult.clear()
        (self.go_button if staff_survey else self.adult).setFocus(Qt.FocusReason.OtherFocusReason)

    def hand_over(self) -> None:
        if self._ws is None or self._session is None or self.window_ is not None:
            return
        speaker: Speaker | None = self.speaker_factory(self)
        self.window_ = SelfCompleteWindow(
            self._ws, self._tasks, self._session, self.adult.text(), speaker
        )
        self.window_.handed_back.connect(self._back)
        self.active.emit(True)
        if self.full_screen:  # kept above other programs' windows too
            self.window_.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
            self.window_.showFullScreen()
        else:
            self.window_.show()
        self.window_.raise_()
        self.window_.activateWindow()
        self.away.put_away(self.window_)  # Alt+Tab finds none of the staff side

    def _back(self, uuid: object) -> None:
        """After the fieldworker's password: the staff windows come back, then the outcome."""
        window, self.window_ = self.window_, None
        back = HandBack(None if uuid is None else str(uuid))
        if window is not None:
            back = HandBack(back.uuid, window.staff_survey, window.final, window.alerts_waiting)
            window.deleteLater()
        self.away.bring_back()
        top = self.window()
        top.raise_()
        top.activateWindow()
        self.adult.clear()
        self.active.emit(False)
        self.returned.emit(back)

    def release(self) -> None:
        """The workspace locks: the questionnaire window closes (answers already saved). The
        hidden windows stay hidden: the lock clears them and shows the unlock window."""
        self.away = WindowsAway()  # forgotten, not shown: the lock closes them
        if self.window_ is not None:
            self.window_.release()
            self.window_.deleteLater()
            self.window_ = None
            self.active.emit(False)
        self._ws = None
        self._session = None
        self.adult.clear()
