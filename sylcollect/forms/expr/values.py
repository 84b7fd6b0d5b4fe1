"""The four value types and XPath's conversions between them, with ODK's additions."""

from __future__ import annotations

import math
import re
from decimal import Decimal
from functools import lru_cache

from sylcollect.forms.expr.dates import parse_temporal, to_days
from sylcollect.forms.expr.instance import Node

NodeSet = list[Node]
Value = str | float | bool | NodeSet

_NUMBER = re.compile(r"\s*-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\s*")


def format_number(x: float) -> str:
    """XPath number-to-string: `1` not `1.0`, no exponent, `NaN`, `Infinity`, `-Infinity`."""
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    text = repr(x)  # the shortest text that reads back as x
    if "e" in text:
        text = format(Decimal(text), "f")
    return text.removesuffix(".0")


def string_to_number(text: str) -> float:
    """XPath's number(string), plus ODK dates and dateTimes as days since 1970; else NaN."""
    if text.isdigit() and text.isascii():  # the common case, without the regular expression
        return float(text)
    if not text:
        return math.nan
    return _text_to_number(text)


@lru_cache(maxsize=4096)
def _text_to_number(text: str) -> float:
    if _NUMBER.fullmatch(text):
        return float(text)
    moment = parse_temporal(text)
    if moment is not None:
        return to_days(moment)
    return math.nan


def to_string(value: Value) -> str:
    """string(): a node-set gives its first node's value, "" when empty."""
    if type(value) is list:  # first, as the commonest; the same as the last line below
        return value[0].value if value else ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float | int):
        return format_number(float(value))
    return value[0].value if value else ""


def to_number(value: Value) -> float:
    """number(): empty or non-numeric text is NaN; a date is days since 1970."""
    # exact types first (the commonest), then the general rules
    if type(value) is float:
        return value
    if type(value) is list:
        return string_to_number(value[0].value) if value else math.nan
    if type(value) is str:
        return string_to_number(value)
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, float | int):
        return float(value)
    return string_to_number(to_string(value))


def to_boolean(value: Value) -> bool:
    """boolean(): non-empty text, non-zero number, non-empty node-set."""
    if isinstance(value, bool):
        return value
    if isinstance(value, float | int):
        return not (value == 0 or math.isnan(value))
    return len(value) > 0


def is_nodeset(value: Value) -> bool:
    return isinstance(value, list)
