"""Basic checks and normalisation of answers supplied as JSON (the CLI's `record add`).

Answers map question names to values. Groups are transparent (a question inside a group is
given by its name), but a group's name may also be given with an object of its questions
(needed for loops, whose questions repeat a name). A repeat's name takes a list of objects.
Messages never echo the supplied value: answers are personal data.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sylcollect.forms.model import Form, Group, Question

_INT = re.compile(r"^[+-]?\d+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_REF = re.compile(r"^\$\{([^}]+)\}$")
_INT_MAX = 2**31 - 1  # JavaRosa stores integers as 32-bit
_FREE_TEXT = frozenset({"text", "barcode", "image", "audio", "video", "file", "osm"})


@dataclass(frozen=True)
class AnswerProblem:
    """One problem with supplied answers: where (a name, `rep[2]/q` inside repeats) and what."""

    question: str
    message: str


def _scope(group: Group) -> dict[str, Question | Group]:
    """Names answerable directly in `group`: questions and repeats, through plain groups."""
    names: dict[str, Question | Group] = {}
    for child in group.children:
        if isinstance(child, Group) and not child.repeat:
            for name, element in _scope(child).items():
                names.setdefault(name, element)
            names.setdefault(child.name, child)
        else:
            names.setdefault(child.name, child)
    return names


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, int | float):
        return Decimal(str(value))
    if isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            return None
        return number if number.is_finite() else None
    return None


def _integer(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _INT.match(value.strip()):
        return int(value.strip())
    return None


def _values(value: Any) -> list[str] | None:
    """A select_multiple/rank answer as a list of choice names, None if malformed."""
    if isinstance(value, str):
        return value.split()
    if isinstance(value, list) and all(isinstance(v, str | int) for v in value):
        return [str(v).strip() for v in value]
    return None


def _valid_time(text: str) -> bool:
    match = _TIME.match(text)
    if not match:
        return False
    seconds = int(match.group(3) or 0)
    return int(match.group(1)) < 24 and int(match.group(2)) < 60 and seconds < 60


def _valid_datetime(text: str) -> bool:
    if not _DATETIME.match(text):
        return False
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def _geopoint_problem(text: str) -> str | None:
    parts = text.split()
    if not 2 <= len(parts) <= 4:
        return "expects 'latitude longitude [altitude [accuracy]]'"
    numbers = [_decimal(p) for p in parts]
    if any(n is None for n in numbers):
        return "expects numbers: 'latitude longitude [altitude [accuracy]]'"
    lat, lon = numbers[0], numbers[1]
    if lat is None or not -90 <= lat <= 90:
        return "latitude must be between -90 and 90"
    if lon is None or not -180 <= lon <= 180:
        return "longitude must be between -180 and 180"
    if len(numbers) == 4 and (numbers[3] or 0) < 0:
        return "accuracy must not be negative"
    return None


def _geo_problem(kind: str, value: Any) -> str | None:
    if isinstance(value, list) and kind == "geopoint":
        value = " ".join(str(v) for v in value)
    if not isinstance(value, str):
        return f"expects a {kind} as text"
    if kind == "geopoint":
        return _geopoint_problem(value)
    points = [p.strip() for p in value.strip().rstrip(";").split(";") if p.strip()]
    smallest = 2 if kind == "geotrace" else 4
    if len(points) < smallest:
        return f"a {kind} needs at least {smallest} points separated by ';'"
    for point in points:
        problem = _geopoint_problem(point)
        if problem:
            return f"a point {problem.removeprefix('expects ')}"
    if kind == "geoshape" and points[0].split()[:2] != points[-1].split()[:2]:
        return "a geoshape must end at its first point"
    return None


def _range_problem(question: Question, value: Any) -> str | None:
    number = _decimal(value)
    if number is None:
        return "expects a number"
    params = question.parameters
    start, end = _decimal(params.get("start", "1")), _decimal(params.get("end", "10"))
    step = _decimal(params.get("step", "1"))
    if start is None or end is None or step is None or step == 0:
        return None  # pyxform has checked the parameters; nothing sensible to add
    low, high = min(start, end), max(start, end)
    if not low <= number <= high:
        return f"must be between {low} and {high}"
    if (number - start) % abs(step) != 0:
        return f"must be {start} plus a multiple of {abs(step)}"
    return None


_SELECT_NAMES: dict[int, tuple[Form, dict[tuple[bool, str, bool], tuple[frozenset[str], bool]]]]
_SELECT_NAMES = {}  # id(form) -> (form, its select questions' names), a bounded cache


def _select_names(form: Form, question: Question) -> tuple[frozenset[str], bool]:
    """The names a select question accepts ("other" too with or_other) and whether its
    list is known at all; worked out once per form and kind of question (forms are not
    changed once loaded)."""
    entry = _SELECT_NAMES.get(id(form))
    if entry is None or entry[0] is not form:
        if len(_SELECT_NAMES) >= 64:
            _SELECT_NAMES.clear()
        entry = _SELECT_NAMES[id(form)] = (form, {})
    key = (question.type == "select_one_external", question.choice_list, question.or_other)
    found = entry[1].get(key)
    if found is None:
        names = {c.name for c in form.choices(question)}
        known = bool(names) or question.choice_list in form.choice_lists
        if question.or_other:
            names.add("other")
        found = entry[1][key] = (frozenset(names), known)
    return found


def _select_problem(form: Form, question: Question, value: Any) -> str | None:
    names, known = _select_names(form, question)
    if question.type in {"select_one", "select_one_external"}:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            return "expects one choice name"
        if known and value.strip() not in names:
            return "is not one of the question's choices"
        return None
    values = _values(value)
    if values is None:
        return "expects choice names as a space-separated string or a list"
    if len(set(values)) != len(values):
        return "names a choice more than once"
    if known and any(v not in names for v in values):
        return "includes a name that is not one of the question's choices"
    return None


def value_problem(form: Form, question: Question, value: Any) -> str | None:
    """What is wrong with one non-empty value, or None."""
    kind = question.type
    if kind in _FREE_TEXT:
        ok = isinstance(value, str) or (kind == "text" and _decimal(value) is not None)
        return None if ok else "expects text"
    if kind == "integer":
        number = _integer(value)
        if number is None:
            return "expects a whole number"
        return None if abs(number) <= _INT_MAX else "is too large for a whole number"
    if kind == "decimal":
        return None if _decimal(value) is not None else "expects a number"
    if kind == "range":
        return _range_problem(question, value)
    if kind == "date":
        ok = isinstance(value, str) and bool(_DATE.match(value.strip()))
        if ok:
            try:
                date.fromisoformat(value.strip())
            except ValueError:
                ok = False
        return None if ok else "expects a date as YYYY-MM-DD"
    if kind == "time":
        ok = isinstance(value, str) and _valid_time(value.strip())
        return None if ok else "expects a time as HH:MM or HH:MM:SS"
    if kind == "datetime":
        ok = isinstance(value, str) and _valid_datetime(value.strip())
        return None if ok else "expects a date and time as YYYY-MM-DDTHH:MM[:SS]"
    if question.is_select:
        return _select_problem(form, question, value)
    if kind in {"geopoint", "geotrace", "geoshape"}:
        return _geo_problem(kind, value)
    if kind in {"acknowledge", "trigger"}:
        return None if value == "OK" else 'expects "OK"'
    return None


def _check(
    form: Form, group: Group, answers: Mapping[str, Any], prefix: str
) -> list[AnswerProblem]:
    problems: list[AnswerProblem] = []
    scope = _scope(group)
    for name, value in answers.items():
        where = f"{prefix}{name}"
        element = scope.get(str(name))
        if element is None:
            problems.append(AnswerProblem(where, "is not a question of this form"))
        elif isinstance(element, Group):
            problems.extend(_check_group(form, element, value, where))
        elif element.is_metadata:
            problems.append(AnswerProblem(where, "is filled in automatically, don't supply it"))
        elif element.is_calculated:
            problems.append(AnswerProblem(where, "is calculated, don't supply it"))
        elif element.type == "note":
            problems.append(AnswerProblem(where, "is a note, don't supply it"))
        elif not _empty(value):
            message = value_problem(form, element, value)
            if message:
                problems.append(AnswerProblem(where, message))
    return problems


def _fixed_count(form: Form, group: Group) -> int | None:
    """A repeat's fixed count (pyxform turns `repeat_count = 3` into a generated calculate)."""
    count = group.repeat_count.strip()
    ref = _REF.match(count)
    if ref:
        target = form.find(ref.group(1))
        count = target.calculation.strip() if target and target.type == "calculate" else ""
    return _integer(count) if count else None


def _check_group(form: Form, group: Group, value: Any, where: str) -> list[AnswerProblem]:
    if value is None:
        return []
    if not group.repeat:
        if not isinstance(value, Mapping):
            return [AnswerProblem(where, "is a group: give an object of its questions")]
        return _check(form, group, value, f"{where}/")
    if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
        return [AnswerProblem(where, "is a repeat: give a list of objects")]
    problems = []
    fixed = _fixed_count(form, group)
    if fixed is not None and len(value) > fixed:
        problems.append(AnswerProblem(where, f"has at most {fixed} entries"))
    for index, item in enumerate(value, start=1):
        problems.extend(_check(form, group, item, f"{where}[{index}]/"))
    return problems


def check_answers(form: Form, answers: Mapping[str, Any]) -> list[AnswerProblem]:
    """Problems with the names, shapes and types of `answers` (empty list when fine).

    Required-ness, relevance, constraints and choice filters need the expression engine and
    are not checked here. Empty values (None, "", []) are always accepted.
    """
    if not isinstance(answers, Mapping):
        return [AnswerProblem("", "answers must be an object of question names")]
    return _check(form, form.root, answers, "")


def canonical_value(form: Form, question: Question, value: Any) -> Any:
    """One supplied answer in the form it is kept in (None when empty): multi-selects and
    geopoints as space-separated text, integers and decimals as numbers, other text stripped
    (except free `text`), a number given for a text or select_one as text; a value that
    doesn't fit its type is returned unchanged."""
    kind = question.type
    if _empty(value):
        return None
    if kind in {"select_multiple", "rank"}:
        values = _values(value)
        return " ".join(values) if values is not None else value
    if kind == "integer":
        number = _integer(value)
        return number if number is not None else value
    if kind in {"decimal", "range"}:
        parsed = _decimal(value)
        if parsed is None:
            return value
        if kind == "range" and parsed == parsed.to_integral_value():
            return int(parsed)
        return float(parsed)
    if kind == "geopoint" and isinstance(value, list):
        return " ".join(str(v) for v in value)
    if isinstance(value, str):
        return value.strip() if kind != "text" else value
    if kind in {"text", "select_one", "select_one_external"} and _decimal(value) is not None:
        return str(value)
    return value


def _normalise(form: Form, group: Group, answers: Mapping[str, Any]) -> dict[str, Any]:
    scope = _scope(group)
    result: dict[str, Any] = {}
    for name, value in answers.items():
        element = scope.get(str(name))
        if isinstance(element, Group) and element.repeat and isinstance(value, list):
            result[name] = [
                _normalise(form, element, v) if isinstance(v, Mapping) else v for v in value
            ]
        elif isinstance(element, Group) and isinstance(value, Mapping):
            result[name] = _normalise(form, element, value)
        elif isinstance(element, Question):
            result[name] = canonical_value(form, element, value)
        else:
            result[name] = value
    return result


def normalise_answers(form: Form, answers: Mapping[str, Any]) -> dict[str, Any]:
    """`answers` in canonical form (a new dict; call after `check_answers` found nothing).

    Canonical values: integer → int; decimal → float; range → int when whole, else float;
    select_multiple and rank → one space-separated string; geopoint lists → a string;
    a number given for a text or select_one → its string; other text is stripped (free
    text is kept exactly); None, "" and [] → None (unanswered). Values that do not fit
    their type, and names the form does not know, are passed through unchanged.
    """
    return _normalise(form, form.root, answers)
