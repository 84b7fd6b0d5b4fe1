"""Files for image, audio, video and file questions in the staff form filler: picked from
disk, attached encrypted on the worker, then shown by name and size with Remove.

The bytes go straight from the chosen file into the workspace: `attach_file` reads it on
the worker and seals it under the record's key. No temp file, thumbnail or copy is made.
A file can only be attached to a record that exists, so the first file of a new record
waits for the controller's first autosave (`FillController.when_created`). The answer is
the reference `attach_file` returns, set like any other answer (and autosaved).

Removing a file clears the answer only: the core has no delete, so the encrypted attachment
stays in the workspace, referred to by the record's earlier revision. It goes with the
record: discarding the draft deletes it, a participant's withdrawal shreds it.

GUI thread, except the functions ending in `_task` (worker thread, through the TaskRunner).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject
from PySide6.QtWidgets import QFileDialog, QWidget

from sylcollect.errors import InvalidInput
from sylcollect.forms.model import Question
from sylcollect.forms.state import Key
from sylcollect.services.attachments import (
    FAMILIES,
    FILE_TYPES,
    attach_file,
    attachment_uuid,
    list_attachments,
    sniff_media_type,
)
from sylcollect.storage.repo_attachments import MAX_ATTACHMENT_BYTES
from sylcollect.storage.workspace import UnlockedWorkspace
from ui.filler.controller import FillController

log = logging.getLogger(__name__)

CONTEXT = "FileInput"

#: The question types whose answer is an attached file.
ATTACHABLE: frozenset[str] = FILE_TYPES

#: File name patterns offered first in the file dialog, by question type.
PATTERNS: dict[str, tuple[str, ...]] = {
    "image": ("jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "webp", "heic"),
    "audio": ("mp3", "m4a", "wav", "ogg", "oga", "opus", "flac", "aac", "amr"),
    "video": ("mp4", "m4v", "mov", "webm", "avi", "mkv", "3gp", "wmv"),
}
KIND_NAMES: dict[str, object] = {
    "image": QT_TRANSLATE_NOOP(CONTEXT, "Pictures"),
    "audio": QT_TRANSLATE_NOOP(CONTEXT, "Sound recordings"),
    "video": QT_TRANSLATE_NOOP(CONTEXT, "Videos"),
    "file": QT_TRANSLATE_NOOP(CONTEXT, "Accepted files"),
}
ALL_FILES = QT_TRANSLATE_NOOP(CONTEXT, "All files (*)")

# Problems, said in plain words (formatted with name, size, limit, wanted, found).
TOO_BIG = QT_TRANSLATE_NOOP(
    CONTEXT, "{name} is {size}. A file can be at most {limit}: choose a smaller one."
)
WRONG_TYPE = QT_TRANSLATE_NOOP(CONTEXT, "{name} is {found}, not {wanted}. Choose {wanted}.")
NOT_THERE = QT_TRANSLATE_NOOP(
    CONTEXT, "{name} isn't there any more: it may have been moved or renamed. Choose it again."
)
FOLDER = QT_TRANSLATE_NOOP(CONTEXT, "{name} is a folder. Open it and choose a file inside.")
UNREADABLE = QT_TRANSLATE_NOOP(
    CONTEXT, "{name} couldn't be read. Check that you can open it, then try again."
)
NOT_SAVED = QT_TRANSLATE_NOOP(
    CONTEXT, "The draft couldn't be saved, so the file wasn't added. Try again."
)
OTHER = QT_TRANSLATE_NOOP(CONTEXT, "The file wasn't added: {why}")

WANTED: dict[str, object] = {
    "image": QT_TRANSLATE_NOOP(CONTEXT, "a picture (like a .jpg or .png file)"),
    "audio": QT_TRANSLATE_NOOP(CONTEXT, "a sound recording (like an .mp3, .m4a or .wav file)"),
    "video": QT_TRANSLATE_NOOP(CONTEXT, "a video (like an .mp4 or .mov file)"),
    "file": QT_TRANSLATE_NOOP(CONTEXT, "a file of the kind this question accepts"),
}


def _tr(text: object) -> str:
    """Translates in the FileInput context (as FileInput's own tr() does)."""
    return QCoreApplication.translate(CONTEXT, str(text))


def human_size(size: int) -> str:
    """'812 bytes', '14 KB', '3.2 MB'."""
    if size < 1024:
        return _tr("1 byte") if size == 1 else _tr("{n} bytes").format(n=size)
    if size < 1024 * 1024:
        return _tr("{n} KB").format(n=max(1, round(size / 1024)))
    return _tr("{n} MB").format(n=f"{size / 1024 / 1024:.1f}")


def file_name(value: Any) -> str:
    """The file name in an answer (`<uuid>/<name>`), or '' if it isn't a reference."""
    if attachment_uuid(value) is None:
        return ""
    return str(value).split("/", 1)[1]


def _accept(question: Question) -> list[str]:
    text = question.control.get("accept", "") or question.extras.get("body::accept", "")
    return [a.strip().lower() for a in text.split(",") if a.strip()]


def name_filters(question: Question) -> list[str]:
    """The file dialog's filters: the question's kind of file first, then any file (picking
    another kind gets a plain refusal rather than a hidden file)."""
    patterns: list[str] = []
    for item in _accept(question):
        if item.startswith("."):
            patterns.append("*" + item)
        elif item.endswith("/*") and item[:-2] in PATTERNS:
            patterns.extend("*." + ext for ext in PATTERNS[item[:-2]])
    if not patterns and question.type in PATTERNS:
        patterns = ["*." + ext for ext in PATTERNS[question.type]]
    if not patterns:
        return [_tr(ALL_FILES)]
    both = sorted({*patterns, *(p.upper() for p in patterns)}, key=str.lower)
    kind = _tr(KIND_NAMES.get(question.type, KIND_NAMES["file"]))
    return [f"{kind} ({' '.join(both)})", _tr(ALL_FILES)]


_last_folder: str = ""  # in memory only: a folder name can say whose files these are


def ask_for_file(parent: QWidget | None, question: Question) -> Path | None:
    """Opens the file dialog filtered by the question's kind of file; None if cancelled."""
    global _last_folder
    filters = name_filters(question)
    chosen, _selected = QFileDialog.getOpenFileName(
        parent,
        _tr("Choose a file"),
        _last_folder or str(Path.home()),
        ";;".join(filters),
        filters[0],
    )
    if not chosen:
        return None
    _last_folder = str(Path(chosen).parent)
    return Path(chosen)


# --- worker ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Attached:
    """An attached file: the answer that refers to it, its name and size."""

    value: str
    filename: str
    size: int | None = None


class FileProblem(Exception):
    """Why a file was not attached, in plain words (no path: the name only)."""


def _found(media_type: str) -> str:
    family = media_type.split("/", 1)[0]
    if media_type == "application/pdf":
        return _tr("a PDF document")
    if family == "text":
        return _tr("a text file")
    if family == "image":
        return _tr("a picture")
    if family == "audio":
        return _tr("a sound recording")
    if family == "video":
        return _tr("a video")
    return _tr("a different kind of file")


def _wrong(question: Question, name: str, media_type: str) -> FileProblem:
    wanted = WANTED.get(question.type, WANTED["file"])
    if question.type == "file" and _accept(question):
        wanted = _tr("one of these: {kinds}").format(kinds=", ".join(_accept(question)))
    else:
        wanted = _tr(wanted)
    return FileProblem(_tr(WRONG_TYPE).format(name=name, found=_found(media_type), wanted=wanted))


def _too_big(name: str, size: int) -> FileProblem:
    limit = human_size(MAX_ATTACHMENT_BYTES).replace(".0 ", " ")
    return FileProblem(_tr(TOO_BIG).format(name=name, size=human_size(size), limit=limit))


def attach_task(
    ws: UnlockedWorkspace, record_uuid: str, question: Question, path: Path
) -> Attached:
    """Worker: checks the file (there, a file, size, kind) and attaches it to the record;
    FileProblem in plain words when it can't be."""
    name = path.name
    try:
        if path.is_dir():
            raise FileProblem(_tr(FOLDER).format(name=name))
        size = path.stat().st_size
        if size > MAX_ATTACHMENT_BYTES:
            raise _too_big(name, size)
        with path.open("rb") as handle:
            head = handle.read(16)  # enough for every format the core recognises
    except FileNotFoundError:
        raise FileProblem(_tr(NOT_THERE).format(name=name)) from None
    except OSError:
        raise FileProblem(_tr(UNREADABLE).format(name=name)) from None
    media_type = sniff_media_type(name, head)
    family = FAMILIES.get(question.type, "")
    if family and not media_type.startswith(family):
        raise _wrong(question, name, media_type)
    try:
        value = attach_file(ws, record_uuid, question.path, path)
    except InvalidInput as exc:
        text = str(exc)
        if " takes " in text:
            raise _wrong(question, name, media_type) from None
        if "at most" in text:
            raise _too_big(name, path.stat().st_size) from None
        if "not found" in text:
            raise FileProblem(_tr(NOT_THERE).format(name=name)) from None
        if "can't be read" in text or "folder" in text:
            raise FileProblem(_tr(UNREADABLE).format(name=name)) from None
        raise FileProblem(_tr(OTHER).format(why=text.replace(str(path), name))) from None
    return describe_task(ws, record_uuid, value)


def describe_task(ws: UnlockedWorkspace, record_uuid: str, value: str) -> Attached:
    """Worker: the name and size of the file an answer refers to."""
    uuid = attachment_uuid(value)
    for info in list_attachments(ws, record_uuid):
        if info.uuid == uuid:
            return Attached(value, info.filename or file_name(value), info.size)
    return Attached(value, file_name(value))


# --- GUI -------------------------------------------------------------------------------


class FileAttacher(QObject):
    """Attaches files for the questions of one FillController (its child, so it outlives
    the pages): waits for the record to exist, holds the controller's "saving" while it
    works (finishing waits), and hands the result to the question's input if it is still
    shown, else sets the answer on the controller itself. GUI thread only."""

    def __init__(self, controller: FillController) -> None:
        super().__init__(controller)
        self.setObjectName("fileAttacher")
        self.controller = controller
        self._inputs: dict[Key, Any] = {}
        self.busy: dict[Key, str] = {}  # key -> name of the file being attached

    def register(self, key: Key, widget: Any) -> None:
        """`widget` (a FileInput) shows question `key` now."""
        self._inputs[key] = widget

    def _input(self, key: Key) -> Any:
        widget = self._inputs.get(key)
        if widget is not None and shiboken6.isValid(widget):
            return widget
        self._inputs.pop(key, None)
        return None

    def attach(self, key: Key, question: Question, path: Path) -> None:
        if key in self.busy:
            return
        c = self.controller
        self.busy[key] = path.name
        c.hold()

        def created() -> None:
            ws = c.workspace
            if ws is None or c.uuid is None:
                self._failed(key, FileProblem(_tr(NOT_SAVED)))
                return
            c.tasks.run(
                attach_task,
                ws,
                c.uuid,
                question,
                path,
                on_done=lambda result: self._done(key, result),
                on_error=lambda exc: self._failed(key, exc),
                context=self,
            )

        c.when_created(created)

    def describe(self, key: Key, value: str) -> None:
        """Looks up the size of an answer's file for its input (a resumed draft)."""
        c = self.controller
        if c.workspace is None or c.uuid is None:
            return
        c.tasks.run(
            describe_task,
            c.workspace,
            c.uuid,
            value,
            on_done=lambda result: self._described(key, result),
            on_error=lambda exc: log.info("file details unavailable: %s", type(exc).__name__),
            context=self,
        )

    def _described(self, key: Key, result: Attached) -> None:
        widget = self._input(key)
        if widget is not None:
            widget.show_details(result)

    def _done(self, key: Key, result: Attached) -> None:
        self.busy.pop(key, None)
        widget = self._input(key)
        if widget is not None:
            widget.attached(result)  # emits `changed`: the page sets the answer
        else:
            self.controller.set_answer(key, result.value)
        self.controller.unhold()

    def _failed(self, key: Key, exc: BaseException) -> None:
        self.busy.pop(key, None)
        if isinstance(exc, FileProblem):
            words = str(exc)
        else:
            from ui import messages

            words = _tr(OTHER).format(why=messages.message_for(exc, "attach"))
            log.warning("attaching a file failed: %s", type(exc).__name__)
        widget = self._input(key)
        if widget is not None:
            widget.failed(words)
        self.controller.unhold()


def attacher_for(controller: FillController) -> FileAttacher:
    """The controller's one FileAttacher (made on first use)."""
    found = controller.findChild(FileAttacher, "fileAttacher")
    if isinstance(found, FileAttacher):
        return found
    return FileAttacher(controller)


def context_of(widget: QWidget) -> tuple[FillController | None, Key | None, bool]:
    """(controller, question key, plain) for an input inside a question block of a page."""
    key: Key | None = None
    plain = False
    w = widget.parentWidget()
    while w is not None:
        if key is None and isinstance(getattr(w, "key", None), tuple):
            key = w.key  # type: ignore[attr-defined]
            plain = bool(getattr(w, "plain", False))
        controller = getattr(w, "controller", None)
        if isinstance(controller, FillController):
            return controller, key, plain
        w = w.parentWidget()
    return None, key, plain
