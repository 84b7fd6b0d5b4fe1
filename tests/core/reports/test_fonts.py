"""Names and answers in other European scripts print as written (the bundled DejaVu Sans),
not as empty boxes or question marks (reportlab's standard Helvetica has no such glyphs)."""

from __future__ import annotations

from datetime import date

from sylcollect.domain.study import Study
from sylcollect.reports.consent import ConsentRequest
from sylcollect.reports.econsent import EConsent, Signatory, render_econsent
from sylcollect.reports.templates import TemplateSet, Variant
from tests.core.reports.pdftools import pdf_text

NAMES = ("Łucja Dąbrowska-Kowalczyk", "Şükrü Yılmaz", "Юлия Смирнова", "Ελένη Παπαδοπούλου")


def test_names_in_other_scripts_print_as_written(demo_study: Study, templates: TemplateSet):
    day = date(2025, 3, 14)
    pdf = render_econsent(
        demo_study,
        templates,
        EConsent(
            ConsentRequest(Variant.YP16, "DH-001", "", "durham-house"),
            frozenset({"read_sheet", "voluntary", "taking_part", "agree"}),
            "ŁD",
            (
                Signatory("participant", NAMES[0], day, None, NAMES[0]),
                Signatory("researcher", " / ".join(NAMES[1:]), day, None, NAMES[1]),
            ),
            "14 March 2025, 10:32",
        ),
    )
    text = pdf_text(pdf)
    for name in NAMES:
        assert name in text
    assert b"DejaVuSans" in pdf, "the font is embedded, so the page prints the same anywhere"
