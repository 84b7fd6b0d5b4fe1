"""Read-aloud: Qt's text-to-speech where the platform has an engine, else nothing.

PySide6-Essentials has no QtTextToSpeech module, and on Linux an engine also needs the
system's speech and audio libraries. `find_speaker()` returns None when there is no way to
speak, and the self-complete screens then hide the read-aloud option. Tests pass a fake.
"""

from __future__ import annotations

import logging
from typing import Protocol

from PySide6.QtCore import QObject

log = logging.getLogger(__name__)


class Speaker(Protocol):
    """What the screens need: say some words (stopping what was said before), stop."""

    def say(self, text: str) -> None: ...

    def stop(self) -> None: ...


class QtSpeaker:
    """A Speaker on QTextToSpeech (only built when an engine exists). GUI thread only."""

    def __init__(self, engine: QObject) -> None:
        self._engine = engine

    def say(self, text: str) -> None:
        self._engine.stop()  # type: ignore[attr-defined]
        self._engine.say(text)  # type: ignore[attr-defined]

    def stop(self) -> None:
        self._engine.stop()  # type: ignore[attr-defined]


def find_speaker(parent: QObject | None = None) -> Speaker | None:
    """A Speaker when the platform can speak, else None (no module, no engine, no voice)."""
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    try:
        if not QTextToSpeech.availableEngines():
            return None
        engine = QTextToSpeech(parent)
        if engine.state() == QTextToSpeech.State.Error or not engine.availableVoices():
            engine.deleteLater()
            return None
    except Exception as exc:  # a broken engine must never stop the questionnaire
        log.info("no read-aloud: %s", type(exc).__name__)
        return None
    return QtSpeaker(engine)
