"""Read-aloud: Qt's text-to-speech where the platform has an engine with a voice, else nothing.

QtTextToSpeech comes with PySide6-Addons. Its engines are plugins: the platform's own
(speechd on Linux, which needs the system's libspeechd and a running speech-dispatcher with a
voice; winrt or sapi on Windows; darwin or avfoundation on macOS) and Qt's "mock" engine, a
test double that speaks nothing. `find_speaker()` tries the platform's engines and never the
mock one; it returns None when none starts with a voice (or the module does not load), and the
self-complete screens then hide the read-aloud option. `open_speaker("mock")` is how tests
drive the real QTextToSpeech.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from typing import Protocol

from PySide6.QtCore import QObject

log = logging.getLogger(__name__)

# The platform's own engines, best first (Qt's plugin names). Others that Qt lists are tried
# after these; Qt's test engine never is.
PREFERRED_ENGINES: dict[str, tuple[str, ...]] = {
    "linux": ("speechd", "flite"),
    "win32": ("winrt", "sapi"),
    "darwin": ("darwin", "avfoundation"),
}
TEST_ENGINES = frozenset({"mock"})


class Speaker(Protocol):
    """What the screens need: say some words (stopping what was said before), stop."""

    def say(self, text: str) -> None: ...

    def stop(self) -> None: ...


class QtSpeaker:
    """A Speaker on one QTextToSpeech engine (only built when it started). GUI thread only."""

    def __init__(self, engine: QObject) -> None:
        self._engine = engine

    @property
    def engine(self) -> QObject:
        """The QTextToSpeech object (its state and signals), for tests."""
        return self._engine

    def say(self, text: str) -> None:
        self._engine.stop()  # type: ignore[attr-defined]
        self._engine.say(text)  # type: ignore[attr-defined]

    def stop(self) -> None:
        self._engine.stop()  # type: ignore[attr-defined]


def real_engines(available: Iterable[str], platform: str | None = None) -> list[str]:
    """The engines worth trying, the platform's own first; never Qt's test engine."""
    preferred = PREFERRED_ENGINES.get(platform or sys.platform, ())
    real = [name for name in available if name not in TEST_ENGINES]
    return sorted(real, key=lambda n: preferred.index(n) if n in preferred else len(preferred))


def open_speaker(engine_name: str, parent: QObject | None = None) -> QtSpeaker | None:
    """A QtSpeaker on the named engine if it starts and has a voice, else None."""
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech  # type: ignore[import-not-found,unused-ignore]
    except ImportError as exc:  # e.g. Linux without libpulse, which QtMultimedia links to
        log.info("no read-aloud: QtTextToSpeech does not load (%s)", exc)
        return None
    try:
        engine = QTextToSpeech(engine_name, parent)
        if engine.state() == QTextToSpeech.State.Error or not engine.availableVoices():
            log.info("read-aloud engine %r: %s", engine_name, engine.errorString() or "no voice")
            engine.deleteLater()
            return None
    except Exception as exc:  # a broken engine must never stop the questionnaire
        log.info("read-aloud engine %r: %s", engine_name, type(exc).__name__)
        return None
    return QtSpeaker(engine)


def find_speaker(parent: QObject | None = None) -> Speaker | None:
    """A Speaker on the platform's own engine when it has a voice, else None."""
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech  # type: ignore[import-not-found,unused-ignore]
    except ImportError as exc:
        log.info("no read-aloud: QtTextToSpeech does not load (%s)", exc)
        return None
    for name in real_engines(QTextToSpeech.availableEngines()):
        speaker = open_speaker(name, parent)
        if speaker is not None:
            return speaker
    return None
