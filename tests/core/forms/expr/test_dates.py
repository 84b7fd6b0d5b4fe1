"""Dates: days since 1970, date(), decimal-date-time, format-date, today(), now()."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

import pytest

from sylcollect.forms.expr import EvalContext, evaluate

ANSWERS = {"dob": "2000-02-29", "visit": "2024-03-15", "blank": "", "at": "2024-03-15T06:00:00Z"}


@pytest.mark.parametrize(
    ("expr", "want"),
    [
        ("date('1970-01-01') + 0", 0.0),
        ("date('2020-01-01') + 0", 18262.0),
        ("number('2020-01-01')", 18262.0),
        ("decimal-date-time('2020-01-01')", 18262.0),
        ("decimal-date-time('2020-01-01T12:00:00Z')", 18262.5),
        ("decimal-date-time('2020-01-01T12:00:00.000+02:00')", 18262 + 10 / 24),
        ("decimal-date-time(18262.25)", 18262.25),
        ("${visit} - ${dob}", 8781.0),
        ("int((${visit} - ${dob}) div 365.25)", 24.0),
        ("${visit} > ${dob}", True),
        ("${visit} < '2024-03-16'", True),
        ("${visit} = '2024-3-15'", True),
        ("${visit} + 1 = date('2024-03-16')", True),
        ("${blank} > '2020-01-01'", False),
        ("${blank} - ${dob}", math.nan),
        ("date(${blank})", ""),
        ("date(18262)", "2020-01-01"),
        ("date('2020-1-5')", "2020-01-05"),
        ("date(${visit} + 30)", "2024-04-14"),
        ("string(date('2020-01-01') + 1)", "18263"),
        ("date(18262.5)", "2020-01-01T12:00:00.000+00:00"),
        ("format-date(${visit}, '%Y/%m/%d')", "2024/03/15"),
        ("format-date(${visit}, '%e %b %y, %a')", "15 Mar 24, Fri"),
        ("format-date('2024-01-05', '%n/%e')", "1/5"),
        ("format-date(${at}, '%H:%M:%S.%3 %h')", "06:00:00.000 6"),
        ("format-date-time(${at}, '%Y-%m-%d %H:%M')", "2024-03-15 06:00"),
        ("format-date(${blank}, '%Y')", ""),
        ("format-date('nonsense', '%Y')", ""),
        ("format-date(19797, '%Y-%m-%d')", "2024-03-15"),
        ("format-date('19797', '%d')", "15"),
        ("format-date(${visit}, '100%%')", "100%"),
        ("today()", "2024-03-15"),
        ("today() = ${visit}", True),
        ("today() - ${dob} > 365 * 18", True),
        ("now()", "2024-03-15T14:30:05.250+00:00"),
        ("decimal-date-time(now()) - decimal-date-time(today())", (14.5 * 3600 + 5.25) / 86400),
        ("format-date(now(), '%H:%M')", "14:30"),
        ("'2024-02-30' + 0", math.nan),
        ("'2024-13-01' > 0", False),
    ],
)
def test_dates(flat: Callable[..., EvalContext], expr: str, want: object) -> None:
    got = evaluate(expr, flat(ANSWERS))
    if isinstance(want, float) and math.isnan(want):
        assert isinstance(got, float) and math.isnan(got)
    elif isinstance(want, float):
        assert isinstance(got, float) and math.isclose(got, want, abs_tol=1e-9)
    else:
        assert got == want


def test_local_timezone_comes_from_the_clock(flat: Callable[..., EvalContext]) -> None:
    plus2 = timezone(timedelta(hours=2))
    ctx = flat(ANSWERS, clock=lambda: datetime(2024, 3, 15, 23, 30, tzinfo=plus2))
    assert evaluate("now()", ctx) == "2024-03-15T23:30:00.000+02:00"
    assert evaluate("today()", ctx) == "2024-03-15"
    assert evaluate("format-date(${at}, '%H:%M')", ctx) == "08:00"  # 06:00Z shown at +02:00
    assert evaluate("date(18262.5)", ctx) == "2020-01-01T14:00:00.000+02:00"
