"""The support card: eight wallet cards on a page with the named adult and Childline, large
type, and nothing on it that says what the study is about or who holds it."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from sylcollect.domain.study import Study
from sylcollect.errors import InvalidInput
from sylcollect.reports import style
from sylcollect.reports.support_card import CARD_H, CARD_W, COLUMNS, ROWS, render_support_card
from tests.core.reports.pdftools import page_count, pdf_text

ADULT = "Sam Okonkwo"
SITE = "durham-house"
# Words a card a young person carries must never show (UX.md 13; the card outs no one).
FORBIDDEN = ("exploit", "research", "study", "evaluation", "participant", "syl", "safer")


@pytest.fixture(scope="module")
def named(demo_study: Study) -> bytes:
    return render_support_card(demo_study, SITE, ADULT)


def _sizes(data: bytes) -> list[float]:
    """The size in points of every piece of text on the first page."""
    sizes: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            sizes.append(abs(size * tm[3] * cm[3]))

    PdfReader(BytesIO(data)).pages[0].extract_text(visitor_text=visit)
    return sizes


def _luminance(colour: object) -> float:
    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(v) for v in colour.rgb())  # type: ignore[attr-defined]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_eight_cards_with_the_adult_and_childline(named: bytes) -> None:
    text = pdf_text(named)
    assert page_count(named) == 1
    assert COLUMNS * ROWS == 8 and (round(CARD_W / mm), round(CARD_H / mm)) == (85, 55)
    for words in (
        "People you can talk to",
        f"Talk to {ADULT}",
        "Childline 0800 1111",
        "Free, 24 hours a day.",
        "For anyone aged 18 or under.",
        "childline.org.uk",
    ):
        assert text.count(words) == 8, words


def test_says_nothing_about_the_study_or_the_holder(named: bytes, demo_study: Study) -> None:
    text = pdf_text(named).lower()
    assert [w for w in FORBIDDEN if w in text] == []
    names = [demo_study.name, demo_study.id, demo_study.description[:40]]
    for site in demo_study.sites:
        names += [site.id, site.name, site.project, site.partner]
    assert [n for n in names if n and n.lower() in text] == []
    numbers = set(re.findall(r"\S*\d\S*", text))  # no participant code, date or id
    assert numbers <= {"0800", "1111", "24", "18", "85", "55"}, numbers
    meta = PdfReader(BytesIO(named)).metadata or {}
    assert meta.get("/Title") == "Support card"
    assert all(w not in str(v).lower() for v in meta.values() for w in FORBIDDEN)
    assert demo_study.name.encode() not in named and b"SYL" not in named


def test_large_type_and_high_contrast(named: bytes) -> None:
    sizes = _sizes(named)
    assert len(sizes) > 8 * 5 and min(sizes) >= 10
    white = 1.0
    for colour in (style.TEXT, style.PRIMARY, style.MUTED):
        assert (white + 0.05) / (_luminance(colour) + 0.05) >= 7, colour


def test_no_name_leaves_a_line_to_write_on(demo_study: Study) -> None:
    for adult in ("", "   "):
        data = render_support_card(demo_study, None, adult)
        text = pdf_text(data)
        assert text.count("Talk to") == 8 and ADULT not in text
        assert text.count("Childline 0800 1111") == 8


def test_the_name_is_printed_as_typed(demo_study: Study) -> None:
    text = pdf_text(render_support_card(demo_study, None, "  Jo <b>&amp;  Łucja  "))
    assert text.count("Talk to Jo <b>&amp; Łucja") == 8


def test_every_site_prints_the_same_card(demo_study: Study, named: bytes) -> None:
    cards = {render_support_card(demo_study, s.id, ADULT) for s in demo_study.sites}
    assert cards == {named, render_support_card(demo_study, None, ADULT)}


def test_unknown_site_and_too_long_a_name(demo_study: Study) -> None:
    with pytest.raises(InvalidInput, match="unknown site 'nowhere'"):
        render_support_card(demo_study, "nowhere", ADULT)
    with pytest.raises(InvalidInput, match="too long"):
        render_support_card(demo_study, SITE, "A" * 41)
    with pytest.raises(InvalidInput, match="too long"):
        render_support_card(demo_study, SITE, "W" * 40)  # fits the count, not the card
