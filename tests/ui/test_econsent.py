"""On-screen e-consent: the signature pad (mouse, touch, typed), the dialog producing the
same consent PDF with the signature images, stored encrypted with the consent record; a scan
attached instead; accessibility."""

from __future__ import annotations

from io import BytesIO

import pytest
from a11y import check_names, check_targets
from pypdf import PdfReader
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QPointingDevice
from PySide6.QtTest import QTest
from ui_helpers import PASSWORD, show, wait_idle

from sylcollect.domain.consent import ConsentMethod, ConsentScope
from sylcollect.reports import load_templates
from sylcollect.reports.templates import Variant
from sylcollect.services.econsent import read_document


@pytest.fixture
def unlocked(locked_ws):
    ws = locked_ws.unlock("ann", PASSWORD)
    yield ws
    if not ws.locked:
        ws.lock()


def image_xobjects(pdf: bytes) -> int:
    n = 0
    for page in PdfReader(BytesIO(pdf)).pages:
        xobjects = page.get("/Resources", {}).get("/XObject", {})
        n += sum(1 for ref in xobjects.values() if ref.get_object()["/Subtype"] == "/Image")
    return n


def draw_with_mouse(qtbot, pad, points) -> None:
    first, *rest = [QPoint(*p) for p in points]
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, first)
    for p in rest:
        QTest.mouseMove(pad, p)
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rest[-1])


def test_pad_draws_with_the_mouse_and_exports_a_png(qtbot) -> None:
    from ui.widgets.signature_pad import SignatureField

    field = SignatureField("Young person")
    field.resize(460, 220)
    show(qtbot, field)
    assert not field.is_signed() and field.png() is None
    draw_with_mouse(qtbot, field.pad, [(40, 80), (90, 40), (140, 90), (220, 50)])
    assert field.is_signed()
    png = field.png()
    assert png and png.startswith(b"\x89PNG")
    image = QImage.fromData(png)
    assert image.width() > 100 and image.height() > 40
    qtbot.mouseClick(field.clear_button, Qt.MouseButton.LeftButton)
    assert not field.is_signed()


def test_pad_draws_with_touch(qtbot) -> None:
    from ui.widgets.signature_pad import SignaturePad

    pad = SignaturePad("Signature pad")
    pad.resize(400, 140)
    show(qtbot, pad)
    device = QPointingDevice.primaryPointingDevice()
    touch = QTest.touchEvent(pad, device)
    touch.press(0, QPoint(30, 60)).commit()
    touch.move(0, QPoint(120, 30)).commit()
    touch.move(0, QPoint(200, 90)).commit()
    touch.release(0, QPoint(210, 90)).commit()
    assert not pad.is_empty()
    assert pad.bounds().contains(QPointF(120, 30))


def test_typed_signature_is_the_keyboard_alternative(qtbot) -> None:
    from ui.widgets.signature_pad import SignatureField

    field = SignatureField("Person taking consent")
    show(qtbot, field)
    field.use_typed.setChecked(True)
    assert field.typed.isVisible() and not field.pad.isVisible()
    qtbot.keyClicks(field.typed, "Ann Field")
    assert field.is_signed() and field.png() is None and field.typed_name() == "Ann Field"


def make_dialog(qtbot, ws, tasks, code="YP-001", variant=Variant.YP16):
    from ui.dialogs.econsent import EConsentDialog

    with ws.transaction() as tx:
        participant = tx.participants.get(code)
    dialog = EConsentDialog(ws, tasks, load_templates(), participant, variant)
    show(qtbot, dialog)
    return dialog, participant


def test_signed_on_screen_makes_the_pdf_with_signatures_stored_encrypted(
    qtbot, unlocked, tasks
) -> None:
    dialog, participant = make_dialog(qtbot, unlocked, tasks)
    assert dialog.sheet.isVisible() and "What is the study about?" in dialog.sheet.text()
    dialog.save_button.click()
    assert not dialog.isHidden() and dialog.summary.isVisible()  # nothing ticked or signed
    for box in dialog.statements.boxes.values():
        box.setChecked(True)
    qtbot.keyClicks(dialog.initials, "JS")
    young, researcher = dialog.blocks
    assert researcher.edits["Name"].text() == "ann"
    qtbot.keyClicks(young.edits["Name"], "Jo Smith")
    dialog.scroll.ensureWidgetVisible(young.signature.pad)
    draw_with_mouse(qtbot, young.signature.pad, [(30, 80), (80, 30), (150, 95), (260, 40)])
    researcher.signature.pad.add_stroke([(20, 60), (90, 30), (160, 70)])
    with qtbot.waitSignal(dialog.saved, timeout=20000) as blocker:
        dialog.save_button.click()
    consent = blocker.args[0]
    assert consent.method is ConsentMethod.ON_SCREEN
    assert ConsentScope.TAKING_PART in consent.scopes and consent.info_sheet_version
    doc = read_document(unlocked, consent.uuid)
    assert doc is not None and doc.media_type == "application/pdf"
    assert image_xobjects(doc.data) == 2  # both drawn signatures are in the PDF
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(doc.data)).pages)
    assert "Jo Smith" in text and "YP-001" in text
    with unlocked.transaction() as tx:
        (stored,) = tx.consents.for_participant(participant.uuid)
    assert stored.method is ConsentMethod.ON_SCREEN
    raw = (unlocked.workspace.db_path).read_bytes()
    assert b"Jo Smith" not in raw and b"%PDF" not in raw


def test_scan_attached_instead(qtbot, unlocked, tasks, tmp_path) -> None:
    scan = tmp_path / "signed-form.png"
    image = QImage(120, 80, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    image.save(str(scan))
    dialog, _ = make_dialog(qtbot, unlocked, tasks, "YP-002")
    dialog.mode.buttons["scan"].setChecked(True)
    assert not dialog.sheet.isVisible() and not dialog.blocks[0].isVisible()
    dialog.statements.boxes["taking_part"].setChecked(True)
    dialog.save_button.click()
    assert "Choose the file" in dialog.summary.text()
    for box in dialog.statements.boxes.values():
        box.setChecked(True)
    dialog.set_scan(scan)
    with qtbot.waitSignal(dialog.saved, timeout=20000) as blocker:
        dialog.save_button.click()
    consent = blocker.args[0]
    assert consent.method is ConsentMethod.PAPER
    doc = read_document(unlocked, consent.uuid)
    assert doc is not None and doc.data == scan.read_bytes() and doc.media_type == "image/png"
    wait_idle(qtbot, tasks)


def test_dialog_accessible(qtbot, unlocked, tasks) -> None:
    dialog, _ = make_dialog(qtbot, unlocked, tasks, variant=Variant.ASSENT)
    assert len(dialog.blocks) == 3  # young person, responsible adult (where needed), researcher
    assert check_names(dialog) == []
    assert check_targets(dialog) == []


def sign_all_but(dialog, *skip: str) -> None:
    """Ticks every statement and signs every block (typed) except those in `skip`."""
    for box in dialog.statements.boxes.values():
        box.setChecked(True)
    for block in dialog.blocks:
        if block.block.id in skip:
            continue
        for field, edit in block.edits.items():
            if not edit.text():
                edit.setText(f"{field} of {block.block.id}")
        block.signature.use_typed.setChecked(True)
        block.signature.typed.setText(f"Signer {block.block.id}")


def test_assent_is_not_saved_as_a_parents_consent_until_they_sign(qtbot, unlocked, tasks) -> None:
    """An under-16's assent is recorded with a parent or carer's consent ('Who gives consent'),
    so the parent or carer's block must be signed before saving; the dialog says so, beside
    Save and under the block, and the error names it."""
    from sylcollect.domain.consent import ConsentWho

    dialog, participant = make_dialog(qtbot, unlocked, tasks, variant=Variant.ASSENT)
    assert dialog.who.value() == ConsentWho.ASSENT_PARENT.value
    young, adult, researcher = dialog.blocks
    assert adult.block.id == "responsible_adult" and adult.required
    assert adult.need.isVisible() and "Needed before saving" in adult.need.text()
    assert not young.need.isVisible() and not researcher.need.isVisible()
    sign_all_but(dialog, "responsible_adult")
    assert dialog.notice.isVisible()
    assert "Parent, carer or local authority (consent)" in dialog.notice.message()
    dialog.save_button.click()
    assert not dialog.isHidden()
    summary = dialog.summary.text()
    assert "Parent, carer or local authority (consent): needs to sign before saving" in summary
    assert "attach a scan" in summary
    with unlocked.transaction() as tx:
        assert tx.consents.for_participant(participant.uuid) == []
    # nor can 'Who gives consent' be switched to the young person's own to get round it
    dialog.who.buttons[ConsentWho.SELF.value].setChecked(True)
    assert not adult.required and not dialog.notice.isVisible()
    dialog.save_button.click()
    assert "An assent form doesn't record the young person's own consent" in dialog.summary.text()
    dialog.who.buttons[ConsentWho.ASSENT_LA.value].setChecked(True)
    assert adult.required and dialog.notice.isVisible()
    sign_all_but(dialog)
    assert not dialog.notice.isVisible()
    with qtbot.waitSignal(dialog.saved, timeout=20000) as blocker:
        dialog.save_button.click()
    consent = blocker.args[0]
    assert consent.who is ConsentWho.ASSENT_LA
    doc = read_document(unlocked, consent.uuid)
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(doc.data)).pages)
    assert "Signer responsible_adult" in text and "Signer participant" in text


def test_scan_of_an_assent_form_needs_no_block_on_screen(qtbot, unlocked, tasks, tmp_path) -> None:
    """With a scan of the paper form, the signatures are on the paper: no block is needed,
    and no notice waits for one."""
    scan = tmp_path / "signed-assent.png"
    image = QImage(60, 40, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    image.save(str(scan))
    dialog, _ = make_dialog(qtbot, unlocked, tasks, "YP-002", variant=Variant.ASSENT)
    dialog.mode.buttons["scan"].setChecked(True)
    assert not dialog.notice.isVisible()
    for box in dialog.statements.boxes.values():
        box.setChecked(True)
    dialog.set_scan(scan)
    with qtbot.waitSignal(dialog.saved, timeout=20000) as blocker:
        dialog.save_button.click()
    assert blocker.args[0].method is ConsentMethod.PAPER
    wait_idle(qtbot, tasks)


@pytest.mark.parametrize(
    ("variant", "who", "block"),
    [
        (Variant.YP16, "self", None),
        (Variant.STAFF, "self", None),
        (Variant.PARENT_OWN, "self", None),
        (Variant.ASSENT, "assent_parent", "responsible_adult"),
        (Variant.PARENT, "assent_parent", "participant"),  # the parent signs it
        (Variant.LA, "assent_la", "participant"),  # the authority's representative signs it
    ],
)
def test_whose_consent_each_form_records(variant, who, block) -> None:
    from sylcollect.domain.consent import ConsentWho
    from ui.dialogs.econsent import adult_block, default_who

    templates = load_templates()
    assert default_who(variant) is ConsentWho(who)
    assert adult_block(templates.get(variant), default_who(variant)) == block
    # a form with no place for the adult's signature can't record their consent
    assert adult_block(templates.get(Variant.YP16), ConsentWho.ASSENT_PARENT) == ""
    assert adult_block(templates.get(Variant.PARENT), ConsentWho.ASSENT_LA) == ""


def test_who_must_fit_the_form(qtbot, unlocked, tasks) -> None:
    from sylcollect.domain.consent import ConsentWho

    dialog, _ = make_dialog(qtbot, unlocked, tasks)  # yp16: the young person's own consent
    assert dialog.who_problem() == ""
    dialog.who.buttons[ConsentWho.ASSENT_PARENT.value].setChecked(True)
    assert "no signature for that person" in dialog.who_problem()
    assert "who" in dialog.problems()
    parent_form, _ = make_dialog(qtbot, unlocked, tasks, "YP-002", variant=Variant.PARENT)
    assert parent_form.who_problem() == ""
    parent_form.who.buttons[ConsentWho.SELF.value].setChecked(True)
    assert "parents and carers taking part" in parent_form.who_problem()
