"""A demo workspace with records across sites, waves and forms, and readers for exports."""

from __future__ import annotations

import contextlib
import csv
import re
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sylcollect.domain.participant import Identity
from sylcollect.domain.study import Role
from sylcollect.services.records import NewRecord, add_record
from sylcollect.storage.workspace import UnlockedWorkspace

#: Planted identifiers: must appear in no export unless identifiers are asked for.
NAME = "Zebulon Quillfeather"
DOB = date(2009, 3, 17)
DOB_FORMS = ("2009-03-17", "17/03/2009", "20090317")

CHECKIN = {
    "feel_week": "pnts",
    "sleep": "well",
    "fun": "some_days",
    "people_go": "yes",
    "trust_any": "yes",
    "trusted_people": [
        {"trusted_who": "carer", "trusted_talk": "most_days"},
        {"trusted_who": "pnts", "trusted_talk": "never"},
    ],
    "anything_else": "free text about my week",
}
GAD_MILD = {f"gad7_{i}": "1" for i in range(1, 8)}  # total 7: Mild
GAD_DECLINED = {**GAD_MILD, "gad7_3": "pnts"}  # not scored


@dataclass
class Filled:
    """The workspace and what was put in it."""

    ws: UnlockedWorkspace
    records: dict[str, int]


def add_people(ws: UnlockedWorkspace) -> None:
    with ws.transaction() as tx:
        tx.participants.add(
            "DH-001", "durham-house", Role.YOUNG_PERSON, Identity(name=NAME, date_of_birth=DOB)
        )
        other = Identity(name="Other Person")
        tx.participants.add("SS-001", "safe-steps", Role.YOUNG_PERSON, other)


@pytest.fixture
def filled(workspace: tuple[UnlockedWorkspace, str]) -> Filled:
    ws, _ = workspace
    add_people(ws)
    add = add_record
    add(ws, NewRecord("yp_checkin", CHECKIN, participant_code="DH-001", wave_id="baseline"))
    add(ws, NewRecord("yp_checkin", {"sleep": "badly"}, participant_code="SS-001", wave_id="early"))
    add(ws, NewRecord("gad7", GAD_MILD, participant_code="DH-001", wave_id="baseline"))
    add(ws, NewRecord("gad7", GAD_DECLINED, participant_code="SS-001", wave_id="baseline"))
    add(ws, NewRecord("interview_record", interview_answers(), participant_code="DH-001"))
    return Filled(ws, {"yp_checkin": 2, "gad7": 2, "interview_record": 1})


def interview_answers() -> dict[str, Any]:
    return {
        "interview_date": "2025-02-03",
        "interviewee_role": "young_person",
        "mode": "in_person",
        "consent_record": "no",
        "themes": "relationships safety",
        "summary": "went well",
    }


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def plain_bytes(path: Path) -> bytes:
    """A file's bytes with zip members and PDF streams inflated, for searching."""
    data = path.read_bytes()
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            return b"\n".join(archive.read(n) for n in archive.namelist())
    if data.startswith(b"%PDF"):
        parts = [data]
        for match in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
            with contextlib.suppress(zlib.error):
                parts.append(zlib.decompress(match.group(1)))
        return b"\n".join(parts)
    return data


def contains_identifier(folder: Path) -> list[str]:
    """Files under `folder` that hold the planted name or date of birth in any common form."""
    needles = [NAME.encode(), NAME.encode("utf-16-le"), *(d.encode() for d in DOB_FORMS)]
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = plain_bytes(path)
        if any(n in data for n in needles):
            found.append(path.name)
    return found
