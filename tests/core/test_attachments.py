"""Attachments: files of image/audio/video/file questions stored encrypted under the
record's key. Round trip, ciphertexts bound to their place, the size cap, type checks,
crypto-shredding on withdrawal, no file content or name on disk in clear, `record add @path`."""

from __future__ import annotations

import json
import secrets
import sqlite3
import uuid
from pathlib import Path

import pytest

from sylcollect.cli import main
from sylcollect.domain.record import RecordStatus
from sylcollect.domain.study import FormRef, Role, Site, Study, Wave
from sylcollect.errors import IntegrityFailure, InvalidInput, NotFound
from sylcollect.services import attachments as att
from sylcollect.services.records import NewRecord, add_record, get_record
from sylcollect.storage import repo_attachments
from sylcollect.storage.repo_attachments import MAX_ATTACHMENT_BYTES, NewAttachment
from sylcollect.storage.workspace import DB_NAME
from tests.conftest import PASSWORD
from tests.core.test_canary import scan_for_canaries

FILES_FORM = """
| survey |
|  | type  | name   | label          | required | body::accept |
|  | image | photo  | A photo        |          |              |
|  | audio | voice  | A recording    |          |              |
|  | file  | doc    | A document     |          | .pdf,.txt    |
|  | text  | note   | A note         |          |              |
| settings |
|  | form_id | version |
|  | files   | 1       |
"""

SITE_FORM = """
| survey |
|  | type | name  | label |
|  | file | sheet | Sheet |
| settings |
|  | form_id   | version |
|  | sitefiles | 1       |
"""

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(32)
WAV = b"RIFF" + bytes(4) + b"WAVEfmt " + bytes(32)


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
        forms=(
            FormRef("files", "1", "Files", "files.md", "participant", FILES_FORM),
            FormRef("sitefiles", "1", "Site files", "sitefiles.md", "site", SITE_FORM),
        ),
    )
    ws, _ = Workspace.create(tmp_path / "data", study, "ann", PASSWORD)
    with ws.transaction() as tx:
        tx.participants.add("P-1", "s1", Role.YOUNG_PERSON)
        tx.participants.add("P-2", "s1", Role.YOUNG_PERSON)
    yield ws
    if not ws.locked:
        ws.lock()
    ws.workspace.close()


def _write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


def _add_with_files(ws, answers: dict[str, object], code: str = "P-1", form: str = "files"):  # type: ignore[no-untyped-def]
    from sylcollect.services.records import form_for

    staged_answers, files = att.stage_files(form_for(ws, form), answers)
    site = "s1" if form == "sitefiles" else None
    return add_record(
        ws,
        NewRecord(
            form,
            staged_answers,
            None if site else code,
            site,
            attachments=tuple(files),
        ),
    )


def test_round_trip_through_a_new_record(files_ws, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    photo = _write(tmp_path / "in", "me.png", PNG)
    doc = _write(tmp_path / "in", "notes.txt", b"plain words")
    rec = _add_with_files(files_ws, {"photo": f"@{photo}", "doc": f"@{doc}", "note": "hi"})
    ref = rec.answers["photo"]
    assert ref.endswith("/me.png") and rec.answers["doc"].endswith("/notes.txt")
    uuid_ = att.attachment_uuid(ref)
    assert uuid_ is not None
    assert att.read_attachment(files_ws, uuid_) == ("me.png", "image/png", PNG)
    name, media, data = att.read_attachment(files_ws, att.attachment_uuid(rec.answers["doc"]))  # type: ignore[arg-type]
    assert (name, media, data) == ("notes.txt", "text/plain", b"plain words")
    listed = att.list_attachments(files_ws, rec.uuid)
    assert {(f.question, f.filename, f.size) for f in listed} == {
        ("/data/photo", "me.png", len(PNG)),
        ("/data/doc", "notes.txt", 11),
    }
    assert get_record(files_ws, rec.uuid).answers["photo"] == ref


def test_attach_file_to_a_saved_draft(files_ws, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    draft = add_record(
        files_ws, NewRecord("files", {"note": "x"}, "P-1", status=RecordStatus.DRAFT)
    )
    wav = _write(tmp_path, "v.wav", WAV)
    value = att.attach_file(files_ws, draft.uuid, "voice", wav)
    assert value.endswith("/v.wav")
    assert att.read_attachment(files_ws, att.attachment_uuid(value) or "") == (
        "v.wav",
        "audio/wav",
        WAV,
    )
    with pytest.raises(InvalidInput, match="only image, audio, video and file questions"):
        att.attach_file(files_ws, draft.uuid, "note", wav)
    with pytest.raises(InvalidInput, match="'nope' is not a question"):
        att.attach_file(files_ws, draft.uuid, "nope", wav)
    with pytest.raises(NotFound):
        att.attach_file(files_ws, str(uuid.uuid4()), "voice", wav)


def test_types_are_checked(files_ws, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = _write(tmp_path, "photo.txt", b"just text")
    with pytest.raises(
        InvalidInput, match=r"photo\.txt is text/plain: question 'photo' takes image"
    ):
        _add_with_files(files_ws, {"photo": f"@{text}"})
    renamed = _write(tmp_path, "holiday.txt", PNG)  # the bytes decide, not the name
    rec = _add_with_files(files_ws, {"photo": f"@{renamed}"})
    assert att.read_attachment(files_ws, att.attachment_uuid(rec.answers["photo"]) or "")[1] == (
        "image/png"
    )
    exe = _write(tmp_path, "tool.exe", b"MZ\x90\x00")
    with pytest.raises(InvalidInput, match="question 'doc' takes an accepted file"):
        _add_with_files(files_ws, {"doc": f"@{exe}"})
    with pytest.raises(InvalidInput, match="not found"):
        _add_with_files(files_ws, {"photo": f"@{tmp_path / 'missing.png'}"})
    # A file question's answer must be a file: a made-up value is refused.
    with pytest.raises(InvalidInput, match="answer 'photo': a image question takes a file"):
        add_record(files_ws, NewRecord("files", {"photo": "me.png"}, "P-1"))


def test_size_cap(files_ws, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # sparse: nothing is written, nothing is read
        fh.truncate(MAX_ATTACHMENT_BYTES + 1)
    with pytest.raises(
        InvalidInput, match=r"big.txt: the file is 50.0 MB: an attachment can be at most 50 MB"
    ):
        _add_with_files(files_ws, {"doc": f"@{big}"})
    # The repository holds the line too, whoever calls it.
    monkeypatch.setattr(repo_attachments, "MAX_ATTACHMENT_BYTES", 10)
    rec = add_record(files_ws, NewRecord("files", {"note": "x"}, "P-1"))
    with files_ws.transaction() as tx, pytest.raises(InvalidInput, match="at most"):
        tx.attachments.add(
            rec.uuid,
            NewAttachment(str(uuid.uuid4()), "/data/doc", "a.txt", "text/plain", b"x" * 11),
        )


def _rows(ws) -> list[tuple[str, str, bytes, bytes]]:  # type: ignore[no-untyped-def]
    conn = sqlite3.connect(ws.workspace.data_dir / DB_NAME)
    try:
        return conn.execute(
            "SELECT uuid, record_uuid, name_ct, content_ct FROM attachment ORDER BY uuid"
        ).fetchall()
    finally:
        conn.close()


def _set(ws, uuid_: str, **values: object) -> None:  # type: ignore[no-untyped-def]
    conn = sqlite3.connect(ws.workspace.data_dir / DB_NAME)
    try:
        with conn:
            for column, value in values.items():
                conn.execute(f"UPDATE attachment SET {column} = ? WHERE uuid = ?", (value, uuid_))
    finally:
        conn.close()


def test_moved_ciphertext_fails(files_ws, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    one = _add_with_files(files_ws, {"photo": f"@{_write(tmp_path, 'a.png', PNG)}"})
    two = _add_with_files(files_ws, {"photo": f"@{_write(tmp_path, 'b.png', PNG + b'2')}"})
    a = att.attachment_uuid(one.answers["photo"]) or ""
    b = att.attachment_uuid(two.answers["photo"]) or ""
    rows = {r[0]: r for r in _rows(files_ws)}
    # Content of b moved onto a: same key, same question, other attachment.
    _set(files_ws, a, content_ct=rows[b][3])
    with pytest.raises(IntegrityFailure):
        att.read_attachment(files_ws, a)
    _set(files_ws, a, content_ct=rows[a][3])
    assert att.read_attachment(files_ws, a)[2] == PNG
    # The file name moved likewise.
    _set(files_ws, a, name_ct=rows[b][2])
    with pytest.raises(IntegrityFailure):
        att.read_attachment(files_ws, a)
    _set(files_ws, a, name_ct=rows[a][2])
    # The attachment re-pointed at another record of the same participant.
    _set(files_ws, a, record_uuid=two.uuid)
    with pytest.raises(IntegrityFailure):
        att.read_attachment(files_ws, a)
    _set(files_ws, a, record_uuid=one.uuid)
    # ... or at another question.
    _set(files_ws, a, question="/data/doc")
    with pytest.raises(IntegrityFailure):
        att.read_attachment(files_ws, a)


def test_withdrawal_shreds_attachments(files_ws, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    mine = _add_with_files(files_ws, {"photo": f"@{_write(tmp_path, 'p1.png', PNG)}"}, "P-1")
    other = _add_with_files(files_ws, {"photo": f"@{_write(tmp_path, 'p2.png', PNG)}"}, "P-2")
    site = _add_with_files(
        files_ws, {"sheet": f"@{_write(tmp_path, 's.txt', b'site sheet')}"}, form="sitefiles"
    )
    files_ws.withdraw("P-1")
    gone = att.attachment_uuid(mine.answers["photo"]) or ""
    rows = {r[0]: r for r in _rows(files_ws)}
    assert rows[gone][2] is None and rows[gone][3] is None
    with pytest.raises(IntegrityFailure):
        att.read_attachment(files_ws, gone)
    (info,) = att.list_attachments(files_ws, mine.uuid)
    assert info.shredded and info.filename is None
    # Others' files and the workspace's own are untouched.
    assert (
        att.read_attachment(files_ws, att.attachment_uuid(other.answers["photo"]) or "")[0]
        == "p2.png"
    )
    assert (
        att.read_attachment(files_ws, att.attachment_uuid(site.answers["sheet"]) or "")[2]
        == b"site sheet"
    )
    # No new files for a withdrawn participant's record.
    with pytest.raises(InvalidInput, match="withdrawn"):
        att.attach_file(files_ws, mine.uuid, "photo", tmp_path / "p1.png")


def test_canary_in_a_file_never_reaches_disk_in_clear(files_ws, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    canary = f"CANARY-{secrets.token_hex(12)}"
    name_canary = f"name{secrets.token_hex(8)}"
    inbox = tmp_path / "inbox"
    doc = _write(inbox, f"{name_canary}.txt", f"secret inside: {canary}\n".encode() * 50)
    photo = _write(inbox, "p.png", PNG + canary.encode())
    rec = _add_with_files(files_ws, {"doc": f"@{doc}", "photo": f"@{photo}"})
    assert (
        att.read_attachment(files_ws, att.attachment_uuid(rec.answers["doc"]) or "")[0] == doc.name
    )
    data_dir = files_ws.workspace.data_dir
    canaries: dict[str, str | bytes] = {"content": canary, "file name": name_canary}
    assert scan_for_canaries(canaries, [data_dir]) == []
    files_ws.withdraw("P-1")
    assert scan_for_canaries(canaries, [data_dir]) == []
    assert scan_for_canaries(canaries, [inbox]) != []  # the scanner does see it in clear


def test_record_add_with_a_file_path(files_ws, tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    photo = _write(tmp_path, "cli.png", PNG)
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"photo": f"@{photo}", "note": "via the CLI"}))
    monkeypatch.setenv("SYLCOLLECT_PASSWORD", PASSWORD)
    data_dir = str(files_ws.workspace.data_dir)
    args = ["--data-dir", data_dir, "record", "add", "--form", "files", "--participant", "P-1"]
    code = main([*args, "--answers", str(answers), "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    uuid_ = json.loads(out)["uuid"]
    assert main(["--data-dir", data_dir, "record", "show", uuid_, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    (file,) = shown["attachments"]
    assert (file["filename"], file["media_type"], file["size"]) == (
        "cli.png",
        "image/png",
        len(PNG),
    )
    assert shown["answers"]["photo"] == f"{file['uuid']}/cli.png"
    # A file the question refuses: one error line, nothing saved.
    answers.write_text(json.dumps({"voice": f"@{photo}"}))
    assert main([*args, "--answers", str(answers)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: cli.png is image/png: question 'voice' takes audio")
    assert len(err.strip().splitlines()) == 1
