"""Differential tests: our evaluator against Enketo's openrosa-xpath-evaluator.

Every form in ../shared/xlsforms/pyxform that pyxform converts; every relevant, constraint,
calculate and required expression of its XForm XML; on several answer sets; at every instance
of the bound node. And every form of the built-in library (resources/forms/*.md): each of its
expressions as the app compiles it (binds, choice filters, repeat counts, the safeguarding
sheet's rules) against pyxform's XForm text of it run by Enketo, on answer sets made from the
form's own choices (one test per expression). Both sides read the same instance XML. Enketo
runs under Node.js in one batched subprocess per session (see differential/run.js).
Deliberate differences, where we follow the ODK specification or XPath 1.0 rather than
Enketo, are in KNOWN_DIFFERENCES and in docs/expressions.md.
"""

from __future__ import annotations

import functools
import json
import math
import os
import random
import re
import shutil
import subprocess
import warnings
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from sylcollect.forms.compiled import CompiledForm, compile_form
from sylcollect.forms.expr import (
    EvalContext,
    Expression,
    ExpressionError,
    Node,
    Value,
    evaluate,
    format_number,
    instances_from_xform,
    new_document,
    node_to_xml,
    parse,
    to_boolean,
    to_string,
    to_xpath,
)
from sylcollect.forms.expr.syntax import Binary, Call, Expr, Filter, Literal, Negate, Number, Step
from sylcollect.forms.expr.syntax import Path as XPath
from sylcollect.forms.model import Form, Question
from sylcollect.forms.xlsform import load_form

HERE = Path(__file__).resolve().parent
RUNNER = HERE / "differential"
# tests/core/forms/expr/test_x.py: parents[4] is the repository, its parent holds shared/
SHARED = Path(__file__).resolve().parents[4].parent / "shared"
FORMS_DIR = SHARED / "xlsforms" / "pyxform"
FORMS = sorted(
    p for p in FORMS_DIR.rglob("*") if p.suffix in {".xls", ".xlsx", ".xlsm", ".csv", ".md"}
)
ATTRIBUTES = ("relevant", "constraint", "calculate", "required")
ANSWER_SETS = ("empty", *(f"{kind}-{i}" for kind in ("plausible", "random") for i in (1, 2, 3)))
XF = "{http://www.w3.org/2002/xforms}"

Outcome = tuple[str, object]  # ("bool", True) | ("str", "x") | ("error", reason)


@dataclass
class Case:
    """One expression evaluated by both sides on one answer set at one context node."""

    form: str
    answers: str
    attribute: str
    nodeset: str
    expr: str
    enketo_expr: str
    context: list[int]
    xml: str | None
    ours: Outcome
    theirs: Outcome = ("error", "not run")
    uses: frozenset[str] = field(default_factory=frozenset)
    js_numbers: frozenset[str] = frozenset()  # nodes whose text only JavaScript reads as a number


# -- the deliberate differences --------------------------------------------------------------
def _calls(case: Case, *names: str) -> bool:
    return any(name in case.uses for name in names)


def _one_unit_apart(case: Case) -> bool:
    """Both results are numbers one unit apart in the last decimal place of ours."""
    if not _close(case, 1.0):
        return False
    ours = str(case.ours[1])
    unit = 10.0 ** -len(ours.partition(".")[2])
    return math.isclose(abs(float(ours) - float(str(case.theirs[1]))), unit, rel_tol=1e-6)


def _close(case: Case, tolerance: float) -> bool:
    """Both results are numbers within a relative `tolerance` of each other."""
    if not case.ours[0] == case.theirs[0] == "str":
        return False
    try:
        ours, theirs = float(str(case.ours[1])), float(str(case.theirs[1]))
    except ValueError:
        return False
    return math.isclose(ours, theirs, rel_tol=tolerance)


KNOWN_DIFFERENCES: dict[str, tuple[str, Callable[[Case], bool]]] = {
    "enketo-missing-function": (
        "orxe does not implement jr:choice-name, indexed-repeat, pulldata, lower-case and "
        "upper-case (Enketo's form engine adds some); we implement them per the ODK spec.",
        lambda c: _calls(
            c, "jr:choice-name", "indexed-repeat", "pulldata", "lower-case", "upper-case"
        ),
    ),
    "number-grammar": (
        "Text to number follows XPath 1.0 (digits, one '.', optional '-'): '1e3', '0x1F', "
        "'+5' and 'Infinity' are NaN; Enketo uses JavaScript's Number().",
        lambda c: any(re.search(rf"\b{re.escape(name)}\b", c.expr) for name in c.js_numbers),
    ),
    "round-decimal": (
        "round(x, n) rounds the decimal value shown, halves away from zero (1.005 -> 1.01, "
        "0.285 -> 0.29, as JavaRosa's BigDecimal does); Enketo rounds the binary product "
        "x * 10^n (1.005 -> 1, 0.285 -> 0.28).",
        lambda c: _calls(c, "round") and _one_unit_apart(c),
    ),
    "libm-last-bit": (
        "log(), exp(), pow() and the trigonometric functions come from the platform's maths "
        "library in both engines and can differ in the last binary digit (log(3)).",
        lambda c: _close(c, 1e-14),
    ),
    "lazy-if": (
        "if() evaluates only the chosen branch (ODK); Enketo evaluates both, so an error in the "
        "branch not taken makes the whole expression fail.",
        lambda c: _calls(c, "if") and c.theirs[0] == "error",
    ),
}


# -- turning forms into cases ----------------------------------------------------------------
def _convert(path: Path) -> str | None:
    from pyxform.xls2xform import convert

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return str(convert(str(path), warnings=[]).xform)
        except Exception:  # pyxform rejects the form: nothing to compare
            return None


def _model_info(xform: str) -> tuple[list[dict[str, str]], dict[str, list[str]], list[str]]:
    """Binds, choice names per question path, and repeat paths."""
    html = ET.fromstring(xform)
    binds = [dict(b.attrib) for b in html.iter(f"{XF}bind")]
    lists: dict[str, list[str]] = {}
    for inst in html.iter(f"{XF}instance"):
        if inst.get("id"):
            lists[inst.get("id", "")] = [n.text or "" for n in inst.iter(f"{XF}name")]
    choices: dict[str, list[str]] = {}
    for control in html.iter():
        ref = control.get("ref")
        if ref is None or not control.tag.endswith(("select1", "select")):
            continue
        names = [v.text or "" for v in control.iter(f"{XF}value")]
        for itemset in control.iter(f"{XF}itemset"):
            found = re.search(r"instance\('([^']+)'\)", itemset.get("nodeset", ""))
            names += lists.get(found.group(1), []) if found else []
        choices[ref] = names
    repeats = [r.get("nodeset", "") for r in html.iter(f"{XF}repeat")]
    return binds, choices, repeats


_JUNK = ["", "0", "-1", "3.5", "abc", "yes", "no", "other", "2020-02-29", "a b", " 7 ", "100"]


def _value(kind: str, names: list[str], rnd: random.Random, junk: bool) -> str:
    if junk:
        return rnd.choice(_JUNK + names)
    if kind == "int":
        return str(rnd.randint(-5, 250))
    if kind == "decimal":
        return f"{rnd.uniform(-10, 300):.2f}"
    if kind == "date":
        return f"{rnd.randint(1990, 2025)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
    if kind == "dateTime":
        return f"2021-0{rnd.randint(1, 9)}-1{rnd.randint(0, 9)}T10:20:30.000+00:00"
    if kind == "time":
        return "10:20:00.000+00:00"
    if kind == "select1" and names:
        return rnd.choice(names)
    if kind == "select" and names:
        return " ".join(rnd.sample(names, k=min(len(names), rnd.randint(1, 2))))
    if kind == "geopoint":
        return "51.5 -0.12 10 5"
    return rnd.choice(["", "abc", "other", "yes", "12", "Hello world", "a@b.co"])


def _fill(xform: str, answer_set: str, seed: str) -> Node:
    binds, choices, repeats = _model_info(xform)
    root = instances_from_xform(xform).primary
    rnd = random.Random(f"{seed}:{answer_set}")
    if answer_set != "empty":
        for path in sorted(repeats, key=len):
            for node in root.find(path)[:1]:
                parent = node.parent
                assert parent is not None
                twin = node.copy()
                twin.parent = parent
                parent.children.insert(parent.children.index(node) + 1, twin)
    types = {b.get("nodeset", ""): b.get("type", "string") for b in binds}
    for node in [root, *root.descendants()]:
        if node.children or node is root:
            continue
        path = node.path()
        if answer_set == "empty" or path.endswith("/instanceID"):
            node.text = ""
            continue
        kind = types.get(path, "string")
        node.text = _value(kind, choices.get(path, []), rnd, answer_set.startswith("random"))
    return root


def _model_xml(root: Node, secondary: dict[str, Node]) -> str:
    parts = [f"<instance>{node_to_xml(root)}</instance>"]
    parts += [f'<instance id="{k}">{node_to_xml(v)}</instance>' for k, v in secondary.items()]
    return "<model>" + "".join(parts) + "</model>"


def _index_path(node: Node) -> list[int]:
    out: list[int] = []
    while node.parent is not None and not node.parent.is_document:
        out.append(node.parent.children.index(node))
        node = node.parent
    return out[::-1]


def _steps_to(node: Node) -> tuple[Step, ...]:
    chain = [n for n in (node, *node.ancestors()) if not n.is_document][::-1]
    return tuple(Step("child", n.name, (Number(float(n.sibling_position())),)) for n in chain)


_JS_ONLY_NUMBER = re.compile(r"\s*(\+[\d.]|0x[0-9a-f]|[\d.]+e[-+]?\d|[-+]?Infinity)", re.I)


def _js_numbers(root: Node) -> frozenset[str]:
    return frozenset(n.name for n in root.descendants() if _JS_ONLY_NUMBER.match(n.text))


_MODEL = (Step("child", "model"), Step("child", "instance", (Number(1.0),)))


def enketo_form(expr: Expr, context: Node) -> Expr:
    """Rewrite for Enketo's document as Enketo's form engine does: instance(), current(), /.

    Also spells unary minus as a subtraction from 0, which Enketo's lexer always accepts.
    """

    def go(e: Expr) -> Expr:
        match e:
            case XPath(absolute=True, steps=steps):
                return XPath(True, _MODEL[:1] + _MODEL[1:] + tuple(map(step, steps)))
            case XPath(absolute=False, steps=steps):
                return XPath(False, tuple(map(step, steps)))
            case Filter(primary=Call(name="instance", args=(Literal(value=v),)), steps=steps):
                by_id = Binary("=", XPath(False, (Step("attribute", "id"),)), Literal(v))
                head = (_MODEL[0], Step("child", "instance", (by_id,)))
                return XPath(True, head + tuple(map(step, steps)))
            case Filter(primary=Call(name="current"), predicates=(), steps=steps):
                return XPath(True, _MODEL[:1] + _MODEL[1:] + _steps_to(context) + steps)
            case Call(name="current", args=()):
                return XPath(True, _MODEL + _steps_to(context))
            case Filter(primary=primary, predicates=preds, steps=steps):
                return Filter(go(primary), tuple(map(go, preds)), tuple(map(step, steps)))
            case Call(name=name, args=args):
                return Call(name, tuple(map(go, args)))
            case Binary(op=op, left=left, right=right):
                return Binary(op, go(left), go(right))
            case Negate(operand=Number()):
                return e
            case Negate(operand=operand):  # Enketo's lexer can't negate a path: -x is 0 - x
                return Binary("-", Number(0.0), go(operand))
        return e

    def step(s: Step) -> Step:
        return Step(s.axis, s.test, tuple(map(go, s.predicates)))

    return go(expr)


def _function_names(expr: Expr) -> frozenset[str]:
    return frozenset(re.findall(r"([A-Za-z][\w:.-]*)\(", to_xpath(expr)))


def _ours(expr: Expr | None, error: str, ctx: EvalContext, attribute: str) -> Outcome:
    if expr is None:
        return ("error", error)
    try:
        value = evaluate(expr, ctx)
    except ExpressionError as exc:
        return ("error", exc.reason)
    return _outcome(value, attribute)


def _outcome(value: Value, attribute: str) -> Outcome:
    if attribute in ("calculate", "repeat_count"):
        return ("str", to_string(value))
    if attribute == "choices":  # a choice filter: the names of the choices it keeps, in order
        if not isinstance(value, list):
            return ("error", f"not a node-set: {to_string(value)!r}")
        return ("nodes", tuple(node.value for node in value))
    return ("bool", to_boolean(value))


# -- a hand-written corpus on a synthetic form, for what the pyxform forms don't exercise -----
SYNTHETIC = (
    "<h:html xmlns='http://www.w3.org/2002/xforms' xmlns:h='http://www.w3.org/1999/xhtml'>"
    "<h:head><model><instance><data id='syn'>"
    "<a/><b/><s/><m/><d/><e/><rep><x/><y/></rep><rep><x/><y/></rep><rep><x/><y/></rep>"
    "</data></instance><instance id='colours'><root>"
    "<item><name>red</name><label>Red</label><warm>1</warm></item>"
    "<item><name>blue</name><label>Blue</label><warm>0</warm></item>"
    "<item><name>amber</name><label>Amber</label><warm>1</warm></item>"
    "</root></instance></model></h:head><h:body/></h:html>"
)
SYNTHETIC_ANSWERS = [
    {"a": "", "b": "", "s": "", "m": "", "d": "", "e": "", "x": ["", "", ""], "y": ["", "", ""]},
    {"a": "3", "b": "10", "s": "abc", "m": "red amber", "d": "2020-01-01", "e": "1.005",
     "x": ["1", "", "7"], "y": ["red", "blue", ""]},
    {"a": "3.0", "b": "-2.5", "s": " 12 ", "m": "blue", "d": "2024-02-29", "e": "-0.5",
     "x": ["2", "4", "6"], "y": ["", "x", "amber"]},
    {"a": "1e3", "b": "0x10", "s": "+5", "m": "", "d": "2020-1-5", "e": "0.285",
     "x": ["abc", "2020-01-02", "-1"], "y": ["a b", " 7 ", "0"]},
]  # fmt: skip
SYNTHETIC_EXPRESSIONS = [
    "/data/a > 3", "/data/a < 3", "/data/a = ''", "/data/a != ''", "/data/a + 1",
    "/data/a = 3", "/data/a = '3'", "/data/a < /data/b", "/data/a + /data/b", "-/data/b",
    "/data/s + 0", "/data/s = 12", "/data/a * /data/b div 2", "/data/a mod 2", "/data/b mod 2",
    "/data/a div 0", "-/data/a div 0", "0 div 0", "(0 div 0) = (0 div 0)", "1 div -0",
    "string(/data/a div 7)", "number(/data/a) = /data/a", "boolean(/data/a)",
    "boolean(string(/data/a))", "not(/data/a)", "count(/data/rep)", "count(/data/rep/x)",
    "sum(/data/rep/x)", "/data/rep/x > 5", "/data/rep/x = ''", "/data/rep/x = /data/rep/y",
    "/data/rep/x != /data/a", "max(/data/rep/x)", "min(/data/rep/x, /data/a)",
    "concat(/data/rep/x, '|', /data/a)", "join('-', /data/rep/y)", "count(/data/rep[x > 1])",
    "/data/rep[2]/y", "/data/rep[position() = 3]/x", "/data/rep[last()]/x",
    "count(/data/rep[y != ''])", "../rep[1]/x", "position(../rep[2])",
    "round(/data/e)", "round(/data/e, 2)", "round(-/data/e)", "round(/data/a, -1)",
    "int(/data/e)", "int(-/data/e)", "floor(/data/e)", "ceiling(/data/e)", "abs(/data/b)",
    "pow(/data/a, 2)", "sqrt(/data/a)", "log(/data/a)", "exp(/data/e)",
    "selected(/data/m, 'red')", "selected(/data/m, 'blue')", "count-selected(/data/m)",
    "selected-at(/data/m, 1)", "selected-at(/data/m, 0)", "contains(/data/s, 'b')",
    "starts-with(/data/s, 'a')", "ends-with(/data/s, 'c')", "string-length(/data/s)",
    "substr(/data/s, 1, 2)", "substr(/data/s, 1)", "substring(/data/s, 2, 1)",
    "normalize-space(/data/s)", "translate(/data/s, 'abc', 'ABC')",
    "regex(/data/s, '^[a-z]+$')", "coalesce(/data/a, /data/s)", "coalesce(/data/m, 'none')",
    "if(/data/a > 2, 'big', 'small')", "if(/data/a = '', 0, /data/a * 2)",
    "boolean-from-string(/data/a)", "checklist(1, 2, /data/a, /data/s, /data/m)",
    "weighted-checklist(3, -1, /data/a, 2, /data/s, 2)",
    "/data/d + 1", "/data/d > '2021-01-01'", "/data/d - /data/rep[2]/x",
    "date(/data/d)", "decimal-date-time(/data/d)", "format-date(/data/d, '%Y-%m-%d')",
    "format-date(/data/d, '%e %b %y %a')", "format-date(/data/d, '%n/%e')",
    "date(/data/d) + 0", "format-date(date(/data/d) + 31, '%Y-%m-%d')",
    "instance('colours')/root/item[name = /data/m]/label",
    "count(instance('colours')/root/item[selected(/data/m, name)])",
    "instance('colours')/root/item[2]/label", "sum(instance('colours')/root/item/warm)",
    "join(',', instance('colours')/root/item[warm = 1]/name)",
    "instance('colours')/root/item[name = current()/../m]/label",
    "/data/a = true()", "/data/a and /data/s", "/data/a or /data/zz",
    "1 + 2 * 3 - 4 div 2", "1 < 2 = true()", "string(1 div 3)", "0.1 + 0.2",
    "string(/data/a * 1000000)", "number('  -4 ')", "if(true(), 'ok', count(1))",
]  # fmt: skip


def synthetic_cases() -> list[Case]:
    cases: list[Case] = []
    found = instances_from_xform(SYNTHETIC)
    for i, answers in enumerate(SYNTHETIC_ANSWERS):
        root = found.primary.copy()
        new_document(root)
        for name, value in answers.items():
            targets = root.find(f"/data/{name}") or root.find(f"/data/rep/{name}")
            texts = value if isinstance(value, list) else [value]
            for node, text in zip(targets, texts, strict=True):
                node.text = text
        xml: str | None = _model_xml(root, found.secondary)
        ctx = EvalContext(root, instances=found.secondary, clock=lambda: datetime.now(UTC))
        for text in SYNTHETIC_EXPRESSIONS:
            for where in ("/data/a", "/data/rep/x"):
                node = root.find(where)[1 if where.startswith("/data/rep") else 0]
                tree = parse(text)
                for attribute in ("calculate", "relevant"):
                    case = Case(
                        "synthetic", f"answers-{i}", attribute, where, text,
                        to_xpath(enketo_form(tree, node)), _index_path(node), xml,
                        _ours(tree, "", ctx.at(node), attribute), uses=_function_names(tree),
                    )  # fmt: skip
                    case.js_numbers = _js_numbers(root)
                    cases.append(case)
                    xml = None
    return cases


def build_cases() -> tuple[list[Case], list[str]]:
    cases: list[Case] = []
    converted: list[str] = []
    for path in FORMS:
        xform = _convert(path)
        if xform is None:
            continue
        converted.append(path.name)
        binds, _, _ = _model_info(xform)
        secondary = instances_from_xform(xform).secondary
        for answer_set in ANSWER_SETS:
            root = _fill(xform, answer_set, path.name)
            xml: str | None = _model_xml(root, secondary)
            ctx = EvalContext(root, instances=secondary, clock=lambda: datetime.now(UTC))
            for bind in binds:
                for attribute in ATTRIBUTES:
                    text = bind.get(attribute)
                    if not text:
                        continue
                    try:
                        tree: Expr | None = parse(text)
                        error = ""
                    except ExpressionError as exc:
                        tree, error = None, exc.reason
                    for node in root.find(bind["nodeset"]):
                        theirs = to_xpath(enketo_form(tree, node)) if tree else text
                        case = Case(
                            path.name, answer_set, attribute, bind["nodeset"], text, theirs,
                            _index_path(node), xml, _ours(tree, error, ctx.at(node), attribute),
                        )  # fmt: skip
                        case.uses = _function_names(tree) if tree else frozenset()
                        case.js_numbers = _js_numbers(root)
                        cases.append(case)
                        xml = None
    return cases, converted


# -- the built-in instrument library and demo forms (resources/forms) -------------------------
# parents[4] is the repository (see SHARED above)
LIBRARY_DIR = Path(__file__).resolve().parents[4] / "resources" / "forms"
LIBRARY = sorted(p for p in LIBRARY_DIR.glob("*.md") if not p.name.endswith(".LICENCE.md"))
JR = "{http://openrosa.org/javarosa}"
_BIND_ATTRIBUTES = ("relevant", "constraint", "calculate", "required", "readonly")
_SELECTS = ("select1", "select", "rank")
# choice names or labels that mean "prefer not to say"
_PNTS_NAMES = frozenset({"pnts", "pnta", "prefer_not", "prefer_not_to_say", "refused", "rns"})
_PNTS_LABEL = re.compile(r"rather not|prefer not|not to say|refuse", re.IGNORECASE)


@dataclass(frozen=True)
class LibraryExpression:
    """One expression of a library form, as each side gets it."""

    form: str  # the file name
    kind: str  # relevant, constraint, calculate, required, readonly, repeat_count, choices,
    #            or safeguarding
    where: str  # the bound path (repeat_count: the repeat), or the safeguarding rule's id
    ours: Expression  # as the app compiles it from the XLSForm (`${name}` and all)
    theirs: str  # as Enketo gets it: pyxform's XForm text; a rule's `${name}`s as paths

    @property
    def id(self) -> str:
        return f"{self.form}:{self.kind}:{self.where}"


def _library_form(path: Path) -> tuple[Form, CompiledForm]:
    form = load_form(path)
    return form, compile_form(form, path.name)


def _xform_expressions(xform: str) -> dict[tuple[str, str], str]:
    """(path, kind) -> expression text, for every expression of pyxform's XForm."""
    html = ET.fromstring(xform)
    out: dict[tuple[str, str], str] = {}
    for bind in html.iter(f"{XF}bind"):
        for attribute in _BIND_ATTRIBUTES:
            text = bind.get(attribute, "").strip()
            if text and not (attribute in ("required", "readonly") and text == "false()"):
                out[(bind.get("nodeset", ""), attribute)] = text
    for control in html.iter():
        if control.tag.rpartition("}")[2] not in _SELECTS:
            continue
        for itemset in control.iter(f"{XF}itemset"):
            nodeset = itemset.get("nodeset", "")
            if "[" in nodeset:  # a choice_filter (a plain list is no expression)
                out[(control.get("ref", ""), "choices")] = nodeset
    for repeat in html.iter(f"{XF}repeat"):
        if repeat.get(f"{JR}count"):
            out[(repeat.get("nodeset", ""), "repeat_count")] = repeat.get(f"{JR}count", "")
    return out


@functools.cache
def library_expressions() -> tuple[tuple[LibraryExpression, ...], tuple[str, ...]]:
    """Every expression of every library form, and what could not be paired or loaded."""
    found: list[LibraryExpression] = []
    problems: list[str] = []
    for path in LIBRARY:
        try:
            form, compiled = _library_form(path)
        except Exception as exc:  # reported by test_library_forms_are_all_compared
            problems.append(f"{path.name}: does not load: {exc}")
            continue
        theirs = _xform_expressions(form.xform_xml)
        ours = {
            (p, kind): bind.expr
            for p, kinds in compiled.binds.items()
            for kind, bind in kinds.items()
        }
        for key in sorted(theirs.keys() - ours.keys()):
            problems.append(f"{path.name}: pyxform's {key[1]} of {key[0]} has no bind of ours")
        for key in sorted(ours.keys() - theirs.keys()):
            problems.append(f"{path.name}: our {key[1]} of {key[0]} is not in pyxform's XForm")
        for where, kind in sorted(ours.keys() & theirs.keys()):
            found.append(
                LibraryExpression(
                    path.name, kind, where, ours[(where, kind)], theirs[(where, kind)]
                )
            )
        for rule in compiled.rules:
            text = to_xpath(rule.expr.tree, compiled.paths)
            found.append(
                LibraryExpression(path.name, "safeguarding", rule.rule.id, rule.expr, text)
            )
    return tuple(found), tuple(problems)


def _pools(today: date) -> dict[str, list[str]]:
    """Realistic typed answers, boundaries included (constraints like `. >= 0 and . <= 7`)."""
    month = today.replace(day=1)
    next_month = (month + timedelta(days=32)).replace(day=1)
    days = [today, today - timedelta(days=1), today + timedelta(days=1), month, next_month]
    dates = [d.isoformat() for d in days] + ["2024-02-29", "2023-12-01", "2023-12-15"]
    texts = ["abc", "P001 P002", "dh-e1 ss-m2", "two  spaces", "Hello world", "yp_12",
             "a@b.co", "O'Neil", "12", " padded "]  # fmt: skip
    return {
        "integer": ["0", "1", "3", "7", "8", "-1", "12", "45", "600", "601", "1440", "1441"],
        "range": ["0", "1", "3", "5", "10"],
        "decimal": ["0", "2.5", "-0.5", "7.25", "100.75", "1440.5"],
        "date": dates,
        "datetime": [f"{d}T10:20:30.000+00:00" for d in dates[:5]],
        "time": ["10:20:00.000+00:00", "00:00:00.000+00:00", "23:59:00.000+00:00"],
        "geopoint": ["51.5 -0.12 10 5", "-33.86 151.2 0 0"],
        "image": ["photo.jpg"], "audio": ["voice.m4a"], "video": ["clip.mp4"],
        "file": ["notes.pdf"], "acknowledge": ["OK"], "text": texts,
    }  # fmt: skip


def _metadata(question: Question, now: datetime) -> str:
    return {
        "instanceid": "uuid:5f0c7a52-6f8e-4b7e-9a43-0d3c2b1f9e11",
        "start": now.isoformat(timespec="milliseconds"),
        "end": now.isoformat(timespec="milliseconds"),
        "today": now.date().isoformat(),
        "deviceid": "sylcollect:laptop-1",
        "username": "fieldworker",
    }.get(question.type, "")


def library_answer_sets(form: Form) -> list[str]:
    """blank; choice-k (every select answers its k-th choice, so each choice value comes up,
    the "prefer not to say" codes included); prefer-not-to-say (every select that has one);
    all-chosen; some-blank-1..3 (random valid answers, about a third left blank)."""
    selects = [q for q in form.root.questions() if q.is_select]
    widest = max((len(form.choices(q)) for q in selects), default=0)
    return [
        "blank",
        *(f"choice-{k}" for k in range(max(widest, 4))),
        "prefer-not-to-say",
        "all-chosen",
        *(f"some-blank-{i}" for i in (1, 2, 3)),
    ]


def _answer(
    question: Question, names: list[str], answer_set: str, shift: int, rnd: random.Random,
    pools: dict[str, list[str]], prefer_not: frozenset[str],
) -> str:  # fmt: skip
    pool = pools.get(question.type, pools["text"])
    multiple = question.type in ("select_multiple", "rank")
    if answer_set == "blank" or (question.is_select and not names):
        return ""
    if answer_set == "prefer-not-to-say":
        return next((n for n in names if n in prefer_not), "") if question.is_select else ""
    if answer_set == "all-chosen":  # every choice of a multiple, the top answer of a single
        if question.is_select:
            answers = [n for n in names if n not in prefer_not] or names
            return " ".join(names) if multiple else answers[-1]
        return pool[-1 - shift % len(pool)]
    if answer_set.startswith("choice-"):
        k = int(answer_set.removeprefix("choice-"))
        if question.type == "rank":
            return " ".join(names[k % len(names) :] + names[: k % len(names)])
        if question.is_select:
            picked = [names[k % len(names)]]
            if multiple and k % 2 and len(names) > 1:
                picked.append(names[(k + 1) % len(names)])
            return " ".join(picked)
        return pool[(7 * k + shift) % len(pool)]  # 7: a stride that sweeps each pool
    if rnd.random() < 0.35:  # some-blank-i
        return ""
    if question.type == "rank":
        return " ".join(rnd.sample(names, k=len(names)))
    if multiple:
        picked_set = set(rnd.sample(names, k=rnd.randint(1, min(3, len(names)))))
        return " ".join(n for n in names if n in picked_set)
    return rnd.choice(names if question.is_select else pool)


def _prefer_not_codes(form: Form) -> frozenset[str]:
    return frozenset(
        choice.name
        for choices in form.choice_lists.values()
        for choice in choices
        if choice.name in _PNTS_NAMES or any(_PNTS_LABEL.search(t) for t in choice.labels.values())
    )


def _entries(root: Node, form: Form, answer_set: str, rnd: random.Random) -> None:
    """Give every repeat 0, 1 or 2 entries (blank: pyxform's one), outer repeats first."""
    if answer_set == "blank":
        return
    for group in sorted(
        (g for g in form.root.groups() if g.repeat), key=lambda g: g.path.count("/")
    ):
        if answer_set.startswith("choice-"):
            wanted = int(answer_set.removeprefix("choice-")) % 3
        else:
            wanted = {"prefer-not-to-say": 1, "all-chosen": 2}.get(answer_set, rnd.randint(0, 2))
        for owner in root.find(group.path.rpartition("/")[0]):
            have = owner.children_named(group.name)
            if not have:
                continue
            template = have[0].copy()
            for extra in have[wanted:]:
                owner.remove(extra)
            for _ in range(len(have), wanted):
                last = owner.children_named(group.name)[-1]
                owner.insert(owner.children.index(last) + 1, template.copy())


def library_instance(
    form: Form, compiled: CompiledForm, primary: Node, answer_set: str, now: datetime
) -> Node:
    """The primary instance filled in for `answer_set`; calculations hold our values."""
    root = new_document(primary.copy())
    rnd = random.Random(f"{form.id}:{answer_set}")
    pools = _pools(now.date())
    prefer_not = _prefer_not_codes(form)
    _entries(root, form, answer_set, rnd)
    questions = list(form.root.questions())
    for position, question in enumerate(questions):
        names = [c.name for c in form.choices(question)] if question.is_select else []
        for entry, node in enumerate(root.find(question.path)):
            if question.is_metadata:
                node.text = _metadata(question, now)
            elif question.takes_answer:
                shift = position + entry
                node.text = _answer(question, names, answer_set, shift, rnd, pools, prefer_not)
    ctx = compiled.context.replaced(root=root, clock=lambda: now)
    for _ in range(2):  # a calculation may read one further down
        for question in questions:
            bind = compiled.binds.get(question.path, {}).get("calculate")
            if bind is None:
                continue
            for node in root.find(question.path):
                try:
                    node.text = to_string(bind.expr.evaluate_at(ctx, node))
                except ExpressionError:
                    node.text = ""
    return root


def library_cases() -> list[Case]:
    """Every library expression on every answer set of its form, at every bound node."""
    expressions, _ = library_expressions()
    now = datetime.now(UTC)
    cases: list[Case] = []
    for path in LIBRARY:
        mine = [e for e in expressions if e.form == path.name]
        if not mine:
            continue
        form, compiled = _library_form(path)
        found = instances_from_xform(form.xform_xml)
        trees = {e.id: parse(e.theirs + ("/name" if e.kind == "choices" else "")) for e in mine}
        for answer_set in library_answer_sets(form):
            root = library_instance(form, compiled, found.primary, answer_set, now)
            xml: str | None = _model_xml(root, found.secondary)
            ctx = compiled.context.replaced(root=root, clock=lambda: now)
            js_numbers = _js_numbers(root)
            for e in mine:
                if e.kind == "safeguarding":
                    nodes = [root]  # evaluated on the whole record, as evaluate_alerts does
                elif e.kind == "repeat_count":
                    nodes = root.find(e.where.rpartition("/")[0])  # on the repeat's owner
                else:
                    nodes = root.find(e.where)
                tree = trees[e.id]
                for node in nodes:
                    try:
                        value = e.ours.evaluate_at(ctx, node)
                        if e.kind == "choices" and isinstance(value, list):
                            value = [item.child("name") or Node("name") for item in value]
                        ours = _outcome(value, e.kind)
                    except ExpressionError as exc:
                        ours = ("error", exc.reason)
                    case = Case(
                        e.form, answer_set, e.kind, e.where, e.ours.source,
                        to_xpath(enketo_form(tree, node)), _index_path(node), xml, ours,
                        uses=_function_names(tree), js_numbers=js_numbers,
                    )  # fmt: skip
                    cases.append(case)
                    xml = None
    return cases


def run_enketo(cases: list[Case]) -> None:
    node = shutil.which("node")
    modules = RUNNER / "node_modules"
    if node is None or not (modules / "openrosa-xpath-evaluator").is_dir():
        pytest.fail(
            "the differential tests need Node.js and the npm packages: run "
            "tests/core/forms/expr/differential/install.sh (npm install in that folder)"
        )
    lines = []
    for i, case in enumerate(cases):
        job: dict[str, object] = {"id": i, "context": case.context, "expr": case.enketo_expr}
        if case.xml is not None:
            job["xml"] = case.xml
        lines.append(json.dumps(job))
    env = {**os.environ, "TZ": "UTC"}
    done = subprocess.run(
        [node, str(RUNNER / "run.js")],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=True,
    )
    for line in done.stdout.splitlines():
        out = json.loads(line)
        case = cases[out["id"]]
        if "error" in out:
            case.theirs = ("error", out["error"])
            continue
        value: Value
        if out["t"] == "num":
            value = float(out["v"])
        elif out["t"] == "nodes":
            value = [Node("n", text) for text in out["v"]]
        else:
            value = out["v"]
        case.theirs = _outcome(value, case.attribute)


def agree(case: Case) -> bool:
    if case.ours[0] == "error" or case.theirs[0] == "error":
        return case.ours[0] == case.theirs[0]
    return case.ours == case.theirs


def known(case: Case) -> str | None:
    return next((k for k, (_, test) in KNOWN_DIFFERENCES.items() if test(case)), None)


@pytest.fixture(scope="session")
def compared() -> tuple[list[Case], list[str]]:
    cases, converted = build_cases()
    cases += synthetic_cases()
    run_enketo(cases)
    return cases, converted


@pytest.mark.differential
@pytest.mark.slow
def test_every_expression_agrees_with_enketo(compared: tuple[list[Case], list[str]]) -> None:
    cases, converted = compared
    assert len(converted) >= 60 and len(cases) >= 1000
    tally: Counter[str] = Counter()
    unexplained = []
    for case in cases:
        if agree(case):
            tally["agree"] += 1
        elif (why := known(case)) is not None:
            tally[f"known:{why}"] += 1
        else:
            tally["differ"] += 1
            unexplained.append(case)
    binds = {(c.form, c.attribute, c.nodeset) for c in cases if c.form != "synthetic"}
    corpus = {c.expr for c in cases if c.form == "synthetic"}
    print(f"\ndifferential: {len(converted)} forms, {len(binds)} bind expressions, "
          f"{len(corpus)} corpus expressions, {len(cases)} evaluations: {dict(tally)}")  # fmt: skip
    shown = "\n".join(
        f"{c.form} [{c.answers}] {c.attribute} {c.nodeset}: {c.expr!r}\n"
        f"    ours={c.ours} enketo={c.theirs} (sent {c.enketo_expr!r})"
        for c in unexplained[:15]
    )
    assert not unexplained, f"{len(unexplained)} unexplained differences:\n{shown}"


@pytest.mark.differential
def test_rewriting_for_enketo_keeps_meaning() -> None:
    root = new_document(Node("data", children=[Node("r"), Node("r", children=[Node("q", "1")])]))
    q = root.find("/data/r/q")[0]
    tree = parse("instance('l')/root/item[name = current()/../q]/label + /data/r[2]/q")
    assert to_xpath(enketo_form(tree, q)) == (
        "/model/instance[@id = 'l']/root/item[name = "
        "/model/instance[1]/data[1]/r[2]/q[1]/../q]/label + /model/instance[1]/data/r[2]/q"
    )
    assert format_number(float("1e21")) == "1000000000000000000000"


# -- the library: one test per expression, so a real bug in ours can be xfailed on its own ----
#: Expression id (form:kind:where) -> why it still differs: only real bugs in our engine,
#: naming the exact expression and inputs; strict, so the mark goes once it is fixed.
LIBRARY_XFAIL: dict[str, str] = {}


def _library_params() -> list[object]:
    expressions, _ = library_expressions()
    return [
        pytest.param(
            e.id,
            id=e.id,
            marks=[pytest.mark.xfail(strict=True, reason=LIBRARY_XFAIL[e.id])]
            if e.id in LIBRARY_XFAIL
            else [],
        )
        for e in expressions
    ]


@pytest.fixture(scope="session")
def library_compared() -> dict[str, list[Case]]:
    cases = library_cases()
    run_enketo(cases)
    by_expression: dict[str, list[Case]] = {}
    for case in cases:
        by_expression.setdefault(f"{case.form}:{case.attribute}:{case.nodeset}", []).append(case)
    return by_expression


@pytest.mark.differential
def test_library_forms_are_all_compared(library_compared: dict[str, list[Case]]) -> None:
    """Every form of resources/forms loads, and each of its expressions is paired with
    pyxform's and compared on several answer sets."""
    expressions, problems = library_expressions()
    assert LIBRARY, f"no forms in {LIBRARY_DIR}"
    assert not problems, "\n".join(problems)
    assert {e.form for e in expressions} <= {p.name for p in LIBRARY}
    assert {e.kind for e in expressions} >= {"relevant", "constraint", "calculate", "required",
                                              "safeguarding"}  # fmt: skip
    for e in expressions:
        answer_sets = {c.answers for c in library_compared.get(e.id, [])}
        assert len(answer_sets) >= 8, f"{e.id}: compared on {sorted(answer_sets)} only"
    cases = [c for group in library_compared.values() for c in group]
    tally = Counter(
        "agree" if agree(c) else f"known:{why}" if (why := known(c)) else "differ" for c in cases
    )
    print(f"\nlibrary differential: {len(LIBRARY)} forms, {len(expressions)} expressions, "
          f"{len({(c.form, c.answers) for c in cases})} answer sets, {len(cases)} evaluations: "
          f"{dict(tally)}")  # fmt: skip


@pytest.mark.differential
@pytest.mark.parametrize("expression", _library_params())
def test_library_expression_agrees_with_enketo(
    expression: str, library_compared: dict[str, list[Case]]
) -> None:
    cases = library_compared.get(expression, [])
    assert cases, f"{expression}: never evaluated"
    unexplained = [c for c in cases if not agree(c) and known(c) is None]
    shown = "\n".join(
        f"[{c.answers}] at {c.nodeset} {c.context}: ours={c.ours} enketo={c.theirs}\n"
        f"    ours {c.expr!r}, Enketo's {c.enketo_expr!r}"
        for c in unexplained[:10]
    )
    assert not unexplained, f"{len(unexplained)} of {len(cases)} differ:\n{shown}"
