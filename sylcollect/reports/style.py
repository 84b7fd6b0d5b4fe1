"""The look of every printed page: UX.md colours, A4 type scale, and small drawn flowables.

Text is set in DejaVu Sans (`sylcollect.pdf_fonts`: names in Polish, Turkish, Greek or
Cyrillic print as written). Participant codes stay in Courier (ASCII only). Tick and initial
boxes are drawn shapes, not glyphs, so they print the same everywhere.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.enums import TA_CENTER, TA_LEFT  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle  # type: ignore[import-untyped]

from sylcollect import pdf_fonts

PAGE = A4
MARGIN = 18 * mm
FRAME_WIDTH = PAGE[0] - 2 * MARGIN

# UX.md light tokens
TEXT = colors.HexColor("#1D2127")
MUTED = colors.HexColor("#4B5461")
PRIMARY = colors.HexColor("#1A4F85")
SUCCESS = colors.HexColor("#1E6B52")
WARNING = colors.HexColor("#7A5200")
ATTENTION = colors.HexColor("#9C3D10")
BORDER = colors.HexColor("#6E7681")
SELECTED_BG = colors.HexColor("#E3EDF7")
DIVIDER = colors.HexColor("#D5D8DC")
PAGE_BG = colors.HexColor("#F7F7F5")
WHITE = colors.white

#: Series colours for charts: the tokens first, then darker neutrals (all >= 4.5:1 on white).
SERIES = (PRIMARY, ATTENTION, SUCCESS, WARNING, colors.HexColor("#5B3F8C"), MUTED)

pdf_fonts.register()
FONT, BOLD, ITALIC, BOLD_ITALIC = (
    pdf_fonts.FONT,
    pdf_fonts.BOLD,
    pdf_fonts.ITALIC,
    pdf_fonts.BOLD_ITALIC,
)
MONO = "Courier-Bold"  # participant codes: ASCII only


def _style(name: str, size: float, leading: float, **kw: object) -> ParagraphStyle:
    base: dict[str, object] = {
        "fontName": FONT,
        "textColor": TEXT,
        "alignment": TA_LEFT,
        "spaceAfter": 0,
        "spaceBefore": 0,
    }
    base.update(kw)
    return ParagraphStyle(name, fontSize=size, leading=leading, **base)  # type: ignore[arg-type]


TITLE = _style("title", 20, 25, fontName=BOLD, textColor=PRIMARY, spaceAfter=4)
SUBTITLE = _style("subtitle", 13, 17, textColor=MUTED, spaceAfter=8)
H1 = _style("h1", 15, 19, fontName=BOLD, textColor=PRIMARY, spaceBefore=10, spaceAfter=4)
H2 = _style("h2", 12, 16, fontName=BOLD, textColor=PRIMARY, spaceBefore=8, spaceAfter=3)
BODY = _style("body", 10.5, 15, spaceAfter=5)
BODY_LARGE = _style("body_large", 13, 19, spaceAfter=7)  # plain-words sheets for under-16s
H2_LARGE = _style(
    "h2_large", 15, 20, fontName=BOLD, textColor=PRIMARY, spaceBefore=10, spaceAfter=4
)
SMALL = _style("small", 8.5, 11, textColor=MUTED)
SMALL_CENTRE = _style("small_centre", 7.5, 9.5, textColor=MUTED, alignment=TA_CENTER)
CELL = _style("cell", 9.5, 12.5)
CELL_BOLD = _style("cell_bold", 9.5, 12.5, fontName=BOLD)
CELL_MUTED = _style("cell_muted", 9, 12, textColor=MUTED)
BANNER = _style("banner", 11.5, 15.5, fontName=BOLD, textColor=TEXT)
BULLET = _style("bullet", 10.5, 15, leftIndent=12, bulletIndent=2, spaceAfter=2)
BULLET_LARGE = _style("bullet_large", 13, 19, leftIndent=14, bulletIndent=2, spaceAfter=3)

_BOLD_MD = re.compile(r"\*\*(.+?)\*\*")


def markup(text: str) -> str:
    """Plain text (with `**bold**`) made safe for a reportlab Paragraph."""
    return _BOLD_MD.sub(r"<b>\1</b>", escape(text))


def para(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    """A paragraph of plain text (escaped; `**bold**` allowed)."""
    return Paragraph(markup(text), style)


def prose(text: str, large: bool = False) -> list[Flowable]:
    """Paragraphs from text: blank lines split paragraphs; '- ' starts a bullet, and an
    indented line carries on the bullet above it."""
    body, bullet = (BODY_LARGE, BULLET_LARGE) if large else (BODY, BULLET)
    out: list[Flowable] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [ln for ln in block.splitlines() if ln.strip()]
        if not lines:
            continue
        if not lines[0].lstrip().startswith("- "):
            out.append(Paragraph(markup(" ".join(ln.strip() for ln in lines)), body))
            continue
        items: list[str] = []
        for ln in lines:
            if ln.lstrip().startswith("- "):
                items.append(ln.lstrip()[2:].strip())
            else:
                items[-1] += " " + ln.strip()
        out.extend(Paragraph(markup(item), bullet, bulletText="•") for item in items)
    return out


class Box(Flowable):  # type: ignore[misc]
    """An empty square to tick or initial; `round` draws a circle (choose one)."""

    def __init__(self, size: float = 5 * mm, round_: bool = False, weight: float = 0.9) -> None:
        super().__init__()
        self.size = size
        self.round = round_
        self.weight = weight
        self.width = self.height = size

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(TEXT)
        c.setLineWidth(self.weight)
        if self.round:
            r = self.size / 2
            c.circle(r, r, r, stroke=1, fill=0)
        else:
            c.rect(0, 0, self.size, self.size, stroke=1, fill=0)


class WriteLine(Flowable):  # type: ignore[misc]
    """A line to write on, optionally with a small label in front."""

    def __init__(self, width: float, height: float = 8 * mm) -> None:
        super().__init__()
        self.width = width
        self.height = height

    def draw(self) -> None:
        self.canv.setStrokeColor(BORDER)
        self.canv.setLineWidth(0.6)
        self.canv.line(0, 1.5, self.width, 1.5)


class Rule(Flowable):  # type: ignore[misc]
    """A thin horizontal divider across the frame."""

    def __init__(self, width: float = FRAME_WIDTH, color: colors.Color = DIVIDER) -> None:
        super().__init__()
        self.width = width
        self.height = 4
        self.color = color

    def draw(self) -> None:
        self.canv.setStrokeColor(self.color)
        self.canv.setLineWidth(0.8)
        self.canv.line(0, 2, self.width, 2)


def callout(
    flowables: list[Flowable] | str,
    fill: colors.Color = SELECTED_BG,
    edge: colors.Color = PRIMARY,
    width: float = FRAME_WIDTH,
) -> Table:
    """A shaded box with a coloured left edge, for notices and support details."""
    content = [para(flowables, BANNER)] if isinstance(flowables, str) else flowables
    table = Table([[content]], colWidths=[width])
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), fill),
                ("LINEBEFORE", (0, 0), (0, -1), 3, edge),
                ("LEFTPADDING", (0, 0), (-1, -1), 9),
                ("RIGHTPADDING", (0, 0), (-1, -1), 9),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ]
        )
    )
    return table


def grid(
    rows: list[list[object]], widths: list[float], header: bool = True, zebra: bool = True
) -> Table:
    """A data table: header row in primary, hairline dividers, light banding."""
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    cmds: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), 9.5),
        ("TEXTCOLOR", (0, 0), (-1, -1), TEXT),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, DIVIDER),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
    ]
    if header:
        cmds += [
            ("BACKGROUND", (0, 0), (-1, 0), PRIMARY),
            ("TEXTCOLOR", (0, 0), (-1, 0), WHITE),
            ("FONTNAME", (0, 0), (-1, 0), BOLD),
        ]
    if zebra:
        start = 1 if header else 0
        for r in range(start + 1, len(rows), 2):
            cmds.append(("BACKGROUND", (0, r), (-1, r), PAGE_BG))
    table.setStyle(TableStyle(cmds))
    return table


def header_cell(text: str) -> Paragraph:
    """A white bold paragraph for a header row that needs wrapping."""
    return Paragraph(markup(text), _style("hdr", 9.5, 12.5, fontName=BOLD, textColor=WHITE))


class StatusMark(Flowable):  # type: ignore[misc]
    """A filled square with a drawn tick (ok) or an exclamation mark, beside status words."""

    def __init__(self, ok: bool, size: float = 5.5 * mm) -> None:
        super().__init__()
        self.ok = ok
        self.width = self.height = size

    def draw(self) -> None:
        c, s = self.canv, self.width
        c.setFillColor(SUCCESS if self.ok else ATTENTION)
        c.roundRect(0, 0, s, s, 1.5, stroke=0, fill=1)
        c.setStrokeColor(WHITE)
        c.setFillColor(WHITE)
        if self.ok:
            c.setLineWidth(s * 0.14)
            c.setLineCap(1)
            c.setLineJoin(1)
            path = c.beginPath()
            path.moveTo(s * 0.24, s * 0.52)
            path.lineTo(s * 0.43, s * 0.30)
            path.lineTo(s * 0.77, s * 0.72)
            c.drawPath(path, stroke=1, fill=0)
        else:
            c.setFont(BOLD, s * 0.8)
            c.drawCentredString(s / 2, s * 0.2, "!")
