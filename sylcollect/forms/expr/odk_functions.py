"""ODK's functions: select answers, dates, instances, repeats, once, uuid, checklists."""

from __future__ import annotations

import math
import posixpath
import re
import secrets
import string
import uuid
from datetime import tzinfo
from typing import TYPE_CHECKING

from sylcollect.forms.expr.dates import (
    Temporal,
    format_date,
    from_days,
    iso_text,
    now_text,
    parse_temporal,
    to_days,
)
from sylcollect.forms.expr.functions import Args, flat, function, n, s
from sylcollect.forms.expr.instance import DOCUMENT, Node, document_of
from sylcollect.forms.expr.syntax import Expr, Path, Ref
from sylcollect.forms.expr.values import NodeSet, Value, to_boolean, to_number, to_string

if TYPE_CHECKING:
    from sylcollect.forms.expr.evaluator import State

_RAW_NUMBER = re.compile(r"\s*-?[0-9]+(?:\.[0-9]+)?\s*")
_REF_TEXT = re.compile(r"\s*\$\{\s*([^{}\s]+)\s*\}\s*")
_TOKEN_CHARS = string.ascii_letters + string.digits


# -- select answers -----------------------------------------------------------------------
@function("selected")
def _selected(st: State, args: Args) -> Value:
    return s(st, args[1]).strip() in s(st, args[0]).split()


@function("count-selected")
def _count_selected(st: State, args: Args) -> Value:
    return float(len(s(st, args[0]).split()))


@function("selected-at")
def _selected_at(st: State, args: Args) -> Value:
    values = s(st, args[0]).split()
    index = n(st, args[1])
    if math.isnan(index) or math.isinf(index):
        return ""
    i = math.trunc(index)
    return values[i] if 0 <= i < len(values) else ""


@function("jr:choice-name")
def _choice_name(st: State, args: Args) -> Value:
    """The label of choice `value` of the select question named by the second argument, in
    the evaluation's language (falling back to the default language, as ODK does)."""
    value = s(st, args[0]).strip()
    path = _question_path(st, s(st, args[1]))
    if st.ctx.choice_label is not None:
        return st.ctx.choice_label(path, value, st.ctx.language)
    list_name = st.ctx.choice_lists.get(path)
    doc = st.ctx.instances.get(list_name) if list_name else None
    if doc is None:
        return ""
    for item in document_of(doc).find("/root/item"):
        name = item.child("name")
        if name is not None and name.value == value:
            label = item.child("label")
            return label.value if label is not None else value
    return ""


def _question_path(st: State, text: str) -> str:
    ref = _REF_TEXT.fullmatch(text)
    if ref is not None:
        return st.ctx.paths.get(ref.group(1), "")
    text = text.strip()
    if text.startswith("/"):
        return re.sub(r"\[[^\]]*\]", "", text)
    return posixpath.normpath(posixpath.join(st.origin.path(), text))


# -- checklists ---------------------------------------------------------------------------
def _truthy(value: Value) -> bool:
    if isinstance(value, list):  # one node: true when it holds non-blank text
        return bool(value) and bool(value[0].value.strip())
    return to_boolean(value)


def _within(count: float, low: float, high: float) -> bool:
    return (low < 0 or count >= low) and (high < 0 or count <= high)


@function("checklist")
def _checklist(st: State, args: Args) -> Value:
    trues = sum(1 for v in flat(st, args[2:]) if _truthy(v))
    return _within(trues, n(st, args[0]), n(st, args[1]))


@function("weighted-checklist")
def _weighted_checklist(st: State, args: Args) -> Value:
    if len(args) % 2:
        raise st.fail("weighted-checklist() needs a weight after every value", args[-1])
    total = 0.0
    for i in range(2, len(args), 2):
        values = flat(st, args[i : i + 1])
        weights = [to_number(w) for w in flat(st, args[i + 1 : i + 2])]
        total += sum(w for v, w in zip(values, weights, strict=False) if _truthy(v))
    return _within(total, n(st, args[0]), n(st, args[1]))


# -- dates --------------------------------------------------------------------------------
def _zone(st: State) -> tzinfo:
    moment = st.ctx.clock()
    return moment.tzinfo or moment.astimezone().tzinfo  # type: ignore[return-value]


def _temporal(value: Value) -> Temporal | None:
    """A date or dateTime from a number of days or ISO text; None if blank or invalid."""
    if isinstance(value, float | int) and not isinstance(value, bool):
        return from_days(float(value))
    if isinstance(value, bool):
        return None
    text = to_string(value)
    if _RAW_NUMBER.fullmatch(text):
        return from_days(float(text))
    return parse_temporal(text)


@function("today")
def _today(st: State, args: Args) -> Value:
    moment = st.ctx.clock()
    return moment.date().isoformat()


@function("now")
def _now(st: State, args: Args) -> Value:
    return now_text(st.ctx.clock())


@function("date", "date-time")
def _date(st: State, args: Args) -> Value:
    value = st.eval(args[0])
    if isinstance(value, str | list) and not to_string(value).strip():
        return ""
    moment = _temporal(value)
    if moment is None:
        raise st.fail("date() was given a value that is not a date", args[0])
    return iso_text(moment, _zone(st))


@function("decimal-date-time")
def _decimal_date_time(st: State, args: Args) -> Value:
    value = st.eval(args[0])
    if isinstance(value, float | int) and not isinstance(value, bool):
        return float(value)
    moment = parse_temporal(to_string(value))
    return math.nan if moment is None else to_days(moment)


@function("format-date", "format-date-time")
def _format_date(st: State, args: Args) -> Value:
    moment = _temporal(st.eval(args[0]))
    pattern = s(st, args[1])
    if moment is None:
        return ""
    return format_date(moment, pattern, _zone(st))


# -- instances, repeats, once, uuid -------------------------------------------------------
@function("current")
def _current(st: State, args: Args) -> Value:
    return [st.origin]


@function("instance")
def _instance(st: State, args: Args) -> Value:
    name = s(st, args[0])
    doc = st.ctx.instances.get(name)
    if doc is None:
        raise st.fail(f"unknown instance '{name}'", args[0])
    return [document_of(doc)]


@function("pulldata")
def _pulldata(st: State, args: Args) -> Value:
    """pulldata(list, column, key column, key): a value from a secondary instance's rows."""
    name, column, key_column, key = (s(st, a) for a in args)
    doc = st.ctx.instances.get(name)
    if doc is None:
        raise st.fail(f"unknown instance '{name}'", args[0])
    for item in document_of(doc).find("/root/item"):
        key_node = item.child(key_column)
        if key_node is not None and key_node.value == key:
            found = item.child(column)
            return found.value if found is not None else ""
    return ""


@function("once")
def _once(st: State, args: Args) -> Value:
    """The value the node already has; the argument only when that is empty."""
    hook = st.ctx.once
    kept = hook(st.origin) if hook is not None else st.origin.text
    return kept if kept else s(st, args[0])


@function("uuid")
def _uuid(st: State, args: Args) -> Value:
    if not args:
        return str(uuid.uuid4())
    length = n(st, args[0])
    if math.isnan(length) or length < 0 or length > 10_000:
        raise st.fail("uuid() length must be between 0 and 10000", args[0])
    return "".join(secrets.choice(_TOKEN_CHARS) for _ in range(int(length)))


@function("indexed-repeat")
def _indexed_repeat(st: State, args: Args) -> Value:
    """indexed-repeat(node, repeat1, index1[, repeat2, index2...]): `node` in those instances."""
    if len(args) % 2 == 0:
        raise st.fail("indexed-repeat() needs an index after every repeat", args[-1])
    node = document_of(st.ctx.root)
    done: list[str] = []
    for i in range(1, len(args), 2):
        steps = _static_path(st, args[i])
        index = n(st, args[i + 1])
        candidates = _walk(st, node, steps, done, args[i])
        if math.isnan(index) or not 1 <= index <= len(candidates):
            return []
        node = candidates[int(index) - 1]
        done = steps
    return _walk(st, node, _static_path(st, args[0]), done, args[0])


def _static_path(st: State, expr: Expr) -> list[str]:
    """The generic absolute steps named by a `${name}` or a plain path expression."""
    if isinstance(expr, Ref):
        path = st.ctx.paths.get(expr.name)
        if path is None:
            raise st.fail(f"unknown name '${{{expr.name}}}'", expr)
        return [p for p in path.split("/") if p]
    if isinstance(expr, Path) and all(not step.predicates for step in expr.steps):
        parts: list[str] = [] if expr.absolute else _generic_steps(st.origin)
        for step in expr.steps:
            if step.axis == "parent" and parts:
                parts.pop()
            elif step.axis == "child":
                parts.append(step.test)
            elif step.axis != "self":
                break
        else:
            return parts
    raise st.fail("indexed-repeat() needs paths to questions and repeats", expr)


def _generic_steps(node: Node) -> list[str]:
    return [p for p in node.path().split("/") if p]


def _walk(st: State, start: Node, steps: list[str], done: list[str], expr: Expr) -> NodeSet:
    if steps[: len(done)] != done:
        raise st.fail("indexed-repeat() path is not inside the repeat before it", expr)
    nodes = [start]
    for name in steps[len(done) :]:
        nodes = [c for node in nodes for c in node.children_named(name)]
    return [node for node in nodes if node.name != DOCUMENT]
