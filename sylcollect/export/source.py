"""Where an export reads from: a form registry, decrypted records and participant codes.

The exporter sees only `ExportSource`. `WorkspaceSource` reads a device workspace;
`CentralSource` (`central_source.py`) reads the central store, so that `central export` is a
thin wrapper over the same `run_export`.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, Protocol

from sqlalchemy import func, select

from sylcollect.domain.audit import AuditAction
from sylcollect.domain.observation import Observation
from sylcollect.domain.participant import Identity
from sylcollect.domain.record import Record
from sylcollect.domain.study import Study
from sylcollect.errors import InvalidInput, NotFound
from sylcollect.forms.model import Form
from sylcollect.forms.xlsform import load_form_text
from sylcollect.storage.keyring import WORKSPACE_KEY_ID
from sylcollect.storage.schema import RecordRow
from sylcollect.storage.workspace import UnlockedWorkspace


def version_key(version: str) -> tuple[tuple[int, str], ...]:
    """Orders form versions: numeric parts numerically, others as text."""
    parts = version.replace("-", ".").split(".")
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in parts)


@dataclass(frozen=True)
class FormEntry:
    """Every version of one form, oldest first, and what its records are about."""

    form_id: str
    versions: tuple[Form, ...]
    subject: str = "participant"  # participant | site | anonymous

    @property
    def newest(self) -> Form:
        return self.versions[-1]


class FormRegistry:
    """`(form_id, version) -> Form` for every form version the study has ever had."""

    def __init__(self, forms: Iterable[Form], subjects: Mapping[str, str] | None = None) -> None:
        by_id: dict[str, dict[str, Form]] = {}
        for form in forms:
            by_id.setdefault(form.id, {})[form.version] = form
        subjects = subjects or {}
        self._entries = {
            fid: FormEntry(
                fid,
                tuple(versions[v] for v in sorted(versions, key=version_key)),
                subjects.get(fid, "participant"),
            )
            for fid, versions in by_id.items()
        }

    def form_ids(self) -> list[str]:
        return list(self._entries)

    def entry(self, form_id: str) -> FormEntry:
        try:
            return self._entries[form_id]
        except KeyError:
            known = ", ".join(sorted(self._entries))
            raise NotFound(f"no form '{form_id}' in this study (forms: {known})") from None

    def get(self, form_id: str, version: str) -> Form | None:
        entry = self._entries.get(form_id)
        return next((f for f in entry.versions if f.version == version), None) if entry else None


@dataclass(frozen=True)
class ExportFilter:
    """Which records: empty sets mean all; dates compare with the record's creation day (UTC)."""

    sites: frozenset[str] = frozenset()
    waves: frozenset[str] = frozenset()
    forms: frozenset[str] = frozenset()
    date_from: date | None = None
    date_to: date | None = None

    def __post_init__(self) -> None:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise InvalidInput("--from is after --to: no record can match")

    def matches(self, record: Record) -> bool:
        if self.forms and record.form_id not in self.forms:
            return False
        if self.sites and record.site_id not in self.sites:
            return False
        if self.waves and (record.wave_id or "") not in self.waves:
            return False
        return self._saved_between(record.created_at)

    def matches_observation(self, obs: Observation) -> bool:
        """Site and dates (the day it was logged, as a record's saved day) as for records. An
        observation belongs to no wave, so a wave filter leaves every one out; whether the
        observations are chosen at all (`forms`) is the exporter's business."""
        if self.waves or (self.sites and obs.site_id not in self.sites):
            return False
        return self._saved_between(obs.created_at)

    def _saved_between(self, saved: datetime | None) -> bool:
        if self.date_from or self.date_to:
            if saved is None:
                return False
            day = saved.date()
            if (self.date_from and day < self.date_from) or (self.date_to and day > self.date_to):
                return False
        return True

    def describe(self) -> dict[str, Any]:
        """The filter as plain data for the audit log and the export summary."""
        return {
            "sites": sorted(self.sites),
            "waves": sorted(self.waves),
            "forms": sorted(self.forms),
            "from": self.date_from.isoformat() if self.date_from else None,
            "to": self.date_to.isoformat() if self.date_to else None,
        }


def _without(obs: Observation, withdrawn: set[str]) -> Observation:
    """The observation without the codes of participants who withdrew."""
    if withdrawn.isdisjoint(obs.participant_codes):
        return obs
    kept = tuple(c for c in obs.participant_codes if c not in withdrawn)
    return replace(obs, participant_codes=kept)


class RecordStream(Iterator[Record]):
    """Records as a source reads them, batch by batch, with how many stored rows it will look
    at (`total`, fixed before the first batch is read) and has looked at (`read`), so that an
    export can show "Reading records... 12,000 of 40,000".

    `on_read(read, total)`, if set, is called every `every` rows and after each batch, on the
    reading thread; it may raise (an export's `Cancelled`) to stop between rows.
    """

    def __init__(
        self, total: int, batches: Iterator[Iterable[Record]], keep: Callable[[Record], bool]
    ) -> None:
        self.total = total
        self.read = 0
        self.every = 1000
        self.on_read: Callable[[int, int], None] | None = None
        self._batches = batches
        self._records = self._walk(keep)

    def _walk(self, keep: Callable[[Record], bool]) -> Generator[Record, None, None]:
        for batch in self._batches:
            for record in batch:
                self.read += 1
                if self.on_read is not None and self.read % self.every == 0:
                    self.on_read(self.read, max(self.total, self.read))
                if keep(record):
                    yield record
            if self.on_read is not None:
                self.on_read(self.read, max(self.total, self.read))
            del batch  # not held while the next batch is read

    def __iter__(self) -> RecordStream:
        return self

    def __next__(self) -> Record:
        return next(self._records)

    def __length_hint__(self) -> int:
        return max(self.total - self.read, 0)

    def close(self) -> None:
        """Stops reading (no transaction is open between batches)."""
        self._records.close()


class ExportSource(Protocol):
    """What an export reads. Implementations decide how records are found and decrypted."""

    withdrawn_left_out: int
    """After `records` was read: how many matching records belonged to participants who
    withdrew (left out; their wave is gone with their key, so the wave filter is not applied
    to them)."""

    @property
    def study(self) -> Study: ...

    @property
    def forms(self) -> FormRegistry: ...

    def records(self, flt: ExportFilter) -> Iterator[Record]:
        """Decrypted records matching `flt` (withdrawn participants' records left out)."""
        ...

    def participant_codes(self) -> Mapping[str, str]:
        """Participant uuid -> pseudonymous code."""
        ...

    def observations(self, flt: ExportFilter) -> Sequence[Observation]:
        """Decrypted observations matching `flt.matches_observation`, without the codes of
        participants who withdrew."""
        ...

    def identities(self, participant_uuids: Sequence[str]) -> Mapping[str, Identity]:
        """Names and dates of birth; only called for an export with identifiers (audited)."""
        ...

    def audit_export(self, details: dict[str, Any]) -> None:
        """Records that an export happened: what, never values."""
        ...


@dataclass
class WorkspaceSource:
    """An `ExportSource` over an unlocked device workspace."""

    ws: UnlockedWorkspace
    withdrawn_left_out: int = field(default=0, init=False)
    _forms: FormRegistry | None = field(default=None, init=False)

    @property
    def study(self) -> Study:
        return self.ws.study

    @property
    def forms(self) -> FormRegistry:
        if self._forms is None:
            loaded: list[Form] = []
            subjects: dict[str, str] = {}
            for ref in self.ws.study.forms:
                subjects.setdefault(ref.id, ref.subject)
            for form_id in subjects:
                for row in self.ws.form_versions(form_id):
                    loaded.append(load_form_text(row.source, row.filename))
            self._forms = FormRegistry(loaded, subjects)
        return self._forms

    def records(self, flt: ExportFilter) -> Iterator[Record]:
        """The matching records, read and decrypted one form at a time (one transaction per
        form, none open between them), counted against the stored rows of those forms."""

        return self._by_form(flt, self._counting(flt, frozenset()))

    def _counting(self, flt: ExportFilter, withdrawn: frozenset[str]) -> Callable[[Record], bool]:
        """Which records to give: those matching `flt`, leaving out (and counting in
        `withdrawn_left_out`) the shredded ones and those of the `withdrawn` participants."""
        without_wave = replace(flt, waves=frozenset())
        self.withdrawn_left_out = 0

        def keep(record: Record) -> bool:
            if record.shredded or record.participant_uuid in withdrawn:
                if without_wave.matches(record):
                    self.withdrawn_left_out += 1
                return False
            return flt.matches(record)

        return keep

    def _by_form(self, flt: ExportFilter, keep: Callable[[Record], bool]) -> RecordStream:
        """Every stored record of the forms `flt` chooses (all forms, those the study no longer
        lists included, if it names none), read and decrypted one form at a time, of which
        `keep` says which to give; `total` is their number, from one count query, so that
        progress has a total before anything is decrypted. Only one form's records are held
        here at a time (a central store can hold 100,000+)."""
        with self.ws.transaction() as tx:
            query = select(RecordRow.form_id, func.count()).group_by(RecordRow.form_id)
            counts: dict[str, int] = {fid: n for fid, n in tx.session.execute(query).all()}
        chosen = sorted(f for f in counts if not flt.forms or f in flt.forms)

        def batches() -> Iterator[list[Record]]:
            for form_id in chosen:
                yield self._read_form(form_id)  # not kept here once given

        return RecordStream(sum(counts[f] for f in chosen), batches(), keep)

    def _read_form(self, form_id: str) -> list[Record]:
        with self.ws.transaction() as tx:
            return tx.records.list(form_id=form_id)

    def participant_codes(self) -> Mapping[str, str]:
        with self.ws.transaction() as tx:
            return {p.uuid: p.code for p in tx.participants.list()}

    def observations(self, flt: ExportFilter) -> Sequence[Observation]:
        """Every logged observation matching `flt` (a workspace's and a central store's
        alike: `central import` stores them in the same table), without the codes of
        participants who withdrew (known from the plain columns, nothing decrypted)."""
        with self.ws.transaction() as tx:
            withdrawn = {p.code for p in tx.participants.directory() if p.withdrawn}
            found = [o for o in tx.observations.list() if flt.matches_observation(o)]
        return [_without(o, withdrawn) for o in found]

    def identities(self, participant_uuids: Sequence[str]) -> Mapping[str, Identity]:
        wanted = set(participant_uuids)
        out: dict[str, Identity] = {}
        with self.ws.transaction() as tx:
            for p in tx.participants.list(include_withdrawn=False):
                if p.uuid in wanted:
                    revealed = tx.participants.reveal_identity(p.code)  # audited per person
                    out[p.uuid] = revealed.identity or Identity()
        return out

    def audit_export(self, details: dict[str, Any]) -> None:
        with self.ws.transaction() as tx:
            tx.audit(AuditAction.EXPORT, "export", None, details, WORKSPACE_KEY_ID)
