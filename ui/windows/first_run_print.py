"""Printing a PDF we rendered in memory (the recovery sheet): PDFium rasterises, Qt prints.

Why rasterise with pypdfium2 rather than draw the sheet again with QPainter: the printed
sheet is then the very document "Save recovery sheet…" writes (one layout, in
sylcollect/reports/recovery.py, tested once), and nothing touches the disk — the PDF bytes
go from reportlab to PDFium in memory and the page images straight to the printer. Qt's own
QtPdf is not in PySide6-Essentials; pypdfium2 is a maintained PDFium binding with wheels for
every platform we ship on.

Threading: `rasterise` is pure and runs on the worker thread; `paint_pages` and
`ask_printer` are GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPageLayout, QPainter
from PySide6.QtWidgets import QDialog, QWidget

PRINT_DPI = 300


@dataclass(frozen=True)
class PageImage:
    """One page as RGBA pixels (bytes, so it crosses threads), with its size in points."""

    width: int
    height: int
    stride: int
    pixels: bytes
    points: tuple[float, float]

    def image(self) -> QImage:
        img = QImage(
            self.pixels, self.width, self.height, self.stride, QImage.Format.Format_RGBA8888
        )
        return img.copy()  # own the pixels: `self.pixels` may go away


class PrintingUnavailable(RuntimeError):
    """pypdfium2 is missing (a broken install): saving the sheet still works."""


def rasterise(pdf: bytes, dpi: int = PRINT_DPI) -> list[PageImage]:
    """Worker thread: every page of `pdf` as an image at `dpi`."""
    try:
        import pypdfium2 as pdfium
        import pypdfium2.raw as pdfium_c
    except ImportError as exc:  # pragma: no cover - pypdfium2 is a dependency
        raise PrintingUnavailable("pypdfium2 is not installed") from exc
    doc = pdfium.PdfDocument(pdf)
    pages = []
    try:
        for page in doc:
            points = page.get_size()
            bitmap = page.render(
                scale=dpi / 72,
                force_bitmap_format=pdfium_c.FPDFBitmap_BGRA,
                rev_byteorder=True,  # RGBA, as QImage.Format_RGBA8888 wants
            )
            pages.append(
                PageImage(
                    bitmap.width,
                    bitmap.height,
                    bitmap.stride,
                    bytes(bitmap.buffer),
                    (float(points[0]), float(points[1])),
                )
            )
            bitmap.close()
            page.close()
    finally:
        doc.close()
    return pages


def paint_pages(printer, pages: list[PageImage]) -> None:  # type: ignore[no-untyped-def]
    """GUI thread: paints the page images on `printer` (a QPrinter or any QPagedPaintDevice),
    each scaled to fit the printable area, keeping its proportions."""
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be started")
    try:
        for n, page in enumerate(pages):
            if n:
                printer.newPage()
            area = printer.pageLayout().paintRectPixels(printer.resolution())
            target = _fit(page.width, page.height, QRect(0, 0, area.width(), area.height()))
            painter.drawImage(target, page.image())
    finally:
        painter.end()


def _fit(width: int, height: int, area: QRect) -> QRect:
    scale = min(area.width() / width, area.height() / height)
    w, h = int(width * scale), int(height * scale)
    return QRect(area.x() + (area.width() - w) // 2, area.y(), w, h)


def ask_printer(parent: QWidget):  # type: ignore[no-untyped-def]
    """GUI thread: the system's print dialog; the chosen QPrinter, or None if cancelled."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(False)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(parent.tr("Print the recovery sheet"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer
