"""Theme tokens, palette contrast, stylesheet rules, error wording."""

from __future__ import annotations

import pytest
from a11y import check_themes

from sylcollect.errors import BackoffActive, InvalidInput, StorageError, WrongPassword
from ui import messages, theme


def test_palettes_reach_4_5_to_1_in_both_themes() -> None:
    assert check_themes() == []


def test_highlight_comes_from_the_tokens() -> None:
    from PySide6.QtGui import QPalette

    for tokens in (theme.LIGHT, theme.HIGH_CONTRAST):
        pal = theme.palette(tokens)
        assert pal.color(QPalette.ColorRole.Highlight).name().upper() == tokens.primary


def test_token_contrast_matches_ux_md() -> None:
    assert theme.contrast(theme.LIGHT.text, theme.LIGHT.page) == pytest.approx(15.1, abs=0.1)
    assert theme.contrast("#FFFFFF", theme.LIGHT.primary) == pytest.approx(8.4, abs=0.1)
    assert theme.contrast("#FFFFFF", "#308CC6") < 4.5  # why Fusion's highlight is replaced


@pytest.mark.parametrize("tokens", [theme.LIGHT, theme.HIGH_CONTRAST])
def test_stylesheet_keeps_focus_and_sizes(tokens) -> None:
    sheet = theme.stylesheet(tokens)
    assert "outline: none" not in sheet and "outline: 0" not in sheet
    assert f"font-size: {theme.BODY_PX}px" in sheet
    assert f"border: 4px solid {tokens.focus}" in sheet
    assert f"min-height: {theme.CONTROL_MIN_PX}px" in sheet


def test_messages_in_plain_words(qapp) -> None:
    assert (
        messages.message_for(WrongPassword("x"))
        == "That password didn't work. Check Caps Lock and try again."
    )
    assert messages.message_for(BackoffActive(41.2)) == (
        "Too many tries. You can try again in 0:42."
    )
    assert messages.message_for(BackoffActive(900)).endswith("in 15:00.")
    assert messages.message_for(InvalidInput("the name is empty")) == "The name is empty."
    assert "disk is full" in messages.message_for(StorageError("the disk is full"))
    assert "RecoveryKey" not in messages.message_for(WrongPassword("x"), messages.RECOVERY)
    unknown = messages.message_for(RuntimeError("secret participant name"))
    assert "secret" not in unknown and "RuntimeError" in unknown
