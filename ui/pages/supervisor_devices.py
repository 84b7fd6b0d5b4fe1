"""Supervisor tools, Devices and Quarantine: laptops that sent bundles (status, last seen,
sequence gaps, held bundles); approve (and import what was held) or revoke; and Conflicts:
records two laptops both changed, shown side by side to keep one."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sylcollect.sync.central import PENDING, REVOKED, DeviceInfo
from sylcollect.sync.central_resolve import Resolution
from ui.models.conflicts import ConflictRow, ConflictsModel
from ui.models.devices import DevicesModel
from ui.pages.supervisor_data import ConflictDetail, approve, conflict_detail, revoke
from ui.widgets.basics import Notice, confirm, label

Run = Callable[..., None]


def _table(parent: QWidget, name: str, model: object) -> QTableView:
    table = QTableView(parent)
    table.setTabKeyNavigation(False)  # one tab stop; arrows move inside
    table.setObjectName(name.replace(" ", ""))
    table.setAccessibleName(name)
    table.setModel(model)  # type: ignore[arg-type]
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setShowGrid(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(32)
    head = table.horizontalHeader()
    head.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    head.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return table


def confirm_revoke(parent: QWidget, device: DeviceInfo) -> bool:
    """One clear dialog: names the laptop and the consequence; Cancel is the default."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(parent.tr("Revoke laptop"))
    box.setText(
        parent.tr("Revoke laptop {d} ({who})?").format(
            d=device.device_id[:8], who=device.fieldworker
        )
    )
    box.setInformativeText(
        parent.tr(
            "Its bundles will be refused from now on, including any not imported yet, and the "
            "next study package tells the laptop. This can't be undone."
        )
    )
    return confirm(box, parent.tr("Revoke laptop"), QMessageBox.ButtonRole.DestructiveRole)


class DevicesPanel(QWidget):
    """All laptops, or (`held_only`) those waiting for approval or holding bundles."""

    approved = Signal(object)  # tuple[ImportOutcome, ...]
    changed = Signal()

    def __init__(self, run: Run, *, held_only: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._run = run
        self.held_only = held_only
        self.confirm: Callable[[QWidget, DeviceInfo], bool] = confirm_revoke
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 12, 0, 0)
        col.setSpacing(8)
        self.intro = label(
            self.tr(
                "Bundles from a laptop the study hasn't approved are held here. Check the "
                "laptop and fieldworker, then approve it to import what it sent."
            )
            if held_only
            else self.tr("Laptops that sent bundles. Missing bundle numbers are listed."),
            "muted",
        )
        col.addWidget(self.intro)
        self.model = DevicesModel(self)
        name = self.tr("Held bundles") if held_only else self.tr("Laptops")
        self.table = _table(self, name, self.model)
        col.addWidget(self.table, 1)
        self.empty = label("", "muted")
        col.addWidget(self.empty)
        row = QHBoxLayout()
        self.approve_button = QPushButton(self.tr("Approve and import"), self)
        self.revoke_button = QPushButton(self.tr("Revoke laptop…"), self)
        for b in (self.approve_button, self.revoke_button):
            b.setAutoDefault(False)
            row.addWidget(b)
        row.addStretch(1)
        col.addLayout(row)
        self.approve_button.clicked.connect(lambda: self.approve_selected())
        self.revoke_button.clicked.connect(lambda: self.revoke_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._buttons())
        self._buttons()

    def set_devices(self, devices: Sequence[DeviceInfo]) -> None:
        shown = (
            [d for d in devices if d.status == PENDING or d.quarantined]
            if self.held_only
            else list(devices)
        )
        self.model.set_devices(shown)
        self.empty.setText(
            ""
            if shown
            else self.tr("Nothing is held.")
            if self.held_only
            else self.tr("No laptop has sent a bundle yet.")
        )
        if shown:
            self.table.selectRow(0)
        self._buttons()

    def selected(self) -> DeviceInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.device(rows[0].row()) if rows else None

    def _buttons(self) -> None:
        """Only the actions that apply to the selected laptop are shown (none greyed out)."""
        d = self.selected()
        self.approve_button.setVisible(d is not None and d.status == PENDING)
        self.revoke_button.setVisible(d is not None and d.status != REVOKED)
        if d is not None:
            self.approve_button.setToolTip(
                self.tr("Approve laptop {d} and import its held bundles").format(d=d.device_id[:8])
            )

    def approve_selected(self, device_id: str | None = None) -> None:
        d = device_id or (self.selected().device_id if self.selected() else None)
        if d:
            self._run(approve, d, on_done=self._approved)

    def _approved(self, outcomes: tuple) -> None:
        self.approved.emit(outcomes)
        self.changed.emit()

    def revoke_selected(self) -> None:
        d = self.selected()
        if d is not None and d.status != REVOKED and self.confirm(self, d):
            self._run(revoke, d.device_id, on_done=lambda _none: self.changed.emit())


class ConflictsPanel(QWidget):
    """The conflicts list; Compare opens the versions side by side to keep one. `changed`
    fires once a conflict is resolved (the page reloads the list)."""

    changed = Signal()

    def __init__(
        self, run: Run, who: Callable[[], str] = lambda: "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._run = run
        self._who = who
        self.dialog: QWidget | None = None
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 12, 0, 0)
        col.setSpacing(8)
        col.addWidget(
            label(
                self.tr(
                    "Records changed on two laptops. The record holds the newer version and the "
                    "others are kept beside it. Compare the versions to keep the right one."
                ),
                "muted",
            )
        )
        self.notice = Notice(self)
        col.addWidget(self.notice)
        self.model = ConflictsModel(self)
        self.table = _table(self, self.tr("Conflicts"), self.model)
        self.table.activated.connect(lambda _i: self.compare())  # Enter or double-click
        col.addWidget(self.table, 1)
        self.empty = label("", "muted")
        col.addWidget(self.empty)
        row = QHBoxLayout()
        self.compare_button = QPushButton(self.tr("Compare versions"), self)
        self.compare_button.setAutoDefault(False)
        self.compare_button.clicked.connect(self.compare)
        row.addWidget(self.compare_button)
        row.addStretch(1)
        col.addLayout(row)

    def set_rows(self, rows: Sequence[ConflictRow]) -> None:
        self.model.set_rows(rows)
        self.empty.setText("" if rows else self.tr("No conflicts."))
        self.compare_button.setVisible(bool(rows))
        if rows:
            self.table.selectRow(0)

    def compare(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self._run(conflict_detail, self.model.rows[rows[0].row()], on_done=self._show)

    def _show(self, detail: ConflictDetail | None) -> None:
        from ui.dialogs.conflict_view import ConflictDialog

        if detail is None:  # resolved meanwhile (another supervisor, or the command line)
            self.notice.show_message("info", self.tr("That conflict was already resolved."))
            self.changed.emit()
            return
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.close()  # one conflict at a time
        dialog = ConflictDialog(detail, self._run, self._who(), self)
        dialog.resolved.connect(self._resolved)
        self.dialog = dialog
        dialog.show()

    def _resolved(self, resolution: Resolution) -> None:
        self.notice.show_message(
            "success",
            self.tr("Record {r}: the version you chose is kept; the others were removed.").format(
                r=resolution.record_uuid[:8]
            ),
        )
        self.changed.emit()
        self.table.setFocus()
