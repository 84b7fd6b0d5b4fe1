"""The one error type of the expression language."""

from __future__ import annotations

from sylcollect.errors import InvalidInput


class ExpressionError(InvalidInput):
    """An expression could not be parsed or evaluated; the message says where and why."""

    def __init__(self, message: str, *, position: int | None = None, source: str = "") -> None:
        where = f" at position {position + 1}" if position is not None else ""
        shown = f" in '{_clip(source)}'" if source else ""
        super().__init__(f"{message}{where}{shown}")
        self.reason = message
        self.position = position
        self.source = source


def _clip(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
