"""Checks a decoded bundle payload against its header and the study before anything is saved.

`validate(items, header, store)` raises `BundleRefused('invalid', ...)` (or
`'header_mismatch'`) on the first problem; messages name the item kind and position, never
a value. Records are checked against the form version they were collected with: the form
must be in the study, the answers must name its questions with values of the right type and
choice lists, and a final record must meet its constraints and required questions.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import orjson

from sylcollect.errors import InvalidInput, NotFound
from sylcollect.forms.answers import check_answers
from sylcollect.forms.compiled import CompiledForm
from sylcollect.services.records import checked_state, compiled_for
from sylcollect.storage.workspace import UnlockedWorkspace
from sylcollect.sync.bundle_errors import BundleRefused
from sylcollect.sync.bundle_header import BundleHeader
from sylcollect.sync.payload import (
    AuditItem,
    ConsentItem,
    Item,
    MetaItem,
    ObservationItem,
    ParticipantItem,
    RecordItem,
    TombstoneItem,
)

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
        else:
            raise _invalid(where, "is of a kind that may only come first")


def _times(where: str, *values: str) -> None:
    for value in values:
        _fits(value, _TIME, where, "time")


def _identity(item: Item) -> tuple[str, str]:
    if isinstance(item, TombstoneItem):
        return ("tombstone", item.participant_uuid)
    if isinstance(item, MetaItem):
        return ("meta", "")
    return (item.kind, item.uuid)


class _RecordChecker:
    """Checks records against their form versions: each version is compiled once, and each
    distinct (form version, status, answers) is checked once (the checks are pure functions
    of those, so a repeat of an answer set already found valid needs no second run)."""

    def __init__(self, store: UnlockedWorkspace) -> None:
        self._store = store
        self._forms: dict[tuple[str, str], tuple[CompiledForm, str]] = {}
        self._valid: set[bytes] = set()

    def _compiled(self, item: RecordItem, where: str) -> CompiledForm:
        key = (item.form_id, item.form_version)
        found = self._forms.get(key)
        if found is None:
            ref = self._store.study.form(item.form_id, item.form_version)
            if ref is None:
                raise _invalid(where, "uses a form version that is not in the study")
            try:
                compiled = compiled_for(self._store, item.form_id, item.form_version)
            except (NotFound, InvalidInput):
                raise _invalid(where, "uses a form version that can't be loaded") from None
            found = self._forms[key] = (compiled, ref.subject)
        if found[1] != item.subject:
            raise _invalid(where, "is about another kind of subject than its form")
        return found[0]

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
        problems = check_answers(compiled.form, answers)
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
