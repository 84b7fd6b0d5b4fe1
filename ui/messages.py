"""Turns the core's typed exceptions into plain, translatable words for people.

Core messages are written to be safe to show (they never hold personal data); the ones a
person meets often get our own wording here. Unknown exceptions never show their text.
"""

from __future__ import annotations

import logging
import math

from PySide6.QtCore import QCoreApplication

from sylcollect.errors import (
    BackoffActive,
    Conflict,
    InvalidInput,
    Locked,
    NotFound,
    StorageError,
    SylError,
    WrongPassword,
)

log = logging.getLogger(__name__)

UNLOCK = "unlock"
RECOVERY = "recovery"
SETUP = "setup"


def _tr(text: str) -> str:
    return QCoreApplication.translate("messages", text)


def sentence(text: str) -> str:
    """'the disk is full' -> 'The disk is full.'"""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def clock(seconds: float) -> str:
    """Whole seconds as m:ss, rounded up: 41.2 -> '0:42'."""
    total = max(0, math.ceil(seconds))
    return f"{total // 60}:{total % 60:02d}"


def backoff_text(seconds: float) -> str:
    return _tr("Too many tries. You can try again in {time}.").format(time=clock(seconds))


def message_for(exc: BaseException, action: str = UNLOCK) -> str:
    """The words to show for `exc` raised while doing `action` (UNLOCK, RECOVERY, SETUP)."""
    if isinstance(exc, BackoffActive):
        return backoff_text(exc.seconds)
    if isinstance(exc, WrongPassword):
        if action == RECOVERY:
            return _tr(
                "That recovery key doesn't open this workspace. Check each group and try again."
            )
        return _tr("That password didn't work. Check Caps Lock and try again.")
    if isinstance(exc, Locked):
        return _tr("The workspace is locked. Unlock it again to carry on.")
    if isinstance(exc, StorageError):
        return _tr("The workspace could not be read or saved. {detail}").format(
            detail=sentence(str(exc))
        )
    if isinstance(exc, InvalidInput | NotFound | Conflict | SylError):
        return sentence(str(exc))
    log.error("unexpected error in %s: %s", action, type(exc).__name__)
    return _tr(
        "Something went wrong ({kind}). Nothing was changed. If it happens again, "
        "tell your supervisor."
    ).format(kind=type(exc).__name__)
