"""Export benchmarks: CSV against plain `csv.writer` on the same rows; .sav and .dta times.

CSV measures (the exporter's time includes codebook.csv, codebook.pdf and fsynced atomic
writes):
- `export_csv_N`: the exporter over records already decrypted (an in-memory source) against a
  hand-written loop that turns the same decrypted records into the same 41 cells per row
  and writes them with `csv.writer` (target <= 2);
- `export_csv_N_vs_prebuilt_cells`: the same export against `csv.writer` alone writing the
  finished cells (read back from our file): the floor, reported;
- `export_csv_N_from_workspace`: end to end from an encrypted workspace (decryption included)
  against decrypting the same records and writing them with the hand-written loop.
"""

from __future__ import annotations

import csv
import tempfile
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.harness import Measure, ratio_measure, seconds
from sylcollect.crypto.testing import cheap_kdf
from sylcollect.domain.observation import Observation
from sylcollect.domain.participant import Identity
from sylcollect.domain.record import Record, RecordStatus, SubjectKind
from sylcollect.domain.study import FormRef, Site, Study, Wave
from sylcollect.export import (
    ExportFilter,
    ExportFormat,
    ExportRequest,
    FormRegistry,
    WorkspaceSource,
    run_export,
)
from sylcollect.forms.xlsform import load_form_text
from sylcollect.storage.workspace import Workspace

PASSWORD = "benchmark pass phrase here"
CHOICES = ("often", "sometimes", "rarely", "never", "pnts")


def _form_source() -> str:
    rows = ["| survey |", "| | type | name | label |"]
    for i in range(12):
        rows.append(f"| | select_one freq | s{i} | Select question {i} |")
    for i in range(12):
        rows.append(f"| | integer | n{i} | Number question {i} |")
    for i in range(4):
        rows.append(f"| | text | t{i} | Text question {i} |")
    rows.append("| | select_multiple freq | m0 | Multi question |")
    rows += ["| choices |", "| | list_name | name | label |"]
    rows += [f"| | freq | {c} | {c.title()} |" for c in CHOICES]
    rows += ["| settings |", "| | form_id | version | form_title |", "| | bench | 1 | Bench |"]
    return "\n".join(rows) + "\n"


SOURCE = _form_source()
STUDY = Study(
    id="bench",
    name="Bench",
    version=1,
    description="",
    sites=(Site("s1", "Site one", "P"),),
    waves=(Wave("baseline", "Baseline"),),
    milestones=(),
    forms=(FormRef("bench", "1", "Bench", "bench.md", "site", SOURCE),),
)


def _answers(i: int) -> dict[str, Any]:
    answers: dict[str, Any] = {f"s{k}": CHOICES[(i + k) % 5] for k in range(12)}
    answers.update({f"n{k}": (i * 7 + k) % 100 for k in range(12)})
    answers.update({f"t{k}": f"some free text {i % 97}, with a comma" for k in range(4)})
    answers["m0"] = "often rarely" if i % 3 else "pnts"
    return answers


def _records(n: int) -> list[Record]:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    return [
        Record(str(uuid.uuid4()), "bench", "1", SubjectKind.SITE, "s1", wave_id="baseline",
               answers=_answers(i), status=RecordStatus.FINAL, created_at=now)
        for i in range(n)
    ]  # fmt: skip


REGISTRY = FormRegistry([load_form_text(SOURCE, "bench.md")], {"bench": "site"})


@dataclass
class _MemorySource:
    """Records already decrypted: measures the exporter alone."""

    records_: list[Record]
    study: Study = STUDY
    forms: FormRegistry = REGISTRY
    withdrawn_left_out: int = 0

    def records(self, flt: ExportFilter) -> Iterator[Record]:
        return iter(self.records_)

    def participant_codes(self) -> Mapping[str, str]:
        return {}

    def observations(self, flt: ExportFilter) -> Sequence[Observation]:
        return []

    def identities(self, participant_uuids: Sequence[str]) -> Mapping[str, Identity]:
        return {}

    def audit_export(self, details: dict[str, Any]) -> None:
        return None


NAMES = [f"s{k}" for k in range(12)] + [f"n{k}" for k in range(12)] + [f"t{k}" for k in range(4)]
MULTI = CHOICES[:-1]


def _by_hand(records: Sequence[Record], path: Path) -> None:
    """What an analyst's script would do: the same cells, straight into csv.writer."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        for r in records:
            a = r.answers
            row = [
                r.uuid,
                None,
                r.site_id,
                r.wave_id,
                r.mode.value,
                r.paper_date.isoformat() if r.paper_date else None,
                r.status.value,
                r.form_version,
                r.created_at.isoformat() if r.created_at else None,
            ]
            row += [a.get(q) for q in NAMES]
            m0 = a.get("m0") or ""
            chosen = m0.split()
            row.append(m0)
            row += ["pnts" if "pnts" in chosen else int(c in chosen) for c in MULTI]
            writer.writerow(row)  # fmt: skip


def _csv_writer(rows: list[list[str]], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)


def _read_rows(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def export_csv(quick: bool) -> list[Measure]:
    n = 10_000 if quick else 100_000
    records = _records(n)
    out: list[Measure] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for fmt in ExportFormat:  # warm up: imports and first-call costs are not per record
            run_export(_MemorySource(records[:100]), ExportRequest(fmt, folder / "warm"))
        source = _MemorySource(records)
        request = ExportRequest(ExportFormat.CSV, folder / "ours")
        ours = seconds(lambda: run_export(source, request))
        rows = _read_rows(folder / "ours" / "bench.csv")
        assert len(rows) == n + 1
        hand = seconds(lambda: _by_hand(records, folder / "by-hand.csv"))
        assert _read_rows(folder / "by-hand.csv") == rows[1:]  # the very same cells
        out.append(
            ratio_measure(f"export_csv_{n}", ours, "s",
                          "decrypted records -> same cells -> csv.writer, by hand", hand, 2.0,
                          columns=len(rows[0]), note="includes codebook.csv and codebook.pdf")
        )  # fmt: skip
        base = seconds(lambda: _csv_writer(rows, folder / "baseline.csv"))
        floor = ratio_measure(f"export_csv_{n}_vs_prebuilt_cells", ours, "s",
                              "csv.writer of the finished cells", base, 3.0)  # fmt: skip
        floor.target = "reported (<= 3.0 as a sanity bound)"
        out.append(floor)
        for fmt in (ExportFormat.SAV, ExportFormat.DTA):
            req = ExportRequest(fmt, folder / fmt.value)
            value = seconds(lambda req=req: run_export(source, req))  # type: ignore[misc]
            out.append(
                ratio_measure(f"export_{fmt.value}_{n}", value, "s", f"export_csv_{n}", ours, 10.0,
                              note="reported; target is a loose sanity bound")
            )  # fmt: skip
        with cheap_kdf():
            ws, _ = Workspace.create(folder / "ws", STUDY, "bench", PASSWORD)
        for start in range(0, n, 5000):
            with ws.transaction() as tx:
                tx.records.add_many(records[start : start + 5000])
        request = ExportRequest(ExportFormat.CSV, folder / "ws-out")
        end_to_end = seconds(lambda: run_export(WorkspaceSource(ws), request))

        def decrypt_and_write() -> None:
            with ws.transaction() as tx:
                found = tx.records.list()
            _by_hand(found, folder / "ws-baseline.csv")

        base_ws = seconds(decrypt_and_write)
        out.append(
            ratio_measure(f"export_csv_{n}_from_workspace", end_to_end, "s",
                          "decrypt the records, then the by-hand csv.writer loop", base_ws, 2.0)
        )  # fmt: skip
        ws.lock()
        ws.workspace.close()
    return out


BENCHMARKS = {"export.csv_sav_dta": export_csv}
