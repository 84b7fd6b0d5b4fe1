"""Canary: printing writes nothing to disk. PDFs are built in memory; a planted name never
shows up in a temp file or anywhere else the test can see."""

from __future__ import annotations

import os
import tempfile
import time
from datetime import date
from pathlib import Path

import pytest

from sylcollect.domain.study import Study
from sylcollect.reports import (
    ConsentRequest,
    Variant,
    participant_summary,
    render_consent,
    render_participant_summary,
    render_questionnaire,
    render_recovery_sheet,
    render_site_summary,
    site_summary,
)
from sylcollect.reports.templates import TemplateSet
from sylcollect.services.records import form_for
from tests.core.reports.sample import CANARY_NAME, CODE, SITE


def _files_changed_since(root: Path, start: float, skip: Path) -> list[Path]:
    found = []
    for folder, dirs, files in os.walk(root):
        if Path(folder).resolve().is_relative_to(skip.resolve()):
            dirs[:] = []
            continue
        for name in files:
            path = Path(folder) / name
            try:
                if path.stat().st_mtime >= start and path.is_file():
                    found.append(path)
            except OSError:
                continue
    return found


def test_printing_leaves_no_plaintext(
    filled,
    demo_study: Study,
    templates: TemplateSet,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    system_tmp = Path(tempfile.gettempdir())
    private_tmp = tmp_path / "private-tmp"
    private_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))
    start = time.time() - 1
    with filled.transaction() as tx:
        name = tx.participants.reveal_identity(CODE).identity.name
    assert name == CANARY_NAME
    outputs = [
        render_consent(demo_study, templates, ConsentRequest(Variant.YP16, CODE, name, SITE)),
        render_participant_summary(participant_summary(filled, CODE)),
        render_site_summary(site_summary(filled, SITE)),
        render_questionnaire(form_for(filled, "yp_checkin"), demo_study.name),
        render_recovery_sheet("AAAAAA-BBBBBB-CCCCCC-DDDDDD-EEEEEE-FFFFFF", "S", "w", date.today()),
    ]
    assert all(o.startswith(b"%PDF") for o in outputs)
    assert list(private_tmp.iterdir()) == []  # nothing went through tempfile
    canary = CANARY_NAME.encode()
    # everything this test made lives under tmp_path: scan the rest of the temp folder
    changed = _files_changed_since(system_tmp, start, skip=tmp_path)
    for path in changed:
        try:
            assert canary not in path.read_bytes(), f"{path} holds the planted name"
        except OSError:
            continue
    assert filled.workspace.data_dir.is_relative_to(tmp_path)
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert canary not in path.read_bytes(), f"{path} holds the name in clear"
