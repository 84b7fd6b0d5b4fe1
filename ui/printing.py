"""PDF bytes on screen and on paper without a file: pages rasterised in memory with PDFium
(pypdfium2; PySide6 Essentials has no QtPdf), printed through the system print dialog, and
saved only where the user chooses, atomically, with an audit event when they hold personal
data (DESIGN.md §3: no PDF with personal data is left on disk unless the user saves one).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from sylcollect.domain.audit import AuditAction
from sylcollect.storage.files import atomic_write
from sylcollect.storage.keyring import WORKSPACE_KEY_ID
from sylcollect.storage.tx import Tx
from sylcollect.storage.workspace import UnlockedWorkspace

POINTS_PER_INCH = 72.0
MAX_PRINT_DPI = 300  # enough for text and QR codes; bounds memory on 1200-dpi printers


class PdfPages:
    """A PDF opened from bytes in memory; renders pages to QImages. GUI thread only (PDFium
    is not thread-safe), and nothing is ever written to disk."""

    def __init__(self, data: bytes) -> None:
        self._doc: Any = pdfium.PdfDocument(data)
        self.count = len(self._doc)

    def size_pt(self, index: int) -> QSizeF:
        width, height = self._doc[index].get_size()
        return QSizeF(width, height)

    def image(self, index: int, scale: float) -> QImage:
        """Page `index` at `scale` pixels per point (white background)."""
        bitmap = self._doc[index].render(scale=scale, rev_byteorder=True, prefer_bgrx=True)
        rgbx = bitmap.n_channels == 4
        fmt = QImage.Format.Format_RGBX8888 if rgbx else QImage.Format.Format_RGB888
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, fmt).copy()
        bitmap.close()
        return image

    def close(self) -> None:
        if self._doc is not None:
            self._doc.close()
            self._doc = None


def draw_fitted(painter: QPainter, image: QImage) -> None:
    """Draws `image` on the painter's page scaled to fit (aspect ratio kept), centred
    across the page and at its top."""
    target = QRectF(painter.viewport())
    size = image.size().toSizeF().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
    x = target.x() + (target.width() - size.width()) / 2
    painter.drawImage(QRectF(x, target.y(), size.width(), size.height()), image)


def print_pages(pages: PdfPages, printer: QPrinter) -> int:
    """Prints every page (or the dialog's page range) onto `printer`; returns pages printed."""
    first, last = 1, pages.count
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(1, printer.fromPage())
        last = min(pages.count, printer.toPage() or pages.count)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be started")
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    printed = 0
    try:
        for index in range(first - 1, last):
            if printed:
                printer.newPage()
            draw_fitted(painter, pages.image(index, dpi / POINTS_PER_INCH))
            printed += 1
    finally:
        painter.end()
    return printed


def new_printer() -> QPrinter:
    """A high-resolution printer whose spool job has a generic name (no name or code)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(False)
    printer.setDocName("SYL Collect")  # generic: the spool queue shows no name or code
    return printer


def show_print_dialog(
    parent: QWidget, printer: QPrinter, accepted: Callable[[], None], page_count: int | None = None
) -> QPrintDialog:
    """Opens the system print dialog for `printer` (window-modal); calls `accepted` when the
    user accepts. With `page_count`, the user may pick a page range within it."""
    dialog = QPrintDialog(printer, parent)
    if page_count is not None:
        dialog.setMinMax(1, page_count)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintToFile, True)
    dialog.accepted.connect(accepted)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.show()
    return dialog


def open_print_dialog(
    parent: QWidget, pages: PdfPages, on_printed: Callable[[int], None] | None = None
) -> QPrintDialog:
    """Opens the system print dialog (window-modal); prints the PDF when the user accepts."""
    printer = new_printer()

    def accepted() -> None:
        n = print_pages(pages, printer)
        if on_printed is not None:
            on_printed(n)

    return show_print_dialog(parent, printer, accepted, pages.count)


@dataclass(frozen=True)
class PdfAudit:
    """How saving (or printing) a PDF with personal data is audited: under the participant's
    key when it is about one participant (shredded with them), else the workspace key."""

    entity: str  # "participant" | "site" | "consent"
    participant_uuid: str | None = None
    details: dict[str, Any] = field(default_factory=dict)


def _audit(tx: Tx, audit: PdfAudit, extra: dict[str, Any]) -> None:
    key_id = WORKSPACE_KEY_ID
    if audit.participant_uuid:
        key_id = tx.participants.row_by_uuid(audit.participant_uuid).key_id
    details = {**audit.details, **extra}
    tx.audit(AuditAction.EXPORT, audit.entity, audit.participant_uuid, details, key_id)


def save_pdf(ws: UnlockedWorkspace, path: Path, data: bytes, audit: PdfAudit | None) -> Path:
    """Worker thread: writes `data` to `path` atomically (0600 temp file in the same folder,
    fsync, rename); with personal data, the audit event and the file go together."""
    if audit is None:
        atomic_write(path, data)
        return path
    with ws.transaction() as tx:
        _audit(tx, audit, {"file": path.name})
        atomic_write(path, data)  # inside the transaction: no audit without the file
    return path


def audit_print(ws: UnlockedWorkspace, audit: PdfAudit, pages: int) -> None:
    """Worker thread: records that a PDF with personal data went to a printer."""
    with ws.transaction() as tx:
        _audit(tx, audit, {"printed_pages": pages})
