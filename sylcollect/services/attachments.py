"""Files attached to image, audio, video and file questions, picked from disk.

A file is read, checked against its question (an image question takes an image, ...; a
`body::accept` list is honoured; at most 50 MB), and stored encrypted under the record's key
(see `sylcollect.storage.repo_attachments`). The record's answer for the question is the
reference `<attachment uuid>/<file name>`, encrypted with the other answers.

    value = attach_file(ws, record.uuid, "photo", Path("photo.jpg"))   # a saved record
    name, media_type, data = read_attachment(ws, attachment_uuid(value))

For a record not saved yet (the CLI's `record add`), `stage_files` turns `@/path` answers
into references and `NewAttachment`s that `add_record` stores with the record, in one
transaction. Worker thread only (every call opens a transaction).
"""

from __future__ import annotations

import mimetypes
import uuid as uuidlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sylcollect.errors import InvalidInput
from sylcollect.forms.model import Form, Group, Question
from sylcollect.services.records import FILE_TYPES, answer_value, attachment_uuid, form_for
from sylcollect.storage.repo_attachments import (
    MAX_ATTACHMENT_BYTES,
    AttachmentInfo,
    NewAttachment,
    too_large_message,
)
from sylcollect.storage.workspace import UnlockedWorkspace

__all__ = [
    "FILE_TYPES",
    "answer_value",
    "attach_file",
    "attachment_uuid",
    "list_attachments",
    "read_attachment",
    "read_file",
    "sniff_media_type",
    "stage_files",
]

#: The media type family each file question type accepts ("" for any).
FAMILIES: dict[str, str] = {"image": "image/", "audio": "audio/", "video": "video/", "file": ""}
OCTET_STREAM = "application/octet-stream"

# Leading bytes of common formats: what the file is, whatever its name says.
_MAGIC: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\xff\xd8\xff", "image/jpeg"),
    (0, b"\x89PNG\r\n\x1a\n", "image/png"),
    (0, b"GIF87a", "image/gif"),
    (0, b"GIF89a", "image/gif"),
    (0, b"BM", "image/bmp"),
    (0, b"II*\x00", "image/tiff"),
    (0, b"MM\x00*", "image/tiff"),
    (0, b"%PDF-", "application/pdf"),
    (0, b"OggS", "audio/ogg"),
    (0, b"ID3", "audio/mpeg"),
    (0, b"fLaC", "audio/flac"),
    (0, b"\x1aE\xdf\xa3", "video/webm"),
)
_RIFF = {b"WEBP": "image/webp", b"WAVE": "audio/wav", b"AVI ": "video/x-msvideo"}
_FTYP = {
    b"M4A ": "audio/mp4",
    b"heic": "image/heic",
    b"heix": "image/heic",
    b"qt  ": "video/quicktime",
}


def sniff_media_type(filename: str, data: bytes) -> str:
    """The media type of a file: from its first bytes when known, else from its name."""
    for offset, magic, kind in _MAGIC:
        if data[offset : offset + len(magic)] == magic:
            return kind
    if data[:4] == b"RIFF" and data[8:12] in _RIFF:
        return _RIFF[data[8:12]]
    if data[4:8] == b"ftyp":
        return _FTYP.get(data[8:12], "video/mp4")
    guessed, _ = mimetypes.guess_type(filename, strict=False)
    return guessed or OCTET_STREAM


def file_question(form: Form, name_or_path: str) -> Question:
    """The image/audio/video/file question of that name or path; InvalidInput otherwise."""
    question: Question | Group | None
    if name_or_path.startswith("/"):
        try:
            question = form.by_path(name_or_path)
        except KeyError:
            question = None
    else:
        question = form.find(name_or_path)
    if not isinstance(question, Question):
        raise InvalidInput(f"'{name_or_path}' is not a question of form '{form.id}'")
    if question.type not in FILE_TYPES:
        raise InvalidInput(
            f"question '{question.name}' is {question.type}: only image, audio, video and "
            "file questions take a file"
        )
    return question


def _accepts(question: Question, filename: str, media_type: str) -> bool:
    family = FAMILIES[question.type]
    if family and not media_type.startswith(family):
        return False
    accept = question.control.get("accept", "") or question.extras.get("body::accept", "")
    if not accept.strip():
        return True
    suffix = Path(filename).suffix.lower()
    for item in (a.strip().lower() for a in accept.split(",")):
        if item in (suffix, media_type):
            return True
        if item.endswith("/*") and media_type.startswith(item[:-1]):
            return True
    return False


def read_file(question: Question, path: Path) -> NewAttachment:
    """Reads and checks a file for `question` (type, media type, size); a new attachment."""
    try:
        size = path.stat().st_size
        if size > MAX_ATTACHMENT_BYTES:
            raise InvalidInput(f"{path.name}: {too_large_message(size)}")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(f"file {path} not found") from None
    except IsADirectoryError:
        raise InvalidInput(f"{path} is a folder, not a file") from None
    except OSError as exc:
        raise InvalidInput(f"file {path} can't be read: {exc.strerror}") from None
    if len(data) > MAX_ATTACHMENT_BYTES:  # it grew while we looked
        raise InvalidInput(f"{path.name}: {too_large_message(len(data))}")
    media_type = sniff_media_type(path.name, data)
    if not _accepts(question, path.name, media_type):
        wanted = FAMILIES[question.type].rstrip("/") or "an accepted file"
        raise InvalidInput(
            f"{path.name} is {media_type}: question '{question.name}' takes {wanted}"
        )
    return NewAttachment(
        uuid=str(uuidlib.uuid4()),
        question=question.path,
        filename=path.name,
        media_type=media_type,
        data=data,
    )


def attach_file(ws: UnlockedWorkspace, record_uuid: str, question_name: str, path: Path) -> str:
    """Stores a file for a question of a saved record (a draft, typically); returns the
    answer to put in the record's next revision for that question."""
    with ws.transaction() as tx:
        record = tx.records.get(record_uuid)
        if record.shredded:
            raise InvalidInput("this record belongs to a withdrawn participant")
        question = file_question(form_for(ws, record.form_id, record.form_version), question_name)
        new = read_file(question, Path(path))
        tx.attachments.add(record_uuid, new)
    return answer_value(new.uuid, new.filename)


def read_attachment(ws: UnlockedWorkspace, uuid: str) -> tuple[str, str, bytes]:
    """(file name, media type, bytes) of an attachment; NotFound, or IntegrityFailure when
    it was withdrawn or tampered with."""
    with ws.transaction() as tx:
        info, data = tx.attachments.get(uuid)
    assert info.filename is not None
    return info.filename, info.media_type, data


def list_attachments(ws: UnlockedWorkspace, record_uuid: str) -> list[AttachmentInfo]:
    """A record's attachments (names decrypted, no bytes)."""
    with ws.transaction() as tx:
        return tx.attachments.list_for(record_uuid)


def stage_files(
    form: Form, answers: Mapping[str, Any], base: Path | None = None
) -> tuple[dict[str, Any], list[NewAttachment]]:
    """Answers with each `@path` value of a file question read, checked and replaced by its
    reference, and the attachments to store with the record (`NewRecord.attachments`).

    A relative path is taken from `base` (default: the current folder). Other values are
    left as they are (and refused when the record is saved: a file question needs a file).
    """
    staged: list[NewAttachment] = []
    out = _stage(form.root, answers, base or Path.cwd(), staged)
    return out, staged


def _stage(
    group: Group, answers: Mapping[str, Any], base: Path, staged: list[NewAttachment]
) -> dict[str, Any]:
    scope = _scope(group)
    out: dict[str, Any] = {}
    for name, value in answers.items():
        element = scope.get(str(name))
        if isinstance(element, Group) and isinstance(value, Mapping):
            out[name] = _stage(element, value, base, staged)
        elif isinstance(element, Group) and isinstance(value, list):
            out[name] = [
                _stage(element, v, base, staged) if isinstance(v, Mapping) else v for v in value
            ]
        elif (
            isinstance(element, Question)
            and element.type in FILE_TYPES
            and isinstance(value, str)
            and value.startswith("@")
        ):
            new = read_file(element, base / Path(value[1:]).expanduser())
            staged.append(new)
            out[name] = answer_value(new.uuid, new.filename)
        else:
            out[name] = value
    return out


def _scope(group: Group) -> dict[str, Question | Group]:
    names: dict[str, Question | Group] = {}
    for child in group.children:
        if isinstance(child, Group) and not child.repeat:
            for name, element in _scope(child).items():
                names.setdefault(name, element)
        names.setdefault(child.name, child)
    return names
