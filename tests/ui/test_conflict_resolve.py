"""Resolving a conflict in the app: the side-by-side dialog with a keep button per version
(alone, with a stand-in worker), then the whole trip on the supervisor page with a real
central store: compare, keep a laptop's version, the list refreshed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from a11y import accessible_name, check_tab_order, check_window
from PySide6.QtCore import Qt
from test_supervisor import Home, connected, home, page, wait_report  # noqa: F401 (fixtures)
from ui_helpers import PASSWORD, show

from sylcollect.sync.central import locate, open_central, unlock_central
from sylcollect.sync.central_resolve import CENTRAL, SUPERVISOR, Resolution, Version
from tests.core.sync.test_import_support import record
from ui.dialogs.conflict_view import ConflictDialog, describe, differing, keep_box
from ui.models.conflicts import ConflictRow, ConflictsModel
from ui.pages.supervisor_data import ConflictDetail, VersionView, resolve

A, B = "aaaaaaaa-1111-4111-8111-111111111111", "bbbbbbbb-2222-4222-8222-222222222222"
UUID = "12345678-9abc-4def-8123-456789abcdef"


def _item(notes: str, revision: int) -> dict[str, Any]:
    return {
        "revision": revision,
        "status": "final",
        "updated_at": "2026-03-01T09:03:00+00:00",
        "content": {"answers": {"notes": notes}, "scores": {}},
    }


def detail(*, withdrawn: bool = False) -> ConflictDetail:
    kept = VersionView(CENTRAL, B, "bob", 2, "2026-03-01T09:03:00+00:00", _item("from b", 2))
    other = VersionView(A, A, "ann", 1, "2026-03-01T09:00:00+00:00", _item("from a", 1))
    if withdrawn:
        kept, other = (
            VersionView(v.keep, v.device_id, v.fieldworker, v.revision, v.updated_at, None)
            for v in (kept, other)
        )
    return ConflictDetail(UUID, "site_indicators", withdrawn, (kept, other))


class Worker:
    """Stands in for SupervisorPage.run: records each call, answers when told."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, tuple[Any, ...], dict[str, Any]]] = []

    def __call__(self, fn: Any, *args: Any, **callbacks: Any) -> None:
        self.calls.append((fn, args, callbacks))


@pytest.fixture
def dialog(qtbot):
    worker = Worker()
    d = ConflictDialog(detail(), worker, "ann")
    d.worker = worker
    show(qtbot, d)
    yield d
    d.close()


def test_each_version_has_a_large_named_keep_button(qtbot, dialog) -> None:
    kept, other = dialog.panes
    assert 'notes: "from b"' in kept.toPlainText() and "from a" in other.toPlainText()
    first, second = dialog.keep_buttons
    assert first.text() == second.text() == "Keep this version"
    assert first.height() >= 44 and second.height() >= 44
    assert "laptop bbbbbbbb (bob), revision 2, changed 2026-03-01 09:03" in accessible_name(first)
    assert "laptop aaaaaaaa (ann), revision 1, changed 2026-03-01 09:00" in accessible_name(second)
    assert dialog.close_button.isDefault()  # Enter never removes a version
    assert check_tab_order(qtbot, [kept, first, other, second, dialog.close_button]) == []
    assert check_window(qtbot, dialog) == []


def test_cancelled_confirmation_changes_nothing(qtbot, dialog) -> None:
    asked = []
    dialog.confirm = lambda _w, chosen, others: asked.append((chosen, others)) and False
    qtbot.mouseClick(dialog.keep_buttons[1], Qt.MouseButton.LeftButton)
    [(chosen, others)] = asked
    assert chosen.device_id == A and [o.device_id for o in others] == [B]
    assert dialog.worker.calls == [] and dialog.isVisible()


def test_keeping_runs_on_the_worker_then_closes(qtbot, dialog) -> None:
    dialog.confirm = lambda *_a: True
    dialog.keep_buttons[1].setFocus()
    qtbot.keyClick(dialog.keep_buttons[1], Qt.Key.Key_Space)  # the keyboard is enough
    [(fn, args, callbacks)] = dialog.worker.calls
    assert fn is resolve and args == (UUID, A, "ann")
    assert not dialog.keep_buttons[0].isEnabled() and dialog.busy.isVisible()
    done = Resolution(UUID, Version(A, 1, "t"), (Version(B, 2, "t"),), 3)
    with qtbot.waitSignal(dialog.resolved) as got:
        callbacks["on_done"](done)
    assert got.args == [done] and not dialog.isVisible()
    assert all(p.toPlainText() == "" for p in dialog.panes)  # nothing decrypted lingers


def test_a_failure_is_said_in_the_dialog_and_the_choice_stays_open(qtbot, dialog) -> None:
    dialog.confirm = lambda *_a: True
    qtbot.mouseClick(dialog.keep_buttons[0], Qt.MouseButton.LeftButton)
    [(_fn, args, callbacks)] = dialog.worker.calls
    assert args[1] == CENTRAL
    callbacks["on_error"]("Record 12345678 has no conflict to resolve.")
    assert dialog.notice.message() == "Record 12345678 has no conflict to resolve."
    assert all(b.isEnabled() for b in dialog.keep_buttons) and dialog.isVisible()


def test_confirmation_says_what_happens_to_the_other_version(qtbot) -> None:
    d = detail()
    chosen = d.versions[1]
    box = keep_box(None, chosen, d.others(chosen))  # type: ignore[arg-type]
    assert "laptop aaaaaaaa (ann)" in box.text()
    info = box.informativeText()
    assert "laptop bbbbbbbb (bob), revision 2" in info
    assert "Removed from the central store" in info and "audit log" in info
    assert "laptops keep their own copies" in info
    box.deleteLater()


def test_withdrawn_participant_offers_nothing_to_keep(qtbot) -> None:
    d = ConflictDialog(detail(withdrawn=True), Worker(), "ann")
    show(qtbot, d)
    assert d.keep_buttons == []
    assert "withdrew" in d.panes[0].toPlainText()
    assert describe(None).startswith("This version can't be read")
    assert check_window(qtbot, d) == []
    d.close()


def test_resolve_on_the_supervisor_page(qtbot, page, home: Home, tmp_path: Path) -> None:  # noqa: F811
    a, b = home.central.device(), home.central.device()
    home.central.approve(a)
    home.central.approve(b)
    site = record(None, {"notes": "from laptop a"})
    a.bundle(home.out, [site])
    b.bundle(home.out, [record(None, {"notes": "from laptop b"}, uuid=site.uuid, revision=2,
                                minutes=3)])  # fmt: skip
    connected(qtbot, page, home)
    page.imports.import_folder(home.out)
    wait_report(qtbot, page)
    panel = page.conflicts
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=20000)
    page.tabs.setCurrentWidget(panel)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)  # Enter on the row compares
    qtbot.waitUntil(lambda: panel.dialog is not None, timeout=20000)
    dialog = panel.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    assert [v.device_id for v in dialog.detail.versions] == [b.device_id, a.device_id]
    assert dialog.detail.versions[1].fieldworker == a.fieldworker
    assert "≠ notes" in dialog.panes[0].toPlainText()
    dialog.grab().save(str(tmp_path / "conflict-dialog.png"))
    asked = []
    dialog.confirm = lambda _w, chosen, others: asked.append(chosen.device_id) or True
    qtbot.mouseClick(dialog.keep_buttons[1], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0, timeout=20000)
    assert asked == [a.device_id] and not dialog.isVisible()
    assert "the version you chose is kept" in panel.notice.message()
    assert panel.empty.text() == "No conflicts."
    page.clear()
    page.central_tasks.wait()
    store = unlock_central(open_central(locate(home.central.home)), PASSWORD)
    try:
        with store.transaction() as tx:
            assert tx.records.get(site.uuid).answers["notes"] == "from laptop a"
            [event] = tx.audit_log.events(entity_uuid=site.uuid, limit=1)
        assert event.details is not None and event.details["by"] == "ann"
    finally:
        store.lock()
        store.workspace.close()


def _two_laptops_clash(qtbot, page, home: Home):  # type: ignore[no-untyped-def]  # noqa: F811
    """Two approved laptops send different versions of one site record; the supervisor page
    imports them and lists the conflict. Returns the record and the conflicts panel."""
    a, b = home.central.device(), home.central.device()
    home.central.approve(a)
    home.central.approve(b)
    site = record(None, {"notes": "one"})
    a.bundle(home.out, [site])
    b.bundle(home.out, [record(None, {"notes": "two"}, uuid=site.uuid, revision=2, minutes=3)])
    connected(qtbot, page, home)
    page.imports.import_folder(home.out)
    wait_report(qtbot, page)
    panel = page.conflicts
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=20000)
    return site, panel


def test_a_conflict_resolved_elsewhere_is_said_and_the_list_reloads(
    qtbot,
    page,  # noqa: F811
    home: Home,  # noqa: F811
) -> None:
    site, panel = _two_laptops_clash(qtbot, page, home)
    page.run(resolve, site.uuid, CENTRAL, "someone else", on_done=lambda _r: None)
    qtbot.waitUntil(lambda: not page.central_tasks.busy, timeout=20000)
    panel.compare()
    qtbot.waitUntil(lambda: panel.notice.message() != "", timeout=20000)
    assert panel.notice.message() == "That conflict was already resolved."
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0, timeout=20000)
    assert panel.dialog is None


def test_closing_the_study_home_closes_an_open_comparison(
    qtbot,
    page,  # noqa: F811
    home: Home,  # noqa: F811
) -> None:
    _, panel = _two_laptops_clash(qtbot, page, home)
    panel.compare()
    qtbot.waitUntil(lambda: panel.dialog is not None and panel.dialog.isVisible(), timeout=20000)
    dialog = panel.dialog
    assert "notes" in dialog.panes[0].toPlainText()
    page.disconnect_home()
    assert not dialog.isVisible()
    assert all(pane.toPlainText() == "" for pane in dialog.panes), "answers left on screen"


def test_answers_that_differ_are_marked() -> None:
    one = {"status": "final", "content": {"answers": {"a": 1, "b": "same"}, "scores": {}}}
    two = {"status": "draft", "content": {"answers": {"a": 2, "b": "same", "c": [1]}}}
    differ = differing([one, two, None])
    assert differ == {"a", "c"}
    text = describe(two, differ)
    assert text.splitlines()[0] == "Status: draft"
    assert "≠ a: 2" in text and '  b: "same"' in text and "≠ c: [1]" in text


def test_conflicts_model_names_a_supervisors_choice_and_withdrawals(qapp) -> None:
    row = ConflictRow.from_json(
        {
            "record_uuid": UUID,
            "kept": {"device_id": SUPERVISOR, "revision": 3},
            "others": [{"device_id": A, "revision": 2, "updated_at": "t"}],
            "withdrawn": True,
        }
    )
    m = ConflictsModel()
    m.set_rows([row])
    assert m.index(0, m.KEPT).data() == "a supervisor's choice, revision 3"
    assert m.index(0, m.OTHERS).data() == "laptop aaaaaaaa, revision 2 (participant withdrew)"
