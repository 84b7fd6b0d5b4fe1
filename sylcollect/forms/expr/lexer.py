"""Splits expression text into tokens, following the XPath 1.0 lexical rules plus `${name}`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from sylcollect.forms.expr.errors import ExpressionError


class Kind(Enum):
    """What a token is."""

    NUMBER = "number"
    STRING = "string"
    REF = "reference"  # ${name}
    NAME = "name"  # QName, or a name test such as `*` or `jr:*`
    FUNCTION = "function name"
    NODE_TYPE = "node type"  # node, text, comment, processing-instruction before "("
    AXIS = "axis"
    OPERATOR = "operator"
    PUNCT = "punctuation"  # ( ) [ ] . .. @ , ::
    END = "end of expression"


@dataclass(frozen=True, slots=True)
class Token:
    """One token: its kind, its text (string literals without quotes) and where it starts."""

    kind: Kind
    text: str
    pos: int


_NAME_START = r"[A-Za-z_\u00C0-\u02FF\u0370-\u1FFF\u200C-\u200D\u2070-\uFFFD]"
_NAME_CHAR = (
    r"[-.0-9A-Za-z_\u00B7\u00C0-\u02FF\u0300-\u036F\u0370-\u1FFF"
    r"\u200C-\u200D\u203F-\u2040\u2070-\uFFFD]"
)
_NCNAME = f"{_NAME_START}{_NAME_CHAR}*"
_QNAME = re.compile(f"{_NCNAME}:\\*|{_NCNAME}(?::{_NCNAME})?")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+")
_REF = re.compile(r"\$\{\s*([^{}\s]+)\s*\}")
_SPACE = re.compile(r"[ \t\r\n]*")
_NODE_TYPES = frozenset({"node", "text", "comment", "processing-instruction"})
_OPERATOR_NAMES = frozenset({"and", "or", "mod", "div"})
AXES = frozenset(
    {
        "ancestor",
        "ancestor-or-self",
        "attribute",
        "child",
        "descendant",
        "descendant-or-self",
        "following",
        "following-sibling",
        "namespace",
        "parent",
        "preceding",
        "preceding-sibling",
        "self",
    }
)
_SYMBOLS = ("!=", "<=", ">=", "::", "..", "//", "=", "<", ">", "+", "-", "|", "/", "*")
_PUNCT = frozenset({"(", ")", "[", "]", ".", "..", "@", ",", "::"})


def tokenize(source: str) -> list[Token]:
    """The tokens of `source`, ending with an END token; ExpressionError on bad input."""
    return _Lexer(source).run()


class _Lexer:
    """Single-pass tokenizer; operator names and `*` are disambiguated by the previous token."""

    def __init__(self, source: str) -> None:
        self.src = source
        self.i = 0
        self.tokens: list[Token] = []

    def fail(self, message: str, pos: int) -> ExpressionError:
        return ExpressionError(message, position=pos, source=self.src)

    def operator_expected(self) -> bool:
        """XPath 1.0 §3.7: after a value, `*` multiplies and a name is an operator name."""
        if not self.tokens:
            return False
        last = self.tokens[-1]
        if last.kind in (Kind.OPERATOR, Kind.AXIS, Kind.FUNCTION, Kind.NODE_TYPE):
            return False
        return not (last.kind is Kind.PUNCT and last.text in ("@", "::", "(", "[", ","))

    def add(self, kind: Kind, text: str, pos: int) -> None:
        self.tokens.append(Token(kind, text, pos))

    def run(self) -> list[Token]:
        src = self.src
        while True:
            self.i = _SPACE.match(src, self.i).end()  # type: ignore[union-attr]
            if self.i >= len(src):
                self.add(Kind.END, "", self.i)
                return self.tokens
            start = self.i
            ch = src[start]
            if ch in "'\"":
                end = src.find(ch, start + 1)
                if end < 0:
                    raise self.fail("unterminated string", start)
                self.add(Kind.STRING, src[start + 1 : end], start)
                self.i = end + 1
            elif ch == "$":
                m = _REF.match(src, start)
                if m is None:
                    raise self.fail("expected ${name}", start)
                self.add(Kind.REF, m.group(1), start)
                self.i = m.end()
            elif (m := _NUMBER.match(src, start)) is not None:
                self.add(Kind.NUMBER, m.group(), start)
                self.i = m.end()
            elif (m := _QNAME.match(src, start)) is not None:
                self.name(m.group(), start)
            else:
                self.symbol(start)

    def name(self, text: str, start: int) -> None:
        self.i = start + len(text)
        if self.operator_expected():
            if text not in _OPERATOR_NAMES:
                raise self.fail(f"expected an operator, found '{text}'", start)
            self.add(Kind.OPERATOR, text, start)
            return
        after = _SPACE.match(self.src, self.i).end()  # type: ignore[union-attr]
        nxt = self.src[after : after + 2]
        if text.endswith(":*"):
            self.add(Kind.NAME, text, start)
        elif nxt.startswith("("):
            kind = Kind.NODE_TYPE if text in _NODE_TYPES else Kind.FUNCTION
            self.add(kind, text, start)
        elif nxt == "::":
            if text not in AXES:
                raise self.fail(f"unknown axis '{text}'", start)
            self.add(Kind.AXIS, text, start)
        else:
            self.add(Kind.NAME, text, start)

    def symbol(self, start: int) -> None:
        src = self.src
        ch = src[start]
        if ch in "()[]@,":
            self.add(Kind.PUNCT, ch, start)
            self.i = start + 1
            return
        for sym in _SYMBOLS:
            if src.startswith(sym, start):
                self.i = start + len(sym)
                if sym == "*":
                    kind = Kind.OPERATOR if self.operator_expected() else Kind.NAME
                else:
                    kind = Kind.PUNCT if sym in _PUNCT else Kind.OPERATOR
                self.add(kind, sym, start)
                return
        if ch == ".":
            self.add(Kind.PUNCT, ".", start)
            self.i = start + 1
            return
        raise self.fail(f"unexpected character '{ch}'", start)
