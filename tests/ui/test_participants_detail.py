"""The participant detail page: audited "Show details", consent, edit, withdrawal."""

# ruff: noqa: F811 - pytest fixtures imported from test_participants_support

from __future__ import annotations

from a11y import check_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from test_participants_support import (
    dialog_of,
    make_services,
    participants_page,
    prefs,  # noqa: F401
    unlocked,  # noqa: F401
)
from ui_helpers import wait_idle

from sylcollect.domain.audit import AuditAction
from sylcollect.domain.consent import ConsentScope, ConsentWho
from sylcollect.domain.participant import Identity
from ui.models.participants import CONSENT, STATUS


def opened(qtbot, unlocked, tasks, prefs, code="YP-001"):
    page = participants_page(qtbot, make_services(unlocked, tasks, prefs), tasks)
    page.open_participant(code)
    qtbot.waitUntil(lambda: page.detail.detail is not None, timeout=10000)
    wait_idle(qtbot, tasks)
    return page


def texts(widget) -> str:
    body = widget.scroll.widget()
    return "\n".join(w.text() for w in body.findChildren(QLabel)) if body else ""


def views(unlocked, code: str) -> int:
    with unlocked.transaction() as tx:
        uuid = tx.participants.get(code).uuid
        return sum(1 for e in tx.audit_log.events(uuid) if e.action == AuditAction.VIEW_IDENTITY)


def test_show_details_is_audited(qtbot, unlocked, tasks, prefs) -> None:
    with unlocked.transaction() as tx:
        tx.participants.change("YP-001", identity=Identity(name="Alex Sample"))
    page = opened(qtbot, unlocked, tasks, prefs)
    detail = page.detail
    assert "Alex Sample" not in texts(detail)
    assert "Hidden" in texts(detail)
    assert views(unlocked, "YP-001") == 0
    assert detail.show_button.text() == "Show details"
    detail.show_button.setFocus()
    qtbot.keyClick(detail.show_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: detail.identity is not None, timeout=10000)
    assert "Name: Alex Sample" in texts(detail)
    assert views(unlocked, "YP-001") == 1
    assert QApplication.focusWidget() is detail.show_button  # now "Hide details"
    qtbot.mouseClick(detail.show_button, Qt.MouseButton.LeftButton)
    assert "Alex Sample" not in texts(detail)
    assert check_window(qtbot, page) == []


def test_record_consent(qtbot, unlocked, tasks, prefs) -> None:
    from ui.dialogs.consent import ConsentDialog

    page = opened(qtbot, unlocked, tasks, prefs)
    qtbot.mouseClick(page.detail.consent_button, Qt.MouseButton.LeftButton)
    dialog = dialog_of(page, ConsentDialog)
    qtbot.waitExposed(dialog)
    assert check_window(qtbot, dialog) == []
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert set(k for k, f in dialog.fields.items() if f.error.isVisible()) == {
        "who",
        "scopes",
        "sheet",
        "method",
    }
    # Radios are one tab stop with the arrow keys inside.
    first = dialog.who.buttons["self"]
    dialog.activateWindow()
    qtbot.mouseClick(first, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(first.hasFocus, timeout=2000)
    qtbot.keyClick(first, Qt.Key.Key_Down)
    assert dialog.who.value() == "assent_parent"
    for scope in (ConsentScope.TAKING_PART, ConsentScope.INTERVIEW):
        dialog.scopes[scope].setFocus()  # scrolls it into view
        qtbot.keyClick(dialog.scopes[scope], Qt.Key.Key_Space)
    qtbot.keyClicks(dialog.sheet, "2")
    dialog.method.buttons["paper"].click()
    assert dialog.values()[1] == {}
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.detail.detail is not None and bool(page.detail.detail.consents))
    wait_idle(qtbot, tasks)
    assert "Taking part in the evaluation, Being interviewed" in texts(page.detail)
    with unlocked.transaction() as tx:
        (consent,) = tx.consents.for_participant(tx.participants.get("YP-001").uuid)
    assert consent.who is ConsentWho.ASSENT_PARENT and consent.info_sheet_version == "2"
    assert consent.taken_by == "ann"
    page.show_list()
    qtbot.waitUntil(lambda: page.list.model.total == 2)
    row = page.list.model.row_of("YP-001")
    qtbot.waitUntil(lambda: page.list.model.index(row, CONSENT).data() == "Consent given")


def test_withdraw_needs_the_typed_code(qtbot, unlocked, tasks, prefs) -> None:
    from ui.dialogs.withdraw import WithdrawDialog

    page = opened(qtbot, unlocked, tasks, prefs, "YP-002")
    qtbot.mouseClick(page.detail.withdraw_button, Qt.MouseButton.LeftButton)
    dialog = dialog_of(page, WithdrawDialog)
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Withdraw YP-002?"
    assert dialog.withdraw_button.text() == "Withdraw participant"
    assert dialog.cancel_button.isDefault() and not dialog.withdraw_button.isDefault()
    words = "\n".join(w.text() for w in dialog.findChildren(QLabel))
    assert "unreadable for everyone, forever" in words
    assert "counts remain" in words and "Paper forms" in words
    assert check_window(qtbot, dialog) == []
    qtbot.mouseClick(dialog.withdraw_button, Qt.MouseButton.LeftButton)  # nothing typed
    assert dialog.fields["confirm"].error.isVisible() and dialog.isVisible()
    qtbot.keyClicks(dialog.confirm, "YP-001")  # the wrong code
    qtbot.mouseClick(dialog.withdraw_button, Qt.MouseButton.LeftButton)
    assert "exactly" in dialog.fields["confirm"].error.text()
    with unlocked.transaction() as tx:
        assert not tx.participants.get("YP-002").withdrawn
    dialog.confirm.clear()
    qtbot.keyClicks(dialog.confirm, "YP-002")
    with qtbot.waitSignal(dialog.withdrawn, timeout=15000):
        qtbot.mouseClick(dialog.withdraw_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: page.detail.detail is not None and page.detail.detail.participant.withdrawn,
        timeout=10000,
    )
    assert not page.detail.withdraw_button.isVisible()
    assert "YP-002 was withdrawn" in page.detail.notice.message()
    page.show_list()
    row = page.list.model.row_of("YP-002")
    qtbot.waitUntil(lambda: page.list.model.index(row, STATUS).data() == "Withdrawn", timeout=10000)


def test_withdraw_escape_cancels(qtbot, unlocked, tasks, prefs) -> None:
    from ui.dialogs.withdraw import WithdrawDialog

    page = opened(qtbot, unlocked, tasks, prefs, "YP-002")
    page.detail.withdraw()
    dialog = dialog_of(page, WithdrawDialog)
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.confirm, "YP-002")
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)  # Enter is Cancel: the safe default
    assert not dialog.isVisible()
    wait_idle(qtbot, tasks)
    with unlocked.transaction() as tx:
        assert not tx.participants.get("YP-002").withdrawn


def test_edit_reveals_then_saves(qtbot, unlocked, tasks, prefs) -> None:
    from ui.dialogs.participant import ParticipantDialog

    page = opened(qtbot, unlocked, tasks, prefs)
    qtbot.mouseClick(page.detail.edit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: bool([d for d in page.findChildren(ParticipantDialog) if d.isVisible()]),
        timeout=10000,
    )
    dialog = dialog_of(page, ParticipantDialog)
    assert views(unlocked, "YP-001") == 1  # editing shows the details: audited
    assert dialog.code.isReadOnly() and not dialog.site.isEnabled()
    dialog.name.setText("Robin New")
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Robin New" in texts(page.detail), timeout=10000)
    assert "Changes saved" in page.detail.notice.message()


def test_an_alert_whose_answers_changed_still_needs_action(qtbot, unlocked, tasks, prefs) -> None:
    from sylcollect.domain.record import RecordStatus
    from sylcollect.services.drafts import DraftSave, save_draft
    from sylcollect.services.records import NewRecord, add_record

    items = {f"phq9_{i}": "0" for i in range(1, 9)}
    draft = RecordStatus.DRAFT
    first = add_record(
        unlocked, NewRecord("phq9", {**items, "phq9_9": "1"}, "YP-001", status=draft)
    )
    add_record(unlocked, NewRecord("phq9", {**items, "phq9_9": "2"}, "YP-001", status=draft))
    # the first one's item 9 changed to 'Not at all': its alert stays, no longer holding
    changed = DraftSave("phq9", first.form_version, {**items, "phq9_9": "0"}, uuid=first.uuid)
    (alert,) = save_draft(unlocked, changed).alerts
    assert not alert.holds and not alert.acknowledged
    page = opened(qtbot, unlocked, tasks, prefs)
    lines = [t for t in texts(page.detail).splitlines() if t.startswith("Needs action: ")]
    assert len(lines) == 2
    assert sum(t.endswith(") (no longer applies after the answers changed)") for t in lines) == 1
    assert all("Question 9" in t for t in lines)
