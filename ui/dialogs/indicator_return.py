"""Enter one site's monthly return, beside last month's figures; saved on the TaskRunner."""

from __future__ import annotations

import itertools
from datetime import date

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from sylcollect.storage.workspace import UnlockedWorkspace
from ui import messages
from ui.dialogs import indicator_data as data
from ui.dialogs.observation_widgets import (
    CheckNotice,
    EntryFrame,
    controls_stylesheet,
    fit_to_screen,
    save_key_text,
)
from ui.models.indicators import (
    INDICATORS,
    IndicatorReturn,
    implausible_changes,
    indicator_label,
    jump_text,
    month_name,
    previous_month,
)
from ui.tasks import TaskRunner
from ui.widgets.basics import Notice, label


class IndicatorReturnDialog(QDialog):
    """One site's figures for one month; warns on implausible changes. GUI thread only."""

    saved = Signal(object)  # IndicatorReturn

    def __init__(
        self,
        workspace: UnlockedWorkspace,
        tasks: TaskRunner,
        indicators: data.IndicatorsData,
        site_id: str | None = None,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("indicatorReturnDialog")
        self.setWindowTitle(self.tr("Monthly return"))
        self.setStyleSheet(controls_stylesheet())
        self._ws = workspace
        self._tasks = tasks
        self.data = indicators
        self.today = today or date.today()
        self.saving = False
        self.edits: dict[str, QLineEdit] = {}
        self.previous: dict[str, QLabel] = {}
        self.checks: dict[str, CheckNotice] = {}
        self.errors: dict[str, Notice] = {}

        frame = EntryFrame(
            self,
            self.tr("Monthly return"),
            self.tr("Counts for the whole month at one site. Enter 0 if there were none."),
        )
        col, self.summary = frame.col, frame.summary

        top = QHBoxLayout()
        top.setSpacing(16)
        self.site = QComboBox(self)
        for sid, name in indicators.sites:
            self.site.addItem(name, sid)
        self.month = QComboBox(self)
        for month in data.month_choices(self.today):
            self.month.addItem(month_name(month), month.isoformat())
        for text, widget, stretch in (
            (self.tr("&Site"), self.site, 3),
            (self.tr("&Month"), self.month, 2),
        ):
            box = QVBoxLayout()
            box.setSpacing(2)
            lab = label(text)
            lab.setBuddy(widget)
            box.addWidget(lab)
            box.addWidget(widget)
            top.addLayout(box, stretch)
        col.addLayout(top)
        self.existing = Notice(self)
        col.addWidget(self.existing)
        col.addSpacing(8)
        col.addLayout(self._grid())

        notes_label = label(self.tr("&Notes"))
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(72)
        notes_label.setBuddy(self.notes)
        hint = indicators.hints.get("notes", "")
        col.addSpacing(8)
        col.addWidget(notes_label)
        if hint:
            col.addWidget(label(hint, "caption"))
            self.notes.setAccessibleDescription(hint)
        col.addWidget(self.notes)

        self.confirm = QCheckBox(
            self.tr("I have checked the figures marked “Check this”: they are right"), self
        )
        self.confirm.hide()
        col.addSpacing(8)
        col.addWidget(self.confirm)
        col.addStretch(1)

        self.busy, self.cancel_button, self.save_button = frame.add_footer(
            self.tr("Cancel"),
            self.tr("Save return"),
            self.tr("Save ({key})").format(key=save_key_text()),
            self.save,
        )

        self.tab_chain = [
            self.site,
            self.month,
            *self.edits.values(),
            self.notes,
            self.confirm,
            self.cancel_button,
            self.save_button,
        ]
        for a, b in itertools.pairwise(self.tab_chain):
            QWidget.setTabOrder(a, b)
        self.site.setCurrentIndex(max(0, self.site.findData(site_id)))
        self._site_changed()
        self.site.currentIndexChanged.connect(self._site_changed)
        self.month.currentIndexChanged.connect(self._month_changed)
        fit_to_screen(self, 720, 880)
        first = self.edits[INDICATORS[0]]
        first.setFocus()

    def _grid(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(0, 1)
        grid.addWidget(label(self.tr("Indicator"), "caption"), 0, 0)
        grid.addWidget(label(self.tr("This month"), "caption"), 0, 1)
        self.previous_heading = label("", "caption")
        grid.addWidget(self.previous_heading, 0, 2)
        digits = QRegularExpressionValidator(QRegularExpression(r"\d{0,6}"), self)
        row = 1
        for name in INDICATORS:
            text = indicator_label(self.data.labels, name)
            lab = label(text)
            edit = QLineEdit(self)
            edit.setObjectName(name)
            edit.setValidator(digits)
            edit.setMaximumWidth(120)
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.setAccessibleName(text)
            lab.setBuddy(edit)
            hint = self.data.hints.get(name, "")
            if hint:
                edit.setAccessibleDescription(hint)
                lab.setToolTip(hint)
            prev = label("", "muted", wrap=False)
            prev.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            prev.setMinimumWidth(120)
            grid.addWidget(lab, row, 0)
            grid.addWidget(edit, row, 1)
            grid.addWidget(prev, row, 2)
            check, error = CheckNotice(self), Notice(self)
            grid.addWidget(check, row + 1, 0, 1, 3)
            grid.addWidget(error, row + 2, 0, 1, 3)
            edit.textChanged.connect(lambda _t, n=name: self._update_check(n))
            self.edits[name], self.previous[name] = edit, prev
            self.checks[name], self.errors[name] = check, error
            row += 3
        return grid

    # --- state ------------------------------------------------------------------------
    def site_id(self) -> str:
        return str(self.site.currentData() or "")

    def month_value(self) -> date:
        return date.fromisoformat(str(self.month.currentData()))

    def previous_return(self) -> IndicatorReturn | None:
        return self.data.find(self.site_id(), previous_month(self.month_value()))

    def _site_changed(self) -> None:
        month = data.default_month(self.data.for_site(self.site_id()), self.today)
        self.month.blockSignals(True)
        self.month.setCurrentIndex(max(0, self.month.findData(month.isoformat())))
        self.month.blockSignals(False)
        self._month_changed()

    def _month_changed(self) -> None:
        before = previous_month(self.month_value())
        prev = self.previous_return()
        self.previous_heading.setText(self.tr("{month}").format(month=month_name(before)))
        for name, lab in self.previous.items():
            value = prev.value(name) if prev is not None else None
            lab.setText("—" if value is None else str(value))
            lab.setAccessibleName(
                self.tr("{month}: {value}").format(
                    month=month_name(before), value=self.tr("no return") if value is None else value
                )
            )
            self.edits[name].setAccessibleDescription(
                " ".join(p for p in (self.data.hints.get(name, ""), lab.accessibleName()) if p)
            )
        existing = self.data.find(self.site_id(), self.month_value())
        if existing is not None:
            self.existing.show_message(
                "info",
                self.tr(
                    "{month} already has a return for this site. Saving keeps both; "
                    "the newest is the one shown."
                ).format(month=month_name(self.month_value())),
            )
        else:
            self.existing.clear()
        for name in INDICATORS:
            self._update_check(name)

    def values(self) -> dict[str, int | None]:
        return {
            name: int(edit.text()) if edit.text().strip() else None
            for name, edit in self.edits.items()
        }

    def jumps(self) -> dict[str, str]:
        prev = self.previous_return()
        found = implausible_changes(self.values(), prev.values if prev else None)
        return {j.indicator: jump_text(j) for j in found}

    def _update_check(self, name: str) -> None:
        text = self.jumps().get(name)
        if text:
            self.checks[name].show_message("check", text)
        else:
            self.checks[name].clear()
        self.confirm.setVisible(any(c.kind for c in self.checks.values()))

    # --- saving -----------------------------------------------------------------------
    def show_problems(self, problems: list[tuple[str, str]]) -> None:
        for notice in self.errors.values():
            notice.clear()
        for key, text in problems:
            if key in self.errors:
                self.errors[key].show_message("error", text)
        targets: dict[str, QWidget] = {**self.edits, "confirm": self.confirm, "notes": self.notes}
        self.summary.show_problems([(text, targets.get(key)) for key, text in problems])

    def problems(self) -> list[tuple[str, str]]:
        found = [
            (
                name,
                self.tr("{label}: enter a number (0 if there were none).").format(
                    label=indicator_label(self.data.labels, name)
                ),
            )
            for name, value in self.values().items()
            if value is None
        ]
        if self.jumps() and not self.confirm.isChecked():
            found.append(
                (
                    "confirm",
                    self.tr(
                        "Some figures changed a lot since last month. Check them, "
                        "then tick “I have checked the figures” to save."
                    ),
                )
            )
        return found

    def answers(self) -> dict[str, object]:
        answers: dict[str, object] = {"month": self.month_value().isoformat()}
        answers.update(self.values())
        notes = self.notes.toPlainText().strip()
        if notes:
            answers["notes"] = notes
        return answers

    def save(self) -> None:
        if self.saving:
            return
        problems = self.problems()
        if problems:
            self.show_problems(problems)
            return
        self.show_problems([])
        self.saving = True
        self.busy.start(self.tr("Saving…"))
        self._tasks.run(
            data.save_return,
            self._ws,
            self.site_id(),
            self.answers(),
            on_done=self._saved,
            on_error=self._failed,
            context=self,
        )

    def _saved(self, saved: IndicatorReturn) -> None:
        self.saving = False
        self.busy.stop()
        self.saved.emit(saved)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.saving = False
        self.busy.stop()
        text = messages.message_for(exc, "indicators")
        found = data.answer_error(str(exc))
        if found is not None:
            name, words = found
            label_text = indicator_label(self.data.labels, name)
            if "required" in words.lower():
                words = self.tr("enter a number (0 if there were none).")
            text = f"{label_text}: {messages.sentence(words)}"
            self.show_problems([(name, text)])
        else:
            self.show_problems([("", text)])

    def reject(self) -> None:
        if not self.saving:
            super().reject()
