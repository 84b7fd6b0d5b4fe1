"""Participant and site summaries: scores and bands, alerts, consent, evidence, milestones."""

from __future__ import annotations

import pytest

from sylcollect.errors import InvalidInput, NotFound
from sylcollect.reports.gather import participant_summary, site_summary
from sylcollect.reports.participant_pdf import render_participant_summary
from sylcollect.reports.site_pdf import render_site_summary
from tests.core.reports.pdftools import pdf_text
from tests.core.reports.sample import CANARY_NAME, CODE, SITE


def test_participant_summary_data(filled) -> None:  # type: ignore[no-untyped-def]
    s = participant_summary(filled, CODE)
    phq = next(x for x in s.series if x.scale == "phq9")
    assert [(p.wave, p.score, p.band) for p in phq.points] == [
        ("Baseline", 13, "Moderate"),
        ("Early milestone", 7, "Mild"),
        ("Medium-term milestone", 3, "None/minimal"),
    ]
    gad = next(x for x in s.series if x.scale == "gad7")
    assert [p.score for p in gad.points] == [12, 7]
    assert (phq.score_min, phq.score_max) == (0, 27)
    assert len(s.alerts) == 1 and s.alerts[0].acknowledged_by == "ann"
    assert s.alerts[0].action_taken == "Talked to YP"
    assert len(s.consents) == 1


def test_participant_summary_pdf(filled) -> None:  # type: ignore[no-untyped-def]
    text = pdf_text(render_participant_summary(participant_summary(filled, CODE)))
    for expected in (
        "Participant summary",
        CODE,
        "Consent recorded on 20 Jan 2025",
        "taking part, interview",
        "Scores across waves",
        "PHQ-9 total",
        "GAD-7 total",
        "13 Moderate",
        "7 Mild",
        "3 None/minimal",
        "Safeguarding alerts",
        "Talked to YP",
        "Records collected",
        "Confidential",
    ):
        assert expected in text, expected
    assert CANARY_NAME not in text  # codes, never names


def test_withdrawn_participant_has_no_summary(filled) -> None:  # type: ignore[no-untyped-def]
    filled.withdraw("DH-002")
    with pytest.raises(InvalidInput, match="withdrawn"):
        participant_summary(filled, "DH-002")
    s = site_summary(filled, SITE)
    assert s.withdrawn == 1


def test_empty_participant_summary(workspace) -> None:  # type: ignore[no-untyped-def]
    ws, _ = workspace
    from sylcollect.domain.study import Role

    with ws.transaction() as tx:
        tx.participants.add("EP-001", "empower-protect", Role.YOUNG_PERSON)
    text = pdf_text(render_participant_summary(participant_summary(ws, "EP-001")))
    assert "No consent recorded" in text
    assert "No scored questionnaires yet." in text
    assert "No safeguarding alerts were raised." in text


def test_site_summary(filled) -> None:  # type: ignore[no-untyped-def]
    s = site_summary(filled, SITE)
    assert s.evidence["questionnaire"] == {
        "Baseline": 2,
        "Early milestone": 2,
        "Medium-term milestone": 1,
    }
    assert s.evidence["interview"] == {"Early milestone": 1}
    assert s.evidence["observation"] == {"Not linked to a wave": 1}
    assert len(s.months) == 4 and s.months[0][1]["incidents"] == 6
    by_id = {m.milestone.id: m for m in s.milestones}
    assert (by_id["dh-e1"].observations, by_id["dh-e1"].interviews) == (1, 1)
    assert (by_id["dh-m1"].observations, by_id["dh-m1"].interviews) == (0, 1)
    assert by_id["dh-m2"].observations + by_id["dh-m2"].interviews == 0
    assert dict((r, (y, n)) for r, y, n in s.status) == {
        "Young person": (1, 1),
        "Staff member": (0, 1),
    }
    text = pdf_text(render_site_summary(s))
    for expected in (
        "Site summary",
        "Durham House, Aycliffe Secure Centre",
        "Participants",
        "Evidence collected",
        "Questionnaires",
        "Interviews",
        "Observations",
        "Staff surveys",
        "Indicator returns",
        "Indicator trends",
        "Incidents, missing episodes and restraints",
        "Staff absence days",
        "Staff leavers and joiners",
        "Jan 2025",
        "Apr 2025",
        "Theory-of-change milestones",
        "Therapeutic model in place in Durham House",
        "Evidence linked: 1 observation, 1 interview",
        "No evidence linked yet",
    ):
        assert expected in text, expected
    assert CANARY_NAME not in text


def test_site_summary_counts_final_records_only(filled) -> None:  # type: ignore[no-untyped-def]
    """A draft may still change (or hold an alert nobody acknowledged yet): it is neither
    evidence nor a point on the indicator trends, and the summary says how many it left out."""
    from sylcollect.domain.record import RecordStatus
    from sylcollect.services.records import NewRecord, add_record
    from tests.core.reports.sample import CODE, indicators

    before = site_summary(filled, SITE)
    draft = RecordStatus.DRAFT
    add_record(filled, NewRecord("phq9", {}, CODE, wave_id="baseline", status=draft))
    add_record(
        filled,
        NewRecord("site_indicators", indicators("2025-05-01", 9), site_id=SITE, status=draft),
    )
    s = site_summary(filled, SITE)
    assert s.evidence == before.evidence and s.months == before.months
    assert s.drafts == 2 and before.drafts == 0
    text = pdf_text(render_site_summary(s))
    assert "2 drafts not finished yet are not counted here or in the indicator trends." in text
    assert "May 2025" not in text


def test_unknown_site(filled) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFound, match="unknown site"):
        site_summary(filled, "nowhere")


# --- alerts whose answers changed after they were raised -----------------------------------


def _changed_alerts(ws) -> None:  # type: ignore[no-untyped-def]
    """Two drafts for CODE: one whose item 9 went from 1 to 'Not at all' (no longer holds,
    nobody acknowledged it), one acknowledged and then changed from 1 to 3 (asked again)."""
    from sylcollect.domain.record import RecordStatus
    from sylcollect.services.drafts import DraftSave, acknowledge_draft_alerts, save_draft
    from sylcollect.services.records import NewRecord, add_record
    from tests.core.reports.sample import PHQ

    items = {k: v for k, v in PHQ[0].items() if k != "phq9_9"}
    for ack, later in ((None, "0"), ("Rang the DSL", "3")):
        rec = add_record(
            ws, NewRecord("phq9", {**items, "phq9_9": "1"}, CODE, status=RecordStatus.DRAFT)
        )
        if ack:
            acknowledge_draft_alerts(ws, rec.uuid, ack)
        answers = {**items, "phq9_9": later}
        save_draft(ws, DraftSave("phq9", rec.form_version, answers, uuid=rec.uuid))


def test_participant_summary_keeps_changed_alerts_and_their_history(filled) -> None:  # type: ignore[no-untyped-def]
    _changed_alerts(filled)
    s = participant_summary(filled, CODE)
    assert len(s.alerts) == 3
    kept, cleared, again = s.alerts
    assert kept.holds and kept.cleared_at is None and kept.history == ()
    assert not cleared.holds and cleared.cleared_at is not None
    assert cleared.acknowledged_by is None and cleared.history == ()
    assert again.holds and again.acknowledged_by is None
    assert [(h.by, h.action_taken) for h in again.history] == [("ann", "Rang the DSL")]
    assert again.history[0].at is not None


def test_participant_summary_pdf_shows_changed_alerts(filled) -> None:  # type: ignore[no-untyped-def]
    _changed_alerts(filled)
    s = participant_summary(filled, CODE)
    text = pdf_text(render_participant_summary(s))
    cleared, earlier = s.alerts[1].cleared_at, s.alerts[2].history[0].at
    assert cleared is not None and earlier is not None
    assert (
        f"No longer applies: the answers changed on {cleared:%d %b %Y}, after it was raised."
        in text
    )
    assert (
        f"Acknowledged earlier by ann, {earlier:%d %b %Y} (Rang the DSL), before the answers "
        "changed. It needs acknowledging again." in text
    )
    assert text.count("! Not yet") == 2 and "Talked to YP" in text  # the narrow cell wraps
