"""Recursive-descent parser for the expression grammar of STORY_FORMAT.md.

    expr  := or
    or    := and ("or" and)*
    and   := not ("and" not)*
    not   := "not" not | cmp
    cmp   := sum [("==" | "!=" | "<" | "<=" | ">" | ">=") sum]     (no chaining)
    sum   := prod (("+" | "-") prod)*
    prod  := unary ("*" unary)*
    unary := "-" unary | atom
    atom  := INT | "true" | "false" | STRING | NAME | "visited" "(" STRING ")" | "(" expr ")"

Nesting is limited so that a hostile expression (10,000 parentheses) is a clean error,
not a RecursionError.
"""

from __future__ import annotations

from .ast import Binary, Expr, Literal, Name, Unary, Visited
from .errors import ExprError
from .lexer import Token, tokenize

MAX_NESTING = 64
MAX_OPERATORS = 200  # keeps every tree shallow enough for the recursive checker
_COMPARISONS = frozenset({"==", "!=", "<", "<=", ">", ">="})


def parse(source: str) -> Expr:
    """Parse an expression, or raise ExprError with the offset of the problem."""
    tokens = tokenize(source)
    operators = [t for t in tokens if t.kind == "OP" and t.text not in "()"
                 or t.kind == "KEYWORD" and t.text in ("and", "or", "not")]
    if len(operators) > MAX_OPERATORS:
        raise ExprError(f"expression has more than {MAX_OPERATORS} operators; split the "
                        "condition up", operators[MAX_OPERATORS].offset)
    return _Parser(tokens).parse_all()


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.depth = 0

    @property
    def tok(self) -> Token:
        return self.tokens[self.pos]

    def at(self, *texts: str) -> bool:
        t = self.tok
        return t.kind in ("OP", "KEYWORD") and t.text in texts

    def take(self) -> Token:
        t = self.tokens[self.pos]
        self.pos += 1
        return t

    def expect(self, text: str, what: str) -> Token:
        if not self.at(text):
            raise ExprError(f"expected {what}, found {_describe(self.tok)}", self.tok.offset)
        return self.take()

    def parse_all(self) -> Expr:
        if self.tok.kind == "END":
            raise ExprError("empty expression", 0)
        e = self.expr()
        if self.tok.kind != "END":
            t = self.tok
            hint = ""
            if t.kind == "OP" and t.text in _COMPARISONS:
                hint = " (comparisons do not chain: write 'a < b and b < c')"
            raise ExprError(f"unexpected {_describe(t)}{hint}", t.offset)
        return e

    def expr(self) -> Expr:
        self.depth += 1
        self._guard(0)
        try:
            return self.or_()
        finally:
            self.depth -= 1

    def or_(self) -> Expr:
        left = self.and_()
        while self.at("or"):
            op = self.take()
            left = Binary("or", left, self.and_(), op.offset)
        return left

    def and_(self) -> Expr:
        left = self.not_()
        while self.at("and"):
            op = self.take()
            left = Binary("and", left, self.not_(), op.offset)
        return left

    def not_(self) -> Expr:
        nots: list[Token] = []
        while self.at("not"):
            nots.append(self.take())
            self._guard(len(nots))
        e = self.cmp()
        for t in reversed(nots):
            e = Unary("not", e, t.offset)
        return e

    def cmp(self) -> Expr:
        left = self.sum()
        if self.tok.kind == "OP" and self.tok.text in _COMPARISONS:
            op = self.take()
            left = Binary(op.text, left, self.sum(), op.offset)
        return left

    def sum(self) -> Expr:
        left = self.prod()
        while self.at("+", "-"):
            op = self.take()
            left = Binary(op.text, left, self.prod(), op.offset)
        return left

    def prod(self) -> Expr:
        left = self.unary()
        while self.at("*"):
            op = self.take()
            left = Binary("*", left, self.unary(), op.offset)
        return left

    def unary(self) -> Expr:
        minuses: list[Token] = []
        while self.at("-"):
            minuses.append(self.take())
            self._guard(len(minuses))
        e = self.atom()
        for t in reversed(minuses):
            e = Unary("-", e, t.offset)
        return e

    def _guard(self, count: int) -> None:
        if self.depth + count > MAX_NESTING:
            raise ExprError(f"expression nested more than {MAX_NESTING} levels deep",
                            self.tok.offset)

    def atom(self) -> Expr:
        t = self.tok
        if t.kind == "INT":
            self.take()
            assert isinstance(t.value, int)
            return Literal(t.value, t.offset)
        if t.kind == "STRING":
            self.take()
            assert isinstance(t.value, str)
            return Literal(t.value, t.offset)
        if t.kind == "NAME":
            self.take()
            return Name(t.text, t.offset)
        if t.kind == "KEYWORD":
            if t.text in ("true", "false"):
                self.take()
                return Literal(t.text == "true", t.offset)
            if t.text == "visited":
                return self.visited()
        if self.at("("):
            self.take()
            e = self.expr()
            self.expect(")", "')' to close the '('")
            return e
        if t.kind == "END":
            raise ExprError("expression ends too early: a value is missing", t.offset)
        raise ExprError(f"expected a value, found {_describe(t)}", t.offset)

    def visited(self) -> Expr:
        start = self.take()
        self.expect("(", "'(' after visited")
        arg = self.tok
        if arg.kind != "STRING":
            raise ExprError("visited() takes a node id in quotes, like visited(\"hall\")",
                            arg.offset)
        self.take()
        self.expect(")", "')' to close visited(")
        assert isinstance(arg.value, str)
        return Visited(arg.value, start.offset, arg.offset)


def _describe(t: Token) -> str:
    if t.kind == "END":
        return "the end of the expression"
    if t.kind == "NAME":
        return f"name '{t.text}'"
    if t.kind == "INT":
        return f"number {t.text}"
    if t.kind == "STRING":
        return f"string {t.text}"
    return f"'{t.text}'"
