"""Design tokens (UX.md) and the QPalette and stylesheet generated from them.

One module defines the colours and type sizes; everything else asks it. Two themes: light
and high contrast. The stylesheet keeps a visible 2 px focus ring on every control (it never
removes the outline) and controls at least 32 px high.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from sylcollect.resources import resource

BODY_PX = 16
CAPTION_PX = 13
SUBTITLE_PX = 20
TITLE_PX = 24
CONTROL_MIN_PX = 32
MONO_FAMILIES = ["DejaVu Sans Mono", "Menlo", "Consolas", "monospace"]


@dataclass(frozen=True)
class Tokens:
    """The colours of one theme, as #RRGGBB strings."""

    name: str
    page: str
    surface: str
    text: str
    text_muted: str
    primary: str
    on_primary: str
    link: str
    success: str
    warning: str
    attention: str
    border_input: str
    focus: str
    selected_bg: str
    divider: str


LIGHT = Tokens(
    name="light",
    page="#F7F7F5",
    surface="#FFFFFF",
    text="#1D2127",
    text_muted="#4B5461",
    primary="#1A4F85",
    on_primary="#FFFFFF",
    link="#1A4F85",
    success="#1E6B52",
    warning="#7A5200",
    attention="#9C3D10",
    border_input="#6E7681",
    focus="#1D2127",
    selected_bg="#E3EDF7",
    divider="#D5D8DC",
)

HIGH_CONTRAST = Tokens(
    name="high-contrast",
    page="#000000",
    surface="#000000",
    text="#FFFFFF",
    text_muted="#E6E6E6",
    primary="#FFD60A",
    on_primary="#000000",
    link="#8CC8FF",
    success="#7CE0B0",
    warning="#FFD27A",
    attention="#FFB38A",
    border_input="#FFFFFF",
    focus="#FFD60A",
    selected_bg="#333333",
    divider="#8C8C8C",
)

THEMES = {t.name: t for t in (LIGHT, HIGH_CONTRAST)}


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of a #RRGGBB colour."""
    c = QColor(colour)
    channels = []
    for v in (c.redF(), c.greenF(), c.blueF()):
        channels.append(v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours (1 to 21)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def palette(t: Tokens) -> QPalette:
    """A QPalette from the tokens: Highlight is the primary colour, never Fusion's blue."""
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: t.page,
        QPalette.ColorRole.WindowText: t.text,
        QPalette.ColorRole.Base: t.surface,
        QPalette.ColorRole.AlternateBase: t.page,
        QPalette.ColorRole.Text: t.text,
        QPalette.ColorRole.Button: t.surface,
        QPalette.ColorRole.ButtonText: t.text,
        QPalette.ColorRole.Highlight: t.primary,
        QPalette.ColorRole.HighlightedText: t.on_primary,
        QPalette.ColorRole.Link: t.link,
        QPalette.ColorRole.LinkVisited: t.link,
        QPalette.ColorRole.PlaceholderText: t.text_muted,
        QPalette.ColorRole.ToolTipBase: t.surface,
        QPalette.ColorRole.ToolTipText: t.text,
        QPalette.ColorRole.BrightText: t.on_primary,
    }
    for role, colour in roles.items():
        p.setColor(QPalette.ColorGroup.All, role, QColor(colour))
    # Disabled controls stay readable (muted text is 7:1): greyed out is never unreadable.
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(t.text_muted))
    return p


# Pairs of (foreground, background) roles whose text must reach 4.5:1.
TEXT_PAIRS = (
    (QPalette.ColorRole.WindowText, QPalette.ColorRole.Window),
    (QPalette.ColorRole.Text, QPalette.ColorRole.Base),
    (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button),
    (QPalette.ColorRole.HighlightedText, QPalette.ColorRole.Highlight),
    (QPalette.ColorRole.PlaceholderText, QPalette.ColorRole.Base),
    (QPalette.ColorRole.ToolTipText, QPalette.ColorRole.ToolTipBase),
    (QPalette.ColorRole.Link, QPalette.ColorRole.Base),
    (QPalette.ColorRole.Link, QPalette.ColorRole.Window),
    (QPalette.ColorRole.Text, QPalette.ColorRole.AlternateBase),
)


TEXT_SCALES = (1.0, 1.25, 1.5, 2.0)


def stylesheet(t: Tokens, scale: float = 1.0) -> str:
    """The application stylesheet. Focus: the 2 px margin around a control turns into ring.

    `scale` is the large-text setting (x1, x1.25, x1.5, x2): type and control heights grow.
    """
    chevron = resource("icons", f"chevron-down-{t.name}.svg").as_posix()

    def px(n: int) -> int:
        return round(n * scale)

    return f"""
QWidget {{ font-size: {px(BODY_PX)}px; color: {t.text}; }}
QDialog, QMainWindow, QStackedWidget > QWidget, QScrollArea > QWidget > QWidget {{
    background: {t.page};
}}
QLabel[role="title"] {{ font-size: {px(TITLE_PX)}px; font-weight: 600; }}
QLabel[role="subtitle"] {{ font-size: {px(SUBTITLE_PX)}px; font-weight: 600; }}
QLabel[role="caption"] {{ font-size: {px(CAPTION_PX)}px; color: {t.text_muted}; }}
QLabel[role="muted"] {{ color: {t.text_muted}; }}
QLabel[role="attention"] {{ color: {t.attention}; }}
QLabel[role="success"] {{ color: {t.success}; }}
QLabel[role="warning"] {{ color: {t.warning}; }}
QLabel[role="key"] {{
    font-family: {", ".join(repr(f) for f in MONO_FAMILIES)};
    font-size: {px(28)}px; font-weight: 600; letter-spacing: 1px;
    background: {t.surface}; border: 1px solid {t.border_input}; border-radius: 8px;
    padding: 16px;
}}
QLabel[role="command"] {{
    background: {t.page}; border: 1px solid {t.divider}; border-radius: 6px; padding: 12px;
}}
QLabel[role="stat"] {{ font-size: {px(32)}px; font-weight: 600; }}
QFrame[card="true"] {{
    background: {t.surface}; border: 1px solid {t.divider}; border-radius: 8px;
}}
QFrame[card="true"] QLabel {{ background: transparent; }}
QFrame[role="divider"] {{ background: {t.divider}; max-height: 1px; border: none; }}

QPushButton, QToolButton {{
    min-height: {px(CONTROL_MIN_PX - 8)}px; padding: 2px 16px; margin: 2px;
    border: 2px solid {t.border_input}; border-radius: 8px;
    background: {t.surface}; color: {t.text};
}}
QToolButton {{ padding: 2px 6px; }}
QPushButton:hover, QToolButton:hover {{ background: {t.selected_bg}; }}
QPushButton[primary="true"] {{
    background: {t.primary}; color: {t.on_primary}; border-color: {t.primary};
    font-weight: 600;
}}
QPushButton[link="true"] {{
    background: transparent; border-color: transparent; color: {t.link};
    text-decoration: underline; padding: 2px 4px;
}}
QPushButton:focus, QToolButton:focus {{ margin: 0px; border: 4px solid {t.focus}; }}
QPushButton:disabled {{
    background: {t.page}; color: {t.text_muted}; border: 2px dashed {t.border_input};
}}

QLineEdit, QComboBox, QDateEdit {{
    min-height: {px(CONTROL_MIN_PX)}px; padding: 0px 8px; margin: 2px;
    border: 1px solid {t.border_input}; border-radius: 6px;
    background: {t.surface}; color: {t.text};
    selection-background-color: {t.primary}; selection-color: {t.on_primary};
}}
QLineEdit:focus, QComboBox:focus, QDateEdit:focus {{ margin: 0px; border: 3px solid {t.focus}; }}
QLineEdit[mono="true"] {{
    font-family: {", ".join(repr(f) for f in MONO_FAMILIES)}; font-size: {px(18)}px;
}}
QComboBox::drop-down {{ border: none; width: 32px; }}
QComboBox::down-arrow {{ image: url("{chevron}"); width: 16px; height: 16px; }}
QScrollBar:vertical {{ background: {t.page}; width: 14px; margin: 0px; }}
QScrollBar::handle:vertical {{
    background: {t.border_input}; border-radius: 5px; min-height: 40px; margin: 2px 3px;
}}
QScrollBar::add-line, QScrollBar::sub-line {{ height: 0px; width: 0px; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
QComboBox QAbstractItemView {{
    background: {t.surface}; color: {t.text};
    selection-background-color: {t.primary}; selection-color: {t.on_primary};
}}
QCheckBox, QRadioButton {{
    min-height: {px(CONTROL_MIN_PX)}px; spacing: 8px; padding: 0px 4px; margin: 2px;
}}
QCheckBox:focus, QRadioButton:focus {{
    margin: 0px; border: 2px solid {t.focus}; border-radius: 6px;
}}
QCheckBox::indicator, QRadioButton::indicator {{ width: 20px; height: 20px; }}
QListWidget#navRail {{
    background: {t.surface}; border: none; border-right: 1px solid {t.divider};
    padding: 8px 6px;
}}
QListWidget#navRail::item {{
    min-height: {px(CONTROL_MIN_PX + 8)}px; padding: 0px 12px; margin: 2px 0px;
    border-radius: 8px; color: {t.text}; border: 2px solid transparent;
}}
QListWidget#navRail::item:hover {{ background: {t.selected_bg}; }}
QListWidget#navRail::item:selected {{
    background: {t.selected_bg}; color: {t.text}; font-weight: 600;
    border-left: 4px solid {t.primary};
}}
QListWidget#navRail:focus {{ border: 2px solid {t.focus}; border-radius: 8px; }}
QTableView {{
    background: {t.surface}; alternate-background-color: {t.page};
    border: 1px solid {t.divider}; border-radius: 8px; gridline-color: {t.divider};
    selection-background-color: {t.selected_bg}; selection-color: {t.text};
}}
QTableView:focus {{ border: 2px solid {t.focus}; }}
QListView:focus {{ border: 2px solid {t.focus}; }}
QHeaderView::section {{
    background: {t.surface}; color: {t.text_muted}; border: none;
    border-bottom: 1px solid {t.divider}; padding: 6px 8px; font-weight: 600;
}}
QToolBar {{ background: {t.surface}; border: none; border-bottom: 1px solid {t.divider};
    spacing: 4px; padding: 2px 8px; }}

QProgressBar {{
    border: 1px solid {t.border_input}; border-radius: 4px; background: {t.surface};
    max-height: 8px; min-height: 8px;
}}
QProgressBar::chunk {{ background: {t.primary}; border-radius: 3px; }}
QStatusBar {{ background: {t.surface}; border-top: 1px solid {t.divider}; }}
QStatusBar QLabel {{ color: {t.text_muted}; padding: 4px 8px; }}
QMenuBar {{ background: {t.surface}; }}
QMenuBar::item:selected, QMenu::item:selected {{
    background: {t.primary}; color: {t.on_primary};
}}
QMenu {{ background: {t.surface}; border: 1px solid {t.border_input}; }}
QScrollArea {{ border: none; background: {t.page}; }}
QScrollArea[focusRing="true"] {{ border: 2px solid {t.page}; border-radius: 8px; }}
QScrollArea[focusRing="true"]:focus {{ border: 2px solid {t.focus}; }}
QToolTip {{ background: {t.surface}; color: {t.text}; border: 1px solid {t.border_input}; }}
"""


def apply(app: QApplication, tokens: Tokens = LIGHT, scale: float = 1.0) -> None:
    """Applies the palette, body font size and stylesheet of `tokens` (text `scale`)."""
    app.setStyle("Fusion")
    app.setPalette(palette(tokens))
    font = QFont(app.font())
    font.setPixelSize(round(BODY_PX * scale))
    app.setFont(font)
    app.setStyleSheet(stylesheet(tokens, scale))
    app.setProperty("sylTheme", tokens.name)
    app.setProperty("sylTextScale", scale)


def current(app: QApplication | None = None) -> Tokens:
    """The tokens last applied to the application (light when none were)."""
    app = app or QApplication.instance()  # type: ignore[assignment]
    name = app.property("sylTheme") if app is not None else None
    return THEMES.get(str(name), LIGHT)


def mono_font(pixel_size: int = 18) -> QFont:
    """The monospace font for recovery keys and commands."""
    font = QFont()
    font.setFamilies(MONO_FAMILIES)
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPixelSize(pixel_size)
    return font
