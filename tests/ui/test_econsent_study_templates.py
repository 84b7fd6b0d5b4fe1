"""E-consent on a laptop set up from a study package that carries edited consent templates:
the sheet on screen and the signed PDF carry the study's own text, not the built-in demo's."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader
from ui_helpers import PASSWORD, show, wait_idle

from sylcollect.domain.study import Role
from sylcollect.reports.templates import Variant, default_folder, study_templates, template_files
from sylcollect.services.econsent import read_document
from sylcollect.sync import device
from sylcollect.sync.study_home import StudyHome

EDITED_REF = "NREC-EDITED-2026-77"
EDITED_CONTACT = "Dr Priya Edited, study lead"


@pytest.fixture
def laptop(tmp_path, cheap, demo_study):
    files = template_files(default_folder())
    files["study.toml"] = (
        files["study.toml"]
        .replace("IASR-DEMO-2025-01", EDITED_REF)
        .replace("Dr A. Researcher, study lead (demo)", EDITED_CONTACT)
    )
    home, _keys, _ = StudyHome.create(tmp_path / "home", demo_study, PASSWORD, templates=files)
    ws, _, _ = device.setup_from_package(tmp_path / "data", home.package_path, "ann", PASSWORD)
    with ws.transaction() as tx:
        tx.participants.add("ST-001", demo_study.sites[0].id, Role.STAFF)
    yield ws
    if not ws.locked:
        ws.lock()
    ws.workspace.close()


def test_econsent_uses_the_studys_templates(qtbot, laptop, tasks) -> None:
    from ui.dialogs.econsent import EConsentDialog

    with laptop.transaction() as tx:
        participant = tx.participants.get("ST-001")
    dialog = EConsentDialog(laptop, tasks, study_templates(laptop), participant, Variant.STAFF)
    show(qtbot, dialog)
    sheet = dialog.sheet.text()
    assert EDITED_REF in sheet and EDITED_CONTACT in sheet and "IASR-DEMO" not in sheet
    for box in dialog.statements.boxes.values():
        box.setChecked(True)
    qtbot.keyClicks(dialog.initials, "SW")
    for block in dialog.blocks:
        for field, edit in block.edits.items():
            if not edit.text():
                edit.setText(f"{field} of {block.block.id}")
        block.signature.use_typed.setChecked(True)
        block.signature.typed.setText(f"Signer {block.block.id}")
    with qtbot.waitSignal(dialog.saved, timeout=20000) as blocker:
        dialog.save_button.click()
    doc = read_document(laptop, blocker.args[0].uuid)
    assert doc is not None
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(doc.data)).pages)
    text = " ".join(text.split())
    assert EDITED_REF in text and EDITED_CONTACT in text and "IASR-DEMO" not in text
    wait_idle(qtbot, tasks)
