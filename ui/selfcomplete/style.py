"""The self-complete look: large type (question 28/36, options 20/30, hint 18/28), controls
at least 44 px, calm colours (no red: notes use the muted warning colour), light or high
contrast, and the large-text setting (x1, x1.25, x1.5, x2)."""

from __future__ import annotations

from ui import theme

TARGET_PX = 44


def stylesheet(t: theme.Tokens, scale: float = 1.0) -> str:
    """The window's stylesheet (on top of the app's): every control at least 44 px."""

    def px(n: float) -> int:
        return round(n * scale)

    return (
        theme.stylesheet(t, scale)
        + f"""
QWidget#selfComplete, QWidget#selfComplete QStackedWidget > QWidget,
QWidget#selfComplete QScrollArea > QWidget > QWidget {{ background: {t.page}; }}
QWidget#selfComplete QLabel {{ font-size: {px(20)}px; color: {t.text}; }}
QWidget#selfComplete QLabel[role="question"] {{ font-size: {px(28)}px; font-weight: 600; }}
QWidget#selfComplete QLabel[role="title"] {{ font-size: {px(32)}px; font-weight: 600; }}
QWidget#selfComplete QLabel[role="hint"], QWidget#selfComplete QLabel[role="muted"],
QWidget#selfComplete QLabel[role="caption"] {{ font-size: {px(18)}px; color: {t.text_muted}; }}
QWidget#selfComplete QLabel[role="section"] {{
    font-size: {px(18)}px; color: {t.text_muted}; font-weight: 600;
}}
QWidget#selfComplete QLabel[role="warning"], QWidget#selfComplete QLabel[role="attention"] {{
    color: {t.warning};
}}
QWidget#selfComplete QPushButton {{
    font-size: {px(20)}px; min-height: {max(TARGET_PX, px(40))}px; padding: 2px 24px;
}}
QWidget#selfComplete QPushButton[quiet="true"] {{
    font-size: {px(18)}px; border-color: {t.divider}; color: {t.text};
}}
QWidget#selfComplete QPushButton[quiet="true"]:focus {{ border: 4px solid {t.focus}; }}
QWidget#selfComplete QRadioButton, QWidget#selfComplete QCheckBox {{
    font-size: {px(20)}px; min-height: {max(TARGET_PX, px(44))}px; padding: 0px 12px;
    border: 2px solid transparent; border-radius: 8px;
}}
QWidget#selfComplete QRadioButton:focus, QWidget#selfComplete QCheckBox:focus {{
    border: 2px solid {t.focus}; margin: 0px;
}}
QWidget#selfComplete QRadioButton:checked, QWidget#selfComplete QCheckBox:checked {{
    background: {t.selected_bg}; color: {t.text};
}}
QWidget#selfComplete QRadioButton::indicator, QWidget#selfComplete QCheckBox::indicator {{
    width: {px(24)}px; height: {px(24)}px;
}}
QWidget#selfComplete QLineEdit, QWidget#selfComplete QComboBox,
QWidget#selfComplete QAbstractSpinBox {{
    font-size: {px(20)}px; min-height: {max(TARGET_PX, px(44))}px;
}}
QWidget#selfComplete QPlainTextEdit, QWidget#selfComplete QListWidget {{
    font-size: {px(20)}px; border: 1px solid {t.border_input}; border-radius: 6px;
    background: {t.surface}; margin: 2px;
}}
QWidget#selfComplete QPlainTextEdit:focus, QWidget#selfComplete QListWidget:focus {{
    border: 3px solid {t.focus}; margin: 0px;
}}
QWidget#selfComplete QToolButton {{ min-height: {TARGET_PX}px; min-width: {TARGET_PX}px; }}
QWidget#selfComplete QSlider {{ min-height: {TARGET_PX}px; }}
QWidget#selfComplete QFrame#footer {{ border-top: 1px solid {t.divider}; }}
QWidget#selfComplete QFrame#card {{
    background: {t.surface}; border: 1px solid {t.divider}; border-radius: 8px;
}}
"""
    )
