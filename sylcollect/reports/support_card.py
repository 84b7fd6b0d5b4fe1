"""The support card: an A4 page of identical wallet-size cards to cut out and keep (UX.md 13).

Each card says who a young person can talk to: the unit's named adult (or a line to write a
name on) and Childline, in large plain type. A card is carried, so it must not out its holder:
it says nothing about the study, the site or what the research is about, and it holds no
participant code. The study defines no support contacts of a site's own, so every site's card
reads the same; `site_id` is checked so that one can be added without changing callers.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfgen import canvas  # type: ignore[import-untyped]
from reportlab.platypus import Paragraph  # type: ignore[import-untyped]

from sylcollect.domain.study import Study
from sylcollect.errors import InvalidInput
from sylcollect.reports import style

CARD_W, CARD_H = 85 * mm, 55 * mm  # a bank card (ISO/IEC 7810 ID-1), to fit a wallet
COLUMNS, ROWS = 2, 4
PAD_X, PAD_Y = 6 * mm, 4 * mm
MARK = 5 * mm  # cut-mark length, drawn outside the cards
MARK_GAP = 2 * mm
CUT = colors.HexColor("#9AA0A6")  # light grey: cut lines that print but stay quiet
MAX_ADULT = 40  # characters


def _card_style(name: str, size: float, leading: float, **kw: object) -> ParagraphStyle:
    """Card type: DejaVu Sans, dark text on white, never under 10 pt."""
    return ParagraphStyle(
        name, parent=style.BODY, fontSize=size, leading=leading, spaceAfter=0, **kw
    )


HEADING = _card_style("card_heading", 13, 16, fontName=style.BOLD, textColor=style.PRIMARY)
TALK = _card_style("card_talk", 12, 15)
CHILDLINE = _card_style("card_childline", 16, 20, fontName=style.BOLD)
DETAIL = _card_style("card_detail", 10.5, 13.5)
WEB = _card_style("card_web", 11, 14)

TITLE = "People you can talk to"
CHILDLINE_LINE = "Childline <b>0800 1111</b>"
CHILDLINE_DETAIL = "Free, 24 hours a day.<br/>For anyone aged 18 or under."
CHILDLINE_WEB = "Or chat online: <b>childline.org.uk</b>"
INSTRUCTION = "Cut along the grey lines. Each card is 85 × 55 mm, to fit a wallet."


@dataclass(frozen=True)
class _Block:
    """One line group on a card: a paragraph, or (para None) a line to write a name on."""

    para: Paragraph | None
    height: float
    space_before: float = 0.0


def _clean_adult(adult: str) -> str:
    name = " ".join(adult.split())
    if len(name) > MAX_ADULT:
        raise InvalidInput(
            f"the named adult is too long for the card ({MAX_ADULT} characters at most)"
        )
    return name


def _blocks(adult: str, width: float) -> list[_Block]:
    def block(markup: str, st: object, before: float = 0.0) -> _Block:
        p = Paragraph(markup, st)
        _w, h = p.wrap(width, CARD_H)
        return _Block(p, h, before)

    talk = (
        block(f"Talk to <b>{escape(adult)}</b>", TALK, 1.5 * mm)
        if adult
        else _Block(None, 10 * mm, 1 * mm)  # room to write a name by hand
    )
    return [
        block(TITLE, HEADING),
        talk,
        block(CHILDLINE_LINE, CHILDLINE, 2.5 * mm),
        block(CHILDLINE_DETAIL, DETAIL, 0.5 * mm),
        block(CHILDLINE_WEB, WEB, 1.2 * mm),
    ]


def _draw_card(c: canvas.Canvas, x: float, y: float, blocks: list[_Block]) -> None:
    """One card with its lower left corner at (x, y)."""
    left = x + PAD_X
    used = sum(b.space_before + b.height for b in blocks)
    top = y + CARD_H - PAD_Y - (CARD_H - 2 * PAD_Y - used) / 2  # centred top to bottom
    c.setFillColor(style.PRIMARY)
    c.rect(x + 2.5 * mm, y + PAD_Y, 1.2 * mm, CARD_H - 2 * PAD_Y, stroke=0, fill=1)
    for b in blocks:
        top -= b.space_before + b.height
        if b.para is not None:
            b.para.drawOn(c, left, top)
            continue
        c.setFont(style.FONT, TALK.fontSize)
        c.setFillColor(style.TEXT)
        baseline = top + 2 * mm
        c.drawString(left, baseline, "Talk to")
        start = left + c.stringWidth("Talk to ", style.FONT, TALK.fontSize) + 1 * mm
        c.setStrokeColor(style.BORDER)
        c.setLineWidth(0.8)
        c.line(start, baseline - 1, x + CARD_W - PAD_X, baseline - 1)


def _draw_cuts(c: canvas.Canvas, x0: float, y0: float) -> None:
    """Dashed light-grey card edges, and solid cut marks in the margin at every cut."""
    xs = [x0 + i * CARD_W for i in range(COLUMNS + 1)]
    ys = [y0 + j * CARD_H for j in range(ROWS + 1)]
    x1, y1 = xs[-1], ys[-1]
    c.setStrokeColor(CUT)
    c.setLineWidth(0.4)
    c.setDash(2, 2)
    for x in xs:
        c.line(x, y0, x, y1)
    for y in ys:
        c.line(x0, y, x1, y)
    c.setDash()
    c.setLineWidth(0.5)
    for x in xs:
        c.line(x, y1 + MARK_GAP, x, y1 + MARK_GAP + MARK)
        c.line(x, y0 - MARK_GAP, x, y0 - MARK_GAP - MARK)
    for y in ys:
        c.line(x0 - MARK_GAP - MARK, y, x0 - MARK_GAP, y)
        c.line(x1 + MARK_GAP, y, x1 + MARK_GAP + MARK, y)


def render_support_card(study: Study, site_id: str | None, adult: str = "") -> bytes:
    """An A4 page of eight identical support cards as PDF bytes (in memory).

    `adult` is the unit's named adult (else each card has a line to write a name on);
    `site_id` must be one of the study's sites when given. Nothing on the page names the
    study, the site or its subject, and there is no participant code.
    """
    if site_id is not None and study.site(site_id) is None:
        raise InvalidInput(f"unknown site '{site_id}'")
    name = _clean_adult(adult)
    blocks = _blocks(name, CARD_W - 2 * PAD_X)
    if sum(b.space_before + b.height for b in blocks) > CARD_H - 2 * PAD_Y:
        raise InvalidInput("the named adult is too long for the card: use a shorter name")
    page_w, page_h = style.PAGE
    x0 = (page_w - COLUMNS * CARD_W) / 2
    y0 = (page_h - ROWS * CARD_H) / 2
    buffer = BytesIO()
    c = canvas.Canvas(buffer, pagesize=style.PAGE, invariant=1, pageCompression=1)
    c.setTitle("Support card")
    c.setAuthor("")
    c.setCreator("")
    c.setSubject("")
    c.setFont(style.FONT, 10)
    c.setFillColor(style.MUTED)
    c.drawCentredString(page_w / 2, y0 + ROWS * CARD_H + MARK_GAP + MARK + 5 * mm, INSTRUCTION)
    _draw_cuts(c, x0, y0)
    for row in range(ROWS):
        for col in range(COLUMNS):
            _draw_card(c, x0 + col * CARD_W, y0 + row * CARD_H, blocks)
    c.showPage()
    c.save()
    return buffer.getvalue()
