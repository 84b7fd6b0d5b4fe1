"""Read-aloud on the real QTextToSpeech: Qt's "mock" engine (a plugin shipped with
PySide6-Addons that speaks nothing, one word at a time on a timer) stands in for a voice, and
`find_speaker()` never picks it for real use."""

from __future__ import annotations

import sys

import pytest

from ui.selfcomplete import speech
from ui.selfcomplete.speech import QtSpeaker, find_speaker, open_speaker, real_engines


@pytest.fixture
def tts():
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError as exc:
        pytest.fail(
            f"QtTextToSpeech does not load ({exc}): it comes with PySide6-Addons and, on "
            "Linux, needs libpulse0 (.ci/run installs it)"
        )
    return QTextToSpeech


@pytest.fixture
def mock_speaker(qapp, tts):
    speaker = open_speaker("mock")
    assert isinstance(speaker, QtSpeaker)
    engine = speaker.engine
    assert isinstance(engine, tts) and engine.engine() == "mock"
    assert engine.state() == tts.State.Ready
    words: list[str] = []
    engine.sayingWord.connect(lambda word, _id, _start, _length: words.append(word))
    yield speaker, engine, words
    engine.stop()
    engine.deleteLater()


def test_say_speaks_every_word_then_is_ready(qtbot, tts, mock_speaker) -> None:
    speaker, engine, words = mock_speaker
    speaker.say("How are you feeling today")
    assert engine.state() == tts.State.Speaking
    qtbot.waitUntil(lambda: engine.state() == tts.State.Ready, timeout=10_000)
    assert words == ["How", "are", "you", "feeling", "today"]


def test_say_again_drops_what_was_being_said(qtbot, tts, mock_speaker) -> None:
    speaker, engine, words = mock_speaker
    speaker.say("one two three four five six seven eight")
    qtbot.waitUntil(lambda: bool(words), timeout=10_000)
    speaker.say("next question")
    assert engine.state() == tts.State.Speaking
    qtbot.waitUntil(lambda: engine.state() == tts.State.Ready, timeout=10_000)
    assert words[-2:] == ["next", "question"]
    assert "eight" not in words


def test_stop_stops_speaking(qtbot, tts, mock_speaker) -> None:
    speaker, engine, words = mock_speaker
    speaker.say("one two three four five six seven eight")
    qtbot.waitUntil(lambda: bool(words), timeout=10_000)
    speaker.stop()
    assert engine.state() == tts.State.Ready
    spoken = list(words)
    qtbot.wait(600)  # several words' time on the mock engine's timer
    assert words == spoken
    assert "eight" not in words


def test_find_speaker_ignores_the_mock_engine_when_it_is_the_only_one(
    qapp, tts, monkeypatch
) -> None:
    assert "mock" in tts.availableEngines()  # the wheel ships it, so a build could list it
    monkeypatch.setattr(tts, "availableEngines", staticmethod(lambda: ["mock"]))
    assert find_speaker() is None
    monkeypatch.setattr(tts, "availableEngines", staticmethod(list))
    assert find_speaker() is None


def test_find_speaker_tries_the_platforms_engines_first_and_never_mock(
    qapp, tts, monkeypatch
) -> None:
    tried: list[str] = []

    def refuse(name: str, parent=None) -> None:
        tried.append(name)

    monkeypatch.setattr(speech, "open_speaker", refuse)
    monkeypatch.setattr(tts, "availableEngines", staticmethod(lambda: ["mock", "other", "speechd"]))
    monkeypatch.setitem(speech.PREFERRED_ENGINES, sys.platform, ("speechd", "flite"))
    assert find_speaker() is None
    assert tried == ["speechd", "other"]


def test_find_speaker_returns_the_first_engine_with_a_voice(qapp, tts, monkeypatch) -> None:
    chosen = QtSpeaker(tts("mock"))
    monkeypatch.setattr(
        speech, "open_speaker", lambda name, parent=None: chosen if name == "sapi" else None
    )
    monkeypatch.setattr(tts, "availableEngines", staticmethod(lambda: ["mock", "sapi", "winrt"]))
    monkeypatch.setitem(speech.PREFERRED_ENGINES, sys.platform, ("winrt", "sapi"))
    assert find_speaker() is chosen
    chosen.engine.deleteLater()


@pytest.mark.parametrize(
    ("platform", "available", "expected"),
    [
        ("linux", ["mock", "speechd"], ["speechd"]),
        ("linux", ["flite", "speechd", "mock"], ["speechd", "flite"]),
        ("win32", ["mock", "sapi", "winrt"], ["winrt", "sapi"]),
        ("darwin", ["avfoundation", "mock", "darwin"], ["darwin", "avfoundation"]),
        ("darwin", ["mock"], []),
        ("freebsd", ["mock", "speechd"], ["speechd"]),
    ],
)
def test_real_engines_put_the_platforms_first_and_leave_out_mock(
    platform: str, available: list[str], expected: list[str]
) -> None:
    assert real_engines(available, platform) == expected


def test_an_engine_that_does_not_start_gives_no_speaker(qapp, tts) -> None:
    assert open_speaker("no-such-engine") is None
