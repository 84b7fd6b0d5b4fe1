"""`relevant` expressions in words, for paper forms.

Simple conditions (a question equal to, not equal to, including, or compared with a value,
joined by and/or) read like "question 3 is “Yes” or “Not sure”"; they also give routing
at the controlling question ("If No, go to question 7"). Anything else becomes
"Answer only if: <the expression with question numbers and plain operators>".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from sylcollect.forms.expr import ExpressionError, parse
from sylcollect.forms.expr.syntax import Binary, Call, Expr, Literal, Number, Ref
from sylcollect.forms.model import Form, Question, text_in

_OPS = {
    "=": "is",
    "!=": "is not",
    ">": "is more than",
    ">=": "is at least",
    "<": "is less than",
    "<=": "is at most",
}
_REF = re.compile(r"\$\{\s*([^{}\s]+)\s*\}")


@dataclass(frozen=True)
class Route:
    """A simple condition: question `name`'s answer is one of `values` (None: not simple)."""

    name: str
    values: frozenset[str]


class Describer:
    """Turns a form's expressions into words, given the printed question numbers."""

    def __init__(self, form: Form, numbers: Mapping[str, int], lang: str | None = None) -> None:
        self.form = form
        self.numbers = numbers
        self.lang = lang

    def _q(self, name: str) -> str:
        n = self.numbers.get(name)
        return f"question {n}" if n else f"“{name}”"

    def _value(self, question: Question | None, value: str) -> str:
        if question is not None and question.is_select:
            for choice in self.form.choices(question):
                if choice.name == value:
                    return f"“{text_in(choice.labels, self.lang)}”"
        if re.fullmatch(r"-?\d+(\.\d+)?", value):
            return value
        return f"“{value}”"

    def _ordered(self, question: Question | None, values: frozenset[str]) -> list[str]:
        """Values in the order of the question's choices (others after, sorted)."""
        names = [c.name for c in self.form.choices(question)] if question else []
        known = [n for n in names if n in values]
        return known + sorted(values - set(known))

    def _literal(self, expr: Expr) -> str | None:
        if isinstance(expr, Literal):
            return expr.value
        if isinstance(expr, Number):
            value = expr.value
            return str(int(value)) if value == int(value) else str(value)
        return None

    def simple(self, expr: Expr) -> str | None:
        """Words for a simple condition, None when it isn't one."""
        if isinstance(expr, Binary) and expr.op in ("and", "or"):
            same = self._same_question_values(expr)
            if same is not None:
                q = self.form.find(same.name)
                joined = " or ".join(self._value(q, v) for v in self._ordered(q, same.values))
                return f"{self._q(same.name)} is {joined}"
            left, right = self.simple(expr.left), self.simple(expr.right)
            if left is None or right is None:
                return None
            return f"{left} {expr.op} {right}"
        if isinstance(expr, Binary) and expr.op in _OPS:
            ref, lit = expr.left, self._literal(expr.right)
            op = expr.op
            if not isinstance(ref, Ref):
                ref, lit = expr.right, self._literal(expr.left)
                op = {">": "<", "<": ">", ">=": "<=", "<=": ">="}.get(op, op)
            if not isinstance(ref, Ref) or lit is None:
                return None
            q = self.form.find(ref.name)
            if lit == "" and op == "=":
                return f"{self._q(ref.name)} is left empty"
            if lit == "" and op == "!=":
                return f"{self._q(ref.name)} is answered"
            return f"{self._q(ref.name)} {_OPS[op]} {self._value(q, lit)}"
        if isinstance(expr, Call):
            if expr.name == "selected" and len(expr.args) == 2:
                ref, lit = expr.args[0], self._literal(expr.args[1])
                if isinstance(ref, Ref) and lit is not None:
                    q = self.form.find(ref.name)
                    return f"{self._q(ref.name)} includes {self._value(q, lit)}"
            if expr.name == "not" and len(expr.args) == 1:
                inner = self.simple(expr.args[0])
                if inner is not None and " includes " in inner and " or " not in inner:
                    return inner.replace(" includes ", " does not include ")
        return None

    def _same_question_values(self, expr: Expr) -> Route | None:
        """`${q} = 'a' or ${q} = 'b'` → Route(q, {a, b}); None otherwise."""
        if isinstance(expr, Binary) and expr.op == "or":
            left = self._same_question_values(expr.left)
            right = self._same_question_values(expr.right)
            if left and right and left.name == right.name:
                return Route(left.name, left.values | right.values)
            return None
        if (
            isinstance(expr, Binary)
            and expr.op == "="
            and isinstance(expr.left, Ref)
            and isinstance(expr.right, Literal)
        ):
            return Route(expr.left.name, frozenset({expr.right.value}))
        return None

    def route(self, text: str) -> Route | None:
        """The routing condition of a `relevant`, when it is one question's values."""
        try:
            expr = parse(text)
        except ExpressionError:
            return None
        if isinstance(expr, Call) and expr.name == "selected" and len(expr.args) == 2:
            ref, lit = expr.args[0], self._literal(expr.args[1])
            if isinstance(ref, Ref) and lit is not None:
                question = self.form.find(ref.name)
                if question is not None and question.type == "select_one":
                    return Route(ref.name, frozenset({lit}))
        return self._same_question_values(expr)

    def condition(self, text: str) -> str:
        """'Answer only if …' for any relevant expression."""
        try:
            words = self.simple(parse(text))
        except ExpressionError:
            words = None
        if words is not None:
            return f"Answer only if {words}."
        return f"Answer only if: {self.plain(text)}"

    def plain(self, text: str) -> str:
        """The expression with question numbers for `${name}` and worded operators."""
        out = _REF.sub(lambda m: self._q(m.group(1)), text)
        for op, word in (
            ("!=", " is not "),
            (">=", " is at least "),
            ("<=", " is at most "),
            ("=", " is "),
            (">", " is more than "),
            ("<", " is less than "),
        ):
            out = re.sub(rf"\s*(?<![!<>]){re.escape(op)}(?!=)\s*", word, out)
        return re.sub(r"\s+", " ", out).strip()

    def label(self, text: str) -> str:
        """A label with `${name}` shown as "[answer to question N]"."""
        return _REF.sub(lambda m: f"[answer to {self._q(m.group(1))}]", text)
