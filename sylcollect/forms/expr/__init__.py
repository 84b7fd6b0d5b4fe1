"""The XLSForm/ODK expression language: parse, evaluate against an instance, find dependencies.

Typical use::

    expr = compile_expression("${age} >= 18 and selected(${consent}, 'yes')")
    ok = expr.evaluate_boolean(EvalContext(root, context=node, paths=paths))
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sylcollect.forms.expr.context import EvalContext, system_clock
from sylcollect.forms.expr.deps import dependencies, is_volatile
from sylcollect.forms.expr.errors import ExpressionError
from sylcollect.forms.expr.evaluator import evaluate, evaluate_at
from sylcollect.forms.expr.functions import round_half_away
from sylcollect.forms.expr.instance import (
    Node,
    document_of,
    new_document,
    secondary_instance,
    secondary_instances,
)
from sylcollect.forms.expr.labels import interpolate, label_names
from sylcollect.forms.expr.parser import parse
from sylcollect.forms.expr.signatures import ARITY
from sylcollect.forms.expr.syntax import Expr, to_xpath
from sylcollect.forms.expr.values import (
    NodeSet,
    Value,
    format_number,
    to_boolean,
    to_number,
    to_string,
)
from sylcollect.forms.expr.xform import XFormInstances, instances_from_xform, node_to_xml


@dataclass(frozen=True)
class Expression:
    """A parsed expression with what it reads; immutable, safe to share between threads."""

    source: str
    tree: Expr
    reads: frozenset[str]
    volatile: bool

    def evaluate(self, ctx: EvalContext) -> Value:
        return evaluate(self.tree, ctx)

    def evaluate_at(self, ctx: EvalContext, node: Node) -> Value:
        """`evaluate(ctx.at(node))`, without making the moved context."""
        return evaluate_at(self.tree, ctx, node)

    def evaluate_boolean(self, ctx: EvalContext) -> bool:
        return to_boolean(self.evaluate(ctx))

    def evaluate_string(self, ctx: EvalContext) -> str:
        return to_string(self.evaluate(ctx))

    def evaluate_number(self, ctx: EvalContext) -> float:
        return to_number(self.evaluate(ctx))


@lru_cache(maxsize=4096)
def compile_expression(source: str, context_path: str | None = None) -> Expression:
    """Parse `source` (ExpressionError if invalid or calling an unknown function)."""
    tree = parse(source)
    return Expression(source, tree, dependencies(tree, context_path), is_volatile(tree))


FUNCTION_NAMES = frozenset(ARITY)

__all__ = [
    "FUNCTION_NAMES",
    "EvalContext",
    "Expr",
    "Expression",
    "ExpressionError",
    "Node",
    "NodeSet",
    "Value",
    "XFormInstances",
    "compile_expression",
    "dependencies",
    "document_of",
    "evaluate",
    "evaluate_at",
    "format_number",
    "instances_from_xform",
    "interpolate",
    "is_volatile",
    "label_names",
    "new_document",
    "node_to_xml",
    "parse",
    "round_half_away",
    "secondary_instance",
    "secondary_instances",
    "system_clock",
    "to_boolean",
    "to_number",
    "to_string",
    "to_xpath",
]
