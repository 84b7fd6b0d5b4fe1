"""`${name}` interpolation in labels, hints and messages."""

from __future__ import annotations

import re

from sylcollect.forms.expr.context import EvalContext
from sylcollect.forms.expr.errors import ExpressionError
from sylcollect.forms.expr.evaluator import evaluate
from sylcollect.forms.expr.syntax import Ref
from sylcollect.forms.expr.values import to_string

_REF = re.compile(r"\$\{\s*([^{}\s]+)\s*\}")


def label_names(text: str) -> frozenset[str]:
    """The names a label refers to (its dependencies)."""
    return frozenset(_REF.findall(text))


def interpolate(text: str, ctx: EvalContext) -> str:
    """`text` with each `${name}` replaced by that answer's text ("" for a name not in the form)."""

    def value(match: re.Match[str]) -> str:
        try:
            return to_string(evaluate(Ref(match.group(1)), ctx))
        except ExpressionError:
            return ""

    return _REF.sub(value, text)
