"""A demo workspace filled with one participant's records, a site's returns and evidence."""

from __future__ import annotations

from datetime import date, datetime

from sylcollect.domain.consent import Consent, ConsentMethod, ConsentScope, ConsentWho
from sylcollect.domain.observation import Observation
from sylcollect.domain.participant import Identity
from sylcollect.domain.study import Role
from sylcollect.services.records import NewRecord, add_record
from sylcollect.storage.workspace import UnlockedWorkspace

SITE = "durham-house"
CODE = "DH-001"
CANARY_NAME = "Zephyrine Quillfeather-Canary"

PHQ = [  # baseline, early, medium
    {f"phq9_{i}": v for i, v in enumerate(["2", "2", "1", "2", "1", "2", "1", "1", "1"], 1)},
    {f"phq9_{i}": v for i, v in enumerate(["1", "1", "1", "1", "1", "1", "1", "0", "0"], 1)},
    {f"phq9_{i}": v for i, v in enumerate(["0", "1", "0", "1", "0", "0", "1", "0", "0"], 1)},
]
GAD = [
    {f"gad7_{i}": v for i, v in enumerate(["2", "2", "2", "1", "2", "1", "2"], 1)},
    {f"gad7_{i}": v for i, v in enumerate(["1", "1", "1", "1", "1", "1", "1"], 1)},
]
WAVES = ["baseline", "early", "medium"]


def indicators(month: str, incidents: int) -> dict[str, object]:
    return {
        "month": month,
        "incidents": incidents,
        "missing_episodes": max(0, incidents - 2),
        "restraints": incidents // 2,
        "staff_absence_days": 10 - incidents // 2,
        "staff_leavers": incidents % 2,
        "staff_joiners": 1,
    }


def fill(ws: UnlockedWorkspace, dob: date = date(2008, 5, 1)) -> None:
    with ws.transaction() as tx:
        p = tx.participants.add(CODE, SITE, Role.YOUNG_PERSON, Identity(CANARY_NAME, dob))
        tx.participants.add("DH-002", SITE, Role.YOUNG_PERSON, Identity("", date(2012, 2, 2)))
        tx.participants.add("DH-S01", SITE, Role.STAFF)
        tx.consents.add(
            Consent(
                "",
                p.uuid,
                ConsentWho.SELF,
                frozenset({ConsentScope.TAKING_PART, ConsentScope.INTERVIEW}),
                "2",
                ConsentMethod.PAPER,
                date(2025, 1, 20),
                taken_by="ann",
            )
        )
        tx.observations.add(
            Observation(
                "",
                SITE,
                "group_work",
                datetime(2025, 3, 4, 10),
                60,
                (CODE,),
                "",
                (),
                ("dh-e1", "dh-e2"),
                "ann",
            )
        )
    for answers, wave in zip(PHQ, WAVES, strict=True):
        add_record(ws, NewRecord("phq9", answers, CODE, wave_id=wave, ack_action="Talked to YP"))
    for answers, wave in zip(GAD, WAVES, strict=False):
        add_record(ws, NewRecord("gad7", answers, CODE, wave_id=wave))
    for n, month in enumerate(["2025-01-01", "2025-02-01", "2025-03-01", "2025-04-01"]):
        add_record(ws, NewRecord("site_indicators", indicators(month, 6 - n), site_id=SITE))
    add_record(
        ws,
        NewRecord(
            "interview_record",
            {
                "interview_date": "2025-03-10",
                "interviewee_role": "staff",
                "consent_record": "no",
                "milestone_ids": "dh-e1 dh-m1",
            },
            CODE,
            wave_id="early",
        ),
    )
