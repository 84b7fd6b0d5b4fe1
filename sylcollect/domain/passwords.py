"""The passphrase policy: at least 12 characters, or at least 4 words."""

from __future__ import annotations

from sylcollect.errors import InvalidInput

MIN_CHARS = 12
MIN_WORDS = 4


def check_password(password: str) -> None:
    """Raises InvalidInput with advice when the password is too weak."""
    words = [w for w in password.split() if w]
    if len(password) >= MIN_CHARS or len(words) >= MIN_WORDS:
        if len(set(password)) < 4:
            raise InvalidInput("the password repeats too few characters: use words you'll remember")
        return
    raise InvalidInput(
        f"the password needs at least {MIN_CHARS} characters or {MIN_WORDS} words "
        "(a short sentence is easy to remember)"
    )
