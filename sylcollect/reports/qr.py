"""The QR code that links a paper form to its record, and its compact payload.

Payload: ``SYLC1|<study id>|<participant code>|<variant>|<form version>`` in ASCII; the code
is empty on a blank form. Codes, variants and versions never hold ``|`` (checked here).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby

from reportlab.graphics.barcode import qrencoder  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import Flowable  # type: ignore[import-untyped]

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


@lru_cache(maxsize=256)
def qr_modules(payload: str) -> tuple[tuple[bool, ...], ...]:
    """The QR code's dark modules, row by row (error correction M, smallest version)."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    code.make()
    return tuple(tuple(bool(m) for m in row) for row in code.modules)


class QrFlowable(Flowable):  # type: ignore[misc]
    """A QR code drawn as one filled path of horizontal runs (fast, crisp at any size)."""

    BORDER = 4  # the quiet zone, in modules

    def __init__(self, payload: str, size: float = 28 * mm) -> None:
        super().__init__()
        self.payload = payload
        self.width = self.height = size

    def draw(self) -> None:
        rows = qr_modules(self.payload)
        cell = self.width / (len(rows) + 2 * self.BORDER)
        canv = self.canv
        canv.setFillColorRGB(1, 1, 1)
        canv.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        canv.setFillColorRGB(0, 0, 0)
        path = canv.beginPath()
        for r, row in enumerate(rows):
            y = self.height - (r + self.BORDER + 1) * cell
            c = 0
            for dark, run in groupby(row):
                count = len(list(run))
                if dark:
                    path.rect((c + self.BORDER) * cell, y, count * cell, cell * 1.02)
                c += count
        canv.drawPath(path, stroke=0, fill=1)
