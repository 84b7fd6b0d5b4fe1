"""File questions in the form filler: a file picked from disk is attached encrypted after the
draft's first save, the answer refers to it, its name and size show with Remove; problems are
said in plain words; self-complete screens offer no file picking."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import pytest
from a11y import check_focus_visible, check_names, check_targets, check_themes
from PySide6.QtCore import Qt
from test_filler_helpers import current_name, make_filler, settle
from ui_helpers import PASSWORD

from sylcollect.domain.record import RecordMode
from sylcollect.domain.study import FormRef, Role, Site, Study, Wave
from sylcollect.services import attachments as att
from sylcollect.services.records import get_record
from sylcollect.storage.repo_attachments import MAX_ATTACHMENT_BYTES
from tests.core.test_canary import scan_for_canaries

FILES_FORM = """
| survey |
|  | type  | name  | label              | body::accept |
|  | image | photo | A photo of the bag |              |
|  | file  | doc   | The letter         | .pdf,.txt    |
|  | text  | note  | Anything else      |              |
| settings |
|  | form_id | version |
|  | files   | 1       |
"""

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(32)


@pytest.fixture
def files_ws(tmp_path: Path, cheap: None):  # type: ignore[no-untyped-def]
    from sylcollect.storage.workspace import Workspace

    study = Study(
        id="files",
        name="Files study",
        version=1,
        description="",
        sites=(Site("s1", "Site one", "P"),),
        waves=(Wave("baseline", "Baseline"),),
        milestones=(),
        forms=(FormRef("files", "1", "Files", "files.md", "participant", FILES_FORM),),
    )
    ws, _ = Workspace.create(tmp_path / "data", study, "ann", PASSWORD)
    with ws.transaction() as tx:
        tx.participants.add("YP-001", "s1", Role.YOUNG_PERSON)
    yield ws
    if not ws.locked:
        ws.lock()
    ws.workspace.close()


def _write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


def _input(filler):  # type: ignore[no-untyped-def]
    assert filler.view is not None
    (block,) = filler.view.blocks.values()
    return block.input


def _pick(monkeypatch, path: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.filler import files

    monkeypatch.setattr(files, "ask_for_file", lambda _parent, _question: path)


def _settled(qtbot, tasks, filler) -> None:  # type: ignore[no-untyped-def]
    settle(qtbot, tasks)
    qtbot.waitUntil(lambda: not filler.controller.saving, timeout=15000)
    settle(qtbot, tasks)


def test_attach_a_picture_to_a_new_record(qtbot, files_ws, tasks, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    canary = f"CANARY-{secrets.token_hex(12)}"
    photo = _write(tmp_path / "inbox", "bag.png", PNG + canary.encode())
    filler = make_filler(qtbot, files_ws, tasks, form_id="files")
    assert current_name(filler) == "photo"
    c = filler.controller
    assert c.uuid is None  # nothing saved yet: the attachment waits for the first save
    box = _input(filler)
    assert box.focus_target() is box.choose_button
    assert box.choose_button.text() == "Choose a file…"
    assert not box.remove_button.isVisible()
    _pick(monkeypatch, photo)
    seen_when_saved: list[object] = []
    qtbot.mouseClick(box.choose_button, Qt.MouseButton.LeftButton)
    assert "Adding bag.png" in box.status.message()
    c.when_saved(lambda: seen_when_saved.append(c.state.answers_to_save().get("photo")))
    _settled(qtbot, tasks, filler)

    value = box.value()
    assert value and value.endswith("/bag.png")
    assert seen_when_saved == [value]  # finishing or leaving waits for the file
    assert c.uuid is not None
    assert get_record(files_ws, c.uuid).answers["photo"] == value
    uuid = att.attachment_uuid(value)
    assert uuid is not None
    assert att.read_attachment(files_ws, uuid) == ("bag.png", "image/png", PNG + canary.encode())
    size = len(PNG) + len(canary)
    assert box.shown.text() == f"File: bag.png · {size} bytes"
    assert box.remove_button.isVisible() and box.remove_button.isEnabled()
    assert box.choose_button.text() == "Choose another file…"
    assert "bag.png" in box.remove_button.accessibleName()
    assert "A photo of the bag" in box.choose_button.accessibleName()

    # The file's content never reaches the workspace's files in clear (nor a temp file).
    files_ws.lock()
    data_dir = tmp_path / "data"
    assert scan_for_canaries({"content": canary}, [data_dir]) == []
    assert scan_for_canaries({"content": canary}, [tmp_path / "inbox"]) != []


def test_remove_clears_the_answer_and_the_file_stays_with_the_record(
    qtbot, files_ws, tasks, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    photo = _write(tmp_path / "inbox", "bag.png", PNG)
    filler = make_filler(qtbot, files_ws, tasks, form_id="files")
    box = _input(filler)
    box.attach_path(photo)
    _settled(qtbot, tasks, filler)
    value = box.value()
    qtbot.mouseClick(box.remove_button, Qt.MouseButton.LeftButton)
    _settled(qtbot, tasks, filler)
    assert box.value() is None
    assert box.shown.text() == "No file added yet."
    assert "bag.png removed" in box.status.message()
    assert not box.remove_button.isVisible()
    c = filler.controller
    assert "photo" not in get_record(files_ws, c.uuid).answers
    # No delete in the core: the attachment stays, with the record's earlier revision.
    (info,) = att.list_attachments(files_ws, c.uuid)
    assert info.uuid == att.attachment_uuid(value)


def test_problems_in_plain_words(qtbot, files_ws, tasks, tmp_path) -> None:  # type: ignore[no-untyped-def]
    inbox = tmp_path / "inbox"
    filler = make_filler(qtbot, files_ws, tasks, form_id="files")
    box = _input(filler)

    big = inbox / "huge.png"
    inbox.mkdir()
    with big.open("wb") as handle:  # sparse: big on paper, cheap on disk
        handle.write(PNG)
        handle.truncate(MAX_ATTACHMENT_BYTES + 1)
    box.attach_path(big)
    _settled(qtbot, tasks, filler)
    assert box.status.kind == "error"
    assert box.status.message() == (
        "huge.png is 50.0 MB. A file can be at most 50 MB: choose a smaller one."
    )
    assert box.value() is None

    box.attach_path(_write(inbox, "notes.txt", b"just words"))
    _settled(qtbot, tasks, filler)
    assert box.status.message() == (
        "notes.txt is a text file, not a picture (like a .jpg or .png file). "
        "Choose a picture (like a .jpg or .png file)."
    )
    assert box.choose_button.accessibleDescription() == box.status.message()

    box.attach_path(inbox / "gone.png")
    _settled(qtbot, tasks, filler)
    assert box.status.message().startswith("gone.png isn't there any more")

    box.attach_path(inbox)
    _settled(qtbot, tasks, filler)
    assert box.status.message() == "inbox is a folder. Open it and choose a file inside."

    if os.name == "posix" and os.geteuid() != 0:
        locked = _write(inbox, "locked.png", PNG)
        locked.chmod(0)
        box.attach_path(locked)
        _settled(qtbot, tasks, filler)
        assert box.status.message().startswith("locked.png couldn't be read")
        locked.chmod(0o600)

    assert box.value() is None
    assert att.list_attachments(files_ws, filler.controller.uuid) == []


def test_accept_list_of_a_file_question(qtbot, files_ws, tasks, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ui.filler import files

    filler = make_filler(qtbot, files_ws, tasks, form_id="files")
    filler.next()
    assert current_name(filler) == "doc"
    box = _input(filler)
    question = box.question
    assert files.name_filters(question)[0].startswith("Accepted files (")
    assert "*.pdf" in files.name_filters(question)[0]
    box.attach_path(_write(tmp_path / "inbox", "bag.png", PNG))
    _settled(qtbot, tasks, filler)
    assert box.status.message() == (
        "bag.png is a picture, not one of these: .pdf, .txt. Choose one of these: .pdf, .txt."
    )
    box.attach_path(_write(tmp_path / "inbox", "letter.txt", b"Dear"))
    _settled(qtbot, tasks, filler)
    assert box.value().endswith("/letter.txt")
    assert box.shown.text() == "File: letter.txt · 4 bytes"


def test_dialog_filters_by_kind_of_file(files_ws) -> None:  # type: ignore[no-untyped-def]
    from sylcollect.services.records import form_for
    from ui.filler import files

    photo = form_for(files_ws, "files").find("photo")
    filters = files.name_filters(photo)
    assert filters[0].startswith("Pictures (") and "*.png" in filters[0] and "*.JPG" in filters[0]
    assert filters[-1] == "All files (*)"
    assert files.human_size(999) == "999 bytes"
    assert files.human_size(14 * 1024) == "14 KB"
    assert files.human_size(3 * 1024 * 1024 + 300_000) == "3.3 MB"


def test_a_resumed_draft_shows_its_file_and_the_page_is_accessible(
    qtbot, files_ws, tasks, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from ui_helpers import show

    from ui.filler.filler import FormFiller
    from ui.filler.loading import resume_session

    filler = make_filler(qtbot, files_ws, tasks, form_id="files")
    box = _input(filler)
    box.attach_path(_write(tmp_path / "inbox", "bag.png", PNG))
    _settled(qtbot, tasks, filler)
    uuid = filler.controller.uuid
    # Names and target sizes on the whole page; the file's buttons show their focus ring.
    assert check_names(filler) == [] and check_targets(filler) == [] and check_themes() == []
    assert check_focus_visible(qtbot, filler, [box.choose_button, box.remove_button]) == []
    box.choose_button.setFocus()
    qtbot.keyClick(box.choose_button, Qt.Key.Key_Tab)
    assert box.remove_button.hasFocus()  # choose, then remove
    filler.close()

    again = FormFiller(files_ws, tasks, resume_session(files_ws, uuid))
    again.resize(1000, 760)
    show(qtbot, again)
    again.show_page(0)
    settle(qtbot, tasks)
    shown = _input(again)
    assert shown.value() == box.value()
    qtbot.waitUntil(lambda: shown.shown.text() == f"File: bag.png · {len(PNG)} bytes")
    assert check_names(again) == [] and check_targets(again) == []


def test_self_complete_offers_no_file_picking(qtbot, files_ws, tasks) -> None:  # type: ignore[no-untyped-def]
    from test_filler_helpers import session

    from ui.filler.controller import FillController
    from ui.selfcomplete import texts as tx
    from ui.selfcomplete.question_screen import QuestionScreen

    c = FillController(
        files_ws,
        tasks,
        session(files_ws, "files", RecordMode.SELF_COMPLETE),
        one_per_screen=True,
    )
    screen = QuestionScreen(c, c.pages[0])
    qtbot.addWidget(screen)
    screen.show()
    assert screen.block is not None
    box = screen.block.input
    assert box.attacher is None and box.focus_target() is None
    assert not box.isVisible()
    texts = [w.text() for w in screen.findChildren(type(screen.progress)) if w.isVisible()]
    assert tx.t(tx.NOT_HERE) in texts
    assert screen.first_focus() is screen.next_button
    assert check_names(screen) == []


def test_summaries_show_a_file_by_the_name_chosen_not_its_reference() -> None:
    from ui.filler.page_view import _shown

    reference = "0b6c3f1e-8f57-4d0c-9a55-2f8a4f0e9d11/visit-photo.png"
    assert _shown(reference, (), "image") == "visit-photo.png"
    assert _shown("not a reference", (), "file") == "not a reference"
    assert _shown(reference, (), "text") == reference[:39] + "…", "other answers unchanged"
