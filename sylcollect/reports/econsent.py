"""On-screen e-consent: the same information sheet and consent form as on paper, with the
statements ticked or initialled and each signatory's signature drawn in, as PDF bytes.

The form is the paper one (`consent_flowables`) with a `FormFill` hook filling its boxes
and lines: a signature drawn on the pad goes in as an image; a name typed as a signature
(the keyboard alternative) is printed with the words "typed as signature". Built in memory.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    Flowable,
    Image,
    Paragraph,
    Spacer,
)

from sylcollect.domain.study import Study
from sylcollect.errors import InvalidInput
from sylcollect.reports import style
from sylcollect.reports.consent import ConsentRequest, consent_flowables
from sylcollect.reports.layout import render
from sylcollect.reports.templates import TemplateSet, long_date

SIGNATURE_HEIGHT = 14 * mm
SIGNATURE_MAX_WIDTH = 90 * mm


@dataclass(frozen=True)
class Signatory:
    """One signature block filled on screen: name, other fields, and the signature itself.

    `png` is the drawn signature (PNG bytes); without it `typed` is the name typed as a
    signature. `values` holds the block's other fields ("Role", "Relationship to ...").
    """

    block_id: str
    name: str
    signed_on: date
    png: bytes | None = field(default=None, repr=False)
    typed: str = ""
    values: Mapping[str, str] = field(default_factory=dict)

    @property
    def signed(self) -> bool:
        return bool(self.png) or bool(self.typed.strip())


@dataclass(frozen=True)
class EConsent:
    """A consent form completed on screen: which statements were agreed, initials, signers."""

    request: ConsentRequest
    agreed: frozenset[str]  # ids of the form items ticked
    initials: str = ""
    signatories: tuple[Signatory, ...] = ()
    signed_at: str = ""  # e.g. "14 March 2025, 10:32" (printed under the form)


class _Mark(Flowable):  # type: ignore[misc]
    """A box with initials in it, or a drawn tick when there are none."""

    def __init__(self, size: float, initials: str) -> None:
        super().__init__()
        self.size = size
        self.initials = initials
        self.width = self.height = size

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(style.TEXT)
        c.setLineWidth(0.9)
        c.rect(0, 0, self.size, self.size, stroke=1, fill=0)
        c.setFillColor(style.PRIMARY)
        c.setStrokeColor(style.PRIMARY)
        if self.initials:
            size = min(9.0, self.size * 0.45 * 3 / max(3, len(self.initials)))
            c.setFont(style.BOLD, size)
            c.drawCentredString(self.size / 2, self.size / 2 - size / 3, self.initials)
        else:
            s = self.size
            c.setLineWidth(1.6)
            path = c.beginPath()
            path.moveTo(s * 0.22, s * 0.52)
            path.lineTo(s * 0.42, s * 0.28)
            path.lineTo(s * 0.8, s * 0.76)
            c.drawPath(path, stroke=1, fill=0)


def _image(png: bytes) -> Image:
    img = Image(BytesIO(png))
    ratio = img.imageWidth / max(1, img.imageHeight)
    height = SIGNATURE_HEIGHT
    width = min(SIGNATURE_MAX_WIDTH, height * ratio)
    height = width / ratio
    img.drawWidth, img.drawHeight = width, height
    img.hAlign = "LEFT"
    return img


class _Fill:
    """The `FormFill` of one completed form."""

    def __init__(self, econsent: EConsent, plain: bool) -> None:
        self._e = econsent
        self._box = 9 * mm if plain else 8 * mm
        self._by_block = {s.block_id: s for s in econsent.signatories}

    def item(self, item_id: str) -> Flowable | None:
        if item_id not in self._e.agreed:
            return None
        return _Mark(self._box, self._e.initials.strip()[:4])

    def field(self, block_id: str, field: str) -> Flowable | None:
        s = self._by_block.get(block_id)
        if s is None or not s.signed:
            return None
        if field == "Name":
            return style.para(s.name, style.CELL_BOLD) if s.name else None
        if field == "Date":
            return style.para(long_date(s.signed_on), style.CELL_BOLD)
        if field.startswith("Signature"):
            if s.png:
                return _image(s.png)
            return Paragraph(
                f"<i>{escape(s.typed.strip())}</i> "
                '<font color="#4B5461" size="8">(typed as signature on screen)</font>',
                style.CELL_BOLD,
            )
        value = s.values.get(field, "")
        return style.para(value, style.CELL_BOLD) if value else None


def render_econsent(study: Study, templates: TemplateSet, econsent: EConsent) -> bytes:
    """The information sheet and the completed, signed form as PDF bytes (in memory)."""
    template = templates.get(econsent.request.variant)
    known = {item.id for item in template.items}
    unknown = sorted(econsent.agreed - known)
    if unknown:
        raise InvalidInput(f"the form has no statement '{unknown[0]}'")
    if not any(s.signed for s in econsent.signatories):
        raise InvalidInput("nobody has signed the form")
    request = replace(econsent.request, fill=_Fill(econsent, template.plain))
    flow = consent_flowables(study, templates, request)
    note = "Completed and signed on screen with SYL Collect"
    if econsent.signed_at:
        note += f", {econsent.signed_at}"
    flow += [Spacer(1, 3 * mm), style.para(note + ".", style.SMALL)]
    return render(flow, "Consent form")
