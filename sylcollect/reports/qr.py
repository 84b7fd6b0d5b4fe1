"""The QR code that links a paper form to its record, and its compact payload.

Payload: ``SYLC1|<study id>|<participant code>|<variant>|<form version>`` in ASCII; the code
is empty on a blank form. Codes, variants and versions never hold ``|`` (checked here).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.graphics.barcode.qr import QrCodeWidget  # type: ignore[import-untyped]
from reportlab.graphics.shapes import Drawing  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]

from sylcollect.errors import InvalidInput

PREFIX = "SYLC1"


@dataclass(frozen=True)
class FormLink:
    """What the QR code on a consent form says."""

    study_id: str
    participant_code: str  # "" on a blank form
    variant: str
    form_version: str

    def payload(self) -> str:
        parts = (self.study_id, self.participant_code, self.variant, self.form_version)
        for part in parts:
            if "|" in part or not part.isascii():
                raise InvalidInput("the QR code can only carry ASCII text without '|'")
        return "|".join((PREFIX, *parts))

    @classmethod
    def parse(cls, payload: str) -> FormLink:
        parts = payload.split("|")
        if len(parts) != 5 or parts[0] != PREFIX:
            raise InvalidInput("not a SYL Collect form code")
        return cls(parts[1], parts[2], parts[3], parts[4])


def qr_drawing(payload: str, size: float = 28 * mm) -> Drawing:
    """A square drawing of the QR code (error correction M, quiet zone included)."""
    widget = QrCodeWidget(payload, barLevel="M", barBorder=4)
    x0, y0, x1, y1 = widget.getBounds()
    width, height = x1 - x0, y1 - y0
    drawing = Drawing(size, size, transform=[size / width, 0, 0, size / height, 0, 0])
    drawing.add(widget)
    return drawing
