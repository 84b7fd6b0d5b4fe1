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

from reportlab.pdfgen import canvas  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, SimpleDocTemplate  # type: ignore[import-untyped]

from sylcollect.reports import style

APP = "SYL Collect"


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
        self.drawString(m, top, _fit(info.header_left, 95))
        self.drawRightString(width - m, top, _fit(info.header_right, 50))
        self.setStrokeColor(style.DIVIDER)
        self.setLineWidth(0.6)
        self.line(m, m - 8, width - m, m - 8)
        self.drawString(m, m - 20, _fit(info.footer_left, 100))
        self.setFont(style.BOLD, 8)
        self.setFillColor(style.TEXT)
        self.drawRightString(width - m, m - 20, f"Page {page} of {total}")
        self.restoreState()


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
