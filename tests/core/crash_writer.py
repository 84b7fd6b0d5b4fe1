"""Child process for tests/core/test_crash_safety.py: saves records until it is killed.

Usage: python crash_writer.py DATA_DIR USER PASSWORD PARTICIPANT_CODE

Imports only what it needs (startup dominates the test's runtime), then waits for one line
on stdin ("go") so the parent can overlap this start-up with its own checks of the previous
crash. It then unlocks the workspace (with the test-only cheap Argon2id parameters the
workspace was created with), and saves records in a loop: every second one about the
participant (sealed under their own key), the others about the site (workspace key). After
each transaction COMMITS it prints the record's uuid and flushes, so every uuid the parent
reads was durably saved. Answers are a pure function of the uuid: see `answers_for`.
"""

from __future__ import annotations

import hashlib
import sys
import uuid as uuidlib
from pathlib import Path
from typing import Any

FORM_ID = "yp_checkin"
SITE_FORM_ID = "site_indicators"


def answers_for(record_uuid: str) -> dict[str, Any]:
    """The deterministic answers the child writes for a record uuid (the parent recomputes)."""
    digest = hashlib.sha256(record_uuid.encode()).hexdigest()
    return {
        "anything_else": f"crash-test {record_uuid} {digest}",
        "school_days": int(digest[:2], 16) % 8,
        "feel_week": ("great", "good", "ok", "not_good", "bad")[int(digest[2], 16) % 5],
        "padding": digest * (1 + int(digest[3], 16) % 4),
    }


def is_participant_record(record_uuid: str) -> bool:
    return int(hashlib.sha256(record_uuid.encode()).hexdigest()[-1], 16) % 2 == 0


def main(argv: list[str]) -> int:
    data_dir, user, password, code = argv[1:5]

    from sylcollect.crypto.testing import cheap_kdf
    from sylcollect.domain.record import Record, SubjectKind
    from sylcollect.storage.workspace import Workspace

    sys.stdin.readline()  # the parent says go
    with cheap_kdf():
        ws = Workspace.open(Path(data_dir)).unlock(user, password)
    with ws.transaction() as tx:
        participant = tx.participants.get(code)
    out = sys.stdout
    while True:
        record_uuid = str(uuidlib.uuid4())
        about_participant = is_participant_record(record_uuid)
        with ws.transaction() as tx:
            tx.records.add(
                Record(
                    uuid=record_uuid,
                    form_id=FORM_ID if about_participant else SITE_FORM_ID,
                    form_version="1",
                    subject=SubjectKind.PARTICIPANT if about_participant else SubjectKind.SITE,
                    site_id=participant.site_id,
                    participant_uuid=participant.uuid if about_participant else None,
                    answers=answers_for(record_uuid),
                    collected_by=user,
                )
            )
        # Only now, after the commit returned, does the parent learn of the record.
        out.write(record_uuid + "\n")
        out.flush()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
