"""`CentralSource`: an `ExportSource` over the supervisor's unlocked central store.

The central store is the same storage layer as a laptop's workspace (`sync.central`), so the
study, every form version (`central import` takes each newly published version beside the
old ones), the records and the participants are read exactly as `WorkspaceSource` reads
them; this module adds what is particular to the central store. It imports only storage,
never `sylcollect.sync` (a sibling layer): the CLI opens the store and hands it over.

* **Withdrawn participants.** A withdrawal tombstone crypto-shreds the participant centrally
  (key deleted, every ciphertext under it set to NULL), and data about them arriving later is
  stored without content. Their records are left out of the files entirely: no row, no
  record id, no code. Only their *number* is kept, in the export's audit event
  (`withdrawn_records_left_out`: records left out that match the form, site and date filters;
  the wave of a shredded record can't be known, so a wave filter does not narrow the count).
  As a second line of defence, a record is left out if its participant is withdrawn even if
  some content were still readable.
* **Participants not yet enrolled here.** A record can arrive before its participant's
  enrolment (another laptop's bundle not imported yet); the store then holds a placeholder
  participant (code starting `~`, dated with the import time, no profile; see
  `sync.importer_people`). Such records are exported with an empty `participant_code` (and
  no identity) until the enrolment is imported.
* **Identities** (only for `--include-identifiers`) are revealed one participant at a time
  through the audited path (`view_identity` in the central store's audit chain).
* **The export audit** goes to the central store's audit chain, with `store: central`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sylcollect.domain.participant import Identity
from sylcollect.domain.record import Record
from sylcollect.export.source import ExportFilter, WorkspaceSource

#: Codes of placeholder participants (enrolment not imported yet) start with this.
PLACEHOLDER_PREFIX = "~"


@dataclass
class CentralSource(WorkspaceSource):
    """An `ExportSource` over an unlocked central store (`ws` is the store)."""

    _codes: dict[str, str] | None = field(default=None, init=False)

    def _people(self) -> tuple[dict[str, str], frozenset[str]]:
        """Codes of the enrolled, not withdrawn participants (their keys unwrapped in one
        query) and the uuids of the withdrawn ones, from the plain columns: nothing else is
        decrypted (a store can hold 100,000 participants)."""
        with self.ws.transaction() as tx:
            people = tx.participants.directory()
            tx.participants.preload_keys(p.key_id for p in people if not p.withdrawn)
        codes = {
            p.uuid: p.code
            for p in people
            if not p.withdrawn and not p.code.startswith(PLACEHOLDER_PREFIX)
        }
        return codes, frozenset(p.uuid for p in people if p.withdrawn)

    def records(self, flt: ExportFilter) -> Iterator[Record]:
        """As `WorkspaceSource.records` (one form at a time, counted first, so progress has
        a total and a cancel is noticed while reading), leaving out the records of withdrawn
        participants and counting them in `withdrawn_left_out` as they go by."""
        self._codes, withdrawn = self._people()  # also preloads the participants' keys
        return self._by_form(flt, self._counting(flt, withdrawn))

    def participant_codes(self) -> Mapping[str, str]:
        if self._codes is None:
            self._codes, _ = self._people()
        return self._codes

    def identities(self, participant_uuids: Sequence[str]) -> Mapping[str, Identity]:
        codes = self.participant_codes()
        out: dict[str, Identity] = {}
        with self.ws.transaction() as tx:
            for uuid in participant_uuids:
                code = codes.get(uuid)
                if code is None:  # withdrawn, or not enrolled here yet: nothing to reveal
                    continue
                revealed = tx.participants.reveal_identity(code)  # audited per person
                out[uuid] = revealed.identity or Identity()
        return out

    def audit_export(self, details: dict[str, Any]) -> None:
        super().audit_export(
            {**details, "store": "central", "withdrawn_records_left_out": self.withdrawn_left_out}
        )
