"""Recursive-descent parser from expression text to an immutable syntax tree."""

from __future__ import annotations

from functools import lru_cache

from sylcollect.forms.expr.errors import ExpressionError
from sylcollect.forms.expr.lexer import Kind, Token, tokenize
from sylcollect.forms.expr.signatures import ARITY
from sylcollect.forms.expr.syntax import (
    PRECEDENCE,
    Binary,
    Call,
    Expr,
    Filter,
    Literal,
    Negate,
    Number,
    Path,
    Ref,
    Step,
    height,
)

MAX_DEPTH = 100
#: The deepest syntax tree accepted: evaluating and analysing a tree recurse once per level,
#: and Python's stack allows about 1,000 calls in all.
MAX_HEIGHT = 250
MAX_LENGTH = 100_000
_BINARY = frozenset(PRECEDENCE) - {"|"}
_STEP_PUNCT = frozenset({"@", ".", ".."})


def parse(source: str) -> Expr:
    """Parse XLSForm (`${name}`) or XPath (`/data/q`) expression text; ExpressionError if bad."""
    if not isinstance(source, str):
        raise ExpressionError("an expression must be text")
    return _parse(source)


@lru_cache(maxsize=4096)
def _parse(source: str) -> Expr:
    if len(source) > MAX_LENGTH:
        raise ExpressionError(f"expression longer than {MAX_LENGTH} characters")
    if not source.strip():
        raise ExpressionError("empty expression")
    parser = _Parser(source, tokenize(source))
    expr = parser.expr(1)
    parser.expect_end()
    if height(expr) > MAX_HEIGHT:
        raise ExpressionError(
            f"expression too deeply nested: more than {MAX_HEIGHT} operators or brackets "
            "inside one another (a chain of + counts each one); split it over several "
            "calculations"
        )
    return expr


class _Parser:
    """Parses one token list; each method consumes one grammar production of XPath 1.0."""

    def __init__(self, source: str, tokens: list[Token]) -> None:
        self.src = source
        self.tokens = tokens
        self.i = 0
        self.depth = 0

    # -- token helpers ------------------------------------------------------------------
    def peek(self) -> Token:
        return self.tokens[self.i]

    def advance(self) -> Token:
        tok = self.tokens[self.i]
        if tok.kind is not Kind.END:
            self.i += 1
        return tok

    def at(self, text: str) -> bool:
        tok = self.peek()
        return tok.text == text and tok.kind in (Kind.PUNCT, Kind.OPERATOR)

    def fail(self, message: str, tok: Token | None = None) -> ExpressionError:
        tok = tok or self.peek()
        return ExpressionError(message, position=tok.pos, source=self.src)

    def unexpected(self) -> ExpressionError:
        tok = self.peek()
        if tok.kind is Kind.END:
            return self.fail("unexpected end of expression")
        shown = tok.text if tok.kind is not Kind.STRING else repr(tok.text)
        return self.fail(f"unexpected {tok.kind.value} '{shown}'")

    def expect(self, text: str) -> Token:
        if not self.at(text):
            tok = self.peek()
            found = "the end" if tok.kind is Kind.END else f"'{tok.text}'"
            raise self.fail(f"expected '{text}' but found {found}")
        return self.advance()

    def expect_end(self) -> None:
        if self.peek().kind is not Kind.END:
            raise self.unexpected()

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.fail("expression nested too deeply")

    # -- grammar ------------------------------------------------------------------------
    def expr(self, min_prec: int) -> Expr:
        self.enter()
        left = self.unary()
        while True:
            tok = self.peek()
            if tok.kind is not Kind.OPERATOR or tok.text not in _BINARY:
                break
            prec = PRECEDENCE[tok.text]
            if prec < min_prec:
                break
            self.advance()
            right = self.expr(prec + 1)
            left = Binary(tok.text, left, right, tok.pos)
        self.depth -= 1
        return left

    def unary(self) -> Expr:
        tok = self.peek()
        if tok.kind is Kind.OPERATOR and tok.text == "-":
            self.advance()
            self.enter()
            operand = self.unary()
            self.depth -= 1
            return Negate(operand, tok.pos)
        left = self.path_expr()
        while self.at("|"):
            op = self.advance()
            left = Binary("|", left, self.path_expr(), op.pos)
        return left

    def starts_step(self) -> bool:
        tok = self.peek()
        if tok.kind in (Kind.NAME, Kind.AXIS, Kind.NODE_TYPE):
            return True
        return tok.kind is Kind.PUNCT and tok.text in _STEP_PUNCT

    def path_expr(self) -> Expr:
        tok = self.peek()
        if self.at("/"):
            self.advance()
            steps = self.relative_path() if self.starts_step() else ()
            return Path(True, steps, tok.pos)  # "/" alone is the document
        if self.at("//"):
            self.advance()
            return Path(True, (_descendants(tok.pos), *self.relative_path()), tok.pos)
        if self.starts_step():
            return Path(False, self.relative_path(), tok.pos)
        primary = self.primary()
        predicates = self.predicates()
        after = self.more_steps() if self.at("/") or self.at("//") else ()
        if not predicates and not after:
            return primary
        return Filter(primary, predicates, after, tok.pos)

    def relative_path(self) -> tuple[Step, ...]:
        return (self.step(), *self.more_steps())

    def more_steps(self) -> tuple[Step, ...]:
        steps: list[Step] = []
        while self.at("/") or self.at("//"):
            sep = self.advance()
            if sep.text == "//":
                steps.append(_descendants(sep.pos))
            steps.append(self.step())
        return tuple(steps)

    def step(self) -> Step:
        tok = self.peek()
        if self.at("."):
            self.advance()
            return Step("self", "node()", (), tok.pos)
        if self.at(".."):
            self.advance()
            return Step("parent", "node()", (), tok.pos)
        axis = "child"
        if self.at("@"):
            self.advance()
            axis = "attribute"
        elif tok.kind is Kind.AXIS:
            axis = self.advance().text
            self.expect("::")
        return Step(axis, self.node_test(), self.predicates(), tok.pos)

    def node_test(self) -> str:
        tok = self.peek()
        if tok.kind is Kind.NAME:
            return self.advance().text
        if tok.kind is Kind.NODE_TYPE:
            self.advance()
            self.expect("(")
            if tok.text == "processing-instruction" and self.peek().kind is Kind.STRING:
                self.advance()
            self.expect(")")
            return tok.text + "()"
        raise (
            self.unexpected()
            if tok.kind is Kind.END
            else self.fail(f"expected a node name but found '{tok.text}'")
        )

    def predicates(self) -> tuple[Expr, ...]:
        found: list[Expr] = []
        while self.at("["):
            self.advance()
            found.append(self.expr(1))
            self.expect("]")
        return tuple(found)

    def primary(self) -> Expr:
        tok = self.peek()
        if tok.kind is Kind.REF:
            self.advance()
            return Ref(tok.text, tok.pos)
        if tok.kind is Kind.STRING:
            self.advance()
            return Literal(tok.text, tok.pos)
        if tok.kind is Kind.NUMBER:
            self.advance()
            return Number(float(tok.text), tok.pos)
        if self.at("("):
            self.advance()
            inner = self.expr(1)
            self.expect(")")
            return inner
        if tok.kind is Kind.FUNCTION:
            return self.call()
        raise self.unexpected()

    def call(self) -> Call:
        tok = self.advance()
        name = tok.text
        if name not in ARITY:
            raise self.fail(f"unknown function '{name}'", tok)
        self.expect("(")
        args: list[Expr] = []
        if not self.at(")"):
            args.append(self.expr(1))
            while self.at(","):
                self.advance()
                args.append(self.expr(1))
        self.expect(")")
        low, high = ARITY[name]
        if len(args) < low or (high is not None and len(args) > high):
            wanted = _arity_text(low, high)
            raise self.fail(f"function '{name}' takes {wanted}, not {len(args)}", tok)
        return Call(name, tuple(args), tok.pos)


def _descendants(pos: int) -> Step:
    return Step("descendant-or-self", "node()", (), pos)


def _arity_text(low: int, high: int | None) -> str:
    if high is None:
        return f"at least {low} argument{'s' if low != 1 else ''}"
    if low == high:
        return f"{low} argument{'s' if low != 1 else ''}"
    return f"{low} to {high} arguments"
