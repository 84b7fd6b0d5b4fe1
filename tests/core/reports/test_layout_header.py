"""The running header: the study name (left) and the document name (right) never print over
each other, however long; each is cut short with an ellipsis only when it has to be."""

from __future__ import annotations

from dataclasses import replace

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from sylcollect.domain.study import Study
from sylcollect.reports import ConsentRequest, Variant, render_consent, style
from sylcollect.reports.layout import ELLIPSIS, GAP, fit_width, header_parts
from sylcollect.reports.templates import TemplateSet

LONG = (
    "Safer Young Lives: a realist evaluation of contextual safeguarding approaches for young "
    "people at risk of criminal and sexual exploitation in residential children's homes"
)
WIDTH = style.PAGE[0] - 2 * style.MARGIN


def width(text: str) -> float:
    return stringWidth(text, style.FONT, 8)


def test_short_parts_are_left_alone() -> None:
    assert header_parts("SYL study", "Consent form · participant DH-001", WIDTH) == (
        "SYL study",
        "Consent form · participant DH-001",
    )


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (LONG, "Participant information sheet"),
        ("SYL study", LONG),
        (LONG, LONG),
        (LONG * 3, "x"),
        ("", LONG * 3),
    ],
)
def test_long_parts_fit_side_by_side(left: str, right: str) -> None:
    a, b = header_parts(left, right, WIDTH)
    assert width(a) + GAP + width(b) <= WIDTH + 0.01
    for got, was in ((a, left), (b, right)):
        assert got == was or (got.endswith(ELLIPSIS) and was.startswith(got[:-1]))
    if width(right) <= (WIDTH - GAP) / 2:
        assert b == right  # a short document name is never cut for a long study name


def test_fit_width_edges() -> None:
    assert fit_width("abc", 1000, style.FONT, 8) == "abc"
    assert fit_width("abcdef", width("ab" + ELLIPSIS), style.FONT, 8) == "ab" + ELLIPSIS
    assert fit_width("abcdef", width(ELLIPSIS), style.FONT, 8) == ELLIPSIS
    assert fit_width("abcdef", 0.5, style.FONT, 8) == ""


def header_boxes(pdf: bytes, page: int = 0) -> list[tuple[float, float, str]]:
    """(left, right, text) of each text drawn in the running header band, left to right."""
    doc = pdfium.PdfDocument(pdf)
    try:
        p = doc[page]
        top, text_page, out = p.get_height(), p.get_textpage(), []
        for obj in p.get_objects():
            if obj.type != pdfium_c.FPDF_PAGEOBJ_TEXT:
                continue
            left, bottom, right, upper = obj.get_bounds()
            if bottom > top - style.MARGIN + 8:  # above the frame: the running header
                text = text_page.get_text_bounded(left, bottom, right, upper).strip()
                out.append((left, right, text))
        return sorted(out)
    finally:
        doc.close()


@pytest.mark.parametrize("variant", [Variant.YP16, Variant.LA])
def test_a_long_study_name_does_not_print_over_the_document_name(
    demo_study: Study, templates: TemplateSet, variant: Variant
) -> None:
    study = replace(demo_study, name=LONG)
    pdf = render_consent(study, templates, ConsentRequest(variant, "DH-001"))
    sheet = templates.get(variant)
    pages = pdfium.PdfDocument(pdf)
    count = len(pages)
    pages.close()
    seen = set()
    for n in range(count):
        (_start, left_end, left_text), (right, _end, right_text) = header_boxes(pdf, n)
        assert left_end + GAP / 2 < right, (n, left_text, right_text)
        assert left_text.startswith("Safer Young Lives") and left_text.endswith(ELLIPSIS)
        seen.add(right_text)
    assert "Consent form · participant DH-001" in seen
    (sheet_header,) = seen - {"Consent form · participant DH-001"}
    assert sheet_header == sheet.sheet_heading or (
        sheet_header.endswith(ELLIPSIS) and sheet.sheet_heading.startswith(sheet_header[:-1])
    )
