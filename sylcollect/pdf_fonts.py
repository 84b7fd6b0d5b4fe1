"""The typeface of every PDF: DejaVu Sans, bundled in resources/fonts and embedded as a subset.

reportlab's standard Helvetica has no glyphs beyond Western European Latin, so a name such as
"Łucja" or "Юлия" printed as empty boxes. DejaVu Sans covers Latin, Greek, Cyrillic and
more. reportlab does no right-to-left layout or Arabic shaping, so those scripts are not fit
to print yet (docs/paper.md). Used by reports (every printed page) and export (the codebook).
"""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.pdfmetrics import registerFontFamily  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]

from sylcollect.resources import resources_dir

FONT = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"


def register() -> None:
    """Registers the four faces once, as one family so that <b> and <i> markup work."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = resources_dir() / "fonts"
    for name in (FONT, BOLD, ITALIC, BOLD_ITALIC):
        pdfmetrics.registerFont(TTFont(name, str(folder / f"{name}.ttf")))
    registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
