"""Every version of one conflicting record side by side, and a choice of the one to keep.

Each column names the laptop, the fieldworker's account and when the version was last
changed, shows it read-only, and ends with a large "Keep this version" button. Keeping asks
once, saying plainly what happens to the other versions, then runs `resolve` on the
supervisor page's central worker (never on the GUI thread).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sylcollect.sync.central_resolve import SUPERVISOR
from ui.models.devices import when
from ui.pages.supervisor_data import ConflictDetail, VersionView, resolve
from ui.widgets.basics import BusyRow, Notice, button_row, confirm, label

Run = Callable[..., None]  # SupervisorPage.run: fn(connection, *args) on the central worker
KEEP_CONTENT_PX = 36  # + padding, border and margin: a 48 px target (UX.md asks >= 24 for staff)


def _tr(text: str) -> str:
    return QCoreApplication.translate("conflict_view", text)


def _answers(version: dict[str, Any] | None) -> dict[str, Any]:
    content = (version or {}).get("content")
    answers = content.get("answers") if isinstance(content, dict) else None
    return answers if isinstance(answers, dict) else {}


def differing(versions: list[dict[str, Any] | None]) -> set[str]:
    """The questions whose answers are not the same in every readable version."""
    readable = [_answers(v) for v in versions if v is not None]
    names = set().union(*readable) if readable else set()
    return {n for n in names if len({json.dumps(a.get(n), sort_keys=True) for a in readable}) > 1}


def describe(
    version: dict[str, Any] | None, differ: set[str] | frozenset[str] = frozenset()
) -> str:
    """A version as plain lines: its status, then each answer ('≠' before those in `differ`)
    and score."""
    if version is None:
        return _tr("This version can't be read: the participant withdrew.")
    content = version.get("content")
    if not isinstance(content, dict):
        return json.dumps(version, ensure_ascii=False, indent=1, sort_keys=True, default=str)
    lines = [_tr("Status: {s}").format(s=version.get("status", "")), ""]
    lines += [
        f"{'≠' if k in differ else ' '} {k}: {json.dumps(v, ensure_ascii=False)}"
        for k, v in sorted(_answers(version).items())
    ]
    scores = content.get("scores")
    if isinstance(scores, dict) and scores:
        lines += ["", _tr("Scores:")]
        lines += [f"  {k}: {json.dumps(v, ensure_ascii=False)}" for k, v in sorted(scores.items())]
    return "\n".join(lines)


def source_name(v: VersionView) -> str:
    """Where a version comes from: 'laptop 1a2b3c4d (ann)' or a supervisor's earlier choice."""
    if v.device_id == SUPERVISOR:
        return _tr("a supervisor's earlier choice")
    if v.fieldworker:
        return _tr("laptop {d} ({who})").format(d=v.device_id[:8], who=v.fieldworker)
    return _tr("laptop {d}").format(d=v.device_id[:8])


def version_line(v: VersionView) -> str:
    return _tr("{source}, revision {r}, changed {at}").format(
        source=source_name(v), r=v.revision, at=when(v.updated_at)
    )


def keep_box(parent: QWidget, chosen: VersionView, others: tuple[VersionView, ...]) -> QMessageBox:
    """The one confirmation: which version stays and what happens to the others."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_tr("Keep this version"))
    box.setText(_tr("Keep the version from {v}?").format(v=version_line(chosen)))
    gone = "\n".join(f"•  {version_line(v)}" for v in others)
    box.setInformativeText(
        _tr(
            "The record will hold this version, with its answers, scores and alerts.\n\n"
            "Removed from the central store:\n{gone}\n\n"
            "Their answers can't be brought back here afterwards: only a note that they "
            "existed (laptop, revision and time, no answers) stays in the audit log. The "
            "laptops keep their own copies."
        ).format(gone=gone)
    )
    return box


def confirm_keep(parent: QWidget, chosen: VersionView, others: tuple[VersionView, ...]) -> bool:
    """Asks once; Cancel is the default, the button says what it does."""
    box = keep_box(parent, chosen, others)
    return confirm(box, _tr("Keep this version"), QMessageBox.ButtonRole.AcceptRole)


class ConflictDialog(QDialog):
    """The versions side by side with a keep button under each. GUI thread; the choice is
    saved through `run` (the central worker) and announced by `resolved(Resolution)`."""

    resolved = Signal(object)

    def __init__(
        self, detail: ConflictDetail, run: Run, by: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle(self.tr("Compare versions"))
        self.setStyleSheet(_stylesheet())
        self.detail = detail
        self._run = run
        self._by = by
        self.confirm: Callable[[QWidget, VersionView, tuple[VersionView, ...]], bool] = confirm_keep
        col = QVBoxLayout(self)
        col.setContentsMargins(24, 20, 24, 16)
        short = detail.record_uuid[:8]
        head = (
            self.tr("{form} · record {r}").format(form=detail.form_id, r=short)
            if detail.form_id
            else self.tr("Record {r}").format(r=short)
        )
        col.addWidget(label(head, "subtitle"))
        col.addWidget(label(self._intro(), "muted"))
        self.differ = differing([v.item for v in detail.versions])
        if self.differ:
            col.addWidget(
                label(self.tr("≠ marks the answers that differ between versions."), "muted")
            )
        col.addSpacing(12)
        row = QHBoxLayout()
        row.setSpacing(16)
        self.panes: list[QPlainTextEdit] = []
        self.keep_buttons: list[QPushButton] = []
        for version in detail.versions:
            row.addLayout(self._column(version), 1)
        col.addLayout(row, 1)
        self.notice = Notice(self)
        self.busy = BusyRow(self)
        col.addWidget(self.notice)
        col.addWidget(self.busy)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.reject)
        col.addLayout(button_row(self.close_button))
        self.resize(max(900, 320 * len(detail.versions)), 620)

    def _intro(self) -> str:
        if self.detail.withdrawn:
            return self.tr(
                "The participant withdrew: every version was destroyed, so there is nothing "
                "to compare or keep."
            )
        return self.tr(
            "Laptops sent different versions of this record. The record holds the newest one "
            "until you choose. Keep the right version: the others are removed from the "
            "central store."
        )

    def _column(self, v: VersionView) -> QVBoxLayout:
        box = QVBoxLayout()
        box.setSpacing(4)
        where = self.tr("In the record now") if v.current else self.tr("Also sent")
        title = label(where, "caption")
        source = label(source_name(v), "subtitle")
        changed = label(
            self.tr("Revision {r} · changed {at}").format(r=v.revision, at=when(v.updated_at)),
            "muted",
        )
        pane = QPlainTextEdit(self)
        pane.setReadOnly(True)
        pane.setTabChangesFocus(True)  # Tab moves on: the pane is for reading and scrolling
        pane.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        pane.setPlainText(describe(v.item, self.differ))
        pane.setAccessibleName(f"{where}: {version_line(v)}")
        title.setBuddy(pane)
        for w in (title, source, changed):
            box.addWidget(w)
        box.addWidget(pane, 1)
        self.panes.append(pane)
        if not self.detail.withdrawn and v.item is not None:
            keep = QPushButton(self.tr("Keep this version"), self)
            keep.setAutoDefault(False)
            keep.setProperty("keep", True)
            keep.setAccessibleName(self.tr("Keep this version: {v}").format(v=version_line(v)))
            keep.setToolTip(keep.accessibleName())
            keep.clicked.connect(lambda _checked=False, v=v: self.keep(v))
            box.addWidget(keep)
            self.keep_buttons.append(keep)
        return box

    def keep(self, chosen: VersionView) -> None:
        """Asks, then keeps `chosen` on the central worker; the dialog waits, never blocks."""
        others = self.detail.others(chosen)
        if not self.confirm(self, chosen, others):
            return
        self._busy(True)
        self._run(
            resolve,
            self.detail.record_uuid,
            chosen.keep,
            self._by,
            on_done=self._done,
            on_error=self._failed,
        )

    def _busy(self, busy: bool) -> None:
        for b in self.keep_buttons:
            b.setEnabled(not busy)
        if busy:
            self.notice.clear()
            self.busy.start(self.tr("Keeping the version you chose…"))
        else:
            self.busy.stop()

    def _done(self, resolution: Any) -> None:
        self._busy(False)
        self.resolved.emit(resolution)
        self.accept()

    def _failed(self, text: str) -> None:
        self._busy(False)
        self.notice.show_message("error", text)

    def done(self, result: int) -> None:
        """Closing (or the lock) empties the panes: decrypted answers don't outlive the view."""
        for pane in self.panes:
            pane.clear()
        super().done(result)


def _stylesheet() -> str:
    """Large keep buttons; reading panes with a border and a visible focus ring."""
    from ui import theme

    t = theme.current()
    app = QApplication.instance()
    scale = float(app.property("sylTextScale") or 1.0) if app is not None else 1.0
    return (
        f'QPushButton[keep="true"] {{ min-height: {round(KEEP_CONTENT_PX * scale)}px;'
        " font-weight: 600; }"
        f" QPlainTextEdit {{ background: {t.surface}; color: {t.text};"
        f" border: 1px solid {t.border_input}; border-radius: 6px; margin: 2px; }}"
        f" QPlainTextEdit:focus {{ border: 3px solid {t.focus}; margin: 0px; }}"
    )
