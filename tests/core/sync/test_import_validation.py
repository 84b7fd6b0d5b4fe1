"""What the central import checks in a record (structure always, the full form state for
final records) and that repeated answer sets are checked once without weakening it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from sylcollect.domain.study import Study
from sylcollect.sync.bundle_errors import BundleRefused
from sylcollect.sync.central_views import snapshot
from tests.core.sync.test_import_support import (
    Central,
    checkin,
    content_hash,
    make_central,
    participant,
    record,
)


@pytest.fixture
def central(tmp_path: Path, cheap: None, demo_study: Study) -> Central:
    return make_central(tmp_path / "home", demo_study)


def test_saved_records_keep_their_calculated_values(central: Central, tmp_path: Path) -> None:
    device = central.device()
    central.approve(device)
    site = record(None, {"staff_net_change": 1})  # a calculate: in every saved record
    result = central.importer.import_path(device.bundle(tmp_path / "out", [site]))
    assert result.counts["records"] == 1
    [got] = snapshot(central.store)["records"]
    assert got["content"]["answers"]["staff_net_change"] == 1


@pytest.mark.parametrize(
    ("answers", "status", "why"),
    [
        (checkin() | {"feel_week": "fabulous"}, "final", "does not fit"),
        (checkin() | {"feel_week": "fabulous"}, "draft", "does not fit"),
        (checkin() | {"no_such_question": "x"}, "final", "does not fit"),
        ({"incidents": -1}, "final", "breaks a rule"),  # a constraint
        ({"incidents": None}, "final", "breaks a rule"),  # a required answer missing
    ],
)
def test_a_bad_record_among_identical_good_ones_is_refused(
    central: Central, tmp_path: Path, answers: dict[str, object], status: str, why: str
) -> None:
    device = central.device()
    central.approve(device)
    person = participant("DH-001")
    good = [record(person) for _ in range(25)] + [record(None) for _ in range(25)]
    if "incidents" in answers:
        bad = replace(record(None, answers), status=status)
    else:
        bad = replace(record(person, answers), status=status)
    before = content_hash(central.store.workspace.engine)
    with pytest.raises(BundleRefused, match=why):
        central.importer.import_path(device.bundle(tmp_path / "out", [person, *good, bad]))
    assert content_hash(central.store.workspace.engine) == before


def test_a_draft_may_miss_required_answers(central: Central, tmp_path: Path) -> None:
    device = central.device()
    central.approve(device)
    draft = replace(record(None, {"incidents": None}), status="draft")
    result = central.importer.import_path(device.bundle(tmp_path / "out", [draft]))
    assert result.counts["records"] == 1
