"""Dates and times: parsing ISO text, days since 1970, ODK's format-date."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache

from sylcollect.forms.expr.errors import ExpressionError

Temporal = date | datetime  # a datetime is always timezone-aware

_EPOCH = date(1970, 1, 1)
_EPOCH_UTC = datetime(1970, 1, 1, tzinfo=UTC)
_DATE = re.compile(
    r"\s*(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?\s*"
)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def looks_like_date(text: str) -> bool:
    """Whether `text` has the shape of an ISO date or dateTime (`2020-01-31`, `...T10:00Z`)."""
    return "-" in text and _DATE.fullmatch(text) is not None


@lru_cache(maxsize=4096)  # dates and datetimes are immutable: one parse per text
def parse_temporal(text: str) -> Temporal | None:
    """A date (no time part) or an aware datetime (UTC when no offset); None if not valid."""
    m = _DATE.fullmatch(text)
    if m is None:
        return None
    year, month, day, hour, minute, second, fraction, offset = m.groups()
    try:
        day_part = date(int(year), int(month), int(day))
        if hour is None:
            return day_part
        micro = int((fraction or "0")[:6].ljust(6, "0"))
        return datetime(
            day_part.year,
            day_part.month,
            day_part.day,
            int(hour),
            int(minute),
            int(second or 0),
            micro,
            tzinfo=_offset(offset),
        )
    except ValueError:
        return None


def _offset(text: str | None) -> tzinfo:
    if not text or text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + int(digits[2:4] or 0)
    if minutes >= 24 * 60:
        raise ValueError("offset out of range")
    return timezone(timedelta(minutes=sign * minutes))


def to_days(value: Temporal) -> float:
    """Days since 1970-01-01: whole for a date, fractional (UTC) for a dateTime."""
    if isinstance(value, datetime):
        return (value - _EPOCH_UTC) / timedelta(days=1)
    return float((value - _EPOCH).days)


def from_days(days: float) -> Temporal | None:
    """The date (whole days) or UTC dateTime (fractional days) `days` after 1970-01-01."""
    if math.isnan(days) or math.isinf(days) or abs(days) > 2_900_000:
        return None
    if days == int(days):
        return _EPOCH + timedelta(days=int(days))
    return _EPOCH_UTC + timedelta(milliseconds=round(days * 86_400_000))


def iso_text(value: Temporal, zone: tzinfo) -> str:
    """`2020-01-31` for a date (or local midnight), else `2020-01-31T10:00:00.000+01:00`."""
    if not isinstance(value, datetime):
        return value.isoformat()
    local = value.astimezone(zone)
    if (local.hour, local.minute, local.second, local.microsecond) == (0, 0, 0, 0):
        return local.date().isoformat()
    offset = local.strftime("%z")
    stamp = local.strftime("%Y-%m-%dT%H:%M:%S") + f".{local.microsecond // 1000:03d}"
    return f"{stamp}{offset[:3]}:{offset[3:]}"


def now_text(moment: datetime) -> str:
    """now() as text: the dateTime with milliseconds and the clock's own offset."""
    if moment.tzinfo is None:
        moment = moment.astimezone()
    offset = moment.strftime("%z") or "+0000"
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%S") + f".{moment.microsecond // 1000:03d}"
    return f"{stamp}{offset[:3]}:{offset[3:]}"


_FIELDS: dict[str, Callable[[datetime], str]] = {
    "Y": lambda m: f"{m.year:04d}",
    "y": lambda m: f"{m.year:04d}"[2:],
    "m": lambda m: f"{m.month:02d}",
    "n": lambda m: str(m.month),
    "b": lambda m: _MONTHS[m.month - 1],
    "d": lambda m: f"{m.day:02d}",
    "e": lambda m: str(m.day),
    "H": lambda m: f"{m.hour:02d}",
    "h": lambda m: str(m.hour),
    "M": lambda m: f"{m.minute:02d}",
    "S": lambda m: f"{m.second:02d}",
    "3": lambda m: f"{m.microsecond // 1000:03d}",
    "a": lambda m: _DAYS[m.weekday()],
    "%": lambda m: "%",
}


@lru_cache(maxsize=1024)  # a pure function of immutable values
def format_date(value: Temporal, pattern: str, zone: tzinfo) -> str:
    """ODK format-date: %Y %y %m %n %b %d %e %H %h %M %S %3 %a and %% (English names)."""
    if isinstance(value, datetime):
        moment = value.astimezone(zone)
    else:
        moment = datetime(value.year, value.month, value.day)
    return "".join(
        part if code is None else _FIELDS[code](moment) for part, code in _pattern(pattern)
    )


@lru_cache(maxsize=256)
def _pattern(pattern: str) -> tuple[tuple[str, str | None], ...]:
    """A format-date pattern as (literal, None) and ("", field code) parts."""
    out: list[tuple[str, str | None]] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch != "%":
            out.append((ch, None))
            i += 1
            continue
        if i + 1 >= len(pattern):
            raise ExpressionError("date format ends with '%'")
        code = pattern[i + 1]
        if code not in _FIELDS:
            raise ExpressionError(f"unsupported date format '%{code}'")
        out.append(("", code))
        i += 2
    return tuple(out)
