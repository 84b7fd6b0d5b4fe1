"""Checks a decoded bundle payload against its header and the study before anything is saved.

`validate(items, header, store)` raises `BundleRefused('invalid', ...)` (or
`'header_mismatch'`) on the first problem; messages name the item kind and position, never
a value. What is checked at import, and why:

* every item: no repeats, values fit the central columns, sites in the study (the parser,
  `payload_parse`, has already checked every field's type, enum and shape);
* every record, structurally: its form version is in the study and about the right kind
  of subject, its wave is in the study, and its answers name questions of that form version
  with values of the right type and choice lists (`forms.answers.check_answers`; values of
  calculated, automatic and note questions are expected in a saved record, not refused);
* every attachment: at most `MAX_ATTACHMENT_BYTES` (the parser has checked its bytes match
  its size), its record is in the same bundle or already in the store, and its question is
  an image/audio/video/file question of that record's form version whose media type family
  it has (an image question's file is `image/*`, ...);
* every **final** record, in full: the form state of its answers (relevance, required
  answers, constraints, choice filters) must hold, as when the laptop saved it. A draft
  may still miss required answers, so it gets the structural check only.

The device ran the same checks when it saved the record, so these guard against a damaged
or misbehaving laptop, not against normal data. To keep that cheap, each form version is
compiled once per import, and each distinct (form version, final or not, answers) is checked
once: the checks are pure functions of those three, so a record whose answers are identical
to one already found valid (common: short forms, "not at all" answer sets) needs no second
run. Records with distinct answers all pay for the full check.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import orjson
from sqlalchemy import select
from sqlalchemy.orm import Session

from sylcollect.errors import InvalidInput, NotFound
from sylcollect.forms.answers import AnswerProblem, check_answers
from sylcollect.forms.compiled import CompiledForm
from sylcollect.forms.model import Question
from sylcollect.services.attachments import FAMILIES
from sylcollect.services.records import checked_state, compiled_for
from sylcollect.storage.repo_attachments import MAX_ATTACHMENT_BYTES
from sylcollect.storage.schema import RecordRow
from sylcollect.storage.workspace import UnlockedWorkspace
from sylcollect.sync.bundle_errors import BundleRefused
from sylcollect.sync.bundle_header import BundleHeader
from sylcollect.sync.importer_rows import chunks
from sylcollect.sync.payload import (
    AttachmentItem,
    AuditItem,
    ConsentItem,
    Item,
    MetaItem,
    ObservationItem,
    ParticipantItem,
    RecordItem,
    TombstoneItem,
)

NEEDS_EARLIER = "needs_earlier_bundle"
"""An attachment's record is in no bundle imported so far (see Importer: held or refused)."""

# Column widths of the central tables: a longer value is refused here, not by the database.
_UUID, _CODE, _SITE, _FORM, _VERSION, _SHORT, _TIME = 36, 32, 64, 64, 32, 32, 32


def _invalid(where: str, problem: str) -> BundleRefused:
    return BundleRefused("invalid", f"the bundle's content is not valid: {where} {problem}")


def _fits(value: str | None, width: int, where: str, what: str) -> None:
    if value is not None and len(value) > width:
        raise _invalid(where, f"has a {what} longer than {width} characters")


def validate(items: Sequence[Item], header: BundleHeader, store: UnlockedWorkspace) -> None:
    """Raises BundleRefused unless the payload matches its header and the study."""
    meta = items[0]
    assert isinstance(meta, MetaItem)
    if (meta.study_id, meta.device_id, meta.sequence) != (
        header.study_id,
        header.device_id,
        header.sequence,
    ):
        raise BundleRefused(
            "header_mismatch",
            "the bundle's content names another study, device or sequence than its header",
        )
    records = sum(1 for i in items if isinstance(i, RecordItem))
    if records != header.record_count:
        raise BundleRefused(
            "header_mismatch",
            f"the bundle's header counts {header.record_count} records but it holds {records}",
        )
    study = store.study
    sites = {s.id for s in study.sites}
    waves = {w.id for w in study.waves}
    seen: set[tuple[str, str]] = set()
    checker = _RecordChecker(store)
    files: list[tuple[AttachmentItem, str]] = []
    for number, item in enumerate(items[1:], start=2):
        where = f"item {number} ({item.kind})"
        key = _identity(item)
        if key in seen:
            raise _invalid(where, "repeats an item already in the bundle")
        seen.add(key)
        if isinstance(item, ParticipantItem | ObservationItem | RecordItem):
            _fits(item.uuid, _UUID, where, "uuid")
            if item.site_id not in sites:
                raise _invalid(where, "names a site that is not in the study")
        if isinstance(item, ParticipantItem):
            _fits(item.code, _CODE, where, "code")
            _times(where, item.created_at, item.updated_at)
        elif isinstance(item, ConsentItem):
            _fits(item.uuid, _UUID, where, "uuid")
            _fits(item.participant_uuid, _UUID, where, "participant uuid")
            _times(where, item.created_at, item.updated_at)
        elif isinstance(item, ObservationItem):
            _times(where, item.created_at, item.updated_at)
        elif isinstance(item, RecordItem):
            _fits(item.participant_uuid, _UUID, where, "participant uuid")
            _fits(item.form_id, _FORM, where, "form id")
            _fits(item.form_version, _VERSION, where, "form version")
            _times(where, item.created_at, item.updated_at)
            wave = item.content.get("wave_id")
            if wave is not None and wave not in waves:
                raise _invalid(where, "names a wave that is not in the study")
            checker.check(item, where)
        elif isinstance(item, TombstoneItem):
            _fits(item.participant_uuid, _UUID, where, "participant uuid")
            _fits(item.code, _CODE, where, "code")
            _fits(item.withdrawn_at, _TIME, where, "time")
        elif isinstance(item, AuditItem):
            _fits(item.uuid, _UUID, where, "uuid")
            _fits(item.entity_uuid, _UUID, where, "entity uuid")
            _fits(item.actor, 64, where, "actor")
            _fits(item.action, _SHORT, where, "action")
            _fits(item.entity, _SHORT, where, "entity")
            _fits(item.at, 40, where, "time")
        elif isinstance(item, AttachmentItem):
            _fits(item.uuid, _UUID, where, "uuid")
            _fits(item.record_uuid, _UUID, where, "record uuid")
            _fits(item.question, 255, where, "question")
            _fits(item.media_type, 100, where, "media type")
            _fits(item.created_at, _TIME, where, "time")
            if item.size > MAX_ATTACHMENT_BYTES:
                raise _invalid(where, "is over the attachment size cap")
            files.append((item, where))
        else:
            raise _invalid(where, "is of a kind that may only come first")

    if files:
        _check_files(files, items, store, checker)


def _check_files(
    files: list[tuple[AttachmentItem, str]],
    items: Sequence[Item],
    store: UnlockedWorkspace,
    checker: _RecordChecker,
) -> None:
    """Each attachment's record is in the bundle or the store, and its question takes it."""
    forms: dict[str, tuple[str, str]] = {
        i.uuid: (i.form_id, i.form_version) for i in items if isinstance(i, RecordItem)
    }
    missing = sorted({f.record_uuid for f, _ in files} - forms.keys())
    if missing:
        with Session(store.workspace.engine) as s:
            for part in chunks(missing):
                stmt = select(RecordRow.uuid, RecordRow.form_id, RecordRow.form_version)
                for uuid, form_id, version in s.execute(stmt.where(RecordRow.uuid.in_(part))):
                    forms[uuid] = (form_id, version)
    for item, where in files:
        form = forms.get(item.record_uuid)
        if form is None:  # the importer holds the bundle if an earlier one may bring it
            raise BundleRefused(
                NEEDS_EARLIER,
                f"the bundle's content is not valid: {where} belongs to a record that is "
                "neither in the bundle nor in the store",
            )
        compiled = checker.compiled(form[0], form[1], where)
        try:
            question = compiled.form.by_path(item.question)
        except KeyError:
            question = None
        if not isinstance(question, Question) or question.type not in FAMILIES:
            raise _invalid(where, "is not for a file question of its record's form")
        if not item.media_type.startswith(FAMILIES[question.type]):
            raise _invalid(where, "has a media type its question does not take")


def _times(where: str, *values: str) -> None:
    for value in values:
        _fits(value, _TIME, where, "time")


def _identity(item: Item) -> tuple[str, str]:
    if isinstance(item, TombstoneItem):
        return ("tombstone", item.participant_uuid)
    if isinstance(item, MetaItem):
        return ("meta", "")
    return (item.kind, item.uuid)


def _kept(compiled: CompiledForm, problem: AnswerProblem) -> bool:
    """True for a problem that only concerns input (a calculated, automatic or note
    question): a saved record holds those values, and the form state recomputes them."""
    question = compiled.form.find(problem.question.rsplit("/", 1)[-1])
    return question is not None and (
        question.is_calculated or question.is_metadata or question.type == "note"
    )


class _RecordChecker:
    """Checks records against their form versions: each version is compiled once, and each
    distinct (form version, status, answers) is checked once (the checks are pure functions
    of those, so a repeat of an answer set already found valid needs no second run)."""

    def __init__(self, store: UnlockedWorkspace) -> None:
        self._store = store
        self._forms: dict[tuple[str, str], tuple[CompiledForm, str]] = {}
        self._valid: set[bytes] = set()

    def _found(self, form_id: str, version: str, where: str) -> tuple[CompiledForm, str]:
        key = (form_id, version)
        found = self._forms.get(key)
        if found is None:
            ref = self._store.study.form(form_id, version)
            if ref is None:
                raise _invalid(where, "uses a form version that is not in the study")
            try:
                compiled = compiled_for(self._store, form_id, version)
            except (NotFound, InvalidInput):
                raise _invalid(where, "uses a form version that can't be loaded") from None
            found = self._forms[key] = (compiled, ref.subject)
        return found

    def compiled(self, form_id: str, version: str, where: str) -> CompiledForm:
        """The compiled form version (compiled once per import)."""
        return self._found(form_id, version, where)[0]

    def _compiled(self, item: RecordItem, where: str) -> CompiledForm:
        compiled, subject = self._found(item.form_id, item.form_version, where)
        if subject != item.subject:
            raise _invalid(where, "is about another kind of subject than its form")
        return compiled

    def check(self, item: RecordItem, where: str) -> None:
        compiled = self._compiled(item, where)
        answers = item.content["answers"]
        final = item.status == "final"
        digest = hashlib.blake2b(
            b"%s\0%s\0%d\0" % (item.form_id.encode(), item.form_version.encode(), final)
            + orjson.dumps(answers, option=orjson.OPT_SORT_KEYS),
            digest_size=16,
        ).digest()
        if digest in self._valid:
            return
        problems = [p for p in check_answers(compiled.form, answers) if not _kept(compiled, p)]
        if problems:
            raise _invalid(
                where, f"has an answer that does not fit its form ({problems[0].question})"
            )
        if final:
            try:
                checked_state(compiled, answers, final=True, saved=True)
            except InvalidInput as exc:
                raise _invalid(where, f"breaks a rule of its form: {exc}") from None
        self._valid.add(digest)
