"""E-consent: the paper form with ticks, initials and signature images drawn in; the signed
document stored encrypted with the consent record, and shredded with the participant."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from PIL import Image, ImageDraw
from pypdf import PdfReader

from sylcollect.domain.consent import Consent, ConsentMethod, ConsentScope, ConsentWho
from sylcollect.domain.study import Role, Study
from sylcollect.errors import InvalidInput
from sylcollect.reports.consent import ConsentRequest
from sylcollect.reports.econsent import EConsent, Signatory, render_econsent
from sylcollect.reports.templates import TemplateSet, Variant
from sylcollect.services.econsent import (
    ConsentDocument,
    attach_document,
    media_type_for,
    read_document,
    record_signed_consent,
)
from tests.core.reports.pdftools import pdf_text

SITE = "durham-house"


def signature_png(peak: int = 10) -> bytes:
    img = Image.new("RGBA", (300, 90), (255, 255, 255, 0))
    ImageDraw.Draw(img).line([(10, 70), (80, peak), (150, 80), (290, 20)], fill="black", width=4)
    out = BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def image_xobjects(pdf: bytes) -> int:
    n = 0
    for page in PdfReader(BytesIO(pdf)).pages:
        xobjects = page.get("/Resources", {}).get("/XObject", {})
        n += sum(1 for ref in xobjects.values() if ref.get_object()["/Subtype"] == "/Image")
    return n


def econsent(typed: bool = False) -> EConsent:
    day = date(2025, 3, 14)
    png = None if typed else signature_png()
    return EConsent(
        ConsentRequest(Variant.YP16, "DH-001", "", SITE),
        frozenset({"read_sheet", "voluntary", "taking_part", "agree"}),
        "JS",
        (
            Signatory("participant", "Jo Smith", day, png, "Jo Smith" if typed else ""),
            Signatory("researcher", "Ann Field", day, signature_png(30)),
        ),
        "14 March 2025, 10:32",
    )


def test_signed_form_embeds_each_drawn_signature(demo_study: Study, templates: TemplateSet):
    pdf = render_econsent(demo_study, templates, econsent())
    assert pdf.startswith(b"%PDF-")
    assert image_xobjects(pdf) == 2
    text = pdf_text(pdf)
    assert "Jo Smith" in text and "Ann Field" in text
    assert "14 March 2025" in text
    assert "Completed and signed on screen" in text
    assert "Participant information sheet" in text  # the same content as on paper


def test_typed_signature_is_labelled(demo_study: Study, templates: TemplateSet):
    pdf = render_econsent(demo_study, templates, econsent(typed=True))
    assert image_xobjects(pdf) == 1
    assert "typed as signature on screen" in pdf_text(pdf)


def test_nobody_signed_or_unknown_statement_is_refused(demo_study, templates):
    e = econsent()
    with pytest.raises(InvalidInput):
        render_econsent(demo_study, templates, EConsent(e.request, e.agreed, "JS", ()))
    with pytest.raises(InvalidInput):
        render_econsent(
            demo_study, templates, EConsent(e.request, frozenset({"nope"}), "", e.signatories)
        )


def _consent(uuid: str) -> Consent:
    return Consent(
        "", uuid, ConsentWho.SELF, frozenset({ConsentScope.TAKING_PART}), "2",
        ConsentMethod.PAPER, date(2025, 3, 14), "ann",
    )  # fmt: skip


def test_signed_pdf_is_stored_encrypted_and_shredded(workspace, demo_study, templates):
    ws, _ = workspace
    with ws.transaction() as tx:
        p = tx.participants.add("DH-001", SITE, Role.YOUNG_PERSON)
    pdf = render_econsent(demo_study, templates, econsent())
    doc = ConsentDocument(pdf, "application/pdf", ConsentMethod.ON_SCREEN, "consent.pdf")
    saved = record_signed_consent(ws, _consent(p.uuid), doc)
    assert saved.method is ConsentMethod.ON_SCREEN
    back = read_document(ws, saved.uuid)
    assert back is not None and back.data == pdf and back.method is ConsentMethod.ON_SCREEN
    with ws.transaction() as tx:
        (listed,) = tx.consents.for_participant(p.uuid)
    assert listed.method is ConsentMethod.ON_SCREEN
    for f in ws.workspace.data_dir.rglob("*"):
        if f.is_file():
            raw = f.read_bytes()
            assert pdf[:400] not in raw and b"%PDF-" not in raw, f
    with ws.transaction() as tx:
        tx.participants.withdraw("DH-001")
    with pytest.raises(Exception):  # noqa: B017 - shredded: unreadable whichever way
        read_document(ws, saved.uuid)


def test_scan_attached_to_existing_consent(workspace):
    ws, _ = workspace
    with ws.transaction() as tx:
        p = tx.participants.add("DH-002", SITE, Role.YOUNG_PERSON)
        c = tx.consents.add(_consent(p.uuid))
    assert read_document(ws, c.uuid) is None
    scan = signature_png()
    attach_document(ws, c.uuid, ConsentDocument(scan, media_type_for("x.PNG"), ConsentMethod.PAPER))
    back = read_document(ws, c.uuid)
    assert back is not None and back.data == scan and back.media_type == "image/png"
    with pytest.raises(InvalidInput):
        attach_document(
            ws, c.uuid, ConsentDocument(b"hello", "application/pdf", ConsentMethod.PAPER)
        )
    with pytest.raises(InvalidInput):
        media_type_for("notes.docx")
