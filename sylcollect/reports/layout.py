"""A4 documents rendered in memory: running header, footer and "Page i of n" per document.

Several documents can share one PDF (a batch of consent forms): each starts with a
`Section` mark, and page numbers count within it. Nothing is written to disk here; the
result is bytes, and `invariant` output carries no timestamp or random id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]
from reportlab.pdfgen import canvas  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, SimpleDocTemplate  # type: ignore[import-untyped]

from sylcollect.reports import style

APP = "SYL Collect"
#: Points kept clear between the two parts of the running header (and of the footer).
GAP = 12.0
ELLIPSIS = "…"


@dataclass(frozen=True)
class SectionInfo:
    """What the running header and footer of a document's pages say."""

    header_left: str
    header_right: str
    footer_left: str


class Section(Flowable):  # type: ignore[misc]
    """Zero-size mark: the pages from here on belong to a new document."""

    _counter = 0

    def __init__(self, info: SectionInfo) -> None:
        super().__init__()
        Section._counter += 1
        self.key = Section._counter
        self.info = info
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canv: Any = self.canv
        # The first page of a section belongs to it even if drawn after other content.
        canv.syl_section = (self.key, self.info)


class _NumberedCanvas(canvas.Canvas):  # type: ignore[misc]
    """Holds pages back until the end, so each footer can say "Page i of n"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._saved: list[dict[str, Any]] = []
        self.syl_section: tuple[int, SectionInfo] = (0, SectionInfo("", "", ""))

    def showPage(self) -> None:
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        totals: dict[int, int] = {}
        for state in self._saved:
            key = state["syl_section"][0]
            totals[key] = totals.get(key, 0) + 1
        seen: dict[int, int] = {}
        for state in self._saved:
            self.__dict__.update(state)
            key, info = self.syl_section
            seen[key] = seen.get(key, 0) + 1
            self._decorate(info, seen[key], totals[key])
            super().showPage()
        super().save()

    def _decorate(self, info: SectionInfo, page: int, total: int) -> None:
        width, height = style.PAGE
        m = style.MARGIN
        self.saveState()
        self.setFillColor(style.PRIMARY)
        self.rect(0, height - 5, width, 5, stroke=0, fill=1)
        self.setFont(style.FONT, 8)
        self.setFillColor(style.MUTED)
        top = height - m + 16
        left, right = header_parts(info.header_left, info.header_right, width - 2 * m)
        self.drawString(m, top, left)
        self.drawRightString(width - m, top, right)
        self.setStrokeColor(style.DIVIDER)
        self.setLineWidth(0.6)
        self.line(m, m - 8, width - m, m - 8)
        number = f"Page {page} of {total}"
        room = width - 2 * m - GAP - stringWidth(number, style.BOLD, 8)
        self.drawString(m, m - 20, fit_width(info.footer_left, room, style.FONT, 8))
        self.setFont(style.BOLD, 8)
        self.setFillColor(style.TEXT)
        self.drawRightString(width - m, m - 20, number)
        self.restoreState()


def fit_width(text: str, width: float, font: str, size: float) -> str:
    """`text`, cut short with an ellipsis if needed, so it is at most `width` points wide."""
    if stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)  # the longest prefix that fits with the ellipsis
    while low < high:
        mid = (low + high + 1) // 2
        if stringWidth(text[:mid].rstrip() + ELLIPSIS, font, size) <= width:
            low = mid
        else:
            high = mid - 1
    if low == 0:
        return ELLIPSIS if stringWidth(ELLIPSIS, font, size) <= width else ""
    return text[:low].rstrip() + ELLIPSIS


def header_parts(
    left: str, right: str, width: float, font: str = style.FONT, size: float = 8
) -> tuple[str, str]:
    """The running header's left text (the study) and right text (the document), shortened
    so that together with GAP between them they fit in `width` points and never overlap.

    A part narrower than half the room keeps all of it and the other gets the rest; two
    long parts get half each.
    """
    left_w, right_w = stringWidth(left, font, size), stringWidth(right, font, size)
    if left_w + GAP + right_w <= width:
        return left, right
    room = max(0.0, width - GAP)
    half = room / 2
    if right_w <= half:
        return fit_width(left, room - right_w, font, size), right
    if left_w <= half:
        return left, fit_width(right, room - left_w, font, size)
    return fit_width(left, half, font, size), fit_width(right, half, font, size)


def render(flowables: Sequence[Flowable], title: str) -> bytes:
    """Lays out `flowables` on A4 pages and returns the PDF bytes (never touches disk).

    `title` goes into the PDF metadata: keep it generic (no names, no codes).
    """
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=style.PAGE,
        leftMargin=style.MARGIN,
        rightMargin=style.MARGIN,
        topMargin=style.MARGIN + 2,
        bottomMargin=style.MARGIN + 2,
        title=title,
        author=APP,
        creator=APP,
        subject="",
        invariant=1,
    )
    doc.build(list(flowables), canvasmaker=_NumberedCanvas)
    return buffer.getvalue()
