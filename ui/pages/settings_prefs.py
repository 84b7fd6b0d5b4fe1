"""The app's own preferences (auto-lock, text size, contrast, site, language of forms) kept in
QSettings.

Only settings live here, never data: QSettings is plain text on disk (DESIGN.md §3).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QApplication

from ui import theme
from ui.idle import DEFAULT_IDLE_MS

AUTO_LOCK_MINUTES = (1, 2, 5, 10, 15, 30)
DEFAULT_AUTO_LOCK_MINUTES = DEFAULT_IDLE_MS // 60_000
KEY_AUTO_LOCK = "prefs/autoLockMinutes"
KEY_TEXT_SCALE = "prefs/textScale"
KEY_HIGH_CONTRAST = "prefs/highContrast"
KEY_SITE = "prefs/siteId"
KEY_FORM_LANGUAGE = "prefs/formLanguage"
DEFAULT_LANGUAGE = "default"  # the forms engine's name for untranslated columns


class Preferences(QObject):
    """Reads and writes the preferences; emits `changed(key)` after a change. GUI thread."""

    changed = Signal(str)

    def __init__(self, settings: QSettings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings or QSettings()

    # --- auto-lock --------------------------------------------------------------------
    @property
    def auto_lock_minutes(self) -> int:
        value = _int(self._settings.value(KEY_AUTO_LOCK), DEFAULT_AUTO_LOCK_MINUTES)
        return value if value in AUTO_LOCK_MINUTES else DEFAULT_AUTO_LOCK_MINUTES

    def set_auto_lock_minutes(self, minutes: int) -> None:
        if minutes not in AUTO_LOCK_MINUTES:
            raise ValueError(f"auto-lock must be one of {AUTO_LOCK_MINUTES} minutes")
        self._settings.setValue(KEY_AUTO_LOCK, minutes)
        self.changed.emit(KEY_AUTO_LOCK)

    @property
    def auto_lock_ms(self) -> int:
        return self.auto_lock_minutes * 60_000

    # --- appearance -------------------------------------------------------------------
    @property
    def text_scale(self) -> float:
        try:
            value = float(self._settings.value(KEY_TEXT_SCALE, 1.0))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return 1.0
        return value if value in theme.TEXT_SCALES else 1.0

    def set_text_scale(self, scale: float) -> None:
        if scale not in theme.TEXT_SCALES:
            raise ValueError(f"text size must be one of {theme.TEXT_SCALES}")
        self._settings.setValue(KEY_TEXT_SCALE, scale)
        self.apply_appearance()
        self.changed.emit(KEY_TEXT_SCALE)

    @property
    def high_contrast(self) -> bool:
        return str(self._settings.value(KEY_HIGH_CONTRAST, "false")).lower() == "true"

    def set_high_contrast(self, on: bool) -> None:
        self._settings.setValue(KEY_HIGH_CONTRAST, "true" if on else "false")
        self.apply_appearance()
        self.changed.emit(KEY_HIGH_CONTRAST)

    def apply_appearance(self, app: QApplication | None = None, *, force_hc: bool = False) -> None:
        """Regenerates the palette and stylesheet from ui/theme.py for these preferences."""
        app = app or QApplication.instance()  # type: ignore[assignment]
        if app is None:
            return
        tokens = theme.HIGH_CONTRAST if (self.high_contrast or force_hc) else theme.LIGHT
        theme.apply(app, tokens, self.text_scale)

    # --- this laptop's site -----------------------------------------------------------
    @property
    def site_id(self) -> str:
        return str(self._settings.value(KEY_SITE, "") or "")

    def set_site_id(self, site_id: str) -> None:
        self._settings.setValue(KEY_SITE, site_id)
        self.changed.emit(KEY_SITE)

    # --- language of forms ------------------------------------------------------------
    @property
    def form_language(self) -> str:
        """The language forms open in ("English (en)"); "" for each form's own default."""
        return str(self._settings.value(KEY_FORM_LANGUAGE, "") or "")

    def set_form_language(self, language: str) -> None:
        self._settings.setValue(KEY_FORM_LANGUAGE, language)
        self.changed.emit(KEY_FORM_LANGUAGE)

    def language_for(self, languages: Sequence[str]) -> str | None:
        """Which of a form's `languages` it opens in: the preferred one, else None (its
        default)."""
        return match_language(languages, self.form_language)


def _name_and_code(language: str) -> tuple[str, str]:
    """'Cymraeg (cy)' -> ('cymraeg', 'cy'); 'English' -> ('english', '')."""
    name, _, code = language.partition("(")
    return name.strip().casefold(), code.rstrip(")").strip().casefold()


def match_language(languages: Sequence[str], wanted: str) -> str | None:
    """The one of `languages` that `wanted` names: exactly, else by the code in brackets
    ("Welsh (cy)" finds "Cymraeg (cy)"), else by the name; None if there is none."""
    if not wanted:
        return None
    if wanted in languages:
        return wanted
    name, code = _name_and_code(wanted)
    if code:
        found = next((lang for lang in languages if _name_and_code(lang)[1] == code), None)
        if found is not None:
            return found
    return next((lang for lang in languages if name and _name_and_code(lang)[0] == name), None)


def study_languages(forms_languages: Sequence[Sequence[str]]) -> list[str]:
    """The languages several forms offer, each once (by its code, else its name), sorted;
    without the forms engine's "default" (untranslated) language."""
    found: dict[str, str] = {}
    for languages in forms_languages:
        for lang in languages:
            if lang == DEFAULT_LANGUAGE or not lang.strip():
                continue
            name, code = _name_and_code(lang)
            found.setdefault(code or name, lang)
    return sorted(found.values(), key=str.casefold)


def _int(value: object, default: int) -> int:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return default
