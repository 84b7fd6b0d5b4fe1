"""Stylesheet additions for the filler: question and hint type, sections (staff sizes)."""

from __future__ import annotations

from ui import theme


def filler_stylesheet(t: theme.Tokens | None = None, scale: float = 1.0) -> str:
    """Question 20/28 semibold, hint 16 muted, section 17 semibold (staff)."""
    t = t or theme.current()

    def px(n: int) -> int:
        return round(n * scale)

    return f"""
QLabel[role="question"] {{ font-size: {px(theme.SUBTITLE_PX)}px; font-weight: 600; }}
QLabel[role="hint"] {{ color: {t.text_muted}; }}
QLabel[role="section"] {{ font-size: {px(17)}px; font-weight: 600; color: {t.text_muted}; }}
"""
