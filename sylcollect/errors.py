"""Typed errors of the core. Their messages are for people and never contain personal data."""


class SylError(Exception):
    """A user-facing error: bad input, wrong password, refused file. Message is safe to show."""


class WrongPassword(SylError):
    """The password (or recovery key) does not open any key slot."""


class BackoffActive(SylError):
    """Too many failed unlocks: the caller must wait `seconds` before trying again."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"too many failed attempts: wait {int(seconds + 0.999)} seconds")
        self.seconds = seconds


class WeakKeySlot(SylError):
    """A key slot's Argon2id parameters are under the floor; it is refused."""


class IntegrityFailure(SylError):
    """Stored ciphertext failed authentication (tampered, moved or shredded)."""


class NotFound(SylError):
    """A named thing (participant, form, site, user) does not exist."""


class Conflict(SylError):
    """The thing to create already exists (duplicate code, user name)."""


class InvalidInput(SylError):
    """Input failed validation; the message names what and how to fix it."""


class Locked(SylError):
    """The workspace is locked: no keys are held."""


class StorageError(SylError):
    """The workspace could not be read or written (permissions, full disk, corruption)."""


class Cancelled(SylError):
    """Someone stopped a long task; it undid its own work first. The message says what is left."""
