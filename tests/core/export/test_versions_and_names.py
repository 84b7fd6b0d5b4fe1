"""Several form versions in one table, stable codes, and SPSS/Stata name limits.

Uses an in-memory `ExportSource`, as the central store will supply one.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyreadstat

from sylcollect.domain.observation import Observation
from sylcollect.domain.participant import Identity
from sylcollect.domain.record import Record, SubjectKind
from sylcollect.domain.study import Site, Study, Wave
from sylcollect.export import (
    ExportFilter,
    ExportFormat,
    ExportRequest,
    FormRegistry,
    run_export,
)
from sylcollect.export.names import NameAllocator, safe_name, shorten
from sylcollect.forms.xlsform import load_form_text
from tests.core.export.conftest import read_csv

LONG = "how_often_did_you_feel_really_listened_to_by_staff_this_month"  # 61 characters


def _form(version: str, colours: Sequence[str], extra: str = "") -> str:
    rows = [
        "| survey |",
        "| | type | name | label |",
        "| | select_one colour | colour | Favourite colour |",
        f"| | integer | {LONG} | Listened to (times) |",
        "| | select_multiple colour | also | Other colours |",
    ]
    if extra:
        rows.append(f"| | text | {extra} | New in version 2 |")
    rows += ["| choices |", "| | list_name | name | label |"]
    rows += [f"| | colour | {c} | {c.title()} |" for c in colours]
    rows += [
        "| settings |",
        "| | form_id | version | form_title |",
        f"| | colours | {version} | Colours |",
    ]
    return "\n".join(rows) + "\n"


V1 = load_form_text(_form("1", ["red", "blue", "pnts"]), "colours.md")
V2 = load_form_text(_form("2", ["green", "red", "blue", "pnts"], extra="comment"), "colours.md")


STUDY = Study("s", "Memory study", 1, "", (Site("site", "Site", "P"),), (Wave("w1", "W1"),), (), ())
REGISTRY = FormRegistry([V2, V1], {"colours": "participant"})


@dataclass
class MemorySource:
    """An ExportSource over plain Python objects."""

    records_: list[Record]
    audits: list[dict[str, Any]] = field(default_factory=list)
    study: Study = STUDY
    forms: FormRegistry = REGISTRY
    withdrawn_left_out: int = 0

    def records(self, flt: ExportFilter) -> Iterator[Record]:
        return (r for r in self.records_ if flt.matches(r))

    def participant_codes(self) -> Mapping[str, str]:
        return {"p1": "P-001"}

    def observations(self, flt: ExportFilter) -> Sequence[Observation]:
        return []

    def identities(self, participant_uuids: Sequence[str]) -> Mapping[str, Identity]:
        return {}

    def audit_export(self, details: dict[str, Any]) -> None:
        self.audits.append(details)


def _record(uuid: str, version: str, answers: dict[str, Any]) -> Record:
    return Record(
        uuid,
        "colours",
        version,
        SubjectKind.PARTICIPANT,
        "site",
        participant_uuid="p1",
        wave_id="w1",
        answers=answers,
        created_at=datetime(2025, 1, 2, tzinfo=UTC),
    )


SOURCE_RECORDS = [
    _record("r1", "1", {"colour": "blue", LONG: 3, "also": "red pnts"}),
    _record("r2", "2", {"colour": "green", LONG: 1, "also": "green blue", "comment": "hi"}),
]


def test_versions_share_a_table_with_stable_codes(tmp_path: Path) -> None:
    source = MemorySource(list(SOURCE_RECORDS))
    result = run_export(source, ExportRequest(ExportFormat.SAV, tmp_path / "out"))
    assert result.rows == {"colours": 2, "observations": 0} and len(source.audits) == 1
    book = {r["full_name"]: r for r in read_csv(tmp_path / "out" / "codebook.csv")}
    assert book["colour"]["values"] == (
        "1 = Red [red]; 2 = Blue [blue]; 3 = Green [green] (only in version 2)"
    )
    assert book["colour"]["form_versions"] == "1, 2"
    assert book["comment"]["form_versions"] == "2"
    assert book["record_uuid"]["form_versions"] == "1, 2"
    df, meta = pyreadstat.read_sav(str(tmp_path / "out" / "colours.sav"), user_missing=True)
    assert list(df["colour"]) == [2, 3] and list(df["form_version"]) == ["1", "2"]
    assert list(df["comment"]) == ["", "hi"]
    assert list(df["also_blue"]) == [-99, 1]
    # green is new in version 2: not asked of the version 1 record (empty, not -99 or 0)
    assert df["also_green"][0] != df["also_green"][0] and df["also_green"][1] == 1
    assert meta.column_names_to_labels["also_blue"] == "Other colours: Blue"


def test_stata_names_are_shortened_and_documented(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_export(MemorySource(list(SOURCE_RECORDS)), ExportRequest(ExportFormat.DTA, out))
    book = [r for r in read_csv(out / "codebook.csv") if r["table"] == "colours"]
    long_row = next(r for r in book if r["full_name"] == LONG)
    assert len(long_row["variable"]) <= 32 and long_row["variable"].startswith("how_often_did")
    assert long_row["source_question"] == LONG
    df, _ = pyreadstat.read_dta(str(out / "colours.dta"))
    assert list(df.columns) == [r["variable"] for r in book]
    assert all(len(c) <= 32 for c in df.columns)
    assert list(df[long_row["variable"]]) == [3, 1]
    # the same again: deterministic
    run_export(MemorySource(list(SOURCE_RECORDS)), ExportRequest(ExportFormat.DTA, tmp_path / "b"))
    assert [r for r in read_csv(tmp_path / "b" / "codebook.csv") if r["table"] == "colours"] == book


def test_name_rules() -> None:
    assert shorten(LONG, 32) == shorten(LONG, 32) and len(shorten(LONG, 32)) == 32
    assert shorten("short", 32) == "short"
    assert safe_name("q-1.a", "dta") == "q_1_a" and safe_name("1st", "sav") == "v1st"
    assert safe_name("with", "sav") == "with_" and safe_name("in", "dta") == "in_"
    assert safe_name("q-1", "csv") == "q-1"
    names = NameAllocator("dta")
    a, b = names.name(LONG + "_a"), names.name(LONG + "_b")
    assert a != b and len(a) == len(b) == 32
    same = NameAllocator("sav")
    assert same.name("Q1") == "Q1" and same.name("q1").lower() != "q1"
